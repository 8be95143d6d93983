"""The parity fixture: fixed inputs whose CPython output Pyodide must reproduce."""

import json
import pathlib

import pytest

from alliance_atlas.trajectories import analyze, chart_spec

FIXTURE = pathlib.Path(__file__).parent / "fixtures" / "parity_cases.json"
CASES = json.loads(FIXTURE.read_text(encoding="utf-8"))["cases"]


def test_fixture_has_about_ten_distinct_cases():
    names = [case["name"] for case in CASES]
    assert 8 <= len(names) <= 15
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_output_is_strict_json_and_deterministic(case):
    first = json.dumps(analyze(case["scores"], **case["options"]).to_dict(), allow_nan=False, sort_keys=True)
    second = json.dumps(analyze(case["scores"], **case["options"]).to_dict(), allow_nan=False, sort_keys=True)
    assert first == second
    chart = json.dumps(chart_spec(analyze(case["scores"], **case["options"])), allow_nan=False, sort_keys=True)
    assert json.loads(chart)["data"]["values"][0]["score"] == case["scores"][0]
