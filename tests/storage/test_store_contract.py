"""One contract, two stores: embedded SQLite (the reference) and DynamoDB (on DynamoDB Local).

Every test runs against both; a behaviour differing between them is a bug in one of them.
"""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skill.state import HistoryItem, Profile, Reminder
from skill.storage.base import OwnerKey, VersionConflict, hash_id
from skill.storage.sqlite import SqliteStore
from tests.support.stores import StoreUnderTest

RAW_USER = "amzn1.ask.account.AGF7EXAMPLERAWUSERIDXYZ"
RAW_PERSON = "amzn1.ask.person.AHF2EXAMPLERAWPERSONID"
RAW_OTHER = "amzn1.ask.account.OTHERACCOUNTRAWID"
T0 = 1_760_000_000
DAY = 86_400
FAR = int(time.time()) + 10 * 365 * DAY


def entry(at: int, seq: int = 0, kind: Any = "checkin", **data: str | int | bool) -> HistoryItem:
    return HistoryItem(kind=kind, at=at, seq=seq, data=data or {"word": "lonely"})


@pytest.fixture
def sut(store_under_test: StoreUnderTest) -> StoreUnderTest:
    return store_under_test


@pytest.fixture
def me() -> OwnerKey:
    return OwnerKey.from_ids(RAW_USER, None)


# --- profile ------------------------------------------------------------------------------------
def test_absent_profile_is_none(sut: StoreUnderTest, me: OwnerKey) -> None:
    assert sut.store.load_profile(me) is None


def test_profile_round_trip(sut: StoreUnderTest, me: OwnerKey) -> None:
    profile = Profile(
        consent="granted",
        created_at=T0,
        visits=3,
        last_visit_day=T0 // DAY,
        streak_days=2,
        reminder=Reminder(alert_token="tok", hour=19, minute=30),
        reminder_permission=True,
        recent_ideas=["a walk", "a note of thanks", "café au lait ☕"],
        safety_events=1,
        preferences={"voice": "calm", "pace": "slow"},
    )
    assert sut.store.commit(me, profile, 0, [], FAR) == 1
    loaded = sut.store.load_profile(me)
    assert loaded is not None
    assert loaded.version == 1
    assert loaded.model_dump(exclude={"version"}) == profile.model_dump(exclude={"version"})


def test_version_increments_with_each_write(sut: StoreUnderTest, me: OwnerKey) -> None:
    profile = Profile(consent="granted")
    version = 0
    for visits in range(1, 5):
        profile.visits = visits
        version = sut.store.commit(me, profile, version, [], FAR)
        assert version == visits
    loaded = sut.store.load_profile(me)
    assert loaded is not None
    assert (loaded.version, loaded.visits) == (4, 4)


def test_stale_version_conflicts_and_writes_nothing(sut: StoreUnderTest, me: OwnerKey) -> None:
    sut.store.commit(me, Profile(visits=1), 0, [], FAR)
    sut.store.commit(me, Profile(visits=2), 1, [], FAR)
    before = sut.rows()
    with pytest.raises(VersionConflict):
        sut.store.commit(me, Profile(visits=99), 1, [entry(T0)], FAR)
    assert sut.rows() == before
    loaded = sut.store.load_profile(me)
    assert loaded is not None
    assert (loaded.version, loaded.visits) == (2, 2)
    assert sut.store.history(me, 0) == []


def test_version_zero_means_absent(sut: StoreUnderTest, me: OwnerKey) -> None:
    # Expecting "none yet" while one exists is a conflict ...
    sut.store.commit(me, Profile(visits=1), 0, [], FAR)
    with pytest.raises(VersionConflict):
        sut.store.commit(me, Profile(visits=5), 0, [], FAR)
    # ... and so is expecting a version when there is none (e.g. deleted by another session).
    other = OwnerKey.from_ids(RAW_OTHER, None)
    with pytest.raises(VersionConflict):
        sut.store.commit(other, Profile(visits=5), 3, [], FAR)
    assert sut.store.load_profile(other) is None


def test_commit_with_items_only_keeps_the_version(sut: StoreUnderTest, me: OwnerKey) -> None:
    assert sut.store.commit(me, None, 0, [entry(T0)], FAR) == 0
    assert sut.store.load_profile(me) is None
    sut.store.commit(me, Profile(visits=1), 0, [], FAR)
    items = [entry(T0 + 10, 0), entry(T0 + 10, 1), entry(T0 + 20)]
    assert sut.store.commit(me, None, 1, items, FAR) == 1
    assert sut.store.history(me, 0) == [entry(T0), *items]
    loaded = sut.store.load_profile(me)
    assert loaded is not None
    assert loaded.version == 1


def test_commit_of_nothing_is_harmless(sut: StoreUnderTest, me: OwnerKey) -> None:
    assert sut.store.commit(me, None, 0, [], FAR) == 0
    assert sut.rows() == []


def test_profile_and_items_are_written_together(sut: StoreUnderTest, me: OwnerKey) -> None:
    items = [entry(T0 + i, kind="appreciation", text="made tea") for i in range(3)]
    assert sut.store.commit(me, Profile(consent="granted"), 0, items, FAR) == 1
    assert sut.store.history(me, 0) == items
    assert len(sut.rows()) == 4


def test_same_key_twice_in_one_commit_keeps_the_last(sut: StoreUnderTest, me: OwnerKey) -> None:
    first, second = entry(T0, word="tired"), entry(T0, word="hopeful")
    sut.store.commit(me, Profile(), 0, [first, second], FAR)
    assert sut.store.history(me, 0) == [second]


@pytest.mark.parametrize("count", [99, 100, 250])
def test_large_commits_are_complete(sut: StoreUnderTest, me: OwnerKey, count: int) -> None:
    items = [entry(T0 + i * 60) for i in range(count)]
    assert sut.store.commit(me, Profile(visits=1), 0, items, FAR) == 1
    assert sut.store.history(me, 0, limit=10_000) == items
    # A stale version writes none of a large commit either.
    more = [entry(T0 + DAY * 30 + i) for i in range(count)]
    with pytest.raises(VersionConflict):
        sut.store.commit(me, Profile(visits=2), 0, more, FAR)
    assert len(sut.store.history(me, 0, limit=10_000)) == count


# --- history ------------------------------------------------------------------------------------
@pytest.fixture
def month(sut: StoreUnderTest, me: OwnerKey) -> list[HistoryItem]:
    """Thirty daily entries, two on day 10 (same second, seq 0 and 1), written out of order."""
    items = [entry(T0 + d * DAY, word=f"day{d}") for d in range(30)]
    items.insert(11, entry(T0 + 10 * DAY, seq=1, word="day10b"))
    sut.store.commit(me, None, 0, list(reversed(items)), FAR)
    return items


def test_history_is_oldest_first(
    sut: StoreUnderTest, me: OwnerKey, month: list[HistoryItem]
) -> None:
    assert sut.store.history(me, 0) == month


def test_history_since_is_inclusive_until_is_exclusive(
    sut: StoreUnderTest, me: OwnerKey, month: list[HistoryItem]
) -> None:
    got = sut.store.history(me, T0 + 5 * DAY, T0 + 10 * DAY)
    assert [i.at for i in got] == [T0 + d * DAY for d in range(5, 10)]
    got = sut.store.history(me, T0 + 10 * DAY, T0 + 10 * DAY + 1)
    assert [i.data["word"] for i in got] == ["day10", "day10b"]
    assert sut.store.history(me, T0 + 10 * DAY + 1, T0 + 11 * DAY) == []


def test_history_limit_takes_the_oldest(
    sut: StoreUnderTest, me: OwnerKey, month: list[HistoryItem]
) -> None:
    assert sut.store.history(me, 0, limit=3) == month[:3]
    assert sut.store.history(me, T0 + 20 * DAY, limit=2) == month[21:23]
    assert sut.store.history(me, 0, limit=0) == []


def test_history_odd_ranges(sut: StoreUnderTest, me: OwnerKey, month: list[HistoryItem]) -> None:
    assert sut.store.history(me, -5 * DAY) == month  # since before the epoch counts from 0
    assert sut.store.history(me, T0 + 9 * DAY, T0 + 3 * DAY) == []  # until before since
    assert sut.store.history(me, T0, T0) == []  # an empty window
    assert sut.store.history(me, T0 + 40 * DAY) == []  # after the last entry
    assert sut.store.history(me, 0, -1) == []


def test_history_is_per_owner(sut: StoreUnderTest, me: OwnerKey, month: list[HistoryItem]) -> None:
    person = OwnerKey.from_ids(RAW_USER, RAW_PERSON)
    other = OwnerKey.from_ids(RAW_OTHER, None)
    sut.store.commit(person, None, 0, [entry(T0 + 1, word="person")], FAR)
    sut.store.commit(other, None, 0, [entry(T0 + 2, word="other")], FAR)
    assert sut.store.history(me, 0) == month
    assert [i.data["word"] for i in sut.store.history(person, 0)] == ["person"]
    assert [i.data["word"] for i in sut.store.history(other, 0)] == ["other"]


def test_expired_items_are_not_returned(sut: StoreUnderTest, me: OwnerKey) -> None:
    now = int(time.time())
    sut.store.commit(me, None, 0, [entry(T0, word="expired")], now - 1)
    sut.store.commit(me, None, 0, [entry(T0 + 1, word="expires-now")], now)
    sut.store.commit(me, None, 0, [entry(T0 + 2, word="kept")], now + 3600)
    assert [i.data["word"] for i in sut.store.history(me, 0)] == ["kept"]
    assert [i.data["word"] for i in sut.store.history(me, 0, limit=1)] == ["kept"]


def test_items_carry_their_expiry(sut: StoreUnderTest, me: OwnerKey) -> None:
    sut.store.commit(me, Profile(), 0, [entry(T0)], FAR)
    rows = {r["sk"]: r for r in sut.rows()}
    assert rows[me.profile_sk].get("expires_at") is None  # the profile never expires
    assert rows[me.history_sk(entry(T0))]["expires_at"] == FAR


# --- deletion -----------------------------------------------------------------------------------
def _fill(sut: StoreUnderTest, key: OwnerKey, n: int) -> None:
    sut.store.commit(key, Profile(consent="granted"), 0, [entry(T0 + i) for i in range(n)], FAR)


def test_delete_owner_removes_only_that_owner(sut: StoreUnderTest, me: OwnerKey) -> None:
    person = OwnerKey.from_ids(RAW_USER, RAW_PERSON)
    other = OwnerKey.from_ids(RAW_OTHER, None)
    _fill(sut, me, 30)
    _fill(sut, person, 5)
    _fill(sut, other, 3)
    assert sut.store.delete_owner(person) == 6
    assert sut.store.load_profile(person) is None
    assert sut.store.history(person, 0) == []
    assert sut.store.load_profile(me) is not None
    assert len(sut.store.history(me, 0)) == 30
    assert len(sut.store.history(other, 0)) == 3
    assert sut.store.delete_owner(person) == 0


def test_delete_owner_of_the_account_keeps_recognised_voices(
    sut: StoreUnderTest, me: OwnerKey
) -> None:
    person = OwnerKey.from_ids(RAW_USER, RAW_PERSON)
    _fill(sut, me, 60)  # more than two BatchWriteItem chunks
    _fill(sut, person, 2)
    assert sut.store.delete_owner(me) == 61
    assert sut.store.load_profile(me) is None
    assert len(sut.store.history(person, 0)) == 2


def test_delete_account_removes_every_owner(sut: StoreUnderTest, me: OwnerKey) -> None:
    person = OwnerKey.from_ids(RAW_USER, RAW_PERSON)
    other = OwnerKey.from_ids(RAW_OTHER, None)
    _fill(sut, me, 40)
    _fill(sut, person, 4)
    _fill(sut, other, 3)
    assert sut.store.delete_account(me.account) == 41 + 5
    assert sut.store.load_profile(me) is None
    assert sut.store.load_profile(person) is None
    assert all(r["pk"] == other.pk for r in sut.rows())
    assert len(sut.rows()) == 4
    assert sut.store.delete_account(me.account) == 0


def test_expired_items_are_deleted_too(sut: StoreUnderTest, me: OwnerKey) -> None:
    sut.store.commit(me, Profile(), 0, [entry(T0)], int(time.time()) - 10)
    # DynamoDB's TTL may have reaped the expired entry already (DynamoDB Local does within
    # seconds; DynamoDB within days): either way nothing is left.
    assert sut.store.delete_owner(me) in (1, 2)
    assert sut.rows() == []


# --- privacy and types --------------------------------------------------------------------------
def test_no_raw_alexa_ids_are_stored(sut: StoreUnderTest) -> None:
    keys = [OwnerKey.from_ids(RAW_USER, None), OwnerKey.from_ids(RAW_USER, RAW_PERSON)]
    for key in keys:
        sut.store.commit(key, Profile(consent="granted"), 0, [entry(T0)], FAR)
    dump = repr(sut.rows())
    assert sut.rows(), "nothing was stored"
    for raw in (RAW_USER, RAW_PERSON, "amzn1.ask"):
        assert raw not in dump
    assert hash_id(RAW_USER) in dump  # stored under the one-way name instead


def test_numbers_are_ints_on_read(sut: StoreUnderTest, me: OwnerKey) -> None:
    sut.store.commit(
        me,
        Profile(consent="granted", created_at=T0, visits=7),
        0,
        [entry(T0, 3, count=12, ok=True)],
        FAR,
    )
    loaded = sut.store.load_profile(me)
    assert loaded is not None
    for value in (loaded.version, loaded.created_at, loaded.visits, loaded.streak_days):
        assert type(value) is int
    (item,) = sut.store.history(me, 0)
    assert type(item.at) is int
    assert type(item.seq) is int
    assert type(item.data["count"]) is int
    assert item.data["ok"] is True
    for row in sut.rows():
        for value in row.values():
            assert not isinstance(value, float | Decimal)


# --- both stores answer history alike, for any entries and any window ----------------------------
_at = st.integers(min_value=T0 - 5, max_value=T0 + 40)
_window = st.one_of(st.none(), st.integers(min_value=T0 - 10, max_value=T0 + 50))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    entries=st.lists(
        st.tuples(_at, st.integers(0, 3), st.booleans()),
        min_size=0,
        max_size=12,
        unique_by=lambda t: t[:2],
    ),
    since=st.integers(min_value=T0 - 10, max_value=T0 + 50),
    until=_window,
    limit=st.integers(min_value=0, max_value=15),
)
def test_history_matches_the_reference(
    sut: StoreUnderTest,
    entries: list[tuple[int, int, bool]],
    since: int,
    until: int | None,
    limit: int,
) -> None:
    """The store answers exactly as a fresh SQLite store holding the same entries."""
    key = OwnerKey(hash_id(repr((entries, since, until, limit))))
    now = int(time.time())
    reference = SqliteStore(":memory:")
    for at, seq, expired in entries:
        expires = now - 100 if expired else FAR
        item = entry(at, seq)
        sut.store.commit(key, None, 0, [item], expires)
        reference.commit(key, None, 0, [item], expires)
    assert sut.store.history(key, since, until, limit) == reference.history(
        key, since, until, limit
    )
