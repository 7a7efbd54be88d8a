"""Words a pattern cannot match without: a cheap gate in front of a concept's regular expression.

A concept rule (``second_look``) is searched anywhere in the text on every turn, so one without
a ``needs`` list costs a full regex search even on "lonely". This reads the pattern's parse tree
and finds a set of literal strings of which every match must contain at least one: the gate is
then ``any(n in text for n in needs)``, exact by construction (never a missed match), and is
worked out when the rules are loaded (at build time for the artifact, whose bundle carries it).
"""

from __future__ import annotations

import re
import re._parser as sre  # type: ignore[import-not-found,unused-ignore]
from typing import Any

_MIN_LENGTH = 3
"""A gate of shorter strings ("me", "i ") would pass on almost every sentence."""

_Needs = frozenset[str] | None
"""None: no literal is required (the gate would be empty)."""

_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}


def required_literals(pattern: str) -> tuple[str, ...]:
    """Strings of which any match of ``pattern`` contains one; () when none can be told."""
    try:
        tree = sre.parse(pattern)
    except re.error:
        return ()
    if tree.state.flags & re.IGNORECASE:
        return ()
    found = _sequence(list(tree))
    return tuple(sorted(found)) if found else ()


def _better(a: _Needs, b: _Needs) -> _Needs:
    """The more selective of two sets: longer shortest string, then fewer strings."""
    if a is None:
        return b
    if b is None:
        return a
    key_a = (min(map(len, a)), -len(a))
    key_b = (min(map(len, b)), -len(b))
    return a if key_a >= key_b else b


def _usable(found: _Needs) -> _Needs:
    if found is None or not found or min(map(len, found)) < _MIN_LENGTH:
        return None
    return found


def _sequence(items: list[tuple[Any, Any]]) -> _Needs:
    """Every item of a sequence must match: the best required set of any one of them, or a
    run of literals next to each other (zero-width items do not break a run)."""
    best: _Needs = None
    run = ""
    for op, arg in items:
        if op is sre.LITERAL:
            run += chr(arg)
            continue
        if op in _ZERO_WIDTH:
            continue
        best = _better(best, _usable(frozenset({run}) if run else None))
        run = ""
        best = _better(best, _usable(_item(op, arg)))
    return _better(best, _usable(frozenset({run}) if run else None))


def _item(op: Any, arg: Any) -> _Needs:
    if op is sre.SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op is sre.BRANCH:
        union: set[str] = set()
        for alternative in arg[1]:
            found = _usable(_sequence(list(alternative)))
            if found is None:
                return None  # one way through needs nothing: the whole branch needs nothing
            union |= found
        return frozenset(union)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, _high, inner = arg
        return _sequence(list(inner)) if low >= 1 else None
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _sequence(list(arg))
    return None  # a class, any character, a back reference: no literal to require
