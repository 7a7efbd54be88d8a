"""The gate before each concept rule must never hide a match (skill/language/safety/literals.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from skill.language.safety import engine
from skill.language.safety.literals import required_literals


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        (r"\bkill myself\b", ("kill myself",)),
        (r"(?:took|swallowed) (?:all )?(?:the )?pills", ("pills",)),
        (r"\b(?:rope|noose)\b", ("noose", "rope")),
        (r"(?:^|\band )to die\b", ("to die",)),
        (r"(?:a|b)?xy", ()),  # nothing of three letters is required
        (r"(?:end (?:it|my life)|die)", ("die", "end ")),
        (r"(?:end (?:it|my life)|me)", ()),  # one way through needs only "me"
        (r"(?i)kill", ()),  # case-folded patterns are not gated
    ],
)
def test_required_literals(pattern: str, needs: tuple[str, ...]) -> None:
    assert required_literals(pattern) == needs


def _texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["text"]] if isinstance(node.get("text"), str) else []
        return own + [t for v in node.values() for t in _texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in _texts(v)]
    return []


TABLE = Path(__file__).parent / "phrases.yaml"
TEXTS = [engine.normalise(t) for t in _texts(yaml.safe_load(TABLE.read_text(encoding="utf-8")))]


def test_no_gate_hides_a_match_in_the_table() -> None:
    hidden = [
        (text, regex.pattern[:60])
        for text in TEXTS
        for _, regex, needs in engine._second_look()
        if needs and regex.search(text) and not any(n in text for n in needs)
    ]
    assert hidden == []


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(TEXTS), st.sampled_from(TEXTS))
def test_gated_and_ungated_concepts_agree(a: str, b: str) -> None:
    text = f"{a} {b}"
    ungated = [c for c, regex, _ in engine._second_look() if regex.search(text)]
    assert engine._by_concept(text) == (min(ungated, key=engine._rank) if ungated else None)


def test_patterns_compile_as_written() -> None:
    for _, regex, _ in engine._second_look():
        assert re.compile(regex.pattern)
