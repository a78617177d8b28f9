r"""Compliance with an ambient-air limit value: a set of means judged against one record.

:func:`compliance` takes annual means, one year's daily means (or daily maximum 8-hour
means) or hourly values, with their units, and a limit record of
:mod:`wasteless.air.limits` (an id such as ``"GB3095-2012-II"``, a by-date grade such as
``"GB3095-II"``, or a :class:`~wasteless.air.limits.Standard`), and returns a
:class:`Compliance`: whether they comply, the margin to the limit, the exceedances. A
limit judged by a percentile of the daily values (the 24-hour limits of GB 3095 Table 1
and WHO 2021; the O3 daily maximum 8-hour limit) is judged by that percentile; every
other limit value by value (see :mod:`wasteless.air.limits` for which is which and the
sources).

Examples
--------
>>> from wasteless import Q_
>>> result = compliance(Q_([81, 43], "ug/m**3"), "GB3095-2012-II", averaging="annual")
>>> result.exceeds, result.margin
(array([ True,  True]), <Quantity([46.  8.], 'microgram / meter ** 3')>)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from wasteless._validate import check_columns
from wasteless.air.limits import _DAILY, Standard, _resolve
from wasteless.air.means import nan_percentile
from wasteless.errors import InputError
from wasteless.judgement import Judgement
from wasteless.units import (
    CONCENTRATION,
    Q_,
    FloatArray,
    Measured,
    pint_series,
    unit_function,
    ureg,
    wrap,
)

__all__ = ["Compliance", "compliance"]


@dataclass(frozen=True)
class Compliance(Judgement):
    """The result of :func:`compliance`: a set of means judged against one limit.

    A :class:`~wasteless.judgement.Judgement`: ``value`` (the means, or the percentile
    of the daily values), ``threshold`` (the limit), ``relation`` ``"<="``, ``holds``
    (``complies``) and ``margin = value − limit`` (positive above the limit, like every
    margin in wasteless). Per-value fields (``values``, ``used``, ``exceeds`` and, for a
    limit judged value by value, ``margin``) have the container of the input: a scalar,
    a NumPy array, or a pandas Series with the input's index. Concentrations are in the
    limit's unit (µg/m³; CO mg/m³).

    Parameters
    ----------
    standard
        The limit record used.
    complies
        For a limit judged value by value (annual, quarterly, 1-h, Table 2 24-h), True
        when every used value is <= the limit; for a limit judged by a percentile, True
        when the percentile ``statistic`` is <= the limit. ``None`` when no value could
        be used.
    statistic
        For a percentile limit, the percentile of the used daily values [limit unit],
        rounded when ``round_to`` is given (NaN when none was used); ``None`` otherwise.
    exceeds
        Per value, True where a used value is above the limit (False where not used).
    n_exceedances
        Number of used values above the limit.
    n_exceedance_days
        For a 24-h or 8-h limit, the number of days above the limit (equal to
        ``n_exceedances``); ``None`` for other averaging periods.
    n_used, n_invalid
        Values used, and values left out (flagged invalid, or NaN).
    values
        The input values [limit unit], unrounded, NaN and invalid ones included.
    used
        Per value, True where the value was used.
    round_to
        Decimals the compared values were rounded to, or ``None``.

    Examples
    --------
    >>> from wasteless import Q_
    >>> r = compliance(Q_([30, 40, float("nan")], "ug/m**3"), "GB3095-2012-II", averaging="annual")
    >>> r.complies, r.n_exceedances, r.n_used, r.n_invalid
    (False, 1, 2, 1)
    >>> r.limit
    <Quantity(35.0, 'microgram / meter ** 3')>
    >>> r.margin  # value − limit: positive above the limit
    <Quantity([-5.  5. nan], 'microgram / meter ** 3')>
    """

    standard: Standard
    complies: bool | None
    statistic: Any
    exceeds: Any
    n_exceedances: int
    n_exceedance_days: int | None
    n_used: int
    n_invalid: int
    values: Any
    used: Any
    round_to: int | None = None
    relation = "<="

    @property
    def limit(self) -> Any:
        """The limit [its unit: µg/m³; CO mg/m³]."""
        return Q_(float(self.standard.value), self.standard.unit)

    @property
    def averaging(self) -> str:
        """The averaging period of the limit, e.g. ``"annual"`` or ``"24h"``."""
        return self.standard.averaging

    @property
    def pollutant(self) -> str:
        """The pollutant of the limit, e.g. ``"PM2.5"``."""
        return self.standard.pollutant

    @property
    def value(self) -> Any:
        """What is judged: the values, or the percentile of the daily values [limit unit]."""
        return self.values if self.standard.percentile is None else self.statistic

    @property
    def threshold(self) -> Any:
        """The limit [limit unit]."""
        return self.limit

    @property
    def holds(self) -> bool | None:
        """Whether the values comply (``complies``)."""
        return self.complies

    @property
    def margin(self) -> Any:
        """Value − limit [limit unit], positive above the limit.

        Per value (after ``round_to``; NaN where not used) for a limit judged value by
        value, ``statistic − limit`` (a scalar) for a percentile limit.
        """
        unit = ureg.Unit(self.standard.unit)
        if self.standard.percentile is not None:
            return Q_(float(self.statistic.magnitude) - self.standard.value, unit)
        margins = self._row_margins()
        if isinstance(self.values, pd.Series):
            return pint_series(margins, unit, self.values.index)
        if np.ndim(self.values.magnitude) == 0:
            return Q_(float(margins[0]), unit)
        return Q_(margins, unit)

    def _row_margins(self) -> FloatArray:
        values = np.atleast_1d(np.asarray(_magnitude(self.values), dtype=np.float64))
        used = np.atleast_1d(np.asarray(self.used, dtype=bool))
        compared = _rounded(values, self.round_to)
        return np.where(used, compared - self.standard.value, np.nan)

    def _title(self) -> str:
        record = self.standard
        return f"Compliance with {record.standard_id} ({record.pollutant}, {record.averaging})"

    def to_frame(self) -> Any:
        """Return one row per input value: ``value``, ``used``, ``exceeds``, ``margin``.

        Returns
        -------
        pandas.DataFrame
            Indexed like the input (a RangeIndex for a scalar or an array). ``value``
            and ``margin`` (value − limit of that row, after ``round_to``; NaN where
            not used) are pint-pandas columns [limit unit]; ``used`` and ``exceeds`` are
            bool. For a percentile limit the row margins are per day; the margin of the
            percentile is :attr:`margin`.

        Examples
        --------
        >>> import pandas as pd
        >>> import pint_pandas  # registers the "pint[...]" dtype
        >>> annual = pd.Series([81.0, 43.0], index=[2013, 2019], dtype="pint[ug/m**3]")
        >>> compliance(annual, "GB3095-2012-II", averaging="annual").to_frame()
              value  used  exceeds  margin
        2013   81.0  True     True    46.0
        2019   43.0  True     True     8.0
        """
        unit = ureg.Unit(self.standard.unit)
        values = np.atleast_1d(np.asarray(_magnitude(self.values), dtype=np.float64))
        index = self.values.index if isinstance(self.values, pd.Series) else None
        return pd.DataFrame(
            {
                "value": pint_series(values, unit, index).array,
                "used": np.atleast_1d(np.asarray(self.used, dtype=bool)),
                "exceeds": np.atleast_1d(np.asarray(self.exceeds, dtype=bool)),
                "margin": pint_series(self._row_margins(), unit, index).array,
            },
            index=index,
        )


def _magnitude(values: Any) -> Any:
    """Float magnitude(s) of a result container in its unit (result containers only)."""
    if isinstance(values, pd.Series):
        return values.pint.magnitude.to_numpy(dtype=np.float64, na_value=np.nan)
    return values.magnitude


_MAX_DECIMALS = 6


def _rounded(values: FloatArray, decimals: int | None) -> FloatArray:
    return values if decimals is None else np.round(values, decimals)


def _table_column(data: pd.DataFrame) -> str:
    """The column of means of a table from :func:`wasteless.air.daily_means` or annual_means."""
    check_columns(
        data.columns,
        ("mean", "valid"),
        lambda missing: (
            "a DataFrame of values needs the columns 'mean' (pint-pandas dtype) "
            "and 'valid' (bool), as returned by wasteless.air.daily_means/annual_means; missing "
            f"{missing}, got {list(data.columns)}"
        ),
    )
    return "mean"


def _table_validity(frame: pd.DataFrame) -> Any:
    valid = frame["valid"]
    if not pd.api.types.is_bool_dtype(valid.dtype) or bool(valid.isna().any()):
        raise InputError(
            f"values['valid'] must be a bool column without missing values; got dtype "
            f"{valid.dtype}"
        )
    return valid.to_numpy(dtype=bool)


def _check_one_year(index: Any, name: str) -> None:
    """A percentile of daily means is a statistic of one station and calendar year."""
    if index is None or len(index) == 0:
        return
    if isinstance(index, pd.MultiIndex):
        raise InputError(
            f"{name}: a 24-h limit is judged by a percentile of one station's daily means; "
            f"got a MultiIndex {list(index.names)}; pass one station at a time, e.g. "
            f"values.xs(station)"
        )
    if isinstance(index, (pd.DatetimeIndex, pd.PeriodIndex)):
        years = index.year
    elif pd.api.types.infer_dtype(index, skipna=True) in ("date", "datetime"):
        years = pd.DatetimeIndex(index).year
    else:
        return
    distinct = sorted({int(year) for year in years.dropna()})
    if len(distinct) > 1:
        raise InputError(
            f"{name}: a 24-h limit is judged by a percentile of one calendar year's daily "
            f"means; got dates in {distinct[0]}-{distinct[-1]}; pass one year at a time, "
            f"e.g. values.loc['{distinct[0]}']"
        )


def _pack_bool(flags: Any, measured: Measured) -> Any:
    if measured.kind == "scalar":
        return bool(flags[0])
    if measured.kind == "series":
        return pd.Series(flags, index=measured.index, dtype=bool)
    return flags


@unit_function(None, values=CONCENTRATION, allow_nan=("values",), default_column=_table_column)
def compliance(
    values: Any,
    standard: Standard | str,
    pollutant: str | None = None,
    averaging: str | None = None,
    *,
    round_to: int | None = None,
) -> Compliance:
    r"""Judge mean concentrations against a limit value.

    For a limit judged **value by value** (annual, quarterly and 1-h limits, and the
    24-h limits of GB 3095-2026 Table 2) each value is compared with the limit. For a
    limit judged by a **percentile** (24-h limits of Table 1 pollutants and WHO; the O3
    daily maximum 8-h limit) the percentile of one year's daily values named by the
    standard (HJ 663 [W]: 95th for PM2.5, PM10 and CO, 98th for SO2 and NO2, 90th for
    O3 8-h; 99th for WHO 2021 [S]) is compared with the limit, and the days above the
    limit are counted.

    Parameters
    ----------
    values : pint.Quantity, pint-pandas Series or pandas.DataFrame
        The means the limit is about [mass concentration, e.g. µg/m³ or mg/m³]: annual
        means for an annual limit, one calendar year's daily means (or daily maximum
        8-h means) for a percentile limit, and so on: a scalar or 1-D Quantity, a
        Series of dtype ``"pint[ug/m**3]"``, or a DataFrame with the columns ``mean``
        (pint-pandas dtype) and ``valid`` (bool) as returned by
        ``wasteless.air.annual_means`` / ``daily_means``. Rows with ``valid`` False,
        and NaN values, are left out and counted in ``n_invalid``; they are never used.
        Must be >= 0 and not infinite. Annual means of several stations (a
        ``(station, year)`` MultiIndex) are judged value by value; daily means must be
        one station's.
    standard : str or Standard
        A standard id from :data:`~wasteless.air.limits.STANDARDS` (e.g.
        ``"GB3095-2012-II"``); a by-date id from :data:`~wasteless.air.limits.BY_DATE`
        (``"GB3095-II"``: the record in force on the dates or years of the values' index,
        see :func:`~wasteless.air.limits.in_force`; all values must fall under one
        record); or a :class:`~wasteless.air.limits.Standard` record (from
        :func:`~wasteless.air.limits.get`, or your own via
        :func:`dataclasses.replace`).
    pollutant : str, optional
        One of :data:`~wasteless.air.limits.POLLUTANTS`. Default: the record's pollutant
        for a :class:`~wasteless.air.limits.Standard`, ``"PM2.5"`` for an id.
    averaging : str, optional
        Which limit to judge against: ``"annual"``, ``"quarterly"``, ``"24h"``,
        ``"8h"`` or ``"1h"``. Default: the record's for a :class:`Standard`; required
        for an id that has several limits for the pollutant (all shipped ids).
    round_to : int, optional
        If given, round the compared values (each value; each daily value for counting
        exceedance days; the percentile, computed from the unrounded daily values), in
        the limit's unit, to this many decimals with :func:`numpy.round` (round half to
        even) before comparing. Default ``None``: compare the exact float values.

    Returns
    -------
    Compliance
        ``complies``, ``margin`` [limit unit], ``statistic`` [limit unit] (percentile
        limits), ``exceeds``, ``n_exceedances``, ``n_exceedance_days`` (24-h, 8-h),
        ``n_used``, ``n_invalid``; per-value fields in the container of ``values``.
        With no usable value, ``complies`` is ``None`` and ``statistic`` and ``margin``
        are NaN (not an exception).

    Raises
    ------
    wasteless.errors.MissingUnitsError
        If ``values`` (or the ``mean`` column) carries no units.
    wasteless.errors.UnitsError
        If ``values`` is not a mass concentration.
    wasteless.errors.InputError
        If a value is negative or infinite; if ``values`` is more than 1-D, a list
        of Quantities (use one Quantity of an array), or a DataFrame without
        ``mean``/``valid`` columns; if ``averaging`` is missing for an id or does not
        match a :class:`Standard` record; if the daily values of a percentile limit span
        more than one calendar year (a datetime index is checked) or have a MultiIndex
        (several stations); if ``round_to`` is not an int; for a by-date id, if the
        values are undated or fall under more than one record.
    KeyError
        If the standard id is unknown (the message lists the known ids) or has no
        limit for the pollutant and averaging.

    See Also
    --------
    wasteless.air.limits.get, wasteless.air.limits.in_force : the limit records.
    wasteless.air.daily_means, wasteless.air.annual_means : validity-aware means.

    Notes
    -----
    The comparison is ``value <= limit`` in float64, in the limit's unit (values in
    another unit are converted once): a value equal to the limit complies, one ulp above
    exceeds. An official evaluation rounds concentrations before comparing (HJ 663 cites
    GB/T 8170; practitioners describe integer rounding "四舍六入五成双" [W]; the exact
    clause was not found; HJ 633-2026 §4.2.2 rounds the AQI's concentrations that way to
    integers, CO to 0.1 mg/m³ [P]), which can turn a near-limit result; pass
    ``round_to=0`` to mimic it. The order of rounding and percentile in HJ 663 is not
    verified either.

    The percentile is numpy's default ``"linear"`` method, interpolating between
    order statistics: with the :math:`n` used daily values sorted,
    :math:`x_{(1)} \le \dots \le x_{(n)}`, and :math:`p` the percentile as a fraction,

    .. math::

        k = 1 + (n - 1)\,p, \qquad
        P = x_{(\lfloor k \rfloor)} + (k - \lfloor k \rfloor)
            \left(x_{(\lfloor k \rfloor + 1)} - x_{(\lfloor k \rfloor)}\right).

    This is the reading of HJ 663's Appendix A (数据统计方法) that secondary sources give
    [W]; it has not been verified against the primary text (``reference/factors.md``
    §4.3, §8). GB 3095-2026 Table 4 (printed page 6) sets data-capture rules for a
    valid value (e.g. >= 324 daily means a year, >= 20 hourly values a day) [P], which
    this function does not apply: check ``n_used``. With an explicit id it does not
    check that the standard applied on the dates of the values (see
    ``valid_from``/``valid_to`` of the record): judging 2013 data against GB 3095-2012,
    in force nationally from 2016, is a comparison, not an official evaluation.

    References
    ----------
    GB 3095-2026 环境空气质量标准, Tables 1 and 2, §4.4 [P]; GB 3095-2012 环境空气质量标准,
    Table 1 [S]/[W]; HJ 663 环境空气质量评价技术规范 [W]; WHO global air quality guidelines
    2021, ISBN 9789240034228 [S]. Sources, clauses and URLs are in each :class:`Standard`
    record.

    Examples
    --------
    The article's PM2.5 annual means against GB 3095-2012 grade II:

    >>> from wasteless import Q_
    >>> r = compliance(Q_([81, 43], "ug/m**3"), "GB3095-2012-II", averaging="annual")
    >>> r.complies, r.n_exceedances, r.margin
    (False, 2, <Quantity([46.  8.], 'microgram / meter ** 3')>)

    A value exactly at the limit complies:

    >>> compliance(Q_(35, "ug/m**3"), "GB3095-2012-II", averaging="annual").complies
    True

    One year's daily means against a 24-h limit (the 95th percentile):

    >>> import numpy as np
    >>> days = Q_(np.linspace(10.0, 100.0, 365), "ug/m**3")
    >>> r = compliance(days, "GB3095-2012-II", averaging="24h")
    >>> r.statistic, r.complies, r.n_exceedance_days
    (<Quantity(95.5, 'microgram / meter ** 3')>, False, 102)

    A DataFrame as returned by ``wasteless.air.daily_means``; invalid days are
    left out and counted:

    >>> import pandas as pd
    >>> import pint_pandas  # registers the "pint[...]" dtype
    >>> frame = pd.DataFrame(
    ...     {"mean": pd.array([20.0, 90.0, 30.0], dtype="pint[ug/m**3]"),
    ...      "valid": [True, False, True]},
    ...     index=pd.date_range("2019-01-01", periods=3),
    ... )
    >>> from wasteless.air.limits import get
    >>> r = compliance(frame, get("WHO-2021-IT1", averaging="24h"))
    >>> r.complies, r.n_used, r.n_invalid, r.statistic
    (True, 2, 1, <Quantity(29.9, 'microgram / meter ** 3')>)

    By date: annual means of 2029 and 2030 fall under the GB 3095-2026 transition limit:

    >>> years = pd.Series([33.0, 29.0], index=[2029, 2030], dtype="pint[ug/m**3]")
    >>> r = compliance(years, "GB3095-II", averaging="annual")
    >>> r.standard.standard_id, r.exceeds.tolist()
    ('GB3095-2026-transition-II', [True, False])
    """
    if round_to is not None and (
        isinstance(round_to, (bool, np.bool_))
        or not isinstance(round_to, (int, np.integer))
        or not 0 <= round_to <= _MAX_DECIMALS
    ):
        raise InputError(
            f"round_to must be None or a whole number of decimals in [0, {_MAX_DECIMALS}]; "
            f"got {round_to!r}"
        )
    measured: Measured = values
    if measured.kind not in ("scalar", "array", "series"):
        raise InputError(
            "values must be a Quantity, a pint-pandas Series or a table of means; got "
            f"{type(measured.source).__name__}"
        )
    record = _resolve(standard, pollutant, averaging, measured.index)
    unit = ureg.Unit(record.unit)
    magnitudes = np.atleast_1d(np.asarray(measured.values, dtype=np.float64))
    if magnitudes.ndim > 1:
        raise InputError(
            f"values must be a scalar or 1-D; got an array of shape {magnitudes.shape}"
        )
    factor = float(Q_(1.0, measured.units).to(unit).magnitude)
    if factor != 1.0:  # compare in the limit's unit; same unit: exact
        magnitudes = magnitudes * factor
    used = ~np.isnan(magnitudes)
    if isinstance(measured.source, pd.DataFrame):
        used &= _table_validity(measured.source)

    limit_value = float(record.value)
    n_used = int(used.sum())
    n_invalid = int(used.size - n_used)
    compared = _rounded(magnitudes, round_to)
    exceeds = used & (compared > limit_value)
    n_exceedances = int(exceeds.sum())
    n_days = n_exceedances if record.averaging in _DAILY else None

    if record.percentile is None:
        complies = None if n_used == 0 else n_exceedances == 0
        statistic = None
    else:
        _check_one_year(measured.index, "values")
        raw = float(nan_percentile(np.where(used, magnitudes, np.nan), record.percentile)[0])
        value = float(_rounded(np.array([raw]), round_to)[0])
        complies = None if n_used == 0 else value <= limit_value
        statistic = Q_(value, unit)

    packed = magnitudes if measured.kind != "scalar" else magnitudes[0]
    return Compliance(
        standard=record,
        complies=complies,
        statistic=statistic,
        exceeds=_pack_bool(exceeds, measured),
        n_exceedances=n_exceedances,
        n_exceedance_days=n_days,
        n_used=n_used,
        n_invalid=n_invalid,
        values=wrap(packed, unit, measured.kind, measured.index),
        used=_pack_bool(used, measured),
        round_to=round_to,
    )
