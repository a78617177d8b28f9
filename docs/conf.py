"""Sphinx configuration for the wasteless documentation.

Build (offline, warnings are errors)::

    sphinx-build -W --keep-going -b html docs docs/_build/html
"""

import re
import shutil
import sys
from pathlib import Path

import wasteless

HERE = Path(__file__).parent

# Local extensions (docs/_ext): the factors and presets tables, the API completeness check.
sys.path.insert(0, str(HERE / "_ext"))

# The tutorials are the notebooks of notebooks/ (committed without outputs), copied here
# and executed by MyST-NB at every build, so a figure in the docs is always produced by
# the code beside it. The copies are build products (ignored by git).
TUTORIALS = HERE / "tutorials" / "generated"
shutil.rmtree(TUTORIALS, ignore_errors=True)
TUTORIALS.mkdir(parents=True)
for notebook in sorted((HERE.parent / "notebooks").glob("*.ipynb")):
    shutil.copy(notebook, TUTORIALS / notebook.name)

# -- Project -----------------------------------------------------------------

project = "wasteless"
author = "wasteless developers"
copyright = "wasteless developers"
version = release = wasteless.__version__

# -- General -----------------------------------------------------------------

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    "numpydoc",
    "myst_nb",
    "wasteless_tables",
    "wasteless_api_check",
]

exclude_patterns = ["_build", "**.ipynb_checkpoints", "jupyter_execute"]

# -- MyST-NB: notebooks and executable Markdown pages -------------------------

nb_execution_mode = "force"  # execute every notebook and MyST notebook page, every build
nb_execution_timeout = 300
nb_execution_raise_on_error = True  # a cell that fails fails the build
nb_execution_show_tb = True
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "colon_fence"]

# -- autodoc / numpydoc ------------------------------------------------------

# Members follow each module's ``__all__``; group classes, functions, then data.
autodoc_member_order = "groupwise"
# Show defaults as written (``LITERATURE.paving``), not as the repr of the object.
autodoc_preserve_defaults = True
# ``Magnitude`` (float or float64 array) would otherwise be expanded to its full generic.
autodoc_type_aliases = {"Magnitude": "float | numpy.ndarray"}

numpydoc_show_class_members = False
numpydoc_class_members_toctree = False

# -- intersphinx -------------------------------------------------------------

# The build must run offline, so no inventories are fetched. To link to pint,
# NumPy or pandas, add entries pointing at local copies of their objects.inv.
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}

# -- HTML --------------------------------------------------------------------

html_theme = "pydata_sphinx_theme"
html_title = f"wasteless {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
}


# -- Hooks -------------------------------------------------------------------

_SECTIONS = "|".join(["Notes", "References", "Examples", "See Also", "Routine Listings"])
_SECTION = re.compile(rf"^({_SECTIONS})$")


def _module_sections_as_rubrics(app, what, name, obj, options, lines):
    """Render numpydoc section headings of a module docstring as rubrics.

    numpydoc does not parse module docstrings, so an ``Examples`` heading would
    become a section of the page that swallows every member documented after it.
    """
    if what != "module":
        return
    for i in range(len(lines) - 1):
        heading, underline = lines[i], lines[i + 1]
        if _SECTION.match(heading) and set(underline) == {"-"} and len(underline) == len(heading):
            lines[i], lines[i + 1] = f".. rubric:: {heading}", ""


def setup(app):
    app.connect("autodoc-process-docstring", _module_sections_as_rubrics)
