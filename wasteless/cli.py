"""The ``wasteless`` command line (also ``python -m wasteless``).

``wasteless reproduce [--preset etown-2019|literature] [--format text|json]`` prints
the article's rubber-asphalt claims: stated value, value computed under the preset,
verdict, the same computation under LITERATURE, and the figures the article implies
against the literature ranges. Exit status: 0 when every claim holds under the
preset, 1 when one fails, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from wasteless import __version__, article, presets

__all__ = ["main"]


def _q(value: Any, fmt: str = ",.0f") -> str:
    return f"{value:{fmt}~P}"


def _text(rows: list[article.TyreClaim], preset: presets.Preset) -> str:
    lines = [
        f"wasteless {__version__}: {article.SOURCE}",
        f"Preset: {preset.name} ({preset.title}); one tyre = {preset.tyre}.",
        "",
        f"{'claim':<6} {'stated':>18} {'computed (' + preset.name + ')':>24} {'verdict':<8} "
        f"{'literature':>18} {'verdict':<8}",
    ]
    for r in rows:
        unit = r.stated.units
        lines.append(
            f"{r.id:<6} {r.relation + ' ' + _q(r.stated):>18} "
            f"{_q(r.computed.to(unit)):>24} {'holds' if r.holds else 'FAILS':<8} "
            f"{_q(r.literature.to(unit)):>18} {'holds' if r.literature_holds else 'fails':<8}"
        )
    lines.append("")
    for r in rows:
        lines.append(f"  {r.id}: {r.quote} | {r.statement} Computed: {r.how}.")
    lines += ["", "What the article implies, against the literature:"]
    for c in article.literature_comparison():
        lines.append(
            f"  {c.name}: article {_q(c.implied, '.3g')}, literature range "
            f"{_q(c.low, '.3g')} to {_q(c.high, '.3g')} ({c.basis}); "
            f"LITERATURE model {_q(c.model, '.3g')}; "
            f"{'inside' if c.within else 'OUTSIDE'} the range."
        )
    if preset.calibrated:
        lines += ["", f"How {preset.name} was calibrated:"]
        lines += [f"  {line}" for line in preset.arithmetic.splitlines()]
    return "\n".join(lines)


def _json(rows: list[article.TyreClaim]) -> str:
    def q(value: Any) -> dict[str, Any]:
        return {"value": float(value.magnitude), "unit": f"{value.units:~}"}

    records = [
        {
            "id": r.id,
            "statement": r.statement,
            "quote": r.quote,
            "stated": {**q(r.stated), "relation": r.relation},
            "computed": q(r.computed.to(r.stated.units)),
            "preset": r.preset,
            "holds": r.holds,
            "literature": {**q(r.literature.to(r.stated.units)), "holds": r.literature_holds},
            "how": r.how,
        }
        for r in rows
    ]
    return json.dumps(records, ensure_ascii=False, indent=2)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wasteless", description="Waste-free city accounting with units and sources."
    )
    parser.add_argument("--version", action="version", version=f"wasteless {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    reproduce = commands.add_parser(
        "reproduce", help="check the 2020-01-17 E-Town article's figures against the models"
    )
    reproduce.add_argument(
        "--preset",
        choices=sorted(presets.PRESETS),
        default=presets.ETOWN_2019.name,
        help="parameter preset for the computed column (default: %(default)s)",
    )
    reproduce.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Examples
    --------
    >>> main(["reproduce", "--format", "json"])  # doctest: +ELLIPSIS
    [
      {
        "id": "area",
    ...
    0
    """
    args = _parser().parse_args(argv)
    preset = presets.get(args.preset)
    rows = article.reproduce_tyres(preset)
    out = _json(rows) if args.format == "json" else _text(rows, preset)
    sys.stdout.write(out + "\n")
    return 0 if all(r.holds for r in rows) else 1
