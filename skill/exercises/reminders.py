"""A daily reminder to come back for a moment: set, move, tell, stop; and the permission for it.

Offered once after a practice (never again for a week after a "no"), or asked for directly
("remind me every day at 8 pm"). Reminders are created with Alexa's Reminders API in the device's
time zone, repeat daily, and their spoken text names nothing personal.

Permission: the API answers 401 when the person has not allowed the skill to create reminders.
Then the skill asks by voice with a ``Connections.SendRequest`` AskFor directive. That response
must end the session (no reprompt); Alexa asks, and the answer comes back as a new
``Connections.Response`` request, possibly in a new session, so what to do next travels in the
directive's ``token`` (e.g. ``steadyheart.reminder.v1:set:20:00``), never in session attributes.

What is kept: with consent to keep notes, the reminder's alert token and time
(``Profile.reminder``), whether permission was given, and when a reminder was declined. Without
that consent nothing is kept: the reminder is still created, and "move", "when" and "stop" find
it by listing the skill's own reminders (a skill only ever sees the reminders it created).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Final

from skill.alexa_api import (
    REMINDERS_SCOPE,
    AlexaApi,
    ApiError,
    daily_reminder_body,
    daily_time,
    is_active,
)
from skill.content import Raw
from skill.exercises.base import NO, YES, Flow, Step
from skill.localtime import time_zone
from skill.state import Profile, Reminder
from skill.turn import Turn

if TYPE_CHECKING:
    from ask_sdk_model.interfaces.connections.send_request_directive import (
        SendRequestDirective,
    )

SET = "ReminderIntent"
MOVE = "ChangeReminderIntent"
WHEN = "ReminderWhenIntent"
STOP = "StopRemindersIntent"
TIME = "ReminderTimeIntent"
TIME_SLOT = "time"

DECLINE_QUIET_S: Final = 7 * 86400
"""After a "no", no new offer for a week."""
TOKEN_PREFIX: Final = "steadyheart.reminder.v1"  # noqa: S105 - a label, not a secret
_TOKEN_RE: Final = re.compile(rf"^{re.escape(TOKEN_PREFIX)}:set:([0-9]{{2}}):([0-9]{{2}})$")
_CLOCK_RE: Final = re.compile(r"^T?([0-9]{1,2}):([0-9]{2})")
PERIODS: Final[Mapping[str, tuple[int, int]]] = {
    "MO": (8, 0),
    "AF": (14, 0),
    "EV": (19, 0),
    "NI": (21, 0),
}
"""AMAZON.TIME answers a part of the day ("in the evening") with a code: a usual time for it."""


# --- what is remembered (only with consent to keep notes) ---------------------------------
def _remember(alert_token: str, hour: int, minute: int) -> Callable[[Profile], None]:
    def op(p: Profile) -> None:
        if p.keeps_data:
            p.reminder = Reminder(alert_token=alert_token, hour=hour, minute=minute)
            p.reminder_permission = True

    return op


def _forget(p: Profile) -> None:
    p.reminder = None


def _permission(granted: bool) -> Callable[[Profile], None]:
    def op(p: Profile) -> None:
        if p.keeps_data:
            p.reminder_permission = granted

    return op


def _declined(at: int) -> Callable[[Profile], None]:
    def op(p: Profile) -> None:
        if p.keeps_data:
            p.reminder_declined_at = at

    return op


# --- small pure helpers ---------------------------------------------------------------------
def parse_time(value: str | None) -> tuple[int, int] | None:
    """An AMAZON.TIME value ("20:00", "08:30", "EV") as hour and minute."""
    if not value:
        return None
    v = value.strip().upper()
    if v in PERIODS:
        return PERIODS[v]
    m = _CLOCK_RE.match(v)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2))
    return (hour, minute) if hour < 24 and minute < 60 else None


def consent_token(hour: int, minute: int) -> str:
    return f"{TOKEN_PREFIX}:set:{hour:02d}:{minute:02d}"


def read_consent_token(token: str | None) -> tuple[int, int] | None:
    """The time carried by our own AskFor token; None for anything else."""
    m = _TOKEN_RE.match(token or "")
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2))
    return (hour, minute) if hour < 24 and minute < 60 else None


def spoken_time(t: Turn, hour: int, minute: int) -> Raw:
    """ "8 PM", "8:30 AM", "noon", "midnight", from content (so each locale can say it its way)."""
    if (hour, minute) == (12, 0):
        return Raw(t.text.render("reminders.time.noon"))
    if (hour, minute) == (0, 0):
        return Raw(t.text.render("reminders.time.midnight"))
    half = "pm" if hour >= 12 else "am"
    h12 = hour % 12 or 12
    if minute == 0:
        return Raw(t.text.render(f"reminders.time.{half}", hour=h12))
    return Raw(t.text.render(f"reminders.time.{half}_minutes", hour=h12, minute=f"{minute:02d}"))


def ask_permission_directive(hour: int, minute: int) -> SendRequestDirective:
    # Here, not at the top: ask_sdk_model's connections package is a few milliseconds of cold
    # start that only the turn asking for the reminders permission needs.
    from ask_sdk_model.interfaces.connections.send_request_directive import (
        SendRequestDirective,
    )

    return SendRequestDirective(
        name="AskFor",
        payload={
            "@type": "AskForPermissionsConsentRequest",
            "@version": "2",
            "permissionScopes": [{"permissionScope": REMINDERS_SCOPE, "consentLevel": "ACCOUNT"}],
        },
        token=consent_token(hour, minute),
    )


def may_offer(t: Turn) -> bool:
    """Offer a daily reminder after a practice? Only with consent to keep notes (so a "no" can
    be remembered for a week), when none is set, and not within a week of a "no"."""
    p = t.profile
    return (
        p.keeps_data
        and t.key is not None
        and p.reminder is None
        and t.req.now - p.reminder_declined_at >= DECLINE_QUIET_S
    )


@dataclass(frozen=True)
class ConsentAnswer:
    """What a ``Connections.Response`` to our AskFor said."""

    name: str | None
    code: str | None
    """``status.code``: "200" when the request went through."""
    status: str | None
    """``payload.status``: ACCEPTED, DENIED or NOT_ANSWERED."""
    token: str | None

    @classmethod
    def of(cls, request: Any) -> ConsentAnswer:
        """Read it from ask_sdk_model's ``ConnectionsResponse`` (tolerant of missing parts)."""
        payload = getattr(request, "payload", None)
        status = payload.get("status") if isinstance(payload, dict) else None
        code = getattr(getattr(request, "status", None), "code", None)
        name = getattr(request, "name", None)
        token = getattr(request, "token", None)
        return cls(
            name=str(name) if name is not None else None,
            code=str(code) if code is not None else None,
            status=str(status) if status is not None else None,
            token=str(token) if token is not None else None,
        )


# --- the flow -------------------------------------------------------------------------------
class Reminders(Flow):
    id = "reminders"
    exercise = False
    start_intents = frozenset({SET, MOVE, WHEN, STOP})
    steps: ClassVar[Mapping[str, Step]] = {
        "offer": Step(frozenset({YES, NO}), help="help.reminders.offer", retry="reminders.retry"),
        "time": Step(
            frozenset({TIME, SET, MOVE, NO}),
            help="help.reminders.time",
            retry="reminders.time_retry",
        ),
    }

    @classmethod
    def offer(cls, t: Turn) -> None:
        """After a practice: would a daily reminder help?"""
        t.session.enter(cls.id, "offer")
        t.ask("reminders.offer")

    def start(self, t: Turn) -> None:
        intent = t.req.intent
        if intent == WHEN:
            self.tell_when(t)
        elif intent == STOP:
            self.stop(t)
        else:
            # "remind me every day at 8 pm", "move my reminder to 9", or after the first-visit
            # consent question: the time if it was said, else ask for it.
            when = parse_time(t.req.slot(TIME_SLOT).value) if intent in (SET, MOVE) else None
            if when is None:
                self.goto(t, "time", "reminders.ask_time")
            else:
                self.set_daily(t, *when)

    def handle(self, t: Turn) -> None:
        if t.session.step == "offer":
            if t.req.intent == YES:
                self.goto(t, "time", "reminders.ask_time")
            else:
                self.decline(t)
            return
        if t.req.intent == NO:
            self.decline(t)
            return
        when = parse_time(t.req.slot(TIME_SLOT).value)
        if when is not None:
            self.set_daily(t, *when)
            return
        t.session.retries += 1
        if t.session.retries >= 2:
            t.say("reminders.no_time")
            t.nav.finish()
            return
        t.say("reminders.time_retry")
        t.ask_again()

    # --- outcomes ---------------------------------------------------------------------------
    def decline(self, t: Turn) -> None:
        t.change(_declined(t.req.now))
        t.say("reminders.declined")
        t.nav.finish()

    def ask_permission(self, t: Turn, hour: int, minute: int) -> None:
        """Alexa asks; the answer arrives as a Connections.Response (see module doc)."""
        t.session.leave()
        t.say("reminders.permission_why")
        t.reply.directives.append(ask_permission_directive(hour, minute))
        t.end()

    def _api_failed(self, t: Turn, err: ApiError, hour: int, minute: int, asked: bool) -> None:
        if err.no_permission and not asked:
            self.ask_permission(t, hour, minute)
            return
        if err.no_permission:
            t.say("reminders.permission_missing")
        elif err.status == 403:
            t.say("reminders.not_allowed")
        elif err.status == 429:
            t.say("reminders.busy")
        else:
            t.say("reminders.failed")
        t.nav.finish()

    def set_daily(self, t: Turn, hour: int, minute: int, *, asked: bool = False) -> None:
        """Create (or move) the one daily reminder; ``asked``: permission was just given."""
        if t.api is None:
            if asked:
                t.say("reminders.failed")
                t.nav.finish()
            else:
                self.ask_permission(t, hour, minute)
            return
        api = AlexaApi(t.api, t.settings.api_timeout_s)
        try:
            existing = self._existing(t, api)
            body = daily_reminder_body(
                hour=hour,
                minute=minute,
                now=t.req.now,
                time_zone=time_zone(t),
                locale=t.req.locale,
                text=t.text.plain("reminders.alert_text"),
            )
            moved = False
            if existing is not None:
                try:
                    alert_token = api.update_reminder(existing, body)
                    moved = True
                except ApiError as err:
                    if not err.not_found:
                        raise
                    alert_token = api.create_reminder(body)
            else:
                alert_token = api.create_reminder(body)
        except ApiError as err:
            self._api_failed(t, err, hour, minute, asked)
            return
        t.change(_remember(alert_token, hour, minute))
        t.say("reminders.moved" if moved else "reminders.set", time=spoken_time(t, hour, minute))
        t.say("reminders.how_to_stop")
        t.nav.finish()

    def _existing(self, t: Turn, api: AlexaApi) -> str | None:
        """Our daily reminder's alert token: from the profile, else from the skill's list."""
        if t.profile.reminder is not None:
            return t.profile.reminder.alert_token
        for alert in api.list_reminders():
            token = alert.get("alertToken")
            if isinstance(token, str) and token and is_active(alert):
                return token
        return None

    def tell_when(self, t: Turn) -> None:
        saved = t.profile.reminder
        found: tuple[int, int] | None = None
        try:
            if t.api is None:
                raise ApiError(0, "NO_ACCESS")
            api = AlexaApi(t.api, t.settings.api_timeout_s)
            if saved is not None:
                try:
                    found = daily_time(api.get_reminder(saved.alert_token))
                except ApiError as err:
                    if not err.not_found:
                        raise
                    t.change(_forget)
            else:
                active = [a for a in api.list_reminders() if is_active(a)]
                found = daily_time(active[0]) if active else None
        except ApiError as err:
            if saved is None:
                self._api_failed(t, err, 0, 0, asked=True)
                return
            found = (saved.hour, saved.minute)  # what we set, when the service can't be asked
        if found is None:
            t.say("reminders.when_none")
        else:
            t.say("reminders.when", time=spoken_time(t, *found))
            t.say("reminders.how_to_stop")
        t.nav.finish()

    def stop(self, t: Turn) -> None:
        saved = t.profile.reminder
        if t.api is None:
            t.say("reminders.failed")
            t.nav.finish()
            return
        api = AlexaApi(t.api, t.settings.api_timeout_s)
        stopped = 0
        try:
            if saved is not None:
                tokens = [saved.alert_token]
            else:
                tokens = [a["alertToken"] for a in api.list_reminders() if a.get("alertToken")]
            for alert_token in tokens:
                try:
                    api.delete_reminder(str(alert_token))
                    stopped += 1
                except ApiError as err:
                    if not err.not_found:
                        raise
        except ApiError as err:
            self._api_failed(t, err, 0, 0, asked=True)
            return
        if saved is not None:
            t.change(_forget)
        t.say("reminders.stopped" if stopped or saved is not None else "reminders.stopped_none")
        t.nav.finish()

    # --- the answer to AskFor ---------------------------------------------------------------
    def on_consent(self, t: Turn, answer: ConsentAnswer) -> None:
        """A ``Connections.Response`` (a new request; session attributes may be gone)."""
        t.session.leave()
        when = read_consent_token(answer.token)
        went_through = answer.code in (None, "200")
        if answer.name != "AskFor" or when is None:
            t.say("reminders.permission_not_answered")
            t.nav.finish()
        elif went_through and answer.status == "ACCEPTED":
            t.change(_permission(True))
            self.set_daily(t, *when, asked=True)
        elif went_through and answer.status == "DENIED":
            t.change(_permission(False))
            t.change(_declined(t.req.now))
            t.say("reminders.permission_denied")
            t.nav.finish()
        else:
            t.say("reminders.permission_not_answered")
            t.nav.finish()


def offer_reminder(t: Turn) -> None:
    """After a practice: would a daily reminder help? (The reminders flow takes over.)"""
    Reminders.offer(t)
