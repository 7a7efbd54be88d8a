"""Small words that move around a conversation (issue 17, decision 0036): pause and resume, go
back, next and "another", "not sure", and what people say when they need to be heard.

Each handler comes after the active flow's own answers (``FlowStepHandler``), so a step that
gives one of these intents its own meaning keeps it (the opener's "not sure" about safety, the
couple check-in's "next"); pause and resume come before it, as they mean the same everywhere.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from skill.exercises import FLOWS, MENU
from skill.exercises.menu import SUGGEST_ONE, UNSURE_INTENTS
from skill.handlers.base import TurnHandler
from skill.turn import Turn

PAUSE: Final = "AMAZON.PauseIntent"
RESUME: Final = "AMAZON.ResumeIntent"
PREVIOUS: Final = "AMAZON.PreviousIntent"
NEXT: Final = "AMAZON.NextIntent"
CHANGED_MIND: Final = "ChangedMindIntent"
ANOTHER_ROUND: Final = "AnotherRoundIntent"
ANOTHER_IDEA: Final = "AnotherIdeaIntent"
DONE: Final = "DoneIntent"
YES: Final = "AMAZON.YesIntent"
RESUME_AFTER_PAUSE: Final = frozenset({YES, "HearMoreIntent", DONE, NEXT})
"""After a holding line, "okay", "go on", "carry on", "i'm ready", "next" all mean: go on."""
NEXT_WORDS: Final = frozenset({NEXT, ANOTHER_ROUND, ANOTHER_IDEA, DONE})
"""'next', 'another', 'one more', 'done': at a step that offers another round, another one."""
VENT_INTENTS: Final = frozenset({"VentIntent", "AppreciationDeedIntent", "AppreciationStateIntent"})
"""'i need to vent', and statements about the partner ("he's been on his phone all night") said
outside an exercise: they need listening, not a menu. The safety screen has read them first."""
LISTENING: Final = "listening"


def _in_exercise(t: Turn) -> bool:
    return t.session.flow is not None and t.session.flow != MENU


class PauseHandler(TurnHandler):
    """ "Wait", "hold on", "give me a sec": a calm holding line; the question stays pending."""

    intents = frozenset({PAUSE})

    def act(self, t: Turn) -> None:
        t.ask("pause.holding")
        t.reply.holding = True


class ResumeHandler(TurnHandler):
    """ "Go on", "continue" (or "okay" after a pause): the pending question, asked again."""

    intents = frozenset({RESUME, *RESUME_AFTER_PAUSE})

    def matches(self, t: Turn) -> bool:
        if not super().matches(t):
            return False
        return t.req.intent == RESUME or t.session.paused

    def act(self, t: Turn) -> None:
        if t.session.last_speech and (t.session.paused or _in_exercise(t)):
            t.say("pause.resume")
            t.ask_again()
        else:
            t.nav.menu("menu.offer")


class BackHandler(TurnHandler):
    """ "Go back", "previous", "i changed my mind": the previous step where the flow has one;
    from an exercise's first question, back to choosing; else the same question again, or (a
    change of mind) something else instead."""

    intents = frozenset({PREVIOUS, CHANGED_MIND})

    def act(self, t: Turn) -> None:
        flow = FLOWS.get(t.session.flow or "")
        back = flow.back_to.get(t.session.step or "") if flow is not None else None
        if flow is not None and back is not None:
            step, key = back
            t.say("back.previous")
            flow.goto(t, step, key)
            return
        if t.req.intent == CHANGED_MIND or not t.session.last_speech:
            t.say("back.changed_mind")
            t.nav.menu("menu.offer")
            return
        if flow is not None and flow.id != MENU and t.session.step == next(iter(flow.steps), None):
            # Back from an exercise's first question is back to where it was chosen.
            t.say("back.to_choosing")
            t.nav.menu("menu.offer")
            return
        # Nothing before: said kindly (at the menu, that this is the start), then the same
        # question again.
        at_start = flow is not None and flow.id == MENU
        t.say("back.at_start" if at_start else "back.nothing_before")
        t.ask_again()


class NextHandler(TurnHandler):
    """ "Next", "another", "one more" where the step offers another round: taken as that; at
    any other question, what to say there, asked again (never counted as a miss)."""

    intents = NEXT_WORDS

    def act(self, t: Turn) -> None:
        flow = FLOWS.get(t.session.flow or "")
        step = t.session.step
        if flow is not None and flow.id != MENU:
            for meant in (ANOTHER_ROUND, ANOTHER_IDEA):
                if flow.accepts(step, meant):
                    t.req = replace(t.req, intent=meant)
                    flow.handle(t)
                    return
            help_key = flow.help_for(step)
            if help_key:
                t.say(help_key)
                t.ask_again()
                return
        t.nav.menu("menu.offer")


class VentHandler(TurnHandler):
    """Someone who needs to be heard: the listening path, from anywhere outside an exercise
    ("i just need to vent" starts it from inside one too, through its start intent)."""

    intents = VENT_INTENTS

    def matches(self, t: Turn) -> bool:
        return super().matches(t) and not _in_exercise(t) and LISTENING in FLOWS

    def act(self, t: Turn) -> None:
        t.nav.start(LISTENING)


class UnsureHandler(TurnHandler):
    """ "Not sure", "i don't know", "no idea" at a question whose step does not take it: the
    flow's own move if it has one, else what to say there, asked again (not a miss)."""

    intents = frozenset(UNSURE_INTENTS)

    def act(self, t: Turn) -> None:
        flow = FLOWS.get(t.session.flow or "")
        if flow is not None and flow.id != MENU:
            if flow.on_unsure(t):
                return
            help_key = flow.help_for(t.session.step)
            if help_key:
                t.say("unsure.fine")
                t.say(help_key)
                t.ask_again()
                return
        t.say("menu.unsure")
        t.nav.menu(SUGGEST_ONE)
