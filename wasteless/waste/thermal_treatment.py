r"""CO₂, CH₄ and N₂O of waste incineration and open burning (IPCC Tier 1).

IPCC 2006 Guidelines, Vol. 5, Ch. 5, with the composition data of Ch. 2 Table 2.4
and the 2019 Refinement where it updates a default (``wasteless/data/ipcc_treatment.toml``,
from the project's IPCC sheet §5; each value with its range, distribution, edition and
quality tag). Fossil CO₂ comes from the fossil carbon burned (Eqs. 5.1/5.2):

.. math::

    \mathrm{CO_2} = \sum_i SW_i \cdot dm_i \cdot CF_i \cdot FCF_i \cdot OF \cdot 44/12

with :math:`SW_i` the wet mass of fraction *i* burned, :math:`dm_i` its dry-matter
content (fraction of wet weight), :math:`CF_i` the carbon in its dry matter,
:math:`FCF_i` the fossil share of that carbon, :math:`OF` the oxidation factor and
44/12 the mass ratio of CO₂ to C. The same sum with :math:`1 - FCF_i` is the
**biogenic CO₂**, returned apart (``CO2_biogenic``) and never counted in CO₂-equivalents:
the Guidelines report it as an information item. CH₄ and N₂O depend on the technology,
not on the fraction (Eqs. 5.4, 5.5):

.. math::

    \mathrm{CH_4} = \sum_i IW_i \cdot EF_\mathrm{CH_4} \cdot 10^{-6}, \qquad
    \mathrm{N_2O} = \sum_i IW_i \cdot EF_\mathrm{N_2O} \cdot 10^{-6}

(:math:`IW_i` in Gg of wet waste, EF in kg/Gg; the :math:`10^{-6}` converts kg to Gg,
which the units do here). The exact printed symbols of Eqs. 5.1 and 5.2 are not
confirmed by the sheet (its carrier, bonsai_ipcc, implements them "in accordance to
5.1 and 5.2").

Composition defaults (2006 Table 2.4, as fractions; ranges as bonsai_ipcc encodes
them; all [S]):

==============  ====  ================  ================
fraction        dm    CF (range)        FCF (range)
==============  ====  ================  ================
food            0.40  0.38 (0.20–0.50)  0
garden          0.40  0.49 (0.45–0.55)  0
paper           0.90  0.46 (0.42–0.50)  0.01 (0–0.05)
wood            0.84  0.50 (0.46–0.54)  0
textiles        0.80  0.50 (0.25–0.50)  0.20 (0–0.50)
nappies         0.40  0.70 (0.54–0.90)  0.10
rubber_leather  0.84  0.67              0.20
plastics        1.00  0.75 (0.67–0.85)  1.00 (0.95–1.00)
metal           1.00  0                 0
glass           1.00  0                 0
other           0.90  0.03 (0–0.05)     1.00 (0.50–1.00)
==============  ====  ================  ================

Paper's FCF is 0.01, the 2006 default (Oyama et al. 2019, and the Korean inventory
table); bonsai_ipcc has 0.0, a known deviation.

Oxidation factor (Table 5.2, 2019 Refinement [S]): 1.00 for incineration, 0.71
(0.6532–0.7668) for open burning; a weak carrier gives 0.58 as the (presumably 2006)
open-burning default, in the record ``"ipcc-2006-open-burning"``.

CH₄ and N₂O by incineration technology (kg per Gg of wet waste = g/t; 2019 Refinement
Tables 5.3/5.3a and 5.4/5.4a, Japanese rows, [S]; ``unspecified``: the world rows):

==================================  =====  =====
technology                          CH4    N2O
==================================  =====  =====
continuous_stoker                   0.2    47
continuous_fluidised_bed            0      67
semi_continuous_stoker              6      41
semi_continuous_fluidised_bed       188    68
batch_stoker                        60     56
batch_fluidised_bed                 237    221
gasification_melting_shaft          5.81   17.4
gasification_melting_fluidised_bed  9.7    5.8
gasification_melting_rotary_kiln    5.4    8.38
unspecified                         300    50
==================================  =====  =====

``unspecified`` CH₄ is 300 (70–1800) g/t, cited by bonsai_ipcc to 2006 Vol. 2
Table 2.2 ("other waste"), a table of factors per unit of energy: verify its unit
before relying on it. The 2006 rows of Tables 5.3 and 5.4 were not found.

Open burning: CH₄ 6500 (0–13000) g/t (2006 Ch. 5, p. 5.23 [S]). Its N₂O factor
(2006 Table 5.6) is **not confirmed** by any carrier, so :func:`open_burning` requires
it (``n2o_ef``) instead of assuming one.

Examples
--------
>>> from wasteless import Q_
>>> from wasteless.waste.thermal_treatment import incineration
>>> # 1 t of plastics: 1 x 1.00 x 0.75 x 1.00 x 1.00 x 44/12 = 2.75 t fossil CO2
>>> incineration({"plastics": Q_(1, "t")}, "continuous_stoker")
Emissions(CO2=2.75 t, CO2_biogenic=0.0 t, CH4=2e-07 t, N2O=4.7e-05 t)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from wasteless.climate import Emissions
from wasteless.errors import InputError
from wasteless.factors import Factor
from wasteless.units import (
    ARRAY,
    FRAME,
    MAPPING,
    RATIO,
    SCALAR,
    SERIES,
    FloatArray,
    Measured,
    unit_function,
    wrap,
)
from wasteless.waste._treatment import (
    NamedRecords,
    TreatmentParams,
    resolve,
    treatment_factor,
)
from wasteless.waste.fractions import FRACTIONS, check_name

__all__ = [
    "INCINERATION_PARAMS",
    "TECHNOLOGIES",
    "IncinerationParams",
    "incineration",
    "open_burning",
]

TECHNOLOGIES: tuple[str, ...] = (
    "continuous_stoker",
    "continuous_fluidised_bed",
    "semi_continuous_stoker",
    "semi_continuous_fluidised_bed",
    "batch_stoker",
    "batch_fluidised_bed",
    "gasification_melting_shaft",
    "gasification_melting_fluidised_bed",
    "gasification_melting_rotary_kiln",
    "unspecified",
)
"""Incineration technologies with sourced CH₄ and N₂O factors (2019R Tables 5.3, 5.4).

Continuous, semi-continuous and batch operation of stoker (grate) and fluidised-bed
furnaces, and pyrolysis/gasification-melting furnaces (shaft, fluidised bed, rotary
kiln); ``unspecified`` uses the world rows.
"""

_EF_UNIT = "kg/Gg"
_C_TO_CO2 = 44.0 / 12.0  # molar masses: CO2 / C
_PER_GG = 1e-6  # kg/Gg -> t/t

_DM = tuple(f"dm_{f}" for f in FRACTIONS)
_CF = tuple(f"cf_{f}" for f in FRACTIONS)
_FCF = tuple(f"fcf_{f}" for f in FRACTIONS)


def _field_units() -> dict[str, str]:
    units = {}
    for fraction in FRACTIONS:
        for part in ("dm", "cf", "fcf"):
            units[f"{part}_{fraction}"] = RATIO
    units["of_incineration"] = RATIO
    units["of_open_burning"] = RATIO
    for technology in TECHNOLOGIES:
        units[f"incineration_ch4_ef_{technology}"] = _EF_UNIT
        units[f"incineration_n2o_ef_{technology}"] = _EF_UNIT
    units["open_burning_ch4_ef"] = _EF_UNIT
    return units


@dataclass(frozen=True, repr=False, eq=False)
class IncinerationParams(TreatmentParams):
    """Parameters of incineration and open burning: composition, oxidation, emission factors.

    One record for both :func:`incineration` and :func:`open_burning`, so that a Monte
    Carlo draw of a fraction's carbon is the same draw in both. Each field is named as
    its factor in ``wasteless/data/ipcc_treatment.toml``: a scalar Quantity or a 1-D
    array of Monte Carlo draws (all arrays of one length); the models then compute
    every draw in one call.

    Parameters
    ----------
    dm_food, ..., dm_other
        Dry matter of each fraction of :data:`~wasteless.waste.fractions.FRACTIONS`,
        as a fraction of wet weight [percent or fraction].
    cf_food, ..., cf_other
        Total carbon in the dry matter [percent or fraction].
    fcf_food, ..., fcf_other
        Fossil share of that carbon [percent or fraction].
    of_incineration, of_open_burning
        Oxidation factors [percent or fraction].
    incineration_ch4_ef_<technology>, incineration_n2o_ef_<technology>
        CH₄ and N₂O per mass of wet waste incinerated, for each of
        :data:`TECHNOLOGIES` [kg/Gg = g/t]; >= 0.
    open_burning_ch4_ef
        CH₄ per mass of wet waste burned in the open [kg/Gg].
    name
        Label shown in reprs.
    sources
        Factor record per field; filled in and corrected automatically (a changed value
        is recorded as user-supplied, ``[U]``).

    Examples
    --------
    >>> import dataclasses
    >>> from wasteless import Q_
    >>> p = INCINERATION_PARAMS["ipcc-2019r"]
    >>> p.fcf_plastics, p.sources["fcf_plastics"].distribution
    (<Quantity(1.0, 'dimensionless')>, 'triangular')
    >>> dataclasses.replace(p, cf_plastics=Q_([70.0, 80.0], "percent")).n_draws
    2
    """

    _units: ClassVar[Mapping[str, str]] = _field_units()

    dm_food: Any
    cf_food: Any
    fcf_food: Any
    dm_garden: Any
    cf_garden: Any
    fcf_garden: Any
    dm_paper: Any
    cf_paper: Any
    fcf_paper: Any
    dm_wood: Any
    cf_wood: Any
    fcf_wood: Any
    dm_textiles: Any
    cf_textiles: Any
    fcf_textiles: Any
    dm_nappies: Any
    cf_nappies: Any
    fcf_nappies: Any
    dm_rubber_leather: Any
    cf_rubber_leather: Any
    fcf_rubber_leather: Any
    dm_plastics: Any
    cf_plastics: Any
    fcf_plastics: Any
    dm_metal: Any
    cf_metal: Any
    fcf_metal: Any
    dm_glass: Any
    cf_glass: Any
    fcf_glass: Any
    dm_other: Any
    cf_other: Any
    fcf_other: Any
    of_incineration: Any
    of_open_burning: Any
    incineration_ch4_ef_continuous_stoker: Any
    incineration_n2o_ef_continuous_stoker: Any
    incineration_ch4_ef_continuous_fluidised_bed: Any
    incineration_n2o_ef_continuous_fluidised_bed: Any
    incineration_ch4_ef_semi_continuous_stoker: Any
    incineration_n2o_ef_semi_continuous_stoker: Any
    incineration_ch4_ef_semi_continuous_fluidised_bed: Any
    incineration_n2o_ef_semi_continuous_fluidised_bed: Any
    incineration_ch4_ef_batch_stoker: Any
    incineration_n2o_ef_batch_stoker: Any
    incineration_ch4_ef_batch_fluidised_bed: Any
    incineration_n2o_ef_batch_fluidised_bed: Any
    incineration_ch4_ef_gasification_melting_shaft: Any
    incineration_n2o_ef_gasification_melting_shaft: Any
    incineration_ch4_ef_gasification_melting_fluidised_bed: Any
    incineration_n2o_ef_gasification_melting_fluidised_bed: Any
    incineration_ch4_ef_gasification_melting_rotary_kiln: Any
    incineration_n2o_ef_gasification_melting_rotary_kiln: Any
    incineration_ch4_ef_unspecified: Any
    incineration_n2o_ef_unspecified: Any
    open_burning_ch4_ef: Any
    name: str = "custom"
    sources: Mapping[str, Factor] = field(default_factory=dict)

    @functools.cached_property
    def carbon_by_fraction(self) -> tuple[FloatArray, FloatArray]:
        """Fossil and biogenic carbon per mass of wet waste, one row per fraction.

        ``dm · CF · FCF`` and ``dm · CF · (1 − FCF)`` for the fractions of
        :data:`~wasteless.waste.fractions.FRACTIONS`, in that order: shape (11,), or
        (11, n) when the record holds ``n`` draws. Computed once per record (a record
        is immutable).
        """
        n = self.n_draws
        dm, cf, fcf = (self.stacked(keys, n) for keys in (_DM, _CF, _FCF))
        carbon = dm * cf
        fossil, biogenic = carbon * fcf, carbon * (1.0 - fcf)
        fossil.flags.writeable = biogenic.flags.writeable = False
        return fossil, biogenic


def _record(name: str, **changes: str) -> IncinerationParams:
    fields: dict[str, Any] = {
        key: treatment_factor(changes.get(key, key)) for key in IncinerationParams._units
    }
    return IncinerationParams(**fields, name=name)


INCINERATION_PARAMS: Mapping[str, IncinerationParams] = NamedRecords(
    {
        "ipcc-2019r": lambda: _record("ipcc-2019r"),
        "ipcc-2006-open-burning": lambda: _record(
            "ipcc-2006-open-burning", of_open_burning="of_open_burning_2006"
        ),
    }
)
"""Named parameter records.

``"ipcc-2019r"`` (the default)
    2006 Table 2.4 composition, 2019 Refinement oxidation factors (Table 5.2) and
    technology emission factors (Tables 5.3, 5.4), 2006 open-burning CH₄.
``"ipcc-2006-open-burning"``
    The same, with the open-burning oxidation factor 0.58 that a weak carrier gives
    as the (presumably 2006) IPCC default, instead of the 2019 Refinement's 0.71. The
    2006 incineration rows of Tables 5.3 and 5.4 were not found, so no record is a
    pure 2006 set.
"""


def _fractions(measured: Measured) -> tuple[Any, Any, str, Any, Any]:
    """Positions in FRACTIONS, masses stacked (fractions first), and the container."""
    argument = "mass_by_fraction"
    if measured.kind == MAPPING:
        parts = measured.values
        names = [check_name(key, argument, FRACTIONS) for key in parts]
        kind, index, name = SCALAR, None, None
        for key, part in parts.items():
            if part.kind in (FRAME, MAPPING):
                raise InputError(f"{argument}[{key!r}] must be a mass Quantity or a pint Series")
            if part.kind == SERIES:
                if index is not None and not part.index.equals(index):
                    raise InputError(
                        f"{argument}: the fractions' Series have different indexes; align "
                        "them first (wasteless does not match rows by position)"
                    )
                kind, index, name = SERIES, part.index, part.name
            elif kind == SCALAR and np.ndim(part.values):
                kind = ARRAY
        arrays = [np.asarray(part.values) for part in parts.values()]
        try:
            shape = np.broadcast_shapes(*(a.shape for a in arrays))
        except ValueError:
            shapes = {key: np.shape(part.values) for key, part in parts.items()}
            raise InputError(
                f"{argument}: the fractions' arrays do not broadcast ({shapes})"
            ) from None
        if index is not None and shape != (len(index),):
            raise InputError(
                f"{argument}: with a Series every other fraction must be a scalar or of the "
                f"Series' length ({len(index)}); got shape {shape}"
            )
        masses = np.stack([np.broadcast_to(a, shape) for a in arrays])
    elif measured.kind == SERIES:
        names = [check_name(label, argument, FRACTIONS) for label in measured.index]
        masses, kind, index, name = np.asarray(measured.values), SCALAR, None, None
    elif measured.kind == FRAME:
        names = [check_name(column, argument, FRACTIONS) for column in measured.columns]
        masses = np.asarray(measured.values).T
        kind, index, name = SERIES, measured.index, None
    else:
        raise InputError(
            f"{argument} must say which fraction each mass is: a mapping {{fraction: mass}}, "
            "a pint Series indexed by fraction or a DataFrame with fraction columns; got one "
            "mass Quantity"
        )
    if len(set(names)) != len(names):
        raise InputError(f"{argument} names a fraction twice: {names}")
    positions = np.array([FRACTIONS.index(n) for n in names], dtype=np.intp)
    return positions, masses, kind, index, name


def _draws(params: IncinerationParams, extra: Any, argument: str) -> int | None:
    n = params.n_draws
    if np.ndim(extra) == 1 and np.size(extra) == 0:
        raise InputError(f"{argument} must hold at least one value; got an empty array")
    if np.ndim(extra) == 1:
        if n is not None and np.size(extra) != n:
            raise InputError(
                f"{argument} holds {np.size(extra)} values but params holds {n} draws; give "
                "one value per draw, or a scalar"
            )
        return int(np.size(extra))
    if np.ndim(extra) > 1:
        raise InputError(
            f"{argument} must be a scalar or 1-D with one value per draw; got shape "
            f"{np.shape(extra)}"
        )
    return n


def _burn(
    measured: Measured,
    params: IncinerationParams,
    oxidation: str,
    ch4_ef: Any,
    n2o_ef: Any,
    n: int | None,
) -> Emissions:
    """Eqs. 5.1/5.2, 5.4 and 5.5 on stacked fractions, every draw at once.

    The masses of all fractions, zero where none is given, are one matrix product with
    the record's carbon per fraction (cached): no loop over fractions or draws.
    """
    positions, masses, kind, index, name = _fractions(measured)
    every = np.zeros((len(FRACTIONS), *masses.shape[1:]))
    every[positions] = masses
    fossil_carbon, biogenic_carbon = params.carbon_by_fraction
    of = params.magnitude(oxidation) * _C_TO_CO2  # a float, or one per draw
    if params.n_draws is None:
        fossil = np.tensordot(fossil_carbon, every, axes=(0, 0)) * of
        biogenic = np.tensordot(biogenic_carbon, every, axes=(0, 0)) * of
    else:  # the draws on the last axis: masses.shape[1:] + (n,)
        fossil = np.tensordot(every, fossil_carbon, axes=(0, 0)) * of
        biogenic = np.tensordot(every, biogenic_carbon, axes=(0, 0)) * of
    total = np.asarray(masses.sum(axis=0))
    ch4 = (total[..., None] if np.ndim(ch4_ef) else total) * (ch4_ef * _PER_GG)
    n2o = (total[..., None] if np.ndim(n2o_ef) else total) * (n2o_ef * _PER_GG)
    gases = {"CO2": fossil, "CO2_biogenic": biogenic, "CH4": ch4, "N2O": n2o}
    if n is not None:
        # every gas carries the draws, also those whose factors are fixed
        shape = (*masses.shape[1:], n)
        gases = {
            gas: np.broadcast_to(
                value if np.ndim(value) == len(shape) else np.asarray(value)[..., None], shape
            )
            for gas, value in gases.items()
        }
        if kind == SERIES:
            kind, index = ARRAY, None  # one more axis than the Series: a plain array
        elif kind == SCALAR:
            kind = ARRAY
    return Emissions({gas: wrap(value, "t", kind, index, name) for gas, value in gases.items()})


@unit_function(None, mass_by_fraction="t")
def incineration(
    mass_by_fraction: Any,
    technology: str,
    *,
    params: IncinerationParams | str = "ipcc-2019r",
) -> Emissions:
    r"""Fossil and biogenic CO₂, CH₄ and N₂O of incinerating waste (IPCC 2006 Vol. 5 Ch. 5).

    Parameters
    ----------
    mass_by_fraction : Mapping, pint-pandas Series or pandas.DataFrame
        Wet mass incinerated, by fraction of
        :data:`~wasteless.waste.fractions.FRACTIONS` [mass]: a mapping fraction -> mass
        Quantity or pint Series (e.g. one value per year); a pint Series indexed by
        fraction; or a DataFrame with one pint column per fraction (one row per year).
        Fractions left out count as zero; >= 0.
    technology : str
        One of :data:`TECHNOLOGIES` (e.g. ``"continuous_stoker"``, a modern grate
        incinerator; ``"unspecified"`` for the world factors). Selects the CH₄ and N₂O
        factors; it has no default because they differ by three orders of magnitude.
    params : IncinerationParams or str, optional
        A parameter record, or the name of one of :data:`INCINERATION_PARAMS`;
        default ``"ipcc-2019r"``. Fields holding ``n`` Monte Carlo draws give ``n``
        results per row, in one vectorised call.

    Returns
    -------
    wasteless.climate.Emissions
        ``CO2`` (fossil), ``CO2_biogenic`` (reported apart, never counted in CO₂e),
        ``CH4`` and ``N2O`` [t], summed over the fractions: scalars for scalar masses
        or a Series indexed by fraction, Series on the rows' index for Series or a
        DataFrame. With ``n`` draws in ``params``: arrays with the draws on the last
        axis (a Series' index is then not kept).

    Raises
    ------
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError
        If a mass is a bare number or not a mass.
    wasteless.errors.NotFoundError
        For an unknown fraction (the closest is named) or ``params`` name.
    wasteless.errors.InputError
        For a negative, NaN or infinite mass, an unknown ``technology``, one mass
        Quantity with no fraction, a fraction named twice, or Series on different
        indexes.

    See Also
    --------
    open_burning : the same carbon balance with the open-burning factors.
    wasteless.climate.co2e : the CO₂-equivalent of the result.

    Notes
    -----
    .. math::

        \mathrm{CO_2} = \sum_i SW_i \, dm_i \, CF_i \, FCF_i \, OF \cdot 44/12
        \quad \text{(Eqs. 5.1, 5.2)}, \qquad
        \mathrm{CO_2^{bio}} = \sum_i SW_i \, dm_i \, CF_i \, (1 - FCF_i) \, OF \cdot 44/12

        \mathrm{CH_4} = \sum_i SW_i \, EF_\mathrm{CH_4} \quad \text{(Eq. 5.4)}, \qquad
        \mathrm{N_2O} = \sum_i SW_i \, EF_\mathrm{N_2O} \quad \text{(Eq. 5.5)}

    The defaults and their sources are tabulated in the module docstring. Ash carbon
    left unburned is what :math:`OF < 1` accounts for; for incineration OF = 1.

    References
    ----------
    IPCC (2006) 2006 IPCC Guidelines for National Greenhouse Gas Inventories, Vol. 5,
    Ch. 2 Table 2.4 and Ch. 5 Eqs. 5.1, 5.2, 5.4, 5.5; IPCC (2019) 2019 Refinement,
    Vol. 5, Ch. 5 Tables 5.2, 5.3, 5.4 (values as carried by the sources named in
    ``wasteless/data/ipcc_treatment.toml``).

    Examples
    --------
    >>> import pandas as pd
    >>> from wasteless import Q_
    >>> # food: 100 x 0.40 x 0.38 x 1 x 44/12 = 55.73 t biogenic CO2, no fossil CO2
    >>> food = incineration({"food": Q_(100, "t")}, "unspecified")
    >>> round(food["CO2_biogenic"].magnitude, 2), food["CO2"].magnitude
    (55.73, 0.0)
    >>> # a table of years: paper adds 10 x 0.90 x 0.46 x 0.01 x 44/12 = 0.1518 t in 2025
    >>> year = pd.Index([2024, 2025], name="year")
    >>> years = pd.DataFrame({"plastics": pd.Series([1.0, 2.0], year, dtype="pint[t]"),
    ...                       "paper": pd.Series([0.0, 10.0], year, dtype="pint[t]")})
    >>> incineration(years, "continuous_stoker")["CO2"].pint.magnitude.round(4).tolist()
    [2.75, 5.6518]
    """
    technology = check_name(technology, "technology", TECHNOLOGIES)
    chosen = resolve(params, IncinerationParams, INCINERATION_PARAMS)
    n = chosen.n_draws
    ch4_ef = chosen.magnitude(f"incineration_ch4_ef_{technology}")
    n2o_ef = chosen.magnitude(f"incineration_n2o_ef_{technology}")
    return _burn(mass_by_fraction, chosen, "of_incineration", ch4_ef, n2o_ef, n)


@unit_function(None, mass_by_fraction="t", n2o_ef=_EF_UNIT)
def open_burning(
    mass_by_fraction: Any,
    *,
    n2o_ef: Any,
    params: IncinerationParams | str = "ipcc-2019r",
) -> Emissions:
    r"""Fossil and biogenic CO₂, CH₄ and N₂O of burning waste in the open (IPCC Vol. 5 Ch. 5).

    The carbon balance of :func:`incineration` with the oxidation factor of open
    burning, and the open-burning CH₄ factor; the N₂O factor is an argument because no
    carrier confirms the Guidelines' default (2006 Table 5.6).

    Parameters
    ----------
    mass_by_fraction : Mapping, pint-pandas Series or pandas.DataFrame
        Wet mass burned in the open, by fraction [mass]; as for :func:`incineration`.
    n2o_ef : pint.Quantity
        N₂O per mass of wet waste burned [kg/Gg, = g/t]; required. A scalar, or a 1-D
        array of Monte Carlo draws (as many as ``params`` holds, if it holds any).
        bonsai_ipcc uses 600 (food) and 1500 (plastics) g/t without citing its source
        row; check them against 2006 Table 5.6 before use.
    params : IncinerationParams or str, optional
        As for :func:`incineration`; ``"ipcc-2019r"`` (default) has OF = 0.71,
        ``"ipcc-2006-open-burning"`` the (presumably 2006, [W]) OF = 0.58.

    Returns
    -------
    wasteless.climate.Emissions
        ``CO2``, ``CO2_biogenic``, ``CH4``, ``N2O`` [t]; as for :func:`incineration`.

    Raises
    ------
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError
        If a mass or ``n2o_ef`` is a bare number or of the wrong dimension.
    wasteless.errors.NotFoundError
        For an unknown fraction or ``params`` name.
    wasteless.errors.InputError
        As for :func:`incineration`; and for a negative ``n2o_ef`` or one whose number
        of draws differs from ``params``'.

    See Also
    --------
    incineration

    Notes
    -----
    .. math::

        \mathrm{CO_2} = \sum_i MSW_{B,i} \, dm_i \, CF_i \, FCF_i \, OF_B \cdot 44/12,
        \qquad \mathrm{CH_4} = \sum_i MSW_{B,i} \, EF_{B,\mathrm{CH_4}}, \qquad
        \mathrm{N_2O} = \sum_i MSW_{B,i} \, EF_{B,\mathrm{N_2O}}

    (Eqs. 5.1/5.2, 5.4, 5.5 with the open-burning factors; biogenic CO₂ with
    :math:`1 - FCF_i`, reported apart).

    References
    ----------
    IPCC (2006) 2006 IPCC Guidelines, Vol. 5, Ch. 5 (p. 5.23 for CH₄); IPCC (2019)
    2019 Refinement, Vol. 5, Ch. 5 Table 5.2 (OF).

    Examples
    --------
    >>> from wasteless import Q_
    >>> # 1 t of plastics: 2.75 x 0.71 = 1.9525 t CO2; 6500 g/t -> 6.5 kg CH4
    >>> burned = open_burning({"plastics": Q_(1, "t")}, n2o_ef=Q_(150, "g/t"))
    >>> burned["CO2"], burned["CH4"].to("kg"), burned["N2O"].to("kg")
    (<Quantity(1.9525, 'metric_ton')>, <Quantity(6.5, 'kilogram')>, <Quantity(0.15, 'kilogram')>)
    """
    chosen = resolve(params, IncinerationParams, INCINERATION_PARAMS)
    factor: Measured = n2o_ef
    if factor.kind not in (SCALAR, ARRAY):
        raise InputError(
            "n2o_ef must be a Quantity: a scalar, or a 1-D array of Monte Carlo draws; got a "
            f"{type(factor.source).__name__}"
        )
    n2o_ef = factor.values
    n = _draws(chosen, n2o_ef, "n2o_ef")
    ch4_ef = chosen.magnitude("open_burning_ch4_ef")
    return _burn(mass_by_fraction, chosen, "of_open_burning", ch4_ef, n2o_ef, n)
