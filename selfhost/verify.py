"""Verification that an HTTP request really comes from Alexa (self-hosted web service only).

On Lambda, Alexa's trigger already authenticates requests; a skill served over HTTPS must check
each request itself (Amazon, "Host a Custom Skill as a Web Service"):

* the ``SignatureCertChainUrl`` header names an https URL on ``s3.amazonaws.com`` (any case),
  port 443 if a port is given, whose normalised path starts with ``/echo.api/``, with no query
  and no fragment;
* the PEM chain at that URL validates, now, to a trusted root, and its leaf is a server
  certificate for ``echo-api.amazon.com`` (X.509 path validation by ``cryptography``, web-PKI
  profile, roots from ``certifi`` unless told otherwise);
* ``Signature-256`` is a base64 RSA PKCS#1 v1.5 signature, by the leaf's key, over the SHA-256
  of the raw body;
* ``request.timestamp`` is within 150 s of now (one hour for skill events, which Alexa may
  deliver late);
* the skill id in the envelope is ours, when one is configured.

Every failure raises :class:`VerificationError`, whose ``reason`` is a fixed phrase: it never
holds the body, a header value, a URL or an id, so it is safe to log.

Downloads cannot be starved (docs/decisions/0023): only URLs that pass the rules above are
ever fetched; one download runs per URL and concurrent requests for it wait on that one; a
failure is remembered per URL for ``failure_ttl_s``; and the download has a deadline on its
whole wall time and a size cap. There is no budget shared across URLs for made-up URLs to use up.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import http.client
import json
import posixpath
import socket
import ssl
import threading
import time
import warnings
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import certifi
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509 import verification as x509v

__all__ = [
    "ALEXA_CERT_DOMAIN",
    "CERT_URL_HEADER",
    "SIGNATURE_HEADER",
    "AlexaRequestVerifier",
    "ChainFetcher",
    "Fetcher",
    "VerificationError",
    "canonical_cert_url",
    "load_certifi_roots",
]

ALEXA_CERT_DOMAIN = "echo-api.amazon.com"
CERT_URL_HEADER = "SignatureCertChainUrl"
SIGNATURE_HEADER = "Signature-256"

_CERT_HOST = "s3.amazonaws.com"
_CERT_PATH_PREFIX = "/echo.api/"
DEFAULT_TOLERANCE = timedelta(seconds=150)
SKILL_EVENT_TOLERANCE = timedelta(hours=1)
_SKILL_EVENT_PREFIXES = ("AlexaSkillEvent.", "Messaging.")
_MAX_CHAIN_BYTES = 64 * 1024
"""Amazon's chain file is about 5 KB; anything far larger is not one."""

Fetcher = Callable[[str, float], bytes]
"""``fetcher(url, deadline_s) -> PEM bytes``: the whole download within ``deadline_s`` seconds of
wall time; raise any exception on failure. ``url`` has passed :func:`canonical_cert_url`."""
Clock = Callable[[], datetime]
Connector = Callable[[str, int], tuple[str, int]]
"""Maps the URL's (host, port) to the address to connect to: tests send it to loopback."""


class VerificationError(Exception):
    """The request could not be shown to come from Alexa. ``reason`` is safe to log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _utc_now() -> datetime:
    return datetime.now(UTC)


def canonical_cert_url(url: str) -> str:
    """The URL to fetch for a ``SignatureCertChainUrl`` value, or :class:`VerificationError`.

    The path is percent-decoded and its dot segments removed *before* the prefix check, and the
    URL we fetch is rebuilt from the checked parts, so what is checked is what is fetched.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise VerificationError("certificate URL is malformed") from exc
    if parts.scheme.lower() != "https":
        raise VerificationError("certificate URL scheme is not https")
    if parts.username is not None or parts.password is not None:
        raise VerificationError("certificate URL has user info")
    if (parts.hostname or "").lower() != _CERT_HOST:
        raise VerificationError("certificate URL host is not s3.amazonaws.com")
    if port is not None and port != 443:
        raise VerificationError("certificate URL port is not 443")
    if parts.fragment or "#" in url:
        raise VerificationError("certificate URL has a fragment")
    if parts.query or "?" in url:
        raise VerificationError("certificate URL has a query")
    raw_path = unquote(parts.path)
    if "\\" in raw_path or "\x00" in raw_path or not raw_path.startswith("/"):
        raise VerificationError("certificate URL path is not allowed")
    path = posixpath.normpath(raw_path)
    if not path.startswith(_CERT_PATH_PREFIX) or len(path) == len(_CERT_PATH_PREFIX):
        raise VerificationError("certificate URL path does not start with /echo.api/")
    return f"https://{_CERT_HOST}{quote(path, safe='/')}"


class _Cutoff:
    """Shuts a connection down when the deadline passes, in whatever phase it is (connect, TLS
    handshake, headers, body): a blocked read then returns at once. Per-read socket timeouts
    alone would let a server that sends one byte a second hold a download for ever."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watched: socket.socket | None = None
        self.fired = False

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if self.fired:
                raise TimeoutError("certificate download deadline passed")
            self._watched = sock.dup()  # shutdown on a duplicate reaches the same connection

    def fire(self) -> None:
        with self._lock:
            self.fired = True
            if self._watched is not None:
                with contextlib.suppress(OSError):
                    self._watched.shutdown(socket.SHUT_RDWR)

    def release(self) -> None:
        with self._lock:
            if self._watched is not None:
                self._watched.close()
                self._watched = None


class ChainFetcher:
    """Downloads a certificate chain over HTTPS: a GET with a deadline on the whole download,
    no redirects, status 200 only, and a size cap.

    It fetches only canonical Alexa certificate URLs (:func:`canonical_cert_url`). ``connect_to``
    changes where the connection goes, never what URL is asked for or what name the server's
    certificate must carry; tests use it to serve ``s3.amazonaws.com`` from loopback.
    """

    def __init__(
        self,
        *,
        ssl_context: ssl.SSLContext | None = None,
        max_bytes: int = _MAX_CHAIN_BYTES,
        connect_to: Connector | None = None,
    ) -> None:
        self._context = ssl_context or ssl.create_default_context(cafile=certifi.where())
        self._max_bytes = max_bytes
        self._connect_to = connect_to

    def __call__(self, url: str, deadline_s: float) -> bytes:
        if canonical_cert_url(url) != url:
            raise ValueError("only canonical Alexa certificate URLs are fetched")
        parts = urlsplit(url)
        host, port = _CERT_HOST, 443
        address = self._connect_to(host, port) if self._connect_to else (host, port)
        cutoff = _Cutoff()
        timer = threading.Timer(deadline_s, cutoff.fire)
        timer.daemon = True
        timer.start()
        try:
            data = self._download(address, host, parts.path, deadline_s, cutoff)
        finally:
            timer.cancel()
            cutoff.release()
        if cutoff.fired:
            raise TimeoutError("certificate download deadline passed")
        return data

    def _download(
        self, address: tuple[str, int], host: str, path: str, deadline_s: float, cutoff: _Cutoff
    ) -> bytes:
        raw = socket.create_connection(address, timeout=deadline_s)
        try:
            cutoff.watch(raw)
            tls = self._context.wrap_socket(raw, server_hostname=host)
        except BaseException:
            raw.close()
            raise
        connection = http.client.HTTPSConnection(host, timeout=deadline_s, context=self._context)
        connection.sock = tls  # already connected: http.client only speaks HTTP over it
        try:
            connection.request("GET", path, headers={"Accept": "*/*"})
            response = connection.getresponse()
            if response.status != 200:
                raise OSError(f"certificate download answered HTTP {response.status}")
            declared = response.getheader("Content-Length") or ""
            if declared.isdigit() and int(declared) > self._max_bytes:
                raise ValueError("certificate chain too large")
            data = bytearray()
            while len(data) <= self._max_bytes:
                chunk = response.read1(self._max_bytes + 1 - len(data))
                if not chunk:
                    break
                data += chunk
        finally:
            connection.close()
        if len(data) > self._max_bytes:
            raise ValueError("certificate chain too large")
        return bytes(data)


_PEM_END = b"-----END CERTIFICATE-----"


def load_certifi_roots() -> list[x509.Certificate]:
    """The root certificates of the ``certifi`` bundle.

    Loaded one by one so that a root newer ``cryptography`` releases refuse to parse (the bundle
    holds one with a non-positive serial, deprecated today) is skipped instead of failing all.
    """
    roots: list[x509.Certificate] = []
    for block in Path(certifi.where()).read_bytes().split(_PEM_END):
        if b"-----BEGIN CERTIFICATE-----" not in block:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CryptographyDeprecationWarning)
            try:
                roots.append(x509.load_pem_x509_certificate(block + _PEM_END))
            except ValueError:
                continue
    return roots


@dataclass(frozen=True)
class _CachedKey:
    public_key: rsa.RSAPublicKey
    expires_at: datetime


@dataclass(frozen=True)
class _Failure:
    reason: str
    until: float  # monotonic seconds


class _Download:
    """One download in flight: the first request for a URL does it, the others wait for it."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.key: _CachedKey | None = None
        self.reason = "certificate chain could not be fetched"

    def finish(self, key: _CachedKey | None, reason: str | None = None) -> None:
        self.key = key
        if reason is not None:
            self.reason = reason
        self.done.set()


class AlexaRequestVerifier:
    """Checks requests as described in the module docstring. Safe to share between threads."""

    def __init__(
        self,
        *,
        skill_id: str | None = None,
        trust_roots: Sequence[x509.Certificate] | None = None,
        fetcher: Fetcher | None = None,
        clock: Clock | None = None,
        fetch_timeout_s: float = 3.0,
        cache_size: int = 16,
        failure_ttl_s: float = 30.0,
        failures_remembered: int = 1024,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """Build a verifier.

        ``trust_roots`` defaults to the ``certifi`` bundle (loaded on first use); tests pass
        their own CA. ``clock`` must return an aware datetime. ``fetch_timeout_s`` is the
        deadline on a whole chain download. A URL whose chain could not be fetched or did not
        validate is refused without a new download for ``failure_ttl_s`` seconds (the most
        recent ``failures_remembered`` such URLs are kept).
        """
        self._skill_id = skill_id
        self._roots = list(trust_roots) if trust_roots is not None else None
        self._store: x509v.Store | None = None
        self._fetcher: Fetcher = fetcher if fetcher is not None else ChainFetcher()
        self._clock: Clock = clock if clock is not None else _utc_now
        self._fetch_timeout_s = fetch_timeout_s
        self._cache_size = max(1, cache_size)
        self._cache: OrderedDict[str, _CachedKey] = OrderedDict()
        self._failure_ttl_s = failure_ttl_s
        self._failures_remembered = max(1, failures_remembered)
        self._failures: OrderedDict[str, _Failure] = OrderedDict()
        self._downloads: dict[str, _Download] = {}
        self._monotonic = monotonic
        self._lock = threading.Lock()

    # -- public -------------------------------------------------------------------------------

    def verify(
        self,
        *,
        body: bytes,
        cert_url: str | None,
        signature: str | None,
        envelope: Mapping[str, Any] | None = None,
    ) -> None:
        """Raise :class:`VerificationError` unless the request is Alexa's, for this skill, now.

        ``envelope`` is the already-parsed body, if the caller has it. Cheap checks run first,
        so a forged request is refused before any certificate is downloaded.
        """
        if not cert_url:
            raise VerificationError(f"missing {CERT_URL_HEADER} header")
        if not signature:
            raise VerificationError(f"missing {SIGNATURE_HEADER} header")
        url = canonical_cert_url(cert_url)
        try:
            raw_signature = base64.b64decode(signature.strip(), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise VerificationError("signature is not valid base64") from exc
        if not raw_signature:
            raise VerificationError("signature is empty")
        if envelope is None:
            envelope = _parse_envelope(body)
        now = self._now()
        self._check_timestamp(envelope, now)
        self._check_skill_id(envelope)
        public_key = self._public_key(url, now)
        try:
            public_key.verify(raw_signature, body, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature as exc:
            raise VerificationError("signature does not match the body") from exc

    def clear_cache(self) -> None:
        with self._lock:
            self._cache.clear()
            self._failures.clear()

    # -- envelope checks ----------------------------------------------------------------------

    def _check_timestamp(self, envelope: Mapping[str, Any], now: datetime) -> None:
        request = envelope.get("request")
        if not isinstance(request, Mapping):
            raise VerificationError("request object missing")
        stamp = request.get("timestamp")
        if not isinstance(stamp, str):
            raise VerificationError("request timestamp missing")
        try:
            when = datetime.fromisoformat(stamp)
        except ValueError as exc:
            raise VerificationError("request timestamp is not ISO 8601") from exc
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        request_type = request.get("type")
        is_event = isinstance(request_type, str) and request_type.startswith(_SKILL_EVENT_PREFIXES)
        tolerance = SKILL_EVENT_TOLERANCE if is_event else DEFAULT_TOLERANCE
        try:
            skew = abs(now - when)
        except OverflowError as exc:
            raise VerificationError("request timestamp outside tolerance") from exc
        if skew > tolerance:
            raise VerificationError("request timestamp outside tolerance")

    def _check_skill_id(self, envelope: Mapping[str, Any]) -> None:
        if not self._skill_id:
            return
        found = [
            value
            for value in (
                _dig(envelope, "context", "System", "application", "applicationId"),
                _dig(envelope, "session", "application", "applicationId"),
            )
            if value is not None
        ]
        if not found:
            raise VerificationError("skill id missing")
        if any(value != self._skill_id for value in found):
            raise VerificationError("skill id does not match")

    # -- certificates -------------------------------------------------------------------------

    def _now(self) -> datetime:
        now = self._clock()
        return now if now.tzinfo is not None else now.replace(tzinfo=UTC)

    def _trust_store(self) -> x509v.Store:
        with self._lock:
            if self._store is None:
                roots = self._roots if self._roots is not None else load_certifi_roots()
                self._store = x509v.Store(roots)
            return self._store

    def _public_key(self, url: str, now: datetime) -> rsa.RSAPublicKey:
        with self._lock:
            cached = self._cache.get(url)
            if cached is not None:
                if now < cached.expires_at:
                    self._cache.move_to_end(url)
                    return cached.public_key
                del self._cache[url]
            failed = self._failures.get(url)
            if failed is not None:
                if self._monotonic() < failed.until:
                    raise VerificationError(failed.reason)
                del self._failures[url]
            download = self._downloads.get(url)
            leading = download is None
            if download is None:
                download = self._downloads[url] = _Download()
        if not leading:
            return self._wait_for(download, now)
        try:
            entry = self._validate_chain(self._fetch(url), self._trust_store(), now)
        except VerificationError as exc:
            self._settle(url, download, None, exc.reason)
            raise
        except BaseException:
            self._settle(url, download, None, None)
            raise
        self._settle(url, download, entry, None)
        return entry.public_key

    def _settle(
        self, url: str, download: _Download, entry: _CachedKey | None, reason: str | None
    ) -> None:
        """Record a finished download, then wake the requests waiting for it."""
        with self._lock:
            del self._downloads[url]
            if entry is not None:
                self._cache[url] = entry
                self._cache.move_to_end(url)
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
            elif reason is not None:
                until = self._monotonic() + self._failure_ttl_s
                self._failures[url] = _Failure(reason=reason, until=until)
                self._failures.move_to_end(url)
                while len(self._failures) > self._failures_remembered:
                    self._failures.popitem(last=False)
        download.finish(entry, reason)

    def _wait_for(self, download: _Download, now: datetime) -> rsa.RSAPublicKey:
        if not download.done.wait(self._fetch_timeout_s + 1.0):
            raise VerificationError("certificate chain download did not finish in time")
        if download.key is None:
            raise VerificationError(download.reason)
        if not now < download.key.expires_at:
            raise VerificationError("certificate chain is not valid now (expired or not yet valid)")
        return download.key.public_key

    def _fetch(self, url: str) -> bytes:
        try:
            data = self._fetcher(url, self._fetch_timeout_s)
        except Exception as exc:  # any transport failure means: not verified
            raise VerificationError("certificate chain could not be fetched") from exc
        if len(data) > _MAX_CHAIN_BYTES:
            raise VerificationError("certificate chain too large")
        return data

    @staticmethod
    def _validate_chain(pem: bytes, store: x509v.Store, now: datetime) -> _CachedKey:
        try:
            certs = x509.load_pem_x509_certificates(pem)
        except ValueError as exc:
            raise VerificationError("certificate chain is not PEM") from exc
        leaf, intermediates = certs[0], certs[1:]
        verifier = (
            x509v.PolicyBuilder()
            .store(store)
            .time(now)
            .build_server_verifier(x509.DNSName(ALEXA_CERT_DOMAIN))
        )
        try:
            chain = verifier.verify(leaf, intermediates)
        except x509v.VerificationError as exc:
            raise VerificationError(_chain_reason(str(exc))) from exc
        public_key = leaf.public_key()
        if not isinstance(public_key, rsa.RSAPublicKey):
            raise VerificationError("certificate key is not RSA")
        expires_at = min(cert.not_valid_after_utc for cert in chain)
        return _CachedKey(public_key=public_key, expires_at=expires_at)


def _chain_reason(detail: str) -> str:
    """A fixed phrase for a path-validation failure (the detail itself names certificates)."""
    if "not valid at validation time" in detail:
        return "certificate chain is not valid now (expired or not yet valid)"
    if "subjectAltName" in detail:
        return "certificate is not for echo-api.amazon.com"
    if "candidates exhausted" in detail:
        return "certificate chain does not lead to a trusted root"
    return "certificate chain is not valid"


def _parse_envelope(body: bytes) -> Mapping[str, Any]:
    try:
        envelope = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise VerificationError("body is not JSON") from exc
    if not isinstance(envelope, dict):
        raise VerificationError("body is not a JSON object")
    return envelope


def _dig(data: Mapping[str, Any], *keys: str) -> Any:
    node: Any = data
    for key in keys:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node
