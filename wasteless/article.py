"""The People's Daily article of 2020-01-17 on Beijing E-Town, reproduced by the models.

This first slice covers the article's rubber-asphalt claims (area, tyres, CO₂). Each
stated figure is compared with what the models compute under a preset, and the same
computation under :data:`~wasteless.presets.LITERATURE` is shown beside it, together
with the figures the article implies (tyres per m², kg CO₂ per tyre) against ranges
computed from the factor records.

The model inputs are the E-Town programme's total rubber-asphalt area, 2.0 million m²
(2019 report, factor ``etown_2019_area`` [S]), and the article's own stated tyre count
for the area claim. Nothing here is a stored copy of a stated number: every
"computed" value comes out of :mod:`wasteless.paving` and :mod:`wasteless.carbon`.

Examples
--------
>>> from wasteless import article
>>> rows = article.reproduce_tyres()
>>> [(r.id, r.holds, r.literature_holds) for r in rows]
[('area', True, True), ('tyres', True, False), ('co2', True, False)]
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wasteless import carbon, factors, paving
from wasteless.presets import ETOWN_2019, LITERATURE, CarbonParams, PavingParams, Preset
from wasteless.units import Q_

__all__ = ["Comparison", "TyreClaim", "literature_comparison", "reproduce_tyres"]

SOURCE = "人民网 (People's Daily Online), 2020-01-17, 池梦蕊: 经开区将启动城市更新计划"

_RELATIONS: dict[str, tuple[str, Callable[[Any, Any], bool]]] = {
    ">": ("more than (超)", operator.gt),
    ">=": ("reached, at least (达)", operator.ge),
}


@dataclass(frozen=True)
class TyreClaim:
    """One stated figure of the article and its computation under two presets.

    Attributes
    ----------
    id
        Claim identifier (``area``, ``tyres``, ``co2``).
    quote
        The article's wording (simplified Chinese).
    statement
        The claim in English.
    relation
        ``">"`` or ``">="``: how the computed value must compare with the stated one.
    stated
        The stated quantity.
    computed
        The quantity computed under the chosen preset.
    literature
        The same computation under ``LITERATURE``.
    how
        One line on what was computed from what.
    preset
        Name of the preset behind ``computed``.
    """

    id: str
    quote: str
    statement: str
    relation: str
    stated: Any
    computed: Any
    literature: Any
    how: str
    preset: str

    def _holds(self, value: Any) -> bool:
        compare = _RELATIONS[self.relation][1]
        return bool(compare(value.to(self.stated.units).magnitude, self.stated.magnitude))

    @property
    def holds(self) -> bool:
        """Whether the computed value satisfies the stated relation."""
        return self._holds(self.computed)

    @property
    def literature_holds(self) -> bool:
        """Whether the literature computation satisfies the stated relation."""
        return self._holds(self.literature)


@dataclass(frozen=True)
class Comparison:
    """A figure the article implies, against the range the factor records give.

    Attributes
    ----------
    name
        What is compared.
    implied
        The value implied by the article (and, where given, the 2019 report).
    low, high
        Range computed from the factor records' plausible ranges.
    model
        The ``LITERATURE`` model's value.
    basis
        How ``low``/``high`` were computed.
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


def _stated() -> dict[str, Any]:
    return {
        "area": Q_(1.0e6, "m**2"),
        "tyres": Q_(2.7e6, "tyre"),
        "co2": Q_(3.0e5, "t"),
    }


def reproduce_tyres(preset: Preset = ETOWN_2019) -> list[TyreClaim]:
    """Compute the article's area, tyre and CO₂ claims under ``preset`` and LITERATURE.

    Parameters
    ----------
    preset : Preset, optional
        The preset for the ``computed`` column; default
        :data:`~wasteless.presets.ETOWN_2019` (calibrated, see its arithmetic).

    Returns
    -------
    list of TyreClaim
        One per claim, in the article's order of the ledger: area, tyres, CO₂.

    Examples
    --------
    >>> from wasteless import presets
    >>> rows = reproduce_tyres(presets.LITERATURE)
    >>> round(rows[1].computed.to("tyre").magnitude)
    549376
    """
    area = factors.get("etown_2019_area").quantity
    stated = _stated()

    def compute(p: Preset) -> dict[str, Any]:
        tyres = paving.tyres_for_area(area, p.paving)
        return {
            "area": paving.area_for_tyres(stated["tyres"], p.paving).to("m**2"),
            "tyres": tyres,
            "co2": carbon.co2_avoided(tyres, p.carbon),
        }

    chosen, literature = compute(preset), compute(LITERATURE)
    text = {
        "area": (
            "成为亚洲首个城市道路运用橡胶沥青达百万平方米的区域",
            "Rubber asphalt on city roads reached one million square metres.",
            ">=",
            "area paved by the stated 2.7 million tyres (paving.area_for_tyres)",
        ),
        "tyres": (
            "累计消耗废旧轮胎超270万条",
            "More than 2.7 million waste tyres consumed in total.",
            ">",
            f"tyres for the programme's {area:.3g~P} (paving.tyres_for_area)",
        ),
        "co2": (
            "减少二氧化碳排放超30万吨",
            "CO2 emissions reduced by more than 300,000 t.",
            ">",
            "CO2 credited to those tyres via coal equivalent (carbon.co2_avoided)",
        ),
    }
    return [
        TyreClaim(
            id=key,
            quote=quote,
            statement=statement,
            relation=relation,
            stated=stated[key],
            computed=chosen[key],
            literature=literature[key],
            how=how,
            preset=preset.name,
        )
        for key, (quote, statement, relation, how) in text.items()
    ]


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
        Tyres per m² (the article's literal reading 2.7e6 / 1e6 m²) against one
        rubberised lift with every paving factor at the end of its range; kg CO₂ per
        tyre (3e5 t / 2.7e6) against direct combustion of tyres from a passenger tyre
        equivalent (20 lb) to a truck tyre (100 lb).

    Examples
    --------
    >>> [c.within for c in literature_comparison()]
    [False, True]
    """
    stated = _stated()
    one_m2, one_tyre = Q_(1.0, "m**2"), Q_(1.0, "tyre")
    tyres_per_area = Comparison(
        name="tyres per m² (one rubberised lift, PTE basis)",
        implied=(stated["tyres"] / stated["area"]).to("tyre/m**2"),
        low=paving.tyres_for_area(one_m2, _paving_bound(high=False)) / one_m2,
        high=paving.tyres_for_area(one_m2, _paving_bound(high=True)) / one_m2,
        model=LITERATURE.paving.tyres_per_area,
        basis="every paving factor at the low/high end of its sourced range",
    )
    pte, truck = factors.get("pte_mass").quantity, factors.get("truck_tyre_mass").quantity
    co2_per_tyre = Comparison(
        name="kg CO₂ per tyre (direct combustion, PTE to truck tyre)",
        implied=(stated["co2"] / stated["tyres"]).to("kg/tyre"),
        low=carbon.combustion_co2(one_tyre, _carbon_mass(pte)).to("kg") / one_tyre,
        high=carbon.combustion_co2(one_tyre, _carbon_mass(truck)).to("kg") / one_tyre,
        model=carbon.co2_avoided(one_tyre).to("kg") / one_tyre,
        basis="EPA combustion factor x scrap tyre mass 20 lb (PTE) to 100 lb (truck)",
    )
    return [tyres_per_area, co2_per_tyre]
