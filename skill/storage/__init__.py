"""Persistence behind one interface: embedded SQLite locally, DynamoDB in production."""

from __future__ import annotations

from pathlib import Path

from skill.config import Settings
from skill.storage.base import (
    OwnerKey,
    Store,
    StoreError,
    StoreUnavailable,
    VersionConflict,
    hash_id,
)

__all__ = [
    "OwnerKey",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "VersionConflict",
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

        return SqliteStore(Path(arg).expanduser(), timeout_s=settings.storage_timeout_s)
    if kind == "dynamodb":
        from skill.storage.dynamodb import DynamoStore, make_client

        if not arg:
            raise ValueError("STEADYHEART_STORE=dynamodb:TABLE needs a table name")
        return DynamoStore(make_client(settings), arg)
    raise ValueError(f"unknown store {settings.store!r}: use memory, sqlite:PATH or dynamodb:TABLE")
