"""Staying or leaving: short, supportive talks for whichever is on the person's mind.

From the article's "healing and moving forward". If you stay: regular check-ins about the
connection, small and safe steps of vulnerability, patience, couples counselling. If you walk
away: it is strength, not failure; support, self-respect, therapy if needed, not going through it
alone. It never says which to choose, and nothing said here is kept.

Steps: ``which`` (staying / thinking about leaving / not sure) -> two short parts with "want to
hear a bit more?" between them (``stay_more`` or ``leave_more``) -> an offer of a fitting exercise
(``offer``: a connection idea when staying; when leaving, self-care, then counselling for
themselves; for "not sure" the boundaries reflection, then counselling for themselves: never the
couple's "find your way back to each other" to someone thinking of leaving). A feeling of fear at
any question ("I'm scared") gets a safety note with the locale's resources and a card, then an
offer of a calm minute (``calm``).
Fear of the partner ("I'm afraid of him") is the opener's safety answer, reached from anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import ClassVar, Final

from skill.content import Raw
from skill.exercises.base import NO, YES, Flow, Step, Timed, name_key
from skill.exercises.professional import FOR_YOURSELF
from skill.exercises.safety import count_safety_event
from skill.language.normalise import normalise
from skill.turn import Turn
from skill.vocabulary import Vocabulary, is_vague_id, load_vocabulary

START = "StayOrLeaveIntent"
STAYING = "StayingIntent"
LEAVING = "LeavingIntent"
UNDECIDED = "UndecidedIntent"
UNSURE = "UnsureIntent"
FEELING = "FeelingIntent"
HEAR_MORE = "HearMoreIntent"

FEAR_FEELINGS: Final = frozenset({"scared", "unsafe", "panicked", "shaken"})
"""Feelings that get the safety note and the locale's resources."""
UNSURE_FEELINGS: Final = frozenset({"conflicted", "uncertain", "confused", "lost", "stuck"})
"""Feelings that say "not sure" at the first question."""
CALMING: Final = ("calming", "grounding")
"""After a safety note, the first of these that is registered is offered."""

# What to offer after each talk, in order of preference (only registered ones are offered).
# Leaving and not sure: care for yourself and counselling for yourself, never the couple's
# "rebuild it together" (the article's "if you choose to walk away").
OFFERS: Final[Mapping[str, tuple[str, ...]]] = {
    "stay": ("connection", "professional-help"),
    "leave": ("self-care", "professional-help"),
    "unsure": ("boundaries", "professional-help"),
}
FOR_YOURSELF_PATHS: Final = frozenset({"leave", "leave_second", "unsure", "unsure_second"})
"""Paths on which counselling is offered to the person for themselves."""
_MORE: Final = frozenset({YES, NO, HEAR_MORE, FEELING})
_WHICH: Final = frozenset({STAYING, LEAVING, UNDECIDED, UNSURE, FEELING})


@lru_cache(maxsize=2)
def _vocabulary(path: Path) -> Vocabulary:
    return load_vocabulary(path)


@lru_cache(maxsize=2)
def _fear_words(path: Path) -> tuple[str, ...]:
    vocab = _vocabulary(path)
    return tuple(w for f in vocab.feelings if f.id in FEAR_FEELINGS for w in f.spoken_forms)


def feeling_of(t: Turn) -> tuple[str | None, bool]:
    """(the feeling id heard, whether it was a vague word like "I don't know"). A phrase that
    holds a word of fear anywhere ("scared to leave") is that fear."""
    slot = t.req.slot("feeling")
    if not slot.filled:
        return None, False
    if slot.resolved_id and is_vague_id(slot.resolved_id):
        return None, True
    if slot.resolved_id:
        return slot.resolved_id, False
    path = t.settings.content_dir / "en" / "vocabulary.yaml"
    vocab = _vocabulary(path)
    text = slot.value or ""
    found = vocab.find_feeling(text)
    if found is not None:
        return found.id, False
    padded = f" {normalise(text)} "
    for word in _fear_words(path):
        if f" {word} " in padded:
            fear = vocab.find_feeling(word)
            return (fear.id if fear else None), False
    return None, vocab.is_vague(text)


class StayingOrLeaving(Flow):
    id = "staying-or-leaving"
    start_intents = frozenset({START})
    keeps_notes = False
    timed: ClassVar[Mapping[str, Timed]] = {
        # Talks, not guided stretches: each part stays one short turn.
        "opening": Timed(("staying_or_leaving.intro", "staying_or_leaving.ask_which"), 17),
        "staying, first part": Timed(
            ("staying_or_leaving.stay.first", "staying_or_leaving.ask_more"), 22
        ),
        "leaving, second part": Timed(
            ("staying_or_leaving.leave.second", "staying_or_leaving.offer.leave"), 21
        ),
    }
    steps: ClassVar[Mapping[str, Step]] = {
        "which": Step(
            _WHICH, help="help.staying_or_leaving.which", retry="staying_or_leaving.retry"
        ),
        "stay_more": Step(
            _MORE, help="help.staying_or_leaving.more", retry="staying_or_leaving.retry"
        ),
        "leave_more": Step(
            _MORE, help="help.staying_or_leaving.more", retry="staying_or_leaving.retry"
        ),
        "offer": Step(
            frozenset({YES, NO, FEELING}),
            help="help.staying_or_leaving.offer",
            retry="staying_or_leaving.retry",
        ),
        "calm": Step(
            frozenset({YES, NO}),
            help="help.staying_or_leaving.calm",
            retry="staying_or_leaving.retry",
        ),
    }

    def start(self, t: Turn) -> None:
        t.session.enter(self.id, "which")
        t.say("staying_or_leaving.intro")
        self.goto(t, "which", "staying_or_leaving.ask_which")

    def handle(self, t: Turn) -> None:
        step = t.session.step
        if t.req.intent == FEELING and step != "calm":
            feeling, vague = feeling_of(t)
            if feeling in FEAR_FEELINGS:
                self._fear(t)
                return
            if step == "which" and (vague or feeling in UNSURE_FEELINGS):
                self._unsure(t)
                return
            # Any other feeling is heard, and the question stands.
            t.say("staying_or_leaving.feeling_heard")
            t.ask_again()
            return
        if step == "which":
            self._which(t)
        elif step in ("stay_more", "leave_more"):
            self._more(t, "stay" if step == "stay_more" else "leave")
        elif step == "offer":
            self._offer_answer(t)
        else:
            self._calm_answer(t)

    # --- the first question ----------------------------------------------------------------
    def _which(self, t: Turn) -> None:
        intent = t.req.intent
        if intent == STAYING:
            t.say("staying_or_leaving.stay.first")
            self.goto(t, "stay_more", "staying_or_leaving.ask_more")
        elif intent == LEAVING:
            t.say("staying_or_leaving.leave.first")
            self.goto(t, "leave_more", "staying_or_leaving.ask_more")
        else:
            self._unsure(t)

    def _unsure(self, t: Turn) -> None:
        t.say("staying_or_leaving.unsure")
        self._offer(t, "unsure", list(OFFERS["unsure"]))

    # --- the second part, then an exercise that fits -----------------------------------------
    def _more(self, t: Turn, path: str) -> None:
        if t.req.intent == NO:
            self._close(t)
            return
        t.say(f"staying_or_leaving.{path}.second")
        self._offer(t, path, list(OFFERS[path]))

    def _offer(self, t: Turn, path: str, choices: list[str]) -> None:
        """Offer the next registered exercise among ``choices``; close when none is left."""
        left = t.nav.registered(choices)
        if not left:
            self._close(t)
            return
        target, rest = left[0], left[1:]
        t.session.data["path"] = path
        t.session.data["offer"] = target
        t.session.data["rest"] = rest
        exercise = Raw(t.text.render(name_key(target)))
        self.goto(t, "offer", f"staying_or_leaving.offer.{path}", exercise=exercise)

    def _offer_answer(self, t: Turn) -> None:
        data = t.session.data
        target = str(data.get("offer", ""))
        if t.req.intent == YES and t.nav.has(target):
            if target == "professional-help" and data.get("path") in FOR_YOURSELF_PATHS:
                t.req = replace(t.req, intent=FOR_YOURSELF, slots={})
            t.nav.hand_off(target)
            return
        rest = [str(r) for r in data.get("rest") or []]
        if data.get("path") in ("unsure", "leave") and rest:
            # Both get a second offer: after the boundaries reflection or a little self-care
            # declined, counselling for themselves.
            self._offer(t, f"{data.get('path')}_second", rest)
            return
        self._close(t)

    # --- fear ------------------------------------------------------------------------------
    def _fear(self, t: Turn) -> None:
        count_safety_event(t)
        t.say("staying_or_leaving.fear")
        t.say("safety.resources")
        t.card("safety.card.title", "safety.card.body")
        calm = t.nav.registered(CALMING)
        if not calm:
            self._close(t)
            return
        t.session.data["calm"] = calm[0]
        self.goto(t, "calm", "staying_or_leaving.offer_calm")

    def _calm_answer(self, t: Turn) -> None:
        target = str(t.session.data.get("calm", ""))
        if t.req.intent == YES and t.nav.has(target):
            t.nav.hand_off(target)
            return
        t.say("staying_or_leaving.fear_close")
        t.nav.finish()

    def _close(self, t: Turn) -> None:
        t.say("staying_or_leaving.close")
        t.nav.finish()
