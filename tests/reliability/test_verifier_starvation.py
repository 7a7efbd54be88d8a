"""The request verifier cannot be starved (issue 16, item 6), measured against a local S3.

Each case prints its figure (run with ``-s`` to see them): made-up URLs then a genuine request,
a server sending one byte a second, and 60 simultaneous genuine requests on a cold cache.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask

from selfhost.verify import AlexaRequestVerifier, VerificationError
from selfhost.web import create_app
from tests.support.alexa_pki import GOOD_URL, PKI, SKILL_ID, build_pki, echo_handler
from tests.support.chain_server import DRIP_URL, GOOD_PATH, ChainServer, chain_server

# Real sockets and servers that answer slowly on purpose: the deadlines take seconds.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pki() -> PKI:
    return build_pki()


@pytest.fixture
def s3(pki: PKI, tmp_path: Path) -> Iterator[ChainServer]:
    with chain_server(pki, tmp_path, delay_s=0.3) as server:
        yield server


def _verifier(pki: PKI, s3: ChainServer, **options: object) -> AlexaRequestVerifier:
    return AlexaRequestVerifier(
        skill_id=SKILL_ID,
        trust_roots=[pki.root.cert],
        fetcher=s3.fetcher(),
        clock=lambda: datetime.now(UTC),
        **options,  # type: ignore[arg-type]
    )


def _post(app: Flask, pki: PKI, url: str) -> int:
    body = pki.body(timestamp=datetime.now(UTC))
    return app.test_client().post("/", data=body, headers=pki.headers(body, url=url)).status_code


def _made_up(n: int) -> list[str]:
    return [f"https://s3.amazonaws.com/echo.api/made-up-{i}.pem" for i in range(n)]


def test_made_up_urls_cannot_starve_a_genuine_request(pki: PKI, s3: ChainServer) -> None:
    app = create_app(echo_handler, verifier=_verifier(pki, s3))
    made_up = [_post(app, pki, url) for url in _made_up(30)]
    genuine = _post(app, pki, GOOD_URL)
    print(f"\n[starvation] 30 made-up URLs: {made_up.count(400)} x 400; genuine after: {genuine}")
    assert made_up == [400] * 30
    assert genuine == 200

    # The same made-up URLs again: refused from the failure cache, no new download.
    assert [_post(app, pki, url) for url in _made_up(30)] == [400] * 30
    assert sum(n for path, n in s3.hits.items() if "made-up" in path) == 30
    assert s3.hits[GOOD_PATH] == 1


@pytest.mark.parametrize(
    "url",
    [
        GOOD_URL + "?bust=1",
        GOOD_URL + "?",
        GOOD_URL + "#frag",
        "https://s3.amazonaws.com:8443/echo.api/echo-api-cert-test.pem",
        "https://evil.example/echo.api/echo-api-cert-test.pem",
        "https://s3.amazonaws.com/not-echo/echo-api-cert-test.pem",
        "http://s3.amazonaws.com/echo.api/echo-api-cert-test.pem",
    ],
)
def test_urls_outside_the_rules_are_never_fetched(pki: PKI, s3: ChainServer, url: str) -> None:
    app = create_app(echo_handler, verifier=_verifier(pki, s3))
    assert _post(app, pki, url) == 400
    assert sum(s3.hits.values()) == 0


def test_a_failure_is_remembered_briefly_then_tried_again(pki: PKI, s3: ChainServer) -> None:
    tick = [1000.0]
    verifier = _verifier(pki, s3, failure_ttl_s=30.0, monotonic=lambda: tick[0])
    url = _made_up(1)[0]
    body = pki.body(timestamp=datetime.now(UTC))
    signature = pki.headers(body)["Signature-256"]
    for _ in range(3):
        with pytest.raises(VerificationError, match="could not be fetched"):
            verifier.verify(body=body, cert_url=url, signature=signature)
    assert sum(s3.hits.values()) == 1
    tick[0] += 30.0
    with pytest.raises(VerificationError):
        verifier.verify(body=body, cert_url=url, signature=signature)
    assert sum(s3.hits.values()) == 2


def test_a_one_byte_a_second_server_is_cut_at_the_deadline(pki: PKI, s3: ChainServer) -> None:
    verifier = _verifier(pki, s3)  # the production deadline: 3 s for the whole download
    body = pki.body(timestamp=datetime.now(UTC))
    signature = pki.headers(body)["Signature-256"]
    started = time.monotonic()
    with pytest.raises(VerificationError, match="could not be fetched"):
        verifier.verify(body=body, cert_url=DRIP_URL, signature=signature)
    held = time.monotonic() - started
    print(f"\n[slow download] 1 byte/s server cut after {held:.2f} s (deadline 3 s)")
    assert 3.0 <= held < 3.6


def test_a_slow_url_holds_up_neither_its_waiters_for_long_nor_other_urls(
    pki: PKI, s3: ChainServer
) -> None:
    app = create_app(echo_handler, verifier=_verifier(pki, s3, fetch_timeout_s=1.5))
    results: list[tuple[int, float]] = []

    def drip() -> None:
        started = time.monotonic()
        status = _post(app, pki, DRIP_URL)
        results.append((status, time.monotonic() - started))

    waiters = [threading.Thread(target=drip) for _ in range(10)]
    for thread in waiters:
        thread.start()
    time.sleep(0.2)
    started = time.monotonic()
    assert _post(app, pki, GOOD_URL) == 200
    assert time.monotonic() - started < 1.0  # not queued behind the slow download
    for thread in waiters:
        thread.join(10)
    assert [status for status, _ in results] == [400] * 10
    assert max(held for _, held in results) < 2.5
    assert s3.hits[DRIP_URL.removeprefix("https://s3.amazonaws.com")] == 1


def test_sixty_simultaneous_genuine_requests_on_a_cold_cache(pki: PKI, s3: ChainServer) -> None:
    app = create_app(echo_handler, verifier=_verifier(pki, s3))
    gate = threading.Barrier(60)
    statuses: list[int] = []
    bodies: list[str] = []
    lock = threading.Lock()

    def request() -> None:
        body = pki.body(timestamp=datetime.now(UTC))
        client = app.test_client()
        gate.wait()
        answer = client.post("/", data=body, headers=pki.headers(body))
        with lock:
            statuses.append(answer.status_code)
            bodies.append(answer.get_data(as_text=True))

    threads = [threading.Thread(target=request) for _ in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    ok = statuses.count(200)
    print(f"\n[cold cache] 60 simultaneous genuine: {ok} x 200, {s3.hits[GOOD_PATH]} download(s)")
    assert ok == 60
    assert s3.hits[GOOD_PATH] == 1
    spoken = {json.loads(b)["response"]["outputSpeech"]["text"] for b in bodies}
    assert spoken == {"ok LaunchRequest"}
