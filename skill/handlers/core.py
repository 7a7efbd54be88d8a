"""Built-in requests and intents, each aware of where the conversation is."""

from __future__ import annotations

import logging

from skill.content import Raw
from skill.exercises import ANSWER_INTENTS, FLOWS, MENU, START_INTENTS
from skill.exercises.safety import Safety, goodbye
from skill.handlers.base import TurnHandler
from skill.language.exercise_index import START_INTENT
from skill.localtime import local_day
from skill.state import Profile
from skill.turn import ProfileChange, Turn

log = logging.getLogger(__name__)
ABSENCE_DAYS = 14
"""Days away after which the welcome opens gently."""
HARD_MOMENT_S = 86400


def _count_visit(day: int) -> ProfileChange:
    """The first launch of a local day: one more day visited (decision 0061)."""

    def op(p: Profile) -> None:
        if p.last_visit_day == day:
            return  # re-applied after a conflict with a session that counted today already
        p.streak_days = p.streak_days + 1 if p.last_visit_day == day - 1 else 1
        p.last_visit_day = day
        p.visits += 1

    return op


def _in_exercise(t: Turn) -> bool:
    return t.session.flow is not None and t.session.flow != MENU


def _exercise_under_way(t: Turn) -> bool:
    """An exercise is running, or waits to be resumed (not merely asked for, as a one-shot
    waiting behind the first-visit question is)."""
    if t.nav.is_exercise(t.session.flow):
        return True
    return any(f.step is not None and t.nav.is_exercise(f.flow) for f in t.session.returns.frames)


def _opening(t: Turn) -> str:
    """The returning welcome: gentle after a hard moment (a safety turn or an unpleasant
    check-in in the last day) or a long absence; it never says why (a shared speaker)."""
    p, now = t.profile, t.req.now
    if not p.keeps_data:
        return "welcome.back"
    last = p.last_checkin
    hard = (p.safety_at and 0 <= now - p.safety_at <= HARD_MOMENT_S) or (
        last is not None
        and last.quadrant.startswith("unpleasant")
        and 0 <= now - last.at <= HARD_MOMENT_S
    )
    if hard:
        return "welcome.gentle"
    if p.last_visit_day and local_day(t) - p.last_visit_day > ABSENCE_DAYS:
        return "welcome.after_absence"
    return "welcome.back"


def _after_safety(t: Turn) -> bool:
    """A safety answer was given in the last day (known only with consent)."""
    p, now = t.profile, t.req.now
    return p.keeps_data and bool(p.safety_at) and 0 <= now - p.safety_at <= HARD_MOMENT_S


class LaunchHandler(TurnHandler):
    def matches(self, t: Turn) -> bool:
        return t.req.request_type == "LaunchRequest"

    def act(self, t: Turn) -> None:
        if t.profile.consent == "unknown":
            t.say("welcome.first")
            t.nav.start("consent")
            return
        opening = _opening(t)
        if t.profile.keeps_data:
            # Only the first launch of a day writes: another launch that day keeps nothing new,
            # and hears the same greeting and the same three (decision 0061).
            today = local_day(t)
            if t.profile.last_visit_day != today:
                t.change(_count_visit(today))
        visits = max(t.profile.visits - 1, 0)  # the days visited before today's
        if _after_safety(t):
            # A safety answer in the last day: open gently and ask how they are now.
            safety = FLOWS["safety"]
            assert isinstance(safety, Safety)
            safety.welcome_back(t)
            return
        t.nav.menu(opening, greeting=Raw(t.text.render_nth("welcome.greeting", visits)))


class SessionEndedHandler(TurnHandler):
    def matches(self, t: Turn) -> bool:
        return t.req.request_type == "SessionEndedRequest"

    def act(self, t: Turn) -> None:
        if t.req.session_end_reason == "ERROR":
            # Only the reason and error type: never what was said or who said it.
            log.warning("session ended with error type=%s", t.req.session_error_type)
        t.reply.end_session = None


class FlowStepHandler(TurnHandler):
    """The active flow's own answers: the intents its current step accepts."""

    def matches(self, t: Turn) -> bool:
        flow = FLOWS.get(t.session.flow or "")
        return (
            t.req.request_type == "IntentRequest"
            and flow is not None
            and flow.accepts(t.session.step, t.req.intent)
        )

    def act(self, t: Turn) -> None:
        FLOWS[t.session.flow or ""].handle(t)


class StartFlowHandler(TurnHandler):
    """A phrase that names an exercise starts it from anywhere ("let's do a check-in").

    An intent that is also an everyday answer to some step ("I feel lonely") starts its flow only
    outside an exercise: inside one, it is a miss and the open question is asked again.
    """

    intents = frozenset({"StartExerciseIntent", *START_INTENTS})

    def matches(self, t: Turn) -> bool:
        if not super().matches(t):
            return False
        # A reminder or the look-back asked for is never an exercise step's answer: it starts
        # from inside an exercise too ("not now, but can you remind me every evening").
        asked_for = t.req.intent in START_INTENT.values()
        return asked_for or not (_in_exercise(t) and t.req.intent in ANSWER_INTENTS)

    def act(self, t: Turn) -> None:
        flow_id = START_INTENTS.get(t.req.intent or "")
        if flow_id is None:
            slot = t.req.slot("exercise")
            flow_id = slot.resolved_id if t.nav.is_exercise(slot.resolved_id) else None
        if flow_id is None:
            t.say("menu.unknown_exercise")
            t.nav.menu("menu.offer")
            return
        flow = FLOWS[flow_id]
        asks_first = flow.keeps_notes and t.req.intent not in flow.urgent_intents
        if asks_first and t.profile.consent == "unknown" and t.req.new_session:
            # A one-shot start on a first visit: what was said first, in the person's own
            # word, then what this is, then ask before keeping.
            feeling = t.req.slot("feeling")
            if feeling.filled:
                t.say("welcome.heard", feeling=feeling.value)
                t.say("welcome.first_short")
            else:
                t.say("welcome.first")
            t.nav.start_after("consent", then=flow_id)
            return
        t.nav.start(flow_id)


class HelpHandler(TurnHandler):
    intents = frozenset({"AMAZON.HelpIntent"})

    def act(self, t: Turn) -> None:
        flow = FLOWS.get(t.session.flow or "")
        step = flow.steps.get(t.session.step or "") if flow else None
        if step is not None:
            t.say(step.help)
            t.ask_again()
        else:
            t.say("help.general")
            t.nav.menu("menu.offer")


class StopHandler(TurnHandler):
    intents = frozenset({"AMAZON.StopIntent"})

    def act(self, t: Turn) -> None:
        t.nav.leave()
        goodbye(t)


class CancelHandler(TurnHandler):
    """Cancel leaves an exercise (back to the menu); with no exercise under way anywhere (the
    first question, the menu, a question of our own), it says goodbye, as stop does."""

    intents = frozenset({"AMAZON.CancelIntent"})

    def act(self, t: Turn) -> None:
        if t.session.safety_answer and t.session.flow in (None, MENU, "safety"):
            t.nav.leave()
            goodbye(t)
        elif _exercise_under_way(t):
            t.say("cancel.left_exercise")
            t.nav.leave()
            t.nav.finish()
        else:
            t.nav.leave()
            goodbye(t)


class RepeatHandler(TurnHandler):
    intents = frozenset({"AMAZON.RepeatIntent"})

    def act(self, t: Turn) -> None:
        if t.session.last_speech:
            t.reply.question = t.session.last_speech
            t.reply.reprompt = t.session.last_reprompt or t.session.last_speech
        else:
            t.nav.menu("menu.offer")


class StartOverHandler(TurnHandler):
    intents = frozenset({"AMAZON.StartOverIntent"})

    def act(self, t: Turn) -> None:
        if _in_exercise(t):
            t.say("start_over.restart")
            t.nav.start(t.session.flow or "")
        else:
            t.nav.menu("menu.offer")


class NavigateHomeHandler(TurnHandler):
    intents = frozenset({"AMAZON.NavigateHomeIntent", "MenuIntent"})

    def act(self, t: Turn) -> None:
        t.nav.menu("menu.offer")


class WhatDoYouKeepHandler(TurnHandler):
    intents = frozenset({"WhatDoYouKeepIntent"})

    def act(self, t: Turn) -> None:
        t.say(f"privacy.keep.{t.profile.consent}")
        t.ask_again() if t.session.flow else t.nav.menu("menu.offer")


class DeleteDataHandler(TurnHandler):
    intents = frozenset({"DeleteDataIntent"})

    def act(self, t: Turn) -> None:
        t.nav.start("delete-data")


class YesNoOutOfPlaceHandler(TurnHandler):
    """A yes or no when no question is pending."""

    intents = frozenset({"AMAZON.YesIntent", "AMAZON.NoIntent"})

    def act(self, t: Turn) -> None:
        if t.req.intent == "AMAZON.NoIntent" and not _in_exercise(t):
            goodbye(t)
        else:
            t.nav.menu("menu.offer")


class MissHandler(TurnHandler):
    """Fallback, and any intent that does not fit where we are: re-ask, then offer the menu."""

    def matches(self, t: Turn) -> bool:
        return t.req.request_type == "IntentRequest"

    def act(self, t: Turn) -> None:
        flow = FLOWS.get(t.session.flow or "")
        step = flow.steps.get(t.session.step or "") if flow else None
        if flow is None or step is None:
            t.say("fallback.no_context")
            t.nav.menu("menu.offer")
            return
        t.nav.missed(step.retry or "fallback.retry")


class UnknownRequestHandler(TurnHandler):
    """Request types we do not use: answered plainly, never an exception."""

    def matches(self, t: Turn) -> bool:
        return True

    def act(self, t: Turn) -> None:
        if t.session.last_speech:
            t.say("unknown_request.in_session")
            t.ask_again()
        else:
            t.reply.end_session = None
