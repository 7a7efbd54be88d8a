"""Small builders shared by the article exercises' unit tests."""

from __future__ import annotations

import random
from pathlib import Path

from skill.config import Settings
from skill.content import Renderer, catalog_for
from skill.state import Profile, SessionState
from skill.storage.sqlite import SqliteStore
from skill.turn import Incoming, Slot, Turn

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "audio_scripts"
VOCABULARY = CONTENT / "en" / "vocabulary.yaml"


def make_turn(
    *,
    intent: str | None = None,
    slots: dict[str, Slot] | None = None,
    profile: Profile | None = None,
    now: int = 1_793_646_000,
    seed: int = 1,
    locale: str = "en-US",
) -> Turn:
    """A Turn as the load interceptor would build it, without a store behind it."""
    return Turn(
        settings=Settings(),
        store=SqliteStore(":memory:"),
        key=None,
        req=Incoming(
            request_type="IntentRequest",
            locale=locale,
            new_session=False,
            intent=intent,
            slots=slots or {},
            now=now,
        ),
        session=SessionState(),
        profile=profile or Profile(),
        text=Renderer(catalog_for(CONTENT, locale), {}, random.Random(seed)),
        rng=random.Random(seed),
    )
