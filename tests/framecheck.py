"""pandas' frame comparisons for the tests, with categorical columns compared fast.

For a categorical column, ``pd.testing.assert_frame_equal`` (pandas 3) first compares
the values one by one, boxing every value (about 7 us a value with string categories:
5 s for 700,000 rows), and then compares the categories and the codes exactly
(``assert_categorical_equal``). Equal categories and codes imply equal values, so the
first comparison adds nothing. With ``check_exact=True`` pandas skips the boxing loop and
keeps the exact comparison of categories and codes; the helpers here pass it for the
categorical columns only. Everything else (index, column labels and order, dtypes, the
other columns, with the caller's options) is compared by pandas as before.
"""

from __future__ import annotations

from typing import Any

import pandas as pd


def _categorical(dtype: Any) -> bool:
    return isinstance(dtype, pd.CategoricalDtype)


def assert_series_equal(left: Any, right: Any, **options: Any) -> None:
    """``pd.testing.assert_series_equal``; categorical Series compared exactly, fast."""
    __tracebackhide__ = True
    if (
        isinstance(left, pd.Series)
        and isinstance(right, pd.Series)
        and _categorical(left.dtype)
        and _categorical(right.dtype)
    ):
        options = {k: v for k, v in options.items() if k not in ("rtol", "atol")}
        options["check_exact"] = True
    pd.testing.assert_series_equal(left, right, **options)


def assert_frame_equal(left: Any, right: Any, **options: Any) -> None:
    """``pd.testing.assert_frame_equal``; categorical columns compared exactly, fast."""
    __tracebackhide__ = True
    if not (isinstance(left, pd.DataFrame) and isinstance(right, pd.DataFrame)):
        pd.testing.assert_frame_equal(left, right, **options)
        return
    positions = [i for i, dtype in enumerate(left.dtypes) if _categorical(dtype)]
    if not positions or options.get("check_like") or left.shape != right.shape:
        pd.testing.assert_frame_equal(left, right, **options)
        return
    others = [i for i in range(left.shape[1]) if i not in positions]
    # labels, order, index and the other columns, as pandas compares them
    pd.testing.assert_index_equal(left.columns, right.columns, obj="DataFrame.columns")
    pd.testing.assert_frame_equal(left.iloc[:, others], right.iloc[:, others], **options)
    exact = {k: v for k, v in options.items() if k in ("check_dtype", "check_names")}
    for i in positions:
        assert_series_equal(
            left.iloc[:, i],
            right.iloc[:, i],
            check_exact=True,
            obj=f'DataFrame.iloc[:, {i}] (column name="{left.columns[i]}")',
            **exact,
        )
