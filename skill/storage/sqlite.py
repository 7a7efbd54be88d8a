"""Embedded SQLite store: the local default (a private file in WAL mode, or ``:memory:``).

The same semantics as DynamoDB's conditions, inside one ``BEGIN IMMEDIATE`` transaction per
write (so writers in other processes wait their turn rather than lose anything). The file is
private (folder 0700 when we make it, file and its -wal/-shm 0600, whatever the umask); deleted
rows are overwritten (``secure_delete``) and the WAL is checkpointed and truncated after every
deletion, so no deleted byte stays in any of the three files.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from skill.state import HistoryItem, HistoryKind, Profile, migrate_profile
from skill.storage.base import (
    MAX_ENTRIES_PER_COMMIT,
    SINCE_CREATED,
    Loaded,
    OwnerKey,
    ReadCount,
    StoreBusy,
    StoreUnavailable,
    VersionConflict,
    Write,
    new_incarnation,
    with_checkins,
)

SQLITE_HEADER = b"SQLite format 3\x00"
_SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS kept (
    pk TEXT NOT NULL,
    sk TEXT NOT NULL,
    body TEXT NOT NULL,
    inc TEXT,
    version INTEGER,
    expires_at INTEGER,
    PRIMARY KEY (pk, sk)
) WITHOUT ROWID
""",
)


def check_file(path: Path) -> str | None:
    """Why ``path`` cannot be used as the store, without changing it; None when it can."""
    if not path.exists():
        parent = path.parent
        while not parent.exists():
            parent = parent.parent
        return None if os.access(parent, os.W_OK) else "its folder cannot be written"
    if not path.is_file():
        return "it is not a file"
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError:
        return "it cannot be read"
    if head and head != SQLITE_HEADER:
        return "it is not a Steady Heart notes file (not an SQLite database)"
    if not os.access(path, os.W_OK):
        return "it is read-only"
    return None


def _private_file(path: Path) -> None:
    """Make the folder (0700) and the file (0600) before SQLite opens it, whatever the umask."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
        path.parent.chmod(0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if stat.S_IMODE(os.fstat(fd).st_mode) != 0o600:
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


class SqliteStore:
    def __init__(self, path: str | Path, *, timeout_s: float = 1.5) -> None:
        self.reads = ReadCount()
        # The last profile read or written per owner, with the exact row it came from: a row
        # read again unchanged (a turn's load, then its commit) is not parsed and checked again.
        self._parsed: dict[tuple[str, str], tuple[str, int, str, Profile]] = {}
        target = str(path)
        self._path = None if target == ":memory:" else Path(target)
        self._lock = threading.Lock()
        try:
            if self._path is not None:
                why = check_file(self._path)
                if why is not None:
                    raise StoreUnavailable(why)
                _private_file(self._path)
            self._db = sqlite3.connect(
                target, timeout=timeout_s, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA secure_delete=ON")
            if self._path is not None:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
            for statement in _SCHEMA:
                self._db.execute(statement)
            self._private_sidecars()
        except sqlite3.Error as exc:
            raise StoreUnavailable(type(exc).__name__) from exc
        except OSError as exc:
            raise StoreUnavailable(type(exc).__name__) from exc

    def _private_sidecars(self) -> None:
        if self._path is None:
            return
        for suffix in ("-wal", "-shm"):
            side = Path(f"{self._path}{suffix}")
            try:
                if stat.S_IMODE(side.stat().st_mode) != 0o600:
                    side.chmod(0o600)
            except FileNotFoundError:
                pass

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _tx(self, mode: str = "IMMEDIATE") -> Iterator[sqlite3.Connection]:
        try:
            with self._lock:
                self._db.execute(f"BEGIN {mode}")
                try:
                    yield self._db
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreBusy("locked") from exc
            raise StoreUnavailable(type(exc).__name__) from exc
        except sqlite3.Error as exc:
            raise StoreUnavailable(type(exc).__name__) from exc

    # --- profile -----------------------------------------------------------------------------
    def _profile_row(
        self, db: sqlite3.Connection, key: OwnerKey, *, shared: bool = False
    ) -> Profile | None:
        """The stored profile; ``shared``: the remembered object itself, for a caller that
        only reads it (``commit``), else a copy of it the caller may change."""
        row = db.execute(
            "SELECT body, version, inc FROM kept WHERE pk = ? AND sk = ?",
            (key.pk, key.profile_sk),
        ).fetchone()
        self.reads.calls += 1
        if row is None:
            return None
        self.reads.items += 1
        body, version, inc = row[0], row[1], row[2] or ""
        seen = self._parsed.get((key.pk, key.profile_sk))
        if seen is not None and seen[:3] == (body, version, inc):
            return seen[3] if shared else seen[3].model_copy(deep=True)
        raw = json.loads(body)
        raw["version"], raw["incarnation"] = version, inc
        profile = migrate_profile(raw)
        self._remember(key, body, profile)
        return profile

    def _remember(self, key: OwnerKey, body: str, profile: Profile) -> None:
        if len(self._parsed) >= _PARSED_MAX:
            self._parsed.clear()
        self._parsed[(key.pk, key.profile_sk)] = (
            body,
            profile.version,
            profile.incarnation,
            profile.model_copy(deep=True),
        )

    def load_profile(self, key: OwnerKey) -> Profile | None:
        return self.load(key).profile

    def load(self, key: OwnerKey) -> Loaded:
        with self._tx("DEFERRED") as db:
            return Loaded(self._profile_row(db, key))

    def commit(self, key: OwnerKey, write: Write) -> Profile | None:
        items = list(write.items)
        if len(items) > MAX_ENTRIES_PER_COMMIT:
            raise ValueError("too many entries for one request")
        update = write.update
        base = write.base
        if not items and not update:
            return base
        with self._tx() as db:
            stored = self._profile_row(db, key, shared=True)  # read only; never handed out
            if base is None or not base.incarnation:
                if stored is not None or not update:
                    raise VersionConflict()
                now = update.apply(Profile(recent_since=SINCE_CREATED)).model_copy(
                    update={"incarnation": new_incarnation(), "version": 1}
                )
                if not now.keeps_data:
                    items = []
                rolled = with_checkins(now, None, items)
                if rolled is not None:
                    now = rolled.apply(now)
                body = _body(now)
                db.execute(
                    "INSERT INTO kept (pk, sk, body, inc, version) VALUES (?, ?, ?, ?, ?)",
                    (key.pk, key.profile_sk, body, now.incarnation, now.version),
                )
                self._remember(key, body, now)
                if not now.keeps_data:
                    items = []
            else:
                if stored is None or stored.incarnation != base.incarnation:
                    raise VersionConflict()
                needs_consent = bool(items) or bool(update and update.touches_notes)
                granting = bool(update and update.grants)
                if needs_consent and not (stored.keeps_data or granting):
                    raise VersionConflict()
                update = with_checkins(stored, update, items)
                if update:
                    now = update.apply(stored).model_copy(update={"version": stored.version + 1})
                    body = _body(now)
                    db.execute(
                        "UPDATE kept SET body = ?, version = ? WHERE pk = ? AND sk = ?",
                        (body, now.version, key.pk, key.profile_sk),
                    )
                    self._remember(key, body, now)
                else:
                    now = stored.model_copy(deep=True)
            if items:
                db.executemany(
                    "INSERT OR IGNORE INTO kept (pk, sk, body, inc, expires_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [
                        (
                            key.pk,
                            key.history_sk(i),
                            i.model_dump_json(),
                            now.incarnation,
                            write.expires_at,
                        )
                        for i in items
                    ],
                )
        self._private_sidecars()
        return now

    # --- history -----------------------------------------------------------------------------
    def history(
        self,
        key: OwnerKey,
        kinds: Sequence[HistoryKind],
        since: int,
        *,
        incarnation: str | None = None,
        limit: int = 50,
    ) -> list[HistoryItem]:
        now = int(time.time())
        found: list[HistoryItem] = []
        with self._tx("DEFERRED") as db:
            for kind in kinds:
                prefix = key.kind_prefix(kind)
                rows = db.execute(
                    "SELECT body FROM kept WHERE pk = ? AND sk >= ? AND sk < ? "
                    "AND (expires_at IS NULL OR expires_at > ?) AND (? IS NULL OR inc = ?) "
                    "ORDER BY sk DESC LIMIT ?",
                    (
                        key.pk,
                        f"{prefix}{max(since, 0):012d}",
                        f"{prefix}~",
                        now,
                        incarnation,
                        incarnation,
                        limit,
                    ),
                ).fetchall()
                self.reads.calls += 1
                self.reads.items += len(rows)
                found.extend(HistoryItem.model_validate_json(r[0]) for r in rows)
            if incarnation is not None:
                stored = self._profile_row(db, key)
                if stored is None or stored.incarnation != incarnation:
                    return []
        return sorted(found, key=lambda i: (i.at, i.seq, i.id), reverse=True)

    # --- deletion ----------------------------------------------------------------------------
    def delete_owner(self, key: OwnerKey, budget_s: float) -> bool:
        with self._tx() as db:
            db.execute(
                "DELETE FROM kept WHERE pk = ? AND sk >= ? AND sk < ?",
                (key.pk, f"{key.owner}#", f"{key.owner}#~"),
            )
        self._truncate_wal()
        return True

    def delete_account(self, account: str, budget_s: float) -> bool:
        with self._tx() as db:
            db.execute("DELETE FROM kept WHERE pk = ?", (f"A#{account}",))
        self._truncate_wal()
        return True

    def resume_purge(self, account: str, budget_s: float) -> bool:
        return True  # every deletion here finishes in its own transaction

    def sweep(self, budget_s: float) -> int:
        return 0

    def _truncate_wal(self) -> None:
        """Copy the WAL into the (securely deleted) database and cut the WAL to nothing."""
        if self._path is None:
            return
        try:
            with self._lock:
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.Error as exc:
            raise StoreUnavailable(type(exc).__name__) from exc


_PARSED_MAX = 256
"""Profiles remembered by ``SqliteStore._profile_row`` (a few KB each; cleared when full)."""


def _body(profile: Profile) -> str:
    return profile.model_dump_json(exclude={"version", "incarnation"})
