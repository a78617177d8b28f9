"""Exceptions raised by wasteless.

Every exception the library raises on purpose derives from :class:`WastelessError`,
so an application can catch the library's own errors in one place. Each also derives
from the built-in exception a Python user would expect (``ValueError`` for a bad
value, ``TypeError`` through :class:`pint.DimensionalityError` for a wrong unit), so
code written against NumPy and pint habits keeps working.

Examples
--------
>>> import wasteless as wl
>>> try:
...     wl.paving.tyres_for_area(wl.Q_(-1, "m**2"))
... except wl.errors.InputError as err:
...     print(err)
area must be >= 0; got -1.0 meter ** 2
"""

from __future__ import annotations

from typing import Any

import pint

__all__ = ["InputError", "MissingUnitsError", "NotFoundError", "UnitsError", "WastelessError"]


class WastelessError(Exception):
    """Root of every exception wasteless raises on purpose."""


class InputError(WastelessError, ValueError):
    """A value is outside what the model allows (negative area, NaN, ratio above 1, ...).

    The message names the argument, the value given and what is allowed.
    """


class NotFoundError(InputError, KeyError):
    """A name that is not known: a factor, a preset, a record looked up by its key.

    Both an :class:`InputError` (a bad value: the message names it and lists the known
    names) and a ``KeyError``, so ``except KeyError`` written against 0.1 keeps working.
    """

    def __str__(self) -> str:
        return Exception.__str__(self)  # the message, not KeyError's repr of it


class UnitsError(WastelessError, pint.DimensionalityError):
    """An argument has units of the wrong dimension.

    A subclass of :class:`pint.DimensionalityError` (itself a ``TypeError``), so code
    that already catches pint's error catches this one too. The message names the
    argument and the unit it expects.

    Parameters
    ----------
    argument
        Name of the offending argument.
    given
        The units (or ``"dimensionless"``) that were given.
    expected
        The unit the argument must be convertible to, e.g. ``"meter ** 2"``.
    given_dim, expected_dim
        The dimensionalities, e.g. ``"[length]"`` and ``"[length] ** 2"``.
    hint
        An extra sentence added to the message.
    """

    def __init__(
        self,
        argument: str,
        given: Any,
        expected: Any,
        given_dim: str = "",
        expected_dim: str = "",
        hint: str = "",
    ) -> None:
        super().__init__(given, expected, given_dim, expected_dim, hint)
        self.argument = argument
        self.hint = hint

    def __str__(self) -> str:
        given_dim = f" {self.dim1}" if self.dim1 else ""
        expected_dim = f"{self.dim2} (e.g. {self.units2!s})" if self.dim2 else f"{self.units2!s}"
        message = (
            f"{self.argument} requires {expected_dim} but was given {self.units1!s}{given_dim}"
        )
        return f"{message}. {self.hint}" if self.hint else message

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            self.__class__,
            (self.argument, self.units1, self.units2, self.dim1, self.dim2, self.hint),
        )


class MissingUnitsError(UnitsError, InputError):
    """A bare number (no units) was given for an argument that has a dimension.

    wasteless never guesses a unit; attach one, e.g. ``wl.Q_(2.0e6, "m**2")``. Both a
    :class:`UnitsError` (the units are wrong) and an :class:`InputError` (a bad input
    value), so either ``except`` catches it.
    """
