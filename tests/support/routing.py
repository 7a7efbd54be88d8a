"""A bare Turn in a given conversational state, and which handler answers it (routing tests)."""

from __future__ import annotations

import random

from skill.config import Settings
from skill.content import Renderer, load_catalog
from skill.handlers import HANDLERS
from skill.state import Profile, SessionState
from skill.storage.sqlite import SqliteStore
from skill.turn import Incoming, Slot, Turn

CAT = load_catalog(Settings().content_dir, "en-US")


def turn(
    request_type: str = "IntentRequest",
    intent: str | None = None,
    flow: str | None = None,
    step: str | None = None,
    safety: object = None,
    slots: dict[str, Slot] | None = None,
) -> Turn:
    t = Turn(
        settings=Settings(),
        store=SqliteStore(":memory:"),
        key=None,
        req=Incoming(
            request_type=request_type,
            locale="en-US",
            new_session=False,
            intent=intent,
            slots=slots or {},
        ),
        session=SessionState(flow=flow, step=step),
        profile=Profile(consent="granted"),
        text=Renderer(CAT, {}, random.Random(1)),
        rng=random.Random(1),
    )
    t.safety = safety
    return t


def route(t: Turn) -> str:
    return next(type(h).__name__ for h in HANDLERS if h.matches(t))
