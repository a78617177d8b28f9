"""wasteless: unit-aware "waste-free city" (无废城市) environmental accounting.

Compute, check and explain the figures of a city report (tyres paved into roads,
CO₂ avoided, PM2.5 declines, water ratios) with units, sources and ranges.

>>> import wasteless as wl
>>> wl.paving.tyres_for_area(wl.Q_(2.0e6, "m**2"), wl.presets.ETOWN_2019.paving)
<Quantity(2730000.0..., 'tyre')>
"""

__version__ = "0.1.0"

# The units layer first: importing it extends pint's application registry.
from wasteless import errors, units  # noqa: I001
from wasteless import judgement, change
from wasteless import factors, presets
from wasteless import air, aqi, standards
from wasteless import datasets, waste, water
from wasteless import claims, zh
from wasteless import article, carbon, paving
from wasteless import uncertainty
from wasteless.units import Q_, ureg

__all__ = [
    "Q_",
    "__version__",
    "air",
    "aqi",
    "article",
    "carbon",
    "change",
    "claims",
    "datasets",
    "errors",
    "factors",
    "judgement",
    "paving",
    "presets",
    "standards",
    "uncertainty",
    "units",
    "ureg",
    "waste",
    "water",
    "zh",
]
