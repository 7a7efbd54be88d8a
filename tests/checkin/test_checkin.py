"""The check-in's pure parts: reading answers, offering words, choosing the next step.

That the vocabulary holds every feeling the article names is tested once, in
tests/vocabulary/test_vocabulary.py (``test_every_feeling_the_article_names_is_present``);
here the article's list of how distance feels is checked against what the check-in does next.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from skill.config import Settings
from skill.content import load_catalog
from skill.exercises import FLOWS
from skill.exercises.base import name_key
from skill.exercises.checkin import (
    ENERGY,
    FEELING,
    NEED,
    PARTNER_FEELING,
    PLEASANTNESS,
    RELATIONSHIP_NEEDS,
    SELF_NEEDS,
    about_partner,
    next_step,
    offer_words,
    quadrant_of,
    read_answer,
    vocabulary_for,
)
from skill.routing import load_routing
from skill.turn import Slot
from skill.vocabulary import QUADRANTS, load_vocabulary, vague_slot_id

ROOT = Path(__file__).resolve().parents[2]
VOCAB = load_vocabulary(ROOT / "audio_scripts" / "en" / "vocabulary.yaml")
CATALOG = load_catalog(ROOT / "audio_scripts", "en")
ROUTING = load_routing(ROOT / "audio_scripts" / "en" / "routing.yaml")
CALMING_FAMILY = ROUTING.family("calming")
OPENER_FAMILY = ROUTING.family("opener")
CONNECTION_FAMILY = ROUTING.family("connection")
FALLBACK_EXERCISE = ROUTING.next_step.fallback
NEXT_STEPS = ROUTING.next_steps
VAGUE_LEAN = ROUTING.lean

# "How Emotional Distance Affects You": the article's list, and what a check-in offers next.
ARTICLE_DISTANCE = {
    "lonely": ("connection", "appreciation"),
    "unimportant": ("connection", "appreciation"),
    "rejected": ("connection", "appreciation"),
    "anxious": ("calming",),
    "insecure": ("calming",),
    "frustrated": ("opener",),
    "resentful": ("opener",),
}
EVERY_EXERCISE = frozenset(
    {
        "calming",
        "opener",
        "validation",
        "appreciation",
        "connection",
        "self-care",
        "pattern",
        "boundaries",
        "professional-help",
        "grounding",
    }
)


# --------------------------------------------------------------------------- the vocabulary


class _Turnish:
    def __init__(self, content_dir: Path) -> None:
        self.settings = Settings(content_dir=content_dir)


def test_vocabulary_is_loaded_once_per_path() -> None:
    first = vocabulary_for(_Turnish(ROOT / "audio_scripts"))  # type: ignore[arg-type]
    again = vocabulary_for(_Turnish(ROOT / "audio_scripts"))  # type: ignore[arg-type]
    assert first is again
    assert {f.id for f in first.feelings} == {f.id for f in VOCAB.feelings}


@pytest.mark.parametrize(("feeling", "targets"), sorted(ARTICLE_DISTANCE.items()))
def test_each_way_distance_feels_leads_to_its_exercise(feeling: str, targets: tuple[str]) -> None:
    found = VOCAB.find_feeling(feeling)
    assert found is not None
    assert found.article
    assert next_step(ROUTING, found.id, found.quadrant, "", EVERY_EXERCISE) == targets[0]
    assert (
        next_step(ROUTING, found.id, found.quadrant, "", {FALLBACK_EXERCISE}) == FALLBACK_EXERCISE
    )
    for n, target in enumerate(targets[1:], 1):
        assert (
            next_step(ROUTING, found.id, found.quadrant, "", set(targets[n:]) | {"grounding"})
            == target
        )


@pytest.mark.parametrize(
    ("family", "quadrant"),
    [
        (CALMING_FAMILY, "unpleasant_high"),
        (OPENER_FAMILY, "unpleasant_high"),
        (CONNECTION_FAMILY, "unpleasant_low"),
    ],
)
def test_families_name_real_feelings_of_one_quadrant(family: frozenset[str], quadrant: str) -> None:
    for feeling_id in family:
        feeling = VOCAB.feeling_by_id(feeling_id)
        assert feeling is not None, feeling_id
        assert feeling.quadrant == quadrant, feeling_id


def test_families_do_not_overlap() -> None:
    assert not CALMING_FAMILY & OPENER_FAMILY
    assert not CALMING_FAMILY & CONNECTION_FAMILY
    assert not OPENER_FAMILY & CONNECTION_FAMILY


def test_vague_leans_name_real_vague_words() -> None:
    vague_ids = {vague_slot_id(w) for w in VOCAB.vague}
    assert set(VAGUE_LEAN) <= vague_ids
    assert VAGUE_LEAN[vague_slot_id("not great")] is False
    assert VAGUE_LEAN[vague_slot_id("good")] is True
    for undecided in ("fine", "meh", "i don't know", "okay"):
        assert vague_slot_id(undecided) not in VAGUE_LEAN


def test_every_need_is_placed_on_one_side() -> None:
    ids = {n.id for n in VOCAB.needs}
    assert ids == RELATIONSHIP_NEEDS | SELF_NEEDS
    assert not RELATIONSHIP_NEEDS & SELF_NEEDS


@pytest.mark.parametrize(
    ("need", "named_partner", "expected"),
    [
        ("connection", False, True),
        ("being_heard", False, True),
        ("reassurance", False, True),
        ("rest", False, False),
        ("", False, False),
        ("rest", True, True),
        ("", True, True),
    ],
)
def test_about_partner(need: str, named_partner: bool, expected: bool) -> None:
    assert about_partner(need, named_partner) is expected


# --------------------------------------------------------------------------- next step


@pytest.mark.parametrize(
    ("feeling", "quadrant", "need", "registered", "expected"),
    [
        ("anxious", "unpleasant_high", "", {"grounding", "calming"}, "calming"),
        ("overwhelmed", "unpleasant_high", "", {"grounding"}, "grounding"),
        (
            "resentful",
            "unpleasant_high",
            "",
            {"grounding", "opener", "calming"},
            "opener",
        ),
        # A high-energy unpleasant feeling outside the families: calming by its quadrant.
        (
            "confused",
            "unpleasant_high",
            "",
            {"grounding", "calming", "opener"},
            "calming",
        ),
        ("lonely", "unpleasant_low", "", {"grounding", "appreciation"}, "appreciation"),
        (
            "lonely",
            "unpleasant_low",
            "",
            {"grounding", "appreciation", "connection"},
            "connection",
        ),
        (
            "sad",
            "unpleasant_low",
            "",
            {"grounding", "self-care", "connection"},
            "self-care",
        ),
        (
            "hopeful",
            "pleasant_high",
            "",
            {"grounding", "appreciation", "calming"},
            "appreciation",
        ),
        ("calm", "pleasant_low", "", {"grounding", "appreciation"}, "appreciation"),
        # No word, only the quadrant.
        ("", "unpleasant_high", "", {"grounding", "calming"}, "calming"),
        ("", "pleasant_low", "", {"grounding"}, "grounding"),
        # An explicit need comes first, when its exercise is there.
        (
            "lonely",
            "unpleasant_low",
            "professional_help",
            EVERY_EXERCISE,
            "professional-help",
        ),
        ("angry", "unpleasant_high", "boundaries", EVERY_EXERCISE, "boundaries"),
        ("angry", "unpleasant_high", "boundaries", {"grounding", "opener"}, "opener"),
    ],
)
def test_next_step(
    feeling: str, quadrant: str, need: str, registered: set[str], expected: str
) -> None:
    assert next_step(ROUTING, feeling, quadrant, need, registered) == expected


def test_every_next_step_has_a_reason_and_a_known_id() -> None:
    assert NEXT_STEPS <= EVERY_EXERCISE
    for target in NEXT_STEPS:
        assert CATALOG.has(f"check_in.why.{target.replace('-', '_')}"), target


def test_registered_next_steps_have_a_name() -> None:
    for target in NEXT_STEPS & set(FLOWS):
        assert CATALOG.has(name_key(target)), target
    assert CATALOG.has(name_key("check-in"))


# --------------------------------------------------------------------------- offering words


@pytest.mark.parametrize("quadrant", QUADRANTS)
def test_three_distinct_words_from_the_quadrant(quadrant: str) -> None:
    for seed in range(30):
        words = offer_words(VOCAB, quadrant, random.Random(seed))  # type: ignore[arg-type]
        assert len({w.id for w in words}) == 3
        assert all(w.quadrant == quadrant for w in words)
        article = sum(w.article for w in words)
        assert article == 2, "two words the article names, one finer word it does not"


def test_offers_vary() -> None:
    offers = {
        tuple(w.id for w in offer_words(VOCAB, "unpleasant_low", random.Random(seed)))
        for seed in range(20)
    }
    assert len(offers) >= 15


def test_words_already_heard_are_avoided_while_others_remain() -> None:
    quadrant = "pleasant_high"
    everything = [f.id for f in VOCAB.in_quadrant(quadrant)]
    heard = everything[:-4]
    for seed in range(10):
        words = offer_words(VOCAB, quadrant, random.Random(seed), avoid=heard)
        assert not {w.id for w in words} & set(heard)
    # When too few are left, repeats are allowed rather than offering fewer than three.
    words = offer_words(VOCAB, quadrant, random.Random(1), avoid=everything)
    assert len(words) == 3


# --------------------------------------------------------------------------- reading answers


def slot(name: str, value: str, rid: str | None = None, no_match: bool = False) -> Slot:
    return Slot(name, value, rid, None, no_match)


def test_a_resolved_feeling() -> None:
    a = read_answer(VOCAB, VAGUE_LEAN, FEELING, {"feeling": slot("feeling", "alone", "lonely")})
    assert a.feeling is not None
    assert a.feeling.id == "lonely"
    assert not a.unknown
    assert not a.vague
    assert not a.partner


def test_an_unresolved_value_found_in_the_vocabulary() -> None:
    a = read_answer(
        VOCAB, VAGUE_LEAN, FEELING, {"feeling": slot("feeling", "a bit worn out", None, True)}
    )
    assert a.feeling is not None
    assert a.feeling.id == "exhausted"


def test_an_unknown_word() -> None:
    a = read_answer(
        VOCAB, VAGUE_LEAN, FEELING, {"feeling": slot("feeling", "squiggly", None, True)}
    )
    assert a.feeling is None
    assert a.unknown
    assert a.pleasant is None


def test_an_empty_slot_is_neither_known_nor_unknown() -> None:
    a = read_answer(VOCAB, VAGUE_LEAN, FEELING, {"feeling": Slot("feeling")})
    assert a.feeling is None
    assert not a.unknown
    assert not a.heard


@pytest.mark.parametrize(
    ("value", "lean"),
    [("meh", None), ("i don't know", None), ("not great", False), ("good", True)],
)
def test_vague_words(value: str, lean: bool | None) -> None:
    by_id = read_answer(
        VOCAB, VAGUE_LEAN, FEELING, {"feeling": slot("feeling", value, vague_slot_id(value))}
    )
    by_text = read_answer(VOCAB, VAGUE_LEAN, FEELING, {"feeling": slot("feeling", value)})
    for a in (by_id, by_text):
        assert a.vague
        assert not a.unknown
        assert a.feeling is None
        assert a.pleasant is lean


def test_partner_phrase() -> None:
    a = read_answer(
        VOCAB, VAGUE_LEAN, PARTNER_FEELING, {"feeling": slot("feeling", "lonely", "lonely")}
    )
    assert a.partner
    assert a.feeling is not None


def test_pleasantness_answer_and_its_words() -> None:
    a = read_answer(
        VOCAB,
        VAGUE_LEAN,
        PLEASANTNESS,
        {"pleasantness": slot("pleasantness", "not good", "unpleasant")},
    )
    assert a.pleasant is False
    assert a.feeling is None
    assert not a.unknown


def test_a_feeling_word_or_only_its_synonym() -> None:
    drained = read_answer(
        VOCAB, VAGUE_LEAN, FEELING, {"feeling": slot("feeling", "drained", "drained")}
    )
    assert drained.feeling is not None
    assert drained.exact
    low = read_answer(VOCAB, VAGUE_LEAN, FEELING, {"feeling": slot("feeling", "low", "sad")})
    assert low.feeling is not None
    assert low.feeling.id == "sad"
    assert not low.exact, "a synonym heard at the energy question is only energy"
    hedged = read_answer(
        VOCAB, VAGUE_LEAN, FEELING, {"feeling": slot("feeling", "a bit drained", None)}
    )
    assert hedged.exact


def test_energy_answer() -> None:
    a = read_answer(VOCAB, VAGUE_LEAN, ENERGY, {"energy": slot("energy", "keyed up", "high")})
    assert a.energy == "high"
    assert a.feeling is None
    assert not a.unknown


def test_answer_types_never_take_a_feeling_word() -> None:
    """Words of PleasantnessType and EnergyType are never feelings or vague words, so a bare
    "good" or "drained" reaches FeelingIntent in every exercise, not the check-in's answers."""
    frag = yaml.safe_load((ROOT / "intents" / "src" / "checkin.yaml").read_text("utf-8"))
    forms = set(VOCAB.vague)
    for f in VOCAB.feelings:
        forms |= {*f.spoken_forms, f.id.replace("_", " ")}
    for stype in frag["types"]:
        if stype["name"] not in ("PleasantnessType", "EnergyType"):
            continue
        for value in stype["values"]:
            for word in (value["value"], *value.get("synonyms", [])):
                assert word not in forms, f"{stype['name']}: {word!r} is a feeling word"


def test_need_answers() -> None:
    a = read_answer(VOCAB, VAGUE_LEAN, NEED, {"need": slot("need", "a hug", "touch")})
    assert a.need is not None
    assert a.need.id == "touch"
    b = read_answer(
        VOCAB, VAGUE_LEAN, NEED, {"need": slot("need", "i just need some space", None, True)}
    )
    assert b.need is not None
    assert b.need.id == "space"
    # "calm" heard as a feeling word is still a need when a need is asked.
    c = read_answer(VOCAB, VAGUE_LEAN, FEELING, {"feeling": slot("feeling", "calm", "calm")})
    assert c.need is not None
    assert c.need.id == "calm"


@pytest.mark.parametrize(
    ("pleasant", "energy", "quadrant"),
    [
        (True, "high", "pleasant_high"),
        (True, "low", "pleasant_low"),
        (False, "high", "unpleasant_high"),
        (False, "low", "unpleasant_low"),
    ],
)
def test_quadrant_of(pleasant: bool, energy: str, quadrant: str) -> None:
    assert quadrant_of(pleasant, energy) == quadrant  # type: ignore[arg-type]
