"""The built Lambda zip, unpacked and run under CPython 3.12 as Lambda would run it.

The deployed artifact is arm64. Its contents are checked as built; running it needs an arm64
machine, so elsewhere the requests run through its native twin: the same build (sources,
pinned versions, bytecode, zip) with this machine's compiled wheels, and a test checks that
the two differ in nothing else.

Slow (it builds once or twice per session with pip and CPython 3.12): deselect with
``-m "not artifact"``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "requests"
SPOKEN_REQUESTS = {"LaunchRequest", "IntentRequest"}
ELF_MACHINE_AARCH64 = 183
NOT_SHIPPED = ("tests", "infra", "intents", "bench", "docs")
DEV_PACKAGES = (
    "pytest",
    "_pytest",
    "mypy",
    "ruff",
    "hypothesis",
    "cfnlint",
    "moto",
    "gunicorn",
    "flask",
    "cryptography",
)
MINIMAL_LAUNCH: dict[str, Any] = {
    "version": "1.0",
    "session": {
        "new": True,
        "sessionId": "amzn1.echo-api.session.artifact-smoke",
        "application": {"applicationId": "amzn1.ask.skill.artifact-smoke"},
        "user": {"userId": "amzn1.ask.account.ARTIFACT"},
    },
    "context": {
        "System": {
            "application": {"applicationId": "amzn1.ask.skill.artifact-smoke"},
            "user": {"userId": "amzn1.ask.account.ARTIFACT"},
            "device": {"deviceId": "amzn1.ask.device.ARTIFACT", "supportedInterfaces": {}},
            "apiEndpoint": "https://api.amazonalexa.com",
        }
    },
    "request": {
        "type": "LaunchRequest",
        "requestId": "amzn1.echo-api.request.artifact-smoke",
        "timestamp": "2026-11-02T19:00:00Z",
        "locale": "en-US",
    },
}

RUNNER = """
import json, sys
sys.path.insert(0, sys.argv[1])
from skill.app import lambda_handler

class Context:
    function_name = "steady-heart-skill"
    function_version = "$LATEST"
    memory_limit_in_mb = 512
    aws_request_id = "artifact-smoke"
    invoked_function_arn = "arn:aws:lambda:us-east-1:000000000000:function:steady-heart-skill"
    log_group_name = "/aws/lambda/steady-heart-skill"
    log_stream_name = "artifact-smoke"
    def get_remaining_time_in_millis(self):
        return 7000

results = {}
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        event = json.load(f)
    try:
        results[path] = {"ok": lambda_handler(event, Context())}
    except BaseException as exc:
        results[path] = {"error": repr(exc)}
# Before it, stdout holds the skill's own JSON lines (logs and EMF metrics), as in Lambda.
print()
json.dump(results, sys.stdout)
"""

TIMER = """
import sys, time
sys.path.insert(0, sys.argv[1])
started = time.perf_counter()
import skill.app
imported = time.perf_counter()
skill.app.lambda_handler(__import__("json").load(open(sys.argv[2])), None)
answered = time.perf_counter()
print(imported - started, answered - imported)
"""

pytestmark = pytest.mark.artifact


def lambda_env(tmp: Path) -> dict[str, str]:
    """Roughly what Lambda sets, with the in-memory store and no AWS credentials."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "en_US.UTF-8",
        "HOME": str(tmp),
        "TZ": ":UTC",
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_LAMBDA_FUNCTION_NAME": "steady-heart-skill",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512",
        "LAMBDA_TASK_ROOT": "/var/task",
        "STEADYHEART_STORE": "memory",
        # Only warnings from Python itself (e.g. SyntaxWarning) can reach stderr.
        "STEADYHEART_LOG_LEVEL": "CRITICAL",
    }


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    found = sorted(FIXTURES.glob("*.json"))
    if found:
        return found
    path = tmp_path_factory.mktemp("events") / "launch.json"
    path.write_text(json.dumps(MINIMAL_LAUNCH), encoding="utf-8")
    return [path]


def run312(python312: str, args: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [python312, "-I", *args],
        env=lambda_env(tmp),
        cwd=tmp,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_artifact_holds_only_what_lambda_runs(task_root: Path) -> None:
    top = {p.name for p in task_root.iterdir()}
    assert {"skill", "audio_scripts"} <= top
    assert not top & set(NOT_SHIPPED)
    dev = [p for p in DEV_PACKAGES if (task_root / p).exists()]
    assert dev == [], f"dev or self-hosted-only packages in the artifact: {dev}"
    assert not any(n.endswith(".dist-info") and n.lower().startswith("pytest") for n in top)


def test_artifact_has_no_tool_or_self_hosting_module(
    build_module: ModuleType, lambda_zip: Path
) -> None:
    with zipfile.ZipFile(lambda_zip) as zf:
        names = zf.namelist()
    assert "skill/app.py" in names
    assert build_module.not_runtime_entries(names) == []
    tops = {n.partition("/")[0] for n in names}
    assert not tops & set(build_module.NOT_RUNTIME_PACKAGES)


def test_safety_rule_data_ships_with_the_engine(task_root: Path) -> None:
    # The screen reads its rules on the first call; without them every utterance would fail.
    data = "skill/language/safety/rules"
    shipped = sorted(p.name for p in (task_root / data).glob("*.yaml"))
    expected = sorted(p.name for p in (ROOT / data).glob("*.yaml"))
    assert expected
    assert shipped == expected


def test_every_source_has_unchecked_bytecode_for_312(task_root: Path) -> None:
    missing = []
    for source in task_root.rglob("*.py"):
        pyc = source.parent / "__pycache__" / f"{source.stem}.cpython-312.pyc"
        if not pyc.is_file():
            missing.append(str(source.relative_to(task_root)))
            continue
        flags = int.from_bytes(pyc.read_bytes()[4:8], "little")
        assert flags == 0b01, f"{pyc} is not an unchecked-hash pyc (flags {flags:#b})"
    assert missing == []
    assert not list(task_root.rglob("*.cpython-311.pyc"))


def test_compiled_extensions_are_for_lambdas_arm64(task_root: Path) -> None:
    shared = sorted(task_root.rglob("*.so"))
    assert shared, "expected compiled wheels (charset-normalizer's)"
    for lib in shared:
        header = lib.read_bytes()[:20]
        assert header[:4] == b"\x7fELF", lib.name
        assert int.from_bytes(header[18:20], "little") == ELF_MACHINE_AARCH64, lib.name
        assert "x86_64" not in lib.name, lib.name


def _platform_neutral(archive: Path) -> dict[str, bytes]:
    """Everything but compiled extensions and the wheel metadata that describes a platform
    (RECORD, WHEEL, SBOMs); each distribution's METADATA, with its version, stays in."""
    with zipfile.ZipFile(archive) as zf:
        return {
            name: zf.read(name)
            for name in zf.namelist()
            if not name.endswith(".so")
            and (".dist-info/" not in name or name.endswith(".dist-info/METADATA"))
        }


def test_native_twin_differs_only_in_compiled_wheels(lambda_zip: Path, native_zip: Path) -> None:
    if native_zip == lambda_zip:
        return
    deployed, twin = _platform_neutral(lambda_zip), _platform_neutral(native_zip)
    assert sorted(deployed) == sorted(twin)
    differing = [n for n in deployed if deployed[n] != twin[n]]
    assert differing == []


def test_every_fixture_event_gets_a_valid_answer(
    python312: str, native_root: Path, events: list[Path], tmp_path: Path
) -> None:
    done = run312(python312, ["-c", RUNNER, str(native_root), *map(str, events)], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", f"the artifact printed to stderr:\n{done.stderr}"
    *operator_lines, last = done.stdout.rstrip("\n").split("\n")
    results: dict[str, dict[str, Any]] = json.loads(last)
    for line in filter(None, operator_lines):
        record = json.loads(line)  # every other line is a JSON log line or EMF
        assert "_aws" in record or "level" in record, line
    assert len(results) == len(events)
    for path in events:
        result = results[str(path)]
        assert "error" not in result, f"{path.name}: {result.get('error')}"
        answer = result["ok"]
        assert answer["version"] == "1.0", path.name
        assert isinstance(answer["response"], dict), path.name
        request_type = json.loads(path.read_text("utf-8"))["request"]["type"]
        speech = answer["response"].get("outputSpeech")
        if request_type in SPOKEN_REQUESTS:
            assert speech is not None, f"{path.name}: {request_type} got no speech"
        if speech is not None:
            assert speech["type"] == "SSML", path.name
            assert speech["ssml"].startswith("<speak>"), path.name
            assert speech["ssml"].endswith("</speak>"), path.name


def test_cold_import_time_is_reported(
    python312: str,
    native_root: Path,
    events: list[Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    launch = next((p for p in events if p.stem == "launch"), events[0])
    imports, firsts = [], []
    for _ in range(5):
        done = run312(python312, ["-c", TIMER, str(native_root), str(launch)], tmp_path)
        assert done.returncode == 0, done.stderr
        imported, answered = map(float, done.stdout.split())
        imports.append(imported * 1000)
        firsts.append(answered * 1000)
    message = (
        f"\nartifact cold start, {native_root.name}, CPython 3.12 (median of 5): import skill.app "
        f"{statistics.median(imports):.0f} ms, first {launch.stem} "
        f"{statistics.median(firsts):.0f} ms\n"
    )
    with capsys.disabled():
        print(message)
