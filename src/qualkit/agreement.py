"""Agreement between coders: percent agreement and chance-corrected coefficients.

Two coders, one label per unit (``a`` and ``b`` are equal-length sequences of any hashable
labels: str, bool, int):

- :func:`percent_agreement` — share of units with the same label; ignores chance.
- :func:`cohens_kappa` — chance from each coder's own label shares (Cohen 1960).
- :func:`scotts_pi` — chance from the two coders' pooled label shares (Scott 1955).
- :func:`brennan_prediger` — chance 1/q for q categories, i.e. Bennett's S (Bennett, Alpert &
  Goldstein 1954; Brennan & Prediger 1981).
- :func:`gwet_ac1` — chance from pooled shares, sum of π(1 − π) / (q − 1) (Gwet 2008).
- :func:`pabak` — prevalence- and bias-adjusted κ for one yes/no code, 2·p_o − 1 (Byrt,
  Bishop & Carlin 1993): Bennett's S with two categories.
- :func:`specific_agreement` — positive and negative specific agreement of one yes/no code,
  p_pos = 2a/(2a+b+c) and p_neg = 2d/(2d+b+c) (Cicchetti & Feinstein 1990).

Any number of coders:

- :func:`fleiss_kappa` — units × categories table of rater counts (Fleiss 1971).
- :func:`krippendorff_alpha` — coders × units table, missing values allowed, nominal, ordinal,
  interval or ratio distances (Hayes & Krippendorff 2007; Krippendorff 2011, 2019).
  Its own module, :mod:`qualkit.alpha`; re-exported here.

Per code, over the kit's codings (presence or absence of each code on each unit): see
:mod:`qualkit.code_agreement`.

Conventions:

- All coefficients have the form (p_o − p_e) / (1 − p_e), or 1 − D_o / D_e for α. When chance
  agreement is certain (p_e = 1, D_e = 0: every value is the same category, or a code nobody
  applied) the coefficient is 0/0 and is returned as ``nan``, "undefined", as scikit-learn's
  ``cohen_kappa_score`` and statsmodels' ``fleiss_kappa`` also return; not 1.0, because data
  without variation cannot show whether coders can tell the categories apart. Percent
  agreement is then 1.0. For S and AC1, q is the number of categories observed unless
  ``categories`` names them all: with q = 1 they are undefined too; with q ≥ 2 named
  categories p_e < 1, so unanimous use of one category gives 1.0.
- Missing values are allowed only in :func:`krippendorff_alpha` (``None`` or NaN); units with
  fewer than two values are not pairable and drop out, as in Krippendorff (2011).
- Bad input raises :class:`qualkit.errors.InputError` (a ``ValueError``) naming the function,
  the argument, and what was expected.

The tests cross-check every coefficient against scikit-learn, statsmodels and the
``krippendorff`` package on random data.

References: Bennett, Alpert & Goldstein (1954), *Public Opinion Quarterly* 18(3):303–308;
Brennan & Prediger (1981), *Educ Psychol Meas* 41(3):687–699; Byrt, Bishop & Carlin (1993),
*J Clin Epidemiol* 46(5):423–429; Cicchetti & Feinstein (1990), *J Clin Epidemiol*
43(6):551–558; Feinstein & Cicchetti (1990), *J Clin Epidemiol* 43(6):543–549; Cohen (1960), *Educ Psychol Meas*
20(1):37–46; Fleiss (1971), *Psychol Bull* 76(5):378–382; Gwet (2008), *Br J Math Stat Psychol*
61(1):29–48; Hayes & Krippendorff (2007), *Commun Methods Meas* 1(1):77–89; Krippendorff
(2011), "Computing Krippendorff's alpha-reliability", Annenberg School for Communication;
Krippendorff (2019), *Content Analysis*, 4th ed., SAGE; Scott (1955), *Public Opinion
Quarterly* 19(3):321–325.

A rare code shows the prevalence paradox: 94% agreement, yet κ ≈ 0.37, because two coders who
almost never apply a code agree on "absent" by chance.

>>> a = [1] * 5 + [0] * 95
>>> b = [0] * 3 + [1] * 5 + [0] * 92
>>> percent_agreement(a, b), round(cohens_kappa(a, b), 3)
(0.94, 0.368)
"""

from __future__ import annotations

import math
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from qualkit.alpha import LEVELS, Level, is_missing, krippendorff_alpha
from qualkit.errors import InputError

__all__ = [
    "LEVELS",
    "Level",
    "SpecificAgreement",
    "brennan_prediger",
    "cohens_kappa",
    "fleiss_kappa",
    "gwet_ac1",
    "krippendorff_alpha",
    "pabak",
    "percent_agreement",
    "scotts_pi",
    "specific_agreement",
]


# --- two coders ----------------------------------------------------------------------------


def _pair_table(
    a: Sequence[Hashable], b: Sequence[Hashable], source: str, categories=None
) -> tuple[np.ndarray, int]:
    """Return the q × q table of counts (rows: a's labels, columns: b's) and q."""
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise InputError(source, "b", f"as many labels as a ({len(a)})", found=len(b))
    if not a:
        raise InputError(source, "a and b", "at least one unit", found=0)
    if categories is None:
        index: dict[Hashable, int] = {}
        codes = [index.setdefault(label, len(index)) for label in a + b]
    else:
        index = {label: i for i, label in enumerate(dict.fromkeys(categories))}
        codes = [index.get(label, -1) for label in a + b]
        if -1 in codes:
            at = codes.index(-1)
            where = f"a[{at}]" if at < len(a) else f"b[{at - len(a)}]"
            raise InputError(source, where, f"one of the categories {list(index)}", (a + b)[at])
    for label in index:
        if is_missing(label):
            raise InputError(
                source, "a and b", "no missing labels (krippendorff_alpha allows them)", label
            )
    q, n = len(index), len(a)
    cells = np.bincount(np.asarray(codes[:n]) * q + codes[n:], minlength=q * q)
    return cells.reshape(q, q), q


def _pooled_shares(counts: np.ndarray) -> np.ndarray:
    """π_k: share of label k among both coders' labels together."""
    return (counts.sum(axis=0) + counts.sum(axis=1)) / (2 * counts.sum())


def _chance_corrected(p_o: float, p_e: float) -> float:
    # 0/0 when chance agreement is certain: undefined, not perfect (see module docstring).
    if p_e >= 1 - 1e-12:
        return math.nan
    return float((p_o - p_e) / (1 - p_e))


def percent_agreement(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Share (0–1) of units on which two coders gave the same label.

    >>> percent_agreement(["x", "y", "y", "x"], ["x", "y", "x", "x"])
    0.75
    """
    counts, _ = _pair_table(a, b, "percent_agreement")
    return float(np.trace(counts) / counts.sum())


def cohens_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Cohen's (1960) κ for two coders: p_e = Σ_k p_k(a) · p_k(b), each coder's own shares.

    Examples
    --------
    A 2 × 2 table in Cohen's style (the worked example on Wikipedia's "Cohen's kappa" page):
    50 grant proposals, both readers say yes to 20, no to 15, they split 5 + 10;
    p_o = 0.70, p_e = 0.5 · 0.6 + 0.5 · 0.4 = 0.50.

    >>> a = ["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15
    >>> b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    >>> round(cohens_kappa(a, b), 3)
    0.4

    The kit's toy example: 20 segments, one code, both coders "present" 6 and "absent" 10,
    disagreeing 2 + 2: 80% agreement, p_e = 0.4² + 0.6² = 0.52, so κ = 0.583.

    >>> a = [True] * 6 + [False] * 10 + [True, True, False, False]
    >>> b = [True] * 6 + [False] * 10 + [False, False, True, True]
    >>> percent_agreement(a, b), round(cohens_kappa(a, b), 3)
    (0.8, 0.583)

    Without variation κ is undefined:

    >>> cohens_kappa(["x", "x"], ["x", "x"])
    nan
    """
    counts, _ = _pair_table(a, b, "cohens_kappa")
    p = counts / counts.sum()
    return _chance_corrected(np.trace(counts) / counts.sum(), p.sum(axis=1) @ p.sum(axis=0))


def scotts_pi(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Scott's (1955) π for two coders: p_e = Σ_k π_k², π_k the pooled share of label k.

    It equals Fleiss' κ with two raters.

    >>> a = [True] * 6 + [False] * 10 + [True, True, False, False]
    >>> b = [True] * 6 + [False] * 10 + [False, False, True, True]
    >>> round(scotts_pi(a, b), 3)
    0.583
    """
    counts, _ = _pair_table(a, b, "scotts_pi")
    shares = _pooled_shares(counts)
    return _chance_corrected(np.trace(counts) / counts.sum(), shares @ shares)


def brennan_prediger(
    a: Sequence[Hashable], b: Sequence[Hashable], categories: Collection[Hashable] | None = None
) -> float:
    """Bennett's S (Bennett, Alpert & Goldstein 1954; Brennan & Prediger 1981): p_e = 1/q.

    q is the number of ``categories`` when given (name them when some never occur, e.g. a
    category nobody used), otherwise the number of distinct labels observed.

    >>> a = [True] * 6 + [False] * 10 + [True, True, False, False]
    >>> b = [True] * 6 + [False] * 10 + [False, False, True, True]
    >>> round(brennan_prediger(a, b), 3)
    0.6
    >>> round(brennan_prediger(a, b, categories=[True, False, "unsure"]), 3)
    0.7
    """
    counts, q = _pair_table(a, b, "brennan_prediger", categories)
    return _chance_corrected(np.trace(counts) / counts.sum(), 1 / q)


def gwet_ac1(
    a: Sequence[Hashable], b: Sequence[Hashable], categories: Collection[Hashable] | None = None
) -> float:
    """Gwet's (2008) AC1: p_e = Σ_k π_k (1 − π_k) / (q − 1), π_k the pooled share of label k.

    q as in :func:`brennan_prediger`. AC1 resists the prevalence paradox: for the rare code
    in the module docstring (94% agreement, κ ≈ 0.37) AC1 is high.

    >>> a = [True] * 6 + [False] * 10 + [True, True, False, False]
    >>> b = [True] * 6 + [False] * 10 + [False, False, True, True]
    >>> round(gwet_ac1(a, b), 3)
    0.615
    >>> round(gwet_ac1([1] * 5 + [0] * 95, [0] * 3 + [1] * 5 + [0] * 92), 3)
    0.934
    """
    counts, q = _pair_table(a, b, "gwet_ac1", categories)
    if q < 2:
        return math.nan
    shares = _pooled_shares(counts)
    return _chance_corrected(np.trace(counts) / counts.sum(), shares @ (1 - shares) / (q - 1))


@dataclass(frozen=True)
class SpecificAgreement:
    """Specific agreement on one yes/no code (each 0–1, ``nan`` when its side never occurs).

    ``positive``: p_pos = 2a / (2a + b + c), agreement on the units where either coder said yes;
    ``negative``: p_neg = 2d / (2d + b + c), on the units where either said no. ``a``: both yes,
    ``d``: both no, ``b`` and ``c``: only one said yes.
    """

    positive: float
    negative: float


def _yes_no(a: Sequence[bool], b: Sequence[bool], source: str) -> tuple[int, int, int, int]:
    """Cells (a, b, c, d) of the 2 × 2 table of two coders' yes/no decisions."""
    counts, _ = _pair_table(a, b, source, categories=[True, False])
    return int(counts[0, 0]), int(counts[0, 1]), int(counts[1, 0]), int(counts[1, 1])


def specific_agreement(a: Sequence[bool], b: Sequence[bool]) -> SpecificAgreement:
    """Positive and negative specific agreement (Cicchetti & Feinstein 1990) of one code.

    Feinstein and Cicchetti's (1990) two tables with 85% agreement each: κ 0.70 when "yes" and
    "no" are balanced (a 40, b 9, c 6, d 45), κ 0.32 when "yes" dominates (80, 10, 5, 5). The
    specific agreements show where the coders differ: on the rare side.

    >>> def table(a, b, c, d):
    ...     return [True] * (a + b) + [False] * (c + d), [True] * a + [False] * b + [True] * c + [False] * d
    >>> x, y = table(40, 9, 6, 45)
    >>> s = specific_agreement(x, y)
    >>> round(cohens_kappa(x, y), 2), round(s.positive, 3), round(s.negative, 3)
    (0.7, 0.842, 0.857)
    >>> x, y = table(80, 10, 5, 5)
    >>> s = specific_agreement(x, y)
    >>> round(cohens_kappa(x, y), 2), round(s.positive, 3), round(s.negative, 3)
    (0.32, 0.914, 0.4)
    """
    yes, only_a, only_b, no = _yes_no(a, b, "specific_agreement")
    disagree = only_a + only_b
    positive = 2 * yes / (2 * yes + disagree) if yes + disagree else math.nan
    negative = 2 * no / (2 * no + disagree) if no + disagree else math.nan
    return SpecificAgreement(float(positive), float(negative))


def pabak(a: Sequence[bool], b: Sequence[bool]) -> float:
    """Prevalence- and bias-adjusted κ (Byrt, Bishop & Carlin 1993) of one yes/no code:
    2·p_o − 1, κ with the chance agreement of two balanced categories (p_e = 0.5).

    Both of Feinstein and Cicchetti's tables (see :func:`specific_agreement`) have p_o = 0.85,
    so PABAK is 0.70 for both, while κ is 0.70 and 0.32.

    >>> x, y = [True] * 90 + [False] * 10, [True] * 80 + [False] * 10 + [True] * 5 + [False] * 5
    >>> round(pabak(x, y), 2)
    0.7
    """
    yes, only_a, only_b, no = _yes_no(a, b, "pabak")
    return float(2 * (yes + no) / (yes + only_a + only_b + no) - 1)


# --- many coders ---------------------------------------------------------------------------


def fleiss_kappa(counts: Sequence[Sequence[int]] | np.ndarray) -> float:
    """Fleiss' (1971) κ from a units × categories table of how many raters chose each category.

    Every row must sum to the same number of raters m ≥ 2. P̄ is the mean share of agreeing
    rater pairs per unit; p_e = Σ_j p_j², p_j the share of all ratings in category j.

    Examples
    --------
    Fleiss' example as given on Wikipedia's "Fleiss' kappa" page: 10 subjects, 14 raters,
    5 categories; P̄ = 0.378, p_e = 0.213.

    >>> table = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0],
    ...          [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2],
    ...          [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    >>> round(fleiss_kappa(table), 3)
    0.21
    """
    try:
        table = np.asarray(counts, dtype=float)
    except ValueError:
        table = None
    if table is None or table.ndim != 2 or table.size == 0:
        raise InputError(
            "fleiss_kappa", "counts", "a non-empty units × categories table of rater counts"
        )
    if (table < 0).any() or (table != np.round(table)).any():
        raise InputError("fleiss_kappa", "counts", "whole numbers ≥ 0 (raters per category)")
    raters = table.sum(axis=1)
    m = raters[0]
    if (raters != m).any():
        row = int(np.flatnonzero(raters != m)[0])
        raise InputError(
            "fleiss_kappa",
            f"row {row}",
            f"{m:g} raters like row 0 (every row the same)",
            int(raters[row]),
        )
    if m < 2:
        raise InputError("fleiss_kappa", "counts", "at least two raters per unit", int(m))
    agreement = ((table * (table - 1)).sum(axis=1) / (m * (m - 1))).mean()
    shares = table.sum(axis=0) / table.sum()
    return _chance_corrected(agreement, shares @ shares)
