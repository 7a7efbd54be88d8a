"""The clean-statement reader: a table of what people said and what the skill takes it for."""

from __future__ import annotations

import pytest

from skill.language.interpret import exercise_named, interpret

CASES = [
    ("say that again", "AMAZON.RepeatIntent"),
    ("i said the wrong word go back", "AMAZON.PreviousIntent"),
    ("undo that last answer", "AMAZON.PreviousIntent"),
    ("the kettle's going hold on", "AMAZON.PauseIntent"),
    ("how does this work then", "AMAZON.HelpIntent"),
    ("i meant to say here", "AMAZON.HelpIntent"),
    ("never mind bye", "AMAZON.StopIntent"),
    ("today thanks bye", "AMAZON.StopIntent"),
    ("i do not know what i need", "UnsureIntent"),
    ("i can not really tell", "UnsureIntent"),
    ("i'd rather you didn't to be honest", "AMAZON.NoIntent"),
    ("yeah sure that's fine", "AMAZON.YesIntent"),
    ("do you save what i say here", "WhatDoYouKeepIntent"),
    ("can you delete everything", "DeleteDataIntent"),
    ("i really loved how he cooked", None),
    ("i am off to work", None),
]


@pytest.mark.parametrize(("said", "intent"), CASES)
def test_interpret(said: str, intent: str | None) -> None:
    assert interpret(said) == intent


@pytest.mark.parametrize(
    ("said", "exercise"),
    [
        ("can we just do the breathing instead", "calming"),
        ("the short check in with yourself", "check-in"),
        ("something for tonight", None),
    ],
)
def test_exercise_named(said: str, exercise: str | None) -> None:
    names = [("calming", "breathing"), ("check-in", "check in"), ("check-in", "short check in")]
    assert exercise_named(said, names) == exercise
