"""The two ways a phrase reaches the skill: our resolver in process, or virtual-alexa over HTTP.

Both take the same jobs (a locale and the turns a person says) and give back the same raw
material: the response JSON of the last turn, the one before it (where the point was reached),
and the intent that was sent. Judging is done on that material alone (``judge.py``).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from skill.app import SteadyHeart
from skill.config import settings
from tests.support.evaluation.points import Turn
from tests.support.evaluation.skillpath import Resolver, Simulator, serve_command

ROOT = Path(__file__).resolve().parents[3]
MODELS = ROOT / "intents"
NODE_MODULES = ROOT / ".deps" / "node_modules"
NODE_SCRIPT = Path(__file__).with_name("virtual_alexa.js")
START = datetime(2026, 12, 7, 19, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Job:
    id: str
    locale: str
    turns: tuple[Turn, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "locale": self.locale,
            "turns": [{"kind": t.kind, "text": t.text} for t in self.turns],
        }


@dataclass(frozen=True)
class Raw:
    id: str
    prior: dict[str, Any] | None
    """The response to the turn before the last (None when the phrase is the first turn)."""
    intent: dict[str, Any] | None
    """What the last turn was resolved to: {"name", "slots": {name: value}}; None for a launch."""
    response: dict[str, Any] | None
    error: str | None = None


Progress = Callable[[int], None]


# --------------------------------------------------------------------------------------------
# Ours: skill/nlu.py's Resolver -> Simulator envelope -> the skill's handler, in process
# --------------------------------------------------------------------------------------------
@lru_cache(maxsize=8)
def _resolver(locale: str) -> Resolver:
    return Resolver.from_file(MODELS / f"{locale}.json")


@lru_cache(maxsize=65536)
def _resolve(locale: str, text: str) -> dict[str, Any]:
    intent: dict[str, Any] = _resolver(locale).resolve(text).intent
    return intent


def _slot_values(intent: dict[str, Any]) -> dict[str, Any]:
    slots = intent.get("slots") or {}
    return {k: v.get("value") for k, v in slots.items() if v.get("value") is not None}


class Ours:
    """Typed text -> our resolver -> a real envelope -> the handler ``lambda_handler`` runs.

    The handler is a ``SteadyHeart`` built exactly as ``skill.app.lambda_handler`` builds it,
    from the environment's settings with the store forced to memory (each job is a new person,
    so nothing leaks between jobs).
    """

    name = "ours"

    def __init__(self) -> None:
        self.app = SteadyHeart(replace(settings(), store="memory"))
        self.count = 0

    def run(self, jobs: Sequence[Job], progress: Progress | None = None) -> Iterator[Raw]:
        for n, job in enumerate(jobs, 1):
            yield self._one(job)
            if progress is not None:
                progress(n)

    def _one(self, job: Job) -> Raw:
        self.count += 1
        clock = [START]

        def now() -> datetime:
            clock[0] += timedelta(seconds=20)
            return clock[0]

        sim = Simulator(
            self.app,
            locale=job.locale,
            user_id=f"amzn1.ask.account.EVAL{self.count:08d}",
            clock=now,
        )
        prior: dict[str, Any] | None = None
        last: dict[str, Any] | None = None
        sent: dict[str, Any] | None = None
        try:
            for t in job.turns:
                prior = last
                if t.kind == "launch":
                    sent = None
                    last = sim.launch().response
                    continue
                intent = _resolve(job.locale, t.text)
                sent = {"name": intent["name"], "slots": _slot_values(intent)}
                one_shot = t.kind == "one_shot"
                slots = intent.get("slots") or {}
                last = sim.intent(intent["name"], slots, one_shot=one_shot).response
        except Exception as exc:  # a crash is a result to report, not a reason to stop
            return Raw(job.id, prior, sent, None, f"{type(exc).__name__}: {exc}")
        return Raw(job.id, prior, sent, last)


# --------------------------------------------------------------------------------------------
# virtual-alexa: node drives `steadyheart serve --no-verify` on 127.0.0.1
# --------------------------------------------------------------------------------------------
class VirtualAlexaMissing(RuntimeError):
    pass


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_for(port: int, proc: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"steadyheart serve exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("steadyheart serve did not start listening")


class VirtualAlexa:
    """virtual-alexa@0.7.8 (under .deps, see the Makefile) against ``steadyheart serve``."""

    name = "virtual-alexa"

    def __init__(self, node: str = "node") -> None:
        if not (NODE_MODULES / "virtual-alexa" / "package.json").exists():
            raise VirtualAlexaMissing(
                "virtual-alexa is not installed: run make .deps/virtual-alexa"
            )
        self.node = node

    def run(self, jobs: Sequence[Job], progress: Progress | None = None) -> Iterator[Raw]:
        port = _free_port()
        env = dict(os.environ)
        env.update({"STEADYHEART_STORE": "memory", "STEADYHEART_LOG_LEVEL": "ERROR"})
        server = subprocess.Popen(
            serve_command("127.0.0.1", port),
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(port, server)
            with tempfile.TemporaryDirectory() as tmp:
                jobs_file = Path(tmp) / "jobs.jsonl"
                with jobs_file.open("w", encoding="utf-8") as f:
                    for job in jobs:
                        f.write(json.dumps(job.as_json()) + "\n")
                yield from self._drive(port, jobs_file, len(jobs), progress)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    def _drive(
        self, port: int, jobs_file: Path, total: int, progress: Progress | None
    ) -> Iterator[Raw]:
        env = dict(os.environ)
        env["NODE_PATH"] = str(NODE_MODULES)
        env["NODE_NO_WARNINGS"] = "1"
        cmd = [
            self.node,
            str(NODE_SCRIPT),
            "--url",
            f"http://127.0.0.1:{port}/",
            "--models",
            str(MODELS),
            "--jobs",
            str(jobs_file),
        ]
        errors = jobs_file.with_name("node.err")
        with (
            errors.open("w", encoding="utf-8") as err_out,
            subprocess.Popen(
                cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=err_out, text=True
            ) as proc,
        ):
            assert proc.stdout is not None
            n = 0
            for line in proc.stdout:
                data = json.loads(line)
                n += 1
                yield Raw(
                    data["id"], data["prior"], data["intent"], data["response"], data["error"]
                )
                if progress is not None:
                    progress(n)
            code = proc.wait()
        if code != 0 or n != total:
            err = errors.read_text("utf-8", errors="replace")
            raise RuntimeError(f"virtual_alexa.js stopped after {n} of {total} jobs: {err[-500:]}")
