"""The assess command's messages speak the command line's language: they name its flags,
and a value that does not fit the data (an unknown --city, a --year without data) is a
usage error (exit status 2) that says what would fit."""

import json
import warnings

import pytest
from wcwidth import wcswidth

from wasteless import cli, datasets, testing

FILES = [str(path) for path in datasets.sample_files()]  # 2019-01-01..03, hour-ending: 2018 too
SITES = ["--sites", str(datasets.sample_sites())]


def run(capsys, *args):
    status = cli.main(["assess", *FILES, *SITES, *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_an_english_city_name_is_a_usage_error_with_a_hint_that_cities_are_chinese(capsys):
    status, out, err = run(capsys, "--year", "2019", "--city", "Beijing")
    assert status == 2
    assert out == ""
    assert err.startswith("usage: wasteless assess")
    assert "--city Beijing: not a city of the station list" in err
    assert "in Chinese (e.g. 北京" in err
    assert "--city 北京" in err


def test_an_unknown_city_gets_the_closest_names_of_the_station_list(capsys):
    status, _, err = run(capsys, "--year", "2019", "--city", "北京市", "--city", "上海")
    assert status == 2
    assert "--city 北京市: not a city of the station list; closest: 北京" in err
    assert "--city 上海" not in err.split("closest")[0]  # a known one is not named


def test_19_without_year_the_year_most_days_are_of_is_assessed_and_said(capsys):
    # issue 19, reproducer 5: with hour-ending stamps hour 0 of 1 January belongs to
    # 31 December, so files of one year "spanned" two and the documented default failed
    status, out, err = run(capsys)
    assert status == 0
    assert "--year not given: 2019, the year of 3 of the data's 4 days (also: 2018 (1 day))" in err
    assert "annual assessment of 2019" in out
    assert "year=" not in err


def test_a_year_without_data_names_the_flag_and_the_years(capsys):
    status, _, err = run(capsys, "--year", "2020")
    assert status == 2
    assert "--year 2020: the data hold no day of 2020; they span 2018, 2019" in err


def test_an_unknown_grouping_names_the_flag_and_the_allowed_values(capsys):
    # issue 18: --by takes city, province or region (argparse's usage error, exit 2)
    with pytest.raises(SystemExit) as exit_info:
        run(capsys, "--year", "2019", "--by", "county")
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "argument --by: invalid choice: 'county'" in err
    assert "province" in err


@pytest.mark.parametrize("city", ["北京", "上海"])
def test_a_known_city_is_assessed(capsys, city):
    status, out, err = run(capsys, "--year", "2019", "--city", city, "--format", "csv")
    assert (status, err) == (0, "")
    assert out.splitlines()[1].startswith(f"{city},")


# --- issue 18: sources in any mix, notes, units, formats, progress, bad input -------------

SAMPLE = datasets.sample_files()[0].parent
SITES_HEADER = "监测点编码,监测点名称,城市,经度,纬度,对照点,省级行政区,地级行政区\n"
# two cities with Chinese names of different widths; 0004S a background station of 乙;
# 0009S listed for 甲市 but in no file
SITES_TEXT = SITES_HEADER + "".join(
    f"{code},站{code},{city},116.0,40.0,{bg},省,市\n"
    for code, city, bg in (
        ("0001S", "甲市", "N"),
        ("0002S", "甲市", "N"),
        ("0003S", "乙", "N"),
        ("0004S", "乙", "Y"),
        ("0009S", "甲市", "N"),
    )
)


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    """A synthetic 2019 of four stations (plain CSV files) and its station list."""
    directory = tmp_path_factory.mktemp("year")
    testing.synthetic_archive(
        directory / "files", "2019-01-01", 365, stations=4, seed=18, compresslevel=0
    )
    sites = directory / "sites.csv"
    sites.write_text(SITES_TEXT, encoding="utf-8")
    return directory / "files", sites


def assess(capsys, *args):
    status = cli.main(["assess", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_sources_in_any_mix_directory_glob_and_files(capsys):
    files = [str(p) for p in datasets.sample_files()]
    expected = assess(capsys, *files, *SITES, "--year", "2019", "--format", "csv")
    assert expected[0] == 0
    for sources in (
        [str(SAMPLE)],
        [str(SAMPLE / "china_sites_*.csv.gz")],
        [files[0], str(SAMPLE / "china_sites_2019010[23].csv.gz")],
        [str(SAMPLE), files[2]],
    ):
        assert assess(capsys, *sources, *SITES, "--year", "2019", "--format", "csv") == expected


def test_a_directory_without_daily_files_exits_4_with_a_message(capsys, tmp_path):
    status, out, err = assess(capsys, str(tmp_path), *SITES)
    assert (status, out) == (4, "")
    assert err == (
        f"wasteless assess: source: the directory {str(tmp_path)!r} holds no daily file "
        "(china_sites_YYYYMMDD.csv or .csv.gz) and no other .csv or .csv.gz file\n"
    )


def test_a_glob_that_matches_nothing_exits_4_with_a_message(capsys, tmp_path):
    status, _, err = assess(capsys, str(tmp_path / "china_sites_*.csv.gz"), *SITES)
    assert status == 4
    assert "matches no file" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "argument --format: invalid choice: 'xml'"),
        (["--hour-label", "middle"], "argument --hour-label: invalid choice: 'middle'"),
        (["--progress", "--quiet"], "argument --quiet: not allowed with argument --progress"),
        (["--year", "twenty"], "argument --year: invalid int value: 'twenty'"),
    ],
)
def test_an_unknown_option_value_exits_2_with_the_usage(capsys, args, message):
    with pytest.raises(SystemExit) as done:
        cli.main(["assess", str(SAMPLE), *SITES, *args])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: wasteless assess")
    assert message in err


def test_the_notes_say_why_each_blank_is_blank(capsys):
    status, out, _ = run(capsys, "--year", "2019", "--format", "json")
    assert status == 0
    beijing = next(c for c in json.loads(out)["cities"] if c["city"] == "北京")
    # three days of data: every annual statistic lacks days (324 is the GB 3095-2012 rule)
    assert beijing["notes"][:2] == [
        "PM2.5, PM10, SO2, NO2, CO, O3 (MDA8): 3 valid days < 324 (GB 3095-2012)",
        "unranked: no composite index without PM2.5, PM10, SO2, NO2, CO, O3 (MDA8)",
    ]
    assert "stations: background station 1002A (对照点) left out" in beijing["notes"]
    assert beijing["pm10_annual"] is None
    assert beijing["rank"] is None
    assert beijing["stations"] == 11  # 12 in the files, 1002A the background one


def test_progress_bar_on_request_and_off_with_quiet(capsys):
    status, _, err = run(capsys, "--year", "2019", "--progress")
    assert status == 0
    assert "read: 100%" in err
    assert "| 3/3 [" in err
    assert "assess: 100%" in err
    assert run(capsys, "--year", "2019", "--quiet")[2] == ""
    assert run(capsys, "--year", "2019")[2] == ""  # stderr is not a terminal here


def test_a_dropped_row_is_a_warning_line_not_a_traceback(capsys, tmp_path):
    text = "date,hour,type,1001A\n20190101,1,PM2.5,5\n20190101,2,PM2.5"
    (tmp_path / "china_sites_20190101.csv").write_text(text)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        status, _, err = assess(capsys, str(tmp_path), *SITES, "--year", "2019", "--quiet")
    assert status == 0
    assert err == (
        f"wasteless assess: warning: {tmp_path / 'china_sites_20190101.csv'}, line 3: the "
        "row has 3 of 4 fields (cut off); dropped\n"
    )


@pytest.mark.slow  # a synthetic year: 365 files
def test_a_year_ranked_json_integer_ranks_units_and_station_notes(capsys, year):
    files, sites = year
    status, out, err = assess(
        capsys, str(files), "--sites", str(sites), "--year", "2019", "--format", "json"
    )
    assert (status, err) == (0, "")
    assert '"rank": 1,' in out  # an integer, not 1.0
    document = json.loads(out)
    assert list(document) == [
        "wasteless",
        "source",
        "year",
        "group_by",
        "rules",
        "units",
        "cities",
    ]
    assert document["units"] == {
        "pm25_annual": "µg/m³",
        "pm10_annual": "µg/m³",
        "so2_annual": "µg/m³",
        "no2_annual": "µg/m³",
        "co_p95": "mg/m³",
        "o3_mda8_p90": "µg/m³",
        "good_day_ratio": "%",
    }
    assert document["rules"]["validity"]["min_days_per_year"] == 324
    assert "对照点" in document["rules"]["stations"]["rule"]
    cities = {c["city"]: c for c in document["cities"]}
    assert sorted(c["rank"] for c in cities.values()) == [1, 2]
    assert all(
        isinstance(c[k], int) for c in cities.values() for k in ("stations", "valid_days", "rank")
    )
    assert cities["甲市"]["stations"] == 2
    assert cities["甲市"]["notes"] == [
        "stations: 2 of the 3 non-background stations of the station list are in the files"
    ]
    assert cities["乙"]["stations"] == 1
    assert cities["乙"]["notes"] == ["stations: background station 0004S (对照点) left out"]


@pytest.mark.slow  # a synthetic year: 365 files
def test_a_year_csv_has_units_in_its_header_and_whole_ranks(capsys, year):
    files, sites = year
    status, out, _ = assess(
        capsys, str(files), "--sites", str(sites), "--year", "2019", "--format", "csv", "--quiet"
    )
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == (
        "city,stations,valid_days,pm25_annual [µg/m³],pm10_annual [µg/m³],"
        "so2_annual [µg/m³],no2_annual [µg/m³],co_p95 [mg/m³],o3_mda8_p90 [µg/m³],"
        "good_day_ratio [%],composite_index,rank,notes"
    )
    ranks = [line.split(",")[11] for line in lines[1:]]
    assert sorted(ranks) == ["1", "2"]


@pytest.mark.slow  # a synthetic year: 365 files
def test_a_year_text_table_is_aligned_in_display_columns(capsys, year):
    """Chinese characters take two columns of a terminal: the cells still line up."""
    files, sites = year
    status, out, _ = assess(capsys, str(files), "--sites", str(sites), "--year", "2019")
    assert status == 0
    table = out.split("\n\n")[1].splitlines()
    header, rows = table[0], table[2:]
    assert {row.split()[0] for row in rows} == {"甲市", "乙"}

    def ends(line):
        """The display column where each space-separated field ends."""
        out, column = [], 0
        for i, char in enumerate(line):
            column += wcswidth(char)
            if char != " " and (i + 1 == len(line) or line[i + 1] == " "):
                out.append(column)
        return out

    numeric_ends = ends(header)[1:12]  # stations ... rank: right-aligned under their names
    for row in rows:
        assert ends(row)[1:12] == numeric_ends, row
    assert "stations  valid_days" in header


@pytest.mark.slow  # interpreter start-ups: the command as a user runs it
@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["{empty}", *SITES], 4, "holds no daily file (china_sites_YYYYMMDD.csv or .csv.gz)"),
        (["{empty}/*.csv.gz", *SITES], 4, "matches no file"),
        ([str(SAMPLE), *SITES, "--format", "xml"], 2, "invalid choice: 'xml'"),
        ([str(SAMPLE), *SITES, "--by", "county"], 2, "invalid choice: 'county'"),
    ],
    ids=["empty directory", "glob of nothing", "unknown format", "unknown grouping"],
)
def test_bad_input_in_a_fresh_process_a_message_and_the_exit_code_no_traceback(
    tmp_path, args, status, message
):
    import subprocess
    import sys

    command = [sys.executable, "-m", "wasteless", "assess"]
    command += [a.replace("{empty}", str(tmp_path)) for a in args]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode == status
    assert done.stdout == ""
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_19_a_year_before_any_data_is_a_usage_error(capsys):
    # issue 19, reproducer 7: --year 1800 exited 4 (unusable data) instead of 2
    status, out, err = run(capsys, "--year", "1800")
    assert (status, out) == (2, "")
    assert "--year 1800: the data hold no day of 1800" in err


def test_19_every_count_of_the_reading_shows_in_the_notes(capsys, tmp_path):
    # issue 19, reproducer 3: a station not in the station list vanished from its city
    # with no word in the CLI; now each count of the reading is a note
    import shutil

    for path in FILES:
        shutil.copy(path, tmp_path)
    lines = datasets.sample_sites().read_text("utf-8").splitlines()
    sites = tmp_path / "sites.txt"
    sites.write_text("\n".join(x for x in lines if not x.startswith("1001A")) + "\n", "utf-8")
    status = cli.main(["assess", str(tmp_path), "--sites", str(sites), "--year", "2019"])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    note = "* 1 station of the files not in the station list (--sites), so in no city: 1001A."
    assert note in out
    status = cli.main(
        ["assess", str(tmp_path), "--sites", str(sites), "--year", "2019", "--format", "json"]
    )
    out, err = capsys.readouterr()
    assert json.loads(out)["source"]["unlisted_stations"] == ["1001A"]
    assert "note: 1 station of the files not in the station list" in err
