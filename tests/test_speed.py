"""What the cold start and the request path rely on (docs/performance.md, decisions 0031-0033)."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape as sax_escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skill.content import escape


@given(st.text())
def test_escape_is_saxutils_escape_with_quotes(text: str) -> None:
    assert escape(text) == sax_escape(text, {'"': "&quot;"})


def test_the_sdk_is_the_release_the_lean_path_was_written_against() -> None:
    """skill/request.py relies on ask-sdk internals (AttributesManager, HandlerInput, the
    runtime's dispatcher, the models' attribute_map): a new release must be re-checked."""
    from importlib.metadata import version

    from skill.request import SDK_VERSIONS

    assert {name: version(name) for name in SDK_VERSIONS} == SDK_VERSIONS
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text("utf-8")
    for name, pinned in SDK_VERSIONS.items():
        assert f'"{name}=={pinned}"' in pyproject, name


@pytest.mark.parametrize(
    ("stamp", "epoch"),
    [
        ("2026-11-02T19:00:00Z", 1793646000),
        ("2026-11-02T19:00:00.123Z", 1793646000),
        ("2026-11-02T20:00:00+01:00", 1793646000),
        ("2026-11-02T19:00:00", 1793646000),
        ("not a time", 7),
        ("", 7),
        (None, 7),
        (12, 7),
    ],
)
def test_timestamps_are_read_without_dateutil(stamp: object, epoch: int) -> None:
    from skill.request import epoch_of

    assert epoch_of(stamp, 7) == epoch
