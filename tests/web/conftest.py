"""Fixtures for the web tests (see alexa_pki.py for the test PKI)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from selfhost.verify import AlexaRequestVerifier
from tests.support.alexa_pki import PKI, SKILL_ID, Clock, RecordingFetcher, build_pki


@pytest.fixture(scope="session")
def pki() -> PKI:
    return build_pki()


@pytest.fixture
def fetcher(pki: PKI) -> RecordingFetcher:
    return RecordingFetcher(pki.chains)


@pytest.fixture
def clock(pki: PKI) -> Clock:
    return Clock(pki.now)


VerifierFactory = Callable[..., AlexaRequestVerifier]


@pytest.fixture
def make_verifier(pki: PKI, fetcher: RecordingFetcher, clock: Clock) -> VerifierFactory:
    def build(**overrides: Any) -> AlexaRequestVerifier:
        options: dict[str, Any] = {
            "skill_id": SKILL_ID,
            "trust_roots": [pki.root.cert],
            "fetcher": fetcher,
            "clock": clock,
        }
        options.update(overrides)
        return AlexaRequestVerifier(**options)

    return build
