"""The check-in for two: its total guided time, what it answers, and that it captures nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from devtools.lint import estimates
from devtools.models import LOCALES
from skill.config import Settings
from skill.exercises import FLOWS
from skill.exercises.couple import (
    ANSWER_S,
    COMMANDS,
    COUPLE,
    DONE,
    TURN_OVERHEAD_S,
    TURNS,
    CoupleCheckIn,
)
from tests.support.routing import route, turn

ROOT = Path(__file__).resolve().parents[2]


def _guided_seconds(answer_s: float) -> float:
    alexa = sum(e.seconds for e in estimates(Settings(), "en-US") if e.flow == CoupleCheckIn.id)
    turns = len(TURNS) + 1  # "ready", then "done" after each answer
    return alexa + len(TURNS) * answer_s + turns * TURN_OVERHEAD_S


def test_every_spoken_part_is_timed_once() -> None:
    timed = [k for part in CoupleCheckIn.timed.values() for k in part.keys]
    assert set(TURNS) <= set(timed)
    assert {"couple_check_in.intro", "couple_check_in.ask_ready", "couple_check_in.close"} <= set(
        timed
    )
    assert timed.count("couple_check_in.pause") == 2  # before rounds two and three


def test_five_to_ten_minutes_when_each_partner_takes_about_forty_seconds() -> None:
    assert ANSWER_S == 40
    assert 5 * 60 <= _guided_seconds(ANSWER_S) <= 10 * 60


@pytest.mark.parametrize("answer_s", [20, 60])
def test_still_within_five_to_ten_minutes_for_shorter_and_longer_answers(answer_s: int) -> None:
    assert 5 * 60 <= _guided_seconds(answer_s) <= 10 * 60


@pytest.mark.parametrize("step", ["ready", "talk"])
@pytest.mark.parametrize(
    "intent",
    [
        DONE,
        "SkipIntent",
        "AMAZON.FallbackIntent",
        "AMAZON.YesIntent",
        "AMAZON.NoIntent",
        "FeelingIntent",
        "AppreciationMomentIntent",
        "CalmingIntent",
        "CheckInIntent",
    ],
)
def test_talk_between_partners_stays_with_the_flow(step: str, intent: str) -> None:
    assert route(turn(intent=intent, flow=CoupleCheckIn.id, step=step)) == "FlowStepHandler"


@pytest.mark.parametrize("intent", sorted(COMMANDS))
def test_commands_still_do_what_they_say(intent: str) -> None:
    assert route(turn(intent=intent, flow=CoupleCheckIn.id, step="talk")) != "FlowStepHandler"


@pytest.mark.parametrize(
    ("intent", "handler"),
    [
        ("AMAZON.StopIntent", "StopHandler"),
        ("AMAZON.CancelIntent", "CancelHandler"),
        ("AMAZON.HelpIntent", "HelpHandler"),
        ("AMAZON.RepeatIntent", "RepeatHandler"),
    ],
)
def test_built_ins_come_before_the_flow(intent: str, handler: str) -> None:
    assert route(turn(intent=intent, flow=CoupleCheckIn.id, step="talk")) == handler


def test_outside_the_flow_its_intents_are_not_taken() -> None:
    flow = FLOWS[CoupleCheckIn.id]
    assert not flow.accepts(None, DONE)
    assert not flow.accepts("elsewhere", DONE)


@pytest.mark.parametrize("locale", LOCALES)
def test_no_free_phrase_is_captured(locale: str) -> None:
    model = json.loads((ROOT / "intents" / f"{locale}.json").read_text("utf-8"))
    intents = {i["name"]: i for i in model["interactionModel"]["languageModel"]["intents"]}
    for name in (COUPLE, DONE):
        assert not intents[name].get("slots"), name


def test_the_listening_reply_is_a_short_silence_with_a_reprompt() -> None:
    from skill.content import load_catalog, speech_seconds, ssml_to_text

    cat = load_catalog(ROOT / "audio_scripts", "en")
    for key in ("couple_check_in.listening.ready", "couple_check_in.listening.talk"):
        (variant,) = cat.get(key).variants
        assert ssml_to_text(variant, pauses=False) == ""
        assert speech_seconds(variant) <= 1
        assert cat.has(f"{key}.reprompt")
    for key in TURNS:
        assert cat.has(f"{key}.reprompt"), key
