r"""The official city sets, regions and averages of China's national air-quality assessment.

The Ministry of Ecology and Environment (MEE) does not assess the values of a station
list's 城市 (city) column: it assesses the **337 prefecture-level-and-above cities**
(地级及以上城市) of 2019, ranks the **168 key cities** (168个重点城市), and reports
**regional averages** (京津冀及周边 "2+26", 汾渭平原, 长三角). This module holds those sets
as data with their sources (``wasteless/data/city_groups.toml`` and
``wasteless/data/city_groups/``; :data:`SOURCES`), maps a station list's city names to
them, and assesses the official set, by city, province or region:

* :func:`prefectures`, :func:`key_cities`, :func:`regions`, :func:`city_set`: the lists.
  The 337 come from the National Bureau of Statistics' 2019 codes (no official
  city-by-city list of the 337 was found: the count is MEE's, the rule derived) [S]
  (derived); **the 168 are a third-party reconstruction, not an official list** [W];
  2+26 [P], 汾渭平原 and 长三角 [S] follow the 2018–2020 plans. Other regions (珠三角,
  成渝, …) have no 2018-era source here and are left out.
* :func:`official_name`, :func:`map_cities`: a station list's names → the official
  city. Short forms (``北京``), spellings (``甘孜州`` for 甘孜藏族自治州) and former
  names (``铜仁地区``) name the same city; county-level cities and districts (``昆山``,
  ``吴江``) are mapped to their prefecture, each checked against its 2019 code
  (``county_level="merge"``; whether MEE merges them is not confirmed, an assumption
  [A]: ``"exclude"`` leaves their stations out). New areas (雄安新区, 西咸新区, 兰州新区,
  赣江新区) and 石河子, 五家渠 (under no prefecture) stay unmapped: nothing says which
  city they count for. Unmapped stations are counted and reported, never dropped
  silently.
* :func:`assess`: the HJ 663 assessment (:func:`wasteless.air.city.annual_assessment`)
  of the cities of a set, ranked within the set; with ``by="region"`` or
  ``"province"``, the average of the member cities (``average="city-mean"``: the
  arithmetic mean of city values, which the bulletins' wording ("平均") and a
  third-party emulation fit, but no rule text confirms [A]; or ``"pooled"``, the
  group as one set of stations [A]) and a national row for the whole set.
* **Dust** (受沙尘天气过程影响城市空气质量评价补充规定, 环办监测〔2016〕120号 [S]): the
  dust-affected days are decided by CNEMC in data review from satellite remote
  sensing, the dust-storm network and meteorological reports; the criteria of the
  rule's annex were not found, so they cannot be computed from the archive. They are
  an input (:func:`check_dust`, :func:`wasteless.io.read_dust_days`): PM10, PM2.5 and
  the composite index are reported raw and with those days removed, the good-day
  ratio and the day counts keep them (CNEMC's practice, as quoted [S]).

Every result says what it rests on: ``attrs["statements"]`` lists, in words, the set
and its source, the averaging rule, the dust rule and what was left unmapped.

This module is long (about 720 lines of code, the rest docstrings) because it is one
topic: the official assessment of a set of cities, whose sets, names, averages and dust
rule depend on each other (the set decides which names map, the mapping which stations
a city has, the dust days which of its days count).

Examples
--------
>>> len(city_set("337")), len(city_set("168"))
(337, 168)
>>> official_name("甘孜州"), official_name("北京")
('甘孜藏族自治州', '北京市')
>>> map_cities(["昆山", "雄安新区"])["prefecture"].tolist()
['苏州市', None]
>>> regions()["region"].value_counts().to_dict()
{'长三角': 41, '2+26': 28, '汾渭平原': 11}
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import difflib
import functools
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from wasteless._data import data_file, read_toml
from wasteless._validate import check_choice, check_names, check_text, check_year
from wasteless.air import city as _city
from wasteless.air.means import GB3095_2012, ValidityRules, _check_rules
from wasteless.air.network import DAILY_STATISTICS, pint_column
from wasteless.errors import InputError, NotFoundError
from wasteless.units import pint_series

__all__ = [
    "AVERAGES",
    "CITY_SETS",
    "GROUPINGS",
    "REGIONS",
    "SOURCES",
    "assess",
    "check_dust",
    "city_set",
    "group_average",
    "group_names",
    "key_cities",
    "map_cities",
    "official_name",
    "prefectures",
    "regions",
]

CITY_SETS: tuple[str, ...] = ("337", "168")
"""The city sets: ``"337"`` prefecture-level-and-above cities, ``"168"`` key cities."""

GROUPINGS: tuple[str, ...] = ("city", "province", "region")
"""What :func:`assess` reports a row for."""

REGIONS: tuple[str, ...] = ("2+26", "汾渭平原", "长三角")
"""The regions of the 2018–2020 plans that a source defines (see :data:`SOURCES`)."""

AVERAGES: tuple[str, ...] = ("city-mean", "pooled")
"""How a region's (or province's, or the set's) value is made from its cities'."""

_COUNTY_LEVEL = ("merge", "exclude")
_MISSING = ("propagate", "omit")
_SUFFIXES = ("市", "地区", "盟")  # left off in the station list's short names
_SAME_CITY = ("name", "spelling", "former name")  # kinds of name that name the city itself
# The national row's label: MEE's own words for the two sets.
_NATIONAL = {"337": "337个地级及以上城市", "168": "168个重点城市"}
# The columns averaged over a group's cities, and the dust-removed ones.
_AVERAGED = tuple(
    c for c in _city.ASSESSMENT_COLUMNS if c not in ("stations", "valid_days", "rank", "notes")
)


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


SOURCES: Mapping[str, Any] = _freeze(read_toml("city_groups.toml"))
"""Each list and rule with its source, URL, status and quality tag (read-only).

Read from ``wasteless/data/city_groups.toml``: ``SOURCES["sets"]["168"]["status"]``,
``SOURCES["regions"]["2+26"]``, ``SOURCES["names"]``, ``SOURCES["average"]["city-mean"]``,
``SOURCES["dust"]``. Quality tags as in :data:`wasteless.factors.QUALITY_TAGS`.
"""

_DUST = SOURCES["dust"]
# The daily statistics that dust removal takes out (PM10 and PM2.5: the annual means and
# the composite index are computed from them; the good-day ratio keeps the days).
_DUST_DAILY = ("PM10_24h", "PM2.5_24h")
_DUST_COLUMNS = tuple(_DUST["applies_to"])


@functools.cache
def _csv(name: str) -> pd.DataFrame:
    with data_file("city_groups").joinpath(name).open("r", encoding="utf-8") as handle:
        return pd.read_csv(handle, dtype=str, keep_default_na=False)


def _short_forms(name: str) -> set[str]:
    """An official name and the name without its 市/地区/盟 suffix."""
    forms = {name}
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            forms.add(name[: -len(suffix)])
    return forms


@functools.cache
def _spellings() -> Mapping[str, tuple[str, str, str]]:
    """Every name of one of the 337 → (official name, kind, basis)."""
    table: dict[str, tuple[str, str, str]] = {}
    for name in _csv("prefectures_2019.csv")["name"].tolist():
        for form in _short_forms(name):
            table[form] = (name, "name", "the official name, or it without its 市/地区/盟 suffix")
    for city, prefecture, kind, basis in _csv("station_city_names.csv").to_numpy().tolist():
        if kind in _SAME_CITY:
            table[city] = (prefecture, kind, basis)
    return MappingProxyType(table)


@functools.cache
def _station_names() -> Mapping[str, tuple[str | None, str, str]]:
    """The station list's 城市 values → (prefecture or None, kind, basis)."""
    rows = _csv("station_city_names.csv").to_numpy().tolist()
    return MappingProxyType(
        {city: (prefecture or None, kind, basis) for city, prefecture, kind, basis in rows}
    )


def prefectures() -> pd.DataFrame:
    """The 337 prefecture-level-and-above cities of 2019 (a copy).

    The 4 municipalities and the 333 prefecture-level units (293 cities, 30 autonomous
    prefectures, 7 地区, 3 盟) as of 2019-10-31: National Bureau of Statistics,
    统计用区划代码, as packaged in ``modood/Administrative-divisions-of-China`` (commit
    2824502). No official city-by-city list of MEE's 337 was found: the count is MEE's,
    the rule (every prefecture-level division and the municipalities) is derived and
    matches it [S] (derived); see ``SOURCES["sets"]["337"]``.

    Returns
    -------
    pandas.DataFrame
        Indexed by official name (``name``): ``code`` (4 digits), ``province``,
        ``level`` (``"municipality"`` or ``"prefecture"``).

    Examples
    --------
    >>> table = prefectures()
    >>> len(table), table.loc["苏州市", "province"]
    (337, '江苏省')
    """
    return _csv("prefectures_2019.csv").set_index("name").copy()


def key_cities() -> pd.DataFrame:
    """The 168 key cities (168个重点城市) — a third-party reconstruction, not official (a copy).

    MEE ranks 168 key cities from 2019-02 (169 in 2018, with 莱芜); the count and the
    make-up are confirmed by reposts of MEE/CNEMC texts, but **the full official list
    was not found**: these names come from a public scraper of the ranking [W]. Every
    city of MEE's published 2019 best-20 and worst-20 is in it. See
    ``SOURCES["sets"]["168"]``.

    Returns
    -------
    pandas.DataFrame
        Indexed by official name (``name``): ``short_name`` (as the list gives it) and
        ``group_2023_plan`` (the list's grouping, by the 2023 plan's regions; not the
        2018 regions of :func:`regions`).

    Examples
    --------
    >>> table = key_cities()
    >>> len(table), table.loc["拉萨市", "short_name"]
    (168, '拉萨')
    """
    table = _csv("key_cities_168.csv").rename(columns={"city": "short_name"})
    table.index = pd.Index([official_name(c) for c in table["short_name"]], name="name")
    return table


def regions() -> pd.DataFrame:
    """The cities of the regions of the 2018–2020 plans (a copy).

    2+26 (京津冀大气污染传输通道城市, 28 cities [P]), 汾渭平原 (11 cities; 杨凌示范区 has
    no city of its own [S]) and 长三角 (41 cities: 上海 and every prefecture-level city
    of 江苏, 浙江, 安徽 [S]). The State Council's 国发〔2018〕22号 names the key regions
    but its scope section was not among the sources read: the lists rest on MEE's
    implementation plans. See ``SOURCES["regions"]``.

    Returns
    -------
    pandas.DataFrame
        Indexed by official city name (``name``): ``region``, one of :data:`REGIONS`.

    Examples
    --------
    >>> table = regions()
    >>> table.loc["晋中市", "region"], len(table)
    ('汾渭平原', 80)
    """
    table = _csv("regions_2019.csv")
    index = pd.Index([official_name(c) for c in table["city"]], name="name")
    return pd.DataFrame({"region": table["region"].to_numpy()}, index=index)


def city_set(name: str) -> list[str]:
    """The official names of the cities of a set: ``"337"`` or ``"168"``.

    Parameters
    ----------
    name : {"337", "168"}
        The set (:data:`CITY_SETS`).

    Returns
    -------
    list of str
        Official names (``北京市``, ``甘孜藏族自治州``), in the list's order.

    Raises
    ------
    wasteless.errors.InputError
        For another name.

    Examples
    --------
    >>> city_set("168")[:3]
    ['北京市', '天津市', '石家庄市']
    """
    name = check_choice(name, "city_set", CITY_SETS)
    table = prefectures() if name == "337" else key_cities()
    return table.index.tolist()


def official_name(name: str) -> str:
    """The official name of one of the 337 cities, from any name the sources use for it.

    Accepted: the official name (``北京市``), the name without its 市/地区/盟 suffix
    (``北京``, ``和田``), and the station list's spellings (``甘孜州``) and former names
    (``铜仁地区``, ``那曲地区``), each listed in ``station_city_names.csv``. A county-level
    city (``昆山``) is not the name of its prefecture: :func:`map_cities` maps it.

    Parameters
    ----------
    name : str
        A city name, in Chinese.

    Returns
    -------
    str
        The official name (of :func:`prefectures`).

    Raises
    ------
    wasteless.errors.NotFoundError
        For any other name, with the closest names, or what the name is (a county-level
        city and its prefecture, a new area).

    Examples
    --------
    >>> official_name("铜仁地区")
    '铜仁市'
    >>> try:
    ...     official_name("昆山")
    ... except NotFoundError as error:
    ...     print(str(error).split(" (")[0])
    name '昆山' is not one of the 337 cities: a county-level city in 苏州市
    """
    check_text(name, "name")
    found = _spellings().get(name)
    if found is not None:
        return found[0]
    listed = _station_names().get(name)
    if listed is not None:
        prefecture, kind, basis = listed
        what = f"a {kind} city in {prefecture}" if prefecture else f"a {kind}"
        raise NotFoundError(f"name {name!r} is not one of the 337 cities: {what} ({basis})")
    close = difflib.get_close_matches(name, list(_spellings()), n=5, cutoff=0.5)
    raise NotFoundError(
        f"name {name!r} is not one of the 337 cities"
        + (f"; closest: {', '.join(close)}" if close else "")
        + " (names in Chinese, e.g. 北京 or 北京市)"
    )


def map_cities(
    cities: Sequence[str],
    *,
    county_level: str = "merge",
    names: Mapping[str, str | None] | None = None,
) -> pd.DataFrame:
    """Map a station list's city names (its 城市 column) to the 337 official cities.

    Parameters
    ----------
    cities : sequence of str
        Names as a station list gives them (repeats are listed once).
    county_level : {"merge", "exclude"}, optional
        ``"merge"`` (default) maps a county-level city or district (``昆山``, ``吴江``)
        to its prefecture (苏州市), so that its stations count for it — the ranking
        rule takes "all assessment stations of the city in the national network"; that
        MEE merges them is not confirmed [A]. ``"exclude"`` leaves them unmapped.
    names : mapping, optional
        Your own decisions, which win: station-list name → an official name (any
        spelling :func:`official_name` takes), or None to leave it unmapped (e.g.
        ``{"雄安新区": "保定市"}``, which no source read confirms).

    Returns
    -------
    pandas.DataFrame
        Indexed by the given name (``station_city``): ``prefecture`` (official name, or
        None when unmapped), ``kind`` (``name``, ``spelling``, ``former name``,
        ``county-level``, ``new area``, ``not in a prefecture``, ``given`` for
        ``names``, ``unknown``) and ``basis`` (why).

    Raises
    ------
    wasteless.errors.InputError
        If ``cities`` is not a list of names, ``county_level`` is not one of the two,
        or a value of ``names`` is not an official city.

    Examples
    --------
    >>> table = map_cities(["甘孜州", "吴江", "石河子", "某市"])
    >>> table["prefecture"].tolist()
    ['甘孜藏族自治州', '苏州市', None, None]
    >>> table["kind"].tolist()
    ['spelling', 'county-level', 'not in a prefecture', 'unknown']
    """
    cities = check_names(cities, "cities")
    county_level = check_choice(county_level, "county_level", _COUNTY_LEVEL)
    given = _check_names_map(names)
    rows = {}
    for name in dict.fromkeys(cities):
        if name in given:
            target = given[name]
            rows[name] = (target, "given", "names argument")
        elif name in _spellings():
            rows[name] = _spellings()[name]
        elif name in _station_names():
            prefecture, kind, basis = _station_names()[name]
            if kind == "county-level" and county_level == "exclude":
                basis = f"{basis}; left out (county_level='exclude')"
                prefecture = None
            rows[name] = (prefecture, kind, basis)
        else:
            rows[name] = (
                None,
                "unknown",
                "not an official name, nor a name of the national station list",
            )
    table = pd.DataFrame.from_dict(
        rows, orient="index", columns=["prefecture", "kind", "basis"], dtype=object
    )
    table.index.name = "station_city"
    return table


def _check_names_map(names: Any) -> dict[str, str | None]:
    if names is None:
        return {}
    if not isinstance(names, Mapping):
        raise InputError(f"names must be a mapping of station-list name to city; got {names!r}")
    out: dict[str, str | None] = {}
    for key, value in names.items():
        check_text(key, "names key")
        out[key] = None if value is None else official_name(check_text(value, f"names[{key!r}]"))
    return out


def group_names(by: str, city_set: str) -> list[str]:
    """The rows :func:`assess` gives ``by`` city, province or region for a set, in order.

    Parameters
    ----------
    by : {"city", "province", "region"}
        As for :func:`assess`.
    city_set : {"337", "168"}
        As for :func:`assess`.

    Returns
    -------
    list of str
        Official city names; provinces or :data:`REGIONS` with cities in the set, then
        the whole set's row (``337个地级及以上城市``, ``168个重点城市``).

    Examples
    --------
    >>> group_names("region", "168")
    ['2+26', '汾渭平原', '长三角', '168个重点城市']
    """
    by = check_choice(by, "by", GROUPINGS)
    members = _members(check_choice(city_set, "city_set", CITY_SETS))
    if by == "city":
        return members
    return [*_group_members(by, members), _NATIONAL[city_set]]


# --- averages over cities --------------------------------------------------------------------


def group_average(
    assessment: pd.DataFrame,
    groups: Mapping[str, Sequence[str]],
    *,
    missing: str = "propagate",
) -> pd.DataFrame:
    """The arithmetic mean of city values over groups of cities (the ``city-mean`` rule).

    Each member city counts once, whatever its number of stations or valid days:
    MEE's bulletins speak of the "average" of the cities of a region or set, and a
    third-party emulation compares official regional PM2.5 with this mean; no rule text
    confirms it [A] (``SOURCES["average"]["city-mean"]``).

    Parameters
    ----------
    assessment : pandas.DataFrame
        Indexed by city: :func:`assess` (or :func:`wasteless.air.city.assess`) rows;
        the columns averaged are those of ``pm25_annual``, ``pm10_annual``,
        ``so2_annual``, ``no2_annual``, ``co_p95``, ``o3_mda8_p90``,
        ``good_day_ratio``, ``composite_index`` (and their ``_dust_removed`` versions)
        that it has, in its units (µg/m³, mg/m³ for CO, percent).
    groups : mapping
        Group name → member cities (names of ``assessment``'s index). A member without
        a row counts as a city without values.
    missing : {"propagate", "omit"}, optional
        A member city without a value (too few valid days, or no data): ``"propagate"``
        (default) makes the group's value NaN; ``"omit"`` averages the cities that have
        one. The counts say which it is.

    Returns
    -------
    pandas.DataFrame
        Indexed by group: ``cities`` (members), ``stations`` (their stations, summed),
        each averaged column, and ``n_cities_<column>`` (members with a value).

    Raises
    ------
    wasteless.errors.InputError
        For a table without any of those columns, an empty or malformed ``groups``, or
        another ``missing``.

    Examples
    --------
    >>> table = pd.DataFrame({"pm25_annual": [30.0, 40.0, np.nan], "stations": [4, 2, 1]},
    ...                      index=["A", "B", "C"])
    >>> group_average(table, {"AB": ["A", "B"], "ABC": ["A", "B", "C"]})["pm25_annual"].tolist()
    [35.0, nan]
    >>> row = group_average(table, {"ABC": ["A", "B", "C"]}, missing="omit").loc["ABC"]
    >>> int(row["cities"]), int(row["n_cities_pm25_annual"]), float(row["pm25_annual"])
    (3, 2, 35.0)
    """
    if not isinstance(assessment, pd.DataFrame):
        raise InputError(f"assessment must be a DataFrame indexed by city; got {assessment!r}")
    missing = check_choice(missing, "missing", _MISSING)
    if not isinstance(groups, Mapping) or not groups:
        raise InputError("groups must be a non-empty mapping of group name to member cities")
    columns = [
        c for name in _AVERAGED for c in (name, f"{name}_dust_removed") if c in assessment.columns
    ]
    if not columns:
        raise InputError(
            f"assessment has none of the averaged columns {list(_AVERAGED)}; columns are "
            f"{list(assessment.columns)[:10]}"
        )
    values = {}
    for column in [*columns, "stations"]:
        if column in assessment.columns:
            numbers = pd.to_numeric(assessment[column], errors="coerce")
            if numbers.notna().sum() != assessment[column].notna().sum():
                raise InputError(f"assessment[{column!r}] must hold numbers")
            values[column] = numbers
    rows = {}
    for group, members in groups.items():
        members = check_names(members, f"groups[{group!r}]")
        row: dict[str, float] = {"cities": float(len(members))}
        stations = values.get("stations")
        row["stations"] = (
            float(stations.reindex(members).fillna(0).sum()) if stations is not None else np.nan
        )
        for column in columns:
            present = values[column].reindex(members).dropna()
            row[f"n_cities_{column}"] = float(len(present))
            complete = len(present) == len(members) or missing == "omit"
            row[column] = float(present.mean()) if complete and len(present) else np.nan
        rows[group] = row
    order = ["cities", "stations", *columns, *(f"n_cities_{c}" for c in columns)]
    table = pd.DataFrame.from_dict(rows, orient="index")[order]
    counts = ["cities", *(f"n_cities_{c}" for c in columns)]
    return table.astype(dict.fromkeys(counts, np.int64))


# --- dust-affected days --------------------------------------------------------------------


def check_dust(
    dust: pd.DataFrame,
    sites: pd.DataFrame,
    *,
    year: int | None = None,
    city_set: str | None = "337",
    county_level: str = "merge",
    names: Mapping[str, str | None] | None = None,
) -> pd.DataFrame:
    """Check a table of dust-affected city-days and name its cities as :func:`assess` does.

    The dust-affected days of 受沙尘天气过程影响城市空气质量评价补充规定 (环办监测〔2016〕
    120号) are decided by CNEMC in data review (satellite remote sensing, the dust-storm
    network, meteorological dust reports); the rule's criteria were not found, so they
    are an input, not computed ([S], ``SOURCES["dust"]``).

    Parameters
    ----------
    dust : pandas.DataFrame
        Columns ``city`` and ``date`` (one row per dust-affected city-day), as
        :func:`wasteless.io.read_dust_days` reads them from a CSV file; an index named
        ``line`` gives the file's line numbers in messages, ``attrs["source"]`` its name.
    sites : pandas.DataFrame
        The station list (:func:`wasteless.io.read_sites`).
    year : int, optional
        Every date must fall in this year (checked when given).
    city_set : {"337", "168"} or None, optional
        With a set, a city is any name :func:`official_name` takes (``北京``, ``北京市``,
        ``甘孜州``); without (None), a value of the station list's ``city`` column.
    county_level, names
        As for :func:`map_cities`; with a set, the station-list cities that these map to
        no city (new areas, 石河子) are accepted under their own name.

    Returns
    -------
    pandas.DataFrame
        ``city`` (the name the assessment uses: official with a set) and ``date``
        (midnight), sorted, one row per city-day, and ``in_set`` (False for a known
        city outside the set, e.g. a city of the 337 that is not one of the 168: not
        applied).

    Raises
    ------
    wasteless.errors.InputError
        For a table of the wrong form, a city that is not known (with the closest
        names), a date that is not a date or falls outside ``year``, or a city-day given
        twice: each names the line and the value.

    Examples
    --------
    >>> dust = pd.DataFrame({"city": ["北京", "和田地区"], "date": ["2019-03-27", "2019-03-27"]})
    >>> sites = pd.DataFrame({"city": ["北京"], "background": [False]}, index=["1001A"])
    >>> check_dust(dust, sites, year=2019)["city"].tolist()
    ['北京市', '和田地区']
    """
    where = _dust_where(dust)
    if not isinstance(dust, pd.DataFrame) or not {"city", "date"} <= set(dust.columns):
        raise InputError(f"dust{where} must be a table with the columns city and date")
    station_city = _city._groups(sites, "city", None)
    if city_set is not None:
        city_set = check_choice(city_set, "city_set", CITY_SETS)
    year = None if year is None else check_year(year)
    lines = dust.index if dust.index.name == "line" else pd.RangeIndex(2, len(dust) + 2)
    cities = dust["city"].to_numpy(dtype=object)
    bad = [j for j, name in enumerate(cities) if not isinstance(name, str) or not name.strip()]
    if bad:
        raise InputError(
            f"dust{where}, line {lines[bad[0]]}: city must be a name; got {cities[bad[0]]!r}"
        )
    parsed = _dates(dust["date"])
    unparsed = np.flatnonzero(parsed.isna())
    if len(unparsed):
        j = int(unparsed[0])
        raise InputError(
            f"dust{where}, line {lines[j]}: date must be a date (e.g. 2019-03-27); got "
            f"{dust['date'].iloc[j]!r}"
        )
    dates = pd.DatetimeIndex(parsed).normalize()
    if year is not None:
        outside = np.flatnonzero(dates.year != year)
        if len(outside):
            j = int(outside[0])
            raise InputError(
                f"dust{where}, line {lines[j]}: date {dates[j]:%Y-%m-%d} is outside the year "
                f"assessed, {year} ({len(outside)} such line(s)); give the dust days of {year}"
            )
    known, members = _dust_names(station_city, city_set, county_level, names)
    resolved = []
    for j, name in enumerate(cities):
        name = name.strip()
        if name not in known:
            close = difflib.get_close_matches(name, list(known), n=5, cutoff=0.5)
            what = "a city of the 337 (names in Chinese, e.g. 北京 or 北京市)"
            if city_set is None:
                what = "a city of the station list's city column"
            listed = _station_names().get(name)
            hint = ""
            if listed is not None and listed[0] is not None and city_set is not None:
                hint = (
                    f": {name} is a {listed[1]} city in {listed[0]}; dust days are given "
                    f"per city of the set"
                )
            raise InputError(
                f"dust{where}, line {lines[j]}: city {name!r} is not {what}{hint}"
                + (f"; closest: {', '.join(close)}" if close else "")
            )
        resolved.append(known[name])
    table = pd.DataFrame({"city": resolved, "date": dates})
    repeated = np.flatnonzero(table.duplicated(keep="first").to_numpy())
    if len(repeated):
        j = int(repeated[0])
        raise InputError(
            f"dust{where}, line {lines[j]}: {cities[j]} on {dates[j]:%Y-%m-%d} is given twice "
            "(each city-day once)"
        )
    table["in_set"] = np.array([members is None or c in members for c in resolved], dtype=bool)
    return table.sort_values(["city", "date"], ignore_index=True)


def _dates(values: pd.Series) -> pd.DatetimeIndex:
    """Dates (a datetime column, or text as 2019-03-27, 2019/03/27 or 20190327); NaT else."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return pd.DatetimeIndex(values)
    out: list[Any] = []
    for value in values.tolist():
        found: Any = pd.NaT
        if isinstance(value, (pd.Timestamp, _dt.date)):
            found = pd.Timestamp(value)
        elif isinstance(value, str):
            for pattern in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"):
                found = pd.to_datetime(value.strip(), format=pattern, errors="coerce")
                if found is not pd.NaT:
                    break
        out.append(found)
    return pd.DatetimeIndex(out)


def _dust_where(dust: Any) -> str:
    source = getattr(dust, "attrs", {}).get("source") if isinstance(dust, pd.DataFrame) else None
    return f" ({source})" if source else ""


def _members(name: str) -> list[str]:
    return city_set(name)


def _dust_names(
    station_city: pd.Series,
    city_set: str | None,
    county_level: str,
    names: Mapping[str, str | None] | None,
) -> tuple[dict[str, str], set[str] | None]:
    """Accepted dust names → the assessed group's name; and the set's members (or None)."""
    listed = sorted(set(station_city.astype(str)))
    if city_set is None:
        return {name: name for name in listed}, None
    known = {name: official for name, (official, _, _) in _spellings().items()}
    mapping = map_cities(listed, county_level=county_level, names=names)
    for name, prefecture, kind in zip(
        mapping.index.tolist(), mapping["prefecture"], mapping["kind"], strict=True
    ):
        if prefecture is None:
            known.setdefault(name, name)  # unmapped cities keep their own name
        elif kind == "given":
            known[name] = prefecture
    return known, set(_members(city_set))


# --- the assessment --------------------------------------------------------------------------


def assess(
    source: Any,
    sites: pd.DataFrame,
    *,
    year: int | None = None,
    by: str = "city",
    city_set: str | None = "337",
    average: str = "city-mean",
    missing: str = "propagate",
    dust: pd.DataFrame | None = None,
    cities: Sequence[str] | None = None,
    county_level: str = "merge",
    names: Mapping[str, str | None] | None = None,
    edition: str | None = None,
    hour_label: str | None = None,
    rules: ValidityRules = GB3095_2012,
    units: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """The annual assessment of an official city set, by city, province or region (HJ 663).

    The stations of each official city (its station-list names mapped by
    :func:`map_cities`, background stations left out) make its daily values, then its
    HJ 663 annual statistics, composite index and rank **within the set**
    (:func:`wasteless.air.city.annual_assessment`). By province or region, the groups'
    values are made from their cities' by ``average``, with a row for the whole set.

    Parameters
    ----------
    source : pandas.DataFrame or dask.dataframe.DataFrame
        A tidy table (:func:`wasteless.io.read_cnemc`), its station daily statistics
        (:func:`wasteless.air.network.daily_statistics`, indexed by ``station``), or city
        daily values keyed by the station list's city names with their station counts
        (:func:`wasteless.air.city.city_daily`, the first index level not ``station``):
        cities that map to one official city are then merged by a station-weighted mean
        (``n_stations_<statistic>``), which equals the mean of their stations.
    sites : pandas.DataFrame
        The station list (:func:`wasteless.io.read_sites`).
    year : int, optional
        As for :func:`wasteless.air.city.assess`.
    by : {"city", "province", "region"}, optional
        One row per official city (default), per province (of :func:`prefectures`), or
        per region of :data:`REGIONS`; the last two add a row for the whole set
        (``337个地级及以上城市`` or ``168个重点城市``). Regions and provinces are not
        ranked.
    city_set : {"337", "168"} or None, optional
        The cities assessed and ranked (default ``"337"``). None: the station list's
        city names as they are (``by="city"`` only), as
        :func:`wasteless.air.city.assess`.
    average : {"city-mean", "pooled"}, optional
        How a province's, region's or the set's value is made: the mean of its cities'
        values (:func:`group_average`, default) or its stations pooled as one group; no
        rule text confirms either [A].
    missing : {"propagate", "omit"}, optional
        For ``"city-mean"``: a member city without a value makes the average NaN
        (default), or is left out of it (the ``n_cities_<column>`` counts say how many
        were averaged).
    dust : pandas.DataFrame, optional
        Dust-affected city-days (:func:`check_dust`). Adds ``pm25_annual_dust_removed``,
        ``pm10_annual_dust_removed``, ``composite_index_dust_removed`` and
        ``dust_days``; ``rank`` then follows the dust-removed composite index (CNEMC's
        practice [S]); the other columns keep the dust days. A dust-removed mean is
        the mean of the valid days left, given when the raw statistic meets the year
        rule (an assumption [A]: the rule's text on data capture was not found).
    cities : sequence of str, optional
        Keep only these rows (any spelling :func:`official_name` takes; region or
        province names with ``by``); ranks stay those within the set.
    county_level, names
        As for :func:`map_cities`.
    edition, hour_label, rules, units
        As for :func:`wasteless.air.city.assess`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``by``: by city, the columns of
        :func:`wasteless.air.city.assess`, one row for every city of the set (NaN, 0
        stations, for a city without data); by province or region, ``cities``,
        ``stations``, the averaged columns and their ``n_cities_<column>``
        (``city-mean``), or the assessment columns of the pooled stations. ``attrs``:
        those of :func:`~wasteless.air.city.annual_assessment`, ``grouping`` (set,
        source, quality, averaging rule, mapped and unmapped names, cities without
        data), ``dust`` (the rule and the days, or None), ``statements`` (all of
        it in words, for printing) and ``unlisted_stations`` (stations of the data
        that ``sites`` does not name, in no city).

    Raises
    ------
    wasteless.errors.InputError
        For a bad option, a source or station list of the wrong form, unknown
        ``cities``, or a bad dust table (:func:`check_dust`).

    Examples
    --------
    昆山 is a county-level city of 苏州: its station counts for 苏州市. City daily values
    of a year, 苏州 with 2 stations at 30 µg/m³ of PM2.5, 昆山 with 1 at 60:

    >>> from wasteless.units import pint_series
    >>> days = pd.date_range("2019-01-01", "2019-12-31")
    >>> index = pd.MultiIndex.from_product([["苏州", "昆山"], days], names=["city", "date"])
    >>> n = len(days)
    >>> values = {"SO2_24h": 6.0, "NO2_24h": 20.0, "PM10_24h": 35.0, "CO_24h": 0.5,
    ...           "O3_8h": 80.0}
    >>> table = pd.DataFrame({k: pint_series(np.full(2 * n, v), "mg/m3" if k == "CO_24h"
    ...                                      else "ug/m3", index).array
    ...                       for k, v in values.items()}, index=index)
    >>> table["PM2.5_24h"] = pint_series(np.repeat([30.0, 60.0], n), "ug/m3", index).array
    >>> for column in [*values, "PM2.5_24h"]:
    ...     table[f"n_stations_{column}"] = np.repeat([2, 1], n)
    >>> table["stations"] = np.repeat([2, 1], n)
    >>> sites = pd.DataFrame({"city": ["苏州", "苏州", "昆山"], "background": False},
    ...                      index=["A", "B", "C"])
    >>> row = assess(table, sites, city_set="168").loc["苏州市"]
    >>> float(row["pm25_annual"]), int(row["stations"])  # (2 × 30 + 60) / 3
    (40.0, 3)
    """
    by = check_choice(by, "by", GROUPINGS)
    if city_set is not None:
        city_set = check_choice(city_set, "city_set", CITY_SETS)
    elif by != "city":
        raise InputError(f"by={by!r} needs a city_set ('337' or '168'); got city_set=None")
    average = check_choice(average, "average", AVERAGES)
    missing = check_choice(missing, "missing", _MISSING)
    county_level = check_choice(county_level, "county_level", _COUNTY_LEVEL)
    rules = _check_rules(rules)
    station_city = _city._groups(sites, "city", None)  # checks the station list
    wanted = None if cities is None else check_names(cities, "cities")
    base, kind, recorded = _base(source, hour_label, rules, units)
    if kind == "station":
        unit_city, unit_stations = station_city, pd.Series(1, index=station_city.index)
    else:
        unit_city, unit_stations = _unit_names(base), base["stations"].groupby(level=0).max()
    members: list[str] | None = None
    mapping = None
    if city_set is None:
        unit_group = unit_city.astype(object)
    else:
        members = _members(city_set)
        present_names = sorted(set(unit_city.astype(str)))
        mapping = map_cities(present_names, county_level=county_level, names=names)
        unit_group = unit_city.map(mapping["prefecture"]).astype(object)
        unit_group = unit_group.where(unit_group.isin(members))
    label = _NATIONAL.get(city_set or "", "")
    groups: dict[str, list[str]] = {}
    # what is assessed: the cities (by city, or to average them), or pooled groups
    parts: list[tuple[Mapping[str, str] | None, str]] = [(None, "city")]
    if by != "city":
        assert members is not None  # by != "city" needs a set (checked above)
        groups = _group_members(by, members)
        if average == "pooled":
            of_city = {c: g for g, cs in groups.items() for c in cs}
            parts = [(of_city, by), (dict.fromkeys(members, label), by)]
    work = _Work(base, kind, unit_group, sites, edition, rules, recorded)
    tables = [work.assessed(group_of, level, year) for group_of, level in parts]
    year = tables[0].attrs["year"]  # the dust table is checked against the year assessed
    dust_days = None
    if dust is not None:
        dust_days = check_dust(
            dust, sites, year=year, city_set=city_set, county_level=county_level, names=names
        )
        tables = [
            work.with_dust(table, group_of, level, dust_days)
            for table, (group_of, level) in zip(tables, parts, strict=True)
        ]
    if by == "city":
        table = tables[0] if members is None else _with_every_member(tables[0], members)
    elif average == "city-mean":
        assert members is not None
        table = group_average(tables[0], {**groups, label: members}, missing=missing)
        table.attrs.update(tables[0].attrs)
    else:
        assert members is not None
        table = pd.concat(tables).reindex([*groups, label])
        table.attrs.update(tables[0].attrs)
        table.insert(0, "cities", [len(groups.get(g, members)) for g in table.index])
        table["rank"] = np.nan
    table.index.name = by
    table.attrs["grouping"] = _grouping(
        by,
        city_set,
        average,
        missing,
        county_level,
        mapping,
        unit_stations,
        unit_city,
        unit_group,
        table,
        members,
    )
    table.attrs["dust"] = _dust_attrs(dust_days)
    # stations of the data the station list does not name: in no city, counted (a city
    # daily table as source carries the count city_daily made)
    table.attrs["unlisted_stations"] = (
        _city._unlisted_stations(base, sites)
        if kind == "station"
        else list(base.attrs.get("unlisted_stations", []))
    )
    table.attrs["statements"] = _statements(
        {"grouping": table.attrs["grouping"], "dust": table.attrs["dust"]}
    )
    if wanted is not None:
        table = _select(table, wanted, by)
    return table


def _base(
    source: Any, hour_label: str | None, rules: ValidityRules, units: Mapping[str, Any] | None
) -> tuple[pd.DataFrame, str, str | None]:
    """The daily table to group: ``("station" | "city", table, hour label)``."""
    if (
        isinstance(source, pd.DataFrame)
        and isinstance(source.index, pd.MultiIndex)
        and source.index.names[0] != "station"
        and "O3_8h" in source.columns
    ):
        absent = [
            f"n_stations_{c}"
            for c in DAILY_STATISTICS
            if c in source.columns and f"n_stations_{c}" not in source.columns
        ]
        if absent or "stations" not in source.columns:
            raise InputError(
                "source: city daily values need their station counts to be merged "
                f"(city_daily's n_stations_<statistic> and stations columns); missing "
                f"{absent or ['stations']}"
            )
        return source, "city", _city._check_hour_label(hour_label)
    daily, recorded = _city._station_daily(source, hour_label, rules, units)
    return daily, "station", recorded


def _unit_names(table: pd.DataFrame) -> pd.Series:
    names = pd.Index(table.index.get_level_values(0).unique())
    return pd.Series(names.astype(str), index=names)


def _groups_daily(
    base: pd.DataFrame, kind: str, unit_group: pd.Series, sites: pd.DataFrame, level: str
) -> pd.DataFrame:
    """Daily values of each group: its stations' mean (merged cities: station-weighted)."""
    mapped = unit_group.dropna()
    if mapped.empty:
        raise InputError("no station of the data belongs to a city of the set")
    if kind == "station":
        groups = {str(g): codes.tolist() for g, codes in mapped.groupby(mapped).groups.items()}
        table = _city.city_daily(base, sites, groups=groups)
        table.index = table.index.set_names(level, level=0)
        return table
    units = base.index.get_level_values(0)
    group = unit_group.reindex(units).to_numpy(dtype=object)
    keep = pd.notna(group)
    if not keep.any():
        raise InputError("no city of the data belongs to a city of the set")
    rows = base[keep]
    key = pd.MultiIndex.from_arrays(
        [group[keep], pd.DatetimeIndex(rows.index.get_level_values(-1))], names=[level, "date"]
    )
    columns: dict[str, Any] = {}
    index = None
    unit_of: dict[str, Any] = {}
    parts: dict[tuple[str, str], Any] = {}  # (column, "sum" or "n") -> one value per row
    for column in (c for c in DAILY_STATISTICS if c in rows.columns):
        pint_column(rows, column, "source")
        unit_of[column] = rows[column].pint.units
        values = rows[column].pint.magnitude.to_numpy(dtype=np.float64, na_value=np.nan)
        counts = rows[f"n_stations_{column}"].to_numpy(dtype=np.float64)
        weight = np.where(np.isnan(values), 0.0, counts)
        parts[column, "sum"] = np.where(weight > 0, values * weight, 0.0)
        parts[column, "n"] = weight
    if parts:
        # one groupby for every column: each column's sums are those of its own groupby
        sums = pd.DataFrame(parts, index=key).groupby(level=[0, 1], sort=True).sum()
        index = sums.index
        for column, unit in unit_of.items():
            n = sums[column, "n"].to_numpy()
            with np.errstate(invalid="ignore", divide="ignore"):
                mean = np.where(n > 0, sums[column, "sum"].to_numpy() / n, np.nan)
            columns[column] = pint_series(mean, unit, index).array
            columns[f"n_stations_{column}"] = sums[column, "n"].to_numpy(dtype=np.int64)
    table = pd.DataFrame(columns, index=index)
    per_unit = rows["stations"].groupby(level=0).max()
    per_group = per_unit.groupby(unit_group.reindex(per_unit.index).to_numpy()).sum()
    table["stations"] = per_group.reindex(table.index.get_level_values(0)).to_numpy()
    return table


def _mask(base: pd.DataFrame, unit_group: pd.Series, dust_days: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``base`` with PM10 and PM2.5 taken out on the groups' dust-affected days."""
    applied = dust_days.loc[dust_days["in_set"].to_numpy(dtype=bool)]
    listed = pd.MultiIndex.from_arrays([applied["city"], applied["date"]])
    group = unit_group.reindex(base.index.get_level_values(0)).to_numpy(dtype=object)
    dates = pd.DatetimeIndex(base.index.get_level_values(-1)).normalize()
    hit = pd.MultiIndex.from_arrays([group, dates]).isin(listed)
    out = base.copy()
    for column in (c for c in _DUST_DAILY if c in out.columns):
        unit = out[column].pint.units
        values = out[column].pint.magnitude.to_numpy(dtype=np.float64, na_value=np.nan)
        out[column] = pint_series(np.where(hit, np.nan, values), unit, out.index).array
    return out


@dataclasses.dataclass(frozen=True)
class _Work:
    """What every assessment of one call shares: the daily values and how to group them."""

    base: pd.DataFrame  # station or city daily values
    kind: str  # "station" or "city"
    unit_city: pd.Series  # station (or station-list city) -> the city assessed
    sites: pd.DataFrame
    edition: str | None
    rules: ValidityRules
    hour_label: str | None

    def assessed(
        self, group_of: Mapping[str, str] | None, level: str, year: int | None
    ) -> pd.DataFrame:
        """The annual assessment of the cities, or of their groups (``group_of``)."""
        daily = self._daily(self.base, group_of, level)
        return _city.annual_assessment(
            daily, year, edition=self.edition, rules=self.rules, hour_label=self.hour_label
        )

    def with_dust(
        self,
        table: pd.DataFrame,
        group_of: Mapping[str, str] | None,
        level: str,
        dust_days: pd.DataFrame,
    ) -> pd.DataFrame:
        """``table`` with the dust-removed columns, ranked by the dust-removed index."""
        masked = self._daily(_mask(self.base, self.unit_city, dust_days), group_of, level)
        # the year rule on the raw days; the dust-removed mean of the days left (assumption)
        loose = dataclasses.replace(self.rules, min_days_per_year=1)
        removed = _city.annual_assessment(
            masked,
            table.attrs["year"],
            edition=self.edition,
            rules=loose,
            hour_label=self.hour_label,
        ).reindex(table.index)
        out = table.copy()
        for column in _DUST_COLUMNS:
            out[f"{column}_dust_removed"] = removed[column].where(table[column].notna())
        applied = dust_days.loc[dust_days["in_set"].to_numpy(dtype=bool), "city"]
        counts = (applied if group_of is None else applied.map(group_of)).value_counts()
        out["dust_days"] = counts.reindex(out.index).fillna(0).to_numpy(dtype=np.int64)
        out["rank"] = out["composite_index_dust_removed"].rank(method="min")
        return out.sort_values(["rank", "composite_index_dust_removed"], na_position="last")

    def _daily(
        self, base: pd.DataFrame, group_of: Mapping[str, str] | None, level: str
    ) -> pd.DataFrame:
        unit_group = self.unit_city if group_of is None else self.unit_city.map(group_of)
        return _groups_daily(base, self.kind, unit_group, self.sites, level)


def _with_every_member(table: pd.DataFrame, members: list[str]) -> pd.DataFrame:
    """Every city of the set, those without data at the end (counts 0, values NaN)."""
    absent = [m for m in members if m not in table.index]
    if not absent:
        return table
    extra = pd.DataFrame(
        {
            column: np.zeros(len(absent), dtype=dtype) if dtype.kind in "iu" else np.nan
            for column, dtype in table.dtypes.items()
        },
        index=pd.Index(absent, name=table.index.name),
    )
    extra["stations"] = 0.0
    out = pd.concat([table, extra])
    out.attrs = dict(table.attrs)
    return out


def _group_members(by: str, members: list[str]) -> dict[str, list[str]]:
    """Province or region → its cities of the set."""
    if by == "region":
        of_city = regions()["region"]
        order = list(REGIONS)
    else:
        of_city = prefectures()["province"]
        order = list(dict.fromkeys(of_city.reindex(members)))
    groups: dict[str, list[str]] = {name: [] for name in order}
    for member in members:
        name = of_city.get(member)
        if name is not None:
            groups[name].append(member)
    return {name: cities for name, cities in groups.items() if cities}


def _select(table: pd.DataFrame, wanted: list[str], by: str) -> pd.DataFrame:
    """The rows named by ``cities``, by any spelling; ranks unchanged."""
    chosen = []
    for name in wanted:
        if name in table.index:
            chosen.append(name)
            continue
        if by == "city" and name in _spellings() and _spellings()[name][0] in table.index:
            chosen.append(_spellings()[name][0])
            continue
        close = difflib.get_close_matches(name, [str(i) for i in table.index], n=5, cutoff=0.5)
        raise NotFoundError(
            f"cities: {name!r} is not a {by} of the assessment"
            + (f"; closest: {', '.join(close)}" if close else "")
        )
    out = table.loc[list(dict.fromkeys(chosen))]
    out.attrs = dict(table.attrs)
    return out


def _grouping(
    by: str,
    city_set: str | None,
    average: str,
    missing: str,
    county_level: str,
    mapping: pd.DataFrame | None,
    unit_stations: pd.Series,
    unit_city: pd.Series,
    unit_group: pd.Series,
    table: pd.DataFrame,
    members: list[str] | None,
) -> dict[str, Any]:
    """What the grouping rests on, for ``attrs["grouping"]``."""
    out: dict[str, Any] = {"by": by, "set": city_set, "county_level": county_level}
    if city_set is not None:
        record = SOURCES["sets"][city_set]
        out.update(
            {
                "set_title": record["title"],
                "set_quality": record["quality"] + (" (derived)" if record["derived"] else ""),
                "set_status": record["status"],
                "set_source": record["source"],
            }
        )
    if by != "city":
        rule = SOURCES["average"][average]
        out.update({"average": average, "average_rule": rule["title"]})
        out["average_status"] = f"{rule['status']} [{rule['quality']}]"
        out["missing"] = missing
    if mapping is not None:
        renamed = mapping[mapping["kind"] != "name"]
        out["mapped"] = {
            str(k): v for k, v in renamed["prefecture"].dropna().items() if v is not None
        }
        unmapped = unit_city[unit_group.isna()]
        outside = unmapped[unmapped.map(mapping["prefecture"]).isna()]
        counts = unit_stations.reindex(outside.index).groupby(outside.to_numpy()).sum()
        reasons = mapping["basis"].to_dict()
        out["unmapped"] = {
            str(name): {"stations": int(n), "reason": str(reasons[name])}
            for name, n in counts.items()
        }
    if members is not None and by == "city":
        out["no_data"] = [str(c) for c in table.index[table["stations"] == 0]]
    return out


def _dust_attrs(dust_days: pd.DataFrame | None) -> dict[str, Any] | None:
    if dust_days is None:
        return None
    return {
        "rule": _DUST["title"],
        "quality": _DUST["quality"],
        "source": _DUST["source"],
        "status": _DUST["status"],
        "applies_to": list(_DUST_COLUMNS),
        "kept": list(_DUST["kept"]),
        "year_rule": _DUST["year_rule"],
        "city_days": int(dust_days["in_set"].sum()),
        "city_days_outside_set": int((~dust_days["in_set"]).sum()),
    }


def _statements(attrs: Mapping[str, Any]) -> list[str]:
    """The grouping and dust rules of a result, in words."""
    grouping = attrs["grouping"]
    lines = []
    if grouping["set"] is None:
        lines.append("Cities: the station list's city names as they are (no official set).")
    else:
        lines.append(
            f"City set {grouping['set']}: {grouping['set_title']} [{grouping['set_quality']}]. "
            f"{grouping['set_status']}"
        )
        merged = grouping["county_level"] == "merge"
        lines.append(
            f"Station-list names mapped to a city of the set by "
            f"wasteless/data/city_groups/station_city_names.csv; county-level cities "
            f"{'merged into their prefecture' if merged else 'left out'} "
            f"(whether MEE merges them is not confirmed [A])."
        )
    if grouping.get("mapped"):
        pairs = [f"{k} → {v}" for k, v in grouping["mapped"].items()]
        more = f" and {len(pairs) - 10} more" if len(pairs) > 10 else ""
        lines.append(
            f"Station-list names counted for another name of the set: {len(pairs)} "
            f"({', '.join(pairs[:10])}{more}; all in attrs['grouping']['mapped'])."
        )
    if grouping.get("unmapped"):
        parts = [f"{k} ({v['stations']})" for k, v in grouping["unmapped"].items()]
        lines.append(
            f"Not assessed: the stations of {len(parts)} station-list cities that map to no "
            f"city of the set: {', '.join(parts)}."
        )
    if grouping.get("no_data"):
        absent = grouping["no_data"]
        more = f" and {len(absent) - 20} more" if len(absent) > 20 else ""
        lines.append(
            f"Cities of the set without data (0 stations, no values): {len(absent)} "
            f"({', '.join(absent[:20])}{more}; all in attrs['grouping']['no_data'])."
        )
    if grouping["by"] != "city":
        lines.append(
            f"{grouping['by'].capitalize()} and set values: {grouping['average']}, "
            f"{grouping['average_rule']}; a city without a value "
            f"{'makes the average empty' if grouping['missing'] == 'propagate' else 'is left out'}"
            f". {grouping['average_status']} Regions and provinces are not ranked."
        )
    dust = attrs.get("dust")
    if dust is None:
        lines.append(
            "Dust: no dust-affected days given; PM10, PM2.5 and the composite index include "
            "dust (MEE's published figures remove the days of 环办监测〔2016〕120号)."
        )
    else:
        lines.append(
            f"Dust: {dust['rule']} [{dust['quality']}]: {dust['city_days']} dust-affected "
            f"city-days given (not computed: {dust['status']}). Removed from "
            f"{', '.join(dust['applies_to'])} (the _dust_removed columns; rank by the "
            f"dust-removed composite index); kept in {', '.join(dust['kept'])}. "
            f"{dust['year_rule']}"
        )
    return lines
