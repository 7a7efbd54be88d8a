"""The feelings and needs vocabulary: one YAML source, validated at load.

``audio_scripts/<lang>/vocabulary.yaml`` holds every feeling word (placed on the two-axis mood
map: pleasantness x energy), every need, and the *vague* words ("bad", "fine", "i don't know")
that are not specific feelings. This module loads it into frozen pydantic models, checks it, and
answers the questions the skill asks of it:

* :meth:`Vocabulary.find_feeling` / :meth:`Vocabulary.find_need` map what a person said (a
  canonical word, an id, or a synonym, with or without fillers such as "i feel", "a bit",
  "right now") to one entry, or ``None``. Negations are never stripped: "not happy" is not
  "happy".
* :meth:`Vocabulary.is_vague` says whether the answer should go down the two-questions path
  (pleasant or unpleasant? more or less energy?) that ends on one specific word.
* :meth:`Vocabulary.in_quadrant` lists the feelings of one quadrant, to offer a few of them.
* :meth:`Vocabulary.slot_type_values` produces the ASK custom slot type values, so the
  interaction model's ``FeelingType`` and ``NeedType`` come from this one source.

Vague words in the interaction model
------------------------------------
Vague words are deliberately slot values of ``FeelingType`` too, so Alexa fills the slot (and
does not fall back) when someone answers "meh". They are *not* :class:`Feeling` objects. Each
becomes its own slot value whose id is ``vague_`` plus the word in snake_case without
apostrophes (``"i don't know"`` -> ``vague_i_dont_know``); no feeling id may start with that
prefix. A handler that gets an entity-resolved id therefore tells the two apart with
:func:`is_vague_id` (or :meth:`Vocabulary.feeling_by_id`, which returns ``None`` for them), and a
handler working from the raw slot text uses :meth:`Vocabulary.is_vague`.

Rules the loader enforces
-------------------------
* ids are snake_case and unique (duplicate YAML keys are an error, not a silent overwrite);
* words and synonyms are speakable: lowercase letters, apostrophes and single spaces;
* within feelings plus vague words, and separately within needs, every spoken form (canonical
  word, id read with spaces, synonym, vague word) points at exactly one entry, so no synonym
  equals a canonical word and none is shared; feelings and needs are separate slot types, so
  a word may be both a feeling and a need ("calm");
* :func:`load_vocabulary` also requires at least :data:`MIN_PER_QUADRANT` feelings per quadrant.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Hashable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Final, Literal, TypedDict, get_args

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from skill.language.normalise import fold_spelling, normalise

try:
    from yaml import CSafeLoader as _FastSafeLoader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _FastSafeLoader  # type: ignore[assignment]

__all__ = [
    "MIN_PER_QUADRANT",
    "QUADRANTS",
    "VAGUE_ID_PREFIX",
    "Energy",
    "Feeling",
    "Need",
    "Quadrant",
    "SlotKind",
    "SlotValue",
    "SlotValueName",
    "Vocabulary",
    "VocabularyError",
    "is_vague_id",
    "load_vocabulary",
    "vague_slot_id",
]

Quadrant = Literal["pleasant_high", "pleasant_low", "unpleasant_high", "unpleasant_low"]
"""A quadrant of the mood map: pleasantness x energy."""
QUADRANTS: Final[tuple[Quadrant, ...]] = get_args(Quadrant)
Energy = Literal["low", "high"]
SlotKind = Literal["feelings", "needs"]

MIN_PER_QUADRANT: Final = 25
"""Fewest feelings a quadrant may have, so three can be offered many times without repeating."""
VAGUE_ID_PREFIX: Final = "vague_"

_QUADRANT_OF: Final[dict[tuple[bool, Energy], Quadrant]] = {
    (True, "high"): "pleasant_high",
    (True, "low"): "pleasant_low",
    (False, "high"): "unpleasant_high",
    (False, "low"): "unpleasant_low",
}

_ID_PATTERN: Final = r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$"
_SPOKEN_PATTERN: Final = r"^[a-z][a-z']*(?: [a-z][a-z']*)*$"

EntryId = Annotated[str, StringConstraints(pattern=_ID_PATTERN, max_length=100)]
Spoken = Annotated[str, StringConstraints(pattern=_SPOKEN_PATTERN, max_length=140)]


class VocabularyError(ValueError):
    """The vocabulary file is missing, not valid YAML, or breaks a rule."""


# --------------------------------------------------------------------------- text handling
# Text is read through the one normaliser (skill.language.normalise).

# Words around the answer that carry no feeling. Longest first, so "a little bit" goes before
# "a little". Never "not", "no" or "never": a negation changes the meaning.
_HEDGES: Final = (
    "a little bit",
    "a little",
    "a bit",
    "a tad",
    "kind of",
    "kinda",
    "sort of",
    "sorta",
    "somewhat",
    "slightly",
    "pretty",
    "quite",
    "rather",
    "fairly",
    "very",
    "really",
    "so",
    "super",
    "extremely",
    "incredibly",
    "totally",
    "completely",
    "utterly",
    "deeply",
    "truly",
    "just",
    "still",
    "mostly",
    "honestly",
    "actually",
    "i think",
    "i guess",
    "um",
    "uh",
    "well",
)
_FEELING_LEADS: Final = (
    "i've been feeling",
    "i have been feeling",
    "i've been",
    "i have been",
    "been feeling",
    "i'm feeling",
    "im feeling",
    "i am feeling",
    "i feel",
    "i'm",
    "im",
    "i am",
    "feeling",
    "feel",
)
_NEED_LEADS: Final = (
    "i think i need",
    "i really need",
    "i just need",
    "i need",
    "i'd like",
    "i would like",
    "i want",
    "i wish for",
    "need",
    "want",
    "more",
    "some",
    "a bit of",
    "a little",
)
_TRAILERS: Final = (
    "right now",
    "at the moment",
    "these days",
    "all the time",
    "today",
    "tonight",
    "lately",
    "now",
    "again",
    "i guess",
    "i think",
    "i suppose",
    "honestly",
    "really",
    "a lot",
    "about it",
    "about this",
    "about that",
    "about us",
    "from my partner",
    "from them",
    "from him",
    "from her",
    "please",
    "thank you",
    "thanks",
)


def _by_length(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


_FEELING_PREFIXES: Final = _by_length(_FEELING_LEADS + _HEDGES)
_NEED_PREFIXES: Final = _by_length(_NEED_LEADS + _HEDGES)
_SUFFIXES: Final = _by_length(_TRAILERS)


@lru_cache(maxsize=8)
def _lead_re(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so the alternation takes the longest filler, as a loop over them would.
    return re.compile("^(?:" + "|".join(map(re.escape, prefixes)) + ") ")


@lru_cache(maxsize=1)
def _trail_re() -> re.Pattern[str]:
    # The leftmost start that reaches the end is the longest trailing filler.
    return re.compile(" (?:" + "|".join(map(re.escape, _SUFFIXES)) + ")$")


def _shorter(text: str, prefixes: tuple[str, ...]) -> Iterator[str]:
    """``text`` with one leading filler (longest match) or one trailing filler removed."""
    lead = _lead_re(prefixes).match(text)
    if lead:
        yield text[lead.end() :]
    trail = _trail_re().search(text)
    if trail:
        yield text[: trail.start()]


def _candidates(text: str, prefixes: tuple[str, ...]) -> Iterator[str]:
    """The normalised text, then forms with fillers removed, fewest removals first.

    Each form is also tried in American spelling, the spelling the word lists are kept in
    ("criticised" finds "criticized").
    """
    start = normalise(text)
    if not start:
        return
    queue = deque([start])
    seen = {start}
    while queue:
        current = queue.popleft()
        yield current
        us = fold_spelling(current)
        if us != current:
            yield us
        for shorter in _shorter(current, prefixes):
            if shorter and shorter not in seen:
                seen.add(shorter)
                queue.append(shorter)


def vague_slot_id(word: str) -> str:
    """The slot value id of a vague word: ``"i don't know"`` -> ``"vague_i_dont_know"``."""
    return VAGUE_ID_PREFIX + "_".join(normalise(word).replace("'", "").split())


def is_vague_id(slot_id: str) -> bool:
    """Whether an entity-resolved ``FeelingType`` id stands for a vague word."""
    return slot_id.startswith(VAGUE_ID_PREFIX)


# --------------------------------------------------------------------------- models


class SlotValueName(TypedDict):
    value: str
    synonyms: list[str]


class SlotValue(TypedDict):
    """One value of an ASK custom slot type."""

    id: str
    name: SlotValueName


class _Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: EntryId
    word: Spoken
    synonyms: tuple[Spoken, ...] = ()

    @field_validator("synonyms")
    @classmethod
    def _distinct_synonyms(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(value)) != len(value):
            raise ValueError(f"repeated synonym in {list(value)}")
        return value

    @model_validator(mode="after")
    def _synonym_is_not_the_word(self) -> _Entry:
        if self.word in self.synonyms:
            raise ValueError(f"{self.id}: the word {self.word!r} is also listed as a synonym")
        return self

    @property
    def spoken_forms(self) -> tuple[str, ...]:
        """Canonical word first, then synonyms."""
        return (self.word, *self.synonyms)

    def slot_value(self) -> SlotValue:
        return {"id": self.id, "name": {"value": self.word, "synonyms": list(self.synonyms)}}


class Feeling(_Entry):
    """A specific feeling word, placed on the mood map."""

    pleasant: bool
    """Pleasantness axis: ``True`` = pleasant."""
    energy: Energy
    article: bool
    """Named (or a form of it named) in the seed article."""

    @property
    def quadrant(self) -> Quadrant:
        return _QUADRANT_OF[(self.pleasant, self.energy)]


class Need(_Entry):
    """Something a person may need ("connection", "to be heard")."""


def _entries_from_mapping(value: Any) -> Any:
    """``{id: {fields}}`` (the YAML shape) -> ``[{"id": id, **fields}]``; anything else as is."""
    if not isinstance(value, Mapping):
        return value
    entries: list[Any] = []
    for key, fields in value.items():
        if isinstance(fields, Mapping):
            if "id" in fields:
                raise ValueError(f"{key}: give the id as the key only, not as a field")
            entries.append({"id": key, **fields})
        else:
            entries.append(fields)  # pydantic reports the wrong type
    return entries


def _index(
    entries: tuple[_Entry, ...], extra: tuple[str, ...], what: str
) -> tuple[dict[str, _Entry], set[str], list[str]]:
    """Map every spoken form to its entry; report every form that points at two things."""
    problems: list[str] = []
    ids: set[str] = set()
    for entry in entries:
        if entry.id in ids:
            problems.append(f"{what}: duplicate id {entry.id!r}")
        ids.add(entry.id)

    canonical = {entry.word: entry for entry in entries}
    if len(canonical) != len(entries):
        seen: set[str] = set()
        for entry in entries:
            if entry.word in seen:
                problems.append(f"{what}: canonical word {entry.word!r} is used twice")
            seen.add(entry.word)

    index: dict[str, _Entry] = {}
    owner: dict[str, str] = {}

    def claim(form: str, entry: _Entry | None, label: str) -> None:
        if form in owner and (entry is None or index.get(form) is not entry):
            problems.append(f"{what}: {form!r} ({label}) clashes with {owner[form]}")
            return
        owner.setdefault(form, label)
        if entry is not None:
            index[form] = entry

    for entry in entries:
        claim(entry.word, entry, f"word of {entry.id}")
    for entry in entries:
        claim(entry.id.replace("_", " "), entry, f"id {entry.id}")
    for entry in entries:
        for synonym in entry.synonyms:
            if synonym in canonical:
                problems.append(
                    f"{what}: synonym {synonym!r} of {entry.id} is the word of "
                    f"{canonical[synonym].id}"
                )
            else:
                claim(synonym, entry, f"synonym of {entry.id}")
    vague: set[str] = set()
    for word in extra:
        if word in vague:
            problems.append(f"vague: {word!r} is listed twice")
        claim(word, None, "vague word")
        vague.add(word)
    return index, vague, problems


class Vocabulary(BaseModel):
    """Feelings, needs and vague words, with the lookups the skill needs."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    feelings: tuple[Feeling, ...]
    needs: tuple[Need, ...]
    vague: tuple[Spoken, ...] = ()

    _feeling_index: dict[str, Feeling] = PrivateAttr(default_factory=dict)
    _need_index: dict[str, Need] = PrivateAttr(default_factory=dict)
    _feeling_ids: dict[str, Feeling] = PrivateAttr(default_factory=dict)
    _need_ids: dict[str, Need] = PrivateAttr(default_factory=dict)
    _vague: frozenset[str] = PrivateAttr(default_factory=frozenset)

    @field_validator("feelings", "needs", mode="before")
    @classmethod
    def _from_mapping(cls, value: Any) -> Any:
        return _entries_from_mapping(value)

    @model_validator(mode="after")
    def _check_and_index(self) -> Vocabulary:
        feeling_index, vague, problems = _index(self.feelings, self.vague, "feelings")
        need_index, _, need_problems = _index(self.needs, (), "needs")
        problems += need_problems
        for feeling in self.feelings:
            if is_vague_id(feeling.id):
                problems.append(
                    f"feelings: id {feeling.id!r} must not start with {VAGUE_ID_PREFIX}"
                )
        slot_ids = [vague_slot_id(word) for word in self.vague]
        if len(set(slot_ids)) != len(slot_ids):
            problems.append(f"vague: two words give the same slot id in {slot_ids}")
        if problems:
            raise ValueError("; ".join(problems))
        self._feeling_index = {k: v for k, v in feeling_index.items() if isinstance(v, Feeling)}
        self._need_index = {k: v for k, v in need_index.items() if isinstance(v, Need)}
        self._feeling_ids = {f.id: f for f in self.feelings}
        self._need_ids = {n.id: n for n in self.needs}
        self._vague = frozenset(vague)
        return self

    # ----------------------------------------------------------------- lookups

    def find_feeling(self, text: str) -> Feeling | None:
        """The feeling meant by ``text`` (word, id or synonym, fillers tolerated), else None."""
        for candidate in _candidates(text, _FEELING_PREFIXES):
            found = self._feeling_index.get(candidate)
            if found is not None:
                return found
        return None

    def find_need(self, text: str) -> Need | None:
        """The need meant by ``text`` ("i need a hug" -> touch), else None."""
        for candidate in _candidates(text, _NEED_PREFIXES):
            found = self._need_index.get(candidate)
            if found is not None:
                return found
        return None

    def is_vague(self, text: str) -> bool:
        """Whether ``text`` is a vague answer ("not great", "i'm fine", "i don't know")."""
        return any(c in self._vague for c in _candidates(text, _FEELING_PREFIXES))

    def feeling_by_id(self, feeling_id: str) -> Feeling | None:
        """Exact id lookup (e.g. an entity-resolved slot id); None for vague ids and unknowns."""
        return self._feeling_ids.get(feeling_id)

    def need_by_id(self, need_id: str) -> Need | None:
        return self._need_ids.get(need_id)

    def in_quadrant(self, quadrant: Quadrant) -> list[Feeling]:
        """Feelings of one quadrant, in file order."""
        if quadrant not in QUADRANTS:
            raise ValueError(f"unknown quadrant {quadrant!r}; expected one of {QUADRANTS}")
        return [f for f in self.feelings if f.quadrant == quadrant]

    def quadrant_counts(self) -> dict[Quadrant, int]:
        return {q: len(self.in_quadrant(q)) for q in QUADRANTS}

    def check_coverage(self, min_per_quadrant: int = MIN_PER_QUADRANT) -> None:
        """Raise :class:`VocabularyError` when a quadrant has too few feelings."""
        short = {q: n for q, n in self.quadrant_counts().items() if n < min_per_quadrant}
        if short:
            raise VocabularyError(
                f"each quadrant needs at least {min_per_quadrant} feelings; short: {short}"
            )

    def slot_type_values(self, kind: SlotKind) -> list[SlotValue]:
        """ASK custom slot type values: ``FeelingType`` (feelings, then vague words) or
        ``NeedType``, as ``[{"id": ..., "name": {"value": ..., "synonyms": [...]}}]``."""
        if kind == "feelings":
            values = [f.slot_value() for f in self.feelings]
            values += [
                {"id": vague_slot_id(word), "name": {"value": word, "synonyms": []}}
                for word in self.vague
            ]
            return values
        if kind == "needs":
            return [n.slot_value() for n in self.needs]
        raise ValueError(f"unknown slot kind {kind!r}; expected 'feelings' or 'needs'")


# --------------------------------------------------------------------------- loading


class _UniqueKeyLoader(_FastSafeLoader):
    """The C safe loader when libyaml is there, refusing duplicate keys (e.g. two ``sad:``)."""


def _construct_unique_mapping(
    loader: _UniqueKeyLoader, node: yaml.MappingNode
) -> dict[Hashable, Any]:
    loader.flatten_mapping(node)
    seen: set[Hashable] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, Hashable):
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    f"found duplicate key {key!r}",
                    key_node.start_mark,
                )
            seen.add(key)
    return loader.construct_mapping(node, deep=True)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
)


def load_vocabulary(path: Path) -> Vocabulary:
    """Read, validate and index the vocabulary at ``path``.

    Raises :class:`VocabularyError` (a ``ValueError``) naming the file and every problem found.
    """
    try:
        # _UniqueKeyLoader derives from the (C)SafeLoader: no arbitrary objects.
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506
    except (OSError, yaml.YAMLError) as exc:
        raise VocabularyError(f"{path}: {exc}") from exc
    try:
        vocabulary = Vocabulary.model_validate(raw)
        vocabulary.check_coverage()
    except (ValidationError, VocabularyError) as exc:
        raise VocabularyError(f"{path}: {exc}") from exc
    return vocabulary
