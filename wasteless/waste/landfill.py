r"""Landfill methane: the IPCC first-order decay (FOD) model, 2006 Guidelines Vol. 5 Ch. 3.

Degradable organic carbon put into a solid waste disposal site (SWDS, a landfill or a dump)
decays over years to landfill gas, about half of it methane. The IPCC model (Tier 1 with
default parameters, or Tier 2 with the user's own) follows the decomposable part of that
carbon, year by year and per waste type:

.. math::

    \mathrm{DDOCm} &= W \cdot \mathrm{DOC} \cdot \mathrm{DOC_f} \cdot \mathrm{MCF}
        && \text{(Eq. 3.2)} \\
    \mathrm{DDOCma}_T &= \mathrm{DDOCmd}_T + \mathrm{DDOCma}_{T-1} \, e^{-k}
        && \text{(Eq. 3.4)} \\
    \mathrm{DDOCm\ decomp}_T &= \mathrm{DDOCma}_{T-1} \, (1 - e^{-k})
        && \text{(Eq. 3.5)} \\
    \mathrm{CH_4\ generated}_T &= \mathrm{DDOCm\ decomp}_T \cdot F \cdot 16/12
        && \text{(Eq. 3.6)} \\
    \mathrm{CH_4\ emitted}_T &= \Bigl(\sum_x \mathrm{CH_4\ generated}_{x,T} - R_T\Bigr)
        \, (1 - \mathrm{OX}_T) && \text{(Eq. 3.1)}

with :math:`W` the wet mass deposited, DOC its degradable organic carbon (fraction of wet
weight, Table 2.4), :math:`\mathrm{DOC_f}` the fraction of it that decomposes, MCF the
methane correction factor of the site type (Table 3.1), :math:`k = \ln 2 / t_{1/2}` the
decay rate of the waste type in the climate zone (Table 3.3), :math:`F` the methane
fraction of landfill gas, :math:`R_T` the methane recovered (subtracted *before*
oxidation) and OX the fraction oxidised in the cover (Table 3.2). 16/12 turns carbon
into methane. Rubber and leather, plastics, metal, glass and other inert waste have DOC 0
(Table 2.4): they produce no methane here, and no DOCf or k applies to them.

Two views, two functions
------------------------
:func:`landfill_methane`, the **inventory** view
    The methane emitted in each inventory year from all the waste deposited so far (what
    a national or city inventory reports for a year).
:func:`committed_methane`, the **committed** view
    All the methane one year's deposit will emit over a horizon, booked in the year of
    deposit (how US EPA WARM and diversion credits count: "landfilling this tonne commits
    so much methane"). Over an infinite horizon it is
    :math:`W \cdot \mathrm{DOC} \cdot \mathrm{DOC_f} \cdot \mathrm{MCF} \cdot F \cdot 16/12
    \cdot (1 - \mathrm{OX})`, i.e. :math:`W L_0 (1 - \mathrm{OX})`.

The sum of one deposit's inventory emissions over the years ``t0 … t0 + H`` is its
committed emission with horizon ``H`` (tested).

When decay starts
-----------------
Eqs 3.4-3.5 let nothing decompose in the year of deposition. The IPCC Waste Model
(Annex 3A.1) has a *reaction-start month* :math:`M`: waste deposited in year :math:`T`
decays from month :math:`M` of that year, so that a part
:math:`\mathrm{DDOCmd}_T \, (1 - e^{-k (13 - M)/12})` decomposes in year :math:`T` and
:math:`\mathrm{DDOCmd}_T \, e^{-k (13 - M)/12}` enters the accumulation of Eq. 3.4 (the
form the carrier of the sheet, PIK's ``calcWasteEmissions.R``, writes "from IPCC model with
time delay"). :math:`M = 13` is Eqs 3.4-3.5 exactly and is the default (record
``reaction_start_month``, the value the carrier uses). The Waste Model's "default delay of
six months" and the rule :math:`M = \text{delay} + 7` could not be confirmed, so no
``delay`` argument is offered: pass ``reaction_start_month`` (1 to 13) explicitly.

Parameters, defaults and their sources
--------------------------------------
:class:`LandfillParams` holds every sourced value the model uses, flat, one field per
factor (``doc_food``, ``docf_food``, ``k_food_boreal_temperate_wet``,
``mcf_managed_anaerobic``, ``oxidation_managed_anaerobic``, ``methane_fraction_f``, …),
with its :class:`~wasteless.factors.Factor` record in ``sources``. The records live in
``wasteless/data/ipcc_landfill.toml`` (:func:`landfill_factors`): value, unit, range,
distribution, source table, edition, carrier and quality tag. No value there is
primary ([P]): the sheet they come from read the tables through secondary carriers
(bonsai-ipcc's data files, the US EPA's k table, 40 CFR 98 Table HH-1). Two named sets:

``"ipcc-2006"`` (the default)
    The 2006 defaults. DOCf is the bulk-MSW default 0.5 for every waste type (one record,
    ``docf_msw``, shared by the six ``docf_*`` fields).
``"ipcc-docf-by-type"``
    The same with DOCf by waste type (food and garden 0.7, paper, textiles and nappies
    0.5, wood 0.1). bonsai-ipcc carries these as 2006 Table 3.5; they are probably the
    2019 Refinement's: **edition unconfirmed**, and the records say so.

Monte Carlo
-----------
Any field may hold one value per draw (a 1-D array, all of one length ``n``):
``dataclasses.replace(params, k_food_tropical_wet=Q_(draws, "1/year"))``. Every function
then computes all draws in one vectorised call, with the draws on a new leading axis:
NumPy over (draws × fractions) at each step of a loop over the years of the recursion.
That loop is the cheapest correct form when ``k`` differs between draws: the closed
form (a lower-triangular matrix of :math:`e^{-k (T - t)}` per draw and fraction) costs
``years/2`` times the arithmetic and ``years`` times the memory, and the cumulative-sum
form :math:`e^{-kT} \sum_t W_t e^{kt}` overflows float64 for :math:`kT > 709` and needs
the whole years × fractions × draws array. The recursion runs on the deposited *mass*
(its weights per draw and fraction are fixed in time), so each year costs three passes
over a (fractions × draws) array; see ``benchmarks/bench_waste.py``. Fields sharing one
record (the DOCf of ``"ipcc-2006"``) must get the same draws:
:meth:`LandfillParams.with_values` sets every field of a record at once.

Results larger than :data:`MEMORY_BUDGET` are refused before anything is allocated
(split the draws: they are independent).

References
----------
IPCC (2006). 2006 IPCC Guidelines for National Greenhouse Gas Inventories, Vol. 5
Waste, Ch. 2 (Table 2.4) and Ch. 3 (Eqs 3.1-3.6, Tables 3.1-3.3, 3.5, Annex 3A.1).
Values read through the carriers named in each record (see
``reference/ipcc-waste-factors.md``).

This module is long (about 800 lines of code, the rest docstrings) because it is one
topic: the first-order decay model, its parameter record and its two views share one
recursion, one layout of deposits and one set of checks.

Examples
--------
>>> import pandas as pd
>>> from wasteless import Q_
>>> deposits = pd.DataFrame({"food": [1000.0, 0.0, 0.0]}, index=[2020, 2021, 2022],
...                         dtype="pint[t]")
>>> table = landfill_methane(deposits, climate="boreal_temperate_wet", site="managed_anaerobic")
>>> table["ch4_emitted"].pint.magnitude.round(3).tolist()
[0.0, 8.445, 7.018]
>>> committed_methane(Q_(1000, "t"), fraction="food", climate="boreal_temperate_wet",
...                   site="managed_anaerobic")
<Quantity(50.0, 'metric_ton')>
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt
import pandas as pd

from wasteless._data import read_toml
from wasteless._validate import check_flag, check_text, check_whole
from wasteless.errors import InputError
from wasteless.factors import Factor
from wasteless.presets import Params
from wasteless.units import (
    ARRAY,
    FRAME,
    MAPPING,
    RATIO,
    SCALAR,
    SERIES,
    Measured,
    as_fraction,
    magnitude_in,
    pint_series,
    quantity,
    unit_function,
)
from wasteless.waste.fractions import CLIMATE_ZONES, FRACTIONS, SITE_TYPES, check_name

__all__ = [
    "DEGRADABLE_FRACTIONS",
    "MEMORY_BUDGET",
    "PARAMS_NAMES",
    "LandfillMethane",
    "LandfillParams",
    "committed_methane",
    "landfill_factors",
    "landfill_methane",
    "landfill_params",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

DEGRADABLE_FRACTIONS: tuple[str, ...] = ("food", "garden", "paper", "wood", "textiles", "nappies")
"""The fractions with degradable organic carbon (DOC > 0, IPCC 2006 Table 2.4).

The others (rubber and leather, plastics, metal, glass, other inert) have DOC 0: no
landfill methane, and no DOCf or decay rate applies to them.
"""

PARAMS_NAMES: tuple[str, ...] = ("ipcc-2006", "ipcc-docf-by-type")
"""The named landfill parameter sets (see :func:`landfill_params`)."""

MEMORY_BUDGET: int = 1 << 30
"""Bytes (1 GiB) the arrays of one call may take; a larger call is refused before it starts.

Estimated from the result arrays and the working arrays of the recursion (8 bytes per
value; twice that for pandas results, whose index is as long as the values). 100 years of
100,000 draws take about 0.3 GB; by fraction, about 11 times more, which is refused:
split the draws (they are independent) or leave ``by_fraction`` off. Raise it at your own
risk: ``wasteless.waste.landfill.MEMORY_BUDGET = 4 << 30``.
"""

_CH4_PER_C = 16.0 / 12.0  # molecular weight ratio CH4 / C (Eq. 3.6)
_MAX_YEARS = 10_000  # the span of one computation, deposits to the last inventory year
_RATE = "1/year"
_TOLERANCE = 1e-9  # recovered may exceed generated by this much, relatively (rounding)


def _field_units() -> dict[str, str]:
    units: dict[str, str] = {}
    for fraction in DEGRADABLE_FRACTIONS:
        units[f"doc_{fraction}"] = RATIO
    for fraction in DEGRADABLE_FRACTIONS:
        units[f"docf_{fraction}"] = RATIO
    for fraction in DEGRADABLE_FRACTIONS:
        for zone in CLIMATE_ZONES:
            units[f"k_{fraction}_{zone}"] = _RATE
    for site in SITE_TYPES:
        units[f"mcf_{site}"] = RATIO
    for site in SITE_TYPES:
        units[f"oxidation_{site}"] = RATIO
    units["methane_fraction_f"] = RATIO
    return units


# --- parameters ---------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class LandfillParams(Params):
    """The sourced parameters of the FOD model, one field per factor record.

    Every field is named after its factor record in ``wasteless/data/ipcc_landfill.toml``
    and holds a Quantity (or a :class:`~wasteless.factors.Factor`, or for a fraction a
    bare float in [0, 1]): a scalar, or a 1-D array with one value per Monte Carlo draw
    (all such arrays of one length). Build the defaults with :func:`landfill_params`;
    override any field with :func:`dataclasses.replace` (a changed value is recorded as
    user-supplied, ``[U]``; an array of draws keeps its record as the distribution's
    source).

    Parameters
    ----------
    doc_food, doc_garden, doc_paper, doc_wood, doc_textiles, doc_nappies
        Degradable organic carbon, fraction of wet weight (Table 2.4) [fraction].
    docf_food, docf_garden, docf_paper, docf_wood, docf_textiles, docf_nappies
        Fraction of the DOC that decomposes [fraction].
    k_<fraction>_<zone>
        Decay rate of each of the six fractions in each climate zone of
        :data:`~wasteless.waste.fractions.CLIMATE_ZONES` (Table 3.3), 24 fields, e.g.
        ``k_food_boreal_temperate_wet`` [1/year].
    mcf_<site>
        Methane correction factor of each site type of
        :data:`~wasteless.waste.fractions.SITE_TYPES` (Table 3.1) [fraction].
    oxidation_<site>
        Oxidation factor OX of each site type (Table 3.2) [fraction].
    methane_fraction_f
        F, the fraction of methane by volume in landfill gas [fraction].
    name
        Label shown in reprs.
    sources
        Factor record per field; filled in and corrected automatically.

    Raises
    ------
    InputError
        For a fraction outside [0, 1], a negative or non-finite decay rate, an array of
        more than one dimension or of another length than the others, or bad ``sources``.

    Examples
    --------
    >>> import dataclasses
    >>> from wasteless import Q_
    >>> p = landfill_params("ipcc-2006")
    >>> p.k_food_boreal_temperate_wet, p.sources["k_food_boreal_temperate_wet"].tag
    (<Quantity(0.185, '1 / year')>, '[S]')
    >>> slow = dataclasses.replace(p, k_food_boreal_temperate_wet=Q_(0.1, "1/year"))
    >>> slow.sources["k_food_boreal_temperate_wet"].tag
    '[U]'
    >>> p.sources["docf_food"].key  # the 2006 bulk-MSW DOCf, one record for all fractions
    'docf_msw'
    """

    _units: ClassVar[Mapping[str, str]] = MappingProxyType(_field_units())

    doc_food: Any
    doc_garden: Any
    doc_paper: Any
    doc_wood: Any
    doc_textiles: Any
    doc_nappies: Any
    docf_food: Any
    docf_garden: Any
    docf_paper: Any
    docf_wood: Any
    docf_textiles: Any
    docf_nappies: Any
    k_food_boreal_temperate_dry: Any
    k_food_boreal_temperate_wet: Any
    k_food_tropical_dry: Any
    k_food_tropical_wet: Any
    k_garden_boreal_temperate_dry: Any
    k_garden_boreal_temperate_wet: Any
    k_garden_tropical_dry: Any
    k_garden_tropical_wet: Any
    k_paper_boreal_temperate_dry: Any
    k_paper_boreal_temperate_wet: Any
    k_paper_tropical_dry: Any
    k_paper_tropical_wet: Any
    k_wood_boreal_temperate_dry: Any
    k_wood_boreal_temperate_wet: Any
    k_wood_tropical_dry: Any
    k_wood_tropical_wet: Any
    k_textiles_boreal_temperate_dry: Any
    k_textiles_boreal_temperate_wet: Any
    k_textiles_tropical_dry: Any
    k_textiles_tropical_wet: Any
    k_nappies_boreal_temperate_dry: Any
    k_nappies_boreal_temperate_wet: Any
    k_nappies_tropical_dry: Any
    k_nappies_tropical_wet: Any
    mcf_managed_anaerobic: Any
    mcf_managed_semi_aerobic: Any
    mcf_unmanaged_deep: Any
    mcf_unmanaged_shallow: Any
    mcf_uncategorised: Any
    oxidation_managed_anaerobic: Any
    oxidation_managed_semi_aerobic: Any
    oxidation_unmanaged_deep: Any
    oxidation_unmanaged_shallow: Any
    oxidation_uncategorised: Any
    methane_fraction_f: Any
    name: str = "custom"
    sources: Mapping[str, Factor] = field(default_factory=dict, compare=False)

    def shared_sources(self) -> dict[str, tuple[str, ...]]:
        """Factor records behind more than one field: record key -> the fields it sets.

        In Monte Carlo such fields must get the *same* draws (one uncertain value, e.g.
        the 2006 bulk-MSW DOCf applied to every fraction): draw once per record and set
        them with :meth:`with_values`.

        Examples
        --------
        >>> landfill_params("ipcc-2006").shared_sources()["docf_msw"]
        ('docf_food', 'docf_garden', 'docf_paper', 'docf_wood', 'docf_textiles', 'docf_nappies')
        >>> landfill_params("ipcc-docf-by-type").shared_sources()
        {}
        """
        by_record: dict[str, list[str]] = {}
        for key in self._units:
            record = self.sources.get(key)
            if record is not None and record.quality not in ("U", "C"):
                by_record.setdefault(record.key, []).append(key)
        return {record: tuple(keys) for record, keys in by_record.items() if len(keys) > 1}

    def with_values(self, values: Mapping[str, Any], name: str | None = None) -> LandfillParams:
        """A copy with new values, keyed by factor record (or field): shared records at once.

        Parameters
        ----------
        values
            Record key or field name -> value (a Quantity, a bare fraction, or a 1-D
            array Quantity of draws). A record key sets every field whose record it is
            (see :meth:`shared_sources`).
        name
            Name of the copy (default: this one's).

        Raises
        ------
        NotFoundError
            For a key that is neither a field nor the record of one.

        Examples
        --------
        >>> import numpy as np
        >>> from wasteless import Q_
        >>> draws = Q_(np.array([0.4, 0.6]), "")
        >>> p = landfill_params("ipcc-2006").with_values({"docf_msw": draws})
        >>> p.docf_food.magnitude.tolist(), p.docf_wood.magnitude.tolist(), p.n_draws
        ([0.4, 0.6], [0.4, 0.6], 2)
        """
        if not isinstance(values, Mapping):
            raise InputError(f"values must be a mapping of record key to value; got {values!r}")
        changes: dict[str, Any] = {}
        for key, value in values.items():
            fields = (
                [key]
                if key in self._units
                else [f for f in self._units if key == getattr(self.sources.get(f), "key", None)]
            )
            if not fields:
                check_name(key, "values key", tuple(self._units))  # raises, with the closest
            self._number(value, f"values[{key!r}]", self._units[fields[0]])  # errors name it
            for name_ in fields:
                changes[name_] = value
        new_name = self.name if name is None else check_text(name, "name")
        return dataclasses.replace(self, name=new_name, **changes)


@functools.cache
def landfill_factors() -> Mapping[str, Factor]:
    """Every record of ``wasteless/data/ipcc_landfill.toml`` as a Factor, keyed by name.

    The file's ``edition`` and ``carrier`` are folded into each record's ``source``
    ("…; edition: 2006; carrier: bonsai_ipcc 0.5.3 …"), so that the records render like
    the other factors. Besides the FOD parameters it holds the Eastern Asia / China MSW
    defaults of the reference sheet's section 3 (generation per person, shares by
    treatment); their composition is :func:`wasteless.waste.streams.composition_factors`.

    Examples
    --------
    >>> f = landfill_factors()["k_food_tropical_wet"]
    >>> f.quantity, f.tag, f.distribution
    (<Quantity(0.4, '1 / year')>, '[S]', 'triangular')
    >>> f.range
    (<Quantity(0.17, '1 / year')>, <Quantity(0.7, '1 / year')>)
    >>> "edition: 2006" in f.source
    True
    """
    records = read_toml("ipcc_landfill.toml")
    table: dict[str, Factor] = {}
    for key, record in records.items():
        fields = dict(record)
        edition, carrier = fields.pop("edition"), fields.pop("carrier")
        fields["source"] = f"{fields['source']}; edition: {edition}; carrier: {carrier}"
        table[key] = Factor(key=key, **fields)
    return MappingProxyType(table)


@functools.cache
def _named(name: str) -> LandfillParams:
    table = landfill_factors()
    values: dict[str, Any] = {}
    for key in LandfillParams._units:
        if key.startswith("docf_") and name == "ipcc-2006":
            values[key] = table["docf_msw"]  # the 2006 default: one DOCf for bulk MSW
        else:
            values[key] = table[key]
    return LandfillParams(**values, name=name)


def landfill_params(params: LandfillParams | str = "ipcc-2006") -> LandfillParams:
    """A landfill parameter set: a :class:`LandfillParams` itself, or one by name.

    Parameters
    ----------
    params : LandfillParams or str, optional
        ``"ipcc-2006"`` (default): the IPCC 2006 defaults, DOCf 0.5 for every waste type.
        ``"ipcc-docf-by-type"``: the same with DOCf by waste type (edition unconfirmed,
        probably the 2019 Refinement; see the module docstring).

    Returns
    -------
    LandfillParams

    Raises
    ------
    NotFoundError
        For an unknown name (the message lists the names).
    InputError
        For anything that is neither a name nor a LandfillParams.

    Examples
    --------
    >>> landfill_params()
    <LandfillParams 'ipcc-2006'>
    >>> landfill_params("ipcc-docf-by-type").docf_food
    <Quantity(0.7, 'dimensionless')>
    """
    if isinstance(params, LandfillParams):
        return params
    if isinstance(params, str):
        return _named(check_name(params, "params", PARAMS_NAMES))
    raise InputError(
        f"params must be a LandfillParams or one of {', '.join(map(repr, PARAMS_NAMES))}; "
        f"got {params!r}"
    )


def _default(key: str) -> float:
    return landfill_factors()[key].value


# --- checks at the edge ----------------------------------------------------------------------


def _year_values(values: Any, name: str) -> IntArray:
    """Consecutive, increasing whole years as int64 (from a sequence, array or Index)."""
    if isinstance(values, (str, bytes)) or not isinstance(
        values, (Sequence, np.ndarray, pd.Index, range)
    ):
        raise InputError(
            f"{name} must be a sequence of consecutive whole years, e.g. range(2000, 2051); "
            f"got {values!r:.80}"
        )
    try:
        array = np.asarray(values)
    except (TypeError, ValueError):
        raise InputError(f"{name} must hold whole years; got {values!r:.80}") from None
    if array.ndim != 1 or array.size == 0:
        raise InputError(f"{name} must be a non-empty 1-D sequence of years; got {values!r:.80}")
    if array.dtype.kind not in "iuf" or array.dtype == np.bool_:
        raise InputError(f"{name} must hold whole years (numbers); got dtype {array.dtype}")
    with np.errstate(invalid="ignore"):
        whole = np.isfinite(array) & (array == np.round(array)) & (np.abs(array) < 1e9)
    if not whole.all():
        raise InputError(f"{name} must hold whole years; got {values!r:.80}")
    years = array.astype(np.int64)
    steps = np.diff(years)
    if steps.size and not (steps == 1).all():
        at = int(np.flatnonzero(steps != 1)[0])
        raise InputError(
            f"{name} must be consecutive, increasing years (one row per year, no gaps); "
            f"{years[at]} is followed by {years[at + 1]}"
        )
    return years


def _fraction_columns(columns: Any, name: str) -> list[str]:
    return [check_name(column, name, FRACTIONS) for column in columns]


@dataclass(frozen=True)
class _Rates:
    """Per-call arrays of the degradable fractions given, shape (fractions, draws)."""

    fractions: tuple[str, ...]  # degradable fractions given, in the order of deposits
    positions: tuple[int, ...]  # their columns in the deposits
    ddocm: FloatArray  # DOC * DOCf * MCF: decomposable DOC per tonne of waste (Eq. 3.2)
    k: FloatArray  # decay rate, 1/year
    methane: FloatArray  # F * 16/12 (draws,)
    oxidation: FloatArray  # OX (draws,)
    n: int  # draws (1 without)
    draws: bool


def _rates(
    params: LandfillParams, fractions: Sequence[str], climate: str, site: str, n: int | None
) -> _Rates:
    values = params.values
    n_params = params.n_draws
    if n is not None and n_params is not None and n != n_params:
        raise InputError(
            f"deposits hold {n} Monte Carlo draws but params hold {n_params}: give one "
            "number of draws"
        )
    size = n if n is not None else (n_params or 1)
    given = [(i, f) for i, f in enumerate(fractions) if f in DEGRADABLE_FRACTIONS]
    shape = (len(given), size)

    def per_draw(key: str) -> FloatArray:
        return np.broadcast_to(np.asarray(values[key], dtype=np.float64), (size,))

    ddocm = np.empty(shape)
    k = np.empty(shape)
    mcf = per_draw(f"mcf_{site}")
    for row, (_, fraction) in enumerate(given):
        ddocm[row] = per_draw(f"doc_{fraction}") * per_draw(f"docf_{fraction}") * mcf
        k[row] = per_draw(f"k_{fraction}_{climate}")
    return _Rates(
        fractions=tuple(f for _, f in given),
        positions=tuple(i for i, _ in given),
        ddocm=ddocm,
        k=k,
        methane=np.ascontiguousarray(per_draw("methane_fraction_f") * _CH4_PER_C),
        oxidation=np.ascontiguousarray(per_draw(f"oxidation_{site}")),
        n=size,
        draws=n is not None or n_params is not None,
    )


def _start_month(value: Any) -> int:
    if value is None:
        return int(_default("reaction_start_month"))
    return check_whole(value, "reaction_start_month", 1, 13)


def _check_budget(n_values: float, pandas: bool) -> None:
    needed = 8.0 * n_values * (2.0 if pandas else 1.0)
    if needed > MEMORY_BUDGET:
        raise InputError(
            f"this call would need about {needed / 1e9:.1f} GB for its arrays, over the "
            f"memory budget of {MEMORY_BUDGET / 1e9:.1f} GB "
            "(wasteless.waste.landfill.MEMORY_BUDGET): split the Monte Carlo draws into "
            "batches (they are independent), ask for fewer years, or leave by_fraction off"
        )


# --- the recursion ---------------------------------------------------------------------------


def _decay(
    deposits: FloatArray,
    rates: _Rates,
    month: int,
    *,
    by_fraction: bool,
    ddocm: bool,
) -> dict[str, FloatArray]:
    """DDOCm decomposed (and deposited, accumulated) per year of the grid, in t of carbon.

    ``deposits`` is (years, fractions) or (years, fractions, draws) of the degradable
    fractions, in t of wet waste. Results are (years, draws), or (years, fractions,
    draws) when ``by_fraction``.

    The deposited share that does not react in its first year, a = exp(-k (13 - M)/12),
    is constant in time, so the accumulation of Eq. 3.4 is ``DDOCm * a * B_T`` with
    ``B_T = B_{T-1} e^{-k} + W_T`` a recursion on the deposited *mass*; Eq. 3.5 then
    gives ``DDOCm (1 - e^{-k}) a B_{T-1} + DDOCm (1 - a) W_T`` decomposed in year T.
    Each year costs three passes over (fractions x draws): one weighted sum over the
    fractions and two to update B.
    """
    years = deposits.shape[0]
    fractions, n = rates.ddocm.shape
    r = np.exp(-rates.k)  # e^{-k}: the part of the accumulation left after a year
    lag = (13.0 - month) / 12.0  # years of decay in the deposition year (0 when M = 13)
    a = np.exp(-rates.k * lag)
    w_accumulated = rates.ddocm * (-np.expm1(-rates.k)) * a  # DDOCm (1 - e^{-k}) a
    w_first = rates.ddocm * (-np.expm1(-rates.k * lag))  # DDOCm (1 - a): 0 when M = 13
    first_year = month != 13
    per_draw_deposits = deposits.ndim == 3
    out: dict[str, FloatArray] = {}
    b = np.zeros((fractions, n))
    step = np.empty((fractions, n)) if (by_fraction or first_year) else None
    if by_fraction:
        decomposed = np.empty((years, fractions, n))
        accumulated: FloatArray | None = np.empty((years, fractions, n)) if ddocm else None
        ca = rates.ddocm * a
        for t in range(years):
            w_t = deposits[t] if per_draw_deposits else deposits[t][:, None]
            np.multiply(w_accumulated, b, out=decomposed[t])
            if first_year:
                assert step is not None
                np.multiply(w_first, w_t, out=step)
                decomposed[t] += step
            b *= r
            b += w_t
            if accumulated is not None:
                np.multiply(ca, b, out=accumulated[t])
        out["decomposed"] = decomposed
        if accumulated is not None:
            out["accumulated"] = accumulated
            out["deposited"] = (
                deposits * rates.ddocm if per_draw_deposits else deposits[:, :, None] * rates.ddocm
            )
        return out
    decomposed = np.zeros((years, n))
    # decomposed in the deposition year (M < 13), all years at once
    if first_year:
        if per_draw_deposits:
            decomposed += np.einsum("tfn,fn->tn", deposits, w_first)
        else:
            decomposed += deposits @ w_first
    accumulated = np.empty((years, n)) if ddocm else None
    ca = rates.ddocm * a
    row = np.empty(n)
    for t in range(years):
        w_t = deposits[t] if per_draw_deposits else deposits[t][:, None]
        if t:  # B_{-1} = 0
            np.einsum("fn,fn->n", w_accumulated, b, out=row)
            decomposed[t] += row
        b *= r
        b += w_t
        if accumulated is not None:
            np.einsum("fn,fn->n", ca, b, out=accumulated[t])
    out["decomposed"] = decomposed
    if accumulated is not None:
        out["accumulated"] = accumulated
        out["deposited"] = (
            np.einsum("tfn,fn->tn", deposits, rates.ddocm)
            if per_draw_deposits
            else deposits @ rates.ddocm
        )
    return out


# --- the inventory view ----------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class LandfillMethane:
    """Landfill methane per inventory year: the result of :func:`landfill_methane`.

    Every mass is a Quantity in tonnes, of shape (years,), or (draws, years) when the
    parameters or deposits hold Monte Carlo draws; with ``by_fraction`` a last axis
    runs over :attr:`fractions`.

    Attributes
    ----------
    years
        The inventory years (int64).
    ch4_generated
        CH4 generated (Eq. 3.6) [t CH4].
    ch4_recovered
        CH4 recovered, R of Eq. 3.1 [t CH4].
    ch4_emitted
        CH4 emitted, (generated - recovered) (1 - OX) (Eq. 3.1) [t CH4].
    fractions
        The fractions of the last axis with ``by_fraction``; empty otherwise.
    n_draws
        The number of Monte Carlo draws (None without).
    ddocm_deposited, ddocm_decomposed, ddocm_accumulated
        With ``ddocm=True``: decomposable DOC deposited (Eq. 3.2), decomposed (Eq. 3.5)
        and accumulated at the end of the year (Eq. 3.4) [t C]; else None.
    """

    years: IntArray
    ch4_generated: Any
    ch4_recovered: Any
    ch4_emitted: Any
    fractions: tuple[str, ...] = ()
    n_draws: int | None = None
    ddocm_deposited: Any = None
    ddocm_decomposed: Any = None
    ddocm_accumulated: Any = None

    def __repr__(self) -> str:
        span = f"{self.years[0]}-{self.years[-1]}"
        draws = f", {self.n_draws} draws" if self.n_draws else ""
        by = f", by fraction ({len(self.fractions)})" if self.fractions else ""
        return f"<LandfillMethane {span}{draws}{by}>"

    def columns(self) -> dict[str, Any]:
        """The results by column name (``ch4_generated``, ``ch4_generated_food``, …)."""
        out: dict[str, Any] = {}
        names = ["ch4_generated", "ch4_recovered", "ch4_emitted"]
        if self.ddocm_deposited is not None:
            names += ["ddocm_deposited", "ddocm_decomposed", "ddocm_accumulated"]
        for name in names:
            value = getattr(self, name)
            if self.fractions:
                out[name] = value.sum(axis=-1)
                for i, fraction in enumerate(self.fractions):
                    out[f"{name}_{fraction}"] = value[..., i]
            else:
                out[name] = value
        return out

    def to_frame(self) -> pd.DataFrame:
        """The results as a table of pint columns indexed by ``year`` (and ``draw``).

        Without draws the index is the inventory years; with draws it is a MultiIndex
        (``year``, ``draw``), one row per year and draw. With ``by_fraction``, per-fraction
        columns (``ch4_emitted_food``, …) follow the totals.

        Examples
        --------
        >>> from wasteless import Q_
        >>> deposits = Q_([[10.0] + [0.0] * 10], "t")
        >>> result = landfill_methane(deposits, years=[2020, 2021], climate="tropical_wet",
        ...                           site="uncategorised")
        >>> result.to_frame().columns.tolist()
        ['ch4_generated', 'ch4_recovered', 'ch4_emitted']
        """
        years = pd.Index(self.years, name="year")
        if self.n_draws:
            index: pd.Index = pd.MultiIndex.from_product(
                [years, pd.RangeIndex(self.n_draws, name="draw")]
            )
        else:
            index = years
        columns = {}
        for name, value in self.columns().items():
            magnitude = np.asarray(value.magnitude)
            if self.n_draws:
                magnitude = magnitude.T.ravel()  # year-major, as the index
            columns[name] = pint_series(magnitude, value.units, index)
        return pd.DataFrame(columns, index=index)


@unit_function(None, deposits="t")
def landfill_methane(
    deposits: Measured,
    params: LandfillParams | str = "ipcc-2006",
    *,
    climate: str,
    site: str,
    years: Any = None,
    recovered: Any = None,
    recovered_fraction: Any = 0.0,
    reaction_start_month: int | None = None,
    by_fraction: bool = False,
    ddocm: bool = False,
) -> Any:
    r"""Methane from a landfill in each inventory year: the IPCC FOD inventory view.

    The methane each inventory year receives from every deposit made so far (Eqs 3.1-3.6
    of the 2006 Guidelines, Vol. 5 Ch. 3), per waste fraction, vectorised over years ×
    fractions × Monte Carlo draws.

    Parameters
    ----------
    deposits : pandas.DataFrame or pint.Quantity
        Wet waste deposited per year, by fraction [mass], any mass unit; finite, >= 0.
        A DataFrame indexed by consecutive whole years with one pint column per fraction
        (names of :data:`~wasteless.waste.fractions.FRACTIONS`; absent fractions count
        as 0), e.g. dtype ``"pint[t]"``. Or a 2-D Quantity (years × fractions), columns
        in the order of :data:`~wasteless.waste.fractions.FRACTIONS` (all 11), with
        ``years``; or a 3-D Quantity (draws × years × fractions), one deposit history per
        Monte Carlo draw.
    params : LandfillParams or str, optional
        The parameters (default ``"ipcc-2006"``, see :func:`landfill_params`); fields may
        hold one value per Monte Carlo draw.
    climate : str
        Climate zone of :data:`~wasteless.waste.fractions.CLIMATE_ZONES` (chooses k,
        Table 3.3).
    site : str
        Site type of :data:`~wasteless.waste.fractions.SITE_TYPES` (chooses MCF and OX,
        Tables 3.1-3.2).
    years : sequence of int, optional
        The inventory years to report: consecutive and increasing. With a DataFrame,
        default its index; they may run past the last deposit (e.g. 30 years after
        deposits stop) or start later (earlier deposits still decay into them); deposits
        after the last inventory year change nothing reported. With a Quantity, required:
        row ``i`` of ``deposits`` was deposited in ``years[0] + i``, so ``years`` has at
        least as many years as ``deposits`` rows; later years have no deposits.
    recovered : pint.Quantity or pint-pandas Series, optional
        CH4 recovered in each inventory year, R of Eq. 3.1 [mass], subtracted before
        oxidation: a scalar (every year), one value per inventory year, or a Series
        indexed by the inventory years. Default 0 (record ``recovered_ch4``: "0 unless
        measured"). May not exceed the CH4 generated in any year (or draw); with Monte
        Carlo draws prefer ``recovered_fraction``.
    recovered_fraction : float or pint.Quantity, optional
        CH4 recovered as a share of the CH4 generated [fraction or percent]: a scalar
        or one per inventory year; default 0. bonsai-ipcc's convention for R. Not
        together with ``recovered``.
    reaction_start_month : int, optional
        Month (1-13) of the deposition year in which decay starts; default 13 (record
        ``reaction_start_month``): nothing decomposes in the deposition year, as Eqs
        3.4-3.5 have it. See Notes.
    by_fraction : bool, optional
        Also give each fraction's methane (a last axis, or ``ch4_emitted_food``, …
        columns). Recovery is shared out in proportion to generation.
    ddocm : bool, optional
        Also give the decomposable DOC deposited, decomposed and accumulated [t C]
        (``ddocm_deposited``, ``ddocm_decomposed``, ``ddocm_accumulated``), e.g. for a
        mass balance.

    Returns
    -------
    pandas.DataFrame or LandfillMethane
        For a DataFrame: a DataFrame indexed by ``year`` (with draws: by ``year`` and
        ``draw``) with pint columns ``ch4_generated``, ``ch4_recovered`` and
        ``ch4_emitted`` [t], then the per-fraction and DDOCm columns asked for. For a
        Quantity: a :class:`LandfillMethane` of Quantities [t] of shape (years,) or
        (draws, years), by fraction with a last axis over
        :data:`~wasteless.waste.fractions.FRACTIONS`.

    Raises
    ------
    wasteless.errors.MissingUnitsError
        If ``deposits`` (or a column) has no units.
    wasteless.errors.UnitsError
        If ``deposits`` or ``recovered`` is not a mass.
    wasteless.errors.InputError
        For negative, NaN or infinite masses; years that are not consecutive and
        increasing (or a missing ``years`` with a Quantity); a deposits shape other than
        (years, 11) or (draws, years, 11); a number of draws that differs between
        ``deposits`` and ``params``; ``recovered`` above the CH4 generated, or together
        with ``recovered_fraction``; a ``reaction_start_month`` outside 1-13; a call
        whose arrays would exceed :data:`MEMORY_BUDGET`.
    wasteless.errors.NotFoundError
        For an unknown fraction (a column name), climate zone, site type or parameter
        set name; the message names the closest.

    See Also
    --------
    committed_methane : all the methane one year's deposit will emit.
    landfill_params : the parameter sets.

    Notes
    -----
    Per fraction :math:`x`, with :math:`\mathrm{DDOCmd}_{x,T} = W_{x,T} \,
    \mathrm{DOC}_x \, \mathrm{DOC}_{f,x} \, \mathrm{MCF}` (Eq. 3.2):

    .. math::

        \mathrm{DDOCma}_{x,T} &= \mathrm{DDOCmd}_{x,T} \, a_x
            + \mathrm{DDOCma}_{x,T-1} \, e^{-k_x} \\
        \mathrm{DDOCm\ decomp}_{x,T} &= \mathrm{DDOCma}_{x,T-1} \, (1 - e^{-k_x})
            + \mathrm{DDOCmd}_{x,T} \, (1 - a_x) \\
        \mathrm{CH_4\ emitted}_T &= \Bigl(\sum_x \mathrm{DDOCm\ decomp}_{x,T}
            \, F \, \tfrac{16}{12} - R_T\Bigr) (1 - \mathrm{OX})

    with :math:`a_x = e^{-k_x (13 - M)/12}` the share of a deposit that has not reacted
    by the end of its deposition year (IPCC Waste Model, Annex 3A.1, as the carrier
    writes it). :math:`M = 13` gives :math:`a = 1`: Eqs 3.4 and 3.5 exactly (the
    default). The Waste Model's "six-month default delay" (:math:`M = 13` by the rule
    :math:`M = \text{delay} + 7`) is unconfirmed, hence no ``delay`` argument.
    Emissions before the first deposit year are 0 (no earlier waste is assumed).

    References
    ----------
    IPCC (2006), Vol. 5, Ch. 3, Eqs 3.1-3.6, Tables 3.1-3.3 and Annex 3A.1; the values
    as carried in ``wasteless/data/ipcc_landfill.toml`` (see :func:`landfill_factors`).

    Examples
    --------
    One year of food waste in a managed anaerobic landfill, temperate and wet, followed
    for 30 years (IPCC 2006 defaults: DOC 0.15, DOCf 0.5, MCF 1, F 0.5, k 0.185/yr, OX 0):

    >>> import pandas as pd
    >>> from wasteless import Q_
    >>> food = pd.DataFrame({"food": [1000.0]}, index=[2020], dtype="pint[t]")
    >>> table = landfill_methane(food, climate="boreal_temperate_wet",
    ...                          site="managed_anaerobic", years=range(2020, 2050))
    >>> round(float(table["ch4_emitted"].pint.magnitude.sum()), 1)  # of 50 t in all
    49.7

    With 1,000 Monte Carlo draws of the food decay rate, in one call:

    >>> import dataclasses, numpy as np
    >>> k = np.random.default_rng(1).triangular(0.10, 0.185, 0.20, 1000)
    >>> drawn = dataclasses.replace(landfill_params(),
    ...                             k_food_boreal_temperate_wet=Q_(k, "1/year"))
    >>> deposits = Q_(np.tile([1000.0] + [0.0] * 10, (20, 1)), "t")  # 1000 t/yr of food
    >>> result = landfill_methane(deposits, drawn, years=range(2001, 2021),
    ...                           climate="boreal_temperate_wet", site="managed_anaerobic")
    >>> result.ch4_emitted.shape
    (1000, 20)
    """
    params = landfill_params(params)
    climate = check_name(climate, "climate", CLIMATE_ZONES)
    site = check_name(site, "site", SITE_TYPES)
    by_fraction = check_flag(by_fraction, "by_fraction")
    ddocm = check_flag(ddocm, "ddocm")
    month = _start_month(reaction_start_month)
    values = deposits.values
    n_deposit_draws: int | None = None
    if deposits.kind == FRAME:
        fractions = _fraction_columns(deposits.columns, "deposits column")
        if len(deposits.index) == 0:
            raise InputError("deposits has no rows: give at least one year of deposits")
        deposit_years = _year_values(deposits.index, "deposits index")
        inventory = deposit_years if years is None else _year_values(years, "years")
    elif deposits.kind == ARRAY and values.ndim in (2, 3):
        if values.shape[-1] != len(FRACTIONS):
            raise InputError(
                f"deposits must have one column per fraction, {len(FRACTIONS)} in the "
                f"order of FRACTIONS ({', '.join(FRACTIONS)}); got shape {values.shape}"
            )
        if values.ndim == 3:
            n_deposit_draws = values.shape[0]
            values = np.moveaxis(values, 0, -1)  # (years, fractions, draws)
        fractions = list(FRACTIONS)
        if years is None:
            raise InputError(
                "years is required with a Quantity of deposits: the inventory years, of "
                "which the first len(deposits) are the years of the deposits' rows"
            )
        inventory = _year_values(years, "years")
        if inventory.size < values.shape[0]:
            raise InputError(
                f"years ({inventory.size}) must cover every row of deposits "
                f"({values.shape[0]}): row i was deposited in years[0] + i"
            )
        deposit_years = inventory[0] + np.arange(values.shape[0], dtype=np.int64)
    else:
        raise InputError(
            "deposits must be a DataFrame of pint columns by fraction indexed by year, or "
            f"a 2-D (years x fractions) or 3-D (draws x years x fractions) mass Quantity; "
            f"got {'a ' + deposits.kind if deposits.kind != ARRAY else 'an array'} of shape "
            f"{np.shape(values)}"
        )
    if len(set(fractions)) != len(fractions):
        raise InputError(f"deposits names a fraction twice: {fractions}")
    rates = _rates(params, fractions, climate, site, n_deposit_draws)
    n_inventory = inventory.size
    recovered_t, recovered_share = _recovery(recovered, recovered_fraction, inventory)

    # the grid: from the first deposit (or inventory) year to the last inventory year
    start = int(min(deposit_years[0], inventory[0]))
    end = int(inventory[-1])
    span = end - start + 1
    if span > _MAX_YEARS:
        raise InputError(
            f"from the first deposit year {deposit_years[0]} to the last inventory year "
            f"{end} is {span} years; at most {_MAX_YEARS:,} are computed in one call"
        )
    n = rates.n
    n_out = len(fractions) if by_fraction else 1
    n_arrays = 6 if ddocm else 3
    _check_budget(
        n * (span * (1 + (len(rates.fractions) * (n_arrays - 1) if by_fraction else 2)))
        + n * n_inventory * n_out * n_arrays,
        pandas=deposits.kind == FRAME,
    )
    grid_shape = (span, len(rates.fractions)) + ((n,) if n_deposit_draws is not None else ())
    grid = np.zeros(grid_shape)
    rows = deposit_years - start
    keep = rows < span  # deposits after the last inventory year change nothing reported
    chosen = values[:, list(rates.positions)]
    grid[rows[keep]] = chosen[keep]
    decay = _decay(grid, rates, month, by_fraction=by_fraction, ddocm=ddocm)
    first = int(inventory[0]) - start

    # CH4 (Eqs 3.6, 3.1) on the inventory years, arrays (years, [fractions,] draws);
    # in place where the array is not also a result, so that 100 years of 100,000 draws
    # take about 0.2 GB
    decomposed = decay["decomposed"][first:]
    generated = decomposed * rates.methane if ddocm else decomposed.__imul__(rates.methane)
    total = generated.sum(axis=1) if by_fraction else generated
    if recovered_share is not None:
        recovered_total = total * recovered_share[:, None]
    else:
        recovered_total = np.broadcast_to(recovered_t[:, None], total.shape)  # a view
        if recovered_t.any():
            _check_recovered(recovered_total, total, inventory, rates.draws)
    keep_factor = 1.0 - rates.oxidation
    nothing_recovered = recovered_share is None and not recovered_t.any()
    if by_fraction:
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(total > 0.0, recovered_total / np.where(total > 0, total, 1.0), 0.0)
        recovered_parts = generated * share[:, None, :]
        arrays = {
            "ch4_generated": generated,
            "ch4_recovered": recovered_parts,
            "ch4_emitted": _emitted(generated, recovered_parts, keep_factor, nothing_recovered),
        }
    else:
        arrays = {
            "ch4_generated": total,
            "ch4_recovered": recovered_total,
            "ch4_emitted": _emitted(total, recovered_total, keep_factor, nothing_recovered),
        }
    if ddocm:
        arrays["ddocm_deposited"] = decay["deposited"][first:]
        arrays["ddocm_decomposed"] = decomposed
        arrays["ddocm_accumulated"] = decay["accumulated"][first:]
    packed = {
        name: _user_layout(array, rates, fractions, by_fraction) for name, array in arrays.items()
    }
    result = LandfillMethane(
        years=inventory,
        ch4_generated=packed["ch4_generated"],
        ch4_recovered=packed["ch4_recovered"],
        ch4_emitted=packed["ch4_emitted"],
        fractions=tuple(fractions) if by_fraction else (),
        n_draws=rates.n if rates.draws else None,
        ddocm_deposited=packed.get("ddocm_deposited"),
        ddocm_decomposed=packed.get("ddocm_decomposed"),
        ddocm_accumulated=packed.get("ddocm_accumulated"),
    )
    return result.to_frame() if deposits.kind == FRAME else result


def _emitted(
    generated: FloatArray, recovered: FloatArray, keep: FloatArray, nothing_recovered: bool
) -> FloatArray:
    """(generated - recovered) (1 - OX), Eq. 3.1, in one new array.

    ``recovered`` never exceeds ``generated`` by more than rounding (checked before), so
    the floor at 0 only removes rounding below zero.
    """
    if nothing_recovered:  # one pass
        emitted_all: FloatArray = generated * keep
        return emitted_all
    emitted = np.subtract(generated, recovered)
    np.maximum(emitted, 0.0, out=emitted)
    emitted *= keep
    return emitted


def _user_layout(
    array: FloatArray, rates: _Rates, fractions: Sequence[str], by_fraction: bool
) -> Any:
    """(years, [degradable,] draws) -> Quantity (draws, years[, fractions]) in t.

    A transposed view, not a copy: the draws come first in the shape, the years stay
    contiguous in memory (a copy in C order would cost more than the recursion).
    """
    if by_fraction:
        full = np.zeros((len(fractions), array.shape[0], rates.n))
        for row, position in enumerate(rates.positions):
            full[position] = array[:, row, :]
        out: FloatArray = full.transpose(2, 1, 0) if rates.draws else full[:, :, 0].T
    else:
        out = array.T if rates.draws else array[:, 0]
    return quantity(out, "t")


def _recovery(
    recovered: Any, recovered_fraction: Any, inventory: IntArray
) -> tuple[FloatArray, FloatArray | None]:
    """R in t per inventory year, or the recovered share per inventory year (not both)."""
    n = inventory.size
    share = as_fraction(recovered_fraction, "recovered_fraction")
    share_array = _per_year(share, n, "recovered_fraction")
    if recovered is None:
        r = np.full(n, _default("recovered_ch4"))
    else:
        magnitude = magnitude_in(recovered, "t", "recovered")
        if np.any(np.asarray(magnitude) < 0.0):
            raise InputError(f"recovered must be >= 0; got {recovered!r:.120}")
        if isinstance(recovered, pd.Series):
            index = recovered.index
            if len(index) != n or not (np.asarray(index) == inventory).all():
                raise InputError(
                    "recovered: a Series must be indexed by the inventory years "
                    f"({inventory[0]}-{inventory[-1]}); got index {list(index[:5])}"
                )
        r = _per_year(magnitude, n, "recovered")
    if np.any(share_array > 0.0):
        if np.any(r > 0.0):
            raise InputError(
                "give recovered (a mass per year, Eq. 3.1) or recovered_fraction (a share "
                "of the CH4 generated), not both"
            )
        return r, share_array
    return r, None


def _per_year(value: Any, n: int, name: str) -> FloatArray:
    array = np.asarray(value, dtype=np.float64)
    if array.ndim == 0:
        return np.full(n, float(array))
    if array.shape != (n,):
        raise InputError(
            f"{name} must be a scalar or one value per inventory year ({n}); got shape "
            f"{array.shape}"
        )
    return array


def _check_recovered(
    recovered: FloatArray, generated: FloatArray, inventory: IntArray, draws: bool
) -> None:
    excess = recovered > generated * (1.0 + _TOLERANCE) + 1e-300
    if not excess.any():
        return
    year_row, draw = (int(i) for i in np.argwhere(excess)[0])
    where = f" (draw {draw}; {int(excess.sum())} year-draws in all)" if draws else ""
    raise InputError(
        f"recovered ({recovered[year_row, draw]:g} t in {inventory[year_row]}) exceeds the "
        f"CH4 generated that year ({generated[year_row, draw]:g} t){where}: recovered CH4 "
        "cannot exceed what is generated (Eq. 3.1); with Monte Carlo draws give "
        "recovered_fraction instead"
    )


# --- the committed view ----------------------------------------------------------------------


def _committed_per_tonne(
    params: LandfillParams,
    fractions: Sequence[str],
    climate: str,
    site: str,
    horizon: int | None,
    month: int,
    share: float,
    n: int | None = None,
) -> tuple[FloatArray, _Rates]:
    """CH4 emitted over the horizon per tonne of each fraction: (fractions, draws)."""
    rates = _rates(params, fractions, climate, site, n)
    per_tonne = np.zeros((len(fractions), rates.n))
    if rates.fractions:
        decomposed = np.ones_like(rates.k)
        if horizon is not None:
            a = np.exp(-rates.k * (13.0 - month) / 12.0)
            decomposed = 1.0 - a * np.power(np.exp(-rates.k), horizon)  # 1 - a e^{-kH}
        per_tonne[list(rates.positions)] = (
            rates.ddocm * decomposed * rates.methane * (1.0 - rates.oxidation) * (1.0 - share)
        )
    return per_tonne, rates


@unit_function(None, mass="t")
def committed_methane(
    mass: Measured,
    params: LandfillParams | str = "ipcc-2006",
    *,
    climate: str,
    site: str,
    fraction: str | None = None,
    horizon: int | None = None,
    recovered_fraction: Any = 0.0,
    reaction_start_month: int | None = None,
) -> Any:
    r"""All the methane one year's deposit will emit: the committed view of the FOD model.

    The CH4 a deposit emits from its deposition year ``t0`` through ``t0 + horizon``
    (or until it has decayed, ``horizon=None``), booked at once: how US EPA WARM and
    diversion credits count ("landfilling this tonne commits so much methane").

    Parameters
    ----------
    mass : pint.Quantity, pint-pandas Series, DataFrame or mapping
        Wet waste deposited [mass], any mass unit; finite and >= 0. With ``fraction``:
        that fraction's mass, any container (the result has the same). Without: by
        fraction, as a mapping ``{fraction: mass}``, a pint Series indexed by fraction
        names, a DataFrame with one pint column per fraction (one row per deposit, e.g.
        per year or per city), or a Quantity whose last axis runs over
        :data:`~wasteless.waste.fractions.FRACTIONS` (all 11, in order).
    params : LandfillParams or str, optional
        As for :func:`landfill_methane`.
    climate, site : str
        As for :func:`landfill_methane`.
    fraction : str, optional
        The fraction ``mass`` is of (a name of
        :data:`~wasteless.waste.fractions.FRACTIONS`).
    horizon : int, optional
        Years after the deposition year that are counted (0: the deposition year only);
        default None: until the deposit has decayed.
    recovered_fraction : float or pint.Quantity, optional
        Share of the generated CH4 that is recovered [fraction or percent]; default 0.
    reaction_start_month : int, optional
        As for :func:`landfill_methane` (default 13).

    Returns
    -------
    pint.Quantity or pint-pandas Series
        CH4 emitted [t], summed over the fractions: a scalar for a mapping or a Series by
        fraction, a Series (named ``ch4_committed``) indexed like a DataFrame, shape
        ``mass.shape[:-1]`` for a Quantity by fraction, the container of ``mass`` with
        ``fraction`` (a Series also named ``ch4_committed``). With Monte
        Carlo draws in ``params``, a Quantity gains a leading draws axis and a pandas
        result a last index level ``draw``.

    Raises
    ------
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError
        If ``mass`` has no units or is not a mass.
    wasteless.errors.InputError
        For negative, NaN or infinite masses, a Quantity whose last axis is not the 11
        fractions, a ``horizon`` that is not a whole number >= 0, a bad
        ``recovered_fraction`` or ``reaction_start_month``.
    wasteless.errors.NotFoundError
        For an unknown fraction, climate zone, site type or parameter set name.

    See Also
    --------
    landfill_methane : the inventory view; its sum over ``t0 … t0 + horizon`` for a
        single deposit equals this.

    Notes
    -----
    Per tonne of fraction :math:`x`, with :math:`a_x = e^{-k_x (13 - M)/12}`:

    .. math::

        \mathrm{CH_4}_x(H) = \mathrm{DOC}_x \, \mathrm{DOC}_{f,x} \, \mathrm{MCF} \,
            F \, \tfrac{16}{12} \, (1 - \mathrm{OX}) \, (1 - \rho) \,
            \bigl(1 - a_x e^{-k_x H}\bigr)

    (:math:`\rho` the recovered share), the sum of Eqs 3.2-3.6 and 3.1 over the years
    ``t0 … t0 + H`` for a single deposit; :math:`H \to \infty` gives
    :math:`\mathrm{DDOCm} \, F \, 16/12 \, (1 - \mathrm{OX})`, i.e. :math:`L_0 (1 -
    \mathrm{OX})` per tonne (Eq. 3.3's :math:`L_0`).

    References
    ----------
    IPCC (2006), Vol. 5, Ch. 3, Eqs 3.1-3.6; US EPA WARM (committed emissions).

    Examples
    --------
    >>> from wasteless import Q_
    >>> committed_methane(Q_(1, "t"), fraction="food", climate="tropical_wet",
    ...                   site="unmanaged_shallow")  # 0.15 * 0.5 * 0.4 * 0.5 * 16/12
    <Quantity(0.02, 'metric_ton')>
    >>> by_fraction = {"food": Q_(600, "kg"), "paper": Q_(100, "kg"), "plastics": Q_(130, "kg")}
    >>> committed_methane(by_fraction, climate="tropical_wet", site="managed_anaerobic",
    ...                   horizon=10).to("kg")
    <Quantity(36.16..., 'kilogram')>
    """
    params = landfill_params(params)
    climate = check_name(climate, "climate", CLIMATE_ZONES)
    site = check_name(site, "site", SITE_TYPES)
    if horizon is not None:
        horizon = check_whole(horizon, "horizon", 0, 1_000_000)
    month = _start_month(reaction_start_month)
    share = as_fraction(recovered_fraction, "recovered_fraction")
    if isinstance(share, np.ndarray):
        raise InputError(f"recovered_fraction must be one share; got {recovered_fraction!r}")
    draws = params.n_draws

    def weights(fractions: Sequence[str]) -> FloatArray:
        per_tonne, _ = _committed_per_tonne(
            params, fractions, climate, site, horizon, month, float(share)
        )
        return per_tonne  # (fractions, draws or 1)

    if fraction is not None:
        name = check_name(fraction, "fraction", FRACTIONS)
        if mass.kind in (FRAME, MAPPING):
            raise InputError(
                "with fraction, mass is that fraction's mass (a Quantity or a pint "
                f"Series); got a {mass.kind}: give it without fraction"
            )
        w = weights([name])[0]  # (draws or 1,)
        values = np.asarray(mass.values, dtype=np.float64)
        if draws is None:
            result: Any = values * w[0]
        else:
            result = np.multiply.outer(w, values)
        return _pack(result, mass, draws, mass.index, "ch4_committed")
    if mass.kind == MAPPING:
        parts = mass.values
        names = _fraction_columns(parts.keys(), "mass key")
        w = weights(names)
        for part in parts.values():
            if part.kind in (SERIES, FRAME, MAPPING):
                raise InputError(
                    "mass: a mapping by fraction must hold Quantities (scalars or arrays); "
                    f"got a {part.kind} (use a DataFrame with fraction columns)"
                )
        try:
            shape = np.broadcast_shapes(*(np.shape(p.values) for p in parts.values()))
        except ValueError:
            raise InputError("mass: the masses of the fractions do not broadcast") from None
        total = np.zeros((w.shape[1], *shape))
        for row, part in enumerate(parts.values()):
            total += np.multiply.outer(w[row], np.asarray(part.values, dtype=np.float64))
        return _pack(total if draws else total[0], None, draws, None, None)
    if mass.kind == SERIES:
        names = _fraction_columns(mass.index, "mass index")
        if len(set(names)) != len(names):
            raise InputError(f"mass names a fraction twice: {names}")
        w = weights(names)
        total = np.asarray(mass.values) @ w  # (draws or 1,)
        return _pack(total if draws else float(total[0]), None, draws, None, None)
    if mass.kind == FRAME:
        names = _fraction_columns(mass.columns, "mass column")
        w = weights(names)
        total = (np.asarray(mass.values) @ w).T  # (draws or 1, rows)
        return _pack(total if draws else total[0], mass, draws, mass.index, "ch4_committed")
    values = np.asarray(mass.values, dtype=np.float64)
    if values.ndim == 0 or values.shape[-1] != len(FRACTIONS):
        raise InputError(
            f"mass must have a last axis over the {len(FRACTIONS)} fractions "
            f"({', '.join(FRACTIONS)}), or give fraction=; got shape {values.shape}"
        )
    w = weights(FRACTIONS)
    total = np.moveaxis(np.tensordot(values, w, axes=([-1], [0])), -1, 0)  # (draws, ...)
    return _pack(total if draws else total[0], None, draws, None, None)


def _pack(result: Any, mass: Measured | None, draws: int | None, index: Any, name: Any) -> Any:
    """CH4 in t in the container of ``mass``; with draws a new leading axis / index level."""
    kind = mass.kind if mass is not None else (ARRAY if np.ndim(result) else SCALAR)
    if kind in (SERIES, FRAME):
        if draws is None:
            return pint_series(result, "t", index, name)
        rows = np.repeat(np.arange(len(index)), draws)
        levels = [index.get_level_values(level)[rows] for level in range(index.nlevels)]
        long_index = pd.MultiIndex.from_arrays(
            [*levels, pd.Index(np.tile(np.arange(draws), len(index)), name="draw")],
            names=[*index.names, "draw"],
        )
        return pint_series(np.asarray(result).T.ravel(), "t", long_index, name)
    if np.ndim(result) == 0:
        return quantity(float(result), "t")
    return quantity(np.asarray(result, dtype=np.float64), "t")
