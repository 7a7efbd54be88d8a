"""Talks to the skill as Alexa would: real request envelopes, session attributes carried over.

Used by ``steadyheart chat`` and by the conversation tests, so both exercise the same path as
production: ``lambda_handler``-shaped calls with JSON in and JSON out.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from skill.content import ssml_to_text

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]
SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
API_ENDPOINT = ""
"""No Alexa API access unless one is given (tests give the local fake's address): a local
conversation never calls out, and the time zone falls back to UTC as it does when Alexa's
answer is missing."""


@dataclass
class Exchange:
    """One answer from the skill, as text."""

    speech: str
    reprompt: str | None
    ended: bool
    card: tuple[str, str] | None
    response: dict[str, Any]
    request: dict[str, Any]


@dataclass
class Simulator:
    handler: Handler
    locale: str = "en-US"
    user_id: str = "amzn1.ask.account.LOCALDEVELOPER"
    person_id: str | None = None
    device_id: str = "amzn1.ask.device.LOCALSPEAKER"
    skill_id: str = SKILL_ID
    api_endpoint: str = API_ENDPOINT
    has_screen: bool = False
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    ids: Callable[[], str] = field(default=lambda: uuid.uuid4().hex)
    session_id: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)

    @property
    def in_session(self) -> bool:
        return self.session_id is not None

    # --- requests ---------------------------------------------------------------------------
    def launch(self) -> Exchange:
        self._new_session()
        return self._send({"type": "LaunchRequest"})

    def intent(
        self, name: str, slots: dict[str, Any] | None = None, *, one_shot: bool = False
    ) -> Exchange:
        """Send an intent; ``slots`` maps slot names to plain values or full slot objects."""
        if one_shot or not self.in_session:
            self._new_session()
        full = {
            k: v if isinstance(v, dict) else {"name": k, "value": v, "confirmationStatus": "NONE"}
            for k, v in (slots or {}).items()
        }
        return self.intent_json({"name": name, "confirmationStatus": "NONE", "slots": full})

    def intent_json(self, intent: dict[str, Any]) -> Exchange:
        if not self.in_session:
            self._new_session()
        return self._send({"type": "IntentRequest", "dialogState": "COMPLETED", "intent": intent})

    def end_session(self, reason: str = "EXCEEDED_MAX_REPROMPTS") -> Exchange:
        out = self._send({"type": "SessionEndedRequest", "reason": reason})
        self.session_id = None
        return out

    def event(self, request_type: str, body: dict[str, Any] | None = None) -> Exchange:
        """An out-of-session skill event such as AlexaSkillEvent.SkillDisabled."""
        saved = self.session_id
        self.session_id = None
        req: dict[str, Any] = {"type": request_type}
        if body is not None:
            req["body"] = body
        out = self._send(req, with_session=False)
        self.session_id = saved
        return out

    def send_raw(self, request: dict[str, Any]) -> Exchange:
        return self._send(request)

    # --- envelope ---------------------------------------------------------------------------
    def _new_session(self) -> None:
        self.session_id = f"amzn1.echo-api.session.{self.ids()}"
        self.attributes = {}
        self._new = True

    def envelope(self, request: dict[str, Any], *, with_session: bool = True) -> dict[str, Any]:
        now = self.clock().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        req = {"requestId": f"amzn1.echo-api.request.{self.ids()}", "timestamp": now}
        req["locale"] = self.locale
        req.update(request)
        interfaces: dict[str, Any] = {}
        if self.has_screen:
            interfaces["Alexa.Presentation.APL"] = {"runtime": {"maxVersion": "1.9"}}
        system: dict[str, Any] = {
            "application": {"applicationId": self.skill_id},
            "user": {"userId": self.user_id},
            "device": {"deviceId": self.device_id, "supportedInterfaces": interfaces},
            "apiEndpoint": self.api_endpoint,
            "apiAccessToken": "local-token",
        }
        if self.person_id:
            system["person"] = {"personId": self.person_id, "accessToken": "local-person-token"}
        env: dict[str, Any] = {"version": "1.0", "context": {"System": system}, "request": req}
        if with_session and self.session_id:
            env["session"] = {
                "new": getattr(self, "_new", False),
                "sessionId": self.session_id,
                "application": {"applicationId": self.skill_id},
                "attributes": self.attributes,
                "user": {"userId": self.user_id},
            }
        return env

    def _send(self, request: dict[str, Any], *, with_session: bool = True) -> Exchange:
        env = self.envelope(request, with_session=with_session)
        self._new = False
        out = self.handler(env, None)
        response = out.get("response") or {}
        speech = (response.get("outputSpeech") or {}).get("ssml") or ""
        reprompt = ((response.get("reprompt") or {}).get("outputSpeech") or {}).get("ssml")
        ended = response.get("shouldEndSession") is not False
        if with_session and self.session_id:
            if ended or request["type"] == "SessionEndedRequest":
                self.session_id = None
                self.attributes = {}
            else:
                self.attributes = out.get("sessionAttributes") or {}
        card = response.get("card")
        return Exchange(
            speech=ssml_to_text(speech),
            reprompt=ssml_to_text(reprompt) if reprompt else None,
            ended=ended,
            card=(card.get("title", ""), card.get("content", "")) if card else None,
            response=out,
            request=env,
        )
