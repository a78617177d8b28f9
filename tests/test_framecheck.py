"""The frame comparison of the tests (tests/framecheck.py) still fails where pandas' does."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from framecheck import assert_frame_equal, assert_series_equal


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "station": pd.Categorical(["1001A", "1002A", None, "1001A"]),
            "value": [1.0, np.nan, 3.0, 4.0],
            "name": pd.Categorical(["a", "b", "c", "a"], categories=["c", "b", "a"]),
        },
        index=pd.date_range("2019-01-01", periods=4, freq="h"),
    )


def test_equal_frames_and_series_pass():
    assert_frame_equal(_frame(), _frame())
    assert_series_equal(_frame()["station"], _frame()["station"])


@pytest.mark.parametrize(
    "change",
    [
        "a station code",
        "a missing code",
        "the categories' order",
        "an unused category",
        "a value",
        "a categorical column as text",
        "the index",
        "a column label",
        "the column order",
    ],
)
def test_every_difference_fails_as_it_does_in_pandas(change):
    left, right = _frame(), _frame()
    if change == "a station code":
        right["station"] = pd.Categorical(["1001A", "1002A", None, "1002A"])
    elif change == "a missing code":
        right["station"] = pd.Categorical(["1001A", "1002A", "1001A", "1001A"])
    elif change == "the categories' order":
        right["name"] = right["name"].cat.reorder_categories(["a", "b", "c"])
    elif change == "an unused category":
        right["station"] = right["station"].cat.add_categories(["9999A"])
    elif change == "a value":
        right.iloc[3, 1] = 4.5
    elif change == "a categorical column as text":
        right["station"] = right["station"].astype(object)
    elif change == "the index":
        right.index = right.index + pd.Timedelta("1h")
    elif change == "a column label":
        right = right.rename(columns={"name": "city"})
    else:
        right = right[["value", "station", "name"]]
    with pytest.raises(AssertionError):
        pd.testing.assert_frame_equal(left, right)  # pandas sees the difference ...
    with pytest.raises(AssertionError):
        assert_frame_equal(left, right)  # ... and so does the helper
    if change in ("a station code", "a missing code", "an unused category"):
        with pytest.raises(AssertionError):
            assert_series_equal(left["station"], right["station"])
