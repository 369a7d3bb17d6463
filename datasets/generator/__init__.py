"""Seeded generator of qualkit's simulated focus-group corpus (instructor side: holds the key)."""
