"""Waste accounting: coverage ratios, the waste-free-city (无废城市) targets and scorecard.

The package gathers the waste side of the library, one module per topic:

* :mod:`wasteless.waste.targets`: coverage ratios, indicators with targets, progress and
  the scorecard (0.2's ``wasteless.waste``, whose names all stay here).
* :mod:`wasteless.waste.indicator_system`: the 2019 无废城市 indicator system (25 of its 59
  indicators sourced, 10 formulas as data), computed from a city's flows and fed to the
  scorecard.
* :mod:`wasteless.waste.streams`: waste streams, mass by year × fraction × route (stream,
  generation, Stream.move / with_routes / to_route), the stream of a What a Waste city
  (stream_for_city) and the IPCC default composition of Eastern Asia and China.
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
from wasteless.waste.streams import (
    COMPOSITION_REGIONS,
    DEFAULT_TOLERANCE,
    UNROUTED_COLUMNS,
    Stream,
    composition_factors,
    generation,
    regional_composition,
    stream,
    stream_for_city,
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
    "COMPOSITION_REGIONS",
    "DEFAULT_TOLERANCE",
    "FORMULA_KINDS",
    "TARGET_RELATIONS",
    "UNROUTED_COLUMNS",
    "Formula",
    "Indicator",
    "IndicatorSystem",
    "LandfillMethane",
    "LandfillParams",
    "Progress",
    "Stream",
    "SystemIndicator",
    "Target",
    "Term",
    "committed_methane",
    "composition_factors",
    "compute_indicators",
    "coverage",
    "etown_targets",
    "generation",
    "indicator_system",
    "indicator_values",
    "indicators",
    "landfill",
    "landfill_factors",
    "landfill_methane",
    "landfill_params",
    "progress",
    "regional_composition",
    "scorecard",
    "stream",
    "stream_for_city",
    "system_indicator",
]


def __getattr__(name: str) -> Any:
    if name == "RELATIONS":  # deprecated: the module's own __getattr__ warns
        return _targets.RELATIONS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
