"""The article exercises' phrases reach their own intents through the project's model: no other
exercise's samples take them, and they take nobody else's."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from devtools.nlu import Resolver
from tests.support.turns import ROOT

FRAGMENTS = ("connection", "selfcare", "boundaries", "professional", "staying")
SLOT_EXAMPLES = {
    "duration": "ten minutes",
    "reflection": "i miss the way we used to laugh",
    "answer": "being ignored for days",
}


def _samples() -> list[tuple[str, str]]:
    found = []
    for name in FRAGMENTS:
        data = yaml.safe_load((ROOT / "intents" / "src" / f"{name}.yaml").read_text("utf-8"))
        for intent in data["intents"]:
            for sample in intent["samples"]:
                text = sample
                for slot, example in SLOT_EXAMPLES.items():
                    text = text.replace("{" + slot + "}", example)
                found.append((intent["name"], text))
    return found


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver.from_file(Path(ROOT) / "intents" / "en-US.json", skill_id="test")


@pytest.mark.parametrize(("intent", "text"), _samples())
def test_each_sample_reaches_its_intent(resolver: Resolver, intent: str, text: str) -> None:
    assert resolver.resolve(text).intent["name"] == intent


@pytest.mark.parametrize("name", FRAGMENTS)
def test_every_intent_has_at_least_15_samples(name: str) -> None:
    data = yaml.safe_load((ROOT / "intents" / "src" / f"{name}.yaml").read_text("utf-8"))
    for intent in data["intents"]:
        assert len(intent["samples"]) >= 15, intent["name"]


@pytest.mark.parametrize(
    ("text", "intent", "exercise"),
    [
        ("self care", "StartExerciseIntent", "self-care"),
        ("look after myself", "StartExerciseIntent", "self-care"),
        ("boundaries", "StartExerciseIntent", "boundaries"),
        ("counselling", "StartExerciseIntent", "professional-help"),
        ("therapy", "StartExerciseIntent", "professional-help"),
        ("should i stay or go", "StayOrLeaveIntent", None),
        ("start staying or leaving", "StartExerciseIntent", "staying-or-leaving"),
        ("let's do a connection idea", "StartExerciseIntent", "connection"),
        # Words other exercises rely on stay theirs.
        ("connection", "NeedIntent", None),
        # "i don't know" was a vague feeling, so at the menu it restarted the check-in (issue 17).
        ("i don't know", "UnsureIntent", None),
        ("not sure", "UnsureIntent", None),
        ("i'm torn", "FeelingIntent", None),
        ("another one", "AnotherRoundIntent", None),
    ],
)
def test_names_people_say(resolver: Resolver, text: str, intent: str, exercise: str | None) -> None:
    found = resolver.resolve(text).intent
    assert found["name"] == intent
    if exercise is not None:
        values = found["slots"]["exercise"]["resolutions"]["resolutionsPerAuthority"][0]["values"]
        assert values[0]["value"]["id"] == exercise
