"""One source of configuration defaults: skill/config.py. The template, the README, the deploy
guide and ADR 0010 must say the same, and the storage timeout must fit Alexa's 8 s."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest

from skill.config import DEFAULTS, Settings
from skill.storage import dynamodb
from tests.support.template_schema import load_template

ROOT = Path(__file__).resolve().parents[2]
ALEXA_BUDGET_S = 8.0
COLD_START_S = 0.5  # docs/performance.md: about 0.3-0.5 s for the first request
THROTTLE_PAUSE_S = 1.0  # botocore standard mode: rand(0, 1) x 1 s after a throttle


def _env_to_parameter(template: dict[str, Any]) -> dict[str, str]:
    """STEADYHEART_* variable -> the template parameter it is set from."""
    fn = next(r for r in template["Resources"].values() if r["Type"] == "AWS::Serverless::Function")
    env = fn["Properties"]["Environment"]["Variables"]
    return {k: v["Ref"] for k, v in env.items() if isinstance(v, dict) and "Ref" in v}


def test_settings_defaults_are_the_mapping() -> None:
    fields = {f.name: f.default for f in dataclasses.fields(Settings)}
    from_empty_env = Settings.from_env({})
    for name, var in [
        ("store", "STEADYHEART_STORE"),
        ("log_level", "STEADYHEART_LOG_LEVEL"),
        ("retention_days", "STEADYHEART_RETENTION_DAYS"),
        ("storage_timeout_s", "STEADYHEART_STORAGE_TIMEOUT_S"),
        ("api_timeout_s", "STEADYHEART_API_TIMEOUT_S"),
        ("service_name", "STEADYHEART_SERVICE_NAME"),
    ]:
        assert str(fields[name]) == DEFAULTS[var], name
        assert str(getattr(from_empty_env, name)) == DEFAULTS[var], name


def test_template_parameter_defaults_are_config_defaults() -> None:
    template = load_template()
    params = template["Parameters"]
    checked = 0
    for var, param in _env_to_parameter(template).items():
        if var not in DEFAULTS or param not in params or "Default" not in params[param]:
            continue
        assert str(params[param]["Default"]) == DEFAULTS[var], f"{param} vs {var}"
        checked += 1
    assert checked >= 3  # log level, retention, storage timeout


@pytest.mark.parametrize(
    "doc",
    [
        "README.md",
        "docs/deploy.md",
        "docs/decisions/0010-dynamodb-writes-and-faults.md",
        "skill/storage/dynamodb.py",
    ],
)
def test_documents_state_the_same_defaults(doc: str) -> None:
    text = (ROOT / doc).read_text("utf-8")
    timeout = DEFAULTS["STEADYHEART_STORAGE_TIMEOUT_S"]
    # Every "<storage timeout> ... N s" style statement of the default must be this value.
    assert re.search(rf"\b{re.escape(timeout)}\s*s\b|`{re.escape(timeout)}`", text), doc
    assert not re.search(r"timeout[^\n]{0,60}\b1\.5\s*s\b|`1\.5`", text, re.IGNORECASE), doc
    if doc.startswith(("README", "docs/deploy")):
        for var in ("STEADYHEART_RETENTION_DAYS", "STEADYHEART_LOG_LEVEL"):
            rows = [line for line in text.splitlines() if var in line and "|" in line]
            assert rows, f"{doc} has no table row for {var}"
            assert all(f"`{DEFAULTS[var]}`" in row for row in rows), (doc, rows)


def test_storage_timeout_keeps_the_worst_turn_inside_alexas_budget() -> None:
    t = float(DEFAULTS["STEADYHEART_STORAGE_TIMEOUT_S"])
    attempts = dynamodb.MAX_ATTEMPTS
    # Each attempt: a slow connect (just under T) then no answer (T); one throttle pause.
    worst_call = attempts * 2 * t + THROTTLE_PAUSE_S
    # The store fails fast after a timeout, so a turn pays for one slow call at most.
    worst_turn = COLD_START_S + worst_call
    assert worst_turn <= ALEXA_BUDGET_S - 2.0, f"worst turn {worst_turn:.1f} s leaves < 2 s"
    template = load_template()
    fn = next(r for r in template["Resources"].values() if r["Type"] == "AWS::Serverless::Function")
    assert worst_turn < fn["Properties"]["Timeout"] < ALEXA_BUDGET_S
