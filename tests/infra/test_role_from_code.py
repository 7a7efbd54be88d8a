"""The role allows exactly the DynamoDB actions the store's code calls, derived from the code."""

from __future__ import annotations

import ast
from pathlib import Path

from botocore.session import get_session

from tests.support.template_schema import load_template

ROOT = Path(__file__).resolve().parents[2]
STORAGE = ROOT / "skill" / "storage"
# Inside TransactWriteItems each kind of action is authorised by its own IAM action.
TRANSACT_ACTIONS = {
    "Put": "PutItem",
    "Update": "UpdateItem",
    "Delete": "DeleteItem",
    "ConditionCheck": "ConditionCheckItem",
}


def _client_calls(tree: ast.AST) -> set[str]:
    """Method names called on ``self._client`` or ``client``."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if name in {"_client", "client"}:
                found.add(node.func.attr)
    return found


def _transaction_kinds(tree: ast.AST) -> set[str]:
    """The TransactWriteItems action kinds the code builds (dict literals keyed Put, ...)."""
    kinds = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for key in node.keys:
                if isinstance(key, ast.Constant) and key.value in TRANSACT_ACTIONS:
                    kinds.add(key.value)
    return kinds


def actions_from_code() -> set[str]:
    model = get_session().get_service_model("dynamodb")
    by_method = {
        "".join(p.capitalize() for p in op_snake.split("_")): op_snake
        for op_snake in (_snake(n) for n in model.operation_names)
    }
    actions: set[str] = set()
    for source in sorted(STORAGE.glob("*.py")):
        tree = ast.parse(source.read_text("utf-8"))
        for method in _client_calls(tree):
            operation = "".join(p.capitalize() for p in method.split("_"))
            assert operation in by_method, f"{source.name}: {method} is not a DynamoDB call"
            if operation == "TransactWriteItems":
                actions |= {f"dynamodb:{TRANSACT_ACTIONS[k]}" for k in _transaction_kinds(tree)}
            else:
                actions.add(f"dynamodb:{operation}")
    return actions


def _snake(name: str) -> str:
    out = ""
    for ch in name:
        out += f"_{ch.lower()}" if ch.isupper() and out else ch.lower()
    return out


def test_the_code_calls_what_we_think() -> None:
    # A sanity floor for the derivation itself: these calls are the store's core.
    assert {"dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"} <= actions_from_code()


def test_role_allows_exactly_the_actions_the_code_calls() -> None:
    template = load_template()
    role = template["Resources"]["SkillRole"]["Properties"]
    allowed = {
        action
        for policy in role["Policies"]
        for statement in policy["PolicyDocument"]["Statement"]
        for action in statement["Action"]
        if action.startswith("dynamodb:")
    }
    assert allowed == actions_from_code()
