"""Trend of annual or monthly means: the Mann–Kendall test with Sen's slope.

Examples
--------
>>> import pandas as pd
>>> from wasteless import air
>>> result = air.trend(pd.Series([60.0, 55.0, 57.0, 50.0, 45.0], index=range(2015, 2020)),
...                    units="ug/m3")
>>> round(result.tau, 2)
-0.8
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from wasteless.change import annual_series
from wasteless.errors import InputError
from wasteless.units import ANY, Q_, FloatArray, Measured, unit_function, ureg

__all__ = ["MAX_TREND_POINTS", "TrendResult", "trend"]

MAX_TREND_POINTS = 1200
"""Most values :func:`trend` takes: 100 years of monthly means.

Sen's slope looks at every pair of values (n²/2 pairs: 35,064 hourly values would need
about 600 million, over 10 GB); a trend of air quality is a trend of annual or monthly
means, so longer input is refused with a message to aggregate first.
"""

_SHORTEST_STEP_DAYS = 27.0  # monthly means are the finest data a trend takes


def _table_column(data: Any) -> str | None:
    if isinstance(data, pd.DataFrame) and {"mean", "valid"} <= set(data.columns):
        return "mean"
    return None


@dataclass(frozen=True)
class TrendResult:
    """Mann–Kendall test and Sen's slope.

    Attributes
    ----------
    slope, slope_low, slope_high
        Sen's slope and its confidence interval [concentration / year].
    intercept
        Intercept of the Sen line at year 0 [concentration].
    tau
        Kendall's tau-b.
    p_value
        Two-sided p-value of the Mann–Kendall test.
    n
        Number of values used.
    confidence
        Confidence level of the slope interval.
    """

    slope: Any
    slope_low: Any
    slope_high: Any
    intercept: Any
    tau: float
    p_value: float
    n: int
    confidence: float

    @property
    def significant(self) -> bool:
        """Whether the p-value is below ``1 - confidence``."""
        return self.p_value < 1.0 - self.confidence


@unit_function(
    None,
    values=ANY,
    allow_nan=("values",),
    units_argument="units",
    default_column=_table_column,
)
def trend(values: Any, units: str | None = None, confidence: float = 0.95) -> TrendResult:
    """Mann–Kendall trend test with Sen's slope, for annual or monthly means.

    The Mann–Kendall statistic is Kendall's tau between time and value: scipy's
    :func:`scipy.stats.kendalltau` (tau-b), whose variance includes the correction for
    tied values and whose p-value is exact for small samples without ties and
    otherwise from the normal approximation (``method="auto"``). Sen's slope is the
    median of pairwise slopes, :func:`scipy.stats.theilslopes`, with its confidence
    interval. No correction for serial correlation or seasonality is applied: for
    monthly data with a strong seasonal cycle, test annual means (or deseasonalise).
    The slope interval comes from the normal approximation of Kendall's statistic:
    for fewer than about 10 values it is not a reliable 95 % interval (with 3 values
    it is simply the range of the pairwise slopes); judge significance by
    ``p_value``. The ``intercept`` is the line's value at year 0, so the fitted value
    in year ``t`` is ``intercept + slope * t``.

    Parameters
    ----------
    values : pandas.Series or pandas.DataFrame
        Annual means indexed by year, monthly means indexed by a DatetimeIndex (time
        in decimal years), or an :func:`annual_means` / :func:`monthly_means` result
        for one station. NaN values (and invalid periods) are left out.
    units : str, optional
        Units of plain-float input.
    confidence : float, optional
        Confidence level of the slope interval; default 0.95.

    Returns
    -------
    TrendResult

    Raises
    ------
    wasteless.errors.InputError
        If fewer than three values remain or ``confidence`` is not in (0, 1).

    Examples
    --------
    >>> import pandas as pd
    >>> annual = pd.Series([60.0, 55.0, 57.0, 50.0, 45.0], index=range(2015, 2020))  # made up
    >>> result = trend(annual, units="ug/m3")
    >>> result.slope, round(result.tau, 2), round(result.p_value, 3)
    (<Quantity(-3.541..., 'microgram / meter ** 3 / year')>, -0.8, 0.083)
    """
    from scipy import stats

    if isinstance(confidence, (bool, np.bool_)) or not 0.0 < confidence < 1.0:
        raise InputError(f"confidence must be in (0, 1); got {confidence!r}")
    measured: Measured = values
    target = measured.units
    if measured.kind == "series" and isinstance(measured.index, pd.DatetimeIndex):
        series = _monthly_series(measured)
        time = _decimal_years(pd.DatetimeIndex(series.index))
    else:
        series = annual_series(measured, "values")
        time = series.index.to_numpy(dtype=np.float64)
    y = series.to_numpy(dtype=np.float64)
    keep = ~np.isnan(y)
    if np.isinf(y[keep]).any():
        raise InputError("values must be finite (NaN for gaps)")
    t, y = np.asarray(time, dtype=np.float64)[keep], y[keep]
    if y.size < 3:
        raise InputError(f"trend needs at least three values; got {y.size}")
    if y.size > MAX_TREND_POINTS:
        raise InputError(
            f"trend takes at most {MAX_TREND_POINTS} values (annual or monthly means); got "
            f"{y.size}: aggregate first, e.g. wasteless.air.annual_means or monthly_means"
        )
    tau_result = stats.kendalltau(t, y, variant="b", method="auto")
    slope, intercept, low, high = stats.theilslopes(y, t, alpha=confidence)
    per_year = target / ureg.year
    return TrendResult(
        slope=Q_(float(slope), per_year),
        slope_low=Q_(float(low), per_year),
        slope_high=Q_(float(high), per_year),
        intercept=Q_(float(intercept), target),
        tau=float(tau_result.statistic),
        p_value=float(tau_result.pvalue),
        n=int(y.size),
        confidence=confidence,
    )


def _monthly_series(measured: Measured) -> pd.Series:
    """Monthly (or coarser) means by date; invalid periods of a table become NaN."""
    index = pd.DatetimeIndex(measured.index)
    if index.hasnans:
        raise InputError("values has missing dates (NaT)")
    if index.tz is not None:
        index = index.tz_localize(None)
    series = pd.Series(measured.values, index=index)
    if isinstance(measured.source, pd.DataFrame):
        series[~measured.source["valid"].to_numpy(dtype=bool)] = np.nan
    series = series.sort_index()
    if len(series) > 1:
        step = np.diff(pd.DatetimeIndex(series.index).as_unit("ns").asi8).min() / 86_400e9
        if step < _SHORTEST_STEP_DAYS:
            raise InputError(
                f"values look sub-monthly (two dates {step:g} days apart): a trend takes "
                "annual or monthly means; aggregate first, e.g. wasteless.air.monthly_means"
            )
    return series


def _decimal_years(index: pd.DatetimeIndex) -> FloatArray:
    start = pd.to_datetime(index.year.astype(str), format="%Y")
    length = np.where(index.is_leap_year, 366.0, 365.0)
    elapsed = (index - start) / pd.Timedelta(days=1)
    return np.asarray(index.year + elapsed / length, dtype=np.float64)
