"""The shipped Beijing extract: layout, provenance, and equality with the raw data."""

import numpy as np
import pytest

from wasteless import air, datasets
from wasteless.errors import InputError


def test_layout_matches_daily_means():
    daily = datasets.beijing_daily_pm25()
    assert daily.index.names == ["station", "date"]
    assert len(daily) == 12 * 1461  # 12 stations x 1,461 days (data README)
    assert {"mean", "n_hours", "coverage", "valid"} <= set(daily.columns)
    assert str(daily["mean"].dtype.units) == "microgram / meter ** 3"
    assert (daily["valid"] == (daily["n_hours"] >= 20)).all()
    assert daily.loc[~daily["valid"], "mean"].pint.magnitude.isna().all()
    # usable by the aggregates as it is
    annual = air.annual_means(daily)
    assert annual.loc[("Dongsi", 2015), "valid"]


def test_min_hours():
    assert (
        datasets.beijing_daily_pm25(1)["valid"].sum()
        > datasets.beijing_daily_pm25()["valid"].sum()
    )
    with pytest.raises(InputError, match="min_hours"):
        datasets.beijing_daily_pm25(0)


def test_attribution_names_the_source_and_licence():
    text = datasets.BEIJING_ATTRIBUTION
    assert "archive.ics.uci.edu/dataset/501" in text
    assert "CC BY 4.0" in text
    assert "20170457" in text


def test_extract_equals_raw_data(beijing_long):
    long = beijing_long.assign(day_start=beijing_long["time"].dt.normalize())
    by_hand = long.groupby(["station", "day_start"])["PM2.5"].agg(["count", "mean"])
    shipped = datasets.beijing_daily_pm25(min_hours=1)
    by_hand.index = by_hand.index.set_names(["station", "date"])
    by_hand = by_hand.reindex(shipped.index)
    np.testing.assert_array_equal(shipped["n_hours"].to_numpy(), by_hand["count"].to_numpy())
    np.testing.assert_allclose(
        shipped["mean"].pint.magnitude.to_numpy(dtype=float),
        by_hand["mean"].to_numpy(dtype=float),
        rtol=1e-9,
    )
