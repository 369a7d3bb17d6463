"""Two second coders, ``ana`` and ``ben``, on the double-coded sample: realistic disagreement.

They code with the student codebook, turn by turn, and depart from the key in the three ways
real coders do (none of it random noise):

- **boundary cases**: where the writers marked a code ``?`` (a careful coder could reasonably
  disagree), one of them leaves it out, sometimes putting the neighbouring code of the
  codebook (``codes.CONFUSABLE``) in its place;
- **under-application**: ben applies one code (``UNDER``) only where it is most explicit,
  missing most of its other instances;
- **definition drift**: ana's reading of one code widens as she works through the sample, so
  later sessions get it on turns that carry its neighbour in the codebook as well (the adjacent
  pair of ``codes.CONFUSABLE`` with the most such turns).

Strength is lowered step by step (and recorded) until both coders keep Cohen's κ ≥ 0.70
against the key, computed with :func:`qualkit.agreement.cohens_kappa`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from generator.codes import CONFUSABLE, STUDENT_LABELS, codes_for, partners
from qualkit.agreement import cohens_kappa, krippendorff_alpha

Unit = tuple[str, int]
Decision = tuple[Unit, str]
# Preferences for the under-applied code: the first the sample holds often enough is used.
UNDER = ("X_COLLAB_ENGAGE", "X_MULTI_NEEDS", "X_MOUD_AGENCY", "X_IDENTITY_GROWTH")
TARGET = 0.70


@dataclass(frozen=True)
class SampleUnit:
    """A turn of a double-coded session: its model, key codes and boundary codes."""

    unit: Unit
    model: str
    codes: frozenset[str]
    boundary: frozenset[str]


@dataclass(frozen=True)
class SecondCoding:
    ana: frozenset[Decision]
    ben: frozenset[Decision]
    under: str | None  # the code ben under-applies
    drift: tuple[str, str] | None  # (code ana widens, the code whose turns it spreads to)
    strength: float
    kappa: dict[str, float]
    alpha_ana_ben: float


def decisions_kappa(a: set[Decision], b: set[Decision], units: list[Unit]) -> float:
    """Pooled Cohen's κ over every unit × student code presence/absence decision."""
    pairs = [(u, c) for u in units for c in STUDENT_LABELS]
    return cohens_kappa([p in a for p in pairs], [p in b for p in pairs])


def _pick_under(units: list[SampleUnit]) -> str | None:
    for code in UNDER:
        if sum(code in u.codes for u in units) >= 6:
            return code
    return None


def _pick_drift(units: list[SampleUnit], under: str | None) -> tuple[str, str] | None:
    """The adjacent pair (codebook.CONFUSABLE) whose widening would reach the most turns."""
    best, reach = None, 2
    for a, b in CONFUSABLE:
        for code, neighbour in ((a, b), (b, a)):
            if code == under or code not in STUDENT_LABELS:
                continue
            count = sum(
                neighbour in u.codes and code not in u.codes and code in codes_for(u.model)
                for u in units
            )
            if count > reach:
                best, reach = (code, neighbour), count
    return best


def _code(rng: random.Random, units: list[SampleUnit], strength: float, under, drift):
    ana: set[Decision] = set()
    ben: set[Decision] = set()
    sessions = list(dict.fromkeys(u.unit[0] for u in units))
    for item in units:
        allowed = set(codes_for(item.model)) & set(STUDENT_LABELS)
        for code in sorted(item.codes & allowed):
            decision = (item.unit, code)
            a_keeps = b_keeps = True
            if code in item.boundary:  # each reads it her own way
                a_keeps = rng.random() >= 0.5 * strength
                b_keeps = rng.random() >= 0.5 * strength
                for keeps, coder in ((a_keeps, ana), (b_keeps, ben)):
                    swaps = [p for p in partners(code) if p in allowed and p not in item.codes]
                    if not keeps and swaps and rng.random() < 0.5:
                        coder.add((item.unit, swaps[0]))
            if code == under and b_keeps and rng.random() < 0.75 * strength:
                b_keeps = False
            if a_keeps:
                ana.add(decision)
            if b_keeps:
                ben.add(decision)
        if drift and drift[1] in item.codes and drift[0] in allowed and drift[0] not in item.codes:
            progress = sessions.index(item.unit[0]) / max(1, len(sessions) - 1)
            if rng.random() < 0.9 * progress * strength:
                ana.add((item.unit, drift[0]))
    return ana, ben


def code_sample(rng_seed: str, units: list[SampleUnit]) -> SecondCoding:
    """ana's and ben's codings of the sample (units in coding order)."""
    under = _pick_under(units)
    drift = _pick_drift(units, under)
    unit_ids = [u.unit for u in units]
    truth = {(u.unit, c) for u in units for c in u.codes if c in STUDENT_LABELS}
    strength = 1.0
    while True:
        ana, ben = _code(random.Random(rng_seed), units, strength, under, drift)
        kappa = {
            "ana_key": decisions_kappa(ana, truth, unit_ids),
            "ben_key": decisions_kappa(ben, truth, unit_ids),
            "ana_ben": decisions_kappa(ana, ben, unit_ids),
        }
        if min(kappa["ana_key"], kappa["ben_key"]) >= TARGET or strength <= 0.1:
            break
        strength = round(strength - 0.1, 2)
    pairs = [(u, c) for u in unit_ids for c in STUDENT_LABELS]
    alpha = krippendorff_alpha([[p in ana for p in pairs], [p in ben for p in pairs]])
    return SecondCoding(frozenset(ana), frozenset(ben), under, drift, strength, kappa, alpha)
