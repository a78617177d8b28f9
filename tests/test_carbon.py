"""Tyres -> energy -> coal equivalent -> CO2, and the combustion pathway."""

import dataclasses

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wasteless import Q_
from wasteless.carbon import co2_avoided, coal_equivalent, combustion_co2, energy_content
from wasteless.errors import InputError, MissingUnitsError, UnitsError
from wasteless.presets import ETOWN_2019, LITERATURE

counts = st.floats(min_value=0.0, max_value=1e10, allow_nan=False, allow_infinity=False)
FUNCTIONS = [energy_content, coal_equivalent, co2_avoided, combustion_co2]


def test_literature_pte_by_hand():
    # 20 lb PTE x 15,000 Btu/lb; 1 kgce = 29.3076 MJ; IPCC 94.6 t CO2/TJ
    mass = 20 * 0.45359237
    energy = mass * 15000 * 1055.05585262 / 0.45359237 / 1e6  # MJ
    assert energy_content(Q_(1, "tyre")).to("MJ").magnitude == pytest.approx(energy, rel=1e-6)
    kgce = energy / 29.3076
    assert coal_equivalent(Q_(1, "tyre")).to("kgce").magnitude == pytest.approx(kgce, rel=1e-6)
    co2_kg = energy * 94.6e-3  # 94.6 t/TJ = 94.6 g/MJ
    assert co2_avoided(Q_(1, "tyre")).to("kg").magnitude == pytest.approx(co2_kg, rel=1e-4)
    # EPA Table 1: 2,407 kg CO2 per short ton of tyres
    assert combustion_co2(Q_(1, "tyre")).to("kg").magnitude == pytest.approx(
        mass * 2407 / 907.18474, rel=1e-9
    )


def test_etown_2019_report_reproduced():
    # 2019 report: 2.73e6 tyres ~ 12.3e4 tce ~ 30.7e4 t CO2
    tyres = Q_(273, "万 tyre")
    assert coal_equivalent(tyres, ETOWN_2019.carbon).to("tce").magnitude == pytest.approx(1.23e5)
    assert co2_avoided(tyres, ETOWN_2019.carbon).to("t").magnitude == pytest.approx(3.07e5)


def test_article_claim_under_etown_preset():
    # article: more than 2.7e6 tyres -> more than 3.0e5 t CO2 (111 kg/tyre implied)
    assert co2_avoided(Q_(2.7e6, "tyre"), ETOWN_2019.carbon).to("t").magnitude > 3.0e5


def test_etown_tyre_mass_plausibility():
    # factors.md §1: the report implies 1.23e5 tce / 2.73e6 tyres = 45.05 kgce per tyre.
    kgce_per_tyre = 1.23e5 * 1000 / 2.73e6
    per_tyre = coal_equivalent(Q_(1, "tyre"), ETOWN_2019.carbon).to("kgce").magnitude
    assert per_tyre == pytest.approx(kgce_per_tyre, rel=1e-9)
    # At 15,000 Btu/lb (§3.2) = 15,000 x 1055.05585262 J / 0.45359237 kg = 34.890 MJ/kg
    # and 29.3076 MJ/kgce (GB/T 2589), that is a tyre of 45.05 x 29.3076 / 34.890 = 37.85 kg
    heating_mj_per_kg = 15000 * 1055.05585262e-6 / 0.45359237
    tyre_mass = kgce_per_tyre * 29.3076 / heating_mj_per_kg
    assert ETOWN_2019.carbon.tyre_mass.to("kg/tyre").magnitude == pytest.approx(
        tyre_mass, rel=1e-6
    )
    # §1 plausibility: the China-average scrap tyre, 36.4 kg (§2.5), holds 36.4 x 34.890
    # = 1,270 MJ = 43.3 kgce, within 4 % of the 45.1 kgce the report implies
    china_kgce = 36.4 * heating_mj_per_kg / 29.3076
    assert china_kgce == pytest.approx(43.3, abs=0.05)
    assert abs(china_kgce / per_tyre - 1) < 0.04


def test_pathways_differ_by_counterfactual():
    # One literature PTE, 20 lb = 9.0718 kg (factors.md §2.5), by hand:
    one = Q_(1, "tyre")
    pte_kg = 20 * 0.45359237
    # coal-equivalent: 20 lb x 15,000 Btu/lb (§3.2) = 300,000 Btu = 316.52 MJ, burned as
    # bituminous coal at IPCC's 94.6 g CO2/MJ (§3.2): 316.52 x 0.0946 = 29.94 kg
    coal_kg = 20 * 15000 * 1055.05585262e-6 * 0.0946
    assert co2_avoided(one).to("kg").magnitude == pytest.approx(coal_kg, rel=1e-6)
    # direct combustion: EPA 2,407 kg per short ton of 907.18474 kg (§3.1):
    # 9.0718 x 2.6533 = 24.07 kg (§3.4 table: 24.1)
    combustion_kg = pte_kg * 2407 / 907.18474
    assert combustion_co2(one).to("kg").magnitude == pytest.approx(combustion_kg, rel=1e-9)
    assert combustion_kg == pytest.approx(24.1, abs=0.05)
    # the two counterfactuals credit different amounts to the same tyre
    assert coal_kg > combustion_kg


@pytest.mark.parametrize("func", FUNCTIONS)
@given(counts, counts)
def test_linear(func, a, b):
    both = func(Q_(a + b, "tyre")).magnitude
    apart = func(Q_(a, "tyre")).magnitude + func(Q_(b, "tyre")).magnitude
    assert both == pytest.approx(apart, rel=1e-9, abs=1e-9)


@given(counts)
def test_chain_is_consistent(n):
    tyres = Q_(n, "tyre")
    energy = energy_content(tyres).to("GJ").magnitude
    assert coal_equivalent(tyres).to("tce").magnitude == pytest.approx(
        energy / 29.3076, rel=1e-12, abs=1e-300
    )
    ratio = LITERATURE.carbon.co2_per_coal_equivalent.to("t/tce").magnitude
    assert co2_avoided(tyres).to("t").magnitude == pytest.approx(
        coal_equivalent(tyres).to("tce").magnitude * ratio, rel=1e-12, abs=1e-300
    )


@pytest.mark.parametrize(
    ("field", "funcs"),
    [
        ("tyre_mass", FUNCTIONS),
        ("heating_value", [energy_content, coal_equivalent, co2_avoided]),
        ("co2_per_coal_equivalent", [co2_avoided]),
        ("combustion_co2", [combustion_co2]),
    ],
)
@given(scale=st.floats(min_value=1.01, max_value=2.0))
def test_monotonic_in_each_parameter(field, funcs, scale):
    base = LITERATURE.carbon
    bigger = dataclasses.replace(base, **{field: getattr(base, field) * scale})
    for func in funcs:
        assert func(Q_(100, "tyre"), bigger).magnitude > func(Q_(100, "tyre"), base).magnitude


def test_array_chain():
    tyres = Q_(np.array([0.0, 1.0, 2.7e6]), "tyre")
    out = co2_avoided(tyres, ETOWN_2019.carbon)
    assert out.magnitude.shape == (3,)
    assert out[2].to("t").magnitude == pytest.approx(
        co2_avoided(Q_(2.7e6, "tyre"), ETOWN_2019.carbon).to("t").magnitude
    )


@pytest.mark.parametrize("func", FUNCTIONS)
def test_bad_input(func):
    with pytest.raises(MissingUnitsError, match="tyres requires tyre"):
        func(2.7e6)
    with pytest.raises(UnitsError, match="tyres requires"):
        func(Q_(2.7e6, "kg"))
    with pytest.raises(InputError, match="tyres must be >= 0"):
        func(Q_(-1, "tyre"))
    with pytest.raises(InputError, match="tyres must be finite"):
        func(Q_(float("nan"), "tyre"))
