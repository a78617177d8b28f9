"""Moved to :mod:`wasteless.air.standards`; this name keeps working (the same module object).

``import wasteless.standards`` and ``from wasteless import standards`` give
:mod:`wasteless.air.standards` itself, so its private state (caches, data) is shared, not copied.
"""

import sys

from wasteless.air import standards as _moved

sys.modules[__name__] = _moved
