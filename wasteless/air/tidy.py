r"""The tidy table of a monitoring network: its columns, units and hour convention.

A *tidy* table holds one row per (time, station, pollutant): what
:func:`wasteless.io.read_cnemc` returns and what :mod:`wasteless.air.network` and
:mod:`wasteless.air.city` take, as a pandas DataFrame or a dask DataFrame. This module is
the one place that knows it; every consumer reads the table through it, so a table means
the same to each of them.

=============  ===================================================================
column         meaning
=============  ===================================================================
``time``       datetime64: the hour the value averages, stamped by its beginning
               (or its end: the hour convention below), local wall-clock time
``station``    station code (categorical or text)
``pollutant``  row type, e.g. ``"PM2.5"``, ``"CO"``, ``"O3"`` (categorical or text)
``value``      float, NaN where there is no valid value
``unit``       optional: the unit of the row's value (categorical), e.g. ``"ug/m**3"``
=============  ===================================================================

**Units: one rule.** A table's units come from its ``unit`` column, else from
``frame.attrs["units"]`` (pollutant → unit); where a function also takes ``units=``,
the argument may add the unit of a pollutant the table does not give, but where the
table and the argument (or the column and the attrs) give one pollutant two different
units, the call is refused and the message names both: wasteless never picks one
silently, and never assumes a unit (:func:`units_of`).

*Why a column.* ``DataFrame.attrs`` is documented by pandas as experimental: it is kept
by some operations and dropped by others (a merge, a groupby, most I/O), and a dask
DataFrame has no attrs at all (only its metadata frame does, which shuffles and
``from_pandas`` do not carry to the partitions). A ``unit`` column is data: it survives
filtering, sorting, ``pd.concat`` (rows from two sources keep their own units, and a
pollutant left with two units is refused rather than mixed), merges, parquet, and every
dask shuffle, because each partition carries its rows' units. A categorical column
costs one byte a row (its int8 codes: about 86 MB beside the 1.6 GB of a year of the
national network, +5 %), and :func:`~wasteless.io.read_cnemc` builds it from the
pollutant codes with one lookup. Encoding the unit in the pollutant name would change
the names every consumer and user matches on; a typed wrapper would not be a DataFrame
and would be lost at the first pandas operation. ``attrs["units"]`` is still written by
the reader and read here when a table has no ``unit`` column (tables built by hand, as
in the examples), so 0.2 code keeps working.

**Hour convention: one meaning.** ``hour_label`` says what a timestamp marks:
``"beginning"`` (the start of the hour the value averages, the default) or
``"ending"`` (its end). A table says it in ``frame.attrs["hour_label"]`` (the reader
writes ``"beginning"``: whatever the files stamp, its ``time`` is the beginning of the
averaging hour); an argument ``hour_label=`` that contradicts the table is refused,
naming both, so that a convention is never applied twice (:func:`hour_label_of`). The
reader's own argument, what the files' hours stamp, is recorded apart as
``attrs["file_hour_label"]`` and read by nothing here.

**pandas and dask.** :func:`check_frame`, :func:`units_of`, :func:`hour_label_of` and
:func:`with_units` take either and behave the same; on a dask frame the attrs are
those of its metadata (``frame._meta``), and a ``unit`` column is checked in each
partition when it is computed (reading it earlier would compute the whole frame).

Examples
--------
>>> import pandas as pd
>>> hours = pd.date_range("2019-01-01", periods=2, freq="h")
>>> frame = pd.DataFrame({"time": hours, "station": "1001A", "pollutant": ["PM2.5", "CO"],
...                       "value": [53.0, 1.2]})
>>> frame = with_units(frame, {"PM2.5": "ug/m3", "CO": "mg/m3"})
>>> frame["unit"].tolist()
['ug/m3', 'mg/m3']
>>> units_of(frame)
{'PM2.5': <Unit('microgram / meter ** 3')>, 'CO': <Unit('milligram / meter ** 3')>}
>>> units_of(frame, {"CO": "ug/m3"})
Traceback (most recent call last):
...
wasteless.errors.InputError: units['CO'] = 'ug/m3' differs from tidy['unit'] = 'mg/m3' on ...
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from wasteless._validate import check_columns, check_flag
from wasteless.air.pollutants import POLLUTANTS
from wasteless.errors import InputError
from wasteless.units import Q_, FloatArray, magnitude_in, parse_units

__all__ = [
    "COLUMNS",
    "HOUR_LABELS",
    "UNIT_COLUMN",
    "check_frame",
    "hour_label_of",
    "units_of",
    "with_units",
]

COLUMNS: tuple[str, ...] = ("time", "station", "pollutant", "value")
"""The columns every tidy table has."""

UNIT_COLUMN = "unit"
"""The optional column that carries each row's unit (categorical)."""

HOUR_LABELS: tuple[str, ...] = ("beginning", "ending")
"""What a timestamp may mark: the beginning (the default) or the end of its hour."""

_CONCENTRATION_UNIT = "ug/m**3"  # the six pollutants' units must convert to it


def is_dask(frame: Any) -> bool:
    """Whether ``frame`` is a dask DataFrame (dask is optional: recognised by its module)."""
    return type(frame).__module__.startswith("dask") and hasattr(frame, "npartitions")


def check_frame(frame: Any, argument: str = "tidy", *, times: bool = True) -> Any:
    """Return ``frame`` if it is a tidy table (pandas or dask), else refuse it.

    Parameters
    ----------
    frame : pandas.DataFrame or dask.dataframe.DataFrame
        The table, with the columns :data:`COLUMNS`.
    argument : str, optional
        The name of the argument, for the message.
    times : bool, optional
        Check that ``time`` is datetime64 without a zone (default True); False where the
        times are only labels (:func:`~wasteless.air.network.realtime` with an explicit
        edition) or not used (:func:`units_of`).

    Returns
    -------
    pandas.DataFrame or dask.dataframe.DataFrame
        ``frame`` itself (not copied).

    Raises
    ------
    wasteless.errors.InputError
        If ``frame`` is not a DataFrame or lacks one of :data:`COLUMNS` (the message
        lists the missing ones and the columns it has); with ``times``, if ``time`` is not
        datetime64 without a zone (a zone-aware or text column, with the line that
        converts it).

    Examples
    --------
    >>> check_frame(pd.DataFrame({"time": [], "value": []}), "frame")
    Traceback (most recent call last):
    ...
    wasteless.errors.InputError: frame: no column(s) ['station', 'pollutant']; a tidy table ...
    """
    if not isinstance(frame, pd.DataFrame) and not is_dask(frame):
        raise InputError(
            f"{argument} must be a pandas (or dask) DataFrame with the columns "
            f"{', '.join(COLUMNS)}; got {type(frame).__name__}"
        )
    check_columns(
        frame.columns,
        COLUMNS,
        lambda missing: (
            f"{argument}: no column(s) {missing}; a tidy table has the columns "
            f"{', '.join(COLUMNS)} (one row per time, station and pollutant); got "
            f"{list(frame.columns)}"
        ),
    )
    if check_flag(times, "times") and (is_dask(frame) or len(frame)):  # empty: no time
        _check_times(frame.dtypes["time"], argument)
    return frame


def _check_times(dtype: Any, argument: str) -> None:
    """Times are datetime64 without a zone: Beijing time, as the network stamps them.

    A zone-aware column is refused rather than converted (which zone's days a daily
    mean covers is the user's choice to write down); text is refused rather than
    parsed (its format would be guessed).
    """
    if isinstance(dtype, pd.DatetimeTZDtype):
        raise InputError(
            f"{argument}: the time column has a time zone ({dtype}); wasteless reads times "
            "as Beijing time (UTC+8) without a zone, as the network stamps them: "
            f"{argument}['time'] = {argument}['time'].dt.tz_convert('Asia/Shanghai')"
            ".dt.tz_localize(None)"
        )
    if not pd.api.types.is_datetime64_dtype(dtype):
        raise InputError(
            f"{argument}: the time column must be datetime64 (Beijing time, no zone); got "
            f"{dtype}: parse it, e.g. {argument}['time'] = pd.to_datetime({argument}['time'], "
            "format='%Y-%m-%d %H:%M:%S')"
        )


def _attrs(frame: Any) -> Mapping[str, Any]:
    """The table's attrs: its own (pandas) or its metadata frame's (dask)."""
    if is_dask(frame):
        meta = getattr(frame, "_meta", None)
        attrs = getattr(meta, "attrs", None)
    else:
        attrs = getattr(frame, "attrs", None)
    return attrs if isinstance(attrs, Mapping) else {}


def _codes(column: pd.Series) -> tuple[Any, list[str]]:
    """Integer codes (-1: missing) and labels of a categorical or text column."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), [str(c) for c in column.cat.categories]
    codes, uniques = pd.factorize(column)
    return codes, [str(u) for u in uniques]


def _column_units(frame: pd.DataFrame, argument: str) -> dict[str, str]:
    """Pollutant → unit text of a pandas table's unit column; two units for one refused."""
    pollutant_codes, pollutants = _codes(frame["pollutant"])
    unit_codes, units = _codes(frame[UNIT_COLUMN])
    if (unit_codes < 0).any():
        raise InputError(
            f"{argument}[{UNIT_COLUMN!r}] has missing values; every row names its unit"
        )
    # one pass: a count per (pollutant code + 1, unit code); a missing pollutant (-1) is 0
    pairs = pollutant_codes.astype(np.intp)
    pairs += 1
    pairs *= len(units)
    pairs += unit_codes
    counts = np.bincount(pairs, minlength=(len(pollutants) + 1) * len(units))
    seen = np.flatnonzero(counts[len(units) :])
    found: dict[str, str] = {}
    for pair in seen.tolist():
        pollutant, unit = pollutants[pair // len(units)], units[pair % len(units)]
        if pollutant in found:
            raise InputError(
                f"{argument}: the rows of {pollutant!r} carry two units in "
                f"{argument}[{UNIT_COLUMN!r}] ({found[pollutant]!r} and {unit!r}); convert "
                "them to one unit first: wasteless does not mix them"
            )
        found[pollutant] = unit
    return found


def _mapping(given: Any, name: str) -> Mapping[Any, Any]:
    if not isinstance(given, Mapping):
        raise InputError(
            f"{name} must be a dict of pollutant to unit string, e.g. {{'PM2.5': 'ug/m3', "
            f"'CO': 'mg/m3'}}; got {given!r}"
        )
    return given


def units_of(frame: Any, units: Mapping[str, Any] | None = None, *, argument: str = "tidy") -> Any:
    """The unit of each pollutant of a tidy table, by the one rule (see the module).

    Parameters
    ----------
    frame : pandas.DataFrame or dask.dataframe.DataFrame
        A tidy table: its units in a ``unit`` column, or in ``frame.attrs["units"]``.
    units : mapping, optional
        Pollutant → unit string (or pint Unit) given by the caller, e.g.
        ``{"PM2.5": "ug/m3", "CO": "mg/m3"}``: for the pollutants the table gives no unit.
    argument : str, optional
        The name of the table argument, for the messages.

    Returns
    -------
    dict of str to pint.Unit
        Every pollutant with a unit [as given; a row type of the six pollutants (e.g.
        ``"PM2.5"``, ``"CO_24h"``) must be a mass concentration]. On a dask frame with a
        ``unit`` column, the units of the attrs and of ``units=`` (the column is checked
        against them in each partition).

    Raises
    ------
    wasteless.errors.InputError
        If the table and ``units=`` (or the ``unit`` column and the attrs) give one
        pollutant two different units, naming both; if no unit is given at all; if
        ``units`` or ``attrs["units"]`` is not a dict; a unit pint does not know; a
        pollutant with two units in the ``unit`` column.
    wasteless.errors.UnitsError
        If the unit of one of the six pollutants is not a mass concentration.

    Examples
    --------
    >>> frame = pd.DataFrame({"time": [pd.Timestamp("2019-01-01")], "station": ["A"],
    ...                       "pollutant": ["PM2.5"], "value": [35.0]})
    >>> frame.attrs["units"] = {"PM2.5": "ug/m3"}
    >>> units_of(frame, {"CO": "mg/m3"})
    {'PM2.5': <Unit('microgram / meter ** 3')>, 'CO': <Unit('milligram / meter ** 3')>}
    """
    check_frame(frame, argument, times=False)  # units only
    sources: list[tuple[str, Mapping[Any, Any]]] = []
    has_column = UNIT_COLUMN in frame.columns
    if has_column and not is_dask(frame):
        sources.append((f"{argument}[{UNIT_COLUMN!r}]", _column_units(frame, argument)))
    attached = _attrs(frame).get("units")
    if attached is not None:
        sources.append(
            (f"{argument}.attrs['units']", _mapping(attached, f"{argument}.attrs['units']"))
        )
    if units is not None:
        sources.append(("units", _mapping(units, "units")))
    if not sources and not has_column:
        raise InputError(
            f"{argument} carries no units: it has no {UNIT_COLUMN!r} column and "
            f"{argument}.attrs['units'] is missing; pass units={{'PM2.5': 'ug/m3', 'CO': "
            "'mg/m3', ...}} (wasteless.io.read_cnemc gives both; wasteless never assumes a "
            "unit)"
        )
    parsed: dict[str, Any] = {}
    said: dict[str, str] = {}  # where the first unit of each pollutant was given, and how
    for where, mapping in sources:
        for key, given in mapping.items():
            pollutant = str(key)
            label = f"units[{pollutant!r}]" + ("" if where == "units" else f" (in {where})")
            unit = parse_units(given, label)
            if pollutant.split("_")[0] in POLLUTANTS:
                magnitude_in(Q_(1.0, unit), _CONCENTRATION_UNIT, label)  # a concentration
            if where == "units":
                this = f"units[{pollutant!r}] = {given!r}"
            elif where.endswith("['units']"):
                this = f"{where}[{pollutant!r}] = {given!r}"
            else:
                this = f"{where} = {given!r} on the rows of {pollutant!r}"
            if pollutant not in parsed:
                parsed[pollutant], said[pollutant] = unit, this
            elif parsed[pollutant] != unit:
                if where == "units":
                    raise InputError(
                        f"{this} differs from {said[pollutant]}; pass units= only for the "
                        "pollutants the table gives no unit, or the same unit"
                    )
                raise InputError(f"{argument}: {said[pollutant]} but {this}; make them agree")
    return parsed


def unit_for(units: Mapping[str, Any], pollutant: str, argument: str = "tidy") -> Any:
    """The unit of ``pollutant`` in a :func:`units_of` result, or a message naming it."""
    if pollutant not in units:
        example = "mg/m3" if pollutant.startswith("CO") else "ug/m3"
        raise InputError(
            f"no unit for {pollutant!r} in the units of {argument} "
            f"({ {k: str(v) for k, v in units.items()} }); add e.g. units={{{pollutant!r}: "
            f"{example!r}}} or a {UNIT_COLUMN!r} column"
        )
    return units[pollutant]


def hour_label_of(frame: Any, hour_label: str | None = None, *, argument: str = "tidy") -> str:
    """What the table's timestamps mark, by the one rule (see the module).

    Parameters
    ----------
    frame : pandas.DataFrame or dask.dataframe.DataFrame
        A tidy table; ``frame.attrs["hour_label"]``, if present, says what its ``time``
        stamps.
    hour_label : {"beginning", "ending"} or None, optional
        What the caller says the timestamps mark; None (default): the table's own, else
        ``"beginning"``.
    argument : str, optional
        The name of the table argument, for the messages.

    Returns
    -------
    str
        ``"beginning"`` or ``"ending"``.

    Raises
    ------
    wasteless.errors.InputError
        If ``frame`` is not a tidy table (:func:`check_frame`); if ``hour_label`` is not
        None, ``"beginning"`` or ``"ending"``; if it contradicts
        the table's ``attrs["hour_label"]`` (naming both); if that attribute is not one of
        the two.

    Examples
    --------
    >>> frame = pd.DataFrame({"time": [], "station": [], "pollutant": [], "value": []})
    >>> hour_label_of(frame), hour_label_of(frame, "ending")
    ('beginning', 'ending')
    >>> frame.attrs["hour_label"] = "beginning"  # as wasteless.io.read_cnemc writes it
    >>> hour_label_of(frame, "ending")
    Traceback (most recent call last):
    ...
    wasteless.errors.InputError: hour_label='ending' contradicts tidy.attrs['hour_label'] = ...
    """
    check_frame(frame, argument)
    if hour_label is not None and hour_label not in HOUR_LABELS:
        raise InputError(
            f"hour_label must be None (the table's own), 'beginning' or 'ending'; got "
            f"{hour_label!r}"
        )
    recorded = _attrs(frame).get("hour_label")
    if recorded is not None and recorded not in HOUR_LABELS:
        raise InputError(
            f"{argument}.attrs['hour_label'] must be 'beginning' or 'ending'; got {recorded!r}"
        )
    if hour_label is None:
        return str(recorded) if recorded is not None else HOUR_LABELS[0]
    if recorded is not None and hour_label != recorded:
        raise InputError(
            f"hour_label={hour_label!r} contradicts {argument}.attrs['hour_label'] = "
            f"{recorded!r} (what the table's time stamps); leave hour_label out to use the "
            "table's, or correct the table's attrs"
        )
    return hour_label


def with_units(frame: Any, units: Mapping[str, Any], *, argument: str = "frame") -> Any:
    """A copy of a tidy table with a ``unit`` column (each row: its pollutant's unit).

    Parameters
    ----------
    frame : pandas.DataFrame or dask.dataframe.DataFrame
        A tidy table; not modified.
    units : mapping
        Pollutant → unit string (or pint Unit), for every pollutant of the table
        [a mass concentration for the six pollutants]; checked against the table's own
        units by :func:`units_of`.
    argument : str, optional
        The name of the table argument, for the messages.

    Returns
    -------
    pandas.DataFrame or dask.dataframe.DataFrame
        ``frame`` with a categorical ``unit`` column: each row's unit as spelled in
        ``units`` (or the table's attrs; pint's short spelling for a pint Unit). A dask
        frame gets it lazily, partition by partition.

    Raises
    ------
    wasteless.errors.InputError, wasteless.errors.UnitsError
        As for :func:`units_of`; a pandas table with a pollutant that has no unit.

    Examples
    --------
    >>> frame = pd.DataFrame({"time": [pd.Timestamp("2019-01-01")] * 2,
    ...                       "station": "A", "pollutant": ["CO", "CO"], "value": [1.2, 0.9]})
    >>> with_units(frame, {"CO": "mg/m3"})["unit"].cat.categories.tolist()
    ['mg/m3']
    """
    parsed = units_of(frame, _mapping(units, "units"), argument=argument)
    given = {**_attrs(frame).get("units", {}), **units}
    spelled = {  # the caller's spelling of each unit (pint's short one for a Unit)
        str(key): unit if isinstance(unit, str) else format(parsed[str(key)], "~C")
        for key, unit in given.items()
    }
    dtype = pd.CategoricalDtype(list(dict.fromkeys(spelled.values())))
    if is_dask(frame):
        meta = frame._meta.assign(**{UNIT_COLUMN: pd.Categorical([], dtype=dtype)})
        return frame.map_partitions(_with_units, spelled, dtype, argument, meta=meta)
    return _with_units(frame, spelled, dtype, argument)


def _with_units(
    frame: pd.DataFrame, spelled: Mapping[str, str], dtype: pd.CategoricalDtype, argument: str
) -> pd.DataFrame:
    codes, pollutants = _codes(frame["pollutant"])
    for pollutant in pollutants:  # every pollutant of the table needs its unit
        unit_for(spelled, pollutant, argument)
    labels = list(dtype.categories)
    lookup = np.array([labels.index(spelled[p]) for p in pollutants] + [-1], dtype=np.int8)
    column = pd.Categorical.from_codes(lookup[codes], dtype=dtype)
    return frame.assign(**{UNIT_COLUMN: column})


def values_of(frame: pd.DataFrame, argument: str = "tidy") -> FloatArray:
    """The ``value`` column as float64 (NaN where missing), or a message naming it."""
    try:
        values: FloatArray = frame["value"].to_numpy(dtype=np.float64, na_value=np.nan)
    except (TypeError, ValueError):
        raise InputError(
            f"{argument}['value'] must hold numbers (NaN where missing); got dtype "
            f"{frame['value'].dtype}"
        ) from None
    return values
