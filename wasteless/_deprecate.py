"""One way to retire a name: a DeprecationWarning that says what to use, for one release.

Moved and renamed names keep working for one release (DESIGN: "Public names keep working
where they moved"), each warning with the same wording and listed in the CHANGELOG.

Examples
--------
>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     warn("wasteless.zh.RELATIONS", "use judgement.COMPARISONS")
>>> print(caught[0].message)
wasteless.zh.RELATIONS is deprecated and will be removed in 0.4: use judgement.COMPARISONS
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["module_getattr", "warn"]

REMOVED_IN = "0.4"


def warn(old: str, instead: str, *, stacklevel: int = 3) -> None:
    """Warn that ``old`` is deprecated; ``instead`` says what to use.

    ``stacklevel`` 3 points at the caller of the function that calls this one.
    """
    warnings.warn(
        f"{old} is deprecated and will be removed in {REMOVED_IN}: {instead}",
        DeprecationWarning,
        stacklevel=stacklevel,
    )


def module_getattr(
    module: str, names: Mapping[str, tuple[str, Callable[[], Any]]]
) -> Callable[[str], Any]:
    """A module ``__getattr__`` (PEP 562) serving deprecated names with a warning.

    ``names`` maps an old name to (what to use instead, a function giving its value).
    """

    def __getattr__(name: str) -> Any:
        if name in names:
            instead, value = names[name]
            warn(f"{module}.{name}", instead)
            return value()
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__
