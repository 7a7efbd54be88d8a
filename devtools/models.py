"""Builds the interaction models (``intents/<locale>.json``) from one source.

The source is ``intents/src/*.yaml`` (intents, samples, slot types) plus the feelings and needs
vocabulary in ``audio_scripts/en/vocabulary.yaml``, with small per-locale additions. The JSON
files are committed (``ask deploy`` reads them); a test fails if they differ from a fresh build.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from skill.language.exercise_names import spoken_forms

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


EXERCISE_TYPE = "ExerciseType"


def _exercise_names(content_dir: Path, locale: str, ids: Iterable[str]) -> dict[str, list[str]]:
    """Every spoken form of every exercise name (all variations) in the locale's content."""
    from skill.content import load_catalog

    catalog = load_catalog(content_dir, locale)
    names: dict[str, list[str]] = {}
    for value_id in ids:
        key = f"exercise.{value_id.replace('-', '_')}.name"
        if not catalog.has(key):
            continue
        found: list[str] = []
        for variant in catalog.get(key).variants:
            found.extend(f for f in spoken_forms(variant) if f not in found)
        names[value_id] = found
    return names


def _add_exercise_names(types: dict[str, dict[str, Any]], content_dir: Path, locale: str) -> None:
    """ExerciseType learns every spoken name from the content, so a name Alexa said can be said
    back; a form another exercise already claims is an error (it would resolve to both)."""
    entry = types.get(EXERCISE_TYPE)
    if entry is None or not (content_dir / "en").exists():
        return
    values = entry["values"]
    claimed: dict[str, str] = {}
    for v in values:
        for said in (v["name"]["value"], *v["name"]["synonyms"]):
            claimed.setdefault(said, v["id"])
    names = _exercise_names(content_dir, locale, [v["id"] for v in values])
    for v in values:
        for form in names.get(v["id"], []):
            owner = claimed.setdefault(form, v["id"])
            if owner != v["id"]:
                raise ValueError(
                    f"{locale}: the spoken name {form!r} of {v['id']} is already {owner}'s"
                )
            if form != v["name"]["value"] and form not in v["name"]["synonyms"]:
                v["name"]["synonyms"].append(form)


PARTNER_WORDS = (
    "husband",
    "wife",
    "boyfriend",
    "girlfriend",
    "fiance",
    "fiancee",
    "other half",
    "hubby",
    "missus",
    "spouse",
)
"""Said for "partner": every sample naming "my partner" is also learnt with each of these."""
_PARTNER = re.compile(r"\b(my|our|your) partner('s)?\b")


def partner_variants(sample: str) -> list[str]:
    """ "help me get calm before i talk to my partner" -> the same with "my husband", "my
    wife", ... "my other half" (and "my husband's" for "my partner's")."""
    if not _PARTNER.search(sample):
        return []
    return [_PARTNER.sub(rf"\1 {word}\2", sample) for word in PARTNER_WORDS]


def _add_partner_words(intents: dict[str, dict[str, Any]]) -> None:
    """Partner words in every sample family that names the partner; a variant another intent
    already says is left to that intent (the sample written by hand wins)."""
    owner = {s: i["name"] for i in intents.values() for s in i["samples"]}
    for intent in intents.values():
        for sample in list(intent["samples"]):
            for variant in partner_variants(sample):
                mine = owner.setdefault(variant, intent["name"]) == intent["name"]
                if mine and variant not in intent["samples"]:
                    intent["samples"].append(variant)


def build_model(src: Path, content_dir: Path, locale: str) -> dict[str, Any]:
    intents: dict[str, dict[str, Any]] = {}
    more_samples: dict[str, list[str]] = {}
    more_synonyms: dict[str, dict[str, list[str]]] = {}
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
        # A fragment may add samples to another fragment's intent, or synonyms to its values.
        for name, samples in (frag.get("more_samples") or {}).items():
            more_samples.setdefault(name, []).extend(samples)
        for type_name, by_id in (frag.get("more_synonyms") or {}).items():
            for value_id, synonyms in by_id.items():
                more_synonyms.setdefault(type_name, {}).setdefault(value_id, []).extend(synonyms)
        extra = (frag.get("locales") or {}).get(locale) or {}
        for name, samples in (extra.get("samples") or {}).items():
            intents[name]["samples"].extend(samples)
        for type_name, by_id in (extra.get("synonyms") or {}).items():
            for value in types[type_name]["values"]:
                value["name"]["synonyms"].extend(by_id.get(value["id"], []))
    for name, samples in more_samples.items():
        if name not in intents:
            raise ValueError(f"more_samples names an undeclared intent {name}")
        intents[name]["samples"].extend(x for x in samples if x not in intents[name]["samples"])
    for type_name, by_id in more_synonyms.items():
        for value in types[type_name]["values"]:
            value["name"]["synonyms"].extend(by_id.get(value["id"], []))
    _add_partner_words(intents)
    _add_exercise_names(types, content_dir, locale)
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
