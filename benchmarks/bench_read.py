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

Then (issue 18) the city assessment of the files, ``python -m wasteless assess``'s work,
two ways, each in a fresh process so that each peak RSS is its own:

* in memory: ``read_cnemc(files)`` (the tidy year, 86 million rows), then
  ``air.city.assess(tidy, sites)``: the path of wasteless 0.3;
* streaming: ``read_cnemc_daily_statistics(files)`` (a day at a time: the hours of two
  days and the station daily values in memory), then ``air.city.assess(daily, sites)``:
  the path of the command line from issue 18.

It prints the time and peak RSS of each, and checks that the two city tables are the
same bit for bit (``assert_frame_equal(check_exact=True)``). Target: streaming at most
1 GB peak RSS and no slower than in memory.

Usage (from the project root)::

    python benchmarks/bench_read.py             # the 364 files; about 90 s
    python benchmarks/bench_read.py --quick     # the first 30 files
    python benchmarks/bench_read.py --repeat 3  # best of 3 for each side
    python benchmarks/bench_read.py --check     # exit 1 if a target is missed
    python benchmarks/bench_read.py --assess-only  # only the two assessment paths
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from wasteless import io
from wasteless.air import city

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "cnemc" / "2019-hourly"
TARGET_RATIO = 1.5
TARGET_STREAM_MIB = 1024  # issue 18: a year in at most 1 GB


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


def _child(path: str, data: Path, n_files: int, year: int, out: Path) -> None:
    """One assessment path, in this (fresh) process: print its time and peak RSS as JSON."""
    files = sorted(data.glob("china_sites_*.csv.gz"))[:n_files]
    start = time.perf_counter()
    sites = io.read_sites(data.parent / "sites.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", io.TruncatedRowWarning)
        if path == "memory":
            source = io.read_cnemc(files, progress=False)
        else:
            source = io.read_cnemc_daily_statistics(files, progress=False)
    table = city.assess(source, sites, year=year)
    seconds = time.perf_counter() - start
    table.to_pickle(out)
    print(json.dumps({"seconds": seconds, "peak_mib": _peak_mib()}))


def _peak_mib() -> float:
    """This process's peak RSS since it started its program [MiB].

    Linux keeps ``ru_maxrss`` across ``exec``: a child started by a process that held
    6 GB would report 6 GB. ``VmHWM`` of /proc/self/status is the high-water mark of
    this program's own memory; elsewhere ``ru_maxrss`` (KiB on Linux, bytes on macOS).
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)


def assess_paths(data: Path, n_files: int, year: int, repeat: int) -> bool:
    """Both assessment paths in fresh processes; True if streaming meets its targets."""
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for path in ("memory", "stream"):
            best: dict[str, float] = {}
            for _ in range(repeat):
                command = [
                    sys.executable,
                    __file__,
                    "--child",
                    path,
                    "--data",
                    str(data),
                    "--files",
                    str(n_files),
                    "--year",
                    str(year),
                    "--out",
                    str(Path(tmp) / f"{path}.pkl"),
                ]
                done = subprocess.run(command, capture_output=True, text=True, check=True)
                run = json.loads(done.stdout.strip().splitlines()[-1])
                if not best or run["seconds"] < best["seconds"]:
                    best = run
            results[path] = best
        memory = pd.read_pickle(Path(tmp) / "memory.pkl")
        stream = pd.read_pickle(Path(tmp) / "stream.pkl")
    pd.testing.assert_frame_equal(stream, memory, check_exact=True)
    print(
        f"check: the two city tables are the same bit for bit ({len(memory)} groups, "
        f"{memory.shape[1]} columns)"
    )
    for path, label in (
        ("memory", "in memory: read_cnemc + assess"),
        ("stream", "streaming: read_cnemc_daily_statistics + assess"),
    ):
        run = results[path]
        print(f"{label:<52}: {run['seconds']:7.2f} s  peak RSS {run['peak_mib']:7.0f} MiB")
    ratio = results["stream"]["seconds"] / results["memory"]["seconds"]
    print(
        f"streaming / in memory: time {ratio:.2f}x (target <= 1x), peak RSS "
        f"{results['stream']['peak_mib'] / results['memory']['peak_mib']:.2f}x (target "
        f"<= {TARGET_STREAM_MIB} MiB)"
    )
    return bool(results["stream"]["peak_mib"] <= TARGET_STREAM_MIB and ratio <= 1.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the first 30 files only")
    parser.add_argument("--repeat", type=int, default=1, help="best of N (default 1)")
    parser.add_argument("--check", action="store_true", help="exit 1 if over a target")
    parser.add_argument("--data", type=Path, default=DATA, help="directory of daily files")
    parser.add_argument("--assess-only", action="store_true", help="only the assess paths")
    parser.add_argument("--year", type=int, default=2019, help="the year assessed")
    parser.add_argument("--child", choices=("memory", "stream"), help=argparse.SUPPRESS)
    parser.add_argument("--files", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.data, args.files, args.year, args.out)
        return 0
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
    failed = False
    if not args.assess_only:
        failed = read_paths(files, args, n_bytes)
    print(f"\nassess {args.year} from the files, each path in a fresh process:")
    if not assess_paths(args.data, len(files), args.year, args.repeat):
        print("streaming misses a target (1 GB peak RSS, no slower than in memory)")
        failed = True
    return 1 if args.check and failed else 0


def read_paths(files: list[Path], args: argparse.Namespace, n_bytes: int) -> bool:
    """The reader against read_csv, then assess from the loaded table; True if over target."""
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
    table = city.assess(tidy, sites, year=args.year)
    time_assess = time.perf_counter() - start
    print(
        f"assess every city (daily stats, city means, annual, AQI): {time_assess:7.2f} s  "
        f"= {time_assess / time_ours:.2f}x the read (target <= 1x); {len(table)} cities"
    )
    print(
        f"missing days {tidy.attrs['missing_days']}, dropped rows "
        f"{[(Path(d['file']).name, d['line'], d['fields']) for d in tidy.attrs['dropped']]}"
    )
    if ratio > TARGET_RATIO:
        print(f"FAIL: ratio {ratio:.2f} > {TARGET_RATIO}")
        return True
    return False


if __name__ == "__main__":
    sys.exit(main())
