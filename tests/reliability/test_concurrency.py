"""No lost updates, no false alarms: many writers on one account keep every entry and nobody is
told "couldn't save"."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

import pytest

from skill.storage.dynamodb import DynamoStore, make_client
from skill.storage.sqlite import SqliteStore
from tests.support.dynamodb_local import local_settings
from tests.support.reliability import device, said

pytestmark = pytest.mark.dynamodb

WRITERS = 20
CHECKINS_EACH = 4
PROCESSES = 8
CHECKINS_PER_PROCESS = 45


def _checkins(store: object, n: int, start: threading.Barrier | None = None) -> tuple[int, int]:
    conv = device(store)  # type: ignore[arg-type]
    if start is not None:
        start.wait()
    noted = alarms = 0
    for _ in range(n):
        for line in ("ask steady heart for a check-in", "i'm feeling lonely", "i need to be heard"):
            speech = conv.say(line).speech
            alarms += said(speech, "storage.not_saved")
        noted += said(speech, "check_in.noted")
    return noted, alarms


@pytest.mark.slow
def test_twenty_writers_lose_nothing(dynamodb_endpoint: str, dynamodb_table: str) -> None:
    def store() -> DynamoStore:
        return DynamoStore(make_client(local_settings(dynamodb_endpoint)), dynamodb_table)

    first = device(store())
    first.seed({"profile": {"consent": "granted"}})
    results: list[tuple[int, int]] = []
    barrier = threading.Barrier(WRITERS)

    def run() -> None:
        results.append(_checkins(store(), CHECKINS_EACH, barrier))

    started = time.monotonic()
    threads = [threading.Thread(target=run) for _ in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    elapsed = time.monotonic() - started
    kept = len(first.history())
    noted = sum(n for n, _ in results)
    alarms = sum(a for _, a in results)
    expected = WRITERS * CHECKINS_EACH
    profile = first.profile()
    print(
        f"\n[dynamodb] {WRITERS} concurrent writers x {CHECKINS_EACH} check-ins: kept {kept} of "
        f"{expected} (lost {expected - kept}), 'noted' {noted}, 'couldn't save' {alarms}, "
        f"{elapsed:.1f} s"
    )
    assert len(results) == WRITERS
    assert kept == expected
    assert noted == expected
    assert alarms == 0
    assert profile is not None
    assert profile.last_checkin is not None


def _sqlite_worker(path: str, n: int, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    out.put(_checkins(SqliteStore(Path(path), timeout_s=5.0), n))


@pytest.mark.slow
def test_eight_sqlite_processes_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "steadyheart.db"
    first = device(SqliteStore(path))
    first.seed({"profile": {"consent": "granted"}})
    ctx = multiprocessing.get_context("spawn")
    out: multiprocessing.Queue = ctx.Queue()  # type: ignore[type-arg]
    started = time.monotonic()
    procs = [
        ctx.Process(target=_sqlite_worker, args=(str(path), CHECKINS_PER_PROCESS, out))
        for _ in range(PROCESSES)
    ]
    for p in procs:
        p.start()
    results = [out.get(timeout=180) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    elapsed = time.monotonic() - started
    kept = len(first.history())
    expected = PROCESSES * CHECKINS_PER_PROCESS
    noted = sum(n for n, _ in results)
    alarms = sum(a for _, a in results)
    print(
        f"\n[sqlite] {PROCESSES} processes x {CHECKINS_PER_PROCESS} check-ins: kept {kept} of "
        f"{expected} (lost {expected - kept}), 'noted' {noted}, 'couldn't save' {alarms}, "
        f"{elapsed:.1f} s"
    )
    assert kept == expected
    assert noted == expected
    assert alarms == 0
