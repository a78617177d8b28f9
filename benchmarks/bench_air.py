#!/usr/bin/env python
"""Daily and annual PM2.5 means under the GB 3095 rules at network scale, as ratios.

A measurement, not a test. The workload: 1,000 stations x one year of hourly values
in long (tidy) format, with 5 % of the rows missing and 5 % of the remaining values
NaN. Both sides go from that long table to per-(station, year) annual means with
their validity under GB 3095-2012 (20 hours per day; 27 days per month, 25 in
February; 324 days per year).

* wasteless: ``air.to_wide`` -> ``air.daily_means`` -> ``air.annual_means``.
* baseline: a straightforward pandas implementation of the same rules with
  ``groupby`` (daily count and mean per station and day; valid days; per-month
  counts; the yearly rule), the way one would write it without wasteless.
* floor: one NumPy pass over the values (``np.nansum``), the memory-bandwidth floor.

Both results are compared (counts, validity, means) before anything is timed.

Target (issue 3): wasteless >= 8x faster than the baseline.

Usage (from the project root)::

    python benchmarks/bench_air.py            # ~1 minute
    python benchmarks/bench_air.py --quick    # fewer stations (200), fewer repeats
    python benchmarks/bench_air.py --check    # exit 1 if below the target
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

import wasteless
from wasteless import air

TARGET = 8.0


def make_long(n_stations: int, seed: int = 0) -> pd.DataFrame:
    """Synthetic hourly PM2.5 for one year, long format, with gaps and NaNs."""
    rng = np.random.default_rng(seed)
    hours = pd.date_range("2019-01-01", "2019-12-31 23:00", freq="h")
    stations = np.array([f"S{i:04d}" for i in range(n_stations)], dtype=object)
    time_col = np.tile(hours.to_numpy(), n_stations)
    station_col = np.repeat(stations, len(hours))
    values = rng.gamma(2.0, 25.0, size=len(time_col))
    values[rng.random(len(values)) < 0.05] = np.nan  # 5 % NaN
    keep = rng.random(len(values)) >= 0.05  # 5 % of rows missing
    return pd.DataFrame(
        {"time": time_col[keep], "station": station_col[keep], "pm25": values[keep]}
    )


def with_wasteless(long: pd.DataFrame) -> pd.DataFrame:
    wide = air.to_wide(long, value="pm25", units="ug/m3")
    return air.annual_means(air.daily_means(wide))


def with_pandas(long: pd.DataFrame) -> pd.DataFrame:
    """The GB 3095 rules with pandas groupby, as one would write them directly."""
    day = long["time"].dt.floor("D")
    daily = long.groupby([long["station"], day])["pm25"].agg(["count", "mean"])
    valid = daily[daily["count"] >= 20].reset_index()
    valid["year"] = valid["time"].dt.year
    valid["month"] = valid["time"].dt.month
    per_month = valid.groupby(["station", "year", "month"]).size().unstack("month")
    per_month = per_month.reindex(columns=range(1, 13)).fillna(0)
    need = np.where(per_month.columns == 2, 25, 27)
    months_ok = (per_month.to_numpy() >= need).all(axis=1)
    yearly = valid.groupby(["station", "year"])["mean"].agg(["count", "mean"])
    yearly = yearly.join(pd.Series(months_ok, index=per_month.index, name="months_ok"))
    yearly["valid"] = (yearly["count"] >= 324) & yearly["months_ok"]
    yearly["mean"] = yearly["mean"].where(yearly["valid"])
    return yearly


def same_result(ours: pd.DataFrame, theirs: pd.DataFrame) -> None:
    ours = ours.reset_index()
    ours = ours.set_index(["station", "year"])
    theirs = theirs.reindex(ours.index)
    counts = theirs["count"].fillna(0).to_numpy(dtype=np.int64)
    if not (ours["n_days"].to_numpy() == counts).all():
        sys.exit("bench_air: day counts differ between wasteless and the baseline")
    if not (ours["valid"].to_numpy() == theirs["valid"].fillna(False).to_numpy(bool)).all():
        sys.exit("bench_air: validity differs between wasteless and the baseline")
    a = ours["mean"].pint.magnitude.to_numpy(dtype=float)
    b = theirs["mean"].to_numpy(dtype=float)
    if not np.allclose(a, b, rtol=1e-12, equal_nan=True):
        sys.exit("bench_air: annual means differ between wasteless and the baseline")


def best_of(func: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 stations, 2 repeats")
    parser.add_argument("--check", action="store_true", help="exit 1 below the target")
    parser.add_argument("--stations", type=int, default=None, help="number of stations")
    args = parser.parse_args(argv)
    n_stations = args.stations or (200 if args.quick else 1000)
    repeats = 2 if args.quick else 3

    long = make_long(n_stations)
    values = long["pm25"].to_numpy()
    print(
        f"wasteless {wasteless.__version__}, pandas {pd.__version__}, numpy {np.__version__}, "
        f"Python {platform.python_version()}"
    )
    print(
        f"{n_stations} stations x 8760 h, long format: {len(long):,} rows "
        f"({np.isnan(values).mean():.1%} NaN), best of {repeats}"
    )
    same_result(with_wasteless(long), with_pandas(long))

    ours = best_of(lambda: with_wasteless(long), repeats)
    theirs = best_of(lambda: with_pandas(long), repeats)
    floor = best_of(lambda: np.nansum(values), max(repeats, 5))
    speedup = theirs / ours
    print()
    print(f"{'wasteless to_wide -> daily -> annual':<40} {ours * 1e3:10.1f} ms")
    print(f"{'pandas groupby, same rules (baseline)':<40} {theirs * 1e3:10.1f} ms")
    print(f"{'one NumPy pass (np.nansum, the floor)':<40} {floor * 1e3:10.1f} ms")
    print()
    status = "ok" if speedup >= TARGET else "below target"
    print(f"speed-up over the pandas baseline: {speedup:.1f}x (target >= {TARGET:g}x) {status}")
    print(f"wasteless / one NumPy pass:        {ours / floor:.0f}x")
    return 1 if args.check and speedup < TARGET else 0


if __name__ == "__main__":
    sys.exit(main())
