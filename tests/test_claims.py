"""Claims and verdicts: relation semantics, precision intervals, falling claims."""

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from wasteless import Q_, air
from wasteless.claims import Claim, check, check_falling, not_checkable
from wasteless.errors import InputError, UnitsError


def claim(value, relation, resolution=1.0, unit="percent"):
    step = None if resolution is None else Q_(resolution, unit)
    return Claim("x", "q", "s", Q_(value, unit), relation, step)


def half_up(value):
    """Round to an integer as a report prints it, half up, from the exact value."""
    return math.floor(Fraction(value) + Fraction(1, 2))


@pytest.mark.parametrize(
    ("relation", "computed", "status"),
    [
        (">", 2.7e6, "fails"),  # 超 X: X itself is not more than X
        (">", 2.7e6 + 1, "holds"),
        (">=", 2.7e6, "holds"),  # 达 X: X itself is reached
        (">=", 2.7e6 - 1, "fails"),
        ("<", 2.7e6, "fails"),  # 不足 X
        ("<", 2.7e6 - 1, "holds"),
        ("<=", 2.7e6, "holds"),
        ("~", 2.7e6 + 5e3, "holds"),  # 约 270万: within half the last place (1万)
        ("~", 2.7e6 + 5.1e3, "fails"),
        ("==", 2.7e6 - 5e3, "holds"),  # rounds up to 270万
        ("==", 2.7e6 + 5e3, "fails"),  # rounds to 271万 (half-open interval)
    ],
)
def test_relation_semantics_at_the_boundary(relation, computed, status):
    c = claim(2.7e6, relation, 1e4, "tyre")
    assert check(c, Q_(computed, "tyre")).status == status


def test_article_decline_47_percent_from_81_and_43():
    # any 81 in [80.5, 81.5) and 43 in [42.5, 43.5): declines 45.96 % .. 47.85 %
    low = air.relative_reduction(Q_(80.5, "ug/m3"), Q_(43.5, "ug/m3"))
    high = air.relative_reduction(Q_(81.5, "ug/m3"), Q_(42.5, "ug/m3"))
    estimate = air.relative_reduction(Q_(81, "ug/m3"), Q_(43, "ug/m3"))
    verdict = check(claim(47, "=="), (low, high), estimate=estimate)
    assert verdict.status == "holds"
    assert verdict.computed.magnitude == pytest.approx(46.9136, abs=1e-4)
    assert verdict.margin.magnitude == pytest.approx(-0.0864, abs=1e-4)
    # a claim of 49 % would not be consistent with any such pair
    assert check(claim(49, "=="), (low, high)).status == "fails"


@given(
    start=st.floats(1.0, 500.0),
    end=st.floats(0.5, 500.0),
)
@example(start=81.0, end=43.0)  # the article's figures
@example(start=80.5, end=43.49999999999999)  # the lowest decline consistent with 81 and 43
@example(start=81.49999999999999, end=42.5)  # the highest
def test_a_decline_reported_from_rounded_means_is_consistent_with_them(start, end):
    # A report has the true means, prints each rounded to the integer µg/m³ and the
    # decline between the true means rounded to the integer percent (as "81", "43",
    # "47 %"). From the printed figures alone the library builds the interval of
    # declines consistent with their rounding; the true decline must lie inside it and
    # the printed decline must be judged consistent ("holds").
    assume(end < start)
    stated_start, stated_end = half_up(start), half_up(end)
    truth = 100 * (Fraction(start) - Fraction(end)) / Fraction(start)  # exact, percent
    # A true decline within float error of a half-percent tie is rounded by that error,
    # not by the data; such ties say nothing about the library.
    assume(abs(truth - (math.floor(truth) + Fraction(1, 2))) > Fraction(1, 10**9))
    stated_decline = half_up(truth)

    start_low, start_high = claim(stated_start, "==", 1, "ug/m3").interval
    end_low, end_high = claim(stated_end, "==", 1, "ug/m3").interval
    # by hand: the printed figure n stands for any value in [n - 0.5, n + 0.5)
    assert (start_low.magnitude, start_high.magnitude) == (stated_start - 0.5, stated_start + 0.5)
    assert start_low.magnitude <= start < start_high.magnitude
    assert end_low.magnitude <= end < end_high.magnitude
    # the decline is lowest from the lowest start to the highest end, and vice versa
    low = air.relative_reduction(start_low, end_high)
    high = air.relative_reduction(start_high, end_low)
    assert low.magnitude - 1e-9 <= float(truth) <= high.magnitude + 1e-9

    verdict = check(claim(stated_decline, "=="), (low, high))
    assert verdict.status == "holds"
    # A decline figure whose own rounding interval [k - 0.5, k + 0.5) lies wholly above
    # (below) every consistent decline fails: k - 0.5 > high (k + 0.5 <= low).
    too_high = math.floor(high.magnitude + 0.5) + 1
    too_low = math.floor(low.magnitude - 0.5)
    assert check(claim(too_high, "=="), (low, high)).status == "fails"
    assert check(claim(too_low, "=="), (low, high)).status == "fails"


# When a claim holds for a computed point, from the relation table of wasteless.claims
# (the wording of the source: 超 "more than", 达 "reached", 不足 "less than", 以下 "at most",
# 约 "about", a plain figure "equal at the stated precision"), written here with exact
# fractions: truth, stated value, half the resolution.
HOLDS_BY_HAND = {
    ">": lambda truth, stated, half: truth > stated,
    ">=": lambda truth, stated, half: truth >= stated,
    "<": lambda truth, stated, half: truth < stated,
    "<=": lambda truth, stated, half: truth <= stated,
    "~": lambda truth, stated, half: stated - half <= truth <= stated + half,
    # a plain figure n stands for [n - step/2, n + step/2): 270万 is not 2,705,000
    "==": lambda truth, stated, half: (
        stated - half <= truth < stated + half if half else truth == stated
    ),
}


@st.composite
def claims_and_values(draw):
    relation = draw(st.sampled_from(sorted(HOLDS_BY_HAND)))
    # steps and multiples exact in binary, so the stated value and its rounding interval
    # are exact floats and the hand derivation is not blurred by float error
    resolution = draw(st.sampled_from([None, 0.25, 0.5, 1.0, 2.0, 10.0, 1e4]))
    step = 1.0 if resolution is None else resolution
    stated = draw(st.integers(0, 10**6)) * step
    half = 0.0 if resolution is None else resolution / 2
    edges = [stated - half, stated, stated + half]
    near_edge = st.sampled_from(edges).flatmap(
        lambda edge: st.sampled_from(
            [edge, np.nextafter(edge, -np.inf), np.nextafter(edge, np.inf)]
        )
    )
    anywhere = st.floats(stated - 3 * step, stated + 3 * step)
    truth = float(draw(st.one_of(near_edge, anywhere)))
    return relation, resolution, stated, truth


@given(claims_and_values())
@example(("==", 1e4, 2.7e6, 2.7e6 + 5e3))  # 270万: 2,705,000 rounds to 271万
@example((">", 1e4, 2.7e6, 2.7e6))  # 超270万: 2,700,000 is not more than 2,700,000
def test_a_computed_value_gets_the_verdict_of_its_relation(case):
    relation, resolution, stated, truth = case
    c = claim(stated, relation, resolution, "tyre")
    half = Fraction(0) if resolution is None else Fraction(resolution) / 2
    expected = HOLDS_BY_HAND[relation](Fraction(truth), Fraction(stated), half)
    verdict = check(c, Q_(truth, "tyre"))
    assert verdict.status == ("holds" if expected else "fails")
    assert verdict.margin.magnitude == pytest.approx(truth - stated)


@given(value=st.floats(0, 1e9, allow_nan=False), resolution=st.sampled_from([1.0, 10.0, 1e4]))
def test_point_in_rounding_interval_holds_for_equal(value, resolution):
    stated = round(value / resolution) * resolution
    c = claim(stated, "==", resolution, "tyre")
    # any value that rounds (half down excluded at the top) to the stated figure holds
    assert check(c, Q_(value, "tyre")).status == "holds" or value >= stated + resolution / 2


def test_units_are_converted_and_checked():
    c = claim(47, "==")
    assert check(c, Q_(0.47, "")).status == "holds"
    with pytest.raises(UnitsError):
        check(c, Q_(47, "m"))
    with pytest.raises(InputError, match="exceeds high"):
        check(c, (Q_(48, "percent"), Q_(46, "percent")))
    with pytest.raises(InputError, match="finite"):
        check(c, Q_(float("nan"), "percent"))


def test_claim_validation():
    with pytest.raises(InputError, match="relation"):
        Claim("x", "q", "s", Q_(1, "percent"), "roughly")
    with pytest.raises(InputError, match="Quantity"):
        Claim("x", "q", "s", 47, "==")
    with pytest.raises(InputError, match="resolution"):
        Claim("x", "q", "s", Q_(1, "percent"), "==", Q_(0, "percent"))
    with pytest.raises(InputError, match="kind"):
        Claim("x", "q", "s", Q_(1, "percent"), "==", kind="wish")


def test_interval():
    lo, hi = Claim("x", "q", "s", Q_(81, "ug/m3"), "==", Q_(1, "ug/m3")).interval
    assert (lo.magnitude, hi.magnitude) == (80.5, 81.5)
    exact = Claim("x", "q", "s", Q_(32, ""), "==")
    assert exact.interval == (exact.stated, exact.stated)


def test_falling_and_not_checkable():
    falling = Claim("f", "继续下降", "keeps falling", None, "falling", kind="target")
    assert check_falling(falling, pd.Series([58.0, 51.0, 42.0, 38.0])).holds is True
    assert check_falling(falling, pd.Series([58.0, 58.0])).holds is False
    assert check_falling(falling, None).status == "not checkable"
    with pytest.raises(InputError, match="two values"):
        check_falling(falling, pd.Series([58.0]))
    with pytest.raises(InputError, match="check_falling"):
        check(falling, Q_(1, "percent"))
    target = claim(30, ">=")
    assert not_checkable(target, "no data").holds is None
    with pytest.raises(InputError, match="not a 'falling'"):
        check_falling(target, pd.Series([1.0, 0.5]))


# --- issue 20: a figure's several sources --------------------------------------------------

from wasteless.claims import Source, agree  # noqa: E402


def count(value, relation="==", resolution=1e4):
    """A tyre count as a report states it (resolution: the place of its last digit)."""
    step = None if resolution is None else Q_(resolution, "tyre")
    return Claim("tyres", "q", "s", Q_(value, "tyre"), relation, step)


@pytest.mark.parametrize(
    ("first", "second", "agreed"),
    [
        # factors.md §1: 27万 (2018) against 273万 (2019): [265,000, 275,000) and
        # [2,725,000, 2,735,000) share no value
        (count(2.7e5), count(2.73e6), False),
        # 273万 against 超270万 (the article): 2,730,000 is more than 2,700,000
        (count(2.73e6), count(2.7e6, ">"), True),
        (count(2.7e5), count(2.7e6, ">"), False),
        # 270万 against 271万: 2,705,000 ends the first (half-open) where the second starts
        (count(2.70e6), count(2.71e6), False),
        # 约270万 and 271万: the closed "about" band meets 2,705,000
        (count(2.70e6, "~"), count(2.71e6), True),
        # 超 X and 不足 X share nothing; 达 X and 以下 X share X itself
        (count(2.7e6, ">"), count(2.7e6, "<"), False),
        (count(2.7e6, ">="), count(2.7e6, "<="), True),
        (count(2.7e6, ">="), count(2.7e6, "<"), False),
        # exact figures: equal or not
        (count(5, resolution=None), count(5, resolution=None), True),
        (count(5, resolution=None), count(6, resolution=None), False),
    ],
)
def test_agree_at_the_stated_precision(first, second, agreed):
    assert agree(first, second) is agreed
    assert agree(second, first) is agreed  # symmetric


def test_agree_converts_units_and_refuses_other_dimensions():
    tonnes = Claim("co2", "q", "s", Q_(3.07e5, "t"), "~", Q_(1e3, "t"))
    kilograms = Claim("co2", "q", "s", Q_(3.07e8, "kg"), "==", Q_(1e6, "kg"))
    assert agree(tonnes, kilograms)
    with pytest.raises(UnitsError):
        agree(tonnes, count(2.7e6))
    with pytest.raises(InputError, match="first must be a Claim"):
        agree(5, tonnes)
    falling = Claim("pm", "q", "s", None, "falling")
    with pytest.raises(InputError, match="second: claim 'pm' states no quantity"):
        agree(tonnes, falling)


@given(
    a=st.integers(1, 10**7),
    b=st.integers(1, 10**7),
    half_a=st.sampled_from([1, 10, 100, 5000]),
    half_b=st.sampled_from([1, 10, 100, 5000]),
)
def test_agree_is_the_overlap_of_two_rounding_intervals(a, b, half_a, half_b):
    # by hand: [a - ha, a + ha) and [b - hb, b + hb) overlap unless one ends where (or
    # before) the other starts; whole numbers, so every bound is exact
    overlap = a + half_a > b - half_b and b + half_b > a - half_a
    assert agree(count(a, resolution=2 * half_a), count(b, resolution=2 * half_b)) is overlap


def test_source_dates_and_tags():
    report = Source(
        "2018-11-02",
        "我国用27万条废轮胎铺出70余条马路受到国际矚目",
        "2018-11-02",
        figures={"tyres": count(2.7e5)},
        quality="S",
        period_start="2012-10",
        period_end="2018-08-31",
    )
    assert report.tag == "[S]"
    assert report.published.isoformat() == "2018-11-02"
    # October 2012, day not stated: any day of that month
    assert [d.isoformat() for d in report.start] == ["2012-10-01", "2012-10-31"]
    assert [d.isoformat() for d in report.as_of] == ["2018-08-31", "2018-08-31"]
    # a report that does not date its figures: no later than its publication
    undated = Source("2019-07-23", "t", "2019-07-23")
    assert undated.as_of[0] is None
    assert undated.as_of[1].isoformat() == "2019-07-23"
    assert undated.start is None
    assert undated.tag == ""
    # February of a leap year ends on the 29th
    leap = Source("x", "t", "2020-03-01", period_end="2020-02")
    assert leap.as_of[1].isoformat() == "2020-02-29"
    # the figures are a read-only copy
    figures = {"tyres": count(2.7e5)}
    held = Source("x", "t", "2020-03-01", figures=figures)
    figures.clear()
    assert list(held.figures) == ["tyres"]
    with pytest.raises(TypeError):
        held.figures["area"] = count(1)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date": "2019-07"}, "date must be a day"),
        ({"date": "23 July 2019"}, "date must be an ISO date"),
        ({"date": "2019-02-30"}, "date must be an ISO date"),
        ({"quality": "C"}, "quality must be one of"),
        ({"quality": ""}, "quality must be one of"),
        ({"period_end": "2019-08-01"}, "period_end '2019-08-01' is after its date"),
        ({"period_start": "2019-08", "period_end": "2019-07-01"}, "period_start"),
        ({"figures": {"tyres": 5}}, "figures must map names to Claims"),
        ({"figures": [count(1)]}, "figures must map names to Claims"),
        ({"title": 5}, "title must be a str"),
    ],
)
def test_source_refuses_bad_records(changes, message):
    good = {"id": "r", "title": "t", "date": "2019-07-23"}
    with pytest.raises(InputError, match=message):
        Source(**{**good, **changes})
