"""The production chain fetcher (ChainFetcher) against a local stand-in for S3 on 127.0.0.1."""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from selfhost.verify import ChainFetcher, VerificationError
from tests.support.alexa_pki import GOOD_URL, PKI, build_pki
from tests.support.chain_server import (
    BIG_URL,
    DRIP_HEADERS_URL,
    DRIP_URL,
    REDIRECT_URL,
    ChainServer,
    chain_server,
)

# Real sockets and servers that answer slowly on purpose: the deadlines take seconds.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pki() -> PKI:
    return build_pki()


@pytest.fixture(scope="module")
def s3(pki: PKI, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChainServer]:
    with chain_server(pki, tmp_path_factory.mktemp("s3")) as server:
        yield server


def test_fetches_the_chain(s3: ChainServer, pki: PKI) -> None:
    assert s3.fetcher()(GOOD_URL, 5.0) == pki.chains[GOOD_URL]


def test_does_not_follow_redirects(s3: ChainServer) -> None:
    with pytest.raises(OSError, match="HTTP 302"):
        s3.fetcher()(REDIRECT_URL, 5.0)


def test_http_errors_raise(s3: ChainServer) -> None:
    with pytest.raises(OSError, match="HTTP 404"):
        s3.fetcher()("https://s3.amazonaws.com/echo.api/missing.pem", 5.0)


def test_size_is_capped(s3: ChainServer) -> None:
    with pytest.raises(ValueError, match="too large"):
        s3.fetcher()(BIG_URL, 5.0)
    with pytest.raises(ValueError, match="too large"):
        s3.fetcher(max_bytes=100)(GOOD_URL, 5.0)


@pytest.mark.parametrize("url", [DRIP_URL, DRIP_HEADERS_URL])
def test_a_server_sending_one_byte_a_second_is_cut_at_the_deadline(
    s3: ChainServer, url: str
) -> None:
    started = time.monotonic()
    with pytest.raises((TimeoutError, OSError, http.client.HTTPException)):
        s3.fetcher()(url, 1.0)
    assert 0.9 <= time.monotonic() - started < 1.6


def test_a_server_that_never_finishes_the_handshake_is_cut(pki: PKI) -> None:
    silent = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    threading.Thread(target=lambda: accepted.append(silent.accept()[0]), daemon=True).start()
    port = silent.getsockname()[1]
    context = ssl.create_default_context(cadata=pki.root.pem.decode())
    fetch = ChainFetcher(ssl_context=context, connect_to=lambda host, _: ("127.0.0.1", port))
    started = time.monotonic()
    try:
        with pytest.raises((TimeoutError, OSError)):
            fetch(GOOD_URL, 1.0)
        assert 0.9 <= time.monotonic() - started < 1.6
    finally:
        for sock in [*accepted, silent]:
            sock.close()


def test_refuses_a_server_the_trust_store_does_not_know(s3: ChainServer) -> None:
    default = ChainFetcher(connect_to=lambda host, port: ("127.0.0.1", s3.port))  # certifi roots
    with pytest.raises(ssl.SSLCertVerificationError):
        default(GOOD_URL, 5.0)


def test_the_server_must_be_s3_by_name(pki: PKI, tmp_path: Path) -> None:
    """connect_to changes where the bytes go, never whose certificate is accepted."""
    with chain_server(pki, tmp_path, name="not-s3.example") as impostor:
        with pytest.raises(ssl.SSLCertVerificationError):
            impostor.fetcher()(GOOD_URL, 5.0)
        assert sum(impostor.hits.values()) == 0


@pytest.mark.parametrize(
    "url",
    [
        "http://s3.amazonaws.com/echo.api/echo-api-cert-test.pem",
        "https://127.0.0.1/echo.api/echo-api-cert-test.pem",
        "https://s3.amazonaws.com/other/echo-api-cert-test.pem",
        "https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem?x=1",
        "https://S3.amazonaws.com/echo.api/echo-api-cert-test.pem",
        "file:///etc/passwd",
    ],
)
def test_only_canonical_alexa_urls_are_fetched(s3: ChainServer, url: str) -> None:
    before = sum(s3.hits.values())
    with pytest.raises((VerificationError, ValueError)):
        s3.fetcher()(url, 1.0)
    assert sum(s3.hits.values()) == before
