"""The one set of argument checks: flags, numbers, text, choices, years, names, columns.

Every module checks its plain (non-dimensional) options here, so that one kind of option
gets one rule and one wording of its error: an :class:`~wasteless.errors.InputError`
that names the argument, the value and what is allowed. Dimensional arguments go
through :func:`wasteless.units.unit_function` instead.

Examples
--------
>>> check_choice("csv", "format", ("text", "csv", "json"))
'csv'
>>> check_choice("xml", "format", ("text", "csv", "json"))
Traceback (most recent call last):
...
wasteless.errors.InputError: format must be one of 'text', 'csv', 'json'; got 'xml'
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

import numpy as np

from wasteless.errors import InputError

__all__ = [
    "check_choice",
    "check_columns",
    "check_flag",
    "check_fraction",
    "check_names",
    "check_real",
    "check_text",
    "check_whole",
    "check_year",
]


def check_flag(value: Any, name: str) -> bool:
    """A yes/no option as a bool: True or False (NumPy's too); anything else is refused.

    ``cap="False"`` would otherwise be true, so a string, a number or None is an
    :class:`~wasteless.errors.InputError` naming the argument.

    Examples
    --------
    >>> check_flag(np.True_, "cap")
    True
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise InputError(f"{name} must be True or False; got {value!r}")


def check_whole(value: Any, name: str, low: int, high: int) -> int:
    """A whole-number option in [low, high] as an int (NumPy integers too; not bools).

    Examples
    --------
    >>> check_whole(np.int64(20), "min_hours", 1, 24)
    20
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise InputError(f"{name} must be a whole number in [{low}, {high}]; got {value!r}")
    if not low <= int(value) <= high:
        raise InputError(f"{name} must be a whole number in [{low}, {high}]; got {value!r}")
    return int(value)


def check_year(value: Any, name: str = "year") -> int:
    """A calendar year as an int (1900-2200).

    Examples
    --------
    >>> check_year(2019)
    2019
    """
    return check_whole(value, name, 1900, 2200)


def check_text(value: Any, name: str, optional: bool = False) -> Any:
    """A text option (a name, a quote, a reason): a str (or None when ``optional``).

    Examples
    --------
    >>> check_text("超270万条", "quote")
    '超270万条'
    """
    if optional and value is None:
        return value
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no file, table or terminal takes it
            raise InputError(f"{name} must be text that UTF-8 can encode; got {value!r}") from None
        return value
    raise InputError(f"{name} must be a str; got {value!r}")


def check_real(
    value: Any,
    name: str,
    low: float = -math.inf,
    high: float = math.inf,
    *,
    open_low: bool = False,
) -> float:
    """A real-number option in [low, high] (``(low, high]`` with ``open_low``) as a float.

    NumPy numbers are accepted; bools, strings, complex numbers, NaN and infinities
    are refused.

    Examples
    --------
    >>> check_real(np.float32(0.5), "half", 0.0)
    0.5
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise InputError(f"{name} must be a real number; got {value!r}")
    number = float(value)
    if not math.isfinite(number) or number < low or number > high or (open_low and number == low):
        bounds = f"{'(' if open_low else '['}{low:g}, {high:g}]"
        raise InputError(f"{name} must be a finite number in {bounds}; got {value!r}")
    return number


def check_fraction(value: Any, name: str) -> float:
    """A plain fraction option in [0, 1] as a float (for ratios with units, see ``units``).

    Examples
    --------
    >>> check_fraction(0.25, "missing")
    0.25
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise InputError(f"{name} must be a fraction in [0, 1]; got {value!r}")
    number = float(value)
    if not 0.0 <= number <= 1.0:  # NaN fails this too
        raise InputError(f"{name} must be a fraction in [0, 1]; got {value!r}")
    return number


def check_choice(value: Any, name: str, allowed: Iterable[str]) -> str:
    """One of a fixed set of names, else an error listing them.

    Examples
    --------
    >>> check_choice("daily", "report", ("daily", "realtime"))
    'daily'
    """
    allowed = tuple(allowed)
    if not isinstance(value, str) or value not in allowed:
        shown = ", ".join(repr(a) for a in allowed)
        raise InputError(f"{name} must be one of {shown}; got {value!r}")
    return value


def check_names(values: Any, name: str) -> list[str]:
    """A sequence of names (not one string).

    Examples
    --------
    >>> check_names(("北京市", "上海市"), "cities")
    ['北京市', '上海市']
    """
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise InputError(f"{name} must be a list of names; got {values!r}")
    if not all(isinstance(v, str) for v in values):
        raise InputError(f"{name} must hold names (strings); got {list(values)!r}")
    return list(values)


def check_columns(
    columns: Iterable[Hashable], required: Iterable[str], message: Callable[[list[str]], str]
) -> None:
    """Refuse a table without every ``required`` column; ``message(missing)`` says why.

    The caller words the error (which table, what it needs, where it came from); the
    missing names are listed in the order of ``required``.

    Examples
    --------
    >>> check_columns(["city", "pm25"], ("city", "date"), lambda m: f"no column(s) {m}")
    Traceback (most recent call last):
    ...
    wasteless.errors.InputError: no column(s) ['date']
    """
    present = set(columns)
    missing = [column for column in required if column not in present]
    if missing:
        raise InputError(message(missing))
