"""Routing that is content: ``audio_scripts/<lang>/routing.yaml``, validated at load.

Which exercise a check-in offers next (by need, feeling family, quadrant), which vague words lean
pleasant or unpleasant, and how the menu groups exercises. Flows read it with
:func:`routing_for`; the ids in it are checked against the vocabulary and the registry by
tests/test_routing_data.py (the loader knows neither, so it cannot import them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import yaml
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from skill.vocabulary import QUADRANTS, vague_slot_id

if TYPE_CHECKING:
    from skill.turn import Turn

FILE: Final = "routing.yaml"
_EXERCISE_RE: Final = re.compile(r"^[a-z]+(-[a-z]+)*$")
_ID_RE: Final = re.compile(r"^[a-z][a-z_]*$")
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _exercise(value: str) -> str:
    if not _EXERCISE_RE.match(value):
        raise ValueError(f"{value!r} is not an exercise id (kebab-case)")
    return value


def _feeling_or_need(value: str) -> str:
    if not _ID_RE.match(value):
        raise ValueError(f"{value!r} is not a vocabulary id (snake_case)")
    return value


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class VagueLean(_Frozen):
    pleasant: tuple[str, ...] = ()
    unpleasant: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _one_side(self) -> VagueLean:
        both = set(self.pleasant) & set(self.unpleasant)
        if both:
            raise ValueError(f"vague words on both sides: {sorted(both)}")
        return self


class NextStep(_Frozen):
    by_need: dict[str, str]
    by_family: dict[str, tuple[str, ...]]
    by_quadrant: dict[str, tuple[str, ...]]
    fallback: str

    @field_validator("by_need")
    @classmethod
    def _needs(cls, v: dict[str, str]) -> dict[str, str]:
        return {_feeling_or_need(k): _exercise(x) for k, x in v.items()}

    @field_validator("by_family", "by_quadrant")
    @classmethod
    def _targets(cls, v: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        return {k: tuple(_exercise(x) for x in xs) for k, xs in v.items()}

    @field_validator("by_quadrant")
    @classmethod
    def _quadrants(cls, v: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        unknown = set(v) - set(QUADRANTS)
        if unknown:
            raise ValueError(f"unknown quadrants {sorted(unknown)}")
        return v

    @field_validator("fallback")
    @classmethod
    def _fallback(cls, v: str) -> str:
        return _exercise(v)


class MenuRouting(_Frozen):
    groups: dict[str, str]
    """Exercise id -> menu group, for exercises whose flow does not set ``Flow.group``."""
    on_request: frozenset[str]
    """Never suggested by rotation; named in the grouped menu and started by name."""

    @field_validator("groups")
    @classmethod
    def _groups(cls, v: dict[str, str]) -> dict[str, str]:
        return {_exercise(k): _feeling_or_need(g) for k, g in v.items()}

    @field_validator("on_request")
    @classmethod
    def _on_request(cls, v: frozenset[str]) -> frozenset[str]:
        return frozenset(_exercise(x) for x in v)


class Routing(_Frozen):
    vague_lean: VagueLean
    families: dict[str, frozenset[str]]
    """Family name -> vocabulary feeling ids; no feeling is in two families."""
    next_step: NextStep
    menu: MenuRouting

    @field_validator("families")
    @classmethod
    def _disjoint(cls, v: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
        seen: dict[str, str] = {}
        for name, ids in v.items():
            for i in ids:
                _feeling_or_need(i)
                if i in seen:
                    raise ValueError(f"{i!r} is in the {seen[i]} and {name} families")
                seen[i] = name
        return v

    @model_validator(mode="after")
    def _families_known(self) -> Routing:
        unknown = set(self.next_step.by_family) - set(self.families)
        if unknown:
            raise ValueError(f"next_step.by_family names unknown families {sorted(unknown)}")
        return self

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


def load_routing(path: Path) -> Routing:
    with path.open(encoding="utf-8") as fh:
        raw = yaml.load(fh, Loader=_Loader)  # noqa: S506 - safe loader
    try:
        return Routing.model_validate(raw)
    except ValueError as exc:
        raise RoutingError(f"{path}: {exc}") from exc


@lru_cache(maxsize=4)
def routing_in(content_dir: Path) -> Routing:
    """The routing of a content folder, read and validated once per process."""
    return load_routing(content_dir / "en" / FILE)


def routing_for(t: Turn) -> Routing:
    return routing_in(t.settings.content_dir)
