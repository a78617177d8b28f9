"""Small data sets shipped with wasteless, for the docs, notebooks and tests.

``sample_files``, ``sample_sites``
    A real extract of the national air-quality network's daily files (CNEMC): three
    days of January 2019, all 15 row types, for the 34 stations of Beijing, Shanghai
    and Guangzhou, and their station list; read them with
    :func:`wasteless.io.read_cnemc` and :func:`wasteless.io.read_sites`. Source: China
    National Environmental Monitoring Centre (中国环境监测总站), real-time national
    air-quality release; public government data, archived in the GitHub repositories
    ``Feryt/IntroML-Final-Project`` (daily files) and ``liujun2024/TrajRF`` (station
    list); see ``wasteless/data/cnemc_sample/README.md``.

``beijing_daily_pm25``
    Daily PM2.5 means of 12 Beijing monitoring stations (nationally controlled sites
    of the Beijing Municipal Environmental Monitoring Center), 2013-03-01 to
    2017-02-28, derived from hourly measurements.

Attribution (CC BY 4.0): Song Xi Chen, *Beijing Multi-Site Air Quality*, UCI Machine
Learning Repository (2019), https://archive.ics.uci.edu/dataset/501 ; Zhang S.,
Guo B., Dong A., He J., Xu Z., Chen S.X. (2017), *Cautionary tales on air-quality
improvement in Beijing*, Proc. R. Soc. A 473: 20170457. The extract (file
``wasteless/data/beijing_pm25_daily.csv.gz``) is made by
``scripts/make_beijing_extract.py``: for each station and day, the number of hourly
values and their mean (hour-beginning labels, as the data's documentation advises;
means rounded to 10 decimals). It is distributed under the same licence.

Examples
--------
>>> from wasteless import datasets
>>> daily = datasets.beijing_daily_pm25()
>>> daily.index.get_level_values("station").unique().size
12
>>> print(datasets.BEIJING_ATTRIBUTION.splitlines()[0])
Song Xi Chen, Beijing Multi-Site Air Quality, UCI Machine Learning Repository (2019),
>>> [path.name for path in datasets.sample_files()]
['china_sites_20190101.csv.gz', 'china_sites_20190102.csv.gz', 'china_sites_20190103.csv.gz']
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd

from wasteless._data import data_file
from wasteless.air import GB3095_2012
from wasteless.errors import InputError
from wasteless.units import pint_dtype

__all__ = ["BEIJING_ATTRIBUTION", "beijing_daily_pm25", "sample_files", "sample_sites"]

BEIJING_ATTRIBUTION = (
    "Song Xi Chen, Beijing Multi-Site Air Quality, UCI Machine Learning Repository (2019),\n"
    "https://archive.ics.uci.edu/dataset/501 (CC BY 4.0); Zhang S., Guo B., Dong A., He J.,\n"
    "Xu Z., Chen S.X. (2017), Cautionary tales on air-quality improvement in Beijing,\n"
    "Proc. R. Soc. A 473: 20170457. Daily means derived by wasteless."
)
"""The citation to give with any use of the Beijing extract (CC BY 4.0)."""


@functools.cache
def _beijing_table() -> pd.DataFrame:
    with data_file("beijing_pm25_daily.csv.gz").open("rb") as handle:
        table = pd.read_csv(handle, compression="gzip", parse_dates=["date"])
    return table


def beijing_daily_pm25(min_hours: int = GB3095_2012.min_hours_per_day) -> pd.DataFrame:
    """Daily PM2.5 means of 12 Beijing stations, 2013-03-01 to 2017-02-28.

    The table has the layout of :func:`wasteless.air.daily_means`, so it can be
    passed to :func:`~wasteless.air.annual_means`, :func:`~wasteless.air.monthly_means`
    and :func:`~wasteless.air.percentile_of_daily` directly.

    Parameters
    ----------
    min_hours : int, optional
        Hourly values needed for a valid day; default 20 (GB 3095-2012).

    Returns
    -------
    pandas.DataFrame
        Indexed by (``station``, ``date``): ``mean`` [µg/m³] (pint dtype; NaN when
        not valid), ``n_hours``, ``coverage`` (``n_hours / 24``) and ``valid``.
        Cite :data:`BEIJING_ATTRIBUTION` with any use.

    Raises
    ------
    wasteless.errors.InputError
        If ``min_hours`` is not a whole number in [1, 24].

    Examples
    --------
    >>> from wasteless import air
    >>> annual = air.annual_means(beijing_daily_pm25())
    >>> print(round(annual.loc[("Dongsi", 2015), "mean"].magnitude, 1))
    87.0
    """
    if isinstance(min_hours, bool) or not isinstance(min_hours, int) or not 1 <= min_hours <= 24:
        raise InputError(f"min_hours must be a whole number in [1, 24]; got {min_hours!r}")
    table = _beijing_table()
    n_hours = table["n_hours"].to_numpy(dtype=np.int64)
    valid = n_hours >= min_hours
    mean = np.where(valid, table["mean_ug_m3"].to_numpy(dtype=np.float64), np.nan)
    index = pd.MultiIndex.from_arrays(
        [table["station"].to_numpy(), pd.DatetimeIndex(table["date"])], names=["station", "date"]
    )
    return pd.DataFrame(
        {
            "mean": pd.Series(mean, index=index, dtype=pint_dtype("ug/m**3")),
            "n_hours": n_hours,
            "coverage": n_hours / 24.0,
            "valid": valid,
        },
        index=index,
    )


# --- the national network's extract (CNEMC) ---------------------------------------------


_SAMPLE_FILES = tuple(f"china_sites_2019010{d}.csv.gz" for d in (1, 2, 3))


def _sample_directory() -> Path:
    return Path(str(data_file("cnemc_sample")))


def sample_files() -> list[Path]:
    """The daily files of the real extract shipped with wasteless.

    Three days of January 2019 (2019-01-01 to 2019-01-03) exactly as CNEMC released
    them, all 15 row types (with the published hourly AQI), for the 34 stations of
    Beijing (12), Shanghai (10) and Guangzhou (12) in the files. Public government
    data of the China National Environmental Monitoring Centre; see
    ``wasteless/data/cnemc_sample/README.md`` and ``scripts/make_cnemc_sample.py``.

    Returns
    -------
    list of pathlib.Path
        The three ``china_sites_YYYYMMDD.csv.gz`` files, in date order.

    Examples
    --------
    >>> [path.name for path in sample_files()][:1]
    ['china_sites_20190101.csv.gz']
    """
    return [_sample_directory() / name for name in _SAMPLE_FILES]


def sample_sites() -> Path:
    """The station list of the shipped extract (the 34 stations, same columns as CNEMC's).

    Returns
    -------
    pathlib.Path
        ``sites.csv`` (UTF-8): 监测点编码, 监测点名称, 城市, 经度, 纬度, 对照点,
        省级行政区, 地级行政区.

    Examples
    --------
    >>> sample_sites().name
    'sites.csv'
    """
    return _sample_directory() / "sites.csv"
