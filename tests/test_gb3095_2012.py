"""GB 3095-2012 Table 1, pvlib style. The standard's text is not among the shipped PDFs:
the expected values are typed here from the project's factor sheet
(``../shared/reference/factors.md`` §4.1: PM2.5 and PM10 from the People's Daily 2012
reprint [S]) and from the full-table reprint that section cites for the other pollutants
(http://www.onxelh.cn/417/990/1193087 [W], read through the project's search tool).
"""

import datetime

import pytest

from wasteless import Q_
from wasteless.standards import get

UG, MG = "ug/m**3", "mg/m**3"

# Table 1 (环境空气污染物基本项目浓度限值): pollutant, averaging, unit, grade I, grade II, tag
TABLE_1 = [
    ("SO2", "annual", UG, 20, 60, "[W]"),
    ("SO2", "24h", UG, 50, 150, "[W]"),
    ("SO2", "1h", UG, 150, 500, "[W]"),
    ("NO2", "annual", UG, 40, 40, "[W]"),
    ("NO2", "24h", UG, 80, 80, "[W]"),
    ("NO2", "1h", UG, 200, 200, "[W]"),
    ("CO", "24h", MG, 4, 4, "[W]"),
    ("CO", "1h", MG, 10, 10, "[W]"),
    ("O3", "8h", UG, 100, 160, "[W]"),
    ("O3", "1h", UG, 160, 200, "[W]"),
    ("PM10", "annual", UG, 40, 70, "[S]"),
    ("PM10", "24h", UG, 50, 150, "[S]"),
    ("PM2.5", "annual", UG, 15, 35, "[S]"),
    ("PM2.5", "24h", UG, 35, 75, "[S]"),
]


@pytest.mark.parametrize("row", TABLE_1, ids=[f"{r[0]}-{r[1]}" for r in TABLE_1])
def test_gb3095_2012_table1(row):
    pollutant, averaging, unit, grade_1, grade_2, tag = row
    for standard_id, value in (("GB3095-2012-I", grade_1), ("GB3095-2012-II", grade_2)):
        record = get(standard_id, pollutant, averaging)
        assert record.quantity == Q_(value, unit), standard_id
        assert record.tag == tag
        assert record.document == "GB 3095-2012"
        assert record.section.startswith("4.1")
        # in force nationally 2016-01-01; withdrawn by GB 3095-2026 from 2026-03-01
        assert record.valid_from == datetime.date(2016, 1, 1)
        assert record.valid_to == datetime.date(2026, 2, 28)
        if tag == "[W]":
            assert record.url == "http://www.onxelh.cn/417/990/1193087"


def test_gb3095_2012_table2_is_left_out_and_says_why():
    for pollutant in ("TSP", "NOx", "Pb", "BaP"):
        with pytest.raises(KeyError, match="Table 1 only"):
            get("GB3095-2012-II", pollutant, "annual")
