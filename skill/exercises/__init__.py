"""The registry of flows: every flow is listed here once, by id, module and class.

A flow's module is imported when the flow is first used: a launch imports the menu and what it
runs, not every exercise (decision 0044). What the handlers need to know about every flow before
any of them runs -- which exercises the menu offers and in what order, the intents that start a
flow, the intents that answer some step, the menu groups -- is the flows' own declaration,
gathered by :func:`flows_data`. In the artifact it is read from the build's checked bundle
(``skill/bundle_build.py`` writes it from the classes, see skill/bundle.py); from the repository
(no bundle) it is gathered at import by importing every flow, so an edit is seen at once.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any, Final

from skill import bundle
from skill.exercises.base import MENU, Flow
from skill.exercises.menu import SUGGEST_ONE, Menu, fits_last_checkin, group_exercises
from skill.routing import Routing, routing_for
from skill.turn import Turn

FLOW_CLASSES: Final[tuple[tuple[str, str, str], ...]] = (
    # (flow id, module under skill.exercises, class); the id is checked against the class's
    # own by flows_data (at build time and in tests).
    ("menu", "menu", "Menu"),
    ("consent", "consent", "Consent"),
    ("delete-data", "consent", "ForgetMe"),
    ("safety", "safety", "Safety"),
    ("safety-discreet", "safety", "DiscreetSafety"),
    ("private-check", "private", "PrivateCheck"),
    ("reminders", "reminders", "Reminders"),
    ("appreciation-journal", "appreciation", "AppreciationJournal"),
    ("self-care-journal", "selfcare", "SelfCareJournal"),
    ("listening", "listening", "Listening"),
    ("boundaries-journal", "boundaries", "BoundariesJournal"),
    ("notes-later", "notes", "NotesLater"),
    # Exercises, in the order the menu first offers them.
    ("grounding", "grounding", "Grounding"),
    ("check-in", "checkin", "CheckIn"),
    ("look-back", "lookback", "LookBack"),
    ("calming", "calming", "Calming"),
    ("opener", "opener", "Opener"),
    ("validation", "validation", "Validation"),
    ("appreciation", "appreciation", "Appreciation"),
    ("connection", "connection", "Connection"),
    ("self-care", "selfcare", "SelfCare"),
    ("boundaries", "boundaries", "Boundaries"),
    ("professional-help", "professional", "ProfessionalHelp"),
    ("staying-or-leaving", "staying", "StayingOrLeaving"),
    ("pattern", "pattern", "Pattern"),
    ("couple-check-in", "couple", "CoupleCheckIn"),
)
BUNDLE: Final = "flows"


def _make(module: str, name: str) -> Flow:
    made = getattr(importlib.import_module(f"skill.exercises.{module}"), name)()
    if not isinstance(made, Flow):
        raise TypeError(f"skill.exercises.{module}.{name} is not a flow")
    return made


def flows_data(classes: tuple[tuple[str, str, str], ...] = FLOW_CLASSES) -> dict[str, Any]:
    """What the registry needs about every flow before any runs, from the classes themselves
    (imports every flow: build time, and the repository's fallback). JSON-ready."""
    made = [(flow_id, _make(module, name)) for flow_id, module, name in classes]
    for flow_id, flow in made:
        if flow.id != flow_id:
            raise ValueError(f"FLOW_CLASSES lists {flow.id!r} as {flow_id!r}")
    return {
        "exercises": [f.id for _, f in made if f.exercise],
        "start_intents": {i: f.id for _, f in made for i in sorted(f.start_intents)},
        # Intents that answer some step of some flow (yes/no and built-ins aside); an intent
        # that names an exercise and answers only its own steps is a request elsewhere.
        "answer_intents": sorted(
            {
                i
                for _, f in made
                for s in f.steps.values()
                for i in s.accepts
                if not i.startswith("AMAZON.")
                and i != "StartExerciseIntent"
                and i not in f.named_by
            }
        ),
        "groups": {f.id: f.group for _, f in made if f.group},
    }


class LazyFlows(Mapping[str, Flow]):
    """Every flow by id, each made (its module imported) when first looked up."""

    def __init__(self, classes: tuple[tuple[str, str, str], ...]) -> None:
        self._where = {flow_id: (module, name) for flow_id, module, name in classes}
        self._made: dict[str, Flow] = {}

    def __getitem__(self, flow_id: str) -> Flow:
        made = self._made.get(flow_id)
        if made is None:
            module, name = self._where[flow_id]
            made = self._made[flow_id] = _make(module, name)
        return made

    def __contains__(self, flow_id: object) -> bool:
        return flow_id in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


class FlowRegistry:
    """Every flow by id; given to each turn's navigator (skill/navigation.py) by the app, so no
    flow ever imports this module."""

    def __init__(self, classes: tuple[tuple[str, str, str], ...], data: Mapping[str, Any]) -> None:
        self.flows: Mapping[str, Flow] = LazyFlows(classes)
        self.exercises: tuple[str, ...] = tuple(data["exercises"])
        self.start_intents: Mapping[str, str] = dict(data["start_intents"])
        self.answer_intents: frozenset[str] = frozenset(data["answer_intents"])
        self.groups: Mapping[str, str] = dict(data["groups"])

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


REGISTRY = FlowRegistry(
    FLOW_CLASSES, bundle.bundled(BUNDLE, bundle.DEFAULT_CONTENT_DIR) or flows_data()
)
FLOWS: Mapping[str, Flow] = REGISTRY.flows
EXERCISES: tuple[str, ...] = REGISTRY.exercises
START_INTENTS: Mapping[str, str] = REGISTRY.start_intents
# Intents that answer some step of some flow (yes/no and built-ins aside): everyday answers.
ANSWER_INTENTS: frozenset[str] = REGISTRY.answer_intents

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
    return REGISTRY.groups.get(flow_id) or routing.menu.groups.get(flow_id)


def suggestions(t: Turn, count: int = 3) -> list[str]:
    """Exercises to offer: the one that fits a recent check-in first (see
    :func:`skill.exercises.menu.fits_last_checkin`); a new user (no visit counted yet) the
    article's first three (routing.yaml ``menu.first``, decision 0050), then a rotation that
    moves on with what is kept on the profile: one step for each of its writes (a day's first
    visit, a check-in, an idea, a reminder ...), none for a launch that keeps nothing
    (decision 0061)."""
    routing = routing_for(t)
    pool = [e for e in EXERCISES if e not in routing.menu.on_request]
    if len(pool) > count:
        # Writes since the profile was made (its first write is version 1), counting this
        # turn's when it changes the profile: a menu offered after a change and the next launch
        # offer the same three.
        shift = max(t.profile.version + bool(t.changes) - 1, 0) % len(pool)
        pool = pool[shift:] + pool[:shift]
    if t.profile.visits == 0:
        first = [e for e in routing.menu.first if e in pool]
        pool = [*first, *(e for e in pool if e not in first)]
    fit = fits_last_checkin(routing, t.profile.last_checkin, t.req.now, EXERCISES)
    if fit is not None:
        pool = [fit, *(e for e in pool if e != fit)]
    return pool[:count]
