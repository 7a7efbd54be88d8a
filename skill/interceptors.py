"""The only code that loads and saves state.

``LoadTurnInterceptor`` (request) reads the envelope, the session attributes and, once per
session (and again when the recognised speaker changes), the profile, and builds the ``Turn``.
``SaveTurnInterceptor`` (response) writes what the handler changed in one conditional write,
then puts the session state back into the attributes. The SDK skips response interceptors when
a handler raises, so a half-done turn is never saved.

Session attributes are a position, not a permission (docs/decisions/0022): the profile cached
there only spares a read; every write is checked by the store against the stored profile
(incarnation, consent), only the fields a turn changed are written, at most
``MAX_ENTRIES_PER_COMMIT`` entries go in one request, and permission to read private notes
aloud is kept as a MAC only this skill can make.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import random
import re
import secrets
import time
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from ask_sdk_core.dispatch_components import (
    AbstractRequestInterceptor,
    AbstractResponseInterceptor,
)
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.response import Response
from ask_sdk_model.ui import SsmlOutputSpeech

from skill import telemetry
from skill.config import Settings
from skill.content import Catalog, ContentError, Renderer, bounded, catalog_for, clean_text
from skill.handlers.base import TURN, turn_of
from skill.language.exercise_index import PURPOSE_INTENT, REQUEST, START_INTENT, described
from skill.language.exercise_names import exercise_names
from skill.language.interpret import (
    HEDGE_LEADS,
    SIDE_WORDS,
    addresses_partner,
    agrees,
    answer_at_end,
    declines,
    departs,
    exercise_named,
    interpret,
    is_heard,
    leans_pleasant,
    leaves,
    leaves_in_passing,
    meta_question,
    ordinal,
    pause_only,
    unsure_only,
)
from skill.language.safety import SafetyFinding
from skill.language.safety.answers import CRISIS_INTENTS
from skill.language.statement import (
    FILLER_SLOT,
    FREE_TEXT_SLOTS,
    OPENINGS,
    STATEMENT_INTENT,
    is_closing,
    is_personal,
    one_shot_readings,
    owner_of,
    reopen,
    screen_texts,
    sentence,
)
from skill.navigation import NO_FLOWS, Registry
from skill.record import RecordError
from skill.request import WireResponse, epoch_of
from skill.state import HistoryItem, Profile, ProfileUpdate, SessionState, profile_update
from skill.storage import (
    OwnerKey,
    Store,
    StoreBusy,
    StoreUnavailable,
    VersionConflict,
    Write,
)
from skill.storage.base import MAX_ENTRIES_PER_COMMIT
from skill.turn import ApiAccess, Incoming, Slot, Turn
from skill.vocabulary import VOCABULARY_FILE, Vocabulary, load_vocabulary

log = logging.getLogger(__name__)

FALLBACK_INTENT = "AMAZON.FallbackIntent"

HEARD_MAX_CHARS = 1_000
"""What one slot can carry into the turn: far more than an utterance, far less than a forgery."""
WRITE_ATTEMPTS = 8
WRITE_BUDGET_S = 2.5
"""A write that keeps meeting busy items is retried with jittered backoff for this long."""
_PROCESS_KEY = secrets.token_bytes(32)
_NO_PROFILE_REQUESTS = ("SessionEndedRequest", "AlexaSkillEvent.", "Messaging.")
# Skill events that update what is kept (a permission granted or withdrawn in the app).
_PROFILE_EVENTS = ("AlexaSkillEvent.SkillPermission",)


class Invocation:
    """What ``lambda_handler`` passes as the SDK's context: the raw event and Lambda's context.

    The raw event is needed where the SDK's models drop fields (SkillDisabled's body).
    """

    def __init__(self, raw: Mapping[str, Any], lambda_context: object) -> None:
        self.raw = raw
        self.lambda_context = lambda_context


def raw_event(handler_input: HandlerInput) -> Mapping[str, Any]:
    ctx = handler_input.context
    return ctx.raw if isinstance(ctx, Invocation) else {}


def _obj(value: object) -> Mapping[str, Any]:
    if type(value) is dict:  # JSON's own mappings, without the abstract-class check
        return value
    return value if isinstance(value, Mapping) else {}


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _slots(intent: Mapping[str, Any]) -> dict[str, Slot]:
    found: dict[str, Slot] = {}
    for name, raw in _obj(intent.get("slots")).items():
        slot = _obj(raw)
        rid = rname = None
        no_match = False
        per_authority = _obj(slot.get("resolutions")).get("resolutionsPerAuthority")
        for res in per_authority if isinstance(per_authority, list) else []:
            code = _obj(_obj(res).get("status")).get("code")
            values = _obj(res).get("values")
            if code == "ER_SUCCESS_MATCH" and isinstance(values, list) and values:
                value = _obj(_obj(values[0]).get("value"))
                rid, rname = _text(value.get("id")), _text(value.get("name"))
                no_match = False
                break
            if code == "ER_SUCCESS_NO_MATCH":
                no_match = True
        # Broken unicode in what was heard never reaches a reply, a session attribute or the store;
        # and no more words than a person says in one breath reach the screen or anything else
        # (a forged request with many giant slots would otherwise cost seconds of screening).
        heard = _text(slot.get("value"))
        found[str(name)] = Slot(
            str(name),
            bounded(clean_text(heard), HEARD_MAX_CHARS) if heard is not None else None,
            rid,
            rname,
            no_match,
        )
    return found


def _system(raw: Mapping[str, Any]) -> Mapping[str, Any]:
    return _obj(_obj(raw.get("context")).get("System"))


def read_incoming(handler_input: HandlerInput) -> Incoming:
    """What the skill reads of a request, from the event itself (never from the SDK's models:
    the common requests are not deserialised into them at all, see skill/request.py)."""
    raw = raw_event(handler_input)
    req = _obj(raw.get("request"))
    body = req.get("body")
    system = _system(raw)
    interfaces = _obj(_obj(system.get("device")).get("supportedInterfaces"))
    intent = _obj(req.get("intent"))
    intent_name = _text(intent.get("name")) if req.get("type") == "IntentRequest" else None
    return Incoming(
        request_type=_text(req.get("type")) or "Unknown",
        locale=_text(req.get("locale")) or "en-US",
        new_session=_obj(raw.get("session")).get("new") is True,
        intent=intent_name,
        slots=_slots(intent) if intent_name else {},
        now=epoch_of(req.get("timestamp"), int(time.time())),
        recognised_voice=isinstance(system.get("person"), Mapping),
        has_screen="Alexa.Presentation.APL" in interfaces,
        session_end_reason=_text(req.get("reason")),
        session_error_type=_text(_obj(req.get("error")).get("type")),
        persistence_status=body.get("userInformationPersistenceStatus")
        if isinstance(body, dict)
        else None,
    )


def owner_key(handler_input: HandlerInput) -> OwnerKey | None:
    raw = raw_event(handler_input)
    system = _system(raw)
    user = _text(_obj(system.get("user")).get("userId"))
    if not user:
        user = _text(_obj(_obj(raw.get("session")).get("user")).get("userId"))
    if not user:
        return None
    person = _text(_obj(system.get("person")).get("personId"))
    return OwnerKey.from_ids(user, person or None)


def api_access(handler_input: HandlerInput) -> ApiAccess | None:
    system = _system(raw_event(handler_input))
    endpoint = _text(system.get("apiEndpoint"))
    token = _text(system.get("apiAccessToken"))
    if not endpoint or not token:
        return None
    device = _text(_obj(system.get("device")).get("deviceId"))
    return ApiAccess(endpoint, token, device or None)


def _catalog(settings: Settings, locale: str) -> Catalog:
    try:
        return catalog_for(settings.content_dir, locale)
    except ContentError:
        return catalog_for(settings.content_dir, settings.default_locale)


class LoadTurnInterceptor(AbstractRequestInterceptor):
    def __init__(self, settings: Settings, store: Store, flows: Registry = NO_FLOWS) -> None:
        self.settings = settings
        self.store = store
        self.flows = flows

    def process(self, handler_input: HandlerInput) -> None:
        incoming = read_incoming(handler_input)
        # Skill events arrive without a session; the SDK refuses to read attributes then.
        in_session = handler_input.request_envelope.session is not None
        attrs = handler_input.attributes_manager.session_attributes if in_session else {}
        try:
            session = SessionState.model_validate(attrs)
        except RecordError:
            session = SessionState()
        key = owner_key(handler_input)
        session_id = _session_id(handler_input)
        # Permission to read private notes aloud is never taken from the attributes as such.
        # (No proof, nothing to check: a new session is not made to compute one.)
        session.private_ok = (
            key is not None
            and bool(session.private_proof)
            and hmac.compare_digest(
                session.private_proof or "", private_proof(self.settings, session_id, key)
            )
        )
        session.private_proof = None
        if key is not None and session.owner != key.owner:
            # Someone else is speaking (or the attributes say nothing of whose they are): the
            # profile, its consent and the private permission come from the store again.
            session.profile = None
            session.private_ok = False
            session.unsaved = []
            session.owner = key.owner
        session.unsaved = session.unsaved[:MAX_ENTRIES_PER_COMMIT]
        profile = self._profile(session, key, incoming)
        request_id = _text(_obj(raw_event(handler_input).get("request")).get("requestId")) or ""
        # Variations are chosen by a generator seeded from the request id: random across
        # requests, repeatable for a given request (transcripts).
        rng = random.Random(zlib.crc32(request_id.encode()) if request_id else None)
        turn = Turn(
            settings=self.settings,
            store=self.store,
            key=key,
            req=incoming,
            session=session,
            profile=profile,
            text=Renderer(_catalog(self.settings, incoming.locale), session.said, rng),
            rng=rng,
            api=api_access(handler_input),
            flows=self.flows,
            request_id=request_id,
            base=profile.model_copy(deep=True),
        )
        handler_input.attributes_manager.request_attributes[TURN] = turn

    def _profile(self, session: SessionState, key: OwnerKey | None, req: Incoming) -> Profile:
        if session.profile is not None:
            try:
                return Profile.model_validate_json(session.profile)
            except RecordError:
                pass
        events_that_change_it = req.request_type.startswith(_PROFILE_EVENTS)
        if key is None or (
            req.request_type.startswith(_NO_PROFILE_REQUESTS) and not events_that_change_it
        ):
            return Profile()
        try:
            loaded = self.store.load(key)
            if loaded.purge_pending:
                # A deletion under this account is unfinished: carry on with it, briefly.
                self.store.resume_purge(key.account, self.settings.resume_budget_s)
        except StoreUnavailable as exc:
            log.warning("profile not read: %s", type(exc).__name__)
            telemetry.record(telemetry.STORAGE_FAULT, "load")
            session.store_ok = False
            return Profile()
        session.store_ok = True
        found = loaded.profile
        return found if found is not None else Profile(created_at=req.now)


def _session_id(handler_input: HandlerInput) -> str:
    return _text(_obj(raw_event(handler_input).get("session")).get("sessionId")) or ""


def private_proof(settings: Settings, session_id: str, key: OwnerKey) -> str:
    """A MAC saying "this owner said now is a good moment to hear private notes, in this
    session": only this skill (its configured key, or this process's own) can make one."""
    secret = settings.session_key.encode("utf-8") if settings.session_key else _PROCESS_KEY
    message = f"private/{session_id}/{key.account}/{key.owner}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


START_EXERCISE = "StartExerciseIntent"
PRIVACY_INTENTS: Final = frozenset({"WhatDoYouKeepIntent", "DeleteDataIntent"})

VENT_INTENT = "VentIntent"
TOPIC_INTENT = "TopicIntent"
TOPIC_SUBJECT_SLOT = "subject"
PRACTICE_INTENT = "PracticeLineIntent"
ORDINAL_INTENT = "OrdinalIntent"
NO_INTENT = "AMAZON.NoIntent"
YES_INTENT = "AMAZON.YesIntent"
SKIP_INTENT = "SkipIntent"
UNSURE_INTENT = "UnsureIntent"
PAUSE_INTENT = "AMAZON.PauseIntent"
TIME_INTENT = "TimeAvailableIntent"
_SECONDS: Final = re.compile(r"^PT\d+S$")
"""A duration of seconds ("gimme a sec", "hold up a sec" -> PT1S) is a pause, not time given."""
_FINE: Final = frozenset({"fine", "alright", "all right", "okay", "ok", "right"})
"""Said at "would you like another?", "i'm good" means no thanks."""
_OFF: Final = frozenset({"off", "out", "off now", "out now", "off then", "out then"})
"""Read as a feeling ("i'm off", "i'm out"): leaving, at a question that wants words."""
CLOSED_ANSWERS: Mapping[str, str] = {
    "FeelingIntent": "feeling",
    "NeedIntent": "need",
    "PleasantnessIntent": "pleasantness",
}
"""Steps answered from a list: a clean statement there is offered as the answer, unmatched."""


@lru_cache(maxsize=4)
def _vocabulary(content_dir: Path) -> Vocabulary:
    return load_vocabulary(content_dir / "en" / VOCABULARY_FILE)


_GOODBYE: Final = re.compile(r"\b(bye|goodbye|that's all for (now|today|tonight))$")
STOP_INTENT = "AMAZON.StopIntent"
REPEAT_INTENT = "AMAZON.RepeatIntent"
_SOMEONE: Final = re.compile(r"\b(i|i'm|i've|i'd|me|my|you|your|you're|they|them|their)\b")
_ENOUGH: Final = re.compile(
    r"^((no|nah|nope|okay|ok) )?(that('ll| will) do\b|that('s| is) (enough|plenty)\b"
    r"|i('m| am) (good|fine|alright|okay|ok) (thanks|thank you|cheers|ta|for now|now)\b)"
)
"""Said at "would you like another?" (not in a check-in's questions), "that'll do for now" and
"i'm fine thanks" are a no thanks, not a goodbye."""
_NEED_SHAPE: Final = re.compile(
    r"^((just|honestly|probably|maybe|really|mostly|i guess|i think|i reckon|reckon|um|er) )*"
    r"(to [a-z']+|a |an |some |more |less |someone |somebody |something |anything |for |"
    r"time |space |i need\b|i('d| would) like\b|i want\b|need\b|what i need\b"
    # What a carrier left of "to get out of the house", "to be away from it all".
    r"|(out|away|outside) (of|from|for|to) )"
)
"""How a need is said in one's own words at "what do you need?": "a cup of tea and a good cry",
"to get out of the house for a walk", "someone to notice me", "reckon i need a bit of patience"."""
_DESCRIBES_IT: Final = frozenset({"it_is", "it_was", "it", "seems", "sounds", "kinda", "i_feel"})
"""Openings that describe the feeling itself ("it's alright actually kind of nice"): at the
pleasantness question, the side they name is the answer."""
_SIDE_FIRST: Final = re.compile(
    r"^((the|um|uh|er|erm|oh|more|mostly|definitely|probably|def|like) )*"
    r"(?P<side>unpleasant|pleasant)( one| side| bit)?\b(?! (or|and|but)\b)"
)
"""A pleasantness answer that names its side first and then comments ("pleasant i guess which
is weird"); "pleasant or unpleasant?" asked back is not one."""
_KIND_SIDE: Final = re.compile(
    r"^((the|um|uh|er|erm|oh|well|definitely|probably|def|like|mostly|more) )*(the|a) "
    r"((really|very|pretty|proper|not so|not very) )?(?P<word>[a-z]+) (kind|sort|type|one|side|end)"
    r"( of (thing|feeling|one))?\b"
)
"""The side said as a kind ("the bad kind obviously", "the nice sort i think", "a good one
actually"): the word before "kind" names it (round 7); "not the good kind" is not matched."""
_QUESTION: Final = re.compile(r"^(what|what's|how|who|where|why|which|is|are|do|does|can)\b")


def _reply_to_partner(words: str) -> bool:
    """At a practice reply: words said to the partner ("aw babe what happened", "come here"),
    or words the reply checker reads as validating ("that sounds rough", "must be hard mate"),
    are the reply, even without "I'd say"."""
    if addresses_partner(words):
        return True
    # compiled on first use: keeps cold start lean
    from skill.language.coaching import check_reply

    return bool(check_reply(words).validating)


def _about_someone(words: str) -> bool:
    said = words.lower()
    return _SOMEONE.search(said) is not None and _QUESTION.match(said) is None


_NEGATORS: Final = frozenset({"not", "never", "no", "nor"})


def _feeling_lead(t: Turn, slot: str) -> bool:
    """A StatementIntent slot named after a one-word feeling of the vocabulary ("anxious
    {anxious}"): the sentence starts with the feeling."""
    if "_" in slot or slot == FILLER_SLOT or is_closing(slot):
        return False
    found = _vocabulary(t.settings.content_dir).find_feeling(slot)
    return found is not None and found.word == slot


def _list_word(t: Turn, intent: str, words: str) -> bool:
    """The words hold a feeling (or a need) of the vocabulary, not negated: "um wound up like
    really tense", "just some quiet time to myself"."""
    vocab = _vocabulary(t.settings.content_dir)
    find = vocab.find_feeling if intent == "FeelingIntent" else vocab.find_need
    said = words.lower().split()
    for size in (3, 2, 1):
        for i in range(len(said) - size + 1):
            if i and said[i - 1] in _NEGATORS:
                continue
            if find(" ".join(said[i : i + size])) is not None:
                return True
    return False


HEAR_MORE_INTENT = "HearMoreIntent"
_OPEN_ANSWERS: Final = frozenset(
    {UNSURE_INTENT, FALLBACK_INTENT, "NeedIntent", "PleasantnessIntent"}
)


def yes_no_question(accepts: Callable[[str | None, str], bool], step: str | None) -> bool:
    """A step that asks yes or no: it takes a no and no list answer, or only a feeling beside
    yes and no ("shall I keep notes?", "another round?" take "fine" or "nothing" as well), so
    "nah i'm good don't save anything" or "i think i'm alright actually" is its no."""
    if not accepts(step, NO_INTENT):
        return False
    lists = [i for i in CLOSED_ANSWERS if accepts(step, i)]
    if not lists:
        return True
    return (
        lists == ["FeelingIntent"]
        and accepts(step, YES_INTENT)
        and not any(accepts(step, i) for i in (*_OPEN_ANSWERS, *FREE_TEXT_SLOTS))
    )


def _screened(texts: Sequence[str]) -> SafetyFinding | None:
    """The most urgent finding among the words of one request; the screen's engine and rules
    are loaded by the first request that brings words (decision 0094)."""
    if not texts:
        return None
    from skill.language.safety import engine

    return engine.most_urgent(engine.screen(text) for text in texts)


class ScreenTurnInterceptor(AbstractRequestInterceptor):
    """Crisis and abuse screening over every intent and every phrase, before any handler.

    A crisis intent is its own finding (Alexa sends no words with it). Slot words are screened
    as Alexa gave them and, where the opening is known, with it put back
    (skill/language/statement.py); the most urgent finding wins. A StatementIntent that screens
    clean is then answered as what it would have been without it: the open step's free-text
    intent, the intent that owns its opening, or a fallback.
    """

    def __init__(self, flows: Registry = NO_FLOWS) -> None:
        self.flows = flows

    def process(self, handler_input: HandlerInput) -> None:
        t = turn_of(handler_input)
        if t is None:
            return
        crisis = CRISIS_INTENTS.get(t.req.intent or "")
        if crisis is not None:
            t.safety = SafetyFinding(crisis)
            return
        texts = screen_texts(t.req.intent, [(s.name, s.value or "") for s in t.req.slots.values()])
        if t.req.new_session:
            # a one-shot: Alexa may have taken "if" with the invocation ("ask ... if ...")
            texts = one_shot_readings(texts)
        found = _screened(texts)
        if found is not None:
            t.safety = found
            return
        t.req = self._small_words(t)
        if t.req.intent == PURPOSE_INTENT:
            # "something for date night": the words are read with the description index.
            words = t.req.slot("purpose").value or ""
            t.req = replace(
                t.req,
                intent=STATEMENT_INTENT,
                slots={FILLER_SLOT: Slot(FILLER_SLOT, f"can we do something for {words}")},
            )
        subject = t.req.slot(TOPIC_SUBJECT_SLOT)
        topic = t.req.slot(FREE_TEXT_SLOTS[TOPIC_INTENT])
        if t.req.intent == TOPIC_INTENT and subject.filled and not topic.filled:
            # "money", "chores": a bare thing is read as a statement of those words, the
            # answer only where a step takes one (round 10).
            words = subject.value or ""
            t.req = replace(
                t.req, intent=STATEMENT_INTENT, slots={FILLER_SLOT: Slot(FILLER_SLOT, words)}
            )
        if t.req.intent == START_EXERCISE and not self._names_exercise(t):
            # "let's do the how am i feeling thing": a name Alexa could not resolve is read
            # for what it describes, else as a statement ("give me a moment to think").
            words = t.req.slot("exercise").value or ""
            t.req = replace(
                t.req, intent=STATEMENT_INTENT, slots={FILLER_SLOT: Slot(FILLER_SLOT, words)}
            )
        if t.req.intent == STATEMENT_INTENT:
            t.req = self._settled(t)
            t.req = self._small_words(t)
        if t.req.intent == FALLBACK_INTENT and self._net_due(t):
            t.session.net_said = True
            t.reply.notices.append(t.text.render("safety.net"))

    def _net_due(self, t: Turn) -> bool:
        """No words arrived: in an open step, or for the second time in a row, one calm line
        says that "I need help" works at any time (once a session)."""
        if t.session.net_said:
            return False
        if t.session.retries >= 1:
            return True
        flow = self.flows.flow(t.session.flow or "")
        return flow is not None and any(
            flow.accepts(t.session.step, intent) for intent in FREE_TEXT_SLOTS
        )

    def _small_words(self, t: Turn) -> Incoming:
        """Intents a resolver chose for everyday small words, read for what they mean where
        they were said: "i'm good thanks" at "another round?" is a no; "i'd rather not answer"
        is a no where skipping is not offered; "the grounding one" that names no offered
        option is read as a sentence (an exercise asked for by name)."""
        flow = self.flows.flow(t.session.flow or "")
        step = t.session.step
        accepts = flow.accepts if flow is not None else (lambda _step, _intent: False)
        intent = t.req.intent or ""
        yes_no_only = yes_no_question(accepts, step)
        if yes_no_only and intent == HEAR_MORE_INTENT and not accepts(step, intent):
            # "go on" at "shall I keep notes?" or "another round?": a yes.
            return replace(t.req, intent=YES_INTENT, slots={})
        if yes_no_only and intent == "FeelingIntent":
            value = (t.req.slot("feeling").value or "").lower()
            if value in _FINE:
                return replace(t.req, intent=NO_INTENT, slots={})
        off = (t.req.slot("feeling").value or "").lower() in _OFF
        if intent == "FeelingIntent" and off and any(accepts(step, i) for i in FREE_TEXT_SLOTS):
            # "i'm off", "i'm out": a mood only where a feeling is asked for; at a question
            # that wants words (what they did, what it's about), it is leaving.
            return replace(t.req, intent=STOP_INTENT, slots={})
        if intent == SKIP_INTENT and not accepts(step, SKIP_INTENT) and accepts(step, NO_INTENT):
            return replace(t.req, intent=NO_INTENT, slots={})
        seconds = _SECONDS.match((t.req.slot("duration").value or "").upper()) is not None
        if intent == TIME_INTENT and seconds and not accepts(step, TIME_INTENT):
            # "gimme a sec", "hold up a sec": seconds, where no time was asked for, are a pause.
            return replace(t.req, intent=PAUSE_INTENT, slots={})
        closed = CLOSED_ANSWERS.get(intent)
        if closed is not None:
            slot = t.req.slot(closed)
            known = interpret(slot.value or "") if slot.filled and not slot.resolved_id else None
            if known is not None and known != intent:
                return replace(t.req, intent=known, slots={})
            free = next((i for i in FREE_TEXT_SLOTS if accepts(step, i)), None)
            if (
                free is not None
                and not accepts(step, intent)
                and slot.filled
                and not slot.resolved_id
            ):
                # "more space in the evenings" at the boundaries question: a list carrier
                # ("more {pleasantness}") around words that are this step's free answer.
                said_slot = Slot(FREE_TEXT_SLOTS[free], slot.value or "")
                return replace(t.req, intent=free, slots={FREE_TEXT_SLOTS[free]: said_slot})
        if intent in FREE_TEXT_SLOTS and not accepts(step, intent):
            # A free answer the resolver gave to another step's intent ("about him texting
            # his ex" as an opener topic, at the boundaries question): read as a statement.
            slot_name = FREE_TEXT_SLOTS[intent]
            said = t.req.slot(slot_name).value or ""
            if said.strip():
                # The opening the carrier stood for ("he" for "he {deed}"), not the tuple.
                opening = next(iter(OPENINGS.get((intent, slot_name), ())), "")
                words = f"{opening} {said}".strip()
                return replace(
                    t.req, intent=STATEMENT_INTENT, slots={FILLER_SLOT: Slot(FILLER_SLOT, words)}
                )
        if intent in FREE_TEXT_SLOTS or intent == VENT_INTENT:
            # "i've had enough of this one for today, bye": a goodbye at the end of any free
            # words is a goodbye (the screen has read them first).
            free_words = " ".join((x.value or "") for x in t.req.slots.values() if x.filled)
            if interpret(free_words) == STOP_INTENT and _GOODBYE.search(free_words.lower()):
                return replace(t.req, intent=STOP_INTENT, slots={})
            if intent == VENT_INTENT and leaves(f"that is enough of {free_words}"):
                # "i've had enough of this for one night" (the venting carrier "i've had
                # enough of {said}" kept "this for one night"): leaving, not venting.
                return replace(t.req, intent=STOP_INTENT, slots={})
            if leaves_in_passing(free_words):
                # "i'll stop here" taken as a boundary answer ("stop here"): leaving.
                return replace(t.req, intent=STOP_INTENT, slots={})
            asked = self._not_an_answer(intent, free_words)
            if asked is not None:
                # "i'd {thing}" keeping "rather stop here", "{closeness}" keeping "pause a
                # moment please": words that ask to leave, pause or hear again are never kept
                # as the step's answer (rounds 8 and 9, decision 0107).
                return replace(t.req, intent=asked, slots={})
        if intent == ORDINAL_INTENT:
            choice = t.req.slot("choice")
            if choice.filled and choice.resolved_id is None:
                said = f"the {choice.value} one"
                return replace(
                    t.req, intent=STATEMENT_INTENT, slots={FILLER_SLOT: Slot(FILLER_SLOT, said)}
                )
        return t.req

    @staticmethod
    def _not_an_answer(intent: str, free_words: str) -> str | None:
        """Leaving, a pause said first, or a request to hear again, in the words a free
        answer's carrier kept (read with the carrier's opening put back): never an answer."""
        if intent not in FREE_TEXT_SLOTS:
            return None
        opening = next(iter(OPENINGS.get((intent, FREE_TEXT_SLOTS[intent]), ())), "")
        # Leaving is read with the opening put back only ("i will {answer}" keeps "stop
        # waiting for him", which is an answer); the bare words were read in passing above.
        if opening and leaves(f"{opening} {free_words}"):
            return STOP_INTENT
        for words in dict.fromkeys((f"{opening} {free_words}".strip(), free_words.strip())):
            known = interpret(words) if words else None
            if known == PAUSE_INTENT and pause_only(words):
                return known
            if known == REPEAT_INTENT and meta_question(words, known):
                return known
        return None

    def _instead(self, t: Turn, words: str) -> Incoming | None:
        """What a no at a yes-or-no step asks for instead: an exercise by name or purpose."""
        named = exercise_named(words, exercise_names(t.text.catalog))
        if named is not None and named != t.session.flow and self.flows.is_exercise(named):
            chosen = Slot("exercise", words, resolved_id=named, resolved_name=named)
            return replace(t.req, intent=START_EXERCISE, slots={"exercise": chosen})
        return self._asked_for(t, words, answer_first=False)

    def _names_exercise(self, t: Turn) -> bool:
        slot = t.req.slot("exercise")
        return not slot.filled or slot.resolved_id is not None

    def _asked_for(self, t: Turn, words: str, answer_first: bool) -> Incoming | None:
        """An exercise (or the look-back, or reminders) asked for by name or by what it is for
        (skill/language/exercise_index.py). Inside an exercise, or where a long answer is due,
        only a sentence that says it is a request ("can we do...", "...instead") counts."""
        in_exercise = self.flows.is_exercise(t.session.flow or "")
        if (in_exercise or answer_first) and not REQUEST.search(words.lower()):
            return None
        flow = described(words, exercise_names(t.text.catalog), besides=t.session.flow)
        if flow is None:
            return None
        if flow in START_INTENT:
            return replace(t.req, intent=START_INTENT[flow], slots={})
        if not self.flows.is_exercise(flow):
            return None
        chosen = Slot("exercise", words, resolved_id=flow, resolved_name=flow)
        return replace(t.req, intent=START_EXERCISE, slots={"exercise": chosen})

    def _settled(self, t: Turn) -> Incoming:
        said = next(((s.name, s.value) for s in t.req.slots.values() if s.filled), None)
        if said is None:
            # "what", "sex": a resolver that matched an opening or a closing word with nothing
            # around it ("what {what}", "{ends_sex} sex") sends the slot empty; the word is
            # the whole statement.
            bare = next((s.name for s in t.req.slots.values() if s.value is not None), None)
            word = sentence(bare, "") if bare is not None else ""
            if not word:
                return replace(t.req, intent=FALLBACK_INTENT, slots={})
            said = (FILLER_SLOT, word)
        name, value = reopen(said[0], str(said[1]).strip())
        flow = self.flows.flow(t.session.flow or "")
        words = sentence(name, value)
        step = t.session.step
        free = next(
            ((i, sl) for i, sl in FREE_TEXT_SLOTS.items() if flow and flow.accepts(step, i)), None
        )
        # A long personal statement at a free-text step is its answer, whatever words it holds
        # ("he kept coming back late"); anything else is first read with the skill's own words
        # (skill/language/interpret.py): navigation, yes and no, privacy, an exercise's name.
        # At an open step, a clean statement about someone is an answer ("that we hardly
        # talk", "you're right, i haven't been there"), once navigation and requests are read;
        # a question or words about no one ("how tall is a giraffe") stay a miss.
        personal = is_personal(name, value) or is_heard(words) or _about_someone(words)
        # A practice reply is said to the partner: a short caring question ("aw babe what
        # happened") is a reply for the checker to judge, not a miss.
        practice = free is not None and free[0] == PRACTICE_INTENT
        personal = personal or (practice and _reply_to_partner(words))
        # A topic or a picture of closeness is often a thing, not a sentence about a person
        # ("money", "the kids", "eye contact", "honestly just being noticed"): at a free step
        # other than a practice reply, a clean statement that does not ask something is the
        # answer, once navigation and requests are read below.
        thing = free is not None and not practice and _QUESTION.match(words.lower()) is None
        answer_first = free is not None and personal and len(value.split()) > 5
        asks_again = interpret(words) == REPEAT_INTENT  # "sorry what was the second one"
        if (
            flow is not None
            and flow.accepts(step, ORDINAL_INTENT)
            and ordinal(words)
            and not asks_again
        ):
            choice = Slot("choice", words, resolved_id=ordinal(words))
            return replace(t.req, intent=ORDINAL_INTENT, slots={"choice": choice})
        accepts = flow.accepts if flow is not None else (lambda _step, _intent: False)
        if accepts(step, NO_INTENT) and declines(words) and REQUEST.search(words.lower()):
            # "no but let's do the grounding one", "not now but can you remind me": the no
            # makes way for what is asked for instead.
            instead = self._instead(t, words)
            if instead is not None:
                return instead
        yes_no_only = yes_no_question(accepts, step)
        last = answer_at_end(words) if yes_no_only else None
        if last is not None:
            # "sure just a sec jamie put your shoes on sure yeah go ahead": the yes or no said
            # last, after words to someone else in the room, is the answer.
            return replace(t.req, intent=YES_INTENT if last else NO_INTENT, slots={})
        asks_mood = accepts(step, "PleasantnessIntent") or accepts(step, "NeedIntent")
        enough = not asks_mood and _ENOUGH.match(words) is not None
        if departs(words):
            # "no i'm off to bed now", "actually no forget the whole thing turn it off": going
            # away, read before a no, which would only end the step (round 10); "nah that'll
            # do for now" stays a no.
            return replace(t.req, intent=STOP_INTENT, slots={})
        if (yes_no_only and declines(words)) or (accepts(step, NO_INTENT) and enough):
            return replace(t.req, intent=NO_INTENT, slots={})
        if leaves(words):
            # "i'd like to quit now please", "i can't do this right now stop": leaving, even
            # where a long answer is due.
            return replace(t.req, intent=STOP_INTENT, slots={})
        # "could you repeat the question one more time" asks again: "one more time" is no yes.
        if accepts(step, YES_INTENT) and agrees(words) and not asks_again:
            return replace(t.req, intent=YES_INTENT, slots={})
        known = interpret(words)
        if known in (SKIP_INTENT, YES_INTENT, STOP_INTENT) and REQUEST.search(words.lower()):
            # "can we skip this, i need something to calm down before we talk", "okay i'm
            # calmer now so help me talk to him": what is asked for wins, as after a no.
            instead = self._instead(t, words)
            if instead is not None:
                return instead
        unsure = known == UNSURE_INTENT and unsure_only(words)
        if known is not None and (
            not answer_first or known in PRIVACY_INTENTS or meta_question(words, known) or unsure
        ):
            # A long answer at a free step is its answer, unless it asks about privacy or
            # about the step itself ("how am i meant to answer this, do i talk to him").
            # A request to be heard ("can i just tell you what happened first") is met with
            # room to talk, not reflected back as if it were what happened.
            return replace(t.req, intent=known, slots={})
        if not answer_first:
            names = exercise_names(t.text.catalog)
            named = exercise_named(words, names)
            wider = described(words, names, besides=t.session.flow) if named is not None else None
            if wider is not None and wider != named and self.flows.is_exercise(wider):
                # "my husband's here can we both do a check in together": a longer description
                # ("check in together") than the name inside it ("check in") says what is meant.
                named = wider
            # "instead of breathing can we do the one where i notice things": the exercise
            # already running, named, is not what is asked for; the description decides.
            if named is not None and named != t.session.flow and self.flows.is_exercise(named):
                chosen = Slot("exercise", words, resolved_id=named, resolved_name=named)
                return replace(t.req, intent=START_EXERCISE, slots={"exercise": chosen})
        asked = self._asked_for(t, words, answer_first)
        if asked is not None:
            return asked
        if free is not None and (personal or thing):
            return replace(t.req, intent=free[0], slots={free[1]: Slot(free[1], words)})
        owner = owner_of(name, value)
        lean = leans_pleasant(words)
        side_first = _SIDE_FIRST.match(words.lower())
        kind = _KIND_SIDE.match(words.lower())
        kind_lean = leans_pleasant(kind.group("word")) if kind is not None else None
        describes = name in HEDGE_LEADS or name in _DESCRIBES_IT or side_first is not None
        describes = describes or name in SIDE_WORDS  # "horrible it's horrible" (round 8)
        describes = describes or kind_lean is not None
        if lean is not None and accepts(step, "PleasantnessIntent") and describes:
            if side_first is not None:
                # "pleasant i guess which is weird", "the unpleasant one mate": the side said
                # first is the answer, whatever comment follows it.
                value = side_first.group("side")
            elif kind_lean is not None:
                # "the bad kind obviously": the kind's word names the side.
                value = "pleasant" if kind_lean else "unpleasant"
            # "honestly, a bit relieved but mostly it's unpleasant": the side named wins over
            # the hedge's owner (a feeling carrier) and over any feeling word in passing.
            said_slot = Slot("pleasantness", value, no_match=True)
            return replace(t.req, intent="PleasantnessIntent", slots={"pleasantness": said_slot})
        if owner is not None and accepts(step, owner[0]):
            owned, slot_name, rest = owner
            slot = Slot(slot_name, rest, no_match=True)
            return replace(t.req, intent=owned, slots={slot_name: slot})
        # A step that asks from a list (and not yes or no) gets the words as its answer.
        # The side of pleasantness, when named, is read before any feeling word in the
        # sentence ("a bit relieved but mostly it's unpleasant").
        order = sorted(CLOSED_ANSWERS.items(), key=lambda x: x[0] != "PleasantnessIntent")
        # "anxious i think yeah anxious about this weekend": a feeling said first is a lead
        # of its own (devtools/models.py, round 7); the answer keeps the feeling word.
        feeling_first = name not in HEDGE_LEADS and _feeling_lead(t, name)
        for intent, slot_name in order:
            mine = name == FILLER_SLOT or name in HEDGE_LEADS or is_personal(name, value)
            mine = mine or (feeling_first and intent == "FeelingIntent")
            # "for him to actually notice me, ask how i am" at "what do you need?": a need
            # about the partner, in their own words.
            about_them = intent == "NeedIntent" and is_heard(words) and len(words.split()) > 3
            # "to get out of the house for a walk" where a need is the question (not where a
            # feeling's side is asked too, nor where a free answer is due).
            asks_need = (
                intent == "NeedIntent"
                and not accepts(step, "PleasantnessIntent")
                and free is None
                and _NEED_SHAPE.match(words) is not None
            )
            about_them = about_them or asks_need
            mine = mine or about_them
            # A yes-or-no step takes a list answer only when its side is plain ("er
            # unpleasant yeah" at "more pleasant or more unpleasant?").
            plain = (intent == "PleasantnessIntent" and leans_pleasant(words) is not None) or (
                intent in ("FeelingIntent", "NeedIntent") and _list_word(t, intent, words)
            )
            plain = plain or about_them
            if mine and accepts(step, intent) and (plain or not accepts(step, NO_INTENT)):
                kept = words if feeling_first and intent == "FeelingIntent" else value
                said_slot = Slot(slot_name, kept, no_match=True)
                return replace(t.req, intent=intent, slots={slot_name: said_slot})
        in_exercise = flow is not None and self.flows.is_exercise(t.session.flow or "")
        if not in_exercise and is_heard(words):
            return replace(t.req, intent=VENT_INTENT, slots={"said": Slot("said", words)})
        owner = owner_of(name, value)
        if owner is not None:
            owned, slot_name, rest = owner
            return replace(
                t.req, intent=owned, slots={slot_name: Slot(slot_name, rest, no_match=True)}
            )
        return replace(t.req, intent=FALLBACK_INTENT, slots={})


class SaveTurnInterceptor(AbstractResponseInterceptor):
    def __init__(self, settings: Settings, store: Store, flows: Registry = NO_FLOWS) -> None:
        self.settings = settings
        self.store = store
        self.flows = flows

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        t = turn_of(handler_input)
        if t is None:
            return
        speech_before = t.reply.ssml()
        outcome = self._persist(t)
        if outcome != _SAVED:
            # Nothing may be said to be kept that was not.
            for line in t.reply.kept_lines:
                if line in t.reply.speech:
                    t.reply.speech.remove(line)
        if t.erase:
            # Only now do we know whether the deletion happened: say so, truthfully.
            said = "delete_data.done" if outcome == _SAVED else "delete_data.failed"
            t.reply.notices.insert(0, t.text.render(said))
            t.session.save_warned = t.session.save_warned or outcome != _SAVED
        elif outcome in (_GONE, _REFUSED):
            t.session.save_warned = True
            notice = "storage.deleted" if outcome == _GONE else "storage.not_permitted"
            t.reply.notices.append(t.text.render(notice))
        elif (outcome == _FAILED or not t.session.store_ok) and not t.session.save_warned:
            t.session.save_warned = True
            t.reply.notices.append(t.text.render("storage.not_saved"))
        speech = t.reply.ssml()
        if (
            response is not None
            and speech != speech_before
            and not isinstance(response, WireResponse)
        ):
            response.output_speech = SsmlOutputSpeech(ssml=f"<speak>{speech}</speak>")
        in_session = handler_input.request_envelope.session is not None
        if (
            in_session
            and t.reply.end_session is not True
            and t.req.request_type != "SessionEndedRequest"
        ):
            if (t.reply.question or t.reply.speech) and not t.reply.holding:
                t.session.last_speech = speech
                t.session.last_reprompt = t.reply.reprompt
            t.session.paused = t.reply.holding
            t.session.errors = 0
            t.session.profile = t.profile.model_dump_json(exclude_defaults=True)
            t.session.said = t.text.last
            if t.session.private_ok and t.key is not None:
                t.session.private_proof = private_proof(
                    self.settings, _session_id(handler_input), t.key
                )
            handler_input.attributes_manager.session_attributes = t.session.model_dump(
                mode="json", exclude_defaults=True, exclude={"private_ok"}
            )

    def _persist(self, t: Turn) -> str:
        """Write the turn's changes; say how it went (``_SAVED``, ``_FAILED``, ``_GONE``:
        deleted elsewhere, ``_REFUSED``: the store holds no consent for it)."""
        if t.key is None:
            return _SAVED
        if t.erase_account:
            try:
                self.store.delete_account(t.key.account, self.settings.delete_budget_s)
            except StoreUnavailable as exc:
                log.error("account deletion not started: %s", type(exc).__name__)
                telemetry.record(telemetry.STORAGE_FAULT, "delete_account")
                return _FAILED
            return _SAVED
        if t.erase:
            return self._erase(t)
        pending = [HistoryItem.model_validate(i) for i in t.session.unsaved]
        t.session.unsaved = []
        fresh_items = t.new_items[:MAX_ENTRIES_PER_COMMIT]
        items = pending[: MAX_ENTRIES_PER_COMMIT - len(fresh_items)] + fresh_items
        update: ProfileUpdate | None = None
        if t.changes and t.base is not None:
            update = profile_update(t.base, t.profile) or None
        if update is not None and not update.grants and t.profile.consent == "unknown":
            update = None  # nothing is kept before the person has answered the question
        if not items and update is None:
            return _SAVED
        base: Profile | None = t.base if t.base is not None and t.base.incarnation else None
        expires = t.req.now + self.settings.retention_days * 86400
        deadline = time.monotonic() + WRITE_BUDGET_S
        refused = False
        for attempt in range(WRITE_ATTEMPTS):
            try:
                stored = self.store.commit(t.key, Write(base, update, items, expires))
                if stored is not None:
                    t.profile = stored
                return _REFUSED if refused else _SAVED
            except VersionConflict:
                try:
                    fresh = self.store.load_profile(t.key)
                except StoreUnavailable:
                    telemetry.record(telemetry.STORAGE_FAULT, "reload")
                    break
                if base is not None and (fresh is None or fresh.incarnation != base.incarnation):
                    # Deleted (on another device, or by disabling the skill) since this session
                    # read it: this session keeps nothing more.
                    t.profile = fresh or Profile(created_at=t.req.now)
                    return _GONE
                if fresh is None and (update is None or not update.grants):
                    t.profile = Profile(created_at=t.req.now)
                    return _REFUSED if items else _SAVED
                granting = update is not None and update.grants
                if fresh is not None and not (fresh.keeps_data or granting):
                    # The session believed it had consent; the store says otherwise.
                    refused = refused or bool(items) or bool(update and update.touches_notes)
                    items = []
                    update = update.without_notes() if update is not None else None
                    update = update or None
                base = fresh
                current = fresh or Profile(created_at=t.req.now)
                t.profile = update.apply(current) if update is not None else current
                if not items and update is None:
                    return _REFUSED if refused else _SAVED
            except StoreBusy:
                pause = random.uniform(0, min(0.4, 0.02 * 2**attempt))
                if time.monotonic() + pause > deadline:
                    telemetry.record(telemetry.CONFLICTS_EXHAUSTED)
                    break
                time.sleep(pause)
            except StoreUnavailable as exc:
                log.warning("turn not saved: %s", type(exc).__name__)
                telemetry.record(telemetry.STORAGE_FAULT, "commit")
                break
        else:
            telemetry.record(telemetry.CONFLICTS_EXHAUSTED)
        if items:
            t.session.unsaved = [i.model_dump(mode="json") for i in items]
        return _FAILED

    def _erase(self, t: Turn) -> str:
        assert t.key is not None
        try:
            self.store.delete_owner(t.key, self.settings.delete_budget_s)
        except StoreUnavailable as exc:
            log.error("deletion not started: %s", type(exc).__name__)
            telemetry.record(telemetry.STORAGE_FAULT, "delete")
            return _FAILED
        t.profile = Profile(created_at=t.req.now)
        t.new_items.clear()
        t.session.unsaved = []
        return _SAVED


_SAVED, _FAILED, _GONE, _REFUSED = "saved", "failed", "gone", "refused"


def mark_error(handler_input: HandlerInput) -> int:
    """Count consecutive failures in the session so the apology is never a loop."""
    attrs = handler_input.attributes_manager.session_attributes or {}
    errors = int(attrs.get("errors", 0)) + 1
    attrs["errors"] = errors
    handler_input.attributes_manager.session_attributes = attrs
    return errors
