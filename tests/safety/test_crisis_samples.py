"""CrisisIntent's sample utterances: well formed, varied, and all caught by screen().

Alexa's NLU and our own screen are two nets over the same words; a sample the screen
missed would leave the two disagreeing about what is a crisis.
"""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
import yaml

from skill.language.safety import screen

ROOT = Path(__file__).resolve().parents[2]
FRAGMENT = ROOT / "intents" / "src" / "safety.yaml"
SAMPLE_SHAPE = re.compile(r"^[a-z]+(?:'[a-z]+)?(?: [a-z]+(?:'[a-z]+)?)*$")
# Words whose swap, addition or removal does not make a new sample.
FILLERS = frozenset(
    {"a", "an", "the", "my", "your", "his", "her", "this", "that", "some", "any", "just"}
    | {"really", "so", "very", "please", "now", "right", "me"}
)


def crisis_samples() -> list[str]:
    data: dict[str, Any] = yaml.safe_load(FRAGMENT.read_text(encoding="utf-8"))
    intents = data["intents"]
    assert [i["name"] for i in intents] == ["CrisisIntent"]
    assert "slots" not in intents[0]
    samples: list[str] = intents[0]["samples"]
    return samples


def too_close(first: str, second: str) -> bool:
    """One word added, dropped, or swapped for a filler word."""
    a, b = first.split(), second.split()
    if abs(len(a) - len(b)) == 1:
        longer, shorter = (a, b) if len(a) > len(b) else (b, a)
        return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(diff) == 1 and (diff[0][0] in FILLERS or diff[0][1] in FILLERS)
    return False


def test_there_are_enough_unique_well_formed_samples() -> None:
    samples = crisis_samples()
    assert len(samples) >= 60
    assert len(set(samples)) == len(samples)
    for s in samples:
        # lowercase words, single spaces, apostrophes only inside words, no slots
        assert SAMPLE_SHAPE.match(s), s


def test_no_two_samples_differ_by_a_single_filler_word() -> None:
    pairs = [(a, b) for a, b in combinations(crisis_samples(), 2) if too_close(a, b)]
    assert not pairs, pairs


@pytest.mark.parametrize("sample", crisis_samples())
def test_every_sample_triggers_the_screen(sample: str) -> None:
    assert screen(sample) is not None, sample


def test_no_sample_is_claimed_by_another_intent() -> None:
    # Alexa refuses a model where one utterance belongs to two intents.
    ours = set(crisis_samples())
    clashes = []
    for path in sorted(FRAGMENT.parent.glob("*.yaml")):
        if path == FRAGMENT:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for intent in data.get("intents") or []:
            for sample in intent.get("samples") or []:
                if sample.lower() in ours:
                    clashes.append((path.name, intent["name"], sample))
    assert not clashes, clashes


def test_the_closeness_check_itself() -> None:
    assert too_close("he hit me", "he hit me again")
    assert too_close("i am in danger", "i am in the danger")
    assert too_close("call the police", "call my police")
    assert not too_close("he hit me", "he choked me")
    assert not too_close("i want to die", "i want to end my life")
