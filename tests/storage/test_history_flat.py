"""A read of the newest few entries costs the same with a day or three years of history: SQLite
walks the primary key backwards from the newest entry of the kind and stops at the LIMIT
(issue 19, docs/performance.md). Counted in SQLite's own virtual-machine steps, not in time, so
the machine's load cannot make this pass or fail."""

from __future__ import annotations

from skill.state import HistoryItem, Profile, ProfileUpdate
from skill.storage.base import MAX_ENTRIES_PER_COMMIT, OwnerKey, Write
from skill.storage.sqlite import SqliteStore

NOW = 1_790_000_000
DAY = 86400
READ = 4


def _seeded(store: SqliteStore, name: str, days: int) -> OwnerKey:
    key = OwnerKey.from_ids(f"amzn1.ask.account.FLAT{name}", None)
    profile = store.commit(key, Write(None, ProfileUpdate.of(Profile(consent="granted"))))
    items = []
    for d in range(days):
        at = NOW - (d + 1) * DAY
        items.append(HistoryItem(kind="checkin", at=at, id=f"c{d}", data={"feeling": "calm"}))
        items += [
            HistoryItem(kind="appreciation", at=at + n, id=f"a{d}-{n}", data={"moment": "x"})
            for n in range(READ)
        ]
    for i in range(0, len(items), MAX_ENTRIES_PER_COMMIT):
        profile = store.commit(
            key, Write(profile, None, items[i : i + MAX_ENTRIES_PER_COMMIT], 2**40)
        )
    return key


def _steps(store: SqliteStore, key: OwnerKey) -> tuple[int, int]:
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    store._db.set_progress_handler(count, 1)
    try:
        found = store.history(key, ("appreciation",), NOW - 3 * 365 * DAY - DAY, limit=READ)
    finally:
        store._db.set_progress_handler(None, 1)
    return steps[0], len(found)


def test_the_newest_entries_cost_the_same_after_three_years() -> None:
    store = SqliteStore(":memory:")
    one_day = _seeded(store, "DAY", 1)
    three_years = _seeded(store, "YEARS", 3 * 365)
    small, n_small = _steps(store, one_day)
    large, n_large = _steps(store, three_years)
    assert n_small == n_large == READ
    # The profile read of the transaction aside, the same rows are visited: a scan of the
    # person's 5,475 entries would be thousands of steps more.
    assert large <= small * 1.1, (small, large)


def test_the_read_walks_the_primary_key_without_sorting() -> None:
    """The statement the store runs (as SQLite expands it) is planned as a walk of the key."""
    store = SqliteStore(":memory:")
    key = _seeded(store, "PLAN", 2)
    ran: list[str] = []
    store._db.set_trace_callback(ran.append)
    try:
        store.history(key, ("appreciation",), 0, limit=READ)
    finally:
        store._db.set_trace_callback(None)
    (select,) = [sql for sql in ran if sql.startswith("SELECT")]
    assert f"LIMIT {READ}" in select
    plan = store._db.execute(f"EXPLAIN QUERY PLAN {select}").fetchall()
    detail = " ".join(str(row[-1]) for row in plan)
    assert "USING PRIMARY KEY" in detail
    assert "TEMP B-TREE" not in detail  # no sort: the key's order is the order read
