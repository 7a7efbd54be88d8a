"""The registry of flows: every exercise is listed here once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, replace
from typing import Any

from skill.exercises.appreciation import Appreciation, AppreciationJournal
from skill.exercises.base import MENU, Flow, finish
from skill.exercises.calming import Calming
from skill.exercises.checkin import CheckIn
from skill.exercises.consent import Consent, ForgetMe
from skill.exercises.grounding import Grounding
from skill.exercises.lookback import LookBack
from skill.exercises.menu import Menu
from skill.exercises.opener import Opener
from skill.exercises.private import PrivateCheck
from skill.exercises.reminders import Reminders
from skill.exercises.safety import Safety
from skill.exercises.validation import Validation
from skill.turn import Slot, Turn

_ALL: tuple[Flow, ...] = (
    Menu(),
    Consent(),
    ForgetMe(),
    Safety(),
    PrivateCheck(),
    Reminders(),
    AppreciationJournal(),
    # Exercises, in the order the menu first offers them.
    Grounding(),
    CheckIn(),
    LookBack(),
    Calming(),
    Opener(),
    Validation(),
    Appreciation(),
)

FLOWS: Mapping[str, Flow] = {f.id: f for f in _ALL}
EXERCISES: tuple[str, ...] = tuple(f.id for f in _ALL if f.exercise)
START_INTENTS: Mapping[str, str] = {i: f.id for f in _ALL for i in f.start_intents}
# Intents that answer some step of some flow (yes/no and built-ins aside): everyday answers.
ANSWER_INTENTS: frozenset[str] = frozenset(
    i
    for f in _ALL
    for s in f.steps.values()
    for i in s.accepts
    if not i.startswith("AMAZON.") and i != "StartExerciseIntent"
)

__all__ = [
    "ANSWER_INTENTS",
    "EXERCISES",
    "FLOWS",
    "MENU",
    "START_INTENTS",
    "finish",
    "offer_menu",
    "remember_request",
    "replay_request",
    "start_flow",
]


def remember_request(t: Turn) -> dict[str, Any]:
    """The intent and slots of a one-shot start, kept while a first-visit question is asked."""
    return {"intent": t.req.intent, "slots": {n: asdict(s) for n, s in t.req.slots.items()}}


def replay_request(t: Turn, saved: object) -> None:
    """Make a remembered one-shot request the one the starting flow reads."""
    if isinstance(saved, dict):
        slots = {n: Slot(**s) for n, s in (saved.get("slots") or {}).items()}
        t.req = replace(t.req, intent=saved.get("intent"), slots=slots)


def start_flow(t: Turn, flow_id: str) -> None:
    t.session.leave()
    FLOWS[flow_id].start(t)


def suggestions(t: Turn, count: int = 3) -> list[str]:
    """Exercises to offer, rotating from visit to visit."""
    pool = list(EXERCISES)
    if len(pool) <= count:
        return pool
    shift = t.profile.visits % len(pool)
    return (pool[shift:] + pool[:shift])[:count]


def offer_menu(t: Turn, key: str, /, **params: object) -> None:
    menu = FLOWS[MENU]
    assert isinstance(menu, Menu)
    menu.offer(t, suggestions(t), key, **params)
