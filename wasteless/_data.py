"""Reading the package's data files (``wasteless/data/``): one place for all modules."""

from __future__ import annotations

import sys
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["data_file", "read_toml"]


def data_file(name: str) -> Any:
    """The package data file ``name`` (an importlib Traversable)."""
    return resources.files("wasteless").joinpath("data").joinpath(name)


def read_toml(name: str) -> dict[str, Any]:
    """Parse the package TOML file ``name``."""
    return tomllib.loads(data_file(name).read_text("utf-8"))
