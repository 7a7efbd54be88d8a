"""skill/record.py: checked dataclasses for data the skill does not control."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar, Literal

import pytest

from skill.record import Record, RecordError


@dataclass
class Inner(Record):
    name: str = ""
    on: bool = False


@dataclass
class Outer(Record):
    converters: ClassVar[dict[str, Any]] = {"recent": lambda v: [str(x) for x in v][-2:]}
    validate_assignment: ClassVar[bool] = True

    count: int = 0
    mood: Literal["calm", "tense"] = "calm"
    note: str | None = None
    inner: Inner | None = None
    tags: list[str] = field(default_factory=list)
    prefs: dict[str, str] = field(default_factory=dict)
    data: dict[str, str | int | bool] = field(default_factory=dict)
    recent: list[str] = field(default_factory=list)
    free: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Needed(Record):
    kind: Literal["a", "b"]
    at: int


def test_reads_and_writes_back_what_fits() -> None:
    raw = {
        "count": Decimal(3),
        "mood": "tense",
        "note": None,
        "inner": {"name": "x", "on": True, "unknown": 1},
        "tags": ["a"],
        "prefs": {"k": "v"},
        "data": {"a": 1, "b": True, "c": "s"},
        "recent": ["1", "2", "3"],
        "free": {"any": [1, {"x": None}]},
        "ignored": "extra keys are ignored",
    }
    outer = Outer.model_validate(raw)
    assert outer.count == 3
    assert outer.inner == Inner("x", True)
    assert outer.data == {"a": 1, "b": True, "c": "s"}
    assert isinstance(outer.data["b"], bool)
    assert outer.recent == ["2", "3"]
    dumped = outer.model_dump()
    assert dumped["inner"] == {"name": "x", "on": True}
    assert Outer.model_validate_json(outer.model_dump_json()) == outer
    assert Outer().model_dump(exclude_defaults=True) == {}
    assert Outer(count=2).model_dump(exclude_defaults=True) == {"count": 2}
    assert Outer(inner=Inner("y")).model_dump(exclude_defaults=True) == {"inner": {"name": "y"}}
    assert "count" not in Outer().model_dump(exclude={"count"})


@pytest.mark.parametrize(
    "raw",
    [
        {"count": "3"},
        {"count": True},
        {"count": 1.5},
        {"mood": "angry"},
        {"note": 5},
        {"inner": "x"},
        {"inner": {"on": "yes"}},
        {"tags": "a"},
        {"tags": [1]},
        {"prefs": {"k": 1}},
        {"data": {"a": [1]}},
    ],
)
def test_refuses_what_does_not_fit(raw: dict[str, Any]) -> None:
    with pytest.raises(RecordError):
        Outer.model_validate(raw)
    with pytest.raises(ValueError, match="Outer"):
        Outer.model_validate(raw)


def test_required_fields_non_mappings_and_bad_json() -> None:
    assert Needed.model_validate({"kind": "a", "at": 1}) == Needed("a", 1)
    with pytest.raises(RecordError, match="at: missing"):
        Needed.model_validate({"kind": "a"})
    with pytest.raises(RecordError):
        Needed.model_validate(["kind", "a"])
    with pytest.raises(RecordError, match="not JSON"):
        Needed.model_validate_json("{")
    with pytest.raises(dataclasses.FrozenInstanceError):
        Needed("a", 1).at = 2  # type: ignore[misc]


def test_assignments_are_checked_when_asked() -> None:
    outer = Outer()
    outer.recent = ["a", "b", "c"]
    assert outer.recent == ["b", "c"]
    with pytest.raises(RecordError):
        outer.count = "many"  # type: ignore[assignment]
    inner = Inner()
    inner.on = "unchecked"  # type: ignore[assignment]
    assert inner.on == "unchecked"


def test_only_checked_records_pay_for_a_setter() -> None:
    # The constructor's values come from typed code; only later assignments are checked, and
    # a record that does not check assignments keeps the plain setter (speed, issue 19).
    assert Inner.__setattr__ is object.__setattr__
    assert Outer.__setattr__ is not object.__setattr__
    outer = Outer(count=3)
    assert outer.count == 3
    outer.count = 5
    with pytest.raises(RecordError):
        outer.count = "five"  # type: ignore[assignment]
    assert outer.count == 5


def test_a_deep_copy_shares_nothing() -> None:
    outer = Outer.model_validate(
        {"inner": {"name": "x"}, "tags": ["a"], "free": {"k": [1, {"n": 2}]}, "count": 4}
    )
    twin = outer.model_copy(deep=True)
    assert twin == outer
    assert twin.inner is not outer.inner
    assert twin.tags is not outer.tags
    assert twin.free["k"][1] is not outer.free["k"][1]
    assert outer.model_copy(update={"count": 5}).count == 5


def test_a_checkin_from_the_rolling_list_is_the_entry_the_constructor_makes() -> None:
    from skill.state import HistoryItem

    fast = HistoryItem.checkin(1_760_000_000, 2, "r1", "calm", "pleasant_low")
    made = HistoryItem(
        kind="checkin",
        at=1_760_000_000,
        seq=2,
        id="r1",
        data={"feeling": "calm", "quadrant": "pleasant_low"},
    )
    assert fast == made
    assert fast.model_dump_json() == made.model_dump_json()
