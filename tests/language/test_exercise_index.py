"""The description index (skill/language/exercise_index.py): a contract over the content and the
model, and requests in everyday words written for this fold (not taken from any blind round)."""

from __future__ import annotations

from functools import lru_cache

import pytest

from devtools.models import LOCALES
from devtools.nlu import Resolver
from skill.content import load_catalog
from skill.exercises import EXERCISES, FLOWS, START_INTENTS
from skill.language.exercise_index import PURPOSES, START_INTENT, described, purpose_phrases
from skill.language.exercise_names import exercise_names
from tests.support.turns import ROOT

CONTENT = ROOT / "audio_scripts"


@lru_cache(maxsize=8)
def names(locale: str) -> tuple[tuple[str, str], ...]:
    return tuple(exercise_names(load_catalog(CONTENT, locale)))


@lru_cache(maxsize=8)
def resolver(locale: str) -> Resolver:
    return Resolver.from_file(ROOT / "intents" / f"{locale}.json", skill_id="test")


def test_every_exercise_and_every_flow_asked_for_has_purpose_words() -> None:
    assert set(EXERCISES) <= set(PURPOSES)
    for flow in PURPOSES:
        assert flow in FLOWS, flow
        assert flow in EXERCISES or START_INTENT[flow] in START_INTENTS, flow
        assert len(purpose_phrases(flow)) >= 3, flow


@pytest.mark.parametrize("locale", LOCALES)
def test_every_name_and_purpose_phrase_describes_its_own_flow(locale: str) -> None:
    for flow, form in names(locale):
        assert described(form, names(locale)) == flow, form
    for flow in PURPOSES:
        for phrase in purpose_phrases(flow):
            assert described(phrase, names(locale)) == flow, phrase


@pytest.mark.parametrize("locale", LOCALES)
def test_purpose_phrases_reach_the_exercise_through_the_model(locale: str) -> None:
    """Strict matching: "something for {purpose}" with every purpose phrase resolves to it,
    and a purpose word said alone ("grateful", "closer") is never taken for a request."""
    for flow in PURPOSES:
        for phrase in purpose_phrases(flow):
            found = resolver(locale).resolve(f"something for {phrase}")
            assert found.name == "AskByPurposeIntent", phrase
            assert found.slot_id("purpose") == flow, phrase
        for phrase in (p for p in purpose_phrases(flow) if " " not in p):
            assert resolver(locale).resolve(phrase).name != "AskByPurposeIntent", phrase


@pytest.mark.parametrize(
    ("said", "flow"),
    [
        ("i need something to settle my nerves before i ring my husband", "calming"),
        ("help me get my breath back", "calming"),
        ("i want to come back to my senses a bit", "grounding"),
        ("i'd like to sort through my feelings", "check-in"),
        ("how do i bring it up with my fiance without a row", "opener"),
        ("i need to work out what to say to him tonight", "opener"),
        ("i want to learn to be a better listener for her", "validation"),
        ("something about being grateful for him", "appreciation"),
        ("we need a date night idea", "connection"),
        ("i never get any me time", "self-care"),
        ("i keep wondering if i should leave my girlfriend", "staying-or-leaving"),
        ("do you think we should get a marriage counsellor", "professional-help"),
        ("it feels like the same row again every weekend, is that a pattern", "pattern"),
        ("i need more space in the evenings", "boundaries"),
        ("is there something we can do with both of us here", "couple-check-in"),
        ("can i look back at what i've shared this month", "look-back"),
        ("could you nudge me on sunday evenings", "reminders"),
        # Written for the round-4 fold: a date idea asked in passing.
        ("got any thoughts on a romantic date for saturday", "connection"),
        ("something special to do with my fiance on her birthday", "connection"),
        ("a night out with my wife would be nice", "connection"),
        # Written for the pool H fold (decision 0098): asked for by need, at length.
        ("i'd like to find something lovely about my wife", "appreciation"),
        ("could you find us a couples counsellor for the two of us", "professional-help"),
        ("i just want something kind for myself tonight", "self-care"),
        ("i want to get better at listening without fixing everything", "validation"),
        ("how do i tell her i need an hour to myself after work", "boundaries"),
        ("my girlfriend's right here can we do a check in together", "couple-check-in"),
        ("everything's spinning bring me back into the room", "grounding"),
        ("give me an idea of something simple to do together so we feel close again", "connection"),
        ("what did i say before about how things were", "look-back"),
    ],
)
def test_fresh_requests_by_purpose(said: str, flow: str) -> None:
    assert described(said, names("en-US")) == flow


@pytest.mark.parametrize(
    "said",
    [
        "he left the dishes again",
        "it was a normal tuesday",
        "i'm knackered",
        "the dog barked",
        "i keep my diary up to date",
        "what's the date today",
        "the last few times he forgot",
        "i kept a journey diary",
    ],
)
def test_ordinary_sentences_describe_nothing(said: str) -> None:
    assert described(said, names("en-US")) is None


def test_asking_by_purpose_is_screened_like_any_words() -> None:
    """A purpose request that screens positive gets the safety answer, not an exercise; a
    clean one starts what it describes."""
    from tests.support.conversation import Conversation

    conv = Conversation()
    conv.seed({"profile": {"consent": "granted"}})
    conv.say("open steady heart")
    ex = conv.sim.intent("AskByPurposeIntent", {"purpose": "when he hits me"})
    attrs = ex.response.get("sessionAttributes") or {}
    assert attrs.get("flow") == "safety"
    conv = Conversation()
    conv.seed({"profile": {"consent": "granted"}})
    conv.say("open steady heart")
    ex = conv.sim.intent("AskByPurposeIntent", {"purpose": "date night"})
    attrs = ex.response.get("sessionAttributes") or {}
    assert attrs.get("flow") == "connection"
