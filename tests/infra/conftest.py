"""Fixtures for the deployment tests: the build script as a module, and one built artifact."""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from tests.support.legal import LEGAL_BASE

ROOT = Path(__file__).resolve().parents[2]


def _load_build_module() -> ModuleType:
    path = ROOT / "infra" / "build.py"
    spec = importlib.util.spec_from_file_location("steadyheart_infra_build", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def build_module() -> ModuleType:
    return _load_build_module()


@pytest.fixture(scope="session")
def python312(build_module: ModuleType) -> str:
    try:
        exe: str = build_module.find_python312()
    except build_module.BuildError as exc:
        pytest.skip(f"no CPython 3.12 to build or run the artifact with: {exc}")
    return exe


@pytest.fixture(scope="session")
def sources(build_module: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One snapshot of skill/ and audio_scripts/: both builds see the same tree."""
    if not (ROOT / "skill" / "app.py").is_file():
        pytest.skip("skill/app.py does not exist yet")
    snapshot: Path = build_module.snapshot_sources(tmp_path_factory.mktemp("sources"))
    return snapshot


def _build(module: ModuleType, python312: str, output: Path, arch: str, sources: Path) -> Path:
    # The import is checked (and the requests answered) on the native build, so the arm64
    # build need not make a twin of its own.
    native = arch == module.host_arch()
    try:
        module.build_artifact(output, python312, arch=arch, import_check=native, sources=sources)
    except module.BuildError as exc:
        pytest.fail(f"the {arch} artifact did not build: {exc}")
    return output


def _unpack(archive: Path, root: Path) -> Path:
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(root)
    return root


@pytest.fixture(scope="session")
def lambda_zip(
    build_module: ModuleType,
    python312: str,
    sources: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """The artifact as deployed (arm64), built from the working tree once per session."""
    output = tmp_path_factory.mktemp("artifact-arm64") / "lambda.zip"
    return _build(build_module, python312, output, build_module.LAMBDA_ARCH, sources)


@pytest.fixture(scope="session")
def native_zip(
    build_module: ModuleType,
    python312: str,
    sources: Path,
    lambda_zip: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """The same artifact with this machine's compiled wheels, so it can be run here."""
    arch = build_module.host_arch()
    if arch == build_module.LAMBDA_ARCH:
        return lambda_zip
    if arch not in build_module.PLATFORMS:
        pytest.skip(f"no wheels for this machine's architecture ({arch})")
    output = tmp_path_factory.mktemp(f"artifact-{arch}") / "lambda.zip"
    return _build(build_module, python312, output, arch, sources)


@pytest.fixture(scope="session")
def task_root(lambda_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The deployed artifact unpacked, as Lambda unpacks it into /var/task."""
    return _unpack(lambda_zip, tmp_path_factory.mktemp("task-arm64"))


@pytest.fixture(scope="session")
def native_root(native_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The native twin unpacked, to be imported and invoked by this machine's CPython 3.12."""
    return _unpack(native_zip, tmp_path_factory.mktemp("task-native"))


def _load_infra_module(name: str) -> ModuleType:
    path = ROOT / "infra" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"steadyheart_infra_{name}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def package_module() -> ModuleType:
    return _load_infra_module("package")


@pytest.fixture(scope="session")
def packaged(package_module: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The skill package as `make package` writes it, for a deployment publishing its policy
    at LEGAL_BASE (a test value: the check only refuses addresses that can never be real)."""
    out = tmp_path_factory.mktemp("infra") / "skill-package"
    result: Path = package_module.make_package(out, config={"legalBaseUrl": LEGAL_BASE})
    return result
