r"""One judgement vocabulary: a value against a threshold, by a relation.

Whether it is an article's claim ("超270万条"), a waste-free-city target ("达30%") or a
limit value ("≤ 35 µg/m³"), wasteless judges the same way: a **value** (a Quantity, or
an interval of values consistent with the rounding of its inputs) stands in a
**relation** to a **threshold**; the judgement **holds** or not; its **margin** is
``value − threshold`` in the threshold's units, with the same sign everywhere (positive
above the threshold). A judgement also says what it rests on, its **basis**:
``"independent"`` (literature factors, measurements) or ``"calibrated"`` (a factor
solved from a report).

Relations (``value relation threshold``; the value is an interval [lo, hi], a point
when lo = hi; ``half`` is half the resolution of a stated threshold):

.. list-table::
   :header-rows: 1

   * - symbol
     - wording
     - holds when
   * - ``>``
     - more than: 超, 超过, 逾
     - hi > threshold
   * - ``>=``
     - at least, reached, kept: 达, 以上, 保持
     - hi >= threshold
   * - ``<``
     - less than: 不足, 不到
     - lo < threshold
   * - ``<=``
     - at most, within a limit: 以下, 不超过
     - lo <= threshold
   * - ``~``
     - about: 约, 近
     - [lo, hi] meets [threshold − half, threshold + half]
   * - ``==``
     - a plain figure, equal at its stated precision
     - [lo, hi] meets [threshold − half, threshold + half)
   * - ``falling``
     - keeps falling: 继续下降
     - every value strictly below the one before

The result types of :mod:`wasteless.claims` (:class:`~wasteless.claims.Verdict`),
:mod:`wasteless.waste` (:class:`~wasteless.waste.Progress`) and
:mod:`wasteless.air.standards` (:class:`~wasteless.air.standards.Compliance`) share the
base :class:`Judgement`.

Examples
--------
>>> compare(2.73e6, 2.73e6, ">", 2.7e6)
(True, '2.73e+06 > 2.7e+06')
>>> compare(46.0, 47.9, "==", 47.0, half=0.5)[0]
True
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from wasteless._validate import check_real
from wasteless.errors import InputError

__all__ = [
    "BASES",
    "COMPARISONS",
    "RELATIONS",
    "RELATION_WORDS",
    "WORD_POSITIONS",
    "Judgement",
    "Relation",
    "compare",
    "falling",
    "relation_name",
]


# The Chinese words that state each relation, where they stand, and whether the relation's
# wording shows them: the one word table (zh's parser reads its words from here).
# where: "before" the number (超过270万), "after" the unit (30万吨以上), or "after-number",
# between number and unit (270万余条).
_WORDS: tuple[tuple[str, str, str, bool], ...] = (
    ("超", ">", "before", True),
    ("超过", ">", "before", True),
    ("逾", ">", "before", True),
    ("多于", ">", "before", False),
    ("高于", ">", "before", False),
    ("大于", ">", "before", False),
    ("余", ">", "after-number", False),
    ("多", ">", "after-number", False),
    ("达", ">=", "before", True),
    ("达到", ">=", "before", True),
    ("以上", ">=", "after", True),
    ("保持", ">=", "before", True),
    ("多达", ">=", "before", False),
    ("至少", ">=", "before", False),
    ("不少于", ">=", "before", False),
    ("不低于", ">=", "before", False),
    ("不小于", ">=", "before", False),
    ("约", "~", "before", True),
    ("近", "~", "before", True),
    ("大约", "~", "before", False),
    ("将近", "~", "before", False),
    ("接近", "~", "before", False),
    ("不足", "<", "before", True),
    ("不到", "<", "before", True),
    ("少于", "<", "before", False),
    ("低于", "<", "before", False),
    ("小于", "<", "before", False),
    ("以下", "<=", "after", True),
    # negated forms, listed so that 不超过 is never read as 不 + 超过
    ("不超过", "<=", "before", True),
    ("不超", "<=", "before", False),
    ("不高于", "<=", "before", False),
    ("不大于", "<=", "before", False),
    ("不多于", "<=", "before", False),
    ("最多", "<=", "before", False),
    ("以内", "<=", "after", False),
    ("继续下降", "falling", "phrase", True),
)

WORD_POSITIONS: tuple[str, ...] = ("before", "after", "after-number", "phrase")
"""Where a relation word stands: before the number, after the unit, between number and
unit, or as a whole phrase (继续下降)."""

RELATION_WORDS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {word: (symbol, where) for word, symbol, where, _ in _WORDS}
)
"""Chinese relation word -> (relation symbol, where it stands; see :data:`WORD_POSITIONS`).

The one table of relation words: :mod:`wasteless.zh` parses with it, and each
:class:`Relation`'s wording shows some of them.
"""


@dataclass(frozen=True)
class Relation:
    """A relation a value can stand in to a threshold.

    Attributes
    ----------
    symbol
        ``">"``, ``">="``, ``"<"``, ``"<="``, ``"~"``, ``"=="`` or ``"falling"``.
    meaning
        What it means, in English.
    words
        The Chinese words that state it, as its wording shows them (from
        :data:`RELATION_WORDS`).
    """

    symbol: str
    meaning: str
    words: tuple[str, ...] = ()

    @property
    def wording(self) -> str:
        """What it means, in English with the Chinese words that state it.

        Examples
        --------
        >>> RELATIONS[">"].wording
        'more than (超/超过/逾)'
        """
        return f"{self.meaning} ({'/'.join(self.words)})" if self.words else self.meaning

    def test(self, low: Any, high: Any, threshold: Any, half: float = 0.0) -> Any:
        """Whether the interval [low, high] satisfies the relation (elementwise on arrays).

        Examples
        --------
        >>> RELATIONS["<="].test(35.0, 35.0, 35.0)
        True
        """
        symbol = self.symbol
        if symbol == ">":
            result = np.greater(high, threshold)
        elif symbol == ">=":
            result = np.greater_equal(high, threshold)
        elif symbol == "<":
            result = np.less(low, threshold)
        elif symbol == "<=":
            result = np.less_equal(low, threshold)
        elif symbol in ("~", "=="):
            top = threshold + half
            upper = np.less(low, top) if symbol == "==" and half > 0 else np.less_equal(low, top)
            result = np.logical_and(upper, np.greater_equal(high, threshold - half))
        else:
            raise InputError(f"relation {symbol!r} compares a series, not a value: use falling()")
        return bool(result) if np.ndim(result) == 0 else result


def _shown(symbol: str) -> tuple[str, ...]:
    """The words a relation's wording shows, in the table's order."""
    return tuple(word for word, s, _, show in _WORDS if s == symbol and show)


_MEANINGS = (
    (">", "more than"),
    (">=", "at least"),
    ("<", "less than"),
    ("<=", "at most"),
    ("~", "about"),
    ("==", "equal at the stated precision"),
    ("falling", "keeps falling"),
)

RELATIONS: Mapping[str, Relation] = MappingProxyType(
    {symbol: Relation(symbol, meaning, _shown(symbol)) for symbol, meaning in _MEANINGS}
)
"""The relations, by symbol: the one relations table of wasteless."""

COMPARISONS: tuple[str, ...] = (">", ">=", "<", "<=", "~", "==")
"""The relations that compare a value with a threshold (all but ``"falling"``)."""

BASES: tuple[str, ...] = ("independent", "calibrated")
"""What a judgement rests on: literature and measurements, or a factor solved from a report."""

_SPELLINGS = MappingProxyType({"≥": ">=", "≤": "<=", "=": "==", "≈": "~"})


def relation_name(
    relation: Any, allowed: tuple[str, ...] = tuple(RELATIONS), argument: str = "relation"
) -> str:
    """The canonical symbol of a relation (``"≥"`` is ``">="``, ``"≈"`` is ``"~"``).

    Raises
    ------
    InputError
        If it is not one of ``allowed``.

    Examples
    --------
    >>> relation_name("≥")
    '>='
    """
    symbol = _SPELLINGS.get(relation, relation) if isinstance(relation, str) else None
    if symbol not in allowed:
        raise InputError(f"{argument} must be one of {list(allowed)}; got {relation!r}")
    return str(symbol)


def compare(
    low: float, high: float, relation: str, threshold: float, half: float = 0.0
) -> tuple[bool, str]:
    """Judge the interval [low, high] against ``threshold``; return (holds, why).

    ``why`` is one line showing the comparison that decided, e.g. ``"2.73e+06 > 2.7e+06"``.

    Examples
    --------
    >>> compare(30.0, 30.0, ">=", 45.0)
    (False, '30 < 45')
    """
    rule = RELATIONS[relation_name(relation, COMPARISONS)]
    low, high = check_real(low, "low"), check_real(high, "high")
    threshold, half = check_real(threshold, "threshold"), check_real(half, "half", 0.0)
    if low > high:
        raise InputError(f"low must be <= high; got the interval [{low!r}, {high!r}]")
    holds = bool(rule.test(low, high, threshold, half))
    symbol = rule.symbol
    if symbol in (">", ">="):
        shown = symbol if holds else {">": "<=", ">=": "<"}[symbol]
        return holds, f"{_fmt(high)} {shown} {_fmt(threshold)}"
    if symbol in ("<", "<="):
        shown = symbol if holds else {"<": ">=", "<=": ">"}[symbol]
        return holds, f"{_fmt(low)} {shown} {_fmt(threshold)}"
    close = ")" if symbol == "==" and half > 0 else "]"
    band = f"[{_fmt(threshold - half)}, {_fmt(threshold + half)}{close}"
    return holds, f"[{_fmt(low)}, {_fmt(high)}] {'meets' if holds else 'misses'} {band}"


def falling(values: Sequence[float]) -> tuple[bool, str]:
    """Whether every value is strictly below the one before; return (holds, why).

    Examples
    --------
    >>> falling([58.0, 51.0, 42.0])
    (True, '58 > 51 > 42')
    """
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InputError(f"values must be a sequence of numbers; got {values!r}")
    numbers = [check_real(v, f"values[{i}]") for i, v in enumerate(values)]
    if len(numbers) < 2:
        raise InputError("a 'keeps falling' judgement needs at least two values")
    holds = all(b < a for a, b in itertools.pairwise(numbers))
    shown = (" > " if holds else ", ").join(_fmt(n) for n in numbers)
    return holds, shown if holds else f"not strictly falling: {shown}"


def _fmt(value: float) -> str:
    if value != 0 and (abs(value) >= 1e5 or abs(value) < 1e-3):
        return f"{value:.4g}"
    return f"{value:.4g}" if abs(value) >= 100 else f"{value:.3f}".rstrip("0").rstrip(".")


class Judgement:
    """Base of every result that judges a value against a threshold.

    Subclasses provide ``value``, ``threshold``, ``relation`` and ``holds`` (True, False,
    or None when it cannot be judged); the base adds ``margin = value − threshold`` (in the
    threshold's units, positive above it), ``basis`` and an HTML view for notebooks.
    """

    value: Any
    threshold: Any
    relation: str
    holds: Any
    basis: str = "independent"

    @property
    def margin(self) -> Any:
        """``value − threshold`` in the threshold's units; None when there is no value."""
        if self.value is None or self.threshold is None:
            return None
        return self.value.to(self.threshold.units) - self.threshold

    def _title(self) -> str:
        return type(self).__name__

    def _rows(self) -> list[tuple[str, Any]]:
        return [
            ("value", self.value),
            ("relation", self.relation),
            ("threshold", self.threshold),
            ("holds", self.holds),
            ("margin (value − threshold)", self.margin),
            ("basis", self.basis),
        ]

    def _repr_html_(self) -> str:
        """A small table for notebooks; every string is HTML-escaped."""
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(str(name))}</th>"
            f"<td style='text-align:left'>{html.escape(_show(value))}</td></tr>"
            for name, value in self._rows()
        )
        return f"<table><caption>{html.escape(self._title())}</caption>{rows}</table>"


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if hasattr(value, "units") and np.ndim(getattr(value, "magnitude", 0)) == 0:
        return f"{value:.4g~P}"
    return str(value)
