"""One turn of conversation: what came in, where we are, and what we will say.

The load interceptor builds a ``Turn`` and puts it in the request attributes; handlers read it
and change it in memory (speech, session state, profile changes, entries to keep); the save
interceptor writes what changed. Handlers never touch the store or the raw envelope.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from skill.config import Settings
from skill.content import Renderer, bounded
from skill.navigation import NO_FLOWS, Navigator, Registry
from skill.state import HistoryItem, HistoryKind, Profile, SessionState, all_kinds
from skill.storage import OwnerKey, Store, StoreError
from skill.storage.base import recent_entries

ProfileChange = Callable[[Profile], None]
KEPT_SLOT_CHARS = 500
"""The most of one slot's words carried in session attributes (Alexa caps a whole response at
24 KB; a real utterance is far shorter)."""


@dataclass(frozen=True)
class Slot:
    """A slot as Alexa filled it: the words heard and, for custom types, the resolved value."""

    name: str
    value: str | None = None
    resolved_id: str | None = None
    resolved_name: str | None = None
    no_match: bool = False

    @property
    def filled(self) -> bool:
        return bool(self.value and self.value.strip())


@dataclass(frozen=True)
class Incoming:
    """The facts of the request that handlers may read (no ids, no tokens)."""

    request_type: str
    locale: str
    new_session: bool
    intent: str | None = None
    slots: Mapping[str, Slot] = field(default_factory=dict)
    now: int = 0
    """Request time, epoch seconds (Alexa's timestamp)."""
    recognised_voice: bool = False
    has_screen: bool = False
    session_end_reason: str | None = None
    session_error_type: str | None = None
    persistence_status: str | None = None
    """SkillDisabled only: PERSISTED or NOT_PERSISTED (read from the raw event)."""

    def slot(self, name: str) -> Slot:
        return self.slots.get(name) or Slot(name)

    def remembered(self) -> dict[str, Any]:
        """The intent and slots, to replay later (a one-shot start kept across a question);
        each slot's words bounded to ``KEPT_SLOT_CHARS``."""
        slots = {
            n: asdict(replace(s, value=bounded(s.value, KEPT_SLOT_CHARS) if s.value else s.value))
            for n, s in self.slots.items()
        }
        return {"intent": self.intent, "slots": slots}

    def replayed(self, saved: Mapping[str, Any]) -> Incoming:
        """This request with a remembered intent and slots (see :meth:`remembered`)."""
        raw = saved.get("slots")
        slots = {
            n: Slot(**s)
            for n, s in (raw.items() if isinstance(raw, dict) else ())
            if isinstance(s, dict)
        }
        intent = saved.get("intent")
        return replace(self, intent=intent if isinstance(intent, str) else None, slots=slots)

    def free_text(self) -> list[str]:
        """Every phrase the person said that reached us, for the safety screen."""
        return [s.value for s in self.slots.values() if s.value]


@dataclass(frozen=True)
class ApiAccess:
    """Where and how to call Alexa's APIs for this request. Never logged, never stored."""

    endpoint: str
    token: str = field(repr=False)
    device_id: str | None = None


@dataclass(frozen=True)
class Card:
    title: str
    text: str


@dataclass
class Reply:
    """What Alexa will say this turn, assembled from content keys by handlers."""

    speech: list[str] = field(default_factory=list)
    question: str | None = None
    reprompt: str | None = None
    end_session: bool | None = False
    card: Card | None = None
    notices: list[str] = field(default_factory=list)
    directives: list[Any] = field(default_factory=list)
    """Raw ask_sdk_model directives (e.g. Connections.SendRequest)."""
    kept_lines: list[str] = field(default_factory=list)
    """Lines that say something was kept ("noted", "saved"): dropped if the save fails."""
    holding: bool = False
    """A holding line (pause): the pending question is kept as it was, not replaced by it."""

    def ssml(self) -> str:
        parts = [*self.notices, *self.speech]
        if self.question:
            parts.append(self.question)
        return " ".join(p for p in parts if p)


@dataclass
class Turn:
    settings: Settings
    store: Store
    key: OwnerKey | None
    req: Incoming
    session: SessionState
    profile: Profile
    text: Renderer
    rng: random.Random
    reply: Reply = field(default_factory=Reply)
    changes: list[ProfileChange] = field(default_factory=list)
    new_items: list[HistoryItem] = field(default_factory=list)
    erase: bool = False
    """Delete this owner's profile and history when the turn is saved."""
    erase_account: bool = False
    """Delete everything kept under the account (every recognised voice in it)."""
    safety: Any = None
    """The safety screen's finding for this turn, if any."""
    api: ApiAccess | None = None
    """Alexa API access (reminders, settings) when the request carries a token."""
    flows: Registry = NO_FLOWS
    """The registry of flows, given at composition (skill/app.py); flows reach it via ``nav``."""
    nav: Navigator = field(init=False, repr=False)
    """Where the conversation goes next (skill/navigation.py)."""
    request_id: str = ""
    """Alexa's request id: entries kept by a request get ids derived from it (idempotent)."""
    base: Profile | None = None
    """The profile as the turn began (what the changes are measured from)."""
    _history_cache: dict[tuple[int, tuple[str, ...], int], list[HistoryItem]] = field(
        default_factory=dict
    )

    def __post_init__(self) -> None:
        self.nav = Navigator(self, self.flows)

    # --- speaking ---------------------------------------------------------------------------
    def say(self, key: str, /, **params: object) -> None:
        self.reply.speech.append(self.text.render(key, **params))

    def say_kept(self, key: str, /, **params: object) -> None:
        """Say that something was kept; the line is taken back if the save then fails."""
        line = self.text.render(key, **params)
        self.reply.speech.append(line)
        self.reply.kept_lines.append(line)

    def say_ssml(self, ssml: str) -> None:
        self.reply.speech.append(ssml)

    def ask(self, key: str, /, **params: object) -> None:
        """Ask a question; its reprompt is ``<key>.reprompt`` when the content has one."""
        self.reply.question = self.text.render(key, **params)
        rkey = f"{key}.reprompt"
        self.reply.reprompt = (
            self.text.render(rkey, **params) if self.text.catalog.has(rkey) else self.reply.question
        )
        self.reply.end_session = False

    def ask_again(self) -> None:
        """Repeat the question that is pending, word for word."""
        self.reply.question = self.session.last_reprompt or self.session.last_speech
        self.reply.reprompt = self.session.last_reprompt
        self.reply.end_session = False

    def end(self) -> None:
        self.reply.end_session = True
        self.reply.question = self.reply.reprompt = None

    def card(self, title_key: str, body_key: str, /, **params: object) -> None:
        self.reply.card = Card(self.text.plain(title_key), self.text.plain(body_key, **params))

    # --- remembering ------------------------------------------------------------------------
    def change(self, op: ProfileChange) -> None:
        """Change the durable profile; the same change is re-applied if a write conflicts."""
        op(self.profile)
        self.changes.append(op)

    def keep(self, kind: HistoryKind, **data: str | int | bool) -> bool:
        """Keep an entry in history, only with consent, and never after a save failed in this
        session (so nothing is said to be kept that may not be). Returns whether it will be."""
        if not self.profile.keeps_data or self.key is None or self.session.save_warned:
            return False
        # The id comes from the request: a replay writes the same key, two requests never do.
        source = self.request_id or f"{self.rng.random()}"
        rid = hashlib.sha256(source.encode("utf-8")).hexdigest()[:12]
        seq = len(self.new_items)
        self.new_items.append(HistoryItem(kind=kind, at=self.req.now, seq=seq, id=rid, data=data))
        return True

    def history(
        self, days: int, kinds: Sequence[HistoryKind] | None = None, limit: int = 200
    ) -> list[HistoryItem] | None:
        """The newest ``limit`` entries of each of ``kinds`` (all when None) of the last ``days``
        days, newest first; None if the store is unreachable. Only what the store still holds
        under the profile this session read (nothing after a deletion anywhere)."""
        if self.key is None or not self.profile.keeps_data or not self.profile.incarnation:
            return []
        wanted = tuple(kinds) if kinds is not None else all_kinds()
        cache_key = (days, tuple(str(k) for k in wanted), limit)
        if cache_key not in self._history_cache:
            try:
                self._history_cache[cache_key] = self.store.history(
                    self.key,
                    wanted,
                    since=self.req.now - days * 86400,
                    incarnation=self.profile.incarnation,
                    limit=limit,
                )
            except StoreError:
                return None
        return list(self._history_cache[cache_key])

    def checkins(self, days: int, limit: int | None = None) -> list[HistoryItem] | None:
        """The check-ins of the last ``days`` days, newest first, as :meth:`history` gives them
        (None: the store is unreachable). Read from the stored profile's rolling list (one item
        read, whatever the length of the history behind it) when that list holds them all,
        else from history (docs/decisions/0043). ``limit``: the newest few only."""
        if self.key is None or not self.profile.keeps_data or not self.profile.incarnation:
            return []
        since = self.req.now - days * 86400
        cache_key = (days, ("recent-checkins",), limit or 0)
        if cache_key not in self._history_cache:
            try:
                stored = self.store.load_profile(self.key)
            except StoreError:
                return None
            if stored is None or stored.incarnation != self.profile.incarnation:
                return []  # deleted since this session read it: nothing is read back
            if not stored.recent_since or stored.recent_since > since:
                if limit is None:
                    return self.history(days, ("checkin",))
                return self.history(days, ("checkin",), limit=limit)
            newest = reversed(recent_entries(stored))
            self._history_cache[cache_key] = [
                HistoryItem.checkin(int(at), int(seq), str(rid), str(feeling), str(quadrant))
                for at, seq, rid, feeling, quadrant in islice(newest, limit)
                if int(at) >= since
            ]
        return list(self._history_cache[cache_key])

    @property
    def today(self) -> int:
        return self.req.now // 86400

    @property
    def hour(self) -> int:
        return datetime.fromtimestamp(self.req.now, UTC).hour
