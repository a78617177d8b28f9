"""Limit values and compliance: the module of 0.1 and 0.2, split by topic in 0.3.

The limit records (GB 3095-2012, GB 3095-2026, WHO 2021) are in
:mod:`wasteless.air.limits`; judging values against one of them is
:mod:`wasteless.air.compliance`. Every name of this module keeps working here, the same
objects (``wasteless.standards`` is this module too).

Examples
--------
>>> from wasteless import Q_, standards
>>> standards.limit("GB3095-2012-II")
<Quantity(35.0, 'microgram / meter ** 3')>
>>> standards.compliance(Q_(43, "ug/m**3"), "GB3095-2012-II", averaging="annual").margin
<Quantity(8.0, 'microgram / meter ** 3')>
"""

from wasteless.air.compliance import Compliance, compliance
from wasteless.air.limits import (
    AVERAGINGS,
    BY_DATE,
    POLLUTANTS,
    STANDARDS,
    Standard,
    all_limits,
    get,
    in_force,
    limit,
    to_frame,
)

__all__ = [
    "AVERAGINGS",
    "BY_DATE",
    "POLLUTANTS",
    "STANDARDS",
    "Compliance",
    "Standard",
    "all_limits",
    "compliance",
    "get",
    "in_force",
    "limit",
    "to_frame",
]
