"""First run: what this is (and is not), and whether to keep anything."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from skill.exercises.base import NO, YES, Flow, Step
from skill.language.normalise import normalise
from skill.state import Profile
from skill.turn import Turn

FEELING = "FeelingIntent"
NOTHING = frozenset({"nothing", "nothing thanks", "nothing at all"})
"""A bare "nothing" at the first question is heard as a feeling word (numb's synonym): it
means "not now", and leaves like stop (certification: an exit at the first question)."""


def grant(p: Profile) -> None:
    """The one consent write: the store accepts notes in the same write (decision 0022)."""
    p.consent = "granted"


def _decline(p: Profile) -> None:
    # Only the choice itself is kept, so we do not ask again at every visit.
    p.consent = "declined"


class Consent(Flow):
    id = "consent"
    exercise = False
    steps: ClassVar[Mapping[str, Step]] = {
        "ask": Step(frozenset({YES, NO, FEELING}), help="help.consent", retry="consent.retry")
    }

    def start(self, t: Turn) -> None:
        self.goto(t, "ask", "consent.ask")

    def handle(self, t: Turn) -> None:
        if t.req.intent == FEELING:
            if normalise(t.req.slot("feeling").value or "") in NOTHING:
                t.nav.leave()
                t.say("goodbye.kind")
                t.end()
            else:
                t.nav.missed("consent.retry")
            return
        if t.req.intent == YES:
            t.change(grant)
            t.say("consent.granted")
        else:
            t.change(_decline)
            t.say("consent.declined")
        if t.nav.waiting:
            # Asked before a one-shot start (``t.nav.start_after``): that exercise starts now.
            t.nav.finish()
        else:
            t.nav.menu("menu.first_offer")


class ForgetMe(Flow):
    """'Delete my data': confirm, then remove the profile and every entry."""

    id = "delete-data"
    exercise = False
    steps: ClassVar[Mapping[str, Step]] = {
        "confirm": Step(frozenset({YES, NO}), help="help.delete_data", retry="delete_data.retry")
    }

    def start(self, t: Turn) -> None:
        self.goto(t, "confirm", "delete_data.confirm")

    def handle(self, t: Turn) -> None:
        if t.req.intent == YES:
            # The save interceptor says whether it worked, once the deletion has run.
            t.erase = True
            t.nav.finish("menu.after_delete")
        else:
            t.say("delete_data.kept")
            t.nav.finish()
