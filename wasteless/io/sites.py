"""Reader of the national air-quality network's station list (监测点编码, 城市, 对照点, ...).

The China National Environmental Monitoring Centre (CNEMC) distributes the list of the
national network's stations (国控站点) as a CSV file, often in GB18030: code, name, city,
province, position and whether the station is a background (control) station, which
HJ 663 leaves out of a city's assessment. :func:`read_sites` reads it into a table
indexed by station code, the ``sites`` argument of :mod:`wasteless.air.city`. A small
real list ships with the package (:func:`wasteless.datasets.sample_sites`).

Examples
--------
>>> from wasteless import datasets
>>> sites = read_sites(datasets.sample_sites())
>>> sites.loc["1001A", ["name", "city"]].tolist()
['万寿西宫', '北京']
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wasteless._validate import check_columns
from wasteless.errors import InputError

__all__ = ["read_sites"]

_SITE_COLUMNS = {
    "监测点编码": "station",
    "监测点名称": "name",
    "城市": "city",
    "省级行政区": "province",
    "经度": "lon",
    "纬度": "lat",
    "对照点": "background",
    "地级行政区": "prefecture",
}
_SITE_REQUIRED = ("station", "name", "city", "province", "lon", "lat", "background")
_CHINESE = {english: chinese for chinese, english in _SITE_COLUMNS.items()}
_RANGE = {"lon": (-180.0, 180.0), "lat": (-90.0, 90.0)}


def _table(path: str | os.PathLike[str], text: str) -> tuple[pd.DataFrame, Any]:
    """The list's cells as text and each row's line; every row has the header's fields.

    Read with :mod:`csv`, not pandas: pandas takes a row with one field more than the
    header as having an index column (every name shifts one column left) and names no file
    in its parser errors. Column names are mapped to English; a column named twice (城市
    and city, say) is refused.
    """
    reader = csv.reader(io.StringIO(text), skipinitialspace=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    for row in reader:
        if row or not rows:
            rows.append(row)
            lines.append(reader.line_num)
    header = [_SITE_COLUMNS.get(name.strip(), name.strip()) for name in rows[0]]
    for number, row in zip(lines[1:], rows[1:], strict=True):
        if len(row) != len(header):
            raise InputError(
                f"{path}, line {number}: the row has {len(row)} fields, the header "
                f"{len(header)}; one field per column (a comma inside a name needs quotes)"
            )
    named = [column for column in dict.fromkeys(header) if header.count(column) > 1]
    if named:
        given = [name.strip() for name in rows[0]]
        spelled = [
            " and ".join(repr(g) for g, h in zip(given, header, strict=True) if h == column)
            for column in named
        ]
        raise InputError(
            f"{path}, line 1: the column {'; '.join(spelled)} name the same thing "
            f"({', '.join(named)}); keep one"
        )
    return pd.DataFrame(rows[1:], columns=header, dtype=str), np.array(lines[1:])


def _read_text(path: str | os.PathLike[str], what: str) -> str:
    """The text of a small CSV file, UTF-8 or GB18030 (as Chinese lists are often given)."""
    if not isinstance(path, (str, os.PathLike)):
        raise InputError(f"path must be the path of {what} (CSV); got {path!r}")
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    if not raw.strip():
        raise InputError(f"{path}: {what} is empty")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(f"{path}: neither UTF-8 nor GB18030 text") from None


def read_sites(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read the national network's station list (监测点编码, 城市, 对照点, ...).

    Parameters
    ----------
    path : str or path
        A CSV file (UTF-8, or GB18030 as the lists are often distributed) with the
        columns 监测点编码 (code), 监测点名称 (name), 城市 (city), 省级行政区
        (province), 经度 (longitude), 纬度 (latitude) and 对照点 (``Y`` for a
        background/control station, ``N`` otherwise), optionally 地级行政区
        (prefecture). The English names ``station``, ``name``, ``city``,
        ``province``, ``lon``, ``lat``, ``background`` are accepted too.

    Returns
    -------
    pandas.DataFrame
        Indexed by station code (``station``, sorted), with ``name``, ``city``,
        ``province`` (str), ``lon``, ``lat`` (float64 [degree east, degree north],
        NaN where the list has none), ``background`` (bool: a control station,
        which HJ 663 leaves out of a city's assessment) and ``prefecture`` if given.

    Raises
    ------
    wasteless.errors.InputError
        Naming the file and line: a required column missing (naming it) or named twice
        (城市 and ``city``); a row with more or fewer fields than the header; a code
        empty or repeated; a name, city or province empty; a position not a number or
        outside -180 to 180 (longitude), -90 to 90 (latitude); 对照点 not Y or N.

    Examples
    --------
    >>> from wasteless.datasets import sample_sites
    >>> sites = read_sites(sample_sites())
    >>> sites.loc["1002A", ["name", "city"]].tolist(), bool(sites.loc["1002A", "background"])
    (['定陵(对照点)', '北京'], True)
    >>> int(sites["background"].sum()), len(sites)
    (3, 34)
    """
    text = _read_text(path, "the station list")
    table, lines = _table(path, text)
    check_columns(
        table.columns,
        _SITE_REQUIRED,
        lambda missing: (
            f"{path}, line 1: the station list has no column "
            f"{', '.join(f'{_CHINESE[c]} ({c})' for c in missing)}; it needs "
            f"{', '.join(f'{_CHINESE[c]} ({c})' for c in _SITE_REQUIRED)}"
        ),
    )
    codes = table["station"].str.strip()
    bad = codes.eq("") | codes.duplicated(keep="first")
    if bad.any():
        first = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(
            f"{path}, line {lines[first]}: station code {codes.iloc[first]!r} is empty or "
            "repeated; each station once"
        )
    out = pd.DataFrame(index=pd.Index(codes.to_numpy(), name="station"))
    for column in ("name", "city", "province"):
        text_of = table[column].str.strip()
        if text_of.eq("").any():
            first = int(np.flatnonzero(text_of.eq("").to_numpy())[0])
            raise InputError(
                f"{path}, line {lines[first]}: station {codes.iloc[first]!r} has no "
                f"{_CHINESE[column]} ({column}); every station needs one (a station without a "
                f"{column} would form a group of its own, named '')"
            )
        out[column] = text_of.to_numpy()
    for column in ("lon", "lat"):
        numbers = pd.to_numeric(table[column].str.strip().replace("", "nan"), errors="coerce")
        wrong = numbers.isna() & ~table[column].str.strip().isin(["", "nan", "NaN"])
        if wrong.any():
            first = int(np.flatnonzero(wrong.to_numpy())[0])
            raise InputError(
                f"{path}, line {lines[first]}: {column} must be a number (degrees) or empty; got "
                f"{table[column].iloc[first]!r}"
            )
        low, high = _RANGE[column]
        outside = ~(numbers.isna() | numbers.between(low, high))
        if outside.any():
            first = int(np.flatnonzero(outside.to_numpy())[0])
            raise InputError(
                f"{path}, line {lines[first]}: {column} must be within {low} to {high} degrees "
                f"(or empty); got {table[column].iloc[first]!r}"
            )
        out[column] = numbers.to_numpy(dtype=np.float64)
    flag = table["background"].str.strip().str.upper()
    wrong = ~flag.isin(["Y", "N"])
    if wrong.any():
        first = int(np.flatnonzero(wrong.to_numpy())[0])
        raise InputError(
            f"{path}, line {lines[first]}: 对照点 (background) must be Y or N; got "
            f"{table['background'].iloc[first]!r}"
        )
    out["background"] = flag.eq("Y").to_numpy()
    if "prefecture" in table.columns:
        out["prefecture"] = table["prefecture"].str.strip().to_numpy()
    return out.sort_index()
