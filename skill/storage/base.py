"""The one storage interface. Interceptors call it; handlers never do.

Items live under a partition per Alexa account; inside it, each owner (a recognised voice, or the
account as a whole) has one profile item and any number of history items with sortable keys:

    pk = "A#<hashed account>"   sk = "<owner>#P"                      the profile
                                sk = "<owner>#H#<at:012d>#<seq:04d>"  one history item
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from skill.state import HistoryItem, Profile

ACCOUNT_OWNER = "account"
_HASH_DOMAIN = b"steadyheart/v1/"


@lru_cache(maxsize=1024)
def hash_id(raw: str) -> str:
    """A stable, secret-free, one-way name for an Alexa id: no raw id is ever stored."""
    return hashlib.sha256(_HASH_DOMAIN + raw.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class OwnerKey:
    """Whose data: an account partition and an owner inside it."""

    account: str
    owner: str = ACCOUNT_OWNER

    @classmethod
    def from_ids(cls, user_id: str, person_id: str | None) -> OwnerKey:
        return cls(hash_id(user_id), hash_id(person_id) if person_id else ACCOUNT_OWNER)

    @property
    def pk(self) -> str:
        return f"A#{self.account}"

    @property
    def profile_sk(self) -> str:
        return f"{self.owner}#P"

    @property
    def history_prefix(self) -> str:
        return f"{self.owner}#H#"

    def history_sk(self, item: HistoryItem) -> str:
        return f"{self.history_prefix}{item.at:012d}#{item.seq:04d}"


class StoreError(Exception):
    """Base of storage failures the skill knows how to answer."""


class StoreUnavailable(StoreError):
    """The store could not be reached in time (throttled, timed out, refused)."""


class VersionConflict(StoreError):
    """Someone else wrote the profile since we read it."""


class Store(Protocol):
    """What the skill needs from a store. Every method is one round trip (or one transaction)."""

    def load_profile(self, key: OwnerKey) -> Profile | None: ...

    def commit(
        self,
        key: OwnerKey,
        profile: Profile | None,
        expected_version: int,
        items: Sequence[HistoryItem],
        expires_at: int,
    ) -> int:
        """Write ``profile`` (if given) only if its stored version is ``expected_version``, and
        the history ``items`` (expiring at ``expires_at``), all or nothing. Returns the new
        profile version. Raises ``VersionConflict`` or ``StoreUnavailable``."""
        ...

    def history(
        self, key: OwnerKey, since: int, until: int | None = None, limit: int = 1000
    ) -> list[HistoryItem]:
        """Entries with ``since <= at < until``, oldest first, not yet expired."""
        ...

    def delete_owner(self, key: OwnerKey) -> int:
        """Remove the owner's profile and all its history; returns how many items went."""
        ...

    def delete_account(self, account: str) -> int:
        """Remove everything kept under an account (every owner)."""
        ...
