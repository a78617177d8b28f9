"""The assess command's messages speak the command line's language: they name its flags,
and a value that does not fit the data (an unknown --city, a --year without data) is a
usage error (exit status 2) that says what would fit."""

import pytest

from wasteless import cli, datasets

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


def test_several_years_ask_for_the_year_flag_not_a_keyword(capsys):
    status, _, err = run(capsys)
    assert status == 2
    assert "choose one with --year" in err
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
