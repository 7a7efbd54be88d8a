"""Normalisation and the built-in slot type parsers (AMAZON.NUMBER, TIME, DURATION)."""

from __future__ import annotations

import pytest

from devtools.nlu import normalize, parse_duration, parse_number, parse_time, tokenize


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("I'm feeling LONELY!!!", ("i'm", "feeling", "lonely")),
        ("I\u2019m OK", ("i'm", "ok")),
        ("'quoted' words", ("quoted", "words")),
        ("check-in, please.", ("check", "in", "please")),
        ("8pm", ("8", "pm")),
        ("8:30pm", ("8:30", "pm")),
        ("8 p.m.", ("8", "pm")),
        ("at 7 a.m. sharp", ("at", "7", "am", "sharp")),
        ("note: buy milk", ("note", "buy", "milk")),
        ("snake_case", ("snake", "case")),
        ("", ()),
        ("?!", ()),
    ],
)
def test_tokenize(text: str, words: tuple[str, ...]) -> None:
    assert tokenize(text) == words
    assert normalize(text) == " ".join(words)


@pytest.mark.parametrize(
    ("spoken", "value"),
    [
        ("zero", 0),
        ("three", 3),
        ("7", 7),
        ("42", 42),
        ("twelve", 12),
        ("twenty", 20),
        ("twenty one", 21),
        ("ninety nine", 99),
        ("a hundred", 100),
        ("one hundred and five", 105),
        ("three hundred twenty", 320),
        ("fifteen hundred", 1500),
        ("two thousand twenty four", 2024),
        ("5 thousand", 5000),
        ("a million", 1_000_000),
        ("minus five", -5),
    ],
)
def test_parse_number(spoken: str, value: int) -> None:
    assert parse_number(spoken.split()) == value


@pytest.mark.parametrize(
    "spoken",
    ["", "banana", "three four", "twenty twenty", "and", "hundred", "five and", "a", "one a"],
)
def test_parse_number_rejects(spoken: str) -> None:
    assert parse_number(spoken.split()) is None


@pytest.mark.parametrize(
    ("spoken", "value"),
    [
        ("8 pm", "20:00"),
        ("8:30 am", "08:30"),
        ("9", "09:00"),
        ("noon", "12:00"),
        ("midnight", "00:00"),
        ("eight thirty pm", "20:30"),
        ("eight thirty", "08:30"),
        ("8 30 pm", "20:30"),
        ("twenty one thirty", "21:30"),
        ("21:05", "21:05"),
        ("12 am", "00:00"),
        ("12 pm", "12:00"),
        ("twelve noon", "12:00"),
        ("half past eight", "08:30"),
        ("quarter past 8", "08:15"),
        ("quarter to nine", "08:45"),
        ("ten to midnight", "23:50"),
        ("quarter past noon", "12:15"),
        ("twenty minutes past six", "06:20"),
        ("7 in the morning", "07:00"),
        ("7 in the evening", "19:00"),
        ("ten at night", "22:00"),
        ("nine tonight", "21:00"),
        ("eight o'clock", "08:00"),
        ("8 o'clock pm", "20:00"),
        ("eight oh five", "08:05"),
        ("at 6 pm", "18:00"),
        ("morning", "MO"),
        ("this afternoon", "AF"),
        ("in the evening", "EV"),
        ("tonight", "NI"),
        ("at night", "NI"),
    ],
)
def test_parse_time(spoken: str, value: str) -> None:
    assert parse_time(tokenize(spoken)) == value


@pytest.mark.parametrize(
    "spoken", ["", "banana", "25", "13 pm", "0 am", "8:75", "24:00", "eight ninety", "8 3 0"]
)
def test_parse_time_rejects(spoken: str) -> None:
    assert parse_time(tokenize(spoken)) is None


@pytest.mark.parametrize(
    ("spoken", "value"),
    [
        ("ten minutes", "PT10M"),
        ("5 minutes", "PT5M"),
        ("a minute", "PT1M"),
        ("an hour", "PT1H"),
        ("two hours", "PT2H"),
        ("half an hour", "PT30M"),
        ("an hour and a half", "PT1H30M"),
        ("one and a half hours", "PT1H30M"),
        ("1 hour 15 minutes", "PT1H15M"),
        ("one hour and thirty minutes", "PT1H30M"),
        ("90 seconds", "PT90S"),
        ("a day", "P1D"),
        ("two weeks", "P2W"),
        ("three months", "P3M"),
        ("a year and two months", "P1Y2M"),
        ("a day and six hours", "P1DT6H"),
    ],
)
def test_parse_duration(spoken: str, value: str) -> None:
    assert parse_duration(spoken.split()) == value


@pytest.mark.parametrize(
    "spoken", ["", "banana", "minutes", "ten", "ten bananas", "and", "a week and a half"]
)
def test_parse_duration_rejects(spoken: str) -> None:
    assert parse_duration(spoken.split()) is None
