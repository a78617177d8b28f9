#!/usr/bin/env python
"""Monte Carlo over the tyre chain's factor ranges: speed, Sobol indices, convergence.

A measurement, not a test. Three parts, printed one after the other:

1. Speed (issue 12: target <= 1.5x). One million parameter sets drawn from the
   LITERATURE preset's factor distributions and propagated through the coal-equivalent
   chain, sampling included::

       uncertainty.monte_carlo(
           lambda p: carbon.co2_avoided(paving.tyres_for_area(area, p), p),
           "literature", 1_000_000, seed=..., method="random")

   against raw NumPy written by hand in the same process: ``np.random.default_rng(seed)``
   (PCG64 through SeedSequence, as wasteless seeds it), the eight factors the chain
   uses drawn with the same Generator methods in the same order (``rng.triangular``
   with the default value as mode, ``rng.uniform`` for the binder share), converted to
   SI by hand (mm -> m, percent -> fraction, lb -> kg, Btu/lb -> MJ/kg) and multiplied
   out as ``tyres_for_area`` and ``co2_avoided`` do. wasteless also draws a ninth
   factor the chain does not use (``combustion_co2``); it comes last, so the other
   draws are the same, and its cost is part of what is measured. Before timing, the
   script checks the hand-written distribution table against the factor records, that
   the eight drawn arrays are bit-identical, and that the results agree to 1e-12
   relative. Each side is timed best-of-N (interleaved, ``time.perf_counter``, garbage
   collection off) twice. First with the C library's malloc as it is, for information:
   with glibc's defaults, whether a freed 8 MB array goes back to the operating system
   (so that the next one costs ~2,000 page faults) depends on the heap's layout, i.e.
   on what the process did before, and this ratio moved between 1.18x and 1.46x over
   our runs on a shared 2-CPU VM. Then, on glibc, with freed arrays kept mapped
   (``mallopt``, as ``bench_tyres.py`` does): the headline, stable to a few percent.
   A breakdown of where the time goes follows (in the second setting).

2. Sobol indices of the same chain for its eight factors with n = 2**14 base samples
   (``uncertainty.sobol_indices(model, n=2**14, factors=[...])``; 163,840 model
   evaluations and 199 bootstrap resamples): the time of the first call (which
   imports ``scipy.stats``) and the best of the following calls, and the indices.

3. Convergence of the three sampling methods (``random``, ``latin-hypercube``,
   ``sobol``) for the mean and the 5th and 95th percentiles of kg CO2 per tyre and of
   tyres per m2: RMS error over 20 seeds at n = 2**8 ... 2**14, relative to a
   reference. The reference mean is exact (the outputs are products of independent
   factors, so the mean is the product of the factors' means, and of E[1/x] for the
   crumb rubber per tyre, in closed form); the reference percentiles come
   from a large random run (2**25 draws, in batches; its standard error, from the
   spread of the batches, is printed, and errors within 3x of it are marked). The
   large run's mean is checked against the exact one. The conclusion line is
   computed from the table.

Usage (from the project root)::

    python benchmarks/bench_uncertainty.py            # about 25 s
    python benchmarks/bench_uncertainty.py --quick    # fewer repeats, seeds, draws; about 7 s
    python benchmarks/bench_uncertainty.py --check    # exit 1 if the speed target is missed
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import math
import os
import platform
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import scipy

import wasteless
from wasteless import Q_, carbon, paving, uncertainty

N_DRAWS = 1_000_000
MAX_RATIO = 1.5
SEED = uncertainty.DEFAULT_SEED
AREA = Q_(350_000, "m**2")  # any area: the chain is linear in it
AREA_M2 = 350_000.0

# --- the raw NumPy baseline ---------------------------------------------------------------
#
# The eight factors of the coal-equivalent chain, in the order wasteless draws them
# (paving then carbon, in field order), as a NumPy user copies them from the factor
# sheet: (field, Generator method, low, mode, high, record unit). The uniform has no mode.
CHAIN_FACTORS: tuple[tuple[str, str, float, float | None, float, str], ...] = (
    ("layer_thickness", "triangular", 30.0, 50.8, 61.0, "mm"),
    ("mix_density", "triangular", 2270.0, 2320.0, 2400.0, "kg/m**3"),
    ("binder_fraction", "uniform", 6.5, None, 9.0, "percent"),
    ("crumb_rubber_fraction", "triangular", 15.0, 20.0, 22.0, "percent"),
    ("crumb_rubber_per_tyre", "triangular", 4.5, 6.35, 6.35, "kg/tyre"),
    ("tyre_mass", "triangular", 20.0, 20.0, 25.0, "lb/tyre"),
    ("heating_value", "triangular", 12000.0, 15000.0, 16000.0, "Btu/lb"),
    ("co2_per_coal_equivalent", "triangular", 2.7725, 2.7725, 2.8810, "t/tce"),
)
FIELDS = [row[0] for row in CHAIN_FACTORS]
KG_PER_LB = 0.45359237  # international pound
MJ_PER_BTU = 1055.056e-6  # international Btu, as pint defines it
MJ_PER_TCE = 29307.6  # GB/T 2589: 1 kgce = 7000 kcal_IT


def numpy_draws(n: int, seed: int) -> dict[str, np.ndarray]:
    """The eight factors in their record units, drawn as wasteless draws them."""
    rng = np.random.default_rng(seed)
    return {
        "layer_thickness": rng.triangular(30.0, 50.8, 61.0, n),
        "mix_density": rng.triangular(2270.0, 2320.0, 2400.0, n),
        "binder_fraction": rng.uniform(6.5, 9.0, n),
        "crumb_rubber_fraction": rng.triangular(15.0, 20.0, 22.0, n),
        "crumb_rubber_per_tyre": rng.triangular(4.5, 6.35, 6.35, n),
        "tyre_mass": rng.triangular(20.0, 20.0, 25.0, n),
        "heating_value": rng.triangular(12000.0, 15000.0, 16000.0, n),
        "co2_per_coal_equivalent": rng.triangular(2.7725, 2.7725, 2.8810, n),
    }


def numpy_chain(d: dict[str, np.ndarray], area_m2: float) -> np.ndarray:
    """t CO2 for ``area_m2`` per draw: SI by hand, then tyres_for_area and co2_avoided."""
    thickness = d["layer_thickness"] * 1e-3  # m
    binder = d["binder_fraction"] * 0.01
    crumb = d["crumb_rubber_fraction"] * 0.01
    tyre_mass = d["tyre_mass"] * KG_PER_LB  # kg/tyre
    heating = d["heating_value"] * (MJ_PER_BTU / KG_PER_LB)  # MJ/kg
    tyres_per_m2 = thickness * d["mix_density"] * binder * crumb / d["crumb_rubber_per_tyre"]
    tyres = area_m2 * tyres_per_m2
    co2_per_tyre = tyre_mass * heating / MJ_PER_TCE * d["co2_per_coal_equivalent"]  # t/tyre
    return tyres * co2_per_tyre


def numpy_monte_carlo(n: int, seed: int) -> np.ndarray:
    return numpy_chain(numpy_draws(n, seed), AREA_M2)


# --- wasteless ----------------------------------------------------------------------------


def chain(p: Any) -> Any:
    """The model: t CO2 avoided by paving AREA, through the coal-equivalent pathway."""
    return carbon.co2_avoided(paving.tyres_for_area(AREA, p), p)


def co2_per_tyre(p: Any) -> Any:
    return carbon.co2_avoided(Q_(1.0, "tyre"), p).to("kg")


def tyres_per_m2(p: Any) -> Any:
    return paving.tyres_for_area(Q_(1.0, "m**2"), p)


def wasteless_monte_carlo(n: int, seed: int) -> uncertainty.MonteCarloResult:
    return uncertainty.monte_carlo(chain, "literature", n, seed=seed, method="random")


# --- checks -------------------------------------------------------------------------------


def check_baseline(n: int, seed: int) -> str:
    """Exit unless the baseline draws and computes what wasteless does; say how closely."""
    dists = uncertainty.distributions("literature")
    for field, method, low, mode, high, unit in CHAIN_FACTORS:
        f = dists[field].factor
        expected_mode = f.value if method == "triangular" else None
        if (dists[field].kind, f.low, expected_mode, f.high, f.unit) != (
            method,
            low,
            mode,
            high,
            unit,
        ):
            sys.exit(
                f"bench_uncertainty: {field} is now {dists[field].kind} {f.low}-{f.value}-"
                f"{f.high} {f.unit}; update CHAIN_FACTORS and numpy_draws"
            )
    varying = [name for name, d in dists.items() if d.kind != "fixed"]
    if varying[: len(FIELDS)] != FIELDS:
        sys.exit(f"bench_uncertainty: wasteless draws in the order {varying}, not {FIELDS}")

    ours = uncertainty.draw("literature", n, seed=seed, method="random").values
    theirs = numpy_draws(n, seed)
    for field in FIELDS:
        if not np.array_equal(ours[field], theirs[field]):
            sys.exit(f"bench_uncertainty: the draws of {field} differ from NumPy's")

    result = wasteless_monte_carlo(n, seed)
    if str(result.units) != "metric_ton":
        sys.exit(f"bench_uncertainty: wasteless returned {result.units}, expected t")
    expected = numpy_monte_carlo(n, seed)
    relative = np.abs(result.magnitudes / expected - 1.0).max()
    if not relative <= 1e-12:
        sys.exit(f"bench_uncertainty: results differ by {relative:.2e} relative (> 1e-12)")
    unused = ", ".join(varying[len(FIELDS) :]) or "none"
    return (
        f"draws of the 8 factors bit-identical to NumPy's (wasteless also draws: {unused}); "
        f"results agree to {relative:.1e} relative"
    )


# --- timing -------------------------------------------------------------------------------

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # from glibc's <malloc.h>


def pin_malloc() -> str | None:
    """Keep freed arrays mapped (glibc only); a line saying what was done, or None."""
    if platform.libc_ver()[0] != "glibc":
        return None
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return None
    if mallopt(_M_MMAP_THRESHOLD, 32 * 2**20) == 1 and mallopt(_M_TRIM_THRESHOLD, 2**29) == 1:
        return "glibc malloc, mmap threshold 32 MiB, trim threshold 512 MiB (freed arrays reused)"
    return None


def best_of(funcs: list[Callable[[], object]], repeats: int) -> list[float]:
    """Best time of each callable; the repeats interleaved so that drift hits all alike."""
    for func in funcs:
        func()  # warm-up
    best = [math.inf] * len(funcs)
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            for i, func in enumerate(funcs):
                start = time.perf_counter()
                func()
                best[i] = min(best[i], time.perf_counter() - start)
    finally:
        if enabled:
            gc.enable()
    return best


def speed(n: int, repeats: int, label: str) -> float:
    ours, theirs = best_of(
        [lambda: wasteless_monte_carlo(n, SEED), lambda: numpy_monte_carlo(n, SEED)], repeats
    )
    ratio = ours / theirs
    print(
        f"  {label:<44}{ours * 1e3:8.1f} ms{theirs * 1e3:9.1f} ms{ratio:8.2f}x  "
        f"{verdict(ratio <= MAX_RATIO)}"
    )
    return ratio


def breakdown(n: int, repeats: int, malloc: str) -> None:
    """Where the time goes, each piece timed on its own (so the sums are approximate)."""
    dists = uncertainty.distributions("literature")
    varying = [d for d in dists.values() if d.kind != "fixed"]
    unused = [d for d in varying if d.field not in FIELDS]

    def sample(which: list[uncertainty.FactorDistribution]) -> object:
        rng = np.random.default_rng(SEED)
        return [d.sample(rng, n) for d in which]

    drawn = uncertainty.draw("literature", n, seed=SEED)
    ours = numpy_draws(n, SEED)
    times = best_of(
        [
            lambda: wasteless_monte_carlo(n, SEED),
            lambda: uncertainty.draw("literature", n, seed=SEED),
            lambda: sample(varying),
            lambda: sample(unused),
            lambda: chain(drawn.preset),
            lambda: numpy_monte_carlo(n, SEED),
            lambda: numpy_draws(n, SEED),
            lambda: numpy_chain(ours, AREA_M2),
        ],
        repeats,
    )
    mc, draw, sampled, sampled_unused, model, np_total, np_draws, np_chain = (
        t * 1e3 for t in times
    )
    names = ", ".join(d.field for d in unused)
    rows = [
        ("wasteless monte_carlo", mc),
        (f"  sampling, {len(varying)} factors (Generator calls)", sampled),
        (f"    of which unused by the chain ({names})", sampled_unused),
        ("  draw() beyond sampling: Quantities, unit conversion, checks", draw - sampled),
        ("  the model on the drawn preset", model),
        ("  monte_carlo beyond draw and model: result checks", mc - draw - model),
        ("NumPy baseline", np_total),
        (f"  sampling, {len(FIELDS)} factors", np_draws),
        ("  SI conversion and arithmetic", np_chain),
    ]
    print(
        f"\nwhere the time goes, n = {n:,}, {malloc} (each piece best of {repeats}, timed alone):"
    )
    for label, ms in rows:
        print(f"  {label:<62}{ms:7.1f} ms")


# --- part 2: Sobol indices ----------------------------------------------------------------


def sobol_part(repeats: int) -> None:
    n = 2**14

    def run() -> pd.DataFrame:
        return uncertainty.sobol_indices(chain, "literature", n=n, seed=SEED, factors=FIELDS)

    cold = "scipy.stats" not in sys.modules
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        table = run()
        times.append(time.perf_counter() - start)
    first, warm = times[0], min(times[1:], default=math.nan)
    print(
        f"\nSobol indices, 8 factors, n = 2**14 base samples ({n * (len(FIELDS) + 2):,} model "
        "evaluations, 199 bootstrap resamples):"
    )
    print(
        f"  first call{' (imports scipy.stats)' if cold else ''}: {first:.2f} s; "
        f"best of the next {repeats - 1}: {warm:.2f} s"
    )
    shown = pd.DataFrame(
        {
            "first order": table["first_order"].map("{:.3f}".format),
            "95 % CI": [
                f"{lo:.3f} to {hi:.3f}"
                for lo, hi in table[["first_order_low", "first_order_high"]].to_numpy()
            ],
            "total": table["total"].map("{:.3f}".format),
            "95 % CI ": [
                f"{lo:.3f} to {hi:.3f}" for lo, hi in table[["total_low", "total_high"]].to_numpy()
            ],
            "distribution": table["distribution"],
        }
    )
    print("  " + shown.to_string().replace("\n", "\n  "))


# --- part 3: convergence ------------------------------------------------------------------

STATS = ("mean", "p05", "p95")
OUTPUTS: dict[str, Callable[[Any], Any]] = {
    "kg CO2 per tyre": co2_per_tyre,
    "tyres per m2": tyres_per_m2,
}


def _mean_and_inverse_mean(
    method: str, low: float, mode: float | None, high: float
) -> tuple[float, float]:
    """E[x] and E[1/x] of a uniform or triangular distribution, in closed form."""
    if method == "uniform":
        return (low + high) / 2, math.log(high / low) / (high - low)
    assert mode is not None

    def g(p: float, q: float) -> float:  # p ln(p/q) / (p - q), and its limit 1 at p = q
        return 1.0 if p == q else p * math.log(p / q) / (p - q)

    return (low + mode + high) / 3, 2.0 * (g(high, mode) - g(low, mode)) / (high - low)


def exact_means() -> dict[str, float]:
    """The exact means: products of independent factors' means (E[1/x] for a divisor)."""
    moments = {row[0]: _mean_and_inverse_mean(*row[1:5]) for row in CHAIN_FACTORS}
    si = {  # record unit -> the unit of the kernels (all linear)
        "layer_thickness": 1e-3,
        "mix_density": 1.0,
        "binder_fraction": 0.01,
        "crumb_rubber_fraction": 0.01,
        "crumb_rubber_per_tyre": 1.0,
        "tyre_mass": KG_PER_LB,
        "heating_value": MJ_PER_BTU / KG_PER_LB,
        "co2_per_coal_equivalent": 1.0,
    }
    mean = {k: moments[k][0] * si[k] for k in si}
    per_tyre = (
        mean["tyre_mass"] * mean["heating_value"] / MJ_PER_TCE * mean["co2_per_coal_equivalent"]
    )
    per_m2 = (
        mean["layer_thickness"]
        * mean["mix_density"]
        * mean["binder_fraction"]
        * mean["crumb_rubber_fraction"]
        * moments["crumb_rubber_per_tyre"][1]
        / si["crumb_rubber_per_tyre"]
    )
    return {"kg CO2 per tyre": per_tyre * 1e3, "tyres per m2": per_m2}


def statistics(values: np.ndarray) -> np.ndarray:
    p05, p95 = np.quantile(values, [0.05, 0.95])
    return np.array([values.mean(), p05, p95])


def reference(total: int, batches: int) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Mean, p05, p95 of each output from one large random run, and their standard errors."""
    size = total // batches
    pooled: dict[str, list[np.ndarray]] = {name: [] for name in OUTPUTS}
    per_batch: dict[str, list[np.ndarray]] = {name: [] for name in OUTPUTS}
    for b in range(batches):
        drawn = uncertainty.draw("literature", size, seed=10_000 + b, method="random")
        for name, model in OUTPUTS.items():
            values = np.asarray(model(drawn.preset).magnitude, dtype=np.float64)
            pooled[name].append(values)
            per_batch[name].append(statistics(values))
    ref, err = {}, {}
    for name in OUTPUTS:
        values = np.concatenate(pooled[name])
        pooled[name] = []
        ref[name] = statistics(values)
        err[name] = np.std(per_batch[name], axis=0, ddof=1) / math.sqrt(batches)
    return ref, err


def convergence(seeds: int, max_power: int, ref_total: int, ref_batches: int) -> None:
    powers = list(range(8, max_power + 1))
    exact = exact_means()
    start = time.perf_counter()
    ref, ref_err = reference(ref_total, ref_batches)
    ref_time = time.perf_counter() - start
    print(
        f"\nConvergence: RMS error over {seeds} seeds, n = 2**{powers[0]} ... 2**{powers[-1]}; "
        f"reference: exact means, percentiles from 2**{round(math.log2(ref_total))} random "
        f"draws ({ref_time:.1f} s)"
    )
    for name in OUTPUTS:
        z = (ref[name][0] - exact[name]) / ref_err[name][0]
        if abs(z) > 5:
            sys.exit(f"bench_uncertainty: {name}: large run's mean is {z:.1f} SE from exact")
        print(
            f"  {name}: mean {exact[name]:.6g} (large run {ref[name][0]:.6g}, {z:+.1f} SE); "
            f"p05 {ref[name][1]:.5g} ± {ref_err[name][1] / ref[name][1]:.3%}; "
            f"p95 {ref[name][2]:.5g} ± {ref_err[name][2] / ref[name][2]:.3%}"
        )
        ref[name][0], ref_err[name][0] = exact[name], 0.0

    # rms[output][method]: (len(powers), 3) relative RMS errors of mean, p05, p95
    rms: dict[str, dict[str, np.ndarray]] = {name: {} for name in OUTPUTS}
    start = time.perf_counter()
    for method in uncertainty.METHODS:
        for name, model in OUTPUTS.items():
            errors = np.empty((len(powers), seeds, len(STATS)))
            for i, power in enumerate(powers):
                for s in range(seeds):
                    result = uncertainty.monte_carlo(
                        model, "literature", 2**power, seed=1 + s, method=method
                    )
                    errors[i, s] = statistics(result.magnitudes) / ref[name] - 1.0
            rms[name][method] = np.sqrt(np.mean(errors**2, axis=1))
    runs = len(uncertainty.METHODS) * len(OUTPUTS) * len(powers) * seeds
    print(f"  {runs} monte_carlo runs in {time.perf_counter() - start:.1f} s")

    shown = [p for p in powers if (p - powers[0]) % 2 == 0 or p == powers[-1]]
    head = "".join(f"{'2**' + str(p):>9}" for p in shown)
    print(
        "\n  relative RMS error; slope: fit of log(error) on log(n) (n**-0.5 gives -0.5);"
        f"\n  x draws: (random's error / this one)**2 at n = 2**{powers[-1]}, how many times"
        "\n  more draws random would need for the same error; * within 3x the reference's"
        "\n  standard error (the reference limits that cell)"
    )
    print(f"  {'output':<16}{'stat':<5}{'method':<16}{head}{'slope':>7}{'x draws':>9}")
    gains: dict[tuple[str, str], dict[str, float]] = {}
    for name in OUTPUTS:
        for k, stat in enumerate(STATS):
            floor = 3.0 * ref_err[name][k] / ref[name][k]
            for method in uncertainty.METHODS:
                errs = rms[name][method][:, k]
                slope = np.polyfit(np.log(2.0 ** np.array(powers)), np.log(errs), 1)[0]
                gain = (rms[name]["random"][-1, k] / errs[-1]) ** 2
                gains.setdefault((name, stat), {})[method] = gain
                cells = "".join(
                    f"{errs[p - powers[0]]:8.1e}" + ("*" if errs[p - powers[0]] < floor else " ")
                    for p in shown
                )
                print(f"  {name:<16}{stat:<5}{method:<16}{cells}{slope:7.2f}{gain:9.2g}")
    print(f"\n  conclusion: {conclusion(gains, seeds, powers[-1])}")


def conclusion(gains: dict[tuple[str, str], dict[str, float]], seeds: int, power: int) -> str:
    """One line from the table: the fastest method per kind of statistic, and by how much."""
    # An RMS over s seeds has a relative standard error of about 1/sqrt(2 s), so a factor
    # in draws (a squared ratio of two RMS) below (1 + 3/sqrt(2 s))**2 is within the noise.
    noise = (1.0 + 3.0 / math.sqrt(2 * seeds)) ** 2
    parts = []
    for kind, chosen in (("means", ("mean",)), ("5th/95th percentiles", ("p05", "p95"))):
        cells = [g for (_, stat), g in gains.items() if stat in chosen]
        geo = {
            m: math.exp(float(np.mean([math.log(g[m]) for g in cells])))
            for m in uncertainty.METHODS
        }
        best = max(geo, key=lambda m: geo[m])
        wins = sum(max(g, key=lambda m: g[m]) == best for g in cells)
        clear = sum(g[best] > noise * max(v for m, v in g.items() if m != best) for g in cells)
        worth = "; ".join(
            f"{m} {min(g[m] for g in cells):.2g}-{max(g[m] for g in cells):.2g}x, "
            f"geometric mean {geo[m]:.2g}x"
            for m in uncertainty.METHODS
            if m != "random"
        )
        parts.append(
            f"for the {kind} {best} converges fastest: best in {wins} of {len(cells)} "
            f"(output, statistic) pairs, by more than the {seeds}-seed noise ({noise:.1f}x in "
            f"draws) in {clear}; worth random's draws at n = 2**{power}: {worth}"
        )
    return ". ".join(part[0].upper() + part[1:] for part in parts) + "."


# --- report -------------------------------------------------------------------------------


def machine() -> str:
    """CPU model and count, for the record (ratios, not times, carry between machines)."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} CPU(s), {platform.system()} {platform.machine()}"


def versions() -> str:
    return (
        f"wasteless {wasteless.__version__}, numpy {np.__version__}, scipy {scipy.__version__}, "
        f"pandas {pd.__version__}, Python {platform.python_version()}"
    )


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, seeds and draws")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the speed target is missed"
    )
    parser.add_argument("--repeats", type=int, default=None, help="timed runs per case")
    parser.add_argument("--seeds", type=int, default=None, help="seeds per convergence cell")
    args = parser.parse_args(argv)
    repeats = args.repeats or (5 if args.quick else 15)
    seeds = args.seeds or (10 if args.quick else 20)
    max_power = 12 if args.quick else 14
    ref_total, ref_batches = (2**22, 8) if args.quick else (2**25, 16)
    started = time.perf_counter()

    print(versions())
    print(machine())
    print(
        f"\n{N_DRAWS:,} draws through co2_avoided(tyres_for_area(area)), sampling included, "
        f"seed {SEED}"
    )
    print(f"  {check_baseline(N_DRAWS, SEED)}")
    print(f"  {'best of ' + str(repeats):<44}{'wasteless':>11}{'NumPy':>12}{'ratio':>9}")
    ratio = speed(N_DRAWS, repeats, "malloc as it is (information)")
    pinned = pin_malloc()
    if pinned:
        ratio = speed(N_DRAWS, repeats, "freed arrays kept mapped (headline)")
        print(f"  ({pinned})")
    ok = ratio <= MAX_RATIO
    print(f"target <= {MAX_RATIO:g}x NumPy: {ratio:.2f}x, {verdict(ok)}")
    setting = "freed arrays kept mapped" if pinned else "malloc as it is"
    breakdown(N_DRAWS, max(3, repeats // 2), setting)

    sobol_part(3 if args.quick else 6)
    convergence(seeds, max_power, ref_total, ref_batches)
    print(f"\ntotal {time.perf_counter() - started:.0f} s{' (--quick)' if args.quick else ''}")
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
