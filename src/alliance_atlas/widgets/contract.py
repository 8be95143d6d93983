"""The names the widgets' HTML and their page script agree on, written once.

``markup`` builds the HTML with these names; the build passes them to the page script as JSON in each
widget's ``data-atlas-contract`` attribute (``as_json``), and the script finds every element through
them, never through a name of its own. The course pack's print version and the tests use them too.

Element ids follow one scheme: the widget's id, a hyphen, and the part's name (``part_id``), so
"atlas-explorer-1-settings-error" is the explorer's settings error. Standard library only (it is
shipped to the browser with the API).
"""

from __future__ import annotations

from typing import Any

#: The attribute that carries this contract on every widget; the one name the script knows by heart.
CONTRACT_ATTRIBUTE = "data-atlas-contract"

#: Data attributes, by role.
ATTRIBUTES: dict[str, str] = {
    "widget": "data-atlas-widget",        # on the widget: "explorer" or "analyser"
    "config": "data-atlas-config",        # on the explorer: widget_config() as JSON
    "state": "data-state",                # on the widget: static, loading, ready or failed
    "status": "data-atlas-status",        # the "Python is loading" line
    "input": "data-atlas-input",          # a control, by the name of what it sets
    "number": "data-atlas-number",        # a slider's number box, by parameter name
    "param": "data-param",                # a slider's wrapper, by parameter name
    "patterns": "data-patterns",          # the generator patterns a slider applies to
    "action": "data-atlas-action",        # a button, by what it does
    "group": "data-atlas-group",          # a group of controls shown or enabled together
    "out": "data-atlas-out",              # where a result's text goes: pattern, rule, episodes
    "chart": "data-atlas-widget-chart",   # the chart's container
    "spec": "data-atlas-spec",            # the chart's Vega-Lite spec as JSON
    "table": "data-atlas-table",          # the data table's body
    "static": "data-atlas-static",        # on the build-time SVG of a chart
    "report": "data-atlas-report",        # the "Print report" button; on <html>, "printing" while it prints
}

#: Class names the script and the course pack rely on (the stylesheet uses more).
CLASSES: dict[str, str] = {
    "widget": "atlas-widget",
    "figure": "atlas-chart-figure",
    "title": "atlas-chart__title",
    "description": "atlas-chart__description",
    "findings": "atlas-findings",
    "data_table": "atlas-data-table",
    "research": "atlas-explorer__research",
    "pattern_note": "atlas-pattern-note",
    "input_help": "atlas-control__help",
    "downloads": "atlas-analyser__downloads",
    "report": "atlas-report",             # what the printed report shows (print.css); docs/explorer/analyse.md too
    "caseload": "atlas-caseload",
    "recent": "atlas-caseload__recent",   # a caseload row with an unrepaired drop in the last three sessions
    "visually_hidden": "atlas-visually-hidden",
}

#: Parts of a widget that have an id: ``part_id(widget_id, part)``.
PARTS: dict[str, str] = {
    "settings_error": "settings-error",
    "code_error": "code-error",
    "input_error": "input-error",
    "scale_error": "scale-error",
    "copy_status": "copy-status",
    "code_status": "code-status",
    "code": "code",
    "input": "input",
    "input_help": "input-help",
    "chart": "chart",
    "caption": "caption",
    "description": "description",
    "findings": "findings",
    "data": "data",
    "research": "research",
    "progress": "progress",
    "stage": "stage",
    "results": "results",
    "client": "client",
    "scale": "scale",
    "preset": "preset",
    "file": "file",
    "row_problems": "row-problems",
    "caseload": "caseload",
    "report": "report",
    "report_label": "report-label",
}


def part_id(widget_id: str, part: str) -> str:
    """The id of one part of a widget: ``part_id("atlas-explorer-1", "settings_error")``."""
    return f"{widget_id}-{PARTS[part]}"


def selector(role: str, value: str | None = None) -> str:
    """A CSS selector for the data attribute of ``role``, optionally with its value."""
    name = ATTRIBUTES[role]
    return f"[{name}]" if value is None else f'[{name}="{value}"]'


def as_json() -> dict[str, Any]:
    """The contract as the page script reads it."""
    return {"attributes": dict(ATTRIBUTES), "classes": dict(CLASSES), "parts": dict(PARTS)}
