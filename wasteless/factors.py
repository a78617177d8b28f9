"""Default factors as records: value, unit, plausible range, source and quality tag.

Every number a model uses by default comes from here, and every record here comes
from the project's factor sheet (``reference/factors.md``), which cites the original
document. The records live in ``wasteless/data/factors.toml`` and are read once, on
first use.

Quality tags: ``P`` primary (standard, agency text, peer-reviewed paper), ``S``
secondary (news reprint, trade press), ``W`` weak (forum, code comment), ``A`` a
labelled assumption; ``derived`` marks a value computed from the cited inputs, with
the arithmetic in ``note``; ``C`` marks a value calibrated to reproduce a report.

Examples
--------
>>> from wasteless import factors
>>> f = factors.get("crumb_rubber_fraction")
>>> f.quantity
<Quantity(20.0, 'percent')>
>>> f.tag
'[P]'
>>> factors.get("co2_per_tce").tag
'[P] (D)'
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from wasteless._data import read_toml
from wasteless._validate import check_flag, check_real, check_text
from wasteless.errors import InputError, NotFoundError
from wasteless.units import parse_units, quantity

__all__ = ["DISTRIBUTIONS", "QUALITY_TAGS", "Factor", "all_factors", "get", "to_frame"]

DISTRIBUTIONS: Mapping[str, str] = MappingProxyType(
    {
        "fixed": "a single value (no range, a reported total, or calibrated/user-supplied)",
        "uniform": "every value in [low, high] equally plausible",
        "triangular": "the default value is the mode; low and high the ends",
        "loguniform": "uniform in the logarithm over [low, high] (over orders of magnitude)",
    }
)
"""Distributions a factor record can carry over its range, and what each means."""

QUALITY_TAGS: Mapping[str, str] = {
    "P": "primary: standard, agency text or peer-reviewed paper",
    "S": "secondary: news reprint, trade press, encyclopaedia-style page",
    "W": "weak: forum, spam-mirror domain, code comment or test fixture",
    "A": "assumption: no source; a labelled choice the user should review",
    "C": "calibrated: solved so that a preset reproduces a reported total; not measured",
    "U": "user-supplied: a value given by the caller",
}
"""Quality tags of :class:`Factor` records and what each means."""


@dataclass(frozen=True)
class Factor:
    """A sourced default value with its plausible range.

    Parameters
    ----------
    key
        Identifier, e.g. ``"crumb_rubber_fraction"``.
    value
        The default, in ``unit``.
    unit
        Unit of ``value``, ``low`` and ``high`` (any pint unit string).
    low, high
        Plausible range, in ``unit``.
    source
        The document the value comes from.
    quality
        One of :data:`QUALITY_TAGS`.
    derived
        True when computed from the cited inputs (arithmetic in ``note``).
    note
        Meaning, arithmetic and caveats.
    url
        Where the source was found (as recorded; not re-checked).
    section
        Section of the project's factor sheet that holds the record.
    distribution
        How the value varies over its range in :mod:`wasteless.uncertainty`: one of
        :data:`DISTRIBUTIONS`. ``"fixed"`` (the default for records made in code) is
        a single value; calibrated and user-supplied values are always fixed.
    distribution_note
        The one-line reason for that choice.

    Examples
    --------
    >>> f = Factor("lane_width", 12.0, "ft", 10.0, 12.0, "assumed", "A", note="US lane")
    >>> f.quantity.to("m"), f.tag
    (<Quantity(3.6576, 'meter')>, '[A]')
    """

    key: str
    value: float
    unit: str
    low: float
    high: float
    source: str
    quality: str
    derived: bool = False
    note: str = ""
    url: str = ""
    section: str = ""
    distribution: str = "fixed"
    distribution_note: str = ""

    def __post_init__(self) -> None:
        for name in ("key", "unit", "source", "note", "url", "section", "distribution_note"):
            check_text(getattr(self, name), name)
        parse_units(self.unit, "unit")
        for name in ("value", "low", "high"):
            object.__setattr__(self, name, check_real(getattr(self, name), name))
        object.__setattr__(self, "derived", check_flag(self.derived, "derived"))
        if not isinstance(self.quality, str) or self.quality not in QUALITY_TAGS:
            raise InputError(
                f"quality of factor {self.key!r} must be one of {sorted(QUALITY_TAGS)}; "
                f"got {self.quality!r}"
            )
        if not self.low <= self.value <= self.high:
            raise InputError(
                f"factor {self.key!r}: value {self.value} is outside its range "
                f"[{self.low}, {self.high}] {self.unit}"
            )
        if not isinstance(self.distribution, str) or self.distribution not in DISTRIBUTIONS:
            raise InputError(
                f"distribution of factor {self.key!r} must be one of {list(DISTRIBUTIONS)}; "
                f"got {self.distribution!r}"
            )
        if self.distribution != "fixed" and not self.low < self.high:
            raise InputError(
                f"factor {self.key!r}: a {self.distribution} distribution needs low < high; "
                f"got [{self.low}, {self.high}] (use distribution='fixed')"
            )
        if self.distribution == "loguniform" and not self.low > 0:
            raise InputError(f"factor {self.key!r}: a loguniform distribution needs low > 0")
        if self.quality in ("C", "U") and self.distribution != "fixed":
            raise InputError(
                f"factor {self.key!r}: calibrated and user-supplied values are fixed points"
            )

    @property
    def quantity(self) -> Any:
        """The value as a pint Quantity."""
        return quantity(self.value, self.unit)

    @property
    def range(self) -> tuple[Any, Any]:
        """The plausible range ``(low, high)`` as pint Quantities."""
        return quantity(self.low, self.unit), quantity(self.high, self.unit)

    @property
    def tag(self) -> str:
        """The quality tag as printed in the docs, e.g. ``"[S] (D)"``."""
        return f"[{self.quality}]" + (" (D)" if self.derived else "")

    @classmethod
    def user(cls, key: str, quantity: Any) -> Factor:
        """Record a value supplied by the caller (quality ``U``, no range).

        Examples
        --------
        >>> from wasteless import Q_
        >>> Factor.user("layer_thickness", Q_(30, "mm")).tag
        '[U]'
        """
        value = float(quantity.magnitude)
        return cls(
            key=key,
            value=value,
            unit=str(quantity.units),
            low=value,
            high=value,
            source="supplied by the caller",
            quality="U",
        )


@functools.cache
def all_factors() -> Mapping[str, Factor]:
    """Return every default factor, keyed by name (read once from the package data).

    Examples
    --------
    >>> "pte_mass" in all_factors()
    True
    """
    records = read_toml("factors.toml")
    return MappingProxyType({key: Factor(key=key, **record) for key, record in records.items()})


def get(key: str) -> Factor:
    """Return the factor called ``key``.

    Raises
    ------
    wasteless.errors.NotFoundError
        If there is no such factor (also a ``KeyError``); the message lists the known keys.

    Examples
    --------
    >>> get("pte_mass").quantity.to("kg")
    <Quantity(9.0718474, 'kilogram')>
    """
    table = all_factors()
    if isinstance(key, str) and key in table:
        return table[key]
    raise NotFoundError(f"no factor {key!r}; known factors: {', '.join(sorted(table))}")


def to_frame() -> Any:
    """Return the factors table as a pandas DataFrame (one row per factor).

    Columns: ``value``, ``unit``, ``low``, ``high``, ``quality``, ``tag``,
    ``source``, ``url``, ``note``, ``section``, ``distribution``, ``distribution_note``.

    Examples
    --------
    >>> row = to_frame().loc["crumb_rubber_fraction"]
    >>> print(row["value"], row["unit"], row["tag"])
    20.0 percent [P]
    """
    import pandas as pd

    rows = [
        {
            "key": f.key,
            "value": f.value,
            "unit": f.unit,
            "low": f.low,
            "high": f.high,
            "quality": f.quality,
            "tag": f.tag,
            "source": f.source,
            "url": f.url,
            "note": f.note,
            "section": f.section,
            "distribution": f.distribution,
            "distribution_note": f.distribution_note,
        }
        for f in all_factors().values()
    ]
    return pd.DataFrame(rows).set_index("key")
