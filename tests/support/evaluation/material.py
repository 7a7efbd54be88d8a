"""What is measured: safety phrases and everyday cases, read from a round file or the table.

Accepted shapes (YAML or JSON):

* a safety round: ``{round: N, crisis: [{text, category}], negatives: [{text, kind}]}``;
* the training table ``tests/safety/phrases.yaml``: ``{must_trigger: [{text, category, kind}],
  must_not_trigger: [{text, kind}]}`` (a crisis row is labelled ``category/kind``, so explicit and
  indirect suicide are reported apart, as the rounds do);
* an everyday round: ``{round: N, cases: [{point, says, expect}]}``.

A round counts as held out unless it says ``held_out: false`` (the made-up fixtures do).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SAFETY_CATEGORIES = (
    "suicide_explicit",
    "suicide_indirect",
    "self_harm",
    "harm_in_progress",
    "harmed_by_partner",
    "coercive_control",
    "fear_now",
    "intent_to_harm",
    "child_at_risk",
)
EVERYDAY_POINTS = (
    "first_launch",
    "menu",
    "checkin_feeling",
    "checkin_pleasant",
    "checkin_need",
    "calming_another",
    "opener_topic",
    "appreciation_what",
    "validation_reply",
    "boundaries_topic",
)
EXPECT_WORDS = (
    "answer",
    "unsure",
    "listen",
    "back",
    "pause",
    "repeat",
    "help",
    "exit",
    "decline",
    "accept",
    "privacy",
)
START_ALIASES = {
    "checkin": "check-in",
    "couple": "couple-check-in",
    "lookback": "look-back",
    "professional": "professional-help",
    "selfcare": "self-care",
    "staying": "staying-or-leaving",
}
"""Exercise names as an author brief may spell them (one word each) -> the flow's id: a
label mapping, so a round written with the brief's names is judged against the right flow."""
_EXPECT = re.compile(r"^(?:start:[a-z][a-z-]*|" + "|".join(EXPECT_WORDS) + r")$")


class MaterialError(ValueError):
    pass


@dataclass(frozen=True)
class Phrase:
    text: str
    label: str
    """Crisis: its category. Negative: its kind."""
    crisis: bool


@dataclass(frozen=True)
class SafetySet:
    name: str
    phrases: tuple[Phrase, ...]
    held_out: bool
    """False for the training table (phrases the screen was tuned on)."""

    @property
    def crisis(self) -> tuple[Phrase, ...]:
        return tuple(p for p in self.phrases if p.crisis)

    @property
    def negatives(self) -> tuple[Phrase, ...]:
        return tuple(p for p in self.phrases if not p.crisis)


@dataclass(frozen=True)
class EverydayCase:
    point: str
    says: str
    expect: str


@dataclass(frozen=True)
class EverydaySet:
    name: str
    cases: tuple[EverydayCase, ...]
    held_out: bool


def _read(path: Path) -> Any:
    text = path.read_text("utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    return yaml.safe_load(text)


def _name(path: Path, data: dict[str, Any]) -> str:
    if "round" in data:
        return f"round {data['round']}"
    return path.stem


def _text(row: Any, where: str) -> str:
    if not isinstance(row, dict):
        raise MaterialError(f"{where}: a row needs text")
    value = row.get("text", row.get("says"))
    if isinstance(value, bool):  # YAML reads a bare yes/no as a boolean; a person said the word
        value = "yes" if value else "no"
    elif isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise MaterialError(f"{where}: empty text")
    return value


def load_safety(path: Path) -> SafetySet:
    data = _read(path)
    if not isinstance(data, dict):
        raise MaterialError(f"{path}: not a mapping")
    phrases: list[Phrase] = []
    if "crisis" in data or "negatives" in data:
        for n, row in enumerate(data.get("crisis") or []):
            where = f"{path.name} crisis {n + 1}"
            category = str(row.get("category", "")) if isinstance(row, dict) else ""
            if category not in SAFETY_CATEGORIES:
                raise MaterialError(f"{where}: unknown category {category!r}")
            phrases.append(Phrase(_text(row, where), category, crisis=True))
        for n, row in enumerate(data.get("negatives") or []):
            where = f"{path.name} negative {n + 1}"
            kind = str(row.get("kind", "negative")) if isinstance(row, dict) else ""
            phrases.append(Phrase(_text(row, where), kind or "negative", crisis=False))
        held_out = bool(data.get("held_out", True))
    elif "must_trigger" in data:
        for n, row in enumerate(data.get("must_trigger") or []):
            where = f"{path.name} must_trigger {n + 1}"
            label = f"{row.get('category', '?')}/{row.get('kind', '?')}"
            phrases.append(Phrase(_text(row, where), label, crisis=True))
        for n, row in enumerate(data.get("must_not_trigger") or []):
            where = f"{path.name} must_not_trigger {n + 1}"
            phrases.append(Phrase(_text(row, where), str(row.get("kind", "?")), crisis=False))
        held_out = False
    else:
        raise MaterialError(f"{path}: neither a safety round nor the training table")
    if not phrases:
        raise MaterialError(f"{path}: no phrases")
    return SafetySet(_name(path, data), tuple(phrases), held_out)


def load_everyday(path: Path) -> EverydaySet:
    data = _read(path)
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise MaterialError(f"{path}: an everyday round needs cases")
    cases: list[EverydayCase] = []
    for n, row in enumerate(data["cases"]):
        where = f"{path.name} case {n + 1}"
        if not isinstance(row, dict):
            raise MaterialError(f"{where}: not a mapping")
        point, expect = str(row.get("point", "")), str(row.get("expect", "")).strip()
        if point not in EVERYDAY_POINTS:
            raise MaterialError(f"{where}: unknown point {point!r}")
        if not _EXPECT.match(expect):
            raise MaterialError(f"{where}: unknown expectation {expect!r}")
        if expect.startswith("start:"):
            target = expect.split(":", 1)[1]
            expect = "start:" + START_ALIASES.get(target, target)
        cases.append(EverydayCase(point, _text(row, where), expect))
    if not cases:
        raise MaterialError(f"{path}: no cases")
    return EverydaySet(_name(path, data), tuple(cases), bool(data.get("held_out", "round" in data)))
