"""`make bench`: where we stand, next to a bare ask-sdk-core skill measured in the same run.

Prints a table and writes it to docs/performance.md with the command that produced it.
Machines are noisy: every figure is compared as a ratio to a floor measured in the same run.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

Event = dict[str, Any]
Handler = Callable[[Event, Any], dict[str, Any]]


@dataclass
class Row:
    section: str
    what: str
    figure: str
    floor: str = ""
    ratio: str = ""
    target: str = ""
    met: str = ""


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *args: str) -> None:
        self.rows.append(Row(*args))
        r = self.rows[-1]
        print(f"  {r.what:<48} {r.figure:>12} {r.floor:>12} {r.ratio:>7} {r.target:>10} {r.met}")


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


# --- 1. cold start -------------------------------------------------------------------------
# Timed as Lambda runs it: CPython 3.12 with -S, precompiled trees (bench/precompiled.py), each
# run a fresh process, ours and the floor alternated run by run, against DynamoDB Local.
COLD_TURN = ROOT / "bench" / "cold_turn.py"
FIXTURES = ROOT / "tests" / "fixtures" / "requests"
COLD_TABLE = "bench-cold"


def _simulator() -> Any:
    from devtools.simulator import Simulator

    return Simulator


def first_check_in_event() -> Event:
    """A new session opened with 'ask steady heart for a check-in' (the production first turn)."""
    event: Event = json.loads((FIXTURES / "launch.json").read_text("utf-8"))
    event["session"]["new"] = True
    event["session"]["attributes"] = {}
    event["request"] = {
        "type": "IntentRequest",
        "requestId": "amzn1.echo-api.request.bench-cold",
        "timestamp": event["request"]["timestamp"],
        "locale": "en-US",
        "dialogState": "COMPLETED",
        "intent": {"name": "CheckInIntent", "confirmationStatus": "NONE", "slots": {}},
    }
    return event


def _seed_returning_person(endpoint: str, event: Event) -> dict[str, Any]:
    """The person in ``event`` has used the skill and agreed to keep data (through the skill
    itself: launch, then 'yes'). Returns the key of an item that now exists, for the floor."""
    from skill.app import SteadyHeart
    from skill.storage.dynamodb import DynamoStore, make_client
    from tests.support import dynamodb_local

    cfg = dynamodb_local.local_settings(endpoint)
    client = make_client(cfg)
    dynamodb_local.create_table(client, COLD_TABLE)
    app = SteadyHeart(cfg, store=DynamoStore(client, COLD_TABLE))
    sim = _simulator()(app, user_id=event["session"]["user"]["userId"])
    sim.launch()
    sim.intent("AMAZON.YesIntent")
    sim.intent("AMAZON.StopIntent")
    items = client.scan(TableName=COLD_TABLE, Limit=1)["Items"]
    if not items:
        raise RuntimeError("seeding the returning person kept nothing")
    schema = client.describe_table(TableName=COLD_TABLE)["Table"]["KeySchema"]
    return {k["AttributeName"]: items[0][k["AttributeName"]] for k in schema}


def cold_env(src: Path, deps: Path, endpoint: str, key: dict[str, Any]) -> dict[str, str]:
    from tests.support import dynamodb_local

    keep = ("PATH", "LANG", "HOME", "TMPDIR")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env.update({k: v for k, v in dynamodb_local.LOCAL_ENV.items() if v})
    env.update(
        {
            "PYTHONPATH": f"{src}{os.pathsep}{deps}",
            "PYTHONDONTWRITEBYTECODE": "1",
            "STEADYHEART_STORE": f"dynamodb:{COLD_TABLE}",
            "STEADYHEART_DYNAMODB_ENDPOINT": endpoint,
            "BENCH_TABLE": COLD_TABLE,
            "BENCH_KEY": json.dumps(key),
        }
    )
    return env


def run_cold(py312: str, which: str, event_path: Path, env: dict[str, str], *extra: str) -> Any:
    out = subprocess.run(
        [py312, "-S", str(COLD_TURN), which, str(event_path), *extra],
        env=env,
        cwd=str(event_path.parent),
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0 or out.stderr.strip():
        raise RuntimeError(f"cold run of {which} failed:\n{out.stderr or out.stdout}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def ratio_row(
    report: Report,
    section: str,
    what: str,
    ours: float,
    floor: float,
    unit: str,
    target: float,
    *,
    higher_is_better: bool = False,
) -> float:
    ratio = ours / floor
    ok = ratio >= target if higher_is_better else ratio <= target
    sign = ">=" if higher_is_better else "<="
    report.add(
        section,
        what,
        f"{ours:.0f} {unit}",
        f"{floor:.0f} {unit}",
        f"{ratio:.2f}x",
        f"{sign} {target:g}x",
        "met" if ok else "MISSED",
    )
    return ratio


def bench_cold(report: Report, runs: int) -> None:
    import tempfile

    from bench import precompiled
    from tests.support import dynamodb_local

    py312 = precompiled.python312()
    deps = precompiled.deps_tree(py312)
    src = precompiled.source_tree(py312)
    print(
        f"\n1. Cold start: python3.12 -S, precompiled trees, fresh process per run, "
        f"ours and the floor alternated ({runs} runs each, medians)"
    )
    event = first_check_in_event()
    folder = Path(tempfile.mkdtemp(prefix="bench-cold-"))
    event_path = folder / "first_check_in.json"
    event_path.write_text(json.dumps(event), "utf-8")
    os.environ.update({k: v for k, v in dynamodb_local.LOCAL_ENV.items() if v})
    with dynamodb_local.running() as endpoint:
        key = _seed_returning_person(endpoint, event)
        env = cold_env(src, deps, endpoint, key)
        # Not timed: what each cold turn asks of DynamoDB, and which libraries it loaded.
        ours_check = run_cold(py312, "ours", event_path, env, "--count-calls")
        floor_check = run_cold(py312, "floor", event_path, env, "--count-calls")
        run_cold(py312, "floor", event_path, env)  # page cache warm for both trees
        results: dict[str, list[Any]] = {"ours": [], "floor": []}
        for _ in range(runs):
            for which in ("floor", "ours"):
                results[which].append(run_cold(py312, which, event_path, env))

    def med(which: str, field_: str) -> float:
        return statistics.median(float(r[field_]) for r in results[which])

    ratio_row(
        report,
        "cold",
        "production cold turn: import + first check-in (one read)",
        med("ours", "turn_s") * 1000,
        med("floor", "turn_s") * 1000,
        "ms",
        1.0,
    )
    ratio_row(
        report,
        "cold",
        "cold import of the handler module",
        med("ours", "import_s") * 1000,
        med("floor", "import_s") * 1000,
        "ms",
        0.8,
    )
    ratio_row(
        report,
        "cold",
        "memory peak (VmHWM) after the cold turn",
        med("ours", "maxrss_kb") / 1024,
        med("floor", "maxrss_kb") / 1024,
        "MiB",
        1.1,
    )
    calls = ", ".join(ours_check["calls"]) or "none"
    report.add(
        "cold",
        "DynamoDB calls on the cold turn (ours / floor)",
        calls,
        ", ".join(floor_check["calls"]) or "none",
        "",
        "",
        "",
    )
    loaded = ", ".join(ours_check["modules"]) or "none"
    report.notes.append(
        f"Cold runs: {py312} -S, PYTHONPATH = precompiled sources + dependencies "
        f"(x86_64 twin of the artifact), {runs} runs each alternated floor/ours. "
        f"pydantic, yaml or dateutil loaded by our cold turn: {loaded}."
    )


# --- 2. warm turns -------------------------------------------------------------------------
def timed_calls(handler: Handler, make_event: Callable[[], Event], n: int) -> list[float]:
    events = [make_event() for _ in range(n)]
    handler(copy.deepcopy(events[0]), None)
    times = []
    gc.collect()
    for ev in events:
        t = time.perf_counter()
        handler(ev, None)
        times.append(time.perf_counter() - t)
    return times


def scenario_events() -> tuple[Handler, dict[str, Callable[[], Event]]]:
    """Our skill on the embedded store, with a returning user, and the requests to time."""
    from skill.app import SteadyHeart
    from skill.config import Settings
    from skill.state import Profile, ProfileUpdate
    from skill.storage import OwnerKey, Write
    from skill.storage.sqlite import SqliteStore

    store = SqliteStore(":memory:")
    app = SteadyHeart(Settings(store="memory"), store=store)
    sim = _simulator()(app, clock=lambda: datetime(2026, 11, 2, 19, tzinfo=UTC))
    granted = ProfileUpdate.of(Profile(consent="granted"))
    store.commit(OwnerKey.from_ids(sim.user_id, None), Write(None, granted))

    def launch() -> Event:
        sim.session_id = None
        sim._new_session()
        return sim.envelope({"type": "LaunchRequest"})

    def at_state(setup: Callable[[], object], request: Event) -> Callable[[], Event]:
        sim.launch()
        setup()
        attrs = copy.deepcopy(sim.attributes)

        def make() -> Event:
            sim.attributes = copy.deepcopy(attrs)
            return sim.envelope(copy.deepcopy(request))

        return make

    yes = {"type": "IntentRequest", "intent": {"name": "AMAZON.YesIntent", "slots": {}}}
    scenarios: dict[str, Callable[[], Event]] = {"launch": launch}
    from skill.exercises import FLOWS

    if "check-in" in FLOWS:
        feeling = {
            "name": "feeling",
            "value": "lonely",
            "resolutions": {
                "resolutionsPerAuthority": [
                    {
                        "authority": "amzn1.er-authority.echo-sdk.x.FeelingType",
                        "status": {"code": "ER_SUCCESS_MATCH"},
                        "values": [{"value": {"name": "lonely", "id": "lonely"}}],
                    }
                ]
            },
        }
        answer = {
            "type": "IntentRequest",
            "intent": {"name": "FeelingIntent", "slots": {"feeling": feeling}},
        }
        scenarios["check-in answer"] = at_state(lambda: sim.intent("CheckInIntent"), answer)
    round_flow = "calming" if "calming" in FLOWS else "grounding"
    start = "StartExerciseIntent"
    slot = {
        "exercise": {
            "name": "exercise",
            "value": round_flow,
            "resolutions": {
                "resolutionsPerAuthority": [
                    {
                        "authority": "x",
                        "status": {"code": "ER_SUCCESS_MATCH"},
                        "values": [{"value": {"name": round_flow, "id": round_flow}}],
                    }
                ]
            },
        }
    }
    scenarios[f"{round_flow} round"] = at_state(lambda: sim.intent(start, slot), yes)
    return app, scenarios


def interleaved(
    a: tuple[Handler, Callable[[], Event]], b: tuple[Handler, Callable[[], Event]], n: int
) -> tuple[list[float], list[float]]:
    """Time two handlers in alternating batches, so both see the same machine conditions."""
    ta: list[float] = []
    tb: list[float] = []
    rounds = 20
    for _ in range(rounds):
        ta += timed_calls(a[0], a[1], max(1, n // rounds))
        tb += timed_calls(b[0], b[1], max(1, n // rounds))
    return ta, tb


def bench_warm(report: Report, n: int) -> None:
    print(f"\n2. Warm turns in-process ({n} calls each, interleaved with the floor; median / p99)")
    from bench import hello_skill

    simulator = _simulator()

    hello_sim = simulator(hello_skill.lambda_handler)

    def hello_launch() -> Event:
        hello_sim._new_session()
        return hello_sim.envelope({"type": "LaunchRequest"})

    def hello_intent() -> Event:
        return hello_sim.envelope(
            {"type": "IntentRequest", "intent": {"name": "AMAZON.YesIntent", "slots": {}}}
        )

    app, scenarios = scenario_events()
    for name, make in scenarios.items():
        floor_make = hello_launch if name == "launch" else hello_intent
        floor, t = interleaved((hello_skill.lambda_handler, floor_make), (app, make), n)
        ratio = statistics.median(t) / statistics.median(floor)
        report.add("warm", f"hello skill: {'launch' if name == 'launch' else 'intent'}", us(floor))
        report.add(
            "warm",
            f"steady heart: {name}",
            us(t),
            us(floor).split(" /")[0] + " us",
            f"{ratio:.2f}x",
            "<= 1.2x",
            "met" if ratio <= 1.2 else "MISSED",
        )


# The safety screen alone, in-process: what each answer with words pays before anything else
# (the rules, then the second opinion when they find nothing), and a 5000-word answer, which must
# stay linear (a pattern that backtracks would show here). Moved from a timed unit test.
SCREEN_TEXTS = (
    "he never talks to me anymore and i feel invisible in my own home most days",
    "i guess i feel lonely because we barely talk and when we do he is on his phone",
    "i feel lonely and honestly i don't want to be alive anymore since he stopped talking",
    "we had another fight about money last night and then he hit me in front of the kids",
)


def bench_screen(report: Report, n: int) -> None:
    print(f"\n2b. The safety screen alone ({n} calls per answer; median / p99)")
    from skill.language.safety import screen

    times: list[float] = []
    for text in SCREEN_TEXTS:
        screen(text)  # the first call reads the rules and the model
        for _ in range(max(1, n // len(SCREEN_TEXTS))):
            start = time.perf_counter()
            screen(text)
            times.append(time.perf_counter() - start)
    report.add(
        "screen",
        "screen(): a 15-18 word answer",
        us(times),
        "",
        "",
        "< 500 us",
        "met" if statistics.median(times) < 500e-6 else "MISSED",
    )
    long_text = "we talked a bit about the weekend and i feel okay today " * 500 + "he hit me"
    long_times = []
    for _ in range(3):
        start = time.perf_counter()
        screen(long_text)
        long_times.append(time.perf_counter() - start)
    best = min(long_times)
    report.add(
        "screen",
        "screen(): a 5000-word answer (best of 3)",
        f"{best * 1e3:.0f} ms",
        "",
        "",
        "< 1000 ms",
        "met" if best < 1.0 else "MISSED",
    )


def us(times: list[float]) -> str:
    return f"{statistics.median(times) * 1e6:.0f} / {pct(times, 0.99) * 1e6:.0f} us"


# --- 3. a whole conversation against DynamoDB Local -----------------------------------------
READ_OPERATIONS = frozenset({"GetItem", "BatchGetItem", "Query"})
CONVERSATION = [
    ("open steady heart", True),
    ("yes", False),
    ("i feel lonely", False),
    ("connection", False),
    ("no", False),
    ("stop", False),
    ("open steady heart", True),
    ("help me breathe", False),
    ("no", False),
    ("no", False),
    ("stop", False),
]


def bench_dynamodb(report: Report, users: int) -> None:
    print(f"\n3. A whole conversation against DynamoDB Local ({users} people, two sessions each)")
    from tests.support import dynamodb_local

    os.environ.update({k: v for k, v in dynamodb_local.LOCAL_ENV.items() if v})
    from devtools.models import INVOCATION_NAME
    from devtools.nlu import Resolver, parse_invocation
    from skill.app import SteadyHeart
    from skill.storage.dynamodb import DynamoStore, make_client

    with dynamodb_local.running() as endpoint:
        cfg = dynamodb_local.local_settings(endpoint)
        client = make_client(cfg)
        dynamodb_local.create_table(client, "bench")
        calls: list[str] = []
        client.meta.events.register(
            "before-call.dynamodb", lambda model, **_: calls.append(model.name)
        )
        app = SteadyHeart(cfg, store=DynamoStore(client, "bench"))
        resolver = Resolver.from_file(ROOT / "intents" / "en-US.json")
        per_turn: list[list[float]] = [[] for _ in CONVERSATION]
        per_turn_calls: list[dict[str, int]] = [{} for _ in CONVERSATION]
        for u in range(users):
            sim = _simulator()(app, user_id=f"amzn1.ask.account.BENCH{u}")
            for i, (text, _) in enumerate(CONVERSATION):
                kind, rest = parse_invocation(text, INVOCATION_NAME)
                calls.clear()
                t = time.perf_counter()
                if kind == "launch":
                    sim.launch()
                else:
                    intent = resolver.resolve(rest).intent
                    sim.intent(intent["name"], intent.get("slots") or {})
                per_turn[i].append(time.perf_counter() - t)
                if u == users - 1:
                    per_turn_calls[i] = {op: calls.count(op) for op in sorted(set(calls))}
        reads_ok = True
        writes_ok = True
        session_reads = 0
        for i, (text, new_session) in enumerate(CONVERSATION):
            c = per_turn_calls[i]
            reads = sum(v for k, v in c.items() if k in READ_OPERATIONS)
            writes = sum(v for k, v in c.items() if k not in READ_OPERATIONS)
            if new_session:
                session_reads = 0
            session_reads += reads
            reads_ok &= session_reads <= 1
            writes_ok &= writes <= 1
            shown = ", ".join(f"{k} {v}" for k, v in c.items()) or "none"
            report.add("dynamodb", f"turn {i + 1}: {text!r}", ms(per_turn[i]), "", "", "", shown)
        report.add(
            "dynamodb",
            "at most 1 read per session",
            "yes" if reads_ok else "no",
            "",
            "",
            "<= 1",
            "met" if reads_ok else "MISSED",
        )
        report.add(
            "dynamodb",
            "at most 1 write per turn, 0 when nothing changes",
            "yes" if writes_ok else "no",
            "",
            "",
            "<= 1",
            "met" if writes_ok else "MISSED",
        )


def ms(times: list[float]) -> str:
    return f"{statistics.median(times) * 1000:.1f} / {pct(times, 0.99) * 1000:.1f} ms"


# --- 6. growth: reads flat with history -------------------------------------------------
GROWTH = {"1 day": 1, "3 years": 3 * 365}
GROWTH_NOW = datetime(2026, 11, 2, 19, tzinfo=UTC)


def _resolved(slot: str, value: str) -> dict[str, Any]:
    return {
        "name": slot,
        "value": value,
        "resolutions": {
            "resolutionsPerAuthority": [
                {
                    "authority": f"amzn1.er-authority.echo-sdk.x.{slot}",
                    "status": {"code": "ER_SUCCESS_MATCH"},
                    "values": [{"value": {"name": value, "id": value}}],
                }
            ]
        },
    }


def _seed_history(store: Any, key: Any, days: int, now: int) -> None:
    """A person who agreed to keep data, with a check-in every day and as many appreciations a
    day as a read-back says (``READ_BACK``): the 1-day and the 3-year person hear the same
    number of entries, so the growth ratio compares equal work."""
    from skill.exercises.appreciation import READ_BACK
    from skill.state import HistoryItem, Profile, ProfileUpdate
    from skill.storage import Write
    from skill.storage.base import MAX_ENTRIES_PER_COMMIT

    created = now - (days + 1) * 86400
    profile = store.commit(
        key, Write(None, ProfileUpdate.of(Profile(consent="granted", created_at=created)))
    )
    items = []
    for d in range(days):
        at = now - (d + 1) * 86400 + 3600
        feeling = ("lonely", "hopeful", "tense", "calm")[d % 4]
        items.append(
            HistoryItem(
                kind="checkin",
                at=at,
                id=f"seed-c-{d}",
                data={"feeling": feeling, "quadrant": "", "need": "", "about_partner": False},
            )
        )
        items.extend(
            HistoryItem(
                kind="appreciation", at=at + n, seq=1, id=f"seed-a-{d}-{n}", data={"moment": "x"}
            )
            for n in range(READ_BACK)
        )
    expires = now + 10 * 365 * 86400
    for i in range(0, len(items), MAX_ENTRIES_PER_COMMIT):
        chunk = items[i : i + MAX_ENTRIES_PER_COMMIT]
        profile = store.commit(key, Write(profile, None, chunk, expires))


def _growth_turns(sim: Any) -> dict[str, Callable[[], object]]:
    feeling = {"feeling": _resolved("feeling", "lonely")}

    def check_in() -> None:
        sim.intent("CheckInIntent", one_shot=True)
        sim.intent("FeelingIntent", feeling)

    def read_back() -> None:
        sim.intent("ReadAppreciationsIntent", one_shot=True)
        if sim.in_session:
            sim.intent("AMAZON.YesIntent")  # "is this a good moment to hear them?"

    return {
        "launch": sim.launch,
        "check-in": check_in,
        "look-back": lambda: sim.intent("LookBackIntent", one_shot=True),
        "journal read-back": read_back,
    }


def bench_growth(report: Report, runs: int) -> None:
    print(
        f"\n6. Growth: the same turns for a person with 1 day and with 3 years of daily "
        f"entries (alternated, {runs} runs each, medians)"
    )
    import tempfile

    from skill.app import SteadyHeart
    from skill.config import Settings
    from skill.storage import OwnerKey
    from skill.storage.dynamodb import DynamoStore, make_client
    from skill.storage.sqlite import SqliteStore
    from tests.support import dynamodb_local

    os.environ.update({k: v for k, v in dynamodb_local.LOCAL_ENV.items() if v})
    now = int(GROWTH_NOW.timestamp())
    with dynamodb_local.running() as endpoint:
        client = make_client(dynamodb_local.local_settings(endpoint))
        dynamodb_local.create_table(client, "bench-growth")
        folder = Path(tempfile.mkdtemp(prefix="bench-growth-"))
        stores = {
            "SQLite": (SqliteStore(folder / "growth.db"), Settings(store="memory")),
            "DynamoDB": (
                DynamoStore(client, "bench-growth"),
                dynamodb_local.local_settings(endpoint),
            ),
        }
        for backend, (store, cfg) in stores.items():
            app = SteadyHeart(cfg, store=store)
            sims = {}
            for label, days in GROWTH.items():
                sim = _simulator()(
                    app, user_id=f"amzn1.ask.account.GROWTH{days}", clock=lambda: GROWTH_NOW
                )
                _seed_history(store, OwnerKey.from_ids(sim.user_id, None), days, now)
                sims[label] = sim
            turns = {label: _growth_turns(sim) for label, sim in sims.items()}
            for name in turns["1 day"]:
                times: dict[str, list[float]] = {label: [] for label in GROWTH}
                items: dict[str, int] = {}
                for label in GROWTH:
                    turns[label][name]()  # warm caches (content, vocabulary, connections)
                for _ in range(runs):
                    for label in GROWTH:
                        before = store.reads.items
                        t = time.perf_counter()
                        turns[label][name]()
                        times[label].append(time.perf_counter() - t)
                        items[label] = store.reads.items - before
                small = statistics.median(times["1 day"]) * 1000
                large = statistics.median(times["3 years"]) * 1000
                ratio = large / small
                report.add(
                    "growth",
                    f"{backend}: {name} (items read {items['1 day']} / {items['3 years']})",
                    f"{large:.2f} ms",
                    f"{small:.2f} ms",
                    f"{ratio:.2f}x",
                    "<= 1.1x",
                    "met" if ratio <= 1.1 else "MISSED",
                )


# --- 4. artifact size --------------------------------------------------------------------
def bench_artifact(report: Report) -> None:
    print("\n4. Artifact size (make build)")
    out = subprocess.run(
        [sys.executable, str(ROOT / "infra" / "build.py")],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    zip_path = ROOT / "build" / "lambda.zip"
    if out.returncode != 0 or not zip_path.exists():
        report.add("artifact", "Lambda zip", "build failed", "", "", "<= 15 MB", "MISSED")
        report.notes.append("make build failed: " + out.stderr.strip().splitlines()[-1:][0])
        return
    size = zip_path.stat().st_size / 1e6
    report.add(
        "artifact",
        "build/lambda.zip (python3.12 arm64)",
        f"{size:.2f} MB",
        "",
        "",
        "<= 15 MB",
        "met" if size <= 15 else "MISSED",
    )


# --- 5. self-hosted throughput ------------------------------------------------------------
def _load(
    port: int, bodies: list[tuple[bytes, dict[str, str]]], seconds: float, threads: int
) -> tuple[int, int]:
    import http.client
    import threading

    deadline = time.monotonic() + seconds
    counts = [0, 0]
    lock = threading.Lock()

    def worker(n: int) -> None:
        ok = bad = 0
        body, headers = bodies[n % len(bodies)]
        while time.monotonic() < deadline:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                conn.request("POST", "/", body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                if resp.status == 200:
                    ok += 1
                else:
                    bad += 1
            except OSError:
                bad += 1
            finally:
                conn.close()
        with lock:
            counts[0] += ok
            counts[1] += bad

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for th in pool:
        th.start()
    for th in pool:
        th.join()
    return counts[0], counts[1]


def _bodies(verify: bool) -> list[tuple[bytes, dict[str, str]]]:
    from bench.serve_factory import CHAIN_URL, SKILL_ID
    from tests.support.alexa_pki import sign

    pki = _PKI
    bodies = []
    for i in range(8):
        env_ = pki.envelope(skill_id=SKILL_ID)
        env_["request"]["requestId"] = f"amzn1.echo-api.request.bench-{i}"
        env_["context"]["System"]["user"]["userId"] = f"amzn1.ask.account.BENCH{i}"
        body = json.dumps(env_).encode()
        headers = {"Content-Type": "application/json"}
        if verify:
            headers.update(
                {"SignatureCertChainUrl": CHAIN_URL, "Signature-256": sign(body, pki.leaf.key)}
            )
        bodies.append((body, headers))
    return bodies


@contextlib.contextmanager
def _server(app: str, verify: bool, pem: dict[str, str]) -> Iterator[int]:
    import tempfile

    from tests.support.dynamodb_local import free_port

    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "BENCH_APP": app,
        "BENCH_VERIFY": "1" if verify else "0",
        **pem,
        "STEADYHEART_LOG_LEVEL": "ERROR",
    }
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
    proc = subprocess.Popen(
        [
            gunicorn,
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "error",
            "bench.serve_factory:create()",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=log,
    )
    try:
        import http.client

        ready = time.monotonic() + 30
        while True:
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                c.request("GET", "/")
                c.getresponse().read()
                break
            except OSError:
                if time.monotonic() > ready or proc.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"gunicorn did not start: {log.read()[-2000:]!r}") from None
                time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


WRK_SCRIPT = """
local f = io.open(os.getenv("BENCH_BODY"), "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
local chain = os.getenv("BENCH_CHAIN_URL")
if chain ~= nil and chain ~= "" then
  wrk.headers["SignatureCertChainUrl"] = chain
  wrk.headers["Signature-256"] = os.getenv("BENCH_SIGNATURE")
end
"""


def _wrk(port: int, body: tuple[bytes, dict[str, str]], seconds: float) -> float:
    """Requests per second from wrk (2 threads, 8 connections), every answer a 200."""
    import re
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="bench-wrk-"))
    (folder / "post.lua").write_text(WRK_SCRIPT, "utf-8")
    (folder / "body.json").write_bytes(body[0])
    env = {
        **os.environ,
        "BENCH_BODY": str(folder / "body.json"),
        "BENCH_CHAIN_URL": body[1].get("SignatureCertChainUrl", ""),
        "BENCH_SIGNATURE": body[1].get("Signature-256", ""),
    }
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            "-c8",
            f"-d{seconds:g}s",
            "-s",
            str(folder / "post.lua"),
            f"http://127.0.0.1:{port}/",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    if "Non-2xx" in out.stdout or "Socket errors" in out.stdout:
        raise RuntimeError(f"requests failed under load:\n{out.stdout}")
    found = re.search(r"Requests/sec:\s+([\d.]+)", out.stdout)
    if not found:
        raise RuntimeError(f"cannot read wrk's output:\n{out.stdout}")
    return float(found.group(1))


def _load_rate(port: int, bodies: list[tuple[bytes, dict[str, str]]], seconds: float) -> float:
    if shutil.which("wrk"):
        return _wrk(port, bodies[0], seconds)
    ok, bad = _load(port, bodies, seconds, 4)
    if bad:
        raise RuntimeError(f"{bad} requests failed under load")
    return ok / seconds


_PKI: Any = None
"""The test PKI the verified server trusts (built once per run)."""

THROUGHPUT_ROUNDS = 5


def bench_throughput(report: Report, seconds: float) -> None:
    global _PKI
    client = "wrk -t2 -c8" if shutil.which("wrk") else "a Python client (4 threads; wrk missing)"
    print(
        f"\n5. Self-hosted throughput: gunicorn -w 2 on loopback, {client}, "
        f"{THROUGHPUT_ROUNDS} alternated rounds of {seconds:g} s per server"
    )
    import tempfile

    from tests.support.alexa_pki import build_pki

    _PKI = build_pki()
    folder = Path(tempfile.mkdtemp(prefix="bench-pki-"))
    (folder / "root.pem").write_bytes(_PKI.root.pem)
    (folder / "chain.pem").write_bytes(_PKI.leaf.pem + _PKI.intermediate.pem)
    pem = {"BENCH_ROOT_PEM": str(folder / "root.pem"), "BENCH_CHAIN_PEM": str(folder / "chain.pem")}
    for verify in (False, True):
        mode = "verified" if verify else "no verification"
        with _server("hello", verify, pem) as hello_port, _server("ours", verify, pem) as port:
            bodies = _bodies(verify)
            _load_rate(hello_port, bodies, 1.0)  # warm-up
            _load_rate(port, bodies, 1.0)
            hello: list[float] = []
            ours: list[float] = []
            for _ in range(THROUGHPUT_ROUNDS):
                hello.append(_load_rate(hello_port, bodies, seconds))
                ours.append(_load_rate(port, bodies, seconds))
        report.add("throughput", f"hello skill, {mode}", f"{statistics.median(hello):.0f} req/s")
        ratio_row(
            report,
            "throughput",
            f"steady heart, {mode}",
            statistics.median(ours),
            statistics.median(hello),
            "req/s",
            1.0,
            higher_is_better=True,
        )


SECTIONS = ("cold", "warm", "screen", "dynamodb", "growth", "artifact", "throughput")

# From `python3.12 -S -X importtime bench/cold_turn.py` and cProfile of the cold turn and of warm
# turns, on the precompiled trees; kept here so the document says how to read a miss.
# Re-profile when a figure moves.
PROFILE_FINDINGS = (
    "Cold start, before issue 19: pydantic's import and the build of our state, content and "
    "vocabulary models (about 100 ms), YAML read and validated on the first request (about "
    "25 ms), the SDK's CustomSkill importing every Alexa service client and its deserialiser "
    "(dateutil). Since: content, vocabulary, routing, ideas and safety rules are checked at "
    "build time and loaded as JSON (skill/bundle.py, decision 0032); state is checked "
    "dataclasses (skill/record.py); requests go through ask-sdk's dispatcher on a light "
    "envelope (skill/request.py, decision 0033). A cold start imports none of pydantic, yaml, "
    "the SDK's serializer or its service clients (tests/test_speed.py).",
    "Production cold turn, the previous round (main 1.42x -> 1.10x in one 21-run alternated "
    "comparison; 1.00x and 1.21x in two make bench runs at load 4-11): the DynamoDB client is "
    "built from botocore's own session, not boto3's (boto3 adds its session, resources and "
    "s3transfer: 12-15 ms of python3.12 -S); flows are imported when first used, their tables "
    "coming from the build's flows bundle (decision 0044); urllib.error, zoneinfo and "
    "ask_sdk_model's connections directive are imported where they are used.",
    "Production cold turn, an earlier round (cProfile and timed stages of the turn under "
    "python3.12 -S from the precompiled trees): after the imports, the largest single item was "
    "building the DynamoDB client, which parses botocore's endpoints.json (1.25 MB, every "
    "service of every partition) and DynamoDB's whole API model (service-2.json.gz): 20-30 ms, "
    "95 ms at load 5. The build now cuts both to what the store calls (seven operations, "
    "DynamoDB's entry in every partition: about 160 kB) into skill/_bundle/aws/, used only "
    "when cut from the running botocore (decision 0062): 1.13x -> 0.99x in an 11-run "
    "alternated comparison of floor, before and after at load 4-5 (443 -> 387 ms, floor "
    "392 ms). What is left, in order: botocore's import (shared with the floor, which pays it "
    "inside boto3's), botocore's session set-up (120 event handlers registered, each "
    "signature-checked with inspect: about 15 ms, the floor pays it too), our own runtime "
    "modules (about 50, mostly dataclass and regex set-up: 35-58 ms under -X importtime, of "
    "which skill/language is being reworked elsewhere), the BatchGetItem round trip, and the "
    "first check-in's vocabulary (about 3 ms) and content bundle (about 1 ms).",
    "Production cold turn, this round (a quiet machine had it at 1.07x: 182 vs 171 ms): "
    "cProfile, -X importtime and re.compile / dataclass timers over the cold turn showed our "
    "own cost was the language layer, not the request: 209 regular expressions compiled at "
    "import (19 ms, 195 of them the statement reader's rules), and the safety screen's engine, "
    "rules and second opinion imported by every turn (14 ms cumulative) though a launch or a "
    "named exercise brings no words to screen. Patterns now compile on first use "
    "(skill/language/patterns.py) and the screen's engine loads with the first words "
    "(skill/language/safety/finding.py holds the types the answers name; decision 0094): "
    "1.08x -> 0.96x -> 0.92x in 11-run alternated comparisons of floor, before and after. What "
    "is left of our own: 46 dataclasses built at import (about 25 ms under python3.12 -S; each "
    "@dataclass execs its generated methods), the rest is botocore and ask-sdk, which the "
    "floor pays too.",
    "Warm turns: the SDK's envelope deserialisation and serialisation are gone from ours (they "
    "remain in the hello skill's figure). Last round (launch 1.53x -> about 1.22x): SQLite "
    "keeps the profile it last parsed with the exact row (decision 0045), and profile "
    "updates, dumps and copies touch only what changed. This round: a launch writes the visit "
    "only when the local day changes (decision 0061: visits count days, the greeting follows "
    "the days visited before today, the menu turns with the profile's writes), so the warm "
    "launch timed here, a relaunch the same day as the bench's clock is fixed, is a read and "
    "a reply (the day's first launch still writes: about 30 us on in-memory SQLite, one "
    "TransactWriteItems on DynamoDB). What is left: a Mersenne Twister seeded per request "
    "(about 4 us) and the limits check's JSON encoding (about 10 us).",
    "Growth: launch and check-in read the same items at any history length and a write no "
    "longer parses the month of check-ins unless it adds one. Before 'is this a good "
    "moment?', the look-back makes only the newest check-in from the month kept and a journal "
    "reads one entry. The journal read-back's growth figure used to compare unequal work (the "
    "1-day person had one appreciation, so heard 1 entry against the 3-year person's 4); the "
    "seeded history now has as many appreciations a day as a read-back says (READ_BACK = 4), "
    "so both hear 4 and read the same items (8 / 8). The read itself is flat: one Query or "
    "SELECT per kind, newest first, walking the primary key (pk, sk) backwards and stopping at "
    "the LIMIT (DynamoDB: Limit with the key condition); tests/storage/test_history_flat.py "
    "counts SQLite's virtual-machine steps for 1 day and 3 years (the same: 66 and 66) and "
    "checks the query plan uses the primary key without a sort.",
    "DynamoDB: one read per session (BatchGetItem of the profile and the deletion marker), "
    "one TransactWriteItems only on turns that change what is kept; every call has a 1.0 s "
    "timeout and 2 attempts.",
)


def write_markdown(report: Report, command: str, path: Path) -> None:
    lines = [
        "# Performance",
        "",
        f"Produced by `{command}` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC "
        f"(Python {sys.version.split()[0]}, {os.cpu_count()} cores). Every figure is compared "
        "with a floor measured in the same run; ratios are what to read.",
        "",
        "| section | what | figure | floor | ratio | target | |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in report.rows:
        lines.append(
            f"| {r.section} | {r.what} | {r.figure} | {r.floor} | {r.ratio} | "
            f"{r.target} | {r.met} |"
        )
    if report.notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in report.notes]
    lines += ["", "## What the profiles say", ""] + [f"- {n}" for n in PROFILE_FINDINGS]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=15, help="fresh processes per cold-start figure")
    p.add_argument("--calls", type=int, default=2000, help="calls per warm-turn figure")
    p.add_argument("--users", type=int, default=20, help="people in the DynamoDB conversation")
    p.add_argument("--seconds", type=float, default=3.0, help="load time per throughput round")
    p.add_argument("--growth-runs", type=int, default=15, help="turns per growth figure")
    p.add_argument("--only", help=f"comma-separated parts of {','.join(SECTIONS)}")
    p.add_argument("--out", default=str(ROOT / "docs" / "performance.md"))
    args = p.parse_args()
    report = Report()
    started = time.perf_counter()
    load_before = os.getloadavg()
    print(f"  {'what':<48} {'figure':>12} {'floor':>12} {'ratio':>7} {'target':>10}")
    parts = set(args.only.split(",")) if args.only else set(SECTIONS)
    if "cold" in parts:
        bench_cold(report, args.runs)
    if "warm" in parts:
        bench_warm(report, args.calls)
    if "screen" in parts:
        bench_screen(report, args.calls)
    if "dynamodb" in parts:
        bench_dynamodb(report, args.users)
    if "growth" in parts:
        bench_growth(report, args.growth_runs)
    if "artifact" in parts:
        bench_artifact(report)
    if "throughput" in parts:
        bench_throughput(report, args.seconds)
    report.notes.append(f"Whole run took {time.perf_counter() - started:.0f} s.")
    load_after = os.getloadavg()
    report.notes.append(
        f"Machine noise: load average {load_before[0]:.1f} at the start and "
        f"{load_after[0]:.1f} at the end on {os.cpu_count()} cores shared with other work. "
        "Absolute times move with it; ratios of figures measured side by side are what to read, "
        "and a ratio within a few percent of its target can land either side of it from run to run."
    )
    write_markdown(report, "make bench", Path(args.out))
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
