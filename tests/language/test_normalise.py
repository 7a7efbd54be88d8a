"""The one normaliser (skill/language/normalise.py) as a table, and its callers agreeing on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devtools.nlu import normalize as resolver_normalize
from skill.language import coaching
from skill.language.normalise import (
    expand_contractions,
    fold,
    fold_spelling,
    normalise,
    tokens,
    with_apostrophes,
)
from skill.language.safety import engine as safety
from skill.language.second_person import to_listener
from skill.vocabulary import load_vocabulary, vague_slot_id

ROOT = Path(__file__).resolve().parents[2]

NORMALISED = [
    # case, whitespace, punctuation
    ("I'm feeling LONELY!!!", "i'm feeling lonely"),
    ("  he   hit\tme \n", "he hit me"),
    ("Oh, GREAT \u2014 you're late\u2026 again!", "oh great you're late again"),
    ("check-in, please.", "check in please"),
    ("snake_case", "snake case"),
    ("?!", ""),
    ("", ""),
    # apostrophes: every mark becomes one, kept only inside a word
    ("I\u2019m OK", "i'm ok"),
    ("I DON`T know", "i don't know"),
    ("don\u00b4t", "don't"),
    ("\u2018quoted\u2019 words", "quoted words"),
    ("'quoted' words", "quoted words"),
    ("the dogs' bowls", "the dogs bowls"),
    ("it\u2019s 2 o\u2019clock", "it's 2 o'clock"),
    # width, ligatures, accents
    ("\uff26\uff35\uff2c\uff2c width", "full width"),
    ("my fianc\u00e9 said", "my fiance said"),
    ("\ufb01ne", "fine"),
    # numerals and times
    ("8pm", "8 pm"),
    ("8:30pm", "8:30 pm"),
    ("at 7 a.m. sharp", "at 7 am sharp"),
    ("8 p.m.", "8 pm"),
    ("note: buy milk", "note buy milk"),
    ("I'm 35 and he's 40", "i'm 35 and he's 40"),
    # what Alexa's ASR gives: lowercase, no punctuation, fillers left in
    ("um i dont know i guess im kinda tired", "um i dont know i guess im kinda tired"),
    ("uh he said hes gonna leave", "uh he said hes gonna leave"),
    # a masked swear word stays a word
    ("you're such a f***", "you're such a f***"),
]


@pytest.mark.parametrize(("raw", "normal"), NORMALISED)
def test_normalise(raw: str, normal: str) -> None:
    assert normalise(raw) == normal
    assert tokens(raw) == tuple(normal.split())


@given(st.text())
def test_normalise_is_idempotent_and_never_raises(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert once == once.strip()
    assert "  " not in once


@pytest.mark.parametrize(
    ("normal", "expanded"),
    [
        ("i'm scared he'll be home", "i am scared he will be home"),
        ("im scared hes drunk", "i am scared he is drunk"),
        ("i can't go on", "i can not go on"),
        ("i won't and i cannot", "i will not and i can not"),
        ("dont wanna", "do not want to"),
        ("my mom's car", "my moms car"),
        ("she's been there", "she is been there"),
        ("youve got to", "you have got to"),
        ("i'd go", "i would go"),
        ("well ill go", "well ill go"),  # ambiguous bare forms stay
    ],
)
def test_expand_contractions(normal: str, expanded: str) -> None:
    assert expand_contractions(normal) == expanded


@pytest.mark.parametrize(
    ("normal", "restored"),
    [
        ("youre always late", "you're always late"),
        ("i dont think shes lazy", "i don't think she's lazy"),
        ("its fine well see", "its fine well see"),
    ],
)
def test_with_apostrophes(normal: str, restored: str) -> None:
    assert with_apostrophes(normal) == restored


def test_fold_spelling_is_whole_words_only() -> None:
    assert fold_spelling("my mum criticised my colour") == "my mom criticized my color"
    assert fold_spelling("otherwise the sunrise") == "otherwise the sunrise"


def test_fold_keeps_punctuation_and_accents() -> None:
    assert fold("  He SAID, \u2018caf\u00e9\u2019\u2026 ") == "he said, 'caf\u00e9'..."


# --- every reader starts from the same words -----------------------------------------------

ASR_AND_TYPED = [
    "I\u2019M SO TIRED",
    "i dont know",
    "my husband\u2019s  been DISTANT\u2014again",
    "he said i\u00b4m worthless",
    "check-in at 8pm",
]


@pytest.mark.parametrize("text", ASR_AND_TYPED)
def test_callers_agree_on_the_words(text: str) -> None:
    base = normalise(text)
    assert resolver_normalize(text) == base
    assert coaching.normalise(text) == with_apostrophes(base)
    assert safety.normalise(text) == safety.normalise(base)


def test_vocabulary_reads_british_spelling() -> None:
    vocab = load_vocabulary(ROOT / "audio_scripts" / "en" / "vocabulary.yaml")
    found = vocab.find_feeling("criticized")
    assert found is not None
    assert vocab.find_feeling("I feel criticised") == found


def test_vague_ids_and_read_back_use_the_normaliser() -> None:
    assert vague_slot_id("I DON\u2019T know") == "vague_i_dont_know"
    assert to_listener("I\u2019M proud of MY work") == "you're proud of your work"
