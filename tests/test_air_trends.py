"""Mann–Kendall p-values of :func:`wasteless.air.trend`: exact, and the normal
approximation with and without the continuity correction.

Expected values are computed here by hand (S, its tie-corrected variance) and by brute
force (every permutation of a small sample), not by the code under test.
"""

import itertools
import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from wasteless import air
from wasteless.errors import InputError

# The example: small and tied, where the correction flips significance at 5 %.
TIED = [2.0, 1.0, 2.0, 2.0, 4.0, 3.0, 5.0, 3.0]
YEARS = range(2015, 2023)


def _s_and_variance(y):
    n = len(y)
    s = sum(np.sign(y[j] - y[i]) for i in range(n) for j in range(i + 1, n))
    ties = [t for t in Counter(y).values() if t > 1]
    variance = (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in ties)) / 18
    return s, variance


def _permutation_p(y):
    """Exact two-sided p-value of S given the ties: every ordering of the values."""
    s0, _ = _s_and_variance(y)
    # every ordering as a row (8! = 40,320 rows); S of each row, over the pairs i < j
    orderings = np.array(list(itertools.permutations(y)))
    i, j = np.triu_indices(len(y), k=1)
    s = np.sign(orderings[:, j] - orderings[:, i]).sum(axis=1)
    return float(np.mean(np.abs(s) >= abs(s0)))


def test_tied_sample_by_hand_and_by_permutation():
    s, variance = _s_and_variance(TIED)
    # n = 8: 8*7*21 = 1176; ties: three 2s (3*2*11 = 66), two 3s (2*1*9 = 18)
    assert s == 16
    assert variance == pytest.approx((1176 - 66 - 18) / 18)
    corrected = 2 * stats.norm.sf((s - 1) / math.sqrt(variance))
    plain = 2 * stats.norm.sf(s / math.sqrt(variance))
    series = pd.Series(TIED, index=YEARS)
    with_correction = air.trend(series, units="ug/m3")
    without = air.trend(series, units="ug/m3", continuity_correction=False)
    assert with_correction.p_value == pytest.approx(corrected, rel=1e-12)
    assert without.p_value == pytest.approx(plain, rel=1e-12)
    assert round(with_correction.p_value, 3) == 0.054  # pymannkendall's value
    assert round(without.p_value, 3) == 0.040  # scipy's kendalltau, wasteless 0.1
    assert with_correction.p_value_method == "normal, continuity-corrected"
    assert without.p_value_method == "normal"
    # the exact permutation p-value (0.0506) is not significant at 5 %: the corrected
    # approximation agrees, the uncorrected one does not
    exact = _permutation_p(TIED)
    assert exact == pytest.approx(0.0506, abs=1e-4)
    assert abs(with_correction.p_value - exact) < abs(without.p_value - exact)
    assert not with_correction.significant
    assert without.significant


def test_without_ties_small_samples_are_exact():
    series = pd.Series([60.0, 55.0, 57.0, 50.0, 45.0], index=range(2015, 2020))
    result = air.trend(series, units="ug/m3")
    assert result.p_value_method == "exact"
    assert result.p_value == pytest.approx(_permutation_p(list(series)), rel=1e-12)
    # the exact p-value does not depend on the option
    assert air.trend(series, units="ug/m3", continuity_correction=False).p_value == (
        result.p_value
    )


def test_long_series_without_ties_uses_the_normal_approximation():
    rng = np.random.default_rng(3)
    values = 40.0 + rng.normal(size=50)
    series = pd.Series(values, index=range(1970, 2020))
    plain = air.trend(series, units="ug/m3", continuity_correction=False)
    assert plain.p_value == pytest.approx(stats.kendalltau(np.arange(50), values).pvalue)
    s, variance = _s_and_variance(list(values))
    corrected = air.trend(series, units="ug/m3")
    expected = 2 * stats.norm.sf((abs(s) - 1) / math.sqrt(variance))
    assert corrected.p_value == pytest.approx(expected, rel=1e-12)
    assert corrected.p_value > plain.p_value


def test_no_trend_gives_p_one():
    series = pd.Series([2.0, 1.0, 1.0, 2.0], index=range(2000, 2004))
    s, _ = _s_and_variance(list(series))
    assert s == 0
    assert air.trend(series, units="ug/m3").p_value == 1.0


def test_continuity_correction_must_be_a_bool():
    with pytest.raises(InputError, match="continuity_correction"):
        air.trend(pd.Series(TIED, index=YEARS), units="ug/m3", continuity_correction="yes")
