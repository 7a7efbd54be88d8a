"""SQLite remembers the last profile it read or wrote per owner, keyed by the exact row: what it
hands out from memory is what parsing the row would give, and a changed row is parsed again."""

from __future__ import annotations

from skill.state import HistoryItem, Profile, ProfileUpdate, Reminder
from skill.storage.base import OwnerKey, Write
from skill.storage.sqlite import SqliteStore

KEY = OwnerKey.from_ids("amzn1.ask.account.PARSEDTEST", None)


def parsed_afresh(store: SqliteStore) -> Profile | None:
    store._parsed.clear()
    return store.load(KEY).profile


def test_a_remembered_profile_is_the_parsed_row_and_a_copy() -> None:
    store = SqliteStore(":memory:")
    made = store.commit(KEY, Write(None, ProfileUpdate.of(Profile(consent="granted"))))
    assert made is not None
    checkin = HistoryItem(kind="checkin", at=1_760_000_000, id="c1", data={"feeling": "calm"})
    change = ProfileUpdate(
        {"reminder": Reminder(alert_token="t", hour=8, minute=0).model_dump(), "streak_days": 2},
        {"visits": 1},
    )
    written = store.commit(KEY, Write(made, change, [checkin], 2**40))
    assert written is not None
    assert written.recent_checkins
    remembered = store.load(KEY).profile
    assert remembered == written == parsed_afresh(store)
    assert remembered is not None
    remembered.recent_ideas.append("changed in hand")
    assert store.load(KEY).profile == written  # what was handed out is not what is kept


def test_a_row_changed_by_another_writer_is_parsed_again() -> None:
    store = SqliteStore(":memory:")
    made = store.commit(KEY, Write(None, ProfileUpdate.of(Profile(consent="granted"))))
    assert made is not None
    assert store.load(KEY).profile == made
    store._db.execute(
        "UPDATE kept SET body = json_set(body, '$.visits', 41), version = version + 1 "
        "WHERE pk = ? AND sk = ?",
        (KEY.pk, KEY.profile_sk),
    )
    loaded = store.load(KEY).profile
    assert loaded is not None
    assert loaded.visits == 41
