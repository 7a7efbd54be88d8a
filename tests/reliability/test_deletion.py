"""Deletion that always finishes: unreadable at once, physically gone within the bound stated in
docs/deletion.md at any store speed, and no deleted byte left in SQLite's files."""

from __future__ import annotations

import math
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from skill.state import HistoryItem, Profile, ProfileUpdate, all_kinds
from skill.storage import Write
from skill.storage.base import OwnerKey
from skill.storage.dynamodb import TTL_ATTRIBUTE, DynamoStore, make_client
from skill.storage.sqlite import SqliteStore
from tests.support.dynamodb_local import local_settings
from tests.support.reliability import USER, device, said
from tests.support.stores import scan_all

pytestmark = pytest.mark.dynamodb

ITEMS = 5_000
LATENCY_S = 0.1
SWEEP_EVERY_S = 60
"""The schedule in infra/template.yaml (rate(1 minute))."""
SWEEP_BUDGET_S = 5.0
"""Settings.sweep_budget_s, the default the template leaves in place."""


def _slow(client: Any) -> list[int]:
    calls: list[int] = []

    def wait(**_: Any) -> None:
        calls.append(1)
        time.sleep(LATENCY_S)

    client.meta.events.register("before-send.dynamodb", wait)
    return calls


@pytest.mark.slow
def test_deletion_finishes_on_a_slow_store(dynamodb_endpoint: str, dynamodb_table: str) -> None:
    fast = DynamoStore(make_client(local_settings(dynamodb_endpoint)), dynamodb_table)
    key = OwnerKey.from_ids(USER, None)
    profile = fast.commit(key, Write(None, ProfileUpdate.of(Profile(consent="granted"))))
    assert profile is not None
    raw = make_client(local_settings(dynamodb_endpoint))
    now = int(time.time())
    puts = [
        {
            "PutRequest": {
                "Item": {
                    "pk": {"S": key.pk},
                    "sk": {"S": key.history_sk(item)},
                    "body": {"S": item.model_dump_json()},
                    "inc": {"S": profile.incarnation},
                    TTL_ATTRIBUTE: {"N": str(now + 86_400)},
                }
            }
        }
        for item in (
            HistoryItem(kind="checkin", at=now - n * 600, id="seed", data={"feeling": "lonely"})
            for n in range(ITEMS)
        )
    ]
    for start in range(0, ITEMS, 25):
        raw.batch_write_item(RequestItems={dynamodb_table: puts[start : start + 25]})

    def left() -> int:
        return sum(1 for i in scan_all(raw, dynamodb_table) if i["pk"]["S"] == key.pk)

    assert left() == ITEMS + 1
    slow_client = make_client(local_settings(dynamodb_endpoint))
    calls = _slow(slow_client)
    slow = DynamoStore(slow_client, dynamodb_table)
    conv = device(slow)
    conv.say("ask steady heart to delete my data")
    started = time.monotonic()
    done = conv.say("yes")
    turn_s = time.monotonic() - started
    readable = fast.history(key, all_kinds(), 0, incarnation=profile.incarnation, limit=50)
    after_turn = left()
    # The next request for the account carries the deletion on (within 1 s).
    device(slow).say("open steady heart")
    after_next = left()
    runs = 0
    sweep_s = 0.0
    while left() and runs < 20:
        started = time.monotonic()
        slow.sweep(SWEEP_BUDGET_S)
        sweep_s = max(sweep_s, time.monotonic() - started)
        runs += 1
    bound_runs = math.ceil(ITEMS / (25 * (SWEEP_BUDGET_S / LATENCY_S) * 0.8))
    print(
        f"\n[dynamodb] slowed deletion: {ITEMS} items at {LATENCY_S * 1000:.0f} ms a call; "
        f"'yes' turn {turn_s:.1f} s, said done {said(done.speech, 'delete_data.done')}, readable "
        f"after it {len(readable)}; left after the turn {after_turn}, after the next request "
        f"{after_next}; sweeps to finish {runs} (longest {sweep_s:.1f} s), left {left()}; "
        f"gone within {runs * SWEEP_EVERY_S} s of the schedule (bound {bound_runs} runs); "
        f"{len(calls)} calls"
    )
    assert said(done.speech, "delete_data.done")
    assert turn_s < 7.0
    assert readable == []
    assert left() == 0
    assert runs <= bound_runs
    assert sweep_s < 7.0  # inside Lambda's timeout


def test_nothing_of_deleted_text_is_left_in_sqlite_files(tmp_path: Path) -> None:
    path = tmp_path / "notes" / "steadyheart.db"
    store = SqliteStore(path)
    secret = "ZEBRAQUOKKA picked me up from the station"
    conv = device(store)
    conv.seed(
        {
            "profile": {"consent": "granted"},
            "history": [
                {"kind": "appreciation", "days_ago": d, "data": {"moment": f"{secret} {d}"}}
                for d in range(40)
            ],
        }
    )
    files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]

    def found() -> dict[str, int]:
        return {f.name: f.read_bytes().count(b"ZEBRAQUOKKA") if f.exists() else 0 for f in files}

    # Half of it copied into the database file too, so both files hold it before deletion.
    side = sqlite3.connect(path)
    side.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    side.close()
    before = found()
    # The control: the text really is on disk, in the database and in the WAL.
    assert before[path.name] >= 40
    assert before[f"{path.name}-wal"] >= 40
    conv.say("ask steady heart to delete my data")
    assert said(conv.say("yes").speech, "delete_data.done")
    after = found()
    sizes = {f.name: f.stat().st_size if f.exists() else None for f in files}
    print(f"\n[sqlite] deleted text bytes before {before}, after {after}; file sizes {sizes}")
    assert after == {f.name: 0 for f in files}
    store.close()
