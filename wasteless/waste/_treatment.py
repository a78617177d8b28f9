"""What the treatment models share: their data file and the checks of their parameter records.

The parameter records of :mod:`wasteless.waste.biological_treatment` and
:mod:`wasteless.waste.thermal_treatment` are frozen dataclasses of sourced values (no
formulas): one flat field per factor of ``wasteless/data/ipcc_treatment.toml``, named
as the factor, each a scalar Quantity or a 1-D array of Monte Carlo draws, plus
``name`` and ``sources`` (field -> :class:`~wasteless.factors.Factor`). This module
reads the factors and checks a record once, when it is made (also by
:func:`dataclasses.replace`), so that the models read plain floats.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, ClassVar, Generic, TypeVar

import numpy as np

from wasteless._data import read_toml
from wasteless.errors import InputError, NotFoundError
from wasteless.factors import Factor
from wasteless.units import RATIO, FloatArray, as_fraction, magnitude_in, quantity

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


def _stored(value: Any, unit: str, key: str) -> tuple[Any, Magnitude]:
    """The value to keep (a Quantity, a float magnitude for scalars) and its magnitude."""
    if unit == RATIO:
        number = as_fraction(value, key)
        units = getattr(value, "units", "dimensionless")
    else:
        number = magnitude_in(value, unit, key)
        units = value.units if hasattr(value, "units") else unit
        if np.any(np.asarray(number) < 0.0):
            raise InputError(f"{key} must be >= 0; got {value!r}")
    if np.ndim(number) > 1 or np.size(number) == 0:
        raise InputError(
            f"{key} must be a scalar or 1-D with one value per Monte Carlo draw; got shape "
            f"{np.shape(number)}"
        )
    if np.ndim(number) == 0:
        magnitude = getattr(value, "magnitude", value)
        return quantity(float(np.asarray(magnitude)), units), float(number)
    array = np.array(number, dtype=np.float64)
    array.flags.writeable = False
    given = np.array(np.asarray(getattr(value, "magnitude", value)), dtype=np.float64)
    given.flags.writeable = False
    return quantity(given, units), array


def _same(a: Any, b: Any, unit: str) -> bool:
    if unit == RATIO:
        return math.isclose(float(as_fraction(a)), float(as_fraction(b)), rel_tol=1e-12)
    return math.isclose(float(magnitude_in(a, unit)), float(magnitude_in(b, unit)), rel_tol=1e-12)


class TreatmentParams:
    """Validation and provenance shared by the treatment parameter records.

    Subclasses are frozen dataclasses whose fields are listed in ``_units`` (field ->
    unit the models read it in, or :data:`~wasteless.units.RATIO` for a fraction).
    A field given a :class:`~wasteless.factors.Factor` takes its value and records it
    as the field's source; a field given another value than its recorded source is
    recorded as user-supplied (``[U]``); a field given one value per Monte Carlo draw
    keeps the record its distribution came from.
    """

    _units: ClassVar[Mapping[str, str]] = {}
    name: str
    sources: Mapping[str, Factor]

    def __post_init__(self) -> None:
        if not isinstance(self.name, str):
            raise InputError(f"name must be a str; got {self.name!r}")
        if not isinstance(self.sources, Mapping) or not all(
            isinstance(f, Factor) for f in self.sources.values()
        ):
            raise InputError("sources must be a mapping of field name to Factor")
        sources = dict(self.sources)
        values: dict[str, Magnitude] = {}
        sizes = set()
        for key, unit in self._units.items():
            value = getattr(self, key)
            if isinstance(value, Factor):
                sources[key] = value
                value = value.quantity
            kept, number = _stored(value, unit, key)
            object.__setattr__(self, key, kept)
            values[key] = number
            if np.ndim(number) == 1:
                sizes.add(np.size(number))
                continue  # one value per draw: the record is the distribution's source
            recorded = sources.get(key)
            if recorded is None or not _same(recorded.quantity, kept, unit):
                sources[key] = Factor.user(key, kept)
        if len(sizes) > 1:
            raise InputError(
                f"{type(self).__name__}: array-valued parameters must have one length (one "
                f"value per draw); got lengths {sorted(sizes)}"
            )
        object.__setattr__(self, "sources", MappingProxyType(sources))
        object.__setattr__(self, "_values", MappingProxyType(values))
        object.__setattr__(self, "_n", sizes.pop() if sizes else None)

    @property
    def n_draws(self) -> int | None:
        """The number of values per parameter when they hold Monte Carlo draws, else None."""
        n: int | None = self.__dict__["_n"]
        return n

    def __repr__(self) -> str:
        draws = f", {self.n_draws} draws" if self.n_draws else ""
        return f"<{type(self).__name__} {self.name!r}{draws}>"

    def as_dict(self) -> dict[str, Any]:
        """Return each parameter as a Quantity, keyed by field name (= factor key)."""
        return {key: getattr(self, key) for key in self._units}

    def magnitudes(self, keys: tuple[str, ...], n: int | None) -> FloatArray:
        """The magnitudes of ``keys`` stacked: shape (len(keys),), or (len(keys), n) with draws.

        A fixed parameter is repeated for every draw (a broadcast view, no copy per draw).
        """
        values: Mapping[str, Magnitude] = self.__dict__["_values"]
        if n is None:
            return np.array([values[key] for key in keys], dtype=np.float64)
        return np.stack([np.broadcast_to(values[key], (n,)) for key in keys])

    def magnitude(self, key: str) -> Magnitude:
        """The magnitude of one parameter, in the unit of ``_units`` (float, or per draw)."""
        values: Mapping[str, Magnitude] = self.__dict__["_values"]
        return values[key]


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
