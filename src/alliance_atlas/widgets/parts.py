"""The pieces both trajectory widgets are built from: the ``Widget`` record, the chart figure with its
description and data table, the findings, the status bar, and the escaping every piece goes through.

Pure functions: no MkDocs, no files. The explorer and the analyser are in their own modules.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field, replace
from typing import Any

from alliance_atlas.site.search import EXCLUDE
from alliance_atlas.widgets import contract
from alliance_atlas.widgets.contract import ATTRIBUTES as A, CLASSES as C, part_id
from alliance_atlas.widgets.controls import format_score

STATIC_CHART = "<!-- atlas-static-chart {chart_id} -->"


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



def contract_attribute() -> str:
    return f'{contract.CONTRACT_ATTRIBUTE}="{json_attribute(contract.as_json())}"'


def error_slot(widget_id: str, part: str) -> str:
    """Where a message about an input goes: next to it, announced when it appears."""
    return f'<p class="atlas-widget__error" id="{attr(part_id(widget_id, part))}" role="alert" hidden></p>'


def status_bar(widget_id: str) -> str:
    progress = attr(part_id(widget_id, "progress"))
    return (
        f'<div class="atlas-widget__status" {A["status"]}>'
        f'<label for="{progress}">Python for the live analysis</label> '
        f'<progress id="{progress}" max="100" value="0"></progress> '
        f'<span class="atlas-widget__stage" id="{attr(part_id(widget_id, "stage"))}" role="status" aria-live="polite">'
        "Starts when you scroll to it or use it (needs JavaScript and WebAssembly).</span>"
        "</div>"
    )


def chart_figure(widget_id: str, result: dict[str, Any], caption: str, *, live: bool = True) -> str:
    """The chart with its caption and data table; ``live=False`` is the print version (no script hooks,
    the data table open)."""
    chart_id = attr(part_id(widget_id, "chart"))
    caption_id = attr(part_id(widget_id, "caption"))
    hooks = f' {A["chart"]} {A["spec"]}="{json_attribute(result["chart"])}"' if live else ""
    polite = ' aria-live="polite"' if live else ""
    return "".join([
        f'<figure class="{C["figure"]}" aria-labelledby="{caption_id}">',
        f'<div class="atlas-widget-chart" id="{chart_id}"{hooks}>',
        STATIC_CHART.format(chart_id=part_id(widget_id, "chart")),
        "</div>",
        f'<figcaption id="{caption_id}"><span class="{C["title"]}">{text(caption)}.</span> ',
        f'<span class="{C["description"]}" id="{attr(part_id(widget_id, "description"))}"{polite}>{text(result["description"])}</span>',
        "</figcaption>",
        "</figure>",
        data_table_html(widget_id, result["table"]) if live else "",
    ])


def make_widget(widget_id: str, live_html: str, result: dict[str, Any], caption: str) -> Widget:
    """The live widget, and its print version: the build-time chart, description, findings and open data table."""
    print_html = (chart_figure(widget_id, result, caption, live=False) + findings_html(widget_id, result, live=False)
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
            named = f'<svg role="img" aria-label="{attr(label)}" {A["static"]} {EXCLUDE}{svg[4:]}'.replace("\n", " ")
        widget_html = widget_html.replace(STATIC_CHART.format(chart_id=chart_id), named)
    return widget_html


def data_table_html(widget_id: str, table: list[dict[str, Any]], *, open_: bool = False) -> str:
    """The chart's data as a table, in a <details> headed "Data table"."""
    rows = "".join(
        "<tr>"
        f'<th scope="row">{text(str(row["session"]))}</th>'
        f"<td>{text(format_score(row['score']))}</td>"
        f"<td>{text(format_score(row['fitted']))}</td>"
        f"<td>{text(row['events'])}</td>"
        "</tr>"
        for row in table
    )
    return (
        f'<details{" open" if open_ else ""} class="{C["data_table"]}" id="{attr(part_id(widget_id, "data"))}" {EXCLUDE}>'
        "<summary>Data table</summary>"
        '<div class="atlas-table-scroll"><table>'
        "<caption>Score and fitted value by session, with rupture-repair events</caption>"
        '<thead><tr><th scope="col">Session</th><th scope="col">Score</th>'
        '<th scope="col">Fitted</th><th scope="col">Events</th></tr></thead>'
        f"<tbody{'' if open_ else ' ' + A['table']}>{rows}</tbody>"
        "</table></div>"
        "</details>"
    )


def findings_html(widget_id: str, result: dict[str, Any], *, live: bool = True) -> str:
    found = result["findings"]
    out = (lambda name: f' {A["out"]}="{name}"') if live else (lambda name: "")
    return "".join([
        f'<div class="{C["findings"]}" id="{attr(part_id(widget_id, "findings"))}">',
        '<p class="atlas-findings__pattern">Pattern: ',
        f'<strong{out("pattern")}>{text(found["pattern"])}</strong>',
        f' <span class="atlas-findings__rule"{out("rule")}>{text(found["rule"])}</span></p>',
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
        f"<td>{text(format_score(episode['depth']))}</td>"
        f"<td>{text(str(episode['repair_session']) if episode['repair_session'] is not None else 'not repaired')}</td>"
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


def text(value: str) -> str:
    return html.escape(str(value), quote=False)


def attr(value: Any) -> str:
    return html.escape(str(value), quote=True)


def quoted(value: str) -> str:
    return f'"{attr(value)}"'


def textarea_text(value: str) -> str:
    # Line breaks as character references keep the widget on one line of Markdown-proof HTML.
    return html.escape(value, quote=False).replace("\r", "").replace("\n", "&#10;")


def number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return str(value)
