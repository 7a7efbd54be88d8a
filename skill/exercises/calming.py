"""Calming before a hard conversation: paced breathing in one-minute rounds, cyclic sighing on
request, and a short grounding step offered at the end.

Paced breathing runs at about six breaths a minute (4 s in, 6 s out, spoken as short cues with
breaks); cyclic sighing is two breaths in through the nose (the second a short top-up) and a
sigh out about twice as long. The breathing starts in the first response; after three rounds
the exercise closes kindly and offers grounding.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Literal

from skill.exercises.base import NO, YES, Flow, Step, Timed
from skill.turn import Turn

CALMING = "CalmingIntent"
SIGHING = "SighingIntent"
ANOTHER = "AnotherRoundIntent"
FEELING = "FeelingIntent"
"""How the person feels after a round ("calmer"): noted, then the question again. Elsewhere a
bare feeling word starts a check-in."""
GROUNDING = "grounding"
MAX_ROUNDS = 3

Mode = Literal["paced", "sighing"]


class Calming(Flow):
    id = "calming"
    start_intents = frozenset({CALMING, SIGHING})
    named_by = frozenset({CALMING, SIGHING})
    keeps_notes = False
    timed: ClassVar[Mapping[str, Timed]] = {
        "intro": Timed(("calming.intro",), 12),
        "paced round": Timed(("calming.round",), 60, practice=True),
        "sighing intro": Timed(("calming.sigh_intro",), 12),
        "sighing round": Timed(("calming.sigh_round",), 60, practice=True),
    }
    steps: ClassVar[Mapping[str, Step]] = {
        "again": Step(
            frozenset({YES, NO, ANOTHER, CALMING, SIGHING, FEELING}),
            help="help.calming.again",
            retry="calming.retry",
        ),
        "ground": Step(
            frozenset({YES, NO, FEELING}), help="help.calming.ground", retry="calming.retry"
        ),
    }

    def start(self, t: Turn) -> None:
        mode: Mode = "sighing" if t.req.intent == SIGHING else "paced"
        t.session.enter(self.id, "again", {"rounds": 0, "mode": mode})
        self._round(t, mode)

    def handle(self, t: Turn) -> None:
        if t.req.intent == FEELING:
            t.say("calming.noted")
            t.ask_again()
            return
        if t.session.step == "ground":
            self._after_grounding_offer(t)
            return
        if t.req.intent == NO:
            t.say("calming.stop_here")
            self._offer_grounding(t)
            return
        mode: Mode = "sighing" if t.session.data.get("mode") == "sighing" else "paced"
        if t.req.intent == SIGHING:
            mode = "sighing"
        elif t.req.intent == CALMING:
            mode = "paced"
        self._round(t, mode)

    # ------------------------------------------------------------------------------------------
    def _round(self, t: Turn, mode: Mode) -> None:
        data = t.session.data
        first = int(data.get("rounds", 0)) == 0
        if mode == "sighing":
            if not data.get("sighed"):
                t.say("calming.sigh_intro")
                data["sighed"] = True
            t.say("calming.sigh_round")
        else:
            if first:
                t.say("calming.intro")
            t.say("calming.round")
        rounds = int(data.get("rounds", 0)) + 1
        data["rounds"], data["mode"] = rounds, mode
        if rounds >= MAX_ROUNDS:
            t.say("calming.enough")
            self._offer_grounding(t)
            return
        self.goto(t, "again", "calming.again")

    def _offer_grounding(self, t: Turn) -> None:
        if not t.nav.has(GROUNDING):
            t.say("calming.close")
            t.nav.finish()
            return
        self.goto(t, "ground", "calming.offer_grounding")

    def _after_grounding_offer(self, t: Turn) -> None:
        if t.req.intent == YES and t.nav.has(GROUNDING):
            # Calming comes back when grounding ends (``resume``: nothing more to say today,
            # so it finishes with grounding's closing question).
            t.nav.delegate(GROUNDING, caller=self.id, resume="grounded")
            return
        t.say("calming.close")
        t.nav.finish()
