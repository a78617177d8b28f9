"""What the treatment models share: their data file and the checks of their parameter records.

The parameter records of :mod:`wasteless.waste.biological_treatment` and
:mod:`wasteless.waste.thermal_treatment` are frozen dataclasses of sourced values (no
formulas): one flat field per factor of ``wasteless/data/ipcc_treatment.toml``, named
as the factor, each a scalar Quantity or a 1-D array of Monte Carlo draws, plus
``name`` and ``sources`` (field -> :class:`~wasteless.factors.Factor`), checked once by
the one base of parameter records, :class:`wasteless.presets.Params`. This module reads
the factors and names the records.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, Generic, TypeVar

from wasteless._data import read_toml
from wasteless.errors import InputError, NotFoundError
from wasteless.factors import Factor
from wasteless.presets import Params
from wasteless.units import FloatArray

__all__ = ["NamedRecords", "TreatmentParams", "resolve", "treatment_factor", "treatment_factors"]

Magnitude = float | FloatArray
Record = TypeVar("Record")


@functools.cache
def treatment_factors() -> Mapping[str, Factor]:
    """Every factor of ``ipcc_treatment.toml``, by key (read once)."""
    records = read_toml("ipcc_treatment.toml")
    return MappingProxyType({key: Factor(key=key, **record) for key, record in records.items()})


def treatment_factor(key: str) -> Factor:
    """The factor record ``key`` of ``ipcc_treatment.toml``."""
    table = treatment_factors()
    if key not in table:  # pragma: no cover - the records name only keys of the file
        raise NotFoundError(f"no treatment factor {key!r}")
    return table[key]


class TreatmentParams(Params):
    """The base of the treatment models' records: :class:`wasteless.presets.Params`.

    Every check, the provenance and the Monte Carlo draws are the one base's; this class
    only names what the two treatment models share.
    """


def resolve(params: Any, kind: type, table: Mapping[str, Any], argument: str = "params") -> Any:
    """A parameter record: ``params`` itself, or the named record of ``table``."""
    if isinstance(params, kind):
        return params
    if isinstance(params, str) and params in table:
        return table[params]
    if isinstance(params, str):
        raise NotFoundError(
            f"{argument} must be a {kind.__name__} or one of {', '.join(map(repr, table))}; "
            f"got {params!r}"
        )
    raise InputError(
        f"{argument} must be a {kind.__name__} or one of {', '.join(map(repr, table))}; "
        f"got {type(params).__name__}"
    )


class NamedRecords(Mapping[str, Record], Generic[Record]):
    """Named parameter records, read-only, each built from the data file on first use.

    Building a record checks every field (for incineration, 56 of them, about 20 ms), so
    importing a model module does not: the first call that needs a record does, once.
    """

    def __init__(self, builders: Mapping[str, Callable[[], Record]]) -> None:
        self._builders = dict(builders)
        self._built: dict[str, Record] = {}

    def __getitem__(self, name: str) -> Record:
        if name not in self._built:
            self._built[name] = self._builders[name]()  # a KeyError for an unknown name
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._builders)

    def __len__(self) -> int:
        return len(self._builders)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self._builders

    def __repr__(self) -> str:
        return f"<{', '.join(map(repr, self._builders))}>"
