"""infra/build.py's parts, on small trees (the full build is in test_infra_artifact.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from types import ModuleType

import pytest


def test_runtime_requirements_leave_out_the_self_hosted_endpoint(build_module: ModuleType) -> None:
    names = {build_module._requirement_name(r) for r in build_module.runtime_requirements()}
    assert "flask" not in names
    assert "cryptography" not in names
    assert {"ask-sdk-core", "ask-sdk-model", "ask-sdk-runtime", "boto3"} <= names
    # Content ships as checked JSON and state as records: no YAML parser, no pydantic.
    assert not {"pyyaml", "pydantic"} & names


def test_runtime_requirements_come_from_pyproject(build_module: ModuleType, tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "x"\ndependencies = ["Flask>=3", "boto3==1.44.8", "PyYAML"]\n'
    )
    assert build_module.runtime_requirements(pyproject) == ["boto3==1.44.8", "PyYAML"]


def test_pins_are_exact_and_skip_the_project(build_module: ModuleType) -> None:
    pins = build_module.installed_pins()
    assert pins
    assert all("==" in p for p in pins)
    assert not any(p.startswith("steadyheart==") for p in pins)
    assert any(p.startswith("boto3==") for p in pins)


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_forbidden_imports_follow_the_import_graph_from_the_handler(
    build_module: ModuleType, tmp_path: Path
) -> None:
    staging = _tree(
        tmp_path,
        {
            "skill/__init__.py": "",
            "skill/app.py": "from skill.handlers import core\nfrom . import config\n",
            "skill/config.py": "",
            "skill/handlers/__init__.py": "",
            "skill/handlers/core.py": "def f():\n    from ..web import serve\n",
            "skill/web.py": "import flask\n",
            "skill/unused.py": "from cryptography import x509\n",
            "audio_scripts/en/core.yaml": "",
        },
    )
    assert build_module.forbidden_imports(staging) == ["skill.web imports flask"]


def test_forbidden_imports_accept_a_clean_tree(build_module: ModuleType, tmp_path: Path) -> None:
    staging = _tree(
        tmp_path,
        {
            "skill/__init__.py": "",
            "skill/app.py": "import yaml\nfrom skill.config import settings\n",
            "skill/config.py": "def settings(): ...\n",
            "skill/web.py": "import flask\n",
        },
    )
    assert build_module.forbidden_imports(staging) == []


def test_forbidden_imports_include_the_tools_and_self_hosting(
    build_module: ModuleType, tmp_path: Path
) -> None:
    staging = _tree(
        tmp_path,
        {
            "skill/__init__.py": "",
            "skill/app.py": "from skill import handlers\n",
            "skill/handlers.py": "def f():\n    from devtools.nlu import Resolver\n",
            "skill/unused.py": "import selfhost.web\n",
        },
    )
    assert build_module.forbidden_imports(staging) == [
        "skill.handlers imports devtools.nlu",
        "skill.handlers imports devtools.nlu.Resolver",
    ]


def test_not_runtime_entries_names_tool_and_self_hosting_modules(
    build_module: ModuleType,
) -> None:
    names = [
        "skill/app.py",
        "skill/__pycache__/app.cpython-312.pyc",
        "skill/nlu.py",
        "skill/__pycache__/web.cpython-312.pyc",
        "skill/storage/models.py",
        "selfhost/__init__.py",
        "devtools/validate.py",
        "botocore/models.py",
        "audio_scripts/en/core.yaml",
    ]
    assert build_module.not_runtime_entries(names) == [
        "devtools/validate.py",
        "selfhost/__init__.py",
        "skill/__pycache__/web.cpython-312.pyc",
        "skill/nlu.py",
    ]
    assert build_module.not_runtime_entries(n for n in names if n.startswith("skill/a")) == []


def test_prune_drops_dependency_tests_and_bytecode_but_not_ours(
    build_module: ModuleType, tmp_path: Path
) -> None:
    staging = _tree(
        tmp_path,
        {
            "bin/jp.py": "",
            "certifi/tests/test_x.py": "",
            "certifi/core.py": "",
            "lib/__pycache__/core.cpython-311.pyc": "",
            "skill/tests/keep.py": "",
            "skill/__pycache__/app.cpython-311.pyc": "",
        },
    )
    build_module.prune(staging)
    left = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
    assert left == ["certifi/core.py", "skill/tests/keep.py"]


def test_zip_is_deterministic_and_sorted(build_module: ModuleType, tmp_path: Path) -> None:
    staging = _tree(tmp_path / "t", {"b.py": "b", "a/z.py": "z", "a/b.txt": "x"})
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    assert build_module.write_zip(staging, first)[0] == 3
    (staging / "b.py").touch()
    build_module.write_zip(staging, second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as zf:
        assert zf.namelist() == ["a/b.txt", "a/z.py", "b.py"]
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in zf.infolist()} == {0o100644}


def test_sync_models_copies_verbatim_and_drops_stale(
    build_module: ModuleType, tmp_path: Path
) -> None:
    src, dst = tmp_path / "intents", tmp_path / "custom"
    _tree(src, {"en-US.json": '{"a": 1}\n', "en-GB.json": "{}"})
    _tree(dst, {"fr-FR.json": "{}", "en-US.json": "old"})
    missing = build_module.sync_models(src, dst, ["en-US", "en-GB", "en-IN"])
    assert missing == ["en-IN"]
    assert sorted(p.name for p in dst.iterdir()) == ["en-GB.json", "en-US.json"]
    assert (dst / "en-US.json").read_text() == '{"a": 1}\n'


def test_manifest_locales_are_read_from_skill_json(build_module: ModuleType) -> None:
    assert build_module.manifest_locales() == ["en-AU", "en-CA", "en-GB", "en-IN", "en-US"]


def test_find_python312_refuses_a_wrong_interpreter(
    build_module: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("STEADYHEART_PYTHON312", raising=False)
    with pytest.raises(build_module.BuildError, match=r"no working CPython 3\.12"):
        build_module.find_python312("/nonexistent/python3.12")
