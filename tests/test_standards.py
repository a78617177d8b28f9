"""Limit values (GB 3095-2012, GB 3095-2026, WHO 2021) and compliance with them.

Expected values are those of reference/factors.md §4.1 (GB 3095-2012 Table 1 [S]),
§4.3 (HJ 663 percentiles [W], CNEMC 2014 [P]) and §4.7 (WHO 2021 AQG [S]), and of the
GB 3095-2026 text (reference/standards/GB_3095-2026.pdf, Tables 1 and 2, §4.4 [P]); the
full tables of each GB 3095 edition are reproduced in test_gb3095_2012.py and
test_gb3095_2026.py.
"""

import dataclasses
import datetime
import inspect

import numpy as np
import pandas as pd
import pint
import pint_pandas  # noqa: F401  (registers the pint[...] dtype)
import pytest
from framecheck import assert_frame_equal
from hypothesis import assume, given
from hypothesis import strategies as st

from wasteless import Q_, standards
from wasteless.air import limits
from wasteless.errors import InputError, MissingUnitsError, UnitsError, WastelessError
from wasteless.standards import STANDARDS, Compliance, compliance, get, limit

UG = "ug/m**3"
MG = "mg/m**3"
PINT_UG = "pint[ug/m**3]"

concentrations = st.floats(min_value=0.0, max_value=1000.0, allow_nan=False, allow_infinity=False)
records = st.sampled_from(sorted(standards.all_limits().values(), key=lambda s: s.key))


# --- the limit tables ----------------------------------------------------------


@pytest.mark.parametrize(
    ("standard_id", "pollutant", "averaging", "value"),
    [
        ("GB3095-2012-I", "PM2.5", "annual", 15.0),
        ("GB3095-2012-II", "PM2.5", "annual", 35.0),
        ("GB3095-2012-I", "PM2.5", "24h", 35.0),
        ("GB3095-2012-II", "PM2.5", "24h", 75.0),
        ("GB3095-2012-I", "PM10", "annual", 40.0),
        ("GB3095-2012-II", "PM10", "annual", 70.0),
        ("GB3095-2012-I", "PM10", "24h", 50.0),
        ("GB3095-2012-II", "PM10", "24h", 150.0),
    ],
)
def test_gb3095_2012_table1(standard_id, pollutant, averaging, value):
    record = get(standard_id, pollutant, averaging)
    assert record.quantity == Q_(value, UG)
    assert record.document == "GB 3095-2012"
    assert record.tag == "[S]"  # People's Daily 2012 reprint
    assert record.valid_from == datetime.date(2016, 1, 1)
    assert record.section.startswith("4.1")


@pytest.mark.parametrize(
    ("standard_id", "averaging", "value", "valid_from", "valid_to"),
    [
        ("GB3095-2026-transition-I", "annual", 15.0, (2026, 3, 1), (2030, 12, 31)),
        ("GB3095-2026-transition-I", "24h", 35.0, (2026, 3, 1), (2030, 12, 31)),
        ("GB3095-2026-transition-II", "annual", 30.0, (2026, 3, 1), (2030, 12, 31)),
        ("GB3095-2026-transition-II", "24h", 60.0, (2026, 3, 1), (2030, 12, 31)),
        ("GB3095-2026-I", "annual", 10.0, (2031, 1, 1), None),
        ("GB3095-2026-I", "24h", 25.0, (2031, 1, 1), None),
        ("GB3095-2026-II", "annual", 25.0, (2031, 1, 1), None),
        ("GB3095-2026-II", "24h", 50.0, (2031, 1, 1), None),
    ],
)
def test_gb3095_2026_pm25_limits(standard_id, averaging, value, valid_from, valid_to):
    # GB 3095-2026 Table 1 and §4.4 (printed pages 3-4): transition limits to 2030-12-31
    # for both grades, the Table 1 limits from 2031-01-01
    record = get(standard_id, "PM2.5", averaging)
    assert record.quantity == Q_(value, UG)
    assert record.document == "GB 3095-2026"
    assert record.tag == "[P]"
    assert record.valid_from == datetime.date(*valid_from)
    assert record.valid_to == (None if valid_to is None else datetime.date(*valid_to))


@pytest.mark.parametrize(
    ("standard_id", "annual", "daily"),
    [
        ("WHO-2021-AQG", 5.0, 15.0),
        ("WHO-2021-IT1", 35.0, 75.0),
        ("WHO-2021-IT2", 25.0, 50.0),
        ("WHO-2021-IT3", 15.0, 37.5),
        ("WHO-2021-IT4", 10.0, 25.0),
    ],
)
def test_who_2021_aqg_pm25_table(standard_id, annual, daily):
    assert limit(standard_id, "PM2.5", "annual") == Q_(annual, UG)
    assert limit(standard_id, "PM2.5", "24h") == Q_(daily, UG)
    assert get(standard_id).tag == "[S]"
    assert get(standard_id, averaging="24h").percentile == 99.0


def test_who_2021_aqg_pm10():
    assert limit("WHO-2021-AQG", "PM10", "annual") == Q_(15.0, UG)
    assert limit("WHO-2021-AQG", "PM10", "24h") == Q_(45.0, UG)


def test_gb3095_2012_grade_ii_equals_who_interim_target_1():
    for averaging in ("annual", "24h"):
        assert limit("GB3095-2012-II", averaging=averaging) == limit(
            "WHO-2021-IT1", averaging=averaging
        )
    assert limit("GB3095-2012-II", averaging="annual") == Q_(35, UG)
    assert limit("GB3095-2012-II", averaging="24h") == Q_(75, UG)


def test_gb3095_2026_final_grade_ii_equals_who_interim_target_2():
    for averaging in ("annual", "24h"):
        assert limit("GB3095-2026-II", averaging=averaging) == limit(
            "WHO-2021-IT2", averaging=averaging
        )
    assert limit("GB3095-2026-II", averaging="annual") == Q_(25, UG)
    assert limit("GB3095-2026-II", averaging="24h") == Q_(50, UG)


# HJ 663 annual evaluation (factors.md §4.3 [W]): 95th (PM, CO), 98th (SO2, NO2) of the
# 24-h means, 90th of the O3 daily maximum 8-h means; WHO 2021: 99th.
HJ663_PERCENTILE = {
    ("PM2.5", "24h"): 95.0,
    ("PM10", "24h"): 95.0,
    ("CO", "24h"): 95.0,
    ("SO2", "24h"): 98.0,
    ("NO2", "24h"): 98.0,
    ("O3", "8h"): 90.0,
}


def test_24h_statistic_hj663_percentiles_for_gb_99th_for_who():
    for s in standards.all_limits().values():
        if s.averaging == "annual":
            assert s.percentile is None
            assert s.statistic == "annual mean"
        elif s.document.startswith("GB 3095"):
            expected = HJ663_PERCENTILE.get((s.pollutant, s.averaging))
            assert s.percentile == expected, s.key
            if expected is None:  # 1-h, quarterly, Table 2 24-h: each value [A]
                assert s.statistic.startswith("each")
                assert s.statistic_tag == "[A]"
            else:
                assert s.statistic_tag == "[W]"  # secondary quotation of HJ 663
            if s.pollutant in ("PM2.5", "PM10") and s.averaging == "24h":
                assert "CNEMC" in s.statistic_source  # [P] corroboration
        else:
            assert s.percentile == 99.0
            assert s.statistic_tag == "[S]"


def test_every_record_is_complete():
    table = standards.all_limits()
    # GB 3095-2012 Table 1: 14 x 2; GB 3095-2026 Tables 1 and 2: 23 x 4; WHO: 12
    assert len(table) == 28 + 92 + 12
    assert {s.standard_id for s in table.values()} == set(STANDARDS)
    for key, s in table.items():
        assert s.key == key
        assert s.pollutant in standards.POLLUTANTS
        assert s.averaging in standards.AVERAGINGS
        assert s.unit == (MG if s.pollutant == "CO" else UG)
        assert s.source, key
        assert s.clause, key
        assert s.url.startswith("http") or s.pdf.startswith("reference/standards/"), key
        assert s.statistic_source, key
        expected = {"GB 3095-2026": "P", "WHO AQG 2021": "S"}.get(s.document)
        if expected is None:  # GB 3095-2012: factors.md's tags
            expected = "S" if s.pollutant in ("PM2.5", "PM10") else "W"
        assert s.quality == expected, key
        assert s.section, key
        assert s.valid_from is None or s.valid_to is None or s.valid_from < s.valid_to
    for standard_id in STANDARDS:  # PM2.5 annual and 24-h for every level
        assert (standard_id, "PM2.5", "annual") in table
        assert (standard_id, "PM2.5", "24h") in table


def test_gb3095_2026_pm10_is_in_table1():
    # 0.1 left GB 3095-2026 PM10 out (only a draft was quoted); Table 1 prints it
    assert limit("GB3095-2026-transition-II", "PM10", "annual") == Q_(60.0, UG)
    assert limit("GB3095-2026-II", "PM10", "24h") == Q_(100.0, UG)


def test_who_pm10_interim_targets_are_left_out():
    with pytest.raises(KeyError, match="interim targets"):
        get("WHO-2021-IT1", "PM10")


def test_get_spellings_and_grade():
    record = get("GB3095-2012-II", "PM2.5", "annual")
    assert get("gb3095-2012-ii", "pm25", "Annual") is record
    assert get("GB 3095-2012", grade="II") is record
    assert get("WHO-2021", grade="IT3", averaging="daily").value == 37.5
    assert get("GB3095-2026-transition", grade="II").value == 30.0


def test_unknown_standard_lists_known_ids():
    with pytest.raises(KeyError) as info:
        get("GB3095-1996-II")
    for standard_id in STANDARDS:
        assert standard_id in str(info.value)


def test_document_without_grade_lists_its_levels():
    with pytest.raises(KeyError, match="GB3095-2012-I, GB3095-2012-II"):
        get("GB3095-2012")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"pollutant": "H2S"}, "pollutant"), ({"averaging": "weekly"}, "averaging")],
)
def test_get_bad_names(kwargs, match):
    with pytest.raises(InputError, match=match):
        get("GB3095-2012-II", **kwargs)


def test_to_frame():
    frame = standards.to_frame()
    assert len(frame) == len(standards.all_limits())
    assert list(frame.index.names) == ["standard", "pollutant", "averaging"]
    assert {"value", "unit", "statistic", "percentile", "tag", "source", "url", "note"} <= set(
        frame.columns
    )
    assert list(dict.fromkeys(frame.index.get_level_values("standard"))) == list(STANDARDS)
    assert frame.loc[("GB3095-2012-II", "PM10", "24h"), "value"] == 150.0


def test_standard_is_frozen_and_replaceable():
    record = get("GB3095-2012-II")
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.value = 1.0  # type: ignore[misc]
    local = dataclasses.replace(record, value=0.03, unit="mg/m**3", quality="U")
    assert local.quantity.to(UG).magnitude == pytest.approx(30.0)
    assert compliance(Q_(31, UG), local).complies is False


@pytest.mark.parametrize(
    ("changes", "error", "match"),
    [
        ({"quality": "Z"}, InputError, "quality"),
        ({"averaging": "weekly"}, InputError, "averaging"),
        ({"value": 0.0}, InputError, "value"),
        ({"value": float("nan")}, InputError, "value"),
        ({"percentile": 95.0}, InputError, "percentile"),
        ({"unit": "m"}, UnitsError, "unit"),
    ],
)
def test_standard_validation(changes, error, match):
    with pytest.raises(error, match=match):
        dataclasses.replace(get("GB3095-2012-II"), **changes)


def test_percentile_only_for_daily_values_and_in_range():
    with pytest.raises(InputError, match="percentile"):
        dataclasses.replace(get("GB3095-2012-II", averaging="24h"), percentile=120.0)
    with pytest.raises(InputError, match="judged value by value"):
        dataclasses.replace(get("GB3095-2012-II", "SO2", "1h"), percentile=95.0)
    # None: each daily mean is compared (as for the GB 3095-2026 Table 2 24-h limits)
    each_day = dataclasses.replace(get("GB3095-2012-II", averaging="24h"), percentile=None)
    result = compliance(Q_([70.0, 80.0], UG), each_day)
    assert (result.complies, result.n_exceedance_days, result.statistic) == (False, 1, None)


# --- compliance: the article --------------------------------------------------------


def test_beijing_article_annual_means_exceed_gb3095_2012_grade_ii():
    # Article 2020-01-17: PM2.5 annual mean fell from 81 to 43 ug/m3; the grade II
    # annual limit is 35, so both exceed it, by 46 and 8 ug/m3.
    result = compliance(Q_([81, 43], UG), "GB3095-2012-II", averaging="annual")
    np.testing.assert_array_equal(result.exceeds, [True, True])
    np.testing.assert_array_equal(result.margin.to(UG).magnitude, [46.0, 8.0])  # value - limit
    assert result.n_exceedances == 2
    assert result.complies is False
    assert (result.n_used, result.n_invalid) == (2, 0)
    assert result.statistic is None
    assert result.n_exceedance_days is None


def test_beijing_article_as_series_keeps_the_years():
    annual = pd.Series([81.0, 43.0], index=pd.Index([2013, 2019], name="year"), dtype=PINT_UG)
    result = compliance(annual, get("GB3095-2012-II"))
    assert result.exceeds.to_dict() == {2013: True, 2019: True}
    assert result.margin.pint.magnitude.to_dict() == {2013: 46.0, 2019: 8.0}
    frame = result.to_frame()
    assert list(frame.index) == [2013, 2019]
    assert frame["margin"].pint.magnitude.tolist() == [46.0, 8.0]


# --- compliance: the boundary -------------------------------------------------------


@given(records)
def test_exactly_at_the_limit_complies_one_ulp_above_exceeds(record):
    value = record.value
    above = float(np.nextafter(value, np.inf))
    at = compliance(Q_(value, record.unit), record)
    over = compliance(Q_(above, record.unit), record)
    assert at.complies is True
    assert over.complies is False
    if record.percentile is None:
        assert at.exceeds is False
        assert over.exceeds is True
        assert at.margin == Q_(0.0, record.unit)
    else:
        assert at.statistic == Q_(value, record.unit)
        assert (at.n_exceedance_days, over.n_exceedance_days) == (0, 1)


def test_365_days_at_the_24h_limit_comply():
    days = Q_(np.full(365, 75.0), UG)
    result = compliance(days, "GB3095-2012-II", averaging="24h")
    assert result.complies is True
    assert result.statistic == Q_(75.0, UG)
    assert result.n_exceedance_days == 0


@given(concentrations, records)
def test_complies_iff_value_at_most_limit(value, record):
    result = compliance(Q_(value, record.unit), record)
    assert result.complies is (value <= record.value)


# --- compliance: units ------------------------------------------------------------


def test_limit_given_in_mg_per_m3_is_exact():
    assert compliance(Q_(0.035, "mg/m**3"), "GB3095-2012-II", averaging="annual").complies
    assert compliance(Q_(0.075, "mg/m**3"), "GB3095-2012-II", averaging="24h").complies


@given(st.lists(concentrations, min_size=1, max_size=40), records)
def test_same_result_in_mg_and_ug(values_ug, record):
    # Away from the limit (a unit conversion may move a value by an ulp), the
    # verdict does not depend on the unit the values are given in.
    assume(all(abs(v - record.value) > 1e-9 * record.value for v in values_ug))
    ug = Q_(np.array(values_ug), UG)
    mg = ug.to("mg/m**3")
    a, b = compliance(ug, record), compliance(mg, record)
    assert a.complies == b.complies
    assert a.n_exceedances == b.n_exceedances
    np.testing.assert_array_equal(a.exceeds, b.exceeds)
    a_margin = np.asarray(a.margin.to(UG).magnitude)
    b_margin = np.asarray(b.margin.to(UG).magnitude)
    np.testing.assert_allclose(a_margin, b_margin, rtol=1e-12, atol=1e-9)
    assert b.margin.units == pint.get_application_registry().Unit(record.unit)


# --- compliance: the 24-h percentile --------------------------------------------------


@given(st.lists(concentrations, min_size=1, max_size=400))
def test_95th_percentile_is_numpy_linear(values):
    result = compliance(Q_(values, UG), "GB3095-2012-II", averaging="24h")
    expected = np.percentile(np.array(values), 95, method="linear")
    assert result.statistic.to(UG).magnitude == expected
    assert result.n_exceedance_days == sum(v > 75.0 for v in values)


def test_95th_percentile_by_hand_k_is_1_plus_n_minus_1_p():
    # n = 20 values 10, 20, ..., 200 (shuffled): k = 1 + 19 x 0.95 = 19.05, so
    # P95 = x(19) + 0.05 (x(20) - x(19)) = 190 + 0.05 x 10 = 190.5.
    rng = np.random.default_rng(1)
    values = rng.permutation(np.arange(10.0, 201.0, 10.0))
    result = compliance(Q_(values, UG), "GB3095-2012-II", averaging="24h")
    assert result.statistic.to(UG).magnitude == pytest.approx(190.5, rel=1e-12)
    assert result.margin.to(UG).magnitude == pytest.approx(190.5 - 75.0, rel=1e-12)
    # WHO 99th: k = 1 + 19 x 0.99 = 19.81: 190 + 0.81 x 10 = 198.1
    who = compliance(Q_(values, UG), "WHO-2021-IT1", averaging="24h")
    assert who.statistic.to(UG).magnitude == pytest.approx(198.1, rel=1e-12)
    assert who.n_exceedance_days == 13  # 80, 90, ..., 200 exceed 75


def test_who_99th_percentile_allows_three_exceedance_days():
    # WHO 2021: 24-h guideline as the 99th percentile, i.e. 3-4 exceedance days a year.
    # n = 365: k = 1 + 364 x 0.99 = 361.36, between the 361st and 362nd values.
    base = np.full(365, 10.0)
    three = base.copy()
    three[:3] = 100.0
    five = base.copy()
    five[:5] = 100.0
    ok = compliance(Q_(three, UG), "WHO-2021-AQG", averaging="24h")
    bad = compliance(Q_(five, UG), "WHO-2021-AQG", averaging="24h")
    assert (ok.complies, ok.n_exceedance_days) == (True, 3)
    assert (bad.complies, bad.n_exceedance_days) == (False, 5)


# --- compliance: validity -----------------------------------------------------------


def _daily_frame(means, valid, start="2019-01-01"):
    return pd.DataFrame(
        {"mean": pd.array(means, dtype=PINT_UG), "n_hours": 24, "valid": valid},
        index=pd.date_range(start, periods=len(means), name="date"),
    )


def test_dataframe_invalid_rows_excluded_and_counted():
    means = [20.0, 500.0, 30.0, float("nan"), 40.0]
    valid = [True, False, True, False, True]
    frame = _daily_frame(means, valid)
    result = compliance(frame, "GB3095-2012-II", averaging="24h")
    assert (result.n_used, result.n_invalid) == (3, 2)
    # the invalid 500 is not used: P95 of 20, 30, 40 is 30 + 0.9 x 10 = 39
    assert result.statistic.to(UG).magnitude == pytest.approx(39.0, rel=1e-12)
    assert result.n_exceedance_days == 0
    assert result.complies is True
    assert result.used.tolist() == [True, False, True, False, True]
    assert result.exceeds.index.equals(frame.index)
    table = result.to_frame()
    assert table.index.equals(frame.index)
    assert table["used"].tolist() == valid
    assert np.isnan(table["margin"].pint.magnitude.iloc[1])


def test_dataframe_nan_in_a_valid_row_is_invalid():
    frame = _daily_frame([20.0, float("nan")], [True, True])
    result = compliance(frame, "GB3095-2012-II", averaging="24h")
    assert (result.n_used, result.n_invalid) == (1, 1)


def test_annual_dataframe_like_annual_means():
    frame = pd.DataFrame(
        {"mean": pd.array([81.0, 60.0, 43.0], dtype=PINT_UG), "valid": [True, False, True]},
        index=pd.Index([2013, 2016, 2019], name="year"),
    )
    result = compliance(frame, "GB3095-2012-II", averaging="annual")
    assert (result.n_used, result.n_invalid, result.n_exceedances) == (2, 1, 2)
    assert result.exceeds.tolist() == [True, False, True]
    assert np.isnan(result.margin.pint.magnitude.iloc[1])


def test_nan_values_are_invalid_not_errors():
    result = compliance(Q_([40.0, float("nan")], UG), "GB3095-2012-II", averaging="annual")
    assert (result.n_used, result.n_invalid, result.complies) == (1, 1, False)
    np.testing.assert_array_equal(result.exceeds, [True, False])


@pytest.mark.parametrize("averaging", ["annual", "24h"])
@pytest.mark.parametrize(
    "values",
    [Q_(np.array([]), UG), Q_(float("nan"), UG), Q_([float("nan")] * 3, UG)],
)
def test_no_valid_value_gives_none_not_an_exception(values, averaging):
    result = compliance(values, "GB3095-2012-II", averaging=averaging)
    assert result.complies is None
    assert result.n_used == 0
    assert result.n_exceedances == 0
    if averaging == "24h":
        assert np.isnan(result.statistic.magnitude)
        assert np.isnan(result.margin.magnitude)


def test_all_rows_invalid_dataframe():
    frame = _daily_frame([20.0, 30.0], [False, False])
    result = compliance(frame, "GB3095-2012-II", averaging="24h")
    assert (result.complies, result.n_used, result.n_invalid) == (None, 0, 2)


# --- compliance: containers and rounding ------------------------------------------------


def test_output_follows_input_container():
    scalar = compliance(Q_(40, UG), "GB3095-2012-II", averaging="annual")
    assert scalar.exceeds is True
    assert isinstance(scalar.margin.magnitude, float)
    array = compliance(Q_([40.0], UG), "GB3095-2012-II", averaging="annual")
    assert isinstance(array.exceeds, np.ndarray)
    assert isinstance(array.margin.magnitude, np.ndarray)
    assert len(scalar.to_frame()) == 1


def test_inputs_are_not_modified():
    magnitudes = np.array([81.0, float("nan")])
    values = Q_(magnitudes, "mg/m**3")
    frame = _daily_frame([20.0, 30.0], [True, False])
    before = frame.copy()
    compliance(values, "GB3095-2012-II", averaging="annual", round_to=0)
    compliance(frame, "GB3095-2012-II", averaging="24h", round_to=0)
    np.testing.assert_array_equal(values.magnitude, [81.0, float("nan")])
    assert values.units == pint.get_application_registry().Unit("mg/m**3")
    assert_frame_equal(frame, before)


def test_round_to_rounds_before_comparing():
    # Exact comparison by default; round_to=0 mimics integer rounding (half to even).
    values = Q_([35.4, 35.5, 36.5], UG)
    exact = compliance(values, "GB3095-2012-II", averaging="annual")
    rounded = compliance(values, "GB3095-2012-II", averaging="annual", round_to=0)
    np.testing.assert_array_equal(exact.exceeds, [True, True, True])
    np.testing.assert_array_equal(rounded.exceeds, [False, True, True])
    np.testing.assert_array_equal(rounded.margin.magnitude, [0.0, 1.0, 1.0])
    assert compliance(Q_(34.5, UG), "GB3095-2012-II", averaging="annual", round_to=0).complies


def test_round_to_rounds_the_percentile():
    values = Q_(np.full(10, 75.4), UG)
    assert compliance(values, "GB3095-2012-II", averaging="24h").complies is False
    rounded = compliance(values, "GB3095-2012-II", averaging="24h", round_to=0)
    assert rounded.complies is True
    assert rounded.statistic == Q_(75.0, UG)
    assert rounded.n_exceedance_days == 0


def test_standard_record_gives_the_averaging():
    record = get("GB3095-2012-II", averaging="24h")
    result = compliance(Q_([80.0, 70.0], UG), record)
    assert result.averaging == "24h"
    assert result.pollutant == "PM2.5"
    assert result.limit == Q_(75.0, UG)
    assert isinstance(result, Compliance)


def test_pm10_by_id():
    result = compliance(Q_(71, UG), "GB3095-2012-II", "PM10", "annual")
    assert result.complies is False
    assert result.limit == Q_(70.0, UG)


# --- compliance: bad input --------------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [35.0, np.array([35.0, 40.0]), pd.Series([35.0, 40.0]), [35.0, 40.0]],
    ids=["float", "ndarray", "plain-series", "list"],
)
def test_bare_numbers_are_refused(values):
    with pytest.raises(MissingUnitsError, match="values"):
        compliance(values, "GB3095-2012-II", averaging="annual")


@pytest.mark.parametrize(
    "values",
    [Q_(35.0, "m"), Q_(35.0, "dimensionless"), pd.Series([35.0], dtype="pint[kg]")],
    ids=["length", "dimensionless", "mass-series"],
)
def test_wrong_units_are_refused(values):
    with pytest.raises(UnitsError, match="values") as info:
        compliance(values, "GB3095-2012-II", averaging="annual")
    assert isinstance(info.value, pint.DimensionalityError)


def test_dataframe_mean_without_units_is_refused():
    frame = pd.DataFrame({"mean": [20.0], "valid": [True]})
    with pytest.raises(MissingUnitsError, match="mean"):
        compliance(frame, "GB3095-2012-II", averaging="annual")


@pytest.mark.parametrize(
    ("values", "match"),
    [
        (Q_(-1.0, UG), ">= 0"),
        (Q_([30.0, -0.5], UG), ">= 0"),
        (Q_([30.0, float("inf")], UG), "finite"),
        (pd.Series([30.0, -1.0], dtype=PINT_UG), ">= 0"),
        (Q_(np.ones((2, 2)), UG), "1-D"),
    ],
)
def test_bad_values_are_refused(values, match):
    with pytest.raises(InputError, match=match):
        compliance(values, "GB3095-2012-II", averaging="annual")


def test_list_of_quantities_is_refused_with_a_hint():
    with pytest.raises(InputError, match=r"Q_\(\[81, 43\]"):
        compliance([Q_(81, UG), Q_(43, UG)], "GB3095-2012-II", averaging="annual")


def test_negative_zero_is_allowed():
    assert compliance(Q_(-0.0, UG), "GB3095-2012-II", averaging="annual").complies is True


def test_unknown_standard_id_in_compliance_lists_known_ids():
    with pytest.raises(KeyError) as info:
        compliance(Q_(30, UG), "GB3095-2012-III", averaging="annual")
    assert "GB3095-2012-II" in str(info.value)
    assert "WHO-2021-IT4" in str(info.value)


def test_averaging_required_when_ambiguous():
    with pytest.raises(InputError, match="averaging is required"):
        compliance(Q_(30, UG), "GB3095-2012-II")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"averaging": "24h"}, "averaging"), ({"pollutant": "PM10"}, "pollutant")],
)
def test_mismatch_with_a_standard_record(kwargs, match):
    with pytest.raises(InputError, match=match):
        compliance(Q_(30, UG), get("GB3095-2012-II"), **kwargs)


def test_standard_must_be_an_id_or_a_record():
    with pytest.raises(InputError, match="standard"):
        compliance(Q_(30, UG), 35, averaging="annual")  # type: ignore[arg-type]


@pytest.mark.parametrize("round_to", [1.5, True, "0"])
def test_round_to_must_be_an_int(round_to):
    with pytest.raises(InputError, match="round_to"):
        compliance(Q_(30, UG), "GB3095-2012-II", averaging="annual", round_to=round_to)


@pytest.mark.parametrize(
    ("frame", "match"),
    [
        (pd.DataFrame({"mean": pd.array([20.0], dtype=PINT_UG)}), "valid"),
        (pd.DataFrame({"mean": pd.array([20.0], dtype=PINT_UG), "valid": [1]}), "bool"),
        (
            pd.DataFrame(
                {"mean": pd.array([20.0], dtype=PINT_UG), "valid": pd.array([None], "boolean")}
            ),
            "bool",
        ),
    ],
)
def test_bad_dataframes_are_refused(frame, match):
    with pytest.raises(InputError, match=match):
        compliance(frame, "GB3095-2012-II", averaging="annual")


def test_24h_percentile_needs_one_calendar_year():
    frame = _daily_frame([20.0, 30.0, 40.0], [True] * 3, start="2019-12-30")
    with pytest.raises(InputError, match="one calendar year"):
        compliance(frame, "GB3095-2012-II", averaging="24h")
    # one year at a time is fine; annual limits do not care about the index
    assert compliance(frame.loc["2019"], "GB3095-2012-II", averaging="24h").n_used == 2


def test_24h_percentile_needs_one_station():
    index = pd.MultiIndex.from_product(
        [["A", "B"], pd.date_range("2019-01-01", periods=2)], names=["station", "date"]
    )
    frame = pd.DataFrame(
        {"mean": pd.array([20.0, 30.0, 40.0, 50.0], dtype=PINT_UG), "valid": True}, index=index
    )
    with pytest.raises(InputError, match="station"):
        compliance(frame, "GB3095-2012-II", averaging="24h")
    assert compliance(frame, "GB3095-2012-II", averaging="annual").n_exceedances == 2


def test_errors_are_wasteless_errors():
    with pytest.raises(WastelessError):
        compliance(Q_(-1, UG), "GB3095-2012-II", averaging="annual")
    with pytest.raises(ValueError, match="averaging"):
        compliance(Q_(1, UG), "GB3095-2012-II", averaging="weekly")


def test_every_public_function_has_a_doctest_and_units():
    for name in standards.__all__:
        obj = getattr(standards, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            doc = inspect.getdoc(obj) or ""
            assert ">>>" in doc, name
            assert "[" in doc, name  # units in brackets
            assert "]" in doc, name
            if inspect.isfunction(obj):
                assert "Raises" in doc, name


def test_module_table_matches_the_data():
    # The summary table in the module docstring is written by hand; keep it honest
    # (test_docstring_tables.py checks every cell against the data; this checks PM).
    lines = (limits.__doc__ or "").splitlines()
    for standard_id in STANDARDS:
        row = next(line for line in lines if line.startswith(f"``{standard_id}``"))
        for pollutant in ("PM10", "PM2.5"):
            try:
                annual = get(standard_id, pollutant, "annual").value
                daily = get(standard_id, pollutant, "24h").value
            except KeyError:
                continue
            assert f"{annual:g}/{daily:g}" in row, (standard_id, pollutant)


def test_compliance_in_the_limits_unit_co_and_o3():
    # CO limits are in mg/m³: values, margin and statistic come back in mg/m³
    co = compliance(Q_([3500.0, 4500.0], UG), "GB3095-2026-II", "CO", "1h")
    assert co.margin.units == pint.get_application_registry().Unit(MG)
    np.testing.assert_allclose(co.margin.magnitude, [-6.5, -5.5])
    # 96 days at 3.0 and 4 at 5.0 mg/m³: k = 1 + 99 x 0.95 = 95.05, both neighbours 3.0
    days = Q_(np.r_[np.full(96, 3.0), np.full(4, 5.0)], MG)
    daily = compliance(days, "GB3095-2012-II", "CO", "24h")  # the 95th percentile
    assert daily.statistic == Q_(3.0, MG)
    assert (daily.complies, daily.n_exceedance_days) == (True, 4)
    # O3: the 90th percentile of the daily maximum 8-h means (HJ 663 [W])
    mda8 = Q_(np.arange(1.0, 101.0) * 2, UG)  # 2, 4, ..., 200
    o3 = compliance(mda8, "GB3095-2026-II", "O3", "8h")
    assert o3.statistic.magnitude == pytest.approx(np.percentile(mda8.magnitude, 90))
    assert o3.complies is False  # 180.2 > 160
    assert o3.n_exceedance_days == 20


def test_compliance_by_date_needs_dates():
    with pytest.raises(InputError, match="dated values"):
        compliance(Q_(30.0, UG), "GB3095-II", averaging="annual")
    with pytest.raises(KeyError, match="in_force"):
        get("GB3095-II")
    with pytest.raises(InputError, match="grade without the edition"):
        standards.in_force("GB3095-2012-II", 2020)


@pytest.mark.parametrize("on", ["nonsense", "2019-02-30", "NaT", pd.NaT])
def test_in_force_names_on_when_it_is_not_a_date(on):
    with pytest.raises(InputError, match=r"^on"):
        standards.in_force("GB3095-II", on)


def test_the_split_modules_hold_the_same_objects_as_standards():
    from wasteless.air import compliance as judged

    assert standards.get is limits.get
    assert standards.Standard is limits.Standard
    assert standards.compliance is judged.compliance
    assert standards.Compliance is judged.Compliance
    assert set(standards.__all__) == set(limits.__all__) | set(judged.__all__)
