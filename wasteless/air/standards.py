r"""Ambient-air limit values for PM2.5 and PM10 and compliance with them.

Three standards, each as a set of *levels* (grades, interim targets), each level
with an annual and a 24-h limit per pollutant:

==============================  =========================  ==============  ==============  =====
id                              document, level            PM2.5           PM10            tag
                                                           annual / 24-h   annual / 24-h
==============================  =========================  ==============  ==============  =====
``GB3095-2012-I``               GB 3095-2012 grade I       15 / 35         40 / 50         [S]
``GB3095-2012-II``              GB 3095-2012 grade II      35 / 75         70 / 150        [S]
``GB3095-2026-transition-II``   GB 3095-2026 grade II,     30 / 60         —               [S]
                                2026-03-01 … 2030-12-31
``GB3095-2026-I``               GB 3095-2026 grade I       10 / 25         —               [S]
``GB3095-2026-II``              GB 3095-2026 grade II,     25 / 50         —               [S]
                                from 2031-01-01
``WHO-2021-AQG``                WHO 2021 guideline level   5 / 15          15 / 45         [S]
``WHO-2021-IT1``                WHO 2021 interim target 1  35 / 75         —               [S]
``WHO-2021-IT2``                WHO 2021 interim target 2  25 / 50         —               [S]
``WHO-2021-IT3``                WHO 2021 interim target 3  15 / 37.5       —               [S]
``WHO-2021-IT4``                WHO 2021 interim target 4  10 / 25         —               [S]
==============================  =========================  ==============  ==============  =====

All values in µg/m³. An id is ``<document>-<grade or level>``; :func:`get` also takes
the document and the grade apart (``get("GB3095-2012", grade="II")``). The records
live in ``wasteless/data/standards.toml``, each with its source, URL and quality tag
(tags as in :mod:`wasteless.factors`), and come from the project's factor sheet
(``reference/factors.md`` §4.1, §4.3, §4.5, §4.7):

* GB 3095-2012 Table 1 [S] (People's Daily 2012 reprint; full table [W]); in force
  nationally 2016-01-01; its ``valid_to`` (2026-02-28, the day before GB 3095-2026
  took effect) assumes that the new edition supersedes it. Grade I applies to
  class-1 areas (nature reserves, scenic areas), grade II to class-2 areas
  (residential, commercial, industrial, rural).
* GB 3095-2026 [S] (news reports; effective 2026-03-01). Grade II PM2.5 has a
  transition value until 2030-12-31. **PM10 limits of GB 3095-2026 are left out**:
  the sources give only the December 2025 draft (grade II 70/150 → 50/100).
* WHO 2021 Air Quality Guidelines [S] (AirClim summary of WHO 2021, ISBN
  9789240034228). PM10 interim targets are not in the sources and are left out.

GB 3095-2012 grade II equals WHO interim target 1 (35 / 75 µg/m³) and final
GB 3095-2026 grade II equals WHO interim target 2 (25 / 50 µg/m³), although the 24-h
values are judged by different percentiles (below).

**How a limit is judged.** An annual limit is compared with each annual mean. A
24-h limit is compared with a percentile of the year's daily means: the 95th for
GB 3095 (HJ 663 annual evaluation [W], a secondary quotation; corroborated by CNEMC,
Wang et al. 2014 [P]) and the 99th for WHO 2021 (3–4 exceedance days a year [S]).
GB 3095-2026 is assumed to keep the 95th percentile. :func:`compliance` does both.

This module is long (about 420 lines of code, the rest docstrings) because it is one
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
>>> frame = standards.to_frame()
>>> row = frame.loc[("WHO-2021-IT3", "PM2.5", "24h")]
>>> print(row["value"], row["unit"], row["tag"], row["statistic"])
37.5 ug/m**3 [S] 99th percentile of the 24-h means of the year (3-4 exceedance days per year)
"""

from __future__ import annotations

import datetime
import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from wasteless._data import read_toml
from wasteless.air.means import nan_percentile
from wasteless.air.pollutants import averaging_name, pollutant_name
from wasteless.errors import InputError
from wasteless.factors import QUALITY_TAGS
from wasteless.judgement import Judgement
from wasteless.units import (
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
    "POLLUTANTS",
    "STANDARDS",
    "Compliance",
    "Standard",
    "all_limits",
    "compliance",
    "get",
    "limit",
    "to_frame",
]

AVERAGINGS: tuple[str, ...] = ("annual", "24h")
"""Averaging periods of a limit: the annual mean, or the 24-h (daily) mean."""


@functools.cache
def _data() -> Mapping[str, Any]:
    return read_toml("standards.toml")


POLLUTANTS: tuple[str, ...] = tuple(dict.fromkeys(r["pollutant"] for r in _data()["limit"]))
"""Pollutants with limits in the package data (``wasteless/data/standards.toml``)."""

STANDARDS: tuple[str, ...] = tuple(dict.fromkeys(r["standard"] for r in _data()["limit"]))
"""Ids of the standards and levels in the package data, ``<document>-<grade or level>``.

Read from ``wasteless/data/standards.toml``, in the order of its records.
"""

_UNIT = "ug/m**3"
_OUTPUT_UNITS = ureg.Unit(_UNIT)


# pint-pandas dtype of result columns: NumPy float64 storage keeps missing values as NaN
# (pandas' nullable Float64 storage would turn them into pd.NA).
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
        ``"PM2.5"`` or ``"PM10"``.
    averaging
        ``"annual"`` or ``"24h"``.
    value
        The limit, in ``unit``.
    unit
        Unit of ``value`` [mass concentration], e.g. ``"ug/m**3"``.
    statistic
        What is compared with the limit, e.g. ``"annual mean"`` or
        ``"95th percentile of the 24-h means of the calendar year"``.
    percentile
        For a 24-h limit, the percentile of the daily means compared with it, in
        (0, 100] [percent]; ``None`` for an annual limit.
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

    Raises
    ------
    wasteless.errors.InputError
        If ``averaging`` or a quality tag is unknown, ``value`` is not finite and
        positive, or ``percentile`` does not match ``averaging``.
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
        if self.averaging == "annual" and self.percentile is not None:
            raise InputError(
                f"{label}: an annual limit is judged by the annual mean; "
                f"percentile must be None, got {self.percentile!r}"
            )
        if self.averaging == "24h" and not (
            self.percentile is not None and 0.0 < self.percentile <= 100.0
        ):
            raise InputError(
                f"{label}: a 24-h limit needs the percentile of the daily means it is "
                f"judged by, in (0, 100]; got {self.percentile!r}"
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
        their record's unit [µg/m³].

    Raises
    ------
    wasteless.errors.InputError
        If the package data is inconsistent (never for the shipped data).

    Examples
    --------
    >>> len(all_limits())
    26
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
    return table


def _known_ids() -> str:
    return ", ".join(STANDARDS)


def _standard_id(standard_id: str, grade: str | None = None) -> str:
    """Canonical id for ``standard_id`` (case and spaces ignored); KeyError if unknown."""
    if not isinstance(standard_id, str):
        raise InputError(
            f"standard must be an id such as 'GB3095-2012-II' or a Standard record; "
            f"got {standard_id!r}"
        )
    wanted = standard_id if grade is None else f"{standard_id}-{grade}"
    folded = "".join(wanted.split()).casefold()
    for known in STANDARDS:
        if known.casefold() == folded:
            return known
    stem = "".join(standard_id.split()).casefold()
    levels = [known for known in STANDARDS if known.casefold().startswith(stem + "-")]
    if levels and grade is None:
        raise KeyError(
            f"standard {standard_id!r} has several grades or levels; name one: "
            f"{', '.join(levels)} (or pass grade=...)"
        )
    raise KeyError(f"no standard {wanted!r}; known standards: {_known_ids()}")


def _pollutant(pollutant: Any) -> str:
    return pollutant_name(pollutant, POLLUTANTS)


def _averaging(averaging: Any) -> str:
    return averaging_name(averaging, AVERAGINGS)


def _missing(standard_id: str, pollutant: str, averaging: str) -> KeyError:
    has = [
        f"{p} {a}" for (s, p, a) in all_limits() if s == standard_id
    ]  # in data order: PM2.5 before PM10, annual before 24h
    message = f"no {pollutant} {averaging} limit in {standard_id!r}; it has: {', '.join(has)}"
    for omitted in _data().get("omitted", []):
        if standard_id in omitted["standards"] and omitted["pollutant"] == pollutant:
            message += f". Left out on purpose: {omitted['reason']}"
    return KeyError(message)


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
        ``"PM2.5"`` (default; ``"pm25"`` also accepted) or ``"PM10"``.
    averaging
        ``"annual"`` (default) or ``"24h"`` (``"daily"`` also accepted).
    grade
        Grade or level appended to ``standard_id``: ``"I"``, ``"II"``, ``"AQG"``,
        ``"IT1"`` … ``"IT4"``.

    Returns
    -------
    Standard
        The limit record; its ``quantity`` is the limit [µg/m³].

    Raises
    ------
    KeyError
        If there is no such standard (the message lists the known ids) or it has no
        limit for that pollutant and averaging (the message says which it has and,
        for GB 3095-2026 PM10, why it was left out).
    wasteless.errors.InputError
        If ``pollutant`` or ``averaging`` is not one of the known names.

    Examples
    --------
    >>> get("GB3095-2012", "PM10", "24h", grade="II").quantity
    <Quantity(150.0, 'microgram / meter ** 3')>
    >>> record = get("GB3095-2026-transition-II")
    >>> record.value, record.valid_from, record.valid_to
    (30.0, datetime.date(2026, 3, 1), datetime.date(2030, 12, 31))
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
        The limit [µg/m³].

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


def to_frame() -> Any:
    """Return the limit values as a pandas DataFrame, one row per limit.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``(standard, pollutant, averaging)``; columns ``document``,
        ``level``, ``value`` [``unit``, µg/m³ for every shipped record], ``unit``,
        ``statistic``, ``percentile`` [percent], ``valid_from``, ``valid_to``,
        ``quality``, ``tag``, ``statistic_tag``, ``source``, ``url``,
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
    >>> frame.xs("24h", level="averaging")["percentile"].unique().tolist()
    [95.0, 99.0]
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
            "url": s.url,
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

    A :class:`~wasteless.judgement.Judgement`: ``value`` (the annual means, or the
    percentile of the daily means), ``threshold`` (the limit), ``relation`` ``"<="``,
    ``holds`` (``complies``) and ``margin = value − limit`` (positive above the limit,
    like every margin in wasteless). Per-value fields (``values``, ``used``,
    ``exceeds`` and, for an annual limit, ``margin``) have the container of the input:
    a scalar, a NumPy array, or a pandas Series with the input's index.

    Parameters
    ----------
    standard
        The limit record used.
    complies
        For an annual limit, True when every used annual mean is <= the limit; for a
        24-h limit, True when the percentile ``statistic`` is <= the limit. ``None``
        when no value could be used.
    statistic
        For a 24-h limit, the percentile of the used daily means [µg/m³], rounded
        when ``round_to`` is given (NaN when none was used); ``None`` for an annual
        limit.
    exceeds
        Per value, True where a used value is above the limit (False where not used).
    n_exceedances
        Number of used values above the limit (annual means, or days).
    n_exceedance_days
        For a 24-h limit, the number of days above the limit (equal to
        ``n_exceedances``); ``None`` for an annual limit.
    n_used, n_invalid
        Values used, and values left out (flagged invalid, or NaN).
    values
        The input values [µg/m³], unrounded, NaN and invalid ones included.
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
        """The limit [µg/m³]."""
        return Q_(_limit_ug_m3(self.standard), _OUTPUT_UNITS)

    @property
    def averaging(self) -> str:
        """``"annual"`` or ``"24h"``."""
        return self.standard.averaging

    @property
    def pollutant(self) -> str:
        """``"PM2.5"`` or ``"PM10"``."""
        return self.standard.pollutant

    @property
    def value(self) -> Any:
        """What is judged: the annual means, or the percentile of the daily means [µg/m³]."""
        return self.values if self.standard.averaging == "annual" else self.statistic

    @property
    def threshold(self) -> Any:
        """The limit [µg/m³]."""
        return self.limit

    @property
    def holds(self) -> bool | None:
        """Whether the values comply (``complies``)."""
        return self.complies

    @property
    def margin(self) -> Any:
        """Value − limit [µg/m³], positive above the limit.

        Per annual mean (after ``round_to``; NaN where not used) for an annual limit,
        ``statistic − limit`` (a scalar) for a 24-h limit.
        """
        limit = _limit_ug_m3(self.standard)
        if self.standard.averaging != "annual":
            return Q_(float(self.statistic.magnitude) - limit, _OUTPUT_UNITS)
        margins = self._row_margins()
        if isinstance(self.values, pd.Series):
            return pint_series(margins, _OUTPUT_UNITS, self.values.index)
        if np.ndim(self.values.magnitude) == 0:
            return Q_(float(margins[0]), _OUTPUT_UNITS)
        return Q_(margins, _OUTPUT_UNITS)

    def _row_margins(self) -> FloatArray:
        values = np.atleast_1d(np.asarray(_magnitude(self.values), dtype=np.float64))
        used = np.atleast_1d(np.asarray(self.used, dtype=bool))
        compared = _rounded(values, self.round_to)
        return np.where(used, compared - _limit_ug_m3(self.standard), np.nan)

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
            not used) are pint-pandas columns [µg/m³]; ``used`` and ``exceeds`` are
            bool. For a 24-h limit the row margins are per day; the margin of the
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
        values = np.atleast_1d(np.asarray(_magnitude(self.values), dtype=np.float64))
        index = self.values.index if isinstance(self.values, pd.Series) else None
        return pd.DataFrame(
            {
                "value": pint_series(values, _OUTPUT_UNITS, index).array,
                "used": np.atleast_1d(np.asarray(self.used, dtype=bool)),
                "exceeds": np.atleast_1d(np.asarray(self.exceeds, dtype=bool)),
                "margin": pint_series(self._row_margins(), _OUTPUT_UNITS, index).array,
            },
            index=index,
        )


def _limit_ug_m3(standard: Standard) -> float:
    return float(magnitude_in(standard.quantity, _UNIT, "limit"))


def _magnitude(values: Any) -> Any:
    """Float magnitude(s) of a result container in µg/m³ (result containers only)."""
    if isinstance(values, pd.Series):
        return values.pint.magnitude.to_numpy(dtype=np.float64, na_value=np.nan)
    return values.magnitude


_MAX_DECIMALS = 6


def _rounded(values: FloatArray, decimals: int | None) -> FloatArray:
    return values if decimals is None else np.round(values, decimals)


def _resolve(standard: Any, pollutant: str | None, averaging: str | None) -> Standard:
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
    standard_id = _standard_id(standard)
    wanted = _pollutant(pollutant if pollutant is not None else "PM2.5")
    if averaging is None:
        available = [a for (s, p, a) in all_limits() if s == standard_id and p == wanted]
        if len(available) != 1:
            raise InputError(
                f"averaging is required: {standard_id!r} has {' and '.join(available) or 'no'}"
                f" {wanted} limits; pass averaging='annual' (values are annual means) or "
                f"averaging='24h' (values are one year's daily means), or a Standard record "
                f"from standards.get()"
            )
        averaging = available[0]
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


@unit_function(None, values=_UNIT, allow_nan=("values",), default_column=_table_column)
def compliance(
    values: Any,
    standard: Standard | str,
    pollutant: str | None = None,
    averaging: str | None = None,
    *,
    round_to: int | None = None,
) -> Compliance:
    r"""Judge annual or daily mean concentrations against a limit value.

    For an **annual** limit each annual mean is compared with the limit. For a
    **24-h** limit the percentile of one year's daily means named by the standard
    (95th for GB 3095 per HJ 663 [W]; 99th for WHO 2021 [S]) is compared with the
    limit, and the days above the limit are counted.

    Parameters
    ----------
    values : pint.Quantity, pint-pandas Series or pandas.DataFrame
        Annual means (for an annual limit) or one calendar year's daily means (for a
        24-h limit) [mass concentration, e.g. µg/m³ or mg/m³]: a scalar or 1-D
        Quantity, a Series of dtype ``"pint[ug/m**3]"``, or a DataFrame with the
        columns ``mean`` (pint-pandas dtype) and ``valid`` (bool) as returned by
        ``wasteless.air.annual_means`` / ``daily_means``. Rows with ``valid`` False,
        and NaN values, are left out and counted in ``n_invalid``; they are never
        used. Must be >= 0 and not infinite. Annual means of several stations
        (a ``(station, year)`` MultiIndex) are judged value by value; daily means
        must be one station's.
    standard : str or Standard
        A standard id from :data:`STANDARDS` (e.g. ``"GB3095-2012-II"``), or a
        :class:`Standard` record (from :func:`get`, or your own via
        :func:`dataclasses.replace`).
    pollutant : str, optional
        ``"PM2.5"`` or ``"PM10"``. Default: the record's pollutant for a
        :class:`Standard`, ``"PM2.5"`` for an id.
    averaging : {"annual", "24h"}, optional
        Which limit to judge against. Default: the record's for a :class:`Standard`;
        required for an id that has both an annual and a 24-h limit (all shipped ids).
    round_to : int, optional
        If given, round the compared values (each annual mean; each daily mean for
        counting exceedance days; the percentile, computed from the unrounded daily
        means) to this many decimals with :func:`numpy.round` (round half to even)
        before comparing. Default ``None``: compare the exact float values.

    Returns
    -------
    Compliance
        ``complies``, ``margin`` [µg/m³], ``statistic`` [µg/m³] (24-h), ``exceeds``,
        ``n_exceedances``, ``n_exceedance_days`` (24-h), ``n_used``, ``n_invalid``;
        per-value fields in the container of ``values``. With no usable value,
        ``complies`` is ``None`` and ``statistic`` and ``margin`` are NaN (not an
        exception).

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
        match a :class:`Standard` record; if the daily means of a 24-h check span
        more than one calendar year (a datetime index is checked) or have a
        MultiIndex (several stations); if ``round_to`` is not an int.
    KeyError
        If the standard id is unknown (the message lists the known ids) or has no
        limit for the pollutant and averaging.

    See Also
    --------
    get : the limit records.
    wasteless.air.daily_means, wasteless.air.annual_means : validity-aware means.

    Notes
    -----
    The comparison is ``value <= limit`` in float64 µg/m³: a value equal to the limit
    complies, one ulp above exceeds. An official evaluation rounds concentrations
    before comparing (HJ 663 cites GB/T 8170; practitioners describe integer
    rounding "四舍六入五成双" [W]; the exact clause was not found), which can turn a
    near-limit result; pass ``round_to=0`` to mimic it. The order of rounding and
    percentile in HJ 663 is not verified either.

    The percentile is numpy's default ``"linear"`` method, interpolating between
    order statistics: with the :math:`n` used daily means sorted,
    :math:`x_{(1)} \le \dots \le x_{(n)}`, and :math:`p` the percentile as a fraction,

    .. math::

        k = 1 + (n - 1)\,p, \qquad
        P = x_{(\lfloor k \rfloor)} + (k - \lfloor k \rfloor)
            \left(x_{(\lfloor k \rfloor + 1)} - x_{(\lfloor k \rfloor)}\right).

    This is the reading of HJ 663's appendix that secondary sources commonly give;
    it has not been verified against the primary text (``reference/factors.md``
    §4.3, §8). The 95th percentile of a 24-h limit comes from a secondary quotation of
    HJ 663 [W], corroborated by CNEMC (Wang et al., 环境科学 2014(2):401) [P]; GB 3095
    and HJ 663 also set data-capture rules for a valid year (e.g. >= 324 valid days),
    which this function does not apply: check ``n_used``. Nor does it check that the
    standard applied on the dates of the values (see ``valid_from``/``valid_to`` of
    the record): judging 2013 data against GB 3095-2012, in force nationally from
    2016, is a comparison, not an official evaluation.

    References
    ----------
    GB 3095-2012 环境空气质量标准, Table 1 [S]; GB 3095-2026 [S]; HJ 663 环境空气质量
    评价技术规范 [W]; WHO global air quality guidelines 2021, ISBN 9789240034228 [S].
    Sources and URLs are in each :class:`Standard` record.

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
    record = _resolve(standard, pollutant, averaging)
    measured: Measured = values
    if measured.kind not in ("scalar", "array", "series"):
        raise InputError(
            "values must be a Quantity, a pint-pandas Series or a table of means; got "
            f"{type(measured.source).__name__}"
        )
    magnitudes = np.atleast_1d(np.asarray(measured.values, dtype=np.float64))
    if magnitudes.ndim > 1:
        raise InputError(
            f"values must be a scalar or 1-D; got an array of shape {magnitudes.shape}"
        )
    used = ~np.isnan(magnitudes)
    if isinstance(measured.source, pd.DataFrame):
        used &= _table_validity(measured.source)

    limit_value = _limit_ug_m3(record)
    n_used = int(used.sum())
    n_invalid = int(used.size - n_used)
    compared = _rounded(magnitudes, round_to)
    exceeds = used & (compared > limit_value)
    n_exceedances = int(exceeds.sum())

    if record.averaging == "annual":
        complies = None if n_used == 0 else n_exceedances == 0
        statistic = None
        n_days = None
    else:
        _check_one_year(measured.index, "values")
        assert record.percentile is not None  # checked by Standard
        raw = float(nan_percentile(np.where(used, magnitudes, np.nan), record.percentile)[0])
        value = float(_rounded(np.array([raw]), round_to)[0])
        complies = None if n_used == 0 else value <= limit_value
        statistic = Q_(value, _OUTPUT_UNITS)
        n_days = n_exceedances

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
        values=wrap(packed, _OUTPUT_UNITS, measured.kind, measured.index),
        used=_pack_bool(used, measured),
        round_to=round_to,
    )
