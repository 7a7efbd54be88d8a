"""A statistical second opinion for the safety screen (decision 0070).

The hand rules (``rules/*.yaml``) are the floor: :func:`skill.language.safety.screen` asks this
model only when they found nothing, so it can add a catch and never take one back. It is a
multinomial logistic regression over hashed features of the normalised text: word unigrams,
bigrams and skip-bigrams, a five-letter stem of longer words, and concept-class tokens (the word
families the rules already name in ``macros.yaml``: means, harm verbs, kin, ages ..., plus a few
of the model's own such as words of "now"). It predicts one of the screen's categories or ``none``;
it fires when the probability of ``none`` falls under a threshold chosen in cross-validation
(false alarms on negatives at most 1%), and then reports the most probable category.

The weights are generated (``steadyheart safety-model``, deterministic; a test retrains and
compares) and shipped next to this module: ``second_opinion.json`` (classes, scales, threshold,
the concept words) and ``second_opinion.bin`` (int8 weights, class-major). Nothing is read at
import; the first text the rules let through loads them (well under a millisecond's worth of
bytes). Like the screen, it never logs or keeps the text.
"""

from __future__ import annotations

import json
import math
import zlib
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Final, cast

from skill.language.safety.rules import CATEGORIES, SafetyCategory

META_FILE: Final = Path(__file__).with_name("second_opinion.json")
WEIGHTS_FILE: Final = Path(__file__).with_name("second_opinion.bin")
NONE: Final = "none"
STEM: Final = 5
"""Words longer than this also give their first ``STEM`` letters ("stabbed", "stabbing")."""

MIN_WORDS: Final = 3
"""Shorter texts are the rules' alone: the model fired on none of the 1- and 2-word phrases of
its material, and a one-word answer ("lonely") is the commonest turn there is."""

__all__ = ["Model", "features", "hashed", "judge", "load", "opinion"]


def features(norm: str, concepts: Mapping[str, str]) -> list[str]:
    """The features of normalised text (see the module's docstring), with repeats."""
    words = norm.split()
    out: list[str] = []
    classes: list[str] = []
    i = 0
    while i < len(words):  # concept classes: two-word entries first ("pain killers")
        pair = concepts.get(f"{words[i]} {words[i + 1]}") if i + 1 < len(words) else None
        if pair is not None:
            classes.append(pair)
            i += 2
            continue
        classes.append(concepts.get(words[i], words[i]))
        i += 1
    previous = "<s>"
    for w in words:
        out.append(w)
        out.append(f"{previous}_{w}")
        if len(w) > STEM:
            out.append(f"{w[:STEM]}~")
        previous = w
    out.append(f"{previous}_</s>")
    out.extend(f"{a}__{b}" for a, b in zip(words, words[2:], strict=False))
    previous = "<s>"
    for c in classes:
        if c.isupper():
            out.append(c)
            out.append(f"{previous}^{c}")
        elif previous.isupper():
            out.append(f"{previous}^{c}")
        previous = c
    return out


def hashed(feats: Sequence[str], buckets: int) -> list[int]:
    """Feature names -> distinct bucket numbers, in no set order (crc32: the same in every
    process)."""
    mask = buckets - 1
    return list({zlib.crc32(f.encode()) & mask for f in feats})


@dataclass(frozen=True, slots=True)
class Model:
    classes: tuple[str, ...]
    """``none`` first, then screen categories."""
    buckets: int
    scales: tuple[float, ...]
    """Per class: an int8 weight times its scale is the real weight."""
    biases: tuple[float, ...]
    weights: array[int]
    """int8, ``len(classes) * buckets``, class-major."""
    threshold: float
    """Fire when P(none) is below this."""
    concepts: Mapping[str, str]
    columns: tuple[memoryview, ...] = field(init=False, repr=False, compare=False)
    """One view per class over ``weights``."""
    quiet_margin: float = field(init=False, repr=False, compare=False)
    """Below this lead of the best crisis class over ``none`` the model cannot fire."""

    def __post_init__(self) -> None:
        view = memoryview(self.weights)
        n = self.buckets
        object.__setattr__(self, "columns", tuple(view[i : i + n] for i in range(0, len(view), n)))
        # all crisis classes at the best one's odds give P(none) = 1 / (1 + (k - 1) e^margin)
        odds = (1.0 / self.threshold - 1.0) / (len(self.classes) - 1) if self.threshold else 0.0
        object.__setattr__(self, "quiet_margin", math.log(odds) if odds > 0 else -math.inf)

    def scores(self, norm: str) -> list[float]:
        """Each class's score (log-odds up to a constant)."""
        rows = hashed(features(norm, self.concepts), self.buckets)
        pick = itemgetter(*rows, 0)  # always a tuple; the extra bucket 0 is taken back below
        return [
            bias + scale * (sum(pick(column)) - column[0])
            for column, scale, bias in zip(self.columns, self.scales, self.biases, strict=True)
        ]

    def probabilities(self, norm: str) -> list[float]:
        scores = self.scores(norm)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def judge(self, norm: str) -> SafetyCategory | None:
        if norm.count(" ") < MIN_WORDS - 1:
            return None
        scores = self.scores(norm)
        none = scores[0]
        best = max(range(1, len(scores)), key=scores.__getitem__)
        # P(none) = 1 / (1 + sum of exp(s - none)) stays at or above the threshold whenever even
        # the best class cannot pull it under: most turns end here without an exponential.
        if scores[best] - none < self.quiet_margin:
            return None
        if 1.0 / (1.0 + sum(math.exp(min(s - none, 700.0)) for s in scores[1:])) >= self.threshold:
            return None
        return cast(SafetyCategory, self.classes[best])

    def meta(self) -> dict[str, object]:
        return {
            "classes": list(self.classes),
            "buckets": self.buckets,
            "scales": list(self.scales),
            "biases": list(self.biases),
            "threshold": self.threshold,
            "concepts": dict(sorted(self.concepts.items())),
        }


def from_parts(meta: Mapping[str, object], weights: bytes) -> Model:
    classes = tuple(str(c) for c in cast(list[str], meta["classes"]))
    if classes[0] != NONE or not set(classes[1:]) <= CATEGORIES:
        raise ValueError(f"second opinion: unknown classes {classes}")
    buckets = int(cast(int, meta["buckets"]))
    table = array("b")
    table.frombytes(weights)
    if len(table) != len(classes) * buckets:
        raise ValueError("second opinion: weights do not match the classes and buckets")
    return Model(
        classes=classes,
        buckets=buckets,
        scales=tuple(float(s) for s in cast(list[float], meta["scales"])),
        biases=tuple(float(b) for b in cast(list[float], meta["biases"])),
        weights=table,
        threshold=float(cast(float, meta["threshold"])),
        concepts=dict(cast(dict[str, str], meta["concepts"])),
    )


def load(meta_file: Path = META_FILE, weights_file: Path = WEIGHTS_FILE) -> Model | None:
    """The shipped model, or None when it is not there (then the rules stand alone)."""
    try:
        meta = json.loads(meta_file.read_bytes())
        weights = weights_file.read_bytes()
    except FileNotFoundError:
        return None
    return from_parts(meta, weights)


@lru_cache(maxsize=1)
def _shipped() -> Model | None:
    return load()


def judge(norm: str) -> SafetyCategory | None:
    """The model's category for normalised text the rules let through, or None."""
    if norm.count(" ") < MIN_WORDS - 1:  # before anything is loaded
        return None
    model = _shipped()
    return model.judge(norm) if model is not None else None


def opinion(norm: str) -> float:
    """P(a crisis) for normalised text, for tools and tests (0.0 without a model)."""
    model = _shipped()
    return 1.0 - model.probabilities(norm)[0] if model is not None else 0.0
