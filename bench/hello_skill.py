"""The floor: a bare ask-sdk-core skill that answers launch and any intent with one sentence,
with boto3 imported as any skill that keeps data would (the cold-start floor builds a DynamoDB
client and reads one item, see bench/cold_turn.py)."""

from __future__ import annotations

import os
from typing import Any

import boto3
from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils import is_request_type
from ask_sdk_model.response import Response

TABLE = os.environ.get("BENCH_TABLE", "bench")


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


def dynamodb_client() -> Any:
    """The client a minimal skill builds: default session, endpoint from the environment."""
    return boto3.client("dynamodb", endpoint_url=os.environ.get("STEADYHEART_DYNAMODB_ENDPOINT"))


def lambda_handler(event: dict[str, Any], context: object) -> dict[str, Any]:
    out: dict[str, Any] = _handler(event, context)
    return out
