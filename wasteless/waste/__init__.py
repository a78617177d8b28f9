"""Waste accounting: coverage ratios, the waste-free-city (无废城市) targets and scorecard.

The package gathers the waste side of the library, one module per topic:

* :mod:`wasteless.waste.targets`: coverage ratios, indicators with targets, progress and
  the scorecard (0.2's ``wasteless.waste``, whose names all stay here).

Examples
--------
>>> from wasteless import Q_, waste
>>> waste.coverage(32, 32)
<Quantity(100.0, 'percent')>
"""

from typing import Any

from wasteless.waste import targets as _targets
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
    "TARGET_RELATIONS",
    "Indicator",
    "Progress",
    "Target",
    "coverage",
    "etown_targets",
    "indicators",
    "progress",
    "scorecard",
]


def __getattr__(name: str) -> Any:
    if name == "RELATIONS":  # deprecated: the module's own __getattr__ warns
        return _targets.RELATIONS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
