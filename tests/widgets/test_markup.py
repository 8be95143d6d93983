"""The widgets' HTML, expanded from shortcodes at build time (pure functions, no MkDocs)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from html.parser import HTMLParser

import pytest

from alliance_atlas.site.search import EXCLUDE
from alliance_atlas.widgets import api as browser_api
from alliance_atlas.widgets import analyser_markup, explorer_markup, markup, parts


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.textareas: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("script", "textarea"):
            self._in = tag
            (self.scripts if tag == "script" else self.textareas).append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "textarea":
            self.textareas[-1] += data


def _parse(html: str) -> _Collect:
    parser = _Collect()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def explorer():
    return explorer_markup.explorer_html("atlas-explorer-1", preset="v-rupture")


@pytest.fixture(scope="module")
def analyser():
    return analyser_markup.analyser_html("atlas-analyser-1")


# ------------------------------------------------------------------------------------------
# Shortcodes

def test_shortcodes_become_placeholders_and_fill_back_in():
    text = 'Intro.\n\n<!-- atlas:explorer preset="u-shape" -->\n\nMiddle.\n\n<!-- atlas:analyser -->\n'
    expanded, slots = markup.expand_shortcodes(text, page="docs/x.md")
    assert list(slots) == ["atlas-explorer-1", "atlas-analyser-1"]
    assert "atlas:" not in expanded
    assert 'data-preset="u-shape"' in slots["atlas-explorer-1"]
    page = markup.fill_slots(f"<p>Intro.</p>{expanded}", slots)
    assert 'data-atlas-widget="explorer"' in page and 'data-atlas-widget="analyser"' in page
    assert "atlas-widget-slot" not in page


def test_each_widget_is_followed_by_the_runtime_script_inside_its_markers():
    _, slots = markup.expand_shortcodes("<!-- atlas:explorer -->\n\n<!-- atlas:analyser -->\n")
    expanded = "".join(markup.SLOT.format(slot=widget_id) for widget_id in slots)
    page = markup.fill_slots(expanded, slots, runtime_url="../assets/javascripts/python-runtime.js?a&b")
    script = '<script src="../assets/javascripts/python-runtime.js?a&amp;b"></script>'
    for widget_id, widget in slots.items():
        # python-runtime.js finds its widget as the element just before it; the course pack swaps the whole
        # span between the markers for the print version, script included.
        assert widget.html + script + markup.WIDGET_END.format(widget_id=widget_id) in page
    assert "<script" not in markup.fill_slots(expanded, slots)


def test_only_a_page_whose_first_widget_is_near_its_top_starts_python_from_its_head():
    shortcode = '<!-- atlas:explorer preset="stable" -->\n'
    prose = " ".join(["word"] * markup.EARLY_WORDS)
    assert markup.near_the_top("# Explorer\n\nA short introduction.\n\n" + shortcode)
    assert not markup.near_the_top("# Reading\n\n" + prose + "\n\n" + shortcode)
    # A shortcode shown in a code block is no widget.
    assert not markup.near_the_top("```\n" + shortcode + "```\n\n" + prose + "\n\n" + shortcode)
    assert not markup.near_the_top("No widget here.\n")


def test_two_explorers_on_a_page_get_their_own_ids():
    _, slots = markup.expand_shortcodes("<!-- atlas:explorer -->\n\n<!-- atlas:explorer preset=\"stable\" -->\n")
    assert list(slots) == ["atlas-explorer-1", "atlas-explorer-2"]
    assert 'id="atlas-explorer-2-sessions"' in slots["atlas-explorer-2"]


def test_a_page_without_shortcodes_is_unchanged():
    text = "# Title\n\nNo widget <!-- a comment --> here.\n"
    assert markup.expand_shortcodes(text) == (text, {})


@pytest.mark.parametrize("text, fragment", [
    ("<!-- atlas:chart -->", "docs/p.md: unknown shortcode 'atlas:chart'; known: analyser, explorer"),
    ('<!-- atlas:explorer preset="w-shape" -->', "docs/p.md: unknown preset 'w-shape' for atlas:explorer"),
    ('<!-- atlas:explorer colour="red" -->', "unknown attribute 'colour'"),
    ('<!-- atlas:analyser preset="stable" -->', "allowed: none"),
    ("<!-- atlas:explorer preset=stable -->", "cannot read the shortcode"),
])
def test_unknown_or_malformed_shortcodes_fail_the_build_naming_them(text, fragment):
    with pytest.raises(markup.WidgetError, match=re.escape(fragment)):
        markup.expand_shortcodes(f"Intro\n\n{text}\n", page="docs/p.md")


def test_shortcodes_in_fenced_code_are_left_as_documentation():
    text = "```markdown\n<!-- atlas:explorer preset=\"nope\" -->\n```\n"
    assert markup.expand_shortcodes(text) == (text, {})


# ------------------------------------------------------------------------------------------
# The explorer's HTML

def test_explorer_carries_the_build_time_chart_description_and_table(explorer):
    parsed = _parse(explorer)
    expected = browser_api.explore_preset("v-rupture")
    specs = [json.loads(attrs["data-atlas-spec"]) for tag, attrs in parsed.tags if "data-atlas-spec" in attrs]
    assert specs == [expected["chart"]]
    assert parsed.scripts == []  # instant navigation would run inline JSON as JavaScript
    assert parts.text(expected["description"]) in explorer
    rows = [attrs for tag, attrs in parsed.tags if tag == "tr"]
    # header + one row per session, then header + one row per episode
    assert len(rows) == 1 + len(expected["table"]) + 1 + len(expected["analysis"]["episodes"])
    assert "<summary>Data table</summary>" in explorer


def test_every_generator_parameter_has_a_labelled_slider_and_number_box(explorer):
    parsed = _parse(explorer)
    inputs = {attrs["id"]: (tag, attrs) for tag, attrs in parsed.tags if tag in ("input", "select", "textarea")}
    labels = {attrs["for"] for tag, attrs in parsed.tags if tag == "label"}
    for parameter in browser_api.PARAMETERS + browser_api.SETTINGS:
        base = f"atlas-explorer-1-{parameter['name'].replace('_', '-')}"
        assert inputs[base][1]["type"] == "range" and base in labels
        number = inputs[f"{base}-number"][1]
        assert number["type"] == "number" and number["aria-labelledby"] == f"{base}-label"
        assert number["min"] == inputs[base][1]["min"] and number["max"] == inputs[base][1]["max"]
    assert all(identifier in labels or "aria-labelledby" in attrs for identifier, (tag, attrs) in inputs.items())


def test_ids_are_unique(explorer, analyser):
    for html in (explorer, analyser):
        ids = [attrs["id"] for tag, attrs in _parse(html).tags if "id" in attrs]
        assert len(ids) == len(set(ids))


def test_parameters_the_preset_does_not_use_are_hidden(explorer):
    hidden = {attrs["data-param"] for tag, attrs in _parse(explorer).tags if "data-param" in attrs and "hidden" in attrs}
    assert hidden == {"amplitude"}


def test_the_generator_source_is_escaped_in_an_editable_labelled_textarea(explorer):
    source = browser_api.generator_sources()["v_rupture"]
    parsed = _parse(explorer)
    assert parsed.textareas == [source]
    assert "if not 2 &lt;= rupture_session" in explorer
    assert '<label for="atlas-explorer-1-code">' in explorer


def test_the_widget_html_is_one_line_so_markdown_cannot_touch_it(explorer, analyser):
    assert "\n" not in explorer and "\n" not in analyser


def test_json_attributes_are_escaped_and_read_back_exactly():
    data = {"a": '</script><img src=x onerror=alert(1)> "quoted" & \'single\'', "b": "\u2028"}
    html = f'<div data-x="{parts.json_attribute(data)}"></div>'
    assert "<img" not in html and '"quoted"' not in html
    (tag, attrs), = _parse(html).tags
    assert json.loads(attrs["data-x"]) == data


def test_the_explorer_configuration_rides_on_the_widget(explorer):
    (tag, attrs) = next(item for item in _parse(explorer).tags if item[1].get("data-atlas-widget") == "explorer")
    config = json.loads(attrs["data-atlas-config"])
    assert config == json.loads(json.dumps(browser_api.widget_config()))


def test_table_cells_are_escaped():
    html = parts.data_table_html("w", [{"session": 1, "score": 1.0, "fitted": 1.0, "events": "<b>rupture</b>"}])
    assert "&lt;b&gt;rupture&lt;/b&gt;" in html and "<b>" not in html


# ------------------------------------------------------------------------------------------
# The analyser's HTML

def test_analyser_starts_with_an_analysed_example_and_says_nothing_leaves_the_browser(analyser):
    parsed = _parse(analyser)
    assert parsed.textareas == [analyser_markup.ANALYSER_EXAMPLE]
    expected = browser_api.analyse_text(analyser_markup.ANALYSER_EXAMPLE, analyser_markup.ANALYSER_DEFAULT_SCALE)
    spec = next(attrs["data-atlas-spec"] for tag, attrs in parsed.tags if "data-atlas-spec" in attrs)
    assert json.loads(spec) == expected["chart"]
    assert "nothing you type or paste is sent to any server" in analyser


def test_analyser_errors_sit_next_to_their_inputs_and_are_announced(analyser):
    tags = _parse(analyser).tags
    by_id = {attrs["id"]: attrs for tag, attrs in tags if "id" in attrs}
    assert "atlas-analyser-1-input-error" in by_id["atlas-analyser-1-input"]["aria-describedby"]
    for error in ("input", "scale", "settings"):
        attrs = by_id[f"atlas-analyser-1-{error}-error"]
        assert attrs["role"] == "alert" and "hidden" in attrs
    scales = [attrs["value"] for tag, attrs in tags if tag == "option"]
    assert scales == ["wai", "srs", "custom"]


def test_the_findings_text_is_the_api_s_and_only_python_writes_it(explorer):
    expected = browser_api.explore_preset("v-rupture")["findings"]
    assert f'<strong data-atlas-out="pattern">{parts.text(expected["pattern"])}</strong>' in explorer
    assert f'data-atlas-out="rule">{parts.text(expected["rule"])}</span>' in explorer
    script = (Path(__file__).resolve().parents[2] / "docs" / "assets" / "javascripts")
    for name in ("PATTERN_LABELS", "formatP", "ruleSummary", "patternLabel"):
        for js in script.glob("*.js"):
            assert name not in js.read_text(encoding="utf-8"), (name, js.name)


# ------------------------------------------------------------------------------------------
# The build-time SVG of each first chart

def test_each_chart_awaits_its_static_svg_and_gets_it_named_by_the_description():
    widget = explorer_markup.explorer("atlas-explorer-1", "v-rupture")
    specs = parts.static_chart_specs(widget)
    assert list(specs) == ["atlas-explorer-1-chart"]
    assert specs["atlas-explorer-1-chart"] == browser_api.explore_preset("v-rupture")["chart"]
    svg = '<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="10" height="10"><g></g>\n</svg>'
    filled = widget.with_static_charts({"atlas-explorer-1-chart": svg})
    label = parts.attr(specs["atlas-explorer-1-chart"]["description"])
    for version in (filled.html, filled.print_html):
        # Out of the search index: its axis labels would be indexed as words (alliance_atlas.site.search).
        assert f'<svg role="img" aria-label="{label}" data-atlas-static {EXCLUDE} xmlns=' in version
        assert "atlas-static-chart" not in version and "\n" not in version


def test_a_chart_without_svg_keeps_an_empty_container_for_the_browser():
    filled = explorer_markup.explorer("atlas-explorer-1", "v-rupture").with_static_charts({})
    assert "<svg" not in filled.html and "atlas-static-chart" not in filled.html
    assert 'data-atlas-widget-chart data-atlas-spec="' in filled.html


def test_every_name_the_script_looks_for_comes_from_the_contract(explorer, analyser):
    from alliance_atlas.widgets import contract

    for widget in (explorer, analyser):
        parsed = _parse(widget)
        root = parsed.tags[0][1]
        assert json.loads(root[contract.CONTRACT_ATTRIBUTE]) == contract.as_json()
        used = {name for _, attrs in parsed.tags for name in attrs if name.startswith("data-atlas-")}
        assert used <= set(contract.ATTRIBUTES.values()) | {contract.CONTRACT_ATTRIBUTE, "data-atlas-config"}
    widget_id = "atlas-analyser-1"
    for part in ("input_error", "scale_error", "settings_error", "description", "chart"):
        assert f'id="{contract.part_id(widget_id, part)}"' in analyser


def test_node_draws_the_static_svg_with_the_site_s_vega():
    from pathlib import Path

    from alliance_atlas.widgets.static_svg import node_available, render_svgs

    if not node_available():
        pytest.skip("Node.js is not installed")
    spec = browser_api.explore_preset("u-shape")["chart"]
    svgs = render_svgs({"c": spec}, Path(__file__).resolve().parents[2] / "node_modules")
    assert svgs["c"].startswith("<svg") and "currentColor" in svgs["c"] and "<script" not in svgs["c"]


def test_the_caseload_and_report_are_built_once_with_the_contract_s_names(analyser):
    tags = _parse(analyser).tags
    by_id = {attrs["id"]: (tag, attrs) for tag, attrs in tags if "id" in attrs}
    caseload_tag, caseload = by_id["atlas-analyser-1-caseload"]
    assert caseload_tag == "section" and "hidden" in caseload
    report_tag, report = by_id["atlas-analyser-1-report"]
    assert report_tag == "section" and "hidden" in report and "atlas-report" in report["class"]
    # One Print button, carrying the contract's attribute; the label box has no name and no autocomplete.
    assert [attrs for tag, attrs in tags if "data-atlas-report" in attrs and tag == "button"]
    label_tag, label = by_id["atlas-analyser-1-report-label"]
    assert label_tag == "input" and "name" not in label and label["autocomplete"] == "off"
    # Every caseload column has a heading and a plain definition.
    from alliance_atlas.widgets.controls import CASELOAD_COLUMNS
    for heading, meaning in CASELOAD_COLUMNS:
        assert f'<th scope="col">{parts.text(heading)}</th>' in analyser
        assert f"<dt>{parts.text(heading)}</dt><dd>{parts.text(meaning)}</dd>" in analyser
    # The report's settings are those of the example on show, from Python.
    for label_text, value in browser_api.analyse_text(analyser_markup.ANALYSER_EXAMPLE, "wai")["settings"]:
        assert f"<dt>{parts.text(label_text)}</dt><dd>{parts.text(value)}</dd>" in analyser
    assert "atlas-analyser-1-row-problems" in by_id["atlas-analyser-1-input"][1]["aria-describedby"]
