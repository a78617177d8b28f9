"""Official city sets, regions, averages and dust-affected days (issue 18, items 3 and 4).

Expected values come from the reference sheet city-groups.md (counts, named members, the
four outdated names, the 40 station-list values outside the 337), from GB 3095-2012's
grade II limits (the composite index: SO2 60, NO2 40, PM10 70, PM2.5 35 µg/m³ annual,
CO 4 mg/m³ and O3 160 µg/m³) and from hand calculations written out in each test.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from framecheck import assert_frame_equal

from wasteless import cli, datasets, io
from wasteless.air import GB3095_2012, ValidityRules, city, groups
from wasteless.errors import InputError, NotFoundError
from wasteless.units import pint_series

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "cnemc" / "sites.csv"
needs_station_list = pytest.mark.skipif(
    not SHARED.exists(), reason=f"the national station list is not at {SHARED}"
)

# Reference sheet §2a, the list quoted from 长治市生态环境局 (gov.cn).
TWO_PLUS_26 = [
    "北京",
    "天津",
    "太原",
    "阳泉",
    "长治",
    "晋城",
    "郑州",
    "开封",
    "安阳",
    "鹤壁",
    "新乡",
    "焦作",
    "濮阳",
    "济南",
    "淄博",
    "济宁",
    "德州",
    "聊城",
    "滨州",
    "菏泽",
    "石家庄",
    "唐山",
    "廊坊",
    "保定",
    "沧州",
    "衡水",
    "邢台",
    "邯郸",
]
# §2b: "山西省吕梁、晋中、临汾、运城，河南省洛阳、三门峡，陕西省西安、咸阳、宝鸡、铜川、渭南11城市"
FENWEI = ["吕梁", "晋中", "临汾", "运城", "洛阳", "三门峡", "西安", "咸阳", "宝鸡", "铜川", "渭南"]
# §1b: MEE's 2019 best 20 (repost), and the first three of its worst 20.
BEST_20 = [
    "拉萨",
    "海口",
    "舟山",
    "厦门",
    "黄山",
    "福州",
    "丽水",
    "贵阳",
    "深圳",
    "台州",
    "雅安",
    "惠州",
    "遂宁",
    "珠海",
    "昆明",
    "张家口",
    "南宁",
    "温州",
    "内江",
    "广安",
]
WORST_FIRST = ["安阳", "邢台", "石家庄"]
# The whole worst 20 (168th to 149th), from the page §1a cites for the first three
# (repost of MEE's 2019 简况, http://dampscompany.com/news/news-1088713-1.html).
WORST_20 = [
    *WORST_FIRST,
    *[
        "邯郸",
        "临汾",
        "唐山",
        "太原",
        "淄博",
        "焦作",
        "晋城",
        "保定",
        "济南",
        "聊城",
        "新乡",
        "鹤壁",
        "临沂",
        "洛阳",
        "枣庄",
        "咸阳",
        "郑州",
    ],
]


def official(names):
    return {groups.official_name(n) for n in names}


# --- the lists -----------------------------------------------------------------------


def test_the_sets_have_the_counts_of_the_sheet():
    assert len(groups.city_set("337")) == len(set(groups.city_set("337"))) == 337
    assert len(groups.city_set("168")) == len(set(groups.city_set("168"))) == 168
    counts = groups.regions()["region"].value_counts()
    assert counts.to_dict() == {"2+26": 28, "汾渭平原": 11, "长三角": 41}


def test_the_337_are_293_cities_30_autonomous_prefectures_7_diqu_3_leagues_4_municipalities():
    table = groups.prefectures()
    levels = table["level"].value_counts().to_dict()
    assert levels == {"prefecture": 333, "municipality": 4}
    names = table.index[table["level"] == "prefecture"]
    kinds = {
        "自治州": names.str.endswith("自治州").sum(),
        "地区": names.str.endswith("地区").sum(),
        "盟": names.str.endswith("盟").sum(),
        "市": names.str.endswith("市").sum(),
    }
    assert kinds == {"自治州": 30, "地区": 7, "盟": 3, "市": 293}
    assert set(table.index[table["level"] == "municipality"]) == {
        "北京市",
        "天津市",
        "上海市",
        "重庆市",
    }


def test_laiwu_merged_into_jinan_and_sansha_is_a_city_of_2019():
    # §1a: "山东省原莱芜市划归济南市管辖 … 169 个重点城市减少为 168 个"; §3: 三沙 is in the list
    assert "莱芜市" not in groups.city_set("337")
    assert "莱芜市" not in groups.city_set("168")
    assert {"济南市", "三沙市"} <= set(groups.city_set("337"))
    with pytest.raises(NotFoundError):
        groups.official_name("莱芜")


def test_the_regions_are_those_the_sources_name():
    table = groups.regions()
    assert set(table.index[table["region"] == "2+26"]) == official(TWO_PLUS_26)
    assert set(table.index[table["region"] == "汾渭平原"]) == official(FENWEI)
    # §2c: 上海 and every prefecture-level city of 江苏 (13), 浙江 (11) and 安徽 (16)
    provinces = groups.prefectures()["province"]
    delta = set(table.index[table["region"] == "长三角"])
    for province, n in {"江苏省": 13, "浙江省": 11, "安徽省": 16}.items():
        in_province = set(provinces.index[provinces == province])
        assert len(in_province) == n
        assert in_province <= delta
    assert delta - set(provinces.index[provinces.isin(["江苏省", "浙江省", "安徽省"])]) == {
        "上海市"
    }


def test_the_168_hold_what_the_sheet_checked():
    key = set(groups.city_set("168"))
    assert official(BEST_20) <= key
    assert official(WORST_FIRST) <= key
    assert set(groups.regions().index) <= key  # every city of the three regions
    assert official(["北京", "天津", "上海", "重庆"]) <= key
    assert official(["大连", "青岛", "宁波", "厦门", "深圳"]) <= key  # 计划单列市
    assert groups.key_cities()["group_2023_plan"].value_counts().sum() == 168


def test_the_sources_say_the_168_are_a_reconstruction_and_the_tags():
    record = groups.SOURCES["sets"]["168"]
    assert "NOT an official list" in record["source"]
    assert record["quality"] == "W"
    assert groups.SOURCES["sets"]["337"]["derived"] is True
    assert groups.SOURCES["regions"]["2+26"]["quality"] == "P"
    assert {groups.SOURCES["regions"][r]["quality"] for r in ("汾渭平原", "长三角")} == {"S"}
    assert groups.SOURCES["average"]["city-mean"]["quality"] == "A"
    assert "NOT found" in groups.SOURCES["dust"]["status"]
    with pytest.raises(TypeError):
        groups.SOURCES["sets"]["168"]["quality"] = "P"  # read-only


def test_the_shipped_lists_are_copies_of_the_shared_ones():
    shared = SHARED.parents[1] / "china-divisions"
    if not shared.exists():
        pytest.skip(f"the shared city lists are not at {shared}")
    here = Path(groups.__file__).parents[1] / "data" / "city_groups"
    for source, copy in {
        "prefectures-2019.csv": "prefectures_2019.csv",
        "key168-2019.csv": "key_cities_168.csv",
        "regions-2019.csv": "regions_2019.csv",
    }.items():
        assert (shared / source).read_bytes() == (here / copy).read_bytes()


# --- names -------------------------------------------------------------------------------


def test_short_forms_name_one_city_each():
    forms = {}
    for name in groups.city_set("337"):
        for form in groups._short_forms(name):
            assert forms.setdefault(form, name) == name, form


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("甘孜州", "甘孜藏族自治州"),  # the sheet's example spellings
        ("甘孜藏族自治州", "甘孜藏族自治州"),
        ("黔东南州", "黔东南苗族侗族自治州"),
        ("那曲", "那曲市"),
        ("那曲地区", "那曲市"),
        ("铜仁地区", "铜仁市"),  # the four outdated names of §3
        ("海东地区", "海东市"),
        ("吐鲁番地区", "吐鲁番市"),
        ("哈密地区", "哈密市"),
        ("北京", "北京市"),
        ("和田地区", "和田地区"),
        ("和田", "和田地区"),
    ],
)
def test_spellings_and_former_names_are_the_same_city(name, expected):
    assert groups.official_name(name) == expected


def test_an_unknown_name_gets_the_closest_and_a_county_level_city_its_prefecture():
    with pytest.raises(NotFoundError, match="closest: 苏州"):
        groups.official_name("苏州府")
    with pytest.raises(NotFoundError, match="county-level city in 苏州市"):
        groups.official_name("昆山")
    with pytest.raises(NotFoundError, match="new area"):
        groups.official_name("雄安新区")
    with pytest.raises(InputError, match="name must be a str"):
        groups.official_name(5)


def test_map_cities_merges_county_level_cities_or_leaves_them_out():
    names = ["昆山", "吴江", "胶南", "章丘", "苏州", "雄安新区", "石河子", "五家渠", "某地"]
    merged = groups.map_cities(names)
    assert merged["prefecture"].tolist() == [
        "苏州市",
        "苏州市",
        "青岛市",
        "济南市",
        "苏州市",
        None,
        None,
        None,
        None,
    ]
    excluded = groups.map_cities(names, county_level="exclude")
    assert excluded["prefecture"].tolist()[:5] == [None, None, None, None, "苏州市"]
    assert "county_level='exclude'" in excluded.loc["昆山", "basis"]
    assert "阿勒泰地区" in merged.loc["石河子", "basis"]  # the station list contradicted
    given = groups.map_cities(["雄安新区"], names={"雄安新区": "保定"})
    assert given.loc["雄安新区"].tolist()[:2] == ["保定市", "given"]
    with pytest.raises(NotFoundError):
        groups.map_cities(["雄安新区"], names={"雄安新区": "Baoding"})
    with pytest.raises(InputError, match="county_level must be one of"):
        groups.map_cities(names, county_level="yes")


@needs_station_list
def test_every_name_of_the_national_station_list_has_a_decision():
    with SHARED.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    listed = {row["城市"]: row["地级行政区"] for row in rows}
    table = groups.map_cities(sorted(listed))
    assert (table["kind"] != "unknown").all()
    unmapped = set(table.index[table["prefecture"].isna()])
    assert unmapped == {"雄安新区", "西咸新区", "兰州新区", "赣江新区", "石河子", "五家渠"}
    # §3: 40 城市 values are outside the 337 (county-level cities, new areas, 兵团 cities,
    # and the outdated names of prefectures)
    outside = table["kind"].isin(
        ["county-level", "new area", "not in a prefecture", "former name"]
    )
    assert outside.sum() == 40
    # every mapped name agrees with the list's own 地级行政区, and every city has stations
    mapped = table.dropna(subset=["prefecture"])
    assert all(listed[n] == p for n, p in mapped["prefecture"].items())
    assert set(mapped["prefecture"]) == set(groups.city_set("337"))


def test_the_sample_station_list_maps_to_three_cities():
    sites = io.read_sites(datasets.sample_sites())
    table = groups.map_cities(sorted(set(sites["city"])))
    assert table["prefecture"].to_dict() == {"上海": "上海市", "北京": "北京市", "广州": "广州市"}


# --- averages ------------------------------------------------------------------------------


def test_group_average_is_the_mean_of_city_values_by_hand():
    table = pd.DataFrame(
        {
            "pm25_annual": [30.0, 45.0, 60.0, np.nan],
            "good_day_ratio": [90.0, 80.0, 40.0, 70.0],
            "stations": [4, 2, 1, 3],
        },
        index=["A", "B", "C", "D"],
    )
    result = groups.group_average(table, {"ABC": ["A", "B", "C"], "CD": ["C", "D"]})
    assert result.loc["ABC", "pm25_annual"] == pytest.approx((30 + 45 + 60) / 3)  # 45
    assert result.loc["ABC", "good_day_ratio"] == pytest.approx((90 + 80 + 40) / 3)  # 70
    assert result.loc["ABC", "stations"] == 7
    assert np.isnan(result.loc["CD", "pm25_annual"])  # D has none: propagated
    assert result.loc["CD", "good_day_ratio"] == pytest.approx(55.0)
    assert result.loc["CD", ["cities", "n_cities_pm25_annual"]].tolist() == [2, 1]
    omitted = groups.group_average(table, {"CD": ["C", "D"], "CE": ["C", "E"]}, missing="omit")
    assert omitted.loc["CD", "pm25_annual"] == 60.0
    assert omitted.loc["CE", ["cities", "n_cities_pm25_annual"]].tolist() == [2, 1]  # E: no row
    with pytest.raises(InputError, match="missing must be one of"):
        groups.group_average(table, {"A": ["A"]}, missing="drop")
    with pytest.raises(InputError, match="none of the averaged columns"):
        groups.group_average(table[["stations"]], {"A": ["A"]})
    with pytest.raises(InputError, match="groups must be a non-empty mapping"):
        groups.group_average(table, {})


# --- the assessment ------------------------------------------------------------------------

LIMITS = {"SO2_24h": 60, "NO2_24h": 40, "PM10_24h": 70, "PM2.5_24h": 35, "CO_24h": 4, "O3_8h": 160}
BASE = {"SO2_24h": 6.0, "NO2_24h": 20.0, "PM10_24h": 35.0, "CO_24h": 0.5, "O3_8h": 80.0}
DAYS = pd.date_range("2019-01-01", "2019-12-31")


def composite(values):
    """The composite index by hand: the sum of each statistic over its grade II limit."""
    return sum(values[k] / LIMITS[k] for k in LIMITS)


def city_daily(cities):
    """City daily values of 2019: city -> (stations, {statistic: value or daily array})."""
    frames = []
    for name, (stations, values) in cities.items():
        index = pd.MultiIndex.from_product([[name], DAYS], names=["city", "date"])
        columns = {**BASE, "PM2.5_24h": 30.0, **values}
        frame = pd.DataFrame(
            {
                k: pint_series(
                    np.broadcast_to(np.asarray(v, dtype=float), len(DAYS)),
                    "mg/m3" if k == "CO_24h" else "ug/m3",
                    index,
                ).array
                for k, v in columns.items()
            },
            index=index,
        )
        for k, v in columns.items():
            valid = ~np.isnan(np.broadcast_to(np.asarray(v, dtype=float), len(DAYS)))
            frame[f"n_stations_{k}"] = np.where(valid, stations, 0)
        frame["stations"] = stations
        frames.append(frame)
    return pd.concat(frames)


def sites_for(cities):
    names = [n for n, (stations, _) in cities.items() for _ in range(stations)]
    return pd.DataFrame(
        {"city": names, "background": False}, index=[f"{j:04d}A" for j in range(len(names))]
    )


def test_a_county_level_city_counts_for_its_prefecture_by_its_stations():
    cities = {"苏州": (2, {"PM2.5_24h": 30.0}), "昆山": (1, {"PM2.5_24h": 60.0})}
    table = groups.assess(city_daily(cities), sites_for(cities), city_set="168")
    row = table.loc["苏州市"]
    assert row["pm25_annual"] == pytest.approx((2 * 30 + 60) / 3)  # the stations' mean: 40
    assert row["stations"] == 3
    assert row["composite_index"] == pytest.approx(composite({**BASE, "PM2.5_24h": 40.0}))
    assert row["rank"] == 1  # the only city of the 168 with data
    excluded = groups.assess(
        city_daily(cities), sites_for(cities), city_set="168", county_level="exclude"
    )
    assert excluded.loc["苏州市", "pm25_annual"] == pytest.approx(30.0)
    assert excluded.attrs["grouping"]["unmapped"]["昆山"]["stations"] == 1


def test_every_city_of_the_set_has_a_row_and_ranks_are_within_the_set():
    cities = {
        "北京": (2, {"PM2.5_24h": 50.0}),
        "上海": (2, {"PM2.5_24h": 30.0}),
        "和田地区": (1, {"PM2.5_24h": 20.0}),  # one of the 337, not of the 168
        "石河子": (1, {"PM2.5_24h": 10.0}),  # under no prefecture
    }
    national = groups.assess(city_daily(cities), sites_for(cities))
    assert len(national) == 337
    assert national.loc[["和田地区", "上海市", "北京市"], "rank"].tolist() == [1, 2, 3]
    assert national.loc["天津市", ["stations", "valid_days"]].tolist() == [0, 0]
    assert np.isnan(national.loc["天津市", "pm25_annual"])
    grouping = national.attrs["grouping"]
    assert grouping["unmapped"] == {
        "石河子": {"stations": 1, "reason": groups.map_cities(["石河子"]).loc["石河子", "basis"]}
    }
    assert len(grouping["no_data"]) == 334
    assert any("石河子 (1)" in line for line in national.attrs["statements"])
    key = groups.assess(city_daily(cities), sites_for(cities), city_set="168")
    assert len(key) == 168
    assert key.loc[["上海市", "北京市"], "rank"].tolist() == [1, 2]
    chosen = groups.assess(city_daily(cities), sites_for(cities), cities=["北京"])
    assert chosen.index.tolist() == ["北京市"]
    assert chosen.loc["北京市", "rank"] == 3  # within the set, not among the rows kept
    with pytest.raises(NotFoundError, match="not a city of the assessment"):
        groups.assess(city_daily(cities), sites_for(cities), cities=["Beijing"])


def test_regional_averages_city_mean_by_hand():
    # 北京 (2 stations, 30) and 天津 (1 station, 60) of the 2+26; 上海 (1, 20) of 长三角
    cities = {
        "北京": (2, {"PM2.5_24h": 30.0}),
        "天津": (1, {"PM2.5_24h": 60.0}),
        "上海": (1, {"PM2.5_24h": 20.0}),
    }
    daily, sites = city_daily(cities), sites_for(cities)
    mean = groups.assess(daily, sites, by="region", missing="omit")
    assert mean.index.tolist() == ["2+26", "汾渭平原", "长三角", "337个地级及以上城市"]
    assert mean.loc["2+26", "pm25_annual"] == pytest.approx((30 + 60) / 2)  # 45
    assert mean.loc["2+26", ["cities", "n_cities_pm25_annual"]].tolist() == [28, 2]
    assert mean.loc["337个地级及以上城市", "pm25_annual"] == pytest.approx((30 + 60 + 20) / 3)
    assert np.isnan(mean.loc["汾渭平原", "pm25_annual"])  # no city with data
    assert "rank" not in mean.columns  # regions are not ranked
    strict = groups.assess(daily, sites, by="region")
    assert np.isnan(strict.loc["2+26", "pm25_annual"])  # 26 cities without a value
    statements = " ".join(mean.attrs["statements"])
    assert "city-mean" in statements
    assert "Not confirmed" in statements


def test_regional_averages_pooled_and_by_province_by_hand():
    cities = {
        "北京": (2, {"PM2.5_24h": 30.0}),
        "天津": (1, {"PM2.5_24h": 60.0}),
        "上海": (1, {"PM2.5_24h": 20.0}),
    }
    daily, sites = city_daily(cities), sites_for(cities)
    pooled = groups.assess(daily, sites, by="region", average="pooled")
    assert pooled.loc["2+26", "pm25_annual"] == pytest.approx((2 * 30 + 60) / 3)  # 40
    assert pooled.loc["337个地级及以上城市", "pm25_annual"] == pytest.approx(
        (2 * 30 + 60 + 20) / 4
    )
    assert pooled["rank"].isna().all()
    assert "汾渭平原" not in pooled.dropna(subset=["stations"]).index
    province = groups.assess(daily, sites, by="province", missing="omit", cities=["天津市"])
    assert province.loc["天津市", "pm25_annual"] == 60.0


def test_the_station_path_equals_the_city_daily_path(tmp_path):
    from wasteless import testing

    codes = ["1001A", "1002A", "1003A", "2001A", "2002A"]
    archive = testing.synthetic_archive(tmp_path, days=40, stations=codes, seed=3, gaps=0.05)
    tidy = io.read_cnemc(archive.files)
    sites = pd.DataFrame(
        {"city": ["苏州", "苏州", "昆山", "北京", "北京"], "background": [False] * 4 + [True]},
        index=codes,
    )
    rules = ValidityRules("test: 30 days", 20, 1, 1, 30, "a test", "A")
    by_station = groups.assess(tidy, sites, year=2019, city_set="168", rules=rules)
    daily = city.city_daily(city._station_daily(tidy, None, rules, None)[0], sites)
    by_city = groups.assess(daily, sites, year=2019, city_set="168", rules=rules)
    present = ["苏州市", "北京市"]
    columns = ["stations", "valid_days", "pm25_annual", "pm10_annual", "composite_index"]
    assert_frame_equal(by_station.loc[present, columns], by_city.loc[present, columns], rtol=1e-12)
    assert by_station.loc["北京市", "stations"] == 1  # the background station left out
    assert by_station.loc["苏州市", "stations"] == 3


# --- dust ------------------------------------------------------------------------------------

DUST_DAYS = pd.date_range("2019-03-20", periods=10)


def dusty_pm10():
    values = np.full(len(DAYS), 35.0)
    values[DAYS.isin(DUST_DAYS)] = 350.0
    return values


def test_dust_days_come_out_of_pm10_and_the_composite_index_and_may_change_the_rank():
    cities = {
        "北京": (2, {"PM10_24h": dusty_pm10(), "PM2.5_24h": 30.0}),
        "上海": (2, {"PM2.5_24h": 33.0}),
    }
    dust = pd.DataFrame({"city": "北京", "date": DUST_DAYS.strftime("%Y-%m-%d")})
    raw = groups.assess(city_daily(cities), sites_for(cities), city_set="168")
    table = groups.assess(city_daily(cities), sites_for(cities), city_set="168", dust=dust)
    beijing = table.loc["北京市"]
    raw_pm10 = (355 * 35 + 10 * 350) / 365
    assert beijing["pm10_annual"] == pytest.approx(raw_pm10)  # the raw value is kept
    assert beijing["pm10_annual_dust_removed"] == pytest.approx(35.0)
    assert beijing["pm25_annual_dust_removed"] == pytest.approx(30.0)
    by_hand = {**BASE, "PM2.5_24h": 30.0}
    assert beijing["composite_index_dust_removed"] == pytest.approx(composite(by_hand))
    assert beijing["composite_index"] == pytest.approx(
        composite({**by_hand, "PM10_24h": raw_pm10})
    )
    # PM10 350 µg/m³ is IAQI 200 (HJ 633: 350 -> 200): not a good day, and dust days stay in
    assert beijing["good_day_ratio"] == pytest.approx(100 * 355 / 365)
    assert beijing["dust_days"] == 10
    # raw: 上海 (1.725 + 33/35 = 2.668) beats 北京 (2.705); dust removed, 北京 (2.582) first
    assert raw.loc[["上海市", "北京市"], "rank"].tolist() == [1, 2]
    assert table.loc[["北京市", "上海市"], "rank"].tolist() == [1, 2]
    assert table.attrs["dust"]["city_days"] == 10
    assert "环办监测〔2016〕120号" in " ".join(table.attrs["statements"])


def test_without_dust_the_output_says_dust_is_included():
    cities = {"北京": (1, {})}
    table = groups.assess(city_daily(cities), sites_for(cities), city_set="168")
    assert table.attrs["dust"] is None
    assert "PM10, PM2.5 and the composite index include dust" in table.attrs["statements"][-1]
    assert "pm10_annual_dust_removed" not in table


def test_the_year_rule_applies_to_the_raw_days():
    days_324 = np.full(len(DAYS), np.nan)
    days_324[:324] = 50.0
    days_323 = days_324.copy()
    days_323[323] = np.nan
    cities = {"北京": (1, {"PM10_24h": days_324}), "上海": (1, {"PM10_24h": days_323})}
    dust = pd.DataFrame({"city": "北京", "date": DAYS[:5]})
    table = groups.assess(city_daily(cities), sites_for(cities), city_set="168", dust=dust)
    # 324 valid days: the raw mean is given, and the dust-removed one of the 319 left
    assert table.loc["北京市", "pm10_annual"] == 50.0
    assert table.loc["北京市", "pm10_annual_dust_removed"] == 50.0
    # 323: neither
    assert np.isnan(table.loc["上海市", ["pm10_annual", "pm10_annual_dust_removed"]]).all()


def test_pooled_regions_remove_the_dust_days_of_their_cities():
    cities = {
        "北京": (1, {"PM10_24h": dusty_pm10()}),
        "天津": (1, {}),
    }
    dust = pd.DataFrame({"city": ["北京"] * 10, "date": DUST_DAYS})
    table = groups.assess(
        city_daily(cities), sites_for(cities), by="region", average="pooled", dust=dust
    )
    assert table.loc["2+26", "pm10_annual_dust_removed"] == pytest.approx(35.0)
    raw = (35.0 + (355 * 35 + 10 * 350) / 365) / 2  # 天津 at 35 every day, 北京 dusty
    assert table.loc["2+26", "pm10_annual"] == pytest.approx(raw)
    assert table.loc["2+26", "dust_days"] == 10
    mean = groups.assess(city_daily(cities), sites_for(cities), by="region", dust=dust)
    assert mean.loc["2+26", "n_cities_pm10_annual_dust_removed"] == 2


SITES_X = pd.DataFrame({"city": ["北京", "石河子"], "background": False}, index=["A", "B"])


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ({"city": ["Beijing"], "date": ["2019-03-01"]}, "line 2: city 'Beijing' is not a city"),
        ({"city": ["北京"], "date": ["2018-12-31"]}, "outside the year assessed, 2019"),
        ({"city": ["北京"], "date": ["March"]}, "line 2: date must be a date"),
        ({"city": ["北京", "北京市"], "date": ["2019-03-01"] * 2}, "line 3: 北京市 on 2019-03-01"),
        ({"city": ["昆山"], "date": ["2019-03-01"]}, "county-level city in 苏州市"),
        ({"city": [""], "date": ["2019-03-01"]}, "city must be a name"),
        ({"town": ["北京"], "date": ["2019-03-01"]}, "columns city and date"),
    ],
)
def test_a_bad_dust_table_is_refused_naming_the_line(rows, message):
    with pytest.raises(InputError, match=message):
        groups.check_dust(pd.DataFrame(rows), SITES_X, year=2019)


def test_dust_names_are_those_of_the_grouping():
    dust = pd.DataFrame(
        {"city": ["北京", "和田", "石河子"], "date": ["2019-03-01", "20190302", "2019-03-03"]}
    )
    table = groups.check_dust(dust, SITES_X, year=2019, city_set="168")
    assert table["city"].tolist() == ["北京市", "和田地区", "石河子"]
    assert table["in_set"].tolist() == [True, False, False]  # listed, not in the 168
    with pytest.raises(InputError, match="not a city of the station list"):
        groups.check_dust(dust, SITES_X, city_set=None)
    plain = groups.check_dust(dust.iloc[[0, 2]], SITES_X, city_set=None)
    assert plain["city"].tolist() == ["北京", "石河子"]


def test_read_dust_days_keeps_the_lines_and_the_file(tmp_path):
    path = tmp_path / "dust.csv"
    path.write_text("city,date\n北京, 2019-03-01\n上海,2019-03-02\n", "utf-8")
    table = io.read_dust_days(path)
    assert table.to_dict("list") == {
        "city": ["北京", "上海"],
        "date": ["2019-03-01", "2019-03-02"],
    }
    assert table.index.tolist() == [2, 3]
    path.write_text("city,date\nBeijing,2019-03-01\n", "utf-8")
    with pytest.raises(InputError, match=rf"\({path}\), line 2: city 'Beijing'"):
        groups.check_dust(io.read_dust_days(path), SITES_X, year=2019)
    path.write_bytes("city,date\n北京,2019-03-01\n".encode("gb18030"))
    assert io.read_dust_days(path)["city"].tolist() == ["北京"]
    path.write_text("", "utf-8")
    with pytest.raises(InputError, match="is empty"):
        io.read_dust_days(path)
    with pytest.raises(InputError, match="cannot be read"):
        io.read_dust_days(tmp_path / "none.csv")


def test_assess_refuses_bad_options():
    cities = {"北京": (1, {})}
    daily, sites = city_daily(cities), sites_for(cities)
    for option, message in [
        ({"by": "county"}, "by must be one of"),
        ({"city_set": "169"}, "city_set must be one of 'Q337', '168'".replace("Q", "")),
        ({"city_set": None, "by": "region"}, "needs a city_set"),
        ({"average": "median"}, "average must be one of"),
        ({"missing": "drop"}, "missing must be one of"),
    ]:
        with pytest.raises(InputError, match=message):
            groups.assess(daily, sites, **option)
    without_counts = daily.drop(columns=["n_stations_PM10_24h"])
    with pytest.raises(InputError, match="n_stations_PM10_24h"):
        groups.assess(without_counts, sites)
    assert groups.assess(daily, sites, rules=GB3095_2012).loc["北京市", "valid_days"] == 365


# --- the command line ------------------------------------------------------------------------

FILES = [str(path) for path in datasets.sample_files()]
SITES = ["--sites", str(datasets.sample_sites())]


def run(capsys, *args):
    status = cli.main(["assess", *FILES, *SITES, "--year", "2019", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_cli_choices_are_the_modules():
    assert cli._GROUPINGS == groups.GROUPINGS
    assert cli._CITY_SETS == groups.CITY_SETS


@pytest.mark.parametrize(
    ("flag", "value", "allowed"),
    [("--set", "169", "'337', '168'"), ("--by", "county", "'city', 'province', 'region'")],
)
def test_an_unknown_set_or_grouping_is_a_usage_error_with_the_allowed_values(
    capsys, flag, value, allowed
):
    with pytest.raises(SystemExit) as exit_info:
        run(capsys, flag, value)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert f"invalid choice: '{value}' (choose from {allowed})" in err
    assert "Traceback" not in err


def test_the_cli_assesses_a_set_with_its_rules_in_the_output(capsys):
    status, out, err = run(capsys, "--set", "168", "--city", "北京", "--city", "上海市")
    assert (status, err) == (0, "")
    # a title, a blank line, the header, the units, then a row a group
    lines = out.split("\n\n", 1)[1].splitlines()
    assert lines[0].split()[0] == "city"  # the group's column, whatever --by groups by
    assert [line.split()[0] for line in lines[2:4]] == ["北京市", "上海市"]
    assert "* City set 168" in out
    assert "[W]" in out
    assert "PM10, PM2.5 and the composite index include dust" in out


def test_the_cli_by_region_prints_the_regions_and_the_set(capsys):
    status, out, err = run(capsys, "--by", "region", "--format", "csv")
    assert status == 0
    assert [line.split(",")[0] for line in out.splitlines()] == [
        "city",  # the group's column, here the regions
        "2+26",
        "汾渭平原",
        "长三角",
        "337个地级及以上城市",
    ]
    assert "note: Region and set values: city-mean" in err  # machine-readable: rules on stderr


def test_a_city_outside_the_set_is_a_usage_error(capsys):
    status, _, err = run(capsys, "--set", "168", "--city", "和田")
    assert status == 2
    assert "--city 和田: 和田地区 is not a city of the 168 set" in err
    status, _, err = run(capsys, "--by", "region", "--city", "珠三角")
    assert status == 2
    assert "--city 珠三角: not a region of the 337 set; closest: 长三角" in err


def test_the_cli_dust_file(capsys, tmp_path):
    good = tmp_path / "dust.csv"
    good.write_text("city,date\n北京,2019-01-02\n", "utf-8")
    status, out, _ = run(capsys, "--set", "337", "--city", "北京", "--dust", str(good))
    assert status == 0
    assert "pm10_annual_dust_removed" in out.split("\n\n", 1)[1].splitlines()[0]
    assert "1 dust-affected city-days given" in out
    for text, message in [
        ("city,date\n北京,2019-01-02\nBeijing,2019-01-03\n", "line 3: city 'Beijing'"),
        ("city,date\n北京,2020-01-02\n", "line 2: date 2020-01-02 is outside the year"),
        ("town,day\n", "has no column city, date"),
    ]:
        bad = tmp_path / "bad.csv"
        bad.write_text(text, "utf-8")
        status, out, err = run(capsys, "--dust", str(bad))
        assert status == 4, err  # unusable input, as --help says
        assert out == ""
        assert message in err
        assert str(bad) in err
        assert "Traceback" not in err


@pytest.mark.slow  # about 1 s: the 2019 city daily values shipped with wasteless
def test_the_2019_best_and_worst_20_of_the_168_are_those_mee_published():
    from importlib import resources

    from wasteless.units import from_plain

    path = resources.files("wasteless") / "data" / "cnemc_2019_city_daily.csv.gz"
    daily = from_plain(pd.read_csv(path, index_col=[0, 1], parse_dates=["date"]))
    names = daily.index.get_level_values("city").unique()
    sites = pd.DataFrame({"city": names, "background": False}, index=names)
    ranked = groups.assess(daily, sites, year=2019, city_set="168").dropna(subset=["rank"])
    # the archive's real-time data, dust included, against MEE's reviewed, dust-removed
    # ranking: the same cities at each end (not in the same order), 151 of 168 ranked
    assert set(ranked.index[:20]) == official(BEST_20)
    assert set(ranked.index[-20:]) == official(WORST_20)


@pytest.mark.slow  # dask's scheduler start: about 2 s
def test_the_dask_path_gives_the_pandas_numbers():
    sites = io.read_sites(datasets.sample_sites())
    options = {"year": 2019, "city_set": "168", "cities": ["北京", "上海", "广州"]}
    plain = groups.assess(io.read_cnemc(datasets.sample_files()), sites, **options)
    lazy = io.read_cnemc(datasets.sample_files(), engine="dask")
    assert_frame_equal(groups.assess(lazy, sites, **options), plain)
