#!/usr/bin/env python
"""A multi-year national archive through dask: bounded memory, time vs workers and size.

A measurement, not a test. The workload: a synthetic archive in the CNEMC daily-file
format (``wasteless.testing.synthetic_archive``: 1,640 stations, six pollutants, 2 % empty
cells, 1 % missing hours, a few outliers), by default 1,280 days (2016-01-01 to
2019-07-03) = 302 million hourly values, 1,280 gzip files (about 370 MB on disk, 2.2 GB
of CSV). It is generated once into a cache directory (``--cache``) and reused.

The computation, the same for every run:

    frame = wasteless.io.read_cnemc(files, engine="dask")        # one partition per file
    daily = (frame.assign(day=frame["time"].dt.floor("D"))
                  .groupby(["station", "pollutant", "day"], observed=True)["value"]
                  .agg(["mean", "count"], split_out=frame.npartitions // 16))
    daily.reset_index().to_parquet(output)                          # 12.6 million rows

(a simple daily mean per station and pollutant; the HJ 663 statistics of
``wasteless.air`` plug in at the same place). The daily means are written to Parquet
partition by partition (``split_out``): gathering all of them into one process would
make memory grow with the archive (a first version that did so had a 1.8 GiB worker
restart at 1,280 days), writing them keeps it bounded by the partition size. Each run starts a
``dask.distributed.LocalCluster`` of N single-threaded worker processes on this machine,
for N in ``--workers`` (default 1 and 2), over the first 25 %, 50 % and 100 % of the
days. The script prints wall time, millions of values per second and the peak RSS:
the largest sum over this process and all its children (scheduler, nannies, workers),
sampled every 50 ms with psutil, and the largest single process. Before timing, a few
files are run through the pandas engine too: the hour counts must be identical and the
means equal to 1e-12 (the tidy frames are identical; dask sums a day that spans two
partitions in another order).

Target (issue 13): at least 300 million values with peak RSS at most 4 GB on a 2-core
machine.

The same code on a cluster: only the scheduler address changes. Start a scheduler and
workers that can read the files (a shared file system, or object storage paths that
dask's workers can open), then::

    python benchmarks/bench_dask.py --scheduler tcp://scheduler:8786 --cache /shared/archive

which connects ``distributed.Client("tcp://scheduler:8786")`` instead of starting a
``LocalCluster``; ``read_cnemc(..., engine="dask")`` and the aggregation are unchanged.

Usage (from the project root)::

    python benchmarks/bench_dask.py --quick     # 200 stations x 60 days, about 40 s
    python benchmarks/bench_dask.py             # 302 M values; generation ~1 min once, runs ~8 min
    python benchmarks/bench_dask.py --check     # exit 1 if the peak RSS is over 4 GB
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shutil
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

from wasteless import io, testing

try:
    import dask
    import dask.dataframe as dd
    import psutil
    from dask.distributed import Client, LocalCluster
except ImportError as error:  # pragma: no cover - an optional dependency
    sys.exit(f"bench_dask needs dask[dataframe] and distributed (pip install): {error}")

TARGET_RSS_GB = 4.0
FULL = {"stations": 1640, "days": 1280}
QUICK = {"stations": 200, "days": 60}
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "wasteless"


class PeakRSS:
    """The largest RSS sum over this process and its descendants, sampled in a thread."""

    def __init__(self, every: float = 0.05) -> None:
        self.every = every
        self.peak_total = 0
        self.peak_single = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        total, single = 0, 0
        for process in [me, *me.children(recursive=True)]:
            try:
                rss = process.memory_info().rss
            except psutil.Error:
                continue
            total += rss
            single = max(single, rss)
        self.peak_total = max(self.peak_total, total)
        self.peak_single = max(self.peak_single, single)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.every)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


def archive(cache: Path, stations: int, days: int) -> list[Path]:
    """The cached archive, generated on first use (a marker says it is complete)."""
    directory = cache / f"bench_dask_{stations}x{days}"
    marker = directory / "complete.json"
    if marker.exists():
        return [directory / name for name in json.loads(marker.read_text())["files"]]
    shutil.rmtree(directory, ignore_errors=True)
    print(f"generating {stations} stations x {days} days into {directory} ...", flush=True)
    start = time.perf_counter()
    made = testing.synthetic_archive(
        directory, "2016-01-01", days, stations=stations, seed=2019, gaps=0.02,
        missing_hours=0.01, outliers=0.001, compresslevel=1,
    )  # fmt: skip
    marker.write_text(json.dumps({"files": [path.name for path in made.files]}))
    size = sum(path.stat().st_size for path in made.files)
    print(f"  {len(made.files)} files, {size / 1e6:,.0f} MB, {time.perf_counter() - start:.0f} s")
    return list(made.files)


def daily_means(frame, **split):  # type: ignore[no-untyped-def]
    """The per station-pollutant daily mean and hour count: pandas or dask alike."""
    return (
        frame.assign(day=frame["time"].dt.floor("D"))
        .groupby(["station", "pollutant", "day"], observed=True)["value"]
        .agg(["mean", "count"], **split)
    )


def check(files: list[Path], client: Client) -> None:
    expected = daily_means(io.read_cnemc(files)).sort_index()
    got = client.compute(daily_means(io.read_cnemc(files, engine="dask"))).result().sort_index()
    # the tidy frames are identical (tests/test_io.py); a day that spans two partitions
    # (hour 0 of the next file ends it) is summed in another order: last-bit differences
    pd.testing.assert_series_equal(got["count"], expected["count"], check_exact=True)
    pd.testing.assert_series_equal(got["mean"], expected["mean"], check_exact=False, rtol=1e-12)
    print(
        f"check: dask == pandas on {len(files)} files ({len(expected):,} daily means, rtol 1e-12)"
    )


def run(files: list[Path], workers: int, scheduler: str | None, output: Path) -> dict[str, float]:
    with PeakRSS() as rss:
        if scheduler:
            client, cluster = Client(scheduler), None
        else:
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True,
                dashboard_address=None, memory_limit="1.8GiB",
            )  # fmt: skip
            client = Client(cluster)
        try:
            start = time.perf_counter()
            frame = io.read_cnemc(files, engine="dask")
            # the daily means leave the cluster partition by partition, to Parquet files:
            # nothing holds all 12.6 million of them, so memory does not grow with the
            # archive (gathering them into this process would)
            daily = daily_means(frame, split_out=max(1, frame.npartitions // 16))
            daily.reset_index().to_parquet(output, write_index=False)
            seconds = time.perf_counter() - start
            written = dd.read_parquet(output, columns=["count"])
            n_rows, n_values = dask.compute(written.shape[0], written["count"].sum())
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
            shutil.rmtree(output, ignore_errors=True)
    return {
        "seconds": seconds,
        "rows": float(n_rows),
        "values": float(n_values),
        "peak_gb": rss.peak_total / 1e9,
        "peak_single_gb": rss.peak_single / 1e9,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 stations x 60 days")
    parser.add_argument("--cache", type=Path, default=CACHE, help=f"default {CACHE}")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.25, 0.5, 1.0])
    parser.add_argument("--scheduler", help="address of a running dask scheduler")
    parser.add_argument("--check", action="store_true", help="exit 1 if peak RSS > 4 GB")
    args = parser.parse_args()
    # the p2p shuffle that dask picks for 12 million groups logs each start and end
    logging.getLogger("distributed.shuffle").setLevel(logging.ERROR)
    shape = QUICK if args.quick else FULL
    files = archive(args.cache, shape["stations"], shape["days"])
    hourly_values = shape["stations"] * 6 * 24
    print(
        f"archive: {shape['stations']} stations x {shape['days']} days x 6 pollutants = "
        f"{hourly_values * shape['days'] / 1e6:,.1f} M hourly values; Python "
        f"{platform.python_version()}, dask {dask.__version__}, pandas {pd.__version__}, "
        f"{os.cpu_count()} CPUs, {psutil.virtual_memory().total / 1e9:.0f} GB RAM"
    )
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        check(files[: max(3, len(files) // 20)] if args.quick else files[:5], client)
    print(f"{'days':>6} {'M values':>9} {'workers':>7} {'time s':>8} {'M values/s':>10} "
          f"{'peak RSS GB':>11} {'largest process GB':>18}")  # fmt: skip
    worst = 0.0
    for size in sorted(args.sizes):
        chosen = files[: max(1, round(size * len(files)))]
        for workers in args.workers if not args.scheduler else [0]:
            out = run(chosen, workers, args.scheduler, args.cache / "bench_dask_daily.parquet")
            worst = max(worst, out["peak_gb"])
            grid = len(chosen) * hourly_values / 1e6
            print(
                f"{len(chosen):>6} {grid:>9,.1f} {workers or '-':>7} {out['seconds']:>8.1f} "
                f"{grid / out['seconds']:>10.2f} {out['peak_gb']:>11.2f} "
                f"{out['peak_single_gb']:>18.2f}",
                flush=True,
            )
            assert np.isfinite(out["values"])
    print(f"peak RSS over all runs: {worst:.2f} GB (target <= {TARGET_RSS_GB} GB)")
    if args.check and worst > TARGET_RSS_GB:
        print(f"FAIL: peak RSS {worst:.2f} GB > {TARGET_RSS_GB} GB")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
