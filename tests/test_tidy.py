"""The tidy-table layer: one units rule and one hour convention for network, city and
realtime, the same on pandas and dask, and a unit column that survives what attrs do not."""

import numpy as np
import pandas as pd
import pytest
from framecheck import assert_frame_equal

from wasteless import datasets, io
from wasteless.air import city, network, tidy
from wasteless.errors import InputError, UnitsError

UNITS = {"SO2": "ug/m3", "NO2": "ug/m3", "PM10": "ug/m3", "PM2.5": "ug/m3", "CO": "mg/m3"}
UNITS["O3"] = "ug/m3"


def hourly(pollutant="PM2.5", value=35.0, hours=48, station="A"):
    times = pd.date_range("2019-01-01", periods=hours, freq="h")
    return pd.DataFrame(
        {"time": times, "station": station, "pollutant": pollutant, "value": value}
    )


# --- one rule for the units ------------------------------------------------------------------


def test_the_issue_example_is_refused_by_every_consumer_naming_both_units():
    # 0.2: daily_statistics(units={"PM2.5": "mg/m3"}) silently overrode the table's attrs,
    # while realtime refused the same input; now both refuse, naming both units
    frame = hourly()
    frame.attrs["units"] = {"PM2.5": "ug/m3"}
    message = r"units\['PM2\.5'\] = 'mg/m3' differs from tidy\.attrs\['units'\]\['PM2\.5'\]"
    with pytest.raises(InputError, match=message):
        network.daily_statistics(frame, units={"PM2.5": "mg/m3"})
    with pytest.raises(InputError, match=message.replace("tidy", "frame")):
        network.realtime(frame, units={"PM2.5": "mg/m3"})
    sites = pd.DataFrame({"city": ["X"], "background": [False]}, index=["A"])
    with pytest.raises(InputError, match=message.replace("tidy", "source")):
        city.assess(frame, sites, units={"PM2.5": "mg/m3"})


def test_the_same_unit_spelled_otherwise_and_units_the_table_lacks_are_accepted():
    frame = hourly()
    frame.attrs["units"] = {"PM2.5": "ug/m**3"}
    got = tidy.units_of(frame, {"PM2.5": "µg/m³", "CO": "mg/m3"})
    assert {k: str(v) for k, v in got.items()} == {
        "PM2.5": "microgram / meter ** 3",
        "CO": "milligram / meter ** 3",
    }


def test_a_table_without_units_is_refused_and_never_assumed():
    with pytest.raises(InputError, match="never assumes a unit"):
        tidy.units_of(hourly())
    with pytest.raises(InputError, match=r"no unit for 'CO'"):
        network.daily_statistics(hourly("CO", 1.0), units={"PM2.5": "ug/m3"})


def test_the_unit_column_carries_the_units_without_attrs():
    frame = tidy.with_units(
        pd.concat([hourly(), hourly("CO", 1.2)]), {"PM2.5": "ug/m3", "CO": "mg/m3"}
    )
    assert frame.attrs == {}
    daily = network.daily_statistics(frame)
    assert str(daily["CO_24h"].pint.units) == "milligram / meter ** 3"
    assert daily["CO_24h"].pint.magnitude.iloc[0] == 1.2
    # a merge drops attrs; the column stays
    merged = frame.merge(pd.DataFrame({"station": ["A"], "name": ["a"]}), on="station")
    assert merged.attrs == {}
    assert tidy.units_of(merged)["CO"] == tidy.units_of(frame)["CO"]


def test_the_column_and_the_attrs_must_agree():
    frame = tidy.with_units(hourly(), {"PM2.5": "ug/m3"})
    frame.attrs["units"] = {"PM2.5": "mg/m3"}
    with pytest.raises(InputError, match=r"tidy\['unit'\] = 'ug/m3' on the rows of 'PM2\.5'"):
        tidy.units_of(frame)


def test_rows_of_one_pollutant_in_two_units_are_refused_not_mixed():
    ug = tidy.with_units(hourly(value=1200.0), {"PM2.5": "ug/m3"})
    mg = tidy.with_units(hourly(value=1.2, station="B"), {"PM2.5": "mg/m3"})
    both = pd.concat([ug, mg], ignore_index=True)
    assert both["unit"].astype(str).unique().tolist() == ["ug/m3", "mg/m3"]  # kept by concat
    with pytest.raises(InputError, match=r"'PM2\.5' carry two units"):
        network.daily_statistics(both)


def test_a_unit_that_is_not_a_concentration_is_a_units_error():
    frame = hourly()
    with pytest.raises(UnitsError, match=r"units\['PM2\.5'\]"):
        tidy.units_of(frame, {"PM2.5": "m"})
    frame.attrs["units"] = {"PM2.5": "m"}
    with pytest.raises(UnitsError, match=r"units\['PM2\.5'\] \(in tidy\.attrs\['units'\]\)"):
        network.daily_statistics(frame)


def test_the_reader_writes_the_unit_column_and_the_attrs_alike():
    frame = io.read_cnemc(datasets.sample_files(), pollutants="all")
    by_rows = frame.drop_duplicates("pollutant").set_index("pollutant")["unit"].astype(str)
    assert by_rows.to_dict() == frame.attrs["units"]
    assert frame["unit"].memory_usage(index=False) < 2 * len(frame)  # one byte a row (+ labels)
    assert tidy.units_of(frame)["CO_24h"] == tidy.units_of(frame)["CO"]


# --- one hour convention ------------------------------------------------------------------


def test_an_hour_label_that_contradicts_the_table_is_refused_not_applied_twice():
    frame = io.read_cnemc(datasets.sample_files(), stations=["1001A"], hour_label="ending")
    assert frame.attrs["hour_label"] == "beginning"  # what time stamps, whatever the files do
    with pytest.raises(InputError, match=r"hour_label='ending' contradicts tidy\.attrs"):
        network.daily_statistics(frame, hour_label="ending")
    same = network.daily_statistics(frame, hour_label="beginning")
    assert_frame_equal(same, network.daily_statistics(frame))


def test_assess_records_the_one_meaning_of_hour_label():
    frame = io.read_cnemc(datasets.sample_files(), hour_label="ending")
    sites = io.read_sites(datasets.sample_sites())
    assessed = city.assess(frame, sites, year=2019)
    assert assessed.attrs["hour_label"] == "beginning"  # what the table's time stamps
    assert frame.attrs["file_hour_label"] == "ending"  # how the files were read: recorded


# --- pandas and dask ---------------------------------------------------------------------


def test_dask_frames_follow_the_same_rules():
    dd = pytest.importorskip("dask.dataframe")
    rng = np.random.default_rng(2)
    frame = pd.concat(
        [hourly(p, rng.uniform(0, 80, 72), hours=72, station=s) for s in "AB" for p in UNITS],
        ignore_index=True,
    )
    frame = tidy.with_units(frame, UNITS)
    lazy = dd.from_pandas(frame, npartitions=3)
    assert tidy.check_frame(lazy) is lazy
    assert tidy.hour_label_of(lazy) == tidy.hour_label_of(frame) == "beginning"
    assert tidy.units_of(lazy, {"CO": "mg/m3"}) == {"CO": tidy.units_of(frame)["CO"]}
    assert_frame_equal(
        network.daily_statistics(lazy), network.daily_statistics(frame), check_exact=True
    )
    # the unit column travels through the shuffle: a conflicting argument is refused
    with pytest.raises(InputError, match=r"differs from"):
        network.daily_statistics(lazy, units={"CO": "ug/m3"})
    plain = dd.from_pandas(frame.drop(columns="unit"), npartitions=3)
    with pytest.raises(InputError, match="never assumes a unit"):
        network.daily_statistics(plain)
    lazy_units = tidy.with_units(plain, UNITS).compute()
    assert lazy_units["unit"].tolist() == frame["unit"].tolist()
    with pytest.raises(InputError, match="realtime\\(\\) takes a pandas DataFrame"):
        network.realtime(lazy)


def test_check_frame_refuses_what_is_not_a_tidy_table():
    with pytest.raises(InputError, match=r"no column\(s\) \['pollutant'\]"):
        tidy.check_frame(hourly().drop(columns="pollutant"))
    with pytest.raises(InputError, match="must be a pandas"):
        tidy.check_frame([1, 2])
