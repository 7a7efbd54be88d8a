"""Figures for the coaching checkers on the training tables (tests/coaching/*.yaml).

    .venv/bin/python -m tests.coaching.report

Opener: "judged right" is blaming-or-clean right (the row's label is clean, or a category);
"category right" also names the row's category. Validation: the exact verdict. The blind sets
the coordinator keeps are never read here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from skill.language.coaching import check_opener, check_reply

HERE = Path(__file__).parent


def _rows(name: str, key: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = yaml.safe_load((HERE / name).read_text("utf-8"))[key]
    return rows


def opener_figures() -> tuple[int, int, int]:
    """(rows, judged right, category right) over both opener tables."""
    rows = _rows("blame_phrases.yaml", "phrases") + _rows("blame_heldout.yaml", "phrases")
    judged = category = 0
    for row in rows:
        check = check_opener(row["text"])
        got = check.main.category if check.main else "clean"
        want = row.get("category", row["label"]) if row["label"] == "blaming" else row["label"]
        judged += (got == "clean") == (want == "clean")
        category += got == want
    return len(rows), judged, category


def reply_figures() -> tuple[int, int]:
    """(rows, exact verdict) over both validation tables."""
    rows = _rows("validation_phrases.yaml", "replies") + _rows("validation_heldout.yaml", "replies")
    exact = sum(check_reply(r["text"]).verdict == r["label"] for r in rows)
    return len(rows), exact


def main() -> None:
    n, judged, category = opener_figures()
    print(f"opener: judged right {judged}/{n} ({judged / n:.0%}), category right {category}/{n}")
    m, exact = reply_figures()
    print(f"validation: exact verdict {exact}/{m} ({exact / m:.0%})")


if __name__ == "__main__":
    main()
