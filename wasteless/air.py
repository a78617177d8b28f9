r"""PM2.5 statistics under data-validity rules: daily, monthly and annual means, change, trend.

Air-quality statistics are only honest on a regular time grid: an hour that is
missing from the file is as missing as an hour recorded as NaN, and a data-capture
threshold counted on the rows that happen to exist passes years that should fail
(openair #271). So every function here first puts the hourly data on a regular grid
(missing timestamps become NaN), then counts what is there, and returns each
aggregate with its count, its coverage and a ``valid`` flag. An aggregate that does
not meet the rules is returned as NaN with its count: an incomplete day, month or
year is never averaged as if complete.

Rules (:class:`ValidityRules`; default :data:`GB3095_2012`, "数据统计的有效性规定" of
GB 3095-2012 as quoted by secondary sources, factors.md §4.2 [W]):

* a daily (24-hour) mean needs at least 20 hourly values;
* a monthly mean needs at least 27 daily means (25 in February);
* an annual mean needs at least 324 daily means in the calendar year and at least 27
  in every month (25 in February).

An annual mean is the arithmetic mean of the valid daily means of the calendar year;
a monthly mean likewise. Days follow the wall-clock time of the index (a timezone,
if any, is kept as local time). Hourly values are labelled hour-beginning by default
(the value stamped 00:00 covers 00:00–01:00); pass ``hour_label="ending"`` for data
stamped at the end of the hour (01:00 covers 00:00–01:00), which moves the value
stamped 00:00 into the previous day.

Inputs carry units: a pandas Series or DataFrame of pint-pandas ``pint[...]`` dtype,
or plain floats with an explicit ``units=`` argument ("ug/m3"); plain floats without
units are an error. Wide input is a DataFrame with a DatetimeIndex and one column per
station; :func:`to_wide` converts long (tidy) tables.

Examples
--------
>>> import numpy as np, pandas as pd
>>> from wasteless import air
>>> hours = pd.date_range("2019-01-01", periods=48, freq="h")
>>> pm = pd.Series(np.r_[np.full(24, 40.0), np.full(19, 60.0), np.full(5, np.nan)], index=hours)
>>> daily = air.daily_means(pm, units="ug/m3")
>>> daily[["n_hours", "valid"]]
            n_hours  valid
date
2019-01-01       24   True
2019-01-02       19  False
>>> daily["mean"].pint.magnitude.tolist()
[40.0, nan]
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pint

from wasteless.errors import InputError, MissingUnitsError, UnitsError
from wasteless.units import Q_, FloatArray, magnitude_in, pint_dtype, ureg

__all__ = [
    "GB3095_2012",
    "TrendResult",
    "ValidityRules",
    "annual_means",
    "annualised_change",
    "daily_means",
    "keeps_falling",
    "monthly_means",
    "moving_mean",
    "percentile_of_daily",
    "relative_reduction",
    "to_wide",
    "trend",
]

_NS_PER_HOUR = 3_600_000_000_000
_NS_PER_DAY = 24 * _NS_PER_HOUR


@dataclass(frozen=True)
class ValidityRules:
    """Minimum data counts for a mean to be valid.

    Parameters
    ----------
    name
        Name of the rule set.
    min_hours_per_day
        Hourly values needed for a daily mean.
    min_days_per_month
        Daily means needed in a month (other than February) for a monthly mean, and
        in every month for an annual mean.
    min_days_february
        Daily means needed in February.
    min_days_per_year
        Daily means needed in the calendar year for an annual mean.
    source
        Where the rules come from.
    quality
        Quality tag of the source (as in :mod:`wasteless.factors`).

    Examples
    --------
    >>> loose = ValidityRules("75 % capture", 18, 23, 21, 274, "user choice", "A")
    >>> loose.min_days_in_month(2)
    21
    """

    name: str
    min_hours_per_day: int
    min_days_per_month: int
    min_days_february: int
    min_days_per_year: int
    source: str = ""
    quality: str = ""

    def __post_init__(self) -> None:
        limits = {
            "min_hours_per_day": (self.min_hours_per_day, 24),
            "min_days_per_month": (self.min_days_per_month, 31),
            "min_days_february": (self.min_days_february, 29),
            "min_days_per_year": (self.min_days_per_year, 366),
        }
        for name, (value, high) in limits.items():
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
                raise InputError(f"{name} must be a whole number in [1, {high}]; got {value!r}")

    def min_days_in_month(self, month: int) -> int:
        """Daily means needed in calendar month ``month`` (1-12)."""
        return self.min_days_february if month == 2 else self.min_days_per_month


GB3095_2012 = ValidityRules(
    name="GB 3095-2012",
    min_hours_per_day=20,
    min_days_per_month=27,
    min_days_february=25,
    min_days_per_year=324,
    source=(
        "GB 3095-2012 《环境空气质量标准》, 数据统计的有效性规定 (Table 4), as quoted by a "
        "public open-source code comment (with HJ 654-2013); primary text not verified"
    ),
    quality="W",
)
"""The GB 3095-2012 data-validity rules: 20 h per day; 27 days per month (Feb 25); 324 per year."""


# --- input handling ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Grid:
    """Hourly values on a regular grid: ``values[station, hour]``, starting at a midnight.

    Station-major, so that each station's hours are contiguous: long tables (usually
    sorted by station) scatter into it sequentially, and daily sums run along rows.
    """

    values: FloatArray  # (n_stations, n_hours), NaN where missing
    start: pd.Timestamp  # midnight of the first day (wall time)
    stations: pd.Index | None  # None for a Series input
    units: Any  # pint Unit
    name: Hashable


_CONCENTRATION = ureg.Unit("ug/m**3").dimensionality


def _units_of(data: pd.Series | pd.DataFrame, units: Any, argument: str) -> tuple[Any, Any]:
    """Return (array of magnitudes in target units, target unit) for a Series/DataFrame."""
    if units is not None:
        unit = ureg.Unit(units) if isinstance(units, str) else units
        if unit.dimensionality != _CONCENTRATION:
            raise UnitsError(
                "units",
                f"{unit}",
                "ug/m**3",
                str(unit.dimensionality),
                str(_CONCENTRATION),
                hint="air statistics take mass concentrations (e.g. ug/m3, mg/m3)",
            )
    frame = data.to_frame() if isinstance(data, pd.Series) else data
    dtypes = [getattr(dtype, "units", None) for dtype in frame.dtypes]
    has_units = [u is not None for u in dtypes]
    if any(has_units) and not all(has_units):
        raise InputError(f"{argument}: either every column carries pint units or none does")
    if not any(has_units):
        if units is None:
            raise MissingUnitsError(
                argument,
                "plain floats (no units)",
                "a concentration, e.g. ug/m3",
                hint=(
                    "pass units='ug/m3' (or whatever the data are in), or give the data the "
                    "pint-pandas dtype 'pint[ug/m3]'; wasteless never assumes a unit"
                ),
            )
        target = ureg.Unit(units) if isinstance(units, str) else units
        values = frame.to_numpy(dtype=np.float64, na_value=np.nan)
        return values, target
    target = ureg.Unit(units) if isinstance(units, str) else (units or dtypes[0])
    values = np.empty((len(frame), frame.shape[1]))
    for i, dtype_units in enumerate(dtypes):
        factor = magnitude_in(Q_(1.0, dtype_units), str(target), argument)
        values[:, i] = _magnitudes(frame.iloc[:, i])
        if factor != 1.0:
            values[:, i] *= factor
    return values, target


def _magnitudes(series: pd.Series) -> FloatArray:
    """Float64 magnitudes of a pint-pandas Series (missing values as NaN)."""
    magnitude = series.array.quantity.magnitude
    if isinstance(magnitude, np.ndarray) and magnitude.dtype == np.float64:
        return magnitude
    converted: FloatArray = pd.array(magnitude).to_numpy(dtype=np.float64, na_value=np.nan)
    return converted


def _check_values(values: FloatArray, argument: str) -> None:
    if values.size == 0:
        return
    lowest, highest = np.fmin.reduce(values, axis=None), np.fmax.reduce(values, axis=None)
    if np.isinf(lowest) or np.isinf(highest):  # fmin/fmax skip NaN, so NaN is allowed
        raise InputError(f"{argument} has infinite values; use NaN for missing data")
    if lowest < 0.0:
        raise InputError(
            f"{argument} has negative concentrations (lowest {float(lowest)!r}); "
            "concentrations must be >= 0 (use NaN for missing data)"
        )


@dataclass(frozen=True)
class _Long:
    """Names of the columns of a long (tidy) table: one row per (time, station)."""

    time: str
    station: str
    value: str

    @classmethod
    def of(cls, time: str | None, station: str | None, value: str | None) -> _Long | None:
        if value is None:
            if time is not None or station is not None:
                raise InputError("long-format input needs value= (and time=, station=)")
            return None
        return cls(time or "time", station or "station", value)


def _check_step(freq: str, hour_label: str) -> None:
    if pd.Timedelta(freq) != pd.Timedelta(hours=1):
        raise InputError(
            f"freq must be '1h' (the GB 3095 rules count hourly values); got {freq!r}. "
            "Average sub-hourly data to hourly means first."
        )
    if hour_label not in ("beginning", "ending"):
        raise InputError(f"hour_label must be 'beginning' or 'ending'; got {hour_label!r}")


def _hour_positions(index: pd.DatetimeIndex, hour_label: str, argument: str) -> tuple[Any, int]:
    """Hours since the midnight before the first value, checked to lie on the grid."""
    if index.tz is not None:
        index = index.tz_localize(None)  # days follow local wall time
    if index.hasnans:
        raise InputError(f"{argument} has missing timestamps (NaT)")
    stamps = index.as_unit("ns").asi8
    if stamps.size == 0:
        raise InputError(f"{argument} is empty")
    if hour_label == "ending":
        stamps = stamps - _NS_PER_HOUR
    start_ns = int(stamps.min() // _NS_PER_DAY) * _NS_PER_DAY
    hours, remainder = np.divmod(stamps - start_ns, _NS_PER_HOUR)
    if remainder.any():
        bad = index[remainder != 0][:3]
        raise InputError(
            f"{argument} has timestamps off the hourly grid (first: {list(map(str, bad))}); "
            "wasteless does not re-bin them silently"
        )
    return hours, start_ns


def _as_grid(
    hourly: pd.Series | pd.DataFrame,
    units: Any,
    freq: str,
    hour_label: str,
    argument: str = "hourly",
    long: _Long | None = None,
) -> _Grid:
    _check_step(freq, hour_label)
    if long is not None:
        return _grid_from_long(hourly, long, units, hour_label, argument)
    if not isinstance(hourly, (pd.Series, pd.DataFrame)):
        raise InputError(
            f"{argument} must be a pandas Series or DataFrame with a DatetimeIndex; "
            f"got {type(hourly).__name__}"
        )
    if not isinstance(hourly.index, pd.DatetimeIndex):
        raise InputError(
            f"{argument} must have a DatetimeIndex; got {type(hourly.index).__name__} "
            "(for a long-format table pass time=, station=, value=, or use to_wide)"
        )
    if hourly.index.has_duplicates:
        repeated = hourly.index[hourly.index.duplicated()][:3]
        raise InputError(
            f"{argument} has duplicate timestamps (first: {list(map(str, repeated))}); "
            "resolve them before averaging"
        )
    positions, start_ns = _hour_positions(hourly.index, hour_label, argument)
    values, target = _units_of(hourly, units, argument)
    _check_values(values, argument)
    n_days = int(positions.max() // 24) + 1
    grid = np.full((values.shape[1], n_days * 24), np.nan)
    first = int(positions[0])
    if np.array_equal(positions, np.arange(first, first + len(positions))):
        grid[:, first : first + len(positions)] = values.T  # already regular: a block copy
    else:
        grid[:, positions] = values.T
    stations = hourly.columns if isinstance(hourly, pd.DataFrame) else None
    return _Grid(grid, pd.Timestamp(start_ns), stations, target, getattr(hourly, "name", None))


def _grid_from_long(data: Any, long: _Long, units: Any, hour_label: str, argument: str) -> _Grid:
    if not isinstance(data, pd.DataFrame):
        raise InputError(f"{argument}: long-format input must be a DataFrame")
    missing = [c for c in (long.time, long.station, long.value) if c not in data.columns]
    if missing:
        raise InputError(f"{argument}: no column(s) {missing}; columns are {list(data.columns)}")
    positions, start_ns = _hour_positions(pd.DatetimeIndex(data[long.time]), hour_label, argument)
    codes, labels = _station_codes(data[long.station], long.station)
    values, target = _units_of(data[long.value], units, argument)
    values = values[:, 0]
    _check_values(values, argument)
    n_days = int(positions.max() // 24) + 1
    grid = _scatter(codes, positions, values, len(labels), n_days * 24)
    if isinstance(grid, tuple):
        when = pd.Timestamp(start_ns + grid[1] * _NS_PER_HOUR)
        raise InputError(
            f"{argument}: ({when}, {labels[grid[0]]}) occurs more than once; each "
            f"({long.time}, {long.station}) pair must be unique"
        )
    return _Grid(grid, pd.Timestamp(start_ns), pd.Index(labels, name=long.station), target, None)


def _scatter(
    rows: Any, columns: Any, values: FloatArray, n_rows: int, n_columns: int
) -> FloatArray | tuple[int, int]:
    """``grid[rows, columns] = values`` on a NaN grid; or (row, column) of a duplicate pair."""
    flat = rows * n_columns + columns
    grid = np.full(n_rows * n_columns, np.nan)
    grid[flat] = values
    if len(flat) > 1 and not (flat[1:] > flat[:-1]).all():  # not sorted: look for repeats
        seen = np.zeros(n_rows * n_columns, dtype=bool)
        seen[flat] = True
        if int(np.count_nonzero(seen)) != len(values):
            pair = np.sort(flat)
            twice = int(pair[np.flatnonzero(pair[1:] == pair[:-1])[0]])
            return twice // n_columns, twice % n_columns
    return grid.reshape(n_rows, n_columns)


# --- core reductions on arrays -----------------------------------------------------------


def _daily(grid: FloatArray, min_hours: int) -> tuple[FloatArray, FloatArray, Any]:
    """Daily (mean, count, valid) arrays of shape (n_stations, n_days)."""
    by_day = grid.reshape(grid.shape[0], -1, 24)
    present = ~np.isnan(by_day)
    count = present.sum(axis=2)
    total = np.where(present, by_day, 0.0).sum(axis=2)
    valid = count >= min_hours
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(valid, total / count, np.nan)
    return mean, count, valid


def _periods(days: pd.DatetimeIndex, kind: str) -> tuple[Any, pd.Index]:
    """Start positions of each calendar month or year in ``days`` and their labels."""
    if kind == "year":
        keys = days.year.to_numpy()
        labels_all = pd.Index(keys, name="year")
    else:
        keys = (days.year * 12 + days.month - 1).to_numpy()
        labels_all = pd.Index(days.to_period("M").to_timestamp(), name="month")
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return starts, labels_all[starts]


def _pad_days(
    mean: FloatArray, valid: Any, start: pd.Timestamp, kind: str
) -> tuple[FloatArray, Any, pd.DatetimeIndex, Any]:
    """Extend daily arrays to whole months/years; return arrays, days and in-data mask."""
    n_days = mean.shape[1]
    first = start.to_period("Y" if kind == "year" else "M").start_time
    last_day = start + pd.Timedelta(days=n_days - 1)
    last = last_day.to_period("Y" if kind == "year" else "M").end_time.normalize()
    days = pd.date_range(first, last, freq="D")
    before = (start - first).days
    after = len(days) - before - n_days
    pad = ((0, 0), (before, after))
    padded_mean = np.pad(mean, pad, constant_values=np.nan)
    padded_valid = np.pad(valid, pad, constant_values=False)
    in_data = np.zeros(len(days), dtype=bool)
    in_data[before : before + n_days] = True
    return padded_mean, padded_valid, days, in_data


def _period_table(
    mean: FloatArray,
    valid: Any,
    start: pd.Timestamp,
    kind: str,
    rules: ValidityRules,
) -> dict[str, Any]:
    """Monthly or annual (mean, n_days, coverage, valid, partial, ...) per station."""
    mean, valid, days, in_data = _pad_days(mean, valid, start, kind)
    month_starts, months = _periods(days, "month")
    values = np.where(valid, mean, 0.0)
    month_n = np.add.reduceat(valid.astype(np.int64), month_starts, axis=1)
    month_len = np.diff(np.r_[month_starts, len(days)])
    month_need = np.array([rules.min_days_in_month(m) for m in pd.DatetimeIndex(months).month])
    month_ok = month_n >= month_need
    if kind == "month":
        total = np.add.reduceat(values, month_starts, axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            out_mean = np.where(month_ok, total / month_n, np.nan)
        partial = ~np.logical_and.reduceat(in_data, month_starts)
        return {
            "labels": months,
            "mean": out_mean,
            "n_days": month_n,
            "coverage": month_n / month_len,
            "valid": month_ok,
            "partial": np.broadcast_to(partial, month_ok.shape),
        }
    year_starts, years = _periods(days, "year")
    # months of each year: 12 per year, since the days are padded to whole years
    twelves = np.arange(0, len(months), 12)
    year_n = np.add.reduceat(month_n, twelves, axis=1)
    fewest = np.minimum.reduceat(month_n, twelves, axis=1)
    all_months_ok = np.logical_and.reduceat(month_ok, twelves, axis=1)
    year_ok = all_months_ok & (year_n >= rules.min_days_per_year)
    total = np.add.reduceat(values, year_starts, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out_mean = np.where(year_ok, total / year_n, np.nan)
    year_len = np.diff(np.r_[year_starts, len(days)])
    partial = ~np.logical_and.reduceat(in_data, year_starts)
    return {
        "labels": years,
        "mean": out_mean,
        "n_days": year_n,
        "coverage": year_n / year_len,
        "fewest_days_in_a_month": fewest,
        "valid": year_ok,
        "partial": np.broadcast_to(partial, year_ok.shape),
    }


def _frame(
    columns: dict[str, Any],
    labels: pd.Index,
    stations: pd.Index | None,
    units: Any,
) -> pd.DataFrame:
    """Assemble a result: index ``labels`` (Series input) or (station, label)."""
    from pint_pandas import PintArray

    n_labels = len(labels)
    if stations is None:
        index: pd.Index = labels
        flat = {key: np.asarray(value)[0] for key, value in columns.items()}
    else:
        n_stations = len(stations)
        # built from codes, so nothing is hashed again (pandas-stubs wants sequences)
        levels: Any = [stations, labels]
        codes: Any = [
            np.repeat(np.arange(n_stations), n_labels),
            np.tile(np.arange(n_labels), n_stations),
        ]
        index = pd.MultiIndex(
            levels=levels,
            codes=codes,
            names=[stations.name or "station", labels.name],
            verify_integrity=False,
        )
        # arrays are (station, label): row-major flattening is station-major order
        flat = {key: np.asarray(value).reshape(-1) for key, value in columns.items()}
    data: dict[str, Any] = {}
    for key, value in flat.items():
        if key == "mean":
            data[key] = PintArray(value.astype(np.float64), dtype=pint_dtype(units))  # type: ignore[no-untyped-call]
        elif key in ("valid", "partial"):
            data[key] = value.astype(bool)
        elif key in ("n_hours", "n_days", "fewest_days_in_a_month"):
            data[key] = value.astype(np.int64)
        else:
            data[key] = value.astype(np.float64)
    return pd.DataFrame(data, index=index)


_DAILY_COLUMNS = {"mean", "n_hours", "valid"}


def _daily_from_table(daily: pd.DataFrame) -> tuple[FloatArray, Any, pd.Timestamp, Any, Any]:
    """Arrays (mean, valid) on a whole-day grid from a :func:`daily_means` result."""
    units = getattr(daily["mean"].dtype, "units", None)
    if units is None:
        raise InputError("daily table: the 'mean' column must carry a pint dtype")
    mean_col = _magnitudes(daily["mean"])
    valid_col = daily["valid"].to_numpy(dtype=bool)
    if isinstance(daily.index, pd.MultiIndex):
        multi = daily.index.remove_unused_levels()
        station_codes = np.asarray(multi.codes[0])
        dates = pd.DatetimeIndex(multi.levels[1].take(multi.codes[1]))
        stations_index: pd.Index | None = multi.levels[0].rename(multi.names[0])
    else:
        station_codes = np.zeros(len(daily), dtype=np.int64)
        dates = pd.DatetimeIndex(daily.index)
        stations_index = None
    if (dates != dates.normalize()).any():
        raise InputError("daily table: dates must be midnights (one row per day)")
    start = dates.min()
    position = ((dates - start) // pd.Timedelta(days=1)).to_numpy()
    n_stations = 1 if stations_index is None else len(stations_index)
    n_days = int(position.max()) + 1
    mean = np.full((n_stations, n_days), np.nan)
    valid = np.zeros((n_stations, n_days), dtype=bool)
    mean[station_codes, position] = mean_col
    valid[station_codes, position] = valid_col
    return mean, valid, start, stations_index, units


def _is_daily_table(data: Any) -> bool:
    return isinstance(data, pd.DataFrame) and set(data.columns) >= _DAILY_COLUMNS


# --- public aggregates ------------------------------------------------------------------


def daily_means(
    hourly: pd.Series | pd.DataFrame,
    units: str | None = None,
    min_hours: int | None = None,
    *,
    rules: ValidityRules = GB3095_2012,
    freq: str = "1h",
    hour_label: str = "beginning",
    time: str | None = None,
    station: str | None = None,
    value: str | None = None,
) -> pd.DataFrame:
    """Daily (24-hour) means with their hour counts and validity.

    Parameters
    ----------
    hourly : pandas.Series or pandas.DataFrame
        Hourly concentrations [mass / volume], DatetimeIndex; a DataFrame has one
        column per station. pint-pandas dtype, or plain floats with ``units``.
    units : str, optional
        Units of plain-float input (required then), or the units to report in.
    min_hours : int, optional
        Hourly values needed for a valid day; default ``rules.min_hours_per_day`` (20).
    rules : ValidityRules, optional
        Validity rules; default :data:`GB3095_2012`.
    freq : str, optional
        Grid step; only ``"1h"``, the regulatory hourly step, is accepted.
    hour_label : {"beginning", "ending"}, optional
        Whether a timestamp marks the start (default) or the end of its hour.
    time, station, value : str, optional
        For a long (tidy) table, one row per (time, station): the names of its
        timestamp, station and concentration columns (``value`` switches this on;
        ``time`` and ``station`` default to ``"time"`` and ``"station"``). Faster than
        :func:`to_wide` first, as no wide DataFrame is built.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``date`` (Series input) or (``station``, ``date``), columns
        ``mean`` (pint dtype, NaN when not valid), ``n_hours``, ``coverage``
        (``n_hours / 24``) and ``valid``.

    Raises
    ------
    wasteless.errors.MissingUnitsError
        If the data are plain floats and ``units`` is not given.
    wasteless.errors.InputError
        On a non-datetime index, duplicate or off-grid timestamps, negative or
        infinite values, or an unknown ``freq``/``hour_label``.

    Examples
    --------
    >>> import pandas as pd
    >>> hours = pd.date_range("2019-01-01", periods=24, freq="h")
    >>> frame = pd.DataFrame({"A": 30.0, "B": 50.0}, index=hours)
    >>> daily_means(frame, units="ug/m3")["mean"].pint.magnitude.tolist()
    [30.0, 50.0]
    """
    need = rules.min_hours_per_day if min_hours is None else min_hours
    if isinstance(need, bool) or not isinstance(need, int) or not 1 <= need <= 24:
        raise InputError(f"min_hours must be a whole number in [1, 24]; got {min_hours!r}")
    grid = _as_grid(hourly, units, freq, hour_label, long=_Long.of(time, station, value))
    mean, count, valid = _daily(grid.values, need)
    days = pd.date_range(grid.start, periods=mean.shape[1], freq="D", name="date")
    return _frame(
        {"mean": mean, "n_hours": count, "coverage": count / 24.0, "valid": valid},
        days,
        grid.stations,
        grid.units,
    )


def _daily_arrays(
    data: pd.Series | pd.DataFrame,
    units: str | None,
    rules: ValidityRules,
    freq: str,
    hour_label: str,
    long: _Long | None = None,
) -> tuple[FloatArray, Any, pd.Timestamp, pd.Index | None, Any]:
    if long is None and _is_daily_table(data):
        mean, valid, start, stations, table_units = _daily_from_table(data)  # type: ignore[arg-type]
        if units is not None:
            mean = mean * magnitude_in(Q_(1.0, table_units), units, "units")
            table_units = ureg.Unit(units)
        return mean, valid, start, stations, table_units
    grid = _as_grid(data, units, freq, hour_label, long=long)
    mean, _, valid = _daily(grid.values, rules.min_hours_per_day)
    return mean, valid, grid.start, grid.stations, grid.units


def monthly_means(
    hourly_or_daily: pd.Series | pd.DataFrame,
    units: str | None = None,
    *,
    rules: ValidityRules = GB3095_2012,
    freq: str = "1h",
    hour_label: str = "beginning",
    time: str | None = None,
    station: str | None = None,
    value: str | None = None,
) -> pd.DataFrame:
    """Calendar-month means of valid daily means, with counts and validity.

    Parameters
    ----------
    hourly_or_daily : pandas.Series, pandas.DataFrame
        Hourly data as for :func:`daily_means`, or a :func:`daily_means` result.
    units : str, optional
        As for :func:`daily_means`.
    rules, freq, hour_label, time, station, value
        As for :func:`daily_means`. A :func:`daily_means` result keeps the day
        validity it was made with (its ``valid`` column); ``rules`` then sets only
        the monthly and yearly thresholds.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``month`` (its first day) or (``station``, ``month``): ``mean``
        (pint dtype; NaN unless valid), ``n_days`` (valid days), ``coverage``
        (``n_days`` / days in the month), ``valid`` (at least 27 valid days, 25 in
        February) and ``partial`` (the data do not span the whole month).

    Raises
    ------
    wasteless.errors.MissingUnitsError, wasteless.errors.InputError
        As for :func:`daily_means`.

    Examples
    --------
    >>> import pandas as pd
    >>> hours = pd.date_range("2019-02-01", "2019-02-28 23:00", freq="h")
    >>> pm = pd.Series(35.0, index=hours)
    >>> monthly_means(pm, units="ug/m3")[["n_days", "valid", "partial"]]
                n_days  valid  partial
    month
    2019-02-01      28   True    False
    """
    mean, valid, start, stations, target = _daily_arrays(
        hourly_or_daily, units, rules, freq, hour_label, _Long.of(time, station, value)
    )
    table = _period_table(mean, valid, start, "month", rules)
    labels = table.pop("labels")
    return _frame(table, labels, stations, target)


def annual_means(
    hourly_or_daily: pd.Series | pd.DataFrame,
    units: str | None = None,
    *,
    rules: ValidityRules = GB3095_2012,
    freq: str = "1h",
    hour_label: str = "beginning",
    time: str | None = None,
    station: str | None = None,
    value: str | None = None,
) -> pd.DataFrame:
    """Calendar-year means of valid daily means, with counts and validity (GB 3095 rules).

    Parameters
    ----------
    hourly_or_daily : pandas.Series, pandas.DataFrame
        Hourly data as for :func:`daily_means`, or a :func:`daily_means` result.
    units : str, optional
        As for :func:`daily_means`.
    rules, freq, hour_label, time, station, value
        As for :func:`daily_means`. A :func:`daily_means` result keeps the day
        validity it was made with (its ``valid`` column); ``rules`` then sets only
        the monthly and yearly thresholds.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``year`` or (``station``, ``year``): ``mean`` (pint dtype; NaN
        unless valid), ``n_days`` (valid daily means), ``coverage`` (``n_days`` / days
        in the year), ``fewest_days_in_a_month``, ``valid`` (at least 324 valid days
        and 27 in every month, 25 in February) and ``partial`` (the data do not span
        the whole calendar year: such a year is flagged and, lacking months, invalid).

    Raises
    ------
    wasteless.errors.MissingUnitsError, wasteless.errors.InputError
        As for :func:`daily_means`.

    Notes
    -----
    The annual mean is the arithmetic mean of the year's valid daily means
    (GB 3095-2012, 年平均); invalid days are left out, not filled.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> hours = pd.date_range("2019-01-01", "2020-12-31 23:00", freq="h")
    >>> pm = pd.Series(40.0, index=hours)
    >>> pm[(hours.year == 2020) & (hours.month == 3) & (hours.day <= 5)] = np.nan  # 26 days left
    >>> annual_means(pm, units="ug/m3")[["n_days", "fewest_days_in_a_month", "valid"]]
          n_days  fewest_days_in_a_month  valid
    year
    2019     365                      28   True
    2020     361                      26  False
    """
    mean, valid, start, stations, target = _daily_arrays(
        hourly_or_daily, units, rules, freq, hour_label, _Long.of(time, station, value)
    )
    table = _period_table(mean, valid, start, "year", rules)
    labels = table.pop("labels")
    return _frame(table, labels, stations, target)


def percentile_of_daily(
    hourly_or_daily: pd.Series | pd.DataFrame,
    percentile: float = 95.0,
    units: str | None = None,
    *,
    method: str = "linear",
    rules: ValidityRules = GB3095_2012,
    freq: str = "1h",
    hour_label: str = "beginning",
    time: str | None = None,
    station: str | None = None,
    value: str | None = None,
) -> pd.DataFrame:
    """Percentile of the valid daily means in each calendar year (HJ 663 annual evaluation).

    HJ 663 evaluates PM2.5 and PM10 by the 95th percentile of the daily means of the
    year (factors.md §4.3 [W], CNEMC 2014 [P]). Its appendix is commonly given as:
    sort the n values, k = 1 + (n − 1)·p, interpolate linearly between the order
    statistics around k. That is numpy's ``method="linear"``, the default here; this
    reading of HJ 663 is not verified against the primary text.

    Parameters
    ----------
    hourly_or_daily : pandas.Series, pandas.DataFrame
        Hourly data as for :func:`daily_means`, or a :func:`daily_means` result.
    percentile : float, optional
        Percentile in [0, 100]; default 95.
    units : str, optional
        As for :func:`daily_means`.
    method : str, optional
        A :func:`numpy.percentile` method; default ``"linear"``.
    rules, freq, hour_label, time, station, value
        As for :func:`daily_means`. A :func:`daily_means` result keeps the day
        validity it was made with (its ``valid`` column); ``rules`` then sets only
        the monthly and yearly thresholds.

    Returns
    -------
    pandas.DataFrame
        Indexed like :func:`annual_means`: ``percentile`` (pint dtype; NaN unless the
        year is valid), ``n_days`` and ``valid`` (the annual validity rule).

    Raises
    ------
    wasteless.errors.InputError
        If ``percentile`` is outside [0, 100], plus the errors of :func:`daily_means`.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> days = pd.date_range("2019-01-01", "2019-12-31 23:00", freq="h")
    >>> pm = pd.Series(np.repeat(np.arange(365.0), 24), index=days)
    >>> percentile_of_daily(pm, 95, units="ug/m3")["percentile"].pint.magnitude.tolist()
    [345.8]
    """
    if not (isinstance(percentile, (int, float)) and 0.0 <= percentile <= 100.0):
        raise InputError(f"percentile must be a number in [0, 100]; got {percentile!r}")
    mean, valid, start, stations, target = _daily_arrays(
        hourly_or_daily, units, rules, freq, hour_label, _Long.of(time, station, value)
    )
    table = _period_table(mean, valid, start, "year", rules)
    padded_mean, padded_valid, days, _ = _pad_days(mean, valid, start, "year")
    starts, _ = _periods(days, "year")
    bounds = np.r_[starts, len(days)]
    values = np.full(table["mean"].shape, np.nan)
    for i, (lo, hi) in enumerate(itertools.pairwise(bounds)):
        block = np.where(padded_valid[:, lo:hi], padded_mean[:, lo:hi], np.nan)
        has = ~np.all(np.isnan(block), axis=1)
        if has.any():
            values[has, i] = np.nanpercentile(
                block[has],
                percentile,
                axis=1,
                method=method,  # type: ignore[call-overload]
            )
    values = np.where(table["valid"], values, np.nan)
    columns = {"percentile": values, "n_days": table["n_days"], "valid": table["valid"]}
    out = _frame({"mean": columns["percentile"], **columns}, table["labels"], stations, target)
    return out.drop(columns="percentile").rename(columns={"mean": "percentile"})


def to_wide(
    data: pd.DataFrame,
    time: str = "time",
    station: str = "station",
    value: str = "value",
    units: str | None = None,
    *,
    freq: str = "1h",
) -> pd.DataFrame:
    """Turn a long (tidy) table into a wide one on a regular time grid.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per (time, station) measurement.
    time, station, value : str
        Column names of the timestamp, the station label and the concentration.
    units : str, optional
        Units of ``value`` when it is a plain float column; the result then has the
        pint-pandas dtype ``pint[units]``. Without it, a pint dtype of ``value`` is
        kept, and plain floats stay plain floats for the caller to label.
    freq : str, optional
        Grid step; default ``"1h"``. Every timestamp must lie on the grid that starts
        at the first one.

    Returns
    -------
    pandas.DataFrame
        Index: every step from the first to the last timestamp (name ``time``), so
        hours missing from the table are rows of NaN; columns: the stations in order
        of first appearance (name ``station``).

    Raises
    ------
    wasteless.errors.InputError
        If a column is missing, a time or station is missing, a timestamp is off the
        grid, or a (time, station) pair occurs twice.

    Examples
    --------
    >>> import pandas as pd
    >>> long = pd.DataFrame({
    ...     "time": pd.to_datetime(["2019-01-01 00:00", "2019-01-01 00:00", "2019-01-01 02:00"]),
    ...     "station": ["A", "B", "A"], "value": [10.0, 20.0, 30.0]})
    >>> to_wide(long).to_numpy().tolist()
    [[10.0, 20.0], [nan, nan], [30.0, nan]]
    """
    missing = [c for c in (time, station, value) if c not in data.columns]
    if missing:
        raise InputError(f"to_wide: no column(s) {missing}; columns are {list(data.columns)}")
    if data.empty:
        raise InputError("to_wide: the table is empty")
    stamps_index = pd.DatetimeIndex(data[time])
    if stamps_index.hasnans:
        raise InputError(f"to_wide: column {time!r} has missing timestamps")
    stamps = stamps_index.as_unit("ns").asi8
    step = pd.Timedelta(freq).value
    if step <= 0:
        raise InputError(f"freq must be a positive time step; got {freq!r}")
    first = int(stamps.min())
    offsets = stamps - first
    off_grid = offsets % step != 0
    if off_grid.any():
        bad = stamps_index[off_grid][:3]
        raise InputError(
            f"to_wide: timestamps off the {freq} grid (first: {list(map(str, bad))}); "
            "wasteless does not re-bin them silently"
        )
    positions = offsets // step
    codes, labels = _station_codes(data[station], station)

    column = data[value]
    dtype_units = getattr(column.dtype, "units", None)
    raw = (
        np.asarray(column.array.quantity.magnitude, dtype=np.float64)
        if dtype_units is not None
        else column.to_numpy(dtype=np.float64, na_value=np.nan)
    )
    n_times = int(positions.max()) + 1
    by_station = _scatter(codes, positions, raw, len(labels), n_times)
    if isinstance(by_station, tuple):
        when = pd.Timestamp(first + by_station[1] * step, tz=stamps_index.tz)
        raise InputError(
            f"to_wide: ({when}, {labels[by_station[0]]}) occurs more than once; "
            "each (time, station) pair must be unique"
        )
    index = pd.date_range(
        pd.Timestamp(first, tz=stamps_index.tz), periods=n_times, freq=freq, name=time
    )
    columns = pd.Index(labels, name=station)
    label = dtype_units or (ureg.Unit(units) if units is not None else None)
    if label is None:
        return pd.DataFrame(by_station.T, index=index, columns=columns)
    return _pint_frame(by_station, index, columns, label)


def _station_codes(column: pd.Series, name: str) -> tuple[Any, Any]:
    """Integer codes and labels of a station column, in order of first appearance.

    Long tables usually hold each station's rows together: then only the first row of
    each run needs hashing, which is several times faster than factorising every row.
    """
    values = column.to_numpy()
    if len(values) > 1:
        starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    else:
        starts = np.zeros(len(values), dtype=np.int64)
    run_codes, labels = pd.factorize(values[starts], sort=False)
    if (run_codes < 0).any():
        raise InputError(f"to_wide: column {name!r} has missing station labels")
    lengths = np.diff(np.r_[starts, len(values)])
    return np.repeat(run_codes, lengths), labels


def _pint_frame(
    by_column: FloatArray, index: pd.Index, columns: pd.Index, units: Any
) -> pd.DataFrame:
    """A DataFrame with one pint-pandas float64 column per row of ``by_column``."""
    from pint_pandas import PintArray

    dtype = pd.api.types.pandas_dtype(pint_dtype(units))  # parsed once, shared
    frame = pd.DataFrame(
        {i: PintArray(by_column[i], dtype=dtype) for i in range(by_column.shape[0])},  # type: ignore[no-untyped-call]
        index=index,
    )
    frame.columns = columns
    return frame


# --- change between values ------------------------------------------------------------


def relative_reduction(start: Any, end: Any) -> Any:
    """Relative reduction from ``start`` to ``end``: (start − end) / start, in percent.

    A decline is positive, a rise negative. Scale- and unit-invariant: the two values
    may be given in different units of the same dimension (e.g. µg/m³ and mg/m³).
    This is a relative change; for a difference of two percentages in percentage
    points subtract them instead.

    Parameters
    ----------
    start, end : pint.Quantity
        The earlier and later values [any one dimension]; scalars or arrays; ``start``
        must be > 0 and both finite and >= 0.

    Returns
    -------
    pint.Quantity
        Relative reduction [percent].

    Raises
    ------
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError
        If a value has no units, or the two have different dimensions.
    wasteless.errors.InputError
        If ``start`` is not > 0 or a value is negative or not finite.

    Examples
    --------
    >>> from wasteless import Q_
    >>> relative_reduction(Q_(81, "ug/m3"), Q_(43, "ug/m3"))
    <Quantity(46.913..., 'percent')>
    >>> relative_reduction(Q_(81, "ug/m3"), Q_(0.043, "mg/m3"))
    <Quantity(46.913..., 'percent')>
    """
    if not isinstance(start, pint.Quantity):
        raise MissingUnitsError("start", "a bare number (no units)", "a Quantity, e.g. ug/m3")
    reference = str(start.units)
    s = _nonnegative(magnitude_in(start, reference, "start"), "start")
    e = _nonnegative(magnitude_in(end, reference, "end"), "end")
    if np.any(np.asarray(s) <= 0.0):
        raise InputError(f"start must be > 0 for a relative change; got {start}")
    return Q_(100.0 * (s - e) / s, "percent")


def annualised_change(start: Any, end: Any, years: Any) -> Any:
    """Compound annual rate of change from ``start`` to ``end`` over ``years``.

    ``(end / start) ** (1 / years) − 1``: the constant yearly change that takes
    ``start`` to ``end``. Negative for a decline.

    Parameters
    ----------
    start, end : pint.Quantity
        The earlier and later values [any one dimension]; ``start`` > 0.
    years : float or pint.Quantity
        Time between them: a positive number of years, or a time Quantity.

    Returns
    -------
    pint.Quantity
        Change per year [percent / year].

    Raises
    ------
    wasteless.errors.InputError
        If ``years`` is not > 0, or as for :func:`relative_reduction`.

    Examples
    --------
    >>> from wasteless import Q_
    >>> annualised_change(Q_(81, "ug/m3"), Q_(43, "ug/m3"), 6)
    <Quantity(-10.016..., 'percent / year')>
    """
    if isinstance(years, pint.Quantity):
        span = float(magnitude_in(years, "year", "years"))
    elif isinstance(years, (int, float)) and not isinstance(years, bool):
        span = float(years)
    else:
        raise InputError(f"years must be a number or a time Quantity; got {years!r}")
    if not (math.isfinite(span) and span > 0):
        raise InputError(f"years must be finite and > 0; got {years!r}")
    reduction = relative_reduction(start, end).to("").magnitude
    ratio = 1.0 - np.asarray(reduction)
    rate = np.power(ratio, 1.0 / span) - 1.0
    return Q_(float(rate) if rate.ndim == 0 else rate, "").to("percent") / Q_(1, "year")


def _nonnegative(values: Any, name: str) -> Any:
    array = np.asarray(values)
    if not np.isfinite(array).all() or (array < 0).any():
        raise InputError(f"{name} must be finite and >= 0; got {values!r}")
    return values


# --- annual series: moving mean, falling, trend -------------------------------------------


def _annual_series(annual: Any, units: str | None, argument: str) -> tuple[pd.Series, Any]:
    """A float Series indexed by consecutive calendar years (gaps as NaN), and its unit."""
    if isinstance(annual, pd.DataFrame):
        if not {"mean", "valid"} <= set(annual.columns):
            raise InputError(
                f"{argument}: a DataFrame must be an annual_means result (columns mean, valid)"
            )
        if isinstance(annual.index, pd.MultiIndex):
            raise InputError(
                f"{argument}: one station at a time; select it first, e.g. table.loc['Dongsi']"
            )
        values, target = _units_of(annual["mean"], units, argument)
        series = pd.Series(values[:, 0], index=annual.index)
        series[~annual["valid"].to_numpy(dtype=bool)] = np.nan
    elif isinstance(annual, pd.Series):
        values, target = _units_of(annual, units, argument)
        series = pd.Series(values[:, 0], index=annual.index)
    else:
        raise InputError(
            f"{argument} must be a pandas Series indexed by year or an annual_means result; "
            f"got {type(annual).__name__}"
        )
    index = series.index
    if isinstance(index, (pd.DatetimeIndex, pd.PeriodIndex)):
        years = index.year
    else:
        try:
            years = pd.Index(index.astype(np.int64))
        except (TypeError, ValueError):
            raise InputError(f"{argument} must be indexed by calendar year") from None
    if years.has_duplicates:
        raise InputError(f"{argument} has the same year twice")
    finite = series.to_numpy()[~np.isnan(series.to_numpy())]
    if np.isinf(finite).any() or (finite < 0).any():
        raise InputError(f"{argument} must hold finite, non-negative values (NaN for gaps)")
    series = pd.Series(series.to_numpy(), index=pd.Index(years, name="year")).sort_index()
    full = pd.RangeIndex(int(series.index.min()), int(series.index.max()) + 1, name="year")
    return series.reindex(full), target


def moving_mean(annual: Any, window: int = 3, units: str | None = None) -> pd.Series:
    """Moving mean of ``window`` consecutive calendar-year annual means (三年滑动平均).

    "连续三个自然年环境空气污染物年均浓度的算术平均值" (中国环境管理 2020(4) [P]).
    The value is labelled with the last year of its window (2019 for 2017–2019), like
    the US PM2.5 design value. A missing or invalid year anywhere in a window gives
    NaN, never a shorter window. Annual means are used unrounded (whether official
    statistics round them first was not found, factors.md §4.6).

    Parameters
    ----------
    annual : pandas.Series or pandas.DataFrame
        Annual means indexed by year (pint dtype, or floats with ``units``), or an
        :func:`annual_means` result for one station (invalid years count as gaps).
    window : int, optional
        Number of years; default 3.
    units : str, optional
        Units of plain-float input.

    Returns
    -------
    pandas.Series
        pint dtype, indexed by every year from the first to the last of the input.

    Raises
    ------
    wasteless.errors.InputError
        If ``window`` is not a positive whole number or the index is not years.

    Examples
    --------
    >>> import pandas as pd
    >>> city = pd.Series([58.0, 51.0, 42.0, 38.0], index=[2017, 2018, 2019, 2020])
    >>> moving_mean(city, units="ug/m3").pint.magnitude.round(1).tolist()
    [nan, nan, 50.3, 43.7]
    """
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise InputError(f"window must be a whole number >= 1; got {window!r}")
    series, target = _annual_series(annual, units, "annual")
    rolled = series.rolling(window, min_periods=window).mean()
    return pd.Series(rolled.to_numpy(), index=rolled.index, dtype=pint_dtype(target))


def keeps_falling(annual: Any, units: str | None = None) -> bool:
    """Whether every year's value is strictly below the previous year's.

    For targets like "年均浓度、三年滑动平均浓度继续下降" (keep falling). Use it on
    annual means or on :func:`moving_mean` output (its leading NaN years are dropped).

    Parameters
    ----------
    annual : pandas.Series or pandas.DataFrame
        As for :func:`moving_mean`.
    units : str, optional
        Units of plain-float input.

    Returns
    -------
    bool
        True when each consecutive pair falls.

    Raises
    ------
    wasteless.errors.InputError
        If fewer than two years remain, or a year inside the series is missing
        (a gap cannot be judged).

    Examples
    --------
    >>> import pandas as pd
    >>> keeps_falling(pd.Series([58.0, 51.0, 42.0, 38.0], index=range(2017, 2021)), "ug/m3")
    True
    """
    series, _ = _annual_series(annual, units, "annual")
    present = series.dropna()
    if len(present) < 2:
        raise InputError("keeps_falling needs at least two years with values")
    inner = series.loc[present.index.min() : present.index.max()]
    if inner.isna().any():
        gaps = inner.index[inner.isna()].tolist()
        raise InputError(f"keeps_falling: years {gaps} have no value; a gap cannot be judged")
    return bool((np.diff(inner.to_numpy()) < 0).all())


@dataclass(frozen=True)
class TrendResult:
    """Mann–Kendall test and Sen's slope.

    Attributes
    ----------
    slope, slope_low, slope_high
        Sen's slope and its confidence interval [concentration / year].
    intercept
        Intercept of the Sen line at year 0 [concentration].
    tau
        Kendall's tau-b.
    p_value
        Two-sided p-value of the Mann–Kendall test.
    n
        Number of values used.
    confidence
        Confidence level of the slope interval.
    """

    slope: Any
    slope_low: Any
    slope_high: Any
    intercept: Any
    tau: float
    p_value: float
    n: int
    confidence: float

    @property
    def significant(self) -> bool:
        """Whether the p-value is below ``1 - confidence``."""
        return self.p_value < 1.0 - self.confidence


def trend(values: Any, units: str | None = None, confidence: float = 0.95) -> TrendResult:
    """Mann–Kendall trend test with Sen's slope, for annual or monthly means.

    The Mann–Kendall statistic is Kendall's tau between time and value: scipy's
    :func:`scipy.stats.kendalltau` (tau-b), whose variance includes the correction for
    tied values and whose p-value is exact for small samples without ties and
    otherwise from the normal approximation (``method="auto"``). Sen's slope is the
    median of pairwise slopes, :func:`scipy.stats.theilslopes`, with its confidence
    interval. No correction for serial correlation or seasonality is applied: for
    monthly data with a strong seasonal cycle, test annual means (or deseasonalise).
    The slope interval comes from the normal approximation of Kendall's statistic:
    for fewer than about 10 values it is not a reliable 95 % interval (with 3 values
    it is simply the range of the pairwise slopes); judge significance by
    ``p_value``. The ``intercept`` is the line's value at year 0, so the fitted value
    in year ``t`` is ``intercept + slope * t``.

    Parameters
    ----------
    values : pandas.Series or pandas.DataFrame
        Annual means indexed by year, monthly means indexed by a DatetimeIndex (time
        in decimal years), or an :func:`annual_means` / :func:`monthly_means` result
        for one station. NaN values (and invalid periods) are left out.
    units : str, optional
        Units of plain-float input.
    confidence : float, optional
        Confidence level of the slope interval; default 0.95.

    Returns
    -------
    TrendResult

    Raises
    ------
    wasteless.errors.InputError
        If fewer than three values remain or ``confidence`` is not in (0, 1).

    Examples
    --------
    >>> import pandas as pd
    >>> annual = pd.Series([60.0, 55.0, 57.0, 50.0, 45.0], index=range(2015, 2020))  # made up
    >>> result = trend(annual, units="ug/m3")
    >>> result.slope, round(result.tau, 2), round(result.p_value, 3)
    (<Quantity(-3.541..., 'microgram / meter ** 3 / year')>, -0.8, 0.083)
    """
    from scipy import stats

    if not 0.0 < confidence < 1.0:
        raise InputError(f"confidence must be in (0, 1); got {confidence!r}")
    if isinstance(values, pd.DataFrame) and isinstance(values.index, pd.DatetimeIndex):
        frame = values
        magnitudes, target = _units_of(frame["mean"], units, "values")
        series = pd.Series(magnitudes[:, 0], index=frame.index)
        series[~frame["valid"].to_numpy(dtype=bool)] = np.nan
        time = _decimal_years(pd.DatetimeIndex(series.index))
    elif isinstance(values, pd.Series) and isinstance(values.index, pd.DatetimeIndex):
        magnitudes, target = _units_of(values, units, "values")
        series = pd.Series(magnitudes[:, 0], index=values.index)
        time = _decimal_years(pd.DatetimeIndex(series.index))
    else:
        series, target = _annual_series(values, units, "values")
        time = series.index.to_numpy(dtype=np.float64)
    y = series.to_numpy(dtype=np.float64)
    keep = ~np.isnan(y)
    if np.isinf(y[keep]).any():
        raise InputError("values must be finite (NaN for gaps)")
    t, y = np.asarray(time, dtype=np.float64)[keep], y[keep]
    if y.size < 3:
        raise InputError(f"trend needs at least three values; got {y.size}")
    tau_result = stats.kendalltau(t, y, variant="b", method="auto")
    slope, intercept, low, high = stats.theilslopes(y, t, alpha=confidence)
    per_year = target / ureg.year
    return TrendResult(
        slope=Q_(float(slope), per_year),
        slope_low=Q_(float(low), per_year),
        slope_high=Q_(float(high), per_year),
        intercept=Q_(float(intercept), target),
        tau=float(tau_result.statistic),
        p_value=float(tau_result.pvalue),
        n=int(y.size),
        confidence=confidence,
    )


def _decimal_years(index: pd.DatetimeIndex) -> FloatArray:
    start = pd.to_datetime(index.year.astype(str), format="%Y")
    length = np.where(index.is_leap_year, 366.0, 365.0)
    elapsed = (index - start) / pd.Timedelta(days=1)
    return np.asarray(index.year + elapsed / length, dtype=np.float64)
