"""Moved to :mod:`wasteless.air.aqi`; this name keeps working (the same module object).

``import wasteless.aqi`` and ``from wasteless import aqi`` give
:mod:`wasteless.air.aqi` itself, so its private state (caches, data) is shared, not copied.
"""

import sys

from wasteless.air import aqi as _moved

sys.modules[__name__] = _moved
