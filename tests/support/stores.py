"""Stores under test: a store and a way to read back everything it physically holds."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


@contextmanager
def refusing_endpoint() -> Iterator[tuple[str, Callable[[], int]]]:
    """A loopback port nobody listens on: connections are refused at once."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    yield f"http://127.0.0.1:{port}", lambda: 0
