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

PARTS: Final = ("suggest", "if_no", "where")
"""The steps after the first part, in order; each asks whether to hear the next."""
_MORE: Final = frozenset({YES, NO, HEAR_MORE})


class ProfessionalHelp(Flow):
    id = "professional-help"
    start_intents = frozenset({START, FIND, PARTNER_WONT_GO})
    keeps_notes = False
    timed: ClassVar[Mapping[str, Timed]] = {
        # Each part is one short turn; none should become a monologue.
        "what counselling offers": Timed(("professional.what", "professional.ask_suggest"), 22),
        "suggesting it": Timed(("professional.suggest", "professional.ask_if_no"), 22),
        "if they say no": Timed(("professional.if_no", "professional.ask_where"), 20),
    }
    steps: ClassVar[Mapping[str, Step]] = {
        part: Step(_MORE, help=f"help.professional.{part}", retry="professional.retry")
        for part in PARTS
    }

    def start(self, t: Turn) -> None:
        t.session.enter(self.id, "suggest")
        if t.req.intent == FIND:
            t.say("professional.resources")
            self._close(t)
        elif t.req.intent == PARTNER_WONT_GO:
            t.say("professional.if_no")
            self.goto(t, "where", "professional.ask_where")
        else:
            t.say("professional.what")
            self.goto(t, "suggest", "professional.ask_suggest")

    def handle(self, t: Turn) -> None:
        step = t.session.step or "suggest"
        if t.req.intent == NO:
            t.say("professional.card_note")
            self._close(t)
            return
        if step == "suggest":
            t.say("professional.suggest")
            self.goto(t, "if_no", "professional.ask_if_no")
        elif step == "if_no":
            t.say("professional.if_no")
            self.goto(t, "where", "professional.ask_where")
        else:
            t.say("professional.resources")
            self._close(t)

    def _close(self, t: Turn) -> None:
        t.card("professional.card.title", "professional.card.body")
        t.say("professional.close")
        t.nav.finish()
