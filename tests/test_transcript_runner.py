"""The transcript runner's own expectations, on small transcripts written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.support.conversation import TranscriptError, run_transcript


def transcript(tmp_path: Path, turn: dict[str, object]) -> Path:
    spec = {
        "seed": {"profile": {"consent": "granted"}},
        "turns": [{"user": "ask steady heart to calm me down before a conversation", **turn}],
    }
    path = tmp_path / "order.yaml"
    path.write_text(yaml.safe_dump(spec), "utf-8")
    return path


def test_says_in_order_passes_when_the_order_is_kept(tmp_path: Path) -> None:
    run_transcript(transcript(tmp_path, {"says_in_order": ["calming.intro", "calming.round"]}))


def test_says_in_order_fails_when_the_order_is_not_kept(tmp_path: Path) -> None:
    # Both are said (plain `says` passes), but not in this order.
    run_transcript(transcript(tmp_path, {"says": ["calming.round", "calming.intro"]}))
    with pytest.raises(TranscriptError, match=r"did not say 'calming.intro' after"):
        run_transcript(transcript(tmp_path, {"says_in_order": ["calming.round", "calming.intro"]}))


def test_says_in_order_fails_when_an_item_is_missing(tmp_path: Path) -> None:
    with pytest.raises(TranscriptError, match=r"did not say 'grounding.intro'"):
        run_transcript(
            transcript(tmp_path, {"says_in_order": ["calming.intro", "grounding.intro"]})
        )
