#!/usr/bin/env python
"""Reading the CNEMC daily files of 2019 into the tidy table, against plain pandas.

A measurement, not a test. The workload: the 364 gzip daily files of 2019 in
``../shared/data/cnemc/2019-hourly`` (six pollutants, about 1,640 stations, 2019-04-08
missing; about 570 MB of CSV once decompressed), read two ways in the same run:

* wasteless: ``wasteless.io.read_cnemc(files)``: every file checked (header, dates,
  hours, row types, duplicates, truncated rows, non-numeric cells), the year put on a
  regular hourly grid (the missing day and hours as NaN rows) and reshaped to the tidy
  table ``time, station, pollutant, value`` (86 million rows);
* baseline: ``pandas.read_csv(file)`` (C engine, default options) for each file, then
  ``pandas.concat`` of the wide frames by hand: no checks, no grid, no tidy form.

Before timing is reported the two are compared: for each pollutant, the number of
values and their sum agree (the baseline minus the rows the reader dropped, e.g. the
truncated last row of 2019-04-24, which ``read_csv`` pads with NaN instead).

Target (issue 13): wasteless at most 1.5x the baseline, reshaping included. The script
prints both times, the ratio, the throughput in MB/s of uncompressed CSV and the peak
RSS of the process.

Usage (from the project root)::

    python benchmarks/bench_read.py             # the 364 files; about 40 s
    python benchmarks/bench_read.py --quick     # the first 30 files
    python benchmarks/bench_read.py --repeat 3  # best of 3 for each side
    python benchmarks/bench_read.py --check     # exit 1 if the ratio misses the target
"""

from __future__ import annotations

import argparse
import gc
import gzip
import platform
import resource
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from wasteless import io
from wasteless.air import city

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "cnemc" / "2019-hourly"
TARGET_RATIO = 1.5


def baseline(files: list[Path]) -> pd.DataFrame:
    return pd.concat([pd.read_csv(path, engine="c") for path in files], ignore_index=True)


def wasteless_read(files: list[Path]) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", io.TruncatedRowWarning)
        return io.read_cnemc(files, progress=False)


def check(files: list[Path], tidy: pd.DataFrame) -> None:
    """Per-pollutant counts and sums of the two readings agree."""
    dropped = {(Path(d["file"]).name, d["line"]) for d in tidy.attrs["dropped"]}
    counts: dict[str, int] = {}
    sums: dict[str, float] = {}
    for path in files:
        wide = pd.read_csv(path, engine="c")
        keep = [(path.name, i + 2) not in dropped for i in range(len(wide))]
        # a repeated station column (3207A from 2019-06-01 on) is read once by wasteless;
        # read_csv renames the repeat "3207A.1"
        wide = wide.loc[keep, ~wide.columns.str.fullmatch(r".+\.\d+")]
        values = wide.iloc[:, 3:].to_numpy(dtype=np.float64)
        for name in io.HOURLY_POLLUTANTS:
            rows = values[(wide["type"] == name).to_numpy()]
            counts[name] = counts.get(name, 0) + int(np.count_nonzero(~np.isnan(rows)))
            sums[name] = sums.get(name, 0.0) + float(np.nansum(rows))
    for name, group in tidy.groupby("pollutant", observed=True)["value"]:
        assert int(group.count()) == counts[str(name)], (name, group.count(), counts[str(name)])
        assert np.isclose(float(group.sum()), sums[str(name)], rtol=1e-12), name
    print(f"check: counts and sums of the six pollutants agree ({sum(counts.values()):,} values)")


def best_of(function: object, files: list[Path], repeat: int) -> tuple[float, pd.DataFrame]:
    best, result = float("inf"), None
    for _ in range(repeat):
        result = None
        gc.collect()
        start = time.perf_counter()
        result = function(files)  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    assert result is not None
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the first 30 files only")
    parser.add_argument("--repeat", type=int, default=1, help="best of N (default 1)")
    parser.add_argument("--check", action="store_true", help="exit 1 if over the target")
    parser.add_argument("--data", type=Path, default=DATA, help="directory of daily files")
    args = parser.parse_args()
    files = sorted(args.data.glob("china_sites_*.csv.gz"))
    if not files:
        print(f"no daily files in {args.data} (the shared CNEMC data); nothing to measure")
        return 0
    if args.quick:
        files = files[:30]
    n_bytes = sum(len(gzip.decompress(path.read_bytes())) for path in files)
    print(
        f"{len(files)} files, {n_bytes / 1e6:,.0f} MB of CSV; Python "
        f"{platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}, "
        f"{platform.processor() or platform.machine()}"
    )
    # interleaved, so that a slow phase of the machine hits both sides
    time_base, wide = best_of(baseline, files, args.repeat)
    del wide
    time_ours, tidy = best_of(wasteless_read, files, args.repeat)
    check(files, tidy)
    ratio = time_ours / time_base
    mb = n_bytes / 1e6
    print(f"baseline  read_csv + concat (wide) : {time_base:7.2f} s  {mb / time_base:6.1f} MB/s")
    print(
        f"wasteless read_cnemc (tidy, grid) : {time_ours:7.2f} s  "
        f"{n_bytes / 1e6 / time_ours:6.1f} MB/s  {len(tidy):,} rows, "
        f"{tidy.memory_usage(deep=True).sum() / 1e9:.2f} GB"
    )
    print(f"ratio wasteless / baseline        : {ratio:7.2f}x  (target <= {TARGET_RATIO}x)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"peak RSS of this process          : {peak:7.0f} MiB")
    # issue 13: city daily + annual statistics of every city from the loaded table,
    # target <= 1x the read time
    sites = io.read_sites(args.data.parent / "sites.csv")
    start = time.perf_counter()
    table = city.assess(tidy, sites, year=2019)
    time_assess = time.perf_counter() - start
    print(
        f"assess every city (daily stats, city means, annual, AQI): {time_assess:7.2f} s  "
        f"= {time_assess / time_ours:.2f}x the read (target <= 1x); {len(table)} cities"
    )
    print(
        f"missing days {tidy.attrs['missing_days']}, dropped rows "
        f"{[(Path(d['file']).name, d['line'], d['fields']) for d in tidy.attrs['dropped']]}"
    )
    if args.check and ratio > TARGET_RATIO:
        print(f"FAIL: ratio {ratio:.2f} > {TARGET_RATIO}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
