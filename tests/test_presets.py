"""Presets: literature defaults, the calibrated E-Town preset, overrides and validation."""

import dataclasses
import inspect

import pytest

from wasteless import Q_, carbon, factors, paving, presets
from wasteless.errors import InputError, MissingUnitsError, UnitsError
from wasteless.presets import ETOWN_2019, LITERATURE, CarbonParams, PavingParams


def test_literature_is_every_models_default():
    for func in (paving.tyres_for_area, paving.area_for_tyres, paving.crumb_rubber_mass):
        assert inspect.signature(func).parameters["params"].default is LITERATURE.paving
    for name in carbon.__all__:
        default = inspect.signature(getattr(carbon, name)).parameters["params"].default
        assert default is LITERATURE.carbon


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


def test_etown_arithmetic_shows_the_numbers():
    text = ETOWN_2019.arithmetic
    for needle in ("1.3650 tyre/m²", "45.05 kgce/tyre", "2.4959 t/tce", "1.278 kg/tyre", "70%"):
        assert needle in text
    assert "37.8 kg" in ETOWN_2019.tyre


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
