r"""Rubber-asphalt paving: area ↔ crumb rubber ↔ waste tyres consumed.

The mass chain, per unit area of paving:

.. math::

    m_\mathrm{CR}/A = t \, \rho_\mathrm{mix} \, f_\mathrm{binder} \, f_\mathrm{CR},
    \qquad N_\mathrm{tyre} = \frac{A \, m_\mathrm{CR}/A}{m_\mathrm{CR,tyre}}

with :math:`t` the rubberised layer thickness, :math:`\rho_\mathrm{mix}` the compacted
mix density, :math:`f_\mathrm{binder}` the binder share of the mix,
:math:`f_\mathrm{CR}` the crumb-rubber share of the binder (wet process) and
:math:`m_\mathrm{CR,tyre}` the crumb rubber recovered per counted tyre. The formulas live
here, as float kernels; the parameters come from a record of sourced values,
a :class:`~wasteless.presets.PavingParams`; the default is
:data:`wasteless.presets.LITERATURE` (one 2-inch lift, tyres counted as passenger tyre
equivalents: about 0.27 tyres/m², consistent with CalRecycle's 2,000 tyres per
lane-mile = 0.34 tyres/m² on a 12 ft lane).

The model counts only the crumb rubber in the rubberised layer(s); it does not know
how many layers a programme laid, so a programme report that counts more tyres per m²
implies more (or thicker) rubberised layers, a different tyre count basis, or both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from wasteless.units import FloatArray, quantity, unit_function

if TYPE_CHECKING:
    from wasteless.presets import PavingParams, Preset

__all__ = [
    "area_for_tyres",
    "crumb_rubber_mass",
    "crumb_rubber_per_area",
    "tyres_for_area",
    "tyres_per_area",
]

Magnitude = float | FloatArray


def _mass_chain(v: Mapping[str, Magnitude]) -> tuple[Magnitude, Magnitude]:
    """The kernel: crumb rubber per m² [kg/m²] and tyres per m² [tyre/m²] from magnitudes."""
    crumb = v["layer_thickness"] * v["mix_density"] * v["binder_fraction"]
    crumb = crumb * v["crumb_rubber_fraction"]
    return crumb, crumb / v["crumb_rubber_per_tyre"]


def _rates(params: PavingParams | Preset | str) -> tuple[Magnitude, ...]:
    """Crumb rubber per m² [kg/m²] and tyres per m² [tyre/m²] of a parameter record.

    The mass chain's formula (:func:`_mass_chain`), computed once per record and checked
    once (``PavingParams._derived_rates``).
    """
    return _presets.paving_params(params)._derived_rates(
        "paving", _mass_chain, ("crumb rubber per area", "tyres per area")
    )


def crumb_rubber_per_area(params: PavingParams | Preset | str = "literature") -> Any:
    r"""Crumb rubber per m² of rubber-asphalt paving, from a parameter record.

    .. math:: m_\mathrm{CR}/A = t \, \rho_\mathrm{mix} \, f_\mathrm{binder} \, f_\mathrm{CR}

    Parameters
    ----------
    params : PavingParams, Preset or str, optional
        A parameter record, a whole preset or a preset's name; default ``"literature"``
        (:data:`wasteless.presets.LITERATURE`).

    Returns
    -------
    pint.Quantity
        Crumb rubber per area [kg/m²]; one value per draw for a record of draws.

    Raises
    ------
    wasteless.errors.InputError
        For an unknown preset, or parameters whose product is not a finite number > 0.

    Examples
    --------
    >>> crumb_rubber_per_area()
    <Quantity(1.7443..., 'kilogram / meter ** 2')>
    """
    return quantity(_rates(params)[0], "kg/m**2")


def tyres_per_area(params: PavingParams | Preset | str = "literature") -> Any:
    r"""Waste tyres consumed per m² of rubber-asphalt paving, from a parameter record.

    .. math:: N/A = m_\mathrm{CR}/A \, / \, m_\mathrm{CR,tyre}

    Parameters
    ----------
    params : PavingParams, Preset or str, optional
        A parameter record, a whole preset or a preset's name; default ``"literature"``.

    Returns
    -------
    pint.Quantity
        Tyres per area [tyre/m²]; one value per draw for a record of draws.

    Raises
    ------
    wasteless.errors.InputError
        As for :func:`crumb_rubber_per_area`.

    Examples
    --------
    >>> tyres_per_area()
    <Quantity(0.27469..., 'tyre / meter ** 2')>
    >>> tyres_per_area("etown-2019")
    <Quantity(1.365, 'tyre / meter ** 2')>
    """
    return quantity(_rates(params)[1], "tyre/m**2")


@unit_function("tyre", monotone=True, area="m**2")
def tyres_for_area(
    area: Magnitude, params: PavingParams | Preset | str = "literature"
) -> Magnitude:
    r"""Waste tyres consumed by paving ``area`` with rubber asphalt.

    Parameters
    ----------
    area : pint.Quantity or pint-pandas Series
        Paved area [area], e.g. ``Q_(2.0e6, "m**2")``, ``Q_(2, "km**2")``,
        ``Q_(200, "hectare")``. Scalar, array or Series; must be finite and >= 0.
    params : PavingParams, Preset or str, optional
        Paving parameters: a record, a whole preset or a preset's name; default
        ``"literature"`` (:data:`wasteless.presets.LITERATURE`).

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
    return area * _rates(params)[1]


@unit_function("m**2", monotone=True, tyres="tyre")
def area_for_tyres(
    tyres: Magnitude, params: PavingParams | Preset | str = "literature"
) -> Magnitude:
    """Area of rubber asphalt that consumes ``tyres`` waste tyres (inverse of tyres_for_area).

    Parameters
    ----------
    tyres : pint.Quantity or pint-pandas Series
        Number of tyres [tyre], e.g. ``Q_(2.7e6, "tyre")`` or ``Q_(270, "万 tyre")``.
    params : PavingParams, Preset or str, optional
        Paving parameters: a record, a whole preset or a preset's name; default
        ``"literature"`` (:data:`wasteless.presets.LITERATURE`).

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
    return tyres / _rates(params)[1]


@unit_function("kg", monotone=True, area="m**2")
def crumb_rubber_mass(
    area: Magnitude, params: PavingParams | Preset | str = "literature"
) -> Magnitude:
    """Crumb rubber contained in ``area`` of rubber asphalt.

    Parameters
    ----------
    area : pint.Quantity or pint-pandas Series
        Paved area [area].
    params : PavingParams, Preset or str, optional
        Paving parameters: a record, a whole preset or a preset's name; default
        ``"literature"`` (:data:`wasteless.presets.LITERATURE`).

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
    return area * _rates(params)[0]


# Imported last, on purpose: the E-Town preset is calibrated with this module's formulas,
# so building the presets imports this module; whichever of the two is imported first,
# this module's functions exist before the presets need them.
from wasteless import presets as _presets  # noqa: E402
