from __future__ import annotations

from typing import Any

import pytest

from devtools.nlu import Resolver
from tests.support.nlu_fixtures import MODEL_PATH, SKILL_ID, load_model


@pytest.fixture
def model() -> dict[str, Any]:
    """A fresh copy of the synthetic model, free to modify."""
    return load_model()


@pytest.fixture(scope="session")
def resolver() -> Resolver:
    return Resolver.from_file(MODEL_PATH, SKILL_ID)
