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

Both use :class:`~wasteless.presets.CarbonParams`; the default is
:data:`wasteless.presets.LITERATURE` (one tyre = one passenger tyre equivalent,
9.07 kg, so about 30 kg CO₂ per tyre through coal equivalent, 24 kg by combustion).
CO₂ results are masses of CO₂ in tonnes.
"""

from __future__ import annotations

from wasteless.presets import _MJ_PER_TCE, LITERATURE, CarbonParams, Preset, carbon_params
from wasteless.units import FloatArray, unit_function

__all__ = ["co2_avoided", "coal_equivalent", "combustion_co2", "energy_content"]

Magnitude = float | FloatArray


@unit_function("MJ", tyres="tyre")
def energy_content(
    tyres: Magnitude, params: CarbonParams | Preset | str = LITERATURE.carbon
) -> Magnitude:
    """Heating value of ``tyres`` waste tyres: count × tyre mass × heating value.

    Parameters
    ----------
    tyres : pint.Quantity or pint-pandas Series
        Number of tyres [tyre]; finite and >= 0.
    params : CarbonParams, optional
        Carbon parameters; default :data:`wasteless.presets.LITERATURE` ``.carbon``
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
    return tyres * carbon_params(params).energy_per_tyre_mj


@unit_function("tce", tyres="tyre")
def coal_equivalent(
    tyres: Magnitude, params: CarbonParams | Preset | str = LITERATURE.carbon
) -> Magnitude:
    """Standard coal equivalent of the heating value of ``tyres`` waste tyres.

    Parameters
    ----------
    tyres : pint.Quantity or pint-pandas Series
        Number of tyres [tyre]; finite and >= 0.
    params : CarbonParams, optional
        Carbon parameters; default :data:`wasteless.presets.LITERATURE` ``.carbon``.

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
    return tyres * (carbon_params(params).energy_per_tyre_mj / _MJ_PER_TCE)


@unit_function("t", tyres="tyre")
def co2_avoided(
    tyres: Magnitude, params: CarbonParams | Preset | str = LITERATURE.carbon
) -> Magnitude:
    """CO₂ credited to ``tyres`` waste tyres through their coal equivalent.

    Counterfactual: the tyres' heating value, expressed as standard coal, is counted
    as coal not burned (see the module docstring). Not a pavement life-cycle figure.

    Parameters
    ----------
    tyres : pint.Quantity or pint-pandas Series
        Number of tyres [tyre]; finite and >= 0.
    params : CarbonParams, optional
        Carbon parameters; default :data:`wasteless.presets.LITERATURE` ``.carbon``
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
    return tyres * carbon_params(params).co2_per_tyre_t


@unit_function("t", tyres="tyre")
def combustion_co2(
    tyres: Magnitude, params: CarbonParams | Preset | str = LITERATURE.carbon
) -> Magnitude:
    """CO₂ that burning ``tyres`` waste tyres would emit (direct-combustion pathway).

    Counterfactual: the tyres would otherwise have been burned. Uses the US EPA
    stationary-combustion factor for tyres, 2,407 kg CO₂ per short ton [P].

    Parameters
    ----------
    tyres : pint.Quantity or pint-pandas Series
        Number of tyres [tyre]; finite and >= 0.
    params : CarbonParams, optional
        Carbon parameters; default :data:`wasteless.presets.LITERATURE` ``.carbon``.

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
    return tyres * carbon_params(params).combustion_co2_per_tyre_t
