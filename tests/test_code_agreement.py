"""qualkit.code_agreement: agreement per code over codings, and the reliability bands."""

import math

import krippendorff
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss_kappa

from qualkit.agreement import krippendorff_alpha, percent_agreement
from qualkit.code_agreement import (
    RELIABLE,
    TENTATIVE,
    code_presence,
    per_code_agreement,
    reliability,
)
from qualkit.codings import Coding
from qualkit.errors import InputError


def test_reliability_bands_have_one_home():
    assert (TENTATIVE, RELIABLE) == (0.667, 0.80)
    assert [reliability(v) for v in (RELIABLE, TENTATIVE, 0.6669, math.nan)] == [
        "reliable",
        "tentative",
        "unreliable",
        "undefined",
    ]


# --- per-code agreement over codings ----------------------------------------------------------

UNITS = [("PSS-FG1", turn) for turn in range(1, 101)]


def codings_for(coder, code, turns, session_id="PSS-FG1"):
    return [Coding(session_id, turn, code, coder) for turn in turns]


def test_prevalence_paradox_rare_code():
    # RARE: each coder applies it to 5 of 100 turns, overlapping on 2 → 94% agreement, κ ≈ 0.37.
    # COMMON: applied to about half the turns, 90% agreement → κ = 0.8.
    codings = (
        codings_for("ana", "RARE", range(1, 6))
        + codings_for("ben", "RARE", range(4, 9))
        + codings_for("ana", "COMMON", range(1, 51))
        + codings_for("ben", "COMMON", range(6, 56))
    )
    table = per_code_agreement(codings, UNITS)
    rare = table["RARE"]
    assert rare.percent_agreement == pytest.approx(0.94)
    assert rare.percent_agreement > 0.9 and rare.kappa < 0.5
    assert rare.kappa == pytest.approx((0.94 - 0.905) / 0.095)
    assert rare.prevalence == pytest.approx(0.05)
    assert rare.applied == (5, 5)
    assert table["COMMON"].kappa == pytest.approx(0.8)
    assert table.kappa_name == "Cohen's kappa"
    assert [row.code for row in table.rows] == ["COMMON", "RARE"]


def test_per_code_matches_pairwise_functions():
    rng = np.random.default_rng(7)
    codes = [f"C{k}" for k in range(6)]
    truth = rng.random((100, 6)) < np.linspace(0.03, 0.5, 6)
    codings = []
    for coder in ("ana", "ben", "cam"):
        applied = np.where(rng.random((100, 6)) < 0.85, truth, ~truth)
        for u, k in zip(*np.nonzero(applied), strict=True):
            codings.append(Coding(*UNITS[u], codes[k], coder))
    present = code_presence(codings, UNITS, ["ana", "ben", "cam"], codes).astype(int)

    two = per_code_agreement(codings, UNITS, coders=["ana", "ben"], codes=codes)
    three = per_code_agreement(codings, UNITS, codes=codes)
    assert three.coders == ("ana", "ben", "cam") and three.kappa_name == "Fleiss' kappa"
    for k, code in enumerate(codes):
        a, b, c = present[:, :, k]
        assert two[code].kappa == pytest.approx(cohen_kappa_score(a, b))
        assert two[code].alpha == pytest.approx(krippendorff_alpha([a, b]))
        assert two[code].percent_agreement == pytest.approx(percent_agreement(a, b))
        counts = np.column_stack([3 - (a + b + c), a + b + c])
        assert three[code].kappa == pytest.approx(sm_fleiss_kappa(counts))
        assert three[code].alpha == pytest.approx(
            krippendorff.alpha([a, b, c], level_of_measurement="nominal")
        )
        assert three[code].applied == (a.sum(), b.sum(), c.sum())

    flat = present.reshape(3, -1)
    assert three.pooled.alpha == pytest.approx(krippendorff_alpha(flat))
    assert two.pooled.kappa == pytest.approx(cohen_kappa_score(flat[0], flat[1]))
    assert three.pooled.percent_agreement == pytest.approx(three.mean.percent_agreement)
    assert three.mean.kappa == pytest.approx(np.mean([row.kappa for row in three.rows]))
    assert three.pooled.applied == tuple(present.sum(axis=(1, 2)))


def test_unit_nobody_coded_counts_as_agreed_absence():
    codings = codings_for("ana", "HOPE", [1]) + codings_for("ben", "HOPE", [1])
    few = per_code_agreement(codings + codings_for("ana", "HOPE", [2]), UNITS[:2])
    many = per_code_agreement(codings + codings_for("ana", "HOPE", [2]), UNITS[:10])
    assert few["HOPE"].percent_agreement == 0.5
    assert many["HOPE"].percent_agreement == 0.9


def test_code_nobody_applied_is_undefined_and_skipped_in_mean():
    codings = codings_for("ana", "HOPE", [1, 2, 3]) + codings_for("ben", "HOPE", [1, 2, 4])
    table = per_code_agreement(codings, UNITS[:10], codes=["HOPE", "UNUSED"])
    unused = table["UNUSED"]
    assert unused.percent_agreement == 1.0 and unused.applied == (0, 0)
    assert math.isnan(unused.kappa) and math.isnan(unused.alpha)
    assert table.mean.kappa == pytest.approx(table["HOPE"].kappa)
    assert table.mean.alpha == pytest.approx(table["HOPE"].alpha)


def test_codings_outside_the_selection_are_ignored():
    codings = (
        codings_for("ana", "HOPE", [1, 2])
        + codings_for("ben", "HOPE", [1, 2])
        + codings_for("team", "FEAR", [1])  # another coder
        + codings_for("ana", "FEAR", [1], session_id="HV-FG2")  # another session
    )
    table = per_code_agreement(codings, UNITS[:5], coders=["ana", "ben"])
    assert [row.code for row in table.rows] == ["HOPE"]
    assert table["HOPE"].kappa == 1.0
    with pytest.raises(KeyError):
        table["FEAR"]


def test_to_frame():
    codings = codings_for("ana", "HOPE", [1, 2, 3]) + codings_for("ben", "HOPE", [1, 2, 4])
    frame = per_code_agreement(codings, UNITS[:10]).to_frame()
    assert list(frame.index) == ["HOPE", "(all codes, pooled)", "(all codes, mean)"]
    assert list(frame.columns) == [
        "prevalence",
        "percent agreement",
        "Cohen's kappa",
        "Krippendorff's alpha",
        "applied by ana",
        "applied by ben",
    ]
    assert frame.loc["HOPE", "applied by ana"] == 3
    assert frame.loc["HOPE", "percent agreement"] == pytest.approx(0.8)
    assert pd.isna(frame.loc["(all codes, mean)", "applied by ben"])
    assert len(per_code_agreement(codings, UNITS[:10]).to_frame(overall=False)) == 1


def test_code_presence_layout():
    codings = [
        Coding("S1", 2, "B", "ben"),
        Coding("S1", 1, "A", "ana"),
        Coding("S1", 1, "A", "ana"),
    ]
    present = code_presence(codings, [("S1", 1), ("S1", 2), ("S1", 3)], ["ana", "ben"], ["A", "B"])
    assert present.shape == (2, 3, 2) and present.dtype == bool
    assert sorted(zip(*np.nonzero(present), strict=True)) == [(0, 0, 0), (1, 1, 1)]
    empty = code_presence([], [("S1", 1)], ["ana", "ben"], ["A"])
    assert empty.shape == (2, 1, 1) and not empty.any()


def test_per_code_errors():
    codings = codings_for("ana", "HOPE", [1]) + codings_for("ben", "HOPE", [2])
    with pytest.raises(InputError, match="coders: expected at least two coders"):
        per_code_agreement(codings, UNITS, coders=["ana"])
    with pytest.raises(InputError, match="coders: expected at least two coders"):
        per_code_agreement(codings_for("ana", "HOPE", [1]), UNITS)
    with pytest.raises(InputError, match="units: expected at least one unit"):
        per_code_agreement(codings, [])
    with pytest.raises(InputError, match="codes: expected at least one code"):
        per_code_agreement([], UNITS, coders=["ana", "ben"])
    with pytest.raises(InputError, match=r"units: expected each entry once, found \('S1', 1\)"):
        code_presence(codings, [("S1", 1), ("S1", 1)], ["ana", "ben"], ["HOPE"])
