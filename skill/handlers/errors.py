"""The last line: an exception in a handler gets one apology and a usable session."""

from __future__ import annotations

import logging
import traceback

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.response import Response

from skill import telemetry
from skill.config import Settings
from skill.content import catalog_for
from skill.handlers.base import turn_of
from skill.interceptors import mark_error

log = logging.getLogger(__name__)


def _where(exc: BaseException) -> str:
    """File and line of the failure, without the message (it may hold what was said)."""
    frames = traceback.extract_tb(exc.__traceback__)
    last = frames[-1] if frames else None
    return f"{last.filename.rsplit('/', 1)[-1]}:{last.lineno}" if last else "?"


class ApologyExceptionHandler(AbstractExceptionHandler):
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        log.error("handler failed: %s at %s", type(exception).__name__, _where(exception))
        telemetry.record(telemetry.APOLOGY, "handler")
        t = turn_of(handler_input)
        rb = handler_input.response_builder
        if t is None:
            text = catalog_for(self.settings.content_dir, self.settings.default_locale)
            rb.speak(f"<speak>{text.get('error.apology').variants[0]}</speak>")
            rb.set_should_end_session(True)
            return rb.response
        errors = mark_error(handler_input)
        if errors >= 2:
            rb.speak(f"<speak>{t.text.render('error.again')}</speak>")
            rb.set_should_end_session(True)
            return rb.response
        apology = t.text.render("error.apology")
        question = t.session.last_reprompt or t.text.render("menu.next")
        rb.speak(f"<speak>{apology} {question}</speak>").ask(f"<speak>{question}</speak>")
        rb.set_should_end_session(False)
        return rb.response
