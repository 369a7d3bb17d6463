"""Two second coders, ``ana`` and ``ben``, on the double-coded sample: realistic disagreement.

They code with the student codebook, turn by turn, and depart from the key in the ways real
coders do (none of it random noise; published intercoder agreement on qualitative codes is
usually κ 0.6–0.85, and so is theirs):

- **boundary cases**: where the writers marked a code ``?`` (a careful coder could reasonably
  disagree), each of them may leave it out, sometimes putting the neighboring code of the
  codebook (``codes.CONFUSABLE``) in its place;
- **adjacent codes**: where a turn carries a code whose neighbor in the codebook also fits the
  model, a coder sometimes reads the neighbor into the turn as well, or instead;
- **secondary codes**: on a turn with two or three codes, a coder sometimes codes only its
  main point (the code on the most words) and leaves a minor one out;
- **under-application**: ben applies one code (``UNDER``) only where it is most explicit,
  missing most of its instances;
- **definition drift**: ana's reading of one code widens as she works through the sample, so
  later sessions get it on turns that carry its neighbor in the codebook (the adjacent pair
  of ``codes.CONFUSABLE`` with the most such turns).

The strength of all of these is lowered step by step from ``START`` (and recorded) until both
coders keep Cohen's κ ≥ ``TARGET`` against the key, computed with
:func:`qualkit.agreement.cohens_kappa`: the weaker coder ends just above it, the other a little
higher, as in a real team's reliability check.
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
TARGET = 0.72  # the weaker coder's κ against the key ends just above this
START = 2.0
# Per-decision chances at strength 1 (capped below 1 when the strength is higher).
BOUNDARY, SWAP, ADJACENT, SECONDARY, UNDER_MISS, DRIFT = 0.55, 0.5, 0.2, 0.35, 0.8, 0.9
# ana is the more careful reader of the two outside her drifting code (a team's coders differ).
CARE = {"ana": 0.75, "ben": 1.0}


@dataclass(frozen=True)
class SampleUnit:
    """A turn of a double-coded session: its model, key codes, boundary codes and the codes
    that are not its main point (``secondary``: on a multi-coded turn, all but the code on
    the most words)."""

    unit: Unit
    model: str
    codes: frozenset[str]
    boundary: frozenset[str]
    secondary: frozenset[str] = frozenset()


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


def _chance(rate: float, strength: float) -> float:
    return min(0.95, rate * strength)


def _one_coder(rng, item: SampleUnit, allowed: set[str], strength: float, under) -> set[str]:
    """One coder's codes for one turn: the key's, read the planted ways."""
    chosen = set()
    for code in sorted(item.codes & allowed):
        keeps = True
        neighbors = [p for p in partners(code) if p in allowed and p not in item.codes]
        if code in item.boundary:  # she reads the boundary case her own way
            keeps = rng.random() >= _chance(BOUNDARY, strength)
            if not keeps and neighbors and rng.random() < SWAP:
                chosen.add(neighbors[0])
        elif neighbors and rng.random() < _chance(ADJACENT, strength):
            chosen.add(rng.choice(neighbors))  # the neighbor read in as well, or instead
            keeps = rng.random() < 0.5
        if keeps and code in item.secondary and rng.random() < _chance(SECONDARY, strength):
            keeps = False
        if keeps and code == under and rng.random() < _chance(UNDER_MISS, strength):
            keeps = False
        if keeps:
            chosen.add(code)
    return chosen


def _code(rng: random.Random, units: list[SampleUnit], strength: float, under, drift):
    ana: set[Decision] = set()
    ben: set[Decision] = set()
    sessions = list(dict.fromkeys(u.unit[0] for u in units))
    for item in units:
        allowed = set(codes_for(item.model)) & set(STUDENT_LABELS)
        ana |= {
            (item.unit, c) for c in _one_coder(rng, item, allowed, strength * CARE["ana"], None)
        }
        ben |= {
            (item.unit, c) for c in _one_coder(rng, item, allowed, strength * CARE["ben"], under)
        }
        if drift and drift[1] in item.codes and drift[0] in allowed and drift[0] not in item.codes:
            progress = sessions.index(item.unit[0]) / max(1, len(sessions) - 1)
            if rng.random() < _chance(DRIFT * progress, strength):
                ana.add((item.unit, drift[0]))
    return ana, ben


def code_sample(rng_seed: str, units: list[SampleUnit]) -> SecondCoding:
    """ana's and ben's codings of the sample (units in coding order)."""
    under = _pick_under(units)
    drift = _pick_drift(units, under)
    unit_ids = [u.unit for u in units]
    truth = {(u.unit, c) for u in units for c in u.codes if c in STUDENT_LABELS}
    strength = START
    while True:
        ana, ben = _code(random.Random(rng_seed), units, strength, under, drift)
        kappa = {
            "ana_key": decisions_kappa(ana, truth, unit_ids),
            "ben_key": decisions_kappa(ben, truth, unit_ids),
            "ana_ben": decisions_kappa(ana, ben, unit_ids),
        }
        if min(kappa["ana_key"], kappa["ben_key"]) >= TARGET or strength <= 0.1:
            break
        strength = round(strength - 0.05, 2)
    pairs = [(u, c) for u in unit_ids for c in STUDENT_LABELS]
    alpha = krippendorff_alpha([[p in ana for p in pairs], [p in ben for p in pairs]])
    return SecondCoding(frozenset(ana), frozenset(ben), under, drift, strength, kappa, alpha)
