"""Claims and verdicts: relation semantics, precision intervals, falling claims."""

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wasteless import Q_, air
from wasteless.claims import Claim, check, check_falling, not_checkable
from wasteless.errors import InputError, UnitsError


def claim(value, relation, resolution=1.0, unit="percent"):
    return Claim("x", "q", "s", Q_(value, unit), relation, Q_(resolution, unit))


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
    start=st.floats(80.5, 81.5, exclude_max=True),
    end=st.floats(42.5, 43.5, exclude_max=True),
)
def test_every_value_consistent_with_the_precision_gives_the_same_verdict(start, end):
    # Whatever the true means behind "81" and "43", the verdict computed from the stated
    # figures (the interval over their rounding) is the same, and it covers the truth.
    stated_start, stated_end = math.floor(start + 0.5), math.floor(end + 0.5)  # half up
    assert (stated_start, stated_end) == (81, 43)
    lo = air.relative_reduction(Q_(stated_start - 0.5, "ug/m3"), Q_(stated_end + 0.5, "ug/m3"))
    hi = air.relative_reduction(Q_(stated_start + 0.5, "ug/m3"), Q_(stated_end - 0.5, "ug/m3"))
    verdict = check(claim(47, "=="), (lo, hi))
    assert verdict.status == "holds"
    truth = air.relative_reduction(Q_(start, "ug/m3"), Q_(end, "ug/m3")).magnitude
    assert lo.magnitude <= truth <= hi.magnitude


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
