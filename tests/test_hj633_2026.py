"""HJ 633-2026 reproduced from its text, pvlib style: each test is named after the table
or clause it reproduces, and its expected values are typed here from the standard (read
from the page images of the scan), not read from the package data.

Source: ``../shared/reference/standards/HJ_633-2026.pdf`` (MEE electronic edition).
PDF page 3 = foreword, 4 = printed page 1 (§3.3, §4.1.1), 5 = printed page 2 (Table 1,
§4.2.2-§4.2.4), 6 = printed page 3 (eq. (1), (2), §4.2.6, Table 3 with notes a-c, §4.3.1),
7 = printed page 4 (§5.3.1).
"""

import numpy as np
import pandas as pd
import pytest

from wasteless import Q_, aqi
from wasteless.aqi import breakpoint_table, category, edition_rules, iaqi
from wasteless.errors import InputError

EDITION = "HJ 633-2026"
IAQI = [0, 50, 100, 150, 200, 300, 400, 500]

# Table 3 (空气质量分指数及对应的污染物项目浓度限值), printed page 3, typed from the scan.
TABLE_3 = {
    "SO2 日平均": ("SO2", "24h", "ug/m**3", [0, 50, 150, 475, 800, 1600, 2100, 2620]),
    "SO2 1小时平均": ("SO2", "1h", "ug/m**3", [0, 150, 500, 650, 800]),
    "NO2 日平均": ("NO2", "24h", "ug/m**3", [0, 40, 80, 180, 280, 565, 750, 940]),
    "NO2 1小时平均": ("NO2", "1h", "ug/m**3", [0, 100, 200, 700, 1200, 2340, 3090, 3840]),
    "CO 日平均": ("CO", "24h", "mg/m**3", [0, 2, 4, 14, 24, 36, 48, 60]),
    "CO 1小时平均": ("CO", "1h", "mg/m**3", [0, 5, 10, 35, 60, 90, 120, 150]),
    "O3 8小时平均": ("O3", "8h", "ug/m**3", [0, 100, 160, 215, 265, 800]),
    "O3 1小时平均": ("O3", "1h", "ug/m**3", [0, 160, 200, 300, 400, 800, 1000, 1200]),
    "PM10 日平均": ("PM10", "24h", "ug/m**3", [0, 50, 120, 250, 350, 420, 500, 600]),
    "PM2.5 日平均": ("PM2.5", "24h", "ug/m**3", [0, 35, 60, 115, 150, 250, 350, 500]),
}


@pytest.mark.parametrize("column", list(TABLE_3))
def test_hj633_2026_table3(column):
    pollutant, averaging, unit, breakpoints = TABLE_3[column]
    table = breakpoint_table(pollutant, averaging, EDITION)
    assert table.unit == unit
    assert table.concentration == tuple(float(b) for b in breakpoints)
    assert table.iaqi == tuple(float(i) for i in IAQI[: len(breakpoints)])
    assert table.tag == "[P]"
    assert "Table 3" in table.source
    got = iaqi(Q_(np.array(breakpoints, dtype=float), unit), pollutant, averaging, EDITION)
    np.testing.assert_array_equal(got, IAQI[: len(breakpoints)])


def test_hj633_2026_table3_pm10_all_breakpoints_are_computed():
    # 0.1 refused HJ 633-2026 PM10; Table 3 prints every breakpoint
    assert iaqi(Q_(100, "ug/m3"), "PM10", edition=EDITION) == pytest.approx(50 + 50 / 70 * 50)
    assert iaqi(Q_(300, "ug/m3"), "PM10", edition=EDITION) == pytest.approx(175.0)
    assert aqi.aqi({"PM10": Q_(120, "ug/m3")}, edition=EDITION).loc[0, "aqi"] == 100.0


def test_hj633_2026_table3_note_b_so2_1h_above_800_scores_200():
    # SO2 1 小时平均浓度值高于 800 µg/m³ 的，IAQI 按照 200 计
    assert iaqi(Q_(900, "ug/m3"), "SO2", "1h", EDITION) == 200.0
    assert iaqi(Q_(5000, "ug/m3"), "SO2", "1h", EDITION) == 200.0  # no warning either
    frame = aqi.aqi({"SO2_1h": Q_(900, "ug/m3")}, edition=EDITION)
    assert frame.loc[0, "aqi"] == 200.0
    assert frame.loc[0, "primary_pollutant"] == "SO2_1h"
    assert frame.loc[0, "category_zh"] == "中度污染"


def test_hj633_2026_table3_note_c_o3_8h_above_800_scores_300():
    # O3 8 小时平均浓度值高于 800 µg/m³ 的，IAQI 按照 300 计
    assert iaqi(Q_(900, "ug/m3"), "O3", "8h", edition=EDITION) == 300.0
    frame = aqi.aqi(
        {"PM2.5": Q_(50, "ug/m3"), "O3_8h": Q_(900, "ug/m3"), "O3_1h": Q_(300, "ug/m3")},
        edition=EDITION,
    )
    assert frame.loc[0, "aqi"] == 300.0
    assert frame.loc[0, "primary_pollutant"] == "O3_8h"
    assert frame.loc[0, "iaqi_PM2.5"] == pytest.approx(50 + 50 / 25 * 15)  # 80


def test_hj633_2026_table3_note_a_1h_limits_only_in_the_realtime_report():
    # SO2、NO2、CO 和 O3 1 小时平均浓度限值仅用于实时报
    daily = edition_rules(EDITION).reports["daily"].keys
    for key in ("SO2_1h", "NO2_1h", "CO_1h", "O3_1h"):
        assert key not in daily


def test_hj633_2026_section_4_2_2_daily_report_has_six_indicators():
    # SO2、NO2、CO、PM10、PM2.5 日平均以及 O3 日最大 8 小时平均 6 个指标: no O3 1-hour
    rule = edition_rules(EDITION).reports["daily"]
    assert set(rule.keys) == {"SO2_24h", "NO2_24h", "CO_24h", "PM10_24h", "PM2.5_24h", "O3_8h"}
    assert rule.clause.startswith("§4.2.2")
    # an O3 1-hour value given to the daily report is left out of the 2026 AQI
    frame = aqi.aqi(
        {"PM2.5": Q_(40, "ug/m3"), "O3_1h": Q_(250, "ug/m3"), "O3_8h": Q_(100, "ug/m3")},
        edition=EDITION,
        report="daily",
    )
    assert frame.loc[0, "aqi"] == 60.0  # PM2.5 40: 50 + 50/25*5 = 60, not O3 1-hour 125
    assert frame.loc[0, "primary_pollutant"] == "PM2.5"
    assert frame.loc[0, "iaqi_O3_1h"] == 125.0  # still shown


def test_hj633_2026_section_4_2_2_concentrations_rounded_before_the_sub_index():
    # 浓度按照 GB/T 8170 要求修约到整数, CO 修约到 1 位小数
    frame = aqi.aqi({"PM2.5": Q_(35.4, "ug/m3")}, edition=EDITION)
    assert frame.loc[0, "aqi"] == 50.0  # 35.4 -> 35 -> IAQI 50, not 51
    assert frame.loc[0, "category_zh"] == "优"
    assert frame.loc[0, "level"] == 1
    # GB/T 8170: halves to even (34.5 -> 34, 35.5 -> 36; CO 0.25 -> 0.2, 0.35 -> 0.4)
    assert iaqi(Q_([34.5, 35.5], "ug/m3"), "PM2.5", edition=EDITION).tolist() == [
        pytest.approx(50 / 35 * 34),
        pytest.approx(52.0),
    ]
    co = iaqi(Q_([2.25, 2.35], "mg/m3"), "CO", edition=EDITION)
    np.testing.assert_allclose(co, [50 + 50 / 2 * 0.2, 50 + 50 / 2 * 0.4])
    # a concentration given in another unit is rounded in µg/m³ (CO in mg/m³)
    assert iaqi(Q_(0.0354, "mg/m3"), "PM2.5", edition=EDITION) == 50.0
    assert iaqi(Q_(2250, "ug/m3"), "CO", edition=EDITION) == pytest.approx(55.0)
    # and the caller can switch it off
    assert iaqi(
        Q_(35.4, "ug/m3"), "PM2.5", edition=EDITION, round_concentrations=False
    ) == pytest.approx(50 + 50 / 25 * 0.4)
    assert "§4.2.2" in edition_rules(EDITION).concentration_rounding_clause


def test_hj633_2026_section_4_2_3_and_4_2_4_realtime_pm_on_the_daily_table():
    # 实时报的指标包括 SO2、NO2、CO、O3、PM10 和 PM2.5 1 小时平均 6 个指标; 当 C_P 为
    # PM10 或 PM2.5 1 小时平均时，取表 3 中日平均的高位值/低位值
    rule = edition_rules(EDITION).reports["realtime"]
    assert set(rule.keys) == {"SO2_1h", "NO2_1h", "CO_1h", "O3_1h", "PM10_1h", "PM2.5_1h"}
    assert rule.quality == "P"
    assert breakpoint_table("PM2.5", "1h", EDITION).concentration == (
        0.0,
        35.0,
        60.0,
        115.0,
        150.0,
        250.0,
        350.0,
        500.0,
    )
    frame = aqi.aqi(
        {"PM2.5_1h": Q_(80, "ug/m3"), "O3_1h": Q_(100, "ug/m3")},
        edition=EDITION,
        report="realtime",
    )
    assert frame.loc[0, "aqi"] == np.ceil(100 + 50 / 55 * 20)  # 119
    with pytest.raises(InputError, match="not an indicator of the realtime report"):
        aqi.aqi({"O3_8h": Q_(100, "ug/m3")}, edition=EDITION, report="realtime")


def test_hj633_2026_section_4_2_6_results_are_rounded_up():
    # 环境空气质量指数及空气质量分指数的计算结果应全部向上进位取整数，不保留小数
    assert edition_rules(EDITION).index_rounding == "ceil"
    frame = aqi.aqi({"PM2.5": Q_([61.0, 36.0], "ug/m3")}, edition=EDITION)
    # 61 µg/m³: 100 + 50/55 = 100.9 -> 101; 36 µg/m³: 50 + 50/25 = 52 exactly, stays 52
    assert frame["aqi"].tolist() == [101.0, 52.0]
    assert frame["aqi_unrounded"].tolist() == [pytest.approx(100 + 50 / 55), 52.0]
    pm10 = aqi.aqi({"PM10": Q_(51.0, "ug/m3")}, edition=EDITION)
    assert pm10.loc[0, "aqi"] == 51.0  # 50 + 50/70 = 50.7 -> 51, level 2
    assert pm10.loc[0, "category_zh"] == "良"


def test_hj633_2026_section_4_3_1_primary_pollutant():
    frame = aqi.aqi(
        {"PM2.5": Q_([60.0, 20.0], "ug/m3"), "PM10": Q_([120.0, 30.0], "ug/m3")},
        edition=EDITION,
    )
    assert frame["primary_pollutant"].tolist() == ["PM2.5,PM10", ""]
    assert "§4.3.1" in edition_rules(EDITION).primary_clause
    assert edition_rules(EDITION).non_attainment_clause.startswith("deleted")


def test_hj633_2026_section_5_3_1_missing_pollutant_aqi_only_above_100():
    # 某污染物缺数或数据无效时，首先利用其他污染物监测数据计算空气质量指数, 当 AQI 大于
    # 100 时仍继续发布，否则仅发布单项污染物浓度及分指数，空气质量指数等信息以 NA 标识
    frame = aqi.aqi(
        {
            "PM2.5": Q_([np.nan, np.nan, 50.0], "ug/m3"),
            "PM10": Q_([80.0, 400.0, 80.0], "ug/m3"),
        },
        edition=EDITION,
        missing="report",
    )
    assert np.isnan(frame.loc[0, "aqi"])  # PM10 alone gives 72: not published
    assert frame.loc[0, "iaqi_PM10"] == pytest.approx(50 + 50 / 70 * 30)  # still shown
    assert frame.loc[1, "aqi"] == 272.0  # above 100: published (400: 200 + 100/70*50)
    assert frame.loc[2, "aqi"] == 80.0  # complete row
    assert edition_rules(EDITION).missing_clause.startswith("§5.3.1")


@pytest.mark.parametrize(
    ("aqi_value", "level", "category_zh"),
    [
        (1, 1, "优"),
        (50, 1, "优"),
        (51, 2, "良"),
        (101, 3, "轻度污染"),
        (151, 4, "中度污染"),
        (201, 5, "重度污染"),
        (301, 6, "严重污染"),
    ],
)
def test_hj633_2026_table1(aqi_value, level, category_zh):
    # Table 1 (空气质量指数及相关信息), printed page 2: the same levels as 2012 Table 2
    got = category(aqi_value)
    assert (got.level, got.category_zh) == (level, category_zh)


def test_hj633_2026_in_force_from_2026_03_01():
    # cover page: 2026-02-14 发布, 2026-03-01 实施
    rules = edition_rules(EDITION)
    assert str(rules.in_force_from) == "2026-03-01"
    assert str(rules.issued) == "2026-02-14"
    index = pd.DatetimeIndex(["2026-02-28 23:00", "2026-03-01 00:00"])
    c = pd.Series([900.0, 900.0], index=index, dtype="pint[ug/m**3]")
    got = iaqi(c, "O3", "8h", edition=None)
    assert np.isnan(got.iloc[0])  # HJ 633-2012 note (3)
    assert got.iloc[1] == 300.0  # HJ 633-2026 note c
