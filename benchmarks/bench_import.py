#!/usr/bin/env python
"""Cost of ``import wasteless`` next to importing its runtime dependencies, as a ratio.

A measurement, not a test. Each sample is a fresh Python process (this interpreter,
``sys.executable``, with the same environment, so ``PYTHONPATH`` picks the copy of
wasteless to measure) that times one import statement with ``time.perf_counter`` and
prints it. Interpreter start-up is therefore not part of the import time; the wall
time of the whole process, as seen from here, is printed for information.

Cases
-----
import       ``import wasteless`` vs ``import numpy, pandas, pint, pint_pandas``, the
             third-party packages that ``import wasteless`` loads (checked below).
             target <= 1.3x
first use    the same imports followed by the first Quantity: ``wasteless.Q_(1,
             "tyre")`` vs ``pint.get_application_registry().Quantity(1, "m")``. Both
             sides pay for building pint's application registry (a LazyRegistry,
             built on first use), so this ratio shows wasteless's own cost whether or
             not the registry is built at import. Information only.

Before timing, the script checks that the baseline is the right one: it imports
wasteless and the baseline in two fresh processes and compares the top-level
non-standard-library modules each leaves in ``sys.modules``; any difference is
printed (a dependency that wasteless imports eagerly and the baseline does not, or
the other way round). One untimed run of each side then warms the file system cache
and writes any missing ``.pyc`` files.

Timing: ``--repeat`` samples (7 by default, 3 with ``--quick``) of each side, run
alternately (wasteless, baseline, baseline, wasteless, ...) so that drift in the
machine's speed falls on both sides; the medians are reported, with the spread
(min-max), and the ratio of the medians.

``--breakdown`` adds an analysis from one ``python -X importtime -c "import
wasteless"`` run (the cumulative time of each module wasteless imports directly,
with the import-time profiler's own overhead included) and the time to build pint's
application registry after the dependencies are imported.

Usage (from the project root)::

    python benchmarks/bench_import.py              # 7 samples per side, about 10 s
    python benchmarks/bench_import.py --quick      # 3 samples per side
    python benchmarks/bench_import.py --repeat 15  # more samples
    python benchmarks/bench_import.py --check      # exit 1 if the import ratio is over 1.3
    python benchmarks/bench_import.py --breakdown  # where the time goes
    PYTHONPATH=/abs/path/to/checkout python benchmarks/bench_import.py   # another copy
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

TARGET = 1.3
BASELINE_MODULES = ("numpy", "pandas", "pint", "pint_pandas")
BASELINE_IMPORT = f"import {', '.join(BASELINE_MODULES)}"
# Children run in this directory, so that they import the wasteless this script would
# (``python -c`` puts the working directory first on sys.path, ``python script.py`` the
# script's directory): the installed one, or the one ``PYTHONPATH`` names.
_HERE = os.path.dirname(os.path.abspath(__file__))

# Each child prints one JSON object: the seconds its timed statements took.
_TIMED = """\
import time
_t0 = time.perf_counter()
{statements}
_t1 = time.perf_counter()
import json
print(json.dumps({{"seconds": _t1 - _t0}}))
"""

_MODULES = """\
import json, sys
{statements}
print(json.dumps(sorted(sys.modules)))
"""

_REGISTRY = """\
import json, time
{baseline}
_t0 = time.perf_counter()
pint.get_application_registry().Quantity(1, "m")
print(json.dumps({{"seconds": time.perf_counter() - _t0}}))
"""


@dataclass(frozen=True)
class Case:
    key: str
    ours: str
    baseline: str
    target: float | None


CASES = (
    Case("import", "import wasteless", BASELINE_IMPORT, TARGET),
    Case(
        "first use",
        'import wasteless\nwasteless.Q_(1, "tyre")',
        f'{BASELINE_IMPORT}\npint.get_application_registry().Quantity(1, "m")',
        None,
    ),
)


def _run(code: str, *flags: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, *flags, "-c", code],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        cwd=_HERE,  # ``-c`` puts the working directory first on sys.path; see _HERE
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"child process failed:\n{code}\n{result.stderr}")
    return result


def _sample(statements: str) -> tuple[float, float]:
    """(seconds of the timed statements, wall seconds of the whole process)."""
    start = time.perf_counter()
    result = _run(_TIMED.format(statements=statements))
    wall = time.perf_counter() - start
    return float(json.loads(result.stdout.splitlines()[-1])["seconds"]), wall


def _third_party(statements: str) -> set[str]:
    modules = json.loads(_run(_MODULES.format(statements=statements)).stdout.splitlines()[-1])
    stdlib = sys.stdlib_module_names
    tops = {name.partition(".")[0] for name in modules}
    return {name for name in tops if name not in stdlib and not name.startswith("_")}


def check_baseline() -> list[str]:
    """Messages about modules imported by one side only (empty if the baseline fits)."""
    ours = _third_party("import wasteless") - {"wasteless"}
    theirs = _third_party(BASELINE_IMPORT)
    messages = []
    if ours - theirs:
        messages.append(f"imported by wasteless only: {', '.join(sorted(ours - theirs))}")
    if theirs - ours:
        messages.append(f"imported by the baseline only: {', '.join(sorted(theirs - ours))}")
    return messages


@dataclass
class Result:
    case: Case
    ours: list[tuple[float, float]]
    baseline: list[tuple[float, float]]

    def median(self, side: str, which: int = 0) -> float:
        return statistics.median(s[which] for s in getattr(self, side))

    def spread(self, side: str) -> tuple[float, float]:
        times = [s[0] for s in getattr(self, side)]
        return min(times), max(times)

    @property
    def ratio(self) -> float:
        return self.median("ours") / self.median("baseline")

    @property
    def over(self) -> bool:
        return self.case.target is not None and self.ratio > self.case.target


def measure(case: Case, repeat: int) -> Result:
    _sample(case.ours)  # warm-up: file cache, .pyc files
    _sample(case.baseline)
    result = Result(case, [], [])
    for i in range(repeat):
        order = ("ours", "baseline") if i % 2 == 0 else ("baseline", "ours")
        for side in order:
            getattr(result, side).append(_sample(getattr(case, side)))
    return result


def _table(results: list[Result]) -> str:
    lines = [
        f"{'case':<10} {'side':<9} {'median':>9} {'min-max':>17} {'process':>9}",
    ]
    for r in results:
        for side, label in (("ours", "wasteless"), ("baseline", "baseline")):
            low, high = r.spread(side)
            lines.append(
                f"{r.case.key:<10} {label:<9} {r.median(side) * 1e3:7.1f} ms"
                f" {low * 1e3:7.1f}-{high * 1e3:6.1f} ms"
                f" {r.median(side, 1) * 1e3:6.0f} ms"
            )
        target = f"target <= {r.case.target:g}x" if r.case.target else "information only"
        flag = "  OVER TARGET" if r.over else ""
        extra = (r.median("ours") - r.median("baseline")) * 1e3
        lines.append(f"{'':<10} {'ratio':<9} {r.ratio:7.2f} x  ({extra:+.0f} ms)  {target}{flag}")
    return "\n".join(lines)


def _importtime_rows(stderr: str) -> list[tuple[int, str, float, float]]:
    """(depth, module, cumulative ms, self ms) from ``-X importtime`` output."""
    rows = []
    for line in stderr.splitlines():
        parts = line.split("|")
        if not line.startswith("import time:") or len(parts) != 3 or "self" in parts[0]:
            continue
        own, cumulative, name = int(parts[0].split(":")[1]), int(parts[1]), parts[2]
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        rows.append((depth, name.strip(), cumulative / 1e3, own / 1e3))
    return rows


def breakdown() -> str:
    """wasteless's modules and the dependencies they pull in, and pint's registry build."""
    stderr = _run("import wasteless", "-X", "importtime").stderr
    lines = [
        "-X importtime, one run (the profiler's overhead included); wasteless's modules",
        "and the third-party packages they import first:",
        f"  {'module':<34} {'cumulative':>11} {'self':>9}",
    ]
    for depth, name, cumulative, own in _importtime_rows(stderr):
        top = name.partition(".")[0]
        if top == "wasteless" or (depth == 2 and top not in sys.stdlib_module_names):
            lines.append(f"  {'  ' * depth + name:<34} {cumulative:8.1f} ms {own:6.1f} ms")
    registry = json.loads(
        _run(_REGISTRY.format(baseline=BASELINE_IMPORT)).stdout.splitlines()[-1]
    )["seconds"]
    lines.append(
        "building pint's application registry (first Quantity after the dependencies): "
        f"{registry * 1e3:.1f} ms"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 samples per side (CI)")
    parser.add_argument("--repeat", type=int, default=None, help="samples per side (7)")
    parser.add_argument(
        "--check", action="store_true", help=f"exit 1 if the import ratio is over {TARGET}"
    )
    parser.add_argument("--breakdown", action="store_true", help="add an -X importtime analysis")
    args = parser.parse_args(argv)
    repeat = args.repeat or (3 if args.quick else 7)

    where = _run(
        "import json, numpy, pandas, pint, pint_pandas, wasteless\n"
        "print(json.dumps([wasteless.__version__, wasteless.__file__, numpy.__version__,"
        " pandas.__version__, pint.__version__, pint_pandas.__version__]))"
    )
    version, path, *deps = json.loads(where.stdout.splitlines()[-1])
    print(
        f"wasteless {version} ({os.path.dirname(path)}), numpy {deps[0]}, pandas {deps[1]}, "
        f"pint {deps[2]}, pint-pandas {deps[3]}, "
        f"Python {platform.python_version()} ({platform.machine()})"
    )
    print(f"baseline: {BASELINE_IMPORT}")
    for message in check_baseline():
        print(f"WARNING: the baseline does not match: {message}")
    print(
        f"median of {repeat} fresh processes per side, run alternately"
        f"{' (--quick)' if args.quick else ''}; 'process' = whole child, with start-up\n"
    )
    results = [measure(case, repeat) for case in CASES]
    print(_table(results))
    if args.breakdown:
        print()
        print(breakdown())
    over = [r.case.key for r in results if r.over]
    if over:
        print(f"\nover target: {', '.join(over)}")
    return 1 if args.check and over else 0


if __name__ == "__main__":
    sys.exit(main())
