"""End-to-end evaluation: phrases sent the way a device sends them (see docs/safety.md)."""
