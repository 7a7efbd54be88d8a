"""No function-local import of ``skill.*`` in the runtime, unless it is on the short list below.

Function-local imports used to break the cycle between the registry (skill/exercises/__init__.py)
and the flows. Flows now move on through the Turn's navigator (skill/navigation.py), which is
given the registry at composition, so no flow imports the registry and no such import is needed.
What remains is lazy on purpose: a cost at cold start that most requests never pay. Calls of
``importlib.import_module`` count too (by the literal start of the name they are given).
"""

from __future__ import annotations

import ast
from pathlib import Path

SKILL = Path(__file__).resolve().parents[1] / "skill"

ALLOWED: dict[tuple[str, str], str] = {
    (
        "exercises/opener.py",
        "skill.language.coaching",
    ): "coaching compiles its patterns on first use",
    (
        "exercises/validation.py",
        "skill.language.coaching",
    ): "coaching compiles its patterns on first use",
    (
        "interceptors.py",
        "skill.language.coaching",
    ): "coaching compiles its patterns on first use (a practice reply read, decision 0074)",
    (
        "exercises/__init__.py",
        "skill.exercises.",
    ): "a flow's module is imported when the flow is first used (decision 0044)",
    (
        "interceptors.py",
        "skill.language.safety",
    ): "the screen's engine loads with the first words a request brings (decision 0094)",
    (
        "language/safety/__init__.py",
        "skill.language.safety",
    ): "the package's engine names resolve on first use (decision 0094)",
    ("storage/__init__.py", "skill.storage.sqlite"): "only the configured store is imported",
    ("storage/__init__.py", "skill.storage.dynamodb"): "boto3 is loaded only for DynamoDB",
}


def _is_import_module(call: ast.Call) -> bool:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in ("import_module", "__import__") and bool(call.args)


def _literal_head(arg: ast.expr) -> str:
    """The literal start of a module name given to ``import_module`` (all of it when it is a
    plain string, the text before the first placeholder of an f-string)."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.JoinedStr) and arg.values:
        first = arg.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    return "?"


def local_skill_imports(root: Path) -> list[tuple[str, str, int]]:
    """(file relative to ``root``, module, line) of every ``skill.*`` import inside a function."""
    found: list[tuple[str, str, int]] = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.ImportFrom) and node.level == 0:
                    names = [node.module or ""]
                elif isinstance(node, ast.ImportFrom):
                    names = ["skill.(relative)"]
                elif isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.Call) and _is_import_module(node):
                    names = [_literal_head(node.args[0])]
                else:
                    continue
                for name in names:
                    if name == "skill" or name.startswith("skill."):
                        found.append((path.relative_to(root).as_posix(), name, node.lineno))
    return found


def test_no_function_local_imports_of_skill_modules() -> None:
    unexpected = [
        f"{f}:{line} {m}" for f, m, line in local_skill_imports(SKILL) if (f, m) not in ALLOWED
    ]
    assert unexpected == [], "import at the top of the module (flows reach others via t.nav)"


def test_the_allow_list_is_not_stale() -> None:
    seen = {(f, m) for f, m, _ in local_skill_imports(SKILL)}
    stale = [k for k in ALLOWED if (SKILL / k[0]).exists() and k not in seen]
    assert stale == []


def test_the_counter_finds_a_local_import(tmp_path: Path) -> None:
    (tmp_path / "flow.py").write_text(
        "import skill.turn\n\ndef f():\n    from skill.exercises import FLOWS\n    return FLOWS\n"
    )
    assert local_skill_imports(tmp_path) == [("flow.py", "skill.exercises", 4)]


def test_the_counter_finds_a_dynamic_import(tmp_path: Path) -> None:
    (tmp_path / "flow.py").write_text(
        "import importlib\n\ndef f(m):\n    return importlib.import_module(f'skill.x.{m}')\n"
    )
    assert local_skill_imports(tmp_path) == [("flow.py", "skill.x.", 4)]
