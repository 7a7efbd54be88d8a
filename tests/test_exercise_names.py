"""Names said back (issue 17 item 1, decision 0035): every spoken form of every exercise name,
in every locale and every variation of the name, resolves through our resolver to that exercise;
ordinals are never a time; partner words reach the sample families that name the partner."""

from __future__ import annotations

from functools import lru_cache

import pytest

from devtools.models import LOCALES, PARTNER_WORDS, partner_variants
from devtools.nlu import Resolver
from skill.content import load_catalog
from skill.exercises import EXERCISES, START_INTENTS
from skill.exercises.base import name_key
from skill.language.exercise_names import spoken_forms
from tests.support.turns import ROOT

CONTENT = ROOT / "audio_scripts"


@lru_cache(maxsize=8)
def resolver(locale: str) -> Resolver:
    return Resolver.from_file(ROOT / "intents" / f"{locale}.json", skill_id="test")


def _forms() -> list[tuple[str, str, str]]:
    found = []
    for locale in LOCALES:
        cat = load_catalog(CONTENT, locale)
        for exercise in EXERCISES:
            for variant in cat.get(name_key(exercise)).variants:
                found.extend((locale, exercise, f) for f in spoken_forms(variant))
    return found


def _exercise_of(locale: str, text: str) -> str | None:
    found = resolver(locale).resolve(text)
    if found.name == "StartExerciseIntent":
        return found.slot_id("exercise")
    return START_INTENTS.get(found.name)


@pytest.mark.parametrize(("locale", "exercise", "form"), _forms())
def test_every_spoken_name_resolves_to_its_exercise(locale: str, exercise: str, form: str) -> None:
    assert _exercise_of(locale, form) == exercise, form
    assert _exercise_of(locale, f"let's do {form}") == exercise, form


def test_spoken_forms_drop_articles_and_shift_the_person() -> None:
    forms = spoken_forms("a short check-in with yourself")
    assert "check in with yourself" in forms
    assert "check in with myself" in forms
    assert "the check in with yourself" in forms
    assert spoken_forms("") == []


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("said", ["the first one", "the second one", "that one", "the last one"])
def test_ordinals_are_ordinals_never_a_time(locale: str, said: str) -> None:
    assert resolver(locale).resolve(said).name == "OrdinalIntent"


def test_partner_variants() -> None:
    variants = partner_variants("help me get calm before i talk to my partner")
    assert "help me get calm before i talk to my wife" in variants
    assert "help me get calm before i talk to my other half" in variants
    assert len(variants) == len(PARTNER_WORDS)
    assert partner_variants("my partner's {state}")[0] == "my husband's {state}"
    assert partner_variants("i feel lonely") == []


@pytest.mark.parametrize("word", ["husband", "wife", "boyfriend", "girlfriend", "other half"])
def test_partner_words_in_sample_families(word: str) -> None:
    r = resolver("en-GB")
    assert r.resolve(f"how can i feel closer to my {word}").name == "ConnectionIdeaIntent"
    assert r.resolve(f"i'm about to talk to my {word}").name == "CalmingIntent"
    assert r.resolve(f"my {word} won't go to therapy").name == "PartnerWontGoIntent"
