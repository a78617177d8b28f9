"""Presets: literature defaults, the calibrated E-Town preset, overrides and validation."""

import dataclasses
import inspect

import pytest

from wasteless import Q_, carbon, factors, paving, presets
from wasteless.errors import InputError, MissingUnitsError, UnitsError
from wasteless.presets import ETOWN_2019, LITERATURE, CarbonParams, PavingParams


def test_literature_is_every_models_default():
    for module, chain in ((paving, "paving"), (carbon, "carbon")):
        for name in module.__all__:
            default = inspect.signature(getattr(module, name)).parameters["params"].default
            assert presets.get(default) is LITERATURE, name
            resolve = getattr(presets, f"{chain}_params")
            assert resolve(default) is getattr(LITERATURE, chain), name


@pytest.mark.parametrize("name", ["etown-2019", "ETOWN_2019", "Etown_2019", " etown-2019 "])
def test_one_resolver_takes_the_constant_and_the_kebab_name(name):
    assert presets.get(name) is ETOWN_2019
    assert presets.paving_params(name) is ETOWN_2019.paving
    assert paving.tyres_for_area(Q_(2.0e6, "m**2"), name) == paving.tyres_for_area(
        Q_(2.0e6, "m**2"), ETOWN_2019
    )


def test_unknown_preset_names_the_known_ones():
    with pytest.raises(presets.NotFoundError, match="literature, etown-2019"):
        presets.get("etown-2020")


def test_the_formulas_live_in_the_models_and_the_old_rates_warn():
    # tyres/m2 of one literature lift, by hand from the factor sheet's values:
    # 50.8 mm x 2320 kg/m3 x 7.4 % binder x 20 % crumb rubber / 6.35 kg per PTE
    by_hand = 0.0508 * 2320 * 0.074 * 0.20 / 6.35
    assert paving.tyres_per_area(LITERATURE).to("tyre/m**2").magnitude == pytest.approx(
        by_hand, rel=1e-12
    )
    with pytest.deprecated_call(match="paving.tyres_per_area"):
        old = LITERATURE.paving.tyres_per_area
    assert old == paving.tyres_per_area(LITERATURE)
    with pytest.deprecated_call(match="carbon.co2_avoided_per_tyre"):
        old_rate = LITERATURE.carbon.co2_per_tyre_t
    assert old_rate == carbon.co2_avoided_per_tyre(LITERATURE).to("t/tyre").magnitude


def test_a_record_holds_data_and_the_model_refuses_a_product_that_overflows():
    tiny = dataclasses.replace(LITERATURE.paving, crumb_rubber_per_tyre=Q_(1e-320, "kg/tyre"))
    with pytest.raises(InputError, match=r"tyres per area .*crumb_rubber_per_tyre=1e-320"):
        paving.tyres_for_area(Q_(1.0, "m**2"), tiny)


def test_literature_is_fully_sourced():
    assert not LITERATURE.calibrated
    for params in (LITERATURE.paving, LITERATURE.carbon):
        for key in params.as_dict():
            assert params.sources[key].quality in {"P", "S", "W"}, key


def test_one_tyre_definition_in_literature():
    # the PTE: 6.35 kg crumb from a 9.07 kg tyre is CalRecycle's 70 % yield
    yield_ = (LITERATURE.paving.crumb_rubber_per_tyre / LITERATURE.carbon.tyre_mass).to("")
    assert yield_.magnitude == pytest.approx(0.70, abs=1e-3)


def test_etown_is_calibrated_and_says_so():
    assert ETOWN_2019.calibrated
    calibrated = {
        key
        for params in (ETOWN_2019.paving, ETOWN_2019.carbon)
        for key, f in params.sources.items()
        if f.quality == "C"
    }
    assert calibrated == {"crumb_rubber_per_tyre", "tyre_mass", "co2_per_coal_equivalent"}
    for params in (ETOWN_2019.paving, ETOWN_2019.carbon):
        for key, f in params.sources.items():
            if key not in calibrated:
                assert f == LITERATURE.paving.sources.get(key, LITERATURE.carbon.sources.get(key))


def test_etown_calibration_by_hand():
    # The calibration worked by hand from the 2019 report (factors.md §1: 273万 tyres on
    # 200万 m², 12.3万 tce saved, 30.7万 t CO2) and the literature lift and tyre (§2, §3).
    tyres_per_m2 = 2.73e6 / 2.0e6  # = 1.3650 tyre/m²
    kgce_per_tyre = 1.23e5 * 1000 / 2.73e6  # = 45.05 kgce/tyre
    co2_per_tce = 3.07e5 / 1.23e5  # = 2.4959 t CO2/tce
    # crumb rubber per m² of one lift: 0.0508 m (§2.3) x 2320 kg/m³ (§2.4) x 7.4 % binder
    # (§2.2) x 20 % crumb rubber (§2.1) = 1.7442688 kg/m²
    crumb_per_m2 = 0.0508 * 2320 * 0.074 * 0.20
    crumb_per_tyre = crumb_per_m2 / tyres_per_m2  # = 1.7442688 / 1.365 = 1.278 kg/tyre
    # 15,000 Btu/lb (§3.2) = 15,000 x 1055.05585262 J / 0.45359237 kg = 34.890 MJ/kg;
    # tyre mass = 45.05 kgce x 29.3076 MJ/kgce (GB/T 2589) / 34.890 MJ/kg = 37.85 kg
    heating_mj_per_kg = 15000 * 1055.05585262e-6 / 0.45359237
    tyre_mass = kgce_per_tyre * 29.3076 / heating_mj_per_kg
    # CalRecycle's yield: 6.35 kg crumb from a 20 lb = 9.0718 kg PTE (§2.5) = 70 %
    pte_yield = 6.35 / (20 * 0.45359237)

    # the calibrated parameters are these numbers ...
    assert ETOWN_2019.paving.crumb_rubber_per_tyre.to("kg/tyre").magnitude == pytest.approx(
        crumb_per_tyre, rel=1e-9
    )
    assert ETOWN_2019.carbon.tyre_mass.to("kg/tyre").magnitude == pytest.approx(
        tyre_mass, rel=1e-6
    )
    assert ETOWN_2019.carbon.co2_per_coal_equivalent.to("t/tce").magnitude == pytest.approx(
        co2_per_tce, rel=1e-12
    )
    # ... and the arithmetic shows them
    text = ETOWN_2019.arithmetic
    for needle in (
        f"{tyres_per_m2:.4f} tyre/m²",
        f"{kgce_per_tyre:.2f} kgce/tyre",
        f"{co2_per_tce:.4f} t/tce",
        f"{crumb_per_tyre:.3f} kg/tyre",
        f"{tyre_mass:.2f} kg/tyre",
        f"{pte_yield:.0%}",
    ):
        assert needle in text
    assert f"{tyre_mass:.1f} kg" in ETOWN_2019.tyre


def test_etown_calibration_against_literature_ranges():
    # The calibrated crumb per tyre is far below the literature range: say so, don't hide it.
    crumb = factors.get("crumb_rubber_per_pte")
    calibrated = ETOWN_2019.paving.crumb_rubber_per_tyre.to("kg/tyre").magnitude
    assert calibrated < crumb.low
    co2 = ETOWN_2019.carbon.co2_per_coal_equivalent.to("t/tce").magnitude
    assert co2 < factors.get("co2_per_tce").value


def test_replace_marks_user_value():
    thin = dataclasses.replace(LITERATURE.paving, layer_thickness=Q_(30, "mm"))
    assert thin.sources["layer_thickness"].quality == "U"
    assert thin.sources["mix_density"] == LITERATURE.paving.sources["mix_density"]
    ratio = paving.tyres_for_area(Q_(1, "m**2"), thin) / paving.tyres_for_area(Q_(1, "m**2"))
    assert ratio.magnitude == pytest.approx(30 / 50.8)
    # replacing with the same value in other units keeps the source
    same = dataclasses.replace(LITERATURE.paving, layer_thickness=Q_(2, "inch"))
    assert same.sources["layer_thickness"].quality == "P"


def test_fraction_and_percent_are_the_same_parameter():
    as_fraction = dataclasses.replace(LITERATURE.paving, binder_fraction=0.074)
    assert paving.tyres_for_area(Q_(1, "m**2"), as_fraction).magnitude == pytest.approx(
        paving.tyres_for_area(Q_(1, "m**2")).magnitude
    )


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"layer_thickness": Q_(-5, "mm")}, InputError, "layer_thickness must be finite and > 0"),
        ({"layer_thickness": 0.05}, MissingUnitsError, "layer_thickness requires"),
        ({"mix_density": Q_(2320, "kg")}, UnitsError, "mix_density requires"),
        ({"binder_fraction": 7.4}, InputError, "binder_fraction must be a ratio"),
        ({"crumb_rubber_fraction": Q_(0, "percent")}, InputError, "must be > 0"),
        ({"crumb_rubber_per_tyre": Q_(6.35, "kg")}, UnitsError, "crumb_rubber_per_tyre"),
    ],
)
def test_bad_paving_params(change, error, message):
    with pytest.raises(error, match=message):
        dataclasses.replace(LITERATURE.paving, **change)


def test_bad_carbon_params():
    with pytest.raises(InputError, match="tyre_mass"):
        dataclasses.replace(LITERATURE.carbon, tyre_mass=Q_(float("nan"), "kg/tyre"))
    with pytest.raises(UnitsError, match="heating_value"):
        dataclasses.replace(LITERATURE.carbon, heating_value=Q_(1, "MJ"))


def test_params_are_frozen_and_hashable_free():
    with pytest.raises(dataclasses.FrozenInstanceError):
        LITERATURE.paving.layer_thickness = Q_(1, "m")  # type: ignore[misc]
    assert repr(LITERATURE.paving) == "<PavingParams 'literature'>"
    assert isinstance(ETOWN_2019.carbon, CarbonParams)
    assert isinstance(ETOWN_2019.paving, PavingParams)


def test_get():
    assert presets.get("literature") is LITERATURE
    with pytest.raises(KeyError, match="etown-2019"):
        presets.get("nope")
