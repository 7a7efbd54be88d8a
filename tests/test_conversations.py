"""Every transcript in tests/conversations runs against the real skill and a real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.conversation import run_transcript

TRANSCRIPTS = sorted((Path(__file__).parent / "conversations").glob("*.yaml"))


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda p: p.stem)
def test_transcript(path: Path) -> None:
    run_transcript(path)


def test_there_are_transcripts() -> None:
    assert len(TRANSCRIPTS) >= 10
