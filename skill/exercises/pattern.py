"""Noticing a pattern: is the distance more than a passing stretch?

Traces to the article's "When emotional distance becomes a pattern": four signs that it is more
than a temporary disconnect (an unwillingness to engage emotionally despite repeated efforts;
disdain or contempt when needs are expressed; checking out during conflict or vulnerability;
repeated dismissiveness or stonewalling), and to what it suggests then: professional help and
boundaries. Research: these echo Gottman's contempt and stonewalling; the questions ask about
behaviour SEEN over time and never ask the person to diagnose or label their partner, and
nothing said back is a statement about the partner.

Steps: ``engage`` -> ``contempt`` -> ``checkout`` -> ``stonewall`` (each "over the last few
weeks, how often ...": never, sometimes or often) -> the reflection -> ``keep`` (only with
consent to keep notes: "shall I keep today's answers?") -> ``private`` (only when there is
something private to read: the comparison with last time or the check-in note; skipped for a
recognised voice) -> ``next`` (an exercise that fits the level, when one is registered).

Reading an answer (:func:`read_frequency`): FrequencyIntent's FrequencyType (never, sometimes,
often and their synonyms; "rarely" and "hardly ever" count as never, because the signs are about
repetition); NoIntent ("no", "not really") is never; UnsureIntent is sometimes, because its
samples are hedged frequencies ("sometimes", "not always", "kind of", "it depends", "not
sure"). A "yes" says no frequency, so the question is asked again. "Skip", "I'd rather not
answer" (SkipIntent), "pass" or "next" (DoneIntent) is respected: that sign is kept as
"skipped" and counts as never; with every sign skipped there is no reflection and nothing kept.

Scoring (:func:`score`, pure, thresholds below): never 0, sometimes 1, often 2 points per sign
(0 to 8). Check-ins of the last 30 days add one point when at least ``HISTORY_MIN`` were kept
and at least half of them were unpleasant and about the partner, or at least half named a
feeling of the lonely, rejected or unimportant family (``connection`` in routing.yaml), and
only when at least one sign was seen: check-ins describe the person's own feelings, never the
partner's behaviour, so they can weigh what was seen but never stand in for it.
Level: ``none`` with 0 points, ``some`` with 1 to 3, ``many`` from 4 (all four seen sometimes,
two seen often, or one often and one sometimes alongside heavy check-ins).

Compared with the last kept reflection of the last 180 days (:func:`compare`): the answer points
(history aside) at least 2 lower is "fewer", at least 2 higher is "more", else "about the same".
The comparison and the check-in note are private: read out only to a recognised voice or after
"is this a good moment?" (:func:`skill.exercises.private.when_private_ok`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar, Final, Literal

from skill.content import Raw
from skill.exercises.base import NO, YES, YES_NO, Flow, Return, Step, Timed, name_key
from skill.exercises.menu import spoken_list
from skill.exercises.private import when_private_ok
from skill.navigation import YES_RESULT
from skill.routing import routing_for
from skill.state import HistoryItem
from skill.turn import Slot, Turn

Frequency = Literal["never", "sometimes", "often", "skipped"]
Level = Literal["none", "some", "many"]
Change = Literal["fewer", "same", "more"]

PATTERN = "PatternIntent"
FREQUENCY = "FrequencyIntent"
UNSURE = "UnsureIntent"
"""Declared in intents/src/opener.yaml ("sometimes", "not always", "not sure")."""
SKIP = "SkipIntent"
"""Declared in intents/src/boundaries.yaml ("skip", "i'd rather not answer")."""
DONE = "DoneIntent"
"""Declared in intents/src/couple.yaml ("next", "pass"): a skip here."""

SIGNS: Final = ("engage", "contempt", "checkout", "stonewall")
POINTS: Final[Mapping[str, int]] = {"never": 0, "sometimes": 1, "often": 2, "skipped": 0}
DAY: Final = 86400
HISTORY_DAYS: Final = 30
COMPARE_DAYS: Final = 180
HISTORY_MIN: Final = 3
"""Fewest check-ins in 30 days before they count."""
HEAVY_SHARE: Final = 0.5
HISTORY_POINT: Final = 1
MANY_AT: Final = 4
CHANGE_AT: Final = 2

OFFERS: Final[Mapping[str, tuple[str, ...]]] = {
    "many": ("professional-help", "boundaries"),
    "some": ("opener", "connection"),
    "none": ("connection", "appreciation"),
}
"""What is offered after the reflection: the registered ones, in this order."""

_ASK: Final[Mapping[str, str]] = {
    "engage": "pattern.ask.engage",
    "contempt": "pattern.ask.contempt",
    "checkout": "pattern.ask.checkout",
    "stonewall": "pattern.ask.stonewall",
}
_LEVEL: Final[Mapping[str, str]] = {
    "none": "pattern.level.none",
    "some": "pattern.level.some",
    "many": "pattern.level.many",
}
_OFFER: Final[Mapping[str, str]] = {
    "none": "pattern.offer.none",
    "some": "pattern.offer.some",
    "many": "pattern.offer.many",
}
_CHANGE: Final[Mapping[str, str]] = {
    "fewer": "pattern.compare.fewer",
    "same": "pattern.compare.same",
    "more": "pattern.compare.more",
}


# --------------------------------------------------------------------------- pure helpers


def read_frequency(intent: str | None, slot: Slot) -> Frequency | None:
    """How often, from one answer; None when the answer says no frequency."""
    if intent == NO:
        return "never"
    if intent == UNSURE:
        return "sometimes"
    if intent in (SKIP, DONE):
        return "skipped"
    if intent == FREQUENCY and slot.resolved_id in POINTS:
        return as_frequency(slot.resolved_id)
    return None


def as_frequency(value: object) -> Frequency | None:
    if value == "never":
        return "never"
    if value == "sometimes":
        return "sometimes"
    if value == "often":
        return "often"
    if value == "skipped":
        return "skipped"
    return None


def answer_points(answers: Mapping[str, str]) -> int:
    return sum(POINTS.get(str(answers.get(s, "")), 0) for s in SIGNS)


@dataclass(frozen=True)
class HistoryFacts:
    """What the check-ins of the last 30 days add to the picture."""

    checkins: int = 0
    hard_about_partner: int = 0
    """Unpleasant check-ins about the partner or the relationship."""
    hurt: int = 0
    """Check-ins naming a lonely, rejected or unimportant kind of feeling."""

    @property
    def heavy(self) -> bool:
        if self.checkins < HISTORY_MIN:
            return False
        return (
            self.hard_about_partner / self.checkins >= HEAVY_SHARE
            or self.hurt / self.checkins >= HEAVY_SHARE
        )


def history_facts(
    items: Iterable[HistoryItem], now: int, connection: Collection[str]
) -> HistoryFacts:
    month = [i for i in items if i.kind == "checkin" and now - HISTORY_DAYS * DAY <= i.at <= now]
    hard = sum(
        1
        for i in month
        if str(i.data.get("quadrant", "")).startswith("unpleasant")
        and i.data.get("about_partner") is True
    )
    hurt = sum(1 for i in month if str(i.data.get("feeling", "")) in connection)
    return HistoryFacts(checkins=len(month), hard_about_partner=hard, hurt=hurt)


def score(answers: Mapping[str, str], facts: HistoryFacts) -> Level:
    """none / some / many (thresholds in the module docstring)."""
    points = answer_points(answers)
    if points == 0:
        return "none"
    if facts.heavy:
        points += HISTORY_POINT
    return "many" if points >= MANY_AT else "some"


@dataclass(frozen=True)
class Previous:
    answers: Mapping[str, str]
    at: int


def previous_reflection(items: Iterable[HistoryItem], now: int) -> Previous | None:
    """The last kept reflection of the last 180 days (before ``now``)."""
    kept = sorted(
        (i for i in items if i.kind == "pattern" and now - COMPARE_DAYS * DAY <= i.at <= now),
        key=lambda i: (i.at, i.seq),
    )
    if not kept:
        return None
    last = kept[-1]
    answers = {s: as_frequency(last.data.get(s)) or "never" for s in SIGNS}
    return Previous(answers=answers, at=last.at)


def compare(now: Mapping[str, str], before: Mapping[str, str]) -> Change:
    diff = answer_points(now) - answer_points(before)
    if diff <= -CHANGE_AT:
        return "fewer"
    if diff >= CHANGE_AT:
        return "more"
    return "same"


# --------------------------------------------------------------------------- the flow


class Pattern(Flow):
    id = "pattern"
    group = "bigger"
    start_intents = frozenset({PATTERN})
    # Not guided stretches, but the longest turns: the start, and the fullest reflection.
    timed: ClassVar[Mapping[str, Timed]] = {
        "intro and first question": Timed(("pattern.intro", "pattern.ask.engage"), 26),
        "many signs and the note": Timed(("pattern.level.many", "pattern.keep_ask"), 24),
    }
    _answers = frozenset({FREQUENCY, UNSURE, SKIP, DONE, YES, NO})
    steps: ClassVar[Mapping[str, Step]] = {
        "engage": Step(_answers, help="help.pattern.engage", retry="pattern.retry"),
        "contempt": Step(_answers, help="help.pattern.contempt", retry="pattern.retry"),
        "checkout": Step(_answers, help="help.pattern.checkout", retry="pattern.retry"),
        "stonewall": Step(_answers, help="help.pattern.stonewall", retry="pattern.retry"),
        "keep": Step(YES_NO, help="help.pattern.keep", retry="pattern.retry_yes_no"),
        "next": Step(YES_NO, help="help.pattern.next", retry="pattern.retry_yes_no"),
    }

    def start(self, t: Turn) -> None:
        t.session.enter(self.id, SIGNS[0], {"answers": {}})
        t.say("pattern.intro")
        self.goto(t, SIGNS[0], _ASK[SIGNS[0]])

    def handle(self, t: Turn) -> None:
        step = t.session.step or SIGNS[0]
        if step in SIGNS:
            self._on_sign(t, step)
        elif step == "keep":
            self._on_keep(t)
        else:
            self._on_next(t)

    def resume(self, t: Turn, back: Return) -> None:
        """Back from "is this a good moment?" (see _after_keep), with this flow's data: the
        private part on yes (a no was answered there), then what could help next."""
        if back.result == YES_RESULT:
            self._private_part(t)
        self._offer_next(t)

    # --- the four questions ----------------------------------------------------------------
    def _on_sign(self, t: Turn, step: str) -> None:
        freq = read_frequency(t.req.intent, t.req.slot("frequency"))
        if freq is None:
            self._miss(t)
            return
        answers = {**(t.session.data.get("answers") or {}), step: freq}
        t.session.data["answers"] = answers
        i = SIGNS.index(step)
        if i + 1 < len(SIGNS):
            t.say("pattern.skip_ack" if freq == "skipped" else "pattern.ack")
            self.goto(t, SIGNS[i + 1], _ASK[SIGNS[i + 1]])
            return
        self._reflect(t, answers)

    def _reflect(self, t: Turn, answers: Mapping[str, str]) -> None:
        if all(answers.get(s) == "skipped" for s in SIGNS):
            t.say("pattern.all_skipped")
            t.nav.finish()
            return
        items = t.history(COMPARE_DAYS, ("checkin", "pattern")) or []
        facts = history_facts(items, t.req.now, routing_for(t).family("connection"))
        level = score(answers, facts)
        previous = previous_reflection(items, t.req.now)
        data = t.session.data
        data["level"] = level
        data["heavy"] = facts.heavy
        if previous is not None:
            data["previous"] = {"answers": dict(previous.answers), "at": previous.at}
        t.say(_LEVEL[level])
        if t.profile.keeps_data:
            self.goto(t, "keep", "pattern.keep_ask")
        else:
            self._after_keep(t)

    # --- keeping, and what is private --------------------------------------------------------
    def _on_keep(self, t: Turn) -> None:
        data = t.session.data
        answers = data.get("answers") or {}
        if t.req.intent == YES:
            kept = t.keep(
                "pattern",
                engage=str(answers.get("engage", "")),
                contempt=str(answers.get("contempt", "")),
                checkout=str(answers.get("checkout", "")),
                stonewall=str(answers.get("stonewall", "")),
                level=str(data.get("level", "")),
            )
            if kept:
                t.say_kept("pattern.kept")
        else:
            t.say("pattern.not_kept")
        self._after_keep(t)

    def _after_keep(self, t: Turn) -> None:
        data = dict(t.session.data)
        if not (data.get("previous") or data.get("heavy")):
            self._offer_next(t)
            return
        if when_private_ok(t, self.id, "private"):
            self._private_part(t)
            self._offer_next(t)

    def _private_part(self, t: Turn) -> None:
        data = t.session.data
        previous = data.get("previous")
        if isinstance(previous, dict):
            change = compare(data.get("answers") or {}, previous.get("answers") or {})
            t.say(_CHANGE[change], when=self._when(t, int(previous.get("at", t.req.now))))
        if data.get("heavy"):
            t.say("pattern.history_heavy")

    def _when(self, t: Turn, at: int) -> Raw:
        days = max(0, (t.req.now - at) // DAY)
        if days < 2:
            return Raw(t.text.render("pattern.when.recent"))
        if days < 14:
            return Raw(t.text.render("pattern.when.days", days=days))
        if days < 60:
            return Raw(t.text.render("pattern.when.weeks", weeks=days // 7))
        return Raw(t.text.render("pattern.when.months", months=days // 30))

    # --- what next ---------------------------------------------------------------------------
    def _offer_next(self, t: Turn) -> None:
        level = str(t.session.data.get("level", ""))
        choices = t.nav.registered(OFFERS.get(level, ()))
        if not choices:
            t.say("pattern.close")
            t.nav.finish()
            return
        t.session.enter(self.id, "next", {"offered": choices})
        self.goto(t, "next", _OFFER[level], options=spoken_list(t, [name_key(c) for c in choices]))

    def _on_next(self, t: Turn) -> None:
        offered = t.nav.registered(str(c) for c in t.session.data.get("offered") or [])
        if t.req.intent == YES and offered:
            t.nav.hand_off(offered[0])
            return
        t.say("pattern.close")
        t.nav.finish()

    def _miss(self, t: Turn) -> None:
        """An answer that is not a frequency: as the framework's miss handler."""
        t.nav.missed("pattern.retry")
