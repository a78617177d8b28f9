"""Air quality: hourly data on a regular grid, validity-aware means, trend, AQI, limits.

One topic per module:

* :mod:`wasteless.air.grid`: the regular hourly grid; long (tidy) and wide tables;
* :mod:`wasteless.air.means`: data-validity rules; daily, monthly and annual means
  and percentiles of daily means;
* :mod:`wasteless.air.trends`: Mann–Kendall test and Sen's slope;
* :mod:`wasteless.air.pollutants`: the pollutant and averaging-period names shared by
  the AQI and the limit values;
* :mod:`wasteless.air.aqi`: the HJ 633 air quality index (also ``wasteless.aqi``);
* :mod:`wasteless.air.limits`: GB 3095 and WHO limit values (the records);
* :mod:`wasteless.air.compliance`: values judged against a limit value (both also
  under their 0.2 name :mod:`wasteless.air.standards`, ``wasteless.standards``);
* :mod:`wasteless.air.tidy`: a network's tidy table (time, station, pollutant, value):
  its columns, units and hour convention, read by one rule on pandas and dask;
* :mod:`wasteless.air.network`: reports over a tidy table (six pollutants): the
  real-time AQI, daily statistics per station (24-hour means, O3 MDA8) and the HJ 663
  annual statistics;
* :mod:`wasteless.air.city`: city (or any group of stations) daily values, daily AQI,
  the annual assessment, the composite index and the ranking (HJ 663);
* :mod:`wasteless.air.groups`: the official city sets (337 cities, 168 key cities), the
  regions of the 2018–2020 plans, the station list's names mapped to them, regional
  averages and dust-affected days.

The functions of the first three are available here directly (``air.annual_means``).
Change metrics that are not about air (``relative_reduction``, ``annualised_change``,
``moving_mean``, ``keeps_falling``) live in :mod:`wasteless.change` and are re-exported
here, where 0.1 had them.

Examples
--------
>>> import pandas as pd
>>> from wasteless import air
>>> hours = pd.date_range("2019-01-01", periods=24, freq="h")
>>> air.daily_means(pd.Series(35.0, index=hours), units="ug/m3")["valid"].tolist()
[True]
"""

from wasteless.air import grid, means, pollutants, tidy, trends  # noqa: I001
from wasteless.air import aqi, compliance, limits, standards
from wasteless.air import city, network
from wasteless.air import groups
from wasteless.air.grid import to_wide
from wasteless.air.means import (
    GB3095_2012,
    VALIDITY_RULES,
    ValidityRules,
    annual_means,
    daily_means,
    monthly_means,
    percentile_of_daily,
)
from wasteless.air.trends import MAX_TREND_POINTS, TrendResult, trend
from wasteless.change import annualised_change, keeps_falling, moving_mean, relative_reduction

__all__ = [
    "GB3095_2012",
    "MAX_TREND_POINTS",
    "VALIDITY_RULES",
    "TrendResult",
    "ValidityRules",
    "annual_means",
    "annualised_change",
    "aqi",
    "city",
    "compliance",
    "daily_means",
    "grid",
    "groups",
    "keeps_falling",
    "limits",
    "means",
    "monthly_means",
    "moving_mean",
    "network",
    "percentile_of_daily",
    "pollutants",
    "relative_reduction",
    "standards",
    "tidy",
    "to_wide",
    "trend",
    "trends",
]
