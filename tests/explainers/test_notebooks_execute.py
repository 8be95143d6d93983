"""Each explainer runs top to bottom in a fresh kernel, and its stored outputs are what that run produces.

The site renders the notebooks as stored (mkdocs-jupyter `execute: false`). If this test fails after a
change to a notebook or to the code it calls, refresh the outputs:
`.venv/bin/python -m alliance_atlas.explainers.notebooks`.
"""

from __future__ import annotations

import ast
import copy
import sys
from pathlib import Path

import pytest

from alliance_atlas.explainers import notebooks as runner
from support.sitebuild import REPO_ROOT

NOTEBOOKS = sorted((REPO_ROOT / "docs" / "explainers").glob("*.ipynb"))
EXPECTED = {"alliance-outcome.ipynb", "alliance-patterns.ipynb", "finding-ruptures.ipynb"}


def test_the_three_explainers_exist():
    assert {path.name for path in NOTEBOOKS} == EXPECTED


def test_the_python3_kernel_is_this_environments_own():
    """ipykernel installs the `python3` kernelspec into the environment (share/jupyter), so a fresh venv has it."""
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec(runner.KERNEL_NAME)
    assert spec.language == "python"
    # jupyter_client runs a bare "python" with the interpreter it runs in: this venv's.
    assert spec.argv[0] in ("python", "python3", sys.executable)
    assert Path(spec.resource_dir).resolve().is_relative_to(Path(sys.prefix).resolve()) or spec.argv[0] == sys.executable


@pytest.fixture(scope="module")
def fresh_runs():
    cache = {}

    def run(path: Path):
        if path not in cache:
            cache[path] = runner.execute(path)
        return cache[path]

    return run


@pytest.mark.build
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_in_a_fresh_kernel_and_its_outputs_are_current(path, fresh_runs):
    stored = runner.read(path)
    fresh = fresh_runs(path)
    assert sum(bool(cell.get("outputs")) for cell in stored.cells if cell.cell_type == "code") >= 3
    stale = runner.stale_cells(stored, fresh)
    assert stale == [], (
        f"{path.name}: stored outputs of code cells {[i + 1 for i in stale]} differ from a fresh run; "
        "refresh them with `.venv/bin/python -m alliance_atlas.explainers.notebooks`"
    )


def test_a_stale_output_is_detected():
    path = REPO_ROOT / "docs" / "explainers" / "finding-ruptures.ipynb"
    stored = runner.read(path)
    edited = copy.deepcopy(stored)
    cell = next(c for c in edited.cells if c.cell_type == "code" and c.outputs and "data" in c.outputs[0])
    cell.outputs[0]["data"]["text/plain"] = "something else"
    assert runner.stale_cells(stored, edited) != []
    assert runner.stale_cells(stored, copy.deepcopy(stored)) == []


def test_normalisation_ignores_counts_and_last_digits_only():
    import nbformat

    def notebook(count, text):
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("x")
        cell.execution_count = count
        cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": text}, execution_count=count)]
        nb.cells = [cell]
        return nb

    assert runner.stale_cells(notebook(1, "0.57881631750507"), notebook(7, "0.57881631750509")) == []
    assert runner.stale_cells(notebook(1, "0.5788"), notebook(1, "0.5789")) == [0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_only_call_the_package(path):
    """No model code in the notebooks: imports from alliance_atlas, calls, names and literals only."""
    for cell in runner.read(path).cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            assert not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.For,
                                         ast.While, ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp,
                                         ast.If, ast.IfExp)), f"{path.name}: logic in cell {cell.source[:60]!r}"
            if isinstance(node, ast.ImportFrom):
                assert (node.module or "").startswith("alliance_atlas"), node.module
            assert not isinstance(node, ast.Import), "import from alliance_atlas only"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_declares_the_python3_kernel(path):
    assert runner.read(path).metadata["kernelspec"]["name"] == "python3"
