"""Treatment scenarios side by side (wasteless.waste.scenarios)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wasteless import Q_, uncertainty, waste
from wasteless.errors import InputError, NotFoundError

# Values typed from the reference sheet (reference/ipcc-waste-factors.md):
DOC_FOOD, DOCF_MSW, MCF_MANAGED, F, OX_MANAGED = 0.15, 0.5, 1.0, 0.5, 0.0  # §2.1-2.4
DIGESTION_CH4_WET = 0.8e-3  # t CH4 per t wet waste, Table 4.1 (0.8 g/kg), §4
DIGESTION_N2O_WET = 0.0  # Table 4.1: assumed negligible
GWP_AR6_CH4, GWP_AR6_N2O = 27.9, 273.0  # §6, AR6 Table 7.SM.7


def food_stream(tonnes_per_year=1000.0, years=(2020, 2021, 2022)):
    total = pd.Series([tonnes_per_year] * len(years), index=list(years), dtype="pint[t]")
    return waste.stream(total, {"food": 1.0}, {"landfill_managed_anaerobic": 1.0})


def test_food_diverted_to_digestion_avoids_what_the_hand_derivation_says():
    # committed view: all the methane of a year's landfilled food in the year of deposit,
    # L0 (1 - OX) = DOC DOCf MCF F 16/12 (1 - OX) per tonne (Eqs 3.2, 3.6, 3.1)
    today = food_stream()
    digest = today.move("food", "anaerobic_digestion")
    result = waste.compare(today, {"digestion": digest}, climate="tropical_wet", view="committed")
    landfill_ch4 = 1000.0 * DOC_FOOD * DOCF_MSW * MCF_MANAGED * F * 16 / 12 * (1 - OX_MANAGED)
    digestion_co2e = 1000.0 * (DIGESTION_CH4_WET * GWP_AR6_CH4 + DIGESTION_N2O_WET * GWP_AR6_N2O)
    per_year = landfill_ch4 * GWP_AR6_CH4 - digestion_co2e
    avoided = result.avoided("digestion").pint.to("t").pint.magnitude
    assert avoided.to_numpy() == pytest.approx([per_year] * 3, rel=1e-12)
    cumulative = result.avoided("digestion", cumulative=True).pint.magnitude.iloc[-1]
    assert cumulative == pytest.approx(3 * per_year, rel=1e-12)
    assert result.total_avoided("digestion").to("t").magnitude == pytest.approx(3 * per_year)
    # the baseline avoids nothing against itself
    assert (result.avoided("baseline").pint.magnitude == 0).all()


def test_the_inventory_view_sums_to_the_committed_view_over_a_long_horizon():
    today = food_stream()
    digest = today.move("food", "anaerobic_digestion")
    years = range(2020, 2320)  # k = 0.4/yr (tropical wet food): nothing left after 300 years
    inventory = waste.compare(today, {"d": digest}, climate="tropical_wet", years=years)
    committed = waste.compare(
        today, {"d": digest}, climate="tropical_wet", years=years, view="committed"
    )
    assert inventory.total_avoided("d").to("t").magnitude == pytest.approx(
        committed.total_avoided("d").to("t").magnitude, rel=1e-9
    )
    # but in the first year the inventory view has seen no landfill methane yet (Eq. 3.5)
    first = inventory.co2e.xs("baseline", level="scenario")["co2e"].pint.magnitude.iloc[0]
    assert first == 0.0


@settings(max_examples=20, deadline=None)
@given(st.floats(1.0, 1e6), st.floats(0.0, 1.0))
def test_emissions_are_linear_in_the_stream(tonnes, share):
    one = food_stream(tonnes)
    moved = one.move("food", "composting", share)
    result = waste.compare(
        one, {"moved": moved}, climate="boreal_temperate_wet", years=range(2020, 2040)
    )
    double = waste.compare(
        food_stream(2 * tonnes),
        {"moved": food_stream(2 * tonnes).move("food", "composting", share)},
        climate="boreal_temperate_wet",
        years=range(2020, 2040),
    )
    a = result.co2e["co2e"].pint.magnitude.to_numpy()
    b = double.co2e["co2e"].pint.magnitude.to_numpy()
    assert b == pytest.approx(2 * a, rel=1e-9, abs=1e-9)


def test_gases_stay_apart_until_co2e_and_biogenic_co2_is_not_counted():
    total = pd.Series([100.0], index=[2020], dtype="pint[t]")
    today = waste.stream(total, {"food": 0.5, "plastics": 0.5}, {"recycling": 1.0})
    burn = today.with_routes({"incineration": 1.0})
    result = waste.compare(
        today, {"burn": burn}, climate="tropical_wet", technology="continuous_stoker"
    )
    gases = set(result.emissions.loc[result.emissions.scenario == "burn", "gas"])
    assert {"CO2", "CO2_biogenic", "CH4", "N2O"} <= gases
    # the same Emissions straight from the model, through co2e: biogenic CO2 left out
    masses = {f: Q_(50.0, "t") for f in ("food", "plastics")}
    direct = waste.incineration(masses, "continuous_stoker").co2e("AR6").to("t").magnitude
    burned = result.co2e.xs("burn", level="scenario")["co2e"].pint.magnitude.iloc[0]
    assert burned == pytest.approx(direct, rel=1e-12)
    # recycling emits nothing and earns nothing
    assert result.co2e.xs("baseline", level="scenario")["co2e"].pint.magnitude.iloc[0] == 0
    assert any("recycling" in note for note in result.notes)


def test_monte_carlo_over_every_model_record_in_one_call():
    today = food_stream()
    digest = today.move("food", "anaerobic_digestion")

    def avoided(params):
        result = waste.compare(
            today, {"d": digest}, climate="tropical_wet", params=params, view="committed"
        )
        return result.total_avoided("d")

    mc = uncertainty.monte_carlo(avoided, waste.waste_params(), n=2000)
    deterministic = avoided(waste.waste_params()).to("t").magnitude
    low, high = mc.interval(0.9)
    assert low.to("t").magnitude < deterministic < high.to("t").magnitude
    table = uncertainty.sobol_indices(avoided, waste.waste_params(), n=2**8)
    assert table.index[0] in {"methane_fraction_f", "doc_food"}  # what drives it


def test_with_draws_every_table_has_a_draw_level():
    drawn = uncertainty.draw(waste.waste_params(), n=7, seed=1).preset
    result = waste.compare(
        food_stream(),
        {"d": food_stream().move("food", "composting")},
        climate="tropical_wet",
        params=drawn,
    )
    assert result.co2e.index.names == ["scenario", "year", "draw"]
    assert "draw" in result.emissions.columns
    assert result.total_avoided("d").shape == (7,)


def test_bad_input_is_refused_naming_the_argument():
    today = food_stream()
    other = {"d": today.move("food", "composting")}
    with pytest.raises(InputError, match="named like the baseline"):
        waste.compare(today, {"baseline": today}, climate="tropical_wet")
    with pytest.raises(NotFoundError, match="climate must be one of"):
        waste.compare(today, other, climate="temperate")
    with pytest.raises(NotFoundError):
        waste.compare(today, other, climate="tropical_wet", gwp="AR7")
    with pytest.raises(InputError, match="view must be one of"):
        waste.compare(today, other, climate="tropical_wet", view="lifetime")
    with pytest.raises(InputError, match="must lie inside years"):
        waste.compare(today, other, climate="tropical_wet", years=range(2021, 2030))
    with pytest.raises(InputError, match="consecutive"):
        waste.compare(today, other, climate="tropical_wet", years=[2020, 2022])
    with pytest.raises(InputError, match="technology is required"):
        waste.compare(
            today, {"burn": today.with_routes({"incineration": 1.0})}, climate="tropical_wet"
        )
    with pytest.raises(InputError, match="scenarios must be"):
        waste.compare(today, {}, climate="tropical_wet")
    without_years = waste.stream(Q_(10, "t"), {"food": 1.0}, {"composting": 1.0})
    with pytest.raises(InputError, match="no years"):
        waste.compare(without_years, {"same": without_years}, climate="tropical_wet")


def test_the_inputs_are_not_changed():
    today = food_stream()
    mass = today.mass.copy()
    waste.compare(today, {"d": today.move("food", "composting")}, climate="tropical_wet")
    assert np.array_equal(today.mass, mass)


def test_landfill_gas_recovered_is_not_emitted():
    # all the methane recovered (R = generated, Eq. 3.1): landfilling emits nothing, and
    # digestion then avoids minus its own emissions (committed view, AR6)
    today = food_stream()
    digest = today.move("food", "anaerobic_digestion")
    result = waste.compare(
        today, {"d": digest}, climate="tropical_wet", view="committed", recovered_fraction=1.0
    )
    digestion_co2e = 1000.0 * (DIGESTION_CH4_WET * GWP_AR6_CH4 + DIGESTION_N2O_WET * GWP_AR6_N2O)
    avoided = result.avoided("d").pint.to("t").pint.magnitude.to_numpy()
    assert avoided == pytest.approx([-digestion_co2e] * 3, rel=1e-12)
    with pytest.raises(InputError):
        waste.compare(today, {"d": digest}, climate="tropical_wet", recovered_fraction=1.5)
