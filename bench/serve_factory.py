"""gunicorn app factory for the throughput benchmark: our skill or the hello skill, with or
without request verification (verification trusts only a test CA whose chain is served locally).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from cryptography import x509
from flask import Flask

from selfhost.verify import AlexaRequestVerifier
from selfhost.web import create_app

CHAIN_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-bench.pem"
SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-0000000bench"


def create() -> Flask:
    handler: Any
    if os.environ["BENCH_APP"] == "hello":
        from bench.hello_skill import lambda_handler

        handler = lambda_handler
    else:
        from skill.app import SteadyHeart
        from skill.config import Settings

        handler = SteadyHeart(Settings(store="memory"))
    if os.environ.get("BENCH_VERIFY") != "1":
        return create_app(handler, verify=False)
    root = x509.load_pem_x509_certificate(Path(os.environ["BENCH_ROOT_PEM"]).read_bytes())
    chain = Path(os.environ["BENCH_CHAIN_PEM"]).read_bytes()

    def fetch(url: str, timeout_s: float) -> bytes:
        if url != CHAIN_URL:
            raise OSError("not found")
        return chain

    verifier = AlexaRequestVerifier(skill_id=SKILL_ID, trust_roots=[root], fetcher=fetch)
    return create_app(handler, verifier=verifier)
