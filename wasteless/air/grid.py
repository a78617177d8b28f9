"""The regular hourly grid: hourly tables of any shape as ``values[station, hour]``.

Air-quality statistics are only honest on a regular time grid: an hour that is
missing from the file is as missing as an hour recorded as NaN, and a data-capture
threshold counted on the rows that happen to exist passes years that should fail
(openair #271). Every aggregate in :mod:`wasteless.air` therefore first puts the
hourly data on a grid that starts at a midnight and has one slot per hour, missing
hours as NaN. Three shapes of input go onto it:

* a Series with a DatetimeIndex (one station);
* a wide DataFrame, DatetimeIndex and one column per station;
* a long (tidy) DataFrame, one row per (time, station), named by ``time=``,
  ``station=`` and ``value=`` (see :func:`to_wide` for the same reshaping as a table).

Days follow the wall-clock time of the index: a timezone, if any, is dropped *before*
duplicates are looked for, so two readings that a daylight-saving change puts on the
same wall-clock hour are an error, not one reading overwriting the other. Hourly values
are labelled hour-beginning by default; ``hour_label="ending"`` moves the value stamped
00:00 into the previous day.

Examples
--------
>>> import pandas as pd
>>> long = pd.DataFrame({
...     "time": pd.to_datetime(["2019-01-01 00:00", "2019-01-01 00:00", "2019-01-01 02:00"]),
...     "station": ["A", "B", "A"], "value": [10.0, 20.0, 30.0]})
>>> to_wide(long).to_numpy().tolist()
[[10.0, 20.0], [nan, nan], [30.0, nan]]
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from pint_pandas import PintArray

from wasteless._validate import check_columns
from wasteless.errors import InputError
from wasteless.units import FloatArray, Measured, parse_units, pint_dtype

__all__ = ["to_wide"]

_BLOCK_ROWS = 1 << 17  # rows per block of a long column (1 MB of int64: fits in L2)

# A grid may hold many more slots than the data have values (missing hours are slots
# too), but not absurdly many: 2**27 float64 slots are 1 GiB. Beyond that, and beyond 16
# slots per value given, the timestamps (or a freq) are almost surely wrong.
_GRID_SLOTS = 1 << 27
_SLOTS_PER_VALUE = 16


def check_grid_size(slots: int, values: int, argument: str, what: str) -> None:
    """Refuse a grid of ``slots`` for ``values`` values when it is absurdly sparse."""
    if slots > max(_GRID_SLOTS, _SLOTS_PER_VALUE * values):
        raise InputError(
            f"{argument}: {what} would need a grid of {slots:,} slots for {values:,} values "
            f"({slots * 8 / 2**30:,.1f} GiB); check the timestamps (and freq), or pass the "
            "periods separately"
        )


@dataclass(frozen=True)
class Grid:
    """Hourly values on a regular grid that starts at a midnight: ``values[station, hour]``.

    ``values[:, 0]`` is hour ``first`` of the grid (counted from ``start``), and the
    grid ends with the last column of ``values``; the hours before ``first`` and after
    the last column, up to whole days, are missing. ``values`` is either a transposed
    view of the caller's (hour, station) array, not a copy, when its rows are already
    regular hours, or a station-major array that a long table was scattered into (each
    station's hours contiguous, so that sorted rows are written sequentially). The daily
    reduction reads either layout in place.
    """

    values: FloatArray  # (n_stations, n_hours), NaN where missing; maybe a transposed view
    start: pd.Timestamp  # midnight of the first day (wall time)
    stations: pd.Index | None  # None for a Series input
    units: Any  # pint Unit
    name: Hashable
    first: int = 0  # hour of values[:, 0], counted from start (0-23)

    @property
    def n_days(self) -> int:
        """Number of days the grid spans, partial first and last days included."""
        return (self.first + int(self.values.shape[1]) + 23) // 24


@dataclass(frozen=True)
class Long:
    """Names of the columns of a long (tidy) table: one row per (time, station)."""

    time: str
    station: str
    value: str

    @classmethod
    def of(cls, time: str | None, station: str | None, value: str | None) -> Long | None:
        """The column names of a long table, or None when ``value`` is not given."""
        for argument, name in (("time", time), ("station", station), ("value", value)):
            if name is not None and not isinstance(name, Hashable):
                raise InputError(f"{argument} must be a column name; got {name!r}")
        if value is None:
            if time is not None or station is not None:
                raise InputError("long-format input needs value= (and time=, station=)")
            return None
        return cls(
            "time" if time is None else time, "station" if station is None else station, value
        )


def _timedelta(freq: Any) -> pd.Timedelta | None:
    """A time step from a string or a Timedelta, or None when it is not one.

    Spellings that pandas deprecates (``"1H"``) are read without its warning: what they
    mean is not in doubt.
    """
    if not isinstance(freq, str | pd.Timedelta | np.timedelta64):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            step = pd.Timedelta(freq)
    except (TypeError, ValueError, OverflowError):
        return None
    return None if pd.isna(step) else step


def check_step(freq: Any, hour_label: Any) -> None:
    """Refuse any grid step but one hour, and an unknown ``hour_label``."""
    step = _timedelta(freq)
    if step is None:
        raise InputError(f"freq must be '1h'; got {freq!r}")
    if step != pd.Timedelta(hours=1):
        raise InputError(
            f"freq must be '1h' (the GB 3095 rules count hourly values); got {freq!r}. "
            "Average sub-hourly data to hourly means first."
        )
    if hour_label not in ("beginning", "ending"):
        raise InputError(f"hour_label must be 'beginning' or 'ending'; got {hour_label!r}")


def hour_positions(index: Any, hour_label: str, argument: str) -> tuple[Any, pd.Timestamp]:
    """Hours since the midnight before the first value, checked to lie on the grid.

    A timezone is dropped first (days follow local wall-clock time); the positions are
    then checked for repeats, so a daylight-saving change that puts two readings on one
    wall-clock hour raises instead of losing one of them. The arithmetic runs in the
    index's own resolution (pandas 3 defaults to microseconds), not converted to ns.
    """
    if not isinstance(index, pd.DatetimeIndex):
        raise InputError(
            f"{argument} must have a DatetimeIndex; got {type(index).__name__} "
            "(for a long-format table pass time=, station=, value=, or use to_wide)"
        )
    wall = index.tz_localize(None) if index.tz is not None else index
    if wall.hasnans:
        raise InputError(f"{argument} has missing timestamps (NaT)")
    stamps = wall.asi8
    if stamps.size == 0:
        raise InputError(f"{argument} is empty")
    per_hour = int(np.timedelta64(1, "h") // np.timedelta64(1, wall.unit))
    # Hours since the epoch, checked exact (midnights are whole hours since the epoch,
    # so one division serves both), a cache-sized block at a time: a long table's time
    # column has millions of rows.
    hours = np.empty(len(stamps), dtype=np.int64)
    for lo in range(0, len(stamps), _BLOCK_ROWS):
        block, out = stamps[lo : lo + _BLOCK_ROWS], hours[lo : lo + _BLOCK_ROWS]
        np.floor_divide(block, per_hour, out=out)
        if (out * per_hour != block).any():
            bad = index[stamps % per_hour != 0][:3]
            raise InputError(
                f"{argument} has timestamps off the hourly grid (first: "
                f"{list(map(str, bad))}); wasteless does not re-bin them silently"
            )
    if hour_label == "ending":
        hours -= 1
    start_hour = int(hours.min()) // 24 * 24
    hours -= start_hour
    start = np.datetime64(start_hour, "h").astype(f"datetime64[{wall.unit}]")
    return hours, pd.Timestamp(start).as_unit("ns")


def _repeated(index: pd.DatetimeIndex, hours: Any, argument: str) -> InputError:
    order = np.argsort(hours, kind="stable")
    twice = order[1:][hours[order][1:] == hours[order][:-1]][:3]
    shown = list(map(str, index[twice]))
    why = (
        " (the index is timezone-aware: a daylight-saving change puts two readings on one "
        "wall-clock hour; convert to a fixed-offset zone such as 'Etc/GMT-8' or to UTC first)"
        if index.tz is not None
        else ""
    )
    return InputError(
        f"{argument} has duplicate hours (first: {shown}){why}; resolve them before averaging"
    )


def as_grid(
    measured: Measured,
    freq: str,
    hour_label: str,
    argument: str = "hourly",
    long: Long | None = None,
) -> Grid:
    """Put a measured Series, wide DataFrame or long table on the hourly grid."""
    check_step(freq, hour_label)
    if long is not None:
        return _grid_from_long(measured, long, hour_label, argument)
    if measured.kind not in ("series", "frame"):
        raise InputError(
            f"{argument} must be a pandas Series or DataFrame with a DatetimeIndex; "
            f"got {type(measured.source).__name__}"
        )
    positions, start = hour_positions(measured.index, hour_label, argument)
    values = measured.values if measured.values.ndim == 2 else measured.values[:, None]
    stations = measured.columns if measured.kind == "frame" else None
    first = int(positions[0])
    if first < 24 and np.array_equal(positions, np.arange(first, first + len(positions))):
        # already regular hours: the grid is a view of the data, nothing is copied
        return Grid(values.T, start, stations, measured.units, measured.name, first)
    n_hours = int(positions.max()) + 1
    check_grid_size(n_hours * values.shape[1], values.size, argument, "the hours spanned")
    seen = np.zeros(n_hours, dtype=bool)
    seen[positions] = True
    if int(np.count_nonzero(seen)) != len(positions):
        raise _repeated(measured.index, positions, argument)
    # (hour, station) like the data, so that each row is one contiguous copy
    hourly = np.full((n_hours, values.shape[1]), np.nan)
    hourly[positions] = values
    return Grid(hourly.T, start, stations, measured.units, measured.name)


def _grid_from_long(measured: Measured, long: Long, hour_label: str, argument: str) -> Grid:
    data = measured.source
    if not isinstance(data, pd.DataFrame):
        raise InputError(f"{argument}: long-format input must be a DataFrame")
    check_columns(
        data.columns,
        (long.time, long.station),
        lambda missing: f"{argument}: no column(s) {missing}; columns are {list(data.columns)}",
    )
    positions, start = hour_positions(pd.DatetimeIndex(data[long.time]), hour_label, argument)
    codes, labels = station_codes(data[long.station], long.station)
    n_days = int(positions.max() // 24) + 1
    check_grid_size(n_days * 24 * len(labels), len(data), argument, "the hours spanned")
    grid = scatter(codes, positions, measured.values, len(labels), n_days * 24)
    if isinstance(grid, tuple):
        when = pd.Timestamp(start.to_datetime64() + np.timedelta64(int(grid[1]), "h"))
        raise InputError(
            f"{argument}: ({when}, {labels[grid[0]]}) occurs more than once; each "
            f"({long.time}, {long.station}) pair must be unique (a timezone-aware time "
            "column is read as wall-clock time: at a daylight-saving change convert to a "
            "fixed-offset zone first)"
        )
    return Grid(grid, start, pd.Index(labels, name=long.station), measured.units, None)


def scatter(
    rows: Any, columns: Any, values: FloatArray, n_rows: int, n_columns: int
) -> FloatArray | tuple[int, int]:
    """``grid[rows, columns] = values`` on a NaN grid; or (row, column) of a duplicate pair."""
    flat = rows * n_columns
    flat += columns
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


def station_codes(column: pd.Series, name: str) -> tuple[Any, Any]:
    """Integer codes and labels of a station column, in order of first appearance.

    Long tables usually hold each station's rows together: then only the first row of
    each run needs hashing, which is several times faster than factorising every row.
    The runs are found without turning the column into Python strings (an
    arrow-backed string column, pandas' default with pyarrow installed, takes about
    40 ns a row to convert: 0.35 s for 8.3 million rows).
    """
    starts = _run_starts(column)
    run_codes, labels = pd.factorize(np.asarray(column.array.take(starts)), sort=False)
    if (run_codes < 0).any():
        raise InputError(f"column {name!r} has missing station labels")
    lengths = np.diff(np.r_[starts, len(column)])
    return np.repeat(run_codes, lengths), labels


def _run_starts(column: pd.Series) -> Any:
    """Positions where the value differs from the one before (0 always included)."""
    if len(column) < 2:
        return np.zeros(len(column), dtype=np.int64)
    dtype: Any = column.dtype
    if isinstance(dtype, (pd.CategoricalDtype, pd.ArrowDtype)) or (
        getattr(dtype, "storage", None) == "pyarrow"
    ):
        # compared in place (arrow kernels, category codes); a missing label
        # compares as missing, read as a change so that it starts a run of its own
        array: Any = column.array
        differs = array[1:] != array[:-1]
        changed = (
            differs
            if isinstance(differs, np.ndarray)
            else differs.to_numpy(dtype=bool, na_value=True)
        )
    else:
        values = column.to_numpy()
        changed = values[1:] != values[:-1]
    return np.flatnonzero(np.r_[True, changed])


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
    if not isinstance(data, pd.DataFrame):
        raise InputError(f"data must be a pandas DataFrame (a long table); got {type(data)}")
    for argument, name in (("time", time), ("station", station), ("value", value)):
        if not isinstance(name, Hashable) or isinstance(name, tuple | list):
            raise InputError(f"{argument} must be a column name; got {name!r}")
    check_columns(
        data.columns,
        (time, station, value),
        lambda missing: f"to_wide: no column(s) {missing}; columns are {list(data.columns)}",
    )
    if data.empty:
        raise InputError("to_wide: the table is empty")
    label = None if units is None else parse_units(units)
    step = _step(freq)
    try:
        stamps_index = pd.DatetimeIndex(data[time])
    except (TypeError, ValueError):
        raise InputError(f"to_wide: column {time!r} must hold timestamps") from None
    if stamps_index.hasnans:
        raise InputError(f"to_wide: column {time!r} has missing timestamps")
    stamps = stamps_index.as_unit("ns").asi8
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
    codes, labels = station_codes(data[station], station)
    n_times = int(positions.max()) + 1
    check_grid_size(n_times * len(labels), len(data), "data", f"the {freq} steps spanned")

    column = data[value]
    dtype_units = getattr(column.dtype, "units", None)
    try:
        raw = (
            np.asarray(column.array.quantity.magnitude, dtype=np.float64)
            if dtype_units is not None
            else column.to_numpy(dtype=np.float64, na_value=np.nan)
        )
    except (TypeError, ValueError):
        raise InputError(f"to_wide: column {value!r} must hold real numbers") from None
    by_station = scatter(codes, positions, raw, len(labels), n_times)
    if isinstance(by_station, tuple):
        when = pd.Timestamp(first + by_station[1] * step, tz=stamps_index.tz)
        raise InputError(
            f"to_wide: ({when}, {labels[by_station[0]]}) occurs more than once; "
            "each (time, station) pair must be unique"
        )
    index = pd.date_range(
        pd.Timestamp(first, tz=stamps_index.tz),
        periods=n_times,
        freq=pd.Timedelta(step),
        name=time,
    )
    columns = pd.Index(labels, name=station)
    label = dtype_units or label
    if label is None:
        return pd.DataFrame(by_station.T, index=index, columns=columns)
    return pint_frame(by_station, index, columns, label)


def _step(freq: Any) -> int:
    """The grid step of ``to_wide`` in nanoseconds: a positive time step."""
    delta = _timedelta(freq)
    step = -1 if delta is None else int(delta.value)
    if step <= 0:
        raise InputError(f"freq must be a positive time step such as '1h'; got {freq!r}")
    return step


def pint_frame(
    by_column: FloatArray, index: pd.Index, columns: pd.Index, units: Any
) -> pd.DataFrame:
    """A DataFrame with one pint-pandas float64 column per row of ``by_column``."""
    dtype = pd.api.types.pandas_dtype(pint_dtype(units))  # parsed once, shared
    frame = pd.DataFrame(
        {i: PintArray(by_column[i], dtype=dtype) for i in range(by_column.shape[0])},  # type: ignore[no-untyped-call]
        index=index,
    )
    frame.columns = columns
    return frame
