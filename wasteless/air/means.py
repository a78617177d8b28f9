r"""Period means under data-validity rules: daily, monthly and annual means, percentiles.

Every function here puts the hourly data on the regular grid of
:mod:`wasteless.air.grid` (missing timestamps become NaN), counts what is there, and
returns each aggregate with its count, its coverage and a ``valid`` flag. An aggregate
that does not meet the rules is returned as NaN with its count and the ``reason`` it
is not valid: an incomplete day, month or year is never averaged as if complete.

Rules (:class:`ValidityRules`, read from ``wasteless/data/validity_rules.toml``;
default :data:`GB3095_2012`, "数据统计的有效性规定" of GB 3095-2012 as quoted by
secondary sources, factors.md §4.2 [W]):

* a daily (24-hour) mean needs at least 20 hourly values;
* a monthly mean needs at least 27 daily means (25 in February);
* an annual mean needs at least 324 daily means in the calendar year and at least 27
  in every month (25 in February).

An annual mean is the arithmetic mean of the valid daily means of the calendar year;
a monthly mean likewise. The rule sets also hold the 8-hour rules of the same table (an
8-hour mean needs 6 hourly values, a daily maximum 8-hour mean 14 valid 8-hour means),
which :mod:`wasteless.air.network` applies to O3.

This module is long (about 500 lines of code, the rest docstrings) because it is one
topic: aggregates under the validity rules, blocked over the grid for speed.

Inputs carry units: a pandas Series or DataFrame of pint-pandas ``pint[...]`` dtype,
or plain floats with an explicit ``units=`` argument ("ug/m3"); plain floats without
units are an error, and so is any unit that is not a mass concentration. Wide input is
a DataFrame with a DatetimeIndex and one column per station; long (tidy) tables are
named with ``time=``, ``station=``, ``value=``.

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

import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd
from pint_pandas import PintArray

from wasteless._data import read_toml
from wasteless._validate import check_text, check_whole
from wasteless.air.grid import Grid, Long, as_grid, check_grid_size
from wasteless.errors import InputError
from wasteless.units import (
    CONCENTRATION,
    FloatArray,
    Measured,
    pint_dtype,
    unit_function,
)

__all__ = [
    "GB3095_2012",
    "VALIDITY_RULES",
    "ValidityRules",
    "annual_means",
    "daily_means",
    "monthly_means",
    "percentile_of_daily",
]


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
    min_hours_per_8h
        Hourly values (of 8) an 8-hour moving mean needs (O3); None: those of
        :data:`GB3095_2012` (6).
    min_8h_means_per_day
        Valid 8-hour moving means (of 17) a daily maximum 8-hour mean needs (O3 MDA8);
        None: those of :data:`GB3095_2012` (14).

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
    min_hours_per_8h: int | None = None
    min_8h_means_per_day: int | None = None

    def __post_init__(self) -> None:
        for name in ("name", "source", "quality"):
            check_text(getattr(self, name), name)
        limits = {
            "min_hours_per_day": (self.min_hours_per_day, 24),
            "min_days_per_month": (self.min_days_per_month, 31),
            "min_days_february": (self.min_days_february, 29),
            "min_days_per_year": (self.min_days_per_year, 366),
            "min_hours_per_8h": (self.min_hours_per_8h, 8),
            "min_8h_means_per_day": (self.min_8h_means_per_day, 17),
        }
        for name, (value, high) in limits.items():
            if value is None and name in ("min_hours_per_8h", "min_8h_means_per_day"):
                continue
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
                raise InputError(f"{name} must be a whole number in [1, {high}]; got {value!r}")

    def min_days_in_month(self, month: int) -> int:
        """Daily means needed in calendar month ``month`` (1-12)."""
        return self.min_days_february if month == 2 else self.min_days_per_month

    def rules_8h(self) -> tuple[int, int]:
        """``(min_hours_per_8h, min_8h_means_per_day)``, GB 3095-2012's where None.

        Examples
        --------
        >>> GB3095_2012.rules_8h()
        (6, 14)
        """
        hours, means = self.min_hours_per_8h, self.min_8h_means_per_day
        if hours is None or means is None:
            fallback = VALIDITY_RULES["gb3095_2012"]
            hours = fallback.min_hours_per_8h if hours is None else hours
            means = fallback.min_8h_means_per_day if means is None else means
        assert hours is not None  # the shipped GB 3095-2012 rules have both
        assert means is not None
        return hours, means


def _load_rules() -> Mapping[str, ValidityRules]:
    records = read_toml("validity_rules.toml")
    return MappingProxyType({key: ValidityRules(**record) for key, record in records.items()})


VALIDITY_RULES: Mapping[str, ValidityRules] = _load_rules()
"""The data-validity rule sets shipped in ``wasteless/data/validity_rules.toml``, by key."""

GB3095_2012 = VALIDITY_RULES["gb3095_2012"]
"""The GB 3095-2012 data-validity rules: 20 h per day; 27 days per month (Feb 25); 324 per year;
an 8-hour mean 6 h, a daily maximum 8-hour mean 14 valid 8-hour means."""


# --- core reductions on arrays -----------------------------------------------------------
#
# The hourly data are read once, in blocks of a few days (or stations) small enough to
# stay in the CPU cache, so that the NaN mask and the zero-filled copy each block needs
# cost no trip to main memory. Everything after the daily step works on the small
# (n_days, n_stations) arrays, day-major so that monthly and yearly sums add whole rows.

_BLOCK_BYTES = 1 << 20  # hourly values reduced per block (about 1 MB: fits in L2)


def _daily(grid: Grid, min_hours: int, argument: str) -> tuple[FloatArray, Any, Any]:
    """Daily (mean, count, valid) arrays of shape (n_days, n_stations)."""
    with np.errstate(over="ignore"):  # an overflow is refused just below
        count, total = _day_counts_and_sums(grid)
    valid = count >= min_hours
    mean = np.divide(total, count, out=np.full(total.shape, np.nan), where=valid)
    _refuse_overflow(total, argument, "a daily sum")
    return mean, count, valid


def _refuse_overflow(sums: FloatArray, argument: str, what: str) -> None:
    """A sum of finite values that overflowed float64 is refused, never averaged as inf."""
    if np.isinf(sums).any():
        raise InputError(
            f"{argument}: {what} overflows float64 (values near 1.8e308 cannot be averaged); "
            "check the data and their units"
        )


def _day_counts_and_sums(grid: Grid) -> tuple[Any, FloatArray]:
    """Hours present and their sum per (day, station), reading ``grid.values`` in place."""
    values = grid.values
    if not (values.T.flags.c_contiguous or values.strides[1] == values.itemsize):
        values = np.ascontiguousarray(values)
    n_stations, n_hours = values.shape
    missing = np.empty((grid.n_days, n_stations), dtype=np.uint8)
    total = np.empty((grid.n_days, n_stations))
    # whole days are reduced where they lie; a partial first or last day goes through
    # a one-day copy padded with NaN
    head = min((24 - grid.first) % 24, n_hours)
    whole = (n_hours - head) // 24
    tail = n_hours - head - 24 * whole
    if head:
        _reduce_days(_padded_day(values[:, :head], grid.first), missing[:1], total[:1])
    if whole:
        days = slice(1 if head else 0, (1 if head else 0) + whole)
        _reduce_days(values[:, head : head + 24 * whole], missing[days], total[days])
    if tail:
        _reduce_days(_padded_day(values[:, n_hours - tail :], 0), missing[-1:], total[-1:])
    return 24 - missing, total


def _padded_day(hours: FloatArray, first: int) -> FloatArray:
    """One day, (station, hour), of NaN with ``hours`` from hour ``first`` on."""
    day = np.full((hours.shape[0], 24), np.nan)
    day[:, first : first + hours.shape[1]] = hours
    return day


def _reduce_days(hours: FloatArray, missing: Any, total: FloatArray) -> None:
    """Missing hours and sums, (day, station), of (station, hour) ``hours`` of whole days.

    Reads the array in the order it lies in memory, a cache-sized block at a time, so
    that a block's NaN mask and zero-filled copy never leave the cache: hour-major data
    (a wide table's own array) a few days at a time, station-major data (a long table
    scattered onto the grid) a few stations at a time.
    """
    n_stations, n_days = hours.shape[0], hours.shape[1] // 24
    if hours.T.flags.c_contiguous and n_stations > 1:
        by_day = hours.T.reshape(n_days, 24, n_stations)
        step = max(1, _BLOCK_BYTES // by_day[0].nbytes)
        for lo in range(0, n_days, step):
            block = by_day[lo : lo + step]
            nan = np.isnan(block)
            np.add.reduce(nan.view(np.uint8), axis=1, out=missing[lo : lo + step])
            _sum_of_24(np.where(nan, 0.0, block), 1, total[lo : lo + step])
        return
    by_station = hours.reshape(n_stations, n_days, 24)
    step = max(1, _BLOCK_BYTES // by_station[0].nbytes)
    for lo in range(0, n_stations, step):
        block = by_station[lo : lo + step]
        nan = np.isnan(block)
        # a count of 24 booleans as a matrix-vector product: exact, and faster than
        # a reduction along a short last axis
        missing[:, lo : lo + step] = np.matmul(nan, _ONES_32).T
        _sum_of_24(np.where(nan, 0.0, block), 2, total[:, lo : lo + step].T)


_ONES_32 = np.ones(24, dtype=np.float32)


def _sum_of_24(hours: FloatArray, axis: int, out: FloatArray) -> None:
    """Sum over ``axis`` (24 hours long) into ``out``, added in NumPy's own order.

    ``np.sum`` adds 24 contiguous values pairwise: eight partial sums
    ``r[j] = (x[j] + x[j + 8]) + x[j + 16]``, then
    ``((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))``. Doing the same
    here, whatever the layout, makes every daily sum bit for bit ``np.sum`` of that
    day's values (NaN as 0), as in wasteless 0.1, independent of the memory order.
    """
    last = np.moveaxis(hours, axis, -1)  # a view
    thirds = last.reshape((*last.shape[:-1], 3, 8))
    partial = thirds[..., 0, :] + thirds[..., 1, :]
    partial += thirds[..., 2, :]
    pairs = partial[..., 0::2] + partial[..., 1::2]
    fours = pairs[..., 0::2] + pairs[..., 1::2]
    np.add(fours[..., 0], fours[..., 1], out=out)


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
    """Extend (day, station) arrays to whole months/years; return arrays, days and in-data mask."""
    n_days = mean.shape[0]
    first = start.to_period("Y" if kind == "year" else "M").start_time
    # in days, not a Timedelta: pandas' nanosecond Timedelta ends at 292 years
    last_day = pd.Timestamp(start.to_datetime64().astype("datetime64[D]") + (n_days - 1))
    last = last_day.to_period("Y" if kind == "year" else "M").end_time.normalize()
    days = pd.date_range(first, last, freq="D")
    before = (start - first).days
    after = len(days) - before - n_days
    pad = ((before, after), (0, 0))
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
    """Monthly or annual (mean, n_days, coverage, valid, partial, ...) per station.

    Takes (day, station) arrays; returns (station, month or year) arrays.
    """
    mean, valid, days, in_data = _pad_days(mean, valid, start, kind)
    month_starts, months = _periods(days, "month")
    values = np.where(valid, mean, 0.0)
    with np.errstate(over="ignore"):  # an overflow is refused below
        month_sums = np.add.reduceat(values, month_starts, axis=0)
        year_sums = np.add.reduceat(values, _periods(days, "year")[0], axis=0)
    month_n = np.add.reduceat(valid.astype(np.int64), month_starts, axis=0)
    month_need = np.array([rules.min_days_in_month(m) for m in pd.DatetimeIndex(months).month])
    month_ok = month_n >= month_need[:, None]
    if kind == "month":
        return {
            **_period_columns(
                "monthly", months, month_sums, month_n, month_ok, month_starts, in_data
            ),
            "reason": _month_reasons(month_ok.T, month_n.T, month_need, rules),
        }
    year_starts, years = _periods(days, "year")
    # months of each year: 12 per year, since the days are padded to whole years
    twelves = np.arange(0, len(months), 12)
    year_n = np.add.reduceat(month_n, twelves, axis=0)
    fewest = np.minimum.reduceat(month_n, twelves, axis=0)
    all_months_ok = np.logical_and.reduceat(month_ok, twelves, axis=0)
    year_ok = all_months_ok & (year_n >= rules.min_days_per_year)
    return {
        **_period_columns(
            "yearly", years, year_sums, year_n, year_ok, year_starts, in_data, fewest
        ),
        "reason": _year_reasons(
            year_ok.T, year_n.T, month_ok.T, month_n.T, month_need, months, years, rules
        ),
    }


def _period_columns(
    period: str,
    labels: pd.Index,
    sums: FloatArray,
    n: Any,
    ok: Any,
    starts: Any,
    in_data: Any,
    fewest: Any = None,
) -> dict[str, Any]:
    """The columns a month and a year share, (station, period) arrays: mean, n_days, ...

    ``sums`` and ``n`` are each period's sum and number of valid daily means, ``ok``
    its validity, ``starts`` the index of its first day in ``in_data`` (the padded days,
    True where the data reach); ``period`` is "monthly" or "yearly", for the overflow
    error. ``fewest`` (years only: the fewest valid days in a month) goes after coverage.
    """
    _refuse_overflow(sums, "hourly_or_daily", f"a {period} sum of daily means")
    mean = np.divide(sums, n, out=np.full(sums.shape, np.nan), where=ok)
    length = np.diff(np.r_[starts, len(in_data)])
    partial = ~np.logical_and.reduceat(in_data, starts)
    extra = {} if fewest is None else {"fewest_days_in_a_month": fewest.T}
    return {
        "labels": labels,
        "mean": mean.T,
        "n_days": n.T,
        "coverage": (n / length[:, None]).T,
        **extra,
        "valid": ok.T,
        "partial": np.broadcast_to(partial, ok.T.shape),
    }


def _month_reasons(ok: Any, n: Any, need: Any, rules: ValidityRules) -> Any:
    """Why each month is not valid (``""`` when it is); strings only for invalid ones."""
    reasons = np.full(ok.shape, "", dtype=object)
    for station, month in zip(*np.nonzero(~ok), strict=True):
        reasons[station, month] = f"{n[station, month]} valid days < {need[month]} ({rules.name})"
    return reasons


def _year_reasons(
    ok: Any,
    n: Any,
    month_ok: Any,
    month_n: Any,
    month_need: Any,
    months: pd.Index,
    years: pd.Index,
    rules: ValidityRules,
) -> Any:
    """Why each year is not valid: its first month short of days, or too few days."""
    reasons = np.full(ok.shape, "", dtype=object)
    labels = list(pd.DatetimeIndex(months).strftime("%Y-%m"))
    year_labels = list(years)
    short = ~month_ok.reshape(ok.shape[0], ok.shape[1], 12)
    n_short, first_short = short.sum(axis=2), short.argmax(axis=2)
    for station, year in zip(*np.nonzero(~ok), strict=True):
        if n_short[station, year]:
            m = 12 * year + int(first_short[station, year])
            others = int(n_short[station, year]) - 1
            more = f" and {others} other month(s)" if others else ""
            reasons[station, year] = (
                f"{labels[m]} has {month_n[station, m]} valid days < {month_need[m]}{more} "
                f"({rules.name})"
            )
        else:
            reasons[station, year] = (
                f"{year_labels[year]} has {n[station, year]} valid days < "
                f"{rules.min_days_per_year} ({rules.name})"
            )
    return reasons


def _frame(
    columns: dict[str, Any],
    labels: pd.Index,
    stations: pd.Index | None,
    units: Any,
) -> pd.DataFrame:
    """Assemble a result: index ``labels`` (Series input) or (station, label)."""
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
        elif key == "reason":
            data[key] = value
        else:
            data[key] = value.astype(np.float64)
    return pd.DataFrame(data, index=index)


_DAILY_COLUMNS = {"mean", "n_hours", "valid"}


def _daily_table_column(data: Any) -> str | None:
    """``"mean"`` for a :func:`daily_means` result (its column of daily means), else None."""
    if isinstance(data, pd.DataFrame) and set(data.columns) >= _DAILY_COLUMNS:
        return "mean"
    return None


def _daily_from_table(measured: Measured) -> tuple[FloatArray, Any, pd.Timestamp, Any]:
    """Arrays (mean, valid), (day, station), on a whole-day grid from a :func:`daily_means` result.

    The table is checked as hourly data are: means already passed the units pathway
    (finite, >= 0, NaN allowed); here a ``valid`` day must have a mean, dates must be
    midnights and no (station, date) may occur twice.
    """
    daily = measured.source
    valid_column = daily["valid"]
    if not pd.api.types.is_bool_dtype(valid_column.dtype) or bool(valid_column.isna().any()):
        raise InputError(
            f"daily table: the 'valid' column must be bool without missing values; got "
            f"dtype {valid_column.dtype}"
        )
    mean_col = measured.values
    valid_col = valid_column.to_numpy(dtype=bool)
    if (valid_col & np.isnan(mean_col)).any():
        first = daily.index[valid_col & np.isnan(mean_col)][0]
        raise InputError(
            f"daily table: the day {first!r} is marked valid but its mean is NaN; a valid "
            "day needs a mean"
        )
    if isinstance(daily.index, pd.MultiIndex):
        multi = daily.index.remove_unused_levels()
        station_codes = np.asarray(multi.codes[0], dtype=np.int64)
        dates = pd.DatetimeIndex(multi.levels[1].take(multi.codes[1]))
        stations_index: pd.Index | None = multi.levels[0].rename(multi.names[0])
    else:
        if not isinstance(daily.index, pd.DatetimeIndex):
            raise InputError(
                f"daily table: the index must be dates (a DatetimeIndex); got "
                f"{type(daily.index).__name__}"
            )
        station_codes = np.zeros(len(daily), dtype=np.int64)
        dates = daily.index
        stations_index = None
    if len(dates) == 0:
        raise InputError("daily table: the table is empty")
    if dates.tz is not None:
        dates = dates.tz_localize(None)
    if dates.hasnans:
        raise InputError("daily table: the dates contain NaT")
    if (dates != dates.normalize()).any():
        raise InputError("daily table: dates must be midnights (one row per day)")
    start = dates.min()
    days_since = dates.to_numpy().astype("datetime64[D]") - start.to_datetime64().astype(
        "datetime64[D]"
    )
    position = days_since.astype(np.int64)  # in days: a Timedelta ends at 292 years
    n_stations = 1 if stations_index is None else len(stations_index)
    n_days = int(position.max()) + 1
    check_grid_size(n_stations * n_days, len(daily), "hourly_or_daily", "the days spanned")
    seen = np.zeros(n_stations * n_days, dtype=bool)
    seen[station_codes * n_days + position] = True
    if int(np.count_nonzero(seen)) != len(position):
        raise InputError("daily table: a (station, date) occurs more than once")
    mean = np.full((n_days, n_stations), np.nan)
    valid = np.zeros((n_days, n_stations), dtype=bool)
    mean[position, station_codes] = mean_col
    valid[position, station_codes] = valid_col
    return mean, valid, start, stations_index


def _check_rules(rules: Any) -> ValidityRules:
    if not isinstance(rules, ValidityRules):
        raise InputError(
            f"rules must be a ValidityRules (e.g. wasteless.air.GB3095_2012); got {rules!r}"
        )
    return rules


# --- public aggregates ------------------------------------------------------------------

_hourly_input = unit_function(
    None,
    hourly=CONCENTRATION,
    allow_nan=("hourly",),
    units_argument="units",
    column_argument="value",
)
_hourly_or_daily_input = unit_function(
    None,
    hourly_or_daily=CONCENTRATION,
    allow_nan=("hourly_or_daily",),
    units_argument="units",
    column_argument="value",
    default_column=_daily_table_column,
)


@_hourly_input
def daily_means(
    hourly: Any,
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
        NaN marks a missing hour.
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
        :func:`~wasteless.air.to_wide` first, as no wide DataFrame is built.

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
    wasteless.errors.UnitsError
        If the data (or ``units``) are not a mass concentration.
    wasteless.errors.InputError
        On a non-datetime index, duplicate or off-grid timestamps (also two readings
        on one wall-clock hour at a daylight-saving change), negative or infinite
        values, or an unknown ``freq``/``hour_label``.

    Examples
    --------
    >>> import pandas as pd
    >>> hours = pd.date_range("2019-01-01", periods=24, freq="h")
    >>> frame = pd.DataFrame({"A": 30.0, "B": 50.0}, index=hours)
    >>> daily_means(frame, units="ug/m3")["mean"].pint.magnitude.tolist()
    [30.0, 50.0]
    """
    rules = _check_rules(rules)
    need = rules.min_hours_per_day if min_hours is None else min_hours
    need = check_whole(need, "min_hours", 1, 24)
    grid = as_grid(hourly, freq, hour_label, long=Long.of(time, station, value))
    mean, count, valid = _daily(grid, need, "hourly")
    days = pd.date_range(grid.start, periods=mean.shape[0], freq="D", name="date")
    return _frame(
        {"mean": mean.T, "n_hours": count.T, "coverage": count.T / 24.0, "valid": valid.T},
        days,
        grid.stations,
        grid.units,
    )


def _daily_arrays(
    measured: Measured,
    rules: Any,
    freq: str,
    hour_label: str,
    long: Long | None = None,
) -> tuple[FloatArray, Any, pd.Timestamp, pd.Index | None, Any]:
    rules = _check_rules(rules)
    if long is None and isinstance(measured.source, pd.DataFrame) and measured.kind == "series":
        mean, valid, start, stations = _daily_from_table(measured)
        return mean, valid, start, stations, measured.units
    grid = as_grid(measured, freq, hour_label, argument="hourly_or_daily", long=long)
    mean, _, valid = _daily(grid, rules.min_hours_per_day, "hourly_or_daily")
    return mean, valid, grid.start, grid.stations, grid.units


def _period_means(
    measured: Measured, kind: str, rules: Any, freq: str, hour_label: str, long: Long | None
) -> pd.DataFrame:
    """The table of monthly or annual means (``kind`` "month" or "year")."""
    mean, valid, start, stations, target = _daily_arrays(measured, rules, freq, hour_label, long)
    table = _period_table(mean, valid, start, kind, rules)
    labels = table.pop("labels")
    return _frame(table, labels, stations, target)


@_hourly_or_daily_input
def monthly_means(
    hourly_or_daily: Any,
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
        February), ``partial`` (the data do not span the whole month) and ``reason``
        (why the month is not valid; ``""`` when it is).

    Raises
    ------
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError, wasteless.errors.InputError
        As for :func:`daily_means`; for a daily table also a day marked valid
        without a mean, or a (station, date) given twice.

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
    long = Long.of(time, station, value)
    return _period_means(hourly_or_daily, "month", rules, freq, hour_label, long)


@_hourly_or_daily_input
def annual_means(
    hourly_or_daily: Any,
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
        and 27 in every month, 25 in February), ``partial`` (the data do not span
        the whole calendar year: such a year is flagged and, lacking months, invalid)
        and ``reason`` (which rule an invalid year fails; ``""`` when valid).

    Raises
    ------
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError, wasteless.errors.InputError
        As for :func:`monthly_means`.

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
    >>> table = annual_means(pm, units="ug/m3")
    >>> table[["n_days", "fewest_days_in_a_month", "valid"]]
          n_days  fewest_days_in_a_month  valid
    year
    2019     365                      28   True
    2020     361                      26  False
    >>> table.loc[2020, "reason"]
    '2020-03 has 26 valid days < 27 (GB 3095-2012)'
    """
    long = Long.of(time, station, value)
    return _period_means(hourly_or_daily, "year", rules, freq, hour_label, long)


def nan_percentile(values: FloatArray, percentile: float, method: str = "linear") -> FloatArray:
    """Percentile of each row of ``values`` ignoring NaN; NaN for a row with no value.

    The one percentile rule of wasteless (used by :func:`percentile_of_daily` and
    :func:`wasteless.air.compliance.compliance`): numpy's ``"linear"`` method by
    default, k = 1 + (n − 1)·p between the order statistics, the reading of HJ 663's
    appendix that secondary sources give.

    Examples
    --------
    >>> nan_percentile(np.array([[1.0, 2.0, 3.0, np.nan], [np.nan] * 4]), 50).tolist()
    [2.0, nan]
    """
    rows = np.atleast_2d(values)
    out = np.full(rows.shape[0], np.nan)
    has = ~np.all(np.isnan(rows), axis=1)
    if has.any():
        out[has] = np.nanpercentile(rows[has], percentile, axis=1, method=method)  # type: ignore[call-overload]
    return out


_METHODS = (
    "linear",
    "lower",
    "higher",
    "midpoint",
    "nearest",
    "inverted_cdf",
    "averaged_inverted_cdf",
    "closest_observation",
    "interpolated_inverted_cdf",
    "hazen",
    "weibull",
    "median_unbiased",
    "normal_unbiased",
)


@_hourly_or_daily_input
def percentile_of_daily(
    hourly_or_daily: Any,
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
    statistics around k. That is numpy's ``method="linear"``, the default here
    (:func:`nan_percentile`); this reading of HJ 663 is not verified against the
    primary text.

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
        year is valid), ``n_days``, ``valid`` (the annual validity rule) and
        ``reason``.

    Raises
    ------
    wasteless.errors.InputError
        If ``percentile`` is not a number in [0, 100] or ``method`` is unknown, plus
        the errors of :func:`monthly_means`.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> days = pd.date_range("2019-01-01", "2019-12-31 23:00", freq="h")
    >>> pm = pd.Series(np.repeat(np.arange(365.0), 24), index=days)
    >>> percentile_of_daily(pm, 95, units="ug/m3")["percentile"].pint.magnitude.tolist()
    [345.8]
    """
    if (
        isinstance(percentile, (bool, np.bool_))
        or not isinstance(percentile, numbers.Real)
        or not 0.0 <= float(percentile) <= 100.0
    ):
        raise InputError(f"percentile must be a number in [0, 100]; got {percentile!r}")
    if method not in _METHODS:
        raise InputError(f"method must be one of {', '.join(_METHODS)}; got {method!r}")
    mean, valid, start, stations, target = _daily_arrays(
        hourly_or_daily, rules, freq, hour_label, Long.of(time, station, value)
    )
    table = _period_table(mean, valid, start, "year", rules)
    padded_mean, padded_valid, days, _ = _pad_days(mean, valid, start, "year")
    starts, _ = _periods(days, "year")
    bounds = np.r_[starts, len(days)]
    values = np.full(table["mean"].shape, np.nan)
    for i in range(len(starts)):
        lo, hi = bounds[i], bounds[i + 1]
        block = np.where(padded_valid[lo:hi], padded_mean[lo:hi], np.nan)
        values[:, i] = nan_percentile(block.T, float(percentile), method)
    values = np.where(table["valid"], values, np.nan)
    columns = {"n_days": table["n_days"], "valid": table["valid"], "reason": table["reason"]}
    out = _frame({"mean": values, **columns}, table["labels"], stations, target)
    return out.rename(columns={"mean": "percentile"})
