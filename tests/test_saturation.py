"""qualkit.saturation: Guest, Namey & Chen (2020) base / run / threshold method."""

import pytest

from qualkit.errors import InputError
from qualkit.saturation import (
    SaturationRun,
    assess_saturation,
    cumulative_codes,
    new_codes,
)


def units_with_new_counts(counts, repeat=("c1",)):
    """Units whose new-code counts are ``counts``; each also repeats old codes ``repeat``."""
    units, seen = [], 0
    for count in counts:
        fresh = [f"c{seen + i + 1}" for i in range(count)]
        old = [code for code in repeat if seen and int(code[1:]) <= seen]
        units.append(fresh + old)
        seen += count
    return units


TOY = units_with_new_counts([9, 6, 4, 3, 2, 1, 0, 1, 0, 0])


def test_toy_example_at_five_percent():
    result = assess_saturation(TOY, base=4, run=2, threshold=0.05)
    assert result.base_codes == 22
    assert result.new_counts == (9, 6, 4, 3, 2, 1, 0, 1, 0, 0)
    assert result.cumulative == (9, 15, 19, 22, 24, 25, 25, 26, 26, 26)
    assert result.runs == (
        SaturationRun(5, 6, 3, 3 / 22),
        SaturationRun(6, 7, 1, 1 / 22),
    )
    assert (result.status, result.saturation_unit, result.reported) == ("reached", 5, "5+2")
    assert result.reason == ""


def test_toy_example_at_zero_percent():
    result = assess_saturation(TOY, threshold=0.0)
    assert [(r.start, r.end, r.new_codes) for r in result.runs] == [
        (5, 6, 3),
        (6, 7, 1),
        (7, 8, 1),
        (8, 9, 1),
        (9, 10, 0),
    ]
    assert (result.status, result.saturation_unit, result.reported) == ("reached", 8, "8+2")


def test_ratio_equal_to_threshold_qualifies():
    # base 20 codes; the first run adds 1 → exactly 5%.
    result = assess_saturation(units_with_new_counts([20, 1, 0]), base=1, run=2)
    assert result.runs[0].ratio == 0.05
    assert result.reported == "1+2"


def test_run_of_three():
    # base (1–4) 22 codes; runs 5–7: 3, 6–8: 2, 7–9: 1 (4.5%) → "6+3".
    result = assess_saturation(TOY, run=3)
    assert [(r.start, r.end, r.new_codes) for r in result.runs] == [(5, 7, 3), (6, 8, 2), (7, 9, 1)]
    assert result.reported == "6+3"
    assert assess_saturation(TOY, run=3, threshold=0.0).status == "not_reached"


def test_not_reached_lists_every_run():
    result = assess_saturation(units_with_new_counts([5, 5, 5, 5, 5, 5, 5]), base=2, run=2)
    assert result.status == "not_reached"
    assert (result.saturation_unit, result.reported) == (None, None)
    assert [(r.start, r.end) for r in result.runs] == [(3, 4), (4, 5), (5, 6), (6, 7)]
    assert all(r.ratio == 1.0 for r in result.runs)


def test_codes_found_in_a_failed_run_are_not_new_again_and_do_not_grow_the_base():
    units = [{"A", "B", "C", "D"}, {"E", "F"}, {"A"}, {"E", "F"}, {"A", "G"}, {"B"}]
    result = assess_saturation(units, base=2, run=2, threshold=0.0)
    # Base (1–2): 6 codes. Run 3–4 adds nothing new → saturated at once.
    assert result.reported == "2+2"
    units = [{"A", "B"}, {"C", "D"}, {"X"}, {"X", "Y"}, {"X", "Y"}, {"Y"}, {"B"}]
    result = assess_saturation(units, base=2, run=2, threshold=0.0)
    # Run 3–4 finds X and Y and fails. Run 4–5 still counts Y, first found in unit 4, but not
    # X, first found in unit 3 during the failed run; run 5–6 finds nothing new.
    assert [(r.start, r.new_codes) for r in result.runs] == [(3, 2), (4, 1), (5, 0)]
    assert result.base_codes == 4
    assert [r.ratio for r in result.runs] == [2 / 4, 1 / 4, 0.0]  # denominator stays 4
    assert result.reported == "4+2"


def test_not_assessable():
    too_few = assess_saturation(TOY[:5], base=4, run=2)
    assert too_few.status == "not_assessable"
    assert too_few.reason == "too few units: base + run = 6 units needed, 5 given"
    assert too_few.runs == () and too_few.reported is None and too_few.saturation_unit is None
    assert too_few.new_counts == (9, 6, 4, 3, 2)
    empty_base = assess_saturation([[], [], ["A"], ["B"]], base=2, run=2)
    assert empty_base.status == "not_assessable"
    assert empty_base.reason == "no codes in the base (units 1–2)"
    assert assess_saturation([], base=1, run=1).status == "not_assessable"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"base": 0}, r"base: expected a whole number ≥ 1, found 0"),
        ({"base": 2.5}, r"base: expected a whole number ≥ 1"),
        ({"run": 0}, r"run: expected a whole number ≥ 1"),
        ({"run": True}, r"run: expected a whole number ≥ 1"),
        ({"threshold": -0.01}, r"threshold: expected 0 ≤ threshold < 1"),
        ({"threshold": 1}, r"threshold: expected 0 ≤ threshold < 1"),
        ({"threshold": 5}, r"threshold: expected 0 ≤ threshold < 1"),
        ({"threshold": "5%"}, r"threshold: expected a number"),
    ],
)
def test_argument_validation(arguments, message):
    with pytest.raises(InputError, match=message):
        assess_saturation(TOY, **arguments)


def test_a_string_is_not_a_set_of_codes():
    with pytest.raises(InputError, match="unit 2: expected a collection of codes"):
        assess_saturation([{"A"}, "PSS_BOUNDARY", {"B"}], base=1, run=1)


def test_any_iterables_and_hashable_codes():
    units = [("A", "B"), iter(["B", "C"]), frozenset({1, 2}), []]
    assert cumulative_codes(units) == (2, 3, 5, 5)
    units = [("A", "B"), ["B", "C"], frozenset({1, 2}), []]
    assert new_codes(units)[1] == frozenset({"C"})
    assert assess_saturation(units, base=2, run=1).runs[0].new_codes == 2


def test_to_frame():
    frame = assess_saturation(TOY).to_frame()
    assert list(frame.index) == list(range(1, 11))
    assert list(frame["new codes"]) == [9, 6, 4, 3, 2, 1, 0, 1, 0, 0]
    assert frame.loc[10, "cumulative codes"] == 26
    assert frame.loc[6, "codes first found"] == "c25"
    assert frame.loc[7, "codes first found"] == ""
