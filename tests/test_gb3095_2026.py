"""GB 3095-2026 reproduced from its text, pvlib style: each test is named after the table
or clause it reproduces, and its expected values are typed here from the standard (read
from the page images of the scan), not read from the package data.

Source: ``../shared/reference/standards/GB_3095-2026.pdf`` (MEE electronic edition).
PDF page 3 = foreword; 6 = printed page 3 (§4.1, §4.2, Table 1); 7 = printed page 4
(Table 2 with footnotes a and b, §4.3-§4.5).
"""

import datetime

import pandas as pd
import pytest

from wasteless import Q_, standards
from wasteless.errors import InputError
from wasteless.standards import get, in_force

UG, MG = "ug/m**3", "mg/m**3"

# Table 1 (环境空气污染物基本项目浓度限值), printed page 3: pollutant, averaging, unit,
# transition grade I, transition grade II, grade I, grade II.
TABLE_1 = [
    ("SO2", "annual", UG, 20, 60, 20, 20),
    ("SO2", "24h", UG, 50, 150, 50, 50),
    ("SO2", "1h", UG, 150, 500, 150, 150),
    ("NO2", "annual", UG, 40, 40, 30, 30),
    ("NO2", "24h", UG, 80, 80, 50, 50),
    ("NO2", "1h", UG, 200, 200, 200, 200),
    ("CO", "24h", MG, 4, 4, 4, 4),
    ("CO", "1h", MG, 10, 10, 10, 10),
    ("O3", "8h", UG, 100, 160, 100, 160),
    ("O3", "1h", UG, 160, 200, 160, 200),
    ("PM10", "annual", UG, 40, 60, 20, 50),
    ("PM10", "24h", UG, 50, 120, 50, 100),
    ("PM2.5", "annual", UG, 15, 30, 10, 25),
    ("PM2.5", "24h", UG, 35, 60, 25, 50),
]

# Table 2 (环境空气污染物其他项目浓度限值), printed page 4: grade I, grade II, and the
# transition value of footnotes a (NOx annual 50) and b (NOx 24-h 100), both grades.
TABLE_2 = [
    ("TSP", "annual", 80, 200, None),
    ("TSP", "24h", 120, 300, None),
    ("NOx", "annual", 40, 40, 50),
    ("NOx", "24h", 70, 70, 100),
    ("NOx", "1h", 250, 250, None),
    ("Pb", "annual", 0.5, 0.5, None),
    ("Pb", "quarterly", 1.0, 1.0, None),
    ("BaP", "annual", 0.001, 0.001, None),
    ("BaP", "24h", 0.0025, 0.0025, None),
]

TRANSITION = (datetime.date(2026, 3, 1), datetime.date(2030, 12, 31))
FINAL = (datetime.date(2031, 1, 1), None)


@pytest.mark.parametrize("row", TABLE_1, ids=[f"{r[0]}-{r[1]}" for r in TABLE_1])
def test_gb3095_2026_table1(row):
    pollutant, averaging, unit, trans_1, trans_2, grade_1, grade_2 = row
    for standard_id, value, (start, end) in (
        ("GB3095-2026-transition-I", trans_1, TRANSITION),
        ("GB3095-2026-transition-II", trans_2, TRANSITION),
        ("GB3095-2026-I", grade_1, FINAL),
        ("GB3095-2026-II", grade_2, FINAL),
    ):
        record = get(standard_id, pollutant, averaging)
        assert record.quantity == Q_(value, unit), standard_id
        assert record.unit == unit
        assert (record.valid_from, record.valid_to) == (start, end), standard_id
        assert record.tag == "[P]"
        assert record.document == "GB 3095-2026"
        assert record.clause.startswith("Table 1 (printed page 3)")
        assert "§4.4" in record.clause
        assert record.pdf == "reference/standards/GB_3095-2026.pdf"


@pytest.mark.parametrize("row", TABLE_2, ids=[f"{r[0]}-{r[1]}" for r in TABLE_2])
def test_gb3095_2026_table2(row):
    pollutant, averaging, grade_1, grade_2, transition = row
    for standard_id, value in (
        ("GB3095-2026-I", grade_1),
        ("GB3095-2026-II", grade_2),
        ("GB3095-2026-transition-I", transition if transition is not None else grade_1),
        ("GB3095-2026-transition-II", transition if transition is not None else grade_2),
    ):
        record = get(standard_id, pollutant, averaging)
        assert record.value == pytest.approx(value), standard_id
        assert record.unit == UG
        assert record.clause.startswith("Table 2 (printed page 4)")
        assert record.tag == "[P]"
        assert "§4.5" in record.note


def test_gb3095_2026_table2_footnotes_a_and_b_nox_transition():
    # a: 自本标准实施之日起至 2030 年 12 月 31 日止，过渡阶段浓度限值为 50 µg/m³
    # b: ... 过渡阶段浓度限值为 100 µg/m³
    assert in_force("GB3095-II", "2030-12-31", "NOx", "annual").value == 50.0
    assert in_force("GB3095-II", "2031-01-01", "NOx", "annual").value == 40.0
    assert in_force("GB3095-I", "2028-07-01", "NOx", "24h").value == 100.0
    assert in_force("GB3095-I", "2031-07-01", "NOx", "24h").value == 70.0
    assert "footnote a" in get("GB3095-2026-transition-II", "NOx", "annual").clause
    assert "footnote b" in get("GB3095-2026-transition-I", "NOx", "24h").clause


def test_gb3095_2026_section_4_4_transition_limits_to_2030_for_both_grades():
    # 自本标准实施之日起至 2030 年 12 月 31 日止，基本项目（表 1）实施过渡阶段浓度限值；
    # 自 2031 年 1 月 1 日起，在全国范围内实施基本项目（表 1）浓度限值
    assert in_force("GB3095-I", "2026-03-01", "PM2.5", "annual").value == 15.0
    assert in_force("GB3095-I", "2030-12-31", "PM2.5", "24h").value == 35.0
    assert in_force("GB3095-I", "2031-01-01", "PM2.5", "annual").value == 10.0
    assert in_force("GB3095-II", 2027, "PM10", "annual").value == 60.0
    assert in_force("GB3095-II", 2031, "PM10", "annual").value == 50.0
    # 0.1 dated grade I's final limits from 2026-03-01
    assert get("GB3095-2026-I", "PM2.5", "annual").valid_from == datetime.date(2031, 1, 1)
    assert get("GB3095-2026-transition-I", "PM2.5").valid_from == datetime.date(2026, 3, 1)


def test_gb3095_2026_foreword_replaces_gb3095_2012_from_2026_03_01():
    # 自本标准实施之日起，《环境空气质量标准》（GB 3095—2012）及其修改单废止
    assert in_force("GB3095-II", "2026-02-28").standard_id == "GB3095-2012-II"
    assert in_force("GB3095-II", "2026-03-01").standard_id == "GB3095-2026-transition-II"
    assert get("GB3095-2012-II").valid_to == datetime.date(2026, 2, 28)
    with pytest.raises(InputError, match="more than one GB 3095 edition"):
        in_force("GB3095-II", 2026)  # the year 2026 falls under both


def test_gb3095_2026_compliance_picks_the_record_by_date():
    days = pd.Series(
        [70.0, 50.0, 40.0],
        index=pd.date_range("2027-01-01", periods=3),
        dtype="pint[ug/m**3]",
    )
    result = standards.compliance(days, "GB3095-II", "PM2.5", "24h")
    assert result.standard.standard_id == "GB3095-2026-transition-II"
    assert result.limit == Q_(60.0, UG)
    assert result.n_exceedance_days == 1
    annual = pd.Series([28.0], index=pd.Index([2031], name="year"), dtype="pint[ug/m**3]")
    final = standards.compliance(annual, "GB3095-II", averaging="annual")
    assert final.standard.standard_id == "GB3095-2026-II"
    assert final.complies is False  # 28 > 25
    spanning = pd.Series([30.0, 30.0], index=[2030, 2031], dtype="pint[ug/m**3]")
    with pytest.raises(InputError, match="under 2 GB 3095 records"):
        standards.compliance(spanning, "GB3095-II", averaging="annual")


def test_gb3095_2026_section_4_1_and_4_2_grades_and_areas():
    # 一类区适用一级浓度限值，二类区适用二级浓度限值
    assert "class-1" in get("GB3095-2026-I").note
    assert "class-2" in get("GB3095-2026-II").note


def test_gb3095_2026_annex_a_is_left_out_and_says_why():
    # Annex A (资料性附录): reference values for Cd, Hg, As, Cr(VI) and F, not limits
    for pollutant in ("Cd", "Hg", "As", "Cr(VI)", "F"):
        with pytest.raises(KeyError, match="Annex A"):
            get("GB3095-2026-II", pollutant, "annual")
    with pytest.raises(KeyError, match="it has: SO2 annual"):
        get("GB3095-2026-II", "TSP", "8h")
