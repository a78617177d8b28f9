"""The tables typed in module docstrings agree with the data files the code reads.

Data live in ``wasteless/data/*.toml``; a docstring that shows them is tested against
them here, so a change of the data that is not made in the docs fails.
"""

import re

import pytest

from wasteless import units
from wasteless.air import aqi, means, standards


def rst_rows(doc, first_cell):
    """The rows of the simple RST table whose header row starts with ``first_cell``."""
    lines = doc.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split()[:1] == [first_cell])
    rows = []
    for line in lines[start + 2 :]:
        if line.startswith("="):
            break
        rows.append(line.split())
    return lines[start].split(), rows


def test_aqi_breakpoint_table_in_the_docstring_is_the_data():
    header, rows = rst_rows(aqi.__doc__, "IAQI")
    iaqi_levels = [float(x) for x in header[1:]]
    assert len(rows) == 10
    for key, *cells in rows:
        pollutant, averaging = aqi.AQI_KEYS.get(key, (key, "24h"))
        table = aqi.breakpoint_table(pollutant, averaging)
        shown = [float(c) for c in cells if c != "—"]
        assert tuple(shown) == table.concentration, key
        assert tuple(iaqi_levels[: len(shown)]) == table.iaqi, key


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


def test_standards_table_in_the_docstring_is_the_data():
    doc = standards.__doc__
    ids = re.findall(r"^``([A-Za-z0-9.-]+)``\s", doc, flags=re.MULTILINE)
    assert tuple(ids) == standards.STANDARDS
    for line in doc.splitlines():
        match = re.match(r"^``([A-Za-z0-9.-]+)``.*?(\S+) / (\S+)\s+(\S+)(?: / (\S+))?\s+\[", line)
        if not match:
            continue
        standard_id, pm25_annual, pm25_24h = match.group(1), match.group(2), match.group(3)
        assert standards.limit(standard_id, "PM2.5", "annual").magnitude == float(pm25_annual)
        assert standards.limit(standard_id, "PM2.5", "24h").magnitude == float(pm25_24h)
        if match.group(5):
            assert standards.limit(standard_id, "PM10", "annual").magnitude == float(
                match.group(4)
            )
            assert standards.limit(standard_id, "PM10", "24h").magnitude == float(match.group(5))


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
