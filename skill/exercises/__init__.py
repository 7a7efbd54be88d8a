"""The registry of flows: every exercise is listed here once."""

from __future__ import annotations

from collections.abc import Mapping

from skill.exercises.appreciation import Appreciation, AppreciationJournal
from skill.exercises.base import MENU, Flow
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
from skill.turn import Turn

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


class FlowRegistry:
    """Every flow by id; given to each turn's navigator (skill/navigation.py) by the app, so no
    flow ever imports this module."""

    def __init__(self, flows: tuple[Flow, ...]) -> None:
        self.flows: Mapping[str, Flow] = {f.id: f for f in flows}
        self.exercises: tuple[str, ...] = tuple(f.id for f in flows if f.exercise)

    def flow(self, flow_id: str) -> Flow | None:
        return self.flows.get(flow_id)

    def is_exercise(self, flow_id: str) -> bool:
        return flow_id in self.exercises

    def offer_menu(self, t: Turn, key: str, /, **params: object) -> None:
        menu = self.flows[MENU]
        assert isinstance(menu, Menu)
        if t.req.intent == MENU_INTENT:
            # "What can I do?": every registered exercise, in short groups.
            menu.offer_groups(t, group_exercises([(e, menu_group(e)) for e in self.exercises]))
            return
        choices = suggestions(t)
        if key == "welcome.back" and fits_last_checkin(
            t.profile.last_checkin, t.req.now, self.exercises
        ):
            menu.suggest(t, choices, "menu.welcome_suggest", **params)
            return
        menu.offer(t, choices, key, **params)


REGISTRY = FlowRegistry(_ALL)
FLOWS: Mapping[str, Flow] = REGISTRY.flows
EXERCISES: tuple[str, ...] = REGISTRY.exercises
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
    "REGISTRY",
    "START_INTENTS",
    "FlowRegistry",
    "menu_group",
    "suggestions",
]


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
