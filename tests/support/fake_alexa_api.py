"""A local stand-in for Alexa's Reminders and Settings APIs, strict about what it accepts.

It listens on loopback (a random port, one thread per request) and serves the documented
operations only:

    GET    /v2/devices/{deviceId}/settings/System.timeZone   -> 200 "America/Los_Angeles"
    POST   /v1/alerts/reminders                              -> 200 {alertToken, createdTime, ...}
    GET    /v1/alerts/reminders                              -> 200 {totalCount, alerts, links}
    GET    /v1/alerts/reminders/{alertToken}                 -> 200 the reminder, or 404
    PUT    /v1/alerts/reminders/{alertToken}                 -> 200 {alertToken, ...}, or 404
    DELETE /v1/alerts/reminders/{alertToken}                 -> 200 (empty), or 404

Every request must carry ``Authorization: Bearer <the Simulator's token>`` (else 401, as the
service answers a bad token). Reminder bodies are checked against the documented shape
(``check_reminder_body``); anything else - an unknown field, a time with an offset, a rule that
is not RFC 5545, a missing locale, a method the API does not have - is REJECTED with 400 and the
documented error body ``{"code": ..., "message": ...}``. Success codes follow the status codes
ask_sdk_model declares for these operations (200 for each); ``create_status`` and
``delete_status`` can be set to 201/204 to check the client takes any 2xx.

Tests steer it: ``permission = False`` makes every reminders call answer 401 (no permission yet),
``fail_next(status)`` fails the next call (optionally only a reminders or settings call),
``script_next(...)`` answers the next call with anything (a redirect, a delay).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal
from zoneinfo import available_timezones

TOKEN = "local-token"
DEVICE = "amzn1.ask.device.LOCALSPEAKER"
REMINDERS = "/v1/alerts/reminders"
Where = Literal["reminders", "settings"]

_LOCAL_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?$")
_LOCALE = re.compile(r"^[a-z]{2}-[A-Z]{2}$")
_SETTINGS = re.compile(r"^/v2/devices/([^/]+)/settings/System\.timeZone$")
_ONE = re.compile(r"^/v1/alerts/reminders/([A-Za-z0-9._\-]+)$")
_DAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
_ZONES = frozenset(available_timezones())


class Invalid(ValueError):
    pass


def _local_time(value: Any, where: str) -> None:
    if not isinstance(value, str) or not _LOCAL_TIME.match(value):
        raise Invalid(f"{where} must be a local ISO 8601 time without an offset")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise Invalid(f"{where} is not a real date and time") from None


def _only(obj: Any, where: str, allowed: set[str], required: set[str]) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise Invalid(f"{where} must be an object")
    unknown = set(obj) - allowed
    if unknown:
        raise Invalid(f"{where} has unknown fields {sorted(unknown)}")
    missing = required - set(obj)
    if missing:
        raise Invalid(f"{where} lacks {sorted(missing)}")
    return obj


def check_rule(rule: Any) -> dict[str, str]:
    """An RFC 5545 recurrence rule of the kind reminders take (FREQ, BYDAY, BYHOUR, ...)."""
    if not isinstance(rule, str) or not rule.strip():
        raise Invalid("a recurrence rule must be a non-empty string")
    parts: dict[str, str] = {}
    for piece in rule.strip().rstrip(";").split(";"):
        name, sep, value = piece.partition("=")
        if not sep or not value or name in parts:
            raise Invalid(f"recurrence rule part {piece!r} is not NAME=VALUE (once each)")
        parts[name] = value
    allowed = {"FREQ", "BYDAY", "BYHOUR", "BYMINUTE", "BYSECOND", "INTERVAL"}
    if set(parts) - allowed:
        raise Invalid(f"recurrence rule has unsupported parts {sorted(set(parts) - allowed)}")
    if parts.get("FREQ") not in {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}:
        raise Invalid("recurrence rule needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY")
    for name, top in (("BYHOUR", 23), ("BYMINUTE", 59), ("BYSECOND", 59)):
        if name in parts:
            v = parts[name]
            if not v.isdigit() or not 0 <= int(v) <= top:
                raise Invalid(f"{name} must be a whole number from 0 to {top}")
    if "INTERVAL" in parts and (not parts["INTERVAL"].isdigit() or int(parts["INTERVAL"]) < 1):
        raise Invalid("INTERVAL must be a positive whole number")
    if "BYDAY" in parts and not set(parts["BYDAY"].split(",")) <= _DAYS:
        raise Invalid("BYDAY must list MO, TU, WE, TH, FR, SA or SU")
    return parts


def check_reminder_body(body: Any) -> None:
    """Raise ``Invalid`` unless ``body`` is a reminder request as the API documents it."""
    top = _only(
        body,
        "body",
        {"requestTime", "trigger", "alertInfo", "pushNotification"},
        {"requestTime", "trigger", "alertInfo"},
    )
    _local_time(top["requestTime"], "requestTime")
    trigger = _only(
        top["trigger"],
        "trigger",
        {"type", "scheduledTime", "offsetInSeconds", "timeZoneId", "recurrence"},
        {"type"},
    )
    if trigger["type"] == "SCHEDULED_ABSOLUTE":
        if "scheduledTime" not in trigger or "offsetInSeconds" in trigger:
            raise Invalid("SCHEDULED_ABSOLUTE needs scheduledTime and no offsetInSeconds")
        _local_time(trigger["scheduledTime"], "trigger.scheduledTime")
    elif trigger["type"] == "SCHEDULED_RELATIVE":
        offset = trigger.get("offsetInSeconds")
        if not str(offset).isdigit() or "scheduledTime" in trigger or "recurrence" in trigger:
            raise Invalid("SCHEDULED_RELATIVE needs offsetInSeconds only")
    else:
        raise Invalid("trigger.type must be SCHEDULED_ABSOLUTE or SCHEDULED_RELATIVE")
    if "timeZoneId" in trigger and trigger["timeZoneId"] not in _ZONES:
        raise Invalid("trigger.timeZoneId must be an IANA time zone")
    if "recurrence" in trigger:
        rec = _only(
            trigger["recurrence"],
            "trigger.recurrence",
            {"freq", "byDay", "interval", "startDateTime", "endDateTime", "recurrenceRules"},
            set(),
        )
        for name in ("startDateTime", "endDateTime"):
            if name in rec:
                _local_time(rec[name], f"trigger.recurrence.{name}")
        rules = rec.get("recurrenceRules")
        if rules is not None:
            if not isinstance(rules, list) or not rules:
                raise Invalid("recurrenceRules must be a non-empty list")
            for rule in rules:
                check_rule(rule)
        elif "freq" not in rec:
            raise Invalid("trigger.recurrence needs recurrenceRules")
    alert = _only(top["alertInfo"], "alertInfo", {"spokenInfo"}, {"spokenInfo"})
    spoken = _only(alert["spokenInfo"], "alertInfo.spokenInfo", {"content"}, {"content"})
    content = spoken["content"]
    if not isinstance(content, list) or not content:
        raise Invalid("alertInfo.spokenInfo.content must be a non-empty list")
    for item in content:
        entry = _only(item, "content item", {"locale", "text", "ssml"}, {"locale", "text"})
        if not isinstance(entry["locale"], str) or not _LOCALE.match(entry["locale"]):
            raise Invalid("content locale must look like en-US")
        text = entry["text"]
        if not isinstance(text, str) or not text.strip() or len(text) > 250:
            raise Invalid("content text must be 1 to 250 characters")
        if "ssml" in entry and not str(entry["ssml"]).startswith("<speak>"):
            raise Invalid("content ssml must be a <speak> document")
    if "pushNotification" in top:
        push = _only(top["pushNotification"], "pushNotification", {"status"}, {"status"})
        if push["status"] not in {"ENABLED", "DISABLED"}:
            raise Invalid("pushNotification.status must be ENABLED or DISABLED")


@dataclass
class Seen:
    """One request as the fake received it (never the token itself)."""

    method: str
    path: str
    status: int
    authorized: bool
    body: Any = None


@dataclass
class _Scripted:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    on: Where | None = None


@dataclass
class FakeAlexaApi:
    token: str = TOKEN
    device_id: str = DEVICE
    time_zone: str | None = "America/Los_Angeles"
    permission: bool = True
    create_status: int = 200
    delete_status: int = 200
    reminders: dict[str, dict[str, Any]] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    _script: list[_Scripted] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _counter: int = 0
    _server: ThreadingHTTPServer | None = None

    # --- steering ---------------------------------------------------------------------------
    @property
    def url(self) -> str:
        assert self._server is not None, "start() the fake first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def fail_next(self, status: int, *, on: Where | None = None, code: str = "") -> None:
        """The next (matching) call answers ``status`` with the documented error body."""
        body = {"code": code or _CODES.get(status, "ERROR"), "message": f"failing with {status}"}
        self.script_next(status, body=body, on=on)

    def script_next(
        self,
        status: int,
        *,
        body: Any = None,
        headers: dict[str, str] | None = None,
        delay_s: float = 0.0,
        on: Where | None = None,
    ) -> None:
        with self._lock:
            self._script.append(_Scripted(status, body, dict(headers or {}), delay_s, on))

    def calls(self, method: str | None = None, where: Where | None = None) -> list[Seen]:
        with self._lock:
            found = list(self.seen)
        return [
            s
            for s in found
            if (method is None or s.method == method) and (where is None or _where(s.path) == where)
        ]

    def add_reminder(self, hour: int, minute: int, status: str = "ON") -> str:
        """A reminder the skill made earlier (e.g. before consent was given)."""
        body = {
            "requestTime": "2026-10-01T10:00:00.000",
            "trigger": {
                "type": "SCHEDULED_ABSOLUTE",
                "scheduledTime": f"2026-10-01T{hour:02d}:{minute:02d}:00.000",
                "timeZoneId": "America/Los_Angeles",
                "recurrence": {
                    "recurrenceRules": [f"FREQ=DAILY;BYHOUR={hour};BYMINUTE={minute};BYSECOND=0"]
                },
            },
            "alertInfo": {"spokenInfo": {"content": [{"locale": "en-US", "text": "x"}]}},
            "pushNotification": {"status": "ENABLED"},
        }
        with self._lock:
            token = self._new_token()
            self.reminders[token] = self._record(token, body, status=status)
        return token

    # --- lifecycle --------------------------------------------------------------------------
    def start(self) -> FakeAlexaApi:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return  # quiet: and never print headers

            def _any(self) -> None:
                fake._serve(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _any  # noqa: N815 - http.server names

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        # A short poll keeps stop() quick (shutdown waits for the loop to look up).
        server = self._server
        threading.Thread(
            target=lambda: server.serve_forever(poll_interval=0.02), daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # --- serving ----------------------------------------------------------------------------
    def _new_token(self) -> str:
        self._counter += 1
        return f"alert-{self._counter:04d}"

    def _record(self, token: str, body: dict[str, Any], status: str = "ON") -> dict[str, Any]:
        now = "2026-11-02T19:00:00.000Z"
        return {
            "alertToken": token,
            "createdTime": now,
            "updatedTime": now,
            "status": status,
            "trigger": body["trigger"],
            "alertInfo": body["alertInfo"],
            "pushNotification": body.get("pushNotification", {"status": "ENABLED"}),
            "version": "1",
        }

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        raw = h.rfile.read(length) if length else b""
        path = h.path
        authorized = h.headers.get("Authorization") == f"Bearer {self.token}"
        body: Any = None
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                body = raw.decode("utf-8", "replace")
        with self._lock:
            scripted = next((s for s in self._script if s.on is None or s.on == _where(path)), None)
            if scripted is not None:
                self._script.remove(scripted)
        if scripted is not None:
            time.sleep(scripted.delay_s)
            status, answer, headers = scripted.status, scripted.body, scripted.headers
        else:
            status, answer = self._answer(h.command, path, h.headers, body, authorized)
            headers = {}
        with self._lock:
            self.seen.append(Seen(h.command, path, status, authorized, body))
        payload = b"" if answer is None else json.dumps(answer).encode("utf-8")
        try:
            h.send_response(status)
            for k, v in headers.items():
                h.send_header(k, v)
            if payload:
                h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(payload)))
            h.end_headers()
            h.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def _answer(
        self, method: str, path: str, headers: Any, body: Any, authorized: bool
    ) -> tuple[int, Any]:
        if not authorized:
            return 401, _error("INVALID_BEARER_TOKEN", "missing or wrong bearer token")
        m = _SETTINGS.match(path)
        if m:
            if method != "GET":
                return 400, _error("INVALID_REQUEST", "the settings API only has GET")
            if m.group(1) != self.device_id:
                return 404, _error("DEVICE_NOT_FOUND", "unknown device")
            if self.time_zone is None:
                return 204, None
            return 200, self.time_zone
        one = _ONE.match(path)
        if path != REMINDERS and not one:
            return 404, _error("NOT_FOUND", "no such resource")
        if not self.permission:
            return 401, _error("UNAUTHORIZED", "no permission for reminders")
        if method in ("POST", "PUT"):
            if not str(headers.get("Content-Type", "")).startswith("application/json"):
                return 400, _error("INVALID_REQUEST", "Content-Type must be application/json")
            try:
                check_reminder_body(body)
            except Invalid as exc:
                return 400, _error("INVALID_REQUEST", str(exc))
        with self._lock:
            if path == REMINDERS:
                if method == "GET":
                    alerts = list(self.reminders.values())
                    return 200, {"totalCount": str(len(alerts)), "alerts": alerts, "links": None}
                if method == "POST":
                    token = self._new_token()
                    self.reminders[token] = self._record(token, body)
                    return self.create_status, _summary(self.reminders[token])
                return 400, _error("INVALID_REQUEST", f"{method} is not an operation here")
            assert one is not None
            token = one.group(1)
            if method not in ("GET", "PUT", "DELETE"):
                return 400, _error("INVALID_REQUEST", f"{method} is not an operation here")
            if token not in self.reminders:
                return 404, _error("NOT_FOUND", "no reminder with that alertToken")
            if method == "GET":
                return 200, self.reminders[token]
            if method == "PUT":
                record = self._record(token, body)
                record["version"] = str(int(self.reminders[token]["version"]) + 1)
                self.reminders[token] = record
                return 200, _summary(record)
            del self.reminders[token]
            return self.delete_status, None


_CODES = {
    400: "INVALID_REQUEST",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    409: "CONFLICT",
    429: "RATE_EXCEEDED",
    500: "INTERNAL_SERVER_ERROR",
    503: "SERVICE_UNAVAILABLE",
}


def _error(code: str, message: str) -> dict[str, str]:
    return {"code": code, "message": message}


def _summary(record: dict[str, Any]) -> dict[str, Any]:
    keys = ("alertToken", "createdTime", "updatedTime", "status", "version")
    out = {k: record[k] for k in keys}
    out["href"] = f"{REMINDERS}/{record['alertToken']}"
    return out


def _where(path: str) -> Where:
    return "reminders" if path.startswith(REMINDERS) else "settings"


@contextmanager
def running(**kwargs: Any) -> Iterator[FakeAlexaApi]:
    fake = FakeAlexaApi(**kwargs).start()
    try:
        yield fake
    finally:
        fake.stop()
