"""Certification walk: every example phrase in every locale starts something sensible, for a
first-time visitor and for a returning one, through the locale's own interaction model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from devtools.models import INVOCATION_NAME
from devtools.nlu import parse_invocation
from tests.support.conversation import Conversation, catalog, key_pattern, resolver

ROOT = Path(__file__).resolve().parents[2]
SOURCE = json.loads((ROOT / "infra" / "skill-manifest.json").read_text("utf-8"))["manifest"]
CASES = [
    (locale, phrase)
    for locale, info in sorted(SOURCE["publishingInformation"]["locales"].items())
    for phrase in info["examplePhrases"]
]
NOT_SENSIBLE = (
    "error.apology",
    "error.again",
    "fallback.retry",
    "fallback.leave_kindly",
    "fallback.no_context",
)


@pytest.mark.parametrize("returning", [False, True], ids=["first-visit", "returning"])
@pytest.mark.parametrize(("locale", "phrase"), CASES, ids=[f"{lc}:{p}" for lc, p in CASES])
def test_example_phrase_starts_something(locale: str, phrase: str, returning: bool) -> None:
    said = phrase.removeprefix("Alexa, ").rstrip(".")
    kind, rest = parse_invocation(said, INVOCATION_NAME)
    assert kind in {"launch", "intent"}, phrase
    if kind == "intent":
        intent = resolver(locale).resolve(rest).intent["name"]
        assert intent != "AMAZON.FallbackIntent", f"{locale}: {phrase!r} is not understood"
    conv = Conversation(locale=locale)
    if returning:
        conv.seed({"profile": {"consent": "granted", "visits": 4}})
    ex = conv.say(said)
    assert ex.speech.strip(), phrase
    cat = catalog(locale)
    for key in NOT_SENSIBLE:
        assert cat.has(key), key
        assert not key_pattern(cat, key).search(ex.speech), f"{phrase!r} -> {ex.speech!r}"
    # Something started: the session is open with a question, or an exercise ran to its end.
    if not ex.ended:
        assert ex.reprompt, f"{phrase!r}: an open session without a reprompt"
