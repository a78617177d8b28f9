"""Execute every notebook in notebooks/ and check what it produced.

The notebooks are committed without outputs; this test runs them with nbclient in a
kernel of the interpreter that runs the tests, with the notebooks folder as the working
directory and matplotlib's non-interactive Agg backend. The "python3" kernelspec is
written for ``sys.executable`` into a temporary directory put first on JUPYTER_PATH, so
a python3 kernelspec installed elsewhere (for another Python) is not picked up; a probe
cell checks that the kernel really ran in this environment.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from ipykernel.kernelspec import install as install_kernelspec
from nbclient import NotebookClient

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
KERNEL_NAME = "python3"
CELL_TIMEOUT = 300  # seconds per cell
# Appended to the in-memory copy of each notebook: which environment the kernel runs in.
PREFIX_PROBE = "import sys\nprint(sys.prefix, end='')"

# How Python prints a warning: "file.py:12: SomeWarning: message".
ESCAPED_WARNING = re.compile(r"\b\w*Warning: ")

Executed = tuple[nbformat.NotebookNode, str]

# Each notebook starts a kernel and takes 2-3 s; `pytest -m "not slow"` leaves them out.
pytestmark = pytest.mark.slow


def _params() -> list[object]:
    if not NOTEBOOKS:
        return [
            pytest.param(None, marks=pytest.mark.skip(reason=f"no notebooks in {NOTEBOOK_DIR}"))
        ]
    return [pytest.param(path, id=path.name) for path in NOTEBOOKS]


@pytest.fixture(scope="module")
def jupyter_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Jupyter data directory holding one kernelspec, "python3", for ``sys.executable``."""
    prefix = tmp_path_factory.mktemp("jupyter-prefix")
    install_kernelspec(kernel_name=KERNEL_NAME, prefix=str(prefix))
    return prefix / "share" / "jupyter"


@pytest.fixture(scope="module")
def run_notebook(jupyter_dir: Path) -> Callable[[Path], Executed]:
    """Execute a notebook once (cached): the executed notebook and the kernel's sys.prefix."""
    cache: dict[Path, Executed] = {}

    def run(path: Path) -> Executed:
        if path not in cache:
            notebook = nbformat.read(path, as_version=4)
            notebook.cells.append(nbformat.v4.new_code_cell(PREFIX_PROBE))
            client = NotebookClient(
                notebook,
                kernel_name=KERNEL_NAME,
                timeout=CELL_TIMEOUT,
                resources={"metadata": {"path": str(path.parent)}},
            )
            paths = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
            with pytest.MonkeyPatch.context() as patch:
                # the first JUPYTER_PATH entry wins; the kernel inherits the environment
                patch.setenv("JUPYTER_PATH", os.pathsep.join([str(jupyter_dir), *paths]))
                patch.setenv("MPLBACKEND", "Agg")
                client.execute()  # raises CellExecutionError, with the traceback, on an error
            probe = notebook.cells.pop()
            kernel_prefix = "".join(
                output.get("text", "")
                for output in probe.outputs
                if output.get("name") == "stdout"
            )
            cache[path] = (notebook, kernel_prefix)
        return cache[path]

    return run


def _outputs(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [
        output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    ]


@pytest.mark.parametrize("path", _params())
def test_notebook_executes_without_errors(
    path: Path, run_notebook: Callable[[Path], Executed]
) -> None:
    committed = nbformat.read(path, as_version=4)
    nbformat.validate(committed)
    assert committed.nbformat == 4
    stored = [
        i
        for i, cell in enumerate(committed.cells)
        if cell.get("outputs") or cell.get("execution_count") is not None
    ]
    assert not stored, f"{path.name}: commit notebooks with outputs cleared (cells {stored})"

    notebook, kernel_prefix = run_notebook(path)
    assert os.path.realpath(kernel_prefix) == os.path.realpath(sys.prefix), (
        f"the kernel ran in {kernel_prefix!r}, the tests in {sys.prefix!r}"
    )
    errors = [output for output in _outputs(notebook) if output.output_type == "error"]
    assert not errors, [f"{e.ename}: {e.evalue}" for e in errors]


BEIJING = NOTEBOOK_DIR / "beijing_pm25.ipynb"


@pytest.mark.skipif(not BEIJING.exists(), reason=f"{BEIJING.name} is not in {NOTEBOOK_DIR}")
def test_beijing_notebook_draws_its_figures_and_lets_no_warning_escape(
    run_notebook: Callable[[Path], Executed],
) -> None:
    notebook, _ = run_notebook(BEIJING)
    outputs = _outputs(notebook)
    images = [output for output in outputs if "image/png" in output.get("data", {})]
    assert len(images) >= 3, f"expected at least 3 figures (image/png), got {len(images)}"
    assert not [output for output in outputs if output.output_type == "error"]
    # Warnings the notebook expects (AboveScaleWarning) are caught and recorded in the
    # notebook; a warning printed to stderr escaped (log lines such as matplotlib's
    # "building the font cache" on a first run are not warnings).
    stderr = [output.text for output in outputs if output.get("name") == "stderr"]
    escaped = [text for text in stderr if ESCAPED_WARNING.search(text)]
    assert not escaped, escaped
    # The AboveScaleWarning was recorded and reported, not lost.
    text = "".join(output.get("text", "") for output in outputs)
    assert "AboveScaleWarning" in text
