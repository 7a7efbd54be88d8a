"""A tiny run of the bench's code, so `make bench` does not rot between runs (the bench itself
stays out of `make test`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_warm_section_and_report(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from bench import run

    report = run.Report()
    run.bench_warm(report, 40)
    names = [r.what for r in report.rows]
    assert "steady heart: launch" in names
    assert all(r.ratio.endswith("x") for r in report.rows if r.what.startswith("steady"))
    out = tmp_path / "performance.md"
    run.write_markdown(report, "smoke", out)
    assert "| warm | steady heart: launch |" in out.read_text("utf-8")


def test_the_cold_event_is_a_first_check_in() -> None:
    sys.path.insert(0, str(ROOT))
    from bench import run

    event = run.first_check_in_event()
    assert event["session"]["new"] is True
    assert event["request"]["intent"]["name"] == "CheckInIntent"
    json.dumps(event)
