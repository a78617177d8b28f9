"""The command lines the README and docs/cli.md print run as printed (issue 18).

Every ``python -m wasteless ...`` line in a fenced code block of README.md and
docs/cli.md is run verbatim by the shell, from the project root, with this test's Python
first on the PATH. A line that reads the shared data (``../shared``) is skipped, with
the path, when the data are not beside the project; the others read the extract shipped
in the package. Each must exit 0; an ``assess`` line must print one row per group, and
every blank cell of a row must be explained by its notes.

The groups expected are counted here from the files' headers and the station list with
the csv module alone: the cities (``--by`` column) of the non-background stations that
some file's header names, or the ``--city`` names given.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DOCUMENTS = ("README.md", "docs/cli.md")
FENCE = re.compile(r"^ *```[^\n]*\n(.*?)^ *```", re.S | re.M)


def documented_commands() -> list[tuple[str, str]]:
    """(document, line) of every ``python -m wasteless`` line in a fenced code block."""
    found = []
    for name in DOCUMENTS:
        for block in FENCE.findall((ROOT / name).read_text(encoding="utf-8")):
            for line in block.splitlines():
                line = line.strip()
                if line.startswith("python -m wasteless "):
                    found.append((name, line))
    return found


COMMANDS = documented_commands()


def test_the_documents_print_runnable_assess_commands():
    documents = {name for name, line in COMMANDS if " assess " in line}
    assert documents == set(DOCUMENTS), documents
    # no placeholder such as DATA_DIR: every path of every line is one a user has
    for _, line in COMMANDS:
        assert not re.search(r"\b[A-Z_]{4,}\b", line), line


def run_verbatim(line: str) -> subprocess.CompletedProcess[str]:
    """The line as a user types it, in a shell at the project root."""
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONIOENCODING": "utf-8",
        "COLUMNS": "200",
    }
    return subprocess.run(
        line,
        shell=True,  # verbatim: the shell expands what it expands for the user
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        timeout=600,
    )


def _option(words: list[str], flag: str, default: str | None = None) -> str | None:
    return words[words.index(flag) + 1] if flag in words else default


def _sources(words: list[str]) -> list[Path]:
    """The daily files a line names (directories and globs expanded as the reader does)."""
    values, skip = [], False
    for word in words[words.index("assess") + 1 :]:
        if skip:
            skip = False
        elif word.startswith("--"):
            skip = word not in ("--progress", "--quiet")
        else:
            values.append(word)
    files = []
    for value in values:
        path = ROOT / value
        if path.is_dir():
            files += sorted(path.glob("china_sites_*.csv*"))
        elif path.is_file():
            files.append(path)
        else:
            files += sorted(ROOT.glob(value))
    return files


def expected_groups(words: list[str]) -> set[str]:
    """The groups a line must print, from the headers and the station list alone."""
    cities = [words[i + 1] for i, word in enumerate(words) if word == "--city"]
    if cities:
        return set(cities)
    codes: set[str] = set()
    for path in _sources(words):
        with gzip.open(path, "rt") if path.suffix == ".gz" else path.open() as handle:
            codes |= set(handle.readline().strip().split(",")[3:])
    column = {"city": "城市", "province": "省级行政区"}[_option(words, "--by", "city")]
    with (ROOT / _option(words, "--sites")).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {row[column] for row in rows if row["监测点编码"] in codes and row["对照点"] != "Y"}


# what a blank cell's note must name
EXPLAINED_BY = {
    "pm25_annual": "PM2.5",
    "pm10_annual": "PM10",
    "so2_annual": "SO2",
    "no2_annual": "NO2",
    "co_p95": "CO",
    "o3_mda8_p90": "O3",
    "good_day_ratio": "good-day ratio",
    "composite_index": "unranked",
    "rank": "unranked",
}


def printed_rows(out: str, output_format: str) -> dict[str, dict[str, object]]:
    """Group → {column: value or None, "notes": text} from the printed output."""
    if output_format == "json":
        return {
            city["city"]: {**city, "notes": "; ".join(city["notes"])}
            for city in json.loads(out)["cities"]
        }
    if output_format == "csv":
        reader = csv.DictReader(io.StringIO(out))
        rows = {}
        for row in reader:
            plain = {key.split(" [")[0]: (value or None) for key, value in row.items()}
            rows[str(plain["city"])] = {**plain, "notes": plain["notes"] or ""}
        return rows
    # text: a header, a line of units, then a row a group up to the first blank line;
    # a row's cells sit under the header's names (display widths: CJK names are 2 wide)
    from wcwidth import wcswidth

    lines = out.split("\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    header, body = lines[0], lines[2:]
    names = header.split()
    # where each column ends: the name column (left-aligned) as wide as its widest name,
    # the others (right-aligned) where their header name ends
    width = max(wcswidth(line.split()[0]) for line in [header, *body])
    ends = [width] + [header.index(name) + len(name) for name in names[1:]]
    rows = {}
    for line in body:
        city = line.split()[0]
        shift = wcswidth(city) - len(city)  # characters to columns
        values: dict[str, object] = {"city": city}
        for j, name in enumerate(names[1:-1], start=1):
            start, end = ends[j - 1] + 2 - shift, ends[j] - shift
            values[name] = line[start:end].strip() or None
        values["notes"] = line[ends[-2] + 2 - shift :].strip()
        rows[city] = values
    return rows


@pytest.mark.slow  # a fresh interpreter per line, a year of data for the shared lines
@pytest.mark.parametrize(
    ("document", "line"), COMMANDS, ids=[f"{d}: {line}" for d, line in COMMANDS]
)
def test_a_documented_command_runs_as_printed(document, line):
    if "../shared" in line and not (SHARED / "data" / "cnemc").is_dir():
        pytest.skip(f"the shared data are not beside the project ({SHARED / 'data' / 'cnemc'})")
    done = run_verbatim(line)
    assert done.returncode == 0, f"{document}: {line}\n{done.stderr}"
    assert "Traceback" not in done.stderr
    words = shlex.split(line)
    if "assess" not in words:
        return
    output_format = _option(words, "--format", "text")
    rows = printed_rows(done.stdout, output_format)
    assert set(rows) == expected_groups(words), f"{document}: {line}"
    for city, row in rows.items():
        for column, word in EXPLAINED_BY.items():
            if row[column] is None:
                assert word in str(row["notes"]), (city, column, row["notes"])
