"""The feelings and needs vocabulary: one YAML source, validated at load.

``audio_scripts/<lang>/vocabulary.yaml`` holds every feeling word (placed on the two-axis mood
map: pleasantness x energy), every need, and the *vague* words ("bad", "fine", "i don't know")
that are not specific feelings. This module loads it into frozen dataclasses, checks it
(:meth:`Vocabulary.from_data`), and answers the questions the skill asks of it:

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
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, Literal, TypedDict, cast, get_args

from skill import bundle
from skill.language.normalise import fold_spelling, normalise

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
    "vocabulary_data",
]

Quadrant = Literal["pleasant_high", "pleasant_low", "unpleasant_high", "unpleasant_low"]
"""A quadrant of the mood map: pleasantness x energy."""
QUADRANTS: Final[tuple[Quadrant, ...]] = get_args(Quadrant)
Energy = Literal["low", "high"]
SlotKind = Literal["feelings", "needs"]

MIN_PER_QUADRANT: Final = 25
"""Fewest feelings a quadrant may have, so three can be offered many times without repeating."""
VAGUE_ID_PREFIX: Final = "vague_"
VOCABULARY_FILE: Final = "vocabulary.yaml"

_QUADRANT_OF: Final[dict[tuple[bool, Energy], Quadrant]] = {
    (True, "high"): "pleasant_high",
    (True, "low"): "pleasant_low",
    (False, "high"): "unpleasant_high",
    (False, "low"): "unpleasant_low",
}

_ID_RE: Final = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_SPOKEN_RE: Final = re.compile(r"^[a-z][a-z']*(?: [a-z][a-z']*)*$")
_ID_MAX: Final = 100
_SPOKEN_MAX: Final = 140


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


def _id(value: Any, where: str) -> str:
    if not isinstance(value, str) or len(value) > _ID_MAX or not _ID_RE.match(value):
        raise VocabularyError(f"{where}: id {value!r} is not snake_case (at most {_ID_MAX})")
    return value


def _spoken(value: Any, where: str) -> str:
    if not isinstance(value, str) or len(value) > _SPOKEN_MAX or not _SPOKEN_RE.match(value):
        raise VocabularyError(
            f"{where}: {value!r} is not speakable (lowercase letters, apostrophes, single spaces)"
        )
    return value


def _spoken_list(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise VocabularyError(f"{where}: expected a list of words, got {value!r}")
    return tuple(_spoken(v, where) for v in value)


def _flag(value: Any, where: str, what: str) -> bool:
    if not isinstance(value, bool):
        raise VocabularyError(f"{where}: {what} must be true or false, not {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class _Entry:
    id: str
    word: str
    synonyms: tuple[str, ...] = ()

    @property
    def spoken_forms(self) -> tuple[str, ...]:
        """Canonical word first, then synonyms."""
        return (self.word, *self.synonyms)

    def slot_value(self) -> SlotValue:
        return {"id": self.id, "name": {"value": self.word, "synonyms": list(self.synonyms)}}


_ENTRY_KEYS: Final = frozenset({"id", "word", "synonyms"})
_FEELING_KEYS: Final = _ENTRY_KEYS | {"pleasant", "energy", "article"}


def _entry_fields(raw: Any, keys: frozenset[str], what: str) -> tuple[str, str, tuple[str, ...]]:
    """Checks shared by feelings and needs: the fields, the id, the words."""
    if not isinstance(raw, Mapping):
        raise VocabularyError(f"{what}: each entry is a mapping, not {raw!r}")
    where = f"{what} {raw.get('id')!r}"
    unknown = set(raw) - keys
    missing = {"id", "word"} - set(raw)
    if unknown or missing:
        raise VocabularyError(f"{where}: unknown {sorted(unknown)} / missing {sorted(missing)}")
    entry_id = _id(raw["id"], where)
    word = _spoken(raw["word"], where)
    synonyms = _spoken_list(raw.get("synonyms"), where)
    if len(set(synonyms)) != len(synonyms):
        raise VocabularyError(f"{where}: repeated synonym in {list(synonyms)}")
    if word in synonyms:
        raise VocabularyError(f"{where}: the word {word!r} is also listed as a synonym")
    return entry_id, word, synonyms


@dataclass(frozen=True, slots=True)
class Feeling(_Entry):
    """A specific feeling word, placed on the mood map."""

    pleasant: bool = False
    """Pleasantness axis: ``True`` = pleasant."""
    energy: Energy = "low"
    article: bool = False
    """Named (or a form of it named) in the seed article."""

    @property
    def quadrant(self) -> Quadrant:
        return _QUADRANT_OF[(self.pleasant, self.energy)]

    @classmethod
    def from_data(cls, raw: Any) -> Feeling:
        entry_id, word, synonyms = _entry_fields(raw, _FEELING_KEYS, "feelings")
        where = f"feelings {entry_id!r}"
        for name in ("pleasant", "energy", "article"):
            if name not in raw:
                raise VocabularyError(f"{where}: missing {name!r}")
        energy = raw["energy"]
        if energy not in ("low", "high"):
            raise VocabularyError(f"{where}: energy must be low or high, not {energy!r}")
        return cls(
            entry_id,
            word,
            synonyms,
            pleasant=_flag(raw["pleasant"], where, "pleasant"),
            energy=energy,
            article=_flag(raw["article"], where, "article"),
        )


@dataclass(frozen=True, slots=True)
class Need(_Entry):
    """Something a person may need ("connection", "to be heard")."""

    @classmethod
    def from_data(cls, raw: Any) -> Need:
        return cls(*_entry_fields(raw, _ENTRY_KEYS, "needs"))


def _entries_from_mapping(value: Any, what: str) -> list[Any]:
    """``{id: {fields}}`` (the YAML shape) -> ``[{"id": id, **fields}]``; a list as it is."""
    if isinstance(value, list | tuple):
        return list(value)
    if not isinstance(value, Mapping):
        raise VocabularyError(f"{what}: expected a mapping of id to fields, got {value!r}")
    entries: list[Any] = []
    for key, fields in value.items():
        if isinstance(fields, Mapping):
            if "id" in fields:
                raise VocabularyError(f"{key}: give the id as the key only, not as a field")
            entries.append({"id": key, **fields})
        else:
            entries.append(fields)  # reported as not a mapping
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


@dataclass(frozen=True)
class Vocabulary:
    """Feelings, needs and vague words, with the lookups the skill needs.

    Build it with :meth:`from_data`, which checks every rule and raises
    :class:`VocabularyError` naming each problem.
    """

    feelings: tuple[Feeling, ...]
    needs: tuple[Need, ...]
    vague: tuple[str, ...] = ()

    _feeling_index: dict[str, Feeling] = field(default_factory=dict, repr=False, compare=False)
    _need_index: dict[str, Need] = field(default_factory=dict, repr=False, compare=False)
    _feeling_ids: dict[str, Feeling] = field(default_factory=dict, repr=False, compare=False)
    _need_ids: dict[str, Need] = field(default_factory=dict, repr=False, compare=False)
    _vague: frozenset[str] = field(default_factory=frozenset, repr=False, compare=False)

    @classmethod
    def from_data(cls, raw: Any) -> Vocabulary:
        """The vocabulary from its source shape (``{feelings: {id: fields}, needs, vague}``) or
        from :func:`vocabulary_data`'s, every rule checked."""
        if not isinstance(raw, Mapping):
            raise VocabularyError("the vocabulary is a mapping of feelings, needs and vague")
        unknown = set(raw) - {"feelings", "needs", "vague"}
        missing = {"feelings", "needs"} - set(raw)
        if unknown or missing:
            raise VocabularyError(f"unknown {sorted(unknown)} / missing {sorted(missing)}")
        feelings = tuple(
            Feeling.from_data(e) for e in _entries_from_mapping(raw["feelings"], "feelings")
        )
        needs = tuple(Need.from_data(e) for e in _entries_from_mapping(raw["needs"], "needs"))
        vague = _spoken_list(raw.get("vague"), "vague")
        feeling_index, vague_set, problems = _index(feelings, vague, "feelings")
        need_index, _, need_problems = _index(needs, (), "needs")
        problems += need_problems
        for feeling in feelings:
            if is_vague_id(feeling.id):
                problems.append(
                    f"feelings: id {feeling.id!r} must not start with {VAGUE_ID_PREFIX}"
                )
        slot_ids = [vague_slot_id(word) for word in vague]
        if len(set(slot_ids)) != len(slot_ids):
            problems.append(f"vague: two words give the same slot id in {slot_ids}")
        if problems:
            raise VocabularyError("; ".join(problems))
        return cls(
            feelings,
            needs,
            vague,
            {k: cast(Feeling, v) for k, v in feeling_index.items()},
            {k: cast(Need, v) for k, v in need_index.items()},
            {f.id: f for f in feelings},
            {n.id: n for n in needs},
            frozenset(vague_set),
        )

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


@lru_cache(maxsize=1)
def _unique_key_loader() -> Any:
    """The C safe loader when libyaml is there, refusing duplicate keys (e.g. two ``sad:``).
    YAML is imported here only: the artifact loads the bundle instead."""
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class UniqueKeyLoader(base):  # type: ignore[misc]
        pass

    def construct_unique_mapping(loader: Any, node: yaml.MappingNode) -> dict[Hashable, Any]:
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
        return cast(dict[Hashable, Any], loader.construct_mapping(node, deep=True))

    UniqueKeyLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_unique_mapping
    )
    return UniqueKeyLoader


def _read_yaml(path: Path) -> Any:
    import yaml

    try:
        # UniqueKeyLoader derives from the (C)SafeLoader: no arbitrary objects.
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_unique_key_loader())  # noqa: S506
    except (OSError, yaml.YAMLError) as exc:
        raise VocabularyError(f"{path}: {exc}") from exc


def vocabulary_data(vocabulary: Vocabulary) -> dict[str, Any]:
    """A checked vocabulary as plain data (lists of entries), for the bundle."""
    return {
        "feelings": [
            {
                "id": f.id,
                "word": f.word,
                "synonyms": list(f.synonyms),
                "pleasant": f.pleasant,
                "energy": f.energy,
                "article": f.article,
            }
            for f in vocabulary.feelings
        ],
        "needs": [
            {"id": n.id, "word": n.word, "synonyms": list(n.synonyms)} for n in vocabulary.needs
        ],
        "vague": list(vocabulary.vague),
    }


def load_vocabulary(path: Path) -> Vocabulary:
    """Read, validate and index the vocabulary at ``path`` (from the build's bundle when it is
    the file the bundle was built from).

    Raises :class:`VocabularyError` (a ``ValueError``) naming the file and every problem found.
    """
    raw = bundle.bundled("vocabulary.en", path, bundle.DEFAULT_CONTENT_DIR / "en" / VOCABULARY_FILE)
    if raw is None:
        raw = _read_yaml(path)
    try:
        vocabulary = Vocabulary.from_data(raw)
        vocabulary.check_coverage()
    except VocabularyError as exc:
        raise VocabularyError(f"{path}: {exc}") from exc
    return vocabulary
