"""Demo culture surveys for seed_demo (2024 and 2025)."""
