"""lambda_handler answers every fixture, and any malformed input, with a valid response."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skill.app import SteadyHeart
from skill.config import Settings

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "requests").glob("*.json"))


@pytest.fixture(scope="module")
def app() -> SteadyHeart:
    return SteadyHeart(Settings(store="memory"))


def assert_valid(out: dict[str, Any]) -> None:
    assert out["version"] == "1.0"
    response = out["response"]
    assert isinstance(response, dict)
    speech = response.get("outputSpeech")
    if speech is not None:
        assert speech["type"] == "SSML"
        ssml = speech["ssml"]
        assert ssml.startswith("<speak>")
        assert ssml.endswith("</speak>")
        ET.fromstring(ssml.replace("amazon:", "amazon_"))
        assert len(ssml) < 8000
    if response.get("shouldEndSession") is False and speech is not None:
        assert response.get("reprompt"), "an open question needs a reprompt"
    json.dumps(out)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_gets_a_valid_answer(app: SteadyHeart, path: Path) -> None:
    event = json.loads(path.read_text("utf-8"))
    out = app(event, None)
    assert_valid(out)
    if event["request"]["type"] in {"LaunchRequest", "IntentRequest"}:
        assert out["response"].get("outputSpeech"), "a conversational turn says something"


def test_there_is_a_fixture_for_every_request_type_handled() -> None:
    types = {json.loads(p.read_text("utf-8"))["request"]["type"] for p in FIXTURES}
    assert {
        "LaunchRequest",
        "IntentRequest",
        "SessionEndedRequest",
        "AlexaSkillEvent.SkillDisabled",
        "AlexaSkillEvent.SkillEnabled",
        "AlexaSkillEvent.SkillPermissionAccepted",
        "AlexaSkillEvent.SkillPermissionChanged",
    } <= types


@pytest.mark.parametrize(
    "event",
    [
        None,
        [],
        {},
        {"request": 5},
        {"request": {}},
        {"version": "1.0", "request": {"type": 7}},
        "not json",
        {"request": {"type": "LaunchRequest"}},
    ],
)
def test_malformed_requests_get_an_answer(app: SteadyHeart, event: Any) -> None:
    assert_valid(app(event, None))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(
    request=st.dictionaries(
        st.sampled_from(["type", "intent", "locale", "timestamp", "reason"]),
        json_values,
        max_size=5,
    )
)
def test_generated_requests_never_escape(app: SteadyHeart, request: dict[str, Any]) -> None:
    base = json.loads(FIXTURES[0].read_text("utf-8"))
    base["request"].update(request)
    assert_valid(app(base, None))
