"""Change metrics of wasteless.change: relative and annualised change, moving means of
annual series, and what they refuse (sub-annual data, gaps, other containers)."""

import numpy as np
import pandas as pd
import pytest

from wasteless import Q_, change
from wasteless.errors import InputError, UnitsError


def test_relative_reduction_of_the_article():
    # hand: (81 - 43) / 81 = 0.469135...
    got = change.relative_reduction(Q_(81, "ug/m3"), Q_(43, "ug/m3"))
    assert got.units == Q_(1, "percent").units
    assert got.magnitude == pytest.approx(100 * 38 / 81)
    # the same in other units of one dimension
    assert change.relative_reduction(Q_(81, "ug/m3"), Q_(0.043, "mg/m3")).magnitude == (
        pytest.approx(100 * 38 / 81)
    )
    with pytest.raises(UnitsError, match="end"):
        change.relative_reduction(Q_(81, "ug/m3"), Q_(43, "m"))
    with pytest.raises(InputError, match="start must be > 0"):
        change.relative_reduction(Q_(0, "ug/m3"), Q_(43, "ug/m3"))


def test_annualised_change_by_hand():
    # hand: (43 / 81) ** (1 / 6) - 1 = -0.10016...
    got = change.annualised_change(Q_(81, "ug/m3"), Q_(43, "ug/m3"), 6)
    assert got.magnitude == pytest.approx(100 * ((43 / 81) ** (1 / 6) - 1))
    assert got.units == Q_(1, "percent/year").units
    assert change.annualised_change(
        Q_(81, "ug/m3"), Q_(43, "ug/m3"), Q_(72, "month")
    ).magnitude == (pytest.approx(got.magnitude))
    for bad in (0, -1, float("nan"), "6", True):
        with pytest.raises(InputError, match="years"):
            change.annualised_change(Q_(81, "ug/m3"), Q_(43, "ug/m3"), bad)


def test_moving_mean_refuses_sub_annual_data_and_says_so():
    hours = pd.date_range("2019-01-01", periods=48, freq="h")
    with pytest.raises(InputError, match="sub-annual"):
        change.moving_mean(pd.Series(30.0, index=hours), units="ug/m3")
    with pytest.raises(InputError, match="sub-annual"):
        change.keeps_falling(pd.Series(30.0, index=hours), units="ug/m3")
    with pytest.raises(InputError, match="pint does not know the unit 'bogus'"):
        change.moving_mean(pd.Series([1.0, 2.0, 3.0], index=[2017, 2018, 2019]), units="bogus")


def test_moving_mean_by_hand_and_gaps():
    city = pd.Series([58.0, 51.0, 42.0, 38.0], index=[2017, 2018, 2019, 2020])
    got = change.moving_mean(city, units="ug/m3").pint.magnitude
    assert got.loc[2019] == pytest.approx((58 + 51 + 42) / 3)
    assert got.loc[2020] == pytest.approx((51 + 42 + 38) / 3)
    assert np.isnan(got.loc[2018])
    gap = pd.Series([58.0, 42.0, 38.0], index=[2017, 2019, 2020])
    assert change.moving_mean(gap, units="ug/m3").pint.magnitude.isna().all()
    with pytest.raises(InputError, match="window"):
        change.moving_mean(city, window=0, units="ug/m3")
    with pytest.raises(InputError, match="empty"):
        change.moving_mean(pd.Series([], dtype=float), units="ug/m3")


def test_keeps_falling():
    assert change.keeps_falling(pd.Series([58.0, 51.0, 42.0], index=range(2017, 2020)), "ug/m3")
    assert not change.keeps_falling(pd.Series([58.0, 58.0], index=[2017, 2018]), "ug/m3")
    with pytest.raises(InputError, match="gap"):
        change.keeps_falling(pd.Series([58.0, np.nan, 42.0], index=range(2017, 2020)), "ug/m3")
