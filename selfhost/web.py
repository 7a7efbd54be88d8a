"""Self-hosted HTTPS endpoint for the skill: a small Flask app in front of ``lambda_handler``.

Production: run it under gunicorn behind a reverse proxy that terminates TLS on port 443
(see ``docs/self-hosting.md``)::

    gunicorn --bind 127.0.0.1:8000 --workers 2 'selfhost.web:create_app()'

``steadyheart serve`` (:func:`serve_main`) runs Flask's development server, for local use only.

We do not use flask-ask-sdk: its verifier cannot be imported on OpenSSL >= 3.0.10 (oscrypto);
:mod:`selfhost.verify` does the same checks with ``cryptography``'s X.509 path validation.

Nothing here logs request bodies, signature headers, user or skill ids, or tokens.
"""

from __future__ import annotations

import argparse
import importlib
import ipaddress
import json
import logging
import sys
import traceback
from collections.abc import Callable, Mapping
from typing import Any, Protocol, cast

from flask import Flask, Response, request

from selfhost.verify import (
    CERT_URL_HEADER,
    SIGNATURE_HEADER,
    AlexaRequestVerifier,
    VerificationError,
)
from skill import telemetry
from skill.config import settings

__all__ = ["DEFAULT_MAX_BODY_BYTES", "Handler", "RequestVerifier", "create_app", "serve_main"]

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]

DEFAULT_MAX_BODY_BYTES = 128 * 1024
"""Alexa request envelopes are a few KB (the largest, with APL visual context, tens of KB);
128 KiB leaves ample headroom while bounding the memory and JSON parsing one request can cost."""

_FALLBACK_RESPONSE: dict[str, Any] = {"version": "1.0", "response": {}}
"""A valid Alexa response with no speech, used only if the handler itself fails."""


class RequestVerifier(Protocol):
    def verify(
        self,
        *,
        body: bytes,
        cert_url: str | None,
        signature: str | None,
        envelope: Mapping[str, Any] | None = None,
    ) -> None: ...


def _default_handler() -> Handler:
    module = importlib.import_module("skill.app")
    return cast(Handler, module.lambda_handler)


def _json_response(payload: dict[str, Any], status: int = 200) -> Response:
    return Response(
        json.dumps(payload, allow_nan=False), status=status, mimetype="application/json"
    )


def _error(status: int, message: str) -> Response:
    return _json_response({"error": message}, status)


def _parse(body: bytes) -> dict[str, Any] | None:
    try:
        envelope = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return envelope if isinstance(envelope, dict) else None


def create_app(
    handler: Handler | None = None,
    *,
    verify: bool = True,
    verifier: RequestVerifier | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> Flask:
    """The WSGI app: ``POST /`` takes Alexa's JSON envelope and returns the handler's response.

    ``handler`` defaults to ``skill.app.lambda_handler`` (imported here, not at module import).
    With ``verify`` on (the default) every request must pass ``verifier`` (by default an
    :class:`~selfhost.verify.AlexaRequestVerifier` for the configured skill id). Status codes:
    400 for a failed verification or a body that is not a JSON object, 405 for any method but
    POST, 413 above ``max_body_bytes``; a handler failure is logged and answered with 200 and a
    speechless response, so Alexa never sees a 500 from us.
    """
    call: Handler = handler if handler is not None else _default_handler()
    active: RequestVerifier | None = None
    if verify:
        active = (
            verifier if verifier is not None else AlexaRequestVerifier(skill_id=settings().skill_id)
        )

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = max_body_bytes

    def alexa() -> Response:
        body = request.get_data(cache=False)  # raises 413 past MAX_CONTENT_LENGTH
        envelope = _parse(body)
        if envelope is None:
            log.info("rejected request: body is not a JSON object")
            return _error(400, "bad request")
        if active is not None:
            try:
                active.verify(
                    body=body,
                    cert_url=request.headers.get(CERT_URL_HEADER),
                    signature=request.headers.get(SIGNATURE_HEADER),
                    envelope=envelope,
                )
            except VerificationError as exc:
                log.warning("rejected request: %s", exc.reason)
                telemetry.record(telemetry.VERIFICATION_FAILURE, exc.reason)
                telemetry.flush()
                return _error(400, "bad request")
            except Exception as exc:  # a verifier bug must fail closed, not 500
                log.error("rejected request: verifier failed (%s)", type(exc).__name__)
                telemetry.record(telemetry.VERIFICATION_FAILURE, "verifier failed")
                telemetry.flush()
                return _error(400, "bad request")
        try:
            result = call(envelope, None)
            if not isinstance(result, dict):
                raise TypeError("handler returned a non-dict")
            return _json_response(result)
        except Exception as exc:
            # The exception message may quote user data; log its type and frames only.
            frames = "".join(traceback.format_tb(exc.__traceback__))
            log.error(
                "handler failed (%s); answering without speech\n%s", type(exc).__name__, frames
            )
            return _json_response(_FALLBACK_RESPONSE)

    def too_large(_exc: Exception) -> Response:
        log.info("rejected request: body larger than %d bytes", max_body_bytes)
        return _error(413, "request body too large")

    def not_allowed(_exc: Exception) -> Response:
        response = _error(405, "method not allowed")
        response.headers["Allow"] = "POST"
        return response

    app.register_error_handler(413, too_large)
    app.register_error_handler(405, not_allowed)
    app.add_url_rule("/", "alexa", alexa, methods=["POST"], provide_automatic_options=False)
    return app


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve_main(argv: list[str] | None = None) -> int:
    """``steadyheart serve [--host 127.0.0.1] [--port 5000] [--no-verify]`` (development only).

    Production should run ``gunicorn 'selfhost.web:create_app()'`` behind a TLS-terminating proxy.
    ``--no-verify`` is refused unless the host is a loopback address.
    """
    parser = argparse.ArgumentParser(
        prog="steadyheart serve",
        description="Run the skill's web endpoint on Flask's development server. "
        "For production use gunicorn: gunicorn 'selfhost.web:create_app()'.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=5000, help="port (default 5000)")
    parser.add_argument(
        "--no-verify",
        action="store_true",
        help="skip Alexa request verification (loopback hosts only; never in production)",
    )
    args = parser.parse_args(argv)
    if not 0 < args.port < 65536:
        print(f"steadyheart serve: invalid port {args.port}", file=sys.stderr)
        return 2
    if args.no_verify and not _is_loopback(args.host):
        print(
            "steadyheart serve: --no-verify is only allowed on a loopback host "
            "(127.0.0.0/8, ::1, localhost)",
            file=sys.stderr,
        )
        return 2

    logging.basicConfig(level=settings().log_level, format="%(levelname)s %(name)s: %(message)s")
    if args.no_verify:
        log.warning(
            "!!! ALEXA REQUEST VERIFICATION IS OFF (--no-verify): any caller can drive this skill. "
            "Local testing only. !!!"
        )
    log.warning(
        "Flask development server on %s:%d; for production use gunicorn behind HTTPS "
        "(see docs/self-hosting.md)",
        args.host,
        args.port,
    )
    app = create_app(verify=not args.no_verify)
    app.run(host=args.host, port=args.port, debug=False, use_reloader=False)
    return 0
