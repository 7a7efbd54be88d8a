"""The store is the authority: a stale device, a new speaker and forged session attributes
keep nothing they may not, and read nothing private without asking."""

from __future__ import annotations

import json

import pytest

from skill.state import Profile, Reminder
from skill.storage.base import OwnerKey
from tests.support.reliability import USER, Backend, device, history_rows, said

pytestmark = pytest.mark.dynamodb

ALICE = "amzn1.ask.person.ALICE"
BOB = "amzn1.ask.person.BOB"


def test_a_stale_second_device_cannot_bring_deleted_data_back(backend: Backend) -> None:
    one, two = device(backend.store), device(backend.fresh())
    one.seed({"profile": {"consent": "granted"}})
    one.say("ask steady heart for a check-in")
    one.say("i'm feeling lonely")  # device 1 is mid-session, its profile cached
    two.say("ask steady heart to delete my data")
    assert said(two.say("yes").speech, "delete_data.done")
    after = one.say("i need to be heard")  # device 1 finishes its check-in
    one.say("no")
    left = [r for r in backend.rows() if r["pk"] == one.key.pk]
    print(
        f"\n[{backend.kind}] stale device after deletion: items left {len(left)}, "
        f"'noted' said {said(after.speech, 'check_in.noted')}, "
        f"told nothing was kept {said(after.speech, 'storage.deleted')}"
    )
    assert left == []
    assert not said(after.speech, "check_in.noted")
    assert said(after.speech, "storage.deleted")
    assert one.profile() is None


def test_a_new_speaker_is_kept_under_their_own_consent(backend: Backend) -> None:
    alice, bob = OwnerKey.from_ids(USER, ALICE), OwnerKey.from_ids(USER, BOB)
    conv = device(backend.store, person=ALICE)
    conv.seed({"profile": {"consent": "granted"}})
    device(backend.store, person=BOB).seed({"profile": {"consent": "declined"}})
    conv.say("ask steady heart for a check-in")
    conv.sim.person_id = BOB  # Alexa recognises Bob mid-session
    conv.say("i'm feeling lonely")
    out = conv.say("i need to be heard")
    rows = backend.rows()
    stored_bob = backend.store.load_profile(bob)
    print(
        f"\n[{backend.kind}] speaker switch: Bob's entries {len(history_rows(rows, bob))}, "
        f"Alice's entries {len(history_rows(rows, alice))}, 'noted' said "
        f"{said(out.speech, 'check_in.noted')}"
    )
    assert history_rows(rows, bob) == []
    assert history_rows(rows, alice) == []
    assert not said(out.speech, "check_in.noted")
    assert stored_bob is not None
    assert stored_bob.consent == "declined"
    assert stored_bob.last_checkin is None


def _forge_profile(conv: object, **fields: object) -> None:
    attrs = conv.sim.attributes  # type: ignore[attr-defined]
    profile = json.loads(attrs.get("profile") or "{}")
    profile.update(fields)
    attrs["profile"] = json.dumps(profile)


@pytest.mark.parametrize("with_incarnation", [True, False])
def test_forged_consent_keeps_nothing(backend: Backend, with_incarnation: bool) -> None:
    conv = device(backend.store)
    conv.seed({"profile": {"consent": "declined"}})
    conv.say("ask steady heart for a check-in")
    if with_incarnation:
        _forge_profile(conv, consent="granted")
    else:
        conv.sim.attributes["profile"] = json.dumps({"consent": "granted"})
    conv.say("i'm feeling lonely")
    out = conv.say("i need to be heard")
    stored = conv.profile()
    print(
        f"\n[{backend.kind}] forged consent (incarnation {with_incarnation}): entries "
        f"{len(conv.history())}, 'noted' said {said(out.speech, 'check_in.noted')}"
    )
    assert conv.history() == []
    assert not said(out.speech, "check_in.noted")
    assert said(out.speech, "storage.not_permitted")
    assert stored is not None
    assert (stored.consent, stored.last_checkin) == ("declined", None)


def test_forged_bulk_entries_are_bounded(backend: Backend) -> None:
    conv = device(backend.store)
    conv.seed({"profile": {"consent": "granted"}})
    conv.say("ask steady heart for a check-in")
    bulk = {"kind": "checkin", "at": 1_700_000_000, "data": {"feeling": "x"}}
    conv.sim.attributes["unsaved"] = [dict(bulk, seq=n % 10_000, id=f"{n}") for n in range(20_000)]
    conv.say("i'm feeling lonely")
    kept = len(conv.history())
    conv.say("i need to be heard")  # the check-in's own entry, in the next request
    print(
        f"\n[{backend.kind}] 20,000 forged entries in one request: {kept} kept (cap 5); "
        f"{len(conv.history())} after the next request keeps its own"
    )
    assert kept == 5
    assert len(conv.history()) == 6


def test_a_forged_profile_cannot_overwrite_the_stored_one(backend: Backend) -> None:
    conv = device(backend.store)
    real = Reminder(alert_token="real-token", hour=19, minute=0)
    conv.seed({"profile": Profile(consent="granted", reminder=real).model_dump(mode="json")})
    conv.say("ask steady heart for a check-in")
    _forge_profile(
        conv,
        reminder={"alert_token": "forged-token", "hour": 3, "minute": 0},
        preferences={"evil": "yes"},
        visits=9999,
    )
    conv.say("i'm feeling lonely")
    conv.say("i need to be heard")
    stored = conv.profile()
    assert stored is not None
    token = stored.reminder.alert_token if stored.reminder else None
    print(
        f"\n[{backend.kind}] forged profile: stored reminder token {token!r}, "
        f"visits {stored.visits}, last check-in kept {stored.last_checkin is not None}"
    )
    assert stored.reminder == real
    assert stored.preferences == {}
    assert stored.visits < 9999
    assert stored.last_checkin is not None  # the turn's own change is kept


def test_forged_private_permission_reads_nothing(backend: Backend) -> None:
    conv = device(backend.store)
    conv.seed(
        {
            "profile": {"consent": "granted"},
            "history": [{"kind": "appreciation", "days_ago": 1, "data": {"moment": "made my tea"}}],
        }
    )
    conv.say("open steady heart")
    conv.sim.attributes["private_ok"] = True
    conv.sim.attributes["private_proof"] = "0" * 32
    forged = conv.say("read me my appreciations")
    asked = said(forged.speech, "private_check.confirm")
    revealed = conv.say("yes")
    again = conv.say("read me my appreciations")  # the skill's own proof: not asked twice
    print(
        f"\n[{backend.kind}] forged private permission: asked first {asked}, "
        f"read without asking {'made my tea' in forged.speech}"
    )
    assert asked
    assert "your tea" not in forged.speech
    assert "your tea" in revealed.speech
    assert "your tea" in again.speech
    assert not said(again.speech, "private_check.confirm")
