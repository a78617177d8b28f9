"""HJ 633 AQI: continuity, monotonicity, editions, rounding, containers, bad input.

The tables and clauses of each edition are reproduced from the texts in
test_hj633_2012.py and test_hj633_2026.py; the real-time AQI against the national
network's published values in test_aqi_realtime.py.
"""

import inspect
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pint
import pint_pandas  # noqa: F401  (registers the pint[...] dtype)
import pytest
from framecheck import assert_frame_equal
from hypothesis import given
from hypothesis import strategies as st

from wasteless import Q_, aqi
from wasteless.air import city
from wasteless.aqi import (
    AQI_KEYS,
    EDITIONS,
    AboveScaleWarning,
    AQICategory,
    breakpoint_table,
    category,
    iaqi,
    iaqi_pm25,
)
from wasteless.errors import InputError, MissingUnitsError, UnitsError

BEIJING = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "beijing"
DONGSI = BEIJING / "PRSA_Data_Dongsi_20130301-20170228.csv"

IAQI_LEVELS = [0, 50, 100, 150, 200, 300, 400, 500]

# HJ 633-2012 Table 1, transcribed independently of the package data (key: pollutant,
# averaging, unit, breakpoints); SO2 1h and O3 8h stop where the standard stops.
HJ633_2012_TABLE1 = {
    "SO2_24h": ("SO2", "24h", "ug/m**3", [0, 50, 150, 475, 800, 1600, 2100, 2620]),
    "SO2_1h": ("SO2", "1h", "ug/m**3", [0, 150, 500, 650, 800]),
    "NO2_24h": ("NO2", "24h", "ug/m**3", [0, 40, 80, 180, 280, 565, 750, 940]),
    "NO2_1h": ("NO2", "1h", "ug/m**3", [0, 100, 200, 700, 1200, 2340, 3090, 3840]),
    "PM10": ("PM10", "24h", "ug/m**3", [0, 50, 150, 250, 350, 420, 500, 600]),
    "CO_24h": ("CO", "24h", "mg/m**3", [0, 2, 4, 14, 24, 36, 48, 60]),
    "CO_1h": ("CO", "1h", "mg/m**3", [0, 5, 10, 35, 60, 90, 120, 150]),
    "O3_1h": ("O3", "1h", "ug/m**3", [0, 160, 200, 300, 400, 800, 1000, 1200]),
    "O3_8h": ("O3", "8h", "ug/m**3", [0, 100, 160, 215, 265, 800]),
    "PM2.5": ("PM2.5", "24h", "ug/m**3", [0, 35, 75, 115, 150, 250, 350, 500]),
}
HJ633_2026_PM25 = [0, 35, 60, 115, 150, 250, 350, 500]  # HJ 633-2026 Table 3 [P]

# Every (edition, pollutant, averaging) that can be computed.
USABLE = [
    (edition, pollutant, averaging)
    for edition in EDITIONS
    for pollutant, averaging, _, _ in HJ633_2012_TABLE1.values()
    if breakpoint_table(pollutant, averaging, edition).available
]
POINTS = [
    (table, i)
    for table in (breakpoint_table(p, a, e) for e, p, a in USABLE)
    for i in range(len(table.concentration))
]


# --- the tables' provenance (the values: test_hj633_2012.py, test_hj633_2026.py) -------


def test_hj633_2026_pm25_table():
    table = breakpoint_table("PM2.5", "24h", "HJ 633-2026")
    assert table.concentration == tuple(float(b) for b in HJ633_2026_PM25)
    assert table.tag == "[P]"
    got = iaqi_pm25(Q_(HJ633_2026_PM25, "ug/m3"), edition="HJ 633-2026")
    np.testing.assert_array_equal(got, IAQI_LEVELS)
    assert iaqi_pm25(Q_(60, "ug/m3"), edition="HJ 633-2026") == 100.0
    assert iaqi_pm25(Q_(60, "ug/m3")) == pytest.approx(81.25)
    assert iaqi_pm25(Q_(60, "ug/m3"), edition="HJ 633-2012") == pytest.approx(81.25)


def test_hj633_2026_differs_from_2012_in_pm_and_above_800_only():
    for pollutant, averaging, _, _ in HJ633_2012_TABLE1.values():
        new = breakpoint_table(pollutant, averaging, "HJ 633-2026")
        old = breakpoint_table(pollutant, averaging, "HJ 633-2012")
        assert new.tag == old.tag == "[P]"
        assert "Table 3" in new.source
        if pollutant in ("PM2.5", "PM10"):
            assert new.concentration != old.concentration  # IAQI 100: 60 and 120
            continue
        assert (new.concentration, new.iaqi, new.unit) == (old.concentration, old.iaqi, old.unit)
        if (pollutant, averaging) in (("SO2", "1h"), ("O3", "8h")):
            assert (old.above_top, new.above_top) == ("not_computed", "top_value")
        else:
            assert new.above_top == old.above_top == "cap"


def test_provenance_of_the_2012_tables():
    for pollutant, averaging, _, _ in HJ633_2012_TABLE1.values():
        table = breakpoint_table(pollutant, averaging)
        assert table.source.startswith("HJ 633-2012 Table 1"), table
        assert "printed page 2" in table.source
        assert "mee.gov.cn" in table.url
        assert set(table.quality) == {"P"}  # the 400 and 500 breakpoints too: in the text
        assert table.note


def test_module_docstring_tables_match_the_data():
    rows = {}
    for line in (aqi.__doc__ or "").splitlines():
        fields = line.split()
        if fields and fields[0] in HJ633_2012_TABLE1:
            rows.setdefault(fields[0], []).append([float(f) for f in fields[1:] if f != "—"])
    assert set(rows) == set(HJ633_2012_TABLE1)
    for key, (old, new) in rows.items():
        assert old == list(HJ633_2012_TABLE1[key][3]), key
        if key == "PM2.5":
            assert new == HJ633_2026_PM25
        elif key != "PM10":
            assert new == old, key


# --- properties ------------------------------------------------------------------------


@given(st.sampled_from(POINTS), st.floats(min_value=1e-9, max_value=1e-3))
def test_continuous_at_every_breakpoint(point, fraction):
    table, i = point
    c = np.array(table.concentration)
    steepest = float(np.max(np.diff(table.iaqi) / np.diff(c)))
    eps = fraction * (c[1] - c[0])
    below = max(c[i] - eps, 0.0)
    above = c[i] + eps if i + 1 < len(c) else c[i]  # above the top is off the scale
    for x in (below, above):
        got = iaqi(Q_(x, table.unit), table.pollutant, table.averaging, table.edition)
        assert abs(got - table.iaqi[i]) <= steepest * eps * (1 + 1e-9) + 1e-9


@given(
    st.sampled_from([breakpoint_table(p, a, e) for e, p, a in USABLE]),
    st.lists(st.floats(min_value=0.0, max_value=1.3), min_size=2, max_size=30),
)
def test_monotonic_non_decreasing(table, fractions):
    top = table.concentration[-1]
    c = np.sort(np.array(fractions)) * top
    if table.above_top == "not_computed":
        c = np.minimum(c, top)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AboveScaleWarning)
        got = iaqi(Q_(c, table.unit), table.pollutant, table.averaging, table.edition)
    assert np.all(np.diff(got) >= 0)
    assert np.all((got >= 0) & (got <= 500))


@given(st.sampled_from(list(HJ633_2012_TABLE1)), st.floats(min_value=0.0, max_value=1.0))
def test_same_iaqi_in_any_concentration_unit(key, fraction):
    pollutant, averaging, unit, breakpoints = HJ633_2012_TABLE1[key]
    value = fraction * breakpoints[-1]
    reference = iaqi(Q_(value, unit), pollutant, averaging)
    for other in ("ug/m**3", "mg/m**3", "g/m**3", "ng/L"):
        converted = Q_(value, unit).to(other)
        got = iaqi(converted, pollutant, averaging)
        assert got == pytest.approx(reference, rel=1e-9, abs=1e-9)


def test_unit_spellings():
    assert iaqi_pm25(Q_(75, "µg/m³")) == 100.0
    assert iaqi_pm25(Q_(75, "ug/m3")) == 100.0
    assert iaqi_pm25(Q_(0.075, "mg/m3")) == pytest.approx(100.0)
    assert iaqi(Q_(4000, "ug/m3"), "CO") == pytest.approx(100.0)


# --- containers ------------------------------------------------------------------------


def test_scalar_in_float_out():
    for value in (Q_(75, "ug/m3"), Q_(75.0, "ug/m3"), Q_(np.float32(75), "ug/m3")):
        got = iaqi_pm25(value)
        assert type(got) is float
        assert got == 100.0
    assert type(iaqi_pm25(Q_(np.array(75.0), "ug/m3"))) is float


def test_array_in_array_out():
    got = iaqi_pm25(Q_([35, 75, 115], "ug/m3"))
    assert isinstance(got, np.ndarray)
    np.testing.assert_array_equal(got, [50, 100, 150])
    grid = iaqi_pm25(Q_(np.array([[35.0, 75.0], [115.0, 150.0]]), "ug/m3"))
    assert grid.shape == (2, 2)
    np.testing.assert_array_equal(grid, [[50, 100], [150, 200]])
    assert iaqi_pm25(Q_(np.array([], dtype=float), "ug/m3")).shape == (0,)


def test_series_in_series_out_with_index_and_name():
    index = pd.date_range("2015-12-01", periods=3, freq="D", name="date")
    c = pd.Series([35.0, 75.0, 115.0], index=index, name="Dongsi", dtype="pint[ug/m**3]")
    got = iaqi_pm25(c)
    assert isinstance(got, pd.Series)
    assert got.index.equals(index)
    assert got.name == "Dongsi"
    assert got.tolist() == [50.0, 100.0, 150.0]
    mg = pd.Series([0.035, 0.075], dtype="pint[mg/m**3]")
    assert iaqi_pm25(mg).tolist() == pytest.approx([50.0, 100.0])


def test_inputs_are_not_modified():
    values = np.array([35.0, 75.0, 600.0])
    quantity = Q_(values, "ug/m3")
    with pytest.warns(AboveScaleWarning):
        iaqi_pm25(quantity)
    np.testing.assert_array_equal(values, [35.0, 75.0, 600.0])
    series = pd.Series([1.0, np.nan], dtype="pint[ug/m**3]")
    iaqi_pm25(series, missing="propagate")
    assert series.pint.magnitude.iloc[0] == 1.0


# --- editions ----------------------------------------------------------------------------


def test_edition_by_dates_across_2026_03_01():
    index = pd.date_range("2026-02-28", "2026-03-02", freq="D")
    c = pd.Series([60.0, 60.0, 60.0], index=index, dtype="pint[ug/m**3]")
    got = iaqi_pm25(c, edition=None)
    assert got.tolist() == [81.25, 100.0, 100.0]
    assert got.index.equals(index)
    frame = aqi.aqi({"PM2.5": c, "NO2_24h": c}, edition=None)
    assert frame["edition"].tolist() == ["HJ 633-2012", "HJ 633-2026", "HJ 633-2026"]
    assert frame["aqi"].tolist() == [82.0, 100.0, 100.0]


def test_edition_by_dates_uses_the_wall_clock_and_the_hour():
    index = pd.DatetimeIndex(["2026-02-28 23:00", "2026-03-01 00:00"], tz="Asia/Shanghai")
    c = pd.Series([60.0, 60.0], index=index, dtype="pint[ug/m**3]")
    assert iaqi_pm25(c, edition=None).tolist() == [81.25, 100.0]


def test_one_edition_rule_by_date_and_undated_values_under_hj633_2012():
    # the default of every function is by date; values without a date are taken as
    # dated before 2026-03-01 (HJ 633-2012 Table 1: 60 -> 50 + 50/40 x 25 = 81.25)
    for undated in (
        Q_(60, "ug/m3"),
        Q_([60.0, 70.0], "ug/m3"),
        pd.Series([60.0], dtype="pint[ug/m**3]"),
    ):
        assert np.ravel(iaqi_pm25(undated))[0] == 81.25
        assert np.ravel(iaqi_pm25(undated, edition=None))[0] == 81.25
    assert aqi.aqi({"PM2.5": Q_(60, "ug/m3")})["edition"].tolist() == ["HJ 633-2012"]
    dated = pd.Series([60.0], index=pd.DatetimeIndex(["2026-06-01"]), dtype="pint[ug/m3]")
    assert iaqi_pm25(dated).tolist() == [100.0]  # HJ 633-2026 Table 3 by default now
    assert breakpoint_table("PM2.5").edition == aqi.edition_rules().edition == "HJ 633-2012"
    for name in ("iaqi", "iaqi_pm25", "aqi", "breakpoint_table", "edition_rules", "realtime"):
        assert inspect.signature(getattr(aqi, name)).parameters["edition"].default is None
    assert inspect.signature(city.daily_aqi).parameters["edition"].default is None
    assert aqi.edition_on(["2026-02-28 23:59", "2026-03-01 00:00"]).tolist() == [
        "HJ 633-2012",
        "HJ 633-2026",
    ]
    nat = pd.Series([1.0, 2.0], index=pd.DatetimeIndex(["2026-03-01", None]), dtype="pint[ug/m3]")
    with pytest.raises(InputError, match="NaT"):
        iaqi_pm25(nat, edition=None)
    for bad in (5, "not a date", [1.5], None):
        with pytest.raises(InputError, match="dates"):
            aqi.edition_on(bad)


def test_one_name_for_a_concentration_and_the_old_keywords_until_0_4():
    for function in (iaqi, iaqi_pm25, aqi.aqi):
        assert next(iter(inspect.signature(function).parameters)) == "concentration"
    old_keyword = r"aqi\.iaqi_pm25\(c_24h=...\) is deprecated .* 0\.4: use concentration="
    with pytest.deprecated_call(match=old_keyword):
        assert iaqi_pm25(c_24h=Q_(60, "ug/m3")) == 81.25
    with pytest.deprecated_call(match=r"aqi\.aqi\(concentrations=...\) is deprecated"):
        old = aqi.aqi(concentrations={"PM2.5": Q_(60, "ug/m3")})
    assert_frame_equal(old, aqi.aqi(concentration={"PM2.5": Q_(60, "ug/m3")}))
    with pytest.raises(TypeError, match="pass concentration= only"):
        iaqi_pm25(c_24h=Q_(60, "ug/m3"), concentration=Q_(60, "ug/m3"))
    assert iaqi_pm25.kernel is not None  # the unit function's attributes are kept


def test_pm10_under_2026_is_computed():
    table = breakpoint_table("PM10", "24h", "HJ 633-2026")
    assert table.available
    assert table.concentration == (0.0, 50.0, 120.0, 250.0, 350.0, 420.0, 500.0, 600.0)
    assert iaqi(Q_(120, "ug/m3"), "PM10", edition="HJ 633-2026") == 100.0
    # by dates: the table of each value's edition
    spanning = pd.Series(
        [120.0, 120.0], index=pd.DatetimeIndex(["2026-02-28", "2026-03-01"]), dtype="pint[ug/m3]"
    )
    assert iaqi(spanning, "PM10", edition=None).tolist() == [85.0, 100.0]


# --- off the scale ---------------------------------------------------------------------------


def test_above_scale_cap_warns_with_the_count():
    with pytest.warns(
        AboveScaleWarning, match=r"^2 value\(s\) of concentration .* capped at IAQI 500"
    ):
        got = iaqi_pm25(Q_([499.0, 501.0, 800.0], "ug/m3"))
    np.testing.assert_allclose(got, [499.333333333, 500.0, 500.0])
    assert issubclass(AboveScaleWarning, UserWarning)


def test_above_scale_warning_points_at_the_caller():
    for call in (
        lambda: iaqi_pm25(Q_(600, "ug/m3")),
        lambda: iaqi(Q_(600, "ug/m3"), "PM2.5"),
        lambda: aqi.aqi({"PM2.5": Q_(600, "ug/m3")}),
    ):
        with pytest.warns(AboveScaleWarning) as record:
            call()
        assert record[0].filename == __file__


def test_top_breakpoint_itself_is_on_the_scale():
    assert iaqi_pm25(Q_(500, "ug/m3")) == 500.0  # no warning (warnings are errors here)
    # unit-conversion noise at the top neither caps nor drops the sub-index
    assert iaqi(Q_(800, "ug/m3").to("mg/m3").to("ug/m3"), "SO2", "1h") == pytest.approx(200)
    assert iaqi(Q_(2.62, "mg/m3"), "SO2") == pytest.approx(500)


def test_above_scale_nan_mode():
    got = iaqi_pm25(Q_([450.0, 501.0], "ug/m3"), above_scale="nan")
    assert got[0] == pytest.approx(466.6666667)
    assert np.isnan(got[1])
    frame = aqi.aqi({"PM2.5": Q_([501.0], "ug/m3"), "PM10": Q_([100], "ug/m3")}, above_scale="nan")
    assert np.isnan(frame.loc[0, "aqi"])
    assert pd.isna(frame.loc[0, "level"])


def test_so2_1h_above_800_is_not_computed_in_2012_and_200_in_2026():
    assert np.isnan(iaqi(Q_(900, "ug/m3"), "SO2", "1h"))  # and no warning
    assert iaqi(Q_(800, "ug/m3"), "SO2", "1h") == 200.0
    assert np.isnan(iaqi(Q_(900, "ug/m3"), "O3", "8h"))
    assert iaqi(Q_(900, "ug/m3"), "SO2", "1h", "HJ 633-2026") == 200.0
    assert iaqi(Q_(900, "ug/m3"), "O3", "8h", "HJ 633-2026") == 300.0


def test_aqi_falls_back_to_so2_24h():
    frame = aqi.aqi(
        {
            "SO2_1h": Q_([900.0, 400.0], "ug/m3"),
            "SO2_24h": Q_([700.0, 100.0], "ug/m3"),
            "PM2.5": Q_([50.0, 50.0], "ug/m3"),
        },
        rounding="none",
    )
    assert np.isnan(frame.loc[0, "iaqi_SO2_1h"])
    so2_24h = 150 + 50 / 325 * (700 - 475)
    assert frame.loc[0, "aqi"] == pytest.approx(so2_24h)
    assert frame.loc[0, "primary_pollutant"] == "SO2_24h"
    assert frame.loc[1, "aqi"] == pytest.approx(50 + 50 / 350 * 250)  # SO2 1h is used
    assert frame.loc[1, "primary_pollutant"] == "SO2_1h"


def test_aqi_falls_back_to_o3_1h():
    frame = aqi.aqi({"O3_8h": Q_(900, "ug/m3"), "O3_1h": Q_(1100, "ug/m3")})
    assert frame.loc[0, "aqi"] == 450.0
    assert frame.loc[0, "primary_pollutant"] == "O3_1h"
    assert frame.loc[0, "level"] == 6


def test_aqi_without_the_replacement_refuses():
    with pytest.raises(InputError, match=r"pass concentration\['SO2_24h'\] too"):
        aqi.aqi({"SO2_1h": Q_(900, "ug/m3"), "PM2.5": Q_(50, "ug/m3")})
    with pytest.raises(InputError, match=r"pass concentration\['O3_1h'\] too"):
        aqi.aqi({"O3_8h": Q_([100, 900], "ug/m3")})
    # below 800 the replacement is not needed
    assert aqi.aqi({"SO2_1h": Q_(800, "ug/m3")}).loc[0, "aqi"] == 200.0


# --- aqi(): structure, primary pollutant, rounding -----------------------------------------


def test_aqi_columns_and_index():
    index = pd.date_range("2015-12-01", periods=2, freq="D")
    frame = aqi.aqi(
        {
            "PM2.5": pd.Series([35.0, 150.0], index=index, dtype="pint[ug/m**3]"),
            "CO_24h": Q_(1.0, "mg/m3"),  # a scalar is broadcast
        }
    )
    assert list(frame.columns) == [
        "aqi",
        "aqi_unrounded",
        "primary_pollutant",
        "level",
        "category_zh",
        "category_en",
        "edition",
        "iaqi_PM2.5",
        "iaqi_CO_24h",
    ]
    assert frame.index.equals(index)
    assert frame["iaqi_CO_24h"].tolist() == [25.0, 25.0]
    assert frame["aqi"].tolist() == [50.0, 200.0]
    assert frame["primary_pollutant"].tolist() == ["", "PM2.5"]
    assert frame["level"].tolist() == [1, 4]
    assert frame["category_zh"].tolist() == ["优", "中度污染"]
    assert frame["category_en"].tolist() == ["Excellent", "Moderately polluted"]


def test_aqi_of_scalars_is_one_row():
    frame = aqi.aqi({"PM2.5": Q_(75, "ug/m3"), "O3_8h": Q_(100, "ug/m3")})
    assert frame.index.equals(pd.RangeIndex(1))
    assert frame.loc[0, "aqi"] == 100.0


def test_every_aqi_key_is_accepted():
    concentrations = {
        key: Q_(1.0, breakpoint_table(*AQI_KEYS[key]).unit)
        for key in AQI_KEYS
        if key not in ("PM2.5_24h", "PM10_24h")
    }
    frame = aqi.aqi(concentrations)
    assert [f"iaqi_{k}" for k in concentrations] == list(frame.columns[7:])
    assert aqi.aqi({"PM2.5_24h": Q_(75, "ug/m3")}).loc[0, "aqi"] == 100.0


def test_primary_pollutant_ties():
    # PM2.5 75 and PM10 150 are both exactly IAQI 100
    frame = aqi.aqi(
        {"PM2.5": Q_(75, "ug/m3"), "PM10": Q_(150, "ug/m3"), "NO2_24h": Q_(40, "ug/m3")}
    )
    assert frame.loc[0, "primary_pollutant"] == "PM2.5,PM10"
    reordered = aqi.aqi({"PM10": Q_(150, "ug/m3"), "PM2.5": Q_(75, "ug/m3")})
    assert reordered.loc[0, "primary_pollutant"] == "PM10,PM2.5"
    # 100.125 and 100.5 both report as 101 when rounded up: both are primary
    close = {"PM2.5": Q_(75.1, "ug/m3"), "PM10": Q_(151.0, "ug/m3")}
    assert aqi.aqi(close).loc[0, "primary_pollutant"] == "PM2.5,PM10"
    assert aqi.aqi(close, rounding="none").loc[0, "primary_pollutant"] == "PM10"


def test_no_primary_pollutant_at_or_below_50():
    frame = aqi.aqi({"PM2.5": Q_([35.0, 35.3], "ug/m3")}, rounding="round")
    assert frame["aqi"].tolist() == [50.0, 50.0]
    assert frame["primary_pollutant"].tolist() == ["", ""]
    assert frame["level"].tolist() == [1, 1]


def test_primary_pollutant_rows_are_vectorised():
    pm25 = Q_([10.0, 75.0, 75.0, 200.0], "ug/m3")
    pm10 = Q_([10.0, 150.0, 10.0, 500.0], "ug/m3")
    frame = aqi.aqi({"PM2.5": pm25, "PM10": pm10})
    assert frame["primary_pollutant"].tolist() == ["", "PM2.5,PM10", "PM2.5", "PM10"]


@pytest.mark.parametrize(
    ("rounding", "expected_aqi", "expected_level"),
    [("ceil", 51.0, 2), ("round", 51.0, 2), ("none", 50.625, 2)],
)
def test_rounding_modes_at_35_5(rounding, expected_aqi, expected_level):
    # 35.5 µg/m³: IAQI = 50 + (100 - 50) / (75 - 35) * 0.5 = 50.625
    frame = aqi.aqi({"PM2.5": Q_(35.5, "ug/m3")}, rounding=rounding)
    assert frame.loc[0, "aqi_unrounded"] == 50.625
    assert frame.loc[0, "aqi"] == expected_aqi
    assert frame.loc[0, "level"] == expected_level
    assert frame.loc[0, "category_en"] == "Good"
    assert frame.loc[0, "primary_pollutant"] == "PM2.5"


@pytest.mark.parametrize(
    ("rounding", "expected_aqi", "expected_level"),
    [("ceil", 51.0, 2), ("round", 50.0, 1), ("none", 50.375, 2)],
)
def test_rounding_modes_change_the_level_at_35_3(rounding, expected_aqi, expected_level):
    frame = aqi.aqi({"PM2.5": Q_(35.3, "ug/m3")}, rounding=rounding)
    assert frame.loc[0, "aqi"] == pytest.approx(expected_aqi)
    assert frame.loc[0, "level"] == expected_level


def test_round_is_half_to_even_and_ceil_ignores_float_noise():
    # PM10 51 and 53 µg/m³ give IAQI 50.5 and 51.5 exactly (slope 0.5 above 50)
    frame = aqi.aqi({"PM10": Q_([51.0, 53.0], "ug/m3")}, rounding="round")
    assert frame["aqi_unrounded"].tolist() == [50.5, 51.5]
    assert frame["aqi"].tolist() == [50.0, 52.0]  # GB/T 8170: halves to even
    # 0.035 mg/m³ is 35.000000000000007 µg/m³ after conversion: still AQI 50, not 51
    noisy = aqi.aqi({"PM2.5": Q_(0.035, "mg/m3")})
    assert noisy.loc[0, "aqi"] == 50.0
    assert noisy.loc[0, "level"] == 1


def test_missing_values_propagate_to_the_row():
    frame = aqi.aqi(
        {"PM2.5": Q_([np.nan, 80.0], "ug/m3"), "PM10": Q_([40.0, 40.0], "ug/m3")},
        missing="propagate",
    )
    assert np.isnan(frame.loc[0, "aqi"])
    assert np.isnan(frame.loc[0, "aqi_unrounded"])
    assert pd.isna(frame.loc[0, "level"])
    assert pd.isna(frame.loc[0, "primary_pollutant"])
    assert pd.isna(frame.loc[0, "category_en"])
    assert frame.loc[0, "iaqi_PM10"] == 40.0
    assert frame.loc[1, "aqi"] == 107.0
    assert frame.loc[1, "level"] == 3
    assert frame.loc[1, "category_zh"] == "轻度污染"


# --- category ----------------------------------------------------------------------------


def test_category_bounds():
    values = [0, 50, 51, 100, 101, 150, 151, 200, 201, 300, 301, 500]
    frame = category(values)
    assert frame["level"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]
    assert frame["category_zh"].tolist()[::2] == [
        "优",
        "良",
        "轻度污染",
        "中度污染",
        "重度污染",
        "严重污染",
    ]
    assert frame["category_en"].tolist()[1::2] == [
        "Excellent",
        "Good",
        "Lightly polluted",
        "Moderately polluted",
        "Heavily polluted",
        "Severely polluted",
    ]
    assert str(frame["level"].dtype) == "Int64"


def test_category_unrounded_values_use_less_or_equal():
    assert category([50.0, 50.2, 100.0, 100.01, 300.5])["level"].tolist() == [1, 2, 2, 3, 6]


def test_category_containers():
    assert category(82) == AQICategory(2, "良", "Good")
    assert category(np.float64(301.0)).level == 6
    assert category(Q_(120, "dimensionless")).category_en == "Lightly polluted"
    assert category(np.nan) == AQICategory(None, None, None)
    series = pd.Series([20.0, np.nan], index=["a", "b"])
    frame = category(series)
    assert list(frame.index) == ["a", "b"]
    assert frame.loc["a", "level"] == 1
    assert pd.isna(frame.loc["b", "level"])


def test_category_bad_input():
    with pytest.raises(InputError, match="aqi_values must be >= 0"):
        category(-1)
    with pytest.raises(InputError, match="aqi_values must be finite"):
        category([1.0, np.inf])
    with pytest.raises(UnitsError):
        category(Q_(1, "m"))


# --- bad input -----------------------------------------------------------------------------


def test_bare_numbers_are_refused():
    for bare in (75, 75.0, np.array([75.0]), pd.Series([75.0])):
        with pytest.raises(MissingUnitsError, match="ug/m"):
            iaqi_pm25(bare)
    with pytest.raises(MissingUnitsError, match="concentration requires ug/m"):
        iaqi(2.0, "CO")  # any mass concentration converts (CO's table is in mg/m³)
    with pytest.raises(MissingUnitsError, match="concentration\\['PM10'\\]"):
        aqi.aqi({"PM10": 40.0})


def test_wrong_dimension_is_refused():
    with pytest.raises(UnitsError, match="concentration requires") as info:
        iaqi_pm25(Q_(75, "m"))
    assert isinstance(info.value, pint.DimensionalityError)
    with pytest.raises(UnitsError):
        iaqi(Q_(1, "ppm"), "CO")  # a mixing ratio is not a mass concentration
    with pytest.raises(UnitsError):
        aqi.aqi({"PM2.5": Q_(75, "ug")})


def test_negative_is_refused_with_argument_and_value():
    with pytest.raises(
        InputError, match=r"concentration must be >= 0; got -5\.0 microgram / meter"
    ):
        iaqi_pm25(Q_(-5, "ug/m3"))
    first = r"1 negative value\(s\) of 3, the first -2\.0 at flat position 1"
    with pytest.raises(InputError, match=first):
        iaqi(Q_([1.0, -2.0, 3.0], "ug/m3"), "NO2")
    index = pd.date_range("2015-12-01", periods=2, freq="D")
    series = pd.Series([1.0, -2.0], index=index, dtype="pint[ug/m**3]")
    with pytest.raises(InputError, match="index label Timestamp\\('2015-12-02"):
        iaqi_pm25(series, missing="propagate")
    with pytest.raises(InputError, match=r"concentration\['O3_1h'\] must be >= 0"):
        aqi.aqi({"O3_1h": Q_(-1, "ug/m3")})


def test_nan_raises_or_propagates():
    with pytest.raises(InputError, match=r"concentration must be finite .*missing='propagate'"):
        iaqi_pm25(Q_(np.nan, "ug/m3"))
    with pytest.raises(InputError, match=r"1 bad value\(s\) of 2"):
        iaqi_pm25(Q_([1.0, np.nan], "ug/m3"))
    assert np.isnan(iaqi_pm25(Q_(np.nan, "ug/m3"), missing="propagate"))
    got = iaqi_pm25(Q_([0.035, np.nan], "mg/m3"), missing="propagate")
    assert got[0] == pytest.approx(50.0)
    assert np.isnan(got[1])
    series = pd.Series([75.0, None], dtype="pint[ug/m**3]")
    assert iaqi_pm25(series, missing="propagate").isna().tolist() == [False, True]
    with pytest.raises(InputError, match="finite"):
        iaqi_pm25(series)
    with pytest.raises(InputError, match="finite"):
        aqi.aqi({"PM2.5": Q_([np.nan], "ug/m3")})


def test_infinity_and_negatives_always_raise():
    for bad in (np.inf, -np.inf, -1.0):
        with pytest.raises(InputError, match="concentration must be"):
            iaqi_pm25(Q_([1.0, bad, np.nan], "ug/m3"), missing="propagate")


def test_unknown_names_list_the_allowed_values():
    with pytest.raises(InputError, match=r"pollutant must be one of 'SO2', 'NO2', .*'PM2\.5'"):
        iaqi(Q_(1, "ug/m3"), "PM1")
    with pytest.raises(InputError, match="averaging for O3 must be one of '1h', '8h'; got '24h'"):
        iaqi(Q_(1, "ug/m3"), "O3")
    with pytest.raises(InputError, match="edition must be one of 'HJ 633-2012', 'HJ 633-2026'"):
        iaqi_pm25(Q_(1, "ug/m3"), edition="HJ 633-2016")
    with pytest.raises(InputError, match="edition must be one of"):
        aqi.aqi({"PM2.5": Q_(1, "ug/m3")}, edition="2012")
    with pytest.raises(InputError, match="above_scale must be one of 'cap', 'nan'"):
        iaqi_pm25(Q_(1, "ug/m3"), above_scale="clip")
    with pytest.raises(InputError, match="missing must be one of 'raise', 'propagate'"):
        iaqi_pm25(Q_(1, "ug/m3"), missing="ignore")
    with pytest.raises(InputError, match="rounding must be one of 'ceil', 'round', 'none'"):
        aqi.aqi({"PM2.5": Q_(1, "ug/m3")}, rounding="floor")
    with pytest.raises(InputError, match=r"unknown key 'PM2_5'; allowed keys: 'PM2\.5', "):
        aqi.aqi({"PM2_5": Q_(1, "ug/m3")})
    # case and the PM25 spelling are accepted for pollutant names
    assert iaqi(Q_(75, "ug/m3"), "pm25") == iaqi(Q_(75, "ug/m3"), "PM2.5") == 100.0


def test_aqi_bad_mappings():
    with pytest.raises(InputError, match="non-empty mapping"):
        aqi.aqi({})
    with pytest.raises(InputError, match="not a list of Quantities"):
        aqi.aqi([Q_(1, "ug/m3")])
    with pytest.raises(InputError, match=r"'PM2\.5_24h' and 'PM2\.5' are the same quantity"):
        aqi.aqi({"PM2.5": Q_(1, "ug/m3"), "PM2.5_24h": Q_(1, "ug/m3")})
    with pytest.raises(InputError, match=r"different lengths \[2, 3\]"):
        aqi.aqi({"PM2.5": Q_([1, 2], "ug/m3"), "PM10": Q_([1, 2, 3], "ug/m3")})
    with pytest.raises(InputError, match="shape"):
        aqi.aqi({"PM2.5": Q_(np.ones((2, 2)), "ug/m3")})
    a = pd.Series([1.0, 2.0], index=[0, 1], dtype="pint[ug/m**3]")
    b = pd.Series([1.0, 2.0], index=[1, 2], dtype="pint[ug/m**3]")
    with pytest.raises(InputError, match="different index"):
        aqi.aqi({"PM2.5": a, "PM10": b})


# --- real data -----------------------------------------------------------------------------


def test_dongsi_december_2015_goes_above_the_scale():
    if not DONGSI.exists():
        pytest.skip(f"Beijing multi-site data not found at {DONGSI} (../shared/data/beijing/)")
    hourly = pd.read_csv(DONGSI, usecols=["year", "month", "day", "hour", "PM2.5"])
    december = hourly[(hourly["year"] == 2015) & (hourly["month"] == 12)]
    days = pd.to_datetime(december[["year", "month", "day"]])
    grouped = december["PM2.5"].groupby(days.to_numpy())
    daily = grouped.mean()[grouped.count() >= 20]
    assert len(daily) == 31
    above = daily[daily > 500]
    assert len(above) == 2  # 2015-12-01 (506) and 2015-12-25 (567)

    concentrations = daily.astype("pint[ug/m**3]")
    with pytest.warns(AboveScaleWarning, match=r"^2 value\(s\)"):
        sub_index = iaqi_pm25(concentrations)
    assert sub_index.index.equals(daily.index)
    assert (sub_index[above.index] == 500.0).all()
    assert sub_index.between(0, 500).all()

    with pytest.warns(AboveScaleWarning, match=r"^2 value\(s\)"):
        frame = aqi.aqi({"PM2.5": concentrations}, edition=None)
    assert (frame.loc[above.index, "aqi"] == 500.0).all()
    assert (frame.loc[above.index, "category_zh"] == "严重污染").all()
    assert (frame["edition"] == "HJ 633-2012").all()
    assert frame["level"].between(1, 6).all()
    # the month was mostly polluted: more days at level >= 3 than at level 1
    assert (frame["level"] >= 3).sum() > (frame["level"] == 1).sum()
    assert re.fullmatch(r"(PM2\.5)?", frame["primary_pollutant"].iloc[0])


# --- reports, rounding of concentrations, missing pollutants ----------------------------------


def test_daily_report_by_date_leaves_o3_1h_out_from_2026_03_01():
    index = pd.DatetimeIndex(["2026-02-28", "2026-03-01"])
    day = {
        "PM2.5": pd.Series([40.0, 40.0], index=index, dtype="pint[ug/m**3]"),
        "O3_1h": pd.Series([250.0, 250.0], index=index, dtype="pint[ug/m**3]"),
        "O3_8h": pd.Series([100.0, 100.0], index=index, dtype="pint[ug/m**3]"),
    }
    frame = aqi.aqi(day, edition=None, report="daily")
    assert frame["aqi"].tolist() == [125.0, 60.0]  # 2012: O3 1-hour 125; 2026: PM2.5 60
    assert frame["primary_pollutant"].tolist() == ["O3_1h", "PM2.5"]
    assert aqi.aqi(day, edition=None)["aqi"].tolist() == [125.0, 125.0]  # report=None


def test_missing_report_under_2012_is_the_aqi_of_the_pollutants_present():
    frame = aqi.aqi(
        {"PM2.5": Q_([np.nan, np.nan], "ug/m3"), "PM10": Q_([80.0, np.nan], "ug/m3")},
        missing="report",
    )
    assert frame.loc[0, "aqi"] == 65.0  # PM10 80 alone: 50 + 50/100*30 = 65
    assert frame.loc[0, "primary_pollutant"] == "PM10"
    assert np.isnan(frame.loc[1, "aqi"])  # nothing present


def test_round_concentrations_forced_and_switched_off():
    assert iaqi_pm25(Q_(35.4, "ug/m3"), round_concentrations=True) == 50.0  # 2012, forced
    assert iaqi(Q_(2.25, "mg/m3"), "CO", round_concentrations=True) == pytest.approx(55.0)
    got = iaqi_pm25(Q_(35.4, "ug/m3"), edition="HJ 633-2026", round_concentrations=False)
    assert got == pytest.approx(50 + 50 / 25 * 0.4)


def test_new_options_refuse_bad_values():
    with pytest.raises(InputError, match="report must be one of 'daily', 'realtime'"):
        aqi.aqi({"PM2.5": Q_(1, "ug/m3")}, report="hourly")
    with pytest.raises(InputError, match="round_concentrations must be None"):
        iaqi_pm25(Q_(1, "ug/m3"), round_concentrations="yes")
    with pytest.raises(InputError, match="missing must be one of 'raise', 'propagate'"):
        iaqi_pm25(Q_(1, "ug/m3"), missing="report")  # a report rule is about several
    with pytest.raises(InputError, match="edition must be one of"):
        aqi.edition_rules("HJ 633-2016")
    with pytest.raises(InputError, match="not an indicator of the realtime report"):
        aqi.aqi({"SO2_24h": Q_(1, "ug/m3")}, report="realtime")
