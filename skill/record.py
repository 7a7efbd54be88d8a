"""Small checked records: dataclasses that read untrusted data, without pydantic on a cold start.

What the skill keeps (``skill/state.py``) arrives from two places it does not control: session
attributes sent back by the client, and items read from the store. :class:`Record` checks such
data field by field against the dataclass annotations when it is read (``model_validate``,
``model_validate_json``), and writes it back as plain JSON data (``model_dump``,
``model_dump_json``). The method names are pydantic's, so code and tests read the same; the
checks cover the types the state uses:

``str``, ``int`` (``Decimal`` and integral floats accepted, as DynamoDB returns them; never
``bool``), ``bool``, ``Literal[...]`` of strings, ``X | None``, ``list[X]``, ``dict[str, X]``,
``Any``, unions of scalars, and nested records. Unknown keys are ignored. A class may give
``converters`` (field name -> function of the raw value) to replace a field's check, e.g. to
bound a list or to read a malformed value as empty. With ``validate_assignment = True``,
assignments are checked too.

Anything that does not fit raises :class:`RecordError`, a ``ValueError`` (as pydantic's
``ValidationError`` is).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, ClassVar, Literal, Self, Union, get_args, get_origin

Check = Callable[[Any, str], Any]


class RecordError(ValueError):
    """Data that does not fit a record; the message names the field (never its value)."""


def _fail(where: str, expected: str, value: object) -> RecordError:
    return RecordError(f"{where}: expected {expected}, got {type(value).__name__}")


def _check_str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise _fail(where, "text", value)
    return value


def _check_int(value: Any, where: str) -> int:
    if isinstance(value, bool):
        raise _fail(where, "a whole number", value)
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal | float) and value == int(value):
        return int(value)
    raise _fail(where, "a whole number", value)


def _check_bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(where, "true or false", value)
    return value


def _check_any(value: Any, where: str) -> Any:
    return value


_SCALARS: dict[Any, Check] = {
    str: _check_str,
    int: _check_int,
    bool: _check_bool,
    Any: _check_any,
}


def _checker(tp: Any) -> Check:
    """A function that checks (and normalises) a value against the annotation ``tp``."""
    if tp in _SCALARS:
        return _SCALARS[tp]
    if isinstance(tp, type) and issubclass(tp, Record):
        record = tp

        def check_record(value: Any, where: str) -> Any:
            if isinstance(value, record):
                return value
            if not isinstance(value, Mapping):
                raise _fail(where, record.__name__, value)
            return record._from(value, where)

        return check_record
    origin, args = get_origin(tp), get_args(tp)
    if origin is Literal:
        allowed = frozenset(args)

        def check_literal(value: Any, where: str) -> Any:
            if not isinstance(value, str) or value not in allowed:
                raise RecordError(f"{where}: expected one of {sorted(allowed)}")
            return value

        return check_literal
    if origin in (Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        optional = len(options) < len(args)
        checks = [_checker(a) for a in options]

        def check_union(value: Any, where: str) -> Any:
            if value is None and optional:
                return None
            # bool before int: a bool is an int in Python, not in the data.
            if isinstance(value, bool) and bool in options:
                return value
            for check in checks:
                try:
                    return check(value, where)
                except RecordError:
                    continue
            raise _fail(where, " or ".join(getattr(a, "__name__", str(a)) for a in args), value)

        return check_union
    if origin is list:
        item = _checker(args[0]) if args else _check_any

        def check_list(value: Any, where: str) -> list[Any]:
            if not isinstance(value, list | tuple):
                raise _fail(where, "a list", value)
            return [item(v, f"{where}[{i}]") for i, v in enumerate(value)]

        return check_list
    if origin is dict:
        item = _checker(args[1]) if len(args) == 2 else _check_any

        def check_dict(value: Any, where: str) -> dict[str, Any]:
            if not isinstance(value, Mapping):
                raise _fail(where, "a mapping", value)
            out: dict[str, Any] = {}
            for k, v in value.items():
                out[_check_str(k, f"{where} key")] = item(v, f"{where}.{k}")
            return out

        return check_dict
    raise TypeError(f"no check for the annotation {tp!r}")


_MISSING = dataclasses.MISSING


def _converted(convert: Callable[[Any], Any]) -> Check:
    def check(value: Any, where: str) -> Any:
        return convert(value)

    return check


class Record:
    """Base of the checked dataclasses (subclasses are decorated with ``@dataclass``)."""

    converters: ClassVar[Mapping[str, Callable[[Any], Any]]] = {}
    validate_assignment: ClassVar[bool] = False
    _plan: ClassVar[tuple[tuple[str, Check, Any, Any, Any], ...] | None] = None
    _checks: ClassVar[dict[str, Check]] = {}
    _paths: ClassVar[dict[str, str]] = {}

    @classmethod
    def _fields_plan(cls) -> tuple[tuple[str, Check, Any, Any, Any], ...]:
        """(name, check, default, default_factory, value when left out) per field; once per
        class. The last is what ``exclude_defaults`` compares with (never handed out)."""
        plan = cls.__dict__.get("_plan")
        if plan is None:
            hints = typing.get_type_hints(cls)
            built = []
            for f in dataclasses.fields(cls):  # type: ignore[arg-type]
                convert = cls.converters.get(f.name)
                check = _converted(convert) if convert else _checker(hints[f.name])
                unset = f.default if f.default is not _MISSING else _MISSING
                if f.default_factory is not _MISSING:
                    unset = f.default_factory()
                built.append((f.name, check, f.default, f.default_factory, unset))
            plan = tuple(built)
            cls._plan = plan
            cls._checks = {name: check for name, check, *_ in plan}
            cls._paths = {name: f"{cls.__name__}.{name}" for name, *_ in plan}
        return plan

    @classmethod
    def _from(cls, data: Mapping[str, Any], where: str) -> Self:
        obj = cls.__new__(cls)
        # The error path of each field, built only for a value that is checked (and named
        # after the class, as model_validate's are, without formatting a string per field).
        named = where == cls.__name__
        for name, check, default, factory, _ in cls._fields_plan():
            if name in data:
                value = check(data[name], cls._paths[name] if named else f"{where}.{name}")
            elif default is not _MISSING:
                value = default
            elif factory is not _MISSING:
                value = factory()
            else:
                raise RecordError(f"{where}.{name}: missing")
            object.__setattr__(obj, name, value)
        return obj

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """A record from untrusted data (a mapping); :class:`RecordError` if it does not fit."""
        if isinstance(data, cls):
            return data
        if not isinstance(data, Mapping):
            raise _fail(cls.__name__, "a mapping", data)
        return cls._from(data, cls.__name__)

    @classmethod
    def model_validate_json(cls, text: str | bytes) -> Self:
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise RecordError(f"{cls.__name__}: not JSON") from exc
        return cls.model_validate(data)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Only a record that checks assignments gets a Python-level setter: it costs a call per
        # field on every construction, and frozen records must keep dataclass's own.
        if cls.validate_assignment and "__setattr__" not in cls.__dict__:
            cls.__setattr__ = Record._checked_setattr  # type: ignore[method-assign,assignment]

    def _checked_setattr(self, name: str, value: Any) -> None:
        # The first assignment of a field is the constructor's, from typed code (mypy checks
        # it); untrusted data arrives through model_validate. Later assignments are checked.
        if name in self.__dict__:
            cls = type(self)
            checks = cls.__dict__.get("_checks")
            if checks is None:
                cls._fields_plan()
                checks = cls.__dict__["_checks"]
            check = checks.get(name)
            if check is not None:
                value = check(value, cls._paths[name])
        object.__setattr__(self, name, value)

    def model_dump(
        self,
        *,
        mode: str = "python",
        exclude_defaults: bool = False,
        exclude: frozenset[str] | set[str] | None = None,
    ) -> dict[str, Any]:
        """The record as plain data (nested records as dicts; ``mode`` is accepted for
        pydantic's signature: the values are JSON-ready either way)."""
        out: dict[str, Any] = {}
        fields = self.__dict__
        for name, _, _, _, unset in self._fields_plan():
            if exclude and name in exclude:
                continue
            value = fields[name]
            if exclude_defaults and unset is not _MISSING and value == unset:
                continue
            out[name] = value if type(value) in _PLAIN else _dump(value, exclude_defaults)
        return out

    def model_dump_json(
        self,
        *,
        exclude_defaults: bool = False,
        exclude: frozenset[str] | set[str] | None = None,
    ) -> str:
        return json.dumps(
            self.model_dump(exclude_defaults=exclude_defaults, exclude=exclude),
            separators=(",", ":"),
            ensure_ascii=False,
        )

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy (``deep``: nothing shared), with ``update``'s fields set as given."""
        copied: Self
        if deep:
            copied = _clone(self)
        else:
            copied = object.__new__(type(self))
            copied.__dict__.update(self.__dict__)
        for name, value in (update or {}).items():
            object.__setattr__(copied, name, value)
        return copied


_PLAIN = frozenset({str, int, bool, float, type(None)})


def _clone(value: Any) -> Any:
    """A deep copy of record data (records, lists, dicts, scalars): ``copy.deepcopy``'s result
    for these types, several times faster (it runs on every turn)."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list:
        return [v if type(v) in _PLAIN else _clone(v) for v in value]
    if kind is dict:
        return {k: v if type(v) in _PLAIN else _clone(v) for k, v in value.items()}
    if isinstance(value, Record):
        twin = object.__new__(type(value))
        # The fields are the instance's __dict__ (records have no slots): copied as a whole,
        # then only the values that are not plain scalars are cloned.
        fields = twin.__dict__
        fields.update(value.__dict__)
        for name, item in fields.items():
            if type(item) not in _PLAIN:
                fields[name] = _clone(item)
        return twin
    if isinstance(value, list):
        return [_clone(v) for v in value]
    if isinstance(value, dict):
        return {k: _clone(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_clone(v) for v in value)
    return copy.deepcopy(value)


def _dump(value: Any, exclude_defaults: bool) -> Any:
    if type(value) in _PLAIN:
        return value
    if isinstance(value, Record):
        return value.model_dump(exclude_defaults=exclude_defaults)
    if isinstance(value, list | tuple):
        return [_dump(v, exclude_defaults) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v, exclude_defaults) for k, v in value.items()}
    return value


def json_data(value: Any) -> Any:
    """A field's value as plain JSON data (as ``model_dump`` writes it)."""
    return value if type(value) in _PLAIN else _dump(value, False)
