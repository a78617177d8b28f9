"""Coverage ratios, indicators, targets, progress and the scorecard."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wasteless import Q_, factors, waste
from wasteless.errors import InputError, UnitsError


def test_article_kitchen_waste_32_of_32():
    assert waste.coverage(32, 32).to("percent").magnitude == pytest.approx(100.0)


@given(total=st.integers(1, 10_000), data=st.data())
def test_coverage_bounds_and_scale(total, data):
    covered = data.draw(st.integers(0, total))
    value = waste.coverage(covered, total).magnitude
    assert 0.0 <= value <= 100.0
    assert value == pytest.approx(100.0 * covered / total)
    assert waste.coverage(covered * 3, total * 3).magnitude == pytest.approx(value)


@pytest.mark.parametrize(
    ("covered", "total", "message"),
    [
        (33, 32, "cannot exceed total"),
        (-1, 32, "covered must be >= 0"),
        (31.5, 32, "whole number"),
        (1, 0, "total must be > 0"),
        (True, 32, "whole number"),
        ("32", 32, "whole number"),
        (float("nan"), 32, "finite"),
        ([1, 2], [3, 4, 5], "same shape"),
    ],
)
def test_coverage_bad_input(covered, total, message):
    with pytest.raises(InputError, match=message):
        waste.coverage(covered, total)


def test_coverage_arrays():
    np.testing.assert_allclose(waste.coverage([32, 30], [32, 40]).magnitude, [100.0, 75.0])


def test_etown_targets_are_sourced():
    targets = waste.etown_targets()
    expected = {
        "sewage_treatment_rate": 100.0,
        "reclaimed_water_utilisation": 30.0,
        "household_waste_recycling_rate": 40.0,
        "construction_waste_utilisation_rate": 45.0,
        "prefabricated_building_share": 30.0,
        "green_building_share": 90.0,
    }
    assert {code: t.value.to("percent").magnitude for code, t in targets.items()} == expected
    for target in targets.values():
        assert target.source
        assert target.quality in factors.QUALITY_TAGS
        assert target.indicator.name_zh
        assert target.indicator.name_en
    # the factor sheet gives no year for the two building shares: none is invented
    assert targets["green_building_share"].year is None
    assert targets["reclaimed_water_utilisation"].year == 2020
    assert targets["reclaimed_water_utilisation"].indicator.quality == "A"  # denominator assumed


def test_progress_relations_at_the_boundary():
    target = waste.etown_targets()["reclaimed_water_utilisation"]  # >= 30 %
    assert waste.progress(target, Q_(30, "percent")).met
    assert not waste.progress(target, Q_(29.999, "percent")).met
    assert waste.progress(target, 0.30).met  # a fraction
    result = waste.progress(target, Q_(26.5, "percent"))
    assert result.gap.to("percent").magnitude == pytest.approx(-3.5)  # percentage points


def test_progress_errors():
    target = waste.etown_targets()["sewage_treatment_rate"]
    with pytest.raises(InputError, match="fraction"):
        waste.progress(target, 98.5)
    with pytest.raises(UnitsError):
        waste.progress(target, Q_(98.5, "m**3"))
    with pytest.raises(InputError, match="finite"):
        waste.progress(target, Q_(float("nan"), "percent"))


def test_target_validation():
    indicator = waste.indicators()["green_building_share"]
    with pytest.raises(InputError, match="relation"):
        waste.Target(indicator, Q_(90, "percent"), "about")
    with pytest.raises(InputError, match="Quantity"):
        waste.Target(indicator, 90, ">=")
    with pytest.raises(InputError, match="better"):
        waste.Indicator("x", "x", "x", "percent", "more")


def test_scorecard():
    card = waste.scorecard(
        {
            "sewage_treatment_rate": Q_(100, "percent"),
            "reclaimed_water_utilisation": Q_(26.5, "percent"),
            "green_building_share": None,
        }
    )
    assert len(card) == 6
    assert bool(card.loc["sewage_treatment_rate", "met"]) is True
    assert bool(card.loc["reclaimed_water_utilisation", "met"]) is False
    assert card.loc["reclaimed_water_utilisation", "gap"] == pytest.approx(-3.5)
    assert card["met"].isna().sum() == 4  # not checkable without a value
    with pytest.raises(InputError, match="no target"):
        waste.scorecard({"pm25": Q_(43, "ug/m3")})
