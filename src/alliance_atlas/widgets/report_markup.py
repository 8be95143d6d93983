"""The analyser's caseload view and printed report, as HTML built once at build time.

The caseload section stays hidden until the reader analyses a CSV of clients; analyser.js fills its
table and summary from ``api.analyse_caseload`` with ``textContent``. The report section is hidden on
screen and printed alone (print.css) when the reader presses "Print report": it names the settings of
the result on show (computed in Python: ``controls.report_settings``), and the page script adds the
date and the clinician's label, which is never stored. The chart and the findings it prints are the
widget's own; the cited paragraph on what one client's pattern can tell is in the page's Markdown,
where citations are rendered (docs/explorer/analyse.md), inside an element of class ``CLASSES["report"]``.
"""

from __future__ import annotations

from typing import Any

from alliance_atlas.widgets.contract import ATTRIBUTES as A, CLASSES as C, part_id
from alliance_atlas.widgets.controls import CASELOAD_COLUMNS
from alliance_atlas.widgets.parts import attr, text

REPORT_TITLE = "Alliance scores report"
LABEL_HELP = ("Printed at the top of the report and nowhere else: it is not saved, "
              "not put in the page's address and not sent anywhere.")


def row_problems_slot(widget_id: str) -> str:
    """Where the CSV rows that could not be analysed are listed, next to the scores box."""
    return (f'<div class="atlas-analyser__problems" id="{attr(part_id(widget_id, "row_problems"))}"'
            f' {A["out"]}="row-problems" role="status" hidden></div>')


def caseload_section(widget_id: str) -> str:
    """The caseload table (filled by the page script), what its columns mean, the supervision summary
    and the export button."""
    base = attr(part_id(widget_id, "caseload"))
    headings = "".join(f'<th scope="col">{text(heading)}</th>' for heading, _ in CASELOAD_COLUMNS)
    definitions = "".join(f"<dt>{text(heading)}</dt><dd>{text(meaning)}</dd>" for heading, meaning in CASELOAD_COLUMNS)
    return "".join([
        f'<section class="{C["caseload"]}" id="{base}" {A["group"]}="caseload" aria-labelledby="{base}-title" hidden>',
        f'<h3 id="{base}-title">Caseload</h3>',
        '<div class="atlas-table-scroll"><table>',
        "<caption>Your clients, the most recent unrepaired drop first. "
        "Choose a client's id to open their chart below.</caption>",
        f"<thead><tr>{headings}</tr></thead>",
        f'<tbody {A["out"]}="caseload-rows"></tbody>',
        "</table></div>",
        f'<h4 id="{base}-columns">What the columns mean</h4>',
        f'<dl class="atlas-caseload__columns" aria-labelledby="{base}-columns">{definitions}</dl>',
        f'<h4 id="{base}-summary">Supervision summary</h4>',
        f'<div class="atlas-caseload__summary" {A["out"]}="supervision" aria-labelledby="{base}-summary"></div>',
        f'<p><button type="button" class="md-button" {A["action"]}="download-caseload">Export caseload (CSV)</button></p>',
        "</section>",
    ])


def report_controls(widget_id: str) -> str:
    """The optional label and the "Print report" button (enabled by the page script)."""
    label_id = attr(part_id(widget_id, "report_label"))
    return "".join([
        '<div class="atlas-report-controls">',
        f'<label for="{label_id}">Label for the printed report (optional)</label>',
        # No name: it belongs to no form and can never reach an address; autocomplete off: the browser keeps no copy.
        f'<input type="text" id="{label_id}" autocomplete="off" spellcheck="false" maxlength="80"'
        f' aria-describedby="{label_id}-help">',
        f'<span class="{C["input_help"]}" id="{label_id}-help">{text(LABEL_HELP)}</span>',
        f'<button type="button" class="md-button" {A["report"]} disabled>Print report</button>',
        "</div>",
    ])


def report_section(widget_id: str, result: dict[str, Any]) -> str:
    """The report's heading, label line and settings (those of ``result``); hidden except when printed."""
    base = attr(part_id(widget_id, "report"))
    return "".join([
        f'<section class="{C["report"]} atlas-report__head" id="{base}" aria-labelledby="{base}-title" hidden>',
        # The printed page's one level-one heading (the page's own title is not printed with the report).
        f'<h1 id="{base}-title">{text(REPORT_TITLE)}</h1>',
        f'<p class="atlas-report__label" {A["out"]}="report-label" hidden></p>',
        f'<dl class="atlas-report__settings" {A["out"]}="report-settings">{settings_html(result["settings"])}</dl>',
        '<p class="atlas-report__source">Computed in the browser by Alliance Atlas, "Analyse your own scores"; '
        "no score left the computer.</p>",
        "</section>",
    ])


def settings_html(settings: list[list[str]]) -> str:
    return "".join(f"<div><dt>{text(label)}</dt><dd>{text(value)}</dd></div>" for label, value in settings)
