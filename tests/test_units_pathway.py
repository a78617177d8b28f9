"""The one units pathway: every public callable with dimensional inputs is declared with
``units.unit_function`` (or is listed here with the reason it is not), and the pathway
refuses what it must refuse, whatever function a value enters through."""

import importlib
import inspect
import pkgutil

import numpy as np
import pandas as pd
import pint
import pytest
from framecheck import assert_frame_equal
from hypothesis import given
from hypothesis import strategies as st

import wasteless
from wasteless import Q_, air, carbon, change, paving, units, water
from wasteless.errors import InputError, MissingUnitsError, UnitsError

# Public callables that are not declared with unit_function, and why.
NOT_WRAPPED = {
    "wasteless.air.grid.to_wide": "reshapes a long table; converts no unit (keeps the dtype)",
    "wasteless.air.aqi.breakpoint_table": "takes names, not quantities",
    "wasteless.air.aqi.edition_rules": "takes an edition name",
    "wasteless.air.aqi.edition_on": "takes dates",
    "wasteless.air.network.realtime": (
        "a tidy table whose unit depends on the pollutant (air.tidy.units_of): it builds "
        "one Quantity per pollutant and computes through aqi(), declared with unit_function"
    ),
    "wasteless.air.limits.in_force": "takes names and dates",
    "wasteless.air.network.daily_statistics": (
        "a tidy table whose unit depends on the pollutant (air.tidy.units_of, parsed "
        "with units.parse_units); results are pint columns per pollutant"
    ),
    "wasteless.air.network.daily_max_8h": "floats already in one unit (the kernel of O3_8h)",
    "wasteless.air.tidy.check_frame": "checks a table's columns; no quantity",
    "wasteless.air.tidy.units_of": "reads the units of a table (units.parse_units, magnitude_in)",
    "wasteless.air.tidy.hour_label_of": "takes a name",
    "wasteless.air.tidy.with_units": "writes a unit column from unit names (units_of's checks)",
    "wasteless.air.network.annual_statistics": "a table of pint columns (units kept)",
    "wasteless.air.city.city_daily": "a table of pint columns (units kept)",
    "wasteless.air.city.daily_aqi": "a table of pint columns, through aqi()",
    "wasteless.air.city.assess": "a tidy table or a table of pint columns",
    "wasteless.air.city.annual_assessment": "a table of pint columns (units kept)",
    "wasteless.air.aqi.category": (
        "AQI values are dimensionless index numbers (bare numbers are fine); a Quantity "
        "or pint Series goes through units.magnitude_in, the pathway's own function"
    ),
    "wasteless.air.pollutants.averaging_name": "takes names",
    "wasteless.air.pollutants.pollutant_name": "takes names",
    **{
        f"wasteless.{name}": "a rate of a parameter record: takes a record or a preset name"
        for name in (
            "paving.crumb_rubber_per_area",
            "paving.tyres_per_area",
            "carbon.energy_per_tyre",
            "carbon.coal_equivalent_per_tyre",
            "carbon.co2_avoided_per_tyre",
            "carbon.combustion_co2_per_tyre",
        )
    },
    "wasteless.waste.scenarios.compare": "takes streams (their masses checked when built)",
    "wasteless.waste.scenarios.route_emissions": "takes a stream; calls the unit functions",
    "wasteless.waste.scenarios.waste_params": "takes names or records",
    "wasteless.waste.fractions.check_fraction_name": "takes names",
    "wasteless.waste.fractions.check_name": "takes names",
    "wasteless.air.limits.get": "takes names",
    "wasteless.air.limits.all_limits": "no input",
    "wasteless.article.claims": "no input",
    "wasteless.factors.all_factors": "no input",
    "wasteless.waste.targets.etown_targets": "no input",
    "wasteless.waste.targets.indicators": "no input",
    "wasteless.air.limits.limit": "takes names",
    "wasteless.air.limits.to_frame": "no input",
    "wasteless.article.literature_comparison": "no dimensional input",
    "wasteless.article.reproduce": "takes a preset",
    "wasteless.article.source": "no input",
    "wasteless.article.plausibility": "no input",
    # issue 20: the reports side by side; their figures are Claims (checked when built)
    "wasteless.article.reports": "no input",
    "wasteless.article.readings": "takes reports (claims.Source, figures checked as Claims)",
    "wasteless.article.disagreements": "takes reports (claims.Source)",
    "wasteless.article.timeline": "takes a figure's name and reports",
    "wasteless.article.rates": "takes a figure's name and reports",
    "wasteless.article.literature_distribution": "takes a quantity's name",
    "wasteless.claims.agree": (
        "the unit is the first claim's own, known only at call time: the second goes "
        "through units.magnitude_in"
    ),
    "wasteless.uncertainty.support": "takes a model of presets (the models check units)",
    "wasteless.uncertainty.distributions": "takes a preset",
    "wasteless.uncertainty.draw": "takes a preset; draws in each factor record's unit",
    "wasteless.uncertainty.monte_carlo": "takes a model of presets (the models check units)",
    "wasteless.uncertainty.sobol_indices": "takes a model of presets (the models check units)",
    "wasteless.claims.check": (
        "the unit is the claim's own, known only at call time: values go through "
        "units.magnitude_in"
    ),
    "wasteless.claims.check_falling": "a series of numbers compared with each other",
    "wasteless.claims.not_checkable": "no value",
    "wasteless.cli.main": "command-line arguments",
    "wasteless.datasets.beijing_daily_pm25": "no input",
    "wasteless.factors.get": "takes a name",
    "wasteless.factors.to_frame": "no input",
    "wasteless.io.cnemc.read_cnemc": "reads files; the units of each row type go in attrs",
    "wasteless.io.sites.read_sites": "reads a station list",
    "wasteless.datasets.sample_files": "no input",
    "wasteless.datasets.sample_sites": "no input",
    "wasteless.testing.synthetic_archive": "writes synthetic files (no quantities in)",
    "wasteless.judgement.compare": "floats already in one unit (called by the judges)",
    "wasteless.judgement.falling": "floats already in one unit",
    "wasteless.judgement.relation_name": "takes a symbol",
    "wasteless.presets.get": "takes a name",
    "wasteless.presets.paving_params": "takes a parameter set or a name",
    "wasteless.presets.carbon_params": "takes a parameter set or a name",
    "wasteless.units.as_fraction": "the pathway itself",
    "wasteless.units.from_plain": "the pathway's pandas export",
    "wasteless.units.magnitude_in": "the pathway itself",
    "wasteless.units.parse_units": "the pathway itself",
    "wasteless.units.pint_dtype": "the pathway itself",
    "wasteless.units.pint_series": "the pathway itself (packs results)",
    "wasteless.units.quantity": "the pathway itself (packs results)",
    "wasteless.units.same_as": "the pathway itself",
    "wasteless.units.to_plain": "the pathway's pandas export",
    "wasteless.units.unit_function": "the pathway itself",
    "wasteless.units.wrap": "the pathway itself (packs results)",
    "wasteless.waste.targets.coverage": (
        "counts are dimensionless; a Quantity goes through units.magnitude_in"
    ),
    "wasteless.waste.targets.progress": (
        "the unit is the indicator's, known only at call time: units.as_fraction / "
        "units.magnitude_in"
    ),
    "wasteless.waste.targets.scorecard": "calls waste.progress for each value",
    "wasteless.zh.normalise": "text",
    "wasteless.zh.parse_number": "text",
    "wasteless.zh.parse_quantity": "text",
    "wasteless.zh.to_chinese": "a Quantity of any unit that has a Chinese word",
    # issue 17: the 无废城市 indicator system
    "wasteless.waste.wfc_indicators.compute_indicators": (
        "formulas are data, their units known only at call time: each term goes through "
        "units.magnitude_in (dimension, finiteness), counts through the same checks as coverage"
    ),
    "wasteless.waste.wfc_indicators.indicator_system": "no input",
    "wasteless.waste.wfc_indicators.indicator_values": (
        "takes a result table; builds Quantities with units.quantity"
    ),
    "wasteless.waste.wfc_indicators.system_indicator": "takes names (and a unit name)",
    # issue 17: landfill methane (IPCC first-order decay)
    "wasteless.waste.landfill.landfill_factors": "no input",
    "wasteless.waste.landfill.landfill_params": "takes a parameter set or a name",
    # issue 17: waste streams (waste.streams) and the What a Waste 2.0 reader (io)
    "wasteless.waste.streams.stream": (
        "composition may be shares or masses, routes a mapping of mappings: each value "
        "goes through units.as_fraction or units.magnitude_in, the pathway's own functions"
    ),
    "wasteless.waste.streams.stream_for_city": "a table of pint columns, then stream()",
    "wasteless.waste.streams.regional_composition": "takes a region name",
    "wasteless.waste.streams.composition_factors": "takes a region name",
    "wasteless.io.what_a_waste.read_what_a_waste": "reads a file; its columns get pint dtypes",
    # issue 17: CO2-equivalents, biological treatment, incineration and open burning
    "wasteless.climate.gwp_set": "takes a name",
    "wasteless.climate.gwp_sets": "no input",
    # issue 18: official city sets, regions, averages and dust days
    "wasteless.air.groups.prefectures": "no input",
    "wasteless.air.groups.key_cities": "no input",
    "wasteless.air.groups.regions": "no input",
    "wasteless.air.groups.city_set": "takes a set name",
    "wasteless.air.groups.official_name": "takes a name",
    "wasteless.air.groups.group_names": "takes names",
    "wasteless.air.groups.map_cities": "takes names",
    "wasteless.air.groups.group_average": "averages plain float columns (units in their names)",
    "wasteless.air.groups.check_dust": "takes names and dates",
    "wasteless.air.groups.assess": "a tidy table or a table of pint columns (city.assess's)",
    "wasteless.io.dust.read_dust_days": "reads a file of names and dates",
    # issue 18: station daily statistics of CNEMC files, a day at a time
    "wasteless.io.cnemc.read_cnemc_daily_statistics": (
        "reads files; the units of each row type come from the reader's table and go into "
        "pint columns, as daily_statistics does"
    ),
}


def public_callables():
    found = {}
    for info in pkgutil.walk_packages(wasteless.__path__, "wasteless."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            wrapped = inspect.isfunction(getattr(obj, "__wrapped__", None))  # functools.cache
            if inspect.isfunction(obj) or hasattr(obj, "kernel") or wrapped:
                found[f"{obj.__module__}.{obj.__name__}"] = obj
    return found


def test_every_public_callable_is_wrapped_or_says_why_not():
    found = public_callables()
    assert len(found) > 50  # the walk saw the package
    unexplained = [
        name for name, f in found.items() if not hasattr(f, "kernel") and name not in NOT_WRAPPED
    ]
    assert unexplained == []
    stale = [n for n in NOT_WRAPPED if n not in found or hasattr(found[n], "kernel")]
    assert stale == []
    wrapped = sorted(n for n, f in found.items() if hasattr(f, "kernel"))
    for expected in (
        "air.means.annual_means",
        "air.aqi.iaqi",
        "air.compliance.compliance",
        "change.relative_reduction",
        "paving.tyres_for_area",
        "air.trends.trend",
    ):
        assert f"wasteless.{expected}" in wrapped


def test_moved_modules_are_the_same_objects():
    import wasteless.aqi
    import wasteless.standards

    assert wasteless.aqi is wasteless.air.aqi
    assert wasteless.standards is wasteless.air.standards
    assert wasteless.air.relative_reduction is change.relative_reduction


# --- what the pathway refuses, through any entry -------------------------------------------

HOURS = pd.date_range("2019-01-01", "2019-12-31 23:00", freq="h")


def test_air_refuses_a_series_in_any_other_dimension():
    # 0.1 returned a valid annual mean of 30 m for this
    metres = pd.Series(30.0, index=HOURS, dtype="pint[m]")
    for function in (air.annual_means, air.daily_means, air.monthly_means):
        with pytest.raises(UnitsError, match=r"\[mass\] / \[length\] \*\* 3"):
            function(metres)
    with pytest.raises(UnitsError):
        air.percentile_of_daily(metres)
    with pytest.raises(UnitsError):
        wasteless.aqi.category(pd.Series([120.0], dtype="pint[m]"))
    with pytest.raises(UnitsError, match="units"):
        air.daily_means(pd.Series(30.0, index=HOURS), units="m")


def test_offset_units_convert_by_pints_rules():
    assert units.magnitude_in(Q_(20, "degC"), "K") == pytest.approx(293.15)
    # a relative change of temperatures is taken in the units of start (kelvin here)
    got = change.relative_reduction(Q_(300, "K"), Q_(20, "degC")).magnitude
    assert got == pytest.approx(100 * (300 - 293.15) / 300)


def test_complex_strings_bools_and_masked_values_are_refused():
    with pytest.raises(InputError, match="real"):
        paving.tyres_for_area(Q_(np.array([1e6 + 5e6j]), "m**2"))
    with pytest.raises(InputError, match="area"):
        paving.tyres_for_area(Q_(1 + 2j, "m**2"))
    with pytest.raises(InputError, match="string"):
        units.as_fraction("0.5")
    with pytest.raises(InputError, match="bool"):
        units.as_fraction(True)
    masked = np.ma.masked_array([1.0, 2.0], mask=[False, True])
    with pytest.raises(InputError, match="masked"):
        paving.tyres_for_area(Q_(masked, "m**2"))


def test_a_quantity_of_another_registry_is_refused_with_the_fix():
    other = pint.UnitRegistry()
    with pytest.raises(UnitsError, match="another pint UnitRegistry"):
        paving.tyres_for_area(other.Quantity(1.0, "m**2"))
    # pint's application registry is ours
    same = pint.get_application_registry().Quantity(1.0, "m**2")
    assert paving.tyres_for_area(same).units == Q_(1, "tyre").units


def test_nan_from_an_invalid_period_says_why():
    # a year with January missing: annual mean NaN, and the table says which rule failed
    pm = pd.Series(40.0, index=HOURS)
    pm[HOURS.month == 1] = np.nan
    table = air.annual_means(pm, units="ug/m3")
    assert not table.loc[2019, "valid"]
    assert table.loc[2019, "reason"] == "2019-01 has 0 valid days < 27 (GB 3095-2012)"
    mean = Q_(table["mean"].pint.magnitude.iloc[0], "ug/m3")
    with pytest.raises(InputError, match="'reason' column"):
        change.relative_reduction(mean, Q_(30, "ug/m3"))


def test_nan_is_refused_where_not_allowed_and_allowed_where_it_is_missing_data():
    with pytest.raises(InputError, match="must be finite"):
        carbon.co2_avoided(Q_([1.0, np.nan], "tyre"))
    daily = air.daily_means(pd.Series([np.nan] * 24, index=HOURS[:24]), units="ug/m3")
    assert not daily["valid"].iloc[0]


def test_a_mapping_and_a_frame_of_pollutant_columns_give_the_same_aqi():
    pm25 = pd.Series([35.5, 75.0], dtype="pint[ug/m**3]")
    co = pd.Series([1.0, 5.0], dtype="pint[mg/m**3]")
    by_mapping = wasteless.aqi.aqi({"PM2.5": pm25, "CO_24h": co})
    by_frame = wasteless.aqi.aqi(pd.DataFrame({"PM2.5": pm25, "CO_24h": co}))
    assert_frame_equal(by_mapping, by_frame)
    # hand: PM2.5 35.5 -> 50 + 0.5 * 50 / 40 = 50.625; CO 5 mg -> 100 + 1 * 50 / 10 = 105
    assert by_frame["aqi_unrounded"].tolist() == pytest.approx([50.625, 105.0])


def test_water_ratios_of_mismatched_shapes_raise_a_clear_error():
    with pytest.raises((InputError, ValueError)):
        water.treatment_rate(Q_([5.0, 6.0, 7.0], "m**3/d"), Q_([10.0, 10.0], "m**3/d"))


# --- pint columns in everyday pandas -------------------------------------------------------


@given(
    values=st.lists(st.one_of(st.floats(0, 1e6), st.just(float("nan"))), min_size=1, max_size=20),
    unit=st.sampled_from(["ug/m**3", "mg/m**3", "tyre", "t", "percent", "m**3/d"]),
)
def test_to_plain_and_back_keeps_values_and_units(values, unit):
    frame = pd.DataFrame({"mean": units.pint_series(values, unit), "valid": [True] * len(values)})
    plain = units.to_plain(frame)
    assert all(dtype.kind in "fb" for dtype in plain.dtypes)
    back = units.from_plain(plain)
    assert list(back.columns) == ["mean", "valid"]
    assert back["mean"].pint.units == pint.get_application_registry().Unit(unit)
    np.testing.assert_array_equal(back["mean"].pint.magnitude.to_numpy(), np.asarray(values))
    # the input is not modified
    assert frame["mean"].dtype.units == back["mean"].pint.units


def test_a_plain_frame_plots_and_writes_csv_without_unit_strings():
    import matplotlib

    matplotlib.use("Agg")
    daily = air.daily_means(pd.Series(40.0, index=HOURS[:72]), units="ug/m3")
    plain = units.to_plain(daily)
    plain.plot(y="mean [µg/m³]")
    text = plain.to_csv()
    assert "microgram" not in text
    assert "mean [µg/m³]" in text
    with pytest.raises(InputError, match="pint does not know"):
        units.from_plain(pd.DataFrame({"mean [bogus_unit]": [1.0]}))


def test_missing_units_message_says_how_to_attach_them():
    with pytest.raises(MissingUnitsError, match="units='ug/m3'"):
        air.daily_means(pd.Series(40.0, index=HOURS[:24]))
