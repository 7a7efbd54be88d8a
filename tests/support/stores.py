"""Stores under test: a store and a way to read back everything it physically holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from skill.storage.base import Store


def scan_all(client: Any, table: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    kwargs: dict[str, Any] = {"TableName": table, "ConsistentRead": True}
    while True:
        page = client.scan(**kwargs)
        items.extend(page["Items"])
        if "LastEvaluatedKey" not in page:
            return items
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


@dataclass
class StoreUnderTest:
    """A store and a way to read back everything it physically holds, as text rows."""

    kind: str
    store: Store
    rows: Callable[[], list[dict[str, Any]]]
    """Every stored item as ``{attribute: python value}`` (strings and ints)."""
