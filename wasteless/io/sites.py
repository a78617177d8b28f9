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

import os
from io import BytesIO
from pathlib import Path

import numpy as np
import pandas as pd

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
        If a required column is missing (naming it), a code is empty or repeated, a
        position is not a number or 对照点 is not Y or N (naming the file and line).

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
    table = pd.read_csv(
        BytesIO(text.encode()), dtype=str, keep_default_na=False, skipinitialspace=True
    )
    table.columns = [_SITE_COLUMNS.get(str(c).strip(), str(c).strip()) for c in table.columns]
    missing = [c for c in _SITE_REQUIRED if c not in table.columns]
    if missing:
        chinese = {v: k for k, v in _SITE_COLUMNS.items()}
        raise InputError(
            f"{path}, line 1: the station list has no column "
            f"{', '.join(f'{chinese[c]} ({c})' for c in missing)}; it needs "
            f"{', '.join(f'{chinese[c]} ({c})' for c in _SITE_REQUIRED)}"
        )
    codes = table["station"].str.strip()
    bad = codes.eq("") | codes.duplicated(keep="first")
    if bad.any():
        first = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(
            f"{path}, line {first + 2}: station code {codes.iloc[first]!r} is empty or "
            "repeated; each station once"
        )
    out = pd.DataFrame(index=pd.Index(codes.to_numpy(), name="station"))
    for column in ("name", "city", "province"):
        out[column] = table[column].str.strip().to_numpy()
    for column in ("lon", "lat"):
        numbers = pd.to_numeric(table[column].str.strip().replace("", "nan"), errors="coerce")
        wrong = numbers.isna() & ~table[column].str.strip().isin(["", "nan", "NaN"])
        if wrong.any():
            first = int(np.flatnonzero(wrong.to_numpy())[0])
            raise InputError(
                f"{path}, line {first + 2}: {column} must be a number (degrees) or empty; got "
                f"{table[column].iloc[first]!r}"
            )
        out[column] = numbers.to_numpy(dtype=np.float64)
    flag = table["background"].str.strip().str.upper()
    wrong = ~flag.isin(["Y", "N"])
    if wrong.any():
        first = int(np.flatnonzero(wrong.to_numpy())[0])
        raise InputError(
            f"{path}, line {first + 2}: 对照点 (background) must be Y or N; got "
            f"{table['background'].iloc[first]!r}"
        )
    out["background"] = flag.eq("Y").to_numpy()
    if "prefecture" in table.columns:
        out["prefecture"] = table["prefecture"].str.strip().to_numpy()
    return out.sort_index()
