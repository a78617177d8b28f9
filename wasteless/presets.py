"""Named parameter sets for the tyre models: ``LITERATURE`` and ``ETOWN_2019``.

A preset bundles the parameters of the two tyre chains, paving
(:class:`PavingParams`, used by :mod:`wasteless.paving`) and carbon
(:class:`CarbonParams`, used by :mod:`wasteless.carbon`), and uses **one tyre
definition in both**: whatever "one tyre" weighs in the carbon chain is the tyre whose
crumb rubber the paving chain counts.

``LITERATURE`` (the default of every model)
    Engineering values from the factor sheet. One tyre is a passenger tyre
    equivalent (PTE, 20 lb = 9.07 kg scrap), because the published tyres-per-area
    figures (CalRecycle's 2,000 tyres per lane-mile) count PTEs. One 2-inch
    rubberised lift then takes about 0.27 tyres/m².

``ETOWN_2019`` (calibrated, never a default)
    Solved so that the chains reproduce the E-Town programme as reported in 2019:
    2.73 million tyres on 2.0 million m², 123,000 tce saved, 307,000 t CO₂. Three
    parameters are calibrated (crumb rubber per tyre, tyre mass, CO₂ per tce), the rest
    are literature values; the arithmetic is in
    ``ETOWN_2019.arithmetic`` and each calibrated factor carries the quality tag
    ``[C]``. The calibration implies a 37.8 kg tyre (near China's truck-weighted
    fleet average of 36.4 kg), but only 1.28 kg of crumb rubber in the pavement per
    such tyre, against about 26 kg that a 37.8 kg tyre yields at the literature's
    70 % recovery: the reported tyre count per m² is 5 times what one literature
    lift takes on a PTE basis, and about 20 times on the preset's own tyre. The tyre
    count itself is uncertain: a 2018 reprint reports 270,000 tyres (27万) for a
    similar road network, a tenth of the 2019 report's 2.73 million that the
    calibration uses (factor ``etown_2019_tyres``, range 2.7e5 to 2.73e6).

Every field can be overridden with :func:`dataclasses.replace`; the record of
sources follows (a replaced value is tagged ``[U]``, user-supplied). To change the tyre,
use :meth:`Preset.derive`, which keeps one tyre definition: a heavier
``carbon.tyre_mass`` also yields proportionally more crumb rubber, so
``paving.crumb_rubber_per_tyre`` is rescaled with it (or, with
``rescale_crumb_rubber=False``, the preset says that the two chains count different
tyres). A :func:`dataclasses.replace` of one parameter set links nothing.

Parameters may hold one value per Monte Carlo draw (1-D arrays of one length, as
:mod:`wasteless.uncertainty` builds them); the models then return one result per draw.

Examples
--------
>>> import dataclasses
>>> from wasteless import Q_, presets
>>> from wasteless import paving
>>> paving.tyres_per_area(presets.LITERATURE)
<Quantity(0.27469..., 'tyre / meter ** 2')>
>>> thin = dataclasses.replace(presets.LITERATURE.paving, layer_thickness=Q_(30, "mm"))
>>> thin.sources["layer_thickness"].tag, thin.sources["mix_density"].tag
('[U]', '[W]')
>>> presets.ETOWN_2019.calibrated, presets.LITERATURE.calibrated
(True, False)
"""

from __future__ import annotations

import dataclasses
import importlib
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import numpy.typing as npt

from wasteless import _deprecate, factors
from wasteless._validate import check_flag, check_text
from wasteless.errors import InputError, NotFoundError
from wasteless.factors import Factor
from wasteless.units import Q_, RATIO, as_fraction, magnitude_in, quantity

__all__ = [
    "ETOWN_2019",
    "LITERATURE",
    "PRESETS",
    "CarbonParams",
    "Params",
    "PavingParams",
    "Preset",
    "carbon_params",
    "get",
    "paving_params",
]

FloatArray = npt.NDArray[np.float64]
Magnitude = float | FloatArray


FACTOR_KEYS: Mapping[str, str] = MappingProxyType(
    {
        "layer_thickness": "layer_thickness",
        "mix_density": "mix_density",
        "binder_fraction": "binder_fraction",
        "crumb_rubber_fraction": "crumb_rubber_fraction",
        "crumb_rubber_per_tyre": "crumb_rubber_per_pte",
        "tyre_mass": "pte_mass",
        "heating_value": "tyre_heating_value",
        "co2_per_coal_equivalent": "co2_per_tce",
        "combustion_co2": "tyre_combustion_co2",
    }
)
"""The one alias table: parameter field -> the key of its literature factor record.

A field is named for what it is in any preset (``tyre_mass``: the mass of one counted
tyre), a factor for what the literature measured (``pte_mass``: a passenger tyre
equivalent); the two differ for five fields, and this table is the only place that
says which record a field's default comes from (``wasteless.factors.get(key)``).
"""


class Params:
    """A record of sourced values with units, converted once: the base of every parameter record.

    A record holds data only; the formulas that combine its values live in the model
    modules (:mod:`wasteless.paving`, :mod:`wasteless.carbon`, the landfill and treatment
    models of :mod:`wasteless.waste`). A subclass is a frozen dataclass whose fields are
    listed in ``_units`` (field -> the unit its model reads it in, or
    :data:`~wasteless.units.RATIO` for a fraction). Each field is converted once, through
    the units pathway (:func:`wasteless.units.magnitude_in`,
    :func:`~wasteless.units.as_fraction`); it must be finite and >= 0 (> 0 where the
    subclass says ``_positive``: rates a model divides by). A field given a
    :class:`~wasteless.factors.Factor` takes its value and records it as the field's source;
    a value other than its recorded source is recorded as user-supplied (``[U]``); a field
    holding one value per Monte Carlo draw (1-D, one length for all) keeps the record its
    distribution came from. The magnitudes are kept for the kernels (``values``, read-only);
    models may keep what they derive from them in the record's private cache, since a
    record never changes.
    """

    # field name -> canonical unit (or RATIO) in which the kernels read it
    _units: ClassVar[Mapping[str, str]] = {}
    # True: every field must be > 0 (the tyre chains divide by them); else >= 0
    _positive: ClassVar[bool] = False
    name: str
    sources: Mapping[str, Factor]
    if TYPE_CHECKING:  # set in __post_init__, not dataclass fields
        values: Mapping[str, Magnitude]
        _derived: dict[str, Any]

    def __post_init__(self) -> None:
        check_text(self.name, "name")
        if not isinstance(self.sources, Mapping) or not all(
            isinstance(f, Factor) for f in self.sources.values()
        ):
            raise InputError("sources must be a mapping of field name to Factor")
        sources = dict(self.sources)
        values: dict[str, Any] = {}
        sizes = set()
        for key, unit in self._units.items():
            value = getattr(self, key)
            if isinstance(value, Factor):
                sources[key] = value
                value = value.quantity
                object.__setattr__(self, key, value)
            number = self._number(value, key, unit)
            if np.ndim(number) > 1 or np.size(number) == 0:
                raise InputError(
                    f"{key} must be a scalar or 1-D with one value per Monte Carlo draw; got "
                    f"shape {np.shape(number)}"
                )
            if np.ndim(number) == 1:
                sizes.add(np.size(number))
                # a private, read-only copy, which the field shows in the model's unit: what
                # the record shows is what the models compute with
                number = np.array(number, dtype=np.float64)
                number.flags.writeable = False
                values[key] = number
                object.__setattr__(self, key, quantity(number, "" if unit == RATIO else unit))
                continue  # one value per draw: the record is the distribution's source
            value = _scalar(value)
            object.__setattr__(self, key, value)
            values[key] = float(number)
            recorded = sources.get(key)
            if recorded is None or not _same(recorded.quantity, value, unit):
                sources[key] = Factor.user(key, Q_(value) if unit == RATIO else value)
        if len(sizes) > 1:
            raise InputError(
                f"{type(self).__name__}: array-valued parameters must have one length (one "
                f"value per draw); got lengths {sorted(sizes)}"
            )
        object.__setattr__(self, "sources", MappingProxyType(sources))
        object.__setattr__(self, "values", MappingProxyType(values))
        object.__setattr__(self, "_derived", {})

    def _number(self, value: Any, key: str, unit: str) -> Magnitude:
        """One field's magnitude through the units pathway, checked against its range."""
        if unit == RATIO:
            number = as_fraction(value, key)
            if self._positive and np.any(np.asarray(number) == 0.0):
                raise InputError(f"{key} must be > 0; got {value!r}")
            return number
        number = magnitude_in(value, unit, key, positive=self._positive)
        if np.any(np.asarray(number) < 0.0):
            raise InputError(f"{key} must be >= 0; got {value!r}")
        return number

    def magnitude(self, key: str) -> Magnitude:
        """One parameter's magnitude in its model's unit (a float, or one per draw).

        Examples
        --------
        >>> LITERATURE.paving.magnitude("binder_fraction")
        0.074
        """
        return self.values[key]

    def magnitudes(self) -> dict[str, Magnitude]:
        """Every parameter's magnitude in its model's unit, keyed by field (copies)."""
        return {
            key: value.copy() if isinstance(value, np.ndarray) else value
            for key, value in self.values.items()
        }

    def stacked(self, keys: tuple[str, ...], n: int | None) -> FloatArray:
        """The magnitudes of ``keys`` stacked: shape (len(keys),), or (len(keys), n) with draws.

        A fixed parameter is repeated for every draw (a broadcast view, no copy per draw).
        """
        if n is None:
            return np.array([self.values[key] for key in keys], dtype=np.float64)
        return np.stack([np.broadcast_to(self.values[key], (n,)) for key in keys])

    def _fields_shown(self) -> str:
        return ", ".join(f"{key}={getattr(self, key)!s}" for key in self._units)

    def _derived_rates(
        self,
        key: str,
        chain: Callable[[Mapping[str, Magnitude]], tuple[Magnitude, ...]],
        labels: tuple[str, ...],
    ) -> tuple[Magnitude, ...]:
        """What a model's ``chain`` of formulas gives from this record, computed once.

        ``chain(values)`` returns one rate per label (a float, or one per draw). It runs on
        the first call for ``key`` (records never change), and its rates are checked once:
        finite and > 0 parameters can still give a product that overflows or underflows
        float64, which no model may pass on; such a rate is refused (InputError naming the
        label, the rate and the fields).
        """
        rates: tuple[Magnitude, ...] | None = self._derived.get(key)
        if rates is None:
            with np.errstate(all="ignore"):  # an overflow or underflow is refused just below
                rates = tuple(chain(self.values))
            for label, rate in zip(labels, rates, strict=True):
                if not np.all(np.isfinite(rate) & (np.asarray(rate) > 0.0)):
                    raise InputError(
                        f"params: {self!r} gives {label} = {rate!r}, not a finite number > 0 "
                        f"in float64 (fields: {self._fields_shown()}); a value is too large "
                        "or too small"
                    )
            self._derived[key] = rates
        return rates

    @property
    def n_draws(self) -> int | None:
        """The number of values per parameter when they hold Monte Carlo draws, else None."""
        sizes = {np.size(v) for v in self.values.values() if np.ndim(v)}
        return sizes.pop() if sizes else None

    def __repr__(self) -> str:
        draws = f", {self.n_draws} draws" if self.n_draws else ""
        return f"<{type(self).__name__} {self.name!r}{draws}>"

    def as_dict(self) -> dict[str, Any]:
        """Return each parameter as a Quantity, keyed by field name."""
        return {key: getattr(self, key) for key in self._units}

    if not TYPE_CHECKING:  # so that type checkers still see a misspelt attribute

        def __getattr__(self, name: str) -> Any:
            # 0.2's rate properties: the formulas moved to the model modules (deprecated)
            found = _DEPRECATED_RATES.get(type(self).__name__, {}).get(name)
            if found is None:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            module, function, unit = found
            _deprecate.warn(
                f"{type(self).__name__}.{name}",
                f"the formula lives in the model module now; use {module}.{function}(params)",
            )
            rate = getattr(importlib.import_module(f"wasteless.{module}"), function)(self)
            return rate if unit is None else _magnitude(rate, unit)


# class -> old property -> (model module, function, unit of the old float; None: a Quantity)
_DEPRECATED_RATES: Mapping[str, Mapping[str, tuple[str, str, str | None]]] = {
    "PavingParams": {
        "crumb_rubber_per_area_kg_m2": ("paving", "crumb_rubber_per_area", "kg/m**2"),
        "tyres_per_area_m2": ("paving", "tyres_per_area", "tyre/m**2"),
        "tyres_per_area": ("paving", "tyres_per_area", None),
    },
    "CarbonParams": {
        "energy_per_tyre_mj": ("carbon", "energy_per_tyre", "MJ/tyre"),
        "coal_equivalent_per_tyre_tce": ("carbon", "coal_equivalent_per_tyre", "tce/tyre"),
        "co2_per_tyre_t": ("carbon", "co2_avoided_per_tyre", "t/tyre"),
        "combustion_co2_per_tyre_t": ("carbon", "combustion_co2_per_tyre", "t/tyre"),
    },
}


def _magnitude(quantity: Any, unit: str) -> Magnitude:
    """The magnitude of ``quantity`` in ``unit``: a float, or an array of draws."""
    magnitude: Magnitude = magnitude_in(quantity, unit, "quantity")
    return magnitude


def _scalar(value: Any) -> Any:
    """A 0-d array (bare or in a Quantity) as a float: scalar in, scalar out."""
    magnitude = getattr(value, "magnitude", value)
    if not isinstance(magnitude, np.ndarray):
        return value
    return Q_(float(magnitude), value.units) if hasattr(value, "units") else float(magnitude)


def _same(a: Any, b: Any, unit: str) -> bool:
    if unit == RATIO:
        return math.isclose(float(as_fraction(a)), float(as_fraction(b)), rel_tol=1e-12)
    return math.isclose(float(magnitude_in(a, unit)), float(magnitude_in(b, unit)), rel_tol=1e-12)


@dataclass(frozen=True, repr=False)
class PavingParams(Params):
    """Parameters of the rubber-asphalt mass chain (see :mod:`wasteless.paving`).

    Parameters
    ----------
    layer_thickness
        Thickness of the rubberised layer(s) [length].
    mix_density
        Compacted density of the mix [mass / volume].
    binder_fraction
        Asphalt-rubber binder as a share of the total mix mass [percent or fraction].
    crumb_rubber_fraction
        Crumb rubber as a share of the binder mass [percent or fraction].
    crumb_rubber_per_tyre
        Crumb rubber recovered from one counted tyre [mass / tyre].
    name
        Label shown in reprs and reports.
    sources
        Factor record per field; filled in and corrected automatically.

    Examples
    --------
    >>> two_lifts = PavingParams(
    ...     layer_thickness=Q_(100, "mm"), mix_density=Q_(2320, "kg/m**3"),
    ...     binder_fraction=Q_(7.4, "percent"), crumb_rubber_fraction=0.20,
    ...     crumb_rubber_per_tyre=Q_(6.35, "kg/tyre"), name="two lifts",
    ... )
    >>> from wasteless import paving
    >>> paving.tyres_per_area(two_lifts)
    <Quantity(0.5407..., 'tyre / meter ** 2')>
    >>> two_lifts.sources["binder_fraction"].tag
    '[U]'
    """

    _positive: ClassVar[bool] = True
    _units: ClassVar[Mapping[str, str]] = {
        "layer_thickness": "m",
        "mix_density": "kg/m**3",
        "binder_fraction": RATIO,
        "crumb_rubber_fraction": RATIO,
        "crumb_rubber_per_tyre": "kg/tyre",
    }

    layer_thickness: Any
    mix_density: Any
    binder_fraction: Any
    crumb_rubber_fraction: Any
    crumb_rubber_per_tyre: Any
    name: str = "custom"
    sources: Mapping[str, Factor] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, repr=False)
class CarbonParams(Params):
    """Parameters of the tyres → energy → coal equivalent → CO₂ chain.

    Parameters
    ----------
    tyre_mass
        Mass of one counted tyre [mass / tyre].
    heating_value
        Heating value of tyre rubber [energy / mass].
    co2_per_coal_equivalent
        CO₂ emitted per unit of standard coal equivalent burned [mass / energy],
        e.g. ``t/tce``.
    combustion_co2
        CO₂ emitted per unit mass of tyre burned [mass CO₂ / mass tyre], for the
        direct-combustion pathway.
    name
        Label shown in reprs and reports.
    sources
        Factor record per field; filled in and corrected automatically.

    Examples
    --------
    >>> import dataclasses
    >>> truck = dataclasses.replace(LITERATURE.carbon, tyre_mass=Q_(45.4, "kg/tyre"))
    >>> from wasteless import carbon
    >>> carbon.co2_avoided_per_tyre(truck).to("kg/tyre")  # coal-equivalent pathway
    <Quantity(149.9..., 'kilogram / tyre')>
    """

    _positive: ClassVar[bool] = True
    _units: ClassVar[Mapping[str, str]] = {
        "tyre_mass": "kg/tyre",
        "heating_value": "MJ/kg",
        "co2_per_coal_equivalent": "t/tce",
        "combustion_co2": "kg/kg",
    }

    tyre_mass: Any
    heating_value: Any
    co2_per_coal_equivalent: Any
    combustion_co2: Any
    name: str = "custom"
    sources: Mapping[str, Factor] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, repr=False)
class Preset:
    """A named, documented pair of paving and carbon parameters.

    Parameters
    ----------
    name
        Short name, e.g. ``"literature"`` or ``"etown-2019"``.
    title
        One-line description.
    paving, carbon
        The parameter sets.
    calibrated
        True when some parameters were solved to reproduce reported totals.
    tyre
        What one counted tyre is in this preset.
    arithmetic
        How the calibrated values were obtained (empty when not calibrated).
    calibrated_to
        What the calibration reproduces, e.g. ``"the 2019 report"`` (empty when not
        calibrated); verdicts that use the preset say so.

    Examples
    --------
    >>> ETOWN_2019
    <Preset 'etown-2019' (calibrated)>
    >>> print(ETOWN_2019.arithmetic.splitlines()[1])
    tyres per area     = 2.73×10⁶ tyre / 2×10⁶ m² = 1.3650 tyre/m²
    """

    name: str
    title: str
    paving: PavingParams
    carbon: CarbonParams
    calibrated: bool
    tyre: str
    arithmetic: str = ""
    calibrated_to: str = ""

    def __post_init__(self) -> None:
        for key in ("name", "title", "tyre", "arithmetic", "calibrated_to"):
            if not isinstance(getattr(self, key), str):
                raise InputError(f"Preset {key} must be a str; got {getattr(self, key)!r}")
        if not isinstance(self.paving, PavingParams):
            raise InputError(f"Preset paving must be a PavingParams; got {self.paving!r}")
        if not isinstance(self.carbon, CarbonParams):
            raise InputError(f"Preset carbon must be a CarbonParams; got {self.carbon!r}")
        if not isinstance(self.calibrated, (bool, np.bool_)):
            raise InputError(f"Preset calibrated must be True or False; got {self.calibrated!r}")
        if self.calibrated and not self.calibrated_to:
            raise InputError("a calibrated Preset must say what it is calibrated to")

    def __repr__(self) -> str:
        return f"<Preset {self.name!r}{' (calibrated)' if self.calibrated else ''}>"

    def derive(
        self,
        name: str,
        *,
        rescale_crumb_rubber: bool = True,
        title: str | None = None,
        **changes: Any,
    ) -> Preset:
        """A new preset with some parameters changed, keeping one tyre definition.

        Parameters
        ----------
        name
            Name of the new preset.
        rescale_crumb_rubber
            When ``tyre_mass`` changes: True (default) scales
            ``crumb_rubber_per_tyre`` by the same ratio, so that a heavier tyre yields
            proportionally more crumb rubber (the same recovery share) and both chains
            still count the same tyre; False keeps it and records in the preset's
            ``tyre`` text that the two chains now count different tyres.
        title
            The new preset's title; default: this title, with the changed fields named.
        **changes
            Field names of :class:`PavingParams` or :class:`CarbonParams` and their new
            values (Quantities, or Factor records; 1-D Quantities hold one value per
            Monte Carlo draw, as :mod:`wasteless.uncertainty` builds them).

        Returns
        -------
        Preset
            Not calibrated unless this one was and no calibrated field changed.

        Raises
        ------
        InputError
            For a name that is neither a paving nor a carbon field.

        Examples
        --------
        >>> heavy = LITERATURE.derive("truck tyres", tyre_mass=Q_(45.36, "kg/tyre"))
        >>> round(heavy.paving.crumb_rubber_per_tyre.to("kg/tyre").magnitude, 2)
        31.75
        >>> from wasteless import paving
        >>> ratio = paving.tyres_per_area(heavy) / paving.tyres_per_area(LITERATURE)
        >>> round(float(ratio.to("").magnitude), 3)
        0.2
        """
        unknown = set(changes) - set(PavingParams._units) - set(CarbonParams._units)
        if unknown:
            fields = sorted({*PavingParams._units, *CarbonParams._units})
            raise InputError(f"derive: unknown field(s) {sorted(unknown)}; fields: {fields}")
        paving_changes = {k: v for k, v in changes.items() if k in PavingParams._units}
        carbon_changes = {k: v for k, v in changes.items() if k in CarbonParams._units}
        rescale_crumb_rubber = check_flag(rescale_crumb_rubber, "rescale_crumb_rubber")
        name = check_text(name, "name")
        title = check_text(title, "title", optional=True)
        tyre_text = self.tyre
        if "tyre_mass" in changes and "crumb_rubber_per_tyre" not in changes:
            mass = _quantity(changes["tyre_mass"])
            new_mass = magnitude_in(mass, "kg/tyre", "tyre_mass")
            if rescale_crumb_rubber:
                if np.ndim(new_mass) != 0:
                    raise InputError(
                        "tyre_mass must be one value to rescale crumb_rubber_per_tyre with it "
                        "(for one value per draw, see wasteless.uncertainty)"
                    )
                old_mass = magnitude_in(self.carbon.tyre_mass, "kg/tyre", "tyre_mass")
                paving_changes["crumb_rubber_per_tyre"] = self.paving.crumb_rubber_per_tyre * (
                    new_mass / old_mass
                )
                tyre_text = f"a {_kg(mass)} kg tyre"
            else:
                carbon_tyre = (
                    "drawn tyre masses" if np.ndim(new_mass) else f"a {_kg(mass)} kg tyre"
                )
                tyre_text = (
                    f"{self.tyre} in the paving chain, but {carbon_tyre} in the carbon chain "
                    "(crumb rubber per tyre not rescaled)"
                )
        paving = dataclasses.replace(self.paving, name=name, **paving_changes)
        carbon = dataclasses.replace(self.carbon, name=name, **carbon_changes)
        calibrated = any(
            f.quality == "C" for f in (*paving.sources.values(), *carbon.sources.values())
        )
        return Preset(
            name=name,
            title=title or f"{self.title}, with {', '.join(sorted(changes)) or 'no'} changed",
            paving=paving,
            carbon=carbon,
            calibrated=calibrated,
            tyre=tyre_text,
            arithmetic=self.arithmetic if calibrated else "",
            calibrated_to=self.calibrated_to if calibrated else "",
        )


def _key(name: str) -> str:
    """A preset name as looked up: case-insensitive, ``_`` and ``-`` alike."""
    return name.strip().lower().replace("_", "-")


def _quantity(value: Any) -> Any:
    return value.quantity if isinstance(value, Factor) else value


def _literature() -> Preset:
    f = factors.get
    fields: dict[str, Any] = {key: f(FACTOR_KEYS[key]) for key in PavingParams._units}
    paving = PavingParams(**fields, name="literature")
    pte = f(FACTOR_KEYS["tyre_mass"])
    carbon_fields: dict[str, Any] = {
        key: f(FACTOR_KEYS[key]) for key in CarbonParams._units if key != "tyre_mass"
    }
    carbon = CarbonParams(
        tyre_mass=Factor(
            key="tyre_mass",
            value=pte.value,
            unit=f"{pte.unit}/tyre",
            low=pte.low,
            high=pte.high,
            source=pte.source,
            quality=pte.quality,
            note=pte.note,
            url=pte.url,
            section=pte.section,
            distribution=pte.distribution,
            distribution_note=pte.distribution_note,
        ),
        **carbon_fields,
        name="literature",
    )
    return Preset(
        name="literature",
        title="Engineering literature defaults (one rubberised lift, PTE tyres)",
        paving=paving,
        carbon=carbon,
        calibrated=False,
        tyre=f"passenger tyre equivalent (PTE), {pte.quantity:g~P} = {_kg(pte.quantity)} kg scrap",
    )


def _kg(quantity: Any) -> str:
    """A mass, or a mass per tyre, in kg to 3 significant digits, e.g. ``"9.07"``."""
    unit = "kg" if quantity.check("[mass]") else "kg/tyre"
    return f"{float(quantity.to(unit).magnitude):.3g}"


def _calibrated(key: str, quantity: Any, unit: str, note: str, inputs: str) -> Factor:
    value = float(quantity.to(unit).magnitude)
    report = factors.get("etown_2019_tyres")
    return Factor(
        key=key,
        value=value,
        unit=unit,
        low=value,
        high=value,
        source=f"calibrated to the E-Town 2019 report ({inputs})",
        quality="C",
        derived=True,
        note=note,
        url=report.url,
        section=report.section,
    )


def _lift(p: PavingParams) -> str:
    v = p.values
    return (
        f"{p.layer_thickness:~P} x {p.mix_density:~P} x {v['binder_fraction']:.1%} binder"
        f" x {v['crumb_rubber_fraction']:.0%} crumb rubber"
    )


def _etown_2019(literature: Preset) -> Preset:
    f = factors.get
    area, tyres = f("etown_2019_area").quantity, f("etown_2019_tyres").quantity
    coal, co2 = f("etown_2019_coal_equivalent").quantity, f("etown_2019_co2").quantity
    heating = f("tyre_heating_value").quantity
    paving_lit = literature.paving

    # the models' own formulas (imported here: the models import this module)
    from wasteless import paving as paving_model

    tyres_per_area = (tyres / area).to("tyre/m**2")
    lift_crumb, lift_tyres = paving_model._mass_chain(paving_lit.values)
    crumb_per_area = Q_(lift_crumb, "kg/m**2")
    crumb_per_tyre = (crumb_per_area / tyres_per_area).to("kg/tyre")
    coal_per_tyre = (coal / tyres).to("kgce/tyre")
    tyre_mass = (coal_per_tyre / heating).to("kg/tyre")
    co2_per_coal = (co2 / coal).to("t/tce")

    yield_fraction = float(
        (paving_lit.crumb_rubber_per_tyre / literature.carbon.tyre_mass).to("").magnitude
    )
    literature_crumb = tyre_mass * yield_fraction
    ratio = float(tyres_per_area.magnitude) / lift_tyres
    arithmetic = "\n".join(
        [
            f"Reported (E-Town 2019): {tyres:.3g~P} on {area:.3g~P}, {coal:.3g~P} saved, "
            f"{co2:.3g~P} CO2.",
            f"tyres per area     = {tyres:.3g~P} / {area:.3g~P} = {tyres_per_area:.4f~P}",
            f"coal eq. per tyre  = {coal:.3g~P} / {tyres:.3g~P} = {coal_per_tyre:.2f~P}",
            f"tyre mass [C]      = {coal_per_tyre:.2f~P} / {heating:.0f~P} "
            f"(literature heating value) = {tyre_mass:.2f~P}",
            f"CO2 per tce [C]    = {co2:.3g~P} / {coal:.3g~P} = {co2_per_coal:.4f~P} "
            f"(IPCC bituminous coal: {f('co2_per_tce').quantity:.4f~P})",
            f"crumb per area     = literature lift {crumb_per_area:.4f~P} ({_lift(paving_lit)})",
            f"crumb per tyre [C] = {crumb_per_area:.4f~P} / {tyres_per_area:.4f~P} = "
            f"{crumb_per_tyre:.3f~P}",
            f"  literature: {paving_lit.crumb_rubber_per_tyre:.2f~P} per PTE, or "
            f"{literature_crumb:.1f~P} for a {tyre_mass.to('kg/tyre').magnitude:.1f} kg tyre "
            f"at {yield_fraction:.0%} "
            f"recovery; the reported tyres per m2 are {ratio:.1f} x a literature lift "
            "(PTE basis).",
        ]
    )
    # Every figure in the texts below is formatted from its factor record.
    inputs = f"{tyres:.3g~P}, {area:.3g~P}, {coal:.3g~P}, {co2:.3g~P} CO2"
    crumb_pte = paving_lit.sources["crumb_rubber_per_tyre"]
    crumb_low, crumb_high = crumb_pte.range
    china, pte, ipcc = f("china_average_tyre_mass"), f("pte_mass"), f("co2_per_tce")
    paving = PavingParams(
        layer_thickness=paving_lit.sources["layer_thickness"],
        mix_density=paving_lit.sources["mix_density"],
        binder_fraction=paving_lit.sources["binder_fraction"],
        crumb_rubber_fraction=paving_lit.sources["crumb_rubber_fraction"],
        crumb_rubber_per_tyre=_calibrated(
            "crumb_rubber_per_tyre",
            crumb_per_tyre,
            "kg/tyre",
            "crumb rubber in the pavement per counted tyre, so that the literature lift "
            f"consumes {tyres:.3g~P} on {area:.3g~P}; literature: {_kg(crumb_pte.quantity)} "
            f"kg per PTE ({_kg(crumb_low)}-{_kg(crumb_high)})",
            inputs,
        ),
        name="etown-2019",
    )
    carbon = CarbonParams(
        tyre_mass=_calibrated(
            "tyre_mass",
            tyre_mass,
            "kg/tyre",
            f"tyre whose heating value ({heating:,.6g~P}) equals the reported "
            f"{coal_per_tyre.to('kgce/tyre').magnitude:.1f} kgce per tyre; compare China's "
            f"fleet average {_kg(china.quantity)} kg {china.tag} and a PTE "
            f"{_kg(pte.quantity)} kg {pte.tag}",
            inputs,
        ),
        heating_value=f("tyre_heating_value"),
        co2_per_coal_equivalent=_calibrated(
            "co2_per_coal_equivalent",
            co2_per_coal,
            "t/tce",
            "CO2 per tce implied by the report; IPCC 2006 bituminous coal gives "
            f"{ipcc.quantity.to('t/tce'):.3g~P}",
            inputs,
        ),
        combustion_co2=f("tyre_combustion_co2"),
        name="etown-2019",
    )
    return Preset(
        name="etown-2019",
        title="Calibrated to the E-Town rubber-asphalt programme as reported in 2019",
        paving=paving,
        carbon=carbon,
        calibrated=True,
        calibrated_to="the 2019 report",
        tyre=f"a {tyre_mass.to('kg/tyre').magnitude:.1f} kg scrap tyre "
        f"(near China's fleet average {_kg(china.quantity)} kg)",
        arithmetic=arithmetic,
    )


def get(name: str | Preset) -> Preset:
    """Return a preset by name: the one resolver of preset names.

    Names are case-insensitive and ``_`` equals ``-``, so the constant's name
    (``"ETOWN_2019"``) and the kebab name (``"etown-2019"``) both work. A Preset is
    returned as it is.

    Raises
    ------
    wasteless.errors.NotFoundError
        If there is no such preset (also a ``KeyError``); the message lists the known names.

    Examples
    --------
    >>> get("etown-2019").tyre
    "a 37.8 kg scrap tyre (near China's fleet average 36.4 kg)"
    >>> get("ETOWN_2019") is get("etown-2019") is ETOWN_2019
    True
    """
    if isinstance(name, Preset):
        return name
    if isinstance(name, str):
        found = _BY_KEY.get(_key(name))
        if found is not None:
            return found
    raise NotFoundError(
        f"no preset {name!r}; known presets: {', '.join(PRESETS)} (case-insensitive, '_' or '-')"
    )


def paving_params(params: PavingParams | Preset | str) -> PavingParams:
    """The paving parameters of ``params``: a PavingParams, a whole Preset, or a preset name.

    Raises
    ------
    InputError
        For anything else (the message lists the preset names).

    Examples
    --------
    >>> paving_params("etown-2019") is ETOWN_2019.paving
    True
    """
    found: PavingParams = _part(params, PavingParams, "paving")
    return found


def carbon_params(params: CarbonParams | Preset | str) -> CarbonParams:
    """The carbon parameters of ``params``: a CarbonParams, a whole Preset, or a preset name.

    Raises
    ------
    InputError
        For anything else (the message lists the preset names).

    Examples
    --------
    >>> carbon_params(LITERATURE) is LITERATURE.carbon
    True
    """
    found: CarbonParams = _part(params, CarbonParams, "carbon")
    return found


def _part(params: Any, kind: type, chain: str) -> Any:
    """``params`` itself if a ``kind``, else that chain of a Preset or a preset name."""
    if isinstance(params, kind):
        return params
    exact = PRESETS.get(params) if type(params) is str else None  # the common case, fast
    if exact is not None:
        return getattr(exact, chain)
    if isinstance(params, (Preset, str)):
        try:
            return getattr(get(params), chain)
        except NotFoundError:
            pass
    raise InputError(
        f"params must be a {kind.__name__}, a Preset or a preset name "
        f"({', '.join(PRESETS)}); got {params!r}"
    )


LITERATURE: Preset = _literature()
"""Engineering-literature defaults; one tyre = one PTE (9.07 kg). The default preset."""

ETOWN_2019: Preset = _etown_2019(LITERATURE)
"""Calibrated to the E-Town 2019 report; see ``ETOWN_2019.arithmetic``. Never a default."""

PRESETS: Mapping[str, Preset] = MappingProxyType({p.name: p for p in (LITERATURE, ETOWN_2019)})
"""Presets by name: ``"literature"``, ``"etown-2019"`` (read-only); see :func:`get`."""

_BY_KEY = {_key(name): preset for name, preset in PRESETS.items()}
