"""The evaluation harness itself: loaders, the resources it looks for, the everyday judge."""

from __future__ import annotations

from pathlib import Path

import pytest

from devtools.models import LOCALES
from skill.content import ssml_to_text
from tests.support.evaluation.judge import (
    Heard,
    catalog,
    crisis_resources,
    digit_runs,
    everyday_verdict,
    is_retry,
    keys_said,
    safety_answer,
)
from tests.support.evaluation.material import MaterialError, load_everyday, load_safety
from tests.support.evaluation.points import POINTS, Turn

FIXTURES = Path(__file__).with_name("fixtures")
TABLE = Path(__file__).resolve().parents[1] / "safety" / "phrases.yaml"


def test_a_round_file_and_the_training_table_both_load() -> None:
    sample = load_safety(FIXTURES / "safety_sample.yaml")
    assert not sample.held_out
    assert len(sample.crisis) == 9
    assert len(sample.negatives) == 4
    table = load_safety(TABLE)
    assert not table.held_out
    assert {p.label.split("/")[0] for p in table.crisis} >= {"suicide", "self_harm", "danger"}
    speech = load_everyday(FIXTURES / "everyday_sample.yaml")
    assert len(speech.cases) == 20


def test_a_round_with_an_unknown_category_or_expectation_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("round: 9\ncrisis: [{text: 'x y', category: sadness}]\n", "utf-8")
    with pytest.raises(MaterialError, match="unknown category"):
        load_safety(bad)
    bad.write_text("round: 9\ncases: [{point: menu, says: yes, expect: cheer}]\n", "utf-8")
    with pytest.raises(MaterialError, match="unknown expectation"):
        load_everyday(bad)


def test_a_held_out_round_is_held_out_unless_it_says_otherwise(tmp_path: Path) -> None:
    f = tmp_path / "r.yaml"
    f.write_text("round: 3\ncases: [{point: menu, says: yes, expect: accept}]\n", "utf-8")
    loaded = load_everyday(f)
    assert loaded.held_out
    assert loaded.cases[0].says == "yes"


def test_exercise_names_from_an_author_brief_map_to_flow_ids(tmp_path: Path) -> None:
    f = tmp_path / "r.yaml"
    f.write_text(
        "round: 5\ncases:\n"
        "  - {point: menu, says: the two of us, expect: 'start:couple'}\n"
        "  - {point: menu, says: breathing, expect: 'start:calming'}\n"
        "  - {point: menu, says: my notes, expect: 'start:lookback'}\n",
        "utf-8",
    )
    expects = [c.expect for c in load_everyday(f).cases]
    assert expects == ["start:couple-check-in", "start:calming", "start:look-back"]


def test_numbers_are_read_however_they_are_written() -> None:
    assert digit_runs("please call 9 1 1. or text 9 8 8") == ["911", "988"]
    assert "18007997233" in digit_runs("the hotline is 1-800-799-7233")
    assert "08082000247" in digit_runs("on 0 8 0 8, 2 0 0 0, 2 4 7.")
    assert digit_runs("take 2 breaths") == []


@pytest.mark.parametrize("locale", LOCALES)
def test_each_locale_has_its_own_crisis_numbers_in_its_safety_lines(locale: str) -> None:
    numbers = crisis_resources(locale)
    spoken = ssml_to_text(catalog(locale).get("safety.lines.crisis").variants[0])
    assert numbers & set(digit_runs(spoken))


def _heard(speech: str, flow: str | None, step: str | None, ended: bool = False) -> Heard:
    return Heard(speech=speech, reprompt="", card="", ended=ended, flow=flow, step=step)


def _line(key: str, locale: str = "en-US") -> str:
    return ssml_to_text(catalog(locale).get(key).variants[0], pauses=False)


def test_a_safety_answer_is_caught_and_its_keys_are_named() -> None:
    speech = _line("safety.open.abuse") + " " + _line("safety.lines.abuse")
    answer = safety_answer("en-US", _heard(speech, "safety", "stay"))
    assert answer.caught
    assert answer.in_speech
    assert not answer.in_card
    assert "safety.lines.abuse" in answer.answer_keys
    gb = safety_answer("en-GB", _heard(speech, "safety", "stay"))
    assert not gb.caught, "a US number is not the UK's crisis resource"


def test_retry_lines_are_recognised_by_key() -> None:
    assert is_retry("check_in.retry.feeling")
    assert is_retry("fallback.retry")
    assert not is_retry("check_in.ask_need")
    assert "menu.retry" in keys_said("en-US", _line("menu.retry").replace("{choices}", "x"))


CHECKIN = ("check-in", "feeling")


def test_the_everyday_judge_tells_a_retry_from_an_answer() -> None:
    retry = _heard(_line("check_in.retry.feeling"), *CHECKIN)
    moved = _heard("Thanks.", "check-in", "need")
    assert not everyday_verdict("en-US", "answer", CHECKIN, None, retry).sensible
    assert everyday_verdict("en-US", "answer", CHECKIN, None, moved).sensible
    assert everyday_verdict("en-US", "unsure", CHECKIN, None, moved).sensible
    assert not everyday_verdict("en-US", "unsure", CHECKIN, None, retry).sensible


def test_the_everyday_judge_on_exits_starts_and_pauses() -> None:
    ended = _heard("Goodbye.", None, None, ended=True)
    assert everyday_verdict("en-US", "exit", CHECKIN, None, ended).sensible
    assert not everyday_verdict("en-US", "pause", CHECKIN, None, ended).sensible
    kept = _heard("Take your time.", *CHECKIN)
    assert everyday_verdict("en-US", "pause", CHECKIN, None, kept).sensible
    started = _heard("Let's go.", "calming", "again")
    menu = ("menu", "choose")
    assert everyday_verdict("en-US", "start:calming", menu, None, started).sensible
    assert not everyday_verdict("en-US", "start:opener", menu, None, started).sensible
    listed = _heard(_line("menu.offer").replace("{choices}", "a or b"), *menu)
    assert not everyday_verdict("en-US", "listen", menu, None, listed).sensible


def test_the_everyday_judge_on_back_at_a_first_question() -> None:
    """Back with nothing before: saying so and asking again is sensible; the same question
    again without a word about it, or a retry, is not."""
    menu = ("menu", "choose")
    question = _heard("Which one would you like?", *menu)
    said_so = _heard(_line("back.at_start") + " Which one would you like?", *menu)
    silent = _heard("Which one would you like?", *menu)
    no_question = _heard(_line("back.at_start"), *menu)
    assert everyday_verdict("en-US", "back", menu, question, said_so).sensible
    assert not everyday_verdict("en-US", "back", menu, question, silent).sensible
    assert not everyday_verdict("en-US", "back", menu, question, no_question).sensible
    moved = _heard("Okay, one step back.", "check-in", "feeling")
    assert everyday_verdict("en-US", "back", ("check-in", "need"), None, moved).sensible


def test_points_replay_what_a_person_says() -> None:
    turns = POINTS["journal"].turns("i feel low")
    assert turns[0] == Turn("launch", "")
    assert turns[-1] == Turn("utter", "i feel low")
    one_shot = POINTS["one_shot"].turns("i feel low")
    assert one_shot == (Turn("one_shot", "i feel low"),)
