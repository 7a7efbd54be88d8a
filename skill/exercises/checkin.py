"""Check-in: name what you feel in ONE specific word, then what you need, then a next step.

Traces to the article's first strategy (reflect on your own emotions and needs) and its list of
how distance feels (lonely, unimportant or rejected, anxious or insecure, frustrated or
resentful). Affect labeling: the check-in ends on one specific word, not "bad". When the first
answer is vague or unknown, two quick questions place the feeling on the mood map (pleasant or
unpleasant? more or less energy?) and three words from that quadrant are offered.

Steps: ``feeling`` -> (``pleasant`` -> ``energy`` -> ``pick``) -> ``need`` -> ``next``.

Reading answers. Alexa's NLU does not know which question is open, so a bare "drained" may come
as an energy answer, "good" as a pleasantness answer, "calm" as a need. Every labeling step
therefore accepts every answer intent and reads the words heard through the vocabulary, in the
order that fits the question (see :func:`read_answer` and the ``_on_*`` methods). Every step
also accepts yes and no, so that "okay" (heard as yes) is a vague feeling and not a jump to the
menu: at the first question yes, no and "check in" are vague answers; at the two questions they
are asked again; at the three words "no" or "none of those" accepts the quadrant; at the need
question anything that is not a need means no need was named.

Vague words that already lean one way ("not great", "good") skip the pleasantness question
(``vague_lean`` in audio_scripts/en/routing.yaml); at the energy question, a feeling's own word
on the side already chosen ("unpleasant", then "drained") is taken as the word instead of
offering three others.

Nothing is kept until the need is answered: a check-in left half way is not kept.

``about_partner`` is never asked: it is True when the one-shot phrase named the partner or the
relationship ("i feel lonely in my relationship"), or when the need is one met in or through the
relationship (:data:`RELATIONSHIP_NEEDS`); otherwise False.
"""

from __future__ import annotations

import random
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import ClassVar, Final

from skill.content import Raw
from skill.exercises.base import NO, YES, Flow, Step, Timed, name_key, prefix_of
from skill.language.interpret import leans_pleasant
from skill.language.normalise import normalise
from skill.language.second_person import to_listener
from skill.routing import Routing, routing_for
from skill.state import LastCheckin
from skill.turn import Slot, Turn
from skill.vocabulary import (
    QUADRANTS,
    Energy,
    Feeling,
    Need,
    Quadrant,
    Vocabulary,
    is_vague_id,
    load_vocabulary,
    vague_slot_id,
)

CHECK_IN = "CheckInIntent"
FEELING = "FeelingIntent"
"""A feeling word, bare or in a phrase ("lonely", "i feel lonely"): a one-shot start and an
answer. Shared with the opener (declared in intents/src/opener.yaml)."""
PARTNER_FEELING = "PartnerFeelingIntent"
"""A feeling naming the partner or the relationship ("i feel lonely in my relationship")."""
PLEASANTNESS = "PleasantnessIntent"
ENERGY = "EnergyIntent"
NEED = "NeedIntent"
START_EXERCISE = "StartExerciseIntent"
"""Shared with the opener (declared in intents/src/opener.yaml)."""
UNSURE = "UnsureIntent"
"""The opener's "not sure", "i'm not sure", "it's complicated": a vague answer here."""
NONE_FITS = "NoneFitsIntent"
ORDINAL = "OrdinalIntent"
_SIDES: Final[Mapping[str, tuple[tuple[str, str], tuple[str, str]]]] = {
    "pleasant": (("pleasantness", "pleasant"), ("pleasantness", "unpleasant")),
    "energy": (("energy", "high"), ("energy", "low")),
}
"""The two sides a step asks between, in the order every variation of its question says them
("more pleasant, or more unpleasant?", "more energy, or less?"): "the first one", "the
latter"."""
_SIDE_INTENT: Final = {"pleasantness": PLEASANTNESS, "energy": ENERGY}
"""'none of those', 'neither': no offered word fits (or no need comes to mind)."""

ANSWERS: Final = frozenset({FEELING, PARTNER_FEELING, PLEASANTNESS, ENERGY, NEED, UNSURE})

RELATIONSHIP_NEEDS: Final = frozenset(
    {
        "connection",
        "reassurance",
        "being_heard",
        "understanding",
        "acknowledgment",
        "appreciation",
        "attention",
        "affection",
        "touch",
        "love",
        "intimacy",
        "time_together",
        "communication",
        "honesty",
        "clarity",
        "trust",
        "respect",
        "fairness",
        "space",
        "boundaries",
        "autonomy",
    }
)
"""Needs met in or through the relationship: a check-in naming one is about the partner."""
SELF_NEEDS: Final = frozenset(
    {
        "safety",
        "support",
        "comfort",
        "encouragement",
        "patience",
        "belonging",
        "hope",
        "fun",
        "rest",
        "calm",
        "time_alone",
        "self_respect",
        "self_care",
        "professional_help",
    }
)
"""Needs the person can meet on their own or with others: not by themselves about the partner."""


# --------------------------------------------------------------------------- pure helpers


@lru_cache(maxsize=4)
def _load(content_dir: Path) -> Vocabulary:
    return load_vocabulary(content_dir / "en" / "vocabulary.yaml")


def vocabulary_for(t: Turn) -> Vocabulary:
    """The vocabulary, read and validated once per process (cached by content folder)."""
    return _load(t.settings.content_dir)


_QUADRANT_OF: Final[Mapping[tuple[bool, Energy], Quadrant]] = {
    (True, "high"): "pleasant_high",
    (True, "low"): "pleasant_low",
    (False, "high"): "unpleasant_high",
    (False, "low"): "unpleasant_low",
}


def quadrant_of(pleasant: bool, energy: Energy) -> Quadrant:
    return _QUADRANT_OF[(pleasant, energy)]


def about_partner(need_id: str, named_partner: bool) -> bool:
    return named_partner or need_id in RELATIONSHIP_NEEDS


def next_step(
    routing: Routing, feeling_id: str, quadrant: str, need_id: str, registered: Collection[str]
) -> str:
    """The exercise to offer after a check-in (tables in routing.yaml): by need where it is
    explicit, else by feeling family, else by quadrant; the first registered choice, the
    fallback (grounding) when none is."""
    table = routing.next_step
    choices: list[str] = []
    if need_id in table.by_need:
        choices.append(table.by_need[need_id])
    family = routing.family_of(feeling_id)
    if family is not None:
        choices.extend(table.by_family.get(family, ()))
    choices.extend(table.by_quadrant.get(quadrant, ()))
    return next((c for c in choices if c in registered), table.fallback)


def offer_words(
    vocab: Vocabulary,
    quadrant: Quadrant,
    rng: random.Random,
    avoid: Collection[str] = (),
) -> list[Feeling]:
    """Three feelings from one quadrant: two the article names where it can, one it does not
    (for a finer word), never one in ``avoid`` while others are left; in random order."""
    everything = vocab.in_quadrant(quadrant)
    pool = [f for f in everything if f.id not in avoid]
    if len(pool) < 3:
        pool = everything
    article = [f for f in pool if f.article]
    picks = rng.sample(article, min(2, len(article)))
    rest = [f for f in pool if f not in picks]
    others = [f for f in rest if not f.article]
    picks += rng.sample(others if len(others) >= 3 - len(picks) else rest, 3 - len(picks))
    rng.shuffle(picks)
    return picks


_LEADS: Final = re.compile(
    r"^(?:i (?:think i |really |just )?(?:need|want|feel|felt)|i(?:'m| am) feeling"
    r"|i(?:'ve| have) been feeling|i(?:'ve| have) been|i(?:'m| am)|feeling|maybe|probably"
    r"|i guess|i think)\s+"
)
MAX_ECHO_WORDS: Final = 6


def own_words(vocab: Vocabulary, entry: Feeling | Need, slots: Mapping[str, Slot]) -> str:
    """The person's own words for ``entry``, to say back: "low" stays "low" (not "sad"), "a
    hug" stays "a hug" (not "touch"), "someone to talk to" stays itself; turned to face them
    ("like i don't matter" -> "like you don't matter"). Only words that the vocabulary or the
    model resolved to this very entry are echoed, and short ones; else the entry's own word.
    The ids (not these words) are what is kept and counted."""
    find = vocab.find_feeling if isinstance(entry, Feeling) else vocab.find_need
    for slot in slots.values():
        if not slot.filled:
            continue
        words = _LEADS.sub("", normalise(slot.value or "")).strip()
        if not words or len(words.split()) > MAX_ECHO_WORDS:
            continue
        found = find(words)
        if slot.resolved_id == entry.id or (found is not None and found.id == entry.id):
            return to_listener(words)
    for slot in slots.values():
        padded = f" {normalise(slot.value or '')} "
        for form in sorted(entry.spoken_forms, key=len, reverse=True):
            if f" {form} " in padded:
                return to_listener(form)
    return entry.word


@dataclass(frozen=True)
class Answer:
    """What one answer can mean, read through the vocabulary; each step picks what fits it."""

    word: Feeling | None = None
    """A specific feeling from the feeling slot (resolved id, else the words heard)."""
    other_word: Feeling | None = None
    """A specific feeling found in the words of another slot ("calm" heard as a need)."""
    exact: bool = False
    """The feeling's own word was said, not only a synonym ("drained"; "low" is sad's synonym)."""
    pleasant: bool | None = None
    """From a pleasantness answer, or a vague word that leans one way ("not great")."""
    energy: Energy | None = None
    need: Need | None = None
    vague: bool = False
    """A vague word ("meh", "not great", "i don't know")."""
    heard: bool = False
    """Something was said in a slot."""
    partner: bool = False
    """The phrase named the partner or the relationship."""

    @property
    def feeling(self) -> Feeling | None:
        return self.word or self.other_word

    @property
    def unknown(self) -> bool:
        """Words were heard that are neither a feeling we know nor a vague word."""
        return (
            self.heard
            and not self.vague
            and self.feeling is None
            and self.pleasant is None
            and self.energy is None
        )


def _slot_feeling(
    vocab: Vocabulary, lean: Mapping[str, bool], slot: Slot
) -> tuple[Feeling | None, bool | None, bool]:
    """(specific feeling, lean, vague) for the feeling slot."""
    if slot.resolved_id:
        if is_vague_id(slot.resolved_id):
            return None, lean.get(slot.resolved_id), True
        found = vocab.feeling_by_id(slot.resolved_id)
        if found is not None:
            return found, None, False
    if not slot.filled:
        return None, None, False
    text = slot.value or ""
    found = vocab.find_feeling(text)
    if found is not None:
        return found, None, False
    if vocab.is_vague(text):
        return None, lean.get(vague_slot_id(text)), True
    return None, None, False


def _says_word(feeling: Feeling | None, slots: Mapping[str, Slot]) -> bool:
    if feeling is None:
        return False
    said = " ".join(normalise(s.value or "") for s in slots.values() if s.filled)
    return f" {feeling.word} " in f" {said} "


def read_answer(
    vocab: Vocabulary, lean: Mapping[str, bool], intent: str | None, slots: Mapping[str, Slot]
) -> Answer:
    """Every reading of one answer; no decision about which step it answers. ``lean``: vague
    slot ids that lean pleasant (True) or unpleasant (False), from routing.yaml."""
    feeling = slots.get("feeling") or Slot("feeling")
    word, leans, vague = _slot_feeling(vocab, lean, feeling)
    pleasant = leans
    pl = slots.get("pleasantness")
    if pl is not None and pl.resolved_id in ("pleasant", "unpleasant"):
        pleasant = pl.resolved_id == "pleasant"
    elif pl is not None and pl.filled and pleasant is None:
        pleasant = leans_pleasant(pl.value or "")
    en = slots.get("energy")
    energy: Energy | None = None
    if en is not None and en.resolved_id in ("high", "low"):
        energy = "high" if en.resolved_id == "high" else "low"
    ns = slots.get("need")
    need = vocab.need_by_id(ns.resolved_id) if ns is not None and ns.resolved_id else None
    other_word: Feeling | None = None
    heard = feeling.filled
    for name in ("pleasantness", "energy", "need"):
        s = slots.get(name)
        if s is None or not s.filled:
            continue
        heard = True
        text = s.value or ""
        if other_word is None:
            other_word = vocab.find_feeling(text)
        if need is None:
            need = vocab.find_need(text)
        if pleasant is None and vocab.is_vague(text):
            vague = True
            pleasant = lean.get(vague_slot_id(text))
    if need is None and feeling.filled:
        need = vocab.find_need(feeling.value or "")
    return Answer(
        word=word,
        other_word=other_word,
        exact=_says_word(word or other_word, slots),
        pleasant=pleasant,
        energy=energy,
        need=need,
        vague=vague,
        heard=heard,
        partner=intent == PARTNER_FEELING,
    )


# --------------------------------------------------------------------------- the flow


class CheckIn(Flow):
    id = "check-in"
    start_intents = frozenset({CHECK_IN, FEELING, PARTNER_FEELING})
    # Not a guided stretch, but the longest turn: reflection, note, reason and offer stay short.
    timed: ClassVar[Mapping[str, Timed]] = {
        "reflection and next step": Timed(
            (
                "check_in.reflect.feeling_need",
                "check_in.noted",
                "check_in.why.opener",
                "check_in.offer_next",
            ),
            16,
        ),
    }
    _answers = ANSWERS | {YES, NO, NONE_FITS}
    _offers = _answers | {ORDINAL}
    steps: ClassVar[Mapping[str, Step]] = {
        "feeling": Step(
            _answers | {CHECK_IN},
            help="help.check_in.feeling",
            retry="check_in.retry.feeling",
        ),
        "pleasant": Step(_offers, help="help.check_in.pleasant", retry="check_in.retry.pleasant"),
        "energy": Step(_offers, help="help.check_in.energy", retry="check_in.retry.energy"),
        "pick": Step(_offers, help="help.check_in.pick", retry="check_in.retry.pick"),
        "need": Step(
            # "boundaries" or "therapy" are needs here, though they also name exercises.
            frozenset({NEED, FEELING, UNSURE, YES, NO, NONE_FITS, START_EXERCISE}),
            help="help.check_in.need",
            retry="check_in.retry.need",
        ),
        "next": Step(frozenset({YES, NO}), help="help.check_in.next", retry="check_in.retry.next"),
    }

    back_to: ClassVar[Mapping[str, tuple[str, str]]] = {
        "pleasant": ("feeling", "check_in.ask_feeling"),
        "energy": ("pleasant", "check_in.ask_pleasant"),
        "pick": ("feeling", "check_in.ask_feeling"),
        "need": ("feeling", "check_in.ask_feeling"),
        "next": ("need", "check_in.ask_need"),
    }

    # --- entry ---------------------------------------------------------------------------
    def start(self, t: Turn) -> None:
        t.session.enter(self.id, "feeling")
        answer = self._read(t)
        if answer.partner:
            t.session.data["partner"] = True
        if t.req.intent in (FEELING, PARTNER_FEELING) and answer.heard:
            # One-shot: "tell steady heart i feel lonely" names the feeling already.
            self._on_feeling(t, answer)
            return
        self.goto(t, "feeling", "check_in.ask_feeling")

    def handle(self, t: Turn) -> None:
        step = t.session.step
        if t.req.intent == ORDINAL:
            self._ordinal(t, step)
        answer = self._read(t)
        if answer.partner:
            t.session.data["partner"] = True
        if step == "feeling":
            self._on_feeling(t, answer)
        elif step == "pleasant":
            self._on_pleasant(t, answer)
        elif step == "energy":
            self._on_energy(t, answer)
        elif step == "pick":
            self._on_pick(t, answer)
        elif step == "need":
            if t.req.intent == START_EXERCISE and not self._as_need(t):
                # An exercise that is not also a need word: the person wants to go there.
                target = t.req.slot("exercise").resolved_id
                if target is not None and t.nav.is_exercise(target):
                    t.nav.start(target)
                    return
            self._on_need(t, self._read(t))
        else:
            self._on_next(t)

    def _ordinal(self, t: Turn, step: str | None) -> None:
        """ "the second one", "the latter": the option said in that place, read as if named
        (an ordinal that names none stays unread, and is missed)."""
        choice = t.req.slot("choice").resolved_id
        sides = _SIDES.get(step or "")
        if sides is not None:
            index = {"first": 0, "second": 1, "last": 1}.get(choice or "")
            if index is not None:
                name, value = sides[index]
                slot = Slot(name, value, value, value)
                t.req = replace(t.req, intent=_SIDE_INTENT[name], slots={name: slot})
            return
        offered = [str(w) for w in t.session.data.get("offered_words") or []]
        index = {"first": 0, "second": 1, "third": 2, "last": len(offered) - 1}.get(choice or "")
        if step == "pick" and index is not None and 0 <= index < len(offered):
            feeling = vocabulary_for(t).feeling_by_id(offered[index])
            if feeling is not None:
                slot = Slot("feeling", feeling.word, feeling.id, feeling.word)
                t.req = replace(t.req, intent=FEELING, slots={"feeling": slot})

    def _as_need(self, t: Turn) -> bool:
        """Read an exercise name that is also a need word ("boundaries") as the need answer."""
        said = t.req.slot("exercise").value or ""
        need = vocabulary_for(t).find_need(said)
        if need is None:
            return False
        slot = Slot("need", said, need.id, need.word)
        t.req = replace(t.req, intent=NEED, slots={"need": slot})
        return True

    def _read(self, t: Turn) -> Answer:
        return read_answer(vocabulary_for(t), routing_for(t).lean, t.req.intent, t.req.slots)

    # --- steps ---------------------------------------------------------------------------
    def _on_feeling(self, t: Turn, a: Answer) -> None:
        if a.feeling is not None:
            self._named(t, a.feeling)
            return
        if a.energy is not None:
            t.session.data["energy"] = a.energy
        if a.unknown:
            t.say("check_in.unknown_word")
        else:
            both = a.pleasant is None and a.energy is None
            t.say("check_in.vague" if both else "check_in.vague_one")
        if a.pleasant is None:
            self.goto(t, "pleasant", "check_in.ask_pleasant")
        else:
            self._pleasant_known(t, a.pleasant)

    def _on_pleasant(self, t: Turn, a: Answer) -> None:
        if a.pleasant is not None:
            self._pleasant_known(t, a.pleasant)
        elif a.feeling is not None:
            self._named(t, a.feeling)
        elif t.req.intent == UNSURE or a.vague:
            # "Not sure" is an answer too: words from across the mood map instead.
            t.say("check_in.unsure")
            self._offer_across(t, list(QUADRANTS))
        else:
            self._miss(t)

    def _pleasant_known(self, t: Turn, pleasant: bool) -> None:
        t.session.data["pleasant"] = pleasant
        energy = t.session.data.get("energy")
        if energy in ("high", "low"):
            self._offer(t, quadrant_of(pleasant, "high" if energy == "high" else "low"))
        else:
            self.goto(t, "energy", "check_in.ask_energy")

    def _on_energy(self, t: Turn, a: Answer) -> None:
        pleasant = bool(t.session.data.get("pleasant"))
        energy = a.energy
        if a.feeling is not None:
            # A feeling's own word on the side already chosen is the word we are looking for
            # ("unpleasant", then "drained"); a synonym ("low" is sad's) is only its energy.
            if a.feeling.pleasant == pleasant and a.exact:
                self._named(t, a.feeling)
                return
            energy = energy or a.feeling.energy
        if energy is None and (t.req.intent == UNSURE or a.vague):
            # Not sure about energy: words from both sides of the pleasantness chosen.
            t.say("check_in.unsure")
            self._offer_across(t, [quadrant_of(pleasant, "high"), quadrant_of(pleasant, "low")])
            return
        if energy is None:
            self._miss(t)
            return
        self._offer(t, quadrant_of(pleasant, energy))

    def on_unsure(self, t: Turn) -> bool:
        """ "I can't decide", "a bit of both" at the two mood-map questions: as "not sure"."""
        if t.session.step not in ("pleasant", "energy"):
            return False
        t.say("check_in.unsure")
        pleasant = bool(t.session.data.get("pleasant"))
        if t.session.step == "pleasant":
            self._offer_across(t, list(QUADRANTS))
        else:
            self._offer_across(t, [quadrant_of(pleasant, "high"), quadrant_of(pleasant, "low")])
        return True

    def _offer_across(self, t: Turn, quadrants: list[Quadrant]) -> None:
        """Three words from several quadrants, when the person cannot place the feeling."""
        vocab = vocabulary_for(t)
        avoid = set(t.session.heard_feelings)
        pool = [f for q in quadrants for f in vocab.in_quadrant(q) if f.id not in avoid]
        words: list[Feeling] = []
        for q in t.rng.sample(quadrants, len(quadrants)):
            side = [f for f in pool if f.quadrant == q and f not in words]
            if side and len(words) < 3:
                words.append(t.rng.choice(side))
        rest = [f for f in pool if f not in words]
        words += t.rng.sample(rest, 3 - len(words))
        t.session.heard_feelings = [*t.session.heard_feelings, *(f.id for f in words)][-12:]
        t.session.data["quadrant"] = ""
        t.session.data["offered_words"] = [f.id for f in words]
        first, second, third = (f.word for f in words)
        self.goto(t, "pick", "check_in.offer_words", first=first, second=second, third=third)

    def _offer(self, t: Turn, quadrant: Quadrant) -> None:
        # Words offered earlier in this session are avoided, so a second check-in hears others.
        words = offer_words(vocabulary_for(t), quadrant, t.rng, avoid=t.session.heard_feelings)
        t.session.heard_feelings = [*t.session.heard_feelings, *(f.id for f in words)][-12:]
        t.session.data["quadrant"] = quadrant
        t.session.data["offered_words"] = [f.id for f in words]
        first, second, third = (f.word for f in words)
        self.goto(t, "pick", "check_in.offer_words", first=first, second=second, third=third)

    def _on_pick(self, t: Turn, a: Answer) -> None:
        if a.feeling is not None:
            self._named(t, a.feeling)
            return
        if t.req.intent == YES:
            self._miss(t)  # "yes" does not say which word
            return
        # Nothing fits, and that is fine: the quadrant itself is worth noting.
        quadrant = str(t.session.data.get("quadrant", ""))
        t.session.data["feeling"] = ""
        if quadrant in QUADRANTS:
            t.say("check_in.accept_quadrant", mood=self._mood(t, quadrant))
        else:
            t.say("check_in.accept_unsure")
        self.goto(t, "need", "check_in.ask_need")

    def _named(self, t: Turn, feeling: Feeling) -> None:
        said = own_words(vocabulary_for(t), feeling, t.req.slots)
        t.session.data["feeling"] = feeling.id
        t.session.data["feeling_said"] = said
        t.session.data["quadrant"] = feeling.quadrant
        t.say("check_in.named", feeling=said)
        self.goto(t, "need", "check_in.ask_need")

    def _on_need(self, t: Turn, a: Answer) -> None:
        vocab = vocabulary_for(t)
        data = t.session.data
        need = a.need
        feeling = vocab.feeling_by_id(str(data.get("feeling", "")))
        quadrant = str(data.get("quadrant", ""))
        partner = about_partner(need.id if need else "", bool(data.get("partner")))
        # Said back in the person's own words; the ids are what is kept.
        felt = str(data.get("feeling_said") or (feeling.word if feeling else ""))
        needed = own_words(vocab, need, t.req.slots) if need is not None else ""
        if feeling is not None and need is not None:
            t.say("check_in.reflect.feeling_need", feeling=felt, need=needed)
        elif feeling is not None:
            t.say("check_in.reflect.feeling", feeling=felt)
        elif quadrant not in QUADRANTS:
            # Not sure how it felt, and no word fitted: only the need, if one was named.
            if need is not None:
                t.say("check_in.reflect.need", need=needed)
        elif need is not None:
            t.say(
                "check_in.reflect.mood_need",
                mood=self._mood(t, quadrant),
                need=needed,
            )
        else:
            t.say("check_in.reflect.mood", mood=self._mood(t, quadrant))
        kept = t.keep(
            "checkin",
            feeling=feeling.id if feeling else "",
            quadrant=quadrant,
            need=need.id if need else "",
            about_partner=partner,
        )
        if kept:
            t.say_kept("check_in.noted")
            # The welcome suggests an exercise from it without reading history at launch.
            last = LastCheckin(
                feeling=feeling.id if feeling else "",
                quadrant=quadrant,
                about_partner=partner,
                at=t.req.now,
            )
            t.change(lambda p: setattr(p, "last_checkin", last))
        routing = routing_for(t)
        registered = t.nav.registered(routing.next_steps)
        target = next_step(
            routing, feeling.id if feeling else "", quadrant, need.id if need else "", registered
        )
        data["target"] = target
        family = routing.family_of(feeling.id) if feeling else None
        distant = family == "connection" or bool(data.get("partner"))
        if partner and distant and quadrant.startswith("unpleasant"):
            # The article: distance is often not about you; pulling back is often protective.
            # Said instead of the reason for the offer, so the turn stays short.
            t.say("check_in.not_about_you")
        else:
            t.say(f"check_in.why.{prefix_of(target)}")
        self.goto(
            t,
            "next",
            "check_in.offer_next",
            exercise=Raw(t.text.render(name_key(target))),
        )

    def _on_next(self, t: Turn) -> None:
        target = str(t.session.data.get("target", ""))
        if t.req.intent == YES and t.nav.has(target):
            # The check-in comes back when the next step ends (``resume``: it has nothing more
            # to say today, so it finishes with that exercise's closing question).
            t.nav.delegate(target, caller=self.id, resume="done")
            return
        t.say("check_in.close")
        t.nav.finish()

    # --- shared --------------------------------------------------------------------------
    def _mood(self, t: Turn, quadrant: str) -> Raw:
        q = quadrant if quadrant in QUADRANTS else "unpleasant_low"
        return Raw(t.text.render(f"check_in.mood.{q}"))

    def _miss(self, t: Turn) -> None:
        """An answer that does not fit the open question: as the framework's miss handler."""
        t.nav.missed(self.steps[t.session.step or "feeling"].retry or "fallback.retry")
