r"""Waste streams: a mass per year split by fraction and by route (where it goes).

A *stream* is the municipal solid waste of a city (or any waste) as one table of masses:
year × fraction × route, in tonnes. The fractions are the IPCC 2006 Vol. 5 Table 2.4
waste types of :data:`~wasteless.waste.fractions.FRACTIONS` (food, garden, paper, wood,
textiles, nappies, rubber_leather, plastics, metal, glass, other); the routes are
:data:`~wasteless.waste.fractions.ROUTES` (landfill by site type, incineration, open
burning, composting, anaerobic digestion, recycling). It is built from a total and
shares, or from masses by fraction, and it is what the landfill, biological-treatment
and incineration models take (:meth:`Stream.to_route`: the mass of each fraction sent
to one route, year by year).

* :func:`stream`: total × composition × route shares -> :class:`Stream`.
* :func:`generation`: a per-capita rate × population -> the mass generated per year.
* :meth:`Stream.move` and :meth:`Stream.with_routes`: what a scenario changes (kitchen
  waste separated to digestion, more incineration), mass conserved.
* :meth:`Stream.by_fraction`, :meth:`Stream.by_route`, :meth:`Stream.to_route`,
  :meth:`Stream.to_frame`, :attr:`Stream.total`: the masses as pandas tables with units.
* :func:`stream_for_city`: the stream of one city of a What a Waste 2.0 table
  (:func:`wasteless.io.read_what_a_waste`).
* :func:`regional_composition` and :func:`composition_factors`: the IPCC default MSW
  composition of Eastern Asia and China (``wasteless/data/waste_composition.toml``).

Shares must sum to 100 % within a tolerance (:data:`DEFAULT_TOLERANCE`, ±0.5
percentage points: the rounding of shares published to 0.1 %); inside it they are
rescaled to exactly 100 % and the stream's :attr:`~Stream.notes` say so; outside it
:func:`stream` refuses, naming the sum, unless ``normalise=True`` asks it to rescale
(also noted). A share given as NaN is *unknown*, never silently 0: it counts as 0 only
when the other shares already sum to 100 %.

This module is long (about 1,000 lines of code, the rest docstrings) because it is one
topic: the mass balance of a stream. Building it from shares or masses (per year),
changing its routes and building a What a Waste city's stream all go through one
validation of shares and masses, and each keeps the total.

Examples
--------
>>> from wasteless import Q_
>>> s = stream(
...     Q_(1000, "t"),
...     {"food": Q_(60, "percent"), "paper": Q_(25, "percent"), "plastics": Q_(15, "percent")},
...     {"landfill_managed_anaerobic": Q_(90, "percent"), "incineration": Q_(10, "percent")},
... )
>>> s.to_route("landfill_managed_anaerobic")[["food", "paper", "plastics"]]
fraction
food        540.0
paper       225.0
plastics    135.0
dtype: pint[metric_ton][float64]
>>> digested = s.move("food", to="anaerobic_digestion")
>>> digested.by_route()[["landfill_managed_anaerobic", "anaerobic_digestion"]]
route
landfill_managed_anaerobic    360.0
anaerobic_digestion           600.0
dtype: pint[metric_ton][float64]
>>> digested.total
<Quantity(1000.0, 'metric_ton')>
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd
import pint

from wasteless._data import read_toml
from wasteless._validate import check_choice, check_columns, check_flag
from wasteless.errors import InputError, NotFoundError, UnitsError
from wasteless.factors import Factor
from wasteless.units import (
    FloatArray,
    Measured,
    as_fraction,
    magnitude_in,
    pint_series,
    unit_function,
    ureg,
    wrap,
)
from wasteless.waste.fractions import FRACTIONS, ROUTES, check_name

__all__ = [
    "COMPOSITION_REGIONS",
    "DEFAULT_TOLERANCE",
    "UNROUTED_COLUMNS",
    "Stream",
    "composition_factors",
    "generation",
    "regional_composition",
    "stream",
    "stream_for_city",
]

DEFAULT_TOLERANCE = 0.005
"""How far shares may sum from 100 % and still be accepted: 0.005 = ±0.5 percentage points.

Shares published to one decimal place of a percent (63.4 %, as What a Waste and most
municipal statistics give them) carry a rounding error of up to ±0.05 points each, so
ten of them can sum to anything from 99.5 % to 100.5 % when the unrounded shares summed
to exactly 100 %. Inside the tolerance the shares are rescaled to exactly 100 % (mass is
conserved) and the stream's notes record the sum; outside it the shares are refused
unless ``normalise=True``. At most 0.1 (10 points) is accepted: a larger gap is not
rounding.
"""

_MAX_TOLERANCE = 0.1
_NOTE_THRESHOLD = 1e-9  # a sum this close to 1 is floating-point noise, not worth a note
_FIRST_YEAR, _LAST_YEAR = 1900, 2200  # as _validate.check_year

# Column names of a city table (wasteless.io.read_what_a_waste): one per fraction and
# per route, so that stream_for_city can read any table laid out the same way.
COMPOSITION_PREFIX = "composition_"
TREATMENT_PREFIX = "treatment_"

UNROUTED_COLUMNS: tuple[str, ...] = (
    "treatment_advanced_thermal_treatment",
    "treatment_waterways_marine",
    "treatment_other",
    "treatment_unaccounted_for",
)
"""Treatment columns of a What a Waste table that are not a route of :data:`ROUTES`.

Advanced thermal treatment (gasification, pyrolysis: not incineration's emission
factors), waste to waterways and the sea, "other" and "unaccounted for" (typically
dumped or burnt uncollected: the table does not say). :func:`stream_for_city` never
drops them silently: see its ``unrouted`` argument.
"""

_UNROUTED_CHOICES = ("refuse", "rescale")


@functools.cache
def _dimension(units: str) -> Any:
    # looked up on first use: pint builds its registry (~100 ms) only when someone needs it
    return ureg.Unit(units).dimensionality


Values = float | FloatArray


# --- argument checks ---------------------------------------------------------------------


def _tolerance(value: Any) -> float:
    fraction = as_fraction(value, "tolerance")  # a percent Quantity or a fraction
    tolerance = math.inf if np.ndim(fraction) else float(fraction)
    if not tolerance <= _MAX_TOLERANCE:
        raise InputError(
            f"tolerance must be a ratio of at most {100 * _MAX_TOLERANCE:g} % (0.1); got "
            f"{value!r}: a larger gap is not rounding, pass normalise=True to rescale "
            "the shares instead (the stream's notes record it)"
        )
    return tolerance


def _years(index: Any, name: str) -> pd.Index:
    """The index of a Series as calendar years: integers 1900-2200, strictly increasing."""
    if not isinstance(index, pd.Index) or isinstance(index, pd.MultiIndex):
        raise InputError(f"{name}: the index must hold calendar years; got {type(index).__name__}")
    if len(index) == 0:
        raise InputError(f"{name} is an empty Series: give at least one year")
    whole_floats = pd.api.types.is_float_dtype(index.dtype) and bool(
        np.all(np.mod(index.to_numpy(dtype=np.float64), 1.0) == 0.0)  # NaN, inf fail this
    )
    if not (pd.api.types.is_integer_dtype(index.dtype) or whole_floats):
        raise InputError(
            f"{name}: the index must hold calendar years as integers (e.g. 2019); got an "
            f"index of dtype {index.dtype} ({list(index[:3])!r}...)"
        )
    values = (
        index.to_numpy(dtype=np.float64).astype(np.int64)
        if whole_floats
        else (index.to_numpy(dtype=np.int64))
    )
    outside = (values < _FIRST_YEAR) | (values > _LAST_YEAR)
    if outside.any():
        raise InputError(
            f"{name}: years must be calendar years in [{_FIRST_YEAR}, {_LAST_YEAR}]; got "
            f"{int(values[outside][0])}"
        )
    steps = np.diff(values)
    if (steps <= 0).any():
        at = int(np.flatnonzero(steps <= 0)[0])
        raise InputError(
            f"{name}: years must be strictly increasing (no repeats); got {int(values[at + 1])} "
            f"after {int(values[at])} at position {at + 1}"
        )
    return pd.Index(values, name="year")


def _common_years(indexed: Sequence[tuple[str, Any]]) -> pd.Index | None:
    """The one set of years of every Series argument (None when all are scalars)."""
    years: pd.Index | None = None
    first = ""
    for name, index in indexed:
        these = _years(index, name)
        if years is None:
            years, first = these, name
        elif not these.equals(years):
            raise InputError(
                f"{name}: its years {_show_years(these)} differ from those of {first} "
                f"{_show_years(years)}; give every Series over the same years (wasteless "
                "does not align or fill them)"
            )
    return years


def _show_years(years: pd.Index) -> str:
    if len(years) > 4:
        return f"{years[0]}-{years[-1]} ({len(years)} years)"
    return str(list(years))


def _dimensionality(value: Any) -> Any:
    if isinstance(value, pint.Quantity):
        return value.dimensionality
    units = getattr(getattr(value, "dtype", None), "units", None)
    return None if units is None else units.dimensionality


def _mass_values(value: Any, name: str) -> tuple[Values, pd.Index | None]:
    """A mass in a year (t) or a mass per year (t/year) -> tonnes, and its index of years."""
    if isinstance(value, (pd.DataFrame, Mapping)):
        raise InputError(
            f"{name} must be a mass Quantity or a pint Series over years; got a "
            f"{type(value).__name__}"
        )
    dimension = _dimensionality(value)
    if dimension is None:
        magnitude_in(value, "t", name)  # raises: no units (with how to attach them)
        raise InputError(f"{name} must be a mass Quantity; got {value!r:.80}")
    if dimension == _dimension("t"):
        target = "t"
    elif dimension == _dimension("t/year"):
        target = "t/year"
    else:
        units = value.units if isinstance(value, pint.Quantity) else value.dtype.units
        raise UnitsError(
            name,
            f"{units:~P}" if str(units) else "dimensionless",
            "t (the mass of a year) or t/year",
            str(dimension),
            "[mass] or [mass] / [time]",
        )
    values = magnitude_in(value, target, name)
    index = value.index if isinstance(value, pd.Series) else None
    if index is None and np.ndim(values):
        raise InputError(
            f"{name} must be one mass, or a pint Series indexed by year; got an array of "
            f"{np.size(values)} values without years: e.g. pd.Series(values, "
            "index=[2019, 2020, ...], dtype='pint[t]')"
        )
    _check_not_negative(values, name, "t" if target == "t" else "t/year")
    return values, index


def _check_not_negative(values: Values, name: str, unit: str) -> None:
    if np.any(np.asarray(values) < 0.0):
        first = float(np.asarray(values).reshape(-1)[np.argmax(np.asarray(values) < 0)])
        raise InputError(f"{name} must be >= 0 (a mass); got {first!r} {unit}")


def _is_nan_scalar(value: Any) -> bool:
    magnitude = value.magnitude if isinstance(value, pint.Quantity) else value
    return (
        isinstance(magnitude, (float, np.floating))
        and not isinstance(magnitude, bool)
        and math.isnan(magnitude)
    )


def _share_values(value: Any, name: str) -> tuple[Values, pd.Index | None]:
    """A share -> a fraction in [0, 1] (NaN: unknown), or a Series of them over years."""
    if isinstance(value, pd.Series):
        missing = np.asarray(value.isna(), dtype=bool)
        out = np.full(len(value), np.nan)
        known = as_fraction(value[~missing], name)
        out[~missing] = known
        if missing.all() and isinstance(value.dtype, pd.api.extensions.ExtensionDtype):
            as_fraction(value.iloc[:0], name)  # the units are checked even when all is NaN
        return out, value.index
    if isinstance(value, (pd.DataFrame, Mapping)):
        raise InputError(
            f"{name} must be one share (a percent Quantity or a fraction in [0, 1]) or a "
            f"Series of shares over years; got a {type(value).__name__}"
        )
    if _is_nan_scalar(value):
        if isinstance(value, pint.Quantity):
            as_fraction(value.__class__(0.0, value.units), name)  # units and registry
        return math.nan, None
    share = as_fraction(value, name)
    if np.ndim(share):
        raise InputError(
            f"{name} must be one share or a Series of shares over years; got "
            f"{np.size(share)} values without years"
        )
    return float(share), None


def _is_mass(value: Any) -> bool:
    dimension = _dimensionality(value)
    return dimension is not None and dimension in (_dimension("t"), _dimension("t/year"))


def _items(value: Any, name: str, allowed: tuple[str, ...], label: str) -> dict[str, Any]:
    """A mapping, a Series (by name) or a DataFrame (names as columns) as name -> value."""
    if isinstance(value, pd.DataFrame):
        if value.columns.has_duplicates:
            twice = value.columns[value.columns.duplicated()][0]
            raise InputError(f"{name} has the column {twice!r} twice")
        pairs: Iterable[tuple[Any, Any]] = ((key, value[key]) for key in value.columns)
    elif isinstance(value, pd.Series):
        if value.index.has_duplicates:
            twice = value.index[value.index.duplicated()][0]
            raise InputError(f"{name} has the {label} {twice!r} twice")
        pairs = ((key, value.iloc[i]) for i, key in enumerate(value.index))
    elif isinstance(value, Mapping):
        pairs = value.items()
    else:
        raise InputError(
            f"{name} must be a mapping {label} -> value (or a pandas Series indexed by "
            f"{label}); got {type(value).__name__}"
        )
    items = {check_name(key, f"{name}: {label}", allowed): item for key, item in pairs}
    if not items:
        raise InputError(f"{name} is empty: give at least one {label}")
    return items


# --- shares to 100 % --------------------------------------------------------------------


def _percent(value: float) -> str:
    return f"{100.0 * value:.6g} %"


def _describe_sums(sums: FloatArray, years: pd.Index | None) -> str:
    if years is None or len(sums) == 1 or np.ptp(sums) <= _NOTE_THRESHOLD:
        return _percent(float(sums[0]))
    return f"{_percent(float(sums.min()))} to {_percent(float(sums.max()))} over the years"


def _to_100(
    values: FloatArray,
    name: str,
    labels: Sequence[str],
    tolerance: float,
    normalise: bool,
    years: pd.Index | None,
    notes: list[str],
) -> FloatArray:
    """Shares (years × names, NaN unknown) rescaled to sum to exactly 1 in each year.

    Refuses sums off 100 % by more than ``tolerance`` unless ``normalise``; records in
    ``notes`` every rescaling and every unknown share taken as 0.
    """
    missing = np.isnan(values)
    known = np.where(missing, 0.0, values)
    sums = known.sum(axis=1)
    if (sums <= 0.0).any():
        if missing.any():
            raise InputError(
                f"{name} gives no known share above 0 (the others are NaN, unknown): "
                "nothing to split by"
            )
        raise InputError(f"{name} sums to 0 %: give at least one share above 0")
    off = np.abs(sums - 1.0) > tolerance
    unknown = [labels[int(j)] for j in np.flatnonzero(missing.any(axis=0))]
    if off.any() and not normalise:
        at = int(np.flatnonzero(off)[0])
        when = "" if years is None else f" in {years[at]}"
        hint = (
            f"; the shares left NaN (unknown: {', '.join(unknown)}) may hold the missing "
            f"{_percent(1.0 - float(sums[at]))}"
            if unknown and sums[at] < 1.0
            else ""
        )
        raise InputError(
            f"{name} sums to {_percent(float(sums[at]))}{when}, not 100 % within the "
            f"tolerance ±{100 * tolerance:g} percentage points{hint}. Correct the shares, "
            "or pass normalise=True to rescale them to 100 % (the stream's notes record it)"
        )
    if (np.abs(sums - 1.0) > _NOTE_THRESHOLD).any():
        why = (
            "normalise=True" if off.any() else f"within the tolerance ±{100 * tolerance:g} points"
        )
        notes.append(f"{name} summed to {_describe_sums(sums, years)}; rescaled to 100 % ({why})")
    if unknown:
        notes.append(
            f"{name}: {', '.join(unknown)} not given (NaN, unknown), taken as 0 % since the "
            "given shares make up 100 %" + (" after rescaling" if off.any() else "")
        )
    rescaled: FloatArray = known / sums[:, None]
    return rescaled


def _broadcast(parts: Mapping[str, Values], names: tuple[str, ...], n: int) -> FloatArray:
    """Values by name (scalars or arrays over years) as a years × names array (0 if absent)."""
    out = np.zeros((n, len(names)))
    for j, key in enumerate(names):
        if key in parts:
            out[:, j] = parts[key]
    return out


# --- the stream record ------------------------------------------------------------------


def _one_or_many(names: Any, argument: str, allowed: tuple[str, ...]) -> list[str]:
    if isinstance(names, str):
        return [check_name(names, argument, allowed)]
    if isinstance(names, Iterable) and not isinstance(names, (bytes, Mapping)):
        listed = [check_name(name, argument, allowed) for name in names]
        if not listed:
            raise InputError(f"{argument} is empty: name at least one of {', '.join(allowed)}")
        if len(set(listed)) != len(listed):
            raise InputError(f"{argument} names a value twice: {listed}")
        return listed
    raise InputError(f"{argument} must be a name or a list of names; got {names!r:.80}")


@dataclass(frozen=True, eq=False)
class Stream:
    """A waste stream: mass by year × fraction × route, in tonnes (built by :func:`stream`).

    Parameters
    ----------
    mass : numpy.ndarray
        Float64 masses [t] of shape (years, fractions, routes): one row per year (one
        row for a stream without years), columns in the order of
        :data:`~wasteless.waste.fractions.FRACTIONS` and
        :data:`~wasteless.waste.fractions.ROUTES`. Kept as a read-only copy.
    years : pandas.Index or None
        The calendar years of the rows (integers, strictly increasing), or None for a
        stream of one unspecified year.
    notes : tuple of str
        What was assumed or adjusted on the way in (shares rescaled to 100 %, unknown
        shares taken as 0, a data source): read them before reporting a result.

    Attributes
    ----------
    fractions, routes : tuple of str
        The names along the second and third axes of ``mass``.

    See Also
    --------
    stream : how a stream is built and checked.

    Examples
    --------
    >>> from wasteless import Q_
    >>> s = stream(Q_(10, "t"), {"food": 1.0}, {"composting": 1.0})
    >>> s
    Stream(10 t, one year; food 100 %; composting 100 %)
    >>> s.mass.shape
    (1, 11, 10)
    """

    mass: FloatArray
    years: pd.Index | None = None
    notes: tuple[str, ...] = ()

    fractions = FRACTIONS
    routes = ROUTES

    def __post_init__(self) -> None:
        mass = self.mass
        if isinstance(mass, np.ndarray) and mass.dtype.kind in "iuf":
            mass = np.array(mass, dtype=np.float64)  # a copy: the caller keeps theirs
        else:
            raise InputError(
                f"mass must be a float64 array of shape (years, {len(FRACTIONS)}, "
                f"{len(ROUTES)}); got {type(self.mass).__name__}"
            )
        if mass.ndim != 3 or mass.shape[1:] != (len(FRACTIONS), len(ROUTES)) or not len(mass):
            raise InputError(
                f"mass must have the shape (years, {len(FRACTIONS)}, {len(ROUTES)}); got "
                f"{mass.shape}"
            )
        if not np.isfinite(mass).all() or (mass < 0.0).any():
            raise InputError("mass must hold finite masses >= 0 (t)")
        years = self.years
        if years is not None:
            years = _years(years, "years")
            if len(years) != len(mass):
                raise InputError(f"years has {len(years)} years for {len(mass)} rows of mass")
        elif len(mass) != 1:
            raise InputError(f"a stream without years has one row of mass; got {len(mass)}")
        if not isinstance(self.notes, tuple) or not all(isinstance(n, str) for n in self.notes):
            raise InputError(f"notes must be a tuple of str; got {self.notes!r:.80}")
        mass.flags.writeable = False
        object.__setattr__(self, "mass", mass)
        object.__setattr__(self, "years", years)

    def __repr__(self) -> str:
        by_fraction = self.mass.sum(axis=(0, 2))
        by_route = self.mass.sum(axis=(0, 1))
        grand = by_fraction.sum()

        def top(values: FloatArray, names: tuple[str, ...]) -> str:
            if grand <= 0.0:
                return "none"
            order = np.argsort(-values, kind="stable")[:3]
            return ", ".join(
                f"{names[j]} {100 * values[j] / grand:.3g} %" for j in order if values[j] > 0
            )

        if self.years is None:
            span = f"{grand:.6g} t, one year"
        else:
            span = f"{grand:.6g} t over {len(self.years)} year(s) {self.years[0]}-{self.years[-1]}"
        notes = f"; {len(self.notes)} note(s)" if self.notes else ""
        return f"Stream({span}; {top(by_fraction, FRACTIONS)}; {top(by_route, ROUTES)}{notes})"

    # --- tables -------------------------------------------------------------------------

    def _table(self, values: FloatArray, names: tuple[str, ...], label: str) -> Any:
        """Years × names in tonnes: a DataFrame (by year) or a Series (no years)."""
        if self.years is None:
            return pint_series(values[0], "t", pd.Index(names, name=label))
        columns = {
            name: pint_series(values[:, j], "t", self.years) for j, name in enumerate(names)
        }
        frame = pd.DataFrame(columns, index=self.years)
        frame.columns.name = label
        return frame

    @property
    def total(self) -> Any:
        """The total mass [t]: a Quantity (no years) or a pint Series over years.

        Examples
        --------
        >>> from wasteless import Q_
        >>> stream(Q_(2500, "kg"), {"food": 1.0}, {"composting": 1.0}).total
        <Quantity(2.5, 'metric_ton')>
        """
        totals = self.mass.sum(axis=(1, 2))
        if self.years is None:
            return wrap(float(totals[0]), "t", "scalar")
        return pint_series(totals, "t", self.years, name="total")

    def by_fraction(self) -> Any:
        """The mass of each fraction, all routes together [t].

        Returns
        -------
        pandas.Series or pandas.DataFrame
            A pint Series indexed by fraction (a stream without years), or a DataFrame
            indexed by year with one pint column per fraction.

        Examples
        --------
        >>> from wasteless import Q_
        >>> s = stream(Q_(10, "t"), {"food": 0.7, "paper": 0.3}, {"composting": 1.0})
        >>> s.by_fraction()["paper"]
        <Quantity(3.0, 'metric_ton')>
        """
        return self._table(self.mass.sum(axis=2), FRACTIONS, "fraction")

    def by_route(self) -> Any:
        """The mass sent to each route, all fractions together [t].

        Returns
        -------
        pandas.Series or pandas.DataFrame
            A pint Series indexed by route, or a DataFrame indexed by year with one pint
            column per route.

        Examples
        --------
        >>> from wasteless import Q_
        >>> s = stream(Q_(10, "t"), {"food": 1.0}, {"composting": 0.4, "incineration": 0.6})
        >>> s.by_route()["incineration"]
        <Quantity(6.0, 'metric_ton')>
        """
        return self._table(self.mass.sum(axis=1), ROUTES, "route")

    def to_route(self, route: Any) -> Any:
        """The mass of each fraction sent to ``route`` (or to several routes, summed) [t].

        What a treatment model takes: e.g. the deposits of a landfill by fraction.

        Parameters
        ----------
        route : str or list of str
            A name of :data:`~wasteless.waste.fractions.ROUTES`, or several (their
            masses are added, e.g. every landfill site type).

        Returns
        -------
        pandas.Series or pandas.DataFrame
            A pint Series [t] indexed by fraction (a stream without years), or a
            DataFrame indexed by year with one pint column [t] per fraction.

        Raises
        ------
        wasteless.errors.NotFoundError
            If a route is unknown (the message names the closest).

        Examples
        --------
        >>> import pandas as pd
        >>> from wasteless import Q_
        >>> total = pd.Series([100.0, 120.0], index=[2019, 2020], dtype="pint[t]")
        >>> s = stream(total, {"food": 0.5, "paper": 0.5}, {"landfill_uncategorised": 1.0})
        >>> s.to_route("landfill_uncategorised")[["food", "paper"]]
        fraction  food  paper
        year
        2019      50.0   50.0
        2020      60.0   60.0
        """
        chosen = _one_or_many(route, "route", ROUTES)
        where = [ROUTES.index(name) for name in chosen]
        return self._table(self.mass[:, :, where].sum(axis=2), FRACTIONS, "fraction")

    def to_frame(self) -> pd.DataFrame:
        """The stream as a tidy table: one row per (year,) fraction and route.

        Returns
        -------
        pandas.DataFrame
            Columns ``year`` (int; only for a stream with years), ``fraction``,
            ``route`` (str) and ``mass`` (pint [t]); every combination, zeros included,
            years in order, then fractions and routes in the order of
            :data:`~wasteless.waste.fractions.FRACTIONS` and
            :data:`~wasteless.waste.fractions.ROUTES`.

        Examples
        --------
        >>> from wasteless import Q_
        >>> tidy = stream(Q_(10, "t"), {"food": 1.0}, {"composting": 1.0}).to_frame()
        >>> tidy[tidy["mass"].pint.magnitude > 0]
           fraction       route  mass
        7      food  composting  10.0
        >>> len(tidy)
        110
        """
        n, f, r = self.mass.shape
        columns: dict[str, Any] = {}
        if self.years is not None:
            columns["year"] = np.repeat(self.years.to_numpy(), f * r)
        columns["fraction"] = np.tile(np.repeat(np.array(FRACTIONS, dtype=object), r), n)
        columns["route"] = np.tile(np.array(ROUTES, dtype=object), n * f)
        columns["mass"] = pint_series(self.mass.reshape(-1), "t")
        return pd.DataFrame(columns)

    # --- what a scenario changes ----------------------------------------------------------

    def move(self, fraction: Any, to: Any, share: Any = 1.0, *, from_routes: Any = None) -> Stream:
        """Send ``share`` of a fraction's mass to another route (e.g. food to digestion).

        The mass taken from each source route is ``share`` of what the fraction sends
        there; it all goes to ``to``. Nothing else changes, and the total of every
        fraction is conserved (to floating-point rounding).

        Parameters
        ----------
        fraction : str or list of str
            A name of :data:`~wasteless.waste.fractions.FRACTIONS`, or several.
        to : str
            The route that receives the mass, e.g. ``"anaerobic_digestion"``.
        share : pint.Quantity, float or pandas.Series, optional
            The share moved [percent] (a percent Quantity or a fraction in [0, 1]): the
            separation rate. A Series over the stream's years for a rate that changes
            (a separation programme ramping up). Default 1.0: all of it.
        from_routes : str or list of str, optional
            Take only from these routes (e.g. only from landfill). Default: every route
            except ``to``.

        Returns
        -------
        Stream
            A new stream (this one is unchanged), with a note of the move.

        Raises
        ------
        wasteless.errors.NotFoundError
            If a fraction or route is unknown.
        wasteless.errors.InputError
            If ``share`` is not a ratio in [0, 100 %], is NaN, or is a Series over other
            years than the stream's; if ``to`` is among ``from_routes``.

        Examples
        --------
        >>> from wasteless import Q_
        >>> s = stream(Q_(100, "t"), {"food": 0.6, "paper": 0.4}, {"landfill_uncategorised": 1})
        >>> moved = s.move("food", to="anaerobic_digestion", share=Q_(50, "percent"))
        >>> moved.by_route()[["landfill_uncategorised", "anaerobic_digestion"]]
        route
        landfill_uncategorised    70.0
        anaerobic_digestion       30.0
        dtype: pint[metric_ton][float64]
        """
        fractions = _one_or_many(fraction, "fraction", FRACTIONS)
        target = check_name(to, "to", ROUTES)
        sources = (
            [r for r in ROUTES if r != target]
            if from_routes is None
            else _one_or_many(from_routes, "from_routes", ROUTES)
        )
        if target in sources:
            raise InputError(f"from_routes must not include the target route to={target!r}")
        values, index = _share_values(share, "share")
        if index is not None:
            if self.years is None:
                raise InputError(
                    "share is a Series over years but the stream has no years: give one share"
                )
            _common_years([("the stream", self.years), ("share", index)])
        if np.isnan(values).any():
            raise InputError("share must be a known ratio; got NaN")
        rate = np.broadcast_to(np.asarray(values, dtype=np.float64), (len(self.mass),))
        mass = np.array(self.mass)
        f = [FRACTIONS.index(name) for name in fractions]
        s = [ROUTES.index(name) for name in sources]
        block = mass[:, f][:, :, s]  # years × fractions × sources
        moved = block * rate[:, None, None]  # <= block: rate <= 1
        mass[np.ix_(range(len(mass)), f, s)] = block - moved
        mass[:, f, ROUTES.index(target)] += moved.sum(axis=2)
        shown = _percent(float(rate[0])) if np.ptp(rate) == 0 else "a yearly share"
        note = f"moved {shown} of {', '.join(fractions)} to {target}"
        if from_routes is not None:
            note += f" from {', '.join(sources)}"
        return Stream(mass, self.years, (*self.notes, note))

    def with_routes(
        self, routes: Any, *, normalise: bool = False, tolerance: Any = DEFAULT_TOLERANCE
    ) -> Stream:
        """The same masses by fraction, sent by new route shares.

        Parameters
        ----------
        routes : mapping
            As for :func:`stream`: route -> share, and/or fraction -> {route -> share}.
        normalise : bool, optional
            Rescale route shares that do not sum to 100 % (recorded in the notes).
        tolerance : pint.Quantity or float, optional
            How far shares may sum from 100 % [percent]; default :data:`DEFAULT_TOLERANCE`.

        Returns
        -------
        Stream
            A new stream with the same mass of each fraction in each year.

        Raises
        ------
        wasteless.errors.InputError, wasteless.errors.NotFoundError
            As :func:`stream` for its ``routes``.

        Examples
        --------
        >>> from wasteless import Q_
        >>> s = stream(Q_(100, "t"), {"food": 0.6, "paper": 0.4}, {"landfill_uncategorised": 1})
        >>> t = s.with_routes({"food": {"composting": 1.0}, "incineration": 1.0})
        >>> t.by_route()[["landfill_uncategorised", "composting", "incineration"]]
        route
        landfill_uncategorised     0.0
        composting                60.0
        incineration              40.0
        dtype: pint[metric_ton][float64]
        """
        normalise = check_flag(normalise, "normalise")
        tolerance = _tolerance(tolerance)
        parts, indexed = _route_parts(routes)
        if self.years is None:
            if indexed:
                raise InputError(
                    f"{indexed[0][0]} is a Series over years but the stream has no years"
                )
        else:
            _common_years([("the stream", self.years), *indexed])
        notes: list[str] = []
        fraction_mass = self.mass.sum(axis=2)
        shares = _route_matrix(parts, fraction_mass, self.years, tolerance, normalise, notes)
        mass = fraction_mass[:, :, None] * shares
        return Stream(mass, self.years, (*self.notes, "routes replaced", *notes))


# --- building a stream ------------------------------------------------------------------


def _composition_parts(
    composition: Any,
) -> tuple[bool, dict[str, tuple[Values, pd.Index | None]]]:
    """Composition values by fraction, and whether they are masses (else shares)."""
    if isinstance(composition, pd.DataFrame) and not pd.api.types.is_integer_dtype(
        composition.index.dtype
    ):
        raise InputError(
            "composition as a DataFrame must be indexed by year (integers) with one column "
            f"per fraction; got an index of dtype {composition.index.dtype}"
        )
    items = _items(composition, "composition", FRACTIONS, "fraction")
    masses = {key for key, value in items.items() if _is_mass(value)}
    if masses and len(masses) != len(items):
        shares = sorted(set(items) - masses)
        raise InputError(
            f"composition mixes masses ({', '.join(sorted(masses))}) and shares "
            f"({', '.join(shares)}): give all as masses or all as shares"
        )
    if masses:
        return True, {
            key: _mass_values(value, f"composition[{key!r}]") for key, value in items.items()
        }
    return False, {
        key: _share_values(value, f"composition[{key!r}]") for key, value in items.items()
    }


_RouteParts = tuple[
    dict[str | None, dict[str, tuple[Values, pd.Index | None]]], list[tuple[str, Any]]
]


def _route_parts(routes: Any) -> _RouteParts:
    """Route shares: None -> the default split, fraction -> its own split."""
    items = _items(routes, "routes", (*ROUTES, *FRACTIONS), "route or fraction")
    parts: dict[str | None, dict[str, tuple[Values, pd.Index | None]]] = {}
    indexed: list[tuple[str, Any]] = []
    default = {key: value for key, value in items.items() if key in ROUTES}
    if default:
        parts[None] = {
            key: _share_values(value, f"routes[{key!r}]") for key, value in default.items()
        }
    for key, value in items.items():
        if key in ROUTES:
            continue
        inner = _items(value, f"routes[{key!r}]", ROUTES, "route")
        parts[key] = {
            route: _share_values(share, f"routes[{key!r}][{route!r}]")
            for route, share in inner.items()
        }
    for fraction, split in parts.items():
        for route, (_, index) in split.items():
            if index is not None:
                where = f"routes[{route!r}]" if fraction is None else f"routes[{fraction!r}]"
                indexed.append((where if fraction is None else f"{where}[{route!r}]", index))
    return parts, indexed


def _route_matrix(
    parts: Mapping[str | None, Mapping[str, tuple[Values, pd.Index | None]]],
    fraction_mass: FloatArray,
    years: pd.Index | None,
    tolerance: float,
    normalise: bool,
    notes: list[str],
) -> FloatArray:
    """Route shares as years × fractions × routes, each fraction's split summing to 1."""
    n = len(fraction_mass)
    shares = np.zeros((n, len(FRACTIONS), len(ROUTES)))
    splits: dict[str | None, FloatArray] = {}
    for key, given in parts.items():
        name = "routes" if key is None else f"routes[{key!r}]"
        values = {route: value for route, (value, _) in given.items()}
        splits[key] = _to_100(
            _broadcast(values, ROUTES, n), name, ROUTES, tolerance, normalise, years, notes
        )
    for j, fraction in enumerate(FRACTIONS):
        split = splits.get(fraction, splits.get(None))
        if split is None:
            if (fraction_mass[:, j] > 0.0).any():
                raise InputError(
                    f"routes gives no route for the fraction {fraction!r} "
                    f"({fraction_mass[:, j].max():.6g} t): give a split for it "
                    f"(routes={{{fraction!r}: {{...}}}}) or a default split by route "
                    "(routes={'landfill_managed_anaerobic': 1.0, ...})"
                )
            continue
        shares[:, j, :] = split
    return shares


def stream(
    total: Any,
    composition: Any,
    routes: Any,
    *,
    normalise: bool = False,
    tolerance: Any = DEFAULT_TOLERANCE,
) -> Stream:
    r"""A waste stream: a total split by fraction (composition) and by route.

    Parameters
    ----------
    total : pint.Quantity, pint-pandas Series or None
        The mass generated [t] (the mass of the year) or the generation rate
        [mass / time], e.g. ``Q_(7.903e6, "t")`` or ``Q_(7.903, "Mt/year")``: one value,
        or a pint Series indexed by calendar years (integers, strictly increasing). A
        rate is read as the mass of one year (pint's year is 365.25 days). None when
        ``composition`` gives masses.
    composition : mapping, pandas.Series or pandas.DataFrame
        Fraction name (see :data:`~wasteless.waste.fractions.FRACTIONS`) to either

        * a share [percent]: a percent Quantity or a fraction in [0, 1]; NaN for a share
          that is not known. Fractions not named have none. The shares must sum to
          100 % within ``tolerance``;
        * a mass [t or mass / time]: then ``total`` may be None (it is their sum) or must
          agree with their sum within ``tolerance`` (relative); the masses are kept.

        Each value may also be a pint Series over the years. A Series indexed by
        fraction works like the mapping; a DataFrame indexed by year with one column per
        fraction gives a composition (or masses) for each year.
    routes : mapping or pandas.Series
        Where the waste goes, shares [percent] that sum to 100 % like the composition's:

        * route name (see :data:`~wasteless.waste.fractions.ROUTES`) -> share: one
          split for every fraction, e.g. ``{"landfill_managed_anaerobic": 0.9,
          "incineration": 0.08, "composting": 0.02}``;
        * fraction name -> {route -> share}: that fraction's own split, e.g.
          ``{"food": {"anaerobic_digestion": 1.0}}``.

        Both kinds may be mixed: route keys then give the split of the fractions not
        named (``{"food": {"anaerobic_digestion": 1.0}, "landfill_managed_anaerobic":
        1.0}``: food to digestion, the rest to landfill). A fraction with mass needs a
        split. Shares may be pint Series over the years.
    normalise : bool, optional
        Rescale shares that do not sum to 100 % (beyond ``tolerance``) instead of
        refusing them; the stream's notes record each rescaling. Default False.
    tolerance : pint.Quantity or float, optional
        How far shares may sum from 100 % and be accepted (then rescaled to exactly
        100 %, noted) [percent], at most 10 %. Default :data:`DEFAULT_TOLERANCE`
        (±0.5 percentage points: the rounding of shares published to 0.1 %).

    Returns
    -------
    Stream
        The masses [t] by year × fraction × route, and the notes of what was adjusted.

    Raises
    ------
    wasteless.errors.InputError
        If shares sum to more than ``tolerance`` off 100 % (the message names the sum
        and the year) and ``normalise`` is False; a share is outside [0, 100 %]; a mass
        is negative or not finite; masses disagree with ``total``; ``total`` is None
        with shares; a fraction with mass has no route; a Series index is not calendar
        years, not strictly increasing, or differs between arguments.
    wasteless.errors.NotFoundError
        If a fraction or route name is unknown (the message names the closest).
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError
        If a mass has no units or units that are not a mass or a mass per time.

    See Also
    --------
    generation : the total from a per-capita rate and a population.
    stream_for_city : the stream of a city of the What a Waste 2.0 table.
    Stream.move, Stream.with_routes : change the routes (a scenario).

    Notes
    -----
    The mass of fraction :math:`f` sent to route :math:`r` in year :math:`y` is

    .. math::

        M_{y,f,r} = T_y \, c_{y,f} \, s_{y,f,r},
        \qquad \sum_f c_{y,f} = 1, \quad \sum_r s_{y,f,r} = 1,

    with :math:`T` the total, :math:`c` the composition (wet-weight shares, as IPCC 2006
    Vol. 5 Ch. 2 gives MSW composition) and :math:`s` the route shares, so that
    :math:`\sum_{f,r} M_{y,f,r} = T_y`: mass is conserved (to floating-point rounding,
    about 1e-15 relative). This is the weighting by waste-type fractions that IPCC 2006
    Vol. 5 Eq. 5.1 applies to incinerated MSW (:math:`SW \cdot WF_j`); it is a mass
    balance, not an emission model.

    References
    ----------
    IPCC (2006). *2006 IPCC Guidelines for National Greenhouse Gas Inventories*, Vol. 5
    (Waste), Ch. 2 (waste generation, composition) and Ch. 5 (Eq. 5.1), as carried by the
    project's reference sheet (reference/ipcc-waste-factors.md; no value read in the PDF).

    Examples
    --------
    Beijing, What a Waste 2.0 (7.903 Mt a year, 63.4 % food; 90 % sanitary landfill,
    8 % incineration, 2 % compost):

    >>> from wasteless import Q_
    >>> beijing = stream(
    ...     Q_(7.903, "Mt"),
    ...     {"food": Q_(63.4, "percent"), "paper": Q_(11.1, "percent"),
    ...      "plastics": Q_(12.7, "percent"), "wood": Q_(1.8, "percent"),
    ...      "rubber_leather": Q_(2.5, "percent"), "glass": Q_(1.6, "percent"),
    ...      "metal": Q_(0.3, "percent"), "other": Q_(6.6, "percent")},
    ...     {"landfill_managed_anaerobic": Q_(90, "percent"),
    ...      "incineration": Q_(8, "percent"), "composting": Q_(2, "percent")},
    ... )
    >>> beijing.to_route("landfill_managed_anaerobic")["food"].to("Mt")  # 7.903 × 0.634 × 0.9
    <Quantity(4.5094518, 'megametric_ton')>

    Masses instead of shares, and a split by fraction:

    >>> s = stream(None, {"food": Q_(6, "t"), "paper": Q_(4, "t")},
    ...            {"food": {"anaerobic_digestion": 1.0}, "landfill_managed_anaerobic": 1.0})
    >>> s.by_route()[["landfill_managed_anaerobic", "anaerobic_digestion"]].tolist()
    [<Quantity(4.0, 'metric_ton')>, <Quantity(6.0, 'metric_ton')>]

    Shares that do not sum to 100 % are refused unless asked to rescale:

    >>> stream(Q_(1, "t"), {"food": 0.5, "paper": 0.3}, {"composting": 1.0})
    Traceback (most recent call last):
    ...
    wasteless.errors.InputError: composition sums to 80 %, not 100 % within the tolerance ...
    >>> stream(Q_(1, "t"), {"food": 0.5, "paper": 0.3}, {"composting": 1.0},
    ...        normalise=True).notes
    ('composition summed to 80 %; rescaled to 100 % (normalise=True)',)
    """
    normalise = check_flag(normalise, "normalise")
    tolerance = _tolerance(tolerance)
    indexed: list[tuple[str, Any]] = []
    total_values: Values | None = None
    if total is not None:
        total_values, index = _mass_values(total, "total")
        if index is not None:
            indexed.append(("total", index))
    as_masses, parts = _composition_parts(composition)
    indexed += [
        (f"composition[{key!r}]", index) for key, (_, index) in parts.items() if index is not None
    ]
    route_parts, route_indexed = _route_parts(routes)
    years = _common_years([*indexed, *route_indexed])
    n = 1 if years is None else len(years)
    notes: list[str] = []
    values = {key: value for key, (value, _) in parts.items()}
    if as_masses:
        fraction_mass = _broadcast(values, FRACTIONS, n)
        if total_values is not None:
            given = np.broadcast_to(np.asarray(total_values, dtype=np.float64), (n,))
            summed = fraction_mass.sum(axis=1)
            gap = np.abs(summed - given)
            off = gap > tolerance * np.maximum(given, summed)
            if off.any():
                at = int(np.flatnonzero(off)[0])
                when = "" if years is None else f" in {years[at]}"
                raise InputError(
                    f"composition masses sum to {summed[at]:.6g} t{when} but total is "
                    f"{given[at]:.6g} t (off by more than the tolerance "
                    f"±{100 * tolerance:g} %): give total=None to use their sum"
                )
            if (gap > _NOTE_THRESHOLD * np.maximum(given, summed)).any():
                notes.append(
                    "total differs from the sum of the composition masses (within the "
                    "tolerance); the masses are kept"
                )
    else:
        if total_values is None:
            raise InputError(
                "total is None but composition gives shares: give the total mass, or give "
                "the composition as masses"
            )
        shares = _to_100(
            _broadcast(values, FRACTIONS, n),
            "composition",
            FRACTIONS,
            tolerance,
            normalise,
            years,
            notes,
        )
        total_array = np.broadcast_to(np.asarray(total_values, dtype=np.float64), (n,))
        fraction_mass = total_array[:, None] * shares
    route_shares = _route_matrix(route_parts, fraction_mass, years, tolerance, normalise, notes)
    mass = fraction_mass[:, :, None] * route_shares
    return Stream(mass, years, tuple(notes))


# --- generation -------------------------------------------------------------------------


def _population(value: Any) -> tuple[Values, str, pd.Index | None]:
    """A head count: a number, array, Series or dimensionless Quantity -> floats >= 0."""
    name = "population"
    if isinstance(value, (bool, np.bool_, str, bytes)) or value is None:
        raise InputError(f"{name} must be a number of people (>= 0); got {value!r:.80}")
    index = value.index if isinstance(value, pd.Series) else None
    if isinstance(value, pint.Quantity) or hasattr(getattr(value, "dtype", None), "units"):
        if _dimensionality(value) != _dimension(""):
            units = value.units if isinstance(value, pint.Quantity) else value.dtype.units
            raise UnitsError(
                name,
                f"{units:~P}",
                "a count (dimensionless, e.g. 万)",
                str(_dimensionality(value)),
                "dimensionless",
            )
        people = magnitude_in(value, "dimensionless", name)
    elif isinstance(value, pd.Series):
        if not pd.api.types.is_numeric_dtype(value.dtype) or pd.api.types.is_bool_dtype(
            value.dtype
        ):
            raise InputError(f"{name} must hold numbers; got a Series of dtype {value.dtype}")
        people = magnitude_in(
            pint_series(value.to_numpy(np.float64, na_value=np.nan), ""), "", name
        )
    else:
        if isinstance(value, np.ma.MaskedArray) and np.ma.is_masked(value):
            raise InputError(f"{name} is a masked array with masked elements; fill them first")
        try:
            array = np.asarray(value)
        except (TypeError, ValueError):
            raise InputError(f"{name} must be a number of people; got {value!r:.80}") from None
        if array.dtype.kind not in "iuf":
            raise InputError(f"{name} must be a number of people; got {value!r:.80}")
        people = magnitude_in(ureg.Quantity(array.astype(np.float64), ""), "", name)
    _check_not_negative(people, name, "people")
    kind = "series" if index is not None else "array" if np.ndim(people) else "scalar"
    return people, kind, index


_RANK = {"scalar": 0, "array": 1, "series": 2}


@unit_function(None, per_capita_rate="t/year")
def generation(per_capita_rate: Measured, population: Any) -> Any:
    r"""Waste generated per year from a per-capita rate and a population.

    Parameters
    ----------
    per_capita_rate : pint.Quantity or pint-pandas Series
        Waste generated per person [mass / time], e.g. ``Q_(1.06, "kg/day")`` (per
        person per day) or ``Q_(0.37, "t/year")`` (per person per year).
    population : float, array, pandas.Series or pint.Quantity
        Number of people: a plain number (or array, or Series), or a dimensionless
        Quantity such as ``Q_(2038.4, "万")``; >= 0.

    Returns
    -------
    pint.Quantity or pint-pandas Series
        Waste generated [t/year]: a scalar, an array, or a Series with the index of
        the Series argument (both Series must share their index).

    Raises
    ------
    wasteless.errors.InputError
        If a value is negative or not finite, population is not a number, or two Series
        have different indexes.
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError
        If the rate has no units or is not a mass per time, or population has units.

    See Also
    --------
    stream : split the generated mass by fraction and route.

    Notes
    -----
    :math:`MSW_T = R \cdot P`, generation per capita times population, the way IPCC
    2006 Vol. 5 Ch. 2 gives regional MSW generation (t/cap/yr, Table 2.1). pint's year
    is 365.25 days: a daily rate × 365 would be 0.07 % lower.

    Examples
    --------
    >>> from wasteless import Q_
    >>> generation(Q_(1.0, "kg/day"), 1_000_000).to("t/year")
    <Quantity(365250.0, 'metric_ton / year')>
    >>> generation(Q_(0.37, "t/year"), Q_(2038.4, "万")).to("Mt/year")
    <Quantity(7.54208, 'megametric_ton / year')>
    """
    people, kind, index = _population(population)
    rate = per_capita_rate
    if rate.kind == "series" and index is not None and not rate.index.equals(index):
        raise InputError(
            "population: its Series index differs from that of per_capita_rate; align "
            "the Series first (wasteless does not match rows by position)"
        )
    try:
        np.broadcast_shapes(np.shape(rate.values), np.shape(people))
    except ValueError:
        raise InputError(
            f"per_capita_rate (shape {np.shape(rate.values)}) and population (shape "
            f"{np.shape(people)}) do not broadcast together"
        ) from None
    with np.errstate(over="ignore"):
        result = np.multiply(rate.values, people)
    if not np.isfinite(result).all():
        raise InputError(
            "generation: per_capita_rate × population overflows float64; the inputs are too large"
        )
    if _RANK[rate.kind] >= _RANK[kind]:
        kind, index = rate.kind, rate.index
    if kind == "scalar":
        return wrap(float(result), "t/year", "scalar")
    return wrap(np.asarray(result, dtype=np.float64), "t/year", kind, index)


# --- a city of a What a Waste table -------------------------------------------------------


def _closest(value: str, names: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(names), n=3)
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""


def _column_number(row: pd.Series, column: str) -> float:
    """The magnitude of one cell of a city table (NaN when empty)."""
    value = row[column]
    if isinstance(value, pint.Quantity):
        return float(value.magnitude)
    if value is None or value is pd.NA:
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        raise InputError(
            f"table: the column {column!r} must hold numbers; got {value!r:.80}"
        ) from None


def stream_for_city(
    table: pd.DataFrame,
    city: str,
    *,
    country: str | None = None,
    routes: Any = None,
    unrouted: str = "refuse",
    years: Any = None,
    normalise: bool = False,
    tolerance: Any = DEFAULT_TOLERANCE,
) -> Stream:
    """The waste stream of one city of a What a Waste 2.0 table.

    Reads the city's MSW generated, its composition and its treatment shares from a
    table laid out as :func:`wasteless.io.read_what_a_waste` returns it, and builds
    the stream with :func:`stream` (same checks). Cells left empty are unknown (NaN),
    never 0: an empty share counts as 0 only when the given shares make up 100 %.

    Parameters
    ----------
    table : pandas.DataFrame
        The city table (columns ``city``, ``country``, ``msw_generated`` [t/year],
        ``composition_<fraction>`` and ``treatment_<route>`` [percent], and the
        :data:`UNROUTED_COLUMNS`).
    city : str
        The city's name as in the ``city`` column, e.g. ``"Beijing"``.
    country : str, optional
        The country, when the name is not unique.
    routes : mapping, optional
        Route shares to use instead of the table's (as for :func:`stream`).
    unrouted : str, optional
        What to do with treatment shares that are not a route (advanced thermal
        treatment, waterways and marine, other, unaccounted for; see
        :data:`UNROUTED_COLUMNS`): ``"refuse"`` (default: an error saying how much and
        what to do), ``"rescale"`` (leave them out and rescale the routes to 100 %, i.e.
        assume that waste goes where the rest goes), or a route name (send it there,
        e.g. ``"landfill_unmanaged_shallow"`` for uncollected waste that is dumped).
        The stream's notes record the choice.
    years : sequence of int, optional
        Calendar years: the stream then repeats the city's one-year figures in each of
        them (What a Waste has one value per city, of an unstated year).
    normalise : bool, optional
        Rescale composition or treatment shares that do not sum to 100 % (noted).
    tolerance : pint.Quantity or float, optional
        As for :func:`stream`; default :data:`DEFAULT_TOLERANCE`.

    Returns
    -------
    Stream
        The city's stream [t]; its notes name the source and every adjustment.

    Raises
    ------
    wasteless.errors.NotFoundError
        If no city has that name (the message names the closest) or ``unrouted`` is
        neither a choice nor a route.
    wasteless.errors.InputError
        If the name is ambiguous (give ``country``); the city has no MSW figure, no
        composition or no treatment shares (the message says what to give instead);
        shares not routed are present and ``unrouted="refuse"``; or as :func:`stream`.

    See Also
    --------
    wasteless.io.read_what_a_waste : the table.
    stream : the checks and the arithmetic.

    References
    ----------
    Kaza, S., Yao, L., Bhada-Tata, P., Van Woerden, F. (2018). *What a Waste 2.0: A
    Global Snapshot of Solid Waste Management to 2050.* World Bank, Washington, DC.
    Licence: CC BY 4.0.

    Examples
    --------
    >>> from wasteless.io import read_what_a_waste
    >>> table = read_what_a_waste()  # the shipped sample
    >>> beijing = stream_for_city(table, "Beijing")
    >>> beijing.by_route()[["landfill_managed_anaerobic", "incineration", "composting"]]
    route
    landfill_managed_anaerobic    7112700.0
    incineration                   632240.0
    composting                     158060.0
    dtype: pint[metric_ton][float64]
    >>> print(beijing.notes[0])
    What a Waste 2.0 (World Bank, 2018), Beijing, China: figures of an unstated year
    (mostly 2010-2017)
    """
    normalise = check_flag(normalise, "normalise")
    tolerance = _tolerance(tolerance)
    if not isinstance(table, pd.DataFrame):
        raise InputError(
            "table must be a DataFrame (wasteless.io.read_what_a_waste); got "
            f"{type(table).__name__}"
        )
    required = ["city", "country", "msw_generated"]
    check_columns(
        table.columns,
        required,
        lambda missing: (
            f"table has no column {', '.join(map(repr, missing))}; it must be "
            "laid out as wasteless.io.read_what_a_waste returns it"
        ),
    )
    if not isinstance(city, str):
        raise InputError(f"city must be a city name (str); got {city!r:.80}")
    if country is not None and not isinstance(country, str):
        raise InputError(f"country must be a country name (str) or None; got {country!r:.80}")
    unrouted_route: str | None = None
    if not (isinstance(unrouted, str) and unrouted in _UNROUTED_CHOICES):
        unrouted_route = check_name(
            unrouted,
            "unrouted (one of 'refuse', 'rescale' or a route)",
            (*_UNROUTED_CHOICES, *ROUTES),
        )
    else:
        check_choice(unrouted, "unrouted", _UNROUTED_CHOICES)
    # one read of the name columns and one of the row: every column access of a table
    # copies its attrs (pandas), which would cost more than the rest of this function
    names = table["city"].to_numpy(dtype=object)
    found = names == city
    if country is not None:
        found &= table["country"].to_numpy(dtype=object) == country
    positions = np.flatnonzero(found)
    if not len(positions):
        elsewhere = np.flatnonzero(names == city)
        if country is not None and len(elsewhere):
            countries = table["country"].to_numpy(dtype=object)[elsewhere]
            raise NotFoundError(
                f"country: the table has city {city!r} in {', '.join(map(repr, countries))}, "
                f"not in {country!r}"
            )
        known = [str(name) for name in names]
        raise NotFoundError(f"city {city!r} is not in the table{_closest(city, known)}")
    if len(positions) > 1:
        countries = table["country"].to_numpy(dtype=object)[positions]
        raise InputError(
            f"city {city!r} names {len(positions)} rows (countries: "
            f"{', '.join(map(str, countries))}): give country=..."
        )
    row = table.iloc[int(positions[0])]
    dtypes = table.dtypes
    label = f"{row['city']}, {row['country']}"
    msw = _column_number(row, "msw_generated")
    if math.isnan(msw):
        raise InputError(
            f"{label}: the table has no MSW generated for this city; build the stream with "
            "stream(total, composition, routes) and a total from another source"
        )
    units = getattr(dtypes["msw_generated"], "units", None)
    if units is None:
        raise InputError("table: the column 'msw_generated' must be a pint column (t/year)")
    composition: dict[str, Any] = {}
    for fraction in FRACTIONS:
        column = COMPOSITION_PREFIX + fraction
        if column in table.columns:
            composition[fraction] = _fraction_cell(dtypes, row, column)
    if not composition or all(math.isnan(v) for v in composition.values()):
        raise InputError(
            f"{label}: the table has no composition for this city; build the stream with "
            "stream(total, composition, routes), e.g. with "
            "regional_composition('eastern_asia') (an IPCC default) as composition"
        )
    notes = [
        f"What a Waste 2.0 (World Bank, 2018), {label}: figures of an unstated year "
        "(mostly 2010-2017)"
    ]
    if routes is None:
        unrouted_shares = [
            c
            for c in UNROUTED_COLUMNS
            if c in table.columns and _fraction_cell(dtypes, row, c) > 0
        ]
        if unrouted == "refuse" and unrouted_shares:
            shown = ", ".join(
                f"{c.removeprefix(TREATMENT_PREFIX)} {_percent(_fraction_cell(dtypes, row, c))}"
                for c in unrouted_shares
            )
            raise InputError(
                f"{label}: treatment shares that are not routes ({shown}); choose "
                "unrouted='rescale' (spread them over the routes in proportion), "
                "unrouted=<a route> (send them there) or give routes=..."
            )
        routes = _city_routes(dtypes, row, label, unrouted_route, tolerance, normalise, notes)
    else:
        notes.append("routes given by the caller instead of the table's treatment shares")
    total: Any = ureg.Quantity(msw, units)
    if years is not None:
        if isinstance(years, (str, bytes)) or not isinstance(years, Iterable):
            raise InputError(f"years must be a list of calendar years; got {years!r:.80}")
        listed = list(years)
        if not all(isinstance(y, (int, np.integer)) and not isinstance(y, bool) for y in listed):
            raise InputError(f"years must hold whole calendar years; got {listed!r:.80}")
        index = _years(
            pd.Index(listed, dtype=np.int64) if listed else pd.Index([], dtype=np.int64), "years"
        )
        total = pint_series(np.full(len(index), msw), units, index)
    built = stream(total, composition, routes, normalise=normalise, tolerance=tolerance)
    return dataclasses.replace(built, notes=(*notes, *built.notes))


def _fraction_cell(dtypes: pd.Series, row: pd.Series, column: str) -> float:
    """A percent cell of a city table as a fraction (NaN when empty)."""
    units = getattr(dtypes[column], "units", None)
    if units is None:
        raise InputError(f"table: the column {column!r} must be a pint column (percent)")
    value = _column_number(row, column)
    if math.isnan(value):
        return math.nan
    return float(as_fraction(ureg.Quantity(value, units), f"table[{column!r}] of this city"))


def _city_routes(
    dtypes: pd.Series,
    row: pd.Series,
    label: str,
    unrouted_route: str | None,
    tolerance: float,
    normalise: bool,
    notes: list[str],
) -> dict[str, float]:
    """A city's route shares from its treatment columns, summing to exactly 1.

    The table's treatment shares (routes and those that are not routes together) are
    checked against 100 % once, here; then the shares that are not routes are refused,
    spread over the routes (``unrouted_route`` None) or added to ``unrouted_route``.
    """
    columns = [TREATMENT_PREFIX + route for route in ROUTES] + list(UNROUTED_COLUMNS)
    labels = [column.removeprefix(TREATMENT_PREFIX) for column in columns]
    values = np.array(
        [_fraction_cell(dtypes, row, c) if c in dtypes.index else math.nan for c in columns]
    )
    if np.isnan(values).all():
        raise InputError(
            f"{label}: the table has no treatment shares for this city; give routes=... "
            "(route -> share)"
        )
    shares = _to_100(
        values[None, :], f"treatment of {label}", labels, tolerance, normalise, None, notes
    )
    routed, others = shares[0, : len(ROUTES)], shares[0, len(ROUTES) :]
    if others.sum() > 0.0:
        shown = ", ".join(
            f"{labels[len(ROUTES) + j]} {_percent(float(values[len(ROUTES) + j]))}"
            for j in np.flatnonzero(others > 0.0)
        )
        if unrouted_route is None and routed.sum() <= 0.0:
            raise InputError(
                f"{label}: every treatment share is outside the routes ({shown}); give "
                "routes=... or unrouted=<a route>"
            )
        if unrouted_route is None:
            notes.append(
                f"treatment shares that are not routes ({shown}) spread over the routes in "
                "proportion (unrouted='rescale')"
            )
            routed = routed / routed.sum()
        else:
            notes.append(
                f"treatment shares that are not routes ({shown}) sent to {unrouted_route}"
            )
            routed = routed.copy()
            routed[ROUTES.index(unrouted_route)] += others.sum()
    return {route: float(share) for route, share in zip(ROUTES, routed, strict=True)}


# --- IPCC default compositions -------------------------------------------------------------


@functools.cache
def _composition_data() -> Mapping[str, Any]:
    return MappingProxyType(read_toml("waste_composition.toml"))


COMPOSITION_REGIONS: tuple[str, ...] = ("eastern_asia", "china")
"""Regions with a default MSW composition in ``wasteless/data/waste_composition.toml``."""


def composition_factors(region: str) -> Mapping[str, Factor]:
    """The default MSW composition of a region as sourced records, by fraction.

    Each share is a :class:`~wasteless.factors.Factor` (value, range, distribution,
    source, quality tag), ready for :mod:`wasteless.uncertainty`. Fractions the
    source does not give are absent.

    Parameters
    ----------
    region : str
        One of :data:`COMPOSITION_REGIONS`.

    Returns
    -------
    mapping
        Fraction -> Factor [percent, wet weight].

    Raises
    ------
    wasteless.errors.NotFoundError
        If the region is unknown.

    Examples
    --------
    >>> food = composition_factors("eastern_asia")["food"]
    >>> food.quantity, food.tag
    (<Quantity(40.3, 'percent')>, '[S]')
    """
    key = check_name(region, "region", COMPOSITION_REGIONS)
    record = _composition_data()[key]
    shared = {
        name: record[name]
        for name in ("unit", "source", "quality", "note", "url", "section", "distribution_note")
    }
    out: dict[str, Factor] = {}
    for fraction, values in record["shares"].items():
        distribution = "fixed" if values["low"] == values["high"] else record["distribution"]
        out[fraction] = Factor(
            key=f"composition_{key}_{fraction}",
            value=values["value"],
            low=values["low"],
            high=values["high"],
            distribution=distribution,
            **shared,
        )
    return MappingProxyType(out)


def regional_composition(region: str) -> pd.Series:
    """The default MSW composition of a region: a share per fraction [percent].

    IPCC defaults (wet weight) as carried by bonsai-ipcc from the 2019 Refinement,
    Vol. 5 Ch. 2, Table 2A.2 (see ``wasteless/data/waste_composition.toml`` and the
    records of :func:`composition_factors`). Eastern Asia's shares sum to 100.2 %
    (within :data:`DEFAULT_TOLERANCE`, so :func:`stream` rescales them and notes it).

    Parameters
    ----------
    region : str
        One of :data:`COMPOSITION_REGIONS`: ``"eastern_asia"`` or ``"china"``.

    Returns
    -------
    pandas.Series
        Indexed by :data:`~wasteless.waste.fractions.FRACTIONS`, pint [percent]; NaN
        where the source gives no value (China: garden). ``attrs`` holds ``source``,
        ``quality`` and ``note``.

    Raises
    ------
    wasteless.errors.NotFoundError
        If the region is unknown.

    References
    ----------
    IPCC (2019). *2019 Refinement to the 2006 IPCC Guidelines*, Vol. 5, Ch. 2, Table 2A.2,
    as carried by bonsai-ipcc 0.5.3 (``par_msw_type_frac.csv``) [S]; not checked against
    the PDF (reference/ipcc-waste-factors.md §3).

    Examples
    --------
    >>> china = regional_composition("china")
    >>> china["food"], china["plastics"]
    (<Quantity(59.1, 'percent')>, <Quantity(13.0, 'percent')>)
    >>> from wasteless import Q_
    >>> s = stream(Q_(100, "t"), china, {"landfill_uncategorised": 1.0})
    >>> s.by_fraction()["food"]
    <Quantity(59.1, 'metric_ton')>
    """
    records = composition_factors(region)
    values = [records[f].value if f in records else math.nan for f in FRACTIONS]
    out = pint_series(values, "percent", pd.Index(FRACTIONS, name="fraction"), name=region)
    first = next(iter(records.values()))
    out.attrs.update(source=first.source, quality=first.tag, note=first.note)
    return out
