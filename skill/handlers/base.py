"""What every handler shares: reading the turn, and turning the reply into a Response."""

from __future__ import annotations

from typing import ClassVar

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.response import Response
from ask_sdk_model.ui import SimpleCard

from skill.turn import Turn

TURN = "turn"


def turn_of(handler_input: HandlerInput) -> Turn | None:
    t = handler_input.attributes_manager.request_attributes.get(TURN)
    return t if isinstance(t, Turn) else None


def build_response(handler_input: HandlerInput, t: Turn) -> Response:
    rb = handler_input.response_builder
    r = t.reply
    ssml = r.ssml()
    if ssml:
        rb.speak(ssml)
    if r.reprompt and not r.end_session:
        rb.ask(r.reprompt)
    if r.card is not None:
        rb.set_card(SimpleCard(title=r.card.title, content=r.card.text))
    for d in r.directives:
        rb.add_directive(d)
    if r.end_session is not None:
        rb.set_should_end_session(r.end_session)
    return rb.response


class TurnHandler(AbstractRequestHandler):
    """A handler that decides from the ``Turn`` alone (pure) and acts on it in memory.

    ``intents`` names the intents it answers; by default it matches an IntentRequest for one
    of them. The contract tests check these names against every locale's model.
    """

    intents: ClassVar[frozenset[str]] = frozenset()

    def matches(self, t: Turn) -> bool:
        return t.req.request_type == "IntentRequest" and t.req.intent in self.intents

    def act(self, t: Turn) -> None:
        raise NotImplementedError

    def can_handle(self, handler_input: HandlerInput) -> bool:
        t = turn_of(handler_input)
        return t is not None and self.matches(t)

    def handle(self, handler_input: HandlerInput) -> Response:
        t = turn_of(handler_input)
        assert t is not None
        self.act(t)
        return build_response(handler_input, t)
