"""wasteless.io.read_what_a_waste and waste.streams.stream_for_city (What a Waste 2.0).

Expected values: the figures of ../shared/data/what-a-waste/README.md (Beijing; 326
cities with MSW, 291 with composition) and counts and cells read here with nothing but
Python's csv module; hand derivations for the streams.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from framecheck import assert_frame_equal

from wasteless.errors import InputError, NotFoundError
from wasteless.io import read_what_a_waste
from wasteless.io.what_a_waste import COMPOSITION_COLUMNS, TREATMENT_COLUMNS
from wasteless.waste.fractions import FRACTIONS, ROUTES
from wasteless.waste.streams import UNROUTED_COLUMNS, stream_for_city

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "what-a-waste"
FULL = SHARED / "city_level_data_0_0.csv.gz"
SAMPLE = (
    Path(__file__).resolve().parents[1]
    / "wasteless/data/what_a_waste_sample/city_level_data_sample.csv"
)

needs_shared = pytest.mark.skipif(
    not FULL.is_file(),
    reason=f"the shared What a Waste table is not in {SHARED} (expected beside the project root)",
)


@pytest.fixture(scope="module")
def sample():
    return read_what_a_waste()


@pytest.fixture(scope="module")
def full():
    if not FULL.is_file():
        pytest.skip(f"the shared What a Waste table is not in {SHARED}")
    return read_what_a_waste(FULL)


def raw_rows(path):
    """The table read with nothing but the csv module (the expected values)."""
    data = path.read_bytes()
    text = (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def row(table, city):
    return table.set_index("city").loc[city]


def value(cell):
    return cell.magnitude if hasattr(cell, "magnitude") else cell


def write_csv(path, rows, header):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, header)
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), "utf-8")
    return path


# --- the README's Beijing, on the shipped sample (bare clone) ----------------------------


def check_beijing(table):
    beijing = row(table, "Beijing")
    assert beijing["country"] == "China"
    assert beijing["iso3c"] == "CHN"
    assert beijing["region"] == "EAS"
    assert beijing["income"] == "UMC"
    assert beijing["population"] == 20_384_000
    assert beijing["msw_generated"].to("t/year").magnitude == 7_903_000
    readme = {
        "food": 63.4, "paper": 11.1, "plastics": 12.7, "wood": 1.8, "rubber_leather": 2.5,
        "glass": 1.6, "metal": 0.3, "other": 6.6,
    }  # fmt: skip
    for fraction, percent in readme.items():
        assert beijing[f"composition_{fraction}"].to("percent").magnitude == percent
    for fraction in ("garden", "textiles", "nappies"):  # empty cells: unknown, not 0
        assert math.isnan(value(beijing[f"composition_{fraction}"]))
    assert beijing["composition_sum"].to("percent").magnitude == 100.0
    treatment = {"landfill_managed_anaerobic": 90.0, "incineration": 8.0, "composting": 2.0}
    for route in ROUTES:
        got = value(beijing[f"treatment_{route}"])
        if route in treatment:
            assert got == treatment[route]
        else:
            assert math.isnan(got)
    assert beijing["treatment_sum"].magnitude == 100.0
    # 7,903,000 t / 20,384,000 people / 365.25 days × 1000 kg/t
    assert beijing["msw_per_capita"].to("kg/day").magnitude == pytest.approx(
        7_903_000 / 20_384_000 / 365.25 * 1000, rel=1e-12
    )


def test_beijing_as_the_readme_gives_it(sample):
    check_beijing(sample)


@needs_shared
def test_beijing_in_the_full_table(full):
    check_beijing(full)


def test_layout_units_and_metadata(sample):
    expected = (
        ["city", "country", "iso3c", "region", "income", "population"]
        + ["msw_generated", "msw_per_capita"]
        + [f"composition_{f}" for f in FRACTIONS]
        + ["composition_sum"]
        + [f"treatment_{r}" for r in ROUTES]
        + list(UNROUTED_COLUMNS)
        + ["treatment_sum"]
    )
    assert list(sample.columns) == expected
    assert isinstance(sample.index, pd.RangeIndex)
    assert str(sample["msw_generated"].pint.units) == "metric_ton / year"
    assert str(sample["composition_food"].pint.units) == "percent"
    assert sample["population"].dtype == np.float64
    attrs = sample.attrs
    assert attrs["licence"].startswith("CC BY 4.0")
    assert "Kaza" in attrs["citation"]
    assert "World Bank" in attrs["citation"]
    assert "2010-2017" in attrs["note"]
    assert "no year column" in attrs["note"]
    assert attrs["path"].endswith("city_level_data_sample.csv")
    assert set(attrs["mapping_notes"]) >= {"landfill_uncategorised", "not routes"}
    # the sample is small, real and says where it comes from
    readme = (SAMPLE.parent / "README.md").read_text("utf-8")
    assert "CC BY 4.0" in readme
    assert "Kaza" in readme
    assert SAMPLE.stat().st_size < 5_000


def test_every_what_a_waste_column_is_mapped_once():
    composition = [c for c in COMPOSITION_COLUMNS.values() if c is not None]
    treatment = [c for columns in TREATMENT_COLUMNS.values() for c in columns]
    assert len(composition) == 9
    assert len(set(composition)) == 9
    assert len(treatment) == 12
    assert len(set(treatment)) == 12
    assert COMPOSITION_COLUMNS["textiles"] is None
    assert COMPOSITION_COLUMNS["nappies"] is None
    assert TREATMENT_COLUMNS["landfill_uncategorised"] == (
        "waste_treatment_controlled_landfill_percent",
        "waste_treatment_landfill_unspecified_percent",
    )
    assert TREATMENT_COLUMNS["landfill_unmanaged_shallow"] == (
        "waste_treatment_open_dump_percent",
    )


def test_cells_as_published_and_names_repaired(sample):
    # "100,000" (Blantyre's MSW) is one hundred thousand tonnes
    assert row(sample, "Blantyre")["msw_generated"].magnitude == 100_000
    # names whose UTF-8 was read as Windows-1252 are repaired, and listed
    assert "Kraków" in set(sample["city"])
    assert "Sanaá" in set(sample["city"])
    assert sample.attrs["repaired_names"] == {"Kraków": "KrakÃ³w", "Sanaá": "SanaÃ¡"}
    # Osaka's controlled landfill is uncategorised landfill; Pune's open dump unmanaged
    assert row(sample, "Osaka")["treatment_landfill_uncategorised"].magnitude == 14.19
    assert row(sample, "Pune")["treatment_landfill_unmanaged_shallow"].magnitude == 50.0
    # shares that are no route are kept, not dropped: Pune 10.89 % other, 0.62 % unaccounted
    pune = row(sample, "Pune")
    assert pune["treatment_other"].magnitude == 10.89
    assert pune["treatment_unaccounted_for"].magnitude == 0.62
    # sums show rows that are off: Bamako composition 114 %, treatment 21 %
    bamako = row(sample, "Bamako")
    assert bamako["composition_sum"].magnitude == 114.0
    assert bamako["treatment_sum"].magnitude == 21.0
    assert math.isnan(value(row(sample, "Hamburg")["msw_generated"]))
    assert math.isnan(value(row(sample, "Prague")["composition_sum"]))


def test_the_sample_is_the_full_table_cut(sample):
    # every shipped cell is the published cell (the csv module's reading of both files)
    full_rows = {r["city_name"]: r for r in raw_rows(FULL)} if FULL.is_file() else None
    for published in raw_rows(SAMPLE):
        if full_rows is not None:
            original = full_rows[published["city_name"]]
            assert all(original[k] == v for k, v in published.items())
    if full_rows is None:
        pytest.skip(f"the shared What a Waste table is not in {SHARED}")


# --- the full table (shared data) ----------------------------------------------------------


@needs_shared
def test_counts_match_the_readme_and_a_plain_reading(full):
    published = raw_rows(FULL)
    counts = full.attrs["counts"]
    assert counts["cities"] == len(full) == len(published) == 367
    # README: MSW generated for 326 cities, composition for 291
    with_msw = sum(1 for r in published if r["total_msw_total_msw_generated_tons_year"].strip())
    with_food = sum(1 for r in published if r["composition_food_organic_waste_percent"].strip())
    assert counts["with_msw"] == with_msw == 326
    assert counts["with_food_share"] == with_food == 291
    any_share = sum(
        1 for r in published if any(r[c].strip() for c in COMPOSITION_COLUMNS.values() if c)
    )
    assert counts["with_any_composition"] == any_share == 296
    assert int(full["msw_generated"].notna().sum()) == 326


@needs_shared
def test_every_number_agrees_with_a_plain_reading(full):
    published = raw_rows(FULL)
    for column in ("composition_food", "treatment_incineration", "msw_generated"):
        got = np.asarray(full[column].pint.magnitude, dtype=np.float64)
        source = {
            "composition_food": "composition_food_organic_waste_percent",
            "treatment_incineration": "waste_treatment_incineration_percent",
            "msw_generated": "total_msw_total_msw_generated_tons_year",
        }[column]
        want = [
            float(r[source].replace(",", "")) if r[source].strip() else math.nan for r in published
        ]
        np.testing.assert_array_equal(got, np.asarray(want))
    # no mis-decoded name is left, and no name keeps its trailing no-break space
    assert not full["city"].str.contains("Ã|Â|â€").any()
    assert (full["city"] == full["city"].str.strip()).all()
    assert len(full.attrs["repaired_names"]) == 25
    assert "Côte d’Ivoire" in set(full["country"])  # correct names are left alone


@needs_shared
def test_sums_show_rows_that_are_not_100(full):
    # the sums, against decimal sums of the published cells
    published = raw_rows(FULL)
    for name, columns in (
        ("composition_sum", [c for c in COMPOSITION_COLUMNS.values() if c]),
        ("treatment_sum", [c for cs in TREATMENT_COLUMNS.values() for c in cs]),
    ):
        got = np.asarray(full[name].pint.magnitude, dtype=np.float64)
        for i, published_row in enumerate(published):
            cells = [published_row[c].strip() for c in columns if published_row[c].strip()]
            if not cells:
                assert math.isnan(got[i])
            else:
                assert got[i] == float(sum(Decimal(c) for c in cells)), published_row["city_name"]
    sums = np.asarray(full["composition_sum"].pint.magnitude, dtype=np.float64)
    known = sums[~np.isnan(sums)]
    assert len(known) == 296
    # Bamako 114 %; Oslo 5 % (plastic only)
    assert known.max() == 114.0
    assert known.min() == 5.0


@needs_shared
def test_streams_for_every_city_that_has_the_figures(full):
    built, refused = 0, {}
    msws = full["msw_generated"].pint.to("t/year").pint.magnitude.to_numpy()
    for city, country, msw in zip(full["city"], full["country"], msws, strict=True):
        try:
            s = stream_for_city(full, city, country=country, unrouted="rescale", normalise=True)
        except InputError as error:
            reason = str(error).split(": ", 1)[1][:30]
            refused[reason] = refused.get(reason, 0) + 1
            continue
        built += 1
        assert s.total.to("t").magnitude == pytest.approx(msw, rel=1e-12)
    # a stream needs MSW, a composition and some treatment share that is a route
    assert built + sum(refused.values()) == 367
    assert built == 194


# --- stream_for_city -----------------------------------------------------------------------


def test_stream_for_beijing_by_hand(sample):
    s = stream_for_city(sample, "Beijing")
    # 7,903,000 t × 63.4 % × 90 % = 4,509,451.8 t of food to the managed landfill
    food = s.to_route("landfill_managed_anaerobic")["food"]
    assert food.to("t").magnitude == pytest.approx(4_509_451.8, rel=1e-12)
    assert s.by_route()["incineration"].to("t").magnitude == pytest.approx(632_240.0)
    assert s.years is None
    assert s.notes[0] == (
        "What a Waste 2.0 (World Bank, 2018), Beijing, China: figures of an unstated year "
        "(mostly 2010-2017)"
    )
    # over 30 years, the same one-year figures in each
    thirty = stream_for_city(sample, "Beijing", years=range(2020, 2050))
    assert list(thirty.years) == list(range(2020, 2050))
    np.testing.assert_allclose(thirty.total.pint.to("t").pint.magnitude, 7_903_000.0)


def test_unrouted_shares_are_never_dropped_silently(sample):
    with pytest.raises(InputError, match=r"Pune, India: treatment shares that are not routes"):
        stream_for_city(sample, "Pune")
    # rescale: Pune's routes are 50 + 16.84 + 10.48 + 11.17 = 88.49 % of its waste;
    # open dump gets 50 / 88.49 of the 620,500 t
    spread = stream_for_city(sample, "Pune", unrouted="rescale")
    dump = spread.by_route()["landfill_unmanaged_shallow"].to("t").magnitude
    assert dump == pytest.approx(620_500 * 50 / 88.49, rel=1e-12)
    assert any("spread over the routes in proportion" in n for n in spread.notes)
    # to a route: open dump gets 50 + 10.89 + 0.62 = 61.51 %
    dumped = stream_for_city(sample, "Pune", unrouted="landfill_unmanaged_shallow")
    dump = dumped.by_route()["landfill_unmanaged_shallow"].to("t").magnitude
    assert dump == pytest.approx(620_500 * 0.6151, rel=1e-12)
    assert any("sent to landfill_unmanaged_shallow" in n for n in dumped.notes)
    with pytest.raises(NotFoundError, match="unrouted"):
        stream_for_city(sample, "Pune", unrouted="dump")


def test_rows_that_do_not_sum_to_100_need_normalise(sample):
    with pytest.raises(InputError, match=r"treatment of Osaka, Japan sums to 114\.19 %"):
        stream_for_city(sample, "Osaka")
    osaka = stream_for_city(sample, "Osaka", normalise=True)
    # 90.33 % incineration of 114.19 % reported
    incinerated = osaka.by_route()["incineration"].to("t").magnitude
    assert incinerated == pytest.approx(1_021_258 * 90.33 / 114.19, rel=1e-12)
    assert "treatment of Osaka, Japan summed to 114.19 %" in " ".join(osaka.notes)
    with pytest.raises(InputError, match=r"composition sums to 114 %"):
        stream_for_city(sample, "Bamako", normalise=False, routes={"recycling": 1.0})


def test_missing_figures_are_refused_with_what_to_do(sample):
    with pytest.raises(InputError, match="Hamburg, Germany: the table has no MSW generated"):
        stream_for_city(sample, "Hamburg")
    with pytest.raises(InputError, match="Prague, Czech Republic: the table has no composition"):
        stream_for_city(sample, "Prague")
    with pytest.raises(NotFoundError, match="did you mean 'Beijing'"):
        stream_for_city(sample, "Bejing")
    with pytest.raises(NotFoundError, match="country: the table has city 'Beijing' in 'China'"):
        stream_for_city(sample, "Beijing", country="Japan")
    twice = pd.concat([sample, sample.iloc[[0]]], ignore_index=True)
    with pytest.raises(InputError, match="give country"):
        stream_for_city(twice, "Beijing")
    with pytest.raises(InputError, match="table must be a DataFrame"):
        stream_for_city({"city": ["Beijing"]}, "Beijing")
    with pytest.raises(InputError, match="no column 'msw_generated'"):
        stream_for_city(sample.drop(columns="msw_generated"), "Beijing")
    # routes of the caller's own replace the table's
    own = stream_for_city(sample, "Pune", routes={"incineration": 1.0})
    assert own.by_route()["incineration"].to("t").magnitude == pytest.approx(620_500)


# --- bad files -----------------------------------------------------------------------------


def test_bad_files_are_refused_naming_what_is_wrong(tmp_path):
    published = raw_rows(SAMPLE)
    header = list(published[0])
    with pytest.raises(InputError, match="no file"):
        read_what_a_waste(tmp_path / "missing.csv")
    with pytest.raises(InputError, match="directory"):
        read_what_a_waste(tmp_path)
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        read_what_a_waste(tmp_path / "empty.csv")
    (tmp_path / "binary.csv").write_bytes(bytes(range(256)))
    with pytest.raises(InputError, match="UTF-8"):
        read_what_a_waste(tmp_path / "binary.csv")
    for bad in (5, "", ["a.csv"]):
        with pytest.raises(InputError, match="path"):
            read_what_a_waste(bad)
    short = write_csv(tmp_path / "short.csv", [{"city_name": "X"}], ["city_name"])
    with pytest.raises(InputError, match=r"has no column .*'iso3c'.*not the What a Waste"):
        read_what_a_waste(short)
    for column, cell, match in (
        ("composition_plastic_percent", "lots", "must be a number or empty; got 'lots'"),
        ("population_population_number_of_people", "-5", "must be >= 0; got '-5'"),
        ("waste_treatment_compost_percent", "120", r"must be a share in \[0, 100\] %"),
        ("total_msw_total_msw_generated_tons_year", "inf", "must be a number or empty"),
    ):
        broken = [dict(r) for r in published]
        broken[2][column] = cell
        path = write_csv(tmp_path / "broken.csv", broken, header)
        with pytest.raises(InputError, match=rf"city 'Osaka': {column} {match}"):
            read_what_a_waste(path)


def test_gzip_and_a_byte_order_mark_are_read(tmp_path):
    text = SAMPLE.read_bytes()
    (tmp_path / "t.csv.gz").write_bytes(gzip.compress(text))
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf" + text)
    plain = read_what_a_waste(SAMPLE)
    for path in (tmp_path / "t.csv.gz", tmp_path / "bom.csv"):
        other = read_what_a_waste(path)
        assert_frame_equal(
            other.drop(columns=[c for c in other if hasattr(other[c], "pint")]),
            plain.drop(columns=[c for c in plain if hasattr(plain[c], "pint")]),
        )
        assert other["composition_food"].equals(plain["composition_food"])


def test_an_older_column_layout_with_the_same_names_reads(tmp_path):
    # extra columns are ignored, the order of columns does not matter
    published = raw_rows(SAMPLE)
    header = ["note", *reversed(list(published[0]))]
    rows = [{"note": "x", **r} for r in published]
    table = read_what_a_waste(write_csv(tmp_path / "reordered.csv", rows, header))
    check_beijing(table)
