r"""Reader of a table of dust-affected city-days (``city,date``), for the assessment.

MEE's annual PM10 and PM2.5 figures leave out the days that CNEMC judged affected by
sand and dust storms (受沙尘天气过程影响城市空气质量评价补充规定, 环办监测〔2016〕120号).
Those days are a data-review decision, not something the archive lets one recompute,
so :func:`wasteless.air.groups.assess` takes them as an input: a CSV file with the
columns ``city`` and ``date``, one line per dust-affected city-day, read here.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "dust.csv"
>>> _ = path.write_text("city,date\n和田地区,2019-03-27\n北京,2019-05-04\n", "utf-8")
>>> read_dust_days(path)["city"].tolist()
['和田地区', '北京']
"""

from __future__ import annotations

import os
from io import StringIO

import pandas as pd

from wasteless._validate import check_columns
from wasteless.errors import InputError
from wasteless.io.sites import _read_text

__all__ = ["read_dust_days"]


def read_dust_days(path: str | os.PathLike[str]) -> pd.DataFrame:
    r"""Read a CSV file of dust-affected city-days: the columns ``city`` and ``date``.

    Parameters
    ----------
    path : str or path
        A CSV file (UTF-8, or GB18030) with a header line naming ``city`` and ``date``
        (other columns are kept); a city in Chinese as the station list or the official
        list names it (``北京``, ``北京市``), a date as ``2019-03-27`` (or ``20190327``).
        A file with the header only lists no dust day.

    Returns
    -------
    pandas.DataFrame
        ``city`` (str) and ``date`` (the text as given), indexed by the file's line
        number (``line``); ``attrs["source"]`` is the path. The cities and dates are
        checked against the assessment by :func:`wasteless.air.groups.check_dust`.

    Raises
    ------
    wasteless.errors.InputError
        If the file cannot be read, is empty, is not text or has no ``city`` or
        ``date`` column (naming the file).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "dust.csv"
    >>> _ = path.write_text("city,date\n", "utf-8")
    >>> len(read_dust_days(path))
    0
    """
    text = _read_text(path, "the dust-day table")
    try:
        table = pd.read_csv(StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, ValueError) as error:
        raise InputError(f"{path}: not a CSV table ({error})") from None
    table.columns = [str(c).strip() for c in table.columns]
    check_columns(
        table.columns,
        ("city", "date"),
        lambda missing: (
            f"{path}, line 1: the dust-day table has no column "
            f"{', '.join(missing)}; it needs the columns city and date (one line per "
            f"dust-affected city-day); got {list(table.columns)}"
        ),
    )
    table["city"] = table["city"].str.strip()
    table["date"] = table["date"].str.strip()
    table.index = pd.RangeIndex(2, len(table) + 2, name="line")
    table.attrs["source"] = str(path)
    return table
