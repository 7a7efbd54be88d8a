"""parse_invocation: launch phrases, one-shot requests, and in-session utterances."""

from __future__ import annotations

import pytest

from devtools.nlu import Resolver, parse_invocation

INVOCATION = "steady heart"


@pytest.mark.parametrize(
    "text",
    [
        "open steady heart",
        "Open Steady Heart.",
        "alexa open steady heart",
        "Alexa, open Steady Heart",
        "launch steady heart",
        "start steady heart",
        "begin steady heart",
        "open the steady heart skill",
        "open steady-heart please",
        "hey alexa, launch steady heart!",
        "can you open steady heart",
        "let's start steady heart",
        "talk to steady heart",
        "ask steady heart",
        "tell steady heart",
        "steady heart",
        "Alexa, Steady Heart",
    ],
)
def test_launch_phrases(text: str) -> None:
    assert parse_invocation(text, INVOCATION) == ("launch", "")


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("ask steady heart for a check in", "a check in"),
        ("tell steady heart i feel lonely", "i feel lonely"),
        ("tell steady heart that I feel lonely", "I feel lonely"),
        ("ask steady heart to start over.", "start over."),
        ("Alexa, ask Steady Heart about grounding", "grounding"),
        ("alexa ask the steady heart if i can do a body scan", "i can do a body scan"),
        ("ask steady heart whether it can help", "it can help"),
        ("ask steady heart what can I say", "what can I say"),
        ("ask steady heart, help", "help"),
        ("tell steady heart that's enough", "that's enough"),
        ("tell steady heart to tell me about work", "tell me about work"),
        ("steady heart, I feel lonely", "I feel lonely"),
        ("alexa, steady heart, check in", "check in"),
        ("open steady heart and check in", "check in"),
        ("start steady heart for a body scan", "a body scan"),
        ("check in with steady heart", "check in"),
        ("start a body scan using steady heart", "start a body scan"),
    ],
)
def test_one_shot_requests(text: str, rest: str) -> None:
    assert parse_invocation(text, INVOCATION) == ("intent", rest)


@pytest.mark.parametrize(
    "text",
    [
        "i feel lonely",
        "open the pod bay doors",
        "ask my partner to listen",
        "steady hearts are rare",
        "my steady heart is tired",
        "open steady",
        "",
        "yes",
    ],
)
def test_other_text_is_left_alone(text: str) -> None:
    assert parse_invocation(text, INVOCATION) == ("none", text)


def test_invocation_name_is_matched_case_and_punctuation_insensitively() -> None:
    assert parse_invocation("Open STEADY HEART", "Steady Heart") == ("launch", "")
    assert parse_invocation("ask my coach to check in", "my coach") == ("intent", "check in")


def test_empty_invocation_name_matches_nothing() -> None:
    assert parse_invocation("open steady heart", "") == ("none", "open steady heart")


@pytest.mark.parametrize(
    ("text", "intent_name"),
    [
        ("ask steady heart for a check in", "CheckInIntent"),
        ("tell steady heart i feel lonely", "CheckInIntent"),
        ("ask steady heart to start over", "AMAZON.StartOverIntent"),
        ("ask steady heart for help", "AMAZON.HelpIntent"),
        ("tell steady heart to remind me at 8 pm", "ReminderIntent"),
    ],
)
def test_the_rest_of_a_one_shot_request_resolves(
    resolver: Resolver, text: str, intent_name: str
) -> None:
    kind, rest = parse_invocation(text, resolver.invocation_name)
    assert kind == "intent"
    assert resolver.resolve(rest).name == intent_name
