"""Requests about reminders that are not conversation turns.

- ``Connections.Response``: the answer to our AskFor (reminders permission). It arrives as a new
  request, possibly in a new session; what to do next travels in its ``token``.
- ``AlexaSkillEvent.SkillPermissionAccepted`` / ``SkillPermissionChanged``: the person changed
  the skill's permissions in the Alexa app. Out of session, silent; they carry
  ``context.System.user`` so the change goes to that account's profile (and only with consent
  to keep notes: see ``skill.exercises.reminders``).

These handlers read the few fields they need from ask_sdk_model's typed request (the ``Turn``
does not carry them); the decision itself is made on the ``Turn``, in memory, as everywhere.
"""

from __future__ import annotations

from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.response import Response

from skill.alexa_api import REMINDERS_SCOPE
from skill.exercises import FLOWS
from skill.exercises.reminders import ConsentAnswer, Reminders
from skill.handlers.base import TurnHandler, build_response, turn_of
from skill.state import Profile
from skill.turn import Turn

CONNECTIONS_RESPONSE = "Connections.Response"
PERMISSION_EVENTS = frozenset(
    {"AlexaSkillEvent.SkillPermissionAccepted", "AlexaSkillEvent.SkillPermissionChanged"}
)


def flow() -> Reminders:
    """The registered reminders flow."""
    found = FLOWS[Reminders.id]
    assert isinstance(found, Reminders)
    return found


class ConnectionsResponseHandler(TurnHandler):
    """The answer to "may Steady Heart create reminders?": set it, or say kindly what's next."""

    def matches(self, t: Turn) -> bool:
        return t.req.request_type == CONNECTIONS_RESPONSE

    def handle(self, handler_input: HandlerInput) -> Response:
        t = turn_of(handler_input)
        assert t is not None
        flow().on_consent(t, ConsentAnswer.of(handler_input.request_envelope.request))
        if handler_input.request_envelope.session is None:
            # Sent outside a session: say the outcome and close, as there is no session to
            # keep a question open in.
            t.end()
        return build_response(handler_input, t)

    def act(self, t: Turn) -> None:
        # handle() reads the answer from the request; without it, nothing was answered.
        flow().on_consent(t, ConsentAnswer(None, None, None, None))


def accepted_scopes(request: Any) -> frozenset[str]:
    """The permission scopes a SkillPermissionAccepted/Changed event says are granted."""
    body = getattr(request, "body", None)
    scopes: set[str] = set()
    for group in ("accepted_permissions", "accepted_person_permissions"):
        for permission in getattr(body, group, None) or []:
            scope = getattr(permission, "scope", None)
            if isinstance(scope, str):
                scopes.add(scope)
    return frozenset(scopes)


def _permission(granted: bool) -> Any:
    def op(p: Profile) -> None:
        if p.keeps_data:
            p.reminder_permission = granted

    return op


class PermissionEventHandler(TurnHandler):
    """Permissions changed in the Alexa app: remember whether reminders are allowed."""

    def matches(self, t: Turn) -> bool:
        return t.req.request_type in PERMISSION_EVENTS

    def handle(self, handler_input: HandlerInput) -> Response:
        t = turn_of(handler_input)
        assert t is not None
        self.apply(t, accepted_scopes(handler_input.request_envelope.request))
        return build_response(handler_input, t)

    def apply(self, t: Turn, scopes: frozenset[str]) -> None:
        t.change(_permission(REMINDERS_SCOPE in scopes))
        t.reply.end_session = None

    def act(self, t: Turn) -> None:
        # handle() reads the scopes from the request; without them, change nothing.
        t.reply.end_session = None
