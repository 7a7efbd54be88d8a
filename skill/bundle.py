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


AWS_DIR = "aws"
"""Under ``_bundle/``: botocore's data cut to the DynamoDB calls the store makes (decision 0062),
with ``botocore.json`` naming the botocore version it was cut from."""


def aws_data_path(botocore_version: str) -> str | None:
    """The folder of botocore data cut at build time, when it was cut from this very botocore
    version; None (botocore's own data) from the repository or after a botocore change."""
    folder = BUNDLE_DIR / AWS_DIR
    try:
        with (folder / "botocore.json").open("rb") as f:
            made_from = json.load(f).get("version")
    except FileNotFoundError:
        return None
    return str(folder) if made_from == botocore_version else None
