"""The trees cold starts are timed from: built as the Lambda artifact is, for this machine.

Lambda runs python3.12 with bytecode compiled into the artifact (``unchecked-hash``), and no
site-packages of its own. These machines set ``PYTHONDONTWRITEBYTECODE=1``, so timing the
sources from the repository would recompile the project on every run while the libraries load
precompiled. So the bench builds, with ``infra/build.py``'s own steps:

* ``deps``: the runtime dependencies for CPython 3.12 on this machine's architecture (the x86_64
  twin of the arm64 artifact: same pins, same pruning), precompiled;
* ``src``: the project's runtime sources as the build stages them, plus the floor's hello skill,
  precompiled.

Both are cached under ``.deps/bench/`` by a hash of what went into them. Run the cold processes
with ``python3.12 -S`` (no site hooks) and ``PYTHONPATH=src:deps``.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".deps" / "bench"
sys.path.insert(0, str(ROOT / "infra"))

import build  # noqa: E402  (infra/build.py: the same steps as the artifact)


def _digest(parts: list[bytes]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()[:16]


def _tree_files(root: Path) -> list[Path]:
    files: list[Path] = []
    for name in build.RUNTIME_SOURCES:
        files += sorted(
            p for p in (root / name).rglob("*") if p.is_file() and "__pycache__" not in p.parts
        )
    return files


def python312() -> str:
    return build.find_python312()


def deps_tree(py312: str) -> Path:
    """Runtime dependencies for CPython 3.12 on this machine, precompiled (cached)."""
    arch = build.host_arch()
    requirements = build.runtime_requirements()
    pins = build.installed_pins()
    key = _digest([arch.encode(), "\n".join(requirements + pins).encode()])
    target = CACHE / f"deps-{arch}-{key}"
    if target.is_dir():
        return target
    staging = CACHE / f".staging-deps-{key}"
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "task").mkdir(parents=True)
    print(f"  building the 3.12 {arch} dependency tree (once per pin set) ...", flush=True)
    build.install_dependencies(staging / "task", requirements, pins, arch)
    build.prune(staging / "task")
    build.compile_bytecode(py312, staging / "task")
    (staging / "task").rename(target)
    shutil.rmtree(staging, ignore_errors=True)
    return target


def source_tree(py312: str) -> Path:
    """The project's runtime sources as the artifact stages them, plus the floor, precompiled."""
    extra = [ROOT / "bench" / "__init__.py", ROOT / "bench" / "hello_skill.py"]
    files = _tree_files(ROOT) + extra + [ROOT / "infra" / "build.py"]
    key = _digest([str(p.relative_to(ROOT)).encode() + p.read_bytes() for p in files])
    target = CACHE / f"src-{key}"
    if target.is_dir():
        return target
    staging = CACHE / f".staging-src-{key}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    stage = getattr(build, "stage_sources", build.copy_sources)
    stage(staging, ROOT)
    (staging / "bench").mkdir()
    for path in extra:
        shutil.copy2(path, staging / "bench" / path.name)
    build.compile_bytecode(py312, staging)
    for old in CACHE.glob("src-*"):
        shutil.rmtree(old, ignore_errors=True)
    staging.rename(target)
    return target
