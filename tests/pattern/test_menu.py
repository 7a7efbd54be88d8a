"""The grouped menu and the suggestion drawn from the last check-in (pure parts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from skill.content import load_catalog, speech_seconds
from skill.exercises import EXERCISES, FLOWS, menu_group, suggestions
from skill.exercises.base import name_key
from skill.exercises.menu import (
    GROUPS,
    MAX_PER_GROUP,
    OTHER_GROUP,
    RECENT_CHECKIN_S,
    fits_last_checkin,
    group_exercises,
)
from skill.routing import load_routing
from skill.state import LastCheckin, Profile
from tests.support.routing import turn

ROOT = Path(__file__).resolve().parents[2]
CAT = load_catalog(ROOT / "audio_scripts", "en")
ROUTING = load_routing(ROOT / "audio_scripts" / "en" / "routing.yaml")
ON_REQUEST = ROUTING.menu.on_request
NOW = 1_800_000_000
ALL = frozenset({"opener", "calming", "connection", "appreciation", "grounding"})


def last(feeling: str, quadrant: str, partner: bool = False, ago: int = 3600) -> LastCheckin:
    return LastCheckin(feeling=feeling, quadrant=quadrant, about_partner=partner, at=NOW - ago)


# --- groups ----------------------------------------------------------------------------------


def test_every_registered_exercise_has_a_named_group() -> None:
    for ex in EXERCISES:
        assert menu_group(ROUTING, ex) in GROUPS, ex
    for group in (*GROUPS, OTHER_GROUP):
        assert CAT.has(f"menu.group.{group}")


def test_groups_keep_menu_order_and_at_most_four_names() -> None:
    pairs = [("a", "bigger"), ("b", "feel"), ("c", None), ("d", "feel"), ("e", "nonsense")]
    assert group_exercises(pairs) == [
        ("feel", ["b", "d"]),
        ("bigger", ["a"]),
        ("other", ["c", "e"]),
    ]
    many = [(f"x{i}", "you") for i in range(MAX_PER_GROUP + 2)]
    parts = group_exercises(many)
    assert [len(ids) for _, ids in parts] == [MAX_PER_GROUP, 2]
    for _, ids in group_exercises([(e, menu_group(ROUTING, e)) for e in EXERCISES]):
        assert 1 <= len(ids) <= MAX_PER_GROUP


def test_the_whole_menu_names_every_exercise_once_and_stays_short() -> None:
    groups = group_exercises([(e, menu_group(ROUTING, e)) for e in EXERCISES])
    named = [i for _, ids in groups for i in ids]
    assert sorted(named) == sorted(EXERCISES)

    # The longest variation of every part, as a listener hears it.
    def longest(key: str) -> float:
        return max(speech_seconds(v) for v in CAT.get(key).variants)

    seconds = longest("menu.groups") + sum(longest(f"menu.group.{g}") for g, _ in groups)
    seconds += sum(longest(name_key(e)) for e in EXERCISES)
    assert seconds <= 45, seconds


# --- the suggestion from the last check-in ---------------------------------------------------


@pytest.mark.parametrize(
    ("checkin", "expected"),
    [
        (last("tense", "unpleasant_high"), "calming"),
        (last("resentful", "unpleasant_high", partner=True), "opener"),
        (last("frustrated", "unpleasant_high"), "opener"),
        (last("lonely", "unpleasant_low", partner=True), "connection"),
        (last("sad", "unpleasant_low", partner=False), None),
        (last("calm", "pleasant_low", partner=True), None),
        (last("", "unpleasant_high"), "calming"),
        (None, None),
    ],
)
def test_what_fits_a_recent_check_in(checkin: LastCheckin | None, expected: str | None) -> None:
    assert fits_last_checkin(ROUTING, checkin, NOW, ALL) == expected


def test_only_within_three_days_and_never_from_the_future() -> None:
    tense = "tense", "unpleasant_high"
    assert fits_last_checkin(ROUTING, last(*tense, ago=RECENT_CHECKIN_S), NOW, ALL) == "calming"
    assert fits_last_checkin(ROUTING, last(*tense, ago=RECENT_CHECKIN_S + 1), NOW, ALL) is None
    assert fits_last_checkin(ROUTING, last(*tense, ago=-60), NOW, ALL) is None


def test_only_registered_exercises_are_suggested() -> None:
    lonely = last("lonely", "unpleasant_low", partner=True)
    assert fits_last_checkin(ROUTING, lonely, NOW, ALL - {"connection"}) == "appreciation"
    assert fits_last_checkin(ROUTING, lonely, NOW, {"grounding"}) is None
    assert fits_last_checkin(ROUTING, last("tense", "unpleasant_high"), NOW, {"grounding"}) is None


def test_suggestions_put_the_fitting_one_first_and_never_rotate_in_on_request_ones() -> None:
    for version in range(len(EXERCISES) * 2):
        t = turn(request_type="LaunchRequest")
        t.profile = Profile(consent="granted", visits=1, version=version)
        plain = suggestions(t)
        assert len(plain) == 3
        assert len(set(plain)) == 3
        assert not set(plain) & ON_REQUEST
        t.profile = Profile(
            consent="granted",
            visits=1,
            version=version,
            last_checkin=last("tense", "unpleasant_high"),
        )
        t.req = type(t.req)(**{**t.req.__dict__, "now": NOW})
        fitted = suggestions(t)
        assert fitted[0] == "calming"
        assert len(fitted) == 3
        assert len(set(fitted)) == 3
    assert set(FLOWS) >= ON_REQUEST


@pytest.mark.parametrize("consent", ["granted", "declined"])
def test_a_new_user_is_offered_the_articles_first_three_then_the_rotation(consent: str) -> None:
    """Decision 0050: check-in, calming, appreciation, in that order, before any visit is
    counted; then the rotation moves on with the profile's writes (decision 0061), and not
    without one."""
    t = turn(request_type="LaunchRequest")
    t.profile = Profile(consent=consent, visits=0, version=3)  # type: ignore[arg-type]
    assert suggestions(t) == list(ROUTING.menu.first) == ["check-in", "calming", "appreciation"]
    offers = []
    for version in range(1, len(EXERCISES) + 1):
        t.profile = Profile(consent="granted", visits=1, version=version)
        offers.append(tuple(suggestions(t)))
        assert suggestions(t) == list(offers[-1])  # the same three until something is kept
    assert len(set(offers)) > 1
    # A turn that changes the profile offers what the next launch will (one write on).
    t.profile = Profile(consent="granted", visits=1, version=1)
    t.change(lambda p: None)
    assert tuple(suggestions(t)) == offers[1]
