r"""Ambient-air limit values (GB 3095-2012, GB 3095-2026, WHO 2021) and compliance with them.

Each standard is a set of *levels* (grades, transition periods, interim targets), each
level with limits per pollutant and averaging period. Table 1 pollutants (µg/m³, CO
mg/m³; SO2 and NO2: annual / 24-h / 1-h; CO: 24-h / 1-h; O3: daily maximum 8-h / 1-h;
PM10 and PM2.5: annual / 24-h; — : not in the package data):

=============================  ==========  ==========  =====  =======  =======  =======  ======
id                             SO2         NO2         CO     O3       PM10     PM2.5    tag
=============================  ==========  ==========  =====  =======  =======  =======  ======
``GB3095-2012-I``              20/50/150   40/80/200   4/10   100/160  40/50    15/35    [S][W]
``GB3095-2012-II``             60/150/500  40/80/200   4/10   160/200  70/150   35/75    [S][W]
``GB3095-2026-transition-I``   20/50/150   40/80/200   4/10   100/160  40/50    15/35    [P]
``GB3095-2026-transition-II``  60/150/500  40/80/200   4/10   160/200  60/120   30/60    [P]
``GB3095-2026-I``              20/50/150   30/50/200   4/10   100/160  20/50    10/25    [P]
``GB3095-2026-II``             20/50/150   30/50/200   4/10   160/200  50/100   25/50    [P]
``WHO-2021-AQG``               —           —           —      —        15/45    5/15     [S]
``WHO-2021-IT1``               —           —           —      —        —        35/75    [S]
``WHO-2021-IT2``               —           —           —      —        —        25/50    [S]
``WHO-2021-IT3``               —           —           —      —        —        15/37.5  [S]
``WHO-2021-IT4``               —           —           —      —        —        10/25    [S]
=============================  ==========  ==========  =====  =======  =======  =======  ======

An id is ``<document>-<grade or level>``; :func:`get` also takes the document and the
grade apart (``get("GB3095-2012", grade="II")``). The records live in
``wasteless/data/standards.toml``, each with its source, clause and quality tag (tags
as in :mod:`wasteless.factors`):

* **GB 3095-2026** [P], read from its text (``reference/standards/GB_3095-2026.pdf``;
  "printed page" is the number printed on the page). Table 1 (printed page 3) gives
  transition limits (过渡阶段浓度限值) and limits (浓度限值) for grades I and II; §4.4
  (printed page 4): the transition limits apply from the standard's start (2026-03-01)
  to 2030-12-31, to both grades, and the Table 1 limits nationwide from 2031-01-01. So
  ``GB3095-2026-transition-I`` / ``-II`` are valid 2026-03-01 … 2030-12-31 and
  ``GB3095-2026-I`` / ``-II`` from 2031-01-01. Table 2 (printed page 4: TSP, NOx, Pb
  annual and quarterly, BaP) is in both; its footnotes a and b give NOx transition values
  (annual 50, 24-h 100 µg/m³). §4.5: Table 2 is implemented as the MEE or the province
  decides. Grade I applies to class-1 areas (national parks, nature reserves, natural
  parks and other areas needing special protection), grade II to class-2 areas
  (residential, mixed commercial, cultural, industrial and rural areas) (§4.1, §4.2).
  Annex A (informative reference values for Cd, Hg, As, Cr(VI), F) is left out.
* **GB 3095-2012** (not among the shipped texts): PM2.5 and PM10 [S] (People's Daily
  2012 reprint), the other Table 1 pollutants [W] (the full-table reprint that the
  project's factor sheet cites, ``reference/factors.md`` §4.1); Table 2 is left out
  (the sheet records no source for it). In force nationally 2016-01-01 (HJ 633-2012,
  issued with it, is in force from that day [P]); withdrawn from 2026-03-01 (GB
  3095-2026 foreword [P]): ``valid_to`` 2026-02-28.
* **WHO 2021 Air Quality Guidelines** [S] (AirClim summary of WHO 2021, ISBN
  9789240034228): PM2.5 and PM10 only; PM10 interim targets and the other pollutants
  are not in the sources and are left out.

GB 3095-2012 grade II PM2.5 equals WHO interim target 1 (35 / 75 µg/m³) and final
GB 3095-2026 grade II equals WHO interim target 2 (25 / 50 µg/m³), although the 24-h
values are judged by different percentiles (below).

**How a limit is judged.** An annual limit is compared with each annual mean. A 24-h
limit of a Table 1 pollutant is compared with a percentile of one year's daily means:
the 95th for PM2.5, PM10 and CO, the 98th for SO2 and NO2, and the 90th of the daily
maximum 8-h means for O3 (HJ 663 annual evaluation [W], a secondary quotation; the 95th
for PM corroborated by CNEMC, Wang et al. 2014 [P]); the 99th for WHO 2021 (3–4
exceedance days a year [S]). A 1-h, a quarterly, or a Table 2 24-h limit is compared
with each value [A]. :func:`compliance` does both.

**By date.** ``"GB3095-I"`` and ``"GB3095-II"`` name the grade without the edition:
:func:`in_force` and :func:`compliance` then pick the record valid on the dates of the
values (GB 3095-2012, the 2026 transition, or the 2026 limits), as
:func:`wasteless.air.aqi.aqi` picks the HJ 633 edition by date.

This module is long (about 570 lines of code, the rest docstrings) because it is one
topic: limit values and how a set of means is judged against them.

Examples
--------
>>> from wasteless import Q_, standards
>>> standards.limit("GB3095-2012-II")
<Quantity(35.0, 'microgram / meter ** 3')>
>>> standards.get("GB3095-2012-II", averaging="24h").statistic
'95th percentile of the 24-h means of the calendar year'
>>> result = standards.compliance(Q_([81, 43], "ug/m**3"), "GB3095-2012-II", averaging="annual")
>>> result.exceeds, result.margin
(array([ True,  True]), <Quantity([46.  8.], 'microgram / meter ** 3')>)
>>> standards.in_force("GB3095-II", "2027-06-01", "PM10", "24h").quantity
<Quantity(120.0, 'microgram / meter ** 3')>
>>> frame = standards.to_frame()
>>> row = frame.loc[("WHO-2021-IT3", "PM2.5", "24h")]
>>> print(row["value"], row["unit"], row["tag"], row["statistic"])
37.5 ug/m**3 [S] 99th percentile of the 24-h means of the year (3-4 exceedance days per year)
"""

from __future__ import annotations

import datetime
import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from wasteless._data import read_toml
from wasteless.air.means import nan_percentile
from wasteless.air.pollutants import averaging_name, pollutant_name
from wasteless.errors import InputError, NotFoundError
from wasteless.factors import QUALITY_TAGS
from wasteless.judgement import Judgement
from wasteless.units import (
    CONCENTRATION,
    Q_,
    FloatArray,
    Measured,
    magnitude_in,
    pint_series,
    unit_function,
    ureg,
    wrap,
)

__all__ = [
    "AVERAGINGS",
    "BY_DATE",
    "POLLUTANTS",
    "STANDARDS",
    "Compliance",
    "Standard",
    "all_limits",
    "compliance",
    "get",
    "in_force",
    "limit",
    "to_frame",
]

AVERAGINGS: tuple[str, ...] = ("annual", "quarterly", "24h", "8h", "1h")
"""Averaging periods of a limit: annual, quarterly (Pb), 24-h (daily), 8-h (O3: the
daily maximum 8-h moving mean) and 1-h means."""


@functools.cache
def _data() -> Mapping[str, Any]:
    return read_toml("standards.toml")


POLLUTANTS: tuple[str, ...] = tuple(dict.fromkeys(r["pollutant"] for r in _data()["limit"]))
"""Pollutants with limits in the package data (``wasteless/data/standards.toml``), in the
order of GB 3095's tables: SO2, NO2, CO, O3, PM10, PM2.5, TSP, NOx, Pb, BaP."""

STANDARDS: tuple[str, ...] = tuple(dict.fromkeys(r["standard"] for r in _data()["limit"]))
"""Ids of the standards and levels in the package data, ``<document>-<grade or level>``.

Read from ``wasteless/data/standards.toml``, in the order of its records.
"""

BY_DATE: tuple[str, ...] = ("GB3095-I", "GB3095-II")
"""Ids that name a GB 3095 grade without the edition: the record in force on a date.

See :func:`in_force`; :func:`compliance` takes them too.
"""

_UNIT = "ug/m**3"
# Averaging spellings the shared vocabulary (wasteless.air.pollutants) does not have.
_QUARTERLY = ("quarterly", "quarter", "季平均")
# Averaging periods whose values are daily (a day per value): 24-h means, daily maximum 8-h.
_DAILY = ("24h", "8h")


@dataclass(frozen=True)
class Standard:
    """One limit value: a pollutant and averaging period of one standard's level.

    Parameters
    ----------
    standard_id
        Id of the standard and level, e.g. ``"GB3095-2012-II"`` (see :data:`STANDARDS`).
    document
        The standard as cited, e.g. ``"GB 3095-2012"``.
    level
        Grade or level within the standard, e.g. ``"grade II"``, ``"interim target 1"``.
    pollutant
        One of :data:`POLLUTANTS`, e.g. ``"PM2.5"``.
    averaging
        One of :data:`AVERAGINGS`: ``"annual"``, ``"quarterly"``, ``"24h"``, ``"8h"``
        or ``"1h"``.
    value
        The limit, in ``unit``.
    unit
        Unit of ``value`` [mass concentration], e.g. ``"ug/m**3"`` (CO ``"mg/m**3"``).
    statistic
        What is compared with the limit, e.g. ``"annual mean"`` or
        ``"95th percentile of the 24-h means of the calendar year"``.
    percentile
        For a limit judged by a percentile of one year's daily values (24-h, 8-h), the
        percentile in (0, 100] [percent]; ``None`` when each value is compared.
    source, url, quality
        Where the limit value comes from and its quality tag (one of
        :data:`wasteless.factors.QUALITY_TAGS`).
    valid_from, valid_to
        First and last day the limit applies; ``None`` when not dated.
    statistic_source, statistic_url, statistic_quality
        Where the statistic (percentile) comes from and its quality tag.
    note
        Meaning and caveats.
    section
        Section of the project's factor sheet that holds the record.
    clause
        Where in the source: table, column, footnote, section and printed page.
    pdf
        The shipped copy of the source (``reference/standards/...``), or ``""``.

    Raises
    ------
    wasteless.errors.InputError
        If ``averaging`` or a quality tag is unknown, ``value`` is not finite and
        positive, or ``percentile`` does not fit ``averaging``.
    wasteless.errors.UnitsError
        If ``unit`` is not a mass concentration.

    Examples
    --------
    >>> import dataclasses
    >>> s = get("GB3095-2012-II", "PM2.5", "24h")
    >>> s.quantity, s.percentile, s.tag, s.statistic_tag
    (<Quantity(75.0, 'microgram / meter ** 3')>, 95.0, '[S]', '[W]')
    >>> local = dataclasses.replace(s, value=0.07, unit="mg/m**3", quality="U")
    >>> local.quantity.to("ug/m**3")
    <Quantity(70.0, 'microgram / meter ** 3')>
    >>> get("GB3095-2026-II", "NO2", "annual").clause
    'Table 1 (printed page 3), NO2 年平均, 浓度限值 二级; §4.4 (printed page 4)'
    """

    standard_id: str
    document: str
    level: str
    pollutant: str
    averaging: str
    value: float
    unit: str
    statistic: str
    percentile: float | None
    source: str
    url: str
    quality: str
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    statistic_source: str = ""
    statistic_url: str = ""
    statistic_quality: str = ""
    note: str = ""
    section: str = ""
    clause: str = ""
    pdf: str = ""

    def __post_init__(self) -> None:
        label = f"limit {self.standard_id!r} ({self.pollutant}, {self.averaging})"
        if self.averaging not in AVERAGINGS:
            raise InputError(
                f"{label}: averaging must be one of {list(AVERAGINGS)}; got {self.averaging!r}"
            )
        for name in ("quality", "statistic_quality"):
            tag = getattr(self, name)
            if tag not in QUALITY_TAGS and not (name == "statistic_quality" and tag == ""):
                raise InputError(
                    f"{label}: {name} must be one of {sorted(QUALITY_TAGS)}; got {tag!r}"
                )
        if not (math.isfinite(self.value) and self.value > 0.0):
            raise InputError(f"{label}: value must be finite and > 0; got {self.value!r}")
        magnitude_in(Q_(self.value, self.unit), _UNIT, "unit")
        if self.percentile is None:
            return
        if self.averaging not in _DAILY:
            raise InputError(
                f"{label}: a {self.averaging} limit is judged value by value; percentile "
                f"must be None, got {self.percentile!r} (a percentile judges one year's "
                "daily values: 24h or 8h limits)"
            )
        if not 0.0 < self.percentile <= 100.0:
            raise InputError(
                f"{label}: the percentile of the daily values a limit is judged by must be "
                f"in (0, 100], or None to judge each value; got {self.percentile!r}"
            )

    @property
    def quantity(self) -> Any:
        """The limit as a pint Quantity [µg/m³ or the record's unit]."""
        return Q_(self.value, self.unit)

    @property
    def tag(self) -> str:
        """The quality tag of the limit value as printed in the docs, e.g. ``"[S]"``."""
        return f"[{self.quality}]"

    @property
    def statistic_tag(self) -> str:
        """The quality tag of the statistic (percentile rule), e.g. ``"[W]"``."""
        return f"[{self.statistic_quality}]" if self.statistic_quality else ""

    @property
    def key(self) -> tuple[str, str, str]:
        """``(standard_id, pollutant, averaging)``, the record's key in :func:`all_limits`."""
        return (self.standard_id, self.pollutant, self.averaging)


@functools.cache
def all_limits() -> Mapping[tuple[str, str, str], Standard]:
    """Return every limit record, keyed by ``(standard_id, pollutant, averaging)``.

    Read once from ``wasteless/data/standards.toml``.

    Returns
    -------
    Mapping
        ``(standard_id, pollutant, averaging)`` to :class:`Standard`; values in
        their record's unit [µg/m³; CO mg/m³].

    Raises
    ------
    wasteless.errors.InputError
        If the package data is inconsistent (never for the shipped data).

    Examples
    --------
    >>> len(all_limits())
    132
    >>> all_limits()[("WHO-2021-AQG", "PM10", "24h")].quantity
    <Quantity(45.0, 'microgram / meter ** 3')>
    """
    data = _data()
    sources, statistics = data["sources"], data["statistics"]
    table: dict[tuple[str, str, str], Standard] = {}
    for raw in data["limit"]:
        record = dict(raw)
        source = sources[record.pop("source")]
        statistic = statistics[record.pop("statistic")]
        limit = Standard(
            standard_id=record.pop("standard"),
            statistic=statistic["description"],
            percentile=statistic.get("percentile"),
            source=source["title"],
            url=source["url"],
            pdf=source.get("pdf", ""),
            statistic_source=statistic["source"],
            statistic_url=statistic["url"],
            statistic_quality=statistic["quality"],
            section=", ".join(dict.fromkeys((source["section"], statistic["section"]))),
            **record,
        )
        # Data consistency; the shipped data passes (tested).
        if limit.standard_id not in STANDARDS or limit.key in table:  # pragma: no cover
            raise InputError(f"limit record {limit.key} is a duplicate or not in STANDARDS")
        table[limit.key] = limit
    return MappingProxyType(table)


def _known_ids() -> str:
    return ", ".join(STANDARDS)


def _standard_id(standard_id: str, grade: str | None = None) -> str:
    """Canonical id for ``standard_id`` (case and spaces ignored); KeyError if unknown."""
    if not isinstance(standard_id, str):
        raise InputError(
            f"standard must be an id such as 'GB3095-2012-II' or a Standard record; "
            f"got {standard_id!r}"
        )
    if grade is not None and not isinstance(grade, str):
        raise InputError(f"grade must be a grade or level name such as 'II'; got {grade!r}")
    wanted = standard_id if grade is None else f"{standard_id}-{grade}"
    folded = "".join(wanted.split()).casefold()
    for known in STANDARDS:
        if known.casefold() == folded:
            return known
    if folded in (b.casefold() for b in BY_DATE):
        raise NotFoundError(
            f"{wanted!r} names a grade without the edition: use in_force({wanted!r}, on=...) "
            f"for the record valid on a date, or an id of one edition ({_known_ids()})"
        )
    stem = "".join(standard_id.split()).casefold()
    levels = [known for known in STANDARDS if known.casefold().startswith(stem + "-")]
    if levels and grade is None:
        raise NotFoundError(
            f"standard {standard_id!r} has several grades or levels; name one: "
            f"{', '.join(levels)} (or pass grade=...)"
        )
    shown = wanted if len(wanted) <= 80 else wanted[:80] + "…"
    raise NotFoundError(f"no standard {shown!r}; known standards: {_known_ids()}")


# Pollutants left out on purpose ([[omitted]] records): named, so get() can say why.
_OMITTED_POLLUTANTS: tuple[str, ...] = tuple(
    dict.fromkeys(
        p
        for record in _data().get("omitted", [])
        for p in record["pollutants"]
        if p not in POLLUTANTS
    )
)


def _pollutant(pollutant: Any) -> str:
    return pollutant_name(pollutant, POLLUTANTS + _OMITTED_POLLUTANTS)


def _averaging(averaging: Any) -> str:
    if isinstance(averaging, str) and "".join(averaging.split()).casefold() in _QUARTERLY:
        return "quarterly"
    return averaging_name(averaging, AVERAGINGS)


def _missing(standard_id: str, pollutant: str, averaging: str) -> NotFoundError:
    has = [
        f"{p} {a}" for (s, p, a) in all_limits() if s == standard_id
    ]  # in data order: the order of the standard's tables
    message = f"no {pollutant} {averaging} limit in {standard_id!r}; it has: {', '.join(has)}"
    for omitted in _data().get("omitted", []):
        if standard_id in omitted["standards"] and pollutant in omitted["pollutants"]:
            message += f". Left out on purpose: {omitted['reason']}"
    return NotFoundError(message)


def get(
    standard_id: str,
    pollutant: str = "PM2.5",
    averaging: str = "annual",
    grade: str | None = None,
) -> Standard:
    """Return the limit record of a standard's level for a pollutant and averaging period.

    Parameters
    ----------
    standard_id
        One of :data:`STANDARDS` (case and spaces ignored), e.g. ``"GB3095-2012-II"``,
        or the document part alone when ``grade`` is given, e.g. ``"GB3095-2012"``.
    pollutant
        One of :data:`POLLUTANTS` (any case; ``"pm25"`` also accepted); default
        ``"PM2.5"``.
    averaging
        ``"annual"`` (default), ``"quarterly"``, ``"24h"`` (``"daily"`` also accepted),
        ``"8h"`` (O3 daily maximum 8-h mean) or ``"1h"``.
    grade
        Grade or level appended to ``standard_id``: ``"I"``, ``"II"``, ``"AQG"``,
        ``"IT1"`` … ``"IT4"``.

    Returns
    -------
    Standard
        The limit record; its ``quantity`` is the limit [µg/m³; CO mg/m³].

    Raises
    ------
    KeyError
        If there is no such standard (the message lists the known ids), it is a
        by-date id (:data:`BY_DATE`: use :func:`in_force`), or it has no limit for
        that pollutant and averaging (the message says which it has and, for a limit
        left out on purpose, why).
    wasteless.errors.InputError
        If ``pollutant`` or ``averaging`` is not one of the known names.

    Examples
    --------
    >>> get("GB3095-2012", "PM10", "24h", grade="II").quantity
    <Quantity(150.0, 'microgram / meter ** 3')>
    >>> record = get("GB3095-2026-transition-II")
    >>> record.value, record.valid_from, record.valid_to
    (30.0, datetime.date(2026, 3, 1), datetime.date(2030, 12, 31))
    >>> get("GB3095-2026-I", "CO", "1h").quantity
    <Quantity(10.0, 'milligram / meter ** 3')>
    >>> get("WHO-2021-IT4", averaging="24h").percentile
    99.0
    """
    key = (_standard_id(standard_id, grade), _pollutant(pollutant), _averaging(averaging))
    try:
        return all_limits()[key]
    except KeyError:
        raise _missing(*key) from None


def limit(
    standard_id: str,
    pollutant: str = "PM2.5",
    averaging: str = "annual",
    grade: str | None = None,
) -> Any:
    """Return a limit value as a pint Quantity.

    Same arguments as :func:`get`; ``limit(...)`` is ``get(...).quantity``.

    Parameters
    ----------
    standard_id, pollutant, averaging, grade
        As for :func:`get`.

    Returns
    -------
    pint.Quantity
        The limit [µg/m³; CO mg/m³].

    Raises
    ------
    KeyError, wasteless.errors.InputError
        As for :func:`get`.

    Examples
    --------
    >>> limit("WHO-2021-AQG", averaging="24h")
    <Quantity(15.0, 'microgram / meter ** 3')>
    >>> limit("GB3095-2026", grade="II").to("mg/m**3")
    <Quantity(0.025, 'milligram / meter ** 3')>
    """
    return get(standard_id, pollutant, averaging, grade).quantity


# --- by date -----------------------------------------------------------------------

_FAMILY = re.compile(r"^GB3095-(\d{4})(-transition)?-(I|II)$")
_EARLIEST = pd.Timestamp.min
_LATEST = pd.Timestamp.max


def _by_date_grade(standard_id: Any) -> str | None:
    """``"I"`` or ``"II"`` for a :data:`BY_DATE` id (case and spaces ignored), else None."""
    if not isinstance(standard_id, str):
        return None
    folded = "".join(standard_id.split()).casefold()
    for known in BY_DATE:
        if known.casefold() == folded:
            return known.rsplit("-", 1)[1]
    return None


def _family(grade: str, pollutant: str, averaging: str) -> list[tuple[Any, Any, str, Any]]:
    """The GB 3095 levels of a grade in date order: (first, last day, id, record or error).

    An edition's dates are those of its records (every level has PM2.5 annual). The
    earliest edition's range is open to the past: dates before GB 3095-2012 came into
    force nationally (2016-01-01) use it (GB 3095-1996 is not modelled). Where the level
    has no such limit, the KeyError saying why stands in for the record.
    """
    found: list[tuple[Any, Any, str, Any]] = []
    for standard_id in STANDARDS:
        match = _FAMILY.match(standard_id)
        if match is None or match.group(3) != grade:
            continue
        dates = all_limits()[(standard_id, "PM2.5", "annual")]
        start = pd.Timestamp(dates.valid_from) if dates.valid_from else _EARLIEST
        end = pd.Timestamp(dates.valid_to) if dates.valid_to else _LATEST
        try:
            record: Any = get(standard_id, pollutant, averaging)
        except KeyError as error:
            record = error
        found.append((start, end, standard_id, record))
    found.sort(key=lambda item: item[0])
    if found:
        found[0] = (_EARLIEST, *found[0][1:])
    return found


def _periods(on: Any) -> tuple[Any, Any]:
    """First and last day of each period ``on`` names: dates, years (int) or periods."""
    if isinstance(on, pd.PeriodIndex):
        return on.start_time.normalize(), on.end_time.normalize()
    if isinstance(on, pd.DatetimeIndex):
        day = (on.tz_localize(None) if on.tz is not None else on).normalize()
        return day, day
    values = np.asarray(on)
    if values.dtype.kind in "iu":
        years = pd.Index(values.astype(np.int64))
        start = pd.DatetimeIndex(pd.to_datetime(years.astype(str), format="%Y"))
        return start, start + pd.offsets.YearEnd(0)
    try:
        day = pd.DatetimeIndex(pd.to_datetime(values)).normalize()
    except (TypeError, ValueError, OverflowError):  # pandas' DateParseError is a ValueError
        raise InputError(
            "on: a by-date standard needs dated values: dates, periods or calendar years "
            f"(int); got {on!r}"
        ) from None
    if day.hasnans:
        raise InputError(f"on: the dates must not be missing (NaT); got {on!r}")
    return day, day


def _in_force(grade: str, pollutant: str, averaging: str, on: Any, what: str) -> Standard:
    starts, ends = _periods(on)
    levels = _family(grade, pollutant, averaging)
    used: list[Standard] = []
    covered = np.zeros(len(starts), dtype=np.bool_)
    for start, end, _, record in levels:
        inside = np.asarray((starts >= start) & (ends <= end), dtype=np.bool_)
        if inside.any():
            if isinstance(record, KeyError):
                raise record
            used.append(record)
            covered |= inside
    if not covered.all():
        first = int(np.flatnonzero(~covered)[0])
        spans = ", ".join(
            f"{standard_id} "
            + (f"to {end:%Y-%m-%d}" if start == _EARLIEST else f"from {start:%Y-%m-%d}")
            + (f" to {end:%Y-%m-%d}" if start > _EARLIEST and end < _LATEST else "")
            for start, end, standard_id, _ in levels
        )
        raise InputError(
            f"{what}: the period {starts[first]:%Y-%m-%d} to {ends[first]:%Y-%m-%d} falls "
            f"under more than one GB 3095 edition ({spans}); judge each part separately or "
            "pass an explicit standard id"
        )
    if len(used) > 1:
        raise InputError(
            f"{what}: the values fall under {len(used)} GB 3095 records for {pollutant} "
            f"{averaging} ({', '.join(r.standard_id for r in used)}); a judgement has one "
            "limit: pass the values of one period at a time or an explicit standard id"
        )
    return used[0]


def in_force(
    standard_id: str,
    on: Any,
    pollutant: str = "PM2.5",
    averaging: str = "annual",
) -> Standard:
    """Return the GB 3095 limit record in force on a date, or for a whole year.

    GB 3095-2012 until 2026-02-28 (and, as the earliest edition modelled, for earlier
    dates); GB 3095-2026 transition limits 2026-03-01 … 2030-12-31 (§4.4); GB 3095-2026
    limits from 2031-01-01.

    Parameters
    ----------
    standard_id : str
        ``"GB3095-I"`` or ``"GB3095-II"`` (see :data:`BY_DATE`): the grade.
    on : date, str, pandas.Timestamp, int or array-like
        A day (``"2027-06-01"``, a date or Timestamp), a calendar year (an int: the
        whole year must fall under one record), or several of them (all under one).
    pollutant, averaging : str, optional
        As for :func:`get`.

    Returns
    -------
    Standard
        The record [µg/m³; CO mg/m³].

    Raises
    ------
    wasteless.errors.InputError
        If ``standard_id`` is not a by-date id, ``on`` is not a date, or the period(s)
        fall under more than one record (the year 2026: GB 3095-2012 to 2026-02-28, GB
        3095-2026 from 2026-03-01).
    KeyError
        If the edition in force has no such limit (e.g. GB 3095-2012 TSP, left out).

    Examples
    --------
    >>> in_force("GB3095-II", "2026-02-28").standard_id
    'GB3095-2012-II'
    >>> in_force("GB3095-II", 2030, "PM2.5", "24h").value
    60.0
    >>> in_force("GB3095-II", 2031).value
    25.0
    """
    grade = _by_date_grade(standard_id)
    if grade is None:
        raise InputError(
            f"in_force takes a grade without the edition, one of {', '.join(BY_DATE)}; got "
            f"{standard_id!r} (for a record of one edition use get())"
        )
    single = np.ndim(on) == 0
    values = [on] if single else on
    if single and isinstance(on, (datetime.date, pd.Timestamp, str)):
        values = pd.DatetimeIndex([pd.Timestamp(on)])
    return _in_force(grade, _pollutant(pollutant), _averaging(averaging), values, "on")


def _value_periods(index: Any) -> Any:
    """The dates or years of the values' index, for a by-date standard."""
    if index is None:
        raise InputError(
            "a by-date standard (GB3095-I, GB3095-II) needs dated values: a Series or table "
            "indexed by dates or years; got undated values. Pass an explicit standard id"
        )
    if isinstance(index, pd.MultiIndex):
        names = list(index.names)
        level = names.index("year") if "year" in names else len(names) - 1
        index = index.get_level_values(level)
    if isinstance(index, (pd.DatetimeIndex, pd.PeriodIndex)):
        return index
    if pd.api.types.is_integer_dtype(index.dtype):
        return np.asarray(index)
    if pd.api.types.infer_dtype(index, skipna=True) in ("date", "datetime"):
        return pd.DatetimeIndex(index)
    raise InputError(
        "a by-date standard (GB3095-I, GB3095-II) needs values indexed by dates, periods "
        f"or calendar years (int); got an index of dtype {index.dtype}"
    )


def to_frame() -> Any:
    """Return the limit values as a pandas DataFrame, one row per limit.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``(standard, pollutant, averaging)``; columns ``document``,
        ``level``, ``value`` [``unit``: µg/m³, CO mg/m³], ``unit``, ``statistic``,
        ``percentile`` [percent], ``valid_from``, ``valid_to``, ``quality``, ``tag``,
        ``statistic_tag``, ``source``, ``clause``, ``url``, ``pdf``,
        ``statistic_source``, ``statistic_url``, ``note``, ``section``.

    Raises
    ------
    wasteless.errors.InputError
        If the package data is inconsistent (never for the shipped data).

    Examples
    --------
    >>> frame = to_frame()
    >>> frame.loc[("GB3095-2012-II", "PM2.5"), "value"].tolist()
    [35.0, 75.0]
    >>> frame.xs("24h", level="averaging")["percentile"].dropna().unique().tolist()
    [98.0, 95.0, 99.0]
    """
    rows = [
        {
            "standard": s.standard_id,
            "pollutant": s.pollutant,
            "averaging": s.averaging,
            "document": s.document,
            "level": s.level,
            "value": s.value,
            "unit": s.unit,
            "statistic": s.statistic,
            "percentile": s.percentile,
            "valid_from": s.valid_from,
            "valid_to": s.valid_to,
            "quality": s.quality,
            "tag": s.tag,
            "statistic_tag": s.statistic_tag,
            "source": s.source,
            "clause": s.clause,
            "url": s.url,
            "pdf": s.pdf,
            "statistic_source": s.statistic_source,
            "statistic_url": s.statistic_url,
            "note": s.note,
            "section": s.section,
        }
        for s in all_limits().values()
    ]
    frame = pd.DataFrame(rows)
    # Ordered categories keep the rows in the order of STANDARDS, POLLUTANTS and
    # AVERAGINGS and make the index sorted, so partial .loc lookups work.
    for column, order in (
        ("standard", STANDARDS),
        ("pollutant", POLLUTANTS),
        ("averaging", AVERAGINGS),
    ):
        frame[column] = pd.Categorical(frame[column], categories=order, ordered=True)
    return frame.set_index(["standard", "pollutant", "averaging"]).sort_index()


# --- compliance -------------------------------------------------------------------


@dataclass(frozen=True)
class Compliance(Judgement):
    """The result of :func:`compliance`: a set of means judged against one limit.

    A :class:`~wasteless.judgement.Judgement`: ``value`` (the means, or the percentile
    of the daily values), ``threshold`` (the limit), ``relation`` ``"<="``, ``holds``
    (``complies``) and ``margin = value − limit`` (positive above the limit, like every
    margin in wasteless). Per-value fields (``values``, ``used``, ``exceeds`` and, for a
    limit judged value by value, ``margin``) have the container of the input: a scalar,
    a NumPy array, or a pandas Series with the input's index. Concentrations are in the
    limit's unit (µg/m³; CO mg/m³).

    Parameters
    ----------
    standard
        The limit record used.
    complies
        For a limit judged value by value (annual, quarterly, 1-h, Table 2 24-h), True
        when every used value is <= the limit; for a limit judged by a percentile, True
        when the percentile ``statistic`` is <= the limit. ``None`` when no value could
        be used.
    statistic
        For a percentile limit, the percentile of the used daily values [limit unit],
        rounded when ``round_to`` is given (NaN when none was used); ``None`` otherwise.
    exceeds
        Per value, True where a used value is above the limit (False where not used).
    n_exceedances
        Number of used values above the limit.
    n_exceedance_days
        For a 24-h or 8-h limit, the number of days above the limit (equal to
        ``n_exceedances``); ``None`` for other averaging periods.
    n_used, n_invalid
        Values used, and values left out (flagged invalid, or NaN).
    values
        The input values [limit unit], unrounded, NaN and invalid ones included.
    used
        Per value, True where the value was used.
    round_to
        Decimals the compared values were rounded to, or ``None``.

    Examples
    --------
    >>> from wasteless import Q_
    >>> r = compliance(Q_([30, 40, float("nan")], "ug/m**3"), "GB3095-2012-II", averaging="annual")
    >>> r.complies, r.n_exceedances, r.n_used, r.n_invalid
    (False, 1, 2, 1)
    >>> r.limit
    <Quantity(35.0, 'microgram / meter ** 3')>
    >>> r.margin  # value − limit: positive above the limit
    <Quantity([-5.  5. nan], 'microgram / meter ** 3')>
    """

    standard: Standard
    complies: bool | None
    statistic: Any
    exceeds: Any
    n_exceedances: int
    n_exceedance_days: int | None
    n_used: int
    n_invalid: int
    values: Any
    used: Any
    round_to: int | None = None
    relation = "<="

    @property
    def limit(self) -> Any:
        """The limit [its unit: µg/m³; CO mg/m³]."""
        return Q_(float(self.standard.value), self.standard.unit)

    @property
    def averaging(self) -> str:
        """The averaging period of the limit, e.g. ``"annual"`` or ``"24h"``."""
        return self.standard.averaging

    @property
    def pollutant(self) -> str:
        """The pollutant of the limit, e.g. ``"PM2.5"``."""
        return self.standard.pollutant

    @property
    def value(self) -> Any:
        """What is judged: the values, or the percentile of the daily values [limit unit]."""
        return self.values if self.standard.percentile is None else self.statistic

    @property
    def threshold(self) -> Any:
        """The limit [limit unit]."""
        return self.limit

    @property
    def holds(self) -> bool | None:
        """Whether the values comply (``complies``)."""
        return self.complies

    @property
    def margin(self) -> Any:
        """Value − limit [limit unit], positive above the limit.

        Per value (after ``round_to``; NaN where not used) for a limit judged value by
        value, ``statistic − limit`` (a scalar) for a percentile limit.
        """
        unit = ureg.Unit(self.standard.unit)
        if self.standard.percentile is not None:
            return Q_(float(self.statistic.magnitude) - self.standard.value, unit)
        margins = self._row_margins()
        if isinstance(self.values, pd.Series):
            return pint_series(margins, unit, self.values.index)
        if np.ndim(self.values.magnitude) == 0:
            return Q_(float(margins[0]), unit)
        return Q_(margins, unit)

    def _row_margins(self) -> FloatArray:
        values = np.atleast_1d(np.asarray(_magnitude(self.values), dtype=np.float64))
        used = np.atleast_1d(np.asarray(self.used, dtype=bool))
        compared = _rounded(values, self.round_to)
        return np.where(used, compared - self.standard.value, np.nan)

    def _title(self) -> str:
        record = self.standard
        return f"Compliance with {record.standard_id} ({record.pollutant}, {record.averaging})"

    def to_frame(self) -> Any:
        """Return one row per input value: ``value``, ``used``, ``exceeds``, ``margin``.

        Returns
        -------
        pandas.DataFrame
            Indexed like the input (a RangeIndex for a scalar or an array). ``value``
            and ``margin`` (value − limit of that row, after ``round_to``; NaN where
            not used) are pint-pandas columns [limit unit]; ``used`` and ``exceeds`` are
            bool. For a percentile limit the row margins are per day; the margin of the
            percentile is :attr:`margin`.

        Examples
        --------
        >>> import pandas as pd
        >>> import pint_pandas  # registers the "pint[...]" dtype
        >>> annual = pd.Series([81.0, 43.0], index=[2013, 2019], dtype="pint[ug/m**3]")
        >>> compliance(annual, "GB3095-2012-II", averaging="annual").to_frame()
              value  used  exceeds  margin
        2013   81.0  True     True    46.0
        2019   43.0  True     True     8.0
        """
        unit = ureg.Unit(self.standard.unit)
        values = np.atleast_1d(np.asarray(_magnitude(self.values), dtype=np.float64))
        index = self.values.index if isinstance(self.values, pd.Series) else None
        return pd.DataFrame(
            {
                "value": pint_series(values, unit, index).array,
                "used": np.atleast_1d(np.asarray(self.used, dtype=bool)),
                "exceeds": np.atleast_1d(np.asarray(self.exceeds, dtype=bool)),
                "margin": pint_series(self._row_margins(), unit, index).array,
            },
            index=index,
        )


def _magnitude(values: Any) -> Any:
    """Float magnitude(s) of a result container in its unit (result containers only)."""
    if isinstance(values, pd.Series):
        return values.pint.magnitude.to_numpy(dtype=np.float64, na_value=np.nan)
    return values.magnitude


_MAX_DECIMALS = 6


def _rounded(values: FloatArray, decimals: int | None) -> FloatArray:
    return values if decimals is None else np.round(values, decimals)


def _resolve(
    standard: Any, pollutant: str | None, averaging: str | None, index: Any = None
) -> Standard:
    if isinstance(standard, Standard):
        if pollutant is not None and _pollutant(pollutant) != _pollutant(standard.pollutant):
            raise InputError(
                f"pollutant {pollutant!r} does not match the Standard record, which is for "
                f"{standard.pollutant}; leave pollutant out or pass the matching record"
            )
        if averaging is not None and _averaging(averaging) != standard.averaging:
            raise InputError(
                f"averaging {averaging!r} does not match the Standard record, which is a "
                f"{standard.averaging} limit; leave averaging out or pass the matching record"
            )
        return standard
    grade = _by_date_grade(standard)
    wanted = _pollutant(pollutant if pollutant is not None else "PM2.5")
    standard_id = _standard_id(f"GB3095-2026-{grade}" if grade else standard)
    if averaging is None:
        available = [a for (s, p, a) in all_limits() if s == standard_id and p == wanted]
        if len(available) != 1:
            raise InputError(
                f"averaging is required: {standard_id!r} has {' and '.join(available) or 'no'}"
                f" {wanted} limits; pass averaging='annual' (values are annual means), "
                f"averaging='24h' (values are one year's daily means) and so on, or a "
                f"Standard record from standards.get()"
            )
        averaging = available[0]
    if grade is not None:
        return _in_force(grade, wanted, _averaging(averaging), _value_periods(index), "values")
    return get(standard_id, wanted, averaging)


def _table_column(data: pd.DataFrame) -> str:
    """The column of means of a table from :func:`wasteless.air.daily_means` or annual_means."""
    missing = [column for column in ("mean", "valid") if column not in data.columns]
    if missing:
        raise InputError(
            f"a DataFrame of values needs the columns 'mean' (pint-pandas dtype) and 'valid' "
            f"(bool), as returned by wasteless.air.daily_means/annual_means; missing "
            f"{missing}, got {list(data.columns)}"
        )
    return "mean"


def _table_validity(frame: pd.DataFrame) -> Any:
    valid = frame["valid"]
    if not pd.api.types.is_bool_dtype(valid.dtype) or bool(valid.isna().any()):
        raise InputError(
            f"values['valid'] must be a bool column without missing values; got dtype "
            f"{valid.dtype}"
        )
    return valid.to_numpy(dtype=bool)


def _check_one_year(index: Any, name: str) -> None:
    """A percentile of daily means is a statistic of one station and calendar year."""
    if index is None or len(index) == 0:
        return
    if isinstance(index, pd.MultiIndex):
        raise InputError(
            f"{name}: a 24-h limit is judged by a percentile of one station's daily means; "
            f"got a MultiIndex {list(index.names)}; pass one station at a time, e.g. "
            f"values.xs(station)"
        )
    if isinstance(index, (pd.DatetimeIndex, pd.PeriodIndex)):
        years = index.year
    elif pd.api.types.infer_dtype(index, skipna=True) in ("date", "datetime"):
        years = pd.DatetimeIndex(index).year
    else:
        return
    distinct = sorted({int(year) for year in years.dropna()})
    if len(distinct) > 1:
        raise InputError(
            f"{name}: a 24-h limit is judged by a percentile of one calendar year's daily "
            f"means; got dates in {distinct[0]}-{distinct[-1]}; pass one year at a time, "
            f"e.g. values.loc['{distinct[0]}']"
        )


def _pack_bool(flags: Any, measured: Measured) -> Any:
    if measured.kind == "scalar":
        return bool(flags[0])
    if measured.kind == "series":
        return pd.Series(flags, index=measured.index, dtype=bool)
    return flags


@unit_function(None, values=CONCENTRATION, allow_nan=("values",), default_column=_table_column)
def compliance(
    values: Any,
    standard: Standard | str,
    pollutant: str | None = None,
    averaging: str | None = None,
    *,
    round_to: int | None = None,
) -> Compliance:
    r"""Judge mean concentrations against a limit value.

    For a limit judged **value by value** (annual, quarterly and 1-h limits, and the
    24-h limits of GB 3095-2026 Table 2) each value is compared with the limit. For a
    limit judged by a **percentile** (24-h limits of Table 1 pollutants and WHO; the O3
    daily maximum 8-h limit) the percentile of one year's daily values named by the
    standard (HJ 663 [W]: 95th for PM2.5, PM10 and CO, 98th for SO2 and NO2, 90th for
    O3 8-h; 99th for WHO 2021 [S]) is compared with the limit, and the days above the
    limit are counted.

    Parameters
    ----------
    values : pint.Quantity, pint-pandas Series or pandas.DataFrame
        The means the limit is about [mass concentration, e.g. µg/m³ or mg/m³]: annual
        means for an annual limit, one calendar year's daily means (or daily maximum
        8-h means) for a percentile limit, and so on: a scalar or 1-D Quantity, a
        Series of dtype ``"pint[ug/m**3]"``, or a DataFrame with the columns ``mean``
        (pint-pandas dtype) and ``valid`` (bool) as returned by
        ``wasteless.air.annual_means`` / ``daily_means``. Rows with ``valid`` False,
        and NaN values, are left out and counted in ``n_invalid``; they are never used.
        Must be >= 0 and not infinite. Annual means of several stations (a
        ``(station, year)`` MultiIndex) are judged value by value; daily means must be
        one station's.
    standard : str or Standard
        A standard id from :data:`STANDARDS` (e.g. ``"GB3095-2012-II"``); a by-date id
        from :data:`BY_DATE` (``"GB3095-II"``: the record in force on the dates or
        years of the values' index, see :func:`in_force`; all values must fall under
        one record); or a :class:`Standard` record (from :func:`get`, or your own via
        :func:`dataclasses.replace`).
    pollutant : str, optional
        One of :data:`POLLUTANTS`. Default: the record's pollutant for a
        :class:`Standard`, ``"PM2.5"`` for an id.
    averaging : str, optional
        Which limit to judge against: ``"annual"``, ``"quarterly"``, ``"24h"``,
        ``"8h"`` or ``"1h"``. Default: the record's for a :class:`Standard`; required
        for an id that has several limits for the pollutant (all shipped ids).
    round_to : int, optional
        If given, round the compared values (each value; each daily value for counting
        exceedance days; the percentile, computed from the unrounded daily values), in
        the limit's unit, to this many decimals with :func:`numpy.round` (round half to
        even) before comparing. Default ``None``: compare the exact float values.

    Returns
    -------
    Compliance
        ``complies``, ``margin`` [limit unit], ``statistic`` [limit unit] (percentile
        limits), ``exceeds``, ``n_exceedances``, ``n_exceedance_days`` (24-h, 8-h),
        ``n_used``, ``n_invalid``; per-value fields in the container of ``values``.
        With no usable value, ``complies`` is ``None`` and ``statistic`` and ``margin``
        are NaN (not an exception).

    Raises
    ------
    wasteless.errors.MissingUnitsError
        If ``values`` (or the ``mean`` column) carries no units.
    wasteless.errors.UnitsError
        If ``values`` is not a mass concentration.
    wasteless.errors.InputError
        If a value is negative or infinite; if ``values`` is more than 1-D, a list
        of Quantities (use one Quantity of an array), or a DataFrame without
        ``mean``/``valid`` columns; if ``averaging`` is missing for an id or does not
        match a :class:`Standard` record; if the daily values of a percentile limit span
        more than one calendar year (a datetime index is checked) or have a MultiIndex
        (several stations); if ``round_to`` is not an int; for a by-date id, if the
        values are undated or fall under more than one record.
    KeyError
        If the standard id is unknown (the message lists the known ids) or has no
        limit for the pollutant and averaging.

    See Also
    --------
    get, in_force : the limit records.
    wasteless.air.daily_means, wasteless.air.annual_means : validity-aware means.

    Notes
    -----
    The comparison is ``value <= limit`` in float64, in the limit's unit (values in
    another unit are converted once): a value equal to the limit complies, one ulp above
    exceeds. An official evaluation rounds concentrations before comparing (HJ 663 cites
    GB/T 8170; practitioners describe integer rounding "四舍六入五成双" [W]; the exact
    clause was not found; HJ 633-2026 §4.2.2 rounds the AQI's concentrations that way to
    integers, CO to 0.1 mg/m³ [P]), which can turn a near-limit result; pass
    ``round_to=0`` to mimic it. The order of rounding and percentile in HJ 663 is not
    verified either.

    The percentile is numpy's default ``"linear"`` method, interpolating between
    order statistics: with the :math:`n` used daily values sorted,
    :math:`x_{(1)} \le \dots \le x_{(n)}`, and :math:`p` the percentile as a fraction,

    .. math::

        k = 1 + (n - 1)\,p, \qquad
        P = x_{(\lfloor k \rfloor)} + (k - \lfloor k \rfloor)
            \left(x_{(\lfloor k \rfloor + 1)} - x_{(\lfloor k \rfloor)}\right).

    This is the reading of HJ 663's Appendix A (数据统计方法) that secondary sources give
    [W]; it has not been verified against the primary text (``reference/factors.md``
    §4.3, §8). GB 3095-2026 Table 4 (printed page 6) sets data-capture rules for a
    valid value (e.g. >= 324 daily means a year, >= 20 hourly values a day) [P], which
    this function does not apply: check ``n_used``. With an explicit id it does not
    check that the standard applied on the dates of the values (see
    ``valid_from``/``valid_to`` of the record): judging 2013 data against GB 3095-2012,
    in force nationally from 2016, is a comparison, not an official evaluation.

    References
    ----------
    GB 3095-2026 环境空气质量标准, Tables 1 and 2, §4.4 [P]; GB 3095-2012 环境空气质量标准,
    Table 1 [S]/[W]; HJ 663 环境空气质量评价技术规范 [W]; WHO global air quality guidelines
    2021, ISBN 9789240034228 [S]. Sources, clauses and URLs are in each :class:`Standard`
    record.

    Examples
    --------
    The article's PM2.5 annual means against GB 3095-2012 grade II:

    >>> from wasteless import Q_
    >>> r = compliance(Q_([81, 43], "ug/m**3"), "GB3095-2012-II", averaging="annual")
    >>> r.complies, r.n_exceedances, r.margin
    (False, 2, <Quantity([46.  8.], 'microgram / meter ** 3')>)

    A value exactly at the limit complies:

    >>> compliance(Q_(35, "ug/m**3"), "GB3095-2012-II", averaging="annual").complies
    True

    One year's daily means against a 24-h limit (the 95th percentile):

    >>> import numpy as np
    >>> days = Q_(np.linspace(10.0, 100.0, 365), "ug/m**3")
    >>> r = compliance(days, "GB3095-2012-II", averaging="24h")
    >>> r.statistic, r.complies, r.n_exceedance_days
    (<Quantity(95.5, 'microgram / meter ** 3')>, False, 102)

    A DataFrame as returned by ``wasteless.air.daily_means``; invalid days are
    left out and counted:

    >>> import pandas as pd
    >>> import pint_pandas  # registers the "pint[...]" dtype
    >>> frame = pd.DataFrame(
    ...     {"mean": pd.array([20.0, 90.0, 30.0], dtype="pint[ug/m**3]"),
    ...      "valid": [True, False, True]},
    ...     index=pd.date_range("2019-01-01", periods=3),
    ... )
    >>> r = compliance(frame, get("WHO-2021-IT1", averaging="24h"))
    >>> r.complies, r.n_used, r.n_invalid, r.statistic
    (True, 2, 1, <Quantity(29.9, 'microgram / meter ** 3')>)

    By date: annual means of 2029 and 2030 fall under the GB 3095-2026 transition limit:

    >>> years = pd.Series([33.0, 29.0], index=[2029, 2030], dtype="pint[ug/m**3]")
    >>> r = compliance(years, "GB3095-II", averaging="annual")
    >>> r.standard.standard_id, r.exceeds.tolist()
    ('GB3095-2026-transition-II', [True, False])
    """
    if round_to is not None and (
        isinstance(round_to, (bool, np.bool_))
        or not isinstance(round_to, (int, np.integer))
        or not 0 <= round_to <= _MAX_DECIMALS
    ):
        raise InputError(
            f"round_to must be None or a whole number of decimals in [0, {_MAX_DECIMALS}]; "
            f"got {round_to!r}"
        )
    measured: Measured = values
    if measured.kind not in ("scalar", "array", "series"):
        raise InputError(
            "values must be a Quantity, a pint-pandas Series or a table of means; got "
            f"{type(measured.source).__name__}"
        )
    record = _resolve(standard, pollutant, averaging, measured.index)
    unit = ureg.Unit(record.unit)
    magnitudes = np.atleast_1d(np.asarray(measured.values, dtype=np.float64))
    if magnitudes.ndim > 1:
        raise InputError(
            f"values must be a scalar or 1-D; got an array of shape {magnitudes.shape}"
        )
    factor = float(Q_(1.0, measured.units).to(unit).magnitude)
    if factor != 1.0:  # compare in the limit's unit; same unit: exact
        magnitudes = magnitudes * factor
    used = ~np.isnan(magnitudes)
    if isinstance(measured.source, pd.DataFrame):
        used &= _table_validity(measured.source)

    limit_value = float(record.value)
    n_used = int(used.sum())
    n_invalid = int(used.size - n_used)
    compared = _rounded(magnitudes, round_to)
    exceeds = used & (compared > limit_value)
    n_exceedances = int(exceeds.sum())
    n_days = n_exceedances if record.averaging in _DAILY else None

    if record.percentile is None:
        complies = None if n_used == 0 else n_exceedances == 0
        statistic = None
    else:
        _check_one_year(measured.index, "values")
        raw = float(nan_percentile(np.where(used, magnitudes, np.nan), record.percentile)[0])
        value = float(_rounded(np.array([raw]), round_to)[0])
        complies = None if n_used == 0 else value <= limit_value
        statistic = Q_(value, unit)

    packed = magnitudes if measured.kind != "scalar" else magnitudes[0]
    return Compliance(
        standard=record,
        complies=complies,
        statistic=statistic,
        exceeds=_pack_bool(exceeds, measured),
        n_exceedances=n_exceedances,
        n_exceedance_days=n_days,
        n_used=n_used,
        n_invalid=n_invalid,
        values=wrap(packed, unit, measured.kind, measured.index),
        used=_pack_bool(used, measured),
        round_to=round_to,
    )
