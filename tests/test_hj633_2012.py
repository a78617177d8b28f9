"""HJ 633-2012 reproduced from its text, pvlib style: each test is named after the table
or clause it reproduces, and its expected values are typed here from the standard, not
read from the package data.

Source: ``../shared/reference/standards/HJ_633-2012.pdf`` (MEP release, text layer).
PDF page 7 = printed page 1 (§3.3, §3.4), PDF page 8 = printed page 2 (Table 1 and its
notes (1)-(3), eq. (1)), PDF page 9 = printed page 3 (Table 2, §4.4), PDF page 10 =
printed page 4 (§5.1.2, §5.1.3, §6.2).
"""

import numpy as np
import pytest

from wasteless import Q_, aqi
from wasteless.aqi import breakpoint_table, category, edition_rules, iaqi
from wasteless.errors import InputError

EDITION = "HJ 633-2012"
IAQI = [0, 50, 100, 150, 200, 300, 400, 500]

# Table 1 (空气质量分指数及对应的污染物项目浓度限值), printed page 2, typed from the PDF.
# (pollutant, averaging, unit, breakpoints); SO2 1-hour and O3 8-hour stop at 800.
TABLE_1 = {
    "SO2 24小时平均": ("SO2", "24h", "ug/m**3", [0, 50, 150, 475, 800, 1600, 2100, 2620]),
    "SO2 1小时平均": ("SO2", "1h", "ug/m**3", [0, 150, 500, 650, 800]),
    "NO2 24小时平均": ("NO2", "24h", "ug/m**3", [0, 40, 80, 180, 280, 565, 750, 940]),
    "NO2 1小时平均": ("NO2", "1h", "ug/m**3", [0, 100, 200, 700, 1200, 2340, 3090, 3840]),
    "PM10 24小时平均": ("PM10", "24h", "ug/m**3", [0, 50, 150, 250, 350, 420, 500, 600]),
    "CO 24小时平均": ("CO", "24h", "mg/m**3", [0, 2, 4, 14, 24, 36, 48, 60]),
    "CO 1小时平均": ("CO", "1h", "mg/m**3", [0, 5, 10, 35, 60, 90, 120, 150]),
    "O3 1小时平均": ("O3", "1h", "ug/m**3", [0, 160, 200, 300, 400, 800, 1000, 1200]),
    "O3 8小时滑动平均": ("O3", "8h", "ug/m**3", [0, 100, 160, 215, 265, 800]),
    "PM2.5 24小时平均": ("PM2.5", "24h", "ug/m**3", [0, 35, 75, 115, 150, 250, 350, 500]),
}


@pytest.mark.parametrize("column", list(TABLE_1))
def test_hj633_2012_table1(column):
    pollutant, averaging, unit, breakpoints = TABLE_1[column]
    table = breakpoint_table(pollutant, averaging, EDITION)
    assert table.unit == unit
    assert table.concentration == tuple(float(b) for b in breakpoints)
    assert table.iaqi == tuple(float(i) for i in IAQI[: len(breakpoints)])
    assert table.tag == "[P]"  # every value, IAQI 400 and 500 too, is in the text
    assert "Table 1" in table.source
    assert "printed page 2" in table.source
    got = iaqi(Q_(np.array(breakpoints, dtype=float), unit), pollutant, averaging, EDITION)
    np.testing.assert_array_equal(got, IAQI[: len(breakpoints)])


def test_hj633_2012_table1_has_ten_columns():
    tables = {(p, a) for (e, p, a) in aqi._data()[0] if e == EDITION and a != "1h"}
    tables |= {(p, "1h") for p in ("SO2", "NO2", "CO", "O3")}
    assert {(p, a) for p, a, _, _ in TABLE_1.values()} == tables


def test_hj633_2012_eq1_between_breakpoints_by_hand():
    # eq. (1): IAQI = (IAQI_hi - IAQI_lo) / (BP_hi - BP_lo) * (C - BP_lo) + IAQI_lo
    assert iaqi(Q_(55, "ug/m3"), "PM2.5", edition=EDITION) == pytest.approx(50 + 50 / 40 * 20)
    assert iaqi(Q_(500, "ug/m3"), "SO2", edition=EDITION) == pytest.approx(100 + 50 / 325 * 350)
    assert iaqi(Q_(7.5, "mg/m3"), "CO", "1h", edition=EDITION) == pytest.approx(75.0)
    assert iaqi(Q_(450, "ug/m3"), "O3", "8h", edition=EDITION) == pytest.approx(
        200 + 100 / 535 * 185
    )
    assert iaqi(Q_(550, "ug/m3"), "PM10", edition=EDITION) == pytest.approx(450.0)


def test_hj633_2012_table1_note2_so2_1h_above_800_is_not_computed():
    # 二氧化硫 1 小时平均浓度值高于 800 µg/m³ 的，不再进行其空气质量分指数计算，
    # 按 24 小时平均浓度计算的分指数报告
    assert np.isnan(iaqi(Q_(900, "ug/m3"), "SO2", "1h", EDITION))
    frame = aqi.aqi({"SO2_1h": Q_(900, "ug/m3"), "SO2_24h": Q_(700, "ug/m3")}, edition=EDITION)
    assert frame.loc[0, "aqi"] == np.ceil(150 + 50 / 325 * (700 - 475))  # 185
    assert frame.loc[0, "primary_pollutant"] == "SO2_24h"
    with pytest.raises(InputError, match=r"pass concentration\['SO2_24h'\] too"):
        aqi.aqi({"SO2_1h": Q_(900, "ug/m3")}, edition=EDITION)


def test_hj633_2012_table1_note3_o3_8h_above_800_is_not_computed():
    # 臭氧 8 小时平均浓度值高于 800 µg/m³ 的，不再进行其空气质量分指数计算，
    # 按 1 小时平均浓度计算的分指数报告
    assert np.isnan(iaqi(Q_(900, "ug/m3"), "O3", "8h", EDITION))
    frame = aqi.aqi(
        {"PM2.5": Q_(50, "ug/m3"), "O3_8h": Q_(900, "ug/m3"), "O3_1h": Q_(300, "ug/m3")},
        edition=EDITION,
    )
    assert frame.loc[0, "aqi"] == 150.0  # the O3 1-hour sub-index: 300 µg/m³ is IAQI 150
    assert frame.loc[0, "primary_pollutant"] == "O3_1h"


def test_hj633_2012_table1_note1_1h_limits_only_in_the_realtime_report():
    # SO2, NO2 and CO 1-hour limits 仅用于实时报，在日报中需使用 24 小时平均浓度限值
    daily = edition_rules(EDITION).reports["daily"].keys
    for key in ("SO2_1h", "NO2_1h", "CO_1h"):
        assert key not in daily
        with pytest.raises(InputError, match="not an indicator of the daily report"):
            aqi.aqi({key: Q_(1, "mg/m3")}, edition=EDITION, report="daily")


def test_hj633_2012_section_5_1_2_daily_report_has_seven_indicators():
    # SO2, NO2, PM10, PM2.5, CO 24-hour means, O3 daily maximum 1-hour and 8-hour: 7
    expected = {"SO2_24h", "NO2_24h", "PM10_24h", "PM2.5_24h", "CO_24h", "O3_1h", "O3_8h"}
    rule = edition_rules(EDITION).reports["daily"]
    assert set(rule.keys) == expected
    assert rule.clause.startswith("§5.1.2")
    assert rule.quality == "P"
    frame = aqi.aqi(
        {"PM2.5": Q_(40, "ug/m3"), "O3_1h": Q_(250, "ug/m3"), "O3_8h": Q_(100, "ug/m3")},
        edition=EDITION,
        report="daily",
    )
    assert frame.loc[0, "aqi"] == 125.0  # the O3 1-hour value enters the 2012 daily report
    assert frame.loc[0, "primary_pollutant"] == "O3_1h"


def test_hj633_2012_section_5_1_3_realtime_report_is_a_labelled_reading():
    # §5.1.3 lists nine indicators; Table 1 has no 1-hour PM breakpoints: the reading
    # (the network's practice) is tagged [A] and says what supports it.
    rule = edition_rules(EDITION).reports["realtime"]
    assert rule.quality == "A"
    assert rule.clause.startswith("§5.1.3")
    assert "1,061,466" in rule.note
    assert breakpoint_table("PM2.5", "1h", EDITION).tag == "[A]"


def test_hj633_2012_section_6_2_results_are_rounded_up():
    # 计算结果应全部进位取整数，不保留小数
    rules = edition_rules(EDITION)
    assert rules.index_rounding == "ceil"
    assert rules.index_rounding_clause.startswith("§6.2")
    frame = aqi.aqi({"PM2.5": Q_([35.1, 35.5, 75.0], "ug/m3")}, edition=EDITION)
    assert frame["aqi"].tolist() == [51.0, 51.0, 100.0]  # 50.125 and 50.625 go up to 51
    assert frame["category_zh"].tolist() == ["良", "良", "良"]


def test_hj633_2012_states_no_rounding_of_concentrations():
    assert dict(edition_rules(EDITION).concentration_decimals) == {}
    assert iaqi(Q_(35.4, "ug/m3"), "PM2.5", edition=EDITION) == pytest.approx(50.5)


def test_hj633_2012_section_4_4_2_primary_pollutant_and_ties():
    # AQI 大于 50 时，IAQI 最大的污染物为首要污染物; 两项或两项以上时，并列为首要污染物
    frame = aqi.aqi(
        {
            "PM2.5": Q_([75.0, 30.0], "ug/m3"),
            "PM10": Q_([150.0, 40.0], "ug/m3"),
            "NO2_24h": Q_([40.0, 30.0], "ug/m3"),
        },
        edition=EDITION,
    )
    assert frame["primary_pollutant"].tolist() == ["PM2.5,PM10", ""]  # row 2: AQI 43 <= 50
    assert "§4.4.2" in edition_rules(EDITION).primary_clause


@pytest.mark.parametrize(
    ("aqi_value", "level", "category_zh"),
    [
        (0, 1, "优"),
        (50, 1, "优"),
        (51, 2, "良"),
        (100, 2, "良"),
        (101, 3, "轻度污染"),
        (150, 3, "轻度污染"),
        (151, 4, "中度污染"),
        (200, 4, "中度污染"),
        (201, 5, "重度污染"),
        (300, 5, "重度污染"),
        (301, 6, "严重污染"),
    ],
)
def test_hj633_2012_table2(aqi_value, level, category_zh):
    # Table 2 (空气质量指数及相关信息), printed page 3
    got = category(aqi_value)
    assert (got.level, got.category_zh) == (level, category_zh)


def test_hj633_2012_in_force_with_gb3095_2012():
    rules = edition_rules(EDITION)
    assert str(rules.in_force_from) == "2016-01-01"
    assert str(rules.issued) == "2012-02-29"
