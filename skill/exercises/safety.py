"""After a crisis or abuse disclosure: resources, a card, and an offer to stay for grounding.

What was said is never kept; with consent, only a count of safety turns.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from skill import telemetry
from skill.exercises.base import NO, YES, Flow, Step
from skill.state import Profile
from skill.turn import ProfileChange, Turn

DISAGREE = "DisagreeIntent"
FALLBACK = "AMAZON.FallbackIntent"


def _count(p: Profile) -> None:
    p.safety_events += 1


def _hard_moment(at: int) -> ProfileChange:
    def op(p: Profile) -> None:
        p.safety_at = at

    return op


def count_safety_event(t: Turn) -> None:
    """Only a count, and only with consent: nothing said in a safety turn is ever kept.

    The operator's count (a category, never the words) is kept whatever the consent.
    """
    found = getattr(t.safety, "category", t.safety)
    telemetry.record(telemetry.SAFETY_EVENT, found if isinstance(found, str) else "disclosed")
    if t.profile.keeps_data:
        t.change(_count)
        t.change(_hard_moment(t.req.now))


class Safety(Flow):
    id = "safety"
    exercise = False
    steps: ClassVar[Mapping[str, Step]] = {
        "stay": Step(frozenset({YES, NO, DISAGREE, FALLBACK}), help="help.safety"),
    }

    def start(self, t: Turn) -> None:
        count_safety_event(t)
        t.say("safety.response")
        t.say("safety.resources")
        t.card("safety.card.title", "safety.card.body")
        self.goto(t, "stay", "safety.offer_grounding")

    def handle(self, t: Turn) -> None:
        if t.req.intent == YES:
            t.nav.hand_off("grounding")
            return
        # A "no" or "you got it wrong" does not erase what was said: resources once more.
        t.say("safety.still_here")
        t.say("safety.resources")
        t.nav.finish("safety.after")
