"""Staying or leaving: never a recommendation; the feeling ids it relies on exist; fear is found
inside a phrase."""

from __future__ import annotations

import re

import pytest

from skill.content import load_catalog, ssml_to_text
from skill.exercises import EXERCISES
from skill.exercises.staying import (
    CALMING,
    FEAR_FEELINGS,
    OFFERS,
    UNSURE_FEELINGS,
    StayingOrLeaving,
    feeling_of,
)
from skill.turn import Slot
from skill.vocabulary import load_vocabulary
from tests.support.turns import CONTENT, VOCABULARY, make_turn

# Words that would tell the person what to do about the relationship.
STEERING = re.compile(
    r"\byou should\b|\byou must\b|\byou need to (?:stay|leave|go)\b|\b(?:just|better) leave\b"
    r"|\bstay with (?:him|her|them)\b|\bleave (?:him|her|them)\b",
    re.IGNORECASE,
)


def test_nothing_said_here_steers_the_choice() -> None:
    cat = load_catalog(CONTENT, "en-US")
    for key, ps in cat.prompts.items():
        if key.startswith(("staying_or_leaving.", "help.staying_or_leaving.")):
            for v in ps.variants:
                assert not STEERING.search(ssml_to_text(v)), key


def test_the_feeling_ids_exist() -> None:
    vocab = load_vocabulary(VOCABULARY)
    for fid in FEAR_FEELINGS | UNSURE_FEELINGS:
        assert vocab.feeling_by_id(fid) is not None, fid


def test_what_is_offered_are_exercises() -> None:
    offered = {x for xs in OFFERS.values() for x in xs} | set(CALMING)
    assert offered <= set(EXERCISES)
    cat = load_catalog(CONTENT, "en-US")
    for path in (*OFFERS, "unsure_second", "leave_second"):
        assert cat.get(f"staying_or_leaving.offer.{path}").placeholders == {"exercise"}
        assert cat.has(f"staying_or_leaving.offer.{path}.reprompt")


@pytest.mark.parametrize(
    ("value", "resolved", "found"),
    [
        ("scared", "scared", ("scared", False)),
        ("scared to leave", None, ("scared", False)),
        ("afraid of what happens next", None, ("scared", False)),
        ("torn", "conflicted", ("conflicted", False)),
        ("i don't know", "vague_i_dont_know", (None, True)),
        ("tired of it all", None, (None, False)),
    ],
)
def test_feeling_of(value: str, resolved: str | None, found: tuple[str | None, bool]) -> None:
    slot = Slot("feeling", value, resolved_id=resolved)
    t = make_turn(intent="FeelingIntent", slots={"feeling": slot})
    assert feeling_of(t) == found


def test_it_keeps_nothing() -> None:
    assert StayingOrLeaving.keeps_notes is False
