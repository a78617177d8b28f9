"""The ``wasteless`` command line (also ``python -m wasteless``).

``wasteless assess SOURCE... --sites FILE [--year Y] [--city NAME ...] [--by COLUMN]
[--format text|csv|json]`` reads the national network's daily files
(:func:`wasteless.io.read_cnemc`) and prints one row per city: the HJ 663 annual
assessment and the ranking by composite index (:func:`wasteless.air.city.assess`).

``wasteless reproduce [--preset etown-2019|literature] [--format text|markdown|json]``
checks every figure of the 2020-01-17 E-Town article against the models
(:func:`wasteless.article.reproduce`) and prints the ledger: stated value, computed
value, verdict and reasoning, the tyre claims under LITERATURE beside the chosen
preset, and what the article implies against the literature ranges.

Output is UTF-8 whatever the locale. Exit status: 0 success (for ``reproduce``: every
checkable claim holds on its stated basis, an independent check or a reproduction under
a calibrated preset, which the output says), 1 a claim fails, 2 bad usage (also a flag's
value the data do not hold, named by its flag: ``--city Beijing`` where the station list
names cities in Chinese, ``北京``, with the closest names), 3 the output
could not be written (closed pipe, full disk), 4 the input data are unusable (a message
says which file and why). No traceback is printed for these.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import sys
from collections.abc import Sequence
from typing import Any

from wasteless import __version__, article, presets
from wasteless.errors import WastelessError

__all__ = ["main"]

_EXIT_CODES = """exit status:
  0  success; for reproduce: every checkable claim holds on its stated basis
     (independent, or reproduced by the calibrated preset: the verdict says which)
  1  reproduce: a checkable claim fails
  2  usage error (also a flag's value the data do not hold: an unknown --city, a
     --year without data, no --year for data of several years)
  3  the output could not be written (closed pipe, full disk)
  4  the input data are unusable (the message names the file and why; also a
     --dust file with a city the assessment does not know, a date outside the
     year or a city-day given twice)"""

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
        "stated, computed, the verdict with its basis (independent, or reproduced by a "
        "calibrated preset), the independent plausibility from the literature Monte Carlo "
        "distribution, and the literature comparison.",
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
    assess = commands.add_parser(
        "assess",
        help="assess every city of the national network's daily files (HJ 663), ranked",
        description="Read CNEMC daily files (china_sites_YYYYMMDD.csv[.gz]: files, "
        "directories or globs) and print one row per city: stations, valid days, annual "
        "means of PM2.5, PM10, SO2, NO2 (ug/m3), the CO 95th percentile (mg/m3), the O3 "
        "MDA8 90th percentile (ug/m3), the good-day ratio (%), the composite index and the "
        "rank (1 = cleanest).",
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    assess.add_argument("source", nargs="+", help="daily files, directories or globs")
    assess.add_argument("--sites", required=True, help="the station list (CSV)")
    assess.add_argument("--year", type=int, help="the calendar year (default: the data's)")
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


def _check_year(tidy: Any, year: int | None) -> None:
    """Refuse a --year the data do not hold, or none when they span several years."""
    years = sorted({int(y) for y in tidy["time"].dt.year.unique()})
    if year is None and len(years) > 1:
        raise _UsageError(
            f"the data span the years {', '.join(map(str, years))}: choose one with --year "
            f"(e.g. --year {years[-1]})"
        )
    if year is not None and year not in years:
        raise _UsageError(
            f"--year {year}: the data hold no day of {year}; they span "
            f"{', '.join(map(str, years))}"
        )


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
    from wasteless.air.pollutants import POLLUTANTS

    sites = io.read_sites(args.sites)
    official = args.city_set is not None or args.by != "city" or args.dust is not None
    city_set = args.city_set or ("337" if args.by != "city" else None)
    dust = None
    if official:  # checked before the daily files are read
        dust = None if args.dust is None else io.read_dust_days(args.dust)
        _check_official(sites, args.by, args.city, city_set)
        if dust is not None:
            groups.check_dust(dust, sites, year=args.year, city_set=city_set)
    else:
        _check_groups(sites, args.by, args.city)
    tidy = io.read_cnemc(args.source, pollutants=POLLUTANTS, hour_label=args.hour_label)
    _check_year(tidy, args.year)
    if official:
        table = groups.assess(
            tidy, sites, year=args.year, by=args.by, city_set=city_set, dust=dust, cities=args.city
        )
        statements = table.attrs["statements"]
    else:
        table = city.assess(tidy, sites, year=args.year, by=args.by, cities=args.city)
        statements = []
    # the columns of city.ASSESSMENT_COLUMNS (by province or region: the averaged ones and
    # the number of cities), each dust-removed one beside its raw one
    order = ["cities", *city.ASSESSMENT_COLUMNS[:-1], "dust_days", "rank"]
    shown = [x for c in order for x in (c, f"{c}_dust_removed") if x in table.columns]
    rows = table[shown].reset_index()
    if args.format != "text":
        for line in statements:  # machine-readable output: the rules on stderr
            _warn(f"wasteless assess: note: {line}")
    if args.format == "json":
        records: list[dict[str, Any]] = [
            {str(k): _plain(v) for k, v in r.items()} for r in rows.to_dict(orient="records")
        ]
        return json.dumps(records, ensure_ascii=False, indent=2), EXIT_OK
    if args.format == "csv":
        return rows.to_csv(index=False, float_format="%.6g").rstrip("\n"), EXIT_OK
    text = rows.to_string(index=False, float_format=lambda v: f"{v:.4g}")
    return "\n".join([text, *(f"* {line}" for line in statements)]), EXIT_OK


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
    return written or (EXIT_OK if report.holds else EXIT_FAILS)
