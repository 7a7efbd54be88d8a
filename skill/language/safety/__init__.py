"""The crisis and abuse screen: :func:`screen` over rule data (``rules/*.yaml``).

The engine (:mod:`.engine`) applies the rules; :mod:`.rules` loads and checks the data files.
"""

from skill.language.safety.engine import SafetyCategory, SafetyFinding, normalise, screen

__all__ = ["SafetyCategory", "SafetyFinding", "normalise", "screen"]
