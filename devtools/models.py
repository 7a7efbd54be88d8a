"""Builds the interaction models (``intents/<locale>.json``) from one source.

The source is ``intents/src/*.yaml`` (intents, samples, slot types) plus the feelings and needs
vocabulary in ``audio_scripts/en/vocabulary.yaml``, with small per-locale additions. The JSON
files are committed (``ask deploy`` reads them); a test fails if they differ from a fresh build.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

INVOCATION_NAME = "steady heart"
LOCALES = ("en-US", "en-CA", "en-GB", "en-AU", "en-IN")
FALLBACK_SENSITIVITY = "MEDIUM"

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _fragments(src: Path) -> Iterable[dict[str, Any]]:
    for path in sorted(src.glob("*.yaml")):
        with path.open(encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=_Loader) or {}  # noqa: S506 - safe loader
        if not isinstance(data, dict):
            raise ValueError(f"{path.name}: a fragment must be a mapping")
        yield data


def _vocabulary_types(content_dir: Path) -> list[dict[str, Any]]:
    path = content_dir / "en" / "vocabulary.yaml"
    if not path.exists():
        return []
    from skill.vocabulary import load_vocabulary

    vocab = load_vocabulary(path)
    return [
        {"name": "FeelingType", "values": vocab.slot_type_values("feelings")},
        {"name": "NeedType", "values": vocab.slot_type_values("needs")},
    ]


def build_model(src: Path, content_dir: Path, locale: str) -> dict[str, Any]:
    intents: dict[str, dict[str, Any]] = {}
    types: dict[str, dict[str, Any]] = {}
    for t in _vocabulary_types(content_dir):
        types[t["name"]] = t
    for frag in _fragments(src):
        for spec in frag.get("intents") or []:
            name = spec["name"]
            if name in intents:
                raise ValueError(f"intent {name} is declared twice")
            intent: dict[str, Any] = {"name": name}
            if spec.get("slots"):
                intent["slots"] = [{"name": s["name"], "type": s["type"]} for s in spec["slots"]]
            intent["samples"] = list(spec.get("samples") or [])
            intents[name] = intent
        for spec in frag.get("types") or []:
            # A type may be spread over fragments (each exercise adds itself to ExerciseType).
            entry = types.setdefault(spec["name"], {"name": spec["name"], "values": []})
            known = {v["id"] for v in entry["values"]}
            for v in spec["values"]:
                if v["id"] in known:
                    raise ValueError(f"slot type {spec['name']} repeats the id {v['id']}")
                synonyms = list(v.get("synonyms", []))
                entry["values"].append(
                    {"id": v["id"], "name": {"value": v["value"], "synonyms": synonyms}}
                )
        extra = (frag.get("locales") or {}).get(locale) or {}
        for name, samples in (extra.get("samples") or {}).items():
            intents[name]["samples"].extend(samples)
        for type_name, by_id in (extra.get("synonyms") or {}).items():
            for value in types[type_name]["values"]:
                value["name"]["synonyms"].extend(by_id.get(value["id"], []))
    return {
        "interactionModel": {
            "languageModel": {
                "invocationName": INVOCATION_NAME,
                "modelConfiguration": {
                    "fallbackIntentSensitivity": {"level": FALLBACK_SENSITIVITY}
                },
                "intents": list(intents.values()),
                "types": list(types.values()),
            }
        }
    }


def render(model: dict[str, Any]) -> str:
    return json.dumps(model, indent=2, ensure_ascii=False) + "\n"


def write_models(models_dir: Path, content_dir: Path) -> list[Path]:
    written = []
    for locale in LOCALES:
        path = models_dir / f"{locale}.json"
        path.write_text(render(build_model(models_dir / "src", content_dir, locale)), "utf-8")
        written.append(path)
    return written
