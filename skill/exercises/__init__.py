"""The registry of flows: every exercise is listed here once."""

from __future__ import annotations

from collections.abc import Mapping

from skill.exercises.appreciation import Appreciation, AppreciationJournal
from skill.exercises.base import MENU, Flow
from skill.exercises.boundaries import Boundaries, BoundariesJournal
from skill.exercises.calming import Calming
from skill.exercises.checkin import CheckIn
from skill.exercises.connection import Connection
from skill.exercises.consent import Consent, ForgetMe
from skill.exercises.couple import CoupleCheckIn
from skill.exercises.grounding import Grounding
from skill.exercises.listening import Listening
from skill.exercises.lookback import LookBack
from skill.exercises.menu import SUGGEST_ONE, Menu, fits_last_checkin, group_exercises
from skill.exercises.notes import NotesLater
from skill.exercises.opener import Opener
from skill.exercises.pattern import Pattern
from skill.exercises.private import PrivateCheck
from skill.exercises.professional import ProfessionalHelp
from skill.exercises.reminders import Reminders
from skill.exercises.safety import DiscreetSafety, Safety
from skill.exercises.selfcare import SelfCare, SelfCareJournal
from skill.exercises.staying import StayingOrLeaving
from skill.exercises.validation import Validation
from skill.routing import Routing, routing_for
from skill.turn import Turn

_ALL: tuple[Flow, ...] = (
    Menu(),
    Consent(),
    ForgetMe(),
    Safety(),
    DiscreetSafety(),
    PrivateCheck(),
    Reminders(),
    AppreciationJournal(),
    SelfCareJournal(),
    Listening(),
    BoundariesJournal(),
    NotesLater(),
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
            routing = routing_for(t)
            groups = group_exercises([(e, menu_group(routing, e)) for e in self.exercises])
            menu.offer_groups(t, groups)
            return
        if key == SUGGEST_ONE:
            # One suggestion, none the person has just passed over.
            skipped = set(t.session.data.get("skipped") or []) if t.session.flow == MENU else set()
            pool = suggestions(t, count=len(self.exercises))
            fresh = [c for c in pool if c not in skipped] or pool
            menu.offer(t, fresh[:1], SUGGEST_ONE, **params)
            return
        choices = suggestions(t)
        if key == "welcome.back" and fits_last_checkin(
            routing_for(t), t.profile.last_checkin, t.req.now, self.exercises
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


MENU_INTENT = "MenuIntent"


def menu_group(routing: Routing, flow_id: str) -> str | None:
    """The flow's own group, else the one routing.yaml gives it."""
    return FLOWS[flow_id].group or routing.menu.groups.get(flow_id)


def suggestions(t: Turn, count: int = 3) -> list[str]:
    """Exercises to offer: the one that fits a recent check-in first (see
    :func:`skill.exercises.menu.fits_last_checkin`); a new user (no visit counted yet) the
    article's first three (routing.yaml ``menu.first``, decision 0050), then a rotation from
    visit to visit."""
    routing = routing_for(t)
    pool = [e for e in EXERCISES if e not in routing.menu.on_request]
    if len(pool) > count:
        shift = t.profile.visits % len(pool)
        pool = pool[shift:] + pool[:shift]
    if t.profile.visits == 0:
        first = [e for e in routing.menu.first if e in pool]
        pool = [*first, *(e for e in pool if e not in first)]
    fit = fits_last_checkin(routing, t.profile.last_checkin, t.req.now, EXERCISES)
    if fit is not None:
        pool = [fit, *(e for e in pool if e != fit)]
    return pool[:count]
