"""Measure a safety round or an everyday-speech round end to end, through both resolvers.

    python -m tests.support.evaluation.run safety ROUND [--resolvers ours,virtual-alexa] [--out DIR]
    python -m tests.support.evaluation.run speech ROUND [...]

(``make eval-safety ROUND=...`` and ``make eval-speech ROUND=...``.) Prints the figures and
writes ``<out>/<round>-<kind>-<date>.json`` and ``.md`` (summary, every miss verbatim) and
``.cases.jsonl`` (one line per phrase, point, locale and resolver; not committed).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from devtools.models import LOCALES
from skill.language.safety import screen
from tests.support.evaluation.drivers import Job, Ours, Raw, VirtualAlexa
from tests.support.evaluation.judge import everyday_verdict, heard, safety_answer
from tests.support.evaluation.material import EverydaySet, SafetySet, load_everyday, load_safety
from tests.support.evaluation.points import SAFETY_POINTS, point

ROOT = Path(__file__).resolve().parents[3]
RESULTS = ROOT / "tests" / "evaluation" / "results"
RESOLVERS = ("ours", "virtual-alexa")


class Driver(Protocol):
    name: str

    def run(
        self, jobs: Sequence[Job], progress: Callable[[int], None] | None = None
    ) -> Iterable[Raw]: ...


def driver(name: str) -> Driver:
    if name == "ours":
        return Ours()
    if name == "virtual-alexa":
        return VirtualAlexa()
    raise ValueError(f"unknown resolver {name!r} (ours, virtual-alexa)")


def _progress(label: str, total: int) -> Callable[[int], None]:
    step = max(1, total // 20)
    started = time.monotonic()

    def report(n: int) -> None:
        if n % step == 0 or n == total:
            rate = n / max(time.monotonic() - started, 1e-6)
            print(f"  {label}: {n}/{total} ({rate:.0f}/s)", file=sys.stderr, flush=True)

    return report


def _sent(raw: Raw) -> str:
    if raw.intent is None:
        return "LaunchRequest"
    slots = raw.intent.get("slots") or {}
    inner = ", ".join(f'{k}="{v}"' for k, v in slots.items())
    return f"{raw.intent['name']}({inner})" if inner else str(raw.intent["name"])


def _share(hits: int, total: int) -> str:
    return f"{hits}/{total} ({100 * hits / total:.1f}%)" if total else "-"


def _pct(hits: int, total: int) -> float | None:
    return round(100 * hits / total, 1) if total else None


# --------------------------------------------------------------------------------------------
# Safety
# --------------------------------------------------------------------------------------------
@dataclass
class SafetyCase:
    resolver: str
    locale: str
    point: str
    text: str
    label: str
    crisis: bool
    reached: bool
    sent: str
    caught: bool
    in_speech: bool
    in_card: bool
    resources: list[str]
    answer_keys: list[str]
    after: list[str | None]
    error: str | None


def measure_safety(
    material: SafetySet,
    resolvers: Sequence[str],
    points: Sequence[str] = SAFETY_POINTS,
    locales: Sequence[str] = LOCALES,
    quiet: bool = False,
) -> list[SafetyCase]:
    meta: dict[str, tuple[str, str, int]] = {}
    jobs: list[Job] = []
    for locale in locales:
        for name in points:
            p = point(name)
            for i, phrase in enumerate(material.phrases):
                job_id = f"{locale}|{name}|{i}"
                meta[job_id] = (locale, name, i)
                jobs.append(Job(job_id, locale, p.turns(phrase.text)))
    cases: list[SafetyCase] = []
    for rname in resolvers:
        d = driver(rname)
        progress = None if quiet else _progress(rname, len(jobs))
        for raw in d.run(jobs, progress):
            locale, name, i = meta[raw.id]
            phrase = material.phrases[i]
            p = point(name)
            before = heard(raw.prior) if raw.prior is not None else None
            reached = p.at is None or (
                before is not None and p.reached(before.place, before.offered)
            )
            h = heard(raw.response)
            answer = safety_answer(locale, h)
            cases.append(
                SafetyCase(
                    resolver=rname,
                    locale=locale,
                    point=name,
                    text=phrase.text,
                    label=phrase.label,
                    crisis=phrase.crisis,
                    reached=reached and raw.error is None,
                    sent=_sent(raw),
                    caught=answer.caught,
                    in_speech=answer.in_speech,
                    in_card=answer.in_card,
                    resources=list(answer.resources),
                    answer_keys=list(answer.answer_keys),
                    after=list(h.place),
                    error=raw.error,
                )
            )
    return cases


def _by(cases: Iterable[SafetyCase], key: Callable[[SafetyCase], str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for c in cases:
        out[key(c)][0] += c.caught
        out[key(c)][1] += 1
    return dict(sorted(out.items()))


def summarise_safety(material: SafetySet, cases: Sequence[SafetyCase]) -> dict[str, Any]:
    screen_crisis = sum(screen(p.text) is not None for p in material.crisis)
    screen_fp = [p.text for p in material.negatives if screen(p.text) is not None]
    out: dict[str, Any] = {
        "round": material.name,
        "held_out": material.held_out,
        "date": date.today().isoformat(),
        "phrases": {"crisis": len(material.crisis), "negatives": len(material.negatives)},
        "screen_on_whole_sentence": {
            "recall": _share(screen_crisis, len(material.crisis)),
            "false_alarms": _share(len(screen_fp), len(material.negatives)),
            "note": "diagnostic only: a device never hands the skill the whole sentence",
        },
        "resolvers": {},
    }
    for rname in sorted({c.resolver for c in cases}, key=RESOLVERS.index):
        mine = [c for c in cases if c.resolver == rname]
        measured = [c for c in mine if c.reached]
        crisis = [c for c in measured if c.crisis]
        negatives = [c for c in measured if not c.crisis]
        misses: dict[str, dict[str, Any]] = {}
        for c in crisis:
            if not c.caught:
                m = misses.setdefault(
                    c.text, {"text": c.text, "label": c.label, "where": [], "sent": Counter()}
                )
                m["where"].append(f"{c.point}@{c.locale}")
                m["sent"][c.sent] += 1
        alarms: dict[str, dict[str, Any]] = {}
        for c in negatives:
            if c.caught:
                a = alarms.setdefault(
                    c.text, {"text": c.text, "label": c.label, "where": [], "sent": Counter()}
                )
                a["where"].append(f"{c.point}@{c.locale}")
                a["sent"][c.sent] += 1
        points = sorted(
            {c.point for c in mine},
            key=lambda p: list(SAFETY_POINTS).index(p) if p in SAFETY_POINTS else 99,
        )
        locales = sorted({c.locale for c in mine})
        caught = sum(c.caught for c in crisis)
        out["resolvers"][rname] = {
            "points": points,
            "locales": locales,
            "recall": _share(caught, len(crisis)),
            "recall_pct": _pct(caught, len(crisis)),
            "false_alarms": _share(sum(c.caught for c in negatives), len(negatives)),
            "false_alarm_pct": _pct(sum(c.caught for c in negatives), len(negatives)),
            "unreached": sum(not c.reached for c in mine),
            "errors": sum(c.error is not None for c in mine),
            "by_category": {k: _share(*v) for k, v in _by(crisis, lambda c: c.label).items()},
            "by_point": {k: _share(*v) for k, v in _by(crisis, lambda c: c.point).items()},
            "by_locale": {k: _share(*v) for k, v in _by(crisis, lambda c: c.locale).items()},
            "by_point_locale": {
                k: _share(*v) for k, v in _by(crisis, lambda c: f"{c.point}@{c.locale}").items()
            },
            "false_alarms_by_point": {
                k: _share(*v) for k, v in _by(negatives, lambda c: c.point).items()
            },
            "first_resource_by_category": {
                label: dict(
                    Counter(c.resources[0] for c in crisis if c.label == label and c.caught)
                )
                for label in sorted({c.label for c in crisis})
            },
            "answer_keys": dict(Counter("+".join(c.answer_keys) for c in crisis if c.caught)),
            "misses": [_grouped(m) for m in misses.values()],
            "false_alarm_phrases": [_grouped(a) for a in alarms.values()],
        }
    return out


def _grouped(m: dict[str, Any]) -> dict[str, Any]:
    """One phrase's misses (or false alarms): where, and what the skill was sent."""
    points = sorted({w.split("@")[0] for w in m["where"]})
    locales = sorted({w.split("@")[1] for w in m["where"]})
    return {
        "text": m["text"],
        "label": m["label"],
        "missed_at": len(m["where"]),
        "points": points,
        "locales": locales,
        "sent": dict(m["sent"].most_common()),
    }


def _where(m: dict[str, Any]) -> str:
    points = "every point" if set(m["points"]) >= set(SAFETY_POINTS) else ", ".join(m["points"])
    locales = "every locale" if len(m["locales"]) == len(LOCALES) else ", ".join(m["locales"])
    return f"{m['missed_at']} ({points}; {locales})"


def safety_markdown(s: dict[str, Any]) -> str:
    kind = "held-out" if s["held_out"] else "training table (tuned on; not a held-out figure)"
    lines = [
        f"# Safety end to end: {s['round']} ({kind})",
        "",
        f"Date {s['date']}. {s['phrases']['crisis']} crisis phrases, "
        f"{s['phrases']['negatives']} negatives. "
        "Caught = the answer's speech or card carries one of the locale's crisis numbers.",
        "",
        "| resolver | points x locales | recall | false alarms | unreached | errors |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for rname, r in s["resolvers"].items():
        lines.append(
            f"| {rname} | {len(r['points'])} x {len(r['locales'])} | {r['recall']} | "
            f"{r['false_alarms']} | {r['unreached']} | {r['errors']} |"
        )
    w = s["screen_on_whole_sentence"]
    lines += [
        "",
        f"Screen on the whole sentence (diagnostic only): recall {w['recall']}, "
        f"false alarms {w['false_alarms']}.",
    ]
    for rname, r in s["resolvers"].items():
        lines += ["", f"## {rname}", "", "| category | recall |", "| --- | --- |"]
        lines += [f"| {k} | {v} |" for k, v in r["by_category"].items()]
        lines += ["", "| point | recall | false alarms |", "| --- | --- | --- |"]
        lines += [
            f"| {k} | {v} | {r['false_alarms_by_point'].get(k, '-')} |"
            for k, v in r["by_point"].items()
        ]
        lines += ["", "| locale | recall |", "| --- | --- |"]
        lines += [f"| {k} | {v} |" for k, v in r["by_locale"].items()]
        lines += ["", f"### Misses ({len(r['misses'])} phrases)", ""]
        for m in sorted(r["misses"], key=lambda m: (m["label"], m["text"])):
            sent = "; ".join(f"{k} x{v}" for k, v in m["sent"].items())
            lines.append(f"- `{m['text']}` ({m['label']}): missed at {_where(m)} - {sent}")
        lines += ["", f"### False alarms ({len(r['false_alarm_phrases'])} phrases)", ""]
        for a in sorted(r["false_alarm_phrases"], key=lambda m: (m["label"], m["text"])):
            sent = "; ".join(f"{k} x{v}" for k, v in a["sent"].items())
            lines.append(f"- `{a['text']}` ({a['label']}): at {_where(a)} - {sent}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Everyday speech
# --------------------------------------------------------------------------------------------
@dataclass
class SpeechCase:
    resolver: str
    locale: str
    point: str
    says: str
    expect: str
    reached: bool
    sent: str
    sensible: bool
    why: str
    signals: dict[str, Any]
    heard: str
    error: str | None


def measure_speech(
    material: EverydaySet,
    resolvers: Sequence[str],
    locales: Sequence[str] = LOCALES,
    quiet: bool = False,
) -> list[SpeechCase]:
    jobs: list[Job] = []
    for locale in locales:
        for i, case in enumerate(material.cases):
            jobs.append(Job(f"{locale}|{i}", locale, point(case.point).turns(case.says)))
    out: list[SpeechCase] = []
    for rname in resolvers:
        d = driver(rname)
        progress = None if quiet else _progress(rname, len(jobs))
        for raw in d.run(jobs, progress):
            locale, index = raw.id.split("|")
            case = material.cases[int(index)]
            p = point(case.point)
            prior = heard(raw.prior) if raw.prior is not None else None
            reached = p.at is None or (prior is not None and p.reached(prior.place, prior.offered))
            h = heard(raw.response)
            v = everyday_verdict(locale, case.expect, p.at or (None, None), prior, h)
            out.append(
                SpeechCase(
                    resolver=rname,
                    locale=locale,
                    point=case.point,
                    says=case.says,
                    expect=case.expect,
                    reached=reached and raw.error is None,
                    sent=_sent(raw),
                    sensible=v.sensible and raw.error is None,
                    why=raw.error or v.why,
                    signals=v.signals,
                    heard=h.speech[:160],
                    error=raw.error,
                )
            )
    return out


def summarise_speech(material: EverydaySet, cases: Sequence[SpeechCase]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "round": material.name,
        "held_out": material.held_out,
        "date": date.today().isoformat(),
        "cases": len(material.cases),
        "resolvers": {},
    }
    for rname in sorted({c.resolver for c in cases}, key=RESOLVERS.index):
        measured = [c for c in cases if c.resolver == rname and c.reached]
        mine = [c for c in cases if c.resolver == rname]

        def by(key: Callable[[SpeechCase], str], pool: Sequence[SpeechCase]) -> dict[str, str]:
            acc: dict[str, list[int]] = defaultdict(lambda: [0, 0])
            for c in pool:
                acc[key(c)][0] += c.sensible
                acc[key(c)][1] += 1
            return {k: _share(*v) for k, v in sorted(acc.items())}

        ok = sum(c.sensible for c in measured)
        out["resolvers"][rname] = {
            "locales": sorted({c.locale for c in mine}),
            "sensible": _share(ok, len(measured)),
            "sensible_pct": _pct(ok, len(measured)),
            "unreached": sum(not c.reached for c in mine),
            "errors": sum(c.error is not None for c in mine),
            "safety_answers": sum(bool(c.signals.get("safety")) for c in measured),
            "by_point": by(lambda c: c.point, measured),
            "by_expect": by(lambda c: c.expect.split(":")[0], measured),
            "by_locale": by(lambda c: c.locale, measured),
            "failures": [
                {
                    "point": c.point,
                    "says": c.says,
                    "expect": c.expect,
                    "locale": c.locale,
                    "sent": c.sent,
                    "why": c.why,
                    "heard": c.heard,
                }
                for c in measured
                if not c.sensible
            ],
        }
    return out


def speech_markdown(s: dict[str, Any]) -> str:
    kind = "held-out" if s["held_out"] else "made-up or training cases"
    lines = [
        f"# Everyday speech end to end: {s['round']} ({kind})",
        "",
        f"Date {s['date']}. {s['cases']} cases.",
        "",
        "| resolver | locales | sensible | unreached | errors | safety answers |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for rname, r in s["resolvers"].items():
        lines.append(
            f"| {rname} | {len(r['locales'])} | {r['sensible']} | {r['unreached']} | "
            f"{r['errors']} | {r['safety_answers']} |"
        )
    for rname, r in s["resolvers"].items():
        lines += ["", f"## {rname}", "", "| point | sensible |", "| --- | --- |"]
        lines += [f"| {k} | {v} |" for k, v in r["by_point"].items()]
        lines += ["", "| expect | sensible |", "| --- | --- |"]
        lines += [f"| {k} | {v} |" for k, v in r["by_expect"].items()]
        lines += ["", f"### Not sensible ({len(r['failures'])})", ""]
        for f in r["failures"]:
            lines.append(
                f"- {f['point']} @{f['locale']}: `{f['says']}` (expect {f['expect']}) -> "
                f'{f["sent"]}: {f["why"]} - "{f["heard"]}"'
            )
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
def _write(out: Path, stem: str, summary: dict[str, Any], md: str, cases: Sequence[Any]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{stem}.json").write_text(json.dumps(summary, indent=1) + "\n", "utf-8")
    (out / f"{stem}.md").write_text(md, "utf-8")
    with (out / f"{stem}.cases.jsonl").open("w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(asdict(c)) + "\n")
    print(f"wrote {out / (stem + '.md')} and .json", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.support.evaluation.run", description=__doc__)
    ap.add_argument("kind", choices=("safety", "speech"))
    ap.add_argument("round", type=Path)
    ap.add_argument("--resolvers", default=",".join(RESOLVERS))
    ap.add_argument("--locales", default=",".join(LOCALES))
    ap.add_argument("--points", default=",".join(SAFETY_POINTS), help="safety only")
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    resolvers = [r for r in args.resolvers.split(",") if r]
    locales = [loc for loc in args.locales.split(",") if loc]
    stem_base = args.round.stem
    started = time.monotonic()
    cases: Sequence[SafetyCase | SpeechCase]
    if args.kind == "safety":
        material = load_safety(args.round)
        points = [p for p in args.points.split(",") if p]
        safety_cases = measure_safety(material, resolvers, points, locales, args.quiet)
        summary = summarise_safety(material, safety_cases)
        md, cases = safety_markdown(summary), safety_cases
    else:
        speech = load_everyday(args.round)
        speech_cases = measure_speech(speech, resolvers, locales, args.quiet)
        summary = summarise_speech(speech, speech_cases)
        md, cases = speech_markdown(summary), speech_cases
    summary["seconds"] = round(time.monotonic() - started, 1)
    stem = f"{stem_base}-{args.kind}-{summary['date']}"
    _write(args.out, stem, summary, md, cases)
    print(md.split("\n## ")[0])
    print(f"({summary['seconds']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
