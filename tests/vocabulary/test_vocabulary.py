"""The feelings and needs vocabulary: the real file, its coverage, its lookups, its rules."""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from skill.language.normalise import normalise as normalize
from skill.vocabulary import (
    QUADRANTS,
    VAGUE_ID_PREFIX,
    Feeling,
    Vocabulary,
    VocabularyError,
    is_vague_id,
    load_vocabulary,
    vague_slot_id,
)

VOCABULARY_PATH = Path(__file__).resolve().parents[2] / "audio_scripts" / "en" / "vocabulary.yaml"
SPEAKABLE = re.compile(r"^[a-z][a-z']*(?: [a-z][a-z']*)*$")

# Every feeling the seed article (seed/000_7e8dec4d740ea508.txt, "Emotional distance in a
# relationship") names, as the form a person would say, mapped to the form the article uses.
# This tests coverage against the source; the words were read off the article by hand.
ARTICLE_FEELINGS: dict[str, str] = {
    # Opening paragraph: "a subtle but persistent loneliness", "feeling invisible"
    "lonely": "loneliness",
    "invisible": "invisible",
    # "What Does It Mean to Be Emotionally Distant?": "feeling rejected, frustrated, or even
    # blamed for the disconnect"
    "rejected": "rejected",
    "frustrated": "frustrated",
    "blamed": "blamed",
    # "Common Causes of Emotional Distancing": "empathy rather than defensiveness", "Stress and
    # burnout", "Depression or anxiety", "numbness", "Lingering resentment", "unnecessary guilt"
    "defensive": "defensiveness",
    "stressed": "stress",
    "burned out": "burnout",
    "depressed": "depression",
    "anxious": "anxiety",
    "numb": "numbness",
    "resentful": "resentment",
    "guilty": "guilt",
    "empathetic": "empathy",
    # "How Emotional Distance Affects You and the Relationship": "Lonely", "Unimportant or
    # rejected", "Anxious or insecure: Unsure where you stand", "Frustrated or resentful"
    "unimportant": "unimportant",
    "insecure": "insecure",
    "unsure": "unsure",
    # Strategy 1, "Reflect on Your Own Emotions and Needs": "hurt, confusion, disconnection",
    # "clearly and calmly"
    "hurt": "hurt",
    "confused": "confusion",
    "disconnected": "disconnection",
    "calm": "calmly",
    # Strategy 2, "Communicate Openly": "with curiosity", "feeling a little distant from you"
    "curious": "curiosity",
    "distant": "distant",
    # Strategy 3, "Validate Their Feelings": "meet their vulnerability with patience",
    # "Validation builds safety"
    "vulnerable": "vulnerability",
    "patient": "patience",
    "safe": "safety",
    # Strategy 4, "Focus on Connection": "restore closeness"
    "close": "closeness",
    # Strategy 5, "Your Own Emotional Wellness": "fulfillment and joy", "strength and clarity"
    "fulfilled": "fulfillment",
    "joyful": "joy",
    "strong": "strength",
    "clear": "clarity",
    # "Signs It's More Than a Temporary Disconnect": "temporary overwhelm"
    "overwhelmed": "overwhelm",
    # "Setting Boundaries When Needed": "protect your peace"
    "peaceful": "peace",
    # "If You Choose to Walk Away": "core needs go unheard", "you still love them",
    # "emotional security"
    "unheard": "unheard",
    "loving": "love",
    "secure": "security",
    # "Key Takeaway": "confusing and heartbreaking"
    "heartbroken": "heartbreaking",
}

REQUIRED_NEEDS = (
    "connection",
    "reassurance",
    "being heard",
    "rest",
    "space",
    "appreciation",
    "affection",
    "clarity",
    "support",
)


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return load_vocabulary(VOCABULARY_PATH)


@pytest.fixture
def raw() -> dict[str, Any]:
    data = yaml.safe_load(VOCABULARY_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "vocabulary.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the real file


def test_real_file_loads_with_enough_feelings_and_needs(vocab: Vocabulary) -> None:
    assert len(vocab.feelings) >= 120
    assert len(vocab.needs) >= 20
    assert vocab.vague


@pytest.mark.parametrize("quadrant", QUADRANTS)
def test_each_quadrant_has_at_least_25_feelings(vocab: Vocabulary, quadrant: str) -> None:
    feelings = vocab.in_quadrant(quadrant)  # type: ignore[arg-type]
    assert len(feelings) >= 25
    assert all(f.quadrant == quadrant for f in feelings)


def test_quadrants_are_roughly_balanced(vocab: Vocabulary) -> None:
    counts = vocab.quadrant_counts()
    assert max(counts.values()) <= 1.5 * min(counts.values()), counts


def test_quadrants_partition_the_feelings(vocab: Vocabulary) -> None:
    by_quadrant = [f.id for q in QUADRANTS for f in vocab.in_quadrant(q)]
    assert sorted(by_quadrant) == sorted(f.id for f in vocab.feelings)


@pytest.mark.parametrize(
    ("word", "quadrant"),
    [
        ("lonely", "unpleasant_low"),
        ("sad", "unpleasant_low"),
        ("numb", "unpleasant_low"),
        ("anxious", "unpleasant_high"),
        ("frustrated", "unpleasant_high"),
        ("overwhelmed", "unpleasant_high"),
        ("excited", "pleasant_high"),
        ("hopeful", "pleasant_high"),
        ("calm", "pleasant_low"),
        ("content", "pleasant_low"),
        ("relieved", "pleasant_low"),
    ],
)
def test_anchor_words_sit_in_the_expected_quadrant(
    vocab: Vocabulary, word: str, quadrant: str
) -> None:
    feeling = vocab.find_feeling(word)
    assert feeling is not None
    assert feeling.quadrant == quadrant


@pytest.mark.parametrize(("said", "article_form"), sorted(ARTICLE_FEELINGS.items()))
def test_every_feeling_the_article_names_is_present(
    vocab: Vocabulary, said: str, article_form: str
) -> None:
    feeling = vocab.find_feeling(said)
    assert feeling is not None, f"article names {article_form!r}; no feeling for {said!r}"
    assert feeling.article, f"{feeling.id} is named in the article ({article_form!r})"


def test_article_flag_is_set_only_for_feelings_the_article_names(vocab: Vocabulary) -> None:
    named = {f.id for said in ARTICLE_FEELINGS if (f := vocab.find_feeling(said)) is not None}
    flagged = {f.id for f in vocab.feelings if f.article}
    assert flagged == named


@pytest.mark.parametrize("need", REQUIRED_NEEDS)
def test_required_needs_are_present(vocab: Vocabulary, need: str) -> None:
    found = vocab.find_need(need)
    assert found is not None
    assert found.word == need


def test_every_entry_is_speakable(vocab: Vocabulary) -> None:
    forms = [form for entry in (*vocab.feelings, *vocab.needs) for form in entry.spoken_forms]
    bad = [form for form in (*forms, *vocab.vague) if not SPEAKABLE.match(form)]
    assert bad == []


def test_synonyms_are_unique_and_never_a_canonical_word(raw: dict[str, Any]) -> None:
    # Recomputed from the raw YAML, independently of the loader's own checks.
    for section, extra in (("feelings", raw["vague"]), ("needs", [])):
        entries = raw[section].values()
        words = [e["word"] for e in entries]
        synonyms = [s for e in entries for s in e.get("synonyms", [])]
        counts = Counter(words + synonyms + list(extra))
        assert [form for form, n in counts.items() if n > 1] == [], section
        assert not set(synonyms) & set(words), section


def test_most_feelings_have_one_to_four_synonyms(vocab: Vocabulary) -> None:
    assert all(len(f.synonyms) <= 4 for f in vocab.feelings)
    assert sum(1 for f in vocab.feelings if f.synonyms) >= 0.95 * len(vocab.feelings)
    assert all(n.synonyms for n in vocab.needs)


# --------------------------------------------------------------------------- lookups


@pytest.mark.parametrize(
    ("text", "feeling_id"),
    [
        ("lonely", "lonely"),
        ("LONELY", "lonely"),
        ("  lonely  ", "lonely"),
        ("burned out", "burned_out"),
        ("burned-out", "burned_out"),
        ("burned_out", "burned_out"),
        ("Burned   Out", "burned_out"),
        ("on edge", "tense"),
        ("left out", "excluded"),
        ("distant", "disconnected"),
        ("like i don't matter", "unimportant"),
        ("like I don’t matter", "unimportant"),
        ("i feel lonely", "lonely"),
        ("I feel lonely.", "lonely"),
        ("feeling lonely", "lonely"),
        ("i'm feeling lonely", "lonely"),
        ("i am lonely", "lonely"),
        ("very lonely", "lonely"),
        ("a bit lonely", "lonely"),
        ("so lonely", "lonely"),
        ("kind of lonely", "lonely"),
        ("i feel kind of on edge", "tense"),
        ("I'm feeling a little bit left out right now", "excluded"),
        ("i've been feeling really really drained lately", "drained"),
        ("i feel like a failure", "defeated"),
        ("i feel nothing", "numb"),
    ],
)
def test_find_feeling(vocab: Vocabulary, text: str, feeling_id: str) -> None:
    found = vocab.find_feeling(text)
    assert found is not None
    assert found.id == feeling_id


@pytest.mark.parametrize(
    "text", ["", "   ", "purple", "i feel purple", "banana bread", "not happy", "not lonely"]
)
def test_find_feeling_unknown_or_negated_is_none(vocab: Vocabulary, text: str) -> None:
    assert vocab.find_feeling(text) is None


def test_every_spoken_form_finds_its_own_feeling(vocab: Vocabulary) -> None:
    for feeling in vocab.feelings:
        for form in (*feeling.spoken_forms, feeling.id):
            for said in (form, form.upper(), f"I feel {form}", f"i'm feeling a bit {form} today"):
                found = vocab.find_feeling(said)
                assert found is not None, said
                assert found.id == feeling.id, said


def test_every_spoken_form_finds_its_own_need(vocab: Vocabulary) -> None:
    for need in vocab.needs:
        for form in (*need.spoken_forms, need.id):
            for said in (form, f"I need {form}", f"i just need {form} right now"):
                found = vocab.find_need(said)
                assert found is not None, said
                assert found.id == need.id, said


@pytest.mark.parametrize(
    ("text", "need_id"),
    [
        ("connection", "connection"),
        ("to be heard", "being_heard"),
        ("someone to listen", "being_heard"),
        ("i need a hug", "touch"),
        ("I need some space", "space"),
        ("more time together", "time_together"),
        ("i need to feel safe", "safety"),
    ],
)
def test_find_need(vocab: Vocabulary, text: str, need_id: str) -> None:
    found = vocab.find_need(text)
    assert found is not None
    assert found.id == need_id


@pytest.mark.parametrize("text", ["", "a unicorn", "i need lonely", "no space"])
def test_find_need_unknown_is_none(vocab: Vocabulary, text: str) -> None:
    assert vocab.find_need(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "bad",
        "fine",
        "okay",
        "OK",
        "not great",
        "meh",
        "i don't know",
        "I don’t know.",
        "i'm fine",
        "I'm fine, thanks",
        "pretty good",
        "not too bad",
        "i'm not sure",
        "so so",
        "i feel so so",
        "i'm not feeling great today",
    ],
)
def test_vague_answers_are_detected(vocab: Vocabulary, text: str) -> None:
    assert vocab.is_vague(text)
    assert vocab.find_feeling(text) is None


@pytest.mark.parametrize("text", ["lonely", "i feel on edge", "calm", "", "purple"])
def test_specific_or_unknown_answers_are_not_vague(vocab: Vocabulary, text: str) -> None:
    assert not vocab.is_vague(text)


def test_every_vague_word_is_vague_and_not_a_feeling(vocab: Vocabulary) -> None:
    for word in vocab.vague:
        for said in (word, f"I feel {word}", f"i'm {word}"):
            assert vocab.is_vague(said), said
            assert vocab.find_feeling(said) is None, said


_CACHED = load_vocabulary(VOCABULARY_PATH)  # hypothesis does not mix with function fixtures


@given(st.text(max_size=60))
def test_lookups_never_raise(text: str) -> None:
    vocab = _CACHED
    found = vocab.find_feeling(text)
    assert found is None or isinstance(found, Feeling)
    vocab.find_need(text)
    vocab.is_vague(text)


def test_normalize() -> None:
    assert normalize("  Burned-Out!! ") == "burned out"
    assert normalize("I DON’T  know") == "i don't know"
    assert normalize("clear_headed") == "clear headed"


def test_in_quadrant_rejects_unknown_quadrant(vocab: Vocabulary) -> None:
    with pytest.raises(ValueError, match="unknown quadrant"):
        vocab.in_quadrant("pleasant_medium")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("pleasant", "energy", "quadrant"),
    [
        (True, "high", "pleasant_high"),
        (True, "low", "pleasant_low"),
        (False, "high", "unpleasant_high"),
        (False, "low", "unpleasant_low"),
    ],
)
def test_feeling_quadrant(pleasant: bool, energy: str, quadrant: str) -> None:
    feeling = Feeling.from_data(
        {"id": "x", "word": "x", "pleasant": pleasant, "energy": energy, "article": False}
    )
    assert feeling.quadrant == quadrant


# --------------------------------------------------------------------------- slot values


def _assert_slot_shape(values: list[Any]) -> None:
    assert isinstance(values, list)
    for value in values:
        assert set(value) == {"id", "name"}
        assert isinstance(value["id"], str)
        assert value["id"]
        assert set(value["name"]) == {"value", "synonyms"}
        assert SPEAKABLE.match(value["name"]["value"])
        assert isinstance(value["name"]["synonyms"], list)
        assert all(SPEAKABLE.match(s) for s in value["name"]["synonyms"])
    ids = [v["id"] for v in values]
    assert len(ids) == len(set(ids))
    forms = [f for v in values for f in (v["name"]["value"], *v["name"]["synonyms"])]
    assert len(forms) == len(set(forms)), "a spoken form appears twice in one slot type"
    json.dumps(values)


def test_feeling_slot_values(vocab: Vocabulary) -> None:
    values = vocab.slot_type_values("feelings")
    _assert_slot_shape(list(values))
    by_id = {v["id"]: v for v in values}
    assert len(values) == len(vocab.feelings) + len(vocab.vague)
    for feeling in vocab.feelings:
        assert by_id[feeling.id]["name"] == {
            "value": feeling.word,
            "synonyms": list(feeling.synonyms),
        }
        assert not is_vague_id(feeling.id)
    vague_values = [v for v in values if is_vague_id(v["id"])]
    assert [v["name"]["value"] for v in vague_values] == list(vocab.vague)
    for value in vague_values:
        assert value["id"].startswith(VAGUE_ID_PREFIX)
        assert vocab.feeling_by_id(value["id"]) is None
        assert vocab.is_vague(value["name"]["value"])
    assert by_id[vague_slot_id("i don't know")]["id"] == "vague_i_dont_know"


def test_need_slot_values(vocab: Vocabulary) -> None:
    values = vocab.slot_type_values("needs")
    _assert_slot_shape(list(values))
    assert [v["id"] for v in values] == [n.id for n in vocab.needs]


def test_slot_values_are_fresh_copies(vocab: Vocabulary) -> None:
    first = vocab.slot_type_values("feelings")
    first[0]["name"]["synonyms"].append("changed by a caller")
    assert "changed by a caller" not in vocab.slot_type_values("feelings")[0]["name"]["synonyms"]


def test_slot_kind_must_be_known(vocab: Vocabulary) -> None:
    with pytest.raises(ValueError, match="unknown slot kind"):
        vocab.slot_type_values("moods")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- the rules


def test_synonym_shared_by_two_feelings_is_rejected(raw: dict[str, Any], tmp_path: Path) -> None:
    raw["feelings"]["sad"]["synonyms"].append("on edge")  # already a synonym of tense
    with pytest.raises(VocabularyError, match="'on edge'"):
        load_vocabulary(_write(tmp_path, raw))


def test_synonym_equal_to_a_canonical_word_is_rejected(raw: dict[str, Any], tmp_path: Path) -> None:
    raw["feelings"]["sad"]["synonyms"].append("lonely")
    with pytest.raises(VocabularyError, match="'lonely'"):
        load_vocabulary(_write(tmp_path, raw))


def test_vague_word_clashing_with_a_feeling_is_rejected(raw: dict[str, Any]) -> None:
    raw["vague"].append("down")  # a synonym of sad
    with pytest.raises(VocabularyError, match="'down'"):
        Vocabulary.from_data(raw)


def test_need_synonym_clash_is_rejected(raw: dict[str, Any]) -> None:
    raw["needs"]["rest"]["synonyms"].append("a hug")  # a synonym of touch
    with pytest.raises(VocabularyError, match="'a hug'"):
        Vocabulary.from_data(raw)


def test_duplicate_yaml_key_is_rejected(tmp_path: Path) -> None:
    text = VOCABULARY_PATH.read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("  lonely:"))
    path = tmp_path / "vocabulary.yaml"
    path.write_text(text.replace(line, f"{line}\n{line}", 1), encoding="utf-8")
    with pytest.raises(VocabularyError, match="duplicate key 'lonely'"):
        load_vocabulary(path)


def test_duplicate_canonical_word_is_rejected(raw: dict[str, Any]) -> None:
    raw["feelings"]["lonely_again"] = copy.deepcopy(raw["feelings"]["lonely"])
    raw["feelings"]["lonely_again"]["synonyms"] = []
    with pytest.raises(VocabularyError, match="'lonely'"):
        Vocabulary.from_data(raw)


@pytest.mark.parametrize("word", ["Lonely", "on-edge", "sad!", "two  spaces", "", "3am"])
def test_unspeakable_words_are_rejected(raw: dict[str, Any], word: str) -> None:
    raw["feelings"]["sad"]["synonyms"].append(word)
    with pytest.raises(VocabularyError):
        Vocabulary.from_data(raw)


def test_unknown_field_and_bad_energy_are_rejected(raw: dict[str, Any]) -> None:
    broken = copy.deepcopy(raw)
    broken["feelings"]["sad"]["colour"] = "blue"
    with pytest.raises(VocabularyError):
        Vocabulary.from_data(broken)
    raw["feelings"]["sad"]["energy"] = "medium"
    with pytest.raises(VocabularyError):
        Vocabulary.from_data(raw)


def test_feeling_id_may_not_look_vague(raw: dict[str, Any]) -> None:
    raw["feelings"]["vague_sad"] = raw["feelings"].pop("sad")
    with pytest.raises(VocabularyError, match="vague_"):
        Vocabulary.from_data(raw)


def test_too_few_feelings_in_a_quadrant_is_rejected(raw: dict[str, Any], tmp_path: Path) -> None:
    pleasant_low = [k for k, f in raw["feelings"].items() if f["pleasant"] and f["energy"] == "low"]
    for key in pleasant_low[24:]:
        del raw["feelings"][key]
    assert Vocabulary.from_data(raw).quadrant_counts()["pleasant_low"] == 24
    with pytest.raises(VocabularyError, match="pleasant_low"):
        load_vocabulary(_write(tmp_path, raw))


def test_missing_file_is_a_vocabulary_error(tmp_path: Path) -> None:
    with pytest.raises(VocabularyError):
        load_vocabulary(tmp_path / "nope.yaml")


def test_models_are_frozen(vocab: Vocabulary) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        vocab.feelings[0].word = "changed"


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
def test_loader_uses_the_c_safe_loader() -> None:
    from skill import vocabulary

    assert issubclass(vocabulary._unique_key_loader(), yaml.CSafeLoader)
