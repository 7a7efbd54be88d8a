"""``steadyheart serve`` (serve_main) and gunicorn smoke tests, loopback only."""

from __future__ import annotations

import http.client
import importlib.util
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

import selfhost.web as web
from selfhost.web import serve_main
from tests.support.alexa_pki import PKI, echo_handler

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.com", "10.0.0.1"])
def test_no_verify_refused_off_loopback(
    host: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ran: list[Any] = []
    monkeypatch.setattr(Flask, "run", lambda self, **kw: ran.append(kw))
    assert serve_main(["--host", host, "--no-verify"]) != 0
    assert "--no-verify is only allowed on a loopback host" in capsys.readouterr().err
    assert ran == []


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost"])
def test_no_verify_allowed_on_loopback_with_a_loud_warning(
    host: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    ran: list[dict[str, Any]] = []
    built: list[bool] = []
    real_create_app = web.create_app

    def spy_create_app(**kwargs: Any) -> Flask:
        built.append(kwargs["verify"])
        return real_create_app(echo_handler, **kwargs)

    monkeypatch.setattr(web, "create_app", spy_create_app)
    monkeypatch.setattr(Flask, "run", lambda self, **kw: ran.append(kw))
    with caplog.at_level(logging.WARNING, logger="selfhost.web"):
        assert serve_main(["--host", host, "--port", "5055", "--no-verify"]) == 0
    assert built == [False]
    assert ran[0]["host"] == host
    assert ran[0]["port"] == 5055
    assert ran[0]["debug"] is False
    assert "VERIFICATION IS OFF" in caplog.text


def test_serve_defaults_verify_on_loopback(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    ran: list[dict[str, Any]] = []
    built: list[bool] = []

    def spy_create_app(**kwargs: Any) -> Flask:
        built.append(kwargs["verify"])
        return Flask("x")

    monkeypatch.setattr(web, "create_app", spy_create_app)
    monkeypatch.setattr(Flask, "run", lambda self, **kw: ran.append(kw))
    with caplog.at_level(logging.WARNING, logger="selfhost.web"):
        assert serve_main([]) == 0
    assert built == [True]
    assert (ran[0]["host"], ran[0]["port"]) == ("127.0.0.1", 5000)
    assert "VERIFICATION IS OFF" not in caplog.text
    assert "gunicorn" in caplog.text


def test_verify_on_any_host_is_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web, "create_app", lambda **kw: Flask("x"))
    monkeypatch.setattr(Flask, "run", lambda self, **kw: None)
    assert serve_main(["--host", "0.0.0.0"]) == 0


@pytest.mark.parametrize("port", ["0", "70000", "-1"])
def test_bad_port_refused(port: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Flask, "run", lambda self, **kw: pytest.fail("must not run"))
    assert serve_main(["--port", port]) != 0


# -- gunicorn ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def _gunicorn(app_spec: str, env: dict[str, str]) -> Iterator[int]:
    port = _free_port()
    command = [
        str(GUNICORN),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "--timeout",
        "20",
        "--graceful-timeout",
        "5",
        "--pythonpath",
        f"{REPO},{HERE}",
        app_spec,
    ]
    proc = subprocess.Popen(
        command,
        cwd=REPO,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        # Ready when a worker answers (the master binds the port before any worker boots).
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                tail = proc.stderr.read().decode(errors="replace")[-3000:]  # type: ignore[union-attr]
                raise AssertionError(f"gunicorn exited with {proc.returncode}:\n{tail}")
            try:
                _request(port, "GET")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("gunicorn did not start within 30 s") from None
                time.sleep(0.1)
        yield port
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        if proc.stderr is not None:
            proc.stderr.close()


def _request(
    port: int, method: str, body: bytes = b"", headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, "/", body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn not installed")
def test_gunicorn_serves_verified_requests(pki: PKI, tmp_path: Path) -> None:
    root_pem = tmp_path / "root.pem"
    root_pem.write_bytes(pki.root.pem)
    chain_pem = tmp_path / "chain.pem"
    chain_pem.write_bytes(pki.leaf.pem + pki.intermediate.pem)
    env = {"STEADYHEART_TEST_ROOT_PEM": str(root_pem), "STEADYHEART_TEST_CHAIN_PEM": str(chain_pem)}

    with _gunicorn("gunicorn_factory:create()", env) as port:
        body = pki.body(request_type="IntentRequest", timestamp=datetime.now(UTC))
        status, payload = _request(port, "POST", body, pki.headers(body))
        assert status == 200
        assert json.loads(payload)["response"]["outputSpeech"]["text"] == "ok IntentRequest"

        status, _ = _request(port, "POST", body + b" ", pki.headers(body))
        assert status == 400
        assert _request(port, "GET")[0] == 405


@pytest.mark.slow
@pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn not installed")
@pytest.mark.skipif(
    importlib.util.find_spec("skill.app") is None, reason="skill/app.py not written yet"
)
def test_documented_gunicorn_command_refuses_unsigned_requests(pki: PKI) -> None:
    """``gunicorn 'selfhost.web:create_app()'`` as documented: real handler, certifi roots."""
    with _gunicorn("selfhost.web:create_app()", {}) as port:
        body = pki.body()
        status, _ = _request(port, "POST", body, {"Content-Type": "application/json"})
        assert status == 400
        assert _request(port, "GET")[0] == 405
        # No signed request here: verifying one would fetch its chain from S3 (no network).
