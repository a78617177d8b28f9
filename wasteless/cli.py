"""The ``wasteless`` command line (also ``python -m wasteless``).

``wasteless assess SOURCE... --sites FILE [--year Y] [--city NAME ...] [--by COLUMN]
[--format text|csv|json] [--progress | --quiet]`` reads the national network's daily
files (files, directories or globs, in any mix) a day at a time
(:func:`wasteless.io.read_cnemc_daily_statistics`) and prints one row per city: the HJ 663
annual assessment and the ranking by composite index (:func:`wasteless.air.city.assess`),
with a ``notes`` column that says why any cell is blank (and which stations count), units
in the CSV header, and JSON as an object with the version, source, rules and units.

``wasteless reproduce [--preset etown-2019|literature] [--format text|markdown|json]
[--strict]`` checks every figure of the 2020-01-17 E-Town article against the models
(:func:`wasteless.article.reproduce`) and prints the ledger: a headline that carries
everything, stated value, computed value, verdict and reasoning, the tyre claims under
LITERATURE beside the chosen preset, where the article's implied figures sit in the
literature distribution, and what the other reports on the programme say (where
their figures disagree).

Output is UTF-8 whatever the locale. Exit status: 0 success (for ``reproduce``: every
checkable claim holds on its stated basis, an independent check or a reproduction under
a calibrated preset, which the output says), 1 a claim fails (with ``--strict``, also a
figure implausible against the literature or disputed between reports), 2 bad usage (an
unknown option or option value; also a flag's value the data do not hold, named by its
flag: ``--city Beijing`` where the station list names cities in Chinese, ``北京``, with
the closest names), 3 the output could not be written (closed pipe, full disk), 4 the
input data are unusable (a message says which file and why: also a directory with no
daily file, a glob that matches nothing). No traceback is printed for these.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import sys
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from wasteless import __version__, article, presets
from wasteless._progress import bar
from wasteless.errors import WastelessError

__all__ = ["main"]

_EXIT_CODES = """exit status:
  0  success; for reproduce: every checkable claim holds on its stated basis
     (independent, or reproduced by the calibrated preset: the verdict says which)
  1  reproduce: a checkable claim fails; with --strict, also a figure implausible
     against the literature (outside the 0.1-99.9th percentiles) or disputed between
     the reports on the programme (their figures differ beyond their stated precision)
  2  usage error: an unknown option or option value (also a flag's value the data
     do not hold: an unknown --city, a --year without data, no --year for data of
     several years none of which holds most of their days)
  3  the output could not be written (closed pipe, full disk)
  4  the input data are unusable (the message names the file and why; also a
     directory with no daily file, a glob that matches no file, a --dust file with
     a city the assessment does not know, a date outside the year or a city-day
     given twice)"""

EXIT_OK, EXIT_FAILS, EXIT_USAGE, EXIT_OUTPUT, EXIT_INPUT = 0, 1, 2, 3, 4

# The values of --by and --set: those of wasteless.air.groups (GROUPINGS, CITY_SETS),
# written out so that the parser does not import pandas (a test checks they agree).
_GROUPINGS = ("city", "province", "region")
_CITY_SETS = ("337", "168")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wasteless",
        description="Waste-free city accounting with units and sources.",
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"wasteless {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    reproduce = commands.add_parser(
        "reproduce",
        help="check the 2020-01-17 E-Town article's figures against the models",
        description="Check every figure of the 2020-01-17 E-Town article against the models: "
        "a headline, then stated, computed, the verdict with its basis (independent, or "
        "reproduced by a calibrated preset), the independent plausibility from the "
        "literature Monte Carlo distribution and its support, the literature comparison on "
        "the same basis, and what the three reports on the programme say: their figures, "
        "what each implies, the tyre count over time and where they disagree.",
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    reproduce.add_argument(
        "--preset",
        choices=sorted(presets.PRESETS),
        default=presets.ETOWN_2019.name,
        help="parameter preset for the tyre and CO2 claims (default: %(default)s)",
    )
    reproduce.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="output format (default: %(default)s)",
    )
    reproduce.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 also when a figure is implausible against the literature or the reports "
        "disagree on a figure (default: exit 1 only when a checkable claim fails)",
    )
    assess = commands.add_parser(
        "assess",
        help="assess every city of the national network's daily files (HJ 663), ranked",
        description="Read CNEMC daily files (china_sites_YYYYMMDD.csv[.gz]: files, "
        "directories or globs, in any mix; a day at a time) and print one row per city: "
        "stations (non-background, in the files: background stations are left out of city "
        "values), valid days, annual means of PM2.5, PM10, SO2, NO2 (ug/m3), the CO 95th "
        "percentile (mg/m3), the O3 MDA8 90th percentile (ug/m3), the good-day ratio (%), "
        "the composite index, the rank (1 = cleanest) and notes (why a cell is blank or a "
        "city unranked, which stations count).",
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    assess.add_argument("source", nargs="+", help="daily files, directories or globs")
    assess.add_argument("--sites", required=True, help="the station list (CSV)")
    assess.add_argument(
        "--year",
        type=int,
        help="the calendar year (default: the year most of the data's days are of, said on "
        "stderr)",
    )
    assess.add_argument(
        "--city",
        action="append",
        help="only this city, named as in the station list, in Chinese (e.g. 北京) (repeatable)",
    )
    assess.add_argument(
        "--by",
        choices=_GROUPINGS,
        default="city",
        help="one row per city (default), province or region (2+26, 汾渭平原, 长三角), with a "
        "row for the whole set; provinces and regions average their cities (the mean of "
        "city values; --by province or region implies --set 337 unless --set is given)",
    )
    assess.add_argument(
        "--set",
        dest="city_set",
        choices=_CITY_SETS,
        help="assess an official city set: 337 (the prefecture-level-and-above cities of "
        "2019) or 168 (the key cities: a third-party reconstruction of MEE's list); "
        "station-list names are mapped to them (county-level cities to their prefecture), "
        "ranks are within the set (default: the station list's city names as they are)",
    )
    assess.add_argument(
        "--dust",
        metavar="FILE",
        help="a CSV table of dust-affected city-days (columns city,date) to remove from "
        "PM10, PM2.5 and the composite index (环办监测〔2016〕120号: the days are CNEMC's "
        "decision, not computed); adds the dust-removed columns and ranks by them",
    )
    assess.add_argument(
        "--hour-label",
        choices=("ending", "beginning"),
        default="ending",
        help="what the files' hour stamps (default: %(default)s, hour 0 ends the day before)",
    )
    assess.add_argument(
        "--format", choices=("text", "csv", "json"), default="text", help="output format"
    )
    shown = assess.add_mutually_exclusive_group()
    shown.add_argument(
        "--progress",
        action="store_true",
        help="draw a progress bar on stderr (default: only when stderr is a terminal)",
    )
    shown.add_argument("--quiet", action="store_true", help="no progress bar")
    _USAGE["assess"] = assess.format_usage()
    return parser


# The usage line of each command, for usage errors found after parsing (an unknown --city).
_USAGE: dict[str, str] = {}


class _UsageError(WastelessError):
    """A command-line value that does not fit the data (exit status 2), naming its flag."""


def _check_groups(sites: Any, by: str, cities: Sequence[str] | None) -> None:
    """Refuse an unknown --by column or --city name before any daily file is read."""
    if by not in sites.columns:
        raise _UsageError(
            f"--by {by}: the station list has no such column; use one of "
            f"{', '.join(str(c) for c in sites.columns)}"
        )
    if not cities:
        return
    names = sites[by].astype(str)
    known = sorted(set(names))
    unknown = [city for city in cities if city not in set(known)]
    if not unknown:
        return
    busiest = names.value_counts().index[:3].tolist()  # examples: the cities with most stations
    lines = []
    for city in unknown:
        close = difflib.get_close_matches(city, known, n=5, cutoff=0.5)
        lines.append(
            f"--city {city}: not a {by} of the station list; "
            + (f"closest: {', '.join(close)}" if close else "no name there is close")
        )
    raise _UsageError(
        "; ".join(lines) + f". Names are those of the station list's {by} column, in Chinese "
        f"(e.g. {', '.join(busiest)}): --city {busiest[0]}"
    )


def _check_year(daily: Any, year: int | None) -> int | None:
    """The year to assess: --year if the data hold it; else the year most days are of.

    With hour-ending stamps (the files' default) the first file's hour 0 belongs to the
    last day of the year before, so a year of files "spans" two years; the year that holds
    most of the days is meant, and the choice is said on stderr. Without such a majority
    --year must be given.
    """
    import pandas as pd

    dates = daily.index.get_level_values("date")
    years = sorted({int(y) for y in dates.year.unique()})
    if year is None and len(years) > 1:
        day_years = pd.DatetimeIndex(dates.unique()).year.tolist()
        days = {y: day_years.count(y) for y in years}
        top = max(days, key=lambda y: days[y])
        if days[top] * 2 <= sum(days.values()):
            raise _UsageError(
                f"the data span the years {', '.join(map(str, years))} with no year holding "
                f"most of their days: choose one with --year (e.g. --year {years[-1]})"
            )
        others = ", ".join(f"{y} ({n} day{'s' * (n != 1)})" for y, n in days.items() if y != top)
        _warn(
            f"wasteless assess: note: --year not given: {top}, the year of {days[top]} of "
            f"the data's {sum(days.values())} days (also: {others})"
        )
        return top
    if year is not None and year not in years:
        raise _UsageError(
            f"--year {year}: the data hold no day of {year}; they span "
            f"{', '.join(map(str, years))}"
        )
    return year if year is not None else years[0]


def _write(text: str) -> int:
    """Write UTF-8 to stdout whatever the locale; exit status 3 when it cannot be written."""
    data = (text + "\n").encode("utf-8")
    if sys.stdout is None:  # started with stdout closed
        _warn("wasteless: the output could not be written (standard output is closed)")
        return EXIT_OUTPUT
    try:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            buffer.write(data)
            buffer.flush()
        else:  # a text stream without a buffer (e.g. captured in tests)
            sys.stdout.write(text + "\n")
            sys.stdout.flush()
    except (OSError, ValueError) as err:  # closed pipe, /dev/full, closed file
        _warn(f"wasteless: the output could not be written ({type(err).__name__}: {err})")
        return EXIT_OUTPUT
    return EXIT_OK


def _warn(message: str) -> None:
    if sys.stderr is None:  # nowhere left to say it
        return
    with contextlib.suppress(OSError, ValueError, UnicodeError):
        sys.stderr.write(message + "\n")


def _assess(args: argparse.Namespace) -> tuple[str, int]:
    from wasteless import io
    from wasteless.air import city, groups

    sites = io.read_sites(args.sites)
    # the official sets, regions or dust; --by province alone pools the station list's
    # provinces as 0.2 did (with --set 337 it averages the cities of the set)
    official = args.city_set is not None or args.by == "region" or args.dust is not None
    city_set = args.city_set or ("337" if official and args.by != "city" else None)
    dust = None
    if official:  # checked before the daily files are read
        dust = None if args.dust is None else io.read_dust_days(args.dust)
        _check_official(sites, args.by, args.city, city_set)
        if dust is not None:
            groups.check_dust(dust, sites, year=args.year, city_set=city_set)
    else:
        _check_groups(sites, args.by, args.city)
    progress = True if args.progress else False if args.quiet else None
    with warnings.catch_warnings(record=True) as caught:
        # a truncated row is dropped and said (after the progress bar, not through it)
        warnings.simplefilter("always", io.TruncatedRowWarning)
        warnings.simplefilter("always", io.MisnamedFileWarning)
        daily = io.read_cnemc_daily_statistics(
            args.source, hour_label=args.hour_label, progress=progress
        )
    for warning in caught:
        _warn(f"wasteless assess: warning: {warning.message}")
    args.year = _check_year(daily, args.year)
    with bar(progress, 1, "assess", "step") as steps:
        if official:
            table = groups.assess(
                daily,
                sites,
                year=args.year,
                by=args.by,
                city_set=city_set,
                dust=dust,
                cities=args.city,
                hour_label=daily.attrs["hour_label"],
            )
        else:
            table = city.assess(
                daily,
                sites,
                year=args.year,
                by=args.by,
                cities=args.city,
                hour_label=daily.attrs["hour_label"],
            )
        steps.update(1)
    attrs = dict(table.attrs)
    statements = list(attrs.get("statements", []))
    if official:
        # the columns of city.ASSESSMENT_COLUMNS (by province or region: the averaged ones
        # and the number of cities), each dust-removed one beside its raw one
        order = [*city.ASSESSMENT_COLUMNS[:1], "cities", *city.ASSESSMENT_COLUMNS[1:]]
        order.insert(order.index("rank"), "dust_days")
        shown = [x for c in order for x in (c, f"{c}_dust_removed") if x in table.columns]
        rows = table[shown].reset_index()
        for column in ("stations", "valid_days", "rank"):
            if column not in rows.columns:  # a group's row: not a city's figure
                rows[column] = float("nan")
        if "notes" not in rows.columns:
            rows["notes"] = ""
        rows = rows[[c for c in rows.columns if c != "notes"] + ["notes"]]
        units = attrs["units"]
        attrs["units"] = {
            **units,
            **{f"{c}_dust_removed": u for c, u in units.items() if f"{c}_dust_removed" in rows},
        }
    else:
        rows = table[list(city.ASSESSMENT_COLUMNS)].reset_index()
    rows = rows.rename(columns={rows.columns[0]: "city"})
    counted = _counted(daily.attrs, attrs)
    if args.format != "text":
        # the grouping and dust rules, and what the reading left out: on stderr beside
        # CSV and JSON (JSON has the counts in "source" too)
        for line in [*counted, *statements]:
            _warn(f"wasteless assess: note: {line}")
    if args.format == "json":
        return _assess_json(rows, attrs, daily.attrs, args), EXIT_OK
    if args.format == "csv":
        return _assess_csv(rows, attrs["units"]), EXIT_OK
    text = _assess_text(rows, attrs, daily.attrs, args)
    return "\n".join([text, *(f"* {line}" for line in [*counted, *statements])]), EXIT_OK


# the columns of whole numbers (written without a decimal point; blank or null if missing)
_WHOLE = ("stations", "valid_days", "rank")


def _unit_text(unit: str) -> str:
    """A unit in pint's short form, as :func:`wasteless.units.to_plain` writes it: µg/m³."""
    from wasteless.units import ureg

    return f"{ureg.Unit(unit):~P}"


def _assess_csv(rows: Any, units: dict[str, str]) -> str:
    """CSV with the units in the header, ``"pm25_annual [µg/m³]"`` (units.to_plain)."""
    from wasteless.units import pint_series, to_plain

    table = rows.copy()
    for column, unit in units.items():
        table[column] = pint_series(table[column].to_numpy(), unit, table.index)
    for column in _WHOLE:
        table[column] = table[column].astype("Int64")
    out: str = to_plain(table).to_csv(index=False, float_format="%.6g")
    return out.rstrip("\n")


def _notes_of(text: str) -> list[str]:
    from wasteless.air.city import _NOTE_SEPARATOR

    return text.split(_NOTE_SEPARATOR) if text else []


def _counted(read: Mapping[Any, Any], assessed: Mapping[Any, Any]) -> list[str]:
    """What the reading and the grouping left out, counted, in words (empty: nothing).

    Every value read is in the result or counted here: dropped rows, stations absent from
    some files' headers, files whose name and rows disagree, header-only files, and
    stations of the files that the station list does not name (in no city).
    """
    lines = []
    missing = {name: n for name, n in dict(read["missing_hours"]).items() if n}
    if missing:
        rules = assessed["validity_rules"]
        lines.append(
            "hours without a row in the files: "
            + ", ".join(f"{name} {n}" for name, n in missing.items())
            + f" of {read['n_hours']:,} (missing days included); a daily value needs "
            f"{rules['min_hours_per_day']} hours, a year {rules['min_days_per_year']} valid "
            f"days ({rules['name']}; notes say which fall short)."
        )
    dropped = list(read["dropped"])
    if dropped:
        where = [f"{Path(str(d['file'])).name} line {d['line']}" for d in dropped]
        lines.append(
            f"{_many(len(dropped), 'row')} dropped (cut off: {_some(where, 3)}); "
            + ("their hours count" if len(dropped) != 1 else "its hour counts")
            + " as missing."
        )
    absent = dict(read["absent_from_files"])
    if absent:
        days = _many(sum(absent.values()), "station-day")
        lines.append(
            f"{_many(len(absent), 'station')} absent from some files' headers ({days} without "
            f"a column, read as missing): {_some(sorted(absent))}."
        )
    misnamed = [f"{Path(m['file']).name} holds {m['holds']}" for m in read["misnamed_files"]]
    if misnamed:
        lines.append(
            f"{_many(len(misnamed), 'file')} whose name gives another day than the rows, read "
            f"as the rows' day: {_some(misnamed, 3)}."
        )
    empty = [Path(e).name for e in read["empty_files"]]
    if empty:
        lines.append(
            f"{_many(len(empty), 'header-only file')} without a date (no rows): {_some(empty)}."
        )
    unlisted = list(assessed["unlisted_stations"])
    if unlisted:
        lines.append(
            f"{_many(len(unlisted), 'station')} of the files not in the station list "
            f"(--sites), so in no city: {_some(unlisted)}."
        )
    return lines


def _many(n: int, noun: str) -> str:
    """``"1 station"``, ``"2 stations"``, ``"5,250 station-days"``."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _some(names: list[str], shown: int = 10) -> str:
    """A few names, and how many more."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _source_of(
    attrs: Mapping[Any, Any], assessed: Mapping[Any, Any], args: argparse.Namespace
) -> dict[str, Any]:
    """What was read: the files, their span, what they lack, the station list."""
    return {
        "files": list(attrs["source"]),
        "missing_days": list(attrs["missing_days"]),
        "dropped_rows": list(attrs["dropped"]),
        "missing_hours": [
            {"pollutant": name, "hours": int(n)} for name, n in attrs["missing_hours"].items()
        ],
        "n_hours": int(attrs["n_hours"]),
        "absent_from_files": [
            {"station": code, "files": int(n)} for code, n in attrs["absent_from_files"].items()
        ],
        "misnamed_files": [dict(entry) for entry in attrs["misnamed_files"]],
        "empty_files": list(attrs["empty_files"]),
        "file_hour_label": attrs["file_hour_label"],
        "sites": str(args.sites),
        "unlisted_stations": list(assessed["unlisted_stations"]),
    }


def _rules_of(attrs: Mapping[Any, Any]) -> dict[str, Any]:
    """The rules the figures rest on, each with its source and quality tag."""
    return {
        "stations": dict(attrs["city_stations"]),
        "validity": dict(attrs["validity_rules"]),
        "composite_index": {
            "limits": dict(attrs["composite_index_limits"]),
            **attrs["composite_index_source"],
        },
        "aqi_edition": attrs["edition"],
        "rank": "1 = the lowest composite index (the cleanest); no rank without a composite "
        "index (notes say why)",
    }


def _assess_json(
    rows: Any, attrs: Mapping[Any, Any], read: Mapping[Any, Any], args: argparse.Namespace
) -> str:
    """One JSON object, like ``reproduce``'s: version, source, rules, units, cities."""
    cities = []
    for record in rows.to_dict(orient="records"):
        city = {str(k): _plain(v) for k, v in record.items()}
        for column in _WHOLE:
            city[column] = None if city[column] is None else int(city[column])
        city["notes"] = _notes_of(str(record["notes"]))
        cities.append(city)
    document = {
        "wasteless": __version__,
        "source": _source_of(read, attrs, args),
        "year": attrs["year"],
        "group_by": args.by,
        "rules": _rules_of(attrs),
        "units": {column: _unit_text(unit) for column, unit in attrs["units"].items()},
        "cities": cities,
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _assess_text(
    rows: Any, attrs: Mapping[Any, Any], read: Mapping[Any, Any], args: argparse.Namespace
) -> str:
    """A table aligned for Chinese names (display widths, wcwidth), then the rules."""
    from wcwidth import wcswidth

    units = {column: _unit_text(unit) for column, unit in attrs["units"].items()}
    header = [str(c) for c in rows.columns]
    cells = [
        [_cell(column, value) for column, value in zip(header, row, strict=True)]
        for row in rows.itertuples(index=False)
    ]
    lines = [header, [units.get(column, "") for column in header], *cells]
    widths = [max(wcswidth(line[j]) for line in lines) for j in range(len(header))]
    text_columns = {0, len(header) - 1}  # the name and the notes: left-aligned

    def line(fields: list[str]) -> str:
        out = []
        for j, field in enumerate(fields):
            pad = " " * (widths[j] - wcswidth(field))
            if j == len(fields) - 1:
                out.append(field)  # the notes, last: not padded
            else:
                out.append(field + pad if j in text_columns else pad + field)
        return "  ".join(out).rstrip()

    files = read["source"]
    missing = read["missing_days"]
    validity = attrs["validity_rules"]
    stations = attrs["city_stations"]
    limits = ", ".join(
        f"{term} {limit}" for term, limit in attrs["composite_index_limits"].items()
    )
    head = (
        f"HJ 663 annual assessment of {attrs['year']}, by {args.by}: {len(rows)} groups "
        f"from {len(files)} daily file{'s' if len(files) != 1 else ''}"
        + (f" (missing days: {', '.join(missing)})" if missing else "")
    )
    foot = [
        "",
        f"stations: the non-background stations of the group in the files. Rule: "
        f"{stations['rule']} [{stations['source']}; {stations['quality']}].",
        f"valid_days: days with a daily AQI (the six pollutants' daily values). An annual "
        f"statistic needs {validity['min_days_per_year']} valid days and a daily mean "
        f"{validity['min_hours_per_day']} hours ({validity['name']}, "
        f"{validity['quality']}); a blank cell's reason is in notes.",
        f"composite_index: the sum of each statistic over its limit ({limits}) "
        f"[{attrs['composite_index_source']['quality']}]; rank 1 = the cleanest.",
        f"hours: the files' hour stamps read as hour-{read['file_hour_label']} (--hour-label).",
    ]
    return "\n".join([head, "", *(line(fields) for fields in lines), *foot])


def _cell(column: str, value: Any) -> str:
    """A text-table cell: whole numbers as such, 4 significant digits, blank if missing."""
    if isinstance(value, str):
        return value
    if value is None or value != value:
        return ""
    if column in _WHOLE:
        return str(int(value))
    return f"{float(value):.4g}"


def _check_official(
    sites: Any, by: str, cities: Sequence[str] | None, city_set: str | None
) -> None:
    """Refuse a --city that is not a row of the official assessment (usage, exit 2)."""
    from wasteless.air import groups
    from wasteless.errors import NotFoundError

    if city_set is None:
        _check_groups(sites, by, cities)
        return
    known = groups.group_names(by, city_set)
    for given in cities or ():
        name = given
        if by == "city":
            try:
                name = groups.official_name(given)
            except NotFoundError as err:
                raise _UsageError(f"--city {given}: {err}") from None
        if name not in known:
            close = difflib.get_close_matches(name, known, n=5, cutoff=0.3)
            raise _UsageError(
                f"--city {given}: {'' if name == given else name + ' is '}not a {by} of the "
                f"{city_set} set"
                + (f"; closest: {', '.join(close)}" if close else "")
                + f" (e.g. --city {known[0]})"
            )


def _plain(value: Any) -> Any:
    """A JSON value: numpy scalars as Python numbers, 6 significant digits, NaN as null."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return None if value != value else float(f"{value:.6g}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Examples
    --------
    >>> main(["reproduce", "--format", "json"])  # doctest: +ELLIPSIS
    {
      "wasteless": "...",
      "source": {
    ...
    0
    """
    if argv is not None and not all(isinstance(a, str) for a in argv):
        _warn(f"wasteless: the arguments must be strings; got {list(argv)!r}")
        return EXIT_USAGE
    args = _parser().parse_args(argv)
    if args.command == "assess":
        try:
            out, status = _assess(args)
        except _UsageError as err:  # a flag's value does not fit the data: usage
            _warn(f"{_USAGE.get('assess', '')}wasteless assess: error: {err}")
            return EXIT_USAGE
        except (WastelessError, OSError, ValueError, KeyError) as err:
            # unusable input (pandas' EmptyDataError is a ValueError): no traceback
            _warn(f"wasteless assess: {err}")
            return EXIT_INPUT
        written = _write(out)
        return written or status
    report = article.reproduce(presets.get(args.preset))
    if args.format == "json":
        out = report.to_json()
    elif args.format == "markdown":
        out = report.to_markdown()
    else:
        out = report.to_text()
    written = _write(out)
    return written or (EXIT_OK if report.passes(strict=args.strict) else EXIT_FAILS)
