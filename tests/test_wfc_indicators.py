"""The 2019 waste-free-city indicator system: records against the sheet, formulas by hand.

Expected values are typed here from reference/wfc-indicators-2019.md (each with the line
it quotes) or computed by hand in the test; none is copied from the code's output.
"""

import math
import re

import numpy as np
import pandas as pd
import pint
import pytest
from framecheck import assert_frame_equal
from hypothesis import given
from hypothesis import strategies as st

from wasteless import Q_, ureg, waste
from wasteless.errors import InputError, MissingUnitsError, NotFoundError, UnitsError
from wasteless.units import pint_series
from wasteless.waste.wfc_indicators import (
    compute_indicators,
    indicator_system,
    indicator_values,
    system_indicator,
)

# --- the records against the sheet ------------------------------------------------------


def test_structure_counts_are_the_documents():
    # sheet: "一级指标5个、二级指标18个、三级指标59个(具体见表1)。三级指标分为3类:第1类(标注★)
    # 为必选指标,共22项…第2类为可选指标,共37项" (bjx)
    system = indicator_system()
    assert dict(system.structure) == {
        "level1": 5,
        "level2": 18,
        "level3": 59,
        "mandatory": 22,
        "optional": 37,
    }
    assert system.structure["mandatory"] + system.structure["optional"] == 59
    assert "三级指标59个" in system.structure_quote
    assert system.structure_url == "https://news.bjx.com.cn/html/20190514/980227-2.shtml"
    # sheet: "生态环境部办公厅 2019年5月8日"
    assert (system.issuer, system.date) == ("生态环境部办公厅", "2019-05-08")


def test_recovered_counts():
    # sheet, section A: national rows 1, 16-20, 26-29 (10 rows); section B: one name
    # confirmed, number unknown; section C: 14 distinct names only in the 大渡口区 table
    # (its rows 8, 10 and 13 are local variants of B, #16 and #19)
    recovered = dict(indicator_system().recovered)
    assert recovered == {
        "records": 25,
        "confirmed": 11,
        "probable": 14,
        "numbered": 10,
        "with_formula": 10,
        "mandatory": 4,
        "optional": 4,
        "mandatory_unknown": 17,
    }


# sheet, section A, column ★: "★" for 1, 20, 27, 29; "no" for 17, 18, 19, 28;
# "unknown (heading not visible)" for 16; "unknown" for 26.
STARS = {1: True, 16: None, 17: False, 18: False, 19: False, 20: True}
STARS |= {26: None, 27: True, 28: False, 29: True}


def test_numbered_rows_and_their_stars():
    by_number = {r.number: r for r in indicator_system().values() if r.number is not None}
    assert sorted(by_number) == sorted(STARS)
    assert {n: r.mandatory for n, r in by_number.items()} == STARS
    assert by_number[1].star == "★"
    assert by_number[17].star == ""
    assert by_number[16].star == "?"


def test_names_levels_and_data_sources_as_quoted():
    system = indicator_system()
    by_number = {r.number: r for r in system.values() if r.number is not None}
    # sheet, section A, level-3 names (simplified)
    names = {
        1: "工业固体废物产生强度",
        16: "农业废弃物收储运体系覆盖率",
        17: "秸秆综合利用率",
        18: "畜禽粪污综合利用率",
        19: "地膜回收率",
        20: "建筑垃圾综合利用率",
        26: "工业危险废物安全处置量",
        27: "医疗废物收集处置体系覆盖率",
        28: "社会源危险废物收集处置体系覆盖率",
        29: "一般工业固体废物贮存处置量",
    }
    assert {n: r.name_zh for n, r in by_number.items()} == names
    # sheet: "數據來源:市農業農村局" (#16); "data 市卫生健康委" (#27)
    assert by_number[16].data_source == "市農業農村局"
    assert by_number[27].data_source == "市卫生健康委"
    # sheet: #16 "未來該指標應不斷提高并最終實現全覆蓋": the only stated direction
    assert by_number[16].better == "higher"
    assert [r.code for r in system.values() if r.better is not None] == [by_number[16].code]
    # level names attested (大渡口区): 3 of 5 and 11 of 18
    assert len(system.level1_names) == 3
    assert len(system.level2_names) == 11
    assert by_number[20].level2 == "建筑垃圾资源化利用"
    assert by_number[29].level2 == "一般工业固体废物贮存处置"
    for record in system.values():
        assert record.level1 in (*system.level1_names, None)
        assert record.level2 in (*system.level2_names, None)


def test_probable_rows_are_the_pilot_tables():
    system = indicator_system()
    probable = [r for r in system.values() if r.membership == "probable"]
    # sheet, section C: 大渡口区 rows 2-7, 9, 15, 16, 21-25 (8, 10, 13 are variants)
    assert sorted(r.pilot_row for r in probable) == [
        2,
        3,
        4,
        5,
        6,
        7,
        9,
        15,
        16,
        21,
        22,
        23,
        24,
        25,
    ]
    for record in probable:
        assert record.number is None
        assert record.mandatory is None
        assert record.formula is None
        assert record.quality == "S"
        assert record.url.startswith("https://sthjj.cq.gov.cn/")
    # sheet, section B: "开展'无废城市细胞'建设的单位数量" confirmed, number unknown
    cell = system["zero_waste_cell_units"]
    assert (cell.membership, cell.number, cell.formula) == ("confirmed", None, None)
    assert cell.name_zh == '开展"无废城市细胞"建设的单位数量'


def test_codes_are_stable_ascii_and_shared_with_etown():
    system = indicator_system()
    for code in system:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", code), code
    shared = set(system) & set(waste.indicators())
    assert shared == {
        "construction_waste_utilisation_rate",
        "household_waste_recycling_rate",
        "green_building_share",
    }
    for code in shared:  # the same concept: the same Chinese name, give or take 的
        assert system[code].name_zh.replace("的", "") == waste.indicators()[code].name_zh


def test_only_sourced_formulas_and_none_made_up():
    system = indicator_system()
    with_formula = {r.number for r in system.values() if r.formula is not None}
    assert with_formula == set(STARS)  # exactly the national rows with a definition
    for record in system.values():
        if record.formula is None:
            continue
        for term in record.formula.terms:
            assert system.inputs[term.name] is term
        if record.formula.basis in ("printed", "abbreviated"):
            assert record.formula.text  # quoted
    # the two formulas the issue names are not in any source: listed as not found
    missing = " ".join(name for name, _ in system.not_found)
    assert "综合利用往年贮存量" in missing
    assert "厨余垃圾" in missing
    for code in (
        "household_waste_recycling_rate",
        "general_industrial_solid_waste_utilisation_rate",
    ):
        assert system[code].formula is None
        with pytest.raises(InputError, match="known by name only"):
            compute_indicators({"x": Q_(1, "t")}, codes=[code])


def test_which_ratios_can_exceed_100_percent():
    formulas = {c: r.formula for c, r in indicator_system().items() if r.formula is not None}
    bounded = {c for c, f in formulas.items() if f.kind == "ratio" and not f.can_exceed_100}
    unbounded = {c for c, f in formulas.items() if f.kind == "ratio" and f.can_exceed_100}
    # coverages count a subset of their denominator; utilisation/recovery rates do not
    assert bounded == {
        "agricultural_waste_collection_coverage",
        "medical_waste_system_coverage",
        "social_source_hazardous_waste_system_coverage",
    }
    assert unbounded == {
        "straw_utilisation_rate",
        "livestock_manure_utilisation_rate",
        "mulch_film_recovery_rate",
        "construction_waste_utilisation_rate",
    }


def test_system_is_read_only_and_unknown_codes_name_the_closest():
    system = indicator_system()
    with pytest.raises((TypeError, AttributeError)):
        system.records["x"] = None  # type: ignore[index]
    with pytest.raises(NotFoundError, match="did you mean 'straw_utilisation_rate'"):
        system["straw_utilization_rate"]
    assert system.get("bogus") is None  # a KeyError, so Mapping.get works
    frame = system.to_frame()
    assert len(frame) == 25
    assert frame["formula"].notna().sum() == 10
    assert frame.loc["construction_waste_utilisation_rate", "number"] == 20


# --- the currency unit ------------------------------------------------------------------


def test_yuan_is_a_dimension_of_its_own():
    assert Q_(1, "万元").to("CNY").magnitude == pytest.approx(1e4)
    assert Q_(3, "亿 元").to("万元").magnitude == pytest.approx(3e4)
    assert dict(ureg.Unit("CNY").dimensionality) == {"[yuan]": 1}
    with pytest.raises(pint.DimensionalityError):
        Q_(1, "CNY") + Q_(1, "t")
    from wasteless import units

    units._extend_registry()  # a second time: no redefinition
    assert Q_(1, "万元").to("yuan").magnitude == pytest.approx(1e4)


# --- every formula on hand-computed inputs ------------------------------------------------

CITY = {
    # row 1: (12万 t + 3000 t) / 60亿元 = 123000 t / 600000 万元 = 0.205 t/万元
    "general_industrial_solid_waste_generated": Q_(12, "万 t"),
    "industrial_hazardous_waste_generated": Q_(3000, "t"),
    "industrial_value_added": Q_(60, "亿 CNY"),
    # row 16: 45 of 60 villages = 75 %
    "villages_in_agricultural_waste_system": 45,
    "villages_total": 60,
    # row 17: 850 / 1000 t = 85 %
    "straw_utilised": Q_(850, "t"),
    "straw_collectable": Q_(1000, "t"),
    # row 18: 1.8 / 2.0 万 t = 90 %
    "manure_utilised": Q_(1.8, "万 t"),
    "manure_generated": Q_(20000, "t"),
    # row 19: 164 t / 200 t = 82 %
    "mulch_film_recovered": Q_(164_000, "kg"),
    "mulch_film_used": Q_(200, "t"),
    # row 20: 45 / 100 万 t = 45 %
    "construction_waste_reused_as_materials": Q_(45, "万 t"),
    "construction_waste_generated": Q_(1, "Mt"),
    # row 26: 1200 t + 3300 t = 4500 t
    "industrial_hazardous_waste_disposed_in_house": Q_(1200, "t"),
    "industrial_hazardous_waste_disposed_by_licensed_units": Q_(3.3, "kilotonne"),
    # row 27: 380 of 400 = 95 %; row 28: 90 of 120 = 75 %
    "medical_institutions_in_system": Q_(380, "count"),
    "medical_institutions_total": Q_(400, ""),
    "social_source_hazardous_waste_units_in_system": np.int64(90),
    "social_source_hazardous_waste_units_total": 120.0,
    # row 29: 13万 t = 130000 t
    "general_industrial_solid_waste_stored_disposed": Q_(13, "万 t"),
}
EXPECTED = {
    "industrial_solid_waste_generation_intensity": (0.205, "t/万元"),
    "agricultural_waste_collection_coverage": (75.0, "percent"),
    "straw_utilisation_rate": (85.0, "percent"),
    "livestock_manure_utilisation_rate": (90.0, "percent"),
    "mulch_film_recovery_rate": (82.0, "percent"),
    "construction_waste_utilisation_rate": (45.0, "percent"),
    "industrial_hazardous_waste_safely_disposed": (4500.0, "t"),
    "medical_waste_system_coverage": (95.0, "percent"),
    "social_source_hazardous_waste_system_coverage": (75.0, "percent"),
    "general_industrial_solid_waste_stored_disposed": (130_000.0, "t"),
}


def test_every_formula_by_hand():
    result = compute_indicators(CITY)
    assert list(result.index) == list(EXPECTED)
    assert result.index.name == "indicator"
    for code, (value, unit) in EXPECTED.items():
        assert result.loc[code, "value"] == pytest.approx(value, rel=1e-12), code
        assert ureg.Unit(result.loc[code, "unit"]) == ureg.Unit(unit)
        assert result.loc[code, "reason"] == ""
        assert result.loc[code, "note"] == ""


def test_unit_invariance():
    scaled = dict(CITY)
    scaled["general_industrial_solid_waste_generated"] = Q_(1.2e8, "kg")
    scaled["industrial_value_added"] = Q_(6e9, "元")
    scaled["construction_waste_generated"] = Q_(1e9, "kg")
    assert_frame_equal(compute_indicators(scaled), compute_indicators(CITY), rtol=1e-12)


@given(
    top=st.floats(0, 1e9),
    extra=st.floats(0, 1e9),
    scale=st.floats(1e-3, 1e3),
)
def test_ratios_scale_free_and_amounts_linear(top, extra, scale):
    bottom = top + extra + 1.0
    table = {
        "straw_utilised": Q_(top, "t"),
        "straw_collectable": Q_(bottom, "t"),
        "industrial_hazardous_waste_disposed_in_house": Q_(top, "t"),
        "industrial_hazardous_waste_disposed_by_licensed_units": Q_(extra, "t"),
    }
    times = {name: value * scale for name, value in table.items()}
    codes = ["straw_utilisation_rate", "industrial_hazardous_waste_safely_disposed"]
    once = compute_indicators(table, codes=codes)["value"]
    scaled = compute_indicators(times, codes=codes)["value"]
    assert once.iloc[0] == pytest.approx(100.0 * top / bottom, rel=1e-12)
    assert scaled.iloc[0] == pytest.approx(once.iloc[0], rel=1e-9, abs=1e-12)
    assert scaled.iloc[1] == pytest.approx(scale * (top + extra), rel=1e-9)


def test_a_table_of_cities_keeps_its_index():
    cities = pd.Index(["甲市", "乙市", "丙市"], name="city")
    frame = pd.DataFrame(
        {
            "construction_waste_reused_as_materials": pint_series(
                [40, 120, np.nan], "万 t", cities
            ),
            "construction_waste_generated": pint_series([80, 100, 50], "万 t", cities),
            "villages_in_agricultural_waste_system": [3, 0, 5],
            "villages_total": [4, 0, 5],
            "population": pint_series([1e6, 2e6, 3e6], "", cities),  # ignored
        },
        index=cities,
    )
    before = frame.copy(deep=True)
    result = compute_indicators(
        frame,
        codes=["construction_waste_utilisation_rate", "agricultural_waste_collection_coverage"],
    )
    assert_frame_equal(frame, before)  # the input is not modified
    assert result.index.names == ["city", "indicator"]
    value = result["value"]
    # 甲: 40/80 = 50 %, 3/4 = 75 %; 乙: 120/100 = 120 % (past stockpiles: kept, noted),
    # 0 of 0 villages undefined; 丙: reuse missing, 5/5 = 100 %
    assert value[("甲市", "construction_waste_utilisation_rate")] == pytest.approx(50.0)
    assert value[("甲市", "agricultural_waste_collection_coverage")] == pytest.approx(75.0)
    assert value[("乙市", "construction_waste_utilisation_rate")] == pytest.approx(120.0)
    assert "above 100 %" in result.loc[("乙市", "construction_waste_utilisation_rate"), "note"]
    assert "not clipped" in result.loc[("乙市", "construction_waste_utilisation_rate"), "note"]
    assert math.isnan(value[("乙市", "agricultural_waste_collection_coverage")])
    assert result.loc[("乙市", "agricultural_waste_collection_coverage"), "reason"] == (
        "undefined: the denominator (villages_total) is 0"
    )
    assert math.isnan(value[("丙市", "construction_waste_utilisation_rate")])
    assert result.loc[("丙市", "construction_waste_utilisation_rate"), "reason"] == (
        "no value (NaN) for: construction_waste_reused_as_materials"
    )
    assert value[("丙市", "agricultural_waste_collection_coverage")] == pytest.approx(100.0)
    # an empty table: an empty result with the same levels
    empty = compute_indicators(frame.iloc[:0])
    assert len(empty) == 0
    assert empty.index.names == ["city", "indicator"]


def test_a_mapping_of_series_and_of_arrays():
    years = pd.Index([2019, 2020], name="year")
    by_series = compute_indicators(
        {
            "mulch_film_recovered": pint_series([150, 170], "t", years),
            "mulch_film_used": Q_(200, "t"),  # one value for every year
        },
        codes=["mulch_film_recovery_rate"],
    )
    assert by_series["value"].tolist() == pytest.approx([75.0, 85.0])
    assert by_series.index.names == ["year", "indicator"]
    by_arrays = compute_indicators(
        {"mulch_film_recovered": Q_([150, 170], "t"), "mulch_film_used": Q_([200, 200], "t")},
        codes=["mulch_film_recovery_rate"],
    )
    assert by_arrays["value"].tolist() == pytest.approx([75.0, 85.0])
    # one row of a table: a Series of input name -> value (a pint Series when the
    # columns share one unit)
    rows = pd.DataFrame(
        {
            "mulch_film_recovered": pint_series([150.0], "t"),
            "mulch_film_used": pint_series([200.0], "t"),
        }
    )
    for row in (rows.iloc[0], rows.assign(population=[1e6]).iloc[0]):
        one = compute_indicators(row, codes=["mulch_film_recovery_rate"])
        assert one.loc["mulch_film_recovery_rate", "value"] == pytest.approx(75.0)
    lone = compute_indicators(rows[["mulch_film_recovered"]].iloc[0])
    assert "missing input(s): mulch_film_used" in lone.loc["mulch_film_recovery_rate", "reason"]


def test_missing_inputs_give_nan_with_a_reason_never_zero():
    result = compute_indicators({"straw_utilized": Q_(1, "t"), "straw_collectable": Q_(2, "t")})
    straw = result.loc["straw_utilisation_rate"]
    assert math.isnan(straw["value"])
    assert straw["reason"] == (
        "missing input(s): straw_utilised (the table's 'straw_utilized' may be "
        "'straw_utilised' misspelt)"
    )
    intensity = result.loc["industrial_solid_waste_generation_intensity", "reason"]
    assert intensity == (
        "missing input(s): general_industrial_solid_waste_generated, "
        "industrial_hazardous_waste_generated, industrial_value_added"
    )
    assert result["value"].isna().all()


# --- feeding Target and scorecard ----------------------------------------------------------


def test_end_to_end_scorecard_of_two_made_up_cities():
    cities = pd.Index(["A", "B"], name="city")
    table = pd.DataFrame(
        {
            # A: 40/80 = 50 %; B: 30/100 = 30 %
            "construction_waste_reused_as_materials": pint_series([40, 30], "万 t", cities),
            "construction_waste_generated": pint_series([80, 100], "万 t", cities),
            # A: 38 of 40 = 95 %; B: 40 of 40 = 100 %
            "medical_institutions_in_system": [38, 40],
            "medical_institutions_total": [40, 40],
            # A: (10 + 0.5) 万 t / 50 亿元 = 105000 t / 500000 万元 = 0.21 t/万元
            # B: (6 + 0) 万 t / 40 亿元 = 60000 t / 400000 万元 = 0.15 t/万元
            "general_industrial_solid_waste_generated": pint_series([10, 6], "万 t", cities),
            "industrial_hazardous_waste_generated": pint_series([0.5, 0], "万 t", cities),
            "industrial_value_added": pint_series([50, 40], "亿 CNY", cities),
        },
        index=cities,
    )
    computed = compute_indicators(table)
    targets = {
        "construction_waste_utilisation_rate": waste.Target(
            system_indicator("construction_waste_utilisation_rate", better="higher"),
            Q_(45, "percent"),
            ">=",
            2020,
        ),
        "medical_waste_system_coverage": waste.Target(
            system_indicator("medical_waste_system_coverage", better="higher"),
            Q_(95, "percent"),
            ">=",
            2020,
        ),
        "industrial_solid_waste_generation_intensity": waste.Target(
            system_indicator("industrial_solid_waste_generation_intensity", better="lower"),
            Q_(0.2, "t/万元"),
            "<=",
            2020,
        ),
        "straw_utilisation_rate": waste.Target(  # no straw data: not checkable
            system_indicator("straw_utilisation_rate", better="higher"),
            Q_(85, "percent"),
            ">=",
            2020,
        ),
    }
    expected = {
        # code: (met, gap) by hand, gap = value - target
        "A": {
            "construction_waste_utilisation_rate": (True, 5.0),
            "medical_waste_system_coverage": (True, 0.0),
            "industrial_solid_waste_generation_intensity": (False, 0.01),
            "straw_utilisation_rate": (None, None),
        },
        "B": {
            "construction_waste_utilisation_rate": (False, -15.0),
            "medical_waste_system_coverage": (True, 5.0),
            "industrial_solid_waste_generation_intensity": (True, -0.05),
            "straw_utilisation_rate": (None, None),
        },
    }
    for city, want in expected.items():
        values = indicator_values(computed, row=city, codes=targets)
        assert values["straw_utilisation_rate"] is None
        card = waste.scorecard(values, targets)
        for code, (met, gap) in want.items():
            got_met = card.loc[code, "met"]
            assert (None if pd.isna(got_met) else bool(got_met)) == met, (city, code)
            got_gap = card.loc[code, "gap"]
            if gap is None:
                assert pd.isna(got_gap)
            else:
                assert float(got_gap) == pytest.approx(gap, abs=1e-12), (city, code)
        assert card.loc["industrial_solid_waste_generation_intensity", "unit"] == "t/万元"
    # the same code as E-Town's target (45 % by 2020): its scorecard takes the value too
    etown = {
        "construction_waste_utilisation_rate": waste.etown_targets()[
            "construction_waste_utilisation_rate"
        ]
    }
    card = waste.scorecard(indicator_values(computed, row="A", codes=etown), etown)
    assert bool(card.loc["construction_waste_utilisation_rate", "met"]) is True


def test_system_indicator_records_what_the_caller_chose():
    indicator = system_indicator("agricultural_waste_collection_coverage")  # stated: higher
    assert (indicator.better, indicator.unit, indicator.quality) == ("higher", "percent", "W")
    assert "行政村總數" in indicator.definition
    assert "row 16" in indicator.source
    chosen = system_indicator("straw_utilisation_rate", better="higher")
    assert "chosen by the caller" in chosen.definition
    named = system_indicator("green_factory_enterprises", better="higher")
    assert named.unit == "count"
    assert "known by name only" in named.definition
    own = system_indicator("household_waste_landfilled", better="lower", unit="t")
    assert own.unit == "metric_ton"
    assert "unit metric_ton chosen by the caller" in own.definition


# --- bad input ----------------------------------------------------------------------------


def test_unknown_codes_are_not_found_with_the_closest():
    with pytest.raises(NotFoundError, match="did you mean 'mulch_film_recovery_rate'"):
        compute_indicators(CITY, codes=["mulch_film_recovery"])
    with pytest.raises(NotFoundError, match="did you mean 'medical_waste_system_coverage'"):
        system_indicator("medical_waste_coverage", better="higher")
    result = compute_indicators(CITY)
    with pytest.raises(NotFoundError, match="straw_utilisation_rate"):
        indicator_values(result, codes=["straw_utilization_rate"])


@pytest.mark.parametrize(
    ("name", "value", "error", "message"),
    [
        ("construction_waste_generated", Q_(100, "m**3"), UnitsError, r"\[mass\]"),
        ("construction_waste_generated", Q_(100, "t/a"), UnitsError, "reporting year's total"),
        ("industrial_value_added", Q_(60, "t"), UnitsError, r"\[yuan\]"),
        ("construction_waste_generated", 100.0, MissingUnitsError, "construction_waste_generated"),
        ("villages_total", Q_(60, "t"), UnitsError, "villages_total"),
        ("construction_waste_generated", Q_(-1, "t"), InputError, "must be >= 0"),
        ("construction_waste_generated", Q_(math.inf, "t"), InputError, "finite"),
        ("villages_total", 60.5, InputError, "whole number"),
        ("villages_total", -3, InputError, "must be >= 0"),
        ("villages_total", True, InputError, "whole number"),
        ("villages_total", "60", InputError, "whole number"),
        ("villages_total", math.inf, InputError, "finite"),
        ("villages_in_agricultural_waste_system", 61, InputError, "cannot exceed 100 %"),
        ("construction_waste_generated", Q_([[1, 2], [3, 4]], "t"), InputError, "shape"),
    ],
)
def test_bad_inputs_are_refused_naming_them(name, value, error, message):
    table = {**CITY, name: value}
    with pytest.raises(error, match=message) as caught:
        compute_indicators(table)
    assert name in str(caught.value) or "agricultural" in str(caught.value)


def test_negative_flows_name_the_row():
    cities = pd.Index(["甲", "乙"])
    table = pd.DataFrame(
        {
            "straw_utilised": pint_series([1.0, -2.0], "t", cities),
            "straw_collectable": pint_series([3.0, 3.0], "t", cities),
        },
        index=cities,
    )
    with pytest.raises(InputError, match=r"straw_utilised must be >= 0.* at row '乙'"):
        compute_indicators(table)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({}, "at least one input"),
        (5, "must be a mapping"),
        ([("straw_utilised", Q_(1, "t"))], "must be a mapping"),
        (pint_series([1.0], "t"), "one pint Series whose index names no input"),
        (pd.DataFrame(index=[0, 1]), "no columns"),
        (
            {"mulch_film_recovered": Q_([1, 2], "t"), "mulch_film_used": Q_([1, 2, 3], "t")},
            "different lengths",
        ),
        (
            {
                "mulch_film_recovered": pint_series([1, 2], "t", [0, 1]),
                "mulch_film_used": pint_series([1, 2], "t", [1, 2]),
            },
            "different indexes",
        ),
        (
            {"mulch_film_recovered": pint_series([1, 2], "t"), "mulch_film_used": Q_([3, 3], "t")},
            "array beside Series",
        ),
    ],
)
def test_tables_that_are_not_tables(table, message):
    with pytest.raises(InputError, match=message):
        compute_indicators(table)


def test_codes_must_be_a_list():
    with pytest.raises(InputError, match="codes must be a list"):
        compute_indicators(CITY, codes="straw_utilisation_rate")


def test_system_indicator_refuses_what_the_source_contradicts_or_lacks():
    with pytest.raises(InputError, match="does not state which direction"):
        system_indicator("straw_utilisation_rate")
    with pytest.raises(InputError, match="the source states 'higher'"):
        system_indicator("agricultural_waste_collection_coverage", better="lower")
    with pytest.raises(InputError, match="better must be one of"):
        system_indicator("straw_utilisation_rate", better="up")
    with pytest.raises(InputError, match="no source shows the unit"):
        system_indicator("household_waste_landfilled", better="lower")
    with pytest.raises(InputError, match="from its source"):
        system_indicator("straw_utilisation_rate", better="higher", unit="t")
    assert system_indicator("straw_utilisation_rate", better="higher", unit="%").unit == "percent"


def test_indicator_values_needs_one_row():
    cities = pd.Index(["A", "B"], name="city")
    table = pd.DataFrame(
        {
            "mulch_film_recovered": pint_series([150, 170], "t", cities),
            "mulch_film_used": pint_series([200, 200], "t", cities),
        },
        index=cities,
    )
    computed = compute_indicators(table, codes=["mulch_film_recovery_rate"])
    with pytest.raises(InputError, match=r"name one, e\.g\. row='A'"):
        indicator_values(computed)
    with pytest.raises(NotFoundError, match="row 'C' is not in computed"):
        indicator_values(computed, row="C")
    twice = compute_indicators(
        pd.concat([table, table.iloc[:1]]), codes=["mulch_film_recovery_rate"]
    )
    with pytest.raises(InputError, match="more than once"):
        indicator_values(twice, row="A")
    assert indicator_values(computed, row="B") == {"mulch_film_recovery_rate": Q_(85.0, "percent")}
    with pytest.raises(InputError, match="row must be None"):
        indicator_values(compute_indicators(CITY), row="A")
    with pytest.raises(InputError, match="result of compute_indicators"):
        indicator_values(table)
    # two index levels: the row is a tuple
    two = table.set_axis(pd.MultiIndex.from_tuples([("A", 2019), ("A", 2020)]), axis=0)
    computed = compute_indicators(two, codes=["mulch_film_recovery_rate"])
    assert indicator_values(computed, row=("A", 2020))["mulch_film_recovery_rate"] == Q_(
        85.0, "percent"
    )
