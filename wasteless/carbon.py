r"""Waste tyres → energy → standard coal equivalent → CO₂ avoided, and the combustion pathway.

Two pathways, for two different counterfactuals. Say which one a figure uses.

**Coal-equivalent pathway** (:func:`energy_content`, :func:`coal_equivalent`,
:func:`co2_avoided`). The tyres' heating value is expressed as standard coal
equivalent and credited with the CO₂ that burning that much coal would emit:

.. math::

    E = N \, m_\mathrm{tyre} \, H, \qquad
    C_\mathrm{ce} = E / (29.3076\ \mathrm{GJ/tce}), \qquad
    \mathrm{CO_2} = C_\mathrm{ce} \, e_\mathrm{ce}

The counterfactual credited: *energy worth this much coal was saved*. This is how the
E-Town report arrives at its figure (123,000 tce, 307,000 t CO₂ for 2.73 million
tyres). It is not a pavement life-cycle assessment: it credits neither the asphalt
displaced nor the emissions of grinding tyres and paving, and it counts the tyres'
energy as "saved" although paving does not recover it.

**Direct-combustion pathway** (:func:`combustion_co2`). The CO₂ the tyres would have
emitted had they been burned (tyre-derived fuel, open burning or incineration),
:math:`N \, m_\mathrm{tyre} \, e_\mathrm{tyre}` with the US EPA factor for tyres
(2,407 kg CO₂ per short ton = 2.65 kg/kg). The counterfactual credited: *these tyres
would otherwise have been burned*. EPA's own waste factors do not credit avoided
combustion; use this pathway as a comparison, not as an accounting standard.

The formulas live here, as float kernels; both pathways take their parameters from a
record of sourced values, a :class:`~wasteless.presets.CarbonParams`; the default is
:data:`wasteless.presets.LITERATURE` (one tyre = one passenger tyre equivalent,
9.07 kg, so about 30 kg CO₂ per tyre through coal equivalent, 24 kg by combustion).
CO₂ results are masses of CO₂ in tonnes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from wasteless.units import FloatArray, quantity, unit_function, ureg

if TYPE_CHECKING:
    from wasteless.presets import CarbonParams, Preset

__all__ = [
    "co2_avoided",
    "co2_avoided_per_tyre",
    "coal_equivalent",
    "coal_equivalent_per_tyre",
    "combustion_co2",
    "combustion_co2_per_tyre",
    "energy_content",
    "energy_per_tyre",
]

Magnitude = float | FloatArray

# 1 tce = 29 307.6 MJ (GB/T 2589: 1 kgce = 7000 kcal_IT), from the unit units.py defines.
MJ_PER_TCE = float(ureg.Quantity(1.0, "tce").to("MJ").magnitude)


def _chains(v: Mapping[str, Magnitude]) -> tuple[Magnitude, ...]:
    """Per tyre: energy [MJ], coal equivalent [tce], CO₂ through it [t], CO₂ burned [t]."""
    energy = v["tyre_mass"] * v["heating_value"]
    coal = energy / MJ_PER_TCE
    co2 = coal * v["co2_per_coal_equivalent"]
    burned = v["tyre_mass"] * v["combustion_co2"] / 1000.0
    return energy, coal, co2, burned


_LABELS = ("energy per tyre", "coal equivalent per tyre", "CO2 per tyre", "CO2 burned")


def _rates(params: CarbonParams | Preset | str) -> tuple[Magnitude, ...]:
    """Per tyre: energy [MJ], coal equivalent [tce], CO₂ through it [t], CO₂ burned [t].

    The chains' formulas (:func:`_chains`), computed once per record and checked once
    (``CarbonParams._derived_rates``).
    """
    return _presets.carbon_params(params)._derived_rates("carbon", _chains, _LABELS)


def energy_per_tyre(params: CarbonParams | Preset | str = "literature") -> Any:
    r"""Heating value of one counted tyre: tyre mass × heating value.

    Parameters
    ----------
    params : CarbonParams, Preset or str, optional
        A parameter record, a whole preset or a preset's name; default ``"literature"``.

    Returns
    -------
    pint.Quantity
        Energy per tyre [MJ/tyre]; one value per draw for a record of draws.

    Raises
    ------
    wasteless.errors.InputError
        For an unknown preset, or parameters whose product is not a finite number > 0.

    Examples
    --------
    >>> energy_per_tyre()
    <Quantity(316.5..., 'megajoule / tyre')>
    """
    return quantity(_rates(params)[0], "MJ/tyre")


def coal_equivalent_per_tyre(params: CarbonParams | Preset | str = "literature") -> Any:
    r"""Standard coal equivalent of one counted tyre: its heating value / 29.3076 GJ/tce.

    Parameters
    ----------
    params : CarbonParams, Preset or str, optional
        A parameter record, a whole preset or a preset's name; default ``"literature"``.

    Returns
    -------
    pint.Quantity
        Coal equivalent per tyre [tce/tyre].

    Raises
    ------
    wasteless.errors.InputError
        As for :func:`energy_per_tyre`.

    Examples
    --------
    >>> coal_equivalent_per_tyre("etown-2019").to("kgce/tyre")
    <Quantity(45.05..., 'kilogram_coal_equivalent / tyre')>
    """
    return quantity(_rates(params)[1], "tce/tyre")


def co2_avoided_per_tyre(params: CarbonParams | Preset | str = "literature") -> Any:
    r"""CO₂ credited per tyre through its coal equivalent (see :func:`co2_avoided`).

    Parameters
    ----------
    params : CarbonParams, Preset or str, optional
        A parameter record, a whole preset or a preset's name; default ``"literature"``.

    Returns
    -------
    pint.Quantity
        Mass of CO₂ per tyre [t/tyre].

    Raises
    ------
    wasteless.errors.InputError
        As for :func:`energy_per_tyre`.

    Examples
    --------
    >>> co2_avoided_per_tyre().to("kg/tyre")
    <Quantity(29.94..., 'kilogram / tyre')>
    """
    return quantity(_rates(params)[2], "t/tyre")


def combustion_co2_per_tyre(params: CarbonParams | Preset | str = "literature") -> Any:
    r"""CO₂ that burning one tyre emits (see :func:`combustion_co2`).

    Parameters
    ----------
    params : CarbonParams, Preset or str, optional
        A parameter record, a whole preset or a preset's name; default ``"literature"``.

    Returns
    -------
    pint.Quantity
        Mass of CO₂ per tyre [t/tyre].

    Raises
    ------
    wasteless.errors.InputError
        As for :func:`energy_per_tyre`.

    Examples
    --------
    >>> combustion_co2_per_tyre().to("kg/tyre")
    <Quantity(24.07, 'kilogram / tyre')>
    """
    return quantity(_rates(params)[3], "t/tyre")


@unit_function("MJ", monotone=True, tyres="tyre")
def energy_content(
    tyres: Magnitude, params: CarbonParams | Preset | str = "literature"
) -> Magnitude:
    """Heating value of ``tyres`` waste tyres: count × tyre mass × heating value.

    Parameters
    ----------
    tyres : pint.Quantity or pint-pandas Series
        Number of tyres [tyre]; finite and >= 0.
    params : CarbonParams, Preset or str, optional
        Carbon parameters: a record, a whole preset or a preset's name; default
        ``"literature"`` (:data:`wasteless.presets.LITERATURE`)
        (9.07 kg PTE, 15,000 Btu/lb [S], RMA).

    Returns
    -------
    pint.Quantity or pint-pandas Series
        Energy [MJ].

    Raises
    ------
    wasteless.errors.MissingUnitsError
        If ``tyres`` is a bare number.
    wasteless.errors.UnitsError
        If ``tyres`` is not a tyre count.
    wasteless.errors.InputError
        If ``tyres`` is negative, NaN or infinite.

    Examples
    --------
    >>> from wasteless import Q_
    >>> energy_content(Q_(1, "tyre"))
    <Quantity(316.5..., 'megajoule')>
    """
    return tyres * _rates(params)[0]


@unit_function("tce", monotone=True, tyres="tyre")
def coal_equivalent(
    tyres: Magnitude, params: CarbonParams | Preset | str = "literature"
) -> Magnitude:
    """Standard coal equivalent of the heating value of ``tyres`` waste tyres.

    Parameters
    ----------
    tyres : pint.Quantity or pint-pandas Series
        Number of tyres [tyre]; finite and >= 0.
    params : CarbonParams, Preset or str, optional
        Carbon parameters: a record, a whole preset or a preset's name; default
        ``"literature"`` (:data:`wasteless.presets.LITERATURE`).

    Returns
    -------
    pint.Quantity or pint-pandas Series
        Standard coal equivalent [tce]; 1 tce = 29.3076 GJ (GB/T 2589).

    Raises
    ------
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError, wasteless.errors.InputError
        As for :func:`energy_content`.

    Examples
    --------
    >>> from wasteless import Q_, presets
    >>> coal_equivalent(Q_(2.73e6, "tyre"), presets.ETOWN_2019.carbon)
    <Quantity(123000.0..., 'tonne_coal_equivalent')>
    """
    return tyres * _rates(params)[1]


@unit_function("t", monotone=True, tyres="tyre")
def co2_avoided(tyres: Magnitude, params: CarbonParams | Preset | str = "literature") -> Magnitude:
    """CO₂ credited to ``tyres`` waste tyres through their coal equivalent.

    Counterfactual: the tyres' heating value, expressed as standard coal, is counted
    as coal not burned (see the module docstring). Not a pavement life-cycle figure.

    Parameters
    ----------
    tyres : pint.Quantity or pint-pandas Series
        Number of tyres [tyre]; finite and >= 0.
    params : CarbonParams, Preset or str, optional
        Carbon parameters: a record, a whole preset or a preset's name; default
        ``"literature"`` (:data:`wasteless.presets.LITERATURE`)
        (IPCC 2006 bituminous coal, 94.6 t CO₂/TJ = 2.77 t CO₂/tce [P]).

    Returns
    -------
    pint.Quantity or pint-pandas Series
        Mass of CO₂ [t].

    Raises
    ------
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError, wasteless.errors.InputError
        As for :func:`energy_content`.

    See Also
    --------
    combustion_co2 : the direct-combustion counterfactual.

    Examples
    --------
    >>> from wasteless import Q_, presets
    >>> co2_avoided(Q_(2.73e6, "tyre"), presets.ETOWN_2019.carbon)
    <Quantity(307000.0..., 'metric_ton')>
    >>> co2_avoided(Q_(1, "tyre")).to("kg")
    <Quantity(29.94..., 'kilogram')>
    """
    return tyres * _rates(params)[2]


@unit_function("t", monotone=True, tyres="tyre")
def combustion_co2(
    tyres: Magnitude, params: CarbonParams | Preset | str = "literature"
) -> Magnitude:
    """CO₂ that burning ``tyres`` waste tyres would emit (direct-combustion pathway).

    Counterfactual: the tyres would otherwise have been burned. Uses the US EPA
    stationary-combustion factor for tyres, 2,407 kg CO₂ per short ton [P].

    Parameters
    ----------
    tyres : pint.Quantity or pint-pandas Series
        Number of tyres [tyre]; finite and >= 0.
    params : CarbonParams, Preset or str, optional
        Carbon parameters: a record, a whole preset or a preset's name; default
        ``"literature"`` (:data:`wasteless.presets.LITERATURE`).

    Returns
    -------
    pint.Quantity or pint-pandas Series
        Mass of CO₂ [t].

    Raises
    ------
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError, wasteless.errors.InputError
        As for :func:`energy_content`.

    See Also
    --------
    co2_avoided : the coal-equivalent pathway.

    Examples
    --------
    >>> from wasteless import Q_
    >>> combustion_co2(Q_(1, "tyre")).to("kg")
    <Quantity(24.07, 'kilogram')>
    """
    return tyres * _rates(params)[3]


# Imported last, on purpose: the E-Town preset is calibrated with this module's formulas,
# so building the presets imports this module; whichever of the two is imported first,
# this module's functions exist before the presets need them.
from wasteless import presets as _presets  # noqa: E402
