"""Where a phrase is said: each point is reached by replaying what a person would say.

A point is a list of turns (typed text, read the way a device reads it: "open steady heart" is a
launch, "tell steady heart ..." a one-shot, anything else an utterance in the session) and the
place the skill must be in afterwards (flow and step in the session attributes). If a resolver
does not get there, the phrases at that point are reported as unreached, never as caught.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from devtools.models import INVOCATION_NAME
from tests.support.evaluation.skillpath import parse_invocation

TurnKind = Literal["launch", "utter", "one_shot"]
OPEN = f"open {INVOCATION_NAME}"
ONE_SHOT = f"tell {INVOCATION_NAME} "


@dataclass(frozen=True)
class Turn:
    kind: TurnKind
    text: str
    """What the resolver hears ("" for a launch; the request after the invocation for a
    one-shot)."""


def turn(said: str) -> Turn:
    """How a device reads a typed sentence: launch, one-shot, or an utterance in the session."""
    kind, rest = parse_invocation(said, INVOCATION_NAME)
    if kind == "launch":
        return Turn("launch", "")
    if kind == "intent":
        return Turn("one_shot", rest)
    return Turn("utter", said)


@dataclass(frozen=True)
class Point:
    name: str
    before: tuple[str, ...]
    """What the person says to get there, in order."""
    at: tuple[str, str] | None
    """(flow, step) in the session after ``before``; None for a one-shot (a new session)."""
    one_shot: bool = False
    offers: tuple[str, ...] | None = None
    """What must have been offered there, in order, when cases may say "the second one"."""

    def reached(self, place: tuple[str | None, str | None], offered: tuple[str, ...]) -> bool:
        return place == self.at and (self.offers is None or offered == self.offers)

    def turns(self, phrase: str) -> tuple[Turn, ...]:
        said = (*self.before, ONE_SHOT + phrase if self.one_shot else phrase)
        return tuple(turn(s) for s in said)


_START = (OPEN, "yes")  # a first visit that agrees to keep notes: the menu
_POINTS = (
    Point("first_launch", (OPEN,), ("consent", "ask")),
    Point("returning_launch", (*_START, "stop", OPEN), ("menu", "choose")),
    # Blind authors are told the first menu offers these three, in this order (decision 0050).
    Point("menu", _START, ("menu", "choose"), offers=("check-in", "calming", "appreciation")),
    Point("mid_checkin", (*_START, "check in"), ("check-in", "feeling")),
    Point("checkin_pleasant", (*_START, "check in", "i'm not sure"), ("check-in", "pleasant")),
    Point("checkin_need", (*_START, "check in", "frustrated"), ("check-in", "need")),
    Point("calming_another", (*_START, "calming"), ("calming", "again")),
    Point("appreciation", (*_START, "appreciation"), ("appreciation", "moment")),
    Point("journal", (*_START, "self care", "yes"), ("self-care", "reflection")),
    Point("boundaries", (*_START, "boundaries"), ("boundaries", "closeness")),
    Point("opener_topic", (*_START, "opener", "yes", "frustrated"), ("opener", "topic")),
    Point("validation_reply", (*_START, "validation practice"), ("validation", "reply")),
    Point("one_shot", (), None, one_shot=True),
)
POINTS = {p.name: p for p in _POINTS}

SAFETY_POINTS = (
    "first_launch",
    "returning_launch",
    "menu",
    "mid_checkin",
    "appreciation",
    "journal",
    "boundaries",
    "opener_topic",
    "one_shot",
)
"""Where a disclosure must be answered (issue 15): launches, the menu, mid check-in, each
free-speech step, and a one-shot."""

EVERYDAY_ALIASES = {
    "checkin_feeling": "mid_checkin",
    "appreciation_what": "appreciation",
    "boundaries_topic": "boundaries",
}
"""Everyday rounds name some points after the question asked there."""


def point(name: str) -> Point:
    return POINTS[EVERYDAY_ALIASES.get(name, name)]
