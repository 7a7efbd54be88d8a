"""One name per exercise: the flow id gives its content prefix, its name key and its slot id.

Rule (skill/exercises/base.py, ``prefix_of``): id ``couple-check-in`` -> prefix ``couple_check_in``;
its keys are ``couple_check_in.*`` and ``help.couple_check_in.*``; its name is
``exercise.couple_check_in.name``; its ExerciseType slot value id is ``couple-check-in``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from skill.config import Settings
from skill.content import load_catalog
from skill.exercises import EXERCISES, FLOWS
from skill.exercises.base import name_key, prefix_of

ROOT = Path(__file__).resolve().parents[1]
CONTENT = Settings().content_dir
LOCALES = sorted(p.stem for p in (ROOT / "intents").glob("*.json"))
KEBAB = re.compile(r"^[a-z]+(-[a-z]+)*$")
SHARED = frozenset(
    {
        "back",
        "cancel",
        "error",
        "exercise",
        "fallback",
        "general",
        "goodbye",
        "list",
        "pause",
        "privacy",
        "start_over",
        "storage",
        "unknown_request",
        "unsure",
        "welcome",
        "when",
    }
)
"""Keys no single flow owns (built-in intents, errors, shared phrases). ``general`` is only
``help.general``; ``pause``, ``back`` and ``unsure`` answer pause, go back and "not sure" at any
question."""
PREFIXES = {prefix_of(f) for f in FLOWS}


def owner(key: str) -> str:
    parts = key.split(".")
    return parts[1] if parts[0] == "help" else parts[0]


def test_flow_ids_are_kebab_case_and_prefixes_unique() -> None:
    assert all(KEBAB.match(f) for f in FLOWS)
    assert len(PREFIXES) == len(FLOWS)
    assert not PREFIXES & SHARED


@pytest.mark.parametrize("locale", LOCALES)
def test_every_key_belongs_to_one_flow_or_to_the_shared_few(locale: str) -> None:
    cat = load_catalog(CONTENT, locale)
    strays = sorted(k for k in cat.prompts if owner(k) not in PREFIXES | SHARED)
    assert strays == [], "name keys after the flow id: <prefix>.*, help.<prefix>.*"


def test_each_flow_asks_with_its_own_keys() -> None:
    cat = load_catalog(CONTENT, "en-US")
    for flow_id, flow in FLOWS.items():
        p = prefix_of(flow_id)
        for name, step in flow.steps.items():
            assert owner(step.help) == p, (flow_id, name, step.help)
            assert step.retry is None or owner(step.retry) == p, (flow_id, name, step.retry)
            assert cat.has(step.help)
        for timed in flow.timed.values():
            assert all(owner(k) == p for k in timed.keys), flow_id


def test_exercise_names_follow_the_ids() -> None:
    cat = load_catalog(CONTENT, "en-US")
    named = {k.split(".")[1] for k in cat.prompts if k.startswith("exercise.")}
    assert named == {prefix_of(e) for e in EXERCISES}
    assert all(cat.has(name_key(e)) for e in EXERCISES)


@pytest.mark.parametrize("locale", LOCALES)
def test_exercise_slot_ids_are_the_flow_ids(locale: str) -> None:
    model = json.loads((ROOT / "intents" / f"{locale}.json").read_text(encoding="utf-8"))
    types = model["interactionModel"]["languageModel"]["types"]
    ids = {v["id"] for t in types if t["name"] == "ExerciseType" for v in t["values"]}
    assert ids == set(EXERCISES)
