"""The input check of a large array on a second thread (wasteless._overlap).

The claim under test: with the helper on, a monotone model returns the same bits, raises
the same errors and gives the same warnings as when it checks first in the caller's
thread; only the time differs. To exercise the helper on small arrays, the tests lower
``MIN_SIZE`` to 1 and count the checks the helper ran.
"""

from __future__ import annotations

import math
import os
import threading
import time
import warnings

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from wasteless import Q_, _overlap, carbon, paving
from wasteless.errors import InputError
from wasteless.units import unit_function


@pytest.fixture
def helper(monkeypatch):
    """The helper on for arrays of any size, as on a 2-CPU machine; counts its checks."""
    return _helper_on(monkeypatch)


def _helper_on(monkeypatch):
    monkeypatch.setattr(_overlap, "MIN_SIZE", 1)
    monkeypatch.setattr(_overlap, "_cpus", 2)
    monkeypatch.setenv(_overlap.ENVIRONMENT, "1")
    ran = []
    run = _overlap._run

    def counted(task, lock):
        ran.append(threading.current_thread().name)
        return run(task, lock)

    monkeypatch.setattr(_overlap, "_run", counted)
    return ran


@unit_function("m", monotone=True, x="m")
def _sqrt_from_one(x):
    """Monotone where x >= 1; NaN with an 'invalid' warning below 1 (then refused)."""
    return np.sqrt(x - 1.0)


@unit_function("m", monotone=True, x="m")
def _picky(x):
    """Raises its own error for an input over 1e6 (a kernel may)."""
    if np.max(x) > 1e6:
        raise ValueError("picky: over 1e6")
    return x * 2.0


def _outcome(call, *args):
    """What a call gives: ('ok', bits, units) or ('error', type, message); and warnings."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = call(*args)
        except Exception as error:  # the comparison is the point
            outcome = ("error", type(error), str(error))
        else:
            magnitude = result.magnitude
            outcome = ("ok", magnitude.tobytes(), magnitude.shape, str(result.units))
    return outcome, [(w.category, str(w.message)) for w in caught]


_values = st.one_of(
    st.floats(0.0, 1e300, allow_subnormal=True),
    st.sampled_from([math.nan, math.inf, -math.inf, -1.0, -0.0, 0.0, 1e308, 0.5, 1.0]),
)
_models = [paving.tyres_for_area, paving.area_for_tyres, carbon.co2_avoided, _sqrt_from_one]
_units = {
    paving.tyres_for_area: "m**2",
    paving.area_for_tyres: "tyre",
    carbon.co2_avoided: "tyre",
    _sqrt_from_one: "m",
    _picky: "m",
}


@given(
    st.lists(_values, min_size=1, max_size=40),
    st.sampled_from([*_models, _picky]),
    st.sampled_from(["warn", "ignore", "raise"]),
)
@example([-1.0, 0.5], _sqrt_from_one, "warn")  # bad input that the kernel warns about
@example([-math.inf], _sqrt_from_one, "raise")  # ... or raises FloatingPointError for
@example([0.5, 2.0], _sqrt_from_one, "warn")  # good input that warns: computed again
@example([0.5], _sqrt_from_one, "raise")  # good input, FloatingPointError
@example([2e6, -1.0], _picky, "ignore")  # bad input and a kernel that raises: the check's
@example([2e6, 1.0], _picky, "ignore")  # good input and a kernel that raises: the kernel's
@example([1e308, 1.0], paving.area_for_tyres, "warn")  # overflow
@example([1e308, 5e-324], paving.area_for_tyres, "raise")  # underflow: again, overflow too
@example([-0.0, 1.0], paving.tyres_for_area, "warn")  # -0.0: allowed, no peak
@example([math.nan], carbon.co2_avoided, "warn")
def test_the_helper_changes_nothing_but_the_time(values, model, errors):
    area = Q_(np.array(values), _units[model])
    with pytest.MonkeyPatch.context() as monkeypatch, np.errstate(all=errors):
        helper = _helper_on(monkeypatch)
        monkeypatch.setenv(_overlap.ENVIRONMENT, "0")
        alone = _outcome(model, area)
        monkeypatch.setenv(_overlap.ENVIRONMENT, "1")
        beside = _outcome(model, area)
    assert len(helper) == 1  # the helper did check this one, and only this one
    assert beside == alone


def test_the_helper_runs_on_its_own_thread_and_is_free_again_after_a_refusal(helper):
    good = Q_(np.linspace(0.0, 1e6, 1001), "m**2")
    bad = Q_(np.array([1.0, -2.0, 3.0]), "m**2")
    with pytest.raises(InputError, match=r"area must be >= 0; .* 1 negative value"):
        paving.tyres_for_area(bad)
    assert not _overlap._free.locked()
    expected = good.magnitude * paving.tyres_per_area().magnitude
    assert np.array_equal(paving.tyres_for_area(good).magnitude, expected)
    assert helper == ["wasteless-check_0", "wasteless-check_0"]
    assert not _overlap._free.locked()


def test_a_chain_is_checked_once_on_the_helper(helper):
    tyres = paving.tyres_for_area(Q_(np.linspace(0.0, 1e6, 1001), "m**2"))
    carbon.co2_avoided(tyres)  # the model's own proven result: no check at all
    assert len(helper) == 1


def test_a_busy_helper_is_not_waited_for(helper):
    area = Q_(np.linspace(0.0, 1e6, 1001), "m**2")
    assert _overlap._free.acquire(blocking=False)  # as if another thread's check ran
    try:
        busy = paving.tyres_for_area(area)
    finally:
        _overlap._free.release()
    assert helper == []  # checked in the caller's thread
    assert np.array_equal(busy.magnitude, paving.tyres_for_area(area).magnitude)
    assert len(helper) == 1


def test_the_helper_is_off_for_small_arrays_one_cpu_and_when_turned_off(helper, monkeypatch):
    area = Q_(np.linspace(0.0, 1e6, 1001), "m**2")
    monkeypatch.setattr(_overlap, "MIN_SIZE", 1002)
    paving.tyres_for_area(area)
    monkeypatch.setattr(_overlap, "MIN_SIZE", 1001)
    monkeypatch.setattr(_overlap, "_cpus", 1)
    paving.tyres_for_area(area)
    monkeypatch.setattr(_overlap, "_cpus", 2)
    monkeypatch.setenv(_overlap.ENVIRONMENT, "0")
    paving.tyres_for_area(area)
    assert helper == []
    monkeypatch.setenv(_overlap.ENVIRONMENT, "1")
    paving.tyres_for_area(area)
    assert len(helper) == 1


def test_an_unknown_setting_of_the_environment_variable_is_refused(helper, monkeypatch):
    monkeypatch.setenv(_overlap.ENVIRONMENT, "yes")
    with pytest.raises(InputError, match=r"WASTELESS_CHECK_THREAD='yes': give 1 .* or 0"):
        paving.tyres_for_area(Q_(np.ones(3), "m**2"))


def test_the_cpus_counted_are_those_the_process_may_run_on(monkeypatch):
    monkeypatch.setattr(_overlap, "_cpus", None)
    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    counted = _overlap._usable_cpus()
    assert counted == (expected or os.cpu_count() or 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert _overlap._usable_cpus() == counted  # counted once a process
    monkeypatch.setattr(_overlap, "_cpus", None)
    assert _overlap._usable_cpus() == 1  # e.g. taskset -c 0: the helper stays off


def test_a_thread_that_cannot_start_means_checking_in_the_callers_thread(helper, monkeypatch):
    class Refusing:
        def submit(self, *args):
            raise RuntimeError("can't start new thread")

    monkeypatch.setattr(_overlap, "_executor", Refusing())
    area = Q_(np.linspace(0.0, 1e6, 1001), "m**2")
    assert np.array_equal(
        paving.tyres_for_area(area).magnitude,
        area.magnitude * paving.tyres_per_area().magnitude,
    )
    assert helper == []
    assert not _overlap._free.locked()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is POSIX only")
def test_a_forked_child_makes_its_own_helper(helper):
    area = Q_(np.linspace(0.0, 1e6, 1001), "m**2")
    expected = paving.tyres_for_area(area).magnitude.tobytes()  # the parent's helper exists
    assert _overlap._executor is not None
    with warnings.catch_warnings():  # 3.12+: "use of fork() may lead to deadlocks"
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: a call must not wait for the parent's (absent) helper
        code = 1
        try:
            same = paving.tyres_for_area(area).magnitude.tobytes() == expected
            code = 0 if same and _overlap._executor is not None else 1
        finally:
            os._exit(code)
    deadline = time.monotonic() + 60
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            pytest.fail("the forked child hung on the parent's helper")
        time.sleep(0.01)
    assert os.waitstatus_to_exitcode(status) == 0


def test_at_the_default_threshold_a_large_array_is_checked_on_the_helper(monkeypatch):
    monkeypatch.setattr(_overlap, "_cpus", 2)  # as on any machine with two CPUs or more
    monkeypatch.delenv(_overlap.ENVIRONMENT, raising=False)  # the default: on
    ran = []
    run = _overlap._run
    monkeypatch.setattr(_overlap, "_run", lambda task, lock: ran.append(1) or run(task, lock))
    below = np.full(_overlap.MIN_SIZE - 1, 3.0)
    paving.tyres_for_area(Q_(below, "m**2"))
    assert ran == []
    at = np.full(_overlap.MIN_SIZE, 3.0)
    at[-1] = math.nan
    expected = rf"1 NaN or infinite value\(s\) of {at.size}, the first nan at flat position"
    with pytest.raises(InputError, match=expected):
        paving.tyres_for_area(Q_(at, "m**2"))
    assert ran == [1]
    at[-1] = 3.0
    assert np.array_equal(
        paving.tyres_for_area(Q_(at, "m**2")).magnitude, at * paving.tyres_per_area().magnitude
    )
    assert ran == [1, 1]
