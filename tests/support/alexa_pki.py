"""Helpers for the web tests: a test web PKI and signed Alexa requests.

The PKI is root -> intermediate -> leaf for echo-api.amazon.com.

The certificates carry what real web-PKI certificates carry (Subject/Authority Key Identifiers,
KeyUsage, BasicConstraints; on the leaf ExtendedKeyUsage serverAuth and a SAN), because
cryptography's verifier applies the CA/Browser Forum profile. Only these tests trust this CA.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

SKILL_ID = "amzn1.ask.skill.00000000-test-0000-0000-steadyheart00"
BASE = "https://s3.amazonaws.com/echo.api/"
GOOD_URL = BASE + "echo-api-cert-test.pem"
EXPIRED_URL = BASE + "expired.pem"
NOT_YET_URL = BASE + "not-yet-valid.pem"
WRONG_SAN_URL = BASE + "wrong-san.pem"
UNTRUSTED_URL = BASE + "untrusted.pem"
GARBAGE_URL = BASE + "garbage.pem"
EC_URL = BASE + "ec-key.pem"
ALIAS_URL = BASE + "alias-of-good.pem"


@dataclass
class Issued:
    cert: x509.Certificate
    key: Any

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Steady Heart Test PKI"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _ca_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )


def make_root(common_name: str, key: rsa.RSAPrivateKey, start: datetime, end: datetime) -> Issued:
    name = _name(common_name)
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_ca_usage(), critical=True)
        .add_extension(ski, critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    return Issued(cert, key)


def _issuer_aki(issuer: Issued) -> x509.AuthorityKeyIdentifier:
    ski = issuer.cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    return x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski)


def make_intermediate(
    common_name: str, key: rsa.RSAPrivateKey, issuer: Issued, start: datetime, end: datetime
) -> Issued:
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(issuer.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_ca_usage(), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(_issuer_aki(issuer), critical=False)
        .sign(issuer.key, hashes.SHA256())
    )
    return Issued(cert, key)


def make_leaf(
    san: Sequence[x509.GeneralName],
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey,
    issuer: Issued,
    start: datetime,
    end: datetime,
) -> Issued:
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("Alexa test leaf"))
        .issuer_name(issuer.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=True,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectAlternativeName(san), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(_issuer_aki(issuer), critical=False)
        .sign(issuer.key, hashes.SHA256())
    )
    return Issued(cert, key)


def sign(body: bytes, key: rsa.RSAPrivateKey) -> str:
    raw = key.sign(body, padding.PKCS1v15(), hashes.SHA256())
    return base64.b64encode(raw).decode("ascii")


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class PKI:
    """Everything a test needs to forge, or honestly sign, Alexa requests."""

    now: datetime
    root: Issued
    intermediate: Issued
    leaf: Issued
    other_root: Issued
    chains: dict[str, bytes] = field(default_factory=dict)

    def envelope(
        self,
        *,
        request_type: str = "LaunchRequest",
        timestamp: datetime | str | None = None,
        skill_id: str | None = SKILL_ID,
        with_session: bool = True,
        extra_request: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        stamp = timestamp if isinstance(timestamp, str) else iso(timestamp or self.now)
        application = {"applicationId": skill_id} if skill_id is not None else {}
        envelope: dict[str, Any] = {
            "version": "1.0",
            "context": {
                "System": {
                    "application": application,
                    "user": {"userId": "amzn1.ask.account.TESTUSER"},
                    "device": {"deviceId": "amzn1.ask.device.TESTDEVICE"},
                    "apiEndpoint": "https://api.amazonalexa.com",
                }
            },
            "request": {
                "type": request_type,
                "requestId": "amzn1.echo-api.request.test-1",
                "timestamp": stamp,
                "locale": "en-US",
                **(extra_request or {}),
            },
        }
        if with_session:
            envelope["session"] = {
                "new": True,
                "sessionId": "amzn1.echo-api.session.test-1",
                "application": dict(application),
                "user": {"userId": "amzn1.ask.account.TESTUSER"},
            }
        return envelope

    def body(self, **kwargs: Any) -> bytes:
        return json.dumps(self.envelope(**kwargs)).encode("utf-8")

    def headers(
        self, body: bytes, *, url: str = GOOD_URL, key: rsa.RSAPrivateKey | None = None
    ) -> dict[str, str]:
        return {
            "SignatureCertChainUrl": url,
            "Signature-256": sign(body, key or self.leaf.key),
            "Content-Type": "application/json; charset=utf-8",
        }


def build_pki() -> PKI:
    now = datetime.now(UTC).replace(microsecond=0)
    day = timedelta(days=1)
    root_key, inter_key, leaf_key, other_root_key, other_inter_key = (_key() for _ in range(5))

    root = make_root("Test Root CA", root_key, now - 400 * day, now + 3650 * day)
    inter = make_intermediate("Test Issuing CA", inter_key, root, now - 300 * day, now + 1000 * day)
    alexa = [x509.DNSName("echo-api.amazon.com")]
    leaf = make_leaf(alexa, leaf_key, inter, now - 30 * day, now + 300 * day)
    expired = make_leaf(alexa, leaf_key, inter, now - 120 * day, now - day)
    not_yet = make_leaf(alexa, leaf_key, inter, now + day, now + 120 * day)
    wrong_san = make_leaf(
        [x509.DNSName("not-alexa.example.com")], leaf_key, inter, now - day, now + 90 * day
    )
    other_root = make_root("Other Root CA", other_root_key, now - 400 * day, now + 3650 * day)
    other_inter = make_intermediate(
        "Other Issuing CA", other_inter_key, other_root, now - 300 * day, now + 1000 * day
    )
    untrusted = make_leaf(alexa, leaf_key, other_inter, now - day, now + 90 * day)
    ec_leaf = make_leaf(
        alexa, ec.generate_private_key(ec.SECP256R1()), inter, now - day, now + 90 * day
    )

    result = PKI(now=now, root=root, intermediate=inter, leaf=leaf, other_root=other_root)
    result.chains = {
        GOOD_URL: leaf.pem + inter.pem,
        ALIAS_URL: leaf.pem + inter.pem,
        EC_URL: ec_leaf.pem + inter.pem,
        EXPIRED_URL: expired.pem + inter.pem,
        NOT_YET_URL: not_yet.pem + inter.pem,
        WRONG_SAN_URL: wrong_san.pem + inter.pem,
        UNTRUSTED_URL: untrusted.pem + other_inter.pem,
        GARBAGE_URL: b"-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n",
    }
    return result


class RecordingFetcher:
    """Serves the PKI's chains by URL and records what was asked for."""

    def __init__(self, chains: dict[str, bytes]) -> None:
        self.chains = chains
        self.calls: list[str] = []

    def __call__(self, url: str, timeout_s: float) -> bytes:
        assert 0 < timeout_s <= 10
        self.calls.append(url)
        try:
            return self.chains[url]
        except KeyError:
            raise OSError("404 Not Found") from None


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def echo_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """A tiny stand-in for ``lambda_handler``: answers with the request type."""
    request = event.get("request")
    kind = request.get("type") if isinstance(request, dict) else None
    return {
        "version": "1.0",
        "response": {"outputSpeech": {"type": "PlainText", "text": f"ok {kind}"}},
    }
