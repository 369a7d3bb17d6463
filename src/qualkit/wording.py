"""Wording shared by messages: counts with their noun."""

from __future__ import annotations

__all__ = ["plural"]


def plural(count: int, noun: str, plural_form: str = "") -> str:
    """``count`` and ``noun``, plural unless one; ``plural_form`` for irregular nouns.

    >>> plural(1, "code"), plural(2, "code"), plural(1500, "category", "categories")
    ('1 code', '2 codes', '1,500 categories')
    """
    return f"{count:,} {noun if count == 1 else plural_form or noun + 's'}"
