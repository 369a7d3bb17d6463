"""Code saturation: when do new units (interviews, focus groups) stop adding new codes?

Implements the base-size / run-length / new-information-threshold method of Guest, Namey &
Chen (2020), "A simple method to assess and report thematic saturation in qualitative
research", *PLoS One* 15(5):e0232076, doi:10.1371/journal.pone.0232076.

Units are numbered 1, 2, … in collection (or coding) order; each unit contributes the set of
codes found in it. A code is *new* in the unit where it first appears anywhere in the data.

Stepping rule, as :func:`assess_saturation` applies it:

1. The **base** is units 1…b. Its number of unique codes is the denominator, and it stays fixed
   (codes found in later runs are not added to it).
2. The first **run** is units b+1…b+r. Its saturation ratio is the number of codes appearing
   for the first time in the dataset within the run, divided by the base count.
3. If the ratio exceeds the threshold, the run slides forward by one unit (b+2…b+r+1) and
   the ratio is recomputed; codes already seen, including those found in earlier failed runs,
   are no longer new.
4. At the first run whose ratio is at most the threshold (≤ 5% or 0% in the paper),
   saturation is declared at the unit before the run starts, N = run start − 1, reported
   "N+r": saturated at unit N, confirmed by a run of r units with (almost) no new codes.

Always report b, r and the threshold with the result. The method measures *code* saturation
under a codebook approach; it says nothing about meaning saturation, and reflexive thematic
analysis rejects saturation as a quality criterion.

Toy example (new codes per unit 9, 6, 4, 3, 2, 1, 0, 1, 0, 0; the base holds 22 codes; the run
5–6 adds 3, 13.6%; the run 6–7 adds 1, 4.5%):

>>> counts = [9, 6, 4, 3, 2, 1, 0, 1, 0, 0]
>>> units, seen = [], 0
>>> for count in counts:  # invent codes c1, c2, ... to match the counts
...     units.append({f"c{seen + i + 1}" for i in range(count)} | {"c1"})
...     seen += count
>>> result = assess_saturation(units)
>>> result.base_codes, result.new_counts
(22, (9, 6, 4, 3, 2, 1, 0, 1, 0, 0))
>>> [(run.start, run.end, run.new_codes, round(run.ratio, 3)) for run in result.runs]
[(5, 6, 3, 0.136), (6, 7, 1, 0.045)]
>>> result.status, result.reported, result.saturation_unit
('reached', '5+2', 5)
>>> assess_saturation(units, threshold=0.0).reported
'8+2'
>>> cumulative_codes(units)
(9, 15, 19, 22, 24, 25, 25, 26, 26, 26)
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import accumulate
from numbers import Real
from typing import Literal

import pandas as pd

from qualkit.errors import InputError

__all__ = [
    "SaturationResult",
    "SaturationRun",
    "assess_saturation",
    "cumulative_codes",
    "new_codes",
]

Status = Literal["reached", "not_reached", "not_assessable"]


def new_codes(codes_per_unit: Iterable[Iterable[Hashable]]) -> tuple[frozenset, ...]:
    """The codes appearing for the first time in each unit, in order.

    >>> [sorted(codes) for codes in new_codes([{"A", "B"}, {"B", "C"}, {"A"}])]
    [['A', 'B'], ['C'], []]
    """
    seen: set[Hashable] = set()
    result = []
    for i, codes in enumerate(codes_per_unit):
        if isinstance(codes, str | bytes):
            # A lone string would be read as a set of characters.
            raise InputError("codes_per_unit", f"unit {i + 1}", "a collection of codes", codes)
        fresh = frozenset(codes) - seen
        seen |= fresh
        result.append(fresh)
    return tuple(result)


def cumulative_codes(codes_per_unit: Iterable[Iterable[Hashable]]) -> tuple[int, ...]:
    """Number of unique codes found in units 1…i, for each unit i (the saturation curve).

    >>> cumulative_codes([{"A", "B"}, {"B", "C"}, {"A"}])
    (2, 3, 3)
    """
    return tuple(accumulate(len(fresh) for fresh in new_codes(codes_per_unit)))


@dataclass(frozen=True)
class SaturationRun:
    """One run assessed: units ``start``…``end`` (1-based, inclusive), the number of codes new
    to the dataset within it, and ``ratio`` = new codes ÷ base codes (a share, 0.05 = 5%)."""

    start: int
    end: int
    new_codes: int
    ratio: float


@dataclass(frozen=True)
class SaturationResult:
    """Outcome of :func:`assess_saturation`; units are numbered from 1 in collection order.

    ``new_codes[i]`` / ``new_counts[i]``: codes first found in unit i + 1 and how many;
    ``cumulative``: unique codes found so far after each unit; ``base_codes``: unique codes in
    the base (the fixed denominator); ``runs``: runs assessed in order, up to and including the
    first that qualifies. ``status`` is ``"reached"`` (then ``saturation_unit`` is N and
    ``reported`` is ``"N+r"``), ``"not_reached"`` or ``"not_assessable"`` (``reason`` says why).
    """

    base: int
    run: int
    threshold: float
    new_codes: tuple[frozenset, ...]
    new_counts: tuple[int, ...]
    cumulative: tuple[int, ...]
    base_codes: int
    runs: tuple[SaturationRun, ...]
    status: Status
    saturation_unit: int | None = None
    reported: str | None = None
    reason: str = ""

    def to_frame(self) -> pd.DataFrame:
        """The new-codes table: per unit, new codes (count and sorted names) and the total."""
        return pd.DataFrame(
            {
                "new codes": self.new_counts,
                "cumulative codes": self.cumulative,
                "codes first found": [", ".join(sorted(map(str, c))) for c in self.new_codes],
            },
            index=pd.RangeIndex(1, len(self.new_counts) + 1, name="unit"),
        )


def _check_size(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError("assess_saturation", name, "a whole number ≥ 1", value)


def assess_saturation(
    codes_per_unit: Sequence[Iterable[Hashable]],
    base: int = 4,
    run: int = 2,
    threshold: float = 0.05,
) -> SaturationResult:
    """Assess code saturation by Guest, Namey & Chen's (2020) method (see the module docstring).

    Parameters
    ----------
    codes_per_unit : sequence of iterables of codes
        In collection order, the codes found in each unit (interview or focus group).
    base : int
        Number of units in the base (the paper suggests 4 to 6).
    run : int
        Number of units in each run (2 or 3).
    threshold : float
        Largest share of new information (new codes in a run ÷ base codes) that still counts
        as saturated: 0.05 for ≤ 5%, 0.0 for no new codes; 0 ≤ threshold < 1.

    Examples
    --------
    >>> assess_saturation([{"A", "B"}, {"C"}], base=1, run=2).reason
    'too few units: base + run = 3 units needed, 2 given'
    >>> assess_saturation([set(), set(), {"A"}], base=2, run=1).reason
    'no codes in the base (units 1–2)'
    >>> assess_saturation([{"A"}, {"B"}, {"C"}], base=1, run=1).status
    'not_reached'
    """
    _check_size("base", base)
    _check_size("run", run)
    if isinstance(threshold, bool) or not isinstance(threshold, Real):
        raise InputError("assess_saturation", "threshold", "a number 0 ≤ threshold < 1", threshold)
    if not 0 <= threshold < 1:
        raise InputError("assess_saturation", "threshold", "0 ≤ threshold < 1", threshold)

    fresh = new_codes(codes_per_unit)
    counts = tuple(len(f) for f in fresh)
    cumulative = tuple(accumulate(counts))
    base_codes = sum(counts[:base])
    outcome = partial(
        SaturationResult,
        base=base,
        run=run,
        threshold=threshold,
        new_codes=fresh,
        new_counts=counts,
        cumulative=cumulative,
        base_codes=base_codes,
    )
    if len(counts) < base + run:
        reason = f"too few units: base + run = {base + run} units needed, {len(counts)} given"
        return outcome(runs=(), status="not_assessable", reason=reason)
    if base_codes == 0:
        reason = f"no codes in the base (units 1–{base})"
        return outcome(runs=(), status="not_assessable", reason=reason)

    runs = []
    for start in range(base + 1, len(counts) - run + 2):  # 1-based first unit of each run
        found = sum(counts[start - 1 : start - 1 + run])
        runs.append(SaturationRun(start, start + run - 1, found, found / base_codes))
        if runs[-1].ratio <= threshold:
            return outcome(
                runs=tuple(runs),
                status="reached",
                saturation_unit=start - 1,
                reported=f"{start - 1}+{run}",
            )
    return outcome(runs=tuple(runs), status="not_reached")
