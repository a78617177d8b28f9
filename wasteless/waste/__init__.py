"""Waste accounting: coverage ratios, the waste-free-city (无废城市) targets and scorecard.

The package gathers the waste side of the library, one module per topic:

* :mod:`wasteless.waste.targets`: coverage ratios, indicators with targets, progress and
  the scorecard (0.2's ``wasteless.waste``, whose names all stay here).
* :mod:`wasteless.waste.indicator_system`: the 2019 无废城市 indicator system (25 of its 59
  indicators sourced, 10 formulas as data), computed from a city's flows and fed to the
  scorecard.
* :mod:`wasteless.waste.landfill`: landfill methane by the IPCC 2006 first-order decay
  model (inventory and committed views), vectorised over years, fractions and draws.
* :mod:`wasteless.waste.fractions`: the names of waste accounting (fractions, routes,
  landfill site types, climate zones).

Examples
--------
>>> from wasteless import Q_, waste
>>> waste.coverage(32, 32)
<Quantity(100.0, 'percent')>
"""

from typing import Any

from wasteless.waste import landfill
from wasteless.waste import targets as _targets
from wasteless.waste.indicator_system import (
    FORMULA_KINDS,
    Formula,
    IndicatorSystem,
    SystemIndicator,
    Term,
    compute_indicators,
    indicator_system,
    indicator_values,
    system_indicator,
)
from wasteless.waste.landfill import (
    LandfillMethane,
    LandfillParams,
    committed_methane,
    landfill_factors,
    landfill_methane,
    landfill_params,
)
from wasteless.waste.targets import (
    TARGET_RELATIONS,
    Indicator,
    Progress,
    Target,
    coverage,
    etown_targets,
    indicators,
    progress,
    scorecard,
)

__all__ = [
    "FORMULA_KINDS",
    "TARGET_RELATIONS",
    "Formula",
    "Indicator",
    "IndicatorSystem",
    "LandfillMethane",
    "LandfillParams",
    "Progress",
    "SystemIndicator",
    "Target",
    "Term",
    "committed_methane",
    "compute_indicators",
    "coverage",
    "etown_targets",
    "indicator_system",
    "indicator_values",
    "indicators",
    "landfill",
    "landfill_factors",
    "landfill_methane",
    "landfill_params",
    "progress",
    "scorecard",
    "system_indicator",
]


def __getattr__(name: str) -> Any:
    if name == "RELATIONS":  # deprecated: the module's own __getattr__ warns
        return _targets.RELATIONS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
