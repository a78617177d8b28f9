"""Running a snippet in a fresh interpreter under an address-space limit (issue 19).

A size check must refuse before memory is asked for; the proof is the snippet ending in
``InputError`` (exit 0) under ``resource.setrlimit(RLIMIT_AS)``, never in ``MemoryError``
(exit 1) or a result (exit 2). ``sys.exit(...)`` in the snippet passes its own status.
"""

from __future__ import annotations

import subprocess
import sys

FOUR_GB = 4 * 2**30

_TEMPLATE = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
{imports}
from wasteless.errors import InputError
try:
    {call}
except InputError as err:
    print("InputError:", err)
    sys.exit(0)
except MemoryError:
    print("MemoryError")
    sys.exit(1)
print("ran")
sys.exit(2)
"""


def run_limited(
    call: str, imports: str, limit: int = FOUR_GB, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run ``call`` (one statement) after ``imports`` with at most ``limit`` bytes."""
    code = _TEMPLATE.format(limit=limit, imports=imports, call=call)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout
    )
