"""Fail the docs build when a public name of wasteless is missing from the API reference.

Public names: every module listed in ``wasteless.__all__`` and each name in that
module's ``__all__``. After Sphinx has read all pages, each must be documented as a
Python object (by ``automodule :members:``, ``autofunction`` and the like); every
missing one is reported as a warning, which ``sphinx-build -W`` turns into an error.
"""

from __future__ import annotations

import inspect

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

import wasteless

logger = logging.getLogger(__name__)


def public_names() -> list[str]:
    """Fully qualified names that the API reference must document."""
    names = [f"wasteless.{name}" for name in wasteless.__all__ if not name.startswith("_")]
    for name in wasteless.__all__:
        module = getattr(wasteless, name)
        if inspect.ismodule(module):
            names += [f"{module.__name__}.{member}" for member in getattr(module, "__all__", [])]
    return names


def check(app: Sphinx, env: BuildEnvironment) -> None:
    documented = set(env.get_domain("py").objects)  # type: ignore[attr-defined]
    missing = [name for name in public_names() if name not in documented]
    for name in missing:
        logger.warning("public name %s is missing from the API reference", name)


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("env-check-consistency", check)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
