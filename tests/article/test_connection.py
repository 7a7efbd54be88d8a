"""Connection ideas: the data file and its content agree, and the choice of idea keeps its rules
(the time, the hour, never one of the last few given) for every combination."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from devtools.models import LOCALES
from skill.content import load_catalog, speech_seconds
from skill.exercises.connection import (
    AVOID_RECENT,
    LONGEST_IDEA,
    MAX_IDEAS,
    Connection,
    Idea,
    IdeaError,
    _remember,
    ideas_from_data,
    load_ideas,
    minutes_of,
    period_of,
    pick_idea,
)
from skill.state import Profile
from skill.turn import Slot
from tests.support.turns import CONTENT, make_turn

IDEAS = load_ideas(CONTENT / "en" / "connection.yaml")
PERIODS = ("morning", "afternoon", "evening")


def test_there_are_enough_ideas_of_every_kind_the_article_names() -> None:
    assert len(IDEAS) >= 30
    kinds = {i.kind for i in IDEAS}
    # meals, walks and shared hobbies; appreciation; being present without pressure
    assert {"meal", "walk", "hobby", "appreciation", "presence"} <= kinds


@pytest.mark.parametrize("locale", LOCALES)
def test_every_idea_has_words_and_every_idea_prompt_has_an_idea(locale: str) -> None:
    cat = load_catalog(CONTENT, locale)
    keys = {i.key for i in IDEAS}
    assert all(cat.has(k) for k in keys)
    spoken = {k for k in cat.prompts if k.startswith("connection.idea.")}
    assert spoken == keys


def test_the_longest_idea_is_the_one_timed() -> None:
    cat = load_catalog(CONTENT, "en-US")
    longest = max(speech_seconds(v) for v in cat.get(LONGEST_IDEA).variants)
    for idea in IDEAS:
        assert max(speech_seconds(v) for v in cat.get(idea.key).variants) <= longest, idea.id


@pytest.mark.parametrize("period", PERIODS)
def test_every_time_of_day_has_plenty_of_ideas_and_some_very_short_ones(period: str) -> None:
    fits = [i for i in IDEAS if i.suits(period)]  # type: ignore[arg-type]
    assert len(fits) > AVOID_RECENT + MAX_IDEAS
    assert sum(1 for i in fits if i.minutes <= 1) >= 3
    assert sum(1 for i in fits if i.minutes <= 5) >= 6


def test_the_loader_rejects_broken_data(tmp_path: Path) -> None:
    good = {"id": "a_walk", "minutes": 10, "when": ["evening"], "kind": "walk"}
    assert ideas_from_data({"ideas": [good]})[0].id == "a_walk"
    for bad in (
        {**good, "minutes": 0},
        {**good, "when": []},
        {**good, "when": ["midnight"]},
        {**good, "kind": "argument"},
        {**good, "id": "A Walk"},
        {**good, "extra": 1},
    ):
        with pytest.raises(IdeaError):
            Idea.from_data(bad)
    with pytest.raises(IdeaError, match="used twice"):
        ideas_from_data({"ideas": [good, good]})
    path = tmp_path / "connection.yaml"
    path.write_text(yaml.safe_dump({"prompts": {"x.y": "z"}}), "utf-8")
    with pytest.raises(IdeaError):
        load_ideas(path)


@pytest.mark.parametrize(
    ("value", "minutes"),
    [
        ("PT10M", 10),
        ("PT1H30M", 90),
        ("PT45S", 1),
        ("PT1M30S", 2),
        ("PT2H", 120),
        ("P1D", 1440),
        ("pt5m", 5),
        ("PT0S", None),
        ("P", None),
        ("ten minutes", None),
        ("", None),
        (None, None),
    ],
)
def test_minutes_of_a_duration(value: str | None, minutes: int | None) -> None:
    assert minutes_of(Slot("duration", value)) == minutes


@pytest.mark.parametrize(
    ("hour", "period"),
    [
        (0, "evening"),
        (4, "evening"),
        (5, "morning"),
        (11, "morning"),
        (12, "afternoon"),
        (16, "afternoon"),
        (17, "evening"),
        (23, "evening"),
    ],
)
def test_period_of_the_hour(hour: int, period: str) -> None:
    assert period_of(hour) == period


ids = [i.id for i in IDEAS]


@settings(max_examples=300, deadline=None)
@given(
    period=st.sampled_from(PERIODS),
    minutes=st.one_of(st.none(), st.integers(min_value=1, max_value=120)),
    avoid=st.lists(st.sampled_from(ids), max_size=AVOID_RECENT + MAX_IDEAS, unique=True),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_pick_idea_never_repeats_and_fits_the_time_and_the_hour_when_it_can(
    period: str, minutes: int | None, avoid: list[str], seed: int
) -> None:
    idea = pick_idea(IDEAS, period, minutes, set(avoid), random.Random(seed))  # type: ignore[arg-type]
    assert idea.id not in avoid
    fresh = [i for i in IDEAS if i.id not in avoid]
    fitting = [i for i in fresh if minutes is None or i.minutes <= minutes]
    if fitting:
        assert minutes is None or idea.minutes <= minutes
        if any(i.suits(period) for i in fitting):  # type: ignore[arg-type]
            assert idea.suits(period)  # type: ignore[arg-type]
    else:
        assert idea.minutes == min(i.minutes for i in fresh)


def test_pick_idea_repeats_only_when_every_idea_is_to_be_avoided() -> None:
    idea = pick_idea(IDEAS, "evening", None, set(ids), random.Random(3))
    assert idea in IDEAS


def test_remembering_an_idea_moves_it_last_and_keeps_the_list_bounded() -> None:
    p = Profile(consent="granted", recent_ideas=ids[:10])
    _remember(ids[3])(p)
    assert p.recent_ideas[-1] == ids[3]
    assert p.recent_ideas.count(ids[3]) == 1
    _remember(ids[20])(p)
    assert len(p.recent_ideas) == 10
    assert p.recent_ideas[-1] == ids[20]


def _first_idea(profile: Profile, seed: int) -> str:
    """The idea given for "a connection idea for one minute" at 19:00 UTC."""
    minute = {"duration": Slot("duration", "PT1M")}
    t = make_turn(intent="ConnectionIdeaIntent", slots=minute, profile=profile, seed=seed)
    assert t.hour == 19
    Connection().start(t)
    shown = t.session.data["shown"]
    assert len(shown) == 1
    return str(shown[0])


def test_recent_ideas_are_read_and_written_only_with_consent() -> None:
    # The evening ideas of one minute or less, all but one given lately.
    short = [i.id for i in IDEAS if i.minutes <= 1 and i.suits("evening")]
    recent = short[:-1]
    granted = [
        _first_idea(Profile(consent="granted", recent_ideas=recent), seed) for seed in range(40)
    ]
    assert set(granted) == {short[-1]}
    declined_profile = Profile(consent="declined", recent_ideas=recent)
    declined = {_first_idea(declined_profile, seed) for seed in range(40)}
    assert declined & set(recent), "without consent the remembered list must not be read"
    t = make_turn(intent="ConnectionIdeaIntent", profile=Profile(consent="declined"))
    Connection().start(t)
    assert t.profile.recent_ideas == []
    assert t.changes == []
    t = make_turn(intent="ConnectionIdeaIntent", profile=Profile(consent="granted"))
    Connection().start(t)
    assert t.profile.recent_ideas == t.session.data["shown"]
    assert len(t.changes) == 1


def test_a_run_never_gives_the_same_idea_twice() -> None:
    for seed in range(20):
        t = make_turn(intent="ConnectionIdeaIntent", profile=Profile(consent="declined"), seed=seed)
        flow = Connection()
        flow.start(t)
        for _ in range(MAX_IDEAS - 1):
            t.req = make_turn(intent="AnotherIdeaIntent").req
            flow.handle(t)
        shown = t.session.data["shown"]
        assert len(shown) == MAX_IDEAS == len(set(shown))
