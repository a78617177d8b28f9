"""Model inputs: NaN, infinities and negatives are refused, and nothing else is.

Every model input is checked for NaN, +/-inf and negative values in one pass over the
array (wasteless/units.py reads the float64 bits as unsigned integers). These properties
test that check through the public API only, against the plain NumPy statement of the
rule: an input is refused exactly when ``not (np.isfinite(a).all() and (a >= 0).all())``.
-0.0 compares equal to 0.0, so it passes that rule and must be accepted; a NaN with its
sign bit set must be refused like any NaN.
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from wasteless import Q_, carbon, paving
from wasteless.errors import InputError

NEGATIVE_NAN = float(np.copysign(np.nan, -1))
LARGEST = float(np.finfo(np.float64).max)
SMALLEST_NORMAL = float(np.finfo(np.float64).tiny)
SPECIAL = [
    0.0,
    -0.0,
    np.nan,
    NEGATIVE_NAN,
    np.inf,
    -np.inf,
    5e-324,  # the smallest subnormal
    -5e-324,
    SMALLEST_NORMAL,
    -SMALLEST_NORMAL,
    LARGEST,
    -LARGEST,
    1.0,
    -1.0,
]

# Special values often, any float64 (including NaNs with other payloads) the rest of the time.
values = st.one_of(st.sampled_from(SPECIAL), st.floats(allow_subnormal=True, width=64))
shapes = hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=6)
arrays = hnp.arrays(np.float64, shapes, elements=values)

# How the array reaches the model: as built, Fortran-ordered, or a strided or reversed view.
LAYOUTS = {
    "as built": lambda a: a,
    "fortran": np.asfortranarray,
    "strided": lambda a: a[..., ::2],
    "reversed": lambda a: a[..., ::-1],
}

# Public models whose inputs are counts or areas (never negative), with the unit they
# take. Each multiplies by less than 1, so the largest float stays finite in the result.
MODELS = [
    pytest.param(paving.tyres_for_area, "area", "m**2", id="paving.tyres_for_area"),
    pytest.param(carbon.co2_avoided, "tyres", "tyre", id="carbon.co2_avoided"),
    pytest.param(carbon.combustion_co2, "tyres", "tyre", id="carbon.combustion_co2"),
]


def refused_by_hand(a):
    a = np.asarray(a, dtype=np.float64)
    return not (np.isfinite(a).all() and (a >= 0).all())


def check_against_the_rule(func, name, given, magnitude):
    """Call ``func(given)``: it must raise InputError exactly when the plain rule says so."""
    a = np.asarray(magnitude, dtype=np.float64)
    if refused_by_hand(a):
        with pytest.raises(InputError) as raised:
            func(given)
        message = str(raised.value)
        assert name in message  # the error names the argument
        # When only one rule is broken, the message says which one.
        if not (a < 0).any():  # NaN or +inf only
            assert "finite" in message, message
        elif np.isfinite(a).all():  # finite, some negative
            assert ">= 0" in message, message
    else:
        result = func(given)
        if isinstance(result, pd.Series):
            assert result.index.equals(given.index)
            result = result.pint.magnitude.to_numpy()
        else:
            result = result.magnitude
        assert np.shape(result) == a.shape
        assert np.isfinite(result).all()
        assert (np.asarray(result) >= 0).all()


@pytest.mark.parametrize(("func", "name", "unit"), MODELS)
@given(data=arrays, layout=st.sampled_from(sorted(LAYOUTS)))
@example(data=np.array([-0.0]), layout="as built")
@example(data=np.array([-0.0, 0.0, 1.0]), layout="as built")
@example(data=np.array([NEGATIVE_NAN]), layout="as built")
@example(data=np.array([1.0, NEGATIVE_NAN, 2.0]), layout="as built")
@example(data=np.array([np.nan]), layout="as built")
@example(data=np.array([np.inf]), layout="as built")
@example(data=np.array([-np.inf]), layout="as built")
@example(data=np.array([5e-324, LARGEST]), layout="as built")
@example(data=np.array([-5e-324]), layout="as built")
@example(data=np.array([-LARGEST]), layout="as built")
@example(data=np.array([-0.0, -5e-324, np.inf, NEGATIVE_NAN]), layout="as built")
@example(data=np.array([0.0, -0.0, 5e-324, LARGEST, -1.0]), layout="reversed")
@example(data=np.array([1.0, -1.0, 2.0, 3.0]), layout="strided")  # the -1.0 is skipped
@example(data=np.array([]), layout="as built")
@example(data=np.zeros((0, 3)), layout="fortran")
def test_arrays_are_refused_exactly_when_not_finite_and_non_negative(
    func, name, unit, data, layout
):
    a = LAYOUTS[layout](data)
    before = a.tobytes()
    check_against_the_rule(func, name, Q_(a, unit), a)
    assert a.tobytes() == before  # the input is never modified


@pytest.mark.parametrize(("func", "name", "unit"), MODELS)
@given(value=values, container=st.sampled_from(["float", "numpy scalar", "0-d array"]))
@example(value=-0.0, container="float")
@example(value=NEGATIVE_NAN, container="float")
@example(value=NEGATIVE_NAN, container="numpy scalar")
@example(value=-5e-324, container="float")
@example(value=5e-324, container="0-d array")
@example(value=LARGEST, container="float")
@example(value=-np.inf, container="numpy scalar")
def test_scalars_are_refused_exactly_when_not_finite_and_non_negative(
    func, name, unit, value, container
):
    given_value = {
        "float": float(value),
        "numpy scalar": np.float64(value),
        "0-d array": np.array(value),
    }[container]
    check_against_the_rule(func, name, Q_(given_value, unit), value)
    if not refused_by_hand(value):
        assert np.ndim(func(Q_(given_value, unit)).magnitude) == 0  # a scalar stays scalar


@given(data=hnp.arrays(np.float64, st.integers(0, 8), elements=values))
@example(data=np.array([-0.0, NEGATIVE_NAN]))
@example(data=np.array([-0.0, 5e-324]))
def test_pint_series_are_refused_exactly_when_not_finite_and_non_negative(data):
    series = pd.Series(data, dtype="pint[m**2]")
    check_against_the_rule(paving.tyres_for_area, "area", series, data)


# --- the array fast path of a monotone model gives the general path's outcome -----------
#
# A float64 ndarray Quantity passed positionally, in the kernel's own unit, takes the fast
# path of unit_function once that unit has been seen; the same Quantity passed by keyword
# always takes the general path. Both must give the same bits, the same proof mark and the
# same error message, for every input.

MONOTONE = [
    pytest.param(paving.tyres_for_area, "area", "m**2", id="paving.tyres_for_area"),
    pytest.param(paving.area_for_tyres, "tyres", "tyre", id="paving.area_for_tyres"),  # x 3.6
    pytest.param(carbon.co2_avoided, "tyres", "tyre", id="carbon.co2_avoided"),
    pytest.param(carbon.combustion_co2, "tyres", "tyre", id="carbon.combustion_co2"),
]
OTHER_UNIT = {"m**2": "km**2", "tyre": "万 tyre"}
INPUT_LAYOUTS = {
    **LAYOUTS,
    "read-only": lambda a: _read_only(a.copy()),
    "2-d transposed": lambda a: a.reshape(1, -1).T,
    "float32": lambda a: _cast(a, np.float32),
    "int64": lambda a: _cast(
        np.nan_to_num(a, posinf=1e18, neginf=-1e18).clip(-1e18, 1e18), np.int64
    ),
    "big-endian": lambda a: a.astype(">f8"),
}


def _read_only(a):
    a.flags.writeable = False
    return a


def _cast(a, dtype):
    with np.errstate(all="ignore"):  # float32 overflows to inf: a value to refuse
        return a.astype(dtype)


def _outcome(call):
    try:
        return "result", call()
    except (InputError, RuntimeWarning) as error:  # a conversion's overflow warns first
        return "error", f"{type(error).__name__}: {error}"


def _proof(result):
    from wasteless import units

    peak = units._proven_peak(result, result.magnitude)
    return None if peak is None else np.float64(peak).tobytes()


def assert_fast_is_general(func, name, given):
    fast = _outcome(lambda: func(given))
    general = _outcome(lambda: func(**{name: given}))
    assert fast[0] == general[0]
    if fast[0] == "error":
        assert fast[1] == general[1]
        return
    f, g = fast[1], general[1]
    assert type(f) is type(g)
    assert f.units == g.units
    assert type(f.magnitude) is type(g.magnitude)
    if isinstance(f.magnitude, float):
        assert np.float64(f.magnitude).tobytes() == np.float64(g.magnitude).tobytes()
        return
    assert f.magnitude.dtype == g.magnitude.dtype
    assert f.magnitude.shape == g.magnitude.shape
    assert f.magnitude.strides == g.magnitude.strides
    assert f.magnitude.tobytes() == g.magnitude.tobytes()  # bit for bit (-0.0 included)
    assert f.magnitude.flags.writeable == g.magnitude.flags.writeable
    assert _proof(f) == _proof(g)


@pytest.mark.parametrize(("func", "name", "unit"), MONOTONE)
@given(
    data=hnp.arrays(np.float64, st.integers(0, 40), elements=values),
    layout=st.sampled_from(sorted(INPUT_LAYOUTS)),
)
@example(data=np.array([1.0, 2.0, -1.0]), layout="as built")  # the last element bad
@example(data=np.array([1.0, np.nan, 2.0]), layout="as built")  # one in the middle
@example(data=np.array([2.0, 1.0, np.inf]), layout="read-only")
@example(data=np.array([-0.0, 1.0]), layout="as built")  # allowed, but gives no peak
@example(data=np.array([-5e-324, 1.0]), layout="as built")
@example(data=np.array([NEGATIVE_NAN]), layout="as built")
@example(data=np.array([1.0, LARGEST]), layout="as built")  # area_for_tyres overflows
@example(data=np.array([5e-324]), layout="as built")
@example(data=np.array([]), layout="as built")
def test_the_array_fast_path_gives_the_general_paths_outcome(func, name, unit, data, layout):
    func(Q_(np.array([1.0]), unit))  # the unit is seen: its factor is cached
    a = INPUT_LAYOUTS[layout](data)
    before = a.tobytes()
    assert_fast_is_general(func, name, Q_(a, unit))
    assert_fast_is_general(func, name, Q_(a.reshape(()) if a.size == 1 else a, unit))  # 0-d
    assert_fast_is_general(func, name, Q_(a, OTHER_UNIT[unit]))  # converted: general path
    assert a.tobytes() == before


@given(data=hnp.arrays(np.float64, st.integers(1, 40), elements=values))
@example(data=np.array([1.0, LARGEST]))
@example(data=np.array([-0.0, 3.0]))
def test_the_array_fast_path_takes_a_proven_result_as_the_general_path_does(data):
    tyres = _outcome(lambda: paving.tyres_for_area(Q_(data, "m**2")))
    if tyres[0] == "result":
        for func in (carbon.co2_avoided, paving.area_for_tyres):
            assert_fast_is_general(func, "tyres", tyres[1])


def test_the_array_fast_path_is_taken_and_sends_other_arrays_down_the_general_path(
    monkeypatch,
):
    from wasteless import units

    area = Q_(np.linspace(0.0, 1e6, 11), "m**2")
    paving.tyres_for_area(area)  # the unit is seen
    calls = []
    original = units._convert
    monkeypatch.setattr(units, "_convert", lambda *a: calls.append(a[1]) or original(*a))
    expected = area.magnitude * paving.tyres_per_area().magnitude
    assert paving.tyres_for_area(area).magnitude.tolist() == expected.tolist()
    assert calls == []  # the fast path
    others = [
        Q_(area.magnitude.astype(np.float32), "m**2"),
        Q_(area.magnitude.astype(">f8"), "m**2"),
        Q_(np.array(2.0), "m**2"),
        Q_(np.array([]), "m**2"),
        area.to("km**2"),  # a unit to convert from
        Q_(np.ma.masked_array([1.0, 2.0]), "m**2"),
    ]
    for other in others:
        paving.tyres_for_area(other)
    assert len(calls) == len(others)


def test_the_array_fast_path_with_drawn_parameters_gives_the_general_paths_outcome():
    from wasteless import uncertainty

    draws = uncertainty.draw("literature", 64, seed=1)
    area = Q_(np.linspace(0.0, 1e6, 64), "m**2")
    paving.tyres_for_area(area)
    fast = paving.tyres_for_area(area, draws.preset)
    general = paving.tyres_for_area(area=area, params=draws.preset)
    assert fast.magnitude.tobytes() == general.magnitude.tobytes()
    assert _proof(fast) == _proof(general)
