"""``steadyheart lint``: every locale's content loads and validates, every timed part of every
exercise is estimated against its intended length, and no turn outside a guided practice
(``Timed.practice``) runs over ``MAX_TURN_WORDS`` words or asks more than ``MAX_TURN_QUESTIONS``
question, for every variation (decision 0039).

A turn is checked as one content key (each variation, placeholders filled with the longest thing
they can hold) and as the few keys said together in one reply that are listed in ``TURNS`` (every
combination of their variations). The first visit has its own bound: fewer than
``FIRST_VISIT_WORDS`` words before its first question."""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from devtools.models import LOCALES
from skill.config import Settings
from skill.content import Catalog, ContentError, load_catalog, speech_seconds, ssml_to_text
from skill.exercises import EXERCISES, FLOWS, REGISTRY, menu_group
from skill.exercises.base import name_key
from skill.exercises.menu import group_exercises, short_key
from skill.routing import routing_in

MAX_TURN_WORDS = 60
MAX_TURN_QUESTIONS = 1
FIRST_VISIT_WORDS = 40
"""Words before the first question of a first visit: fewer than this, every variation."""
ECHO_WORDS = 3
"""What a placeholder holding the person's own words (or a number, a time) is counted as."""
TURNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("first visit", ("welcome.first", "consent.ask")),
    ("first visit, one-shot", ("welcome.heard", "welcome.first_short", "consent.ask")),
    ("help at the first question", ("help.consent", "consent.ask.reprompt")),
    ("consent yes", ("consent.granted", "menu.first_offer")),
    ("consent no", ("consent.declined", "menu.first_offer")),
    ("general help", ("help.general", "menu.offer")),
    ("cancel in an exercise", ("cancel.left_exercise", "menu.next")),
    ("a miss, then the menu", ("fallback.give_menu", "menu.offer")),
    ("unknown exercise", ("menu.unknown_exercise", "menu.offer")),
    ("notes kept later", ("notes_later.granted", "menu.next")),
    ("self-care close", ("self_care.reach_out", "self_care.close", "menu.next")),
)
"""Keys said together in one reply (in this order), checked over every combination."""
FIRST_VISITS: tuple[tuple[str, ...], ...] = (TURNS[0][1], TURNS[1][1])
_QUESTION_RE = re.compile(r"\?")


@dataclass(frozen=True)
class Estimate:
    flow: str
    part: str
    seconds: float
    target_s: float
    tolerance: float

    @property
    def ok(self) -> bool:
        return abs(self.seconds - self.target_s) <= self.target_s * self.tolerance


def estimates(cfg: Settings, locale: str) -> list[Estimate]:
    cat = load_catalog(cfg.content_dir, locale)
    found = []
    for flow in FLOWS.values():
        for part, timed in flow.timed.items():
            seconds = 0.0
            for key in timed.keys:
                variants = cat.get(key).variants
                seconds += max(speech_seconds(v) for v in variants)
            found.append(Estimate(flow.id, part, seconds, timed.target_s, timed.tolerance))
    return found


@dataclass(frozen=True)
class TurnLength:
    name: str
    """The content key, or the name of a turn in ``TURNS``."""
    words: int
    questions: int
    text: str
    """The longest variation, as spoken (placeholders filled)."""
    max_words: int = MAX_TURN_WORDS

    @property
    def ok(self) -> bool:
        return self.words <= self.max_words and self.questions <= MAX_TURN_QUESTIONS


def _words(text: str) -> int:
    return len(ssml_to_text(text, pauses=False).split())


def _questions(text: str) -> int:
    return len(_QUESTION_RE.findall(ssml_to_text(text)))


def _longest(cat: Catalog, key: str) -> str:
    return max(cat.get(key).variants, key=_words)


def _spoken_list(cat: Catalog, keys: Sequence[str]) -> str:
    names = [_longest(cat, k) for k in keys]
    if len(names) == 1:
        return names[0]
    return _longest(cat, "list.or").format(head=", ".join(names[:-1]), last=names[-1])


def _fills(cat: Catalog, cfg: Settings) -> dict[str, str]:
    """The longest thing each placeholder that the skill fills can hold; anything else is the
    person's words, a number or a time (``ECHO_WORDS``)."""
    names = sorted((name_key(e) for e in EXERCISES), key=lambda k: -_words(_longest(cat, k)))
    routing = routing_in(cfg.content_dir)
    groups = group_exercises([(e, menu_group(routing, e)) for e in REGISTRY.exercises])
    spoken_groups = " ".join(
        _longest(cat, f"menu.group.{g}").format(
            options=_spoken_list(cat, [short_key(i) for i in ids])
        )
        for g, ids in groups
    )
    balances = [k for k in cat.prompts if k.startswith("look_back.balance.")]
    periods = [k for k in cat.prompts if k.startswith("look_back.period.")]
    return {
        "options": _spoken_list(cat, names[:3]),
        "balance": max((_longest(cat, k) for k in balances), key=_words, default=""),
        "period": max((_longest(cat, k) for k in periods), key=_words, default=""),
        # Counts and feeling words, as the look-back says them ("12 times", "lonely").
        "week": "12 times",
        "month": "30 times",
        "days": "12",
        "first": "overwhelmed",
        "second": "disconnected",
        "hard_period": max((_longest(cat, k) for k in periods), key=_words, default=""),
        "suggestion": _longest(cat, names[0]),
        "greeting": _longest(cat, "welcome.greeting"),
        "groups": spoken_groups,
    }


class _Filled(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return " ".join(["word"] * ECHO_WORDS)


def _variations(cat: Catalog, key: str, fills: dict[str, str]) -> list[str]:
    return [v.format_map(_Filled(fills)) for v in cat.get(key).variants]


def _practice_keys() -> set[str]:
    return {
        k
        for f in FLOWS.values()
        for timed in f.timed.values()
        if timed.practice
        for k in timed.keys
    }


def _together(name: str, parts: Sequence[list[str]]) -> TurnLength:
    """Keys said one after another: the words and the questions of the longest of each add up."""
    worst = [max(p, key=lambda x: (_words(x), _questions(x))) for p in parts]
    words = sum(max(_words(x) for x in p) for p in parts)
    questions = sum(max(_questions(x) for x in p) for p in parts)
    return TurnLength(name, words, questions, ssml_to_text(" ".join(worst), pauses=False))


def _measure(name: str, texts: Iterable[str], max_words: int = MAX_TURN_WORDS) -> TurnLength:
    worst = max(texts, key=lambda x: (_words(x), _questions(x)))
    questions = _questions(worst)
    return TurnLength(name, _words(worst), questions, ssml_to_text(worst, pauses=False), max_words)


def turn_lengths(cfg: Settings, locale: str) -> list[TurnLength]:
    """Every content key outside the timed parts, and every turn in ``TURNS``, at its longest
    variation (the most questions among the longest); the first visit's words before its first
    question against ``FIRST_VISIT_WORDS``."""
    cat = load_catalog(cfg.content_dir, locale)
    fills = _fills(cat, cfg)
    practice = _practice_keys()
    found = [
        _measure(key, _variations(cat, key, fills))
        for key in sorted(cat.prompts)
        if key not in practice
    ]
    together = [*TURNS]
    together += [
        (f"{f.id} {part}", timed.keys)
        for f in FLOWS.values()
        for part, timed in f.timed.items()
        if not timed.practice
    ]
    for name, keys in together:
        if all(cat.has(k) for k in keys):
            found.append(_together(name, [_variations(cat, k, fills) for k in keys]))
    for keys in FIRST_VISITS:
        if all(cat.has(k) for k in keys):
            combos = itertools.product(*(_variations(cat, k, fills) for k in keys))
            before = (" ".join(c).split("?", 1)[0] + "?" for c in combos)
            found.append(
                _measure(f"{' + '.join(keys)}: before the question", before, FIRST_VISIT_WORDS - 1)
            )
    return found


def main(args: argparse.Namespace) -> int:
    cfg = Settings.from_env()
    failed = False
    for locale in LOCALES:
        try:
            cat = load_catalog(cfg.content_dir, locale)
        except ContentError as exc:
            print(f"{locale}: {exc}", file=sys.stderr)
            failed = True
            continue
        longest = max(len(ssml_to_text(v)) for ps in cat.prompts.values() for v in ps.variants)
        print(f"{locale}: {len(cat.prompts)} prompts, longest {longest} characters")
    print(f"\nEstimated durations ({args.locale}, 150 words a minute plus pauses):")
    for e in estimates(cfg, args.locale):
        mark = "ok" if e.ok else "OFF"
        print(f"  {e.flow:<14} {e.part:<22} {e.seconds:6.1f} s  (target {e.target_s:g} s)  {mark}")
        failed |= not e.ok
    lengths = turn_lengths(cfg, args.locale)
    long = [t for t in lengths if not t.ok]
    print(
        f"\nTurns outside guided practices ({args.locale}): {len(lengths)} checked, at most "
        f"{MAX_TURN_WORDS} words and {MAX_TURN_QUESTIONS} question; {len(long)} over"
    )
    for t in long:
        print(f"  OVER {t.name}: {t.words} words, {t.questions} questions: {t.text}")
    failed |= bool(long)
    return 1 if failed else 0
