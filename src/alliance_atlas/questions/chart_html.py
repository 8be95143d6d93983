"""The HTML of one generated chart question, built by the same code at build time and in Pyodide.

Standard library only: "Another one" asks Pyodide for ``chart_question_html`` and puts the result in
the page, so a fresh question has exactly the markup of the build-time bank. The chart containers
carry the Vega-Lite spec in ``data-atlas-spec``; the build adds static SVG where the comment marker
is, the browser draws the spec with Vega where it is not.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from .chart_bank import chart_question
from .contract import ATTRIBUTES, CHART_KIND, CLASSES, KIND_ATTRIBUTE, ROOT_ATTRIBUTE

STATIC_CHART = "<!-- atlas-static-chart {chart_id} -->"
HARD_NOTE = ("Hard on purpose: a short series with heavy noise. "
             "Expect to be unsure; that uncertainty is the point of this one.")


def chart_question_html(seed: int, hard: bool = False, number: int = 1, prefix: str = "pattern") -> str:
    """One question as HTML; ``number`` appears in its heading, ``prefix`` keeps ids unique on the page."""
    question = chart_question(seed, hard)
    return question_html(question, number, prefix)


def question_html(question: dict[str, Any], number: int, prefix: str) -> str:
    qid = f"{prefix}-{question['seed']}-{'hard' if question['hard'] else 'easy'}"
    base = f"question-{qid}"
    b = _attr(base)
    c = CLASSES
    hard = question["hard"]
    classes = f"{c['root']} {c['hard']}" if hard else c["root"]
    options = "".join(
        f'<div class="{c["option"]}"><input type="radio" name="{b}" id="{b}-{_attr(value)}" value="{_attr(value)}">'
        f'<label for="{b}-{_attr(value)}">{_text(label)}</label></div>'
        for value, label in question["answers"]
    )
    answer_label = dict(question["answers"])[question["answer"]]
    hard_note = f'<p class="atlas-question__hard-note"><strong>{_text(HARD_NOTE)}</strong></p>' if hard else ""
    return "".join([
        f'<div class="{classes}" id="{b}" {ROOT_ATTRIBUTE} {KIND_ATTRIBUTE}="{CHART_KIND}"'
        f' {ATTRIBUTES["id"]}="{_attr(qid)}" {ATTRIBUTES["correct"]}="{_attr(question["answer"])}">',
        f'<form class="{c["form"]}" aria-labelledby="{b}-stem">',
        f'<fieldset class="{c["options"]}">',
        f'<legend class="{c["stem"]}" id="{b}-stem">Pattern {number}{" (hard)" if hard else ""}: which pattern is this?</legend>',
        hard_note,
        _figure(f"{base}-q", question["question_chart"], "The scores",
                question["question_chart"]["description"], _scores_table(question)),
        options,
        "</fieldset>",
        _actions(base),
        "</form>",
        f'<details class="{c["answer"]}"><summary>Show the answer</summary>',
        f'<p><strong>Answer: {_text(answer_label)}.</strong> {_text(question["explanation"])}</p>',
        _figure(f"{base}-a", question["answer_chart"], "The analysis",
                question["description"], _analysis_table(question)),
        "</details>",
        "</div>",
    ])


def _actions(base: str) -> str:
    c, b = CLASSES, _attr(base)
    return (
        f'<p class="{c["actions"]}" hidden><button type="submit" class="md-button" {ATTRIBUTES["check"]}>Check my answer</button></p>'
        f'<p class="{c["feedback"]}" id="{b}-feedback" role="status" aria-live="polite"></p>'
    )


def _figure(chart_id: str, spec: dict[str, Any], title: str, description: str, table: str) -> str:
    i = _attr(chart_id)
    return (
        f'<figure class="atlas-chart-figure {CLASSES["chart"]}" aria-labelledby="{i}-caption">'
        f'<div class="atlas-widget-chart" id="{i}" data-atlas-widget-chart data-atlas-spec="{json_attribute(spec)}">'
        f"{STATIC_CHART.format(chart_id=chart_id)}</div>"
        f'<figcaption id="{i}-caption"><span class="atlas-chart__title">{_text(title)}.</span> '
        f'<span class="atlas-chart__description">{_text(description)}</span></figcaption>'
        f"</figure>{table}"
    )


def _scores_table(question: dict[str, Any]) -> str:
    rows = "".join(f'<tr><th scope="row">{s}</th><td>{v:.2f}</td></tr>' for s, v in enumerate(question["scores"], start=1))
    return _details_table("Data table", "Score by session",
                          '<th scope="col">Session</th><th scope="col">Score</th>', rows)


def _analysis_table(question: dict[str, Any]) -> str:
    rows = "".join(
        f'<tr><th scope="row">{row["session"]}</th><td>{row["score"]:.2f}</td><td>{row["fitted"]:.2f}</td>'
        f'<td>{_text(row["events"])}</td></tr>'
        for row in question["table"]
    )
    return _details_table("Data table with the fitted values", "Score, fitted value and rupture-repair events by session",
                          '<th scope="col">Session</th><th scope="col">Score</th><th scope="col">Fitted</th>'
                          '<th scope="col">Events</th>', rows)


def _details_table(summary: str, caption: str, head: str, rows: str) -> str:
    return (f'<details class="atlas-data-table"><summary>{_text(summary)}</summary>'
            f'<div class="atlas-table-scroll"><table><caption>{_text(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div></details>")


def json_attribute(data: Any) -> str:
    return html.escape(json.dumps(data, allow_nan=False, separators=(",", ":"), ensure_ascii=False), quote=True)


def _text(value: Any) -> str:
    return html.escape(str(value), quote=False)


def _attr(value: Any) -> str:
    return html.escape(str(value), quote=True)


_CHART_WITH_SPEC = re.compile(r'id="(?P<id>[^"]+)" data-atlas-widget-chart data-atlas-spec="(?P<spec>[^"]*)"')


def static_chart_specs(question_html: str) -> dict[str, dict[str, Any]]:
    """The spec of every chart in HTML made by ``_figure`` above that awaits its static SVG, by chart id.

    Read back from our own markup, whose attribute order ``_figure`` fixes: the bank's HTML is cached per
    page as text, without the specs beside it.
    """
    return {
        match["id"]: json.loads(html.unescape(match["spec"]))
        for match in _CHART_WITH_SPEC.finditer(question_html)
        if STATIC_CHART.format(chart_id=match["id"]) in question_html
    }
