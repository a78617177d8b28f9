#!/usr/bin/env python
"""Daily and annual PM2.5 means under the GB 3095 rules at network scale, as ratios.

A measurement, not a test. The workload: 1,000 stations x one year of hourly values
in long (tidy) format, with 5 % of the rows missing and 5 % of the remaining values
NaN. Both sides go from that long table to per-(station, year) annual means with
their validity under GB 3095-2012 (20 hours per day; 27 days per month, 25 in
February; 324 days per year).

* wasteless: ``air.daily_means(long, value=...)`` -> ``air.annual_means(daily)``
  (and, for information, the same through ``air.to_wide`` first).
* baseline A, vectorised groupby: the rules written with one ``groupby`` per level
  (count and mean per station and ``dt.floor("D")`` day; valid days; per-month
  counts; the yearly rule). This is the fastest plain-pandas form we know.
* baseline B, per-station resample: the same rules with the daily step written as
  ``groupby("station").resample("D")``, the form pandas' documentation suggests for
  "daily means per station".
* floor: one NumPy pass over the values (``np.nansum``), the memory-bandwidth floor.

Both results are compared (counts, validity, means) before anything is timed.

Target (issue 3): wasteless >= 8x faster than "a straightforward pandas groupby
implementation"; the script reports the ratio to both baselines and checks the
target against baseline B (``--check``), and says so.

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
    daily = air.daily_means(long, value="pm25", units="ug/m3")
    return air.annual_means(daily)


def with_wasteless_wide(long: pd.DataFrame) -> pd.DataFrame:
    wide = air.to_wide(long, value="pm25", units="ug/m3")
    return air.annual_means(air.daily_means(wide))


def with_pandas(long: pd.DataFrame) -> pd.DataFrame:
    """Baseline A: the GB 3095 rules with vectorised pandas groupby."""
    day = long["time"].dt.floor("D")
    daily = long.groupby([long["station"], day])["pm25"].agg(["count", "mean"])
    return _annual_rules(daily)


def with_pandas_resample(long: pd.DataFrame) -> pd.DataFrame:
    """Baseline B: daily means per station with groupby().resample("D"), then the rules."""
    daily = long.set_index("time").groupby("station")["pm25"].resample("D").agg(["count", "mean"])
    return _annual_rules(daily)


def _annual_rules(daily: pd.DataFrame) -> pd.DataFrame:
    """From (station, day) count and mean to (station, year) annual means and validity."""
    daily.index = daily.index.set_names(["station", "time"])
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
    reference = with_wasteless(long)
    pd.testing.assert_frame_equal(reference, with_wasteless_wide(long))
    for implementation in (with_pandas, with_pandas_resample):
        same_result(reference, implementation(long))

    ours = best_of(lambda: with_wasteless(long), repeats)
    ours_wide = best_of(lambda: with_wasteless_wide(long), repeats)
    grouped = best_of(lambda: with_pandas(long), repeats)
    resampled = best_of(lambda: with_pandas_resample(long), repeats)
    floor = best_of(lambda: np.nansum(values), max(repeats, 5))
    rows = [
        ("wasteless: long -> daily -> annual", ours),
        ("wasteless: to_wide -> daily -> annual", ours_wide),
        ("A: pandas vectorised groupby", grouped),
        ("B: pandas groupby().resample('D')", resampled),
        ("one NumPy pass (np.nansum, the floor)", floor),
    ]
    print()
    for label, seconds in rows:
        print(f"{label:<40} {seconds * 1e3:10.1f} ms")
    print()
    print(f"speed-up over A (vectorised groupby):  {grouped / ours:5.1f}x")
    print(
        f"speed-up over B (groupby + resample):  {resampled / ours:5.1f}x  (target >= {TARGET:g}x)"
    )
    print(f"wasteless / one NumPy pass:            {ours / floor:5.0f}x")
    below = resampled / ours < TARGET
    print("target met against B" if not below else "below target against B")
    return 1 if args.check and below else 0


if __name__ == "__main__":
    sys.exit(main())
