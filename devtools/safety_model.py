"""Train the safety screen's statistical second opinion (decision 0070).

Run as ``steadyheart safety-model``.

Reads the labelled phrases the repository already has, trains a multinomial logistic regression
in pure Python (deterministic: fixed order, fixed seed, no clock), chooses the threshold by
cross-validation and writes ``skill/language/safety/second_opinion.{json,bin}``. ``--check``
fails when the shipped files differ from a fresh run (the test does the same), ``--cv`` prints
the cross-validated figures, ``--measure FILE`` screens a round's phrases with the rules alone
and with the rules and the model (read once, never trained on unless it is in the repository).

Training material (every file is read, none is written):

* crisis, labelled with the screen's categories: ``tests/safety/phrases.yaml`` and
  ``heldout.yaml`` (``must_trigger``), the folded blind rounds
  ``tests/evaluation/rounds/safety_round*.yaml`` and the blind-written training pool
  ``tests/evaluation/pool/safety_*.yaml`` (their categories mapped, :data:`ROUND_MAP`);
* ``none``: the tables' ``must_not_trigger`` (rows the screen flags by policy left out), the
  rounds' negatives, and everyday speech: the everyday and coaching rounds, the coaching tables
  and the interaction models' sample utterances (crisis and fear intents left out).
"""

from __future__ import annotations

import json
import math
import random
import re
import struct
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from skill.language.safety import engine
from skill.language.safety import second_opinion as so
from skill.language.safety.rules import RULES_DIR, split_top

REPO = Path(__file__).resolve().parent.parent
BUCKETS = 1 << 15
SEED = 20261207
EPOCHS = 8
RATE = 0.2
L2 = 1e-3
FOLDS = 5
SKIP = 1e-4
HARD_NONE = 8.0
"""How much more a hand-written negative weighs than everyday speech."""
MAX_FALSE_ALARMS = 0.01
CLASSES: tuple[str, ...] = (
    so.NONE,
    "urgent",
    "suicide",
    "self_harm",
    "harm_others",
    "child",
    "danger",
    "sexual_abuse",
    "violence",
    "abuse",
)
ROUND_MAP: Mapping[str, str] = {
    "suicide_explicit": "suicide",
    "suicide_indirect": "suicide",
    "self_harm": "self_harm",
    "harm_in_progress": "urgent",
    "harmed_by_partner": "violence",
    "coercive_control": "abuse",
    "fear_now": "danger",
    "intent_to_harm": "harm_others",
    "child_at_risk": "child",
}
"""A blind round's categories -> the screen's (the rules' own category wins when they fire)."""
CONCEPT_MACROS: Mapping[str, str] = {
    "<MEANS>": "MEANS",
    "<HARMV>": "HARMV",
    "<HARM>": "HARMV",
    "<KIN>": "KIN",
    "<ADULT>": "ADULT",
    "<AGE>": "AGE",
    "<READY>": "READY",
    "<THEM>": "THEM",
    "<PARTNER>": "PARTNER",
}
"""Word lists the rules already keep (``macros.yaml``) -> the model's class tokens."""
OWN_CONCEPTS: Mapping[str, str] = {
    "NOW": "now|tonight|today|tomorrow|right now|this morning|this evening|this weekend|"
    "in a minute|an hour|minutes|soon",
    "WEAPON": "knife|knives|gun|guns|hammer|axe|machete|bat|blade|shotgun|rifle|pistol|crowbar|"
    "scissors",
    "BODY": "wrists|wrist|arms|thighs|legs|skin|throat|neck|head|face|ribs|stomach",
    "CHILD": "kids|kid|children|child|son|daughter|baby|toddler|little one|little ones|"
    "stepdaughter|stepson",
    "DEATH": "die|dying|dead|death|died|suicide|suicidal|grave|funeral|alive|living",
}
"""The model's own word families ("|" between the words or two-word phrases)."""
_WORDS = re.compile(r"[a-z]+(?: [a-z]+)?")


@dataclass(frozen=True)
class Example:
    norm: str
    label: int
    source: str
    hard: bool
    """A hand-written negative or crisis phrase (the tables and rounds), not everyday speech."""


# --------------------------------------------------------------------------------------------
# Material
# --------------------------------------------------------------------------------------------
def _yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def concept_words(rules_dir: Path = RULES_DIR) -> dict[str, str]:
    """Word (or two words) -> class token, from the rules' macros and the model's own lists."""
    macros: dict[str, str] = _yaml(rules_dir / "macros.yaml")["macros"]
    out: dict[str, str] = {}
    for name, token in CONCEPT_MACROS.items():
        body = macros[name]
        if body.startswith("(?:") and body.endswith(")"):
            body = body[3:-1]
        for alternative in split_top(body):
            forms = [alternative]
            if alternative.endswith("s?"):
                forms = [alternative[:-2], alternative[:-2] + "s"]
            for form in forms:
                if _WORDS.fullmatch(form):
                    out.setdefault(form, token)
    for token, words in OWN_CONCEPTS.items():
        for w in words.split("|"):
            out.setdefault(w, token)
    return out


def _rows(data: Any, key: str) -> list[dict[str, Any]]:
    rows = data.get(key) if isinstance(data, dict) else None
    return [r for r in rows or [] if isinstance(r, dict) and r.get("text")]


def _rules_category(norm_or_text: str) -> str | None:
    found = engine.screen_rules(norm_or_text)
    return found.category if found is not None else None


def material(repo: Path = REPO, extra: Sequence[Path] = ()) -> list[Example]:
    """Every labelled phrase, normalised and deduplicated (first label wins, crisis first)."""
    crisis: list[tuple[str, str, str]] = []
    hard_none: list[tuple[str, str]] = []
    everyday: list[tuple[str, str]] = []
    for name in ("phrases.yaml", "heldout.yaml"):
        data = _yaml(repo / "tests" / "safety" / name)
        crisis += [(str(r["text"]), str(r["category"]), name) for r in _rows(data, "must_trigger")]
        hard_none += [
            (str(r["text"]), name)
            for r in _rows(data, "must_not_trigger")
            if not r.get("expected_fp")
        ]
    rounds = sorted((repo / "tests" / "evaluation" / "rounds").glob("safety_round*.yaml"))
    pool = sorted((repo / "tests" / "evaluation" / "pool").glob("safety_*.yaml"))
    for path in [*rounds, *pool, *extra]:
        data = _yaml(path)
        for r in _rows(data, "crisis"):
            text = str(r["text"])
            category = _rules_category(text) or ROUND_MAP[str(r["category"])]
            crisis.append((text, category, path.name))
        hard_none += [(str(r["text"]), path.name) for r in _rows(data, "negatives")]
    everyday += _everyday(repo)
    seen: set[str] = set()
    out: list[Example] = []
    for text, category, source in crisis:
        _add(out, seen, text, CLASSES.index(category), source, hard=True)
    for text, source in hard_none:
        _add(out, seen, text, 0, source, hard=True)
    for text, source in everyday:
        _add(out, seen, text, 0, source, hard=False)
    return out


def _add(
    out: list[Example], seen: set[str], text: str, label: int, source: str, hard: bool
) -> None:
    norm = engine.normalise(text)
    if norm and norm not in seen:
        seen.add(norm)
        out.append(Example(norm, label, source, hard))


def _texts(value: Any) -> list[str]:
    """The ``text`` of each row when ``value`` is a list of rows."""
    rows = value if isinstance(value, list) else []
    return [str(r["text"]) for r in rows if isinstance(r, dict) and r.get("text")]


def _everyday(repo: Path) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    rounds = repo / "tests" / "evaluation" / "rounds"
    pool = repo / "tests" / "evaluation" / "pool"
    for path in [*sorted(rounds.glob("everyday_round*.yaml")), *sorted(pool.glob("everyday_*"))]:
        for case in _yaml(path).get("cases") or []:
            if isinstance(case, dict) and case.get("says"):
                found.append((str(case["says"]), path.name))
    coaching = sorted((repo / "tests" / "coaching").glob("*.yaml"))
    coaching += sorted(pool.glob("coaching_*.yaml"))
    for path in [*sorted(rounds.glob("coaching_round*.yaml")), *coaching]:
        data = _yaml(path)
        for value in data.values() if isinstance(data, dict) else []:
            found += [(t, path.name) for t in _texts(value)]
    model = json.loads((repo / "intents" / "en-US.json").read_text("utf-8"))
    for intent in model["interactionModel"]["languageModel"]["intents"]:
        name = str(intent["name"])
        if "Crisis" in name or "Fear" in name or "Safety" in name:
            continue
        for sample in intent.get("samples") or []:
            text = " ".join(re.sub(r"\{[^}]*\}", " ", str(sample)).split())
            if text and _rules_category(text) is None:
                found.append((text, f"intents:{name}"))
    return found


# --------------------------------------------------------------------------------------------
# Training
# --------------------------------------------------------------------------------------------
def _vectors(examples: Sequence[Example], concepts: Mapping[str, str]) -> list[list[int]]:
    return [so.hashed(so.features(e.norm, concepts), BUCKETS) for e in examples]


def train(
    examples: Sequence[Example], concepts: Mapping[str, str], threshold: float = 0.5
) -> so.Model:
    """Multinomial logistic regression by plain SGD (fixed seed and order), then int8 weights."""
    k = len(CLASSES)
    rows = _vectors(examples, concepts)
    labels = [e.label for e in examples]
    hard = [e.hard and not e.label for e in examples]
    counts = [labels.count(c) for c in range(k)]
    # Each class weighs as much in total as the crisis classes together, so that "none" (many
    # everyday phrases) does not drown the small categories.
    crisis_total = sum(counts[1:])
    weight = [crisis_total / max(counts[0], 1)] + [
        crisis_total / (k - 1) / max(c, 1) for c in counts[1:]
    ]
    weight = [min(w, 4.0) for w in weight]
    w = [[0.0] * BUCKETS for _ in range(k)]
    b = [0.0] * k
    order = list(range(len(examples)))
    rng = random.Random(SEED)
    step = 0
    for _epoch in range(EPOCHS):
        rng.shuffle(order)
        for i in order:
            step += 1
            rate = RATE / (1.0 + step / len(order))
            feats = rows[i]
            scores = [b[c] + sum(w[c][f] for f in feats) for c in range(k)]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            g0 = rate * weight[labels[i]] * (HARD_NONE if hard[i] else 1.0)
            shrink = 1.0 - rate * L2
            for c in range(k):
                grad = (exps[c] / total - (1.0 if c == labels[i] else 0.0)) * g0
                if -SKIP < grad < SKIP:  # settled: leave the weights be (and train fast)
                    continue
                wc = w[c]
                for f in feats:
                    wc[f] = wc[f] * shrink - grad
                b[c] -= grad
    return _quantised(w, b, threshold, concepts)


def _quantised(
    w: Sequence[Sequence[float]], b: Sequence[float], threshold: float, concepts: Mapping[str, str]
) -> so.Model:
    scales: list[float] = []
    table = array("b")
    for row in w:
        peak = max(abs(x) for x in row) or 1.0
        scale = _f32(peak / 127.0)
        scales.append(scale)
        table.extend(max(-127, min(127, round(x / scale))) for x in row)
    return so.Model(
        classes=CLASSES,
        buckets=BUCKETS,
        scales=tuple(scales),
        biases=tuple(_f32(x) for x in b),
        weights=table,
        threshold=threshold,
        concepts=dict(concepts),
    )


def _f32(x: float) -> float:
    """Rounded to float32 and back: what the JSON keeps reads back the same everywhere."""
    value: float = struct.unpack("f", struct.pack("f", x))[0]
    return value


def _folds(examples: Sequence[Example]) -> list[int]:
    """A fold per example, stratified by label, from the fixed seed."""
    fold = [0] * len(examples)
    rng = random.Random(SEED + 1)
    for label in range(len(CLASSES)):
        members = [i for i, e in enumerate(examples) if e.label == label]
        rng.shuffle(members)
        for n, i in enumerate(members):
            fold[i] = n % FOLDS
    return fold


@dataclass(frozen=True)
class Validation:
    p_none: list[float]
    """Out-of-fold P(none) per example."""
    predicted: list[int]
    """Out-of-fold most probable crisis class per example."""


def cross_validate(examples: Sequence[Example], concepts: Mapping[str, str]) -> Validation:
    fold = _folds(examples)
    p_none = [1.0] * len(examples)
    predicted = [0] * len(examples)
    for f in range(FOLDS):
        model = train([e for e, g in zip(examples, fold, strict=True) if g != f], concepts)
        for i, e in enumerate(examples):
            if fold[i] == f:
                p = model.probabilities(e.norm)
                p_none[i] = p[0]
                predicted[i] = max(range(1, len(p)), key=lambda c: p[c])
    return Validation(p_none, predicted)


def choose_threshold(examples: Sequence[Example], v: Validation) -> float:
    """The highest threshold whose out-of-fold false alarms on the hand-written negatives (the
    hard ones, not everyday speech) stay at or under :data:`MAX_FALSE_ALARMS`."""
    hard = sorted(p for e, p in zip(examples, v.p_none, strict=True) if e.label == 0 and e.hard)
    allowed = math.floor(MAX_FALSE_ALARMS * len(hard))
    # fire when p_none < threshold: at most `allowed` negatives may lie under it
    return _f32(hard[allowed]) if allowed < len(hard) else 1.0


def report(examples: Sequence[Example], v: Validation, threshold: float) -> dict[str, Any]:
    crisis = [i for i, e in enumerate(examples) if e.label]
    hard = [i for i, e in enumerate(examples) if e.label == 0 and e.hard]
    easy = [i for i, e in enumerate(examples) if e.label == 0 and not e.hard]
    fired = [v.p_none[i] < threshold for i in range(len(examples))]
    caught = sum(fired[i] for i in crisis)
    right = sum(fired[i] and v.predicted[i] == examples[i].label for i in crisis)
    return {
        "examples": len(examples),
        "crisis": len(crisis),
        "threshold": threshold,
        "model_recall_out_of_fold": f"{caught}/{len(crisis)} ({caught / len(crisis):.1%})",
        "right_category_when_caught": f"{right}/{caught}",
        "false_alarms_hand_written": f"{sum(fired[i] for i in hard)}/{len(hard)}",
        "false_alarms_everyday": f"{sum(fired[i] for i in easy)}/{len(easy)}",
    }


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------
def render(model: so.Model) -> tuple[str, bytes]:
    return json.dumps(model.meta(), indent=1, sort_keys=True) + "\n", model.weights.tobytes()


def build(repo: Path = REPO) -> tuple[so.Model, dict[str, Any]]:
    """Material, cross-validation, threshold, and the final model trained on everything."""
    concepts = concept_words()
    examples = material(repo)
    v = cross_validate(examples, concepts)
    threshold = choose_threshold(examples, v)
    model = train(examples, concepts, threshold)
    return model, report(examples, v, threshold)


def measure(path: Path, model: so.Model | None) -> dict[str, Any]:
    """Screen a round's phrases whole: the rules alone, and the rules with ``model``."""
    data = _yaml(path)
    crisis = [str(r["text"]) for r in _rows(data, "crisis")]
    negatives = [str(r["text"]) for r in _rows(data, "negatives")]

    def fires(text: str, with_model: bool) -> bool:
        if engine.screen_rules(text) is not None:
            return True
        return with_model and model is not None and model.judge(engine.normalise(text)) is not None

    out: dict[str, Any] = {"file": path.name}
    for name, flag in (("rules", False), ("rules+model", True)):
        hit = sum(fires(t, flag) for t in crisis)
        fa = sum(fires(t, flag) for t in negatives)
        out[name] = {
            "recall": f"{hit}/{len(crisis)} ({hit / max(len(crisis), 1):.1%})",
            "false_alarms": f"{fa}/{len(negatives)} ({fa / max(len(negatives), 1):.1%})",
        }
    return out


def main(check: bool = False, cv_only: bool = False, measure_files: Iterable[str] = ()) -> int:
    import sys

    files = list(measure_files)
    if files:
        model = so.load()
        for f in files:
            print(json.dumps(measure(Path(f), model)))
        return 0
    model, figures = build()
    print(json.dumps(figures, indent=1))
    if cv_only:
        return 0
    meta, weights = render(model)
    if check:
        same = (
            so.META_FILE.exists()
            and so.META_FILE.read_text("utf-8") == meta
            and so.WEIGHTS_FILE.read_bytes() == weights
        )
        if not same:
            print("out of date (run: steadyheart safety-model)", file=sys.stderr)
            return 1
        return 0
    so.META_FILE.write_text(meta, "utf-8")
    so.WEIGHTS_FILE.write_bytes(weights)
    print(f"wrote {so.META_FILE.name} and {so.WEIGHTS_FILE.name}")
    return 0
