"""``steadyheart lint``: every locale's content loads and validates, and every timed part of every
exercise is estimated against its intended length."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from devtools.models import LOCALES
from skill.config import Settings
from skill.content import ContentError, load_catalog, speech_seconds, ssml_to_text
from skill.exercises import FLOWS


@dataclass(frozen=True)
class Estimate:
    flow: str
    part: str
    seconds: float
    target_s: float
    tolerance: float

    @property
    def ok(self) -> bool:
        return abs(self.seconds - self.target_s) <= self.target_s * self.tolerance


def estimates(cfg: Settings, locale: str) -> list[Estimate]:
    cat = load_catalog(cfg.content_dir, locale)
    found = []
    for flow in FLOWS.values():
        for part, timed in flow.timed.items():
            seconds = 0.0
            for key in timed.keys:
                variants = cat.get(key).variants
                seconds += max(speech_seconds(v) for v in variants)
            found.append(Estimate(flow.id, part, seconds, timed.target_s, timed.tolerance))
    return found


def main(args: argparse.Namespace) -> int:
    cfg = Settings.from_env()
    failed = False
    for locale in LOCALES:
        try:
            cat = load_catalog(cfg.content_dir, locale)
        except ContentError as exc:
            print(f"{locale}: {exc}", file=sys.stderr)
            failed = True
            continue
        longest = max(len(ssml_to_text(v)) for ps in cat.prompts.values() for v in ps.variants)
        print(f"{locale}: {len(cat.prompts)} prompts, longest {longest} characters")
    print(f"\nEstimated durations ({args.locale}, 150 words a minute plus pauses):")
    for e in estimates(cfg, args.locale):
        mark = "ok" if e.ok else "OFF"
        print(f"  {e.flow:<14} {e.part:<22} {e.seconds:6.1f} s  (target {e.target_s:g} s)  {mark}")
        failed |= not e.ok
    return 1 if failed else 0
