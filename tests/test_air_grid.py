"""The regular hourly grid: daylight-saving changes, the trend guard, long and wide input."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wasteless import air
from wasteless.errors import InputError

DST_ZONES = ["Europe/London", "Europe/Berlin", "America/New_York", "Australia/Sydney"]


def fall_back_day(zone, year):
    """The local date on which clocks go back (a wall-clock hour occurs twice)."""
    hours = pd.date_range(f"{year}-01-01", f"{year}-12-31", freq="h", tz=zone)
    wall = hours.tz_localize(None)
    return wall[wall.duplicated()][0].normalize()


@settings(max_examples=20)
@given(zone=st.sampled_from(DST_ZONES), year=st.integers(2010, 2030), value=st.floats(1, 500))
def test_a_dst_change_never_overwrites_a_reading(zone, year, value):
    day = fall_back_day(zone, year)
    # 72 real hours around the change, as a logger stamping local time writes them
    start = pd.Timestamp(day - pd.Timedelta(days=1)).tz_localize(zone)
    index = pd.date_range(start, periods=72, freq="h")
    series = pd.Series(value, index=index)
    with pytest.raises(InputError, match="daylight-saving"):
        air.daily_means(series, units="ug/m3")
    # the same readings in UTC: every hour once, nothing lost (one day has 25 readings
    # of local time, in UTC none is repeated)
    daily = air.daily_means(series.tz_convert("UTC"), units="ug/m3")
    assert daily["n_hours"].sum() == 72
    # and in a long table the same
    long = pd.DataFrame({"time": index, "station": "A", "value": value})
    with pytest.raises(InputError, match="daylight-saving"):
        air.daily_means(long, units="ug/m3", value="value")


def test_the_europe_london_2019_case_of_the_issue():
    index = pd.date_range("2019-10-27 00:00", periods=25, freq="h", tz="Europe/London")
    values = np.full(25, 10.0)
    values[-1] = 1000.0
    with pytest.raises(InputError, match="duplicate hours"):
        air.daily_means(pd.Series(values, index=index), units="ug/m3")


def test_spring_forward_counts_the_missing_hour_as_missing():
    index = pd.date_range("2019-03-31 00:00", periods=23, freq="h", tz="Europe/London")
    daily = air.daily_means(pd.Series(10.0, index=index), units="ug/m3")
    assert daily["n_hours"].tolist() == [23]  # 01:00 does not exist that day


def test_trend_refuses_hourly_data_and_too_many_values():
    hours = pd.date_range("2019-01-01", periods=8000, freq="h")
    with pytest.raises(InputError, match="sub-monthly"):
        air.trend(pd.Series(np.arange(8000.0), index=hours), units="ug/m3")
    years = pd.Series(np.ones(air.MAX_TREND_POINTS + 1), index=range(1, air.MAX_TREND_POINTS + 2))
    with pytest.raises(InputError, match="aggregate first"):
        air.trend(years, units="ug/m3")


def test_a_daily_table_is_validated_like_hourly_data():
    hours = pd.date_range("2019-01-01", "2019-12-31 23:00", freq="h")
    daily = air.daily_means(pd.Series(40.0, index=hours), units="ug/m3")
    broken = daily.copy()
    broken.loc[broken.index[3], "mean"] = np.nan  # valid day without a mean
    with pytest.raises(InputError, match="marked valid"):
        air.annual_means(broken)
    negative = daily.copy()
    negative["mean"] = -negative["mean"]
    with pytest.raises(InputError, match=">= 0"):
        air.annual_means(negative)
    twice = pd.concat([daily, daily.iloc[:1]])
    with pytest.raises(InputError, match="more than once"):
        air.annual_means(twice)
    assert daily is not broken
    assert not daily["mean"].isna().any()
