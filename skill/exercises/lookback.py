"""Looking back: the last week and month of check-ins in a few spoken sentences.

"How have I been feeling lately?" Repeated check-ins raise emotional granularity, and seeing a
pattern (words that keep coming back, a time of day that is harder) is what makes them worth
keeping. The facts are computed by :func:`summarize`, a pure function of the kept entries and
the request time; the words come from ``audio_scripts``. The summary is private: it is read out
only to a recognised voice or after "is this a good moment?" (:func:`when_private_ok`).

Rules (constants below):

* counts: check-ins in the last 7 and the last 30 days (up to the request time);
* words: the feelings named at least twice in 30 days, the most frequent first (ties: the most
  recent first), at most two; with no repeats, the most recent word;
* balance: a quadrant holding more than half of the check-ins that have one; otherwise "more
  pleasant" or "more unpleasant" when one side has at least 60 percent; otherwise "a mix";
* time of day: morning 5-12, afternoon 12-17, evening 17-22, night 22-5 (local hours, in the
  device's time zone: skill/localtime.py). A period is named when at
  least 5 check-ins and at least 60 percent of them fall in it; the same rule, applied to the
  unpleasant check-ins alone, names when the harder ones come;
* streak: consecutive days with a check-in, ending today (or yesterday, if there is none yet
  today).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, Final, Literal

from skill.content import Raw
from skill.exercises.base import NO, YES, Flow, Return, Step, Timed
from skill.exercises.checkin import CheckIn, vocabulary_for
from skill.exercises.private import private_now, when_private_ok
from skill.localtime import utc_offset_s
from skill.navigation import YES_RESULT
from skill.state import HistoryItem
from skill.turn import Turn
from skill.vocabulary import QUADRANTS, Quadrant

DAY: Final = 86400
WEEK_DAYS: Final = 7
MONTH_DAYS: Final = 30
PATTERN_MIN: Final = 5
"""Fewest check-ins (or unpleasant check-ins) before a time of day is named."""
PATTERN_SHARE: Final = 0.6
DOMINANT_SHARE: Final = 0.5
"""A quadrant is named when it holds more than this share of the check-ins."""
LEAN_SHARE: Final = 0.6
MAX_WORDS: Final = 2

Period = Literal["morning", "afternoon", "evening", "night"]
Balance = Literal[
    "pleasant_high",
    "pleasant_low",
    "unpleasant_high",
    "unpleasant_low",
    "mostly_pleasant",
    "mostly_unpleasant",
    "mixed",
]
LOOK_BACK = "LookBackIntent"


def period_of(hour: int) -> Period:
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    if 17 <= hour < 22:
        return "evening"
    return "night"


@dataclass(frozen=True)
class Facts:
    week: int
    """Check-ins in the last 7 days."""
    month: int
    """Check-ins in the last 30 days."""
    top: tuple[str, ...] = ()
    """Feeling ids named at least twice, most frequent first (at most two)."""
    latest: str = ""
    """The most recent feeling id named (used when nothing repeats)."""
    balance: Balance | None = None
    period: Period | None = None
    """When most check-ins happen, if there is a clear pattern."""
    unpleasant_period: Period | None = None
    """When most unpleasant check-ins happen, if there is a clear pattern."""
    streak: int = 0
    """Consecutive days with a check-in, up to today."""


def _clear_period(hours: list[int]) -> Period | None:
    if len(hours) < PATTERN_MIN:
        return None
    period, count = Counter(period_of(h) for h in hours).most_common(1)[0]
    return period if count / len(hours) >= PATTERN_SHARE else None


def _balance(quadrants: Sequence[Quadrant]) -> Balance | None:
    if not quadrants:
        return None
    quadrant, count = Counter(quadrants).most_common(1)[0]
    if count / len(quadrants) > DOMINANT_SHARE:
        return quadrant
    pleasant = sum(q.startswith("pleasant") for q in quadrants) / len(quadrants)
    if pleasant >= LEAN_SHARE:
        return "mostly_pleasant"
    if pleasant <= 1 - LEAN_SHARE:
        return "mostly_unpleasant"
    return "mixed"


def _streak(days: set[int], today: int) -> int:
    day = today if today in days else today - 1
    streak = 0
    while day in days:
        streak += 1
        day -= 1
    return streak


def summarize(items: Iterable[HistoryItem], now: int, utc_offset_s: int = 0) -> Facts:
    """The facts of the last 30 days of check-ins (other kinds of entries are ignored)."""
    month = sorted(
        (i for i in items if i.kind == "checkin" and now - MONTH_DAYS * DAY <= i.at <= now),
        key=lambda i: (i.at, i.seq),
    )
    week = [i for i in month if i.at >= now - WEEK_DAYS * DAY]
    named = [(str(i.data.get("feeling", "")), i.at) for i in month]
    counts = Counter(f for f, _ in named if f)
    last_seen = {f: at for f, at in named if f}
    repeated = sorted(
        (f for f, n in counts.items() if n >= 2),
        key=lambda f: (-counts[f], -last_seen[f]),
    )
    latest = next((f for f, _ in reversed(named) if f), "")
    quadrants = [q for i in month if (q := str(i.data.get("quadrant", ""))) in QUADRANTS]
    hours = [((i.at + utc_offset_s) // 3600) % 24 for i in month]
    hard_hours = [
        ((i.at + utc_offset_s) // 3600) % 24
        for i in month
        if str(i.data.get("quadrant", "")).startswith("unpleasant")
    ]
    days = {(i.at + utc_offset_s) // DAY for i in month}
    return Facts(
        week=len(week),
        month=len(month),
        top=tuple(repeated[:MAX_WORDS]),
        latest=latest,
        balance=_balance(quadrants),
        period=_clear_period(hours),
        unpleasant_period=_clear_period(hard_hours),
        streak=_streak(days, (now + utc_offset_s) // DAY),
    )


class LookBack(Flow):
    id = "look-back"
    exercise = False
    start_intents = frozenset({LOOK_BACK})
    # The fullest summary (every optional sentence) and its question: about twenty seconds.
    timed: ClassVar[Mapping[str, Timed]] = {
        "full summary": Timed(
            (
                "look_back.counts.both",
                "look_back.streak",
                "look_back.mood.two",
                "look_back.time.both",
                "look_back.offer_checkin",
            ),
            22,
        ),
    }
    steps: ClassVar[Mapping[str, Step]] = {
        "offer": Step(frozenset({YES, NO}), help="help.look_back.offer", retry="look_back.retry"),
    }

    def start(self, t: Turn) -> None:
        t.session.enter(self.id, "offer")
        if t.profile.consent == "declined":
            t.say("look_back.not_kept_declined")
            self.goto(t, "offer", "look_back.invite")
            return
        if not t.profile.keeps_data:
            t.say("look_back.not_kept_unknown")
            self.goto(t, "offer", "look_back.invite")
            return
        if self._nothing_to_say(t):
            return
        if when_private_ok(t, self.id, "offer"):
            self.reveal(t)

    def _nothing_to_say(self, t: Turn) -> bool:
        # Before "is this a good moment?" only whether there is a check-in matters: the newest
        # one is made from the month kept, not all of them (flat with history).
        items = t.checkins(MONTH_DAYS, limit=None if private_now(t) else 1)
        if items is None:
            t.say("look_back.unavailable")
            t.nav.finish()
            return True
        if not any(i.kind == "checkin" for i in items):
            t.say("look_back.empty")
            self.goto(t, "offer", "look_back.invite")
            return True
        return False

    def resume(self, t: Turn, back: Return) -> None:
        """Back from "is this a good moment?": the look-back on yes; on no, that was answered."""
        if back.result == YES_RESULT:
            self.reveal(t)
        else:
            t.nav.finish()

    def reveal(self, t: Turn) -> None:
        if self._nothing_to_say(t):
            return
        facts = summarize(t.checkins(MONTH_DAYS) or [], t.req.now, utc_offset_s(t))
        self._say_counts(t, facts)
        self._say_mood(t, facts)
        self._say_time(t, facts)
        self.goto(t, "offer", "look_back.offer_checkin")

    def handle(self, t: Turn) -> None:
        if t.req.intent == YES and t.nav.has(CheckIn.id):
            t.nav.hand_off(CheckIn.id)
            return
        t.say("look_back.close")
        t.nav.finish()

    # --- speaking the facts ----------------------------------------------------------------
    def _times(self, t: Turn, n: int) -> Raw:
        if n == 1:
            return Raw(t.text.render("look_back.times.one"))
        if n == 2:
            return Raw(t.text.render("look_back.times.two"))
        return Raw(t.text.render("look_back.times.many", count=n))

    def _say_counts(self, t: Turn, f: Facts) -> None:
        if f.week == f.month:
            t.say("look_back.counts.week", times=self._times(t, f.week))
        elif f.week == 0:
            t.say("look_back.counts.month_only", times=self._times(t, f.month))
        else:
            t.say(
                "look_back.counts.both",
                week=self._times(t, f.week),
                month=self._times(t, f.month),
            )
        if f.streak >= 2:
            t.say("look_back.streak", days=f.streak)

    def _say_mood(self, t: Turn, f: Facts) -> None:
        if f.balance is None:
            return
        vocab = vocabulary_for(t)
        balance = Raw(t.text.render(f"look_back.balance.{f.balance}"))
        words = [w.word for w in (vocab.feeling_by_id(i) for i in f.top) if w is not None]
        latest = vocab.feeling_by_id(f.latest) if f.latest else None
        if f.month == 1 and latest is not None:
            # One check-in is not a pattern: describe it, don't say "mostly".
            mood = Raw(t.text.render(f"check_in.mood.{latest.quadrant}"))
            t.say("look_back.mood.single", mood=mood, word=latest.word)
            return
        if len(words) >= 2:
            t.say("look_back.mood.two", balance=balance, first=words[0], second=words[1])
        elif len(words) == 1:
            t.say("look_back.mood.one", balance=balance, word=words[0])
        elif latest is not None:
            t.say("look_back.mood.latest", balance=balance, word=latest.word)
        else:
            t.say("look_back.mood.none", balance=balance)

    def _say_time(self, t: Turn, f: Facts) -> None:
        def phrase(p: Period) -> Raw:
            return Raw(t.text.render(f"look_back.period.{p}"))

        if f.period and f.unpleasant_period:
            if f.period == f.unpleasant_period:
                t.say("look_back.time.same", period=phrase(f.period))
            else:
                t.say(
                    "look_back.time.both",
                    period=phrase(f.period),
                    hard_period=phrase(f.unpleasant_period),
                )
        elif f.period:
            t.say("look_back.time.all", period=phrase(f.period))
        elif f.unpleasant_period:
            t.say("look_back.time.unpleasant", period=phrase(f.unpleasant_period))
