"""selfhost.verify: URL rules, chain validation, signature, timestamp, skill id, cache."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from cryptography.x509 import verification as x509v

from selfhost.verify import (
    AlexaRequestVerifier,
    VerificationError,
    canonical_cert_url,
    load_certifi_roots,
)
from tests.support.alexa_pki import (
    ALIAS_URL,
    EC_URL,
    EXPIRED_URL,
    GARBAGE_URL,
    GOOD_URL,
    NOT_YET_URL,
    PKI,
    SKILL_ID,
    UNTRUSTED_URL,
    WRONG_SAN_URL,
    Clock,
    RecordingFetcher,
    _key,
    iso,
    sign,
)

CANON = "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"


@pytest.mark.parametrize(
    "url",
    [
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "HTTPS://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://S3.AmazonAWS.COM/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/./sub/../echo-api-cert.pem",
    ],
)
def test_cert_url_accepted_and_canonicalised(url: str) -> None:
    assert canonical_cert_url(url) == CANON


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://s3.amazonaws.com/echo.api/echo-api-cert.pem", "scheme"),
        ("ftp://s3.amazonaws.com/echo.api/echo-api-cert.pem", "scheme"),
        ("//s3.amazonaws.com/echo.api/echo-api-cert.pem", "scheme"),
        ("https://notamazon.com/echo.api/echo-api-cert.pem", "host"),
        ("https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem", "host"),
        ("https://evil.example#@s3.amazonaws.com/echo.api/x.pem", "host"),
        ("https://user@s3.amazonaws.com/echo.api/echo-api-cert.pem", "user info"),
        ("https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem", "/echo.api/"),
        ("https://s3.amazonaws.com/invalid.path/echo-api-cert.pem", "/echo.api/"),
        ("https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert.pem", "/echo.api/"),
        ("https://s3.amazonaws.com/echo.api/%2e%2e/invalid.path/cert.pem", "/echo.api/"),
        ("https://s3.amazonaws.com/echo.api%2f..%2fevil/cert.pem", "/echo.api/"),
        ("https://s3.amazonaws.com//echo.api/echo-api-cert.pem", "/echo.api/"),
        ("https://s3.amazonaws.com/echo.api/", "/echo.api/"),
        ("https://s3.amazonaws.com/echo.api\\..\\evil\\cert.pem", "path"),
        ("https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem", "port"),
        ("https://s3.amazonaws.com:80/echo.api/echo-api-cert.pem", "port"),
        ("https://s3.amazonaws.com:notaport/echo.api/echo-api-cert.pem", "malformed"),
        ("https://s3.amazonaws.com/echo.api/echo-api-cert.pem#frag", "fragment"),
        ("https://s3.amazonaws.com/echo.api/echo-api-cert.pem#", "fragment"),
        ("https://s3.amazonaws.com/echo.api/echo-api-cert.pem?x=1", "query"),
        ("https://s3.amazonaws.com/echo.api/echo-api-cert.pem?", "query"),
        ("https://s3.amazonaws.com/echo.api/echo-api-cert.pem?#", "fragment"),
    ],
)
def test_cert_url_rejected(url: str, reason: str) -> None:
    with pytest.raises(VerificationError) as info:
        canonical_cert_url(url)
    assert reason in info.value.reason


def _verify(verifier: AlexaRequestVerifier, pki: PKI, body: bytes, **headers: Any) -> None:
    signed = pki.headers(body)
    verifier.verify(
        body=body,
        cert_url=headers.get("url", signed["SignatureCertChainUrl"]),
        signature=headers.get("signature", signed["Signature-256"]),
    )


def _reason(verifier: AlexaRequestVerifier, pki: PKI, body: bytes, **headers: Any) -> str:
    with pytest.raises(VerificationError) as info:
        _verify(verifier, pki, body, **headers)
    return info.value.reason


def test_valid_request_passes(pki: PKI, make_verifier: Any, fetcher: RecordingFetcher) -> None:
    _verify(make_verifier(), pki, pki.body())
    assert fetcher.calls == [GOOD_URL]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        (EXPIRED_URL, "certificate chain is not valid now (expired or not yet valid)"),
        (NOT_YET_URL, "certificate chain is not valid now (expired or not yet valid)"),
        (WRONG_SAN_URL, "certificate is not for echo-api.amazon.com"),
        (UNTRUSTED_URL, "certificate chain does not lead to a trusted root"),
        (GARBAGE_URL, "certificate chain is not PEM"),
        (EC_URL, "certificate key is not RSA"),
        ("https://s3.amazonaws.com/echo.api/missing.pem", "certificate chain could not be fetched"),
    ],
)
def test_bad_chains_are_refused(pki: PKI, make_verifier: Any, url: str, reason: str) -> None:
    assert _reason(make_verifier(), pki, pki.body(), url=url) == reason


def test_leaf_alone_without_intermediate_is_refused(pki: PKI, make_verifier: Any) -> None:
    fetcher = RecordingFetcher({GOOD_URL: pki.leaf.pem})
    verifier = make_verifier(fetcher=fetcher)
    assert _reason(verifier, pki, pki.body()) == "certificate chain does not lead to a trusted root"


def test_default_trust_store_is_certifi_and_does_not_trust_the_test_ca(
    pki: PKI, fetcher: RecordingFetcher, clock: Clock
) -> None:
    roots = load_certifi_roots()
    assert len(roots) > 50
    x509v.Store(roots)  # every certifi root is accepted by the verifier's store
    verifier = AlexaRequestVerifier(fetcher=fetcher, clock=clock)
    assert _reason(verifier, pki, pki.body()) == "certificate chain does not lead to a trusted root"


def test_tampered_body_is_refused(pki: PKI, make_verifier: Any) -> None:
    body = pki.body()
    signature = pki.headers(body)["Signature-256"]
    tampered = body.replace(b"LaunchRequest", b"LaunchRequesT")
    verifier = make_verifier()
    with pytest.raises(VerificationError) as info:
        verifier.verify(body=tampered, cert_url=GOOD_URL, signature=signature)
    assert info.value.reason == "signature does not match the body"


def test_signature_by_another_key_is_refused(pki: PKI, make_verifier: Any) -> None:
    body = pki.body()
    other = sign(body, _key())
    assert _reason(make_verifier(), pki, body, signature=other) == (
        "signature does not match the body"
    )


@pytest.mark.parametrize(
    ("signature", "reason"),
    [
        ("", "missing Signature-256 header"),
        (None, "missing Signature-256 header"),
        ("not base64!!", "signature is not valid base64"),
        ("QUJD=X", "signature is not valid base64"),
        ("    ", "signature is empty"),
        ("QUJD", "signature does not match the body"),
    ],
)
def test_bad_signature_header(
    pki: PKI, make_verifier: Any, signature: str | None, reason: str
) -> None:
    assert _reason(make_verifier(), pki, pki.body(), signature=signature) == reason


@pytest.mark.parametrize("url", ["", None])
def test_missing_cert_url_header(pki: PKI, make_verifier: Any, url: str | None) -> None:
    assert _reason(make_verifier(), pki, pki.body(), url=url) == (
        "missing SignatureCertChainUrl header"
    )


@pytest.mark.parametrize(
    ("offset_s", "request_type", "ok"),
    [
        (-149, "LaunchRequest", True),
        (149, "IntentRequest", True),
        (-151, "LaunchRequest", False),
        (151, "IntentRequest", False),
        (-3600, "SessionEndedRequest", False),
        (-30 * 60, "AlexaSkillEvent.SkillEnabled", True),
        (-30 * 60, "AlexaSkillEvent.SkillPermissionAccepted", True),
        (-30 * 60, "Messaging.MessageReceived", True),
        (-3599, "AlexaSkillEvent.SkillDisabled", True),
        (-3601, "AlexaSkillEvent.SkillDisabled", False),
        (3601, "Messaging.MessageReceived", False),
        (-30 * 60, "AlexaSkillEventX", False),
    ],
)
def test_timestamp_tolerance(
    pki: PKI, make_verifier: Any, offset_s: int, request_type: str, ok: bool
) -> None:
    body = pki.body(request_type=request_type, timestamp=pki.now + timedelta(seconds=offset_s))
    verifier = make_verifier()
    if ok:
        _verify(verifier, pki, body)
    else:
        assert _reason(verifier, pki, body) == "request timestamp outside tolerance"


def test_timestamp_with_fraction_and_offset_formats(pki: PKI, make_verifier: Any) -> None:
    verifier = make_verifier()
    stamp = pki.now.strftime("%Y-%m-%dT%H:%M:%S") + ".52Z"
    _verify(verifier, pki, pki.body(timestamp=stamp))
    offset = (pki.now + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S") + "+02:00"
    _verify(verifier, pki, pki.body(timestamp=offset))


@pytest.mark.parametrize(
    ("timestamp", "reason"),
    [
        ("yesterday", "request timestamp is not ISO 8601"),
        ("0001-01-01T00:00:00+14:00", "request timestamp outside tolerance"),
        (12345, "request timestamp missing"),
        (None, "request timestamp missing"),
    ],
)
def test_unusable_timestamps(pki: PKI, make_verifier: Any, timestamp: Any, reason: str) -> None:
    envelope = pki.envelope()
    envelope["request"]["timestamp"] = timestamp
    body = json.dumps(envelope).encode()
    assert _reason(make_verifier(), pki, body) == reason


def test_request_object_missing(pki: PKI, make_verifier: Any) -> None:
    body = json.dumps({"version": "1.0"}).encode()
    assert _reason(make_verifier(), pki, body) == "request object missing"


def test_wrong_skill_id_is_refused(pki: PKI, make_verifier: Any) -> None:
    body = pki.body(skill_id="amzn1.ask.skill.someone-else")
    assert _reason(make_verifier(), pki, body) == "skill id does not match"


def test_skill_id_mismatch_in_session_only_is_refused(pki: PKI, make_verifier: Any) -> None:
    envelope = pki.envelope()
    envelope["session"]["application"]["applicationId"] = "amzn1.ask.skill.someone-else"
    body = json.dumps(envelope).encode()
    assert _reason(make_verifier(), pki, body) == "skill id does not match"


def test_skill_id_from_session_alone_is_enough(pki: PKI, make_verifier: Any) -> None:
    envelope = pki.envelope()
    del envelope["context"]
    _verify(make_verifier(), pki, json.dumps(envelope).encode())


def test_skill_id_missing_when_configured(pki: PKI, make_verifier: Any) -> None:
    body = pki.body(skill_id=None)
    assert _reason(make_verifier(), pki, body) == "skill id missing"


def test_no_configured_skill_id_accepts_any(pki: PKI, make_verifier: Any) -> None:
    _verify(make_verifier(skill_id=None), pki, pki.body(skill_id="amzn1.ask.skill.other"))


def test_cheap_checks_run_before_any_download(
    pki: PKI, make_verifier: Any, fetcher: RecordingFetcher
) -> None:
    verifier = make_verifier()
    old = pki.body(timestamp=pki.now - timedelta(hours=1))
    _reason(verifier, pki, old)
    _reason(verifier, pki, pki.body(skill_id="amzn1.ask.skill.other"))
    _reason(verifier, pki, pki.body(), url="https://s3.amazonaws.com/other/x.pem")
    assert fetcher.calls == []


def test_chain_is_cached_until_it_expires(
    pki: PKI, make_verifier: Any, fetcher: RecordingFetcher, clock: Clock
) -> None:
    verifier = make_verifier()
    for _ in range(3):
        _verify(verifier, pki, pki.body())
    assert fetcher.calls == [GOOD_URL]

    # Past the leaf's not_valid_after the cached key is dropped, the chain fetched again,
    # and path validation refuses it.
    clock.now = pki.leaf.cert.not_valid_after_utc + timedelta(seconds=1)
    assert _reason(verifier, pki, pki.body(timestamp=clock.now)) == (
        "certificate chain is not valid now (expired or not yet valid)"
    )
    assert fetcher.calls == [GOOD_URL, GOOD_URL]


def test_failed_chains_are_remembered_briefly(
    pki: PKI, make_verifier: Any, fetcher: RecordingFetcher
) -> None:
    tick = [0.0]
    verifier = make_verifier(failure_ttl_s=30.0, monotonic=lambda: tick[0])
    for _ in range(2):
        assert _reason(verifier, pki, pki.body(), url=WRONG_SAN_URL) == (
            "certificate is not for echo-api.amazon.com"
        )
    assert fetcher.calls == [WRONG_SAN_URL]
    tick[0] = 30.0
    _reason(verifier, pki, pki.body(), url=WRONG_SAN_URL)
    assert fetcher.calls == [WRONG_SAN_URL, WRONG_SAN_URL]


@pytest.mark.parametrize(("size", "fetches"), [(1, 3), (2, 2)])
def test_cache_is_bounded_lru(
    pki: PKI, make_verifier: Any, fetcher: RecordingFetcher, size: int, fetches: int
) -> None:
    verifier = make_verifier(cache_size=size)
    for url in (GOOD_URL, ALIAS_URL, GOOD_URL):
        _verify(verifier, pki, pki.body(), url=url)
    assert len(fetcher.calls) == fetches


def test_no_download_budget_is_shared_between_urls(
    pki: PKI, make_verifier: Any, fetcher: RecordingFetcher
) -> None:
    verifier = make_verifier()
    for n in range(100):
        url = f"https://s3.amazonaws.com/echo.api/made-up-{n}.pem"
        assert _reason(verifier, pki, pki.body(), url=url) == (
            "certificate chain could not be fetched"
        )
    _verify(verifier, pki, pki.body())
    assert len(fetcher.calls) == 101


def test_a_failed_download_is_not_held_against_other_urls(
    pki: PKI, make_verifier: Any, fetcher: RecordingFetcher
) -> None:
    verifier = make_verifier(failure_ttl_s=3600.0)
    _reason(verifier, pki, pki.body(), url=GARBAGE_URL)
    _verify(verifier, pki, pki.body(), url=ALIAS_URL)
    assert fetcher.calls == [GARBAGE_URL, ALIAS_URL]


def test_fetched_url_is_the_canonical_one(
    pki: PKI, make_verifier: Any, fetcher: RecordingFetcher
) -> None:
    odd = "HTTPS://S3.AMAZONAWS.COM:443/echo.api/../echo.api/echo-api-cert-test.pem"
    _verify(make_verifier(), pki, pki.body(), url=odd)
    assert fetcher.calls == [GOOD_URL]


def test_oversized_chain_is_refused(pki: PKI, make_verifier: Any) -> None:
    fetcher = RecordingFetcher({GOOD_URL: pki.chains[GOOD_URL] + b"\n" * (64 * 1024)})
    assert _reason(make_verifier(fetcher=fetcher), pki, pki.body()) == (
        "certificate chain too large"
    )


def test_reasons_never_carry_ids_or_body(pki: PKI, make_verifier: Any) -> None:
    verifier = make_verifier()
    bodies = [
        pki.body(skill_id="amzn1.ask.skill.SECRET-OTHER"),
        pki.body(timestamp=iso(pki.now - timedelta(days=1))),
        pki.body(skill_id=None),
    ]
    for body in bodies:
        reason = _reason(verifier, pki, body)
        for secret in ("SECRET", SKILL_ID, "TESTUSER", "amzn1", "LaunchRequest"):
            assert secret not in reason
