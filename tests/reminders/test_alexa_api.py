"""The Alexa API client against the local API: shapes, errors, timeouts, and the token's safety."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import pytest

from skill.alexa_api import (
    AlexaApi,
    ApiError,
    daily_reminder_body,
    daily_rule,
    daily_time,
    is_active,
)
from skill.turn import ApiAccess
from tests.support.fake_alexa_api import DEVICE, TOKEN, FakeAlexaApi, check_reminder_body

Reminder = dict[str, Any]
NOW = int(datetime(2026, 11, 2, 19, 0, 20, tzinfo=UTC).timestamp())


def client(fake: FakeAlexaApi, token: str = TOKEN, timeout: float = 2.0) -> AlexaApi:
    return AlexaApi(ApiAccess(fake.url, token, DEVICE), timeout)


def body(hour: int = 20, minute: int = 0, tz: str | None = "America/Los_Angeles") -> Reminder:
    return daily_reminder_body(
        hour=hour, minute=minute, now=NOW, time_zone=tz, locale="en-US", text="Time for a pause."
    )


def test_the_daily_body_is_in_local_time_with_the_zone_and_an_rfc5545_rule() -> None:
    b = body(20, 0)
    check_reminder_body(b)  # the documented shape, as the local API checks it
    # 19:00:20 UTC is 11:00:20 in Los Angeles: 8 PM is later the same local day.
    assert b["requestTime"] == "2026-11-02T11:00:20.000"
    assert b["trigger"]["scheduledTime"] == "2026-11-02T20:00:00.000"
    assert b["trigger"]["timeZoneId"] == "America/Los_Angeles"
    assert b["trigger"]["recurrence"]["recurrenceRules"] == [
        "FREQ=DAILY;BYHOUR=20;BYMINUTE=0;BYSECOND=0"
    ]
    assert b["alertInfo"]["spokenInfo"]["content"] == [
        {"locale": "en-US", "text": "Time for a pause."}
    ]
    assert b["pushNotification"] == {"status": "ENABLED"}


def test_a_time_already_past_today_starts_tomorrow_in_that_zone() -> None:
    # 9:30 AM in Los Angeles is already past at 11:00 local: the first one is tomorrow.
    assert body(9, 30)["trigger"]["scheduledTime"] == "2026-11-03T09:30:00.000"
    # In Kolkata it is already 00:30 on the 3rd: 8 PM is that evening.
    kolkata = body(20, 0, "Asia/Kolkata")
    assert kolkata["requestTime"] == "2026-11-03T00:30:20.000"
    assert kolkata["trigger"]["scheduledTime"] == "2026-11-03T20:00:00.000"


def test_without_a_known_zone_the_body_leaves_it_to_the_device() -> None:
    b = body(20, 0, None)
    check_reminder_body(b)
    assert "timeZoneId" not in b["trigger"]
    assert b["trigger"]["scheduledTime"] == "2026-11-02T20:00:00.000"


def test_bad_times_are_refused_before_any_call() -> None:
    with pytest.raises(ValueError, match="out of range"):
        body(24, 0)
    with pytest.raises(ValueError, match="out of range"):
        body(8, 60)


@pytest.mark.parametrize(
    ("reminder", "expected"),
    [
        ({"trigger": {"recurrence": {"recurrenceRules": [daily_rule(7, 45)]}}}, (7, 45)),
        ({"trigger": {"recurrence": {"recurrenceRules": ["FREQ=DAILY;BYHOUR=21;"]}}}, (21, 0)),
        ({"trigger": {"scheduledTime": "2026-11-02T06:15:00.000"}}, (6, 15)),
        ({"trigger": {"recurrence": {"recurrenceRules": ["FREQ=DAILY;BYHOUR=99"]}}}, None),
        ({"trigger": "x"}, None),
        ({}, None),
    ],
)
def test_daily_time_is_read_back_from_what_the_service_returns(
    reminder: Reminder,
    expected: tuple[int, int] | None,
) -> None:
    assert daily_time(reminder) == expected


def test_create_list_get_update_delete(fake_api: FakeAlexaApi) -> None:
    api = client(fake_api)
    token = api.create_reminder(body())
    assert [a["alertToken"] for a in api.list_reminders()] == [token]
    assert daily_time(api.get_reminder(token)) == (20, 0)
    assert api.update_reminder(token, body(9, 0)) == token
    assert daily_time(api.get_reminder(token)) == (9, 0)
    assert is_active(api.get_reminder(token))
    api.delete_reminder(token)
    assert api.list_reminders() == []
    calls = [(s.method, s.path) for s in fake_api.seen]
    assert calls[0] == ("POST", "/v1/alerts/reminders")
    assert ("PUT", f"/v1/alerts/reminders/{token}") in calls
    assert calls[-2] == ("DELETE", f"/v1/alerts/reminders/{token}")
    assert all(s.authorized for s in fake_api.seen)


def test_any_success_code_is_success(fake_api: FakeAlexaApi) -> None:
    fake_api.create_status, fake_api.delete_status = 201, 204
    api = client(fake_api)
    token = api.create_reminder(body())
    api.delete_reminder(token)
    assert fake_api.reminders == {}


def test_the_device_time_zone_and_its_fallback(fake_api: FakeAlexaApi) -> None:
    api = client(fake_api)
    assert api.time_zone() == "America/Los_Angeles"
    fake_api.time_zone = None  # answered 204, as for a device without the setting
    assert api.time_zone() is None
    fake_api.time_zone = "Europe/London"
    fake_api.fail_next(500, on="settings")
    assert api.time_zone() is None
    fake_api.script_next(200, body="not a zone; rm -rf", on="settings")
    assert api.time_zone() is None
    assert AlexaApi(ApiAccess(fake_api.url, TOKEN, None), 2.0).time_zone() is None
    assert api.time_zone() == "Europe/London"


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 429, 500, 503])
def test_errors_come_back_typed_with_their_status_and_code(
    fake_api: FakeAlexaApi, status: int
) -> None:
    fake_api.fail_next(status)
    with pytest.raises(ApiError) as caught:
        client(fake_api).create_reminder(body())
    assert caught.value.status == status
    assert caught.value.code
    assert caught.value.no_permission == (status == 401)
    assert fake_api.reminders == {}


def test_a_wrong_token_is_a_permission_error(fake_api: FakeAlexaApi) -> None:
    with pytest.raises(ApiError) as caught:
        client(fake_api, token="stale").list_reminders()
    assert caught.value.no_permission


def test_a_slow_answer_is_a_timeout_not_a_hang(fake_api: FakeAlexaApi) -> None:
    fake_api.script_next(200, body={"alerts": []}, delay_s=1.0)
    with pytest.raises(ApiError) as caught:
        client(fake_api, timeout=0.2).list_reminders()
    assert caught.value.status == 0


def test_nothing_listening_is_unreachable() -> None:
    fake = FakeAlexaApi().start()
    url = fake.url
    fake.stop()
    with pytest.raises(ApiError) as caught:
        AlexaApi(ApiAccess(url, TOKEN, DEVICE), 1.0).list_reminders()
    assert caught.value.status == 0


def test_redirects_are_never_followed(fake_api: FakeAlexaApi) -> None:
    fake_api.script_next(302, headers={"Location": fake_api.url + "/v1/alerts/reminders"})
    with pytest.raises(ApiError) as caught:
        client(fake_api).list_reminders()
    assert caught.value.status == 302
    assert len(fake_api.seen) == 1


def test_an_answer_without_an_alert_token_is_an_error(fake_api: FakeAlexaApi) -> None:
    fake_api.script_next(200, body={"status": "ON"})
    with pytest.raises(ApiError):
        client(fake_api).create_reminder(body())


@pytest.mark.parametrize(
    "endpoint", ["http://api.example.com", "ftp://127.0.0.1:1", "file:///etc/passwd", "nonsense"]
)
def test_only_https_or_this_machine_is_called(endpoint: str) -> None:
    with pytest.raises(ApiError) as caught:
        AlexaApi(ApiAccess(endpoint, TOKEN, DEVICE), 1.0).list_reminders()
    assert caught.value.code == "BAD_ENDPOINT"


def test_the_token_is_never_logged_nor_in_errors(
    fake_api: FakeAlexaApi, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "super-secret-token-value"
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ApiError) as caught:
        client(fake_api, token=secret).create_reminder(body())
    fake_api.fail_next(500)
    with pytest.raises(ApiError):
        client(fake_api).create_reminder(body())
    assert secret not in str(caught.value)
    assert secret not in repr(caught.value)
    assert secret not in repr(ApiAccess(fake_api.url, secret, DEVICE))
    assert caplog.records, "failures are logged (by status)"
    for record in caplog.records:
        assert secret not in record.getMessage()
        assert "Time for a pause" not in record.getMessage()
        assert "alert-" not in record.getMessage()
