"""Routing that is content: ``audio_scripts/<lang>/routing.yaml``, validated at load (in the
artifact, from the build's checked bundle: no YAML parser on the cold path, see skill/bundle.py).

Which exercise a check-in offers next (by need, feeling family, quadrant), which vague words lean
pleasant or unpleasant, and how the menu groups exercises. Flows read it with
:func:`routing_for`; the ids in it are checked against the vocabulary and the registry by
tests/test_routing_data.py (the loader knows neither, so it cannot import them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from skill import bundle
from skill.vocabulary import QUADRANTS, vague_slot_id

if TYPE_CHECKING:
    from skill.turn import Turn

FILE: Final = "routing.yaml"
_EXERCISE_RE: Final = re.compile(r"^[a-z]+(-[a-z]+)*$")
_ID_RE: Final = re.compile(r"^[a-z][a-z_]*$")


def _exercise(value: str) -> str:
    if not _EXERCISE_RE.match(value):
        raise ValueError(f"{value!r} is not an exercise id (kebab-case)")
    return value


def _feeling_or_need(value: str) -> str:
    if not _ID_RE.match(value):
        raise ValueError(f"{value!r} is not a vocabulary id (snake_case)")
    return value


def _keys(
    raw: Any, where: str, required: frozenset[str], optional: frozenset[str] = frozenset()
) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: expected a mapping")
    unknown = set(raw) - required - optional
    missing = required - set(raw)
    if unknown or missing:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}, missing {sorted(missing)}")
    return raw


def _strs(raw: Any, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list | tuple | set | frozenset) or not all(
        isinstance(x, str) for x in raw
    ):
        raise ValueError(f"{where}: expected a list of words")
    return tuple(raw)


def _str_map(raw: Any, where: str) -> dict[str, str]:
    if not isinstance(raw, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in raw.items()
    ):
        raise ValueError(f"{where}: expected a mapping of words to words")
    return dict(raw)


def _lists_map(raw: Any, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, Mapping) or not all(isinstance(k, str) for k in raw):
        raise ValueError(f"{where}: expected a mapping of words to lists")
    return {k: _strs(v, f"{where}.{k}") for k, v in raw.items()}


@dataclass(frozen=True)
class VagueLean:
    pleasant: tuple[str, ...] = ()
    unpleasant: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, raw: Any) -> VagueLean:
        data = _keys(raw, "vague_lean", frozenset(), frozenset({"pleasant", "unpleasant"}))
        lean = cls(
            _strs(data.get("pleasant", ()), "vague_lean.pleasant"),
            _strs(data.get("unpleasant", ()), "vague_lean.unpleasant"),
        )
        both = set(lean.pleasant) & set(lean.unpleasant)
        if both:
            raise ValueError(f"vague words on both sides: {sorted(both)}")
        return lean


@dataclass(frozen=True)
class NextStep:
    by_need: dict[str, str]
    by_family: dict[str, tuple[str, ...]]
    by_quadrant: dict[str, tuple[str, ...]]
    fallback: str

    @classmethod
    def from_data(cls, raw: Any) -> NextStep:
        data = _keys(
            raw, "next_step", frozenset({"by_need", "by_family", "by_quadrant", "fallback"})
        )
        by_need = _str_map(data["by_need"], "next_step.by_need")
        by_family = _lists_map(data["by_family"], "next_step.by_family")
        by_quadrant = _lists_map(data["by_quadrant"], "next_step.by_quadrant")
        unknown = set(by_quadrant) - set(QUADRANTS)
        if unknown:
            raise ValueError(f"unknown quadrants {sorted(unknown)}")
        if not isinstance(data["fallback"], str):
            raise ValueError("next_step.fallback: expected an exercise id")
        return cls(
            {_feeling_or_need(k): _exercise(x) for k, x in by_need.items()},
            {k: tuple(_exercise(x) for x in xs) for k, xs in by_family.items()},
            {k: tuple(_exercise(x) for x in xs) for k, xs in by_quadrant.items()},
            _exercise(data["fallback"]),
        )


@dataclass(frozen=True)
class MenuRouting:
    groups: dict[str, str]
    """Exercise id -> menu group, for exercises whose flow does not set ``Flow.group``."""
    on_request: frozenset[str]
    """Never suggested by rotation; named in the grouped menu and started by name."""
    first: tuple[str, ...]
    """A new user's first offer, in order (the article's first three); rotation follows."""

    @classmethod
    def from_data(cls, raw: Any) -> MenuRouting:
        data = _keys(raw, "menu", frozenset({"groups", "on_request", "first"}))
        groups = _str_map(data["groups"], "menu.groups")
        on_request = frozenset(_exercise(x) for x in _strs(data["on_request"], "menu.on_request"))
        first = tuple(_exercise(x) for x in _strs(data["first"], "menu.first"))
        if len(set(first)) != len(first) or set(first) & on_request:
            raise ValueError("menu.first: distinct exercises, none of them on request only")
        return cls(
            {_exercise(k): _feeling_or_need(g) for k, g in groups.items()}, on_request, first
        )


@dataclass(frozen=True)
class Routing:
    vague_lean: VagueLean
    families: dict[str, frozenset[str]]
    """Family name -> vocabulary feeling ids; no feeling is in two families."""
    next_step: NextStep
    menu: MenuRouting

    @classmethod
    def from_data(cls, raw: Any) -> Routing:
        """Routing from routing.yaml's shape (or :func:`routing_data`'s), every rule checked."""
        data = _keys(raw, "routing", frozenset({"vague_lean", "families", "next_step", "menu"}))
        families = {k: frozenset(v) for k, v in _lists_map(data["families"], "families").items()}
        seen: dict[str, str] = {}
        for name, ids in _lists_map(data["families"], "families").items():
            for i in ids:
                _feeling_or_need(i)
                if i in seen:
                    raise ValueError(f"{i!r} is in the {seen[i]} and {name} families")
                seen[i] = name
        routing = cls(
            VagueLean.from_data(data["vague_lean"]),
            families,
            NextStep.from_data(data["next_step"]),
            MenuRouting.from_data(data["menu"]),
        )
        unknown = set(routing.next_step.by_family) - set(routing.families)
        if unknown:
            raise ValueError(f"next_step.by_family names unknown families {sorted(unknown)}")
        return routing

    # --- answers ---------------------------------------------------------------------------
    def family(self, name: str) -> frozenset[str]:
        return self.families.get(name, frozenset())

    def family_of(self, feeling_id: str) -> str | None:
        return next((n for n, ids in self.families.items() if feeling_id in ids), None)

    @property
    def lean(self) -> Mapping[str, bool]:
        """Vague slot id -> leans pleasant (True) or unpleasant (False)."""
        return _lean(self.vague_lean)

    @property
    def next_steps(self) -> frozenset[str]:
        """Every exercise a check-in may offer."""
        n = self.next_step
        return frozenset(
            {n.fallback, *n.by_need.values()}
            | {x for xs in n.by_family.values() for x in xs}
            | {x for xs in n.by_quadrant.values() for x in xs}
        )


@lru_cache(maxsize=4)
def _lean(v: VagueLean) -> Mapping[str, bool]:
    return {vague_slot_id(w): True for w in v.pleasant} | {
        vague_slot_id(w): False for w in v.unpleasant
    }


class RoutingError(ValueError):
    """routing.yaml breaks a rule."""


def routing_data(routing: Routing) -> dict[str, Any]:
    """Checked routing as plain data (sorted sets), for the bundle."""
    n, m = routing.next_step, routing.menu
    return {
        "vague_lean": {
            "pleasant": list(routing.vague_lean.pleasant),
            "unpleasant": list(routing.vague_lean.unpleasant),
        },
        "families": {k: sorted(v) for k, v in routing.families.items()},
        "next_step": {
            "by_need": dict(n.by_need),
            "by_family": {k: list(v) for k, v in n.by_family.items()},
            "by_quadrant": {k: list(v) for k, v in n.by_quadrant.items()},
            "fallback": n.fallback,
        },
        "menu": {
            "groups": dict(m.groups),
            "on_request": sorted(m.on_request),
            "first": list(m.first),
        },
    }


def load_routing(path: Path) -> Routing:
    """Routing read and checked from ``path`` (from the build's bundle when it is the file the
    bundle was built from)."""
    raw = bundle.bundled("routing.en", path, bundle.DEFAULT_CONTENT_DIR / "en" / FILE)
    if raw is None:
        import yaml  # tests, tools and the build read the source; the artifact the bundle

        loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        with path.open(encoding="utf-8") as fh:
            raw = yaml.load(fh, Loader=loader)  # noqa: S506 - safe loader
    try:
        return Routing.from_data(raw)
    except ValueError as exc:
        raise RoutingError(f"{path}: {exc}") from exc


@lru_cache(maxsize=4)
def routing_in(content_dir: Path) -> Routing:
    """The routing of a content folder, read and validated once per process."""
    return load_routing(content_dir / "en" / FILE)


def routing_for(t: Turn) -> Routing:
    return routing_in(t.settings.content_dir)
