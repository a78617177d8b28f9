"""One judgement vocabulary: relations by hand, one margin sign for claims, targets and
limits, HTML views that escape what they show."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wasteless import Q_, claims, waste
from wasteless.air import standards
from wasteless.errors import InputError
from wasteless.judgement import COMPARISONS, RELATIONS, compare, falling, relation_name


# Each relation written out by hand on a point value (lo = hi = v) against t.
def by_hand(relation, v, t, half=0.0):
    return {
        ">": v > t,
        ">=": v >= t,
        "<": v < t,
        "<=": v <= t,
        "~": t - half <= v <= t + half,
        "==": (t - half <= v < t + half) if half > 0 else v == t,
    }[relation]


@given(
    relation=st.sampled_from(COMPARISONS),
    value=st.floats(-1e6, 1e6),
    threshold=st.floats(-1e6, 1e6),
    half=st.sampled_from([0.0, 0.5, 5.0]),
)
def test_every_relation_on_a_point_is_the_one_written_by_hand(relation, value, threshold, half):
    assert compare(value, value, relation, threshold, half)[0] is by_hand(
        relation, value, threshold, half
    )


def test_the_edges_of_the_relations():
    assert compare(2.7e6, 2.7e6, ">", 2.7e6)[0] is False  # 超: equal is not more
    assert compare(1e6, 1e6, ">=", 1e6)[0] is True  # 达: equal is reached
    assert compare(47.5, 47.5, "==", 47.0, half=0.5)[0] is False  # half-open at the top
    assert compare(47.5, 47.5, "~", 47.0, half=0.5)[0] is True  # closed for "about"
    # an interval holds "==" when some value in it is consistent with the stated figure
    assert compare(45.96, 47.85, "==", 47.0, half=0.5)[0] is True
    assert compare(45.96, 47.85, "==", 49.0, half=0.5)[0] is False


def test_relation_names_and_errors():
    assert relation_name("≥") == ">="
    assert relation_name("≤") == "<="
    assert set(RELATIONS) == {*COMPARISONS, "falling"}
    with pytest.raises(InputError, match="relation must be one of"):
        relation_name("=>")
    with pytest.raises(InputError, match="falling"):
        RELATIONS["falling"].test(1.0, 1.0, 0.0)
    assert falling([3.0, 2.0, 1.0])[0] is True
    assert falling([3.0, 3.0])[0] is False
    with pytest.raises(InputError, match="two values"):
        falling([1.0])


def test_one_margin_sign_for_claims_targets_and_limits():
    # a value 5 above its threshold has margin +5 in each result type
    claim = claims.Claim("x", "", "", Q_(100, "percent"), ">=")
    verdict = claims.check(claim, Q_(105, "percent"))
    target = waste.etown_targets()["sewage_treatment_rate"]  # >= 100 %
    progress = waste.progress(target, Q_(105, "percent"))
    compliance = standards.compliance(Q_(40, "ug/m3"), "GB3095-2012-II", averaging="annual")
    for result, expected in ((verdict, 5.0), (progress, 5.0), (compliance, 5.0)):
        assert result.margin.magnitude == pytest.approx(expected)
        assert result.value.to(result.threshold.units).magnitude - result.threshold.magnitude == (
            pytest.approx(expected)
        )
    assert (verdict.holds, progress.holds, compliance.holds) == (True, True, False)
    assert compliance.relation == "<="
    assert progress.relation == ">="
    assert verdict.relation == ">="
    assert progress.gap == progress.margin  # the 0.1 name still works


def test_a_24h_limit_is_judged_by_its_percentile():
    days = Q_(np.linspace(10.0, 100.0, 365), "ug/m**3")
    result = standards.compliance(days, "GB3095-2012-II", averaging="24h")
    # hand: k = 1 + 364 * 0.95 = 346.8; x(346) = 10 + 345 * 90/364, step 90/364
    step = 90.0 / 364.0
    p95 = 10.0 + 345 * step + 0.8 * step
    assert result.value.magnitude == pytest.approx(p95)
    assert result.margin.magnitude == pytest.approx(p95 - 75.0)


def test_html_views_escape_every_string():
    claim = claims.Claim("<script>", "<b>quote</b>", "x & y", Q_(1, "tyre"), ">")
    html = claims.check(claim, Q_(2, "tyre"))._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    compliance = standards.compliance(Q_(40, "ug/m3"), "GB3095-2012-II", averaging="annual")
    view = compliance._repr_html_()
    assert "GB3095-2012-II" in view
    assert "margin (value − threshold)" in view
    assert (
        "<table>"
        in waste.progress(waste.etown_targets()["sewage_treatment_rate"], 1.0)._repr_html_()
    )


# --- one relations table, one word table, one "keeps falling" ---------------------------


def test_the_relation_wordings_read_as_before():
    # typed from 0.2's wordings, which the reports and the JSON schema show
    assert {s: r.wording for s, r in RELATIONS.items()} == {
        ">": "more than (超/超过/逾)",
        ">=": "at least (达/达到/以上/保持)",
        "<": "less than (不足/不到)",
        "<=": "at most (以下/不超过)",
        "~": "about (约/近)",
        "==": "equal at the stated precision",
        "falling": "keeps falling (继续下降)",
    }


def test_the_parser_reads_the_one_word_table():
    from wasteless import judgement, zh

    assert dict(zh.RELATION_WORDS) == {
        word: symbol
        for word, (symbol, where) in judgement.RELATION_WORDS.items()
        if where != "phrase"
    }
    for relation in RELATIONS.values():
        assert set(relation.words) <= set(judgement.RELATION_WORDS), relation.symbol


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("claims", {s: r.wording for s, r in RELATIONS.items()}),
        ("waste", {s: RELATIONS[s].wording for s in (">=", ">", "<=", "<", "==")}),
        ("zh", COMPARISONS),
    ],
)
def test_the_old_relations_names_warn_and_still_work(module, expected):
    import importlib

    found = importlib.import_module(f"wasteless.{module}")
    with pytest.deprecated_call(match="RELATIONS is deprecated"):
        old = found.RELATIONS
    assert (dict(old) if isinstance(expected, dict) else old) == expected


@given(st.lists(st.integers(0, 50), min_size=2, max_size=8))
def test_keeps_falling_is_the_judgements_falling(values):
    import pandas as pd

    from wasteless import change

    series = pd.Series([float(v) for v in values], index=range(2000, 2000 + len(values)))
    assert change.keeps_falling(series, "ug/m3") == falling([float(v) for v in values])[0]
