"""What the operator is told: counts and JSON log lines, never anything personal.

Events are named here and carry at most one label from each event's fixed vocabulary
(``LABELS``: an operation, a status class, a safety category). Ids, tokens, request bodies and
anything the person said never reach the output: a label outside the vocabulary is counted
and logged as ``other``.

Counts go out as CloudWatch embedded metric format (EMF) through aws-lambda-powertools
``Metrics``, once per invocation from ``flush()``; log lines through a powertools ``Logger``
(JSON on stdout). Both are imported on the first event, not at cold start: a turn without an
event never loads powertools (see docs/decisions/0025-operator-signal.md).
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from aws_lambda_powertools import Logger, Metrics

NAMESPACE: Final = "SteadyHeart"

STORAGE_FAULT: Final = "StorageFault"
CONFLICTS_EXHAUSTED: Final = "ConflictsExhausted"
API_FAILURE: Final = "AlexaApiFailure"
VERIFICATION_FAILURE: Final = "VerificationFailure"
SAFETY_EVENT: Final = "SafetyEvent"
APOLOGY: Final = "Apology"

# Metrics that are counted per label (the label becomes part of the metric's name); the others
# are one metric each, and the label only appears in the log line.
PER_LABEL: Final = frozenset({SAFETY_EVENT})
# What the person heard about: the operator should see these at the default WARNING level.
# Safety events are counted, and logged only at INFO.
_LEVEL: Final = {SAFETY_EVENT: logging.INFO}

# The only labels each event may carry; anything else is logged and counted as ``other``.
LABELS: Final[dict[str, frozenset[str]]] = {
    STORAGE_FAULT: frozenset({"load", "commit", "reload", "delete", "delete_account"}),
    CONFLICTS_EXHAUSTED: frozenset(),
    API_FAILURE: frozenset({"refused", "server_error", "unreachable"}),
    VERIFICATION_FAILURE: frozenset(
        {"signature", "certificate", "timestamp", "skill_id", "request", "verifier_failed"}
    ),
    SAFETY_EVENT: frozenset(
        {"suicide", "self_harm", "danger", "violence", "abuse", "sexual_abuse"}
        | {"intent", "disclosed"}
    ),
    APOLOGY: frozenset({"handler", "envelope"}),
}
# A verification failure's reason is a fixed phrase (skill/verify.py); it is counted by topic.
_VERIFICATION_TOPICS: Final = (
    ("signature", "signature"),
    ("certificate", "certificate"),
    ("timestamp", "timestamp"),
    ("skill id", "skill_id"),
    ("request", "request"),
    ("verifier failed", "verifier_failed"),
)
OTHER: Final = "other"

_state: dict[str, Any] = {"service": "steady-heart", "level": "WARNING"}
_pending: list[str] = []
_handler: _LazyJsonHandler | None = None


def _label(event: str, value: str | None) -> str | None:
    """The label as counted: one of the event's own, ``other`` for anything else."""
    if value is None:
        return None
    if event == VERIFICATION_FAILURE:
        lowered = value.lower().replace("_", " ")
        value = next((label for word, label in _VERIFICATION_TOPICS if word in lowered), OTHER)
    return value if value in LABELS[event] else OTHER


def metric_name(event: str, label: str | None) -> str:
    return f"{event}.{label}" if event in PER_LABEL and label else event


def configure(service: str, level: str) -> None:
    """Route the skill's own log records through a JSON handler (powertools, built lazily)."""
    global _handler
    _state["service"] = service
    _state["level"] = level
    root = logging.getLogger("skill")
    if _handler is None:
        _handler = _LazyJsonHandler()
        root.addHandler(_handler)
        root.propagate = False
    root.setLevel(level)


def record(event: str, label: str | None = None) -> None:
    """Count one event and log it (JSON), with a label from a fixed vocabulary."""
    if event not in LABELS:
        raise ValueError(f"unknown telemetry event {event!r}")
    clean = _label(event, label)
    _pending.append(metric_name(event, clean))
    logger = logging.getLogger("skill.telemetry")
    logger.log(
        _LEVEL.get(event, logging.WARNING),
        event,
        extra={"event": event, "label": clean},
        stacklevel=2,
    )


def flush() -> None:
    """Publish this invocation's counts (one EMF line); nothing at all when there were none."""
    if not _pending:
        return
    names = list(_pending)
    _pending.clear()
    metrics = _metrics()
    from aws_lambda_powertools.metrics import MetricUnit

    for name in names:
        metrics.add_metric(name=name, unit=MetricUnit.Count, value=1)
    metrics.flush_metrics()


def pending() -> list[str]:
    """The counts not yet published (for tests)."""
    return list(_pending)


def reset() -> None:
    """Forget unpublished counts (for tests)."""
    _pending.clear()


def _metrics() -> Metrics:
    from aws_lambda_powertools import Metrics

    return Metrics(namespace=NAMESPACE, service=str(_state["service"]))


def _logger() -> Logger:
    from aws_lambda_powertools import Logger

    return Logger(
        service=str(_state["service"]),
        level=str(_state["level"]),
        stream=sys.stdout,
        # Records name where they were logged; never a stack trace with its messages.
        serialize_stacktrace=False,
        log_uncaught_exceptions=False,
    )


class _LazyJsonHandler(logging.Handler):
    """Builds the powertools Logger on the first record, then formats every record with it."""

    def __init__(self) -> None:
        super().__init__()
        self._inner: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._inner is None:
            self._inner = _logger().registered_handler
        # Exception text can hold what was said: keep the type only.
        if record.exc_info:
            exc = record.exc_info[1]
            record.exc_info = None
            record.exc_text = None
            record.msg = f"{record.getMessage()} ({type(exc).__name__})"
            record.args = None
        self._inner.handle(record)
