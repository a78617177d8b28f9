r"""Rubber-asphalt paving: area ↔ crumb rubber ↔ waste tyres consumed.

The mass chain, per unit area of paving:

.. math::

    m_\mathrm{CR}/A = t \, \rho_\mathrm{mix} \, f_\mathrm{binder} \, f_\mathrm{CR},
    \qquad N_\mathrm{tyre} = \frac{A \, m_\mathrm{CR}/A}{m_\mathrm{CR,tyre}}

with :math:`t` the rubberised layer thickness, :math:`\rho_\mathrm{mix}` the compacted
mix density, :math:`f_\mathrm{binder}` the binder share of the mix,
:math:`f_\mathrm{CR}` the crumb-rubber share of the binder (wet process) and
:math:`m_\mathrm{CR,tyre}` the crumb rubber recovered per counted tyre. Parameters
come from a :class:`~wasteless.presets.PavingParams`; the default is
:data:`wasteless.presets.LITERATURE` (one 2-inch lift, tyres counted as passenger tyre
equivalents: about 0.27 tyres/m², consistent with CalRecycle's 2,000 tyres per
lane-mile = 0.34 tyres/m² on a 12 ft lane).

The model counts only the crumb rubber in the rubberised layer(s); it does not know
how many layers a programme laid, so a programme report that counts more tyres per m²
implies more (or thicker) rubberised layers, a different tyre count basis, or both.
"""

from __future__ import annotations

from wasteless.presets import LITERATURE, PavingParams, Preset, paving_params
from wasteless.units import FloatArray, unit_function

__all__ = ["area_for_tyres", "crumb_rubber_mass", "tyres_for_area"]

Magnitude = float | FloatArray


@unit_function("tyre", area="m**2")
def tyres_for_area(
    area: Magnitude, params: PavingParams | Preset | str = LITERATURE.paving
) -> Magnitude:
    r"""Waste tyres consumed by paving ``area`` with rubber asphalt.

    Parameters
    ----------
    area : pint.Quantity or pint-pandas Series
        Paved area [area], e.g. ``Q_(2.0e6, "m**2")``, ``Q_(2, "km**2")``,
        ``Q_(200, "hectare")``. Scalar, array or Series; must be finite and >= 0.
    params : PavingParams, optional
        Paving parameters; default :data:`wasteless.presets.LITERATURE` ``.paving``.

    Returns
    -------
    pint.Quantity or pint-pandas Series
        Tyres consumed [tyre], in the container of ``area``.

    Raises
    ------
    wasteless.errors.MissingUnitsError
        If ``area`` is a bare number.
    wasteless.errors.UnitsError
        If ``area`` is not an area (a subclass of :class:`pint.DimensionalityError`).
    wasteless.errors.InputError
        If ``area`` is negative, NaN or infinite.

    See Also
    --------
    area_for_tyres : the exact inverse.
    crumb_rubber_mass : the crumb rubber behind the count.

    Notes
    -----
    :math:`N = A \, t \, \rho \, f_\mathrm{binder} \, f_\mathrm{CR} /
    m_\mathrm{CR,tyre}`; see the module docstring for each factor and its source.

    Examples
    --------
    >>> from wasteless import Q_, presets
    >>> tyres_for_area(Q_(1.0, "km**2")).to("万 tyre")
    <Quantity(27.469..., 'wan * tyre')>
    >>> tyres_for_area(Q_(2.0e6, "m**2"), presets.ETOWN_2019.paving)
    <Quantity(2730000.0..., 'tyre')>
    """
    return area * paving_params(params).tyres_per_area_m2


@unit_function("m**2", tyres="tyre")
def area_for_tyres(
    tyres: Magnitude, params: PavingParams | Preset | str = LITERATURE.paving
) -> Magnitude:
    """Area of rubber asphalt that consumes ``tyres`` waste tyres (inverse of tyres_for_area).

    Parameters
    ----------
    tyres : pint.Quantity or pint-pandas Series
        Number of tyres [tyre], e.g. ``Q_(2.7e6, "tyre")`` or ``Q_(270, "万 tyre")``.
    params : PavingParams, optional
        Paving parameters; default :data:`wasteless.presets.LITERATURE` ``.paving``.

    Returns
    -------
    pint.Quantity or pint-pandas Series
        Paved area [m²].

    Raises
    ------
    wasteless.errors.MissingUnitsError
        If ``tyres`` is a bare number (write ``Q_(n, "tyre")``).
    wasteless.errors.UnitsError
        If ``tyres`` is not a tyre count.
    wasteless.errors.InputError
        If ``tyres`` is negative, NaN or infinite.

    See Also
    --------
    tyres_for_area

    Examples
    --------
    >>> from wasteless import Q_
    >>> area_for_tyres(Q_(270, "万 tyre")).to("km**2")
    <Quantity(9.829..., 'kilometer ** 2')>
    """
    return tyres / paving_params(params).tyres_per_area_m2


@unit_function("kg", area="m**2")
def crumb_rubber_mass(
    area: Magnitude, params: PavingParams | Preset | str = LITERATURE.paving
) -> Magnitude:
    """Crumb rubber contained in ``area`` of rubber asphalt.

    Parameters
    ----------
    area : pint.Quantity or pint-pandas Series
        Paved area [area].
    params : PavingParams, optional
        Paving parameters; default :data:`wasteless.presets.LITERATURE` ``.paving``.

    Returns
    -------
    pint.Quantity or pint-pandas Series
        Crumb rubber mass [kg]: area × thickness × mix density × binder fraction ×
        crumb-rubber fraction.

    Raises
    ------
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError, wasteless.errors.InputError
        As for :func:`tyres_for_area`.

    Examples
    --------
    >>> from wasteless import Q_
    >>> crumb_rubber_mass(Q_(1, "m**2"))
    <Quantity(1.7443..., 'kilogram')>
    """
    return area * paving_params(params).crumb_rubber_per_area_kg_m2
