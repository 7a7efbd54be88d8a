"""The path under strict matching: statements in fixtures/path_openings.yaml open with one of
StatementIntent's openings in every locale's generated model, so virtual-alexa (which matches
samples strictly) hands their words to the safety screen instead of AMAZON.FallbackIntent.

A closing ("{ends_me} me") does not count here: it is the weakest carrier, taken only when no
opening fits, and a statement folded by its opening should not depend on how it happens to end.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from devtools.models import LOCALES
from skill.language.normalise import expand_contractions, normalise
from skill.language.statement import INTERJECTIONS, STATEMENT_INTENT, is_personal, sentence

ROOT = Path(__file__).resolve().parents[2]
TABLE = Path(__file__).with_name("fixtures") / "path_openings.yaml"
OPENING = re.compile(r"^([a-z' ]+) \{(\w+)\}$")


def rows() -> list[str]:
    data = yaml.safe_load(TABLE.read_text("utf-8"))
    return [
        row
        for section in data["sections"]
        for key in ("from_set", "variants")
        for row in section[key]
    ]


@cache
def openings(locale: str) -> tuple[tuple[str, str], ...]:
    """(words, slot) of every StatementIntent sample that is an opening and one free slot."""
    model = json.loads((ROOT / "intents" / f"{locale}.json").read_text("utf-8"))
    intents = model["interactionModel"]["languageModel"]["intents"]
    samples = next(i["samples"] for i in intents if i["name"] == STATEMENT_INTENT)
    found = [m.groups() for s in samples if (m := OPENING.match(s))]
    return tuple((words, slot) for words, slot in found)


def said(text: str) -> str:
    """What a recogniser hands over: lowercase words, apostrophes kept."""
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower()).split())


def reached(text: str, locale: str) -> list[tuple[str, str]]:
    """Each opening that takes the statement, with the words its slot would carry."""
    words = said(text)
    return [
        (slot, words[len(opening) + 1 :])
        for opening, slot in openings(locale)
        if words.startswith(opening + " ") and words[len(opening) + 1 :].strip()
    ]


def test_the_table_has_rows_and_no_repeats() -> None:
    table = rows()
    assert len(table) >= 50
    assert len(table) == len(set(table))


@pytest.mark.parametrize("locale", LOCALES)
def test_every_row_opens_with_a_statement_opening_and_is_put_back_whole(locale: str) -> None:
    missed = []
    for row in rows():
        takes = reached(row, locale)
        whole = expand_contractions(normalise(row))
        if not any(expand_contractions(normalise(sentence(s, v))) == whole for s, v in takes):
            missed.append(row)
    assert not missed, f"{locale}: no opening takes {missed}"


def test_the_check_itself_misses_a_statement_with_no_opening() -> None:
    # "zebras" opens nothing; a sentence that only a closing would take is not counted either
    assert reached("zebras everywhere and i'm scared of them", "en-US") == []
    assert reached("keeps", "en-US") == []


def test_each_row_is_read_as_the_speakers_own_story() -> None:
    # At a free-text step a personal statement is the answer (skill.language.statement)
    strangers = [
        row for row in rows() if not any(is_personal(s, v) for s, v in reached(row, "en-US"))
    ]
    assert not strangers, strangers


@pytest.mark.parametrize("locale", LOCALES)
def test_every_interjection_is_an_opening_of_its_own(locale: str) -> None:
    # an interjection keeps its word only if its slot is one the model has (decision 0150)
    assert {slot for _, slot in openings(locale)} >= INTERJECTIONS


def test_an_interjection_is_read_by_the_words_after_it() -> None:
    assert is_personal("eish", "i'm telling you straight")
    assert is_personal("wahala", "everywhere i no fit continue")
    assert is_personal("lawd", "been crying all week")
    assert not is_personal("eish", "the traffic on the n1 this morning")
    assert not is_personal("honey", "")
