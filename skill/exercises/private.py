"""The shared speaker: private notes are read aloud only to their owner's recognised voice, or
after the person confirms that now is a good moment to hear them out loud.

A flow that reads private content calls ``when_private_ok(t, flow_id)``; if it returns False,
the question has been asked and the flow's ``reveal(t)`` runs on "yes".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from skill.exercises.base import NO, YES, Flow, Step, finish
from skill.turn import Turn


def when_private_ok(t: Turn, flow_id: str) -> bool:
    """True if private content may be spoken now; otherwise ask first and return False."""
    if t.req.recognised_voice or t.session.private_ok:
        return True
    t.session.enter(PrivateCheck.id, "confirm", {"then": flow_id})
    t.ask("private.confirm")
    return False


class PrivateCheck(Flow):
    id = "private-check"
    exercise = False
    steps: ClassVar[Mapping[str, Step]] = {
        "confirm": Step(frozenset({YES, NO}), help="help.private", retry="private.retry"),
    }

    def start(self, t: Turn) -> None:
        t.ask("private.confirm")

    def handle(self, t: Turn) -> None:
        from skill.exercises import FLOWS

        target = str(t.session.data.get("then", ""))
        if t.req.intent == YES and target in FLOWS:
            t.session.private_ok = True
            t.session.leave()
            FLOWS[target].reveal(t)
        else:
            t.say("private.declined")
            finish(t)
