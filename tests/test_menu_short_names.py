"""The whole menu speaks short names (to stay under the turn-length limit): each one, said back,
starts the exercise it names."""

from __future__ import annotations

import pytest

from skill.exercises import EXERCISES, START_INTENTS
from skill.exercises.menu import short_key
from tests.support.conversation import catalog, resolver


@pytest.mark.parametrize("flow_id", EXERCISES)
def test_a_short_name_said_back_starts_its_exercise(flow_id: str) -> None:
    for name in catalog("en-US").get(short_key(flow_id)).variants:
        intent = resolver("en-US").resolve(name).intent
        found = START_INTENTS.get(intent["name"])
        if found is None:
            slot = (intent.get("slots") or {}).get("exercise") or {}
            per = slot.get("resolutions", {}).get("resolutionsPerAuthority", [{}])
            values = per[0].get("values") or [{}]
            found = values[0].get("value", {}).get("id")
        assert found == flow_id, f"{name!r} -> {intent['name']} ({found})"
