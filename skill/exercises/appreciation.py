"""Appreciation: notice one small thing the partner did, name how it felt, find words to say it.

From the article's "connection, not control": showing appreciation, even for little things.
Noticing and expressing gratitude predicts next-day connection for both partners (research.md).

Steps: ``moment`` (what did they do? in the person's own words, captured behind a carrier phrase:
"he ...", "she ...", "they ...", "it was when ..."), with a kind path when nothing comes (examples,
one more try, then a quiet few seconds to think of one), ``feeling`` (how did it feel? any word,
vague ones too), then words to say it to them (see ``second_person``), ``keep`` (only with consent
to keep notes: put it in the private appreciation journal?), and once a daily reminder offer.

"Read me my appreciations" reads the journal back, newest first, only when private content may
be spoken (recognised voice, or "is this a good moment?").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Final

from skill.exercises.base import NO, YES, Flow, Step, Timed
from skill.exercises.journal import JournalReadBack
from skill.exercises.reminders import may_offer as may_offer_reminder
from skill.exercises.reminders import offer_reminder
from skill.language.second_person import (
    from_deed,
    from_moment,
    from_state,
    is_ongoing,
    to_listener,
    to_partner,
)
from skill.state import HistoryItem
from skill.turn import Turn
from skill.vocabulary import is_vague_id

START = "AppreciationIntent"
DEED = "AppreciationDeedIntent"
STATE = "AppreciationStateIntent"
MOMENT = "AppreciationMomentIntent"
FEELING = "FeelingIntent"
FELT = "FeltIntent"
READ = "ReadAppreciationsIntent"
FALLBACK = "AMAZON.FallbackIntent"
UNSURE = "UnsureIntent"
"""Shared "not sure" answers (declared in opener.yaml): here, nothing came to mind."""
CAPTURES: Final = frozenset({DEED, STATE, MOMENT})

MAX_FEELING_WORDS: Final = 5
UNKNOWING: Final = frozenset(
    {
        "vague_i_dont_know",
        "vague_dont_know",
        "vague_dunno",
        "vague_not_sure",
        "vague_no_idea",
        "vague_hard_to_say",
        "vague_whatever",
    }
)
"""Vague answers that name no feeling at all: taken kindly, as "no word for it"."""
SAYABLE_VAGUE: Final = frozenset(
    {
        "vague_good",
        "vague_great",
        "vague_fine",
        "vague_okay",
        "vague_ok",
        "vague_alright",
        "vague_all_right",
        "vague_not_bad",
        "vague_not_too_bad",
        "vague_weird",
        "vague_strange",
        "vague_mixed",
    }
)
"""Vague answers that still read well in "it made me feel ...": "good", "mixed"."""
READ_BACK: Final = 4
"""How many journal entries are read aloud (the most recent ones)."""


def captured_clause(t: Turn) -> str | None:
    """The moment as a clause about the partner, from whichever carrier phrase was used."""
    intent = t.req.intent
    if intent == DEED:
        return from_deed(t.req.slot("deed").value)
    if intent == STATE:
        return from_state(t.req.slot("state").value)
    if intent == MOMENT:
        return from_moment(t.req.slot("moment").value)
    return None


def feeling_words(t: Turn) -> tuple[str | None, str | None, bool]:
    """The feeling as said (any words, vague ones too), its vocabulary id when it resolved to a
    feeling, and whether it reads well after "it made me feel"."""
    slot = t.req.slot("feeling")
    if not slot.filled or slot.value is None or slot.resolved_id in UNKNOWING:
        return None, None, False
    words = " ".join(slot.value.lower().split()[:MAX_FEELING_WORDS])
    rid = slot.resolved_id
    if rid and is_vague_id(rid):
        return words, None, rid in SAYABLE_VAGUE
    return words, rid, True


class Appreciation(Flow):
    id = "appreciation"
    start_intents = frozenset({START})
    timed: ClassVar[Mapping[str, Timed]] = {
        "opening": Timed(("appreciation.intro", "appreciation.ask_moment"), 16),
        "quiet moment": Timed(("appreciation.silent", "appreciation.ask_feeling_silent"), 20),
    }
    steps: ClassVar[Mapping[str, Step]] = {
        "moment": Step(
            frozenset({*CAPTURES, FEELING, FELT, UNSURE, YES, NO, FALLBACK}),
            help="help.appreciation.moment",
        ),
        "feeling": Step(
            frozenset({FEELING, FELT, UNSURE, NO, FALLBACK}),
            help="help.appreciation.feeling",
            retry="appreciation.retry",
        ),
        "keep": Step(
            frozenset({YES, NO}), help="help.appreciation.keep", retry="appreciation.retry"
        ),
    }

    def start(self, t: Turn) -> None:
        t.session.enter(self.id, "moment", {"misses": 0})
        t.say("appreciation.intro")
        self.goto(t, "moment", "appreciation.ask_moment")

    def handle(self, t: Turn) -> None:
        step = t.session.step
        if step == "moment":
            self._moment(t)
        elif step == "feeling":
            self._feeling(t)
        else:
            self._keep(t)

    # --- steps ------------------------------------------------------------------------------
    def _moment(self, t: Turn) -> None:
        if t.req.intent == YES:
            # "Yes, I have one": then let's hear it (not a miss).
            self.goto(t, "moment", "appreciation.go_ahead")
            return
        clause = captured_clause(t)
        if clause is not None:
            t.session.data["clause"] = clause
            t.say("appreciation.heard", moment=to_listener(clause))
            self.goto(t, "feeling", "appreciation.ask_feeling")
            return
        # Nothing came through ("no", "i don't know", an empty phrase, words we could not place):
        # gently, examples and one more try; then a quiet moment.
        misses = int(t.session.data.get("misses", 0)) + 1
        t.session.data["misses"] = misses
        if misses == 1:
            t.say("appreciation.examples")
            self.goto(t, "moment", "appreciation.ask_moment_again")
            return
        t.say("appreciation.silent")
        self.goto(t, "feeling", "appreciation.ask_feeling_silent")

    def _feeling(self, t: Turn) -> None:
        words, fid, sayable = (
            feeling_words(t) if t.req.intent in (FEELING, FELT) else (None, None, False)
        )
        if words is None:
            t.say("appreciation.feeling_ok")
        t.session.data["feeling"] = words
        t.session.data["feeling_id"] = fid
        self._say_it(t, words if sayable else None)
        clause = t.session.data.get("clause")
        if clause and t.profile.keeps_data and t.key is not None:
            self.goto(t, "keep", "appreciation.ask_keep")
        else:
            self._close(t)

    def _say_it(self, t: Turn, feeling: str | None) -> None:
        clause = t.session.data.get("clause")
        if not clause:
            key = "appreciation.say_it_silent"
        elif is_ongoing(str(clause)):
            key = "appreciation.say_it_ongoing"
        else:
            key = "appreciation.say_it"
        if feeling is None:
            key += "_no_feeling"
        params: dict[str, object] = {}
        if clause:
            params["moment"] = to_partner(str(clause))
        if feeling is not None:
            params["feeling"] = feeling
        t.say(key, **params)

    def _keep(self, t: Turn) -> None:
        if t.req.intent == YES:
            data: dict[str, str | int | bool] = {"moment": str(t.session.data.get("clause", ""))}
            feeling = t.session.data.get("feeling")
            if feeling:
                data["feeling"] = str(feeling)
            fid = t.session.data.get("feeling_id")
            if fid:
                data["feeling_id"] = str(fid)
            kept = t.keep("appreciation", **data)
            if kept:
                t.say_kept("appreciation.kept")
            else:
                t.say("appreciation.not_kept")
        else:
            t.say("appreciation.not_kept")
        self._close(t)

    def _close(self, t: Turn) -> None:
        if may_offer_reminder(t):
            t.say("appreciation.close_short")
            offer_reminder(t)
            return
        t.say("appreciation.close")
        t.nav.finish()


# --- the journal, read back -------------------------------------------------------------------
class AppreciationJournal(JournalReadBack):
    """ "Read me my appreciations": the last few entries, newest first, when it is private."""

    id = "appreciation-journal"
    kind = "appreciation"
    start_intents = frozenset({READ})
    read_back = READ_BACK

    def is_entry(self, item: HistoryItem) -> bool:
        return item.kind == "appreciation" and bool(item.data.get("moment"))

    def say_entry(self, t: Turn, item: HistoryItem, when: object) -> None:
        moment = to_listener(str(item.data.get("moment", "")))
        feeling = item.data.get("feeling")
        if feeling:
            t.say(
                "appreciation_journal.entry_feeling", when=when, moment=moment, feeling=str(feeling)
            )
        else:
            t.say("appreciation_journal.entry", when=when, moment=moment)
