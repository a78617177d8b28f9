"""The article as a claims ledger: tied to the text, computed by the models, and the CLI."""

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

import wasteless
from wasteless import Q_, article, cli, paving, presets, zh

# The article as the project keeps it (../shared/reference), and the copy shipped with the
# tests (tests/data) so that the ledger is checked against the text on a bare clone too.
REFERENCE = Path(__file__).resolve().parents[1].parent / "shared/reference/article-2020-01-17.txt"
ARTICLE = Path(__file__).resolve().parent / "data" / "article-2020-01-17.txt"
IDS = [
    "kitchen",
    "tyres",
    "co2",
    "area",
    "pm25_start",
    "pm25_end",
    "pm25_decline",
    "pm25_3yr",
    "sewage",
    "reclaimed",
]

# The figures of the DESIGN table: (value, unit, relation) as the article states them.
DESIGN_TABLE = {
    "tyres": (2.7e6, "tyre", ">"),
    "co2": (3.0e5, "t", ">"),
    "area": (1.0e6, "m**2", ">="),
    "pm25_start": (81, "ug/m**3", "=="),
    "pm25_end": (43, "ug/m**3", "=="),
    "pm25_decline": (47, "percent", "=="),
    "sewage": (100, "percent", ">="),
    "reclaimed": (30, "percent", ">="),
}


@pytest.fixture(scope="module")
def article_text():
    return ARTICLE.read_text(encoding="utf-8")


def test_the_shipped_article_is_the_reference(article_text):
    if not REFERENCE.exists():
        pytest.skip(f"the shared reference is not at {REFERENCE} (a bare clone)")
    assert article_text == REFERENCE.read_text(encoding="utf-8")


def test_ledger_ids():
    assert list(article.claims()) == IDS


def test_ledger_is_tied_to_the_verbatim_text(article_text):
    # Every quote and phrase occurs verbatim in the article, and the stated values are
    # those the text says, parsed from the text itself, not typed in a second time.
    for record in article._ledger()["claims"]:
        assert record["quote"] in article_text, record["id"]
        for key in ("phrase", "covered", "total"):  # every phrase a figure is parsed from
            if key in record:
                assert record[key] in record["quote"], record["id"]
    stated = article.claims()
    for claim_id, (value, unit, relation) in DESIGN_TABLE.items():
        claim = stated[claim_id]
        assert claim.relation == relation, claim_id
        assert claim.stated.to(unit).magnitude == pytest.approx(value), claim_id
    # the kitchen claim: 全区32个社区, i.e. all 32 communities
    phrase = next(r["phrase"] for r in article._ledger()["claims"] if r["id"] == "kitchen")
    assert zh.parse_quantity(phrase).quantity.magnitude == 32
    assert stated["kitchen"].stated.to("percent").magnitude == 100
    assert stated["pm25_3yr"].relation == "falling"


def test_stated_precision_comes_from_the_text():
    stated = article.claims()
    assert stated["pm25_start"].resolution.to("ug/m**3").magnitude == 1
    assert stated["pm25_decline"].resolution.to("percent").magnitude == 1
    assert stated["tyres"].resolution.to("tyre").magnitude == 1e4


def test_reproduce_under_the_etown_preset():
    report = article.reproduce()
    statuses = {v.claim.id: v.status for v in report.verdicts}
    assert statuses == {
        "kitchen": "not checkable",  # 32 of 32 from one sentence: a check could not fail
        "tyres": "holds",
        "co2": "holds",
        "area": "holds",
        "pm25_start": "not checkable",
        "pm25_end": "not checkable",
        "pm25_decline": "holds",
        "pm25_3yr": "not checkable",
        "sewage": "not checkable",
        "reclaimed": "not checkable",
    }
    assert report.holds
    assert report["tyres"].computed.to("tyre").magnitude == pytest.approx(2.73e6)
    assert report["co2"].computed.to("t").magnitude == pytest.approx(3.07e5)
    assert report["pm25_decline"].computed.to("percent").magnitude == pytest.approx(46.9136, 1e-5)
    low, high = report["pm25_decline"].interval
    assert low.magnitude == pytest.approx(100 * (80.5 - 43.5) / 80.5)
    assert high.magnitude == pytest.approx(100 * (81.5 - 42.5) / 81.5)


def test_literature_preset_fails_honestly_and_shows_the_area_it_needs():
    report = article.reproduce(presets.LITERATURE)
    assert not report.holds
    assert report["tyres"].status == "fails"
    assert report["co2"].status == "fails"
    needs = paving.area_for_tyres(Q_(2.7e6, "tyre")).to("km**2").magnitude
    assert f"{needs:.3g}" in report["tyres"].reasoning
    # the literature column is there under either preset
    assert article.reproduce().literature["tyres"].status == "fails"


def test_computed_values_come_from_the_models():
    thinner = dataclasses.replace(
        presets.ETOWN_2019,
        paving=dataclasses.replace(presets.ETOWN_2019.paving, layer_thickness=Q_(25.4, "mm")),
    )
    report = article.reproduce(thinner)
    assert report["tyres"].computed.to("tyre").magnitude == pytest.approx(2.73e6 / 2)
    assert report["tyres"].status == "fails"


def test_literature_comparison_both_pathways():
    per_area, coal, combustion = article.literature_comparison()
    assert per_area.implied.magnitude == pytest.approx(2.7)
    assert not per_area.within
    assert per_area.low.magnitude < per_area.model.magnitude < per_area.high.magnitude
    for pathway in (coal, combustion):
        # factors.md §1: 3.0e5 t / 2.7e6 tyres = 111.1 kg CO2 per tyre
        assert pathway.implied.to("kg/tyre").magnitude == pytest.approx(3.0e8 / 2.7e6)
        # issue 20: one basis, the LITERATURE distributions, where one tyre is a PTE of
        # 20-25 lb (factors.md §2.5): 111 kg is outside both pathways' supports
        assert not pathway.within
    # By hand, a PTE of 20 lb to 25 lb (factors.md §2.5; 1 lb = 0.45359237 kg) burned at
    # EPA's 2,210 to 2,407 kg CO2 per short ton of 2,000 lb (§3.1): 22.1 .. 30.09 kg
    assert combustion.low.to("kg/tyre").magnitude == pytest.approx(20 * 2210 / 2000)
    assert combustion.high.to("kg/tyre").magnitude == pytest.approx(25 * 2407 / 2000)
    # The default direct-combustion value: 20 lb x 2,407 kg per 2,000 lb = 24.07 (§3.4: 24.1)
    assert combustion.model.to("kg/tyre").magnitude == pytest.approx(24.07)
    # Coal-equivalent pathway for the PTE: 20 lb x 15,000 Btu/lb (§3.2) = 300,000 Btu
    # = 316.52 MJ (1 Btu = 1055.05585262 J), burned as bituminous coal at IPCC's
    # 94.6 g CO2/MJ (§3.2): 316.52 x 0.0946 = 29.94 kg
    pte_energy_mj = 20 * 15000 * 1055.05585262 / 1e6
    assert coal.model.to("kg/tyre").magnitude == pytest.approx(pte_energy_mj * 0.0946, rel=1e-6)


def test_report_formats():
    report = article.reproduce()
    frame = report.to_frame()
    assert list(frame.index) == IDS
    # The literature column: LITERATURE on the programme's 2.0e6 m² (factors.md §1), by hand:
    # crumb rubber per m² = 0.0508 m (§2.3) x 2320 kg/m³ (§2.4) x 7.4 % binder (§2.2)
    #   x 20 % crumb rubber in the binder (§2.1) = 117.856 x 0.074 x 0.20 = 1.7442688 kg/m²;
    # tyres = 2.0e6 m² x 1.7442688 kg/m² / 6.35 kg crumb per PTE (§2.5) = 549,376
    crumb_per_m2 = 0.0508 * 2320 * 0.074 * 0.20
    literature_tyres = 2.0e6 * crumb_per_m2 / 6.35
    # issue 20: every number with its unit (a Quantity per cell: the units differ by row)
    assert frame.loc["tyres", "literature"].to("tyre").magnitude == pytest.approx(
        literature_tyres, rel=1e-9
    )
    assert frame.loc["co2", "stated"] == Q_(3.0e5, "t")
    assert frame.loc["tyres", "plausibility"] == Q_(100.0, "percent")
    assert frame.loc["pm25_decline", "literature"] is None
    markdown = report.to_markdown()
    assert markdown.count("\n| ") >= len(IDS)
    html = report._repr_html_()
    claims_table = html.split("<table>", 1)[1].split("</table>", 1)[0]
    assert claims_table.count("<tr") == len(IDS) + 1
    text = report.to_text()
    assert (
        "4 of 4 checkable claims hold on their basis (1 independent, 3 reproduced by "
        "calibration); against the literature, 3 figures are implausible (outside the "
        "0.1–99.9th percentiles); sources disagree on 1 figure; 6 not checkable." in text
    )
    assert "holds (independent)" in text
    assert "reproduced (calibrated to the 2019 report)" in text
    assert "above the 99.9th percentile" in text  # the independent plausibility
    assert "calibrated" in text.splitlines()[-1]  # the caveat of a calibrated preset
    assert repr(report) == f"<Report 'etown-2019': {report.summary.headline}>"
    assert "What the three reports say:" in text
    assert report["kitchen"].computed.to("percent").magnitude == 100
    # The calibration is shown: the same crumb rubber per m² spread over the reported
    # 2.73e6 tyres on 2.0e6 m² (§1), 1.7442688 / 1.365 = 1.278 kg of crumb per tyre
    crumb_per_tyre = crumb_per_m2 / (2.73e6 / 2.0e6)
    assert f"{crumb_per_tyre:.3f} kg/tyre" in text


def test_cli_json_contract(capsys):
    assert cli.main(["reproduce", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {
        "wasteless",
        "source",
        "preset",
        "summary",
        "claims",
        "literature",
        "calibration",
        "reports",
        "readings",
        "timeline",
        "rates",
        "disagreements",
    }
    assert report["summary"]["disputed"] == ["tyres"]
    assert report["summary"]["implausible"] == ["tyres", "co2", "area"]
    assert [r["id"] for r in report["reports"]] == ["2018-11-02", "2019-07-23", "2020-01-17"]
    assert report["wasteless"] == wasteless.__version__
    assert report["preset"]["name"] == "etown-2019"
    assert report["preset"]["calibrated"] is True
    assert {f["factor"] for f in report["calibration"]["factors"]} == {
        "crumb_rubber_per_tyre",
        "tyre_mass",
        "co2_per_coal_equivalent",
    }
    records = report["claims"]
    assert [r["id"] for r in records] == IDS
    for r in records:
        assert {"id", "statement", "quote", "stated", "computed", "holds"} <= set(r)
        assert {"basis", "verdict"} <= set(r)
        # a calibrated reproduction is never serialised as a bare "holds"
        if r["basis"] == "calibrated":
            assert r["verdict"].startswith(("reproduced (calibrated", "not reproduced"))
        assert {"value", "unit", "relation"} <= set(r["stated"])
        if r["computed"] is not None:
            assert {"value", "unit"} <= set(r["computed"])
    by_id = {r["id"]: r for r in records}
    assert by_id["tyres"]["stated"] == {
        "value": 2.7e6,
        "unit": "tyre",
        "relation": ">",
        "resolution": 1e4,
    }
    assert by_id["tyres"]["holds"] is True
    assert by_id["sewage"]["holds"] is None
    assert by_id["sewage"]["computed"] is None
    assert by_id["tyres"]["literature"]["holds"] is False
    for claim_id in ("tyres", "co2", "area"):
        assert by_id[claim_id]["basis"] == "calibrated"
        assert by_id[claim_id]["verdict"] == "reproduced (calibrated to the 2019 report)"
        plausible = by_id[claim_id]["plausibility"]
        assert plausible["n"] == 100_000
        assert plausible["seed"] == 20200117
    assert by_id["pm25_decline"]["basis"] == "independent"
    assert by_id["pm25_decline"]["verdict"] == "holds (independent)"
    assert "plausibility" not in by_id["pm25_decline"]
    # numbers rounded to their meaningful precision: no 2730000.0000000005
    assert by_id["tyres"]["computed"]["value"] == 2730000.0


def test_cli_formats_and_exit_codes(capsys):
    assert cli.main(["reproduce", "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("**")
    assert cli.main(["reproduce", "--preset", "literature"]) == 1
    assert "tyres" in capsys.readouterr().out
    # --strict: the claims hold, but three figures are implausible and the reports
    # disagree on the tyre count (issue 20)
    assert cli.main(["reproduce", "--strict"]) == 1
    assert "sources disagree on 1 figure" in capsys.readouterr().out
    assert cli.main(["reproduce", "--strict", "--preset", "literature"]) == 1
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        cli.main(["reproduce", "--help"])
    assert exc.value.code == 0
    assert "--strict" in capsys.readouterr().out
    for bad in (["reproduce", "--preset", "nope"], ["reproduce", "--format", "xml"], []):
        with pytest.raises(SystemExit) as exc:
            cli.main(bad)
        assert exc.value.code == 2


@pytest.mark.slow  # two interpreter start-ups, about 1.2 s
def test_python_dash_m():
    done = subprocess.run(
        [sys.executable, "-m", "wasteless", "reproduce", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["claims"][0]["id"] == "kitchen"
    done = subprocess.run(
        [sys.executable, "-m", "wasteless", "reproduce", "--preset", "literature"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1


@pytest.mark.slow  # two interpreter start-ups, about 1.5 s
def test_json_pipes_into_json_tool():
    # issue 20: `python -m wasteless reproduce --format json | python -m json.tool` works
    producer = subprocess.Popen(
        [sys.executable, "-m", "wasteless", "reproduce", "--format", "json"],
        stdout=subprocess.PIPE,
    )
    tool = subprocess.run(
        [sys.executable, "-m", "json.tool"],
        stdin=producer.stdout,
        capture_output=True,
        check=False,
    )
    producer.stdout.close()
    assert producer.wait() == 0
    assert tool.returncode == 0, tool.stderr
    assert json.loads(tool.stdout)["summary"]["disputed"] == ["tyres"]
