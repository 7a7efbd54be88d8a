"""Conversation flows: small state machines kept in session attributes.

A flow has named steps. Each step says which intents answer it and which content key helps
there. ``handle`` moves between steps; it only changes the ``Turn`` in memory. An exercise is a
flow that appears in the menu; when it finishes (``t.nav.finish``), the conversation returns to
the flow that delegated to it, else to the menu. Flows move on only through ``t.nav``
(skill/navigation.py) and never import the registry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from skill.content import Raw
from skill.navigation import MENU, Return
from skill.turn import Turn

YES = "AMAZON.YesIntent"
NO = "AMAZON.NoIntent"
YES_NO = frozenset({YES, NO})
COMMANDS = frozenset(
    {
        "StartExerciseIntent",
        "MenuIntent",
        "DeleteDataIntent",
        "WhatDoYouKeepIntent",
        "AMAZON.NavigateHomeIntent",
        "AMAZON.StartOverIntent",
    }
)
"""Intents that still do what they say while a flow takes free speech (the couple's talk,
being listened to): everything else is the person talking."""
__all__ = [
    "MENU",
    "NO",
    "YES",
    "YES_NO",
    "Flow",
    "Return",
    "Step",
    "Timed",
    "days_ago",
    "name_key",
    "prefix_of",
]
ASKED_AT = "_asked"


@dataclass(frozen=True)
class Timed:
    """A spoken stretch of an exercise and how long it is meant to take."""

    keys: tuple[str, ...]
    """Content keys spoken in order (the longest variation of each counts)."""
    target_s: float
    tolerance: float = 0.25
    practice: bool = False
    """A guided practice whose length is the point (breathing, grounding): exempt from the
    turn-length check (``steadyheart lint``); every other timed part is also checked as a turn."""


@dataclass(frozen=True)
class Step:
    accepts: frozenset[str]
    """Intents that answer this step."""
    help: str
    """Content key that explains what to say here."""
    retry: str | None = None
    """Content key said before the question is asked again after a miss."""


class Flow:
    id: ClassVar[str]
    """kebab-case, also the ExerciseType slot id for exercises; its content keys start with
    ``prefix_of(id)`` (see :func:`prefix_of`)."""
    exercise: ClassVar[bool] = True
    """Whether the menu offers it."""
    group: ClassVar[str | None] = None
    """The menu group that names it ("feel", "partner", ...; see skill/exercises/menu.py)."""
    start_intents: ClassVar[frozenset[str]] = frozenset()
    """Intents that start this flow from anywhere (one-shot phrases)."""
    named_by: ClassVar[frozenset[str]] = frozenset()
    """Start intents that ask for this exercise by name or purpose and answer only its own
    steps ("i need to calm down first" -> CalmingIntent, also the kind picked at "another
    round?"): anywhere else, inside another exercise too, they start it (round 7)."""
    keeps_notes: ClassVar[bool] = True
    """False for exercises that never keep anything: on a first visit they start at once, and the
    question about keeping notes waits for the next launch."""
    urgent_intents: ClassVar[frozenset[str]] = frozenset()
    """Start intents that must be answered before anything else, even the first-visit question
    (fear for one's safety)."""
    steps: ClassVar[Mapping[str, Step]]
    timed: ClassVar[Mapping[str, Timed]] = {}
    """Spoken stretches checked by ``steadyheart lint`` against their intended length."""

    def start(self, t: Turn) -> None:
        raise NotImplementedError

    def handle(self, t: Turn) -> None:
        raise NotImplementedError

    def resume(self, t: Turn, back: Return) -> None:
        """Come back after a flow this one delegated to has finished (``t.nav.delegate``); the
        session is this flow's again, at ``back.step``. By default there is nothing left to do:
        finish in turn, with the closing question the other flow chose."""
        t.nav.finish(back.key, back.result)

    def help_for(self, step: str | None) -> str | None:
        """The content key that says what to answer at ``step`` (None outside a step)."""
        s = self.steps.get(step or "")
        return s.help if s is not None else None

    back_to: ClassVar[Mapping[str, tuple[str, str]]] = {}
    """Where "go back" goes from a step: (the previous step, the question asked there). A step
    not listed has nothing to go back to: its question is asked again."""

    def on_unsure(self, t: Turn) -> bool:
        """ "Not sure" at a step whose intents do not include it: a flow with a better move than
        the step's help (see UnsureHandler) makes it and returns True."""
        return False

    def accepts(self, step: str | None, intent: str | None) -> bool:
        s = self.steps.get(step or "")
        return s is not None and intent in s.accepts

    # helpers for subclasses ------------------------------------------------------------------
    def goto(self, t: Turn, step: str, key: str, /, **params: object) -> None:
        """Move to ``step`` and ask its question."""
        if t.session.flow != self.id:
            t.session.enter(self.id, step)
        t.session.step, t.session.retries = step, 0
        t.ask(key, **params)


def prefix_of(flow_id: str) -> str:
    """One name per exercise: the flow id (kebab-case, also the ExerciseType slot id) gives its
    content prefix by one rule, '-' -> '_' (check-in -> check_in): its keys are
    ``<prefix>.*`` and ``help.<prefix>.*``, and its name is ``exercise.<prefix>.name``."""
    return flow_id.replace("-", "_")


def name_key(flow_id: str) -> str:
    """The content key naming an exercise (see :func:`prefix_of`)."""
    return f"exercise.{prefix_of(flow_id)}.name"


def days_ago(t: Turn, days: int) -> Raw:
    """How long ago, in words: today, yesterday, three days ago, last week, a while back."""
    if days <= 0:
        return Raw(t.text.render("when.today"))
    if days == 1:
        return Raw(t.text.render("when.yesterday"))
    if days < 7:
        return Raw(t.text.render("when.days", days=days))
    if days < 14:
        return Raw(t.text.render("when.last_week"))
    if days < 56:
        return Raw(t.text.render("when.weeks", weeks=days // 7))
    return Raw(t.text.render("when.long_ago"))
