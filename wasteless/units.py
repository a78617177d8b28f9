"""The unit registry and the one decorator that puts pint at the edges of every model.

wasteless uses pint's *application registry* (:func:`pint.get_application_registry`),
so a Quantity a user builds with plain pint meets the library's Quantities without a
"different registries" error. Importing wasteless extends that registry, once and only
with names it does not already have (if pint has not built the registry yet, which costs
~100 ms, the extension runs right after pint builds it, on first use by anyone):

========================  ==========================================================
``tyre`` (``tire``)       a count of tyres, on its own dimension ``[tyre]`` so that
                          tyres cannot be added to square metres
``kgce``, ``tce``         kilogram / tonne of standard coal equivalent,
                          1 kgce = 7000 kcal_IT = 29.3076 MJ (GB/T 2589)
``万`` (``萬``, ``wan``)  the Chinese myriad, 1e4 (dimensionless)
``亿`` (``億``, ``yi``)   1e8 (dimensionless)
``yuan`` (``CNY``, 元)    Chinese yuan, on its own dimension ``[yuan]`` (no exchange
                          rate or price year is implied); ``万元`` = 1e4 yuan
========================  ==========================================================

and teaches its parser the spellings ``m2``/``m3`` (so ``"ug/m3"`` reads as
µg/m³; ``"µg/m³"`` already worked). Importing wasteless also imports pint-pandas, so
``pd.Series(values, dtype="pint[ug/m3]")`` works without a separate import. It never calls
``pint.set_application_registry`` and never builds a private registry.

Every model function is written as a *kernel* over float64 numbers in fixed
("canonical") units and wrapped by :func:`unit_function`, which checks each
argument's dimensionality, converts it once, validates it, calls the kernel and
wraps the result once (the approach of MetPy's ``process_units``).

This module is long (about 1,050 lines of code, the rest docstrings) because it is one
topic kept in one place on purpose: the only module where pint meets wasteless
(registry, decorator, conversion and checks, packing results, pandas export). Running a
large array's check on a second thread is :mod:`wasteless._overlap`'s topic; this module
only calls it.

Examples
--------
>>> from wasteless import Q_
>>> Q_(1, "kgce").to("MJ")
<Quantity(29.3076, 'megajoule')>
>>> Q_(27, "ug/m3").to("mg/m**3")
<Quantity(0.027, 'milligram / meter ** 3')>
>>> Q_(270, "万 tyre").to("tyre")
<Quantity(2700000.0, 'tyre')>
"""

from __future__ import annotations

import functools
import inspect
import math
import re
from collections.abc import Callable, Hashable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

import numpy as np
import numpy.typing as npt
import pandas as pd
import pint
import pint_pandas  # noqa: F401  (registers pandas' "pint[...]" dtype; about 4 ms)
from pint.registry import LazyRegistry
from pint_pandas import PintArray, PintType

from wasteless import _overlap
from wasteless._validate import check_flag
from wasteless.errors import InputError, MissingUnitsError, UnitsError

__all__ = [
    "ANY",
    "CONCENTRATION",
    "Q_",
    "RATIO",
    "WATER",
    "Measured",
    "UnitFunction",
    "as_fraction",
    "from_plain",
    "magnitude_in",
    "parse_units",
    "pint_dtype",
    "pint_series",
    "quantity",
    "same_as",
    "to_plain",
    "unit_function",
    "ureg",
    "wrap",
]

FloatArray = npt.NDArray[np.float64]
Magnitude = float | FloatArray

_APPLICATION: Any = pint.get_application_registry()  # type: ignore[no-untyped-call]

ureg: Any = _APPLICATION.get()
"""The registry every wasteless Quantity lives in: pint's application registry.

The registry object that is pint's application registry when wasteless is imported
(``pint.get_application_registry().get()``), kept: a later
``pint.set_application_registry`` does not move wasteless (its presets, factors and
contexts live here), and Quantities of the new registry are refused with a message that
says so (see :func:`unit_function`).
"""

if TYPE_CHECKING:
    Q_: Any
    """Shorthand for ``ureg.Quantity``, as in ``Q_(2.0e6, "m**2")``."""


def __getattr__(name: str) -> Any:
    # ``Q_`` is ``ureg.Quantity``, looked up on first use: pint creates the Quantity class
    # when it builds the registry, which importing wasteless does not force.
    if name == "Q_":
        globals()["Q_"] = quantity = ureg.Quantity
        _extend_registry()  # idempotent: a no-op unless pint's build skipped the hook below
        return quantity
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# (name, pint definition). Defined only when the name is absent, so importing
# wasteless twice, or after another library that defined the same unit, is harmless.
_DEFINITIONS: tuple[tuple[str, str], ...] = (
    ("tyre", "tyre = [tyre] = _ = tire"),
    # GB/T 2589-2020: 1 kgce has a net calorific value of 29 307.6 kJ (7000 kcal_IT).
    ("kilogram_coal_equivalent", "kilogram_coal_equivalent = 7000 * 4.1868 * kilojoule = kgce"),
    ("tonne_coal_equivalent", "tonne_coal_equivalent = 1000 * kilogram_coal_equivalent = tce"),
    ("wan", "wan = 1e4 = 万 = 萬"),
    ("yi", "yi = 1e8 = 亿 = 億"),
    # Money on a dimension of its own: a yuan converts to no other currency without an
    # exchange rate and a price year, and cannot be added to tonnes (the 无废城市
    # intensities are t per 万元 of value added).
    ("yuan", "yuan = [yuan] = CNY = 元"),
    ("wan_yuan", "wan_yuan = 1e4 * yuan = 万元"),
)

# "m2"/"m3" (optionally with a SI prefix) as in "ug/m3": pint reads neither. Only
# strings pint would otherwise reject are changed, so no valid spelling changes meaning.
_POWER_SPELLING = re.compile(r"(?<![\w.])([kcdmuµμ]?m)([23])(?![\w.])")


def _power_spelling(text: str) -> str:
    return _POWER_SPELLING.sub(r"\1**\2", text)


WATER = "wasteless_water"
"""pint context for water: a mass (flow) of water is a volume (flow) at 1000 kg/m³.

Chinese water statistics count 1 吨 (t) of water as 1 m³; pure water at 4 °C is
999.97 kg/m³, at 20 °C 998.2 kg/m³, a difference below 0.2 %.
Use as ``Q_(5, "t/d").to("m**3/d", WATER)``.
"""

_WATER_DENSITY = "1000 kg/m**3"
_CONTEXT_HINTS = {WATER: "water flows may be volume per time or mass per time (1 t = 1 m³)"}


def _water_context() -> Any:
    context = pint.Context(WATER)
    density = ureg.Quantity(_WATER_DENSITY)

    def to_volume(ureg: Any, value: Any, **kwargs: Any) -> Any:  # pint calls it so
        return value / density

    def to_mass(ureg: Any, value: Any, **kwargs: Any) -> Any:
        return value * density

    pairs = (("[mass]", "[length] ** 3"), ("[mass] / [time]", "[length] ** 3 / [time]"))
    for mass, volume in pairs:
        context.add_transformation(mass, volume, to_volume)
        context.add_transformation(volume, mass, to_mass)
    return context


def _extend_registry() -> None:
    for name, definition in _DEFINITIONS:
        if name not in ureg:
            ureg.define(definition)
    if WATER not in ureg._contexts:
        ureg.add_context(_water_context())
    if _power_spelling not in ureg.preprocessors:
        ureg.preprocessors.append(_power_spelling)


def _extend_when_built() -> None:
    """Extend the application registry now if it is built, else as soon as pint builds it.

    pint's default application registry is a ``LazyRegistry`` that turns itself into a
    ``UnitRegistry`` on first use (by wasteless or anyone else) and then calls its
    ``_after_init``; an instance attribute of that name runs pint's own and then
    :func:`_extend_registry`, so no one sees the registry without wasteless's units.
    This relies on pint's private ``LazyRegistry`` mechanics; a change there falls back
    safely (the first ``Q_`` lookup extends the registry) and is caught by
    ``tests/test_units.py::test_registry_extended_whoever_builds_it``.
    """
    registry = ureg
    state = registry.__dict__
    if not isinstance(registry, LazyRegistry) or "params" not in state:
        _extend_registry()  # built already (or not pint's lazy registry): extend now
        return

    def after_init() -> None:
        del state["_after_init"]
        registry._after_init()  # pint's: load the definitions, build the cache
        _extend_registry()

    state["_after_init"] = after_init


_extend_when_built()

RATIO = "ratio"
"""Spec for an argument that is a ratio: a ``percent`` Quantity or a bare float in [0, 1]."""

ANY = "*"
"""Spec for an argument of any dimension, kept in the units it was given in."""

CONCENTRATION = "[mass] / [length] ** 3"
"""Spec for a mass concentration (µg/m³, mg/m³, ...), kept in the units it was given in."""


def same_as(argument: str) -> str:
    """Spec for an argument of the same dimension as ``argument``, converted to its units.

    Examples
    --------
    >>> same_as("start")
    '=start'
    """
    if not isinstance(argument, str) or not argument.isidentifier():
        raise InputError(f"argument must be the name of an argument; got {argument!r}")
    return f"={argument}"


class UnitFunction(Protocol):
    """A model function wrapped by :func:`unit_function`; its float kernel is ``.kernel``."""

    kernel: Callable[..., Any]
    input_units: Mapping[str, str]
    output_units: str | None

    def __call__(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102
        ...  # pragma: no cover


# Container kinds of a converted argument. A result takes the container of the "largest"
# quantity argument (scalar < array < Series): a scalar and an array give an array.
SCALAR, ARRAY, SERIES, FRAME, MAPPING = "scalar", "array", "series", "frame", "mapping"
_RANK = {SCALAR: 0, ARRAY: 1, SERIES: 2, FRAME: 2, MAPPING: 0}


@dataclass(frozen=True, eq=False)
class Measured:
    """An argument after the units pathway: float64 magnitudes, their unit and container.

    What a kernel declared with ``unit_function(None, ...)`` receives for each
    dimensional argument, so that it can pack its own result (a DataFrame, a table
    of statistics) in the caller's units and index.

    Attributes
    ----------
    values
        Magnitudes in ``units``: a float (scalar), a float64 array (array or Series),
        a 2-D float64 array of shape (rows, columns) (DataFrame), or a dict of
        :class:`Measured` by key (mapping).
    units
        The pint Unit the magnitudes are in (None for a ratio, a fraction).
    kind
        ``"scalar"``, ``"array"``, ``"series"``, ``"frame"`` or ``"mapping"``.
    index
        The pandas index of a Series or DataFrame, else None.
    columns
        The columns of a DataFrame, else None.
    name
        The name of a Series, else None.
    source
        The object the caller passed (for its non-unit columns, e.g. a long table's
        ``time`` and ``station``); never modified.
    peak
        The largest magnitude, when the checks found it on the way (finite values
        >= 0, no NaN), else None; :func:`unit_function` uses it to prove a monotone
        kernel's result finite without reading the result.
    """

    values: Any
    units: Any
    kind: str
    index: Any = None
    columns: Any = None
    name: Hashable = None
    source: Any = None
    peak: float | None = None  # the largest value, when the checks found it (all >= 0)


@dataclass(frozen=True)
class _Spec:
    name: str
    position: int
    units: Any  # pint Unit to convert to; None for a ratio or a kept unit
    label: str  # how the unit is spelled in messages
    allow_negative: bool = False
    allow_nan: bool = False
    context: str | None = None  # a pint context that may bridge dimensions
    dimension: Any = None  # for a kept unit: the required dimensionality (None: any)
    same_as: str | None = None  # name of the argument whose units this one takes
    ratio: bool = False
    absolute: bool = False  # on a ratio scale: offset units (°C) refused
    units_argument: str | None = None  # the function's argument naming plain data's unit


# How the wrapper's signature shows an argument: a Quantity, or for a ratio also a float.
_ANNOTATIONS = {False: "pint.Quantity", True: "pint.Quantity | float"}


# How a unit is shown in a hint for a spec that is a dimension, not a unit.
_EXAMPLE_UNITS = {CONCENTRATION: "ug/m3", ANY: "the data's unit"}


def _expected(spec: _Spec) -> str:
    """What an argument requires, as an error message says it."""
    if spec.label == ANY:
        return "a quantity with units (any dimension)"
    if spec.label == CONCENTRATION:
        return f"a concentration ({CONCENTRATION})"
    return str(spec.label)


def _units_hint(spec: _Spec, value: Any) -> str:
    """How to give ``spec``'s argument its unit, naming only what the function takes."""
    label = _EXAMPLE_UNITS.get(spec.label, spec.label)
    example = "ug/m3" if label == _EXAMPLE_UNITS[ANY] else label
    if isinstance(value, str):
        return (
            f"a string is not a Quantity: parse it with Q_({value!r}) (wasteless never reads "
            f"units out of text by itself), or build one, e.g. Q_(350000, {example!r})"
        )
    if spec.units is None and spec.same_as is None and not spec.ratio and spec.units_argument:
        return (
            f"pass {spec.units_argument}='{label}' (or whatever the data are in), or give the "
            f"data the pint-pandas dtype 'pint[{label}]'; wasteless never assumes a unit"
        )
    try:
        shown = (
            np.array2string(np.asarray(value), threshold=4, separator=", ")
            if np.ndim(value)
            else repr(value)
        )
    except ValueError:  # a ragged list (e.g. of (name, Quantity) pairs) is no array
        shown = f"{value!r:.60}"
    any_unit = " (any unit of the right dimension)" if spec.units is None else ""
    return (
        f"wasteless never assumes a unit: attach one, e.g. Q_({shown}, {example!r}){any_unit}, "
        f"or for a pandas Series use the pint-pandas dtype 'pint[{example}]'"
    )


@functools.lru_cache(maxsize=1024)
def _factor(units: Any, target: Any, context: str | None = None) -> float | None:
    """Multiplier from ``units`` to ``target`` (through ``context`` if given), or None.

    None also for an offset unit (°C, °F), which no multiplier converts: the caller then
    converts with pint's own rules (:func:`_offset_convert`).
    """
    source, goal = ureg.Unit(units), ureg.Unit(target)
    if source.dimensionality != goal.dimensionality:
        if context is None:
            return None
        try:
            return float(ureg.Quantity(1.0, units).to(target, context).magnitude)
        except pint.DimensionalityError:
            return None
    if source != goal and not (_multiplicative(source) and _multiplicative(goal)):
        return None
    return float(ureg.Quantity(1.0, units).to(target).magnitude)


@functools.lru_cache(maxsize=256)
def _multiplicative(unit: Any) -> bool:
    return bool(ureg.Quantity(1.0, unit)._is_multiplicative)


def parse_units(units: Any, name: str = "units") -> Any:
    """Parse a unit argument (a string or a pint Unit) into a pint Unit.

    Raises
    ------
    InputError
        If ``units`` is neither a string nor a Unit, or pint does not know it.

    Examples
    --------
    >>> parse_units("ug/m3")
    <Unit('microgram / meter ** 3')>
    """
    if isinstance(units, pint.Unit):
        if units._REGISTRY is ureg:
            return units
        units = str(units)  # a Unit of another registry: by its name
    if not isinstance(units, str):
        raise InputError(
            f"{name} must be a unit string such as 'ug/m3' (or a pint Unit); got {units!r}"
        )
    if len(units) > 200:
        raise InputError(f"{name} must be a unit string of at most 200 characters")
    try:
        # the registry's size, as a count per map (len() of pint's ChainMap of units would
        # build the union of its keys: 11 us, more than the parse this cache saves)
        size = sum(map(len, ureg._units.maps)), len(ureg._prefixes)
        return _unit_of_text(units, *size)
    except (pint.UndefinedUnitError, pint.DefinitionSyntaxError, AttributeError, TypeError):
        raise InputError(f"{name}: pint does not know the unit {units!r}") from None
    except Exception as err:  # pint's parser raises several kinds on garbage
        raise InputError(f"{name}: {units!r} is not a unit ({type(err).__name__})") from None


@functools.lru_cache(maxsize=1024)
def _unit_of_text(text: str, n_units: int, n_prefixes: int) -> Any:
    """The pint Unit of a unit string, parsed once (a pint Unit is immutable).

    Pint caches only single unit names; a compound string such as ``"ug/m3"`` is parsed
    again each time (about 50 us), and the models convert their arguments and parameters
    through :func:`parse_units` many times a call. The registry's numbers of units and
    prefixes are part of the key, so that a string parsed before ``ureg.define(...)`` is
    parsed again after it. An error is not cached: a string pint refuses is parsed, and
    refused, again each time.
    """
    return ureg.Unit(text)


def magnitude_in(
    value: Any, units: str, name: str = "value", *, allow_nan: bool = False, positive: bool = False
) -> Magnitude:
    """Return the magnitude of a Quantity in ``units`` as float or float64 array.

    A helper for code that needs the number behind a Quantity: it applies the same
    checks as the model functions (dimension, no bare numbers, finite), but not the
    sign check. Offset units (°C) convert with pint's rules.

    Parameters
    ----------
    value
        A pint Quantity (scalar or array) or a pint-pandas Series.
    units
        Units to express it in, e.g. ``"m**2"``.
    name
        Argument name used in error messages.
    allow_nan
        Let NaN (missing values) through; infinities are still refused.
    positive
        Refuse values <= 0 (a parameter that is a rate or a divisor).

    Returns
    -------
    float or numpy.ndarray
        The magnitude in ``units``.

    Raises
    ------
    MissingUnitsError
        If ``value`` carries no units.
    UnitsError
        If the dimensions do not match.
    InputError
        If a value is NaN, infinite or complex.

    Examples
    --------
    >>> from wasteless import Q_
    >>> magnitude_in(Q_(2, "km**2"), "m**2")
    2000000.0
    >>> magnitude_in(Q_(20, "degC"), "K")
    293.15
    """
    allow_nan = check_flag(allow_nan, "allow_nan")
    target = parse_units(units)
    if type(value) is _quantity_class() and type(value._magnitude) in (float, int):
        # a plain scalar in a multiplicative unit: the general path's own arithmetic (one
        # cached factor, one multiply), without its bookkeeping; anything it would refuse
        # or treat specially (NaN, infinity, <= 0 where positive, °C) goes down it below
        factor = 1.0 if value._units == target._units else _factor(value._units, target._units)
        if factor is not None:
            x = float(value._magnitude)
            x = x * factor if factor != 1.0 else x
            if x - x == 0.0 and (x > 0.0 or not positive):
                return x
    spec = _Spec(name, 0, target, units, allow_negative=True, allow_nan=allow_nan)
    values: Magnitude = _convert(spec, value).values
    if positive and not np.all(np.asarray(values) > 0.0):
        raise InputError(f"{name} must be finite and > 0; got {_show(value)}")
    return values


def as_fraction(value: Any, name: str = "ratio") -> Magnitude:
    """Return a ratio as a fraction: ``percent`` Quantity or bare float in [0, 1].

    Parameters
    ----------
    value
        A dimensionless Quantity (``Q_(20, "percent")``) or a bare number, read
        as a fraction.
    name
        Argument name used in error messages.

    Returns
    -------
    float or numpy.ndarray
        The ratio as a fraction in [0, 1].

    Raises
    ------
    InputError
        If the ratio is outside [0, 1] or not finite, or not a number.
    UnitsError
        If ``value`` has a dimension (e.g. metres).

    Examples
    --------
    >>> from wasteless import Q_
    >>> as_fraction(Q_(20, "percent"))
    0.2
    >>> as_fraction(0.2)
    0.2
    """
    spec = _Spec(name, 0, None, RATIO, ratio=True)
    values: Magnitude = _convert(spec, value).values
    return values


def _as_float(magnitude: Any, spec: _Spec, value: Any) -> Magnitude:
    if isinstance(magnitude, float):
        return magnitude
    if isinstance(magnitude, (bool, np.bool_)):
        raise InputError(f"{spec.name} must be a number; got the bool {magnitude!r}")
    if isinstance(magnitude, (int, np.integer, np.floating)):
        return float(magnitude)
    if isinstance(magnitude, (str, bytes)):
        raise InputError(f"{spec.name} must be a number; got the string {magnitude!r}")
    if isinstance(magnitude, np.ma.MaskedArray) and np.ma.is_masked(magnitude):
        raise InputError(
            f"{spec.name} is a masked array with masked elements; wasteless does not drop "
            "them silently: fill them (e.g. with NaN where missing data are allowed) first"
        )
    if np.iscomplexobj(magnitude):
        raise InputError(f"{spec.name} must be real; got complex values ({_show(value)})")
    if getattr(magnitude, "dtype", None) == np.bool_:
        raise InputError(f"{spec.name} must hold numbers; got an array of bools")
    try:
        array = np.asarray(magnitude, dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError(
            f"{spec.name} must be a number or an array of numbers; got {_show(value)}"
        ) from None
    return float(array) if array.ndim == 0 else array


def _offset_convert(spec: _Spec, magnitude: Magnitude, units: Any, target: Any) -> Magnitude:
    try:
        converted = ureg.Quantity(magnitude, units).to(target).magnitude
    except pint.PintError as err:  # e.g. °C to delta_°C: the same dimension, no conversion
        raise UnitsError(
            spec.name, f"{ureg.Unit(units):~P}", f"{ureg.Unit(target)}", hint=str(err)
        ) from None
    return float(converted) if np.ndim(converted) == 0 else np.asarray(converted, np.float64)


def _target(spec: _Spec, units: Any, reference: Any) -> Any:
    """The unit ``spec``'s argument is converted to, given its own ``units``.

    ``reference`` is the unit of the argument named by ``same_as``, or the unit named
    by the call's ``units=`` argument; a kept unit (a dimension spec) is checked first.
    """
    if spec.units is not None:
        return spec.units
    if spec.dimension is not None and units is not None:
        given = ureg.Unit(units)
        if given.dimensionality != spec.dimension:
            raise UnitsError(
                spec.name,
                f"{given:~P}" if str(given) else "dimensionless",
                spec.label,
                str(given.dimensionality),
                str(spec.dimension),
            )
    return units if reference is None else reference


def _scale(spec: _Spec, magnitude: Magnitude, units: Any, target: Any) -> Magnitude:
    factor = _factor(units, target._units if hasattr(target, "_units") else target, spec.context)
    if factor is None:
        given, goal = ureg.Unit(units), ureg.Unit(target)
        if given.dimensionality == goal.dimensionality:  # an offset unit: pint's rules
            return _offset_convert(spec, magnitude, given, goal)
        raise UnitsError(
            spec.name,
            f"{given:~P}" if str(given) else "dimensionless",
            spec.label if spec.same_as is None else f"{goal} (the units of {spec.same_as})",
            str(given.dimensionality),
            str(goal.dimensionality),
            hint=_CONTEXT_HINTS.get(spec.context or "", ""),
        )
    return magnitude * factor if factor != 1.0 else magnitude


def _convert(
    spec: _Spec, value: Any, reference: Any = None, column: Hashable | None = None
) -> Measured:
    """Check and convert one argument (the one units pathway)."""
    if isinstance(value, pint.Quantity):
        _same_registry(spec, value)
        magnitude = _as_float(value.magnitude, spec, value)
        kind = ARRAY if isinstance(magnitude, np.ndarray) else SCALAR
        proven = _proven_peak(value, magnitude)
        return _finish(spec, magnitude, value._units, kind, None, None, value, reference, proven)
    if isinstance(value, pd.Series):
        return _convert_series(spec, value, reference)
    if isinstance(value, pd.DataFrame):
        return _convert_frame(spec, value, reference, column)
    if isinstance(value, Mapping):
        return _convert_mapping(spec, value, reference)
    if not spec.ratio:
        if isinstance(value, (list, tuple)) and any(isinstance(v, pint.Quantity) for v in value):
            raise InputError(
                f"{spec.name} must be one Quantity holding an array, e.g. "
                f"Q_([81, 43], {spec.label!r}), not a {type(value).__name__} of Quantities"
            )
        if (
            reference is not None
            and spec.units_argument
            and isinstance(value, (list, tuple, np.ndarray))
        ):
            raise InputError(
                f"{spec.name}: {spec.units_argument}= labels the plain numbers of a pandas "
                f"Series or DataFrame (whose index says what each value is); a "
                f"{type(value).__name__} has no index: give a pandas Series (e.g. indexed by "
                f"year) or a Quantity"
            )
        given = "a string" if isinstance(value, str) else "a bare number (no units)"
        raise MissingUnitsError(spec.name, given, _expected(spec), hint=_units_hint(spec, value))
    magnitude = _as_float(value, spec, value)
    kind = ARRAY if isinstance(magnitude, np.ndarray) else SCALAR
    return _finish(spec, magnitude, None, kind, None, None, value, reference)


def _same_registry(spec: _Spec, value: Any) -> None:
    if value._REGISTRY is not ureg:
        raise UnitsError(
            spec.name,
            f"{value.units} (from another pint UnitRegistry)",
            spec.label,
            hint=_foreign_hint(value._REGISTRY),
        )


def _foreign_hint(registry: Any) -> str:
    """How to fix a Quantity of another registry (two cases: replaced, or private)."""
    if registry is _APPLICATION.get():
        return (
            "pint.set_application_registry() was called after wasteless was imported: "
            "wasteless's units (tyre, tce, 万), its water context and its presets live in "
            "the registry that was pint's application registry then (wasteless.ureg). Call "
            "set_application_registry before importing wasteless (wasteless then extends "
            "that registry), or build Quantities with wasteless.Q_"
        )
    return (
        "wasteless lives in pint's application registry; build Quantities with "
        "wasteless.Q_ or pint.get_application_registry().Quantity, or carry one over "
        "with wasteless.Q_(q.magnitude, str(q.units))"
    )


def _series_magnitude(series: pd.Series) -> FloatArray:
    """Float64 magnitudes of a pint-pandas Series (missing values as NaN), no copy if possible."""
    magnitude = series.array.quantity.magnitude
    if isinstance(magnitude, np.ndarray) and magnitude.dtype == np.float64:
        return magnitude
    if np.iscomplexobj(magnitude):
        raise InputError(f"Series {series.name!r} must be real; got complex values")
    converted: FloatArray = pd.array(magnitude).to_numpy(dtype=np.float64, na_value=np.nan)
    return converted


def _convert_series(spec: _Spec, series: pd.Series, reference: Any) -> Measured:
    dtype_units = getattr(series.dtype, "units", None)
    if dtype_units is None:
        if (
            spec.ratio
            and (pd.api.types.is_numeric_dtype(series.dtype))
            and not (pd.api.types.is_bool_dtype(series.dtype))
        ):
            raw = series.to_numpy(dtype=np.float64, na_value=np.nan)
            return _finish(spec, raw, None, SERIES, series.index, None, series, reference)
        if reference is not None and spec.units is None and spec.same_as is None:
            # plain floats, labelled by the call's units= argument
            if not pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_bool_dtype(
                series.dtype
            ):
                raise InputError(
                    f"{spec.name} must hold numbers; got a Series of dtype {series.dtype}"
                )
            raw = series.to_numpy(dtype=np.float64, na_value=np.nan)
            return _finish(spec, raw, reference, SERIES, series.index, None, series, reference)
        raise MissingUnitsError(
            spec.name,
            "plain numbers (a Series without a pint dtype)",
            _expected(spec),
            hint=_units_hint(spec, series.to_numpy()[:4]),
        )
    raw = _series_magnitude(series)
    return _finish(spec, raw, dtype_units._units, SERIES, series.index, None, series, reference)


def _convert_frame(
    spec: _Spec, frame: pd.DataFrame, reference: Any, column: Hashable | None
) -> Measured:
    if column is not None:
        if not isinstance(column, Hashable) or column not in frame.columns:
            raise InputError(
                f"{spec.name}: no column {column!r}; columns are {list(frame.columns)}"
            )
        inner = _convert_series(_column_spec(spec, column), frame[column], reference)
        return Measured(inner.values, inner.units, SERIES, frame.index, None, column, frame)
    if frame.shape[1] == 0:
        raise InputError(f"{spec.name} has no columns")
    if frame.columns.has_duplicates:
        twice = frame.columns[frame.columns.duplicated()][0]
        raise InputError(f"{spec.name} has the column {twice!r} twice")
    at_once = _convert_frame_at_once(spec, frame, reference)
    if at_once is not None:
        return at_once
    parts = [
        _convert_series(_column_spec(spec, name), frame[name], reference) for name in frame.columns
    ]
    units = parts[0].units
    values = np.empty((len(frame), len(parts)))
    for i, part in enumerate(parts):
        same = part.units == units
        values[:, i] = part.values if same else _scale(spec, part.values, part.units, units)
    return Measured(values, units, FRAME, frame.index, frame.columns, None, frame)


def _convert_frame_at_once(spec: _Spec, frame: pd.DataFrame, reference: Any) -> Measured | None:
    """Columns of one dtype converted and checked as one 2-D array; None otherwise.

    A thousand station columns one by one cost about 30 µs each; as one array the
    conversion is one pass. On a bad value the per-column path runs instead, so that
    the message names the column.
    """
    dtypes = list(frame.dtypes)
    first = dtypes[0]
    if any(dtype != first for dtype in dtypes[1:]):
        return None
    if isinstance(first, PintType):
        dtype_units: Any = first.units
        units = dtype_units._units
        by_column = np.empty((frame.shape[1], frame.shape[0]))
        for i, (_, series) in enumerate(frame.items()):
            by_column[i] = _series_magnitude(series)  # contiguous row writes
        magnitude: FloatArray = by_column.T  # (rows, columns), no copy
    elif (
        first == np.float64
        and reference is not None
        and spec.units is None
        and spec.same_as is None
        and not spec.ratio
    ):
        units = reference
        magnitude = frame.to_numpy(dtype=np.float64)  # often a view of the frame's block
        magnitude = magnitude.view()
        magnitude.flags.writeable = False  # the caller's data: no kernel may write to it
    else:
        return None
    try:
        return _finish(spec, magnitude, units, FRAME, frame.index, frame.columns, frame, reference)
    except (InputError, UnitsError):
        return None


def _column_spec(spec: _Spec, column: Hashable) -> _Spec:
    return _Spec(
        f"{spec.name}[{column!r}]",
        spec.position,
        spec.units,
        spec.label,
        spec.allow_negative,
        spec.allow_nan,
        spec.context,
        spec.dimension,
        spec.same_as,
        spec.ratio,
        spec.absolute,
    )


def _convert_mapping(spec: _Spec, mapping: Mapping[Any, Any], reference: Any) -> Measured:
    if not mapping:
        raise InputError(f"{spec.name} must be a non-empty mapping; got an empty one")
    parts = {
        key: _convert(_column_spec(spec, key), item, reference) for key, item in mapping.items()
    }
    return Measured(parts, spec.units, MAPPING, None, tuple(parts), None, mapping)


def _finish(
    spec: _Spec,
    magnitude: Magnitude,
    units: Any,
    kind: str,
    index: Any,
    columns: Any,
    value: Any,
    reference: Any,
    proven: float | None = None,
) -> Measured:
    if spec.ratio:
        magnitude = _ratio_magnitude(spec, magnitude, units, value)
        return Measured(magnitude, None, kind, index, columns, getattr(value, "name", None), value)
    if spec.absolute and units is not None and not _multiplicative(units):
        given = ureg.Unit(units)
        raise UnitsError(
            spec.name,
            f"{given:~P} (an offset unit)",
            "an absolute unit such as kelvin",
            hint=(
                "a ratio of two values on an offset scale (°C, °F) depends on where the scale "
                "puts its zero; convert to an absolute unit first, e.g. q.to('kelvin')"
            ),
        )
    target = _target(spec, units, reference)
    if units != target:
        factor = _factor(units, target._units if hasattr(target, "_units") else target)
        magnitude = _scale(spec, magnitude, units, target)
        proven = proven * factor if proven is not None and factor is not None else None
    # a result of a monotone model, unchanged since (read-only), is finite and >= 0 with a
    # known largest value: checked once, where it was made (see unit_function's monotone)
    peak = proven if proven is not None else _check_values(spec, magnitude, value)
    name = value.name if kind == SERIES else None
    return Measured(magnitude, ureg.Unit(target), kind, index, columns, name, value, peak)


def _ratio_magnitude(spec: _Spec, magnitude: Magnitude, units: Any, value: Any) -> Magnitude:
    if units is not None:
        factor = _factor(units, ureg.dimensionless._units)
        if factor is None:
            given = ureg.Unit(units)
            raise UnitsError(
                spec.name,
                f"{given:~P}",
                "percent (or a fraction)",
                str(given.dimensionality),
                "dimensionless",
                hint="a ratio is a dimensionless Quantity such as Q_(20, 'percent')",
            )
        magnitude = magnitude * factor
    _check_values(spec, magnitude, value)
    if not np.size(magnitude):
        return magnitude
    high = np.nanmax(magnitude) if isinstance(magnitude, np.ndarray) else magnitude
    if high > 1.0:
        note = (
            "a bare number is read as a fraction; for percent write Q_(value, 'percent')"
            if units is None
            else "a ratio cannot exceed 100 %"
        )
        raise InputError(
            f"{spec.name} must be a ratio in [0, 1] (0-100 %); got {_show(value)} ({note})"
        )
    return magnitude


def _show(value: Any) -> str:
    if isinstance(value, pint.Quantity) and np.ndim(value.magnitude) == 0:
        magnitude = value.magnitude
        shown = float(magnitude) if isinstance(magnitude, (int, float, np.number)) else magnitude
        return f"{shown!r} {value.units}"
    if isinstance(value, (pd.Series, pd.DataFrame)):
        return f"a {type(value).__name__} of dtype {getattr(value, 'dtype', 'mixed')}"
    if np.ndim(value if not isinstance(value, pint.Quantity) else value.magnitude):
        size = np.size(value if not isinstance(value, pint.Quantity) else value.magnitude)
        units = getattr(value, "units", "no units")
        return f"an array ({size} value{'s' if size != 1 else ''}) in {units}"
    return repr(value)


def _nan_hint(magnitude: float) -> str:
    if not math.isnan(magnitude):
        return ""
    return (
        " (a NaN from a wasteless aggregate such as air.annual_means means that period "
        "failed a validity rule: its 'valid' and 'reason' columns say which)"
    )


_POSITIVE_INF_BITS = np.array(np.inf, dtype=np.float64).view(np.uint64)[()]
_FLOAT64 = np.dtype(np.float64)  # native byte order: the dtype the uint64 view reads right


def _check_values(spec: _Spec, magnitude: Magnitude, value: Any) -> float | None:
    """Refuse NaN, infinite or negative values as ``spec`` says; return the peak if known.

    The peak (largest value) comes for free with the fast check of values that must be
    finite and >= 0; it is None otherwise.
    """
    if isinstance(magnitude, float):
        if math.isnan(magnitude) and spec.allow_nan:
            return None
        if not math.isfinite(magnitude):
            raise InputError(
                f"{spec.name} must be finite; got {_show(value)}{_nan_hint(magnitude)}"
            )
        if magnitude < 0.0 and not spec.allow_negative:
            raise InputError(f"{spec.name} must be >= 0; got {_show(value)}")
        return magnitude
    if magnitude.size == 0:
        return None
    if spec.allow_nan:
        # fmin/fmax skip NaN: two passes, no temporary
        lowest = np.fmin.reduce(magnitude, axis=None)
        highest = np.fmax.reduce(magnitude, axis=None)
        finite = not (np.isinf(lowest) or np.isinf(highest))
        if finite and (lowest >= 0.0 or spec.allow_negative):
            return None
    # Fast path, one read pass and no temporary (see _nonnegative_peak)
    elif not spec.allow_negative:
        peak = _nonnegative_peak(magnitude)
        if peak is not None:
            return peak
    elif math.isfinite(magnitude.min()) and math.isfinite(magnitude.max()):
        return None
    # Slow path: something is off (or a -0.0, which is allowed); say what and where.
    not_finite = ~np.isfinite(magnitude)
    bad = not_finite & ~np.isnan(magnitude) if spec.allow_nan else not_finite
    if bad.any():
        kind = "infinite" if spec.allow_nan else "NaN or infinite"
        raise _bad_values(spec, "must be finite", magnitude, bad, value, kind)
    negative = magnitude < 0.0  # NaN compares False; -0.0 is not negative
    if not spec.allow_negative and negative.any():
        raise _bad_values(spec, "must be >= 0", magnitude, negative, value, "negative")
    return None


def _nonnegative_peak(magnitude: FloatArray) -> float | None:
    """The largest value if every value is finite and >= +0.0, else None: one read pass.

    Read as unsigned integers, the bit patterns of float64 values that are finite and
    >= +0.0 are exactly those below the pattern of +inf (sign bit clear, exponent not all
    ones), in the order of the values, so the largest pattern is the largest value.
    ``magnitude`` is a non-empty float64 array in native byte order.
    """
    bits = magnitude.view(np.uint64).max()
    if bits < _POSITIVE_INF_BITS:
        return float(np.array(bits, dtype=np.uint64).view(np.float64))
    return None


def _bad_values(
    spec: _Spec, rule: str, magnitude: Any, bad: Any, value: Any, kind: str
) -> InputError:
    """An error naming the argument, how many values are bad, the first and where it is."""
    flat_bad = bad.reshape(-1)
    first = int(np.flatnonzero(flat_bad)[0])
    shown = float(magnitude.reshape(-1)[first])
    if isinstance(value, pd.Series):
        where = f"index label {value.index[first]!r}"
    elif isinstance(value, pd.DataFrame):
        where = f"row {value.index[first // magnitude.shape[1]]!r}"
    else:
        where = f"flat position {first}"
    count = int(np.count_nonzero(flat_bad))
    note = " (NaN marks missing data)" if spec.allow_nan and kind == "infinite" else ""
    return InputError(
        f"{spec.name} {rule}; got {_show(value)} with {count} {kind} value(s) of "
        f"{magnitude.size}, the first {shown!r} at {where}{note}"
    )


def pint_dtype(units: Any) -> str:
    """The pint-pandas dtype for float64 values in ``units``, e.g. ``pint[meter][float64]``.

    NumPy float64 storage (not pandas' nullable ``Float64``) keeps missing values as
    NaN, as NumPy code expects, instead of ``pd.NA``.

    Examples
    --------
    >>> pint_dtype("ug/m**3")
    'pint[microgram / meter ** 3][float64]'
    """
    return f"pint[{parse_units(units)!s}][float64]"


def pint_series(values: Any, units: Any, index: Any = None, name: Hashable = None) -> pd.Series:
    """A pint-pandas Series of float64 ``values`` in ``units`` (one way to pack a result).

    Examples
    --------
    >>> pint_series([1.0, 2.0], "ug/m3").pint.units
    <Unit('microgram / meter ** 3')>
    """
    dtype = _float_pint_type(parse_units(units))
    array = PintArray(np.asarray(values, dtype=np.float64), dtype=dtype)  # type: ignore[no-untyped-call]
    return pd.Series(array, index=index, name=name)


@functools.lru_cache(maxsize=256)
def _float_pint_type(unit: Any) -> Any:
    """The pint-pandas float64 dtype of a Unit, built once.

    pint-pandas formats the unit each time it is asked (about 50 us), for the key of its
    own cache of dtypes.
    """
    return PintType(unit, "float64")  # type: ignore[no-untyped-call]


def quantity(values: Any, units: Any) -> Any:
    """A Quantity of a float or float64 array in ``units`` (a 0-d array becomes a float).

    Examples
    --------
    >>> quantity(np.array(2.0), "m")
    <Quantity(2.0, 'meter')>
    """
    if isinstance(values, np.ndarray) and values.ndim == 0:
        values = float(values)
    return ureg.Quantity(values, parse_units(units))


def wrap(result: Any, units: Any, kind: str, index: Any = None, name: Hashable = None) -> Any:
    """Pack float magnitudes in ``units`` in the container ``kind`` of an input.

    A scalar stays a scalar Quantity (never a 0-d array), an array an array Quantity,
    a Series a pint-pandas Series with ``index``.

    Examples
    --------
    >>> wrap(2.0, "m", "scalar")
    <Quantity(2.0, 'meter')>
    """
    if not isinstance(kind, str) or kind not in _RANK:
        raise InputError(f"kind must be one of {sorted(_RANK)}; got {kind!r}")
    if kind in (SERIES, FRAME):
        return pint_series(result, units, index, name)
    if kind == SCALAR and isinstance(result, np.ndarray):
        if result.size != 1:
            return ureg.Quantity(result, units)
        result = float(result.reshape(()))
    if (
        isinstance(units, pint.Unit)
        and units._REGISTRY is ureg
        and (type(result) is float or (type(result) is np.ndarray and result.ndim))
    ):
        return _new_quantity(result, units._units)  # what Q_ builds, without parsing
    return quantity(result, units)


def unit_function(
    returns: str | None,
    *,
    allow_negative: tuple[str, ...] = (),
    allow_nan: tuple[str, ...] = (),
    absolute: tuple[str, ...] = (),
    monotone: bool = False,
    context: str | None = None,
    units_argument: str | None = None,
    column_argument: str | None = None,
    default_column: Callable[[Any], Hashable | None] | None = None,
    **inputs: str,
) -> Callable[[Callable[..., Any]], UnitFunction]:
    """Wrap a float kernel so that it takes and returns pint Quantities.

    The one units pathway of wasteless: every public function with dimensional
    inputs is declared with it (MetPy's ``process_units`` is the model). The
    decorated function is the *kernel*: it receives plain floats or float64
    arrays, already converted to the units named here, and returns a magnitude in
    ``returns`` units. The wrapper, for each argument named in ``inputs``:

    1. refuses a bare number (:class:`~wasteless.errors.MissingUnitsError`, saying
       which unit to attach), a wrong dimension
       (:class:`~wasteless.errors.UnitsError`, a :class:`pint.DimensionalityError`),
       a Quantity of another registry, complex values, strings and bools;
    2. converts it once to the named unit (a conversion factor cached per unit;
       offset units such as °C with pint's own rules);
    3. refuses infinite values, NaN (unless listed in ``allow_nan``) and negative
       values (unless listed in ``allow_negative``) with
       :class:`~wasteless.errors.InputError`;

    then refuses array arguments of shapes that do not broadcast together, calls the
    kernel, refuses a result that overflowed float64 (an ``inf`` from finite inputs,
    :class:`~wasteless.errors.InputError` naming the arguments) and wraps the result
    once. Expected units are parsed at decoration time, so a typo fails at import.
    Arguments left at their defaults are passed through unchecked. Pandas is recognised
    by type: a pint-pandas Series, a DataFrame of pint-pandas columns (every column
    converted) and a mapping of Quantities (e.g. pollutant to concentration) all go
    through the same checks. The result has the container of the first quantity argument
    that is an array: a scalar gives a scalar Quantity (never a 0-d array), an ndarray
    gives an ndarray Quantity, a pint-pandas Series gives a pint-pandas Series with the
    same index. Inputs are never modified.

    Parameters
    ----------
    returns
        Units of the kernel's result, e.g. ``"tyre"``; ``"=name"`` for the units of
        argument ``name``; None when the kernel packs its own result: it then
        receives a :class:`Measured` (magnitudes, unit, container, index) for each
        dimensional argument instead of bare magnitudes.
    allow_negative
        Names of arguments that may be negative.
    allow_nan
        Names of arguments that may hold NaN (missing data); infinities are still
        refused.
    absolute
        Names of arguments on a ratio scale (the start of a relative change): a value
        in an offset unit (°C, °F) is refused, because a ratio of such values depends
        on where the scale puts its zero.
    monotone
        The kernel's result is non-negative and non-decreasing in each dimensional
        argument over the values the checks let through (>= 0, finite), the other
        arguments fixed: e.g. ``area * rate`` with a rate > 0. Then the result is finite
        wherever it is finite at the arguments' largest values, which the checks found on
        the way: the wrapper evaluates the kernel there (one value, or one per Monte Carlo
        draw) instead of reading the whole result again. An array result is then
        returned read-only and marked with that largest value, so that the next model of
        a chain takes it without reading it again (``co2_avoided(tyres_for_area(a))``
        reads ``a`` once): this is how a composed model validates at its edges, not at
        every step. Copy such a result (``q.magnitude.copy()``) to change it.
    context
        A pint context through which inputs of another dimension convert, e.g.
        :data:`WATER` (water mass flows as volume flows, 1 t = 1 m³).
    units_argument
        Name of an argument (usually ``units``) that gives the unit of plain-float
        pandas input and the unit to report in; checked against the declared
        dimension.
    column_argument
        Name of an argument that, when given, names the one column of a DataFrame
        that holds the quantity (a long table's ``value`` column).
    default_column
        Called with a DataFrame argument when ``column_argument`` is not given: the
        name of its one quantity column (e.g. ``"mean"`` for a table of daily means),
        or None to convert every column.
    **inputs
        Argument name to: the units the kernel expects it in (``"m**2"``);
        :data:`RATIO` for a ratio (``percent`` Quantity or bare float in [0, 1],
        given to the kernel as a fraction); a dimension such as :data:`CONCENTRATION`
        (``"[mass] / [length] ** 3"``) or :data:`ANY` for a Quantity kept in its own
        units; or :func:`same_as` another argument (same dimension, converted to that
        argument's units).

    Returns
    -------
    callable
        The wrapped function; ``.kernel`` is the undecorated float function.

    Examples
    --------
    >>> from wasteless import Q_
    >>> @unit_function("kg", volume="m**3")
    ... def water_mass(volume):
    ...     return volume * 1000.0
    >>> water_mass(Q_(2, "L"))
    <Quantity(2.0, 'kilogram')>
    >>> water_mass.kernel(0.002)
    2.0
    """
    returns = _spec_text(returns, "returns", optional=True)
    inputs = {name: _spec_text(text, name) for name, text in inputs.items()}
    specs_by_name: dict[str, dict[str, Any]] = {}
    for name, text in inputs.items():
        if text == RATIO:
            specs_by_name[name] = {"units": None, "ratio": True}
        elif text == ANY:
            specs_by_name[name] = {"units": None}
        elif text.startswith("="):
            if text[1:] not in inputs:
                raise TypeError(f"{name}: same_as({text[1:]!r}) names no declared argument")
            specs_by_name[name] = {"units": None, "same_as": text[1:]}
        elif text.startswith("["):
            specs_by_name[name] = {"units": None, "dimension": _declared_dimension(text, name)}
        else:
            specs_by_name[name] = {"units": parse_units(text, name)}
    output = returns
    output_units = (
        parse_units(returns, "returns") if returns and not returns.startswith("=") else None
    )
    if returns and returns.startswith("=") and returns[1:] not in inputs:
        raise TypeError(f"returns={returns!r} names no declared argument")

    def decorate(kernel: Callable[..., Any]) -> UnitFunction:
        signature = inspect.signature(kernel)
        names = list(signature.parameters)
        missing = (set(inputs) | {units_argument, column_argument} - {None}) - set(names)
        if missing:
            raise TypeError(f"{kernel.__name__} has no argument(s) {sorted(map(str, missing))}")
        specs = tuple(
            _Spec(
                name,
                names.index(name),
                label=inputs[name],
                allow_negative=name in allow_negative,
                allow_nan=name in allow_nan,
                absolute=name in absolute,
                context=context,
                units_argument=units_argument,
                **options,
            )
            for name, options in specs_by_name.items()
        )
        # arguments converted to another's units come after it
        specs = tuple(sorted(specs, key=lambda s: s.same_as is not None))
        positions = {name: names.index(name) for name in (units_argument, column_argument) if name}
        measured = returns is None
        if monotone and (
            measured
            or any(s.allow_negative or s.allow_nan or s.ratio or s.units is None for s in specs)
        ):
            raise TypeError(
                f"{kernel.__name__}: monotone kernels take inputs in fixed units that must be "
                ">= 0 and not NaN, and return a unit"
            )
        # The scalar fast path: one dimensional argument, first and in fixed units, given
        # as a scalar Quantity of this registry in a unit seen before (its factor cached).
        fast = (
            len(specs) == 1
            and specs[0].position == 0
            and specs[0].units is not None
            and not (specs[0].ratio or specs[0].absolute or specs[0].allow_nan)
            and specs[0].context is None
            and output_units is not None
            and units_argument is None
            and column_argument is None
            and default_column is None
        )
        fast_spec = specs[0] if fast else None
        fast_factors: dict[Any, float] = {}
        # The array fast path: the same, for a monotone model given a float64 ndarray
        # Quantity already in the unit the kernel takes (see fast_array below).
        fast_arrays = fast and monotone
        kernel_units = fast_spec.units._units if fast_spec is not None else None

        def lookup(args: tuple[Any, ...], kwargs: dict[str, Any], name: str | None) -> Any:
            if name is None:
                return None
            position = positions[name]
            if position < len(args):
                return args[position]
            return kwargs.get(name)

        def fast_array(
            given: Any, magnitude: FloatArray, args: tuple[Any, ...], kwargs: dict[str, Any]
        ) -> Any:
            """What the general path returns for this array, by a shorter way; or None.

            For a float64 array of one dimension or more, in native byte order, in the
            kernel's own unit (which the general path does not convert): the same check
            (:func:`_check_values`, which raises the general path's errors), the same two
            kernel calls (the array, then the peak) and the same packing, without the
            general path's bookkeeping (about 8 us a call here). None sends the call down the
            general path, which then does everything itself. A large array's check runs on a
            second core while the kernel computes (:func:`_checked_beside`).
            """
            units = given._units
            if (
                magnitude.dtype is not _FLOAT64
                or not magnitude.ndim
                or not magnitude.size
                or (units is not kernel_units and units != kernel_units)
            ):
                return None
            assert fast_spec is not None
            assert output_units is not None
            peak = _proven_peak(given, magnitude)
            rest = args[1:]
            pending = None
            if peak is None:
                pending = _overlap.start(
                    functools.partial(_nonnegative_peak, magnitude), magnitude.size
                )
            if pending is not None:
                result, peak = _checked_beside(
                    pending,
                    fast_spec,
                    given,
                    magnitude,
                    lambda: kernel(magnitude, *rest, **kwargs),
                )
            else:
                if peak is None:
                    peak = _check_values(fast_spec, magnitude, given)  # raises on a bad value
                with np.errstate(over="ignore"):  # an overflow is refused just below
                    result = kernel(magnitude, *rest, **kwargs)
            with np.errstate(over="ignore"):
                bound = None if peak is None else _finite_bound(kernel(peak, *rest, **kwargs))
            if bound is None:  # a -0.0 in the input (no peak), or the probe overflowed
                source = Measured(magnitude, fast_spec.units, ARRAY, source=given, peak=peak)
                _check_result(result, output_units, {fast_spec.name: source}, kernel.__name__)
            out = wrap(result, output_units, ARRAY)
            if bound is not None:
                _prove(out, result, bound)
            return out

        @functools.wraps(kernel)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if fast_spec is not None and args and type(args[0]) is _quantity_class():
                given = args[0]
                magnitude = given._magnitude
                factor = fast_factors.get(given._units) if type(magnitude) is float else None
                if factor is not None:
                    x = magnitude * factor
                    # finite and >= 0 (negative allowed where declared); NaN fails both
                    if (fast_spec.allow_negative or x >= 0.0) and x - x == 0.0:
                        with np.errstate(over="ignore"):
                            result = kernel(x, *args[1:], **kwargs)
                        if type(result) is float and result - result == 0.0:
                            return _new_quantity(result, output_container)
                elif fast_arrays and type(magnitude) is np.ndarray:
                    done = fast_array(given, magnitude, args, kwargs)
                    if done is not None:
                        return done
            values = list(args)
            kind, index, name = SCALAR, None, None
            converted: dict[str, Measured] = {}
            wanted = lookup(args, kwargs, units_argument)
            column = lookup(args, kwargs, column_argument)
            for spec in specs:
                if spec.position < len(values):
                    given, slot = values[spec.position], spec.position
                elif spec.name in kwargs:
                    given, slot = kwargs[spec.name], -1
                else:
                    continue
                reference = (
                    converted[spec.same_as].units
                    if spec.same_as is not None and spec.same_as in converted
                    else _wanted_units(spec, wanted, units_argument)
                )
                if (
                    column is None
                    and default_column is not None
                    and isinstance(given, pd.DataFrame)
                ):
                    this = _convert(spec, given, reference, default_column(given))
                else:
                    this = _convert(spec, given, reference, column)
                converted[spec.name] = this
                result = this if measured else this.values
                if slot >= 0:
                    values[slot] = result
                else:
                    kwargs[spec.name] = result
                if this.kind == SERIES and kind == SERIES and not this.index.equals(index):
                    raise InputError(
                        f"{spec.name}: its Series index differs from that of an earlier "
                        "argument; align the Series first (wasteless does not match "
                        "rows by position)"
                    )
                if _RANK[this.kind] > _RANK[kind]:
                    kind, index, name = this.kind, this.index, None
            if measured:
                return kernel(*values, **kwargs)
            _check_shapes(converted)
            if output_units is None:
                assert output is not None
                units = converted[output[1:]].units
            else:
                units = output_units
            with np.errstate(over="ignore"):  # an overflow is refused just below
                result = kernel(*values, **kwargs)
            if fast_spec is not None and kind == SCALAR:
                measured_input = converted.get(fast_spec.name)
                source: Any = measured_input.source if measured_input is not None else None
                if type(source) is _quantity_class() and type(source._magnitude) is float:
                    cached = _factor(source.units, fast_spec.units, None)
                    if cached is not None:
                        fast_factors[source._units] = cached
            peak = _probe_peak(kernel, specs, converted, values, kwargs) if monotone else None
            if peak is None:
                _check_result(result, units, converted, kernel.__name__)
            out = wrap(result, units, kind, index, name)
            if peak is not None:
                _prove(out, result, peak)
            return out

        shown = {
            name: param.replace(annotation=_ANNOTATIONS[inputs[name] == RATIO])
            if name in inputs
            else param
            for name, param in signature.parameters.items()
        }
        declared = signature.replace(
            parameters=list(shown.values()),
            return_annotation="pint.Quantity" if not measured else signature.return_annotation,
        )
        # functools.wraps copied the kernel's float annotations; declare the wrapper's own.
        wrapper.__signature__ = declared  # type: ignore[attr-defined]
        if not measured:
            wrapper.__annotations__ = {
                name: param.annotation
                for name, param in declared.parameters.items()
                if param.annotation is not inspect.Parameter.empty
            } | {"return": "pint.Quantity"}
        output_container = output_units._units if output_units is not None else None
        wrapper.kernel = kernel  # type: ignore[attr-defined]
        wrapper.input_units = dict(inputs)  # type: ignore[attr-defined]
        wrapper.output_units = returns  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def _probe_peak(
    kernel: Callable[..., Any],
    specs: tuple[_Spec, ...],
    converted: Mapping[str, Measured],
    values: list[Any],
    kwargs: dict[str, Any],
) -> float | None:
    """A monotone kernel at its inputs' peaks: the largest its result can be, if finite.

    Finite there means finite everywhere (the kernel is non-decreasing and its inputs are
    >= 0). None when a peak is unknown or the probe is not finite: the result is then read
    by :func:`_check_result`.
    """
    probe_args, probe_kwargs = list(values), dict(kwargs)
    for spec in specs:
        measured = converted.get(spec.name)
        if measured is None:
            continue
        if measured.peak is None or measured.kind not in (SCALAR, ARRAY, SERIES):
            return None
        if spec.position < len(probe_args):
            probe_args[spec.position] = measured.peak
        else:
            probe_kwargs[spec.name] = measured.peak
    with np.errstate(over="ignore"):
        probe = kernel(*probe_args, **probe_kwargs)
    return _finite_bound(probe)


_RERUN = object()  # the kernel raised a floating-point error under _checked_beside's rules


def _checked_beside(
    pending: Future[float | None],
    spec: _Spec,
    given: Any,
    magnitude: FloatArray,
    compute: Callable[[], Any],
) -> tuple[Any, float | None]:
    """``compute()`` while ``pending`` checks ``magnitude``; what checking first gives.

    ``pending`` is :func:`_nonnegative_peak` of ``magnitude`` running on the helper
    thread (:mod:`wasteless._overlap`). Returns ``(result, peak)`` as the sequential
    path would, ``_check_values`` then ``compute()`` under ``errstate(over="ignore")``,
    and raises what it would raise:

    * a bad value: ``_check_values``' error, and nothing of ``compute()`` (its result or
      exception is dropped, as if it had never run);
    * good values: ``compute()``'s result, or its exception;
    * floating-point warnings: ``compute()`` runs with every floating-point error the
      caller does not ignore (divide, invalid, underflow; overflow is always ignored
      here) set to raise; if one is raised, ``compute()`` runs again after the check,
      under the caller's own settings, so that a warning is given (or an error raised)
      only for good input and exactly as the sequential path would.
    """
    settings = np.geterr()

    def strict(name: str) -> Literal["ignore", "raise"]:
        return "ignore" if settings[name] == "ignore" else "raise"  # type: ignore[literal-required]

    failure: BaseException | object | None = None
    result: Any = None
    try:
        with np.errstate(
            over="ignore",
            divide=strict("divide"),
            invalid=strict("invalid"),
            under=strict("under"),
        ):
            result = compute()
    except FloatingPointError:
        failure = _RERUN
    except Exception as error:  # raised only if the check passes, as sequentially
        failure = error
    peak = pending.result()
    if peak is None:  # something is off (or a -0.0, which is allowed): say what and where
        peak = _check_values(spec, magnitude, given)  # raises on a bad value
    if failure is _RERUN:
        with np.errstate(over="ignore"):
            result = compute()
    elif isinstance(failure, BaseException):
        raise failure
    return result, peak


def _finite_bound(probe: Any) -> float | None:
    """The largest value of a monotone kernel's probe if it is all finite, else None."""
    if type(probe) is float:
        return probe if probe - probe == 0.0 else None  # finite
    probe = np.asarray(probe, dtype=np.float64)
    return float(probe.max()) if probe.size and np.isfinite(probe).all() else None


_PROOF = "_wasteless_proven"  # the attribute a proven result carries: (its array, its peak)


def _prove(out: Any, result: Any, peak: float) -> None:
    """Mark a monotone model's array result as proven finite and >= 0, with its peak.

    The result's magnitude becomes a read-only view of the model's own new array through a
    read-only buffer, so that the mark stays true: a caller who wants to change it gets
    NumPy's "read-only" error, and ``flags.writeable = True`` is refused too ("cannot set
    WRITEABLE flag", as for any array over a read-only buffer), where a plain read-only
    array could be unlocked, changed and locked again with the mark still on it. To change
    the numbers, copy them (``q.magnitude.copy()``): a copy carries no mark and is checked.
    Only ndarray Quantities are marked.
    """
    if (
        type(result) is np.ndarray
        and result.base is None
        and result.ndim
        and isinstance(out, pint.Quantity)
        and out._magnitude is result
    ):
        result.flags.writeable = False
        locked = np.asarray(memoryview(result).toreadonly())  # type: ignore[arg-type]  # no copy
        out._magnitude = locked
        setattr(out, _PROOF, (locked, peak))


def _proven_peak(value: Any, magnitude: Any) -> float | None:
    """The peak a proven result carries, if it is still the array that was proven."""
    # the instance's own dict: pint's __getattr__ would format the whole array into the
    # message of the AttributeError it raises for an unmarked Quantity (a full read)
    proof = getattr(value, "__dict__", {}).get(_PROOF)
    if proof is None or proof[0] is not magnitude or magnitude.flags.writeable:
        return None
    peak: float = proof[1]
    return peak


@functools.cache
def _quantity_class() -> Any:
    """The Quantity class of wasteless's registry (built on first use)."""
    return ureg.Quantity


def _new_quantity(magnitude: float | FloatArray, container: Any) -> Any:
    """A Quantity of a float (or array) in a unit container: what ``ureg.Quantity`` builds.

    The fast path of :func:`unit_function` builds its result without pint's argument
    parsing (about 2 µs); ``tests/test_units.py`` checks it equals ``Q_(magnitude, unit)``.
    """
    result = object.__new__(_quantity_class())
    result._magnitude = magnitude
    result._units = container
    return result


def _spec_text(text: Any, name: str, optional: bool = False) -> Any:
    """A unit spec of :func:`unit_function` as a string (a pint Unit is spelled out)."""
    if isinstance(text, pint.Unit):
        return str(parse_units(text, name))
    if isinstance(text, str) or (optional and text is None):
        return text
    raise InputError(f"{name} must be a unit string, a dimension or a spec; got {text!r}")


def _declared_dimension(text: str, name: str) -> Any:
    try:
        return ureg.get_dimensionality(text)
    except (pint.PintError, AttributeError, TypeError, ValueError):
        raise InputError(f"{name}: {text!r} is not a dimension such as '[length] ** 2'") from None


def _check_shapes(converted: Mapping[str, Measured]) -> None:
    """Refuse arrays that NumPy would not broadcast, naming the arguments."""
    arrays = [(name, m.values) for name, m in converted.items() if m.kind in (ARRAY, SERIES)]
    if len(arrays) < 2:
        return
    try:
        np.broadcast_shapes(*(np.shape(values) for _, values in arrays))
    except ValueError:
        shown = " and ".join(f"{name} (shape {np.shape(values)})" for name, values in arrays)
        raise InputError(
            f"{shown} do not broadcast together: give arrays of one shape, or a scalar"
        ) from None


def _check_result(
    result: Any, units: Any, converted: Mapping[str, Measured], function: str
) -> None:
    """Refuse a result that overflowed float64 (finite inputs in, inf or NaN out)."""
    if isinstance(result, float):
        if math.isfinite(result):
            return
    elif not isinstance(result, np.ndarray) or result.dtype != np.float64:
        if np.isfinite(result).all():
            return
    elif (
        result.size == 0
        or result.view(np.uint64).max() < _POSITIVE_INF_BITS
        or (math.isfinite(result.min()) and math.isfinite(result.max()))
    ):
        return
    shown = ", ".join(f"{name} = {_show(m.source)}" for name, m in converted.items())
    raise InputError(
        f"{function}: the result in {ureg.Unit(units)} overflows float64 (beyond ±1.8e308) "
        f"for {shown}: the input is too large, or a parameter too small, for this "
        "computation"
    )


def _wanted_units(spec: _Spec, wanted: Any, units_argument: str | None) -> Any:
    """The units named by the call's ``units=`` argument, checked against ``spec``."""
    if wanted is None:
        return None
    unit = parse_units(wanted, units_argument or "units")
    if spec.dimension is not None and unit.dimensionality != spec.dimension:
        raise UnitsError(
            units_argument or "units",
            f"{unit:~P}" if str(unit) else "dimensionless",
            spec.label,
            str(unit.dimensionality),
            str(spec.dimension),
        )
    return unit


# --- pint columns in everyday pandas ---------------------------------------------------

_PLAIN_COLUMN = re.compile(r"^(?P<name>.*\S)\s+\[(?P<unit>[^\[\]]+)\]$")


def to_plain(frame: pd.DataFrame | pd.Series) -> pd.DataFrame:
    """A copy with plain float64 columns, the unit in each column name: ``"mean [µg/m³]"``.

    The one documented way to plot or export a result with pint-pandas columns:
    ``to_plain(daily).plot()``, ``to_plain(daily).to_csv(...)``. Columns without
    units are kept as they are; :func:`from_plain` reverses it. The unit is written
    in pint's short form (``µg/m³``), which pint reads back.

    Parameters
    ----------
    frame : pandas.DataFrame or pandas.Series
        A table whose unit-carrying columns have the pint-pandas dtype.

    Returns
    -------
    pandas.DataFrame
        Same index; each pint column ``c`` becomes a float64 column ``"c [unit]"``
        (missing values as NaN).

    Examples
    --------
    >>> import pandas as pd
    >>> daily = pd.DataFrame({"mean": pint_series([40.0, 60.0], "ug/m3"), "valid": True})
    >>> to_plain(daily).columns.tolist()
    ['mean [µg/m³]', 'valid']
    >>> from_plain(to_plain(daily))["mean"].pint.units
    <Unit('microgram / meter ** 3')>
    """
    if isinstance(frame, pd.Series):
        frame = frame.to_frame(name="value" if frame.name is None else frame.name)
    if not isinstance(frame, pd.DataFrame):
        raise InputError(f"frame must be a pandas DataFrame or Series; got {type(frame).__name__}")
    columns: dict[Hashable, Any] = {}
    for name in frame.columns:
        column = frame[name]
        units = getattr(column.dtype, "units", None)
        if units is None:
            columns[name] = column
        else:
            label = f"{name} [{ureg.Unit(units):~P}]"
            columns[label] = pd.Series(_series_magnitude(column), index=frame.index).copy()
    return pd.DataFrame(columns, index=frame.index)


def from_plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Read columns named ``"name [unit]"`` back into pint-pandas columns ``name``.

    The inverse of :func:`to_plain`, e.g. after ``pd.read_csv``. Columns without a
    bracketed unit are kept as they are.

    Raises
    ------
    InputError
        If a bracketed unit is not a unit pint knows, or a column holds non-numbers.

    Examples
    --------
    >>> import pandas as pd
    >>> plain = pd.DataFrame({"mean [ug/m**3]": [40.0, 60.0]})
    >>> from_plain(plain)["mean"].pint.magnitude.tolist()
    [40.0, 60.0]
    """
    if not isinstance(frame, pd.DataFrame):
        raise InputError(f"frame must be a pandas DataFrame; got {type(frame).__name__}")
    columns: dict[Hashable, Any] = {}
    for name in frame.columns:
        match = _PLAIN_COLUMN.match(name) if isinstance(name, str) else None
        if match is None:
            columns[name] = frame[name]
            continue
        units = parse_units(match["unit"], f"column {name!r}")
        try:
            values = frame[name].to_numpy(dtype=np.float64, na_value=np.nan)
        except (TypeError, ValueError):
            raise InputError(f"column {name!r} must hold numbers") from None
        columns[match["name"]] = pint_series(values, units, frame.index)
    return pd.DataFrame(columns, index=frame.index)
