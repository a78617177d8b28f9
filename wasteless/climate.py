r"""Greenhouse gases by name, GWP-100 sets, and CO₂-equivalents that cannot add by accident.

A waste model returns several gases: fossil and biogenic CO₂, methane, nitrous oxide.
Each is a *mass*, and pint would happily add 1 t of CH₄ to 1 t of CO₂ and report 2 t
of something. This module makes that impossible without saying how: a GWP set.

**Decision: gases are labelled, not new pint dimensions.** A mass of CH₄ is a mass, so
every pint conversion (kg, t, Gg, 万 t) and every function of the library that takes a
mass keeps working on it, and a landfill or composting kernel computes on plain float
arrays in tonnes. The gas lives on the *record* that holds the masses, an
:class:`Emissions` (a read-only mapping gas name → mass Quantity). The alternative, one
pint dimension per gas (``[CH4]``), would make a gas mass incompatible with every
mass-taking function (a per-capita rate, an intensity, a unit conversion to 万 t) unless
each learnt five more dimensions; a tidy table could not hold CH₄ and CO₂ rows in one
``value`` column (a pint-pandas column has one unit); and the units would exist only in
the registry that defines them, not in a user's own or in a file read elsewhere. The
price of labels: a value taken *out* of a record is a plain mass, and what a caller
then adds is theirs to answer for. The record itself offers no way to do it:

* ``Emissions + Emissions`` and ``-`` work gas by gas (a gas missing on one side counts
  as zero; a difference may be negative), and ``number * Emissions`` scales; adding a
  Quantity, a number or anything else is a ``TypeError``;
* there is no ``.total``, ``sum(emissions)`` raises (it would add gas *names*), and
  NumPy refuses to turn a record into an array;
* the only operation that sums unlike gases is :func:`co2e` (also
  :meth:`Emissions.co2e`), which needs a GWP set, by name.

Gases (:data:`GASES`):

==============  ==============================  ==============================================
gas             counted in CO₂e as              meaning
==============  ==============================  ==============================================
CO2             1 (by definition)               fossil CO₂ (plastics, synthetic textiles burned)
CO2_biogenic    never: reported apart           CO₂ from biomass carbon (food, paper, wood);
                                                IPCC 2006 Vol. 5 Ch. 5: an information item,
                                                not part of the inventory total
CH4             the set's (non-fossil) CH₄      methane of waste (landfill, composting,
                                                digestion, burning): biogenic carbon
CH4_fossil      the set's fossil CH₄            methane whose carbon is fossil
N2O             the set's N₂O                   nitrous oxide
==============  ==============================  ==============================================

GWP-100 sets (``wasteless/data/gwp.toml``, each value with its carrier and quality tag,
from the project's IPCC sheet §6; names are case-insensitive):

========  =====  ==========  =====  ======================================================
set       CH4    CH4_fossil  N2O    source
========  =====  ==========  =====  ======================================================
AR4       25     25          298    AR4 (2007), GHG Protocol table Feb 2016 [S]
AR5       28     28          265    AR5 WG1 Table 8.7, no climate-carbon feedback [S]
AR5-CCF   34     34          298    AR5 WG1 Tables 8.7/8.SM.16, with feedbacks [S]
AR6       27.9   27.9        273    AR6 WG1 Table 7.SM.7, one CH₄ value [S]
AR6-GHGP  27.0   29.8        273    GHG Protocol table Aug 2024 (AR6 Table 7.15) [W]
========  =====  ==========  =====  ======================================================

A set with one methane value applies it to ``CH4`` and ``CH4_fossil``. The carriers
disagree on AR6 non-fossil methane (27.9 in Table 7.SM.7, 27.0 in the GHG Protocol
table); both ship, keyed by source (records ``AR6_7SM7`` and ``GHGP_2024_nonfossil``).
Which set a Paris Agreement inventory must use (decision 18/CMA.1) is not confirmed by
the sheet; state the set with every CO₂e you publish.

Examples
--------
>>> from wasteless import Q_
>>> from wasteless.climate import Emissions, co2e
>>> compost = Emissions({"CH4": Q_(4.0, "t"), "N2O": Q_(0.3, "t")})
>>> compost
Emissions(CH4=4.0 t, N2O=0.3 t)
>>> co2e(compost, gwp="AR6")  # 4 x 27.9 + 0.3 x 273
<Quantity(193.5, 'metric_ton')>
>>> compost + Emissions({"CO2": Q_(10, "t")})
Emissions(CO2=10.0 t, CH4=4.0 t, N2O=0.3 t)
>>> Emissions({"CO2": Q_(10, "t")}) + compost["CH4"]
Traceback (most recent call last):
...
TypeError: an Emissions record adds to and subtracts only another Emissions record ...
"""

from __future__ import annotations

import difflib
import functools
import math
import numbers
from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd
import pint.compat

from wasteless._data import read_toml
from wasteless._validate import check_text
from wasteless.errors import InputError, NotFoundError, UnitsError
from wasteless.factors import Factor
from wasteless.units import (
    ARRAY,
    FRAME,
    MAPPING,
    SCALAR,
    SERIES,
    FloatArray,
    Measured,
    magnitude_in,
    parse_units,
    pint_series,
    quantity,
    unit_function,
    ureg,
    wrap,
)

__all__ = [
    "GASES",
    "GAS_NAMES",
    "Emissions",
    "GWPSet",
    "co2e",
    "gwp_set",
    "gwp_sets",
]

GAS_NAMES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "CO2": ("二氧化碳（化石源）", "carbon dioxide, fossil"),
        "CO2_biogenic": ("二氧化碳（生物源）", "carbon dioxide, biogenic (not counted)"),
        "CH4": ("甲烷（非化石源）", "methane, non-fossil (biogenic)"),
        "CH4_fossil": ("甲烷（化石源）", "methane, fossil"),
        "N2O": ("氧化亚氮", "nitrous oxide"),
    }
)
"""The gas names: gas -> (Chinese, English)."""

GASES: tuple[str, ...] = tuple(GAS_NAMES)
"""The gas names, in the order records and tables use them."""

_MASS = "t"  # every Emissions value is kept in tonnes
_MASS_DIMENSION = ureg.Unit(_MASS).dimensionality


def _check_gas(value: Any, argument: str) -> str:
    """``value`` if it is a gas name, else a NotFoundError naming the closest."""
    if isinstance(value, str) and value in GAS_NAMES:
        return value
    shown = ", ".join(repr(g) for g in GASES)
    hint = ""
    if isinstance(value, str):
        by_case = {g.lower(): g for g in GASES}
        close = (
            [by_case[value.lower()]]
            if value.lower() in by_case
            else difflib.get_close_matches(value, GASES, n=2)
        )
        if close:
            hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)"
    raise NotFoundError(f"{argument}: gas must be one of {shown}; got {value!r}{hint}")


# --- GWP sets ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GWPSet:
    """A set of 100-year global warming potentials, one sourced record per gas.

    Parameters
    ----------
    name
        The set's name, e.g. ``"AR6"``.
    title
        What the set is and where it comes from.
    factors
        Gas name -> :class:`~wasteless.factors.Factor` (dimensionless, kg CO₂e per kg
        of gas): ``CO2`` (1, by definition), ``CH4``, ``N2O`` and, when the set
        separates fossil methane, ``CH4_fossil``.

    Examples
    --------
    >>> s = gwp_set("AR6-GHGP")
    >>> s.weights["CH4"], s.weights["CH4_fossil"], s.weights["CO2_biogenic"]
    (27.0, 29.8, 0.0)
    >>> s.factors["CH4"].key, s.factors["CH4"].tag
    ('GHGP_2024_nonfossil', '[W]')
    """

    name: str
    title: str
    factors: Mapping[str, Factor] = field(repr=False)

    def __post_init__(self) -> None:
        check_text(self.name, "name")
        check_text(self.title, "title")
        if not isinstance(self.factors, Mapping) or not all(
            isinstance(f, Factor) for f in self.factors.values()
        ):
            raise InputError("factors must be a mapping of gas name to Factor")
        for gas in self.factors:
            _check_gas(gas, "factors")
        missing = {"CO2", "CH4", "N2O"} - set(self.factors)
        if missing:
            raise InputError(f"GWP set {self.name!r} lacks {sorted(missing)}")
        if "CO2_biogenic" in self.factors:
            raise InputError("biogenic CO2 is never counted in CO2e: it has no GWP in a set")
        for gas, record in self.factors.items():
            if str(parse_units(record.unit)) != "dimensionless" or not record.value >= 0:
                raise InputError(f"the GWP of {gas} must be a dimensionless number >= 0")
        object.__setattr__(self, "factors", MappingProxyType(dict(self.factors)))

    @property
    def weights(self) -> Mapping[str, float]:
        """Gas -> the weight :func:`co2e` gives a tonne of it (``CO2_biogenic``: 0)."""
        f = self.factors
        return MappingProxyType(
            {
                "CO2": f["CO2"].value,
                "CO2_biogenic": 0.0,  # IPCC 2006 Vol. 5 Ch. 5: reported, not counted
                "CH4": f["CH4"].value,
                "CH4_fossil": f.get("CH4_fossil", f["CH4"]).value,
                "N2O": f["N2O"].value,
            }
        )

    @property
    def fossil_methane_apart(self) -> bool:
        """True when the set gives fossil methane its own value."""
        return "CH4_fossil" in self.factors


@functools.cache
def _all_sets() -> Mapping[str, GWPSet]:
    data = read_toml("gwp.toml")
    reference = Factor(**data["reference"]["CO2"])
    sets = {}
    for name, table in data["sets"].items():
        records = {gas: Factor(**record) for gas, record in table["gases"].items()}
        sets[name] = GWPSet(name, table["title"], {"CO2": reference, **records})
    return MappingProxyType(sets)


def gwp_sets() -> Mapping[str, GWPSet]:
    """Every GWP-100 set shipped with wasteless, by name (read once from ``gwp.toml``).

    Returns
    -------
    Mapping
        Set name -> :class:`GWPSet`, read-only.

    See Also
    --------
    gwp_set : one set by name (case-insensitive).

    Examples
    --------
    >>> list(gwp_sets())
    ['AR4', 'AR5', 'AR5-CCF', 'AR6', 'AR6-GHGP']
    """
    return _all_sets()


def _gwp(value: Any, argument: str) -> GWPSet:
    if isinstance(value, GWPSet):
        return value
    sets = _all_sets()
    if isinstance(value, str):
        by_upper = {name.upper(): name for name in sets}
        if value.upper() in by_upper:
            return sets[by_upper[value.upper()]]
    shown = ", ".join(repr(name) for name in sets)
    close = (
        difflib.get_close_matches(value.upper(), list(sets), n=2) if isinstance(value, str) else []
    )
    hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
    raise NotFoundError(
        f"{argument} must be a GWPSet or the name of one of the GWP-100 sets {shown} "
        f"(case-insensitive); got {value!r}{hint}"
    )


def gwp_set(name: str = "AR6") -> GWPSet:
    """The GWP-100 set called ``name`` (case-insensitive).

    Parameters
    ----------
    name : str, optional
        ``"AR4"``, ``"AR5"``, ``"AR5-CCF"``, ``"AR6"`` (default; Table 7.SM.7, one
        methane value) or ``"AR6-GHGP"`` (fossil and non-fossil methane apart).

    Returns
    -------
    GWPSet

    Raises
    ------
    wasteless.errors.NotFoundError
        If there is no such set; the message lists the sets.

    Examples
    --------
    >>> gwp_set("ar5").weights["N2O"]
    265.0
    >>> gwp_set("AR7")
    Traceback (most recent call last):
    ...
    wasteless.errors.NotFoundError: name must be a GWPSet or the name of one of the GWP-100 ...
    """
    return _gwp(name, "name")


# --- the gas-labelled record -----------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Value:
    """One gas of a record: magnitudes in tonnes, and the index of a Series."""

    magnitude: float | FloatArray
    index: pd.Index | None = None
    name: Hashable = None

    @property
    def shape(self) -> tuple[int, ...]:
        return np.shape(self.magnitude)

    def quantity(self) -> Any:
        if self.index is not None:
            return pint_series(self.magnitude, _MASS, self.index, self.name)
        return quantity(self.magnitude, _MASS)

    def scaled(self, factor: float) -> _Value:
        return _Value(_frozen(self.magnitude * factor), self.index, self.name)


def _frozen(magnitude: Any) -> float | FloatArray:
    """A float, or a read-only float64 array that the record alone holds."""
    if np.ndim(magnitude) == 0:
        return float(magnitude)
    array = np.array(magnitude, dtype=np.float64)  # a copy: the caller's array stays theirs
    array.flags.writeable = False
    return array


def _mass_value(value: Any, argument: str) -> _Value:
    if isinstance(value, pd.DataFrame):
        raise InputError(
            f"{argument} must be one mass Quantity or a pint Series; got a DataFrame "
            "(give one gas per key)"
        )
    magnitude = magnitude_in(value, _MASS, argument)  # units, dimension, finite, real
    if isinstance(value, pd.Series):
        return _Value(_frozen(np.atleast_1d(magnitude)), value.index, value.name)
    return _Value(_frozen(magnitude))


def _check_together(values: Mapping[str, _Value], argument: str) -> None:
    """The gases of one record must be of one shape (or scalars), one index."""
    indexes = [(gas, v.index) for gas, v in values.items() if v.index is not None]
    for gas, index in indexes[1:]:
        if not index.equals(indexes[0][1]):
            raise InputError(
                f"{argument}: the Series of {indexes[0][0]} and {gas} have different indexes; "
                "align them first (wasteless does not match rows by position)"
            )
    shapes = {gas: v.shape for gas, v in values.items() if v.shape != ()}
    try:
        np.broadcast_shapes(*shapes.values())
    except ValueError:
        raise InputError(
            f"{argument}: the gases' arrays do not broadcast together ({shapes}); give arrays "
            "of one shape, or scalars"
        ) from None
    if indexes:
        length = len(indexes[0][1])
        wrong = {gas: shape for gas, shape in shapes.items() if shape != (length,)}
        if wrong:
            raise InputError(
                f"{argument}: with a Series of {length} rows every other gas must be a scalar, "
                f"a Series on the same index or an array of {length}; got shapes {wrong}"
            )


def _not_a_number(value: Any) -> bool:
    return isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real)


class Emissions(Mapping[str, Any]):
    """Masses of greenhouse gases, each labelled with its gas: a read-only mapping.

    The record a waste model returns (see the module docstring for why gases are
    labels, not pint dimensions). Values are masses in tonnes: scalar Quantities,
    array Quantities (e.g. one value per Monte Carlo draw) or pint-pandas Series (e.g.
    one value per year), all of one shape and index. Gases keep the order of
    :data:`GASES`.

    ``a + b`` and ``a - b`` combine two records gas by gas (a gas missing on one side
    counts as zero; a difference, such as emissions avoided, may be negative);
    ``2 * a`` scales every gas. Nothing else adds to a record, and nothing adds unlike
    gases except :meth:`co2e`, which needs a GWP set.

    Parameters
    ----------
    gases : Mapping
        Gas name (one of :data:`GASES`) -> mass Quantity or pint Series [mass]; at
        least one gas. Negative values are allowed (differences); NaN and infinities
        are not.

    Raises
    ------
    wasteless.errors.NotFoundError
        For a gas name that is not one of :data:`GASES` (the closest is named).
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError
        For a bare number or a value that is not a mass.
    wasteless.errors.InputError
        For an empty mapping, NaN or infinite values, or gases whose shapes or Series
        indexes differ.

    See Also
    --------
    co2e : the one way to add unlike gases.

    Notes
    -----
    Biogenic CO₂ (``CO2_biogenic``) is carried so that it can be *reported*, as the
    IPCC Guidelines ask (2006 Vol. 5 Ch. 5: CO₂ from biomass carbon is an information
    item); :func:`co2e` never counts it.

    Examples
    --------
    >>> from wasteless import Q_
    >>> a = Emissions({"CH4": Q_(2, "t"), "N2O": Q_(100, "kg")})
    >>> b = Emissions({"CH4": Q_(500, "kg"), "CO2": Q_(3, "t")})
    >>> a - b
    Emissions(CO2=-3.0 t, CH4=1.5 t, N2O=0.1 t)
    >>> 2 * a
    Emissions(CH4=4.0 t, N2O=0.2 t)
    >>> sum(a)
    Traceback (most recent call last):
    ...
    TypeError: unsupported operand type(s) for +: 'int' and 'str'
    """

    __slots__ = ("_values",)
    __array_ufunc__ = None  # NumPy defers to the record, which refuses
    __hash__ = None  # type: ignore[assignment]

    _values: Mapping[str, _Value]

    def __init__(self, gases: Mapping[str, Any]) -> None:
        if isinstance(gases, Emissions):
            object.__setattr__(self, "_values", gases._values)
            return
        if not isinstance(gases, Mapping):
            raise InputError(
                f"gases must be a mapping of gas name ({', '.join(GASES)}) to a mass "
                f"Quantity, e.g. {{'CH4': Q_(4, 't')}}; got {type(gases).__name__}"
            )
        if not gases:
            raise InputError("gases must hold at least one gas; got an empty mapping")
        parsed = {
            _check_gas(gas, "gases"): _mass_value(value, f"gases[{gas!r}]")
            for gas, value in gases.items()
        }
        self._set(parsed, "gases")

    def _set(self, values: Mapping[str, _Value], argument: str) -> None:
        _check_together(values, argument)
        for value in values.values():
            if isinstance(value.magnitude, np.ndarray):
                value.magnitude.flags.writeable = False  # the record's own copy (unpickled)
        ordered = {gas: values[gas] for gas in GASES if gas in values}
        object.__setattr__(self, "_values", MappingProxyType(ordered))

    @classmethod
    def _of(cls, values: Mapping[str, _Value], argument: str) -> Emissions:
        record = cls.__new__(cls)
        record._set(values, argument)
        return record

    def __reduce__(self) -> tuple[Any, ...]:
        # pickle and copy (e.g. to dask workers): rebuilt from its gases, unchanged
        return (Emissions._of, (dict(self._values), "gases"))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("an Emissions record is read-only; combine records with + and -")

    # --- the mapping ---------------------------------------------------------------------

    def __getitem__(self, gas: str) -> Any:
        value = self._values.get(gas) if isinstance(gas, str) else None
        if value is None:
            _check_gas(gas, "gas")
            raise NotFoundError(f"this record holds no {gas}; it holds {', '.join(self._values)}")
        return value.quantity()

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        parts = []
        for gas, value in self._values.items():
            if value.index is not None:
                shown = f"<Series of {len(value.index)}> t"
            elif isinstance(value.magnitude, np.ndarray):
                shown = f"<array of shape {value.shape}> t"
            else:
                shown = f"{value.magnitude!r} t"
            parts.append(f"{gas}={shown}")
        return f"Emissions({', '.join(parts)})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Emissions):
            return NotImplemented
        if list(self._values) != list(other._values):
            return False
        for gas, mine in self._values.items():
            theirs = other._values[gas]
            if (mine.index is None) != (theirs.index is None):
                return False
            if mine.index is not None and not mine.index.equals(theirs.index):
                return False
            if not np.array_equal(mine.magnitude, theirs.magnitude):
                return False
        return True

    def __array__(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError(
            "an Emissions record is not an array: its gases cannot be summed without a GWP; "
            "use co2e(emissions, gwp=...)"
        )

    # --- arithmetic, gas by gas ----------------------------------------------------------

    def _refuse(self, other: Any) -> TypeError:
        return TypeError(
            "an Emissions record adds to and subtracts only another Emissions record (gas "
            f"by gas); got {type(other).__name__}. A mass Quantity carries no gas: label it, e.g. "
            "Emissions({'CH4': q}); to add unlike gases use co2e(emissions, gwp=...)"
        )

    def _combine(self, other: Emissions, sign: float) -> Emissions:
        out: dict[str, _Value] = {}
        for gas in GASES:
            mine, theirs = self._values.get(gas), other._values.get(gas)
            if theirs is None:
                if mine is not None:
                    out[gas] = mine
                continue
            if mine is None:
                out[gas] = theirs.scaled(sign)
                continue
            index = mine.index if mine.index is not None else theirs.index
            if (
                mine.index is not None
                and theirs.index is not None
                and not mine.index.equals(theirs.index)
            ):
                raise InputError(
                    f"the {gas} Series of the two records have different indexes; align "
                    "them first (wasteless does not match rows by position)"
                )
            try:
                magnitude = np.add(mine.magnitude, sign * np.asarray(theirs.magnitude))
            except ValueError:
                raise InputError(
                    f"the {gas} arrays of the two records do not broadcast together "
                    f"({mine.shape} and {theirs.shape})"
                ) from None
            name = mine.name if mine.index is not None else theirs.name
            out[gas] = _Value(_frozen(magnitude), index, name)
        return Emissions._of(out, "the combined record")

    def __add__(self, other: Any) -> Emissions:
        if not isinstance(other, Emissions):
            raise self._refuse(other)
        return self._combine(other, 1.0)

    def __radd__(self, other: Any) -> Emissions:
        # 0 + record: what sum() of a list of records starts with
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        raise self._refuse(other)

    def __sub__(self, other: Any) -> Emissions:
        if not isinstance(other, Emissions):
            raise self._refuse(other)
        return self._combine(other, -1.0)

    def __rsub__(self, other: Any) -> Emissions:
        raise self._refuse(other)

    def __mul__(self, factor: Any) -> Emissions:
        if _not_a_number(factor) or not math.isfinite(float(factor)):
            raise TypeError(
                f"an Emissions record is scaled only by a plain finite number; got {factor!r}"
            )
        scaled = {gas: value.scaled(float(factor)) for gas, value in self._values.items()}
        return Emissions._of(scaled, "the scaled record")

    __rmul__ = __mul__

    def __neg__(self) -> Emissions:
        return self * -1.0

    # --- views -----------------------------------------------------------------------------

    def co2e(self, gwp: str | GWPSet = "AR6") -> Any:
        """The CO₂-equivalent mass of the record under a GWP-100 set (see :func:`co2e`).

        Parameters
        ----------
        gwp : str or GWPSet, optional
            The set's name (case-insensitive; default ``"AR6"``).

        Returns
        -------
        pint.Quantity or pint-pandas Series
            CO₂-equivalent mass [t]; biogenic CO₂ not counted.

        Examples
        --------
        >>> from wasteless import Q_
        >>> Emissions({"CH4": Q_(1, "t"), "CO2_biogenic": Q_(50, "t")}).co2e("AR4")
        <Quantity(25.0, 'metric_ton')>
        """
        return co2e(self, gwp)

    def to_frame(self, units: Any = "t") -> pd.DataFrame:
        """The record as a tidy table: one row per gas (and per index label).

        Parameters
        ----------
        units : str or pint.Unit, optional
            Mass unit of the ``value`` column; default ``"t"``.

        Returns
        -------
        pandas.DataFrame
            Columns ``gas`` and ``value`` (pint dtype, mass); when the gases are Series,
            first the Series' index as column(s) (e.g. ``year``); when they are 1-D
            arrays, first a ``position`` column.

        Raises
        ------
        wasteless.errors.InputError
            If ``units`` is not a unit, or the values have more than one dimension.
        wasteless.errors.UnitsError
            If ``units`` is not a mass unit.

        Examples
        --------
        >>> import pandas as pd
        >>> from wasteless import Q_
        >>> years = pd.Index([2020, 2021], name="year")
        >>> ch4 = pd.Series([4.0, 5.0], index=years, dtype="pint[t]")
        >>> Emissions({"CH4": ch4, "N2O": Q_(0.3, "t")}).to_frame("kg")
           year  gas   value
        0  2020  CH4  4000.0
        1  2021  CH4  5000.0
        2  2020  N2O   300.0
        3  2021  N2O   300.0
        """
        unit = parse_units(units, "units")
        if unit.dimensionality != _MASS_DIMENSION:
            raise UnitsError("units", f"{unit}", "a mass unit such as 't'", "", "[mass]")
        factor = float(ureg.Quantity(1.0, _MASS).to(unit).magnitude)
        gases = list(self._values)
        values = list(self._values.values())
        if all(v.shape == () for v in values):
            magnitudes = np.array([v.magnitude for v in values], dtype=np.float64) * factor
            return pd.DataFrame({"gas": gases, "value": pint_series(magnitudes, unit).array})
        if any(len(v.shape) > 1 for v in values):
            raise InputError(
                "to_frame needs values of at most one dimension (a Series or one value per "
                f"draw); got shapes {[v.shape for v in values]}"
            )
        indexes = [v.index for v in values if v.index is not None]
        length = max(v.shape[0] for v in values if v.shape)
        index = indexes[0] if indexes else pd.RangeIndex(length, name="position")
        stacked = np.concatenate([np.broadcast_to(v.magnitude, (length,)) for v in values])
        frame = pd.concat([pd.DataFrame({"gas": gas}, index=index) for gas in gases])
        frame["value"] = pint_series(stacked * factor, unit).array
        return frame.reset_index()


# pint treats an unknown object on the other side of ``Quantity * x`` or ``Quantity + x``
# as a magnitude (``Q_(2) * record`` would be a Quantity *holding* a record). As an
# "upcast type" (pint's mechanism, which pint-pandas uses for its arrays) the record gets
# the operation instead, and refuses it. Registers this one class, idempotently.
pint.compat.upcast_type_map.setdefault(f"{__name__}.Emissions", Emissions)  # type: ignore[attr-defined]


# --- CO2-equivalents ---------------------------------------------------------------------------


def _gas_parts(parts: Mapping[Any, Measured]) -> tuple[Any, str, Any]:
    """Weighted sum inputs of a mapping: ([(gas, magnitudes)], kind, index)."""
    items = []
    kind, index = SCALAR, None
    for key, part in parts.items():
        gas = _check_gas(key, "emissions")
        if part.kind in (FRAME, MAPPING):
            raise InputError(f"emissions[{key!r}] must be a mass Quantity or a pint Series")
        if part.kind == SERIES:
            if index is not None and not part.index.equals(index):
                raise InputError(
                    "emissions: the gases' Series have different indexes; align them first"
                )
            kind, index = SERIES, part.index
        elif kind == SCALAR and np.ndim(part.values):
            kind = ARRAY
        items.append((gas, part.values))
    return items, kind, index


@unit_function(None, emissions=_MASS, allow_negative=("emissions",))
def co2e(emissions: Any, gwp: str | GWPSet = "AR6") -> Any:
    r"""The CO₂-equivalent mass of several gases under a GWP-100 set.

    The only function of wasteless that adds masses of different gases:

    .. math::

        \mathrm{CO_2e} = \sum_g m_g \, \mathrm{GWP}_g,

    with GWP(CO₂) = 1, the set's value for CH₄ (non-fossil where the set separates
    them), fossil CH₄ and N₂O, and biogenic CO₂ **not counted** (weight 0): the IPCC
    Guidelines report it apart, as an information item (2006 Vol. 5 Ch. 5).

    Parameters
    ----------
    emissions : Emissions, Mapping, pandas.DataFrame or pint-pandas Series
        Masses by gas [mass]: an :class:`Emissions` record; a plain mapping gas name ->
        mass Quantity or pint Series; a DataFrame whose columns are gas names (pint
        dtypes; e.g. one row per year); or a pint Series indexed by gas name.
        Negative masses (avoided emissions) are allowed.
    gwp : str or GWPSet, optional
        The GWP-100 set, by name (case-insensitive): ``"AR4"``, ``"AR5"``,
        ``"AR5-CCF"``, ``"AR6"`` (default) or ``"AR6-GHGP"``; see :func:`gwp_sets`.

    Returns
    -------
    pint.Quantity or pint-pandas Series
        CO₂-equivalent mass [t]: a scalar (or array) Quantity for scalar (array) gases,
        a Series named ``"CO2e"`` on the rows' index for Series gases and DataFrames.

    Raises
    ------
    wasteless.errors.NotFoundError
        For an unknown gas name (the closest is named) or GWP set (the sets are listed).
    wasteless.errors.MissingUnitsError, wasteless.errors.UnitsError
        For a bare number, a plain column or a value that is not a mass.
    wasteless.errors.InputError
        For NaN or infinite values, Series on different indexes, or a bare mass
        Quantity (it carries no gas).

    See Also
    --------
    Emissions.co2e, gwp_set

    Notes
    -----
    A set with one methane value (AR4, AR5, AR5-CCF, AR6) applies it to ``CH4`` and
    ``CH4_fossil``; ``"AR6-GHGP"`` gives non-fossil methane 27.0 and fossil methane
    29.8 [W]. The weights of every set are in the module docstring.

    References
    ----------
    IPCC (2006) Guidelines for National Greenhouse Gas Inventories, Vol. 5, Ch. 5;
    IPCC AR4, AR5 WG1 Table 8.7, AR6 WG1 Tables 7.15 and 7.SM.7 (values as carried by
    the sources named in ``wasteless/data/gwp.toml``).

    Examples
    --------
    >>> import pandas as pd
    >>> from wasteless import Q_
    >>> co2e({"CH4": Q_(1, "t"), "N2O": Q_(1, "kg")}, gwp="AR5")  # 28 + 0.265
    <Quantity(28.265, 'metric_ton')>
    >>> table = pd.DataFrame({"CH4": pd.Series([1.0, 2.0], dtype="pint[t]"),
    ...                       "CO2": pd.Series([10.0, 0.0], dtype="pint[t]")})
    >>> co2e(table, gwp="ar4").pint.magnitude.tolist()
    [35.0, 50.0]
    >>> co2e({"CH4_fossil": Q_(1, "t")}, gwp="AR6-GHGP")
    <Quantity(29.8, 'metric_ton')>
    """
    weights = _gwp(gwp, "gwp").weights
    measured: Measured = emissions
    if measured.kind == FRAME:
        gases = [_check_gas(column, "emissions") for column in measured.columns]
        vector = np.array([weights[gas] for gas in gases])
        by_row = np.asarray(measured.values, dtype=np.float64) @ vector
        return pint_series(by_row, _MASS, measured.index, "CO2e")
    if measured.kind == SERIES:
        labels = list(measured.index)
        if len(set(labels)) != len(labels):
            raise InputError("emissions: a Series of gases must name each gas once")
        vector = np.array([weights[_check_gas(label, "emissions")] for label in labels])
        return quantity(float(np.asarray(measured.values) @ vector), _MASS)
    if measured.kind != MAPPING:
        raise InputError(
            "emissions must say which gas each mass is: an Emissions record, a mapping "
            "{gas: mass}, a DataFrame of gas columns or a Series indexed by gas; got a bare "
            "mass Quantity"
        )
    items, kind, index = _gas_parts(measured.values)
    total: Any = 0.0
    try:
        for gas, magnitudes in items:
            total = total + weights[gas] * np.asarray(magnitudes)
    except ValueError:
        shapes = {gas: np.shape(m) for gas, m in items}
        raise InputError(f"emissions: the gases' arrays do not broadcast ({shapes})") from None
    if kind == SERIES and np.shape(total) != (len(index),):
        raise InputError(
            "emissions: with a Series every other gas must be a scalar or of the Series' length"
        )
    return wrap(total if np.ndim(total) else float(total), _MASS, kind, index, "CO2e")
