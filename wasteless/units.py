"""The unit registry and the one decorator that puts pint at the edges of every model.

wasteless uses pint's *application registry* (:func:`pint.get_application_registry`),
so a Quantity a user builds with plain pint meets the library's Quantities without a
"different registries" error. Importing wasteless extends that registry, once and only
with names it does not already have:

========================  ==========================================================
``tyre`` (``tire``)       a count of tyres, on its own dimension ``[tyre]`` so that
                          tyres cannot be added to square metres
``kgce``, ``tce``         kilogram / tonne of standard coal equivalent,
                          1 kgce = 7000 kcal_IT = 29.3076 MJ (GB/T 2589)
``万`` (``萬``, ``wan``)  the Chinese myriad, 1e4 (dimensionless)
``亿`` (``億``, ``yi``)   1e8 (dimensionless)
========================  ==========================================================

and teaches its parser the spellings ``m2``/``m3`` (so ``"ug/m3"`` reads as
µg/m³; ``"µg/m³"`` already worked). Importing wasteless also imports pint-pandas, so
``pd.Series(values, dtype="pint[ug/m3]")`` works without a separate import. It never calls
``pint.set_application_registry`` and never builds a private registry.

Every model function is written as a *kernel* over float64 numbers in fixed
("canonical") units and wrapped by :func:`unit_function`, which checks each
argument's dimensionality, converts it once, validates it, calls the kernel and
wraps the result once (the approach of MetPy's ``process_units``).

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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
import pint
import pint_pandas  # noqa: F401  (registers pandas' "pint[...]" dtype; about 4 ms)

from wasteless.errors import InputError, MissingUnitsError, UnitsError

__all__ = [
    "Q_",
    "RATIO",
    "WATER",
    "UnitFunction",
    "as_fraction",
    "magnitude_in",
    "pint_dtype",
    "unit_function",
    "ureg",
]

FloatArray = npt.NDArray[np.float64]
Magnitude = float | FloatArray

ureg: Any = pint.get_application_registry()  # type: ignore[no-untyped-call]
"""The registry every wasteless Quantity lives in: pint's application registry."""

Q_: Any = ureg.Quantity
"""Shorthand for ``ureg.Quantity``, as in ``Q_(2.0e6, "m**2")``."""

# (name, pint definition). Defined only when the name is absent, so importing
# wasteless twice, or after another library that defined the same unit, is harmless.
_DEFINITIONS: tuple[tuple[str, str], ...] = (
    ("tyre", "tyre = [tyre] = _ = tire"),
    # GB/T 2589-2020: 1 kgce has a net calorific value of 29 307.6 kJ (7000 kcal_IT).
    ("kilogram_coal_equivalent", "kilogram_coal_equivalent = 7000 * 4.1868 * kilojoule = kgce"),
    ("tonne_coal_equivalent", "tonne_coal_equivalent = 1000 * kilogram_coal_equivalent = tce"),
    ("wan", "wan = 1e4 = 万 = 萬"),
    ("yi", "yi = 1e8 = 亿 = 億"),
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


_extend_registry()

RATIO = "ratio"
"""Spec for an argument that is a ratio: a ``percent`` Quantity or a bare float in [0, 1]."""


class UnitFunction(Protocol):
    """A model function wrapped by :func:`unit_function`; its float kernel is ``.kernel``."""

    kernel: Callable[..., Any]
    input_units: Mapping[str, str]
    output_units: str

    def __call__(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102
        ...  # pragma: no cover


@dataclass(frozen=True)
class _Spec:
    name: str
    position: int
    units: Any  # pint Unit, or None for a ratio
    label: str  # how the unit is spelled in messages
    allow_negative: bool
    context: str | None = None  # a pint context that may bridge dimensions


# How the wrapper's signature shows an argument: a Quantity, or for a ratio also a float.
_ANNOTATIONS = {False: "pint.Quantity", True: "pint.Quantity | float"}

# How a model's result is packed: like the first array-like argument.
_SCALAR, _ARRAY, _SERIES = 0, 1, 2


def _units_hint(spec: _Spec, value: Any) -> str:
    shown = (
        np.array2string(np.asarray(value), threshold=4, separator=", ")
        if np.ndim(value)
        else repr(value)
    )
    return (
        f"wasteless never assumes a unit: attach one, e.g. Q_({shown}, {spec.label!r}), "
        f"or for a pandas Series use the pint-pandas dtype 'pint[{spec.label}]'"
    )


@functools.lru_cache(maxsize=1024)
def _factor(units: Any, target: Any, context: str | None = None) -> float | None:
    """Multiplier from ``units`` to ``target`` (through ``context`` if given), or None."""
    if ureg.Unit(units).dimensionality != ureg.Unit(target).dimensionality:
        if context is None:
            return None
        try:
            return float(ureg.Quantity(1.0, units).to(target, context).magnitude)
        except pint.DimensionalityError:
            return None
    return float(ureg.Quantity(1.0, units).to(target).magnitude)


def magnitude_in(value: Any, units: str, name: str = "value") -> Magnitude:
    """Return the magnitude of a Quantity in ``units`` as float or float64 array.

    A helper for code that needs the number behind a Quantity: it applies the same
    checks as the model functions (dimension, no bare numbers), but not the sign check.

    Parameters
    ----------
    value
        A pint Quantity (scalar or array) or a pint-pandas Series.
    units
        Units to express it in, e.g. ``"m**2"``.
    name
        Argument name used in error messages.

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

    Examples
    --------
    >>> magnitude_in(Q_(2, "km**2"), "m**2")
    2000000.0
    """
    spec = _Spec(name, 0, ureg.Unit(units), units, allow_negative=True)
    return _convert(spec, value)[0]


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
        If the ratio is outside [0, 1] or not finite.
    UnitsError
        If ``value`` has a dimension (e.g. metres).

    Examples
    --------
    >>> as_fraction(Q_(20, "percent"))
    0.2
    >>> as_fraction(0.2)
    0.2
    """
    spec = _Spec(name, 0, None, RATIO, allow_negative=False)
    return _convert(spec, value)[0]


def _as_float(magnitude: Any) -> Magnitude:
    if isinstance(magnitude, float):
        return magnitude
    if isinstance(magnitude, (int, np.integer, np.floating)) and not isinstance(magnitude, bool):
        return float(magnitude)
    array = np.asarray(magnitude, dtype=np.float64)
    return float(array) if array.ndim == 0 else array


def _convert(spec: _Spec, value: Any) -> tuple[Magnitude, int, Any]:
    """Check and convert one argument; return (magnitude, kind, index)."""
    index = None
    if isinstance(value, pint.Quantity):
        raw, units = value.magnitude, value._units
        kind = _ARRAY if isinstance(raw, np.ndarray) and raw.ndim else _SCALAR
    elif _is_series(value):
        dtype_units = getattr(value.dtype, "units", None)
        if dtype_units is None and spec.units is None:  # a ratio: plain fractions are fine
            raw = value.to_numpy(dtype=np.float64, na_value=np.nan)
            return _ratio_magnitude(spec, _as_float(raw), None, value), _SERIES, value.index
        if dtype_units is None:
            raise MissingUnitsError(
                spec.name,
                "dimensionless (a Series without a pint dtype)",
                spec.label,
                hint=_units_hint(spec, value.to_numpy()),
            )
        raw = value.pint.magnitude.to_numpy(dtype=np.float64, na_value=np.nan)
        units, kind, index = dtype_units._units, _SERIES, value.index
    else:
        if spec.units is not None:
            raise MissingUnitsError(
                spec.name, "a bare number (no units)", spec.label, hint=_units_hint(spec, value)
            )
        raw, units = value, None
        kind = _ARRAY if np.ndim(value) else _SCALAR

    magnitude = _as_float(raw)
    if spec.units is None:
        magnitude = _ratio_magnitude(spec, magnitude, units, value)
    else:
        factor = _factor(units, spec.units._units, spec.context)
        if factor is None:
            given = ureg.Unit(units)
            raise UnitsError(
                spec.name,
                f"{given:~P}" if str(given) else "dimensionless",
                spec.label,
                str(given.dimensionality),
                str(spec.units.dimensionality),
                hint=_CONTEXT_HINTS.get(spec.context or "", ""),
            )
        if factor != 1.0:
            magnitude = magnitude * factor
        _check_values(spec, magnitude, value)
    return magnitude, kind, index


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
    high = np.max(magnitude) if isinstance(magnitude, np.ndarray) else magnitude
    if np.size(magnitude) and high > 1.0:
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
        return f"{float(value.magnitude)!r} {value.units}"
    if _is_series(value):
        return f"a Series of dtype {value.dtype}"
    if np.ndim(value if not isinstance(value, pint.Quantity) else value.magnitude):
        size = np.size(value)
        units = getattr(value, "units", "no units")
        return f"an array ({size} value{'s' if size != 1 else ''}) in {units}"
    return repr(value)


_POSITIVE_INF_BITS = np.array(np.inf, dtype=np.float64).view(np.uint64)[()]


def _check_values(spec: _Spec, magnitude: Magnitude, value: Any) -> None:
    if isinstance(magnitude, float):
        if not math.isfinite(magnitude):
            raise InputError(f"{spec.name} must be finite; got {_show(value)}")
        if magnitude < 0.0 and not spec.allow_negative:
            raise InputError(f"{spec.name} must be >= 0; got {_show(value)}")
        return
    if magnitude.size == 0:
        return
    # Fast path, one read pass and no temporary: read as unsigned integers, the bit
    # patterns of float64 values that are finite and >= +0.0 are exactly those below
    # the pattern of +inf (sign bit clear, exponent not all ones).
    if not spec.allow_negative:
        if magnitude.view(np.uint64).max() < _POSITIVE_INF_BITS:
            return
    elif math.isfinite(magnitude.min()) and math.isfinite(magnitude.max()):
        return
    # Slow path: something is off (or a -0.0, which is allowed); say what.
    if not np.isfinite(magnitude).all():
        bad = int(np.count_nonzero(~np.isfinite(magnitude)))
        raise InputError(
            f"{spec.name} must be finite; got {_show(value)} with {bad} NaN or infinite element(s)"
        )
    if not spec.allow_negative and magnitude.size and magnitude.min() < 0.0:
        raise InputError(
            f"{spec.name} must be >= 0; got {_show(value)} (at least one element is negative)"
        )


def _is_series(value: Any) -> bool:
    return type(value).__name__ == "Series" and hasattr(value, "index")


def pint_dtype(units: Any) -> str:
    """The pint-pandas dtype for float64 values in ``units``, e.g. ``pint[meter][float64]``.

    NumPy float64 storage (not pandas' nullable ``Float64``) keeps missing values as
    NaN, as NumPy code expects, instead of ``pd.NA``.

    Examples
    --------
    >>> pint_dtype("ug/m**3")
    'pint[microgram / meter ** 3][float64]'
    """
    return f"pint[{ureg.Unit(units)!s}][float64]"


def _wrap(result: Any, units: Any, kind: int, index: Any) -> Any:
    if kind == _SERIES:
        import pandas as pd
        from pint_pandas import PintArray

        values = np.asarray(result, dtype=np.float64)
        return pd.Series(PintArray(values, dtype=pint_dtype(units)), index=index)  # type: ignore[no-untyped-call]
    if kind == _SCALAR and isinstance(result, np.ndarray):
        result = float(result)
    return ureg.Quantity(result, units)


def unit_function(
    returns: str,
    *,
    allow_negative: tuple[str, ...] = (),
    context: str | None = None,
    **inputs: str,
) -> Callable[[Callable[..., Any]], UnitFunction]:
    """Wrap a float kernel so that it takes and returns pint Quantities.

    The decorated function is the *kernel*: it receives plain floats or float64
    arrays, already converted to the units named here, and returns a magnitude in
    ``returns`` units. The wrapper, for each argument named in ``inputs``:

    1. refuses a bare number (:class:`~wasteless.errors.MissingUnitsError`, saying
       which unit to attach) and a wrong dimension
       (:class:`~wasteless.errors.UnitsError`, a :class:`pint.DimensionalityError`);
    2. converts it once to the named unit (a conversion factor cached per unit);
    3. refuses NaN, infinite and (unless listed in ``allow_negative``) negative values
       with :class:`~wasteless.errors.InputError`;

    then calls the kernel and wraps the result once. Expected units are parsed at
    decoration time, so a typo fails at import. Arguments left at their defaults
    are passed through unchecked. The result has the container of the first
    quantity argument that is an array: a scalar gives a scalar Quantity (never a
    0-d array), an ndarray gives an ndarray Quantity, a pint-pandas Series gives a
    pint-pandas Series with the same index. Inputs are never modified.

    Parameters
    ----------
    returns
        Units of the kernel's result, e.g. ``"tyre"``.
    allow_negative
        Names of arguments that may be negative.
    context
        A pint context through which inputs of another dimension convert, e.g.
        :data:`WATER` (water mass flows as volume flows, 1 t = 1 m³).
    **inputs
        Argument name to the units the kernel expects it in, or :data:`RATIO` for
        a ratio (``percent`` Quantity or bare float in [0, 1], given to the kernel
        as a fraction).

    Returns
    -------
    callable
        The wrapped function; ``.kernel`` is the undecorated float function.

    Examples
    --------
    >>> @unit_function("kg", volume="m**3")
    ... def water_mass(volume):
    ...     return volume * 1000.0
    >>> water_mass(Q_(2, "L"))
    <Quantity(2.0, 'kilogram')>
    >>> water_mass.kernel(0.002)
    2.0
    """
    output_units = ureg.Unit(returns)
    parsed = {name: None if spec == RATIO else ureg.Unit(spec) for name, spec in inputs.items()}

    def decorate(kernel: Callable[..., Any]) -> UnitFunction:
        signature = inspect.signature(kernel)
        names = list(signature.parameters)
        missing = set(parsed) - set(names)
        if missing:
            raise TypeError(f"{kernel.__name__} has no argument(s) {sorted(missing)}")
        specs = tuple(
            _Spec(
                name,
                names.index(name),
                unit,
                inputs[name],
                allow_negative=name in allow_negative,
                context=context,
            )
            for name, unit in parsed.items()
        )

        @functools.wraps(kernel)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            values = list(args)
            kind, index = _SCALAR, None
            for spec in specs:
                if spec.position < len(values):
                    magnitude, this_kind, this_index = _convert(spec, values[spec.position])
                    values[spec.position] = magnitude
                elif spec.name in kwargs:
                    magnitude, this_kind, this_index = _convert(spec, kwargs[spec.name])
                    kwargs[spec.name] = magnitude
                else:
                    continue
                if this_kind == _SERIES and kind == _SERIES and not this_index.equals(index):
                    raise InputError(
                        f"{spec.name}: its Series index differs from that of an earlier "
                        "argument; align the Series first (wasteless does not match "
                        "rows by position)"
                    )
                if this_kind > kind:
                    kind, index = this_kind, this_index
            return _wrap(kernel(*values, **kwargs), output_units, kind, index)

        shown = {
            name: param.replace(annotation=_ANNOTATIONS[inputs[name] == RATIO])
            if name in parsed
            else param
            for name, param in signature.parameters.items()
        }
        declared = signature.replace(
            parameters=list(shown.values()), return_annotation="pint.Quantity"
        )
        # functools.wraps copied the kernel's float annotations; declare the wrapper's own.
        wrapper.__signature__ = declared  # type: ignore[attr-defined]
        wrapper.__annotations__ = {
            name: param.annotation
            for name, param in declared.parameters.items()
            if param.annotation is not inspect.Parameter.empty
        } | {"return": "pint.Quantity"}
        wrapper.kernel = kernel  # type: ignore[attr-defined]
        wrapper.input_units = dict(inputs)  # type: ignore[attr-defined]
        wrapper.output_units = returns  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
