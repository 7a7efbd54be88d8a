"""Timing of Resolver.resolve() on a synthetic model of 40 intents x 20 samples.

Run: .venv/bin/python tests/nlu/nlu_bench.py
(Not collected by pytest; tests/nlu/test_nlu_performance.py keeps a loose guard.)
"""

from __future__ import annotations

import random
import statistics
import time
from typing import Any

from devtools.nlu import Resolver

COMMON = [
    "i", "to", "me", "my", "the", "a", "you", "can", "want", "need", "feel", "like", "about",
    "do", "it", "is", "for", "and", "with",
]  # fmt: skip
RARE = [
    "partner", "distant", "lonely", "talk", "check", "exercise", "breathe", "journal",
    "remind", "evening", "morning", "calm", "sleep", "worry", "argue", "listen", "hug",
    "message", "reconnect", "gratitude", "pause", "reflect", "anger", "sadness", "memory",
    "dinner", "weekend", "promise", "trust", "honest", "quiet", "space", "home", "work",
    "kids", "phone", "coffee", "walk", "music", "story", "letter", "photo", "plan", "focus",
    "ground", "settle", "release", "notice", "soften",
]  # fmt: skip
FEELINGS = [
    "lonely", "anxious", "sad", "tired", "hopeful", "angry", "calm", "numb", "hurt",
    "confused",
]  # fmt: skip


def synthetic_model(n_intents: int = 40, n_samples: int = 20, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    intents: list[dict[str, Any]] = []
    for i in range(n_intents):
        slot_kind = i % 4  # 0: none, 1: custom, 2: SearchQuery, 3: NUMBER/TIME
        slots: list[dict[str, str]] = []
        if slot_kind == 1:
            slots = [{"name": "feeling", "type": "FeelingType"}]
        elif slot_kind == 2:
            slots = [{"name": "query", "type": "AMAZON.SearchQuery"}]
        elif slot_kind == 3:
            slots = [
                {"name": "count", "type": "AMAZON.NUMBER"},
                {"name": "time", "type": "AMAZON.TIME"},
            ]
        samples: set[str] = set()
        while len(samples) < n_samples:
            words = [
                rng.choice(COMMON if rng.random() < 0.5 else RARE) for _ in range(rng.randint(2, 6))
            ]
            if slots and rng.random() < 0.7:
                slot = rng.choice(slots)["name"]
                words.insert(rng.randint(1, len(words)), "{" + slot + "}")
            samples.add(" ".join(words))
        intents.append({"name": f"Synthetic{i}Intent", "slots": slots, "samples": sorted(samples)})
    for name in ("Yes", "No", "Stop", "Cancel", "Help", "Repeat", "StartOver", "Fallback"):
        intents.append({"name": f"AMAZON.{name}Intent", "samples": []})
    types = [
        {
            "name": "FeelingType",
            "values": [
                {"id": f.upper(), "name": {"value": f, "synonyms": [f"very {f}", f"a bit {f}"]}}
                for f in FEELINGS
            ],
        }
    ]
    return {
        "interactionModel": {
            "languageModel": {"invocationName": "steady heart", "intents": intents, "types": types}
        }
    }


def utterances(model: dict[str, Any], seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    fills = {
        "feeling": "a bit lonely",
        "query": "my partner never listens to me",
        "count": "three",
        "time": "8 30 pm",
    }
    out: list[str] = []
    for intent in model["interactionModel"]["languageModel"]["intents"]:
        for sample in intent.get("samples", [])[:5]:
            text = sample
            for k, v in fills.items():
                text = text.replace("{" + k + "}", v)
            out.append(text)
            out.append("um so " + text + " please")  # relaxed path
            out.append("honestly you know " + text + " right now ok")  # partial path
    out += [
        "yes",
        "no thanks",
        "stop",
        "help",
        "blorp zanzibar quux",
        "what's the weather in paris",
    ]
    long_words = COMMON + RARE
    out += [" ".join(rng.choice(long_words) for _ in range(rng.randint(8, 25))) for _ in range(100)]
    return out


def main() -> None:
    model = synthetic_model()
    t0 = time.perf_counter()
    resolver = Resolver(model, "amzn1.ask.skill.bench")
    build_ms = (time.perf_counter() - t0) * 1000
    texts = utterances(model)
    for t in texts:  # warm-up
        resolver.resolve(t)
    samples_ms: list[float] = []
    for _ in range(5):
        for t in texts:
            t0 = time.perf_counter()
            resolver.resolve(t)
            samples_ms.append((time.perf_counter() - t0) * 1000)
    samples_ms.sort()
    n_samples = sum(
        len(i.get("samples", [])) for i in model["interactionModel"]["languageModel"]["intents"]
    )
    print(f"model: 40 custom intents, {n_samples} model samples; build {build_ms:.1f} ms")
    print(f"{len(samples_ms)} resolve() calls over {len(texts)} utterances")
    print(
        f"mean {statistics.fmean(samples_ms):.3f} ms  "
        f"median {statistics.median(samples_ms):.3f} ms  "
        f"p95 {samples_ms[int(len(samples_ms) * 0.95)]:.3f} ms  "
        f"p99 {samples_ms[int(len(samples_ms) * 0.99)]:.3f} ms  max {samples_ms[-1]:.3f} ms"
    )


if __name__ == "__main__":
    main()
