"""The operator's signal carries counts and fixed labels, never ids, tokens or words said.

Conversations with distinctive ids and distinctive words said are driven through every event
the skill counts (storage faults, conflicts, API and verification failures, safety events,
apologies); everything written to stdout/stderr (the JSON log lines and the EMF metrics) and
every log record is then searched for those strings.
"""

from __future__ import annotations

import http.server
import json
import logging
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from selfhost.verify import VerificationError
from selfhost.web import create_app
from skill import telemetry
from skill.alexa_api import AlexaApi, ApiError
from skill.handlers.core import LaunchHandler
from skill.state import Profile, profile_update
from skill.storage import OwnerKey, StoreUnavailable, VersionConflict, Write
from skill.storage.sqlite import SqliteStore
from skill.turn import ApiAccess
from tests.support.conversation import Conversation

USER = "amzn1.ask.account.ZQXUSERSECRET4242"
PERSON = "amzn1.ask.person.ZQXPERSONSECRET77"
TOKEN = "ZQXTOKENSECRET9191"
DEVICE = "amzn1.ask.device.ZQXDEVICESECRET55"
WORDS = "zqxmarmalade"  # said inside a crisis phrase and a free answer
SECRETS = (USER, PERSON, TOKEN, DEVICE, WORDS, "ZQXUSERSECRET", "ZQXPERSON", "ZQXDEVICE")


class FlakyStore(SqliteStore):
    """SQLite, but every call can be made to fail the way DynamoDB does."""

    def __init__(self) -> None:
        super().__init__(":memory:")
        self.fail_loads = False
        self.fail_commits: type[Exception] | None = None

    def load(self, key: Any) -> Any:
        if self.fail_loads:
            raise StoreUnavailable("ReadTimeoutError")
        return super().load(key)

    def load_profile(self, key: Any) -> Any:
        if self.fail_loads:
            raise StoreUnavailable("ReadTimeoutError")
        return super().load_profile(key)

    def commit(self, *args: Any, **kwargs: Any) -> Any:
        if self.fail_commits is not None:
            raise self.fail_commits()
        return super().commit(*args, **kwargs)


@pytest.fixture
def json_logs() -> Iterator[None]:
    """Lambda's logging set-up (telemetry.configure), undone afterwards."""
    root = logging.getLogger("skill")
    level, propagate = root.level, root.propagate
    telemetry.reset()
    telemetry.configure("zqx-service-test", "INFO")
    yield
    if telemetry._handler is not None:
        root.removeHandler(telemetry._handler)
    telemetry._handler = None
    root.setLevel(level)
    root.propagate = propagate
    telemetry.reset()


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def every_record() -> Iterator[_Recorder]:
    """Every log record from any logger, formatted, whatever the levels say."""
    recorder = _Recorder()
    loggers = [logging.getLogger(), logging.getLogger("skill")]
    for lg in loggers:
        lg.addHandler(recorder)
    yield recorder
    for lg in loggers:
        lg.removeHandler(recorder)


def _conversation(store: SqliteStore) -> Conversation:
    conv = Conversation(person=PERSON, store=store)
    conv.sim.user_id = USER
    conv.sim.device_id = DEVICE
    return conv


def _drive_conversations(monkeypatch: pytest.MonkeyPatch) -> None:
    # A safety event from words said, with consent, and a free answer holding the marker.
    store = FlakyStore()
    conv = _conversation(store)
    granted = profile_update(Profile(), Profile(consent="granted"))
    store.commit(OwnerKey.from_ids(USER, PERSON), Write(None, granted))
    conv.say("open steady heart")
    conv.say("ask steady heart for an appreciation practice")
    conv.say(f"{WORDS} i'd rather not wake up at all {WORDS}")
    # A storage fault on load, then on commit; then conflicts until the writer gives up.
    store.fail_loads = True
    conv.say("open steady heart")
    conv.say("start grounding")
    store.fail_loads = False
    # A new day's visit is written (a count): make those writes fail.
    store.fail_commits = StoreUnavailable
    conv.advance("+1d")
    conv.say("open steady heart")
    store.fail_commits = VersionConflict
    conv.advance("+1d")
    conv.say("open steady heart")
    conv.say(f"i feel {WORDS}")
    store.fail_commits = None

    # An apology: a handler fails with the words said in its message.
    def broken(self: Any, t: Any) -> None:
        raise ValueError(f"{WORDS} {USER} {TOKEN}")

    monkeypatch.setattr(LaunchHandler, "act", broken)
    conv.say("open steady heart")
    monkeypatch.undo()
    # The request could not be read at all.
    conv.app({"request": "not an object", "session": {"user": {"userId": USER}}}, None)


class _Failing(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps({"code": "ZQX", "message": f"{TOKEN} {DEVICE}"}).encode()
        self.send_response(503)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def _drive_api_failures() -> None:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Failing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        api = AlexaApi(
            ApiAccess(f"http://127.0.0.1:{server.server_port}", TOKEN, DEVICE), timeout_s=2.0
        )
        assert api.time_zone() is None
        with pytest.raises(ApiError):
            api.list_reminders()
    finally:
        server.shutdown()
        server.server_close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    with pytest.raises(ApiError):
        AlexaApi(ApiAccess(f"http://127.0.0.1:{closed}", TOKEN, DEVICE), 1.0).list_reminders()
    telemetry.flush()


class _Refusing:
    def verify(self, **kwargs: Any) -> None:
        raise VerificationError("signature does not match the body")


def _drive_verification_failure() -> None:
    app = create_app(lambda event, ctx: {}, verifier=_Refusing())
    body = json.dumps({"session": {"user": {"userId": USER}}, "request": {"text": WORDS}})
    answer = app.test_client().post(
        "/", data=body, headers={"SignatureCertChainUrl": TOKEN, "Signature-256": TOKEN}
    )
    assert answer.status_code == 400


def _emf_lines(out: str) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return [line for line in lines if "_aws" in line]


def test_no_personal_data_in_logs_or_metrics(
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    json_logs: None,
    every_record: _Recorder,
) -> None:
    _drive_conversations(monkeypatch)
    _drive_api_failures()
    _drive_verification_failure()
    out, err = capfd.readouterr()
    counted: dict[str, float] = {}
    for emf in _emf_lines(out):
        for metric in emf["_aws"]["CloudWatchMetrics"][0]["Metrics"]:
            counted[metric["Name"]] = counted.get(metric["Name"], 0) + sum(emf[metric["Name"]])
    # Every kind of event was really produced (so the search below searched something).
    for name in (
        "StorageFault",
        "ConflictsExhausted",
        "AlexaApiFailure",
        "VerificationFailure",
        "Apology",
    ):
        assert counted.get(name, 0) >= 1, (name, counted)
    assert any(name.startswith("SafetyEvent.") for name in counted), counted
    json_lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert any(line.get("event") == "StorageFault" for line in json_lines)
    formatted = [
        logging.Formatter("%(name)s %(levelname)s %(message)s").format(r)
        for r in every_record.records
    ]
    assert formatted, "nothing was logged: the search below would prove nothing"
    everything = "\n".join([out, err, *formatted, json.dumps(counted)])
    for secret in SECRETS:
        assert secret.lower() not in everything.lower(), f"{secret!r} reached the logs"


def test_labels_outside_the_vocabulary_become_other(
    capfd: pytest.CaptureFixture[str], json_logs: None
) -> None:
    telemetry.record(telemetry.SAFETY_EVENT, f"I said {WORDS}")
    telemetry.record(telemetry.STORAGE_FAULT, USER)
    assert telemetry.pending() == ["SafetyEvent.other", "StorageFault"]
    telemetry.flush()
    out = capfd.readouterr().out
    assert WORDS not in out
    assert USER not in out
    with pytest.raises(ValueError, match="unknown telemetry event"):
        telemetry.record("SomethingNew")


def test_a_turn_without_events_publishes_nothing(
    capfd: pytest.CaptureFixture[str], json_logs: None
) -> None:
    conv = _conversation(FlakyStore())
    conv.say("open steady heart")
    assert _emf_lines(capfd.readouterr().out) == []
