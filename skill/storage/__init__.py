"""Persistence behind one interface: embedded SQLite locally, DynamoDB in production."""

from __future__ import annotations

import logging
from pathlib import Path

from skill.config import Settings
from skill.storage.base import (
    Loaded,
    OwnerKey,
    Store,
    StoreBusy,
    StoreError,
    StoreUnavailable,
    VersionConflict,
    Write,
    hash_id,
)
from skill.storage.broken import BrokenStore

log = logging.getLogger(__name__)

__all__ = [
    "BrokenStore",
    "Loaded",
    "OwnerKey",
    "Store",
    "StoreBusy",
    "StoreError",
    "StoreUnavailable",
    "VersionConflict",
    "Write",
    "hash_id",
    "open_store",
]


def open_store(settings: Settings) -> Store:
    """Build the store the settings name. Clients are created here, never at import time."""
    kind, _, arg = settings.store.partition(":")
    if kind == "memory":
        from skill.storage.sqlite import SqliteStore

        return SqliteStore(":memory:", timeout_s=settings.storage_timeout_s)
    if kind == "sqlite":
        from skill.storage.sqlite import SqliteStore

        try:
            return SqliteStore(Path(arg).expanduser(), timeout_s=settings.storage_timeout_s)
        except StoreUnavailable as exc:
            # Answer every request without notes rather than fail them all; say why once.
            log.error("the local store cannot be used: %s", exc)
            return BrokenStore(str(exc))
    if kind == "dynamodb":
        from skill.storage.dynamodb import DynamoStore, make_client

        if not arg:
            raise ValueError("STEADYHEART_STORE=dynamodb:TABLE needs a table name")
        return DynamoStore(make_client(settings), arg)
    raise ValueError(f"unknown store {settings.store!r}: use memory, sqlite:PATH or dynamodb:TABLE")
