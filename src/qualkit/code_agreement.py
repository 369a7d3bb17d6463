"""Agreement per code: did the coders agree on each code's presence or absence on each unit?

The kit's intercoder-reliability exercise, over :class:`qualkit.codings.Coding` records (the
pure coefficients are in :mod:`qualkit.agreement`):

- :func:`code_presence` — boolean array ``[coder, unit, code]``: did the coder apply the code to
  the unit (a ``(session_id, turn)`` pair)? Units are passed explicitly, because a unit nobody
  coded is still a unit on which every coder said "absent" to every code.
- :func:`per_code_agreement` → :class:`AgreementTable` of :class:`CodeAgreement` rows, with
  ``to_frame()`` for a lesson. Per code, each unit is one presence/absence decision per coder:
  ``prevalence`` is the share of all coder × unit decisions that say "present";
  ``percent_agreement`` is the share of agreeing coder pairs averaged over units (for two
  coders, the share of units on which they agree; it is the p_o that κ corrects); ``kappa`` is
  Cohen's κ for two coders and Fleiss' κ for three or more; ``alpha`` is nominal
  Krippendorff's α; ``applied`` counts the units each coder applied the code to. Two overall
  rows: ``pooled`` treats every unit × code pair as one decision and computes each statistic
  over all of them; ``mean`` averages the per-code values (codes with an undefined κ or α are
  skipped). Prevalence and percent agreement are the same in both, since every code has the
  same number of units.

Reading a coefficient: :data:`RELIABLE` (.80) and :data:`TENTATIVE` (.667) are Krippendorff's
(2019) bounds for reliable and for tentative conclusions, commonly applied to κ as well;
:func:`reliability` names the band a value falls in.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from qualkit.codings import Coding
from qualkit.errors import InputError
from qualkit.transcripts import Unit

__all__ = [
    "RELIABLE",
    "TENTATIVE",
    "AgreementTable",
    "CodeAgreement",
    "Reliability",
    "TwoByTwo",
    "code_presence",
    "per_code_agreement",
    "reliability",
    "two_by_two",
]

RELIABLE = 0.80
TENTATIVE = 0.667
Reliability = Literal["reliable", "tentative", "unreliable", "undefined"]


def reliability(value: float) -> Reliability:
    """The band of a κ or α: reliable (≥ .80), tentative (≥ .667), unreliable, or undefined.

    >>> reliability(0.85), reliability(0.7), reliability(0.3), reliability(float("nan"))
    ('reliable', 'tentative', 'unreliable', 'undefined')
    """
    if math.isnan(value):
        return "undefined"
    if value >= RELIABLE:
        return "reliable"
    return "tentative" if value >= TENTATIVE else "unreliable"


def _positions(items: Iterable[Hashable], name: str) -> dict[Hashable, int]:
    positions: dict[Hashable, int] = {}
    for item in items:
        if item in positions:
            raise InputError("code_presence", name, "each entry once", item)
        positions[item] = len(positions)
    return positions


def code_presence(
    codings: Iterable[Coding],
    units: Iterable[Unit],
    coders: Iterable[str],
    codes: Iterable[str],
) -> np.ndarray:
    """Boolean array ``[coder, unit, code]``, in the order given: True where the coder applied
    the code to the unit ``(session_id, turn)``.

    Codings outside the given units, coders or codes are ignored, so one call can select the
    double-coded sample from a larger set of codings.

    >>> codings = [Coding("S1", 1, "A", "ana"), Coding("S1", 2, "B", "ben"),
    ...            Coding("S9", 1, "A", "ana")]
    >>> code_presence(codings, [("S1", 1), ("S1", 2)], ["ana", "ben"], ["A", "B"]).astype(int)
    array([[[1, 0],
            [0, 0]],
    <BLANKLINE>
           [[0, 0],
            [0, 1]]])
    """
    unit_at = _positions(units, "units")
    coder_at = _positions(coders, "coders")
    code_at = _positions(codes, "codes")
    presence = np.zeros((len(coder_at), len(unit_at), len(code_at)), dtype=bool)
    where = np.array(
        [
            (
                coder_at.get(c.coder, -1),
                unit_at.get((c.session_id, c.turn), -1),
                code_at.get(c.code, -1),
            )
            for c in codings
        ],
        dtype=np.int64,
    ).reshape(-1, 3)
    where = where[(where >= 0).all(axis=1)]
    presence[where[:, 0], where[:, 1], where[:, 2]] = True
    return presence


@dataclass(frozen=True)
class CodeAgreement:
    """Agreement on one code's presence or absence (one row of an :class:`AgreementTable`).

    ``prevalence``: share (0–1) of coder × unit decisions saying "present".
    ``percent_agreement``: share (0–1) of agreeing coder pairs, averaged over units.
    ``kappa``: Cohen's κ (2 coders) or Fleiss' κ (3 or more); ``alpha``: nominal
    Krippendorff's α; either is ``nan`` when undefined (nobody, or everybody, applied the code).
    ``applied``: number of units each coder applied the code to, in the table's coder order
    (``None`` in the mean row, where a count means nothing).
    """

    code: str
    prevalence: float
    percent_agreement: float
    kappa: float
    alpha: float
    applied: tuple[int, ...] | None


@dataclass(frozen=True)
class AgreementTable:
    """Per-code agreement among ``coders`` over ``units`` units (see the module docstring).

    ``rows``: one :class:`CodeAgreement` per code; ``pooled``: all unit × code decisions as
    one variable; ``mean``: the mean of the per-code values (undefined ones skipped).
    """

    coders: tuple[str, ...]
    units: int
    kappa_name: Literal["Cohen's kappa", "Fleiss' kappa"]
    rows: tuple[CodeAgreement, ...]
    pooled: CodeAgreement
    mean: CodeAgreement

    def __getitem__(self, code: str) -> CodeAgreement:
        for row in self.rows:
            if row.code == code:
                return row
        raise KeyError(code)

    def to_frame(self, overall: bool = True) -> pd.DataFrame:
        """One row per code (plus the pooled and mean rows if ``overall``), indexed by code."""
        rows = self.rows + ((self.pooled, self.mean) if overall else ())
        frame = pd.DataFrame(
            {
                "prevalence": [r.prevalence for r in rows],
                "percent agreement": [r.percent_agreement for r in rows],
                self.kappa_name: [r.kappa for r in rows],
                "Krippendorff's alpha": [r.alpha for r in rows],
            },
            index=pd.Index([r.code for r in rows], name="code"),
        )
        for i, coder in enumerate(self.coders):
            counts = [None if r.applied is None else r.applied[i] for r in rows]
            frame[f"applied by {coder}"] = pd.array(counts, dtype="Int64")
        return frame


def _binary_agreement(present: np.ndarray) -> dict[str, np.ndarray]:
    """Per column statistics of a coders × units × variables boolean array (no missing data)."""
    m, n = present.shape[:2]
    s = present.sum(axis=0, dtype=np.int64)  # coders saying "present", per unit and variable
    ones = s.sum(axis=0)
    prevalence = ones / (m * n)
    agreeing_pairs = s * (s - 1) + (m - s) * (m - s - 1)
    p_o = agreeing_pairs.sum(axis=0) / (n * m * (m - 1))
    if m == 2:  # Cohen: each coder's own rate
        rate = present.mean(axis=1)
        p_e = rate[0] * rate[1] + (1 - rate[0]) * (1 - rate[1])
    else:  # Fleiss: the pooled rate
        p_e = prevalence**2 + (1 - prevalence) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        kappa = np.where(p_e < 1 - 1e-12, (p_o - p_e) / (1 - p_e), np.nan)
        # Binary α without missing values: D_o/D_e = (n_v − 1) Σ s(m − s) / ((m − 1) n₀ n₁).
        values, zeros = m * n, m * n - ones
        ratio = (values - 1) * (s * (m - s)).sum(axis=0) / ((m - 1) * zeros * ones)
        alpha = np.where(zeros * ones > 0, 1 - ratio, np.nan)
    return {
        "prevalence": prevalence,
        "percent_agreement": p_o,
        "kappa": kappa,
        "alpha": alpha,
        "applied": present.sum(axis=1),
    }


def per_code_agreement(
    codings: Iterable[Coding],
    units: Iterable[Unit],
    coders: Iterable[str] | None = None,
    codes: Iterable[str] | None = None,
) -> AgreementTable:
    """Agreement on each code's presence per unit, plus pooled and mean rows.

    Parameters
    ----------
    codings : iterable of Coding
        Codings by all coders; those outside ``units``, ``coders`` or ``codes`` are ignored.
    units : iterable of (session_id, turn)
        The units every coder coded (e.g. the double-coded turns), each once.
    coders : iterable of str, optional
        At least two; default every coder in ``codings``, sorted.
    codes : iterable of str, optional
        Default every code the coders applied to the units, sorted. Pass the codebook's
        ``names`` to include codes nobody applied (their κ and α are ``nan``).

    Examples
    --------
    Two coders, 20 turns, one code, the kit's toy example (agree on 6 present, 10 absent):

    >>> units = [("S1", t) for t in range(1, 21)]
    >>> codings = ([Coding("S1", t, "HOPE", "ana") for t in [*range(1, 7), 17, 18]]
    ...            + [Coding("S1", t, "HOPE", "ben") for t in [*range(1, 7), 19, 20]])
    >>> table = per_code_agreement(codings, units)
    >>> row = table["HOPE"]
    >>> row.prevalence, row.percent_agreement, round(row.kappa, 3), round(row.alpha, 3), row.applied
    (0.4, 0.8, 0.583, 0.594, (8, 8))
    """
    codings = tuple(codings)
    units = tuple(units)
    if coders is None:
        coders = sorted({c.coder for c in codings})
    coders = tuple(coders)
    if len(coders) < 2:
        raise InputError("per_code_agreement", "coders", "at least two coders", list(coders))
    if not units:
        raise InputError("per_code_agreement", "units", "at least one unit", 0)
    if codes is None:
        unit_set, coder_set = set(units), set(coders)
        codes = sorted({c.code for c in codings if c.coder in coder_set and c.unit in unit_set})
    codes = tuple(codes)
    if not codes:
        raise InputError("per_code_agreement", "codes", "at least one code", 0)
    present = code_presence(codings, units, coders, codes)
    m, n, k = present.shape
    per_code = _binary_agreement(present)
    pooled = _binary_agreement(present.reshape(m, n * k, 1))

    rows = tuple(
        CodeAgreement(
            code,
            float(per_code["prevalence"][i]),
            float(per_code["percent_agreement"][i]),
            float(per_code["kappa"][i]),
            float(per_code["alpha"][i]),
            tuple(int(x) for x in per_code["applied"][:, i]),
        )
        for i, code in enumerate(codes)
    )

    def mean(values: np.ndarray) -> float:
        defined = values[~np.isnan(values)]
        return float(defined.mean()) if defined.size else math.nan

    return AgreementTable(
        coders=coders,
        units=n,
        kappa_name="Cohen's kappa" if m == 2 else "Fleiss' kappa",
        rows=rows,
        pooled=CodeAgreement(
            "(all codes, pooled)",
            float(pooled["prevalence"][0]),
            float(pooled["percent_agreement"][0]),
            float(pooled["kappa"][0]),
            float(pooled["alpha"][0]),
            tuple(int(x) for x in per_code["applied"].sum(axis=1)),
        ),
        mean=CodeAgreement(
            "(all codes, mean)",
            mean(per_code["prevalence"]),
            mean(per_code["percent_agreement"]),
            mean(per_code["kappa"]),
            mean(per_code["alpha"]),
            None,
        ),
    )


@dataclass(frozen=True)
class TwoByTwo:
    """Two coders' decisions on one code over the units: ``a`` both applied it, ``b`` only the
    first, ``c`` only the second, ``d`` neither (counts of units)."""

    code: str
    a: int
    b: int
    c: int
    d: int

    @property
    def n(self) -> int:
        return self.a + self.b + self.c + self.d


def two_by_two(
    codings: Iterable[Coding], units: Iterable[Unit], coders: tuple[str, str], code: str
) -> TwoByTwo:
    """The 2 × 2 table of one code for two coders (rows: the first coder, columns: the second).

    >>> units = [("S1", t) for t in range(1, 21)]
    >>> codings = ([Coding("S1", t, "HOPE", "ana") for t in [*range(1, 7), 17, 18]]
    ...            + [Coding("S1", t, "HOPE", "ben") for t in [*range(1, 7), 19, 20]])
    >>> two_by_two(codings, units, ("ana", "ben"), "HOPE")
    TwoByTwo(code='HOPE', a=6, b=2, c=2, d=10)
    """
    present = code_presence(codings, tuple(units), tuple(coders), (code,))[:, :, 0]
    if present.shape[0] != 2:
        raise InputError("two_by_two", "coders", "two coders", list(coders))
    first, second = present
    return TwoByTwo(
        code,
        int((first & second).sum()),
        int((first & ~second).sum()),
        int((~first & second).sum()),
        int((~first & ~second).sum()),
    )
