"""One household: a partner who lives with her lives where she does; she works or she does not.

Casting draws a practice woman's partner and housing, or takes them from what her exchanges
declare; a husband or a boyfriend who "lives with her" cannot share a recovery house for
mothers, or her sister's or her mother's place. timeline.sheet_problems holds every sheet to
this, lives.declaration_problems names the exchange whose declaration breaks it. A role may
declare ``work: works | none`` ("I'm at work by eight", "So I'm home"); her sheet's work is held
to it, and no sheet has her "home with the baby" without a baby.
"""

from __future__ import annotations

import re

_LIVES_WITH_HER = re.compile(r"(?<!not )\blives? with her\b|\blive together\b|\bhusband\b"
                             r"|\bmarried\b|\bwife\b", re.I)  # fmt: skip
_APART = re.compile(r"\bnot live with her\b|\bseparated\b|\bdivorced\b|\bmove out\b", re.I)
_NO_PARTNER_THERE = re.compile(r"recovery house|with her sister|with her mother", re.I)
HOUSEHOLD = ("partner", "housing", "work")  # what a role may declare of her household
WORK = ("works", "none")  # a role's work: she has a job now, or she has none (home, looking)
_NO_JOB = re.compile(r"^none\b|\bnot working\b|\bhome with\b|\bon (?:unpaid )?leave\b", re.I)
_HOME_WITH_BABY = re.compile(r"\bhome with the baby\b", re.I)


def household_problem(partner: str, housing: str) -> str | None:
    """Why her partner and her housing cannot both hold, or None: a partner who lives with her
    (a husband, a boyfriend who "lives with her") and a home he cannot live in (a recovery
    house for mothers, her sister's or her mother's place)."""
    lives_with_her = _LIVES_WITH_HER.search(partner) and not _APART.search(partner)
    if lives_with_her and _NO_PARTNER_THERE.search(housing):
        return f"her partner ('{partner}') lives with her, but she lives in '{housing}'"
    return None


def has_job(work: str) -> bool:
    """Whether a sheet's work is a job she goes to now (not "none", "not working", "home with
    the baby" or "on leave")."""
    return not _NO_JOB.search(work)


def work_misfit(work: str, declared: str) -> str | None:
    """Why her sheet's work does not fit what a role declares of it, or None."""
    if has_job(work) != (declared == "works"):
        said = "she works" if declared == "works" else "she has no job now"
        return f"her exchange says {said}, but her work is '{work}'"
    return None


def work_problem(work: str, youngest_months: float | None) -> str | None:
    """Why her work cannot hold with her children, or None: "home with the baby" with no
    child under two (``youngest_months`` None: no child)."""
    if _HOME_WITH_BABY.search(work) and (youngest_months is None or youngest_months >= 24):
        return f"her work is '{work}', but she has no baby"
    return None
