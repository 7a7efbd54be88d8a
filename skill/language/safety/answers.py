"""The safety answers: which answer a finding gets, its key number, and what each intent means.

Each answer leads with its own number (docs/safety.md): a helpline for suicide and self-harm,
the emergency number for harm in progress, danger now and harm to others, the domestic abuse
line for being harmed or controlled, the child line for a child at risk. Alexa sends no text
with an intent whose sample matched, so the intent's name is all the skill knows;
``intents/src/safety.yaml`` keeps one intent per answer. Every sample also screens positive with
a category of the same answer (``tests/safety/test_crisis_samples.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Literal

from skill.language.safety.finding import SafetyCategory

__all__ = [
    "ANSWERS",
    "ASKS_IF_SAFE",
    "CRISIS_INTENTS",
    "KEY_NUMBER",
    "Answer",
    "NumberName",
    "answer_for",
]

Answer = Literal["crisis", "urgent", "danger", "abuse", "harm_others", "child"]
"""The answers the skill gives: each leads with its own number (docs/safety.md)."""

ANSWERS: Final[Mapping[SafetyCategory, Answer]] = MappingProxyType(
    {
        "urgent": "urgent",
        "suicide": "crisis",
        "self_harm": "crisis",
        "harm_others": "harm_others",
        "child": "child",
        "danger": "danger",
        "sexual_abuse": "abuse",
        "violence": "abuse",
        "abuse": "abuse",
    }
)

NumberName = Literal["emergency", "crisis", "abuse", "child"]
"""A number each locale names (``safety.number.<name>`` in audio_scripts/<locale>/safety.yaml)."""

KEY_NUMBER: Final[Mapping[Answer, NumberName]] = MappingProxyType(
    {
        "crisis": "crisis",
        "urgent": "emergency",
        "danger": "emergency",
        "abuse": "abuse",
        "harm_others": "emergency",
        "child": "child",
    }
)
"""The number an answer leads with, says twice, and repeats on every way out."""

ASKS_IF_SAFE: Final[frozenset[Answer]] = frozenset({"urgent", "danger"})
"""Answers that ask "are you safe right now?"; the others offer a calming minute."""

CRISIS_INTENTS: Final[Mapping[str, SafetyCategory]] = MappingProxyType(
    {
        "CrisisIntent": "suicide",
        "UrgentIntent": "urgent",
        "DangerIntent": "danger",
        "AbuseIntent": "abuse",
        "HarmOthersIntent": "harm_others",
        "ChildSafetyIntent": "child",
    }
)


def answer_for(category: SafetyCategory) -> Answer:
    return ANSWERS[category]
