"""Boundaries: three questions, one at a time, each answer said back; kept privately on request.

From the article's "setting boundaries when needed": define what emotional closeness looks like
for you, say what you are no longer willing to accept, and decide what you will do if your needs
stay unmet. Boundaries are about clarity and self-respect, never punishment: the third question
asks what the person will do *for themselves*.

Steps: ``closeness`` -> ``not_accept`` -> ``if_unmet`` -> ``keep``. Each answer is a free phrase
behind a carrier phrase ("for me it's ...", "I won't accept ...", "I'll ..."); any carrier answers
any question. "Skip", "next", "no", "not sure" or "I don't know" move on kindly. Words that do not
come through get a hint once, then the question is left for another time. At the end, only with
consent to keep notes and only if something was said: "keep these privately?", asked once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Final

from skill.exercises.base import NO, YES, Flow, Step, Timed
from skill.exercises.journal import JournalReadBack
from skill.exercises.selfcare import DONE, FALLBACK, FEELING, SKIP, UNSURE, own_words, skipping
from skill.language.second_person import to_listener
from skill.state import HistoryItem
from skill.turn import Turn

START = "BoundariesIntent"
READ = "ReadBoundariesIntent"
ANSWER = "BoundaryAnswerIntent"
NEED = "NeedIntent"
"""A bare need ("time together") answers the closeness question."""

QUESTIONS: Final = ("closeness", "not_accept", "if_unmet")
"""The steps, in order; also the names the answers are kept under."""

_SKIPS: Final = frozenset({SKIP, DONE, NO, UNSURE, FEELING})
_ANSWERS: Final = frozenset({ANSWER, FALLBACK, YES}) | _SKIPS


class Boundaries(Flow):
    id = "boundaries"
    start_intents = frozenset({START})
    timed: ClassVar[Mapping[str, Timed]] = {
        "opening": Timed(("boundaries.intro", "boundaries.ask_closeness"), 20),
    }
    steps: ClassVar[Mapping[str, Step]] = {
        "closeness": Step(
            _ANSWERS | {NEED}, help="help.boundaries.closeness", retry="boundaries.retry"
        ),
        "not_accept": Step(_ANSWERS, help="help.boundaries.not_accept", retry="boundaries.retry"),
        "if_unmet": Step(_ANSWERS, help="help.boundaries.if_unmet", retry="boundaries.retry"),
        "keep": Step(frozenset({YES, NO}), help="help.boundaries.keep", retry="boundaries.retry"),
    }

    def start(self, t: Turn) -> None:
        t.session.enter(self.id, "closeness")
        t.say("boundaries.intro")
        self.goto(t, "closeness", "boundaries.ask_closeness")

    def handle(self, t: Turn) -> None:
        step = t.session.step or "closeness"
        if step == "keep":
            self._keep(t)
            return
        if skipping(t):
            t.say("boundaries.skipped")
            self._next(t, step)
            return
        words = self._words(t)
        if words is None:
            # A "yes", or words that did not come through: a hint once, then leave it for now.
            misses = t.session.data.setdefault("misses", {})
            if not misses.get(step):
                misses[step] = 1
                t.say(f"boundaries.hint.{step}")
                self.goto(t, step, f"boundaries.ask_{step}_again")
                return
            t.say("boundaries.leave_it")
            self._next(t, step)
            return
        t.session.data[step] = words
        t.say(f"boundaries.heard.{step}", answer=to_listener(words))
        self._next(t, step)

    def _words(self, t: Turn) -> str | None:
        if t.req.intent == ANSWER:
            return own_words(t.req.slot("answer"))
        if t.req.intent == NEED:
            return own_words(t.req.slot("need"))
        if t.req.intent == FEELING:
            # "feeling safe", "relaxed": a feeling word (not a vague one, which skips) is a
            # picture of closeness in the person's own words.
            return own_words(t.req.slot("feeling"))
        return None

    def _next(self, t: Turn, step: str) -> None:
        i = QUESTIONS.index(step) + 1
        if i < len(QUESTIONS):
            nxt = QUESTIONS[i]
            self.goto(t, nxt, f"boundaries.ask_{nxt}")
            return
        said = {q: str(t.session.data.get(q, "")) for q in QUESTIONS}
        if not any(said.values()):
            t.say("boundaries.close_none")
            t.nav.finish()
        elif t.profile.keeps_data and t.key is not None:
            self.goto(t, "keep", "boundaries.ask_keep")
        else:
            self._close(t)

    def _keep(self, t: Turn) -> None:
        if t.req.intent == YES:
            said = {q: str(t.session.data.get(q, "")) for q in QUESTIONS}
            kept = t.keep(
                "boundary",
                closeness=said["closeness"],
                not_accept=said["not_accept"],
                if_unmet=said["if_unmet"],
            )
            if kept:
                t.say_kept("boundaries.kept")
            else:
                t.say("boundaries.not_kept")
        else:
            t.say("boundaries.not_kept")
        self._close(t)

    def _close(self, t: Turn) -> None:
        t.say("boundaries.close")
        t.nav.finish()


class BoundariesJournal(JournalReadBack):
    """ "What boundaries did I set?": the answers kept after the reflection, newest first, read
    aloud only when it is a good moment (``when_private_ok``), as every journal is."""

    id = "boundaries-journal"
    kind = "boundary"
    start_intents = frozenset({READ})
    read_back = 2

    def is_entry(self, item: HistoryItem) -> bool:
        return item.kind == "boundary" and any(item.data.get(q) for q in QUESTIONS)

    def say_entry(self, t: Turn, item: HistoryItem, when: object) -> None:
        t.say("boundaries_journal.when", when=when)
        for q in QUESTIONS:
            words = str(item.data.get(q) or "")
            if words:
                t.say(f"boundaries_journal.entry.{q}", answer=to_listener(words))
