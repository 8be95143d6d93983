"""The forest plot's Vega-Lite spec, tested as a dict."""

from __future__ import annotations

from alliance_atlas.evidence.chart import POINTS_NAME, chart_rows, describe, filter_expression, forest_spec
from alliance_atlas.evidence.vocabulary import ALL, FILTERS


def spec_for(effects):
    return forest_spec(chart_rows(effects, lambda key: f"W {key}"), "desc")


def test_one_panel_per_metric_with_independent_axes(valid_effects):
    spec = spec_for(valid_effects)
    assert spec["facet"]["row"]["field"] == "metric_label"
    assert spec["resolve"]["scale"] == {"x": "independent", "y": "independent"}
    rows = spec["data"]["values"]
    assert sorted({row["metric_label"] for row in rows}) == ["Correlation r", "Odds ratio", "Standardised mean difference d"]
    assert spec["description"] == "desc"


def test_every_effect_is_a_point_and_intervals_only_where_reported(valid_effects):
    spec = spec_for(valid_effects)
    rows = spec["data"]["values"]
    assert [row["id"] for row in rows] == ["repair", "faith", "dropout-or"]
    assert [(row["ci_low"], row["ci_high"]) for row in rows] == [(0.10, 0.47), (None, None), (1.03, 1.38)]
    assert [row["null_value"] for row in rows] == [0.0, 0.0, 1.0]
    layers = spec["spec"]["layer"]
    points = next(layer for layer in layers if layer.get("name") == POINTS_NAME)
    assert points["encoding"]["x"]["field"] == "effect"
    interval = next(layer for layer in layers if layer["mark"]["type"] == "rule" and "x2" in layer["encoding"])
    assert interval["transform"] == [{"filter": "isValid(datum.ci_low)"}]
    assert rows[0]["estimate"] == "r = .29, 95% CI [.10, .47]"


def test_filters_are_parameters_named_as_the_selects(valid_effects):
    spec = spec_for(valid_effects)
    assert spec["params"] == [{"name": name, "value": ALL} for name in FILTERS]
    assert spec["transform"] == [{"filter": filter_expression()}]
    for name in FILTERS:
        assert f"datum.{name} == {name}" in filter_expression()
        assert all(name in row for row in spec["data"]["values"])


def test_description_counts_each_metric(valid_effects):
    text = describe(valid_effects, 3)
    assert text.startswith("Forest plot of 3 pooled effects from 3 meta-analyses, in one panel per metric: ")
    assert "1 estimate of r (.29)" in text and "1 estimate of OR (1.19)" in text
