"""What the skill remembers, as versioned records (checked dataclasses, ``skill/record.py``).

Two kinds of memory:
- ``SessionState`` lives in Alexa's session attributes for one conversation (where we are in an
  exercise, what was last said), and caches the profile so it is read once per session.
- ``Profile`` and ``HistoryItem`` are durable and only kept with the person's consent.
Numbers are integers throughout (DynamoDB refuses floats); times are epoch seconds.

Both arrive from outside the skill's control (attributes sent back by the client, items read
from the store) and are checked field by field when read (``model_validate``); code builds them
with their constructors, typed by mypy. No pydantic on a cold start (docs/decisions/0033).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Literal

from skill.record import Record, RecordError, json_data

PROFILE_SCHEMA_VERSION = 2
RETURNS_VERSION = 1
Consent = Literal["unknown", "granted", "declined"]
HistoryKind = Literal["checkin", "appreciation", "reflection", "pattern", "boundary", "safety"]


def all_kinds() -> tuple[HistoryKind, ...]:
    return ("checkin", "appreciation", "reflection", "pattern", "boundary", "safety")


@dataclass
class Reminder(Record):
    alert_token: str
    hour: int
    minute: int


@dataclass
class LastCheckin(Record):
    """The last check-in kept, on the profile so the welcome can suggest an exercise that fits
    it without reading history (one profile read per session is the whole budget at launch)."""

    feeling: str = ""
    """Feeling id ("" when only the quadrant was named)."""
    quadrant: str = ""
    about_partner: bool = False
    at: int = 0
    """Epoch seconds."""


def _last_ten(value: Any) -> list[str]:
    ideas = value if isinstance(value, list | tuple) else None
    if ideas is None or not all(isinstance(i, str) for i in ideas):
        raise RecordError("Profile.recent_ideas: expected a list of ids")
    return list(ideas[-10:])


@dataclass
class Profile(Record):
    """One per person (or per account when the voice is not recognised)."""

    converters: ClassVar[dict[str, Any]] = {"recent_ideas": _last_ten}
    validate_assignment: ClassVar[bool] = True

    schema_version: int = PROFILE_SCHEMA_VERSION
    version: int = 0
    """How many writes the stored profile has seen (writes are conditioned on the incarnation,
    not on this count); the menu's rotation moves with it (decision 0061)."""
    incarnation: str = ""
    """Given by the store when the profile is first written; a deletion ends it. Empty: nothing
    is stored for this owner (as far as this session knows)."""
    consent: Consent = "unknown"
    created_at: int = 0
    visits: int = 0
    """Days with a visit: counted by the first launch of a local day only (decision 0061)."""
    last_visit_day: int = 0
    """Days since the epoch (in the device's time zone when known) of the last visit."""
    streak_days: int = 0
    reminder: Reminder | None = None
    reminder_permission: bool = False
    reminder_declined_at: int = 0
    recent_ideas: list[str] = field(default_factory=list)
    safety_events: int = 0
    """Only a count: nothing said in a safety turn is kept."""
    preferences: dict[str, str] = field(default_factory=dict)
    last_checkin: LastCheckin | None = None
    """Set when a check-in is kept (skill/exercises/checkin.py); read by the welcome."""
    recent_checkins: str = ""
    """Every check-in kept since ``recent_since`` in the last month, oldest first, as compact
    JSON (``[[at, seq, id, feeling, quadrant], ...]``, parsed only by the look-back): written by
    the store with the check-ins themselves, in the same all-or-nothing write, so a look-back
    reads one profile rather than a month of history (docs/decisions/0043)."""
    recent_since: int = 0
    """From when ``recent_checkins`` holds every check-in kept (epoch seconds); 1: since the
    profile was created; 0: not known yet (a profile kept before the list existed)."""
    safety_at: int = 0
    """When the last safety turn was (epoch seconds): the next welcome opens gently."""
    time_zone: str = ""
    """The device's time zone from Alexa's Settings API ("" : unknown, UTC); skill/localtime.py."""
    time_zone_at: int = 0
    """When ``time_zone`` was asked (0: never)."""

    @property
    def keeps_data(self) -> bool:
        return self.consent == "granted"


NOTE_FIELDS = frozenset(
    {
        "last_checkin",
        "recent_ideas",
        "reminder",
        "safety_events",
        "safety_at",
        "preferences",
        "time_zone",
        "time_zone_at",
        "recent_checkins",
        "recent_since",
    }
)
"""Fields that are notes about the person: written only while consent to keep notes is stored."""
COUNTER_FIELDS = frozenset({"visits", "safety_events"})
"""Counts that concurrent sessions add to (an atomic ADD), rather than set."""
_NOT_UPDATED = frozenset({"version", "incarnation", "schema_version"})
_PROFILE_FIELDS_IN_ORDER = tuple(f.name for f in fields(Profile))
_PROFILE_FIELDS = frozenset(_PROFILE_FIELDS_IN_ORDER)


@dataclass(frozen=True)
class ProfileUpdate:
    """What one turn changed in the profile, field by field: ``sets`` replace a field's value
    (JSON-ready), ``adds`` add to a counter. Fields the turn did not change are never written,
    so a profile cached in (or forged into) a session cannot overwrite the stored one."""

    sets: dict[str, Any] = field(default_factory=dict)
    adds: dict[str, int] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.sets or self.adds)

    @property
    def grants(self) -> bool:
        return self.sets.get("consent") == "granted"

    @property
    def touches_notes(self) -> bool:
        return bool(NOTE_FIELDS.intersection(self.sets) or NOTE_FIELDS.intersection(self.adds))

    def without_notes(self) -> ProfileUpdate:
        return ProfileUpdate(
            {k: v for k, v in self.sets.items() if k not in NOTE_FIELDS},
            {k: v for k, v in self.adds.items() if k not in NOTE_FIELDS},
        )

    def apply(self, profile: Profile) -> Profile:
        """A copy of ``profile`` with the changes, each checked as a stored value is (the
        profile checks assignments); unknown names are ignored, as a stored profile's are.
        Only the changed fields are checked: a write no longer dumps and re-reads the whole
        profile (docs/performance.md)."""
        out = profile.model_copy(deep=True)
        for name, value in self.sets.items():
            if name in _PROFILE_FIELDS:
                setattr(out, name, value)
        for name, delta in self.adds.items():
            if name in _PROFILE_FIELDS:
                setattr(out, name, int(getattr(out, name) or 0) + delta)
        return out

    @classmethod
    def of(cls, profile: Profile) -> ProfileUpdate:
        """Every field of ``profile`` that differs from a fresh one (seeding, first write)."""
        return profile_update(Profile(), profile)


def profile_update(base: Profile, new: Profile) -> ProfileUpdate:
    """The fields ``new`` changed from ``base``: counters that grew as ADDs, the rest as SETs."""
    # Field by field, as their JSON data compares (the same result as comparing both dumps:
    # equal values of one type dump equal, so only the others are dumped to be compared).
    before, after = base.__dict__, new.__dict__
    sets: dict[str, Any] = {}
    adds: dict[str, int] = {}
    for name in _PROFILE_FIELDS_IN_ORDER:
        was, now = before[name], after[name]
        if name in _NOT_UPDATED or was is now or (type(was) is type(now) and was == now):
            continue
        old, value = json_data(was), json_data(now)
        if old == value:
            continue
        if (
            name in COUNTER_FIELDS
            and isinstance(old, int)
            and isinstance(value, int)
            and value > old
        ):
            adds[name] = value - old
        else:
            sets[name] = value
    return ProfileUpdate(sets, adds)


def migrate_profile(raw: dict[str, Any]) -> Profile:
    """Bring a stored profile up to the current schema."""
    data = dict(raw)
    version = int(data.get("schema_version", 1))
    if version < 2:
        # Schema 1 kept consent as a boolean ``keep``.
        keep = data.pop("keep", None)
        if keep is not None and "consent" not in data:
            data["consent"] = "granted" if keep else "declined"
    data["schema_version"] = PROFILE_SCHEMA_VERSION
    return Profile.model_validate(data)


@dataclass(frozen=True)
class HistoryItem(Record):
    """One kept entry: a check-in, an appreciation, a reflection ... Never updated in place."""

    kind: HistoryKind
    at: int
    """Epoch seconds."""
    seq: int = 0
    """Tie-breaker for entries kept in the same second, by the same request."""
    id: str = ""
    """Derived from the request that kept it: a replayed request writes the same key (and the
    store leaves the first), two requests never share one."""
    data: dict[str, str | int | bool] = field(default_factory=dict)

    @classmethod
    def checkin(cls, at: int, seq: int, rid: str, feeling: str, quadrant: str) -> HistoryItem:
        """A check-in from the profile's rolling list (decision 0043), its values already of
        their types: made without the frozen dataclass's field-by-field ``__init__`` (a month of
        them is made for every look-back, so this is a third of the look-back's own time)."""
        item = object.__new__(cls)
        item.__dict__.update(
            kind="checkin",
            at=at,
            seq=seq,
            id=rid,
            data={"feeling": feeling, "quadrant": quadrant},
        )
        return item


@dataclass
class Frame(Record):
    """A flow waiting to be resumed (see skill/navigation.py)."""

    flow: str
    step: str | None = None
    """The step to resume at; None: start ``flow`` afresh with ``request`` replayed."""
    data: dict[str, Any] = field(default_factory=dict)
    """The waiting flow's own session data, as it was."""
    request: dict[str, Any] | None = None
    """The intent and slots of a one-shot start kept across a first-visit question."""


@dataclass
class Returns(Record):
    """The navigator's return stack, versioned: ``{"v": 1, "frames": [...]}``."""

    v: int
    frames: list[Frame] = field(default_factory=list)

    @classmethod
    def empty(cls) -> Returns:
        return cls(v=RETURNS_VERSION)


def _known_returns(value: Any) -> Returns:
    """An attribute of another shape or version (a live session across a deploy) is read as no
    stack: the conversation goes on, only a pending return is forgotten."""
    if isinstance(value, Returns):
        return value
    try:
        found = Returns.model_validate(value)
    except RecordError:
        return Returns.empty()
    return found if found.v == RETURNS_VERSION else Returns.empty()


@dataclass
class SessionState(Record):
    """Where one conversation is: kept in session attributes, small on purpose."""

    converters: ClassVar[dict[str, Any]] = {"returns": _known_returns}

    flow: str | None = None
    step: str | None = None
    retries: int = 0
    data: dict[str, Any] = field(default_factory=dict)
    last_speech: str | None = None
    last_reprompt: str | None = None
    said: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    profile: str | None = None
    """The profile as read at the start of the session (one read per session), as compact JSON:
    one string is far cheaper for the SDK to (de)serialise than a nested object."""
    store_ok: bool = True
    save_warned: bool = False
    unsaved: list[dict[str, Any]] = field(default_factory=list)
    """Entries a failed write could not keep: retried on the next turn that writes."""
    paused: bool = False
    """The last answer was a holding line ("take your time"): the question before it is still
    the one pending (its words stay in ``last_speech``), and "go on" or "okay" asks it again."""
    heard_feelings: list[str] = field(default_factory=list)
    """Feeling words offered this session, so a second check-in offers others."""
    private_ok: bool = False
    """The person confirmed it is a good moment to hear private content aloud this session.
    Never read from the attributes as such: the interceptors keep it as ``private_proof``, a MAC
    over the session and owner that only this skill can make (docs/decisions/0022)."""
    private_proof: str | None = None
    owner: str | None = None
    """The (hashed) owner this session's cached profile belongs to: a different recognised
    speaker means the profile, consent and private permission are derived again from the store."""
    time_zone: str | None = None
    """The device's time zone as asked this session ("" : asked, none found); None: not asked.
    Only a cache: a profile that keeps notes holds it across sessions (skill/localtime.py)."""
    returns: Returns = field(default_factory=lambda: Returns.empty())
    """Flows waiting to be resumed (skill/navigation.py); left out of the attributes when empty."""
    safety_answer: str | None = None
    """The safety answer given this session ("crisis", "urgent", ...): every way out repeats its
    key number (skill/exercises/safety.py)."""
    net_said: bool = False
    """The line that "I need help" works at any time was said this session."""

    def enter(self, flow: str, step: str, data: dict[str, Any] | None = None) -> None:
        self.flow, self.step, self.retries = flow, step, 0
        self.data = dict(data or {})

    def leave(self) -> None:
        self.flow = self.step = None
        self.retries = 0
        self.data = {}
