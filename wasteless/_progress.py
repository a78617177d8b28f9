"""The one progress bar of wasteless: tqdm on stderr, for long reads and the CLI.

``progress=None`` means "when stderr is a terminal" (tqdm's own rule, ``disable=None``),
``True`` always, ``False`` never. tqdm is imported when a bar is made, not when wasteless
is: importing wasteless stays quick and touches no terminal.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

from wasteless.errors import InputError


def check_progress(progress: Any, argument: str = "progress") -> bool | None:
    """``progress`` if it is None, True or False, else an InputError naming it."""
    if progress is not None and not isinstance(progress, bool):
        raise InputError(f"{argument} must be None, True or False; got {progress!r}")
    return progress


def bar(progress: bool | None, total: int, desc: str, unit: str) -> Any:
    """A tqdm bar on stderr of ``total`` steps (one that draws nothing when not wanted).

    Examples
    --------
    >>> steps = bar(False, 3, "read", "file")  # False: a bar that draws nothing
    >>> steps.disable, steps.total
    (True, 3)
    >>> steps.close()
    """
    tqdm: Any = importlib.import_module("tqdm").tqdm
    if sys.stderr is None:  # started with stderr closed: nowhere to draw
        progress = False
    return tqdm(
        total=total,
        desc=desc,
        unit=unit,
        file=sys.stderr,
        disable=None if progress is None else not progress,
        leave=True,
        dynamic_ncols=True,
    )
