"""Writing the data bundles (build time only; nothing at run time imports this module).

``infra/build.py`` runs :func:`write` with the staged tree on ``sys.path``; each loader checks
its source, and what it produced is written as JSON for :func:`skill.bundle.bundled`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import botocore
from botocore.loaders import create_loader

from skill.bundle import AWS_DIR, DEFAULT_CONTENT_DIR
from skill.content import catalog_data, catalog_locales, load_catalog
from skill.exercises import BUNDLE as FLOWS_BUNDLE
from skill.exercises import flows_data
from skill.exercises.connection import ideas_data, load_ideas
from skill.language.safety import engine, rules
from skill.routing import FILE, load_routing, routing_data
from skill.storage.dynamodb import OPERATIONS
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


DYNAMODB_SERVICE = "dynamodb"


def aws_models() -> dict[str, Any]:
    """botocore's data files a DynamoDB client parses on every cold start, cut to what the
    store calls (decision 0062), keyed by their path under ``_bundle/aws/``: the endpoints file
    with only DynamoDB's entry in each partition (1.3 MB -> about 10 kB), and DynamoDB's model
    with only :data:`skill.storage.dynamodb.OPERATIONS` and the shapes they reach, each
    unchanged. The botocore whose data is cut is the one importable here: the staged
    dependencies in the build, the environment's (same pins) for the bench's source tree."""
    loader = create_loader()
    endpoints = loader.load_data("endpoints")
    for partition in endpoints["partitions"]:
        partition["services"] = {
            k: v for k, v in partition["services"].items() if k == DYNAMODB_SERVICE
        }
    version = loader.determine_latest_version(DYNAMODB_SERVICE, "service-2")
    model = loader.load_service_model(DYNAMODB_SERVICE, "service-2", version)
    missing = OPERATIONS - set(model["operations"])
    if missing:
        raise ValueError(f"botocore's DynamoDB model lacks {sorted(missing)}")
    operations = {k: v for k, v in model["operations"].items() if k in OPERATIONS}
    reached: set[str] = set()
    todo = [
        ref["shape"]
        for op in operations.values()
        for ref in (op.get("input"), op.get("output"), *op.get("errors", []))
        if ref
    ]
    while todo:
        name = todo.pop()
        if name in reached:
            continue
        reached.add(name)
        shape = model["shapes"][name]
        todo += [m["shape"] for m in shape.get("members", {}).values()]
        todo += [shape[k]["shape"] for k in ("member", "key", "value") if k in shape]
    cut = {
        **model,
        "operations": operations,
        "shapes": {k: v for k, v in model["shapes"].items() if k in reached},
    }
    return {
        "endpoints.json": endpoints,
        f"{DYNAMODB_SERVICE}/{version}/service-2.json": cut,
        "botocore.json": {"version": botocore.__version__},
    }


def write(target: Path, content_dir: Path = DEFAULT_CONTENT_DIR) -> list[str]:
    """Write every bundle into ``target`` (``skill/_bundle`` of a staged tree); their names."""
    data = build(content_dir)
    target.mkdir(parents=True, exist_ok=True)
    for name, value in sorted(data.items()):
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (target / f"{name}.json").write_text(text, encoding="utf-8")
    aws = aws_models()
    for rel, value in sorted(aws.items()):
        path = target / AWS_DIR / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value, separators=(",", ":")), encoding="utf-8")
    return sorted([*data, *(f"{AWS_DIR}/{rel.removesuffix('.json')}" for rel in aws)])
