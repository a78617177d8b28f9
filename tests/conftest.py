import os

from hypothesis import HealthCheck, settings

# CI runs a few more examples than a developer's default run; both are deterministic
# per example database, and `derandomize` keeps CI reproducible.
settings.register_profile("ci", max_examples=200, derandomize=True, deadline=None)
settings.register_profile(
    "dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
