"""A check-in for two: both partners at the speaker, taking turns, in three short rounds.

Traces to the article's "if you stay": regular check-ins about your emotional connection, and
practising vulnerability together in small, safe ways; its strategies 2 and 3 (speak about your
own feelings, not the other's behaviour; meet the other's words with patience) become the three
ground rules said at the start: listen without interrupting, no fixing, speak about yourself.
Research: built for the optional "mode for two" (couple apps assume two engaged partners; ours
offers it only when both want it), with an appreciation round first (Algoe et al.).

Steps: ``ready`` (ground rules; "say ready when you've decided who goes first") -> ``talk``
six times: one appreciation each, one small worry each, one wish for the week each (first
speaker, then the other), with a breath together between rounds -> a warm close, and the session
ends (two people talking to each other are not asked "what next?").

Pacing. Alexa's microphone stays open about 8 s after a prompt, so each prompt is a question the
partners answer to each other, and "done" / "next" / "we're ready" (DoneIntent) or "skip" /
"move on" (SkipIntent) moves on. What
they say to each other while the microphone is open reaches the skill as whatever intent it
resembles: at these two steps every intent except explicit commands (:data:`COMMANDS`; stop,
cancel, help and repeat are answered before any flow) is taken as the partners talking, and
answered with a short silence and the same reprompt, so the microphone opens again and nothing
is interrupted. Nothing they say is read, captured or kept: no intent here has a free-phrase
slot, no ``keep`` is made (``keeps_notes`` is False, so a first visit starts at once, without
the notes question), and nothing private of either partner is read out. If nothing at all
comes, the reprompt ("take your time ... say done") is the last word and the session ends; there
is nothing to resume.

Timing (``timed`` below, checked by ``steadyheart lint``; the longest variation of each part):
Alexa speaks about 3 minutes in all: welcome and ground rules 32 s, appreciation round 42 s,
worry round 50 s (a breath together first), wish round 42 s, close 26 s: 192 s, thinking breaks
included. With each partner taking about 40 s per prompt, the six answers take 240 s, and the
seven "ready"/"done" turns about 3 s each (21 s): 192 + 240 + 21 = 453 s, about 7.5 minutes. At
20 s per answer it is about 5.5 minutes, at 60 s about 9.5 (tests/pattern/test_couple.py holds
the estimate between 5 and 10 minutes).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Final

from skill.exercises.base import COMMANDS, NO, YES, Flow, Step, Timed
from skill.turn import Turn

COUPLE = "CoupleCheckInIntent"
DONE = "DoneIntent"
SKIP = "SkipIntent"
"""Declared in intents/src/boundaries.yaml ("skip", "move on"): moves on here too."""
ADVANCE: Final = frozenset({DONE, SKIP})
FALLBACK = "AMAZON.FallbackIntent"


TURNS: Final = (
    "couple_check_in.appreciation.first",
    "couple_check_in.appreciation.second",
    "couple_check_in.worry.first",
    "couple_check_in.worry.second",
    "couple_check_in.wish.first",
    "couple_check_in.wish.second",
)
"""The six prompts in order: each round's first speaker, then the other."""
ANSWER_S: Final = 40
"""What one partner is expected to take per prompt (for the timing arithmetic)."""
TURN_OVERHEAD_S: Final = 3
"""Saying "ready" or "done" and Alexa answering."""


class CoupleCheckIn(Flow):
    id = "couple-check-in"
    group = "partner"
    keeps_notes = False
    start_intents = frozenset({COUPLE})
    timed: ClassVar[Mapping[str, Timed]] = {
        "welcome and ground rules": Timed(
            ("couple_check_in.intro", "couple_check_in.ask_ready"), 21
        ),
        "appreciation round": Timed(TURNS[0:2], 42, practice=True),
        "worry round": Timed(("couple_check_in.pause", *TURNS[2:4]), 50, practice=True),
        "wish round": Timed(("couple_check_in.pause", *TURNS[4:6]), 42, practice=True),
        "close": Timed(("couple_check_in.close",), 26),
    }
    # Declared for the contracts; ``accepts`` below takes every non-command intent at both steps.
    steps: ClassVar[Mapping[str, Step]] = {
        "ready": Step(ADVANCE | {YES, NO, FALLBACK}, help="help.couple_check_in.ready"),
        "talk": Step(ADVANCE | {YES, NO, FALLBACK}, help="help.couple_check_in.talk"),
    }

    def accepts(self, step: str | None, intent: str | None) -> bool:
        return step in self.steps and intent is not None and intent not in COMMANDS

    def start(self, t: Turn) -> None:
        t.session.enter(self.id, "ready", {"turn": -1})
        t.say("couple_check_in.intro")
        self.goto(t, "ready", "couple_check_in.ask_ready")

    def handle(self, t: Turn) -> None:
        ready = t.session.step == "ready"
        if t.req.intent in ADVANCE or (ready and t.req.intent == YES):
            self._next(t)
        else:
            # The partners talking to each other (or deciding who starts): stay out of the way.
            t.ask("couple_check_in.listening.ready" if ready else "couple_check_in.listening.talk")

    def _next(self, t: Turn) -> None:
        n = int(t.session.data.get("turn", -1)) + 1
        if n >= len(TURNS):
            t.say("couple_check_in.close")
            t.session.leave()
            t.end()
            return
        if n > 0 and n % 2 == 0:
            t.say("couple_check_in.pause")
        t.session.data["turn"] = n
        self.goto(t, "talk", TURNS[n])
