"""The words reach a slot (issue 15, step 3): statements that open the way people open - a
filler, a time, a dropped subject, a question, someone close - match a sample strictly, as
virtual-alexa matches (the lower bound for a device), in every locale, and the screen reads
them with their opening put back. The statements are in ``openings.yaml``, written for this test.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from devtools.models import LOCALES
from skill.language.normalise import normalise
from skill.language.statement import STATEMENT_INTENT, is_personal, screen_texts

ROOT = Path(__file__).resolve().parents[2]
STATEMENTS: list[dict[str, str]] = yaml.safe_load(
    (Path(__file__).with_name("openings.yaml")).read_text("utf-8")
)["statements"]
FREE = {"AMAZON.SearchQuery"}


@lru_cache
def samples(locale: str) -> list[tuple[str, re.Pattern[str], list[str], int]]:
    """Every sample whose slots are all free, as a whole-utterance pattern: virtual-alexa's
    strict matching, where the sample with the most literal characters wins."""
    model: dict[str, Any] = json.loads((ROOT / "intents" / f"{locale}.json").read_text("utf-8"))
    found = []
    for intent in model["interactionModel"]["languageModel"]["intents"]:
        types = {s["name"]: s["type"] for s in intent.get("slots") or []}
        for sample in intent.get("samples") or []:
            names = re.findall(r"\{(\w+)\}", sample)
            if not names or any(types[n] not in FREE for n in names):
                continue
            pattern = re.escape(sample)
            for n in names:
                pattern = pattern.replace(re.escape("{" + n + "}"), "(.+)")
            literal = len(re.sub(r"\{\w+\}", "", sample))
            found.append((intent["name"], re.compile(f"^{pattern}$"), names, literal))
    return found


def strict(locale: str, text: str) -> tuple[str, list[tuple[str, str]]] | None:
    best: tuple[int, str, list[tuple[str, str]]] | None = None
    for intent, pattern, names, literal in samples(locale):
        m = pattern.match(text)
        if m and (best is None or literal > best[0]):
            best = (literal, intent, list(zip(names, m.groups(), strict=True)))
    return None if best is None else (best[1], best[2])


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("row", STATEMENTS, ids=lambda r: r["text"][:40])
def test_the_statement_reaches_a_slot_with_its_words(locale: str, row: dict[str, str]) -> None:
    text = normalise(row["text"])
    found = strict(locale, text)
    assert found is not None, f"{text!r} matches no sample: a device would send Fallback"
    intent, slots = found
    read = screen_texts(intent, slots)
    assert any(row["keeps"] in normalise(r) for r in read), (intent, slots, read)


def test_most_statements_keep_every_word_but_a_filler() -> None:
    # The words lost are a filler ("um", "to be honest") or a carrier owned by an everyday
    # exercise ("last night {moment}", "my husband {deed}"); never the middle of the story.
    whole = 0
    for row in STATEMENTS:
        found = strict("en-US", normalise(row["text"]))
        assert found is not None
        if found[0] == STATEMENT_INTENT and found[1][0][0] != "said":
            whole += 1
    assert whole >= 35


@pytest.mark.parametrize(
    ("slot", "value", "personal"),
    [
        ("been", "sleeping in the car", True),
        ("some_nights", "i can't stop crying", True),
        ("said", "i want to go to sleep", True),
        ("said", "what do you mean", False),
        ("what_happens_if", "you miss a dose", False),
        ("can_you", "say that again", False),
        ("do_not_think", "i can cope", True),
        ("that", "we never talk anymore", True),
        ("that_is", "exactly how i feel", True),
        ("that", "sounds rough", False),
    ],
)
def test_who_the_statement_is_about(slot: str, value: str, personal: bool) -> None:
    assert is_personal(slot, value) is personal


def test_statements_nobody_listed_reach_a_slot_at_least_as_often_as_measured() -> None:
    unseen: list[str] = yaml.safe_load(
        (Path(__file__).with_name("openings.yaml")).read_text("utf-8")
    )["unseen"]
    reached = [t for t in unseen if strict("en-US", normalise(t)) is not None]
    assert len(reached) >= 27, sorted(set(unseen) - set(reached))
