"""Configuration, read from the environment in this one place.

Every setting has a safe local default so ``steadyheart chat`` works on a fresh clone.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

_PACKAGE_ROOT = Path(__file__).resolve().parent

# The one source of the defaults of settings read from the environment. infra/template.yaml's
# parameter defaults, the README's table and docs/deploy.md are checked against this mapping
# (tests/infra/test_config_drift.py), so a default is changed here and nowhere else first.
DEFAULTS: Mapping[str, str] = {
    "STEADYHEART_STORE": "memory",
    "STEADYHEART_LOG_LEVEL": "WARNING",
    "STEADYHEART_RETENTION_DAYS": "730",
    # 1.0 s: with two attempts, one call's theoretical worst is 2 x 2T + 1 s = 5.0 s, and a cold
    # start brings the worst turn to about 5.5 s, well inside Alexa's 8 s (ADR 0010).
    "STEADYHEART_STORAGE_TIMEOUT_S": "1.0",
    "STEADYHEART_API_TIMEOUT_S": "2.0",
    "STEADYHEART_SERVICE_NAME": "steady-heart",
    # Deletion (docs/deletion.md): the "yes" turn, the next request, one scheduled sweep run.
    "STEADYHEART_DELETE_BUDGET_S": "2.0",
    "STEADYHEART_RESUME_BUDGET_S": "1.0",
    "STEADYHEART_SWEEP_BUDGET_S": "5.0",
}


def _default_content_dir() -> Path:
    # In the repository and in the Lambda artifact alike, audio_scripts/ sits beside skill/.
    return _PACKAGE_ROOT.parent / "audio_scripts"


def _default_models_dir() -> Path:
    return _PACKAGE_ROOT.parent / "intents"


@dataclass(frozen=True)
class Settings:
    """What the skill needs from its environment."""

    store: str = "memory"
    """Which store keeps state: ``memory``, ``sqlite:PATH`` or ``dynamodb:TABLE``."""
    skill_id: str | None = None
    """When set, requests for any other skill id are refused."""
    log_level: str = "WARNING"
    retention_days: int = 730
    """How long history items (check-ins, journal entries) are kept before their TTL expires."""
    aws_region: str | None = None
    dynamodb_endpoint: str | None = None
    """Only for tests and local runs (DynamoDB Local)."""
    storage_timeout_s: float = 1.0
    """Connect and read timeout for each storage call; retries stay inside Alexa's 8 s."""
    api_timeout_s: float = 2.0
    """Timeout for calls to Alexa's APIs (reminders, settings)."""
    service_name: str = "steady-heart"
    """The name the operator's logs and metrics carry (the stack's name when deployed)."""
    session_key: str | None = field(default=None, repr=False)
    """Key for the MACs the skill puts in session attributes (permission to read private notes
    aloud). Unset: a random key per process (another worker asks again; nothing leaks)."""
    delete_budget_s: float = 2.0
    """How long a "delete my data" turn spends removing items before leaving the rest to the
    next request or the sweep (everything is unreadable from the first call)."""
    resume_budget_s: float = 1.0
    """How long the first request after an unfinished deletion spends carrying it on."""
    sweep_budget_s: float = 5.0
    """How long one scheduled sweep run spends finishing deletions (under Lambda's timeout)."""
    content_dir: Path = field(default_factory=_default_content_dir)
    models_dir: Path = field(default_factory=_default_models_dir)
    default_locale: str = "en-US"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        e = os.environ if env is None else env
        return cls(
            store=e.get("STEADYHEART_STORE", DEFAULTS["STEADYHEART_STORE"]),
            skill_id=e.get("STEADYHEART_SKILL_ID") or None,
            log_level=e.get("STEADYHEART_LOG_LEVEL", DEFAULTS["STEADYHEART_LOG_LEVEL"]).upper(),
            retention_days=int(
                e.get("STEADYHEART_RETENTION_DAYS", DEFAULTS["STEADYHEART_RETENTION_DAYS"])
            ),
            aws_region=e.get("AWS_REGION") or e.get("AWS_DEFAULT_REGION") or None,
            dynamodb_endpoint=e.get("STEADYHEART_DYNAMODB_ENDPOINT") or None,
            storage_timeout_s=float(
                e.get("STEADYHEART_STORAGE_TIMEOUT_S", DEFAULTS["STEADYHEART_STORAGE_TIMEOUT_S"])
            ),
            api_timeout_s=float(
                e.get("STEADYHEART_API_TIMEOUT_S", DEFAULTS["STEADYHEART_API_TIMEOUT_S"])
            ),
            service_name=e.get("STEADYHEART_SERVICE_NAME") or DEFAULTS["STEADYHEART_SERVICE_NAME"],
            session_key=e.get("STEADYHEART_SESSION_KEY") or None,
            delete_budget_s=float(
                e.get("STEADYHEART_DELETE_BUDGET_S", DEFAULTS["STEADYHEART_DELETE_BUDGET_S"])
            ),
            resume_budget_s=float(
                e.get("STEADYHEART_RESUME_BUDGET_S", DEFAULTS["STEADYHEART_RESUME_BUDGET_S"])
            ),
            sweep_budget_s=float(
                e.get("STEADYHEART_SWEEP_BUDGET_S", DEFAULTS["STEADYHEART_SWEEP_BUDGET_S"])
            ),
            content_dir=Path(e["STEADYHEART_CONTENT_DIR"])
            if e.get("STEADYHEART_CONTENT_DIR")
            else _default_content_dir(),
            models_dir=Path(e["STEADYHEART_MODELS_DIR"])
            if e.get("STEADYHEART_MODELS_DIR")
            else _default_models_dir(),
        )


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The process-wide settings (read once; tests build their own ``Settings``)."""
    return Settings.from_env()
