"""The floor: a bare ask-sdk-core skill that answers launch and any intent with one sentence."""

from __future__ import annotations

from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils import is_request_type
from ask_sdk_model.response import Response


class LaunchHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("LaunchRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        rb = handler_input.response_builder
        return rb.speak("Hello.").ask("Say something.").response


class AnyIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("IntentRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        rb = handler_input.response_builder
        return rb.speak("You said something.").ask("Say more.").response


sb = SkillBuilder()
sb.add_request_handler(LaunchHandler())
sb.add_request_handler(AnyIntentHandler())
_handler = sb.lambda_handler()


def lambda_handler(event: dict[str, Any], context: object) -> dict[str, Any]:
    out: dict[str, Any] = _handler(event, context)
    return out
