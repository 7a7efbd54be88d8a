"""Boundaries: the keys built from the question names, and what is kept."""

from __future__ import annotations

import pytest

from devtools.models import LOCALES
from skill.content import load_catalog
from skill.exercises.boundaries import QUESTIONS, Boundaries
from tests.support.conversation import Conversation
from tests.support.turns import CONTENT


def test_the_questions_are_the_steps_in_order() -> None:
    assert list(Boundaries.steps) == [*QUESTIONS, "keep"]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_question_has_its_keys(locale: str) -> None:
    cat = load_catalog(CONTENT, locale)
    for q in QUESTIONS:
        for key in (
            f"boundaries.ask_{q}",
            f"boundaries.ask_{q}.reprompt",
            f"boundaries.ask_{q}_again",
            f"boundaries.ask_{q}_again.reprompt",
            f"boundaries.hint.{q}",
            f"boundaries.heard.{q}",
            f"help.boundaries.{q}",
        ):
            assert cat.has(key), key
        assert cat.get(f"boundaries.heard.{q}").placeholders == {"answer"}


def test_what_is_kept_is_the_three_answers_and_nothing_else() -> None:
    conv = Conversation()
    conv.seed({"profile": {"consent": "granted"}})
    conv.say("ask steady heart to help me set boundaries")
    conv.say("skip")
    conv.say("i won't accept being shouted at")
    conv.say("i will go to counselling on my own")
    conv.say("yes")
    (item,) = conv.history()
    assert item.kind == "boundary"
    assert item.data == {
        "closeness": "",
        "not_accept": "being shouted at",
        "if_unmet": "go to counselling on my own",
    }


def test_abuse_said_as_a_boundary_gets_the_safety_response_and_nothing_is_kept() -> None:
    conv = Conversation()
    conv.seed({"profile": {"consent": "granted"}})
    conv.say("ask steady heart to help me set boundaries")
    conv.say("for me it's feeling heard")
    ex = conv.say("i won't accept him hitting me")
    assert "hitting" not in ex.speech
    assert conv.history() == []
