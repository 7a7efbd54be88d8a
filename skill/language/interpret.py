"""A clean statement read with the skill's own words: the one place that does it.

StatementIntent (skill/language/statement.py) carries the words after an opening ("i", "the",
"can you", "we", ...) so that they reach the safety screen. A statement that screens clean used
to be a miss; :func:`interpret` reads its words first for what the skill already understands:
navigation ("say that again", "go back", "hold on", "how does this work", "never mind bye"),
"not sure", yes and no, privacy ("do you save", "delete"), and an exercise named by its id
words ("the breathing", "check in"). ``None`` means nothing matched: the caller goes on to the
open step's free-text answer, the owner of the opening, or a fallback. The safety screen has
always run before this.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

__all__ = ["RULES", "declines", "exercise_named", "interpret", "is_heard", "ordinal"]

_EXIT: Final = "AMAZON.StopIntent"

# (intent, word patterns), first match wins; patterns are whole words over the full sentence.
RULES: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    (
        _EXIT,
        (
            r"\bbye\b",
            r"\bgoodbye\b",
            r"never mind",
            r"that's enough for",
            r"^cancel\b",
            r"^stop\b",
            r"\bi am done\b",
        ),
    ),
    (
        "AMAZON.RepeatIntent",
        (
            r"(say|said) (that|it) again",
            r"what was (that|it|the question)",
            r"hear (that|it) again",
            r"options again",
            r"^again\b",
            r"\brepeat (that|it|the question)\b",
            r"come again",
        ),
    ),
    ("AMAZON.PreviousIntent", (r"\bgo back\b", r"\bundo\b", r"wrong (word|answer)")),
    (
        "AMAZON.PauseIntent",
        (
            r"hold on",
            r"hang on",
            r"^wait\b",
            r"wait a (sec|second|minute)",
            r"give me a (sec|second|minute|moment)",
            r"one (sec|second|moment)",
        ),
    ),
    (
        "WhatDoYouKeepIntent",
        (
            r"do you (save|keep|record|store)",
            r"who can (see|hear)",
            r"(save|keep|record|store) what i say",
        ),
    ),
    ("DeleteDataIntent", (r"\bdelete (it|that|everything|my)", r"\berase\b")),
    (
        "AMAZON.HelpIntent",
        (
            r"how does (this|it) work",
            r"what do i (say|do)( here| now)?$",
            r"(meant|supposed) to (say|do)( here| now)?$",
        ),
    ),
    (
        "UnsureIntent",
        (
            r"(do not|don't) know$",
            r"(do not|don't) know what i (need|feel)",
            r"not (really )?sure$",
            r"can( ?not|'t) (really )?tell$",
            r"no idea$",
        ),
    ),
    ("AMAZON.NoIntent", (r"^(no|nah|nope)\b", r"rather (you )?(didn't|did not)")),
    ("AMAZON.YesIntent", (r"^(yes|yeah|yep|sure|okay|ok)\b", r"\bgo ahead\b")),
)
_COMPILED: Final = tuple((intent, tuple(re.compile(p) for p in ps)) for intent, ps in RULES)


def interpret(sentence: str) -> str | None:
    """The intent a clean statement's words stand for, or ``None``."""
    said = " ".join(sentence.lower().split())
    for intent, patterns in _COMPILED:
        if any(p.search(said) for p in patterns):
            return intent
    return None


def exercise_named(sentence: str, names: Iterable[tuple[str, str]]) -> str | None:
    """The exercise whose spoken name (``(id, name)`` pairs, longest first wins) the words
    contain: "can we just do the breathing instead" -> calming, if "breathing" names it."""
    said = f" {' '.join(sentence.lower().replace('-', ' ').split())} "
    best: tuple[int, str] | None = None
    for exercise, name in names:
        name = " ".join(name.lower().replace("-", " ").split())
        if name and f" {name} " in said and (best is None or len(name) > best[0]):
            best = (len(name), exercise)
    return best[1] if best else None


# Someone talking about the partner or their own feelings: outside an exercise, heard first.
_HEARD: Final = re.compile(
    r"\b(he|she|him|her|his|hers|husband|wife|boyfriend|girlfriend|partner|hubby|missus|"
    r"spouse|fiance|fiancee|other half|we|us|our|feel|feeling|felt|upset|sad|angry|lonely|"
    r"hurt|hurts|tired|exhausted|alone|ignored|stressed|anxious|fed up|miserable|row|argue|"
    r"argued|argument|fight|fighting)\b"
)


def is_heard(sentence: str) -> bool:
    """Words about the partner, the relationship or a feeling ("my wife hardly looks at me")."""
    return _HEARD.search(" ".join(sentence.lower().split())) is not None


_ORDINAL: Final = re.compile(
    r"\b(?:the|that) (first|second|third|last)\b|\b(first|second|third|last) (?:one|thing|option)\b"
)
_DECLINE: Final = re.compile(
    r"^(no|nah|nope)\b|^i am (good|fine|okay|ok|alright)\b|that's enough|that is enough"
)


def ordinal(sentence: str) -> str | None:
    """ "um the first one i think" -> "first": the OrdinalIntent value, at a step that offers."""
    found = _ORDINAL.search(" ".join(sentence.lower().split()))
    return (found.group(1) or found.group(2)) if found else None


def declines(sentence: str) -> bool:
    """ "i'm good thanks", "no that's enough": a no, at a step that asks yes or no only."""
    return _DECLINE.search(" ".join(sentence.lower().split())) is not None
