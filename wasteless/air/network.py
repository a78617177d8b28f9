r"""A monitoring network's reports over its tidy table: daily and annual statistics, real-time AQI.

A tidy table has one row per (time, station, pollutant) with a ``value`` (the layout
of :func:`wasteless.io.read_cnemc`; its columns, units and hour convention are read by
:mod:`wasteless.air.tidy`, by one rule for every function here). :func:`realtime` gives
the hourly AQI of every station (the HJ 633 real-time report); :func:`daily_statistics`
puts the table on a regular hourly grid per
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
(``wasteless/data/validity_rules.toml``) and factors.md §4.2. The daily O₃ 1-hour
maximum is taken with the 24-hour rule (an assumption [A]: the text gives no separate
count). An invalid day is NaN with its count.

:func:`annual_statistics` then gives, per station (or per city, from
:mod:`wasteless.air.city`), the statistics of the HJ 663 annual assessment: annual
means of SO₂, NO₂, PM10 and PM2.5, and percentiles of the daily values — the 98th
for SO₂ and NO₂, the 95th for PM10, PM2.5 and CO, the 90th of MDA8 for O₃ (HJ 663-2013
§5 Table, as quoted by secondary sources [W]; the CO 95th and O₃ 90th are what city
bulletins publish, e.g. 河源市 2022-02 [S]). Percentiles follow
:func:`~wasteless.air.means.nan_percentile` (k = 1 + (n − 1)p).

This module is a little over 900 lines (about 550 of code, the rest docstrings) and one
topic: the network's reports over its tidy table, which share its grid, its validity
rules and its pandas and dask paths.

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

import importlib
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from wasteless._data import read_toml
from wasteless._deprecate import RenamedKeys, renamed_columns
from wasteless._validate import check_choice, check_names, check_whole, check_year
from wasteless.air import aqi as hj633
from wasteless.air.grid import Grid, hour_positions, station_codes
from wasteless.air.means import GB3095_2012, ValidityRules, _check_rules, _daily, nan_percentile
from wasteless.air.pollutants import POLLUTANTS
from wasteless.air.tidy import (
    COLUMNS,
    UNIT_COLUMN,
    _check_times,
    check_frame,
    hour_label_of,
    is_dask,
    unit_for,
    units_of,
    values_of,
)
from wasteless.errors import InputError
from wasteless.units import FloatArray, pint_series, ureg

BoolArray = npt.NDArray[np.bool_]
_UG = "ug/m**3"


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
    "realtime",
]

MIN_8H_HOURS: int = GB3095_2012.rules_8h()[0]
"""Hourly values an 8-hour moving mean needs: 6 (GB 3095-2012 Table 4, as quoted [W];
``min_hours_per_8h`` in ``wasteless/data/validity_rules.toml``)."""

MIN_8H_VALUES: int = GB3095_2012.rules_8h()[1]
"""Valid 8-hour means (of 17) a daily maximum 8-hour mean needs: 14 (GB 3095-2012 Table 4
[W]; ``min_8h_means_per_day`` in ``wasteless/data/validity_rules.toml``)."""

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


def _annual_statistics() -> tuple[dict[str, tuple[str, str | float]], dict[str, str]]:
    """The HJ 663 annual statistics of ``air_assessment.toml``, and their names before 0.3."""
    statistics = read_toml("standards.toml")["statistics"]
    table: dict[str, tuple[str, str | float]] = {}
    previous: dict[str, str] = {}
    for name, record in read_toml("air_assessment.toml")["annual_statistics"].items():
        percentile = statistics[record["statistic"]].get("percentile")
        table[name] = (record["daily"], "mean" if percentile is None else float(percentile))
        if "previous" in record:
            previous[record["previous"]] = name
    return table, previous


# O3_8h_p90 became O3_mda8_p90 in 0.3 (one name with city's o3_mda8_p90): old → new
_STATISTICS, _RENAMED = _annual_statistics()

ANNUAL_STATISTICS: Mapping[str, tuple[str, str | float]] = RenamedKeys(
    _STATISTICS, _RENAMED, "wasteless.air.network.ANNUAL_STATISTICS"
)
"""Annual statistic → (daily statistic, ``"mean"`` or a percentile) of the HJ 663 annual table.

``O3_mda8_p90`` was ``O3_8h_p90`` before 0.3; the old key still looks it up, with a
DeprecationWarning, until 0.4.

Read from ``wasteless/data/air_assessment.toml``; the percentiles (98th for SO2 and NO2,
95th for PM10, PM2.5 and CO, 90th of the O3 MDA8) and their sources are the statistics
of the limit records in ``wasteless/data/standards.toml``, which
:func:`~wasteless.air.compliance.compliance` judges by.
"""


class _Columns:
    """The tidy table's columns as arrays, read once for all pollutants."""

    def __init__(self, tidy: pd.DataFrame) -> None:
        self.values = values_of(tidy, "tidy")
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
    tidy : pandas.DataFrame or dask.dataframe.DataFrame
        Columns ``time``, ``station``, ``pollutant`` (row types ``SO2``, ``NO2``,
        ``PM10``, ``PM2.5``, ``CO``, ``O3``), ``value`` (NaN when missing); other row
        types are ignored. Its units: a ``unit`` column or ``tidy.attrs["units"]``
        (:mod:`wasteless.air.tidy`). A dask frame is computed per station (each
        station's rows gathered in one partition by a shuffle): the same numbers.
    units : mapping, optional
        Pollutant → unit, for the pollutants the table gives no unit; a unit that
        differs from the table's is refused, naming both.
    hour_label : {"beginning", "ending"}, optional
        Whether a timestamp marks the start of its hour or its end. Default:
        ``tidy.attrs["hour_label"]`` (:func:`wasteless.io.read_cnemc` stamps the start of
        each hour, whatever the files stamp), else ``"beginning"``, as
        :func:`~wasteless.air.daily_means`; a value that contradicts the table's is
        refused.
    rules : ValidityRules, optional
        ``min_hours_per_day`` for the 24-hour means and the O₃ 1-hour maximum,
        ``min_hours_per_8h`` and ``min_8h_means_per_day`` for the MDA8.
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
        For a table without the tidy columns or units, units or an hour convention
        that contradict the table's, negative or infinite values, repeated (time,
        station, pollutant), an unknown statistic, or bad options.
    wasteless.errors.UnitsError
        If a pollutant's unit is not a mass concentration.

    Examples
    --------
    >>> hours = pd.date_range("2019-01-01", periods=24, freq="h")
    >>> tidy = pd.DataFrame({"time": hours, "station": "A", "pollutant": "CO",
    ...                      "value": 1.2})
    >>> daily_statistics(tidy, units={"CO": "mg/m3"})["CO_24h"].iloc[0]
    <Quantity(1.2, 'milligram / meter ** 3')>
    """
    check_frame(tidy, "tidy")
    hour_label = hour_label_of(tidy, hour_label)
    rules = _check_rules(rules)
    if statistics is not None:
        statistics = check_names(statistics, "statistics")
    return _daily_statistics(tidy, units_of(tidy, units), hour_label, rules, statistics)


def _daily_statistics(
    tidy: Any,
    unit_of: Mapping[str, Any],
    hour_label: str,
    rules: ValidityRules,
    statistics: Sequence[str] | None,
) -> pd.DataFrame:
    """:func:`daily_statistics` of a table whose units and hour convention are known."""
    if is_dask(tidy):
        return _daily_statistics_dask(tidy, unit_of, hour_label, rules, statistics)
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
    parts = []
    for pollutant in dict.fromkeys(DAILY_STATISTICS[s][0] for s in wanted):
        hours, start, stations = columns_of.grid(pollutant, hour_label)
        names = [s for s in wanted if DAILY_STATISTICS[s][0] == pollutant]
        parts.append(
            _DailyPart(
                stations,
                start,
                unit_for(unit_of, pollutant),
                _day_values(hours, start, names, rules),
            )
        )
    return _daily_frame(parts, wanted)


@dataclass(frozen=True)
class _DailyPart:
    """The daily statistics of one pollutant: ``values[name] = (value, count)``, (station, day)."""

    stations: Any
    start: pd.Timestamp  # the first day
    unit: Any
    values: Mapping[str, tuple[FloatArray, Any]]


def _day_values(
    hours: FloatArray, start: pd.Timestamp, names: Sequence[str], rules: ValidityRules
) -> dict[str, tuple[FloatArray, Any]]:
    """The statistics ``names`` of one pollutant's ``hours[station, day, hour]`` from ``start``.

    Each day is reduced on its own 24 hours (the MDA8's 17 windows too, hours 1-8 to
    17-24 of the day): the same numbers, bit for bit, whether ``hours`` holds a year or
    one day (:func:`wasteless.io.read_cnemc_daily_statistics` streams a day at a time).
    """
    out: dict[str, tuple[FloatArray, Any]] = {}
    for name in names:
        kind = DAILY_STATISTICS[name][1]
        if kind == "mean":
            out[name] = _daily_mean(hours, start, rules.min_hours_per_day)
        elif kind == "max":
            out[name] = _daily_max(hours, rules.min_hours_per_day)
        else:
            out[name] = daily_max_8h(hours, *rules.rules_8h())
    return out


def _daily_frame(parts: Sequence[_DailyPart], wanted: Sequence[str]) -> pd.DataFrame:
    """The :func:`daily_statistics` table of the pollutants' daily values."""
    frames = []
    for part in parts:
        n_days = next(iter(part.values.values()))[0].shape[1]
        days = pd.date_range(part.start, periods=n_days, freq="D", name="date")
        index = pd.MultiIndex.from_product(
            [pd.Index(part.stations, name="station"), days], names=["station", "date"]
        )
        columns: dict[str, Any] = {}
        for name, (value, count) in part.values.items():
            columns[name] = pint_series(value.reshape(-1), part.unit, index).array
            columns[f"n_{name}"] = count.reshape(-1).astype(np.int64)
        frames.append(pd.DataFrame(columns, index=index))
    out = pd.concat(frames, axis=1) if len(frames) > 1 else frames[0]
    order = [s for s in DAILY_STATISTICS if s in wanted]
    out = out[[c for s in order for c in (s, f"n_{s}")]]
    for name in order:
        count = f"n_{name}"
        out[count] = out[count].fillna(0).astype(np.int64)
    return out.sort_index()


class _DailyStream:
    """:func:`daily_statistics` a day at a time: hours in, per-station daily values kept.

    ``add(day, block)`` takes the 24 hours of one day, ``block[hour, station, pollutant]``
    (hour 0 begins at midnight), and keeps that day's statistics of every station; the
    hours are not kept. ``frame()`` gives the :func:`daily_statistics` table, the same
    numbers, bit for bit, as from the whole table at once (each day is reduced on its own
    hours, :func:`_day_values`). Memory: the daily values of ``n_days`` days, about
    120 bytes a station-day for the six pollutants.
    """

    def __init__(
        self,
        stations: Any,
        pollutants: Sequence[str],
        unit_of: Mapping[str, Any],
        rules: ValidityRules,
        start: pd.Timestamp,
        n_days: int,
    ) -> None:
        self.stations = np.asarray(stations, dtype=object)
        self.pollutants = list(pollutants)
        self.rules, self.start = rules, start
        self.wanted = [s for s, (p, _) in DAILY_STATISTICS.items() if p in self.pollutants]
        self.names: dict[str, list[str]] = {}
        for name in self.wanted:
            self.names.setdefault(DAILY_STATISTICS[name][0], []).append(name)
        self.units = {p: unit_for(unit_of, p) for p in self.names}
        shape = (len(self.stations), n_days)
        self.values = {
            name: (np.full(shape, np.nan), np.zeros(shape, dtype=np.int64)) for name in self.wanted
        }

    def add(self, day: int, block: FloatArray) -> None:
        """Reduce day ``day`` (counted from ``start``): ``block[hour, station, pollutant]``."""
        when = self.start + pd.Timedelta(days=day)
        for pollutant, names in self.names.items():
            j = self.pollutants.index(pollutant)
            hours = np.ascontiguousarray(block[:, :, j].T)[:, None, :]  # (station, 1, 24)
            for name, (value, count) in _day_values(hours, when, names, self.rules).items():
                self.values[name][0][:, day] = value[:, 0]
                self.values[name][1][:, day] = count[:, 0]

    def frame(self) -> pd.DataFrame:
        """The :func:`daily_statistics` table of the days added (NaN for the others)."""
        parts = [
            _DailyPart(
                self.stations,
                self.start,
                self.units[pollutant],
                {name: self.values[name] for name in names},
            )
            for pollutant, names in self.names.items()
        ]
        return _daily_frame(parts, self.wanted)


def _daily_statistics_dask(
    ddf: Any,
    units: Mapping[str, Any],
    hour_label: str,
    rules: ValidityRules,
    statistics: Sequence[str] | None,
) -> pd.DataFrame:
    """:func:`daily_statistics` of a dask frame: each station's rows in one partition."""
    # looked up at run time: dask is optional (the "scale" extra), and typed or not
    dask: Any = importlib.import_module("dask")

    columns = [*COLUMNS, *([UNIT_COLUMN] if UNIT_COLUMN in ddf.columns else [])]
    rows = ddf[ddf["pollutant"].isin(list(POLLUTANTS))][columns]
    parts = rows.shuffle("station").to_delayed()

    def one(part: pd.DataFrame) -> pd.DataFrame | None:
        if part.empty:
            return None
        part = part.copy()
        part["station"] = part["station"].astype(str)
        part["pollutant"] = part["pollutant"].astype(str)
        part.attrs = {}  # the convention and units were read from the whole frame
        return daily_statistics(
            part, units=units, hour_label=hour_label, rules=rules, statistics=statistics
        )

    results = dask.compute(*[dask.delayed(one)(p) for p in parts])
    frames = [r for r in results if r is not None]
    if not frames:
        raise InputError(f"tidy holds none of the pollutants {sorted(POLLUTANTS)}")
    combined: pd.DataFrame = pd.concat(frames).sort_index()
    return combined


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
        in the input, and ``n_days_<daily statistic>`` (valid days used). A column
        renamed in 0.3 (``O3_8h_p90``, now ``O3_mda8_p90``) is still selected by its old
        name, ``table["O3_8h_p90"]``, with a DeprecationWarning, until 0.4.

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
    # the old names of renamed statistics still select their column, until 0.4
    table = pd.DataFrame(out, index=index).sort_index()
    return renamed_columns(table, _RENAMED, "wasteless.air.network.annual_statistics()")


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


# --- the real-time report (HJ 633 实时报) ---------------------------------------------------


def _tidy_codes(frame: pd.DataFrame, edition: str | None) -> tuple[Any, Any, Any, Any]:
    """Codes of time, station and pollutant of every row, and the values, checked."""
    time = frame["time"]
    dated = pd.api.types.is_datetime64_any_dtype(time.dtype)
    if edition is None and not dated:
        raise InputError(
            "edition=None picks the HJ 633 edition by date, which needs frame['time'] of a "
            f"datetime dtype; got {time.dtype}. Convert it (pd.to_datetime) or pass an "
            f"explicit edition, one of {', '.join(repr(e) for e in hj633.EDITIONS)}"
        )
    codes, names = pd.factorize(frame["pollutant"], use_na_sentinel=False)
    position = {name: i for i, name in enumerate(POLLUTANTS)}
    lookup = np.array([position.get(name, -1) for name in names], dtype=np.int64)
    pollutant_codes = lookup[codes]
    unknown = [name for name in names if name not in position]
    if unknown:
        raise InputError(
            f"frame['pollutant'] has values the real-time AQI does not use: "
            f"{', '.join(repr(u) for u in unknown[:5])}; it takes the six hourly row types "
            f"{', '.join(repr(p) for p in POLLUTANTS)} (filter first, e.g. "
            "frame[frame['pollutant'].isin([...])])"
        )
    value = values_of(frame, "frame")
    bad = np.isinf(value) | (value < 0.0)
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        row = frame.iloc[first]
        raise InputError(
            f"frame['value'] must be >= 0 and finite (NaN where missing); got "
            f"{int(bad.sum())} bad value(s), the first {float(value[first])!r} for "
            f"{row['pollutant']!r} at station {row['station']!r}, time {row['time']!r}"
        )
    time_codes, times = pd.factorize(time, sort=True)
    station_codes, stations = pd.factorize(frame["station"], sort=True)
    if (time_codes < 0).any() or (station_codes < 0).any():
        raise InputError("frame['time'] and frame['station'] must not be missing (NaT/NaN)")
    return (time_codes, times), (station_codes, stations), pollutant_codes, value


# Above this many (time, station) cells a dense lookup table would be large: sort instead.
_DENSE_CELLS = 50_000_000


def _rows_of(pair: npt.NDArray[np.int64], n_cells: int) -> tuple[Any, Any]:
    """Distinct (time, station) codes, sorted, and the row of each input row."""
    if n_cells <= _DENSE_CELLS:  # O(n), no sort
        seen = np.zeros(n_cells, dtype=np.bool_)
        seen[pair] = True
        rows = np.flatnonzero(seen)
        row_of = np.empty(n_cells, dtype=np.int64)
        row_of[rows] = np.arange(rows.size)
        return rows, row_of[pair]
    rows, inverse = np.unique(pair, return_inverse=True)
    return rows, inverse.reshape(-1)


def realtime(
    frame: pd.DataFrame,
    edition: str | None = None,
    *,
    units: Mapping[str, str] | None = None,
    above_scale: str = "cap",
    missing: str = "report",
    round_concentrations: bool | None = None,
) -> pd.DataFrame:
    r"""Real-time (hourly) AQI of every station and hour of a tidy table (HJ 633 实时报).

    The real-time report's AQI is the largest sub-index of the six 1-hour
    concentrations (HJ 633-2026 §4.2.3), rounded up (HJ 633-2012 §6.2, HJ 633-2026
    §4.2.6); a PM10 or PM2.5 1-hour value is scored on the 24-hour breakpoints
    (HJ 633-2026 §4.2.4). HJ 633-2012 §5.1.3 lists nine indicators in the real-time
    report (also the O3 8-hour and the PM 24-hour moving means) and gives no 1-hour PM
    breakpoints; the national network computed its published real-time AQI as
    HJ 633-2026 later wrote down, and that is what this function does for both
    editions [A for 2012, verified]: it reproduces every one of the 1,061,466 published
    station-hour AQI values of January 2019 (``tests/test_aqi_realtime.py``), where
    adding the O3 8-hour sub-index matches 93.9 % and adding the PM 24-hour moving means
    53.2 %. SO2 1-hour above 800 µg/m³ scores 200 under both editions (HJ 633-2026
    Table 3 note b; the network did so in 2019, where HJ 633-2012 note (2) would report
    the 24-hour sub-index).

    Vectorised: no Python loop per station-hour (a month of the national network, about
    1.1 million station-hours, takes a few seconds).

    Parameters
    ----------
    frame : pandas.DataFrame
        A tidy table, one row per time, station and pollutant, with columns ``time``
        (datetime; local wall-clock time of the network), ``station``, ``pollutant``
        (``"PM2.5"``, ``"PM10"``, ``"SO2"``, ``"NO2"``, ``"O3"``, ``"CO"``: the row
        types of the national network's daily files) and ``value`` (float, NaN where
        missing), as :func:`wasteless.io.read_cnemc` returns it. Units by pollutant in
        its ``unit`` column or ``frame.attrs["units"]`` (e.g. ``{"PM2.5": "ug/m3", ...,
        "CO": "mg/m3"}`` [µg/m³; CO mg/m³]), by the one rule of
        :mod:`wasteless.air.tidy`. Not modified. A dask frame is refused: compute it,
        or map this function over partitions that hold whole hours.
    edition : str or None, optional
        None (default): by the date of each row (HJ 633-2026 from 2026-03-01 00:00);
        or ``"HJ 633-2012"`` / ``"HJ 633-2026"`` for every row.
    units : dict of str to str, optional
        The units of the pollutants the table gives no unit (a unit that differs from
        the table's is refused, naming both).
    above_scale : {"cap", "nan"}, optional
        As for :func:`~wasteless.air.aqi.iaqi` (the published AQI stops at 500: cap,
        the default).
    missing : {"report", "propagate"}, optional
        ``"report"`` (default): as the edition's report does with a missing pollutant
        (a pollutant absent from the frame is missing at every row): HJ 633-2012, the
        AQI of the pollutants present (the network's practice, verified on January
        2019); HJ 633-2026 §5.3.1, the same but reported only above 100 (§5.3.2, a
        pollutant the monitoring programme does not measure, is not modelled).
        ``"propagate"``: any missing pollutant makes the AQI NaN.
    round_concentrations : bool or None, optional
        As for :func:`~wasteless.air.aqi.iaqi` (None: HJ 633-2026 §4.2.3 rounds the
        concentrations).

    Returns
    -------
    pandas.DataFrame
        Indexed by (``time``, ``station``), sorted; columns ``aqi`` (the reported
        integer [dimensionless], NaN where no pollutant, or the edition's missing rule,
        leaves none), ``primary_pollutant`` (pollutant names joined with ``","`` in the
        order SO2, NO2, PM10, CO, O3, PM2.5; ``""`` when the AQI is 50 or less),
        ``level`` (``Int64``), ``category_zh``, ``category_en``, ``edition`` and
        ``iaqi_<pollutant>`` for the six pollutants (the reported, rounded-up
        sub-index; NaN where missing).

    Raises
    ------
    wasteless.errors.InputError
        If ``frame`` lacks a column, has a pollutant other than the six, a negative or
        infinite value, a repeated (time, station, pollutant), missing times or
        stations; if the units are absent, conflicting or miss a pollutant present;
        ``edition=None`` with a non-datetime ``time``; unknown options.
    wasteless.errors.UnitsError
        If a pollutant's unit is not a mass concentration.

    Warns
    -----
    wasteless.air.aqi.AboveScaleWarning
        With ``above_scale="cap"``, once per pollutant with values above the top
        breakpoint (e.g. PM10 above 600 µg/m³).

    See Also
    --------
    wasteless.air.aqi.aqi : the AQI of given keys (``report="realtime"`` for 1-hour
        Quantities).

    Examples
    --------
    >>> import pandas as pd
    >>> hour = pd.Timestamp("2019-01-01 00:00")
    >>> frame = pd.DataFrame(
    ...     {"time": hour, "station": ["1001A"] * 3 + ["1003A"],
    ...      "pollutant": ["PM2.5", "PM10", "CO", "PM2.5"], "value": [53.0, 76.0, 1.2, 68.0]}
    ... )
    >>> frame.attrs["units"] = {"PM2.5": "ug/m3", "PM10": "ug/m3", "CO": "mg/m3"}
    >>> realtime(frame)[["aqi", "primary_pollutant", "category_zh", "iaqi_PM10"]]
                               aqi primary_pollutant category_zh  iaqi_PM10
    time       station
    2019-01-01 1001A          73.0             PM2.5           良       63.0
               1003A          92.0             PM2.5           良        NaN
    """
    check_choice(above_scale, "above_scale", hj633._ABOVE_SCALE)
    check_choice(missing, "missing", ("report", "propagate"))
    hj633._check_round_concentrations(round_concentrations)
    if edition is not None:
        check_choice(edition, "edition", hj633.EDITIONS)
    # with an explicit edition the times are only labels of the hours (any dtype); by
    # date, they are Beijing times without a zone (text: _tidy_codes says what to do)
    check_frame(frame, "frame", times=False)
    if edition is None and pd.api.types.is_datetime64_any_dtype(frame.dtypes["time"]):
        _check_times(frame.dtypes["time"], "frame")
    if is_dask(frame):  # its per-(time, station) rows may be spread over partitions
        raise InputError(
            "frame: realtime() takes a pandas DataFrame; compute the dask frame first "
            "(frame.compute()), or apply it to each partition that holds whole hours "
            "(frame.map_partitions(realtime), as read_cnemc's daily partitions do)"
        )
    given_units = units_of(frame, units, argument="frame")
    (time_codes, times), (station_codes, stations), pollutant_codes, value = _tidy_codes(
        frame, edition
    )
    n_pollutants = len(POLLUTANTS)
    pair = time_codes.astype(np.int64) * len(stations) + station_codes
    rows, inverse = _rows_of(pair, len(times) * len(stations))
    cell = inverse * n_pollutants + pollutant_codes
    counts = np.bincount(cell, minlength=rows.size * n_pollutants)
    if (counts > 1).any():
        first = int(np.flatnonzero(counts[cell] > 1)[0])
        row = frame.iloc[first]
        raise InputError(
            f"frame has {int((counts > 1).sum())} repeated (time, station, pollutant), the "
            f"first {row['time']!r}, {row['station']!r}, {row['pollutant']!r}: one value "
            "per station, hour and pollutant"
        )
    matrix = np.full(rows.size * n_pollutants, np.nan)
    matrix[cell] = value
    matrix = matrix.reshape(rows.size, n_pollutants)
    present: BoolArray = np.asarray(
        counts.reshape(rows.size, n_pollutants).any(axis=0), dtype=np.bool_
    )

    row_times = times[rows // len(stations)]
    row_stations = stations[rows % len(stations)]
    index = pd.DatetimeIndex(row_times) if isinstance(times, pd.DatetimeIndex) else None
    concentrations: dict[str, Any] = {}
    for j, pollutant in enumerate(POLLUTANTS):
        # a pollutant absent everywhere is all NaN: any unit
        unit = unit_for(given_units, pollutant, "frame") if present[j] else ureg.Unit(_UG)
        concentrations[f"{pollutant}_1h"] = pint_series(matrix[:, j], unit, index)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = hj633.aqi(
            concentrations,
            edition,
            "ceil",
            above_scale=above_scale,
            missing=missing,
            report="realtime",
            round_concentrations=round_concentrations,
        )
    for item in caught:
        message = str(item.message)
        for pollutant in POLLUTANTS:
            message = message.replace(
                f"concentration[{pollutant + '_1h'!r}]", f"frame[pollutant == {pollutant!r}]"
            )
        warnings.warn(message, item.category, stacklevel=2)

    primary = table["primary_pollutant"].to_numpy(dtype=object)
    codes, labels = pd.factorize(primary)
    renamed = np.array([str(label).replace("_1h", "") for label in labels] + [None], object)
    result = pd.DataFrame(
        {
            "aqi": table["aqi"].to_numpy(),
            "primary_pollutant": renamed[codes],
            "level": table["level"].array,
            "category_zh": table["category_zh"].to_numpy(dtype=object),
            "category_en": table["category_en"].to_numpy(dtype=object),
            "edition": table["edition"].to_numpy(dtype=object),
        }
        | {
            f"iaqi_{pollutant}": hj633._reported(table[f"iaqi_{pollutant}_1h"].to_numpy(), "ceil")
            for pollutant in POLLUTANTS
        },
        index=pd.MultiIndex.from_arrays([row_times, row_stations], names=["time", "station"]),
    )
    return result
