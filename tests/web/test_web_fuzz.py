"""Property tests: whatever arrives, the endpoint answers 200, 400 or 413, never a 500."""

from __future__ import annotations

import importlib
import importlib.util
import json
from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfhost.verify import AlexaRequestVerifier
from selfhost.web import create_app
from tests.support.alexa_pki import (
    GOOD_URL,
    PKI,
    SKILL_ID,
    Clock,
    RecordingFetcher,
    echo_handler,
    iso,
    sign,
)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=25,
)
json_objects = st.dictionaries(st.text(max_size=12), json_values, max_size=6)
header_values = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=120)

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


# Hypothesis signs and sends hundreds of generated requests.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def verifying_client(pki: PKI) -> FlaskClient:
    verifier = AlexaRequestVerifier(
        skill_id=SKILL_ID,
        trust_roots=[pki.root.cert],
        fetcher=RecordingFetcher(pki.chains),
        clock=Clock(pki.now),
    )
    return create_app(echo_handler, verifier=verifier).test_client()


@pytest.fixture(scope="module")
def open_client() -> FlaskClient:
    return create_app(echo_handler, verify=False).test_client()


@FUZZ
@given(body=st.binary(max_size=2048), url=header_values, signature=header_values)
def test_random_bytes_never_500(
    verifying_client: FlaskClient, open_client: FlaskClient, body: bytes, url: str, signature: str
) -> None:
    headers = {"SignatureCertChainUrl": url, "Signature-256": signature}
    for client in (verifying_client, open_client):
        response = client.post("/", data=body, headers=headers)
        assert response.status_code in (200, 400), response.status_code


@FUZZ
@given(body=st.binary(max_size=512))
def test_random_bytes_signed_with_the_real_key_get_400(
    verifying_client: FlaskClient, pki: PKI, body: bytes
) -> None:
    headers = {"SignatureCertChainUrl": GOOD_URL, "Signature-256": sign(body, pki.leaf.key)}
    assert verifying_client.post("/", data=body, headers=headers).status_code == 400


@FUZZ
@given(value=json_values)
def test_random_json_never_500(
    verifying_client: FlaskClient, open_client: FlaskClient, pki: PKI, value: Any
) -> None:
    body = json.dumps(value).encode()
    headers = pki.headers(body)
    expected_open = 200 if isinstance(value, dict) else 400
    assert open_client.post("/", data=body, headers=headers).status_code == expected_open
    # Correctly signed, but random JSON has no valid timestamp or skill id.
    assert verifying_client.post("/", data=body, headers=headers).status_code == 400


@FUZZ
@given(top=json_objects, request_extra=json_objects, request_type=st.text(max_size=30))
def test_signed_envelopes_with_random_fields(
    verifying_client: FlaskClient,
    pki: PKI,
    top: dict[str, Any],
    request_extra: dict[str, Any],
    request_type: str,
) -> None:
    envelope = pki.envelope(request_type=request_type)
    reserved = {"context", "session", "request"}
    envelope.update({k: v for k, v in top.items() if k not in reserved})
    envelope["request"].update(
        {k: v for k, v in request_extra.items() if k not in {"timestamp", "type"}}
    )
    body = json.dumps(envelope).encode()
    response = verifying_client.post("/", data=body, headers=pki.headers(body))
    assert response.status_code == 200
    assert response.get_json()["version"] == "1.0"


@FUZZ
@given(
    timestamp=st.one_of(st.just("NOW"), json_values, st.text(max_size=40)),
    skill_id=st.one_of(st.just(SKILL_ID), json_values),
)
def test_signed_envelopes_with_random_timestamp_and_skill_id(
    verifying_client: FlaskClient, pki: PKI, timestamp: Any, skill_id: Any
) -> None:
    if timestamp == "NOW":
        timestamp = iso(pki.now)
    envelope = pki.envelope()
    envelope["request"]["timestamp"] = timestamp
    envelope["context"]["System"]["application"]["applicationId"] = skill_id
    envelope["session"]["application"]["applicationId"] = skill_id
    body = json.dumps(envelope).encode()
    status = verifying_client.post("/", data=body, headers=pki.headers(body)).status_code
    if skill_id != SKILL_ID or not isinstance(timestamp, str):
        assert status == 400
    elif timestamp == iso(pki.now):
        assert status == 200
    else:
        assert status in (200, 400)


def _real_handler() -> Any:
    if importlib.util.find_spec("skill.app") is None:
        pytest.skip("skill/app.py not written yet")
    return importlib.import_module("skill.app").lambda_handler  # an import error fails


@FUZZ
@given(value=json_objects)
def test_real_handler_with_random_objects_never_500(value: dict[str, Any]) -> None:
    client = _real_client()
    response = client.post("/", data=json.dumps(value).encode())
    assert response.status_code == 200
    assert response.get_json()["version"] == "1.0"


_REAL: list[FlaskClient] = []


def _real_client() -> FlaskClient:
    if not _REAL:
        _REAL.append(create_app(_real_handler(), verify=False).test_client())
    return _REAL[0]
