"""The lean request path: ask-sdk's dispatch, handlers and interceptors, without its envelope
(de)serialisation.

ask-sdk-core turns every event into a tree of model objects (about half of a warm turn, and
``dateutil`` on the first) and its ``CustomSkill`` imports every Alexa service client at cold
start. The skill reads a handful of fields, all from the raw event (``skill/interceptors.py``),
so the common requests (launch, intents, session end) travel as a :class:`LightEnvelope` that
carries only what the SDK's own parts touch: the session and its attributes. Other request
types (skill events, Connections responses, CanFulfill) are rare and read through the SDK's
models by their handlers: they get the SDK's full deserialisation, loaded on first use.

The reply is the SDK's ``Response`` model built by its ``ResponseFactory``; :func:`to_wire`
writes it as the SDK's serializer would (``attribute_map`` names, ``None`` left out, enums as
values) without a JSON round trip. The SDK version this relies on is pinned in pyproject.toml
and checked by tests/test_speed.py, which also compares both paths on every fixture.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Any, Final

from ask_sdk_core.attributes_manager import AttributesManager
from ask_sdk_core.dispatch_components import (
    AbstractExceptionHandler,
    AbstractRequestHandler,
    AbstractRequestInterceptor,
    AbstractResponseInterceptor,
)
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.response import Response
from ask_sdk_runtime.dispatch import GenericRequestDispatcher
from ask_sdk_runtime.skill import RuntimeConfigurationBuilder

SDK_VERSIONS = {"ask-sdk-core": "1.19.0", "ask-sdk-runtime": "1.19.0", "ask-sdk-model": "1.82.0"}
"""The SDK releases whose internals this module relies on (AttributesManager, HandlerInput,
the runtime's dispatcher, the models' ``attribute_map``)."""
RESPONSE_VERSION = "1.0"
LEAN_TYPES = frozenset({"LaunchRequest", "IntentRequest", "SessionEndedRequest"})
"""Request types that never need the SDK's request models."""


@dataclass(slots=True)
class LightRequest:
    object_type: str
    request_id: str


@dataclass(slots=True)
class LightSession:
    new: bool
    attributes: dict[str, Any] | None


@dataclass(slots=True)
class LightEnvelope:
    """What the SDK's AttributesManager and HandlerInput read of an envelope."""

    request: LightRequest
    session: LightSession | None
    context: None = None


def light_envelope(event: Mapping[str, Any]) -> LightEnvelope | None:
    """The light envelope of a launch, intent or session-end event; None for any other type."""
    request = event.get("request")
    if not isinstance(request, Mapping) or request.get("type") not in LEAN_TYPES:
        return None
    session = event.get("session")
    light_session = None
    if isinstance(session, Mapping):
        attributes = session.get("attributes")
        light_session = LightSession(
            new=session.get("new") is True,
            attributes=dict(attributes) if isinstance(attributes, Mapping) else None,
        )
    return LightEnvelope(
        LightRequest(str(request["type"]), str(request.get("requestId") or "")), light_session
    )


def full_envelope(event: Mapping[str, Any]) -> Any:
    """The SDK's RequestEnvelope, for the request types whose handlers read its models."""
    import json

    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model.request_envelope import RequestEnvelope

    return DefaultSerializer().deserialize(payload=json.dumps(event), obj_type=RequestEnvelope)


def epoch_of(timestamp: object, default: int) -> int:
    """Epoch seconds of an Alexa ISO 8601 timestamp ("2026-11-02T19:00:00Z", with or without
    fractions or an offset), or ``default`` when there is none or it is unreadable."""
    if not isinstance(timestamp, str) or not timestamp:
        return default
    try:
        parsed = datetime.fromisoformat(timestamp)
    except ValueError:
        return default
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return int(parsed.timestamp())


_PLAIN: Final = frozenset({str, int, float, bool, type(None)})


def to_wire(value: Any) -> Any:
    """An SDK model (or plain data holding models) as the JSON-ready dict the SDK's serializer
    gives: wire names from ``attribute_map``, unset fields left out, enums as their values."""
    kind = type(value)
    if kind in _PLAIN:  # the common cases first, without isinstance on abstract classes
        return value
    if kind is dict:
        return {k: to_wire(v) for k, v in value.items()}
    if kind is list:
        return [to_wire(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Sequence):
        return [to_wire(v) for v in value]
    if isinstance(value, Mapping):
        return {k: to_wire(v) for k, v in value.items()}
    if isinstance(value, datetime):
        return value.isoformat()
    names: Mapping[str, str] = value.attribute_map
    out: dict[str, Any] = {}
    for attr in value.deserialized_types:
        field = getattr(value, attr)
        if field is not None:
            out[names[attr]] = to_wire(field)
    return out


class WireResponse(Response):
    """A response that writes its own wire form (``wire``), called once the response
    interceptors have run: the turn handlers' (skill/handlers/base.py) say what the turn's
    reply holds by then, without building the SDK's speech and card models to serialise them."""

    def wire(self) -> dict[str, Any]:
        raise NotImplementedError


class Dispatch:
    """ask-sdk's runtime dispatcher with our handlers and interceptors, invoked on a light (or
    full) envelope; the response envelope comes back as a dict."""

    def __init__(
        self,
        handlers: Sequence[AbstractRequestHandler],
        exception_handlers: Sequence[AbstractExceptionHandler],
        request_interceptors: Sequence[AbstractRequestInterceptor],
        response_interceptors: Sequence[AbstractResponseInterceptor],
    ) -> None:
        builder = RuntimeConfigurationBuilder()
        for handler in handlers:
            builder.add_request_handler(handler)
        for exception_handler in exception_handlers:
            builder.add_exception_handler(exception_handler)
        for request_interceptor in request_interceptors:
            builder.add_global_request_interceptor(request_interceptor)
        for response_interceptor in response_interceptors:
            builder.add_global_response_interceptor(response_interceptor)
        self.dispatcher = GenericRequestDispatcher(options=builder.get_runtime_configuration())

    def invoke(self, envelope: Any, context: object) -> dict[str, Any]:
        attributes = AttributesManager(request_envelope=envelope)
        handler_input = HandlerInput(
            request_envelope=envelope, attributes_manager=attributes, context=context
        )
        response = self.dispatcher.dispatch(handler_input=handler_input)
        out: dict[str, Any] = {"version": RESPONSE_VERSION}
        if envelope.session is not None:
            out["sessionAttributes"] = to_wire(attributes.session_attributes)
        out["response"] = (
            response.wire() if isinstance(response, WireResponse) else to_wire(response)
        )
        return out
