r"""City (or district, province, region) assessment the way the Ministry does it (HJ 663).

From the daily statistics of each station (:func:`wasteless.air.network.daily_statistics`):

1. **City daily values** (:func:`city_daily`): for each pollutant statistic, the mean of
   the valid daily values of the city's stations, background (对照点) stations excluded
   (HJ 663-2013 §4, as quoted: a city's concentration is the arithmetic mean of its
   assessment stations [W]).
2. **City daily AQI** (:func:`daily_aqi`): HJ 633 daily AQI from those values, with
   primary pollutant and category. A day is *valid* when all six pollutants have a city
   value (an assumption [A]: the AQI of a day with a pollutant missing would understate
   it, so such a day is not counted).
3. **The annual assessment** (:func:`assess`): per city, the number of stations and valid
   days; the annual statistics of HJ 663 (annual means of SO₂, NO₂, PM10, PM2.5; the CO
   95th percentile of daily means; the 90th percentile of O₃ MDA8); days per AQI
   category; the good-day ratio (优良天数比例: days with AQI <= 100 over valid days);
   exceedance days per pollutant (its sub-index above 100); and the **composite index**
   (综合指数) of the national city ranking: the sum over the six pollutants of each
   one's statistic divided by its GB 3095-2012 grade II limit — annual means over the
   annual limits for SO₂, NO₂, PM10, PM2.5, the CO 95th percentile over the 24-hour
   limit, the O₃ MDA8 90th percentile over the 8-hour limit (城市环境空气质量排名技术规定,
   环办监测〔2018〕19号, as quoted [S]). Cities are ranked by it, 1 the cleanest.

Groups other than cities: ``by="province"`` (a column of the station list), or
``groups={"E-Town": ["1001A", ...]}`` for any set of stations (a district, a region).

The statistics of a dask frame (from ``read_cnemc(..., engine="dask")``) are computed
per station partition by dask (``ddf.shuffle("station")``), then combined: the numbers
equal the pandas path's.

Examples
--------
>>> import pandas as pd
>>> from wasteless.units import pint_series
>>> days = pd.date_range("2019-01-01", periods=2)
>>> index = pd.MultiIndex.from_product([["A", "B"], days], names=["station", "date"])
>>> daily = pd.DataFrame({"PM2.5_24h": pint_series([30., 50, 40, 60], "ug/m3", index).array},
...                      index=index)
>>> sites = pd.DataFrame({"city": ["X", "X"], "background": [False, False]}, index=["A", "B"])
>>> city_daily(daily, sites)["PM2.5_24h"].pint.magnitude.tolist()
[35.0, 55.0]
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from wasteless._data import read_toml
from wasteless._deprecate import RenamedKeys
from wasteless._validate import check_columns, check_names, check_year
from wasteless.air import aqi as hj633
from wasteless.air import limits
from wasteless.air.means import GB3095_2012, ValidityRules, _check_rules
from wasteless.air.network import (
    _RENAMED,
    ANNUAL_STATISTICS,
    DAILY_STATISTICS,
    _daily_statistics,
    annual_statistics,
    pint_column,
)
from wasteless.air.tidy import HOUR_LABELS, hour_label_of, is_dask, units_of
from wasteless.errors import InputError
from wasteless.units import pint_series

__all__ = [
    "ASSESSMENT_COLUMNS",
    "COMPOSITE_INDEX",
    "annual_assessment",
    "assess",
    "city_daily",
    "daily_aqi",
]


def _composite_index() -> Mapping[str, tuple[str, str, str]]:
    terms = read_toml("air_assessment.toml")["composite_index"]["terms"]
    table = {name: (t["pollutant"], t["averaging"], t["standard"]) for name, t in terms.items()}
    return RenamedKeys(table, _RENAMED, "wasteless.air.city.COMPOSITE_INDEX")


COMPOSITE_INDEX: Mapping[str, tuple[str, str, str]] = _composite_index()
"""Composite index term → (pollutant, averaging, standard) of the limit it is divided by.

Read from ``wasteless/data/air_assessment.toml`` with its source (城市环境空气质量排名技术规定,
环办监测〔2018〕19号, as quoted [S]); a term is an annual statistic of
:data:`wasteless.air.network.ANNUAL_STATISTICS` (``O3_8h_p90``, renamed ``O3_mda8_p90``,
still looks its term up until 0.4).
"""

ASSESSMENT_COLUMNS: tuple[str, ...] = (
    "stations",
    "valid_days",
    "pm25_annual",
    "pm10_annual",
    "so2_annual",
    "no2_annual",
    "co_p95",
    "o3_mda8_p90",
    "good_day_ratio",
    "composite_index",
    "rank",
    "notes",
)
"""The columns of the city table of ``python -m wasteless assess``: plain floats, then
``notes`` (text: why a value is missing or a group unranked, and which stations count)."""

_CITY_STATIONS: Mapping[str, str] = MappingProxyType(
    dict(read_toml("air_assessment.toml")["city_stations"])
)
# rule, source, url, quality: the background-station rule, stated in assess's output
_NOTE_SEPARATOR = "; "  # between the notes of a group (no note holds it)


def _plain_name(statistic: str) -> str:
    """The assessment column of an annual statistic: ``PM2.5_annual`` → ``pm25_annual``."""
    return statistic.lower().replace(".", "")


# assessment column → (annual statistic, the unit of the limit it is divided by)
_PLAIN = {
    _plain_name(term): (term, limits.get(standard, pollutant, averaging).unit)
    for term, (pollutant, averaging, standard) in COMPOSITE_INDEX.items()
}
_PLAIN = {column: _PLAIN[column] for column in ASSESSMENT_COLUMNS if column in _PLAIN}
# days_<category> columns: the HJ 633 categories, as names
_CATEGORIES = {c.level: str(c.category_en).lower().replace(" ", "_") for c in hj633.CATEGORIES}
# the daily values a city's daily AQI needs: the indicators both editions' daily reports use
_SIX = tuple(
    statistic
    for statistic in DAILY_STATISTICS
    if all(statistic in hj633.edition_rules(e).reports["daily"].keys for e in hj633.EDITIONS)
)


def _groups(sites: pd.DataFrame, by: str, groups: Mapping[str, Sequence[str]] | None) -> pd.Series:
    """Station code → group name, background stations left out (a code per membership)."""
    if not isinstance(sites, pd.DataFrame) or "background" not in sites.columns:
        raise InputError(
            "sites must be a station list as read by wasteless.io.read_sites (indexed by "
            "code, with a bool 'background' column)"
        )
    repeated = sites.index[sites.index.duplicated()]
    if len(repeated):
        # a code listed twice would count its station twice in its group's mean
        raise InputError(
            f"sites: station code(s) {sorted(map(str, set(repeated)))[:5]} are listed more "
            "than once; a station list names each station once (drop the repeats, e.g. "
            "sites[~sites.index.duplicated()], after checking which row is right)"
        )
    keep = ~sites["background"].astype(bool)
    if not isinstance(by, str):
        raise InputError(f"by must be the name of a station-list column; got {by!r}")
    if groups is not None:
        if not isinstance(groups, Mapping) or not groups:
            raise InputError("groups must be a non-empty mapping of name to station codes")
        for name, codes in groups.items():
            check_names(codes, f"groups[{name!r}]")
        # one entry per membership: groups may overlap (a district inside its city), and
        # each group keeps every one of its stations (a dict by station kept only the last)
        pairs = list(dict.fromkeys((c, name) for name, codes in groups.items() for c in codes))
        unknown = sorted({code for code, _ in pairs} - set(sites.index))
        if unknown:
            raise InputError(f"groups name stations not in the station list: {unknown[:5]}")
        series = pd.Series(
            [name for _, name in pairs],
            index=pd.Index([code for code, _ in pairs], name=sites.index.name),
            name="group",
        )
        return series[keep.reindex(series.index).to_numpy()]
    if by not in sites.columns:
        raise InputError(f"sites has no column {by!r}; columns are {list(sites.columns)}")
    return sites.loc[keep, by].rename("group")


def city_daily(
    daily: pd.DataFrame,
    sites: pd.DataFrame,
    *,
    by: str = "city",
    groups: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """City (group) daily values: the mean of its non-background stations' daily values.

    Parameters
    ----------
    daily : pandas.DataFrame
        A :func:`~wasteless.air.network.daily_statistics` table, indexed by
        (``station``, ``date``).
    sites : pandas.DataFrame
        The station list (:func:`wasteless.io.read_sites`).
    by : str, optional
        The column of ``sites`` that names the group; default ``"city"``.
    groups : mapping, optional
        Group name → station codes, instead of ``by`` (a district, a region).

    Returns
    -------
    pandas.DataFrame
        Indexed by (group, ``date``), the group level named ``by`` (``"group"`` with
        ``groups``): each statistic (pint; the mean of the valid station values, NaN when
        none) and ``n_stations_<statistic>``; ``stations`` (non-background stations of the
        group in the data).

    Examples
    --------
    >>> days = pd.date_range("2019-01-01", periods=2)
    >>> index = pd.MultiIndex.from_product([["A", "B", "C"], days], names=["station", "date"])
    >>> daily = pd.DataFrame({"PM2.5_24h": pint_series([10., 20, 30, 40, 99, 99], "ug/m3",
    ...                                                index).array}, index=index)
    >>> sites = pd.DataFrame({"city": ["X", "X", "X"], "background": [False, False, True]},
    ...                      index=["A", "B", "C"])
    >>> city_daily(daily, sites)["PM2.5_24h"].pint.magnitude.tolist()  # C is background
    [20.0, 30.0]
    """
    if not isinstance(daily, pd.DataFrame) or daily.index.names[:1] != ["station"]:
        raise InputError("daily must be a daily_statistics table indexed by (station, date)")
    group_of = _groups(sites, by, groups)
    level = "group" if groups is not None else by
    stations = daily.index.get_level_values("station")
    # every (row, group) membership, in the table's row order (so each group's mean sums
    # its stations in the same order as before): a station in two groups counts in both
    members = pd.DataFrame({"station": group_of.index, "group": group_of.to_numpy()})
    positions = pd.DataFrame({"station": stations, "row": np.arange(len(stations))})
    joined = positions.merge(members, on="station", how="inner", sort=False)
    joined = joined.sort_values("row", kind="stable")
    if joined.empty:
        raise InputError("no station of the table belongs to a group (or all are background)")
    rows = daily.iloc[joined["row"].to_numpy()]
    names = joined["group"].to_numpy()
    stations = rows.index.get_level_values("station")
    key = pd.MultiIndex.from_arrays(
        [names, rows.index.get_level_values("date")], names=[level, "date"]
    )
    out: dict[str, Any] = {}
    for column in (c for c in rows.columns if c in DAILY_STATISTICS):
        pint_column(rows, column, "daily")
        values = rows[column].pint.magnitude.to_numpy(dtype=np.float64, na_value=np.nan)
        frame = pd.DataFrame({"v": values}, index=key)
        grouped = frame.groupby(level=[0, 1], sort=True)["v"]
        out[column] = (grouped.mean(), rows[column].pint.units)
        out[f"n_stations_{column}"] = grouped.count()
    index = next(iter(out.values()))[0].index
    table = pd.DataFrame(
        {
            name: pint_series(value[0].to_numpy(), value[1], index).array
            if isinstance(value, tuple)
            else value.to_numpy()
            for name, value in out.items()
        },
        index=index,
    )
    per_group = pd.Series(stations).groupby(names).nunique()
    table["stations"] = per_group.reindex(index.get_level_values(0)).to_numpy()
    table.attrs["unlisted_stations"] = _unlisted_stations(daily, sites)
    return table


def _unlisted_stations(daily: pd.DataFrame, sites: pd.DataFrame) -> list[str]:
    """The stations of a daily table that the station list does not name, sorted.

    Their values are in no city: a station has a city only through the list. The city
    functions count them in ``attrs["unlisted_stations"]`` (and ``wasteless assess``
    says how many), so that a list older than the files never loses a station silently.

    Examples
    --------
    >>> index = pd.MultiIndex.from_product([["A", "Z"], pd.date_range("2019-01-01",
    ...                                     periods=1)], names=["station", "date"])
    >>> _unlisted_stations(pd.DataFrame(index=index), pd.DataFrame(index=["A", "B"]))
    ['Z']
    """
    codes = pd.Index(daily.index.get_level_values("station").unique())
    return sorted(str(code) for code in codes[~codes.isin(sites.index)])


def daily_aqi(city: pd.DataFrame, edition: str | None = None) -> pd.DataFrame:
    """The HJ 633 daily AQI of each row of a city (or station) daily table.

    Parameters
    ----------
    city : pandas.DataFrame
        A :func:`city_daily` or :func:`~wasteless.air.network.daily_statistics` table
        with the columns ``SO2_24h``, ``NO2_24h``, ``PM10_24h``, ``PM2.5_24h``, ``CO_24h``,
        ``O3_8h`` (and ``O3_1h``, which the 2012 edition's daily report uses).
    edition : str, optional
        ``"HJ 633-2012"`` or ``"HJ 633-2026"``; default by date, the one rule of
        :mod:`wasteless.air.aqi` (:func:`~wasteless.air.aqi.edition_on`: from
        2026-03-01 the 2026 edition).

    Returns
    -------
    pandas.DataFrame
        Indexed like ``city``: the columns of :func:`wasteless.air.aqi.aqi` (``aqi``,
        ``primary_pollutant``, ``level``, ``category_zh``, ``category_en``, sub-indices).
        A day without all six pollutants has a NaN AQI. Concentrations above the top
        breakpoint are scored 500 (the index is off its scale there), without a warning
        per day; ``attrs["above_scale"]`` counts them.

    Examples
    --------
    >>> index = pd.MultiIndex.from_tuples([("X", pd.Timestamp("2019-01-01"))],
    ...                                   names=["city", "date"])
    >>> values = {"SO2_24h": 10.0, "NO2_24h": 40.0, "PM10_24h": 80.0, "PM2.5_24h": 60.0,
    ...           "CO_24h": 1.0, "O3_8h": 60.0, "O3_1h": 80.0}
    >>> city = pd.DataFrame({k: pint_series([v], "mg/m3" if k == "CO_24h" else "ug/m3",
    ...                                     index).array for k, v in values.items()},
    ...                     index=index)
    >>> result = daily_aqi(city, "HJ 633-2012").iloc[0]
    >>> float(result["aqi"]), result["primary_pollutant"]
    (82.0, 'PM2.5_24h')
    """
    if not isinstance(city, pd.DataFrame) or city.empty:
        raise InputError(
            f"city must be a non-empty table of daily values (city_daily or "
            f"daily_statistics); got {type(city).__name__}"
        )
    edition = _check_edition(edition)
    check_columns(
        city.columns,
        _SIX,
        lambda missing: f"daily AQI needs the columns {list(_SIX)}; missing {missing}",
    )
    for column in _SIX:
        pint_column(city, column, "city")
    keys = [*_SIX, *(["O3_1h"] if "O3_1h" in city.columns else [])]
    dates = pd.DatetimeIndex(city.index.get_level_values(-1))
    # edition None: the one rule of wasteless.air.aqi, by date
    chosen = hj633.edition_on(dates) if edition is None else np.full(len(city), edition)
    frames = []
    n_capped = 0
    for name in dict.fromkeys(chosen.tolist()):
        rows = city[chosen == name]
        period_keys = [k for k in keys if not (name == "HJ 633-2026" and k == "O3_1h")]
        concentrations = {k: rows[k].reset_index(drop=True) for k in period_keys}
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", hj633.AboveScaleWarning)
            result = hj633.aqi(concentrations, edition=name, missing="propagate")
        n_capped += sum(issubclass(w.category, hj633.AboveScaleWarning) for w in caught)
        result.index = rows.index
        frames.append(result)
    out: pd.DataFrame = pd.concat(frames).reindex(city.index)
    out.attrs["above_scale"] = n_capped
    return out


def _check_edition(edition: Any) -> str | None:
    if edition is None:
        return None
    if not isinstance(edition, str) or edition not in hj633.EDITIONS:
        raise InputError(f"edition must be None or one of {list(hj633.EDITIONS)}; got {edition!r}")
    return edition


def _check_hour_label(hour_label: Any) -> str | None:
    if hour_label is not None and hour_label not in HOUR_LABELS:
        raise InputError(
            f"hour_label must be None (the table's own), 'beginning' or 'ending'; got "
            f"{hour_label!r}"
        )
    return hour_label  # type: ignore[no-any-return]


def _is_daily(source: Any) -> bool:
    """Whether ``source`` is already a table of station daily statistics."""
    return (
        isinstance(source, pd.DataFrame)
        and isinstance(source.index, pd.MultiIndex)
        and "O3_8h" in source.columns
    )


def _station_daily(
    source: Any, hour_label: str | None, rules: ValidityRules, units: Mapping[str, Any] | None
) -> tuple[pd.DataFrame, str | None]:
    """Station daily statistics of ``source`` (tidy, or already daily) and their hour label.

    Errors name the argument ``source``.
    """
    if _is_daily(source):
        return source, _check_hour_label(hour_label)
    if isinstance(source, pd.DataFrame) or is_dask(source):
        # the tidy layer's rules, applied once, naming this function's argument
        recorded = hour_label_of(source, hour_label, argument="source")
        unit_of = units_of(source, units, argument="source")
        return _daily_statistics(source, unit_of, recorded, rules, None), recorded
    raise InputError(
        f"source must be a tidy DataFrame (wasteless.io.read_cnemc), a dask frame or a "
        f"daily_statistics table; got {type(source).__name__}"
    )


def assess(
    source: Any,
    sites: pd.DataFrame,
    *,
    year: int | None = None,
    by: str = "city",
    groups: Mapping[str, Sequence[str]] | None = None,
    cities: Sequence[str] | None = None,
    edition: str | None = None,
    hour_label: str | None = None,
    rules: ValidityRules = GB3095_2012,
    units: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """The annual air-quality assessment of every city (or group), ranked (HJ 663).

    Parameters
    ----------
    source : pandas.DataFrame or dask.dataframe.DataFrame
        A tidy table (:func:`wasteless.io.read_cnemc`) or its station daily statistics.
    sites : pandas.DataFrame
        The station list (:func:`wasteless.io.read_sites`).
    year : int, optional
        The calendar year assessed; default the only year in the data (an error if
        there are several).
    by, groups
        As for :func:`city_daily`.
    cities : sequence of str, optional
        Keep only these groups in the result (ranked among themselves).
    edition : str, optional
        HJ 633 edition of the daily AQI; default by date
        (:func:`~wasteless.air.aqi.edition_on`).
    hour_label : {"beginning", "ending"}, optional
        What the tidy table's timestamps mark; default its ``attrs["hour_label"]``
        (``"beginning"`` for :func:`wasteless.io.read_cnemc`), else ``"beginning"``; a
        value that contradicts the table's is refused (see
        :func:`~wasteless.air.network.daily_statistics`). Recorded in the result's
        ``attrs["hour_label"]``.
    rules : ValidityRules, optional
        Day and year validity (GB 3095-2012).
    units : mapping, optional
        Pollutant → unit, for the pollutants the tidy table gives no unit (no ``unit``
        column, no ``attrs["units"]``); one that differs from the table's is refused.

    Returns
    -------
    pandas.DataFrame
        Indexed by group (``by``), sorted by ``rank``: :data:`ASSESSMENT_COLUMNS`, plain
        floats (concentrations in µg/m³, CO in mg/m³, ``good_day_ratio`` in percent)
        and ``notes``, then ``days_<category>`` for the six AQI categories,
        ``exceedance_days`` (AQI > 100) and ``exceedance_days_<pollutant>`` (its
        sub-index > 100). A statistic with fewer valid days than the year rule is NaN,
        and so are the composite index and the rank that need it; ``notes`` says so,
        with the count and the rule from ``rules`` (``"PM10: 320 valid days < 324
        (GB 3095-2012)"``, ``"unranked: no composite index without PM10"``), and says
        which stations of ``sites`` do not count: the group's non-background stations
        not in the data (a station list may name stations the files do not hold) and
        its background stations (对照点), left out of city values (HJ 663, as quoted
        [W]). Notes are joined by ``"; "``; ``""`` when there is nothing to say.
        ``attrs`` holds the year, the edition rule, the hour convention, the limits of
        the composite index and its source, the unit of each column (``"units"``), the
        validity rules, the background-station rule with its source, and
        ``"unlisted_stations"``: the stations of the data that ``sites`` does not name,
        whose values are in no city.

    Raises
    ------
    wasteless.errors.InputError
        For a source or station list of the wrong form, several years without
        ``year``, unknown cities, or a group with no station.

    Examples
    --------
    One synthetic city of two stations, a year of constant values:

    >>> hours = pd.date_range("2019-01-01 00:00", "2019-12-31 23:00", freq="h")
    >>> constant = {"SO2": 10.0, "NO2": 30.0, "PM10": 70.0, "PM2.5": 35.0, "CO": 1.0, "O3": 80.0}
    >>> tidy = pd.concat([pd.DataFrame({"time": hours, "station": s, "pollutant": p, "value": v})
    ...                   for s in ("A", "B") for p, v in constant.items()], ignore_index=True)
    >>> tidy.attrs["units"] = {p: "mg/m3" if p == "CO" else "ug/m3" for p in constant}
    >>> sites = pd.DataFrame({"city": "X", "background": False}, index=["A", "B"])
    >>> row = assess(tidy, sites).loc["X"]
    >>> int(row["valid_days"]), float(row["good_day_ratio"])
    (365, 100.0)
    >>> round(float(row["composite_index"]), 4)  # 10/60 + 30/40 + 70/70 + 35/35 + 1/4 + 80/160
    3.6667
    >>> row["notes"]  # nothing blank, no station left out
    ''
    """
    rules = _check_rules(rules)
    daily, recorded = _station_daily(source, hour_label, rules, units)
    table = city_daily(daily, sites, by=by, groups=groups)  # the year is picked below
    result = annual_assessment(
        table, year, cities=cities, edition=edition, rules=rules, hour_label=recorded
    )
    stations = _station_notes(result, daily, sites, by, groups)
    result.attrs["unlisted_stations"] = table.attrs["unlisted_stations"]
    result["notes"] = [
        _NOTE_SEPARATOR.join(n for n in (note, *more) if n)
        for note, more in zip(result["notes"], stations.reindex(result.index), strict=True)
    ]
    return result


def annual_assessment(
    city: pd.DataFrame,
    year: int | None = None,
    *,
    cities: Sequence[str] | None = None,
    edition: str | None = None,
    rules: ValidityRules = GB3095_2012,
    hour_label: str | None = None,
) -> pd.DataFrame:
    """The annual assessment and ranking of a table of city (group) daily values.

    The second half of :func:`assess`, for city daily values computed before (e.g. kept
    in a file, as the tutorial does): see :func:`assess` for the columns.

    Parameters
    ----------
    city : pandas.DataFrame
        A :func:`city_daily` table (pint columns), indexed by (group, ``date``).
    year : int, optional
        Default: the only year in the table.
    cities, edition, rules
        As for :func:`assess`.
    hour_label : {"beginning", "ending"}, optional
        Recorded in ``attrs``: what the timestamps of the tidy table the daily values
        come from marked, if known.

    Returns
    -------
    pandas.DataFrame
        As :func:`assess`.

    Examples
    --------
    >>> days = pd.date_range("2019-01-01", "2019-12-31")
    >>> index = pd.MultiIndex.from_product([["X"], days], names=["city", "date"])
    >>> values = {"SO2_24h": 6.0, "NO2_24h": 20.0, "PM10_24h": 35.0, "PM2.5_24h": 17.5,
    ...           "CO_24h": 0.5, "O3_8h": 80.0}
    >>> city = pd.DataFrame({k: pint_series(np.full(365, v), "mg/m3" if k == "CO_24h"
    ...                                     else "ug/m3", index).array
    ...                      for k, v in values.items()}, index=index)
    >>> # 6/60 + 20/40 + 35/70 + 17.5/35 + 0.5/4 + 80/160
    >>> round(float(annual_assessment(city).loc["X", "composite_index"]), 3)
    2.225
    """
    if not isinstance(city, pd.DataFrame) or not isinstance(city.index, pd.MultiIndex):
        raise InputError("city must be a city_daily table indexed by (group, date)")
    rules = _check_rules(rules)
    hour_label = _check_hour_label(hour_label)
    edition = _check_edition(edition)
    year = None if year is None else check_year(year)
    cities = None if cities is None else check_names(cities, "cities")
    level = city.index.names[0]
    dates = pd.DatetimeIndex(city.index.get_level_values(-1))
    years = sorted(set(dates.year.tolist()))
    if year is None:
        if len(years) != 1:
            raise InputError(f"the data span the years {years}: pass year=")
        year = years[0]
    elif int(year) not in years:
        raise InputError(f"the data hold no day of {year}; years: {years}")
    city = city[dates.year == int(year)]
    if "stations" not in city.columns:
        city = city.assign(stations=np.nan)
    if cities is not None:
        unknown = sorted(set(cities) - set(city.index.get_level_values(0)))
        if unknown:
            known = sorted(set(city.index.get_level_values(0)))
            raise InputError(f"no data for {unknown}; groups include {known[:10]}")
        city = city[city.index.get_level_values(0).isin(list(cities))]
    annual = annual_statistics(city, year, by=str(level), rules=rules).droplevel("year")
    day_aqi = daily_aqi(city, edition)
    valid = day_aqi["aqi"].notna().to_numpy()
    group = city.index.get_level_values(0)
    index = annual.index
    # each row's group as its row of the table: the annual statistics have one row per
    # group of the rows, so every row has one
    positions = index.get_indexer(group)

    def per_group(flags: npt.NDArray[np.bool_]) -> Any:
        return _count_per_group(flags, positions, len(index))

    columns: dict[str, Any] = {
        "stations": city["stations"].groupby(level=0).max().reindex(index).to_numpy(),
        "valid_days": np.asarray(per_group(valid), dtype=np.int64),
    }
    for plain, (column, unit) in _PLAIN.items():
        columns[plain] = annual[column].pint.to(unit).pint.magnitude.to_numpy(dtype=np.float64)
    good = (day_aqi["aqi"] <= 100).to_numpy() & valid
    with np.errstate(invalid="ignore", divide="ignore"):
        columns["good_day_ratio"] = 100.0 * per_group(good) / columns["valid_days"]
    limit_texts = {}
    composite = np.zeros(len(index))
    for term, (pollutant, averaging, standard_id) in COMPOSITE_INDEX.items():
        limit = limits.limit(standard_id, pollutant, averaging)
        limit_texts[term] = f"{limit:~P}"
        value = annual[term].pint.to(limit.units).pint.magnitude.to_numpy(dtype=np.float64)
        composite = composite + value / float(limit.magnitude)
    columns["composite_index"] = composite
    columns["rank"] = pd.Series(composite).rank(method="min").to_numpy()
    columns["notes"] = [_NOTE_SEPARATOR.join(n) for n in _notes(columns, index, annual, rules)]
    levels = day_aqi["level"]
    for level_no, name in _CATEGORIES.items():
        columns[f"days_{name}"] = per_group((levels == level_no).fillna(False).to_numpy(bool))
    columns["exceedance_days"] = per_group(valid & (day_aqi["aqi"] > 100).to_numpy())
    for key in _SIX:
        sub = day_aqi.get(f"iaqi_{key}")
        if sub is not None:
            columns[f"exceedance_days_{key}"] = per_group((sub > 100).to_numpy() & valid)
    table = pd.DataFrame(columns, index=index)
    table = table.sort_values(["rank", "composite_index"], na_position="last")
    table.index.name = level
    source = read_toml("air_assessment.toml")["composite_index"]
    table.attrs.update(
        {
            "year": int(year),
            "hour_label": hour_label,
            "edition": edition or "by date",
            "composite_index_limits": limit_texts,
            "composite_index_source": {"source": source["source"], "quality": source["quality"]},
            "above_scale_days": day_aqi.attrs.get("above_scale", 0),
            "units": {column: str(unit) for column, (_, unit) in _PLAIN.items()}
            | {"good_day_ratio": "percent"},
            "validity_rules": {
                "name": rules.name,
                "min_hours_per_day": rules.min_hours_per_day,
                "min_hours_per_8h": rules.rules_8h()[0],
                "min_8h_means_per_day": rules.rules_8h()[1],
                "min_days_per_year": rules.min_days_per_year,
                "source": rules.source,
                "quality": rules.quality,
            },
            "city_stations": dict(_CITY_STATIONS),
        }
    )
    return table


def _label(daily: str) -> str:
    """How a note names a daily statistic's pollutant: ``PM10``, ``O3 (MDA8)``."""
    pollutant, kind = DAILY_STATISTICS[daily]
    return f"{pollutant} (MDA8)" if kind == "mda8" else pollutant


def _count_per_group(
    flags: npt.NDArray[np.bool_], positions: npt.NDArray[np.intp], n_groups: int
) -> npt.NDArray[np.int64]:
    """How many rows of each group are flagged, as int64 counts in the groups' order.

    ``positions`` gives each row's group as its position among the ``n_groups`` groups.
    The numbers of ``pd.Series(flags, index=group).groupby(level=0).sum()`` reindexed to
    the groups (``tests/test_network.py`` compares the two), by one ``np.bincount``
    instead of a pandas groupby per column.
    """
    return np.bincount(positions[flags], minlength=n_groups).astype(np.int64, copy=False)


def _notes(
    table: Mapping[str, Any], index: pd.Index, annual: pd.DataFrame, rules: ValidityRules
) -> list[list[str]]:
    """Why each blank of each row is blank, in the order of the columns.

    ``table`` holds the assessment's columns so far, as arrays over ``index``.
    An annual statistic with fewer valid days than the year rule (its number and its
    rule set's name from ``rules``, the data of ``validity_rules.toml``), an unranked
    group (the composite index needs the six statistics), a good-day ratio without a
    valid day.
    """
    notes: list[list[str]] = [[] for _ in range(len(index))]
    lacking: list[list[str]] = [[] for _ in range(len(index))]
    short: list[dict[int, list[str]]] = [{} for _ in range(len(index))]  # days → pollutants
    for column, (term, _) in _PLAIN.items():
        daily = ANNUAL_STATISTICS[term][0]
        used = annual[f"n_days_{daily}"].reindex(index).to_numpy()
        for i in np.flatnonzero(np.isnan(np.asarray(table[column], dtype=np.float64))):
            short[i].setdefault(int(used[i]), []).append(_label(daily))
            if term in COMPOSITE_INDEX:
                lacking[i].append(_label(daily))
    for row, by_days in enumerate(short):  # a note per count: "PM10, CO: 300 valid days ..."
        for days, labels in by_days.items():
            notes[row].append(
                f"{', '.join(labels)}: {days} valid days < {rules.min_days_per_year} "
                f"({rules.name})"
            )
    no_days = np.asarray(table["valid_days"]) == 0
    for i in np.flatnonzero(no_days):
        notes[i].append(
            "good-day ratio: no valid day (a day's AQI needs the daily values of the six "
            "pollutants)"
        )
    for i in np.flatnonzero(np.isnan(np.asarray(table["rank"], dtype=np.float64))):
        notes[i].append(f"unranked: no composite index without {', '.join(lacking[i])}")
    return notes


def _station_notes(
    table: pd.DataFrame, daily: pd.DataFrame, sites: pd.DataFrame, by: str, groups: Any
) -> pd.Series:
    """Per group of ``table``: which stations of the list count, and why the others do not.

    ``stations`` counts the group's non-background stations in the data; a station list
    may name more (stations opened later, with no column in the files), and background
    stations (对照点) are left out of city values (the rule of ``_CITY_STATIONS``).
    """
    if groups is not None:
        pairs = [(code, name) for name, codes in groups.items() for code in codes]
        group_of = pd.Series([n for _, n in pairs], index=[c for c, _ in pairs])
    else:
        group_of = sites[by]
    background = sites["background"].astype(bool).reindex(group_of.index).fillna(False)
    listed = group_of[~background.to_numpy()].value_counts()
    left_out = group_of[background.to_numpy()]
    in_data = set(daily.index.get_level_values("station"))
    out = {}
    for group, count in table["stations"].items():
        notes = []
        n_listed = int(listed.get(group, 0))
        if n_listed > count:
            notes.append(
                f"stations: {int(count)} of the {n_listed} non-background stations of the "
                "station list are in the files"
            )
        codes = sorted(str(code) for code in left_out.index[left_out == group])
        if codes:
            where = [code for code in codes if code in in_data]
            notes.append(
                f"stations: background station{'s' if len(codes) > 1 else ''} "
                f"{', '.join(codes)} (对照点) left out"
                + (f" ({len(where)} in the files)" if len(where) != len(codes) else "")
            )
        out[group] = notes
    return pd.Series(out, dtype=object)
