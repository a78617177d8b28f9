#!/usr/bin/env python
"""Landfill methane (IPCC first-order decay) at Monte Carlo scale, against raw NumPy.

A measurement, not a test: it prints times, the ratio of wasteless to a baseline timed in
the same process, and the peak memory. Absolute times depend on the machine (and on who
else uses it); ratios are what to compare between runs.

Cases
-----
(a) 100 years x 11 fractions x 100,000 draws. ``waste.landfill_methane`` on a (years x
    fractions) deposit history, with a :class:`~wasteless.waste.landfill.LandfillParams`
    whose every non-fixed factor holds 100,000 draws from its record's distribution
    (records shared by several fields, the 2006 bulk DOCf, drawn once), through the units
    pathway, returning CH4 generated, recovered and emitted per draw and year, against a
    raw NumPy recursion of the same equations written the way a NumPy user would:
    per-draw parameter arrays (draws x 11 fractions), ``exp(-k)`` hoisted out of the loop,
    and one pass of Eqs 3.2, 3.5, 3.4 per year, then Eqs 3.6 and 3.1::

        rate = doc * docf * mcf[:, None]              # Eq. 3.2 per tonne, (draws, fractions)
        keep = np.exp(-k); lose = 1 - keep
        acc = np.zeros((n, 11))
        for t in range(years):
            decomposed = acc * lose                     # Eq. 3.5
            acc = deposits[t] * rate + acc * keep       # Eq. 3.4
            generated[t] = decomposed.sum(axis=1)
        emitted = generated * f * 16/12 * (1 - ox)      # Eqs 3.6, 3.1 (R = 0)

    Target (issue 17): at most 1.5x. The baseline counts all 11 fractions, as the case
    says; wasteless skips the five whose DOC is 0 (Table 2.4), which a user could do as
    well: the same recursion on the six degradable fractions is printed too (information).
    The naive recursion makes temporaries and sums over the short last axis of
    (draws, fractions) arrays; wasteless recurses on the deposited mass in
    (fractions, draws) arrays with weights fixed in time (three passes per year). The
    same form written by hand in NumPy is printed too (information): the ratio to it is
    what the units pathway, the checks and the packing of three results cost.
    The results are checked to agree to 1e-12 before anything is timed.
(b) One draw (the IPCC 2006 defaults), same deposits: wasteless against bonsai-ipcc 0.5.3's
    per-year equation functions (``waste/swd/elementary.py``: ``ddoc_from_wd_data``,
    ``ddoc_m_decomp_t``, ``ddoc_ma_t``, ``ch4_generated``, ``ch4_emissions``) called for
    each year and fraction, as its sequences do. Printed as a speed-up; skipped when
    bonsai-ipcc is not installed (``pip install --no-deps bonsai-ipcc==0.5.3
    uncertainties``: its own dependencies pin numpy < 2 and pandas < 3).

Memory: before allocating anything the script estimates what the case needs (the
parameter draws, the baseline's and wasteless's result and working arrays, 8 bytes per
value) and refuses to run above ``--memory-budget`` (default 2 GB), saying which size to
lower. wasteless's own :data:`~wasteless.waste.landfill.MEMORY_BUDGET` (1 GiB per call)
guards a call the same way. The peak resident set size of the process
(``resource.getrusage``) is printed at the end. The result arrays are 80 MB each, above
glibc's largest mmap threshold, so every call maps fresh pages on both sides; no malloc
setting changes that.

Timing: best of N (``time.perf_counter``, garbage collection off, wasteless and baseline
interleaved, one warm-up call each).

Usage (from the project root)::

    python benchmarks/bench_waste.py            # 100,000 draws; about 30 s
    python benchmarks/bench_waste.py --quick    # 10,000 draws, fewer repeats; a few seconds
    python benchmarks/bench_waste.py --check    # exit 1 if (a) is over its target
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import platform
import resource
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

import wasteless
from wasteless import Q_
from wasteless.uncertainty import FactorDistribution
from wasteless.waste.fractions import FRACTIONS
from wasteless.waste.landfill import (
    DEGRADABLE_FRACTIONS,
    LandfillParams,
    landfill_methane,
    landfill_params,
)

MAX_RATIO = 1.5
SEED = 20200117
CLIMATE, SITE = "tropical_wet", "managed_semi_aerobic"  # OX 0.1: every factor matters


def _draws(n: int, seed: int) -> LandfillParams:
    """``n`` draws of every non-fixed record (a shared record drawn once)."""
    rng = np.random.default_rng(seed)
    params = landfill_params("ipcc-2006")
    records = {params.sources[key].key: params.sources[key] for key in LandfillParams._units}
    values = {
        key: Q_(FactorDistribution(key, "landfill", record).sample(rng, n), record.unit)
        for key, record in records.items()
        if record.distribution != "fixed"
    }
    return params.with_values(values, name=f"{n} draws")


def _baseline_inputs(params: LandfillParams, fractions: tuple[str, ...]) -> dict[str, Any]:
    """The drawn parameters as the plain arrays a NumPy user would hold: (draws, fractions)."""
    v = params.magnitudes()
    n = params.n_draws or 1

    def column(key: str | None) -> np.ndarray:
        value = 0.0 if key is None else v[key]
        return np.broadcast_to(np.asarray(value, dtype=np.float64), (n,))

    def per_fraction(prefix: str, suffix: str = "") -> np.ndarray:
        return np.stack(
            [
                column(f"{prefix}{f}{suffix}" if f in DEGRADABLE_FRACTIONS else None)
                for f in fractions
            ],
            axis=1,
        )

    return {
        "doc": per_fraction("doc_"),
        "docf": per_fraction("docf_"),
        "k": per_fraction("k_", f"_{CLIMATE}"),
        "mcf": column(f"mcf_{SITE}").copy(),
        "f": column("methane_fraction_f").copy(),
        "ox": column(f"oxidation_{SITE}").copy(),
    }


def numpy_fod(deposits: np.ndarray, doc: Any, docf: Any, k: Any, mcf: Any, f: Any, ox: Any) -> Any:
    """CH4 emitted (years, draws) in t: the raw NumPy recursion of Eqs 3.1-3.6 (R = 0)."""
    n, years = doc.shape[0], deposits.shape[0]
    rate = doc * docf * mcf[:, None]  # Eq. 3.2 per tonne of waste
    keep = np.exp(-k)
    lose = 1.0 - keep
    acc = np.zeros_like(rate)
    generated = np.empty((years, n))
    for t in range(years):
        decomposed = acc * lose  # Eq. 3.5: DDOCma_{T-1} (1 - e^{-k})
        acc = deposits[t] * rate + acc * keep  # Eq. 3.4
        generated[t] = decomposed.sum(axis=1)
    generated *= f * 16.0 / 12.0  # Eq. 3.6
    return generated * (1.0 - ox)  # Eq. 3.1 with R = 0


def numpy_fod_tuned(
    deposits: np.ndarray, doc: Any, docf: Any, k: Any, mcf: Any, f: Any, ox: Any
) -> Any:
    """The same in the form wasteless computes it, by hand: what is left is overhead.

    Fraction-major arrays (fractions, draws); the recursion runs on the deposited mass
    B_T = B_{T-1} e^{-k} + W_T, whose weights DDOCm (1 - e^{-k}) are fixed in time, so a
    year is one weighted sum over the fractions and two in-place updates.
    """
    years = deposits.shape[0]
    rate = np.ascontiguousarray((doc * docf * mcf[:, None]).T)  # (fractions, draws)
    k_by_fraction = np.ascontiguousarray(k.T)
    keep = np.exp(-k_by_fraction)
    weight = rate * -np.expm1(-k_by_fraction)  # DDOCm per tonne x (1 - e^{-k})
    b = np.zeros_like(rate)
    generated = np.zeros((years, rate.shape[1]))
    for t in range(years):
        if t:
            np.einsum("fn,fn->n", weight, b, out=generated[t])  # Eq. 3.5 with 3.2
        b *= keep  # Eq. 3.4, on the mass
        b += deposits[t][:, None]
    generated *= f * 16.0 / 12.0  # Eq. 3.6
    generated *= 1.0 - ox  # Eq. 3.1 with R = 0
    return generated


def _bonsai() -> Any:
    """bonsai-ipcc's swd equation module without its package __init__ (or None)."""
    spec = importlib.util.find_spec("bonsai_ipcc")
    if spec is None or not spec.submodule_search_locations:
        return None
    if importlib.util.find_spec("uncertainties") is None:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    for name in (
        "bonsai_ipcc",
        "bonsai_ipcc.waste",
        "bonsai_ipcc.waste.swd",
        "bonsai_ipcc.waste.waste_generation",
    ):
        package = types.ModuleType(name)
        package.__path__ = [str(root.joinpath(*name.split(".")[1:]))]
        sys.modules[name] = package
    return importlib.import_module("bonsai_ipcc.waste.swd.elementary")


def bonsai_fod(el: Any, deposits_gg: np.ndarray, params: LandfillParams) -> np.ndarray:
    """CH4 emitted per year (Gg) through bonsai-ipcc's per-year functions, one draw."""
    v = params.magnitudes()
    accumulated = [0.0] * len(FRACTIONS)
    emitted = np.empty(deposits_gg.shape[0])
    for t in range(deposits_gg.shape[0]):
        total = 0.0
        for i, fraction in enumerate(FRACTIONS):
            if fraction in DEGRADABLE_FRACTIONS:
                doc, docf = v[f"doc_{fraction}"], v[f"docf_{fraction}"]
                k = v[f"k_{fraction}_{CLIMATE}"]
            else:  # DOC 0: bonsai-ipcc has a k for every type; any k gives 0 here
                doc, docf, k = 0.0, 0.0, 0.1
            deposited = el.ddoc_from_wd_data(deposits_gg[t, i], doc, docf, v[f"mcf_{SITE}"])
            decomposed = el.ddoc_m_decomp_t(accumulated[i], k)
            accumulated[i] = el.ddoc_ma_t(deposited, accumulated[i], k)
            total += el.ch4_generated(decomposed, v["methane_fraction_f"])
        emitted[t] = el.ch4_emissions(total, v[f"oxidation_{SITE}"], 0.0)
    return emitted


def _best(
    first: Callable[[], object], second: Callable[[], object], repeats: int
) -> tuple[float, float]:
    """Best time of each of two callables, interleaved, garbage collection off."""
    first()
    second()
    times: tuple[list[float], list[float]] = ([], [])
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            for i, function in enumerate((first, second)):
                start = time.perf_counter()
                function()
                times[i].append(time.perf_counter() - start)
    finally:
        if enabled:
            gc.enable()
    return min(times[0]), min(times[1])


def _estimate_bytes(n: int, years: int) -> float:
    """What case (a) allocates at its peak, 8 bytes per value (see the module docstring)."""
    draws = 8 * 40 * n  # the drawn parameter arrays (about 40 of 47 fields vary)
    baseline = 8 * (years * n * 2 + 6 * 11 * n)  # result and a temporary; (n, 11) arrays
    ours = 8 * (years * n * 3 + 6 * 6 * n)  # three results; (6, n) working arrays
    return float(draws + baseline + ours)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 draws, fewer repeats")
    parser.add_argument("--check", action="store_true", help="exit 1 if (a) is over 1.5x")
    parser.add_argument("--draws", type=int, default=None, help="Monte Carlo draws (100,000)")
    parser.add_argument("--years", type=int, default=100, help="years of deposits (100)")
    parser.add_argument("--repeats", type=int, default=None, help="timed runs per side")
    parser.add_argument(
        "--memory-budget", type=float, default=2.0, help="GB case (a) may take (2)"
    )
    args = parser.parse_args(argv)
    n = args.draws or (10_000 if args.quick else 100_000)
    years = args.years
    repeats = args.repeats or (3 if args.quick else 5)
    if n < 2 or years < 1:
        parser.error("--draws must be >= 2 and --years >= 1")
    needed = _estimate_bytes(n, years)
    if needed > args.memory_budget * 1e9:
        print(
            f"bench_waste: {n:,} draws x {years} years need about {needed / 1e9:.1f} GB, over "
            f"--memory-budget {args.memory_budget:g} GB: lower --draws or --years (or raise "
            "the budget if the machine has the memory)",
            file=sys.stderr,
        )
        return 2

    print(
        f"wasteless {wasteless.__version__}, numpy {np.__version__}, Python "
        f"{platform.python_version()} ({platform.machine()})"
    )
    print(
        f"{years} years x {len(FRACTIONS)} fractions x {n:,} draws, {CLIMATE}, {SITE}; "
        f"best of {repeats}{' (--quick)' if args.quick else ''}; estimated "
        f"{needed / 1e9:.2f} GB\n"
    )
    rng = np.random.default_rng(SEED)
    deposits = rng.uniform(0.0, 1000.0, (years, len(FRACTIONS)))  # t per year
    deposits_q = Q_(deposits, "t")
    drawn = _draws(n, SEED)
    every = _baseline_inputs(drawn, FRACTIONS)
    degradable = _baseline_inputs(drawn, DEGRADABLE_FRACTIONS)
    columns = [FRACTIONS.index(f) for f in DEGRADABLE_FRACTIONS]
    deposits_degradable = np.ascontiguousarray(deposits[:, columns])
    inventory = range(2000, 2000 + years)

    def ours() -> Any:
        return landfill_methane(deposits_q, drawn, years=inventory, climate=CLIMATE, site=SITE)

    def baseline() -> Any:
        return numpy_fod(deposits, **every)

    def baseline_degradable() -> Any:
        return numpy_fod(deposits_degradable, **degradable)

    def baseline_tuned() -> Any:
        return numpy_fod_tuned(deposits_degradable, **degradable)

    # the same numbers first
    got = ours().ch4_emitted.to("t").magnitude
    for label, function in (
        ("11 fractions", baseline),
        ("6 degradable", baseline_degradable),
        ("tuned", baseline_tuned),
    ):
        want = function().T
        worst = float(np.max(np.abs(got - want) / np.maximum(np.abs(want), 1e-300)))
        if not np.allclose(got, want, rtol=1e-12, atol=0.0):
            sys.exit(f"bench_waste: wasteless and the NumPy baseline ({label}) differ: {worst:g}")
    print("checked: wasteless = NumPy recursion to 1e-12 relative, every draw and year\n")

    ours_s, base_s = _best(ours, baseline, repeats)
    _, base6_s = _best(ours, baseline_degradable, max(2, repeats // 2))
    _, tuned_s = _best(ours, baseline_tuned, repeats)
    ratio = ours_s / base_s
    rows = [
        ("(a) wasteless landfill_methane", f"{ours_s * 1e3:8.1f} ms", ""),
        (
            "    raw NumPy recursion, 11 fractions",
            f"{base_s * 1e3:8.1f} ms",
            f"ratio {ratio:.2f}x (target <= {MAX_RATIO:g}x){' OVER' if ratio > MAX_RATIO else ''}",
        ),
        (
            "    raw NumPy recursion, 6 degradable",
            f"{base6_s * 1e3:8.1f} ms",
            f"ratio {ours_s / base6_s:.2f}x (information)",
        ),
        (
            "    NumPy in wasteless's form, by hand",
            f"{tuned_s * 1e3:8.1f} ms",
            f"ratio {ours_s / tuned_s:.2f}x (information: the overhead of wasteless)",
        ),
    ]
    el = _bonsai()
    if el is None:
        rows.append(("(b) bonsai-ipcc per-year functions", "skipped", "bonsai-ipcc not installed"))
    else:
        one = landfill_params("ipcc-2006")
        deposits_gg = deposits / 1000.0

        def ours_one() -> Any:
            return landfill_methane(deposits_q, one, years=inventory, climate=CLIMATE, site=SITE)

        def theirs() -> Any:
            return bonsai_fod(el, deposits_gg, one)

        mine = ours_one().ch4_emitted.to("Gg").magnitude
        if not np.allclose(mine, theirs(), rtol=1e-9, atol=0.0):
            sys.exit("bench_waste: wasteless and bonsai-ipcc differ on one draw")
        ours1_s, theirs_s = _best(ours_one, theirs, repeats)
        rows += [
            ("(b) wasteless, one draw", f"{ours1_s * 1e3:8.2f} ms", ""),
            (
                "    bonsai-ipcc per-year functions",
                f"{theirs_s * 1e3:8.2f} ms",
                f"wasteless {theirs_s / ours1_s:.0f}x faster (agree to 1e-9)",
            ),
        ]
    width = max(len(r[0]) for r in rows)
    for label, time_text, note in rows:
        print(f"{label.ljust(width)}  {time_text}  {note}".rstrip())
    print(f"\npeak RSS {_rss_mb():.0f} MB")
    return 1 if args.check and ratio > MAX_RATIO else 0


if __name__ == "__main__":
    sys.exit(main())
