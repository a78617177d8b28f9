"""The names of waste accounting: fractions, routes, landfill site types, climate zones.

One vocabulary for every waste module (streams, landfill, biological treatment,
incineration, scenarios) and for the data files, so that a fraction or a route is
spelled one way everywhere. Each name has its Chinese and English label; the fractions
are the waste types of the IPCC 2006 Guidelines, Vol. 5, Ch. 2, Table 2.4 (rubber and
leather together, as the table has them), and the What a Waste 2.0 composition columns
map onto them (see :mod:`wasteless.io.what_a_waste`).

Examples
--------
>>> FRACTIONS[:3]
('food', 'garden', 'paper')
>>> FRACTION_NAMES["food"]
('厨余垃圾', 'food waste')
>>> check_fraction_name("plastic")
Traceback (most recent call last):
...
wasteless.errors.NotFoundError: fraction must be one of 'food', ... (did you mean 'plastics'?)
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from wasteless.errors import NotFoundError

__all__ = [
    "CLIMATE_ZONES",
    "FRACTIONS",
    "FRACTION_NAMES",
    "ROUTES",
    "ROUTE_NAMES",
    "SITE_TYPES",
    "check_fraction_name",
    "check_name",
]

FRACTION_NAMES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "food": ("厨余垃圾", "food waste"),
        "garden": ("园林绿化垃圾", "garden and park waste"),
        "paper": ("纸类", "paper and cardboard"),
        "wood": ("木竹", "wood"),
        "textiles": ("纺织物", "textiles"),
        "nappies": ("纸尿裤", "nappies (disposable diapers)"),
        "rubber_leather": ("橡胶皮革", "rubber and leather"),
        "plastics": ("塑料", "plastics"),
        "metal": ("金属", "metal"),
        "glass": ("玻璃", "glass"),
        "other": ("其他", "other, inert"),
    }
)
"""Waste fractions (IPCC 2006 Vol. 5 Table 2.4 waste types): name -> (Chinese, English)."""

FRACTIONS: tuple[str, ...] = tuple(FRACTION_NAMES)
"""The fraction names, in the order tables use them."""

SITE_TYPES: tuple[str, ...] = (
    "managed_anaerobic",
    "managed_semi_aerobic",
    "unmanaged_deep",
    "unmanaged_shallow",
    "uncategorised",
)
"""Solid waste disposal site types of IPCC 2006 Vol. 5 Ch. 3, Table 3.1 (their MCF differ).

``unmanaged_deep`` is a site at least 5 m deep and/or with a high water table.
"""

ROUTE_NAMES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        **{
            f"landfill_{site}": ("填埋", f"landfill ({site.replace('_', ' ')})")
            for site in SITE_TYPES
        },
        "incineration": ("焚烧", "incineration"),
        "open_burning": ("露天焚烧", "open burning"),
        "composting": ("堆肥", "composting"),
        "anaerobic_digestion": ("厌氧消化", "anaerobic digestion"),
        "recycling": ("回收利用", "recycling"),
    }
)
"""Where waste goes: name -> (Chinese, English). Landfill routes carry their site type."""

ROUTES: tuple[str, ...] = tuple(ROUTE_NAMES)
"""The route names."""

CLIMATE_ZONES: tuple[str, ...] = (
    "boreal_temperate_dry",
    "boreal_temperate_wet",
    "tropical_dry",
    "tropical_wet",
)
"""Climate zones of IPCC 2006 Vol. 5 Ch. 3, Table 3.3 (the decay rate k depends on them).

Boreal and temperate: mean annual temperature <= 20 °C, dry when annual precipitation /
potential evapotranspiration < 1; tropical: > 20 °C, dry below 1000 mm of annual
precipitation (``tropical_wet`` is the table's "moist and wet").
"""


def check_name(value: Any, name: str, allowed: tuple[str, ...]) -> str:
    """``value`` if it is one of ``allowed``, else a NotFoundError with the closest names.

    Examples
    --------
    >>> check_name("tropical_wet", "climate", CLIMATE_ZONES)
    'tropical_wet'
    """
    if isinstance(value, str) and value in allowed:
        return value
    shown = ", ".join(repr(a) for a in allowed)
    close = difflib.get_close_matches(str(value), allowed, n=2) if isinstance(value, str) else []
    hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
    raise NotFoundError(f"{name} must be one of {shown}; got {value!r}{hint}")


def check_fraction_name(value: Any, name: str = "fraction") -> str:
    """A fraction name (see :data:`FRACTIONS`), else a NotFoundError naming the closest.

    Examples
    --------
    >>> check_fraction_name("food")
    'food'
    """
    return check_name(value, name, FRACTIONS)
