"""Two simulated second coders, ``ana`` and ``ben``, on the double-coded sample.

They code with the student codebook, so they never use the left-out codes. Their departures
from the key are controlled, in counts proportional to the key's positive decisions *K*
(unit × code, student codes, sample only):

- shared confusions (both put the same adjacent code in place of the key's): 12% of K;
- for each coder separately, on different units: misses 12%, confusions 6%, false positives
  8% (a tempting trap code on a distractor first, else a code adjacent to one already there).

For pooled unit × code decisions this lands Cohen's κ near 0.71 for each coder against the key
and near 0.67 between them (κ ≈ 2a / (2a + b + c) when codes are rare). One rare code — the
*prevalence paradox* code — is handled separately: ana codes every key unit of it, ben only the
first plus two false positives, so the two agree on more than 99% of its decisions while κ stays
below 0.5.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

from generator.codes import SEED, STUDENT_LABELS, model_of, partners

Unit = tuple[str, int]
Decision = tuple[Unit, str]
SHARED_CONFUSION, MISS, CONFUSION, FALSE_POSITIVE = 0.12, 0.12, 0.06, 0.08


@dataclass(frozen=True)
class KeyUnit:
    """A turn of a double-coded session as the key sees it."""

    unit: Unit
    model: str
    participant: bool
    codes: tuple[str, ...]
    trap: tuple[str, ...]


@dataclass(frozen=True)
class SecondCoding:
    """Both coders' decisions and the paradox code."""

    ana: frozenset[Decision]
    ben: frozenset[Decision]
    paradox_code: str | None


def pooled_kappa(a: Iterable[Decision], b: Iterable[Decision], n: int) -> float:
    """Cohen's κ over ``n`` presence/absence decisions, given the positive ones of each coder.

    >>> round(pooled_kappa({1, 2}, {1, 3, 4}, 420), 4)
    0.3966
    """
    a, b = set(a), set(b)
    both = len(a & b)
    neither = n - len(a | b)
    observed = (both + neither) / n
    pa, pb = len(a) / n, len(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def _fits(code: str, model: str) -> bool:
    return code in STUDENT_LABELS and model_of(code) in (model, None)


def code_sample(rng: random.Random, units: list[KeyUnit]) -> SecondCoding:
    """Simulate ana's and ben's codings of the sample."""
    by_unit = {u.unit: u for u in units}
    positives = [(u.unit, c) for u in units for c in u.codes if c in STUDENT_LABELS]
    rare = sorted(
        {c for _, c in positives if SEED[c].tier == "R"},
        key=lambda c: (sum(1 for _, x in positives if x == c), STUDENT_LABELS.index(c)),
    )
    paradox = rare[0] if rare else None
    general = [p for p in positives if p[1] != paradox]
    rng.shuffle(general)
    k = len(general)

    def swap(decision: Decision) -> Decision | None:
        unit, code = decision
        info = by_unit[unit]
        options = [p for p in partners(code) if _fits(p, info.model) and p not in info.codes]
        return (unit, rng.choice(options)) if options else None

    # Shared confusions first, on units where a swap exists (ambiguous talk is easiest).
    swappable = [d for d in general if swap(d) is not None]
    shared = swappable[: round(SHARED_CONFUSION * k)]
    rest = [d for d in general if d not in shared]
    shared_swaps = {d: swap(d) for d in shared}
    ana = set(general) - set(shared) | set(shared_swaps.values())
    ben = set(ana)
    # Individual errors on disjoint decisions.
    misses, confusions = round(MISS * k), round(CONFUSION * k)
    for coder, start in ((ana, 0), (ben, misses + confusions)):
        chosen = rest[start : start + misses + confusions]
        for index, decision in enumerate(chosen):
            coder.discard(decision)
            if index >= misses:
                swapped = swap(decision)
                if swapped is not None:
                    coder.add(swapped)
    # False positives: trap codes on distractors first, then adjacent codes.
    traps = [(u.unit, t) for u in units for t in u.trap if _fits(t, u.model) and t not in u.codes]
    adjacent = [
        (u.unit, p)
        for u in units
        if u.participant
        for c in u.codes
        for p in partners(c)
        if _fits(p, u.model) and p not in u.codes and p != paradox
    ]
    rng.shuffle(traps)
    rng.shuffle(adjacent)
    candidates = list(dict.fromkeys(traps + adjacent))
    wanted = round(FALSE_POSITIVE * k)
    for coder in (ana, ben):
        added = 0
        for decision in list(candidates):
            if added == wanted:
                break
            if decision not in ana and decision not in ben:
                coder.add(decision)
                candidates.remove(decision)
                added += 1
    # The prevalence paradox: near-perfect percent agreement, low κ.
    if paradox is not None:
        own = sorted(d for d in positives if d[1] == paradox)
        ana.update(own)
        if len(own) > 1:  # with a single key unit, ben misses it
            ben.add(own[0])
        decoys = [
            u.unit
            for u in units
            if u.participant and paradox not in u.codes and set(partners(paradox)) & set(u.codes)
        ] or [u.unit for u in units if u.participant and paradox not in u.codes]
        rng.shuffle(decoys)
        ben.update((unit, paradox) for unit in decoys[:2])
    return SecondCoding(frozenset(ana), frozenset(ben), paradox)
