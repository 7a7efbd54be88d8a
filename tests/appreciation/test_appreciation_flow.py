"""What the transcripts cannot check: order of the read-back, escaping, the vocabulary ids used."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from skill.exercises.appreciation import SAYABLE_VAGUE, UNKNOWING
from skill.vocabulary import load_vocabulary
from tests.support.conversation import ROOT, Conversation, catalog, key_pattern


def test_the_journal_is_read_newest_first_and_only_the_most_recent() -> None:
    conv = Conversation(person="amzn1.ask.person.ORDER")
    conv.seed(
        {
            "profile": {"consent": "granted"},
            "history": [
                {"kind": "appreciation", "days_ago": d, "data": {"moment": f"they did thing {d}"}}
                for d in (9, 1, 30, 4, 2, 20)
            ],
        }
    )
    ex = conv.say("ask steady heart to read me my appreciations")
    spoken = [f"thing {d}" for d in (1, 2, 4, 9, 20, 30)]
    positions = [ex.speech.find(s) for s in spoken[:4]]
    assert all(p >= 0 for p in positions)
    assert positions == sorted(positions)
    assert "thing 20" not in ex.speech
    assert "thing 30" not in ex.speech


def test_the_persons_words_are_escaped_in_ssml() -> None:
    conv = Conversation()
    conv.seed({"profile": {"consent": "granted"}})
    conv.say("ask steady heart for an appreciation practice")
    ex = conv.sim.intent(
        "AppreciationDeedIntent",
        {"deed": 'baked a "tom & jerry" cake <3 for me'},
    )
    ssml = ex.response["response"]["outputSpeech"]["ssml"]
    ET.fromstring(ssml.replace("amazon:", "amazon_"))  # still one valid SSML document
    assert "&amp;" in ssml
    assert "&lt;3" in ssml
    assert "<3" not in ssml
    ex = conv.say("grateful")
    ssml = ex.response["response"]["outputSpeech"]["ssml"]
    ET.fromstring(ssml.replace("amazon:", "amazon_"))
    assert "you baked a &quot;tom &amp; jerry&quot; cake &lt;3 for me" in ssml


@pytest.mark.parametrize("ids", [UNKNOWING, SAYABLE_VAGUE], ids=["unknowing", "sayable"])
def test_the_vague_ids_named_in_code_exist_in_the_vocabulary(ids: frozenset[str]) -> None:
    vocab = load_vocabulary(Path(ROOT) / "audio_scripts" / "en" / "vocabulary.yaml")
    known = {v["id"] for v in vocab.slot_type_values("feelings")}
    assert ids <= known


def test_a_feeling_that_names_nothing_is_taken_kindly_and_not_kept() -> None:
    conv = Conversation()
    conv.seed({"profile": {"consent": "granted"}})
    conv.say("ask steady heart for an appreciation practice")
    conv.say("she made dinner")
    ex = conv.intent("FeelingIntent", {"feeling": "dunno"})
    assert "It made me feel" not in ex.speech
    assert "It meant a lot to me" in ex.speech
    conv.say("yes")
    (item,) = conv.history()
    assert item.data == {"moment": "they made dinner"}
    conv.say("ask steady heart for an appreciation practice")
    ex = conv.say("not sure")  # the shared "unsure" answer: nothing came to mind
    assert key_pattern(catalog("en-US"), "appreciation.examples").search(ex.speech)
    conv.say("he texted me at lunch")
    ex = conv.say("not sure")
    assert key_pattern(catalog("en-US"), "appreciation.feeling_ok").search(ex.speech)
    assert "It made me feel" not in ex.speech


def test_a_safety_phrase_in_the_moment_gets_the_safety_response_not_the_practice() -> None:
    conv = Conversation()
    conv.seed({"profile": {"consent": "granted"}})
    conv.say("ask steady heart for an appreciation practice")
    ex = conv.say("he hit me")
    assert key_pattern(catalog("en-US"), "safety.open.abuse").search(ex.speech)
    assert "appreciated" not in ex.speech
    assert "they hit" not in ex.speech
    assert conv.history() == []
