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
    p_value_method
        How ``p_value`` was computed: ``"exact"`` (no ties, at most 33 values),
        ``"normal, continuity-corrected"`` or ``"normal"`` (see :func:`trend`).
    """

    slope: Any
    slope_low: Any
    slope_high: Any
    intercept: Any
    tau: float
    p_value: float
    n: int
    confidence: float
    p_value_method: str = ""

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
def trend(
    values: Any,
    units: str | None = None,
    confidence: float = 0.95,
    *,
    continuity_correction: bool = True,
) -> TrendResult:
    r"""Mann–Kendall trend test with Sen's slope, for annual or monthly means.

    The Mann–Kendall statistic :math:`S` is the number of increasing minus the number
    of decreasing pairs of values in time order; ``tau`` is Kendall's tau-b between
    time and value (:func:`scipy.stats.kendalltau`). The two-sided p-value is exact
    for at most 33 values without ties (scipy's exact distribution of :math:`S`);
    otherwise it comes from the normal approximation,

    .. math::

        z = \frac{S - \operatorname{sgn}(S)}{\sigma_S}, \qquad
        \sigma_S^2 = \frac{n(n-1)(2n+5) - \sum_t t(t-1)(2t+5)}{18}

    with the sum over groups of :math:`t` tied values (Kendall 1975; Gilbert 1987,
    eq. 16.4-16.5; Hirsch et al. 1982). The :math:`-\operatorname{sgn}(S)` is the
    continuity correction: :math:`S` moves in steps of 2, and the correction makes the
    normal tail match the exact one. It is the default because without it small
    tied samples come out too significant: for the values 2, 1, 2, 2, 4, 3, 5, 3
    (2015–2022) the exact permutation p-value is 0.0506, the corrected approximation
    0.054 and the uncorrected one 0.040 (``tests/test_air_trends.py``). pymannkendall
    and R's ``trend::mk.test`` apply it too; ``continuity_correction=False`` gives
    scipy's uncorrected asymptotic p-value (wasteless 0.1 and 0.2's default).

    Sen's slope is the median of pairwise slopes, :func:`scipy.stats.theilslopes`,
    with its confidence interval. No correction for serial correlation or seasonality
    is applied: for monthly data with a strong seasonal cycle, test annual means (or
    deseasonalise). The slope interval comes from the normal approximation of
    Kendall's statistic: for fewer than about 10 values it is not a reliable 95 %
    interval (with 3 values it is simply the range of the pairwise slopes); judge
    significance by ``p_value``. The ``intercept`` is the line's value at year 0, so
    the fitted value in year ``t`` is ``intercept + slope * t``.

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
    continuity_correction : bool, optional
        Apply the continuity correction to the normal approximation (default True);
        the exact p-value (no ties, n <= 33) does not need it.

    Returns
    -------
    TrendResult
        Slope and interval [units / year], intercept [units], ``tau``, ``p_value``,
        ``p_value_method``, ``n``.

    Raises
    ------
    wasteless.errors.InputError
        If fewer than three values remain, ``confidence`` is not in (0, 1) or
        ``continuity_correction`` is not a bool.

    References
    ----------
    Gilbert, R.O. (1987), *Statistical Methods for Environmental Pollution
    Monitoring*, ch. 16. Hirsch, R.M., Slack, J.R., Smith, R.A. (1982), Techniques of
    trend analysis for monthly water quality data, *Water Resour. Res.* 18(1).

    Examples
    --------
    >>> import pandas as pd
    >>> annual = pd.Series([60.0, 55.0, 57.0, 50.0, 45.0], index=range(2015, 2020))  # made up
    >>> result = trend(annual, units="ug/m3")
    >>> result.slope, round(result.tau, 2), round(result.p_value, 3), result.p_value_method
    (<Quantity(-3.541..., 'microgram / meter ** 3 / year')>, -0.8, 0.083, 'exact')
    >>> tied = pd.Series([2.0, 1, 2, 2, 4, 3, 5, 3], index=range(2015, 2023))
    >>> round(trend(tied, units="ug/m3").p_value, 3)
    0.054
    >>> round(trend(tied, units="ug/m3", continuity_correction=False).p_value, 3)
    0.04
    """
    from scipy import stats

    if (
        isinstance(confidence, (bool, np.bool_))
        or not isinstance(confidence, (int, float, np.integer, np.floating))
        or not 0.0 < float(confidence) < 1.0
    ):
        raise InputError(f"confidence must be in (0, 1); got {confidence!r}")
    if not isinstance(continuity_correction, (bool, np.bool_)):
        raise InputError(
            f"continuity_correction must be True or False; got {continuity_correction!r}"
        )
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
    spread = float(np.max(y) - np.min(y))
    if not spread > 0.0:
        raise InputError("values are all equal: a trend test needs values that vary")
    if not np.isfinite(spread) or np.abs(y).max() > 1e300 or spread < 1e-300:
        raise InputError(
            "values are out of the range a trend test can take (|value| <= 1e300, spread "
            ">= 1e-300): rescale them (e.g. to other units)"
        )
    tau_result = stats.kendalltau(t, y, variant="b", method="auto")
    p_value, method = _mann_kendall_p(t, y, bool(continuity_correction))
    slope, intercept, low, high = stats.theilslopes(y, t, alpha=confidence)
    per_year = target / ureg.year
    return TrendResult(
        slope=Q_(float(slope), per_year),
        slope_low=Q_(float(low), per_year),
        slope_high=Q_(float(high), per_year),
        intercept=Q_(float(intercept), target),
        tau=float(tau_result.statistic),
        p_value=p_value,
        n=int(y.size),
        confidence=confidence,
        p_value_method=method,
    )


# scipy computes the exact distribution of S up to this many values without ties
_EXACT_MAX_N = 33


def _tie_terms(values: FloatArray) -> tuple[int, int, int]:
    """Tie sums of one variable: sum t(t-1)/2, sum t(t-1)(t-2), sum t(t-1)(2t+5)."""
    _, counts = np.unique(values, return_counts=True)
    t = counts[counts > 1].astype(np.int64)
    return (
        int((t * (t - 1) // 2).sum()),
        int((t * (t - 1) * (t - 2)).sum()),
        int((t * (t - 1) * (2 * t + 5)).sum()),
    )


def _mann_kendall_p(t: FloatArray, y: FloatArray, corrected: bool) -> tuple[float, str]:
    """Two-sided Mann–Kendall p-value and how it was computed."""
    from scipy import stats

    n = y.size
    upper = np.triu_indices(n, k=1)
    signs = np.sign(t[upper[1]] - t[upper[0]]) * np.sign(y[upper[1]] - y[upper[0]])
    s = float(signs.sum())
    x_tie, x0, x1 = _tie_terms(t)
    y_tie, y0, y1 = _tie_terms(y)
    total = n * (n - 1) // 2
    discordant = int((signs < 0).sum())
    if (
        x_tie == 0
        and y_tie == 0
        and (n <= _EXACT_MAX_N or min(discordant, total - discordant) <= 1)
    ):
        exact = stats.kendalltau(t, y, method="exact")
        return float(exact.pvalue), "exact"
    # the variance of S with ties (scipy's asymptotic formula; Kendall 1975)
    m = n * (n - 1.0)
    variance = (m * (2 * n + 5) - x1 - y1) / 18 + (2 * x_tie * y_tie) / m
    variance += x0 * y0 / (9 * m * (n - 2))
    shifted = s - np.sign(s) if corrected else s
    z = shifted / np.sqrt(variance)
    p_value = float(2.0 * stats.norm.sf(abs(z)))
    return min(p_value, 1.0), "normal, continuity-corrected" if corrected else "normal"


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
