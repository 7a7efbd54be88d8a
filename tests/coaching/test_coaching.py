"""The coaching checkers (skill/language/coaching.py) against their labelled tables, the
content they rely on, and the spoken limits of the calming, opener and validation exercises."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from devtools.models import LOCALES
from skill.content import (
    MAX_BREAK_S,
    MAX_SPEECH_CHARS,
    break_seconds,
    load_catalog,
    speech_seconds,
    ssml_to_text,
)
from skill.exercises.validation import SCENARIOS, next_scenario
from skill.language.coaching import (
    BLAME_ORDER,
    PROBLEM_ORDER,
    check_opener,
    check_reply,
    normalise,
    rewrite,
    shape_thing,
)
from skill.language.safety import screen
from tests.support.conversation import Conversation

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
CONTENT = ROOT / "audio_scripts"


def _rows(name: str, key: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = yaml.safe_load((HERE / name).read_text("utf-8"))[key]
    return rows


BLAME = _rows("blame_phrases.yaml", "phrases")
REPLIES = _rows("validation_phrases.yaml", "replies")
BLAME_HELDOUT = _rows("blame_heldout.yaml", "phrases")
REPLY_HELDOUT = _rows("validation_heldout.yaml", "replies")


# --- the tuning tables: 100% -----------------------------------------------------------------
def test_tables_are_big_enough_and_cover_every_label() -> None:
    assert len(BLAME) >= 50
    assert len(REPLIES) >= 50
    assert {r["label"] for r in BLAME} == {"clean", *BLAME_ORDER}
    assert {r["label"] for r in REPLIES} == {"validating", "unclear", *PROBLEM_ORDER}
    assert sum(r["label"] == "clean" for r in BLAME) >= 15


@pytest.mark.parametrize("row", BLAME, ids=lambda r: r["text"][:40])
def test_blame_table(row: dict[str, Any]) -> None:
    check = check_opener(row["text"])
    got = check.main.category if check.main else "clean"
    assert got == row["label"], [(f.category, f.phrase) for f in check.findings]
    assert set(row.get("also", [])) <= set(check.categories)
    if check.main:
        # The phrase named in the feedback is words the person said.
        assert check.main.phrase in normalise(row["text"])


@pytest.mark.parametrize("row", REPLIES, ids=lambda r: r["text"][:40])
def test_validation_table(row: dict[str, Any]) -> None:
    check = check_reply(row["text"])
    assert check.verdict == row["label"], (check.main, check.problems)
    mixed = bool(check.validating) and check.verdict != "validating"
    assert mixed == bool(row.get("mixed")), check.validating


# --- held-out sets: measured, reported, held to what matters most -----------------------------
def test_blame_heldout_report(capsys: pytest.CaptureFixture[str]) -> None:
    tp = fp = fn = tn = category_right = 0
    for row in BLAME_HELDOUT:
        check = check_opener(row["text"])
        flagged, blaming = not check.clean, row["label"] == "blaming"
        tp += flagged and blaming
        fp += flagged and not blaming
        fn += blaming and not flagged
        tn += not blaming and not flagged
        if flagged and blaming and check.main and check.main.category == row["category"]:
            category_right += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn)
    with capsys.disabled():
        print(
            f"\nblame held-out ({len(BLAME_HELDOUT)}): precision {precision:.2f}, "
            f"recall {recall:.2f}, category right {category_right}/{tp}"
        )
    # Flagging a gentle opener as blame is the costly mistake: it must stay rare.
    assert precision >= 0.9
    assert recall >= 0.3


def test_validation_heldout_report(capsys: pytest.CaptureFixture[str]) -> None:
    exact = praised = praised_right = problems_named = problems_right = 0
    validating = problems = 0
    for row in REPLY_HELDOUT:
        verdict = check_reply(row["text"]).verdict
        exact += verdict == row["label"]
        validating += row["label"] == "validating"
        problems += row["label"] in PROBLEM_ORDER
        if verdict == "validating":
            praised += 1
            praised_right += row["label"] == "validating"
        elif verdict != "unclear":
            problems_named += 1
            problems_right += verdict == row["label"]
    with capsys.disabled():
        print(
            f"\nvalidation held-out ({len(REPLY_HELDOUT)}): exact {exact}/{len(REPLY_HELDOUT)}; "
            f"validating: precision {praised_right}/{praised}, recall {praised_right}/{validating}"
            f"; problems: precision {problems_right}/{problems_named}, "
            f"recall {problems_right}/{problems}"
        )
    # Praising a reply that fixes, minimises, defends or turns away is the costly mistake.
    assert praised_right == praised
    assert problems_right >= 0.9 * problems_named
    assert exact >= len(REPLY_HELDOUT) // 3


# --- pure helpers -------------------------------------------------------------------------------
def test_normalise_straightens_and_strips() -> None:
    assert (
        normalise("Oh, GREAT \u2014 you\u2019re late\u2026 again!") == "oh great you're late again"
    )
    assert normalise("youre ALWAYS late") == "you're always late"


def test_negation_cancels_blame_but_not_generalising() -> None:
    assert check_opener("it's not your fault").clean
    assert check_opener("i don't think you're selfish").clean
    assert not check_opener("you're selfish").clean


def test_strengths_of_a_gentle_opener() -> None:
    full = check_opener("i've been feeling lonely and i need time together")
    assert full.clean
    assert full.i_statement
    assert full.names_need
    bare = check_opener("the evenings", whole=False)
    assert bare.clean
    assert not bare.i_statement
    assert not bare.names_need
    # Said as a whole opener, a bare noun phrase does not work as one.
    assert check_opener("the evenings").categories == ("broken",)
    assert check_opener("i'm lonely", feeling_words=["lonely"]).i_statement
    assert check_opener(None).clean


SHAPES = _rows("opener_shapes.yaml", "rows")


def built_opener(cat: Any, row: dict[str, Any], question: int = 0) -> str:
    """The opener as the flow renders it (skill/exercises/opener.py), as spoken text."""
    parts = rewrite(
        row["feeling"], row["thing"], row["need"], clause_hint=row["carrier"] == "clause"
    )
    key = "opener.template_clause" if parts.shape == "clause" else "opener.template"
    thing = parts.thing
    if parts.shape == "general":
        thing = cat.get("opener.thing_general").variants[0]
    curious = cat.get("opener.curious").variants
    template = cat.get(key).variants[0]
    ssml = template.format(
        feeling=parts.feeling,
        thing=thing,
        need=parts.need,
        question=curious[question % len(curious)],
    )
    return ssml_to_text(ssml)


@pytest.mark.parametrize("row", SHAPES, ids=lambda r: f"{r['carrier']}: {r['thing']}")
def test_opener_for_every_input_shape(row: dict[str, Any]) -> None:
    cat = load_catalog(CONTENT, "en")
    spoken = built_opener(cat, row)
    assert spoken.startswith(row["want"]), spoken
    # Said to the partner: no third person left, and a curious question at the end.
    assert not re.search(r"\b(?:he|she|him|his|hers|he's|she's)\b", spoken, re.IGNORECASE)
    assert spoken.rstrip().endswith("?")
    assert check_opener(spoken).clean, check_opener(spoken).findings


def test_the_closing_question_varies() -> None:
    cat = load_catalog(CONTENT, "en")
    row = SHAPES[0]
    questions = {built_opener(cat, row, n).removeprefix(row["want"]).strip() for n in range(8)}
    assert len(questions) >= 3
    assert "Is everything okay?" in questions


@pytest.mark.parametrize(
    ("thing", "hint", "shape"),
    [
        ("our evenings lately", True, "noun"),
        ("we barely talk", False, "clause"),
        ("how he looks at his phone", False, "noun"),
        ("him working late", False, "noun"),
        ("him", False, "general"),
        ("the house is a mess", False, "clause"),
    ],
)
def test_shape_thing(thing: str, hint: bool, shape: str) -> None:
    assert shape_thing(thing, hint)[0] == shape


def test_rewrite_keeps_the_persons_words() -> None:
    r = rewrite("Lonely", "It's about our evenings.", "Time together")
    assert (r.shape, r.feeling, r.thing, r.need) == (
        "noun",
        "lonely",
        "our evenings",
        "time together",
    )


# --- content the flows name by category ---------------------------------------------------------
@pytest.fixture(scope="module")
def en() -> Any:
    return load_catalog(CONTENT, "en")


def test_every_category_has_feedback(en: Any) -> None:
    for category in BLAME_ORDER:
        assert en.has(f"opener.feedback.{category}")
    for verdict in ("validating", "unclear", *PROBLEM_ORDER):
        assert en.has(f"validation.feedback.{verdict}")


def test_scenarios(en: Any) -> None:
    assert len(SCENARIOS) >= 8
    lines = set()
    for s in SCENARIOS:
        line = ssml_to_text(en.get(f"validation.scenario.{s}.line").variants[0])
        model = ssml_to_text(en.get(f"validation.scenario.{s}.model").variants[0])
        lines.add(line)
        # The partner's line is everyday sadness or stress, never a crisis.
        assert screen(line) is None, line
        # Every model reply is itself judged validating.
        assert check_reply(model).verdict == "validating", (s, model)
    assert len(lines) == len(SCENARIOS)


def test_next_scenario_never_repeats_and_plays_unseen_first() -> None:
    import random

    rng = random.Random(7)
    seen: list[str] = []
    for n in range(60):
        pick = next_scenario(seen, rng.randrange(100))
        if seen:
            assert pick != seen[-1]
        if n < len(SCENARIOS):
            assert pick not in seen
        seen = [*seen, pick][-len(SCENARIOS) :]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_names_a_domestic_abuse_line(locale: str) -> None:
    cat = load_catalog(CONTENT, locale)
    spoken = ssml_to_text(cat.get("opener.resources").variants[0])
    card = ssml_to_text(cat.get("opener.card.body").variants[0])
    if locale != "en":
        assert spoken != ssml_to_text(
            load_catalog(CONTENT, "en").get("opener.resources").variants[0]
        )
    assert re.search(r"\d", spoken)
    assert re.search(r"\d", card)


# --- breathing pace and Alexa's limits ----------------------------------------------------------
def _breaks(ssml: str) -> list[float]:
    return [break_seconds(m) for m in re.findall(r'<break time="([^"]+)"/>', ssml)]


def test_paced_round_is_about_six_breaths_a_minute(en: Any) -> None:
    # Spoken cues ("in", "and out") take about a second per breath, so the pauses are 3.5 s in
    # and 5.5 s out: about 10 s a breath, six breaths a minute (research.md), out longer than in.
    for v in en.get("calming.round").variants:
        assert _breaks(v) == [3.5, 5.5] * 6
        assert 56 <= speech_seconds(v) <= 64


def test_sighing_round_breathes_out_about_twice_as_long_as_in(en: Any) -> None:
    for v in en.get("calming.sigh_round").variants:
        b = _breaks(v)
        assert len(b) % 3 == 0
        assert len(b) >= 9
        for i in range(0, len(b), 3):
            inhale, exhale = b[i] + b[i + 1], b[i + 2]
            assert 1.5 <= exhale / inhale <= 2.5


def _check_limits(speech: str, ssml: str) -> None:
    assert len(f"<speak>{ssml}</speak>") < MAX_SPEECH_CHARS
    assert all(b <= MAX_BREAK_S for b in _breaks(ssml))
    assert speech_seconds(ssml) < 240, speech


SCRIPTS = {
    "calming": ["help me breathe", "yes", "the sighing one", "no"],
    "calming sighing first": ["can we do the sighing one", "another round", "yes", "yes"],
    "opener": [
        "help me start a hard conversation",
        "yes",
        "lonely",
        "it's about the evenings on our phones",
        "time together",
        "yes",
        "i'd say you never listen and you're so selfish, whatever",
        "yes",
        "i'd say i've been feeling lonely and i'd love some time together",
        "yes",
        "i'd say could we eat together without phones",
    ],
    "opener not safe": ["help me start a hard conversation", "no", "no"],
    "validation": [
        "validation practice",
        "i'd say you should just quit",
        "yes",
        "i'd say that sounds hard, i'm here",
        "yes",
        "i'd say that sounds hard but i'm stressed too",
        "no",
    ],
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("script", SCRIPTS, ids=str)
def test_every_response_is_within_alexas_limits(locale: str, script: str) -> None:
    conv = Conversation(locale=locale)
    conv.seed({"profile": {"consent": "granted"}})
    for said in SCRIPTS[script]:
        ex = conv.say(f"ask steady heart to {said}" if said == SCRIPTS[script][0] else said)
        ssml = ex.response["response"]["outputSpeech"]["ssml"]
        _check_limits(ex.speech, ssml.removeprefix("<speak>").removesuffix("</speak>"))
        assert not ex.ended


def test_calming_starts_in_the_first_response() -> None:
    conv = Conversation()
    conv.seed({"profile": {"consent": "granted"}})
    ex = conv.say("ask steady heart to help me breathe")
    ssml = ex.response["response"]["outputSpeech"]["ssml"]
    assert _breaks(ssml)[:2] == [3.5, 5.5]
    assert speech_seconds(ssml) > 60


def test_a_session_never_plays_the_same_scenario_twice_in_a_row() -> None:
    conv = Conversation()
    conv.seed({"profile": {"consent": "granted"}})
    lines = []
    ex = conv.say("ask steady heart for validation practice")
    for n in range(2 * len(SCENARIOS)):
        lines.append(ex.reprompt)
        conv.say("i'd say that sounds hard")
        ex = conv.say("yes" if n % 2 else "another one")
    assert all(a != b for a, b in itertools.pairwise(lines))
    assert len(set(lines[: len(SCENARIOS)])) == len(SCENARIOS)
