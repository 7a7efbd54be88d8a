"""Build the Lambda artifact (build/lambda.zip) and sync the skill package's models.

Run with the project's virtualenv Python (``make build`` does ``$(PY) infra/build.py``).

The artifact is what Lambda's python3.12 arm64 runtime unpacks into /var/task:

* the runtime dependencies from pyproject.toml, as manylinux aarch64 / CPython 3.12 wheels,
  pinned to the versions installed in the environment running this script, so the
  dependencies we ship are the ones the tests ran against;
* the runtime package ``skill/`` alone and ``audio_scripts/``, with the content, vocabulary,
  routing and safety rules checked and written as JSON bundles into ``skill/_bundle/``
  (``skill/bundle.py``): a cold start loads them in about a millisecond and never imports a
  YAML parser; the self-hosting package ``selfhost/`` and the developer tools ``devtools/``
  never ship, and the build fails if the runtime imports either;
* bytecode compiled by a real CPython 3.12 with ``--invalidation-mode unchecked-hash``,
  next to the sources, so a cold start never recompiles (and never prints the
  SyntaxWarnings some SDK sources raise on 3.12);
* in a deterministic zip: sorted entries, fixed timestamps and permissions.

Flask and cryptography are needed only by the self-hosted endpoint (``selfhost/``); they are
not runtime dependencies, and the build fails if anything reachable from ``skill.app`` imports
them.

Last, the handler is imported from the staged tree. A machine that cannot load arm64 wheels
imports a native twin instead: the same build with its own architecture's wheels.
"""

from __future__ import annotations

import argparse
import ast
import glob
import hashlib
import importlib.metadata
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "build" / "lambda.zip"
SKILL_PACKAGE = REPO / "infra" / "skill-package"
MODELS_SRC = REPO / "intents"
MODELS_DST = SKILL_PACKAGE / "interactionModels" / "custom"

RUNTIME_SOURCES = ("skill", "audio_scripts")
ENTRY_MODULE = "skill.app"
HANDLER = "skill.app.lambda_handler"
TARGET_PYTHON = (3, 12)
# Lambda's arm64 Python 3.12 runtime (Amazon Linux 2023, glibc 2.34) loads both wheel tags.
# "x86_64" builds a native twin on x86_64 machines, where an aarch64 artifact cannot be
# imported: same sources, pins and steps, only the compiled wheels differ.
PLATFORMS: dict[str, tuple[str, ...]] = {
    "arm64": ("manylinux2014_aarch64", "manylinux_2_28_aarch64"),
    "x86_64": ("manylinux2014_x86_64", "manylinux_2_28_x86_64"),
}
LAMBDA_ARCH = "arm64"

# The project's packages that are not the runtime: never copied, never imported by it.
NOT_RUNTIME_PACKAGES = ("selfhost", "devtools")
# Modules that once lived in skill/ and moved to those packages: a stale copy must not ship.
MOVED_OUT_OF_THE_RUNTIME = ("cli", "lint", "models", "nlu", "simulator", "verify", "web")
# Distribution name -> the top-level modules it provides.
SELF_HOSTED_ONLY: dict[str, tuple[str, ...]] = {
    "flask": ("flask",),
    "cryptography": ("cryptography",),
}
# Directories inside dependencies that nothing imports at run time.
PRUNED_DIRS = frozenset({"__pycache__", "tests", "test"})
PRUNED_TOP_LEVEL = frozenset({"bin"})
# botocore ships the models of every AWS service (most of the artifact's size); the skill calls
# DynamoDB only. The top-level data files (endpoints, partitions, retry rules) stay.
AWS_SERVICES_USED = frozenset({"dynamodb"})
AWS_DATA_DIRS = ("botocore/data", "boto3/data")
# The skill uses powertools' Logger and Metrics only (skill/telemetry.py); its web framework,
# middleware and utilities (parsers, idempotency, ...) are half its size. jmespath_utils stays:
# the Logger imports it. The import check below logs and publishes a metric from the artifact.
POWERTOOLS = "aws_lambda_powertools"
POWERTOOLS_UNUSED = ("event_handler", "middleware_factory")
POWERTOOLS_UTILITIES_KEPT = frozenset({"jmespath_utils", "__pycache__"})

LAMBDA_TASK_ROOT = "/var/task"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o644


class BuildError(RuntimeError):
    """The artifact cannot be built; the message says why."""


def log(message: str) -> None:
    print(f"build: {message}", flush=True)


# --- interpreters ------------------------------------------------------------------


def _python_version(exe: str) -> tuple[int, int] | None:
    try:
        out = subprocess.run(  # noqa: S603 - exe is a local interpreter path we chose
            [exe, "-c", "import sys; print(sys.version_info[0], sys.version_info[1])"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    major, minor = out.stdout.split()
    return int(major), int(minor)


def _version_key(path: str) -> tuple[int, ...]:
    match = re.search(r"/3\.12\.(\d+)/", path)
    return (int(match.group(1)),) if match else (-1,)


def find_python312(explicit: str | None = None) -> str:
    """A CPython 3.12 to compile bytecode with: explicit, $STEADYHEART_PYTHON312, pyenv, PATH."""
    candidates: list[str] = []
    for given in (explicit, os.environ.get("STEADYHEART_PYTHON312")):
        if given:
            candidates.append(given)
    pyenv_root = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    pattern = os.path.join(pyenv_root, "versions", "3.12.*", "bin", "python3.12")
    candidates += sorted(glob.glob(pattern), key=_version_key, reverse=True)
    on_path = shutil.which("python3.12")
    if on_path:
        candidates.append(on_path)
    for exe in candidates:
        # pyenv shims exist on PATH even when the version is not selected: run it to be sure.
        if _python_version(exe) == TARGET_PYTHON:
            return exe
    raise BuildError(
        "no working CPython 3.12 found (tried: "
        + (", ".join(candidates) or "nothing")
        + "); install one (e.g. `pyenv install 3.12`) or set STEADYHEART_PYTHON312"
    )


# --- dependencies ------------------------------------------------------------------


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    if not match:
        raise BuildError(f"cannot read requirement {requirement!r} in pyproject.toml")
    return _canonical(match.group(1))


def runtime_requirements(pyproject: Path = REPO / "pyproject.toml") -> list[str]:
    """[project].dependencies without the self-hosted-only ones."""
    with pyproject.open("rb") as f:
        project = tomllib.load(f)["project"]
    deps: list[str] = list(project.get("dependencies", []))
    return [d for d in deps if _requirement_name(d) not in SELF_HOSTED_ONLY]


def installed_pins(exclude: Iterable[str] = ("steadyheart",)) -> list[str]:
    """``name==version`` for every distribution installed next to this interpreter."""
    skip = {_canonical(n) for n in exclude}
    pins: dict[str, str] = {}
    for dist in importlib.metadata.distributions():
        name = dist.metadata["Name"]
        if name and _canonical(name) not in skip:
            pins[_canonical(name)] = f"{_canonical(name)}=={dist.version}"
    return [pins[k] for k in sorted(pins)]


def host_arch() -> str:
    """This machine's architecture, in the names Lambda uses."""
    machine = platform.machine().lower()
    return {"aarch64": "arm64", "arm64": "arm64", "x86_64": "x86_64", "amd64": "x86_64"}.get(
        machine, machine
    )


def install_dependencies(
    staging: Path, requirements: Sequence[str], pins: Sequence[str], arch: str
) -> None:
    constraints = staging.parent / "constraints.txt"
    constraints.write_text("\n".join(pins) + "\n", encoding="utf-8")
    platform_args = [arg for p in PLATFORMS[arch] for arg in ("--platform", p)]
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-compile",
        *platform_args,
        "--implementation",
        "cp",
        "--python-version",
        ".".join(map(str, TARGET_PYTHON)),
        "--only-binary=:all:",
        "--target",
        str(staging),
        "--constraint",
        str(constraints),
        *requirements,
    ]
    result = subprocess.run(cmd, check=False)  # noqa: S603 - fixed pip invocation
    if result.returncode != 0:
        raise BuildError("pip could not install the runtime dependencies (see above)")


# --- the project's own files ---------------------------------------------------------


def copy_sources(staging: Path, root: Path = REPO) -> None:
    """Copy the project's runtime folders from ``root`` (the repository or a snapshot of it)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo", ".DS_Store", "_bundle")
    for name in RUNTIME_SOURCES:
        src = root / name
        if not src.is_dir():
            raise BuildError(f"{src} is missing")
        dst = staging / name
        if dst.exists():
            raise BuildError(f"a dependency installed a top-level {name!r}; refusing to mix")
        shutil.copytree(src, dst, ignore=ignore)


BUNDLE_PACKAGE_DIR = ("skill", "_bundle")


def write_bundles(staging: Path) -> list[str]:
    """Check the staged content and rule sources and write them as bundles into the staged
    ``skill/_bundle/``, by the staged code itself (so the bundle and the code that reads it
    come from the same tree). Runs in this interpreter, which has the build-time parsers."""
    target = staging.joinpath(*BUNDLE_PACKAGE_DIR)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from skill import bundle_build\n"
        "print('\\n'.join(bundle_build.write(Path(sys.argv[2]))))\n"
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-I", "-c", code, str(staging), str(target)],
        capture_output=True,
        text=True,
        check=False,
        cwd=staging,
    )
    if result.returncode != 0:
        raise BuildError(f"the content or the safety rules do not check out:\n{result.stderr}")
    return result.stdout.split()


def stage_sources(staging: Path, root: Path = REPO) -> list[str]:
    """The runtime folders copied from ``root``, and their data bundles written."""
    copy_sources(staging, root)
    return write_bundles(staging)


def snapshot_sources(into: Path, root: Path = REPO) -> Path:
    """A copy of the runtime folders, so that every build made from it sees the same tree."""
    into.mkdir(parents=True, exist_ok=True)
    copy_sources(into, root)
    return into


def prune(staging: Path) -> list[str]:
    """Remove compiled leftovers, console scripts and dependencies' test suites."""
    removed: list[str] = []
    for name in PRUNED_TOP_LEVEL:
        target = staging / name
        if target.is_dir():
            shutil.rmtree(target)
            removed.append(name + "/")
    for dirpath, dirnames, _ in os.walk(staging, topdown=True):
        rel = Path(dirpath).relative_to(staging)
        if rel.parts and rel.parts[0] in RUNTIME_SOURCES:
            keep = [d for d in dirnames if d != "__pycache__"]
        else:
            keep = [d for d in dirnames if d not in PRUNED_DIRS]
        for d in sorted(set(dirnames) - set(keep)):
            shutil.rmtree(Path(dirpath) / d)
            removed.append(str(rel / d) + "/")
        dirnames[:] = keep
    for data_dir in AWS_DATA_DIRS:
        root = staging / data_dir
        if not root.is_dir():
            continue
        for service in sorted(p for p in root.iterdir() if p.is_dir()):
            if service.name not in AWS_SERVICES_USED:
                shutil.rmtree(service)
                removed.append(f"{data_dir}/{service.name}/")
    powertools = staging / POWERTOOLS
    if powertools.is_dir():
        for name in POWERTOOLS_UNUSED:
            if (powertools / name).is_dir():
                shutil.rmtree(powertools / name)
                removed.append(f"{POWERTOOLS}/{name}/")
        utilities = powertools / "utilities"
        for sub in sorted(p for p in utilities.iterdir() if p.is_dir()):
            if sub.name not in POWERTOOLS_UTILITIES_KEPT:
                shutil.rmtree(sub)
                removed.append(f"{POWERTOOLS}/utilities/{sub.name}/")
    for pyc in staging.rglob("*.py[co]"):
        pyc.unlink()
    return removed


# --- checks on the staged tree -------------------------------------------------------


def _module_file(staging: Path, module: str) -> Path | None:
    base = staging.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports_of(path: Path, module: str) -> Iterator[str]:
    tree = ast.parse(path.read_bytes(), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                stem = f"{base}.{node.module}" if node.module else base
            else:
                stem = node.module or ""
            yield stem
            for alias in node.names:
                yield f"{stem}.{alias.name}"


def forbidden_imports(staging: Path, entry: str = ENTRY_MODULE) -> list[str]:
    """Project modules reachable from ``entry`` that import a self-hosted-only package or one
    of the project's packages that are not the runtime.

    Every import in a module counts, including those inside functions, so a lazily
    imported Flask is caught as well.
    """
    own = {name for name in RUNTIME_SOURCES if (staging / name / "__init__.py").is_file()}
    banned = {top for tops in SELF_HOSTED_ONLY.values() for top in tops}
    banned |= set(NOT_RUNTIME_PACKAGES)
    seen: set[str] = set()
    queue = [entry]
    problems: list[str] = []
    while queue:
        module = queue.pop()
        if module in seen:
            continue
        seen.add(module)
        path = _module_file(staging, module)
        if path is None:
            continue
        for imported in _imports_of(path, module):
            top = imported.partition(".")[0]
            if top in banned:
                problems.append(f"{module} imports {imported}")
            elif top in own:
                # "from skill.x import name" may name a module or an attribute: try both.
                for cand in (imported, imported.rpartition(".")[0]):
                    if cand and cand not in seen and _module_file(staging, cand):
                        queue.append(cand)
                parts = imported.split(".")
                queue.extend(".".join(parts[:i]) for i in range(1, len(parts)))
    return sorted(set(problems))


def not_runtime_entries(names: Iterable[str]) -> list[str]:
    """Artifact paths (``a/b.py``, as in a zip) of tool or self-hosting modules.

    That is anything in ``selfhost/`` or ``devtools/``, and any direct module of the runtime
    package (source or bytecode) named like one that moved out of it.
    """
    runtime = RUNTIME_SOURCES[0]
    found = []
    for name in names:
        parts = name.split("/")
        direct = len(parts) == 2 or (len(parts) == 3 and parts[1] == "__pycache__")
        moved = direct and parts[-1].partition(".")[0] in MOVED_OUT_OF_THE_RUNTIME
        if parts[0] in NOT_RUNTIME_PACKAGES or (parts[0] == runtime and moved):
            found.append(name)
    return sorted(found)


def compile_bytecode(python312: str, staging: Path) -> None:
    cmd = [
        python312,
        "-W",
        "ignore::SyntaxWarning",
        "-m",
        "compileall",
        "-q",
        "-j",
        "0",
        "--invalidation-mode",
        "unchecked-hash",
        # Record the path Lambda unpacks to, not the temporary one, so that two builds
        # of the same tree give the same bytes.
        "-s",
        str(staging),
        "-p",
        LAMBDA_TASK_ROOT,
        str(staging),
    ]
    result = subprocess.run(cmd, check=False)  # noqa: S603 - fixed compileall invocation
    if result.returncode != 0:
        raise BuildError("compileall failed under Python 3.12 (see above)")


def check_import(python312: str, staging: Path) -> None:
    """Import the handler from the staged tree alone, as Lambda would, warnings as errors."""
    module, _, attr = HANDLER.rpartition(".")
    code = (
        "import importlib, sys\n"
        f"sys.path.insert(0, {str(staging)!r})\n"
        f"handler = getattr(importlib.import_module({module!r}), {attr!r})\n"
        "assert callable(handler)\n"
        # The trimmed botocore must still build the one client the skill uses.
        "import boto3\n"
        "boto3.client('dynamodb', region_name='us-east-1', aws_access_key_id='x',\n"
        "             aws_secret_access_key='x')\n"
        # The trimmed powertools must still log JSON and publish a metric.
        "import json, io, contextlib\n"
        "from skill import telemetry\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    telemetry.configure('build-check', 'INFO')\n"
        "    telemetry.record(telemetry.STORAGE_FAULT, 'load')\n"
        "    telemetry.flush()\n"
        "lines = [json.loads(x) for x in out.getvalue().splitlines()]\n"
        "assert lines[0]['event'] == 'StorageFault', lines\n"
        "assert lines[-1]['StorageFault'] == [1.0], lines\n"
    )
    env = {"PATH": os.environ.get("PATH", ""), "STEADYHEART_STORE": "memory", "LANG": "C.UTF-8"}
    result = subprocess.run(  # noqa: S603 - fixed interpreter invocation
        [python312, "-I", "-W", "error::SyntaxWarning", "-c", code],
        env=env,
        cwd=staging,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or result.stderr.strip():
        raise BuildError(
            f"importing {HANDLER} from the artifact failed:\n{result.stderr or result.stdout}"
        )


# --- zip -------------------------------------------------------------------------------


def write_zip(staging: Path, output: Path) -> tuple[int, int]:
    """Deterministic zip of ``staging``; returns (file count, size in bytes)."""
    files = sorted(
        (p for p in staging.rglob("*") if p.is_file()),
        key=lambda p: p.relative_to(staging).as_posix(),
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(staging).as_posix(), date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o100000 | FILE_MODE) << 16
            info.create_system = 3
            zf.writestr(info, path.read_bytes(), compresslevel=9)
    partial.replace(output)
    return len(files), output.stat().st_size


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- interaction models ---------------------------------------------------------------


def manifest_locales(manifest: Path = REPO / "infra" / "skill-manifest.json") -> list[str]:
    data = json.loads(manifest.read_text(encoding="utf-8"))
    return sorted(data["manifest"]["publishingInformation"]["locales"])


def sync_models(
    src: Path = MODELS_SRC, dst: Path = MODELS_DST, locales: Sequence[str] | None = None
) -> list[str]:
    """Copy ``intents/<locale>.json`` verbatim into the skill package; returns what is missing.

    The models are generated in ``intents/`` and never edited here; files for locales
    that have no model any more are removed.
    """
    wanted = list(locales) if locales is not None else manifest_locales()
    dst.mkdir(parents=True, exist_ok=True)
    missing: list[str] = []
    for locale in wanted:
        source = src / f"{locale}.json"
        target = dst / f"{locale}.json"
        if not source.is_file():
            missing.append(locale)
            continue
        data = source.read_bytes()
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
    for stale in dst.glob("*.json"):
        if stale.stem not in wanted or not (src / stale.name).is_file():
            stale.unlink()
    return missing


# --- entry point ----------------------------------------------------------------------


def build_artifact(
    output: Path,
    python312: str,
    *,
    arch: str = LAMBDA_ARCH,
    import_check: bool = True,
    sources: Path = REPO,
) -> Path:
    """Build the artifact for ``arch``; the handler is imported from it when this machine can."""
    if arch not in PLATFORMS:
        raise BuildError(f"unknown architecture {arch!r}: use one of {', '.join(PLATFORMS)}")
    requirements = runtime_requirements()
    pins = installed_pins()
    pinned = {p.split("==")[0] for p in pins}
    unpinned = [r for r in requirements if _requirement_name(r) not in pinned]
    log(f"target: {arch}; python for bytecode: {python312}")
    log("runtime requirements: " + ", ".join(requirements))
    if unpinned:
        log("WARNING: not installed here, resolved from the index: " + ", ".join(unpinned))
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".staging-", dir=output.parent) as tmp:
        staging = Path(tmp) / "task"
        staging.mkdir()
        install_dependencies(staging, requirements, pins, arch)
        bundles = stage_sources(staging, sources)
        log(f"bundled: {len(bundles)} checked data files into {'/'.join(BUNDLE_PACKAGE_DIR)}/")
        removed = prune(staging)
        if removed:
            models = [r for r in removed if r.startswith(AWS_DATA_DIRS)]
            rest = sorted(r for r in removed if r not in models)
            log(f"pruned: {len(models)} unused AWS service models; " + ", ".join(rest))
        if _module_file(staging, ENTRY_MODULE) is None:
            if import_check:
                raise BuildError(f"{ENTRY_MODULE} not found in {RUNTIME_SOURCES[0]}/")
            log(f"WARNING: {ENTRY_MODULE} not found; import check skipped")
            import_check = False
        problems = forbidden_imports(staging)
        if problems:
            raise BuildError(
                "the Lambda artifact leaves out "
                + ", ".join([*sorted(SELF_HOSTED_ONLY), *NOT_RUNTIME_PACKAGES])
                + " but modules reachable from the handler import them:\n  "
                + "\n  ".join(problems)
            )
        compile_bytecode(python312, staging)
        stray = not_runtime_entries(
            p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()
        )
        if stray:
            raise BuildError("tool or self-hosting modules in the artifact: " + ", ".join(stray))
        if import_check and arch == host_arch():
            check_import(python312, staging)
        count, size = write_zip(staging, output)
    log(f"wrote {output} ({size / 1_000_000:.2f} MB, {count} files, sha256 {sha256_of(output)})")
    if import_check and arch != host_arch():
        verify_on_native_twin(output, python312, sources)
    return output


def verify_on_native_twin(output: Path, python312: str, sources: Path = REPO) -> None:
    """This machine cannot load the target's compiled wheels: import a native build instead.

    The twin has the same sources, pins and steps; only the compiled wheels differ.
    """
    native = host_arch()
    if native not in PLATFORMS:
        log(f"import check skipped: no wheels for this machine's architecture ({native})")
        return
    log(f"import check on a {native} twin of the artifact (this machine cannot load arm64)")
    with tempfile.TemporaryDirectory(prefix=".twin-", dir=output.parent) as tmp:
        build_artifact(
            Path(tmp) / "twin.zip", python312, arch=native, import_check=True, sources=sources
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="zip to write")
    parser.add_argument("--python312", help="CPython 3.12 used to compile bytecode")
    parser.add_argument(
        "--arch",
        choices=sorted(PLATFORMS),
        default=LAMBDA_ARCH,
        help=f"wheel architecture (default {LAMBDA_ARCH}, as deployed)",
    )
    parser.add_argument(
        "--models-only", action="store_true", help="only sync the interaction models"
    )
    parser.add_argument("--no-models", action="store_true", help="do not touch infra/skill-package")
    parser.add_argument(
        "--skip-import-check",
        action="store_true",
        help="do not import the handler from the artifact (or from its native twin)",
    )
    args = parser.parse_args(argv)
    try:
        if not args.no_models:
            missing = sync_models()
            if missing:
                log("no interaction model yet for: " + ", ".join(missing))
            log(f"interaction models synced into {MODELS_DST.relative_to(REPO)}")
        if not args.models_only:
            python312 = find_python312(args.python312)
            output = args.output.resolve()
            output.parent.mkdir(parents=True, exist_ok=True)
            # One snapshot of the tree for the artifact and its twin, even while files change.
            with tempfile.TemporaryDirectory(prefix=".sources-", dir=output.parent) as tmp:
                build_artifact(
                    output,
                    python312,
                    arch=args.arch,
                    import_check=not args.skip_import_check,
                    sources=snapshot_sources(Path(tmp)),
                )
    except BuildError as exc:
        print(f"build: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
