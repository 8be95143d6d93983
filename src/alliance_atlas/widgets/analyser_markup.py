"""The "analyse your own scores" widget's HTML: the scores box, scale and detection settings, and the
results, showing an example series until the reader analyses theirs."""

from __future__ import annotations

from typing import Any

from alliance_atlas.widgets import api
from alliance_atlas.widgets.contract import ATTRIBUTES as A, CLASSES as C, part_id
from alliance_atlas.widgets.controls import SCALE_CHOICES, SETTINGS
from alliance_atlas.widgets.parts import (
    Widget, attr, chart_figure, contract_attribute, error_slot, findings_html, make_widget, number_text, status_bar,
    text, textarea_text,
)
from alliance_atlas.widgets.report_markup import caseload_section, report_controls, report_section, row_problems_slot

# The analyser opens with this example so that its chart shows before anything is typed.
ANALYSER_EXAMPLE = "4.1 4.3 4.2 4.4 4.3 3.2 3.7 4.3 4.4 4.5 4.4 4.6 4.5 4.6"
ANALYSER_DEFAULT_SCALE = "wai"
PRIVACY_SENTENCE = (
    "Your scores are analysed by Python running inside this browser tab: "
    "nothing you type or paste is sent to any server or stored, and the page works offline."
)
SCALE_HELP = ("Presets exist only for ranges this site has verified; a score outside the range is reported. "
              "For any other measure, the WAI-SR included, choose Custom range.")
CUSTOM_SCALE_NOTE = "This range is your own: the atlas has not verified it for your measure."



def analyser(widget_id: str) -> Widget:
    """The "analyse your own scores" widget, showing an example series until the reader analyses theirs."""
    result = api.analyse_text(ANALYSER_EXAMPLE, ANALYSER_DEFAULT_SCALE)
    wid = attr(widget_id)
    ids = {part: attr(part_id(widget_id, part)) for part in (
        "input", "input_help", "input_error", "scale", "scale_error", "results", "client", "file", "row_problems")}
    settings = "".join(_number_setting(widget_id, setting) for setting in SETTINGS)
    caption = "Alliance across sessions (example scores)"
    parts = [
        f'<div class="{C["widget"]} atlas-analyser" id="{wid}" {A["widget"]}="analyser" {A["state"]}="static"'
        f' {contract_attribute()}>',
        status_bar(widget_id),
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
        f' aria-describedby="{ids["input_help"]} {ids["input_error"]} {ids["row_problems"]}">'
        f'{textarea_text(ANALYSER_EXAMPLE)}</textarea>',
        error_slot(widget_id, "input_error"),
        row_problems_slot(widget_id),
        "</div>",
        '<div class="atlas-control atlas-control--file">',
        f'<label for="{ids["file"]}">Or load a CSV file of clients</label>',
        f'<input type="file" id="{ids["file"]}" accept=".csv,.tsv,.txt,text/csv,text/plain" {A["input"]}="file"'
        f' aria-describedby="{ids["file"]}-help">',
        f'<span class="{C["input_help"]}" id="{ids["file"]}-help">The file is read by this page into the box above; '
        "it is not uploaded.</span>",
        "</div>",
        '<div class="atlas-control atlas-control--select">',
        f'<label for="{ids["scale"]}">Scale</label>',
        f'<select id="{ids["scale"]}" name="scale" {A["input"]}="scale"'
        f' aria-describedby="{ids["scale"]}-help {ids["scale_error"]}">',
        "".join(
            f'<option value="{attr(name)}"{" selected" if name == ANALYSER_DEFAULT_SCALE else ""}>{text(label)}</option>'
            for name, label in SCALE_CHOICES.items()
        ),
        "</select>",
        f'<span class="{C["input_help"]}" id="{ids["scale"]}-help">{text(SCALE_HELP)}</span>',
        "</div>",
        f'<div class="atlas-analyser__custom" {A["group"]}="custom-scale" hidden>',
        f'<p class="{C["input_help"]}">{text(CUSTOM_SCALE_NOTE)}</p>',
        _plain_number(widget_id, "scale-min", "Scale minimum", "1", part_id(widget_id, "scale_error")),
        _plain_number(widget_id, "scale-max", "Scale maximum", "7", part_id(widget_id, "scale_error")),
        "</div>",
        error_slot(widget_id, "scale_error"),
        settings,
        error_slot(widget_id, "settings_error"),
        f'<p><button type="submit" class="md-button md-button--primary" {A["action"]}="analyse" disabled>Analyse</button></p>',
        "</form>",
        f'<p class="atlas-analyser__privacy"><strong>Private by design.</strong> {text(PRIVACY_SENTENCE)}</p>',
        f'<div class="atlas-analyser__results" id="{ids["results"]}">',
        # First, so that the printed report starts with its heading and settings (it is hidden on screen).
        report_section(widget_id, result),
        caseload_section(widget_id),
        f'<div class="atlas-control atlas-control--select" {A["group"]}="client" hidden>',
        f'<label for="{ids["client"]}">Client</label>',
        f'<select id="{ids["client"]}" {A["input"]}="client"></select>',
        "</div>",
        chart_figure(widget_id, result, caption),
        findings_html(widget_id, result),
        f'<p class="{C["downloads"]}">',
        f'<button type="button" class="md-button" {A["action"]}="download-csv" disabled>Download results (CSV)</button> ',
        f'<button type="button" class="md-button" {A["action"]}="download-png" disabled>Download chart (PNG)</button> ',
        f'<button type="button" class="md-button" {A["action"]}="download-svg" disabled>Download chart (SVG)</button>',
        "</p>",
        report_controls(widget_id),
        "</div>",
        "</div>",
    ]
    return make_widget(widget_id, "".join(parts), result, caption)


def analyser_html(widget_id: str) -> str:
    return analyser(widget_id).html


def _number_setting(widget_id: str, setting: dict[str, Any]) -> str:
    base = f"{widget_id}-{setting['name'].replace('_', '-')}"
    b = attr(base)
    return (
        '<div class="atlas-control atlas-control--number">'
        f'<label for="{b}">{text(setting["label"])}</label>'
        f'<input type="number" id="{b}" name="{attr(setting["name"])}" {A["input"]}="{attr(setting["name"])}"'
        f' min="{attr(number_text(setting["min"]))}" max="{attr(number_text(setting["max"]))}"'
        f' step="{attr(number_text(setting["step"]))}" value="{attr(number_text(setting["default"]))}"'
        f' aria-describedby="{b}-help {attr(part_id(widget_id, "settings_error"))}">'
        f'<span class="{C["input_help"]}" id="{b}-help">{text(setting["help"])}</span>'
        "</div>"
    )


def _plain_number(widget_id: str, name: str, label: str, value: str, error_id: str) -> str:
    b = attr(f"{widget_id}-{name}")
    return (
        '<div class="atlas-control atlas-control--number">'
        f'<label for="{b}">{text(label)}</label>'
        f'<input type="number" id="{b}" name="{attr(name)}" {A["input"]}="{attr(name)}" step="any"'
        f' value="{attr(value)}" aria-describedby="{attr(error_id)}">'
        "</div>"
    )
