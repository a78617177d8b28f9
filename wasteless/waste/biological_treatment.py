r"""CH₄ and N₂O of biological treatment: composting and anaerobic digestion (IPCC Tier 1).

IPCC 2006 Guidelines, Vol. 5, Ch. 4, Eqs. 4.1 and 4.2, with the default emission
factors of Table 4.1 (``wasteless/data/ipcc_treatment.toml``, from the project's IPCC
sheet §4; each with its range, distribution and quality tag):

.. math::

    \mathrm{CH_4} = \sum_i (M_i \cdot EF_i) \cdot 10^{-3} - R
    \qquad \text{(Eq. 4.1)}

    \mathrm{N_2O} = \sum_i (M_i \cdot EF_i) \cdot 10^{-3}
    \qquad \text{(Eq. 4.2)}

with :math:`M_i` the mass of organic waste treated by process *i* [Gg], :math:`EF_i`
its emission factor [g/kg], :math:`R` the CH₄ recovered (flared or used) in the
inventory year [Gg] and the results in Gg. The :math:`10^{-3}` is the unit conversion
(Gg × g/kg = 10⁻³ Gg); here pint does it, so any mass unit goes in and the gases come
out in tonnes. One call treats one process; add the records of two calls for both.

Default emission factors (Table 4.1, g per kg of waste treated; [S] unless marked):

=========================  ==========================  ==========================
process, gas               dry basis: default (range)  wet basis: default (range)
=========================  ==========================  ==========================
composting CH₄             10 (0.08–20)                4 (0.03–8)
composting N₂O             0.6 (0.2–1.6)               0.3 (0.06–0.6) [W]
anaerobic digestion CH₄    2 (0–20)                    0.8 (0–8)
anaerobic digestion N₂O    0 (assumed negligible)      0 (assumed negligible)
=========================  ==========================  ==========================

Table 4.1 assumes 25–50 % DOC and 2 % N in dry matter and 60 % moisture; its dry-basis
factors are the wet ones divided by (1 − 0.60). The wet composting N₂O factor is the
one the 2006 reprint prints, 0.3 [W]; bonsai_ipcc gives 0.24 (the sheet leaves its
edition unconfirmed, perhaps the 2019 Refinement), which is what the 60 % rule gives
from the dry 0.6. Override it with :func:`dataclasses.replace` if your inventory uses
0.24. The 2019 Refinement's Table 4.1 was not found.

Examples
--------
>>> from wasteless import Q_
>>> from wasteless.waste.biological_treatment import biological
>>> biological(Q_(1000, "t"), "composting")  # 1000 t x 4 g/kg; 1000 t x 0.3 g/kg
Emissions(CH4=4.0 t, N2O=0.3 t)
>>> biological(Q_(1000, "t"), "anaerobic_digestion", basis="dry")
Emissions(CH4=2.0 t, N2O=0.0 t)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from wasteless._validate import check_choice
from wasteless.climate import Emissions
from wasteless.errors import InputError
from wasteless.factors import Factor
from wasteless.units import (
    ARRAY,
    FRAME,
    MAPPING,
    SERIES,
    Measured,
    magnitude_in,
    unit_function,
    wrap,
)
from wasteless.waste._treatment import (
    NamedRecords,
    TreatmentParams,
    resolve,
    treatment_factor,
)

__all__ = ["BASES", "BIOLOGICAL_PARAMS", "PROCESSES", "BiologicalParams", "biological"]

PROCESSES: tuple[str, ...] = ("composting", "anaerobic_digestion")
"""Biological treatments of Table 4.1, named as the routes of :mod:`wasteless.waste.fractions`."""

_ALIASES = {"digestion": "anaerobic_digestion"}  # DESIGN's short spelling

BASES: tuple[str, ...] = ("wet", "dry")
"""Whether masses (and so emission factors) are of wet waste or of its dry matter."""

_EF_UNIT = "g/kg"


@dataclass(frozen=True, repr=False, eq=False)
class BiologicalParams(TreatmentParams):
    """Emission factors of biological treatment (IPCC 2006 Vol. 5 Table 4.1).

    Each field is named as its factor in ``wasteless/data/ipcc_treatment.toml``: a
    scalar Quantity [g/kg] or a 1-D array Quantity of Monte Carlo draws (all arrays of
    one length); :func:`biological` then computes every draw in one call.

    Parameters
    ----------
    composting_ch4_ef_wet, composting_ch4_ef_dry
        CH₄ per mass of waste composted, wet or dry basis [g/kg]; >= 0.
    composting_n2o_ef_wet, composting_n2o_ef_dry
        N₂O per mass of waste composted [g/kg].
    anaerobic_digestion_ch4_ef_wet, anaerobic_digestion_ch4_ef_dry
        CH₄ leaking from anaerobic digestion at biogas plants [g/kg].
    anaerobic_digestion_n2o_ef_wet, anaerobic_digestion_n2o_ef_dry
        N₂O of anaerobic digestion [g/kg] (Table 4.1: assumed negligible, 0).
    name
        Label shown in reprs.
    sources
        Factor record per field; filled in and corrected automatically (a changed value
        is recorded as user-supplied, ``[U]``).

    Examples
    --------
    >>> import dataclasses
    >>> from wasteless import Q_
    >>> p = BIOLOGICAL_PARAMS["ipcc-2006"]
    >>> p.composting_ch4_ef_wet, p.sources["composting_ch4_ef_wet"].tag
    (<Quantity(4.0, 'gram / kilogram')>, '[S]')
    >>> draws = dataclasses.replace(p, composting_ch4_ef_wet=Q_([2.0, 4.0, 6.0], "g/kg"))
    >>> draws.n_draws
    3
    """

    _units: ClassVar[Mapping[str, str]] = {
        f"{process}_{gas}_ef_{basis}": _EF_UNIT
        for process in PROCESSES
        for gas in ("ch4", "n2o")
        for basis in ("wet", "dry")
    }

    composting_ch4_ef_wet: Any
    composting_ch4_ef_dry: Any
    composting_n2o_ef_wet: Any
    composting_n2o_ef_dry: Any
    anaerobic_digestion_ch4_ef_wet: Any
    anaerobic_digestion_ch4_ef_dry: Any
    anaerobic_digestion_n2o_ef_wet: Any
    anaerobic_digestion_n2o_ef_dry: Any
    name: str = "custom"
    sources: Mapping[str, Factor] = field(default_factory=dict)


def _default(name: str) -> BiologicalParams:
    fields: dict[str, Any] = {key: treatment_factor(key) for key in BiologicalParams._units}
    return BiologicalParams(**fields, name=name)


BIOLOGICAL_PARAMS: Mapping[str, BiologicalParams] = NamedRecords(
    {"ipcc-2006": lambda: _default("ipcc-2006")}
)
"""Named parameter records: ``"ipcc-2006"``, the defaults of 2006 Vol. 5 Table 4.1."""


def _factor(params: BiologicalParams, key: str) -> Any:
    """One emission factor, repeated for every draw when the record holds draws."""
    value = params.magnitude(key)
    n = params.n_draws
    return value if n is None else np.broadcast_to(value, (n,))


def _with_draws(mass: Any, factor: Any) -> Any:
    """Mass × factor, the draws (if any) on a new last axis: shape mass.shape + (n,)."""
    if np.ndim(factor) == 1 and np.ndim(mass) >= 1:
        return np.asarray(mass)[..., None] * factor
    return mass * factor


@unit_function(None, mass="t")
def biological(
    mass: Any,
    process: str,
    *,
    basis: str = "wet",
    recovered: Any = None,
    params: BiologicalParams | str = "ipcc-2006",
) -> Emissions:
    r"""CH₄ and N₂O of composting or anaerobic digestion (IPCC 2006 Vol. 5 Eqs. 4.1, 4.2).

    Parameters
    ----------
    mass : pint.Quantity or pint-pandas Series
        Organic waste treated [mass], wet or dry as ``basis`` says; scalar, array or a
        Series (e.g. one value per year); >= 0.
    process : {"composting", "anaerobic_digestion"}
        The treatment (``"digestion"`` is accepted for ``"anaerobic_digestion"``).
    basis : {"wet", "dry"}, optional
        Whether ``mass`` is wet waste (default, as the IPCC Tier 1 method and most
        statistics count it) or its dry matter; selects the emission factors.
    recovered : pint.Quantity or pint-pandas Series, optional
        CH₄ recovered (flared or used for energy) in the same period [mass of CH₄],
        subtracted as Eq. 4.1 does; scalar or of the shape (and index) of ``mass``;
        default none. It may not exceed the CH₄ generated.
    params : BiologicalParams or str, optional
        Emission factors, or the name of a record of :data:`BIOLOGICAL_PARAMS`; default
        ``"ipcc-2006"``. Fields holding ``n`` Monte Carlo draws give ``n`` results per
        value of ``mass``, in one vectorised call.

    Returns
    -------
    wasteless.climate.Emissions
        ``CH4`` and ``N2O`` [t]; each of the container of ``mass`` (a Series keeps its
        index). With ``n`` draws in ``params``: arrays of shape ``mass.shape + (n,)``
        (a Series' index is then not kept).

    Raises
    ------
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError
        If ``mass`` or ``recovered`` is not a mass Quantity.
    wasteless.errors.InputError
        If ``mass`` is negative, NaN or infinite, a DataFrame or mapping; ``process``
        or ``basis`` is unknown; ``recovered`` is negative, of another shape or index,
        or exceeds the CH₄ generated.
    wasteless.errors.NotFoundError
        If ``params`` names no record.

    See Also
    --------
    wasteless.climate.co2e : the CO₂-equivalent of the result.

    Notes
    -----
    .. math::

        \mathrm{CH_4} = M \cdot EF_\mathrm{CH_4} - R, \qquad
        \mathrm{N_2O} = M \cdot EF_\mathrm{N_2O}

    (Eqs. 4.1 and 4.2 for one process; the :math:`10^{-3}` of the printed equations
    converts Gg × g/kg to Gg, which the units do here). The CH₄ of waste is biogenic:
    it is returned as ``CH4`` (non-fossil). Anaerobic digestion's factor is the
    facility's unintended leakage; the biogas it recovers and burns is not in it, so
    pass ``recovered`` only for CH₄ that the factor counted.

    References
    ----------
    IPCC (2006) 2006 IPCC Guidelines for National Greenhouse Gas Inventories, Vol. 5,
    Ch. 4, Eqs. 4.1, 4.2 and Table 4.1 (values as carried by the sources named in
    ``wasteless/data/ipcc_treatment.toml``; see the module docstring).

    Examples
    --------
    >>> import pandas as pd
    >>> from wasteless import Q_
    >>> # 10,000 t of kitchen waste composted, 20 t of CH4 flared: 40 - 20 = 20 t CH4
    >>> biological(Q_(1e4, "t"), "composting", recovered=Q_(20, "t"))
    Emissions(CH4=20.0 t, N2O=3.0 t)
    >>> yearly = pd.Series([1.0, 2.0], index=[2024, 2025], dtype="pint[Gg]")
    >>> biological(yearly, "digestion")["CH4"].pint.to("t").pint.magnitude.tolist()
    [0.8, 1.6]
    """
    measured: Measured = mass
    if measured.kind in (FRAME, MAPPING):
        raise InputError(
            "mass must be one mass Quantity or pint Series (the waste of one process); "
            f"got a {type(measured.source).__name__}"
        )
    if isinstance(process, str) and process in _ALIASES:
        process = _ALIASES[process]
    process = check_choice(process, "process", PROCESSES + tuple(_ALIASES))
    basis = check_choice(basis, "basis", BASES)
    chosen = resolve(params, BiologicalParams, BIOLOGICAL_PARAMS)
    per_kg = 1e-3  # g/kg -> t/t
    m = measured.values
    ch4 = _with_draws(m, _factor(chosen, f"{process}_ch4_ef_{basis}") * per_kg)
    n2o = _with_draws(m, _factor(chosen, f"{process}_n2o_ef_{basis}") * per_kg)
    if recovered is not None:
        ch4 = ch4 - _recovered(recovered, measured, ch4, chosen.n_draws)
    kind, index = measured.kind, measured.index
    if chosen.n_draws is not None and np.ndim(m) >= 1:
        kind, index = ARRAY, None  # one more axis than the Series: a plain array
    return Emissions(
        {
            "CH4": wrap(ch4, "t", kind, index, measured.name),
            "N2O": wrap(n2o, "t", kind, index, measured.name),
        }
    )


def _recovered(recovered: Any, mass: Measured, ch4: Any, n_draws: int | None) -> Any:
    """R of Eq. 4.1 in tonnes, checked against the mass's shape and the CH₄ generated."""
    r = magnitude_in(recovered, "t", "recovered")
    if np.any(np.asarray(r) < 0.0):
        raise InputError(f"recovered must be >= 0; got {recovered!r}")
    if isinstance(recovered, pd.Series) and (
        mass.kind != SERIES or not recovered.index.equals(mass.index)
    ):
        raise InputError(
            "recovered: a Series must have the index of mass (wasteless does not match rows "
            "by position)"
        )
    if np.ndim(r) and np.shape(r) != np.shape(mass.values):
        raise InputError(
            f"recovered must be a scalar or of the shape of mass {np.shape(mass.values)}; "
            f"got shape {np.shape(r)}"
        )
    if np.ndim(r) and n_draws is not None:
        r = np.asarray(r)[..., None]
    excess = np.asarray(r) > np.asarray(ch4)
    if excess.any():
        raise InputError(
            f"recovered must not exceed the CH4 generated (mass x EF; Eq. 4.1 subtracts "
            f"the CH4 recovered from it); it does in {int(excess.sum())} of {excess.size} "
            f"values (the largest generated is {float(np.max(ch4)):.6g} t; recovered "
            f"{recovered!r})"
        )
    return r
