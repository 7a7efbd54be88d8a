"""Permission events and the Connections.Response: routing, and what they change end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model.request_envelope import RequestEnvelope

from skill.exercises.reminders import ConsentAnswer
from skill.handlers import HANDLERS
from skill.handlers.reminders import PermissionEventHandler, accepted_scopes
from skill.state import Consent, Profile
from tests.support.fake_alexa_api import FakeAlexaApi
from tests.support.routing import route, turn
from tests.support.talk import SCOPE, Talk, said

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "requests"


def envelope(name: str) -> RequestEnvelope:
    raw = (FIXTURES / f"{name}.json").read_text("utf-8")
    found = DefaultSerializer().deserialize(raw, RequestEnvelope)
    assert isinstance(found, RequestEnvelope)
    return found


@pytest.mark.parametrize(
    ("request_type", "handler"),
    [
        ("Connections.Response", "ConnectionsResponseHandler"),
        ("AlexaSkillEvent.SkillPermissionAccepted", "PermissionEventHandler"),
        ("AlexaSkillEvent.SkillPermissionChanged", "PermissionEventHandler"),
        ("AlexaSkillEvent.SkillEnabled", "SkillEventHandler"),
        ("AlexaSkillEvent.SkillDisabled", "SkillDisabledHandler"),
    ],
)
def test_routing(request_type: str, handler: str) -> None:
    assert route(turn(request_type=request_type)) == handler


def test_safety_still_comes_first_and_the_event_handlers_before_the_catch_all() -> None:
    names = [type(h).__name__ for h in HANDLERS]
    assert names[0] == "SafetyHandler"
    for mine in ("PermissionEventHandler", "ConnectionsResponseHandler"):
        assert names.index(mine) < names.index("SkillEventHandler")
        assert names.index(mine) < names.index("UnknownRequestHandler")


@pytest.mark.parametrize(
    ("intent", "flow", "step", "handler"),
    [
        ("ReminderIntent", None, None, "StartFlowHandler"),
        ("StopRemindersIntent", "grounding", "again", "StartFlowHandler"),
        ("ReadAppreciationsIntent", None, None, "StartFlowHandler"),
        ("AppreciationIntent", None, None, "StartFlowHandler"),
        ("ReminderTimeIntent", "reminders", "time", "FlowStepHandler"),
        ("FeltIntent", "appreciation", "feeling", "FlowStepHandler"),
        ("AppreciationDeedIntent", "appreciation", "moment", "FlowStepHandler"),
        # Outside an exercise, "he {deed}" is someone who needs to be heard (issue 17).
        ("AppreciationDeedIntent", None, None, "VentHandler"),
    ],
)
def test_intent_routing(intent: str, flow: str | None, step: str | None, handler: str) -> None:
    assert route(turn(intent=intent, flow=flow, step=step)) == handler


def test_the_accepted_scopes_are_read_from_the_event() -> None:
    accepted = envelope("permission_accepted").request
    changed = envelope("permission_changed").request
    assert accepted_scopes(accepted) == frozenset({SCOPE})
    assert accepted_scopes(changed) == frozenset()
    assert accepted_scopes(None) == frozenset()


@pytest.mark.parametrize(
    ("consent", "scopes", "before", "after"),
    [
        ("granted", frozenset({SCOPE}), False, True),
        ("granted", frozenset(), True, False),
        ("granted", frozenset({"alexa::profile:name:read"}), True, False),
        ("declined", frozenset({SCOPE}), False, False),
        ("unknown", frozenset({SCOPE}), False, False),
    ],
)
def test_a_permission_event_updates_the_profile_only_with_consent(
    consent: Consent, scopes: frozenset[str], before: bool, after: bool
) -> None:
    t = turn(request_type="AlexaSkillEvent.SkillPermissionAccepted")
    t.profile = Profile(consent=consent, reminder_permission=before)
    PermissionEventHandler().apply(t, scopes)
    assert t.profile.reminder_permission is after
    assert t.reply.end_session is None
    assert not t.reply.speech
    fresh = Profile(consent=consent, reminder_permission=before)
    for op in t.changes:  # re-applied as on a write conflict
        op(fresh)
    assert fresh.reminder_permission is after


def test_the_consent_answer_is_read_from_the_sdk_request() -> None:
    raw: dict[str, Any] = json.loads((FIXTURES / "permission_accepted.json").read_text("utf-8"))
    raw["request"] = {
        "type": "Connections.Response",
        "requestId": "amzn1.echo-api.request.x",
        "timestamp": "2026-11-02T19:00:00Z",
        "locale": "en-US",
        "name": "AskFor",
        "status": {"code": "200", "message": "OK"},
        "payload": {"status": "DENIED"},
        "token": "steadyheart.reminder.v1:set:07:30",
    }
    env = DefaultSerializer().deserialize(json.dumps(raw), RequestEnvelope)
    answer = ConsentAnswer.of(env.request)
    assert answer == ConsentAnswer("AskFor", "200", "DENIED", "steadyheart.reminder.v1:set:07:30")
    assert ConsentAnswer.of(object()) == ConsentAnswer(None, None, None, None)


# A permission event arrives outside any session and names only the account. The profile is not
# loaded for AlexaSkillEvent.* requests (interceptors: _NO_PROFILE_REQUESTS), and the save refuses
# a profile whose consent is unknown, so the change cannot be kept yet. This test passes once
# the permission events load the stored profile (see the report to the lead).
def test_a_permission_event_is_remembered_end_to_end(fake_api: FakeAlexaApi) -> None:
    talk = Talk.start(fake_api, consent="granted")
    talk.conv.sim.event(
        "AlexaSkillEvent.SkillPermissionAccepted",
        {"acceptedPermissions": [{"scope": SCOPE}]},
    )
    assert talk.profile().reminder_permission is True


def test_a_permission_event_never_answers_with_speech(fake_api: FakeAlexaApi) -> None:
    talk = Talk.start(fake_api, consent="granted")
    ex = talk.conv.sim.event("AlexaSkillEvent.SkillPermissionChanged", {"acceptedPermissions": []})
    assert ex.speech == ""
    assert fake_api.seen == []


def test_an_answer_outside_a_session_is_said_and_closes(fake_api: FakeAlexaApi) -> None:
    talk = Talk.start(fake_api, consent="granted")
    talk.conv.sim.session_id = None
    ex = talk.conv.sim.send_raw(
        {
            "type": "Connections.Response",
            "name": "AskFor",
            "status": {"code": "200", "message": "OK"},
            "payload": {"status": "NOT_ANSWERED"},
            "token": "steadyheart.reminder.v1:set:20:00",
        }
    )
    assert said(ex, "reminders.permission_not_answered")
    assert not said(ex, "menu.next")
    assert ex.ended
