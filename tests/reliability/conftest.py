"""The reliability suite (issue 16): every case runs on SQLite and on DynamoDB Local where both
apply, and prints its figures (run with ``-s`` to see them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from skill.storage.dynamodb import DynamoStore, make_client
from skill.storage.sqlite import SqliteStore
from tests.support.dynamodb_local import local_settings
from tests.support.reliability import Backend
from tests.support.stores import scan_all


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
