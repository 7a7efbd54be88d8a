"""Regular expressions compiled the first time they read something, not at import.

The language layer holds a few hundred patterns. Compiling them all at import was the largest
single cost of a cold start that is our own (about 19 ms of a 180 ms first turn under Lambda's
Python, docs/performance.md), paid even by turns that read no words (a button-like intent, a
launch). A :class:`LazyPattern` compiles on its first use and keeps the compiled form, so a warm
turn is unchanged and a cold turn pays only for the patterns its words reach (decision 0094).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

__all__ = ["LazyPattern"]


class LazyPattern:
    """A ``re.Pattern[str]`` compiled on first use; the methods the language layer calls."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern: Final = pattern
        self.flags: Final = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern, self.flags)
        return compiled

    def search(self, string: str) -> re.Match[str] | None:
        return self.compiled.search(string)

    def match(self, string: str) -> re.Match[str] | None:
        return self.compiled.match(string)

    def fullmatch(self, string: str) -> re.Match[str] | None:
        return self.compiled.fullmatch(string)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    def subn(
        self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
    ) -> tuple[str, int]:
        return self.compiled.subn(repl, string, count)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"
