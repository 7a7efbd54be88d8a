"""Strict reading of a skill manifest with ask-smapi-model's own classes.

ask-smapi-model's serializer drops keys it does not know and accepts any string for an enum;
SMAPI does neither. This walks the JSON along the model's ``deserialized_types`` and
``attribute_map`` and reports every unknown key, wrong JSON type and invalid enum value.
"""

from __future__ import annotations

import importlib
import re
from enum import Enum
from typing import Any

ENVELOPE = "ask_smapi_model.v1.skill.manifest.skill_manifest_envelope.SkillManifestEnvelope"
_LIST = re.compile(r"^list\[(.+)\]$")
_DICT = re.compile(r"^dict\(([^,]+),\s*(.+)\)$")
_PRIMITIVES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "bool": (bool,),
    "int": (int,),
    "float": (int, float),
    "object": (object,),
    "datetime": (str,),
}


def _class(path: str) -> type:
    module, _, name = path.rpartition(".")
    cls: type = getattr(importlib.import_module(module), name)
    return cls


def problems(data: Any, type_name: str = ENVELOPE, where: str = "") -> list[str]:
    """Every way ``data`` fails the model type ``type_name`` (empty when it is valid)."""
    found: list[str] = []
    _check(data, type_name, where or "$", found)
    return found


def _check(data: Any, type_name: str, where: str, out: list[str]) -> None:
    if m := _LIST.match(type_name):
        if not isinstance(data, list):
            out.append(f"{where}: expected a list")
            return
        for i, item in enumerate(data):
            _check(item, m.group(1), f"{where}[{i}]", out)
        return
    if m := _DICT.match(type_name):
        if not isinstance(data, dict):
            out.append(f"{where}: expected an object")
            return
        for key, value in data.items():
            _check(value, m.group(2), f"{where}.{key}", out)
        return
    if type_name in _PRIMITIVES:
        ok = isinstance(data, _PRIMITIVES[type_name])
        if type_name in {"int", "float"} and isinstance(data, bool):
            ok = False
        if not ok:
            out.append(f"{where}: expected {type_name}, got {type(data).__name__}")
        return
    cls = _class(type_name)
    if issubclass(cls, Enum):
        allowed = {e.value for e in cls}
        if data not in allowed:
            out.append(f"{where}: {data!r} is not one of {type_name.rsplit('.', 1)[-1]}")
        return
    if not isinstance(data, dict):
        out.append(f"{where}: expected an object for {cls.__name__}")
        return
    key = getattr(cls, "json_discriminator_key", None)
    mapping = getattr(cls, "discriminator_value_class_map", None)
    if key and mapping:
        if data.get(key) not in mapping:
            out.append(f"{where}: unknown {key} {data.get(key)!r} for {cls.__name__}")
            return
        cls = _class(mapping[data[key]])
    types: dict[str, str] = cls.deserialized_types  # type: ignore[attr-defined]
    json_names: dict[str, str] = cls.attribute_map  # type: ignore[attr-defined]
    by_json = {json_name: attr for attr, json_name in json_names.items()}
    for json_key, value in data.items():
        attr = by_json.get(json_key)
        if attr is None:
            out.append(f"{where}: unknown key {json_key!r} for {cls.__name__}")
            continue
        _check(value, types[attr], f"{where}.{json_key}", out)
