"""Readers: the national air-quality network's daily files (CNEMC) and its station list.

The China National Environmental Monitoring Centre (CNEMC) releases the hourly
measurements of the national network (国控站点, about 1,600 stations) in real time;
archives keep them as one CSV file per day, ``china_sites_YYYYMMDD.csv``::

    date,hour,type,1001A,1002A,...
    20190101,0,AQI,73,,92,...
    20190101,0,PM2.5,53,,68,...

one row per (hour, row type), one column per station code, an empty cell where there
is no valid reading. :func:`read_cnemc` turns any number of these files (plain or
gzip-compressed) into one tidy table on a regular hourly grid, ``time``, ``station``,
``pollutant``, ``value``, with the unit of each row type in ``frame.attrs["units"]``
and a count of everything that was missing or dropped; ``engine="dask"`` gives the
same table as a lazy ``dask.dataframe`` (one partition per file) for archives larger
than memory. :func:`read_sites` reads the station list (code, name, city, province,
position, background flag). :func:`synthetic_archive` writes files in the same format
from seeded random values, for tests and benchmarks at any size.

A small real extract ships with the package (:func:`sample_files`,
:func:`sample_sites`): three days of January 2019 (all 15 row types) for 34 stations
of Beijing, Shanghai and Guangzhou. Source: China National Environmental Monitoring
Centre (中国环境监测总站), real-time national air-quality release; public government
data, archived in the GitHub repositories ``Feryt/IntroML-Final-Project`` (daily
files) and ``liujun2024/TrajRF`` (station list).

Examples
--------
>>> from wasteless import io
>>> frame = io.read_cnemc(io.sample_files(), stations=["1001A"], pollutants=["PM2.5", "CO"])
>>> frame.head(4)
                 time station pollutant  value
0 2018-12-31 23:00:00   1001A     PM2.5   53.0
1 2018-12-31 23:00:00   1001A        CO    1.2
2 2019-01-01 00:00:00   1001A     PM2.5   53.0
3 2019-01-01 00:00:00   1001A        CO    1.2
>>> frame.attrs["units"]
{'PM2.5': 'ug/m**3', 'CO': 'mg/m**3'}
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import glob as _glob
import gzip
import importlib
import os
import re
import sys
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from io import BytesIO
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import numpy.typing as npt
import pandas as pd

from wasteless._validate import check_choice, check_fraction, check_whole
from wasteless.errors import InputError

__all__ = [
    "HOURLY_POLLUTANTS",
    "ROW_TYPES",
    "UNITS",
    "SyntheticArchive",
    "TruncatedRowWarning",
    "read_cnemc",
    "read_sites",
    "sample_files",
    "sample_sites",
    "synthetic_archive",
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

HOURLY_POLLUTANTS: tuple[str, ...] = ("PM2.5", "PM10", "SO2", "NO2", "O3", "CO")
"""The six 1-hour concentrations: what :func:`read_cnemc` reads by default."""

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
_SAMPLE_FILES = tuple(f"china_sites_2019010{d}.csv.gz" for d in (1, 2, 3))
_NS_PER_HOUR = 3_600_000_000_000


class TruncatedRowWarning(UserWarning):
    """A row of a daily file has fewer fields than its header and was dropped.

    The message names the file, the line and how many fields the row has; the
    dropped rows are also listed in ``frame.attrs["dropped"]``.
    """


# --- the files to read ----------------------------------------------------------------


def _sources(source: Any) -> list[Path]:
    """The files named by ``source``: a file, a directory, a glob, or a list of files."""
    if isinstance(source, (str, os.PathLike)):
        text = os.fspath(source)
        path = Path(text)
        if path.is_dir():
            found = sorted(
                p for p in path.iterdir() if p.name.endswith((".csv", ".csv.gz")) and p.is_file()
            )
            daily = [p for p in found if p.name.startswith("china_sites_")]
            found = daily or found  # a station list beside the daily files is not one
            if not found:
                raise InputError(f"source: the directory {text!r} holds no .csv or .csv.gz file")
            return found
        if path.is_file():
            return [path]
        if _glob.has_magic(text):
            found = sorted(Path(p) for p in _glob.glob(text) if Path(p).is_file())
            if not found:
                raise InputError(f"source: the pattern {text!r} matches no file")
            return found
        raise InputError(f"source: no file or directory {text!r}")
    if isinstance(source, Iterable):
        paths: list[Path] = []
        for item in source:
            if not isinstance(item, (str, os.PathLike)):
                raise InputError(
                    f"source must be a path, a directory, a glob or a list of paths; the list "
                    f"holds {item!r}"
                )
            if not Path(item).is_file():
                raise InputError(f"source: no file {os.fspath(item)!r}")
            paths.append(Path(item))
        if not paths:
            raise InputError("source is an empty list; give at least one daily file")
        return paths
    raise InputError(
        f"source must be a path, a directory, a glob or a list of paths; got "
        f"{type(source).__name__}"
    )


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


@dataclass(frozen=True)
class _Plan:
    """What to read and where it goes: the output's stations and row types."""

    stations: tuple[str, ...]
    pollutants: tuple[str, ...]
    hour_label: str
    strict: bool
    station_dtype: pd.CategoricalDtype = field(init=False)
    pollutant_dtype: pd.CategoricalDtype = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "station_dtype", pd.CategoricalDtype(list(self.stations)))
        object.__setattr__(self, "pollutant_dtype", pd.CategoricalDtype(list(self.pollutants)))


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
        except (OSError, EOFError, ValueError) as error:
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
    except (OSError, EOFError) as error:
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
    if day is None:
        named = _FILE_DATE.findall(path.name)
        day = _parse_day(named[-1].encode()) if named else None
    if day is None and len(lines) > 1:
        raise InputError(
            f"{path}, line 2: the date must be YYYYMMDD (e.g. 20190101); got "
            f"{lines[1].split(b',', 1)[0][:20].decode('utf-8', 'replace')!r}"
        )
    return _Head(path, codes, day)


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
    return _Archive(plan, first, files, absent, empty, tuple(sorted(repeats.items())))


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
    }


class _Progress:
    """A counter line on stderr, rewritten in place, while files are read."""

    def __init__(self, enabled: bool | None, total: int, stream: TextIO | None = None) -> None:
        self.stream = sys.stderr if stream is None else stream
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty()) if callable(isatty) else False
        self.enabled = enabled and total > 1
        self.total = total
        self.n_bytes = 0

    def step(self, done: int, n_bytes: int) -> None:
        self.n_bytes += n_bytes
        if self.enabled:
            self.stream.write(
                f"\rread_cnemc: {done}/{self.total} files, {self.n_bytes / 1e6:,.0f} MB of CSV"
            )
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


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
    reshaped into rows of (``time``, ``station``, ``pollutant``, ``value``). The
    result has one row for every hour of the files' span of days, every station and
    every requested row type: an hour with no row in any file (a missing day such as
    2019-04-08, the missing hours of a partial file, a dropped row) and a station
    absent from a file's header are rows with ``value`` NaN, never left out, and are
    counted in ``frame.attrs``. Rows are ordered by time, station, pollutant.

    Parameters
    ----------
    source : str, path, or list of paths
        A daily file, a list of them, a directory (its ``china_sites_*.csv`` and
        ``.csv.gz`` files; if it has none, all its ``.csv`` and ``.csv.gz`` files) or
        a glob pattern. Gzip files are recognised by their content. One
        file per day.
    pollutants : str or list of str, optional
        The row types to read, any of :data:`ROW_TYPES` (``"PM2.5"``, ``"CO"``,
        ``"PM2.5_24h"``, ``"O3_8h"``, ``"AQI"``, ...), or ``"all"`` for the 15. None
        (default): the six 1-hour concentrations :data:`HOURLY_POLLUTANTS`, the table
        that :func:`wasteless.air.aqi.realtime` and the daily statistics take.
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
        Show a counter of files read on stderr. None (default): only when stderr is
        a terminal. Ignored by ``engine="dask"`` (use dask's diagnostics).

    Returns
    -------
    pandas.DataFrame or dask.dataframe.DataFrame
        Columns ``time`` (datetime64[ns]: the *beginning* of the averaging hour, in
        Beijing time, UTC+8, without a zone: with ``hour_label="ending"`` the file's
        (date D, hour h) is D + h - 1 h; with ``"beginning"``, D + h), ``station``
        (categorical of station codes, sorted), ``pollutant`` (categorical of the row
        types in :data:`ROW_TYPES` order) and ``value`` (float64 [µg/m³; mg/m³ for
        ``CO`` and ``CO_24h``; dimensionless for ``AQI``], NaN where missing).
        ``frame.attrs`` (with ``engine="dask"``, ``.compute()`` carries the entries
        known before reading, all but ``dropped`` and ``missing_hours``; a truncated
        row warns where its partition is read, e.g. in a worker's log):

        * ``"units"``: unit of each row type read, e.g. ``{"PM2.5": "ug/m**3",
          "CO": "mg/m**3"}``;
        * ``"missing_days"``: the days of the span with no file (``"2019-04-08"``);
        * ``"missing_hours"``: per row type, the hours of the span with no row for it
          (missing days count 24);
        * ``"n_hours"``: the hours of the span;
        * ``"dropped"``: one ``{"file", "line", "reason", "fields"}`` per dropped row;
        * ``"hour_label"``: ``"beginning"``, what ``time`` stamps (pass it on to
          :func:`wasteless.air.daily_means`); ``"file_hour_label"``: the argument;
        * ``"repeated_columns"``: station codes that a header names twice, with the
          number of such files (3207A in 214 files of 2019: the two columns hold the
          same cells, so one is read; columns that differ raise);
        * ``"source"``, ``"absent_stations"``, ``"empty_files"`` (header-only
          files with no date in their name), ``"time_zone"``.

    Raises
    ------
    wasteless.errors.InputError
        Naming the file and line: a header that is not ``date,hour,type`` and station
        codes; a non-numeric cell; a repeated (date, hour, type) (also across files:
        two files of one day); a date other than the file's day; an hour outside 0-23;
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

    See Also
    --------
    read_sites : the station list (city, position, background flag).
    wasteless.air.aqi.realtime : the hourly AQI of the tidy table.
    synthetic_archive : files of this format from seeded random values.

    Notes
    -----
    What the 2019 archive holds (``../shared/data/cnemc``): 364 daily files (no
    2019-04-08), 44 of them with hours missing in the middle and many with only part
    of the day (7 of 145 lines at the least); 2019-04-24 ends in a row cut after 110
    of 1,608 fields; 2019-02-20 holds hours 0-6 only, whole rows, none cut; from
    2019-06-01 on the header names station 3207A twice, with the same cells. Files
    have 1,608 or 1,644 fields per row (1,605 or 1,641 station columns).

    Memory: a year of the national network (about 1,640 stations, 8,760 hours, six
    row types) is 86 million rows of 19 bytes (time 8, station code 2, pollutant
    code 1, value 8), about 1.6 GB. Speed: each file is decompressed once, its rows
    checked in one pass and its numbers parsed by pandas' C parser, then placed into
    one preallocated ``values[hour, station, pollutant]`` array that becomes the
    ``value`` column without a copy (``benchmarks/bench_read.py``).

    Examples
    --------
    >>> frame = read_cnemc(sample_files(), pollutants=["PM2.5", "AQI"])
    >>> frame.shape, frame["station"].cat.categories.size
    ((4896, 4), 34)
    >>> frame.attrs["missing_days"], frame.attrs["missing_hours"]
    ([], {'AQI': 0, 'PM2.5': 0})
    >>> frame.loc[frame["station"].eq("1001A") & frame["pollutant"].eq("PM2.5"), "time"].iloc[0]
    Timestamp('2018-12-31 23:00:00')
    """
    check_choice(engine, "engine", ("pandas", "dask"))
    if progress is not None and not isinstance(progress, bool):
        raise InputError(f"progress must be None, True or False; got {progress!r}")
    archive = _archive(source, pollutants, stations, hour_label, strict)
    if engine == "dask":
        return _read_dask(archive)
    plan = archive.plan
    n_days = len(archive.files)
    shape = (n_days * 24, len(plan.stations), len(plan.pollutants))
    values = np.full(shape, np.nan)
    present = np.zeros((shape[0], shape[2]), dtype=bool)
    dropped: list[dict[str, Any]] = []
    bar = _Progress(progress, sum(path is not None for path in archive.files))
    done = 0
    try:
        for k, path in enumerate(archive.files):
            if path is None:
                continue
            day = archive.first_day + np.timedelta64(k, "D")
            rows = _read_rows(path, day, plan, stacklevel=3)
            _place(values, present, k * 24, rows)
            dropped.extend(rows.dropped)
            done += 1
            bar.step(done, rows.n_bytes)
    finally:
        bar.close()
    frame = _tidy(values, _hour_times(archive.first_day, 0, shape[0], plan.hour_label), plan, 0)
    frame.attrs.update(_attrs(archive))
    frame.attrs["n_hours"] = shape[0]
    frame.attrs["missing_hours"] = {
        name: int(shape[0] - present[:, j].sum()) for j, name in enumerate(plan.pollutants)
    }
    frame.attrs["dropped"] = dropped
    return frame


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


# --- the station list ------------------------------------------------------------------

_SITE_COLUMNS = {
    "监测点编码": "station",
    "监测点名称": "name",
    "城市": "city",
    "省级行政区": "province",
    "经度": "lon",
    "纬度": "lat",
    "对照点": "background",
    "地级行政区": "prefecture",
}
_SITE_REQUIRED = ("station", "name", "city", "province", "lon", "lat", "background")


def read_sites(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read the national network's station list (监测点编码, 城市, 对照点, ...).

    Parameters
    ----------
    path : str or path
        A CSV file (UTF-8, or GB18030 as the lists are often distributed) with the
        columns 监测点编码 (code), 监测点名称 (name), 城市 (city), 省级行政区
        (province), 经度 (longitude), 纬度 (latitude) and 对照点 (``Y`` for a
        background/control station, ``N`` otherwise), optionally 地级行政区
        (prefecture). The English names ``station``, ``name``, ``city``,
        ``province``, ``lon``, ``lat``, ``background`` are accepted too.

    Returns
    -------
    pandas.DataFrame
        Indexed by station code (``station``, sorted), with ``name``, ``city``,
        ``province`` (str), ``lon``, ``lat`` (float64 [degree east, degree north],
        NaN where the list has none), ``background`` (bool: a control station,
        which HJ 663 leaves out of a city's assessment) and ``prefecture`` if given.

    Raises
    ------
    wasteless.errors.InputError
        If a required column is missing (naming it), a code is empty or repeated, a
        position is not a number or 对照点 is not Y or N (naming the file and line).

    Examples
    --------
    >>> sites = read_sites(sample_sites())
    >>> sites.loc["1002A", ["name", "city"]].tolist(), bool(sites.loc["1002A", "background"])
    (['定陵(对照点)', '北京'], True)
    >>> int(sites["background"].sum()), len(sites)
    (3, 34)
    """
    if not isinstance(path, (str, os.PathLike)):
        raise InputError(f"path must be the path of a station list (CSV); got {path!r}")
    source = Path(path)
    try:
        raw = source.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    if not raw.strip():
        raise InputError(f"{path}: the station list is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(f"{path}: neither UTF-8 nor GB18030 text") from None
    table = pd.read_csv(
        BytesIO(text.encode()), dtype=str, keep_default_na=False, skipinitialspace=True
    )
    table.columns = [_SITE_COLUMNS.get(str(c).strip(), str(c).strip()) for c in table.columns]
    missing = [c for c in _SITE_REQUIRED if c not in table.columns]
    if missing:
        chinese = {v: k for k, v in _SITE_COLUMNS.items()}
        raise InputError(
            f"{path}, line 1: the station list has no column "
            f"{', '.join(f'{chinese[c]} ({c})' for c in missing)}; it needs "
            f"{', '.join(f'{chinese[c]} ({c})' for c in _SITE_REQUIRED)}"
        )
    codes = table["station"].str.strip()
    bad = codes.eq("") | codes.duplicated(keep="first")
    if bad.any():
        first = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(
            f"{path}, line {first + 2}: station code {codes.iloc[first]!r} is empty or "
            "repeated; each station once"
        )
    out = pd.DataFrame(index=pd.Index(codes.to_numpy(), name="station"))
    for column in ("name", "city", "province"):
        out[column] = table[column].str.strip().to_numpy()
    for column in ("lon", "lat"):
        numbers = pd.to_numeric(table[column].str.strip().replace("", "nan"), errors="coerce")
        wrong = numbers.isna() & ~table[column].str.strip().isin(["", "nan", "NaN"])
        if wrong.any():
            first = int(np.flatnonzero(wrong.to_numpy())[0])
            raise InputError(
                f"{path}, line {first + 2}: {column} must be a number (degrees) or empty; got "
                f"{table[column].iloc[first]!r}"
            )
        out[column] = numbers.to_numpy(dtype=np.float64)
    flag = table["background"].str.strip().str.upper()
    wrong = ~flag.isin(["Y", "N"])
    if wrong.any():
        first = int(np.flatnonzero(wrong.to_numpy())[0])
        raise InputError(
            f"{path}, line {first + 2}: 对照点 (background) must be Y or N; got "
            f"{table['background'].iloc[first]!r}"
        )
    out["background"] = flag.eq("Y").to_numpy()
    if "prefecture" in table.columns:
        out["prefecture"] = table["prefecture"].str.strip().to_numpy()
    return out.sort_index()


# --- the shipped extract ---------------------------------------------------------------


def _sample_directory() -> Path:
    return Path(str(resources.files("wasteless") / "data" / "cnemc_sample"))


def sample_files() -> list[Path]:
    """The daily files of the real extract shipped with wasteless.

    Three days of January 2019 (2019-01-01 to 2019-01-03) exactly as CNEMC released
    them, all 15 row types (with the published hourly AQI), for the 34 stations of
    Beijing (12), Shanghai (10) and Guangzhou (12) in the files. Public government
    data of the China National Environmental Monitoring Centre; see
    ``wasteless/data/cnemc_sample/README.md`` and ``scripts/make_cnemc_sample.py``.

    Returns
    -------
    list of pathlib.Path
        The three ``china_sites_YYYYMMDD.csv.gz`` files, in date order.

    Examples
    --------
    >>> [path.name for path in sample_files()][:1]
    ['china_sites_20190101.csv.gz']
    """
    return [_sample_directory() / name for name in _SAMPLE_FILES]


def sample_sites() -> Path:
    """The station list of the shipped extract (the 34 stations, same columns as CNEMC's).

    Returns
    -------
    pathlib.Path
        ``sites.csv`` (UTF-8): 监测点编码, 监测点名称, 城市, 经度, 纬度, 对照点,
        省级行政区, 地级行政区.

    Examples
    --------
    >>> sample_sites().name
    'sites.csv'
    """
    return _sample_directory() / "sites.csv"


# --- synthetic archives ----------------------------------------------------------------

# Typical level of each row type [its unit in UNITS]; the 24-hour and 8-hour means and
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
        """The tidy table that :func:`read_cnemc` should return for these files.

        Built from the generated numbers, not by reading the files: every hour of the
        span, every station and row type, NaN for an empty cell, a missing hour or
        day, a station left out of a file's header and a truncated row.

        Parameters
        ----------
        hour_label : {"ending", "beginning"}, optional
            As for :func:`read_cnemc`.

        Returns
        -------
        pandas.DataFrame
            Columns ``time``, ``station``, ``pollutant``, ``value`` [units as
            :data:`UNITS`], sorted by time, station and pollutant.

        Examples
        --------
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as directory:
        ...     archive = synthetic_archive(directory, "2019-01-01", 1, stations=2, seed=1)
        ...     archive.frame().shape
        (288, 4)
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
        Row types, as for :func:`read_cnemc` (default: the six hourly ones).
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
        :func:`read_cnemc` should return.

    Raises
    ------
    wasteless.errors.InputError
        For a day count below 1, a fraction outside [0, 1], more missing days than
        days between the first and the last, more truncated files than files, bad
        station codes or an unknown row type.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as directory:
    ...     archive = synthetic_archive(directory, "2019-04-07", 3, stations=5,
    ...                                 missing_days=1, seed=7)
    ...     frame = read_cnemc(archive.directory)
    ...     frame.attrs["missing_days"], frame["value"].equals(archive.frame()["value"])
    (['2019-04-08'], True)
    """
    days = check_whole(days, "days", 1, 1_000_000)
    if isinstance(stations, (int, np.integer)) and not isinstance(stations, bool):
        codes = tuple(f"{j + 1:04d}S" for j in range(check_whole(stations, "stations", 1, 99_999)))
    else:
        chosen = _station_codes(stations)
        if chosen is None:  # pragma: no cover - None is refused by the type
            raise InputError("stations must be a count or a list of codes")
        codes = tuple(dict.fromkeys(stations))  # type: ignore[arg-type]
        if len(codes) != len(chosen):
            raise InputError(f"stations: codes repeat in {list(stations)!r}")  # type: ignore[arg-type]
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
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
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
