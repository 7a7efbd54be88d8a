"""Connection ideas: one small, low-pressure way to share a moment, fitting the hour and the time
the person has.

From the article's "focus on connection, not control": share small moments (meals, walks, shared
hobbies), show appreciation even for little things, and be present without pressing the partner
to open up. Every idea is something the person can offer without expecting anything back.

The ideas are data: ``ideas:`` in ``audio_scripts/en/connection.yaml``, each tagged with the
minutes it takes, the times of day it suits and its kind; its words are the content key
``connection.idea.<id>``. :func:`pick_idea` chooses one that fits the local hour (the device's
time zone, skill/localtime.py) and, when the person said how long they have ("I have ten
minutes", AMAZON.DURATION), the time; never one given in this run, nor one of the last few
given to this person. Those last few are remembered in ``Profile.recent_ideas`` only with
consent to keep notes; otherwise only for the run itself.

Steps: ``another`` ("another one?", or a new amount of time) until the person says no, or after
:data:`MAX_IDEAS` ideas.
"""

from __future__ import annotations

import random
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar, Final, Literal, cast, get_args

from skill import bundle
from skill.exercises.base import NO, YES, Flow, Step, Timed
from skill.localtime import local_hour
from skill.state import Profile
from skill.turn import ProfileChange, Slot, Turn

START = "ConnectionIdeaIntent"
TIME = "TimeAvailableIntent"
ANOTHER_IDEA = "AnotherIdeaIntent"
ANOTHER_ROUND = "AnotherRoundIntent"
"""The calming practice's "another one", "one more": an idea here."""
HEAR_MORE = "HearMoreIntent"
"""'what else', 'go on' (declared in intents/src/professional.yaml)."""

LONGEST_IDEA: Final = "connection.idea.midday_message"
"""The longest idea as spoken (checked by tests/article)."""
MAX_IDEAS: Final = 5
"""Ideas offered in one run before the exercise rounds itself off."""
AVOID_RECENT: Final = 5
"""An idea given to this person among the last this many is not offered again."""

TimeOfDay = Literal["morning", "afternoon", "evening", "any"]
Kind = Literal["meal", "walk", "hobby", "appreciation", "presence", "kindness"]
_ID_RE: Final = re.compile(r"^[a-z][a-z0-9_]*$")


_IDEA_KEYS: Final = frozenset({"id", "minutes", "when", "kind"})
_PERIODS: Final = frozenset(get_args(TimeOfDay))
_KINDS: Final = frozenset(get_args(Kind))
MAX_MINUTES: Final = 180


class IdeaError(ValueError):
    """The ideas in connection.yaml break a rule."""


@dataclass(frozen=True, slots=True)
class Idea:
    id: str
    minutes: int
    """About how long it takes (1 to 180)."""
    when: tuple[TimeOfDay, ...]
    kind: Kind

    @property
    def key(self) -> str:
        return f"connection.idea.{self.id}"

    def suits(self, period: TimeOfDay) -> bool:
        return "any" in self.when or period in self.when

    @classmethod
    def from_data(cls, raw: Any) -> Idea:
        """One idea from source data, checked."""
        if not isinstance(raw, Mapping) or set(raw) != _IDEA_KEYS:
            raise IdeaError(f"an idea has exactly {sorted(_IDEA_KEYS)}: {raw!r}")
        idea_id, minutes, when, kind = raw["id"], raw["minutes"], raw["when"], raw["kind"]
        if not isinstance(idea_id, str) or not _ID_RE.match(idea_id):
            raise IdeaError(f"idea id {idea_id!r} is not snake_case")
        if isinstance(minutes, bool) or not isinstance(minutes, int):
            raise IdeaError(f"{idea_id}: minutes must be a whole number")
        if not 1 <= minutes <= MAX_MINUTES:
            raise IdeaError(f"{idea_id}: minutes must be 1 to {MAX_MINUTES}")
        if not isinstance(when, list | tuple) or not when or not set(when) <= _PERIODS:
            raise IdeaError(f"{idea_id}: when is one or more of {sorted(_PERIODS)}")
        if kind not in _KINDS:
            raise IdeaError(f"{idea_id}: kind {kind!r} is not one of {sorted(_KINDS)}")
        return cls(idea_id, minutes, cast(tuple[TimeOfDay, ...], tuple(when)), kind)


def ideas_from_data(data: Any) -> tuple[Idea, ...]:
    """The ``ideas:`` of a connection.yaml (other keys, such as ``prompts:``, are the
    content's), checked: at least one, ids unique."""
    raw = data.get("ideas") if isinstance(data, Mapping) else None
    if not isinstance(raw, list) or not raw:
        raise IdeaError("connection.yaml needs a non-empty list of ideas")
    ideas = tuple(Idea.from_data(item) for item in raw)
    ids = [i.id for i in ideas]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise IdeaError(f"idea ids used twice: {twice}")
    return ideas


def ideas_data(ideas: Sequence[Idea]) -> dict[str, Any]:
    """Checked ideas as plain data, for the bundle."""
    return {
        "ideas": [
            {"id": i.id, "minutes": i.minutes, "when": list(i.when), "kind": i.kind} for i in ideas
        ]
    }


def load_ideas(path: Path) -> tuple[Idea, ...]:
    """The ideas of one connection.yaml, validated (from the build's bundle when it is the file
    the bundle was built from)."""
    data = bundle.bundled("ideas.en", path, bundle.DEFAULT_CONTENT_DIR / "en" / "connection.yaml")
    if data is None:
        import yaml  # the artifact reads the bundle; tests and tools read the source

        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
    return ideas_from_data(data)


@lru_cache(maxsize=4)
def _ideas(path: Path) -> tuple[Idea, ...]:
    return load_ideas(path)


def ideas_for(t: Turn) -> tuple[Idea, ...]:
    """Read and validated once per process (cached by path)."""
    return _ideas(t.settings.content_dir / "en" / "connection.yaml")


def period_of(hour: int) -> TimeOfDay:
    """Morning 5-11, afternoon 12-16, evening 17-4 (late at night, evening ideas still fit)."""
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    return "evening"


_DURATION_RE: Final = re.compile(
    r"^P(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+)S)?)?$"
)


def minutes_of(slot: Slot) -> int | None:
    """Minutes from an AMAZON.DURATION value ("PT10M", "PT1H30M", "PT45S"); rounded up, so any
    time at all is at least a minute. None when nothing (readable) was said."""
    if not slot.filled:
        return None
    m = _DURATION_RE.match((slot.value or "").strip().upper())
    if m is None or not any(m.groupdict().values()):
        return None
    n = {k: int(v or 0) for k, v in m.groupdict().items()}
    seconds = (((n["w"] * 7 + n["d"]) * 24 + n["h"]) * 60 + n["m"]) * 60 + n["s"]
    if seconds <= 0:
        return None
    return -(-seconds // 60)


def pick_idea(
    ideas: Sequence[Idea],
    period: TimeOfDay,
    minutes: int | None,
    avoid: Collection[str],
    rng: random.Random,
) -> Idea:
    """One idea that is not in ``avoid``, preferring, in order: fits the time and the hour;
    fits the time at any hour; the shortest ones left. Only if every idea is to be avoided does
    any idea come back (never with the idea list longer than ``avoid``)."""
    fresh = [i for i in ideas if i.id not in avoid] or list(ideas)
    fits = [i for i in fresh if minutes is None or i.minutes <= minutes]
    now = [i for i in fits if i.suits(period)]
    if now:
        return rng.choice(now)
    if fits:
        return rng.choice(fits)
    shortest = min(i.minutes for i in fresh)
    return rng.choice([i for i in fresh if i.minutes == shortest])


def _remember(idea_id: str) -> ProfileChange:
    def op(p: Profile) -> None:
        # Assigned, not appended: the model validator keeps the list bounded.
        p.recent_ideas = [*(i for i in p.recent_ideas if i != idea_id), idea_id]

    return op


class Connection(Flow):
    id = "connection"
    start_intents = frozenset({START})
    # Only recent idea ids are remembered, and only with consent: nothing to ask about first.
    keeps_notes = False
    timed: ClassVar[Mapping[str, Timed]] = {
        # Not a guided stretch: the first answer (framing, the longest idea, the nudge about
        # pressure and the question) stays short. tests/article checks no idea is longer than
        # the one named here.
        "first idea": Timed(
            (
                "connection.intro",
                LONGEST_IDEA,
                "connection.no_pressure",
                "connection.ask_another",
            ),
            22,
        ),
    }
    steps: ClassVar[Mapping[str, Step]] = {
        "another": Step(
            frozenset({YES, NO, ANOTHER_IDEA, ANOTHER_ROUND, HEAR_MORE, TIME}),
            help="help.connection.another",
            retry="connection.retry",
        ),
    }

    def start(self, t: Turn) -> None:
        t.session.enter(self.id, "another", {"shown": []})
        minutes = minutes_of(t.req.slot("duration"))
        t.say("connection.intro_time" if minutes is not None else "connection.intro")
        self._give(t, minutes)
        t.say("connection.no_pressure")
        self.goto(t, "another", "connection.ask_another")

    def handle(self, t: Turn) -> None:
        if t.req.intent == NO:
            t.say("connection.close")
            t.nav.finish()
            return
        shown = list(t.session.data.get("shown") or [])
        if len(shown) >= MAX_IDEAS:
            t.say("connection.enough")
            t.nav.finish()
            return
        minutes = minutes_of(t.req.slot("duration")) if t.req.intent == TIME else None
        if minutes is None:
            minutes = _int_or_none(t.session.data.get("minutes"))
            t.say("connection.next_intro")
        else:
            t.say("connection.intro_time")
        self._give(t, minutes)
        self.goto(t, "another", "connection.ask_another_short")

    def _give(self, t: Turn, minutes: int | None) -> None:
        data = t.session.data
        shown = [str(i) for i in data.get("shown") or []]
        recent = t.profile.recent_ideas[-AVOID_RECENT:] if t.profile.keeps_data else []
        idea = pick_idea(ideas_for(t), period_of(local_hour(t)), minutes, {*shown, *recent}, t.rng)
        t.say(idea.key)
        data["shown"] = [*shown, idea.id]
        if minutes is not None:
            data["minutes"] = minutes
        if t.profile.keeps_data:
            t.change(_remember(idea.id))


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) else None
