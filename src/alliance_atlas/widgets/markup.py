"""HTML of the trajectory widgets, expanded from shortcodes in page Markdown.

A page asks for a widget with an HTML comment on a line of its own::

    <!-- atlas:explorer preset="v-rupture" -->
    <!-- atlas:analyser -->

``expand_shortcodes`` swaps each for a placeholder ``<div>`` (so that Markdown
and the citation engine never see the widget's HTML) and returns the widget
HTML to put in its place with ``fill_slots`` once the page is HTML.

Each widget's first chart is computed here, at build time, by the same
``browser_api`` functions the browser calls later: the Vega-Lite spec (in a
``data-atlas-spec`` attribute, drawn by vega-embed as soon as Vega loads), the
plain-language description and the data as a table. The page is therefore readable before Pyodide is ready and stays so
if WebAssembly fails. Everything that comes from data is escaped; the HTML is
produced on one line per element so no Markdown rule can touch it.

Pure functions: no MkDocs, no files.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any, Callable

from alliance_atlas.widgets import api as browser_api
from alliance_atlas.trajectories import PRESETS

SHORTCODE = re.compile(r"^<!--\s*atlas:(?P<name>[\w-]+)(?P<attrs>(?:\s+[\w-]+\s*=\s*\"[^\"]*\")*)\s*-->[ \t]*$", re.MULTILINE)
_ATTRIBUTE = re.compile(r"([\w-]+)\s*=\s*\"([^\"]*)\"")
_ANY_SHORTCODE = re.compile(r"^[ \t]*<!--\s*atlas:(?P<name>[^\s>]*)", re.MULTILINE)
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})", re.MULTILINE)
SLOT = '<div class="atlas-widget-slot" data-atlas-slot="{slot}"></div>'
STATIC_CHART = "<!-- atlas-static-chart {chart_id} -->"
_STATIC_PATTERN = re.compile(r"<!-- atlas-static-chart (?P<id>[\w-]+) -->")
_CHART_WITH_SPEC = re.compile(r'<div class="atlas-widget-chart" id="(?P<id>[\w-]+)" data-atlas-widget-chart data-atlas-spec="(?P<spec>[^"]*)">')
_SLOT_PATTERN = re.compile(r'<div class="atlas-widget-slot" data-atlas-slot="(?P<slot>[\w-]+)"></div>')

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


# ----------------------------------------------------------------------------------------------
# Shortcodes

def expand_shortcodes(markdown: str, *, page: str = "") -> tuple[str, dict[str, str]]:
    """Replace each widget shortcode with a placeholder; return the Markdown and the widgets' HTML.

    Shortcodes inside fenced code blocks are left alone, so documentation can show them.
    """
    where = f"{page}: " if page else ""
    fenced = _fenced_ranges(markdown)
    slots: dict[str, str] = {}
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


def fill_slots(page_html: str, slots: dict[str, str]) -> str:
    """Put each widget's HTML where ``expand_shortcodes`` left its placeholder."""

    def fill(match: re.Match[str]) -> str:
        return slots.get(match["slot"], match[0])

    return _SLOT_PATTERN.sub(fill, page_html)


def _fenced_ranges(markdown: str) -> list[tuple[int, int]]:
    ranges = []
    opened: re.Match[str] | None = None
    for match in _FENCE.finditer(markdown):
        if opened is None:
            opened = match
        elif match["fence"][0] == opened["fence"][0] and len(match["fence"]) >= len(opened["fence"]):
            ranges.append((opened.start(), match.end()))
            opened = None
    if opened is not None:
        ranges.append((opened.start(), len(markdown)))
    return ranges


def _check_no_malformed(markdown: str, *, fenced_source: str, where: str) -> None:
    """A shortcode that did not match (not alone on its line, bad quoting) is an error, not silent text."""
    fenced = _fenced_ranges(markdown)
    for match in _ANY_SHORTCODE.finditer(markdown):
        if any(start <= match.start() < end for start, end in fenced):
            continue
        line = markdown[match.start(): markdown.find("\n", match.start()) if "\n" in markdown[match.start():] else None]
        raise WidgetError(
            f"{where}cannot read the shortcode {line.strip()!r}: write it alone on its line, "
            'as <!-- atlas:NAME attribute="value" -->'
        )


def _attribute_names(renderer: Callable[..., str]) -> list[str]:
    import inspect

    return [name for name in inspect.signature(renderer).parameters if name != "widget_id"]


# ----------------------------------------------------------------------------------------------
# The explorer

def explorer_html(widget_id: str, preset: str = DEFAULT_PRESET) -> str:
    """The trajectory explorer, showing ``preset`` until Python is ready."""
    if preset not in PRESETS:
        raise WidgetError(f"unknown preset {preset!r} for atlas:explorer; known: {', '.join(browser_api.PRESET_LABELS)}")
    values = dict(PRESETS[preset])
    pattern = values.pop("pattern")
    result = browser_api.explore(pattern, values)
    config = browser_api.widget_config()
    wid = _attr(widget_id)
    settings = {setting["name"]: setting["default"] for setting in browser_api.SETTINGS}
    parts = [
        f'<div class="atlas-widget atlas-explorer" id="{wid}" data-atlas-widget="explorer"'
        f' data-preset="{_attr(preset)}" data-pattern="{_attr(pattern)}" data-state="static"'
        f' data-atlas-config="{json_attribute(config)}">',
        _status(widget_id),
        f'<div class="atlas-explorer__controls" role="group" aria-labelledby="{wid}-controls-label">',
        f'<p class="atlas-widget__label" id="{wid}-controls-label">Settings</p>',
        '<div class="atlas-control atlas-control--select">',
        f'<label for="{wid}-preset">Example pattern</label>',
        f'<select id="{wid}-preset" name="preset" data-atlas-input="preset" disabled>',
        "".join(
            f'<option value="{_attr(name)}"{" selected" if name == preset else ""}>{_text(label)}</option>'
            for name, label in browser_api.PRESET_LABELS.items()
        ),
        "</select>",
        "</div>",
        f'<fieldset class="atlas-fieldset" data-atlas-group="generator" disabled><legend>Generator settings</legend>',
        "".join(
            _slider(widget_id, parameter, values.get(parameter["name"]), hidden=pattern not in parameter["patterns"])
            for parameter in browser_api.PARAMETERS
        ),
        "</fieldset>",
        f'<fieldset class="atlas-fieldset" data-atlas-group="detection" disabled><legend>Rupture detection</legend>',
        "".join(_slider(widget_id, setting, settings[setting["name"]]) for setting in browser_api.SETTINGS),
        "</fieldset>",
        f'<p class="atlas-widget__error" id="{wid}-settings-error" role="alert" hidden></p>',
        '<p class="atlas-explorer__share">',
        f'<button type="button" class="md-button" data-atlas-action="copy-link" disabled>Copy link to these settings</button> ',
        f'<span class="atlas-widget__copy-status" id="{wid}-copy-status" role="status" aria-live="polite"></span>',
        "</p>",
        "</div>",
        _chart_figure(widget_id, result, "Generated alliance series"),
        _findings(widget_id, result),
        f'<div class="atlas-explorer__research" id="{wid}-research" aria-live="polite" hidden>',
        '<p class="atlas-widget__label">What the research says about this pattern</p>',
        "</div>",
        _code_editor(widget_id, pattern, config["generator_sources"][pattern]),
        "</div>",
    ]
    return "".join(parts)


def _slider(widget_id: str, parameter: dict[str, Any], value: Any, *, hidden: bool = False) -> str:
    name = parameter["name"]
    base = f"{widget_id}-{name.replace('_', '-')}"
    b = _attr(base)
    patterns = " ".join(parameter.get("patterns", ()))
    value_text = "" if value is None else _number_text(value)
    if value is None:
        value_text = _number_text(parameter.get("default", parameter["min"]))
    limits = f'min="{_attr(_number_text(parameter["min"]))}" max="{_attr(_number_text(parameter["max"]))}" step="{_attr(_number_text(parameter["step"]))}"'
    return (
        f'<div class="atlas-control atlas-control--slider" data-param="{_attr(name)}"'
        f'{f" data-patterns={_quote(patterns)}" if patterns else ""}{" hidden" if hidden else ""}>'
        f'<label for="{b}" id="{b}-label">{_text(parameter["label"])}</label>'
        f'<input type="range" id="{b}" name="{_attr(name)}" {limits} value="{_attr(value_text)}"'
        f' data-atlas-input="{_attr(name)}" aria-describedby="{b}-help">'
        f'<input type="number" id="{b}-number" {limits} value="{_attr(value_text)}" data-atlas-number="{_attr(name)}"'
        f' aria-labelledby="{b}-label" aria-describedby="{b}-help" inputmode="decimal">'
        f'<span class="atlas-control__help" id="{b}-help">{_text(parameter["help"])}</span>'
        "</div>"
    )


def _code_editor(widget_id: str, pattern: str, source: str) -> str:
    wid = _attr(widget_id)
    return "".join([
        '<details class="atlas-code">',
        "<summary>Show the Python</summary>",
        f'<p id="{wid}-code-help">This is the function that generated the series above, from the site\'s own package '
        "(<code>alliance_atlas.trajectories.generators</code>). "
        "Edit it and choose <em>Run my version</em>: it runs in your browser with the settings above, "
        "and what it returns is analysed like pasted scores. "
        "Choosing another example pattern replaces the code.</p>",
        f'<label for="{wid}-code">Generator source (editable)</label>',
        f'<textarea id="{wid}-code" class="atlas-code__editor" data-atlas-input="code" data-pattern="{_attr(pattern)}"'
        f' rows="18" spellcheck="false" autocapitalize="off" autocomplete="off"'
        f' aria-describedby="{wid}-code-help {wid}-code-error">{_textarea(source)}</textarea>',
        f'<p class="atlas-widget__error" id="{wid}-code-error" role="alert" hidden></p>',
        f'<p class="atlas-code__status" id="{wid}-code-status" role="status" aria-live="polite"></p>',
        '<p class="atlas-code__actions">',
        '<button type="button" class="md-button md-button--primary" data-atlas-action="run-code" disabled>Run my version</button> ',
        '<button type="button" class="md-button" data-atlas-action="reset-code" disabled>Restore the original</button>',
        "</p>",
        "</details>",
    ])


# ----------------------------------------------------------------------------------------------
# The analyser

def analyser_html(widget_id: str) -> str:
    """The "analyse your own scores" widget, showing an example series until the reader analyses theirs."""
    result = browser_api.analyse_text(ANALYSER_EXAMPLE, ANALYSER_DEFAULT_SCALE)
    wid = _attr(widget_id)
    settings = "".join(_number_setting(widget_id, setting) for setting in browser_api.SETTINGS)
    parts = [
        f'<div class="atlas-widget atlas-analyser" id="{wid}" data-atlas-widget="analyser" data-state="static">',
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
        f'<label for="{wid}-input">Scores</label>',
        f'<span class="atlas-control__help" id="{wid}-input-help" data-single="Separate scores with spaces, commas or line breaks, for example 4.1 4.3 3.2 4.0." '
        f'data-csv="One row per client: an id, then the scores; a first row of labels such as id,S1,S2 is skipped.">'
        "Separate scores with spaces, commas or line breaks, for example 4.1 4.3 3.2 4.0.</span>",
        f'<textarea id="{wid}-input" name="scores" rows="6" spellcheck="false" data-atlas-input="scores"'
        f' aria-describedby="{wid}-input-help {wid}-input-error">{_textarea(ANALYSER_EXAMPLE)}</textarea>',
        f'<p class="atlas-widget__error" id="{wid}-input-error" role="alert" hidden></p>',
        "</div>",
        '<div class="atlas-control atlas-control--select">',
        f'<label for="{wid}-scale">Scale</label>',
        f'<select id="{wid}-scale" name="scale" data-atlas-input="scale" aria-describedby="{wid}-scale-error">',
        "".join(
            f'<option value="{_attr(name)}"{" selected" if name == ANALYSER_DEFAULT_SCALE else ""}>{_text(label)}</option>'
            for name, label in browser_api.SCALE_CHOICES.items()
        ),
        "</select>",
        "</div>",
        f'<div class="atlas-analyser__custom" data-atlas-group="custom-scale" hidden>',
        _plain_number(widget_id, "scale-min", "Scale minimum", "1", f"{widget_id}-scale-error"),
        _plain_number(widget_id, "scale-max", "Scale maximum", "7", f"{widget_id}-scale-error"),
        "</div>",
        f'<p class="atlas-widget__error" id="{wid}-scale-error" role="alert" hidden></p>',
        settings,
        f'<p class="atlas-widget__error" id="{wid}-settings-error" role="alert" hidden></p>',
        '<p><button type="submit" class="md-button md-button--primary" data-atlas-action="analyse" disabled>Analyse</button></p>',
        "</form>",
        f'<p class="atlas-analyser__privacy"><strong>Private by design.</strong> {_text(PRIVACY_SENTENCE)}</p>',
        f'<div class="atlas-analyser__results" id="{wid}-results">',
        f'<div class="atlas-control atlas-control--select" data-atlas-group="client" hidden>',
        f'<label for="{wid}-client">Client</label>',
        f'<select id="{wid}-client" data-atlas-input="client"></select>',
        "</div>",
        _chart_figure(widget_id, result, "Alliance across sessions (example scores)"),
        _findings(widget_id, result),
        '<p class="atlas-analyser__downloads">',
        '<button type="button" class="md-button" data-atlas-action="download-csv" disabled>Download results (CSV)</button> ',
        '<button type="button" class="md-button" data-atlas-action="download-png" disabled>Download chart (PNG)</button> ',
        '<button type="button" class="md-button" data-atlas-action="download-svg" disabled>Download chart (SVG)</button>',
        "</p>",
        "</div>",
        "</div>",
    ]
    return "".join(parts)


def _number_setting(widget_id: str, setting: dict[str, Any]) -> str:
    base = f"{widget_id}-{setting['name'].replace('_', '-')}"
    b = _attr(base)
    return (
        '<div class="atlas-control atlas-control--number">'
        f'<label for="{b}">{_text(setting["label"])}</label>'
        f'<input type="number" id="{b}" name="{_attr(setting["name"])}" data-atlas-input="{_attr(setting["name"])}"'
        f' min="{_attr(_number_text(setting["min"]))}" max="{_attr(_number_text(setting["max"]))}"'
        f' step="{_attr(_number_text(setting["step"]))}" value="{_attr(_number_text(setting["default"]))}"'
        f' aria-describedby="{b}-help {_attr(widget_id)}-settings-error">'
        f'<span class="atlas-control__help" id="{b}-help">{_text(setting["help"])}</span>'
        "</div>"
    )


def _plain_number(widget_id: str, name: str, label: str, value: str, error_id: str) -> str:
    b = _attr(f"{widget_id}-{name}")
    return (
        '<div class="atlas-control atlas-control--number">'
        f'<label for="{b}">{_text(label)}</label>'
        f'<input type="number" id="{b}" name="{_attr(name)}" data-atlas-input="{_attr(name)}" step="any"'
        f' value="{_attr(value)}" aria-describedby="{_attr(error_id)}">'
        "</div>"
    )


# ----------------------------------------------------------------------------------------------
# Shared pieces

def _status(widget_id: str) -> str:
    wid = _attr(widget_id)
    return (
        f'<div class="atlas-widget__status" data-atlas-status>'
        f'<label for="{wid}-progress">Python for the live analysis</label> '
        f'<progress id="{wid}-progress" max="100" value="0"></progress> '
        f'<span class="atlas-widget__stage" id="{wid}-stage" role="status" aria-live="polite">'
        "Starts when the page has loaded (needs JavaScript and WebAssembly).</span>"
        "</div>"
    )


def _chart_figure(widget_id: str, result: dict[str, Any], caption: str) -> str:
    wid = _attr(widget_id)
    return "".join([
        f'<figure class="atlas-chart-figure" aria-labelledby="{wid}-caption">',
        f'<div class="atlas-widget-chart" id="{wid}-chart" data-atlas-widget-chart data-atlas-spec="{json_attribute(result["chart"])}">',
        STATIC_CHART.format(chart_id=f"{wid}-chart"),
        "</div>",
        f'<figcaption id="{wid}-caption"><span class="atlas-chart__title">{_text(caption)}.</span> ',
        f'<span class="atlas-chart__description" id="{wid}-description" aria-live="polite">{_text(result["description"])}</span>',
        "</figcaption>",
        "</figure>",
        data_table_html(widget_id, result["table"]),
    ])


def static_chart_specs(widget_html: str) -> dict[str, dict[str, Any]]:
    """The Vega-Lite spec of every chart in ``widget_html`` that awaits its static SVG, by chart id."""
    return {
        match["id"]: json.loads(html.unescape(match["spec"]))
        for match in _CHART_WITH_SPEC.finditer(widget_html)
        if STATIC_CHART.format(chart_id=match["id"]) in widget_html
    }


def insert_static_charts(widget_html: str, svgs: dict[str, str]) -> str:
    """Put each chart's build-time SVG in its place, as one image named by the spec's description.

    Charts without an SVG keep an empty container, which the browser fills with Vega.
    """
    specs = static_chart_specs(widget_html)

    def insert(match: re.Match[str]) -> str:
        chart_id = match["id"]
        svg = svgs.get(chart_id)
        if not svg or not svg.startswith("<svg"):
            return ""
        label = specs.get(chart_id, {}).get("description") or "Chart of alliance scores by session"
        named = f'<svg role="img" aria-label="{_attr(label)}" data-atlas-static{svg[4:]}'
        return named.replace("\n", " ")

    return _STATIC_PATTERN.sub(insert, widget_html)


def data_table_html(widget_id: str, table: list[dict[str, Any]]) -> str:
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
        f'<details class="atlas-data-table" id="{_attr(widget_id)}-data">'
        "<summary>Data table</summary>"
        '<div class="atlas-table-scroll"><table>'
        "<caption>Score and fitted value by session, with rupture-repair events</caption>"
        '<thead><tr><th scope="col">Session</th><th scope="col">Score</th>'
        '<th scope="col">Fitted</th><th scope="col">Events</th></tr></thead>'
        f"<tbody data-atlas-table>{rows}</tbody>"
        "</table></div>"
        "</details>"
    )


def _findings(widget_id: str, result: dict[str, Any]) -> str:
    wid = _attr(widget_id)
    analysis = result["analysis"]
    return "".join([
        f'<div class="atlas-findings" id="{wid}-findings">',
        '<p class="atlas-findings__pattern">Pattern: ',
        f'<strong data-atlas-out="pattern">{_text(pattern_label(analysis["pattern"], analysis["direction"]))}</strong>',
        f' <span class="atlas-findings__rule" data-atlas-out="rule">({_text(rule_summary(analysis))})</span></p>',
        f'<div data-atlas-out="episodes">{episodes_html(analysis)}</div>',
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


def pattern_label(pattern: str, direction: str) -> str:
    """"stable", "linear"/"up" ... as readers say it: "Linear growth", "U shape" ..."""
    labels = {
        ("stable", "none"): "Stable",
        ("linear", "up"): "Linear growth",
        ("linear", "down"): "Linear decline",
        ("quadratic", "up"): "Quadratic, U shape (curving upwards)",
        ("quadratic", "down"): "Quadratic, inverted U (curving downwards)",
    }
    return labels.get((pattern, direction), f"{pattern} ({direction})")


def rule_summary(analysis: dict[str, Any]) -> str:
    """One short line on the tests behind the label."""
    fits = analysis["fits"]
    parts = []
    for name, label in (("quadratic", "curvature"), ("linear", "slope")):
        test = fits.get(name, {}).get("f_test")
        if test and test.get("p") is not None:
            parts.append(f"{label} test p = {format_p(test['p'])}")
    return "; ".join(parts) + f"; threshold {analysis['threshold_sd']:g} SD, repair window {analysis['repair_window']}"


def format_score(value: Any) -> str:
    return "" if value is None else f"{value:.2f}"


def format_p(p: float) -> str:
    return "< .001" if p < 0.001 else f"{p:.3f}".lstrip("0")


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


RENDERERS: dict[str, Callable[..., str]] = {
    "explorer": explorer_html,
    "analyser": analyser_html,
}
