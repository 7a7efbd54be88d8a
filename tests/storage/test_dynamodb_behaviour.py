"""The skill on DynamoDB Local: conversations, concurrency, growth, deletion, faults and cost.

Conversations go through ``SteadyHeart`` and the ``Simulator`` (JSON envelopes in and out, as
Alexa sends them); assertions are on what is said and on what the table holds.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from botocore.awsrequest import AWSResponse, HeadersDict
from botocore.exceptions import ClientError, ReadTimeoutError
from botocore.httpsession import URLLib3Session

from devtools.simulator import Exchange, Simulator
from skill.app import SteadyHeart
from skill.config import Settings
from skill.interceptors import WRITE_ATTEMPTS
from skill.state import HistoryItem, Profile, ProfileUpdate, all_kinds
from skill.storage import Write, open_store
from skill.storage.base import (
    MAX_ENTRIES_PER_COMMIT,
    OwnerKey,
    Store,
    StoreBusy,
    StoreUnavailable,
    VersionConflict,
    recent_entries,
)
from skill.storage.dynamodb import DynamoStore, item_size, make_client
from tests.support.conversation import catalog, key_pattern, slot_json
from tests.support.dynamodb_local import local_settings
from tests.support.reliability import device
from tests.support.stores import refusing_endpoint, scan_all

pytestmark = [pytest.mark.dynamodb, pytest.mark.usefixtures("aws_env")]

USER = "amzn1.ask.account.BEHAVIOURTESTUSER"
PERSON = "amzn1.ask.person.BEHAVIOURTESTPERSON"
DAY = 86_400
WRITES = frozenset({"TransactWriteItems", "PutItem", "BatchWriteItem", "UpdateItem", "DeleteItem"})


def said(exchange: Exchange, key: str) -> bool:
    return key_pattern(catalog("en-US"), key).search(exchange.speech) is not None


def app_for(store: Store, **overrides: Any) -> SteadyHeart:
    return SteadyHeart(Settings(store="memory", **overrides), store=store)


def grounding() -> dict[str, Any]:
    return slot_json("en-US", "StartExerciseIntent", "exercise", "grounding")


@pytest.fixture
def fresh_client(dynamodb_endpoint: str) -> Any:
    """A client of its own, so event hooks never leak into other tests."""
    return make_client(local_settings(dynamodb_endpoint))


@pytest.fixture
def store(fresh_client: Any, dynamodb_table: str) -> DynamoStore:
    return DynamoStore(fresh_client, dynamodb_table)


@pytest.fixture
def table_rows(dynamodb_client: Any, dynamodb_table: str) -> Callable[[], list[dict[str, Any]]]:
    """Everything in the table, read with a client that no test hooks into."""
    return lambda: scan_all(dynamodb_client, dynamodb_table)


def owner_rows(rows: list[dict[str, Any]], key: OwnerKey) -> list[dict[str, Any]]:
    return [r for r in rows if r["pk"]["S"] == key.pk and r["sk"]["S"].startswith(f"{key.owner}#")]


class ConflictCounter:
    """A store that counts the conflicts its writers run into."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.conflicts = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def commit(self, key: OwnerKey, write: Write) -> Profile | None:
        try:
            return self.inner.commit(key, write)
        except (VersionConflict, StoreBusy):
            self.conflicts += 1
            raise


def consent(app: SteadyHeart, user: str = USER, person: str | None = None) -> None:
    sim = Simulator(app, user_id=user, person_id=person)
    sim.launch()
    assert said(sim.intent("AMAZON.YesIntent"), "consent.granted")
    sim.intent("AMAZON.StopIntent")


# --- concurrent writers -------------------------------------------------------------------------
def test_two_sessions_both_keep_their_changes(store: DynamoStore) -> None:
    """Two devices (two warm Lambda containers) in interleaved sessions of the same person."""
    key = OwnerKey.from_ids(USER, None)
    consent(app_for(store))
    counting = ConflictCounter(store)
    a = Simulator(app_for(counting), user_id=USER)
    b = Simulator(app_for(counting), user_id=USER)
    a.launch()  # counts today's visit (an ADD to the counter)
    b.launch()  # reads today's visit counted: nothing to write (decision 0061)
    first = a.intent("CrisisIntent")  # each adds one to the safety count; B's adds to a
    second = b.intent("CrisisIntent")  # profile A has changed since B read it: no conflict
    for exchange in (first, second):
        assert said(exchange, "safety.open.crisis")
        assert not said(exchange, "storage.not_saved")
    assert counting.conflicts == 0  # field-by-field updates: nothing to conflict over
    stored = store.load_profile(key)
    assert stored is not None
    assert (stored.visits, stored.safety_events, stored.version) == (1, 2, 4)


def test_threads_writing_at_once_lose_nothing(dynamodb_endpoint: str, dynamodb_table: str) -> None:
    """Two sessions whose turns really overlap in time, five times over."""
    key = OwnerKey.from_ids(USER, None)
    consent(app_for(DynamoStore(make_client(local_settings(dynamodb_endpoint)), dynamodb_table)))
    rounds, warned = 5, []
    barrier = threading.Barrier(2)

    def session() -> None:
        store = DynamoStore(make_client(local_settings(dynamodb_endpoint)), dynamodb_table)
        sim = Simulator(app_for(store), user_id=USER)
        for _ in range(rounds):
            barrier.wait()
            for exchange in (sim.launch(), sim.intent("CrisisIntent")):
                warned.append(said(exchange, "storage.not_saved"))

    threads = [threading.Thread(target=session) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    stored = DynamoStore(make_client(local_settings(dynamodb_endpoint)), dynamodb_table)
    profile = stored.load_profile(key)
    assert profile is not None
    assert not any(warned)
    assert profile.safety_events == 2 * rounds  # every ADD kept
    # A launch counts a day it has not seen counted (decision 0061): one of them, or both when
    # both read before either wrote; never one per launch.
    assert profile.visits in (1, 2)


# --- growth -------------------------------------------------------------------------------------
FEELINGS = ("lonely", "hopeful", "tired", "unheard", "calm", "disconnected", "grateful")


@dataclass
class CallLog:
    """API calls a client makes (``before-call``: once per call, retries not counted)."""

    calls: list[str] = field(default_factory=list)
    attempts: list[str] = field(default_factory=list)

    def attach(self, client: Any) -> CallLog:
        client.meta.events.register("before-call.dynamodb", self._call)
        client.meta.events.register("before-send.dynamodb", self._send)
        return self

    def _call(self, model: Any, **_: Any) -> None:
        self.calls.append(model.name)

    def _send(self, request: Any, **_: Any) -> None:
        self.attempts.append(request.headers.get("X-Amz-Target", b"").decode().split(".")[-1])

    def take(self) -> Counter[str]:
        out = Counter(self.calls)
        self.calls.clear()
        return out


def test_three_years_of_daily_checkins(
    store: DynamoStore, fresh_client: Any, table_rows: Callable[[], list[dict[str, Any]]]
) -> None:
    key = OwnerKey.from_ids(USER, None)
    now = int(time.time())
    start = now - 1095 * DAY
    profile = store.commit(
        key, Write(None, ProfileUpdate.of(Profile(consent="granted", created_at=start)))
    )
    # Kept with the longest retention the template allows (RetentionDays 3650), so all three
    # years are there to measure; DynamoDB Local removes expired items, as DynamoDB does.
    for first in range(0, 1095, MAX_ENTRIES_PER_COMMIT):
        items = [
            HistoryItem(
                kind="checkin",
                at=start + d * DAY + 19 * 3600,
                data={
                    "word": FEELINGS[d % len(FEELINGS)],
                    "quadrant": "unpleasant-low",
                    "need": "connection",
                },
            )
            for d in range(first, min(first + MAX_ENTRIES_PER_COMMIT, 1095))
        ]
        update = ProfileUpdate({"last_visit_day": items[-1].at // DAY}, {"visits": len(items)})
        profile = store.commit(key, Write(profile, update, items, items[-1].at + 3650 * DAY))

    log = CallLog().attach(fresh_client)
    loaded = store.load_profile(key)
    assert log.take() == Counter({"BatchGetItem": 1})
    assert loaded is not None
    assert loaded.visits == 1095
    assert loaded.version == 220

    month = store.history(
        key, ("checkin",), since=now - 30 * DAY, incarnation=loaded.incarnation, limit=100
    )
    assert log.take() == Counter({"Query": 1, "GetItem": 1})
    assert 29 <= len(month) <= 30
    assert [i.at for i in month] == sorted((i.at for i in month), reverse=True)

    # The skill itself: a returning visit reads the profile once, whatever the history holds.
    sim = Simulator(app_for(store), user_id=USER)
    assert said(sim.launch(), "welcome.greeting")
    assert log.take()["BatchGetItem"] == 1

    rows = table_rows()
    sizes = sorted((item_size(r), r["sk"]["S"].split("#")[1]) for r in rows)
    largest, total = sizes[-1], sum(s for s, _ in sizes)
    profile_size = next(s for s, kind in sizes if kind == "P")
    print(
        f"\nthree years: {len(rows)} items, largest {largest[0]} B ({largest[1]}), "
        f"profile {profile_size} B, history item max "
        f"{max(s for s, kind in sizes if kind == 'H')} B, total {total} B; "
        f"last 30 days: {len(month)} entries in one Query"
    )
    assert len(rows) == 1096
    # Far from the 400 KB limit, and one read unit (4 KB) per read: the profile is the largest
    # item (its rolling month of check-ins, decision 0043), a history item about 240 B.
    assert largest[0] < 4096
    assert total < 300_000  # keys name the kind and the request: about 240 B an entry
    assert len(store.history(key, ("checkin",), since=0, limit=10_000)) == 1095


# --- deletion -----------------------------------------------------------------------------------
def _seed_history(store: Store, key: OwnerKey, days: int) -> None:
    now = int(time.time())
    items = [
        HistoryItem(kind="checkin", at=now - d * DAY, data={"word": "lonely"}) for d in range(days)
    ]
    base = store.load_profile(key)
    for start in range(0, days, MAX_ENTRIES_PER_COMMIT):
        chunk = items[start : start + MAX_ENTRIES_PER_COMMIT]
        store.commit(key, Write(base, None, chunk, now + 730 * DAY))


def test_delete_my_data_by_voice(
    store: DynamoStore, table_rows: Callable[[], list[dict[str, Any]]]
) -> None:
    """No exercise keeps entries yet, so the history is written through the store directly."""
    me = OwnerKey.from_ids(USER, None)
    partner_voice = OwnerKey.from_ids(USER, PERSON)
    app = app_for(store)
    consent(app, person=PERSON)
    _seed_history(store, partner_voice, 3)
    sim = Simulator(app, user_id=USER)
    sim.launch()
    assert said(sim.intent("AMAZON.YesIntent"), "consent.granted")
    _seed_history(store, me, 40)
    assert len(owner_rows(table_rows(), me)) == 41
    assert said(sim.intent("DeleteDataIntent"), "delete_data.confirm")
    done = sim.intent("AMAZON.YesIntent")
    assert said(done, "delete_data.done")
    assert not said(done, "storage.not_saved")
    assert owner_rows(table_rows(), me) == []
    sim.intent("AMAZON.NoIntent")  # and nothing comes back when the session ends
    assert owner_rows(table_rows(), me) == []
    assert len(owner_rows(table_rows(), partner_voice)) == 4  # another voice's data is theirs
    # The next visit starts afresh: consent is asked again.
    assert said(Simulator(app, user_id=USER).launch(), "consent.ask")


def test_interrupted_deletion_is_unreadable_at_once_and_finishes_later(
    store: DynamoStore, fresh_client: Any, table_rows: Callable[[], list[dict[str, Any]]]
) -> None:
    """The profile goes first (with the purge marker): from then nothing is readable; entries
    go in chunks of 25 and a failure half-way leaves the marker for the next attempt."""
    key = OwnerKey.from_ids(USER, None)
    profile = store.commit(key, Write(None, ProfileUpdate.of(Profile(consent="granted"))))
    assert profile is not None
    _seed_history(store, key, 60)
    sent: list[int] = []

    def throttle_after_first(request: Any, **_: Any) -> AWSResponse | None:
        sent.append(1)
        return _throttle(request) if len(sent) > 1 else None

    fresh_client.meta.events.register("before-send.dynamodb.BatchWriteItem", throttle_after_first)
    assert store.delete_owner(key, 5.0) is False
    left = owner_rows(table_rows(), key)
    assert len(left) == 60 - 25
    assert store.load_profile(key) is None
    assert store.load(key).purge_pending
    assert store.history(key, all_kinds(), 0, incarnation=profile.incarnation) == []
    fresh_client.meta.events.unregister("before-send.dynamodb.BatchWriteItem", throttle_after_first)
    assert store.resume_purge(key.account, 5.0) is True
    assert [r for r in table_rows() if r["pk"]["S"] == key.pk] == []


def _failed_deletion(store: DynamoStore, fresh_client: Any) -> tuple[Exchange, Simulator, OwnerKey]:
    key = OwnerKey.from_ids(USER, None)
    app = app_for(store)
    consent(app)
    _seed_history(store, key, 10)
    sim = Simulator(app, user_id=USER)
    sim.launch()
    assert said(sim.intent("DeleteDataIntent"), "delete_data.confirm")
    fresh_client.meta.events.register("before-send.dynamodb.TransactWriteItems", _throttle)
    try:
        answer = sim.intent("AMAZON.YesIntent")
    finally:
        fresh_client.meta.events.unregister("before-send.dynamodb.TransactWriteItems", _throttle)
    return answer, sim, key


def test_failed_deletion_keeps_everything_for_a_retry(
    store: DynamoStore, fresh_client: Any, table_rows: Callable[[], list[dict[str, Any]]]
) -> None:
    answer, sim, key = _failed_deletion(store, fresh_client)
    assert answer.speech.strip()
    assert not said(answer, "error.apology")
    assert len(owner_rows(table_rows(), key)) == 11
    # Asked again once the store answers, it is done.
    assert said(sim.intent("DeleteDataIntent"), "delete_data.confirm")
    assert said(sim.intent("AMAZON.YesIntent"), "delete_data.done")
    assert owner_rows(table_rows(), key) == []


def test_failed_deletion_is_not_announced_as_done(store: DynamoStore, fresh_client: Any) -> None:
    answer, _, _ = _failed_deletion(store, fresh_client)
    assert not said(answer, "delete_data.done")


@pytest.mark.parametrize(
    ("status", "kept"),
    [
        ("NOT_PERSISTED", False),
        ("PERSISTED", True),
    ],
)
def test_skill_disabled(
    store: DynamoStore,
    table_rows: Callable[[], list[dict[str, Any]]],
    status: str,
    kept: bool,
) -> None:
    app = app_for(store)
    other_user = "amzn1.ask.account.SOMEONEELSE"
    consent(app)
    consent(app, person=PERSON)
    consent(app, user=other_user)
    _seed_history(store, OwnerKey.from_ids(USER, None), 30)
    _seed_history(store, OwnerKey.from_ids(USER, PERSON), 5)
    account = OwnerKey.from_ids(USER, None).pk
    before = [r for r in table_rows() if r["pk"]["S"] == account]
    assert len(before) == 37

    Simulator(app, user_id=USER).event(
        "AlexaSkillEvent.SkillDisabled", {"userInformationPersistenceStatus": status}
    )
    after = [r for r in table_rows() if r["pk"]["S"] == account]
    assert after == (before if kept else [])
    assert [r for r in table_rows() if r["pk"]["S"] == OwnerKey.from_ids(other_user, None).pk]


@pytest.mark.parametrize("status", ["NOT_PERSISTED", "PERSISTED"])
def test_skill_disabled_is_answered_without_an_error(
    store: DynamoStore, caplog: pytest.LogCaptureFixture, status: str
) -> None:
    out = Simulator(app_for(store), user_id=USER).event(
        "AlexaSkillEvent.SkillDisabled", {"userInformationPersistenceStatus": status}
    )
    assert not said(out, "error.apology")
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


# --- faults -------------------------------------------------------------------------------------
class _ThrottlingHandler(BaseHTTPRequestHandler):
    hits = 0

    def do_POST(self) -> None:
        type(self).hits += 1
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = json.dumps(
            {
                "__type": "com.amazonaws.dynamodb.v20120810#ThrottlingException",
                "message": "Rate of requests exceeds the allowed throughput.",
            }
        ).encode()
        self.send_response(400)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def throttling_endpoint() -> Iterator[tuple[str, Callable[[], int]]]:
    class Handler(_ThrottlingHandler):
        hits = 0

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", lambda: Handler.hits
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def silent_endpoint() -> Iterator[tuple[str, Callable[[], int]]]:
    """Accepts connections and never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
                held.append(conn)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", lambda: len(held)
    finally:
        stop.set()
        thread.join(timeout=2)
        for conn in held:
            conn.close()
        listener.close()


FAULTS = {
    "throttled": throttling_endpoint,
    "timeout": silent_endpoint,
    "refused": refusing_endpoint,
}


def _talk(app: SteadyHeart) -> list[Exchange]:
    sim = Simulator(app, user_id=USER)
    return [
        sim.launch(),
        sim.intent("AMAZON.YesIntent"),
        sim.intent("StartExerciseIntent", {"exercise": grounding()}),
        sim.intent("AMAZON.NoIntent"),
        sim.intent("AMAZON.StopIntent"),
    ]


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_unreachable_store_still_answers(fault: str) -> None:
    with FAULTS[fault]() as (endpoint, hits):
        cfg = Settings(
            store="dynamodb:unused",
            aws_region="us-east-1",
            dynamodb_endpoint=endpoint,
            storage_timeout_s=0.3,
        )
        started = time.monotonic()
        exchanges = _talk(SteadyHeart(cfg, store=DynamoStore(make_client(cfg), "steadyheart")))
        elapsed = time.monotonic() - started
    launch, yes, exercise, no, stop = exchanges
    for exchange in exchanges:
        assert exchange.speech.strip()
        assert not said(exchange, "error.apology")
    assert said(launch, "consent.ask")
    assert said(yes, "consent.granted")
    assert said(exercise, "grounding.intro")
    assert said(no, "grounding.close")
    assert said(stop, "goodbye.kind")
    assert stop.ended
    if fault != "refused":
        assert hits() >= 1  # the client really tried
    assert elapsed < 8.0


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_unreachable_store_is_mentioned_once(fault: str) -> None:
    with FAULTS[fault]() as (endpoint, _):
        cfg = Settings(
            store="dynamodb:unused",
            aws_region="us-east-1",
            dynamodb_endpoint=endpoint,
            storage_timeout_s=0.3,
        )
        exchanges = _talk(SteadyHeart(cfg, store=DynamoStore(make_client(cfg), "steadyheart")))
    warned = [said(e, "storage.not_saved") for e in exchanges]
    assert warned.count(True) == 1
    assert warned[0]  # on the first turn: the profile could not be read


def _answer(request: Any, status: int, error: str, **extra: Any) -> AWSResponse:
    """A DynamoDB error answer, handed to botocore instead of sending (retries still apply)."""
    body = json.dumps(
        {"__type": f"com.amazonaws.dynamodb.v20120810#{error}", "message": "injected", **extra}
    ).encode()

    class Raw:
        def stream(self, **_: Any) -> Iterator[bytes]:
            yield body

    headers = HeadersDict({"Content-Type": "application/x-amz-json-1.0"})
    return AWSResponse(request.url, status, headers, Raw())


def _throttle(request: Any, **_: Any) -> AWSResponse:
    return _answer(request, 400, "ProvisionedThroughputExceededException")


def _cancelled(*reasons: str) -> tuple[int, str, dict[str, Any]]:
    return (
        400,
        "TransactionCanceledException",
        {"CancellationReasons": [{"Code": r, "Message": "injected"} for r in reasons]},
    )


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ((400, "ThrottlingException", {}), StoreBusy),
        ((400, "ProvisionedThroughputExceededException", {}), StoreBusy),
        ((400, "RequestLimitExceeded", {}), StoreBusy),
        ((400, "TransactionConflictException", {}), StoreBusy),
        ((500, "InternalServerError", {}), StoreUnavailable),
        ((503, "ServiceUnavailable", {}), StoreUnavailable),
        (_cancelled("ConditionalCheckFailed", "None"), VersionConflict),
        (_cancelled("TransactionConflict", "None"), StoreBusy),
        (_cancelled("ThrottlingError"), StoreBusy),
        (_cancelled("ProvisionedThroughputExceeded", "None"), StoreBusy),
        (_cancelled("ValidationError"), ClientError),
        ((400, "ValidationException", {}), ClientError),
        ((400, "ResourceNotFoundException", {}), ClientError),
        ((400, "AccessDeniedException", {}), ClientError),
    ],
    ids=lambda v: (
        v[1] + "".join(r["Code"] for r in v[2].get("CancellationReasons", []))
        if isinstance(v, tuple)
        else v.__name__
    ),
)
def test_errors_are_mapped(
    store: DynamoStore, fresh_client: Any, answer: tuple[int, str, dict[str, Any]], expected: type
) -> None:
    """Busy or failing service: unavailable; a lost race: conflict; a wrong request: raised."""
    status, error, extra = answer
    fresh_client.meta.events.register(
        "before-send.dynamodb", lambda request, **_: _answer(request, status, error, **extra)
    )
    key = OwnerKey.from_ids(USER, None)
    base = Profile(consent="granted", incarnation="i1")
    with pytest.raises(expected):
        store.commit(key, Write(base, None, [HistoryItem(kind="checkin", at=1)], 2**40))


def test_throttled_writes_leave_nothing_half_written(
    store: DynamoStore, fresh_client: Any, table_rows: Callable[[], list[dict[str, Any]]]
) -> None:
    key = OwnerKey.from_ids(USER, None)
    app = app_for(store)
    consent(app)
    _seed_history(store, key, 5)
    before = table_rows()
    log = CallLog().attach(fresh_client)
    for op in WRITES:
        fresh_client.meta.events.register(f"before-send.dynamodb.{op}", _throttle)
    # A returning visit: reading works, counting the visit cannot be written.
    exchanges = _talk_returning(app)
    assert [said(e, "storage.not_saved") for e in exchanges].count(True) == 1
    assert said(exchanges[0], "storage.not_saved")
    assert all(e.speech.strip() for e in exchanges)
    assert table_rows() == before
    assert "TransactWriteItems" in log.attempts
    # Busy: retried with jittered backoff, two attempts a call, within the write budget.
    assert 2 <= log.attempts.count("TransactWriteItems") <= 2 * WRITE_ATTEMPTS
    # Once writes work again, the next visit is counted.
    for op in WRITES:
        fresh_client.meta.events.unregister(f"before-send.dynamodb.{op}", _throttle)
    Simulator(app, user_id=USER).launch()
    stored = store.load_profile(key)
    assert stored is not None
    assert stored.visits == 1


def _talk_returning(app: SteadyHeart) -> list[Exchange]:
    sim = Simulator(app, user_id=USER)
    return [
        sim.launch(),
        sim.intent("StartExerciseIntent", {"exercise": grounding()}),
        sim.intent("AMAZON.NoIntent"),
        sim.intent("AMAZON.StopIntent"),
    ]


def test_a_lost_answer_is_not_applied_twice(store: DynamoStore, fresh_client: Any) -> None:
    """The write lands, its answer is lost, botocore retries: the retry must not apply again."""
    key = OwnerKey.from_ids(USER, None)
    first = store.commit(key, Write(None, ProfileUpdate.of(Profile(consent="granted", visits=1))))
    lost: list[bool] = []

    def deliver_then_time_out(request: Any, **_: Any) -> None:
        if lost:
            return None
        lost.append(True)
        URLLib3Session().send(request)  # it reaches DynamoDB and is applied ...
        raise ReadTimeoutError(endpoint_url=request.url, error="answer lost")  # ... unanswered

    fresh_client.meta.events.register(
        "before-send.dynamodb.TransactWriteItems", deliver_then_time_out
    )
    entry = HistoryItem(kind="checkin", at=1_760_000_000, data={"word": "calm"})
    store.commit(key, Write(first, ProfileUpdate(adds={"visits": 1}), [entry], 2**40))
    assert lost == [True]
    stored = store.load_profile(key)
    assert stored is not None
    assert (stored.version, stored.visits) == (2, 2)
    assert store.history(key, all_kinds(), 0) == [entry]


def test_a_landed_write_retried_with_a_new_change_keeps_the_change(
    fresh_client: Any, dynamodb_table: str
) -> None:
    """A check-in's write lands but both answers are lost: the person hears "not saved" and the
    entry waits in the session. The next turn retries it with a change of its own (a safety
    event counted): the entry stays one, the change is kept (it was dropped as a "replay")."""
    store = DynamoStore(fresh_client, dynamodb_table, cooldown_s=0.0)
    conv = device(store)
    conv.seed({"profile": {"consent": "granted"}})
    lost: list[str] = []

    def land_then_lose_every_answer(request: Any, **_: Any) -> None:
        if not lost:
            URLLib3Session().send(request)  # the write reaches DynamoDB and is applied ...
        lost.append("answer")
        raise ReadTimeoutError(endpoint_url=request.url, error="answer lost")  # ... unanswered

    conv.say("ask steady heart for a check-in")
    conv.say("i'm feeling lonely")
    fresh_client.meta.events.register(
        "before-send.dynamodb.TransactWriteItems", land_then_lose_every_answer
    )
    failed = conv.say("i need to be heard")
    fresh_client.meta.events.unregister(
        "before-send.dynamodb.TransactWriteItems", land_then_lose_every_answer
    )
    assert lost == ["answer", "answer"]  # two attempts, neither answered
    assert said(failed, "storage.not_saved")
    assert len(conv.sim.attributes["unsaved"]) == 1
    crisis = conv.sim.intent("CrisisIntent")
    assert said(crisis, "safety.open.crisis")
    assert not said(crisis, "storage.not_saved")
    stored = store.load_profile(conv.key)
    assert stored is not None
    assert stored.safety_events == 1
    assert [i.kind for i in conv.history()] == ["checkin"]
    assert len(recent_entries(stored)) == 1


def test_a_normal_write_is_one_call(store: DynamoStore, fresh_client: Any) -> None:
    """Checking for entries already stored costs nothing when there are none."""
    key = OwnerKey.from_ids(USER, None)
    made = store.commit(key, Write(None, ProfileUpdate.of(Profile(consent="granted"))))
    log = CallLog().attach(fresh_client)
    entries = [HistoryItem(kind="checkin", at=1_760_000_000 + n, id=f"n{n}") for n in range(3)]
    store.commit(key, Write(made, ProfileUpdate(adds={"visits": 1}), entries, 2**40))
    assert log.take() == Counter({"TransactWriteItems": 1})


def test_fails_fast_after_a_timeout() -> None:
    """After one slow failure the store does not wait again within the same turn."""
    with silent_endpoint() as (endpoint, hits):
        cfg = Settings(aws_region="us-east-1", dynamodb_endpoint=endpoint, storage_timeout_s=0.3)
        clock = [100.0]
        store = DynamoStore(make_client(cfg), "steadyheart", clock=lambda: clock[0])
        key = OwnerKey.from_ids(USER, None)
        started = time.monotonic()
        with pytest.raises(StoreUnavailable):
            store.load_profile(key)
        slow = time.monotonic() - started
        connections = hits()
        started = time.monotonic()
        with pytest.raises(StoreUnavailable):
            store.commit(key, Write(None, ProfileUpdate.of(Profile(consent="declined"))))
        with pytest.raises(StoreUnavailable):
            store.history(key, all_kinds(), 0)
        assert time.monotonic() - started < 0.05
        assert connections == 2  # two attempts, each on a new connection
        assert hits() == connections
        clock[0] += 10  # later, it tries again
        with pytest.raises(StoreUnavailable):
            store.load_profile(key)
        assert hits() > connections
    assert 0.55 <= slow < 1.5  # two attempts of 0.3 s, and a pause of at most 25 ms


def test_client_settings_bound_every_call() -> None:
    cfg = Settings(dynamodb_endpoint="http://127.0.0.1:9", storage_timeout_s=1.25)
    client = make_client(cfg)
    assert client.meta.config.connect_timeout == 1.25
    assert client.meta.config.read_timeout == 1.25
    assert client.meta.config.retries == {"total_max_attempts": 2, "mode": "standard"}
    assert client.meta.region_name == "us-east-1"  # only because the endpoint is local
    assert client.meta.endpoint_url == "http://127.0.0.1:9"
    in_aws = make_client(Settings(aws_region="eu-west-1"))
    assert in_aws.meta.region_name == "eu-west-1"
    assert in_aws.meta.endpoint_url == "https://dynamodb.eu-west-1.amazonaws.com"


def test_open_store_builds_the_dynamodb_store(dynamodb_endpoint: str, dynamodb_table: str) -> None:
    cfg = local_settings(dynamodb_endpoint, store=f"dynamodb:{dynamodb_table}")
    built = open_store(cfg)
    assert isinstance(built, DynamoStore)
    key = OwnerKey.from_ids(USER, None)
    made = built.commit(key, Write(None, ProfileUpdate.of(Profile(visits=1))))
    assert made is not None
    assert made.version == 1
    assert built.load_profile(key) is not None


def test_nothing_identifying_is_logged(
    store: DynamoStore, caplog: pytest.LogCaptureFixture
) -> None:
    """Even with the root logger at DEBUG: no ids, keys or notes in the logs."""
    caplog.set_level(logging.DEBUG)
    app = app_for(store)
    consent(app)
    key = OwnerKey.from_ids(USER, None)
    _seed_history(store, key, 3)
    sim = Simulator(app, user_id=USER)
    sim.launch()
    sim.intent("CrisisIntent")
    sim.intent("DeleteDataIntent")
    sim.intent("AMAZON.YesIntent")
    text = "\n".join(r.getMessage() for r in caplog.records)
    for secret in (USER, key.account, key.pk, "lonely"):
        assert secret not in text


# --- what each turn costs -----------------------------------------------------------------------
def test_calls_per_turn(
    store: DynamoStore, fresh_client: Any, table_rows: Callable[[], list[dict[str, Any]]]
) -> None:
    log = CallLog().attach(fresh_client)
    app = app_for(store)
    first, second = Simulator(app, user_id=USER), Simulator(app, user_id=USER)
    script: list[tuple[str, Simulator, Callable[[Simulator], Exchange]]] = [
        ("1 launch (new person)", first, lambda s: s.launch()),
        ("1 yes, keep notes", first, lambda s: s.intent("AMAZON.YesIntent")),
        (
            "1 start grounding",
            first,
            lambda s: s.intent("StartExerciseIntent", {"exercise": grounding()}),
        ),
        ("1 yes, another round", first, lambda s: s.intent("AMAZON.YesIntent")),
        ("1 no", first, lambda s: s.intent("AMAZON.NoIntent")),
        ("1 stop", first, lambda s: s.intent("AMAZON.StopIntent")),
        ("2 launch (returning)", second, lambda s: s.launch()),
        (
            "2 start grounding",
            second,
            lambda s: s.intent("StartExerciseIntent", {"exercise": grounding()}),
        ),
        ("2 no", second, lambda s: s.intent("AMAZON.NoIntent")),
        ("2 stop", second, lambda s: s.intent("AMAZON.StopIntent")),
        (
            "SkillDisabled PERSISTED",
            second,
            lambda s: s.event(
                "AlexaSkillEvent.SkillDisabled", {"userInformationPersistenceStatus": "PERSISTED"}
            ),
        ),
    ]
    lines = [f"{'turn':28} {'GetItem':>7} {'Query':>5} {'writes':>6}  durable change"]
    per_session: Counter[int] = Counter()
    for label, sim, act in script:
        before = table_rows()
        exchange = act(sim)
        calls = log.take()
        calls["GetItem"] += calls.pop("BatchGetItem", 0)
        changed = table_rows() != before
        writes = sum(n for op, n in calls.items() if op in WRITES)
        lines.append(
            f"{label:28} {calls['GetItem']:>7} {calls['Query']:>5} {writes:>6}  "
            f"{'yes' if changed else 'no'}"
        )
        assert exchange.speech.strip() or label.startswith("SkillDisabled")
        per_session[id(sim)] += calls["GetItem"]
        assert writes <= 1, label
        assert changed == (writes == 1), label
        if not changed and "launch" not in label:
            assert sum(calls.values()) == 0, label
        assert calls["Query"] == 0, label
    print("\n" + "\n".join(lines))
    assert all(n <= 1 for n in per_session.values())
