"""Peer implementations the tests compare against, loaded without their extra weight.

bonsai-ipcc 0.5.3 (MIT; an implementation of the IPCC 2006 Guidelines) is installed with
``pip install --no-deps bonsai-ipcc==0.5.3`` (README): its own dependencies pin numpy < 2
and pandas < 3. Importing ``bonsai_ipcc`` runs its package ``__init__``, which needs them;
its equation modules (``waste/<chapter>/elementary.py``) need only numpy and
``uncertainties``. So the parent packages are registered empty, with the right
``__path__``, the elementary modules imported, and ``sys.modules`` put back as it was.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from pathlib import Path
from typing import Any

import pytest


def bonsai_elementary(chapter: str) -> Any:
    """bonsai-ipcc's elementary equations of one waste chapter (``swd``, ``biological``,
    ``incineration``); the test is skipped, with the reason, where bonsai-ipcc is absent."""
    spec = importlib.util.find_spec("bonsai_ipcc")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip(
            "bonsai-ipcc is not installed (test-only peer: "
            "pip install --no-deps bonsai-ipcc==0.5.3)"
        )
    if importlib.util.find_spec("uncertainties") is None:
        pytest.skip("bonsai-ipcc's equations need the 'uncertainties' package")
    root = Path(next(iter(spec.submodule_search_locations)))
    packages = (
        "bonsai_ipcc",
        "bonsai_ipcc.waste",
        "bonsai_ipcc.waste.waste_generation",
        f"bonsai_ipcc.waste.{chapter}",
    )
    modules = (
        "bonsai_ipcc.waste.waste_generation.elementary",
        f"bonsai_ipcc.waste.{chapter}.elementary",
    )
    saved = {name: sys.modules.get(name) for name in packages + modules}
    try:
        for name in packages:
            package = types.ModuleType(name)
            package.__path__ = [str(root.joinpath(*name.split(".")[1:]))]
            sys.modules[name] = package
        return importlib.import_module(f"bonsai_ipcc.waste.{chapter}.elementary")
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
