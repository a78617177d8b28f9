"""The pollutant and averaging-period names shared by the AQI and the limit values.

One vocabulary for :mod:`wasteless.air.aqi` and :mod:`wasteless.air.standards`: the six
pollutants of GB 3095 / HJ 633 and the averaging periods of their statistics, each with
the spellings users write (``"pm25"``, ``"PM 2.5"``, ``"daily"``, ``"24-h"``).

Examples
--------
>>> pollutant_name("pm25"), averaging_name("daily")
('PM2.5', '24h')
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from wasteless.errors import InputError

__all__ = ["AVERAGINGS", "POLLUTANTS", "averaging_name", "pollutant_name"]

POLLUTANTS: tuple[str, ...] = ("SO2", "NO2", "PM10", "CO", "O3", "PM2.5")
"""The six pollutants of GB 3095 and HJ 633, in the order of their tables."""

AVERAGINGS: tuple[str, ...] = ("1h", "8h", "24h", "annual")
"""Averaging periods: 1-hour, 8-hour (O3: daily maximum 8-hour moving mean), 24-hour, annual."""

_AVERAGING_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "1h": "1h",
        "1-h": "1h",
        "hour": "1h",
        "hourly": "1h",
        "8h": "8h",
        "8-h": "8h",
        "24h": "24h",
        "24-h": "24h",
        "daily": "24h",
        "day": "24h",
        "annual": "annual",
        "year": "annual",
        "yearly": "annual",
    }
)


def pollutant_name(
    pollutant: Any, allowed: tuple[str, ...] = POLLUTANTS, argument: str = "pollutant"
) -> str:
    """The canonical name of a pollutant: case, spaces and ``_`` for ``.`` ignored.

    Raises
    ------
    InputError
        If the name is not one of ``allowed`` (the message lists them).

    Examples
    --------
    >>> pollutant_name(" o3 ")
    'O3'
    """
    if isinstance(pollutant, str):
        folded = "".join(pollutant.split()).upper().replace("_", ".")
        folded = {"PM25": "PM2.5"}.get(folded, folded)
        for name in allowed:
            if name.upper() == folded:
                return name
    shown = ", ".join(repr(p) for p in allowed)
    raise InputError(f"{argument} must be one of {shown} (any case); got {pollutant!r}")


def averaging_name(
    averaging: Any, allowed: tuple[str, ...] = AVERAGINGS, argument: str = "averaging"
) -> str:
    """The canonical name of an averaging period (``"1h"``, ``"8h"``, ``"24h"``, ``"annual"``).

    Raises
    ------
    InputError
        If the period is unknown or not one of ``allowed``.

    Examples
    --------
    >>> averaging_name("Daily")
    '24h'
    """
    name = (
        _AVERAGING_ALIASES.get("".join(averaging.split()).casefold())
        if isinstance(averaging, str)
        else None
    )
    if name is None or name not in allowed:
        shown = ", ".join(repr(a) for a in allowed)
        raise InputError(f"{argument} must be one of {shown}; got {averaging!r}")
    return name
