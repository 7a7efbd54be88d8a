"""What the reliability suite shares: a backend under test and one household device."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from skill.storage.base import OwnerKey, Store
from tests.support.conversation import USER, Conversation, catalog, key_pattern

__all__ = ["USER", "Backend", "device", "history_rows", "said"]


@dataclass
class Backend:
    kind: str
    store: Store
    rows: Callable[[], list[dict[str, Any]]]
    """Every stored item as ``{"pk": str, "sk": str, ...}``."""
    fresh: Callable[[], Store]
    """Another store on the same data (another device, another Lambda worker)."""


def device(store: Store, person: str | None = None) -> Conversation:
    """One Echo device of the household (the same account), with real, unique request ids."""
    conv = Conversation(store=store, person=person)  # type: ignore[arg-type]
    conv.sim.ids = lambda: uuid.uuid4().hex
    return conv


def said(speech: str, key: str) -> bool:
    return key_pattern(catalog("en-US"), key).search(speech) is not None


def history_rows(rows: list[dict[str, Any]], key: OwnerKey) -> list[dict[str, Any]]:
    return [r for r in rows if r["pk"] == key.pk and r["sk"].startswith(key.history_prefix)]
