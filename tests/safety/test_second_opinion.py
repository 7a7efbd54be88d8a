"""The safety screen's statistical second opinion (decision 0070).

The shipped weights are what a fresh training run makes from the repository's phrases; the model
only adds a catch to the rules, never takes one back or changes the rules' category; it is read
lazily, and a broken file is refused rather than half read.
"""

from __future__ import annotations

import json
import subprocess
import sys
from array import array
from functools import cache
from pathlib import Path

import pytest

from devtools import safety_model as sm
from skill.language.safety import engine, screen
from skill.language.safety import second_opinion as so

REPO = Path(__file__).resolve().parents[2]


@cache
def _examples() -> list[sm.Example]:
    return sm.material()


def test_the_shipped_weights_are_a_fresh_training_run() -> None:
    shipped = so.load()
    assert shipped is not None, "run: steadyheart safety-model"
    fresh = sm.train(_examples(), sm.concept_words(), shipped.threshold)
    meta, weights = sm.render(fresh)
    assert so.META_FILE.read_text("utf-8") == meta, "run: steadyheart safety-model"
    assert so.WEIGHTS_FILE.read_bytes() == weights, "run: steadyheart safety-model"


def test_the_model_only_adds_to_the_rules() -> None:
    """Wherever the rules find something, the screen reports exactly what they found."""
    crisis = [e for e in _examples() if e.label][:400]
    for e in crisis:
        ruled = engine.screen_rules(e.norm)
        if ruled is not None:
            assert screen(e.norm) == ruled, e.norm


def test_the_model_agrees_with_the_crisis_phrases_it_was_trained_on() -> None:
    """Not a measure of generalising (decision 0070 records the held-out figures): a model that
    lost its weights, its features or its threshold would fail this.

    The bar is 60% of the crisis phrases, not the first 80%: the threshold is whatever keeps
    out-of-fold false alarms on the hand-written negatives at 1%, and the training pools' look-
    alike negatives (decision 0079) moved it from 0.074 to 0.027, so the shipped model fits 68%
    of its crisis phrases where it fitted 85%; no retrain setting tried fitted more without
    losing out-of-fold recall. A model without its concept features fits 40%, without its
    weights none. And it must still keep quiet on the hand-written negatives it was shown.
    """
    model = so.load()
    assert model is not None
    crisis = [e for e in _examples() if e.label]
    caught = [e for e in crisis if model.judge(e.norm) is not None]
    assert len(caught) >= 0.6 * len(crisis), f"{len(caught)}/{len(crisis)}"
    hard = [e for e in _examples() if not e.label and e.hard]
    fired = [e.norm for e in hard if model.judge(e.norm) is not None]
    assert len(fired) <= 0.01 * len(hard), fired[:10]
    right = sum(model.judge(e.norm) == sm.CLASSES[e.label] for e in caught)
    assert right >= 0.9 * len(caught), f"{right}/{len(caught)}"


def test_everyday_speech_it_was_shown_stays_quiet() -> None:
    model = so.load()
    assert model is not None
    everyday = [e for e in _examples() if not e.label and not e.hard]
    fired = [e.norm for e in everyday if model.judge(e.norm) is not None]
    assert len(fired) <= 0.002 * len(everyday), fired[:10]


def test_nothing_is_read_at_import() -> None:
    code = (
        "import skill.language.safety as s\n"
        "from skill.language.safety import second_opinion as so\n"
        "assert so._shipped.cache_info().currsize == 0\n"
        "s.screen('i want to kill myself')\n"
        "assert so._shipped.cache_info().currsize == 0, 'the rules caught it: no model needed'\n"
        "s.screen('so lonely')\n"
        "assert so._shipped.cache_info().currsize == 0, 'two words are the rules alone'\n"
        "s.screen('what a lovely morning')\n"
        "assert so._shipped.cache_info().currsize == 1\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_weights_that_do_not_fit_the_classes_are_refused(tmp_path: Path) -> None:
    meta = json.loads(so.META_FILE.read_text("utf-8"))
    (tmp_path / "m.json").write_text(json.dumps(meta), "utf-8")
    (tmp_path / "w.bin").write_bytes(array("b", [0] * 10).tobytes())
    with pytest.raises(ValueError, match="do not match"):
        so.load(tmp_path / "m.json", tmp_path / "w.bin")
    meta["classes"] = ["none", "weather"]
    (tmp_path / "m.json").write_text(json.dumps(meta), "utf-8")
    with pytest.raises(ValueError, match="unknown classes"):
        so.load(tmp_path / "m.json", tmp_path / "w.bin")
    assert so.load(tmp_path / "absent.json", tmp_path / "w.bin") is None


def test_features_read_concept_classes_and_neighbours() -> None:
    feats = so.features("i am going to stab him", {"stab": "HARMV", "him": "THEM"})
    assert {"HARMV", "to^HARMV", "HARMV^THEM", "going_to", "going__stab"} <= set(feats)
    assert sorted(so.hashed(feats, 1 << 15)) == sorted(so.hashed(feats[::-1] * 2, 1 << 15))


def test_concept_words_come_from_the_rules_macros() -> None:
    words = sm.concept_words()
    assert words["paracetamol"] == "MEANS"
    assert words["stab"] == "HARMV"
    assert words["stepdad"] == "ADULT"
