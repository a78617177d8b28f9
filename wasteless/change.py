"""Change between values and along annual series: relative and annualised change, moving means.

The functions: :func:`relative_reduction`, :func:`annualised_change`, :func:`moving_mean`
(三年滑动平均) and :func:`keeps_falling` (继续下降).

Not specific to air: any two Quantities of one dimension have a relative change, and
any annual series (PM2.5 annual means, a city's recycling rate) has moving means. A
relative change is not a difference in percentage points: for two percentages,
subtract them instead.

Examples
--------
>>> from wasteless import Q_, change
>>> change.relative_reduction(Q_(81, "ug/m3"), Q_(43, "ug/m3"))
<Quantity(46.913..., 'percent')>
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np
import pandas as pd
import pint

from wasteless._validate import check_whole
from wasteless.errors import InputError
from wasteless.judgement import falling
from wasteless.units import (
    ANY,
    Measured,
    magnitude_in,
    pint_series,
    same_as,
    unit_function,
)

__all__ = [
    "annualised_change",
    "keeps_falling",
    "moving_mean",
    "relative_reduction",
]


@unit_function("percent", absolute=("start",), start=ANY, end=same_as("start"))
def relative_reduction(start: Any, end: Any) -> Any:
    """Relative reduction from ``start`` to ``end``: (start − end) / start, in percent.

    A decline is positive, a rise negative. Scale- and unit-invariant: the two values
    may be given in different units of the same dimension (e.g. µg/m³ and mg/m³).
    This is a relative change; for a difference of two percentages in percentage
    points subtract them instead.

    Parameters
    ----------
    start, end : pint.Quantity
        The earlier and later values [any one dimension]; scalars or arrays; ``start``
        must be > 0 and both finite and >= 0.

    Returns
    -------
    pint.Quantity
        Relative reduction [percent].

    Raises
    ------
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError
        If a value has no units, the two have different dimensions, or ``start`` is in
        an offset unit (°C, °F: a relative change of such values depends on where the
        scale puts zero; convert to kelvin first).
    wasteless.errors.InputError
        If ``start`` is not > 0 or a value is negative or not finite (a NaN from an
        aggregate means its period was not valid: see the aggregate's ``reason``).

    Examples
    --------
    >>> from wasteless import Q_
    >>> relative_reduction(Q_(81, "ug/m3"), Q_(43, "ug/m3"))
    <Quantity(46.913..., 'percent')>
    >>> relative_reduction(Q_(81, "ug/m3"), Q_(0.043, "mg/m3"))
    <Quantity(46.913..., 'percent')>
    """
    if np.any(np.asarray(start) <= 0.0):
        raise InputError(f"start must be > 0 for a relative change; got {start!r}")
    return 100.0 * (start - end) / start


@unit_function("percent / year", absolute=("start",), start=ANY, end=same_as("start"))
def annualised_change(start: Any, end: Any, years: Any) -> Any:
    """Compound annual rate of change from ``start`` to ``end`` over ``years``.

    ``(end / start) ** (1 / years) − 1``: the constant yearly change that takes
    ``start`` to ``end``. Negative for a decline.

    Parameters
    ----------
    start, end : pint.Quantity
        The earlier and later values [any one dimension]; ``start`` > 0.
    years : float or pint.Quantity
        Time between them: a positive number of years, or a time Quantity.

    Returns
    -------
    pint.Quantity
        Change per year [percent / year].

    Raises
    ------
    wasteless.errors.InputError
        If ``years`` is not > 0, or as for :func:`relative_reduction`.

    Examples
    --------
    >>> from wasteless import Q_
    >>> annualised_change(Q_(81, "ug/m3"), Q_(43, "ug/m3"), 6)
    <Quantity(-10.016..., 'percent / year')>
    """
    span = _years(years)
    if np.any(np.asarray(start) <= 0.0):
        raise InputError(f"start must be > 0 for a relative change; got {start!r}")
    return 100.0 * (np.power(np.divide(end, start), 1.0 / span) - 1.0)


def _years(years: Any) -> float:
    if isinstance(years, pint.Quantity):
        magnitude = magnitude_in(years, "year", "years")
        if np.ndim(magnitude) != 0:
            raise InputError(
                f"years must be one span of time (the start and end are one value each); "
                f"got {years!r}"
            )
        span = float(magnitude)
    elif isinstance(years, numbers.Real) and not isinstance(years, (bool, np.bool_)):
        span = float(years)
    else:
        raise InputError(f"years must be a number or a time Quantity; got {years!r}")
    if not (math.isfinite(span) and span > 0):
        raise InputError(f"years must be finite and > 0; got {years!r}")
    return span


def _annual_table_column(data: Any) -> str | None:
    """``"mean"`` for an :func:`~wasteless.air.annual_means` result, else None."""
    if isinstance(data, pd.DataFrame) and {"mean", "valid"} <= set(data.columns):
        return "mean"
    return None


def annual_series(measured: Measured, argument: str) -> pd.Series:
    """Float magnitudes indexed by every calendar year from first to last (gaps as NaN).

    ``measured`` is a Series indexed by year (ints, a DatetimeIndex or PeriodIndex with
    one value per year) or an :func:`~wasteless.air.annual_means` result for one
    station, whose invalid years become gaps.

    Raises
    ------
    InputError
        For other containers, several stations, an index that is not years, sub-annual
        data (more than one value in a year: aggregate to annual means first), or an
        empty series.
    """
    source = measured.source
    if measured.kind != "series":
        raise InputError(
            f"{argument} must be a pandas Series indexed by year or an annual_means result; "
            f"got {type(source).__name__}"
        )
    series = pd.Series(measured.values, index=measured.index)
    if isinstance(source, pd.DataFrame):
        if isinstance(source.index, pd.MultiIndex):
            raise InputError(
                f"{argument}: one station at a time; select it first, e.g. table.loc['Dongsi']"
            )
        valid = source["valid"]
        if not pd.api.types.is_bool_dtype(valid.dtype) or bool(valid.isna().any()):
            raise InputError(f"{argument}['valid'] must be a bool column without missing values")
        series[~valid.to_numpy(dtype=bool)] = np.nan
    if len(series) == 0:
        raise InputError(f"{argument} is empty")
    index = series.index
    if isinstance(index, (pd.DatetimeIndex, pd.PeriodIndex)):
        if index.hasnans:
            raise InputError(f"{argument} has missing dates (NaT)")
        years = index.year
    else:
        try:
            years = pd.Index(index.astype(np.int64))
        except (TypeError, ValueError, OverflowError):
            raise InputError(f"{argument} must be indexed by calendar year") from None
        if not (np.asarray(index, dtype=float) == np.asarray(years, dtype=float)).all():
            raise InputError(f"{argument} must be indexed by whole calendar years")
    if years.has_duplicates:
        raise InputError(
            f"{argument} has more than one value in a year ({years[years.duplicated()][0]}): "
            "it looks like sub-annual data (monthly, daily or hourly); aggregate to annual "
            "means first, e.g. with wasteless.air.annual_means"
        )
    if int(years.max()) - int(years.min()) > 10_000:
        raise InputError(f"{argument} spans more than 10,000 years; is the index years?")
    series = pd.Series(series.to_numpy(), index=pd.Index(years, name="year")).sort_index()
    full = pd.RangeIndex(int(series.index.min()), int(series.index.max()) + 1, name="year")
    return series.reindex(full)


_annual_input = unit_function(
    None,
    annual=ANY,
    allow_nan=("annual",),
    units_argument="units",
    default_column=_annual_table_column,
)


@_annual_input
def moving_mean(annual: Any, window: int = 3, units: str | None = None) -> pd.Series:
    """Moving mean of ``window`` consecutive calendar-year annual means (三年滑动平均).

    "连续三个自然年环境空气污染物年均浓度的算术平均值" (中国环境管理 2020(4) [P]).
    The value is labelled with the last year of its window (2019 for 2017–2019), like
    the US PM2.5 design value. A missing or invalid year anywhere in a window gives
    NaN, never a shorter window. Annual means are used unrounded (whether official
    statistics round them first was not found, factors.md §4.6).

    Parameters
    ----------
    annual : pandas.Series or pandas.DataFrame
        Annual means indexed by year (pint dtype, or floats with ``units``), or an
        :func:`annual_means` result for one station (invalid years count as gaps).
    window : int, optional
        Number of years; default 3.
    units : str, optional
        Units of plain-float input.

    Returns
    -------
    pandas.Series
        pint dtype, indexed by every year from the first to the last of the input.

    Raises
    ------
    wasteless.errors.InputError
        If ``window`` is not a positive whole number or the index is not years.

    Examples
    --------
    >>> import pandas as pd
    >>> city = pd.Series([58.0, 51.0, 42.0, 38.0], index=[2017, 2018, 2019, 2020])
    >>> moving_mean(city, units="ug/m3").pint.magnitude.round(1).tolist()
    [nan, nan, 50.3, 43.7]
    """
    window = check_whole(window, "window", 1, 1000)
    series = annual_series(annual, "annual")
    rolled = series.rolling(window, min_periods=window).mean()
    return pint_series(rolled.to_numpy(), annual.units, rolled.index)


@_annual_input
def keeps_falling(annual: Any, units: str | None = None) -> bool:
    """Whether every year's value is strictly below the previous year's.

    For targets like "年均浓度、三年滑动平均浓度继续下降" (keep falling). Use it on
    annual means or on :func:`moving_mean` output (its leading NaN years are dropped).

    Parameters
    ----------
    annual : pandas.Series or pandas.DataFrame
        As for :func:`moving_mean`.
    units : str, optional
        Units of plain-float input.

    Returns
    -------
    bool
        True when each consecutive pair falls.

    Raises
    ------
    wasteless.errors.InputError
        If fewer than two years remain, or a year inside the series is missing
        (a gap cannot be judged).

    Examples
    --------
    >>> import pandas as pd
    >>> keeps_falling(pd.Series([58.0, 51.0, 42.0, 38.0], index=range(2017, 2021)), "ug/m3")
    True
    """
    series = annual_series(annual, "annual")
    present = series.dropna()
    if len(present) < 2:
        raise InputError("keeps_falling needs at least two years with values")
    inner = series.loc[present.index.min() : present.index.max()]
    if inner.isna().any():
        gaps = inner.index[inner.isna()].tolist()
        raise InputError(f"keeps_falling: years {gaps} have no value; a gap cannot be judged")
    holds, _ = falling(inner.to_numpy().tolist())  # the one "keeps falling" rule
    return holds
