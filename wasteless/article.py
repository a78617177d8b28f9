"""The People's Daily article of 2020-01-17 on Beijing E-Town as a machine-checked ledger.

Every figure of the article is a :class:`~wasteless.claims.Claim`, read from the
ledger ``wasteless/data/article_2020_01_17.toml``: the quote as printed (the copy in
the project's reference folder, traditional characters, encoding damage included) and
the phrase that states the figure. The stated value, unit, relation (超, 达, 保持, …)
and precision are **parsed from that phrase** by :func:`wasteless.zh.parse_quantity`,
not typed in a second time.

:func:`reproduce` computes each checkable claim with the models, under a preset. How
a claim is computed or why it is not checkable is part of its ledger record
(``computed_as``, ``checkable = false`` with ``why_not_checkable``); only the tyre claims
(:data:`TYRE_CLAIMS`), which depend on the preset, are computed by code of their own:

=============  ============================================================================
claim          computed as
=============  ============================================================================
area           area that the article's stated tyres pave (``paving.area_for_tyres``)
tyres          tyres consumed by the programme's total area in the 2019 report (factor
               ``etown_2019_area`` [S]) (``paving.tyres_for_area``)
co2            CO₂ credited to those tyres through coal equivalent (``carbon.co2_avoided``)
pm25_decline   ``computed_as = "relative_reduction"``: from the stated start and end
               concentrations, over every pair of values consistent with their rounding
               (``air.relative_reduction``)
kitchen        ``computed_as = "coverage"``: coverage from the counts (all communities of
               the district, ``waste.coverage``), shown but not checkable: both counts are
               the article's own, so it could not fail
pm25_start,    not checkable: no E-Town PM2.5 measurements are available to wasteless, and
pm25_end       the base year of the start value is not stated (2013 is likely, unconfirmed)
sewage,        not checkable: targets for the following year, and the article gives no
reclaimed,     data for that year
pm25_3yr
=============  ============================================================================

Beside them, the report sets the article against two things it cannot calibrate away:

* **the literature**, on one basis: each implied figure (tyres per m², kg CO₂ per tyre,
  kgce per tyre) is placed in the :func:`literature_distribution` of its quantity, the
  ``LITERATURE`` Monte Carlo draws and their support (every factor at the end of its
  sourced range, the range no draw can leave), by :func:`plausibility` and
  :func:`literature_comparison`; outside the 0.1-99.9th percentiles
  (:data:`PLAUSIBLE_PERCENTILES`) a figure is called implausible;
* **the other reports** on the same programme (:func:`reports`, factors.md §1): the
  2018-11-02 and 2019-07-23 reports beside the article, each figure parsed from its
  wording; what each implies (:func:`readings`), the tyre count over time and the
  growth it implies (:func:`timeline`, :func:`rates`), and where two reports' figures
  cannot both be right at their stated precision (:func:`disagreements`): named, with
  what would settle it, never decided.

:attr:`Report.summary` says all of it in one line (the headline of every output
format). Nothing is a stored copy of a stated number: every computed value comes out
of the models, every stated one is parsed from the wording.

This module is long (about 2,300 lines, much of it docstrings) because it is one topic:
the article and the reports on its programme, their reproduction and the report in
every output format.

Examples
--------
>>> from wasteless import article
>>> report = article.reproduce()
>>> [(v.claim.id, v.status) for v in report.verdicts][:4]
[('kitchen', 'not checkable'), ('tyres', 'holds'), ('co2', 'holds'), ('area', 'holds')]
>>> report.holds
True
"""

from __future__ import annotations

import dataclasses
import functools
import html
import itertools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import pandas as pd

from wasteless import air, carbon, factors, judgement, paving, presets, waste, zh
from wasteless import claims as claims_module
from wasteless._data import read_toml
from wasteless._validate import check_choice, check_flag
from wasteless.claims import Claim, Source, Verdict, check, not_checkable
from wasteless.errors import InputError
from wasteless.presets import ETOWN_2019, LITERATURE, Preset
from wasteless.units import Q_, magnitude_in, pint_series

__all__ = [
    "LITERATURE_QUANTITIES",
    "PLAUSIBILITY_DRAWS",
    "PLAUSIBLE_PERCENTILES",
    "TYRE_CLAIMS",
    "Comparison",
    "Disagreement",
    "LiteratureDistribution",
    "Plausibility",
    "Reading",
    "Report",
    "Summary",
    "claims",
    "disagreements",
    "literature_comparison",
    "literature_distribution",
    "plausibility",
    "rates",
    "readings",
    "reports",
    "reproduce",
    "source",
    "timeline",
]

TYRE_CLAIMS = ("tyres", "co2", "area")
"""The claims that depend on the tyre models (and so on the preset)."""


@functools.cache
def _ledger() -> Mapping[str, Any]:
    return read_toml("article_2020_01_17.toml")


def source() -> Mapping[str, str]:
    """The article's title, publisher, author, date and reference file.

    Examples
    --------
    >>> source()["date"]
    '2020-01-17'
    """
    return dict(_ledger()["source"])


def _citation() -> str:
    s = source()
    return f"{s['publisher']}, {s['date']}, {s['author']}: {s['title']}"


@functools.cache
def claims() -> Mapping[str, Claim]:
    """The article's claims, keyed by id, with values parsed from the article's phrases.

    Returns
    -------
    Mapping of Claim
        Read-only (the same object on every call). In the article's order:
        ``kitchen``, ``tyres``, ``co2``, ``area``, ``pm25_start``, ``pm25_end``,
        ``pm25_decline``, ``pm25_3yr``, ``sewage``, ``reclaimed``.

    Examples
    --------
    >>> c = claims()["tyres"]
    >>> c.relation, c.stated, c.resolution
    ('>', <Quantity(2700000.0, 'tyre')>, <Quantity(10000.0, 'tyre')>)
    >>> claims()["kitchen"].stated
    <Quantity(100.0, 'percent')>
    """
    out: dict[str, Claim] = {}
    cite = _citation()
    for record in _ledger()["claims"]:
        common = {
            "id": record["id"],
            "quote": record["quote"],
            "statement": record["statement"],
            "source": cite,
            "kind": record["kind"],
            "year": record.get("year"),
        }
        if record.get("relation") == "falling":
            out[record["id"]] = Claim(stated=None, relation="falling", **common)
            continue
        if record.get("computed_as") == "coverage":
            # The figure is a share of counts (全区 N 个社区: all N communities): stated as
            # the coverage the counts give, in percent.
            covered, total = _counts(record)
            relation = zh.parse_quantity(record["covered"]).relation
            out[record["id"]] = Claim(
                stated=waste.coverage(covered, total), relation=relation, **common
            )
            continue
        parsed = zh.parse_quantity(record["phrase"], context=record.get("context"))
        out[record["id"]] = Claim(
            stated=parsed.quantity,
            relation=parsed.relation,
            resolution=parsed.resolution,
            **common,
        )
    return MappingProxyType(out)  # cached: read-only, so no caller can change the next one's


def _records() -> dict[str, Mapping[str, Any]]:
    """The ledger's claim records, keyed by id."""
    return {record["id"]: record for record in _ledger()["claims"]}


def _counts(record: Mapping[str, Any]) -> tuple[int, int]:
    """The counts (covered, total) of a coverage claim, parsed from the phrases it names."""
    covered, total = (
        int(zh.parse_quantity(record[key]).quantity.magnitude) for key in ("covered", "total")
    )
    return covered, total


# --- the literature: one basis ------------------------------------------------------------

PLAUSIBILITY_DRAWS = 100_000
"""Monte Carlo draws of the literature distribution behind each plausibility line."""

PLAUSIBLE_PERCENTILES = (0.1, 99.9)
"""A figure is called implausible at or beyond these percentiles [percent] of the literature
distribution (below the 0.1st or above the 99.9th): a reporting convention of
wasteless, not a sourced value. A figure outside the distribution's support (no
combination of factor values within their sourced ranges reaches it) is always beyond
them."""


def _tyres_per_m2(p: Any) -> Any:
    """Tyres one rubberised lift takes per m² [tyre/m²]."""
    return paving.tyres_for_area(_ONE_M2, p) / _ONE_M2


def _co2_per_tyre(p: Any) -> Any:
    """CO₂ credited to one tyre through coal equivalent [kg/tyre]."""
    return carbon.co2_avoided(_ONE_TYRE, p).to("kg") / _ONE_TYRE


def _combustion_co2_per_tyre(p: Any) -> Any:
    """CO₂ from burning one tyre (EPA factor) [kg/tyre]."""
    return carbon.combustion_co2(_ONE_TYRE, p).to("kg") / _ONE_TYRE


def _coal_per_tyre(p: Any) -> Any:
    """Coal equivalent of one tyre's heat [kgce/tyre]."""
    return carbon.coal_equivalent(_ONE_TYRE, p).to("kgce") / _ONE_TYRE


def _area_for_article_tyres(p: Any) -> Any:
    """Area one lift needs for the article's stated tyres [m²]."""
    return paving.area_for_tyres(claims()["tyres"].stated, p).to("m**2")


_ONE_M2, _ONE_TYRE = Q_(1.0, "m**2"), Q_(1.0, "tyre")

# quantity -> (what the model is, the parameters it uses, the model of one LITERATURE preset)
_QUANTITIES: Mapping[str, tuple[str, tuple[str, ...], Any]] = MappingProxyType(
    {
        "tyres per m²": (
            "one rubberised lift (paving.tyres_for_area of 1 m²)",
            (
                "layer_thickness",
                "mix_density",
                "binder_fraction",
                "crumb_rubber_fraction",
                "crumb_rubber_per_tyre",
            ),
            _tyres_per_m2,
        ),
        "kg CO₂ per tyre": (
            "the coal-equivalent pathway (carbon.co2_avoided of one tyre)",
            ("tyre_mass", "heating_value", "co2_per_coal_equivalent"),
            _co2_per_tyre,
        ),
        "kg CO₂ per tyre, direct combustion": (
            "the direct-combustion pathway (carbon.combustion_co2 of one tyre, EPA factor)",
            ("tyre_mass", "combustion_co2"),
            _combustion_co2_per_tyre,
        ),
        "kgce per tyre": (
            "the coal equivalent of one tyre's heat (carbon.coal_equivalent of one tyre)",
            ("tyre_mass", "heating_value"),
            _coal_per_tyre,
        ),
        "m² paved by the article's tyres": (
            "the area one lift needs for the article's stated tyres (paving.area_for_tyres)",
            (
                "layer_thickness",
                "mix_density",
                "binder_fraction",
                "crumb_rubber_fraction",
                "crumb_rubber_per_tyre",
            ),
            _area_for_article_tyres,
        ),
    }
)

LITERATURE_QUANTITIES: tuple[str, ...] = tuple(_QUANTITIES)
"""The quantities :func:`literature_distribution` knows, by name."""


@dataclass(frozen=True, eq=False)
class LiteratureDistribution:
    """A quantity's literature Monte Carlo distribution and its support: the one basis.

    Every comparison of the report with the literature (:func:`literature_comparison`,
    :func:`plausibility`, :func:`readings`) places a figure in one of these: the draws
    and the support come from the same factor distributions of the ``LITERATURE``
    preset (:func:`wasteless.uncertainty.distributions`).

    Attributes
    ----------
    quantity
        Its name, one of :data:`LITERATURE_QUANTITIES`.
    description
        The model, in words.
    factors
        The preset parameters the model uses, each with its sourced range, e.g.
        ``"layer_thickness 30–61 mm"``.
    result
        The Monte Carlo draws (:class:`wasteless.uncertainty.MonteCarloResult`: ``n``,
        ``seed``, ``method``).
    low, high
        The support: the smallest and largest value any combination of factor values
        within their ranges gives (:func:`wasteless.uncertainty.support`); no draw falls
        outside it.
    model
        The ``LITERATURE`` preset's value (every factor at its default).
    """

    quantity: str
    description: str
    factors: tuple[str, ...]
    result: Any
    low: Any
    high: Any
    model: Any

    @property
    def n(self) -> int:
        """Number of draws."""
        return int(self.result.n)

    @property
    def seed(self) -> int:
        """The seed of the draws."""
        return int(self.result.seed or 0)

    @property
    def median(self) -> Any:
        """The median of the draws."""
        return self.result.quantile(0.5)

    def percentile_rank(self, value: Any) -> float:
        """Percent of the draws below ``value`` (0-100; ties count half)."""
        return float(self.result.percentile_rank(value))

    def within(self, value: Any) -> bool:
        """Whether ``value`` lies in the support [low, high]."""
        return _inside(value, self.low, self.high)

    def placement(self, value: Any) -> str:
        """Where ``value`` sits: its percentile and the support, with what both mean."""
        percentile = self.percentile_rank(value)
        return _placement(percentile, self.within(value), self.low, self.high)


def _inside(value: Any, low: Any, high: Any) -> bool:
    """Whether ``value`` lies in [low, high] (Quantities of one dimension)."""
    x = magnitude_in(value, str(low.units), "value")
    return bool(low.magnitude <= x <= high.to(low.units).magnitude)


def _where(percentile: float) -> str:
    if percentile >= PLAUSIBLE_PERCENTILES[1]:
        return f"above the {PLAUSIBLE_PERCENTILES[1]:g}th percentile"
    if percentile <= PLAUSIBLE_PERCENTILES[0]:
        return f"below the {PLAUSIBLE_PERCENTILES[0]:g}st percentile"
    return f"at the {percentile:.1f}th percentile"


def _plausible(percentile: float) -> bool:
    low, high = PLAUSIBLE_PERCENTILES
    return bool(low < percentile < high)


class _Placed:
    """Where a figure sits in a literature distribution: ``plausible`` and ``within``.

    One definition for :class:`Comparison`, :class:`Plausibility` and :class:`Reading`,
    which hold ``implied``, ``percentile`` and the support ``low``, ``high`` (None in a
    :class:`Plausibility` without a support). Not a dataclass: it adds no field.
    """

    implied: Any
    percentile: float
    low: Any
    high: Any

    @property
    def plausible(self) -> bool:
        """Whether it lies inside the plausible percentiles (:data:`PLAUSIBLE_PERCENTILES`)."""
        return _plausible(self.percentile)

    @property
    def within(self) -> bool:
        """Whether the implied value lies in the support [low, high]."""
        return _inside(self.implied, self.low, self.high)


def _placement(percentile: float, within: bool, low: Any, high: Any) -> str:
    """Percentile and support in one clause, never one without the other."""
    support = f"{_value(low)} to {_value(high)}"
    if not within:
        support = f"outside its support, {support}: no factor values in their ranges reach it"
    elif not _plausible(percentile):
        support = (
            f"inside its support, {support}, but only with several factors near the ends of "
            "their ranges at once"
        )
    else:
        support = f"inside its support, {support}"
    return f"{_where(percentile)}; {support}: {'' if _plausible(percentile) else 'im'}plausible"


def literature_distribution(quantity: str) -> LiteratureDistribution:
    """The literature distribution of a quantity: Monte Carlo draws and support.

    ``n`` = :data:`PLAUSIBILITY_DRAWS` random draws of the ``LITERATURE`` preset's factor
    distributions, seed :data:`wasteless.uncertainty.DEFAULT_SEED`
    (:func:`wasteless.uncertainty.monte_carlo`), and the support over the same
    distributions (:func:`wasteless.uncertainty.support`). One tyre is what
    ``LITERATURE`` counts: a passenger tyre equivalent (PTE).

    Parameters
    ----------
    quantity : str
        One of :data:`LITERATURE_QUANTITIES`: ``"tyres per m²"``, ``"kg CO₂ per
        tyre"`` (coal-equivalent pathway), ``"kg CO₂ per tyre, direct combustion"``,
        ``"kgce per tyre"``, ``"m² paved by the article's tyres"``.

    Returns
    -------
    LiteratureDistribution
        The same object on every call.

    Raises
    ------
    InputError
        For an unknown quantity.

    Examples
    --------
    >>> d = literature_distribution("tyres per m²")
    >>> print(f"{d.low:.3f~P} to {d.high:.3f~P}; n = {d.n:,}, seed {d.seed}")
    0.105 tyre/m² to 0.644 tyre/m²; n = 100,000, seed 20200117
    """
    return _literature_distribution(check_choice(quantity, "quantity", LITERATURE_QUANTITIES))


@functools.cache
def _literature_distribution(quantity: str) -> LiteratureDistribution:
    from wasteless import uncertainty

    description, fields, model = _QUANTITIES[quantity]
    shown = []
    for name in fields:
        factor = uncertainty.distributions(LITERATURE)[name].factor
        shown.append(f"{name} {factor.low:,.6g}–{factor.high:,.6g} {factor.unit}")
    low, high = uncertainty.support(model, LITERATURE)
    return LiteratureDistribution(
        quantity=quantity,
        description=description,
        factors=tuple(shown),
        result=uncertainty.monte_carlo(model, LITERATURE, PLAUSIBILITY_DRAWS),
        low=low,
        high=high,
        model=model(LITERATURE),
    )


# --- literature comparison ------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison(_Placed):
    """A figure the article implies, placed in the literature distribution.

    Attributes
    ----------
    name
        What is compared.
    implied
        The value the article implies.
    low, high
        The support of the literature distribution (:class:`LiteratureDistribution`):
        every factor at the end of its sourced range.
    model
        The ``LITERATURE`` model's value.
    basis
        How ``low`` and ``high`` were computed (the factors and their ranges).
    percentile
        Percent of the literature draws below ``implied`` [percent, 0-100].
    median
        The median of the draws.
    n, seed
        The Monte Carlo run.
    note
        Another reading worth knowing, or ``""``.
    """

    name: str
    implied: Any
    low: Any
    high: Any
    model: Any
    basis: str
    percentile: float = math.nan
    median: Any = None
    n: int = 0
    seed: int = 0
    note: str = ""

    @property
    def text(self) -> str:
        """One line: the implied value, its percentile, the support and the verdict."""
        placed = _placement(self.percentile, self.within, self.low, self.high)
        return (
            f"article {_value(self.implied)} is {placed} (median {_value(self.median)}; "
            f"LITERATURE model {_value(self.model)}; n = {self.n:,}, seed {self.seed})"
        )


def literature_comparison() -> list[Comparison]:
    """Compare the figures the article implies with the literature distributions.

    Each figure is placed in the :func:`literature_distribution` of its quantity: the
    range (``low``, ``high``) is that distribution's support, the percentile its rank
    among the draws. One basis: the same ``LITERATURE`` factor distributions, where one
    tyre is a passenger tyre equivalent (PTE, 20-25 lb).

    Returns
    -------
    list of Comparison
        1. tyres per m² (the article's literal reading 2.7e6 / 1e6 m²) against one
           rubberised lift;
        2. kg CO₂ per tyre (3e5 t / 2.7e6) against the coal-equivalent pathway
           (:func:`~wasteless.carbon.co2_avoided` of one tyre);
        3. the same against the direct-combustion pathway
           (:func:`~wasteless.carbon.combustion_co2`, EPA factor).

        The two CO₂ lines note what the pathway gives for China's fleet-average scrap
        tyre (36.4 kg), a heavier tyre than the PTE.

    Examples
    --------
    >>> [c.within for c in literature_comparison()]
    [False, False, False]
    """
    stated = claims()
    tyres, area, co2 = (stated[k].stated for k in ("tyres", "area", "co2"))
    per_tyre = (co2 / tyres).to("kg/tyre")
    china = factors.get("china_average_tyre_mass")
    heavy = LITERATURE.derive("china-average tyre", tyre_mass=china.quantity / _ONE_TYRE)

    def compare(name: str, quantity: str, implied: Any) -> Comparison:
        d = literature_distribution(quantity)
        note = ""
        if implied.check("[mass] / [tyre]"):
            model = _QUANTITIES[quantity][2]
            note = (
                f"with one tyre = China's fleet-average scrap tyre ({china.quantity:g~P}, "
                f"factor {china.key} {china.tag}) the pathway gives {_value(model(heavy))} "
                "at the default factors; the LITERATURE distribution counts PTEs, the tyre "
                "of the tyres-per-m² literature"
            )
        return Comparison(
            name=name,
            implied=implied,
            low=d.low,
            high=d.high,
            model=d.model,
            basis=f"support of the LITERATURE distribution of {d.description}: "
            f"{'; '.join(d.factors)}",
            percentile=d.percentile_rank(implied),
            median=d.median,
            n=d.n,
            seed=d.seed,
            note=note,
        )

    return [
        compare(
            "tyres per m² (one rubberised lift, PTE basis; article: 超 tyres / 达 area, "
            "a literal reading, not a bound)",
            "tyres per m²",
            (tyres / area).to("tyre/m**2"),
        ),
        compare(
            "kg CO₂ per tyre, coal-equivalent pathway (article: 超 CO₂ / 超 tyres)",
            "kg CO₂ per tyre",
            per_tyre,
        ),
        compare(
            "kg CO₂ per tyre, direct-combustion pathway (article: 超 CO₂ / 超 tyres)",
            "kg CO₂ per tyre, direct combustion",
            per_tyre,
        ),
    ]


# --- reproduction ----------------------------------------------------------------------------


def _tyre_verdicts(preset: Preset) -> dict[str, Verdict]:
    stated = claims()
    area_record = factors.get("etown_2019_area")
    area = area_record.quantity
    stated_tyres = stated["tyres"].stated
    tyres = paving.tyres_for_area(area, preset.paving)
    area_for_stated = paving.area_for_tyres(stated_tyres, preset.paving).to("m**2")
    co2 = carbon.co2_avoided(tyres, preset.carbon).to("t")
    name = preset.name
    needs = area_for_stated.to("km**2")
    tyre_note = f"tyres for the programme's {area:.3g~P} under {name} (paving.tyres_for_area)"
    tyre_verdict = check(stated["tyres"], tyres, reasoning=tyre_note)
    if tyre_verdict.status == "fails":
        tyre_verdict = dataclasses.replace(
            tyre_verdict,
            reasoning=f"{tyre_verdict.reasoning}; {name} needs {needs:.3g~P} for "
            f"{stated_tyres:.3g~P}",
        )
    area_assumption = (
        f"total area {area:.3g~P} from the 2019 E-Town report "
        f"(factor {area_record.key}, {area_record.tag})"
    )
    verdicts = {
        "tyres": dataclasses.replace(tyre_verdict, assumptions=(area_assumption,)),
        "co2": check(
            stated["co2"],
            co2,
            reasoning=f"CO₂ credited to those tyres via coal equivalent under {name} "
            "(carbon.co2_avoided)",
            assumptions=(area_assumption, "counterfactual: the tyres' heat, as coal, not burned"),
        ),
        "area": check(
            stated["area"],
            area_for_stated,
            reasoning=f"area paved by the article's {stated_tyres:.3g~P} under {name} "
            "(paving.area_for_tyres); 达 is a milestone, so any larger area is consistent",
        ),
    }
    return {claim_id: _with_basis(verdict, preset) for claim_id, verdict in verdicts.items()}


# The parameters each tyre claim's computation uses.
_CHAINS = {"tyres": ("paving",), "area": ("paving",), "co2": ("paving", "carbon")}


def _with_basis(verdict: Verdict, preset: Preset) -> Verdict:
    """Mark a tyre verdict calibrated when its computation uses a calibrated factor."""
    used = [
        f"{record.key} {record.tag}"
        for chain in _CHAINS[verdict.claim.id]
        for record in getattr(preset, chain).sources.values()
        if record.quality == "C"
    ]
    if not used:
        return verdict
    return dataclasses.replace(
        verdict,
        basis="calibrated",
        calibrated_to=preset.calibrated_to or f"preset {preset.name}",
        calibrated_factors=tuple(used),
    )


# What a ledger record's `computed_as` gives: the value to check (a point or an interval)
# and the keyword arguments of `claims.check` (reasoning, and estimate, assumptions if any).
_Computed = tuple[Any, dict[str, Any]]


def _relative_reduction(record: Mapping[str, Any]) -> _Computed:
    stated = claims()
    start, end = stated[record["start"]], stated[record["end"]]
    (start_low, start_high), (end_low, end_high) = start.interval, end.interval
    low = air.relative_reduction(start_low, end_high)
    high = air.relative_reduction(start_high, end_low)
    estimate = air.relative_reduction(start.stated, end.stated)
    first, last = (f"{c.stated.magnitude:g}" for c in (start, end))
    if start.resolution == end.resolution:
        rounding = f"{first} and {last} are rounded to the nearest {start.resolution:g~P}"
    else:
        rounding = (
            f"{first} is rounded to the nearest {start.resolution:g~P}, {last} to the "
            f"nearest {end.resolution:g~P}"
        )
    return (low, high), {
        "estimate": estimate,
        "reasoning": f"({first} − {last}) / {first} = {estimate:.2f~P} "
        "(air.relative_reduction); with each figure anywhere within its rounding",
        "assumptions": (rounding,),
    }


def _coverage(record: Mapping[str, Any]) -> _Computed:
    covered, total = _counts(record)
    share = waste.coverage(covered, total)
    gloss = f"{record['gloss']}: " if "gloss" in record else ""
    return share, {
        "reasoning": f"{gloss}{covered} of {total} {record['counted']} = {share:.0f~P} "
        "(waste.coverage)"
    }


_COMPUTATIONS = {"coverage": _coverage, "relative_reduction": _relative_reduction}
"""Computations a ledger record can name in ``computed_as``."""


def _ledger_verdict(record: Mapping[str, Any]) -> Verdict:
    """The verdict of a claim computed (or not checkable) as its ledger record says."""
    claim = claims()[record["id"]]
    how = record.get("computed_as")
    if how is not None and how not in _COMPUTATIONS:
        raise InputError(
            f"claim {claim.id!r}: computed_as must be one of {sorted(_COMPUTATIONS)}; got {how!r}"
        )
    computed = None if how is None else _COMPUTATIONS[how](record)
    if record.get("checkable", True):
        if computed is None:
            raise InputError(
                f"claim {claim.id!r}: the ledger says neither how it is computed "
                "(computed_as) nor why it is not checkable (checkable = false)"
            )
        value, details = computed
        return check(claim, value, **details)
    figures = {key: _value(c.stated) for key, c in claims().items() if c.stated is not None}
    why = record["why_not_checkable"].format(year=claim.year, **figures)
    if computed is None:
        return not_checkable(claim, why)
    # Shown with its computation, but not checked.
    value, details = computed
    return dataclasses.replace(
        not_checkable(claim, f"{details['reasoning']}, but {why}", details.get("assumptions", ())),
        computed=details.get("estimate", value),
    )


# --- independent plausibility ------------------------------------------------------------


@dataclass(frozen=True)
class Plausibility(_Placed):
    """Where a figure the article implies sits in the literature Monte Carlo distribution.

    Attributes
    ----------
    claim
        The claim id (``tyres``, ``co2`` or ``area``).
    quantity
        What is compared, e.g. ``"tyres per m²"``.
    implied
        The article's implied figure (a Quantity).
    percentile
        Its percentile in the distribution [percent], 0-100.
    median
        The distribution's median (a Quantity).
    n, seed, preset
        The Monte Carlo run: draws, seed, preset (always ``"literature"``).
    low, high
        The distribution's support (:class:`LiteratureDistribution`), or None.
    """

    claim: str
    quantity: str
    implied: Any
    percentile: float
    median: Any
    n: int
    seed: int
    preset: str = "literature"
    low: Any = None
    high: Any = None

    @property
    def within(self) -> bool | None:  # type: ignore[override]  # a support may be absent
        """Whether the figure lies in the support; None when no support is given."""
        if self.low is None or self.high is None:
            return None
        return super().within

    @property
    def text(self) -> str:
        """One line, e.g. "the article's 2.7 tyre/m² (...) is above the 99.9th percentile ..."."""
        text = (
            f"the article's {_value(self.implied)} ({self.quantity}) is "
            f"{_where(self.percentile)} of the literature distribution (median "
            f"{_value(self.median)}; n = {self.n:,}, seed {self.seed})"
        )
        within = self.within
        if within is None:
            return text
        # the percentile and the support in one sentence, with what they mean together
        return (
            f"{text}; {_placement(self.percentile, within, self.low, self.high).split('; ', 1)[1]}"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, every number with its unit.

        Keys: quantity, implied, percentile (and percentile_rank with its unit), median,
        plausible, n, seed, preset, text, and support, within_support when given.
        """
        out = {
            "quantity": self.quantity,
            "implied": _json_quantity(self.implied),
            "percentile": round(self.percentile, 2),
            "percentile_rank": _json_percent(self.percentile),
            "median": _json_quantity(self.median),
            "plausible": self.plausible,
            "n": self.n,
            "seed": self.seed,
            "preset": self.preset,
            "text": self.text,
        }
        if self.low is not None and self.high is not None:
            out["support"] = {"low": _json_quantity(self.low), "high": _json_quantity(self.high)}
            out["within_support"] = self.within
        return out


@functools.cache
def plausibility() -> Mapping[str, Plausibility]:
    """The independent check of the tyre claims, in the literature Monte Carlo distribution.

    The article's implied figures placed in the :func:`literature_distribution` of their
    quantity (the same basis as :func:`literature_comparison`):

    * ``tyres``: stated tyres / stated area (a literal reading, tyres per m²) against
      :func:`~wasteless.paving.tyres_per_area` of one lift;
    * ``co2``: stated CO₂ / stated tyres (kg CO₂ per tyre) against
      :func:`~wasteless.carbon.co2_avoided` of one tyre;
    * ``area``: the stated area against :func:`~wasteless.paving.area_for_tyres` of the
      stated tyres.

    Returns
    -------
    Mapping
        Claim id to :class:`Plausibility`.

    Examples
    --------
    >>> plausibility()["tyres"].percentile
    100.0
    >>> plausibility()["tyres"].plausible
    False
    """
    stated = claims()
    tyres, area, co2 = (stated[k].stated for k in ("tyres", "area", "co2"))
    runs = {
        "tyres": ("tyres per m²", (tyres / area).to("tyre/m**2"), "tyres per m²"),
        "co2": ("kg CO₂ per tyre", (co2 / tyres).to("kg/tyre"), "kg CO₂ per tyre"),
        "area": (f"paved by {_value(tyres)}", area.to("m**2"), "m² paved by the article's tyres"),
    }
    out = {}
    for claim_id, (what, implied, quantity) in runs.items():
        d = literature_distribution(quantity)
        out[claim_id] = Plausibility(
            claim=claim_id,
            quantity=what,
            implied=implied,
            percentile=d.percentile_rank(implied),
            median=d.median,
            n=d.n,
            seed=d.seed,
            low=d.low,
            high=d.high,
        )
    return MappingProxyType(out)


# --- the reports on the programme ------------------------------------------------------------


@functools.cache
def reports() -> Mapping[str, Source]:
    """The reports on E-Town's rubber-asphalt programme, the article among them, by id.

    Read from ``wasteless/data/etown_reports.toml`` (factors.md §1): each report's title
    and wording as quoted there, its date, URL and quality tag, what it covers, and its
    figures, each a :class:`~wasteless.claims.Claim` **parsed from its phrase** by
    :func:`wasteless.zh.parse_quantity`. A figure whose id is a claim id is another source
    of that claim; ``coal_equivalent`` is a figure the article does not state. The
    article itself (id ``"2020-01-17"``) states the claims ``tyres``, ``co2`` and
    ``area`` of :func:`claims`.

    Returns
    -------
    Mapping of Source
        Read-only, in date order: ``2018-11-02``, ``2019-07-23``, ``2020-01-17``.

    Examples
    --------
    >>> sources = reports()
    >>> list(sources)
    ['2018-11-02', '2019-07-23', '2020-01-17']
    >>> sources["2018-11-02"].figures["tyres"].stated
    <Quantity(270000.0, 'tyre')>
    >>> sources["2019-07-23"].figures["area"].stated, sources["2019-07-23"].tag
    (<Quantity(2000000.0, 'meter ** 2')>, '[S]')
    """
    ledger, article = claims(), source()
    out = {}
    for record in read_toml("etown_reports.toml")["reports"]:
        quote = " … ".join(record.get("quotes", []))
        if record.get("ledger"):
            out[record["id"]] = Source(
                id=record["id"],
                title=article["title"],
                date=article["date"],
                figures={key: ledger[key] for key in record["claims"]},
                publisher=f"{article['publisher']} ({article['author']})",
                quote=quote,
                covers=record["covers"],
            )
            continue
        cite = f"{record['publisher']}, {record['date']}: {record['title']}"
        figures = {}
        for figure in record["figures"]:
            parsed = zh.parse_quantity(figure["phrase"], context=figure.get("context"))
            figures[figure["id"]] = Claim(
                id=figure["id"],
                quote=figure["phrase"],
                statement=figure["statement"],
                stated=parsed.quantity,
                relation=parsed.relation,
                resolution=parsed.resolution,
                source=cite,
            )
        out[record["id"]] = Source(
            id=record["id"],
            title=record["title"],
            date=record["date"],
            figures=figures,
            url=record["url"],
            publisher=record["publisher"],
            quality=record["quality"],
            quote=quote,
            covers=record["covers"],
            period_start=record.get("period_start"),
            period_end=record.get("period_end"),
        )
    return MappingProxyType(dict(sorted(out.items(), key=lambda item: item[1].published)))


def _sources(given: Any) -> tuple[Source, ...]:
    """The reports to compare, in date order: ``reports()`` or a sequence of Sources."""
    if given is None:
        return tuple(reports().values())
    if isinstance(given, Mapping):
        given = list(given.values())
    if isinstance(given, (str, bytes)) or not isinstance(given, Sequence):
        raise InputError(f"reports must be a sequence of claims.Source; got {given!r}")
    for i, item in enumerate(given):
        if not isinstance(item, Source):
            raise InputError(f"reports[{i}] must be a claims.Source; got {item!r}")
    if not given:
        raise InputError("reports must name at least one claims.Source; got none")
    ids = [s.id for s in given]
    if len(set(ids)) != len(ids):
        raise InputError(f"reports must have distinct ids; got {ids}")
    return tuple(sorted(given, key=lambda s: s.published))


def _label(report: Source) -> str:
    """How the text names a report: 'the 2019-07-23 report', 'the 2020-01-17 article'."""
    return f"the {report.id} {'article' if report.id == source()['date'] else 'report'}"


def _allowed(claim: Claim) -> str:
    """The values a stated figure allows, in words: '265,000 to 275,000 tyre', 'more than …'."""
    if claim.relation in ("==", "~") and claim.resolution is not None:
        low, high = claim.interval
        return f"{_value(low)} to {_value(high)}"
    if claim.relation in ("==", "~"):
        return f"exactly {_value(claim.stated)}"
    return f"{judgement.RELATIONS[claim.relation].meaning} {_value(claim.stated)}"


def _figure(claim: Claim) -> str:
    """A stated figure as text with its wording: '270,000 tyre (27万条废轮胎)'."""
    return f"{_stated(claim)} ({claim.quote})"


@dataclass(frozen=True)
class Reading(_Placed):
    """What one report's figures imply per unit, placed in the literature distribution.

    Attributes
    ----------
    reports
        The ids of the reports whose figures it divides (two for a cross reading).
    quantity
        One of :data:`LITERATURE_QUANTITIES`, e.g. ``"tyres per m²"``.
    implied
        The ratio of the two figures as stated.
    arithmetic
        The division, with the wording of each figure.
    assumption
        What the reading assumes (a literal reading of bounds, another report's area),
        or ``""``.
    percentile, median, low, high, n, seed
        Its percentile among the literature draws [percent], the draws' median, the
        support and the Monte Carlo run (:func:`literature_distribution`).
    """

    reports: tuple[str, ...]
    quantity: str
    implied: Any
    arithmetic: str
    assumption: str
    percentile: float
    median: Any
    low: Any
    high: Any
    n: int
    seed: int

    @property
    def text(self) -> str:
        """One line: source, quantity, value, where it sits and the verdict."""
        assumed = f" [{self.assumption}]" if self.assumption else ""
        return (
            f"{' on '.join(self.reports)}: {self.quantity} {_value(self.implied)} "
            f"({self.arithmetic}) is "
            f"{_placement(self.percentile, self.within, self.low, self.high)}{assumed}"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, every number with its unit."""
        return {
            "reports": list(self.reports),
            "quantity": self.quantity,
            "implied": _json_quantity(self.implied),
            "arithmetic": self.arithmetic,
            "assumption": self.assumption,
            "percentile_rank": _json_percent(self.percentile),
            "median": _json_quantity(self.median),
            "support": {"low": _json_quantity(self.low), "high": _json_quantity(self.high)},
            "within_support": self.within,
            "plausible": self.plausible,
            "n": self.n,
            "seed": self.seed,
            "text": self.text,
        }


# quantity, numerator figure, denominator figure, unit; and whether a report that states
# the numerator but not the denominator is also read on another report's total
_RATIOS = (
    ("tyres per m²", "tyres", "area", "tyre/m**2", True),
    ("kg CO₂ per tyre", "co2", "tyres", "kg/tyre", False),
    ("kgce per tyre", "coal_equivalent", "tyres", "kgce/tyre", False),
)


def _reading(
    quantity: str, top: tuple[Source, Claim], bottom: tuple[Source, Claim], unit: str
) -> Reading:
    (top_report, numerator), (bottom_report, denominator) = top, bottom
    implied = (numerator.stated / denominator.stated).to(unit)
    assumed = []
    if top_report is not bottom_report:
        assumed.append(
            f"the {top_report.id} {numerator.id} read on {_label(bottom_report)}'s "
            f"{denominator.id}; what its own {denominator.id} was is not stated"
        )
    bounds = [c for c in (numerator, denominator) if c.relation not in ("==", "~")]
    if bounds:
        assumed.append(
            "a literal reading of "
            + " and ".join(_allowed(c) for c in bounds)
            + ": a ratio of bounds is not itself a bound"
        )
    d = literature_distribution(quantity)
    ids = (top_report.id,) if top_report is bottom_report else (top_report.id, bottom_report.id)
    return Reading(
        reports=ids,
        quantity=quantity,
        implied=implied,
        arithmetic=f"{_figure(numerator)} / {_figure(denominator)}",
        assumption="; ".join(assumed),
        percentile=d.percentile_rank(implied),
        median=d.median,
        low=d.low,
        high=d.high,
        n=d.n,
        seed=d.seed,
    )


def readings(reports: Any = None) -> tuple[Reading, ...]:
    """What each report's figures imply per unit, in the literature distributions.

    For each report that states both figures of a ratio: tyres per m² (tyres / area),
    kg CO₂ per tyre (CO₂ / tyres) and kgce per tyre (coal equivalent / tyres), placed in
    the :func:`literature_distribution` of that quantity (percentile among the draws,
    inside or outside the support). A report that gives a tyre count but no area is
    also read on each other report's total area (an area stated as a figure, not a
    bound), with that assumption said. A reading outside the plausible percentiles
    (:data:`PLAUSIBLE_PERCENTILES`; always so outside the support) is implausible.

    Parameters
    ----------
    reports : sequence of claims.Source, optional
        Default: :func:`reports`.

    Returns
    -------
    tuple of Reading
        In date order of the reports.

    Examples
    --------
    >>> for r in readings():
    ...     print(r.reports, r.quantity, f"{r.implied:.3g~P}", r.plausible)
    ('2018-11-02', '2019-07-23') tyres per m² 0.135 tyre/m² False
    ('2019-07-23',) tyres per m² 1.36 tyre/m² False
    ('2019-07-23',) kg CO₂ per tyre 112 kg/tyre False
    ('2019-07-23',) kgce per tyre 45.1 kgce/tyre False
    ('2020-01-17',) tyres per m² 2.7 tyre/m² False
    ('2020-01-17',) kg CO₂ per tyre 111 kg/tyre False
    """
    sources = _sources(reports)
    out = []
    for report in sources:
        for quantity, top, bottom, unit, cross in _RATIOS:
            if top not in report.figures:
                continue
            numerator = (report, report.figures[top])
            if bottom in report.figures:
                out.append(_reading(quantity, numerator, (report, report.figures[bottom]), unit))
            elif cross:
                for other in sources:
                    totals = other.figures.get(bottom)
                    if other is not report and totals is not None and totals.relation == "==":
                        out.append(_reading(quantity, numerator, (other, totals), unit))
    return tuple(out)


# --- when the sources disagree --------------------------------------------------------------


def _points(figure: str, sources: tuple[Source, ...]) -> list[dict[str, Any]]:
    """A cumulative figure's points in time: the programme's start (as zero), then each report.

    Each point: ``report``, ``earliest`` and ``latest`` day it can refer to (``earliest``
    None when not stated), ``low`` and ``high`` of the values it allows, ``claim`` (None
    for the start) and a ``note``.
    """
    stating = [s for s in sources if figure in s.figures]
    points = []
    starts = [(s.start, s) for s in stating if s.start is not None]
    if starts:
        (first, last), origin = min(starts, key=lambda item: item[0][0])
        unit = stating[0].figures[figure].stated.units
        points.append(
            {
                "report": "start",
                "earliest": first,
                "latest": last,
                "low": Q_(0.0, unit),
                "high": Q_(0.0, unit),
                "claim": None,
                "note": f"the programme's start as {_label(origin)} dates it "
                f"({origin.period_start}); no {figure} assumed before it",
            }
        )
    for report in stating:
        claim = report.figures[figure]
        unit = claim.stated.units
        low, high, _, _ = claims_module._consistent(claim, str(unit))
        earliest, latest = report.as_of
        points.append(
            {
                "report": report.id,
                "earliest": earliest,
                "latest": latest,
                "low": Q_(low, unit),
                "high": Q_(high, unit),
                "claim": claim,
                "note": f"as of {report.period_end}"
                if report.period_end
                else f"not dated: no later than {report.date}",
            }
        )
    return sorted(points, key=lambda p: (p["latest"], p["report"] != "start"))


def _rate(earlier: Mapping[str, Any], later: Mapping[str, Any]) -> tuple[Any, Any]:
    """The growth per year between two points: (at least, at most); at most NaN if unbounded."""
    unit = later["low"].units
    grown_low = max(
        later["low"].magnitude - earlier["high"].to(unit).magnitude, 0.0
    )  # a cumulative count does not fall
    grown_high = later["high"].magnitude - earlier["low"].to(unit).magnitude
    longest = None if earlier["earliest"] is None else (later["latest"] - earlier["earliest"]).days
    shortest = None if later["earliest"] is None else (later["earliest"] - earlier["latest"]).days
    low = 0.0 if not longest or longest <= 0 else grown_low / longest
    high = (
        math.nan
        if shortest is None or shortest <= 0 or not math.isfinite(grown_high)
        else max(grown_high, 0.0) / shortest
    )
    per_year = Q_(1.0, "year").to("day").magnitude
    return Q_(low * per_year, f"{unit}/year"), Q_(high * per_year, f"{unit}/year")


def _per_year(quantity: Any) -> str:
    number = float(quantity.magnitude)
    shown = f"{number:,.0f}" if abs(number) >= 1000 else f"{number:.3g}"
    unit = f"{(quantity * Q_(1, 'year')).to_reduced_units().units:~P}"
    return f"{shown} {unit}/year"


def _rate_text(low: Any, high: Any) -> str:
    if low.magnitude == 0 and math.isnan(high.magnitude):
        return "not determined by these figures"
    if math.isnan(high.magnitude):
        return f"at least {_per_year(low)}"
    return f"{_per_year(low)} to {_per_year(high)}"


def _date_text(point: Mapping[str, Any]) -> str:
    if point["earliest"] is None:
        return f"no later than {point['latest']}"
    if point["earliest"] == point["latest"]:
        return str(point["latest"])
    return f"{point['earliest']} to {point['latest']}"


def timeline(figure: str = "tyres", reports: Any = None) -> pd.DataFrame:
    """A cumulative figure as the reports state it, by the date each refers to.

    One row per report that states ``figure``, in date order, after a first row
    ``start``: the programme's start as the earliest report dates it (its
    ``period_start``), where the figure is taken as zero (an assumption the ``note`` says).
    A report that does not date its figures refers to a day no later than its
    publication (``earliest`` missing).

    Parameters
    ----------
    figure : str, optional
        The figure's id; default ``"tyres"``.
    reports : sequence of claims.Source, optional
        Default: :func:`reports`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``report``: ``earliest``, ``latest`` (dates), ``stated`` (the stated
        value), ``low``, ``high`` (the values its relation and precision allow; ``high``
        NaN where nothing bounds it, as for "more than"), all pint columns in the
        figure's unit; ``relation``, ``wording`` and ``note``.

    Raises
    ------
    InputError
        If no report states ``figure``.

    Examples
    --------
    >>> table = timeline()
    >>> table.index.tolist()
    ['start', '2018-11-02', '2019-07-23', '2020-01-17']
    >>> table["stated"].pint.to("tyre").pint.magnitude.tolist()
    [0.0, 270000.0, 2730000.0, 2700000.0]
    """
    sources = _sources(reports)
    points = _points(_figure_id(figure, sources), sources)
    unit = points[-1]["low"].units
    column = [
        (p["low"] if p["claim"] is None else p["claim"].stated).to(unit).magnitude for p in points
    ]
    index = pd.Index([p["report"] for p in points], name="report")
    return pd.DataFrame(
        {
            "earliest": [p["earliest"] for p in points],
            "latest": [p["latest"] for p in points],
            "stated": pint_series(column, unit, index),
            "low": pint_series([p["low"].to(unit).magnitude for p in points], unit, index),
            "high": pint_series(
                [_bounded(p["high"].to(unit).magnitude) for p in points], unit, index
            ),
            "relation": ["==" if p["claim"] is None else p["claim"].relation for p in points],
            "wording": ["" if p["claim"] is None else p["claim"].quote for p in points],
            "note": [p["note"] for p in points],
        },
        index=index,
    )


def _bounded(value: float) -> float:
    """A bound as a table holds it: NaN where nothing bounds the value (not infinity)."""
    return value if math.isfinite(value) else math.nan


def _figure_id(figure: Any, sources: tuple[Source, ...]) -> str:
    stated = sorted({key for s in sources for key in s.figures})
    return check_choice(figure, "figure", stated)


def rates(figure: str = "tyres", reports: Any = None) -> pd.DataFrame:
    """The growth per year a cumulative figure implies between consecutive reports.

    Between each pair of consecutive points of :func:`timeline` (the start, then the
    reports in date order), the growth per year that the two figures allow, over every
    value their relation and precision allow and every day they can refer to: at
    least ``low``, at most ``high`` (NaN when nothing bounds it). A later figure that
    is only a lower bound below the earlier one determines nothing (``low`` 0, ``high``
    NaN).

    Parameters
    ----------
    figure : str, optional
        The figure's id; default ``"tyres"``.
    reports : sequence of claims.Source, optional
        Default: :func:`reports`.

    Returns
    -------
    pandas.DataFrame
        One row per consecutive pair: ``since``, ``until`` (report ids), ``low`` and
        ``high`` (pint columns in the figure's unit per year) and ``text``.

    Examples
    --------
    >>> for row in rates().itertuples():
    ...     print(f"{row.since} -> {row.until}: {row.text}")
    start -> 2018-11-02: 44,811 tyre/year to 47,157 tyre/year
    2018-11-02 -> 2019-07-23: at least 2,744,977 tyre/year
    2019-07-23 -> 2020-01-17: not determined by these figures
    """
    sources = _sources(reports)
    points = _points(_figure_id(figure, sources), sources)
    rows = []
    for earlier, later in itertools.pairwise(points):
        low, high = _rate(earlier, later)
        rows.append(
            {
                "since": earlier["report"],
                "until": later["report"],
                "low": low.magnitude,
                "high": high.magnitude,
                "text": _rate_text(low, high),
            }
        )
    unit = f"{points[-1]['low'].units}/year"
    frame = pd.DataFrame(rows, columns=["since", "until", "low", "high", "text"])
    frame["low"] = pint_series(frame["low"].to_numpy(float), unit, frame.index)
    frame["high"] = pint_series(frame["high"].to_numpy(float), unit, frame.index)
    return frame


@dataclass(frozen=True)
class Disagreement:
    """Two reports whose figures of one quantity differ beyond their stated precision.

    Named, not decided: the text says how far apart the figures are, whether the gap is
    one of place value (a 万 slip), what the two would mean as growth of a cumulative
    figure, and what evidence would settle it.

    Attributes
    ----------
    figure
        The figure's id (``"tyres"``, …).
    first, second
        The two reports, the earlier first.
    ratio
        The larger stated value over the smaller [dimensionless].
    place_value
        ``k`` when the smaller figure times 10**k agrees with the larger at their stated
        precision (a place-value slip would explain the gap); else None.
    growth
        The two read as growth of a cumulative figure, in words ("" when undated).
    settled_by
        What evidence would settle it (the ledger's ``settled_by``).
    """

    figure: str
    first: Source
    second: Source
    ratio: float
    place_value: int | None
    growth: str
    settled_by: str

    @property
    def text(self) -> str:
        """The disagreement in plain words, without deciding it."""
        a, b = self.first.figures[self.figure], self.second.figures[self.figure]
        parts = [
            f"{self.figure}: {_label(self.first)} states {_figure(a)}, {_label(self.second)} "
            f"{_figure(b)}; at their stated precision ({_allowed(a)}; {_allowed(b)}) they "
            f"cannot both be right: a {self.ratio:.3g}× difference"
        ]
        if self.place_value is not None:
            wan = all("万" in zh.normalise(c.quote) for c in (a, b))
            parts.append(
                f"the gap is {10**self.place_value:g}× at their stated precision: one figure "
                f"may carry a {'万 ' if wan else ''}place-value slip"
            )
        if self.growth:
            parts.append(self.growth)
        parts.append(f"{self.settled_by or 'an independent record of the figure'} would settle it")
        return "; ".join(parts) + ". wasteless does not decide which is right."

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the figure, both reports with their stated figures, ratio, text."""
        return {
            "figure": self.figure,
            "reports": [self.first.id, self.second.id],
            "stated": [
                _json_claim(self.first.figures[self.figure]),
                _json_claim(self.second.figures[self.figure]),
            ],
            "ratio": {"value": _round(self.ratio), "unit": ""},
            "place_value": self.place_value,
            "growth": self.growth,
            "settled_by": self.settled_by,
            "text": self.text,
        }


def _place_value(smaller: Claim, larger: Claim) -> int | None:
    """The k in 1..3 for which ``smaller`` × 10**k agrees with ``larger``, or None."""
    for k in (1, 2, 3):
        scaled = dataclasses.replace(
            smaller,
            stated=smaller.stated * 10**k,
            resolution=None if smaller.resolution is None else smaller.resolution * 10**k,
        )
        if claims_module.agree(scaled, larger):
            return k
    return None


def disagreements(reports: Any = None) -> tuple[Disagreement, ...]:
    """Every pair of reports whose figures of one quantity cannot both be right.

    Two figures disagree when no value is allowed by both at their stated relation and
    precision (:func:`wasteless.claims.agree`): "27万条" and "273万条" disagree,
    "超270万条" and "273万条" do not. Each disagreement is named, with the figures as worded, the
    size of the gap, whether a place-value slip would explain it, the two read as
    growth of a cumulative figure, and what would settle it; it is not decided.

    Parameters
    ----------
    reports : sequence of claims.Source, optional
        Default: :func:`reports`.

    Returns
    -------
    tuple of Disagreement
        By figure, then by the reports' dates.

    Examples
    --------
    >>> [(d.figure, d.first.id, d.second.id, round(d.ratio, 2)) for d in disagreements()]
    [('tyres', '2018-11-02', '2019-07-23', 10.11), ('tyres', '2018-11-02', '2020-01-17', 10.0)]
    """
    sources = _sources(reports)
    settle = {record["id"]: record.get("settled_by", "") for record in _ledger()["claims"]}
    out = []
    for figure in sorted({key for s in sources for key in s.figures}):
        stating = [s for s in sources if figure in s.figures]
        points = {p["report"]: p for p in _points(figure, tuple(stating))}
        for first, second in itertools.combinations(stating, 2):
            a, b = first.figures[figure], second.figures[figure]
            if claims_module.agree(a, b):
                continue
            unit = str(a.stated.units)
            values = sorted(
                ((abs(c.stated.to(unit).magnitude), c) for c in (a, b)), key=lambda v: v[0]
            )
            (small, smaller), (large, larger) = values
            ratio = math.inf if small == 0 else large / small
            low, high = _rate(points[first.id], points[second.id])
            growth = ""
            if points[second.id]["latest"] > points[first.id]["latest"]:
                growth = (
                    f"read as growth between {_date_text(points[first.id])} and "
                    f"{_date_text(points[second.id])}: {_rate_text(low, high)}"
                )
            out.append(
                Disagreement(
                    figure=figure,
                    first=first,
                    second=second,
                    ratio=ratio,
                    place_value=_place_value(smaller, larger),
                    growth=growth,
                    settled_by=settle.get(figure, ""),
                )
            )
    return tuple(out)


# --- the summary ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """The report in one sentence: verdicts, the literature and the sources together.

    Attributes
    ----------
    checkable, hold, independent, calibrated, not_checkable
        Counts of claims: checkable, holding on their basis, of those independent and
        reproduced by calibration, and not checkable.
    implausible
        The claims whose implied figure lies outside the plausible percentiles of the
        literature distribution (:data:`PLAUSIBLE_PERCENTILES`).
    disputed
        The figures on which the reports disagree beyond their stated precision.
    """

    checkable: int
    hold: int
    independent: int
    calibrated: int
    not_checkable: int
    implausible: tuple[str, ...]
    disputed: tuple[str, ...]

    @property
    def headline(self) -> str:
        """The summary in one line.

        E.g. "4 of 4 checkable claims hold on their basis (1 independent, 3 reproduced by
        calibration); against the literature, 3 figures are implausible (outside the
        0.1–99.9th percentiles); sources disagree on 1 figure".
        """
        low, high = PLAUSIBLE_PERCENTILES
        n = len(self.implausible)
        implausible = (
            "no figure is implausible"
            if n == 0
            else f"{n} figure{' is' if n == 1 else 's are'} implausible"
        )
        m = len(self.disputed)
        disputed = (
            "sources agree on every figure at their stated precision"
            if m == 0
            else f"sources disagree on {m} figure{'' if m == 1 else 's'}"
        )
        return (
            f"{self.hold} of {self.checkable} checkable claims hold on their basis "
            f"({self.independent} independent, {self.calibrated} reproduced by calibration); "
            f"against the literature, {implausible} (outside the {low:g}–{high:g}th "
            f"percentiles); {disputed}"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the counts, the ids and the headline."""
        return {
            "headline": self.headline,
            "checkable": self.checkable,
            "hold": self.hold,
            "independent": self.independent,
            "calibrated": self.calibrated,
            "not_checkable": self.not_checkable,
            "implausible": list(self.implausible),
            "disputed": list(self.disputed),
            "plausible_percentiles": {
                "low": _json_percent(PLAUSIBLE_PERCENTILES[0]),
                "high": _json_percent(PLAUSIBLE_PERCENTILES[1]),
            },
        }


@functools.cache
def _unchanged_verdicts() -> Mapping[str, Verdict]:
    """Verdicts that do not depend on the preset, as the ledger records say."""
    return MappingProxyType(
        {
            claim_id: _ledger_verdict(record)
            for claim_id, record in _records().items()
            if claim_id not in TYRE_CLAIMS
        }
    )


@dataclass(frozen=True)
class Report:
    """The article's claims, each with its verdict, the literature and the other reports.

    Attributes
    ----------
    preset
        The preset of the tyre computations.
    verdicts
        One verdict per claim, in the article's order.
    literature
        The tyre claims' verdicts under :data:`~wasteless.presets.LITERATURE`.
    comparisons
        :func:`literature_comparison`.
    plausibility
        :func:`plausibility`: the independent check of the tyre claims.
    reports
        The reports on the programme (:func:`reports`), the article among them.
    readings
        :func:`readings`: what each report's figures imply, in the literature distributions.
    disagreements
        :func:`disagreements`: where the reports' figures cannot all be right.
    timeline, rates
        :func:`timeline` and :func:`rates` of the tyre count.
    """

    preset: Preset
    verdicts: tuple[Verdict, ...]
    literature: Mapping[str, Verdict]
    comparisons: tuple[Comparison, ...]
    plausibility: Mapping[str, Plausibility] = dataclasses.field(default_factory=dict)
    reports: tuple[Source, ...] = ()
    readings: tuple[Reading, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    timeline: pd.DataFrame | None = dataclasses.field(default=None, compare=False, repr=False)
    rates: pd.DataFrame | None = dataclasses.field(default=None, compare=False, repr=False)

    @property
    def holds(self) -> bool:
        """Whether every checkable claim holds on its stated basis (see ``Verdict.verdict``)."""
        return all(v.holds is not False for v in self.verdicts)

    @property
    def summary(self) -> Summary:
        """The verdicts, the literature and the sources in one :class:`Summary`.

        Examples
        --------
        >>> print(reproduce().summary.headline)
        4 of 4 checkable claims hold on their basis (1 independent, 3 reproduced by
        calibration); against the literature, 3 figures are implausible (outside the
        0.1–99.9th percentiles); sources disagree on 1 figure
        """
        checkable = [v for v in self.verdicts if v.holds is not None]
        held = [v for v in checkable if v.holds]
        calibrated = sum(v.basis == "calibrated" for v in held)
        return Summary(
            checkable=len(checkable),
            hold=len(held),
            independent=len(held) - calibrated,
            calibrated=calibrated,
            not_checkable=len(self.verdicts) - len(checkable),
            implausible=tuple(k for k, p in self.plausibility.items() if not p.plausible),
            disputed=tuple(dict.fromkeys(d.figure for d in self.disagreements)),
        )

    def passes(self, strict: bool = False) -> bool:
        """Whether the report passes: every checkable claim holds on its stated basis.

        Parameters
        ----------
        strict : bool, optional
            Also require that no figure is implausible against the literature and that
            the reports agree on every figure (``wasteless reproduce --strict``).

        Examples
        --------
        >>> report = reproduce()
        >>> report.passes(), report.passes(strict=True)
        (True, False)
        """
        if not check_flag(strict, "strict"):
            return self.holds
        summary = self.summary
        return self.holds and not summary.implausible and not summary.disputed

    @property
    def caveat(self) -> str:
        """What the verdicts of the tyre claims mean under this preset."""
        if self.preset.calibrated:
            return (
                f"The tyre and CO₂ verdicts use {self.preset.name}, calibrated to the "
                "programme's own 2019 report: they show consistency with that report, "
                "not independent confirmation."
            )
        return f"The tyre and CO₂ verdicts use {self.preset.name} (engineering literature)."

    def __repr__(self) -> str:
        return f"<Report {self.preset.name!r}: {self.summary.headline}>"

    def __getitem__(self, claim_id: str) -> Verdict:
        """The verdict of claim ``claim_id``."""
        for verdict in self.verdicts:
            if verdict.claim.id == claim_id:
                return verdict
        raise KeyError(f"no claim {claim_id!r}; claims are {[v.claim.id for v in self.verdicts]}")

    # --- serialisations -------------------------------------------------------------------

    def _sources_of(self, claim: Claim) -> list[dict[str, Any]]:
        """Every report that states the claim's figure; the article itself always does."""
        article = source()
        found = [
            {
                "report": r.id,
                "date": r.date,
                "tag": r.tag,
                "url": r.url or None,
                "wording": r.figures[claim.id].quote,
                "figure": r.figures[claim.id],
            }
            for r in self.reports
            if claim.id in r.figures
        ]
        if all(f["report"] != article["date"] for f in found):
            found.append(
                {
                    "report": article["date"],
                    "date": article["date"],
                    "tag": "",
                    "url": None,
                    "wording": claim.quote,
                    "figure": claim,
                }
            )
        return found

    def records(self) -> list[dict[str, Any]]:
        """One JSON-ready dict per claim (the ``claims`` of :meth:`to_dict`).

        Keys: ``id``, ``kind``, ``year``, ``statement``, ``quote``, ``stated``
        {value, unit, relation, resolution}, ``unit`` (of ``stated``, ``computed`` and
        ``interval``), ``computed`` {value, unit} or null, ``interval`` [low, high] or
        null, ``holds`` (true/false, null when not checkable), ``basis``
        (``independent``/``calibrated``), ``verdict`` (the verdict with its basis, e.g.
        ``"reproduced (calibrated to the 2019 report)"``), ``calibrated_factors``,
        ``status``, ``reasoning``, ``assumptions``, ``preset``, ``sources`` (every report
        that states the figure); for the tyre claims ``literature`` {value, unit, holds,
        verdict, reasoning} and ``plausibility`` (see :class:`Plausibility`). Numbers are
        rounded to 6 significant digits.

        Examples
        --------
        >>> record = reproduce().records()[1]
        >>> record["id"], record["stated"]["relation"], record["holds"], record["basis"]
        ('tyres', '>', True, 'calibrated')
        >>> [s["report"] for s in record["sources"]]
        ['2018-11-02', '2019-07-23', '2020-01-17']
        """
        out = []
        for verdict in self.verdicts:
            claim = verdict.claim
            unit = None if claim.stated is None else f"{claim.stated.units:~}"
            record: dict[str, Any] = {
                "id": claim.id,
                "kind": claim.kind,
                "year": claim.year,
                "statement": claim.statement,
                "quote": claim.quote,
                "stated": _json_claim(claim),
                "unit": unit,
                "computed": None
                if verdict.computed is None
                else {"value": _round(verdict.computed.magnitude), "unit": unit},
                "interval": None
                if verdict.interval is None
                else [_round(q.magnitude) for q in verdict.interval],
                "holds": verdict.holds,
                "basis": verdict.basis,
                "verdict": verdict.verdict,
                "calibrated_factors": list(verdict.calibrated_factors),
                "status": verdict.status,
                "reasoning": verdict.reasoning,
                "assumptions": list(verdict.assumptions),
                "preset": self.preset.name if claim.id in TYRE_CLAIMS else None,
                "sources": [
                    {
                        **{k: v for k, v in found.items() if k != "figure"},
                        "stated": _json_claim(found["figure"]),
                        "agrees": found["figure"] is claim
                        or claim.stated is None
                        or claims_module.agree(found["figure"], claim),
                    }
                    for found in self._sources_of(claim)
                ],
            }
            if claim.id in self.literature:
                lit = self.literature[claim.id]
                record["literature"] = {
                    "value": _round(lit.computed.magnitude),
                    "unit": unit,
                    "holds": lit.holds,
                    "verdict": lit.verdict,
                    "reasoning": lit.reasoning,
                }
            if claim.id in self.plausibility:
                record["plausibility"] = self.plausibility[claim.id].to_dict()
            out.append(record)
        return out

    def to_dict(self) -> dict[str, Any]:
        """The report as one JSON-ready object (the ``--format json`` output).

        ``{"wasteless": version, "source": {...}, "preset": {...}, "summary": {...},
        "claims": [...], "literature": [...], "calibration": {...}, "reports": [...],
        "readings": [...], "timeline": [...], "rates": [...], "disagreements": [...]}``:
        ``summary`` as :meth:`Summary.to_dict`; ``claims`` as :meth:`records`;
        ``literature`` the comparisons of :func:`literature_comparison`; ``calibration``
        the preset's calibrated factors and arithmetic (empty when not calibrated);
        ``reports``, ``readings``, ``timeline``, ``rates`` and ``disagreements`` what the
        reports on the programme say (:func:`reports`, :func:`readings`,
        :func:`timeline`, :func:`rates`, :func:`disagreements`). Every number with a unit
        is an object ``{value, unit}`` or sits beside its ``unit``.

        Examples
        --------
        >>> sorted(reproduce().to_dict())  # doctest: +NORMALIZE_WHITESPACE
        ['calibration', 'claims', 'disagreements', 'literature', 'preset', 'rates',
         'readings', 'reports', 'source', 'summary', 'timeline', 'wasteless']
        """
        from wasteless import __version__

        preset = self.preset
        calibrated = [
            {
                "factor": record.key,
                "value": _round(record.value),
                "unit": record.unit,
                "tag": record.tag,
                "source": record.source,
                "note": record.note,
            }
            for params in (preset.paving, preset.carbon)
            for record in params.sources.values()
            if record.quality == "C"
        ]
        return {
            "wasteless": __version__,
            "source": dict(source()),
            "preset": {
                "name": preset.name,
                "title": preset.title,
                "calibrated": preset.calibrated,
                "calibrated_to": preset.calibrated_to or None,
                "tyre": preset.tyre,
            },
            "summary": self.summary.to_dict(),
            "claims": self.records(),
            "literature": [
                {
                    "name": c.name,
                    "implied": _json_quantity(c.implied),
                    "low": _json_quantity(c.low),
                    "high": _json_quantity(c.high),
                    "model": _json_quantity(c.model),
                    "within": c.within,
                    "basis": c.basis,
                    "percentile_rank": _json_percent(c.percentile),
                    "median": _json_quantity(c.median),
                    "plausible": c.plausible,
                    "n": c.n,
                    "seed": c.seed,
                    "note": c.note,
                    "text": c.text,
                }
                for c in self.comparisons
            ],
            "calibration": {
                "factors": calibrated,
                "arithmetic": preset.arithmetic.splitlines() if preset.calibrated else [],
            },
            "reports": [_json_report(r) for r in self.reports],
            "readings": [r.to_dict() for r in self.readings],
            "timeline": _json_rows(self.timeline),
            "rates": _json_rows(self.rates),
            "disagreements": [d.to_dict() for d in self.disagreements],
        }

    def to_json(self, **kwargs: Any) -> str:
        """The report as a JSON object (see :meth:`to_dict`); keyword arguments go to json.dumps.

        Examples
        --------
        >>> import json
        >>> json.loads(reproduce().to_json())["claims"][0]["id"]
        'kitchen'
        """
        kwargs.setdefault("ensure_ascii", False)
        kwargs.setdefault("indent", 2)
        return json.dumps(self.to_dict(), **kwargs)

    def to_frame(self) -> pd.DataFrame:
        """The claims as a DataFrame indexed by claim id, every number with its unit.

        A row's figures have the claim's unit, which differs from row to row, so the
        columns ``stated``, ``computed`` and ``literature`` hold one pint Quantity per
        cell (None where there is none); ``unit`` names the row's unit and
        ``plausibility`` is the percentile rank in the literature distribution (a
        Quantity in percent). ``sources`` counts the reports that state the figure,
        ``disputed`` says whether they disagree beyond their stated precision.

        Examples
        --------
        >>> frame = reproduce().to_frame()
        >>> frame.loc["pm25_decline", "status"]
        'holds'
        >>> frame.loc["tyres", "literature"]
        <Quantity(549376.0, 'tyre')>
        >>> row = frame.loc["tyres"]
        >>> int(row["sources"]), bool(row["disputed"]), bool(row["plausible"])
        (3, True, False)
        """
        disputed = set(self.summary.disputed)
        rows = []
        for verdict in self.verdicts:
            claim = verdict.claim
            lit = self.literature.get(claim.id)
            plausible = self.plausibility.get(claim.id)
            rows.append(
                {
                    "id": claim.id,
                    "kind": claim.kind,
                    "relation": claim.relation,
                    "stated": claim.stated,
                    "unit": None if claim.stated is None else f"{claim.stated.units:~P}",
                    "computed": _rounded(verdict.computed, claim),
                    "status": verdict.status,
                    "basis": verdict.basis,
                    "verdict": verdict.verdict,
                    "literature": None if lit is None else _rounded(lit.computed, claim),
                    "plausibility": None
                    if plausible is None
                    else Q_(round(plausible.percentile, 2), "percent"),
                    "plausible": None if plausible is None else plausible.plausible,
                    "sources": len(self._sources_of(claim)),
                    "disputed": claim.id in disputed,
                    "reasoning": verdict.reasoning,
                }
            )
        return pd.DataFrame(rows).set_index("id")

    def _rows(self) -> list[tuple[str, ...]]:
        rows: list[tuple[str, ...]] = []
        for verdict in self.verdicts:
            claim = verdict.claim
            lit = self.literature.get(claim.id)
            rows.append(
                (
                    claim.id,
                    _stated(claim),
                    "—" if verdict.computed is None else _value(verdict.computed),
                    verdict.verdict,
                    "" if lit is None else f"{_value(lit.computed)} ({lit.verdict})",
                )
            )
        return rows

    def _basis_line(self) -> str:
        """The one literature basis, in a line."""
        p = next(iter(self.plausibility.values()), None)
        run = "" if p is None else f", n = {p.n:,}, seed {p.seed}"
        low, high = PLAUSIBLE_PERCENTILES
        return (
            f"one basis, the LITERATURE Monte Carlo distribution{run} (one tyre = "
            f"{LITERATURE.tyre}); its support, every factor at either end of its sourced "
            f"range, is what no draw can leave; implausible = outside the {low:g}–{high:g}th "
            "percentiles"
        )

    def _source_lines(self) -> list[str]:
        """What the reports say: the reports, readings, timeline, rates, disagreements."""
        lines: list[str] = []
        for report in self.reports:
            head = f"  {report.id} {report.tag}".rstrip()
            where = f" ({report.url})" if report.url else ""
            lines.append(f"{head} {report.title}{where}")
            lines.append(f"      covers: {report.covers}")
            for figure in report.figures.values():
                lines.append(f"      {figure.id}: {_figure(figure)}, i.e. {_allowed(figure)}")
        if self.readings:
            lines.append("  What each report implies, in the literature distribution:")
            lines += [f"    {r.text}" for r in self.readings]
        if self.timeline is not None and len(self.timeline):
            lines.append("  The tyre count over time (cumulative) and the growth it implies:")
            for point, row in self.timeline.iterrows():
                symbol = "" if row["relation"] == "==" else f"{row['relation']} "
                shown = "assumed" if point == "start" else row["wording"]
                lines.append(
                    f"    {point}: {symbol}{_value(row['stated'])} ({shown}), {row['note']}"
                )
            if self.rates is not None:
                for rate in self.rates.itertuples():
                    lines.append(f"    {rate.since} → {rate.until}: {rate.text}")
        if self.disagreements:
            lines.append("  Where the reports disagree:")
            lines += [f"    {d.text}" for d in self.disagreements]
        return lines

    def to_text(self) -> str:
        """A plain-text report: the headline, the claims, the literature, the reports."""
        header = ("claim", "stated", f"computed ({self.preset.name})", "verdict", "literature")
        rows = [header, *self._rows()]
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        summary = self.summary
        lines = [
            f"wasteless: {_citation()}",
            f"{summary.headline}.",
            f"Preset: {self.preset.name} ({self.preset.title}); one tyre = {self.preset.tyre}.",
            "",
        ]
        lines += [
            "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)) for r in rows
        ]
        lines += ["", "Reasoning:"]
        for verdict in self.verdicts:
            lines.append(
                f"  {verdict.claim.id}: {verdict.claim.quote} | {verdict.claim.statement}"
            )
            lines.append(f"      {verdict.verdict}: {verdict.reasoning}")
            for assumption in verdict.assumptions:
                lines.append(f"      assumed: {assumption}")
        if self.plausibility:
            lines += [
                "",
                "Independent plausibility (literature Monte Carlo, wasteless.uncertainty; "
                f"{self._basis_line()}):",
            ]
            lines += [f"  {p.claim}: {p.text}" for p in self.plausibility.values()]
        lines += ["", "What the article implies, against the same literature distributions:"]
        for c in self.comparisons:
            lines.append(f"  {c.name}: {c.text}")
            lines.append(f"      basis: {c.basis}")
            if c.note:
                lines.append(f"      note: {c.note}")
        if self.reports:
            lines += (
                ["", "What the three reports say:"]
                if len(self.reports) == 3
                else [
                    "",
                    f"What the {len(self.reports)} reports say:",
                ]
            )
            lines += self._source_lines()
        if self.preset.calibrated:
            lines += ["", f"How {self.preset.name} was calibrated:"]
            lines += [f"  {line}" for line in self.preset.arithmetic.splitlines()]
        lines += ["", f"{summary.headline}; {summary.not_checkable} not checkable."]
        if summary.implausible or summary.disputed:
            named = [
                f"implausible: {', '.join(summary.implausible)}" if summary.implausible else "",
                f"disputed: {', '.join(summary.disputed)}" if summary.disputed else "",
            ]
            lines.append("; ".join(n for n in named if n).capitalize() + ".")
        lines.append(self.caveat)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def to_markdown(self) -> str:
        """Markdown: the headline, the claims table, the literature and the reports.

        Examples
        --------
        >>> print(reproduce().to_markdown().splitlines()[4])
        | claim | stated | computed (etown-2019) | verdict | literature | reasoning |
        """
        summary = self.summary
        lines = [
            f"**{_citation()}** — preset `{self.preset.name}`: {self.preset.title}",
            "",
            f"**{summary.headline}**; {summary.not_checkable} not checkable.",
            "",
            f"| claim | stated | computed ({self.preset.name}) | verdict | literature "
            "| reasoning |",
            "|---|---|---|---|---|---|",
        ]
        for (claim_id, stated, computed, status, lit), verdict in zip(
            self._rows(), self.verdicts, strict=True
        ):
            reason = _cell(verdict.reasoning)
            lines.append(f"| {claim_id} | {stated} | {computed} | {status} | {lit} | {reason} |")
        if self.plausibility:
            lines += [
                "",
                f"Against the literature: {self._basis_line()}.",
                "",
                "| claim | independent plausibility (literature Monte Carlo) |",
                "|---|---|",
            ]
            lines += [f"| {p.claim} | {_cell(p.text)} |" for p in self.plausibility.values()]
        lines += [
            "",
            "| implied by the article | value | literature support | median | percentile "
            "| model |",
            "|---|---|---|---|---|---|",
        ]
        for c in self.comparisons:
            lines.append(
                f"| {_cell(c.name)} | {_value(c.implied)} | {_value(c.low)} – {_value(c.high)} "
                f"| {_value(c.median)} | {_where(c.percentile)} | {_value(c.model)} |"
            )
        if self.reports:
            lines += ["", "**What the reports say**", "", "| report | tag | figures | covers |"]
            lines += ["|---|---|---|---|"]
            for report in self.reports:
                title = f"[{report.title}]({report.url})" if report.url else report.title
                figures = "; ".join(_figure(f) for f in report.figures.values())
                lines.append(
                    f"| {report.id} {_cell(title)} | {report.tag} | {_cell(figures)} "
                    f"| {_cell(report.covers)} |"
                )
            if self.readings:
                lines += ["", "| reading | text |", "|---|---|"]
                lines += [
                    f"| {' on '.join(r.reports)}: {r.quantity} | {_cell(r.text)} |"
                    for r in self.readings
                ]
            if self.rates is not None and len(self.rates):
                lines += ["", "| tyre count, from | to | growth |", "|---|---|---|"]
                lines += [f"| {r.since} | {r.until} | {r.text} |" for r in self.rates.itertuples()]
            if self.disagreements:
                lines += [""] + [f"- {_cell(d.text)}" for d in self.disagreements]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        colours = {"holds": "#1a7f37", "fails": "#cf222e", "not checkable": "#6e7781"}
        head = "".join(
            f"<th>{html.escape(h)}</th>"
            for h in ("claim", "stated", f"computed ({self.preset.name})", "verdict", "literature")
        )
        body = []
        for row, verdict in zip(self._rows(), self.verdicts, strict=True):
            cells = [f"<td>{html.escape(cell)}</td>" for cell in row]
            cells[3] = f'<td style="color:{colours[verdict.status]}">{html.escape(row[3])}</td>'
            cells.append(f"<td><small>{html.escape(verdict.reasoning)}</small></td>")
            body.append(f"<tr>{''.join(cells)}</tr>")

        def items(texts: Sequence[str]) -> str:
            return "".join(f"<li><small>{html.escape(t)}</small></li>" for t in texts)

        sections = ""
        if self.reports:
            rates = (
                []
                if self.rates is None
                else [
                    f"tyre count, {r.since} → {r.until}: {r.text}" for r in self.rates.itertuples()
                ]
            )
            sections = (
                "<p>What the reports say:</p><ul>"
                + items([f"{r.id} {r.tag} {r.title}: {r.covers}" for r in self.reports])
                + items([r.text for r in self.readings])
                + items(rates)
                + items([d.text for d in self.disagreements])
                + "</ul>"
            )
        return (
            f"<p>{html.escape(_citation())}; preset "
            f"<code>{html.escape(self.preset.name)}</code></p>"
            f"<p><b>{html.escape(self.summary.headline)}</b></p>"
            f"<table><thead><tr>{head}<th>reasoning</th></tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
            + "".join(
                f"<p><small>{html.escape(p.claim)}: {html.escape(p.text)}</small></p>"
                for p in self.plausibility.values()
            )
            + "<ul>"
            + items([f"{c.name}: {c.text}" for c in self.comparisons])
            + "</ul>"
            + sections
            + f"<p><small>{html.escape(self.caveat)}</small></p>"
        )


def _cell(text: str) -> str:
    """Text for a Markdown table cell (a | would end the cell)."""
    return text.replace("|", "\\|")


def _round(value: Any, digits: int = 6) -> float:
    """A float rounded to ``digits`` significant digits (no 2730000.0000000005 in JSON)."""
    return float(f"{float(value):.{digits}g}")


def _rounded(quantity: Any, claim: Claim) -> Any:
    """A computed Quantity in the claim's unit, rounded as the JSON rounds it."""
    if quantity is None:
        return None
    return Q_(_round(quantity.to(claim.stated.units).magnitude), claim.stated.units)


def _json_quantity(quantity: Any) -> dict[str, Any]:
    return {"value": _round(quantity.magnitude), "unit": f"{quantity.units:~}"}


def _json_percent(percentile: float) -> dict[str, Any]:
    """A percentile rank as a quantity object in percent."""
    return {"value": round(float(percentile), 2), "unit": "%"}


def _json_claim(claim: Claim) -> dict[str, Any]:
    """A stated figure: value, unit, relation and resolution (in that unit)."""
    stated = claim.stated
    return {
        "value": None if stated is None else _round(stated.magnitude),
        "unit": None if stated is None else f"{stated.units:~}",
        "relation": claim.relation,
        "resolution": None
        if claim.resolution is None
        else _round(claim.resolution.to(stated.units).magnitude),
    }


def _json_report(report: Source) -> dict[str, Any]:
    earliest, latest = report.as_of
    return {
        "id": report.id,
        "title": report.title,
        "date": report.date,
        "publisher": report.publisher,
        "url": report.url or None,
        "quality": report.quality,
        "tag": report.tag,
        "quote": report.quote,
        "covers": report.covers,
        "period_start": report.period_start,
        "period_end": report.period_end,
        "as_of": {"earliest": None if earliest is None else str(earliest), "latest": str(latest)},
        "figures": [
            {
                "id": figure.id,
                "statement": figure.statement,
                "wording": figure.quote,
                "stated": _json_claim(figure),
            }
            for figure in report.figures.values()
        ],
    }


def _json_rows(frame: pd.DataFrame | None) -> list[dict[str, Any]]:
    """A timeline or rates frame as JSON rows: pint columns as {value, unit}, inf as null."""
    if frame is None:
        return []
    rows = []
    for key, row in frame.iterrows():
        record: dict[str, Any] = {}
        if frame.index.name:
            record[str(frame.index.name)] = key
        for column in frame.columns:
            value = row[column]
            units = getattr(frame[column].dtype, "units", None)
            if units is not None:
                magnitude = float(getattr(value, "magnitude", value))
                record[column] = (
                    {"value": _round(magnitude), "unit": f"{units:~}"}
                    if math.isfinite(magnitude)
                    else None
                )
            elif hasattr(value, "isoformat"):
                record[column] = value.isoformat()
            elif value is None or (isinstance(value, float) and math.isnan(value)):
                record[column] = None
            else:
                record[column] = value
        rows.append(record)
    return rows


def _value(quantity: Any) -> str:
    magnitude = float(quantity.magnitude)
    shown = f"{magnitude:,.0f}" if abs(magnitude) >= 1000 else f"{magnitude:.3g}"
    return f"{shown} {quantity.units:~P}"


def _stated(claim: Claim) -> str:
    if claim.relation == "falling":
        return "keeps falling"
    symbol = {"==": "", ">": "> ", ">=": ">= ", "<": "< ", "<=": "<= ", "~": "~ "}[claim.relation]
    return f"{symbol}{_value(claim.stated)}"


def reproduce(preset: Preset | str = ETOWN_2019, *, reports: Any = None) -> Report:
    """Compute every claim of the article and judge it; add what the other reports say.

    Parameters
    ----------
    preset : Preset or str, optional
        Parameters of the tyre computations (a Preset or its name); default
        :data:`~wasteless.presets.ETOWN_2019` (calibrated, see its arithmetic: its tyre
        verdicts are "reproduced (calibrated to the 2019 report)", never a bare
        "holds"). The same claims under :data:`~wasteless.presets.LITERATURE` are
        always computed beside them, and the independent plausibility of
        :func:`plausibility`.
    reports : sequence of claims.Source, optional
        The reports on the programme to set side by side (default: :func:`reports`):
        their :func:`readings`, :func:`timeline` and :func:`rates` of the tyre count
        and their :func:`disagreements`.

    Returns
    -------
    Report

    Examples
    --------
    >>> from wasteless import presets
    >>> literature = reproduce(presets.LITERATURE)
    >>> literature["tyres"].status, literature.holds
    ('fails', False)
    """
    if isinstance(preset, str):
        preset = presets.get(preset)
    if not isinstance(preset, Preset):
        raise InputError(
            f"preset must be a Preset or a preset name ({', '.join(presets.PRESETS)}); "
            f"got {preset!r}"
        )
    sources = _sources(reports)
    by_id = {**_unchanged_verdicts(), **_tyre_verdicts(preset)}
    literature = _tyre_verdicts(LITERATURE)
    counted = any("tyres" in s.figures for s in sources)
    return Report(
        preset=preset,
        verdicts=tuple(by_id[claim_id] for claim_id in claims()),
        literature=literature,
        comparisons=tuple(literature_comparison()),
        plausibility=plausibility(),
        reports=sources,
        readings=readings(sources),
        disagreements=disagreements(sources),
        timeline=timeline("tyres", sources) if counted else None,
        rates=rates("tyres", sources) if counted else None,
    )
