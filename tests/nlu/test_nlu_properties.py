"""Property tests: resolve() and the parsers never raise and only return declared intents."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from devtools.nlu import (
    FALLBACK_INTENT,
    Resolver,
    parse_duration,
    parse_invocation,
    parse_number,
    parse_time,
    tokenize,
)
from tests.support.nlu_fixtures import MODEL_PATH, SKILL_ID, language_model, load_model

RESOLVER = Resolver.from_file(MODEL_PATH, SKILL_ID)
DECLARED = set(RESOLVER.intent_names)

_model = load_model()
VOCABULARY = sorted(
    {
        word
        for i in language_model(_model)["intents"]
        for sample in i.get("samples", [])
        for word in tokenize(sample.replace("{", " ").replace("}", " "))
    }
    | {"lonely", "left", "out", "eight", "thirty", "pm", "am", "o'clock", "half", "past", "to"}
    | {"hour", "minutes", "and", "a", "three", "hundred", "yes", "no", "alexa", "um", "please"}
    | {"noon", "midnight", "steady", "heart", "ask", "tell", "open", ",", "!", "?", "8:30", "9"}
)
vocabulary_text = st.lists(st.sampled_from(VOCABULARY), max_size=14).map(" ".join)
any_text = st.text(max_size=200)


def _check(text: str) -> None:
    res = RESOLVER.resolve(text)
    assert res.name in DECLARED
    assert res.intent["confirmationStatus"] == "NONE"
    declared_slots = [s["name"] for i in language_model(_model)["intents"]
                      if i["name"] == res.name for s in i.get("slots", [])]  # fmt: skip
    assert list(res.intent.get("slots", {})) == declared_slots
    for slot in res.intent.get("slots", {}).values():
        assert slot["confirmationStatus"] == "NONE"
        if "value" in slot:
            assert slot["value"]
            assert slot["source"] == "USER"


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_resolve_never_raises_on_arbitrary_text(text: str) -> None:
    _check(text)


@settings(max_examples=500, deadline=None)
@given(vocabulary_text)
def test_resolve_never_raises_on_model_like_text(text: str) -> None:
    _check(text)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=30, max_size=120).map(" ".join))
def test_resolve_never_raises_on_long_text(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_text, vocabulary_text))
def test_parse_invocation_never_raises(text: str) -> None:
    kind, rest = parse_invocation(text, RESOLVER.invocation_name)
    assert kind in ("launch", "intent", "none")
    if kind == "none":
        assert rest == text
    elif kind == "launch":
        assert rest == ""
    else:
        assert rest
        assert rest == rest.strip()


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=6)), max_size=10))
def test_slot_parsers_never_raise(words: list[str]) -> None:
    number = parse_number(words)
    assert number is None or isinstance(number, int)
    time = parse_time(words)
    assert (
        time is None
        or time in ("MO", "AF", "EV", "NI")
        or (len(time) == 5 and 0 <= int(time[:2]) < 24 and 0 <= int(time[3:]) < 60)
    )
    duration = parse_duration(words)
    assert duration is None or duration.startswith("P")


def test_fallback_is_declared_in_the_fixture() -> None:
    assert FALLBACK_INTENT in DECLARED
