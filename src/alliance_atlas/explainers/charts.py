"""Altair charts and HTML tables for the explainer notebooks in ``docs/explainers/``.

Every chart has a title, a description (read out by screen readers) and axis titles with
units; every figure comes with its data as a table. Notebooks only call these builders.

How a figure reaches the reader. On the site, notebook pages may arrive through Material's
instant navigation, which re-creates the page's script elements (dropping their ``type``) instead
of loading the page, so a figure holds no script at all: it is a ``<div class="atlas-chart">``
whose Vega-Lite spec and vega-embed options sit in data attributes, and the site-wide script
``assets/javascripts/explainer-charts.js`` draws every such figure on each page view with the
site's own copy of vega-embed. That output is produced when ``ALLIANCE_ATLAS_SITE_OUTPUT=1``
(set by ``alliance_atlas.explainers.notebooks`` when it executes the notebooks for the site).
Anywhere else, for instance a reader running a downloaded notebook in Jupyter, a figure is
Altair's own HTML output followed by the same table.
"""

from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import altair as alt

from alliance_atlas.explainers.effect_sizes import forest_rows, pooled_r
from alliance_atlas.trajectories import AnalysisResult, chart_spec, data_table

SITE_OUTPUT_ENV = "ALLIANCE_ATLAS_SITE_OUTPUT"
EMBED_OPTIONS: dict[str, Any] = {"actions": False}
WIDTH = 520
# Colours with at least 4.5:1 contrast on white.
BLUE, RED, GREEN, GREY, ORANGE = "#1f4e79", "#b03a2e", "#1e6b3a", "#595959", "#8a4b08"


def setup() -> None:
    """Configure Altair for the explainers: no actions menu, and the site's figure output when building."""
    alt.renderers.set_embed_options(**EMBED_OPTIONS)


def site_output() -> bool:
    return os.environ.get(SITE_OUTPUT_ENV) == "1"


# ----------------------------------------------------------------------------------------------
# Tables
# ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    field: str
    header: str
    format: Callable[[Any], str] | str = "{}"

    def cell(self, row: dict[str, Any]) -> str:
        value = row.get(self.field)
        if value is None:
            return "\u2014"
        if callable(self.format):
            return self.format(value)
        return self.format.format(value)

#: The columns of the data table under each faceted trajectory chart.
_SERIES_COLUMNS = [
    Column("series", "Client"), Column("session", "Session"),
    Column("score", "Score", "{:.2f}"), Column("fitted", "Fitted value", "{:.2f}"),
]


def p_value(p: float) -> str:
    """APA style: no leading zero, "< .001" for very small values."""
    if p < 0.001:
        return "< .001"
    return f"{p:.3f}".replace("0.", ".", 1)


def correlation(r: float) -> str:
    return f"{r:.3f}".rstrip("0").replace("0.", ".", 1) if r >= 0 else f"\u2212{correlation(-r)}"


@dataclass
class Table:
    """An accessible HTML table: a caption, column headers and row values formatted as text."""

    rows: Sequence[dict[str, Any]]
    columns: Sequence[Column]
    caption: str

    def to_html(self) -> str:
        e = html.escape
        head = "".join(f'<th scope="col">{e(column.header)}</th>' for column in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{e(column.cell(row))}</td>" for column in self.columns) + "</tr>"
            for row in self.rows
        )
        return (
            f'<table class="atlas-table"><caption>{e(self.caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.to_html(), "text/plain": f"Table: {self.caption}"}


# ----------------------------------------------------------------------------------------------
# Figures: a chart and its data
# ----------------------------------------------------------------------------------------------

def chart_json(spec: dict[str, Any]) -> str:
    """Compact JSON with ``<``, ``>`` and ``&`` escaped, so it stays inert wherever HTML holds it."""
    text = json.dumps(spec, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def site_figure_html(spec: dict[str, Any], embed_options: dict[str, Any] | None = None) -> str:
    """The spec as data for ``explainer-charts.js``, in attributes: no script element at all.

    Not ``<script type="application/json">``: Material's instant navigation re-creates every script
    element of the new page without its ``type``, which would run the JSON as JavaScript.
    """
    options = EMBED_OPTIONS if embed_options is None else embed_options
    return (
        '<div class="atlas-chart" data-atlas-chart="vega-lite"'
        f' data-atlas-spec="{html.escape(chart_json(spec), quote=True)}"'
        f' data-atlas-options="{html.escape(chart_json(options), quote=True)}">'
        '<div class="atlas-chart__view"></div>'
        "</div>"
    )


@dataclass
class Figure:
    """A chart with its data table in a ``<details>`` element below it."""

    #: an Altair chart, or a finished Vega-Lite spec as a dict (the package's own ``chart_spec``)
    chart: alt.TopLevelMixin | dict[str, Any]
    table: Table
    summary: str = "Data as a table"

    def spec(self) -> dict[str, Any]:
        return self.chart if isinstance(self.chart, dict) else self.chart.to_dict()

    def chart_html(self) -> str:
        if site_output():
            return site_figure_html(self.spec())
        bundle = alt.renderers.get()(self.spec())
        bundle = bundle[0] if isinstance(bundle, tuple) else bundle
        return bundle.get("text/html", "")

    def to_html(self) -> str:
        return (
            f'{self.chart_html()}<details class="atlas-chart__data"><summary>{html.escape(self.summary)}</summary>'
            f"{self.table.to_html()}</details>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        title = self.spec().get("title", "")
        text = title.get("text", "") if isinstance(title, dict) else title
        return {"text/html": self.to_html(), "text/plain": f"Figure: {text}"}


def _title(text: str, subtitle: str | None = None) -> alt.Title:
    return alt.Title(text, subtitle=subtitle, anchor="start") if subtitle else alt.Title(text, anchor="start")


# ----------------------------------------------------------------------------------------------
# "How strong is the alliance-outcome link?"
# ----------------------------------------------------------------------------------------------

def forest_plot(rows: Sequence[dict[str, Any]] | None = None) -> Figure:
    """Pooled correlations with their 95% intervals (a point alone where no interval is confirmed)."""
    rows = list(forest_rows() if rows is None else rows)
    data = alt.Data(values=rows)
    y = alt.Y("label:N", sort=None, title="Meta-analysis", axis=alt.Axis(labelLimit=240))
    x_scale = alt.Scale(domain=[0, 0.5])
    x_title = "Correlation r with outcome (point and 95% interval)"
    colour = alt.Color(
        "population:N", title="Clients", scale=alt.Scale(domain=["Adults", "Children and adolescents", "Mixed or not reported"], range=[BLUE, RED, GREY])
    )
    intervals = alt.Chart(data).transform_filter("datum.has_interval").mark_rule(strokeWidth=2).encode(
        y=y,
        x=alt.X("ci_low:Q", title=x_title, scale=x_scale),
        x2="ci_high:Q",
        color=colour,
    )
    points = alt.Chart(data).mark_point(filled=True, size=110, opacity=1).encode(
        y=y,
        x=alt.X("r:Q", title=x_title, scale=x_scale),
        color=colour,
        shape=alt.Shape("association:N", title="Association", scale=alt.Scale(range=["circle", "diamond"])),
        tooltip=[
            alt.Tooltip("label:N", title="Meta-analysis"),
            alt.Tooltip("r:Q", title="r", format=".3f"),
            alt.Tooltip("note:N", title="Interval"),
            alt.Tooltip("studies:Q", title="Studies (k)"),
        ],
    )
    chart = alt.layer(intervals, points).properties(
        width=WIDTH - 200,
        height=190,
        title=_title("Alliance and outcome: pooled correlations", "Five meta-analyses; McLeod (2011) without an interval"),
        description=(
            "Forest plot of pooled correlations between alliance and outcome: "
            + "; ".join(f"{row['label']}, r = {row['r']}" + (
                f", 95% interval {row['ci_low']} to {row['ci_high']}" if row["has_interval"] else ", no interval"
            ) for row in rows)
            + "."
        ),
    )
    table = Table(rows, [
        Column("label", "Meta-analysis"),
        Column("association", "Association"),
        Column("population", "Clients"),
        Column("r", "r", correlation),
        Column("ci_low", "95% CI low", correlation),
        Column("ci_high", "95% CI high", correlation),
        Column("studies", "Studies (k)"),
        Column("note", "Note"),
    ], "Pooled correlations plotted above")
    return Figure(chart, table)


def effect_size_explorer(initial_r: float | None = None, rows: Sequence[dict[str, Any]] = ()) -> Figure:
    """Interactive: a slider sets r; bars show the BESD and curves show two groups d apart.

    The chart's expressions mirror ``alliance_atlas.explainers.effect_sizes``: success rates ``50 ± 50 r``,
    ``d = 2r / sqrt(1 - r^2)`` and probability of superiority ``Phi(d / sqrt(2))``.
    ``rows`` (from ``effect_sizes.summarize``) fill the table below the chart. The slider starts at
    ``initial_r``, by default the pooled correlation of the evidence file (``effect_sizes.pooled_r()``).
    """
    r = alt.param(
        name="alliance_r",
        value=pooled_r() if initial_r is None else initial_r,
        bind=alt.binding_range(min=0.0, max=0.6, step=0.01, name="Correlation r between alliance and outcome "),
    )
    d_expression = "2 * alliance_r / sqrt(1 - alliance_r * alliance_r)"
    groups = alt.Data(values=[
        {"group": "Stronger-alliance half", "sign": 1},
        {"group": "Weaker-alliance half", "sign": -1},
    ])
    group_colour = alt.Color(
        "group:N", title="Clients",
        scale=alt.Scale(domain=["Stronger-alliance half", "Weaker-alliance half"], range=[BLUE, ORANGE]),
    )
    bars = alt.Chart(groups).transform_calculate(success="50 + datum.sign * 50 * alliance_r").encode(
        y=alt.Y("group:N", title="Half of the clients", sort=None),
        x=alt.X("success:Q", title="Clients with a better-than-median outcome (%)", scale=alt.Scale(domain=[0, 100])),
    )
    besd = alt.layer(
        bars.mark_bar().encode(color=group_colour),
        # Text takes the page's text colour (explainer-charts.js passes it as config), light or dark.
        bars.mark_text(align="left", dx=4).encode(text=alt.Text("success:Q", format=".1f")),
    ).properties(
        width=WIDTH - 120,
        height=90,
        title=_title("Binomial effect size display", "Success rates of 50 + 50r and 50 \u2212 50r per cent"),
    )
    curves = alt.Chart(alt.sequence(-3.5, 5.01, 0.05, as_="z")).transform_calculate(
        d=d_expression,
        weaker="densityNormal(datum.z, 0, 1)",
        stronger="densityNormal(datum.z, datum.d, 1)",
    ).transform_fold(
        ["stronger", "weaker"], as_=["which", "density"]
    ).transform_calculate(
        group="datum.which === 'stronger' ? 'Stronger-alliance half' : 'Weaker-alliance half'"
    ).mark_area(opacity=0.45, line=True).encode(
        x=alt.X("z:Q", title="Outcome (in standard deviations)", scale=alt.Scale(domain=[-3.5, 5])),
        # Unstacked: the two curves overlap; headroom at the top for the line of text.
        y=alt.Y("density:Q", title="Density (share of clients per SD)", stack=None, scale=alt.Scale(domain=[0, 0.5])),
        color=group_colour,
    )
    readout = alt.Chart(alt.Data(values=[{}])).transform_calculate(
        d=d_expression,
        superiority="cumulativeNormal(datum.d / sqrt(2))",
        text="'d = ' + format(datum.d, '.2f') + '; probability of superiority = ' + format(datum.superiority, '.0%')",
    ).mark_text(align="left", baseline="top", fontSize=13).encode(text="text:N", x=alt.value(4), y=alt.value(4))
    distributions = alt.layer(curves, readout).properties(
        width=WIDTH - 120,
        height=200,
        title=_title("Two groups d standard deviations apart", "Normal outcome curves for the two halves"),
    )
    chart = alt.vconcat(besd, distributions).add_params(r).properties(
        title=_title("What a correlation of r looks like"),
        description=(
            "Interactive chart. A slider sets the correlation r between 0 and 0.6 (starting at "
            f"{initial_r}). Bars show the percentage of clients with a better-than-median outcome in the "
            "stronger-alliance and weaker-alliance halves; two normal curves show the outcome distributions "
            "of the two halves, d standard deviations apart, with d and the probability of superiority as text."
        ),
    ).resolve_scale(color="shared")
    table = Table(rows, [
        Column("r", "r", "{:.2f}"),
        Column("higher_group_success", "Stronger-alliance half: success (%)", "{:.1f}"),
        Column("lower_group_success", "Weaker-alliance half: success (%)", "{:.1f}"),
        Column("d", "d", "{:.2f}"),
        Column("probability_of_superiority", "Probability of superiority", "{:.0%}"),
        Column("variance_explained", "Variance explained (r\u00b2)", "{:.1%}"),
    ], "The same readings for a few values of r")
    return Figure(chart, table, "Data as a table: readings for a few values of r")


# ----------------------------------------------------------------------------------------------
# "Three ways an alliance develops"
# ----------------------------------------------------------------------------------------------

SCORE_TITLE = "Alliance score (points, synthetic data)"
SESSION_TITLE = "Session (number)"


def trajectories_chart(rows: Sequence[dict[str, Any]], *, title: str, subtitle: str, description: str) -> Figure:
    """Small multiples: each series' scores (points) and the fitted curve the classifier chose (line)."""
    order = list(dict.fromkeys(row["series"] for row in rows))
    base = alt.Chart().encode(x=alt.X("session:Q", title=SESSION_TITLE, axis=alt.Axis(tickMinStep=1, format="d")))
    observed = base.mark_point(filled=True, color=BLUE, size=40).encode(
        y=alt.Y("score:Q", title=SCORE_TITLE, scale=alt.Scale(zero=False)),
        tooltip=[alt.Tooltip("session:Q", title="Session"), alt.Tooltip("score:Q", title="Score", format=".2f")],
    )
    fitted = base.mark_line(color=RED, strokeWidth=2).encode(y=alt.Y("fitted:Q", title=SCORE_TITLE))
    chart = alt.layer(observed, fitted, data=alt.Data(values=list(rows))).properties(
        width=max(150, (WIDTH - 60) // len(order)), height=200
    ).facet(
        column=alt.Column("series:N", sort=order, title=None, header=alt.Header(labelFontSize=13))
    ).properties(title=_title(title, subtitle), description=description)
    table = Table(rows, _SERIES_COLUMNS, f"{title}: scores and fitted values")
    return Figure(chart, table)


def model_comparison_chart(result: AnalysisResult, fit_rows: Sequence[dict[str, Any]], *, title: str) -> Figure:
    """One client's scores with the stable, linear and quadratic fits the F-tests compare."""
    scores = [{"session": s, "score": round(v, 3)} for s, v in enumerate(result.scores, start=1)]
    x = alt.X("session:Q", title=SESSION_TITLE, axis=alt.Axis(tickMinStep=1, format="d"))
    observed = alt.Chart(alt.Data(values=scores)).mark_point(filled=True, color=BLUE, size=45).encode(
        x=x, y=alt.Y("score:Q", title=SCORE_TITLE, scale=alt.Scale(zero=False))
    )
    models = alt.Chart(alt.Data(values=list(fit_rows))).mark_line(strokeWidth=2).encode(
        x=x,
        y=alt.Y("fitted:Q", title=SCORE_TITLE),
        color=alt.Color("model:N", title="Model", sort=None, scale=alt.Scale(range=[GREY, ORANGE, RED])),
        strokeDash=alt.StrokeDash("model:N", sort=None, scale=alt.Scale(range=[[2, 2], [6, 3], [1, 0]]), title="Model"),
    )
    chart = alt.layer(observed, models).properties(
        width=WIDTH - 140,
        height=240,
        title=_title(title, "The three nested models the classifier compares"),
        description=(
            f"Scatter of {result.n_sessions} alliance scores by session with three fitted lines: a flat level, "
            "a straight line and a parabola. The parabola follows the dip and recovery; the flat and straight "
            "lines nearly coincide."
        ),
    )
    table = Table(fit_rows, [Column("model", "Model"), Column("session", "Session"), Column("fitted", "Fitted value", "{:.2f}")],
                  f"{title}: fitted values of each model")
    return Figure(chart, table)


def model_comparison_table(rows: Sequence[dict[str, Any]], caption: str) -> Table:
    return Table(rows, [
        Column("model", "Model"),
        Column("coefficients", "Coefficients"),
        Column("rss", "Residual sum of squares", "{:.3f}"),
        Column("r2", "R\u00b2", "{:.3f}"),
        Column("compared_with", "Tested against"),
        Column("f", "F", "{:.2f}"),
        Column("df", "df"),
        Column("p", "p", p_value),
        Column("alpha", "\u03b1", "{:g}"),
        Column("verdict", "Verdict"),
    ], caption)


def pattern_summary_table(rows: Sequence[dict[str, Any]], caption: str) -> Table:
    return Table(rows, [
        Column("client", "Client"),
        Column("sessions", "Sessions"),
        Column("curvature_p", "Curvature test p (\u03b1 = .02)", p_value),
        Column("slope_p", "Slope test p (\u03b1 = .05)", p_value),
        Column("pattern", "Pattern"),
        Column("direction", "Direction"),
    ], caption)


# ----------------------------------------------------------------------------------------------
# "Finding ruptures in session data"
# ----------------------------------------------------------------------------------------------

def changes_chart(rows: Sequence[dict[str, Any]], *, title: str) -> Figure:
    """Session-to-session change in SDs of the client's own scores, with the 1-SD and 2-SD drop lines."""
    changes = [row for row in rows if row["change_sd"] is not None]
    x = alt.X("session:O", title=SESSION_TITLE, axis=alt.Axis(labelAngle=0))
    y_title = "Change from the previous session (client SDs)"
    bars = alt.Chart(alt.Data(values=changes)).mark_bar().encode(
        x=x,
        y=alt.Y("change_sd:Q", title=y_title),
        color=alt.Color(
            "flag:N", title="Drop",
            scale=alt.Scale(domain=["drop of 2 SD or more", "drop of 1 SD or more", "smaller change"],
                            range=[RED, ORANGE, GREY]),
        ),
        tooltip=[alt.Tooltip("session:O", title="Session"), alt.Tooltip("change_sd:Q", title="Change (SD)", format=".2f")],
    )
    lines = alt.Chart(alt.Data(values=[
        {"at": -1.0, "label": "\u22121 SD (Strauss et al., 2006, as reported)"},
        {"at": -2.0, "label": "\u22122 SD (Stiles et al., 2004, as reported)"},
    ]))
    rules = lines.mark_rule(strokeDash=[5, 3]).encode(y=alt.Y("at:Q", title=y_title))
    labels = lines.mark_text(align="right", baseline="top", dy=3).encode(
        y=alt.Y("at:Q", title=y_title), x=alt.value(WIDTH - 130), text="label:N"
    )
    chart = alt.layer(bars, rules, labels).properties(
        width=WIDTH - 130,
        height=260,
        title=_title(title, "A rupture is a drop that reaches the dashed line"),
        description=(
            "Bar chart of each session's change from the session before, in standard deviations of the client's "
            "own scores, with dashed lines at minus one and minus two SDs. "
            + " ".join(
                f"Session {row['session']} changed by {row['change_sd']:.2f} SD." for row in changes
                if row["flag"] != "smaller change"
            )
        ),
    )
    table = Table(rows, [
        Column("session", "Session"),
        Column("score", "Score", "{:.2f}"),
        Column("change", "Change (points)", "{:+.2f}"),
        Column("change_sd", "Change (client SDs)", "{:+.2f}"),
        Column("flag", "Drop"),
    ], f"{title}: each session's change")
    return Figure(chart, table)


def episodes_chart(result: AnalysisResult, *, title: str) -> Figure:
    """The package's own trajectory chart (``chart_spec``, as the widgets draw it), with a fixed width."""
    spec = chart_spec(result, title=title)
    spec["width"] = WIDTH - 100
    for layer in spec["layer"]:
        for channel in layer.get("encoding", {}).values():
            if isinstance(channel, dict) and channel.get("title") == "Alliance score":
                channel["title"] = SCORE_TITLE
            elif isinstance(channel, dict) and channel.get("field") == "session" and channel.get("title") == "Session":
                channel["title"] = SESSION_TITLE
    # The widgets' own data table, with an empty cell for a session without events.
    rows = [{**row, "events": row["events"] or None} for row in data_table(result)]
    table = Table(rows, [
        Column("session", "Session"),
        Column("score", "Score", "{:.2f}"),
        Column("fitted", f"Fitted ({result.pattern})", "{:.2f}"),
        Column("events", "Episode events"),
    ], f"{title}: scores and episode events")
    return Figure(spec, table)


def episode_table(rows: Sequence[dict[str, Any]], caption: str) -> Table:
    return Table(rows, [
        Column("threshold_sd", "Threshold (SD)", "{:g}"),
        Column("rupture_session", "Rupture session"),
        Column("trough_session", "Trough session"),
        Column("repair_session", "Repair session"),
        Column("depth", "Depth (points)", "{:.2f}"),
    ], caption)


def false_alarm_chart(rows: Sequence[dict[str, Any]], *, title: str) -> Figure:
    """Percentage of pure-noise clients with at least one flagged rupture, by series length and threshold."""
    data = [{**row, "threshold": f"{row['threshold_sd']:g} SD"} for row in rows]
    clients = data[0]["clients"] if data else 0
    base = alt.Chart(alt.Data(values=data)).encode(
        x=alt.X("sessions:Q", title="Sessions per client (number)", axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("percent_flagged:Q", title="Clients with a flagged rupture (%)", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("threshold:N", title="Threshold", scale=alt.Scale(domain=["1 SD", "2 SD"], range=[ORANGE, RED])),
        tooltip=[
            alt.Tooltip("threshold:N", title="Threshold"),
            alt.Tooltip("sessions:Q", title="Sessions"),
            alt.Tooltip("percent_flagged:Q", title="Flagged (%)", format=".1f"),
            alt.Tooltip("flags_per_client:Q", title="Flags per client", format=".2f"),
        ],
    )
    chart = alt.layer(base.mark_line(strokeWidth=2), base.mark_point(filled=True, size=60)).properties(
        width=WIDTH - 140,
        height=240,
        title=_title(title, f"{clients} simulated clients per point whose true alliance never changes"),
        description=(
            "Line chart of the percentage of pure-noise clients flagged with at least one rupture, by number of "
            "sessions, one line per threshold: "
            + "; ".join(f"{row['threshold']}, {row['sessions']} sessions: {row['percent_flagged']:.1f}%" for row in data)
            + "."
        ),
    )
    table = Table(data, [
        Column("threshold", "Threshold"),
        Column("sessions", "Sessions"),
        Column("clients", "Clients simulated"),
        Column("percent_flagged", "Clients flagged (%)", "{:.1f}"),
        Column("flags_per_client", "Flags per client", "{:.2f}"),
    ], f"{title}: simulation results")
    return Figure(chart, table)
