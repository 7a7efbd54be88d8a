"""Deploy values the packaging tests share."""

LEGAL_BASE = "https://steadyheart-coach.org/legal"
"""A test address for the policy pages: the package check refuses only addresses that can never
be real, so this one is accepted."""
