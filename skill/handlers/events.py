"""Skill events: they arrive outside any session and say nothing back."""

from __future__ import annotations

from skill.handlers.base import TurnHandler
from skill.turn import Turn

SKILL_DISABLED = "AlexaSkillEvent.SkillDisabled"


class SkillDisabledHandler(TurnHandler):
    """Disabling the skill without keeping data removes everything kept for the account."""

    def matches(self, t: Turn) -> bool:
        return t.req.request_type == SKILL_DISABLED

    def act(self, t: Turn) -> None:
        t.reply.end_session = None
        if t.req.persistence_status != "PERSISTED":
            t.erase_account = True


class SkillEventHandler(TurnHandler):
    """Other skill events (enabled, permissions handled elsewhere): acknowledged, silent."""

    def matches(self, t: Turn) -> bool:
        return t.req.request_type.startswith("AlexaSkillEvent.")

    def act(self, t: Turn) -> None:
        t.reply.end_session = None
