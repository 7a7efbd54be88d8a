"""Embedded SQLite store: the local default (a file in WAL mode, or ``:memory:``)."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from skill.state import HistoryItem, Profile, migrate_profile
from skill.storage.base import OwnerKey, StoreUnavailable, VersionConflict

_SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    pk TEXT NOT NULL,
    sk TEXT NOT NULL,
    body TEXT NOT NULL,
    version INTEGER,
    expires_at INTEGER,
    PRIMARY KEY (pk, sk)
) WITHOUT ROWID
"""


class SqliteStore:
    def __init__(self, path: str | Path, *, timeout_s: float = 1.5) -> None:
        target = str(path)
        if target != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(
            target, timeout=timeout_s, isolation_level=None, check_same_thread=False
        )
        if target != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def load_profile(self, key: OwnerKey) -> Profile | None:
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT body, version FROM items WHERE pk = ? AND sk = ?",
                    (key.pk, key.profile_sk),
                ).fetchone()
        except sqlite3.Error as exc:
            raise StoreUnavailable(type(exc).__name__) from exc
        if row is None:
            return None
        raw = json.loads(row[0])
        raw["version"] = row[1]
        return migrate_profile(raw)

    def commit(
        self,
        key: OwnerKey,
        profile: Profile | None,
        expected_version: int,
        items: Sequence[HistoryItem],
        expires_at: int,
    ) -> int:
        new_version = expected_version + 1 if profile is not None else expected_version
        try:
            with self._lock:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    if profile is not None:
                        self._write_profile(key, profile, expected_version, new_version)
                    if items:
                        self._db.executemany(
                            "INSERT OR REPLACE INTO items (pk, sk, body, version, expires_at) "
                            "VALUES (?, ?, ?, NULL, ?)",
                            [
                                (key.pk, key.history_sk(i), i.model_dump_json(), expires_at)
                                for i in items
                            ],
                        )
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise StoreUnavailable(type(exc).__name__) from exc
        return new_version

    def _write_profile(
        self, key: OwnerKey, profile: Profile, expected: int, new_version: int
    ) -> None:
        row = self._db.execute(
            "SELECT version FROM items WHERE pk = ? AND sk = ?", (key.pk, key.profile_sk)
        ).fetchone()
        stored = 0 if row is None else int(row[0])
        if stored != expected:
            raise VersionConflict()
        body = profile.model_dump_json(exclude={"version"})
        self._db.execute(
            "INSERT OR REPLACE INTO items (pk, sk, body, version, expires_at) "
            "VALUES (?, ?, ?, ?, NULL)",
            (key.pk, key.profile_sk, body, new_version),
        )

    def history(
        self, key: OwnerKey, since: int, until: int | None = None, limit: int = 1000
    ) -> list[HistoryItem]:
        lo = f"{key.history_prefix}{max(since, 0):012d}"
        hi = f"{key.history_prefix}{until:012d}" if until is not None else f"{key.history_prefix}~"
        now = int(time.time())
        try:
            with self._lock:
                rows = self._db.execute(
                    "SELECT body FROM items WHERE pk = ? AND sk >= ? AND sk < ? "
                    "AND (expires_at IS NULL OR expires_at > ?) ORDER BY sk LIMIT ?",
                    (key.pk, lo, hi, now, limit),
                ).fetchall()
        except sqlite3.Error as exc:
            raise StoreUnavailable(type(exc).__name__) from exc
        return [HistoryItem.model_validate_json(r[0]) for r in rows]

    def delete_owner(self, key: OwnerKey) -> int:
        return self._delete(
            "pk = ? AND sk >= ? AND sk < ?", (key.pk, f"{key.owner}#", f"{key.owner}#~")
        )

    def delete_account(self, account: str) -> int:
        return self._delete("pk = ?", (f"A#{account}",))

    def _delete(self, where: str, args: tuple[str, ...]) -> int:
        try:
            with self._lock:
                cur = self._db.execute(f"DELETE FROM items WHERE {where}", args)  # noqa: S608
                return int(cur.rowcount)
        except sqlite3.Error as exc:
            raise StoreUnavailable(type(exc).__name__) from exc
