r"""HJ 633 air quality index (AQI, 空气质量指数): sub-indices, AQI, level and category.

China's AQI (HJ 633-2012 《环境空气质量指数（AQI）技术规定（试行）》) turns each
pollutant's concentration into an individual air quality index (IAQI, 空气质量分指数)
by linear interpolation in a table of breakpoints (Table 1):

.. math::

    \mathrm{IAQI}_P = \frac{\mathrm{IAQI}_{Hi} - \mathrm{IAQI}_{Lo}}{BP_{Hi} - BP_{Lo}}
    \, (C_P - BP_{Lo}) + \mathrm{IAQI}_{Lo}

where :math:`BP_{Lo} \le C_P \le BP_{Hi}` are the breakpoints around the
concentration :math:`C_P` and :math:`\mathrm{IAQI}_{Lo}`, :math:`\mathrm{IAQI}_{Hi}`
the index values at them. The AQI is the largest IAQI,
:math:`\mathrm{AQI} = \max(\mathrm{IAQI}_1, \ldots, \mathrm{IAQI}_n)`; when it is above
50 the pollutant(s) with the largest IAQI are the *primary pollutant* (首要污染物), and
a pollutant whose IAQI is above 100 is *exceeding* (超标污染物). [P, transcribed by
openaq/aqi-hub ``docs/indices/china.md``]

The interpolation is continuous (each segment starts where the previous one ends),
so :func:`numpy.interp` over the breakpoints computes exactly this formula.

.. rubric:: Breakpoints

From :func:`breakpoint_table` (data file ``wasteless/data/aqi_hj633.toml``).

HJ 633-2012 Table 1, concentrations in µg/m³ (CO in mg/m³; — : no sub-index):

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

Quality: up to IAQI 300 [P] (the MEE text, transcribed by openaq/aqi-hub
``docs/data/china/breakpoints.csv``, which matches every value); the IAQI 400 and
500 breakpoints [W] (they agree across several independent public open-source
implementations, but the primary text was not checked). SO2 1-hour above 800 µg/m³
and O3 8-hour above 800 µg/m³ have no sub-index: the standard reports the SO2 24-hour
and the O3 1-hour sub-index instead.

HJ 633-2026 (in force from 2026-03-01 with GB 3095-2026 [S]): PM2.5 24-hour
breakpoints 0, 35, **60**, 115, 150, 250, 350, 500 µg/m³ — **unverified** [W], quoted
from the standard by a public code file. PM10: only 0, 50, 120, 250 µg/m³ are quoted,
so the 2026 PM10 sub-index is not available (an :class:`~wasteless.errors.InputError`).
Every other pollutant: the 2012 table, an explicit **assumption** [A].

.. rubric:: Rounding: a conflict between sources

HJ 633 is quoted in public discussions as requiring IAQI and AQI to be rounded *up*
to an integer (向上进位取整; a public code fixture quotes HJ 633-2026 §4.2.6: AQI and
IAQI "应全部向上进位取整数") [W]; openaq/aqi-hub says the AQI is rounded to the
*nearest* integer [W]. The primary text was not checked. :func:`aqi` rounds up by
default (``rounding="ceil"``) and lets the caller choose ``"round"`` or ``"none"``;
:func:`iaqi` and :func:`iaqi_pm25` always return the unrounded value.

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

This module is long (about 470 lines of code, the rest docstrings and tables) because it
is one topic: the HJ 633 index, every rule of the standard in one place.

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
"""

from __future__ import annotations

import datetime
import functools
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, overload

import numpy as np
import numpy.typing as npt
import pandas as pd
import pint

from wasteless._data import read_toml
from wasteless.air.pollutants import averaging_name, pollutant_name
from wasteless.errors import InputError
from wasteless.factors import QUALITY_TAGS
from wasteless.units import Q_, FloatArray, Measured, magnitude_in, unit_function, ureg

__all__ = [
    "AQI_KEYS",
    "EDITIONS",
    "AQICategory",
    "AboveScaleWarning",
    "BreakpointTable",
    "aqi",
    "breakpoint_table",
    "category",
    "iaqi",
    "iaqi_pm25",
]

BoolArray = npt.NDArray[np.bool_]

EDITIONS: tuple[str, ...] = ("HJ 633-2012", "HJ 633-2026")
"""The HJ 633 editions this module knows, oldest first."""

AQI_KEYS: Mapping[str, tuple[str, str]] = {
    "PM2.5": ("PM2.5", "24h"),
    "PM2.5_24h": ("PM2.5", "24h"),
    "PM10": ("PM10", "24h"),
    "PM10_24h": ("PM10", "24h"),
    "SO2_24h": ("SO2", "24h"),
    "SO2_1h": ("SO2", "1h"),
    "NO2_24h": ("NO2", "24h"),
    "NO2_1h": ("NO2", "1h"),
    "CO_24h": ("CO", "24h"),
    "CO_1h": ("CO", "1h"),
    "O3_1h": ("O3", "1h"),
    "O3_8h": ("O3", "8h"),
}
"""Keys :func:`aqi` accepts, each to its (pollutant, averaging period)."""

_ROUNDING = ("ceil", "round", "none")
_ABOVE_SCALE = ("cap", "nan")
_MISSING = ("raise", "propagate")


def _categories() -> tuple[FloatArray, npt.NDArray[np.object_], npt.NDArray[np.object_]]:
    """HJ 633-2012 Table 2 from the data file: upper bounds of levels 1-5, names."""
    records = sorted(read_toml("aqi_hj633.toml")["categories"], key=lambda r: r["level"])
    upper = np.array([float(r["upper"]) for r in records if "upper" in r])
    zh = np.array([r["category_zh"] for r in records], dtype=object)
    en = np.array([r["category_en"] for r in records], dtype=object)
    return upper, zh, en


# Upper AQI bound of levels 1-5 (level 6 is everything above 300), with the names of
# HJ 633-2012 Table 2.
_LEVEL_UPPER, _CATEGORY_ZH, _CATEGORY_EN = _categories()

# A computed IAQI within this many decimals of an integer is that integer: converting
# 0.035 mg/m³ to 35.000000000000007 µg/m³ must not round an IAQI of 50 up to 51.
_NOISE_DECIMALS = 9
# Likewise a concentration within this relative distance of the top breakpoint is on
# it: 800 µg/m³ SO2 (1 h) sent through mg/m³ must not lose its sub-index.
_TOP_TOLERANCE = 1e-12


class AboveScaleWarning(UserWarning):
    """A concentration above the top breakpoint was capped at IAQI 500.

    Emitted by :func:`iaqi`, :func:`iaqi_pm25` and :func:`aqi` with
    ``above_scale="cap"`` (the default); the message says how many values were
    capped. Pass ``above_scale="nan"`` to get NaN instead, without a warning.

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
        ``"24h"``, ``"1h"`` or ``"8h"`` (O3: daily maximum 8-hour moving mean).
    unit
        Unit of the concentration breakpoints [µg/m³, CO mg/m³].
    concentration
        Breakpoints, strictly increasing, in ``unit``.
    iaqi
        Individual AQI at each breakpoint [dimensionless].
    quality
        Quality tag of each breakpoint (see :data:`wasteless.factors.QUALITY_TAGS`).
    source, url, note
        Provenance and caveats.
    above_top
        ``"cap"``: above the top breakpoint the value is off the scale;
        ``"not_computed"``: the standard computes no sub-index there and reports
        the one of ``replaced_by`` instead.
    replaced_by
        The :data:`AQI_KEYS` key reported instead above the top (or ``""``).
    available
        False when the table is only partly known (``concentration`` then holds the
        known part); such a table cannot be used to compute an IAQI.

    Raises
    ------
    wasteless.errors.InputError
        If the breakpoints are not strictly increasing, the lists differ in length or
        a quality tag is unknown.

    Examples
    --------
    >>> table = breakpoint_table("PM2.5")
    >>> table.concentration[:3], table.unit, table.tag
    ((0.0, 35.0, 75.0), 'ug/m**3', '[P] to IAQI 300, [W] above')
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
        if self.above_top not in ("cap", "not_computed"):
            raise InputError(f"breakpoint table {name}: above_top must be 'cap' or 'not_computed'")

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
        """Quality of the table as printed in the docs, e.g. ``"[P] to IAQI 300, [W] above"``."""
        tags = self.quality
        if len(set(tags)) == 1:
            return f"[{tags[0]}]"
        parts = []
        for i, tag in enumerate(tags):
            if i + 1 == len(tags) or tags[i + 1] != tag:
                parts.append((tag, self.iaqi[i]))
        text = [f"[{tag}] to IAQI {upper:g}" for tag, upper in parts[:-1]]
        return ", ".join([*text, f"[{parts[-1][0]}] above"])


@functools.cache
def _data() -> tuple[Mapping[tuple[str, str, str], BreakpointTable], datetime.date]:
    """Read the breakpoint tables once: {(edition, pollutant, averaging): table}."""
    data = read_toml("aqi_hj633.toml")
    tables: dict[tuple[str, str, str], BreakpointTable] = {}
    for raw in data["tables"]:
        record = dict(raw)
        same_as = record.pop("same_as", None)
        if same_as is not None:
            base = tables[(same_as, record["pollutant"], record["averaging"])]
            inherited = {
                "unit": base.unit,
                "concentration": base.concentration,
                "iaqi": base.iaqi,
                "above_top": base.above_top,
                "replaced_by": base.replaced_by,
            }
            record = inherited | record
        n = len(record["concentration"])
        quality = record["quality"]
        record["quality"] = (quality,) * n if isinstance(quality, str) else tuple(quality)
        record["concentration"] = tuple(float(c) for c in record["concentration"])
        record["iaqi"] = tuple(float(i) for i in record["iaqi"])
        table = BreakpointTable(**record)
        tables[(table.edition, table.pollutant, table.averaging)] = table
    in_force = data["editions"]["HJ 633-2026"]["in_force_from"]
    return tables, in_force


def _choice(argument: str, value: Any, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        shown = ", ".join(repr(a) for a in allowed)
        raise InputError(f"{argument} must be one of {shown}; got {value!r}")
    return value


def breakpoint_table(
    pollutant: str, averaging: str = "24h", edition: str = "HJ 633-2012"
) -> BreakpointTable:
    """Return the HJ 633 breakpoint table of a pollutant and averaging period.

    Parameters
    ----------
    pollutant : str
        ``"SO2"``, ``"NO2"``, ``"PM10"``, ``"CO"``, ``"O3"`` or ``"PM2.5"`` (any case;
        ``"PM25"`` also accepted).
    averaging : str, optional
        ``"24h"`` (default), ``"1h"`` (SO2, NO2, CO, O3) or ``"8h"`` (O3: daily
        maximum 8-hour moving mean). O3 has no ``"24h"`` table.
    edition : str, optional
        ``"HJ 633-2012"`` (default) or ``"HJ 633-2026"``.

    Returns
    -------
    BreakpointTable
        The breakpoints [µg/m³, CO mg/m³], IAQI values, quality tags and source.
        For HJ 633-2026 PM10 the record is returned with ``available=False`` and
        only the known breakpoints.

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
    >>> breakpoint_table("CO").unit
    'mg/m**3'
    >>> breakpoint_table("PM2.5", edition="HJ 633-2026").concentration[2]
    60.0
    """
    name = pollutant_name(pollutant)
    _choice("edition", edition, EDITIONS)
    tables = _data()[0]
    periods = tuple(sorted(a for (e, p, a) in tables if e == edition and p == name))
    period = averaging_name(averaging, periods, f"averaging for {name}")
    return tables[(edition, name, period)]


def _usable(table: BreakpointTable, dated: str = "") -> BreakpointTable:
    if not table.available:
        known = ", ".join(f"{c:g}" for c in table.concentration)
        raise InputError(
            f"the {table.edition} {table.pollutant} {table.averaging} breakpoints beyond "
            f"{table.concentration[-1]:g} {_label(table.unit)} are not available from a "
            f"verified source (only {known} {_label(table.unit)} are quoted, [{table.quality[0]}])"
            f"{dated}; use edition='HJ 633-2012' for this pollutant"
        )
    return table


def _label(unit: str) -> str:
    return f"{ureg.Unit(unit):~P}"


# --- input conversion --------------------------------------------------------------

# Every concentration reaches the kernels in µg/m³ (the units pathway converts it);
# a table in mg/m³ (CO) is scaled once.
_UG = "ug/m**3"


@functools.lru_cache(maxsize=64)
def _breakpoints_ug(table: BreakpointTable) -> tuple[float, ...]:
    factor = float(Q_(1.0, table.unit).to(_UG).magnitude)
    return tuple(c * factor for c in table.concentration)


@dataclass(frozen=True)
class _Input:
    """A concentration in µg/m³: ``values`` is at least 1-d."""

    values: FloatArray
    shape: tuple[int, ...]  # () for a scalar
    index: Any  # the pandas index, or None
    name: Any  # the Series name, or None


def _input(measured: Measured, argument: str, missing: str, unit: str) -> _Input:
    """Flatten a measured concentration; refuse NaN unless ``missing="propagate"``."""
    magnitude = np.asarray(measured.values, dtype=np.float64)
    values = magnitude.reshape(-1) if magnitude.ndim != 1 else magnitude
    if missing == "raise":
        nan = np.isnan(values)
        if nan.any():
            raise _bad(
                argument,
                "must be finite (pass missing='propagate' to get NaN for NaN)",
                values * float(Q_(1.0, _UG).to(unit).magnitude),
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
    """The edition to use: one name, or (edition=None) a mask of values dated 2026 on."""
    if edition is not None:
        return _choice("edition", edition, EDITIONS)
    if not isinstance(index, pd.DatetimeIndex):
        raise InputError(
            f"edition=None picks the HJ 633 edition by date, which needs {argument} as a "
            "pandas Series with a DatetimeIndex; got undated input. Pass an explicit "
            f"edition, one of {', '.join(repr(e) for e in EDITIONS)}"
        )
    if index.hasnans:
        raise InputError(f"edition=None: the DatetimeIndex of {argument} contains NaT")
    wall_clock = index.tz_localize(None) if index.tz is not None else index
    return np.asarray(wall_clock >= pd.Timestamp(_data()[1]), dtype=np.bool_)


# --- the sub-index -----------------------------------------------------------------


def _interpolate(
    table: BreakpointTable, c: FloatArray, above_scale: str
) -> tuple[FloatArray, int, BoolArray]:
    """IAQI of ``c`` (1-d), the number of capped values and the not-computed mask."""
    breakpoints = _breakpoints_ug(table)
    values = np.interp(c, breakpoints, table.iaqi)
    above = c > breakpoints[-1] * (1.0 + _TOP_TOLERANCE)
    not_computed = np.zeros(c.shape, dtype=np.bool_)
    n_capped = 0
    if table.above_top == "not_computed":
        not_computed = above
        values[above] = np.nan
    elif above_scale == "nan":
        values[above] = np.nan
    else:  # np.interp already holds the top IAQI (500) beyond the last breakpoint
        n_capped = int(np.count_nonzero(above))
    return values, n_capped, not_computed


def _sub_index(
    c: FloatArray, pollutant: str, averaging: str, edition: str | BoolArray, above_scale: str
) -> tuple[FloatArray, int, BoolArray]:
    tables = _data()[0]
    if isinstance(edition, str):
        return _interpolate(_usable(tables[(edition, pollutant, averaging)]), c, above_scale)
    values = np.empty_like(c)
    not_computed = np.zeros(c.shape, dtype=np.bool_)
    n_capped = 0
    for name, mask in (("HJ 633-2012", ~edition), ("HJ 633-2026", edition)):
        if mask.any():
            dated = f" ({int(np.count_nonzero(mask))} value(s) dated from 2026-03-01)"
            table = _usable(tables[(name, pollutant, averaging)], dated)
            part, capped, nc = _interpolate(table, c[mask], above_scale)
            values[mask], not_computed[mask] = part, nc
            n_capped += capped
    return values, n_capped, not_computed


def _capped_message(n_capped: int, argument: str, pollutant: str, averaging: str) -> str:
    table = _data()[0][("HJ 633-2012", pollutant, averaging)]
    return (
        f"{n_capped} value(s) of {argument} ({pollutant} {averaging}) above the top "
        f"breakpoint {table.concentration[-1]:g} {_label(table.unit)} capped at IAQI 500; "
        "pass above_scale='nan' to get NaN instead"
    )


def _iaqi(
    concentration: Measured,
    pollutant: str,
    averaging: str,
    edition: str | None,
    above_scale: str,
    missing: str,
    argument: str,
) -> Any:
    _choice("above_scale", above_scale, _ABOVE_SCALE)
    _choice("missing", missing, _MISSING)
    if edition is not None:
        _choice("edition", edition, EDITIONS)
    table = breakpoint_table(pollutant, averaging)  # checks the names; gives the unit
    given = _input(concentration, argument, missing, table.unit)
    chosen = _edition_mask(edition, given.index, argument)
    values, n_capped, _ = _sub_index(
        given.values, table.pollutant, table.averaging, chosen, above_scale
    )
    if n_capped:
        message = _capped_message(n_capped, argument, table.pollutant, table.averaging)
        # stacklevel 4: the caller of iaqi() or iaqi_pm25(), through the units wrapper
        warnings.warn(message, AboveScaleWarning, stacklevel=4)
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
    edition: str | None = "HJ 633-2012",
    *,
    above_scale: str = "cap",
    missing: str = "raise",
) -> Any:
    r"""Individual air quality index (IAQI, 空气质量分指数) of one pollutant, unrounded.

    Linear interpolation in the HJ 633 breakpoint table (see the module docstring for
    the formula, the tables and their quality tags).

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
        ``"HJ 633-2012"`` (default) or ``"HJ 633-2026"`` (PM2.5 breakpoints
        unverified [W], PM10 unavailable, other pollutants assumed unchanged [A]).
        None picks the edition by date: only for a Series with a DatetimeIndex,
        timestamps from 2026-03-01 00:00 (local wall-clock time) use HJ 633-2026,
        earlier ones HJ 633-2012 (also for data from before 2012: the older API
        system is not modelled).
    above_scale : {"cap", "nan"}, optional
        Above the top breakpoint: ``"cap"`` (default) returns 500 and emits an
        :class:`AboveScaleWarning` saying how many values were capped; ``"nan"``
        returns NaN without a warning. A value within a relative 1e-12 of the top
        breakpoint counts as on it, so unit-conversion noise does not push it off.
    missing : {"raise", "propagate"}, optional
        ``"raise"`` (default) refuses NaN; ``"propagate"`` returns NaN for NaN.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        The unrounded IAQI [dimensionless, 0-500], in the container of
        ``concentration`` (a Series keeps its index and name). SO2 1-hour and O3
        8-hour concentrations above 800 µg/m³ give NaN: HJ 633 computes no sub-index
        there, and :func:`aqi` uses the SO2 24-hour / O3 1-hour sub-index instead.

    Raises
    ------
    wasteless.errors.MissingUnitsError
        If ``concentration`` is a bare number or a Series without a pint dtype.
    wasteless.errors.UnitsError
        If ``concentration`` is not a mass concentration.
    wasteless.errors.InputError
        For negative or infinite concentrations, NaN with ``missing="raise"``, an
        unknown pollutant, averaging period, edition or option, ``edition=None``
        with undated input, and PM10 under HJ 633-2026.

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
    """
    return _iaqi(
        concentration, pollutant, averaging, edition, above_scale, missing, "concentration"
    )


@unit_function(None, c_24h=_UG, allow_nan=("c_24h",))
def iaqi_pm25(
    c_24h: Any,
    edition: str | None = "HJ 633-2012",
    *,
    above_scale: str = "cap",
    missing: str = "raise",
) -> Any:
    """PM2.5 individual air quality index from the 24-hour mean, unrounded.

    Same as ``iaqi(c_24h, "PM2.5", "24h", edition, ...)``. HJ 633-2012 breakpoints
    0, 35, 75, 115, 150, 250, 350, 500 µg/m³ ↔ IAQI 0, 50, 100, 150, 200, 300, 400,
    500 ([P] to IAQI 300, [W] above); HJ 633-2026 moves the IAQI 100 breakpoint to
    60 µg/m³ (unverified [W]).

    Parameters
    ----------
    c_24h : pint.Quantity or pint-pandas Series
        24-hour mean PM2.5 concentration [µg/m³]. Scalar, array or Series.
    edition : str or None, optional
        ``"HJ 633-2012"`` (default), ``"HJ 633-2026"`` or None (by the dates of a
        Series with a DatetimeIndex); see :func:`iaqi`.
    above_scale : {"cap", "nan"}, optional
        Above 500 µg/m³: 500 with an :class:`AboveScaleWarning` (default) or NaN.
    missing : {"raise", "propagate"}, optional
        Whether NaN raises (default) or gives NaN.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        The unrounded IAQI [dimensionless], in the container of ``c_24h``.

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
    return _iaqi(c_24h, "PM2.5", "24h", edition, above_scale, missing, "c_24h")


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
    level = np.searchsorted(_LEVEL_UPPER, np.round(values, _NOISE_DECIMALS), side="left") + 1
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
    """AQI level (级别, 1-6) and category (类别) of AQI values (HJ 633-2012 Table 2).

    Levels 1-6 cover AQI 0-50, 51-100, 101-150, 151-200, 201-300 and above 300. The
    bounds are applied as ``<= 50``, ``<= 100``, ... so that the same rule serves
    integer (reported) and unrounded AQI values: 50 is level 1, 50.2 level 2.
    :func:`aqi` applies it to the AQI after rounding.

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


@unit_function(None, concentrations=_UG, allow_nan=("concentrations",))
def aqi(
    concentrations: Any,
    edition: str | None = "HJ 633-2012",
    rounding: str = "ceil",
    *,
    above_scale: str = "cap",
    missing: str = "raise",
) -> pd.DataFrame:
    r"""Air quality index (AQI) with primary pollutant, level and category (HJ 633).

    Each concentration gives a sub-index (:func:`iaqi`); the AQI is their maximum,
    rounded as ``rounding`` says; the primary pollutant(s) are those whose sub-index,
    rounded the same way, equals the reported AQI when it is above 50; level and
    category come from the reported AQI (:func:`category`).

    Parameters
    ----------
    concentrations : mapping of str to pint.Quantity or pint-pandas Series
        Concentrations [µg/m³; CO mg/m³] by key: ``"PM2.5"`` (or ``"PM2.5_24h"``),
        ``"PM10"`` (or ``"PM10_24h"``), ``"SO2_24h"``, ``"SO2_1h"``, ``"NO2_24h"``,
        ``"NO2_1h"``, ``"CO_24h"``, ``"CO_1h"``, ``"O3_1h"``, ``"O3_8h"`` (daily
        maximum 8-hour mean); see :data:`AQI_KEYS`. Give the set the report needs:
        the daily AQI uses the 24-hour values plus O3 1-hour and 8-hour maxima; the
        real-time AQI the 1-hour values. Values are scalars, 1-d arrays or Series;
        arrays and Series must have the same length, Series the same index; scalars
        are broadcast.
    edition : str or None, optional
        ``"HJ 633-2012"`` (default), ``"HJ 633-2026"`` or None (by the dates of the
        Series' DatetimeIndex); see :func:`iaqi`.
    rounding : {"ceil", "round", "none"}, optional
        How the reported AQI (and the sub-indices compared for the primary pollutant)
        are rounded. ``"ceil"`` (default): up to the next integer (向上进位取整),
        as HJ 633 is quoted in public discussions and in a public code fixture quoting
        HJ 633-2026 §4.2.6 [W]; a value within 1e-9 of an integer counts as that
        integer, so float noise from unit conversion does not add 1. ``"round"``: to
        the nearest integer, halves to even (GB/T 8170 四舍六入五成双; openaq/aqi-hub
        says "nearest integer" [W]). ``"none"``: unrounded.
    above_scale : {"cap", "nan"}, optional
        As for :func:`iaqi`. With ``"nan"`` an off-scale pollutant makes the AQI NaN
        (it is at least 500, but not on the scale).
    missing : {"raise", "propagate"}, optional
        As for :func:`iaqi`. A NaN concentration makes that row's AQI NaN (a maximum
        over an incomplete set of pollutants would understate it): ``level``,
        categories and ``primary_pollutant`` are then missing.

    Returns
    -------
    pandas.DataFrame
        One row per element, indexed like the Series input (else 0, 1, ...), with
        columns ``aqi`` (reported, rounded per ``rounding`` [dimensionless]),
        ``aqi_unrounded``, ``primary_pollutant`` (keys joined with ``","`` when tied;
        ``""`` when the AQI is 50 or less), ``level`` (1-6, ``Int64``),
        ``category_zh``, ``category_en``, ``edition`` (the edition used for the row)
        and one unrounded ``iaqi_<key>`` column per input (NaN for SO2 1-hour and O3
        8-hour values above 800 µg/m³).

    Raises
    ------
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError
        For a concentration without units or of the wrong dimension.
    wasteless.errors.InputError
        For an empty mapping, an unknown or repeated key (the message lists the
        allowed keys), the bad values and options of :func:`iaqi`, mismatched
        lengths or indices, arrays of more than one dimension, and an SO2 1-hour
        (O3 8-hour) value above 800 µg/m³ without ``"SO2_24h"`` (``"O3_1h"``) to
        report instead.

    Warns
    -----
    AboveScaleWarning
        With ``above_scale="cap"``, once per key with values above the top breakpoint.

    Notes
    -----
    Above 800 µg/m³ HJ 633 computes no SO2 1-hour or O3 8-hour sub-index and reports
    the SO2 24-hour or O3 1-hour one instead; here those entries are left out of the
    maximum (the replacement is already among the inputs).

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
    """
    _choice("rounding", rounding, _ROUNDING)
    _choice("above_scale", above_scale, _ABOVE_SCALE)
    _choice("missing", missing, _MISSING)
    if edition is not None:
        _choice("edition", edition, EDITIONS)
    measured: Measured = concentrations
    if measured.kind == "mapping":
        parts = dict(measured.values)
    elif measured.kind == "frame":
        parts = {
            key: Measured(measured.values[:, j], measured.units, "series", measured.index)
            for j, key in enumerate(measured.columns)
        }
    else:
        raise InputError(
            "concentrations must be a non-empty mapping of key to Quantity (e.g. "
            "{'PM2.5': Q_(75, 'ug/m3')}) or a DataFrame of pint-pandas pollutant columns; "
            f"got {type(measured.source).__name__}"
        )
    keys = list(parts)
    seen: dict[tuple[str, str], str] = {}
    for key in keys:
        if key not in AQI_KEYS:
            allowed = ", ".join(repr(k) for k in AQI_KEYS)
            raise InputError(f"concentrations: unknown key {key!r}; allowed keys: {allowed}")
        if AQI_KEYS[key] in seen:
            raise InputError(
                f"concentrations: {key!r} and {seen[AQI_KEYS[key]]!r} are the same quantity"
            )
        seen[AQI_KEYS[key]] = key
    tables = {key: breakpoint_table(*AQI_KEYS[key]) for key in keys}
    given = {
        key: _input(parts[key], f"concentrations[{key!r}]", missing, tables[key].unit)
        for key in keys
    }

    index = None
    lengths = set()
    for key, item in given.items():
        if len(item.shape) > 1:
            raise InputError(
                f"concentrations[{key!r}] must be a scalar, 1-d array or Series; "
                f"got shape {item.shape}"
            )
        if item.shape:
            lengths.add(item.shape[0])
        if item.index is not None:
            if index is None:
                index = item.index
            elif not item.index.equals(index):
                raise InputError(
                    f"concentrations[{key!r}] has a different index from the other Series; "
                    "align them first (e.g. pd.concat(series, axis=1))"
                )
    if len(lengths) > 1:
        raise InputError(f"concentrations have different lengths {sorted(lengths)}")
    n = lengths.pop() if lengths else 1
    chosen = _edition_mask(edition, index, "concentrations")

    matrix = np.empty((n, len(keys)))
    not_computed = np.zeros((n, len(keys)), dtype=np.bool_)
    for j, key in enumerate(keys):
        c = np.broadcast_to(given[key].values, (n,))
        pollutant, averaging = AQI_KEYS[key]
        matrix[:, j], n_capped, not_computed[:, j] = _sub_index(
            c, pollutant, averaging, chosen, above_scale
        )
        if n_capped:
            message = _capped_message(n_capped, f"concentrations[{key!r}]", pollutant, averaging)
            warnings.warn(message, AboveScaleWarning, stacklevel=3)
        replacement = tables[key].replaced_by
        if not_computed[:, j].any() and AQI_KEYS[replacement] not in seen:
            raise InputError(
                f"concentrations[{key!r}] is above {tables[key].concentration[-1]:g} "
                f"{_label(tables[key].unit)} in {int(not_computed[:, j].sum())} value(s): HJ 633 "
                f"computes no {key} sub-index there and reports the {replacement} one "
                f"instead; pass concentrations[{replacement!r}] too"
            )

    unrounded = np.where(not_computed, -np.inf, matrix).max(axis=1)
    reported = _reported(unrounded, rounding)
    is_primary = (
        (_reported(matrix, rounding) == reported[:, None])
        & ~not_computed
        & (reported > 50.0)[:, None]
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
        "level": categories["level"],
        "category_zh": categories["category_zh"],
        "category_en": categories["category_en"],
        "edition": editions,
    }
    columns |= {f"iaqi_{key}": matrix[:, j] for j, key in enumerate(keys)}
    return pd.DataFrame(columns, index=frame_index)
