"""Sewage-treatment rate, reclaimed-water utilisation and the volume a target needs."""

import numpy as np
import pandas as pd
import pint_pandas  # noqa: F401
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wasteless import Q_, units
from wasteless.errors import InputError, MissingUnitsError, UnitsError
from wasteless.water import reclaimed_utilisation, reclaimed_volume_for_target, treatment_rate

flows = st.floats(min_value=1e-3, max_value=1e9, allow_nan=False, allow_infinity=False)
fractions = st.floats(min_value=0.0, max_value=1.0)
shares = st.floats(min_value=1e-6, max_value=1.0)


def test_treatment_rate_by_hand():
    assert treatment_rate(Q_(92, "m**3/d"), Q_(100, "m**3/d")).to("percent").magnitude == (
        pytest.approx(92.0)
    )
    assert treatment_rate(Q_(1, "m**3/d"), Q_(1, "m**3/d")).magnitude == pytest.approx(100.0)


@given(treated=flows, share=shares)
def test_unit_invariance(treated, share):
    # m3/d vs 万 m3/d vs t/d (water context: 1 t = 1 m3) vs ML/d vs 亿 m3/a
    discharged = treated / share
    reference = treatment_rate(Q_(treated, "m**3/d"), Q_(discharged, "m**3/d")).magnitude
    variants = [
        (Q_(treated / 1e4, "万 m**3/d"), Q_(discharged / 1e4, "万 m**3/d")),
        (Q_(treated, "t/d"), Q_(discharged, "m**3/d")),
        (Q_(treated / 1e3, "ML/d"), Q_(discharged, "t/d")),
        (Q_(treated, "m**3/d").to("亿 m**3/a"), Q_(discharged, "m**3/d").to("亿 m**3/a")),
    ]
    for a, b in variants:
        assert treatment_rate(a, b).magnitude == pytest.approx(reference, rel=1e-9)


@given(treated=flows, share=fractions)
def test_ratio_bounds(treated, share):
    rate = reclaimed_utilisation(Q_(treated * share, "m**3/d"), Q_(treated, "m**3/d"))
    assert 0.0 <= rate.magnitude <= 100.0
    assert rate.units == units.ureg.percent


@given(treated=flows, target=fractions)
def test_volume_for_target_inverts_utilisation(treated, target):
    volume = reclaimed_volume_for_target(Q_(treated, "万 m**3/d"), target)
    back = reclaimed_utilisation(volume, Q_(treated, "万 m**3/d"))
    assert back.to("").magnitude == pytest.approx(target, rel=1e-12, abs=1e-12)
    as_percent = reclaimed_volume_for_target(Q_(treated, "万 m**3/d"), Q_(100 * target, "percent"))
    assert as_percent.magnitude == pytest.approx(volume.magnitude, rel=1e-12, abs=1e-300)


def test_equal_flows_in_other_units_are_100_percent():
    # 0.3 万 m3/d is 3000 m3/d, but not exactly in floating point
    rate = treatment_rate(Q_(0.3, "万 m**3/d"), Q_(3000, "m**3/d"))
    assert rate.magnitude == 100.0


def test_treated_above_discharged_explains_and_can_be_capped():
    with pytest.raises(InputError, match=r"treated exceeds discharged.*infiltration.*cap=True"):
        treatment_rate(Q_(105, "m**3/d"), Q_(100, "m**3/d"))
    capped = treatment_rate(Q_(105, "m**3/d"), Q_(100, "m**3/d"), cap=True)
    assert capped.magnitude == pytest.approx(100.0)
    with pytest.raises(InputError, match="reclaimed_used exceeds treated"):
        reclaimed_utilisation(Q_(2, "m**3/d"), Q_(1, "m**3/d"))


@pytest.mark.parametrize(
    ("treated", "discharged", "error", "message"),
    [
        (92.0, Q_(100, "m**3/d"), MissingUnitsError, "treated requires"),
        (Q_(92, "m**3"), Q_(100, "m**3/d"), UnitsError, "treated requires"),
        (Q_(92, "kg"), Q_(100, "m**3/d"), UnitsError, "1 t = 1 m³"),
        (Q_(-1, "m**3/d"), Q_(100, "m**3/d"), InputError, "treated must be >= 0"),
        (Q_(1, "m**3/d"), Q_(float("nan"), "m**3/d"), InputError, "discharged must be finite"),
        (Q_(0, "m**3/d"), Q_(0, "m**3/d"), InputError, "discharged must be > 0"),
    ],
)
def test_bad_input(treated, discharged, error, message):
    with pytest.raises(error, match=message):
        treatment_rate(treated, discharged)


def test_bad_target():
    with pytest.raises(InputError, match="target must be a ratio"):
        reclaimed_volume_for_target(Q_(1, "m**3/d"), 30)
    with pytest.raises(InputError, match="cannot exceed 100 %"):
        reclaimed_volume_for_target(Q_(1, "m**3/d"), Q_(130, "percent"))


def test_arrays_and_yearly_series():
    treated = Q_(np.array([90.0, 95.0, 100.0]), "m**3/d")
    discharged = Q_(np.array([100.0, 100.0, 100.0]), "m**3/d")
    np.testing.assert_allclose(treatment_rate(treated, discharged).magnitude, [90, 95, 100])
    years = pd.Index([2018, 2019, 2020], name="year")
    t = pd.Series([90.0, 95.0, 100.0], index=years, dtype="pint[万 m**3/d]")
    d = pd.Series([100.0, 100.0, 100.0], index=years, dtype="pint[万 m**3/d]")
    rate = treatment_rate(t, d)
    assert rate.index.equals(years)
    assert rate.pint.magnitude.tolist() == pytest.approx([90.0, 95.0, 100.0])
    with pytest.raises(InputError, match="index differs"):
        treatment_rate(t, d.set_axis([2017, 2018, 2019]))


def test_water_context_is_documented_density():
    assert Q_(1, "t").to("m**3", units.WATER).magnitude == pytest.approx(1.0)
    assert Q_(86.4, "t/d").to("L/s", units.WATER).magnitude == pytest.approx(1.0)
