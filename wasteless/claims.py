r"""Stated figures as claims, and verdicts that check them against computations.

A :class:`Claim` is one figure of a document: the quote as printed, an English
statement, the stated quantity, the relation the text asserts (超 "more than", 达 "reached",
约 "about", …) and the **stated precision**: the place value of the last digit given
(``resolution``). "81 µg/m³" is a value in [80.5, 81.5); "47 %" one in [46.5, 47.5);
"超270万条" says only "more than 2,700,000".

:func:`check` compares a computation with a claim and returns a :class:`Verdict`:
``holds``, ``fails``, or ``not checkable`` (a target with no data yet). A computation
can be a point or an **interval**: when it is computed from other stated figures, the
interval covers every value consistent with their rounding, and the claim holds when
some consistent value satisfies it. So "81 → 43 µg/m³ is a decline of 47 %" holds,
because declines between (80.5 − 43.5)/80.5 = 45.96 % and (81.5 − 42.5)/81.5 = 47.85 %
are consistent with the two figures, and some of them round to 47 %.

Relations are those of :mod:`wasteless.judgement` (``value relation stated``).
"Keeps falling" (继续下降) claims are checked with :func:`check_falling`.

A figure often has several sources: a :class:`Source` is one document (its date,
wording, URL, quality tag and what it covers) with the figures it states, each a
:class:`Claim`. :func:`agree` says whether two stated figures of one quantity can both
be right at their stated relation and precision: "27万条" (any count in [265,000,
275,000)) and "273万条" ([2,725,000, 2,735,000)) cannot.

Examples
--------
>>> from wasteless import Q_
>>> from wasteless.claims import Claim, check
>>> decline = Claim("pm25_decline", "累计下降47%", "PM2.5 fell by 47 % in total.",
...                 Q_(47, "percent"), "==", Q_(1, "percent"))
>>> verdict = check(decline, (Q_(45.96, "percent"), Q_(47.85, "percent")))
>>> verdict.status
'holds'
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pint

from wasteless import _deprecate
from wasteless._validate import check_text, check_whole
from wasteless.errors import InputError
from wasteless.factors import QUALITY_TAGS
from wasteless.judgement import BASES, Judgement, compare, falling
from wasteless.judgement import RELATIONS as _RELATIONS
from wasteless.units import magnitude_in

__all__ = [
    "SOURCE_QUALITY",
    "STATUSES",
    "Claim",
    "Source",
    "Verdict",
    "agree",
    "check",
    "check_falling",
    "not_checkable",
]


__getattr__ = _deprecate.module_getattr(
    __name__,
    {
        "RELATIONS": (
            "the one relations table is wasteless.judgement.RELATIONS (symbol -> Relation, "
            "with .wording)",
            lambda: MappingProxyType({s: r.wording for s, r in _RELATIONS.items()}),
        )
    },
)


STATUSES = ("holds", "fails", "not checkable")
"""The three verdicts."""


@dataclass(frozen=True)
class Claim:
    """One stated figure of a document.

    Parameters
    ----------
    id
        Identifier, e.g. ``"tyres"``.
    quote
        The wording as printed in the source.
    statement
        The claim in English.
    stated
        The stated quantity (None for a "keeps falling" claim).
    relation
        One of :data:`wasteless.judgement.RELATIONS`.
    resolution
        Place value of the last stated digit, in the units of ``stated`` (1 for
        "81 µg/m³", 1e4 tyre for "270万条"); None for "falling".
    source
        The document.
    kind
        ``"result"`` (a figure reported as achieved) or ``"target"``.
    year
        The year the figure refers to, if stated.

    Examples
    --------
    >>> from wasteless import Q_
    >>> c = Claim("pm25_start", "由81微克每立方米", "PM2.5 was 81 µg/m³.", Q_(81, "ug/m3"),
    ...           "==", Q_(1, "ug/m3"))
    >>> [round(v.magnitude, 1) for v in c.interval]
    [80.5, 81.5]
    """

    id: str
    quote: str
    statement: str
    stated: Any
    relation: str
    resolution: Any = None
    source: str = ""
    kind: str = "result"
    year: int | None = None

    def __post_init__(self) -> None:
        for name in ("id", "quote", "statement", "source"):
            check_text(getattr(self, name), name)
        if not isinstance(self.relation, str) or self.relation not in _RELATIONS:
            raise InputError(
                f"claim {self.id!r}: relation must be one of {list(_RELATIONS)}; "
                f"got {self.relation!r}"
            )
        if not isinstance(self.kind, str) or self.kind not in ("result", "target"):
            raise InputError(f"claim {self.id!r}: kind must be 'result' or 'target'")
        if self.year is not None:
            object.__setattr__(self, "year", check_whole(self.year, "year", 1, 9999))
        if self.relation == "falling":
            return
        if not isinstance(self.stated, pint.Quantity):
            raise InputError(f"claim {self.id!r}: stated must be a Quantity; got {self.stated!r}")
        object.__setattr__(self, "stated", _scalar(self.stated, "stated"))
        if self.resolution is not None:
            if not isinstance(self.resolution, pint.Quantity):
                raise InputError(f"claim {self.id!r}: resolution must be a Quantity or None")
            object.__setattr__(self, "resolution", _scalar(self.resolution, "resolution"))
            step = _one(self.resolution, str(self.stated.units), "resolution")
            if not (math.isfinite(step) and step > 0):
                raise InputError(f"claim {self.id!r}: resolution must be > 0")

    @property
    def interval(self) -> tuple[Any, Any]:
        """Values consistent with the stated figure: stated ± resolution / 2.

        An exact figure (no resolution) gives ``(stated, stated)``.
        """
        if self.relation == "falling":
            raise InputError(f"claim {self.id!r} states no quantity")
        if self.resolution is None:
            return self.stated, self.stated
        half = self.resolution.to(self.stated.units) / 2
        return self.stated - half, self.stated + half


def _consistent(claim: Claim, unit: str) -> tuple[float, float, bool, bool]:
    """The values a stated figure allows, in ``unit``: (low, high, low closed, high closed).

    As :mod:`wasteless.judgement` reads a relation: ``==`` is [stated − half, stated + half)
    (half the resolution; a point without one), ``~`` the closed band, ``>`` and ``>=``
    everything above (open or closed), ``<`` and ``<=`` everything below.
    """
    stated = _one(claim.stated, unit, f"claim {claim.id!r} stated")
    half = 0.0 if claim.resolution is None else _one(claim.resolution, unit, "resolution") / 2.0
    relation = claim.relation
    if relation == ">":
        return stated, math.inf, False, False
    if relation == ">=":
        return stated, math.inf, True, False
    if relation == "<":
        return -math.inf, stated, False, False
    if relation == "<=":
        return -math.inf, stated, False, True
    return stated - half, stated + half, True, relation == "~" or half == 0.0


def agree(first: Claim, second: Claim) -> bool:
    """Whether two stated figures of one quantity can both be right.

    Each figure stands for every value its relation and stated precision allow (as
    :mod:`wasteless.judgement` reads them): "27万条" any count in [265,000, 275,000),
    "超270万条" any count above 2,700,000, "约30.7万吨" any mass in [306,500, 307,500] t.
    The two agree when some value is allowed by both; otherwise they differ by more than
    their stated precision allows. Nothing else is judged: two figures of a cumulative
    count dated months apart may disagree here and both be right (the count grew).

    Parameters
    ----------
    first, second : Claim
        Two figures of one quantity (the same dimension), e.g. the same count as two
        reports state it.

    Returns
    -------
    bool

    Raises
    ------
    wasteless.errors.InputError
        If either is not a Claim or is a "keeps falling" claim.
    wasteless.errors.UnitsError
        If the two are of different dimensions.

    Examples
    --------
    >>> from wasteless import Q_
    >>> count_2018 = Claim("tyres", "27万条", "270,000 tyres.", Q_(2.7e5, "tyre"), "==",
    ...                    Q_(1e4, "tyre"))
    >>> count_2019 = Claim("tyres", "273万条", "2.73 million tyres.", Q_(2.73e6, "tyre"),
    ...                    "==", Q_(1e4, "tyre"))
    >>> more = Claim("tyres", "超270万条", "More than 2.7 million tyres.", Q_(2.7e6, "tyre"), ">",
    ...              Q_(1e4, "tyre"))
    >>> agree(count_2019, more), agree(count_2018, count_2019), agree(count_2018, more)
    (True, False, False)
    """
    for name, claim in (("first", first), ("second", second)):
        if not isinstance(claim, Claim):
            raise InputError(f"{name} must be a Claim; got {claim!r}")
        if claim.relation == "falling":
            raise InputError(f"{name}: claim {claim.id!r} states no quantity to compare")
    unit = str(first.stated.units)
    low_a, high_a, low_closed_a, high_closed_a = _consistent(first, unit)
    low_b, high_b, low_closed_b, high_closed_b = _consistent(second, unit)
    low = max(low_a, low_b)
    high = min(high_a, high_b)
    low_closed = (low_a != low or low_closed_a) and (low_b != low or low_closed_b)
    high_closed = (high_a != high or high_closed_a) and (high_b != high or high_closed_b)
    return low < high or (low == high and low_closed and high_closed)


SOURCE_QUALITY: tuple[str, ...] = ("P", "S", "W")
"""Quality tags of a :class:`Source` (those of :data:`wasteless.factors.QUALITY_TAGS` that
rate a document); None leaves a document untagged (the one under study)."""


_QUALITY_WORDS = ", ".join(f"{q} {QUALITY_TAGS[q].split(':')[0]}" for q in SOURCE_QUALITY)


def _day_range(text: Any, name: str) -> tuple[datetime.date, datetime.date]:
    """An ISO date (YYYY-MM-DD) or month (YYYY-MM) as its first and last day."""
    check_text(text, name)
    try:
        if len(text) == 7:
            first = datetime.date.fromisoformat(f"{text}-01")
            following = datetime.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - datetime.timedelta(days=1)
        if len(text) == 10:
            day = datetime.date.fromisoformat(text)
            return day, day
    except ValueError:
        pass
    raise InputError(f"{name} must be an ISO date YYYY-MM-DD or month YYYY-MM; got {text!r}")


@dataclass(frozen=True)
class Source:
    """One document that states figures: an article, a report, a reprint.

    Parameters
    ----------
    id
        Identifier, e.g. ``"2019-07-23"``.
    title
        Its title, as printed.
    date
        Publication date, ISO 8601 (``YYYY-MM-DD``).
    figures
        The figures it states, by the id of what they measure (``"tyres"``, ``"area"``,
        …); the same id in two sources means the same quantity.
    url
        Where it was read (``""`` when none is recorded).
    publisher
        Who published it (or the host of a reprint).
    quality
        Its quality tag, one of :data:`SOURCE_QUALITY` (P primary, S secondary, W weak;
        see :data:`wasteless.factors.QUALITY_TAGS`), or None for a document left untagged
        (the document under study).
    quote
        Its wording, as quoted.
    covers
        What its figures cover, in words (period, roads, area).
    period_start, period_end
        First and last day of the period its figures cover, an ISO date or month
        (``"2012-10"``: some day of that month); None when the document does not say.

    Raises
    ------
    wasteless.errors.InputError
        For a bad date, a period that ends before it starts or after the publication
        date, a quality tag not in :data:`SOURCE_QUALITY`, or figures that are not Claims.

    Examples
    --------
    >>> report = Source("2018-11-02", "我国用27万条废轮胎铺出70余条马路受到国际矚目", "2018-11-02",
    ...                 quality="S", period_start="2012-10", period_end="2018-08-31")
    >>> report.tag, report.as_of
    ('[S]', (datetime.date(2018, 8, 31), datetime.date(2018, 8, 31)))
    >>> report.start
    (datetime.date(2012, 10, 1), datetime.date(2012, 10, 31))
    """

    id: str
    title: str
    date: str
    figures: Mapping[str, Claim] = field(default_factory=dict)
    url: str = ""
    publisher: str = ""
    quality: str | None = None
    quote: str = ""
    covers: str = ""
    period_start: str | None = None
    period_end: str | None = None

    def __post_init__(self) -> None:
        for name in ("id", "title", "url", "publisher", "quote", "covers"):
            check_text(getattr(self, name), name)
        if self.quality is not None and (
            not isinstance(self.quality, str) or self.quality not in SOURCE_QUALITY
        ):
            raise InputError(
                f"source {self.id!r}: quality must be one of {list(SOURCE_QUALITY)} "
                f"({_QUALITY_WORDS}) or None (untagged); got {self.quality!r}"
            )
        published = self.published
        start = (
            None if self.period_start is None else _day_range(self.period_start, "period_start")
        )
        end = None if self.period_end is None else _day_range(self.period_end, "period_end")
        if end is not None and end[0] > published:
            raise InputError(
                f"source {self.id!r}: period_end {self.period_end!r} is after its date "
                f"{self.date!r}"
            )
        if start is not None and start[0] > (published if end is None else end[1]):
            raise InputError(
                f"source {self.id!r}: period_start {self.period_start!r} is after the end of "
                "its period"
            )
        if not isinstance(self.figures, Mapping) or not all(
            isinstance(k, str) and isinstance(v, Claim) for k, v in self.figures.items()
        ):
            raise InputError(f"source {self.id!r}: figures must map names to Claims")
        object.__setattr__(self, "figures", MappingProxyType(dict(self.figures)))

    @property
    def published(self) -> datetime.date:
        """The publication date."""
        first, last = _day_range(self.date, "date")
        if first != last:
            raise InputError(f"date must be a day, YYYY-MM-DD; got {self.date!r}")
        return first

    @property
    def tag(self) -> str:
        """The quality tag as printed, e.g. ``"[S]"`` (``""`` when untagged)."""
        return f"[{self.quality}]" if self.quality else ""

    @property
    def start(self) -> tuple[datetime.date, datetime.date] | None:
        """Earliest and latest day the covered period can start; None when not stated."""
        return None if self.period_start is None else _day_range(self.period_start, "period_start")

    @property
    def as_of(self) -> tuple[datetime.date | None, datetime.date]:
        """Earliest and latest day the figures can refer to.

        The end of the covered period when the document states it; otherwise
        ``(None, publication date)``: no later than its publication.
        """
        if self.period_end is None:
            return None, self.published
        return _day_range(self.period_end, "period_end")


@dataclass(frozen=True)
class Verdict(Judgement):
    """The result of checking a claim (a :class:`~wasteless.judgement.Judgement`).

    Attributes
    ----------
    claim
        The claim.
    status
        ``"holds"``, ``"fails"`` or ``"not checkable"``.
    computed
        The computed quantity (a point estimate), or None; also ``value``.
    interval
        ``(low, high)`` of the computation when it carries the rounding of its
        inputs, else ``(computed, computed)``; None when not computed.
    reasoning
        One line: what was computed from what, and why it holds or fails.
    assumptions
        What the computation had to assume.
    basis
        ``"independent"`` (computed from literature factors and measurements only) or
        ``"calibrated"`` (uses a factor solved from a report); see
        :data:`wasteless.judgement.BASES`.
    calibrated_to
        For a calibrated verdict, what the calibration reproduces, e.g. ``"the E-Town
        2019 report"``.
    calibrated_factors
        For a calibrated verdict, the calibrated factors it uses.

    The claim's stated quantity is the ``threshold`` and its relation the ``relation``;
    ``margin`` is ``computed − stated`` in the stated units.
    """

    claim: Claim
    status: str
    computed: Any = None
    interval: tuple[Any, Any] | None = None
    reasoning: str = ""
    assumptions: tuple[str, ...] = field(default_factory=tuple)
    basis: str = "independent"
    calibrated_to: str = ""
    calibrated_factors: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise InputError(f"status must be one of {list(STATUSES)}; got {self.status!r}")
        if self.basis not in BASES:
            raise InputError(f"basis must be one of {list(BASES)}; got {self.basis!r}")
        if self.basis == "calibrated" and not self.calibrated_to:
            raise InputError("a calibrated verdict must say what it is calibrated to")

    @property
    def verdict(self) -> str:
        """The verdict with its basis, never a bare "holds" for a calibrated reproduction.

        ``"holds (independent)"``, ``"fails (independent)"``, ``"reproduced (calibrated
        to …)"``, ``"not reproduced (calibrated to …)"`` or ``"not checkable"``.

        Examples
        --------
        >>> from wasteless import Q_
        >>> c = Claim("x", "", "", Q_(1, "tyre"), ">")
        >>> check(c, Q_(2, "tyre")).verdict
        'holds (independent)'
        """
        if self.status == "not checkable":
            return self.status
        if self.basis == "calibrated":
            word = "reproduced" if self.status == "holds" else "not reproduced"
            return f"{word} (calibrated to {self.calibrated_to})"
        return f"{self.status} (independent)"

    @property
    def holds(self) -> bool | None:
        """True, False, or None when not checkable."""
        return None if self.status == "not checkable" else self.status == "holds"

    @property
    def value(self) -> Any:
        """The computed quantity (``computed``)."""
        return self.computed

    @property
    def threshold(self) -> Any:
        """The stated quantity of the claim."""
        return self.claim.stated

    @property
    def relation(self) -> str:  # type: ignore[override]
        """The claim's relation."""
        return self.claim.relation

    def _title(self) -> str:
        return f"Verdict on {self.claim.id!r}: {self.status}"


def _scalar(quantity: Any, name: str) -> Any:
    """A scalar Quantity (a 0-d array becomes a float), checked finite and real."""
    magnitude = magnitude_in(quantity, str(quantity.units), name)  # finite and real
    if np.ndim(magnitude) != 0:
        raise InputError(f"{name} must be one value; got an array of shape {np.shape(magnitude)}")
    if isinstance(quantity.magnitude, float):
        return quantity
    return type(quantity)(float(magnitude), quantity.units)


def _one(value: Any, unit: str, name: str) -> float:
    magnitude = magnitude_in(value, unit, name)
    if np.ndim(magnitude) != 0:
        raise InputError(f"{name} must be one value; got an array of shape {np.shape(magnitude)}")
    return float(magnitude)


def _magnitudes(values: Sequence[Any], unit: str) -> list[float]:
    return [_one(v, unit, "computed") for v in values]


def _claim(claim: Any) -> Claim:
    if not isinstance(claim, Claim):
        raise InputError(f"claim must be a Claim; got {claim!r}")
    return claim


def _texts(values: Any, name: str) -> tuple[str, ...]:
    """A sequence of strings (not a bare string, which is a sequence of characters)."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise InputError(f"{name} must be a sequence of strings; got {values!r}")
    return tuple(check_text(v, f"{name}[{i}]") for i, v in enumerate(values))


def check(
    claim: Claim,
    computed: Any,
    *,
    estimate: Any = None,
    reasoning: str = "",
    assumptions: Sequence[str] = (),
) -> Verdict:
    """Check a computed quantity (or interval) against a claim.

    Parameters
    ----------
    claim : Claim
        The claim.
    computed : pint.Quantity or (pint.Quantity, pint.Quantity)
        The computed value, or the interval ``(low, high)`` of values consistent with
        the rounding of the inputs.
    estimate : pint.Quantity, optional
        The point estimate to report for an interval (default: its midpoint).
    reasoning : str, optional
        One line on how the value was computed; the verdict's reason is appended.
    assumptions : sequence of str, optional
        What the computation assumed.

    Returns
    -------
    Verdict

    Raises
    ------
    wasteless.errors.InputError
        If the claim is a "falling" claim, the interval is reversed, or a value is
        not finite.
    wasteless.errors.UnitsError
        If the computed units do not fit the stated units.

    Examples
    --------
    >>> from wasteless import Q_
    >>> more = Claim("tyres", "超270万条", "More than 2.7 million tyres.", Q_(2.7e6, "tyre"), ">",
    ...              Q_(1e4, "tyre"))
    >>> check(more, Q_(2.7e6, "tyre")).status  # 超: equal is not more
    'fails'
    >>> reached = Claim("area", "达百万平方米", "Reached a million m².", Q_(1e6, "m**2"), ">=",
    ...                 Q_(1e6, "m**2"))
    >>> check(reached, Q_(1e6, "m**2")).status  # 达: equal is reached
    'holds'
    """
    if _claim(claim).relation == "falling":
        raise InputError(f"claim {claim.id!r} is a 'falling' claim: use check_falling")
    check_text(reasoning, "reasoning")
    assumptions = _texts(assumptions, "assumptions")
    unit = str(claim.stated.units)
    pair = computed if isinstance(computed, tuple) else (computed, computed)
    if len(pair) != 2:
        raise InputError("computed must be a Quantity or a (low, high) pair")
    low, high = _magnitudes(pair, unit)
    if not (math.isfinite(low) and math.isfinite(high)):
        raise InputError(f"claim {claim.id!r}: computed values must be finite")
    if low > high:
        raise InputError(f"claim {claim.id!r}: interval low {low} exceeds high {high}")
    stated = float(claim.stated.magnitude)
    # the midpoint as low/2 + high/2: (low + high) overflows near 1.8e308
    point = _one(estimate, unit, "estimate") if estimate is not None else low / 2 + high / 2
    half = (
        0.0
        if claim.resolution is None
        else float(magnitude_in(claim.resolution, unit, "resolution")) / 2.0
    )
    holds, why = compare(low, high, claim.relation, stated, half)
    status = "holds" if holds else "fails"
    shown_unit = f"{claim.stated.units:~P}"
    text = f"{reasoning}; {why} {shown_unit}" if reasoning else f"{why} {shown_unit}"
    quantity = type(claim.stated)
    interval = (quantity(low, unit), quantity(high, unit))
    return Verdict(
        claim=claim,
        status=status,
        computed=quantity(point, unit),
        interval=interval,
        reasoning=text,
        assumptions=tuple(assumptions),
    )


def check_falling(claim: Claim, values: Any, *, reasoning: str = "") -> Verdict:
    """Check a "keeps falling" claim against a series of values (or say it cannot).

    Parameters
    ----------
    claim : Claim
        A claim with relation ``"falling"``.
    values : pandas.Series or None
        Values in time order (e.g. annual means or 3-year moving means); None when
        there are no data, which gives "not checkable".
    reasoning : str, optional
        One line on where the values come from.

    Returns
    -------
    Verdict
        ``holds`` when every value is strictly below the one before.

    Raises
    ------
    wasteless.errors.InputError
        If the claim is not a "falling" claim, or fewer than two values are given.

    Examples
    --------
    >>> import pandas as pd
    >>> c = Claim("pm25_3yr", "继续下降", "Keeps falling.", None, "falling", kind="target")
    >>> check_falling(c, pd.Series([58.0, 51.0, 42.0])).status
    'holds'
    >>> check_falling(c, None).status
    'not checkable'
    """
    if _claim(claim).relation != "falling":
        raise InputError(f"claim {claim.id!r} is not a 'falling' claim")
    check_text(reasoning, "reasoning")
    if values is None:
        return not_checkable(claim, reasoning or "no values to compare")
    if isinstance(values, pint.Quantity):
        raise InputError("values must be plain numbers in one unit (the magnitudes)")
    if isinstance(values, (str, bytes)):
        raise InputError(f"values must be a sequence of numbers; got {values!r}")
    numbers = getattr(values, "to_numpy", lambda: values)()
    falls, why = falling(numbers)
    return Verdict(
        claim=claim,
        status="holds" if falls else "fails",
        reasoning=f"{reasoning}; {why}" if reasoning else why,
    )


def not_checkable(claim: Claim, reasoning: str, assumptions: Sequence[str] = ()) -> Verdict:
    """A verdict for a claim that cannot be checked (e.g. a target with no data).

    Examples
    --------
    >>> from wasteless import Q_
    >>> c = Claim("reclaimed", "达30%", "Reaches 30 %.", Q_(30, "percent"), ">=", kind="target")
    >>> not_checkable(c, "2020 target; no data").holds is None
    True
    """
    return Verdict(
        claim=_claim(claim),
        status="not checkable",
        reasoning=check_text(reasoning, "reasoning"),
        assumptions=_texts(assumptions, "assumptions"),
    )
