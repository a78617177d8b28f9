"""Network statistics and city assessment: validity at the exact thresholds, MDA8 against
a naive reference, city means without background stations, the composite index and the
good-day ratio by hand, dask equal to pandas."""

import numpy as np
import pandas as pd
import pytest
from framecheck import assert_frame_equal, assert_series_equal
from hypothesis import given, settings
from hypothesis import strategies as st

from wasteless.air import city, network
from wasteless.errors import InputError
from wasteless.units import ureg

UNITS = {
    "SO2": "ug/m3",
    "NO2": "ug/m3",
    "PM10": "ug/m3",
    "PM2.5": "ug/m3",
    "CO": "mg/m3",
    "O3": "ug/m3",
}


def tidy_of(values_by_station_pollutant, start="2019-01-01 00:00"):
    """A tidy table from {(station, pollutant): hourly values} (hour-beginning stamps)."""
    frames = []
    for (station, pollutant), values in values_by_station_pollutant.items():
        hours = pd.date_range(start, periods=len(values), freq="h")
        frames.append(
            pd.DataFrame(
                {
                    "time": hours,
                    "station": station,
                    "pollutant": pollutant,
                    "value": np.asarray(values, dtype=float),
                }
            )
        )
    tidy = pd.concat(frames, ignore_index=True)
    tidy.attrs["units"] = UNITS
    return tidy


# --- validity at the thresholds ------------------------------------------------------------


@given(n_hours=st.integers(0, 24), data=st.data())
def test_a_24h_mean_needs_20_hours(n_hours, data):
    present = data.draw(st.permutations(range(24)))[:n_hours]
    values = np.full(24, np.nan)
    values[list(present)] = 40.0
    day = network.daily_statistics(tidy_of({("A", "PM2.5"): values})).iloc[0]
    assert day["n_PM2.5_24h"] == n_hours
    assert bool(np.isnan(day["PM2.5_24h"].magnitude)) is (n_hours < 20)


def naive_mda8(day, min_hours=6, min_values=14):
    """The rule written out: 17 windows of 8 hours, each valid with >= 6 hours."""
    means = []
    for start in range(17):
        window = day[start : start + 8]
        present = window[~np.isnan(window)]
        if present.size >= min_hours:
            means.append(present.mean())
    return (max(means) if len(means) >= min_values else np.nan), len(means)


@settings(max_examples=200)
@given(values=st.lists(st.one_of(st.floats(0, 500), st.just(np.nan)), min_size=24, max_size=24))
def test_mda8_equals_a_naive_reference(values):
    day = np.asarray(values)
    got, n = network.daily_max_8h(day[None, :])
    expected, n_expected = naive_mda8(day)
    assert n[0] == n_expected
    if np.isnan(expected):
        assert np.isnan(got[0])
    else:
        assert got[0] == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(("present", "valid"), [(5, False), (6, True)])
def test_an_8h_mean_needs_6_of_8_hours(present, valid):
    day = np.full(24, np.nan)
    day[:present] = 100.0  # only the first window can have hours
    _, n = network.daily_max_8h(day[None, :], min_values=1)
    assert bool(n[0] >= 1) is valid


@pytest.mark.parametrize(("n_windows", "valid"), [(13, False), (14, True)])
def test_mda8_needs_14_valid_8h_means(n_windows, valid):
    # the first n + 5 hours present: window s (hours s..s+7) has min(8, n + 5 - s) hours,
    # at least 6 exactly for s <= n - 1, so n windows are valid
    day = np.full(24, np.nan)
    day[: n_windows + 5] = 50.0
    mda8, n = network.daily_max_8h(day[None, :])
    assert n[0] == n_windows
    assert (not np.isnan(mda8[0])) is valid


def test_hour_label_moves_hour_zero_to_the_previous_day():
    # 48 hours stamped 00:00..23:00 of two days; hour-ending puts the 00:00 value in the
    # day before
    values = np.r_[np.full(24, 10.0), np.full(24, 30.0)]
    tidy = tidy_of({("A", "PM2.5"): values}, start="2019-01-02 00:00")
    ending = network.daily_statistics(tidy, hour_label="ending")
    beginning = network.daily_statistics(tidy)
    tidy.attrs["hour_label"] = "ending"  # a table that says what its stamps mean
    assert_frame_equal(network.daily_statistics(tidy), ending)
    assert beginning["PM2.5_24h"].pint.magnitude.tolist() == [10.0, 30.0]
    # ending: 2019-01-01 has 1 hour, 01-02 has 23 of 10 + 1 of 30, 01-03 has 23 of 30
    assert ending["n_PM2.5_24h"].tolist() == [1, 24, 23]
    assert ending["PM2.5_24h"].pint.magnitude.iloc[1] == pytest.approx((23 * 10 + 30) / 24)


def test_bad_tidy_tables():
    with pytest.raises(InputError, match="no column"):
        network.daily_statistics(pd.DataFrame({"time": [], "value": []}))
    tidy = tidy_of({("A", "PM2.5"): np.full(24, 10.0)})
    tidy.attrs = {}
    with pytest.raises(InputError, match="never assumes a unit"):
        network.daily_statistics(tidy)
    twice = pd.concat([tidy_of({("A", "PM2.5"): np.full(24, 10.0)})] * 2)
    twice.attrs["units"] = UNITS
    with pytest.raises(InputError, match="more than once"):
        network.daily_statistics(twice)
    negative = tidy_of({("A", "PM2.5"): np.full(24, -1.0)})
    with pytest.raises(InputError, match=">= 0"):
        network.daily_statistics(negative)


# --- the annual statistics and the city assessment -------------------------------------------


def year_of(values, stations=("A", "B", "C")):
    hours = 365 * 24
    return tidy_of({(s, p): np.full(hours, v) for s in stations for p, v in values.items()})


SITES = pd.DataFrame(
    {"city": ["X", "X", "X"], "province": ["P", "P", "P"], "background": [False, False, True]},
    index=["A", "B", "C"],
)
CLEAN = {"SO2": 12.0, "NO2": 32.0, "PM10": 80.0, "PM2.5": 40.0, "CO": 1.2, "O3": 120.0}


def test_the_percentile_of_each_pollutant():
    days = pd.date_range("2019-01-01", "2019-12-31")
    index = pd.MultiIndex.from_product([["A"], days], names=["station", "date"])
    ramp = np.arange(1.0, 366.0)
    daily = pd.DataFrame(
        {
            key: pd.array(ramp, dtype=f"pint[{'mg/m**3' if key == 'CO_24h' else 'ug/m**3'}]")
            for key in ("SO2_24h", "NO2_24h", "PM10_24h", "PM2.5_24h", "CO_24h", "O3_8h")
        },
        index=index,
    )
    annual = network.annual_statistics(daily, 2019).iloc[0]
    # HJ 663: k = 1 + (n - 1) p on the sorted values 1..365, so the p-th percentile is k
    for name, p in (
        ("SO2_p98", 0.98),
        ("NO2_p98", 0.98),
        ("PM10_p95", 0.95),
        ("PM2.5_p95", 0.95),
        ("CO_p95", 0.95),
        ("O3_mda8_p90", 0.90),
    ):
        assert annual[name].magnitude == pytest.approx(1 + 364 * p)
    assert annual["PM2.5_annual"].magnitude == pytest.approx(183.0)


def test_the_o3_statistic_has_city_s_name_and_the_old_one_works_until_0_4():
    # one name in network and city: O3_mda8_p90 (city's assessment column: o3_mda8_p90)
    assert "O3_mda8_p90" in network.ANNUAL_STATISTICS
    assert "O3_mda8_p90" in city.COMPOSITE_INDEX
    assert "o3_mda8_p90" in city.ASSESSMENT_COLUMNS
    days = pd.date_range("2019-01-01", "2019-12-31")
    index = pd.MultiIndex.from_product([["A"], days], names=["station", "date"])
    daily = pd.DataFrame({"O3_8h": pd.array(np.arange(1.0, 366.0), dtype="pint[ug/m**3]")}, index)
    annual = network.annual_statistics(daily, 2019)
    assert list(annual.columns) == ["O3_mda8_p90", "n_days_O3_8h"]
    with pytest.deprecated_call(match=r"column 'O3_8h_p90' .* removed in 0.4: use 'O3_mda8_p90'"):
        old = annual["O3_8h_p90"]
    assert_series_equal(old, annual["O3_mda8_p90"])
    with pytest.deprecated_call(match=r"network.ANNUAL_STATISTICS\['O3_8h_p90'\] is deprecated"):
        assert network.ANNUAL_STATISTICS["O3_8h_p90"] == ("O3_8h", 90.0)
    with pytest.deprecated_call(match=r"city.COMPOSITE_INDEX\['O3_8h_p90'\] is deprecated"):
        assert city.COMPOSITE_INDEX["O3_8h_p90"] == ("O3", "8h", "GB3095-2012-II")


def test_city_assessment_by_hand():
    background_dirty = {**CLEAN, "PM2.5": 400.0}
    tidy = pd.concat([year_of(CLEAN, ("A", "B")), year_of(background_dirty, ("C",))])
    tidy.attrs["units"] = UNITS
    table = city.assess(tidy, SITES)
    row = table.loc["X"]
    assert row["stations"] == 2  # C is a background station
    assert row["pm25_annual"] == pytest.approx(40.0)  # not pulled up by C
    # composite index: 12/60 + 32/40 + 80/70 + 40/35 + 1.2/4 + 120/160
    by_hand = 12 / 60 + 32 / 40 + 80 / 70 + 40 / 35 + 1.2 / 4 + 120 / 160
    assert row["composite_index"] == pytest.approx(by_hand)
    # daily AQI: PM10 80 -> 50 + 30/100*50 = 65; PM2.5 40 -> 50 + 5/40*50 = 56.25 -> 66
    assert row["good_day_ratio"] == pytest.approx(100.0)
    assert row["days_good"] == 365
    assert row["valid_days"] == 365
    assert row["rank"] == 1
    assert row["exceedance_days"] == 0


def test_ranking_and_groups():
    dirty = {**CLEAN, "PM2.5": 90.0}
    tidy = pd.concat([year_of(CLEAN, ("A",)), year_of(dirty, ("B",))])
    tidy.attrs["units"] = UNITS
    sites = pd.DataFrame({"city": ["X", "Y"], "background": [False, False]}, index=["A", "B"])
    table = city.assess(tidy, sites)
    assert table.index.tolist() == ["X", "Y"]
    assert table["rank"].tolist() == [1, 2]
    # PM2.5 90 -> IAQI 100 + 15/40*50 = 118.75: every day lightly polluted, an exceedance
    assert table.loc["Y", "good_day_ratio"] == 0.0
    assert table.loc["Y", "exceedance_days_PM2.5_24h"] == 365
    district = city.assess(tidy, sites, groups={"E-Town": ["A", "B"]})
    assert district.index.tolist() == ["E-Town"]
    assert district.loc["E-Town", "pm25_annual"] == pytest.approx(65.0)
    with pytest.raises(InputError, match="not in the station list"):
        city.assess(tidy, sites, groups={"Z": ["nope"]})
    with pytest.raises(InputError, match="no column 'region'"):
        city.assess(tidy, sites, by="region")
    with pytest.raises(InputError, match="no day of 2018"):
        city.assess(tidy, sites, year=2018)


def test_a_missing_pollutant_makes_no_valid_day():
    partial = {k: v for k, v in CLEAN.items() if k != "CO"}
    tidy = year_of(partial, ("A",))
    sites = pd.DataFrame({"city": ["X"], "background": [False]}, index=["A"])
    with pytest.raises(InputError, match="CO_24h"):
        city.assess(tidy, sites)


def test_dask_gives_the_same_numbers_as_pandas():
    dd = pytest.importorskip("dask.dataframe")
    rng = np.random.default_rng(4)
    values = {
        (s, p): np.where(rng.random(365 * 24) < 0.05, np.nan, rng.gamma(2.0, v / 2.0, 365 * 24))
        for s in ("A", "B", "C")
        for p, v in CLEAN.items()
    }
    tidy = tidy_of(values)
    ddf = dd.from_pandas(tidy, npartitions=7)
    by_pandas = city.assess(tidy, SITES)
    by_dask = city.assess(ddf, SITES, units=UNITS)
    assert_frame_equal(by_pandas, by_dask, check_exact=True)
    with pytest.raises(InputError, match=r"no column\(s\) \['pollutant'\]"):
        city.assess(ddf.drop(columns="pollutant"), SITES, units=UNITS)


# --- real data: the national network, January 2019 -------------------------------------------

CNEMC = __import__("pathlib").Path(__file__).resolve().parents[1].parent / "shared/data/cnemc"


@pytest.fixture(scope="module")
def january():
    from wasteless import io

    if not (CNEMC / "2019-01-complete").is_dir():
        pytest.skip(f"CNEMC data not found at {CNEMC} (../shared/data/cnemc beside the project)")
    pollutants = ["PM2.5", "PM2.5_24h", "CO", "CO_24h", "SO2", "NO2", "PM10", "O3"]
    tidy = io.read_cnemc(CNEMC / "2019-01-complete", pollutants=pollutants)
    return tidy, io.read_sites(CNEMC / "sites.csv")


@pytest.mark.slow
def test_daily_means_reproduce_the_published_24h_values(january):
    """Our 24-hour mean of a full day equals the network's own published 24-hour moving
    mean at the day's last hour (PM2.5 published as integers, CO to 0.1 mg/m³)."""
    tidy, _ = january
    hourly = tidy[tidy["pollutant"].isin(["PM2.5", "CO"])]
    hourly.attrs = dict(tidy.attrs)
    daily = network.daily_statistics(hourly)
    for pollutant, tolerance in (("PM2.5", 0.5), ("CO", 0.05)):
        published = tidy[(tidy["pollutant"] == f"{pollutant}_24h") & (tidy["time"].dt.hour == 23)]
        published = published.assign(date=published["time"].dt.normalize()).set_index(
            ["station", "date"]
        )["value"]
        full_days = daily[f"n_{pollutant}_24h"] == 24
        ours = daily.loc[full_days, f"{pollutant}_24h"].pint.magnitude
        joined = pd.concat([ours.rename("ours"), published.rename("published")], axis=1)
        joined = joined.dropna()
        assert len(joined) > 30_000
        assert ((joined["ours"] - joined["published"]).abs() <= tolerance + 1e-9).all()


@pytest.mark.slow
def test_a_city_counts_its_stations_without_the_background_one(january):
    tidy, sites = january
    daily = network.daily_statistics(tidy)
    beijing = city.city_daily(daily, sites).loc["北京"]
    # 12 national stations in Beijing in 2019, 定陵 (1002A) the background station
    in_data = set(tidy["station"].astype(str).unique())
    codes = [c for c in sites.index[sites["city"] == "北京"] if c in in_data]
    assert len(codes) == 12
    assert sites.loc["1002A", "background"]
    assert set(beijing["stations"]) == {11}
    # the city value is the mean of the 11 stations' daily values, by hand
    day = pd.Timestamp("2019-01-10")
    values = [daily.loc[(c, day), "PM2.5_24h"].magnitude for c in codes if c != "1002A"]
    assert beijing.loc[day, "PM2.5_24h"].magnitude == pytest.approx(np.nanmean(values))


def test_the_full_grid_fast_path_equals_the_general_path():
    from wasteless import io

    tidy = io.read_cnemc(io.sample_files())  # the full grid: the fast path
    shuffled = tidy.sample(frac=1.0, random_state=1)  # same rows, any order: the general path
    shuffled.attrs = dict(tidy.attrs)
    assert_frame_equal(
        network.daily_statistics(tidy), network.daily_statistics(shuffled), check_exact=True
    )


def test_the_8_hour_rules_are_data_and_part_of_a_rule_set():
    from wasteless.air import GB3095_2012, ValidityRules

    # GB 3095-2012 Table 4 as quoted: 6 of 8 hours, 14 of 17 8-hour means (validity_rules.toml)
    assert (network.MIN_8H_HOURS, network.MIN_8H_VALUES) == (6, 14)
    assert GB3095_2012.rules_8h() == (6, 14)
    # 13 hours of O3 (00:00-12:00): windows starting at hours 0..7 have >= 6 hours: 8 valid
    values = np.r_[np.full(13, 100.0), np.full(11, np.nan)]
    tidy = tidy_of({("A", "O3"): values})
    strict = network.daily_statistics(tidy, statistics=["O3_8h"])
    assert strict["n_O3_8h"].iloc[0] == 8
    assert np.isnan(strict["O3_8h"].pint.magnitude.iloc[0])  # 8 < 14
    loose = ValidityRules("loose", 20, 27, 25, 324, "test", "A", 6, 8)
    day = network.daily_statistics(tidy, rules=loose, statistics=["O3_8h"]).iloc[0]
    assert day["O3_8h"].magnitude == 100.0
    # a rule set without 8-hour rules uses GB 3095-2012's
    assert ValidityRules("mine", 18, 23, 21, 274, "test", "A").rules_8h() == (6, 14)
    with pytest.raises(
        InputError, match=r"min_8h_means_per_day must be a whole number in \[1, 17\]"
    ):
        ValidityRules("bad", 20, 27, 25, 324, "test", "A", 6, 18)


# --- notes: why a cell is blank (issue 18) ----------------------------------------------


def _with_gap(values, stations, pollutant, days):
    """A year of constant values with ``pollutant`` missing on the first ``days`` days."""
    tidy = year_of(values, stations)
    gap = tidy["pollutant"].eq(pollutant) & tidy["time"].lt(
        pd.Timestamp("2019-01-01") + pd.Timedelta(days=days)
    )
    tidy.loc[gap, "value"] = np.nan
    return tidy


def test_notes_say_why_a_value_is_blank_and_a_city_unranked():
    # X: PM10 missing 45 days (320 valid, fewer than GB 3095-2012's 324); C its background
    # station; D listed for X but in no data. Y: complete.
    tidy = pd.concat(
        [_with_gap(CLEAN, ("A", "B", "C"), "PM10", 45), year_of(CLEAN, ("E",))],
        ignore_index=True,
    )
    tidy.attrs["units"] = UNITS
    sites = pd.DataFrame(
        {"city": ["X", "X", "X", "X", "Y"], "background": [False, False, True, False, False]},
        index=["A", "B", "C", "D", "E"],
    )
    table = city.assess(tidy, sites)
    assert table.loc["X", "notes"] == (
        "PM10: 320 valid days < 324 (GB 3095-2012); "
        "unranked: no composite index without PM10; "
        "stations: 2 of the 3 non-background stations of the station list are in the files; "
        "stations: background station C (对照点) left out"
    )
    assert np.isnan(table.loc["X", "pm10_annual"])
    assert np.isnan(table.loc["X", "rank"])
    assert table.loc["X", "valid_days"] == 320
    assert table.loc["Y", "notes"] == ""
    assert table.loc["Y", "rank"] == 1
    assert list(table.columns[: len(city.ASSESSMENT_COLUMNS)]) == list(city.ASSESSMENT_COLUMNS)


def test_the_notes_take_the_rule_from_the_rules_given():
    from wasteless.air.means import ValidityRules

    tidy = _with_gap(CLEAN, ("A",), "PM10", 45)  # 320 valid days of PM10
    sites = pd.DataFrame({"city": ["X"], "background": [False]}, index=["A"])
    looser = ValidityRules("a looser rule", 20, 27, 25, 300, "a test", "A")
    assert city.assess(tidy, sites, rules=looser).loc["X", "notes"] == ""
    stricter = ValidityRules("a stricter rule", 20, 27, 25, 330, "a test", "A")
    assert city.assess(tidy, sites, rules=stricter).loc["X", "notes"] == (
        "PM10: 320 valid days < 330 (a stricter rule); unranked: no composite index without PM10"
    )


def test_a_group_without_a_valid_day_has_no_good_day_ratio_and_says_why():
    tidy = _with_gap(CLEAN, ("A",), "CO", 365)
    sites = pd.DataFrame({"city": ["X"], "background": [False]}, index=["A"])
    row = city.assess(tidy, sites).loc["X"]
    assert row["valid_days"] == 0
    assert np.isnan(row["good_day_ratio"])
    assert row["notes"].split("; ") == [
        "CO: 0 valid days < 324 (GB 3095-2012)",
        "good-day ratio: no valid day (a day's AQI needs the daily values of the six pollutants)",
        "unranked: no composite index without CO",
    ]


def test_station_notes_of_named_groups():
    tidy = year_of(CLEAN, ("A", "B", "C"))
    table = city.assess(tidy, SITES, groups={"E-Town": ["A", "C"], "rest": ["B"]})
    assert table.loc["E-Town", "notes"] == "stations: background station C (对照点) left out"
    assert table.loc["rest", "notes"] == ""
    assert ureg.Unit(table.attrs["units"]["co_p95"]) == ureg.Unit("mg/m3")
    assert table.attrs["validity_rules"]["min_days_per_year"] == 324


def test_19_overlapping_groups_keep_all_their_stations():
    # issue 19, reproducer 1: {"Beijing": bj, "Core": bj[:2]} gave Beijing 9 stations of 11
    # and changed its means; each group must be computed from all of its own stations

    from wasteless import datasets, io
    from wasteless.air import city, network

    sites = io.read_sites(datasets.sample_sites())
    daily = network.daily_statistics(io.read_cnemc(datasets.sample_files()))
    present = set(daily.index.get_level_values("station"))
    beijing = [
        code
        for code in sites.index[(sites["city"] == "北京") & ~sites["background"]]
        if code in present
    ]
    alone = city.city_daily(daily, sites, groups={"Beijing": beijing})
    both = city.city_daily(daily, sites, groups={"Beijing": beijing, "Core": beijing[:2]})
    assert_frame_equal(alone.loc[["Beijing"]], both.loc[["Beijing"]], check_exact=True)
    assert set(both.loc["Core"]["stations"]) == {2}
    # the core's PM2.5 is the mean of its two stations, by hand
    pm = daily.loc[beijing[:2], "PM2.5_24h"].pint.magnitude.unstack(0).mean(axis=1)
    core = both.loc["Core", "PM2.5_24h"].pint.magnitude
    expected = pm.reindex(core.index).to_numpy()
    assert core.to_numpy() == pytest.approx(expected, rel=1e-12, nan_ok=True)


def _sample_daily():
    from wasteless import datasets, io

    return (
        io.read_sites(datasets.sample_sites()),
        network.daily_statistics(io.read_cnemc(datasets.sample_files())),
    )


def test_19_a_station_missing_from_the_list_is_counted_not_lost():
    # issue 19, reproducer 3: a station in the files but not in sites.csv left its city
    # (Beijing 10 stations of 11) without a word
    sites, daily = _sample_daily()
    shorter = sites.drop(index="1001A")
    table = city.city_daily(daily, shorter)
    assert table.attrs["unlisted_stations"] == ["1001A"]
    assert set(table.loc["北京"]["stations"]) == {10}
    result = city.assess(daily, shorter, year=2019)
    assert result.attrs["unlisted_stations"] == ["1001A"]
    assert city.assess(daily, sites, year=2019).attrs["unlisted_stations"] == []
    # the official-set path counts them too
    from wasteless.air import groups

    assert groups.assess(daily, shorter, year=2019).attrs["unlisted_stations"] == ["1001A"]


def test_19_a_station_list_with_a_repeated_code_is_refused_not_counted_twice():
    # issue 19, reproducer 6: a hand-built list naming a station twice gave "cannot
    # reindex" in one path and, in another, would weigh the station twice in its city
    sites, daily = _sample_daily()
    twice = pd.concat([sites, sites.loc[["1003A"]]])
    for call in (
        lambda: city.city_daily(daily, twice),
        lambda: city.assess(daily, twice, year=2019),
    ):
        with pytest.raises(InputError, match=r"sites: station code\(s\) \['1003A'\] are listed"):
            call()


@pytest.mark.parametrize(
    ("convert", "match"),
    [
        (lambda t: t.dt.tz_localize("Asia/Shanghai"), r"has a time zone .*tz_localize\(None\)"),
        (lambda t: t.dt.tz_localize("UTC"), r"has a time zone \(datetime64\[ns, UTC\]\)"),
        (lambda t: t.astype(str), r"datetime.*; got (object|str).*pd\.to_datetime"),
    ],
    ids=["Beijing zone", "UTC", "text"],
)
def test_19_times_with_a_zone_or_as_text_are_refused_with_the_fix(convert, match):
    # issue 19, reproducer 6: "TypeError: '>' not supported between 'Timedelta' and 'int'"
    from wasteless import datasets, io

    tidy = io.read_cnemc(datasets.sample_files())
    before = tidy.copy()
    tidy["time"] = convert(tidy["time"])
    kept = tidy.copy()
    for call in (network.daily_statistics, network.realtime):
        with pytest.raises(InputError, match=match):
            call(tidy)
    assert_frame_equal(tidy, kept)  # not converted in place
    assert len(before) == len(tidy)


@given(
    st.lists(
        st.tuples(st.sampled_from(["北京", "天津", "A", "b", "石家庄"]), st.booleans()),
        min_size=1,
        max_size=60,
    )
)
def test_counts_per_group_equal_the_pandas_groupby_they_replace(rows):
    # annual_assessment counts flagged days per group with one bincount; the numbers and
    # dtype of the pandas groupby sum reindexed to the table that it used before
    group = pd.Index([g for g, _ in rows])
    flags = np.array([f for _, f in rows], dtype=bool)
    index = pd.Index(sorted(set(group)))
    by_pandas = pd.Series(flags, index=group).groupby(level=0).sum().reindex(index).to_numpy()
    by_bincount = city._count_per_group(flags, index.get_indexer(group), len(index))
    assert by_bincount.dtype == by_pandas.dtype == np.int64
    np.testing.assert_array_equal(by_bincount, by_pandas)
