"""GWP-100 sets and the gas-labelled Emissions record (wasteless.climate)."""

import copy
import pickle
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wasteless import Q_, climate
from wasteless.climate import GASES, Emissions, GWPSet, co2e, gwp_set, gwp_sets
from wasteless.errors import InputError, MissingUnitsError, NotFoundError, UnitsError

# The IPCC sheet (reference/ipcc-waste-factors.md §6), typed here from the sheet, not
# from the data file: set -> (CH4 non-fossil, CH4 fossil, N2O, tag of the CH4 record)
SHEET_GWP = {
    "AR4": (25.0, 25.0, 298.0, "[S]"),
    "AR5": (28.0, 28.0, 265.0, "[S]"),
    "AR5-CCF": (34.0, 34.0, 298.0, "[S]"),
    "AR6": (27.9, 27.9, 273.0, "[S]"),
    "AR6-GHGP": (27.0, 29.8, 273.0, "[W]"),
}

masses = st.floats(min_value=0.0, max_value=1e9, allow_nan=False, allow_infinity=False)
signed = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
gas_names = st.sampled_from(GASES)
set_names = st.sampled_from(list(SHEET_GWP))


def record(draw_values):
    return Emissions({gas: Q_(value, "t") for gas, value in draw_values.items()})


records = st.dictionaries(gas_names, signed, min_size=1).map(record)


# --- GWP sets: the sheet's values -------------------------------------------------------------


@pytest.mark.parametrize(("name", "row"), SHEET_GWP.items())
def test_gwp_sets_are_the_sheets_values(name, row):
    ch4, ch4_fossil, n2o, tag = row
    weights = gwp_set(name).weights
    assert weights["CH4"] == ch4
    assert weights["CH4_fossil"] == ch4_fossil
    assert weights["N2O"] == n2o
    assert weights["CO2"] == 1.0  # by definition
    assert weights["CO2_biogenic"] == 0.0  # reported apart, never counted
    assert gwp_set(name).factors["CH4"].tag == tag


def test_the_ar6_disagreement_ships_keyed_by_source():
    # sheet §6: "AR6_7SM7 = 27.9" and "GHGP_2024_nonfossil = 27.0"
    single, split = gwp_set("AR6").factors["CH4"], gwp_set("AR6-GHGP").factors["CH4"]
    assert (single.key, single.value) == ("AR6_7SM7", 27.9)
    assert (split.key, split.value) == ("GHGP_2024_nonfossil", 27.0)
    assert "7.SM.7" in single.source
    assert gwp_set("AR6-GHGP").factors["CH4_fossil"].key == "GHGP_2024_fossil"
    assert gwp_set("AR6-GHGP").fossil_methane_apart
    assert not gwp_set("AR6").fossil_methane_apart


def test_every_gwp_record_is_fixed_and_sourced():
    for chosen in gwp_sets().values():
        for record_ in chosen.factors.values():
            assert record_.distribution == "fixed"
            assert record_.low == record_.value == record_.high
            assert record_.source
            assert record_.unit == "dimensionless"


def test_gwp_table_in_the_docstring_is_the_data():
    lines = climate.__doc__.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split()[:2] == ["set", "CH4"])
    rows = []
    for line in lines[start + 2 :]:
        if line.startswith("="):
            break
        rows.append(line.split())
    assert [row[0] for row in rows] == list(gwp_sets())
    for row in rows:
        weights = gwp_set(row[0]).weights
        assert [float(x) for x in row[1:4]] == [
            weights["CH4"],
            weights["CH4_fossil"],
            weights["N2O"],
        ]
        assert row[-1] == gwp_set(row[0]).factors["CH4"].tag


def test_gwp_set_names_are_case_insensitive_and_unknown_ones_listed():
    assert gwp_set("ar6-ghgp") is gwp_set("AR6-GHGP")
    assert co2e({"CH4": Q_(1, "t")}, gwp="ar4").magnitude == 25.0
    with pytest.raises(NotFoundError, match=r"'AR4', 'AR5', 'AR5-CCF', 'AR6', 'AR6-GHGP'"):
        gwp_set("AR7")
    with pytest.raises(NotFoundError, match=r"gwp .*got 'AR3'.*did you mean"):
        co2e({"CH4": Q_(1, "t")}, gwp="AR3")
    with pytest.raises(NotFoundError, match="gwp"):
        co2e({"CH4": Q_(1, "t")}, gwp=None)
    with pytest.raises(KeyError):  # a NotFoundError is a KeyError too
        gwp_set(5)


def test_a_user_gwp_set_is_checked():
    reference = gwp_set("AR6").factors
    with pytest.raises(InputError, match="lacks"):
        GWPSet("mine", "t", {"CO2": reference["CO2"], "CH4": reference["CH4"]})
    with pytest.raises(InputError, match="never counted"):
        GWPSet("mine", "t", {**reference, "CO2_biogenic": reference["CO2"]})
    mine = GWPSet("mine", "my own", dict(reference))
    assert co2e({"N2O": Q_(1, "t")}, gwp=mine).magnitude == 273.0


# --- co2e: hand-derived values ------------------------------------------------------------


def test_co2e_by_hand():
    compost = Emissions({"CH4": Q_(4.0, "t"), "N2O": Q_(0.3, "t")})
    # AR6: 4 x 27.9 + 0.3 x 273 = 111.6 + 81.9 = 193.5 t
    assert compost.co2e("AR6").to("t").magnitude == pytest.approx(193.5, rel=1e-12)
    # AR4: 4 x 25 + 0.3 x 298 = 100 + 89.4 = 189.4 t
    assert co2e(compost, "AR4").magnitude == pytest.approx(189.4, rel=1e-12)
    # AR5: 4 x 28 + 0.3 x 265 = 112 + 79.5 = 191.5 t
    assert co2e(compost, "AR5").magnitude == pytest.approx(191.5, rel=1e-12)


def test_fossil_and_non_fossil_methane_by_hand():
    both = {"CH4": Q_(1, "t"), "CH4_fossil": Q_(1, "t")}
    # AR6-GHGP: 27.0 + 29.8 = 56.8; a single-value set counts both alike: 2 x 27.9 = 55.8
    assert co2e(both, "AR6-GHGP").magnitude == pytest.approx(56.8, rel=1e-12)
    assert co2e(both, "AR6").magnitude == pytest.approx(55.8, rel=1e-12)
    assert co2e(both, "AR5-CCF").magnitude == pytest.approx(68.0, rel=1e-12)


def test_biogenic_co2_is_reported_but_never_counted():
    burned = Emissions({"CO2": Q_(2.75, "t"), "CO2_biogenic": Q_(55.73, "t")})
    assert burned["CO2_biogenic"].magnitude == 55.73  # carried, for reporting
    for name in SHEET_GWP:
        assert co2e(burned, name).magnitude == 2.75


@given(gas=gas_names, name=set_names, mass=masses, unit=st.sampled_from(["t", "kg", "Gg"]))
def test_co2e_of_one_gas_is_its_mass_times_its_gwp(gas, name, mass, unit):
    ch4, ch4_fossil, n2o, _ = SHEET_GWP[name]
    weight = {"CO2": 1.0, "CO2_biogenic": 0.0, "CH4": ch4, "CH4_fossil": ch4_fossil, "N2O": n2o}
    got = co2e({gas: Q_(mass, unit)}, gwp=name).to(unit).magnitude
    assert got == pytest.approx(mass * weight[gas], rel=1e-9, abs=1e-300)


@given(values=st.dictionaries(gas_names, masses, min_size=1), name=set_names)
def test_co2e_does_not_depend_on_the_mass_unit(values, name):
    in_t = co2e({g: Q_(v, "t") for g, v in values.items()}, name)
    in_kg = co2e({g: Q_(v * 1000.0, "kg") for g, v in values.items()}, name)
    in_gg = co2e({g: Q_(v / 1000.0, "Gg") for g, v in values.items()}, name)
    assert in_kg.to("t").magnitude == pytest.approx(in_t.magnitude, rel=1e-12, abs=1e-9)
    assert in_gg.to("t").magnitude == pytest.approx(in_t.magnitude, rel=1e-12, abs=1e-9)


@given(a=records, b=records, k=st.floats(-1e3, 1e3, allow_nan=False), name=set_names)
def test_co2e_is_linear(a, b, k, name):
    scale = abs(co2e(a, name).magnitude) + abs(co2e(b, name).magnitude) + 1.0
    assert co2e(a + b, name).magnitude == pytest.approx(
        co2e(a, name).magnitude + co2e(b, name).magnitude, abs=1e-9 * scale
    )
    assert co2e(k * a, name).magnitude == pytest.approx(
        k * co2e(a, name).magnitude, abs=1e-9 * scale * (abs(k) + 1)
    )


def test_co2e_of_series_frames_and_gas_indexed_series():
    years = pd.Index([2024, 2025, 2026], name="year")
    ch4 = pd.Series([1.0, 2.0, 3.0], index=years, dtype="pint[t]")
    n2o = pd.Series([100.0, 0.0, 10.0], index=years, dtype="pint[kg]")
    # AR5 by hand: 28 x [1, 2, 3] + 0.265 x [0.1, 0, 0.01] t
    expected = [28.0 + 26.5, 56.0, 84.0 + 2.65]
    by_record = Emissions({"CH4": ch4, "N2O": n2o}).co2e("AR5")
    by_frame = co2e(pd.DataFrame({"CH4": ch4, "N2O": n2o}), "AR5")
    by_mapping = co2e({"CH4": ch4, "N2O": n2o}, "AR5")
    for got in (by_record, by_frame, by_mapping):
        assert got.index.equals(years)
        assert got.name == "CO2e"
        assert str(got.pint.units) == "metric_ton"
        np.testing.assert_allclose(got.pint.magnitude, expected, rtol=1e-12)
    # a Series indexed by gas: 1 x 28 + 2 x 265
    by_gas = pd.Series([1.0, 2.0], index=["CH4", "N2O"], dtype="pint[t]")
    assert co2e(by_gas, "AR5").magnitude == pytest.approx(558.0)
    # a scalar gas beside a Series is broadcast over it
    mixed = co2e({"CH4": ch4, "CO2": Q_(1, "t")}, "AR5")
    np.testing.assert_allclose(mixed.pint.magnitude, [29.0, 57.0, 85.0])


def test_co2e_of_arrays_keeps_the_shape():
    draws = Emissions({"CH4": Q_(np.ones((3, 4)), "t"), "N2O": Q_(1.0, "t")})
    got = co2e(draws, "AR6")
    assert got.magnitude.shape == (3, 4)
    np.testing.assert_allclose(got.magnitude, 27.9 + 273.0)


# --- Emissions: gas by gas, and no other way ----------------------------------------------


@given(a=records, b=records)
def test_addition_is_commutative_gas_by_gas(a, b):
    left, right = a + b, b + a
    assert list(left) == list(right) == [g for g in GASES if g in a or g in b]
    for gas in left:
        want = (a[gas].magnitude if gas in a else 0.0) + (b[gas].magnitude if gas in b else 0.0)
        assert left[gas].magnitude == pytest.approx(want, rel=1e-12, abs=1e-6)
        assert right[gas].magnitude == pytest.approx(want, rel=1e-12, abs=1e-6)


@given(a=records, b=records, c=records)
def test_addition_is_associative_gas_by_gas(a, b, c):
    left, right = (a + b) + c, a + (b + c)
    assert list(left) == list(right)
    for gas in left:
        assert left[gas].magnitude == pytest.approx(right[gas].magnitude, rel=1e-9, abs=1e-5)


@given(a=records, b=records)
def test_a_difference_may_be_negative_and_undoes_the_sum(a, b):
    back = (a + b) - b
    for gas in a:
        assert back[gas].magnitude == pytest.approx(a[gas].magnitude, rel=1e-9, abs=1e-5)
    for gas in set(b) - set(a):
        assert back[gas].magnitude == pytest.approx(0.0, abs=1e-5)
    avoided = Emissions({"CH4": Q_(1, "t")}) - Emissions({"CH4": Q_(3, "t"), "CO2": Q_(2, "t")})
    assert avoided["CH4"].magnitude == -2.0
    assert avoided["CO2"].magnitude == -2.0


def test_a_list_of_records_sums_gas_by_gas():
    parts = [Emissions({"CH4": Q_(1, "t")}), Emissions({"CH4": Q_(2, "t"), "N2O": Q_(1, "kg")})]
    total = sum(parts)
    assert total["CH4"].magnitude == 3.0
    assert total["N2O"].magnitude == pytest.approx(0.001)


def test_there_is_no_way_to_add_ch4_to_co2_without_a_gwp():
    e = Emissions({"CO2": Q_(1, "t"), "CH4": Q_(1, "t")})
    # the public surface: the mapping, co2e (needs a GWP) and to_frame (one row per gas)
    public = {name for name in dir(e) if not name.startswith("_")}
    assert public == {"co2e", "get", "items", "keys", "to_frame", "values"}
    assert not hasattr(e, "total")
    with pytest.raises(TypeError):
        sum(e)  # iterates gas names: 0 + "CO2"
    with pytest.raises(TypeError):
        np.sum(e)
    with pytest.raises(TypeError):
        np.asarray(e)
    with pytest.raises(TypeError, match="only another Emissions record"):
        e + Q_(1, "t")
    with pytest.raises(TypeError):
        Q_(1, "t") + e
    with pytest.raises(TypeError):
        Q_(0, "") + e  # pint would otherwise wrap the record as a magnitude
    with pytest.raises(TypeError):
        Q_(2, "") * e
    with pytest.raises(TypeError, match="plain finite number"):
        e * Q_(2, "")
    with pytest.raises(TypeError):
        e * np.array([1.0, 2.0])
    with pytest.raises(TypeError):
        e * True
    with pytest.raises(TypeError):
        1 + e
    with pytest.raises(TypeError):
        Q_(1, "t") - e
    # co2e is the one way, and it asks for a set
    assert co2e(e, "AR6").magnitude == pytest.approx(28.9)


def test_a_record_is_read_only_and_copies_its_inputs():
    values = np.array([1.0, 2.0])
    e = Emissions({"CH4": Q_(values, "t")})
    values[0] = 99.0  # the caller's array is theirs
    assert e["CH4"].magnitude.tolist() == [1.0, 2.0]
    with pytest.raises(ValueError, match="read-only"):
        e["CH4"].magnitude[0] = 5.0
    with pytest.raises(AttributeError):
        e.total = 5
    with pytest.raises(TypeError):
        e["CO2"] = Q_(1, "t")  # no item assignment


def test_gases_keep_the_order_of_gases_and_units_are_tonnes():
    e = Emissions({"N2O": Q_(1, "kg"), "CO2": Q_(2, "Gg")})
    assert list(e) == ["CO2", "N2O"]
    assert e["CO2"].to("t").magnitude == 2000.0
    assert str(e["N2O"].units) == "metric_ton"
    assert e == Emissions({"CO2": Q_(2000, "t"), "N2O": Q_(0.001, "t")})
    assert e != Emissions({"CO2": Q_(2000, "t")})


def test_to_frame_is_tidy():
    scalar = Emissions({"CH4": Q_(4, "t"), "N2O": Q_(300, "kg")}).to_frame("kg")
    assert scalar.columns.tolist() == ["gas", "value"]
    assert scalar["gas"].tolist() == ["CH4", "N2O"]
    assert scalar["value"].pint.magnitude.tolist() == [4000.0, 300.0]
    years = pd.Index([2030, 2031], name="year")
    yearly = Emissions({"CH4": pd.Series([1.0, 2.0], years, dtype="pint[t]")}).to_frame()
    assert yearly.columns.tolist() == ["year", "gas", "value"]
    assert yearly["year"].tolist() == [2030, 2031]
    draws = Emissions({"CO2": Q_([1.0, 2.0, 3.0], "t"), "CH4": Q_(1, "t")}).to_frame()
    assert draws.columns.tolist() == ["position", "gas", "value"]
    assert draws["value"].pint.magnitude.tolist() == [1.0, 2.0, 3.0, 1.0, 1.0, 1.0]
    with pytest.raises(UnitsError):
        Emissions({"CH4": Q_(4, "t")}).to_frame("m")
    with pytest.raises(InputError, match="at most one dimension"):
        Emissions({"CH4": Q_(np.ones((2, 2)), "t")}).to_frame()


# --- bad input -----------------------------------------------------------------------------------


def test_unknown_gas_names_get_the_closest():
    with pytest.raises(NotFoundError, match=r"got 'ch4' \(did you mean 'CH4'\?\)"):
        Emissions({"ch4": Q_(1, "t")})
    with pytest.raises(NotFoundError, match="did you mean 'CO2_biogenic'"):
        co2e({"CO2_biogenc": Q_(1, "t")})
    with pytest.raises(NotFoundError, match="'CH4', 'CH4_fossil'"):
        co2e(pd.DataFrame({"methane": pd.Series([1.0], dtype="pint[t]")}))
    e = Emissions({"CH4": Q_(1, "t")})
    with pytest.raises(NotFoundError, match="did you mean 'N2O'"):
        e["n2o"]
    with pytest.raises(KeyError, match="holds no N2O"):
        e["N2O"]
    assert e.get("N2O") is None
    assert "N2O" not in e


@pytest.mark.parametrize(
    ("gases", "error", "match"),
    [
        ({}, InputError, "at least one gas"),
        ([("CH4", Q_(1, "t"))], InputError, "mapping of gas name"),
        ({"CH4": 1.0}, MissingUnitsError, "CH4"),
        ({"CH4": Q_(1, "m")}, UnitsError, "CH4"),
        ({"CH4": Q_(1, "t/yr")}, UnitsError, "CH4"),
        ({"CH4": Q_(np.nan, "t")}, InputError, "finite"),
        ({"CH4": Q_(np.inf, "t")}, InputError, "finite"),
        ({"CH4": Q_(1 + 1j, "t")}, InputError, "real"),
        ({"CH4": pd.Series([1.0])}, MissingUnitsError, "CH4"),
        ({"CH4": pd.DataFrame({"a": [1.0]})}, InputError, "DataFrame"),
        ({"CH4": Q_([1.0, 2.0], "t"), "N2O": Q_([1.0, 2.0, 3.0], "t")}, InputError, "broadcast"),
        (
            {
                "CH4": pd.Series([1.0], index=[2020], dtype="pint[t]"),
                "N2O": pd.Series([1.0], index=[2021], dtype="pint[t]"),
            },
            InputError,
            "different indexes",
        ),
        (
            {"CH4": pd.Series([1.0, 2.0], dtype="pint[t]"), "N2O": Q_([1.0, 2.0, 3.0], "t")},
            InputError,
            "broadcast|array of 2",
        ),
    ],
)
def test_bad_records_are_refused(gases, error, match):
    with pytest.raises(error, match=match):
        Emissions(gases)


def test_co2e_refuses_what_carries_no_gas_or_no_mass():
    with pytest.raises(InputError, match="which gas"):
        co2e(Q_(1, "t"))
    with pytest.raises(MissingUnitsError):
        co2e({"CH4": 1.0})
    with pytest.raises(UnitsError):
        co2e({"CH4": Q_(1, "m**3")})
    with pytest.raises(InputError, match="finite"):
        co2e({"CH4": Q_(np.nan, "t")})
    with pytest.raises(InputError, match="different indexes"):
        co2e(
            {
                "CH4": pd.Series([1.0], index=[1], dtype="pint[t]"),
                "N2O": pd.Series([1.0], index=[2], dtype="pint[t]"),
            }
        )
    with pytest.raises(InputError, match="once"):
        co2e(pd.Series([1.0, 2.0], index=["CH4", "CH4"], dtype="pint[t]"))
    with pytest.raises(InputError, match="broadcast"):
        co2e({"CH4": Q_([1.0, 2.0], "t"), "N2O": Q_([1.0, 2.0, 3.0], "t")})
    # negative masses (avoided emissions) are fine
    assert co2e({"CH4": Q_(-1, "t")}, "AR4").magnitude == -25.0


def test_combining_records_on_different_indexes_is_refused():
    a = Emissions({"CH4": pd.Series([1.0], index=[2020], dtype="pint[t]")})
    b = Emissions({"CH4": pd.Series([1.0], index=[2021], dtype="pint[t]")})
    with pytest.raises(InputError, match="different indexes"):
        a + b
    c = Emissions({"N2O": pd.Series([1.0], index=[2021], dtype="pint[t]")})
    with pytest.raises(InputError, match="different indexes"):
        a + c  # gases of one record on two indexes
    with pytest.raises(InputError, match="broadcast"):
        Emissions({"CH4": Q_([1.0, 2.0], "t")}) + Emissions({"CH4": Q_([1.0, 2.0, 3.0], "t")})


def test_repr_names_gas_and_shape():
    assert repr(Emissions({"CH4": Q_(1, "t")})) == "Emissions(CH4=1.0 t)"
    assert re.search(r"CO2=<array of shape \(2,\)> t", repr(Emissions({"CO2": Q_([1, 2], "t")})))


def test_a_record_pickles_and_copies_unchanged():
    years = pd.Index([2024, 2025], name="year")
    e = Emissions(
        {"CH4": pd.Series([1.0, 2.0], index=years, dtype="pint[t]"), "N2O": Q_(3.0, "kg")}
    )
    for again in (pickle.loads(pickle.dumps(e)), copy.deepcopy(e), copy.copy(e)):
        assert again == e
        assert again["CH4"].index.equals(years)
        with pytest.raises(ValueError, match="read-only"):
            again._values["CH4"].magnitude[0] = 5.0
