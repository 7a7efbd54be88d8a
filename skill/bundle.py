"""Data validated at build time and shipped ready to load: one JSON file per kind and locale.

The sources stay YAML (``audio_scripts/``, ``skill/language/safety/rules/``) and are read and
checked by their own loaders, which tests and tools use. ``infra/build.py`` calls :func:`write`
on the staged tree: every loader validates its source there (a bad file fails the build), and
what it produced is written as JSON under ``skill/_bundle/``. At run time each loader asks
:func:`bundled` first. In the artifact the file is there: ``json.loads`` of what was already
validated, about a millisecond, no YAML parser. From the repository it is not (``_bundle/`` is
never committed), and the loader reads the YAML, so an edit is seen at once.

A bundle only stands for the sources it was built from: a loader pointed at another folder
(a test's, or ``STEADYHEART_CONTENT_DIR``) reads that folder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

BUNDLE_DIR = Path(__file__).resolve().parent / "_bundle"
DEFAULT_CONTENT_DIR = BUNDLE_DIR.parent.parent / "audio_scripts"
"""Where the content sits next to the package, in the repository and in the artifact."""


def bundled(name: str, source: Path, default: Path = DEFAULT_CONTENT_DIR) -> Any:
    """The bundle ``name`` when ``source`` is the folder it was built from and it exists."""
    if source != default:
        return None
    try:
        with (BUNDLE_DIR / f"{name}.json").open("rb") as f:
            return json.load(f)
    except FileNotFoundError:
        return None


def build(content_dir: Path = DEFAULT_CONTENT_DIR) -> dict[str, Any]:
    """Every bundle, from the sources, validated by their loaders (raises on any problem)."""
    from skill.content import catalog_data, catalog_locales, load_catalog
    from skill.language.safety import rules
    from skill.vocabulary import load_vocabulary, vocabulary_data

    out: dict[str, Any] = {}
    for locale in catalog_locales(content_dir):
        out[f"content.{locale}"] = catalog_data(load_catalog(content_dir, locale))
    out["vocabulary.en"] = vocabulary_data(load_vocabulary(content_dir / "en" / "vocabulary.yaml"))
    from skill.exercises.connection import ideas_data, load_ideas

    out["ideas.en"] = ideas_data(load_ideas(content_dir / "en" / "connection.yaml"))
    out["safety-rules"] = rules.ruleset_data(rules.load(rules.RULES_DIR))
    from skill.routing import FILE, load_routing, routing_data

    out["routing.en"] = routing_data(load_routing(content_dir / "en" / FILE))
    return out


def write(target: Path, content_dir: Path = DEFAULT_CONTENT_DIR) -> list[str]:
    """Write every bundle into ``target`` (``skill/_bundle`` of a staged tree); their names."""
    data = build(content_dir)
    target.mkdir(parents=True, exist_ok=True)
    for name, value in sorted(data.items()):
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (target / f"{name}.json").write_text(text, encoding="utf-8")
    return sorted(data)
