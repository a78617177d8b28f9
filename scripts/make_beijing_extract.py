#!/usr/bin/env python
"""Build wasteless/data/beijing_pm25_daily.csv.gz from the Beijing multi-site data.

Input: the 12 hourly files ``PRSA_Data_<Station>_20130301-20170228.csv`` (Song Xi
Chen, *Beijing Multi-Site Air Quality*, UCI Machine Learning Repository, 2019,
CC BY 4.0), by default in ``../shared/data/beijing`` beside the project root.

Output: one row per station and day with the number of hourly PM2.5 values and
their mean (hour-beginning labels, as the data's README advises), computed with
``wasteless.air.daily_means(..., min_hours=1)`` so that the loader can apply any
daily rule. Run from the project root::

    python scripts/make_beijing_extract.py [DATA_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from wasteless import air

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "wasteless" / "data" / "beijing_pm25_daily.csv.gz"


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/beijing"
    files = sorted(source.glob("PRSA_Data_*_20130301-20170228.csv"))
    if len(files) != 12:
        sys.exit(f"expected 12 station files in {source}, found {len(files)}")
    columns = ["year", "month", "day", "hour", "PM2.5", "station"]
    long = pd.concat([pd.read_csv(f, usecols=columns) for f in files], ignore_index=True)
    long["time"] = pd.to_datetime(long[["year", "month", "day", "hour"]])
    daily = air.daily_means(long, value="PM2.5", units="ug/m3", min_hours=1)
    table = pd.DataFrame(
        {
            "n_hours": daily["n_hours"],
            "mean_ug_m3": daily["mean"].pint.magnitude.round(10),
        }
    ).reset_index()
    table.to_csv(OUT, index=False, compression={"method": "gzip", "mtime": 0})
    print(f"wrote {OUT.relative_to(ROOT)}: {len(table)} rows, {OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
