import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, settings

# The real Beijing measurements, beside the project root (../shared/data/beijing).
BEIJING = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "beijing"

# CI runs a few more examples than a developer's default run; both are deterministic
# per example database, and `derandomize` keeps CI reproducible.
settings.register_profile("ci", max_examples=200, derandomize=True, deadline=None)
settings.register_profile(
    "dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def beijing_long():
    """The 12 hourly station files as one long table with a ``time`` column (read once)."""
    files = sorted(BEIJING.glob("PRSA_Data_*_20130301-20170228.csv"))
    if len(files) != 12:
        pytest.skip(f"Beijing data not found in {BEIJING} (expected beside the project root)")
    cols = ["year", "month", "day", "hour", "PM2.5", "station"]
    long = pd.concat([pd.read_csv(f, usecols=cols) for f in files], ignore_index=True)
    long["time"] = pd.to_datetime(long[["year", "month", "day", "hour"]])
    return long
