"""The units layer: registry extensions, the decorator, ratios and errors."""

import math
import pickle

import numpy as np
import pandas as pd
import pint
import pint_pandas  # noqa: F401  (registers the pint[...] dtype)
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wasteless as wl
from wasteless import Q_, paving
from wasteless.errors import InputError, MissingUnitsError, UnitsError, WastelessError
from wasteless.units import RATIO, as_fraction, magnitude_in, unit_function, ureg

finite = st.floats(min_value=0.0, max_value=1e12, allow_nan=False, allow_infinity=False)


def test_registry_is_the_application_registry():
    # the registry object behind pint's application-registry wrapper, kept (see units.ureg)
    assert wl.ureg is pint.get_application_registry().get()
    user_quantity = pint.get_application_registry().Quantity(1, "m**2")
    assert wl.paving.tyres_for_area(user_quantity).units == wl.ureg.tyre


def test_extension_is_idempotent():
    before = len(wl.ureg.preprocessors)
    wl.units._extend_registry()
    wl.units._extend_registry()
    assert len(wl.ureg.preprocessors) == before
    assert Q_(1, "tce").to("kgce").magnitude == pytest.approx(1000.0)


def test_kgce_is_7000_international_kilocalories():
    # GB/T 2589: 1 kgce = 7000 kcal_IT = 29 307.6 kJ
    assert Q_(1, "kgce").to("kJ").magnitude == pytest.approx(29307.6, rel=1e-12)
    assert Q_(1, "tce").to("GJ").magnitude == pytest.approx(29.3076, rel=1e-12)
    assert Q_(7000e3, "international_calorie").to("kgce").magnitude == pytest.approx(1.0)


def test_tyre_has_its_own_dimension():
    assert Q_(1, "tyre").dimensionality == {"[tyre]": 1}
    assert Q_(3, "tyres") == Q_(3, "tire")
    with pytest.raises(pint.DimensionalityError):
        Q_(1, "tyre") + Q_(1, "m**2")


@pytest.mark.parametrize("spelling", ["ug/m3", "µg/m³", "μg/m³", "ug/m**3", "microgram/meter**3"])
def test_concentration_spellings(spelling):
    assert Q_(35, spelling).to("ug/m**3").magnitude == pytest.approx(35.0)


def test_power_spelling_keeps_prefixes_right():
    assert Q_(1, "km2").to("m**2").magnitude == pytest.approx(1e6)
    assert Q_(1, "cm3").to("m**3").magnitude == pytest.approx(1e-6)
    # a name that merely ends in m2 is not rewritten
    assert wl.units._power_spelling("item2") == "item2"


def test_wan_and_yi():
    assert Q_(270, "万 tyre").to("tyre").magnitude == pytest.approx(2.7e6)
    assert Q_(1.2, "亿").to("").magnitude == pytest.approx(1.2e8)
    assert Q_(1, "萬") == Q_(1, "万")


# --- the decorator ------------------------------------------------------------


@unit_function("kg", volume="m**3", share=RATIO, allow_negative=("offset",), offset="kg")
def _toy(volume, share=1.0, offset=0.0, label="x"):
    return volume * 1000.0 * share + offset


def test_decorator_converts_once_and_keeps_kernel():
    assert _toy(Q_(2, "L")).to("kg").magnitude == pytest.approx(2.0)
    assert _toy.kernel(0.002) == pytest.approx(2.0)
    assert _toy.input_units == {"volume": "m**3", "share": RATIO, "offset": "kg"}
    assert _toy.output_units == "kg"
    assert _toy(volume=Q_(1, "m**3"), share=Q_(50, "percent")).magnitude == pytest.approx(500)
    assert _toy(Q_(1, "m**3"), 0.5, Q_(-100, "g")).magnitude == pytest.approx(499.9)


def test_decorator_typo_fails_at_decoration():
    with pytest.raises(InputError, match=r"volume: pint does not know the unit 'm\*\*3x'"):
        unit_function("kg", volume="m**3x")
    with pytest.raises(InputError, match="returns"):
        unit_function("kgg", volume="m**3")
    with pytest.raises(TypeError, match="no argument"):
        unit_function("kg", nope="m")(lambda volume: volume)


def test_signature_shows_quantities():
    import inspect

    sig = inspect.signature(wl.paving.tyres_for_area)
    assert sig.parameters["area"].annotation == "pint.Quantity"
    assert sig.return_annotation == "pint.Quantity"


def test_scalar_in_scalar_out():
    out = wl.paving.tyres_for_area(Q_(5, "m**2"))
    assert isinstance(out.magnitude, float)
    out = wl.paving.tyres_for_area(Q_(np.float64(5), "m**2"))
    assert isinstance(out.magnitude, float)


def test_zero_d_array_gives_scalar():
    out = wl.paving.tyres_for_area(Q_(np.array(5.0), "m**2"))
    assert isinstance(out.magnitude, float)


def test_array_in_array_out_and_input_untouched():
    values = np.array([1.0, 2.0, 3.0])
    area = Q_(values, "km**2")
    out = wl.paving.tyres_for_area(area)
    assert isinstance(out.magnitude, np.ndarray)
    assert out.magnitude.shape == (3,)
    np.testing.assert_array_equal(values, [1.0, 2.0, 3.0])
    assert area.units == wl.ureg("km**2").units


def test_integer_array_is_accepted_as_float():
    out = wl.paving.tyres_for_area(Q_(np.array([1, 2]), "m**2"))
    assert out.magnitude.dtype == np.float64


def test_series_keeps_index():
    index = pd.Index(["road A", "road B"], name="road")
    area = pd.Series([1.0, 2.0], index=index, dtype="pint[hectare]")
    out = wl.paving.tyres_for_area(area)
    assert isinstance(out, pd.Series)
    assert out.index.equals(index)
    assert str(out.dtype.units) == "tyre"
    expected = wl.paving.tyres_for_area(Q_(np.array([1.0, 2.0]), "hectare")).magnitude
    np.testing.assert_allclose(out.pint.magnitude.to_numpy(dtype=float), expected)
    # the input Series is unchanged
    assert str(area.dtype.units) == "hectare"
    assert area.pint.magnitude.tolist() == [1.0, 2.0]


def test_series_with_missing_value_is_an_error():
    area = pd.Series([1.0, None], dtype="pint[m**2]")
    with pytest.raises(InputError, match="finite"):
        wl.paving.tyres_for_area(area)


# --- errors ---------------------------------------------------------------------


@pytest.mark.parametrize("bare", [5, 5.0, np.float64(5), [1, 2], np.array([1.0, 2.0])])
def test_bare_number_names_argument_and_unit(bare):
    with pytest.raises(MissingUnitsError, match=r"area requires m\*\*2.*Q_\("):
        wl.paving.tyres_for_area(bare)


def test_series_without_units():
    with pytest.raises(MissingUnitsError, match=r"pint\[m\*\*2\]"):
        wl.paving.tyres_for_area(pd.Series([1.0, 2.0]))


def test_wrong_dimension():
    with pytest.raises(UnitsError, match=r"area requires \[length\] \*\* 2.*given m \[length\]"):
        wl.paving.tyres_for_area(Q_(3, "m"))
    with pytest.raises(pint.DimensionalityError):
        wl.paving.area_for_tyres(Q_(3, "m**2"))
    with pytest.raises(TypeError):  # DimensionalityError is a TypeError
        wl.carbon.co2_avoided(Q_(3, "kg"))


def test_units_error_pickles():
    with pytest.raises(UnitsError) as info:
        wl.paving.tyres_for_area(Q_(3, "m"))
    again = pickle.loads(pickle.dumps(info.value))
    assert str(again) == str(info.value)
    assert again.argument == "area"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Q_(-1.0, "m**2"), r"area must be >= 0; got -1.0 meter \*\* 2"),
        (Q_(float("nan"), "m**2"), r"area must be finite; got nan"),
        (Q_(float("inf"), "m**2"), r"area must be finite; got inf"),
        (Q_(np.array([1.0, -1.0]), "m**2"), r"area must be >= 0.*negative"),
        (Q_(np.array([1.0, np.nan]), "m**2"), r"area must be finite.*1 NaN"),
    ],
)
def test_bad_values(value, message):
    with pytest.raises(InputError, match=message):
        wl.paving.tyres_for_area(value)


def test_error_hierarchy():
    assert issubclass(InputError, ValueError)
    assert issubclass(InputError, WastelessError)
    assert issubclass(UnitsError, pint.DimensionalityError)
    assert issubclass(MissingUnitsError, UnitsError)


# --- ratios ------------------------------------------------------------------------


def test_ratio_forms_agree():
    assert as_fraction(Q_(20, "percent")) == pytest.approx(0.2)
    assert as_fraction(0.2) == pytest.approx(0.2)
    assert as_fraction(Q_(0.2, "")) == pytest.approx(0.2)
    np.testing.assert_allclose(as_fraction(Q_(np.array([10, 50]), "percent")), [0.1, 0.5])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (20, r"bare number is read as a fraction"),
        (Q_(120, "percent"), r"cannot exceed 100 %"),
        (-0.1, r"must be >= 0"),
        (float("nan"), r"must be finite"),
    ],
)
def test_bad_ratios(value, message):
    with pytest.raises(InputError, match=message):
        as_fraction(value, "share")


def test_ratio_with_dimension():
    with pytest.raises(UnitsError, match="percent"):
        as_fraction(Q_(3, "m"), "share")


def test_magnitude_in():
    assert magnitude_in(Q_(2, "km**2"), "m**2") == pytest.approx(2e6)
    with pytest.raises(MissingUnitsError):
        magnitude_in(3.0, "m")


@given(finite)
def test_conversion_matches_pint(value):
    got = wl.paving.crumb_rubber_mass(Q_(value, "hectare")).to("kg").magnitude
    via_pint = wl.paving.crumb_rubber_mass(Q_(value, "hectare").to("m**2")).magnitude
    assert got == pytest.approx(via_pint, rel=1e-12, abs=1e-300)


def test_ratio_series():
    np.testing.assert_allclose(as_fraction(pd.Series([0.1, 0.5])), [0.1, 0.5])
    np.testing.assert_allclose(as_fraction(pd.Series([10.0], dtype="pint[percent]")), [0.1])
    with pytest.raises(InputError, match="ratio"):
        as_fraction(pd.Series([0.1, 5.0]), "share")


# --- the registry is extended whoever builds it (import wasteless does not build it) ----

_DEFERRED = """
import sys, pint, wasteless
registry = pint.get_application_registry()
assert type(registry.get()).__name__ == "LazyRegistry", "import built the registry"
assert "wasteless.air" not in sys.modules
q = registry.Quantity(270, "万 tyre")  # first use by the user, not through wasteless
assert q.to("tyre").magnitude == 2.7e6
assert registry.Quantity(5, "t/d").to("m**3/d", "wasteless_water").magnitude == 5.0
assert wasteless.Q_ is registry.Quantity and wasteless.units.Q_ is registry.Quantity
"""

_BUILT_FIRST = """
import pint
registry = pint.get_application_registry()
registry.Quantity(1, "m")  # someone else built it before wasteless was imported
import wasteless
assert registry.Quantity(1, "tce").to("GJ").magnitude == 29.3076
assert wasteless.Q_ is registry.Quantity
"""


@pytest.mark.slow  # interpreter start-ups
@pytest.mark.parametrize("code", [_DEFERRED, _BUILT_FIRST], ids=["deferred", "built-first"])
def test_registry_extended_whoever_builds_it(code):
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", code], check=True)


def test_submodules_load_on_first_access():
    import wasteless

    assert "air" in dir(wasteless)
    assert wasteless.air.annual_means is wasteless.air.means.annual_means
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = wasteless.nope


def test_a_unit_string_is_parsed_once_and_errors_are_not_kept():
    from wasteless.units import _unit_of_text, parse_units

    _unit_of_text.cache_clear()
    first = parse_units("ug/m3")
    assert parse_units("ug/m3") is first  # the same immutable Unit, not parsed again
    assert first == ureg.Unit("microgram / meter ** 3")
    assert _unit_of_text.cache_info().hits == 1
    for _ in range(2):  # refused each time, never remembered as a unit
        with pytest.raises(InputError, match="pint does not know the unit 'ug/m4x'"):
            parse_units("ug/m4x")
    assert _unit_of_text.cache_info().currsize == 1


def test_a_cached_unit_string_is_parsed_again_after_the_registry_grows(monkeypatch):
    from wasteless.units import parse_units

    first = parse_units("ug/m3")
    # what ureg.define(...) does to the key: one more unit (here only seen, not defined)
    monkeypatch.setitem(ureg._units, "wasteless_test_unit", ureg._units["meter"])
    again = parse_units("ug/m3")
    assert again is not first
    assert again == first


# --- validated once at the edges: the scalar fast path and the monotone proof ------------


def test_the_fast_quantity_is_the_quantity_pint_builds():
    from wasteless.units import _new_quantity

    built = _new_quantity(2.5, ureg.Unit("tyre/m**2")._units)
    assert type(built) is type(Q_(2.5, "tyre/m**2"))
    assert built == Q_(2.5, "tyre/m**2")
    assert built.units == ureg.Unit("tyre/m**2")
    assert built.magnitude == 2.5
    assert type(built.magnitude) is float
    assert repr(built) == repr(Q_(2.5, "tyre/m**2"))
    assert (built * 2).to("tyre/km**2") == Q_(5.0e6, "tyre/km**2")


@given(
    st.floats(0.0, 1e12, allow_subnormal=True),
    st.sampled_from(["m**2", "km**2", "hectare", "ft**2"]),
)
def test_the_scalar_fast_path_gives_the_general_paths_bits(x, unit):
    area = Q_(x, unit)
    first = paving.tyres_for_area(area)  # fills the unit's factor on the general path
    again = paving.tyres_for_area(area)  # the fast path
    general = paving.tyres_for_area(Q_(np.array([x]), unit))[0]  # never the fast path
    assert again.magnitude == first.magnitude == general.magnitude
    assert again.units == first.units == general.units


@given(
    st.one_of(st.floats(-1e12, 1e12, allow_subnormal=True), st.integers(-(10**9), 10**9)),
    st.sampled_from(
        [("m**2", "m**2"), ("km**2", "m**2"), ("mg/m3", "ug/m**3"), ("percent", ""), ("t", "kg")]
    ),
    st.booleans(),
)
def test_magnitude_in_a_scalar_gives_the_general_paths_bits(x, units, positive):
    from wasteless.units import magnitude_in

    given, target = units
    try:  # one element of an array: never the scalar shortcut
        general = float(magnitude_in(Q_(np.array([x], dtype=float), given), target)[0])
    except InputError:
        general = None
    if general is not None and positive and not general > 0:
        general = None
    try:
        scalar = magnitude_in(Q_(x, given), target, positive=positive)
    except InputError:
        scalar = None
    assert (scalar is None) == (general is None)
    if scalar is not None:
        assert type(scalar) is float
        assert scalar == general
        assert math.copysign(1, scalar) == math.copysign(1, general)


@pytest.mark.parametrize(
    ("value", "match"),
    [
        (Q_(math.nan, "m**2"), "finite"),
        (Q_(math.inf, "km**2"), "finite"),
        (Q_(-1.0, "m**2"), "> 0"),
        (Q_(0, "m**2"), "> 0"),
        (Q_(1.0, "m"), None),
    ],
)
def test_magnitude_in_a_scalar_refuses_what_the_general_path_refuses(value, match):
    from wasteless.errors import UnitsError
    from wasteless.units import magnitude_in

    error = InputError if match else UnitsError
    with pytest.raises(error, match=match):
        magnitude_in(value, "m**2", "area", positive=True)
    assert magnitude_in(Q_(20, "degC"), "K") == 293.15  # an offset unit: pint's rules


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
def test_the_scalar_fast_path_refuses_what_the_general_path_refuses(bad):
    paving.tyres_for_area(Q_(1.0, "km**2"))  # the unit's factor is cached
    with pytest.raises(InputError, match="area must be"):
        paving.tyres_for_area(Q_(bad, "km**2"))


def test_the_scalar_fast_path_refuses_an_overflow():
    paving.area_for_tyres(Q_(1.0, "tyre"))
    with pytest.raises(InputError, match="overflows float64"):
        paving.area_for_tyres(Q_(1e308, "tyre"))


def test_a_monotone_model_still_refuses_an_array_that_overflows():
    tyres = Q_(np.array([1.0, 1e308, 2.0]), "tyre")
    with pytest.raises(InputError, match="overflows float64"):
        paving.area_for_tyres(tyres)


def test_a_monotone_model_does_not_read_its_result_again(monkeypatch):
    from wasteless import units

    def unexpected(*args):
        raise AssertionError("the result was scanned")

    monkeypatch.setattr(units, "_check_result", unexpected)
    area = Q_(np.linspace(0.0, 1e6, 1001), "m**2")
    assert paving.tyres_for_area(area).magnitude[-1] > 0


def test_monotone_needs_inputs_that_cannot_be_negative_or_nan():
    with pytest.raises(TypeError, match="monotone"):

        @unit_function("m", monotone=True, allow_negative=("x",), x="m")
        def shift(x):
            return x


# --- messages speak the caller's language (issue 16, item 6) -----------------------------


def test_a_bare_number_error_suggests_only_arguments_the_function_has():
    from wasteless import air

    with pytest.raises(MissingUnitsError) as info:
        air.relative_reduction(81, 43)
    message = str(info.value)
    assert "units=" not in message  # relative_reduction has no units argument
    assert "Q_(81, " in message
    assert "requires a quantity with units" in message


def test_units_given_for_a_list_say_that_a_list_has_no_years():
    from wasteless import air

    with pytest.raises(InputError, match="a list has no index: give a pandas Series"):
        air.keeps_falling([50, 45, 44, 40], units="ug/m3")


def test_a_string_is_told_to_be_parsed_with_q():
    with pytest.raises(MissingUnitsError, match=r"given a string.*Q_\('350000 m\*\*2'\)"):
        paving.tyres_for_area("350000 m**2")
    assert paving.tyres_for_area(Q_("350000 m**2")) == paving.tyres_for_area(Q_(350000, "m**2"))


def test_a_composed_model_checks_its_input_once(monkeypatch):
    from wasteless import carbon, units

    area = Q_(np.linspace(0.0, 1e6, 101), "m**2")
    tyres = paving.tyres_for_area(area)  # checked here
    scans = []
    original = units._check_values
    monkeypatch.setattr(units, "_check_values", lambda *a: scans.append(a[0].name) or original(*a))
    carbon.co2_avoided(tyres)  # the model's own result, unchanged: not scanned again
    assert scans == []
    carbon.co2_avoided(Q_(tyres.magnitude.copy(), "tyre"))  # the same numbers, a user's
    assert scans == ["tyres"]


def test_a_proven_result_cannot_be_changed_behind_the_next_models_back():
    from wasteless import carbon, units

    tyres = paving.tyres_for_area(Q_(np.array([1.0, 2.0]), "m**2"))
    with pytest.raises(ValueError, match="read-only"):
        tyres.magnitude[0] = -5.0
    # nor unlocked, changed and locked again with the mark still on it (a -5 went through
    # co2_avoided unchecked when the result was a plain read-only array)
    with pytest.raises(ValueError, match="cannot set WRITEABLE flag"):
        tyres.magnitude.flags.writeable = True
    with pytest.raises(ValueError, match="cannot set WRITEABLE flag"):
        tyres.magnitude.view().flags.writeable = True
    assert units._proven_peak(tyres, tyres.magnitude) == 2.0 * paving.tyres_per_area().m
    changed = tyres.magnitude.copy()  # the way to change the numbers: a copy, unmarked
    changed[0] = -5.0
    with pytest.raises(InputError, match="tyres must be >= 0"):
        carbon.co2_avoided(Q_(changed, "tyre"))
    assert units._proven_peak(Q_(changed, "tyre"), changed) is None
