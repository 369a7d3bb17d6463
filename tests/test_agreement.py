"""qualkit.agreement: published examples, cross-checks against reference packages, errors."""

import math
from fractions import Fraction

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss_kappa

from qualkit.agreement import (
    LEVELS,
    brennan_prediger,
    cohens_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
    scotts_pi,
)
from qualkit.errors import InputError

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", 4 coders × 12 units.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]
# Fleiss (1971) example as shown on Wikipedia: 10 subjects × 5 categories, 14 raters.
FLEISS_1971 = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]
# The kit's toy example: 20 segments, both present 6, both absent 10, split 2 + 2.
TOY_A = [1] * 6 + [0] * 10 + [1, 1, 0, 0]
TOY_B = [1] * 6 + [0] * 10 + [0, 0, 1, 1]


def to_float(data):
    return np.array([[np.nan if v is None else v for v in row] for row in data], dtype=float)


# --- published values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "expected"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_2011_example(level, expected):
    ours = krippendorff_alpha(KRIPPENDORFF_2011, level)
    assert round(ours, 3) == expected
    reference = krippendorff.alpha(to_float(KRIPPENDORFF_2011), level_of_measurement=level)
    assert ours == pytest.approx(reference, abs=1e-12)


def test_fleiss_1971_example_matches_statsmodels():
    assert round(fleiss_kappa(FLEISS_1971), 3) == 0.210
    assert fleiss_kappa(FLEISS_1971) == pytest.approx(sm_fleiss_kappa(np.array(FLEISS_1971)))
    assert fleiss_kappa(np.array(FLEISS_1971)) == fleiss_kappa(FLEISS_1971)


def test_toy_example():
    assert percent_agreement(TOY_A, TOY_B) == 0.8
    assert cohens_kappa(TOY_A, TOY_B) == pytest.approx(0.28 / 0.48)  # (0.80 − 0.52) / 0.48
    assert krippendorff_alpha([TOY_A, TOY_B]) == pytest.approx(0.59375)


def test_cohen_two_by_two():
    # 50 cases: yes/yes 20, yes/no 5, no/yes 10, no/no 15 → p_o 0.70, p_e 0.50, κ 0.40.
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohens_kappa(a, b) == pytest.approx(0.4)
    assert percent_agreement(a, b) == pytest.approx(0.7)


# --- cross-checks on random data ---------------------------------------------------------------


def random_pair(seed, n=200, q=4):
    rng = np.random.default_rng(seed)
    a = rng.integers(0, q, n)
    # b copies a about 60% of the time so coefficients are well away from 0
    b = np.where(rng.random(n) < 0.6, a, rng.integers(0, q, n))
    return a, b


@pytest.mark.parametrize("seed", range(5))
def test_cohens_kappa_matches_sklearn(seed):
    a, b = random_pair(seed)
    assert cohens_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b), abs=1e-12)
    labels = np.array(["calm", "fear", "hope", "pride"])
    assert cohens_kappa(list(labels[a]), list(labels[b])) == pytest.approx(cohens_kappa(a, b))


@pytest.mark.parametrize("seed", range(5))
def test_scotts_pi_is_fleiss_kappa_for_two_raters(seed):
    a, b = random_pair(seed)
    table, _ = aggregate_raters(np.column_stack([a, b]))
    assert scotts_pi(a, b) == pytest.approx(sm_fleiss_kappa(table, method="fleiss"), abs=1e-12)
    assert scotts_pi(a, b) == pytest.approx(fleiss_kappa(table), abs=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_brennan_prediger_is_randolph_kappa(seed):
    a, b = random_pair(seed, q=3)
    table, _ = aggregate_raters(np.column_stack([a, b]), n_cat=5)  # categories 3, 4 unused
    expected = sm_fleiss_kappa(table, method="randolph")
    assert brennan_prediger(a, b, categories=range(5)) == pytest.approx(expected, abs=1e-12)
    observed, _ = aggregate_raters(np.column_stack([a, b]))
    expected = sm_fleiss_kappa(observed, method="randolph")
    assert brennan_prediger(a, b) == pytest.approx(expected, abs=1e-12)


def gwet_by_hand(a, b, q):
    """Gwet (2008) AC1 from its definition, in exact fractions, unit by unit."""
    n = len(a)
    p_o = Fraction(sum(x == y for x, y in zip(a, b, strict=True)), n)
    shares = [Fraction(a.count(k) + b.count(k), 2 * n) for k in sorted(set(a) | set(b))]
    p_e = sum(s * (1 - s) for s in shares) / (q - 1)
    return (p_o - p_e) / (1 - p_e)


@pytest.mark.parametrize("seed", range(5))
def test_gwet_ac1_matches_definition(seed):
    a, b = (list(map(int, x)) for x in random_pair(seed, n=40, q=3))
    assert gwet_ac1(a, b) == pytest.approx(float(gwet_by_hand(a, b, 3)), abs=1e-12)
    assert gwet_ac1(a, b, categories=range(6)) == pytest.approx(
        float(gwet_by_hand(a, b, 6)), abs=1e-12
    )


def test_gwet_ac1_toy_by_hand():
    # π = 0.4 and 0.6; p_e = 2 · 0.4 · 0.6 / (2 − 1) = 0.48; AC1 = (0.8 − 0.48) / 0.52
    assert gwet_ac1(TOY_A, TOY_B) == pytest.approx(0.32 / 0.52)


@pytest.mark.parametrize("seed", range(5))
def test_fleiss_kappa_matches_statsmodels(seed):
    rng = np.random.default_rng(seed)
    ratings = rng.integers(0, 4, size=(60, 5))
    ratings[:, 1:3] = np.where(rng.random((60, 2)) < 0.5, ratings[:, :1], ratings[:, 1:3])
    table, _ = aggregate_raters(ratings)
    assert fleiss_kappa(table) == pytest.approx(sm_fleiss_kappa(table), abs=1e-12)
    assert fleiss_kappa(table.tolist()) == pytest.approx(sm_fleiss_kappa(table), abs=1e-12)


def random_reliability_data(seed, coders=4, units=80, missing=0.2):
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, 7, units)
    data = np.where(rng.random((coders, units)) < 0.7, truth, rng.integers(1, 7, (coders, units)))
    data = data.astype(float) * 1.5  # non-integer values for the interval and ratio metrics
    data[rng.random((coders, units)) < missing] = np.nan
    return data


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("level", LEVELS)
def test_krippendorff_alpha_matches_package(seed, level):
    data = random_reliability_data(seed)
    expected = krippendorff.alpha(data, level_of_measurement=level)
    assert krippendorff_alpha(data, level) == pytest.approx(expected, abs=1e-12)
    as_lists = [[None if np.isnan(v) else v for v in row] for row in data]
    assert krippendorff_alpha(as_lists, level) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("level", LEVELS)
def test_krippendorff_alpha_continuous_values_match_package(level):
    rng = np.random.default_rng(11)
    data = np.abs(rng.normal(size=80) + rng.normal(scale=0.5, size=(4, 80)))
    data[rng.random(data.shape) < 0.3] = np.nan
    expected = krippendorff.alpha(data, level_of_measurement=level)
    assert krippendorff_alpha(data, level) == pytest.approx(expected, abs=1e-12)


def test_krippendorff_alpha_nominal_labels_of_any_type():
    data = random_reliability_data(0)
    names = {1.5 * k: name for k, name in enumerate("abcdefg")}
    as_strings = [[None if np.isnan(v) else names[v] for v in row] for row in data]
    assert krippendorff_alpha(as_strings) == pytest.approx(krippendorff_alpha(data))
    mixed = [[True, "yes", 2, None], [True, "yes", 3, 4]]
    assert krippendorff_alpha(mixed) == pytest.approx(
        krippendorff_alpha([[0, 1, 2, None], [0, 1, 3, 4]])
    )


def test_krippendorff_alpha_drops_unpairable_units():
    with_single = [[1, 2, 1, 7], [1, 2, 2, None]]
    assert krippendorff_alpha(with_single) == krippendorff_alpha([[1, 2, 1], [1, 2, 2]])


# --- degenerate cases -----------------------------------------------------------------------


def test_no_variation_is_undefined_not_perfect():
    same = ["absent"] * 10
    assert percent_agreement(same, same) == 1.0
    for statistic in (cohens_kappa, scotts_pi, brennan_prediger, gwet_ac1):
        assert math.isnan(statistic(same, same)), statistic.__name__
    assert math.isnan(fleiss_kappa([[3, 0]] * 5))
    assert math.isnan(krippendorff_alpha([same, same]))
    assert math.isnan(krippendorff_alpha([[2.0, 2.0, 5.0], [2.0, 2.0, None]], "interval"))


def test_named_categories_define_chance_when_one_is_observed():
    same = ["absent"] * 10
    # With q = 2 known categories, chance agreement is below 1, so the coefficient is defined.
    assert brennan_prediger(same, same, categories=["absent", "present"]) == 1.0
    assert gwet_ac1(same, same, categories=["absent", "present"]) == 1.0


def test_kappa_below_zero_for_systematic_disagreement():
    assert cohens_kappa([1, 0, 1, 0], [0, 1, 0, 1]) == pytest.approx(-1.0)
    assert krippendorff_alpha([[1, 0, 1, 0], [0, 1, 0, 1]]) < 0


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "statistic", [percent_agreement, cohens_kappa, scotts_pi, brennan_prediger, gwet_ac1]
)
def test_two_coder_errors(statistic):
    with pytest.raises(InputError, match=r": b: expected as many labels as a \(3\), found 2"):
        statistic([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="expected at least one unit"):
        statistic([], [])
    with pytest.raises(ValueError, match="expected no missing labels"):
        statistic([1, None, 2], [1, 2, 2])
    with pytest.raises(ValueError, match="expected no missing labels"):
        statistic([1.0, float("nan")], [1.0, 2.0])


def test_category_outside_named_categories():
    with pytest.raises(InputError, match=r"b\[1\]: expected one of the categories .*found 'maybe'"):
        brennan_prediger(["yes", "no"], ["yes", "maybe"], categories=["yes", "no"])


def test_fleiss_errors():
    with pytest.raises(InputError, match=r"row 1: expected 3 raters like row 0.*found 2"):
        fleiss_kappa([[1, 2], [1, 1]])
    with pytest.raises(InputError, match="at least two raters"):
        fleiss_kappa([[1, 0], [0, 1]])
    with pytest.raises(InputError, match="non-empty"):
        fleiss_kappa([])
    with pytest.raises(InputError, match="non-empty"):
        fleiss_kappa([[1, 2], [3]])
    with pytest.raises(InputError, match="whole numbers"):
        fleiss_kappa([[1.5, 0.5], [1, 1]])


def test_krippendorff_alpha_errors():
    with pytest.raises(InputError, match="at least two coders"):
        krippendorff_alpha([[1, 2, 3]])
    with pytest.raises(InputError, match="rows equal length"):
        krippendorff_alpha([[1, 2, 3], [1, 2]])
    with pytest.raises(InputError, match="at least one unit"):
        krippendorff_alpha([[], []])
    with pytest.raises(InputError, match="two or more values"):
        krippendorff_alpha([[1, None], [None, 2]])
    with pytest.raises(InputError, match="expected one of"):
        krippendorff_alpha([[1, 2], [1, 2]], level="binary")
    with pytest.raises(InputError, match="numbers for level 'interval'"):
        krippendorff_alpha([["low", "high"], ["low", "low"]], level="interval")
    with pytest.raises(InputError, match="numbers ≥ 0"):
        krippendorff_alpha([[-1, 2], [1, 2]], level="ratio")


@pytest.mark.parametrize("seed", range(5))
def test_specific_agreement_and_pabak_match_their_definitions(seed):
    """p_pos = 2a/(2a+b+c), p_neg = 2d/(2d+b+c) (Cicchetti & Feinstein 1990); PABAK = 2p_o − 1
    (Byrt, Bishop & Carlin 1993), which is Bennett's S with two categories."""
    import random

    from qualkit.agreement import pabak, specific_agreement

    rng = random.Random(seed)
    x = [rng.random() < 0.2 for _ in range(60)]
    y = [v if rng.random() < 0.8 else not v for v in x]
    a = sum(p and q for p, q in zip(x, y, strict=True))
    d = sum(not p and not q for p, q in zip(x, y, strict=True))
    split = len(x) - a - d
    s = specific_agreement(x, y)
    assert s.positive == pytest.approx(2 * a / (2 * a + split))
    assert s.negative == pytest.approx(2 * d / (2 * d + split))
    assert pabak(x, y) == pytest.approx(2 * percent_agreement(x, y) - 1)
    assert pabak(x, y) == pytest.approx(brennan_prediger(x, y, categories=[True, False]))


def test_specific_agreement_is_undefined_on_a_side_nobody_used():
    from qualkit.agreement import specific_agreement

    s = specific_agreement([False] * 4, [False] * 4)
    assert math.isnan(s.positive) and s.negative == 1.0
