"""Every safety answer in every locale: short, its key number said twice and digit by digit.

An answer is the opening for its kind, the locale's lines, and one question, as the skill says
it (skill/exercises/safety.py). Numbers count as one word per group of digits.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from devtools.models import LOCALES
from skill.content import Renderer, load_catalog, ssml_to_text
from skill.language.safety.answers import ASKS_IF_SAFE, KEY_NUMBER, Answer

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "audio_scripts"
ANSWERS: tuple[Answer, ...] = ("crisis", "urgent", "danger", "abuse", "harm_others", "child")
MAX_WORDS = 45
SAY_DIGITS = re.compile(r'<say-as interpret-as="digits">(\d+)</say-as>')
ANY_DIGIT = re.compile(r"\d")


def speech(locale: str, answer: Answer, variant: int) -> str:
    cat = load_catalog(CONTENT, locale)
    r = Renderer(cat, {}, random.Random(0))
    opening = cat.get(f"safety.open.{answer}").variants
    ask = "safety.ask.safe" if answer in ASKS_IF_SAFE else "safety.ask.stay"
    return " ".join(
        (opening[variant % len(opening)], r.render(f"safety.lines.{answer}"), r.render(ask))
    )


def digits_outside_say_as(ssml: str) -> list[str]:
    return ANY_DIGIT.findall(SAY_DIGITS.sub("", ssml))


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("answer", ANSWERS)
def test_the_answer_is_short(locale: str, answer: Answer) -> None:
    for variant in range(3):
        text = ssml_to_text(speech(locale, answer, variant), pauses=False)
        words = len(text.split())
        assert words <= MAX_WORDS, (locale, answer, words, text)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("answer", ANSWERS)
def test_the_key_number_is_said_twice_digit_by_digit(locale: str, answer: Answer) -> None:
    cat = load_catalog(CONTENT, locale)
    key = cat.get(f"safety.number.{KEY_NUMBER[answer]}").variants[0]
    lines = cat.get(f"safety.lines.{answer}").variants[0]
    assert SAY_DIGITS.search(key), (locale, key)
    assert lines.count(key) >= 2, (locale, answer, key, lines)
    assert not digits_outside_say_as(lines), (locale, answer, lines)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_spoken_number_is_read_digit_by_digit(locale: str) -> None:
    cat = load_catalog(CONTENT, locale)
    for key, prompts in cat.prompts.items():
        if not key.startswith("safety.") or key.startswith("safety.card."):
            continue
        for text in prompts.variants:
            assert not digits_outside_say_as(text), (locale, key, text)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_number_said_is_on_the_card(locale: str) -> None:
    cat = load_catalog(CONTENT, locale)
    for answer in ANSWERS:
        said = {
            "".join(m)
            for m in re.findall(
                r"((?:<say-as interpret-as=\"digits\">\d+</say-as> ?)+)",
                cat.get(f"safety.lines.{answer}").variants[0],
            )
        }
        card = re.sub(r"\D", "", cat.get(f"safety.card.body.{answer}").variants[0])
        for group in said:
            number = "".join(SAY_DIGITS.findall(group))
            assert number in card, (locale, answer, number)


def test_the_locales_name_their_lines() -> None:
    # Emergency, crisis, abuse (Canada: says there is no national line) and a child line.
    expected = {
        "en-US": ("911", "988", "18007997233", "18004224453"),
        "en-CA": ("911", "988", "sheltersafe", "18006686868"),
        "en-GB": ("999", "116123", "08082000247", "08001111", "08088005000"),
        "en-AU": ("000", "131114", "1800737732", "1800551800"),
        "en-IN": ("112", "14416", "181", "1098"),
    }
    for locale, wanted in expected.items():
        cat = load_catalog(CONTENT, locale)
        card = cat.get("safety.card.body.numbers").variants[0]
        flat = re.sub(r"[\s-]", "", card).lower()
        for item in wanted:
            assert item in flat, (locale, item, card)
