r"""Ambient-air limit values (GB 3095-2012, GB 3095-2026, WHO 2021): the records.

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
with each value [A]. :func:`wasteless.air.compliance.compliance` does both.

**By date.** ``"GB3095-I"`` and ``"GB3095-II"`` name the grade without the edition:
:func:`in_force` and :func:`~wasteless.air.compliance.compliance` then pick the record
valid on the dates of the values (GB 3095-2012, the 2026 transition, or the 2026
limits), as :func:`wasteless.air.aqi.aqi` picks the HJ 633 edition by date.

:mod:`wasteless.air.compliance` judges values against these records; both are also
reachable as ``wasteless.standards`` (and ``wasteless.air.standards``), their module
before 0.3.

Examples
--------
>>> from wasteless.air import limits
>>> limits.limit("GB3095-2012-II")
<Quantity(35.0, 'microgram / meter ** 3')>
>>> limits.get("GB3095-2012-II", averaging="24h").statistic
'95th percentile of the 24-h means of the calendar year'
>>> limits.in_force("GB3095-II", "2027-06-01", "PM10", "24h").quantity
<Quantity(120.0, 'microgram / meter ** 3')>
>>> frame = limits.to_frame()
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
from wasteless.air.pollutants import averaging_name, pollutant_name
from wasteless.errors import InputError, NotFoundError
from wasteless.factors import QUALITY_TAGS
from wasteless.units import Q_, magnitude_in, quantity

__all__ = [
    "AVERAGINGS",
    "BY_DATE",
    "POLLUTANTS",
    "STANDARDS",
    "Standard",
    "all_limits",
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

See :func:`in_force`; :func:`~wasteless.air.compliance.compliance` takes them too.
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
        return quantity(self.value, self.unit)

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
        if day.hasnans:
            raise InputError(f"on: the dates must not be missing (NaT); got {on!r}")
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
        try:  # pandas' DateParseError is a ValueError
            day = pd.Timestamp(on)
        except (TypeError, ValueError, OverflowError):
            raise InputError(
                f"on must be a date such as '2027-06-01', a calendar year (int) or several of "
                f"them; got {on!r}"
            ) from None
        values = pd.DatetimeIndex([day])
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


# --- the record that judges given values ----------------------------------------------


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
