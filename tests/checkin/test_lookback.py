"""The look back's facts, from seeded lists of kept entries (no skill, no store)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skill.exercises.lookback import Facts, period_of, summarize
from skill.state import HistoryItem

NOW = int(datetime(2026, 11, 2, 19, 0, tzinfo=UTC).timestamp())
DAY = 86400
HOUR = 3600


def checkin(
    days_ago: float,
    feeling: str = "",
    quadrant: str = "unpleasant_low",
    *,
    at_hour: int | None = None,
    seq: int = 0,
) -> HistoryItem:
    """A check-in ``days_ago`` days before NOW, optionally moved to a given UTC hour that day."""
    at = NOW - int(days_ago * DAY)
    if at_hour is not None:
        at = at - at % DAY + at_hour * HOUR
    data: dict[str, str | int | bool] = {
        "feeling": feeling,
        "quadrant": quadrant,
        "need": "",
        "about_partner": False,
    }
    return HistoryItem(kind="checkin", at=at, seq=seq, data=data)


def test_nothing_kept() -> None:
    assert summarize([], NOW) == Facts(week=0, month=0)


def test_one_week_of_daily_check_ins() -> None:
    items = [checkin(d, "lonely" if d % 2 else "tense", at_hour=18) for d in range(7)]
    f = summarize(items, NOW)
    assert (f.week, f.month) == (7, 7)
    assert f.streak == 7
    assert f.top == ("tense", "lonely")  # tense on days 0, 2, 4, 6; lonely on 1, 3, 5
    assert f.period == "evening"


def test_counts_over_two_months() -> None:
    # 40 check-ins over 60 days: 5 in the last week, 18 in the last 30 days.
    days = [0, 1, 2, 4, 5, 8, 9, 11, 13, 14, 16, 18, 20, 21, 23, 25, 27, 29]
    days += [31 + d for d in range(22)]
    assert len(days) == 40
    f = summarize([checkin(d) for d in days], NOW)
    assert (f.week, f.month) == (5, 18)
    assert f.streak == 3


def test_window_edges() -> None:
    items = [
        checkin(7),  # exactly seven days ago: in the week
        HistoryItem(kind="checkin", at=NOW - 7 * DAY - 1, data={"quadrant": "pleasant_low"}),
        checkin(30),  # exactly thirty days ago: in the month
        HistoryItem(kind="checkin", at=NOW - 30 * DAY - 1, data={"quadrant": "pleasant_low"}),
        HistoryItem(kind="checkin", at=NOW + 60, data={"quadrant": "pleasant_low"}),
    ]
    f = summarize(items, NOW)
    assert (f.week, f.month) == (1, 3)


def test_other_kinds_are_ignored() -> None:
    items = [
        checkin(0, "lonely"),
        HistoryItem(kind="appreciation", at=NOW - 60, data={"text_id": "x"}),
        HistoryItem(kind="safety", at=NOW - 120),
    ]
    assert (summarize(items, NOW).week, summarize(items, NOW).month) == (1, 1)


def test_most_frequent_words_most_recent_first_on_a_tie() -> None:
    items = [
        checkin(9, "tense", "unpleasant_high"),
        checkin(8, "tense", "unpleasant_high"),
        checkin(6, "lonely"),
        checkin(5, "lonely"),
        checkin(4, "hopeful", "pleasant_high"),
        checkin(3, "lonely"),
        checkin(2, "numb"),
        checkin(1, "numb"),
    ]
    f = summarize(items, NOW)
    assert f.top == (
        "lonely",
        "numb",
    )  # lonely 3; numb and tense 2 each, numb more recent
    assert f.latest == "numb"


def test_no_repeats_gives_the_latest_word_only() -> None:
    items = [
        checkin(3, "lonely"),
        checkin(2, "tense", "unpleasant_high"),
        checkin(1, ""),
    ]
    f = summarize(items, NOW)
    assert f.top == ()
    assert f.latest == "tense", "a check-in with no word does not replace the latest word"


@pytest.mark.parametrize(
    ("quadrants", "balance"),
    [
        (["unpleasant_low"] * 3 + ["pleasant_high"] * 2, "unpleasant_low"),
        (
            ["unpleasant_low"] * 2 + ["unpleasant_high"] * 2 + ["pleasant_low"],
            "mostly_unpleasant",
        ),
        (
            ["pleasant_low"] * 2 + ["pleasant_high"] * 2 + ["unpleasant_low"],
            "mostly_pleasant",
        ),
        (["pleasant_low", "unpleasant_low"], "mixed"),
        (
            ["unpleasant_low", "unpleasant_high", "pleasant_low", "pleasant_high"],
            "mixed",
        ),
        # exactly half is not "mostly" one quadrant
        (["unpleasant_low"] * 2 + ["pleasant_high"] * 2, "mixed"),
        (["pleasant_high"], "pleasant_high"),
    ],
)
def test_balance(quadrants: list[str], balance: str) -> None:
    items = [checkin(n, quadrant=q) for n, q in enumerate(quadrants)]
    assert summarize(items, NOW).balance == balance


def test_entries_without_a_quadrant_do_not_count_in_the_balance() -> None:
    items = [checkin(1, quadrant="unpleasant_low"), checkin(2, quadrant="")]
    assert summarize(items, NOW).balance == "unpleasant_low"


PERIODS = [
    (5, "morning"),
    (11, "morning"),
    (12, "afternoon"),
    (16, "afternoon"),
    (17, "evening"),
    (21, "evening"),
    (22, "night"),
    (0, "night"),
    (4, "night"),
]


@pytest.mark.parametrize(("hour", "period"), PERIODS)
def test_period_of(hour: int, period: str) -> None:
    assert period_of(hour) == period


def test_a_time_of_day_needs_five_check_ins() -> None:
    four = [checkin(d, at_hour=20) for d in range(1, 5)]
    assert summarize(four, NOW).period is None
    five = [*four, checkin(5, at_hour=21)]
    assert summarize(five, NOW).period == "evening"


def test_a_time_of_day_needs_sixty_percent() -> None:
    three_of_five = [checkin(d, at_hour=20) for d in range(1, 4)]
    three_of_five += [checkin(4, at_hour=8), checkin(5, at_hour=13)]
    assert summarize(three_of_five, NOW).period == "evening"
    two_of_five = [checkin(d, at_hour=20) for d in range(1, 3)]
    two_of_five += [checkin(d, at_hour=8) for d in range(3, 5)] + [checkin(5, at_hour=13)]
    assert summarize(two_of_five, NOW).period is None


def test_unpleasant_check_ins_have_their_own_time_of_day() -> None:
    pleasant_evenings = [checkin(d, quadrant="pleasant_low", at_hour=19) for d in range(1, 12)]
    hard_nights = [checkin(d, quadrant="unpleasant_low", at_hour=23) for d in range(1, 6)]
    other = [checkin(d, quadrant="pleasant_high", at_hour=14) for d in range(1, 3)]
    f = summarize(pleasant_evenings + hard_nights + other, NOW)
    assert f.month == 18
    assert f.period == "evening"  # 11 of 18
    assert f.unpleasant_period == "night"  # 5 of 5


def test_too_few_unpleasant_check_ins_name_no_time() -> None:
    items = [checkin(d, quadrant="pleasant_low", at_hour=19) for d in range(1, 8)]
    items += [checkin(d, quadrant="unpleasant_low", at_hour=23) for d in range(1, 5)]
    assert summarize(items, NOW).unpleasant_period is None


@pytest.mark.parametrize(
    ("days", "streak"),
    [
        ([0, 1, 2], 3),
        ([1, 2, 3], 3),  # nothing yet today: the streak through yesterday still counts
        ([0, 2, 3], 1),
        ([2, 3, 4], 0),
        ([0], 1),
    ],
)
def test_streak(days: list[int], streak: int) -> None:
    assert summarize([checkin(d, at_hour=12) for d in days], NOW).streak == streak


def test_several_check_ins_a_day_count_once_in_the_streak_and_each_in_the_counts() -> None:
    items = [checkin(0, at_hour=h, seq=h) for h in (8, 12, 18)] + [checkin(1, at_hour=9)]
    f = summarize(items, NOW)
    assert f.streak == 2
    assert (f.week, f.month) == (4, 4)


def test_utc_offset_moves_days_and_hours() -> None:
    # 23:00 UTC is 18:00 at UTC-5: evening there, night in UTC.
    items = [checkin(d, at_hour=23) for d in range(1, 6)]
    assert summarize(items, NOW).period == "night"
    assert summarize(items, NOW, utc_offset_s=-5 * HOUR).period == "evening"
