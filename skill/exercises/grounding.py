"""A one-minute grounding practice: senses, feet, breath; then "another round?"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from skill.exercises.base import NO, YES, Flow, Step, Timed
from skill.turn import Turn


class Grounding(Flow):
    id = "grounding"
    start_intents = frozenset({"GroundingIntent"})
    keeps_notes = False
    timed: ClassVar[Mapping[str, Timed]] = {
        "first round": Timed(
            ("grounding.intro", "grounding.round", "grounding.again"), 60, practice=True
        ),
        "short round": Timed(("grounding.round_short", "grounding.again"), 25, practice=True),
    }
    steps: ClassVar[Mapping[str, Step]] = {
        "again": Step(frozenset({YES, NO}), help="help.grounding.again", retry="grounding.retry"),
    }

    def start(self, t: Turn) -> None:
        t.session.enter(self.id, "again", {"rounds": 1})
        t.say("grounding.intro")
        t.say("grounding.round")
        self.goto(t, "again", "grounding.again")

    def handle(self, t: Turn) -> None:
        if t.req.intent == YES:
            rounds = int(t.session.data.get("rounds", 1)) + 1
            t.session.data["rounds"] = rounds
            t.say("grounding.round_short")
            if rounds >= 3:
                t.say("grounding.enough")
                t.nav.finish()
                return
            self.goto(t, "again", "grounding.again")
        else:
            t.say("grounding.close")
            t.nav.finish()
