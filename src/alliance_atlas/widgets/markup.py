"""HTML of the trajectory widgets, expanded from shortcodes in page Markdown.

A page asks for a widget with an HTML comment on a line of its own::

    <!-- atlas:explorer preset="v-rupture" -->
    <!-- atlas:analyser -->

``expand_shortcodes`` swaps each for a placeholder ``<div>`` (so that Markdown
and the citation engine never see the widget's HTML) and returns the widget
HTML to put in its place with ``fill_slots`` once the page is HTML.

Each widget's first chart is computed here, at build time, by the same
``api`` functions the browser calls later: the Vega-Lite spec (in a
``data-atlas-spec`` attribute, drawn by vega-embed as soon as Vega loads), the
plain-language description and the data as a table. The page is therefore readable before Pyodide is ready and stays so
if WebAssembly fails. Everything that comes from data is escaped; the HTML is
produced on one line per element so no Markdown rule can touch it.

Every name the page script looks for comes from ``contract``. Each widget is built once as a
``Widget``: its live HTML, the chart specs that await a static SVG, and the print version the course
pack shows in its place; nothing here reads rendered HTML back.

Pure functions: no MkDocs, no files.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from alliance_atlas.trajectories import PRESETS
from alliance_atlas.widgets import api, contract
from alliance_atlas.widgets.contract import ATTRIBUTES as A, CLASSES as C, part_id
from alliance_atlas.widgets.controls import PARAMETERS, PRESET_LABELS, SCALE_CHOICES, SETTINGS, format_score
from alliance_atlas.site.fences import fenced_ranges

SHORTCODE = re.compile(r"^<!--\s*atlas:(?P<name>[\w-]+)(?P<attrs>(?:\s+[\w-]+\s*=\s*\"[^\"]*\")*)\s*-->[ \t]*$", re.MULTILINE)
_ATTRIBUTE = re.compile(r"([\w-]+)\s*=\s*\"([^\"]*)\"")
_ANY_SHORTCODE = re.compile(r"^[ \t]*<!--\s*atlas:(?P<name>[^\s>]*)", re.MULTILINE)
SLOT = '<div class="atlas-widget-slot" data-atlas-slot="{slot}"></div>'
STATIC_CHART = "<!-- atlas-static-chart {chart_id} -->"
#: Around each widget in the rendered page, so that the course pack can put the print version in its place.
WIDGET_START = "<!-- atlas-widget {widget_id} -->"
WIDGET_END = "<!-- /atlas-widget {widget_id} -->"

DEFAULT_PRESET = "v-rupture"
# The analyser opens with this example so that its chart shows before anything is typed.
ANALYSER_EXAMPLE = "4.1 4.3 4.2 4.4 4.3 3.2 3.7 4.3 4.4 4.5 4.4 4.6 4.5 4.6"
ANALYSER_DEFAULT_SCALE = "wai-sr"
PRIVACY_SENTENCE = (
    "Your scores are analysed by Python running inside this browser tab: "
    "nothing you type or paste is sent to any server or stored, and the page works offline."
)


class WidgetError(ValueError):
    """A shortcode the build cannot expand: unknown widget, unknown attribute or unknown preset."""


@dataclass(frozen=True)
class Widget:
    """One widget as the build places it: the live HTML, and the print version for the course pack.

    ``specs`` holds the Vega-Lite spec of each chart (by element id) whose build-time SVG goes where
    ``STATIC_CHART`` marks it, in both versions.
    """

    widget_id: str
    html: str
    print_html: str
    specs: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __contains__(self, text: str) -> bool:
        return text in self.html

    def with_static_charts(self, svgs: dict[str, str]) -> "Widget":
        return replace(self, html=insert_static_charts(self.html, self.specs, svgs),
                       print_html=insert_static_charts(self.print_html, self.specs, svgs))


# ----------------------------------------------------------------------------------------------
# Shortcodes

def expand_shortcodes(markdown: str, *, page: str = "") -> tuple[str, dict[str, Widget]]:
    """Replace each widget shortcode with a placeholder; return the Markdown and the widgets' HTML.

    Shortcodes inside fenced code blocks are left alone, so documentation can show them.
    """
    where = f"{page}: " if page else ""
    fenced = fenced_ranges(markdown)
    slots: dict[str, Widget] = {}
    counts: dict[str, int] = {}

    def replace(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in fenced):
            return match[0]
        name = match["name"]
        renderer = RENDERERS.get(name)
        if renderer is None:
            raise WidgetError(f"{where}unknown shortcode 'atlas:{name}'; known: {', '.join(sorted(RENDERERS))}")
        attributes = dict(_ATTRIBUTE.findall(match["attrs"]))
        counts[name] = counts.get(name, 0) + 1
        widget_id = f"atlas-{name}-{counts[name]}"
        allowed = _attribute_names(renderer)
        unknown = sorted(set(attributes) - set(allowed))
        if unknown:
            raise WidgetError(
                f"{where}shortcode 'atlas:{name}' has an unknown attribute {unknown[0]!r} in {match[0]!r}; "
                f"allowed: {', '.join(allowed) or 'none'}"
            )
        try:
            slots[widget_id] = renderer(widget_id, **attributes)
        except WidgetError as error:
            raise WidgetError(f"{where}{error}") from None
        return "\n" + SLOT.format(slot=widget_id) + "\n"

    expanded = SHORTCODE.sub(replace, markdown)
    _check_no_malformed(expanded, fenced_source=markdown, where=where)
    return expanded, slots


def fill_slots(page_html: str, slots: dict[str, Widget]) -> str:
    """Put each widget's HTML, between its markers, where ``expand_shortcodes`` left its placeholder."""
    for widget_id, widget in slots.items():
        filled = WIDGET_START.format(widget_id=widget_id) + widget.html + WIDGET_END.format(widget_id=widget_id)
        page_html = page_html.replace(SLOT.format(slot=widget_id), filled, 1)
    return page_html


def _check_no_malformed(markdown: str, *, fenced_source: str, where: str) -> None:
    """A shortcode that did not match (not alone on its line, bad quoting) is an error, not silent text."""
    fenced = fenced_ranges(markdown)
    for match in _ANY_SHORTCODE.finditer(markdown):
        if any(start <= match.start() < end for start, end in fenced):
            continue
        line = markdown[match.start(): markdown.find("\n", match.start()) if "\n" in markdown[match.start():] else None]
        raise WidgetError(
            f"{where}cannot read the shortcode {line.strip()!r}: write it alone on its line, "
            'as <!-- atlas:NAME attribute="value" -->'
        )


def _attribute_names(renderer: Callable[..., Widget]) -> list[str]:
    import inspect

    return [name for name in inspect.signature(renderer).parameters if name != "widget_id"]


# ----------------------------------------------------------------------------------------------
# The explorer

def explorer(widget_id: str, preset: str = DEFAULT_PRESET) -> Widget:
    """The trajectory explorer, showing ``preset`` until Python is ready."""
    if preset not in PRESETS:
        raise WidgetError(f"unknown preset {preset!r} for atlas:explorer; known: {', '.join(PRESET_LABELS)}")
    values = dict(PRESETS[preset])
    pattern = values.pop("pattern")
    result = api.explore(pattern, values)
    config = api.widget_config()
    wid = _attr(widget_id)
    settings = {setting["name"]: setting["default"] for setting in SETTINGS}
    caption = "Generated alliance series"
    parts = [
        f'<div class="{C["widget"]} atlas-explorer" id="{wid}" {A["widget"]}="explorer"'
        f' data-preset="{_attr(preset)}" data-pattern="{_attr(pattern)}" {A["state"]}="static"'
        f' {A["config"]}="{json_attribute(config)}" {_contract_attribute()}>',
        _status(widget_id),
        f'<div class="atlas-explorer__controls" role="group" aria-labelledby="{wid}-controls-label">',
        f'<p class="atlas-widget__label" id="{wid}-controls-label">Settings</p>',
        '<div class="atlas-control atlas-control--select">',
        f'<label for="{wid}-preset">Example pattern</label>',
        f'<select id="{_attr(part_id(widget_id, "preset"))}" name="preset" {A["input"]}="preset" disabled>',
        "".join(
            f'<option value="{_attr(name)}"{" selected" if name == preset else ""}>{_text(label)}</option>'
            for name, label in PRESET_LABELS.items()
        ),
        "</select>",
        "</div>",
        f'<fieldset class="atlas-fieldset" {A["group"]}="generator" disabled><legend>Generator settings</legend>',
        "".join(
            _slider(widget_id, parameter, values.get(parameter["name"]), hidden=pattern not in parameter["patterns"])
            for parameter in PARAMETERS
        ),
        "</fieldset>",
        f'<fieldset class="atlas-fieldset" {A["group"]}="detection" disabled><legend>Rupture detection</legend>',
        "".join(_slider(widget_id, setting, settings[setting["name"]]) for setting in SETTINGS),
        "</fieldset>",
        _error(widget_id, "settings_error"),
        '<p class="atlas-explorer__share">',
        f'<button type="button" class="md-button" {A["action"]}="copy-link" disabled>Copy link to these settings</button> ',
        f'<span class="atlas-widget__copy-status" id="{_attr(part_id(widget_id, "copy_status"))}" role="status" aria-live="polite"></span>',
        "</p>",
        "</div>",
        _chart_figure(widget_id, result, caption),
        _findings(widget_id, result),
        f'<div class="{C["research"]}" id="{_attr(part_id(widget_id, "research"))}" aria-live="polite" hidden>',
        '<p class="atlas-widget__label">What the research says about this pattern</p>',
        "</div>",
        _code_editor(widget_id, pattern, config["generator_sources"][pattern]),
        "</div>",
    ]
    return _widget(widget_id, "".join(parts), result, caption)


def explorer_html(widget_id: str, preset: str = DEFAULT_PRESET) -> str:
    return explorer(widget_id, preset).html


def _slider(widget_id: str, parameter: dict[str, Any], value: Any, *, hidden: bool = False) -> str:
    name = parameter["name"]
    base = f"{widget_id}-{name.replace('_', '-')}"
    b = _attr(base)
    patterns = " ".join(parameter.get("patterns", ()))
    patterns_attribute = f' {A["patterns"]}={_quote(patterns)}' if patterns else ""
    value_text = "" if value is None else _number_text(value)
    if value is None:
        value_text = _number_text(parameter.get("default", parameter["min"]))
    limits = f'min="{_attr(_number_text(parameter["min"]))}" max="{_attr(_number_text(parameter["max"]))}" step="{_attr(_number_text(parameter["step"]))}"'
    return (
        f'<div class="atlas-control atlas-control--slider" {A["param"]}="{_attr(name)}"'
        f'{patterns_attribute}{" hidden" if hidden else ""}>'
        f'<label for="{b}" id="{b}-label">{_text(parameter["label"])}</label>'
        f'<input type="range" id="{b}" name="{_attr(name)}" {limits} value="{_attr(value_text)}"'
        f' {A["input"]}="{_attr(name)}" aria-describedby="{b}-help">'
        f'<input type="number" id="{b}-number" {limits} value="{_attr(value_text)}" {A["number"]}="{_attr(name)}"'
        f' aria-labelledby="{b}-label" aria-describedby="{b}-help" inputmode="decimal">'
        f'<span class="{C["input_help"]}" id="{b}-help">{_text(parameter["help"])}</span>'
        "</div>"
    )


def _code_editor(widget_id: str, pattern: str, source: str) -> str:
    code = _attr(part_id(widget_id, "code"))
    error = _attr(part_id(widget_id, "code_error"))
    return "".join([
        '<details class="atlas-code">',
        "<summary>Show the Python</summary>",
        f'<p id="{code}-help">This is the function that generated the series above, from the site\'s own package '
        "(<code>alliance_atlas.trajectories.generators</code>). "
        "Edit it and choose <em>Run my version</em>: it runs in your browser with the settings above, "
        "and what it returns is analysed like pasted scores. "
        "Choosing another example pattern replaces the code.</p>",
        f'<label for="{code}">Generator source (editable)</label>',
        f'<textarea id="{code}" class="atlas-code__editor" {A["input"]}="code" data-pattern="{_attr(pattern)}"'
        f' rows="18" spellcheck="false" autocapitalize="off" autocomplete="off"'
        f' aria-describedby="{code}-help {error}">{_textarea(source)}</textarea>',
        _error(widget_id, "code_error"),
        f'<p class="atlas-code__status" id="{_attr(part_id(widget_id, "code_status"))}" role="status" aria-live="polite"></p>',
        '<p class="atlas-code__actions">',
        f'<button type="button" class="md-button md-button--primary" {A["action"]}="run-code" disabled>Run my version</button> ',
        f'<button type="button" class="md-button" {A["action"]}="reset-code" disabled>Restore the original</button>',
        "</p>",
        "</details>",
    ])


# ----------------------------------------------------------------------------------------------
# The analyser

def analyser(widget_id: str) -> Widget:
    """The "analyse your own scores" widget, showing an example series until the reader analyses theirs."""
    result = api.analyse_text(ANALYSER_EXAMPLE, ANALYSER_DEFAULT_SCALE)
    wid = _attr(widget_id)
    ids = {part: _attr(part_id(widget_id, part)) for part in ("input", "input_help", "input_error", "scale", "scale_error", "results", "client")}
    settings = "".join(_number_setting(widget_id, setting) for setting in SETTINGS)
    caption = "Alliance across sessions (example scores)"
    parts = [
        f'<div class="{C["widget"]} atlas-analyser" id="{wid}" {A["widget"]}="analyser" {A["state"]}="static"'
        f' {_contract_attribute()}>',
        _status(widget_id),
        f'<form class="atlas-analyser__form" novalidate aria-labelledby="{wid}-form-label">',
        f'<p class="atlas-widget__label" id="{wid}-form-label">Your scores</p>',
        '<fieldset class="atlas-fieldset atlas-analyser__mode"><legend>What are you pasting?</legend>',
        f'<span class="atlas-radio"><input type="radio" id="{wid}-mode-single" name="{wid}-mode" value="single" checked>'
        f'<label for="{wid}-mode-single">One client\'s scores, in session order</label></span>',
        f'<span class="atlas-radio"><input type="radio" id="{wid}-mode-csv" name="{wid}-mode" value="csv">'
        f'<label for="{wid}-mode-csv">A CSV file of clients (one row per client: id, then scores)</label></span>',
        "</fieldset>",
        '<div class="atlas-control atlas-control--text">',
        f'<label for="{ids["input"]}">Scores</label>',
        f'<span class="{C["input_help"]}" id="{ids["input_help"]}" data-single="Separate scores with spaces, commas or line breaks, for example 4.1 4.3 3.2 4.0." '
        f'data-csv="One row per client: an id, then the scores; a first row of labels such as id,S1,S2 is skipped.">'
        "Separate scores with spaces, commas or line breaks, for example 4.1 4.3 3.2 4.0.</span>",
        f'<textarea id="{ids["input"]}" name="scores" rows="6" spellcheck="false" {A["input"]}="scores"'
        f' aria-describedby="{ids["input_help"]} {ids["input_error"]}">{_textarea(ANALYSER_EXAMPLE)}</textarea>',
        _error(widget_id, "input_error"),
        "</div>",
        '<div class="atlas-control atlas-control--select">',
        f'<label for="{ids["scale"]}">Scale</label>',
        f'<select id="{ids["scale"]}" name="scale" {A["input"]}="scale" aria-describedby="{ids["scale_error"]}">',
        "".join(
            f'<option value="{_attr(name)}"{" selected" if name == ANALYSER_DEFAULT_SCALE else ""}>{_text(label)}</option>'
            for name, label in SCALE_CHOICES.items()
        ),
        "</select>",
        "</div>",
        f'<div class="atlas-analyser__custom" {A["group"]}="custom-scale" hidden>',
        _plain_number(widget_id, "scale-min", "Scale minimum", "1", part_id(widget_id, "scale_error")),
        _plain_number(widget_id, "scale-max", "Scale maximum", "7", part_id(widget_id, "scale_error")),
        "</div>",
        _error(widget_id, "scale_error"),
        settings,
        _error(widget_id, "settings_error"),
        f'<p><button type="submit" class="md-button md-button--primary" {A["action"]}="analyse" disabled>Analyse</button></p>',
        "</form>",
        f'<p class="atlas-analyser__privacy"><strong>Private by design.</strong> {_text(PRIVACY_SENTENCE)}</p>',
        f'<div class="atlas-analyser__results" id="{ids["results"]}">',
        f'<div class="atlas-control atlas-control--select" {A["group"]}="client" hidden>',
        f'<label for="{ids["client"]}">Client</label>',
        f'<select id="{ids["client"]}" {A["input"]}="client"></select>',
        "</div>",
        _chart_figure(widget_id, result, caption),
        _findings(widget_id, result),
        f'<p class="{C["downloads"]}">',
        f'<button type="button" class="md-button" {A["action"]}="download-csv" disabled>Download results (CSV)</button> ',
        f'<button type="button" class="md-button" {A["action"]}="download-png" disabled>Download chart (PNG)</button> ',
        f'<button type="button" class="md-button" {A["action"]}="download-svg" disabled>Download chart (SVG)</button>',
        "</p>",
        "</div>",
        "</div>",
    ]
    return _widget(widget_id, "".join(parts), result, caption)


def analyser_html(widget_id: str) -> str:
    return analyser(widget_id).html


def _number_setting(widget_id: str, setting: dict[str, Any]) -> str:
    base = f"{widget_id}-{setting['name'].replace('_', '-')}"
    b = _attr(base)
    return (
        '<div class="atlas-control atlas-control--number">'
        f'<label for="{b}">{_text(setting["label"])}</label>'
        f'<input type="number" id="{b}" name="{_attr(setting["name"])}" {A["input"]}="{_attr(setting["name"])}"'
        f' min="{_attr(_number_text(setting["min"]))}" max="{_attr(_number_text(setting["max"]))}"'
        f' step="{_attr(_number_text(setting["step"]))}" value="{_attr(_number_text(setting["default"]))}"'
        f' aria-describedby="{b}-help {_attr(part_id(widget_id, "settings_error"))}">'
        f'<span class="{C["input_help"]}" id="{b}-help">{_text(setting["help"])}</span>'
        "</div>"
    )


def _plain_number(widget_id: str, name: str, label: str, value: str, error_id: str) -> str:
    b = _attr(f"{widget_id}-{name}")
    return (
        '<div class="atlas-control atlas-control--number">'
        f'<label for="{b}">{_text(label)}</label>'
        f'<input type="number" id="{b}" name="{_attr(name)}" {A["input"]}="{_attr(name)}" step="any"'
        f' value="{_attr(value)}" aria-describedby="{_attr(error_id)}">'
        "</div>"
    )


# ----------------------------------------------------------------------------------------------
# Shared pieces

def _contract_attribute() -> str:
    return f'{contract.CONTRACT_ATTRIBUTE}="{json_attribute(contract.as_json())}"'


def _error(widget_id: str, part: str) -> str:
    """Where a message about an input goes: next to it, announced when it appears."""
    return f'<p class="atlas-widget__error" id="{_attr(part_id(widget_id, part))}" role="alert" hidden></p>'


def _status(widget_id: str) -> str:
    progress = _attr(part_id(widget_id, "progress"))
    return (
        f'<div class="atlas-widget__status" {A["status"]}>'
        f'<label for="{progress}">Python for the live analysis</label> '
        f'<progress id="{progress}" max="100" value="0"></progress> '
        f'<span class="atlas-widget__stage" id="{_attr(part_id(widget_id, "stage"))}" role="status" aria-live="polite">'
        "Starts when the page has loaded (needs JavaScript and WebAssembly).</span>"
        "</div>"
    )


def _chart_figure(widget_id: str, result: dict[str, Any], caption: str, *, live: bool = True) -> str:
    """The chart with its caption and data table; ``live=False`` is the print version (no script hooks,
    the data table open)."""
    chart_id = _attr(part_id(widget_id, "chart"))
    caption_id = _attr(part_id(widget_id, "caption"))
    hooks = f' {A["chart"]} {A["spec"]}="{json_attribute(result["chart"])}"' if live else ""
    polite = ' aria-live="polite"' if live else ""
    return "".join([
        f'<figure class="{C["figure"]}" aria-labelledby="{caption_id}">',
        f'<div class="atlas-widget-chart" id="{chart_id}"{hooks}>',
        STATIC_CHART.format(chart_id=part_id(widget_id, "chart")),
        "</div>",
        f'<figcaption id="{caption_id}"><span class="{C["title"]}">{_text(caption)}.</span> ',
        f'<span class="{C["description"]}" id="{_attr(part_id(widget_id, "description"))}"{polite}>{_text(result["description"])}</span>',
        "</figcaption>",
        "</figure>",
        data_table_html(widget_id, result["table"]) if live else "",
    ])


def _widget(widget_id: str, live_html: str, result: dict[str, Any], caption: str) -> Widget:
    """The live widget, and its print version: the build-time chart, description, findings and open data table."""
    print_html = (_chart_figure(widget_id, result, caption, live=False) + _findings(widget_id, result, live=False)
                  + data_table_html(widget_id, result["table"], open_=True))
    return Widget(widget_id, live_html, print_html, {part_id(widget_id, "chart"): result["chart"]})


def static_chart_specs(widget: Widget) -> dict[str, dict[str, Any]]:
    """The Vega-Lite spec of every chart of ``widget`` that awaits its static SVG, by chart id."""
    return {chart_id: spec for chart_id, spec in widget.specs.items() if STATIC_CHART.format(chart_id=chart_id) in widget.html}


def insert_static_charts(widget_html: str, specs: dict[str, dict[str, Any]], svgs: dict[str, str]) -> str:
    """Put each chart's build-time SVG in its place, as one image named by the spec's description.

    Charts without an SVG keep an empty container, which the browser fills with Vega.
    """
    for chart_id, spec in specs.items():
        svg = svgs.get(chart_id)
        named = ""
        if svg and svg.startswith("<svg"):
            label = spec.get("description") or "Chart of alliance scores by session"
            named = f'<svg role="img" aria-label="{_attr(label)}" {A["static"]}{svg[4:]}'.replace("\n", " ")
        widget_html = widget_html.replace(STATIC_CHART.format(chart_id=chart_id), named)
    return widget_html


def data_table_html(widget_id: str, table: list[dict[str, Any]], *, open_: bool = False) -> str:
    """The chart's data as a table, in a <details> headed "Data table"."""
    rows = "".join(
        "<tr>"
        f'<th scope="row">{_text(str(row["session"]))}</th>'
        f"<td>{_text(format_score(row['score']))}</td>"
        f"<td>{_text(format_score(row['fitted']))}</td>"
        f"<td>{_text(row['events'])}</td>"
        "</tr>"
        for row in table
    )
    return (
        f'<details{" open" if open_ else ""} class="{C["data_table"]}" id="{_attr(part_id(widget_id, "data"))}">'
        "<summary>Data table</summary>"
        '<div class="atlas-table-scroll"><table>'
        "<caption>Score and fitted value by session, with rupture-repair events</caption>"
        '<thead><tr><th scope="col">Session</th><th scope="col">Score</th>'
        '<th scope="col">Fitted</th><th scope="col">Events</th></tr></thead>'
        f"<tbody{'' if open_ else ' ' + A['table']}>{rows}</tbody>"
        "</table></div>"
        "</details>"
    )


def _findings(widget_id: str, result: dict[str, Any], *, live: bool = True) -> str:
    found = result["findings"]
    out = (lambda name: f' {A["out"]}="{name}"') if live else (lambda name: "")
    return "".join([
        f'<div class="{C["findings"]}" id="{_attr(part_id(widget_id, "findings"))}">',
        '<p class="atlas-findings__pattern">Pattern: ',
        f'<strong{out("pattern")}>{_text(found["pattern"])}</strong>',
        f' <span class="atlas-findings__rule"{out("rule")}>{_text(found["rule"])}</span></p>',
        f'<div{out("episodes")}>{episodes_html(result["analysis"])}</div>',
        "</div>",
    ])


def episodes_html(analysis: dict[str, Any]) -> str:
    """The episodes as a table, or a sentence saying there are none."""
    episodes = analysis["episodes"]
    if not episodes:
        return '<p class="atlas-findings__none">No rupture-repair episode was found with these settings.</p>'
    rows = "".join(
        "<tr>"
        f'<th scope="row">{index}</th>'
        f"<td>{episode['rupture_session']}</td>"
        f"<td>{episode['trough_session']}</td>"
        f"<td>{_text(format_score(episode['depth']))}</td>"
        f"<td>{_text(str(episode['repair_session']) if episode['repair_session'] is not None else 'not repaired')}</td>"
        "</tr>"
        for index, episode in enumerate(episodes, start=1)
    )
    return (
        '<div class="atlas-table-scroll"><table>'
        "<caption>Rupture-repair episodes</caption>"
        '<thead><tr><th scope="col">Episode</th><th scope="col">Rupture session</th>'
        '<th scope="col">Lowest session</th><th scope="col">Depth</th><th scope="col">Repaired by session</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def json_attribute(data: Any) -> str:
    """JSON for a ``data-*`` attribute, escaped for HTML.

    Not a ``<script type="application/json">``: Material's instant navigation re-creates
    every inline script of the new page without its attributes, so the JSON would be run
    as JavaScript (a SyntaxError) and lose its class. An attribute is left alone.
    """
    return html.escape(json.dumps(data, allow_nan=False, separators=(",", ":"), ensure_ascii=False), quote=True)


def _text(value: str) -> str:
    return html.escape(str(value), quote=False)


def _attr(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _quote(value: str) -> str:
    return f'"{_attr(value)}"'


def _textarea(value: str) -> str:
    # Line breaks as character references keep the widget on one line of Markdown-proof HTML.
    return html.escape(value, quote=False).replace("\r", "").replace("\n", "&#10;")


def _number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return str(value)


#: Shortcode name -> the function that builds the widget (its keyword arguments are the shortcode's attributes).
RENDERERS: dict[str, Callable[..., Widget]] = {
    "explorer": explorer,
    "analyser": analyser,
}
