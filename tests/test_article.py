"""The article's rubber-asphalt claims, computed, and the CLI around them."""

import json
import subprocess
import sys

import pytest

from wasteless import Q_, article, cli, paving, presets


def test_claims_hold_under_etown_preset():
    rows = article.reproduce_tyres(presets.ETOWN_2019)
    assert [r.id for r in rows] == ["area", "tyres", "co2"]
    assert all(r.holds for r in rows)
    by_id = {r.id: r for r in rows}
    assert by_id["tyres"].computed.to("tyre").magnitude == pytest.approx(2.73e6)
    assert by_id["co2"].computed.to("t").magnitude == pytest.approx(3.07e5)


def test_literature_shows_the_gap():
    rows = {r.id: r for r in article.reproduce_tyres(presets.LITERATURE)}
    assert not rows["tyres"].holds
    assert not rows["co2"].holds
    # the area that 2.7e6 PTE would need under one literature lift
    expected = paving.area_for_tyres(Q_(2.7e6, "tyre")).to("m**2").magnitude
    assert rows["area"].computed.to("m**2").magnitude == pytest.approx(expected)
    assert expected > 9e6


def test_computed_values_come_from_the_models():
    # change a parameter: the computed column must move with it
    import dataclasses

    thicker = dataclasses.replace(
        presets.ETOWN_2019,
        paving=dataclasses.replace(presets.ETOWN_2019.paving, layer_thickness=Q_(25.4, "mm")),
    )
    rows = {r.id: r for r in article.reproduce_tyres(thicker)}
    assert rows["tyres"].computed.to("tyre").magnitude == pytest.approx(2.73e6 / 2)
    assert not rows["tyres"].holds


def test_literature_comparison():
    tyres_per_area, co2_per_tyre = article.literature_comparison()
    assert tyres_per_area.implied.magnitude == pytest.approx(2.7)
    assert 0.1 < tyres_per_area.low.magnitude < tyres_per_area.model.magnitude
    assert tyres_per_area.model.magnitude < tyres_per_area.high.magnitude < 0.7
    assert not tyres_per_area.within
    assert co2_per_tyre.implied.to("kg/tyre").magnitude == pytest.approx(111.1, abs=0.05)
    # EPA combustion factor x 20 lb .. 100 lb: 24.1 .. 120.4 kg (factors.md §3.4)
    assert co2_per_tyre.low.to("kg/tyre").magnitude == pytest.approx(24.07, abs=0.01)
    assert co2_per_tyre.high.to("kg/tyre").magnitude == pytest.approx(120.35, abs=0.01)
    assert co2_per_tyre.within


def test_cli_text(capsys):
    assert cli.main(["reproduce"]) == 0
    out = capsys.readouterr().out
    assert "etown-2019" in out
    assert "OUTSIDE" in out  # tyres per m2 against the literature
    assert "1.278 kg/tyre" in out  # the calibration is shown


def test_cli_literature_fails(capsys):
    assert cli.main(["reproduce", "--preset", "literature"]) == 1
    assert "FAILS" in capsys.readouterr().out


def test_cli_json(capsys):
    assert cli.main(["reproduce", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in records] == ["area", "tyres", "co2"]
    for r in records:
        assert {"id", "statement", "quote", "stated", "computed", "holds"} <= set(r)
        assert {"value", "unit", "relation"} <= set(r["stated"])
        assert r["holds"] is True
    assert records[1]["stated"] == {"value": 2.7e6, "unit": "tyre", "relation": ">"}


def test_cli_bad_usage():
    with pytest.raises(SystemExit) as exc:
        cli.main(["reproduce", "--preset", "nope"])
    assert exc.value.code == 2


def test_python_dash_m():
    done = subprocess.run(
        [sys.executable, "-m", "wasteless", "reproduce", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["id"] == "area"
