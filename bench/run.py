"""`make bench`: where we stand, next to a bare ask-sdk-core skill measured in the same run.

Prints a table and writes it to docs/performance.md with the command that produced it.
Machines are noisy: every figure is compared as a ratio to a floor measured in the same run.
"""

from __future__ import annotations

import argparse
import copy
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
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
IMPORT_SNIPPET = (
    "import sys, time; t = time.perf_counter()\n"
    "for m in sys.argv[1:]: __import__(m)\n"
    "print(time.perf_counter() - t)"
)


FIRST_REQUEST_SNIPPET = (
    "import json, sys, time; t = time.perf_counter()\n"
    "for m in sys.argv[2:]: __import__(m)\n"
    "handler = sys.modules[sys.argv[2]].lambda_handler\n"
    "event = json.load(open(sys.argv[1]))\n"
    "out = handler(event, None)\n"
    "assert out['response'].get('outputSpeech'), out\n"
    "print(time.perf_counter() - t)"
)
LAUNCH_FIXTURE = ROOT / "tests" / "fixtures" / "requests" / "launch.json"


def cold_import(modules: list[str], runs: int, *, first_request: bool = False) -> float:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "AWS_DEFAULT_REGION": "us-east-1",
        "STEADYHEART_STORE": "memory",
    }
    if first_request:
        cmd = [sys.executable, "-c", FIRST_REQUEST_SNIPPET, str(LAUNCH_FIXTURE), *modules]
    else:
        cmd = [sys.executable, "-c", IMPORT_SNIPPET, *modules]
    subprocess.run(cmd, check=True, env=env, capture_output=True)  # warm the .pyc cache
    times = []
    for _ in range(runs):
        out = subprocess.run(cmd, check=True, env=env, capture_output=True, text=True)
        times.append(float(out.stdout.strip()))
    return statistics.median(times)


def bench_cold(report: Report, runs: int) -> None:
    print(f"\n1. Cold start: importing the handler module in a fresh process (median of {runs})")
    hello = cold_import(["bench.hello_skill"], runs)
    floor = cold_import(["bench.hello_skill", "boto3"], runs)
    ours = cold_import(["skill.app"], runs)
    with_store = cold_import(["skill.app", "skill.storage.dynamodb", "boto3"], runs)
    report.add("cold", "bare ask-sdk-core hello skill", f"{hello * 1000:.0f} ms")
    report.add("cold", "ask-sdk-core + boto3 (the floor)", f"{floor * 1000:.0f} ms")
    ratio = ours / floor
    report.add(
        "cold",
        "skill.app (lambda_handler module)",
        f"{ours * 1000:.0f} ms",
        f"{floor * 1000:.0f} ms",
        f"{ratio:.2f}x",
        "<= 1.15x",
        "met" if ratio <= 1.15 else "MISSED",
    )
    report.add(
        "cold",
        "skill.app + DynamoDB store + boto3",
        f"{with_store * 1000:.0f} ms",
        f"{floor * 1000:.0f} ms",
        f"{with_store / floor:.2f}x",
        "",
        "",
    )
    # Work deferred from import to the first request must not hide: import + first launch.
    hello_first = cold_import(["bench.hello_skill", "boto3"], runs, first_request=True)
    ours_first = cold_import(["skill.app"], runs, first_request=True)
    report.add("cold", "floor: import + first launch", f"{hello_first * 1000:.0f} ms")
    report.add(
        "cold",
        "skill.app: import + first launch",
        f"{ours_first * 1000:.0f} ms",
        f"{hello_first * 1000:.0f} ms",
        f"{ours_first / hello_first:.2f}x",
        "",
        "",
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
    from devtools.simulator import Simulator
    from skill.app import SteadyHeart
    from skill.config import Settings
    from skill.state import Profile, ProfileUpdate
    from skill.storage import OwnerKey, Write
    from skill.storage.sqlite import SqliteStore

    store = SqliteStore(":memory:")
    app = SteadyHeart(Settings(store="memory"), store=store)
    sim = Simulator(app, clock=lambda: datetime(2026, 11, 2, 19, tzinfo=UTC))
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
    from devtools.simulator import Simulator

    hello_sim = Simulator(hello_skill.lambda_handler)

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
            "<= 2x",
            "met" if ratio <= 2 else "MISSED",
        )


def us(times: list[float]) -> str:
    return f"{statistics.median(times) * 1e6:.0f} / {pct(times, 0.99) * 1e6:.0f} us"


# --- 3. a whole conversation against DynamoDB Local -----------------------------------------
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
    from devtools.simulator import Simulator
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
            sim = Simulator(app, user_id=f"amzn1.ask.account.BENCH{u}")
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
            reads = c.get("GetItem", 0) + c.get("Query", 0)
            writes = sum(v for k, v in c.items() if k not in ("GetItem", "Query"))
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


def _serve_and_load(app: str, verify: bool, pem: dict[str, str], seconds: float) -> float:
    import tempfile

    from bench.serve_factory import CHAIN_URL, SKILL_ID
    from tests.support.alexa_pki import sign
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
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
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
        _load(port, bodies, 1.0, 4)  # warm-up
        ok, bad = _load(port, bodies, seconds, 4)
        if bad:
            raise RuntimeError(f"{bad} requests failed while measuring {app}")
        return ok / seconds
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


_PKI: Any = None
"""The test PKI the verified server trusts (built once per run)."""


def bench_throughput(report: Report, seconds: float) -> None:
    global _PKI
    print(f"\n5. Self-hosted throughput: gunicorn -w 2 on loopback, {seconds:g} s per figure")
    import tempfile

    from tests.support.alexa_pki import build_pki

    _PKI = build_pki()
    folder = Path(tempfile.mkdtemp(prefix="bench-pki-"))
    (folder / "root.pem").write_bytes(_PKI.root.pem)
    (folder / "chain.pem").write_bytes(_PKI.leaf.pem + _PKI.intermediate.pem)
    pem = {"BENCH_ROOT_PEM": str(folder / "root.pem"), "BENCH_CHAIN_PEM": str(folder / "chain.pem")}
    for verify in (False, True):
        hello = _serve_and_load("hello", verify, pem, seconds)
        ours = _serve_and_load("ours", verify, pem, seconds)
        mode = "verified" if verify else "no verification"
        ratio = ours / hello
        report.add("throughput", f"hello skill, {mode}", f"{hello:.0f} req/s")
        report.add(
            "throughput",
            f"steady heart, {mode}",
            f"{ours:.0f} req/s",
            f"{hello:.0f} req/s",
            f"{ratio:.2f}x",
            ">= 0.7x",
            "met" if ratio >= 0.7 else "MISSED",
        )


SECTIONS = ("cold", "warm", "dynamodb", "artifact", "throughput")

# From `python -X importtime -c "import skill.app"` and cProfile of warm turns; kept here so the
# document says how to read a miss. Re-profile when a figure moves.
PROFILE_FINDINGS = (
    "Cold import: pydantic costs about 40 ms to import and about 65 ms more when the first model "
    "class is built (its schema machinery loads lazily); our state, content and vocabulary are "
    "pydantic models by design, so that cost is ours in every configuration. Our own modules "
    "add about 95 ms more once the libraries are loaded. Already moved out of import: the "
    "crisis-screen patterns and the coaching checkers (compiled on first use), urllib.request "
    "(Alexa API client). Deferring pydantic's build to the first request would pass the import "
    "figure without making any request faster ('import + first launch' shows it), so it was "
    "not done; Lambda also runs the init phase at full CPU, which makes import the cheapest "
    "place for this work.",
    "First launch after import: about 25 ms reading and validating every prompt (YAML node "
    "construction runs in Python), then the first pydantic validations. A build-time JSON "
    "bundle of the content is the next step if first-request latency matters more.",
    "Warm turns: the SDK's own envelope (de)serialisation, shared with the hello skill, is about "
    "half of a turn. Ours on a launch: the profile read and the visit write (SQLite), six prompt "
    "renders, the safety screen (about 20 us per phrase) and session attributes. Fixes made "
    "from these profiles: the profile travels as one JSON string in session attributes, "
    "placeholder sets and id hashes are cached, one seeded generator per request, filler "
    "stripping is one precompiled alternation.",
    "DynamoDB: one GetItem per session, one TransactWriteItems (or PutItem) only on turns that "
    "change what is kept, nothing else; every call has a 1.0 s timeout and 2 attempts.",
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
    p.add_argument("--seconds", type=float, default=5.0, help="load time per throughput figure")
    p.add_argument("--only", help=f"comma-separated parts of {','.join(SECTIONS)}")
    p.add_argument("--out", default=str(ROOT / "docs" / "performance.md"))
    args = p.parse_args()
    report = Report()
    started = time.perf_counter()
    print(f"  {'what':<48} {'figure':>12} {'floor':>12} {'ratio':>7} {'target':>10}")
    parts = set(args.only.split(",")) if args.only else set(SECTIONS)
    if "cold" in parts:
        bench_cold(report, args.runs)
    if "warm" in parts:
        bench_warm(report, args.calls)
    if "dynamodb" in parts:
        bench_dynamodb(report, args.users)
    if "artifact" in parts:
        bench_artifact(report)
    if "throughput" in parts:
        bench_throughput(report, args.seconds)
    report.notes.append(f"Whole run took {time.perf_counter() - started:.0f} s.")
    write_markdown(report, "make bench", Path(args.out))
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
