"""Looking after yourself: the person's words as heard and kept, the journal read back (newest
first, only self-care reflections, escaped), and the keys the code builds at run time."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from devtools.models import LOCALES
from skill.content import load_catalog
from skill.exercises.base import days_ago
from skill.exercises.selfcare import MAX_WORDS, READ_BACK, own_words
from skill.turn import Slot
from tests.support.conversation import Conversation
from tests.support.turns import CONTENT, make_turn


@pytest.mark.parametrize(
    ("said", "kept"),
    [
        ("i miss how we used to talk", "i miss how we used to talk"),
        ("that i miss him", "i miss him"),
        ("about the way we used to laugh", "the way we used to laugh"),
        ("  i'm   tired.  ", "i'm tired"),
        ("that", "that"),
        ("...", None),
        ("", None),
        (None, None),
    ],
)
def test_own_words(said: str | None, kept: str | None) -> None:
    assert own_words(Slot("reflection", said)) == kept


def test_own_words_are_capped() -> None:
    words = own_words(Slot("reflection", " ".join(f"w{i}" for i in range(100))))
    assert words is not None
    assert len(words.split()) == MAX_WORDS


@pytest.mark.parametrize(
    ("days", "key"),
    [
        (0, "today"),
        (1, "yesterday"),
        (3, "days"),
        (8, "last_week"),
        (20, "weeks"),
        (90, "long_ago"),
    ],
)
def test_days_ago(days: int, key: str) -> None:
    t = make_turn()
    expected = {"days": {"days": days}, "weeks": {"weeks": days // 7}}.get(key, {})
    assert days_ago(t, days) == t.text.render(f"when.{key}", **expected)


@pytest.mark.parametrize("locale", LOCALES)
def test_keys_built_at_run_time_have_content(locale: str) -> None:
    cat = load_catalog(CONTENT, locale)
    for consent in ("unknown", "declined"):
        assert cat.has(f"self_care_journal.not_kept.{consent}")
    for when in ("today", "yesterday", "days", "last_week", "weeks", "long_ago"):
        assert cat.has(f"when.{when}")


def test_the_journal_reads_only_self_care_reflections_newest_first() -> None:
    conv = Conversation(person="amzn1.ask.person.JOURNAL")
    reflections = [
        {
            "kind": "reflection",
            "days_ago": d,
            "data": {"exercise": "self-care", "text": f"note {d}"},
        }
        for d in (9, 1, 30, 4, 2)
    ]
    others = [
        # The opener keeps reflections too, without words: never read here.
        {"kind": "reflection", "days_ago": 0, "data": {"exercise": "opener", "feeling": "hurt"}},
        {"kind": "appreciation", "days_ago": 0, "data": {"moment": "they made tea"}},
    ]
    conv.seed({"profile": {"consent": "granted"}, "history": reflections + others})
    # A recognised voice hears its own notes without the "good moment?" question.
    ex = conv.say("ask steady heart to read me my journal")
    newest_first = [f"note {d}" for d in (1, 2, 4, 9, 30)]
    spoken, older = newest_first[:READ_BACK], newest_first[READ_BACK:]
    positions = [ex.speech.find(s) for s in spoken]
    assert all(p >= 0 for p in positions)
    assert positions == sorted(positions)
    for absent in (*older, "they made tea", "hurt"):
        assert absent not in ex.speech


def test_a_reflection_is_escaped_when_said_back_and_read_back() -> None:
    conv = Conversation(person="amzn1.ask.person.ESCAPE")
    conv.seed({"profile": {"consent": "granted"}})
    conv.say("ask steady heart for a journaling prompt")
    ex = conv.sim.intent(
        "ReflectionIntent",
        {"reflection": {"name": "reflection", "value": 'i wrote "tom & jerry" <3'}},
    )
    ssml = ex.response["response"]["outputSpeech"]["ssml"]
    ET.fromstring(ssml.replace("amazon:", "amazon_"))
    assert "&amp;" in ssml
    assert "&lt;3" in ssml
    assert "<3" not in ssml
    conv.say("yes")
    (item,) = conv.history()
    assert item.data == {"exercise": "self-care", "text": 'i wrote "tom & jerry" <3'}
    ex = conv.say("read me my journal")
    ssml = ex.response["response"]["outputSpeech"]["ssml"]
    ET.fromstring(ssml.replace("amazon:", "amazon_"))
    assert "you wrote &quot;tom &amp; jerry&quot; &lt;3" in ssml


def test_a_safety_phrase_in_a_reflection_gets_the_safety_response_and_is_not_kept() -> None:
    conv = Conversation()
    conv.seed({"profile": {"consent": "granted"}})
    conv.say("ask steady heart for a journaling prompt")
    ex = conv.say("i'd write that i don't want to be here anymore")
    assert "you don't want to be here" not in ex.speech
    assert conv.history() == []
