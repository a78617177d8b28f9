"""Factor records: every default sourced, tagged, in range, and its arithmetic right."""

import dataclasses
import importlib
import inspect
import pkgutil

import pytest

import wasteless
import wasteless.cli  # the CLI module is not imported by wasteless/__init__
from wasteless import Q_, carbon, factors, paving, ureg
from wasteless.errors import InputError
from wasteless.factors import QUALITY_TAGS, Factor


def test_every_record_is_complete():
    table = factors.all_factors()
    assert len(table) >= 10
    for key, f in table.items():
        assert f.key == key
        assert f.source, key
        assert f.url.startswith("http"), key
        assert f.quality in QUALITY_TAGS, key
        assert f.section, key
        assert f.low <= f.value <= f.high, key
        low, high = f.range
        assert low.units == high.units == f.quantity.units


@pytest.mark.parametrize(
    ("key", "unit", "expected", "rel"),
    [
        ("pte_mass", "kg", 9.07, 1e-3),  # 20 lb
        ("truck_tyre_mass", "kg", 45.4, 1e-3),  # 100 lb
        ("layer_thickness", "inch", 2.0, 1e-12),
        ("tyre_heating_value", "MJ/kg", 34.9, 2e-3),  # 15,000 Btu/lb
        ("binder_fraction", "", 8.0 / 108.0, 2e-3),  # 8 % of aggregate
        ("crumb_rubber_per_pte", "lb/tyre", 63e6 / 4.5e6, 1e-3),  # CalRecycle 70 % yield
        ("co2_per_tce", "t/tce", 94.6 * 29.3076 / 1000, 1e-4),  # IPCC 2006 x GB/T 2589
        ("tyre_combustion_co2", "kg/kg", 2407 / 907.18474, 1e-12),  # EPA Table 1
        ("china_average_tyre_mass", "kg", 1.2e10 / 3.3e8, 1e-3),  # CTRA 2015
    ],
)
def test_derived_arithmetic(key, unit, expected, rel):
    assert factors.get(key).quantity.to(unit).magnitude == pytest.approx(expected, rel=rel)


def test_co2_per_tce_range_ends():
    f = factors.get("co2_per_tce")
    assert f.low == f.value  # no verified lower bound; the E-Town value is not used as one
    assert f.high == pytest.approx(98.3 * 29.3076 / 1000, rel=1e-4)  # IPCC anthracite


def test_weak_and_secondary_are_labelled():
    assert factors.get("mix_density").tag == "[W]"
    assert factors.get("tyre_heating_value").tag == "[S]"
    assert factors.get("co2_per_tce").tag == "[P] (D)"


def test_unknown_key_lists_known():
    with pytest.raises(KeyError, match="pte_mass"):
        factors.get("no_such_factor")


def test_factor_validation():
    with pytest.raises(InputError, match="outside its range"):
        Factor("x", 5.0, "kg", 1.0, 2.0, "src", "P")
    with pytest.raises(InputError, match="quality"):
        Factor("x", 1.0, "kg", 1.0, 2.0, "src", "Z")


def test_factor_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        factors.get("pte_mass").value = 1.0  # type: ignore[misc]


def test_to_frame():
    frame = factors.to_frame()
    assert set(frame.index) == set(factors.all_factors())
    assert {"value", "unit", "low", "high", "tag", "source", "note"} <= set(frame.columns)


# What each model takes and returns, as its docstring must write the unit in brackets
# (Parameters, Returns), and the factor values it quotes, each of which must carry its
# record's quality tag as the docs print it, e.g. "15,000 Btu/lb [S]" (factors.md:
# "Items tagged [S] or [W] must be labelled as secondary/weak in the docstrings that use
# them"). The quoted value and its unit are typed from factors.md (section in the comment).
MODEL_DOCS = {
    paving.tyres_for_area: ("[area]", "[tyre]", Q_(1.0, "m**2"), {}),
    paving.area_for_tyres: ("[tyre]", "[m²]", Q_(1.0, "tyre"), {}),
    paving.crumb_rubber_mass: ("[area]", "[kg]", Q_(1.0, "m**2"), {}),
    carbon.energy_content: (
        "[tyre]",
        "[MJ]",
        Q_(1.0, "tyre"),
        {"tyre_heating_value": ("15,000 Btu/lb", 15000.0, "Btu/lb")},  # §2.5, §3.2
    ),
    carbon.coal_equivalent: ("[tyre]", "[tce]", Q_(1.0, "tyre"), {}),
    carbon.co2_avoided: (
        "[tyre]",
        "[t]",
        Q_(1.0, "tyre"),
        {"co2_per_tce": ("2.77 t CO₂/tce", 2.77, "t/tce")},  # §3.2 (IPCC 94.6 t/TJ)
    ),
    carbon.combustion_co2: (
        "[tyre]",
        "[t]",
        Q_(1.0, "tyre"),
        {"tyre_combustion_co2": ("2,407 kg CO₂ per short ton", 2407.0, "kg/short_ton")},  # §3.1
    ),
}


def _section(doc: str, title: str) -> str:
    """The body of a numpydoc section: from its underlined title to the next one."""
    lines = doc.splitlines()
    start = lines.index(title) + 2
    assert set(lines[start - 1]) == {"-"}, title
    end = next(
        (i for i in range(start, len(lines) - 1) if lines[i + 1] and set(lines[i + 1]) == {"-"}),
        len(lines),
    )
    return "\n".join(lines[start:end])


# The models of a parameter record alone (rates per m² or per tyre): what they return.
RATE_DOCS = {
    paving.crumb_rubber_per_area: "[kg/m²]",
    paving.tyres_per_area: "[tyre/m²]",
    carbon.energy_per_tyre: "[MJ/tyre]",
    carbon.coal_equivalent_per_tyre: "[tce/tyre]",
    carbon.co2_avoided_per_tyre: "[t/tyre]",
    carbon.combustion_co2_per_tyre: "[t/tyre]",
}


def test_every_rate_docstring_names_its_unit_and_has_example():
    for func, returned in RATE_DOCS.items():
        doc = inspect.getdoc(func)
        assert returned in _section(doc, "Returns"), func.__name__
        unit = returned.strip("[]").replace("²", "**2")
        assert func("literature").units == ureg.Unit(unit), func.__name__
        assert ">>>" in _section(doc, "Examples"), func.__name__
        assert "Raises" in doc, func.__name__


def test_every_model_docstring_names_units_and_has_example():
    covered = {func.__name__ for func in (*MODEL_DOCS, *RATE_DOCS)}
    for module in (paving, carbon):
        assert set(module.__all__) <= covered, module.__name__  # a new model needs a row
    for func, (given, returned, example, quoted) in MODEL_DOCS.items():
        name = func.__name__
        doc = inspect.getdoc(func)
        assert given in _section(doc, "Parameters"), name
        assert returned in _section(doc, "Returns"), name
        # the bracketed unit of Returns is the unit the function returns
        assert func(example).units == ureg.Unit(returned.strip("[]")), name
        assert ">>>" in _section(doc, "Examples"), name
        assert "Raises" in doc, name
        for key, (text, value, unit) in quoted.items():
            record = factors.get(key)
            assert f"{text} [{record.quality}]" in doc, (name, key)
            # the quoted figure is the record's value, to the digits shown
            assert record.quantity.to(unit).magnitude == pytest.approx(value, rel=2e-3), key


def test_user_factor():
    f = Factor.user("layer_thickness", Q_(3, "cm"))
    assert f.tag == "[U]"
    assert f.quantity == Q_(3, "cm")


def _public_modules():
    """Every submodule of wasteless, at any depth, except private (``_``) ones."""
    modules = []
    for info in pkgutil.walk_packages(wasteless.__path__, prefix="wasteless."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        modules.append(importlib.import_module(info.name))
    return modules


def test_every_public_function_has_a_doctest():
    modules = _public_modules()
    walked = {module.__name__ for module in modules}
    # the walk really went through the package (a broken walk would check nothing)
    assert {"wasteless.cli", "wasteless.paving", "wasteless.air", "wasteless.units"} <= walked
    for module in [wasteless, *modules]:
        public = getattr(module, "__all__", None)
        if public is None:  # no __all__: the public names the module defines itself
            public = [
                name
                for name, obj in vars(module).items()
                if not name.startswith("_") and getattr(obj, "__module__", None) == module.__name__
            ]
        for name in public:
            obj = getattr(module, name)
            if inspect.isfunction(obj) or hasattr(obj, "kernel"):
                assert ">>>" in (inspect.getdoc(obj) or ""), f"{module.__name__}.{name}"
