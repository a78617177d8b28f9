r"""Reader: the World Bank's *What a Waste 2.0* city table (municipal solid waste).

*What a Waste 2.0* (Kaza et al., World Bank, 2018) publishes one row per city (367
cities, 113 columns in ``city_level_data_0_0.csv``): population, municipal solid waste
(MSW) generated, its composition and where it goes. :func:`read_what_a_waste` turns it
into one tidy table in wasteless's vocabulary: composition by
:data:`~wasteless.waste.fractions.FRACTIONS`, treatment by
:data:`~wasteless.waste.fractions.ROUTES`, with units, and the treatment shares that are
no route kept in columns of their own. :func:`wasteless.waste.streams.stream_for_city`
builds a city's waste stream from it.

How the columns map (every decision, and what is uncertain about it):

==========================================  ========================================
What a Waste column (``..._percent``)       wasteless column
==========================================  ========================================
composition_food_organic_waste              ``composition_food``
composition_yard_garden_green_waste         ``composition_garden``
composition_paper_cardboard                 ``composition_paper``
composition_wood                            ``composition_wood``
composition_plastic                         ``composition_plastics``
composition_glass                           ``composition_glass``
composition_metal                           ``composition_metal``
composition_rubber_leather                  ``composition_rubber_leather``
composition_other                           ``composition_other``
(none)                                      ``composition_textiles``, ``composition_nappies``:
                                            always NaN. What a Waste has no textile or
                                            nappy column; they are presumably inside
                                            "other", which IPCC treats as inert.
waste_treatment_sanitary_landfill\_         ``treatment_landfill_managed_anaerobic``
landfill_gas_system                         (IPCC 2006 Table 3.1 managed anaerobic, MCF 1;
                                            a sanitary landfill with a gas system is
                                            managed, whether it is semi-aerobic is not said)
waste_treatment_controlled_landfill and     ``treatment_landfill_uncategorised`` (their
waste_treatment_landfill_unspecified        sum; MCF 0.6): a "controlled" landfill is
                                            fenced and covered but its management and
                                            depth are not stated, so its Table 3.1 type
                                            is uncertain (it could be managed, MCF 1 or
                                            0.5, or unmanaged)
waste_treatment_open_dump                   ``treatment_landfill_unmanaged_shallow``
                                            (MCF 0.4, the class bonsai-ipcc maps open dumps
                                            to; a deep dump, ≥ 5 m, would be
                                            ``unmanaged_deep``, MCF 0.8: not known)
waste_treatment_incineration                ``treatment_incineration`` (with or without
                                            energy recovery: not said)
waste_treatment_compost                     ``treatment_composting``
waste_treatment_anaerobic_digestion         ``treatment_anaerobic_digestion``
waste_treatment_recycling                   ``treatment_recycling``
waste_treatment_advanced_thermal_treatment  ``treatment_advanced_thermal_treatment``: not
                                            a route (gasification or pyrolysis are not
                                            incineration's emission factors)
waste_treatment_waterways_marine            ``treatment_waterways_marine``: not a route
waste_treatment_other                       ``treatment_other``: not a route
waste_treatment_unaccounted_for             ``treatment_unaccounted_for``: not a route
                                            (often uncollected waste, dumped or burnt:
                                            the table does not say)
==========================================  ========================================

``treatment_landfill_managed_semi_aerobic``, ``treatment_landfill_unmanaged_deep`` and
``treatment_open_burning`` have no What a Waste column and are always NaN.

Caveats (the World Bank's, and ours): the figures were reported by cities or studies of
*different years (mostly 2010-2017)* and methods, and the table has *no year column*;
composition and treatment rows do not always sum to 100 % (``composition_sum`` and
``treatment_sum`` show it); an empty cell is *unknown* (NaN), never 0. City names
whose UTF-8 was decoded as Windows-1252 in the published file (``KrakÃ³w``) are
repaired (``Kraków``) and listed in ``attrs["repaired_names"]``.

A small real extract ships with wasteless (11 cities, the columns read here, cells
as published: ``wasteless/data/what_a_waste_sample/``); ``read_what_a_waste()`` reads
it. Licence of the data: Creative Commons Attribution 4.0 (CC BY 4.0).

Examples
--------
>>> from wasteless.io import read_what_a_waste
>>> table = read_what_a_waste()
>>> beijing = table.set_index("city").loc["Beijing"]
>>> float(beijing["population"]), beijing["msw_generated"]
(20384000.0, <Quantity(7903000.0, 'metric_ton / year')>)
>>> beijing["composition_food"], beijing["treatment_landfill_managed_anaerobic"]
(<Quantity(63.4, 'percent')>, <Quantity(90.0, 'percent')>)
>>> table.attrs["licence"]
'CC BY 4.0 (Creative Commons Attribution 4.0): cite the source when you use or show the data'
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from importlib import resources
from io import StringIO
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from wasteless._validate import check_columns
from wasteless.errors import InputError
from wasteless.io.cnemc import _bytes_of
from wasteless.units import FloatArray, pint_series
from wasteless.waste.fractions import FRACTIONS
from wasteless.waste.streams import COMPOSITION_PREFIX, TREATMENT_PREFIX, UNROUTED_COLUMNS

__all__ = ["COMPOSITION_COLUMNS", "TREATMENT_COLUMNS", "read_what_a_waste"]

COMPOSITION_COLUMNS: Mapping[str, str | None] = MappingProxyType(
    {
        "food": "composition_food_organic_waste_percent",
        "garden": "composition_yard_garden_green_waste_percent",
        "paper": "composition_paper_cardboard_percent",
        "wood": "composition_wood_percent",
        "textiles": None,
        "nappies": None,
        "rubber_leather": "composition_rubber_leather_percent",
        "plastics": "composition_plastic_percent",
        "metal": "composition_metal_percent",
        "glass": "composition_glass_percent",
        "other": "composition_other_percent",
    }
)
"""Fraction -> the What a Waste composition column it is read from (None: no column)."""

TREATMENT_COLUMNS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "landfill_managed_anaerobic": (
            "waste_treatment_sanitary_landfill_landfill_gas_system_percent",
        ),
        "landfill_managed_semi_aerobic": (),
        "landfill_unmanaged_deep": (),
        "landfill_unmanaged_shallow": ("waste_treatment_open_dump_percent",),
        "landfill_uncategorised": (
            "waste_treatment_controlled_landfill_percent",
            "waste_treatment_landfill_unspecified_percent",
        ),
        "incineration": ("waste_treatment_incineration_percent",),
        "open_burning": (),
        "composting": ("waste_treatment_compost_percent",),
        "anaerobic_digestion": ("waste_treatment_anaerobic_digestion_percent",),
        "recycling": ("waste_treatment_recycling_percent",),
        **{
            column.removeprefix(TREATMENT_PREFIX): (
                f"waste_treatment_{column.removeprefix(TREATMENT_PREFIX)}_percent",
            )
            for column in UNROUTED_COLUMNS
        },
    }
)
"""Route (or a treatment that is no route) -> the What a Waste columns summed into it."""

_TEXT_COLUMNS = {
    "city": "city_name",
    "country": "country_name",
    "iso3c": "iso3c",
    "region": "region_id",
    "income": "income_id",
}
_POPULATION = "population_population_number_of_people"
_MSW = "total_msw_total_msw_generated_tons_year"
_REQUIRED = (
    *_TEXT_COLUMNS.values(),
    _POPULATION,
    _MSW,
    *(c for c in COMPOSITION_COLUMNS.values() if c is not None),
    *(c for columns in TREATMENT_COLUMNS.values() for c in columns),
)
# "100,000": What a Waste writes one MSW figure with a thousands separator.
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
_SAMPLE = "city_level_data_sample.csv"

_CITATION = (
    "Kaza, S., Yao, L., Bhada-Tata, P., Van Woerden, F. (2018). What a Waste 2.0: A "
    "Global Snapshot of Solid Waste Management to 2050. World Bank, Washington, DC."
)
_ATTRS: dict[str, Any] = {
    "source": (
        "World Bank Data Catalog, 'What a Waste Global Database', city table "
        "city_level_data_0_0.csv (the copy in the public repository RMI/SWEET_python)"
    ),
    "citation": _CITATION,
    "licence": (
        "CC BY 4.0 (Creative Commons Attribution 4.0): cite the source when you use or "
        "show the data"
    ),
    "note": (
        "figures of different years (mostly 2010-2017) and methods, reported by cities "
        "or studies; no year column; empty cells are unknown (NaN), never 0; "
        "composition and treatment shares do not always sum to 100 % (see "
        "composition_sum, treatment_sum)"
    ),
    "mapping_notes": {
        "landfill_managed_anaerobic": (
            "sanitary landfill with landfill gas system read as IPCC managed anaerobic "
            "(MCF 1); semi-aerobic operation is not reported"
        ),
        "landfill_uncategorised": (
            "controlled landfill + landfill unspecified; a controlled landfill's IPCC site "
            "type (managed or not, depth) is not reported"
        ),
        "landfill_unmanaged_shallow": (
            "open dump read as unmanaged shallow (< 5 m, MCF 0.4), as bonsai-ipcc does; "
            "depth is not reported"
        ),
        "incineration": "with or without energy recovery: not reported",
        "textiles, nappies": "no What a Waste column: NaN (presumably inside 'other')",
        "not routes": (
            "advanced thermal treatment, waterways/marine, other, unaccounted for: kept "
            "in their own columns, no route"
        ),
    },
}


def _sample_path() -> Path:
    return Path(str(resources.files("wasteless") / "data" / "what_a_waste_sample" / _SAMPLE))


def _text(path: Path, shown: str) -> str:
    raw = _bytes_of(path)  # the CNEMC reader's: plain or gzip, a byte-order mark dropped
    if not raw.strip():
        raise InputError(f"path: {shown} is empty")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"path: {shown} is not UTF-8 text (a CSV file)") from None


def _repair(name: str) -> str:
    """A name whose UTF-8 bytes were read as Windows-1252, repaired; spaces stripped.

    Only a name that round-trips (encodes to cp1252, decodes as UTF-8) changes, so a
    correct name such as ``Côte d’Ivoire`` stays as it is.
    """
    try:
        fixed = name.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        fixed = name
    return fixed.strip()  # also the no-break spaces (U+00A0) after some names


def _numbers(raw: pd.Series, column: str, cities: pd.Series, shown: str) -> FloatArray:
    """A column of number cells as float64 (empty: NaN); anything else is refused."""
    values = np.full(len(raw), np.nan)
    for i, cell in enumerate(raw.to_numpy(dtype=object)):
        text = str(cell).strip()
        if not text:
            continue
        if _THOUSANDS.match(text):
            text = text.replace(",", "")
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise InputError(
                f"path: {shown}, city {cities.iloc[i]!r}: {column} must be a number or "
                f"empty; got {cell!r}"
            )
        if number < 0.0:
            raise InputError(
                f"path: {shown}, city {cities.iloc[i]!r}: {column} must be >= 0; got {cell!r}"
            )
        values[i] = number
    return values


def _percents(
    raw: pd.DataFrame, columns: tuple[str, ...], cities: pd.Series, shown: str
) -> FloatArray:
    """The sum of What a Waste percent columns (NaN when every one is empty)."""
    out = np.full(len(raw), np.nan)
    for column in columns:
        values = _numbers(raw[column], column, cities, shown)
        above = values > 100.0
        if above.any():
            at = int(np.flatnonzero(above)[0])
            raise InputError(
                f"path: {shown}, city {cities.iloc[at]!r}: {column} must be a share in "
                f"[0, 100] %; got {raw[column].iloc[at]!r}"
            )
        out = np.where(np.isnan(out), values, np.where(np.isnan(values), out, out + values))
    return out


def _row_sums(shares: FloatArray) -> FloatArray:
    """The sum of each row's reported shares (NaN when none is).

    Summed exactly (``math.fsum``) and rounded to 1e-10 percentage points, far below
    the precision of any published share, so that 63.4 + 11.1 + ... reads 100.0 and
    99.998 + 0.007 reads 100.005, as the decimal cells sum, not 100.00500000000001.
    """
    return np.array(
        [
            round(math.fsum(row[~np.isnan(row)]), 10) if (~np.isnan(row)).any() else math.nan
            for row in shares
        ]
    )


def read_what_a_waste(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Read the What a Waste 2.0 city table into one tidy table with units.

    Parameters
    ----------
    path : str or path, optional
        The city table, ``city_level_data_0_0.csv`` as the World Bank publishes it
        (plain or gzip-compressed, UTF-8), or any CSV with its columns. Default: the
        real extract shipped with wasteless (11 cities, Beijing among them).

    Returns
    -------
    pandas.DataFrame
        One row per city, in the file's order (a RangeIndex), with the columns

        * ``city``, ``country``, ``iso3c``, ``region`` (World Bank region, e.g. EAS),
          ``income`` (LIC, LMC, UMC, HIC): str;
        * ``population``: float64 [people], NaN when not reported;
        * ``msw_generated``: pint [t/year], municipal solid waste generated;
        * ``msw_per_capita``: pint [kg/day] per person, ``msw_generated /
          population`` (derived here; NaN when either is missing or population is 0);
        * ``composition_<fraction>`` for each of
          :data:`~wasteless.waste.fractions.FRACTIONS`: pint [percent] of wet weight
          (textiles and nappies always NaN: no such column);
        * ``composition_sum``: pint [percent], the sum of the reported shares (NaN
          when none is reported);
        * ``treatment_<route>`` for each of :data:`~wasteless.waste.fractions.ROUTES`,
          then ``treatment_advanced_thermal_treatment``, ``treatment_waterways_marine``,
          ``treatment_other``, ``treatment_unaccounted_for`` (no route): pint
          [percent]; see the module docstring for the mapping;
        * ``treatment_sum``: pint [percent], the sum of all reported treatment shares.

        Empty cells are NaN (unknown), never 0. ``attrs`` holds ``source``,
        ``citation``, ``licence``, ``note`` (years and methods differ; no year column),
        ``mapping_notes``, ``path``, ``repaired_names`` (repaired -> as published) and
        ``counts`` (``cities``, ``with_msw``, ``with_food_share``,
        ``with_any_composition``, ``with_treatment``).

    Raises
    ------
    wasteless.errors.InputError
        If the file cannot be read, is empty, not UTF-8 or not CSV; if a column the
        reader needs is missing (naming it); if a number cell is not a number, is
        negative, or a share is above 100 % (naming the city, column and value).

    See Also
    --------
    wasteless.waste.streams.stream_for_city : the waste stream of one city of it.

    References
    ----------
    Kaza, S., Yao, L., Bhada-Tata, P., Van Woerden, F. (2018). *What a Waste 2.0: A
    Global Snapshot of Solid Waste Management to 2050.* World Bank, Washington, DC.
    Licence: CC BY 4.0.

    Examples
    --------
    >>> table = read_what_a_waste()
    >>> table[["city", "composition_food", "composition_sum"]].head(3)
          city  composition_food  composition_sum
    0  Beijing              63.4            100.0
    1  Hamburg             21.49            99.97
    2    Osaka              10.4            100.0
    >>> table.attrs["repaired_names"]
    {'Kraków': 'KrakÃ³w', 'Sanaá': 'SanaÃ¡'}
    """
    if path is None:
        source = _sample_path()
    elif isinstance(path, (str, os.PathLike)) and os.fspath(path) != "":
        source = Path(path)
    else:
        raise InputError(
            f"path must be the path of the What a Waste city table (CSV) or None for the "
            f"shipped sample; got {path!r:.80}"
        )
    shown = repr(os.fspath(source))
    if source.is_dir():
        raise InputError(f"path: {shown} is a directory; give the CSV file")
    if not source.is_file():
        raise InputError(f"path: no file {shown}")
    text = _text(source, shown)
    try:
        raw = pd.read_csv(StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as error:
        raise InputError(f"path: {shown} is not a CSV table ({error})") from None
    check_columns(
        raw.columns,
        _REQUIRED,
        lambda missing: (
            f"path: {shown} has no column {', '.join(map(repr, missing[:5]))}"
            f"{f' (and {len(missing) - 5} more)' if len(missing) > 5 else ''}: it is not "
            "the What a Waste 2.0 city table (city_level_data_0_0.csv)"
        ),
    )
    if raw.empty:
        raise InputError(f"path: {shown} has no rows")
    out = pd.DataFrame(index=pd.RangeIndex(len(raw)))
    repaired: dict[str, str] = {}
    for name, column in _TEXT_COLUMNS.items():
        published = raw[column]
        fixed = published.map(_repair)
        if name in ("city", "country"):
            changed = fixed.ne(published.str.strip())
            repaired.update(zip(fixed[changed], published[changed], strict=True))
        out[name] = fixed.to_numpy(dtype=object)
    cities = out["city"]
    population = _numbers(raw[_POPULATION], _POPULATION, cities, shown)
    msw = _numbers(raw[_MSW], _MSW, cities, shown)
    out["population"] = population
    out["msw_generated"] = pint_series(msw, "t/year", out.index)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_person = np.where(population > 0.0, msw / population, np.nan)
    # t/year per person -> kg/day: 1000 kg/t over pint's year of 365.25 days
    out["msw_per_capita"] = pint_series(per_person * 1000.0 / 365.25, "kg/day", out.index)
    shares: list[FloatArray] = []
    for fraction in FRACTIONS:
        source_column = COMPOSITION_COLUMNS[fraction]
        values = _percents(raw, () if source_column is None else (source_column,), cities, shown)
        out[COMPOSITION_PREFIX + fraction] = pint_series(values, "percent", out.index)
        shares.append(values)
    composition_sum = _row_sums(np.column_stack(shares))
    out["composition_sum"] = pint_series(composition_sum, "percent", out.index)
    shares = []
    for route, columns in TREATMENT_COLUMNS.items():
        values = _percents(raw, columns, cities, shown)
        out[TREATMENT_PREFIX + route] = pint_series(values, "percent", out.index)
        shares.append(values)
    treatment_sum = _row_sums(np.column_stack(shares))
    out["treatment_sum"] = pint_series(treatment_sum, "percent", out.index)
    food = out[COMPOSITION_PREFIX + "food"].isna().to_numpy()
    out.attrs.update(
        {
            **_ATTRS,
            "mapping_notes": dict(_ATTRS["mapping_notes"]),
            "path": os.fspath(source),
            "repaired_names": repaired,
            "counts": {
                "cities": len(out),
                "with_msw": int(np.count_nonzero(~np.isnan(msw))),
                "with_food_share": int(np.count_nonzero(~food)),
                "with_any_composition": int(np.count_nonzero(~np.isnan(composition_sum))),
                "with_treatment": int(np.count_nonzero(~np.isnan(treatment_sum))),
            },
        }
    )
    return out
