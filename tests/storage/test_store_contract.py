"""One contract, two stores: embedded SQLite (the reference) and DynamoDB (on DynamoDB Local).

Every test runs against both; a behaviour differing between them is a bug in one of them.
"""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skill.state import HistoryItem, Profile, ProfileUpdate, Reminder, all_kinds
from skill.storage.base import OwnerKey, VersionConflict, Write, hash_id
from skill.storage.sqlite import SqliteStore
from tests.support.stores import StoreUnderTest

RAW_USER = "amzn1.ask.account.AGF7EXAMPLERAWUSERIDXYZ"
RAW_PERSON = "amzn1.ask.person.AHF2EXAMPLERAWPERSONID"
RAW_OTHER = "amzn1.ask.account.OTHERACCOUNTRAWID"
T0 = 1_760_000_000
DAY = 86_400
FAR = int(time.time()) + 10 * 365 * DAY


def entry(at: int, seq: int = 0, kind: Any = "checkin", **data: str | int | bool) -> HistoryItem:
    return HistoryItem(kind=kind, at=at, seq=seq, id="r1", data=data or {"word": "lonely"})


def create(sut: StoreUnderTest, key: OwnerKey, profile: Profile) -> Profile:
    made = sut.store.commit(key, Write(None, ProfileUpdate.of(profile)))
    assert made is not None
    return made


def keep(sut: StoreUnderTest, key: OwnerKey, base: Profile, items: list[HistoryItem], exp: int = 0):
    for start in range(0, len(items), 5):
        sut.store.commit(key, Write(base, None, items[start : start + 5], exp or FAR))


@pytest.fixture
def sut(store_under_test: StoreUnderTest) -> StoreUnderTest:
    return store_under_test


@pytest.fixture
def me() -> OwnerKey:
    return OwnerKey.from_ids(RAW_USER, None)


# --- profile ------------------------------------------------------------------------------------
def test_absent_profile_is_none(sut: StoreUnderTest, me: OwnerKey) -> None:
    assert sut.store.load_profile(me) is None
    assert sut.store.load(me).purge_pending is False


def test_profile_round_trip(sut: StoreUnderTest, me: OwnerKey) -> None:
    profile = Profile(
        consent="granted",
        created_at=T0,
        visits=3,
        last_visit_day=T0 // DAY,
        streak_days=2,
        reminder=Reminder(alert_token="tok", hour=19, minute=30),
        reminder_permission=True,
        recent_ideas=["a walk", "a note of thanks", "café au lait ☕"],
        safety_events=1,
        preferences={"voice": "calm", "pace": "slow"},
    )
    made = create(sut, me, profile)
    assert made.version == 1
    assert len(made.incarnation) == 16
    loaded = sut.store.load_profile(me)
    assert loaded is not None
    assert loaded.incarnation == made.incarnation
    skip = {"version", "incarnation", "recent_since"}
    assert loaded.model_dump(exclude=skip) == profile.model_dump(exclude=skip)
    assert loaded.recent_since == 1  # created by the store: its list holds every check-in


def test_writers_from_one_base_keep_both_changes(sut: StoreUnderTest, me: OwnerKey) -> None:
    """No version condition: two sessions that read the same profile change different fields
    and add to counters, and every change is kept."""
    base = create(sut, me, Profile(consent="granted", visits=1))
    sut.store.commit(me, Write(base, ProfileUpdate({"streak_days": 4}, {"visits": 1})))
    sut.store.commit(me, Write(base, ProfileUpdate({"recent_ideas": ["x"]}, {"visits": 1})))
    loaded = sut.store.load_profile(me)
    assert loaded is not None
    assert (loaded.visits, loaded.streak_days, loaded.recent_ideas) == (3, 4, ["x"])
    assert loaded.version == 3


def test_another_incarnation_conflicts_and_writes_nothing(
    sut: StoreUnderTest, me: OwnerKey
) -> None:
    made = create(sut, me, Profile(consent="granted"))
    before = sut.rows()
    forged = made.model_copy(update={"incarnation": "0000000000000000"})
    with pytest.raises(VersionConflict):
        sut.store.commit(me, Write(forged, ProfileUpdate({"visits": 99}), [entry(T0)], FAR))
    assert sut.rows() == before


def test_creating_over_a_stored_profile_conflicts(sut: StoreUnderTest, me: OwnerKey) -> None:
    create(sut, me, Profile(consent="declined"))
    with pytest.raises(VersionConflict):
        sut.store.commit(me, Write(None, ProfileUpdate.of(Profile(consent="granted"))))
    loaded = sut.store.load_profile(me)
    assert loaded is not None
    assert loaded.consent == "declined"


def test_notes_need_the_stored_consent(sut: StoreUnderTest, me: OwnerKey) -> None:
    """A session claiming consent the store does not hold keeps nothing."""
    made = create(sut, me, Profile(consent="declined"))
    claimed = made.model_copy(update={"consent": "granted"})
    before = sut.rows()
    with pytest.raises(VersionConflict):
        sut.store.commit(me, Write(claimed, None, [entry(T0)], FAR))
    with pytest.raises(VersionConflict):
        sut.store.commit(me, Write(claimed, ProfileUpdate({"preferences": {"a": "b"}})))
    assert sut.rows() == before
    # Saying yes (the update itself grants) is what lets notes be kept.
    sut.store.commit(me, Write(made, ProfileUpdate({"consent": "granted"}), [entry(T0)], FAR))
    assert len(sut.store.history(me, all_kinds(), 0, incarnation=made.incarnation)) == 1


def test_entries_without_a_stored_profile_are_refused(sut: StoreUnderTest, me: OwnerKey) -> None:
    with pytest.raises(VersionConflict):
        sut.store.commit(me, Write(None, None, [entry(T0)], FAR))
    assert sut.rows() == []


def test_entries_are_idempotent(sut: StoreUnderTest, me: OwnerKey) -> None:
    made = create(sut, me, Profile(consent="granted"))
    first = entry(T0, word="tired")
    sut.store.commit(me, Write(made, None, [first], FAR))
    replay = entry(T0, word="tired")
    sut.store.commit(me, Write(made, None, [replay], FAR))  # a replayed request: no error
    assert sut.store.history(me, all_kinds(), 0) == [first]


def test_entries_partly_stored_keep_the_new_ones_and_the_change(
    sut: StoreUnderTest, me: OwnerKey
) -> None:
    """A retried unsaved entry whose write did land, sent again with a new one: the stored one
    is left as it is, the new one and the profile change are kept (not taken for a replay)."""
    made = create(sut, me, Profile(consent="granted", visits=1))
    a = _checkin(T0, 0, "a", "calm")
    b = _checkin(T0 + 60, 0, "b", "tense")
    c = entry(T0 + 61, kind="appreciation")
    first = sut.store.commit(me, Write(made, None, [a], FAR))
    assert first is not None
    change = ProfileUpdate({"preferences": {"pace": "slow"}}, {"visits": 1})
    sut.store.commit(me, Write(first, change, [a, b, c], FAR))
    assert sorted(sut.store.history(me, all_kinds(), 0), key=lambda i: i.at) == [a, b, c]
    stored_keys = [r["sk"] for r in sut.rows() if "#H#" in str(r["sk"])]
    assert len(stored_keys) == len(set(stored_keys)) == 3
    loaded = sut.store.load_profile(me)
    assert loaded is not None
    assert (loaded.preferences, loaded.visits) == ({"pace": "slow"}, 2)
    assert [r[2] for r in _recent(loaded)] == ["a", "b"]
    # Only entries, some stored: the new one is kept all the same.
    d = entry(T0 + 120, kind="appreciation")
    sut.store.commit(me, Write(loaded, None, [c, d], FAR))
    assert len(sut.store.history(me, ["appreciation"], 0)) == 2


def test_every_entry_stored_still_applies_the_change(sut: StoreUnderTest, me: OwnerKey) -> None:
    """Entries all stored already (an earlier turn's, retried): this turn's change is its own."""
    made = create(sut, me, Profile(consent="granted", visits=1))
    a = _checkin(T0, 0, "a", "calm")
    first = sut.store.commit(me, Write(made, None, [a], FAR))
    assert first is not None
    sut.store.commit(me, Write(first, ProfileUpdate({"preferences": {"voice": "calm"}}), [a], FAR))
    sut.store.commit(me, Write(first, None, [a], FAR))  # nothing new at all: no error
    loaded = sut.store.load_profile(me)
    assert loaded is not None
    assert loaded.preferences == {"voice": "calm"}
    assert sut.store.history(me, all_kinds(), 0) == [a]
    assert [r[2] for r in _recent(loaded)] == ["a"]


def test_at_most_five_entries_a_commit(sut: StoreUnderTest, me: OwnerKey) -> None:
    made = create(sut, me, Profile(consent="granted"))
    with pytest.raises(ValueError, match="too many"):
        sut.store.commit(me, Write(made, None, [entry(T0 + i) for i in range(6)], FAR))
    assert sut.store.history(me, all_kinds(), 0) == []


def test_commit_of_nothing_is_harmless(sut: StoreUnderTest, me: OwnerKey) -> None:
    assert sut.store.commit(me, Write(None)) is None
    assert sut.rows() == []


# --- history ------------------------------------------------------------------------------------
@pytest.fixture
def month(sut: StoreUnderTest, me: OwnerKey) -> tuple[Profile, list[HistoryItem]]:
    """Thirty daily check-ins, two on day 10 (same second, seq 0 and 1), and a few other
    kinds; written out of order. Returned newest first."""
    made = create(sut, me, Profile(consent="granted"))
    items = [entry(T0 + d * DAY, word=f"day{d}") for d in range(30)]
    items.insert(11, entry(T0 + 10 * DAY, seq=1, word="day10b"))
    others = [entry(T0 + d * DAY + 5, kind="appreciation", moment=f"m{d}") for d in (3, 29)]
    keep(sut, me, made, list(reversed(items)) + others)
    return made, sorted(items, key=lambda i: (i.at, i.seq), reverse=True)


def test_history_is_newest_first_and_by_kind(
    sut: StoreUnderTest, me: OwnerKey, month: tuple[Profile, list[HistoryItem]]
) -> None:
    made, items = month
    assert sut.store.history(me, ("checkin",), 0, incarnation=made.incarnation) == items
    got = sut.store.history(me, ("appreciation",), 0, incarnation=made.incarnation)
    assert [i.data["moment"] for i in got] == ["m29", "m3"]


def test_history_limit_takes_the_newest(
    sut: StoreUnderTest, me: OwnerKey, month: tuple[Profile, list[HistoryItem]]
) -> None:
    _, items = month
    assert sut.store.history(me, ("checkin",), 0, limit=3) == items[:3]
    assert sut.store.history(me, ("checkin",), T0 + 10 * DAY, limit=50) == items[:21]
    assert sut.store.history(me, ("checkin",), 0, limit=0) == []
    assert sut.store.history(me, ("checkin",), T0 + 40 * DAY) == []


def test_history_is_per_owner(
    sut: StoreUnderTest, me: OwnerKey, month: tuple[Profile, list[HistoryItem]]
) -> None:
    person = OwnerKey.from_ids(RAW_USER, RAW_PERSON)
    other = OwnerKey.from_ids(RAW_OTHER, None)
    keep(sut, person, create(sut, person, Profile(consent="granted")), [entry(T0 + 1, word="p")])
    keep(sut, other, create(sut, other, Profile(consent="granted")), [entry(T0 + 2, word="o")])
    assert sut.store.history(me, ("checkin",), 0) == month[1]
    assert [i.data["word"] for i in sut.store.history(person, ("checkin",), 0)] == ["p"]
    assert [i.data["word"] for i in sut.store.history(other, ("checkin",), 0)] == ["o"]


def test_expired_items_are_not_returned(sut: StoreUnderTest, me: OwnerKey) -> None:
    now = int(time.time())
    made = create(sut, me, Profile(consent="granted"))
    keep(sut, me, made, [entry(T0 + 2, word="expired")], now - 1)
    keep(sut, me, made, [entry(T0 + 1, word="expires-now")], now)
    keep(sut, me, made, [entry(T0, word="kept")], now + 3600)
    assert [i.data["word"] for i in sut.store.history(me, ("checkin",), 0)] == ["kept"]
    assert [i.data["word"] for i in sut.store.history(me, ("checkin",), 0, limit=1)] == ["kept"]


def test_items_carry_their_expiry(sut: StoreUnderTest, me: OwnerKey) -> None:
    made = create(sut, me, Profile(consent="granted"))
    keep(sut, me, made, [entry(T0)])
    rows = {r["sk"]: r for r in sut.rows()}
    assert rows[me.profile_sk].get("expires_at") is None  # the profile never expires
    assert rows[me.history_sk(entry(T0))]["expires_at"] == FAR


# --- deletion -----------------------------------------------------------------------------------
def _fill(sut: StoreUnderTest, key: OwnerKey, n: int) -> Profile:
    made = create(sut, key, Profile(consent="granted"))
    keep(sut, key, made, [entry(T0 + i) for i in range(n)])
    return made


def test_delete_owner_removes_only_that_owner(sut: StoreUnderTest, me: OwnerKey) -> None:
    person = OwnerKey.from_ids(RAW_USER, RAW_PERSON)
    other = OwnerKey.from_ids(RAW_OTHER, None)
    _fill(sut, me, 30)
    gone = _fill(sut, person, 5)
    _fill(sut, other, 3)
    assert sut.store.delete_owner(person, 5.0) is True
    assert sut.store.load_profile(person) is None
    assert sut.store.history(person, all_kinds(), 0) == []
    assert sut.store.history(person, all_kinds(), 0, incarnation=gone.incarnation) == []
    assert sut.store.load_profile(me) is not None
    assert len(sut.store.history(me, all_kinds(), 0)) == 30
    assert len(sut.store.history(other, all_kinds(), 0)) == 3
    assert sut.store.delete_owner(person, 5.0) is True
    assert not [r for r in sut.rows() if r["sk"].startswith(person.owner)]


def test_delete_account_removes_every_owner(sut: StoreUnderTest, me: OwnerKey) -> None:
    person = OwnerKey.from_ids(RAW_USER, RAW_PERSON)
    other = OwnerKey.from_ids(RAW_OTHER, None)
    _fill(sut, me, 40)
    _fill(sut, person, 4)
    _fill(sut, other, 3)
    assert sut.store.delete_account(me.account, 5.0) is True
    assert sut.store.load_profile(me) is None
    assert sut.store.load_profile(person) is None
    assert all(r["pk"] == other.pk for r in sut.rows())
    assert len(sut.rows()) == 4
    assert sut.store.delete_account(me.account, 5.0) is True


def test_a_stale_session_cannot_write_after_deletion(sut: StoreUnderTest, me: OwnerKey) -> None:
    made = _fill(sut, me, 3)
    sut.store.delete_owner(me, 5.0)
    for write in (
        Write(made, None, [entry(T0 + 99)], FAR),
        Write(made, ProfileUpdate({"last_visit_day": 5})),
        Write(made, ProfileUpdate({"consent": "granted"}), [entry(T0 + 98)], FAR),
    ):
        with pytest.raises(VersionConflict):
            sut.store.commit(me, write)
    assert sut.rows() == []
    # A new "yes" starts a new incarnation, which sees nothing of the old one.
    again = create(sut, me, Profile(consent="granted"))
    assert again.incarnation != made.incarnation
    assert sut.store.history(me, all_kinds(), 0, incarnation=again.incarnation) == []


# --- privacy and types --------------------------------------------------------------------------
def test_no_raw_alexa_ids_are_stored(sut: StoreUnderTest) -> None:
    keys = [OwnerKey.from_ids(RAW_USER, None), OwnerKey.from_ids(RAW_USER, RAW_PERSON)]
    for key in keys:
        _fill(sut, key, 1)
    dump = repr(sut.rows())
    assert sut.rows(), "nothing was stored"
    for raw in (RAW_USER, RAW_PERSON, "amzn1.ask"):
        assert raw not in dump
    assert hash_id(RAW_USER) in dump  # stored under the one-way name instead


def test_numbers_are_ints_on_read(sut: StoreUnderTest, me: OwnerKey) -> None:
    made = create(sut, me, Profile(consent="granted", created_at=T0, visits=7))
    keep(sut, me, made, [entry(T0, 3, count=12, ok=True)])
    loaded = sut.store.load_profile(me)
    assert loaded is not None
    for value in (loaded.version, loaded.created_at, loaded.visits, loaded.streak_days):
        assert type(value) is int
    (item,) = sut.store.history(me, all_kinds(), 0)
    assert type(item.at) is int
    assert type(item.seq) is int
    assert type(item.data["count"]) is int
    assert item.data["ok"] is True
    for row in sut.rows():
        for value in row.values():
            assert not isinstance(value, float | Decimal)


# --- both stores answer history alike, for any entries and any window ----------------------------
_at = st.integers(min_value=T0 - 5, max_value=T0 + 40)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    entries=st.lists(
        st.tuples(_at, st.integers(0, 3), st.booleans(), st.sampled_from(["checkin", "pattern"])),
        min_size=0,
        max_size=12,
        unique_by=lambda t: (t[0], t[1], t[3]),
    ),
    since=st.integers(min_value=T0 - 10, max_value=T0 + 50),
    limit=st.integers(min_value=0, max_value=15),
)
def test_history_matches_the_reference(
    sut: StoreUnderTest,
    entries: list[tuple[int, int, bool, str]],
    since: int,
    limit: int,
) -> None:
    """The store answers exactly as a fresh SQLite store holding the same entries."""
    key = OwnerKey(hash_id(repr((entries, since, limit))))
    now = int(time.time())
    reference = SqliteStore(":memory:")
    bases = [
        store.commit(key, Write(None, ProfileUpdate.of(Profile(consent="granted"))))
        for store in (sut.store, reference)
    ]
    for at, seq, expired, kind in entries:
        expires = now - 100 if expired else FAR
        item = entry(at, seq, kind=kind)
        sut.store.commit(key, Write(bases[0], None, [item], expires))
        reference.commit(key, Write(bases[1], None, [item], expires))
    kinds = ("checkin", "pattern")
    assert sut.store.history(key, kinds, since, limit=limit) == reference.history(
        key, kinds, since, limit=limit
    )


# --- the rolling list of recent check-ins (docs/decisions/0043) ----------------------------------
def _recent(profile: Profile) -> list[tuple[int, int, str, str]]:
    from skill.storage.base import recent_entries

    return [(int(a), int(s), str(i), str(f)) for a, s, i, f, _ in recent_entries(profile)]


def _checkin(at: int, seq: int, rid: str, feeling: str) -> HistoryItem:
    return HistoryItem(kind="checkin", at=at, seq=seq, id=rid, data={"feeling": feeling})


def test_recent_checkins_follow_every_kept_checkin_exactly(
    sut: StoreUnderTest, me: OwnerKey
) -> None:
    base = create(sut, me, Profile(consent="granted", created_at=T0))
    assert base.recent_since == 1  # created with the list: it holds every check-in
    now = T0 + 40 * DAY
    kept = [_checkin(now - d * DAY, 0, f"c{d}", f"f{d}") for d in range(40)]
    for start in range(0, len(kept), 4):
        stored = sut.store.commit(
            me,
            Write(base, None, [*kept[start : start + 4], entry(now, start, "appreciation")], FAR),
        )
        assert stored is not None
        base = stored
    # A replayed request adds nothing twice.
    again = sut.store.commit(me, Write(base, None, kept[:2], FAR))
    assert again is not None
    loaded = sut.store.load_profile(me)
    assert loaded is not None
    month = [i for i in kept if i.at >= now - 31 * DAY]
    assert _recent(loaded) == sorted((i.at, i.seq, i.id, str(i.data["feeling"])) for i in month)
    from_history = sut.store.history(me, ["checkin"], since=now - 31 * DAY, limit=1000)
    assert len(from_history) == len(month) == len(_recent(loaded))


def test_a_writer_with_a_stale_list_never_loses_a_checkin(
    sut: StoreUnderTest, me: OwnerKey
) -> None:
    base = create(sut, me, Profile(consent="granted", created_at=T0))
    first = sut.store.commit(me, Write(base, None, [_checkin(T0 + 10, 0, "a", "calm")], FAR))
    assert first is not None
    # A second session still holds the profile as it was before the first check-in.
    try:
        sut.store.commit(me, Write(base, None, [_checkin(T0 + 20, 0, "b", "tense")], FAR))
    except VersionConflict:
        fresh = sut.store.load_profile(me)
        assert fresh is not None
        sut.store.commit(me, Write(fresh, None, [_checkin(T0 + 20, 0, "b", "tense")], FAR))
    loaded = sut.store.load_profile(me)
    assert loaded is not None
    assert [r[2] for r in _recent(loaded)] == ["a", "b"]
