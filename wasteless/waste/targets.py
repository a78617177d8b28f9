"""Coverage ratios, waste-free-city (无废城市) indicators and targets, and a scorecard.

An :class:`Indicator` says what is measured (code, Chinese and English name, unit,
which direction is better, source); a :class:`Target` says what value it should
reach, by which relation and year. :func:`progress` checks one value against one
target; :func:`scorecard` checks many and returns a table.

Shipped with the library (``wasteless/data/etown_targets.toml``, every value from the
factor sheet with its source and quality tag): E-Town's sewage treatment 100 % and
high-quality reclaimed-water utilisation 30 % (2020, People's Daily 2020-01-17 [S]),
household-waste recycling 40 % (2019–2020 [S]), construction-waste utilisation 45 %
(2020 [S]), prefabricated buildings 30 % and green buildings 90 % of new buildings
([S], no year given). The indicator system of the national pilot (its counts and
categories) was not found and is not hard-coded.

Gaps between percentages are differences in **percentage points** (value − target),
returned as ``percent`` Quantities; a relative change is a different thing
(:func:`wasteless.air.relative_reduction`).

Examples
--------
>>> from wasteless import Q_, waste
>>> waste.coverage(32, 32)
<Quantity(100.0, 'percent')>
>>> target = waste.etown_targets()["reclaimed_water_utilisation"]
>>> result = waste.progress(target, Q_(26.5, "percent"))
>>> result.met, result.gap
(False, <Quantity(-3.5, 'percent')>)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd
import pint

from wasteless import _deprecate
from wasteless._data import read_toml
from wasteless._validate import check_text, check_whole
from wasteless.errors import InputError
from wasteless.factors import QUALITY_TAGS
from wasteless.judgement import RELATIONS as _RELATIONS
from wasteless.judgement import Judgement, compare
from wasteless.units import (
    Q_,
    as_fraction,
    magnitude_in,
    parse_units,
    ureg,
)

__all__ = [
    "TARGET_RELATIONS",
    "Indicator",
    "Progress",
    "Target",
    "coverage",
    "etown_targets",
    "indicators",
    "progress",
    "scorecard",
]

TARGET_RELATIONS: tuple[str, ...] = (">=", ">", "<=", "<", "==")
"""The relations a target can state, value ``relation`` target: symbols of the one relations
table, :data:`wasteless.judgement.RELATIONS` (which gives their wording)."""


__getattr__ = _deprecate.module_getattr(
    "wasteless.waste",
    {
        "RELATIONS": (
            "the one relations table is wasteless.judgement.RELATIONS (symbol -> Relation, "
            "with .wording); the relations a target can state are "
            "wasteless.waste.TARGET_RELATIONS",
            lambda: MappingProxyType({s: _RELATIONS[s].wording for s in TARGET_RELATIONS}),
        )
    },
)


def coverage(covered: Any, total: Any) -> Any:
    """Share of units covered, from counts: ``covered / total`` in percent.

    For indicators such as "32 of 32 communities separate kitchen waste at source".

    Parameters
    ----------
    covered, total : int or array of int
        Counts (whole numbers >= 0); ``total`` > 0 and ``covered <= total``. Floats
        with integer values (``32.0``) are accepted; a dimensionless Quantity too.

    Returns
    -------
    pint.Quantity
        Coverage [percent].

    Raises
    ------
    wasteless.errors.InputError
        If a count is negative, not a whole number, not finite, if ``total`` is 0, or
        if ``covered`` exceeds ``total``.

    Examples
    --------
    >>> coverage(19, 32)
    <Quantity(59.375, 'percent')>
    >>> coverage([32, 30], [32, 40])
    <Quantity([100.  75.], 'percent')>
    """
    top = _counts(covered, "covered")
    bottom = _counts(total, "total")
    if (bottom == 0).any():
        raise InputError("total must be > 0; got 0")
    try:
        above = top > bottom
    except ValueError:
        raise InputError("covered and total must have the same shape") from None
    if np.any(above):
        raise InputError(
            f"covered ({_show(covered)}) cannot exceed total ({_show(total)}): a coverage "
            "ratio is at most 100 %"
        )
    ratio = 100.0 * top / bottom
    return Q_(float(ratio) if ratio.ndim == 0 else ratio, "percent")


def _show(value: Any) -> str:
    return repr(value.tolist() if isinstance(value, np.ndarray) else value)


def _quality(tag: Any) -> None:
    if not isinstance(tag, str) or tag not in QUALITY_TAGS:
        raise InputError(f"quality must be one of {sorted(QUALITY_TAGS)}; got {tag!r}")


def _amount(value: Any, unit: str, name: str) -> float:
    """One finite value >= 0 of an indicator, in its unit."""
    amount = magnitude_in(value, unit, name)
    if np.ndim(amount) != 0:
        raise InputError(f"{name} must be one value; got an array of shape {np.shape(amount)}")
    if amount < 0:
        raise InputError(f"{name} must be >= 0; got {value!r}")
    return float(amount)


def _counts(value: Any, name: str) -> Any:
    if isinstance(value, pint.Quantity):
        value = magnitude_in(value, "", name)
    if isinstance(value, np.ma.MaskedArray):
        raise InputError(f"{name} is a masked array: fill or drop its masked counts first")
    array = np.asarray(value)
    if array.dtype == bool or not (
        np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)
    ):
        raise InputError(f"{name} must be a whole number (a count); got {value!r}")
    array = array.astype(np.float64)
    if not np.isfinite(array).all():
        raise InputError(f"{name} must be finite; got {value!r}")
    if (array < 0).any():
        raise InputError(f"{name} must be >= 0; got {value!r}")
    if (array != np.round(array)).any():
        raise InputError(f"{name} must be a whole number (a count); got {value!r}")
    return array


@dataclass(frozen=True)
class Indicator:
    """What an indicator measures.

    Parameters
    ----------
    code
        Identifier, e.g. ``"sewage_treatment_rate"``.
    name_zh, name_en
        Names in Chinese and English.
    unit
        Unit of its values (pint string), e.g. ``"percent"``.
    better
        ``"higher"`` or ``"lower"``: which direction is an improvement.
    definition
        How it is computed.
    source, url, quality
        Where it is defined and the quality tag (see :data:`wasteless.factors.QUALITY_TAGS`).

    Examples
    --------
    >>> indicators()["household_waste_recycling_rate"].name_zh
    '生活垃圾回收利用率'
    """

    code: str
    name_zh: str
    name_en: str
    unit: str
    better: str
    definition: str = ""
    source: str = ""
    url: str = ""
    quality: str = "A"

    def __post_init__(self) -> None:
        for name in ("code", "name_zh", "name_en", "definition", "source", "url"):
            check_text(getattr(self, name), name)
        if self.better not in ("higher", "lower"):
            raise InputError(f"better must be 'higher' or 'lower'; got {self.better!r}")
        _quality(self.quality)
        parse_units(self.unit, "unit")  # fails early on a unit pint does not know


@dataclass(frozen=True)
class Target:
    """A value an indicator should reach.

    Parameters
    ----------
    indicator
        The indicator.
    value
        The target value, in ``indicator.unit`` (a Quantity).
    relation
        One of :data:`TARGET_RELATIONS`: the indicator's value ``relation`` the target.
    year
        The year it applies to, or None when the source gives none.
    wording
        The source's wording.
    source, url, quality
        Where it comes from and the quality tag.
    note
        Caveats.

    Examples
    --------
    >>> t = etown_targets()["construction_waste_utilisation_rate"]
    >>> t.value, t.relation, t.year
    (<Quantity(45.0, 'percent')>, '>=', 2020)
    """

    indicator: Indicator
    value: Any
    relation: str
    year: int | None = None
    wording: str = ""
    source: str = ""
    url: str = ""
    quality: str = "A"
    note: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.indicator, Indicator):
            raise InputError(f"indicator must be an Indicator; got {self.indicator!r}")
        if not isinstance(self.relation, str) or self.relation not in TARGET_RELATIONS:
            raise InputError(
                f"relation must be one of {list(TARGET_RELATIONS)}; got {self.relation!r}"
            )
        if not isinstance(self.value, pint.Quantity):
            raise InputError(
                f"target value must be a Quantity in {self.indicator.unit}; got {self.value!r}"
            )
        _amount(self.value, self.indicator.unit, "value")  # dimension, one value, >= 0
        if isinstance(self.value.magnitude, np.ndarray):  # a 0-d array: scalar in, scalar out
            object.__setattr__(self, "value", Q_(float(self.value.magnitude), self.value.units))
        if self.year is not None:
            object.__setattr__(self, "year", check_whole(self.year, "year", 1, 9999))
        for name in ("wording", "source", "url", "note"):
            check_text(getattr(self, name), name)
        _quality(self.quality)


@dataclass(frozen=True)
class Progress(Judgement):
    """The result of checking a value against a target (a :class:`~wasteless.judgement.Judgement`).

    Attributes
    ----------
    target
        The target; its value is the ``threshold`` and its relation the ``relation``.
    value
        The value checked, or None when there is none.
    met
        True or False; None when not checkable (no value). Also ``holds``.
    gap
        ``value − target`` in the indicator's unit (percentage points for percent
        indicators); positive means above the target. None when not checkable. Also
        ``margin``.
    """

    target: Target
    value: Any
    met: bool | None

    @property
    def gap(self) -> Any:
        """``value − target`` (the ``margin``)."""
        return self.margin

    @property
    def holds(self) -> bool | None:
        """Whether the target is met (``met``)."""
        return self.met

    @property
    def threshold(self) -> Any:
        """The target value."""
        return self.target.value

    @property
    def relation(self) -> str:  # type: ignore[override]
        """The target's relation."""
        return self.target.relation

    def _title(self) -> str:
        return f"Progress on {self.target.indicator.code!r}"


def progress(target: Target, value: Any) -> Progress:
    """Check ``value`` against ``target``: met or not, and the gap.

    Parameters
    ----------
    target : Target
        The target.
    value : pint.Quantity, float or None
        The indicator's value, a Quantity in a unit compatible with the indicator's
        (``percent`` or a fraction for percent indicators: a bare number is read as
        a fraction, as everywhere in wasteless); None when there is no value yet.

    Returns
    -------
    Progress
        ``met`` is None and ``gap`` None when ``value`` is None.

    Raises
    ------
    wasteless.errors.InputError
        If the value is not finite, or (for a percent indicator) a bare number
        outside [0, 1].
    wasteless.errors.UnitsError
        If the value's units do not fit the indicator.

    Examples
    --------
    >>> sewage = etown_targets()["sewage_treatment_rate"]
    >>> progress(sewage, Q_(100, "percent")).met
    True
    >>> progress(sewage, 0.985).gap
    <Quantity(-1.5, 'percent')>
    >>> progress(sewage, None).met is None
    True
    """
    if not isinstance(target, Target):
        raise InputError(f"target must be a Target (e.g. from etown_targets()); got {target!r}")
    if value is None:
        return Progress(target, None, None)
    unit = target.indicator.unit
    if not isinstance(value, pint.Quantity):
        if ureg.Unit(unit).dimensionality:
            raise InputError(f"value for {target.indicator.code} must be a Quantity in {unit}")
        # a bare number is a fraction, as everywhere in wasteless (the units pathway)
        fraction = as_fraction(value, f"value for {target.indicator.code}")
        if np.ndim(fraction) != 0:
            raise InputError(f"value for {target.indicator.code} must be one value; got {value!r}")
        value = Q_(float(fraction), "").to(unit)
    amount = _amount(value, unit, f"value for {target.indicator.code}")
    goal = float(magnitude_in(target.value, unit, "target"))
    met, _ = compare(amount, amount, target.relation, goal)
    return Progress(target, Q_(amount, unit), met)


def _data() -> Mapping[str, Any]:
    return read_toml("etown_targets.toml")


@functools.cache
def indicators() -> Mapping[str, Indicator]:
    """Return the shipped indicators, keyed by code.

    Examples
    --------
    >>> sorted(indicators())[:2]
    ['construction_waste_utilisation_rate', 'green_building_share']
    """
    records = _data()["indicators"].items()
    return MappingProxyType({code: Indicator(code=code, **record) for code, record in records})


@functools.cache
def etown_targets() -> Mapping[str, Target]:
    """Return E-Town's targets, keyed by indicator code.

    Examples
    --------
    >>> {code: t.value.magnitude for code, t in etown_targets().items()}["green_building_share"]
    90.0
    """
    table = indicators()
    targets = {}
    for record in _data()["targets"]:
        fields = dict(record)
        indicator = table[fields.pop("indicator")]
        value = Q_(fields.pop("value"), fields.pop("unit"))
        targets[indicator.code] = Target(indicator=indicator, value=value, **fields)
    return MappingProxyType(targets)  # cached: read-only, so no caller can change the next one's


def scorecard(
    values: Mapping[str, Any], targets: Mapping[str, Target] | None = None
) -> pd.DataFrame:
    """Check many values against their targets; one row per target.

    Parameters
    ----------
    values : mapping
        Indicator code to value (Quantity, fraction, or None for "no data").
        Codes without a target raise; targets without a value are "not checkable".
    targets : mapping, optional
        Indicator code to Target; default :func:`etown_targets`.

    Returns
    -------
    pandas.DataFrame
        Indexed by indicator code: ``name_zh``, ``name_en``, ``relation``, ``target``,
        ``year``, ``value``, ``unit``, ``met`` (True/False/None), ``gap`` (value −
        target, in the unit; percentage points for percent), ``quality`` (of the
        target's source), ``definition_quality`` (of the indicator's definition: ``A``
        where it is an assumption), ``source``.

    Raises
    ------
    wasteless.errors.InputError
        If ``values`` names an indicator without a target, or as :func:`progress`.

    Examples
    --------
    >>> card = scorecard({"sewage_treatment_rate": Q_(100, "percent"),
    ...                   "reclaimed_water_utilisation": Q_(26.5, "percent")})
    >>> card.loc[["sewage_treatment_rate", "reclaimed_water_utilisation"], ["met", "gap"]]
                                   met  gap
    indicator
    sewage_treatment_rate         True  0.0
    reclaimed_water_utilisation  False -3.5
    >>> card["met"].isna().sum()  # four targets without a value: not checkable
    np.int64(4)
    """
    table = etown_targets() if targets is None else targets
    if not isinstance(values, Mapping):
        raise InputError(f"values must be a mapping of indicator code to value; got {values!r}")
    if not isinstance(table, Mapping) or not all(isinstance(t, Target) for t in table.values()):
        raise InputError(f"targets must be a mapping of indicator code to Target; got {table!r}")
    unknown = sorted(set(values) - set(table))
    if unknown:
        raise InputError(f"no target for {unknown}; targets exist for {sorted(table)}")
    rows = []
    for code, target in table.items():
        result = progress(target, values.get(code))
        unit = target.indicator.unit
        rows.append(
            {
                "indicator": code,
                "name_zh": target.indicator.name_zh,
                "name_en": target.indicator.name_en,
                "relation": target.relation,
                "target": float(magnitude_in(target.value, unit)),
                "year": target.year,
                "value": None if result.value is None else float(result.value.magnitude),
                "unit": unit,
                "met": result.met,
                "gap": None if result.gap is None else float(result.gap.magnitude),
                "quality": target.quality,
                "definition_quality": target.indicator.quality,
                "source": target.source,
            }
        )
    columns = ["indicator", "name_zh", "name_en", "relation", "target", "year", "value", "unit"]
    columns += ["met", "gap", "quality", "definition_quality", "source"]
    frame = pd.DataFrame(rows, columns=columns).set_index("indicator")
    frame["year"] = frame["year"].astype("Int64")
    frame["value"] = frame["value"].astype("Float64")
    frame["gap"] = frame["gap"].astype("Float64")
    frame["met"] = frame["met"].astype("boolean")
    return frame
