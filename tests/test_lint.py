"""`steadyheart lint`: timed parts stay near their intended length; other turns stay short."""

from __future__ import annotations

import subprocess
import sys

import pytest

from devtools.lint import (
    FIRST_VISIT_WORDS,
    MAX_TURN_QUESTIONS,
    MAX_TURN_WORDS,
    TurnLength,
    estimates,
    turn_lengths,
)
from devtools.models import LOCALES
from skill.config import Settings
from skill.content import load_catalog, speech_seconds
from skill.exercises import EXERCISES
from skill.exercises.menu import short_key


@pytest.mark.parametrize("locale", LOCALES)
def test_exercises_keep_their_intended_length(locale: str) -> None:
    found = estimates(Settings(), locale)
    assert found, "no timed exercise parts"
    off = [f"{e.flow}/{e.part}: {e.seconds:.0f}s vs {e.target_s:g}s" for e in found if not e.ok]
    assert not off, off


def test_estimate_counts_words_and_pauses() -> None:
    assert speech_seconds('one two three <break time="4s"/>') == pytest.approx(4 + 3 * 0.4)
    assert speech_seconds('<break time="500ms"/>') == pytest.approx(0.5)


@pytest.mark.slow
def test_lint_command_prints_every_estimate() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "devtools.cli", "lint"], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    for e in estimates(Settings(), "en-US"):
        assert e.part in out.stdout


@pytest.mark.parametrize("locale", LOCALES)
def test_no_turn_outside_a_practice_is_long_or_asks_twice(locale: str) -> None:
    found = turn_lengths(Settings(), locale)
    assert len(found) > 100, "the turn-length check measured almost nothing"
    over = [f"{t.name}: {t.words} words, {t.questions} questions" for t in found if not t.ok]
    assert not over, over


def test_the_first_visit_asks_within_forty_words_for_every_variation() -> None:
    firsts = [t for t in turn_lengths(Settings(), "en-US") if "before the question" in t.name]
    assert len(firsts) == 2
    assert all(t.words < FIRST_VISIT_WORDS for t in firsts), firsts


def test_the_turn_check_catches_a_long_turn_and_two_questions() -> None:
    assert not TurnLength("x", MAX_TURN_WORDS + 1, 1, "").ok
    assert not TurnLength("x", 10, MAX_TURN_QUESTIONS + 1, "").ok
    assert TurnLength("x", MAX_TURN_WORDS, MAX_TURN_QUESTIONS, "").ok


def test_every_exercise_has_a_short_menu_name() -> None:
    cat = load_catalog(Settings().content_dir, "en-US")
    missing = [e for e in EXERCISES if not cat.has(short_key(e))]
    assert not missing
