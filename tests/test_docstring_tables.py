"""The tables typed in module docstrings agree with the data files the code reads.

Data live in ``wasteless/data/*.toml``; a docstring that shows them is tested against
them here, so a change of the data that is not made in the docs fails.
"""

import re

import pytest

from wasteless import units
from wasteless.air import aqi, limits, means, standards


def rst_rows(doc, first_cell, after=""):
    """The rows of the simple RST table whose header row starts with ``first_cell``.

    With ``after``, the first such table after the line that contains ``after``.
    """
    lines = doc.splitlines()
    begin = next(i for i, line in enumerate(lines) if after in line) if after else 0
    start = next(
        i for i, line in enumerate(lines) if i >= begin and line.split()[:1] == [first_cell]
    )
    rows = []
    for line in lines[start + 2 :]:
        if line.startswith("="):
            break
        rows.append(line.split())
    return lines[start].split(), rows


@pytest.mark.parametrize(
    ("edition", "title"),
    [("HJ 633-2012", "HJ 633-2012 Table 1"), ("HJ 633-2026", "HJ 633-2026 Table 3")],
)
def test_aqi_breakpoint_tables_in_the_docstring_are_the_data(edition, title):
    header, rows = rst_rows(aqi.__doc__, "IAQI", after=title)
    iaqi_levels = [float(x) for x in header[1:]]
    assert len(rows) == 10
    for key, *cells in rows:
        pollutant, averaging = aqi.AQI_KEYS.get(key, (key, "24h"))
        table = aqi.breakpoint_table(pollutant, averaging, edition)
        shown = [float(c) for c in cells if c != "—"]
        assert tuple(shown) == table.concentration, key
        assert tuple(iaqi_levels[: len(shown)]) == table.iaqi, key
        # a "—" cell is where the row's rule above the top breakpoint takes over
        assert ("—" in cells) == (table.above_top != "cap"), key


def test_aqi_rules_table_cites_the_clauses_of_the_data():
    doc = aqi.__doc__
    for edition, clauses in (
        ("HJ 633-2012", ["§6.2", "§5.1.2", "§5.1.3", "§4.4.2", "Table 2"]),
        ("HJ 633-2026", ["§4.2.6", "§4.2.2", "§4.2.3", "§4.2.4", "§5.3.1", "§4.3.1", "Table 1"]),
    ):
        rules = aqi.edition_rules(edition)
        text = " ".join(
            [
                rules.index_rounding_clause,
                rules.concentration_rounding_clause,
                rules.primary_clause,
                rules.categories_clause,
                rules.missing_clause,
                *(rule.clause for rule in rules.reports.values()),
            ]
        )
        for clause in clauses:
            assert clause in doc, (edition, clause)
            assert clause in text, (edition, clause)


def test_aqi_category_table_in_the_docstring_is_the_data():
    _, rows = rst_rows(aqi.__doc__, "level")
    assert len(rows) == 6
    for row in rows:
        if row[1] == ">":  # "> 300": the open top level
            row = [row[0], ">" + row[2], *row[3:]]
        level = int(row[0])
        bounds = row[1]
        upper = 301.0 if bounds.startswith(">") else float(bounds.split("-")[1])
        assert aqi.category(upper).level == level
        assert aqi.category(upper).category_zh == row[2]
        assert aqi.category(upper).category_en == " ".join(row[3:])


# The columns of the standards module's summary table: pollutant and averaging periods.
STANDARDS_COLUMNS = [
    ("SO2", ("annual", "24h", "1h")),
    ("NO2", ("annual", "24h", "1h")),
    ("CO", ("24h", "1h")),
    ("O3", ("8h", "1h")),
    ("PM10", ("annual", "24h")),
    ("PM2.5", ("annual", "24h")),
]


def test_standards_table_in_the_docstring_is_the_data():
    doc = limits.__doc__  # the limits of wasteless.standards live in wasteless.air.limits
    ids = re.findall(r"^``([A-Za-z0-9.-]+)``\s", doc, flags=re.MULTILINE)
    assert tuple(ids) == standards.STANDARDS
    for line in doc.splitlines():
        match = re.match(r"^``([A-Za-z0-9.-]+)``\s+(.*)$", line)
        if not match:
            continue
        standard_id, *cells, tags = [match.group(1), *match.group(2).split()]
        assert len(cells) == len(STANDARDS_COLUMNS), standard_id
        records = []
        for cell, (pollutant, averagings) in zip(cells, STANDARDS_COLUMNS, strict=True):
            values = cell.split("/") if cell != "—" else ["—"] * len(averagings)
            for value, averaging in zip(values, averagings, strict=True):
                key = (standard_id, pollutant, averaging)
                if value == "—":
                    assert key not in standards.all_limits(), key
                else:
                    record = standards.all_limits()[key]
                    assert record.value == float(value), key
                    records.append(record)
        shown = set(re.findall(r"\[(\w)\]", tags))
        assert shown == {r.quality for r in records}, standard_id


@pytest.mark.parametrize("doc", [means.__doc__, means.ValidityRules.__doc__ or ""])
def test_validity_rules_in_the_docstring_are_the_data(doc):
    rules = means.GB3095_2012
    if "20 hourly values" in doc:
        assert f"at least {rules.min_hours_per_day} hourly values" in doc
        assert f"at least {rules.min_days_per_month} daily means" in doc
        assert f"({rules.min_days_february} in February)" in doc
        assert f"at least {rules.min_days_per_year} daily means" in doc


def test_units_table_in_the_docstring_names_every_unit_defined():
    for name in ("tyre", "kgce", "tce", "万", "亿"):
        assert f"``{name}``" in units.__doc__
        assert units.ureg.Quantity(1, name) is not None
