"""The Flask endpoint: status codes, verification wiring, handler failures, what gets logged."""

from __future__ import annotations

import importlib.util
import json
import logging
import subprocess
import sys
import types
from datetime import timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient

from selfhost.web import DEFAULT_MAX_BODY_BYTES, create_app
from tests.support.alexa_pki import (
    EXPIRED_URL,
    GOOD_URL,
    NOT_YET_URL,
    PKI,
    SKILL_ID,
    UNTRUSTED_URL,
    WRONG_SAN_URL,
    _key,
    echo_handler,
    sign,
)


@pytest.fixture
def client(make_verifier: Any) -> FlaskClient:
    return create_app(echo_handler, verifier=make_verifier()).test_client()


def _post(client: FlaskClient, body: bytes, headers: dict[str, str]) -> Any:
    return client.post("/", data=body, headers=headers)


def test_signed_request_is_answered_by_the_handler(client: FlaskClient, pki: PKI) -> None:
    body = pki.body(request_type="IntentRequest")
    response = _post(client, body, pki.headers(body))
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_json() == {
        "version": "1.0",
        "response": {"outputSpeech": {"type": "PlainText", "text": "ok IntentRequest"}},
    }


def test_skill_event_thirty_minutes_old_is_accepted(client: FlaskClient, pki: PKI) -> None:
    body = pki.body(
        request_type="AlexaSkillEvent.SkillEnabled", timestamp=pki.now - timedelta(minutes=30)
    )
    assert _post(client, body, pki.headers(body)).status_code == 200


def _tampered(pki: PKI) -> tuple[bytes, dict[str, str]]:
    body = pki.body()
    return body.replace(b"en-US", b"en-GB"), pki.headers(body)


def _with_url(url: str) -> Any:
    def build(pki: PKI) -> tuple[bytes, dict[str, str]]:
        body = pki.body()
        return body, pki.headers(body, url=url)

    return build


def _body(**kwargs: Any) -> Any:
    def build(pki: PKI) -> tuple[bytes, dict[str, str]]:
        envelope_kwargs = {
            key: (value(pki) if callable(value) else value) for key, value in kwargs.items()
        }
        body = pki.body(**envelope_kwargs)
        return body, pki.headers(body)

    return build


def _header_edit(name: str, value: str | None) -> Any:
    def build(pki: PKI) -> tuple[bytes, dict[str, str]]:
        body = pki.body()
        headers = pki.headers(body)
        if value is None:
            del headers[name]
        else:
            headers[name] = value
        return body, headers

    return build


def _other_key(pki: PKI) -> tuple[bytes, dict[str, str]]:
    body = pki.body()
    headers = pki.headers(body)
    headers["Signature-256"] = sign(body, _key())
    return body, headers


def _legacy_sha1_header_only(pki: PKI) -> tuple[bytes, dict[str, str]]:
    body = pki.body()
    headers = pki.headers(body)
    headers["Signature"] = headers.pop("Signature-256")
    return body, headers


BAD_REQUESTS = {
    "tampered body": _tampered,
    "http scheme": _with_url("http://s3.amazonaws.com/echo.api/echo-api-cert-test.pem"),
    "wrong host": _with_url("https://s3.evil.example/echo.api/echo-api-cert-test.pem"),
    "wrong path": _with_url("https://s3.amazonaws.com/other.api/echo-api-cert-test.pem"),
    "wrong path case": _with_url("https://s3.amazonaws.com/ECHO.API/echo-api-cert-test.pem"),
    "path traversal": _with_url("https://s3.amazonaws.com/echo.api/../evil/echo-api-cert.pem"),
    "encoded traversal": _with_url("https://s3.amazonaws.com/echo.api/%2E%2E/evil/cert.pem"),
    "wrong port": _with_url("https://s3.amazonaws.com:8443/echo.api/echo-api-cert-test.pem"),
    "expired certificate": _with_url(EXPIRED_URL),
    "not yet valid certificate": _with_url(NOT_YET_URL),
    "wrong SAN": _with_url(WRONG_SAN_URL),
    "untrusted chain": _with_url(UNTRUSTED_URL),
    "chain not found": _with_url("https://s3.amazonaws.com/echo.api/nothing-here.pem"),
    "old timestamp": _body(timestamp=lambda pki: pki.now - timedelta(seconds=151)),
    "future timestamp": _body(timestamp=lambda pki: pki.now + timedelta(seconds=151)),
    "old skill event": _body(
        request_type="AlexaSkillEvent.SkillEnabled",
        timestamp=lambda pki: pki.now - timedelta(minutes=61),
    ),
    "missing cert url header": _header_edit("SignatureCertChainUrl", None),
    "missing signature header": _header_edit("Signature-256", None),
    "only legacy Signature header": _legacy_sha1_header_only,
    "bad base64 signature": _header_edit("Signature-256", "%%%not-base64%%%"),
    "signature by another key": _other_key,
    "wrong skill id": _body(skill_id="amzn1.ask.skill.not-ours"),
    "missing skill id": _body(skill_id=None),
}


@pytest.mark.parametrize("case", sorted(BAD_REQUESTS))
def test_bad_requests_get_400(client: FlaskClient, pki: PKI, case: str) -> None:
    body, headers = BAD_REQUESTS[case](pki)
    response = _post(client, body, headers)
    assert response.status_code == 400
    assert response.get_json() == {"error": "bad request"}


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"{",
        b"not json",
        b"[1, 2]",
        b'"a string"',
        b"null",
        b"\xff\xfe\x00garbage",
        b"[" * 5000,
    ],
)
def test_malformed_or_non_object_json_gets_400(make_verifier: Any, pki: PKI, body: bytes) -> None:
    for verify in (True, False):
        client = create_app(echo_handler, verify=verify, verifier=make_verifier()).test_client()
        response = _post(client, body, pki.headers(body))
        assert response.status_code == 400, verify


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_other_methods_get_405(client: FlaskClient, method: str) -> None:
    response = client.open("/", method=method)
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"


def test_other_paths_get_404(client: FlaskClient, pki: PKI) -> None:
    body = pki.body()
    assert client.post("/elsewhere", data=body, headers=pki.headers(body)).status_code == 404


def test_oversized_body_gets_413_before_verification(
    client: FlaskClient, pki: PKI, fetcher: Any
) -> None:
    envelope = pki.envelope(extra_request={"padding": "x" * DEFAULT_MAX_BODY_BYTES})
    body = json.dumps(envelope).encode()
    response = _post(client, body, pki.headers(body))
    assert response.status_code == 413
    assert fetcher.calls == []


def test_body_limit_is_configurable(make_verifier: Any, pki: PKI) -> None:
    app = create_app(echo_handler, verifier=make_verifier(), max_body_bytes=len(pki.body()) - 1)
    body = pki.body()
    assert _post(app.test_client(), body, pki.headers(body)).status_code == 413


def test_verification_off_skips_all_checks(pki: PKI) -> None:
    client = create_app(echo_handler, verify=False).test_client()
    body = pki.body(timestamp="2001-01-01T00:00:00Z", skill_id="amzn1.ask.skill.other")
    response = client.post("/", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 200


def test_default_verifier_uses_configured_skill_id(monkeypatch: pytest.MonkeyPatch) -> None:
    import selfhost.web as web

    captured: dict[str, Any] = {}

    class FakeVerifier:
        def __init__(self, *, skill_id: str | None = None) -> None:
            captured["skill_id"] = skill_id

    monkeypatch.setattr(web, "AlexaRequestVerifier", FakeVerifier)
    monkeypatch.setattr(web, "settings", lambda: type("S", (), {"skill_id": "amzn1.ask.skill.x"}))
    create_app(echo_handler)
    assert captured == {"skill_id": "amzn1.ask.skill.x"}


def test_handler_exception_answers_200_without_speech_and_logs_no_data(
    make_verifier: Any, pki: PKI, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(event: dict[str, Any], context: Any) -> dict[str, Any]:
        raise KeyError(f"user said {event['request']['requestId']}")

    client = create_app(broken, verifier=make_verifier()).test_client()
    body = pki.body()
    with caplog.at_level(logging.DEBUG):
        response = _post(client, body, pki.headers(body))
    assert response.status_code == 200
    assert response.get_json() == {"version": "1.0", "response": {}}
    assert "handler failed (KeyError)" in caplog.text
    assert "amzn1" not in caplog.text  # the exception message quoted the request id


@pytest.mark.parametrize("result", [None, ["not", "a", "dict"], {"not": {"json", "able"}}])
def test_handler_returning_junk_answers_200_without_speech(
    make_verifier: Any, pki: PKI, result: Any
) -> None:
    client = create_app(lambda event, context: result, verifier=make_verifier()).test_client()
    body = pki.body()
    response = _post(client, body, pki.headers(body))
    assert response.status_code == 200
    assert response.get_json() == {"version": "1.0", "response": {}}


def test_verifier_bug_fails_closed_with_400(pki: PKI) -> None:
    class Exploding:
        def verify(self, **kwargs: Any) -> None:
            raise RuntimeError("bug")

    client = create_app(echo_handler, verifier=Exploding()).test_client()
    body = pki.body()
    assert _post(client, body, pki.headers(body)).status_code == 400


def test_handler_gets_the_envelope_and_no_context(make_verifier: Any, pki: PKI) -> None:
    seen: list[tuple[dict[str, Any], Any]] = []

    def spy(event: dict[str, Any], context: Any) -> dict[str, Any]:
        seen.append((event, context))
        return {"version": "1.0", "response": {}}

    client = create_app(spy, verifier=make_verifier()).test_client()
    body = pki.body()
    _post(client, body, pki.headers(body))
    assert seen == [(json.loads(body), None)]


def test_logs_never_carry_body_signature_or_ids(
    make_verifier: Any, pki: PKI, caplog: pytest.LogCaptureFixture
) -> None:
    client = create_app(echo_handler, verifier=make_verifier()).test_client()
    sent: list[str] = []
    with caplog.at_level(logging.DEBUG):
        for case in sorted(BAD_REQUESTS):
            body, headers = BAD_REQUESTS[case](pki)
            sent.extend(v for k, v in headers.items() if k.startswith("Signature"))
            _post(client, body, headers)
        good = pki.body()
        _post(client, good, pki.headers(good))
    assert "rejected request" in caplog.text
    for secret in (SKILL_ID, "not-ours", "TESTUSER", "TESTDEVICE", "amzn1", "requestId"):
        assert secret not in caplog.text
    for value in sent:
        if len(value) > 20:  # a real signature or URL, not an empty/short test value
            assert value not in caplog.text
    assert GOOD_URL not in caplog.text


def test_importing_web_does_not_import_the_skill() -> None:
    code = "import sys, selfhost.web; print('skill.app' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip() == "False"


def test_default_handler_is_lambda_handler_imported_lazily(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    fake = types.ModuleType("skill.app")

    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        calls.append(event["request"]["type"])
        return {"version": "1.0", "response": {}}

    fake.lambda_handler = lambda_handler  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "skill.app", fake)
    client = create_app(verify=False).test_client()
    response = client.post("/", json={"version": "1.0", "request": {"type": "LaunchRequest"}})
    assert response.status_code == 200
    assert calls == ["LaunchRequest"]


needs_real_skill = pytest.mark.skipif(
    importlib.util.find_spec("skill.app") is None, reason="skill/app.py not written yet"
)


@needs_real_skill
def test_end_to_end_with_the_real_lambda_handler(make_verifier: Any, pki: PKI) -> None:
    client = create_app(verifier=make_verifier()).test_client()
    body = pki.body(request_type="LaunchRequest")
    response = _post(client, body, pki.headers(body))
    assert response.status_code == 200
    payload = response.get_json()
    assert payload["version"] == "1.0"
    assert isinstance(payload["response"], dict)
    assert payload["response"] != {}, "the real skill should answer a launch, not the fallback"

    tampered = body.replace(b"LaunchRequest", b"IntentRequest")
    assert _post(client, tampered, pki.headers(body)).status_code == 400
