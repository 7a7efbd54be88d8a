"""The terminal conversation, as a newcomer runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Each test starts the command in a fresh interpreter.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def chat(stdin: str, *args: str, env: dict[str, str] | None = None) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "devtools.cli", "chat", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=60,
    )
    assert out.stderr == "", out.stderr
    return out.stdout


def test_piped_turns_print_three_answers_and_a_session_end() -> None:
    out = chat("open steady heart\nhelp\nstop\n", "--store", ":memory:")
    answers = [line for line in out.splitlines() if line.startswith("Alexa: ")]
    assert len(answers) == 3
    assert "not therapy" in answers[0]
    assert "Take care" in answers[2] or "Goodbye" in answers[2] or "Bye" in answers[2]
    assert out.splitlines()[-1] == "[session ended]"


def test_empty_line_plays_the_reprompt_and_pauses_are_shown() -> None:
    out = chat("open steady heart\n\nno\nground me\n", "--store", ":memory:")
    assert "Yes or no." in out
    assert "(pause 3s)" in out


def test_sqlite_store_remembers_between_runs(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    chat("open steady heart\nyes\nstop\n", "--store", str(db))
    out = chat("open steady heart\nstop\n", "--store", str(db))
    assert "keep private notes" not in out
    assert "Would you like" in out or "Which would you like" in out or "What feels right" in out


def test_default_store_lives_in_the_user_data_folder(tmp_path: Path) -> None:
    chat("open steady heart\nyes\n", env={"XDG_DATA_HOME": str(tmp_path)})
    assert (tmp_path / "steadyheart" / "steadyheart.db").exists()


def test_one_shot_and_recognised_voice() -> None:
    # A check-in keeps notes, so a first one-shot asks first; grounding keeps none and starts.
    out = chat("tell steady heart i feel lonely\n", "--store", ":memory:", "--person", "p1")
    assert "keep private notes" in out
    out = chat("ask steady heart to ground me\n", "--store", ":memory:", "--person", "p1")
    assert "keep private notes" not in out
    assert "(pause 3s)" in out
