"""Noticing a pattern: reading "how often", the scoring thresholds, and the comparison with the
last kept reflection (pure functions, no conversation)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from skill.content import load_catalog
from skill.exercises.pattern import (
    COMPARE_DAYS,
    DAY,
    FREQUENCY,
    HISTORY_DAYS,
    SIGNS,
    SKIP,
    UNSURE,
    HistoryFacts,
    Pattern,
    answer_points,
    compare,
    history_facts,
    previous_reflection,
    read_frequency,
    score,
)
from skill.routing import load_routing
from skill.state import HistoryItem
from skill.turn import Slot

ROOT = Path(__file__).resolve().parents[2]
NOW = 1_800_000_000
CONNECTION_FAMILY = load_routing(ROOT / "audio_scripts" / "en" / "routing.yaml").family(
    "connection"
)
NOT_HEAVY = HistoryFacts()
HEAVY = HistoryFacts(checkins=4, hard_about_partner=2, hurt=0)


def answers(*freqs: str) -> dict[str, str]:
    return dict(zip(SIGNS, freqs, strict=True))


def kept(*freqs: str) -> dict[str, str | int | bool]:
    """Answers as a history entry holds them."""
    return {k: v for k, v in answers(*freqs).items()}


def checkin(days_ago: float, feeling: str, quadrant: str, partner: bool) -> HistoryItem:
    data: dict[str, str | int | bool] = {
        "feeling": feeling,
        "quadrant": quadrant,
        "need": "",
        "about_partner": partner,
    }
    return HistoryItem(kind="checkin", at=int(NOW - days_ago * DAY), data=data)


def reflection(days_ago: float, *freqs: str, seq: int = 0) -> HistoryItem:
    return HistoryItem(kind="pattern", at=int(NOW - days_ago * DAY), seq=seq, data=kept(*freqs))


# --- reading an answer -----------------------------------------------------------------------


def _model_values(type_name: str) -> dict[str, list[str]]:
    frag = yaml.safe_load((ROOT / "intents" / "src" / "pattern.yaml").read_text("utf-8"))
    spec = next(t for t in frag["types"] if t["name"] == type_name)
    return {v["id"]: [v["value"], *v.get("synonyms", [])] for v in spec["values"]}


def test_frequency_type_has_exactly_the_three_answers_and_the_phrasings_asked_for() -> None:
    values = _model_values("FrequencyType")
    assert set(values) == {"never", "sometimes", "often"}
    assert {"not at all", "rarely", "hardly ever"} <= set(values["never"])
    assert {"now and then", "a few times"} <= set(values["sometimes"])
    assert {"a lot", "all the time", "most days"} <= set(values["often"])
    everything = [w for ws in values.values() for w in ws]
    assert len(everything) == len(set(everything)), "a phrasing may mean only one frequency"


@pytest.mark.parametrize("freq", ["never", "sometimes", "often"])
def test_a_resolved_frequency_is_read_as_itself(freq: str) -> None:
    slot = Slot("frequency", value="whatever was heard", resolved_id=freq)
    assert read_frequency(FREQUENCY, slot) == freq


def test_other_answers_have_a_fixed_reading_and_yes_has_none() -> None:
    empty = Slot("frequency")
    assert read_frequency("AMAZON.NoIntent", empty) == "never"
    assert read_frequency(UNSURE, empty) == "sometimes"
    assert read_frequency(SKIP, empty) == "skipped"
    assert read_frequency("DoneIntent", empty) == "skipped"
    assert read_frequency("AMAZON.YesIntent", empty) is None
    assert read_frequency(FREQUENCY, Slot("frequency", value="twice a fortnight")) is None
    assert read_frequency("FeelingIntent", Slot("frequency", resolved_id="often")) is None


# --- scoring ---------------------------------------------------------------------------------


def test_points_are_zero_one_two_and_a_skip_counts_as_never() -> None:
    assert answer_points(answers("never", "never", "never", "never")) == 0
    assert answer_points(answers("sometimes", "often", "never", "skipped")) == 3
    assert answer_points(answers("often", "often", "often", "often")) == 8
    assert answer_points({}) == 0


@pytest.mark.parametrize(
    ("freqs", "facts", "level"),
    [
        (("never", "never", "never", "never"), NOT_HEAVY, "none"),
        # History never stands in for what was seen.
        (("never", "never", "never", "never"), HEAVY, "none"),
        (("sometimes", "never", "never", "never"), NOT_HEAVY, "some"),
        (("often", "sometimes", "never", "never"), NOT_HEAVY, "some"),
        (("sometimes", "sometimes", "sometimes", "never"), NOT_HEAVY, "some"),
        # The threshold: 4 points.
        (("sometimes", "sometimes", "sometimes", "sometimes"), NOT_HEAVY, "many"),
        (("often", "often", "never", "never"), NOT_HEAVY, "many"),
        # Heavy check-ins add one point when something was seen.
        (("often", "sometimes", "never", "never"), HEAVY, "many"),
        (("sometimes", "sometimes", "never", "never"), HEAVY, "some"),
        (("skipped", "skipped", "skipped", "often"), HEAVY, "some"),
    ],
)
def test_level(freqs: tuple[str, ...], facts: HistoryFacts, level: str) -> None:
    assert score(answers(*freqs), facts) == level


def test_history_counts_only_with_enough_check_ins_and_at_least_half_of_them_heavy() -> None:
    assert not HistoryFacts(checkins=2, hard_about_partner=2, hurt=2).heavy
    assert HistoryFacts(checkins=3, hard_about_partner=0, hurt=2).heavy
    assert not HistoryFacts(checkins=5, hard_about_partner=2, hurt=2).heavy
    assert HistoryFacts(checkins=6, hard_about_partner=3, hurt=0).heavy


def test_history_facts_read_unpleasant_about_the_partner_and_the_lonely_family() -> None:
    assert {"lonely", "rejected", "unimportant"} <= CONNECTION_FAMILY
    items = [
        checkin(1, "lonely", "unpleasant_low", True),  # both
        checkin(2, "rejected", "unpleasant_low", False),  # hurt only
        checkin(3, "frustrated", "unpleasant_high", True),  # hard about the partner only
        checkin(4, "calm", "pleasant_low", True),  # neither: pleasant
        checkin(HISTORY_DAYS + 1, "lonely", "unpleasant_low", True),  # too old
        HistoryItem(kind="pattern", at=NOW - DAY, data=kept("often", "often", "often", "often")),
        HistoryItem(kind="appreciation", at=NOW - DAY, data={"feeling": "lonely"}),
    ]
    facts = history_facts(items, NOW, CONNECTION_FAMILY)
    assert facts == HistoryFacts(checkins=4, hard_about_partner=2, hurt=2)
    assert facts.heavy


# --- comparing with last time ----------------------------------------------------------------


def test_the_last_reflection_within_180_days_is_the_one_compared_with() -> None:
    items = [
        reflection(COMPARE_DAYS + 1, "often", "often", "often", "often"),
        reflection(30, "sometimes", "never", "never", "never", seq=0),
        reflection(10, "often", "never", "never", "never", seq=0),
        reflection(10, "often", "often", "never", "never", seq=1),
        checkin(1, "lonely", "unpleasant_low", True),
    ]
    prev = previous_reflection(items, NOW)
    assert prev is not None
    assert prev.at == NOW - 10 * DAY
    assert prev.answers == answers("often", "often", "never", "never")
    assert previous_reflection(items[:1], NOW) is None
    assert previous_reflection([], NOW) is None


def test_an_unreadable_kept_answer_counts_as_never() -> None:
    item = HistoryItem(kind="pattern", at=NOW - DAY, data={"engage": "often", "contempt": 3})
    prev = previous_reflection([item], NOW)
    assert prev is not None
    assert prev.answers == answers("often", "never", "never", "never")


@pytest.mark.parametrize(
    ("now", "before", "change"),
    [
        (("never", "never", "never", "never"), ("often", "never", "never", "never"), "fewer"),
        (("sometimes", "never", "never", "never"), ("often", "never", "never", "never"), "same"),
        (
            ("sometimes", "sometimes", "never", "never"),
            ("often", "never", "never", "never"),
            "same",
        ),
        (
            ("often", "sometimes", "never", "never"),
            ("sometimes", "never", "never", "never"),
            "more",
        ),
        (("often", "often", "often", "often"), ("never", "never", "never", "never"), "more"),
    ],
)
def test_compare(now: tuple[str, ...], before: tuple[str, ...], change: str) -> None:
    assert compare(answers(*now), answers(*before)) == change


# --- content ---------------------------------------------------------------------------------


def test_every_key_the_flow_builds_has_content() -> None:
    cat = load_catalog(ROOT / "audio_scripts", "en")
    keys = [f"pattern.ask.{s}" for s in SIGNS] + [f"pattern.ask.{s}.reprompt" for s in SIGNS]
    keys += [f"pattern.level.{lv}" for lv in ("none", "some", "many")]
    keys += [f"pattern.offer.{lv}" for lv in ("none", "some", "many")]
    keys += [f"pattern.offer.{lv}.reprompt" for lv in ("none", "some", "many")]
    keys += [f"pattern.compare.{c}" for c in ("fewer", "same", "more")]
    keys += [f"pattern.when.{w}" for w in ("recent", "days", "weeks", "months")]
    missing = [k for k in keys if not cat.has(k)]
    assert not missing
    assert set(Pattern.steps) >= set(SIGNS)


def test_nothing_said_labels_or_diagnoses_the_partner() -> None:
    cat = load_catalog(ROOT / "audio_scripts", "en")
    banned = (
        "your partner is",
        "they are",
        "he is",
        "she is",
        "emotionally unavailable",
        "narciss",
        "avoidant",
        "abusive",
        "toxic",
        "disorder",
        "diagnos",
    )
    for key, ps in cat.prompts.items():
        if not (key.startswith("pattern.") or key.startswith("help.pattern.")):
            continue
        for variant in ps.variants:
            low = variant.lower()
            assert not any(b in low for b in banned), (key, variant)
