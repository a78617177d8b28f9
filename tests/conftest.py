import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The real Beijing measurements, beside the project root (../shared/data/beijing).
BEIJING = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "beijing"

# Hypothesis profiles, one per kind of run (hypothesis' documented practice: few examples
# while developing, many in CI). All are deterministic per example database, and
# `derandomize` keeps CI reproducible.
#   "ci"   200 examples: whenever the environment variable CI is set (CI runs `pytest`);
#   "dev"   60 examples: the full `pytest` on a developer's machine;
#   "fast"  10 examples: the developers' fast loop, `pytest -m "not slow" -n auto` (README,
#           "Development"): for exactly the mark expression "not slow", never under CI;
#           a test's own larger max_examples is cut to 10 too (below).
# HYPOTHESIS_PROFILE=<name> or `--hypothesis-profile=<name>` choose a profile by hand and
# win over these rules (e.g. `HYPOTHESIS_PROFILE=dev pytest -m "not slow"`). The session
# header names the profile that ran ("hypothesis profile: ..."; shown without -q).
settings.register_profile("ci", max_examples=200, derandomize=True, deadline=None)
settings.register_profile(
    "dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fast", max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
FAST_LOOP_MARKEXPR = "not slow"


def hypothesis_profile(config: pytest.Config) -> str:
    """The name of this run's profile, by the rules above."""
    if config.getoption("hypothesis_profile", None):
        return config.getoption("hypothesis_profile")
    if os.environ.get("HYPOTHESIS_PROFILE"):
        return os.environ["HYPOTHESIS_PROFILE"]
    if os.environ.get("CI"):
        return "ci"
    if " ".join((config.option.markexpr or "").split()) == FAST_LOOP_MARKEXPR:
        return "fast"
    return "dev"


def pytest_configure(config: pytest.Config) -> None:
    # Before collection, so that a test's own @settings(...) inherits from this profile
    # (hypothesis' plugin loads a --hypothesis-profile after this hook: the same name).
    settings.load_profile(hypothesis_profile(config))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # In the "fast" profile only, a test's own larger max_examples (e.g. 200, or 40 for
    # slow examples) is cut to the profile's 10 as well; its @example cases still run.
    # Every other profile runs each test's own settings unchanged. hypothesis has no
    # public way to override a test's own settings: if its private attribute ever goes,
    # this does nothing and the fast loop is only slower.
    if hypothesis_profile(config) != "fast":
        return
    cap = settings.get_profile("fast").max_examples
    for item in items:
        test = getattr(item, "obj", None)
        test = getattr(test, "__func__", test)
        own = getattr(test, "_hypothesis_internal_use_settings", None)
        if isinstance(own, settings) and own.max_examples > cap:
            test._hypothesis_internal_use_settings = settings(own, max_examples=cap)


def pytest_report_header(config: pytest.Config) -> str:
    return f"hypothesis profile: {hypothesis_profile(config)}"


@pytest.fixture(scope="session")
def beijing_long():
    """The 12 hourly station files as one long table with a ``time`` column (read once)."""
    import pandas as pd  # here: pytest-xdist's controller, which runs no test, skips it

    files = sorted(BEIJING.glob("PRSA_Data_*_20130301-20170228.csv"))
    if len(files) != 12:
        pytest.skip(f"Beijing data not found in {BEIJING} (expected beside the project root)")
    cols = ["year", "month", "day", "hour", "PM2.5", "station"]
    long = pd.concat([pd.read_csv(f, usecols=cols) for f in files], ignore_index=True)
    long["time"] = pd.to_datetime(long[["year", "month", "day", "hour"]])
    return long
