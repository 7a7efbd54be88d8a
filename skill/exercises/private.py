"""The shared speaker: private notes are read aloud only to their owner's recognised voice, or
after the person confirms that now is a good moment to hear them out loud.

A flow that reads private content calls ``when_private_ok(t, caller, resume)``; if it returns
False, this check runs as a delegated flow and the caller's ``resume`` is called at step
``resume`` with ``back.result`` "yes" (a good moment: speak it) or "no" (already answered kindly
here; move on without it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from skill.exercises.base import NO, YES, Flow, Step
from skill.navigation import NO_RESULT, YES_RESULT
from skill.turn import Turn


def private_now(t: Turn) -> bool:
    """Private content may be spoken without asking (a recognised voice, or already asked)."""
    return bool(t.req.recognised_voice or t.session.private_ok)


def when_private_ok(t: Turn, caller: str, resume: str) -> bool:
    """True if private content may be spoken now; otherwise ask first (delegating to the check,
    which resumes ``caller`` at ``resume``) and return False."""
    if private_now(t):
        return True
    t.nav.delegate(PrivateCheck.id, caller=caller, resume=resume)
    return False


class PrivateCheck(Flow):
    id = "private-check"
    exercise = False
    steps: ClassVar[Mapping[str, Step]] = {
        "confirm": Step(
            frozenset({YES, NO}), help="help.private_check", retry="private_check.retry"
        ),
    }

    def start(self, t: Turn) -> None:
        self.goto(t, "confirm", "private_check.confirm")

    def handle(self, t: Turn) -> None:
        if t.req.intent == YES:
            t.session.private_ok = True
            t.nav.finish(result=YES_RESULT)
        else:
            t.say("private_check.declined")
            t.nav.finish(result=NO_RESULT)
