"""A store that could not be opened: every call says so, and the skill answers without it."""

from __future__ import annotations

from collections.abc import Sequence

from skill.state import HistoryItem, HistoryKind, Profile
from skill.storage.base import Loaded, OwnerKey, ReadCount, StoreUnavailable, Write


class BrokenStore:
    """Stands in for a store that cannot open (corrupt or read-only file, unusable folder).

    ``reason`` says what is wrong in words without personal data (no path, no ids)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        self.reads = ReadCount()

    def _fail(self) -> StoreUnavailable:
        return StoreUnavailable(self.reason)

    def load(self, key: OwnerKey) -> Loaded:
        raise self._fail()

    def load_profile(self, key: OwnerKey) -> Profile | None:
        raise self._fail()

    def commit(self, key: OwnerKey, write: Write) -> Profile | None:
        raise self._fail()

    def history(
        self,
        key: OwnerKey,
        kinds: Sequence[HistoryKind],
        since: int,
        *,
        incarnation: str | None = None,
        limit: int = 50,
    ) -> list[HistoryItem]:
        raise self._fail()

    def delete_owner(self, key: OwnerKey, budget_s: float) -> bool:
        raise self._fail()

    def delete_account(self, account: str, budget_s: float) -> bool:
        raise self._fail()

    def resume_purge(self, account: str, budget_s: float) -> bool:
        raise self._fail()

    def sweep(self, budget_s: float) -> int:
        raise self._fail()
