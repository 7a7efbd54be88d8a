"""``steadyheart validate``: the real tree passes; small copies show each check can fail."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from devtools.validate import Finding, Layout, References, python_references, validate

ROOT = Path(__file__).resolve().parents[1]


def errors(findings: list[Finding]) -> list[str]:
    return [f"{f.kind}: {f.subject}" for f in findings if f.level == "error"]


def test_the_project_validates() -> None:
    assert errors(validate(Layout.of(ROOT))) == []


@pytest.mark.slow
def test_the_command_runs_in_make_test() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "devtools.cli", "validate"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "0 errors" in done.stdout


# --- a small project of our own -------------------------------------------------------------

CODE = """
def ask(t, key):
    t.speak(key)
    t.reprompt(f"{key}.reprompt")


def start(t, flow, step, spoken):
    t.say("demo.hello")
    ask(t, "demo.question")
    t.say(f"help.{flow}.{step}")
    key = "demo.closing"
    if spoken:
        key += "_spoken"
    t.say(key)
    t.say(f"Not a key: {flow}")
"""
PROMPTS = {
    "demo.hello": "Hello.",
    "demo.question": "Ready?",
    "demo.question.reprompt": "Are you ready?",
    "help.demo.ask": "Say yes or no.",
    "demo.closing": "Bye.",
    "demo.closing_spoken": "Bye for now.",
    "demo.named_in_data": "From a table.",
}


def small_project(tmp_path: Path, *, prompts: dict[str, str], says: list[str]) -> Layout:
    (tmp_path / "skill").mkdir()
    (tmp_path / "skill" / "flow.py").write_text(CODE, "utf-8")
    content = tmp_path / "audio_scripts" / "en"
    content.mkdir(parents=True)
    lines = ["prompts:", *(f"  {k}: {v}" for k, v in prompts.items())]
    (content / "demo.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    (content / "table.yaml").write_text("ideas:\n  - {say: demo.named_in_data}\n", "utf-8")
    intents = tmp_path / "intents"
    intents.mkdir()
    shutil.copy(ROOT / "intents" / "en-US.json", intents / "en-US.json")
    transcripts = tmp_path / "conversations"
    transcripts.mkdir()
    transcript = {"turns": [{"user": "open steady heart", "says": says}]}
    (transcripts / "demo.yaml").write_text(yaml.safe_dump(transcript), "utf-8")
    return Layout(
        code_dirs=(tmp_path / "skill",),
        content_dir=tmp_path / "audio_scripts",
        model=intents / "en-US.json",
        transcripts_dir=transcripts,
    )


def test_a_small_project_without_problems_has_no_errors(tmp_path: Path) -> None:
    layout = small_project(tmp_path, prompts=PROMPTS, says=["demo.hello", "literal words"])
    assert errors(validate(layout)) == []


def test_an_orphan_prompt_is_an_error(tmp_path: Path) -> None:
    prompts = {**PROMPTS, "demo.forgotten": "Nobody says me.", "demo.forgotten.reprompt": "Me?"}
    layout = small_project(tmp_path, prompts=prompts, says=["demo.hello"])
    assert errors(validate(layout)) == [
        "orphan prompt: demo.forgotten",
        "orphan prompt: demo.forgotten.reprompt",
    ]


def test_an_unknown_key_in_a_transcript_is_an_error(tmp_path: Path) -> None:
    layout = small_project(tmp_path, prompts=PROMPTS, says=["demo.hello", "demo.helo"])
    assert errors(validate(layout)) == ["unknown key in transcript: demo.helo"]


def test_intents_no_transcript_sends_are_reported(tmp_path: Path) -> None:
    layout = small_project(tmp_path, prompts=PROMPTS, says=[])
    unexercised = {f.subject for f in validate(layout) if f.kind == "unexercised intent"}
    # The one transcript only opens the skill: every intent of the real model is unexercised.
    assert {"FeelingIntent", "AMAZON.HelpIntent", "ReminderIntent"} <= unexercised


def test_the_real_transcripts_leave_few_intents_unexercised() -> None:
    findings = [f for f in validate(Layout.of(ROOT)) if f.kind == "unexercised intent"]
    assert len(findings) <= 6, [f.subject for f in findings]


# --- how keys are found in code ---------------------------------------------------------------


def reachable(source: str, keys: set[str]) -> set[str]:
    refs = References()
    python_references(textwrap.dedent(source), refs)
    return refs.reachable(keys)


def test_literals_anywhere_are_references() -> None:
    source = """
        TABLE = {"calm": "demo.calm"}
        def f(t):
            t.say("demo.hello")
    """
    assert reachable(source, {"demo.calm", "demo.hello", "demo.other"}) == {
        "demo.calm",
        "demo.hello",
    }


def test_built_keys_reach_what_their_literal_parts_allow() -> None:
    source = """
        def f(t, flow, step, mood):
            t.say(f"help.{flow}.{step}")
            t.say("checkin.mood." + mood)
            t.say("lookback.%s.line" % mood)
            t.say(f"A sentence with {flow}, never a key")
    """
    keys = {"help.calming.ask", "checkin.mood.low", "lookback.week.line", "lookback.week.other"}
    assert reachable(source, keys) == keys - {"lookback.week.other"}


def test_suffixes_extend_reachable_keys_only() -> None:
    source = """
        def ask(t, key):
            t.say(f"{key}.reprompt")
        def f(t, quiet):
            key = "demo.close"
            if quiet:
                key += "_quiet"
            ask(t, key)
    """
    keys = {
        "demo.close",
        "demo.close_quiet",
        "demo.close.reprompt",
        "demo.orphan",
        "demo.orphan.reprompt",
        "demo.orphan_quiet",
    }
    assert reachable(source, keys) == {"demo.close", "demo.close_quiet", "demo.close.reprompt"}
