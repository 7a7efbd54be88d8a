"""Writing the data bundles (build time only; nothing at run time imports this module).

``infra/build.py`` runs :func:`write` with the staged tree on ``sys.path``; each loader checks
its source, and what it produced is written as JSON for :func:`skill.bundle.bundled`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from skill.bundle import DEFAULT_CONTENT_DIR
from skill.content import catalog_data, catalog_locales, load_catalog
from skill.exercises import BUNDLE as FLOWS_BUNDLE
from skill.exercises import flows_data
from skill.exercises.connection import ideas_data, load_ideas
from skill.language.safety import engine, rules
from skill.routing import FILE, load_routing, routing_data
from skill.vocabulary import VOCABULARY_FILE, load_vocabulary, vocabulary_data


def build(content_dir: Path = DEFAULT_CONTENT_DIR) -> dict[str, Any]:
    """Every bundle, from the sources, checked by their loaders (raises on any problem)."""
    out: dict[str, Any] = {}
    for locale in catalog_locales(content_dir):
        out[f"content.{locale}"] = catalog_data(load_catalog(content_dir, locale))
    english = content_dir / "en"
    out["vocabulary.en"] = vocabulary_data(load_vocabulary(english / VOCABULARY_FILE))
    out["ideas.en"] = ideas_data(load_ideas(english / "connection.yaml"))
    out["routing.en"] = routing_data(load_routing(english / FILE))
    out["safety-rules"] = rules.ruleset_data(rules.load(rules.RULES_DIR))
    out["safety-frames"] = engine.frame_patterns()
    # What the registry knows of every flow before importing any (skill/exercises/__init__.py).
    out[FLOWS_BUNDLE] = flows_data()
    return out


def write(target: Path, content_dir: Path = DEFAULT_CONTENT_DIR) -> list[str]:
    """Write every bundle into ``target`` (``skill/_bundle`` of a staged tree); their names."""
    data = build(content_dir)
    target.mkdir(parents=True, exist_ok=True)
    for name, value in sorted(data.items()):
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (target / f"{name}.json").write_text(text, encoding="utf-8")
    return sorted(data)
