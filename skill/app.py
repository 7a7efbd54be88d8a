"""Composition only: builds the skill from the registry and exposes ``lambda_handler``."""

from __future__ import annotations

import json
import logging
from typing import Any

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_model.request_envelope import RequestEnvelope

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
from skill.storage import Store, StoreUnavailable, open_store

log = logging.getLogger("skill")


class SteadyHeart:
    """The skill with its store: one per process in Lambda, one per test elsewhere."""

    def __init__(self, cfg: Settings, store: Store | None = None) -> None:
        self.settings = cfg
        self.store = store if store is not None else open_store(cfg)
        sb = SkillBuilder()
        if cfg.skill_id:
            sb.skill_id = cfg.skill_id  # type: ignore[assignment]  # typed None in the SDK
        for handler in HANDLERS:
            sb.add_request_handler(handler)
        sb.add_exception_handler(ApologyExceptionHandler(cfg))
        sb.add_global_request_interceptor(LoadTurnInterceptor(cfg, self.store, REGISTRY))
        sb.add_global_request_interceptor(ScreenTurnInterceptor())
        sb.add_global_response_interceptor(SaveTurnInterceptor(cfg, self.store))
        self.skill: CustomSkill = sb.create()

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
            envelope = self.skill.serializer.deserialize(
                payload=json.dumps(event), obj_type=RequestEnvelope
            )
            response = self.skill.invoke(envelope, Invocation(event, context))
            out = self.skill.serializer.serialize(response)
            if not isinstance(out, dict):
                raise TypeError("the serializer did not produce an object")
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
