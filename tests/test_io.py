"""wasteless.io: the CNEMC daily-file reader, the station list, synthetic archives."""

from __future__ import annotations

import gzip
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from framecheck import assert_frame_equal
from hypothesis import given, settings
from hypothesis import strategies as st

from wasteless import io
from wasteless.errors import InputError

CNEMC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "cnemc"
HOURLY = CNEMC / "2019-hourly"
JANUARY = CNEMC / "2019-01-complete"

needs_shared = pytest.mark.skipif(
    not HOURLY.is_dir() or not JANUARY.is_dir(),
    reason=f"the shared CNEMC data is not in {CNEMC} (expected beside the project root)",
)


def day_file(directory: Path, day: str) -> Path:
    return directory / f"china_sites_{day}.csv.gz"


def raw_cell(path: Path, line: int, code: str) -> str:
    """The text of one cell, read with nothing but str.split (the expected value)."""
    lines = gzip.decompress(path.read_bytes()).decode().splitlines()
    return lines[line - 1].split(",")[lines[0].split(",").index(code)]


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.replace("\n", "\r\n").encode())
    return path


HEADER = "date,hour,type,1001A,1002A\n"


# --- the shipped extract ---------------------------------------------------------------


def test_sample_is_small_and_real():
    files = io.sample_files()
    assert [f.name for f in files] == [f"china_sites_2019010{d}.csv.gz" for d in (1, 2, 3)]
    assert sum(f.stat().st_size for f in files) + io.sample_sites().stat().st_size < 300_000
    assert (files[0].parent / "README.md").read_text("utf-8").count("CNEMC") >= 2


def test_sample_tidy_layout():
    frame = io.read_cnemc(io.sample_files(), pollutants="all")
    assert list(frame.columns) == ["time", "station", "pollutant", "value", "unit"]
    assert frame["time"].dtype == "datetime64[ns]"
    assert isinstance(frame["station"].dtype, pd.CategoricalDtype)
    assert isinstance(frame["pollutant"].dtype, pd.CategoricalDtype)
    assert frame["value"].dtype == np.float64
    assert list(frame["pollutant"].cat.categories) == list(io.ROW_TYPES)
    n_stations = frame["station"].cat.categories.size
    assert n_stations == 34
    assert len(frame) == 3 * 24 * 34 * 15  # the whole grid
    assert frame.attrs["units"]["CO"] == "mg/m**3"
    assert frame.attrs["units"]["CO_24h"] == "mg/m**3"
    assert frame.attrs["units"]["AQI"] == ""
    assert frame.attrs["units"]["O3_8h"] == "ug/m**3"
    assert frame.attrs["missing_days"] == []
    assert frame.attrs["dropped"] == []
    assert set(frame.attrs["missing_hours"].values()) == {0}
    ordered = frame.sort_values(["time", "station", "pollutant"], kind="stable")
    assert ordered.index.equals(frame.index)


def test_default_is_the_six_hourly_concentrations():
    frame = io.read_cnemc(io.sample_files())
    assert list(frame["pollutant"].cat.categories) == ["PM2.5", "PM10", "SO2", "NO2", "O3", "CO"]
    assert frame.attrs["units"] == {
        "PM2.5": "ug/m**3",
        "PM10": "ug/m**3",
        "SO2": "ug/m**3",
        "NO2": "ug/m**3",
        "O3": "ug/m**3",
        "CO": "mg/m**3",
    }


@pytest.mark.parametrize(
    ("label", "hour"), [("ending", "2018-12-31 23:00"), ("beginning", "2019-01-01 00:00")]
)
def test_hour_label_places_the_files_hour(label, hour):
    """Hour 0 of 2019-01-01 is the hour ending at midnight, or beginning at it."""
    path = io.sample_files()[0]
    frame = io.read_cnemc(path, stations="1001A", pollutants="PM2.5", hour_label=label)
    expected = float(raw_cell(path, 3, "1001A"))  # line 3: hour 0, PM2.5 (line 2 is AQI)
    assert frame["time"].iloc[0] == pd.Timestamp(hour)
    assert frame["value"].iloc[0] == expected
    assert frame.attrs["hour_label"] == "beginning"
    assert frame.attrs["file_hour_label"] == label


def test_values_are_the_cells(tmp_path):
    path = write(
        tmp_path / "china_sites_20190101.csv",
        HEADER + "20190101,0,PM2.5,53,\n20190101,0,CO,1.2,0.35\n20190101,1,PM2.5,,7\n",
    )
    frame = io.read_cnemc(path, pollutants=["PM2.5", "CO"], hour_label="beginning")
    cell = frame.set_index(["time", "station", "pollutant"], drop=True)["value"]
    t0, t1 = pd.Timestamp("2019-01-01 00:00"), pd.Timestamp("2019-01-01 01:00")
    assert cell[(t0, "1001A", "PM2.5")] == 53.0
    assert np.isnan(cell[(t0, "1002A", "PM2.5")])
    assert cell[(t0, "1002A", "CO")] == 0.35
    assert np.isnan(cell[(t1, "1001A", "PM2.5")])
    assert cell[(t1, "1002A", "PM2.5")] == 7.0
    assert np.isnan(cell[(t1, "1001A", "CO")])  # no CO row for hour 1
    assert len(frame) == 24 * 2 * 2
    assert frame.attrs["missing_hours"] == {"PM2.5": 22, "CO": 23}


def test_stations_subset_and_absent_station():
    frame = io.read_cnemc(io.sample_files(), stations=["1003A", "1001A", "9999Z"])
    assert list(frame["station"].cat.categories) == ["1001A", "1003A", "9999Z"]
    assert frame.attrs["absent_stations"] == ["9999Z"]
    assert frame.loc[frame["station"] == "9999Z", "value"].isna().all()
    assert frame.loc[frame["station"] == "1001A", "value"].notna().any()


def test_unknown_pollutant_lists_the_row_types():
    with pytest.raises(InputError, match=r"'PM25'.*AQI, PM2\.5, PM2\.5_24h, .*CO_24h"):
        io.read_cnemc(io.sample_files(), pollutants=["PM25"])


@pytest.mark.parametrize(
    ("argument", "value", "match"),
    [
        ("engine", "spark", "engine must be one of 'pandas', 'dask'"),
        ("hour_label", "middle", "hour_label must be one of 'ending', 'beginning'"),
        ("strict", "yes", "strict must be True or False"),
        ("progress", "auto", "progress must be None, True or False"),
        ("stations", [1001], "stations must be a non-empty list of station codes"),
        ("pollutants", [], "pollutants is empty"),
    ],
)
def test_bad_arguments(argument, value, match):
    with pytest.raises(InputError, match=match):
        io.read_cnemc(io.sample_files(), **{argument: value})


def test_source_forms(tmp_path):
    one = io.read_cnemc(io.sample_files())
    directory = io.sample_files()[0].parent
    assert_frame_equal(io.read_cnemc(directory), one)
    assert_frame_equal(io.read_cnemc(str(directory / "china_sites_*.csv.gz")), one)
    plain = tmp_path / "china_sites_20190101.csv"
    plain.write_bytes(gzip.decompress(io.sample_files()[0].read_bytes()))
    assert_frame_equal(io.read_cnemc(plain), io.read_cnemc(io.sample_files()[0]), check_like=False)
    with pytest.raises(InputError, match="no file or directory"):
        io.read_cnemc(tmp_path / "nothing.csv")
    with pytest.raises(InputError, match="matches no file"):
        io.read_cnemc(str(tmp_path / "*.csv.gz"))
    with pytest.raises(InputError, match="empty list"):
        io.read_cnemc([])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"holds no daily file \(china_sites_YYYYMMDD"):
        io.read_cnemc(tmp_path / "empty")


@pytest.mark.slow  # reads the sample six ways: over a second
def test_a_list_of_sources_mixes_directories_globs_and_files(tmp_path):
    """What a shell passes: a directory, a quoted glob and files, in any mix (issue 18)."""
    files = io.sample_files()
    one = io.read_cnemc(files)
    directory = files[0].parent
    for source in (
        [directory],
        [str(directory / "china_sites_*.csv.gz")],
        [files[0], str(directory / "china_sites_2019010[23].csv.gz")],
        [directory, files[1]],  # the file is also in the directory: read once
        [str(directory / "*0101*"), str(directory / "*2019*")],  # globs that overlap
    ):
        assert_frame_equal(io.read_cnemc(source), one)
    assert io.read_cnemc([directory]).attrs["source"] == [str(path) for path in files]
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"the directory .*empty' holds no daily file"):
        io.read_cnemc([files[0], tmp_path / "empty"])
    with pytest.raises(InputError, match=r"the pattern .*\*\.gz' matches no file"):
        io.read_cnemc([files[0], str(tmp_path / "*.gz")])
    with pytest.raises(InputError, match=r"no file or directory .*nothing"):
        io.read_cnemc([files[0], tmp_path / "nothing"])
    with pytest.raises(InputError, match="the list holds 5"):
        io.read_cnemc([files[0], 5])


# --- malformed files: InputError naming the file and the line ---------------------------


@pytest.mark.parametrize(
    ("text", "line", "match"),
    [
        (
            "date;hour;type;1001A\n20190101;0;PM2.5;5\n",
            1,
            "header must start with 'date,hour,type'",
        ),
        ("date,hour,kind,1001A,1002A\n20190101,0,PM2.5,5,6\n", 1, "header must start"),
        ("date,hour,type,1001A,\n20190101,0,PM2.5,5,6\n", 1, "station codes must be"),
        ("date,hour,type\n20190101,0,PM2.5\n", 1, "header must start|names no station"),
        (
            HEADER + "20190101,0,PM2.5,5,6\n20190101,1,PM2.5,5,abc\n",
            3,
            "station '1002A' .* 'abc', not a number",
        ),
        (HEADER + "20190101,0,PM2.5,5,-\n", 2, "'-', not a number"),
        (HEADER + "20190101,0,PM2.5,1.2.3,5\n", 2, "'1.2.3', not a number"),
        (
            HEADER + "20190101,0,PM2.5,5,6\n20190101,0,PM2.5,5,6\n",
            3,
            r"\(20190101, 0, PM2\.5\) repeats line 2",
        ),
        (HEADER + "20190101,0,PM2.5,5,6\n20190102,1,PM2.5,5,6\n", 3, "another day"),
        (HEADER + "20190101,24,PM2.5,5,6\n", 2, "hour must be a whole number 0 to 23"),
        (HEADER + "20190101,0,PM1,5,6\n", 2, "unknown row type 'PM1'"),
        (HEADER + "20190101,0,PM2.5,5,6,7\n", 2, "4 fields|6 fields, the header 5"),
        (HEADER + "20190101,0,PM2.5,5,1e999\n", 2, "out of the range"),
    ],
)
def test_malformed_file_names_file_and_line(tmp_path, text, line, match):
    path = write(tmp_path / "china_sites_20190101.csv", text)
    with pytest.raises(InputError, match=match) as caught:
        io.read_cnemc(path)
    assert str(path) in str(caught.value)
    assert f"line {line}" in str(caught.value)


def test_truncated_row_dropped_with_warning_or_refused(tmp_path):
    path = write(
        tmp_path / "china_sites_20190101.csv",
        HEADER + "20190101,0,PM2.5,5,6\n20190101,0,CO,0.5,0.6\n20190101,1,PM2.5,7",
    )
    with pytest.warns(io.TruncatedRowWarning, match=rf"{path}, line 4: .* 4 of 5 fields"):
        frame = io.read_cnemc(path, pollutants=["PM2.5", "CO"])
    assert frame.attrs["dropped"] == [
        {"file": str(path), "line": 4, "reason": "truncated", "fields": 4}
    ]
    assert frame["value"].notna().sum() == 4  # the cut row's 7 is not read
    assert frame.attrs["missing_hours"] == {"PM2.5": 23, "CO": 23}
    with pytest.raises(InputError, match=rf"{path}, line 4: .*strict=True"):
        io.read_cnemc(path, strict=True)


def test_two_files_of_one_day(tmp_path):
    first = write(tmp_path / "a_20190101.csv", HEADER + "20190101,0,PM2.5,5,6\n")
    second = write(tmp_path / "b_20190101.csv", HEADER + "20190101,1,PM2.5,5,6\n")
    with pytest.raises(InputError, match=rf"{second}, line 2: day 2019-01-01 is also in {first}"):
        io.read_cnemc([first, second])


def test_repeated_column(tmp_path):
    text = "date,hour,type,1001A,1001A\n20190101,0,PM2.5,5,5\n20190101,1,PM2.5,,\n"
    same = write(tmp_path / "china_sites_20190101.csv", text)
    frame = io.read_cnemc(same, pollutants="PM2.5")
    assert frame.attrs["repeated_columns"] == {"1001A": 1}
    assert list(frame["station"].cat.categories) == ["1001A"]
    assert frame["value"].notna().sum() == 1
    differ = write(
        tmp_path / "china_sites_20190102.csv", text.replace("0101", "0102").replace(",5,5", ",5,6")
    )
    with pytest.raises(InputError, match=rf"{differ}, line 2: station '1001A' has two columns"):
        io.read_cnemc(differ)


def test_columns_differ_between_files(tmp_path):
    a = write(tmp_path / "china_sites_20190101.csv", "date,hour,type,1001A\n20190101,0,PM2.5,5\n")
    b = write(tmp_path / "china_sites_20190102.csv", "date,hour,type,1002A\n20190102,0,PM2.5,6\n")
    frame = io.read_cnemc([a, b], pollutants="PM2.5", hour_label="beginning")
    table = frame.pivot(index="time", columns="station", values="value")
    assert table.loc["2019-01-01 00:00", "1001A"] == 5.0
    assert np.isnan(table.loc["2019-01-01 00:00", "1002A"])
    assert table.loc["2019-01-02 00:00", "1002A"] == 6.0
    assert np.isnan(table.loc["2019-01-02 00:00", "1001A"])


def test_header_only_file(tmp_path):
    empty = write(tmp_path / "china_sites_20190103.csv", HEADER)
    full = write(tmp_path / "china_sites_20190101.csv", HEADER + "20190101,0,PM2.5,5,6\n")
    frame = io.read_cnemc([full, empty], pollutants="PM2.5")
    assert frame.attrs["missing_days"] == ["2019-01-02"]
    assert frame.attrs["missing_hours"] == {"PM2.5": 3 * 24 - 1}
    nameless = write(tmp_path / "nodate.csv", HEADER)
    frame = io.read_cnemc([full, nameless], pollutants="PM2.5")
    assert frame.attrs["empty_files"] == [str(nameless)]


def test_progress_bar(capsys):
    io.read_cnemc(io.sample_files(), progress=True)
    err = capsys.readouterr().err
    assert "read_cnemc: 100%" in err
    assert "| 3/3 [" in err
    assert err.endswith("\n")
    io.read_cnemc(io.sample_files())  # stderr is not a terminal here: quiet
    assert capsys.readouterr().err == ""


# --- the station list --------------------------------------------------------------------


def test_read_sites_sample():
    sites = io.read_sites(io.sample_sites())
    assert sites.index.name == "station"
    assert list(sites.columns[:6]) == ["name", "city", "province", "lon", "lat", "background"]
    assert sites.loc["1001A", "name"] == "万寿西宫"
    assert sites.loc["1001A", "city"] == "北京"
    assert sites.loc["1001A", "lon"] == 116.3621
    assert sites["background"].dtype == bool
    assert sites.loc["1002A", "background"]  # 定陵(对照点): Y in the list
    assert not sites.loc["1001A", "background"]
    assert set(sites.index) == set(io.read_cnemc(io.sample_files())["station"].cat.categories)


def test_read_sites_missing_city(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text(
        "监测点编码,监测点名称,经度,纬度,对照点,省级行政区\n1001A,万寿西宫,116.3,39.8,N,北京市\n",
        "utf-8",
    )
    with pytest.raises(InputError, match=r"no column 城市 \(city\)"):
        io.read_sites(path)


@pytest.mark.parametrize(
    ("row", "match"),
    [
        ("1001A,万寿西宫,北京,116.3,39.8,X,北京市", "line 3: 对照点 .* Y or N"),
        ("1001A,万寿西宫,北京,east,39.8,N,北京市", "line 3: lon must be a number"),
        (
            "1002A,定陵,北京,116.3,39.8,N,北京市",
            "line 3: station code '1002A' is empty or repeated",
        ),
    ],
)
def test_read_sites_bad_rows(tmp_path, row, match):
    path = tmp_path / "sites.csv"
    path.write_text(
        "监测点编码,监测点名称,城市,经度,纬度,对照点,省级行政区\n1002A,定陵,北京,116.2,40.3,Y,北京市\n"
        + row
        + "\n",
        "utf-8",
    )
    with pytest.raises(InputError, match=match):
        io.read_sites(path)


def test_read_sites_gb18030_and_english(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_bytes(
        "监测点编码,监测点名称,城市,经度,纬度,对照点,省级行政区\n1001A,万寿西宫,北京,116.3,,N,北京市\n".encode(
            "gb18030"
        )
    )
    sites = io.read_sites(path)
    assert sites.loc["1001A", "city"] == "北京"
    assert np.isnan(sites.loc["1001A", "lat"])
    path.write_text("station,name,city,province,lon,lat,background\n1001A,a,b,c,1,2,y\n", "utf-8")
    assert bool(io.read_sites(path).loc["1001A", "background"])


# --- the real archive (shared data) --------------------------------------------------------


@needs_shared
def test_sample_equals_the_shared_january_files():
    sample = io.read_cnemc(io.sample_files(), pollutants="all")
    codes = list(sample["station"].cat.categories)
    shared = io.read_cnemc(
        [day_file(JANUARY, f"2019010{d}") for d in (1, 2, 3)], pollutants="all", stations=codes
    )
    assert_frame_equal(sample, shared, check_exact=True)


@needs_shared
@pytest.mark.slow
def test_january_complete():
    frame = io.read_cnemc(JANUARY, pollutants="all")
    n_stations = frame["station"].cat.categories.size
    assert n_stations == 1605
    assert len(frame) == 31 * 24 * n_stations * 15
    assert frame.attrs["missing_days"] == []
    assert frame.attrs["dropped"] == []
    assert frame["time"].min() == pd.Timestamp("2018-12-31 23:00")
    assert frame["time"].max() == pd.Timestamp("2019-01-31 22:00")
    path = day_file(JANUARY, "20190115")
    # line 2 + 15 * 12 + 1: hour 12, the second row type (PM2.5) of 2019-01-15
    line = 2 + 12 * 15 + 1
    for code in ("1001A", "1003A", "1004A", "1005A"):
        text = raw_cell(path, line, code)
        value = frame.loc[
            (frame["time"] == pd.Timestamp("2019-01-15 11:00"))
            & (frame["station"] == code)
            & (frame["pollutant"] == "PM2.5"),
            "value",
        ]
        assert len(value) == 1
        assert value.iloc[0] == float(text) if text else np.isnan(value.iloc[0])
    aqi = frame.loc[frame["pollutant"] == "AQI", "value"].dropna()
    assert (aqi == np.round(aqi)).all()
    assert aqi.min() >= 0


@needs_shared
def test_missing_day_2019_04_08_is_missing_hours():
    files = [day_file(HOURLY, "20190407"), day_file(HOURLY, "20190409")]
    frame = io.read_cnemc(files, stations=["1001A", "1002A"], hour_label="beginning")
    assert frame.attrs["missing_days"] == ["2019-04-08"]
    assert frame.attrs["missing_hours"] == dict.fromkeys(io.HOURLY_POLLUTANTS, 24)
    day = frame[frame["time"].dt.strftime("%Y-%m-%d") == "2019-04-08"]
    assert len(day) == 24 * 2 * 6
    assert day["value"].isna().all()
    assert frame.loc[frame["time"].dt.day == 7, "value"].notna().any()


@needs_shared
def test_truncated_rows_of_2019():
    """2019-04-24 ends in a row cut after 110 of 1,608 fields; 2019-02-20 (hours 0-6) is whole."""
    cut, short = day_file(HOURLY, "20190424"), day_file(HOURLY, "20190220")
    with pytest.warns(io.TruncatedRowWarning) as caught:
        frame = io.read_cnemc([short, cut], stations=["1001A"])
    assert [str(w.message) for w in caught] == [
        f"{cut}, line 141: the row has 110 of 1608 fields (cut off); dropped"
    ]
    assert frame.attrs["dropped"] == [
        {"file": str(cut), "line": 141, "reason": "truncated", "fields": 110}
    ]
    # 2019-02-20 holds 42 rows, hours 0-6; 2019-04-24 all but the cut PM10 row of hour 23
    # and the four rows after it
    hours = frame.attrs["missing_hours"]
    days = 64  # 2019-02-20 .. 2019-04-24
    assert hours["PM10"] == days * 24 - 7 - 23
    assert hours["PM2.5"] == days * 24 - 7 - 24
    with pytest.raises(InputError, match=rf"{cut}, line 141"):
        io.read_cnemc(cut, strict=True)


@needs_shared
def test_repeated_station_column_of_2019():
    frame = io.read_cnemc(day_file(HOURLY, "20190601"), stations=["3207A"])
    assert frame.attrs["repeated_columns"] == {"3207A": 1}
    assert frame["value"].notna().sum() > 0


# --- dask ------------------------------------------------------------------------------------


def test_dask_equals_pandas(tmp_path):
    pytest.importorskip("dask.dataframe")
    archive = io.synthetic_archive(
        tmp_path,
        "2019-04-06",
        5,
        stations=7,
        missing_days=1,
        missing_hours=0.1,
        absent_stations=0.2,
        truncate=1,
        seed=3,
    )
    with pytest.warns(io.TruncatedRowWarning):
        expected = io.read_cnemc(archive.files)
    lazy = io.read_cnemc(archive.files, engine="dask")
    assert lazy.npartitions == 5
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", io.TruncatedRowWarning)
        computed = lazy.compute(scheduler="sync")
    assert_frame_equal(computed, expected, check_exact=True)
    assert computed.attrs["units"] == expected.attrs["units"]
    assert computed.attrs["missing_days"] == expected.attrs["missing_days"]


def test_dask_sample_and_strict(tmp_path):
    pytest.importorskip("dask.dataframe")
    lazy = io.read_cnemc(io.sample_files(), pollutants="all", engine="dask")
    assert_frame_equal(
        lazy.compute(scheduler="sync"), io.read_cnemc(io.sample_files(), pollutants="all")
    )
    path = write(tmp_path / "china_sites_20190101.csv", HEADER + "20190101,0,PM2.5,5")
    lazy = io.read_cnemc(path, engine="dask", strict=True)  # lazy: nothing read yet
    with pytest.raises(InputError, match=rf"{path}, line 2"):
        lazy.compute(scheduler="sync")


def test_dask_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(InputError, match=r"engine='dask' needs dask's DataFrame: pip install"):
        io.read_cnemc(io.sample_files(), engine="dask")


# --- synthetic archives ------------------------------------------------------------------------


def test_synthetic_archive_format(tmp_path):
    archive = io.synthetic_archive(tmp_path, "2019-01-01", 2, stations=3, pollutants="all", seed=1)
    raw = gzip.decompress(archive.files[0].read_bytes())
    assert raw.startswith(b"date,hour,type,0001S,0002S,0003S\r\n20190101,0,AQI,")
    assert raw.count(b"\r\n") == 1 + 24 * 15
    again = io.synthetic_archive(
        tmp_path / "again", "2019-01-01", 2, stations=3, pollutants="all", seed=1
    )
    assert again.files[1].read_bytes() == archive.files[1].read_bytes()


@pytest.mark.parametrize(
    ("argument", "value"),
    [
        ("gaps", 1.5),
        ("days", 0),
        ("missing_days", 2),
        ("truncate", 4),
        ("stations", [1]),
        ("start", "soon"),
    ],
)
def test_synthetic_archive_bad_arguments(tmp_path, argument, value):
    arguments = {"days": 3, argument: value}
    with pytest.raises(InputError, match=argument if argument != "stations" else "station codes"):
        io.synthetic_archive(tmp_path, **arguments)


@settings(max_examples=25, deadline=None)
@given(
    n_stations=st.integers(1, 12),
    days=st.integers(1, 4),
    pollutants=st.lists(st.sampled_from(io.ROW_TYPES), min_size=1, max_size=4, unique=True),
    seed=st.integers(0, 2**32),
    gaps=st.sampled_from([0.0, 0.1, 0.9]),
    missing_hours=st.sampled_from([0.0, 0.2, 1.0]),
    outliers=st.sampled_from([0.0, 0.05]),
    absent=st.sampled_from([0.0, 0.3]),
    want_missing_day=st.booleans(),
    want_truncated=st.booleans(),
    hour_label=st.sampled_from(["ending", "beginning"]),
    compresslevel=st.sampled_from([0, 1]),
)
def test_synthetic_round_trip(
    n_stations,
    days,
    pollutants,
    seed,
    gaps,
    missing_hours,
    outliers,
    absent,
    want_missing_day,
    want_truncated,
    hour_label,
    compresslevel,
):
    with tempfile.TemporaryDirectory() as directory:
        archive = io.synthetic_archive(
            directory,
            "2019-12-30",
            days,
            stations=n_stations,
            pollutants=pollutants,
            seed=seed,
            gaps=gaps,
            missing_hours=missing_hours,
            outliers=outliers,
            absent_stations=absent,
            missing_days=int(want_missing_day and days > 2),
            truncate=int(want_truncated),
            compresslevel=compresslevel,
        )
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            frame = io.read_cnemc(archive.directory, pollutants=pollutants, hour_label=hour_label)
        expected = archive.frame(hour_label)
        assert_frame_equal(frame, expected, check_exact=True)
        assert frame.attrs["missing_days"] == list(archive.missing_days)
        dropped = [(d["file"], d["line"]) for d in frame.attrs["dropped"]]
        assert dropped == [(file, line) for file, line in archive.truncated]
        assert len(caught) == len(dropped)
        assert all(issubclass(w.category, io.TruncatedRowWarning) for w in caught)


# --- station daily statistics a day at a time (issue 18) -----------------------------------


def _in_memory(source, **options):
    """The reference: the tidy table of the whole span, then its daily statistics."""
    from wasteless.air import network

    hour_label = options.pop("hour_label", "ending")
    tidy = io.read_cnemc(source, hour_label=hour_label, **options)
    return network.daily_statistics(tidy)


@pytest.mark.parametrize("hour_label", ["ending", "beginning"])
def test_daily_statistics_streamed_equal_the_in_memory_path_on_the_sample(hour_label):
    streamed = io.read_cnemc_daily_statistics(io.sample_files(), hour_label=hour_label)
    assert_frame_equal(
        streamed, _in_memory(io.sample_files(), hour_label=hour_label), check_exact=True
    )
    assert streamed.attrs["hour_label"] == "beginning"
    assert streamed.attrs["file_hour_label"] == hour_label
    assert (
        streamed.attrs["missing_hours"] == io.read_cnemc(io.sample_files()).attrs["missing_hours"]
    )


@pytest.mark.parametrize("hour_label", ["ending", "beginning"])
def test_daily_statistics_streamed_equal_the_in_memory_path_on_a_defective_archive(
    tmp_path, hour_label
):
    """Missing days and hours, empty cells, stations absent from headers, a cut row, a
    year boundary: bit for bit the numbers of the whole table."""
    archive = io.synthetic_archive(
        tmp_path,
        "2019-12-27",
        8,
        stations=7,
        seed=18,
        gaps=0.15,
        missing_hours=0.1,
        missing_days=2,
        absent_stations=0.2,
        truncate=2,
        outliers=0.01,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", io.TruncatedRowWarning)
        streamed = io.read_cnemc_daily_statistics(archive.directory, hour_label=hour_label)
        expected = _in_memory(archive.directory, hour_label=hour_label)
    assert_frame_equal(streamed, expected, check_exact=True)
    assert len(streamed.attrs["dropped"]) == 2
    assert streamed.attrs["missing_days"] == list(archive.missing_days)


def test_a_day_with_hour_ending_stamps_ends_with_the_next_files_hour_0(tmp_path):
    """Hand values: day 2019-01-01 is hours 1-23 of its file and hour 0 of the next."""
    header = "date,hour,type,1001A\n"
    first = "".join(f"20190101,{h},PM2.5,{h}\n" for h in range(24))
    second = "".join(f"20190102,{h},PM2.5,{100 + h}\n" for h in range(24))
    write(tmp_path / "china_sites_20190101.csv", header + first)
    write(tmp_path / "china_sites_20190102.csv", header + second)
    daily = io.read_cnemc_daily_statistics(tmp_path)["PM2.5_24h"].pint.magnitude
    # hours 1..23 of the first file, then 100 (hour 0 of the second)
    assert daily[("1001A", pd.Timestamp("2019-01-01"))] == (sum(range(1, 24)) + 100) / 24
    assert np.isnan(daily[("1001A", pd.Timestamp("2018-12-31"))])  # one hour: invalid
    assert daily[("1001A", pd.Timestamp("2019-01-02"))] == sum(range(101, 124)) / 23


def test_the_mda8_of_a_day_uses_that_days_hours_only(tmp_path):
    """GB 3095-2012's windows end at 08:00 ... 24:00: a high evening the day before
    does not reach into the next day's MDA8 (hand values, hour-beginning stamps)."""
    header = "date,hour,type,1001A\n"
    evening = "".join(f"20190101,{h},O3,{300 if h >= 16 else 10}\n" for h in range(24))
    flat = "".join(f"20190102,{h},O3,{40 + h}\n" for h in range(24))
    write(tmp_path / "china_sites_20190101.csv", header + evening)
    write(tmp_path / "china_sites_20190102.csv", header + flat)
    daily = io.read_cnemc_daily_statistics(tmp_path, hour_label="beginning")
    mda8 = daily["O3_8h"].pint.magnitude
    assert mda8[("1001A", pd.Timestamp("2019-01-01"))] == 300.0  # hours 16-23
    # the last window, hours 16-23: 40 + (16 + ... + 23) / 8 = 59.5
    assert mda8[("1001A", pd.Timestamp("2019-01-02"))] == 59.5


def test_a_negative_concentration_is_refused_naming_the_file(tmp_path):
    path = write(
        tmp_path / "china_sites_20190101.csv",
        "date,hour,type,1001A,1002A\n20190101,3,CO,0.4,-1.2\n",
    )
    with pytest.raises(InputError, match=r"china_sites_20190101\.csv: station '1002A' has -1\.2 "):
        io.read_cnemc_daily_statistics(path)


def test_streamed_daily_statistics_bad_arguments():
    with pytest.raises(InputError, match="progress must be None, True or False"):
        io.read_cnemc_daily_statistics(io.sample_files(), progress="yes")
    with pytest.raises(InputError, match="rules"):
        io.read_cnemc_daily_statistics(io.sample_files(), rules="GB 3095-2012")
    with pytest.raises(InputError, match="hour_label must be one of"):
        io.read_cnemc_daily_statistics(io.sample_files(), hour_label="middle")


def test_streamed_daily_statistics_progress_bar(capsys):
    io.read_cnemc_daily_statistics(io.sample_files(), progress=True)
    err = capsys.readouterr().err
    assert "read: 100%" in err
    assert "| 3/3 [" in err
    io.read_cnemc_daily_statistics(io.sample_files())  # stderr is not a terminal here
    assert capsys.readouterr().err == ""


@pytest.mark.slow
@needs_shared
def test_daily_statistics_streamed_equal_the_in_memory_path_on_a_month_of_2019():
    files = sorted(HOURLY.glob("china_sites_201903*.csv.gz"))
    assert_frame_equal(io.read_cnemc_daily_statistics(files), _in_memory(files), check_exact=True)


# --- issue 19: a mistyped file date never takes the machine --------------------------------


def _redated(tmp_path, old: bytes, new: bytes, name: str):
    import gzip
    import shutil

    from wasteless import datasets

    files = datasets.sample_files()
    for path in files[:-1]:
        shutil.copy(path, tmp_path / path.name)
    text = gzip.decompress(files[-1].read_bytes()).replace(old, new)
    (tmp_path / name).write_bytes(gzip.compress(text))
    return tmp_path


def test_19_a_file_date_outside_pandas_range_is_refused_not_wrapped(tmp_path):
    # 00190101 read back as 1754 in 0.2 (datetime64[ns] overflowed without a word)
    source = _redated(tmp_path, b"20190103", b"00190103", "china_sites_00190103.csv.gz")
    with pytest.raises(InputError, match=r"china_sites_00190103.csv.gz: its date 0019-01-03"):
        io.read_cnemc(source)


@pytest.mark.parametrize("reader", ["read_cnemc", "read_cnemc_daily_statistics"])
def test_19_one_mistyped_date_is_refused_before_memory_is_asked_for(tmp_path, reader, monkeypatch):
    # 0.2: one file dated 20910102 among 2019's (1,605 stations) made read_cnemc ask for
    # 45 GiB at once. The sample has 34 stations: a budget scaled down as much (64 MiB)
    # shows the same refusal without asking this machine for gigabytes
    from wasteless.io import cnemc

    monkeypatch.setattr(cnemc, "READ_MEMORY_BUDGET", 64 * 2**20)
    source = _redated(tmp_path, b"20190103", b"20910103", "china_sites_20910103.csv.gz")
    assert len(getattr(io, reader)(io.sample_files())) > 0  # three days fit
    with pytest.raises(InputError, match=r"is the date of .*china_sites_20910103.csv.gz"):
        getattr(io, reader)(source)


# --- issue 19: every value read is in the result or counted ---------------------------------


def _sample_variant(tmp_path, k: int, change) -> Path:
    """The sample's three files in tmp_path, file k's lines changed."""
    import shutil

    from wasteless import datasets

    files = datasets.sample_files()
    for path in files:
        shutil.copy(path, tmp_path / path.name)
    lines = gzip.decompress(files[k].read_bytes()).decode().splitlines()
    (tmp_path / files[k].name).write_bytes(gzip.compress("\r\n".join(change(lines)).encode()))
    return tmp_path


def test_19_a_station_absent_from_one_header_is_counted(tmp_path):
    # issue 19, reproducer 3: its 24 NaN hours were in no count
    def without_1003a(lines):
        j = lines[0].split(",").index("1003A")
        return [",".join(f for i, f in enumerate(x.split(",")) if i != j) for x in lines]

    source = _sample_variant(tmp_path, 1, without_1003a)
    for reader in (io.read_cnemc, io.read_cnemc_daily_statistics):
        frame = reader(source)
        assert frame.attrs["absent_from_files"] == {"1003A": 1}
        assert frame.attrs["absent_stations"] == []
    assert io.read_cnemc(io.sample_files()).attrs["absent_from_files"] == {}
    tidy = io.read_cnemc(source)
    station = tidy[tidy["station"].eq("1003A")]
    day = (station["time"] + pd.Timedelta(hours=1)).dt.normalize()
    assert station.loc[day.eq("2019-01-02"), "value"].isna().all()  # its 24 hours


def test_19_a_file_named_for_another_day_warns_and_is_counted(tmp_path):
    # issue 19, reproducer 7: read by its content without a word
    import shutil

    files = io.sample_files()
    for path in files[::2]:
        shutil.copy(path, tmp_path / path.name)
    shutil.copy(files[1], tmp_path / "china_sites_20190107.csv.gz")
    with pytest.warns(io.MisnamedFileWarning, match=r"20190107.csv.gz: its name says 2019-01-07"):
        frame = io.read_cnemc(tmp_path)
    assert [(m["named"], m["holds"]) for m in frame.attrs["misnamed_files"]] == [
        ("2019-01-07", "2019-01-02")
    ]
    assert_frame_equal(frame, io.read_cnemc(files))  # read as its rows' day


def test_19_a_corrupt_deflate_stream_is_an_input_error_naming_the_file(tmp_path):
    # issue 19, reproducer 6: zlib.error escaped (the CLI printed a traceback)
    path = tmp_path / "china_sites_20190101.csv.gz"
    data = bytearray(io.sample_files()[0].read_bytes())
    for i in range(40, 240):
        data[i] ^= 0x55
    path.write_bytes(bytes(data))
    for reader in (io.read_cnemc, io.read_cnemc_daily_statistics):
        with pytest.raises(InputError, match=r"china_sites_20190101.csv.gz: cannot be read"):
            reader(path)


SITES_HEADER = "监测点编码,监测点名称,城市,省级行政区,经度,纬度,对照点"


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (  # reproducer 6: AttributeError
            SITES_HEADER + ",city\n1001A,万寿西宫,北京,北京市,116.3,39.8,N,Beijing\n",
            r"line 1: the column '城市' and 'city' name the same thing \(city\)",
        ),
        (  # reproducer 6: pandas took the extra field for an index (codes shifted)
            SITES_HEADER + "\n1001A,万寿西宫,北京,北京市,116.3,39.8,N,extra\n",
            r"sites.csv, line 2: the row has 8 fields, the header 7",
        ),
        (  # reproducer 7
            SITES_HEADER + "\n1001A,万寿西宫,北京,北京市,999,39.8,N\n",
            r"line 2: lon must be within -180.0 to 180.0 degrees \(or empty\); got '999'",
        ),
        (
            SITES_HEADER + "\n1001A,万寿西宫,北京,北京市,116.3,inf,N\n",
            r"line 2: lat must be within -90.0 to 90.0 degrees \(or empty\); got 'inf'",
        ),
        (
            SITES_HEADER + "\n1001A,万寿西宫,北京,,116.3,39.8,N\n",
            r"line 2: station '1001A' has no 省级行政区 \(province\)",
        ),
        (
            SITES_HEADER
            + "\n\n1001A,万寿西宫,北京,北京市,116.3,39.8,N\n1001A,x,北京,北京市,,,N\n",
            r"line 4: station code '1001A' is empty or repeated",  # blank lines count
        ),
    ],
    ids=["城市 and city", "extra field", "lon 999", "lat inf", "no province", "repeated"],
)
def test_19_station_list_defects_name_the_file_and_line(tmp_path, text, match):
    path = tmp_path / "sites.csv"
    path.write_text(text, "utf-8")
    with pytest.raises(InputError, match=match):
        io.read_sites(path)
