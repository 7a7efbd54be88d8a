"""Every transcript in tests/conversations runs against the real skill and a real store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.conversation import run_transcript

TRANSCRIPTS = sorted((Path(__file__).parent / "conversations").glob("*.yaml"))


def _case(path: Path) -> Any:
    """A transcript with ``xfail: <reason>`` documents behaviour owed by other work: it must fail
    today (strict), so the marker is removed as soon as that work lands."""
    reason = yaml.safe_load(path.read_text("utf-8")).get("xfail")
    marks = [pytest.mark.xfail(reason=reason, strict=True, raises=AssertionError)] if reason else []
    return pytest.param(path, marks=marks, id=path.stem)


@pytest.mark.parametrize("path", [_case(p) for p in TRANSCRIPTS])
def test_transcript(path: Path) -> None:
    run_transcript(path)


def test_there_are_transcripts() -> None:
    assert len(TRANSCRIPTS) >= 10
