"""What the screen finds, without the screen: the types every exercise and answer names.

The engine (:mod:`.engine`) and its rules are loaded the first time words are screened, not on a
turn that brings none (a launch, a button-like intent): the package imports this module only
(decision 0094).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["SafetyCategory", "SafetyFinding"]

SafetyCategory = Literal[
    "urgent",
    "suicide",
    "self_harm",
    "harm_others",
    "danger",
    "child",
    "sexual_abuse",
    "violence",
    "abuse",
]
"""What a finding is about; the skill answers each with its own resources (docs/safety.md).

``urgent``: harm in progress or the means ready (pills taken, a rope, "tonight");
``harm_others``: the person may hurt their partner, a child or someone else; ``child``: a
child is at risk, or a child is speaking."""


@dataclass(frozen=True, slots=True)
class SafetyFinding:
    """A sign of crisis in one utterance. It never carries the utterance itself."""

    category: SafetyCategory
