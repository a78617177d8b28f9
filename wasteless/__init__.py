"""wasteless: unit-aware "waste-free city" (无废城市) environmental accounting.

Compute, check and explain the figures of a city report (tyres paved into roads,
CO₂ avoided, PM2.5 declines, water ratios) with units, sources and ranges.

>>> import wasteless as wl
>>> wl.paving.tyres_for_area(wl.Q_(2.0e6, "m**2"), wl.presets.ETOWN_2019.paving)
<Quantity(2730000.0..., 'tyre')>
"""

__version__ = "0.1.0"

import importlib
from typing import TYPE_CHECKING, Any

# The units layer first: importing it extends pint's application registry (at once if
# pint has built it, else right after pint builds it, on first use by anyone).
from wasteless import errors, units
from wasteless.units import ureg

# The other modules are imported on first access (``wl.air``, ``from wasteless import
# air``), the way SciPy loads its subpackages: together they cost ~65 ms, and any of
# them builds pint's registry (~100 ms), which ``import wasteless`` alone does not.
__all__ = [
    "Q_",
    "__version__",
    "air",
    "aqi",
    "article",
    "carbon",
    "change",
    "claims",
    "climate",
    "datasets",
    "errors",
    "factors",
    "io",
    "judgement",
    "paving",
    "presets",
    "standards",
    "testing",
    "uncertainty",
    "units",
    "ureg",
    "waste",
    "water",
    "zh",
]

_SUBMODULES = frozenset(__all__) - {"Q_", "__version__", "errors", "units", "ureg"}

if TYPE_CHECKING:
    from wasteless import (
        air,
        aqi,
        article,
        carbon,
        change,
        claims,
        climate,
        datasets,
        factors,
        io,
        judgement,
        paving,
        presets,
        standards,
        testing,
        uncertainty,
        waste,
        water,
        zh,
    )
    from wasteless.units import Q_


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"wasteless.{name}")
    if name == "Q_":
        globals()["Q_"] = quantity = units.Q_  # builds (and extends) the registry
        return quantity
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _SUBMODULES | {"Q_"})
