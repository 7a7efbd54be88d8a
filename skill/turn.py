"""One turn of conversation: what came in, where we are, and what we will say.

The load interceptor builds a ``Turn`` and puts it in the request attributes; handlers read it
and change it in memory (speech, session state, profile changes, entries to keep); the save
interceptor writes what changed. Handlers never touch the store or the raw envelope.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from skill.config import Settings
from skill.content import Renderer, bounded
from skill.navigation import NO_FLOWS, Navigator, Registry
from skill.state import HistoryItem, HistoryKind, Profile, SessionState
from skill.storage import OwnerKey, Store, StoreError

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
    _history_cache: dict[int, list[HistoryItem]] = field(default_factory=dict)
    _seq_base: int = 0

    def __post_init__(self) -> None:
        self.nav = Navigator(self, self.flows)

    # --- speaking ---------------------------------------------------------------------------
    def say(self, key: str, /, **params: object) -> None:
        self.reply.speech.append(self.text.render(key, **params))

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
        """Keep an entry in history, only with consent. Returns whether it will be kept."""
        if not self.profile.keeps_data or self.key is None:
            return False
        # Two devices keeping an entry in the same second must not share a key: the sequence
        # number starts at a random point per request.
        if not self.new_items:
            self._seq_base = self.rng.randrange(0, 9000)
        seq = self._seq_base + len(self.new_items)
        self.new_items.append(HistoryItem(kind=kind, at=self.req.now, seq=seq, data=data))
        return True

    def history(self, days: int) -> list[HistoryItem] | None:
        """Entries of the last ``days`` days (one query per turn at most); None if unreachable."""
        if self.key is None or not self.profile.keeps_data:
            return []
        longest = max(self._history_cache, default=0)
        if longest < days:
            try:
                items = self.store.history(self.key, since=self.req.now - days * 86400)
            except StoreError:
                return None
            self._history_cache = {days: items}
            longest = days
        since = self.req.now - days * 86400
        return [i for i in self._history_cache[longest] if i.at >= since]

    @property
    def today(self) -> int:
        return self.req.now // 86400

    @property
    def hour(self) -> int:
        return datetime.fromtimestamp(self.req.now, UTC).hour
