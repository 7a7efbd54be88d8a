"""A local stand-in for s3.amazonaws.com: serves Alexa certificate chains over HTTPS on 127.0.0.1.

Its certificate is for ``s3.amazonaws.com``, issued by the test PKI (tests/web/alexa_pki.py), so
the production fetcher checks it exactly as it would check S3's; only the address it connects
to is changed (``ChainFetcher(connect_to=...)``). Paths under /echo.api/:

* the test PKI's chains by name, after ``delay_s`` (so concurrent requests overlap);
* ``drip.pem``: the good chain at one byte a second; ``drip-headers.pem``: even the status
  line at one byte a second; ``big.pem``: 70 KB; ``redirect.pem``: a 302; anything else: 404.

Every request is counted by path in ``hits``.
"""

from __future__ import annotations

import ipaddress
import ssl
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from selfhost.verify import ChainFetcher
from tests.support.alexa_pki import GOOD_URL, PKI, _key, make_leaf

GOOD_PATH = GOOD_URL.removeprefix("https://s3.amazonaws.com")
DRIP_URL = "https://s3.amazonaws.com/echo.api/drip.pem"
DRIP_HEADERS_URL = "https://s3.amazonaws.com/echo.api/drip-headers.pem"
BIG_URL = "https://s3.amazonaws.com/echo.api/big.pem"
REDIRECT_URL = "https://s3.amazonaws.com/echo.api/redirect.pem"
_LOST = (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError)


@dataclass
class ChainServer:
    port: int
    pki: PKI
    delay_s: float = 0.0
    hits: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, path: str) -> None:
        with self.lock:
            self.hits[path] += 1

    def fetcher(self, *, max_bytes: int = 64 * 1024) -> ChainFetcher:
        """The production fetcher, trusting the test CA and connecting here."""
        context = ssl.create_default_context(cadata=self.pki.root.pem.decode())
        return ChainFetcher(
            ssl_context=context,
            max_bytes=max_bytes,
            connect_to=lambda host, port: ("127.0.0.1", self.port),
        )


def _handler(state: ChainServer) -> type[BaseHTTPRequestHandler]:
    chains = {
        url.removeprefix("https://s3.amazonaws.com"): pem for url, pem in state.pki.chains.items()
    }
    good = state.pki.chains[GOOD_URL]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            state.count(self.path)
            try:
                self._answer()
            except _LOST:
                return  # the client hung up (a cut-off download)

        def _answer(self) -> None:
            if self.path == "/echo.api/drip.pem":
                self.send_response(200)
                self.send_header("Content-Length", str(len(good)))
                self.end_headers()
                self._drip(good)
            elif self.path == "/echo.api/drip-headers.pem":
                head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(good)}\r\n\r\n".encode()
                self._drip(head + good)
            elif self.path == "/echo.api/big.pem":
                self._send(200, b"x" * 70_000)
            elif self.path == "/echo.api/redirect.pem":
                self.send_response(302)
                self.send_header("Location", GOOD_PATH)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path in chains:
                time.sleep(state.delay_s)
                self._send(200, chains[self.path])
            else:
                self._send(404, b"no such key")

        def _drip(self, payload: bytes) -> None:
            for i in range(len(payload)):
                self.wfile.write(payload[i : i + 1])
                self.wfile.flush()
                time.sleep(1.0)

        def _send(self, status: int, payload: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


@contextmanager
def chain_server(
    pki: PKI, folder: Path, *, delay_s: float = 0.0, name: str = "s3.amazonaws.com"
) -> Iterator[ChainServer]:
    cert = make_leaf(
        [x509.DNSName(name), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))],
        _key(),
        pki.intermediate,
        pki.now - timedelta(days=1),
        pki.now + timedelta(days=30),
    )
    cert_file, key_file = folder / "s3.pem", folder / "s3.key"
    cert_file.write_bytes(cert.pem + pki.intermediate.pem)
    key_file.write_bytes(
        cert.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    state = ChainServer(port=0, pki=pki, delay_s=delay_s)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    server.socket = context.wrap_socket(server.socket, server_side=True)
    state.port = server.server_address[1]
    thread = threading.Thread(target=lambda: server.serve_forever(poll_interval=0.02), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
