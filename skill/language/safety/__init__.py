"""The crisis and abuse screen: :func:`screen` over rule data (``rules/*.yaml``).

The engine (:mod:`.engine`) applies the rules; :mod:`.rules` loads and checks the data files.
Importing the package loads only the types (:mod:`.finding`); the engine and its rules load the
first time :func:`screen`, :func:`most_urgent` or :func:`normalise` is reached, which is the first
turn that brings words (decision 0094).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.language.safety.finding import SafetyCategory, SafetyFinding

if TYPE_CHECKING:
    from skill.language.safety.engine import most_urgent, normalise, screen

__all__ = ["SafetyCategory", "SafetyFinding", "most_urgent", "normalise", "screen"]

_FROM_ENGINE = frozenset({"most_urgent", "normalise", "screen"})


def __getattr__(name: str) -> object:
    if name in _FROM_ENGINE:
        from skill.language.safety import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
