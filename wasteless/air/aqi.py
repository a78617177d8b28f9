r"""HJ 633 air quality index (AQI, 空气质量指数): sub-indices, AQI, level and category.

China's AQI (HJ 633-2012 《环境空气质量指数（AQI）技术规定（试行）》, replaced from
2026-03-01 by HJ 633-2026 《环境空气质量指数（AQI）技术规定》) turns each pollutant's
concentration into an individual air quality index (IAQI, 空气质量分指数) by linear
interpolation in a table of breakpoints (HJ 633-2012 eq. (1); HJ 633-2026 eq. (1)):

.. math::

    \mathrm{IAQI}_P = \frac{\mathrm{IAQI}_{Hi} - \mathrm{IAQI}_{Lo}}{BP_{Hi} - BP_{Lo}}
    \, (C_P - BP_{Lo}) + \mathrm{IAQI}_{Lo}

where :math:`BP_{Lo} \le C_P \le BP_{Hi}` are the breakpoints around the
concentration :math:`C_P` and :math:`\mathrm{IAQI}_{Lo}`, :math:`\mathrm{IAQI}_{Hi}`
the index values at them. The AQI is the largest IAQI,
:math:`\mathrm{AQI} = \max(\mathrm{IAQI}_1, \ldots, \mathrm{IAQI}_n)` (eq. (2)). The
interpolation is continuous, so :func:`numpy.interp` computes exactly this formula.

Both editions are implemented from their texts (``reference/standards/``; "printed page"
is the page number printed on the standard). The rules, with the data file
``wasteless/data/aqi_hj633.toml`` holding each clause in full (:func:`edition_rules`):

.. list-table::
   :header-rows: 1

   * - rule
     - HJ 633-2012
     - HJ 633-2026
   * - breakpoints
     - Table 1 (printed page 2) [P]
     - Table 3 (printed page 3) [P]: PM2.5 and PM10 changed at IAQI 100
   * - SO2 1-hour above 800 µg/m³
     - not computed; the SO2 24-hour sub-index is reported (Table 1 note (2))
     - IAQI 200 (Table 3 note b)
   * - O3 8-hour above 800 µg/m³
     - not computed; the O3 1-hour sub-index is reported (Table 1 note (3))
     - IAQI 300 (Table 3 note c)
   * - concentrations
     - used as given (no rounding stated; §6.1 refers data processing elsewhere)
     - rounded by GB/T 8170 (half to even) to integers in µg/m³, CO to 0.1 mg/m³,
       before the sub-index (§4.2.2, §4.2.3)
   * - IAQI and AQI
     - rounded up to integers (§6.2)
     - rounded up to integers (§4.2.6)
   * - daily report
     - 24-hour SO2, NO2, PM10, PM2.5, CO; O3 daily maximum 1-hour and 8-hour (§5.1.2)
     - 24-hour SO2, NO2, PM10, PM2.5, CO; O3 daily maximum 8-hour (§4.2.2)
   * - real-time report
     - §5.1.3 lists nine indicators and no 1-hour PM breakpoints; the national network
       scores the six 1-hour values, PM on the 24-hour table [A, verified on its
       published data]
     - the six 1-hour values (§4.2.3); PM on the daily table (§4.2.4)
   * - a pollutant missing
     - not stated; the network reports the AQI of the others [A, verified]
     - AQI of the others, published only above 100 (§5.3.1)
   * - primary pollutant
     - AQI above 50: the largest IAQI, ties all primary (§3.3, §4.4.2)
     - the same (§3.3, §4.3.1)
   * - levels and categories
     - Table 2 (printed page 3)
     - Table 1 (printed page 2), the same levels and names

.. rubric:: Which edition

One rule everywhere, the default of every function here and of
:func:`wasteless.air.network.realtime` and :mod:`wasteless.air.city` (``edition=None``):
**by date**. A dated value (a Series with a DatetimeIndex, a tidy table's ``time``, a
daily table's ``date``) is scored under the edition in force on its date, local
wall-clock time: HJ 633-2026 from 2026-03-01 00:00 (its cover page), HJ 633-2012 before
(also for data from before 2016, when HJ 633-2012 came into force: the older API system
is not modelled). A value without a date (a Quantity, an array, a Series without a
DatetimeIndex), and the tables :func:`breakpoint_table` and :func:`edition_rules` looked up
without one, are taken as dated before 2026-03-01: HJ 633-2012, what wasteless 0.1 and
0.2 computed. Pass ``edition="HJ 633-2026"`` (or ``"HJ 633-2012"``) to choose.

.. rubric:: Breakpoints

From :func:`breakpoint_table`; concentrations in µg/m³ (CO in mg/m³; — : above the
last value the rule of the row applies). Every value of both tables is [P], read from
the shipped texts.

HJ 633-2012 Table 1 (printed page 2):

========  =====  ====  =====  =====  =====  =====  =====  =====
IAQI          0    50    100    150    200    300    400    500
========  =====  ====  =====  =====  =====  =====  =====  =====
SO2_24h       0    50    150    475    800   1600   2100   2620
SO2_1h        0   150    500    650    800      —      —      —
NO2_24h       0    40     80    180    280    565    750    940
NO2_1h        0   100    200    700   1200   2340   3090   3840
PM10          0    50    150    250    350    420    500    600
CO_24h        0     2      4     14     24     36     48     60
CO_1h         0     5     10     35     60     90    120    150
O3_1h         0   160    200    300    400    800   1000   1200
O3_8h         0   100    160    215    265    800      —      —
PM2.5         0    35     75    115    150    250    350    500
========  =====  ====  =====  =====  =====  =====  =====  =====

HJ 633-2026 Table 3 (printed page 3); SO2 1-hour above 800 µg/m³ scores 200 and O3
8-hour above 800 µg/m³ scores 300:

========  =====  ====  =====  =====  =====  =====  =====  =====
IAQI          0    50    100    150    200    300    400    500
========  =====  ====  =====  =====  =====  =====  =====  =====
SO2_24h       0    50    150    475    800   1600   2100   2620
SO2_1h        0   150    500    650    800      —      —      —
NO2_24h       0    40     80    180    280    565    750    940
NO2_1h        0   100    200    700   1200   2340   3090   3840
PM10          0    50    120    250    350    420    500    600
CO_24h        0     2      4     14     24     36     48     60
CO_1h         0     5     10     35     60     90    120    150
O3_1h         0   160    200    300    400    800   1000   1200
O3_8h         0   100    160    215    265    800      —      —
PM2.5         0    35     60    115    150    250    350    500
========  =====  ====  =====  =====  =====  =====  =====  =====

A 1-hour PM10 or PM2.5 value (keys ``"PM10_1h"``, ``"PM2.5_1h"``) is scored on the
24-hour row: HJ 633-2026 §4.2.4 [P]; for HJ 633-2012, whose Table 1 has no 1-hour PM
row, the same reading [A], which reproduces every published real-time AQI of the national
network in January 2019 (:func:`wasteless.air.network.realtime`).

Above the top breakpoint of the other rows (e.g. PM2.5 above 500 µg/m³) a value is off
the scale: capped at IAQI 500 with an :class:`AboveScaleWarning`, or NaN.

.. rubric:: Rounding

HJ 633-2012 §6.2 and HJ 633-2026 §4.2.6 round every IAQI and AQI *up* to an integer
(向上进位取整) [P]. :func:`aqi` does so by default (``rounding="ceil"``) and lets the
caller choose ``"round"`` or ``"none"``; :func:`iaqi` and :func:`iaqi_pm25` return the
unrounded sub-index. HJ 633-2026 §4.2.2 also rounds the *concentrations* (GB/T 8170,
half to even, to integers; CO to 0.1 mg/m³) before the sub-index is computed, so under
that edition 35.4 µg/m³ of PM2.5 is 35, IAQI 50, 优; HJ 633-2012 states no such rounding.
``round_concentrations=`` overrides the edition's rule.

.. rubric:: Levels and categories

From the reported AQI (:func:`category`):

=====  =========  ========  ===================
level  AQI        类别      category
=====  =========  ========  ===================
1      0-50       优        Excellent
2      51-100     良        Good
3      101-150    轻度污染  Lightly polluted
4      151-200    中度污染  Moderately polluted
5      201-300    重度污染  Heavily polluted
6      > 300      严重污染  Severely polluted
=====  =========  ========  ===================

HJ 633-2026 writes level 1 as 1-50 (§4.1.1: the AQI ranges from 1 to 500); an AQI of 0
(every concentration 0) is level 1 here under both editions.

This module is long (about 730 lines of code, the rest docstrings and tables) because it
is one topic: the HJ 633 index, every rule of both editions in one place. The real-time
report of a network's tidy table, which applies it, is
:func:`wasteless.air.network.realtime` (also reachable here as ``realtime``).

Examples
--------
>>> from wasteless import Q_
>>> from wasteless import aqi as hj633
>>> hj633.iaqi_pm25(Q_(60, "ug/m3"))
81.25
>>> hj633.iaqi_pm25(Q_(60, "ug/m3"), edition="HJ 633-2026")
100.0
>>> day = hj633.aqi({"PM2.5": Q_(60, "ug/m3"), "PM10": Q_(80, "ug/m3")})
>>> print(day.loc[0, "aqi"], day.loc[0, "primary_pollutant"], day.loc[0, "category_zh"])
82.0 PM2.5 良
>>> new = hj633.aqi({"PM2.5": Q_(35.4, "ug/m3")}, edition="HJ 633-2026")
>>> print(new.loc[0, "aqi"], new.loc[0, "category_zh"])
50.0 优
"""

from __future__ import annotations

import datetime
import functools
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple, overload

import numpy as np
import numpy.typing as npt
import pandas as pd
import pint

from wasteless._data import read_toml
from wasteless._deprecate import renamed_arguments
from wasteless._validate import check_choice
from wasteless.air.pollutants import averaging_name, pollutant_name
from wasteless.errors import InputError
from wasteless.factors import QUALITY_TAGS
from wasteless.units import (
    Q_,
    FloatArray,
    Measured,
    magnitude_in,
    unit_function,
    ureg,
)

__all__ = [
    "AQI_KEYS",
    "CATEGORIES",
    "EDITIONS",
    "REPORTS",
    "AQICategory",
    "AboveScaleWarning",
    "BreakpointTable",
    "EditionRules",
    "ReportRule",
    "aqi",
    "breakpoint_table",
    "category",
    "edition_on",
    "edition_rules",
    "iaqi",
    "iaqi_pm25",
]

BoolArray = npt.NDArray[np.bool_]

EDITIONS: tuple[str, ...] = ("HJ 633-2012", "HJ 633-2026")
"""The HJ 633 editions this module knows, oldest first."""

REPORTS: tuple[str, ...] = ("daily", "realtime")
"""The reports of HJ 633: the daily report (日报) and the real-time, hourly one (实时报)."""

AQI_KEYS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "PM2.5": ("PM2.5", "24h"),
        "PM2.5_24h": ("PM2.5", "24h"),
        "PM2.5_1h": ("PM2.5", "1h"),
        "PM10": ("PM10", "24h"),
        "PM10_24h": ("PM10", "24h"),
        "PM10_1h": ("PM10", "1h"),
        "SO2_24h": ("SO2", "24h"),
        "SO2_1h": ("SO2", "1h"),
        "NO2_24h": ("NO2", "24h"),
        "NO2_1h": ("NO2", "1h"),
        "CO_24h": ("CO", "24h"),
        "CO_1h": ("CO", "1h"),
        "O3_1h": ("O3", "1h"),
        "O3_8h": ("O3", "8h"),
    }
)
"""Keys :func:`aqi` accepts, each to its (pollutant, averaging period).

``"PM2.5"`` and ``"PM10"`` are the 24-hour means; ``"PM2.5_1h"`` and ``"PM10_1h"``
1-hour means, scored on the 24-hour breakpoints (HJ 633-2026 §4.2.4).
"""

_ROUNDING = ("ceil", "round", "none")
_ABOVE_SCALE = ("cap", "nan")
_MISSING = ("raise", "propagate", "report")
_ABOVE_TOP = ("cap", "not_computed", "top_value")
_MISSING_RULES = ("available", "over_100")

# A computed IAQI within this many decimals of an integer is that integer: converting
# 0.035 mg/m³ to 35.000000000000007 µg/m³ must not round an IAQI of 50 up to 51.
_NOISE_DECIMALS = 9
# Likewise a concentration within this relative distance of the top breakpoint is on
# it: 800 µg/m³ SO2 (1 h) sent through mg/m³ must not lose its sub-index.
_TOP_TOLERANCE = 1e-12
# A concentration times 10**decimals within this many decimals of a half is that half
# when rounded by GB/T 8170 (0.15 mg/m³ is 1.5000000000000002 tenths in float64).
_HALF_DECIMALS = 6

# Every concentration reaches the kernels in µg/m³ (the units pathway converts it);
# a table in mg/m³ (CO) is scaled once.
_UG = "ug/m**3"


def _categories() -> tuple[FloatArray, npt.NDArray[np.object_], npt.NDArray[np.object_]]:
    """HJ 633 levels from the data file: upper bounds of levels 1-5, names."""
    records = sorted(read_toml("aqi_hj633.toml")["categories"], key=lambda r: r["level"])
    upper = np.array([float(r["upper"]) for r in records if "upper" in r])
    zh = np.array([r["category_zh"] for r in records], dtype=object)
    en = np.array([r["category_en"] for r in records], dtype=object)
    return upper, zh, en


# Upper AQI bound of levels 1-5 (level 6 is everything above 300), with the names of
# HJ 633-2012 Table 2 (HJ 633-2026 Table 1).
_LEVEL_UPPER, _CATEGORY_ZH, _CATEGORY_EN = _categories()


class AboveScaleWarning(UserWarning):
    """A concentration above the top breakpoint was capped at IAQI 500.

    Emitted by :func:`iaqi`, :func:`iaqi_pm25`, :func:`aqi` and
    :func:`~wasteless.air.network.realtime` with ``above_scale="cap"`` (the default); the
    message says how many values were capped. Pass ``above_scale="nan"`` to get NaN
    instead, without a warning.

    Examples
    --------
    >>> import warnings
    >>> from wasteless import Q_
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     capped = iaqi_pm25(Q_(650, "ug/m3"))
    >>> capped, caught[0].category.__name__
    (500.0, 'AboveScaleWarning')
    """


class AQICategory(NamedTuple):
    """Level and category of one AQI value, as returned by :func:`category` for a scalar.

    All three are None for a NaN AQI.

    Examples
    --------
    >>> category(82)
    AQICategory(level=2, category_zh='良', category_en='Good')
    """

    level: int | None
    category_zh: str | None
    category_en: str | None


CATEGORIES: tuple[AQICategory, ...] = tuple(
    AQICategory(level, str(zh), str(en))
    for level, (zh, en) in enumerate(zip(_CATEGORY_ZH, _CATEGORY_EN, strict=True), 1)
)
"""The six levels and categories (优 Excellent ... 严重污染 Severely polluted), level 1 first.

HJ 633-2012 Table 2 and HJ 633-2026 Table 1 (the same levels), read from
``wasteless/data/aqi_hj633.toml``; :func:`category` gives the one of an AQI value.
"""


@dataclass(frozen=True)
class BreakpointTable:
    """One HJ 633 breakpoint table: a pollutant and averaging period in one edition.

    Parameters
    ----------
    edition
        ``"HJ 633-2012"`` or ``"HJ 633-2026"``.
    pollutant
        ``"SO2"``, ``"NO2"``, ``"PM10"``, ``"CO"``, ``"O3"`` or ``"PM2.5"``.
    averaging
        ``"24h"``, ``"1h"`` or ``"8h"`` (O3: daily maximum 8-hour moving mean). A PM
        ``"1h"`` table holds the 24-hour breakpoints a 1-hour value is scored on.
    unit
        Unit of the concentration breakpoints [µg/m³, CO mg/m³].
    concentration
        Breakpoints, strictly increasing, in ``unit``.
    iaqi
        Individual AQI at each breakpoint [dimensionless].
    quality
        Quality tag of each breakpoint (see :data:`wasteless.factors.QUALITY_TAGS`).
    source, url, note
        Provenance (the clause: table, note, section and page) and caveats.
    above_top
        Above the top breakpoint: ``"cap"``, the value is off the scale (capped at the
        top IAQI, or NaN); ``"not_computed"``, the text computes no sub-index there and
        reports the one of ``replaced_by`` instead (HJ 633-2012 Table 1 notes (2), (3));
        ``"top_value"``, the text scores it at the top IAQI (HJ 633-2026 Table 3 notes
        b, c: SO2 1-hour 200, O3 8-hour 300).
    replaced_by
        The :data:`AQI_KEYS` key reported instead above the top (or ``""``).
    available
        False when the table is only partly known (``concentration`` then holds the
        known part); such a table cannot be used to compute an IAQI. Every shipped
        table is available.

    Raises
    ------
    wasteless.errors.InputError
        If the breakpoints are not strictly increasing, the lists differ in length, a
        quality tag or ``above_top`` is unknown.

    Examples
    --------
    >>> table = breakpoint_table("PM2.5")
    >>> table.concentration[:3], table.unit, table.tag
    ((0.0, 35.0, 75.0), 'ug/m**3', '[P]')
    >>> table.top
    <Quantity(500.0, 'microgram / meter ** 3')>
    """

    edition: str
    pollutant: str
    averaging: str
    unit: str
    concentration: tuple[float, ...]
    iaqi: tuple[float, ...]
    quality: tuple[str, ...]
    source: str
    url: str = ""
    note: str = ""
    above_top: str = "cap"
    replaced_by: str = ""
    available: bool = True

    def __post_init__(self) -> None:
        name = f"{self.edition} {self.pollutant} {self.averaging}"
        if not len(self.concentration) == len(self.iaqi) == len(self.quality):
            raise InputError(
                f"breakpoint table {name}: concentration, iaqi, quality differ in length"
            )
        if np.any(np.diff(self.concentration) <= 0) or np.any(np.diff(self.iaqi) <= 0):
            raise InputError(f"breakpoint table {name}: breakpoints must be strictly increasing")
        unknown = set(self.quality) - set(QUALITY_TAGS)
        if unknown:
            raise InputError(f"breakpoint table {name}: unknown quality tag(s) {sorted(unknown)}")
        if self.above_top not in _ABOVE_TOP:
            shown = ", ".join(repr(a) for a in _ABOVE_TOP)
            raise InputError(f"breakpoint table {name}: above_top must be one of {shown}")

    @property
    def key(self) -> str:
        """The :data:`AQI_KEYS` key of this table, e.g. ``"SO2_1h"``."""
        return f"{self.pollutant}_{self.averaging}"

    @property
    def top(self) -> Any:
        """The top breakpoint as a pint Quantity."""
        return Q_(self.concentration[-1], self.unit)

    @property
    def tag(self) -> str:
        """Quality of the table as printed in the docs, e.g. ``"[P]"``."""
        tags = self.quality
        if len(set(tags)) == 1:
            return f"[{tags[0]}]"
        parts = []
        for i, tag in enumerate(tags):
            if i + 1 == len(tags) or tags[i + 1] != tag:
                parts.append((tag, self.iaqi[i]))
        text = [f"[{tag}] to IAQI {upper:g}" for tag, upper in parts[:-1]]
        return ", ".join([*text, f"[{parts[-1][0]}] above"])


@dataclass(frozen=True)
class ReportRule:
    """Which sub-indices enter one report of one HJ 633 edition.

    Parameters
    ----------
    report
        ``"daily"`` or ``"realtime"``.
    keys
        The :data:`AQI_KEYS` keys whose sub-indices the report's AQI is the maximum of.
    clause
        The clause that says so (section and printed page).
    quality
        Quality tag of the rule: ``"P"`` when the text states it, ``"A"`` when it is a
        reading of a text that does not (explained in ``note``).
    note
        Evidence for a reading.
    above_top
        Key to ``above_top`` rule that this report applies instead of its table's
        (HJ 633-2012 real-time: SO2 1-hour above 800 µg/m³ scores 200, the national
        network's practice).

    Examples
    --------
    >>> edition_rules("HJ 633-2026").reports["daily"].keys
    ('SO2_24h', 'NO2_24h', 'PM10_24h', 'CO_24h', 'O3_8h', 'PM2.5_24h')
    """

    report: str
    keys: tuple[str, ...]
    clause: str
    quality: str
    note: str = ""
    above_top: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class EditionRules:
    """The rules of one HJ 633 edition, each with the clause it comes from.

    Read from ``wasteless/data/aqi_hj633.toml`` by :func:`edition_rules`.

    Parameters
    ----------
    edition, title, url, pdf
        The edition, its title, where it is published and the shipped copy
        (``reference/standards/...``).
    quality
        Quality tag of the text (``"P"``: the standard itself).
    issued, in_force_from, in_force_clause
        Issue date, first day in force, and where that is written.
    index_rounding, index_rounding_clause
        How IAQI and AQI are rounded (``"ceil"``: up to an integer) and the clause.
    concentration_decimals, concentration_rounding_clause
        Decimals each pollutant's concentration is rounded to (GB/T 8170, half to
        even) before the sub-index, in the unit of its table [µg/m³; CO mg/m³]; empty
        when the edition states no rounding. And the clause.
    primary_clause, non_attainment_clause, categories_clause
        Where the primary pollutant, non-attainment pollutant (超标污染物) and levels
        are defined.
    missing_rule, missing_clause, missing_quality
        What the AQI is when a pollutant is missing: ``"available"`` (the AQI of the
        others) or ``"over_100"`` (the AQI of the others, reported only above 100),
        the clause and its quality tag.
    reports
        ``"daily"`` and ``"realtime"`` to their :class:`ReportRule`.

    Examples
    --------
    >>> rules = edition_rules("HJ 633-2026")
    >>> rules.in_force_from, rules.index_rounding, dict(rules.concentration_decimals)["CO"]
    (datetime.date(2026, 3, 1), 'ceil', 1)
    >>> rules.index_rounding_clause[:6]
    '§4.2.6'
    """

    edition: str
    title: str
    url: str
    pdf: str
    quality: str
    issued: datetime.date
    in_force_from: datetime.date
    in_force_clause: str
    index_rounding: str
    index_rounding_clause: str
    concentration_decimals: Mapping[str, int]
    concentration_rounding_clause: str
    primary_clause: str
    non_attainment_clause: str
    categories_clause: str
    missing_rule: str
    missing_clause: str
    missing_quality: str
    reports: Mapping[str, ReportRule]


def _report_rule(report: str, raw: Mapping[str, Any]) -> ReportRule:
    keys = tuple(raw["keys"])
    unknown = [key for key in keys if key not in AQI_KEYS]
    if unknown:  # pragma: no cover - data consistency, tested
        raise InputError(f"report {report!r}: unknown AQI keys {unknown}")
    return ReportRule(
        report=report,
        keys=keys,
        clause=raw["clause"],
        quality=raw["quality"],
        note=raw.get("note", ""),
        above_top=MappingProxyType(dict(raw.get("above_top", {}))),
    )


@functools.cache
def _data() -> tuple[Mapping[tuple[str, str, str], BreakpointTable], Mapping[str, EditionRules]]:
    """Read the data file once: {(edition, pollutant, averaging): table}, {edition: rules}."""
    data = read_toml("aqi_hj633.toml")
    rules: dict[str, EditionRules] = {}
    for edition, raw in data["editions"].items():
        fields = {k: v for k, v in raw.items() if k not in ("reports", "concentration_decimals")}
        rules[edition] = EditionRules(
            edition=edition,
            concentration_decimals=MappingProxyType(dict(raw.get("concentration_decimals", {}))),
            reports=MappingProxyType(
                {report: _report_rule(report, raw["reports"][report]) for report in REPORTS}
            ),
            **fields,
        )
    tables: dict[tuple[str, str, str], BreakpointTable] = {}
    for raw in data["tables"]:
        record = dict(raw)
        same_as = record.pop("same_as_averaging", None)
        if same_as is not None:
            base = tables[(record["edition"], record["pollutant"], same_as)]
            record = {"unit": base.unit, "concentration": base.concentration} | record
            record["iaqi"] = base.iaqi
        n = len(record["concentration"])
        quality = record["quality"]
        record["quality"] = (quality,) * n if isinstance(quality, str) else tuple(quality)
        record["concentration"] = tuple(float(c) for c in record["concentration"])
        record["iaqi"] = tuple(float(i) for i in record["iaqi"])
        table = BreakpointTable(**record)
        tables[(table.edition, table.pollutant, table.averaging)] = table
    return MappingProxyType(tables), MappingProxyType(rules)


def edition_rules(edition: str | None = None) -> EditionRules:
    """Return the rules of an HJ 633 edition, each with the clause it comes from.

    Parameters
    ----------
    edition : str or None, optional
        ``"HJ 633-2012"`` or ``"HJ 633-2026"``; None (default): HJ 633-2012, the
        edition of undated values (see "Which edition" in the module docstring; 0.2's
        default here was HJ 633-2026).

    Returns
    -------
    EditionRules
        Rounding of concentrations [µg/m³; CO mg/m³] and of the index, which
        sub-indices enter the daily and real-time reports, the missing-data rule and
        the clauses of the primary pollutant and the categories.

    Raises
    ------
    wasteless.errors.InputError
        For an unknown edition.

    Examples
    --------
    >>> old = edition_rules("HJ 633-2012")
    >>> old.reports["daily"].keys
    ('SO2_24h', 'NO2_24h', 'PM10_24h', 'CO_24h', 'O3_1h', 'O3_8h', 'PM2.5_24h')
    >>> dict(old.concentration_decimals), old.index_rounding_clause[:4]
    ({}, '§6.2')
    """
    return _data()[1][_edition_mask(edition, None, "edition")]  # type: ignore[index]


def breakpoint_table(
    pollutant: str, averaging: str = "24h", edition: str | None = None
) -> BreakpointTable:
    """Return the HJ 633 breakpoint table of a pollutant and averaging period.

    Parameters
    ----------
    pollutant : str
        ``"SO2"``, ``"NO2"``, ``"PM10"``, ``"CO"``, ``"O3"`` or ``"PM2.5"`` (any case;
        ``"PM25"`` also accepted).
    averaging : str, optional
        ``"24h"`` (default), ``"1h"`` or ``"8h"`` (O3: daily maximum 8-hour moving
        mean). O3 has no ``"24h"`` table; a PM ``"1h"`` table is the 24-hour one a
        1-hour value is scored on (HJ 633-2026 §4.2.4).
    edition : str or None, optional
        ``"HJ 633-2012"`` or ``"HJ 633-2026"``; None (default): HJ 633-2012, the
        edition of undated values (see "Which edition" in the module docstring).

    Returns
    -------
    BreakpointTable
        The breakpoints [µg/m³, CO mg/m³], IAQI values, quality tags and source.

    Raises
    ------
    wasteless.errors.InputError
        For an unknown pollutant, averaging period or edition (the message lists the
        allowed values).

    Examples
    --------
    >>> t = breakpoint_table("SO2", "1h")
    >>> t.concentration, t.above_top, t.replaced_by
    ((0.0, 150.0, 500.0, 650.0, 800.0), 'not_computed', 'SO2_24h')
    >>> breakpoint_table("SO2", "1h", "HJ 633-2026").above_top
    'top_value'
    >>> breakpoint_table("CO").unit
    'mg/m**3'
    >>> breakpoint_table("PM10", edition="HJ 633-2026").concentration[2]
    120.0
    """
    name = pollutant_name(pollutant)
    edition = str(_edition_mask(edition, None, "edition"))
    tables = _data()[0]
    periods = tuple(sorted(a for (e, p, a) in tables if e == edition and p == name))
    period = averaging_name(averaging, periods, f"averaging for {name}")
    return tables[(edition, name, period)]


def _usable(table: BreakpointTable, dated: str = "") -> BreakpointTable:
    if not table.available:  # pragma: no cover - every shipped table is available
        known = ", ".join(f"{c:g}" for c in table.concentration)
        raise InputError(
            f"the {table.edition} {table.pollutant} {table.averaging} breakpoints beyond "
            f"{table.concentration[-1]:g} {_label(table.unit)} are not available from a "
            f"verified source (only {known} {_label(table.unit)} are quoted, [{table.quality[0]}])"
            f"{dated}"
        )
    return table


def _label(unit: str) -> str:
    return f"{ureg.Unit(unit):~P}"


# --- input conversion --------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _ug_per_unit(unit: str) -> float:
    return float(Q_(1.0, unit).to(_UG).magnitude)


@functools.lru_cache(maxsize=64)
def _breakpoints_ug(table: BreakpointTable) -> tuple[float, ...]:
    factor = _ug_per_unit(table.unit)
    return tuple(c * factor for c in table.concentration)


@dataclass(frozen=True)
class _Input:
    """A concentration in µg/m³: ``values`` is at least 1-d."""

    values: FloatArray
    shape: tuple[int, ...]  # () for a scalar
    index: Any  # the pandas index, or None
    name: Any  # the Series name, or None


def _input(measured: Measured, argument: str, missing: str, unit: str) -> _Input:
    """Flatten a measured concentration; refuse NaN when ``missing="raise"``."""
    magnitude = np.asarray(measured.values, dtype=np.float64)
    values = magnitude.reshape(-1) if magnitude.ndim != 1 else magnitude
    if missing == "raise":
        nan = np.isnan(values)
        if nan.any():
            raise _bad(
                argument,
                "must be finite (pass missing='propagate' or 'report' to get NaN for NaN)",
                values / _ug_per_unit(unit),
                nan,
                unit,
                measured.index,
            )
    return _Input(values, magnitude.shape, measured.index, measured.name)


def _bad(
    argument: str, rule: str, values: FloatArray, bad: BoolArray, unit: str, index: Any
) -> InputError:
    first = int(np.flatnonzero(bad)[0])
    shown = f"{float(values[first])!r} {_label(unit)}"
    if values.size == 1:
        return InputError(f"{argument} {rule}; got {shown}")
    where = f"index label {index[first]!r}" if index is not None else f"flat position {first}"
    count = int(np.count_nonzero(bad))
    return InputError(
        f"{argument} {rule}; got {count} bad value(s) of {values.size}, "
        f"the first {shown} at {where}"
    )


def _edition_mask(edition: str | None, index: Any, argument: str) -> str | BoolArray:
    """The edition to use: one name, or (edition=None) a mask of values dated 2026 on.

    The one rule of the module docstring: by date; undated values HJ 633-2012.
    """
    if edition is not None:
        return check_choice(edition, "edition", EDITIONS)
    if not isinstance(index, pd.DatetimeIndex):
        return EDITIONS[0]  # undated: before 2026-03-01
    if index.hasnans:
        raise InputError(f"edition=None: the DatetimeIndex of {argument} contains NaT")
    wall_clock = index.tz_localize(None) if index.tz is not None else index
    start = _data()[1][EDITIONS[1]].in_force_from
    return np.asarray(wall_clock >= pd.Timestamp(start), dtype=np.bool_)


def edition_on(dates: Any) -> Any:
    """The HJ 633 edition in force on each date: the "by date" rule of every function here.

    HJ 633-2026 from 2026-03-01 00:00 (local wall-clock time: a timezone is dropped, not
    converted), HJ 633-2012 before (see "Which edition" in the module docstring).

    Parameters
    ----------
    dates : str, datetime.date, pandas.Timestamp, or a sequence or DatetimeIndex of them
        The dates (and times) of the values.

    Returns
    -------
    str or numpy.ndarray
        ``"HJ 633-2012"`` or ``"HJ 633-2026"`` for one date; an array of them, one per
        date, otherwise.

    Raises
    ------
    wasteless.errors.InputError
        If a date is not a date (a number, text that is not a date) or is missing (NaT).

    Examples
    --------
    >>> edition_on("2026-02-28 23:00"), edition_on("2026-03-01")
    ('HJ 633-2012', 'HJ 633-2026')
    >>> edition_on(pd.date_range("2026-02-28", periods=2)).tolist()
    ['HJ 633-2012', 'HJ 633-2026']
    """
    single = np.ndim(dates) == 0
    values = np.asarray([dates] if single else dates)
    bad = values.dtype.kind in "biufc" or (
        single and not isinstance(dates, (str, datetime.date, np.datetime64))
    )
    try:
        index = None if bad else pd.DatetimeIndex(pd.to_datetime(values))
    except (TypeError, ValueError, OverflowError):  # pandas' DateParseError is a ValueError
        index = None
    if index is None:
        raise InputError(
            f"dates must be dates such as '2026-03-01' (or a DatetimeIndex); got {dates!r:.80}"
        )
    mask = _edition_mask(None, index, "dates")
    names = np.where(mask, EDITIONS[1], EDITIONS[0])
    return str(names[0]) if single else names


def _edition_parts(chosen: str | BoolArray, n: int) -> list[tuple[str, slice | BoolArray]]:
    """(edition, rows) pairs: the rows of each edition in use."""
    if isinstance(chosen, str):
        return [(chosen, slice(None))]
    pairs = zip(EDITIONS, (~chosen, chosen), strict=True)
    return [(name, mask) for name, mask in pairs if mask.any()]


# --- the sub-index -----------------------------------------------------------------


def _gbt8170(c_ug: FloatArray, unit: str, decimals: int) -> FloatArray:
    """Concentrations [µg/m³] rounded in ``unit`` to ``decimals``, half to even (GB/T 8170)."""
    factor = _ug_per_unit(unit)  # µg/m³ per unit
    scale = 10.0**decimals
    # float noise first (0.15 mg/m³ is 1.5000000000000002 tenths), then halves to even
    steps = np.rint(np.round(c_ug / factor * scale, _HALF_DECIMALS))
    result: FloatArray = steps / scale * factor
    return result


def _rounding_decimals(edition: str, pollutant: str, round_concentrations: bool | None) -> Any:
    """Decimals ``pollutant`` is rounded to under ``edition``, or None for no rounding."""
    if round_concentrations is False:
        return None
    decimals = _data()[1][edition].concentration_decimals
    if round_concentrations is None:
        return decimals.get(pollutant)
    # forced: the GB/T 8170 decimals of HJ 633-2026 §4.2.2
    return _data()[1][EDITIONS[1]].concentration_decimals[pollutant]


def _interpolate(
    table: BreakpointTable,
    c: FloatArray,
    above_scale: str,
    round_concentrations: bool | None,
    above_top: str | None = None,
) -> tuple[FloatArray, int, BoolArray, BoolArray]:
    """IAQI of ``c`` (1-d, µg/m³): values, capped count, not-computed and off-scale masks."""
    decimals = _rounding_decimals(table.edition, table.pollutant, round_concentrations)
    if decimals is not None:
        c = _gbt8170(c, table.unit, decimals)
    breakpoints = _breakpoints_ug(table)
    values = np.interp(c, breakpoints, table.iaqi)
    above = c > breakpoints[-1] * (1.0 + _TOP_TOLERANCE)
    rule = above_top or table.above_top
    not_computed = np.zeros(c.shape, dtype=np.bool_)
    off_scale = np.zeros(c.shape, dtype=np.bool_)
    n_capped = 0
    if rule == "not_computed":
        not_computed = above
        values[above] = np.nan
    elif rule == "top_value":
        pass  # np.interp already holds the top IAQI (200 or 300) beyond the last breakpoint
    elif above_scale == "nan":
        off_scale = above
        values[above] = np.nan
    else:  # np.interp already holds the top IAQI (500) beyond the last breakpoint
        n_capped = int(np.count_nonzero(above))
    return values, n_capped, not_computed, off_scale


def _sub_index(
    c: FloatArray,
    pollutant: str,
    averaging: str,
    chosen: str | BoolArray,
    above_scale: str,
    round_concentrations: bool | None,
    above_top: Mapping[str, str] | None = None,
) -> tuple[FloatArray, int, BoolArray, BoolArray]:
    """The sub-index of each value under its row's edition (see :func:`_interpolate`)."""
    tables = _data()[0]
    values = np.empty_like(c)
    not_computed = np.zeros(c.shape, dtype=np.bool_)
    off_scale = np.zeros(c.shape, dtype=np.bool_)
    n_capped = 0
    for name, rows in _edition_parts(chosen, c.size):
        dated = "" if isinstance(chosen, str) else " (values dated from 2026-03-01)"
        table = _usable(tables[(name, pollutant, averaging)], dated)
        rule = (above_top or {}).get(name)
        part, capped, nc, off = _interpolate(
            table, c[rows], above_scale, round_concentrations, rule
        )
        values[rows], not_computed[rows], off_scale[rows] = part, nc, off
        n_capped += capped
    return values, n_capped, not_computed, off_scale


def _capped_message(n_capped: int, argument: str, pollutant: str, averaging: str) -> str:
    table = _data()[0][("HJ 633-2012", pollutant, averaging)]
    return (
        f"{n_capped} value(s) of {argument} ({pollutant} {averaging}) above the top "
        f"breakpoint {table.concentration[-1]:g} {_label(table.unit)} capped at IAQI 500; "
        "pass above_scale='nan' to get NaN instead"
    )


def _check_round_concentrations(value: Any) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise InputError(
            f"round_concentrations must be None (as the edition says), True or False; "
            f"got {value!r}"
        )
    return value


def _iaqi(
    concentration: Measured,
    pollutant: str,
    averaging: str,
    edition: str | None,
    above_scale: str,
    missing: str,
    argument: str,
    round_concentrations: bool | None,
    stacklevel: int = 4,
) -> Any:
    check_choice(above_scale, "above_scale", _ABOVE_SCALE)
    check_choice(missing, "missing", _MISSING[:2])
    _check_round_concentrations(round_concentrations)
    if edition is not None:
        check_choice(edition, "edition", EDITIONS)
    table = breakpoint_table(pollutant, averaging)  # checks the names; gives the unit
    given = _input(concentration, argument, missing, table.unit)
    chosen = _edition_mask(edition, given.index, argument)
    values, n_capped, _, _ = _sub_index(
        given.values, table.pollutant, table.averaging, chosen, above_scale, round_concentrations
    )
    if n_capped:
        message = _capped_message(n_capped, argument, table.pollutant, table.averaging)
        # stacklevel 4: the caller of iaqi(), through the units wrapper (5: of
        # iaqi_pm25(), through the renamed-argument wrapper too)
        warnings.warn(message, AboveScaleWarning, stacklevel=stacklevel)
    if given.index is not None:
        return pd.Series(values, index=given.index, name=given.name)
    if given.shape == ():
        return float(values[0])
    return values.reshape(given.shape)


@unit_function(None, concentration=_UG, allow_nan=("concentration",))
def iaqi(
    concentration: Any,
    pollutant: str,
    averaging: str = "24h",
    edition: str | None = None,
    *,
    above_scale: str = "cap",
    missing: str = "raise",
    round_concentrations: bool | None = None,
) -> Any:
    r"""Individual air quality index (IAQI, 空气质量分指数) of one pollutant, unrounded.

    Linear interpolation in the HJ 633 breakpoint table (see the module docstring for
    the formula, the tables and the rules of each edition).

    Parameters
    ----------
    concentration : pint.Quantity or pint-pandas Series
        Concentration [µg/m³; CO mg/m³, any mass/volume unit converts], e.g.
        ``Q_(75, "ug/m3")`` or ``Q_([1.2, 3.4], "mg/m**3")``. Scalar, array or Series.
        Must be >= 0 and finite; NaN is allowed with ``missing="propagate"``.
    pollutant : str
        ``"SO2"``, ``"NO2"``, ``"PM10"``, ``"CO"``, ``"O3"`` or ``"PM2.5"``.
    averaging : str, optional
        ``"24h"`` (default), ``"1h"`` or ``"8h"`` (O3 daily maximum 8-hour mean);
        see :func:`breakpoint_table` for which pollutant has which.
    edition : str or None, optional
        None (default): by date, the one rule of the module docstring: for a Series
        with a DatetimeIndex, values from 2026-03-01 00:00 (local wall-clock time) use
        HJ 633-2026, earlier ones HJ 633-2012; undated values HJ 633-2012. Or
        ``"HJ 633-2012"`` / ``"HJ 633-2026"`` for every value.
    above_scale : {"cap", "nan"}, optional
        Above the top breakpoint of a table that has no rule there: ``"cap"``
        (default) returns 500 and emits an :class:`AboveScaleWarning` saying how many
        values were capped; ``"nan"`` returns NaN without a warning. A value within a
        relative 1e-12 of the top breakpoint counts as on it, so unit-conversion noise
        does not push it off.
    missing : {"raise", "propagate"}, optional
        ``"raise"`` (default) refuses NaN; ``"propagate"`` returns NaN for NaN.
    round_concentrations : bool or None, optional
        None (default): as the edition says: HJ 633-2026 §4.2.2 rounds the
        concentration by GB/T 8170 (half to even) to an integer in µg/m³ (CO to
        0.1 mg/m³) first; HJ 633-2012 states no rounding. True or False forces it.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        The unrounded IAQI [dimensionless, 0-500], in the container of
        ``concentration`` (a Series keeps its index and name). HJ 633-2012: SO2 1-hour
        and O3 8-hour concentrations above 800 µg/m³ give NaN (Table 1 notes (2), (3):
        no sub-index; :func:`aqi` uses the SO2 24-hour / O3 1-hour one instead).
        HJ 633-2026: they give 200 and 300 (Table 3 notes b, c).

    Raises
    ------
    wasteless.errors.MissingUnitsError
        If ``concentration`` is a bare number or a Series without a pint dtype.
    wasteless.errors.UnitsError
        If ``concentration`` is not a mass concentration.
    wasteless.errors.InputError
        For negative or infinite concentrations, NaN with ``missing="raise"``, an
        unknown pollutant, averaging period, edition or option, and (by date) a
        DatetimeIndex with NaT.

    Warns
    -----
    AboveScaleWarning
        With ``above_scale="cap"``, when a value is above the top breakpoint.

    See Also
    --------
    iaqi_pm25 : the PM2.5 shortcut.
    aqi : the AQI of several pollutants, rounded, with primary pollutant and category.

    Examples
    --------
    >>> from wasteless import Q_
    >>> iaqi(Q_(100, "ug/m3"), "PM10")
    75.0
    >>> iaqi(Q_([2.0, 4.5], "mg/m**3"), "CO")
    array([ 50. , 102.5])
    >>> iaqi(Q_(900, "ug/m3"), "SO2", "1h")
    nan
    >>> iaqi(Q_(900, "ug/m3"), "O3", "8h", edition="HJ 633-2026")
    300.0
    >>> iaqi(Q_(35.4, "ug/m3"), "PM2.5", edition="HJ 633-2026")  # 35.4 rounds to 35
    50.0
    """
    return _iaqi(
        concentration,
        pollutant,
        averaging,
        edition,
        above_scale,
        missing,
        "concentration",
        round_concentrations,
    )


@renamed_arguments(c_24h="concentration")
@unit_function(None, concentration=_UG, allow_nan=("concentration",))
def iaqi_pm25(
    concentration: Any,
    edition: str | None = None,
    *,
    above_scale: str = "cap",
    missing: str = "raise",
    round_concentrations: bool | None = None,
) -> Any:
    """PM2.5 individual air quality index from the 24-hour mean, unrounded.

    Same as ``iaqi(concentration, "PM2.5", "24h", edition, ...)``. HJ 633-2012 Table 1
    breakpoints 0, 35, 75, 115, 150, 250, 350, 500 µg/m³ ↔ IAQI 0, 50, 100, 150, 200,
    300, 400, 500 [P]; HJ 633-2026 Table 3 moves the IAQI 100 breakpoint to 60 µg/m³
    [P] and rounds the concentration to an integer first (§4.2.2).

    Parameters
    ----------
    concentration : pint.Quantity or pint-pandas Series
        24-hour mean PM2.5 concentration [µg/m³]. Scalar, array or Series. (Named
        ``c_24h`` before 0.3: ``c_24h=`` still works, with a DeprecationWarning, until
        0.4.)
    edition : str or None, optional
        None (default): by date, HJ 633-2012 for undated values; or an edition; see
        :func:`iaqi`.
    above_scale : {"cap", "nan"}, optional
        Above 500 µg/m³: 500 with an :class:`AboveScaleWarning` (default) or NaN.
    missing : {"raise", "propagate"}, optional
        Whether NaN raises (default) or gives NaN.
    round_concentrations : bool or None, optional
        As for :func:`iaqi`.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        The unrounded IAQI [dimensionless], in the container of ``concentration``.

    Raises
    ------
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError, wasteless.errors.InputError
        As for :func:`iaqi`.

    Examples
    --------
    >>> from wasteless import Q_
    >>> iaqi_pm25(Q_(35.5, "ug/m3"))
    50.625
    >>> iaqi_pm25(Q_([35, 60, 75], "ug/m3"), edition="HJ 633-2026")
    array([ 50.        , 100.        , 113.63636364])
    """
    return _iaqi(
        concentration,
        "PM2.5",
        "24h",
        edition,
        above_scale,
        missing,
        "concentration",
        round_concentrations,
        stacklevel=5,
    )


# --- AQI ---------------------------------------------------------------------------


def _reported(values: FloatArray, rounding: str) -> FloatArray:
    if rounding == "ceil":
        result: FloatArray = np.ceil(np.round(values, _NOISE_DECIMALS))
        return result
    if rounding == "round":
        return np.round(values)
    return values


def _levels(values: FloatArray) -> tuple[npt.NDArray[np.int64], BoolArray]:
    """Level 1-6 of each AQI value (0 where NaN) and the NaN mask."""
    nan = np.isnan(values)
    with np.errstate(over="ignore", invalid="ignore"):  # 1e308 * 1e9: off every scale anyway
        rounded = np.where(np.abs(values) < 1e290, np.round(values, _NOISE_DECIMALS), values)
    level = np.searchsorted(_LEVEL_UPPER, rounded, side="left") + 1
    return np.where(nan, 0, level).astype(np.int64), nan


def _category_frame(values: FloatArray, index: Any) -> pd.DataFrame:
    level, nan = _levels(values)
    position = np.maximum(level - 1, 0)
    return pd.DataFrame(
        {
            "level": pd.arrays.IntegerArray(level, nan),
            "category_zh": _missing_as_none(_CATEGORY_ZH[position], nan),
            "category_en": _missing_as_none(_CATEGORY_EN[position], nan),
        },
        index=index,
    )


def _missing_as_none(values: npt.NDArray[Any], missing: BoolArray) -> npt.NDArray[np.object_]:
    result = values.astype(object)
    result[missing] = None
    return result


@overload
def category(aqi_values: float) -> AQICategory: ...


@overload
def category(aqi_values: Any) -> Any: ...


def category(aqi_values: Any) -> Any:
    """AQI level (级别, 1-6) and category (类别) of AQI values.

    HJ 633-2012 Table 2 and HJ 633-2026 Table 1 give the same levels: 0 (2026: 1)-50,
    51-100, 101-150, 151-200, 201-300 and above 300. The bounds are applied as
    ``<= 50``, ``<= 100``, ... so that the same rule serves integer (reported) and
    unrounded AQI values: 50 is level 1, 50.2 level 2. :func:`aqi` applies it to the AQI
    after rounding.

    Parameters
    ----------
    aqi_values : float, array-like or pandas.Series
        AQI values [dimensionless], >= 0. A bare number, array or Series (a
        dimensionless pint Quantity is accepted too). NaN gives a missing level.

    Returns
    -------
    AQICategory or pandas.DataFrame
        For a scalar, an :class:`AQICategory` ``(level, category_zh, category_en)``;
        otherwise a DataFrame with columns ``level`` (nullable ``Int64``),
        ``category_zh`` and ``category_en`` (优, 良, 轻度污染, 中度污染, 重度污染,
        严重污染 / Excellent, Good, Lightly polluted, Moderately polluted, Heavily
        polluted, Severely polluted), indexed like a Series input.

    Raises
    ------
    wasteless.errors.InputError
        For negative or infinite values.
    wasteless.errors.UnitsError
        For a Quantity that is not dimensionless.

    Examples
    --------
    >>> category(151)
    AQICategory(level=4, category_zh='中度污染', category_en='Moderately polluted')
    >>> category([50, 51, 300, 301]).level.tolist()
    [1, 2, 5, 6]
    """
    index = aqi_values.index if isinstance(aqi_values, pd.Series) else None
    values = np.asarray(_index_values(aqi_values), dtype=np.float64)
    flat = values.reshape(-1)
    if np.isinf(flat).any():
        raise _bad("aqi_values", "must be finite", flat, np.isinf(flat), "dimensionless", index)
    if (flat < 0.0).any():
        raise _bad("aqi_values", "must be >= 0", flat, flat < 0.0, "dimensionless", index)
    frame = _category_frame(flat, index)
    if values.ndim == 0:
        row = frame.iloc[0]
        if pd.isna(row["level"]):
            return AQICategory(None, None, None)
        return AQICategory(int(row["level"]), str(row["category_zh"]), str(row["category_en"]))
    return frame


def _index_values(aqi_values: Any) -> Any:
    """AQI values as floats: an index is dimensionless, so bare numbers are fine here."""
    if isinstance(aqi_values, pint.Quantity) or (
        isinstance(aqi_values, pd.Series) and hasattr(aqi_values.dtype, "units")
    ):
        return magnitude_in(aqi_values, "dimensionless", "aqi_values", allow_nan=True)
    if isinstance(aqi_values, pd.Series):
        aqi_values = aqi_values.to_numpy()
    if isinstance(aqi_values, np.ma.MaskedArray) and np.ma.is_masked(aqi_values):
        raise InputError(
            "aqi_values is a masked array with masked elements; fill them (NaN for a missing "
            "AQI) first: wasteless does not drop a mask silently"
        )
    array = np.asarray(aqi_values)
    if array.dtype.kind not in "iuf":
        raise InputError(
            f"aqi_values must be numbers (real, not bool or text); got {aqi_values!r}"
        )
    return array


def _primary(is_primary: BoolArray, keys: list[str]) -> npt.NDArray[np.object_]:
    """Join the keys flagged in each row with ","; vectorised over the distinct patterns."""
    weights = 1 << np.arange(len(keys), dtype=np.int64)
    codes = is_primary.astype(np.int64) @ weights
    patterns, inverse = np.unique(codes, return_inverse=True)
    labels = [",".join(k for j, k in enumerate(keys) if p >> j & 1) for p in patterns.tolist()]
    result: npt.NDArray[np.object_] = np.array(labels, dtype=object)[inverse.reshape(-1)]
    return result


def _report_use(
    keys: list[str], report: str | None, chosen: str | BoolArray, n: int
) -> tuple[BoolArray, dict[str, dict[str, str]]]:
    """Which key enters which row's AQI (n x keys), and each edition's above-top overrides.

    With a report, a key the report of neither edition has is refused; a key only one
    edition's report has (HJ 633-2012's daily O3 1-hour) is left out of the rows of the
    other edition.
    """
    use = np.ones((n, len(keys)), dtype=np.bool_)
    overrides: dict[str, dict[str, str]] = {}
    if report is None:
        return use, overrides
    parts = _edition_parts(chosen, n)
    rules = {name: _data()[1][name].reports[report] for name in EDITIONS}
    for name, rule in rules.items():
        overrides[name] = {
            "_".join(AQI_KEYS[key]): above_top for key, above_top in rule.above_top.items()
        }
    quantities = {name: {AQI_KEYS[k] for k in rule.keys} for name, rule in rules.items()}
    for j, key in enumerate(keys):
        if not any(AQI_KEYS[key] in used for used in quantities.values()):
            names = " / ".join(f"{name} ({rules[name].clause})" for name in rules)
            allowed = sorted({k for rule in rules.values() for k in rule.keys})
            raise InputError(
                f"concentration[{key!r}] is not an indicator of the {report} report of "
                f"{names}; its keys are {', '.join(repr(k) for k in allowed)}. Pass "
                "report=None to take the maximum over any keys"
            )
        for name, rows in parts:
            if AQI_KEYS[key] not in quantities[name]:
                use[rows, j] = False
    return use, overrides


def _aqi_table(
    given: dict[str, _Input],
    tables: dict[str, BreakpointTable],
    index: Any,
    n: int,
    chosen: str | BoolArray,
    rounding: str,
    above_scale: str,
    missing: str,
    report: str | None,
    round_concentrations: bool | None,
    stacklevel: int,
) -> pd.DataFrame:
    """The AQI frame of :func:`aqi` from concentrations already in µg/m³."""
    keys = list(given)
    use, overrides = _report_use(keys, report, chosen, n)
    matrix = np.empty((n, len(keys)))
    not_computed = np.zeros((n, len(keys)), dtype=np.bool_)
    absent = np.zeros((n, len(keys)), dtype=np.bool_)
    seen = {AQI_KEYS[key] for key in keys}
    for j, key in enumerate(keys):
        c = np.broadcast_to(given[key].values, (n,))
        absent[:, j] = np.isnan(c)
        pollutant, averaging = AQI_KEYS[key]
        override = {
            name: rule[table_key]
            for name, rule in overrides.items()
            if (table_key := f"{pollutant}_{averaging}") in rule
        }
        # an off-scale value (above_scale="nan") is NaN in the matrix and stays in the max
        matrix[:, j], n_capped, not_computed[:, j], _ = _sub_index(
            np.array(c), pollutant, averaging, chosen, above_scale, round_concentrations, override
        )
        if n_capped:
            message = _capped_message(n_capped, f"concentration[{key!r}]", pollutant, averaging)
            warnings.warn(message, AboveScaleWarning, stacklevel=stacklevel)
        replacement = tables[key].replaced_by
        needs = not_computed[:, j] & use[:, j]
        if needs.any() and AQI_KEYS[replacement] not in seen:
            table = tables[key]
            raise InputError(
                f"concentration[{key!r}] is above {table.concentration[-1]:g} "
                f"{_label(table.unit)} in {int(needs.sum())} value(s): HJ 633-2012 "
                f"computes no {key} sub-index there (Table 1 notes) and reports the "
                f"{replacement} one instead; pass concentration[{replacement!r}] too"
            )

    entering = use & ~not_computed
    missing_in_row: BoolArray = np.asarray((absent & use).any(axis=1), dtype=np.bool_)
    if missing == "report":
        # the AQI of the pollutants present; an off-scale NaN still makes the row NaN
        candidates = np.where(entering & ~absent, matrix, -np.inf)
    else:
        candidates = np.where(entering, matrix, -np.inf)
    unrounded = candidates.max(axis=1) if len(keys) else np.full(n, -np.inf)
    unrounded[np.isneginf(unrounded)] = np.nan
    if missing == "report":
        for name, rows in _edition_parts(chosen, n):
            if _data()[1][name].missing_rule == "over_100":
                # HJ 633-2026 §5.3.1: with a pollutant missing, the AQI only above 100
                withheld = missing_in_row[rows] & ~(unrounded[rows] > 100.0)
                part = unrounded[rows]
                part[withheld] = np.nan
                unrounded[rows] = part
    reported = _reported(unrounded, rounding)
    is_primary = (
        (_reported(matrix, rounding) == reported[:, None]) & entering & (reported > 50.0)[:, None]
    )
    primary = _missing_as_none(_primary(is_primary, keys), np.isnan(reported))
    if isinstance(chosen, str):
        editions = np.full(n, chosen, dtype=object)
    else:
        editions = np.where(chosen, EDITIONS[1], EDITIONS[0]).astype(object)

    frame_index = index if index is not None else pd.RangeIndex(n)
    categories = _category_frame(reported, frame_index)
    columns: dict[str, Any] = {
        "aqi": reported,
        "aqi_unrounded": unrounded,
        "primary_pollutant": primary,
        "level": categories["level"].array,
        "category_zh": categories["category_zh"].to_numpy(),
        "category_en": categories["category_en"].to_numpy(),
        "edition": editions,
    }
    columns |= {f"iaqi_{key}": matrix[:, j] for j, key in enumerate(keys)}
    return pd.DataFrame(columns, index=frame_index)


@renamed_arguments(concentrations="concentration")
@unit_function(None, concentration=_UG, allow_nan=("concentration",))
def aqi(
    concentration: Any,
    edition: str | None = None,
    rounding: str = "ceil",
    *,
    above_scale: str = "cap",
    missing: str = "raise",
    report: str | None = None,
    round_concentrations: bool | None = None,
) -> pd.DataFrame:
    r"""Air quality index (AQI) with primary pollutant, level and category (HJ 633).

    Each concentration gives a sub-index (:func:`iaqi`, with the edition's rules
    above 800 µg/m³ and its rounding of concentrations); the AQI is their maximum,
    rounded as ``rounding`` says; the primary pollutant(s) are those whose sub-index,
    rounded the same way, equals the reported AQI when it is above 50 (HJ 633-2012
    §4.4.2, HJ 633-2026 §4.3.1); level and category come from the reported AQI
    (:func:`category`).

    Parameters
    ----------
    concentration : mapping of str to pint.Quantity or pint-pandas Series
        The concentration [µg/m³; CO mg/m³] of each key: ``"PM2.5"`` (or
        ``"PM2.5_24h"``),
        ``"PM10"`` (or ``"PM10_24h"``), ``"PM2.5_1h"``, ``"PM10_1h"``, ``"SO2_24h"``,
        ``"SO2_1h"``, ``"NO2_24h"``, ``"NO2_1h"``, ``"CO_24h"``, ``"CO_1h"``,
        ``"O3_1h"``, ``"O3_8h"`` (daily maximum 8-hour mean); see :data:`AQI_KEYS`.
        Values are scalars, 1-d arrays or Series; arrays and Series must have the same
        length, Series the same index; scalars are broadcast. Or a DataFrame of
        pint-pandas columns named by key. (Named ``concentrations`` before 0.3:
        ``concentrations=`` still works, with a DeprecationWarning, until 0.4.)
    edition : str or None, optional
        None (default): by the dates of the Series' DatetimeIndex, HJ 633-2012 for
        undated values; or an edition; see :func:`iaqi`.
    rounding : {"ceil", "round", "none"}, optional
        How the reported AQI (and the sub-indices compared for the primary pollutant)
        are rounded. ``"ceil"`` (default): up to the next integer (向上进位取整), as
        HJ 633-2012 §6.2 and HJ 633-2026 §4.2.6 prescribe [P]; a value within 1e-9 of
        an integer counts as that integer, so float noise from unit conversion does not
        add 1. ``"round"``: to the nearest integer, halves to even. ``"none"``:
        unrounded.
    above_scale : {"cap", "nan"}, optional
        As for :func:`iaqi`. With ``"nan"`` an off-scale pollutant makes the AQI NaN
        (it is at least 500, but not on the scale).
    missing : {"raise", "propagate", "report"}, optional
        ``"raise"`` (default) refuses NaN. ``"propagate"``: a NaN concentration makes
        that row's AQI NaN (a maximum over an incomplete set of pollutants would
        understate it): ``level``, categories and ``primary_pollutant`` are then
        missing. ``"report"``: as the edition's report does: HJ 633-2012, the AQI of
        the pollutants present (the national network's practice [A]); HJ 633-2026
        §5.3.1, the AQI of the pollutants present, reported only when above 100 (NaN
        otherwise).
    report : {"daily", "realtime"} or None, optional
        None (default): every given key enters the maximum. ``"daily"`` or
        ``"realtime"``: only the indicators of that report of the row's edition
        (:func:`edition_rules`): a key neither edition's report has is refused, a key
        only the other edition's has is left out of the row (its ``iaqi_`` column is
        kept): HJ 633-2026 §4.2.2 drops the O3 1-hour value from the daily report, so
        under that edition an ``"O3_1h"`` value does not count. The
        HJ 633-2012 real-time report scores SO2 1-hour above 800 µg/m³ 200, as the
        national network did [A].
    round_concentrations : bool or None, optional
        As for :func:`iaqi`: None rounds the concentrations as the edition says
        (HJ 633-2026 §4.2.2).

    Returns
    -------
    pandas.DataFrame
        One row per element, indexed like the Series input (else 0, 1, ...), with
        columns ``aqi`` (reported, rounded per ``rounding`` [dimensionless]),
        ``aqi_unrounded``, ``primary_pollutant`` (keys joined with ``","`` when tied;
        ``""`` when the AQI is 50 or less), ``level`` (1-6, ``Int64``),
        ``category_zh``, ``category_en``, ``edition`` (the edition used for the row)
        and one unrounded ``iaqi_<key>`` column per input (NaN for HJ 633-2012 SO2
        1-hour and O3 8-hour values above 800 µg/m³).

    Raises
    ------
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError
        For a concentration without units or of the wrong dimension.
    wasteless.errors.InputError
        For an empty mapping, an unknown or repeated key (the message lists the
        allowed keys), a key outside the chosen ``report``, the bad values and options
        of :func:`iaqi`, mismatched lengths or indices, arrays of more than one
        dimension, and (HJ 633-2012) an SO2 1-hour (O3 8-hour) value above 800 µg/m³
        without ``"SO2_24h"`` (``"O3_1h"``) to report instead.

    Warns
    -----
    AboveScaleWarning
        With ``above_scale="cap"``, once per key with values above the top breakpoint.

    Notes
    -----
    HJ 633-2012 (Table 1 notes (2), (3)): above 800 µg/m³ no SO2 1-hour or O3 8-hour
    sub-index is computed and the SO2 24-hour or O3 1-hour one is reported instead;
    here those entries are left out of the maximum (the replacement is among the
    inputs). HJ 633-2026 (Table 3 notes b, c) scores them 200 and 300.

    Examples
    --------
    >>> from wasteless import Q_
    >>> day = {"PM2.5": Q_([35.5, 75], "ug/m3"), "PM10": Q_([40, 150], "ug/m3")}
    >>> aqi(day)[["aqi", "aqi_unrounded", "primary_pollutant", "level", "category_en"]]
         aqi  aqi_unrounded primary_pollutant  level category_en
    0   51.0         50.625             PM2.5      2        Good
    1  100.0        100.000       PM2.5,PM10      2        Good
    >>> aqi(day, rounding="none")["aqi"].tolist()
    [50.625, 100.0]

    HJ 633-2026 scores O3 8-hour above 800 µg/m³ 300 (Table 3 note c):

    >>> ozone = {"PM2.5": Q_(50, "ug/m3"), "O3_8h": Q_(900, "ug/m3")}
    >>> row = aqi(ozone, edition="HJ 633-2026", report="daily").loc[0]
    >>> print(row["aqi"], row["primary_pollutant"], row["category_zh"])
    300.0 O3_8h 重度污染
    """
    check_choice(rounding, "rounding", _ROUNDING)
    check_choice(above_scale, "above_scale", _ABOVE_SCALE)
    check_choice(missing, "missing", _MISSING)
    _check_round_concentrations(round_concentrations)
    if report is not None:
        check_choice(report, "report", REPORTS)
    if edition is not None:
        check_choice(edition, "edition", EDITIONS)
    measured: Measured = concentration
    if measured.kind == "mapping":
        parts = dict(measured.values)
    elif measured.kind == "frame":
        parts = {
            key: Measured(measured.values[:, j], measured.units, "series", measured.index)
            for j, key in enumerate(measured.columns)
        }
    else:
        raise InputError(
            "concentration must be a non-empty mapping of key to Quantity (e.g. "
            "{'PM2.5': Q_(75, 'ug/m3')}) or a DataFrame of pint-pandas pollutant columns; "
            f"got {type(measured.source).__name__}"
        )
    keys = list(parts)
    seen: dict[tuple[str, str], str] = {}
    for key in keys:
        if key not in AQI_KEYS:
            allowed = ", ".join(repr(k) for k in AQI_KEYS)
            raise InputError(f"concentration: unknown key {key!r}; allowed keys: {allowed}")
        if AQI_KEYS[key] in seen:
            raise InputError(
                f"concentration: {key!r} and {seen[AQI_KEYS[key]]!r} are the same quantity"
            )
        seen[AQI_KEYS[key]] = key
    tables = {key: breakpoint_table(*AQI_KEYS[key]) for key in keys}
    input_missing = "propagate" if missing == "report" else missing
    given = {
        key: _input(parts[key], f"concentration[{key!r}]", input_missing, tables[key].unit)
        for key in keys
    }

    index = None
    lengths = set()
    for key, item in given.items():
        if len(item.shape) > 1:
            raise InputError(
                f"concentration[{key!r}] must be a scalar, 1-d array or Series; "
                f"got shape {item.shape}"
            )
        if item.shape:
            lengths.add(item.shape[0])
        if item.index is not None:
            if index is None:
                index = item.index
            elif not item.index.equals(index):
                raise InputError(
                    f"concentration[{key!r}] has a different index from the other Series; "
                    "align them first (e.g. pd.concat(series, axis=1))"
                )
    if len(lengths) > 1:
        raise InputError(f"concentration: the values have different lengths {sorted(lengths)}")
    n = lengths.pop() if lengths else 1
    chosen = _edition_mask(edition, index, "concentration")
    # stacklevel 5: the caller of aqi(), through _aqi_table, the units wrapper and the
    # renamed-argument wrapper
    return _aqi_table(
        given,
        tables,
        index,
        n,
        chosen,
        rounding,
        above_scale,
        missing,
        report,
        round_concentrations,
        stacklevel=5,
    )


def __getattr__(name: str) -> Any:
    # realtime(), a network report over tidy tables, moved to wasteless.air.network in 0.3;
    # looked up on first use (network imports this module)
    if name == "realtime":
        from wasteless.air.network import realtime

        return realtime
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
