"""Professional help: every locale says where to find a counsellor in its own terms."""

from __future__ import annotations

import pytest

from skill.content import load_catalog, ssml_to_text
from skill.exercises.professional import PARTS, ProfessionalHelp
from tests.support.turns import CONTENT

# What each locale's card must hold: where to start, and a number for a crisis or danger.
CARDS = {
    "en-US": ("doctor", "988", "911"),
    "en-GB": ("GP", "NHS Talking Therapies", "116 123", "999"),
    "en-AU": ("GP", "mental health treatment plan", "13 11 14", "000"),
    "en-CA": ("family doctor", "9-8-8", "911"),
    "en-IN": ("Tele-MANAS", "14416", "112"),
}


@pytest.mark.parametrize("locale", sorted(CARDS))
def test_each_locale_has_its_own_resources(locale: str) -> None:
    base = load_catalog(CONTENT, "en")
    cat = load_catalog(CONTENT, locale)
    for key in ("professional_help.resources", "professional_help.card.body"):
        assert cat.get(key).variants != base.get(key).variants, f"{locale} keeps the generic {key}"
    card = ssml_to_text(cat.get("professional_help.card.body").variants[0])
    for fact in CARDS[locale]:
        assert fact in card, f"{locale} card lacks {fact!r}"


def test_the_parts_are_the_steps() -> None:
    assert tuple(ProfessionalHelp.steps) == PARTS
