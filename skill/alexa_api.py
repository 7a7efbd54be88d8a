"""A small client for the Alexa APIs the skill calls: Reminders and the device time zone.

Requests go to ``context.System.apiEndpoint`` with the request's ``apiAccessToken`` as a bearer
token (both carried by :class:`skill.turn.ApiAccess`). JSON in, JSON out, one timeout per call.
Failures come back as :class:`ApiError` with the HTTP status (0 when the service could not be
reached); the token, request bodies and answers are never logged or put in an error message.

Reminders API (``/v1/alerts/reminders``): POST creates, PUT ``/{alertToken}`` replaces, GET lists
(or reads one), DELETE ``/{alertToken}`` removes. A skill only ever sees its own reminders.
Settings API: ``GET /v2/devices/{deviceId}/settings/System.timeZone`` answers a JSON string such
as ``"America/Los_Angeles"``.

The body builders here are pure: :func:`daily_reminder_body` makes the documented
``SCHEDULED_ABSOLUTE`` body with an RFC 5545 daily rule, and :func:`daily_time` reads the time
back out of a reminder the service returns.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

from skill import telemetry
from skill.turn import ApiAccess

if TYPE_CHECKING:
    import urllib.error

log = logging.getLogger(__name__)

REMINDERS_PATH: Final = "/v1/alerts/reminders"
REMINDERS_SCOPE: Final = "alexa::alerts:reminders:skill:readwrite"
LOCAL_TIME_FORMAT: Final = "%Y-%m-%dT%H:%M:%S.000"
"""Reminder times are local wall-clock times without an offset (the zone is a separate field)."""
MAX_ANSWER_BYTES: Final = 256 * 1024
_TIME_ZONE_RE: Final = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+){0,2}$")
_RULE_PART_RE: Final = re.compile(r"^(FREQ|BYHOUR|BYMINUTE|BYSECOND|INTERVAL|BYDAY)=([A-Z0-9,]+)$")
_LOOPBACK: Final = frozenset({"127.0.0.1", "localhost", "::1"})


class ApiError(Exception):
    """An Alexa API call that did not succeed. ``status`` 0: no answer (network, timeout)."""

    def __init__(self, status: int, code: str | None = None) -> None:
        super().__init__(f"Alexa API answered {status}" + (f" ({code})" if code else ""))
        self.status = status
        self.code = code

    @property
    def no_permission(self) -> bool:
        return self.status == 401

    @property
    def not_found(self) -> bool:
        return self.status == 404


@lru_cache(maxsize=1)
def _opener() -> Any:
    """Built on first use: urllib.request (http, ssl, email) is heavy for a cold start, and most
    turns never call an Alexa API."""
    import urllib.request

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        """Never follow a redirect: it would carry the bearer token to another address."""

        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    return urllib.request.build_opener(NoRedirects)


def _checked_endpoint(endpoint: str) -> str:
    """The API base URL: https, or plain http only to this machine (local tests)."""
    parts = urllib.parse.urlsplit(endpoint)
    if not parts.hostname:
        raise ApiError(0, "BAD_ENDPOINT")
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOOPBACK):
        return endpoint.rstrip("/")
    raise ApiError(0, "BAD_ENDPOINT")


@dataclass(frozen=True)
class AlexaApi:
    access: ApiAccess
    timeout_s: float

    # --- transport --------------------------------------------------------------------------
    def _call(self, method: str, path: str, body: Mapping[str, Any] | None = None) -> Any:
        url = _checked_endpoint(self.access.endpoint) + path
        data = None if body is None else json.dumps(body).encode("utf-8")
        headers = {"Authorization": f"Bearer {self.access.token}", "Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        # Here, not at the top: urllib.error pulls in tempfile, shutil, bz2 and lzma (through
        # urllib.response), a cold-start cost for the many turns that never call an Alexa API.
        import urllib.error
        import urllib.request

        req = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310
        try:
            with _opener().open(req, timeout=self.timeout_s) as resp:
                status = int(resp.status)
                raw = resp.read(MAX_ANSWER_BYTES)
        except urllib.error.HTTPError as exc:
            code = _error_code(exc)
            log.warning("alexa api %s %s answered %s", method, _kind(path), exc.code)
            failed = "server_error" if exc.code >= 500 else "refused"
            telemetry.record(telemetry.API_FAILURE, failed)
            raise ApiError(int(exc.code), code) from None
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            log.warning("alexa api %s %s unreachable: %s", method, _kind(path), type(exc).__name__)
            telemetry.record(telemetry.API_FAILURE, "unreachable")
            raise ApiError(0, "UNREACHABLE") from None
        if not 200 <= status < 300:
            raise ApiError(status)
        if status == 204 or not raw.strip():
            return None
        try:
            return json.loads(raw)
        except ValueError:
            raise ApiError(status, "UNREADABLE_ANSWER") from None

    # --- settings ---------------------------------------------------------------------------
    def time_zone(self) -> str | None:
        """The device's time zone (``"Europe/London"``), or None when it cannot be read."""
        device = self.access.device_id
        if not device:
            return None
        path = f"/v2/devices/{urllib.parse.quote(device, safe='')}/settings/System.timeZone"
        try:
            found = self._call("GET", path)
        except ApiError:
            return None
        if isinstance(found, str) and len(found) <= 64 and _TIME_ZONE_RE.match(found):
            return found
        return None

    # --- reminders --------------------------------------------------------------------------
    def create_reminder(self, body: Mapping[str, Any]) -> str:
        return _alert_token(self._call("POST", REMINDERS_PATH, body))

    def update_reminder(self, alert_token: str, body: Mapping[str, Any]) -> str:
        return _alert_token(self._call("PUT", _one(alert_token), body)) or alert_token

    def get_reminder(self, alert_token: str) -> dict[str, Any]:
        found = self._call("GET", _one(alert_token))
        if not isinstance(found, dict):
            raise ApiError(200, "UNREADABLE_ANSWER")
        return found

    def list_reminders(self) -> list[dict[str, Any]]:
        found = self._call("GET", REMINDERS_PATH)
        alerts = found.get("alerts") if isinstance(found, dict) else None
        return [a for a in alerts or [] if isinstance(a, dict)]

    def delete_reminder(self, alert_token: str) -> None:
        self._call("DELETE", _one(alert_token))


def _one(alert_token: str) -> str:
    return f"{REMINDERS_PATH}/{urllib.parse.quote(alert_token, safe='')}"


def _kind(path: str) -> str:
    """What was called, for logs: never the ids in the path."""
    if path.startswith(REMINDERS_PATH):
        return "reminders" if path == REMINDERS_PATH else "reminder"
    return "settings"


def _error_code(exc: urllib.error.HTTPError) -> str | None:
    """The ``code`` of the documented error body ``{"code": ..., "message": ...}``, if any."""
    try:
        found = json.loads(exc.read(4096) or b"null")
    except (ValueError, OSError):
        return None
    code = found.get("code") if isinstance(found, dict) else None
    return code if isinstance(code, str) and len(code) <= 64 else None


def _alert_token(found: Any) -> str:
    token = found.get("alertToken") if isinstance(found, dict) else None
    if not isinstance(token, str) or not token:
        raise ApiError(200, "NO_ALERT_TOKEN")
    return token


# --- pure helpers ---------------------------------------------------------------------------
def _zone(time_zone: str | None) -> tzinfo:
    if time_zone:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only here: see localtime.py

        try:
            return ZoneInfo(time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            # No zone data here: the date may be off by one, the daily rule still holds.
            pass
    return UTC


def daily_rule(hour: int, minute: int) -> str:
    return f"FREQ=DAILY;BYHOUR={hour};BYMINUTE={minute};BYSECOND=0"


def daily_reminder_body(
    *, hour: int, minute: int, now: int, time_zone: str | None, locale: str, text: str
) -> dict[str, Any]:
    """The documented body for a reminder that repeats every day at ``hour``:``minute``.

    Times are the device's local wall-clock times without an offset; ``timeZoneId`` names the
    zone when it is known, and is left out otherwise (the service then uses the device's own).
    """
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise ValueError("hour or minute out of range")
    local_now = datetime.fromtimestamp(now, _zone(time_zone)).replace(tzinfo=None)
    first = local_now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if first <= local_now:
        first += timedelta(days=1)
    trigger: dict[str, Any] = {
        "type": "SCHEDULED_ABSOLUTE",
        "scheduledTime": first.strftime(LOCAL_TIME_FORMAT),
    }
    if time_zone:
        trigger["timeZoneId"] = time_zone
    trigger["recurrence"] = {
        "startDateTime": first.strftime(LOCAL_TIME_FORMAT),
        "recurrenceRules": [daily_rule(hour, minute)],
    }
    return {
        "requestTime": local_now.strftime(LOCAL_TIME_FORMAT),
        "trigger": trigger,
        "alertInfo": {"spokenInfo": {"content": [{"locale": locale, "text": text}]}},
        "pushNotification": {"status": "ENABLED"},
    }


def daily_time(reminder: Mapping[str, Any]) -> tuple[int, int] | None:
    """Hour and minute of a daily reminder as the service returns it, from its rule first."""
    trigger = reminder.get("trigger")
    if not isinstance(trigger, dict):
        return None
    recurrence = trigger.get("recurrence")
    rules = recurrence.get("recurrenceRules") if isinstance(recurrence, dict) else None
    for rule in rules or []:
        parts: dict[str, str] = {}
        for piece in str(rule).strip().strip(";").split(";"):
            m = _RULE_PART_RE.match(piece.strip())
            if m:
                parts[m.group(1)] = m.group(2)
        if parts.get("BYHOUR", "").isdigit():
            minute_s = parts.get("BYMINUTE", "0")
            hour, minute = int(parts["BYHOUR"]), int(minute_s) if minute_s.isdigit() else -1
            if 0 <= hour < 24 and 0 <= minute < 60:
                return hour, minute
    scheduled = trigger.get("scheduledTime")
    if isinstance(scheduled, str):
        try:
            at = datetime.fromisoformat(scheduled)
        except ValueError:
            return None
        return at.hour, at.minute
    return None


def is_active(reminder: Mapping[str, Any]) -> bool:
    """Whether a reminder the service returns will still go off (status ON)."""
    return str(reminder.get("status", "ON")).upper() == "ON"
