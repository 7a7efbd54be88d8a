"""Judging a response: was the crisis resource said, and did an everyday answer make sense.

Everything is read from the response JSON a device receives (speech, card, whether the session
ended, the session attributes' ``flow`` and ``step``) and from the locale's own content, so a
reworded line or a new number is followed without touching this file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from skill.content import Catalog, load_catalog, locale_chain, ssml_to_text
from skill.exercises.base import prefix_of

ROOT = Path(__file__).resolve().parents[3]
CONTENT = ROOT / "audio_scripts"
SAFETY_FILE = "safety.yaml"
MIN_DIGITS = 3
_RUN_TIGHT = re.compile(r"\d(?:[ \-]?\d)*")
_RUN_LOOSE = re.compile(r"\d(?:(?:[ \-]|, ?)\d)*")
_NON_DIGIT = re.compile(r"\D")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
MIN_LITERAL_CHARS = 12
"""A content key is spotted in speech only if its fixed words are at least this long (a key
that is all placeholder, or a bare "or", would match anything)."""


# --------------------------------------------------------------------------------------------
# What a response says
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Heard:
    """A response as a device gets it."""

    speech: str
    reprompt: str
    card: str
    ended: bool
    flow: str | None
    step: str | None
    offered: tuple[str, ...] = ()
    """The exercises the step just offered, in order (ordinals are said of these)."""

    @property
    def place(self) -> tuple[str | None, str | None]:
        return (self.flow, self.step)


def heard(out: Mapping[str, Any] | None) -> Heard:
    out = out or {}
    response = out.get("response") or {}
    ssml = (response.get("outputSpeech") or {}).get("ssml") or ""
    reprompt = ((response.get("reprompt") or {}).get("outputSpeech") or {}).get("ssml") or ""
    card = response.get("card") or {}
    card_text = " ".join(str(card.get(k, "")) for k in ("title", "content", "text"))
    ended = response.get("shouldEndSession") is not False
    attrs = {} if ended else (out.get("sessionAttributes") or {})
    return Heard(
        speech=ssml_to_text(ssml, pauses=False),
        reprompt=ssml_to_text(reprompt, pauses=False),
        card=card_text.strip(),
        ended=ended,
        flow=attrs.get("flow"),
        step=attrs.get("step"),
        offered=tuple(str(o) for o in (attrs.get("data") or {}).get("offered") or ()),
    )


# --------------------------------------------------------------------------------------------
# The locale's crisis resources, from its content
# --------------------------------------------------------------------------------------------
def digit_runs(text: str) -> list[str]:
    """Numbers in ``text`` as digit strings, in order: "9 1 1" -> 911, "1-800-799-7233" ->
    18007997233, "0 8 0 8, 2 0 0 0, 2 4 7" -> 0808, 2000, 247 and 08082000247."""
    found: list[str] = []
    for regex in (_RUN_TIGHT, _RUN_LOOSE):
        for m in regex.finditer(text):
            digits = _NON_DIGIT.sub("", m.group(0))
            if len(digits) >= MIN_DIGITS and digits not in found:
                found.append(digits)
    return found


@lru_cache(maxsize=16)
def catalog(locale: str) -> Catalog:
    return load_catalog(CONTENT, locale)


@lru_cache(maxsize=16)
def safety_keys(locale: str) -> tuple[str, ...]:
    """Keys written in the safety files of the locale and the languages it falls back to."""
    keys: list[str] = []
    for part in locale_chain(locale):
        path = CONTENT / part / SAFETY_FILE
        if path.exists():
            data = yaml.safe_load(path.read_text("utf-8")) or {}
            keys.extend(k for k in data.get("prompts") or {} if k not in keys)
    return tuple(keys)


@lru_cache(maxsize=16)
def crisis_resources(locale: str) -> frozenset[str]:
    """Every number the locale's safety lines give (emergency, crisis and abuse lines)."""
    cat = catalog(locale)
    numbers: set[str] = set()
    for key in safety_keys(locale):
        for variant in cat.get(key).variants:
            numbers.update(digit_runs(ssml_to_text(variant, pauses=False)))
    if not numbers:
        raise ValueError(f"{locale}: its safety content names no number")
    return frozenset(numbers)


@lru_cache(maxsize=16)
def resource_keys(locale: str) -> tuple[str, ...]:
    """The safety keys and every other key that names a crisis number (the opener's answer to
    fear, for example): the lines an answer can carry the resource in."""
    numbers = crisis_resources(locale)
    cat = catalog(locale)
    keys = list(safety_keys(locale))
    for key, ps in cat.prompts.items():
        if key not in keys and any(
            numbers.intersection(digit_runs(ssml_to_text(v, pauses=False))) for v in ps.variants
        ):
            keys.append(key)
    return tuple(keys)


# --------------------------------------------------------------------------------------------
# Which content keys were said
# --------------------------------------------------------------------------------------------
@lru_cache(maxsize=16)
def _patterns(locale: str) -> Mapping[str, re.Pattern[str]]:
    cat = catalog(locale)
    out: dict[str, re.Pattern[str]] = {}
    for key, ps in cat.prompts.items():
        alts = []
        for variant in ps.variants:
            text = ssml_to_text(variant, pauses=False)
            parts = [p.strip() for p in _PLACEHOLDER.split(text)]
            if sum(len(p) for p in parts) < MIN_LITERAL_CHARS:
                continue
            alts.append(r"\s*.+?\s*".join(re.escape(p) for p in parts if p))
        if alts:
            out[key] = re.compile("|".join(f"(?:{a})" for a in alts), re.IGNORECASE | re.DOTALL)
    return out


def keys_said(locale: str, text: str, among: Iterable[str] | None = None) -> frozenset[str]:
    """Content keys (any variation, placeholders as wildcards) heard in ``text``."""
    patterns = _patterns(locale)
    keys = patterns.keys() if among is None else [k for k in among if k in patterns]
    return frozenset(k for k in keys if patterns[k].search(text))


# --------------------------------------------------------------------------------------------
# Safety
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SafetyAnswer:
    caught: bool
    """The locale's crisis resource was in the speech or on the card."""
    in_speech: bool
    in_card: bool
    resources: tuple[str, ...]
    """The numbers said, in the order they were said (the first is the one led with)."""
    answer_keys: tuple[str, ...]
    """Safety lines and lines naming a crisis number that were said: which answer the skill
    chose, for per-category review."""


def safety_answer(locale: str, h: Heard) -> SafetyAnswer:
    numbers = crisis_resources(locale)
    spoken = [n for n in digit_runs(h.speech) if n in numbers]
    shown = [n for n in digit_runs(h.card) if n in numbers]
    keys = keys_said(locale, h.speech, resource_keys(locale))
    return SafetyAnswer(
        caught=bool(spoken or shown),
        in_speech=bool(spoken),
        in_card=bool(shown),
        resources=tuple(spoken or shown),
        answer_keys=tuple(sorted(keys)),
    )


# --------------------------------------------------------------------------------------------
# Everyday speech: what a sensible answer must do
# --------------------------------------------------------------------------------------------
MENU_DUMP = frozenset({"fallback.give_menu", "menu.groups"})
"""The whole menu, or "let me give you the menu" after misses."""
MENU_LIST = MENU_DUMP | frozenset(
    {
        "menu.offer",
        "menu.first_offer",
        "menu.which",
        "menu.welcome_suggest",
        "menu.after_delete",
        "menu.retry",
        "menu.unknown_exercise",
    }
)
"""Any list of exercises to choose from."""
_RETRY = re.compile(r"(?:^|\.)retry(?:\.|_|$)|^fallback\.|unknown_exercise|unknown_request|_retry")
NOTHING_BEFORE = frozenset({"back.nothing_before", "back.at_start"})
"""Lines that say there is no question before this one (a back at a first question)."""
PRIVACY_FLOWS = frozenset({"consent", "delete-data", "private-check"})
PRIVACY_PREFIXES = ("privacy.", "delete.", "consent.")


def is_retry(key: str) -> bool:
    """A "didn't catch that" line: retry keys, fallback lines, unknown exercise/request."""
    return bool(_RETRY.search(key))


def content_prefix(locale: str, flow: str) -> str | None:
    """The key prefix of a flow's own lines, by the one naming rule (check-in -> "check_in.")."""
    prefix = prefix_of(flow) + "."
    keys = catalog(locale).prompts.keys()
    return prefix if any(k.startswith(prefix) for k in keys) else None


@dataclass(frozen=True)
class Verdict:
    sensible: bool
    why: str
    signals: dict[str, Any] = field(default_factory=dict)


def everyday_verdict(
    locale: str,
    expect: str,
    before: tuple[str | None, str | None],
    prior: Heard | None,
    h: Heard,
) -> Verdict:
    """Judge one answer against what a sensible answer must do (see docs/safety.md)."""
    keys = keys_said(locale, h.speech)
    retry = sorted(k for k in keys if is_retry(k))
    dump = sorted(keys & MENU_DUMP)
    listed = sorted(keys & MENU_LIST)
    helped = sorted(k for k in keys if k.startswith("help."))
    safety = safety_answer(locale, h).caught
    moved = h.place != before
    own = content_prefix(locale, before[0]) if before[0] else None
    own_said = bool(own) and any(
        k.startswith(own or "") and not is_retry(k) and k not in MENU_LIST for k in keys
    )
    signals: dict[str, Any] = {
        "after": list(h.place),
        "ended": h.ended,
        "retry": retry,
        "menu": listed,
        "help": helped,
        "safety": safety,
    }

    def verdict(*rules: tuple[bool, str]) -> Verdict:
        """Sensible when every rule holds; the reason is the first that does not."""
        for holds, why in rules:
            if not holds:
                return Verdict(False, why, signals)
        return Verdict(True, "ok", signals)

    not_retry = (not retry, "a retry (" + ", ".join(retry[:2]) + ")")
    not_dump = (not dump, "the whole menu")
    not_listed = (not listed, "a menu list")
    not_safety = (not safety, "a safety answer")
    open_ = (not h.ended, "the session ended")
    if expect.startswith("start:"):
        target = expect.split(":", 1)[1]
        prefix = content_prefix(locale, target)
        started = h.flow == target or (
            prefix is not None
            and before[0] != target
            and any(k.startswith(prefix) and not is_retry(k) for k in keys)
        )
        return verdict(not_safety, not_retry, (started, f"{target} did not start"))
    if expect == "exit":
        return verdict(not_safety, (h.ended, "the session stayed open"))
    common = (open_, not_safety, not_retry)
    if expect in ("answer", "accept"):
        progress = (moved or own_said, "no move in the exercise")
        return verdict(*common, not_dump, (not helped, "a help line"), progress)
    if expect == "unsure":
        return verdict(*common, not_dump)
    if expect == "listen":
        return verdict(*common, not_listed)
    if expect == "decline":
        return verdict(*common, not_dump, (moved, "stayed at the same question"))
    if expect == "back":
        # At a first question there is nothing to go back to: saying so and asking the same
        # question again is the sensible answer (decision 0059, round 4).
        question = (prior.reprompt or prior.speech) if prior else ""
        again = bool(question) and question.lower() in (h.speech + " " + h.reprompt).lower()
        nothing_before = bool(keys & NOTHING_BEFORE) and again
        return verdict(*common, (moved or nothing_before, "stayed at the same question"))
    if expect == "pause":
        return verdict(*common, not_dump, (not moved, "the place was not kept"))
    if expect == "repeat":
        question = (prior.reprompt or prior.speech) if prior else ""
        again = bool(question) and question.lower() in (h.speech + " " + h.reprompt).lower()
        return verdict(*common, (not moved, "moved on"), (again, "the question was not said again"))
    if expect == "help":
        return verdict(open_, not_safety, not_retry, (bool(helped), "no help line"))
    if expect == "privacy":
        ok = any(k.startswith(PRIVACY_PREFIXES) for k in keys) or h.flow in PRIVACY_FLOWS
        return verdict(not_safety, (ok, "no privacy answer"))
    raise ValueError(f"unknown expectation {expect!r}")
