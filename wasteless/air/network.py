r"""Statistics of a monitoring network's tidy table: the six pollutants, per station and day.

A tidy table has one row per (time, station, pollutant) with a ``value`` (the layout
of :func:`wasteless.io.read_cnemc`; each pollutant's unit in ``frame.attrs["units"]``
or passed as ``units=``). :func:`daily_statistics` puts it on a regular hourly grid per
pollutant and station (missing hours are NaN, as for :func:`~wasteless.air.daily_means`)
and computes, per station and day, the statistics that GB 3095 limits and the HJ 633
daily AQI use:

=============  ================================================  ==========================
column         statistic                                         valid when
=============  ================================================  ==========================
``SO2_24h``    24-hour mean of SO₂ (likewise ``NO2_24h``,        >= 20 hourly values
               ``PM10_24h``, ``PM2.5_24h``, ``CO_24h``)
``O3_1h``      largest hourly O₃ value of the day                >= 20 hourly values
``O3_8h``      daily maximum 8-hour mean of O₃ (MDA8): the       >= 14 valid 8-hour means
               largest of the 17 8-hour moving means that end    of the 17; each 8-hour
               at 08:00 … 24:00 (hours 1-8 … 17-24 of the day)   mean needs >= 6 of 8 hours
=============  ================================================  ==========================

Rules: GB 3095-2012 Table 4 as quoted (20 hours a day; an 8-hour mean needs 6 hours, a
daily maximum 8-hour mean 14 valid 8-hour means) [W], see :data:`~wasteless.air.GB3095_2012`
and factors.md §4.2. The daily O₃ 1-hour maximum is taken with the 24-hour rule (an
assumption [A]: the text gives no separate count). An invalid day is NaN with its count.

:func:`annual_statistics` then gives, per station (or per city, from
:mod:`wasteless.air.city`), the statistics of the HJ 663 annual assessment: annual
means of SO₂, NO₂, PM10 and PM2.5, and percentiles of the daily values — the 98th
for SO₂ and NO₂, the 95th for PM10, PM2.5 and CO, the 90th of MDA8 for O₃ (HJ 663-2013
§5 Table, as quoted by secondary sources [W]; the CO 95th and O₃ 90th are what city
bulletins publish, e.g. 河源市 2022-02 [S]). Percentiles follow
:func:`~wasteless.air.means.nan_percentile` (k = 1 + (n − 1)p).

Examples
--------
>>> import numpy as np, pandas as pd
>>> hours = pd.date_range("2019-01-01", periods=24, freq="h")  # each stamps its hour's start
>>> tidy = pd.DataFrame({"time": np.tile(hours, 2), "station": "1001A",
...                      "pollutant": np.repeat(["PM2.5", "O3"], 24),
...                      "value": np.r_[np.full(24, 35.0), np.arange(24.0)]})
>>> tidy.attrs["units"] = {"PM2.5": "ug/m**3", "O3": "ug/m**3"}
>>> day = daily_statistics(tidy).iloc[0]
>>> [float(day[c].magnitude) for c in ("PM2.5_24h", "O3_8h", "O3_1h")]
[35.0, 19.5, 23.0]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from wasteless._validate import check_names, check_whole, check_year
from wasteless.air.grid import Grid, check_step, hour_positions, station_codes
from wasteless.air.means import GB3095_2012, ValidityRules, _check_rules, _daily, nan_percentile
from wasteless.errors import InputError
from wasteless.units import CONCENTRATION, FloatArray, parse_units, pint_series, ureg

_CONCENTRATION = ureg.get_dimensionality(CONCENTRATION)


def pint_column(frame: pd.DataFrame, column: str, name: str) -> pd.Series:
    """A column that must carry a pint dtype (a table of wasteless statistics)."""
    series = frame[column]
    if getattr(series.dtype, "units", None) is None:
        raise InputError(
            f"{name}[{column!r}] must carry units (a pint-pandas column, as daily_statistics "
            f"makes it); got dtype {series.dtype}"
        )
    return series


__all__ = [
    "ANNUAL_STATISTICS",
    "DAILY_STATISTICS",
    "MIN_8H_HOURS",
    "MIN_8H_VALUES",
    "annual_statistics",
    "daily_max_8h",
    "daily_statistics",
]

MIN_8H_HOURS = 6
"""Hourly values an 8-hour moving mean needs (GB 3095-2012 Table 4, as quoted [W])."""

MIN_8H_VALUES = 14
"""Valid 8-hour means (of 17) a daily maximum 8-hour mean needs (GB 3095-2012 Table 4 [W])."""

DAILY_STATISTICS: Mapping[str, tuple[str, str]] = {
    "SO2_24h": ("SO2", "mean"),
    "NO2_24h": ("NO2", "mean"),
    "PM10_24h": ("PM10", "mean"),
    "PM2.5_24h": ("PM2.5", "mean"),
    "CO_24h": ("CO", "mean"),
    "O3_1h": ("O3", "max"),
    "O3_8h": ("O3", "mda8"),
}
"""Daily statistic (column, also the HJ 633 AQI key) → (pollutant row type, statistic)."""

ANNUAL_STATISTICS: Mapping[str, tuple[str, str | float]] = {
    "SO2_annual": ("SO2_24h", "mean"),
    "NO2_annual": ("NO2_24h", "mean"),
    "PM10_annual": ("PM10_24h", "mean"),
    "PM2.5_annual": ("PM2.5_24h", "mean"),
    "SO2_p98": ("SO2_24h", 98.0),
    "NO2_p98": ("NO2_24h", 98.0),
    "PM10_p95": ("PM10_24h", 95.0),
    "PM2.5_p95": ("PM2.5_24h", 95.0),
    "CO_p95": ("CO_24h", 95.0),
    "O3_8h_p90": ("O3_8h", 90.0),
}
"""Annual statistic → (daily statistic, ``"mean"`` or a percentile) of the HJ 663 annual table."""


def _units_of(frame: pd.DataFrame, units: Mapping[str, Any] | None) -> dict[str, Any]:
    given = units if units is not None else frame.attrs.get("units")
    if not isinstance(given, Mapping):
        raise InputError(
            "the tidy table carries no units: pass units={'PM2.5': 'ug/m3', 'CO': 'mg/m3', "
            "...} or set frame.attrs['units'] (wasteless.io.read_cnemc does); wasteless "
            "never assumes a unit"
        )
    parsed = {str(k): parse_units(v, f"units[{k!r}]") for k, v in given.items()}
    for key, unit in parsed.items():
        pollutant = key.split("_")[0]
        known = {p for p, _ in DAILY_STATISTICS.values()}
        if pollutant in known and unit.dimensionality != _CONCENTRATION:
            raise InputError(
                f"units[{key!r}] must be a mass concentration (e.g. ug/m3, CO mg/m3); got {unit}"
            )
    return parsed


def _check_tidy(frame: Any) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise InputError(
            f"tidy must be a pandas DataFrame with columns time, station, pollutant, value; "
            f"got {type(frame).__name__} (a dask frame: use wasteless.air.city.assess, which "
            "runs per station partition)"
        )
    missing = [c for c in ("time", "station", "pollutant", "value") if c not in frame.columns]
    if missing:
        raise InputError(
            f"tidy: no column(s) {missing}; columns are {list(frame.columns)} (a tidy table "
            "has time, station, pollutant, value)"
        )
    return frame


def _hour_label(frame: pd.DataFrame, hour_label: str | None) -> str:
    if hour_label is not None:
        return hour_label
    label = frame.attrs.get("hour_label", "beginning")
    return label if isinstance(label, str) else "beginning"


class _Columns:
    """The tidy table's columns as arrays, read once for all pollutants."""

    def __init__(self, tidy: pd.DataFrame) -> None:
        try:
            self.values = tidy["value"].to_numpy(dtype=np.float64, na_value=np.nan)
        except (TypeError, ValueError):
            raise InputError(
                f"tidy['value'] must hold numbers; got dtype {tidy['value'].dtype}"
            ) from None
        self.times = tidy["time"].to_numpy()
        pollutant = tidy["pollutant"]
        if isinstance(pollutant.dtype, pd.CategoricalDtype):
            self.pollutant_codes = pollutant.cat.codes.to_numpy()
            self.pollutants = [str(p) for p in pollutant.cat.categories]
        else:
            codes, uniques = pd.factorize(pollutant)
            self.pollutant_codes, self.pollutants = codes, [str(p) for p in uniques]
        stations = tidy["station"]
        if isinstance(stations.dtype, pd.CategoricalDtype):  # as read_cnemc gives it
            self.station_codes = stations.cat.codes.to_numpy().astype(np.int64)
            if (self.station_codes < 0).any():
                raise InputError("tidy: the station column has missing labels")
            self.stations = np.asarray(stations.cat.categories.astype(str))
        else:
            self.station_codes, self.stations = station_codes(stations, "station")

        self.dense = self._dense()

    def _dense(self) -> FloatArray | None:
        """values[time, station, pollutant] of a full grid, else None.

        The full grid is what read_cnemc writes: time-major, then station, then
        pollutant, every cell once. Checked element by element, so a table that merely
        has the right length is not mistaken for it.
        """
        n_p, n_s = len(self.pollutants), len(self.stations)
        n = len(self.values)
        if n == 0 or n % (n_p * n_s):
            return None
        n_t = n // (n_p * n_s)
        p_codes = self.pollutant_codes.reshape(n_t, n_s, n_p)
        s_codes = self.station_codes.reshape(n_t, n_s, n_p)
        if not (p_codes == np.arange(n_p)).all() or not (s_codes == np.arange(n_s)[:, None]).all():
            return None
        times = self.times.reshape(n_t, n_s * n_p)
        if not (times == times[:, :1]).all():
            return None
        first = times[:, 0]
        if n_t > 1 and not (np.diff(first) > np.timedelta64(0)).all():
            return None
        self.dense_times = first
        dense: FloatArray = self.values.reshape(n_t, n_s, n_p)
        return dense

    def grid(self, pollutant: str, hour_label: str) -> tuple[FloatArray, pd.Timestamp, Any]:
        """values[station, day, hour] of one pollutant on whole days, NaN where missing."""
        if pollutant not in self.pollutants:
            raise InputError(f"tidy: no rows of pollutant {pollutant!r}")
        if self.dense is not None:
            return self._grid_dense(pollutant, hour_label)
        rows = self.pollutant_codes == self.pollutants.index(pollutant)
        values = self.values[rows]
        finite = values[~np.isnan(values)]
        if finite.size and (np.isinf(finite).any() or finite.min() < 0.0):
            raise InputError(
                f"tidy: {pollutant} values must be finite and >= 0 (NaN marks missing data)"
            )
        positions, start = hour_positions(pd.DatetimeIndex(self.times[rows]), hour_label, "tidy")
        codes = self.station_codes[rows]
        n_days = int(positions.max()) // 24 + 1
        flat = codes * (n_days * 24) + positions
        grid = np.full(len(self.stations) * n_days * 24, np.nan)
        grid[flat] = values
        if np.count_nonzero(np.bincount(flat, minlength=grid.size) > 1):
            raise InputError(f"tidy: a (time, station) of {pollutant} occurs more than once")
        return grid.reshape(len(self.stations), n_days, 24), start, self.stations

    def _grid_dense(self, pollutant: str, hour_label: str) -> tuple[FloatArray, pd.Timestamp, Any]:
        assert self.dense is not None
        values = self.dense[:, :, self.pollutants.index(pollutant)]  # (time, station)
        finite = values[~np.isnan(values)]
        if finite.size and (np.isinf(finite).any() or finite.min() < 0.0):
            raise InputError(
                f"tidy: {pollutant} values must be finite and >= 0 (NaN marks missing data)"
            )
        positions, start = hour_positions(pd.DatetimeIndex(self.dense_times), hour_label, "tidy")
        n_days = int(positions.max()) // 24 + 1
        grid = np.full((len(self.stations), n_days * 24), np.nan)
        grid[:, positions] = values.T
        return grid.reshape(len(self.stations), n_days, 24), start, self.stations


def _daily_mean(hours: FloatArray, start: pd.Timestamp, min_hours: int) -> tuple[FloatArray, Any]:
    """24-hour means of ``hours[station, day, hour]``: the daily step of air.daily_means."""
    n_stations, n_days, _ = hours.shape
    grid = Grid(hours.reshape(n_stations, n_days * 24), start, None, None, None)
    mean, count, _ = _daily(grid, min_hours, "tidy")  # (day, station)
    return mean.T, count.T


def _daily_max(hours: FloatArray, min_hours: int) -> tuple[FloatArray, Any]:
    count = (~np.isnan(hours)).sum(axis=-1)
    filled = np.where(np.isnan(hours), -np.inf, hours)
    return np.where(count >= min_hours, filled.max(axis=-1), np.nan), count


def daily_max_8h(
    hours: FloatArray,
    min_hours: int = MIN_8H_HOURS,
    min_values: int = MIN_8H_VALUES,
) -> tuple[FloatArray, Any]:
    """Daily maximum 8-hour mean (MDA8) of hourly values shaped ``(..., day, 24)``.

    Hour ``i`` of a day is the hour ending at ``i + 1`` o'clock. The 17 moving 8-hour means
    of a day are those of hours 1-8, 2-9, …, 17-24 (ending at 08:00 … 24:00); each is the
    mean of its available hours when at least ``min_hours`` of its 8 are present, the
    MDA8 the largest of them when at least ``min_values`` are valid, else NaN.

    Parameters
    ----------
    hours : numpy.ndarray
        Hourly concentrations, last axis the 24 hours of a day, NaN where missing.
    min_hours, min_values : int, optional
        The validity rules (defaults 6 and 14).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        MDA8 per day (NaN when not valid) and the number of valid 8-hour means.

    Raises
    ------
    wasteless.errors.InputError
        If ``hours`` is not a real float array whose last axis has 24 hours, holds
        negative or infinite values, or the counts are not whole numbers in range.

    Examples
    --------
    >>> mda8, n = daily_max_8h(np.arange(24.0)[None, :])
    >>> mda8.tolist(), n.tolist()
    ([19.5], [17])
    """
    min_hours = check_whole(min_hours, "min_hours", 1, 8)
    min_values = check_whole(min_values, "min_values", 1, 17)
    if isinstance(hours, np.ma.MaskedArray) or not isinstance(hours, np.ndarray):
        raise InputError(
            f"hours must be a float array of shape (..., 24) (NaN where missing); got "
            f"{type(hours).__name__}"
        )
    if hours.dtype.kind != "f" or hours.ndim < 1 or hours.shape[-1] != 24:
        raise InputError(
            f"hours must be a float array of shape (..., 24); got dtype {hours.dtype}, "
            f"shape {hours.shape}"
        )
    finite = hours[~np.isnan(hours)]
    if finite.size and (np.isinf(finite).any() or finite.min() < 0.0 or finite.max() > 1e300):
        raise InputError("hours must be finite and >= 0 (NaN where missing)")
    present = ~np.isnan(hours)
    zero = np.zeros((*hours.shape[:-1], 1))
    sums = np.concatenate([zero, np.cumsum(np.where(present, hours, 0.0), axis=-1)], axis=-1)
    counts = np.concatenate([zero, np.cumsum(present, axis=-1)], axis=-1)
    window_sum = sums[..., 8:25] - sums[..., 0:17]
    window_n = counts[..., 8:25] - counts[..., 0:17]
    ok = window_n >= min_hours
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(ok, window_sum / np.where(ok, window_n, 1.0), -np.inf)
    n_valid = ok.sum(axis=-1)
    return np.where(n_valid >= min_values, means.max(axis=-1), np.nan), n_valid


def daily_statistics(
    tidy: pd.DataFrame,
    *,
    units: Mapping[str, Any] | None = None,
    hour_label: str | None = None,
    rules: ValidityRules = GB3095_2012,
    statistics: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Per station and day: 24-hour means, the O₃ daily maxima (1 h and MDA8), with counts.

    Parameters
    ----------
    tidy : pandas.DataFrame
        Columns ``time``, ``station``, ``pollutant`` (row types ``SO2``, ``NO2``,
        ``PM10``, ``PM2.5``, ``CO``, ``O3``), ``value`` (NaN when missing); other row
        types are ignored.
    units : mapping, optional
        Pollutant → unit; default ``tidy.attrs["units"]``.
    hour_label : {"beginning", "ending"}, optional
        Whether a timestamp marks the start of its hour or its end. Default:
        ``tidy.attrs["hour_label"]`` (:func:`wasteless.io.read_cnemc` stamps the start of
        each hour, having read the files' hour-ending stamps), else ``"beginning"``, as
        :func:`~wasteless.air.daily_means`.
    rules : ValidityRules, optional
        ``min_hours_per_day`` for the 24-hour means and the O₃ 1-hour maximum.
    statistics : sequence of str, optional
        Which of :data:`DAILY_STATISTICS` to compute; default all whose pollutant is in
        the table.

    Returns
    -------
    pandas.DataFrame
        Indexed by (``station``, ``date``); one pint column per statistic (µg/m³, CO
        mg/m³; NaN when not valid) and ``n_<statistic>`` (hours, or valid 8-hour means
        for ``O3_8h``). Usable directly as :func:`wasteless.air.aqi.aqi` input
        (its columns are AQI keys).

    Raises
    ------
    wasteless.errors.InputError
        For a table without the tidy columns or units, negative or infinite values,
        repeated (time, station, pollutant), an unknown statistic, or bad options.

    Examples
    --------
    >>> hours = pd.date_range("2019-01-01", periods=24, freq="h")
    >>> tidy = pd.DataFrame({"time": hours, "station": "A", "pollutant": "CO",
    ...                      "value": 1.2})
    >>> daily_statistics(tidy, units={"CO": "mg/m3"})["CO_24h"].iloc[0]
    <Quantity(1.2, 'milligram / meter ** 3')>
    """
    _check_tidy(tidy)
    hour_label = _hour_label(tidy, hour_label)
    check_step("1h", hour_label)
    rules = _check_rules(rules)
    if statistics is not None:
        statistics = check_names(statistics, "statistics")
    unit_of = _units_of(tidy, units)
    present = set(pd.unique(tidy["pollutant"]).tolist())
    wanted = (
        [s for s, (p, _) in DAILY_STATISTICS.items() if p in present]
        if statistics is None
        else list(statistics)
    )
    unknown = [s for s in wanted if s not in DAILY_STATISTICS]
    if unknown:
        raise InputError(f"statistics: unknown {unknown}; known: {list(DAILY_STATISTICS)}")
    if not wanted:
        known = sorted({p for p, _ in DAILY_STATISTICS.values()})
        raise InputError(f"tidy holds none of the pollutants {known}")
    columns_of = _Columns(tidy)
    frames = []
    for pollutant in dict.fromkeys(DAILY_STATISTICS[s][0] for s in wanted):
        if pollutant not in unit_of:
            raise InputError(f"no unit for {pollutant!r} in units / frame.attrs['units']")
        hours, start, stations = columns_of.grid(pollutant, hour_label)
        days = pd.date_range(start, periods=hours.shape[1], freq="D", name="date")
        index = pd.MultiIndex.from_product(
            [pd.Index(stations, name="station"), days], names=["station", "date"]
        )
        columns: dict[str, Any] = {}
        for name in (s for s in wanted if DAILY_STATISTICS[s][0] == pollutant):
            kind = DAILY_STATISTICS[name][1]
            if kind == "mean":
                value, count = _daily_mean(hours, start, rules.min_hours_per_day)
            elif kind == "max":
                value, count = _daily_max(hours, rules.min_hours_per_day)
            else:
                value, count = daily_max_8h(hours)
            columns[name] = pint_series(value.reshape(-1), unit_of[pollutant], index).array
            columns[f"n_{name}"] = count.reshape(-1).astype(np.int64)
        frames.append(pd.DataFrame(columns, index=index))
    out = pd.concat(frames, axis=1) if len(frames) > 1 else frames[0]
    order = [s for s in DAILY_STATISTICS if s in wanted]
    out = out[[c for s in order for c in (s, f"n_{s}")]]
    for name in order:
        count = f"n_{name}"
        out[count] = out[count].fillna(0).astype(np.int64)
    return out.sort_index()


def annual_statistics(
    daily: pd.DataFrame,
    year: int | None = None,
    *,
    by: str = "station",
    rules: ValidityRules = GB3095_2012,
) -> pd.DataFrame:
    """The HJ 663 annual statistics of daily values, per station (or city).

    Parameters
    ----------
    daily : pandas.DataFrame
        A :func:`daily_statistics` (or :func:`wasteless.air.city.city_daily`) result,
        indexed by (``by``, ``date``).
    year : int, optional
        The calendar year; default every year in the table (then indexed by
        (``by``, ``year``)).
    by : str, optional
        Name of the first index level (``"station"``, ``"city"``, …).
    rules : ValidityRules, optional
        ``min_days_per_year``: an annual statistic needs that many valid days of its
        daily statistic (GB 3095-2012: 324), else it is NaN.

    Returns
    -------
    pandas.DataFrame
        One row per (``by``, ``year``): pint columns :data:`ANNUAL_STATISTICS` present
        in the input, and ``n_days_<daily statistic>`` (valid days used).

    Examples
    --------
    >>> days = pd.date_range("2019-01-01", "2019-12-31", freq="D")
    >>> index = pd.MultiIndex.from_product([["A"], days], names=["station", "date"])
    >>> daily = pd.DataFrame({"CO_24h": pint_series(np.linspace(0.5, 2.0, 365), "mg/m3",
    ...                                             index).array}, index=index)
    >>> round(float(annual_statistics(daily, 2019)["CO_p95"].iloc[0].magnitude), 3)
    1.925
    """
    if not isinstance(daily, pd.DataFrame) or not isinstance(daily.index, pd.MultiIndex):
        raise InputError(
            f"daily must be a daily_statistics table indexed by ({by}, date); got "
            f"{type(daily).__name__}"
        )
    rules = _check_rules(rules)
    if year is not None:
        year = check_year(year)
        dates = pd.DatetimeIndex(daily.index.get_level_values(-1))
        daily = daily[dates.year == int(year)]
        if daily.empty:
            raise InputError(f"daily has no days in {year}")
    groups = daily.index.get_level_values(0)
    dates = pd.DatetimeIndex(daily.index.get_level_values(-1))
    keys = pd.MultiIndex.from_arrays([groups, dates.year], names=[by, "year"])
    codes, uniques = pd.factorize(keys)
    out: dict[str, Any] = {}
    for name, (source, statistic) in ANNUAL_STATISTICS.items():
        if source not in daily.columns:
            continue
        column = pint_column(daily, source, "daily")
        unit = column.pint.units
        values = column.pint.magnitude.to_numpy(dtype=np.float64, na_value=np.nan)
        result, used = _per_group(values, codes, len(uniques), statistic)
        result = np.where(used >= rules.min_days_per_year, result, np.nan)
        out[name] = pint_series(result, unit).array
        out[f"n_days_{source}"] = used
    index = pd.MultiIndex.from_tuples(list(uniques), names=[by, "year"])
    return pd.DataFrame(out, index=index).sort_index()


def _per_group(
    values: FloatArray, codes: Any, n_groups: int, statistic: str | float
) -> tuple[FloatArray, Any]:
    """Mean or percentile of the non-NaN values of each group, and their count."""
    order = np.lexsort((values, codes))  # NaN sort last within a group
    sorted_codes = codes[order]
    valid = ~np.isnan(values)
    used = np.bincount(codes[valid], minlength=n_groups)
    result = np.full(n_groups, np.nan)
    bounds = np.searchsorted(sorted_codes, np.arange(n_groups + 1))
    ordered = values[order]
    for g in range(n_groups):  # a few hundred groups; each a vectorised reduction
        block = ordered[bounds[g] : bounds[g] + used[g]]
        if block.size == 0:
            continue
        if statistic == "mean":
            result[g] = block.mean()
        else:
            result[g] = nan_percentile(block[None, :], float(statistic))[0]
    return result, used
