"""Make wasteless/data/cnemc_2019_city_daily.csv.gz: 2019 city daily values of the network.

The tutorial "Your city's 2019 air quality" ranks every city of the national network
for 2019. Reading the full year (364 daily files, 84 million hourly values) takes
longer than a documentation build should, so this script reads it once, computes each
station's daily statistics and each city's daily values (wasteless.air.network and
wasteless.air.city, background stations excluded) and writes them, rounded to the
published precision (µg/m³ to 0.1, CO to 0.001 mg/m³), with the station counts.

Source: the CNEMC daily files of 2019 and the station list in ../shared/data/cnemc/
(public government data of the China National Environmental Monitoring Centre; see
the README there for provenance). Run from the project root:

    python scripts/make_cnemc_city_daily.py [--source DIR] [--sites FILE]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from wasteless import io
from wasteless.air import city, network

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "wasteless" / "data" / "cnemc_2019_city_daily.csv.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = ROOT.parent / "shared" / "data" / "cnemc"
    parser.add_argument("--source", default=str(shared / "2019-hourly"))
    parser.add_argument("--sites", default=str(shared / "sites.csv"))
    args = parser.parse_args()
    tidy = io.read_cnemc(args.source)
    sites = io.read_sites(args.sites)
    daily = network.daily_statistics(tidy)
    table = city.city_daily(daily, sites)
    dates = table.index.get_level_values("date")
    table = table[dates.year == 2019]
    out = pd.DataFrame(index=table.index)
    for column in network.DAILY_STATISTICS:
        if column not in table.columns:
            continue
        decimals = 3 if column.startswith("CO") else 1
        unit = "mg/m**3" if column.startswith("CO") else "ug/m**3"
        values = table[column].pint.to(unit).pint.magnitude.to_numpy(dtype=np.float64)
        out[f"{column} [{unit}]"] = np.round(values, decimals)
        out[f"n_stations_{column}"] = table[f"n_stations_{column}"].to_numpy()
    out["stations"] = table["stations"].to_numpy()
    out.to_csv(OUT, float_format="%.6g", compression={"method": "gzip", "mtime": 0})
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB, {len(out):,} city-days)")


if __name__ == "__main__":
    main()
