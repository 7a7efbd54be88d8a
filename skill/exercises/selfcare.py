"""Looking after yourself: a minute of self-compassion, a journaling prompt, a nudge to reach out.

From the article's fifth strategy (focus on your own emotional wellness): seek support from
friends, family or a therapist; make room for what brings you joy; journal your feelings; "you
can't pour from an empty cup". Expressive writing (research.md) is turned into one short spoken
prompt, as voice suits short prompts better than dictation.

Steps: the practice (about 70 s, timed) -> ``journal_offer`` (a prompt?) -> ``reflection`` (say
it behind a carrier phrase, "I'd write ...", or skip; an empty phrase gets one kind second
chance) -> ``keep`` (only with consent to keep notes: "Shall I keep that in your private
journal?") -> a nudge to reach out to one person this week, and the close. "A journaling prompt"
starts at the prompt.

"Read me my journal" (:class:`SelfCareJournal`) reads the last few reflections back, only when
private content may be spoken (recognised voice, or "is this a good moment?").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Final

from skill.exercises.base import NO, YES, Flow, Step, Timed
from skill.exercises.journal import JournalReadBack
from skill.language.second_person import to_listener
from skill.state import HistoryItem
from skill.turn import Slot, Turn
from skill.vocabulary import is_vague_id

START = "SelfCareIntent"
JOURNAL_PROMPT = "JournalPromptIntent"
REFLECTION = "ReflectionIntent"
READ = "ReadJournalIntent"
SKIP = "SkipIntent"
"""'skip', 'move on' (declared in intents/src/boundaries.yaml)."""
DONE = "DoneIntent"
"""The couple check-in's 'next', 'pass', 'done': a skip here (in intents/src/couple.yaml)."""
FEELING = "FeelingIntent"
UNSURE = "UnsureIntent"
FALLBACK = "AMAZON.FallbackIntent"

MAX_WORDS: Final = 40
"""Longest reflection kept or said back, in words."""
READ_BACK: Final = 3
"""How many journal entries are read aloud (the most recent ones)."""
_LEADING: Final = ("that ", "about ")


def own_words(slot: Slot) -> str | None:
    """A free phrase as the person said it, trimmed to :data:`MAX_WORDS` words; None if no word
    came through."""
    text = " ".join((slot.value or "").split()).strip(" .,!?")
    if not any(ch.isalpha() for ch in text):
        return None
    lowered = text.lower()
    for lead in _LEADING:
        if lowered.startswith(lead) and len(lowered) > len(lead):
            text = text[len(lead) :]
            break
    return " ".join(text.split()[:MAX_WORDS])


def skipping(t: Turn) -> bool:
    """An answer that says "not this one": skip, no, not sure, or "I don't know"."""
    intent = t.req.intent
    if intent in (SKIP, DONE, NO, UNSURE):
        return True
    if intent == FEELING:
        rid = t.req.slot("feeling").resolved_id
        return bool(rid and is_vague_id(rid))
    return False


class SelfCare(Flow):
    id = "self-care"
    start_intents = frozenset({START, JOURNAL_PROMPT})
    timed: ClassVar[Mapping[str, Timed]] = {
        "self-compassion practice": Timed(("self_care.practice",), 72, practice=True),
        "first turn": Timed(
            ("self_care.intro", "self_care.practice", "self_care.journal_offer"), 85, practice=True
        ),
        "journaling prompt": Timed(("self_care.journal_prompt", "self_care.ask_reflection"), 20),
        "reaching out": Timed(("self_care.reach_out", "self_care.close"), 22),
    }
    steps: ClassVar[Mapping[str, Step]] = {
        "journal_offer": Step(
            frozenset({YES, NO, JOURNAL_PROMPT}),
            help="help.self_care.journal_offer",
            retry="self_care.retry",
        ),
        "reflection": Step(
            frozenset({REFLECTION, SKIP, DONE, NO, UNSURE, FEELING, FALLBACK}),
            help="help.self_care.reflection",
            retry="self_care.retry",
        ),
        "keep": Step(frozenset({YES, NO}), help="help.self_care.keep", retry="self_care.retry"),
    }

    def start(self, t: Turn) -> None:
        t.session.enter(self.id, "journal_offer")
        if t.req.intent == JOURNAL_PROMPT:
            t.session.data["prompt_only"] = True
            t.say("self_care.journal_intro")
            self._prompt(t)
            return
        t.say("self_care.intro")
        t.say("self_care.practice")
        self.goto(t, "journal_offer", "self_care.journal_offer")

    def handle(self, t: Turn) -> None:
        step = t.session.step
        if step == "journal_offer":
            if t.req.intent == NO:
                t.say("self_care.journal_declined")
                self._close(t)
            else:
                self._prompt(t)
        elif step == "reflection":
            self._reflection(t)
        else:
            self._keep(t)

    # --- steps ------------------------------------------------------------------------------
    def _prompt(self, t: Turn) -> None:
        t.say("self_care.journal_prompt")
        self.goto(t, "reflection", "self_care.ask_reflection")

    def _reflection(self, t: Turn) -> None:
        data = t.session.data
        if skipping(t):
            t.say("self_care.skip_ok")
            self._close(t)
            return
        words: str | None = None
        if t.req.intent == REFLECTION:
            words = own_words(t.req.slot("reflection"))
        elif t.req.intent == FEELING:
            feeling = own_words(t.req.slot("feeling"))
            if feeling is not None:
                words = t.text.plain("self_care.feeling_as_text", feeling=feeling)
        if words is None:
            # Nothing came through (a carrier alone, or words we could not place): once, kindly,
            # how to say it; then move on without it.
            if not data.get("nudged"):
                data["nudged"] = True
                t.say("self_care.reflection_empty")
                self.goto(t, "reflection", "self_care.ask_reflection_again")
                return
            t.say("self_care.skip_ok")
            self._close(t)
            return
        data["reflection"] = words
        t.say("self_care.heard", reflection=to_listener(words))
        if t.profile.keeps_data and t.key is not None:
            self.goto(t, "keep", "self_care.ask_keep")
        else:
            self._close(t)

    def _keep(self, t: Turn) -> None:
        if t.req.intent == YES:
            kept = t.keep(
                "reflection", exercise=self.id, text=str(t.session.data.get("reflection", ""))
            )
            if kept:
                t.say_kept("self_care.kept")
            else:
                t.say("self_care.not_kept")
        else:
            t.say("self_care.not_kept")
        self._close(t)

    def _close(self, t: Turn) -> None:
        t.say("self_care.reach_out")
        t.say("self_care.close")
        t.nav.finish()


# --- the journal, read back -------------------------------------------------------------------
class SelfCareJournal(JournalReadBack):
    """ "Read me my journal": the last few reflections, newest first, when it is private."""

    id = "self-care-journal"
    kind = "reflection"
    start_intents = frozenset({READ})
    read_back = READ_BACK

    def is_entry(self, item: HistoryItem) -> bool:
        return (
            item.kind == "reflection"
            # Notes kept after being listened to are journal entries too.
            and item.data.get("exercise") in (SelfCare.id, "listening")
            and bool(item.data.get("text"))
        )

    def say_entry(self, t: Turn, item: HistoryItem, when: object) -> None:
        t.say("self_care_journal.entry", when=when, text=to_listener(str(item.data["text"])))
