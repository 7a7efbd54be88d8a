"""Store failures never escape: a corrupt, read-only or unreachable store still gets spoken
answers, the exercise runs, the skill says once that it can't keep notes, a reason is logged
without personal data, and the file is left as it was."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from devtools.simulator import Exchange, Simulator
from skill.app import SteadyHeart
from skill.config import Settings
from skill.state import Profile, ProfileUpdate
from skill.storage import BrokenStore, Write
from skill.storage.base import OwnerKey
from skill.storage.dynamodb import DynamoStore, make_client
from skill.storage.sqlite import SqliteStore
from tests.support.conversation import slot_json
from tests.support.reliability import USER, said
from tests.support.stores import refusing_endpoint


def talk(app: SteadyHeart) -> list[Exchange]:
    sim = Simulator(app, user_id=USER)
    grounding = slot_json("en-US", "StartExerciseIntent", "exercise", "grounding")
    return [
        sim.launch(),
        sim.intent("AMAZON.NoIntent"),
        sim.intent("StartExerciseIntent", {"exercise": grounding}),
        sim.intent("AMAZON.NoIntent"),
        sim.intent("AMAZON.StopIntent"),
    ]


def summary(exchanges: list[Exchange]) -> dict[str, Any]:
    return {
        "answered": sum(bool(e.speech.strip()) for e in exchanges),
        "apologies": sum(said(e.speech, "error.apology") for e in exchanges),
        "told_once": sum(said(e.speech, "storage.not_saved") for e in exchanges),
        "exercise_ran": said(exchanges[2].speech, "grounding.intro"),
    }


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_corrupt_file_is_answered_and_left_alone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "steadyheart.db"
    path.write_bytes(b"this is not a database " * 400)
    before = sha(path)
    caplog.set_level(logging.INFO)
    app = SteadyHeart(Settings(store=f"sqlite:{path}"))
    got = summary(talk(app))
    logged = "\n".join(r.getMessage() for r in caplog.records)
    print(f"\n[sqlite] corrupt file: {got}; file unchanged {sha(path) == before}; log: {logged!r}")
    assert isinstance(app.store, BrokenStore)
    assert got == {"answered": 5, "apologies": 0, "told_once": 1, "exercise_ran": True}
    assert sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["steadyheart.db"]
    assert "not an SQLite database" in logged
    for secret in (str(tmp_path), USER, OwnerKey.from_ids(USER, None).account):
        assert secret not in logged


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """The file cannot be written: chmod for a user, the immutable flag for root (who may
    write any file whatever its mode)."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        yield
        path.chmod(0o600)
        return
    chattr = shutil.which("chattr")
    assert chattr, "chattr is needed to make a file read-only for root"
    subprocess.run([chattr, "+i", str(path)], check=True)
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def _granted_store(path: Path) -> None:
    store = SqliteStore(path)
    store.commit(
        OwnerKey.from_ids(USER, None),
        Write(None, ProfileUpdate.of(Profile(consent="granted", visits=3))),
    )
    store.close()


def test_a_read_only_file_is_answered_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "steadyheart.db"
    _granted_store(path)
    before = sha(path)
    with read_only(path):
        app = SteadyHeart(Settings(store=f"sqlite:{path}"))
        got = summary(talk(app))
    print(f"\n[sqlite] read-only file: {got}; file unchanged {sha(path) == before}")
    assert isinstance(app.store, BrokenStore)
    assert got == {"answered": 5, "apologies": 0, "told_once": 1, "exercise_ran": True}
    assert sha(path) == before


def test_a_file_made_read_only_while_open_is_answered(tmp_path: Path) -> None:
    path = tmp_path / "steadyheart.db"
    _granted_store(path)
    app = SteadyHeart(Settings(store=f"sqlite:{path}"))
    sim = Simulator(app, user_id=USER)
    grounding = slot_json("en-US", "StartExerciseIntent", "exercise", "grounding")
    with read_only(path), read_only(Path(f"{path}-wal")):
        exchanges = [
            sim.launch(),  # a returning visit: counting it cannot be written
            sim.intent("StartExerciseIntent", {"exercise": grounding}),
            sim.intent("AMAZON.NoIntent"),
            sim.intent("AMAZON.StopIntent"),
        ]
    told = [said(e.speech, "storage.not_saved") for e in exchanges]
    print(f"\n[sqlite] made read-only while open: told {told}")
    assert all(e.speech.strip() for e in exchanges)
    assert not any(said(e.speech, "error.apology") for e in exchanges)
    assert told.count(True) == 1
    assert said(exchanges[1].speech, "grounding.intro")


@pytest.mark.usefixtures("aws_env")
def test_an_unreachable_endpoint_is_answered() -> None:
    with refusing_endpoint() as (endpoint, _):
        cfg = Settings(
            store="dynamodb:unused",
            aws_region="us-east-1",
            dynamodb_endpoint=endpoint,
            storage_timeout_s=0.3,
        )
        got = summary(talk(SteadyHeart(cfg, store=DynamoStore(make_client(cfg), "steadyheart"))))
    print(f"\n[dynamodb] unreachable endpoint: {got}")
    assert got == {"answered": 5, "apologies": 0, "told_once": 1, "exercise_ran": True}
