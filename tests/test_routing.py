"""Pins which handler answers which request, in which conversational state."""

from __future__ import annotations

import pytest

from skill.handlers import HANDLERS
from tests.support.routing import route, turn

CASES = [
    (dict(request_type="LaunchRequest"), "LaunchHandler"),
    (dict(request_type="SessionEndedRequest"), "SessionEndedHandler"),
    (dict(request_type="AlexaSkillEvent.SkillDisabled"), "SkillDisabledHandler"),
    (dict(request_type="AlexaSkillEvent.SkillEnabled"), "SkillEventHandler"),
    (dict(request_type="Alexa.Presentation.APL.UserEvent"), "UnknownRequestHandler"),
    (dict(request_type="CanFulfillIntentRequest"), "UnknownRequestHandler"),
    (dict(intent="AMAZON.YesIntent", flow="consent", step="ask"), "FlowStepHandler"),
    (dict(intent="AMAZON.YesIntent", flow="grounding", step="again"), "FlowStepHandler"),
    (dict(intent="AMAZON.YesIntent"), "YesNoOutOfPlaceHandler"),
    (dict(intent="AMAZON.NoIntent"), "YesNoOutOfPlaceHandler"),
    (dict(intent="AMAZON.HelpIntent", flow="grounding", step="again"), "HelpHandler"),
    (dict(intent="AMAZON.StopIntent", flow="grounding", step="again"), "StopHandler"),
    (dict(intent="AMAZON.CancelIntent", flow="grounding", step="again"), "CancelHandler"),
    (dict(intent="AMAZON.RepeatIntent"), "RepeatHandler"),
    (dict(intent="AMAZON.StartOverIntent"), "StartOverHandler"),
    (dict(intent="AMAZON.NavigateHomeIntent"), "NavigateHomeHandler"),
    (dict(intent="MenuIntent", flow="grounding", step="again"), "NavigateHomeHandler"),
    (dict(intent="StartExerciseIntent", flow="grounding", step="again"), "StartFlowHandler"),
    (dict(intent="GroundingIntent"), "StartFlowHandler"),
    (dict(intent="DeleteDataIntent"), "DeleteDataHandler"),
    (dict(intent="WhatDoYouKeepIntent"), "WhatDoYouKeepHandler"),
    (dict(intent="AMAZON.FallbackIntent", flow="grounding", step="again"), "MissHandler"),
    (dict(intent="SomeIntentFromTheFuture"), "MissHandler"),
    (dict(intent="DisagreeIntent", flow="safety", step="stay"), "FlowStepHandler"),
    (dict(intent="DisagreeIntent"), "MissHandler"),
    # Safety comes before everything, in any state, for any request.
    (dict(intent="AMAZON.StopIntent", safety="intent"), "SafetyHandler"),
    (dict(intent="AMAZON.YesIntent", flow="consent", step="ask", safety="x"), "SafetyHandler"),
    (dict(request_type="LaunchRequest", safety="x"), "SafetyHandler"),
]


@pytest.mark.parametrize(
    ("kwargs", "expected"), CASES, ids=[c[1] + str(i) for i, c in enumerate(CASES)]
)
def test_routing(kwargs: dict[str, object], expected: str) -> None:
    assert route(turn(**kwargs)) == expected  # type: ignore[arg-type]


def test_matches_is_pure() -> None:
    t = turn(intent="AMAZON.YesIntent", flow="grounding", step="again")
    before = (t.session.model_dump(), t.profile.model_dump(), t.reply)
    for h in HANDLERS:
        h.matches(t)
    assert (t.session.model_dump(), t.profile.model_dump(), t.reply) == before
