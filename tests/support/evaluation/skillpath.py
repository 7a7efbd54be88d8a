"""The one place the evaluation imports the developer tools it drives.

The resolver (typed text -> intent), the envelope simulator and the ``serve`` command live in
developer packages that may move; everything under ``tests/evaluation`` imports them from here
only, so a move is fixed in this file alone. The skill itself (``skill.app``, ``skill.content``,
``skill.language.safety``, ``devtools.models``) is imported directly: it is what is being measured.
"""

from __future__ import annotations

import sys
from pathlib import Path

from devtools.nlu import FALLBACK_INTENT, Resolver, parse_invocation
from devtools.simulator import SKILL_ID, Exchange, Simulator

__all__ = [
    "FALLBACK_INTENT",
    "SKILL_ID",
    "Exchange",
    "Resolver",
    "Simulator",
    "parse_invocation",
    "serve_command",
]

SERVE_MODULE = "devtools.cli"
"""Module whose ``main(["serve", ...])`` runs ``steadyheart serve`` (used when the console
script is not installed beside the interpreter)."""


def serve_command(host: str, port: int) -> list[str]:
    """``steadyheart serve --no-verify`` on ``host:port``, as a command line."""
    args = ["serve", "--host", host, "--port", str(port), "--no-verify"]
    script = Path(sys.executable).parent / "steadyheart"
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", SERVE_MODULE, *args]
