r"""The 2019 waste-free city (无废城市) indicator system: indicators, formulas as data, values.

《"无废城市"建设指标体系（试行）》 (生态环境部办公厅, 2019-05-08) has, by its own text,
5 first-level, 18 second-level and 59 third-level indicators; 22 third-level
indicators are mandatory (★, 必选) and 37 optional (可选), and cities may add their own
(自选). wasteless ships every indicator a public source could be found for (the sheet
``reference/wfc-indicators-2019.md``; data in ``wasteless/data/wfc_indicators_2019.toml``):
25 of the 59, of which 11 are confirmed as national indicators (10 with their national
row number) and 14 are probable (found only in the official pilot table of 重庆大渡口区,
which follows the national order; their wording may be local). Ten have a formula: the
printed formula, or the one the quoted definition states outright. The others are known
by name only and have **no** formula: wasteless never makes one up.

Each indicator has a stable ASCII ``code`` chosen by wasteless: snake_case English for
what it measures (``construction_waste_utilisation_rate``), the same code as
:func:`wasteless.waste.etown_targets` where the concept is the same. Codes are never
renumbered or renamed; the national row number is the separate ``number``.

:func:`indicator_system` returns the system (a read-only mapping code → record, with the
sourced structure counts, the sources and what was not found); :func:`compute_indicators`
computes every indicator that has a formula from a city's table of flows with units;
:func:`system_indicator` turns a record into a :class:`~wasteless.waste.Indicator`, so
that :class:`~wasteless.waste.Target` and :func:`~wasteless.waste.scorecard` take the
computed values (:func:`indicator_values`).

Money is a dimension of its own: :mod:`wasteless.units` defines ``yuan`` (alias ``CNY``,
``元``) on a dimension ``[yuan]`` and ``wan_yuan`` (``万元``) = 1e4 yuan in pint's
application registry, as it does its other units. A dimension of its own, rather than a shared
``[currency]``, because a conversion between currencies needs an exchange rate and a
price year: with ``[yuan]`` a yuan cannot be added to tonnes, nor converted by accident
to another library's ``[currency]`` unit. A yuan carries no price year: an intensity in
t/万元 at current prices of one year is not comparable with another year's without
deflating the value added.

Which ratios can exceed 100 %? A **coverage** (villages, medical institutions or
generating units in a system, over all of them) counts a subset and cannot: a value
above 100 % is an :class:`~wasteless.errors.InputError`. A **utilisation or recovery
rate** divides one year's use by one year's generation or an *estimated* resource, and
can: reusing waste stockpiled in earlier years, or an estimate below the amount used,
gives more than 100 %, which is reported as computed (never clipped) with a ``note``.
The statistics bureau's comprehensive utilisation rate (utilised ÷ (generated + utilised
from past storage)), which stays below 100 % by construction, and the household-waste
recycling rate's formula (recycled plus kitchen waste kept out of incineration and
landfill, over generated) are **not** in any source read: both indicators are listed by
name only (:attr:`IndicatorSystem.not_found` says so).

This module is long (about 700 lines of code, the rest docstrings) because it is one
topic: the 2019 indicator system as data, the one generic evaluation of its formulas, and
the bridge to targets and scorecards.

Examples
--------
>>> from wasteless import Q_
>>> system = indicator_system()
>>> system.structure["level3"], system.structure["mandatory"], len(system)
(59, 22, 25)
>>> system["construction_waste_utilisation_rate"].mandatory
True
>>> table = {
...     "construction_waste_reused_as_materials": Q_(45, "万 t"),
...     "construction_waste_generated": Q_(100, "万 t"),
... }
>>> result = compute_indicators(table, codes=["construction_waste_utilisation_rate"])
>>> row = result.loc["construction_waste_utilisation_rate"]
>>> float(row["value"]), row["unit"]
(45.0, 'percent')
"""

from __future__ import annotations

import difflib
import functools
import math
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd
import pint

from wasteless._data import read_toml
from wasteless._validate import check_choice, check_text
from wasteless.errors import InputError, MissingUnitsError, NotFoundError, UnitsError
from wasteless.factors import QUALITY_TAGS
from wasteless.units import magnitude_in, parse_units, quantity
from wasteless.waste.fractions import check_name
from wasteless.waste.targets import Indicator

__all__ = [
    "FORMULA_KINDS",
    "Formula",
    "IndicatorSystem",
    "SystemIndicator",
    "Term",
    "compute_indicators",
    "indicator_system",
    "indicator_values",
    "system_indicator",
]

FORMULA_KINDS: Mapping[str, str] = MappingProxyType(
    {
        "ratio": "sum(numerator) / sum(denominator) × 100 %, numerator and denominator "
        "in one unit",
        "intensity": "sum(numerator) / sum(denominator), in the formula's unit",
        "amount": "sum(numerator), in the formula's unit",
    }
)
"""Kinds of formula and how each is evaluated."""

_BASES = ("printed", "abbreviated", "definition")
_MEMBERSHIP = ("confirmed", "probable")
_COUNT = "count"
_ROUNDING_TOLERANCE = 1e-12  # equal amounts in different units differ in the last bits


@dataclass(frozen=True)
class Term:
    """One input of a formula: a flow or a count read from a city's table.

    Parameters
    ----------
    name
        Its key in the city table, e.g. ``"straw_utilised"``.
    unit
        The unit the formula reads it in (any unit of the same dimension is converted);
        ``"count"`` for a whole number of things (villages, institutions).
    name_zh, name_en
        What it is, in the source's words and in English.

    Examples
    --------
    >>> indicator_system().inputs["villages_total"].name_zh
    '行政村总数'
    """

    name: str
    unit: str
    name_zh: str
    name_en: str

    def __post_init__(self) -> None:
        for name in ("name", "unit", "name_zh", "name_en"):
            check_text(getattr(self, name), name)
        parse_units(self.unit, "unit")

    @property
    def is_count(self) -> bool:
        """Whether the term is a count (a whole number, no unit needed)."""
        return self.unit == _COUNT


@dataclass(frozen=True)
class Formula:
    r"""How an indicator is computed from its terms (data; see :func:`compute_indicators`).

    Parameters
    ----------
    kind
        One of :data:`FORMULA_KINDS`: ``"ratio"``, ``"intensity"`` or ``"amount"``.
    numerator, denominator
        The terms summed above and below the line (``denominator`` empty for an amount).
    unit
        The unit of the result: ``"percent"`` for a ratio.
    text
        The formula as printed by the source (quoted); ``""`` when only the definition
        states it.
    basis
        ``"printed"`` (a formula line), ``"abbreviated"`` (recorded by the sheet, perhaps
        shortened) or ``"definition"`` (read off the quoted definition).
    can_exceed_100
        For a ratio: whether a value above 100 % is possible by definition.
    bound_note
        Why (or why not).

    Raises
    ------
    wasteless.errors.InputError
        If the kind, basis or terms do not fit together: a ratio's numerator and
        denominator in different units, an intensity or amount whose terms do not give
        ``unit``, a count outside a ratio.

    Examples
    --------
    >>> formula = indicator_system()["straw_utilisation_rate"].formula
    >>> formula.expression
    'straw_utilised / straw_collectable × 100 %'
    >>> formula.can_exceed_100
    True
    """

    kind: str
    numerator: tuple[Term, ...]
    denominator: tuple[Term, ...]
    unit: str
    text: str = ""
    basis: str = "printed"
    can_exceed_100: bool | None = None
    bound_note: str = ""

    def __post_init__(self) -> None:
        check_choice(self.kind, "kind", FORMULA_KINDS)
        check_choice(self.basis, "basis", _BASES)
        for name in ("unit", "text", "bound_note"):
            check_text(getattr(self, name), name)
        parse_units(self.unit, "unit")
        for side in ("numerator", "denominator"):
            terms = getattr(self, side)
            if not isinstance(terms, tuple) or not all(isinstance(t, Term) for t in terms):
                raise InputError(f"{side} must be a tuple of Term; got {terms!r}")
            if len({t.unit for t in terms}) > 1:
                raise InputError(f"{side}: its terms must share one unit; got {terms!r}")
        if not self.numerator:
            raise InputError("numerator must hold at least one Term")
        if (self.kind == "amount") != (not self.denominator):
            raise InputError(
                f"a {self.kind} {'has no' if self.kind == 'amount' else 'needs a'} denominator"
            )
        counts = any(t.is_count for t in self.numerator + self.denominator)
        if self.kind == "ratio":
            if self.unit != "percent" or self.numerator[0].unit != self.denominator[0].unit:
                raise InputError(
                    "a ratio's numerator and denominator must share one unit and its unit "
                    f"must be 'percent'; got {self.numerator[0].unit!r} / "
                    f"{self.denominator[0].unit!r} in {self.unit!r}"
                )
            if not isinstance(self.can_exceed_100, bool):
                raise InputError(
                    "can_exceed_100 must be True or False for a ratio; got "
                    f"{self.can_exceed_100!r}"
                )
        elif counts:
            raise InputError("counts (unit 'count') only enter ratios")
        else:
            self.factor  # noqa: B018  (fails early on terms that do not give `unit`)

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every term, numerator first."""
        return self.numerator + self.denominator

    @property
    def factor(self) -> float:
        """Multiplier from the terms' units (numerator / denominator) to :attr:`unit`.

        1.0 for a ratio (its 100 is applied apart).
        """
        if self.kind == "ratio":
            return 1.0
        units = f"({self.numerator[0].unit})"
        if self.denominator:
            units += f" / ({self.denominator[0].unit})"
        try:
            return float(magnitude_in(quantity(1.0, units), self.unit, "formula"))
        except UnitsError:
            raise InputError(
                f"the terms give {units}, which does not convert to the formula's unit "
                f"{self.unit!r}"
            ) from None

    @property
    def expression(self) -> str:
        """The formula in the input names, e.g. ``'a / b × 100 %'``."""

        def summed(terms: tuple[Term, ...]) -> str:
            text = " + ".join(t.name for t in terms)
            return f"({text})" if len(terms) > 1 and self.kind != "amount" else text

        if self.kind == "amount":
            return f"{summed(self.numerator)} [{self.unit}]"
        line = f"{summed(self.numerator)} / {summed(self.denominator)}"
        return f"{line} × 100 %" if self.kind == "ratio" else f"{line} [{self.unit}]"


@dataclass(frozen=True)
class SystemIndicator:
    """One third-level indicator of the 2019 system, as its sources give it.

    Attributes
    ----------
    code
        Stable ASCII key chosen by wasteless.
    name_zh, name_en
        The name as the sheet gives it (simplified) and in English.
    membership
        ``"confirmed"`` (a national row, or a text naming it a 2019 indicator) or
        ``"probable"`` (only in the 大渡口区 pilot table; wording may be local).
    source, url, quality
        Where it is quoted from and the quality tag (:data:`wasteless.factors.QUALITY_TAGS`).
    number
        National row number (1–59), None when not known.
    level1, level2
        First- and second-level names where attested, else None.
    mandatory
        True (★, 必选), False (可选) or None (unknown: the heading is not visible).
    definition
        The definition, quoted as printed ("" when none is sourced).
    formula
        The :class:`Formula`, or None when the indicator is known by name only.
    unit
        Unit of its values (pint string), None when no source shows one.
    better
        ``"higher"`` or ``"lower"`` where the source states it, else None.
    data_source
        The department or data system the source names.
    pilot_row, pilot_target
        Row and 2020 target in the 大渡口区 table (quoted).
    unit_note, better_quote, name_note, note
        Where the unit, the direction and the name come from; caveats.

    Examples
    --------
    >>> record = indicator_system()["medical_waste_system_coverage"]
    >>> record.number, record.mandatory, record.data_source
    (27, True, '市卫生健康委')
    """

    code: str
    name_zh: str
    name_en: str
    membership: str
    source: str
    url: str
    quality: str
    number: int | None = None
    level1: str | None = None
    level2: str | None = None
    mandatory: bool | None = None
    definition: str = ""
    formula: Formula | None = None
    unit: str | None = None
    better: str | None = None
    data_source: str = ""
    pilot_row: int | None = None
    pilot_target: str = ""
    unit_note: str = ""
    better_quote: str = ""
    name_note: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        check_choice(self.membership, "membership", _MEMBERSHIP)
        check_choice(self.quality, "quality", QUALITY_TAGS)
        if self.better is not None:
            check_choice(self.better, "better", ("higher", "lower"))
        if self.unit is not None:
            parse_units(self.unit, "unit")
        if self.formula is not None and (
            self.unit is None or parse_units(self.unit) != parse_units(self.formula.unit)
        ):
            raise InputError(f"{self.code}: its unit {self.unit!r} is not its formula's")

    @property
    def star(self) -> str:
        """``"★"`` (mandatory), ``""`` (optional) or ``"?"`` (unknown)."""
        return {True: "★", False: "", None: "?"}[self.mandatory]

    def to_indicator(self, better: str | None = None, unit: Any = None) -> Indicator:
        """Return the record as a :class:`~wasteless.waste.Indicator` (for targets, scorecards).

        See :func:`system_indicator`, which takes a code.
        """
        if better is not None:
            check_choice(better, "better", ("higher", "lower"))
        chosen = []
        if self.better is None:
            if better is None:
                raise InputError(
                    f"better: the source does not state which direction is better for "
                    f"{self.code!r}; pass better='higher' or 'lower' (your choice, recorded "
                    "in the Indicator's definition)"
                )
            chosen.append(f"direction {better!r} chosen by the caller (not stated by the source)")
        elif better is not None and better != self.better:
            raise InputError(
                f"better: the source states {self.better!r} for {self.code!r} "
                f"({self.better_quote}); got {better!r}"
            )
        given = None if unit is None else parse_units(unit, "unit")
        if self.unit is None:
            if given is None:
                raise InputError(
                    f"unit: no source shows the unit of {self.code!r}; pass unit=... (your "
                    "choice, recorded in the Indicator's definition)"
                )
            chosen.append(f"unit {given!s} chosen by the caller (not shown by the source)")
            unit_text = str(given)
        else:
            if given is not None and given != parse_units(self.unit):
                raise InputError(
                    f"unit: the unit of {self.code!r} is {self.unit!r} (from its source); "
                    f"got {unit!r}"
                )
            unit_text = self.unit
        parts = [self.definition] if self.definition else []
        if self.formula is not None:
            parts.append(f"formula: {self.formula.expression} ({self.formula.basis})")
        else:
            parts.append("known by name only: no formula sourced")
        parts += chosen
        row = f"row {self.number}" if self.number is not None else "row number unknown"
        return Indicator(
            code=self.code,
            name_zh=self.name_zh,
            name_en=self.name_en,
            unit=unit_text,
            better=better or self.better or "",
            definition="; ".join(parts),
            source=f"{self.source} ({row}, {self.membership})",
            url=self.url,
            quality=self.quality,
        )


@dataclass(frozen=True, eq=False)
class IndicatorSystem(Mapping[str, SystemIndicator]):
    """The 2019 indicator system: a read-only mapping code → :class:`SystemIndicator`.

    Records are in national order (numbered rows first), then the rest in the pilot
    table's order. Looking up an unknown code raises
    :class:`~wasteless.errors.NotFoundError` (a ``KeyError``) naming the closest codes.

    Attributes
    ----------
    title, issuer, date
        The document, who issued it, when (ISO date).
    structure
        The counts the document states (sourced): ``level1`` 5, ``level2`` 18,
        ``level3`` 59, ``mandatory`` 22, ``optional`` 37.
    structure_quote, structure_url
        The quoted sentence and where it is from.
    level1_names, level2_names
        The level names attested (3 of 5 and 11 of 18, from the 大渡口区 table).
    inputs
        Every formula input by name (:class:`Term`).
    sources
        Source key → ``{"url", "quality", "description"}``.
    not_found
        ``(name, note)`` of indicators and formulas looked for and not found.
    notes
        Caveats: the document number, the level names, the 2021 edition.

    Examples
    --------
    >>> system = indicator_system()
    >>> system.recovered["confirmed"], system.recovered["with_formula"]
    (11, 10)
    >>> system["construction_waste_utilization_rate"]
    Traceback (most recent call last):
    ...
    wasteless.errors.NotFoundError: code must be one of ... (did you mean ...?)
    """

    records: Mapping[str, SystemIndicator]
    title: str
    issuer: str
    date: str
    structure: Mapping[str, int]
    structure_quote: str
    structure_url: str
    level1_names: tuple[str, ...]
    level2_names: tuple[str, ...]
    inputs: Mapping[str, Term]
    sources: Mapping[str, Mapping[str, str]]
    not_found: tuple[tuple[str, str], ...]
    notes: Mapping[str, str]

    def __getitem__(self, code: str) -> SystemIndicator:
        if isinstance(code, str) and code in self.records:
            return self.records[code]
        check_name(code, "code", tuple(self.records))
        raise AssertionError  # pragma: no cover (check_name raised)

    def __iter__(self) -> Iterator[str]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)

    def __repr__(self) -> str:
        total = self.structure["level3"]
        return f"<IndicatorSystem {self.title} {self.date}: {len(self)} of {total} indicators>"

    @property
    def recovered(self) -> Mapping[str, int]:
        """How many of the 59 are recovered, and how well.

        ``records``, ``confirmed``, ``probable``, ``numbered`` (national row known),
        ``with_formula``, and by ★: ``mandatory``, ``optional``, ``mandatory_unknown``.
        """
        records = list(self.records.values())
        return MappingProxyType(
            {
                "records": len(records),
                "confirmed": sum(r.membership == "confirmed" for r in records),
                "probable": sum(r.membership == "probable" for r in records),
                "numbered": sum(r.number is not None for r in records),
                "with_formula": sum(r.formula is not None for r in records),
                "mandatory": sum(r.mandatory is True for r in records),
                "optional": sum(r.mandatory is False for r in records),
                "mandatory_unknown": sum(r.mandatory is None for r in records),
            }
        )

    def to_frame(self) -> pd.DataFrame:
        """The records as a table, one row per code (for reading and for the docs).

        Examples
        --------
        >>> indicator_system().to_frame().loc["mulch_film_recovery_rate", "formula"]
        'mulch_film_recovered / mulch_film_used × 100 %'
        """
        rows = [
            {
                "code": r.code,
                "number": r.number,
                "name_zh": r.name_zh,
                "name_en": r.name_en,
                "level1": r.level1,
                "level2": r.level2,
                "mandatory": r.mandatory,
                "membership": r.membership,
                "unit": r.unit,
                "formula": None if r.formula is None else r.formula.expression,
                "basis": None if r.formula is None else r.formula.basis,
                "data_source": r.data_source,
                "quality": r.quality,
                "url": r.url,
            }
            for r in self.records.values()
        ]
        frame = pd.DataFrame(rows).set_index("code")
        frame["number"] = frame["number"].astype("Int64")
        frame["mandatory"] = frame["mandatory"].astype("boolean")
        return frame


def _formula(record: Mapping[str, Any], inputs: Mapping[str, Term]) -> Formula:
    fields = dict(record)
    for side in ("numerator", "denominator"):
        fields[side] = tuple(inputs[name] for name in fields[side])
    return Formula(**fields)


@functools.cache
def indicator_system() -> IndicatorSystem:
    """Return the 2019 indicator system as recovered from public sources.

    Returns
    -------
    IndicatorSystem
        A read-only mapping code → :class:`SystemIndicator`, with the sourced counts
        (``structure``), how many are recovered (``recovered``), the inputs of the
        formulas, the sources and what was not found.

    See Also
    --------
    compute_indicators : values of the indicators that have a formula.
    system_indicator : a record as a :class:`~wasteless.waste.Indicator`.

    Notes
    -----
    Sources: reprints of the ministry's text (北极星 2019-05-13/14; xjxbtdc.com and
    固废网 news 291565, quality W) and the official pilot table of 重庆大渡口区
    (quality S) for the level names and the probable indicators.

    Examples
    --------
    >>> system = indicator_system()
    >>> [r.number for r in system.values() if r.number is not None]
    [1, 16, 17, 18, 19, 20, 26, 27, 28, 29]
    >>> system["industrial_solid_waste_generation_intensity"].unit
    't/万元'
    """
    data = read_toml("wfc_indicators_2019.toml")
    head = data["system"]
    sources = {key: MappingProxyType(dict(value)) for key, value in data["sources"].items()}
    inputs = {name: Term(name=name, **record) for name, record in data["inputs"].items()}
    title = f"{head['title']} ({head['issuer']} {head['date']})"
    records = []
    for code, record in data["indicators"].items():
        fields = dict(record)
        formula = fields.pop("formula", None)
        source = sources[fields.pop("source")]
        records.append(
            SystemIndicator(
                code=code,
                source=f"{title} via {source['description']}",
                url=source["url"],
                quality=source["quality"],
                formula=None if formula is None else _formula(formula, inputs),
                **fields,
            )
        )
    numbered = sorted((r for r in records if r.number is not None), key=lambda r: r.number or 0)
    others = [r for r in records if r.number is None]
    return IndicatorSystem(
        records=MappingProxyType({r.code: r for r in numbered + others}),
        title=head["title"],
        issuer=head["issuer"],
        date=head["date"],
        structure=MappingProxyType(
            {key: head[key] for key in ("level1", "level2", "level3", "mandatory", "optional")}
        ),
        structure_quote=head["structure_quote"],
        structure_url=sources[head["structure_source"]]["url"],
        level1_names=tuple(head["level1_names"]),
        level2_names=tuple(head["level2_names"]),
        inputs=MappingProxyType(inputs),
        sources=MappingProxyType(sources),
        not_found=tuple((entry["name"], entry["note"]) for entry in data["not_found"]),
        notes=MappingProxyType(
            {
                "date": f"{head['date_quote']} ({sources[head['date_source']]['url']})",
                "document_number": head["document_number_note"],
                "target_year": head["target_year_quote"],
                "level_names": head["level_names_note"],
                "edition_2021": head["edition_2021_note"],
            }
        ),
    )


def system_indicator(code: str, better: str | None = None, unit: Any = None) -> Indicator:
    """An indicator of the 2019 system as a :class:`~wasteless.waste.Indicator`.

    The one :class:`~wasteless.waste.Indicator` type carries targets and scorecards; this
    gives it the system's name, definition, formula, source and quality.

    Parameters
    ----------
    code : str
        The indicator's code (see :func:`indicator_system`).
    better : {"higher", "lower"}, optional
        Which direction is an improvement. Required when the source does not state it
        (most indicators: only row 16 says "应不断提高"); then your choice is recorded
        in the Indicator's ``definition``. Must agree with the source where it states one.
    unit : str or pint.Unit, optional
        Unit of its values. Required when no source shows one (some indicators known
        by name only); must be the source's unit where it shows one.

    Returns
    -------
    wasteless.waste.Indicator

    Raises
    ------
    wasteless.errors.NotFoundError
        If ``code`` is not in the system (the message names the closest codes).
    wasteless.errors.InputError
        If ``better`` or ``unit`` is missing where the source gives none, or differs
        from what the source gives.

    See Also
    --------
    wasteless.waste.Target, wasteless.waste.scorecard, indicator_values

    Examples
    --------
    >>> from wasteless import Q_, waste
    >>> indicator = system_indicator("straw_utilisation_rate", better="higher")
    >>> indicator.name_zh, indicator.unit, indicator.quality
    ('秸秆综合利用率', 'percent', 'W')
    >>> target = waste.Target(indicator, Q_(90, "percent"), ">=", 2020)
    >>> waste.progress(target, Q_(85, "percent")).gap
    <Quantity(-5.0, 'percent')>
    """
    return indicator_system()[code].to_indicator(better=better, unit=unit)


# --- computing the indicators ----------------------------------------------------------


def _computable(system: IndicatorSystem, codes: Any) -> list[SystemIndicator]:
    if codes is None:
        return [r for r in system.values() if r.formula is not None]
    if isinstance(codes, str) or not isinstance(codes, Iterable):
        raise InputError(f"codes must be a list of indicator codes; got {codes!r}")
    chosen = []
    for code in codes:
        record = system[code]
        if record.formula is None:
            raise InputError(
                f"codes: {code!r} ({record.name_zh}) is known by name only: no formula is "
                "sourced, so it cannot be computed"
            )
        chosen.append(record)
    return chosen


def _table(city_table: Any) -> tuple[dict[Hashable, Any], pd.Index | None, int]:
    """The table's inputs by name, its row index (None for one city-year) and row count."""
    if isinstance(city_table, pd.DataFrame):
        if city_table.shape[1] == 0:
            raise InputError("city_table has no columns")
        if city_table.columns.has_duplicates:
            twice = city_table.columns[city_table.columns.duplicated()][0]
            raise InputError(f"city_table has the column {twice!r} twice")
        columns: dict[Hashable, Any] = {name: city_table[name] for name in city_table.columns}
        return columns, city_table.index, len(city_table)
    if isinstance(city_table, pd.Series):
        # one city-year: a row of a table, input name -> value (a row of a table whose
        # columns share one pint dtype is a pint Series itself)
        if city_table.index.has_duplicates:
            raise InputError("city_table (a Series of input name -> value) repeats a name")
        dtype_units = getattr(city_table.dtype, "units", None)
        if dtype_units is not None:
            if not set(city_table.index) & set(indicator_system().inputs):
                raise InputError(
                    "city_table is one pint Series whose index names no input: for one "
                    "input over several rows, use a mapping {input name: series}"
                )
            magnitudes = city_table.pint.magnitude
            city_table = {
                name: quantity(float(magnitudes[name]), dtype_units) for name in city_table.index
            }
        else:
            city_table = dict(city_table.items())
    if not isinstance(city_table, Mapping):
        raise InputError(
            "city_table must be a mapping of input name to Quantity, or a DataFrame of "
            f"pint columns (one row per city or year); got {type(city_table).__name__}"
        )
    if not city_table:
        raise InputError("city_table must hold at least one input; got an empty mapping")
    columns = dict(city_table.items())
    series = [v for v in columns.values() if isinstance(v, pd.Series)]
    if series:
        index = series[0].index
        if not all(s.index.equals(index) for s in series[1:]):
            raise InputError(
                "city_table: its Series have different indexes; align them first (wasteless "
                "does not match rows by position)"
            )
        arrays = [
            name
            for name, v in columns.items()
            if not isinstance(v, pd.Series) and np.ndim(_magnitude(v)) > 0
        ]
        if arrays:
            raise InputError(
                f"city_table: {arrays[0]!r} is an array beside Series; give it as a Series "
                "of the same index (wasteless does not match rows by position)"
            )
        return columns, index, len(index)
    sizes = {np.size(_magnitude(v)) for v in columns.values() if np.ndim(_magnitude(v)) > 0}
    if not sizes:
        return columns, None, 1
    if len(sizes) > 1:
        raise InputError(f"city_table: its arrays have different lengths {sorted(sizes)}")
    n = sizes.pop()
    return columns, pd.RangeIndex(n), n


def _magnitude(value: Any) -> Any:
    return value.magnitude if isinstance(value, pint.Quantity) else value


def _plain_counts(value: Any, name: str) -> Any:
    """Counts given without units (a bare number or a plain numeric column) as floats."""
    if isinstance(value, pd.Series):
        if pd.api.types.is_bool_dtype(value.dtype) or not pd.api.types.is_numeric_dtype(
            value.dtype
        ):
            raise InputError(f"{name} must hold numbers (a count); got a Series of {value.dtype}")
        return value.to_numpy(dtype=np.float64, na_value=np.nan)
    if isinstance(value, (bool, np.bool_, str, bytes, np.ma.MaskedArray)):
        raise InputError(f"{name} must be a whole number (a count); got {value!r}")
    array = np.asarray(value)
    if array.dtype == bool or not (
        np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)
    ):
        raise InputError(f"{name} must be a whole number (a count); got {value!r}")
    return array.astype(np.float64)


def _read(term: Term, value: Any, n: int, labels: pd.Index | None) -> Any:
    """One term for every row, in the term's unit: float64 of shape (n,), NaN = missing."""
    units = getattr(value, "dtype", None)
    has_units = isinstance(value, pint.Quantity) or hasattr(units, "units")
    if term.is_count and not has_units:
        magnitudes = _plain_counts(value, term.name)
        if np.isinf(magnitudes).any():
            raise InputError(f"{term.name} must be finite; got {value!r}")
    else:
        try:
            magnitudes = magnitude_in(value, term.unit, term.name, allow_nan=True)
        except MissingUnitsError:
            raise
        except UnitsError as err:
            raise UnitsError(
                err.argument,
                err.units1,
                err.units2,
                err.dim1,
                err.dim2,
                hint=(
                    f"{term.name} is {term.name_en} ({term.name_zh}), the reporting year's "
                    f"total in {term.unit} or any unit of that dimension"
                ),
            ) from None
    values = np.asarray(magnitudes, dtype=np.float64)
    if values.ndim > 1 or (values.ndim == 1 and values.shape[0] != n):
        raise InputError(
            f"{term.name} has shape {values.shape}; the table has {n} row(s): give one "
            "value per row, or one value for all"
        )
    values = np.broadcast_to(values, (n,))
    checks = [(values < 0, "must be >= 0")]  # NaN compares False: missing, not negative
    if term.is_count:
        fractional = (values != np.round(values)) & ~np.isnan(values)
        checks.append((fractional, "must be a whole number (a count)"))
    for bad, rule in checks:
        if bad.any():
            first, where = _first(bad, labels)
            raise InputError(
                f"{term.name} {rule}; got {values[first]!r} {term.unit}{where} "
                f"({int(bad.sum())} such value(s))"
            )
    return values


def _first(bad: Any, labels: pd.Index | None) -> tuple[int, str]:
    """Position of the first True in ``bad`` and where it is, for a message."""
    first = int(np.flatnonzero(bad)[0])
    return first, "" if labels is None else f" at row {labels[first]!r}"


def _missing_reason(names: list[str], extra: list[str]) -> str:
    hints = []
    for name in names:
        close = difflib.get_close_matches(name, extra, n=1, cutoff=0.8)
        if close:
            hints.append(f"the table's {close[0]!r} may be {name!r} misspelt")
    hint = f" ({'; '.join(hints)})" if hints else ""
    return f"missing input(s): {', '.join(names)}{hint}"


def _evaluate(
    record: SystemIndicator,
    columns: Mapping[Hashable, Any],
    n: int,
    labels: pd.Index | None,
    extra: list[str],
) -> tuple[Any, list[str], list[str]]:
    """Values (shape (n,)), reasons and notes of one indicator for every row."""
    formula = record.formula
    assert formula is not None
    absent = [t.name for t in formula.terms if t.name not in columns]
    nan = np.full(n, math.nan)
    if absent:
        return nan, [_missing_reason(absent, extra)] * n, [""] * n
    read = {t.name: _read(t, columns[t.name], n, labels) for t in formula.terms}
    top = np.sum([read[t.name] for t in formula.numerator], axis=0)
    reasons = [""] * n
    notes = [""] * n
    empty = {t.name: np.isnan(read[t.name]) for t in formula.terms}
    if formula.kind == "amount":
        result = top * formula.factor
    else:
        bottom = np.sum([read[t.name] for t in formula.denominator], axis=0)
        if formula.kind == "ratio" and not formula.can_exceed_100:
            above = top > bottom * (1.0 + _ROUNDING_TOLERANCE)  # NaN compares False
            if above.any():
                first, where = _first(above, labels)
                raise InputError(
                    f"{record.code} cannot exceed 100 % ({formula.bound_note}): "
                    f"{' + '.join(t.name for t in formula.numerator)} = {top[first]:g} > "
                    f"{' + '.join(t.name for t in formula.denominator)} = {bottom[first]:g}"
                    f"{where}; check the data"
                )
        zero = bottom == 0.0
        with np.errstate(divide="ignore", invalid="ignore"):
            result = top / np.where(zero, math.nan, bottom) * formula.factor
        if formula.kind == "ratio":
            result = 100.0 * result
        names = " + ".join(t.name for t in formula.denominator)
        for where_zero in np.flatnonzero(zero):
            reasons[where_zero] = f"undefined: the denominator ({names}) is 0"
        if formula.kind == "ratio" and formula.can_exceed_100:
            for above_100 in np.flatnonzero(result > 100.0):
                notes[above_100] = (
                    f"above 100 %: {formula.bound_note}; reported as computed, not clipped"
                )
    if np.isinf(result).any():
        _, where = _first(np.isinf(result), labels)
        raise InputError(f"{record.code} overflows float64{where}: the inputs are too large")
    for i in range(n):
        blank = [name for name, mask in empty.items() if mask[i]]
        if blank:
            reasons[i] = f"no value (NaN) for: {', '.join(blank)}"
    return result, reasons, notes


def compute_indicators(city_table: Any, codes: Any = None) -> pd.DataFrame:
    r"""Compute the 2019 system's indicators that have a formula, from a city's flows.

    Every formula is data (:class:`Formula`); each term is read through the units
    pathway (:func:`wasteless.units.magnitude_in`), so a rate's numerator and
    denominator are both checked to be masses, an intensity's mass and money.

    Parameters
    ----------
    city_table : mapping, pandas.Series or pandas.DataFrame
        The flows of one city-year, as a mapping input name → Quantity (scalars, or
        arrays of one length for several rows, or pint-pandas Series of one index), or
        a DataFrame of pint-pandas columns, one row per city or year. Input names are
        those of ``indicator_system().inputs``; other columns are ignored. Masses are
        the reporting year's totals [mass] (t, 万 t, kg), value added [yuan] (万元,
        ``"亿 CNY"``); counts (villages, institutions) are whole numbers, bare or
        dimensionless. NaN marks a value missing in a row.
    codes : list of str, optional
        Indicators to compute (default: every indicator with a formula).

    Returns
    -------
    pandas.DataFrame
        One row per indicator (index ``indicator``), or per input row and indicator
        (the input's index levels, then ``indicator``). Columns: ``name_zh``;
        ``value`` (float64) in ``unit`` (percent for rates, t/万元 for the intensity, t
        for amounts); ``reason`` (``""`` when computed; else why ``value`` is NaN: the
        missing inputs, by name, or a zero denominator); ``note`` (e.g. a utilisation
        rate above 100 %, reported as computed).

    Raises
    ------
    wasteless.errors.NotFoundError
        If a code is not in the system.
    wasteless.errors.InputError
        If a code is known by name only (no formula), a flow is negative or infinite, a
        count is not a whole number, a coverage exceeds 100 % (its numerator counts a
        subset of its denominator), the table is empty or not a table.
    wasteless.errors.UnitsError
        If an input has the wrong dimension (a flow per time, t/a, instead of the
        year's total, a volume for a mass); a
        :class:`~wasteless.errors.MissingUnitsError` if a flow has no units.

    See Also
    --------
    indicator_system, indicator_values, wasteless.waste.scorecard

    Notes
    -----
    A ratio is

    .. math:: r = \frac{\sum_i N_i}{\sum_j D_j} \times 100\,\%

    with numerator and denominator in one unit; an intensity is
    :math:`\sum_i N_i / \sum_j D_j` in the formula's unit (t/万元 for row 1: general
    industrial solid waste plus industrial hazardous waste over industrial value
    added); an amount is :math:`\sum_i N_i`. A zero denominator gives NaN with its
    reason. A coverage cannot exceed 100 % (an error); a utilisation or recovery rate
    can (past stockpiles, an estimated denominator) and is reported as computed, never
    clipped.

    References
    ----------
    .. [1] 生态环境部办公厅, 《"无废城市"建设指标体系（试行）》, 2019-05-08 (reprints:
       https://news.bjx.com.cn/html/20190514/980227-2.shtml,
       http://www.xjxbtdc.com/news/291565_5.html,
       https://static.solidwaste.com.cn/news/291565_6.html).

    Examples
    --------
    >>> from wasteless import Q_
    >>> result = compute_indicators({
    ...     "general_industrial_solid_waste_generated": Q_(12, "万 t"),
    ...     "industrial_hazardous_waste_generated": Q_(3000, "t"),
    ...     "industrial_value_added": Q_(60, "亿 CNY"),
    ...     "villages_in_agricultural_waste_system": 45,
    ...     "villages_total": 60,
    ... })
    >>> row = result.loc["industrial_solid_waste_generation_intensity"]
    >>> float(row["value"]), row["unit"]
    (0.205, 't/万元')
    >>> result.loc["agricultural_waste_collection_coverage", "value"]
    np.float64(75.0)
    >>> print(result.loc["straw_utilisation_rate", "reason"])
    missing input(s): straw_utilised, straw_collectable
    """
    system = indicator_system()
    chosen = _computable(system, codes)
    columns, index, n = _table(city_table)
    extra = [str(name) for name in columns if name not in system.inputs]
    values, reasons, notes = [], [], []
    for record in chosen:
        value, reason, note = _evaluate(record, columns, n, index, extra)
        values.append(value)
        reasons.append(reason)
        notes.append(note)
    k = len(chosen)
    codes_order = [r.code for r in chosen]
    by_row = np.column_stack(values).ravel() if k and n else np.empty(0)
    frame = pd.DataFrame(
        {
            "name_zh": [r.name_zh for r in chosen] * n,
            "value": by_row,
            "unit": [r.unit for r in chosen] * n,
            "reason": [reasons[j][i] for i in range(n) for j in range(k)],
            "note": [notes[j][i] for i in range(n) for j in range(k)],
        }
    )
    if index is None:
        frame.index = pd.Index(codes_order, name="indicator")
    else:
        levels = [index.get_level_values(i).repeat(k) for i in range(index.nlevels)]
        frame.index = pd.MultiIndex.from_arrays(
            [*levels, np.tile(np.asarray(codes_order, dtype=object), n)],
            names=[*index.names, "indicator"],
        )
    return frame


def indicator_values(computed: Any, row: Any = None, codes: Any = None) -> dict[str, Any]:
    """Values of one city-year from :func:`compute_indicators`, ready for a scorecard.

    Parameters
    ----------
    computed : pandas.DataFrame
        A result of :func:`compute_indicators`.
    row : hashable, optional
        Which input row (a city, a year, a tuple for several index levels); required
        when ``computed`` has several rows, None when it came from one city-year.
    codes : iterable of str, optional
        The codes wanted, e.g. a mapping of targets (its keys). Default: every code in
        ``computed``.

    Returns
    -------
    dict
        Code → Quantity in the indicator's unit, or None when there is no value (not
        computed, or NaN: a scorecard then says "not checkable").

    Raises
    ------
    wasteless.errors.NotFoundError
        If ``row`` is not in ``computed`` or a code is not in the system.
    wasteless.errors.InputError
        If ``computed`` is not such a result, or ``row`` is missing or ambiguous.

    Examples
    --------
    >>> from wasteless import Q_, waste
    >>> result = compute_indicators({"mulch_film_recovered": Q_(164, "t"),
    ...                              "mulch_film_used": Q_(200, "t")})
    >>> values = indicator_values(result, codes=["mulch_film_recovery_rate"])
    >>> values
    {'mulch_film_recovery_rate': <Quantity(82.0, 'percent')>}
    >>> target = waste.Target(system_indicator("mulch_film_recovery_rate", better="higher"),
    ...                       Q_(80, "percent"), ">=", 2020)
    >>> waste.scorecard(values, {"mulch_film_recovery_rate": target})["met"].tolist()
    [True]
    """
    if (
        not isinstance(computed, pd.DataFrame)
        or computed.index.names[-1] != "indicator"
        or not {"value", "unit"} <= set(computed.columns)
    ):
        raise InputError(
            "computed must be a result of compute_indicators (a DataFrame indexed by "
            f"'indicator' with 'value' and 'unit' columns); got {type(computed).__name__}"
        )
    system = indicator_system()
    codes_level = computed.index.get_level_values(-1)
    if computed.index.nlevels > 1:
        levels = [computed.index.get_level_values(i) for i in range(computed.index.nlevels - 1)]
        labels = list(levels[0]) if len(levels) == 1 else list(zip(*levels, strict=True))
        if row is None:
            shown = labels[0] if labels else "..."
            raise InputError(
                f"row: computed holds several cities or years; name one, e.g. row={shown!r}"
            )
        if not isinstance(row, Hashable):
            raise InputError(f"row must be one row label; got {row!r}")
        mask = np.fromiter((_same(label, row) for label in labels), bool, len(labels))
        if not mask.any():
            shown = list(dict.fromkeys(labels))[:5]
            raise NotFoundError(f"row {row!r} is not in computed; its rows include {shown}")
        if codes_level[mask].has_duplicates:
            raise InputError(f"row {row!r} appears more than once in computed")
    else:
        if row is not None:
            raise InputError(
                f"row must be None for a result of one city-year (no row labels); got {row!r}"
            )
        mask = np.ones(len(computed), bool)
    position = {str(code): i for i, code in enumerate(codes_level[mask])}
    values = computed["value"].to_numpy(dtype=np.float64, na_value=np.nan)[mask]
    units = computed["unit"].to_numpy()[mask]
    if codes is None:
        wanted = list(position)
    elif isinstance(codes, str) or not isinstance(codes, Iterable):
        raise InputError(f"codes must be a list of indicator codes; got {codes!r}")
    else:
        wanted = list(codes)
    out: dict[str, Any] = {}
    for code in wanted:
        system[code]  # a NotFoundError for an unknown code
        i = position.get(code)
        if i is None or math.isnan(values[i]):
            out[code] = None  # not computed, or no value: "not checkable"
        else:
            out[code] = quantity(float(values[i]), units[i])
    return out


def _same(label: Any, row: Any) -> bool:
    try:
        return bool(label == row)
    except (TypeError, ValueError):
        return False
