"""Composition only: builds the skill from the registry and exposes ``lambda_handler``."""

from __future__ import annotations

import logging
from typing import Any

from skill import telemetry
from skill.config import Settings, settings
from skill.content import catalog_for
from skill.exercises import REGISTRY
from skill.handlers import HANDLERS
from skill.handlers.errors import ApologyExceptionHandler
from skill.interceptors import (
    Invocation,
    LoadTurnInterceptor,
    SaveTurnInterceptor,
    ScreenTurnInterceptor,
)
from skill.limits import limit_breach
from skill.request import Dispatch, full_envelope, light_envelope
from skill.storage import Store, StoreUnavailable, open_store

log = logging.getLogger("skill")


class SteadyHeart:
    """The skill with its store: one per process in Lambda, one per test elsewhere."""

    def __init__(self, cfg: Settings, store: Store | None = None) -> None:
        self.settings = cfg
        self.store = store if store is not None else open_store(cfg)
        # ask-sdk's dispatcher, handlers and interceptors; envelopes read by skill/request.py.
        self.dispatch = Dispatch(
            HANDLERS,
            [ApologyExceptionHandler(cfg)],
            [LoadTurnInterceptor(cfg, self.store, REGISTRY), ScreenTurnInterceptor()],
            [SaveTurnInterceptor(cfg, self.store)],
        )

    def sweep(self) -> int:
        """The scheduled run: finish deletions left unfinished; how many are still under way."""
        try:
            return self.store.sweep(self.settings.sweep_budget_s)
        except StoreUnavailable as exc:
            log.error("sweep not run: %s", type(exc).__name__)
            return -1

    def __call__(self, event: Any, context: object = None) -> dict[str, Any]:
        """Answer one Alexa request envelope. Never raises: a bad request gets a valid reply."""
        try:
            if not isinstance(event, dict) or not isinstance(event.get("request"), dict):
                raise ValueError("not an Alexa request envelope")
            if self.settings.skill_id and _application_id(event) != self.settings.skill_id:
                raise PermissionError("a request for another skill")
            envelope = light_envelope(event) or full_envelope(event)
            out = self.dispatch.invoke(envelope, Invocation(event, context))
            breach = limit_breach(out)
            if breach is not None:
                log.error("reply breaks Alexa's limits (%s); answering with the apology", breach)
                return _fallback_response(self.settings)
            return out
        except Exception as exc:  # the caller is Alexa: answer, never crash
            log.error("request failed before a handler answered: %s", type(exc).__name__)
            telemetry.record(telemetry.APOLOGY, "envelope")
            return _fallback_response(self.settings)
        finally:
            telemetry.flush()


def _application_id(event: dict[str, Any]) -> object:
    system = (event.get("context") or {}).get("System") or {}
    return (system.get("application") or {}).get("applicationId")


def _fallback_response(cfg: Settings) -> dict[str, Any]:
    text = catalog_for(cfg.content_dir, cfg.default_locale).get("error.apology").variants[0]
    return {
        "version": "1.0",
        "response": {
            "outputSpeech": {"type": "SSML", "ssml": f"<speak>{text}</speak>"},
            "shouldEndSession": True,
        },
    }


_app: SteadyHeart | None = None


def lambda_handler(event: Any, context: object) -> dict[str, Any]:
    """The Lambda entry point. The skill and its store are built on the first request."""
    global _app
    if _app is None:
        cfg = settings()
        logging.getLogger().setLevel(cfg.log_level)
        telemetry.configure(cfg.service_name, cfg.log_level)
        _app = SteadyHeart(cfg)
    if isinstance(event, dict) and event.get("steadyheart") == "sweep":
        # The schedule in infra/template.yaml (not Alexa): finish unfinished deletions.
        return {"remaining": _app.sweep()}
    return _app(event, context)
