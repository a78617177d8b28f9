#!/usr/bin/env python
"""Overhead of wasteless's unit layer on the tyres -> CO2 chain, as ratios.

A measurement, not a test: it prints how long a wasteless call takes next to a
baseline measured in the same process, and the ratio of the two. Absolute times
depend on the machine; ratios are what to compare between runs.

Cases
-----
(a) scalar   ``tyres_for_area(Q_(2.0e6, "m**2"))`` vs one pint scalar multiplication
             ``q * 2.0`` (the cost of "any pint operation").           target <= 0.6x
(b) array    ``tyres_for_area`` on a 1e6-element float64 Quantity vs ``arr * k``
             in raw NumPy (k = LITERATURE tyres per m2).                target <= 1.5x
             On two CPUs or more the input check runs on a helper thread while the
             caller's thread multiplies (``wasteless._overlap``).
(b1) 1 core  (b) with that helper off (``WASTELESS_CHECK_THREAD=0``): check, then
             multiply, in the caller's thread, as on a one-CPU machine. Information only.
(b0) floor   no wasteless: the check that (b) makes, written in raw NumPy (one read
             pass over the input as unsigned integers: "finite and >= 0" is one comparison
             of the largest bit pattern, as ``units._nonnegative_peak`` does it), then the
             multiply, in one thread; vs the multiply alone. Information only: the lowest
             ratio a one-thread implementation of (b) in NumPy can reach, each of its two
             passes being one NumPy call. Where this was written the check pass alone
             costs 0.42-0.45x a multiply and (b0) is 1.45-1.57x: in one thread, (b1) cannot
             meet (b)'s 1.5x target; only the second core, or a compiled kernel that checks
             as it multiplies, can.
(c) chain    ``co2_avoided(tyres_for_area(area_q))`` on 1e6 elements vs the same
             two array passes in raw NumPy, written as two functions the way a
             straightforward NumPy implementation would be:
             ``co2(tyres(area))`` with ``tyres = area * k_tyres`` and
             ``co2 = tyres * k_co2``.                                   target <= 1.5x
(d)  kernels  the same chain through the float kernels (``func.kernel``), which skip
             the unit layer and its input checks: the escape hatch for trusted
             inputs in hot loops. Information only.
(c*) chain   the same wasteless chain vs the one-expression form
             ``area * k_tyres * k_co2``. Information only (no target): NumPy
             reuses the temporary of ``area * k_tyres`` for the second product,
             so only one 8 MB result is allocated; neither the wasteless chain nor
             the two-function baseline can do that, because the intermediate array
             is still referenced when the second product is computed.

The constants are the rates the models compute from :data:`wasteless.presets.LITERATURE`
(``paving.tyres_per_area`` and ``carbon.co2_avoided_per_tyre``, the numbers the kernels
multiply by), and are cross-checked against the chain spelled out from the preset's
Quantities: thickness x density x binder x crumb rubber / crumb per tyre, then
tyre mass x heating value / (MJ per tce) x CO2 per tce. The baselines' results are
checked against wasteless's before anything is timed.

Memory: a 1e6-element result is an 8 MB array. With glibc's default malloc, whether
freeing it hands the pages back to the operating system (so that the next call pays
~2000 page faults to get them back, 1-2 ms per call of the chain, on *both* sides)
depends on the heap's layout, i.e. on everything the process did before: on the
machine this was written on, case (c) took ~1 ms or ~4.7 ms per call depending only
on which cases ran before it. So that the
ratios measure the unit layer rather than that accident, the script first raises
glibc's mmap and trim thresholds (``mallopt``) so that freed arrays stay mapped and
are reused. ``--system-malloc`` skips this (expect noisier, lower ratios for (c):
the page faults add the same time to both sides). Other C libraries: left alone.

Timing: ``timeit.Timer`` with ``time.perf_counter`` (garbage collection off while
timing, as timeit does); each callable is warmed up, the loop count is calibrated
so one repeat lasts about 0.1 s (0.03 s with ``--quick``), wasteless and baseline
repeats are interleaved, and the best (minimum) time per call of all repeats is
reported.

Usage (from the project root)::

    python benchmarks/bench_tyres.py            # measure; exit code 0
    python benchmarks/bench_tyres.py --quick    # fewer, shorter repeats
    python benchmarks/bench_tyres.py --check    # exit 1 if a ratio is over its target
    python benchmarks/bench_tyres.py --system-malloc   # leave glibc's malloc as it is
    python benchmarks/bench_tyres.py --break-even      # where the check helper pays
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import math
import os
import platform
import sys
import time
import timeit
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import pint

import wasteless
from wasteless import Q_, _overlap
from wasteless._overlap import ENVIRONMENT
from wasteless.carbon import co2_avoided
from wasteless.paving import tyres_for_area
from wasteless.presets import LITERATURE

N_ELEMENTS = 1_000_000


@dataclass(frozen=True)
class Case:
    key: str
    title: str
    wasteless: Callable[[], object]
    baseline: Callable[[], object]
    baseline_label: str
    target: float | None  # None: information only, never gated
    helper: bool = True  # False: the check helper off while this case is timed


@dataclass(frozen=True)
class Result:
    case: Case
    wasteless_s: float
    baseline_s: float

    @property
    def ratio(self) -> float:
        return self.wasteless_s / self.baseline_s

    @property
    def over(self) -> bool:
        return self.case.target is not None and self.ratio > self.case.target


# --------------------------------------------------------------------------- constants


def _magnitude(quantity: object, units: str) -> float:
    return float(Q_(quantity).to(units).magnitude)


def _constants() -> tuple[float, float]:
    """Tyres per m2 and t CO2 per tyre: the kernels' floats, cross-checked by hand."""
    paving, carbon = LITERATURE.paving, LITERATURE.carbon
    k_tyres = _magnitude(wasteless.paving.tyres_per_area(paving), "tyre/m**2")
    k_co2 = _magnitude(wasteless.carbon.co2_avoided_per_tyre(carbon), "t/tyre")

    spelled_tyres = (
        _magnitude(paving.layer_thickness, "m")
        * _magnitude(paving.mix_density, "kg/m**3")
        * _magnitude(paving.binder_fraction, "")
        * _magnitude(paving.crumb_rubber_fraction, "")
        / _magnitude(paving.crumb_rubber_per_tyre, "kg/tyre")
    )
    spelled_co2 = (
        _magnitude(carbon.tyre_mass, "kg/tyre")
        * _magnitude(carbon.heating_value, "MJ/kg")
        / _magnitude(Q_(1.0, "tce"), "MJ")
        * _magnitude(carbon.co2_per_coal_equivalent, "t/tce")
    )
    for name, used, spelled in (
        ("tyres per m2", k_tyres, spelled_tyres),
        ("t CO2 per tyre", k_co2, spelled_co2),
    ):
        if not math.isclose(used, spelled, rel_tol=1e-12):
            sys.exit(
                f"bench_tyres: {name}: preset float {used!r} != spelled-out chain {spelled!r}"
            )
    return k_tyres, k_co2


# --------------------------------------------------------------------------- cases


def _cases() -> list[Case]:
    k_tyres, k_co2 = _constants()

    q = Q_(2.0e6, "m**2")
    paving, carbon = LITERATURE.paving, LITERATURE.carbon
    area = np.random.default_rng(0).uniform(0, 1e4, N_ELEMENTS)
    area_q = Q_(area, "m**2")

    # The straightforward NumPy implementation of the chain: one function per step,
    # one array pass each, the intermediate array alive while the second is computed.
    def np_tyres_for_area(a: np.ndarray) -> np.ndarray:
        return a * k_tyres

    def np_co2_avoided(tyres: np.ndarray) -> np.ndarray:
        return tyres * k_co2

    # (b0): the check of (b) without wasteless, then the multiply: two NumPy calls.
    positive_inf_bits = np.array(np.inf).view(np.uint64)

    def np_checked_tyres(a: np.ndarray) -> np.ndarray:
        if a.view(np.uint64).max() >= positive_inf_bits:  # NaN, inf, < 0 (or -0.0)
            raise ValueError("area must be finite and >= 0")
        return a * k_tyres

    # The baselines must compute what wasteless computes.
    checks = (
        ("(b)", tyres_for_area(area_q).to("tyre").magnitude, area * k_tyres),
        ("(b0)", tyres_for_area(area_q).to("tyre").magnitude, np_checked_tyres(area)),
        (
            "(c)",
            co2_avoided(tyres_for_area(area_q)).to("t").magnitude,
            np_co2_avoided(np_tyres_for_area(area)),
        ),
        ("(c*)", co2_avoided(tyres_for_area(area_q)).to("t").magnitude, area * k_tyres * k_co2),
    )
    for key, got, expected in checks:
        if not np.allclose(got, expected, rtol=1e-12, atol=0.0):
            sys.exit(f"bench_tyres: baseline {key} does not compute what wasteless computes")

    return [
        Case(
            "(a)",
            "scalar tyres_for_area",
            lambda: tyres_for_area(q),
            lambda: q * 2.0,
            "pint q * 2.0",
            0.6,
        ),
        Case(
            "(b)",
            "1e6 tyres_for_area",
            lambda: tyres_for_area(area_q),
            lambda: area * k_tyres,
            "numpy arr * k",
            1.5,
        ),
        Case(
            "(b1)",
            "(b) on one core (helper off)",
            lambda: tyres_for_area(area_q),
            lambda: area * k_tyres,
            "numpy arr * k",
            None,
            helper=False,
        ),
        Case(
            "(b0)",
            "floor: NumPy check + multiply",
            lambda: np_checked_tyres(area),
            lambda: area * k_tyres,
            "numpy arr * k",
            None,
        ),
        Case(
            "(c)",
            "1e6 co2_avoided(tyres_for_area)",
            lambda: co2_avoided(tyres_for_area(area_q)),
            lambda: np_co2_avoided(np_tyres_for_area(area)),
            "numpy co2(tyres(a))",
            1.5,
        ),
        Case(
            "(c*)",
            "1e6 co2_avoided(tyres_for_area)",
            lambda: co2_avoided(tyres_for_area(area_q)),
            lambda: area * k_tyres * k_co2,
            "numpy a * k1 * k2",
            None,
        ),
        Case(
            "(d)",
            "1e6 chain via .kernel (no checks)",
            lambda: co2_avoided.kernel(tyres_for_area.kernel(area, paving), carbon),
            lambda: np_co2_avoided(np_tyres_for_area(area)),
            "numpy co2(tyres(a))",
            None,
        ),
    ]


# --------------------------------------------------------------------------- timing

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # from glibc's <malloc.h>


def _pin_malloc() -> str:
    """Keep freed 8 MB arrays mapped (glibc only); return a line saying what was done."""
    if platform.libc_ver()[0] != "glibc":
        return "malloc: system default (not glibc; nothing pinned)"
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return "malloc: system default (mallopt not found)"
    # Allocations below 32 MiB come from the heap; the heap is trimmed only when
    # more than 512 MiB at its top is free, i.e. never in this script.
    if mallopt(_M_MMAP_THRESHOLD, 32 * 2**20) == 1 and mallopt(_M_TRIM_THRESHOLD, 2**29) == 1:
        return "malloc: glibc, mmap threshold 32 MiB, trim threshold 512 MiB (pinned)"
    return "malloc: system default (mallopt refused)"


def _calibrate(timer: timeit.Timer, min_seconds: float) -> int:
    """Smallest loop count of the form 1, 2, 5, 10, ... lasting at least ``min_seconds``."""
    number = 1
    while True:
        for step in (1, 2, 5):
            loops = number * step
            if timer.timeit(loops) >= min_seconds:
                return loops
        number *= 10


@contextlib.contextmanager
def _check_helper(on: bool) -> Iterator[None]:
    """The check helper on or off (its environment variable), as it was afterwards."""
    before = os.environ.get(ENVIRONMENT)
    os.environ[ENVIRONMENT] = "1" if on else "0"
    try:
        yield
    finally:
        if before is None:
            del os.environ[ENVIRONMENT]
        else:
            os.environ[ENVIRONMENT] = before


def _measure(case: Case, repeats: int, min_seconds: float, warmup: int) -> Result:
    with _check_helper(case.helper):
        return _measure_now(case, repeats, min_seconds, warmup)


def _measure_now(case: Case, repeats: int, min_seconds: float, warmup: int) -> Result:
    timers = [
        timeit.Timer(case.wasteless, timer=time.perf_counter),
        timeit.Timer(case.baseline, timer=time.perf_counter),
    ]
    for t in timers:
        t.timeit(warmup)
    loops = [_calibrate(t, min_seconds) for t in timers]
    best = [math.inf, math.inf]
    for _ in range(repeats):  # interleaved, so drift affects both sides alike
        for i, t in enumerate(timers):
            best[i] = min(best[i], t.timeit(loops[i]) / loops[i])
    return Result(case, best[0], best[1])


def _format_time(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)):
        if seconds >= scale:
            return f"{seconds / scale:7.3f} {unit}"
    return f"{seconds / 1e-9:7.3f} ns"


def _table(results: list[Result]) -> str:
    head = ("case", "wasteless", "baseline", "(baseline is)", "ratio", "target", "status")
    rows = [head]
    for r in results:
        target = f"<= {r.case.target:g}x" if r.case.target is not None else "-"
        status = "info" if r.case.target is None else ("over target" if r.over else "ok")
        rows.append(
            (
                f"{r.case.key} {r.case.title}",
                _format_time(r.wasteless_s),
                _format_time(r.baseline_s),
                r.case.baseline_label,
                f"{r.ratio:6.2f}x",
                target,
                status,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _break_even(repeats: int, min_seconds: float, warmup: int) -> str:
    """(b) at several sizes, the helper forced on (any size) and off: where it pays."""
    lines = [
        f"the check helper, with {_overlap._usable_cpus()} usable CPUs; its threshold "
        f"MIN_SIZE = 2**{_overlap.MIN_SIZE.bit_length() - 1} values",
        "ratios to one NumPy multiply of the same array, measured in the same run",
        "",
        "values  multiply    helper on  helper off",
    ]
    k_tyres = _constants()[0]
    threshold = _overlap.MIN_SIZE
    _overlap.MIN_SIZE = 1
    try:
        for power in range(16, 22):
            array = np.random.default_rng(0).uniform(0, 1e4, 2**power)
            area = Q_(array, "m**2")

            def call(area: object = area) -> object:
                return tyres_for_area(area)

            def multiply(array: np.ndarray = array) -> object:
                return array * k_tyres

            on, off = (
                _measure(Case("", "", call, multiply, "", None, h), repeats, min_seconds, warmup)
                for h in (True, False)
            )
            lines.append(
                f"2**{power}   {_format_time(min(on.baseline_s, off.baseline_s))}"
                f"  {on.ratio:8.2f}x  {off.ratio:9.2f}x"
            )
    finally:
        _overlap.MIN_SIZE = threshold
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer, shorter repeats")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if any ratio is over its target"
    )
    parser.add_argument(
        "--system-malloc",
        action="store_true",
        help="do not pin glibc's malloc thresholds (see the module docstring)",
    )
    parser.add_argument(
        "--break-even",
        action="store_true",
        help="time (b) with the check helper on and off at 2**16 to 2**21 values, and exit",
    )
    args = parser.parse_args(argv)
    malloc = "malloc: system default (--system-malloc)" if args.system_malloc else _pin_malloc()
    repeats, min_seconds, warmup = (3, 0.03, 3) if args.quick else (7, 0.1, 10)

    print(
        f"wasteless {wasteless.__version__}, pint {pint.__version__}, numpy {np.__version__}, "
        f"Python {platform.python_version()} ({platform.machine()})"
    )
    print(malloc)
    print(
        f"best of {repeats} repeats of >= {min_seconds:g} s each, per call"
        f"{' (--quick)' if args.quick else ''}\n"
    )
    if args.break_even:
        print(_break_even(repeats, min_seconds, warmup))
        return 0
    results = []
    for case in _cases():
        results.append(_measure(case, repeats, min_seconds, warmup))
    print(_table(results))

    over = [r.case.key for r in results if r.over]
    if over:
        print(f"\nover target: {', '.join(over)}")
    return 1 if args.check and over else 0


if __name__ == "__main__":
    sys.exit(main())
