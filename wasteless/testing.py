"""Generators of synthetic inputs for tests and benchmarks, like ``pandas._testing``.

:func:`synthetic_archive` writes daily files in the format of the national air-quality
network's archive (CNEMC, read by :func:`wasteless.io.read_cnemc`) from seeded random
values, with the real archive's defects on request (empty cells, missing hours and days,
outliers, stations absent from a header, a last row cut off), and says what the reader
should return for them (:meth:`SyntheticArchive.frame`): a test of the reader at any
size, and the input of the benchmarks (``benchmarks/bench_read.py``, ``bench_dask.py``).

Examples
--------
>>> import tempfile
>>> from wasteless import io, testing
>>> with tempfile.TemporaryDirectory() as directory:
...     archive = testing.synthetic_archive(directory, "2019-01-01", 2, stations=3, seed=1)
...     frame = io.read_cnemc(archive.directory)
...     frame["value"].equals(archive.frame()["value"])
True
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import gzip
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from wasteless._validate import check_choice, check_fraction, check_whole
from wasteless.errors import InputError
from wasteless.io.cnemc import _HEADER, UNITS, _pollutant_names, _station_codes

__all__ = ["SyntheticArchive", "synthetic_archive"]

# Typical level of each row type [its unit in wasteless.io.UNITS]; the 24-hour and 8-hour means and
# the AQI are drawn independently, not computed from the hourly values.
_TYPICAL = {
    "AQI": 70.0,
    "PM2.5": 45.0,
    "PM10": 75.0,
    "SO2": 10.0,
    "NO2": 30.0,
    "O3": 60.0,
    "CO": 0.8,
}
_PEAK_HOUR = {"O3": 15.0}  # ozone peaks in the afternoon; the others at night


def _typical(name: str) -> float:
    return _TYPICAL[name.split("_")[0]]


def _tenths(name: str) -> bool:
    return name.startswith("CO")  # CO is released with one decimal, mg/m³


def _number_text(tenths: bool, size: int) -> npt.NDArray[np.object_]:
    """``text[i + 1]``: the CSV cell of the whole number (or tenths) ``i``; ``text[0]``: empty."""
    size = 1 << max(int(size), 1).bit_length()
    cached = _TEXT_CACHE.get((tenths, size))
    if cached is None:
        cells = [f"{i // 10}.{i % 10}" if tenths else str(i) for i in range(size)]
        cached = np.array([b"", *(c.encode() for c in cells)], dtype=object)
        _TEXT_CACHE[(tenths, size)] = cached
    return cached


_TEXT_CACHE: dict[tuple[bool, int], npt.NDArray[np.object_]] = {}


@dataclass(frozen=True)
class _Day:
    """One synthetic day: ``numbers[hour, type, station]`` (-1 = empty cell), what is written."""

    numbers: npt.NDArray[np.int64]
    rows: npt.NDArray[np.bool_]  # (hour, type): the row is in the file
    columns: npt.NDArray[np.bool_]  # (station,): the station is in the header


@dataclass(frozen=True)
class SyntheticArchive:
    """Daily files written by :func:`synthetic_archive`, and what they hold.

    Attributes
    ----------
    directory : pathlib.Path
        Where the files are.
    files : tuple of pathlib.Path
        The files written, in date order (missing days have none).
    start : str
        The first day, ISO ``YYYY-MM-DD``.
    days : int
        Days of the span, missing days included.
    stations, pollutants : tuple of str
        Station codes (the header's order) and row types (the files' order).
    missing_days : tuple of str
        Days of the span without a file (ISO dates).
    truncated : tuple of (str, int)
        ``(file, line)`` of each row cut off (always a file's last row).
    """

    directory: Path
    files: tuple[Path, ...]
    start: str
    days: int
    stations: tuple[str, ...]
    pollutants: tuple[str, ...]
    missing_days: tuple[str, ...]
    truncated: tuple[tuple[str, int], ...]
    seed: int
    gaps: float
    missing_hours: float
    outliers: float
    absent_stations: float

    def _day(self, k: int) -> _Day:
        return _synthetic_day(self, k)

    def frame(self, hour_label: str = "ending") -> pd.DataFrame:
        """The tidy table that :func:`~wasteless.io.read_cnemc` should return for these files.

        Built from the generated numbers, not by reading the files: every hour of the
        span, every station and row type, NaN for an empty cell, a missing hour or
        day, a station left out of a file's header and a truncated row.

        Parameters
        ----------
        hour_label : {"ending", "beginning"}, optional
            As for :func:`~wasteless.io.read_cnemc`.

        Returns
        -------
        pandas.DataFrame
            Columns ``time``, ``station``, ``pollutant``, ``value`` [units as
            :data:`wasteless.io.UNITS`] and ``unit``, sorted by time, station and
            pollutant.

        Examples
        --------
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as directory:
        ...     archive = synthetic_archive(directory, "2019-01-01", 1, stations=2, seed=1)
        ...     archive.frame().shape
        (288, 5)
        """
        check_choice(hour_label, "hour_label", ("ending", "beginning"))
        cut = {(Path(file).name.removesuffix(".gz"), line) for file, line in self.truncated}
        n_types = len(self.pollutants)
        blocks = []
        scale = np.array([0.1 if _tenths(name) else 1.0 for name in self.pollutants])
        for k in range(self.days):
            day_name = _file_name(self, k)
            block = np.full((24, n_types, len(self.stations)), np.nan)
            if str(_day_of(self, k)) not in self.missing_days:
                day = self._day(k)
                numbers = day.numbers.astype(np.float64)
                numbers[day.numbers < 0] = np.nan
                numbers /= np.where(scale == 0.1, 10.0, 1.0)[None, :, None]
                numbers[~day.rows] = np.nan
                numbers[:, :, ~day.columns] = np.nan
                written = np.argwhere(day.rows)  # in file order: hour, then type
                if written.size and (day_name, 1 + len(written)) in cut:
                    hour, kind = written[-1]
                    numbers[hour, kind] = np.nan
                block = numbers
            blocks.append(block.transpose(0, 2, 1))  # (hour, station, type)
        values = np.concatenate(blocks) if blocks else np.empty((0, 0, 0))
        # a station left out of every file's header is unknown to the reader
        named = np.zeros(len(self.stations), dtype=bool)
        for k in range(self.days):
            if str(_day_of(self, k)) not in self.missing_days:
                named |= self._day(k).columns
        start = pd.Timestamp(self.start)
        times = pd.date_range(start, periods=24 * self.days, freq="h").as_unit("ns")
        if hour_label == "ending":
            times = times - pd.Timedelta(hours=1)
        order = sorted(np.flatnonzero(named).tolist(), key=lambda j: self.stations[j])
        index = pd.MultiIndex.from_product(
            [times, [self.stations[j] for j in order], list(self.pollutants)],
            names=["time", "station", "pollutant"],
        )
        frame = index.to_frame(index=False)
        frame["station"] = frame["station"].astype(
            pd.CategoricalDtype([self.stations[j] for j in order])
        )
        frame["pollutant"] = frame["pollutant"].astype(pd.CategoricalDtype(list(self.pollutants)))
        frame["value"] = values[:, order, :].reshape(-1)
        units = list(dict.fromkeys(UNITS[name] for name in self.pollutants))
        unit_of = np.array([units.index(UNITS[name]) for name in self.pollutants], np.int8)
        frame["unit"] = pd.Categorical.from_codes(
            unit_of[frame["pollutant"].cat.codes.to_numpy()], dtype=pd.CategoricalDtype(units)
        )
        return frame


def _day_of(archive: SyntheticArchive, k: int) -> np.datetime64:
    return np.datetime64(archive.start, "D") + np.timedelta64(k, "D")


def _file_name(archive: SyntheticArchive, k: int) -> str:
    return f"china_sites_{str(_day_of(archive, k)).replace('-', '')}.csv"


def _synthetic_day(archive: SyntheticArchive, k: int) -> _Day:
    n_stations, n_types = len(archive.stations), len(archive.pollutants)
    # levels of each station are fixed over the archive; each day has its own stream
    levels = np.random.default_rng([archive.seed, 0]).lognormal(0.0, 0.5, (n_types, n_stations))
    rng = np.random.default_rng([archive.seed, 1, k])
    hours = np.arange(24.0)[:, None]
    typical = np.array([_typical(name) for name in archive.pollutants])
    peak = np.array([_PEAK_HOUR.get(name.split("_")[0], 2.0) for name in archive.pollutants])
    diurnal = 1.0 + 0.35 * np.cos(2.0 * np.pi * (hours - peak[None, :]) / 24.0)
    noise = rng.lognormal(0.0, 0.3, (24, n_types, n_stations))
    value = (typical * diurnal)[:, :, None] * levels[None] * noise
    spikes = rng.random(value.shape) < archive.outliers
    value[spikes] *= rng.uniform(5.0, 20.0, int(spikes.sum()))
    resolution = np.array([0.1 if _tenths(name) else 1.0 for name in archive.pollutants])
    numbers = np.rint(value / resolution[None, :, None]).astype(np.int64)
    numbers[rng.random(value.shape) < archive.gaps] = -1
    rows = rng.random((24, n_types)) >= archive.missing_hours
    columns = rng.random(n_stations) >= archive.absent_stations
    if not columns.any():  # a header names at least one station
        columns[int(rng.integers(n_stations))] = True
    return _Day(numbers, rows, columns)


def _write_day(archive: SyntheticArchive, k: int, cut: float | None, compresslevel: int) -> Path:
    """Write day ``k``; ``cut`` in [0, 1): where the last row is cut off (None: not)."""
    day = archive._day(k)
    date = str(_day_of(archive, k)).replace("-", "").encode()
    codes = [
        code.encode() for code, kept in zip(archive.stations, day.columns, strict=True) if kept
    ]
    lines = [b",".join([*_HEADER, *codes])]
    tables = {}
    for j, name in enumerate(archive.pollutants):
        top = int(day.numbers[:, j, :].max(initial=0)) + 1
        tables[j] = _number_text(_tenths(name), top)
    kept = day.numbers[:, :, day.columns] + 1
    for hour, kind in np.argwhere(day.rows):
        name = archive.pollutants[kind].encode()
        cells = tables[int(kind)][kept[hour, kind]].tolist()
        lines.append(b",".join([date, str(int(hour)).encode(), name, *cells]))
    if cut is not None and len(lines) > 1:
        last = lines[-1]
        lines[-1] = last[: 1 + int(cut * last.rindex(b","))]  # fewer fields than the header
    text = b"\r\n".join(lines) + (b"" if cut is not None else b"\r\n")
    path = archive.directory / _file_name(archive, k)
    if compresslevel:
        path = path.with_name(path.name + ".gz")
        text = gzip.compress(text, compresslevel=compresslevel, mtime=0)
    path.write_bytes(text)
    return path


def _directory(directory: Any) -> Path:
    """Where to write: a path that is not an existing file (created later)."""
    if not isinstance(directory, (str, os.PathLike)):
        raise InputError(f"directory must be a path (str or os.PathLike); got {directory!r}")
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise InputError(f"directory: {str(target)!r} is an existing file, not a directory")
    return target


def _codes(stations: Any) -> tuple[str, ...]:
    """Station codes: ``stations`` of them (``"0001S"``, ...) or the codes given, once each."""
    if isinstance(stations, (int, np.integer)) and not isinstance(stations, (bool, np.bool_)):
        count = check_whole(stations, "stations", 1, 99_999)
        return tuple(f"{j + 1:04d}S" for j in range(count))
    if isinstance(stations, str) or not isinstance(stations, (list, tuple)):
        raise InputError(
            f"stations must be a count or a list of station codes such as ['1001A']; got "
            f"{stations!r}"
        )
    _station_codes(list(stations))  # each a code such as '1001A'
    codes = tuple(dict.fromkeys(stations))
    if len(codes) != len(stations):
        raise InputError(f"stations: codes repeat in {list(stations)!r}")
    return codes


def synthetic_archive(
    directory: str | os.PathLike[str],
    start: str | _dt.date = "2019-01-01",
    days: int = 3,
    *,
    stations: int | Sequence[str] = 20,
    pollutants: str | Sequence[str] | None = None,
    seed: int = 0,
    gaps: float = 0.02,
    missing_hours: float = 0.0,
    missing_days: int = 0,
    outliers: float = 0.0,
    absent_stations: float = 0.0,
    truncate: int = 0,
    compresslevel: int = 6,
) -> SyntheticArchive:
    """Write daily files in CNEMC's format from seeded random values.

    The files have the real archive's layout (``china_sites_YYYYMMDD.csv.gz``;
    ``date,hour,type,<codes>``; one row per hour and row type in the files' order;
    CRLF line ends; whole numbers, CO with one decimal; empty cells) and its defects
    on request: empty cells, missing rows (hours), missing days, outliers, stations
    left out of some headers, and a last row cut off mid-line. The same arguments
    write the same bytes. Values are lognormal around a typical level per row type
    with a daily cycle (ozone peaking at 15:00), independent draws for every row
    type (a ``_24h`` row is not the moving mean of its hourly row).

    Parameters
    ----------
    directory : str or path
        Where to write (created if needed; existing files of the same names are
        overwritten).
    start : str or datetime.date, optional
        The first day (default ``"2019-01-01"``).
    days : int, optional
        Days of the span (default 3), missing days included.
    stations : int or list of str, optional
        How many stations (codes ``"0001S"``, ``"0002S"``, ...) or their codes.
        Default 20.
    pollutants : str or list of str, optional
        Row types, as for :func:`~wasteless.io.read_cnemc` (default: the six hourly ones).
    seed : int, optional
        Seed of the random values (default 0).
    gaps : float, optional
        Fraction of empty cells [fraction] (default 0.02).
    missing_hours : float, optional
        Fraction of (hour, row type) rows left out of the files [fraction]
        (default 0).
    missing_days : int, optional
        Days without a file, drawn among the days between the first and the last,
        which are always written (default 0).
    outliers : float, optional
        Fraction of cells multiplied by 5 to 20 [fraction] (default 0).
    absent_stations : float, optional
        Chance that a station is left out of a day's header [fraction] (default 0).
    truncate : int, optional
        Number of files whose last row is cut off before its last field (default 0).
    compresslevel : int, optional
        gzip level 1-9 (default 6); 0 writes plain ``.csv`` files.

    Returns
    -------
    SyntheticArchive
        The files and what they hold; :meth:`SyntheticArchive.frame` is the tidy table
        :func:`~wasteless.io.read_cnemc` should return.

    Raises
    ------
    wasteless.errors.InputError
        For a directory that is not a path or is an existing file, a day count below 1,
        a fraction outside [0, 1], more missing days than days between the first and
        the last, more truncated files than files, station codes that are not a list
        of codes (or repeat) or an unknown row type.

    Examples
    --------
    >>> import tempfile
    >>> from wasteless.io import read_cnemc
    >>> with tempfile.TemporaryDirectory() as directory:
    ...     archive = synthetic_archive(directory, "2019-04-07", 3, stations=5,
    ...                                 missing_days=1, seed=7)
    ...     frame = read_cnemc(archive.directory)
    ...     frame.attrs["missing_days"], frame["value"].equals(archive.frame()["value"])
    (['2019-04-08'], True)
    """
    target = _directory(directory)
    days = check_whole(days, "days", 1, 1_000_000)
    codes = _codes(stations)
    names = _pollutant_names(pollutants)
    try:
        first = np.datetime64(pd.Timestamp(start).date(), "D")
    except (TypeError, ValueError):
        raise InputError(f"start must be a date such as '2019-01-01'; got {start!r}") from None
    missing = check_whole(missing_days, "missing_days", 0, max(days - 2, 0))
    compresslevel = check_whole(compresslevel, "compresslevel", 0, 9)
    seed = check_whole(seed, "seed", 0, 2**63 - 1)
    rng = np.random.default_rng([seed, 2])
    absent_days = (
        sorted(int(k) for k in rng.choice(np.arange(1, days - 1), missing, replace=False))
        if missing
        else []
    )
    written = [k for k in range(days) if k not in set(absent_days)]
    truncate = check_whole(truncate, "truncate", 0, len(written))
    cuts = dict(
        zip(
            (int(k) for k in rng.choice(written, truncate, replace=False)),
            rng.random(truncate).tolist(),
            strict=True,
        )
    )
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"directory: cannot create {str(target)!r} ({error.strerror})") from None
    archive = SyntheticArchive(
        directory=target,
        files=(),
        start=str(first),
        days=days,
        stations=codes,
        pollutants=names,
        missing_days=tuple(str(first + np.timedelta64(k, "D")) for k in absent_days),
        truncated=(),
        seed=seed,
        gaps=check_fraction(gaps, "gaps"),
        missing_hours=check_fraction(missing_hours, "missing_hours"),
        outliers=check_fraction(outliers, "outliers"),
        absent_stations=check_fraction(absent_stations, "absent_stations"),
    )
    files = []
    truncated = []
    for k in written:
        path = _write_day(archive, k, cuts.get(k), compresslevel)
        files.append(path)
        n_rows = int(archive._day(k).rows.sum())
        if k in cuts and n_rows:
            truncated.append((str(path), 1 + n_rows))
    return dataclasses.replace(archive, files=tuple(files), truncated=tuple(truncated))
