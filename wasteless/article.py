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

Beside them, :func:`literature_comparison` shows what the article implies (tyres per
m², kg CO₂ per tyre) against ranges computed from the factor records, for both CO₂
pathways. Nothing is a stored copy of a stated number: every computed value comes
out of the models.

This module is over 600 lines (about 450 of code) because it is one topic: the
article's ledger, its reproduction and the report in every output format.

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
import json
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import pandas as pd

from wasteless import air, carbon, factors, paving, presets, waste, zh
from wasteless._data import read_toml
from wasteless.claims import Claim, Verdict, check, not_checkable
from wasteless.errors import InputError
from wasteless.presets import ETOWN_2019, LITERATURE, CarbonParams, PavingParams, Preset
from wasteless.units import Q_

__all__ = [
    "PLAUSIBILITY_DRAWS",
    "TYRE_CLAIMS",
    "Comparison",
    "Plausibility",
    "Report",
    "claims",
    "literature_comparison",
    "plausibility",
    "reproduce",
    "source",
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


# --- literature comparison ------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """A figure the article implies, against the range the factor records give.

    Attributes
    ----------
    name
        What is compared.
    implied
        The value the article implies.
    low, high
        Range computed from the factor records.
    model
        The ``LITERATURE`` model's value.
    basis
        How ``low`` and ``high`` were computed.
    """

    name: str
    implied: Any
    low: Any
    high: Any
    model: Any
    basis: str

    @property
    def within(self) -> bool:
        """Whether the implied value lies inside [low, high]."""
        value = self.implied.to(self.low.units).magnitude
        return bool(self.low.magnitude <= value <= self.high.magnitude)


def _factor_text(key: str) -> str:
    """A factor's default as printed in the comparison's basis, e.g. '15,000 Btu/lb'."""
    quantity = factors.get(key).quantity
    return f"{quantity.magnitude:,.6g} {quantity.units:~P}"


def _paving_bound(high: bool) -> PavingParams:
    """Paving parameters at the end of every factor range that gives most (or fewest) tyres."""
    lit = LITERATURE.paving
    pick = {}
    for key, record in lit.sources.items():
        # More crumb per area raises the count; more crumb per tyre lowers it.
        up = high != (key == "crumb_rubber_per_tyre")
        pick[key] = Q_(record.high if up else record.low, record.unit)
    return dataclasses.replace(lit, name="bound", sources={}, **pick)


def _carbon_mass(mass: Any) -> CarbonParams:
    return dataclasses.replace(LITERATURE.carbon, tyre_mass=mass / Q_(1, "tyre"), sources={})


def literature_comparison() -> list[Comparison]:
    """Compare the figures the article implies with ranges from the factor records.

    Returns
    -------
    list of Comparison
        1. tyres per m² (the article's literal reading 2.7e6 / 1e6 m²) against one
           rubberised lift with every paving factor at the end of its sourced range;
        2. kg CO₂ per tyre (3e5 t / 2.7e6) against the coal-equivalent pathway
           (:func:`~wasteless.carbon.co2_avoided`) for a scrap tyre of 20 lb (passenger
           tyre equivalent) to 100 lb (truck tyre);
        3. the same against the direct-combustion pathway
           (:func:`~wasteless.carbon.combustion_co2`, EPA factor).

    Examples
    --------
    >>> [c.within for c in literature_comparison()]
    [False, True, True]
    """
    stated = claims()
    tyres, area, co2 = (stated[k].stated for k in ("tyres", "area", "co2"))
    one_m2, one_tyre = Q_(1.0, "m**2"), Q_(1.0, "tyre")
    pte, truck = factors.get("pte_mass").quantity, factors.get("truck_tyre_mass").quantity
    per_tyre = (co2 / tyres).to("kg/tyre")

    def kg_per_tyre(func: Any, params: CarbonParams) -> Any:
        return func(one_tyre, params).to("kg") / one_tyre

    def pathway(label: str, func: Any, factor: str) -> Comparison:
        return Comparison(
            name=f"kg CO₂ per tyre, {label} pathway (article: 超 CO₂ / 超 tyres)",
            implied=per_tyre,
            low=kg_per_tyre(func, _carbon_mass(pte)),
            high=kg_per_tyre(func, _carbon_mass(truck)),
            model=kg_per_tyre(func, LITERATURE.carbon),
            basis=f"{factor}; tyre {pte:g~P} to {truck:g~P}",
        )

    epa = factors.get("tyre_combustion_co2").quantity.to("").magnitude
    return [
        Comparison(
            name="tyres per m² (one rubberised lift, PTE basis; article: 超 tyres / 达 area, "
            "a literal reading, not a bound)",
            implied=(tyres / area).to("tyre/m**2"),
            low=paving.tyres_for_area(one_m2, _paving_bound(high=False)) / one_m2,
            high=paving.tyres_for_area(one_m2, _paving_bound(high=True)) / one_m2,
            model=paving.tyres_per_area(LITERATURE),
            basis="every paving factor at the low/high end of its sourced range",
        ),
        pathway(
            "coal-equivalent",
            carbon.co2_avoided,
            f"tyre heat ({_factor_text('tyre_heating_value')}) as coal, IPCC "
            f"{_factor_text('co2_per_tce')} CO₂",
        ),
        pathway(
            "direct-combustion",
            carbon.combustion_co2,
            f"EPA {epa:.3g} kg CO₂ per kg of tyre burned",
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

PLAUSIBILITY_DRAWS = 100_000
"""Monte Carlo draws of the literature distribution behind each plausibility line."""


@dataclass(frozen=True)
class Plausibility:
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
    """

    claim: str
    quantity: str
    implied: Any
    percentile: float
    median: Any
    n: int
    seed: int
    preset: str = "literature"

    @property
    def text(self) -> str:
        """One line, e.g. "the article's 2.7 tyre/m² (...) is above the 99.9th percentile ..."."""
        if self.percentile >= 99.9:
            where = "above the 99.9th percentile"
        elif self.percentile <= 0.1:
            where = "below the 0.1st percentile"
        else:
            where = f"at the {self.percentile:.1f}th percentile"
        return (
            f"the article's {_value(self.implied)} ({self.quantity}) is {where} of the "
            f"literature distribution (median {_value(self.median)}; n = {self.n:,}, "
            f"seed {self.seed})"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: quantity, implied, percentile, median, n, seed, preset, text."""
        return {
            "quantity": self.quantity,
            "implied": _json_quantity(self.implied),
            "percentile": round(self.percentile, 2),
            "median": _json_quantity(self.median),
            "n": self.n,
            "seed": self.seed,
            "preset": self.preset,
            "text": self.text,
        }


@functools.cache
def plausibility() -> Mapping[str, Plausibility]:
    """The independent check of the tyre claims, in the literature Monte Carlo distribution.

    The article's implied figures placed in the distribution that the LITERATURE
    factor ranges give (:mod:`wasteless.uncertainty`):

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
    """
    from wasteless import uncertainty

    stated = claims()
    tyres, area, co2 = (stated[k].stated for k in ("tyres", "area", "co2"))
    one_m2, one_tyre = Q_(1.0, "m**2"), Q_(1.0, "tyre")
    runs = {
        "tyres": (
            "tyres per m²",
            (tyres / area).to("tyre/m**2"),
            lambda p: paving.tyres_for_area(one_m2, p) / one_m2,
        ),
        "co2": (
            "kg CO₂ per tyre",
            (co2 / tyres).to("kg/tyre"),
            lambda p: carbon.co2_avoided(one_tyre, p).to("kg") / one_tyre,
        ),
        "area": (
            f"paved by {_value(tyres)}",
            area.to("m**2"),
            lambda p: paving.area_for_tyres(tyres, p).to("m**2"),
        ),
    }
    out = {}
    for claim_id, (what, implied, model) in runs.items():
        result = uncertainty.monte_carlo(model, LITERATURE, PLAUSIBILITY_DRAWS)
        out[claim_id] = Plausibility(
            claim=claim_id,
            quantity=what,
            implied=implied,
            percentile=result.percentile_rank(implied),
            median=result.quantile(0.5),
            n=result.n,
            seed=int(result.seed or 0),
        )
    return MappingProxyType(out)


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
    """The article's claims, each with its verdict, and the literature comparison.

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
    """

    preset: Preset
    verdicts: tuple[Verdict, ...]
    literature: Mapping[str, Verdict]
    comparisons: tuple[Comparison, ...]
    plausibility: Mapping[str, Plausibility] = dataclasses.field(default_factory=dict)

    @property
    def holds(self) -> bool:
        """Whether every checkable claim holds on its stated basis (see ``Verdict.verdict``)."""
        return all(v.holds is not False for v in self.verdicts)

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
        counts = {s: sum(v.status == s for v in self.verdicts) for s in ("holds", "fails")}
        unchecked = len(self.verdicts) - counts["holds"] - counts["fails"]
        return (
            f"<Report {self.preset.name!r}: {counts['holds']} hold, {counts['fails']} fail, "
            f"{unchecked} not checkable>"
        )

    def __getitem__(self, claim_id: str) -> Verdict:
        """The verdict of claim ``claim_id``."""
        for verdict in self.verdicts:
            if verdict.claim.id == claim_id:
                return verdict
        raise KeyError(f"no claim {claim_id!r}; claims are {[v.claim.id for v in self.verdicts]}")

    # --- serialisations -------------------------------------------------------------------

    def records(self) -> list[dict[str, Any]]:
        """One JSON-ready dict per claim (the ``claims`` of :meth:`to_dict`).

        Keys: ``id``, ``kind``, ``year``, ``statement``, ``quote``, ``stated``
        {value, unit, relation, resolution}, ``computed`` {value, unit} or null,
        ``interval`` [low, high] or null, ``holds`` (true/false, null when not
        checkable), ``basis`` (``independent``/``calibrated``), ``verdict`` (the
        verdict with its basis, e.g. ``"reproduced (calibrated to the 2019 report)"``),
        ``calibrated_factors``, ``status``, ``reasoning``, ``assumptions``, ``preset``;
        for the tyre claims ``literature`` {value, unit, holds, verdict, reasoning} and
        ``plausibility`` (see :class:`Plausibility`). Numbers are rounded to 6
        significant digits.

        Examples
        --------
        >>> record = reproduce().records()[1]
        >>> record["id"], record["stated"]["relation"], record["holds"], record["basis"]
        ('tyres', '>', True, 'calibrated')
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
                "stated": {
                    "value": None if claim.stated is None else _round(claim.stated.magnitude),
                    "unit": unit,
                    "relation": claim.relation,
                    "resolution": None
                    if claim.resolution is None
                    else _round(claim.resolution.to(claim.stated.units).magnitude),
                },
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

        ``{"wasteless": version, "source": {...}, "preset": {...}, "claims": [...],
        "literature": [...], "calibration": {...}}``: ``claims`` as :meth:`records`;
        ``literature`` the comparisons of :func:`literature_comparison`; ``calibration``
        the preset's calibrated factors and arithmetic (empty when not calibrated).

        Examples
        --------
        >>> sorted(reproduce().to_dict())
        ['calibration', 'claims', 'literature', 'preset', 'source', 'wasteless']
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
                }
                for c in self.comparisons
            ],
            "calibration": {
                "factors": calibrated,
                "arithmetic": preset.arithmetic.splitlines() if preset.calibrated else [],
            },
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
        """The claims as a DataFrame indexed by claim id.

        Examples
        --------
        >>> reproduce().to_frame().loc["pm25_decline", "status"]
        'holds'
        """
        rows = []
        for record, verdict in zip(self.records(), self.verdicts, strict=True):
            stated = verdict.claim.stated
            rows.append(
                {
                    "id": record["id"],
                    "kind": record["kind"],
                    "relation": record["stated"]["relation"],
                    "stated": record["stated"]["value"],
                    "unit": None if stated is None else f"{stated.units:~P}",
                    "computed": None
                    if record["computed"] is None
                    else record["computed"]["value"],
                    "status": record["status"],
                    "basis": record["basis"],
                    "verdict": record["verdict"],
                    "literature": record.get("literature", {}).get("value"),
                    "reasoning": record["reasoning"],
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

    def to_text(self) -> str:
        """A plain-text table with the reasoning and the literature comparison."""
        header = ("claim", "stated", f"computed ({self.preset.name})", "verdict", "literature")
        rows = [header, *self._rows()]
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        lines = [
            f"wasteless: {_citation()}",
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
                "Independent plausibility (literature Monte Carlo, wasteless.uncertainty):",
            ]
            lines += [f"  {p.claim}: {p.text}" for p in self.plausibility.values()]
        lines += ["", "What the article implies, against the literature:"]
        for c in self.comparisons:
            lines.append(
                f"  {c.name}: article {_value(c.implied)}; literature {_value(c.low)} to "
                f"{_value(c.high)} ({c.basis}); LITERATURE model {_value(c.model)}; "
                f"{'inside' if c.within else 'OUTSIDE'} the range"
            )
        if self.preset.calibrated:
            lines += ["", f"How {self.preset.name} was calibrated:"]
            lines += [f"  {line}" for line in self.preset.arithmetic.splitlines()]
        checkable = [v for v in self.verdicts if v.holds is not None]
        held = sum(bool(v.holds) for v in checkable)
        calibrated = sum(bool(v.holds) and v.basis == "calibrated" for v in checkable)
        lines += [
            "",
            f"{held} of {len(checkable)} checkable claims hold on their stated basis "
            f"({held - calibrated} independent, {calibrated} reproduced by calibration); "
            f"{len(self.verdicts) - len(checkable)} not checkable.",
            self.caveat,
        ]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def to_markdown(self) -> str:
        """A Markdown table of the claims, then the literature comparison.

        Examples
        --------
        >>> print(reproduce().to_markdown().splitlines()[2])
        | claim | stated | computed (etown-2019) | verdict | literature | reasoning |
        """
        lines = [
            f"**{_citation()}** — preset `{self.preset.name}`: {self.preset.title}",
            "",
            f"| claim | stated | computed ({self.preset.name}) | verdict | literature "
            "| reasoning |",
            "|---|---|---|---|---|---|",
        ]
        for (claim_id, stated, computed, status, lit), verdict in zip(
            self._rows(), self.verdicts, strict=True
        ):
            reason = verdict.reasoning.replace("|", "\\|")
            lines.append(f"| {claim_id} | {stated} | {computed} | {status} | {lit} | {reason} |")
        if self.plausibility:
            lines += ["", "| claim | independent plausibility (literature Monte Carlo) |"]
            lines += ["|---|---|"]
            lines += [f"| {p.claim} | {p.text} |" for p in self.plausibility.values()]
        lines += [
            "",
            "| implied by the article | value | literature range | model |",
            "|---|---|---|---|",
        ]
        for c in self.comparisons:
            lines.append(
                f"| {c.name} | {_value(c.implied)} | {_value(c.low)} – {_value(c.high)} "
                f"| {_value(c.model)} |"
            )
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
        return (
            f"<p>{html.escape(_citation())}; preset "
            f"<code>{html.escape(self.preset.name)}</code></p>"
            f"<table><thead><tr>{head}<th>reasoning</th></tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
            + "".join(
                f"<p><small>{html.escape(p.claim)}: {html.escape(p.text)}</small></p>"
                for p in self.plausibility.values()
            )
            + f"<p><small>{html.escape(self.caveat)}</small></p>"
        )


def _round(value: Any, digits: int = 6) -> float:
    """A float rounded to ``digits`` significant digits (no 2730000.0000000005 in JSON)."""
    return float(f"{float(value):.{digits}g}")


def _json_quantity(quantity: Any) -> dict[str, Any]:
    return {"value": _round(quantity.magnitude), "unit": f"{quantity.units:~}"}


def _value(quantity: Any) -> str:
    magnitude = float(quantity.magnitude)
    shown = f"{magnitude:,.0f}" if abs(magnitude) >= 1000 else f"{magnitude:.3g}"
    return f"{shown} {quantity.units:~P}"


def _stated(claim: Claim) -> str:
    if claim.relation == "falling":
        return "keeps falling"
    symbol = {"==": "", ">": "> ", ">=": ">= ", "<": "< ", "<=": "<= ", "~": "~ "}[claim.relation]
    return f"{symbol}{_value(claim.stated)}"


def reproduce(preset: Preset | str = ETOWN_2019) -> Report:
    """Compute every claim of the article and judge it.

    Parameters
    ----------
    preset : Preset or str, optional
        Parameters of the tyre computations (a Preset or its name); default
        :data:`~wasteless.presets.ETOWN_2019` (calibrated, see its arithmetic: its tyre
        verdicts are "reproduced (calibrated to the 2019 report)", never a bare
        "holds"). The same claims under :data:`~wasteless.presets.LITERATURE` are
        always computed beside them, and the independent plausibility of
        :func:`plausibility`.

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
    by_id = {**_unchanged_verdicts(), **_tyre_verdicts(preset)}
    literature = _tyre_verdicts(LITERATURE)
    return Report(
        preset=preset,
        verdicts=tuple(by_id[claim_id] for claim_id in claims()),
        literature=literature,
        comparisons=tuple(literature_comparison()),
        plausibility=plausibility(),
    )
