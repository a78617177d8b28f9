"""PM2.5 statistics: validity rules at their thresholds, grids, units, real Beijing data."""

import numpy as np
import pandas as pd
import pint_pandas  # noqa: F401
import pytest
from framecheck import assert_series_equal
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from wasteless import Q_, air
from wasteless.errors import InputError, MissingUnitsError, UnitsError


def hourly(values, start="2019-01-01", name=None):
    index = pd.date_range(start, periods=len(values), freq="h")
    return pd.Series(np.asarray(values, dtype=float), index=index, name=name)


def one_year_of_days(days_per_month, year=2019, value=40.0):
    """Hourly data with full days on the first ``n`` days of each month, NaN elsewhere."""
    hours = pd.date_range(f"{year}-01-01", f"{year}-12-31 23:00", freq="h")
    keep = hours.day <= np.asarray(days_per_month)[hours.month - 1]
    return pd.Series(np.where(keep, value, np.nan), index=hours)


# --- daily rule ----------------------------------------------------------------------


@given(n_hours=st.integers(0, 24), data=st.data())
def test_daily_threshold_is_20_hours(n_hours, data):
    present = data.draw(st.permutations(range(24)))[:n_hours]
    values = np.full(24, np.nan)
    values[list(present)] = 35.0
    day = air.daily_means(hourly(values), units="ug/m3").iloc[0]
    assert day["n_hours"] == n_hours
    assert day["coverage"] == pytest.approx(n_hours / 24)
    assert bool(day["valid"]) is (n_hours >= 20)
    mean = day["mean"].magnitude
    assert (mean == pytest.approx(35.0)) if n_hours >= 20 else np.isnan(mean)


def test_min_hours_override_and_rules():
    values = np.r_[np.full(18, 10.0), np.full(6, np.nan)]
    assert not air.daily_means(hourly(values), units="ug/m3")["valid"].iloc[0]
    assert air.daily_means(hourly(values), units="ug/m3", min_hours=18)["valid"].iloc[0]
    with pytest.raises(InputError, match="min_hours"):
        air.daily_means(hourly(values), units="ug/m3", min_hours=25)


def test_missing_timestamps_count_as_missing():
    # openair #271: 15 rows of a day present and no NaN rows must not pass a 20-hour rule
    series = hourly(np.full(24, 50.0)).iloc[:15]
    daily = air.daily_means(series, units="ug/m3")
    assert daily["n_hours"].iloc[0] == 15
    assert not daily["valid"].iloc[0]


# --- monthly and annual rules ---------------------------------------------------------


def test_annual_threshold_324_days():
    # 27 days in every month but February (25) is 322: the year also needs 324 in total.
    minimal = [27, 25, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27]
    assert not air.annual_means(one_year_of_days(minimal), units="ug/m3")["valid"].iloc[0]
    exactly = [28, 25, 28, 27, 27, 27, 27, 27, 27, 27, 27, 27]  # 324
    year = air.annual_means(one_year_of_days(exactly), units="ug/m3").iloc[0]
    assert year["n_days"] == 324
    assert year["valid"]
    assert year["mean"].magnitude == pytest.approx(40.0)
    one_less = [27, 25, 28, 27, 27, 27, 27, 27, 27, 27, 27, 27]  # 323
    assert not air.annual_means(one_year_of_days(one_less), units="ug/m3")["valid"].iloc[0]


@given(month=st.integers(1, 12))
def test_annual_needs_every_month(month):
    days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    need = 25 if month == 2 else 27
    at_threshold = list(days)
    at_threshold[month - 1] = need
    year = air.annual_means(one_year_of_days(at_threshold), units="ug/m3").iloc[0]
    assert year["valid"]
    assert year["fewest_days_in_a_month"] == min(need, 28)
    below = list(days)
    below[month - 1] = need - 1
    year = air.annual_means(one_year_of_days(below), units="ug/m3").iloc[0]
    assert year["n_days"] >= 324
    assert not year["valid"]
    assert np.isnan(year["mean"].magnitude)


@given(month=st.integers(1, 12), n_days=st.integers(20, 31))
def test_monthly_threshold(month, n_days):
    days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    plan = list(days)
    plan[month - 1] = min(n_days, days[month - 1])
    table = air.monthly_means(one_year_of_days(plan), units="ug/m3")
    row = table.iloc[month - 1]
    need = 25 if month == 2 else 27
    assert row["n_days"] == plan[month - 1]
    assert bool(row["valid"]) is (plan[month - 1] >= need)


def test_partial_years_are_flagged_not_averaged():
    series = hourly(np.full(24 * 200, 30.0), start="2013-03-01")
    year = air.annual_means(series, units="ug/m3").iloc[0]
    assert year["partial"]
    assert not year["valid"]
    assert np.isnan(year["mean"].magnitude)
    assert year["n_days"] == 200


# --- grid, padding, labels -------------------------------------------------------------


@pytest.mark.slow  # a hypothesis property over up to 40 days of hours: about a second
@given(
    values=st.lists(st.floats(0, 1000) | st.just(float("nan")), min_size=48, max_size=24 * 40),
    pad_before=st.integers(0, 30),
    pad_after=st.integers(0, 30),
    drop_nan_rows=st.booleans(),
)
def test_na_padding_does_not_change_results(values, pad_before, pad_after, drop_nan_rows):
    series = hourly(values, start="2019-03-01")
    reference = air.daily_means(series, units="ug/m3")
    index = pd.date_range(
        series.index[0] - pd.Timedelta(hours=pad_before),
        series.index[-1] + pd.Timedelta(hours=pad_after),
        freq="h",
    )
    padded = series.reindex(index)
    if drop_nan_rows:
        padded = padded.dropna() if padded.notna().any() else padded
    if padded.empty:
        return
    result = air.daily_means(padded, units="ug/m3")
    joined = reference.merge(
        result, left_index=True, right_index=True, how="outer", suffixes=("", "_p")
    )
    common = joined.dropna(subset=["n_hours", "n_hours_p"])
    np.testing.assert_array_equal(common["n_hours"], common["n_hours_p"])
    np.testing.assert_array_equal(common["valid"], common["valid_p"])
    np.testing.assert_allclose(
        common["mean"].pint.magnitude.to_numpy(dtype=float, na_value=np.nan),
        common["mean_p"].pint.magnitude.to_numpy(dtype=float, na_value=np.nan),
    )
    extra = joined[joined["n_hours"].isna()]
    assert (extra["n_hours_p"] == 0).all()


@given(value=st.floats(0, 1000, allow_nan=False), years=st.integers(3, 6))
def test_constant_series_everywhere(value, years):
    hours = pd.date_range("2015-01-01", f"{2015 + years - 1}-12-31 23:00", freq="h")
    series = pd.Series(value, index=hours)
    daily = air.daily_means(series, units="ug/m3")
    annual = air.annual_means(daily)
    moving = air.moving_mean(annual)
    for column in (daily["mean"], annual["mean"], moving.dropna()):
        np.testing.assert_allclose(column.pint.magnitude.to_numpy(dtype=float), value)
    assert moving.isna().sum() == 2


def test_hour_ending_moves_midnight_to_previous_day():
    values = np.r_[np.full(24, 10.0), np.full(24, 20.0)]
    series = hourly(values, start="2019-01-01 01:00")  # hour-ending: 01:00 .. 00:00
    ending = air.daily_means(series, units="ug/m3", hour_label="ending")
    assert ending.index[0] == pd.Timestamp("2019-01-01")
    assert ending["n_hours"].tolist() == [24, 24]
    assert ending["mean"].pint.magnitude.tolist() == [10.0, 20.0]
    beginning = air.daily_means(series, units="ug/m3")
    assert beginning["n_hours"].tolist() == [23, 24, 1]


def test_timezone_days_follow_local_time():
    index = pd.date_range("2019-01-01", periods=24, freq="h", tz="Asia/Shanghai")
    daily = air.daily_means(pd.Series(5.0, index=index), units="ug/m3")
    assert daily["n_hours"].tolist() == [24]


def test_units_are_carried_and_converted():
    mg = pd.Series(np.full(24, 0.035), index=pd.date_range("2019-01-01", periods=24, freq="h"))
    daily = air.daily_means(mg.astype("pint[mg/m**3]"))
    assert str(daily["mean"].dtype.units) == "milligram / meter ** 3"
    in_ug = air.daily_means(mg.astype("pint[mg/m**3]"), units="ug/m3")
    assert in_ug["mean"].pint.magnitude.iloc[0] == pytest.approx(35.0)
    plain = air.daily_means(mg, units="mg/m3")
    assert plain["mean"].pint.magnitude.iloc[0] == pytest.approx(0.035)


def test_inputs_are_not_modified():
    series = hourly(np.r_[np.full(20, 30.0), np.full(4, np.nan)])
    copy = series.copy()
    air.annual_means(series, units="ug/m3")
    air.daily_means(series, units="ug/m3", hour_label="ending")
    assert_series_equal(series, copy)


def test_multi_station_layout():
    index = pd.date_range("2019-01-01", periods=48, freq="h")
    frame = pd.DataFrame({"A": 10.0, "B": np.r_[np.full(24, 20.0), np.full(24, np.nan)]}, index)
    frame.columns.name = "station"
    daily = air.daily_means(frame, units="ug/m3")
    assert daily.index.names == ["station", "date"]
    assert daily.loc[("B", pd.Timestamp("2019-01-02")), "n_hours"] == 0
    assert daily.loc[("A", pd.Timestamp("2019-01-02")), "mean"].magnitude == 10.0


# --- bad input --------------------------------------------------------------------------


def test_plain_floats_need_units():
    with pytest.raises(MissingUnitsError, match="units='ug/m3'"):
        air.daily_means(hourly(np.ones(24)))


def test_wrong_units():
    with pytest.raises(UnitsError):
        air.daily_means(hourly(np.ones(24)), units="m")  # a length is not a concentration
    with pytest.raises(UnitsError):
        air.daily_means(hourly(np.ones(24)).astype("pint[ug/m**3]"), units="kg")


@pytest.mark.parametrize(
    ("series", "kwargs", "message"),
    [
        (hourly([1.0, -2.0]), {}, "negative"),
        (hourly([1.0, np.inf]), {}, "infinite"),
        (pd.Series([1.0, 2.0]), {}, "DatetimeIndex"),
        (hourly([1.0, 2.0]), {"freq": "30min"}, "freq"),
        (hourly([1.0, 2.0]), {"hour_label": "middle"}, "hour_label"),
        (
            pd.Series([1.0, 2.0], index=pd.to_datetime(["2019-01-01 00:00"] * 2)),
            {},
            "duplicate",
        ),
        (
            pd.Series([1.0, 2.0], index=pd.to_datetime(["2019-01-01 00:00", "2019-01-01 00:30"])),
            {},
            "off the hourly grid",
        ),
    ],
)
def test_bad_hourly_input(series, kwargs, message):
    with pytest.raises(InputError, match=message):
        air.daily_means(series, units="ug/m3", **kwargs)


def test_to_wide():
    long = pd.DataFrame(
        {
            "time": pd.to_datetime(["2019-01-01 01:00", "2019-01-01 00:00", "2019-01-01 00:00"]),
            "station": ["A", "A", "B"],
            "pm": [2.0, 1.0, 3.0],
        }
    )
    wide = air.to_wide(long, value="pm", units="ug/m3")
    assert list(wide.columns) == ["A", "B"]
    assert wide.index.is_monotonic_increasing
    assert wide["A"].pint.magnitude.tolist() == [1.0, 2.0]
    with pytest.raises(InputError, match=r"\(2019-01-01 01:00:00, A\) occurs more than once"):
        air.to_wide(pd.concat([long, long.iloc[:1]]), value="pm")
    with pytest.raises(InputError, match="no column"):
        air.to_wide(long, value="PM2.5")


# --- change, moving mean, trend, percentile ----------------------------------------------


def test_article_decline_81_to_43():
    assert air.relative_reduction(Q_(81, "ug/m3"), Q_(43, "ug/m3")).to("percent").magnitude == (
        pytest.approx(46.913580, abs=1e-6)
    )


@given(
    start=st.floats(1e-3, 1e4),
    end=st.floats(0, 1e4),
    scale=st.floats(1e-3, 1e3),
)
def test_relative_reduction_scale_and_unit_invariant(start, end, scale):
    base = air.relative_reduction(Q_(start, "ug/m3"), Q_(end, "ug/m3")).magnitude
    scaled = air.relative_reduction(Q_(start * scale, "ug/m3"), Q_(end * scale, "ug/m3"))
    in_mg = air.relative_reduction(Q_(start / 1000, "mg/m3"), Q_(end, "ug/m3"))
    assert scaled.magnitude == pytest.approx(base, rel=1e-9, abs=1e-9)
    assert in_mg.magnitude == pytest.approx(base, rel=1e-9, abs=1e-9)


def test_relative_reduction_errors():
    with pytest.raises(MissingUnitsError):
        air.relative_reduction(81, 43)
    with pytest.raises(UnitsError):
        air.relative_reduction(Q_(81, "ug/m3"), Q_(43, "m"))
    with pytest.raises(InputError, match="start must be > 0"):
        air.relative_reduction(Q_(0, "ug/m3"), Q_(43, "ug/m3"))


def test_annualised_change():
    rate = air.annualised_change(Q_(81, "ug/m3"), Q_(43, "ug/m3"), 6)
    assert rate.to("percent/year").magnitude == pytest.approx(((43 / 81) ** (1 / 6) - 1) * 100)
    assert air.annualised_change(Q_(81, "ug/m3"), Q_(43, "ug/m3"), Q_(72, "month")).magnitude == (
        pytest.approx(rate.magnitude)
    )
    with pytest.raises(InputError, match="years"):
        air.annualised_change(Q_(81, "ug/m3"), Q_(43, "ug/m3"), 0)


def test_moving_mean_factor_sheet_vector():
    # factors.md §1: Beijing city 2017-2020 = 58, 51, 42, 38 -> 50.3 (2017-19), 43.7 (2018-20)
    city = pd.Series([58.0, 51.0, 42.0, 38.0], index=[2017, 2018, 2019, 2020])
    moving = air.moving_mean(city, units="ug/m3").pint.magnitude
    assert moving.loc[2019] == pytest.approx(50.333, abs=1e-3)
    assert moving.loc[2020] == pytest.approx(43.667, abs=1e-3)
    assert air.keeps_falling(city, units="ug/m3")
    assert air.keeps_falling(air.moving_mean(city, units="ug/m3"))


def test_moving_mean_gap_gives_nan_not_shorter_window():
    series = pd.Series([50.0, 48.0, 45.0, 40.0], index=[2014, 2015, 2017, 2018])
    moving = air.moving_mean(series, units="ug/m3").pint.magnitude
    assert moving.index.tolist() == [2014, 2015, 2016, 2017, 2018]
    assert moving.isna().all()  # every window touches the missing 2016
    with pytest.raises(InputError, match="2016"):
        air.keeps_falling(series, units="ug/m3")


def test_keeps_falling_requires_strict_fall():
    assert not air.keeps_falling(pd.Series([50.0, 50.0], index=[2018, 2019]), units="ug/m3")
    with pytest.raises(InputError, match="two years"):
        air.keeps_falling(pd.Series([50.0], index=[2018]), units="ug/m3")


def test_trend_matches_scipy_and_hand_computation():
    years = np.arange(2013, 2021)
    values = np.array([89.0, 86.0, 81.0, 73.0, 58.0, 51.0, 42.0, 38.0])
    result = air.trend(pd.Series(values, index=years), units="ug/m3")
    slopes = [
        (values[j] - values[i]) / (years[j] - years[i]) for i in range(8) for j in range(i + 1, 8)
    ]
    assert result.slope.to("ug/m3/year").magnitude == pytest.approx(np.median(slopes))
    tau = stats.kendalltau(years, values)
    assert result.tau == pytest.approx(tau.statistic) == pytest.approx(-1.0)
    assert result.p_value == pytest.approx(tau.pvalue)
    assert result.significant
    assert result.n == 8
    assert result.slope_low.magnitude <= result.slope.magnitude <= result.slope_high.magnitude


def test_trend_on_monthly_means_uses_decimal_years():
    months = pd.date_range("2015-01-01", periods=36, freq="MS")
    values = 60.0 - 0.5 * np.arange(36)  # -0.5 per month = -6 per year
    result = air.trend(pd.Series(values, index=months), units="ug/m3")
    assert result.slope.magnitude == pytest.approx(-6.0, rel=0.02)
    with pytest.raises(InputError, match="three"):
        air.trend(pd.Series([1.0, 2.0], index=[2018, 2019]), units="ug/m3")


def test_percentile_follows_the_hj663_formula():
    days = pd.date_range("2019-01-01", "2019-12-31 23:00", freq="h")
    rng = np.random.default_rng(1)
    daily_values = rng.gamma(2.0, 30.0, 365)
    series = pd.Series(np.repeat(daily_values, 24), index=days)
    got = air.percentile_of_daily(series, 95, units="ug/m3")["percentile"].pint.magnitude.iloc[0]
    ordered = np.sort(daily_values)
    k = 1 + (365 - 1) * 0.95  # HJ 663: k = 1 + (n - 1) p, 1-based
    s = int(k)
    by_hand = ordered[s - 1] + (ordered[s] - ordered[s - 1]) * (k - s)
    assert got == pytest.approx(by_hand)
    assert got == pytest.approx(np.percentile(daily_values, 95))
    with pytest.raises(InputError, match="percentile"):
        air.percentile_of_daily(series, 120, units="ug/m3")


# --- real data: Beijing multi-site, 2013-03 to 2017-02 -------------------------------------


@pytest.fixture(scope="module")
def beijing(beijing_long):
    return beijing_long


def _independent_annual(long, station, year):
    """Plain pandas, row by row over the file: the GB 3095 rules written out."""
    rows = long[(long["station"] == station) & (long["year"] == year)]
    per_day = rows.groupby(["month", "day"])["PM2.5"].agg(["count", "mean"])
    valid_days = per_day[per_day["count"] >= 20]
    per_month = valid_days.groupby(level="month").size().reindex(range(1, 13), fill_value=0)
    need = np.where(per_month.index == 2, 25, 27)
    valid = len(valid_days) >= 324 and bool((per_month.to_numpy() >= need).all())
    return len(valid_days), valid, valid_days["mean"].mean(), int(per_month.min())


@pytest.mark.parametrize(
    ("station", "year"),
    [("Dongsi", 2014), ("Dongsi", 2015), ("Dongsi", 2016), ("Tiantan", 2014), ("Gucheng", 2016)],
)
def test_beijing_station_years_by_hand(beijing, station, year):
    wide = air.to_wide(beijing, value="PM2.5", units="ug/m3")
    annual = air.annual_means(wide).loc[(station, year)]
    n_days, valid, mean, fewest = _independent_annual(beijing, station, year)
    assert annual["n_days"] == n_days
    assert annual["fewest_days_in_a_month"] == fewest
    assert bool(annual["valid"]) is valid
    if valid:
        assert annual["mean"].magnitude == pytest.approx(mean, rel=1e-12)
    else:
        assert np.isnan(annual["mean"].magnitude)


def test_beijing_partial_years_and_short_months(beijing):
    annual = air.annual_means(air.to_wide(beijing, value="PM2.5", units="ug/m3"))
    years = annual.index.get_level_values("year")
    assert annual.loc[years.isin([2013, 2017]), "partial"].all()
    assert not annual.loc[years.isin([2013, 2017]), "valid"].any()
    # the README's warning: full years with >= 324 valid days but a short month
    short = annual[(annual["n_days"] >= 324) & ~annual["valid"] & ~annual["partial"]]
    assert len(short) > 0
    assert (short["fewest_days_in_a_month"] < 27).all()


def test_beijing_december_2015_above_500(beijing):
    wide = air.to_wide(beijing, value="PM2.5", units="ug/m3")
    daily = air.daily_means(wide.loc["2015-12"])
    means = daily["mean"].pint.magnitude
    assert (means > 500).sum() >= 1
