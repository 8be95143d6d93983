"""Generated chart questions: deterministic, honest about hard ones, and identical under Pyodide."""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess

import pytest

import alliance_atlas
from alliance_atlas.widgets import api as browser_api
from alliance_atlas.widgets.bundle import build_browser_wheel
from alliance_atlas.questions.chart_bank import ANSWERS, chart_bank, chart_question
from alliance_atlas.questions.chart_html import HARD_NOTE, chart_question_html
from alliance_atlas.questions.contract import CHART_KIND, KIND_ATTRIBUTE, ROOT_ATTRIBUTE

HERE = pathlib.Path(__file__).parent
REPO_ROOT = HERE.parents[1]
PYODIDE_DIR = REPO_ROOT / "node_modules" / "pyodide"
REQUESTS = [[1, False, 1, "pattern"], [2, True, 2, "pattern"], [123456, False, 7, "pattern"], [99, True, 8, "x"]]


def test_the_same_seed_gives_the_same_question():
    assert chart_question(5) == chart_question(5)
    assert chart_question(5, hard=True) == chart_question(5, hard=True)
    assert chart_question(5) != chart_question(6)


@pytest.mark.parametrize("seed", range(1, 41))
def test_ordinary_questions_show_the_pattern_the_analysis_finds(seed):
    question = chart_question(seed)
    assert question["answer"] in dict(ANSWERS)
    assert question["agrees"] and question["detected"] == question["answer"]
    assert 12 <= question["sessions"] <= 16 and not question["hard"]


def test_hard_questions_are_short_and_noisy_and_say_so():
    hard = [chart_question(seed, hard=True) for seed in range(1, 41)]
    assert all(6 <= question["sessions"] <= 8 and question["noise_sd"] >= 0.45 for question in hard)
    assert all("hard on purpose" in question["explanation"] for question in hard)
    # The point of the hard ones: the analysis does not always recover the generating pattern.
    assert any(not question["agrees"] for question in hard)
    assert any(question["agrees"] for question in hard)
    assert HARD_NOTE in chart_question_html(1, hard=True)


def test_the_question_chart_hides_the_fit_and_the_answer_chart_shows_it():
    question = chart_question(3)
    shown = question["question_chart"]
    assert len(shown["layer"]) == 1
    assert all(set(row) == {"session", "score"} for row in shown["data"]["values"])
    assert question["description"] not in shown["description"]
    assert len(question["answer_chart"]["layer"]) >= 2


def test_the_html_carries_the_contract_attributes_and_a_data_table():
    page = chart_question_html(4, number=2, prefix="p")
    assert f" {ROOT_ATTRIBUTE} {KIND_ATTRIBUTE}=\"{CHART_KIND}\"" in page
    assert page.count('type="radio"') == len(ANSWERS)
    assert page.count("<table>") == 2 and "<summary>Show the answer</summary>" in page
    assert "Pattern 2: which pattern is this?" in page


def test_a_bank_ends_with_its_hard_questions():
    bank = chart_bank(5, 2, 10)
    assert [question["hard"] for question in bank] == [False, False, False, True, True]
    assert [question["seed"] for question in bank] == [10, 11, 12, 13, 14]


def test_bad_seeds_are_refused_with_a_plain_message():
    with pytest.raises(ValueError, match="whole number"):
        chart_question(-1)
    with pytest.raises(ValueError, match="whole number"):
        browser_api.call_json("chart_question_html", json.dumps(["seven"]))


def test_pyodide_draws_exactly_the_questions_cpython_draws(tmp_path):
    node = shutil.which("node")
    if node is None or not (PYODIDE_DIR / "pyodide.mjs").is_file():
        pytest.fail("Node.js and node_modules/pyodide are needed: run `make test`, which installs them", pytrace=False)
    # The wheel the site ships: a zip with the package at its top, so the script unpacks it onto sys.path.
    bundle = build_browser_wheel(pathlib.Path(alliance_atlas.__file__).parent, tmp_path)
    requests = tmp_path / "requests.json"
    requests.write_text(json.dumps(REQUESTS), encoding="utf-8")
    completed = subprocess.run([node, str(HERE / "pyodide_chart_questions.mjs"), str(PYODIDE_DIR), str(bundle), str(requests)],
                               capture_output=True, text=True, timeout=180, cwd=REPO_ROOT)
    assert completed.returncode == 0, completed.stderr[-3000:]
    results = json.loads(completed.stdout.strip().splitlines()[-1])
    assert results == [chart_question_html(*args) for args in REQUESTS]
