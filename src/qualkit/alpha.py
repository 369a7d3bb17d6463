"""Krippendorff's alpha: any number of coders, missing values, four levels of measurement.

α = 1 − D_o / D_e over a coders × units table (Hayes & Krippendorff 2007; Krippendorff 2011,
2019). Part of the kit's agreement coefficients (:mod:`qualkit.agreement`, which re-exports
it and states the conventions they share); kept apart because its distances and its encoding
of missing values are a concept of their own.
"""

from __future__ import annotations

import math
from itertools import combinations
from typing import Literal

import numpy as np
import pandas as pd

from qualkit.errors import InputError

__all__ = ["LEVELS", "Level", "is_missing", "krippendorff_alpha"]

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[Level, ...] = ("nominal", "ordinal", "interval", "ratio")


def is_missing(label: object) -> bool:
    """``None`` or NaN: no value given (a label of any other kind is one)."""
    return label is None or (isinstance(label, float) and math.isnan(label))


def _encode_reliability(data, level: Level) -> tuple[np.ndarray, np.ndarray | None]:
    """Return (coders × units int array of value indices, −1 = missing; sorted values or None)."""
    source = "krippendorff_alpha"
    try:
        table = np.asarray(data)
        if table.dtype.kind not in "biuf":
            # Object dtype keeps None and NaN as they are (str dtype would turn NaN into "nan").
            table = np.asarray(data, dtype=object)
    except ValueError:
        table = None
    if table is None or table.ndim != 2:
        raise InputError(source, "reliability_data", "a coders × units table (rows equal length)")
    if table.shape[0] < 2:
        raise InputError(source, "reliability_data", "at least two coders (rows)", table.shape[0])
    if table.shape[1] == 0:
        raise InputError(source, "reliability_data", "at least one unit (column)", 0)

    flat = table.ravel()
    if table.dtype.kind in "biuf":
        present = ~np.isnan(flat.astype(float))
    else:
        present = ~np.fromiter(map(is_missing, flat), dtype=bool, count=flat.size)
    codes = np.full(flat.size, -1, dtype=np.int64)
    if level == "nominal":
        codes[present] = pd.factorize(flat[present])[0]
        return codes.reshape(table.shape), None
    try:
        numbers = flat[present].astype(float)
    except (TypeError, ValueError):
        raise InputError(source, "reliability_data", f"numbers for level {level!r}") from None
    if level == "ratio" and (numbers < 0).any():
        raise InputError(source, "reliability_data", "numbers ≥ 0 for level 'ratio'")
    values, codes[present] = np.unique(numbers, return_inverse=True)
    return codes.reshape(table.shape), values


def _observed(codes: np.ndarray, distance) -> float:
    """Σ_ck o_ck δ²_ck: over units, every ordered pair of values weighs 1 / (m_u − 1).

    ``codes`` is coders × units (−1 = missing). Looping over coder pairs keeps memory at
    O(units), with no values × values coincidence matrix.
    """
    present = codes >= 0
    m_u = present.sum(axis=0)
    weight = np.divide(1.0, m_u - 1, out=np.zeros(m_u.shape), where=m_u >= 2)
    total = 0.0
    for i, j in combinations(range(len(codes)), 2):
        both = present[i] & present[j]
        total += 2 * (weight[both] @ distance(codes[i, both], codes[j, both]))  # δ² symmetric
    return total


def _distance(level: Level, x: np.ndarray | None):
    """δ²(c, k) for arrays of value indices c, k; x gives each index's value (or mid-rank)."""
    if level == "nominal":
        return np.not_equal
    if level == "ratio":
        return lambda c, k: _ratio_distance(x[c], x[k])
    return lambda c, k: (x[c] - x[k]) ** 2


def _ratio_distance(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    total = x + y
    return np.divide(
        (x - y) ** 2, total**2, out=np.zeros(np.broadcast(x, y).shape), where=total != 0
    )


def _expected(level: Level, x: np.ndarray, n_c: np.ndarray) -> float:
    """Σ_ck n_c n_k δ²_ck over the pairable values' totals n_c (x: value of each index)."""
    n = n_c.sum()
    if level == "nominal":
        return float(n * n - n_c @ n_c)
    if level in ("interval", "ordinal"):
        # Σ n_c n_k (x_c − x_k)² = 2 n Σ n_c (x_c − x̄)², centred for numerical accuracy.
        centred = x - (n_c @ x) / n
        return float(2 * n * (n_c @ centred**2))
    # Ratio distances do not factor: sum them in blocks of rows to bound memory.
    return float(
        sum(
            n_c[i : i + 1024] @ _ratio_distance(x[i : i + 1024, None], x[None, :]) @ n_c
            for i in range(0, len(x), 1024)
        )
    )


def krippendorff_alpha(reliability_data, level: Level = "nominal") -> float:
    """Krippendorff's α = 1 − D_o / D_e for any number of coders, with missing values.

    Parameters
    ----------
    reliability_data : list of lists or 2-D array, coders × units
        One row per coder, one column per unit; ``None`` or NaN where a coder gave no value.
        Numbers at any level; at the nominal level also strings or other hashable labels.
        Units with fewer than two values are not pairable and drop out.
    level : {"nominal", "ordinal", "interval", "ratio"}
        Level of measurement, which sets the distance δ² between two values.

    Returns
    -------
    float
        α (1 perfect, 0 chance-level, below 0 systematic disagreement); ``nan`` when all
        pairable values are the same (D_e = 0).

    Notes
    -----
    Memory grows with units, not with distinct values squared, so continuous interval data
    are fine; at the ratio level time grows with distinct values squared.

    Examples
    --------
    Krippendorff's (2011) worked example, 4 coders × 12 units with missing values:

    >>> data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    ...         [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    ...         [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    ...         [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]]
    >>> [round(krippendorff_alpha(data, level), 3) for level in LEVELS]
    [0.743, 0.815, 0.849, 0.797]

    The kit's toy example (80% agreement, κ = 0.583) at the nominal level:

    >>> a = ["present"] * 6 + ["absent"] * 10 + ["present", "present", "absent", "absent"]
    >>> b = ["present"] * 6 + ["absent"] * 10 + ["absent", "absent", "present", "present"]
    >>> round(krippendorff_alpha([a, b]), 3)
    0.594
    """
    if level not in LEVELS:
        raise InputError("krippendorff_alpha", "level", f"one of {list(LEVELS)}", level)
    codes, values = _encode_reliability(reliability_data, level)
    n_values = int(codes.max()) + 1
    codes = codes[:, (codes >= 0).sum(axis=0) >= 2]  # pairable units only
    n_c = np.bincount(codes[codes >= 0], minlength=n_values).astype(float)
    n = n_c.sum()
    if n == 0:
        raise InputError(
            "krippendorff_alpha", "reliability_data", "at least one unit with two or more values"
        )
    # Ordinal δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)² is the interval distance between
    # mid-ranks: the number of pairable values below c plus half of those equal to c.
    x = np.cumsum(n_c) - n_c / 2 if level == "ordinal" else values
    expected = _expected(level, x, n_c)
    if expected <= 0:
        return math.nan
    return float(1 - (n - 1) * _observed(codes, _distance(level, x)) / expected)
