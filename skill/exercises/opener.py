"""The opener coach: a softened start-up for a hard conversation, and a rehearsal.

Safety comes first: one yes/no question about whether raising hard things with the partner feels
safe. A "no" (or fear, or "not always") gets no script at all: the locale's domestic-violence and
crisis resources, a card, and an offer to stay for a calming practice. A "yes" goes on to the
feeling, the one specific thing (the person's own words, behind "it's about ...") and the need,
said back as "I've been feeling [feeling] about [thing], and I need [need]". The person can then
rehearse it in their own words; ``skill.language.coaching.check_opener`` names what might land
as blame.

Only the feeling and need ids are kept (with consent); the thing and the rehearsals never are.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from skill.content import Raw
from skill.exercises.base import NO, YES, Flow, Step
from skill.exercises.safety import count_safety_event
from skill.turn import Turn
from skill.vocabulary import Vocabulary, is_vague_id, load_vocabulary

if TYPE_CHECKING:
    # compiled on first use (the checkers' patterns): keeps cold start lean
    from skill.language.coaching import Rewrite

OPENER = "OpenerIntent"
FEAR = "FearIntent"
UNSURE = "UnsureIntent"
FEELING = "FeelingIntent"
NEED = "NeedIntent"
TOPIC = "TopicIntent"
TOPIC_CLAUSE = "TopicClauseIntent"
LINE = "PracticeLineIntent"
ANOTHER = "AnotherRoundIntent"
GROUNDING = "grounding"

FEAR_FEELINGS = frozenset({"scared", "unsafe", "panicked", "shaken"})
"""Feelings that answer "do you feel safe ...?" with a no."""
MAX_REHEARSALS = 3
QUESTION_CHOICES = 12
"""Drawn once per run; ``opener.curious`` variation = draw modulo its number of variations."""


@lru_cache(maxsize=2)
def vocabulary(content_dir: Path) -> Vocabulary:
    return load_vocabulary(content_dir / "en" / "vocabulary.yaml")


@lru_cache(maxsize=2)
def feeling_words(content_dir: Path) -> tuple[str, ...]:
    return tuple(w for f in vocabulary(content_dir).feelings for w in f.spoken_forms)


def miss(t: Turn, retry_key: str) -> None:
    """An answer that does not fit the question, counted like any other miss."""
    t.nav.missed(retry_key)


class Opener(Flow):
    id = "opener"
    start_intents = frozenset({OPENER, FEAR})
    urgent_intents = frozenset({FEAR})
    steps: ClassVar[Mapping[str, Step]] = {
        # FearIntent is deliberately not an answer here: as a start intent it reaches
        # ``start`` (and the not-safe answer) from this step and from inside any exercise.
        "safe": Step(
            frozenset({YES, NO, UNSURE, FEELING}),
            help="help.opener.safe",
            retry="opener.safe_retry",
        ),
        "feeling": Step(
            frozenset({FEELING, NEED, UNSURE}), help="help.opener.feeling", retry="opener.retry"
        ),
        "topic": Step(
            frozenset({TOPIC, TOPIC_CLAUSE}), help="help.opener.topic", retry="opener.retry"
        ),
        "need": Step(
            frozenset({NEED, FEELING, UNSURE}), help="help.opener.need", retry="opener.retry"
        ),
        "rehearse_offer": Step(
            frozenset({YES, NO, LINE}), help="help.opener.rehearse_offer", retry="opener.retry"
        ),
        "rehearse": Step(frozenset({LINE, NO}), help="help.opener.rehearse", retry="opener.retry"),
        "again": Step(
            frozenset({YES, NO, ANOTHER, LINE}), help="help.opener.again", retry="opener.retry"
        ),
        "unsafe_next": Step(
            frozenset({YES, NO}), help="help.opener.unsafe_next", retry="opener.retry"
        ),
    }

    back_to: ClassVar[Mapping[str, tuple[str, str]]] = {
        "topic": ("feeling", "opener.feeling_ask"),
        "need": ("topic", "opener.topic_ask"),
    }

    def start(self, t: Turn) -> None:
        t.session.enter(self.id, "safe")
        if t.req.intent == FEAR:
            self._not_safe(t)
            return
        self.goto(t, "safe", "opener.safe_ask")

    def handle(self, t: Turn) -> None:
        step = t.session.step
        if step == "safe":
            self._safe(t)
        elif step == "feeling":
            self._feeling(t)
        elif step == "topic":
            self._topic(t)
        elif step == "need":
            self._need(t)
        elif step == "rehearse_offer" or step == "again":
            if t.req.intent == LINE:
                self._rehearse(t)
            elif t.req.intent == NO:
                self._close(t)
            else:
                self.goto(t, "rehearse", "opener.rehearse_ask")
        elif step == "rehearse":
            if t.req.intent == NO:
                self._close(t)
            else:
                self._rehearse(t)
        elif step == "unsafe_next":
            self._after_unsafe(t)

    # --- safety first ---------------------------------------------------------------------
    def _safe(self, t: Turn) -> None:
        intent = t.req.intent
        if intent == YES:
            t.say("opener.safe_yes")
            self.goto(t, "feeling", "opener.feeling_ask")
            return
        if intent == FEELING:
            feeling_id, _, _ = self._read_feeling(t)
            if feeling_id not in FEAR_FEELINGS:
                # A feeling that is not fear does not answer the question: ask it again.
                miss(t, "opener.safe_retry")
                return
        self._not_safe(t)

    def _not_safe(self, t: Turn) -> None:
        count_safety_event(t)
        # Fear said outright ("he scares me"), here or from anywhere (the menu, another
        # exercise), is answered as fear, never as an opener declined: the person may not have
        # asked for an opener at all. A "no" to the safety question sets the opener aside.
        t.say("opener.fear_heard" if t.req.intent == FEAR else "opener.not_safe")
        t.say("opener.resources")
        t.card("opener.card.title", "opener.card.body")
        self.goto(t, "unsafe_next", "opener.offer_grounding")

    def _after_unsafe(self, t: Turn) -> None:
        if t.req.intent == YES and t.nav.has(GROUNDING):
            t.nav.hand_off(GROUNDING)
            return
        t.say("opener.unsafe_close")
        t.nav.finish()

    # --- feeling, thing, need ---------------------------------------------------------------
    def _read_feeling(self, t: Turn) -> tuple[str | None, str, bool]:
        """(feeling id or None, the words said, whether the answer was vague)."""
        vocab = vocabulary(t.settings.content_dir)
        slot = t.req.slot("feeling") if t.req.intent == FEELING else t.req.slot("need")
        if t.req.intent == UNSURE or not slot.filled:
            return None, "", True
        words = (slot.value or "").strip()
        if slot.resolved_id and is_vague_id(slot.resolved_id):
            return None, words, True
        found = vocab.feeling_by_id(slot.resolved_id or "") or vocab.find_feeling(words)
        if found is not None:
            return found.id, words, False
        return None, words, vocab.is_vague(words)

    def _read_need(self, t: Turn) -> tuple[str | None, str]:
        vocab = vocabulary(t.settings.content_dir)
        slot = t.req.slot("need") if t.req.intent == NEED else t.req.slot("feeling")
        if t.req.intent == UNSURE or not slot.filled:
            return None, ""
        words = (slot.value or "").strip()
        found = (
            vocab.need_by_id(slot.resolved_id or "") if t.req.intent == NEED else None
        ) or vocab.find_need(words)
        return (found.id if found else None), words

    def _feeling(self, t: Turn) -> None:
        data = t.session.data
        feeling_id, words, vague = self._read_feeling(t)
        if feeling_id is None and (vague or not words) and not data.get("feeling_nudged"):
            data["feeling_nudged"] = True
            t.say("opener.feeling_vague")
            self.goto(t, "feeling", "opener.feeling_again")
            return
        if not words:
            # Twice without a word: go on with a gentle default rather than lose the work.
            words = t.text.plain("opener.feeling_default")
            t.say("opener.feeling_assumed", feeling=words)
        else:
            t.say("opener.feeling_ack", feeling=words)
        data["feeling"], data["feeling_id"] = words, feeling_id or ""
        self.goto(t, "topic", "opener.topic_ask")

    def _topic(self, t: Turn) -> None:
        data = t.session.data
        slot = t.req.slot("topic")
        if not slot.filled:
            t.say("opener.topic_empty")
            self.goto(t, "topic", "opener.topic_again")
            return
        topic = (slot.value or "").strip()
        # compiled on first use: keeps cold start lean
        from skill.language.coaching import check_opener

        check = check_opener(topic, whole=False)
        if check.main is not None:
            if not data.get("topic_flagged"):
                data["topic_flagged"] = True
                t.say("opener.topic_blame", phrase=check.main.phrase)
                self.goto(t, "topic", "opener.topic_again")
                return
            topic = t.text.plain("opener.thing_general")
            t.say("opener.thing_assumed")
            data["clause"] = False
        else:
            data["clause"] = t.req.intent == TOPIC_CLAUSE
        data["thing"] = topic
        self.goto(t, "need", "opener.need_ask")

    def _need(self, t: Turn) -> None:
        data = t.session.data
        need_id, words = self._read_need(t)
        if need_id is None and not data.get("need_nudged"):
            data["need_nudged"] = True
            t.say("opener.need_unclear")
            self.goto(t, "need", "opener.need_again")
            return
        if not words:
            words = t.text.plain("opener.need_default")
            t.say("opener.need_assumed", need=words)
        data["need"], data["need_id"] = words, need_id or ""
        self._say_opener(t)

    # --- the opener -------------------------------------------------------------------------
    def _parts(self, t: Turn) -> Rewrite:
        data = t.session.data
        from skill.language.coaching import rewrite

        return rewrite(
            str(data.get("feeling", "")),
            str(data.get("thing", "")),
            str(data.get("need", "")),
            clause_hint=bool(data.get("clause")),
        )

    def _opener(self, t: Turn) -> Raw:
        """The opener said to the partner, in the second person, ending with a curious
        question; the same words every time it is said in one run."""
        data = t.session.data
        parts = self._parts(t)
        if "question" not in data:
            data["question"] = t.rng.randrange(QUESTION_CHOICES)
        question = Raw(t.text.render_nth("opener.curious", int(data["question"])))
        thing: str | Raw = parts.thing
        key = "opener.template_clause" if parts.shape == "clause" else "opener.template"
        if parts.shape == "general":
            thing = Raw(t.text.render("opener.thing_general"))
        return Raw(
            t.text.render(
                key, feeling=parts.feeling, thing=thing, need=parts.need, question=question
            )
        )

    def _say_opener(self, t: Turn) -> None:
        data = t.session.data
        t.say("opener.built_intro")
        t.say_ssml(self._opener(t))
        t.say("opener.built_why")
        kept: dict[str, str] = {"exercise": self.id}
        if data.get("feeling_id"):
            kept["feeling"] = str(data["feeling_id"])
        if data.get("need_id"):
            kept["need"] = str(data["need_id"])
        t.keep("reflection", **kept)
        self.goto(t, "rehearse_offer", "opener.rehearse_offer")

    def _rehearse(self, t: Turn) -> None:
        data = t.session.data
        slot = t.req.slot("line")
        if not slot.filled:
            t.say("opener.line_empty")
            self.goto(t, "rehearse", "opener.rehearse_example")
            return
        words = (*feeling_words(t.settings.content_dir), str(data.get("feeling", "")))
        from skill.language.coaching import check_opener

        check = check_opener(slot.value, words)
        main = check.main
        if main is not None:
            if "*" in main.phrase:
                # Alexa masks profanity with asterisks: name it without reading the mask aloud.
                t.say("opener.feedback.masked")
            else:
                t.say(f"opener.feedback.{main.category}", phrase=main.phrase)
            if len(check.findings) > 1:
                t.say("opener.feedback.also")
            lead = "opener.try_whole" if main.category == "broken" else "opener.try_instead"
            t.say(lead, opener=self._opener(t))
        elif check.i_statement and check.names_need:
            t.say("opener.praise.full")
        elif check.i_statement:
            t.say("opener.praise.feeling")
            t.say("opener.add_need", need=self._parts(t).need)
        elif check.names_need:
            t.say("opener.praise.need")
            t.say("opener.add_feeling", feeling=self._parts(t).feeling)
        else:
            t.say("opener.praise.clean")
            t.say("opener.try_template", opener=self._opener(t))
        tries = int(data.get("tries", 0)) + 1
        data["tries"] = tries
        if tries >= MAX_REHEARSALS:
            t.say("opener.enough")
            self._close(t)
            return
        self.goto(t, "again", "opener.rehearse_again")

    def _close(self, t: Turn) -> None:
        t.say("opener.close")
        t.nav.finish()
