"""The trajectory explorer's HTML: example patterns, generator and detection sliders, the chart and the
editable generator source. Its first chart is computed at build time by the same ``api`` the browser calls."""

from __future__ import annotations

from typing import Any

from alliance_atlas.trajectories import PRESETS
from alliance_atlas.widgets import api
from alliance_atlas.widgets.contract import ATTRIBUTES as A, CLASSES as C, part_id
from alliance_atlas.widgets.controls import PARAMETERS, PRESET_LABELS, SETTINGS
from alliance_atlas.widgets.parts import (
    Widget, WidgetError, attr, chart_figure, contract_attribute, error_slot, findings_html, json_attribute, make_widget,
    number_text, quoted, status_bar, text, textarea_text,
)

DEFAULT_PRESET = "v-rupture"


def explorer(widget_id: str, preset: str = DEFAULT_PRESET) -> Widget:
    """The trajectory explorer, showing ``preset`` until Python is ready."""
    if preset not in PRESETS:
        raise WidgetError(f"unknown preset {preset!r} for atlas:explorer; known: {', '.join(PRESET_LABELS)}")
    values = dict(PRESETS[preset])
    pattern = values.pop("pattern")
    result = api.explore(pattern, values)
    config = api.widget_config()
    wid = attr(widget_id)
    settings = {setting["name"]: setting["default"] for setting in SETTINGS}
    caption = "Generated alliance series"
    parts = [
        f'<div class="{C["widget"]} atlas-explorer" id="{wid}" {A["widget"]}="explorer"'
        f' data-preset="{attr(preset)}" data-pattern="{attr(pattern)}" {A["state"]}="static"'
        f' {A["config"]}="{json_attribute(config)}" {contract_attribute()}>',
        status_bar(widget_id),
        # Laid out like a figure (widgets.css): the chart first, then the controls that change it, the research note
        # and the code; on wide screens the chart beside them all, kept in view. The same order on screen and in the
        # DOM, for reading and focus.
        '<div class="atlas-explorer__view">',
        chart_figure(widget_id, result, caption),
        findings_html(widget_id, result),
        "</div>",
        f'<div class="atlas-explorer__controls" role="group" aria-labelledby="{wid}-controls-label">',
        f'<p class="atlas-widget__label" id="{wid}-controls-label">Settings</p>',
        '<div class="atlas-control atlas-control--select">',
        f'<label for="{wid}-preset">Example pattern</label>',
        f'<select id="{attr(part_id(widget_id, "preset"))}" name="preset" {A["input"]}="preset" disabled>',
        "".join(
            f'<option value="{attr(name)}"{" selected" if name == preset else ""}>{text(label)}</option>'
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
        error_slot(widget_id, "settings_error"),
        '<p class="atlas-explorer__share">',
        f'<button type="button" class="md-button" {A["action"]}="copy-link" disabled>Copy link to these settings</button> ',
        f'<span class="atlas-widget__copy-status" id="{attr(part_id(widget_id, "copy_status"))}" role="status" aria-live="polite"></span>',
        "</p>",
        "</div>",
        f'<div class="{C["research"]}" id="{attr(part_id(widget_id, "research"))}" aria-live="polite" hidden>',
        '<p class="atlas-widget__label">What the research says about this pattern</p>',
        "</div>",
        _code_editor(widget_id, pattern, config["generator_sources"][pattern]),
        "</div>",
    ]
    return make_widget(widget_id, "".join(parts), result, caption)


def explorer_html(widget_id: str, preset: str = DEFAULT_PRESET) -> str:
    return explorer(widget_id, preset).html


def _slider(widget_id: str, parameter: dict[str, Any], value: Any, *, hidden: bool = False) -> str:
    name = parameter["name"]
    base = f"{widget_id}-{name.replace('_', '-')}"
    b = attr(base)
    patterns = " ".join(parameter.get("patterns", ()))
    patterns_attribute = f' {A["patterns"]}={quoted(patterns)}' if patterns else ""
    value_text = "" if value is None else number_text(value)
    if value is None:
        value_text = number_text(parameter.get("default", parameter["min"]))
    limits = f'min="{attr(number_text(parameter["min"]))}" max="{attr(number_text(parameter["max"]))}" step="{attr(number_text(parameter["step"]))}"'
    return (
        f'<div class="atlas-control atlas-control--slider" {A["param"]}="{attr(name)}"'
        f'{patterns_attribute}{" hidden" if hidden else ""}>'
        f'<label for="{b}" id="{b}-label">{text(parameter["label"])}</label>'
        f'<input type="range" id="{b}" name="{attr(name)}" {limits} value="{attr(value_text)}"'
        f' {A["input"]}="{attr(name)}" aria-describedby="{b}-help">'
        f'<input type="number" id="{b}-number" {limits} value="{attr(value_text)}" {A["number"]}="{attr(name)}"'
        f' aria-labelledby="{b}-label" aria-describedby="{b}-help" inputmode="decimal">'
        f'<span class="{C["input_help"]}" id="{b}-help">{text(parameter["help"])}</span>'
        "</div>"
    )


def _code_editor(widget_id: str, pattern: str, source: str) -> str:
    code = attr(part_id(widget_id, "code"))
    error = attr(part_id(widget_id, "code_error"))
    return "".join([
        '<details class="atlas-code">',
        "<summary>Show the Python</summary>",
        f'<p id="{code}-help">This is the function that generated the series above, from the site\'s own package '
        "(<code>alliance_atlas.trajectories.generators</code>). "
        "Edit it and choose <em>Run my version</em>: it runs in your browser with the settings above, "
        "and what it returns is analysed like pasted scores. "
        "Choosing another example pattern replaces the code.</p>",
        f'<label for="{code}">Generator source (editable)</label>',
        f'<textarea id="{code}" class="atlas-code__editor" {A["input"]}="code" data-pattern="{attr(pattern)}"'
        f' rows="18" spellcheck="false" autocapitalize="off" autocomplete="off"'
        f' aria-describedby="{code}-help {error}">{textarea_text(source)}</textarea>',
        error_slot(widget_id, "code_error"),
        f'<p class="atlas-code__status" id="{attr(part_id(widget_id, "code_status"))}" role="status" aria-live="polite"></p>',
        '<p class="atlas-code__actions">',
        f'<button type="button" class="md-button md-button--primary" {A["action"]}="run-code" disabled>Run my version</button> ',
        f'<button type="button" class="md-button" {A["action"]}="reset-code" disabled>Restore the original</button>',
        "</p>",
        "</details>",
    ])
