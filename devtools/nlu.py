"""Local natural-language resolver: typed text -> Alexa intent with slots.

``steadyheart chat`` lets a developer type what they would say to Alexa. This module plays
Alexa's part: it reads the skill's own ASK interaction model (``intents/<locale>.json``) and
turns a typed utterance into the ``request.intent`` object an ``IntentRequest`` would carry,
slot values and entity resolutions included.

It is a deterministic approximation of Alexa's NLU, not a statistical model:

1. Every sample utterance is compiled into a pattern of literal words and slot captures.
2. The text is normalised (lowercase, punctuation stripped except apostrophes) and matched
   against whole patterns. A match where every word is a literal word or a resolving slot
   value (``ER_SUCCESS_MATCH``, or a parsed number/time/duration) is taken at once.
3. Otherwise looser readings compete with it on one score per word (see
   :meth:`Resolver.resolve`): the whole text less filler words ("um", "alexa", a trailing
   "please"), a carrier phrase with its slot left unsaid ("talk about"), and a pattern
   matching part of the text with a few extra words around it. Ties go to more literal
   words, then more resolving slots, then model order.
4. A match needs at least one literal word or resolving slot; without one the result is
   ``AMAZON.FallbackIntent`` if the model declares it, else the closest guess.

Built-in intents (``AMAZON.YesIntent`` and friends) get the usual phrases even when the model
lists them without samples; only intents the model declares are ever returned.

Invocation phrasing ("ask steady heart to ...", "open steady heart") is handled separately by
:func:`parse_invocation`, because it decides between a ``LaunchRequest`` and an
``IntentRequest`` in a new session.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, Literal

from skill.language.normalise import normalise as normalize
from skill.language.normalise import tokens as tokenize

__all__ = [
    "BUILTIN_SAMPLES",
    "FALLBACK_INTENT",
    "LOCAL_SKILL_ID",
    "InvocationKind",
    "MatchKind",
    "Resolution",
    "Resolver",
    "normalize",
    "parse_duration",
    "parse_invocation",
    "parse_number",
    "parse_time",
    "tokenize",
]

LOCAL_SKILL_ID: Final = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
"""Skill id used in resolution authorities when none is configured."""

FALLBACK_INTENT: Final = "AMAZON.FallbackIntent"

InvocationKind = Literal["launch", "intent", "none"]
MatchKind = Literal["exact", "relaxed", "partial", "fallback", "guess"]
"""How a :class:`Resolution` was reached.

``exact``: a sample matched the whole utterance. ``relaxed``: it matched once filler words
("um", "alexa", a trailing "please") were dropped, or with a slot left unsaid ("talk about").
``partial``: it matched part of the utterance and the rest was a few extra words.
``fallback``: nothing matched well enough and the model declares ``AMAZON.FallbackIntent``.
``guess``: nothing matched well enough and there is no fallback intent, so the closest sample
was chosen (Alexa, too, always picks some intent).
"""

BUILTIN_SAMPLES: Final[Mapping[str, tuple[str, ...]]] = {
    "AMAZON.YesIntent": (
        "yes", "yeah", "yep", "yup", "yes please", "sure", "sure thing", "ok", "okay",
        "okay then", "please", "please do", "of course", "sounds good", "that sounds good",
        "alright", "all right", "why not", "let's do it", "let's go", "go ahead",
        "absolutely", "definitely", "i'd like that", "i would like that", "i'd love to",
        "yes i do", "yes i would", "i do", "i would", "uh huh", "correct", "yes it is",
        "that's right", "do it",
    ),
    "AMAZON.NoIntent": (
        "no", "nope", "nah", "no thanks", "no thank you", "not now", "not right now",
        "not today", "not really", "not yet", "maybe later", "i'd rather not",
        "i would rather not", "i don't think so", "i don't want to", "no i don't",
        "no i do not", "i do not", "no way", "negative", "don't",
    ),
    "AMAZON.StopIntent": (
        "stop", "stop it", "stop talking", "quit", "exit", "goodbye", "good bye", "bye",
        "bye bye", "shut up", "that's enough", "enough", "be quiet", "off", "turn off",
        "end", "end it",
    ),
    "AMAZON.CancelIntent": (
        "cancel", "cancel that", "cancel it", "never mind", "nevermind", "forget it",
        "forget about it", "scratch that", "don't worry about it",
    ),
    "AMAZON.HelpIntent": (
        "help", "help me", "help please", "i need help", "what do i say", "what can i say",
        "what should i say", "what do i do", "what can i do", "what can you do",
        "i don't understand", "i'm confused", "how does this work", "how do i use this",
        "what are my options", "what are the options",
    ),
    "AMAZON.RepeatIntent": (
        "repeat", "repeat that", "repeat please", "say that again", "say it again",
        "say again", "can you repeat that", "could you repeat that", "what did you say",
        "come again", "pardon", "pardon me", "sorry what", "what", "huh", "one more time",
        "i didn't hear you", "i didn't catch that",
    ),
    "AMAZON.StartOverIntent": (
        "start over", "start over please", "let's start over", "restart", "start again",
        "begin again", "from the beginning", "start from the beginning",
        "go back to the beginning", "reset",
    ),
    "AMAZON.NavigateHomeIntent": (
        "go home", "home", "menu", "main menu", "go to the main menu",
        "go back to the main menu", "back to the menu", "take me home", "home screen",
    ),
    "AMAZON.PauseIntent": (
        "pause", "pause that", "pause please", "hold on", "hold on a second", "wait",
        "wait a moment", "one moment", "give me a moment",
    ),
    "AMAZON.ResumeIntent": (
        "resume", "continue", "keep going", "go on", "carry on", "unpause", "resume please",
    ),
    "AMAZON.NextIntent": ("next", "next one", "skip", "skip this", "skip that", "move on"),
    "AMAZON.PreviousIntent": ("previous", "previous one", "go back", "back", "last one"),
    "AMAZON.MoreIntent": ("more", "tell me more", "show more"),
}  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Normalisation: the runtime's one normaliser (skill.language.normalise); ``tokenize`` and
# ``normalize`` are its ``tokens`` and ``normalise``.
# ---------------------------------------------------------------------------------------------


def _is_digits(word: str) -> bool:
    return word.isascii() and word.isdigit()


# ---------------------------------------------------------------------------------------------
# Built-in slot types: AMAZON.NUMBER, AMAZON.TIME, AMAZON.DURATION
# ---------------------------------------------------------------------------------------------

_UNITS: Final[Mapping[str, int]] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS: Final[Mapping[str, int]] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS: Final[Mapping[str, int]] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES: Final[Mapping[str, int]] = {"thousand": 1_000, "million": 1_000_000, "billion": 10**9}
_MAX_DIGITS: Final = 15


def _parse_cardinal(words: Sequence[str]) -> int | None:
    """A non-negative cardinal said in words and/or digits ("twenty one", "5 thousand")."""
    if not words:
        return None
    if len(words) == 1 and _is_digits(words[0]):
        return int(words[0]) if len(words[0]) <= _MAX_DIGITS else None
    total = 0
    group = 0  # the part below the last scale word, < 1000
    last = ""  # "", unit, closed (teen/digits), tens, hundred, scale, and
    last_scale = 10**12
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w in ("a", "an") and i == 0 and (nxt == "hundred" or nxt in _SCALES):
            group, last = 1, "unit"
        elif w in _UNITS or w in _TEENS or _is_digits(w):
            if w in _UNITS:
                v, kind = _UNITS[w], "unit"
            elif w in _TEENS:
                v, kind = _TEENS[w], "closed"
            else:
                if len(w) > 3:
                    return None
                v, kind = int(w), "closed"
            if last == "tens" and kind == "unit" and v > 0:
                group += v
            elif last in ("", "hundred", "scale", "and") and group % 100 == 0:
                if v >= 1000 or (v >= 100 and last in ("hundred", "and")):
                    return None
                group += v
            else:
                return None
            last = kind
        elif w in _TENS:
            if last not in ("", "hundred", "scale", "and") or group % 100 != 0:
                return None
            group += _TENS[w]
            last = "tens"
        elif w == "hundred":
            if last not in ("unit", "closed", "tens") or not 0 < group < 100:
                return None
            group *= 100
            last = "hundred"
        elif w in _SCALES:
            scale = _SCALES[w]
            if last in ("", "and", "scale") or group == 0 or scale >= last_scale:
                return None
            total += group * scale
            group, last, last_scale = 0, "scale", scale
        elif w == "and":
            if last not in ("hundred", "scale") or not nxt:
                return None
            last = "and"
        else:
            return None
    if last == "and":
        return None
    return total + group


def parse_number(words: Sequence[str]) -> int | None:
    """AMAZON.NUMBER: "three" -> 3, "twenty one" -> 21, "42" -> 42, "minus five" -> -5."""
    if words and words[0] in ("minus", "negative") and len(words) > 1:
        v = _parse_cardinal(words[1:])
        return None if v is None else -v
    return _parse_cardinal(words)


_PERIODS: Final[Mapping[str, str]] = {
    "morning": "MO", "this morning": "MO", "in the morning": "MO",
    "afternoon": "AF", "this afternoon": "AF", "in the afternoon": "AF",
    "evening": "EV", "this evening": "EV", "in the evening": "EV",
    "night": "NI", "tonight": "NI", "at night": "NI", "in the night": "NI",
    "noon": "12:00", "midday": "12:00", "twelve noon": "12:00", "12 noon": "12:00",
    "midnight": "00:00", "twelve midnight": "00:00", "12 midnight": "00:00",
}  # fmt: skip
_MERIDIEM_SUFFIXES: Final[tuple[tuple[tuple[str, ...], str], ...]] = (
    (("am",), "am"),
    (("pm",), "pm"),
    (("in", "the", "morning"), "am"),
    (("this", "morning"), "am"),
    (("in", "the", "afternoon"), "pm"),
    (("this", "afternoon"), "pm"),
    (("in", "the", "evening"), "pm"),
    (("this", "evening"), "pm"),
    (("at", "night"), "pm"),
    (("tonight",), "pm"),
)
_FRACTIONS: Final[Mapping[str, int]] = {"half": 30, "quarter": 15}


def _parse_minutes(words: Sequence[str]) -> int | None:
    if not words or tuple(words) in (("o'clock",), ("oclock",)):
        return 0
    if len(words) == 1 and _is_digits(words[0]):
        return int(words[0]) if len(words[0]) <= 2 and int(words[0]) < 60 else None
    if len(words) == 2 and words[0] in ("oh", "o", "zero") and words[1] in _UNITS:
        return _UNITS[words[1]]
    if any(_is_digits(w) for w in words):
        return None
    v = _parse_cardinal(words)
    return v if v is not None and 0 <= v < 60 else None


def _parse_clock(words: Sequence[str]) -> tuple[int, int] | None:
    """Hour and minute of "8", "8:30", "eight thirty", "half past eight", "quarter to nine"."""
    if not words:
        return None
    if len(words) == 1 and ":" in words[0]:
        parts = words[0].split(":")
        if len(parts) not in (2, 3) or not all(_is_digits(p) and len(p) <= 2 for p in parts):
            return None
        if len(parts[1]) != 2:
            return None
        h, m = int(parts[0]), int(parts[1])
        return (h, m) if h < 24 and m < 60 else None
    for link, sign in (("past", 1), ("after", 1), ("to", -1), ("till", -1), ("before", -1)):
        if link in words:
            k = list(words).index(link)
            before, after = list(words[:k]), words[k + 1 :]
            if before and before[-1] in ("minute", "minutes"):
                before = before[:-1]
            if len(before) == 2 and before[0] in ("a", "one") and before[1] in _FRACTIONS:
                before = before[1:]
            if len(before) == 1 and before[0] in _FRACTIONS:
                offset: int | None = _FRACTIONS[before[0]]
            else:
                offset = _parse_minutes(before) if before else None
            hour = {"noon": 12, "midnight": 0}.get(" ".join(after), _parse_cardinal(after))
            if offset is None or not 0 < offset < 60 or hour is None or not 0 <= hour < 24:
                return None
            if sign > 0:
                return hour, offset
            return (hour - 1) % 24, 60 - offset
    words = list(words)
    if words[-1] in ("o'clock", "oclock"):
        words = words[:-1]
        hour = _parse_cardinal(words)
        return (hour, 0) if hour is not None and 0 <= hour < 24 else None
    for k in (2, 1):
        if k > len(words):
            continue
        if any(_is_digits(w) for w in words[:k]) and k != 1:
            continue
        hour = _parse_cardinal(words[:k])
        if hour is None or not 0 <= hour < 24:
            continue
        minute = _parse_minutes(words[k:])
        if minute is not None:
            return hour, minute
    return None


def parse_time(words: Sequence[str]) -> str | None:
    """AMAZON.TIME value: "8 pm" -> "20:00", "8:30 am" -> "08:30", "9" -> "09:00".

    Also "noon"/"midnight", "eight thirty pm", "half past eight", "quarter to nine",
    "7 in the morning", and the periods Alexa reports as "MO", "AF", "EV", "NI".
    """
    ws = list(words)
    if ws and ws[0] in ("at", "around", "about"):
        ws = ws[1:]
    if not ws or len(ws) > 8:
        return None
    phrase = " ".join(ws)
    if phrase in _PERIODS:
        return _PERIODS[phrase]
    meridiem = ""
    for suffix, which in _MERIDIEM_SUFFIXES:
        n = len(suffix)
        if len(ws) > n and tuple(ws[-n:]) == suffix:
            meridiem, ws = which, ws[:-n]
            break
    clock = _parse_clock(ws)
    if clock is None:
        return None
    hour, minute = clock
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    return f"{hour:02d}:{minute:02d}"


_DURATION_UNITS: Final[Mapping[str, str]] = {
    "second": "S", "seconds": "S", "sec": "S", "secs": "S",
    "minute": "Mi", "minutes": "Mi", "min": "Mi", "mins": "Mi",
    "hour": "H", "hours": "H", "hr": "H", "hrs": "H",
    "day": "D", "days": "D", "week": "W", "weeks": "W",
    "month": "Mo", "months": "Mo", "year": "Y", "years": "Y",
}  # fmt: skip
_HALF_OF: Final[Mapping[str, tuple[str, int]]] = {
    "H": ("Mi", 30),
    "Mi": ("S", 30),
    "D": ("H", 12),
    "Y": ("Mo", 6),
}


_HALF_PHRASES: Final[Mapping[tuple[str, ...], str]] = {
    ("half", "an", "hour"): "H",
    ("a", "half", "hour"): "H",
    ("half", "a", "minute"): "Mi",
    ("half", "a", "day"): "D",
    ("half", "a", "year"): "Y",
}


def parse_duration(words: Sequence[str]) -> str | None:
    """AMAZON.DURATION as ISO-8601: "ten minutes" -> "PT10M", "an hour and a half" -> "PT1H30M"."""
    ws = list(words)
    if not ws or len(ws) > 16:
        return None
    amounts: dict[str, int] = {}

    def add(unit: str, amount: int) -> None:
        amounts[unit] = amounts.get(unit, 0) + amount

    i = 0
    while i < len(ws):
        if amounts and ws[i] == "and":
            i += 1
        half_unit = _HALF_PHRASES.get(tuple(ws[i : i + 3]))
        if half_unit is not None:
            add(*_HALF_OF[half_unit])
            i += 3
            continue
        j = i
        while j < len(ws) and ws[j] not in _DURATION_UNITS:
            j += 1
        if j == i or j >= len(ws):
            return None
        amount_words = ws[i:j]
        half = amount_words[-3:] == ["and", "a", "half"]
        if half:
            amount_words = amount_words[:-3]
        amount = 1 if amount_words in (["a"], ["an"]) else _parse_cardinal(amount_words)
        if amount is None:
            return None
        unit = _DURATION_UNITS[ws[j]]
        add(unit, amount)
        i = j + 1
        if ws[i : i + 3] == ["and", "a", "half"]:
            half, i = True, i + 3
        if half:
            if unit not in _HALF_OF:
                return None
            add(*_HALF_OF[unit])
    if not amounts:
        return None
    date = "".join(f"{amounts[u]}{u[0]}" for u in ("Y", "Mo", "W", "D") if u in amounts)
    time_ = "".join(f"{amounts[u]}{u[0]}" for u in ("H", "Mi", "S") if u in amounts)
    return "P" + date + ("T" + time_ if time_ else "")


# ---------------------------------------------------------------------------------------------
# Interaction model compilation
# ---------------------------------------------------------------------------------------------

_SlotKind = Literal["custom", "search", "number", "time", "duration", "first_name", "phrase"]
_BUILTIN_SLOT_KINDS: Final[Mapping[str, _SlotKind]] = {
    "AMAZON.SearchQuery": "search",
    "AMAZON.NUMBER": "number",
    "AMAZON.TIME": "time",
    "AMAZON.DURATION": "duration",
    "AMAZON.FirstName": "first_name",
}
_NO_MATCH_MAX_WORDS: Final = 6
_UNBOUNDED: Final = 10**6
_DETERMINERS: Final = frozenset({"a", "an", "the", "my", "some", "this", "that"})


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _loose_key(words: Sequence[str]) -> str:
    ws = list(words)
    while len(ws) > 1 and ws[0] in _DETERMINERS:
        ws = ws[1:]
    return " ".join(_singular(w) for w in ws)


@dataclass(frozen=True, slots=True)
class _SlotType:
    name: str
    exact: Mapping[str, tuple[tuple[str, str], ...]]
    loose: Mapping[str, tuple[tuple[str, str], ...]]
    longest: int

    def lookup(self, words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        hit = self.exact.get(" ".join(words))
        if hit is None:
            hit = self.loose.get(_loose_key(words), ())
        return hit


@dataclass(frozen=True, slots=True)
class _SlotRef:
    name: str
    type_name: str
    kind: _SlotKind
    min_len: int
    max_len: int


_Part = str | _SlotRef


@dataclass(frozen=True, slots=True)
class _Pattern:
    intent: str
    sample: str
    parts: tuple[_Part, ...]
    literals: frozenset[str]
    n_literals: int
    min_tokens: int
    max_tokens: int
    min_after: tuple[int, ...]
    """Fewest words the parts after each part need."""
    literals_after: tuple[int, ...]
    """Literal words after each part (the fewest words when slots may be left unsaid)."""
    order: int
    has_slots: bool


@dataclass(frozen=True, slots=True)
class _Fill:
    slot: _SlotRef
    spoken: str
    """The words the slot took, normalised."""
    value: str
    """What Alexa sends as the slot value: the spoken words, or a converted built-in value."""
    matches: tuple[tuple[str, str], ...] | None
    """Custom types: the (canonical name, id) pairs, empty for NO_MATCH. None for built-ins."""

    @property
    def resolved(self) -> bool:
        if self.matches is None:
            return self.slot.kind in ("number", "time", "duration")
        return bool(self.matches)


_Matches = Iterator[tuple[int, tuple[_Fill, ...]]]
"""(end position, slot fills) for each way a pattern matches."""


# Scoring, per word of the utterance (see Resolver.resolve).
_W_LITERAL: Final = 20
_W_RESOLVED: Final = 20  # in a custom slot value that resolves, or a parsed number/time/duration
_W_FREE: Final = 10  # in AMAZON.SearchQuery, AMAZON.FirstName or another free built-in slot
_W_NO_MATCH: Final = 5  # in a custom slot value that does not resolve
_W_EXTRA: Final = -5  # left outside a partial match
_W_FILLER: Final = -2  # a filler word dropped ("um", "alexa", a trailing "please")
_W_UNSAID: Final = -5  # per slot left empty


@dataclass(frozen=True, slots=True)
class _Candidate:
    pattern: _Pattern
    fills: tuple[_Fill, ...]
    how: MatchKind
    score: int
    key: tuple[int, ...]
    """(score, literal words, resolved slots, -model order): the greatest wins."""
    confident: bool
    """At least one literal word or resolved slot: enough to stand against fallback."""
    evidence: int
    """Literal words plus resolved slots."""
    extras: int
    """Words of the utterance left outside the match."""


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of :meth:`Resolver.resolve`."""

    intent: dict[str, Any]
    """``request.intent`` of an Alexa ``IntentRequest``, as JSON."""
    how: MatchKind
    sample: str | None
    """The model sample that matched (None for fallback)."""
    text: str
    """The normalised utterance."""

    @property
    def name(self) -> str:
        return str(self.intent["name"])

    def slot_value(self, slot: str) -> str | None:
        """The slot's spoken (or built-in-converted) value, or None when unfilled."""
        slots = self.intent.get("slots", {})
        value = slots.get(slot, {}).get("value")
        return None if value is None else str(value)

    def slot_id(self, slot: str) -> str | None:
        """The id of the first ER_SUCCESS_MATCH value of a custom slot, else None."""
        slot_json = self.intent.get("slots", {}).get(slot, {})
        for authority in slot_json.get("resolutions", {}).get("resolutionsPerAuthority", []):
            if authority["status"]["code"] == "ER_SUCCESS_MATCH":
                return str(authority["values"][0]["value"]["id"])
        return None


_LEADING_FILLERS: Final = frozenset(
    {"alexa", "um", "umm", "uh", "uhh", "er", "erm", "hmm", "hm", "so", "well", "oh", "hey",
     "and", "but", "a", "an", "the", "just", "like", "actually", "honestly", "basically"}
)  # fmt: skip
_TRAILING_FILLERS: Final = frozenset({"please", "thanks", "alexa", "now", "then", "today"})
_PARTIAL_MAX_TOKENS: Final = 30
_UNSAID_MIN_LITERALS: Final = 2
"""A sample matches with a slot left unsaid only if at least this many literal words match."""


_NUMBER_WORDS: Final = frozenset(
    {*_UNITS, *_TEENS, *_TENS, *_SCALES, "hundred", "oh", "half", "quarter"}
)
_CONTINUATIONS: Final[Mapping[_SlotKind, frozenset[str]]] = {
    "number": _NUMBER_WORDS | {"minus", "negative"},
    "time": _NUMBER_WORDS
    | {"am", "pm", "o'clock", "oclock", "noon", "midnight", "past", "to", "after", "till"},
    "duration": _NUMBER_WORDS | frozenset(_DURATION_UNITS) | {"and"},
}


def _continues(part: _Part, word: str) -> bool:
    """Whether ``word`` next to a built-in number/time/duration slot belongs to its value."""
    if isinstance(part, str):
        return False
    words = _CONTINUATIONS.get(part.kind)
    return words is not None and (word in words or _is_digits(word) or ":" in word)


def _strip_fillers(tokens: tuple[str, ...]) -> tuple[str, ...]:
    start, end = 0, len(tokens)
    while start < end - 1 and tokens[start] in _LEADING_FILLERS:
        start += 1
    while end - start > 1:
        if tokens[end - 1] in _TRAILING_FILLERS:
            end -= 1
        elif end - start > 2 and tokens[end - 2 : end] == ("thank", "you"):
            end -= 2
        else:
            break
    return tokens[start:end]


def _model_error(message: str) -> ValueError:
    return ValueError(f"interaction model: {message}")


class Resolver:
    """Resolves typed utterances against one ASK interaction model. Build once, reuse."""

    def __init__(self, model: Mapping[str, Any], skill_id: str = LOCAL_SKILL_ID) -> None:
        try:
            language_model = model["interactionModel"]["languageModel"]
        except (KeyError, TypeError) as e:
            raise _model_error("expected {'interactionModel': {'languageModel': ...}}") from e
        self.skill_id: str = skill_id
        self.invocation_name: str = str(language_model.get("invocationName", ""))
        self._types = self._compile_types(language_model.get("types", []))
        intents = language_model.get("intents", [])
        if not intents:
            raise _model_error("no intents")
        self._slots: dict[str, tuple[tuple[str, str], ...]] = {}
        model_samples: list[tuple[str, str]] = []
        builtin_samples: list[tuple[str, str]] = []
        for intent in intents:
            name = str(intent["name"])
            if name in self._slots:
                raise _model_error(f"intent {name} declared twice")
            slots = tuple((str(s["name"]), str(s["type"])) for s in intent.get("slots", []))
            for slot_name, slot_type in slots:
                if slot_type not in self._types and not slot_type.startswith("AMAZON."):
                    raise _model_error(
                        f"intent {name}: slot {slot_name} has undefined type {slot_type}"
                    )
            self._slots[name] = slots
            model_samples.extend((name, str(s)) for s in intent.get("samples", []))
            builtin_samples.extend((name, s) for s in BUILTIN_SAMPLES.get(name, ()))
        self.intent_names: tuple[str, ...] = tuple(self._slots)
        self.has_fallback: bool = FALLBACK_INTENT in self._slots

        patterns: list[_Pattern] = []
        seen: set[tuple[str, tuple[_Part, ...]]] = set()
        for intent_name, sample in model_samples + builtin_samples:
            pattern = self._compile_sample(intent_name, sample, len(patterns))
            if pattern is None or (intent_name, pattern.parts) in seen:
                continue
            seen.add((intent_name, pattern.parts))
            patterns.append(pattern)
        self._patterns: tuple[_Pattern, ...] = tuple(patterns)

        # Whole-utterance lookup for samples without slots (first in model order wins).
        self._exact: dict[tuple[str, ...], _Pattern] = {}
        for p in patterns:
            if not p.has_slots:
                self._exact.setdefault(tuple(str(x) for x in p.parts), p)
        # Each pattern with literal words is indexed under its rarest one.
        frequency: dict[str, int] = {}
        for p in patterns:
            for w in p.literals:
                frequency[w] = frequency.get(w, 0) + 1
        self._by_anchor: dict[str, list[_Pattern]] = {}
        self._slot_only: list[_Pattern] = []
        for p in patterns:
            if p.literals:
                anchor = min(sorted(p.literals), key=lambda w: frequency[w])
                self._by_anchor.setdefault(anchor, []).append(p)
            else:
                self._slot_only.append(p)

    @classmethod
    def from_file(cls, path: str | Path, skill_id: str = LOCAL_SKILL_ID) -> Resolver:
        """Build from an ``intents/<locale>.json`` file."""
        with Path(path).open(encoding="utf-8") as f:
            return cls(json.load(f), skill_id)

    # -- model compilation -------------------------------------------------------------------

    @staticmethod
    def _compile_types(types: Sequence[Mapping[str, Any]]) -> dict[str, _SlotType]:
        compiled: dict[str, _SlotType] = {}
        for t in types:
            exact: dict[str, list[tuple[str, str]]] = {}
            loose: dict[str, list[tuple[str, str]]] = {}
            longest = 1
            for v in t.get("values", []):
                name_obj = v["name"]
                canonical = str(name_obj["value"])
                value_id = str(v.get("id") or canonical)
                entry = (canonical, value_id)
                for phrase in [canonical, *name_obj.get("synonyms", [])]:
                    words = tokenize(str(phrase))
                    if not words:
                        continue
                    longest = max(longest, len(words))
                    for table, key in ((exact, " ".join(words)), (loose, _loose_key(words))):
                        bucket = table.setdefault(key, [])
                        if entry not in bucket:
                            bucket.append(entry)
            compiled[str(t["name"])] = _SlotType(
                name=str(t["name"]),
                exact={k: tuple(v) for k, v in exact.items()},
                loose={k: tuple(v) for k, v in loose.items()},
                longest=longest,
            )
        return compiled

    def _slot_ref(self, intent: str, slot_name: str, sample: str) -> _SlotRef:
        declared = dict(self._slots[intent])
        if slot_name not in declared:
            raise _model_error(
                f"intent {intent}: sample {sample!r} uses undeclared slot {{{slot_name}}}"
            )
        type_name = declared[slot_name]
        kind: _SlotKind
        if type_name in self._types:
            kind = "custom"
            max_len = max(_NO_MATCH_MAX_WORDS, self._types[type_name].longest + 2)
            return _SlotRef(slot_name, type_name, kind, 1, max_len)
        kind = _BUILTIN_SLOT_KINDS.get(type_name, "phrase")
        max_len = {"search": _UNBOUNDED, "first_name": 1, "number": 8, "time": 8}.get(
            kind, _NO_MATCH_MAX_WORDS if kind == "phrase" else 12
        )
        return _SlotRef(slot_name, type_name, kind, 1, max_len)

    def _compile_sample(self, intent: str, sample: str, order: int) -> _Pattern | None:
        pieces = re.split(r"\{\s*([^{}]*?)\s*\}", sample)
        parts: list[_Part] = []
        used: set[str] = set()
        for i, piece in enumerate(pieces):
            if i % 2 == 0:
                parts.extend(tokenize(piece))
                continue
            if piece in used:
                raise _model_error(f"intent {intent}: sample {sample!r} repeats {{{piece}}}")
            used.add(piece)
            parts.append(self._slot_ref(intent, piece, sample))
        if not parts:
            return None
        literals = [p for p in parts if isinstance(p, str)]
        slots = [p for p in parts if isinstance(p, _SlotRef)]
        if any(s.kind == "search" for s in slots) and not literals:
            raise _model_error(
                f"intent {intent}: sample {sample!r} has an AMAZON.SearchQuery slot "
                "without a carrier phrase"
            )
        sizes = [1 if isinstance(p, str) else p.min_len for p in parts]
        maxes = [1 if isinstance(p, str) else p.max_len for p in parts]
        return _Pattern(
            intent=intent,
            sample=sample,
            parts=tuple(parts),
            literals=frozenset(literals),
            n_literals=len(literals),
            min_tokens=sum(sizes),
            max_tokens=min(sum(maxes), _UNBOUNDED),
            min_after=tuple(sum(sizes[i + 1 :]) for i in range(len(parts))),
            literals_after=tuple(
                sum(1 for q in parts[i + 1 :] if isinstance(q, str)) for i in range(len(parts))
            ),
            order=order,
            has_slots=bool(slots),
        )

    # -- resolution --------------------------------------------------------------------------

    def resolve(self, text: str) -> Resolution:
        """Resolve one utterance (without invocation phrasing) to an intent with slots.

        Every way a sample can match is scored per word of the utterance: a literal word
        of the sample, or a word of a slot value that resolves (or parses, for numbers, times
        and durations), scores most; a word of a free-form slot (SearchQuery, FirstName)
        half that; a word of a custom slot value that does not resolve a quarter. Dropped
        filler words, words left outside a partial match and slots left empty cost a little.
        Ties go to more literal words, then more resolved slots, then model order. A match
        must have at least one literal word or resolved slot to beat the fallback.
        """
        tokens = tokenize(text)
        normalized = " ".join(tokens)
        cache: dict[tuple[_SlotRef, tuple[str, ...]], _Fill | None] = {}
        weak: list[_Candidate] = []
        best = self._best_whole(tokens, cache, weak, "exact", 0)
        if best is None or best.score < _W_LITERAL * len(tokens):
            # Something less than a perfect match: let the looser readings compete.
            stripped = _strip_fillers(tokens)
            dropped = len(tokens) - len(stripped)
            tries = [self._best_whole(stripped, cache, weak, "relaxed", dropped, unsaid=True)]
            if dropped:
                tries.append(self._best_whole(stripped, cache, weak, "relaxed", dropped))
            if 0 < len(stripped) <= _PARTIAL_MAX_TOKENS:
                tries.append(self._best_partial(stripped, cache, weak, dropped))
            for c in tries:
                if c is not None and (best is None or c.key > best.key):
                    best = c
        if best is not None:
            return self._resolution(best, best.how, normalized)
        if self.has_fallback:
            return Resolution(
                intent={"name": FALLBACK_INTENT, "confirmationStatus": "NONE"},
                how="fallback",
                sample=None,
                text=normalized,
            )
        return self._guess(tokens, weak, normalized)

    def _guess(
        self, tokens: tuple[str, ...], weak: list[_Candidate], normalized: str
    ) -> Resolution:
        """No fallback intent: the closest thing to a match, as Alexa always picks some intent."""
        evidenced = [c for c in weak if c.evidence > 0]
        if evidenced:
            c = max(evidenced, key=lambda c: (c.evidence, -c.extras, -c.pattern.order))
            return self._resolution(c, "guess", normalized)
        token_set = set(tokens)
        closest = max(self._patterns, key=lambda p: (len(p.literals & token_set), -p.order))
        if not closest.literals & token_set and weak:
            # Only slot-only samples fit (like "{feeling}"): Alexa treats those as catch-alls.
            c = max(weak, key=lambda c: (-c.extras, -c.pattern.order))
            return self._resolution(c, "guess", normalized)
        return Resolution(
            intent=self._intent_json(closest.intent, ()),
            how="guess",
            sample=closest.sample,
            text=normalized,
        )

    def _candidates(self, tokens: tuple[str, ...]) -> list[_Pattern]:
        """Patterns whose literal words all occur in ``tokens``, plus slot-only patterns."""
        token_set = set(tokens)
        found: list[_Pattern] = list(self._slot_only)
        for w in token_set:
            bucket = self._by_anchor.get(w)
            if bucket:
                found.extend(p for p in bucket if p.literals <= token_set)
        return found

    def _best_whole(
        self,
        tokens: tuple[str, ...],
        cache: dict[tuple[_SlotRef, tuple[str, ...]], _Fill | None],
        weak: list[_Candidate],
        how: MatchKind,
        dropped: int,
        *,
        unsaid: bool = False,
    ) -> _Candidate | None:
        """The best pattern covering all of ``tokens``.

        With ``unsaid``, slots may be left empty ("talk about", "i'm feeling"), as Alexa
        does when a carrier phrase comes without its slot value; only those matches count.
        """
        if not tokens:
            return None
        n = len(tokens)
        if not unsaid:
            hit = self._exact.get(tokens)
            if hit is not None:
                return self._score(hit, (), how, 0, dropped, 0)
        best: _Candidate | None = None
        for p in self._candidates(tokens):
            if not p.has_slots or n > p.max_tokens:
                continue
            if unsaid:
                if p.n_literals < _UNSAID_MIN_LITERALS or n < p.n_literals:
                    continue
            elif n < p.min_tokens:
                continue
            n_slots = len(p.parts) - p.n_literals
            for _end, fills in self._match(p, tokens, 0, False, cache, unsaid):
                empty = n_slots - len(fills)
                if unsaid and not empty:
                    continue
                cand = self._score(p, fills, how, 0, dropped, empty)
                if not cand.confident:
                    weak.append(cand)
                elif best is None or cand.key > best.key:
                    best = cand
        return best

    def _best_partial(
        self,
        tokens: tuple[str, ...],
        cache: dict[tuple[_SlotRef, tuple[str, ...]], _Fill | None],
        weak: list[_Candidate],
        dropped: int,
    ) -> _Candidate | None:
        """The best pattern covering part of ``tokens``, with a few extra words around it."""
        n = len(tokens)
        best: _Candidate | None = None
        for p in self._candidates(tokens):
            if p.min_tokens > n:
                continue
            first = p.parts[0]
            for start in range(n - p.min_tokens + 1):
                if isinstance(first, str) and tokens[start] != first:
                    continue
                if start > 0 and _continues(first, tokens[start - 1]):
                    continue
                for end, fills in self._match(p, tokens, start, True, cache):
                    covered = end - start
                    extras = n - covered
                    if extras == 0:
                        continue  # a whole match; already judged by _best_whole
                    if end < n and _continues(p.parts[-1], tokens[end]):
                        continue  # "at {time}" must not take "8" from "at 8 pm"
                    cand = self._score(p, fills, "partial", extras, dropped, 0)
                    if not cand.confident or extras > max(2, covered):
                        weak.append(cand)
                    elif best is None or cand.key > best.key:
                        best = cand
        return best

    @staticmethod
    def _score(
        p: _Pattern,
        fills: tuple[_Fill, ...],
        how: MatchKind,
        extras: int,
        dropped: int,
        empty: int,
    ) -> _Candidate:
        resolved = 0
        score = _W_LITERAL * p.n_literals
        score += _W_EXTRA * extras + _W_FILLER * dropped + _W_UNSAID * empty
        for f in fills:
            words = len(f.spoken.split())
            if f.resolved:
                resolved += 1
                score += _W_RESOLVED * words
            elif f.matches is not None:
                score += _W_NO_MATCH * words
            else:
                score += _W_FREE * words
        evidence = p.n_literals + resolved
        return _Candidate(
            pattern=p,
            fills=fills,
            how=how,
            score=score,
            key=(score, p.n_literals, resolved, -p.order),
            confident=evidence > 0,
            evidence=evidence,
            extras=extras,
        )

    def _match(
        self,
        p: _Pattern,
        tokens: tuple[str, ...],
        start: int,
        partial: bool,
        cache: dict[tuple[_SlotRef, tuple[str, ...]], _Fill | None],
        unsaid_slots: bool = False,
    ) -> _Matches:
        """Every way ``p`` matches ``tokens`` from ``start`` (to the end unless ``partial``)."""
        after = p.literals_after if unsaid_slots else p.min_after
        parts = p.parts
        n = len(tokens)
        last = len(parts) - 1

        def walk(i: int, pos: int, fills: tuple[_Fill, ...]) -> _Matches:
            if i > last:
                if partial or pos == n:
                    yield pos, fills
                return
            part = parts[i]
            if isinstance(part, str):
                if pos < n and tokens[pos] == part:
                    yield from walk(i + 1, pos + 1, fills)
                return
            shortest = 0 if unsaid_slots else part.min_len
            longest = min(part.max_len, n - pos - after[i])
            if i == last and not partial:
                if not shortest <= n - pos <= part.max_len:
                    return
                shortest = longest = n - pos
            nxt = parts[i + 1] if i < last else None
            for length in range(shortest, longest + 1):
                if isinstance(nxt, str) and tokens[pos + length] != nxt:
                    continue
                if length == 0:
                    yield from walk(i + 1, pos, fills)
                    continue
                words = tokens[pos : pos + length]
                key = (part, words)
                if key in cache:
                    fill = cache[key]
                else:
                    fill = cache[key] = self._fill(part, words)
                if fill is not None:
                    yield from walk(i + 1, pos + length, (*fills, fill))

        return walk(0, start, ())

    def _fill(self, slot: _SlotRef, words: tuple[str, ...]) -> _Fill | None:
        spoken = " ".join(words)
        if slot.kind == "custom":
            matches = self._types[slot.type_name].lookup(words)
            if not matches and len(words) > _NO_MATCH_MAX_WORDS:
                return None
            return _Fill(slot, spoken, spoken, matches)
        value: str | None
        if slot.kind == "number":
            number = parse_number(words)
            value = None if number is None else str(number)
        elif slot.kind == "time":
            value = parse_time(words)
        elif slot.kind == "duration":
            value = parse_duration(words)
        elif slot.kind == "first_name":
            value = spoken if len(words) == 1 and words[0].replace("'", "").isalpha() else None
        else:
            value = spoken
        return None if value is None else _Fill(slot, spoken, value, None)

    # -- output ------------------------------------------------------------------------------

    def _resolution(self, c: _Candidate, how: MatchKind, normalized: str) -> Resolution:
        return Resolution(
            intent=self._intent_json(c.pattern.intent, c.fills),
            how=how,
            sample=c.pattern.sample,
            text=normalized,
        )

    def _intent_json(self, intent: str, fills: Sequence[_Fill]) -> dict[str, Any]:
        result: dict[str, Any] = {"name": intent, "confirmationStatus": "NONE"}
        declared = self._slots.get(intent, ())
        if not declared:
            return result  # Alexa omits "slots" for intents that declare none
        by_name = {f.slot.name: f for f in fills}
        slots: dict[str, Any] = {}
        for slot_name, type_name in declared:
            fill = by_name.get(slot_name)
            if fill is None:
                slots[slot_name] = {"name": slot_name, "confirmationStatus": "NONE"}
                continue
            slot_json: dict[str, Any] = {"name": slot_name, "value": fill.value}
            if fill.matches is not None:
                authority: dict[str, Any] = {
                    "authority": f"amzn1.er-authority.echo-sdk.{self.skill_id}.{type_name}",
                    "status": {
                        "code": "ER_SUCCESS_MATCH" if fill.matches else "ER_SUCCESS_NO_MATCH"
                    },
                }
                if fill.matches:
                    authority["values"] = [
                        {"value": {"name": name, "id": value_id}} for name, value_id in fill.matches
                    ]
                slot_json["resolutions"] = {"resolutionsPerAuthority": [authority]}
            slot_json["confirmationStatus"] = "NONE"
            slot_json["source"] = "USER"
            slots[slot_name] = slot_json
        result["slots"] = slots
        return result


# ---------------------------------------------------------------------------------------------
# Invocation phrasing
# ---------------------------------------------------------------------------------------------

_WAKE = r"^\s*(?:(?:hey|ok|okay)\s+)?(?:alexa\b[\s,.!:;-]*)?"
_PREAMBLE = r"(?:(?:can|could|would)\s+you\s+(?:please\s+)?|let's\s+|let\s+us\s+|i\s+want\s+to\s+|i\s+wanna\s+|please\s+)?"  # noqa: E501
_LAUNCH_VERBS = r"(?:open|launch|start|begin|load|run|use|play|resume|talk\s+to)"
_ONE_SHOT_VERBS = r"(?:ask|tell)"
_CONNECTORS = r"(?:to|for|that|about|if|whether)"
_SEP = r"[\s,.!?:;]"


@dataclass(frozen=True, slots=True)
class _InvocationPatterns:
    launch: re.Pattern[str]
    launch_and: re.Pattern[str]
    one_shot: re.Pattern[str]
    trailing: re.Pattern[str]
    leading: re.Pattern[str]


@lru_cache(maxsize=16)
def _invocation_patterns(invocation_name: str) -> _InvocationPatterns | None:
    words = tokenize(invocation_name)
    if not words:
        return None
    name = r"(?:the\s+)?" + r"[\s\-]+".join(re.escape(w) for w in words) + r"(?![\w'])"
    prefix = _WAKE + _PREAMBLE
    return _InvocationPatterns(
        launch=re.compile(
            prefix + _LAUNCH_VERBS + r"\s+" + name + r"(?:\s+skill)?" + _SEP + r"*"
            r"(?:please" + _SEP + r"*)?$",
            re.IGNORECASE,
        ),
        launch_and=re.compile(
            prefix + _LAUNCH_VERBS + r"\s+" + name + r"(?:\s+skill)?" + _SEP + r"*"
            r"(?:and|to|for|about)\s+(?P<rest>\S.*)$",
            re.IGNORECASE | re.DOTALL,
        ),
        one_shot=re.compile(
            prefix + _ONE_SHOT_VERBS + r"\s+" + name + _SEP + r"*"
            r"(?:" + _CONNECTORS + r"(?=\s|$)\s*)?(?P<rest>.*)$",
            re.IGNORECASE | re.DOTALL,
        ),
        trailing=re.compile(
            _WAKE
            + r"(?P<rest>\S.*?)"
            + _SEP
            + r"+(?:using|with|from|on|in)\s+"
            + name
            + _SEP
            + r"*$",
            re.IGNORECASE | re.DOTALL,
        ),
        leading=re.compile(
            _WAKE + name + _SEP + r"*(?P<rest>.*)$",
            re.IGNORECASE | re.DOTALL,
        ),
    )


def parse_invocation(text: str, invocation_name: str) -> tuple[InvocationKind, str]:
    """Recognise how an utterance addresses the skill.

    * ``("launch", "")`` for "open/launch/start <invocation>" (optionally after "alexa"),
      for "ask <invocation>" with nothing after it, and for the bare invocation name.
    * ``("intent", rest)`` for one-shot requests: "ask/tell <invocation> [to|for|that|about|
      if|whether] <rest>", "<invocation>, <rest>", "open <invocation> and <rest>" and
      "<rest> using/with/from <invocation>". ``rest`` is the original text of the request,
      trimmed, still to be passed to :meth:`Resolver.resolve`.
    * ``("none", text)`` otherwise, ``text`` unchanged: an utterance inside the session.
    """
    patterns = _invocation_patterns(invocation_name)
    if patterns is None:
        return "none", text
    if patterns.launch.match(text):
        return "launch", ""
    for regex in (patterns.launch_and, patterns.one_shot, patterns.leading, patterns.trailing):
        m = regex.match(text)
        if m is not None:
            rest = m.group("rest").strip()
            if not tokenize(rest) or tokenize(rest) in (("please",), ("skill",)):
                return "launch", ""
            return "intent", rest
    return "none", text
