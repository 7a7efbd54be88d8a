"""The one storage interface. Interceptors call it; handlers never do.

The store is the authority on consent, deletion and ownership (docs/decisions/0022): session
attributes say where a conversation is, never what it may keep or read. Items live under a
partition per Alexa account; inside it, each owner (a recognised voice, or the account as a whole)
has one profile item and any number of history items::

    pk = "A#<hashed account>"   sk = "<owner>#P"                              the profile
                                sk = "<owner>#H#<kind>#<at:012d>#<seq:04d>#<id>"  one history item
                                sk = "~purge#<owner or *>"                    a deletion under way

The profile carries an *incarnation*: a random id given when it is first written. Every history
item carries the incarnation it was kept under. Every write is conditioned, in the same call, on
the stored profile having that incarnation (and, for notes, consent granted); every read of
history checks the stored profile after it has read. Deleting removes the profile first, in one
call with the purge marker, so from that moment nothing is readable or writable under the old
incarnation; the history items go in the same request within a time budget, and whatever is left
is finished by the next request for the account or the scheduled sweep (docs/deletion.md).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from skill.state import HistoryItem, HistoryKind, Profile, ProfileUpdate

RECENT_DAYS = 31
"""Check-ins older than this (before the newest kept) leave the profile's rolling list."""
RECENT_MAX = 50
"""At most this many on the profile (so it stays one 4 KB read unit); a busier month makes the
look-back read history."""
SINCE_CREATED = 1
"""``Profile.recent_since`` of a profile created with the list: every check-in is in it."""

ACCOUNT_OWNER = "account"
EVERY_OWNER = "*"
PURGE_PREFIX = "~purge#"
_HASH_DOMAIN = b"steadyheart/v1/"
MAX_ENTRIES_PER_COMMIT = 5
"""No request keeps more than this many history entries (a turn keeps one; a retry a few)."""


@lru_cache(maxsize=1024)
def hash_id(raw: str) -> str:
    """A stable, secret-free, one-way name for an Alexa id: no raw id is ever stored."""
    return hashlib.sha256(_HASH_DOMAIN + raw.encode("utf-8")).hexdigest()[:32]


def new_incarnation() -> str:
    return secrets.token_hex(8)


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

    def kind_prefix(self, kind: str) -> str:
        return f"{self.history_prefix}{kind}#"

    def history_sk(self, item: HistoryItem) -> str:
        return f"{self.kind_prefix(item.kind)}{item.at:012d}#{item.seq:04d}#{item.id}"

    @property
    def purge_sk(self) -> str:
        return f"{PURGE_PREFIX}{self.owner}"


def account_purge_sk() -> str:
    return f"{PURGE_PREFIX}{EVERY_OWNER}"


@dataclass(frozen=True)
class Loaded:
    """What a session starts from: the stored profile (None: nothing kept) and whether a
    deletion under this account is still to be finished."""

    profile: Profile | None
    purge_pending: bool = False


@dataclass
class ReadCount:
    """Items a store has read (for tests and the bench: reads that scale)."""

    items: int = 0
    calls: int = 0


@dataclass(frozen=True)
class Write:
    """One request's changes. ``base`` is the profile the session believes is stored (None when
    none is); ``update`` the fields this turn changed; ``items`` the history entries to keep."""

    base: Profile | None
    update: ProfileUpdate | None = None
    items: Sequence[HistoryItem] = field(default_factory=tuple)
    expires_at: int = 0


class StoreError(Exception):
    """Base of storage failures the skill knows how to answer."""


class StoreUnavailable(StoreError):
    """The store could not be opened or reached in time (throttled, timed out, refused)."""


class StoreBusy(StoreUnavailable):
    """Another writer held the item at that moment: try again after a short, jittered pause."""


class VersionConflict(StoreError):
    """The stored profile is not the one the write was based on (gone, replaced, or without
    the consent the write needs): reload it and decide again."""


class Store(Protocol):
    """What the skill needs from a store. Every method is one round trip unless said otherwise."""

    reads: ReadCount

    def load(self, key: OwnerKey) -> Loaded:
        """The owner's profile, and whether a deletion under the account is unfinished."""
        ...

    def load_profile(self, key: OwnerKey) -> Profile | None: ...

    def commit(self, key: OwnerKey, write: Write) -> Profile | None:
        """Apply ``write`` all or nothing, conditioned on the stored profile being
        ``write.base``'s incarnation (and consent granted when notes are written). Returns the
        profile as this writer now believes it is stored. Raises ``VersionConflict``,
        ``StoreBusy`` or ``StoreUnavailable``. Entries already stored (a replayed request) are
        left as they are."""
        ...

    def history(
        self,
        key: OwnerKey,
        kinds: Sequence[HistoryKind],
        since: int,
        *,
        incarnation: str | None = None,
        limit: int = 50,
    ) -> list[HistoryItem]:
        """The newest ``limit`` entries of each of ``kinds`` at or after ``since``, newest
        first; only under ``incarnation`` (when given) and only while that profile is stored."""
        ...

    def delete_owner(self, key: OwnerKey, budget_s: float) -> bool:
        """Make the owner's data unreadable at once, then remove it within ``budget_s``.
        Returns whether every item is already gone (else the purge marker stays)."""
        ...

    def delete_account(self, account: str, budget_s: float) -> bool:
        """The same for everything kept under an account (every owner)."""
        ...

    def resume_purge(self, account: str, budget_s: float) -> bool:
        """Carry on with any unfinished deletion under ``account``; True when none is left."""
        ...

    def sweep(self, budget_s: float) -> int:
        """Carry on with unfinished deletions anywhere in the store; returns how many remain."""
        ...


def history_since(kinds: Sequence[str], items: Sequence[HistoryItem]) -> list[HistoryItem]:
    """Entries newest first (by time, then sequence) across kinds."""
    return sorted((i for i in items if i.kind in kinds), key=lambda i: (i.at, i.seq), reverse=True)


def recent_entries(profile: Profile) -> list[list[str | int]]:
    """``profile.recent_checkins`` parsed (oldest first)."""
    if not profile.recent_checkins:
        return []
    found = json.loads(profile.recent_checkins)
    return found if isinstance(found, list) else []


def with_checkins(
    base: Profile, update: ProfileUpdate | None, items: Sequence[HistoryItem]
) -> ProfileUpdate | None:
    """``update`` plus the profile's rolling list of recent check-ins with the check-ins among
    ``items`` added (those already in it are not added twice); ``update`` as it is when none is
    new. Stores call this with the profile they write on, in the same write as the items."""
    if not any(i.kind == "checkin" for i in items):
        return update  # most writes: the month of check-ins is not even parsed (flat with it)
    entries = recent_entries(base)
    known = {(e[0], e[1], e[2]) for e in entries}
    added: list[list[str | int]] = [
        [i.at, i.seq, i.id, str(i.data.get("feeling", "")), str(i.data.get("quadrant", ""))]
        for i in items
        if i.kind == "checkin" and (i.at, i.seq, i.id) not in known
    ]
    if not added:
        return update
    since = base.recent_since or min(int(e[0]) for e in added)
    merged = sorted([*entries, *added], key=lambda e: (int(e[0]), int(e[1]), str(e[2])))
    horizon = int(merged[-1][0]) - RECENT_DAYS * 86400
    kept = [e for e in merged if int(e[0]) >= horizon]
    if len(kept) > RECENT_MAX:
        kept = kept[-RECENT_MAX:]
        since = max(since, int(kept[0][0]) + 1)  # it no longer holds every one since then
    sets = dict(update.sets) if update else {}
    sets["recent_checkins"] = json.dumps(kept, separators=(",", ":"), ensure_ascii=False)
    sets["recent_since"] = since
    return ProfileUpdate(sets, dict(update.adds) if update else {})
