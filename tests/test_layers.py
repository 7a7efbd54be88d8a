"""Dependencies point one way: devtools -> selfhost -> skill, and tests -> tests.support.

The runtime (``skill/``) is exactly what Lambda runs. It must import neither the developer tools
nor the self-hosting code, nor the libraries only self-hosting installs (they are not in the
Lambda artifact). Every import counts, including imports inside functions and
``importlib.import_module("...")`` with a literal name.

Test modules share code only through ``tests/support/``; a test never imports another test
module (or a conftest), so each test file can be moved, renamed or deleted on its own.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"

# Package -> top-level modules it must never import.
FORBIDDEN: dict[str, frozenset[str]] = {
    "skill": frozenset({"selfhost", "devtools", "flask", "werkzeug", "cryptography", "gunicorn"}),
    "selfhost": frozenset({"devtools"}),
}
_DYNAMIC_IMPORTERS = frozenset({"import_module", "__import__"})


def imported_modules(source: str, module: str, *, is_package: bool = False) -> Iterator[str]:
    """Every module ``source`` (the text of ``module``) imports, as absolute dotted names.

    ``from a import b`` yields ``a.b`` (``b`` may be a module); relative imports are resolved
    against ``module``; ``importlib.import_module("x")`` and ``__import__("x")`` count.
    """
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".") if package else []
                base = ".".join(parts[: max(len(parts) - node.level + 1, 0)])
                stem = ".".join(p for p in (base, node.module) if p)
            else:
                stem = node.module or ""
            yield from (f"{stem}.{alias.name}" if stem else alias.name for alias in node.names)
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if (
                name in _DYNAMIC_IMPORTERS
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                yield first.value


def forbidden_imports(source: str, module: str, *, is_package: bool = False) -> list[str]:
    """``"<module> imports <name>"`` for each import that breaks the direction."""
    banned = FORBIDDEN.get(module.partition(".")[0], frozenset())
    return [
        f"{module} imports {name}"
        for name in imported_modules(source, module, is_package=is_package)
        if name.partition(".")[0] in banned
    ]


def _module_name(path: Path) -> tuple[str, bool]:
    rel = path.relative_to(ROOT).with_suffix("")
    if rel.name == "__init__":
        return ".".join(rel.parent.parts), True
    return ".".join(rel.parts), False


def _sources(package: str) -> list[Path]:
    found = sorted((ROOT / package).rglob("*.py"))
    assert found, f"no Python files under {package}/"
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_dependencies_point_one_way(package: str) -> None:
    problems = []
    for path in _sources(package):
        module, is_package = _module_name(path)
        problems += forbidden_imports(path.read_text("utf-8"), module, is_package=is_package)
    assert problems == []


@pytest.mark.parametrize(
    "source",
    [
        "import devtools.nlu\n",
        "from selfhost.web import create_app\n",
        "from devtools import cli\n",
        "def handle():\n    from flask import Flask\n    return Flask\n",
        "import cryptography.x509 as x509\n",
        "import importlib\nimportlib.import_module('selfhost.verify')\n",
        "__import__('devtools.simulator')\n",
        "from ...devtools import lint\n",
    ],
)
def test_the_direction_check_catches_a_runtime_module_importing_a_tool(source: str) -> None:
    assert forbidden_imports(source, "skill.handlers.core") != []


def test_the_direction_check_lets_the_runtime_import_itself_and_its_dependencies() -> None:
    source = (
        "import yaml\nfrom ask_sdk_core.skill_builder import SkillBuilder\n"
        "from skill.content import Renderer\nfrom . import base\nfrom ..turn import Turn\n"
        "import importlib\nimportlib.import_module('skill.storage.sqlite')\n"
    )
    assert forbidden_imports(source, "skill.handlers.core") == []
    # The tools may import the runtime and self-hosting.
    assert forbidden_imports("from selfhost.web import serve_main\n", "devtools.cli") == []


# --- tests import shared code from tests.support only --------------------------------------


def _local_module_names() -> frozenset[str]:
    """Bare names under which a test file could be imported through sys.path tricks."""
    return frozenset(
        p.stem for p in TESTS.rglob("*.py") if p.stem != "__init__" and "support" not in p.parts
    )


def imports_of_other_tests(source: str, module: str, local: frozenset[str]) -> list[str]:
    """Imports in a test module of test code that is not in ``tests.support``."""
    problems = []
    for name in imported_modules(source, module):
        top = name.partition(".")[0]
        if top == "tests":
            if name != "tests.support" and not name.startswith("tests.support."):
                problems.append(f"{module} imports {name}")
        elif top in local:
            problems.append(f"{module} imports {name} (a test file, through sys.path)")
    return problems


def test_tests_share_code_only_through_tests_support() -> None:
    local = _local_module_names()
    problems = []
    for path in sorted(TESTS.rglob("*.py")):
        module, _ = _module_name(path)
        problems += imports_of_other_tests(path.read_text("utf-8"), module, local)
    assert problems == []


@pytest.mark.parametrize(
    "source",
    [
        "from tests.reminders.fake_alexa_api import FakeAlexaApi\n",
        "from tests.test_routing import route\n",
        "from tests.storage.conftest import scan_all\n",
        "import tests.nlu.conftest\n",
        "from alexa_pki import PKI\n",
        "from tests import test_routing\n",
    ],
)
def test_the_test_import_check_catches_a_test_importing_a_test(source: str) -> None:
    local = frozenset({"alexa_pki", "test_routing", "conftest"})
    assert imports_of_other_tests(source, "tests.pattern.test_menu", local) != []


def test_the_test_import_check_allows_tests_support() -> None:
    source = (
        "from tests.support.conversation import Conversation\n"
        "from tests.support import routing\nimport pytest\nfrom skill.turn import Turn\n"
    )
    assert imports_of_other_tests(source, "tests.pattern.test_menu", frozenset()) == []
