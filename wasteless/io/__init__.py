"""Readers of data sources, one module per source.

* :mod:`wasteless.io.cnemc`: the national air-quality network's daily files
  (:func:`read_cnemc`) and its station list (:func:`read_sites`).

Examples
--------
>>> from wasteless import io
>>> frame = io.read_cnemc(io.sample_files(), stations=["1001A"], pollutants=["PM2.5"])
>>> sorted(frame.columns)
['pollutant', 'station', 'time', 'value']
"""

from wasteless.io.cnemc import (
    HOURLY_POLLUTANTS,
    ROW_TYPES,
    UNITS,
    SyntheticArchive,
    TruncatedRowWarning,
    read_cnemc,
    read_sites,
    sample_files,
    sample_sites,
    synthetic_archive,
)
from wasteless.io.what_a_waste import read_what_a_waste

__all__ = [
    "HOURLY_POLLUTANTS",
    "ROW_TYPES",
    "UNITS",
    "SyntheticArchive",
    "TruncatedRowWarning",
    "read_cnemc",
    "read_sites",
    "read_what_a_waste",
    "sample_files",
    "sample_sites",
    "synthetic_archive",
]
