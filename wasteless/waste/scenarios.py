r"""Treatment scenarios side by side: the greenhouse gases of one waste stream under each.

A waste-free-city plan reports what a change of treatment *avoids*: kitchen waste
separated and digested instead of landfilled, more incineration instead of dumping. This
module puts the same stream (or several streams of the same city) through every
treatment model of :mod:`wasteless.waste` and compares the results:

==========================  =============================================================
route                       model
==========================  =============================================================
``landfill_<site type>``    :func:`~wasteless.waste.landfill.landfill_methane` (IPCC 2006
                            Vol. 5 Ch. 3, first-order decay; CH₄), per site type
``composting``              :func:`~wasteless.waste.biological_treatment.biological` (Ch. 4, Eqs.
``anaerobic_digestion``     4.1, 4.2; CH₄, N₂O) on the mass sent there
``incineration``            :func:`~wasteless.waste.thermal_treatment.incineration` and
``open_burning``            :func:`~wasteless.waste.thermal_treatment.open_burning` (Ch. 5;
                            fossil and biogenic CO₂, CH₄, N₂O)
``recycling``               none: recycling is outside the waste sector of the IPCC
                            Guidelines, and no credit for displaced materials is given
==========================  =============================================================

Each gas is kept by name (:class:`wasteless.Emissions`) until the one step that
adds unlike gases, :func:`wasteless.climate.co2e` with a named GWP set; biogenic CO₂ is
reported and never counted. The difference from the baseline,

.. math::

    \mathrm{avoided}_{s,T} = \mathrm{CO_2e}_{\mathrm{baseline},T} - \mathrm{CO_2e}_{s,T},

is positive where scenario :math:`s` emits less in year :math:`T`; it is reported per year
and cumulated.

Two views of landfill methane (see :mod:`wasteless.waste.landfill`): ``"inventory"``
(default) counts the methane emitted in each year from everything deposited so far, so a
diversion shows its effect slowly, over decades; ``"committed"`` books all the methane a
year's deposit will ever emit in the year of deposit (how WARM and diversion credits
count). Biological treatment and burning emit in the year of treatment in both views.

Every parameter record can hold Monte Carlo draws (:class:`WasteParams` bundles them, as
a :class:`~wasteless.presets.Preset` bundles the tyre chains), so
:func:`wasteless.uncertainty.monte_carlo` and :func:`~wasteless.uncertainty.sobol_indices`
work on a scenario unchanged: ``ScenarioComparison.total_avoided(name)`` gives one value
per draw.

Examples
--------
>>> import pandas as pd
>>> from wasteless import waste
>>> total = pd.Series([1000.0] * 5, index=range(2020, 2025), dtype="pint[t]")
>>> today = waste.stream(total, {"food": 0.6, "paper": 0.4},
...                      {"landfill_managed_anaerobic": 1.0})
>>> separated = today.move("food", "anaerobic_digestion")
>>> result = waste.compare(today, {"digestion": separated}, climate="boreal_temperate_wet",
...                        years=range(2020, 2050))
>>> print(f"{result.total_avoided('digestion'):.3g~}")  # CO2e, AR6, over 2020-2049
4.09e+03 t
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from wasteless._validate import check_choice, check_flag, check_text
from wasteless.climate import Emissions
from wasteless.climate import gwp_set as _gwp_set
from wasteless.errors import InputError
from wasteless.units import pint_series, quantity
from wasteless.waste import biological_treatment as _biological
from wasteless.waste import landfill as _landfill
from wasteless.waste import thermal_treatment as _incineration
from wasteless.waste._treatment import resolve
from wasteless.waste.fractions import CLIMATE_ZONES, FRACTIONS, ROUTES, SITE_TYPES, check_name
from wasteless.waste.streams import Stream

__all__ = [
    "VIEWS",
    "ScenarioComparison",
    "WasteParams",
    "compare",
    "route_emissions",
    "waste_params",
]

VIEWS: tuple[str, ...] = ("inventory", "committed")
"""How landfill methane is counted: in the year emitted, or committed in the year deposited."""

_LANDFILL = {f"landfill_{site}": site for site in SITE_TYPES}
_BIOLOGICAL = {"composting": "composting", "anaerobic_digestion": "anaerobic_digestion"}
_BURNING = ("incineration", "open_burning")
_NOT_COUNTED = ("recycling",)


@dataclass(frozen=True)
class WasteParams:
    """The parameter records of every treatment model, bundled.

    What :mod:`wasteless.uncertainty` draws from for a scenario, as a
    :class:`~wasteless.presets.Preset` bundles the tyre chains: every field of every
    record has its factor record and distribution.

    Parameters
    ----------
    landfill : LandfillParams
        First-order decay parameters (:func:`wasteless.waste.landfill.landfill_params`).
    biological : BiologicalParams
        Composting and digestion factors (:mod:`wasteless.waste.biological_treatment`).
    incineration : IncinerationParams
        Incineration and open-burning factors (:mod:`wasteless.waste.thermal_treatment`).
    name : str
        Label shown in reprs and results.

    Examples
    --------
    >>> waste_params().landfill.name
    'ipcc-2006'
    """

    landfill: Any
    biological: Any
    incineration: Any
    name: str = "ipcc-defaults"

    def __post_init__(self) -> None:
        pairs = (
            ("landfill", _landfill.LandfillParams),
            ("biological", _biological.BiologicalParams),
            ("incineration", _incineration.IncinerationParams),
        )
        for argument, kind in pairs:
            if not isinstance(getattr(self, argument), kind):
                raise InputError(
                    f"{argument} must be a {kind.__name__}; got {getattr(self, argument)!r}"
                )
        check_text(self.name, "name")
        sizes = {
            n
            for n in (r.n_draws for r in (self.landfill, self.biological, self.incineration))
            if n
        }
        if len(sizes) > 1:
            raise InputError(
                f"the records hold different numbers of draws {sorted(sizes)}: draw them "
                "together (wasteless.uncertainty.draw of the WasteParams)"
            )

    @property
    def n_draws(self) -> int | None:
        """The number of Monte Carlo draws the records hold, else None."""
        for record in (self.landfill, self.biological, self.incineration):
            if record.n_draws:
                n: int = record.n_draws
                return n
        return None


def waste_params(
    landfill: Any = "ipcc-2006", biological: Any = "ipcc-2006", incineration: Any = "ipcc-2019r"
) -> WasteParams:
    """The treatment models' parameter records, bundled, by record or by name.

    Parameters
    ----------
    landfill, biological, incineration : record or str, optional
        Each model's parameter record or the name of one of its named sets; defaults:
        ``"ipcc-2006"``, ``"ipcc-2006"``, ``"ipcc-2019r"`` (each model's default).

    Returns
    -------
    WasteParams

    Raises
    ------
    wasteless.errors.InputError
        For an unknown name or a record of the wrong model.

    Examples
    --------
    >>> waste_params(landfill="ipcc-docf-by-type").landfill.name
    'ipcc-docf-by-type'
    """
    return WasteParams(
        landfill=_landfill.landfill_params(landfill),
        biological=resolve(
            biological, _biological.BiologicalParams, _biological.BIOLOGICAL_PARAMS, "biological"
        ),
        incineration=resolve(
            incineration,
            _incineration.IncinerationParams,
            _incineration.INCINERATION_PARAMS,
            "incineration",
        ),
    )


def _years(years: Any, stream: Stream) -> np.ndarray:
    if years is None:
        if stream.years is None:
            raise InputError(
                "the stream has no years: give stream() a total indexed by year, or pass years="
            )
        return np.asarray(stream.years, dtype=np.int64)
    if isinstance(years, (str, bytes)) or not isinstance(years, Iterable):
        raise InputError(f"years must be consecutive calendar years; got {years!r}")
    values = np.asarray(list(years))
    if values.ndim != 1 or not len(values) or values.dtype.kind not in "iu":
        raise InputError(f"years must be consecutive whole years; got {years!r}")
    if not (np.diff(values) == 1).all():
        raise InputError(f"years must be consecutive and increasing; got {list(values)[:6]}")
    return values.astype(np.int64)


def _deposit_rows(stream: Stream, years: np.ndarray) -> np.ndarray:
    """Index of each stream year in ``years`` (every stream year must be inside)."""
    if stream.years is None:
        raise InputError(
            "a scenario's stream must have years: give stream() a total (or shares) as a "
            "pint Series indexed by year"
        )
    given: np.ndarray = np.asarray(stream.years, dtype=np.int64)
    if given[0] < years[0] or given[-1] > years[-1]:
        raise InputError(
            f"the stream's years {given[0]}-{given[-1]} must lie inside years "
            f"{years[0]}-{years[-1]} (its deposits must be counted)"
        )
    rows: np.ndarray = given - years[0]
    return rows


def _on_years(values: np.ndarray, rows: np.ndarray, n_years: int) -> np.ndarray:
    """Per stream year (last axis) -> per inventory year, zero where nothing is treated."""
    out: np.ndarray = np.zeros((*values.shape[:-1], n_years))
    out[..., rows] = values
    return out


def _draws_first(value: Any, n: int | None) -> np.ndarray:
    """Magnitudes in t with the draws on the first axis: (years,) or (n, years)."""
    magnitude = np.asarray(value.to("t").magnitude, dtype=np.float64)
    if n and magnitude.ndim == 2 and magnitude.shape[-1] == n:
        magnitude = magnitude.T  # the treatment models put the draws last
    return magnitude


def route_emissions(
    stream: Stream,
    *,
    climate: str,
    years: Any = None,
    params: WasteParams | None = None,
    technology: str | None = None,
    view: str = "inventory",
    recovered_fraction: Any = 0.0,
) -> dict[str, Emissions]:
    """The gases of each route of one stream, per year: the step :func:`compare` repeats.

    Parameters
    ----------
    stream : Stream
        The waste and where it goes, with years.
    climate : str
        One of :data:`~wasteless.waste.fractions.CLIMATE_ZONES` (landfill decay rates).
    years : iterable of int, optional
        The consecutive inventory years reported; default the stream's. Landfill methane
        goes on after the last deposit: give more years to see it.
    params : WasteParams, optional
        The models' parameter records (default :func:`waste_params`), possibly holding
        Monte Carlo draws.
    technology : str, optional
        The incineration technology (:data:`wasteless.waste.thermal_treatment.TECHNOLOGIES`);
        required when the stream incinerates anything, since its CH₄ and N₂O factors
        differ by three orders of magnitude.
    view : {"inventory", "committed"}, optional
        How landfill methane is counted (see the module docstring).
    recovered_fraction : float or pint.Quantity, optional
        The share of the landfill methane generated that is recovered (flared or used)
        before oxidation, R of IPCC 2006 Eq. 3.1 as a share [fraction or percent]; default
        0, the IPCC default unless recovery is measured. Every landfill route alike.

    Returns
    -------
    dict of str to wasteless.Emissions
        By route (only routes that receive waste), each gas [t] as an array over the
        years, (draws, years) with draws.

    Raises
    ------
    wasteless.errors.InputError
        For a stream without years, years that do not hold the stream's, an unknown
        climate zone or view, or incineration without a technology.

    Examples
    --------
    >>> import pandas as pd
    >>> from wasteless import waste
    >>> total = pd.Series([100.0], index=[2020], dtype="pint[t]")
    >>> s = waste.stream(total, {"food": 1.0}, {"composting": 1.0})
    >>> sorted(route_emissions(s, climate="tropical_wet")["composting"])
    ['CH4', 'N2O']
    """
    if not isinstance(stream, Stream):
        raise InputError(f"stream must be a waste.Stream; got {stream!r}")
    check_name(climate, "climate", CLIMATE_ZONES)
    check_choice(view, "view", VIEWS)
    if technology is not None:
        check_choice(technology, "technology", _incineration.TECHNOLOGIES)
    params = waste_params() if params is None else params
    if not isinstance(params, WasteParams):
        raise InputError(f"params must be a WasteParams (waste_params()); got {params!r}")
    inventory = _years(years, stream)
    rows = _deposit_rows(stream, inventory)
    n = params.n_draws
    out: dict[str, Emissions] = {}
    for r, route in enumerate(ROUTES):
        by_fraction = stream.mass[:, :, r]  # (stream years, fractions) [t]
        if not by_fraction.any() or route in _NOT_COUNTED:
            continue
        if route in _LANDFILL:
            deposits = np.zeros((len(inventory), len(FRACTIONS)))
            deposits[rows] = by_fraction
            if view == "inventory":
                ch4 = _landfill.landfill_methane(
                    quantity(deposits, "t"),
                    params.landfill,
                    climate=climate,
                    site=_LANDFILL[route],
                    years=inventory,
                    recovered_fraction=recovered_fraction,
                ).ch4_emitted
            else:
                ch4 = _landfill.committed_methane(
                    quantity(deposits, "t"),
                    params.landfill,
                    climate=climate,
                    site=_LANDFILL[route],
                    recovered_fraction=recovered_fraction,
                )
            out[route] = Emissions({"CH4": quantity(_draws_first(ch4, n), "t")})
        elif route in _BIOLOGICAL:
            total = quantity(by_fraction.sum(axis=1), "t")
            gases = _biological.biological(total, _BIOLOGICAL[route], params=params.biological)
            out[route] = Emissions(
                {
                    gas: quantity(_on_years(_draws_first(mass, n), rows, len(inventory)), "t")
                    for gas, mass in gases.items()
                }
            )
        else:
            if route == "incineration" and technology is None:
                raise InputError(
                    "technology is required when a stream incinerates: one of "
                    f"{', '.join(_incineration.TECHNOLOGIES)} (the CH4 and N2O factors of "
                    "incineration differ by three orders of magnitude between technologies)"
                )
            masses = {f: quantity(by_fraction[:, i], "t") for i, f in enumerate(FRACTIONS)}
            if route == "incineration":
                gases = _incineration.incineration(
                    masses, str(technology), params=params.incineration
                )
            else:
                gases = _incineration.open_burning(masses, params=params.incineration)
            out[route] = Emissions(
                {
                    gas: quantity(_on_years(_draws_first(mass, n), rows, len(inventory)), "t")
                    for gas, mass in gases.items()
                }
            )
    return out


@dataclass(frozen=True, eq=False)
class ScenarioComparison:
    """Scenarios side by side: the result of :func:`compare`.

    Attributes
    ----------
    emissions : pandas.DataFrame
        Tidy: ``scenario``, ``route``, ``gas``, ``year`` (and ``draw``), ``mass``
        (pint[t]); every gas by name, biogenic CO₂ included.
    co2e : pandas.DataFrame
        Indexed by ``scenario``, ``year`` (and ``draw``): ``co2e``, ``co2e_cumulative``,
        ``avoided`` and ``avoided_cumulative`` (pint[t], CO₂-equivalent mass; avoided =
        baseline − scenario, positive where the scenario emits less).
    baseline : str
        The name of the baseline scenario.
    gwp : str
        The GWP-100 set of the CO₂-equivalents.
    view : str
        How landfill methane was counted (:data:`VIEWS`).
    notes : tuple of str
        What the numbers do and do not count, and the streams' own notes.
    """

    emissions: pd.DataFrame
    co2e: pd.DataFrame
    baseline: str
    gwp: str
    view: str
    notes: tuple[str, ...] = field(default=())

    @property
    def scenarios(self) -> tuple[str, ...]:
        """The scenario names, the baseline first."""
        return tuple(self.co2e.index.get_level_values("scenario").unique())

    def avoided(self, scenario: str, *, cumulative: bool = False) -> pd.Series:
        """CO₂e avoided by ``scenario`` against the baseline, per year [t] (pint Series)."""
        name = check_choice(scenario, "scenario", self.scenarios)
        column = "avoided_cumulative" if check_flag(cumulative, "cumulative") else "avoided"
        series: pd.Series = self.co2e.xs(name, level="scenario")[column]
        return series

    def total_avoided(self, scenario: str) -> Any:
        """CO₂e avoided over all the years [t]: a scalar, or one value per Monte Carlo draw.

        Examples
        --------
        >>> import pandas as pd
        >>> from wasteless import waste
        >>> total = pd.Series([50.0], index=[2020], dtype="pint[t]")
        >>> s = waste.stream(total, {"food": 1.0}, {"landfill_managed_anaerobic": 1.0})
        >>> c = waste.compare(s, {"same": s}, climate="tropical_wet")
        >>> c.total_avoided("same")
        <Quantity(0.0, 'metric_ton')>
        """
        per_year = self.avoided(scenario)
        magnitudes = per_year.pint.magnitude
        if "draw" in per_year.index.names:
            totals = magnitudes.groupby(level="draw").sum().to_numpy()
            return quantity(totals, per_year.pint.units)
        return quantity(float(magnitudes.sum()), per_year.pint.units)

    def __repr__(self) -> str:
        names = ", ".join(self.scenarios)
        return (
            f"<ScenarioComparison {names} (baseline {self.baseline!r}, {self.gwp}, {self.view})>"
        )


def compare(
    baseline: Stream,
    scenarios: Mapping[str, Stream],
    *,
    climate: str,
    years: Any = None,
    gwp: str = "AR6",
    params: WasteParams | None = None,
    technology: str | None = None,
    view: str = "inventory",
    recovered_fraction: Any = 0.0,
    baseline_name: str = "baseline",
) -> ScenarioComparison:
    """The same city's waste under several treatments: gases, CO₂e and what each avoids.

    Parameters
    ----------
    baseline : Stream
        Today's stream (with years): the reference each scenario is compared with.
    scenarios : mapping of str to Stream
        Alternative streams by name, e.g. ``{"digestion": today.move("food",
        "anaerobic_digestion")}``; usually the same waste routed otherwise.
    climate : str
        The climate zone of the landfills (:data:`~wasteless.waste.fractions.CLIMATE_ZONES`).
    years : iterable of int, optional
        The consecutive years reported, which must hold every stream's years; default
        the baseline's. Give more years to follow landfill methane after the last deposit.
    gwp : str, optional
        The GWP-100 set of the CO₂-equivalents (:func:`wasteless.climate.gwp_sets`);
        default ``"AR6"``.
    params : WasteParams, optional
        The models' parameter records (default :func:`waste_params`); with Monte Carlo
        draws every result gains a ``draw`` index level.
    technology : str, optional
        The incineration technology; required when a stream incinerates.
    view : {"inventory", "committed"}, optional
        How landfill methane is counted; default ``"inventory"``.
    recovered_fraction : float or pint.Quantity, optional
        The share of landfill methane recovered (Eq. 3.1's R as a share), in every
        scenario; default 0 (the IPCC default unless recovery is measured).
    baseline_name : str, optional
        The baseline's name in the results; default ``"baseline"``.

    Returns
    -------
    ScenarioComparison

    Raises
    ------
    wasteless.errors.InputError
        For a stream that is not a Stream or has no years, a scenario named like the
        baseline, years that do not hold a stream's, an unknown climate zone, GWP set or
        view, or incineration without a technology.

    Notes
    -----
    Recycling emits nothing here and earns no credit: the IPCC waste sector stops at the
    gate of the recycler, and a credit for displaced virgin material needs a life-cycle
    boundary this library does not draw. Biogenic CO₂ of burning is in ``emissions``
    and never in ``co2e``.

    Examples
    --------
    >>> import pandas as pd
    >>> from wasteless import waste
    >>> total = pd.Series([100.0, 100.0], index=[2020, 2021], dtype="pint[t]")
    >>> today = waste.stream(total, {"food": 0.5, "plastics": 0.5},
    ...                      {"landfill_managed_anaerobic": 1.0})
    >>> burn = today.with_routes({"incineration": 1.0})
    >>> c = compare(today, {"burn": burn}, climate="tropical_wet",
    ...             technology="continuous_stoker", years=range(2020, 2040))
    >>> c.scenarios
    ('baseline', 'burn')
    """
    check_text(baseline_name, "baseline_name")
    if not isinstance(scenarios, Mapping) or not scenarios:
        raise InputError(
            f"scenarios must be a non-empty mapping of name to Stream; got {scenarios!r}"
        )
    if baseline_name in scenarios:
        raise InputError(f"a scenario is named like the baseline ({baseline_name!r}): rename it")
    streams = {baseline_name: baseline, **scenarios}
    for name, stream in streams.items():
        check_text(name, "scenario name")
        if not isinstance(stream, Stream):
            argument = "baseline" if name == baseline_name else f"scenarios[{name!r}]"
            raise InputError(f"{argument} must be a waste.Stream; got {stream!r}")
    gwp_set = _gwp_set(gwp)
    params = waste_params() if params is None else params
    inventory = _years(years, baseline)
    n = params.n_draws if isinstance(params, WasteParams) else None
    rows: list[pd.DataFrame] = []
    totals: dict[str, np.ndarray] = {}
    for name, stream in streams.items():
        routes = route_emissions(
            stream,
            climate=climate,
            years=inventory,
            params=params,
            technology=technology,
            view=view,
            recovered_fraction=recovered_fraction,
        )
        total = np.zeros((n, len(inventory)) if n else len(inventory))
        for route, gases in routes.items():
            total = total + np.asarray(gases.co2e(gwp_set).to("t").magnitude)
            for gas, mass in gases.items():
                rows.append(_tidy(name, route, gas, inventory, mass, n))
        totals[name] = total
    emissions = pd.concat(rows, ignore_index=True) if rows else _tidy_empty()
    notes = [
        "recycling emits nothing here and earns no credit (outside the IPCC waste sector)",
        "biogenic CO2 is reported in emissions and never counted in co2e",
    ]
    for stream in streams.values():
        notes.extend(note for note in stream.notes if note not in notes)
    return ScenarioComparison(
        emissions=emissions,
        co2e=_co2e_table(totals, baseline_name, inventory, n),
        baseline=baseline_name,
        gwp=gwp_set.name,
        view=view,
        notes=tuple(notes),
    )


def _tidy(
    name: str, route: str, gas: str, years: np.ndarray, mass: Any, n: int | None
) -> pd.DataFrame:
    values = np.asarray(mass.to("t").magnitude, dtype=np.float64)
    if n:
        draws = np.tile(np.arange(n), len(years))
        year_column = np.repeat(years, n)
        flat = values.T.reshape(-1)  # year-major, draws within
    else:
        draws = None
        year_column = years
        flat = values.reshape(-1)
    frame = pd.DataFrame(
        {
            "scenario": name,
            "route": route,
            "gas": gas,
            "year": year_column,
            **({"draw": draws} if n else {}),
            "mass": _tonnes(flat),
        }
    )
    return frame


def _tonnes(values: np.ndarray) -> Any:
    """A pint-pandas array of masses in tonnes (a column of a tidy table)."""
    return pint_series(np.asarray(values, dtype=np.float64), "t").array


def _tidy_empty() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "scenario": pd.Series(dtype=object),
            "route": pd.Series(dtype=object),
            "gas": pd.Series(dtype=object),
            "year": pd.Series(dtype=np.int64),
            "mass": _tonnes(np.zeros(0)),
        }
    )


def _co2e_table(
    totals: Mapping[str, np.ndarray], baseline: str, years: np.ndarray, n: int | None
) -> pd.DataFrame:
    frames = []
    base = totals[baseline]
    for name, total in totals.items():
        avoided = base - total
        columns = {
            "co2e": total,
            "co2e_cumulative": np.cumsum(total, axis=-1),
            "avoided": avoided,
            "avoided_cumulative": np.cumsum(avoided, axis=-1),
        }
        if n:
            index = pd.MultiIndex.from_product(
                [[name], years, np.arange(n)], names=["scenario", "year", "draw"]
            )
            data = {k: _tonnes(v.T.reshape(-1)) for k, v in columns.items()}
        else:
            index = pd.MultiIndex.from_product([[name], years], names=["scenario", "year"])
            data = {k: _tonnes(v) for k, v in columns.items()}
        frames.append(pd.DataFrame(data, index=index))
    return pd.concat(frames)
