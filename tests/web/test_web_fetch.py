"""The default chain fetcher (UrllibFetcher) against a local HTTPS server on 127.0.0.1."""

from __future__ import annotations

import ipaddress
import ssl
import threading
import urllib.error
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from selfhost.verify import UrllibFetcher
from tests.support.alexa_pki import PKI, _key, make_leaf

CHAIN = b"-----BEGIN CERTIFICATE-----\nfake chain for transport tests\n-----END CERTIFICATE-----\n"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/echo.api/chain.pem":
            self._send(200, CHAIN)
        elif self.path == "/echo.api/big.pem":
            self._send(200, b"x" * 70_000)
        elif self.path == "/echo.api/redirect.pem":
            self.send_response(302)
            self.send_header("Location", "/echo.api/chain.pem")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/echo.api/slow.pem":
            self.server.release.wait(5)  # type: ignore[attr-defined]
            self._send(200, CHAIN)
        else:
            self._send(404, b"no")

    def _send(self, status: int, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture(scope="module")
def https_server(pki: PKI, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server_cert = make_leaf(
        [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))],
        _key(),
        pki.intermediate,
        pki.now - timedelta(days=1),
        pki.now + timedelta(days=30),
    )
    folder: Path = tmp_path_factory.mktemp("tls")
    cert_file = folder / "server.pem"
    cert_file.write_bytes(server_cert.pem + pki.intermediate.pem)
    key_file = folder / "server.key"
    key_file.write_bytes(
        server_cert.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.release = threading.Event()  # type: ignore[attr-defined]
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}"
    finally:
        server.release.set()  # type: ignore[attr-defined]
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def fetch(pki: PKI) -> UrllibFetcher:
    context = ssl.create_default_context(cadata=pki.root.pem.decode())
    return UrllibFetcher(ssl_context=context)


def test_fetches_the_chain(https_server: str, fetch: UrllibFetcher) -> None:
    assert fetch(f"{https_server}/echo.api/chain.pem", 5.0) == CHAIN


def test_does_not_follow_redirects(https_server: str, fetch: UrllibFetcher) -> None:
    with pytest.raises(urllib.error.HTTPError) as info:
        fetch(f"{https_server}/echo.api/redirect.pem", 5.0)
    assert info.value.code == 302


def test_http_errors_raise(https_server: str, fetch: UrllibFetcher) -> None:
    with pytest.raises(urllib.error.HTTPError):
        fetch(f"{https_server}/echo.api/missing.pem", 5.0)


def test_size_is_capped(https_server: str, fetch: UrllibFetcher) -> None:
    with pytest.raises(ValueError, match="too large"):
        fetch(f"{https_server}/echo.api/big.pem", 5.0)


def test_times_out(https_server: str, fetch: UrllibFetcher) -> None:
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        fetch(f"{https_server}/echo.api/slow.pem", 0.3)


def test_refuses_a_server_the_trust_store_does_not_know(https_server: str) -> None:
    default = UrllibFetcher()  # certifi roots: the test CA is unknown
    with pytest.raises(urllib.error.URLError) as info:
        default(f"{https_server}/echo.api/chain.pem", 5.0)
    assert isinstance(info.value.reason, ssl.SSLCertVerificationError)


@pytest.mark.parametrize("url", ["http://127.0.0.1:1/echo.api/x.pem", "file:///etc/passwd"])
def test_only_https(url: str, fetch: UrllibFetcher) -> None:
    with pytest.raises(ValueError, match="https"):
        fetch(url, 1.0)
