"""audio_scripts/en/routing.yaml: validated at load, and every id in it is a real one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from skill.exercises import EXERCISES, FLOWS
from skill.exercises.menu import GROUPS
from skill.routing import RoutingError, load_routing
from skill.vocabulary import load_vocabulary, vague_slot_id

ROOT = Path(__file__).resolve().parents[1]
PATH = ROOT / "audio_scripts" / "en" / "routing.yaml"
ROUTING = load_routing(PATH)
VOCAB = load_vocabulary(ROOT / "audio_scripts" / "en" / "vocabulary.yaml")


def test_every_exercise_named_is_a_registered_exercise() -> None:
    named = ROUTING.next_steps | set(ROUTING.menu.groups) | ROUTING.menu.on_request
    assert named <= set(EXERCISES)


def test_every_feeling_and_need_is_in_the_vocabulary() -> None:
    for name, ids in ROUTING.families.items():
        assert ids, name
        assert all(VOCAB.feeling_by_id(i) is not None for i in ids), name
    assert all(VOCAB.need_by_id(n) is not None for n in ROUTING.next_step.by_need)


def test_vague_leans_are_vague_words() -> None:
    vague = {vague_slot_id(w) for w in VOCAB.vague}
    assert set(ROUTING.lean) <= vague
    assert len(ROUTING.lean) == len(ROUTING.vague_lean.pleasant) + len(
        ROUTING.vague_lean.unpleasant
    )


def test_menu_groups_are_said_groups() -> None:
    assert set(ROUTING.menu.groups.values()) <= set(GROUPS)
    # Every exercise has a group, from its flow or from routing.yaml.
    assert all(FLOWS[e].group or e in ROUTING.menu.groups for e in EXERCISES)


def _raw() -> dict[str, Any]:
    data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda d: d["families"]["opener"].append("tense"), "calming and opener families"),
        (lambda d: d["next_step"]["by_quadrant"].update(sideways=["calming"]), "quadrant"),
        (lambda d: d["next_step"]["by_need"].update(rest="Self Care"), "kebab-case"),
        (lambda d: d["vague_lean"]["pleasant"].append("bad"), "both sides"),
        (lambda d: d["next_step"]["by_family"].update(sad=["calming"]), "unknown families"),
        (lambda d: d["menu"].update(extra=1), "unknown keys"),
    ],
)
def test_the_loader_refuses_broken_routing(tmp_path: Path, change: Any, why: str) -> None:
    data = _raw()
    change(data)
    path = tmp_path / "routing.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(RoutingError, match=why):
        load_routing(path)
