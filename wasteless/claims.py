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

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pint

from wasteless import _deprecate
from wasteless._validate import check_text, check_whole
from wasteless.errors import InputError
from wasteless.judgement import BASES, Judgement, compare, falling
from wasteless.judgement import RELATIONS as _RELATIONS
from wasteless.units import magnitude_in

__all__ = [
    "STATUSES",
    "Claim",
    "Verdict",
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
