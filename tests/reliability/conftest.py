"""The reliability suite (issue 16): every case runs on SQLite and on DynamoDB Local where both
apply, and prints its figures (run with ``-s`` to see them)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from skill.storage.base import OwnerKey, Store
from skill.storage.dynamodb import DynamoStore, make_client
from skill.storage.sqlite import SqliteStore
from tests.storage.conftest import scan_all
from tests.support.conversation import USER, Conversation, catalog, key_pattern
from tests.support.dynamodb_local import local_settings


@dataclass
class Backend:
    kind: str
    store: Store
    rows: Callable[[], list[dict[str, Any]]]
    """Every stored item as ``{"pk": str, "sk": str, ...}``."""
    fresh: Callable[[], Store]
    """Another store on the same data (another device, another Lambda worker)."""


@pytest.fixture(params=["sqlite", "dynamodb"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    if request.param == "sqlite":
        path = tmp_path / "notes" / "steadyheart.db"
        store = SqliteStore(path)

        def rows() -> list[dict[str, Any]]:
            import sqlite3

            db = sqlite3.connect(path)
            try:
                return [{"pk": r[0], "sk": r[1]} for r in db.execute("SELECT pk, sk FROM kept")]
            finally:
                db.close()

        yield Backend("sqlite", store, rows, lambda: SqliteStore(path))
        store.close()
        return
    endpoint = request.getfixturevalue("dynamodb_endpoint")
    table = request.getfixturevalue("dynamodb_table")
    client = make_client(local_settings(endpoint))
    yield Backend(
        "dynamodb",
        DynamoStore(client, table),
        lambda: [{"pk": i["pk"]["S"], "sk": i["sk"]["S"]} for i in scan_all(client, table)],
        lambda: DynamoStore(make_client(local_settings(endpoint)), table),
    )


def device(store: Store, person: str | None = None) -> Conversation:
    """One Echo device of the household (the same account), with real, unique request ids."""
    conv = Conversation(store=store, person=person)  # type: ignore[arg-type]
    conv.sim.ids = lambda: uuid.uuid4().hex
    return conv


def said(speech: str, key: str) -> bool:
    return key_pattern(catalog("en-US"), key).search(speech) is not None


def history_rows(rows: list[dict[str, Any]], key: OwnerKey) -> list[dict[str, Any]]:
    return [r for r in rows if r["pk"] == key.pk and r["sk"].startswith(key.history_prefix)]


__all__ = ["USER", "Backend", "device", "history_rows", "said"]
