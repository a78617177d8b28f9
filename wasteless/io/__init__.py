"""Readers of data sources, one module per source.

* :mod:`wasteless.io.cnemc`: the national air-quality network's daily files
  (:func:`read_cnemc`; :func:`read_cnemc_daily_statistics`, the station daily statistics
  read a day at a time, in bounded memory);
* :mod:`wasteless.io.sites`: the network's station list (:func:`read_sites`);
* :mod:`wasteless.io.dust`: a table of dust-affected city-days (:func:`read_dust_days`);
* :mod:`wasteless.io.what_a_waste`: the World Bank What a Waste 2.0 city table
  (:func:`read_what_a_waste`).

The shipped extract of the network's files moved to :mod:`wasteless.datasets`
(``sample_files``, ``sample_sites``) and the generator of synthetic archives to
:mod:`wasteless.testing` (``synthetic_archive``, ``SyntheticArchive``) in 0.3; they are
still reachable here under their old names.

Examples
--------
>>> from wasteless import datasets, io
>>> frame = io.read_cnemc(datasets.sample_files(), stations=["1001A"], pollutants=["PM2.5"])
>>> sorted(frame.columns)
['pollutant', 'station', 'time', 'unit', 'value']
"""

import importlib
from typing import TYPE_CHECKING, Any

from wasteless.io.cnemc import (
    HOURLY_POLLUTANTS,
    ROW_TYPES,
    UNITS,
    MisnamedFileWarning,
    TruncatedRowWarning,
    read_cnemc,
    read_cnemc_daily_statistics,
)
from wasteless.io.dust import read_dust_days
from wasteless.io.sites import read_sites
from wasteless.io.what_a_waste import read_what_a_waste

if TYPE_CHECKING:
    from wasteless.datasets import sample_files, sample_sites
    from wasteless.testing import SyntheticArchive, synthetic_archive

__all__ = [
    "HOURLY_POLLUTANTS",
    "ROW_TYPES",
    "UNITS",
    "MisnamedFileWarning",
    "SyntheticArchive",
    "TruncatedRowWarning",
    "read_cnemc",
    "read_cnemc_daily_statistics",
    "read_dust_days",
    "read_sites",
    "read_what_a_waste",
    "sample_files",
    "sample_sites",
    "synthetic_archive",
]

# Names that moved out of io in 0.3, and their modules: looked up on first use, because
# wasteless.testing imports the reader (an import here would be circular).
_MOVED = {
    "sample_files": "wasteless.datasets",
    "sample_sites": "wasteless.datasets",
    "synthetic_archive": "wasteless.testing",
    "SyntheticArchive": "wasteless.testing",
}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MOVED))
