"""StatementIntent: its openings, the owners of shared openings, and the sentence put back."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from skill.language.normalise import expand_contractions, normalise
from skill.language.statement import (
    FILLER_SLOT,
    FREE_TEXT_SLOTS,
    OWNERS,
    STATEMENT_INTENT,
    owner_of,
    screen_texts,
    sentence,
)

SRC = Path(__file__).resolve().parents[2] / "intents" / "src"
SAMPLE = re.compile(r"^([a-z' ]+) \{(\w+)\}$")


def intents() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for path in sorted(SRC.glob("*.yaml")):
        found.extend((yaml.safe_load(path.read_text("utf-8")) or {}).get("intents") or [])
    return found


def statement() -> dict[str, Any]:
    return next(i for i in intents() if i["name"] == STATEMENT_INTENT)


def test_every_sample_is_an_opening_and_one_free_slot() -> None:
    spec = statement()
    types = {s["name"]: s["type"] for s in spec["slots"]}
    assert set(types.values()) == {"AMAZON.SearchQuery"}
    used = set()
    for sample in spec["samples"]:
        m = SAMPLE.match(sample)
        assert m, sample
        used.add(m.group(2))
    assert used == set(types), set(types) ^ used


def test_a_slot_is_named_after_its_opening() -> None:
    # The opening as the screen reads it (contractions written out): the slot's name, with a
    # few words read as one ("terrified" is "scared" to the screen too).
    same = {"terrified": "scared", "whats": "what is", "cannot": "can not"}
    for sample in statement()["samples"]:
        m = SAMPLE.match(sample)
        assert m is not None
        words, slot = m.group(1), m.group(2)
        if slot == FILLER_SLOT:
            continue
        spoken = expand_contractions(normalise(words))
        spoken = " ".join(same.get(w, w) for w in spoken.split())
        assert slot.replace("_", " ") == spoken, sample


def shapes_of_other_intents() -> dict[str, list[tuple[str, str, str]]]:
    shapes: dict[str, list[tuple[str, str, str]]] = {}
    for intent in intents():
        if intent["name"] == STATEMENT_INTENT:
            continue
        types = {s["name"]: s["type"] for s in intent.get("slots") or []}
        for sample in intent.get("samples") or []:
            m = SAMPLE.match(sample)
            if m:
                slot = m.group(2)
                shapes.setdefault(m.group(1), []).append((intent["name"], slot, types[slot]))
    return shapes


def test_no_opening_repeats_another_intents_free_slot_and_owners_match_the_model() -> None:
    shapes = shapes_of_other_intents()
    owned: dict[str, tuple[str, str]] = {}
    for sample in statement()["samples"]:
        m = SAMPLE.match(sample)
        assert m is not None
        others = shapes.get(m.group(1), [])
        assert not [o for o in others if o[2] == "AMAZON.SearchQuery"], (sample, others)
        custom = [o for o in others if not o[2].startswith("AMAZON.")]
        if custom:
            owned.setdefault(m.group(2), (custom[0][0], custom[0][1]))
    assert owned == dict(OWNERS)


def test_free_text_slots_name_real_free_slots() -> None:
    by_name = {i["name"]: {s["name"]: s["type"] for s in i.get("slots") or []} for i in intents()}
    for intent, slot in FREE_TEXT_SLOTS.items():
        assert by_name[intent][slot] == "AMAZON.SearchQuery", (intent, slot)


@pytest.mark.parametrize(
    ("slot", "value", "expected"),
    [
        ("i_am", "going to stab him", "i am going to stab him"),
        ("said", "i want it all to stop", "i want it all to stop"),
        ("what_if", "i just didn't wake up", "what if i just didn't wake up"),
    ],
)
def test_the_sentence_is_put_back(slot: str, value: str, expected: str) -> None:
    assert sentence(slot, value) == expected


def test_a_statement_slot_is_screened_only_whole_and_other_slots_both_ways() -> None:
    # "he doesn't hit me but he ignores me": the fragment alone would read as a blow.
    assert screen_texts(STATEMENT_INTENT, [("he_does_not", "hit me but he ignores me")]) == [
        "he does not hit me but he ignores me"
    ]
    assert screen_texts("AppreciationDeedIntent", [("deed", "hits the kids")]) == [
        "hits the kids",
        "he hits the kids",
    ]
    assert screen_texts("FeelingIntent", [("feeling", "")]) == []


def test_the_owner_takes_the_rest_of_the_opening() -> None:
    assert owner_of("i_am_scared", "to leave") == ("FeelingIntent", "feeling", "scared to leave")
    assert owner_of("i_am", "off to work") == ("FeelingIntent", "feeling", "off to work")
    assert owner_of("what_if", "it rains") is None
