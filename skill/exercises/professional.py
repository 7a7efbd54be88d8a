"""Professional help: what counselling can offer, a gentle way to suggest it, what if they say no.

From the article's sixth strategy (encourage professional help if needed): individual or couples
counselling, gently suggested; if the partner is resistant, counselling on your own still helps
with your own patterns, communication and boundaries. No diagnosis: it never says what is behind
the partner's distance.

Told as short parts with "want to hear more?" between them (never one long monologue):
what counselling offers -> ``suggest`` (a way to suggest it?) -> ``if_no`` (if they say no?) ->
``where`` (where to find one?) -> the locale's resources. Whenever the person stops, the locale's
resources go to the Alexa app as a card, so they are there later. "Where can I find a therapist?"
starts at the resources, and "my partner won't go to therapy" at what to do if they say no.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Final

from skill.exercises.base import NO, YES, Flow, Step, Timed
from skill.turn import Turn

START = "ProfessionalHelpIntent"
FIND = "FindCounsellorIntent"
"""'Where can I find a therapist?': straight to the locale's resources."""
PARTNER_WONT_GO = "PartnerWontGoIntent"
"""'My partner won't go to therapy': straight to what to do if they say no."""
HEAR_MORE = "HearMoreIntent"
FOR_YOURSELF = "ProfessionalForYourself"
"""Not a spoken intent: the request a flow hands over with when counselling is offered to the
person for themselves (after "I'm thinking about leaving", or "not sure"). It starts with
what counselling on your own offers and goes straight to where to find it: nothing about
suggesting it to the partner or rebuilding closeness together."""

PARTS: Final = ("suggest", "if_no", "where")
"""The steps after the first part, in order; each asks whether to hear the next."""
_MORE: Final = frozenset({YES, NO, HEAR_MORE})


class ProfessionalHelp(Flow):
    id = "professional-help"
    start_intents = frozenset({START, FIND, PARTNER_WONT_GO})
    keeps_notes = False
    timed: ClassVar[Mapping[str, Timed]] = {
        # Each part is one short turn; none should become a monologue.
        "what counselling offers": Timed(
            ("professional_help.what", "professional_help.ask_suggest"), 22
        ),
        "suggesting it": Timed(("professional_help.suggest", "professional_help.ask_if_no"), 22),
        "if they say no": Timed(("professional_help.if_no", "professional_help.ask_where"), 20),
    }
    steps: ClassVar[Mapping[str, Step]] = {
        part: Step(_MORE, help=f"help.professional_help.{part}", retry="professional_help.retry")
        for part in PARTS
    }

    def start(self, t: Turn) -> None:
        t.session.enter(self.id, "suggest")
        if t.req.intent == FIND:
            t.say("professional_help.resources")
            self._close(t)
        elif t.req.intent == FOR_YOURSELF:
            t.say("professional_help.for_yourself")
            self.goto(t, "where", "professional_help.ask_where")
        elif t.req.intent == PARTNER_WONT_GO:
            t.say("professional_help.if_no")
            self.goto(t, "where", "professional_help.ask_where")
        else:
            t.say("professional_help.what")
            self.goto(t, "suggest", "professional_help.ask_suggest")

    def handle(self, t: Turn) -> None:
        step = t.session.step or "suggest"
        if t.req.intent == NO:
            t.say("professional_help.card_note")
            self._close(t)
            return
        if step == "suggest":
            t.say("professional_help.suggest")
            self.goto(t, "if_no", "professional_help.ask_if_no")
        elif step == "if_no":
            t.say("professional_help.if_no")
            self.goto(t, "where", "professional_help.ask_where")
        else:
            t.say("professional_help.resources")
            self._close(t)

    def _close(self, t: Turn) -> None:
        t.card("professional_help.card.title", "professional_help.card.body")
        t.say("professional_help.close")
        t.nav.finish()
