"""What the cold start and the request path rely on (docs/performance.md, decisions 0031-0033)."""

from __future__ import annotations

from xml.sax.saxutils import escape as sax_escape

from hypothesis import given
from hypothesis import strategies as st

from skill.content import escape


@given(st.text())
def test_escape_is_saxutils_escape_with_quotes(text: str) -> None:
    assert escape(text) == sax_escape(text, {'"': "&quot;"})
