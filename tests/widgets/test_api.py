"""The JSON-in, JSON-out functions the widgets call through Pyodide (run here in CPython)."""

from __future__ import annotations

import json

import re

import pytest

from alliance_atlas.widgets import api
from alliance_atlas.trajectories import PRESETS, analyze


def _json_ready(value):
    return json.loads(json.dumps(value, allow_nan=False)) == value


# ------------------------------------------------------------------------------------------
# explore

@pytest.mark.parametrize("name", list(api.PRESET_LABELS))
def test_every_preset_explores_to_json_with_chart_table_and_description(name):
    result = api.explore_preset(name)
    assert set(result) >= {"scores", "analysis", "description", "chart", "table", "params"}
    assert _json_ready(result)
    assert len(result["scores"]) == PRESETS[name]["sessions"] == len(result["table"])
    assert result["chart"]["data"]["values"][0]["score"] == result["scores"][0]
    assert result["description"].startswith(f"Across {PRESETS[name]['sessions']} sessions")


def test_preset_labels_cover_every_preset_and_the_v_rupture_preset_shows_its_rupture():
    assert set(api.PRESET_LABELS) == set(PRESETS)
    episodes = api.explore_preset("v-rupture")["analysis"]["episodes"]
    assert [episode["rupture_session"] for episode in episodes] == [PRESETS["v-rupture"]["rupture_session"]]


def test_explore_rounds_generated_scores_and_ignores_parameters_the_pattern_does_not_take():
    result = api.explore("stable", {"sessions": 8, "level": 4, "noise_sd": 0.3, "seed": 1, "depth": 3, "amplitude": 2})
    assert result["params"] == {"sessions": 8, "level": 4.0, "noise_sd": 0.3, "seed": 1}
    assert all(score == round(score, 2) for score in result["scores"])


def test_explore_accepts_whole_floats_for_whole_number_parameters_as_json_gives_them():
    assert api.explore("linear", {"sessions": 10.0, "seed": 3.0})["params"] == {"sessions": 10, "seed": 3}


@pytest.mark.parametrize(
    "pattern, params, fragment",
    [
        ("spiral", {}, "Unknown pattern 'spiral'"),
        ("linear", {"sessions": 2}, "Sessions must be at least 3"),
        ("linear", {"sessions": 7.5}, "Sessions must be a whole number"),
        ("v_rupture", {"sessions": 8, "rupture_session": 9}, "Rupture_session must be between 2 and 8"),
        ("stable", {"level": "high"}, "Level must be a number; 'high' is not one"),
        ("stable", {"noise_sd": -1}, "Noise_sd must not be negative"),
    ],
)
def test_explore_reports_bad_settings_plainly(pattern, params, fragment):
    with pytest.raises(api.SettingsError) as caught:
        api.explore(pattern, params)
    assert fragment in str(caught.value)
    assert "Traceback" not in str(caught.value)


def test_every_dataset_of_a_chart_is_named_so_the_page_can_feed_a_drawn_view():
    result = api.explore_preset("v-rupture")
    chart = result["chart"]
    parts = [chart] + chart["layer"]
    named = [part["data"]["name"] for part in parts if "data" in part]
    assert named[0] == "series" and len(named) == len(set(named)) > 1
    assert [row["score"] for row in chart["data"]["values"]] == result["scores"]


def test_detection_settings_change_the_episodes():
    params = {"sessions": 12, "level": 5, "rupture_session": 6, "depth": 0.8, "repair_speed": 1, "noise_sd": 0.2, "seed": 5}
    strict = api.explore("v_rupture", params, {"threshold_sd": 3})["analysis"]
    loose = api.explore("v_rupture", params, {"threshold_sd": 1})["analysis"]
    assert strict["threshold_sd"] == 3.0 and loose["threshold_sd"] == 1.0
    assert len(loose["episodes"]) >= len(strict["episodes"])


@pytest.mark.parametrize("options, fragment", [
    ({"threshold_sd": 0}, "greater than 0"),
    ({"repair_window": 0}, "at least 1 session"),
    ({"repair_window": 1.5}, "whole number"),
])
def test_bad_detection_settings_are_settings_errors(options, fragment):
    with pytest.raises(api.SettingsError, match=fragment):
        api.explore("stable", {}, options)


# ------------------------------------------------------------------------------------------
# analyse_text and analyse_caseload

def test_analyse_text_matches_the_package_and_offers_a_csv():
    text = "5 5 5 5 5 3 4 5 5 5 5 5"
    result = api.analyse_text(text, "wai")
    assert result["analysis"] == json.loads(json.dumps(analyze(text).to_dict()))
    assert result["result_csv"].splitlines()[0] == "session,score,fitted,events"
    assert result["result_csv"].splitlines()[6].startswith("6,3.0,")
    assert "rupture" in result["result_csv"]


@pytest.mark.parametrize("text, fragment", [
    ("", "No scores found"),
    ("4 5", "At least 3 scores are needed; got 2"),
    ("4 five 5", "Session 2: 'five' is not a number"),
    ("<img src=x onerror=alert(1)>", "is not a number"),
])
def test_analyse_text_rejects_bad_scores_as_scores_errors(text, fragment):
    with pytest.raises(api.ScoresError, match=fragment):
        api.analyse_text(text)


@pytest.mark.parametrize("scale", ["wai", "srs", [0, 10], (1.5, 4.5), {"min": 0, "max": 6}, None, ""])
def test_analyse_text_accepts_every_scale_form(scale):
    assert api.analyse_text("3 4 3 4 3", scale)["chart"]["layer"]


@pytest.mark.parametrize("scale, fragment", [
    ("likert", "Unknown scale 'likert'"),
    ("wai-sr", "not verified on this site, so it has no preset: choose Custom range"),
    ([5, 1], r"minimum \(5\) must be below the maximum \(1\)"),
    ([1], "needs a minimum and a maximum"),
    (["low", 7], "scale minimum must be a number"),
])
def test_bad_scales_are_scale_errors(scale, fragment):
    with pytest.raises(api.ScaleError, match=fragment):
        api.analyse_text("3 4 3 4 3", scale)


def test_analyse_caseload_gives_each_client_and_a_summary():
    text = "id,S1,S2,S3,S4\nanna,4,4.5,3,4\nben,3,3.5,4,4.5\n"
    result = api.analyse_caseload(text, "wai")
    assert sorted(client["id"] for client in result["clients"]) == ["anna", "ben"]
    assert all({"chart", "table", "description", "analysis"} <= set(client) for client in result["clients"])
    lines = result["summary_csv"].splitlines()
    assert lines[0].startswith("id,n_sessions,pattern")
    assert sorted(line.split(",")[0] for line in lines[1:]) == ["anna", "ben"]
    assert _json_ready(result)


def test_analyse_caseload_keeps_a_spreadsheet_from_running_an_id_as_a_formula():
    result = api.analyse_caseload("=HYPERLINK(1),4,5,6\n")
    assert result["summary_csv"].splitlines()[1].startswith("'=HYPERLINK(1)")
    assert result["clients"][0]["id"] == "=HYPERLINK(1)"


def test_analyse_caseload_names_the_bad_row_and_client_and_analyses_the_rest():
    result = api.analyse_caseload("id,s1,s2,s3\na,1,2,3\nb,1,x,3\n")
    assert [client["id"] for client in result["clients"]] == ["a"]
    problems = " ".join(str(problem) for problem in result["caseload"]["problems"])
    assert re.search(r"Row 3 \(client 'b'\): Session 2: 'x' is not a number", problems), problems


# ------------------------------------------------------------------------------------------
# run_generator_source

PARAMS = {"sessions": 10, "level": 5, "rupture_session": 4, "depth": 2, "repair_speed": 1, "noise_sd": 0, "seed": 1}


def test_the_unedited_generator_source_gives_the_generator_s_own_series():
    source = api.generator_sources()["v_rupture"]
    result = api.run_generator_source(source, PARAMS)
    assert result["function"] == "v_rupture"
    assert result["scores"] == [5.0, 5.0, 5.0, 3.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0]
    assert [e["rupture_session"] for e in result["analysis"]["episodes"]] == [4]


def test_an_edited_generator_runs_with_the_parameters_it_accepts():
    source = "def my_series(sessions, level=1):\n    return [level + t for t in range(sessions)]\n"
    result = api.run_generator_source(source, PARAMS)
    assert result["scores"] == [float(5 + t) for t in range(10)]
    assert result["analysis"]["pattern"] == "linear"


@pytest.mark.parametrize("source, fragment", [
    ("", "The code is empty"),
    ("def v_rupture(:\n    pass\n", "Syntax error on line 1"),
    ("x = 1\n", "defines no function"),
    ("def a():\n    return [1, 2, 3]\ndef b():\n    return [1, 2, 3]\n", "several functions (a, b)"),
    ("def f():\n    y = 1\n    return [1, 2, 3 / 0]\n", "failed on line 3: ZeroDivisionError"),
    ("def f():\n    return 7\n", "must return a list of scores, but it returned int"),
    ("def f():\n    return [1, 2]\n", "At least 3 scores are needed"),
    ("def f():\n    return [1, 'x', 2]\n", "Session 2"),
    ("def f():\n    return [1.0] * 100000\n", "at most 500"),
    ("def f():\n    while True:\n        pass\n", "took too long"),
    ("raise RuntimeError('boom')\n", "Defining your code failed on line 1: RuntimeError: boom"),
])
def test_reader_code_problems_are_plain_code_errors(source, fragment):
    with pytest.raises(api.CodeError) as caught:
        api.run_generator_source(source, {})
    assert fragment in str(caught.value)
    assert "Traceback" not in str(caught.value)


def test_reader_code_runs_in_a_fresh_namespace_each_time():
    api.run_generator_source("LEAK = 1\ndef f():\n    return [1, 2, 3]\n", {})
    with pytest.raises(api.CodeError, match="NameError"):
        api.run_generator_source("def f():\n    return [LEAK, 2, 3]\n", {})


# ------------------------------------------------------------------------------------------
# The worker's entry point and the controls' configuration

def test_call_json_round_trips_and_keeps_none_as_null():
    text = api.call_json("analyse_text", json.dumps(["5 5 5 5 5 3 5 5 5 5", "wai"]))
    result = json.loads(text)
    assert result["chart"]["layer"][0]["encoding"]["color"]["title"] is None
    assert result == json.loads(json.dumps(api.analyse_text("5 5 5 5 5 3 5 5 5 5", "wai")))


def test_call_json_refuses_functions_outside_the_api():
    with pytest.raises(ValueError, match="Unknown function '_run_limited'"):
        api.call_json("_run_limited", "[]")


def test_widget_config_is_json_and_every_preset_value_fits_its_slider():
    config = api.widget_config()
    assert _json_ready(config)
    limits = {parameter["name"]: parameter for parameter in config["parameters"]}
    for name, preset in config["presets"].items():
        for key, value in preset.items():
            if key != "pattern":
                assert limits[key]["min"] <= value <= limits[key]["max"], (name, key)
                assert preset["pattern"] in limits[key]["patterns"], (name, key)
    assert set(config["generator_sources"]) == {"stable", "linear", "quadratic", "v_rupture"}
    assert config["generator_sources"]["linear"].startswith("def linear(")


# ----------------------------------------------------------------------------------------------
# The caseload view, off-scale scores and the report's settings

CASELOAD = "id,S1,S2,S3,S4,S5,S6,S7\nsteady,5,5.1,5,5.2,5.1,5,5.1\nshort,4,5\nlate,5,5,5.1,5,5.1,5,2\n=sum,4,4.2,4.1,4.3\n"


def test_analyse_caseload_analyses_the_good_rows_and_reports_the_bad_ones():
    result = api.analyse_caseload(CASELOAD, "wai")
    assert [client["id"] for client in result["clients"]] == ["late", "steady", "=sum"]
    assert [client["row"] for client in result["clients"]] == [4, 2, 5]
    view = result["caseload"]
    assert [row["index"] for row in view["rows"]] == [0, 1, 2]
    assert view["rows"][0]["cells"] == ["late", "4", "7", "Stable", "Session 7", "0", "3.00", "1 (0 repaired)"]
    assert view["rows"][0]["recent"] and not view["rows"][1]["recent"]
    assert view["problems"] == ["Row 3 (client 'short'): At least 3 scores are needed; got 2."]
    assert view["problems_heading"].startswith("1 row of your CSV could not be analysed")
    assert view["summary"]["totals"] == "3 clients analysed; 1 row not analysed (listed under the scores box)."
    assert view["summary"]["patterns"] == ["Stable: 3"]
    assert view["summary"]["recent"] == ["late"]
    # The export and the per-client summary keep a spreadsheet from reading an id as a formula.
    assert "\n'=sum,5," in view["csv"] and "\n'=sum," in result["summary_csv"]
    assert _json_ready(result)


def test_analyse_caseload_with_no_good_row_is_a_scores_error_naming_each_row():
    with pytest.raises(api.ScoresError, match=r"No row could be analysed: Row 1 .*Row 2 "):
        api.analyse_caseload("a,1,2\nb,9,9,9\n", "wai")


def test_an_off_scale_score_in_one_series_is_a_scores_error_naming_the_session():
    with pytest.raises(api.ScoresError, match=r"^Session 2: 41 is outside the SRS total range \(0 to 40\)"):
        api.analyse_text("30 41 35", "srs")
    assert api.analyse_text("30 40 0", "srs")["analysis"]["n_sessions"] == 3


@pytest.mark.parametrize("scale, shown", [
    ("wai", "WAI item mean (1\u20137)"),
    ([0, 10], "Custom range, 0 to 10 (set by the clinician, not a verified range)"),
    (None, "None chosen: the axis fits the scores"),
])
def test_each_result_names_the_settings_a_printed_report_shows(scale, shown):
    settings = dict(api.analyse_text("3 4 3 4 3", scale, 1.5, 2)["settings"])
    assert settings == {"Scale": shown, "Rupture threshold": "1.5 SDs of the client's own scores",
                        "Repair window": "2 sessions", "Sessions": "5"}
