"""`steadyheart lint`: every exercise's timed parts stay near their intended length."""

from __future__ import annotations

import subprocess
import sys

import pytest

from devtools.lint import estimates
from devtools.models import LOCALES
from skill.config import Settings
from skill.content import speech_seconds


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
