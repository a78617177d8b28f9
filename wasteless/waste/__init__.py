"""Waste accounting: coverage ratios, the waste-free-city (无废城市) targets and scorecard.

The package gathers the waste side of the library, one module per topic:

* :mod:`wasteless.waste.targets`: coverage ratios, indicators with targets, progress and
  the scorecard (0.2's ``wasteless.waste``, whose names all stay here).
* :mod:`wasteless.waste.wfc_indicators`: the 2019 无废城市 indicator system (25 of its 59
  indicators sourced, 10 formulas as data), computed from a city's flows and fed to the
  scorecard.
* :mod:`wasteless.waste.streams`: waste streams, mass by year × fraction × route (stream,
  generation, Stream.move / with_routes / to_route), the stream of a What a Waste city
  (stream_for_city) and the IPCC default composition of Eastern Asia and China.
* :mod:`wasteless.waste.landfill`: landfill methane by the IPCC 2006 first-order decay
  model (inventory and committed views), vectorised over years, fractions and draws.
* :mod:`wasteless.waste.biological_treatment`: CH₄ and N₂O of composting and anaerobic
  digestion (IPCC 2006 Vol. 5 Ch. 4), :func:`biological`.
* :mod:`wasteless.waste.thermal_treatment`: fossil CO₂ (biogenic CO₂ apart), CH₄ and N₂O
  of incineration and open burning (Ch. 5), :func:`incineration`, :func:`open_burning`.
* :mod:`wasteless.waste.scenarios`: one stream under several treatments side by side,
  per gas and in CO₂e, per year and cumulative, and what each avoids (:func:`compare`).
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
from wasteless.waste.biological_treatment import (
    BIOLOGICAL_PARAMS,
    PROCESSES,
    BiologicalParams,
    biological,
)
from wasteless.waste.landfill import (
    LandfillMethane,
    LandfillParams,
    committed_methane,
    landfill_factors,
    landfill_methane,
    landfill_params,
)
from wasteless.waste.scenarios import (
    VIEWS,
    ScenarioComparison,
    WasteParams,
    compare,
    route_emissions,
    waste_params,
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
from wasteless.waste.thermal_treatment import (
    INCINERATION_PARAMS,
    TECHNOLOGIES,
    IncinerationParams,
    incineration,
    open_burning,
)
from wasteless.waste.wfc_indicators import (
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

__all__ = [
    "BIOLOGICAL_PARAMS",
    "COMPOSITION_REGIONS",
    "DEFAULT_TOLERANCE",
    "FORMULA_KINDS",
    "INCINERATION_PARAMS",
    "PROCESSES",
    "TARGET_RELATIONS",
    "TECHNOLOGIES",
    "UNROUTED_COLUMNS",
    "VIEWS",
    "BiologicalParams",
    "Formula",
    "IncinerationParams",
    "Indicator",
    "IndicatorSystem",
    "LandfillMethane",
    "LandfillParams",
    "Progress",
    "ScenarioComparison",
    "Stream",
    "SystemIndicator",
    "Target",
    "Term",
    "WasteParams",
    "biological",
    "committed_methane",
    "compare",
    "composition_factors",
    "compute_indicators",
    "coverage",
    "etown_targets",
    "generation",
    "incineration",
    "indicator_system",
    "indicator_values",
    "indicators",
    "landfill",
    "landfill_factors",
    "landfill_methane",
    "landfill_params",
    "open_burning",
    "progress",
    "regional_composition",
    "route_emissions",
    "scorecard",
    "stream",
    "stream_for_city",
    "system_indicator",
    "waste_params",
]


def __getattr__(name: str) -> Any:
    if name == "RELATIONS":  # deprecated: the module's own __getattr__ warns
        return _targets.RELATIONS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
