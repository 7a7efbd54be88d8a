"""A private local store: folder 0700, file and its -wal/-shm 0600, whatever the umask."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from skill.state import Profile, ProfileUpdate
from skill.storage import Write
from skill.storage.base import OwnerKey
from skill.storage.sqlite import SqliteStore


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_the_local_store_is_private(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "data" / "steadyheart" / "steadyheart.db"
    old = os.umask(umask)
    try:
        store = SqliteStore(path)
        store.commit(OwnerKey("a"), Write(None, ProfileUpdate.of(Profile(consent="declined"))))
    finally:
        os.umask(old)
    modes = {
        p.name: oct(stat.S_IMODE(p.stat().st_mode))
        for p in (path.parent, path, Path(f"{path}-wal"), Path(f"{path}-shm"))
    }
    store.close()
    print(f"\n[sqlite] umask {umask:03o}: modes {modes}")
    assert modes == {
        "steadyheart": "0o700",
        "steadyheart.db": "0o600",
        "steadyheart.db-wal": "0o600",
        "steadyheart.db-shm": "0o600",
    }
