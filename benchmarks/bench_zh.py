#!/usr/bin/env python
"""Chinese phrase parsing is linear in the length of the phrase (issue 10, item 8).

A measurement, not a test. ``zh.parse_quantity`` (and ``zh.parse_number``) on hostile
phrases of growing length: each pattern repeated to ``n`` characters, n = 1,000 ...
64,000 (``--quick``: up to 16,000). Before, every starting position re-read the numeral
and the rest of the phrase: 3,200 characters of 一 took 4.7 s, 100,000 more than 90 s.

For each pattern and length the script prints the best-of-``--repeat`` time, the time
per character, the growth exponent from the previous length (log of the time ratio
over log of the length ratio: 1 is linear, 2 quadratic), and the ratio to one pass of
``zh.normalise`` over the same text (a regex and translate pass, measured in the same
run: the baseline that any parser pays).

``--check`` exits 1 unless, for every pattern, the growth exponent between the two
largest lengths is at most 1.3 and the largest length parses (or is refused) within
the budget of 0.1 ms per character (6.4 s for 64,000 characters; a typical phrase of
20 characters takes about 0.1 ms).

Usage (from the project root)::

    python benchmarks/bench_zh.py            # up to 64,000 characters, about 1 minute
    python benchmarks/bench_zh.py --quick    # up to 16,000 characters, a few seconds
    python benchmarks/bench_zh.py --check    # exit 1 over the exponent or the budget
"""

from __future__ import annotations

import argparse
import contextlib
import math
import platform
import random
import sys
import time

from wasteless import zh
from wasteless.errors import InputError

MAX_EXPONENT = 1.3
BUDGET_PER_CHARACTER = 1e-4  # seconds

# pattern (repeated to n characters) by an ASCII name, so that the columns line up
PATTERNS = {
    "yi: one numeral run": "一",
    "yi shi: numeral pairs": "一十",
    "yi ge: a number and unit at every other": "一个",
    "the longest numeral + ge": "九千九百九十九万九千九百九十九亿个",
    "bai fen zhi yi: percent phrases": "百分之一",
    "chao 270 wan tiao: two numbers": "超270万条",
    "yi dian + fraction digits": None,
    "random numerals, units and digits": "random",
}
TYPICAL = "累计消耗废旧轮胎超270万条"


def _text(pattern: str | None, n: int) -> str:
    if pattern is None:
        return "一点" + "一" * (n - 2)
    if pattern == "random":
        rng = random.Random(n)
        alphabet = list("一二三十百千万亿点零个条吨超达约余多%0123456789.平方米")
        return "".join(rng.choice(alphabet) for _ in range(n))
    return (pattern * (n // len(pattern) + 1))[:n]


def _parse(text: str) -> None:
    for function in (zh.parse_quantity, zh.parse_number):
        with contextlib.suppress(InputError):
            function(text)


def _best(function: object, text: str, repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        function(text)  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="lengths up to 16,000")
    parser.add_argument("--check", action="store_true", help="exit 1 over a target")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args(argv)
    lengths = [1_000, 4_000, 16_000] if args.quick else [1_000, 4_000, 16_000, 64_000]
    print(f"python {platform.python_version()} on {platform.machine()} ({platform.system()})")
    typical = _best(_parse, TYPICAL, 50)
    print(f"typical phrase {TYPICAL!r}: {typical * 1e3:.3f} ms\n")
    header = f"{'pattern':<40} {'n':>7} {'time':>9} {'µs/char':>8} {'exponent':>9}"
    print(f"{header} {'x normalise':>12}")
    failed = []
    for name, pattern in PATTERNS.items():
        previous: tuple[int, float] | None = None
        exponent = math.nan
        for n in lengths:
            text = _text(pattern, n)
            seconds = _best(_parse, text, args.repeat)
            baseline = _best(zh.normalise, text, args.repeat)
            if previous is not None:
                exponent = math.log(seconds / previous[1]) / math.log(n / previous[0])
            shown = f"{exponent:9.2f}" if previous is not None else f"{'':9}"
            print(
                f"{name:<40} {n:>7,} {seconds:8.3f}s {seconds / n * 1e6:8.1f} {shown} "
                f"{seconds / baseline:11.0f}x"
            )
            previous = (n, seconds)
        if exponent > MAX_EXPONENT:
            failed.append(f"{name}: growth exponent {exponent:.2f} > {MAX_EXPONENT}")
        if previous is not None and previous[1] > BUDGET_PER_CHARACTER * previous[0]:
            failed.append(f"{name}: {previous[1]:.2f} s for {previous[0]:,} characters")
    print()
    if failed:
        print("over target:\n  " + "\n  ".join(failed))
    else:
        print(
            f"every pattern linear (exponent <= {MAX_EXPONENT}) and within "
            f"{BUDGET_PER_CHARACTER * 1e6:.0f} µs per character"
        )
    return 1 if failed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
