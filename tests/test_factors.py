"""Factor records: every default sourced, tagged, in range, and its arithmetic right."""

import dataclasses
import inspect

import pytest

from wasteless import Q_, carbon, factors, paving
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


def test_every_model_docstring_names_units_and_has_example():
    for module in (paving, carbon):
        for name in module.__all__:
            doc = inspect.getdoc(getattr(module, name))
            assert "[" in doc, name  # units in brackets
            assert "]" in doc, name
            assert ">>>" in doc, name
            assert "Raises" in doc, name


def test_user_factor():
    f = Factor.user("layer_thickness", Q_(3, "cm"))
    assert f.tag == "[U]"
    assert f.quantity == Q_(3, "cm")


def test_every_public_function_has_a_doctest():
    import wasteless

    modules = [wasteless.units, wasteless.factors, wasteless.presets, wasteless.article]
    modules += [paving, carbon, wasteless.cli, wasteless.air, wasteless.aqi, wasteless.standards]
    modules += [wasteless.datasets, wasteless.water, wasteless.waste]
    for module in modules:
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj) or hasattr(obj, "kernel"):
                assert ">>>" in (inspect.getdoc(obj) or ""), f"{module.__name__}.{name}"
