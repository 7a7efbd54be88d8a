"""A blind coaching round (openers and validation replies) through the runtime's checkers.

    .venv/bin/python -m tests.support.evaluation.coaching \
        tests/evaluation/rounds/coaching_round1.yaml

Openers: "judged right" when the checker calls a blaming opener blaming (any category) and a
clean one clean. Validation: the exact verdict; the round's author wrote ``dismissive`` for what
the checker calls ``dismissing``. This measures the checkers on the words as written, not through
the interaction model: the rehearsal step hands the checker the whole utterance ("i'd say ..."
carrier aside), so the difference is the carrier only.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from skill.language.coaching import check_opener, check_reply

VERDICT_NAMES = {"dismissive": "dismissing"}


def measure(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text("utf-8"))
    opener_misses: list[str] = []
    judged = 0
    for row in data["openers"]:
        check = check_opener(row["text"])
        got = "clean" if check.main is None else "blaming"
        if got == row["verdict"]:
            judged += 1
        else:
            opener_misses.append(f"{row['text']!r}: want {row['verdict']}, got {got}")
    exact = 0
    reply_misses: list[str] = []
    for row in data["validation"]:
        want = VERDICT_NAMES.get(row["verdict"], row["verdict"])
        got = check_reply(row["reply"]).verdict
        if got == want:
            exact += 1
        else:
            reply_misses.append(f"{row['reply']!r}: want {want}, got {got}")
    return {
        "openers": (judged, len(data["openers"])),
        "validation": (exact, len(data["validation"])),
        "opener_misses": opener_misses,
        "reply_misses": reply_misses,
    }


def main(argv: list[str]) -> None:
    found = measure(Path(argv[0]))
    j, n = found["openers"]
    e, m = found["validation"]
    print(f"openers judged right: {j}/{n} ({j / n:.0%})")
    print(f"validation exact verdict: {e}/{m} ({e / m:.0%})")
    for line in found["opener_misses"] + found["reply_misses"]:
        print("  miss:", line)


if __name__ == "__main__":
    main(sys.argv[1:])
