"""The education year 2025 for ``seed_demo`` (filled in by a later step)."""
