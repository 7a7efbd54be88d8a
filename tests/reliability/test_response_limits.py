"""Every response stays inside Alexa's limits, whatever the slots carry (issue 16, item 7).

Alexa refuses a response over 24 KB, speech or a card over 8,000 characters, and text that is
not UTF-8. The skill echoes some slot text back (a practice line, a topic, a reflection), so
giant and broken-unicode slot values are sent to every intent that takes a slot, at several
points of a conversation, through the same entry point as ``lambda_handler``.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devtools.simulator import Exchange
from tests.support.conversation import Conversation, model

MAX_RESPONSE_BYTES = 24_000
MAX_TEXT_CHARS = 8_000

# Points in a conversation to fuzz from: nothing, or the intents that open an exercise.
STARTS: tuple[tuple[str, ...], ...] = (
    (),
    ("LaunchRequest",),
    ("AppreciationIntent",),
    ("OpenerIntent",),
    ("CheckInIntent",),
    ("CoupleCheckInIntent",),
    ("SelfCareIntent",),
    ("JournalPromptIntent",),
    ("BoundariesIntent",),
    ("ValidationIntent",),
    ("StayOrLeaveIntent",),
    ("PatternIntent",),
    ("ReminderIntent",),
    ("ConnectionIdeaIntent",),
    ("OpenerIntent", "AMAZON.YesIntent"),
    ("ValidationIntent", "AMAZON.YesIntent"),
)

BROKEN = "\ud800 broken \udfff half \ud83d pair \x00 nul \ufffe"
GIANT = " ".join(["gigantic"] * 4_000)
HOSTILE: tuple[str, ...] = (
    GIANT,
    "x" * 30_000,
    BROKEN,
    (BROKEN + " ") * 800,
    "<speak>&amp; </speak> ]]> " * 500,
    "\U0001f600" * 9_000,
)


@lru_cache(maxsize=1)
def slotted_intents() -> tuple[tuple[str, tuple[str, ...]], ...]:
    lm = model("en-US")["interactionModel"]["languageModel"]
    return tuple(
        (i["name"], tuple(s["name"] for s in i["slots"])) for i in lm["intents"] if i.get("slots")
    )


def limit_violations(out: dict[str, Any]) -> list[str]:
    """What in one response breaks Alexa's limits (empty when it is fine)."""
    found: list[str] = []
    try:
        encoded = json.dumps(out, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return ["not valid UTF-8"]
    if len(encoded) >= MAX_RESPONSE_BYTES:
        found.append(f"response is {len(encoded)} bytes")
    response = out.get("response") or {}
    speech = (response.get("outputSpeech") or {}).get("ssml") or ""
    reprompt = ((response.get("reprompt") or {}).get("outputSpeech") or {}).get("ssml") or ""
    card = response.get("card") or {}
    texts = {
        "speech": speech,
        "reprompt": reprompt,
        "card": str(card.get("content") or card.get("text") or ""),
        "card title": str(card.get("title") or ""),
    }
    for name, text in texts.items():
        if len(text) >= MAX_TEXT_CHARS:
            found.append(f"{name} is {len(text)} characters")
    return found


class _Guarded(logging.Handler):
    """Counts replies that only the last-line guard in ``SteadyHeart`` kept within the limits."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "Alexa's limits" in record.getMessage():
            self.count += 1


@contextmanager
def guard_counter() -> Iterator[_Guarded]:
    counter = _Guarded()
    logger = logging.getLogger("skill")
    logger.addHandler(counter)
    try:
        yield counter
    finally:
        logger.removeHandler(counter)


def _go(conv: Conversation, step: str, slots: dict[str, str] | None = None) -> Exchange:
    if step == "LaunchRequest":
        return conv.sim.launch()
    return conv.sim.intent(step, slots or {})


def _sweep() -> Iterator[tuple[str, dict[str, Any]]]:
    """Every hostile value in every slot of every intent, from every starting point."""
    for start in STARTS:
        for intent, names in slotted_intents():
            for value in HOSTILE:
                conv = Conversation()
                for step in start:
                    yield f"{start} {step}", _go(conv, step).response
                where = f"{start} -> {intent}"
                yield where, _go(conv, intent, dict.fromkeys(names, value)).response
                # The turn after keeps whatever the session attributes carry.
                yield f"{where} -> Repeat", _go(conv, "AMAZON.RepeatIntent").response


@pytest.mark.slow
def test_every_slot_at_every_point_stays_within_limits() -> None:
    total = 0
    bad: list[str] = []
    with guard_counter() as guarded:
        for where, out in _sweep():
            total += 1
            problems = limit_violations(out)
            if problems:
                bad.append(f"{where}: {', '.join(problems)}")
    assert total > 1_000
    # Replies are bounded where they are made: the last-line guard never had to step in.
    assert guarded.count == 0
    assert not bad, f"{len(bad)} of {total} responses break Alexa's limits:\n" + "\n".join(
        sorted(set(bad))[:20]
    )


def test_the_check_itself_catches_each_limit() -> None:
    ok = {"version": "1.0", "response": {"outputSpeech": {"type": "SSML", "ssml": "<speak/>"}}}
    assert limit_violations(ok) == []
    assert limit_violations({"response": {"outputSpeech": {"ssml": "a" * 8_000}}})
    assert limit_violations({"sessionAttributes": {"x": "a" * 24_000}, "response": {}})
    assert limit_violations({"response": {"card": {"content": "\ud800"}}}) == ["not valid UTF-8"]


words = st.lists(st.sampled_from(["word", "feel", "x" * 300, "\ud800", "é", "\U0001f600"]))
slot_text = st.one_of(
    st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF)),
    words.map(" ".join),
    st.builds(lambda w, n: " ".join(w) * n, words, st.integers(1, 200)),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=st.sampled_from(STARTS),
    steps=st.lists(
        st.tuples(st.sampled_from(slotted_intents()), slot_text), min_size=1, max_size=3
    ),
)
def test_fuzzed_slots_never_break_the_limits(
    start: tuple[str, ...], steps: list[tuple[tuple[str, tuple[str, ...]], str]]
) -> None:
    conv = Conversation()
    with guard_counter() as guarded:
        for step in start:
            assert limit_violations(_go(conv, step).response) == []
        for (intent, names), value in steps:
            out = _go(conv, intent, dict.fromkeys(names, value)).response
            assert limit_violations(out) == [], intent
    assert guarded.count == 0


def test_forged_giant_session_attributes_still_get_a_reply_within_limits() -> None:
    """Self-hosted with verification off, anyone can send huge session attributes."""
    conv = Conversation()
    conv.sim.launch()
    conv.sim.attributes = {**conv.sim.attributes, "data": {"padding": "p" * 40_000}}
    with guard_counter() as guarded:
        out = _go(conv, "AMAZON.HelpIntent").response
    assert limit_violations(out) == []
    assert (out["response"].get("outputSpeech") or {}).get("ssml")
    # Either the attributes were not carried back, or the last-line guard answered instead.
    assert guarded.count == 1 or "p" * 40_000 not in json.dumps(out)


def test_the_skills_own_guard_names_each_breach() -> None:
    from skill.limits import limit_breach

    assert limit_breach({"version": "1.0", "response": {}}) is None
    assert limit_breach({"sessionAttributes": {"x": "a" * 24_000}}) == "larger than 24 KB"
    assert limit_breach({"response": {"card": {"content": "\udc00"}}}) == "not valid UTF-8"
    speech = {"response": {"reprompt": {"outputSpeech": {"ssml": "a" * 8_000}}}}
    assert limit_breach(speech) == "speech or card over 8,000 characters"


def test_echoed_words_are_cut_at_a_word_boundary() -> None:
    from skill.content import ECHO_MAX_CHARS, Catalog, PromptSet, Renderer

    catalog = Catalog("en-US", {"t.echo": PromptSet(key="t.echo", variants=("You said {x}.",))})
    renderer = Renderer(catalog, {}, random.Random(0))
    said = renderer.render("t.echo", x="alpha " * 100 + "\ud800 & <b>")
    inner = said.removeprefix("You said ").removesuffix(".")
    assert 0 < len(inner) <= ECHO_MAX_CHARS
    assert set(inner.split()) == {"alpha"}
    assert renderer.render("t.echo", x="a <b> \ud800") == "You said a &lt;b&gt; ."


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(), inner, max_size=6),
    max_leaves=60,
)


@given(_JSON)
@settings(max_examples=300, deadline=None)
def test_the_cheap_size_bound_never_undercounts(data: Any) -> None:
    # limit_breach skips encoding when the bound says a reply fits: the bound must be above
    # the true size for every JSON value, including text that is not valid UTF-8.
    from skill.limits import _bound

    bound = _bound(data)
    try:
        size = len(json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except UnicodeEncodeError:
        assert bound == -1
        return
    assert bound >= size


def test_a_reply_just_under_the_bound_is_still_measured_exactly() -> None:
    # 4,000 characters of quotes and backslashes: bound 24,000+ (so encoded), true size below.
    from skill.limits import limit_breach

    heavy = {"response": {"card": {"content": '"\\' * 2000}}}
    assert limit_breach(heavy) is None
    assert limit_breach({"response": {}, "x": "\ud800"}) == "not valid UTF-8"
    assert limit_breach({"response": {}, "x": float("nan")}) == "not JSON"
