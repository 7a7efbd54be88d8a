"""Data validated at build time and shipped ready to load: one JSON file per kind and locale.

The sources stay YAML (``audio_scripts/``, ``skill/language/safety/rules/``) and are read and
checked by their own loaders, which tests and tools use. ``infra/build.py`` runs
``skill/bundle_build.py`` on the staged tree: every loader checks its source there (a bad file
fails the build), and what it produced is written as JSON under ``skill/_bundle/``. At run time
each loader asks :func:`bundled` first. In the artifact the file is there: ``json.loads`` of what
was already checked, about a millisecond, no YAML parser. From the repository it is not
(``_bundle/`` is never committed), and the loader reads the YAML, so an edit is seen at once.

A bundle only stands for the sources it was built from: a loader pointed at another folder
(a test's, or ``STEADYHEART_CONTENT_DIR``) reads that folder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

BUNDLE_DIR = Path(__file__).resolve().parent / "_bundle"
DEFAULT_CONTENT_DIR = BUNDLE_DIR.parent.parent / "audio_scripts"
"""Where the content sits next to the package, in the repository and in the artifact."""


def bundled(name: str, source: Path, default: Path = DEFAULT_CONTENT_DIR) -> Any:
    """The bundle ``name`` when ``source`` is the folder it was built from and it exists."""
    if source != default:
        return None
    try:
        with (BUNDLE_DIR / f"{name}.json").open("rb") as f:
            return json.load(f)
    except FileNotFoundError:
        return None
