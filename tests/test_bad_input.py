"""Bad input never gets a wrong answer (issue 10).

The battery: every public callable (found from the ``__all__`` of every module, walking
the package with pkgutil) is called with a declared set of bad values for each argument:
bare numbers, wrong and offset dimensions, NaN, ±inf, negative, zero, huge and subnormal
values, complex, empty, 0-d and masked arrays, strings, bools, None, NumPy scalars,
Series with duplicate, non-monotonic, timezone-aware or NaT indexes, Quantities of a
foreign registry... one argument at a time, the others kept good. Each call must end in

* a documented error: :class:`~wasteless.errors.InputError`, a
  :class:`~wasteless.errors.UnitsError` (:class:`~wasteless.errors.MissingUnitsError`)
  or pint's :class:`pint.DimensionalityError`, or a ``TypeError`` that names the
  argument ("refused"); or
* a result that a property checks as right ("right"): equal to the result of an
  equivalent good call (the same value in other units, a NaN hour ≡ a missing hour, a
  shuffled index ≡ the sorted one, a timezone-aware index ≡ its wall-clock time, ...),
  or at least sane (finite, real, in wasteless's registry, never a 0-d array).

Anything else is a "silent wrong answer" or an "undocumented exception". A callable
that must be declared and is not fails :func:`test_every_public_callable_is_declared`,
so a new function is covered the day it is added. Deliberate or known exceptions are
listed in one place, :data:`KNOWN`, each with its reason, and a stale entry fails too.

Below the battery: the twelve reproducers of issue 10 as regression tests, the command
line in hostile environments, and the Chinese parser on long inputs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import importlib
import inspect
import math
import os
import pkgutil
import signal
import subprocess
import sys
import threading
import time
import warnings
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pint
import pytest
from framecheck import assert_frame_equal
from hypothesis import given, settings
from hypothesis import strategies as st

import wasteless
from wasteless import Q_
from wasteless.errors import InputError, UnitsError

REGISTRY = Q_(1.0, "m")._REGISTRY  # wasteless's registry, whatever `ureg` is

# --- outcomes --------------------------------------------------------------------------

REFUSED = "refused: documented error"
RIGHT = "right: property holds"
WRONG = "silent wrong answer"
UNDOCUMENTED = "undocumented exception"
SLOW = "too slow"
OUTCOMES = (REFUSED, RIGHT, WRONG, UNDOCUMENTED, SLOW)
FAILURES = (WRONG, UNDOCUMENTED, SLOW)
SLOW_SECONDS = 10.0  # a generous budget: the bugs it catches took 47 s to hours

# What a variant may do (besides raising a documented error, always allowed):
REFUSE = "refuse"  # nothing: it must raise a documented error
SAME = "same"  # return the good call's result
EQUIV = "equivalent"  # return the result of the call with Variant.equivalent instead
MAGNITUDES = "magnitudes"  # return the good call's magnitudes (the units may differ)
SANE = "sane"  # return something sane (finite, real, wasteless's registry, no 0-d array)

DOCUMENTED_ERRORS = (InputError, UnitsError, pint.DimensionalityError)


@dataclass(frozen=True)
class Variant:
    """A bad value for one argument and what the call may do with it."""

    label: str
    value: Any
    expect: str
    equivalent: Any = None  # for EQUIV: the good value it stands for
    adapt: Callable[[Any], Any] | None = None  # for EQUIV: applied to the reference result
    rtol: float = 1e-9


class Fresh:
    """A good value built anew for every call (mutable inputs, temporary files)."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def _value(value: Any) -> Any:
    return value.make() if isinstance(value, Fresh) else value


# --- comparing results -------------------------------------------------------------------


def _close(got: Any, want: Any, rtol: float) -> str | None:
    got_array, want_array = np.asarray(got), np.asarray(want)
    if got_array.shape != want_array.shape:
        return f"shape {got_array.shape} instead of {want_array.shape}"
    if got_array.dtype.kind in "fciub" and want_array.dtype.kind in "fciub":
        if np.iscomplexobj(got_array):
            return "complex values"
        if not np.allclose(got_array, want_array, rtol=rtol, atol=0.0, equal_nan=True):
            return f"values {got_array.ravel()[:4]} instead of {want_array.ravel()[:4]}"
        return None
    same = [
        _differs(g, w, rtol) is None
        for g, w in zip(got_array.ravel(), want_array.ravel(), strict=True)
    ]
    return (
        None
        if all(same)
        else f"values {got_array.ravel()[:4]} instead of {want_array.ravel()[:4]}"
    )


def _pint_values(series: pd.Series) -> Any:
    return REGISTRY.Quantity(
        np.asarray(series.pint.magnitude, dtype=np.float64), str(series.pint.units)
    )


def _differs(
    got: Any, want: Any, rtol: float = 1e-9, units: bool = True, depth: int = 0
) -> str | None:
    """Why ``got`` is not ``want`` (None when it is): values to ``rtol``, units, shape, index."""
    if depth > 6:
        return None
    if isinstance(want, pint.Quantity):
        if not isinstance(got, pint.Quantity):
            return f"a {type(got).__name__} instead of a Quantity"
        if np.ndim(got.magnitude) != np.ndim(want.magnitude):
            return f"ndim {np.ndim(got.magnitude)} instead of {np.ndim(want.magnitude)}"
        if not units:
            return _close(got.magnitude, want.magnitude, rtol)
        if got.dimensionality != want.dimensionality:
            return f"units {got.units} instead of {want.units}"
        try:
            converted = REGISTRY.Quantity(got.magnitude, str(got.units)).to(str(want.units))
        except Exception as err:  # e.g. offset units in a compound unit
            return f"units {got.units} do not convert to {want.units} ({err})"
        return _close(converted.magnitude, want.magnitude, rtol)
    if isinstance(want, pd.DataFrame):
        if not isinstance(got, pd.DataFrame):
            return f"a {type(got).__name__} instead of a DataFrame"
        if list(got.columns) != list(want.columns):
            return f"columns {list(got.columns)} instead of {list(want.columns)}"
        if not got.index.equals(want.index):
            return f"index {got.index[:3]} instead of {want.index[:3]}"
        for column in want.columns:
            why = _differs(got[column], want[column], rtol, units, depth + 1)
            if why:
                return f"column {column!r}: {why}"
        return None
    if isinstance(want, pd.Series):
        if not isinstance(got, pd.Series):
            return f"a {type(got).__name__} instead of a Series"
        if not got.index.equals(want.index):
            return f"index {list(got.index[:3])} instead of {list(want.index[:3])}"
        if hasattr(want, "pint") and hasattr(want.dtype, "units"):
            if not hasattr(got.dtype, "units"):
                return f"dtype {got.dtype} instead of {want.dtype}"
            return _differs(_pint_values(got), _pint_values(want), rtol, units, depth + 1)
        return _close(got.to_numpy(), want.to_numpy(), rtol)
    if isinstance(want, np.ndarray):
        return _close(got, want, rtol)
    if dataclasses.is_dataclass(want) and not isinstance(want, type):
        if type(got) is not type(want):
            return f"a {type(got).__name__} instead of a {type(want).__name__}"
        for item in dataclasses.fields(want):
            why = _differs(
                getattr(got, item.name), getattr(want, item.name), rtol, units, depth + 1
            )
            if why:
                return f"{item.name}: {why}"
        return None
    if isinstance(want, Mapping):
        if not isinstance(got, Mapping) or list(got) != list(want):
            return "different keys"
        for key in want:
            why = _differs(got[key], want[key], rtol, units, depth + 1)
            if why:
                return f"[{key!r}]: {why}"
        return None
    if isinstance(want, (tuple, list)):
        if not isinstance(got, (tuple, list)) or len(got) != len(want):
            return f"{got!r:.80} instead of {want!r:.80}"
        for g, w in zip(got, want, strict=True):
            why = _differs(g, w, rtol, units, depth + 1)
            if why:
                return why
        return None
    if isinstance(want, (float, np.floating)) and not isinstance(want, bool):
        if not isinstance(got, (int, float, np.number)) or isinstance(got, bool):
            return f"{got!r:.80} instead of {want!r}"
        if math.isnan(want) and math.isnan(got):
            return None
        return None if math.isclose(got, want, rel_tol=rtol) else f"{got!r} instead of {want!r}"
    try:
        equal = bool(got == want)
    except Exception:
        equal = got is want
    return None if equal else f"{got!r:.80} instead of {want!r:.80}"


def _insane(result: Any, depth: int = 0) -> str | None:
    """What is wrong with any result, whatever the input (None when nothing)."""
    if depth > 6 or result is None:
        return None
    if isinstance(result, pint.Quantity):
        if result._REGISTRY is not REGISTRY:
            return "a Quantity of another registry"
        magnitude = result.magnitude
        if isinstance(magnitude, np.ndarray) and magnitude.ndim == 0:
            return "a 0-d array Quantity (a scalar in gives a scalar out)"
        return _insane(magnitude, depth + 1)
    if isinstance(result, (pd.Series, pd.DataFrame)):
        frame = result.to_frame() if isinstance(result, pd.Series) else result
        for name in frame.columns:
            column = frame[name]
            units = getattr(column.dtype, "units", None)
            if units is not None:
                if units._REGISTRY is not REGISTRY:
                    return f"column {name!r} in another registry"
                values = np.asarray(column.pint.magnitude, dtype=np.float64)
            elif pd.api.types.is_float_dtype(column.dtype):
                values = column.to_numpy(dtype=np.float64, na_value=np.nan)
            else:
                continue
            if np.isinf(values).any():
                return f"column {name!r} holds infinities"
        return None
    if isinstance(result, np.ndarray):
        if np.iscomplexobj(result):
            return "complex values"
        if result.dtype.kind == "f" and np.isinf(result).any():
            return "infinite values"
        return None
    if isinstance(result, (complex, np.complexfloating)):
        return "a complex number"
    if isinstance(result, (float, np.floating)):
        return "an infinite number" if math.isinf(result) else None
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        for item in dataclasses.fields(result):
            why = _insane(getattr(result, item.name), depth + 1)
            if why:
                return f"{item.name}: {why}"
        return None
    if isinstance(result, Mapping):
        for key, item in list(result.items())[:50]:
            why = _insane(item, depth + 1)
            if why:
                return f"[{key!r}]: {why}"
        return None
    if isinstance(result, (tuple, list)):
        for item in result[:50]:
            why = _insane(item, depth + 1)
            if why:
                return why
    return None


def _snapshot(value: Any) -> Any:
    """A copy of the data of an input, to check that the call left it alone."""
    if isinstance(value, (pd.Series, pd.DataFrame)):
        return value.copy(deep=True)
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, pint.Quantity) and isinstance(value.magnitude, np.ndarray):
        return value.magnitude.copy()
    return None


def _modified(value: Any, snapshot: Any) -> bool:
    if snapshot is None:
        return False
    now = value.magnitude if isinstance(value, pint.Quantity) else value
    if isinstance(snapshot, pd.Series | pd.DataFrame):
        return not snapshot.equals(now)
    now = np.asarray(now)
    return not np.array_equal(snapshot, now, equal_nan=now.dtype.kind == "f")


# --- argument kinds and their bad values -------------------------------------------------

_FOREIGN: list[Any] = []


def foreign_registry() -> Any:
    """A user's own pint.UnitRegistry() that knows wasteless's unit names."""
    if not _FOREIGN:
        other = pint.UnitRegistry()
        for definition in (
            "tyre = [tyre] = _ = tire",
            "kilogram_coal_equivalent = 7000 * 4.1868 * kilojoule = kgce",
            "tonne_coal_equivalent = 1000 * kilogram_coal_equivalent = tce",
            "wan = 1e4 = 万 = 萬",
            "yi = 1e8 = 亿 = 億",
            "yuan = [yuan] = CNY = 元",
            "wan_yuan = 1e4 * yuan = 万元",
        ):
            other.define(definition)
        _FOREIGN.append(other)
    return _FOREIGN[0]


def _series(values: Any, units: Any, index: Any = None) -> pd.Series:
    return wasteless.units.pint_series(np.asarray(values, dtype=np.float64), units, index)


def _other_dimension(units: Any) -> str:
    for candidate in ("s", "tyre", "kg", "m"):
        if REGISTRY.Unit(candidate).dimensionality != REGISTRY.Unit(units).dimensionality:
            return candidate
    raise AssertionError(units)  # pragma: no cover


def _alternative_units(units: Any) -> Any:
    """The same dimension in other units: ``units * km / m``."""
    return REGISTRY.Unit(units) * REGISTRY.km / REGISTRY.m


class Kind:
    """How one argument is varied: ``variants(good)`` lists its bad values."""

    optional = False  # None means "the default"

    def variants(self, good: Any) -> list[Variant]:  # pragma: no cover
        raise NotImplementedError

    def common(self) -> list[Variant]:
        return [Variant("None", None, SANE if self.optional else REFUSE)]


@dataclass
class Quantity(Kind):
    """A Quantity argument (scalar or array): the units pathway's variants."""

    allow_nan: bool = False
    allow_negative: bool = False
    any_dimension: bool = False  # an ANY spec: any dimension is kept, not refused
    scalar_only: bool = False  # arrays and Series must be refused
    elementwise: bool = True  # a Series in gives a Series of the array result out
    optional: bool = False
    bare_ok: bool = False  # a bare number is documented as accepted (a count, a ratio)

    def variants(self, good: Any) -> list[Variant]:
        m = np.asarray(good.magnitude, dtype=np.float64)
        units = good.units
        scalar = m.ndim == 0
        one = float(m.ravel()[0]) if m.size else 1.0
        q = lambda values, u=units: REGISTRY.Quantity(values, u)  # noqa: E731
        array_ok = REFUSE if self.scalar_only else SANE
        out = [
            Variant("bare number", one, SANE if self.bare_ok else REFUSE),
            Variant("bare array", np.atleast_1d(m), REFUSE),
            Variant("list of Quantities", [q(one), q(one)], REFUSE),
            Variant("plain Series", pd.Series(np.atleast_1d(m)), REFUSE),
            Variant("string", f"{one} {units}", REFUSE),
            Variant("bool", True, REFUSE),
            Variant("object", object(), REFUSE),
            Variant("Quantity of bools", q(np.array([True, False])), REFUSE),
            Variant("complex scalar", q(one + 1j), REFUSE),
            Variant("complex array", q(np.atleast_1d(m) + 1j), REFUSE),
            Variant("+inf", q(np.inf), REFUSE),
            Variant("-inf", q(-np.inf), REFUSE),
            Variant("NaN", q(np.nan), SANE if self.allow_nan else REFUSE),
            Variant("NaN in an array", q(np.r_[one, np.nan]), SANE if self.allow_nan else REFUSE),
            Variant("negative", q(-abs(one) - 1.0), SANE if self.allow_negative else REFUSE),
            Variant("zero", q(0.0), SANE),
            Variant("huge 1e308", q(1e308), SANE),
            Variant("subnormal 5e-324", q(5e-324), SANE),
            Variant(
                "masked element",
                q(np.ma.masked_array([one, one], mask=[False, True])),
                REFUSE,
            ),
            Variant("foreign registry", foreign_registry().Quantity(one, str(units)), REFUSE),
            Variant("empty array", q(np.array([], dtype=np.float64)), array_ok),
            Variant("2-D array", q(np.full((2, 2), one)), array_ok),
        ]
        other = _other_dimension(units)
        out.append(
            Variant(
                f"wrong dimension ({other})", q(m, other), SANE if self.any_dimension else REFUSE
            )
        )
        if REGISTRY.Unit(units).dimensionality != REGISTRY.Unit("K").dimensionality:
            out.append(
                Variant("offset unit (degC)", q(m, "degC"), SANE if self.any_dimension else REFUSE)
            )
        alternative = _alternative_units(units)
        out.append(
            Variant(
                "same dimension, other units", q(m / 1000.0, alternative), EQUIV, good, rtol=1e-9
            )
        )
        if scalar:
            out += [
                Variant("0-d array", q(np.array(one)), SAME),
                Variant("NumPy float64", q(np.float64(one)), SAME),
                Variant("NumPy float32", q(np.float32(one)), EQUIV, q(float(np.float32(one)))),
                Variant("Python int", q(round(one)), EQUIV, q(float(round(one)))),
                Variant("NumPy int64", q(np.int64(round(one))), EQUIV, q(float(round(one)))),
                Variant(
                    "masked, nothing masked",
                    q(np.ma.masked_array([one, one], mask=[False, False])),
                    REFUSE if self.scalar_only else EQUIV,
                    q(np.array([one, one])),
                ),
            ]
        if not self.scalar_only and self.elementwise:
            array = q(np.r_[m.ravel(), m.ravel()] if m.size else np.r_[one, one])
            n = len(np.asarray(array.magnitude))
            for label, index in _odd_indexes(n):
                out.append(
                    Variant(
                        f"pint Series, {label}",
                        _series(array.magnitude, units, index),
                        EQUIV,
                        array,
                        adapt=_as_series(index),
                    )
                )
        elif self.scalar_only:
            out.append(Variant("pint Series", _series([one, one], units), REFUSE))
        return out + self.common()


def _odd_indexes(n: int) -> list[tuple[str, pd.Index]]:
    stamps = pd.date_range("2019-01-01", periods=n, freq="D")
    return [
        ("range index", pd.RangeIndex(n)),
        ("duplicate index", pd.Index([0] * n)),
        ("non-monotonic index", pd.Index(list(range(n))[::-1])),
        ("timezone-aware index", stamps.tz_localize("Asia/Shanghai")),
        ("NaT in the index", pd.DatetimeIndex([pd.NaT, *stamps[1:]])),
        ("string index", pd.Index([f"s{i}" for i in range(n)])),
    ]


def _as_series(index: pd.Index) -> Callable[[Any], Any]:
    def adapt(reference: Any) -> Any:
        if isinstance(reference, pint.Quantity):
            return _series(reference.magnitude, reference.units, index)
        return reference

    return adapt


@dataclass
class Ratio(Kind):
    """A ratio: a percent Quantity or a bare float in [0, 1]."""

    optional: bool = False
    positive: bool = False  # zero is refused too

    def variants(self, good: Any) -> list[Variant]:
        f = float(wasteless.units.as_fraction(good))
        return [
            Variant("above 1", 1.5, REFUSE),
            Variant("negative", -0.1, REFUSE),
            Variant("NaN", float("nan"), REFUSE),
            Variant("+inf", float("inf"), REFUSE),
            Variant("string", str(f), REFUSE),
            Variant("bool", True, REFUSE),
            Variant("complex", complex(f, 0.0), REFUSE),
            Variant("150 percent", Q_(150.0, "percent"), REFUSE),
            Variant("percent Quantity", Q_(100.0 * f, "percent"), EQUIV, f, rtol=1e-12),
            Variant("dimensionless Quantity", Q_(f, ""), EQUIV, f),
            Variant("NumPy float64", np.float64(f), SAME),
            Variant("NumPy float32", np.float32(f), EQUIV, float(np.float32(f))),
            Variant("Python int 1", 1, EQUIV, 1.0),
            Variant("zero", 0.0, SANE),
            Variant("metres", Q_(f, "m"), REFUSE),
            Variant("offset unit", Q_(f, "degC"), REFUSE),
            Variant("array with a bad value", np.array([f, 1.5]), REFUSE),
            Variant("masked", np.ma.masked_array([f, f], mask=[False, True]), REFUSE),
            Variant("foreign registry", foreign_registry().Quantity(f * 100, "percent"), REFUSE),
            *self.common(),
        ]


@dataclass
class Whole(Kind):
    """A whole-number option in [low, high]."""

    low: int = 0
    high: int = 10**9
    optional: bool = False

    def variants(self, good: Any) -> list[Variant]:
        v = int(good)
        out = [
            Variant("10**30", 10**30, REFUSE),
            Variant("fraction", v + 0.5, REFUSE),
            Variant("string", str(v), REFUSE),
            Variant("bool", True, REFUSE),
            Variant("NaN", float("nan"), REFUSE),
            Variant("+inf", float("inf"), REFUSE),
            Variant("complex", complex(v, 0), REFUSE),
            Variant("NumPy int64", np.int64(v), SAME),
            Variant("NumPy int32", np.int32(v), SAME),
            Variant("whole float", float(v), SANE),
            Variant("Quantity", Q_(v, ""), SANE),
            Variant("list", [v], REFUSE),
            *self.common(),
        ]
        if self.low > -(10**9):
            out.append(Variant("below the range", self.low - 1, REFUSE))
        if self.high < 10**9:
            out.append(Variant("above the range", self.high + 1, REFUSE))
        return out


@dataclass
class Real(Kind):
    """A real-number option in [low, high] (open ends when asked)."""

    low: float = -math.inf
    high: float = math.inf
    open_low: bool = False
    open_high: bool = False
    optional: bool = False

    def variants(self, good: Any) -> list[Variant]:
        v = float(good)
        out = [
            Variant("NaN", float("nan"), REFUSE),
            Variant("string", str(v), REFUSE),
            Variant("bool", True, REFUSE),
            Variant("complex", complex(v, 1.0), REFUSE),
            Variant("list", [v], REFUSE),
            Variant("NumPy float64", np.float64(v), SAME),
            Variant("NumPy float32", np.float32(v), EQUIV, float(np.float32(v))),
            Variant("metres", Q_(v, "m"), REFUSE),
            *self.common(),
        ]
        if v == round(v):
            out.append(Variant("NumPy int64", np.int64(round(v)), SAME))
        if math.isfinite(self.high):
            out += [
                Variant("+inf", math.inf, REFUSE),
                Variant("above the range", self.high + 1, REFUSE),
            ]
            if self.open_high:
                out.append(Variant("the open upper end", self.high, REFUSE))
        if math.isfinite(self.low):
            out += [
                Variant("-inf", -math.inf, REFUSE),
                Variant("below the range", self.low - 1, REFUSE),
            ]
            if self.open_low:
                out.append(Variant("the open lower end", self.low, REFUSE))
        if not math.isfinite(self.high) or not math.isfinite(self.low):
            out += [Variant("+inf", math.inf, REFUSE), Variant("-inf", -math.inf, REFUSE)]
        return out


@dataclass
class Flag(Kind):
    """A yes/no option: True or False only (``"False"`` is not false)."""

    optional: bool = False

    def variants(self, good: Any) -> list[Variant]:
        return [
            Variant("string 'False'", "False", REFUSE),
            Variant("string 'True'", "True", REFUSE),
            Variant("int 0", 0, REFUSE),
            Variant("int 1", 1, REFUSE),
            Variant("NumPy bool", np.bool_(good), SAME),
            Variant("list", [good], REFUSE),
            *self.common(),
        ]


@dataclass
class Choice(Kind):
    """One of a set of names (a method, a pollutant, an edition, a relation...)."""

    optional: bool = False

    def variants(self, good: Any) -> list[Variant]:
        out = [
            Variant("unknown name", "bogus", REFUSE),
            Variant("empty string", "", REFUSE),
            Variant("number", 5, REFUSE),
            Variant("bytes", str(good).encode(), REFUSE),
            Variant("list", [good], REFUSE),
            Variant("100,000 characters", "x" * 100_000, REFUSE),
            Variant("control characters", "\x00\n", REFUSE),
            *self.common(),
        ]
        if isinstance(good, str):
            out += [
                Variant("upper case", good.upper(), SANE),
                Variant("padded", f" {good} ", SANE),
            ]
        return out


@dataclass
class Units(Kind):
    """A unit argument (a string or a pint Unit) of a given dimension (None: any)."""

    dimension: str | None = None
    optional: bool = False

    def variants(self, good: Any) -> list[Variant]:
        out = [
            Variant("unknown unit", "bogus", REFUSE),
            Variant("number", 5, REFUSE),
            Variant("100,000 characters", "x" * 100_000, REFUSE),
            Variant("garbage", "**/(", REFUSE),
            Variant("list", [str(good)], REFUSE),
            Variant("pint Unit", REGISTRY.Unit(str(good)), SAME),
            Variant(
                "foreign registry Unit", foreign_registry().Unit(str(REGISTRY.Unit(good))), SANE
            ),
            *self.common(),
        ]
        if self.dimension is not None:
            dimension = REGISTRY.get_dimensionality(self.dimension)
            for wrong in ("s", "degC", ""):
                if REGISTRY.Unit(wrong).dimensionality != dimension:
                    out.append(Variant(f"wrong dimension ({wrong!r})", wrong, REFUSE))
        return out


@dataclass
class Text(Kind):
    """Free text (a quote, a name, a reason): a str."""

    optional: bool = False

    def variants(self, good: Any) -> list[Variant]:
        return [
            Variant("number", 5, REFUSE),
            Variant("bytes", b"abc", REFUSE),
            Variant("list", ["abc"], REFUSE),
            Variant("HTML", "<script>alert(1)</script>&", SANE),
            Variant("empty", "", SANE),
            Variant("lone surrogate", "\ud800", SANE),
            *self.common(),
        ]


@dataclass
class Label(Kind):
    """An argument that only names something in messages (``name=``, ``argument=``)."""

    def variants(self, good: Any) -> list[Variant]:
        return [
            Variant(label, value, SANE)
            for label, value in (("number", 5), ("None", None), ("HTML", "<b>&</b>"))
        ]


@dataclass
class Name(Kind):
    """The name of an argument (units.same_as): an identifier."""

    def variants(self, good: Any) -> list[Variant]:
        return [
            Variant("unknown name", "bogus", SANE),
            Variant("empty string", "", REFUSE),
            Variant("two words", "two words", REFUSE),
            Variant("number", 5, REFUSE),
            Variant("bytes", b"start", REFUSE),
            Variant("list", ["start"], REFUSE),
            Variant("None", None, REFUSE),
        ]


@dataclass
class OutputDirectory(Kind):
    """A directory to write into (created if absent)."""

    def variants(self, good: Any) -> list[Variant]:
        return [
            Variant("an existing file", str(_scratch() / "empty.csv"), REFUSE),
            Variant(
                "a new directory",
                Fresh(lambda: str(_scratch() / f"new-{time.perf_counter_ns()}")),
                SANE,
            ),
            Variant("number", 5, REFUSE),
            Variant("dict", {}, REFUSE),
            Variant("None", None, REFUSE),
        ]


@dataclass
class Phrase(Kind):
    """A Chinese quantity phrase (zh): a str, read in time linear in its length."""

    parsed: bool = True  # normalise() takes any text, parsing refuses empty or two numbers

    def variants(self, good: Any) -> list[Variant]:
        refuse = REFUSE if self.parsed else SANE
        return [
            Variant("number", 5, REFUSE),
            Variant("bytes", "超270万条".encode(), REFUSE),
            Variant("empty", "", refuse),
            Variant("20,000 numerals", "一" * 20_000, SANE),
            Variant("20,000 numeral pairs", "一十" * 10_000, SANE),
            Variant("10,000 numbers with a unit", "一个" * 10_000, SANE),
            Variant("a long fraction", "一点" + "一" * 20_000, SANE),
            Variant("400 digits", "9" * 400 + "条", SANE),
            Variant("repeated phrase", "超270万条" * 2_000, refuse),
            Variant("lone surrogate", "\ud800", SANE),
            Variant("control characters", "\x00\x1b[2J", SANE),
            *self.common(),
        ]


@dataclass
class Instance(Kind):
    """An object of a wasteless type (a Claim, a Target, a ValidityRules...)."""

    optional: bool = False

    def variants(self, good: Any) -> list[Variant]:
        return [
            Variant("number", 5, REFUSE),
            Variant("string", "bogus", REFUSE),
            Variant("dict", {}, REFUSE),
            Variant("object", object(), REFUSE),
            *self.common(),
        ]


@dataclass
class Params(Kind):
    """Parameters: a PavingParams / CarbonParams, a whole Preset, or a preset name."""

    chain: str = "paving"  # "paving", "carbon", "preset" or "record" (a preset or any record)

    def variants(self, good: Any) -> list[Variant]:
        presets = wasteless.presets
        out = [
            Variant("unknown name", "bogus", REFUSE),
            Variant("empty string", "", REFUSE),
            Variant("number", 5, REFUSE),
            Variant("dict", {}, REFUSE),
            Variant("preset name", "etown-2019", EQUIV, presets.ETOWN_2019),
            Variant("upper-case name", "ETOWN-2019", SANE),
            *self.common(),
        ]
        if self.chain == "paving":
            out += [
                Variant("carbon parameters", presets.LITERATURE.carbon, REFUSE),
                Variant("a whole preset", presets.ETOWN_2019, EQUIV, presets.ETOWN_2019.paving),
            ]
        elif self.chain == "carbon":
            out += [
                Variant("paving parameters", presets.LITERATURE.paving, REFUSE),
                Variant("a whole preset", presets.ETOWN_2019, EQUIV, presets.ETOWN_2019.carbon),
            ]
        elif self.chain == "record":  # any record of sourced values (uncertainty)
            out += [Variant("paving parameters", presets.LITERATURE.paving, SANE)]
        else:
            out += [Variant("paving parameters", presets.LITERATURE.paving, REFUSE)]
        return out


@dataclass
class Numbers(Kind):
    """A sequence of real numbers in one unit (judgement.falling, check_falling)."""

    optional: bool = False

    def variants(self, good: Any) -> list[Variant]:
        values = [float(v) for v in good]
        return [
            Variant("NaN inside", [values[0], math.nan, values[-1]], REFUSE),
            Variant("+inf first", [math.inf, *values], REFUSE),
            Variant("strings", [str(v) for v in values], REFUSE),
            Variant("bools", [True, False], REFUSE),
            Variant("complex", [complex(v, 1) for v in values], REFUSE),
            Variant("one value", values[:1], REFUSE),
            Variant("empty", [], REFUSE),
            Variant("a string", "321", REFUSE),
            Variant("a number", 5.0, REFUSE),
            Variant("NumPy array", np.array(values), SAME),
            Variant("tuple", tuple(values), SAME),
            Variant("plain Series", pd.Series(values), SAME),
            Variant("NumPy float32", [np.float32(v) for v in values], SAME),
            *self.common(),
        ]


@dataclass
class Texts(Kind):
    """A sequence of strings (assumptions, factor names)."""

    optional: bool = False
    bare_ok: bool = False  # one name alone is documented as accepted

    def variants(self, good: Any) -> list[Variant]:
        return [
            Variant("a bare string", "abc", SANE if self.bare_ok else REFUSE),
            Variant("numbers", [1, 2], REFUSE),
            Variant("a number", 5, REFUSE),
            Variant("tuple", tuple(good), SAME),
            *self.common(),
        ]


@dataclass
class When(Kind):
    """A date (a string, a date, a Timestamp, a year)."""

    optional: bool = False

    def variants(self, good: Any) -> list[Variant]:
        stamp = pd.Timestamp(str(good))
        return [
            Variant("nonsense", "bogus", REFUSE),
            Variant("impossible date", "2019-13-45", REFUSE),
            Variant("10**30", 10**30, REFUSE),
            Variant("NaN", float("nan"), REFUSE),
            Variant("NaT", pd.NaT, REFUSE),
            Variant("bool", True, REFUSE),
            Variant("a date", stamp.date(), SAME),
            Variant("a Timestamp", stamp, SAME),
            Variant("a NumPy datetime64", np.datetime64(stamp.date()), SAME),
            *self.common(),
        ]


@dataclass
class FilePath(Kind):
    """A path to a file (or files) to read."""

    directory: bool = False

    def variants(self, good: Any) -> list[Variant]:
        scratch = _scratch()
        return [
            Variant("missing file", str(scratch / "missing.csv"), REFUSE),
            Variant("empty file", str(scratch / "empty.csv"), REFUSE),
            Variant("binary garbage", str(scratch / "garbage.csv"), REFUSE),
            Variant("number", 5, REFUSE),
            Variant("empty string", "", REFUSE),
            *([] if self.directory else [Variant("a directory", str(scratch), REFUSE)]),
            *self.common(),
        ]


_SCRATCH: list[Path] = []


def _scratch() -> Path:
    if not _SCRATCH:
        import tempfile

        directory = Path(tempfile.mkdtemp(prefix="wasteless-bad-input-"))
        (directory / "empty.csv").write_bytes(b"")
        (directory / "garbage.csv").write_bytes(bytes(range(256)) * 4)
        _SCRATCH.append(directory)
    return _SCRATCH[0]


def _remove_scratch() -> None:
    import shutil

    while _SCRATCH:
        shutil.rmtree(_SCRATCH.pop(), ignore_errors=True)


HOURS = pd.date_range("2019-01-01", periods=72, freq="h")
HOURLY_VALUES = 20.0 + 70.0 * (np.arange(72) % 24) / 23.0


def hourly_pm(values: Any = HOURLY_VALUES, index: Any = HOURS, units: str = "ug/m**3") -> Any:
    return _series(values, units, index)


@dataclass
class Hourly(Kind):
    """Hourly concentrations on a DatetimeIndex (the air grid), maybe a daily table."""

    table: bool = False  # a daily_means result is a good value too

    def variants(self, good: pd.Series) -> list[Variant]:
        m = np.asarray(good.pint.magnitude, dtype=np.float64)
        index = good.index
        with_nan = m.copy()
        with_nan[[30, 31, 40]] = np.nan
        dropped = hourly_pm(np.delete(m, [30, 31, 40]), index.delete([30, 31, 40]))
        order = np.random.default_rng(0).permutation(len(m))
        repeated = index.insert(5, index[5])
        out = [
            Variant("plain floats, no units", pd.Series(m, index=index), REFUSE),
            Variant("wrong dimension pint[m]", hourly_pm(m, units="m"), REFUSE),
            Variant("offset unit pint[degC]", hourly_pm(m, units="degC"), REFUSE),
            Variant("dimensionless pint[percent]", hourly_pm(m, units="percent"), REFUSE),
            Variant("other units mg/m3", hourly_pm(m / 1000.0, units="mg/m**3"), SAME),
            Variant("NaN hours", hourly_pm(with_nan), EQUIV, dropped),
            Variant("all NaN", hourly_pm(np.full_like(m, np.nan)), SANE),
            Variant("+inf", hourly_pm(np.r_[m[:-1], np.inf]), REFUSE),
            Variant("-inf", hourly_pm(np.r_[m[:-1], -np.inf]), REFUSE),
            Variant("negative", hourly_pm(np.r_[m[:-1], -1.0]), REFUSE),
            Variant("zero", hourly_pm(np.zeros_like(m)), SANE),
            Variant("huge 1e308", hourly_pm(np.full_like(m, 1e308)), SANE),
            Variant("subnormal", hourly_pm(np.full_like(m, 5e-324)), SANE),
            Variant("empty", hourly_pm([], index[:0]), SANE),
            Variant("duplicate timestamps", hourly_pm(np.insert(m, 5, 1.0), repeated), REFUSE),
            Variant("non-monotonic", hourly_pm(m[order], index[order]), SAME),
            Variant("timezone-aware", hourly_pm(m, index.tz_localize("Asia/Shanghai")), SAME),
            Variant(
                "NaT in the index", hourly_pm(m, pd.DatetimeIndex([pd.NaT, *index[1:]])), REFUSE
            ),
            Variant("integer index", hourly_pm(m, pd.RangeIndex(len(m))), REFUSE),
            Variant("off the hourly grid", hourly_pm(m, index + pd.Timedelta(minutes=30)), SANE),
            Variant(
                "half-hourly",
                hourly_pm(m, pd.date_range(index[0], periods=len(m), freq="30min")),
                REFUSE,
            ),
            Variant(
                "year 1 and year 9999",
                hourly_pm([1.0, 2.0], pd.to_datetime(["1700-01-01", "2200-01-01"])),
                SANE,
            ),
            Variant("bool Series", pd.Series(m > 50, index=index), REFUSE),
            Variant("strings", pd.Series(m.astype(str), index=index), REFUSE),
            Variant("a number", 35.0, REFUSE),
            Variant("a scalar Quantity", Q_(35.0, "ug/m**3"), REFUSE),
            Variant("an array Quantity", Q_(m, "ug/m**3"), REFUSE),
            Variant(
                "wide, duplicate columns",
                pd.DataFrame({"A": good, "B": good}).set_axis(["A", "A"], axis=1),
                REFUSE,
            ),
            Variant("wide, no columns", pd.DataFrame(index=index), REFUSE),
            *self.common(),
        ]
        if self.table:
            daily = wasteless.air.daily_means(good)
            out += [
                Variant("a daily_means table", daily, SAME),
                *(
                    Variant(f"daily table, {label}", _daily_table(daily, **change), REFUSE)
                    for label, change in (
                        ("negative mean", {"mean": -40.0}),
                        ("infinite mean", {"mean": np.inf}),
                        ("valid day without a mean", {"mean": np.nan, "valid": True}),
                        ("duplicate date", {"duplicate": True}),
                        ("dates not midnights", {"shift": pd.Timedelta(hours=3)}),
                        ("valid as strings", {"valid": "yes"}),
                        ("valid with a gap", {"valid": None}),
                    )
                ),
                Variant(
                    "daily table, timezone-aware dates",
                    daily.set_axis(daily.index.tz_localize("Asia/Shanghai")),
                    SAME,
                ),
            ]
        return out


def _daily_table(daily: pd.DataFrame, **change: Any) -> pd.DataFrame:
    table = daily.copy()
    if "mean" in change:
        values = np.asarray(table["mean"].pint.magnitude, dtype=np.float64).copy()
        values[0] = change["mean"]
        table["mean"] = _series(values, table["mean"].pint.units, table.index)
    if "valid" in change:
        valid = table["valid"].astype(object)
        valid.iloc[0] = change["valid"]
        table["valid"] = valid if change["valid"] is not True else valid.astype(bool)
    if change.get("duplicate"):
        table = pd.concat([table, table.iloc[:1]])
    if "shift" in change:
        table.index = table.index + change["shift"]
    return table


YEARS = pd.Index([2016, 2017, 2018, 2019, 2020])
ANNUAL_VALUES = np.array([58.0, 51.0, 49.0, 42.0, 38.0])


def annual_pm(values: Any = ANNUAL_VALUES, index: Any = YEARS, units: str = "ug/m**3") -> Any:
    return _series(values, units, index)


@dataclass
class Annual(Kind):
    """Annual means indexed by year (moving means, falling, trend): any one dimension."""

    def variants(self, good: pd.Series) -> list[Variant]:
        m = np.asarray(good.pint.magnitude, dtype=np.float64)
        years = good.index
        stamps = pd.DatetimeIndex([f"{y}-01-01" for y in years])
        with_nan = m.copy()
        with_nan[2] = np.nan
        return [
            Variant("plain floats, no units", pd.Series(m, index=years), REFUSE),
            Variant("wrong dimension pint[s]", annual_pm(m, units="s"), MAGNITUDES),
            Variant(
                "offset unit pint[degC]",
                annual_pm(m, units="degC"),
                EQUIV,
                annual_pm(m + 273.15, units="K"),
            ),
            Variant("other units mg/m3", annual_pm(m / 1000.0, units="mg/m**3"), SAME),
            Variant(
                "NaN year", annual_pm(with_nan), EQUIV, annual_pm(np.delete(m, 2), years.delete(2))
            ),
            Variant("+inf", annual_pm(np.r_[m[:-1], np.inf]), REFUSE),
            Variant("-inf", annual_pm(np.r_[m[:-1], -np.inf]), REFUSE),
            Variant("negative", annual_pm(m - 100.0), SANE),
            Variant("constant", annual_pm(np.full_like(m, 40.0)), SANE),
            Variant("huge 1e308", annual_pm(np.full_like(m, 1e308)), SANE),
            Variant("subnormal", annual_pm(np.full_like(m, 5e-324)), SANE),
            Variant("empty", annual_pm([], years[:0]), SANE),
            Variant("duplicate year", annual_pm(np.r_[m, 1.0], years.append(years[:1])), REFUSE),
            Variant("non-monotonic", annual_pm(m[::-1], years[::-1]), SAME),
            Variant("DatetimeIndex", annual_pm(m, stamps), SANE),
            Variant(
                "timezone-aware DatetimeIndex",
                annual_pm(m, stamps.tz_localize("Asia/Shanghai")),
                SANE,
            ),
            Variant(
                "NaT in the index", annual_pm(m, pd.DatetimeIndex([pd.NaT, *stamps[1:]])), REFUSE
            ),
            Variant("float years", annual_pm(m, years.astype(float)), SAME),
            Variant("fractional years", annual_pm(m, years + 0.5), REFUSE),
            Variant("years 1 and 1e6", annual_pm(m[:2], [1, 10**6]), REFUSE),
            Variant("strings", pd.Series(m.astype(str), index=years), REFUSE),
            Variant("a number", 40.0, REFUSE),
            Variant("an array Quantity", Q_(m, "ug/m**3"), REFUSE),
            *self.common(),
        ]


@dataclass
class LongTable(Kind):
    """A long (tidy) table: time, station, value columns."""

    def variants(self, good: pd.DataFrame) -> list[Variant]:
        def changed(**columns: Any) -> pd.DataFrame:
            table = good.copy()
            for name, values in columns.items():
                table[name] = values
            return table

        n = len(good)
        return [
            Variant("empty", good.iloc[:0], REFUSE),
            Variant("no value column", good.drop(columns="value"), REFUSE),
            Variant("NaT time", changed(time=[pd.NaT, *good["time"][1:]]), REFUSE),
            Variant("times as text", changed(time=["noon"] * n), REFUSE),
            Variant("values as text", changed(value=["a"] * n), REFUSE),
            Variant("duplicate rows", pd.concat([good, good.iloc[:1]]), REFUSE),
            Variant("missing station", changed(station=[None, *good["station"][1:]]), REFUSE),
            Variant(
                "off-grid time",
                changed(time=good["time"] + pd.to_timedelta(np.r_[0, 7, [0] * (n - 2)], "min")),
                REFUSE,
            ),
            Variant(
                "years apart",
                changed(time=pd.to_datetime(["1700-01-01"] + ["2200-01-01"] * (n - 1))),
                SANE,
            ),
            Variant("shuffled rows", good.iloc[::-1], SAME),
            Variant("a Series", good["value"], REFUSE),
            Variant("a number", 5, REFUSE),
            *self.common(),
        ]


def _long_hours() -> pd.DataFrame:
    """Two stations' hours as a long table (time, station, value)."""
    return pd.DataFrame(
        {
            "time": HOURS.repeat(2),
            "station": ["A", "B"] * len(HOURS),
            "value": HOURLY_VALUES.repeat(2),
        }
    )


def long_table() -> pd.DataFrame:
    times = pd.to_datetime(["2019-01-01 00:00", "2019-01-01 00:00", "2019-01-01 02:00"])
    return pd.DataFrame({"time": times, "station": ["A", "B", "A"], "value": [10.0, 20.0, 30.0]})


@dataclass
class Counts(Kind):
    """Whole-number counts (waste.coverage)."""

    def variants(self, good: Any) -> list[Variant]:
        v = int(good)
        return [
            Variant("negative", -1, REFUSE),
            Variant("fraction", v + 0.5, REFUSE),
            Variant("NaN", math.nan, REFUSE),
            Variant("+inf", math.inf, REFUSE),
            Variant("string", str(v), REFUSE),
            Variant("bool", True, REFUSE),
            Variant("complex", complex(v, 1), REFUSE),
            Variant("whole float", float(v), SAME),
            Variant("NumPy int64", np.int64(v), SAME),
            Variant("dimensionless Quantity", Q_(v, ""), SAME),
            Variant("metres", Q_(v, "m"), REFUSE),
            Variant("array of another shape", [v, v, v], SANE),
            Variant("empty", [], SANE),
            Variant("masked", np.ma.masked_array([v, v], mask=[False, True]), REFUSE),
            Variant("10**30", 10**30, SANE),
            *self.common(),
        ]


@dataclass
class Values(Kind):
    """Indicator values by code (waste.scorecard)."""

    def variants(self, good: Mapping[str, Any]) -> list[Variant]:
        code = next(iter(good))
        return [
            Variant("empty mapping", {}, SANE),
            Variant("unknown code", {"bogus": Q_(50, "percent")}, REFUSE),
            Variant("a value in metres", {code: Q_(50, "m")}, REFUSE),
            Variant("a NaN value", {code: Q_(math.nan, "percent")}, REFUSE),
            Variant("a string value", {code: "50%"}, REFUSE),
            Variant("a bare 50", {code: 50}, REFUSE),
            Variant("a list of pairs", [(code, Q_(50, "percent"))], REFUSE),
            Variant("a number", 5, REFUSE),
            *self.common(),
        ]


@dataclass
class Targets(Kind):
    """Targets by code (waste.scorecard)."""

    optional: bool = True

    def variants(self, good: Any) -> list[Variant]:
        return [
            Variant("empty mapping", {}, SANE),
            Variant("not targets", {"x": 5}, REFUSE),
            Variant("a list", [1], REFUSE),
            Variant("a number", 5, REFUSE),
            *self.common(),
        ]


@dataclass
class Concentrations(Kind):
    """Pollutant to concentration (aqi.aqi)."""

    def variants(self, good: Mapping[str, Any]) -> list[Variant]:
        return [
            Variant("empty mapping", {}, REFUSE),
            Variant("unknown pollutant", {"XYZ": Q_(35.0, "ug/m**3")}, REFUSE),
            Variant("a bare number", {"PM2.5": 35.0}, REFUSE),
            Variant("metres", {"PM2.5": Q_(35.0, "m")}, REFUSE),
            Variant("negative", {"PM2.5": Q_(-1.0, "ug/m**3")}, REFUSE),
            Variant("+inf", {"PM2.5": Q_(np.inf, "ug/m**3")}, REFUSE),
            Variant("complex", {"PM2.5": Q_(1 + 1j, "ug/m**3")}, REFUSE),
            Variant(
                "shapes differ",
                {"PM2.5": Q_([35.0, 40.0], "ug/m**3"), "PM10": Q_([1.0, 2.0, 3.0], "ug/m**3")},
                REFUSE,
            ),
            Variant("a list", [Q_(35.0, "ug/m**3")], REFUSE),
            *self.common(),
        ]


@dataclass
class Model(Kind):
    """A model of a preset (uncertainty): a callable returning one Quantity per draw."""

    def variants(self, good: Any) -> list[Variant]:
        return [
            Variant("not callable", 5, REFUSE),
            Variant("returns a string", lambda p: "x", REFUSE),
            Variant("returns NaN", lambda p: Q_(math.nan, "tyre"), REFUSE),
            Variant("returns a list", lambda p: [1.0], REFUSE),
            Variant("returns two values", lambda p: Q_([1.0, 2.0], "tyre"), REFUSE),
            Variant("returns a complex", lambda p: Q_(1j, "tyre"), REFUSE),
            Variant(
                "returns a foreign Quantity",
                lambda p: foreign_registry().Quantity(1.0, "m"),
                REFUSE,
            ),
            *self.common(),
        ]


@dataclass
class Seed(Kind):
    """A random seed: a whole number >= 0 or a NumPy Generator."""

    def variants(self, good: Any) -> list[Variant]:
        return [
            Variant("negative", -1, REFUSE),
            Variant("fraction", 1.5, REFUSE),
            Variant("string", "1", REFUSE),
            Variant("bool", True, REFUSE),
            Variant("NaN", math.nan, REFUSE),
            Variant("NumPy int64", np.int64(good), SAME),
            Variant("a Generator", np.random.default_rng(good), SANE),
            Variant("None", None, SANE),
        ]


@dataclass
class Sources(Kind):
    """A record of sources: field name to Factor."""

    def variants(self, good: Any) -> list[Variant]:
        return [
            Variant("not factors", {"layer_thickness": 5}, REFUSE),
            Variant("a list", [1], REFUSE),
            Variant("a number", 5, REFUSE),
            Variant("None", None, REFUSE),
        ]


@dataclass
class Table(Kind):
    """A DataFrame of a documented shape: a column dropped, text values, empty, wrong type."""

    drop: str | None = None  # a required column
    text: str | None = None  # a numeric column
    optional: bool = False

    def variants(self, good: pd.DataFrame) -> list[Variant]:
        out = [
            Variant("empty", good.iloc[:0], SANE),
            Variant("a number", 5, REFUSE),
            Variant("a list", [1, 2], REFUSE),
            *self.common(),
        ]
        if self.drop is not None:
            out.append(Variant(f"no {self.drop!r} column", good.drop(columns=self.drop), REFUSE))
        if self.text is not None:
            table = good.copy()
            table[self.text] = "x"
            out.append(Variant(f"{self.text!r} as text", table, REFUSE))
        return out


@dataclass
class UnitsMap(Kind):
    """Units by pollutant (a tidy table's units)."""

    optional: bool = True

    def variants(self, good: Any) -> list[Variant]:
        return [
            Variant("unknown unit", {"PM2.5": "bogus"}, REFUSE),
            Variant("wrong dimension", {"PM2.5": "m"}, REFUSE),
            Variant("a number", 5, REFUSE),
            Variant("a list", ["ug/m3"], REFUSE),
            *self.common(),
        ]


@dataclass
class IndexValues(Kind):
    """AQI values: dimensionless index numbers (bare numbers are fine)."""

    def variants(self, good: Any) -> list[Variant]:
        return [
            Variant("string", "80", REFUSE),
            Variant("bool", True, REFUSE),
            Variant("+inf", math.inf, REFUSE),
            Variant("negative", -1.0, REFUSE),
            Variant("NaN", math.nan, SANE),
            Variant("huge 1e308", 1e308, SANE),
            Variant("complex", 80 + 1j, REFUSE),
            Variant("metres", Q_(80.0, "m"), REFUSE),
            Variant("pint Series in metres", _series([120.0], "m"), REFUSE),
            Variant("dimensionless Quantity", Q_(float(good), ""), SAME),
            Variant("NumPy float32", np.float32(good), SAME),
            Variant("NumPy int64", np.int64(good), SAME),
            Variant(
                "masked element", np.ma.masked_array([80.0, 200.0], mask=[False, True]), REFUSE
            ),
            Variant("list with a string", [80.0, "x"], REFUSE),
            Variant("empty list", [], SANE),
            Variant("foreign registry", foreign_registry().Quantity(float(good), ""), REFUSE),
            *self.common(),
        ]


@dataclass
class FloatGrid(Kind):
    """A plain float array with a fixed last axis (hours of a day): NaN marks missing."""

    def variants(self, good: Any) -> list[Variant]:
        grid = np.asarray(good, dtype=np.float64)
        with_nan = grid.copy()
        with_nan[..., 3] = np.nan
        return [
            Variant("NaN hours", with_nan, SANE),
            Variant("+inf", np.where(np.arange(grid.shape[-1]) == 3, np.inf, grid), REFUSE),
            Variant("all NaN", np.full_like(grid, np.nan), SANE),
            Variant("last axis one short", grid[..., :-1], REFUSE),
            Variant("1-D", grid.ravel()[:5], REFUSE),
            Variant("nested lists", grid.tolist(), SAME),
            Variant("strings", grid.astype(str), REFUSE),
            Variant("complex", grid + 1j, REFUSE),
            Variant("bools", grid > 5, REFUSE),
            Variant("masked", np.ma.masked_array(grid, mask=grid > 20), REFUSE),
            Variant("a Quantity", Q_(grid, "ug/m**3"), SANE),
            Variant("empty", grid[:0], SANE),
            Variant("huge 1e308", np.full_like(grid, 1e308), SANE),
            *self.common(),
        ]


@dataclass
class Argv(Kind):
    """Command-line arguments: bad usage exits with status 2, unusable input with 4."""

    def variants(self, good: Any) -> list[Variant]:
        scratch = str(_scratch())
        return [
            Variant("unknown command", ["bogus"], REFUSE),
            Variant("unknown format", ["reproduce", "--format", "bogus"], REFUSE),
            Variant("unknown preset", ["reproduce", "--preset", "bogus"], REFUSE),
            Variant("extra argument", ["reproduce", "extra"], REFUSE),
            Variant("assess without sites", ["assess", scratch], REFUSE),
            Variant(
                "assess a missing file",
                ["assess", f"{scratch}/missing", "--sites", f"{scratch}/missing"],
                REFUSE,
            ),
            Variant(
                "assess an empty file",
                ["assess", f"{scratch}/empty.csv", "--sites", f"{scratch}/empty.csv"],
                REFUSE,
            ),
            Variant(
                "assess garbage",
                ["assess", f"{scratch}/garbage.csv", "--sites", f"{scratch}/garbage.csv"],
                REFUSE,
            ),
            Variant("a number", [5], REFUSE),
        ]


@dataclass
class Case:
    """A callable's good call and how each of its arguments is varied."""

    function: Callable[..., Any]
    good: dict[str, Any]
    kinds: dict[str, Kind]
    defaults: dict[str, Any] = field(default_factory=dict)
    exit_codes: tuple[int, ...] = ()  # for a command line: statuses that mean "refused"
    documented: tuple[type[BaseException], ...] = ()  # e.g. KeyError of __getitem__
    project: Callable[[Any], Any] | None = None  # what of a result is compared


def _tmp_dir() -> Fresh:
    import tempfile

    return Fresh(lambda: tempfile.mkdtemp(prefix="archive-", dir=_scratch()))


def _decorated(decorate: Any) -> Any:
    """What a function declared with unit_function(...) returns for two litres."""
    try:
        return decorate(lambda volume: volume * 1000.0)(Q_(2.0, "L"))
    except Exception as err:  # a declaration that cannot take litres
        return type(err).__name__


def _rates(params: Any) -> Any:
    """What a parameter set gives the models (not how each field was spelled)."""
    if isinstance(params, wasteless.presets.PavingParams):
        functions = (wasteless.paving.crumb_rubber_per_area, wasteless.paving.tyres_per_area)
    else:
        carbon = wasteless.carbon
        functions = (
            carbon.energy_per_tyre,
            carbon.coal_equivalent_per_tyre,
            carbon.co2_avoided_per_tyre,
            carbon.combustion_co2_per_tyre,
        )
    return {function.__name__: function(params) for function in functions}


def _preset_rates(preset: Any) -> Any:
    return {"paving": _rates(preset.paving), "carbon": _rates(preset.carbon)}


def _archive_contents(archive: Any) -> Any:
    """A synthetic archive without its (temporary) paths."""
    return dataclasses.replace(archive, directory=None, files=())


def _model(p: Any) -> Any:
    return wasteless.paving.tyres_for_area(Q_(1.0, "m**2"), p)


@functools.cache
def declared_cases() -> dict[str, list[Case]]:
    """Every public callable's good call(s) and argument kinds (built once a session).

    Built once: the fast subset runs one test per callable, and building every good value
    (files read, scenarios computed) for each of them cost most of the fast loop. Sharing
    the good values is safe: a call that changes its input is reported ("modified its
    input"), and values that must be fresh for each call are wrapped in :class:`Fresh`.
    """
    from wasteless import (
        article,
        carbon,
        change,
        claims,
        cli,
        datasets,
        factors,
        io,
        judgement,
        paving,
        presets,
        uncertainty,
        units,
        waste,
        water,
        zh,
    )
    from wasteless.air import (
        aqi,
        city,
        grid,
        groups,
        means,
        network,
        pollutants,
        standards,
        trends,
    )
    from wasteless.air import tidy as tidy_tables
    from wasteless.waste import fractions

    area, tyres = Q_(2.0e6, "m**2"), Q_(2.7e6, "tyre")
    flow = Q_(9.2, "万 m**3/d")
    claim = article.claims()["tyres"]
    falling_claim = article.claims()["pm25_3yr"]
    target = waste.etown_targets()["reclaimed_water_utilisation"]
    sources = presets.LITERATURE.paving.sources
    indicator = waste.indicators()["reclaimed_water_utilisation"]
    rules = means.GB3095_2012
    tidy_hours = pd.date_range("2019-01-01 01:00", periods=48, freq="h")
    tidy = pd.DataFrame({"time": tidy_hours, "station": "A", "pollutant": "PM2.5", "value": 35.0})
    tidy.attrs["units"] = {"PM2.5": "ug/m3"}
    realtime_frame = pd.DataFrame(
        {
            "time": pd.Timestamp("2019-01-01 00:00"),
            "station": ["1001A", "1001A", "1003A"],
            "pollutant": ["PM2.5", "PM10", "PM2.5"],
            "value": [53.0, 76.0, 68.0],
        }
    )
    realtime_frame.attrs["units"] = {"PM2.5": "ug/m3", "PM10": "ug/m3"}
    days = pd.date_range("2019-01-01", "2019-01-31", freq="D")
    station_days = pd.MultiIndex.from_product([["A"], days], names=["station", "date"])
    daily_stats = pd.DataFrame(
        {
            "CO_24h": units.pint_series(
                np.linspace(0.5, 2.0, len(days)), "mg/m3", station_days
            ).array
        },
        index=station_days,
    )
    sites = pd.DataFrame({"city": ["X"], "background": [False]}, index=["A"])
    city_days = pd.MultiIndex.from_tuples(
        [("X", pd.Timestamp("2019-01-01"))], names=["city", "date"]
    )
    city_values = {
        "SO2_24h": 10.0,
        "NO2_24h": 40.0,
        "PM10_24h": 80.0,
        "PM2.5_24h": 60.0,
        "CO_24h": 1.0,
        "O3_8h": 60.0,
        "O3_1h": 80.0,
    }
    city_frame = pd.DataFrame(
        {
            k: units.pint_series([v], "mg/m3" if k == "CO_24h" else "ug/m3", city_days).array
            for k, v in city_values.items()
        },
        index=city_days,
    )
    assess_tidy = pd.concat(
        [
            pd.DataFrame({"time": tidy_hours, "station": "A", "pollutant": p, "value": v})
            for p, v in {
                "SO2": 10.0,
                "NO2": 30.0,
                "PM10": 70.0,
                "PM2.5": 35.0,
                "CO": 1.0,
                "O3": 80.0,
            }.items()
        ],
        ignore_index=True,
    )
    assess_tidy.attrs["units"] = {
        p: "mg/m3" if p == "CO" else "ug/m3" for p in ("SO2", "NO2", "PM10", "PM2.5", "CO", "O3")
    }
    # issue 18: inputs of air.groups and io.dust
    beijing_sites = pd.DataFrame({"city": ["北京"], "background": [False]}, index=["A"])
    dust_days = pd.DataFrame({"city": ["北京"], "date": ["2019-01-01"]})
    city_means = pd.DataFrame({"pm25_annual": [30.0, 40.0], "stations": [4, 2]}, index=["A", "B"])
    dust_file = Path(_scratch()) / "dust.csv"
    dust_file.write_text("city,date\n北京,2019-01-01\n", "utf-8")
    monte = uncertainty.monte_carlo(_model, n=64)
    report = article.reproduce()
    factor = dict(key="k", value=1.0, unit="m", low=0.5, high=2.0, source="s", quality="P")
    paving_fields = {k: getattr(presets.LITERATURE.paving, k) for k in presets.PavingParams._units}
    carbon_fields = {k: getattr(presets.LITERATURE.carbon, k) for k in presets.CarbonParams._units}

    q = Quantity
    conc = dict(allow_nan=True)
    return {
        # units: the pathway itself
        "wasteless.units.as_fraction": [
            Case(units.as_fraction, {"value": 0.3}, {"value": Ratio(), "name": Label()})
        ],
        "wasteless.units.magnitude_in": [
            Case(
                units.magnitude_in,
                {"value": Q_(2.0, "km**2"), "units": "m**2"},
                {
                    "value": q(allow_negative=True, elementwise=False),
                    "units": Units("[length] ** 2"),
                    "name": Label(),
                    "allow_nan": Flag(),
                },
                defaults={"name": "value", "allow_nan": False},
            )
        ],
        "wasteless.units.parse_units": [
            Case(
                units.parse_units,
                {"units": "ug/m3"},
                {"units": Units(), "name": Label()},
                defaults={"name": "units"},
            )
        ],
        "wasteless.units.pint_dtype": [
            Case(units.pint_dtype, {"units": "ug/m3"}, {"units": Units()})
        ],
        "wasteless.units.pint_series": [
            Case(units.pint_series, {"values": [1.0, 2.0], "units": "ug/m3"}, {"units": Units()})
        ],
        "wasteless.units.quantity": [
            Case(units.quantity, {"values": 2.0, "units": "m"}, {"units": Units()})
        ],
        "wasteless.units.wrap": [
            Case(
                units.wrap,
                {"result": 2.0, "units": "m", "kind": "scalar"},
                {"units": Units(), "kind": Choice()},
            )
        ],
        "wasteless.units.same_as": [
            Case(units.same_as, {"argument": "start"}, {"argument": Name()})
        ],
        "wasteless.units.unit_function": [
            Case(
                units.unit_function,
                {"returns": "kg", "volume": "m**3"},
                {"returns": Units(optional=True), "volume": Units()},
                project=_decorated,
            )
        ],
        "wasteless.units.to_plain": [
            Case(
                units.to_plain,
                {"frame": Fresh(lambda: pd.DataFrame({"mean": hourly_pm(), "valid": True}))},
                {"frame": Table()},
            )
        ],
        "wasteless.units.from_plain": [
            Case(
                units.from_plain,
                {"frame": Fresh(lambda: pd.DataFrame({"mean [ug/m**3]": [40.0, 60.0]}))},
                {"frame": Table(text="mean [ug/m**3]")},
            )
        ],
        # judgement
        "wasteless.judgement.compare": [
            Case(
                judgement.compare,
                {"low": 46.0, "high": 47.9, "relation": "==", "threshold": 47.0, "half": 0.5},
                {
                    "low": Real(),
                    "high": Real(),
                    "relation": Choice(),
                    "threshold": Real(),
                    "half": Real(0.0),
                },
            )
        ],
        "wasteless.judgement.falling": [
            Case(judgement.falling, {"values": [58.0, 51.0, 42.0]}, {"values": Numbers()})
        ],
        "wasteless.judgement.relation_name": [
            Case(
                judgement.relation_name,
                {"relation": "≥"},
                {"relation": Choice(), "argument": Label()},
                defaults={"argument": "relation"},
            )
        ],
        # claims
        "wasteless.claims.Claim": [
            Case(
                claims.Claim,
                {
                    "id": "x",
                    "quote": "超270万条",
                    "statement": "s",
                    "stated": tyres,
                    "relation": ">",
                    "resolution": Q_(1e4, "tyre"),
                    "year": 2019,
                },
                {
                    "id": Text(),
                    "quote": Text(),
                    "statement": Text(),
                    "stated": q(any_dimension=True, scalar_only=True, allow_negative=True),
                    "relation": Choice(),
                    "resolution": q(scalar_only=True, optional=True),
                    "source": Text(),
                    "kind": Choice(),
                    "year": Whole(1, 9999, optional=True),
                },
                defaults={"source": "", "kind": "result"},
            )
        ],
        "wasteless.claims.check": [
            Case(
                claims.check,
                {"claim": claim, "computed": Q_(2.73e6, "tyre")},
                {
                    "claim": Instance(),
                    "computed": q(scalar_only=True, allow_negative=True),
                    "estimate": q(scalar_only=True, allow_negative=True, optional=True),
                    "reasoning": Text(),
                    "assumptions": Texts(),
                },
                defaults={"estimate": Q_(2.73e6, "tyre"), "reasoning": "", "assumptions": ("a",)},
            )
        ],
        "wasteless.claims.check_falling": [
            Case(
                claims.check_falling,
                {"claim": falling_claim, "values": [58.0, 51.0, 42.0]},
                {"claim": Instance(), "values": Numbers(optional=True), "reasoning": Text()},
                defaults={"reasoning": ""},
            )
        ],
        "wasteless.claims.not_checkable": [
            Case(
                claims.not_checkable,
                {"claim": claim, "reasoning": "no data"},
                {"claim": Instance(), "reasoning": Text(), "assumptions": Texts()},
                defaults={"assumptions": ("a",)},
            )
        ],
        # factors and presets
        "wasteless.factors.Factor": [
            Case(
                factors.Factor,
                factor,
                {
                    "key": Text(),
                    "value": Real(),
                    "unit": Units(),
                    "low": Real(),
                    "high": Real(),
                    "source": Text(),
                    "quality": Choice(),
                    "derived": Flag(),
                    "note": Text(),
                    "distribution": Choice(),
                },
                defaults={"derived": False, "note": "", "distribution": "fixed"},
            )
        ],
        "wasteless.factors.get": [Case(factors.get, {"key": "pte_mass"}, {"key": Choice()})],
        "wasteless.presets.get": [Case(presets.get, {"name": "literature"}, {"name": Choice()})],
        "wasteless.presets.paving_params": [
            Case(
                presets.paving_params,
                {"params": presets.LITERATURE.paving},
                {"params": Params("paving")},
            )
        ],
        "wasteless.presets.carbon_params": [
            Case(
                presets.carbon_params,
                {"params": presets.LITERATURE.carbon},
                {"params": Params("carbon")},
            )
        ],
        "wasteless.presets.PavingParams": [
            Case(
                presets.PavingParams,
                {**paving_fields, "name": "p"},
                {
                    "layer_thickness": q(scalar_only=False, elementwise=False),
                    "mix_density": q(elementwise=False),
                    "binder_fraction": Ratio(),
                    "crumb_rubber_fraction": Ratio(),
                    "crumb_rubber_per_tyre": q(elementwise=False),
                    "name": Text(),
                    "sources": Sources(),
                },
                defaults={"sources": sources},
                project=_rates,
            )
        ],
        "wasteless.presets.CarbonParams": [
            Case(
                presets.CarbonParams,
                {**carbon_fields, "name": "c"},
                {
                    "tyre_mass": q(elementwise=False),
                    "heating_value": q(elementwise=False),
                    "co2_per_coal_equivalent": q(elementwise=False),
                    "combustion_co2": q(elementwise=False),
                    "name": Text(),
                },
                project=_rates,
            )
        ],
        "wasteless.presets.Preset": [
            Case(
                presets.Preset,
                {
                    "name": "p",
                    "title": "t",
                    "paving": presets.LITERATURE.paving,
                    "carbon": presets.LITERATURE.carbon,
                    "calibrated": False,
                    "tyre": "PTE",
                },
                {
                    "name": Text(),
                    "title": Text(),
                    "paving": Instance(),
                    "carbon": Instance(),
                    "calibrated": Flag(),
                    "tyre": Text(),
                    "calibrated_to": Text(),
                },
                defaults={"calibrated_to": ""},
            )
        ],
        "wasteless.presets.Preset.derive": [
            Case(
                presets.LITERATURE.derive,
                {"name": "heavy", "tyre_mass": Q_(45.36, "kg/tyre")},
                {
                    "name": Text(),
                    "rescale_crumb_rubber": Flag(),
                    "tyre_mass": q(elementwise=False, scalar_only=True),
                    "layer_thickness": q(elementwise=False),
                },
                defaults={"rescale_crumb_rubber": True, "layer_thickness": Q_(50.0, "mm")},
                project=_preset_rates,
            )
        ],
        # rates of a parameter record
        **{
            f"wasteless.{f.__module__.split('.')[-1]}.{f.__name__}": [
                Case(
                    f,
                    {"params": getattr(presets.LITERATURE, f.__module__.split(".")[-1])},
                    {"params": Params(f.__module__.split(".")[-1])},
                )
            ]
            for f in (
                paving.crumb_rubber_per_area,
                paving.tyres_per_area,
                carbon.energy_per_tyre,
                carbon.coal_equivalent_per_tyre,
                carbon.co2_avoided_per_tyre,
                carbon.combustion_co2_per_tyre,
            )
        },
        # models
        **{
            f"wasteless.paving.{f.__name__}": [
                Case(
                    f,
                    {arg: value},
                    {arg: q(), "params": Params("paving")},
                    defaults={"params": "literature"},
                )
            ]
            for f, arg, value in (
                (paving.tyres_for_area, "area", area),
                (paving.area_for_tyres, "tyres", tyres),
                (paving.crumb_rubber_mass, "area", area),
            )
        },
        **{
            f"wasteless.carbon.{f.__name__}": [
                Case(
                    f,
                    {"tyres": tyres},
                    {"tyres": q(), "params": Params("carbon")},
                    defaults={"params": "literature"},
                )
            ]
            for f in (
                carbon.energy_content,
                carbon.coal_equivalent,
                carbon.co2_avoided,
                carbon.combustion_co2,
            )
        },
        "wasteless.change.relative_reduction": [
            Case(
                change.relative_reduction,
                {"start": Q_(81.0, "ug/m3"), "end": Q_(43.0, "ug/m3")},
                {"start": q(), "end": q()},
            )
        ],
        "wasteless.change.annualised_change": [
            Case(
                change.annualised_change,
                {"start": Q_(81.0, "ug/m3"), "end": Q_(43.0, "ug/m3"), "years": 6},
                {"start": q(), "end": q(), "years": Real(0.0, open_low=True)},
            )
        ],
        "wasteless.change.moving_mean": [
            Case(
                change.moving_mean,
                {"annual": annual_pm()},
                {"annual": Annual(), "window": Whole(1, 1000)},
                defaults={"window": 3},
            ),
            Case(
                change.moving_mean,
                {"annual": pd.Series(ANNUAL_VALUES, index=YEARS), "units": "ug/m3"},
                {"units": Units()},
            ),
        ],
        "wasteless.change.keeps_falling": [
            Case(change.keeps_falling, {"annual": annual_pm()}, {"annual": Annual()}),
            Case(
                change.keeps_falling,
                {"annual": pd.Series(ANNUAL_VALUES, index=YEARS), "units": "ug/m3"},
                {"units": Units()},
            ),
        ],
        "wasteless.water.treatment_rate": [
            Case(
                water.treatment_rate,
                {"treated": flow, "discharged": Q_(10, "万 m**3/d")},
                {"treated": q(), "discharged": q(), "cap": Flag()},
                defaults={"cap": False},
            )
        ],
        "wasteless.water.reclaimed_utilisation": [
            Case(
                water.reclaimed_utilisation,
                {"reclaimed_used": Q_(3, "万 m**3/d"), "treated": flow},
                {"reclaimed_used": q(), "treated": q(), "cap": Flag()},
                defaults={"cap": False},
            )
        ],
        "wasteless.water.reclaimed_volume_for_target": [
            Case(
                water.reclaimed_volume_for_target,
                {"treated": flow, "target": Q_(30, "percent")},
                {"treated": q(), "target": Ratio()},
            )
        ],
        # waste
        "wasteless.waste.targets.coverage": [
            Case(
                waste.coverage,
                {"covered": 19, "total": 32},
                {"covered": Counts(), "total": Counts()},
            )
        ],
        "wasteless.waste.targets.progress": [
            Case(
                waste.progress,
                {"target": target, "value": Q_(26.5, "percent")},
                {
                    "target": Instance(),
                    "value": q(scalar_only=True, optional=True, bare_ok=True),
                },
            )
        ],
        "wasteless.waste.targets.scorecard": [
            Case(
                waste.scorecard,
                {"values": {"reclaimed_water_utilisation": Q_(26.5, "percent")}},
                {"values": Values(), "targets": Targets()},
            )
        ],
        "wasteless.waste.targets.Indicator": [
            Case(
                waste.Indicator,
                {
                    "code": "c",
                    "name_zh": "中",
                    "name_en": "e",
                    "unit": "percent",
                    "better": "higher",
                },
                {
                    "code": Text(),
                    "name_zh": Text(),
                    "name_en": Text(),
                    "unit": Units(),
                    "better": Choice(),
                    "quality": Choice(),
                    "source": Text(),
                },
                defaults={"quality": "A", "source": ""},
            )
        ],
        "wasteless.waste.targets.Target": [
            Case(
                waste.Target,
                {
                    "indicator": indicator,
                    "value": Q_(30, "percent"),
                    "relation": ">=",
                    "year": 2020,
                },
                {
                    "indicator": Instance(),
                    "value": q(scalar_only=True),
                    "relation": Choice(),
                    "year": Whole(1, 9999, optional=True),
                    "quality": Choice(),
                    "note": Text(),
                },
                defaults={"quality": "A", "note": ""},
            )
        ],
        # issue 17: the 无废城市 indicator system (waste.wfc_indicators)
        "wasteless.waste.wfc_indicators.compute_indicators": [
            Case(
                (
                    wfc := importlib.import_module("wasteless.waste.wfc_indicators")
                ).compute_indicators,
                {
                    "city_table": pd.DataFrame(
                        {
                            "straw_utilised": units.pint_series([850.0, 90.0], "t", ["A", "B"]),
                            "straw_collectable": units.pint_series(
                                [1.0, 0.1], "kilotonne", ["A", "B"]
                            ),
                            "villages_in_agricultural_waste_system": [45, 3],
                            "villages_total": [60, 4],
                        },
                        index=["A", "B"],
                    ),
                    "codes": ["straw_utilisation_rate", "agricultural_waste_collection_coverage"],
                },
                {"city_table": Table(text="straw_utilised"), "codes": Texts(optional=True)},
            ),
            Case(
                wfc.compute_indicators,
                {
                    "city_table": {
                        "mulch_film_recovered": Q_(164.0, "t"),
                        "mulch_film_used": Q_(200.0, "t"),
                        "medical_institutions_in_system": 38,
                        "medical_institutions_total": 40,
                    }
                },
                {"city_table": Instance()},
            ),
        ],
        "wasteless.waste.wfc_indicators.system_indicator": [
            Case(
                wfc.system_indicator,
                {"code": "straw_utilisation_rate", "better": "higher"},
                {"code": Choice(), "better": Choice(optional=True)},
            ),
            Case(
                wfc.system_indicator,
                {"code": "household_waste_landfilled", "better": "lower", "unit": "t"},
                {"unit": Units()},
            ),
        ],
        "wasteless.waste.wfc_indicators.indicator_values": [
            Case(
                wfc.indicator_values,
                {
                    "computed": wfc.compute_indicators(
                        {"mulch_film_recovered": Q_(164.0, "t"), "mulch_film_used": Q_(200.0, "t")}
                    ),
                    "codes": ["mulch_film_recovery_rate", "straw_utilisation_rate"],
                },
                {"computed": Table(), "row": Choice(optional=True), "codes": Texts(optional=True)},
            )
        ],
        # issue 17: landfill methane (IPCC first-order decay), wasteless.waste.landfill;
        # the module is fetched once here (walrus) so that the block does not depend on
        # what wasteless.waste re-exports
        "wasteless.waste.landfill.landfill_factors": [
            Case(
                (landfill := importlib.import_module("wasteless.waste.landfill")).landfill_factors,
                {},
                {},
            )
        ],
        "wasteless.waste.landfill.landfill_params": [
            Case(landfill.landfill_params, {"params": "ipcc-docf-by-type"}, {"params": Choice()})
        ],
        "wasteless.waste.landfill.LandfillParams": [
            Case(
                landfill.LandfillParams,
                {
                    **{
                        key: getattr(landfill.landfill_params(), key)
                        for key in landfill.LandfillParams._units
                    },
                    "name": "p",
                },
                {
                    "doc_food": Ratio(),
                    "docf_wood": Ratio(),
                    "k_food_tropical_wet": q(elementwise=False),
                    "mcf_uncategorised": Ratio(),
                    "oxidation_managed_semi_aerobic": Ratio(),
                    "methane_fraction_f": Ratio(),
                    "name": Text(),
                    "sources": Sources(),
                },
                defaults={"sources": landfill.landfill_params().sources},
                project=lambda p: p.magnitudes(),
            )
        ],
        "wasteless.waste.landfill.LandfillParams.with_values": [
            Case(
                landfill.landfill_params().with_values,
                {"values": {"docf_msw": 0.6, "k_food_tropical_wet": Q_(0.3, "1/year")}},
                {"values": Values(), "name": Label()},
                project=lambda p: p.magnitudes(),
            )
        ],
        "wasteless.waste.landfill.landfill_methane": [
            Case(
                landfill.landfill_methane,
                {
                    "deposits": pd.DataFrame(
                        {"food": [100.0, 50.0], "paper": [20.0, 10.0]},
                        index=[2019, 2020],
                        dtype="pint[t]",
                    ),
                    "climate": "tropical_wet",
                    "site": "uncategorised",
                    "years": [2019, 2020, 2021],
                },
                {
                    "deposits": Table(text="food"),
                    "params": Instance(),
                    "climate": Choice(),
                    "site": Choice(),
                    "years": Instance(optional=True),
                    "recovered": q(optional=True, elementwise=False),
                    "recovered_fraction": Ratio(),
                    "reaction_start_month": Whole(1, 13, optional=True),
                    "by_fraction": Flag(),
                    "ddocm": Flag(),
                },
                defaults={"recovered": Q_(0.0, "t"), "reaction_start_month": 13},
            ),
            Case(
                landfill.landfill_methane,
                {
                    "deposits": Q_(np.full((3, 11), 10.0), "t"),
                    "climate": "boreal_temperate_dry",
                    "site": "managed_semi_aerobic",
                    "years": range(2000, 2005),
                },
                {"deposits": Instance(), "years": Instance(optional=True)},
            ),
        ],
        "wasteless.waste.landfill.committed_methane": [
            Case(
                landfill.committed_methane,
                {
                    "mass": Q_(2.0, "t"),
                    "fraction": "food",
                    "climate": "tropical_dry",
                    "site": "managed_anaerobic",
                },
                {
                    "mass": q(),
                    "params": Instance(),
                    "climate": Choice(),
                    "site": Choice(),
                    "fraction": Choice(optional=True),
                    "horizon": Whole(0, 1_000_000, optional=True),
                    "recovered_fraction": Ratio(),
                    "reaction_start_month": Whole(1, 13, optional=True),
                },
                defaults={"horizon": 10, "reaction_start_month": 13},
            ),
            Case(
                landfill.committed_methane,
                {
                    "mass": pd.DataFrame(
                        {"food": [1.0, 2.0], "wood": [0.5, 0.0]}, index=["A", "B"], dtype="pint[t]"
                    ),
                    "climate": "tropical_dry",
                    "site": "unmanaged_deep",
                },
                {"mass": Table(text="wood")},
            ),
        ],
        "wasteless.waste.landfill.LandfillMethane": [
            Case(
                landfill.LandfillMethane,
                {
                    "years": np.arange(2000, 2002),
                    "ch4_generated": Q_([0.0, 1.0], "t"),
                    "ch4_recovered": Q_([0.0, 0.0], "t"),
                    "ch4_emitted": Q_([0.0, 1.0], "t"),
                },
                {},
            )
        ],
        # issue 17: waste streams (waste.streams) and the What a Waste 2.0 reader (io)
        "wasteless.waste.streams.stream": [
            Case(
                wasteless.waste.streams.stream,
                {
                    "total": Q_(100.0, "t"),
                    "composition": {"food": Q_(60, "percent"), "paper": Q_(40, "percent")},
                    "routes": {
                        "landfill_managed_anaerobic": Q_(90, "percent"),
                        "incineration": Q_(10, "percent"),
                    },
                },
                {
                    "total": q(scalar_only=True),
                    "composition": Values(),
                    "routes": Values(),
                    "normalise": Flag(),
                    "tolerance": Ratio(),
                },
            ),
            Case(  # composition as masses, total their sum
                wasteless.waste.streams.stream,
                {
                    "total": None,
                    "composition": {"food": Q_(60.0, "t"), "paper": Q_(40.0, "t")},
                    "routes": {"recycling": 1.0},
                },
                {"composition": Values()},
            ),
        ],
        "wasteless.waste.streams.Stream.move": [
            Case(
                wasteless.waste.streams.stream(
                    Q_(100.0, "t"), {"food": 0.6, "paper": 0.4}, {"landfill_uncategorised": 1.0}
                ).move,
                {
                    "fraction": ["food"],
                    "to": "anaerobic_digestion",
                    "from_routes": ["landfill_uncategorised"],
                },
                {
                    "fraction": Texts(bare_ok=True),
                    "to": Choice(),
                    "share": Ratio(),
                    "from_routes": Texts(optional=True, bare_ok=True),
                },
            )
        ],
        "wasteless.waste.streams.Stream.with_routes": [
            Case(
                wasteless.waste.streams.stream(
                    Q_(100.0, "t"), {"food": 0.6, "paper": 0.4}, {"landfill_uncategorised": 1.0}
                ).with_routes,
                {"routes": {"incineration": Q_(100, "percent")}},
                {"routes": Values(), "normalise": Flag(), "tolerance": Ratio()},
            )
        ],
        "wasteless.waste.streams.Stream.to_route": [
            Case(
                wasteless.waste.streams.stream(
                    Q_(100.0, "t"), {"food": 0.6, "paper": 0.4}, {"landfill_uncategorised": 1.0}
                ).to_route,
                {"route": ["landfill_uncategorised"]},
                {"route": Texts(bare_ok=True)},
            )
        ],
        "wasteless.waste.streams.generation": [
            Case(
                wasteless.waste.streams.generation,
                {"per_capita_rate": Q_(1.0, "kg/day"), "population": 1000.0},
                {"per_capita_rate": q(), "population": IndexValues()},
            )
        ],
        "wasteless.waste.streams.stream_for_city": [
            Case(
                wasteless.waste.streams.stream_for_city,
                {"table": io.read_what_a_waste(), "city": "Beijing"},
                {
                    "table": Table(drop="msw_generated", text="msw_generated"),
                    "city": Choice(),
                    "country": Text(optional=True),
                    "unrouted": Choice(),
                    "normalise": Flag(),
                    "tolerance": Ratio(),
                },
            ),
            Case(  # the caller's routes instead of the table's
                wasteless.waste.streams.stream_for_city,
                {
                    "table": io.read_what_a_waste(),
                    "city": "Pune",
                    "routes": {"incineration": Q_(100, "percent")},
                },
                {"routes": Values()},
            ),
        ],
        "wasteless.waste.streams.regional_composition": [
            Case(
                wasteless.waste.streams.regional_composition,
                {"region": "eastern_asia"},
                {"region": Choice()},
            )
        ],
        "wasteless.waste.streams.composition_factors": [
            Case(
                wasteless.waste.streams.composition_factors,
                {"region": "china"},
                {"region": Choice()},
            )
        ],
        "wasteless.io.what_a_waste.read_what_a_waste": [
            Case(
                io.read_what_a_waste,
                {
                    "path": str(Path(wasteless.__file__).parent / "data/what_a_waste_sample")
                    + "/city_level_data_sample.csv"
                },
                # None is the documented default (the shipped sample): an optional path
                {"path": type("OptionalFilePath", (FilePath,), {"optional": True})()},
            )
        ],
        # issue 17: CO2-equivalents, biological treatment, incineration and open burning
        # (the modules are bound here, in order, so that the block stays one block)
        "wasteless.climate.Emissions": [
            Case(
                (climate := importlib.import_module("wasteless.climate")).Emissions,
                {"gases": {"CH4": Q_(4.0, "t"), "N2O": Q_(0.3, "t")}},
                {"gases": Values()},
            )
        ],
        "wasteless.climate.Emissions.co2e": [
            Case(
                (gases := climate.Emissions({"CH4": Q_(4.0, "t"), "CO2": Q_(1.0, "t")})).co2e,
                {"gwp": "AR6"},
                {"gwp": Choice()},
            )
        ],
        "wasteless.climate.Emissions.to_frame": [
            Case(gases.to_frame, {"units": "kg"}, {"units": Units("[mass]")})
        ],
        "wasteless.climate.co2e": [
            Case(
                climate.co2e,
                {"emissions": {"CH4": Q_(1.0, "t"), "N2O": Q_(2.0, "kg")}, "gwp": "AR5"},
                {"emissions": Values(), "gwp": Choice()},
            ),
            Case(
                climate.co2e,
                {
                    "emissions": pd.DataFrame(
                        {
                            "CH4": _series([1.0, 2.0], "t", pd.Index([2024, 2025])),
                            "CO2": _series([5.0, 0.0], "kg", pd.Index([2024, 2025])),
                        }
                    )
                },
                {"emissions": Table()},
            ),
        ],
        "wasteless.climate.gwp_set": [
            Case(climate.gwp_set, {"name": "AR6-GHGP"}, {"name": Choice()})
        ],
        "wasteless.climate.gwp_sets": [Case(climate.gwp_sets, {}, {})],
        "wasteless.climate.GWPSet": [
            Case(
                climate.GWPSet,
                {
                    "name": "mine",
                    "title": "AR6 again",
                    "factors": dict(climate.gwp_set("AR6").factors),
                },
                {"name": Text(), "title": Text(), "factors": Sources()},
            )
        ],
        "wasteless.waste.biological_treatment.biological": [
            Case(
                (
                    biological := importlib.import_module("wasteless.waste.biological_treatment")
                ).biological,
                {"mass": Q_(1000.0, "t"), "process": "composting", "recovered": Q_(0.5, "t")},
                {
                    "mass": q(),
                    "process": Choice(),
                    "basis": Choice(),
                    "recovered": q(elementwise=False, optional=True),
                    "params": Choice(),
                },
                project=lambda record: {
                    g: np.asarray(wasteless.units.magnitude_in(v, "t")) for g, v in record.items()
                },
            )
        ],
        "wasteless.waste.biological_treatment.BiologicalParams": [
            Case(
                biological.BiologicalParams,
                {**biological.BIOLOGICAL_PARAMS["ipcc-2006"].as_dict(), "name": "b"},
                {
                    **{key: q(elementwise=False) for key in biological.BiologicalParams._units},
                    "name": Text(),
                    "sources": Sources(),
                },
                defaults={"sources": biological.BIOLOGICAL_PARAMS["ipcc-2006"].sources},
                project=lambda p: {key: p.magnitude(key) for key in p._units},
            )
        ],
        "wasteless.waste.thermal_treatment.incineration": [
            Case(
                (
                    incineration := importlib.import_module("wasteless.waste.thermal_treatment")
                ).incineration,
                {
                    "mass_by_fraction": {"food": Q_(600.0, "t"), "plastics": Q_(100.0, "t")},
                    "technology": "continuous_stoker",
                },
                {"mass_by_fraction": Values(), "technology": Choice(), "params": Choice()},
            ),
            Case(
                incineration.incineration,
                {
                    "mass_by_fraction": pd.DataFrame(
                        {
                            "paper": _series([10.0, 20.0], "t", pd.Index([2024, 2025])),
                            "plastics": _series([1.0, 0.0], "Gg", pd.Index([2024, 2025])),
                        }
                    ),
                    "technology": "unspecified",
                },
                {"mass_by_fraction": Table()},
            ),
        ],
        "wasteless.waste.thermal_treatment.open_burning": [
            Case(
                incineration.open_burning,
                {"mass_by_fraction": {"food": Q_(60.0, "t")}, "n2o_ef": Q_(150.0, "g/t")},
                {
                    "mass_by_fraction": Values(),
                    "n2o_ef": q(elementwise=False),
                    "params": Choice(),
                },
                project=lambda record: {
                    g: np.asarray(wasteless.units.magnitude_in(v, "t")) for g, v in record.items()
                },
            )
        ],
        "wasteless.waste.thermal_treatment.IncinerationParams": [
            Case(
                incineration.IncinerationParams,
                {**incineration.INCINERATION_PARAMS["ipcc-2019r"].as_dict(), "name": "i"},
                {
                    "dm_food": Ratio(),
                    "cf_paper": Ratio(),
                    "fcf_plastics": Ratio(),
                    "of_incineration": Ratio(),
                    "of_open_burning": Ratio(),
                    "incineration_ch4_ef_unspecified": q(elementwise=False),
                    "incineration_n2o_ef_continuous_stoker": q(elementwise=False),
                    "open_burning_ch4_ef": q(elementwise=False),
                    "name": Text(),
                    "sources": Sources(),
                },
                defaults={"sources": incineration.INCINERATION_PARAMS["ipcc-2019r"].sources},
                project=lambda p: {key: p.magnitude(key) for key in p._units},
            )
        ],
        # issue 17: treatment scenarios side by side (waste.scenarios)
        **_scenario_cases(),
        # zh
        "wasteless.zh.normalise": [
            Case(
                zh.normalise,
                {"text": "累計消耗廢舊輪胎超２７０萬(wàn)條"},
                {"text": Phrase(parsed=False)},
            )
        ],
        "wasteless.zh.parse_number": [
            Case(zh.parse_number, {"text": "270万"}, {"text": Phrase()})
        ],
        "wasteless.zh.parse_quantity": [
            Case(
                zh.parse_quantity,
                {"text": "累计消耗废旧轮胎超270万条"},
                {"text": Phrase(), "context": Text(optional=True)},
                defaults={"context": "tyre"},
            )
        ],
        "wasteless.zh.to_chinese": [
            Case(
                zh.to_chinese,
                {"quantity": tyres, "relation": ">"},
                {
                    "quantity": q(scalar_only=True, any_dimension=True, bare_ok=True),
                    "relation": Choice(),
                    "numerals": Choice(),
                },
                defaults={"numerals": "arabic"},
            )
        ],
        # uncertainty
        "wasteless.uncertainty.distributions": [
            Case(uncertainty.distributions, {"preset": "literature"}, {"preset": Params("record")})
        ],
        "wasteless.uncertainty.draw": [
            Case(
                uncertainty.draw,
                {"n": 64},
                {
                    "preset": Params("record"),
                    "n": Whole(2, 50_000_000),
                    "seed": Seed(),
                    "method": Choice(),
                },
                defaults={"preset": "literature", "seed": 20200117, "method": "random"},
            )
        ],
        "wasteless.uncertainty.monte_carlo": [
            Case(
                uncertainty.monte_carlo,
                {"model": _model, "n": 64},
                {
                    "model": Model(),
                    "preset": Params("record"),
                    "n": Whole(2, 50_000_000),
                    "seed": Seed(),
                    "method": Choice(),
                },
                defaults={"preset": "literature", "seed": 20200117, "method": "random"},
            )
        ],
        "wasteless.uncertainty.sobol_indices": [
            Case(
                uncertainty.sobol_indices,
                {"model": _model, "n": 64, "n_resamples": 9},
                {
                    "model": Model(),
                    "n": Whole(2, 50_000_000),
                    "confidence": Real(0.0, 1.0, open_low=True, open_high=True),
                    "n_resamples": Whole(2, 50_000_000),
                    "factors": Texts(optional=True),
                },
                defaults={"confidence": 0.95, "factors": ["layer_thickness", "mix_density"]},
            )
        ],
        "wasteless.uncertainty.MonteCarloResult.quantile": [
            Case(monte.quantile, {"q": 0.5}, {"q": Real(0.0, 1.0)})
        ],
        "wasteless.uncertainty.MonteCarloResult.interval": [
            Case(
                monte.interval,
                {"level": 0.9},
                {"level": Real(0.0, 1.0)},
            )
        ],
        "wasteless.uncertainty.MonteCarloResult.percentile_rank": [
            Case(
                monte.percentile_rank,
                {"value": Q_(0.3, "tyre")},
                {"value": q(scalar_only=True, allow_negative=True)},
            )
        ],
        # article
        "wasteless.article.reproduce": [
            Case(article.reproduce, {"preset": presets.ETOWN_2019}, {"preset": Params("preset")})
        ],
        "wasteless.article.Report.__getitem__": [
            Case(
                report.__getitem__,
                {"claim_id": "tyres"},
                {"claim_id": Choice()},
                documented=(KeyError,),
            )
        ],
        # issue 20: a figure's several sources, one literature basis, the summary
        "wasteless.claims.Source": [
            Case(
                claims.Source,
                {
                    "id": "2018-11-02",
                    "title": "t",
                    "date": "2018-11-02",
                    "figures": {"tyres": claim},
                    "quality": "S",
                    "period_start": "2012-10",
                    "period_end": "2018-08-31",
                },
                {
                    "id": Text(),
                    "title": Text(),
                    "date": Choice(),
                    "figures": Sources(),
                    "url": Text(),
                    "publisher": Text(),
                    "quality": Choice(optional=True),
                    "quote": Text(),
                    "covers": Text(),
                    "period_start": Choice(optional=True),
                    "period_end": Choice(optional=True),
                },
                defaults={"url": "", "publisher": "", "quote": "", "covers": ""},
            )
        ],
        "wasteless.claims.agree": [
            Case(
                claims.agree,
                {"first": claim, "second": article.reports()["2019-07-23"].figures["tyres"]},
                {"first": Instance(), "second": Instance()},
            )
        ],
        "wasteless.uncertainty.support": [
            Case(
                uncertainty.support,
                {"model": _model},
                {"model": Model(), "preset": Params("record")},
                defaults={"preset": "literature"},
            )
        ],
        "wasteless.article.literature_distribution": [
            Case(
                article.literature_distribution,
                {"quantity": "tyres per m²"},
                {"quantity": Choice()},
            )
        ],
        "wasteless.article.readings": [
            Case(article.readings, {}, {"reports": Instance(optional=True)})
        ],
        "wasteless.article.disagreements": [
            Case(article.disagreements, {}, {"reports": Instance(optional=True)})
        ],
        "wasteless.article.timeline": [
            Case(
                article.timeline,
                {"figure": "tyres"},
                {"figure": Choice(), "reports": Instance(optional=True)},
            )
        ],
        "wasteless.article.rates": [
            Case(
                article.rates,
                {"figure": "tyres"},
                {"figure": Choice(), "reports": Instance(optional=True)},
            )
        ],
        "wasteless.article.Report.passes": [
            Case(report.passes, {"strict": True}, {"strict": Flag()}, defaults={"strict": False})
        ],
        "wasteless.datasets.beijing_daily_pm25": [
            Case(
                datasets.beijing_daily_pm25,
                {},
                {"min_hours": Whole(1, 24)},
                defaults={"min_hours": 20},
            )
        ],
        # air: grid and means
        "wasteless.air.grid.to_wide": [
            Case(
                grid.to_wide,
                {"data": Fresh(long_table)},
                {
                    "data": LongTable(),
                    "time": Choice(),
                    "units": Units(optional=True),
                    "freq": Choice(),
                },
                defaults={"time": "time", "units": "ug/m3", "freq": "1h"},
            )
        ],
        "wasteless.air.means.ValidityRules": [
            Case(
                means.ValidityRules,
                {
                    "name": "r",
                    "min_hours_per_day": 20,
                    "min_days_per_month": 27,
                    "min_days_february": 25,
                    "min_days_per_year": 324,
                },
                {
                    "name": Text(),
                    "min_hours_per_day": Whole(1, 24),
                    "min_days_per_month": Whole(1, 31),
                    "min_days_february": Whole(1, 29),
                    "min_days_per_year": Whole(1, 366),
                    "quality": Text(),
                },
                defaults={"quality": ""},
            )
        ],
        "wasteless.air.means.daily_means": [
            Case(
                means.daily_means,
                {"hourly": hourly_pm()},
                {
                    "hourly": Hourly(),
                    "min_hours": Whole(1, 24, optional=True),
                    "rules": Instance(),
                    "freq": Choice(),
                    "hour_label": Choice(),
                },
                defaults={
                    "min_hours": 20,
                    "rules": rules,
                    "freq": "1h",
                    "hour_label": "beginning",
                },
            ),
            Case(
                means.daily_means,
                {"hourly": pd.Series(HOURLY_VALUES, index=HOURS), "units": "ug/m3"},
                {"units": Units("[mass] / [length] ** 3")},
            ),
            Case(
                means.daily_means,
                {"hourly": Fresh(_long_hours), "units": "ug/m3", "value": "value"},
                {
                    "time": Choice(optional=True),
                    "station": Choice(optional=True),
                    "value": Choice(),
                },
                defaults={"time": "time", "station": "station"},
            ),
        ],
        **{
            f"wasteless.air.means.{f.__name__}": [
                Case(
                    f,
                    {"hourly_or_daily": hourly_pm()},
                    {
                        "hourly_or_daily": Hourly(table=True),
                        "rules": Instance(),
                        "freq": Choice(),
                        "hour_label": Choice(),
                        **(
                            {"percentile": Real(0.0, 100.0), "method": Choice()}
                            if f is means.percentile_of_daily
                            else {}
                        ),
                    },
                    defaults={
                        "rules": rules,
                        "freq": "1h",
                        "hour_label": "beginning",
                        "percentile": 95.0,
                        "method": "linear",
                    },
                ),
                Case(
                    f,
                    {"hourly_or_daily": pd.Series(HOURLY_VALUES, index=HOURS), "units": "ug/m3"},
                    {"units": Units("[mass] / [length] ** 3")},
                ),
            ]
            for f in (means.monthly_means, means.annual_means, means.percentile_of_daily)
        },
        "wasteless.air.pollutants.pollutant_name": [
            Case(
                pollutants.pollutant_name,
                {"pollutant": "pm25"},
                {"pollutant": Choice(), "argument": Label()},
                defaults={"argument": "pollutant"},
            )
        ],
        "wasteless.waste.fractions.check_fraction_name": [
            Case(
                fractions.check_fraction_name,
                {"value": "food"},
                {"value": Choice(), "name": Label()},
                defaults={"name": "fraction"},
            )
        ],
        "wasteless.waste.fractions.check_name": [
            Case(
                fractions.check_name,
                {"value": "tropical_wet", "name": "climate", "allowed": fractions.CLIMATE_ZONES},
                {"value": Choice(), "name": Label()},
            )
        ],
        "wasteless.air.pollutants.averaging_name": [
            Case(
                pollutants.averaging_name,
                {"averaging": "daily"},
                {"averaging": Choice(), "argument": Label()},
                defaults={"argument": "averaging"},
            )
        ],
        "wasteless.air.trends.trend": [
            Case(
                trends.trend,
                {"values": annual_pm()},
                {
                    "values": Annual(),
                    "confidence": Real(0.0, 1.0, open_low=True, open_high=True),
                    "continuity_correction": Flag(),
                },
                defaults={"confidence": 0.95, "continuity_correction": True},
            ),
            Case(
                trends.trend,
                {"values": pd.Series(ANNUAL_VALUES, index=YEARS), "units": "ug/m3"},
                {"units": Units()},
            ),
        ],
        # air: AQI (HJ 633) and limits (GB 3095)
        "wasteless.air.aqi.iaqi": [
            Case(
                aqi.iaqi,
                {"concentration": Q_(100.0, "ug/m3"), "pollutant": "PM10"},
                {
                    "concentration": q(**conc),
                    "pollutant": Choice(),
                    "averaging": Choice(),
                    "edition": Choice(optional=True),
                    "above_scale": Choice(),
                    "missing": Choice(),
                    "round_concentrations": Flag(optional=True),
                },
                defaults={
                    "averaging": "24h",
                    "edition": "HJ 633-2012",
                    "above_scale": "cap",
                    "missing": "raise",
                    "round_concentrations": True,
                },
            )
        ],
        "wasteless.air.aqi.iaqi_pm25": [
            Case(
                aqi.iaqi_pm25,
                {"concentration": Q_(35.5, "ug/m3")},
                {
                    "concentration": q(**conc),
                    "edition": Choice(optional=True),
                    "above_scale": Choice(),
                    "missing": Choice(),
                    "round_concentrations": Flag(optional=True),
                },
                defaults={
                    "edition": "HJ 633-2012",
                    "above_scale": "cap",
                    "missing": "raise",
                    "round_concentrations": True,
                },
            )
        ],
        "wasteless.air.aqi.aqi": [
            Case(
                aqi.aqi,
                {
                    "concentration": {
                        "PM2.5": Q_([35.5, 75], "ug/m3"),
                        "PM10": Q_([40, 150], "ug/m3"),
                    }
                },
                {
                    "concentration": Concentrations(),
                    "edition": Choice(optional=True),
                    "rounding": Choice(),
                    "above_scale": Choice(),
                    "missing": Choice(),
                    "report": Choice(optional=True),
                    "round_concentrations": Flag(optional=True),
                },
                defaults={
                    "edition": "HJ 633-2012",
                    "rounding": "ceil",
                    "above_scale": "cap",
                    "missing": "raise",
                    "report": "daily",
                    "round_concentrations": True,
                },
            )
        ],
        "wasteless.air.aqi.category": [
            Case(aqi.category, {"aqi_values": 151.0}, {"aqi_values": IndexValues()})
        ],
        "wasteless.air.aqi.breakpoint_table": [
            Case(
                aqi.breakpoint_table,
                {"pollutant": "SO2", "averaging": "1h"},
                {"pollutant": Choice(), "averaging": Choice(), "edition": Choice(optional=True)},
                defaults={"edition": "HJ 633-2012"},
            )
        ],
        "wasteless.air.aqi.edition_rules": [
            Case(aqi.edition_rules, {"edition": "HJ 633-2012"}, {"edition": Choice(optional=True)})
        ],
        "wasteless.air.aqi.edition_on": [
            Case(aqi.edition_on, {"dates": "2026-03-01"}, {"dates": When()})
        ],
        "wasteless.air.network.realtime": [
            Case(
                network.realtime,
                {"frame": Fresh(lambda: realtime_frame.copy())},
                {
                    "frame": Table(drop="pollutant", text="value"),
                    "edition": Choice(optional=True),
                    "units": UnitsMap(),
                    "above_scale": Choice(),
                    "missing": Choice(),
                    "round_concentrations": Flag(optional=True),
                },
                defaults={
                    "edition": "HJ 633-2012",
                    "units": {"PM2.5": "ug/m3", "PM10": "ug/m3"},
                    "above_scale": "cap",
                    "missing": "report",
                    "round_concentrations": True,
                },
            )
        ],
        "wasteless.air.compliance.compliance": [
            Case(
                standards.compliance,
                {
                    "values": Q_([81.0, 43.0], "ug/m**3"),
                    "standard": "GB3095-2012-II",
                    "averaging": "annual",
                },
                {
                    "values": q(**conc, elementwise=False),
                    "standard": Choice(),
                    "pollutant": Choice(optional=True),
                    "averaging": Choice(optional=True),
                    "round_to": Whole(0, 6, optional=True),
                },
                defaults={"pollutant": "PM2.5", "round_to": 0},
            )
        ],
        "wasteless.air.limits.get": [
            Case(
                standards.get,
                {
                    "standard_id": "GB3095-2012",
                    "pollutant": "PM10",
                    "averaging": "24h",
                    "grade": "II",
                },
                {
                    "standard_id": Choice(),
                    "pollutant": Choice(),
                    "averaging": Choice(),
                    "grade": Choice(optional=True),
                },
            )
        ],
        "wasteless.air.limits.limit": [
            Case(
                standards.limit,
                {"standard_id": "GB3095-2026", "grade": "II"},
                {
                    "standard_id": Choice(),
                    "pollutant": Choice(),
                    "averaging": Choice(),
                    "grade": Choice(optional=True),
                },
                defaults={"pollutant": "PM2.5", "averaging": "annual"},
            )
        ],
        "wasteless.air.limits.in_force": [
            Case(
                standards.in_force,
                {"standard_id": "GB3095-II", "on": "2026-02-28"},
                {
                    "standard_id": Choice(),
                    "on": When(),
                    "pollutant": Choice(),
                    "averaging": Choice(),
                },
                defaults={"pollutant": "PM2.5", "averaging": "annual"},
            )
        ],
        # air: the tidy-table layer
        "wasteless.air.tidy.check_frame": [
            Case(
                tidy_tables.check_frame,
                {"frame": Fresh(lambda: tidy.copy())},
                {"frame": Table(drop="pollutant"), "argument": Label(), "times": Flag()},
                defaults={"argument": "tidy", "times": True},
            )
        ],
        "wasteless.air.tidy.units_of": [
            Case(
                tidy_tables.units_of,
                {"frame": Fresh(lambda: tidy.copy())},
                {"frame": Table(drop="pollutant"), "units": UnitsMap(), "argument": Label()},
                defaults={"units": {"PM2.5": "ug/m3"}, "argument": "tidy"},
            )
        ],
        "wasteless.air.tidy.hour_label_of": [
            Case(
                tidy_tables.hour_label_of,
                {"frame": Fresh(lambda: tidy.copy())},
                {
                    "frame": Table(drop="time"),
                    "hour_label": Choice(optional=True),
                    "argument": Label(),
                },
                defaults={"hour_label": "beginning", "argument": "tidy"},
            )
        ],
        "wasteless.air.tidy.with_units": [
            Case(
                tidy_tables.with_units,
                {"frame": Fresh(lambda: tidy.copy()), "units": {"PM2.5": "ug/m3"}},
                {
                    "frame": Table(drop="pollutant"),
                    "units": UnitsMap(optional=False),
                    "argument": Label(),
                },
                defaults={"argument": "frame"},
            )
        ],
        # air: network and city (HJ 663)
        "wasteless.air.network.daily_max_8h": [
            Case(
                network.daily_max_8h,
                {"hours": np.arange(24.0)[None, :]},
                {
                    "hours": FloatGrid(),
                    "min_hours": Whole(1, 8),
                    "min_values": Whole(1, 17),
                },
                defaults={"min_hours": 6, "min_values": 14},
            )
        ],
        "wasteless.air.network.daily_statistics": [
            Case(
                network.daily_statistics,
                {"tidy": Fresh(lambda: tidy.copy())},
                {
                    "tidy": Table(drop="pollutant", text="value"),
                    "units": UnitsMap(),
                    "hour_label": Choice(optional=True),
                    "rules": Instance(),
                    "statistics": Texts(optional=True),
                },
                defaults={
                    "units": {"PM2.5": "ug/m3"},
                    "hour_label": "ending",
                    "rules": rules,
                    "statistics": ["PM2.5_24h"],
                },
            )
        ],
        "wasteless.air.network.annual_statistics": [
            Case(
                network.annual_statistics,
                {"daily": daily_stats, "year": 2019},
                {
                    "daily": Table(text="CO_24h"),
                    "year": Whole(1, 9999, optional=True),
                    "by": Label(),
                    "rules": Instance(),
                },
                defaults={"by": "station", "rules": rules},
            )
        ],
        "wasteless.air.city.city_daily": [
            Case(
                city.city_daily,
                {"daily": daily_stats, "sites": sites},
                {
                    "daily": Table(text="CO_24h"),
                    "sites": Table(drop="city"),
                    "by": Choice(),
                    "groups": Targets(),
                },
                defaults={"by": "city", "groups": {"X": ["A"]}},
            )
        ],
        "wasteless.air.city.daily_aqi": [
            Case(
                city.daily_aqi,
                {"city": city_frame},
                {
                    "city": Table(drop="PM2.5_24h", text="PM2.5_24h"),
                    "edition": Choice(optional=True),
                },
                defaults={"edition": "HJ 633-2012"},
            )
        ],
        "wasteless.air.city.annual_assessment": [
            Case(
                city.annual_assessment,
                {"city": city_frame},
                {
                    "city": Table(drop="PM2.5_24h", text="PM2.5_24h"),
                    "year": Whole(1, 9999, optional=True),
                    "cities": Texts(optional=True),
                    "edition": Choice(optional=True),
                    "rules": Instance(),
                    "hour_label": Choice(optional=True),
                },
                defaults={
                    "year": 2019,
                    "cities": ["X"],
                    "edition": "HJ 633-2012",
                    "rules": rules,
                    "hour_label": "ending",
                },
            )
        ],
        "wasteless.air.city.assess": [
            Case(
                city.assess,
                {"source": assess_tidy, "sites": sites},
                {
                    "source": Table(drop="pollutant", text="value"),
                    "sites": Table(drop="city"),
                    "year": Whole(1, 9999, optional=True),
                    "by": Choice(),
                    "cities": Texts(optional=True),
                    "edition": Choice(optional=True),
                    "hour_label": Choice(optional=True),
                    "rules": Instance(),
                    "units": UnitsMap(),
                },
                defaults={
                    "year": 2019,
                    "by": "city",
                    "cities": ["X"],
                    "edition": "HJ 633-2012",
                    "hour_label": "ending",
                    "rules": rules,
                    "units": dict(assess_tidy.attrs["units"]),
                },
            )
        ],
        # issue 18: official city sets, regions, averages and dust days (air.groups, io.dust)
        "wasteless.air.groups.city_set": [
            Case(groups.city_set, {"name": "168"}, {"name": Choice()})
        ],
        "wasteless.air.groups.official_name": [
            Case(groups.official_name, {"name": "甘孜州"}, {"name": Text()})
        ],
        "wasteless.air.groups.group_names": [
            Case(
                groups.group_names,
                {"by": "region", "city_set": "168"},
                {"by": Choice(), "city_set": Choice()},
            )
        ],
        "wasteless.air.groups.map_cities": [
            Case(
                groups.map_cities,
                {"cities": ["昆山", "北京"]},
                {"cities": Texts(), "county_level": Choice(), "names": Targets()},
                defaults={"county_level": "merge", "names": {"雄安新区": "保定"}},
            )
        ],
        "wasteless.air.groups.group_average": [
            Case(
                groups.group_average,
                {"assessment": city_means, "groups": {"AB": ["A", "B"]}},
                {
                    "assessment": Table(drop="pm25_annual", text="pm25_annual"),
                    "groups": Targets(optional=False),
                    "missing": Choice(),
                },
                defaults={"missing": "propagate"},
            )
        ],
        "wasteless.air.groups.check_dust": [
            Case(
                groups.check_dust,
                {"dust": dust_days, "sites": beijing_sites},
                {
                    "dust": Table(drop="date", text="city"),
                    "sites": Table(drop="city"),
                    "year": Whole(1, 9999, optional=True),
                    "city_set": Choice(optional=True),
                    "county_level": Choice(),
                    "names": Targets(),
                },
                defaults={
                    "year": 2019,
                    "city_set": "337",
                    "county_level": "merge",
                    "names": {"雄安新区": "保定"},
                },
            )
        ],
        "wasteless.air.groups.assess": [
            Case(
                groups.assess,
                {"source": assess_tidy, "sites": beijing_sites, "city_set": "168"},
                {
                    "source": Table(drop="pollutant", text="value"),
                    "sites": Table(drop="city"),
                    "year": Whole(1, 9999, optional=True),
                    "by": Choice(),
                    "city_set": Choice(optional=True),
                    "average": Choice(),
                    "missing": Choice(),
                    "dust": Table(drop="date", text="city", optional=True),
                    "cities": Texts(optional=True),
                    "county_level": Choice(),
                    "names": Targets(),
                    "edition": Choice(optional=True),
                    "hour_label": Choice(optional=True),
                    "rules": Instance(),
                    "units": UnitsMap(),
                },
                defaults={
                    "year": 2019,
                    "by": "city",
                    "average": "city-mean",
                    "missing": "propagate",
                    "dust": dust_days,
                    "cities": ["北京市"],
                    "county_level": "merge",
                    "names": {"雄安新区": "保定"},
                    "edition": "HJ 633-2012",
                    "hour_label": "ending",
                    "rules": rules,
                    "units": dict(assess_tidy.attrs["units"]),
                },
            )
        ],
        "wasteless.io.dust.read_dust_days": [
            Case(io.read_dust_days, {"path": dust_file}, {"path": FilePath()})
        ],
        # io
        "wasteless.io.sites.read_sites": [
            Case(io.read_sites, {"path": io.sample_sites()}, {"path": FilePath()})
        ],
        "wasteless.io.cnemc.read_cnemc": [
            Case(
                io.read_cnemc,
                {"source": io.sample_files()[:1], "pollutants": ["PM2.5"]},
                {
                    "source": FilePath(),
                    "pollutants": Texts(optional=True, bare_ok=True),
                    "stations": Texts(optional=True, bare_ok=True),
                    "engine": Choice(),
                    "hour_label": Choice(),
                    "strict": Flag(),
                    "progress": Flag(optional=True),
                },
                defaults={
                    "stations": ["1001A"],
                    "engine": "pandas",
                    "hour_label": "ending",
                    "strict": False,
                    "progress": False,
                },
            )
        ],
        # issue 18: the station daily statistics of CNEMC files, read a day at a time
        "wasteless.io.cnemc.read_cnemc_daily_statistics": [
            Case(
                io.read_cnemc_daily_statistics,
                {"source": io.sample_files()[:1]},
                {
                    "source": FilePath(),
                    "stations": Texts(optional=True, bare_ok=True),
                    "hour_label": Choice(),
                    "strict": Flag(),
                    "rules": Instance(),
                    "progress": Flag(optional=True),
                },
                defaults={
                    "stations": ["1001A"],
                    "hour_label": "ending",
                    "strict": False,
                    "rules": rules,
                    "progress": False,
                },
            )
        ],
        "wasteless.testing.synthetic_archive": [
            Case(
                io.synthetic_archive,
                {"directory": _tmp_dir(), "days": 1, "stations": 2},
                {
                    "directory": OutputDirectory(),
                    "start": When(),
                    "days": Whole(1, 1_000_000),
                    "stations": Whole(1, 99_999),
                    "seed": Whole(0, 2**63 - 1),
                    "gaps": Real(0.0, 1.0),
                    "missing_days": Whole(0, 0),
                    "compresslevel": Whole(0, 9),
                },
                defaults={
                    "start": "2019-01-01",
                    "seed": 0,
                    "gaps": 0.02,
                    "missing_days": 0,
                    "compresslevel": 6,
                },
                project=_archive_contents,
            )
        ],
        "wasteless.cli.main": [
            Case(
                cli.main,
                {"argv": ["reproduce", "--format", "json"]},
                {"argv": Argv()},
                exit_codes=(2, 4),
            )
        ],
    }


def _scenario_cases() -> dict[str, list[Case]]:
    from wasteless.waste import scenarios

    total = pd.Series([100.0, 100.0], index=[2020, 2021], dtype="pint[t]")
    today = wasteless.waste.stream(total, {"food": 1.0}, {"landfill_managed_anaerobic": 1.0})
    moved = {"digestion": today.move("food", "anaerobic_digestion")}
    result = scenarios.compare(today, moved, climate="tropical_wet")
    params = scenarios.waste_params()
    return {
        "wasteless.waste.scenarios.compare": [
            Case(
                scenarios.compare,
                {"baseline": today, "scenarios": moved, "climate": "tropical_wet"},
                {
                    "baseline": Instance(),
                    "scenarios": Instance(),
                    "climate": Choice(),
                    "gwp": Choice(),
                    "params": Instance(optional=True),
                    "technology": Choice(optional=True),
                    "view": Choice(),
                    "recovered_fraction": Ratio(),
                    "baseline_name": Text(),
                },
                defaults={
                    "gwp": "AR6",
                    "params": params,
                    "technology": "continuous_stoker",
                    "recovered_fraction": 0.0,
                    "view": "inventory",
                    "baseline_name": "baseline",
                },
            )
        ],
        "wasteless.waste.scenarios.route_emissions": [
            Case(
                scenarios.route_emissions,
                {"stream": today, "climate": "tropical_wet"},
                {
                    "stream": Instance(),
                    "climate": Choice(),
                    "view": Choice(),
                    "technology": Choice(optional=True),
                },
                defaults={"view": "inventory", "technology": "continuous_stoker"},
            )
        ],
        "wasteless.waste.scenarios.waste_params": [
            Case(
                scenarios.waste_params,
                {"landfill": "ipcc-2006"},
                {"landfill": Choice(), "biological": Choice(), "incineration": Choice()},
                defaults={"biological": "ipcc-2006", "incineration": "ipcc-2019r"},
            )
        ],
        "wasteless.waste.scenarios.WasteParams": [
            Case(
                scenarios.WasteParams,
                {
                    "landfill": params.landfill,
                    "biological": params.biological,
                    "incineration": params.incineration,
                },
                {
                    "landfill": Instance(),
                    "biological": Instance(),
                    "incineration": Instance(),
                    "name": Text(),
                },
                defaults={"name": "ipcc-defaults"},
            )
        ],
        "wasteless.waste.scenarios.ScenarioComparison.avoided": [
            Case(
                result.avoided,
                {"scenario": "digestion"},
                {"scenario": Choice(), "cumulative": Flag()},
                defaults={"cumulative": False},
            )
        ],
        "wasteless.waste.scenarios.ScenarioComparison.total_avoided": [
            Case(result.total_avoided, {"scenario": "digestion"}, {"scenario": Choice()})
        ],
    }


# Public callables that take no input: their results are checked for being read-only
# (or a fresh copy), so that a caller cannot change what the next caller gets.
NO_INPUT = (
    "wasteless.article.claims",
    "wasteless.article.literature_comparison",
    "wasteless.article.plausibility",
    "wasteless.article.source",
    "wasteless.article.reports",  # issue 20: the reports on the programme
    "wasteless.factors.all_factors",
    "wasteless.factors.to_frame",
    "wasteless.datasets.sample_files",
    "wasteless.datasets.sample_sites",
    "wasteless.air.limits.all_limits",
    "wasteless.air.limits.to_frame",
    "wasteless.waste.targets.etown_targets",
    "wasteless.waste.targets.indicators",
    "wasteless.waste.wfc_indicators.indicator_system",  # issue 17: indicator system
    # issue 18: the official city lists
    "wasteless.air.groups.prefectures",
    "wasteless.air.groups.key_cities",
    "wasteless.air.groups.regions",
)

# Public classes that are not called with user input, and why.
NOT_CALLED = {
    **{
        f"wasteless.errors.{name}": "an exception class"
        for name in (
            "InputError",
            "MissingUnitsError",
            "NotFoundError",
            "UnitsError",
            "WastelessError",
        )
    },
    "wasteless.air.aqi.AboveScaleWarning": "a warning class",
    "wasteless.io.cnemc.TruncatedRowWarning": "a warning class",
    "wasteless.io.cnemc.MisnamedFileWarning": "a warning class",
    "wasteless.air.aqi.AQICategory": "a result type (of aqi.category)",
    "wasteless.air.aqi.BreakpointTable": "a record read from the package data",
    "wasteless.air.aqi.EditionRules": "a record read from the package data",
    "wasteless.air.aqi.ReportRule": "a record read from the package data",
    "wasteless.air.limits.Standard": "a record read from the package data",
    "wasteless.air.compliance.Compliance": "a result type (of standards.compliance)",
    "wasteless.air.trends.TrendResult": "a result type (of trend)",
    "wasteless.article.Comparison": "a result type (of literature_comparison)",
    "wasteless.article.Plausibility": "a result type (of plausibility)",
    "wasteless.article.Report": "a result type (of reproduce); its __getitem__ is declared",
    "wasteless.claims.Verdict": "a result type (of check, check_falling, not_checkable)",
    # issue 20: the result types of the sources side by side and the one literature basis
    "wasteless.article.Disagreement": "a result type (of disagreements)",
    "wasteless.article.LiteratureDistribution": "a result type (of literature_distribution)",
    "wasteless.article.Reading": "a result type (of readings)",
    "wasteless.article.Summary": "a result type (of Report.summary)",
    "wasteless.judgement.Judgement": "the base class of the result types",
    "wasteless.judgement.Relation": "a record of judgement.RELATIONS",
    "wasteless.uncertainty.Draws": "a result type (of draw)",
    "wasteless.uncertainty.ImpreciseWarning": "a warning class",
    "wasteless.uncertainty.FactorDistribution": "a result type (of distributions)",
    "wasteless.uncertainty.MonteCarloResult": "a result type; its methods are declared",
    "wasteless.units.Measured": "what the pathway hands a kernel (built by unit_function)",
    "wasteless.units.UnitFunction": "a typing Protocol",
    "wasteless.waste.targets.Progress": "a result type (of progress)",
    # issue 17: the 无废城市 indicator system
    "wasteless.waste.wfc_indicators.Formula": "a record read from the package data",
    "wasteless.waste.wfc_indicators.IndicatorSystem": "a record read from the package data",
    "wasteless.waste.wfc_indicators.SystemIndicator": "a record read from the package data",
    "wasteless.waste.wfc_indicators.Term": "a record read from the package data",
    "wasteless.waste.streams.Stream": "a result type (of stream); its methods are declared",
    "wasteless.waste.scenarios.ScenarioComparison": "a result type; its methods are declared",
    "wasteless.presets.Params": "the base of the parameter records, subclassed (they are called)",
    "wasteless.zh.ParsedQuantity": "a result type (of parse_quantity)",
    "wasteless.testing.SyntheticArchive": "a result type (of synthetic_archive)",
}

# Failures that are known or deliberate, each with its reason: (callable, argument,
# variant) -> reason. The battery fails on any other failure, and on an entry here
# that no longer fails (fixed: remove it).
ARTICLE = "article.py beyond _repr_html_ and the caches is outside issue 10: reported to the lead"


def _known(
    name: str, argument: str, variants: tuple[str, ...], owner: str, why: str
) -> dict[tuple[str, str, str], str]:
    return {(name, argument, variant): f"{why} ({owner})" for variant in variants}


KNOWN: dict[tuple[str, str, str], str] = {}


def public_callables() -> dict[str, Any]:
    """Every callable in the ``__all__`` of every wasteless module, by qualified name."""
    found = {}
    for info in pkgutil.walk_packages(wasteless.__path__, "wasteless."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if inspect.ismodule(obj) or not callable(obj):
                continue
            if getattr(obj, "__module__", None) != info.name:
                continue  # a re-export: covered where it is defined
            found[f"{info.name}.{name}"] = obj
    return found


def _documented(error: BaseException, argument: str, case: Case) -> bool:
    if isinstance(error, DOCUMENTED_ERRORS + case.documented):
        return True
    if isinstance(error, TypeError) and argument in str(error):
        return True
    return isinstance(error, SystemExit) and error.code in case.exit_codes


def _warning_classes() -> tuple[type[Warning], ...]:
    return tuple(
        obj
        for obj in public_callables().values()
        if isinstance(obj, type) and issubclass(obj, Warning)
    )


@dataclass
class Call:
    result: Any = None
    error: BaseException | None = None
    seconds: float = 0.0
    warning: str = ""


class _TooSlow(BaseException):
    """Raised in a call that exceeds SLOW_SECONDS, so that a hang cannot stall the battery."""


def _too_slow(signum: int, frame: Any) -> None:
    raise _TooSlow


def _call(
    function: Callable[..., Any],
    kwargs: dict[str, Any],
    documented_warnings: tuple[type[Warning], ...],
) -> Call:
    timer = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if timer:
            previous = signal.signal(signal.SIGALRM, _too_slow)
            signal.setitimer(signal.ITIMER_REAL, SLOW_SECONDS)
        start = time.perf_counter()
        try:
            result, error = function(**kwargs), None
        except (Exception, SystemExit) as err:  # classified by the caller
            result, error = None, err
        except _TooSlow:
            result, error = None, None
        finally:
            if timer:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
        seconds = time.perf_counter() - start
    foreign = [w for w in caught if not issubclass(w.category, documented_warnings)]
    shown = f"{foreign[0].category.__name__}: {foreign[0].message}" if foreign else ""
    return Call(result, error, seconds, shown)


@dataclass
class Outcome:
    name: str
    argument: str
    variant: str
    outcome: str
    detail: str = ""


def _judge(
    name: str,
    case: Case,
    argument: str,
    variant: Variant,
    kwargs: dict[str, Any],
    good: Call,
    documented_warnings: Any,
) -> Outcome:
    snapshots = {key: _snapshot(value) for key, value in kwargs.items()}
    call = _call(case.function, kwargs, documented_warnings)

    def outcome(kind: str, detail: str = "") -> Outcome:
        return Outcome(name, argument, variant.label, kind, detail[:300])

    if call.seconds >= SLOW_SECONDS:
        return outcome(SLOW, f"{call.seconds:.1f} s")
    if call.error is not None:
        if _documented(call.error, argument, case):
            return outcome(REFUSED, f"{type(call.error).__name__}: {call.error}")
        return outcome(UNDOCUMENTED, f"{type(call.error).__name__}: {call.error}")
    if call.warning:
        return outcome(UNDOCUMENTED, call.warning)
    modified = [key for key, value in kwargs.items() if _modified(value, snapshots[key])]
    if modified:
        return outcome(WRONG, f"modified its input {modified}")
    if case.exit_codes:
        code = call.result
        if code in case.exit_codes:
            return outcome(REFUSED, f"exit status {code}")
        return outcome(WRONG if variant.expect == REFUSE else RIGHT, f"exit status {code}")
    if variant.expect == REFUSE:
        return outcome(WRONG, f"returned {call.result!r:.200}")
    why = _insane(call.result)
    project = case.project or (lambda result: result)
    if why is None and variant.expect == SAME:
        why = _differs(project(call.result), project(good.result), variant.rtol)
    elif why is None and variant.expect == MAGNITUDES:
        why = _differs(project(call.result), project(good.result), variant.rtol, units=False)
    elif why is None and variant.expect == EQUIV:
        reference = _call(
            case.function, {**kwargs, argument: variant.equivalent}, documented_warnings
        )
        if reference.error is None:
            want = variant.adapt(reference.result) if variant.adapt else reference.result
            why = _differs(project(call.result), project(want), variant.rtol)
    if why:
        return outcome(WRONG, f"returned {call.result!r:.120}: {why}")
    return outcome(RIGHT)


def _good_kwargs(case: Case) -> dict[str, Any]:
    return {key: _value(value) for key, value in case.good.items()}


def _good_value(case: Case, argument: str) -> Any:
    if argument in case.good:
        return _value(case.good[argument])
    if argument in case.defaults:
        return case.defaults[argument]
    parameter = inspect.signature(case.function).parameters[argument]
    assert parameter.default is not inspect.Parameter.empty, argument
    return parameter.default


def run_battery(names: Any = None, *, sample: bool = False) -> list[Outcome]:
    """Call every declared callable with every bad value; one Outcome per call.

    ``sample``: the fast subset, for the fast loop: each callable's first declared call,
    and for each of its arguments one bad value (the first its kind refuses).
    """
    documented_warnings = _warning_classes()
    outcomes = []
    for name, cases in declared_cases().items():
        if names is not None and name not in names:
            continue
        for case in cases[:1] if sample else cases:
            good = _call(case.function, _good_kwargs(case), documented_warnings)
            assert good.error is None, f"{name}: the good call fails: {good.error!r}"
            assert not good.warning, f"{name}: the good call warns: {good.warning}"
            assert _insane(good.result) is None, f"{name}: {_insane(good.result)}"
            for argument, kind in case.kinds.items():
                reference = good
                if argument not in case.good:  # the good call left it at its default
                    explicit = {**_good_kwargs(case), argument: _good_value(case, argument)}
                    reference = _call(case.function, explicit, documented_warnings)
                    assert reference.error is None, f"{name}({argument}=good): {reference.error!r}"
                variants = kind.variants(_good_value(case, argument))
                if sample:
                    refused = [v for v in variants if v.expect == REFUSE]
                    variants = (refused or variants)[:1]
                for variant in variants:
                    kwargs = {**_good_kwargs(case), argument: _value(variant.value)}
                    outcomes.append(
                        _judge(
                            name, case, argument, variant, kwargs, reference, documented_warnings
                        )
                    )
    return outcomes


def _no_input_outcomes() -> list[Outcome]:
    """A cached result handed out mutable: change it, and the next call must not see it."""
    import copy

    found = public_callables()
    outcomes = []
    for name in NO_INPUT:
        function = found[name]
        first = function()
        if isinstance(first, Mapping):
            snapshot: Any = dict(first)  # the values are frozen records
        elif isinstance(first, pd.DataFrame):
            snapshot = first.copy(deep=True)
        else:
            snapshot = copy.copy(first)
        detail, kind = "", RIGHT
        try:
            if isinstance(first, Mapping):
                first.pop(next(iter(first)))  # type: ignore[attr-defined]
            elif isinstance(first, list):
                first.clear()
            elif isinstance(first, pd.DataFrame):
                first.iloc[0, 0] = first.iloc[-1, 0]  # a value of the column's own dtype
            else:
                detail = f"a {type(first).__name__}: immutable"
        except (TypeError, AttributeError) as err:
            detail = f"read-only ({type(err).__name__})"
        again = function()
        why = _differs(again, snapshot)
        if why:
            kind, detail = WRONG, f"a changed result is handed to the next caller: {why}"
        _restore(first, snapshot)  # a mutable cache: put it back, for the tests that follow
        outcomes.append(Outcome(name, "-", "mutate the result", kind, detail))
    return outcomes


def _restore(first: Any, snapshot: Any) -> None:
    with contextlib.suppress(TypeError, AttributeError):  # read-only: nothing was changed
        if isinstance(first, dict):
            first.clear()
            first.update(snapshot)
        elif isinstance(first, list):
            first[:] = snapshot
        elif isinstance(first, pd.DataFrame):
            first.iloc[0, 0] = snapshot.iloc[0, 0]


def _table(outcomes: list[Outcome]) -> str:
    counts = Counter(o.outcome for o in outcomes)
    by_module = Counter((o.name.rsplit(".", 1)[0], o.outcome) for o in outcomes)
    unnamed = sum(
        1
        for o in outcomes
        if o.outcome == REFUSED and o.argument != "-" and o.argument not in o.detail
    )
    n_callables = len({o.name for o in outcomes})
    lines = [f"bad-input battery: {len(outcomes)} calls over {n_callables} callables"]
    lines += [f"  {kind:<28} {counts.get(kind, 0):>6}" for kind in OUTCOMES]
    lines.append(f"  (refusals whose message does not name the argument: {unnamed})")
    modules = sorted({module for module, _ in by_module})
    lines.append(
        "  by module: "
        + ", ".join(
            f"{m.removeprefix('wasteless.')} {sum(by_module[(m, k)] for k in OUTCOMES)}"
            + (
                f" ({sum(by_module[(m, k)] for k in FAILURES)} failing)"
                if any(by_module[(m, k)] for k in FAILURES)
                else ""
            )
            for m in modules
        )
    )
    return "\n".join(lines)


def _failures(outcomes: list[Outcome]) -> list[str]:
    return [
        f"{o.name}({o.argument}={o.variant}): {o.outcome}: {o.detail}"
        for o in outcomes
        if o.outcome in FAILURES and (o.name, o.argument, o.variant) not in KNOWN
    ]


# --- the battery ------------------------------------------------------------------------


def test_every_public_callable_is_declared():
    found = public_callables()
    assert len(found) > 100  # the walk saw the package
    declared = set(declared_cases()) | set(NO_INPUT) | set(NOT_CALLED)
    undeclared = sorted(set(found) - declared)
    assert undeclared == [], (
        f"declare their good call and argument kinds in declared_cases(): {undeclared}"
    )
    methods = {
        name
        for name in declared_cases()
        if name.count(".") > 2 and name.split(".")[-2][0].isupper()
    }
    stale = sorted((declared - methods) - set(found))
    assert stale == [], f"declared but no longer public: {stale}"


# the assessments take over a second even for one bad value per argument
_SLOW_TO_CALL = {"wasteless.air.city.assess", "wasteless.air.groups.assess"}


def _declared_names() -> list[Any]:
    return [
        pytest.param(name, marks=pytest.mark.slow) if name in _SLOW_TO_CALL else name
        for name in sorted(declared_cases())
    ]


@pytest.mark.parametrize("name", _declared_names())
def test_one_bad_value_per_argument_is_refused_or_right(name, monkeypatch):
    """The battery's fast subset, in the fast loop: a new callable's bad input is seen at once."""
    monkeypatch.chdir(_scratch())
    try:
        outcomes = run_battery([name], sample=True)
    finally:
        monkeypatch.undo()
    assert outcomes or not declared_cases()[name][0].kinds
    assert _failures(outcomes) == []


@pytest.mark.slow  # about 4,000 calls
def test_bad_input_never_gets_a_wrong_answer(capsys, monkeypatch):
    monkeypatch.chdir(_scratch())  # a relative path a bad value names is made here
    try:
        outcomes = run_battery() + _no_input_outcomes()
    finally:
        monkeypatch.undo()
        _remove_scratch()
    with capsys.disabled():
        print("\n" + _table(outcomes))
        known = [o for o in outcomes if (o.name, o.argument, o.variant) in KNOWN]
        if known:
            print(f"  known failures (KNOWN, each with its reason): {len(known)}")
    assert _failures(outcomes) == []
    failing = {(o.name, o.argument, o.variant) for o in outcomes if o.outcome in FAILURES}
    stale = sorted(set(KNOWN) - failing)
    assert stale == [], f"fixed: remove from KNOWN: {stale}"


# --- the twelve reproducers of issue 10, one regression test each ------------------------

YEAR_HOURS = pd.date_range("2019", "2019-12-31 23:00", freq="h")


def test_1_air_statistics_refuse_a_series_of_another_dimension():
    metres = pd.Series(30.0, index=YEAR_HOURS, dtype="pint[m]")
    for statistic in (
        wasteless.air.annual_means,
        wasteless.air.daily_means,
        wasteless.air.monthly_means,
        wasteless.air.percentile_of_daily,
    ):
        with pytest.raises(UnitsError, match=r"\[mass\] / \[length\] \*\* 3"):
            statistic(metres)
    with pytest.raises(UnitsError, match="aqi_values"):
        wasteless.aqi.category(pd.Series([120.0], dtype="pint[m]"))


def test_1_change_functions_keep_any_one_dimension_and_get_it_right():
    # change.moving_mean / keeps_falling (and air.trend) are documented for any annual
    # series (a recycling rate, a count): seconds in, seconds out, the right values
    years = [2017, 2018, 2019]
    seconds = pd.Series([1.0, 2.0, 6.0], index=years, dtype="pint[s]")
    moving = wasteless.change.moving_mean(seconds)
    assert moving.pint.units == REGISTRY.s
    assert moving.pint.magnitude.iloc[-1] == pytest.approx(3.0)
    # an offset unit is averaged and compared by pint's rules: 25 °C falls to 24.5 °C
    celsius = pd.Series([25.0, 24.9, 24.5], index=years, dtype="pint[degC]")
    assert wasteless.change.keeps_falling(celsius)
    mean = wasteless.change.moving_mean(celsius).pint.magnitude.iloc[-1]
    assert mean == pytest.approx((25.0 + 24.9 + 24.5) / 3)


def test_2_offset_units_convert_by_pint_rules_and_ratios_refuse_them():
    assert wasteless.units.magnitude_in(Q_(20, "degC"), "K") == pytest.approx(293.15)
    reduction = wasteless.change.relative_reduction(Q_(300, "K"), Q_(20, "degC"))
    assert reduction.m_as("percent") == pytest.approx(100 * (300 - 293.15) / 300)
    with pytest.raises(UnitsError, match="offset"):
        wasteless.change.relative_reduction(Q_(20, "degC"), Q_(10, "degC"))
    with pytest.raises(UnitsError, match="offset"):
        wasteless.change.annualised_change(Q_(20, "degC"), Q_(10, "degC"), 3)


def test_3_complex_values_are_refused_naming_the_argument():
    with pytest.raises(InputError, match="area must be real"):
        wasteless.paving.tyres_for_area(Q_(np.array([1e6 + 5e6j]), "m**2"))
    with pytest.raises(InputError, match="area must be real"):
        wasteless.paving.tyres_for_area(Q_(1e6 + 5e6j, "m**2"))


def _daily_year(mean: Any = 40.0, valid: Any = True) -> pd.DataFrame:
    days = pd.date_range("2019-01-01", "2019-12-31", freq="D", name="date")
    values = np.broadcast_to(np.asarray(mean, dtype=np.float64), len(days))
    return pd.DataFrame(
        {"mean": _series(values, "ug/m**3", days), "n_hours": 24, "coverage": 1.0, "valid": valid},
        index=days,
    )


def test_4_a_daily_table_given_to_annual_means_is_validated():
    annual = wasteless.air.annual_means
    assert annual(_daily_year())["mean"].pint.magnitude.iloc[0] == pytest.approx(40.0)
    with pytest.raises(InputError, match="must be >= 0"):
        annual(_daily_year(-40.0))
    with pytest.raises(InputError, match="finite"):
        annual(_daily_year(np.inf))
    with_nan = np.full(365, 40.0)
    with_nan[3] = np.nan
    with pytest.raises(InputError, match="marked valid but its mean is NaN"):
        annual(_daily_year(with_nan))
    table = _daily_year()
    with pytest.raises(InputError, match="more than once"):
        annual(pd.concat([table, table.iloc[:3]]))


def test_5_compliance_rounds_to_a_small_whole_number_of_decimals():
    compliance = wasteless.standards.compliance
    for round_to in (400, 10**30, -1, 2.5, True):
        with pytest.raises(InputError, match="round_to"):
            compliance(Q_(81, "ug/m**3"), "GB3095-2012-II", averaging="annual", round_to=round_to)


def test_6_water_ratios_broadcast_or_refuse_naming_both_arguments():
    rate = wasteless.water.treatment_rate
    capped = rate(Q_(5, "m**3/d"), Q_([1.0, 10.0], "m**3/d"), cap=True)
    assert capped.m_as("percent").tolist() == [100.0, 50.0]
    with pytest.raises(InputError, match="treated exceeds discharged"):
        rate(Q_(5, "m**3/d"), Q_([1.0, 10.0], "m**3/d"))
    with pytest.raises(
        InputError, match=r"treated \(shape \(3,\)\) and discharged \(shape \(2,\)\)"
    ):
        rate(Q_([1.0, 2.0, 3.0], "m**3/d"), Q_([5.0, 10.0], "m**3/d"))
    empty = Q_(np.array([]), "m**3/d")
    assert rate(empty, empty).magnitude.shape == (0,)
    assert wasteless.water.reclaimed_volume_for_target(empty, Q_([], "percent")).size == 0
    with pytest.raises(InputError, match="cap must be True or False"):
        rate(Q_(5, "m**3/d"), Q_(10, "m**3/d"), cap="False")


def test_7_overflow_is_an_input_error_naming_the_argument():
    with pytest.raises(InputError, match=r"overflows float64 .*tyres = 1e\+308 tyre"):
        wasteless.paving.area_for_tyres(Q_(1e308, "tyre"))
    # a record holds data; the model that divides by it refuses, naming the field
    tiny = dataclasses.replace(
        wasteless.presets.LITERATURE.paving, crumb_rubber_per_tyre=Q_(1e-320, "kg/tyre")
    )
    with pytest.raises(InputError, match="crumb_rubber_per_tyre"):
        wasteless.paving.tyres_for_area(Q_(1.0, "m**2"), tiny)
    with pytest.raises(InputError, match="hourly: a daily sum overflows float64"):
        wasteless.air.daily_means(pd.Series(1e308, index=YEAR_HOURS[:48], dtype="pint[ug/m**3]"))


def _feeds(text: str) -> int:
    """How many characters the numeral reader takes to parse ``text`` (a clock-free cost)."""
    from wasteless import zh

    count = 0
    feed = zh._IntegerReader.feed

    def counting(self: Any, ch: str) -> bool:
        nonlocal count
        count += 1
        return feed(self, ch)

    zh._IntegerReader.feed = counting  # type: ignore[method-assign]
    try:
        for function in (zh.parse_quantity, zh.parse_number):
            with pytest.raises(InputError):
                function(text)
    finally:
        zh._IntegerReader.feed = feed  # type: ignore[method-assign]
    return count


@pytest.mark.parametrize(
    "unit", ["一", "一十", "一个", "九千九百九十九万九千九百九十九亿个", "百分之一", "超270万条"]
)
def test_8_the_chinese_parser_is_linear_in_the_length(unit):
    # 500 and 2,000 characters: the reader's work grows 4 times, not 16 times (it took
    # 4.7 s for 3,200 characters, quadratic: a count that grows 16 times at any length).
    # Timing is left to benchmarks/bench_zh.py.
    short, long = ((unit * 2_000)[:n] for n in (500, 2_000))
    assert _feeds(long) <= 4.5 * max(_feeds(short), 1)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "一",
                "十",
                "百",
                "千",
                "万",
                "亿",
                "点",
                "零",
                "个",
                "条",
                "余",
                "超",
                "%",
                "7",
                "百分之",
            ]
        ),
        min_size=1,
        max_size=40,
    ),
    st.integers(100, 400),
)
def test_8_long_chinese_phrases_parse_or_raise_input_error(tokens, repeat):
    from wasteless import zh

    text = "".join(tokens) * repeat  # up to 16,000+ characters
    try:
        parsed = zh.parse_quantity(text)
    except InputError as err:
        message = str(err)
    else:
        assert math.isfinite(parsed.quantity.magnitude)
        return
    assert len(message) < 2_000  # a long phrase is quoted cut short


def _run_cli(*args: str, env: Mapping[str, str] | None = None, **kwargs: Any) -> Any:
    environment = {**os.environ, **(env or {})}
    if "stdout" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run([sys.executable, "-m", "wasteless", *args], env=environment, **kwargs)


@pytest.mark.slow  # interpreter start-ups
@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "latin-1"},
        {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""},
    ],
    ids=["ascii", "latin-1", "C-locale"],
)
def test_9_the_cli_writes_utf8_whatever_the_locale(env):
    done = _run_cli("reproduce", env=env)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert "超270萬條" in done.stdout.decode("utf-8") or "超270万条" in done.stdout.decode("utf-8")
    assert b"Traceback" not in done.stderr


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_9_the_cli_exits_3_without_a_traceback_on_a_full_disk():
    with open("/dev/full", "wb") as full:
        done = _run_cli("reproduce", stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 3
    assert b"Traceback" not in done.stderr


@pytest.mark.slow
def test_9_the_cli_exits_3_without_a_traceback_on_a_broken_pipe():
    process = subprocess.Popen(
        [sys.executable, "-m", "wasteless", "reproduce", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()  # the reader goes away before the output is written
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait() == 3
    assert b"Traceback" not in stderr


@pytest.mark.slow
def test_9_the_cli_exits_3_without_a_traceback_when_stdout_is_closed():
    done = _run_cli(
        "reproduce",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 3
    assert b"Traceback" not in done.stderr


@pytest.mark.slow
def test_9_the_cli_exits_4_without_a_traceback_on_an_empty_input_file(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    done = _run_cli("assess", str(empty), "--sites", str(empty))
    assert done.returncode == 4
    assert b"Traceback" not in done.stderr


def test_10_cached_tables_cannot_be_changed_by_a_caller():
    from wasteless import article, factors, presets, waste

    for table in (
        factors.all_factors(),
        waste.etown_targets(),
        waste.indicators(),
        article.claims(),
        article.plausibility(),
        presets.PRESETS,
    ):
        with pytest.raises((TypeError, AttributeError)):
            table.pop(next(iter(table)))  # type: ignore[attr-defined]
        with pytest.raises(TypeError):
            table["new"] = None  # type: ignore[index]
    article.source().clear()  # a copy: the next caller gets the whole record
    assert article.source()["date"] == "2020-01-17"
    assert factors.get("layer_thickness").key == "layer_thickness"
    assert article.reproduce().holds in (True, False)


def test_11_option_arguments_are_checked():
    from wasteless import air, paving, units, waste

    hourly = pd.Series(30.0, index=YEAR_HOURS[:48])
    with pytest.raises(InputError, match="params"):
        paving.tyres_for_area(Q_(1, "m**2"), None)
    with pytest.raises(InputError, match="rules"):
        air.daily_means(hourly, units="ug/m3", rules=None)
    with pytest.raises(InputError, match="units"):
        air.daily_means(hourly, units=5)
    with pytest.raises(InputError, match="bogus"):
        air.daily_means(hourly, units="bogus")
    with pytest.raises(InputError, match="freq"):
        air.daily_means(hourly, units="ug/m3", freq="bogus")
    with pytest.raises(InputError, match="method"):
        air.percentile_of_daily(hourly, units="ug/m3", method="bogus")
    with pytest.raises(InputError, match="window"):
        air.moving_mean(pd.Series([1.0, 2, 3], index=[2017, 2018, 2019]), 10**30, "ug/m3")
    with pytest.raises(InputError, match="string"):
        units.as_fraction("0.5")
    with pytest.raises(InputError, match="aqi_values"):
        wasteless.aqi.category("80")
    with pytest.raises(InputError, match="string"):
        waste.progress(waste.etown_targets()["sewage_treatment_rate"], "1")
    start = time.perf_counter()
    with pytest.raises(InputError, match="at most 200 characters"):
        units.magnitude_in(Q_(1, "m"), "x" * 100_000)
    assert time.perf_counter() - start < 1.0  # was 47 s; a refusal, not a benchmark


def test_11_numpy_scalars_work_where_python_numbers_do():
    hourly = pd.Series(30.0, index=YEAR_HOURS)
    air = wasteless.air
    by_float = air.percentile_of_daily(hourly, 95.0, units="ug/m3")
    by_numpy = air.percentile_of_daily(hourly, np.float32(95), units="ug/m3")
    assert_frame_equal(by_float, by_numpy)
    assert_frame_equal(
        air.daily_means(hourly, units="ug/m3", min_hours=20),
        air.daily_means(hourly, units="ug/m3", min_hours=np.int64(20)),
    )


def test_11_masked_values_are_refused_not_dropped():
    masked = np.ma.masked_array([1.0, 2.0], mask=[False, True])
    with pytest.raises(InputError, match="masked"):
        wasteless.paving.tyres_for_area(Q_(masked, "m**2"))


def test_11_claims_refuse_non_finite_or_complex_stated_values():
    from wasteless.claims import Claim

    for stated in (
        Q_(math.nan, "tyre"),
        Q_(-math.inf, "tyre"),
        Q_(math.inf, "tyre"),
        Q_(1 + 1j, "tyre"),
    ):
        with pytest.raises(InputError, match="stated"):
            Claim("x", "", "", stated, ">=")


def test_11_empty_inputs_get_an_error_or_an_empty_result():
    empty_annual = pd.Series([], dtype="pint[ug/m**3]")
    with pytest.raises(InputError, match="empty"):
        wasteless.change.moving_mean(empty_annual)
    with pytest.raises(InputError, match="empty"):
        wasteless.change.keeps_falling(empty_annual)
    with pytest.raises(InputError, match="empty"):
        wasteless.air.daily_means(pd.Series([], index=pd.DatetimeIndex([]), dtype="pint[ug/m**3]"))
    card = wasteless.waste.scorecard({}, {})
    assert len(card) == 0
    assert "met" in card.columns


def test_11_to_wide_refuses_a_grid_it_cannot_hold():
    long = pd.DataFrame(
        {
            "time": pd.to_datetime(["2019-01-01", "2019-01-02"]),
            "station": ["A", "A"],
            "value": [1.0, 2.0],
        }
    )
    with pytest.raises(InputError, match="GiB"):
        wasteless.air.to_wide(long, freq="1ns")  # 86.4 trillion slots: 629 TiB
    assert wasteless.air.to_wide(long, freq="1D").shape == (2, 1)


def test_12_a_quantity_of_another_registry_is_refused_with_the_fix():
    other = foreign_registry()  # a user's own pint.UnitRegistry() (built once a session)
    with pytest.raises(UnitsError, match=r"wasteless\.Q_"):
        wasteless.paving.tyres_for_area(other.Quantity(1.0, "m**2"))
    # results live in the registry of wasteless.Q_, so they add back to the user's values
    area = Q_(1.0, "km**2")
    tyres = wasteless.paving.tyres_for_area(area)
    assert (tyres + Q_(1, "tyre")).units == REGISTRY.tyre
    assert tyres._REGISTRY is area._REGISTRY


_REPLACED_REGISTRY = """
import pint, wasteless as wl
from wasteless import Q_, paving, water
before = paving.tyres_for_area(Q_(1, "m**2"))
new = pint.UnitRegistry()
pint.set_application_registry(new)
# wasteless keeps its registry: its units, context, presets and results still meet
assert Q_(270, "万 tyre").to("tyre").magnitude == 2.7e6
assert wl.ureg.Quantity(5, "t/d").to("m**3/d", wl.units.WATER).magnitude == 5.0
assert (paving.tyres_for_area(Q_(1, "m**2")) + before).units == wl.ureg.tyre
assert water.treatment_rate(Q_(5, "t/d"), Q_(10, "m**3/d")).magnitude == 50.0
try:
    paving.tyres_for_area(new.Quantity(1, "m**2"))
except wl.errors.UnitsError as err:
    assert "set_application_registry() was called after wasteless was imported" in str(err)
else:
    raise AssertionError("a Quantity of the new registry was accepted")
"""


@pytest.mark.slow  # an interpreter start-up
def test_12_set_application_registry_after_import_keeps_wasteless_whole():
    subprocess.run([sys.executable, "-c", _REPLACED_REGISTRY], check=True)


def test_12_html_reprs_escape_every_string():
    from wasteless import article, presets

    hostile = presets.LITERATURE.derive("<script>alert(1)</script>", layer_thickness=Q_(50, "mm"))
    html = article.reproduce(hostile)._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    verdict = article.reproduce()["tyres"]
    assert "<script>" not in verdict._repr_html_()
