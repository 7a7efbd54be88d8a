"""Changing one's mind about notes: "start keeping notes" after a "no" (a door that opens both
ways; "delete my data" is the other direction).

A clear request, then one confirmation, then the same write as the first-visit "yes": the
profile's ``consent`` set to granted in the turn's one conditional write, which the store accepts
because that write is itself the yes (docs/decisions/0022, 0037). Nothing from before is kept:
notes start from this moment.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from skill.exercises.base import NO, YES, Flow, Step
from skill.exercises.consent import grant
from skill.turn import Turn

START = "KeepNotesIntent"


class NotesLater(Flow):
    id = "notes-later"
    exercise = False
    start_intents = frozenset({START})
    steps: ClassVar[Mapping[str, Step]] = {
        "confirm": Step(
            frozenset({YES, NO}), help="help.notes_later.confirm", retry="notes_later.retry"
        )
    }

    def start(self, t: Turn) -> None:
        if t.profile.keeps_data:
            t.say("notes_later.already")
            t.nav.finish()
            return
        self.goto(t, "confirm", "notes_later.confirm")

    def handle(self, t: Turn) -> None:
        if t.req.intent == YES:
            t.change(grant)
            t.say_kept("notes_later.granted")
        else:
            t.say("notes_later.unchanged")
        t.nav.finish()
