"""Parity: the analysis gives the same numbers under Pyodide (in Node) as in CPython.

The Node script loads Pyodide from node_modules with the site-local pyodide-lock.json the
build writes, installs the package's browser wheel by name (its sha256 checked against the
lock), and runs every case of fixtures/parity_cases.json through ``analyze(...).to_dict()``, and every explorer preset through ``browser_api.explore_preset``. Both sides write
their floats with Python's ``json.dumps``, and the results must be equal with ``==``:
no tolerance is needed (the last check measured no difference in any digit).
Node boots Pyodide once per session (about 3 s).
"""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess

import pytest

import alliance_atlas
from alliance_atlas.widgets import api as browser_api
from alliance_atlas.widgets.bundle import build_browser_package
from alliance_atlas.trajectories import analyze

HERE = pathlib.Path(__file__).parent
REPO_ROOT = HERE.parents[1]
PYODIDE_DIR = REPO_ROOT / "node_modules" / "pyodide"
CASES_FILE = HERE / "fixtures" / "parity_cases.json"
CASES = json.loads(CASES_FILE.read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="session")
def pyodide_results(tmp_path_factory):
    node = shutil.which("node")
    if node is None or not (PYODIDE_DIR / "pyodide.mjs").is_file():
        pytest.fail("Node.js and node_modules/pyodide are needed: run `make test`, which installs them", pytrace=False)
    _, lock_file = build_browser_package(pathlib.Path(alliance_atlas.__file__).parent,
                                         PYODIDE_DIR / "pyodide-lock.json", tmp_path_factory.mktemp("site"))
    completed = subprocess.run(
        [node, str(HERE / "pyodide_parity.mjs"), str(PYODIDE_DIR), str(lock_file), str(CASES_FILE)],
        capture_output=True, text=True, timeout=180, cwd=REPO_ROOT,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _cpython(value):
    """What CPython's json.dumps writes, read back: the same path the Pyodide numbers take."""
    return json.loads(json.dumps(value, allow_nan=False))


def test_the_package_is_installed_from_the_wheel_into_site_packages(pyodide_results):
    assert "/site-packages/alliance_atlas/" in pyodide_results["package_file"]


def test_pyodide_runs_a_python_as_new_as_the_package_needs(pyodide_results):
    major, minor = (int(part) for part in pyodide_results["python"].split(".")[:2])
    assert (major, minor) >= (3, 12)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_analysis_is_identical_in_pyodide(pyodide_results, case):
    expected = _cpython(analyze(case["scores"], **case["options"]).to_dict())
    assert pyodide_results["cases"][case["name"]] == expected


@pytest.mark.parametrize("name", list(browser_api.PRESET_LABELS))
def test_explorer_presets_generate_and_chart_identically_in_pyodide(pyodide_results, name):
    """Generation (random.gauss) included: the browser redraws exactly the build-time chart."""
    assert pyodide_results["presets"][name] == _cpython(browser_api.explore_preset(name))
