"""Reader of the national air-quality network's daily files (CNEMC).

The China National Environmental Monitoring Centre (CNEMC) releases the hourly
measurements of the national network (国控站点, about 1,600 stations) in real time;
archives keep them as one CSV file per day, ``china_sites_YYYYMMDD.csv``::

    date,hour,type,1001A,1002A,...
    20190101,0,AQI,73,,92,...
    20190101,0,PM2.5,53,,68,...

one row per (hour, row type), one column per station code, an empty cell where there
is no valid reading. :func:`read_cnemc` turns any number of these files (plain or
gzip-compressed) into one tidy table on a regular hourly grid, ``time``, ``station``,
``pollutant``, ``value``, ``unit`` (also by row type in ``frame.attrs["units"]``)
and a count of everything that was missing or dropped; ``engine="dask"`` gives the
same table as a lazy ``dask.dataframe`` (one partition per file) for archives larger
than memory. The station list is read by :func:`wasteless.io.sites.read_sites`;
:func:`wasteless.testing.synthetic_archive` writes files in this format from seeded
random values, for tests and benchmarks at any size; a small real extract ships with the
package (:func:`wasteless.datasets.sample_files`): three days of January 2019 (all 15
row types) for 34 stations of Beijing, Shanghai and Guangzhou.

This module is long (about 580 lines of code, the rest docstrings) because it is one
topic: one data source's files, checked line by line and reshaped into one table.

Examples
--------
>>> from wasteless import datasets
>>> frame = read_cnemc(datasets.sample_files(), stations=["1001A"], pollutants=["PM2.5", "CO"])
>>> frame.head(4)
                 time station pollutant  value     unit
0 2018-12-31 23:00:00   1001A     PM2.5   53.0  ug/m**3
1 2018-12-31 23:00:00   1001A        CO    1.2  mg/m**3
2 2019-01-01 00:00:00   1001A     PM2.5   53.0  ug/m**3
3 2019-01-01 00:00:00   1001A        CO    1.2  mg/m**3
>>> frame.attrs["units"]
{'PM2.5': 'ug/m**3', 'CO': 'mg/m**3'}
"""

from __future__ import annotations

import datetime as _dt
import glob as _glob
import gzip
import importlib
import os
import re
import warnings
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from wasteless._progress import bar, check_progress
from wasteless._validate import check_choice
from wasteless.air.means import GB3095_2012, ValidityRules, _check_rules
from wasteless.air.network import _DailyStream
from wasteless.air.pollutants import POLLUTANTS
from wasteless.air.tidy import units_of
from wasteless.errors import InputError

__all__ = [
    "HOURLY_POLLUTANTS",
    "READ_MEMORY_BUDGET",
    "ROW_TYPES",
    "UNITS",
    "MisnamedFileWarning",
    "TruncatedRowWarning",
    "read_cnemc",
    "read_cnemc_daily_statistics",
]

ROW_TYPES: tuple[str, ...] = (
    "AQI",
    "PM2.5",
    "PM2.5_24h",
    "PM10",
    "PM10_24h",
    "SO2",
    "SO2_24h",
    "NO2",
    "NO2_24h",
    "O3",
    "O3_24h",
    "O3_8h",
    "O3_8h_24h",
    "CO",
    "CO_24h",
)
"""The 15 row types of the complete daily files, in the order the files list them."""

HOURLY_POLLUTANTS: tuple[str, ...] = tuple(name for name in ROW_TYPES if name in POLLUTANTS)
"""The 1-hour rows of the six pollutants (:data:`wasteless.air.pollutants.POLLUTANTS`), in
the files' order: what :func:`read_cnemc` reads by default."""

UNITS: dict[str, str] = {
    name: ("" if name == "AQI" else "mg/m**3" if name.startswith("CO") else "ug/m**3")
    for name in ROW_TYPES
}
"""Unit of each row type: µg/m³, CO and CO_24h in mg/m³, the AQI dimensionless."""

_TYPE_INDEX = {name.encode(): i for i, name in enumerate(ROW_TYPES)}
_HEADER = (b"date", b"hour", b"type")
_NUMBER_CHARACTERS = b"0123456789.-+eE,\n"
_CELL = re.compile(rb"(?:[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)?")
_FILE_DATE = re.compile(r"(\d{8})")
_CODE = re.compile(r"[0-9A-Za-z_.\-]+")


class MisnamedFileWarning(UserWarning):
    """A daily file's name gives one date and its rows another.

    The file is read as the day its rows give (each row says its date; a name is easier
    to mistype or to copy wrongly); the message names the file and both dates, and
    ``frame.attrs["misnamed_files"]`` lists them.
    """


class TruncatedRowWarning(UserWarning):
    """A row of a daily file has fewer fields than its header and was dropped.

    The message names the file, the line and how many fields the row has; the
    dropped rows are also listed in ``frame.attrs["dropped"]``.
    """


# --- the files to read ----------------------------------------------------------------


_DAILY_NAME = "china_sites_YYYYMMDD.csv or .csv.gz"


def _sources(source: Any) -> list[Path]:
    """The files named by ``source``: a file, a directory, a glob, or a list of any of them.

    A list may mix the three forms (as a shell passes ``DIR 'DIR2/*.csv.gz' FILE``); its
    items are expanded in order, and a file named twice (by a directory and a glob, say)
    is read once: it is one file, not two days.
    """
    if isinstance(source, (str, os.PathLike)):
        return _expand(source)
    if isinstance(source, Iterable):
        paths: dict[Path, Path] = {}  # resolved path → the path as given
        for item in source:
            if not isinstance(item, (str, os.PathLike)):
                raise InputError(
                    f"source must be a path, a directory, a glob or a list of them; the list "
                    f"holds {item!r}"
                )
            for path in _expand(item):
                paths.setdefault(path.resolve(), path)
        if not paths:
            raise InputError(
                "source is an empty list; give at least one daily file, directory or glob"
            )
        return list(paths.values())
    raise InputError(
        f"source must be a path, a directory, a glob or a list of them; got "
        f"{type(source).__name__}"
    )


def _expand(source: str | os.PathLike[str]) -> list[Path]:
    """The files of one source item: itself, a directory's daily files, a glob's matches."""
    text = os.fspath(source)
    path = Path(text)
    if path.is_dir():
        found = sorted(
            p for p in path.iterdir() if p.name.endswith((".csv", ".csv.gz")) and p.is_file()
        )
        daily = [p for p in found if p.name.startswith("china_sites_")]
        found = daily or found  # a station list beside the daily files is not one
        if not found:
            raise InputError(
                f"source: the directory {text!r} holds no daily file ({_DAILY_NAME}) and no "
                "other .csv or .csv.gz file"
            )
        return found
    if path.is_file():
        return [path]
    if _glob.has_magic(text):
        found = sorted(Path(p) for p in _glob.glob(text) if Path(p).is_file())
        if not found:
            raise InputError(f"source: the pattern {text!r} matches no file")
        return found
    raise InputError(f"source: no file or directory {text!r}")


def _pollutant_names(pollutants: Any) -> tuple[str, ...]:
    allowed = ", ".join(ROW_TYPES)
    if pollutants is None:
        return HOURLY_POLLUTANTS
    if isinstance(pollutants, str):
        names: list[Any] = list(ROW_TYPES) if pollutants == "all" else [pollutants]
    elif isinstance(pollutants, Iterable):
        names = list(pollutants)
    else:
        raise InputError(
            f"pollutants must be None, 'all', a row type or a list of row types ({allowed}); "
            f"got {pollutants!r}"
        )
    unknown = [name for name in names if name not in UNITS]
    if unknown:
        raise InputError(
            f"pollutants: unknown row type(s) {', '.join(map(repr, unknown))}; the daily files "
            f"have the row types {allowed}"
        )
    if not names:
        raise InputError(f"pollutants is empty; choose among {allowed}")
    return tuple(name for name in ROW_TYPES if name in names)


def _station_codes(stations: Any) -> tuple[str, ...] | None:
    if stations is None:
        return None
    codes = [stations] if isinstance(stations, str) else stations
    if not isinstance(codes, Iterable):
        raise InputError(f"stations must be None or a list of station codes; got {stations!r}")
    codes = list(codes)
    bad = [code for code in codes if not isinstance(code, str) or not _CODE.fullmatch(code)]
    if bad or not codes:
        raise InputError(
            f"stations must be a non-empty list of station codes such as '1001A'; got "
            f"{bad[:3] if bad else codes!r}"
        )
    return tuple(sorted(set(codes)))


# --- one file ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Head:
    """A file's station codes and its day, from its first lines."""

    path: Path
    codes: tuple[str, ...]
    day: np.datetime64 | None  # None: no data row and no date in the name
    named: np.datetime64 | None = None  # the date in the file's name, where it has one


@dataclass(frozen=True)
class _Plan:
    """What to read and where it goes: the output's stations and row types."""

    stations: tuple[str, ...]
    pollutants: tuple[str, ...]
    hour_label: str
    strict: bool
    station_dtype: pd.CategoricalDtype = field(init=False)
    pollutant_dtype: pd.CategoricalDtype = field(init=False)
    unit_dtype: pd.CategoricalDtype = field(init=False)
    unit_codes: npt.NDArray[np.int8] = field(init=False)  # the unit of each pollutant

    def __post_init__(self) -> None:
        object.__setattr__(self, "station_dtype", pd.CategoricalDtype(list(self.stations)))
        object.__setattr__(self, "pollutant_dtype", pd.CategoricalDtype(list(self.pollutants)))
        units = list(dict.fromkeys(UNITS[name] for name in self.pollutants))
        codes = np.array([units.index(UNITS[name]) for name in self.pollutants], dtype=np.int8)
        object.__setattr__(self, "unit_dtype", pd.CategoricalDtype(units))
        object.__setattr__(self, "unit_codes", codes)


@dataclass
class _Rows:
    """The rows of one file that were read: ``values[hour, station, pollutant]`` parts."""

    hours: npt.NDArray[np.int64]
    pollutants: npt.NDArray[np.int64]  # positions in the plan's pollutants
    columns: npt.NDArray[np.int64]  # positions in the plan's stations
    matrix: npt.NDArray[np.float64]  # (rows, columns)
    dropped: list[dict[str, Any]]
    n_bytes: int


def _bytes_of(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, ValueError, zlib.error) as error:
            # zlib.error: a corrupt deflate stream inside a valid gzip header
            raise InputError(f"{path}: not a valid gzip file ({error})") from None
    return raw[3:] if raw[:3] == b"\xef\xbb\xbf" else raw


def _first_lines(path: Path, count: int) -> list[bytes]:
    """Up to ``count`` non-blank lines from the start of a file (gzip or plain)."""
    try:
        with path.open("rb") as probe:
            gzipped = probe.read(2) == b"\x1f\x8b"
        lines: list[bytes] = []
        with gzip.open(path, "rb") if gzipped else path.open("rb") as handle:
            for line in handle:
                line = line.rstrip(b"\r\n")
                if not lines and line[:3] == b"\xef\xbb\xbf":
                    line = line[3:]
                if line or not lines:
                    lines.append(line)
                if len(lines) == count:
                    break
    except (OSError, EOFError, zlib.error) as error:
        raise InputError(f"{path}: cannot be read ({error})") from None
    return lines


_HEADER_LINE = re.compile(rb"date,hour,type(?:,[0-9A-Za-z_.\-]+)+")


def _header_codes(path: Path, header: bytes) -> tuple[str, ...]:
    fields = header.split(b",")
    if _HEADER_LINE.fullmatch(header):  # the usual case, checked in one pass
        return tuple(code.decode("ascii") for code in fields[3:])
    if tuple(fields[:3]) != _HEADER:
        shown = header[:60].decode("utf-8", "replace")
        raise InputError(
            f"{path}, line 1: the header must start with 'date,hour,type' followed by station "
            f"codes; got {shown!r}"
        )
    try:
        codes = tuple(code.decode("ascii") for code in fields[3:])
    except UnicodeDecodeError:
        raise InputError(f"{path}, line 1: station codes must be ASCII (e.g. '1001A')") from None
    if not codes:
        raise InputError(f"{path}, line 1: the header names no station after 'date,hour,type'")
    bad = [code for code in codes if not _CODE.fullmatch(code)]
    if bad:
        raise InputError(
            f"{path}, line 1: station codes must be letters, digits, '_', '.' or '-' "
            f"(e.g. '1001A'); got {bad[:3]!r}"
        )
    return codes


def _repeated(codes: Sequence[str]) -> dict[str, list[int]]:
    """The codes a header names more than once, with their positions."""
    if len(set(codes)) == len(codes):
        return {}
    where: dict[str, list[int]] = {}
    for j, code in enumerate(codes):
        where.setdefault(code, []).append(j)
    return {code: places for code, places in where.items() if len(places) > 1}


def _parse_day(text: bytes) -> np.datetime64 | None:
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        day = _dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None
    return np.datetime64(day, "D")


def _head(path: Path) -> _Head:
    lines = _first_lines(path, 2)
    if not lines:
        raise InputError(f"{path}, line 1: the file is empty (no header)")
    codes = _header_codes(path, lines[0])
    day = _parse_day(lines[1].split(b",", 1)[0]) if len(lines) > 1 else None
    dates = _FILE_DATE.findall(path.name)
    named = _parse_day(dates[-1].encode()) if dates else None
    if day is None:
        day = named
    if day is None and len(lines) > 1:
        raise InputError(
            f"{path}, line 2: the date must be YYYYMMDD (e.g. 20190101); got "
            f"{lines[1].split(b',', 1)[0][:20].decode('utf-8', 'replace')!r}"
        )
    if day is not None and not _FIRST_DAY <= day <= _LAST_DAY:
        # pandas' nanosecond times end in 1677 and 2262: a date outside wraps round
        # silently (00190101 would read back as 1754), and no monitoring file is that old
        raise InputError(
            f"{path}: its date {day} is outside {_FIRST_DAY}-{_LAST_DAY}, the years a "
            "daily file can be of (a mistyped date?)"
        )
    return _Head(path, codes, day, named)


# the calendar years a daily file may be of (as wasteless._validate.check_year's)
_FIRST_DAY, _LAST_DAY = np.datetime64("1900-01-01", "D"), np.datetime64("2200-12-31", "D")
READ_MEMORY_BUDGET = 4 * 2**30
"""What the CNEMC readers may ask for (bytes), 4 GiB: a span of days far longer than the files
present (one mistyped file date) is refused, naming the file, before any memory is asked
for. A year of the whole network is estimated at about 2.8 GiB in :func:`read_cnemc` (its
hourly array and tidy table) and far less in :func:`read_cnemc_daily_statistics`; set
``wasteless.io.cnemc.READ_MEMORY_BUDGET`` higher on a larger machine."""


def _check_span(archive: _Archive, bytes_per_day: float, reader: str) -> None:
    """Refuse a span whose arrays would exceed :data:`READ_MEMORY_BUDGET`, before allocating.

    The message names the file whose date stretches the span: the one beside the widest gap
    between the files' dates, on the side with fewer files.
    """
    n_days = len(archive.files)
    needed = bytes_per_day * n_days
    if needed <= READ_MEMORY_BUDGET:
        return
    k = np.flatnonzero([path is not None for path in archive.files])
    gaps = np.diff(k)
    widest = int(np.argmax(gaps))
    # the file beside the widest gap on its side with fewer files (a lone mistyped date)
    after = len(k) - widest - 1
    lone = archive.files[k[widest + 1]] if after <= widest + 1 else archive.files[k[widest]]
    raise InputError(
        f"source: the {archive.n_files} files span {n_days:,} days "
        f"({archive.first_day} to {archive.first_day + np.timedelta64(n_days - 1, 'D')}), "
        f"a gap of {int(gaps[widest]) - 1:,} days without a file: {reader} would need about "
        f"{needed / 2**30:.1f} GiB (READ_MEMORY_BUDGET {READ_MEMORY_BUDGET / 2**30:.0f} GiB); "
        f"is the date of {lone} mistyped? Read the files on each side of the gap apart"
    )


def _non_numeric(path: Path, numbers: list[bytes], lines: list[int], codes: Sequence[str]) -> str:
    """Where the first cell that is not a number is (a message), or ''."""
    for text, line in zip(numbers, lines, strict=True):
        for j, cell in enumerate(text.split(b",")):
            if not _CELL.fullmatch(cell):
                shown = cell[:20].decode("utf-8", "replace")
                return (
                    f"{path}, line {line}: station {codes[j]!r} (field {j + 4}) holds {shown!r}, "
                    "not a number; a cell is a decimal number or empty (no valid reading)"
                )
    return ""


def _numbers(
    path: Path, numbers: list[bytes], lines: list[int], codes: Sequence[str]
) -> npt.NDArray[np.float64]:
    """The cells of the rows (text after ``date,hour,type,``) as a (rows, stations) array.

    The cells are parsed as one column, a cell per line, by pandas' C parser: one
    column costs one conversion, where ~1,600 columns cost ~1,600 Series (2x slower).
    Every row has been checked to have one cell per station.
    """
    text = b",".join(numbers)
    if text.translate(None, _NUMBER_CHARACTERS):
        raise InputError(_non_numeric(path, numbers, lines, codes))
    # an empty first or last cell would be an empty first or last line, which a
    # one-column CSV cannot tell from no line: spell it
    if text[:1] == b",":
        text = b"nan" + text
    if text[-1:] == b",":
        text += b"nan"
    try:
        parsed = pd.read_csv(
            BytesIO(text.replace(b",", b"\n")),
            header=None,
            names=["value"],
            dtype=np.float64,
            na_values=["", "nan"],
            keep_default_na=False,
            skip_blank_lines=False,
            engine="c",
        )
    except ValueError as error:
        message = _non_numeric(path, numbers, lines, codes)
        raise InputError(message or f"{path}: a cell is not a number ({error})") from None
    values = parsed["value"].to_numpy(dtype=np.float64)
    if values.size != len(numbers) * len(codes):  # pragma: no cover - a parser surprise
        raise InputError(f"{path}: read {values.size} cells, expected {len(numbers)} rows")
    if np.isinf(values).any():
        row = int(np.flatnonzero(np.isinf(values))[0]) // len(codes)
        raise InputError(f"{path}, line {lines[row]}: a value is out of the range of float64")
    return values.reshape(len(numbers), len(codes))


def _read_rows(path: Path, day: np.datetime64, plan: _Plan, stacklevel: int) -> _Rows:
    """Check and read one daily file: the rows of the plan's row types, as floats."""
    raw = _bytes_of(path)
    end = raw.find(b"\n")
    header = (raw if end < 0 else raw[:end]).rstrip(b"\r")
    codes = _header_codes(path, header)
    n_fields = len(codes) + 3
    wanted = {ROW_TYPES.index(name): j for j, name in enumerate(plan.pollutants)}
    day_text = str(day).replace("-", "").encode()
    seen: dict[tuple[int, int], int] = {}
    hours: list[int] = []
    kinds: list[int] = []
    numbers: list[bytes] = []
    lines: list[int] = []
    dropped: list[dict[str, Any]] = []
    body = raw[end + 1 :].split(b"\n") if end >= 0 else []
    for number, line in enumerate(body, start=2):
        line = line.rstrip(b"\r")
        if not line:
            continue
        n_commas = line.count(b",")
        if n_commas != n_fields - 1:
            if n_commas > n_fields - 1:
                raise InputError(
                    f"{path}, line {number}: the row has {n_commas + 1} fields, the header "
                    f"{n_fields}; a row holds date, hour, type and one cell per station"
                )
            message = (
                f"{path}, line {number}: the row has {n_commas + 1} of {n_fields} fields (cut off)"
            )
            if plan.strict:
                raise InputError(f"{message}; strict=True refuses a truncated row")
            warnings.warn(f"{message}; dropped", TruncatedRowWarning, stacklevel=stacklevel)
            dropped.append(
                {"file": str(path), "line": number, "reason": "truncated", "fields": n_commas + 1}
            )
            continue
        date, hour, kind, rest = line.split(b",", 3)
        if date != day_text:
            shown = date[:20].decode("utf-8", "replace")
            what = "another day than" if _parse_day(date) is not None else "not a date like"
            raise InputError(
                f"{path}, line {number}: date {shown!r} is {what} {day_text.decode()!r} "
                "(a daily file holds one day, YYYYMMDD)"
            )
        if not (hour.isdigit() and len(hour) <= 2 and int(hour) <= 23):
            raise InputError(
                f"{path}, line {number}: hour must be a whole number 0 to 23; got "
                f"{hour[:20].decode('utf-8', 'replace')!r}"
            )
        kind_index = _TYPE_INDEX.get(kind)
        if kind_index is None:
            raise InputError(
                f"{path}, line {number}: unknown row type "
                f"{kind[:20].decode('utf-8', 'replace')!r}; the row types are "
                f"{', '.join(ROW_TYPES)}"
            )
        key = (int(hour), kind_index)
        if key in seen:
            raise InputError(
                f"{path}, line {number}: (date, hour, type) = ({day_text.decode()}, "
                f"{key[0]}, {ROW_TYPES[kind_index]}) repeats line {seen[key]}; one row per "
                "hour and type"
            )
        seen[key] = number
        if kind_index in wanted:
            hours.append(key[0])
            kinds.append(wanted[kind_index])
            numbers.append(rest)
            lines.append(number)

    position = {code: i for i, code in enumerate(plan.stations)}
    repeated = _repeated(codes)
    later = {j for places in repeated.values() for j in places[1:]}
    use = [j for j, code in enumerate(codes) if code in position and j not in later]
    columns = np.array([position[codes[j]] for j in use], dtype=np.int64)
    matrix = np.empty((len(numbers), len(use)), dtype=np.float64)
    if numbers and use:
        matrix = _numbers(path, numbers, lines, codes)
        for code, places in repeated.items():
            # real files repeat a column (3207A from 2019-06-01 on) with the same cells:
            # one is kept; two columns that differ are an error, not a choice to make
            first = matrix[:, places[0]]
            for j in places[1:]:
                differ = ~((matrix[:, j] == first) | (np.isnan(matrix[:, j]) & np.isnan(first)))
                if differ.any():
                    raise InputError(
                        f"{path}, line {lines[int(np.flatnonzero(differ)[0])]}: station "
                        f"{code!r} has two columns (fields {places[0] + 4} and {j + 4}) that "
                        "differ; a station's column may repeat only with the same cells"
                    )
        if len(use) < len(codes):
            matrix = matrix[:, use]
    return _Rows(
        np.array(hours, dtype=np.int64),
        np.array(kinds, dtype=np.int64),
        columns,
        matrix,
        dropped,
        len(raw),
    )


# --- the plan: files, days, stations ---------------------------------------------------


@dataclass(frozen=True)
class _Archive:
    """The files by day, the span of days, the output's stations and row types."""

    plan: _Plan
    first_day: np.datetime64
    files: tuple[Path | None, ...]  # one per day of the span, None where a day is missing
    absent_stations: tuple[str, ...]
    empty_files: tuple[str, ...]
    repeated_columns: tuple[tuple[str, int], ...]  # (code, files whose header repeats it)
    absent_from_files: tuple[tuple[str, int], ...]  # (code, dated files whose header lacks it)
    misnamed_files: tuple[dict[str, str], ...]  # name and rows giving different dates

    @property
    def n_files(self) -> int:
        return sum(path is not None for path in self.files)

    @property
    def missing_days(self) -> list[str]:
        return [
            str(self.first_day + np.timedelta64(k, "D"))
            for k, path in enumerate(self.files)
            if path is None
        ]


def _archive(
    source: Any, pollutants: Any, stations: Any, hour_label: Any, strict: Any
) -> _Archive:
    names = _pollutant_names(pollutants)
    codes = _station_codes(stations)
    check_choice(hour_label, "hour_label", ("ending", "beginning"))
    if not isinstance(strict, bool):
        raise InputError(f"strict must be True or False; got {strict!r}")
    heads = [_head(path) for path in _sources(source)]
    misnamed = tuple(
        {"file": str(head.path), "named": str(head.named), "holds": str(head.day)}
        for head in heads
        if head.named is not None and head.day is not None and head.named != head.day
    )
    for entry in misnamed:
        warnings.warn(
            f"{entry['file']}: its name says {entry['named']}, its rows {entry['holds']}; read "
            f"as {entry['holds']}",
            MisnamedFileWarning,
            stacklevel=3,  # the caller of read_cnemc or read_cnemc_daily_statistics
        )
    by_day: dict[np.datetime64, Path] = {}
    for head in heads:
        if head.day is None:
            continue
        if head.day in by_day:
            raise InputError(
                f"{head.path}, line 2: day {head.day} is also in {by_day[head.day]}; one file "
                "per day (a (date, hour, type) would repeat)"
            )
        by_day[head.day] = head.path
    empty = tuple(str(head.path) for head in heads if head.day is None)
    if not by_day:
        raise InputError(f"source: no daily file with a date among {empty[:3]}")
    union = sorted({code for head in heads for code in head.codes})
    chosen = tuple(union) if codes is None else codes
    absent = tuple(code for code in chosen if code not in set(union))
    first, last = min(by_day), max(by_day)
    n_days = int((last - first) // np.timedelta64(1, "D")) + 1
    files = tuple(by_day.get(first + np.timedelta64(k, "D")) for k in range(n_days))
    plan = _Plan(chosen, names, hour_label, strict)
    repeats: dict[str, int] = {}
    for head in heads:
        for code in _repeated(head.codes):
            repeats[code] = repeats.get(code, 0) + 1
    # a station some dated files' headers lack: its 24 hours of each of them are NaN rows,
    # counted here (a station in no header at all is in `absent`)
    lacking: dict[str, int] = {}
    wanted = set(chosen) - set(absent)
    for head in heads:
        if head.day is not None:
            for code in wanted.difference(head.codes):
                lacking[code] = lacking.get(code, 0) + 1
    return _Archive(
        plan,
        first,
        files,
        absent,
        empty,
        tuple(sorted(repeats.items())),
        tuple(sorted(lacking.items())),
        misnamed,
    )


def _hour_times(first_day: np.datetime64, first_slot: int, n_slots: int, label: str) -> Any:
    """The ``time`` of each hour slot: the beginning of its averaging hour."""
    start = first_day.astype("datetime64[h]") + np.timedelta64(first_slot, "h")
    labels = start + np.arange(n_slots, dtype=np.int64).astype("timedelta64[h]")
    if label == "ending":  # the file's hour h stamps the end of the hour h-1 .. h
        labels = labels - np.timedelta64(1, "h")
    return labels.astype("datetime64[ns]")


def _tidy(
    values: npt.NDArray[np.float64], times: Any, plan: _Plan, first_row: int
) -> pd.DataFrame:
    """The tidy table of ``values[hour, station, pollutant]``: rows in that order."""
    n_hours, n_stations, n_pollutants = values.shape
    per_hour = n_stations * n_pollutants
    station = np.tile(np.repeat(np.arange(n_stations, dtype=np.int16), n_pollutants), n_hours)
    pollutant = np.tile(np.arange(n_pollutants, dtype=np.int8), n_hours * n_stations)
    frame = pd.DataFrame(
        {
            "time": np.broadcast_to(times[:, None], (n_hours, per_hour)).reshape(-1),
            "station": pd.Categorical.from_codes(station, dtype=plan.station_dtype),
            "pollutant": pd.Categorical.from_codes(pollutant, dtype=plan.pollutant_dtype),
            "value": values.reshape(-1),
            "unit": pd.Categorical.from_codes(plan.unit_codes[pollutant], dtype=plan.unit_dtype),
        },
        index=pd.RangeIndex(first_row, first_row + n_hours * per_hour),
        copy=False,
    )
    return frame


def _attrs(archive: _Archive) -> dict[str, Any]:
    plan = archive.plan
    return {
        "units": {name: UNITS[name] for name in plan.pollutants},
        "hour_label": "beginning",
        "file_hour_label": plan.hour_label,
        "time_zone": "UTC+08:00 (Beijing time, no daylight saving), stored without zone",
        "source": [str(path) for path in archive.files if path is not None],
        "missing_days": archive.missing_days,
        "absent_stations": list(archive.absent_stations),
        "empty_files": list(archive.empty_files),
        "repeated_columns": dict(archive.repeated_columns),
        "absent_from_files": dict(archive.absent_from_files),
        "misnamed_files": [dict(entry) for entry in archive.misnamed_files],
    }


# --- the reader ------------------------------------------------------------------------


def read_cnemc(
    source: Any,
    *,
    pollutants: str | Sequence[str] | None = None,
    stations: str | Sequence[str] | None = None,
    engine: str = "pandas",
    hour_label: str = "ending",
    strict: bool = False,
    progress: bool | None = None,
) -> Any:
    """Read CNEMC daily files into one tidy table on a regular hourly grid.

    Each daily file (``china_sites_YYYYMMDD.csv`` or ``.csv.gz``; header
    ``date,hour,type,<station codes>``, one row per hour and row type) is checked and
    reshaped into rows of (``time``, ``station``, ``pollutant``, ``value``, ``unit``). The
    result has one row for every hour of the files' span of days, every station and
    every requested row type: an hour with no row in any file (a missing day such as
    2019-04-08, the missing hours of a partial file, a dropped row) and a station
    absent from a file's header are rows with ``value`` NaN, never left out, and are
    counted in ``frame.attrs``. Rows are ordered by time, station, pollutant.

    Parameters
    ----------
    source : str, path, or list of them
        A daily file, a directory (its ``china_sites_*.csv`` and ``.csv.gz`` files; if
        it has none, all its ``.csv`` and ``.csv.gz`` files), a glob pattern, or a list
        of these in any mix (a file named twice, by a directory and a glob say, is read
        once). Gzip files are recognised by their content. One file per day.
    pollutants : str or list of str, optional
        The row types to read, any of :data:`ROW_TYPES` (``"PM2.5"``, ``"CO"``,
        ``"PM2.5_24h"``, ``"O3_8h"``, ``"AQI"``, ...), or ``"all"`` for the 15. None
        (default): the six 1-hour concentrations :data:`HOURLY_POLLUTANTS`, the table
        that :func:`wasteless.air.network.realtime` and the daily statistics take.
    stations : str or list of str, optional
        Station codes to keep (e.g. ``["1001A", "1002A"]``); None (default): every
        station of every file (the union of the headers). A code in no file's header
        gives NaN rows and is listed in ``attrs["absent_stations"]``.
    engine : {"pandas", "dask"}, optional
        ``"pandas"`` (default) reads now; ``"dask"`` returns a lazy
        ``dask.dataframe.DataFrame`` with one partition per day of the span (a file,
        or NaN rows for a missing day) whose ``.compute()`` equals the pandas result
        (same rows, order, index and floats). The headers are read at once (to know
        the stations and days); the data when computed. Needs ``dask[dataframe]``.
    hour_label : {"ending", "beginning"}, optional
        What a file's ``hour`` stamps; the files do not say. ``"ending"``
        (default): the end of the averaging hour, as the real-time release is
        understood to stamp its values (a value is published after the whole hour it
        averages, HJ 633's real-time report), so that hour 0 of 2019-01-02 is the hour
        2019-01-01 23:00-24:00 and a natural day 00:00-24:00, over which GB 3095-2012
        defines the 24-hour mean, is hours 1 to 24 of the files. ``"beginning"``: the
        start of the hour, so that hours 0-23 of a file are its day, as most
        published studies average them. The choice moves one hour in 24 to the
        previous day: daily means change, annual means barely.
    strict : bool, optional
        If True, a truncated row raises :class:`~wasteless.errors.InputError`
        instead of being dropped with a warning. Default False.
    progress : bool, optional
        Show a progress bar of the files read on stderr (tqdm). None (default): only
        when stderr is a terminal. Ignored by ``engine="dask"`` (use dask's
        diagnostics).

    Returns
    -------
    pandas.DataFrame or dask.dataframe.DataFrame
        Columns ``time`` (datetime64[ns]: the *beginning* of the averaging hour, in
        Beijing time, UTC+8, without a zone: with ``hour_label="ending"`` the file's
        (date D, hour h) is D + h - 1 h; with ``"beginning"``, D + h), ``station``
        (categorical of station codes, sorted), ``pollutant`` (categorical of the row
        types in :data:`ROW_TYPES` order), ``value`` (float64 [µg/m³; mg/m³ for
        ``CO`` and ``CO_24h``; dimensionless for ``AQI``], NaN where missing) and
        ``unit`` (categorical: the unit of the row's value, pint's spelling, ``""`` for
        the AQI): the units travel with the rows through filters, concatenations and
        dask shuffles (:mod:`wasteless.air.tidy` says why). ``frame.attrs`` (with
        ``engine="dask"``, ``.compute()`` carries the entries known before reading, all
        but ``dropped`` and ``missing_hours``; a truncated row warns where its partition
        is read, e.g. in a worker's log):

        * ``"units"``: unit of each row type read, e.g. ``{"PM2.5": "ug/m**3",
          "CO": "mg/m**3"}`` (the ``unit`` column's, kept for 0.2 code);
        * ``"missing_days"``: the days of the span with no file (``"2019-04-08"``);
        * ``"missing_hours"``: per row type, the hours of the span with no row for it
          (missing days count 24);
        * ``"n_hours"``: the hours of the span;
        * ``"dropped"``: one ``{"file", "line", "reason", "fields"}`` per dropped row;
        * ``"hour_label"``: ``"beginning"``, what ``time`` stamps, whatever the files
          stamp (pass it on to :func:`wasteless.air.daily_means`; the network
          functions read it); ``"file_hour_label"``: the argument, what the files'
          hours were read as (a record of the reading: nothing reads it);
        * ``"repeated_columns"``: station codes that a header names twice, with the
          number of such files (3207A in 214 files of 2019: the two columns hold the
          same cells, so one is read; columns that differ raise);
        * ``"absent_stations"``: requested codes in no file's header (all NaN);
        * ``"absent_from_files"``: station → the number of dated files whose header
          lacks it (a station opened or closed during the span): each such file's 24
          hours of the station are NaN rows, counted here;
        * ``"misnamed_files"``: one ``{"file", "named", "holds"}`` per file whose
          name gives another date than its rows (read as its rows' day, with a
          :class:`MisnamedFileWarning`);
        * ``"source"``, ``"empty_files"`` (header-only files with no date in their
          name), ``"time_zone"``.

    Raises
    ------
    wasteless.errors.InputError
        Naming the file and line: a header that is not ``date,hour,type`` and station
        codes; a non-numeric cell; a repeated (date, hour, type) (also across files:
        two files of one day); a date other than the file's day; a date outside
        1900-2200; a span of days whose arrays would exceed
        :data:`READ_MEMORY_BUDGET` (one mistyped file date; the message names the
        file); a file that is not valid gzip (a corrupt stream); an hour outside 0-23;
        an unknown row type; a row with more fields than the header; a truncated row
        with ``strict=True``. Also an unknown pollutant (listing the row types), a
        missing source, an unknown ``engine`` or ``hour_label``, and
        ``engine="dask"`` without dask installed.

    Warns
    -----
    TruncatedRowWarning
        For each row with fewer fields than the header (a file cut off mid-row, as
        2019-04-24 in the 2019 archive), naming the file and line; the row is dropped
        and listed in ``attrs["dropped"]``.
    MisnamedFileWarning
        For each file whose name gives another date than its rows (read as the rows'
        day), naming the file and both dates; listed in ``attrs["misnamed_files"]``.

    See Also
    --------
    wasteless.io.sites.read_sites : the station list (city, position, background flag).
    wasteless.air.network.realtime : the hourly AQI of the tidy table.
    wasteless.testing.synthetic_archive : files of this format from seeded random values.

    Notes
    -----
    What the 2019 archive holds (``../shared/data/cnemc``): 364 daily files (no
    2019-04-08), 44 of them with hours missing in the middle and many with only part
    of the day (7 of 145 lines at the least); 2019-04-24 ends in a row cut after 110
    of 1,608 fields; 2019-02-20 holds hours 0-6 only, whole rows, none cut; from
    2019-06-01 on the header names station 3207A twice, with the same cells. Files
    have 1,608 or 1,644 fields per row (1,605 or 1,641 station columns).

    Rows of a row type not asked for (``pollutants``) are checked for their fields, date,
    hour and type, and not parsed: their cells are no value of the result, so a
    non-numeric cell there is not an error.

    Memory: a year of the national network (about 1,640 stations, 8,760 hours, six
    row types) is 86 million rows of 20 bytes (time 8, station code 2, pollutant
    code 1, value 8, unit code 1), about 1.7 GB. Speed: each file is decompressed once, its rows
    checked in one pass and its numbers parsed by pandas' C parser, then placed into
    one preallocated ``values[hour, station, pollutant]`` array that becomes the
    ``value`` column without a copy (``benchmarks/bench_read.py``).

    Examples
    --------
    >>> from wasteless.datasets import sample_files
    >>> frame = read_cnemc(sample_files(), pollutants=["PM2.5", "AQI"])
    >>> frame.shape, frame["station"].cat.categories.size
    ((4896, 5), 34)
    >>> frame.attrs["missing_days"], frame.attrs["missing_hours"]
    ([], {'AQI': 0, 'PM2.5': 0})
    >>> frame.loc[frame["station"].eq("1001A") & frame["pollutant"].eq("PM2.5"), "time"].iloc[0]
    Timestamp('2018-12-31 23:00:00')
    """
    check_choice(engine, "engine", ("pandas", "dask"))
    progress = check_progress(progress)
    archive = _archive(source, pollutants, stations, hour_label, strict)
    if engine == "dask":
        return _read_dask(archive)
    plan = archive.plan
    n_days = len(archive.files)
    shape = (n_days * 24, len(plan.stations), len(plan.pollutants))
    # the hourly values (8 bytes), their presence (1) and the tidy table's rows (~24)
    _check_span(archive, 24.0 * shape[1] * shape[2] * 33, "read_cnemc")
    values = np.full(shape, np.nan)
    present = np.zeros((shape[0], shape[2]), dtype=bool)
    dropped: list[dict[str, Any]] = []
    with bar(progress, archive.n_files, "read_cnemc", "file") as steps:
        for k, path in enumerate(archive.files):
            if path is None:
                continue
            day = archive.first_day + np.timedelta64(k, "D")
            rows = _read_rows(path, day, plan, stacklevel=3)
            _place(values, present, k * 24, rows)
            dropped.extend(rows.dropped)
            steps.update(1)
    frame = _tidy(values, _hour_times(archive.first_day, 0, shape[0], plan.hour_label), plan, 0)
    frame.attrs.update(_attrs(archive))
    frame.attrs["n_hours"] = shape[0]
    frame.attrs["missing_hours"] = {
        name: int(shape[0] - present[:, j].sum()) for j, name in enumerate(plan.pollutants)
    }
    frame.attrs["dropped"] = dropped
    return frame


def read_cnemc_daily_statistics(
    source: Any,
    *,
    stations: str | Sequence[str] | None = None,
    hour_label: str = "ending",
    strict: bool = False,
    rules: ValidityRules = GB3095_2012,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Read CNEMC daily files straight into station daily statistics, a day at a time.

    The table of :func:`wasteless.air.network.daily_statistics` of
    ``read_cnemc(source, stations=..., hour_label=..., strict=...)`` — the same rows,
    columns and numbers, bit for bit — without the tidy table: each file is read, its
    hours go into a two-day buffer, and each day is reduced to its statistics as soon as
    its 24 hours are in. A day's statistics need that day's hours only: the 24-hour
    means and the 1-hour maximum by definition, and the O₃ MDA8 because its 17 8-hour
    windows are those ending at 08:00 … 24:00 of the day (hours 1-8 … 17-24, GB 3095-2012
    Table 4 as :func:`~wasteless.air.network.daily_max_8h` implements it), none reaching
    into the day before. With ``hour_label="ending"`` a day's last hour is the next
    file's hour 0, which the buffer carries over. Memory is the daily values of the
    stations (about 70 MB for a year of the national network) and one file at a time,
    where the tidy table of a year is 1.7 GB.

    Parameters
    ----------
    source : str, path, or list of them
        As for :func:`read_cnemc`: daily files, directories or globs, in any mix.
    stations : str or list of str, optional
        As for :func:`read_cnemc`: the station codes to keep; None (default), every
        station of every file.
    hour_label : {"ending", "beginning"}, optional
        What the files' ``hour`` stamps, as for :func:`read_cnemc` (default
        ``"ending"``: hour 0 of a file is the last hour of the day before).
    strict : bool, optional
        As for :func:`read_cnemc`: True refuses a truncated row.
    rules : ValidityRules, optional
        The validity rules of the daily statistics (default
        :data:`~wasteless.air.means.GB3095_2012`), as for
        :func:`~wasteless.air.network.daily_statistics`.
    progress : bool, optional
        Show a progress bar of the files read on stderr (tqdm). None (default): only
        when stderr is a terminal.

    Returns
    -------
    pandas.DataFrame
        Indexed by (``station``, ``date``), the columns of
        :func:`~wasteless.air.network.daily_statistics` (pint columns [µg/m³, CO mg/m³]
        and the counts ``n_<statistic>``) for the six pollutants, every day the files'
        hours touch (with ``hour_label="ending"``, also the day before the first file,
        which holds one hour). ``attrs`` holds what :func:`read_cnemc` writes there
        (``source``, ``missing_days``, ``missing_hours``, ``dropped``, ``units`` of the
        hourly row types, ``hour_label`` ``"beginning"``, ``file_hour_label``,
        ``absent_from_files``, ``misnamed_files``, ...) and
        ``"rules"``, the name of the validity rules.

    Raises
    ------
    wasteless.errors.InputError
        As :func:`read_cnemc` (naming the file and line); also a negative
        concentration (naming the file, hour, station and pollutant), which
        :func:`~wasteless.air.network.daily_statistics` refuses too.

    Warns
    -----
    TruncatedRowWarning, MisnamedFileWarning
        As :func:`read_cnemc`.

    See Also
    --------
    wasteless.air.city.assess : the city assessment, which takes this table.

    Examples
    --------
    >>> from wasteless.datasets import sample_files
    >>> from wasteless.air import network
    >>> daily = read_cnemc_daily_statistics(sample_files())
    >>> whole = network.daily_statistics(read_cnemc(sample_files()))
    >>> daily.equals(whole)
    True
    >>> day = daily.loc[("1001A", "2019-01-01")]  # hours 1-23 of its file, 0 of the next
    >>> round(float(day["PM2.5_24h"].magnitude), 2), int(day["n_PM2.5_24h"])
    (35.3, 20)
    """
    rules = _check_rules(rules)
    progress = check_progress(progress)
    archive = _archive(source, POLLUTANTS, stations, hour_label, strict)
    plan = archive.plan
    n_stations, n_pollutants = len(plan.stations), len(plan.pollutants)
    # a station's daily values: about 12 statistics with their counts, 8 bytes each
    _check_span(archive, 8.0 * n_stations * 2 * 12, "read_cnemc_daily_statistics")
    meta = _tidy(np.empty((0, n_stations, n_pollutants)), np.array([], "datetime64[ns]"), plan, 0)
    meta.attrs.update(_attrs(archive))
    # the first file's hour 0 is hour `offset` of the day `first`: hour 23 of the day
    # before with hour-ending stamps, hour 0 of its own day with hour-beginning ones
    first_hour = _hour_times(archive.first_day, 0, 1, plan.hour_label)[0]
    first = first_hour.astype("datetime64[D]")
    offset = int((first_hour - first) // np.timedelta64(1, "h"))
    n_files = len(archive.files)
    stream = _DailyStream(
        np.asarray(meta["station"].cat.categories.astype(str)),
        plan.pollutants,
        units_of(meta, argument="source"),
        rules,
        pd.Timestamp(first).as_unit("ns"),  # as the tidy table's days
        n_files + (1 if offset else 0),
    )
    # hours [position - 24 k] of the days k and k + 1 while file k is read
    buffer = np.full((48, n_stations, n_pollutants), np.nan)
    scratch = np.zeros((48, n_pollutants), dtype=bool)
    present = np.zeros((n_files * 24, n_pollutants), dtype=bool)
    dropped: list[dict[str, Any]] = []
    with bar(progress, archive.n_files, "read", "file") as steps:
        for k, path in enumerate(archive.files):
            if path is not None:
                rows = _read_rows(path, archive.first_day + np.timedelta64(k, "D"), plan, 3)
                _refuse_negative(path, rows, plan)
                _place(buffer, scratch, offset, rows)
                present[k * 24 : (k + 1) * 24] = scratch[offset : offset + 24]
                scratch[:] = False
                dropped.extend(rows.dropped)
                steps.update(1)
            stream.add(k, buffer[:24])  # day k has all its hours now
            buffer[:24] = buffer[24:]
            buffer[24:] = np.nan
    if offset:
        stream.add(n_files, buffer[:24])  # the last day, without the next file's hour 0
    frame = stream.frame()
    frame.attrs.update(meta.attrs)
    frame.attrs["n_hours"] = n_files * 24
    frame.attrs["missing_hours"] = {
        name: int(n_files * 24 - present[:, j].sum()) for j, name in enumerate(plan.pollutants)
    }
    frame.attrs["dropped"] = dropped
    frame.attrs["rules"] = rules.name
    return frame


def _refuse_negative(path: Path, rows: _Rows, plan: _Plan) -> None:
    """A negative cell is no concentration: refused, as the daily statistics refuse it."""
    if not rows.matrix.size or not (rows.matrix < 0.0).any():
        return
    i, j = (int(x) for x in np.argwhere(rows.matrix < 0.0)[0])
    raise InputError(
        f"{path}: station {plan.stations[rows.columns[j]]!r} has {float(rows.matrix[i, j])!r} "
        f"{plan.pollutants[rows.pollutants[i]]} at hour {rows.hours[i]}; a concentration "
        "is >= 0 (an empty cell marks a missing value)"
    )


def _place(values: Any, present: Any, first_slot: int, rows: _Rows) -> None:
    """Write a file's rows into ``values[slot, station, pollutant]``."""
    slots = first_slot + rows.hours
    present[slots, rows.pollutants] = True
    if rows.matrix.size:
        values[slots[:, None], rows.columns[None, :], rows.pollutants[:, None]] = rows.matrix


def _day_partition(k: int, *, path: str | None, archive: _Archive) -> pd.DataFrame:
    """One day of the span as a tidy partition (dask engine)."""
    plan = archive.plan
    values = np.full((24, len(plan.stations), len(plan.pollutants)), np.nan)
    if path is not None:
        day = archive.first_day + np.timedelta64(k, "D")
        rows = _read_rows(Path(path), day, plan, stacklevel=2)
        _place(values, np.zeros((24, len(plan.pollutants)), dtype=bool), 0, rows)
    times = _hour_times(archive.first_day, 24 * k, 24, plan.hour_label)
    frame = _tidy(values, times, plan, k * values.size)
    frame.attrs.update(_attrs(archive))  # the same on every partition: concat keeps them
    frame.attrs["n_hours"] = 24 * len(archive.files)
    return frame


def _read_dask(archive: _Archive) -> Any:
    try:
        dd = importlib.import_module("dask.dataframe")
    except ImportError as error:
        raise InputError(
            "engine='dask' needs dask's DataFrame: pip install 'dask[dataframe]' (or use "
            f"engine='pandas'); the import failed with: {error}"
        ) from None
    plan = archive.plan
    rows_per_day = 24 * len(plan.stations) * len(plan.pollutants)
    n = len(archive.files)
    meta = _tidy(
        np.empty((0, len(plan.stations), len(plan.pollutants))),
        np.array([], dtype="datetime64[ns]"),
        plan,
        0,
    )
    meta.attrs.update(_attrs(archive))
    meta.attrs["n_hours"] = 24 * n
    divisions = (*(k * rows_per_day for k in range(n)), n * rows_per_day - 1)
    paths = [None if path is None else str(path) for path in archive.files]
    return dd.from_map(
        _partition_of,
        list(zip(range(n), paths, strict=True)),
        archive=archive,
        meta=meta,
        divisions=divisions,
        label="read-cnemc",
        enforce_metadata=False,
    )


def _partition_of(item: tuple[int, str | None], *, archive: _Archive) -> pd.DataFrame:
    return _day_partition(item[0], path=item[1], archive=archive)
