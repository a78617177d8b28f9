"""wasteless.waste.streams: streams by fraction and route, generation, regional defaults.

Expected values are hand derivations written out in each test, the IPCC reference
sheet's numbers (reference/ipcc-waste-factors.md §3) and the What a Waste 2.0 README's
Beijing figures; properties (mass balance, linearity, unit invariance) by hypothesis.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pint
import pytest
from framecheck import assert_series_equal
from hypothesis import given, settings
from hypothesis import strategies as st

from wasteless import Q_
from wasteless.errors import InputError, MissingUnitsError, NotFoundError, UnitsError
from wasteless.waste.fractions import FRACTIONS, ROUTES
from wasteless.waste.streams import (
    COMPOSITION_REGIONS,
    DEFAULT_TOLERANCE,
    Stream,
    composition_factors,
    generation,
    regional_composition,
    stream,
)

# What a Waste 2.0, Beijing (README of ../shared/data/what-a-waste): 7,903,000 t a year
BEIJING_COMPOSITION = {
    "food": Q_(63.4, "percent"),
    "paper": Q_(11.1, "percent"),
    "plastics": Q_(12.7, "percent"),
    "wood": Q_(1.8, "percent"),
    "rubber_leather": Q_(2.5, "percent"),
    "glass": Q_(1.6, "percent"),
    "metal": Q_(0.3, "percent"),
    "other": Q_(6.6, "percent"),
}
BEIJING_ROUTES = {
    "landfill_managed_anaerobic": Q_(90, "percent"),
    "incineration": Q_(8, "percent"),
    "composting": Q_(2, "percent"),
}
YEARS = [2020, 2021, 2022]


def tonnes(value):
    """Magnitude in tonnes of a Quantity or a pint Series/DataFrame (as floats)."""
    if isinstance(value, pd.DataFrame):
        return np.column_stack([tonnes(value[c]) for c in value.columns])
    if isinstance(value, pd.Series):
        return np.asarray(value.pint.to("t").pint.magnitude, dtype=np.float64)
    return value.to("t").magnitude


def yearly(values, units="t", years=YEARS):
    return pd.Series(np.asarray(values, dtype=np.float64), index=years, dtype=f"pint[{units}]")


# --- values from outside the code --------------------------------------------------------


def test_beijing_by_hand():
    s = stream(Q_(7_903_000, "t"), BEIJING_COMPOSITION, BEIJING_ROUTES)
    landfill = s.to_route("landfill_managed_anaerobic")
    # 7,903,000 t × 63.4 % food × 90 % landfill = 4,509,451.8 t
    assert tonnes(landfill["food"]) == pytest.approx(7_903_000 * 0.634 * 0.9, rel=1e-12)
    assert tonnes(landfill["food"]) == pytest.approx(4_509_451.8, rel=1e-12)
    # routes: 8 % × 7,903,000 = 632,240 t incinerated, 2 % = 158,060 t composted
    routes = s.by_route()
    assert tonnes(routes["incineration"]) == pytest.approx(632_240.0, rel=1e-12)
    assert tonnes(routes["composting"]) == pytest.approx(158_060.0, rel=1e-12)
    # no textiles in What a Waste: zero mass, not an error
    assert tonnes(s.by_fraction()["textiles"]) == 0.0
    assert tonnes(s.total) == pytest.approx(7_903_000.0, rel=1e-12)
    assert s.notes == ()  # Beijing's shares sum to exactly 100 %


def test_kitchen_waste_separated_to_digestion_by_hand():
    # 60 % of Beijing's food waste separated to digestion, the rest unchanged:
    # digestion gets 0.6 × 0.634 × 7,903,000 = 3,006,301.2 t; landfill keeps
    # 0.9 × 7,903,000 − 0.6 × 0.9 × 0.634 × 7,903,000 = 7,112,700 − 2,705,671.08 t
    s = stream(Q_(7_903_000, "t"), BEIJING_COMPOSITION, BEIJING_ROUTES)
    moved = s.move("food", to="anaerobic_digestion", share=Q_(60, "percent"))
    routes = moved.by_route()
    assert tonnes(routes["anaerobic_digestion"]) == pytest.approx(3_006_301.2, rel=1e-12)
    assert tonnes(routes["landfill_managed_anaerobic"]) == pytest.approx(
        7_112_700.0 - 2_705_671.08, rel=1e-12
    )
    assert tonnes(moved.total) == pytest.approx(7_903_000.0, rel=1e-14)
    assert moved.notes[-1] == "moved 60 % of food to anaerobic_digestion"
    assert s.by_route()["anaerobic_digestion"].magnitude == 0.0  # the original is unchanged


def test_generation_by_hand():
    # 1.06 kg per person per day × 20,384,000 people × 365.25 days (pint's year) / 1000
    got = generation(Q_(1.06, "kg/day"), 20_384_000)
    assert got.to("t/year").magnitude == pytest.approx(1.06 * 20_384_000 * 365.25 / 1000)
    # IPCC default for CN, 0.37 t/cap/yr (reference sheet §3) × 2038.4 万 people
    got = generation(Q_(0.37, "t/year"), Q_(2038.4, "万"))
    assert got.to("t/year").magnitude == pytest.approx(0.37 * 20_384_000)


def test_generation_gives_beijings_total_back():
    # What a Waste: 7,903,000 t for 20,384,000 people = 0.38771... t per person a year
    rate = Q_(7_903_000 / 20_384_000, "t/year")
    assert generation(rate, 20_384_000).to("t/year").magnitude == pytest.approx(7_903_000)


def test_generation_series_in_series_out():
    rate = yearly([1.0, 1.1, 1.2], "kg/day")
    people = pd.Series([1e6, 1.1e6, 1.2e6], index=YEARS)
    got = generation(rate, people)
    assert isinstance(got, pd.Series)
    assert list(got.index) == YEARS
    expected = np.array([1.0e6, 1.21e6, 1.44e6]) * 365.25 / 1000
    np.testing.assert_allclose(got.pint.to("t/year").pint.magnitude, expected, rtol=1e-12)
    # a scalar rate over a population series keeps the population's index
    got = generation(Q_(1.0, "kg/day"), people)
    assert list(got.index) == YEARS
    # arrays give arrays
    got = generation(Q_(np.array([1.0, 2.0]), "kg/day"), 1000)
    np.testing.assert_allclose(got.to("kg/day").magnitude, [1000.0, 2000.0])


def test_regional_composition_is_the_reference_sheet():
    # reference sheet §3, BON par_msw_type_frac.csv (2019R Table 2A.2), wet weight
    sheet = {
        "eastern_asia": {
            "food": 0.403, "garden": 0.0, "paper": 0.204, "wood": 0.021, "textiles": 0.010,
            "rubber_leather": 0.0, "plastics": 0.065, "metal": 0.027, "glass": 0.043,
            "other": 0.229, "nappies": 0.0,
        },
        "china": {
            "food": 0.591, "paper": 0.085, "wood": 0.016, "textiles": 0.041,
            "rubber_leather": 0.0, "plastics": 0.130, "metal": 0.011, "glass": 0.041,
            "other": 0.085, "nappies": 0.0,
        },
    }  # fmt: skip
    assert set(COMPOSITION_REGIONS) == set(sheet)
    for region, shares in sheet.items():
        got = regional_composition(region)
        assert list(got.index) == list(FRACTIONS)
        for fraction in FRACTIONS:
            value = got[fraction].to("").magnitude
            if fraction in shares:
                assert value == pytest.approx(shares[fraction], abs=1e-12)
            else:
                assert math.isnan(value)  # China's garden: '–' in the carrier, unknown
    # the sheet's derived bulk DOC, with Table 2.4 wet DOC: food 0.15, paper 0.40,
    # wood 0.43, textiles 0.24 -> Eastern Asia 0.153, China 0.139
    doc = {"food": 0.15, "paper": 0.40, "wood": 0.43, "textiles": 0.24}
    for region, bulk in (("eastern_asia", 0.153), ("china", 0.139)):
        got = regional_composition(region)
        total = sum(got[f].to("").magnitude * d for f, d in doc.items())
        assert round(total, 3) == bulk


def test_regional_composition_makes_a_stream_with_a_note():
    # Eastern Asia's shares sum to 100.2 %: accepted (within ±0.5 points), rescaled, noted
    s = stream(Q_(1000, "t"), regional_composition("eastern_asia"), {"incineration": 1.0})
    assert tonnes(s.by_fraction()["food"]) == pytest.approx(1000 * 0.403 / 1.002)
    assert s.notes == (
        "composition summed to 100.2 %; rescaled to 100 % (within the tolerance ±0.5 points)",
    )
    # China leaves garden unknown; the other shares make 100 %: garden is 0, noted
    s = stream(Q_(1000, "t"), regional_composition("china"), {"incineration": 1.0})
    assert tonnes(s.by_fraction()["garden"]) == 0.0
    assert "garden not given (NaN, unknown)" in s.notes[0]


def test_composition_factors_are_sourced_records():
    records = composition_factors("eastern_asia")
    food = records["food"]
    assert (food.value, food.unit, food.tag) == (40.3, "percent", "[S]")
    assert (food.low, food.high) == pytest.approx((40.3 * 0.7, 40.3 * 1.3))
    assert food.distribution == "triangular"
    assert "Table 2A.2" in food.source
    assert "2019 Refinement" in food.source
    assert records["garden"].distribution == "fixed"  # a zero share has no range
    assert "garden" not in composition_factors("china")
    with pytest.raises(NotFoundError, match="china"):
        composition_factors("chin")


# --- properties ------------------------------------------------------------------------

share_lists = st.lists(st.floats(0.01, 1.0), min_size=len(FRACTIONS), max_size=len(FRACTIONS))
route_lists = st.lists(st.floats(0.0, 1.0), min_size=len(ROUTES), max_size=len(ROUTES)).filter(
    lambda r: sum(r) > 0.01
)


def as_shares(values, names):
    total = math.fsum(values)
    return {name: v / total for name, v in zip(names, values, strict=True)}


@settings(max_examples=30)
@given(
    totals=st.lists(st.one_of(st.just(0.0), st.floats(1e-6, 1e9)), min_size=1, max_size=6),
    composition=share_lists,
    default=route_lists,
    food_routes=route_lists,
)
def test_mass_is_conserved(totals, composition, default, food_routes):
    years = list(range(2000, 2000 + len(totals)))
    food_shares = as_shares(food_routes, ROUTES)
    routes = {**as_shares(default, ROUTES), "food": food_shares}
    s = stream(yearly(totals, "t", years), as_shares(composition, FRACTIONS), routes)
    np.testing.assert_allclose(tonnes(s.total), totals, rtol=1e-12)
    np.testing.assert_allclose(s.mass.sum(axis=(1, 2)), totals, rtol=1e-12)
    np.testing.assert_allclose(tonnes(s.by_route()).sum(axis=1), totals, rtol=1e-12)
    # the food split is food's own, the others' the default
    food = s.mass[:, FRACTIONS.index("food"), :]
    expected = food.sum(axis=1)[:, None] * np.array([food_shares[r] for r in ROUTES])
    np.testing.assert_allclose(food, expected, rtol=1e-12, atol=1e-300)


@settings(max_examples=30)
@given(
    total=st.one_of(st.just(0.0), st.floats(1e-6, 1e12)),
    composition=share_lists,
    default=route_lists,
    share=st.one_of(st.just(0.0), st.floats(1e-12, 1.0)),
    fraction=st.sampled_from(FRACTIONS),
    to=st.sampled_from(ROUTES),
)
def test_move_and_with_routes_conserve_every_fraction(
    total, composition, default, share, fraction, to
):
    s = stream(Q_(total, "t"), as_shares(composition, FRACTIONS), as_shares(default, ROUTES))
    before = tonnes(s.by_fraction())
    moved = s.move(fraction, to=to, share=share)
    np.testing.assert_allclose(tonnes(moved.by_fraction()), before, rtol=1e-12, atol=1e-300)
    assert (moved.mass >= 0.0).all()
    # the target route of the fraction got exactly what the other routes lost
    j = FRACTIONS.index(fraction)
    gained = moved.mass[0, j, ROUTES.index(to)] - s.mass[0, j, ROUTES.index(to)]
    others = [k for k, r in enumerate(ROUTES) if r != to]
    source = s.mass[0, j, others].sum()
    lost = source - moved.mass[0, j, others].sum()
    # gained and lost are differences of near values: compare at the fraction's scale
    scale = 1e-12 * s.mass[0, j].sum() + 1e-300
    assert gained == pytest.approx(lost, abs=scale)
    assert gained == pytest.approx(share * source, abs=scale)
    rerouted = s.with_routes({"recycling": 1.0})
    np.testing.assert_allclose(tonnes(rerouted.by_fraction()), before, rtol=1e-12, atol=1e-300)
    assert tonnes(rerouted.by_route()["recycling"]) == pytest.approx(total, rel=1e-12)


@settings(max_examples=30)
@given(total=st.floats(1e-3, 1e9), factor=st.floats(1e-3, 1e3), composition=share_lists)
def test_linear_in_the_total(total, factor, composition):
    shares = as_shares(composition, FRACTIONS)
    one = stream(Q_(total, "t"), shares, {"incineration": 1.0})
    scaled = stream(Q_(total * factor, "t"), shares, {"incineration": 1.0})
    np.testing.assert_allclose(scaled.mass, factor * one.mass, rtol=1e-12)


@settings(max_examples=30)
@given(total=st.floats(1.0, 1e9), food=st.floats(0.0, 100.0))
def test_unit_invariance(total, food):
    reference = stream(
        Q_(total, "t"),
        {"food": Q_(food, "percent"), "other": Q_(100.0 - food, "percent")},
        {"composting": Q_(25, "percent"), "incineration": Q_(75, "percent")},
    )
    variants = [
        stream(
            Q_(total * 1000, "kg"),
            {"food": food / 100, "other": 1 - food / 100},
            {"composting": 0.25, "incineration": 0.75},
        ),
        stream(  # a rate per year is the mass of the year
            Q_(total / 1e6, "Mt/year"),
            {"food": food / 100, "other": (100.0 - food) / 100},
            {"composting": 0.25, "incineration": 0.75},
        ),
        stream(
            None,  # masses instead of shares
            {"food": Q_(total * food / 100, "t"), "other": Q_(total * (100 - food) / 100, "t")},
            {"composting": 0.25, "incineration": 0.75},
        ),
    ]
    for other in variants:
        # the variants spell the shares differently (1 - f/100 is not (100 - f)/100 to the
        # last bit), so a share near 0 differs by about 1e-16 of the total: atol scales
        np.testing.assert_allclose(other.mass, reference.mass, rtol=1e-12, atol=1e-12 * total)


# --- shares that do not sum to 100 % -----------------------------------------------------


def test_tolerance_default_and_rounded_shares():
    assert DEFAULT_TOLERANCE == 0.005
    # 100.4 %: inside ±0.5 points -> rescaled, noted
    s = stream(Q_(100, "t"), {"food": 0.604, "paper": 0.4}, {"incineration": 1.0})
    assert tonnes(s.by_fraction()["food"]) == pytest.approx(100 * 0.604 / 1.004, rel=1e-12)
    assert s.notes == (
        "composition summed to 100.4 %; rescaled to 100 % (within the tolerance ±0.5 points)",
    )
    # 100.6 %: refused, the message names the sum and what to do
    with pytest.raises(InputError, match=r"composition sums to 100\.6 %.*normalise=True"):
        stream(Q_(100, "t"), {"food": 0.606, "paper": 0.4}, {"incineration": 1.0})
    # a wider tolerance, or normalise=True, accepts it (and says so)
    wide = stream(
        Q_(100, "t"),
        {"food": 0.606, "paper": 0.4},
        {"incineration": 1.0},
        tolerance=Q_(1, "percent"),
    )
    assert "within the tolerance ±1 points" in wide.notes[0]
    rescaled = stream(
        Q_(100, "t"), {"food": 0.5, "paper": 0.64}, {"incineration": 1.0}, normalise=True
    )
    assert rescaled.notes == ("composition summed to 114 %; rescaled to 100 % (normalise=True)",)
    assert tonnes(rescaled.by_fraction()["paper"]) == pytest.approx(100 * 0.64 / 1.14)


def test_route_shares_are_checked_the_same_way():
    with pytest.raises(InputError, match=r"routes sums to 90 %"):
        stream(Q_(1, "t"), {"food": 1.0}, {"incineration": 0.5, "composting": 0.4})
    with pytest.raises(InputError, match=r"routes\['food'\] sums to 50 %"):
        stream(Q_(1, "t"), {"food": 1.0}, {"food": {"incineration": 0.5}})


def test_unknown_shares_are_nan_never_silently_zero():
    # paper unknown, the known shares make 100 %: paper is 0, and the notes say so
    s = stream(Q_(10, "t"), {"food": 0.6, "glass": 0.4, "paper": math.nan}, {"recycling": 1})
    assert tonnes(s.by_fraction()["paper"]) == 0.0
    assert s.notes == (
        "composition: paper not given (NaN, unknown), taken as 0 % since the given shares "
        "make up 100 %",
    )
    # the known shares make 95 %: refused, naming the unknown share that may hold the rest
    with pytest.raises(InputError, match=r"95 %.*\(unknown: paper\) may hold the missing 5 %"):
        stream(Q_(10, "t"), {"food": 0.55, "glass": 0.4, "paper": math.nan}, {"recycling": 1})
    with pytest.raises(InputError, match="no known share"):
        stream(Q_(10, "t"), {"food": math.nan}, {"recycling": 1})


def test_tolerance_is_a_bounded_ratio():
    for bad in (0.2, Q_(11, "percent"), -0.1, "0.01", Q_(1, "m")):
        with pytest.raises((InputError, UnitsError), match="tolerance"):
            stream(Q_(1, "t"), {"food": 1.0}, {"recycling": 1}, tolerance=bad)


# --- composition given as masses ---------------------------------------------------------


def test_composition_as_masses():
    s = stream(None, {"food": Q_(600, "kg"), "paper": Q_(0.4, "t")}, {"recycling": 1.0})
    assert tonnes(s.total) == pytest.approx(1.0)
    # a total that agrees (within the tolerance) is checked; the masses are kept
    s = stream(Q_(1.004, "t"), {"food": Q_(600, "kg"), "paper": Q_(0.4, "t")}, {"recycling": 1})
    assert tonnes(s.total) == pytest.approx(1.0)
    assert "the masses are kept" in s.notes[0]
    with pytest.raises(InputError, match="composition masses sum to 1 t but total is 2 t"):
        stream(Q_(2, "t"), {"food": Q_(600, "kg"), "paper": Q_(0.4, "t")}, {"recycling": 1})
    with pytest.raises(InputError, match="mixes masses"):
        stream(None, {"food": Q_(600, "kg"), "paper": 0.4}, {"recycling": 1.0})
    with pytest.raises(InputError, match="total is None"):
        stream(None, {"food": 0.6, "paper": 0.4}, {"recycling": 1.0})


def test_a_dataframe_of_masses_by_year_is_the_to_route_output_fed_back():
    s = stream(yearly([100, 200, 300]), {"food": 0.5, "paper": 0.5}, {"recycling": 1.0})
    deposits = s.to_route("recycling")
    assert list(deposits.index) == YEARS
    assert list(deposits.columns) == list(FRACTIONS)
    again = stream(None, deposits, {"landfill_uncategorised": 1.0})
    np.testing.assert_allclose(tonnes(again.total), [100, 200, 300])
    assert list(again.years) == YEARS


def test_yearly_shares_and_scalar_total():
    # a composition that changes over the years, with a constant total
    food = pd.Series([60.0, 50.0, 40.0], index=YEARS, dtype="pint[percent]")
    paper = pd.Series([40.0, 50.0, 60.0], index=YEARS, dtype="pint[percent]")
    s = stream(Q_(10, "t"), {"food": food, "paper": paper}, {"recycling": 1.0})
    np.testing.assert_allclose(tonnes(s.by_fraction()["food"]), [6.0, 5.0, 4.0])
    np.testing.assert_allclose(tonnes(s.total), [10.0, 10.0, 10.0])
    # and route shares that change: a separation programme ramping up
    ramp = pd.Series([0.0, 0.5, 1.0], index=YEARS)
    moved = s.move("food", to="anaerobic_digestion", share=ramp)
    np.testing.assert_allclose(tonnes(moved.by_route()["anaerobic_digestion"]), [0, 2.5, 4.0])
    assert moved.notes[-1] == "moved a yearly share of food to anaerobic_digestion"


# --- routes ------------------------------------------------------------------------------


def test_routes_by_fraction_with_a_default():
    s = stream(
        Q_(100, "t"),
        {"food": 0.5, "paper": 0.3, "plastics": 0.2},
        {"food": {"anaerobic_digestion": 1.0}, "paper": {"recycling": 0.5, "incineration": 0.5},
         "landfill_managed_anaerobic": 1.0},
    )  # fmt: skip
    routes = s.by_route()
    assert tonnes(routes["anaerobic_digestion"]) == pytest.approx(50.0)
    assert tonnes(routes["recycling"]) == pytest.approx(15.0)
    assert tonnes(routes["landfill_managed_anaerobic"]) == pytest.approx(20.0)
    with pytest.raises(InputError, match="no route for the fraction 'plastics'"):
        stream(Q_(100, "t"), {"food": 0.5, "plastics": 0.5}, {"food": {"recycling": 1.0}})
    # a fraction without mass needs no route
    stream(Q_(100, "t"), {"food": 1.0, "plastics": 0.0}, {"food": {"recycling": 1.0}})


def test_move_options():
    s = stream(
        Q_(100, "t"),
        {"food": 1.0},
        {"landfill_uncategorised": 0.5, "incineration": 0.3, "composting": 0.2},
    )
    only_landfill = s.move(
        "food", "anaerobic_digestion", 1.0, from_routes="landfill_uncategorised"
    )
    routes = only_landfill.by_route()
    assert tonnes(routes["anaerobic_digestion"]) == pytest.approx(50.0)
    assert tonnes(routes["incineration"]) == pytest.approx(30.0)
    assert only_landfill.notes[-1] == (
        "moved 100 % of food to anaerobic_digestion from landfill_uncategorised"
    )
    with pytest.raises(InputError, match="must not include the target"):
        s.move("food", "composting", from_routes=["composting"])
    with pytest.raises(InputError, match="NaN"):
        s.move("food", "composting", share=math.nan)
    with pytest.raises(InputError, match="share must be a ratio in"):
        s.move("food", "composting", share=1.5)
    with pytest.raises(NotFoundError, match="did you mean 'anaerobic_digestion'"):
        s.move("food", "anaerobic_digest")
    with pytest.raises(InputError, match="no years"):
        s.move("food", "composting", share=pd.Series([0.5, 0.5], index=[2020, 2021]))
    yearly_stream = stream(yearly([1, 2, 3]), {"food": 1.0}, {"composting": 1.0})
    with pytest.raises(InputError, match="differ from those of the stream"):
        yearly_stream.move("food", "recycling", share=pd.Series([0.5, 0.5], index=[2020, 2021]))


# --- tables ------------------------------------------------------------------------------


def test_tables_keep_units_and_years():
    s = stream(yearly([100, 200, 300]), {"food": 0.5, "paper": 0.5}, BEIJING_ROUTES)
    total = s.total
    assert isinstance(total, pd.Series)
    assert list(total.index) == YEARS
    assert total.pint.units == pint.get_application_registry().Unit("t")
    frame = s.by_route()
    assert list(frame.columns) == list(ROUTES)
    assert frame.index.name == "year"
    assert all(str(dtype).startswith("pint[metric_ton]") for dtype in frame.dtypes)
    tidy = s.to_frame()
    assert list(tidy.columns) == ["year", "fraction", "route", "mass"]
    assert len(tidy) == 3 * len(FRACTIONS) * len(ROUTES)
    row = tidy[(tidy.year == 2021) & (tidy.fraction == "paper") & (tidy.route == "incineration")]
    assert tonnes(row["mass"]).tolist() == pytest.approx([200 * 0.5 * 0.08])
    # several routes summed: every landfill site type
    landfill = s.to_route([r for r in ROUTES if r.startswith("landfill_")])
    np.testing.assert_allclose(tonnes(landfill["food"]), [45.0, 90.0, 135.0])
    assert "Stream(600 t over 3 year(s) 2020-2022" in repr(s)


def test_nothing_is_mutated_and_the_stream_is_frozen():
    total = yearly([1.0, 2.0, 3.0])
    composition = {"food": pd.Series([0.5, 0.5, 0.5], index=YEARS), "paper": 0.5}
    routes = {"food": {"composting": 1.0}, "recycling": 1.0}
    copies = (total.copy(), composition["food"].copy(), repr(routes))
    s = stream(total, composition, routes)
    s.move("food", "recycling")
    s.with_routes({"incineration": 1.0})
    assert_series_equal(total, copies[0])
    assert_series_equal(composition["food"], copies[1])
    assert repr(routes) == copies[2]
    with pytest.raises(ValueError, match="read-only"):
        s.mass[0, 0, 0] = 5.0
    with pytest.raises(AttributeError):
        s.notes = ()  # type: ignore[misc]


def test_a_stream_built_by_hand_is_checked():
    good = np.zeros((1, len(FRACTIONS), len(ROUTES)))
    assert Stream(good).total.magnitude == 0.0
    with pytest.raises(InputError, match="shape"):
        Stream(np.zeros((1, 3, 3)))
    with pytest.raises(InputError, match="finite masses >= 0"):
        Stream(good - 1.0)
    with pytest.raises(InputError, match="3 years for 1 rows"):
        Stream(good, pd.Index(YEARS))
    with pytest.raises(InputError, match="one row"):
        Stream(np.zeros((2, len(FRACTIONS), len(ROUTES))))


# --- bad input ---------------------------------------------------------------------------


def test_negative_masses_are_refused():
    with pytest.raises(InputError, match=r"total must be >= 0.*-5"):
        stream(Q_(-5, "t"), {"food": 1.0}, {"recycling": 1.0})
    with pytest.raises(InputError, match=r"total must be >= 0"):
        stream(yearly([1, -1, 1]), {"food": 1.0}, {"recycling": 1.0})
    with pytest.raises(InputError, match=r"composition\['food'\] must be >= 0"):
        stream(None, {"food": Q_(-1, "t")}, {"recycling": 1.0})
    with pytest.raises(InputError, match=r"composition\['food'\] must be >= 0"):
        stream(Q_(1, "t"), {"food": -0.1, "paper": 1.1}, {"recycling": 1.0})
    with pytest.raises(InputError, match="population must be >= 0"):
        generation(Q_(1, "kg/day"), -3)


def test_unknown_names_get_the_closest():
    with pytest.raises(NotFoundError, match="did you mean 'plastics'"):
        stream(Q_(1, "t"), {"plastic": 1.0}, {"recycling": 1.0})
    with pytest.raises(NotFoundError, match="did you mean 'incineration'"):
        stream(Q_(1, "t"), {"food": 1.0}, {"incinerator": 1.0})
    with pytest.raises(NotFoundError, match="did you mean 'composting'"):
        stream(Q_(1, "t"), {"food": 1.0}, {"food": {"compost": 1.0}})
    with pytest.raises(NotFoundError, match="route must be one of"):
        stream(Q_(1, "t"), {"food": 1.0}, {"recycling": 1.0}).to_route("landfill")


def test_years_must_be_calendar_years_in_order():
    composition, routes = {"food": 1.0}, {"recycling": 1.0}
    with pytest.raises(InputError, match=r"strictly increasing.*2020 after 2021"):
        stream(yearly([1, 2, 3], years=[2019, 2021, 2020]), composition, routes)
    with pytest.raises(InputError, match="strictly increasing"):
        stream(yearly([1, 2, 3], years=[2019, 2019, 2020]), composition, routes)
    with pytest.raises(InputError, match=r"calendar years in \[1900, 2200\]"):
        stream(yearly([1, 2], years=[0, 1]), composition, routes)
    with pytest.raises(InputError, match="integers"):
        stream(yearly([1, 2], years=["a", "b"]), composition, routes)
    with pytest.raises(InputError, match="integers"):
        stream(yearly([1, 2], years=[2019.5, 2020.5]), composition, routes)
    with pytest.raises(InputError, match="integers"):
        stream(yearly([1, 2], years=[2019.0, np.nan]), composition, routes)
    # whole years stored as floats (as pandas reads them next to missing cells) are years
    as_floats = stream(yearly([1, 2], years=[2019.0, 2020.0]), composition, routes)
    assert list(as_floats.years) == [2019, 2020]
    dates = pd.date_range("2019", periods=2, freq="YS")
    with pytest.raises(InputError, match="integers"):
        stream(yearly([1, 2], years=dates), composition, routes)
    with pytest.raises(InputError, match="empty Series"):
        stream(yearly([], years=[]), composition, routes)
    share = pd.Series([1.0, 1.0], index=[2020, 2021])
    with pytest.raises(InputError, match=r"composition\['food'\]: its years"):
        stream(yearly([1, 2, 3]), {"food": share}, routes)


def test_units_are_required_and_checked():
    with pytest.raises(MissingUnitsError, match="total"):
        stream(5.0, {"food": 1.0}, {"recycling": 1.0})
    with pytest.raises(UnitsError, match=r"total requires \[mass\] or \[mass\] / \[time\]"):
        stream(Q_(5.0, "m"), {"food": 1.0}, {"recycling": 1.0})
    with pytest.raises(InputError, match="without years"):
        stream(Q_([1.0, 2.0], "t"), {"food": 1.0}, {"recycling": 1.0})
    with pytest.raises(UnitsError, match=r"composition\['food'\]"):
        stream(Q_(1, "t"), {"food": Q_(1, "m")}, {"recycling": 1.0})
    with pytest.raises(UnitsError, match="per_capita_rate"):
        generation(Q_(1.0, "kg"), 10)
    with pytest.raises(UnitsError, match="population"):
        generation(Q_(1.0, "kg/day"), Q_(10, "m"))
    with pytest.raises(InputError, match="population"):
        generation(Q_(1.0, "kg/day"), "10")


def test_empty_and_wrong_containers_are_refused():
    with pytest.raises(InputError, match="composition is empty"):
        stream(Q_(1, "t"), {}, {"recycling": 1.0})
    with pytest.raises(InputError, match="routes must be a mapping"):
        stream(Q_(1, "t"), {"food": 1.0}, ["recycling"])
    with pytest.raises(InputError, match="twice"):
        stream(Q_(1, "t"), pd.Series([0.5, 0.5], index=["food", "food"]), {"recycling": 1.0})
    with pytest.raises(InputError, match=r"mismatch|differs"):
        generation(yearly([1, 2, 3], "kg/day"), pd.Series([1.0, 2.0, 3.0], index=[1, 2, 3]))
