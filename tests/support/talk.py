"""A conversation with the skill whose Alexa API endpoint is the local fake.

The YAML transcript harness builds its own Simulator with Alexa's real endpoint, so the reminder
conversations (which call the API) are written here, in Python, with the same ``Conversation``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from devtools.simulator import Exchange
from skill.state import Profile
from tests.support.conversation import Conversation, catalog, key_pattern
from tests.support.fake_alexa_api import FakeAlexaApi

SCOPE = "alexa::alerts:reminders:skill:readwrite"


def said(ex: Exchange, key: str) -> bool:
    """Whether any variation of the content ``key`` was spoken (placeholders as wildcards)."""
    return key_pattern(catalog("en-US"), key).search(ex.speech) is not None


def directives(ex: Exchange) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = ex.response.get("response", {}).get("directives") or []
    return found


@dataclass
class Talk:
    conv: Conversation
    fake: FakeAlexaApi

    @classmethod
    def start(cls, fake: FakeAlexaApi, person: str | None = None, **profile: Any) -> Talk:
        conv = Conversation(person=person)
        conv.sim.api_endpoint = fake.url
        if profile:
            conv.seed({"profile": profile})
        return cls(conv, fake)

    @property
    def now(self) -> int:
        return int(self.conv.now.timestamp())

    def say(self, text: str, *, wait: str = "+20s") -> Exchange:
        self.conv.advance(wait)
        return self.conv.say(text)

    def later(self, days: int) -> None:
        self.conv.now += timedelta(days=days)

    def consent_answer(
        self, status: str, token: str, *, code: str = "200", name: str = "AskFor"
    ) -> Exchange:
        """Alexa's Connections.Response to our AskFor: a new request, in a new session."""
        self.conv.advance("+30s")
        self.conv.sim.session_id = None
        self.conv.sim._new_session()
        return self.conv.sim.send_raw(
            {
                "type": "Connections.Response",
                "name": name,
                "status": {"code": code, "message": "OK"},
                "payload": {
                    "permissionScopes": [{"permissionScope": SCOPE, "consentLevel": "ACCOUNT"}],
                    "status": status,
                },
                "token": token,
            }
        )

    def profile(self) -> Profile:
        found = self.conv.profile()
        assert found is not None, "no profile stored"
        return found
