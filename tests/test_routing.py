"""Pins which handler answers which request, in which conversational state."""

from __future__ import annotations

import random

import pytest

from skill.config import Settings
from skill.content import Renderer, load_catalog
from skill.handlers import HANDLERS
from skill.state import Profile, SessionState
from skill.storage.sqlite import SqliteStore
from skill.turn import Incoming, Slot, Turn

CAT = load_catalog(Settings().content_dir, "en-US")


def turn(
    request_type: str = "IntentRequest",
    intent: str | None = None,
    flow: str | None = None,
    step: str | None = None,
    safety: object = None,
    slots: dict[str, Slot] | None = None,
) -> Turn:
    t = Turn(
        settings=Settings(),
        store=SqliteStore(":memory:"),
        key=None,
        req=Incoming(
            request_type=request_type,
            locale="en-US",
            new_session=False,
            intent=intent,
            slots=slots or {},
        ),
        session=SessionState(flow=flow, step=step),
        profile=Profile(consent="granted"),
        text=Renderer(CAT, {}, random.Random(1)),
        rng=random.Random(1),
    )
    t.safety = safety
    return t


def route(t: Turn) -> str:
    return next(type(h).__name__ for h in HANDLERS if h.matches(t))


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
