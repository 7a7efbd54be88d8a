"""Crisis or abuse language, at any point: a calm answer with the locale's resources first."""

from __future__ import annotations

from skill.handlers.base import TurnHandler
from skill.turn import Turn


class SafetyHandler(TurnHandler):
    # CrisisIntent is flagged by the screening interceptor, like any phrase that screens positive.
    intents = frozenset({"CrisisIntent"})

    def matches(self, t: Turn) -> bool:
        return t.safety is not None

    def act(self, t: Turn) -> None:
        t.nav.start("safety")
