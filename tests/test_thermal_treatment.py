"""Incineration and open burning, IPCC 2006 Vol. 5 Ch. 5 (wasteless.waste.thermal_treatment)."""

import dataclasses
import importlib
import importlib.util
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from framecheck import assert_frame_equal
from hypothesis import given
from hypothesis import strategies as st
from peers import bonsai_elementary

from wasteless import Q_
from wasteless.climate import co2e
from wasteless.errors import InputError, MissingUnitsError, NotFoundError, UnitsError
from wasteless.waste.fractions import FRACTIONS
from wasteless.waste.thermal_treatment import (
    INCINERATION_PARAMS,
    TECHNOLOGIES,
    IncinerationParams,
    incineration,
    open_burning,
)

# the module, not the function of the same name that wasteless.waste re-exports
module = importlib.import_module("wasteless.waste.thermal_treatment")
DEFAULT = INCINERATION_PARAMS["ipcc-2019r"]
C_TO_CO2 = 44 / 12

# IPCC sheet §5.2 (2006 Table 2.4), typed from the sheet: fraction -> (dm, CF, CF range,
# FCF, FCF range); None where the sheet gives no range. Paper's FCF: the sheet's 0.01.
SHEET_TABLE_2_4 = {
    "paper": (0.90, 0.46, (0.42, 0.50), 0.01, (0.0, 0.05)),
    "textiles": (0.80, 0.50, (0.25, 0.50), 0.20, (0.0, 0.50)),
    "food": (0.40, 0.38, (0.20, 0.50), 0.0, None),
    "wood": (0.84, 0.50, (0.46, 0.54), 0.0, None),
    "garden": (0.40, 0.49, (0.45, 0.55), 0.0, None),
    "nappies": (0.40, 0.70, (0.54, 0.90), 0.10, None),
    "rubber_leather": (0.84, 0.67, None, 0.20, None),
    "plastics": (1.00, 0.75, (0.67, 0.85), 1.00, (0.95, 1.00)),
    "metal": (1.00, 0.0, None, 0.0, None),
    "glass": (1.00, 0.0, None, 0.0, None),
    "other": (0.90, 0.03, (0.0, 0.05), 1.0, (0.5, 1.0)),
}

# Sheet §5.4 (kg/Gg wet waste): technology -> (CH4, N2O)
SHEET_TABLE_5_3_5_4 = {
    "continuous_stoker": (0.2, 47.0),
    "continuous_fluidised_bed": (0.0, 67.0),
    "semi_continuous_stoker": (6.0, 41.0),
    "semi_continuous_fluidised_bed": (188.0, 68.0),
    "batch_stoker": (60.0, 56.0),
    "batch_fluidised_bed": (237.0, 221.0),
    "gasification_melting_shaft": (5.81, 17.4),
    "gasification_melting_fluidised_bed": (9.7, 5.8),
    "gasification_melting_rotary_kiln": (5.4, 8.38),
    "unspecified": (300.0, 50.0),
}

tonnes = st.floats(min_value=0.0, max_value=1e9, allow_nan=False, allow_infinity=False)
compositions = st.dictionaries(st.sampled_from(FRACTIONS), tonnes, min_size=1)
technologies = st.sampled_from(TECHNOLOGIES)


# --- the sheet's values -----------------------------------------------------------------------


@pytest.mark.parametrize(("fraction", "row"), SHEET_TABLE_2_4.items())
def test_table_2_4_defaults_are_the_sheets(fraction, row):
    dm, cf, cf_range, fcf, fcf_range = row
    for key, value, bounds in (
        (f"dm_{fraction}", dm, None),
        (f"cf_{fraction}", cf, cf_range),
        (f"fcf_{fraction}", fcf, fcf_range),
    ):
        record = DEFAULT.sources[key]
        assert record.value == value, key
        assert (record.low, record.high) == (bounds or (value, value)), key
        assert record.distribution == ("triangular" if bounds else "fixed"), key
        assert record.tag == "[S]", key
        assert "Table 2.4" in record.source, key
        assert float(getattr(DEFAULT, key).to("").magnitude) == value


@pytest.mark.parametrize(("technology", "row"), SHEET_TABLE_5_3_5_4.items())
def test_technology_factors_are_the_sheets(technology, row):
    ch4, n2o = row
    for gas, value in (("ch4", ch4), ("n2o", n2o)):
        record = DEFAULT.sources[f"incineration_{gas}_ef_{technology}"]
        assert record.value == value
        assert record.unit == "kg/Gg"
        assert record.tag == "[S]"


def test_oxidation_and_open_burning_factors_are_the_sheets():
    of = DEFAULT.sources["of_incineration"]
    assert (of.value, of.tag) == (1.0, "[S]")
    assert "2019 Refinement" in of.source
    ob = DEFAULT.sources["of_open_burning"]
    assert (ob.value, ob.low, ob.high, ob.tag) == (0.71, 0.6532, 0.7668, "[S]")
    old = INCINERATION_PARAMS["ipcc-2006-open-burning"].sources["of_open_burning"]
    assert (old.key, old.value, old.tag) == ("of_open_burning_2006", 0.58, "[W]")
    ch4 = DEFAULT.sources["open_burning_ch4_ef"]
    assert (ch4.value, ch4.low, ch4.high) == (6500.0, 0.0, 13000.0)
    unspecified = DEFAULT.sources["incineration_ch4_ef_unspecified"]
    assert (unspecified.low, unspecified.high) == (70.0, 1800.0)
    # the open-burning N2O factor is UNCONFIRMED in the sheet: not shipped
    assert not any("open_burning_n2o" in key for key in DEFAULT.sources)


def test_tables_in_the_module_docstring_are_the_data():
    doc = module.__doc__
    number = re.compile(r"\d+(?:\.\d+)?")
    rows = [line.split(maxsplit=1) for line in doc.splitlines() if line.split()[:1]]
    composition = {name: rest for name, *rest in rows if name in FRACTIONS and rest}
    assert list(composition) == list(FRACTIONS)
    for fraction, (rest,) in composition.items():
        dm, cf, cf_range, fcf, fcf_range = SHEET_TABLE_2_4[fraction]
        expected = [dm, cf, *(cf_range or ()), fcf, *(fcf_range or ())]
        assert [float(x) for x in number.findall(rest)] == expected, fraction
    technology = {name: rest for name, *rest in rows if name in TECHNOLOGIES and rest}
    assert list(technology) == list(TECHNOLOGIES)
    for name, (rest,) in technology.items():
        assert [float(x) for x in number.findall(rest)] == list(SHEET_TABLE_5_3_5_4[name])


# --- hand-derived values ------------------------------------------------------------------------


def test_plastics_and_food_by_hand():
    # plastics 1 t: 1 x dm 1.00 x CF 0.75 x FCF 1.00 x OF 1.00 x 44/12 = 2.75 t fossil CO2
    plastics = incineration({"plastics": Q_(1, "t")}, "continuous_stoker")
    assert plastics["CO2"].magnitude == pytest.approx(2.75, rel=1e-12)
    assert plastics["CO2_biogenic"].magnitude == 0.0
    # CH4 0.2 kg/Gg x 1e-6 Gg = 2e-7 t; N2O 47 kg/Gg -> 4.7e-5 t
    assert plastics["CH4"].magnitude == pytest.approx(2e-7, rel=1e-12)
    assert plastics["N2O"].magnitude == pytest.approx(4.7e-5, rel=1e-12)
    # food 100 t: 100 x 0.40 x 0.38 x (1 - 0) x 1 x 44/12 = 55.733 t biogenic, 0 fossil
    food = incineration({"food": Q_(100, "t")}, "unspecified")
    assert food["CO2_biogenic"].magnitude == pytest.approx(100 * 0.4 * 0.38 * 44 / 12)
    assert food["CO2"].magnitude == 0.0
    # unspecified: 300 g/t x 100 t = 30 kg CH4; 50 g/t x 100 t = 5 kg N2O
    assert food["CH4"].to("kg").magnitude == pytest.approx(30.0, rel=1e-12)
    assert food["N2O"].to("kg").magnitude == pytest.approx(5.0, rel=1e-12)


def test_a_city_mix_by_hand():
    # 1000 t of MSW: 600 food, 100 paper, 100 plastics, 50 textiles, 150 glass
    mix = {"food": 600, "paper": 100, "plastics": 100, "textiles": 50, "glass": 150}
    got = incineration({k: Q_(v, "t") for k, v in mix.items()}, "continuous_stoker")
    # fossil carbon: paper 100 x .9 x .46 x .01 = 0.414; plastics 100 x 1 x .75 x 1 = 75;
    # textiles 50 x .8 x .5 x .2 = 4; glass 0 -> 79.414 t C -> x 44/12 = 291.18 t CO2
    assert got["CO2"].magnitude == pytest.approx(79.414 * 44 / 12, rel=1e-12)
    # biogenic carbon: food 600 x .4 x .38 = 91.2; paper 100 x .9 x .46 x .99 = 40.986;
    # textiles 50 x .8 x .5 x .8 = 16 -> 148.186 t C
    assert got["CO2_biogenic"].magnitude == pytest.approx(148.186 * 44 / 12, rel=1e-12)
    # CH4 and N2O act on the whole 1000 t: 0.2 and 47 g/t
    assert got["CH4"].to("kg").magnitude == pytest.approx(0.2, rel=1e-12)
    assert got["N2O"].to("kg").magnitude == pytest.approx(47.0, rel=1e-12)
    # CO2e (AR6) counts the fossil CO2, CH4 and N2O, never the biogenic CO2
    expected = 79.414 * 44 / 12 + 0.0002 * 27.9 + 0.047 * 273
    assert co2e(got, "AR6").magnitude == pytest.approx(expected, rel=1e-12)


def test_open_burning_by_hand():
    # 1 t plastics in the open: 2.75 x OF 0.71 = 1.9525 t CO2; CH4 6500 g/t = 6.5 kg
    burned = open_burning({"plastics": Q_(1, "t")}, n2o_ef=Q_(150, "g/t"))
    assert burned["CO2"].magnitude == pytest.approx(2.75 * 0.71, rel=1e-12)
    assert burned["CH4"].to("kg").magnitude == pytest.approx(6.5, rel=1e-12)
    assert burned["N2O"].to("kg").magnitude == pytest.approx(0.15, rel=1e-12)
    older = open_burning(
        {"plastics": Q_(1, "t")}, n2o_ef=Q_(150, "g/t"), params="ipcc-2006-open-burning"
    )
    assert older["CO2"].magnitude == pytest.approx(2.75 * 0.58, rel=1e-12)
    with pytest.raises(TypeError, match="n2o_ef"):
        open_burning({"plastics": Q_(1, "t")})  # no default: unconfirmed in the sheet


def test_bonsai_ipcc_agrees_on_eqs_5_2_5_4_5_5():
    # the same equations, with our default parameters, per waste type in Gg, summed here
    peer = bonsai_elementary("incineration")
    mix = {"food": 0.6, "paper": 0.1, "plastics": 0.1, "textiles": 0.05, "other": 0.15}
    for technology in ("continuous_stoker", "unspecified"):
        got = incineration({k: Q_(v, "Gg") for k, v in mix.items()}, technology)
        co2 = sum(
            peer.co2_emissions(
                v,
                DEFAULT.sources[f"dm_{k}"].value,
                DEFAULT.sources[f"cf_{k}"].value,
                DEFAULT.sources[f"fcf_{k}"].value,
                DEFAULT.sources["of_incineration"].value,
            )
            for k, v in mix.items()
        )
        ch4_ef = DEFAULT.sources[f"incineration_ch4_ef_{technology}"].value
        n2o_ef = DEFAULT.sources[f"incineration_n2o_ef_{technology}"].value
        ch4 = sum(peer.ch4_emissions(v, ch4_ef) for v in mix.values())
        n2o = sum(peer.n2o_emissions(v, n2o_ef) for v in mix.values())
        assert got["CO2"].to("Gg").magnitude == pytest.approx(co2, rel=1e-12)
        assert got["CH4"].to("Gg").magnitude == pytest.approx(ch4, rel=1e-12)
        assert got["N2O"].to("Gg").magnitude == pytest.approx(n2o, rel=1e-12)


def test_bonsai_ipcc_paper_fcf_deviation_pinned():
    # sheet §5.2: BON's paper FCF is 0.0; the 2006 default (Oyama et al. 2019) is 0.01
    spec = importlib.util.find_spec("bonsai_ipcc")
    if spec is None:
        pytest.skip("bonsai_ipcc (a test-only peer) is not installed")
    table = pd.read_csv(Path(spec.origin).parent / "data/waste/incineration/par_fcf.csv")
    paper = table.query("waste_type == 'msw_paper' and property == 'def'")["value"]
    assert float(paper.iloc[0]) == 0.0
    assert DEFAULT.sources["fcf_paper"].value == 0.01


# --- properties ---------------------------------------------------------------------------------


@given(masses=compositions, technology=technologies)
def test_fossil_plus_biogenic_is_all_carbon_burned(masses, technology):
    got = incineration({k: Q_(v, "t") for k, v in masses.items()}, technology)
    carbon = sum(
        v * DEFAULT.sources[f"dm_{k}"].value * DEFAULT.sources[f"cf_{k}"].value
        for k, v in masses.items()
    )
    total = got["CO2"].magnitude + got["CO2_biogenic"].magnitude
    assert total == pytest.approx(carbon * C_TO_CO2, rel=1e-9, abs=1e-9)


@given(masses=compositions, k=st.floats(0.0, 1e3), technology=technologies)
def test_linear_in_mass(masses, k, technology):
    one = incineration({f: Q_(v, "t") for f, v in masses.items()}, technology)
    scaled = incineration({f: Q_(k * v, "t") for f, v in masses.items()}, technology)
    for gas in one:
        assert scaled[gas].magnitude == pytest.approx(k * one[gas].magnitude, rel=1e-9, abs=1e-9)


@given(masses=compositions, technology=technologies)
def test_unit_invariance(masses, technology):
    in_t = incineration({f: Q_(v, "t") for f, v in masses.items()}, technology)
    in_kg = incineration({f: Q_(v * 1000, "kg") for f, v in masses.items()}, technology)
    for gas in in_t:
        assert in_kg[gas].magnitude == pytest.approx(in_t[gas].magnitude, rel=1e-12, abs=1e-12)


@given(a=compositions, b=compositions, technology=technologies)
def test_additive_over_fractions_and_loads(a, b, technology):
    both = {f: a.get(f, 0.0) + b.get(f, 0.0) for f in set(a) | set(b)}
    together = incineration({f: Q_(v, "t") for f, v in both.items()}, technology)
    apart = incineration({f: Q_(v, "t") for f, v in a.items()}, technology) + incineration(
        {f: Q_(v, "t") for f, v in b.items()}, technology
    )
    for gas in together:
        assert together[gas].magnitude == pytest.approx(apart[gas].magnitude, rel=1e-9, abs=1e-9)


def test_fossil_carbon_limits():
    all_fossil = dataclasses.replace(DEFAULT, fcf_food=1.0)
    got = incineration({"food": Q_(100, "t")}, "unspecified", params=all_fossil)
    assert got["CO2"].magnitude == pytest.approx(100 * 0.4 * 0.38 * C_TO_CO2)
    assert got["CO2_biogenic"].magnitude == 0.0
    nothing_burns = dataclasses.replace(DEFAULT, of_incineration=0.0)
    got = incineration({"plastics": Q_(100, "t")}, "unspecified", params=nothing_burns)
    assert got["CO2"].magnitude == 0.0


def test_every_input_form_gives_the_same_numbers():
    years = pd.Index([2024, 2025], name="year")
    food = pd.Series([100.0, 200.0], index=years, dtype="pint[t]")
    plastics = pd.Series([10.0, 0.0], index=years, dtype="pint[t]")
    by_mapping = incineration({"food": food, "plastics": plastics}, "batch_stoker")
    by_frame = incineration(pd.DataFrame({"food": food, "plastics": plastics}), "batch_stoker")
    for gas in by_mapping:
        assert by_mapping[gas].index.equals(years)
        np.testing.assert_allclose(
            by_mapping[gas].pint.magnitude, by_frame[gas].pint.magnitude, rtol=1e-12
        )
    first = incineration({"food": Q_(100, "t"), "plastics": Q_(10, "t")}, "batch_stoker")
    by_fraction = incineration(
        pd.Series([100.0, 10.0], index=["food", "plastics"], dtype="pint[t]"), "batch_stoker"
    )
    arrays = incineration(
        {"food": Q_([100.0, 200.0], "t"), "plastics": Q_([10.0, 0.0], "t")}, "batch_stoker"
    )
    for gas in first:
        assert by_fraction[gas].magnitude == pytest.approx(first[gas].magnitude, rel=1e-12)
        assert by_mapping[gas].pint.magnitude.iloc[0] == pytest.approx(first[gas].magnitude)
        assert arrays[gas].magnitude[0] == pytest.approx(first[gas].magnitude, rel=1e-12)
    # a scalar fraction beside a yearly one is the same every year
    mixed = incineration({"food": food, "plastics": Q_(10, "t")}, "batch_stoker")
    assert mixed["CO2"].pint.magnitude.tolist() == pytest.approx([2.75 * 10] * 2)


def test_monte_carlo_draws_in_one_call_equal_a_loop():
    rng = np.random.default_rng(11)
    n = 2000
    cf = rng.triangular(0.67, 0.75, 0.85, n)
    ef = rng.uniform(70, 1800, n)
    drawn = dataclasses.replace(
        DEFAULT, cf_plastics=Q_(cf, ""), incineration_ch4_ef_unspecified=Q_(ef, "kg/Gg")
    )
    masses = {"plastics": Q_(100, "t"), "food": Q_(500, "t")}
    got = incineration(masses, "unspecified", params=drawn)
    for gas in ("CO2", "CO2_biogenic", "CH4", "N2O"):
        assert got[gas].magnitude.shape == (n,)
    np.testing.assert_allclose(got["CO2"].magnitude, 100 * cf * C_TO_CO2, rtol=1e-12)
    np.testing.assert_allclose(got["CH4"].magnitude, 600 * ef * 1e-6, rtol=1e-12)
    for i in range(3):
        one = dataclasses.replace(
            DEFAULT,
            cf_plastics=Q_(cf[i], ""),
            incineration_ch4_ef_unspecified=Q_(ef[i], "kg/Gg"),
        )
        single = incineration(masses, "unspecified", params=one)
        for gas in single:
            assert got[gas].magnitude[i] == pytest.approx(single[gas].magnitude, rel=1e-12)
    # years x draws
    yearly = {"plastics": Q_([100.0, 50.0, 0.0], "t")}
    grid = incineration(yearly, "unspecified", params=drawn)["CO2"].magnitude
    assert grid.shape == (3, n)
    np.testing.assert_allclose(grid[1], 50 * cf * C_TO_CO2, rtol=1e-12)
    # open burning's n2o_ef may carry the draws too
    n2o = Q_(rng.uniform(100, 200, n), "g/t")
    burned = open_burning(masses, n2o_ef=n2o, params=drawn)
    np.testing.assert_allclose(burned["N2O"].to("t").magnitude, 600 * n2o.magnitude * 1e-6)
    with pytest.raises(InputError, match="one value per draw"):
        open_burning(masses, n2o_ef=Q_([1.0, 2.0], "g/t"), params=drawn)


def test_every_default_carries_a_distribution_for_uncertainty():
    for key, record in DEFAULT.sources.items():
        assert record.low <= record.value <= record.high, key
        assert record.distribution in ("fixed", "triangular", "loguniform"), key
        assert record.distribution_note, key
    assert set(DEFAULT.sources) == set(IncinerationParams._units)


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("masses", "error", "match"),
    [
        ({"plastic": Q_(1, "t")}, NotFoundError, r"did you mean 'plastics'"),
        ({"food": Q_(-1, "t")}, InputError, "must be >= 0"),
        ({"food": Q_(np.nan, "t")}, InputError, "finite"),
        ({"food": 1.0}, MissingUnitsError, "food"),
        ({"food": Q_(1, "m")}, UnitsError, "food"),
        ({}, InputError, "non-empty"),
        (Q_(1, "t"), InputError, "which fraction"),
        (pd.Series([1.0, 2.0], index=["food", "food"], dtype="pint[t]"), InputError, "twice"),
        (pd.Series([1.0], index=[2024], dtype="pint[t]"), NotFoundError, "fraction"),
        (pd.DataFrame({"bogus": pd.Series([1.0], dtype="pint[t]")}), NotFoundError, "bogus"),
        (
            {"food": Q_([1.0, 2.0], "t"), "paper": Q_([1.0, 2.0, 3.0], "t")},
            InputError,
            "broadcast",
        ),
        (
            {
                "food": pd.Series([1.0], index=[1], dtype="pint[t]"),
                "paper": pd.Series([1.0], index=[2], dtype="pint[t]"),
            },
            InputError,
            "different indexes",
        ),
        (
            {"food": pd.Series([1.0, 2.0], dtype="pint[t]"), "paper": Q_([1.0, 2.0, 3.0], "t")},
            InputError,
            "broadcast|length",
        ),
    ],
)
def test_bad_masses_are_refused(masses, error, match):
    with pytest.raises(error, match=match):
        incineration(masses, "continuous_stoker")
    with pytest.raises(error, match=match):
        open_burning(masses, n2o_ef=Q_(100, "g/t"))


def test_bad_options_are_refused():
    masses = {"food": Q_(1, "t")}
    with pytest.raises(NotFoundError, match="did you mean 'continuous_stoker'"):
        incineration(masses, "continuous_stokers")
    with pytest.raises(NotFoundError, match="technology"):
        incineration(masses, None)
    with pytest.raises(NotFoundError, match="params must be a IncinerationParams or one of"):
        incineration(masses, "unspecified", params="ipcc-2006")
    with pytest.raises(InputError, match="params"):
        incineration(masses, "unspecified", params=5)
    with pytest.raises(InputError, match="n2o_ef must be >= 0"):
        open_burning(masses, n2o_ef=Q_(-1, "g/t"))
    with pytest.raises(MissingUnitsError, match="n2o_ef"):
        open_burning(masses, n2o_ef=150.0)
    with pytest.raises(UnitsError, match="n2o_ef"):
        open_burning(masses, n2o_ef=Q_(150, "g"))
    with pytest.raises(InputError, match="n2o_ef"):
        open_burning(masses, n2o_ef=pd.Series([1.0], dtype="pint[g/t]"))
    with pytest.raises(InputError, match="n2o_ef"):
        open_burning(masses, n2o_ef=Q_(np.ones((2, 2)), "g/t"))


def test_bad_parameter_records_are_refused():
    with pytest.raises(InputError, match="fcf_plastics must be a ratio"):
        dataclasses.replace(DEFAULT, fcf_plastics=1.5)
    with pytest.raises(InputError, match="cf_food"):
        dataclasses.replace(DEFAULT, cf_food=Q_(-5, "percent"))
    with pytest.raises(InputError, match="open_burning_ch4_ef must be >= 0"):
        dataclasses.replace(DEFAULT, open_burning_ch4_ef=Q_(-1, "g/t"))
    with pytest.raises(UnitsError):
        dataclasses.replace(DEFAULT, dm_food=Q_(0.4, "m"))
    percent = dataclasses.replace(DEFAULT, dm_food=Q_(40, "percent"))
    assert percent.sources["dm_food"].tag == "[S]"  # 40 % is the default 0.40
    assert dataclasses.replace(DEFAULT, dm_food=0.5).sources["dm_food"].tag == "[U]"


def test_inputs_are_not_modified():
    values = np.array([100.0, 200.0])
    frame = pd.DataFrame({"food": pd.Series(values, dtype="pint[t]")})
    before = frame.copy(deep=True)
    incineration({"food": Q_(values, "t")}, "unspecified")
    incineration(frame, "unspecified")
    assert values.tolist() == [100.0, 200.0]
    assert_frame_equal(frame, before)


def test_monte_carlo_over_every_sourced_range_in_one_call():
    # every factor with a range drawn from its distribution (wasteless.uncertainty's
    # sampler), put in with dataclasses.replace, all draws in one call
    from wasteless.uncertainty import FactorDistribution

    rng = np.random.default_rng(2024)
    n = 20_000
    varying = {
        key: FactorDistribution(key, "incineration", record)
        for key, record in DEFAULT.sources.items()
        if record.distribution != "fixed"
    }
    drawn = dataclasses.replace(
        DEFAULT, **{key: d.quantity(d.sample(rng, n)) for key, d in varying.items()}
    )
    assert drawn.n_draws == n
    mix = {"food": 600, "paper": 100, "plastics": 100, "textiles": 50, "glass": 150}
    got = incineration({k: Q_(v, "t") for k, v in mix.items()}, "unspecified", params=drawn)
    # the mean of a triangular (a, c, b) is (a + c + b) / 3 (sheet §5.2 ranges); the
    # draws are independent, so E[CF x FCF] = E[CF] E[FCF]:
    # paper 100 x .9 x .46 x (0 + .01 + .05)/3; plastics 100 x 1 x (.67 + .75 + .85)/3
    # x (.95 + 1 + 1)/3; textiles 50 x .8 x (.25 + .5 + .5)/3 x (0 + .2 + .5)/3
    fossil_carbon = (
        100 * 0.9 * 0.46 * (0.06 / 3)
        + 100 * 1.0 * (2.27 / 3) * (2.95 / 3)
        + 50 * 0.8 * (1.25 / 3) * (0.7 / 3)
    )
    assert got["CO2"].magnitude.mean() == pytest.approx(fossil_carbon * C_TO_CO2, rel=5e-3)
    # every draw lies between the results at the ranges' ends (CO2 grows with CF and FCF)
    ends = {
        end: dataclasses.replace(
            DEFAULT, **{k: Q_(getattr(d.factor, end), d.factor.unit) for k, d in varying.items()}
        )
        for end in ("low", "high")
    }
    low, high = (
        incineration({k: Q_(v, "t") for k, v in mix.items()}, "unspecified", params=ends[end])
        for end in ("low", "high")
    )
    for gas in ("CO2", "CH4"):
        assert (got[gas].magnitude >= low[gas].magnitude * (1 - 1e-12)).all()
        assert (got[gas].magnitude <= high[gas].magnitude * (1 + 1e-12)).all()
    # CH4 unspecified is log-uniform on 70-1800 g/t: its median is sqrt(70 x 1800) = 355
    # g/t, and 1000 t x 355 g/t = 355 kg
    assert np.median(got["CH4"].to("kg").magnitude) == pytest.approx(np.sqrt(70 * 1800), rel=0.03)


def test_named_records_are_built_once_on_first_use():
    assert list(INCINERATION_PARAMS) == ["ipcc-2019r", "ipcc-2006-open-burning"]
    assert "ipcc-2019r" in INCINERATION_PARAMS
    assert "bogus" not in INCINERATION_PARAMS
    assert 5 not in INCINERATION_PARAMS
    assert INCINERATION_PARAMS["ipcc-2019r"] is INCINERATION_PARAMS["ipcc-2019r"]
    with pytest.raises(KeyError):
        INCINERATION_PARAMS["bogus"]
    assert INCINERATION_PARAMS.get("bogus") is None
    assert len(INCINERATION_PARAMS) == 2
