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
    is_personal,
    one_shot_readings,
    owner_of,
    reopen,
    screen_texts,
    sentence,
)

SRC = Path(__file__).resolve().parents[2] / "intents" / "src"
SAMPLE = re.compile(r"^([a-z' ]+) \{(\w+)\}$")
CLOSING = re.compile(r"^\{(ends_\w+)\} ([a-z' ]+)$")


def intents() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for path in sorted(SRC.glob("*.yaml")):
        found.extend((yaml.safe_load(path.read_text("utf-8")) or {}).get("intents") or [])
    return found


def statement(closings: bool = False) -> dict[str, Any]:
    """StatementIntent; its openings only, unless ``closings`` ("{ends_me} me")."""
    spec = dict(next(i for i in intents() if i["name"] == STATEMENT_INTENT))
    if not closings:
        spec["samples"] = [s for s in spec["samples"] if not CLOSING.match(s)]
        spec["slots"] = [s for s in spec["slots"] if not s["name"].startswith("ends_")]
    return spec


def test_every_sample_is_an_opening_and_one_free_slot() -> None:
    spec = statement(closings=True)
    types = {s["name"]: s["type"] for s in spec["slots"]}
    assert set(types.values()) == {"AMAZON.SearchQuery"}
    used = set()
    for sample in spec["samples"]:
        m = SAMPLE.match(sample)
        if m:
            used.add(m.group(2))
            continue
        c = CLOSING.match(sample)
        assert c, sample
        assert c.group(1) == "ends_" + c.group(2).replace(" ", "_"), sample
        used.add(c.group(1))
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


def test_a_closing_puts_its_word_back_after_the_words() -> None:
    assert sentence("ends_me", "yo he hit") == "yo he hit me"
    assert screen_texts(STATEMENT_INTENT, [("ends_tonight", "reckon i'll do it")]) == [
        "reckon i'll do it tonight"
    ]


@pytest.mark.parametrize(
    ("slot", "value", "expected"),
    [
        # the longest opening an intent owns, so a clean statement is answered as before
        ("ends_him", "i'm so done with", ("i_am", "so done with him")),
        ("ends_me", "i feel like nobody hears", ("i_feel", "like nobody hears me")),
        ("ends_me", "yo he hit", ("said", "yo he hit me")),
        ("i_am", "tired", ("i_am", "tired")),
    ],
)
def test_a_closing_is_read_from_its_opening(
    slot: str, value: str, expected: tuple[str, str]
) -> None:
    assert reopen(slot, value) == expected


def test_a_carrier_with_two_meanings_is_read_both_ways() -> None:
    # "i'm done with {answer}" draws a line, "i will {answer}" makes a plan: "living" means
    # nothing alone and nothing after "i will" (decision 0108)
    assert screen_texts("BoundaryAnswerIntent", [("answer", "living")]) == [
        "living",
        "i will living",
        "i am done with living",
    ]
    assert "i have had enough of it all" in screen_texts("VentIntent", [("said", "it all")])
    # "i'll shoot myself if ..." came through "i'll": a verb is not read after "done with"
    assert screen_texts("BoundaryAnswerIntent", [("answer", "shoot myself if")]) == [
        "shoot myself if",
        "i will shoot myself if",
    ]


def test_a_one_shot_is_read_with_and_without_the_if_alexa_took() -> None:
    assert one_shot_readings(["only i was dead"]) == ["only i was dead", "if only i was dead"]
    assert one_shot_readings(["i was gone nobody would care"])[1] == (
        "if i was gone nobody would care"
    )
    # a plain statement is not a condition: it is read only as it came
    assert one_shot_readings(["i cut myself once at fourteen"]) == ["i cut myself once at fourteen"]
    assert one_shot_readings(["if he hits me again"]) == ["if he hits me again"]
    assert one_shot_readings([]) == []
    # a "would" after a dated past is a habit that was, not a condition (round 25 fold)
    past = "ten year ago i'd drink myself stupid and punch walls but i've been sober eight years"
    assert one_shot_readings([past]) == [past]
    assert one_shot_readings(["he left me i'd kill myself"])[1] == "if he left me i'd kill myself"


@pytest.mark.parametrize(
    ("slot", "value"),
    [("left_the", "dog with mum"), ("ropes", "in the boot"), ("bridge", "right now")],
)
def test_a_deed_a_means_or_a_place_first_is_the_speakers_own(slot: str, value: str) -> None:
    assert is_personal(slot, value)
