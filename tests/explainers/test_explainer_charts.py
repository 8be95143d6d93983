"""The explainers' charts, checked as Vega-Lite dicts: titles, descriptions, axis titles with units, no actions menu."""

from __future__ import annotations

import json
import re

import pytest

from alliance_atlas.explainers import charts, data, effect_sizes
from alliance_atlas.trajectories import analyze


def _figures():
    examples = data.pattern_examples()
    u_client = examples["Quadratic (U shape)"]
    scores = data.walkthrough_scores()
    return {
        "forest": charts.forest_plot(),
        "explorer": charts.effect_size_explorer(0.28, effect_sizes.summary_rows()),
        "patterns": charts.trajectories_chart(data.trajectory_rows(examples), title="T", subtitle="S",
                                             description="Three panels of alliance score by session, one per example client."),
        "comparison": charts.model_comparison_chart(u_client, data.model_fit_rows(u_client), title="M"),
        "changes": charts.changes_chart(data.change_rows(scores), title="C"),
        "episodes": charts.episodes_chart(analyze(scores), title="E"),
        "false-alarms": charts.false_alarm_chart(data.false_alarm_rates(sessions=(8, 12), clients=50), title="F"),
    }


FIGURES = _figures()


def _title_text(spec) -> str:
    title = spec.get("title")
    return title.get("text", "") if isinstance(title, dict) else (title or "")


def _views(spec):
    """Every unit or layer spec with an encoding, however deeply nested (layer, facet, concat)."""
    if "encoding" in spec:
        yield spec
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in spec.get(key, []):
            yield from _views(child)
    if "spec" in spec:
        yield from _views(spec["spec"])


def _layered_groups(spec):
    """Groups of views that share axes: each layer chart, or a lone unit view."""
    if "layer" in spec:
        yield [view for child in spec["layer"] for view in _views(child)]
        return
    if "encoding" in spec:
        yield [spec]
    for key in ("vconcat", "hconcat", "concat"):
        for child in spec.get(key, []):
            yield from _layered_groups(child)
    if "spec" in spec:
        yield from _layered_groups(spec["spec"])


@pytest.mark.parametrize("name", FIGURES)
def test_every_chart_has_a_title_and_a_description(name):
    spec = FIGURES[name].spec()
    assert _title_text(spec).strip()
    assert len(spec.get("description", "")) > 40


@pytest.mark.parametrize("name", FIGURES)
def test_every_positional_axis_has_one_title_with_units(name):
    spec = FIGURES[name].spec()
    groups = list(_layered_groups(spec))
    assert groups
    for group in groups:
        for channel in ("x", "y"):
            titles = set()
            for view in group:
                encoding = view["encoding"].get(channel)
                if isinstance(encoding, dict) and "field" in encoding:
                    assert encoding.get("title"), f"{name}: {channel} of field {encoding['field']} has no title"
                    titles.add(encoding["title"])
                    if encoding.get("type") == "quantitative":
                        assert re.search(r"\(.+\)", encoding["title"]), f"{name}: no units in {encoding['title']!r}"
            # One title per shared axis: Vega-Lite would join different ones with commas.
            assert len(titles) <= 1, f"{name}: {channel} titles {titles}"


def test_the_explorer_has_one_slider_for_r_and_mirrors_the_conversions():
    spec = FIGURES["explorer"].spec()
    params = spec["params"]
    assert [p["name"] for p in params] == ["alliance_r"]
    bind = params[0]["bind"]
    assert (bind["input"], bind["min"], bind["max"], bind["step"]) == ("range", 0.0, 0.6, 0.01)
    assert params[0]["value"] == 0.28
    # Without a value the slider starts at the pooled correlation of the evidence file.
    assert charts.effect_size_explorer().spec()["params"][0]["value"] == effect_sizes.pooled_r()
    text = json.dumps(spec)
    assert "50 + datum.sign * 50 * alliance_r" in text
    assert "2 * alliance_r / sqrt(1 - alliance_r * alliance_r)" in text
    assert "cumulativeNormal(datum.d / sqrt(2))" in text


def test_the_forest_plot_draws_intervals_only_where_they_are_confirmed():
    spec = FIGURES["forest"].spec()
    text = json.dumps(spec)
    assert '"filter": "datum.has_interval"' in text
    rows = next(iter(spec["datasets"].values())) if "datasets" in spec else spec["data"]["values"]
    mcleod = next(row for row in rows if row["key"] == "mcleod2011relation")
    assert mcleod["has_interval"] is False and mcleod["ci_low"] is None


@pytest.mark.parametrize("name", FIGURES)
def test_every_figure_has_its_data_as_a_table(name):
    figure = FIGURES[name]
    html = figure.to_html()
    assert '<details class="atlas-chart__data">' in html
    assert "<caption>" in html and '<th scope="col">' in html
    assert html.count("<tr>") == len(figure.table.rows) + 1


def _attribute(html, name):
    import html as html_module

    return json.loads(html_module.unescape(re.search(rf'{name}="([^"]*)"', html).group(1)))


def test_actions_menu_is_off(monkeypatch):
    import altair as alt

    charts.setup()
    assert alt.renderers.options["embed_options"]["actions"] is False
    monkeypatch.setenv(charts.SITE_OUTPUT_ENV, "1")
    assert _attribute(FIGURES["forest"].to_html(), "data-atlas-options") == {"actions": False}


def test_site_output_holds_the_spec_as_data_not_code(monkeypatch):
    monkeypatch.setenv(charts.SITE_OUTPUT_ENV, "1")
    figure = FIGURES["changes"]
    bundle = figure._repr_mimebundle_()
    html = bundle["text/html"]
    assert bundle["text/plain"] == "Figure: C"
    # No script element: Material's instant navigation would run it as JavaScript.
    assert "<script" not in html
    assert _attribute(html, "data-atlas-spec") == figure.spec()
    assert "cdn.jsdelivr.net" not in html


def test_outside_the_site_the_figure_is_altairs_own_html(monkeypatch):
    monkeypatch.delenv(charts.SITE_OUTPUT_ENV, raising=False)
    html = FIGURES["changes"].to_html()
    assert "vegaEmbed" in html and 'class="atlas-chart"' not in html


def test_chart_json_holds_no_markup_characters():
    text = charts.chart_json({"title": "</script><b>&"})
    assert "</" not in text and "<" not in text and "&" not in text
    assert json.loads(text) == {"title": "</script><b>&"}


def test_table_formats_and_escapes():
    table = charts.Table([{"a": 0.00001, "b": "<x>"}, {"a": 0.0456, "b": None}],
                         [charts.Column("a", "p", charts.p_value), charts.Column("b", "B")], "Cap & co")
    html = table.to_html()
    assert "<caption>Cap &amp; co</caption>" in html
    assert "<td>&lt; .001</td>" in html and "<td>.046</td>" in html
    assert "&lt;x&gt;" in html and "\u2014" in html
    assert table._repr_mimebundle_()["text/plain"] == "Table: Cap & co"


def test_correlation_format():
    assert charts.correlation(0.275) == ".275"
    assert charts.correlation(0.30) == ".3"
    assert charts.correlation(-0.14) == "\u2212.14"
