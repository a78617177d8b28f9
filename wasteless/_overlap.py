"""The input check of a large array, run on a second core while the model computes.

A monotone model (:func:`wasteless.units.unit_function` with ``monotone=True``) given a
float64 array must read the whole array once to prove every value finite and >= 0 (one
``max`` over its bit patterns). On a 1e6-element array that pass costs about 0.4x the
model's own multiply, and NumPy has no ufunc that checks while it multiplies. So when
the array is large and the process may run on a second CPU, the check runs on one helper
thread while the caller's thread runs the model; both release the GIL inside NumPy. The
caller then waits for the check, and a bad value is refused exactly as before: the
result computed meanwhile is dropped (``_checked_beside`` in :mod:`wasteless.units`
keeps the result, the errors and the warnings those of checking first). It saves wall
time, not CPU time.

Rules, so that the helper never surprises a caller:

* one helper thread a process (:class:`concurrent.futures.ThreadPoolExecutor`, started
  on first use), and never a queue: a call that finds the helper busy (another thread's
  check) checks in its own thread instead;
* only for arrays of at least :data:`MIN_SIZE` values (below it, waking the helper costs
  more than the check) and only when the process may run on two CPUs or more;
* off when the environment variable ``WASTELESS_CHECK_THREAD`` is ``0`` (``1`` or unset:
  on), read at each call;
* a forked child starts without the parent's helper (``os.register_at_fork``) and makes
  its own on first use; a platform without threads, or an interpreter shutting down,
  checks in the caller's thread.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from wasteless.errors import InputError

__all__ = ["ENVIRONMENT", "MIN_SIZE", "start"]

T = TypeVar("T")

#: Arrays with fewer values are checked in the caller's thread. Measured on a 2-CPU VM
#: (``python benchmarks/bench_tyres.py --break-even``): waking the helper costs about
#: 50 us, the check about 0.09 us per 1,000 values, so the helper pays from about 2**19
#: values (4 MiB of float64) on; at 2**18 it was still slower than checking in the caller.
MIN_SIZE = 2**19

#: The environment variable that turns the helper off (``0``) or on (``1``, the default).
ENVIRONMENT = "WASTELESS_CHECK_THREAD"

_executor: ThreadPoolExecutor | None = None
_free = threading.Lock()  # held from submitting a task until the helper has run it
_cpus: int | None = None


def _usable_cpus() -> int:
    """How many CPUs this process may run on (its affinity where the OS tells it)."""
    global _cpus
    if _cpus is None:
        try:
            _cpus = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):  # not Linux
            _cpus = os.cpu_count() or 1
    return _cpus


def _enabled() -> bool:
    setting = os.environ.get(ENVIRONMENT, "1")
    if setting == "1":
        return True
    if setting == "0":
        return False
    raise InputError(
        f"environment variable {ENVIRONMENT}={setting!r}: give 1 (check large arrays on a "
        "second thread while the model computes; the default) or 0 (check in the "
        "calling thread)"
    )


def _run(task: Callable[[], T], lock: threading.Lock) -> T:
    try:
        return task()
    finally:
        lock.release()


def start(task: Callable[[], T], size: int) -> Future[T] | None:
    """Run ``task`` on the helper thread; None when the caller must run it itself.

    None when ``size`` (the array's number of values) is below :data:`MIN_SIZE`, the
    helper is off or busy, the process has one CPU, or no thread can be started. The
    helper is free again as soon as ``task`` returns or raises, whether or not the
    caller ever asks the future for its result.
    """
    if size < MIN_SIZE or not _enabled() or _usable_cpus() < 2:
        return None
    lock = _free
    if not lock.acquire(blocking=False):
        return None
    global _executor
    try:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wasteless-check")
        return _executor.submit(_run, task, lock)
    except RuntimeError:  # "can't start new thread", or after interpreter shutdown
        lock.release()
        return None


def _forget_helper() -> None:
    """In a forked child: the parent's helper thread does not exist here."""
    global _executor, _free, _cpus
    _executor = None
    _free = threading.Lock()
    _cpus = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_helper)
