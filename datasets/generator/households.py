"""One household: a partner who lives with her lives where she does.

Casting draws a practice woman's partner and housing, or takes them from what her exchanges
declare; a husband or a boyfriend who "lives with her" cannot share a recovery house for
mothers, or her sister's or her mother's place. timeline.sheet_problems holds every sheet to
this, lives.declaration_problems names the exchange whose declaration breaks it.
"""

from __future__ import annotations

import re

_LIVES_WITH_HER = re.compile(r"(?<!not )\blives? with her\b|\blive together\b|\bhusband\b"
                             r"|\bmarried\b|\bwife\b", re.I)  # fmt: skip
_APART = re.compile(r"\bnot live with her\b|\bseparated\b|\bdivorced\b|\bmove out\b", re.I)
_NO_PARTNER_THERE = re.compile(r"recovery house|with her sister|with her mother", re.I)
HOUSEHOLD = ("partner", "housing")


def household_problem(partner: str, housing: str) -> str | None:
    """Why her partner and her housing cannot both hold, or None: a partner who lives with her
    (a husband, a boyfriend who "lives with her") and a home he cannot live in (a recovery
    house for mothers, her sister's or her mother's place)."""
    lives_with_her = _LIVES_WITH_HER.search(partner) and not _APART.search(partner)
    if lives_with_her and _NO_PARTNER_THERE.search(housing):
        return f"her partner ('{partner}') lives with her, but she lives in '{housing}'"
    return None
