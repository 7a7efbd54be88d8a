"""What every handler shares: reading the turn, and turning the reply into a Response."""

from __future__ import annotations

from typing import Any, ClassVar

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.response_helper import ResponseFactory
from ask_sdk_model.response import Response
from ask_sdk_model.ui import SimpleCard

from skill.request import WireResponse, to_wire
from skill.turn import Turn

TURN = "turn"


def turn_of(handler_input: HandlerInput) -> Turn | None:
    t = handler_input.attributes_manager.request_attributes.get(TURN)
    return t if isinstance(t, Turn) else None


def _speak(ssml: str) -> str:
    """SSML wrapped in one ``<speak>`` (as ask-sdk's response builder does: a reply that
    already is a whole ``<speak>`` element is not wrapped twice)."""
    text = ssml.strip()
    if text.startswith("<speak>") and text.endswith("</speak>"):
        text = text[7:-8].strip()
    return f"<speak>{text}</speak>"


class TurnResponse(WireResponse):
    """What a turn handler answers: the turn's reply, put on the wire after the response
    interceptors have run (they may still add a notice, or take back a line that says
    something was kept), as the JSON ask-sdk's response builder would give for it."""

    def __init__(self, turn: Turn) -> None:
        super().__init__()
        self.turn = turn

    def wire(self) -> dict[str, Any]:
        r = self.turn.reply
        out: dict[str, Any] = {}
        ssml = r.ssml()
        if ssml:
            out["outputSpeech"] = {"type": "SSML", "ssml": _speak(ssml)}
        if r.card is not None:
            out["card"] = {"type": "Simple", "title": r.card.title, "content": r.card.text}
        reprompt = bool(r.reprompt) and not r.end_session
        if reprompt:
            out["reprompt"] = {"outputSpeech": {"type": "SSML", "ssml": _speak(r.reprompt or "")}}
        if r.directives:
            out["directives"] = [to_wire(d) for d in r.directives]
        end = r.end_session if r.end_session is not None else (False if reprompt else None)
        if end is not None:
            out["shouldEndSession"] = end
        return out

    def materialise(self) -> None:
        """Fill in the SDK's own response fields from the reply, through its response builder,
        for code that serialises with ask-sdk's serializer rather than calling ``wire``."""
        rb = ResponseFactory()
        r = self.turn.reply
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
        for name in Response.deserialized_types:
            setattr(self, name, getattr(rb.response, name))


def build_response(handler_input: HandlerInput, t: Turn) -> Response:
    return TurnResponse(t)


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
