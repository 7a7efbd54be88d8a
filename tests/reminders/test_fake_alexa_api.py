"""The local API is only worth testing against if it refuses what the real one refuses."""

from __future__ import annotations

import copy
import json
import urllib.error
import urllib.request
from typing import Any

import pytest

from tests.support.fake_alexa_api import DEVICE, TOKEN, FakeAlexaApi

GOOD: dict[str, Any] = {
    "requestTime": "2026-11-02T11:00:20.000",
    "trigger": {
        "type": "SCHEDULED_ABSOLUTE",
        "scheduledTime": "2026-11-02T20:00:00.000",
        "timeZoneId": "America/Los_Angeles",
        "recurrence": {
            "startDateTime": "2026-11-02T20:00:00.000",
            "recurrenceRules": ["FREQ=DAILY;BYHOUR=20;BYMINUTE=0;BYSECOND=0"],
        },
    },
    "alertInfo": {"spokenInfo": {"content": [{"locale": "en-US", "text": "Time for a pause."}]}},
    "pushNotification": {"status": "ENABLED"},
}


def call(
    fake: FakeAlexaApi,
    method: str,
    path: str,
    body: Any = None,
    *,
    token: str | None = TOKEN,
    content_type: str = "application/json",
) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": content_type} if data is not None else {}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(fake.url + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            raw = resp.read()
            return resp.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        return exc.code, json.loads(raw) if raw else None


def mutated(path: tuple[str | int, ...], value: Any = None, *, delete: bool = False) -> Any:
    body = copy.deepcopy(GOOD)
    target: Any = body
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return body


def test_a_documented_create_is_accepted_and_can_be_read_changed_and_deleted(
    fake_api: FakeAlexaApi,
) -> None:
    status, made = call(fake_api, "POST", "/v1/alerts/reminders", GOOD)
    assert status == 200
    token = made["alertToken"]
    assert made["status"] == "ON"
    assert made["href"].endswith(token)
    status, listed = call(fake_api, "GET", "/v1/alerts/reminders")
    assert status == 200
    assert listed["totalCount"] == "1"
    assert listed["alerts"][0]["trigger"]["recurrence"]["recurrenceRules"] == [
        "FREQ=DAILY;BYHOUR=20;BYMINUTE=0;BYSECOND=0"
    ]
    moved = mutated(("trigger", "recurrence", "recurrenceRules"), ["FREQ=DAILY;BYHOUR=9"])
    assert call(fake_api, "PUT", f"/v1/alerts/reminders/{token}", moved)[0] == 200
    status, one = call(fake_api, "GET", f"/v1/alerts/reminders/{token}")
    assert status == 200
    assert one["version"] == "2"
    assert call(fake_api, "DELETE", f"/v1/alerts/reminders/{token}") == (200, None)
    status, err = call(fake_api, "GET", f"/v1/alerts/reminders/{token}")
    assert status == 404
    assert set(err) == {"code", "message"}


MALFORMED = [
    ("no requestTime", mutated(("requestTime",), delete=True)),
    ("requestTime with an offset", mutated(("requestTime",), "2026-11-02T11:00:20Z")),
    (
        "scheduledTime with an offset",
        mutated(("trigger", "scheduledTime"), "2026-11-02T20:00+01:00"),
    ),
    ("not a real date", mutated(("trigger", "scheduledTime"), "2026-02-30T20:00:00.000")),
    ("unknown trigger type", mutated(("trigger", "type"), "SCHEDULED_SOMETIME")),
    ("absolute without scheduledTime", mutated(("trigger", "scheduledTime"), delete=True)),
    ("made-up time zone", mutated(("trigger", "timeZoneId"), "Mars/Olympus_Mons")),
    ("rule without FREQ", mutated(("trigger", "recurrence", "recurrenceRules"), ["BYHOUR=20"])),
    (
        "hour out of range",
        mutated(("trigger", "recurrence", "recurrenceRules"), ["FREQ=DAILY;BYHOUR=25"]),
    ),
    ("rule not NAME=VALUE", mutated(("trigger", "recurrence", "recurrenceRules"), ["DAILY at 8"])),
    ("empty rules", mutated(("trigger", "recurrence", "recurrenceRules"), [])),
    (
        "rule part repeated",
        mutated(("trigger", "recurrence", "recurrenceRules"), ["FREQ=DAILY;FREQ=WEEKLY"]),
    ),
    ("unknown top-level field", mutated(("note",), "hi")),
    ("unknown trigger field", mutated(("trigger", "when"), "later")),
    ("no alertInfo", mutated(("alertInfo",), delete=True)),
    ("empty content", mutated(("alertInfo", "spokenInfo", "content"), [])),
    ("content without locale", mutated(("alertInfo", "spokenInfo", "content"), [{"text": "x"}])),
    (
        "bad locale",
        mutated(("alertInfo", "spokenInfo", "content"), [{"locale": "english", "text": "x"}]),
    ),
    (
        "empty text",
        mutated(("alertInfo", "spokenInfo", "content"), [{"locale": "en-US", "text": " "}]),
    ),
    ("bad push status", mutated(("pushNotification",), {"status": "LOUD"})),
    ("not an object", ["a", "list"]),
]


@pytest.mark.parametrize(("why", "body"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_reminder_requests_are_rejected_with_400(
    fake_api: FakeAlexaApi, why: str, body: Any
) -> None:
    status, err = call(fake_api, "POST", "/v1/alerts/reminders", body)
    assert status == 400, why
    assert err["code"] == "INVALID_REQUEST"
    assert err["message"]
    assert fake_api.reminders == {}


def test_requests_outside_the_documented_api_are_refused(fake_api: FakeAlexaApi) -> None:
    assert call(fake_api, "POST", "/v1/alerts/reminders", GOOD, content_type="text/plain")[0] == 400
    assert call(fake_api, "DELETE", "/v1/alerts/reminders")[0] == 400
    assert call(fake_api, "PATCH", "/v1/alerts/reminders/alert-0001", GOOD)[0] == 400
    assert call(fake_api, "GET", "/v1/alerts/timers")[0] == 404
    assert call(fake_api, "POST", f"/v2/devices/{DEVICE}/settings/System.timeZone", {})[0] == 400
    assert call(fake_api, "PUT", "/v1/alerts/reminders/alert-9999", GOOD)[0] == 404


def test_the_bearer_token_must_be_the_one_alexa_sent(fake_api: FakeAlexaApi) -> None:
    assert call(fake_api, "GET", "/v1/alerts/reminders", token=None)[0] == 401
    status, err = call(fake_api, "POST", "/v1/alerts/reminders", GOOD, token="someone-else")
    assert status == 401
    assert err["code"] == "INVALID_BEARER_TOKEN"
    assert fake_api.reminders == {}
    assert all(not s.authorized for s in fake_api.seen)


def test_the_time_zone_setting_is_a_json_string(fake_api: FakeAlexaApi) -> None:
    path = f"/v2/devices/{DEVICE}/settings/System.timeZone"
    assert call(fake_api, "GET", path) == (200, "America/Los_Angeles")
    assert call(fake_api, "GET", "/v2/devices/other-device/settings/System.timeZone")[0] == 404
    fake_api.time_zone = None
    assert call(fake_api, "GET", path) == (204, None)


def test_it_can_be_told_to_fail_the_next_call(fake_api: FakeAlexaApi) -> None:
    for status in (401, 403, 429, 500):
        fake_api.fail_next(status)
        got, err = call(fake_api, "POST", "/v1/alerts/reminders", GOOD)
        assert got == status
        assert set(err) == {"code", "message"}
    assert call(fake_api, "POST", "/v1/alerts/reminders", GOOD)[0] == 200
    fake_api.fail_next(500, on="reminders")
    assert call(fake_api, "GET", f"/v2/devices/{DEVICE}/settings/System.timeZone")[0] == 200
    assert call(fake_api, "GET", "/v1/alerts/reminders")[0] == 500


def test_without_permission_reminders_answer_401_but_settings_still_work(
    fake_api: FakeAlexaApi,
) -> None:
    fake_api.permission = False
    assert call(fake_api, "POST", "/v1/alerts/reminders", GOOD)[0] == 401
    assert call(fake_api, "GET", f"/v2/devices/{DEVICE}/settings/System.timeZone")[0] == 200
