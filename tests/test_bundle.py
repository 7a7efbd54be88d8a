"""The build's data bundles (skill/bundle.py) say exactly what the YAML sources say.

The artifact loads content, vocabulary, connection ideas and safety rules from JSON written at
build time; these tests write the bundles from the repository's sources, point the loaders at
them and compare every object with the one read from the YAML.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from skill import bundle, bundle_build
from skill.content import catalog_for, catalog_locales, load_catalog
from skill.exercises import EXERCISES, REGISTRY, START_INTENTS, connection, flows_data
from skill.language.safety import rules
from skill.routing import load_routing
from skill.vocabulary import load_vocabulary

ROOT = Path(__file__).resolve().parents[1]
CONTENT = bundle.DEFAULT_CONTENT_DIR
VOCABULARY = CONTENT / "en" / "vocabulary.yaml"
IDEAS = CONTENT / "en" / "connection.yaml"
ROUTING = CONTENT / "en" / "routing.yaml"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("bundle")
    names = bundle_build.write(target)
    assert names == sorted(
        str(p.relative_to(target).with_suffix("")) for p in target.rglob("*.json")
    )
    return target


@pytest.fixture
def from_bundle(written: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(bundle, "BUNDLE_DIR", written)
    catalog_for.cache_clear()
    yield
    catalog_for.cache_clear()


def test_the_repository_has_no_bundle_so_edits_are_seen_at_once() -> None:
    assert not bundle.BUNDLE_DIR.exists()
    assert bundle.bundled("vocabulary.en", CONTENT) is None


def test_every_locale_catalog_is_the_one_the_yaml_gives(from_bundle: None) -> None:
    locales = catalog_locales(CONTENT)
    assert "en-US" in locales
    assert "en" in locales
    for locale in locales:
        assert catalog_for(CONTENT, locale) == load_catalog(CONTENT, locale), locale


def test_a_locale_without_a_folder_falls_back_as_the_yaml_does(from_bundle: None) -> None:
    assert catalog_for(CONTENT, "en-NZ").prompts == load_catalog(CONTENT, "en-NZ").prompts


def test_vocabulary_ideas_and_rules_are_the_ones_the_yaml_gives(
    written: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_yaml = (
        load_vocabulary(VOCABULARY),
        connection.load_ideas(IDEAS),
        rules.load(),
        load_routing(ROUTING),
    )
    monkeypatch.setattr(bundle, "BUNDLE_DIR", written)
    from_json = (
        load_vocabulary(VOCABULARY),
        connection.load_ideas(IDEAS),
        rules.load(),
        load_routing(ROUTING),
    )
    assert from_json[0].feelings == from_yaml[0].feelings
    assert from_json[0].needs == from_yaml[0].needs
    assert from_json[0].vague == from_yaml[0].vague
    assert from_json[0].find_feeling("i feel a bit down") == from_yaml[0].find_feeling("down")
    assert from_json[1] == from_yaml[1]
    assert from_json[2] == from_yaml[2]
    assert from_json[3] == from_yaml[3]


def test_a_bundle_stands_only_for_the_folder_it_was_built_from(
    written: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(bundle, "BUNDLE_DIR", written)
    assert bundle.bundled("content.en", CONTENT) is not None
    assert bundle.bundled("content.en", tmp_path) is None
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "core.yaml").write_text('prompts:\n  a.b: "Only here."\n', "utf-8")
    assert load_catalog(tmp_path, "en").get("a.b").variants == ("Only here.",)
    catalog_for.cache_clear()
    assert catalog_for(tmp_path, "en").has("a.b")
    catalog_for.cache_clear()


def test_a_broken_source_fails_the_bundle(tmp_path: Path) -> None:
    for folder in ("en", "en-US"):
        (tmp_path / folder).mkdir()
    (tmp_path / "en" / "core.yaml").write_text('prompts:\n  a.b: "<blink>x</blink>"\n', "utf-8")
    with pytest.raises(ValueError, match="blink"):
        bundle_build.build(tmp_path)


def test_the_build_stages_sources_with_their_bundles(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "infra"))
    try:
        import build
    finally:
        sys.path.remove(str(ROOT / "infra"))
    names = build.stage_sources(tmp_path)
    folder = tmp_path.joinpath(*build.BUNDLE_PACKAGE_DIR)
    assert names == sorted(
        str(p.relative_to(folder).with_suffix("")) for p in folder.rglob("*.json")
    )
    assert {"content.en-US", "vocabulary.en", "ideas.en", "routing.en", "safety-rules"} <= set(
        names
    )
    assert "aws/endpoints" in names  # botocore's data cut for the store (decision 0062)
    staged = json.loads((folder / "content.en-US.json").read_text("utf-8"))
    assert staged == {
        k: list(v.variants) for k, v in load_catalog(CONTENT, "en-US").prompts.items()
    }


def test_the_staged_tree_loads_its_bundle_without_yaml(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "infra"))
    try:
        import build
    finally:
        sys.path.remove(str(ROOT / "infra"))
    build.stage_sources(tmp_path)
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "from skill.content import catalog_for\n"
        "from skill.bundle import DEFAULT_CONTENT_DIR as d\n"
        "from skill.vocabulary import load_vocabulary\n"
        "from skill.language.safety import screen\n"
        "assert catalog_for(d, 'en-GB').has('error.apology')\n"
        "assert load_vocabulary(d / 'en' / 'vocabulary.yaml').find_feeling('lonely')\n"
        "screen('i feel fine')\n"
        "assert 'yaml' not in sys.modules, 'yaml was imported'\n"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr


def test_the_flows_bundle_is_what_the_flow_classes_declare(written: Path) -> None:
    """The registry's knowledge of every flow before importing any (decision 0044)."""
    data = json.loads((written / "flows.json").read_text("utf-8"))
    assert data == flows_data()
    assert tuple(data["exercises"]) == EXERCISES
    assert data["start_intents"] == dict(START_INTENTS)
    assert frozenset(data["answer_intents"]) == REGISTRY.answer_intents
    assert data["groups"] == dict(REGISTRY.groups)


def test_a_flow_listed_under_another_id_fails_the_bundle() -> None:
    with pytest.raises(ValueError, match="calming"):
        flows_data((("grounding", "calming", "Calming"),))
