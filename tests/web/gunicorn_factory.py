"""App factory for the gunicorn smoke test: the real endpoint, trusting only the test CA.

gunicorn runs it in another process, so the test PKI arrives as PEM files named by environment
variables; the chain is "fetched" from that file instead of from S3 (no network).
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography import x509
from flask import Flask

from selfhost.verify import AlexaRequestVerifier
from selfhost.web import create_app
from tests.support.alexa_pki import GOOD_URL, SKILL_ID, echo_handler


def create() -> Flask:
    root = x509.load_pem_x509_certificate(
        Path(os.environ["STEADYHEART_TEST_ROOT_PEM"]).read_bytes()
    )
    chain = Path(os.environ["STEADYHEART_TEST_CHAIN_PEM"]).read_bytes()

    def fetch(url: str, timeout_s: float) -> bytes:
        if url != GOOD_URL:
            raise OSError("not found")
        return chain

    verifier = AlexaRequestVerifier(skill_id=SKILL_ID, trust_roots=[root], fetcher=fetch)
    return create_app(echo_handler, verifier=verifier)
