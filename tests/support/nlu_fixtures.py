"""Helpers shared by the resolver tests (the synthetic model is tests/nlu/model.json)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).resolve().parents[1] / "nlu" / "model.json"
SKILL_ID = "amzn1.ask.skill.test-0001"


def load_model() -> dict[str, Any]:
    with MODEL_PATH.open(encoding="utf-8") as f:
        model: dict[str, Any] = json.load(f)
    return model


def language_model(model: dict[str, Any]) -> dict[str, Any]:
    lm: dict[str, Any] = model["interactionModel"]["languageModel"]
    return lm


def without_intents(model: dict[str, Any], *names: str) -> dict[str, Any]:
    changed = copy.deepcopy(model)
    lm = language_model(changed)
    lm["intents"] = [i for i in lm["intents"] if i["name"] not in names]
    return changed


def intent(model: dict[str, Any], name: str) -> dict[str, Any]:
    for i in language_model(model)["intents"]:
        if i["name"] == name:
            found: dict[str, Any] = i
            return found
    raise KeyError(name)
