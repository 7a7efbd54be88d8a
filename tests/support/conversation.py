"""Runs conversation transcripts (tests/conversations/*.yaml) against the real skill.

A transcript reads like a script. Each turn is typed text (resolved through the project's own
interaction model, as `steadyheart chat` does) or an intent with slots; expectations name
content keys (any of their variations matches) or literal text, the reprompt, whether the
session ends, and what the store holds afterwards. ``says`` finds each item anywhere in the
answer; ``says_in_order`` finds them in that order, each after the end of the one before.
Session attributes are carried between turns exactly as Alexa does, by the Simulator.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from devtools.models import INVOCATION_NAME
from devtools.nlu import Resolver, parse_invocation
from devtools.simulator import Exchange, Simulator
from skill.app import SteadyHeart
from skill.config import Settings
from skill.content import Catalog, load_catalog, ssml_to_text
from skill.state import HistoryItem, Profile, all_kinds, profile_update
from skill.storage import OwnerKey, Write
from skill.storage.base import MAX_ENTRIES_PER_COMMIT
from skill.storage.sqlite import SqliteStore

ROOT = Path(__file__).resolve().parents[2]
START = datetime(2026, 11, 2, 19, 0, tzinfo=UTC)
USER = "amzn1.ask.account.TRANSCRIPT"


@lru_cache(maxsize=8)
def resolver(locale: str) -> Resolver:
    return Resolver.from_file(ROOT / "intents" / f"{locale}.json", skill_id="test")


@lru_cache(maxsize=8)
def catalog(locale: str) -> Catalog:
    return load_catalog(ROOT / "audio_scripts", locale)


@lru_cache(maxsize=8)
def model(locale: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "intents" / f"{locale}.json").read_text("utf-8"))
    return data


def key_pattern(cat: Catalog, key: str) -> re.Pattern[str]:
    """A pattern that matches any variation of ``key`` as spoken (placeholders as wildcards)."""
    alts = []
    for variant in cat.get(key).variants:
        text = ssml_to_text(variant)
        parts = re.split(r"\{[a-z_]+\}", text)
        alts.append(".+?".join(re.escape(p) for p in parts))
    return re.compile("|".join(f"(?:{a})" for a in alts), re.IGNORECASE | re.DOTALL)


def slot_json(locale: str, intent: str, name: str, value: str) -> dict[str, Any]:
    """A slot as Alexa would send it, resolved against the model's slot type values."""
    lm = model(locale)["interactionModel"]["languageModel"]
    spec = next(i for i in lm["intents"] if i["name"] == intent)
    stype = next(s["type"] for s in spec.get("slots", []) if s["name"] == name)
    slot: dict[str, Any] = {"name": name, "value": value, "confirmationStatus": "NONE"}
    types = {t["name"]: t for t in lm.get("types", [])}
    if stype in types:
        authority = f"amzn1.er-authority.echo-sdk.test.{stype}"
        for v in types[stype]["values"]:
            words = [v["name"]["value"], *v["name"].get("synonyms", [])]
            if value.lower() in (w.lower() for w in words):
                res = {"code": "ER_SUCCESS_MATCH"}
                values = [{"value": {"name": v["name"]["value"], "id": v["id"]}}]
                break
        else:
            res, values = {"code": "ER_SUCCESS_NO_MATCH"}, []
        per = {"authority": authority, "status": res, "values": values}
        slot["resolutions"] = {"resolutionsPerAuthority": [per]}
    return slot


@dataclass
class Conversation:
    """A live conversation with one skill instance and its own SQLite store."""

    locale: str = "en-US"
    person: str | None = None
    store: SqliteStore = field(default_factory=lambda: SqliteStore(":memory:"))
    now: datetime = START
    settings: Settings = field(default_factory=lambda: Settings(store="memory"))

    def __post_init__(self) -> None:
        counter = itertools.count(1)
        self.app = SteadyHeart(self.settings, store=self.store)
        self.sim = Simulator(
            self.app,
            locale=self.locale,
            user_id=USER,
            person_id=self.person,
            clock=lambda: self.now,
            ids=lambda: f"t{next(counter):05d}",
        )

    @property
    def key(self) -> OwnerKey:
        return OwnerKey.from_ids(USER, self.person)

    def profile(self) -> Profile | None:
        return self.store.load_profile(self.key)

    def history(self) -> list[HistoryItem]:
        return sorted(
            self.store.history(self.key, all_kinds(), since=0, limit=10_000),
            key=lambda i: (i.at, i.seq, i.id),
        )

    def seed(self, spec: dict[str, Any]) -> None:
        profile = Profile.model_validate(spec.get("profile") or {}) if "profile" in spec else None
        items = []
        for n, h in enumerate(spec.get("history") or []):
            at = self.now - timedelta(days=h.get("days_ago", 0), hours=h.get("hours_ago", 0))
            items.append(
                HistoryItem(kind=h["kind"], at=int(at.timestamp()), seq=n, data=h.get("data", {}))
            )
        stored = self.store.load_profile(self.key)
        if profile is not None:
            stored = self.store.commit(
                self.key, Write(stored, profile_update(stored or Profile(), profile))
            )
        for start in range(0, len(items), MAX_ENTRIES_PER_COMMIT):
            chunk = items[start : start + MAX_ENTRIES_PER_COMMIT]
            stored = self.store.commit(self.key, Write(stored, None, chunk, expires_at=2**40))

    def say(self, text: str) -> Exchange:
        kind, rest = parse_invocation(text, INVOCATION_NAME)
        if kind == "launch":
            return self.sim.launch()
        intent = resolver(self.locale).resolve(rest).intent
        return self.sim.intent(intent["name"], intent.get("slots") or {}, one_shot=kind == "intent")

    def intent(self, name: str, slots: dict[str, str] | None = None) -> Exchange:
        full = {k: slot_json(self.locale, name, k, v) for k, v in (slots or {}).items()}
        return self.sim.intent(name, full)

    def advance(self, spec: str) -> None:
        m = re.fullmatch(r"\+(\d+)([smhd])", spec)
        if not m:
            raise ValueError(f"bad time step {spec!r}")
        unit = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}[m.group(2)]
        self.now += timedelta(**{unit: int(m.group(1))})


class TranscriptError(AssertionError):
    pass


def _expect_spoken(cat: Catalog, spoken: str, expected: list[str], where: str, neg: bool) -> None:
    for item in expected:
        if cat.has(item):
            found = key_pattern(cat, item).search(spoken) is not None
        else:
            found = str(item).lower() in spoken.lower()
        if found == neg:
            verb = "said" if neg else "did not say"
            raise TranscriptError(f"{where}: {verb} {item!r}\n  heard: {spoken}")


def _find(cat: Catalog, spoken: str, item: str, start: int) -> tuple[int, int] | None:
    if cat.has(item):
        m = key_pattern(cat, item).search(spoken, start)
        return (m.start(), m.end()) if m else None
    at = spoken.lower().find(str(item).lower(), start)
    return (at, at + len(str(item))) if at >= 0 else None


def _expect_in_order(cat: Catalog, spoken: str, expected: list[str], where: str) -> None:
    """Each item is said, after the end of the one before it."""
    pos = 0
    for n, item in enumerate(expected):
        found = _find(cat, spoken, item, pos)
        if found is None:
            after = f" after {expected[n - 1]!r}" if n else ""
            raise TranscriptError(f"{where}: did not say {item!r}{after}\n  heard: {spoken}")
        pos = found[1]


def run_transcript(path: Path) -> None:
    spec = yaml.safe_load(path.read_text("utf-8"))
    conv = Conversation(locale=spec.get("locale", "en-US"), person=spec.get("person"))
    if "seed" in spec:
        conv.seed(spec["seed"])
    cat = catalog(conv.locale)
    for n, turn in enumerate(spec["turns"], 1):
        where = f"{path.name} turn {n}"
        if "at" in turn:
            conv.advance(turn["at"])
        else:
            conv.advance("+20s")
        if "user" in turn:
            said = turn["user"]
            # YAML reads a bare yes/no as a boolean; a person said the word.
            said = {True: "yes", False: "no"}.get(said, said) if isinstance(said, bool) else said
            ex = conv.say(str(said))
            where += f" ({turn['user']!r})"
        elif "intent" in turn:
            ex = conv.intent(turn["intent"], turn.get("slots"))
            where += f" ({turn['intent']})"
        elif "request" in turn:
            ex = conv.sim.send_raw(turn["request"])
        elif "event" in turn:
            ex = conv.sim.event(turn["event"], turn.get("body"))
        else:
            raise TranscriptError(f"{where}: a turn needs user, intent, request or event")
        _expect_spoken(cat, ex.speech, turn.get("says", []), where, neg=False)
        _expect_spoken(cat, ex.speech, turn.get("says_not", []), where, neg=True)
        _expect_in_order(cat, ex.speech, turn.get("says_in_order", []), where)
        if "reprompt" in turn:
            _expect_spoken(cat, ex.reprompt or "", turn["reprompt"], where + " reprompt", False)
        if "ends" in turn and bool(turn["ends"]) != ex.ended:
            raise TranscriptError(f"{where}: ends={ex.ended}, expected {turn['ends']}")
        if not ex.ended and ex.reprompt is None and ex.speech:
            raise TranscriptError(f"{where}: an open question without a reprompt")
        if "card" in turn:
            if ex.card is None:
                raise TranscriptError(f"{where}: expected a card")
            _expect_spoken(cat, " ".join(ex.card), turn["card"], where + " card", False)
        if "stored" in turn:
            _expect_stored(conv, turn["stored"], where)
        if "history" in turn:
            _expect_history(conv, turn["history"], where)


def _expect_stored(conv: Conversation, expected: dict[str, Any] | None, where: str) -> None:
    profile = conv.profile()
    if expected is None:
        if profile is not None:
            raise TranscriptError(f"{where}: expected no profile, found {profile}")
        return
    if profile is None:
        raise TranscriptError(f"{where}: expected a stored profile, found none")
    actual = profile.model_dump()
    for k, v in expected.items():
        if actual.get(k) != v:
            raise TranscriptError(f"{where}: stored {k}={actual.get(k)!r}, expected {v!r}")


def _expect_history(conv: Conversation, expected: Any, where: str) -> None:
    items = conv.history()
    if isinstance(expected, int):
        if len(items) != expected:
            raise TranscriptError(f"{where}: {len(items)} history items, expected {expected}")
        return
    if len(items) != expected.get("count", len(items)):
        raise TranscriptError(f"{where}: {len(items)} history items, expected {expected['count']}")
    last = expected.get("last")
    if last:
        if not items:
            raise TranscriptError(f"{where}: no history item")
        item = items[-1]
        if item.kind != last.get("kind", item.kind):
            raise TranscriptError(f"{where}: last item kind {item.kind}")
        for k, v in (last.get("data") or {}).items():
            if item.data.get(k) != v:
                raise TranscriptError(f"{where}: last item {k}={item.data.get(k)!r}, not {v!r}")
