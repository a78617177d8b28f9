"""The file-level battery (issue 19): malformed daily files, station lists and groupings.

The function battery (``test_bad_input.py``) varies arguments; this one varies what is
read. Each probe writes a variant of the shipped sample (three daily files of 34 stations,
and their station list) with one defect, and runs it through both readers, the city
assessment and the command line. Every outcome is one of:

* **refused**: :class:`~wasteless.errors.InputError` whose message matches what the probe
  says it must name (the file and line, the column, the argument); the command line exits
  2 or 4 with the message and no traceback;
* **counted**: a result, the probe's documented warning if it has one, and the counts the
  probe expects in ``attrs``; every value that differs from the well-formed files' is a
  missing value that a count explains (a station absent from a header, a dropped row, a
  missing day), and the command line's notes say the count;
* **same**: a result equal to the well-formed files' (a BOM, CRLF, a repeated column with
  the same cells, a GB18030 station list).

and the failures the battery counts: **silent wrong** (a value that differs, or a defect
accepted), **uncounted** (a value lost without a count), **undocumented** (an exception
other than InputError, a traceback, a warning the probe does not expect), **memory** (a
``MemoryError``). The target is 0 of each; the slow test prints the table.
"""

from __future__ import annotations

import gzip
import re
import shutil
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from limits import run_limited

from wasteless import cli, datasets, io
from wasteless.air import city, network
from wasteless.errors import InputError

SAMPLE = datasets.sample_files()  # 2019-01-01 .. 03, gzip, CRLF, 34 stations
SITES = datasets.sample_sites()

REFUSED, COUNTED, SAME = "refused", "counted", "same"
WRONG, UNCOUNTED, UNDOCUMENTED, MEMORY = "silent wrong", "uncounted", "undocumented", "memory"
FAILURES = (WRONG, UNCOUNTED, UNDOCUMENTED, MEMORY)


# --- writing variants of the sample -------------------------------------------------------


def _text(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8")


def _lines(k: int) -> list[str]:
    """The lines of sample file ``k`` (0, 1, 2), without their line ends."""
    return _text(SAMPLE[k]).splitlines()


def _write(directory: Path, name: str, lines: list[str], *, gz: bool = True) -> Path:
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    path = directory / name
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def _copy_all(directory: Path, but: tuple[int, ...] = ()) -> None:
    for k, path in enumerate(SAMPLE):
        if k not in but:
            shutil.copy(path, directory / path.name)


def _without_column(lines: list[str], code: str) -> list[str]:
    j = lines[0].split(",").index(code)
    return [",".join(f for i, f in enumerate(line.split(",")) if i != j) for line in lines]


def _sites_lines() -> list[str]:
    return SITES.read_text(encoding="utf-8").splitlines()


def _write_sites(directory: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path = directory / "sites.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def _edit_cell(line: str, j: int, value: str) -> str:
    fields = line.split(",")
    fields[j] = value
    return ",".join(fields)


# --- the probes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    """One defect: how to write it, and what must come of it.

    ``make(directory)`` writes the files (the sample's three by default, one altered)
    and returns the station list to use. ``expect`` is REFUSED (``match``: a pattern the
    message must contain), COUNTED (``counts``: attrs entry → the expected value or
    length; ``warns``: the warning class) or SAME.
    """

    name: str
    make: Callable[[Path], Path]
    expect: str
    match: str = ""
    counts: dict[str, Any] = field(default_factory=dict)
    warns: type[Warning] | None = None
    cli_note: str = ""  # what the command line's notes must say (COUNTED)

    @property
    def of_sites(self) -> bool:
        """A station-list probe (the daily files are the sample's)."""
        return self.name.startswith("station list")


def _daily(change: Callable[[list[str]], list[str]], k: int = 1, *, gz: bool = True):
    """A probe writer: the sample with file ``k`` changed by ``change``."""

    def make(directory: Path) -> Path:
        _copy_all(directory, but=(k,))
        name = SAMPLE[k].name if gz else SAMPLE[k].name.removesuffix(".gz")
        _write(directory, name, change(_lines(k)), gz=gz)
        return SITES

    return make


def _raw(data: Callable[[bytes], bytes], k: int = 1):
    """A probe writer: the sample with the bytes of file ``k`` changed."""

    def make(directory: Path) -> Path:
        _copy_all(directory, but=(k,))
        (directory / SAMPLE[k].name).write_bytes(data(SAMPLE[k].read_bytes()))
        return SITES

    return make


def _renamed(name: str, k: int = 1, redate: tuple[str, str] | None = None):
    def make(directory: Path) -> Path:
        _copy_all(directory, but=(k,))
        lines = _lines(k)
        if redate:
            lines = [line.replace(redate[0], redate[1]) for line in lines]
        _write(directory, name, lines)
        return SITES

    return make


def _sites(change: Callable[[list[str]], list[str]], encoding: str = "utf-8"):
    def make(directory: Path) -> Path:
        _copy_all(directory)
        return _write_sites(directory, change(_sites_lines()), encoding)

    return make


def _first_station_cell(j: int, value: str) -> Callable[[list[str]], list[str]]:
    """A station list change: the first station's field ``j`` set to ``value``."""
    return lambda lines: [lines[0], _edit_cell(lines[1], j, value), *lines[2:]]


def _corrupt_deflate(data: bytes) -> bytes:
    damaged = bytearray(data)
    for i in range(40, 240):  # inside the deflate stream, after the 10-byte gzip header
        damaged[i] ^= 0x55
    return bytes(damaged)


def _replace_row(line_number: int, change: Callable[[str], str]):
    def edit(lines: list[str]) -> list[str]:
        out = list(lines)
        out[line_number - 1] = change(out[line_number - 1])
        return out

    return edit


def _second_column(lines: list[str], code: str, differ: bool) -> list[str]:
    j = lines[0].split(",").index(code)
    out = []
    for n, line in enumerate(lines):
        fields = line.split(",")
        extra = fields[j]
        if differ and n == 2:  # line 3: hour 0, PM2.5
            extra = "999"
        out.append(",".join([*fields, extra]))
    return out


def _missing_middle(directory: Path) -> Path:
    _copy_all(directory, but=(1,))
    return SITES


def _header_only_named(directory: Path) -> Path:
    _copy_all(directory, but=(1,))
    _write(directory, SAMPLE[1].name, _lines(1)[:1])
    return SITES


def _two_files_of_a_day(directory: Path) -> Path:
    _copy_all(directory)
    _write(directory, "china_sites_20190102_copy.csv.gz", _lines(1))
    return SITES


PROBES: list[Probe] = [
    # -- daily files: refused -------------------------------------------------------------
    Probe("corrupt deflate stream", _raw(_corrupt_deflate), REFUSED, r"20190102.csv.gz: .*"),
    Probe("gzip cut in half", _raw(lambda b: b[: len(b) // 2]), REFUSED, r"20190102.csv.gz: "),
    Probe("binary garbage", _raw(lambda b: bytes(range(256)) * 8), REFUSED, r"20190102.csv.gz"),
    Probe("empty file", _raw(lambda b: b""), REFUSED, r"20190102.csv.gz, line 1: .*empty"),
    Probe(
        "no header",
        _daily(lambda lines: lines[1:]),
        REFUSED,
        r"20190102.csv.gz, line 1: the header must start",
    ),
    Probe(
        "header with a non-ASCII code",
        _daily(lambda lines: [lines[0].replace("1001A", "北京A"), *lines[1:]]),
        REFUSED,
        r"20190102.csv.gz, line 1: station codes must be ASCII",
    ),
    Probe(
        "date before 1900",
        _renamed("china_sites_00190102.csv.gz", redate=("20190102", "00190102")),
        REFUSED,
        r"00190102.csv.gz: its date 0019-01-02 is outside",
    ),
    Probe(
        "date after 2200",
        _renamed("china_sites_99991231.csv.gz", redate=("20190102", "99991231")),
        REFUSED,
        r"99991231.csv.gz: its date 9999-12-31 is outside",
    ),
    Probe(
        "a row of another day",
        _daily(_replace_row(5, lambda line: line.replace("20190102", "20190109", 1))),
        REFUSED,
        r"20190102.csv.gz, line 5: date '20190109' is another day",
    ),
    Probe(
        "hour 24",
        _daily(_replace_row(3, lambda line: _edit_cell(line, 1, "24"))),
        REFUSED,
        r"20190102.csv.gz, line 3: hour must be a whole number 0 to 23",
    ),
    Probe(
        "unknown row type",
        _daily(_replace_row(4, lambda line: _edit_cell(line, 2, "PM1"))),
        REFUSED,
        r"20190102.csv.gz, line 4: unknown row type 'PM1'",
    ),
    Probe(
        "non-numeric cell",
        _daily(_replace_row(3, lambda line: _edit_cell(line, 7, "n/a"))),  # hour 0, PM2.5
        REFUSED,
        r"20190102.csv.gz, line 3: station .* holds 'n/a', not a number",
    ),
    Probe(
        "a row with an extra field",
        _daily(_replace_row(7, lambda line: line + ",5")),
        REFUSED,
        r"20190102.csv.gz, line 7: the row has \d+ fields, the header",
    ),
    Probe(
        "a repeated row",
        _daily(lambda lines: [*lines[:9], lines[8], *lines[9:]]),
        REFUSED,
        r"20190102.csv.gz, line 10: .* repeats line 9",
    ),
    Probe(
        "two files of one day",
        _two_files_of_a_day,
        REFUSED,
        r"day 2019-01-02 is also in",
    ),
    Probe(
        "a repeated column with other cells",
        _daily(lambda lines: _second_column(lines, "1005A", differ=True)),
        REFUSED,
        r"station '1005A' has two columns .* that differ",
    ),
    # -- daily files: counted -------------------------------------------------------------
    Probe(
        "a station absent from one header",
        _daily(lambda lines: _without_column(lines, "1003A")),
        COUNTED,
        counts={"absent_from_files": {"1003A": 1}},
        cli_note="1 station absent from some files' headers (1 station-day",
    ),
    Probe(
        "two stations absent from one header",
        _daily(lambda lines: _without_column(_without_column(lines, "1003A"), "1142A")),
        COUNTED,
        counts={"absent_from_files": {"1003A": 1, "1142A": 1}},
        cli_note="2 stations absent from some files' headers (2 station-days",
    ),
    Probe(
        "a row cut off",
        _daily(lambda lines: [*lines[:-1], lines[-1][: len(lines[-1]) // 2]]),
        COUNTED,
        counts={"dropped": 1},
        warns=io.TruncatedRowWarning,
        cli_note="1 row dropped (cut off: china_sites_20190102.csv.gz line",
    ),
    Probe(
        "a file named for another day",
        _renamed("china_sites_20190107.csv.gz"),
        COUNTED,
        counts={"misnamed_files": 1},
        warns=io.MisnamedFileWarning,
        cli_note="1 file whose name gives another day than the rows",
    ),
    Probe(
        "a missing day in the middle",
        _missing_middle,
        COUNTED,
        counts={"missing_days": ["2019-01-02"]},
        cli_note="(missing days: 2019-01-02)",
    ),
    Probe(
        "a header-only file named for its day",
        _header_only_named,
        COUNTED,
        counts={"missing_hours": {"PM2.5": 24, "PM10": 24, "SO2": 24}},
        cli_note="hours without a row in the files: PM2.5 24",
    ),
    Probe(
        "hours missing in the middle",
        _daily(lambda lines: [line for line in lines if ",5," not in line[:12]]),
        COUNTED,
        counts={"missing_hours": {"PM2.5": 1, "CO": 1}},
        cli_note="hours without a row in the files: PM2.5 1",
    ),
    # -- daily files: the same values -----------------------------------------------------
    Probe(
        # a row type not read (PM10_24h) is checked for its fields, date, hour and type,
        # not parsed: its cells are no value of the result (read_cnemc's Notes)
        "non-numeric cell in a row type not read",
        _daily(_replace_row(6, lambda line: _edit_cell(line, 7, "n/a"))),
        SAME,
    ),
    Probe("a byte-order mark", _daily(lambda lines: ["\ufeff" + lines[0], *lines[1:]]), SAME),
    Probe("plain text, not gzip", _daily(lambda lines: lines, gz=False), SAME),
    Probe(
        "a repeated column with the same cells",
        _daily(lambda lines: _second_column(lines, "1005A", differ=False)),
        SAME,
        counts={"repeated_columns": {"1005A": 1}},
    ),
    # -- station lists ---------------------------------------------------------------------
    Probe(
        "station list: 城市 and city",
        _sites(lambda lines: [lines[0] + ",city", *(line + ",X" for line in lines[1:])]),
        REFUSED,
        r"sites.csv, line 1: the column '城市' and 'city' name the same thing",
    ),
    Probe(
        "station list: an extra field",
        _sites(lambda lines: [*lines[:3], lines[3] + ",extra", *lines[4:]]),
        REFUSED,
        r"sites.csv, line 4: the row has 9 fields, the header 8",
    ),
    Probe(
        "station list: a missing field",
        _sites(lambda lines: [*lines[:3], lines[3].rsplit(",", 1)[0], *lines[4:]]),
        REFUSED,
        r"sites.csv, line 4: the row has 7 fields, the header 8",
    ),
    Probe(
        "station list: a repeated code",
        _sites(lambda lines: [*lines, lines[1]]),
        REFUSED,
        r"sites.csv, line 36: station code '1001A' is empty or repeated",
    ),
    Probe(
        "station list: longitude 999",
        _sites(_first_station_cell(3, "999")),
        REFUSED,
        r"sites.csv, line 2: lon must be within -180.0 to 180.0 degrees",
    ),
    Probe(
        "station list: longitude inf",
        _sites(_first_station_cell(3, "inf")),
        REFUSED,
        r"sites.csv, line 2: lon must be within",
    ),
    Probe(
        "station list: latitude -91",
        _sites(_first_station_cell(4, "-91")),
        REFUSED,
        r"sites.csv, line 2: lat must be within -90.0 to 90.0",
    ),
    Probe(
        "station list: no province",
        _sites(_first_station_cell(6, "")),
        REFUSED,
        r"sites.csv, line 2: station '1001A' has no 省级行政区 \(province\)",
    ),
    Probe(
        "station list: no city",
        _sites(_first_station_cell(2, " ")),
        REFUSED,
        r"sites.csv, line 2: station '1001A' has no 城市 \(city\)",
    ),
    Probe(
        "station list: 对照点 'maybe'",
        _sites(_first_station_cell(5, "maybe")),
        REFUSED,
        r"sites.csv, line 2: 对照点 \(background\) must be Y or N",
    ),
    Probe(
        "station list: no 对照点 column",
        _sites(lambda lines: [line.rsplit(",", 3)[0] for line in lines]),
        REFUSED,
        r"sites.csv, line 1: the station list has no column .*对照点 \(background\); it needs",
    ),
    Probe(
        "station list: empty",
        _sites(lambda lines: []),
        REFUSED,
        r"sites.csv: the station list is empty",
    ),
    Probe(
        "station list: a station of the files not in it",
        _sites(lambda lines: [line for line in lines if not line.startswith("1001A")]),
        COUNTED,
        counts={"unlisted_stations": ["1001A"]},
        cli_note="1 station of the files not in the station list (--sites), so in no city",
    ),
    Probe("station list: GB18030", _sites(lambda lines: lines, encoding="gb18030"), SAME),
    Probe(
        "station list: a blank line",
        _sites(lambda lines: [*lines[:5], "", *lines[5:]]),
        SAME,
    ),
]


# --- running a probe ----------------------------------------------------------------------


@dataclass
class Outcome:
    probe: str
    consumer: str
    outcome: str
    detail: str = ""


def _reference() -> tuple[pd.DataFrame, pd.DataFrame]:
    tidy = io.read_cnemc(SAMPLE)
    return tidy, city.assess(network.daily_statistics(tidy), io.read_sites(SITES), year=2019)


def _line_of(path: str, line: int) -> tuple[int, str]:
    """The (hour, row type) of a line of a daily file."""
    raw = Path(path).read_bytes()
    text = (gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode("utf-8", "replace")
    fields = text.splitlines()[line - 1].split(",")
    return int(fields[1]), fields[2]


def _file_day(times: pd.Series) -> pd.Series:
    """The day of the file an hour was read from (hour-ending stamps: time + 1 h)."""
    return (times + pd.Timedelta(hours=1)).dt.normalize()


def _lost_but_uncounted(result: pd.DataFrame, reference: pd.DataFrame) -> tuple[int, int]:
    """(values changed, values lost without a count) between a result and the reference.

    A value the reference has and the result lacks must be explained by a count of the
    result's attrs: its station absent from as many files' headers as the lost days, its
    (file day, hour, row type) a dropped row, or its file day a missing day.
    """
    keys = ["time", "station", "pollutant"]
    both = reference.astype({"station": str, "pollutant": str}).merge(
        result.astype({"station": str, "pollutant": str}), on=keys, suffixes=("_ref", "")
    )
    same = (both["value"] == both["value_ref"]) | (both["value"].isna() & both["value_ref"].isna())
    changed = int((~same & both["value"].notna()).sum())
    lost = both[~same & both["value"].isna()].copy()
    if lost.empty:
        return changed, 0
    attrs = result.attrs
    lost["day"] = _file_day(lost["time"])
    explained = lost["day"].astype(str).str[:10].isin(attrs["missing_days"])
    dropped = set()
    for entry in attrs["dropped"]:
        hour, kind = _line_of(entry["file"], entry["line"])
        named = re.search(r"(\d{4})(\d{2})(\d{2})", Path(entry["file"]).name)
        day = pd.Timestamp(f"{named[1]}-{named[2]}-{named[3]}")
        dropped.add((day, hour, kind))
    hours = (lost["time"] + pd.Timedelta(hours=1)).dt.hour
    explained |= np.array(
        [
            (day, hour, kind) in dropped
            for day, hour, kind in zip(lost["day"], hours, lost["pollutant"], strict=True)
        ],
        dtype=bool,
    )
    absent = attrs.get("absent_from_files", {})
    for station, rows in lost[~explained].groupby("station"):
        if rows["day"].nunique() <= absent.get(station, 0):
            explained[rows.index] = True
    # hours with no row for a row type (a file holding part of its day): counted per row
    # type in missing_hours, beyond the missing days' and the dropped rows' hours
    more_days = len(attrs["missing_days"]) - len(reference.attrs["missing_days"])
    dropped_of = Counter(kind for _, _, kind in dropped)
    for pollutant, rows in lost[~explained].groupby("pollutant"):
        counted = (
            attrs["missing_hours"][pollutant]
            - reference.attrs["missing_hours"][pollutant]
            - 24 * more_days
            - dropped_of[pollutant]
        )
        if rows["time"].nunique() <= counted:
            explained[rows.index] = True
    return changed, int((~explained).sum())


def _expected_counts(probe: Probe, attrs: dict[str, Any]) -> str:
    """'' if the result's attrs hold the probe's counts, else what differs."""
    for key, expected in probe.counts.items():
        got = attrs.get(key)
        if isinstance(expected, int) and not isinstance(got, int):
            ok = got is not None and len(got) == expected
        elif isinstance(expected, dict) and isinstance(got, dict):
            ok = all(got.get(k) == v for k, v in expected.items()) and (
                key == "missing_hours" or set(got) == set(expected)
            )
        else:
            ok = got == expected
        if not ok:
            return f"attrs[{key!r}] = {got!r}, expected {expected!r}"
    return ""


def _call(function: Callable[[], Any], probe: Probe) -> tuple[Any, Exception | None, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = function()
        except MemoryError as error:
            return None, error, []
        except Exception as error:  # classified below: InputError or undocumented
            return None, error, [str(w.message) for w in caught]
    unexpected = [
        f"{w.category.__name__}: {w.message}"
        for w in caught
        if probe.warns is None or not issubclass(w.category, probe.warns)
    ]
    if probe.warns is not None and len(unexpected) == len(caught):
        unexpected.append(f"no {probe.warns.__name__}")
    return result, None, unexpected


def _judge_error(probe: Probe, consumer: str, error: Exception) -> Outcome:
    if isinstance(error, MemoryError):
        return Outcome(probe.name, consumer, MEMORY, "MemoryError")
    if not isinstance(error, InputError):
        return Outcome(probe.name, consumer, UNDOCUMENTED, f"{type(error).__name__}: {error}")
    if probe.expect != REFUSED:
        return Outcome(probe.name, consumer, WRONG, f"refused a readable input: {error}")
    if not re.search(probe.match, str(error)):
        return Outcome(probe.name, consumer, UNDOCUMENTED, f"message does not match: {error}")
    return Outcome(probe.name, consumer, REFUSED)


def _run_reader(probe: Probe, directory: Path, reference: pd.DataFrame) -> list[Outcome]:
    """read_cnemc, and read_cnemc_daily_statistics (which must agree with it)."""
    probe.make(directory)
    out = []
    result, error, unexpected = _call(lambda: io.read_cnemc(directory), probe)
    if error is not None:
        out.append(_judge_error(probe, "read_cnemc", error))
    elif unexpected:
        out.append(Outcome(probe.name, "read_cnemc", UNDOCUMENTED, "; ".join(unexpected)))
    elif probe.expect == REFUSED:
        out.append(Outcome(probe.name, "read_cnemc", WRONG, "a defective file was read"))
    else:
        changed, uncounted = _lost_but_uncounted(result, reference)
        counts = _expected_counts(probe, result.attrs)
        if changed:
            out.append(Outcome(probe.name, "read_cnemc", WRONG, f"{changed} values changed"))
        elif uncounted:
            out.append(Outcome(probe.name, "read_cnemc", UNCOUNTED, f"{uncounted} values"))
        elif counts:
            out.append(Outcome(probe.name, "read_cnemc", UNCOUNTED, counts))
        elif (
            probe.expect == SAME
            and result.attrs["missing_hours"] != reference.attrs["missing_hours"]
        ):
            out.append(Outcome(probe.name, "read_cnemc", WRONG, "missing hours differ"))
        else:
            out.append(Outcome(probe.name, "read_cnemc", probe.expect))
    # the streamed daily statistics: the same refusal, or the daily statistics of the table
    streamed, stream_error, unexpected = _call(
        lambda: io.read_cnemc_daily_statistics(directory), probe
    )
    consumer = "read_cnemc_daily_statistics"
    if stream_error is not None:
        outcome = _judge_error(probe, consumer, stream_error)
        if outcome.outcome == REFUSED and error is None:
            outcome = Outcome(probe.name, consumer, WRONG, "refused what read_cnemc read")
        out.append(outcome)
    elif unexpected:
        out.append(Outcome(probe.name, consumer, UNDOCUMENTED, "; ".join(unexpected)))
    elif error is not None:
        out.append(Outcome(probe.name, consumer, WRONG, "read what read_cnemc refused"))
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            whole = network.daily_statistics(result)
        if streamed.equals(whole):
            out.append(Outcome(probe.name, consumer, out[0].outcome, out[0].detail))
        else:
            detail = "differs from daily_statistics(read_cnemc(...))"
            out.append(Outcome(probe.name, consumer, WRONG, detail))
    return out


def _run_sites(probe: Probe, directory: Path, assessed: pd.DataFrame) -> Outcome:
    """read_sites, then the city assessment of the sample with it."""
    sites_path = probe.make(directory)
    consumer = "read_sites + assess"
    table, error, unexpected = _call(lambda: io.read_sites(sites_path), probe)
    if error is not None:
        return _judge_error(probe, consumer, error)
    if unexpected:
        return Outcome(probe.name, consumer, UNDOCUMENTED, "; ".join(unexpected))
    if probe.expect == REFUSED:
        return Outcome(probe.name, consumer, WRONG, "a defective station list was read")
    daily = network.daily_statistics(io.read_cnemc(SAMPLE))
    result = city.assess(daily, table, year=2019)
    counts = _expected_counts(probe, result.attrs)
    if counts:
        return Outcome(probe.name, consumer, UNCOUNTED, counts)
    # every city's values: those of the well-formed list computed without the stations
    # the list lacks (each counted in attrs["unlisted_stations"])
    unlisted = set(result.attrs["unlisted_stations"])
    kept = daily[~daily.index.get_level_values("station").isin(unlisted)]
    full = io.read_sites(SITES)
    expected = city.assess(kept, full.drop(index=list(unlisted)), year=2019)
    columns = [c for c in city.ASSESSMENT_COLUMNS if c != "notes"]
    if not result[columns].equals(expected[columns]):
        return Outcome(probe.name, consumer, WRONG, "city values differ")
    if probe.expect == SAME and not result[columns].equals(assessed[columns]):
        return Outcome(probe.name, consumer, WRONG, "differs from the well-formed list")
    return Outcome(probe.name, consumer, probe.expect)


def _run_cli(probe: Probe, directory: Path, capsys: Any) -> Outcome:
    """``wasteless assess DIR --sites FILE --year 2019``: exit status, message, notes."""
    sites = probe.make(directory)
    consumer = "wasteless assess"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a warning must be said by the CLI, not raised
            status = cli.main(["assess", str(directory), "--sites", str(sites), "--year", "2019"])
    except MemoryError:
        return Outcome(probe.name, consumer, MEMORY, "MemoryError")
    except BaseException as error:  # a traceback in a shell
        return Outcome(probe.name, consumer, UNDOCUMENTED, f"{type(error).__name__}: {error}")
    out, err = capsys.readouterr()
    if probe.expect == REFUSED:
        if status != 4 or out or not re.search(probe.match, err):
            return Outcome(probe.name, consumer, UNDOCUMENTED, f"exit {status}: {err[-300:]}")
        return Outcome(probe.name, consumer, REFUSED)
    if status != 0:
        return Outcome(probe.name, consumer, WRONG, f"exit {status}: {err[-300:]}")
    if probe.cli_note and probe.cli_note not in out:
        return Outcome(probe.name, consumer, UNCOUNTED, f"no note {probe.cli_note!r}")
    return Outcome(probe.name, consumer, probe.expect)


def run_battery(directory: Path, capsys: Any, probes: list[Probe] = PROBES) -> list[Outcome]:
    reference, assessed = _reference()
    outcomes = []
    for k, probe in enumerate(probes):
        runs = ("sites", "cli") if probe.of_sites else ("reader", "cli")
        for j, run in enumerate(runs):
            where = directory / f"{k}-{j}"
            where.mkdir()
            if run == "reader":
                outcomes.extend(_run_reader(probe, where, reference))
            elif run == "sites":
                outcomes.append(_run_sites(probe, where, assessed))
            else:
                outcomes.append(_run_cli(probe, where, capsys))
    return outcomes


def _table(outcomes: list[Outcome]) -> str:
    counts = Counter(o.outcome for o in outcomes)
    lines = [
        f"file-level battery: {len(outcomes)} runs of {len({o.probe for o in outcomes})} "
        "malformed inputs (daily files, station lists) through read_cnemc, "
        "read_cnemc_daily_statistics, read_sites + assess and wasteless assess",
        "  " + ", ".join(f"{kind} {counts.get(kind, 0)}" for kind in (REFUSED, COUNTED, SAME)),
        "  " + ", ".join(f"{kind} {counts.get(kind, 0)}" for kind in FAILURES),
    ]
    return "\n".join(lines)


def _failures(outcomes: list[Outcome]) -> list[str]:
    return [
        f"{o.probe} [{o.consumer}]: {o.outcome}: {o.detail}"
        for o in outcomes
        if o.outcome in FAILURES
    ]


@pytest.mark.slow  # about 40 probes x 4 runs
def test_file_level_battery(tmp_path, capsys):
    outcomes = run_battery(tmp_path, capsys)
    with capsys.disabled():
        print("\n" + _table(outcomes))
    assert _failures(outcomes) == []
    assert {o.outcome for o in outcomes} >= {REFUSED, COUNTED, SAME}


FAST = [
    "corrupt deflate stream",
    "a station absent from one header",
    "station list: a station of the files not in it",
]


@pytest.mark.parametrize("name", FAST)
def test_a_probe_of_each_kind_in_the_fast_loop(tmp_path, capsys, name):
    probes = [p for p in PROBES if p.name == name]
    assert _failures(run_battery(tmp_path, capsys, probes)) == []


def test_the_battery_catches_what_it_is_for(tmp_path, capsys, monkeypatch):
    # the checks can fail: a reader that drops the counts, or one that silently
    # wraps bad gzip into an empty result, is caught
    from wasteless.io import cnemc

    original = cnemc._attrs

    def without_counts(archive):
        attrs = original(archive)
        attrs["absent_from_files"] = {}
        return attrs

    monkeypatch.setattr(cnemc, "_attrs", without_counts)
    probe = next(p for p in PROBES if p.name == "a station absent from one header")
    failures = _failures(run_battery(tmp_path, capsys, [probe]))
    assert any("uncounted" in line for line in failures), failures


# --- a mistyped date among files of the national network's size, under a 4 GB limit -------


@pytest.fixture(scope="module")
def national_with_a_mistyped_date(tmp_path_factory):
    """Two daily files of 1,605 stations, 2019-01-01 and (mistyped) 2091-01-02."""
    from wasteless import testing

    directory = tmp_path_factory.mktemp("national")
    archive = testing.synthetic_archive(directory, "2019-01-01", 2, stations=1605, seed=3)
    second = archive.files[1]
    text = gzip.decompress(second.read_bytes()).replace(b"20190102", b"20910102")
    (directory / "china_sites_20910102.csv.gz").write_bytes(gzip.compress(text, 1))
    second.unlink()
    return directory


@pytest.mark.slow  # three subprocesses, about 10 s
@pytest.mark.parametrize(
    "call",
    [
        "io.read_cnemc(DIR)",
        "io.read_cnemc_daily_statistics(DIR)",
        "sys.exit(cli.main(['assess', DIR, '--sites', SITES, '--year', '2019']))",
    ],
)
def test_19_a_mistyped_date_among_national_files_is_refused_under_4_gb(
    national_with_a_mistyped_date, call
):
    # 0.2: np.full((631200, 1605, 6)), 45.3 GiB at once, then MemoryError
    code = call.replace("DIR", repr(str(national_with_a_mistyped_date))).replace(
        "SITES", repr(str(SITES))
    )
    done = run_limited(code, "from wasteless import cli, io")
    if "cli.main" in call:  # the command line: exit 4, the message, no traceback
        assert done.returncode == 4, done.stdout + done.stderr
        assert "is the date of" in done.stderr
        assert "Traceback" not in done.stderr
    else:
        assert done.returncode == 0, done.stdout + done.stderr
        assert "china_sites_20910102.csv.gz mistyped?" in done.stdout
