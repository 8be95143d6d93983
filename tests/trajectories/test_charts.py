import json

import pytest

from alliance_atlas.trajectories import SCALES, analyze, chart_spec, data_table, scale_range


@pytest.fixture
def episode_result(v_shaped_series):
    return analyze(v_shaped_series)


@pytest.fixture
def calm_result():
    return analyze([4.0, 4.2, 4.1, 4.5, 4.6, 4.8, 4.9])


def layer_marks(spec):
    return [layer["mark"]["type"] for layer in spec["layer"]]


def test_spec_is_vega_lite_v6_with_accessible_text(episode_result):
    spec = chart_spec(episode_result, title="Client A")
    assert spec["$schema"] == "https://vega.github.io/schema/vega-lite/v6.json"
    assert spec["title"] == "Client A"
    assert spec["width"] == "container"
    assert "12 sessions" in spec["description"]
    assert "rupture" in spec["description"]
    json.dumps(spec, allow_nan=False)


def test_observed_and_fitted_layers_are_always_present(calm_result):
    spec = chart_spec(calm_result)
    assert layer_marks(spec) == ["line", "line"]
    observed, fitted = spec["layer"]
    assert observed["mark"]["point"] is True
    assert observed["encoding"]["y"]["field"] == "score"
    assert fitted["encoding"]["y"]["field"] == "fitted"
    assert "strokeDash" in fitted["mark"]


def test_episode_layers_mark_rupture_trough_and_repair(episode_result):
    spec = chart_spec(episode_result)
    assert layer_marks(spec) == ["line", "line", "rule", "point"]
    rules, points = spec["layer"][2], spec["layer"][3]
    assert rules["data"]["values"] == [{"session": 6}]
    assert points["data"]["values"] == [
        {"session": 6, "score": 3.0, "event": "Trough"},
        {"session": 8, "score": 5.0, "event": "Repair"},
    ]


def test_axis_titles_name_session_and_alliance_score(episode_result):
    spec = chart_spec(episode_result)
    for layer in spec["layer"]:
        assert layer["encoding"]["x"]["title"] == "Session"
        if "y" in layer["encoding"]:
            assert layer["encoding"]["y"]["title"] == "Alliance score"


def test_data_values_match_scores_and_fitted(episode_result):
    values = chart_spec(episode_result)["data"]["values"]
    assert [row["session"] for row in values] == list(range(1, 13))
    assert [row["score"] for row in values] == list(episode_result.scores)
    assert [row["fitted"] for row in values] == pytest.approx(list(episode_result.fitted))


def test_known_scale_fixes_domain_and_names_units(calm_result):
    spec = chart_spec(calm_result, scale="wai")
    y = spec["layer"][0]["encoding"]["y"]
    assert y["scale"]["domain"] == [1, 7]
    assert y["title"] == "Alliance score (WAI item mean, 1\u20137)"


def test_custom_scale_widens_to_keep_points_visible(calm_result):
    y = chart_spec(calm_result, scale=(0, 4.5))["layer"][0]["encoding"]["y"]
    assert y["scale"]["domain"] == [0.0, 4.9]


def test_presets_are_only_the_verified_ranges():
    # ../shared/reference-data/facts-with-sources.md confirms the WAI's 7-point items and the SRS's 0-40 total;
    # the WAI-SR's 1-5 is marked uncertain there, so it is not a preset.
    assert SCALES == {"wai": {"label": "WAI item mean", "domain": (1, 7)},
                      "srs": {"label": "SRS total", "domain": (0, 40)}}


@pytest.mark.parametrize("scale, expected", [
    ("wai", ("WAI item mean", 1, 7)), ("srs", ("SRS total", 0, 40)), ((0, 10), (None, 0.0, 10.0)), (None, None),
])
def test_scale_range_names_the_bounds_of_a_preset_or_a_custom_pair(scale, expected):
    assert scale_range(scale) == expected


@pytest.mark.parametrize("scale", ["likert", "wai-sr", (5, 1), ("a", "b")])
def test_bad_scale_is_refused(scale, calm_result):
    with pytest.raises(ValueError):
        chart_spec(calm_result, scale=scale)


def test_legend_lists_only_drawn_series(calm_result, episode_result):
    calm_colours = chart_spec(calm_result)["layer"][0]["encoding"]["color"]["scale"]["domain"]
    episode_colours = chart_spec(episode_result)["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert calm_colours == ["Observed score", "Fitted curve"]
    assert episode_colours == ["Observed score", "Fitted curve", "Rupture", "Trough", "Repair"]


def test_data_table_rows_carry_events(episode_result):
    rows = data_table(episode_result)
    assert len(rows) == 12
    assert rows[5] == {"session": 6, "score": 3.0, "fitted": pytest.approx(episode_result.fitted[5]), "events": "rupture, trough"}
    assert rows[7]["events"] == "repair"
    assert rows[0]["events"] == ""
