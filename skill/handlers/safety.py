"""Crisis or abuse language, at any point: the answer that fits it, with the locale's numbers.

A disclosure during the couple check-in, where the partner is listening, gets the discreet
answer instead (decision 0028). "Tell me the numbers again" works anywhere.
"""

from __future__ import annotations

from skill.exercises.safety import DISCREET_FLOWS, say_numbers
from skill.handlers.base import TurnHandler
from skill.language.exercise_index import PURPOSE_INTENT
from skill.language.safety.answers import CRISIS_INTENTS
from skill.language.statement import STATEMENT_INTENT
from skill.turn import Turn

NUMBERS_INTENT = "SafetyNumbersIntent"


class SafetyHandler(TurnHandler):
    # The crisis intents (skill/language/safety/answers.py) are flagged by the screening
    # interceptor, like any phrase that screens positive. StatementIntent reaches a handler
    # only when it screened positive: a clean one is rewritten by the interceptor first (so
    # is AskByPurposeIntent, "something for when he frightens me").
    intents = frozenset({*CRISIS_INTENTS, STATEMENT_INTENT, PURPOSE_INTENT})

    def matches(self, t: Turn) -> bool:
        return t.safety is not None

    def act(self, t: Turn) -> None:
        if t.session.flow in DISCREET_FLOWS:
            t.nav.start("safety-discreet")
            return
        t.nav.start("safety")


class SafetyNumbersHandler(TurnHandler):
    """Every number of the locale, from anywhere; the question that was open is asked again."""

    intents = frozenset({NUMBERS_INTENT})

    def act(self, t: Turn) -> None:
        say_numbers(t)
        if t.session.flow and t.session.last_speech:
            t.ask_again()
        else:
            t.nav.menu("menu.offer")
