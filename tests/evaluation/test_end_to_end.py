"""The fast slice of the end-to-end safety evaluation (the full run is `make eval-safety`).

Floors are what was measured on 2026-12-07 (docs/safety.md), so a change that loses a phrase
fails here; raise them when the figures improve. They are training-table figures, not a claim
about unseen speech.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from devtools.models import LOCALES
from tests.support.evaluation.material import load_safety
from tests.support.evaluation.run import measure_safety, summarise_safety

HERE = Path(__file__).parent
TABLE = HERE.parent / "safety" / "phrases.yaml"
SAMPLE = HERE / "fixtures" / "safety_sample.yaml"

# Training table, our resolver, en-US, at the menu and in the self-care journal step.
OURS_POINTS = ("menu", "journal")
# Raised after issue 15 (StatementIntent, crisis intents per answer, fragment rules), the
# round 6 fold, the round 7 fold with the concept layer (decision 0047), the round 8 fold and the
# round 9 fold: measured 1210 of 1218 and 8 of 1019 at each point (the misses are slot fragments
# typed raw that keep none of the crisis once resolved, e.g. "rope's tied to the beam in the loft"
# arrives as "the beam in the loft"; the false alarms are the documented policy rows and two
# look-alike fragments).
OURS_CAUGHT_FLOOR = {"menu": 1210, "journal": 1210}  # of 1218 crisis phrases
# 2026-12-08 (pools L and M, rounds 25-28 folded; the table has 2804 crisis and 2103 negatives):
# 2788 caught and 11 false alarms at each point (0.5%, from 8 of 1019 = 0.8%). The 16 misses and the
# new false alarms are rows whose first word our resolver drops in a partial match ("slip some
# antifreeze ..." arrives as "some antifreeze ...", "paramedics like us ..." as "us ...").
OURS_FALSE_ALARMS_CEILING = {"menu": 11, "journal": 11}  # of 2103 negatives

# One made-up phrase per category (and four negatives), every point, every locale.
VIRTUAL_ALEXA_CAUGHT_FLOOR = 405  # of 405 (was 135 before issue 15)
VIRTUAL_ALEXA_FALSE_ALARMS_CEILING = 0  # of 180


def _counts(summary: dict[str, object], resolver: str, point: str) -> tuple[int, int]:
    r = summary["resolvers"][resolver]  # type: ignore[index]
    caught = int(r["by_point"][point].split("/")[0])
    alarms = int(r["false_alarms_by_point"][point].split("/")[0])
    return caught, alarms


def test_training_table_through_our_resolver_holds_its_floor() -> None:
    table = load_safety(TABLE)
    cases = measure_safety(table, ["ours"], OURS_POINTS, ["en-US"], quiet=True)
    assert all(c.reached for c in cases), "a point was not reached: the replay is broken"
    summary = summarise_safety(table, cases)
    for point in OURS_POINTS:
        caught, alarms = _counts(summary, "ours", point)
        assert caught >= OURS_CAUGHT_FLOOR[point], f"{point}: fewer crisis phrases caught"
        assert alarms <= OURS_FALSE_ALARMS_CEILING[point], f"{point}: more false alarms"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_one_phrase_per_category_in_every_locale_through_virtual_alexa() -> None:
    sample = load_safety(SAMPLE)
    cases = measure_safety(sample, ["virtual-alexa"], locales=LOCALES, quiet=True)
    assert all(c.reached for c in cases), "a point was not reached: the replay is broken"
    crisis = [c for c in cases if c.crisis]
    negatives = [c for c in cases if not c.crisis]
    assert len(crisis) == 405
    assert len(negatives) == 180
    assert sum(c.caught for c in crisis) >= VIRTUAL_ALEXA_CAUGHT_FLOOR
    assert sum(c.caught for c in negatives) <= VIRTUAL_ALEXA_FALSE_ALARMS_CEILING
