"""Sphinx directives that render wasteless's package data at build time.

``.. wasteless-factors::``
    The table of default factors, from :func:`wasteless.factors.all_factors`: value,
    unit, range, quality tag, source, note, and the distribution over the range with
    the reason for it (``distribution``, ``distribution_note``).
``.. wasteless-quality-tags::``
    The legend of quality tags, from :data:`wasteless.factors.QUALITY_TAGS`.
``.. wasteless-distributions::``
    The legend of distributions, from :data:`wasteless.factors.DISTRIBUTIONS`.
``.. wasteless-presets::``
    One section per preset of :data:`wasteless.presets.PRESETS`: title, tyre
    definition, parameters with their source tags and the distribution each is drawn
    from in a Monte Carlo run (:func:`wasteless.uncertainty.distributions`) and, for
    calibrated presets, the calibration arithmetic.

Each directive builds reStructuredText from the data and parses it in place, so
nothing is written to the source tree; the page is rebuilt when
``wasteless/data/factors.toml`` changes.
"""

from __future__ import annotations

import re
from importlib import resources

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

from wasteless import factors, presets, uncertainty

_SPECIAL = re.compile(r"([\\`*_|\[\]<>])")


def _text(value: str) -> str:
    """Escape reST inline markup in free text."""
    return _SPECIAL.sub(r"\\\1", " ".join(value.split()))


def _num(value: float) -> str:
    return f"{value:,.7g}"


def _literal(value: str) -> str:
    return f"``{value}``"


def _list_table(header: list[str], rows: list[list[str]], widths: list[int]) -> list[str]:
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        f"   :widths: {' '.join(map(str, widths))}",
        "   :class: wasteless-table",
        "",
    ]
    for row in [header, *rows]:
        for i, cell in enumerate(row):
            lines.append(f"   {'* -' if i == 0 else '  -'} {cell}".rstrip())
    return [*lines, ""]


class _DataDirective(SphinxDirective):
    has_content = False

    def rst(self) -> list[str]:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        data = resources.files("wasteless").joinpath("data", "factors.toml")
        self.env.note_dependency(str(data))
        source = self.get_source_info()[0]
        content = StringList()
        for line in self.rst():
            content.append(line, source)
        container = nodes.Element()
        container.document = self.state.document
        nested_parse_with_titles(self.state, content, container)
        return list(container.children)


class FactorsTable(_DataDirective):
    """The factors table: key, value, unit, range, tag, source, note, distribution and why."""

    def rst(self) -> list[str]:
        header = [
            "Key",
            "Value",
            "Unit",
            "Low",
            "High",
            "Tag",
            "Source",
            "Note",
            "Distribution",
            "Why this distribution",
        ]
        rows = []
        for f in factors.all_factors().values():
            source = _text(f.source)
            if f.url:
                source += f" (`link <{f.url}>`__)"
            rows.append(
                [
                    _literal(f.key),
                    _num(f.value),
                    _literal(f.unit),
                    _num(f.low),
                    _num(f.high),
                    _text(f.tag),
                    source,
                    _text(f.note),
                    _literal(f.distribution),
                    _text(f.distribution_note),
                ]
            )
        return _list_table(header, rows, [10, 6, 6, 6, 6, 5, 22, 22, 7, 14])


class QualityTags(_DataDirective):
    """The legend of quality tags."""

    def rst(self) -> list[str]:
        rows = [[_literal(f"[{tag}]"), _text(text)] for tag, text in factors.QUALITY_TAGS.items()]
        return _list_table(["Tag", "Meaning"], rows, [10, 90])


class Distributions(_DataDirective):
    """The legend of distributions a factor record can carry over its range."""

    def rst(self) -> list[str]:
        rows = [[_literal(kind), _text(text)] for kind, text in factors.DISTRIBUTIONS.items()]
        return _list_table(["Distribution", "Meaning"], rows, [15, 85])


class PresetsSections(_DataDirective):
    """One subsection per preset, with its parameters and their sources."""

    def rst(self) -> list[str]:
        known = factors.all_factors()
        lines: list[str] = []
        for preset in presets.PRESETS.values():
            title = f"{_literal(preset.name)}: {_text(preset.title)}"
            lines += [title, "~" * len(title), ""]
            kind = "Calibrated" if preset.calibrated else "Not calibrated"
            lines += [f"{kind}. One tyre: {_text(preset.tyre)}.", ""]
            drawn = uncertainty.distributions(preset)
            rows = []
            for chain, params in (("paving", preset.paving), ("carbon", preset.carbon)):
                for name in params.as_dict():
                    record = params.sources[name]
                    if record.key in known and record.quality != "C":
                        source = f"factor {_literal(record.key)}"
                    else:
                        source = _text(record.source)
                    # Calibrated values are solved, so shown to 4 significant digits.
                    value = f"{record.value:,.4g}" if record.quality == "C" else _num(record.value)
                    rows.append(
                        [
                            chain,
                            _literal(name),
                            f"{value} {_literal(record.unit)}",
                            _text(record.tag),
                            _literal(drawn[name].kind),
                            source,
                        ]
                    )
            lines += _list_table(
                ["Chain", "Parameter", "Value", "Tag", "Monte Carlo", "Source"],
                rows,
                [8, 22, 18, 8, 10, 34],
            )
            if preset.calibrated and preset.arithmetic:
                lines += ["Calibration arithmetic (``Preset.arithmetic``)::", ""]
                lines += [f"   {line}" for line in preset.arithmetic.splitlines()]
                lines.append("")
        return lines


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("wasteless-factors", FactorsTable)
    app.add_directive("wasteless-quality-tags", QualityTags)
    app.add_directive("wasteless-distributions", Distributions)
    app.add_directive("wasteless-presets", PresetsSections)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
