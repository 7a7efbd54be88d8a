"""The local Reminders and Settings API, one per test, on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.fake_alexa_api import FakeAlexaApi


@pytest.fixture
def fake_api() -> Iterator[FakeAlexaApi]:
    fake = FakeAlexaApi().start()
    try:
        yield fake
    finally:
        fake.stop()
