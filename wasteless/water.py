r"""Sewage-treatment rate, reclaimed-water utilisation, and the volume a target needs.

Definitions (factors.md §5):

* 污水处理率, sewage treatment rate = sewage treated / sewage discharged, the
  definition of MOHURD's 《中国城市建设统计年鉴》 [P abstract]. The yearbook ratio counts
  the *inflow* to treatment plants, which can include rain and groundwater
  infiltration or sewage from outside the area, so reported values near or above
  100 % occur even where collection is incomplete (corrected national estimate
  57.9–71.8 %, same source).
* 再生水利用率, reclaimed-water utilisation = reclaimed water used / sewage treated:
  an **assumption**. The official formula (GB/T 51083-2015) and E-Town's "高品质再生水
  利用率" denominator were not found; this follows the older MOHURD indicator
  城市污水处理回用率 = 回用水量 / 污水处理总量 [S]. The second argument *is* the
  denominator: pass total sewage discharged, or total water supply, for another
  definition, and say which you used.

Flows are Quantities in any volume per time (m³/d, 万 m³/d, 亿 m³/a, ML/d) or mass of
water per time (t/d), converted through the :data:`~wasteless.units.WATER` context
(1 t of water = 1 m³, the convention of Chinese water statistics). ``a`` is pint's
Julian year (365.25 d). Scalars, arrays and pint-pandas Series (yearly series; two
Series must share their index). Ratios come back as ``percent`` Quantities and never
silently above 100 %.

Examples
--------
>>> from wasteless import Q_, water
>>> water.treatment_rate(Q_(9.2, "万 m**3/d"), Q_(10, "万 m**3/d"))
<Quantity(92.0, 'percent')>
>>> water.reclaimed_volume_for_target(Q_(10, "万 m**3/d"), Q_(30, "percent")).to("m**3/d")
<Quantity(30000.0, 'meter ** 3 / day')>
"""

from __future__ import annotations

import numpy as np

from wasteless._validate import check_flag
from wasteless.errors import InputError
from wasteless.units import RATIO, WATER, FloatArray, unit_function

__all__ = ["reclaimed_utilisation", "reclaimed_volume_for_target", "treatment_rate"]

Magnitude = float | FloatArray
_FLOW = "m**3/d"

_ROUNDING_TOLERANCE = 1e-12

_DOUBLE_COUNTING = (
    "statistical flows can do this: plant inflow may include rain and groundwater "
    "infiltration or sewage from outside the area, and the two figures may come from "
    "different sources (MOHURD yearbook caveat, factors.md §5)"
)


def _ratio(
    numerator: Magnitude,
    denominator: Magnitude,
    names: tuple[str, str],
    cap: bool,
) -> Magnitude:
    """Return numerator / denominator in percent; refuse zero denominators and ratios above 1."""
    # shapes already checked by the units pathway; broadcast so that a scalar and an array
    # are compared element by element
    cap = check_flag(cap, "cap")
    top, bottom = np.broadcast_arrays(np.asarray(numerator), np.asarray(denominator))
    if (bottom == 0.0).any():
        raise InputError(f"{names[1]} must be > 0 for a ratio; got 0")
    # Equal flows given in different units can differ in the last bits after conversion;
    # a ratio within a relative 1e-12 of 100 % is 100 %, not an error.
    above = top > bottom * (1.0 + _ROUNDING_TOLERANCE)
    if above.any() and not cap:
        count = int(np.count_nonzero(above))
        raise InputError(
            f"{names[0]} exceeds {names[1]} in {count} value(s) (first: "
            f"{float(top[above].flat[0]):g} > {float(bottom[above].flat[0]):g} m³/d), which would "
            f"give a ratio above 100 %. {_DOUBLE_COUNTING}. Check the data, or pass cap=True "
            "to report such ratios as exactly 100 %."
        )
    ratio = np.minimum(top / bottom, 1.0)  # only noise (or, with cap, the capped) is clipped
    result = 100.0 * ratio
    return float(result) if np.ndim(result) == 0 else np.asarray(result, dtype=np.float64)


@unit_function("percent", context=WATER, treated=_FLOW, discharged=_FLOW)
def treatment_rate(treated: Magnitude, discharged: Magnitude, *, cap: bool = False) -> Magnitude:
    """Sewage treatment rate (污水处理率): sewage treated / sewage discharged.

    Parameters
    ----------
    treated : pint.Quantity or pint-pandas Series
        Sewage treated [volume / time or mass / time], e.g. ``Q_(9.2, "万 m**3/d")``.
    discharged : pint.Quantity or pint-pandas Series
        Sewage discharged (污水排放总量), same kind of flow; > 0.
    cap : bool, optional
        Report a ratio above 100 % as exactly 100 % instead of raising. Only use it
        when you know why treated exceeds discharged; default False.

    Returns
    -------
    pint.Quantity or pint-pandas Series
        Treatment rate [percent], at most 100 %.

    Raises
    ------
    wasteless.errors.InputError
        If ``treated`` exceeds ``discharged`` (unless ``cap``; the message explains the
        statistical double-counting behind such data), if ``discharged`` is 0, or if a
        flow is negative or not finite.
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError
        If a flow has no units or is not a flow.

    Notes
    -----
    MOHURD yearbook definition, factors.md §5 [P abstract]: 污水处理率 = 污水处理量 ÷
    污水排放总量 × 100 %.

    Examples
    --------
    >>> from wasteless import Q_
    >>> treatment_rate(Q_(920, "t/d"), Q_(1, "ML/d"))
    <Quantity(92.0, 'percent')>
    >>> treatment_rate(Q_(1.05, "ML/d"), Q_(1, "ML/d"), cap=True)
    <Quantity(100.0, 'percent')>
    """
    return _ratio(treated, discharged, ("treated", "discharged"), cap)


@unit_function("percent", context=WATER, reclaimed_used=_FLOW, treated=_FLOW)
def reclaimed_utilisation(
    reclaimed_used: Magnitude, treated: Magnitude, *, cap: bool = False
) -> Magnitude:
    """Reclaimed-water utilisation (再生水利用率): reclaimed water used / denominator.

    The denominator is the second argument: by default, and as this library's
    stated assumption, sewage treated (see the module docstring).

    Parameters
    ----------
    reclaimed_used : pint.Quantity or pint-pandas Series
        Reclaimed water used [volume / time or mass / time].
    treated : pint.Quantity or pint-pandas Series
        The denominator, normally sewage treated (污水处理总量); > 0.
    cap : bool, optional
        Report a ratio above 100 % as exactly 100 % instead of raising; default False.

    Returns
    -------
    pint.Quantity or pint-pandas Series
        Utilisation [percent], at most 100 %.

    Raises
    ------
    wasteless.errors.InputError
        If ``reclaimed_used`` exceeds ``treated`` (unless ``cap``), if ``treated`` is 0,
        or if a flow is negative or not finite.
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError
        If a flow has no units or is not a flow.

    See Also
    --------
    reclaimed_volume_for_target : the inverse.

    Examples
    --------
    >>> from wasteless import Q_
    >>> reclaimed_utilisation(Q_(10.5, "亿 m**3/a"), Q_(35, "亿 m**3/a"))
    <Quantity(30.0, 'percent')>
    """
    return _ratio(reclaimed_used, treated, ("reclaimed_used", "treated"), cap)


@unit_function(_FLOW, context=WATER, treated=_FLOW, target=RATIO)
def reclaimed_volume_for_target(treated: Magnitude, target: Magnitude) -> Magnitude:
    """Reclaimed water that must be used for utilisation to reach ``target``.

    ``treated × target``: the exact inverse of :func:`reclaimed_utilisation` with the
    same denominator.

    Parameters
    ----------
    treated : pint.Quantity or pint-pandas Series
        Sewage treated (the denominator of the utilisation) [volume / time or mass /
        time].
    target : pint.Quantity or float
        Target utilisation: a ``percent`` Quantity (``Q_(30, "percent")``) or a
        fraction in [0, 1].

    Returns
    -------
    pint.Quantity or pint-pandas Series
        Reclaimed water needed [m³/d]; convert as you like, e.g. ``.to("万 m**3/d")``.

    Raises
    ------
    wasteless.errors.InputError
        If ``target`` is outside [0, 100 %], or a flow is negative or not finite.
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError
        If ``treated`` has no units or is not a flow.

    Examples
    --------
    >>> from wasteless import Q_
    >>> reclaimed_volume_for_target(Q_(40, "亿 m**3/a"), 0.30).to("亿 m**3/a")
    <Quantity(12.0, 'yi * meter ** 3 / year')>
    """
    return treated * target
