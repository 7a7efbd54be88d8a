"""Exercise names as people say them back, from the content: one rule for the model and the skill.

The interaction model's ExerciseType learns these forms (devtools/models.py), and a clean
statement is read with the same forms at run time (skill/language/interpret.py), so "um the
check in with yourself" starts the check-in whichever way it arrived.
"""

from __future__ import annotations

import re
from typing import Final

from skill.content import Catalog, ssml_to_text
from skill.language.normalise import tokens

__all__ = ["exercise_names", "spoken_forms"]

_ARTICLES: Final = ("a", "an", "the", "one", "some", "your", "my")
_SIZE_WORDS: Final = ("short", "small", "quick", "little")
_PERSON: Final = {"yourself": "myself", "you": "us", "your": "my"}
"""Said back, "with yourself" is "with myself" and "the two of you" is "the two of us"."""
_NAME_KEY: Final = re.compile(r"^exercise\.([a-z][a-z_]*)\.name$")


def spoken_forms(name: str) -> list[str]:
    """What a person may say back for an exercise's spoken name, normalised as Alexa writes
    slot values: "a short check-in with yourself" -> "a short check in with yourself",
    "short check in with yourself", "check in with yourself", "a short check in with myself",
    ... (articles and a size word dropped, the person shifted, hyphens as spaces)."""
    words = list(tokens(ssml_to_text(name, pauses=False).replace("-", " ")))
    if not words:
        return []
    heads = [words]
    if words[0] in _ARTICLES and len(words) > 1:
        heads.append(words[1:])
        if words[1] in _SIZE_WORDS and len(words) > 2:
            heads.append(words[2:])
    # "the check in with yourself": said back with "the" whatever the article was.
    heads += [["the", *h] for h in heads if h[0] not in _ARTICLES]
    forms: list[str] = []
    for head in heads:
        for ws in (head, [_PERSON.get(w, w) for w in head]):
            form = " ".join(ws)
            if form not in forms:
                forms.append(form)
    return forms


def exercise_names(catalog: Catalog) -> list[tuple[str, str]]:
    """(exercise id, spoken form) for every exercise the catalog names, its id read with
    spaces included ("check in", "grounding"): the content key ``exercise.<prefix>.name``
    gives the id by the rule of skill/exercises/base.py (``_`` -> ``-``)."""
    pairs: list[tuple[str, str]] = []
    for key, prompts in catalog.prompts.items():
        found = _NAME_KEY.match(key)
        if found is None:
            continue
        exercise = found.group(1).replace("_", "-")
        forms = [exercise.replace("-", " ")]
        for variant in prompts.variants:
            forms.extend(f for f in spoken_forms(variant) if f not in forms)
        pairs.extend((exercise, form) for form in forms)
    return pairs
