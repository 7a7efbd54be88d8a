"""The registry of flows: every exercise is listed here once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, replace
from typing import Any

from skill.content import bounded
from skill.exercises.appreciation import Appreciation, AppreciationJournal
from skill.exercises.base import MENU, Flow, finish
from skill.exercises.boundaries import Boundaries
from skill.exercises.calming import Calming
from skill.exercises.checkin import CheckIn
from skill.exercises.connection import Connection
from skill.exercises.consent import Consent, ForgetMe
from skill.exercises.couple import CoupleCheckIn
from skill.exercises.grounding import Grounding
from skill.exercises.lookback import LookBack
from skill.exercises.menu import Menu, fits_last_checkin, group_exercises
from skill.exercises.opener import Opener
from skill.exercises.pattern import Pattern
from skill.exercises.private import PrivateCheck
from skill.exercises.professional import ProfessionalHelp
from skill.exercises.reminders import Reminders
from skill.exercises.safety import Safety
from skill.exercises.selfcare import SelfCare, SelfCareJournal
from skill.exercises.staying import StayingOrLeaving
from skill.exercises.validation import Validation
from skill.turn import Slot, Turn

KEPT_SLOT_CHARS = 500
"""The most of one slot's words carried in session attributes (Alexa caps a whole response at
24 KB; a real utterance is far shorter)."""

_ALL: tuple[Flow, ...] = (
    Menu(),
    Consent(),
    ForgetMe(),
    Safety(),
    PrivateCheck(),
    Reminders(),
    AppreciationJournal(),
    SelfCareJournal(),
    # Exercises, in the order the menu first offers them.
    Grounding(),
    CheckIn(),
    LookBack(),
    Calming(),
    Opener(),
    Validation(),
    Appreciation(),
    Connection(),
    SelfCare(),
    Boundaries(),
    ProfessionalHelp(),
    StayingOrLeaving(),
    Pattern(),
    CoupleCheckIn(),
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
    "missed",
    "offer_menu",
    "remember_request",
    "replay_request",
    "start_flow",
]


def remember_request(t: Turn) -> dict[str, Any]:
    """The intent and slots of a one-shot start, kept while a first-visit question is asked."""
    slots = {
        n: asdict(replace(s, value=bounded(s.value, KEPT_SLOT_CHARS) if s.value else s.value))
        for n, s in t.req.slots.items()
    }
    return {"intent": t.req.intent, "slots": slots}


def replay_request(t: Turn, saved: object) -> None:
    """Make a remembered one-shot request the one the starting flow reads."""
    if isinstance(saved, dict):
        slots = {n: Slot(**s) for n, s in (saved.get("slots") or {}).items()}
        t.req = replace(t.req, intent=saved.get("intent"), slots=slots)


def start_flow(t: Turn, flow_id: str) -> None:
    t.session.leave()
    FLOWS[flow_id].start(t)


# Menu groups of exercises whose flows do not set ``Flow.group`` themselves.
_GROUP_OF: Mapping[str, str] = {
    "check-in": "feel",
    "calming": "feel",
    "grounding": "feel",
    "opener": "partner",
    "validation": "partner",
    "appreciation": "closer",
    "connection": "closer",
    "self-care": "you",
    "professional-help": "you",
    "boundaries": "bigger",
    "staying-or-leaving": "bigger",
}
ON_REQUEST: frozenset[str] = frozenset(
    {"pattern", "couple-check-in", "boundaries", "professional-help", "staying-or-leaving"}
)
"""Never suggested by rotation: they need a reason (a check-in, a reflection) or both partners
at the speaker. They are named in the grouped menu and started by name."""
MENU_INTENT = "MenuIntent"


def menu_group(flow_id: str) -> str | None:
    return FLOWS[flow_id].group or _GROUP_OF.get(flow_id)


def suggestions(t: Turn, count: int = 3) -> list[str]:
    """Exercises to offer: the one that fits a recent check-in first (see
    :func:`skill.exercises.menu.fits_last_checkin`), then a rotation from visit to visit."""
    pool = [e for e in EXERCISES if e not in ON_REQUEST]
    if len(pool) > count:
        shift = t.profile.visits % len(pool)
        pool = pool[shift:] + pool[:shift]
    fit = fits_last_checkin(t.profile.last_checkin, t.req.now, EXERCISES)
    if fit is not None:
        pool = [fit, *(e for e in pool if e != fit)]
    return pool[:count]


MAX_MISSES = 2
"""Answers that do not fit a question before the menu is offered instead."""


def missed(t: Turn, retry_key: str) -> None:
    """An answer that does not fit the open question: say so and ask again; after the second
    miss, offer the menu instead (never an apology loop)."""
    t.session.retries += 1
    if t.session.retries >= MAX_MISSES:
        t.say("fallback.give_menu")
        offer_menu(t, "menu.offer")
        return
    t.say(retry_key)
    t.ask_again()


def offer_menu(t: Turn, key: str, /, **params: object) -> None:
    menu = FLOWS[MENU]
    assert isinstance(menu, Menu)
    if t.req.intent == MENU_INTENT:
        # "What can I do?": every registered exercise, in short groups.
        menu.offer_groups(t, group_exercises([(e, menu_group(e)) for e in EXERCISES]))
        return
    choices = suggestions(t)
    if key == "welcome.back" and fits_last_checkin(t.profile.last_checkin, t.req.now, EXERCISES):
        menu.suggest(t, choices, "menu.welcome_suggest", **params)
        return
    menu.offer(t, choices, key, **params)
