"""Contracts: models <-> handlers, code <-> content, content <-> Alexa's limits."""

from __future__ import annotations

import ast
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from devtools.models import INVOCATION_NAME, LOCALES, build_model, render
from skill.content import MAX_SPEECH_CHARS, check_ssml, load_catalog, placeholders
from skill.exercises import EXERCISES, FLOWS, START_INTENTS
from skill.exercises.base import name_key
from skill.handlers import HANDLERS

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "audio_scripts"
MODELS = ROOT / "intents"
# Intents Alexa requires every custom skill to declare, whether or not a handler names them.
REQUIRED_BUILT_INS = {
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.CancelIntent",
    "AMAZON.NavigateHomeIntent",
    "AMAZON.FallbackIntent",
}


def _model(locale: str) -> dict[str, Any]:
    lm: dict[str, Any] = json.loads((MODELS / f"{locale}.json").read_text("utf-8"))[
        "interactionModel"
    ]["languageModel"]
    return lm


def handled_intents() -> set[str]:
    names: set[str] = set()
    for h in HANDLERS:
        names |= set(h.intents)
    for flow in FLOWS.values():
        for step in flow.steps.values():
            names |= set(step.accepts)
    names |= set(START_INTENTS)
    return names


@pytest.mark.parametrize("locale", LOCALES)
def test_models_are_built_from_the_source(locale: str) -> None:
    fresh = render(build_model(MODELS / "src", CONTENT, locale))
    assert (MODELS / f"{locale}.json").read_text("utf-8") == fresh, "run: steadyheart models"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_intent_in_the_model_has_a_handler(locale: str) -> None:
    declared = {i["name"] for i in _model(locale)["intents"]}
    # AMAZON.FallbackIntent is answered by the catch-all miss handler, by design.
    unhandled = declared - handled_intents() - {"AMAZON.FallbackIntent"}
    assert not unhandled, f"no handler answers {sorted(unhandled)}"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_handled_intent_exists_in_the_model(locale: str) -> None:
    declared = {i["name"] for i in _model(locale)["intents"]}
    missing = handled_intents() - declared
    assert not missing, f"handlers name intents the {locale} model lacks: {sorted(missing)}"
    assert declared >= REQUIRED_BUILT_INS


@pytest.mark.parametrize("locale", LOCALES)
def test_model_shape(locale: str) -> None:
    lm = _model(locale)
    assert lm["invocationName"] == INVOCATION_NAME
    assert lm["modelConfiguration"]["fallbackIntentSensitivity"]["level"] in {
        "LOW",
        "MEDIUM",
        "HIGH",
    }
    types = {t["name"]: t for t in lm["types"]}
    seen: dict[str, str] = {}
    for intent in lm["intents"]:
        slots = {s["name"]: s["type"] for s in intent.get("slots", [])}
        for stype in slots.values():
            assert stype.startswith("AMAZON.") or stype in types, f"unknown slot type {stype}"
        if not intent["name"].startswith("AMAZON."):
            assert len(intent["samples"]) >= 15, f"{intent['name']} has too few samples"
        for sample in intent["samples"]:
            used = set(re.findall(r"\{(\w+)\}", sample))
            assert used <= set(slots), f"{intent['name']}: {sample!r} uses undeclared slots"
            # Slot names may hold underscores (ASK: letters and underscores); the words may not.
            words = re.sub(r"\{[A-Za-z_]+\}", "{}", sample)
            assert not re.search(r"[^a-z0-9' {}.]", words), f"{sample!r}: characters"
            norm = sample.lower().strip()
            assert norm not in seen, f"{sample!r} is in {seen.get(norm)} and {intent['name']}"
            seen[norm] = intent["name"]
    for t in types.values():
        ids = [v["id"] for v in t["values"]]
        assert len(ids) == len(set(ids)), f"{t['name']} repeats ids"


def test_every_exercise_can_be_named() -> None:
    values = {
        v["id"]
        for t in _model("en-US")["types"]
        if t["name"] == "ExerciseType"
        for v in t["values"]
    }
    assert set(EXERCISES) <= values


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_has_every_key_with_the_same_placeholders(locale: str) -> None:
    base = load_catalog(CONTENT, "en")
    cat = load_catalog(CONTENT, locale)
    assert set(cat.prompts) == set(base.prompts)
    for key, ps in cat.prompts.items():
        assert ps.placeholders == base.prompts[key].placeholders, key


def _keys_named_in_code() -> set[str]:
    """String constants in skill/ that look like content keys, as passed to the speaking API."""
    keys: set[str] = set()
    speaking = {
        "say",
        "ask",
        "render",
        "render_nth",
        "plain",
        "card",
        "goto",
        "finish",
        "offer",
        "offer_menu",
        "menu",
        "missed",
        "Step",
    }
    for path in (ROOT / "skill").rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            fn = node.func
            name = fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", "")
            if name not in speaking:
                continue
            args = [*node.args, *(k.value for k in node.keywords)]
            for a in args:
                if (
                    isinstance(a, ast.Constant)
                    and isinstance(a.value, str)
                    and re.fullmatch(r"[a-z_]+(\.[a-z0-9_]+)+", a.value)
                ):
                    keys.add(a.value)
    return keys


def test_every_key_named_in_code_has_content() -> None:
    cat = load_catalog(CONTENT, "en")
    keys = _keys_named_in_code()
    assert len(keys) > 30
    missing = sorted(k for k in keys if not cat.has(k))
    assert not missing, f"no content for {missing}"


def test_dynamic_keys_have_content() -> None:
    cat = load_catalog(CONTENT, "en")
    for ex in EXERCISES:
        assert cat.has(name_key(ex))
    for consent in ("unknown", "granted", "declined"):
        assert cat.has(f"privacy.keep.{consent}")
    for flow in FLOWS.values():
        for step in flow.steps.values():
            assert cat.has(step.help)
            assert step.retry is None or cat.has(step.retry)


NASTY = 'Tom & Jerry\'s <b>"best"</b> day ' * 3


@pytest.mark.parametrize("locale", LOCALES)
def test_every_prompt_renders_as_valid_ssml_within_limits(locale: str) -> None:
    cat = load_catalog(CONTENT, locale)
    from xml.sax.saxutils import escape

    for key, ps in cat.prompts.items():
        for variant in ps.variants:
            filled = variant.format(**{n: escape(NASTY) for n in placeholders(variant)})
            root = check_ssml(filled)
            assert root is not None
            ET.fromstring(f"<speak>{filled}</speak>".replace("amazon:", "amazon_"))
            assert len(f"<speak>{filled}</speak>") < MAX_SPEECH_CHARS, key
