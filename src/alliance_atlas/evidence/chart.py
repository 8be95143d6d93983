"""The evidence map's forest plot, as a Vega-Lite spec built from plain dicts.

Correlations, standardised differences and odds ratios are on different scales, so each metric
gets its own panel (a row facet with independent x scales), never one shared axis. The filters
are Vega-Lite parameters named as in ``vocabulary.FILTERS``; the page script sets them when a
reader changes a select element, and the same names filter the data table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from alliance_atlas.evidence.model import Effect, format_number
from alliance_atlas.evidence.render import estimate_text
from alliance_atlas.evidence.vocabulary import ALL, AREAS, FILTERS, METRICS, area_label, filter_value_label

WIDTH = 360
ROW_STEP = 18
#: Colour-blind-safe colours (Okabe-Ito), one per area, in the order of ``vocabulary.AREAS``.
AREA_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
POINTS_NAME = "effect_points"


def chart_rows(effects: Sequence[Effect], work_label: Callable[[str], str]) -> list[dict[str, Any]]:
    """One JSON-ready row per effect; ``work_label`` gives "Flückiger et al. (2018)" for a key."""
    rows = []
    for order, effect in enumerate(effects):
        rows.append({
            "id": effect.id,
            "order": order,
            "label": f"{work_label(effect.key)}: {effect.association}",
            "work": work_label(effect.key),
            "association": effect.association,
            **{name: getattr(effect, name) for name in FILTERS},
            "area_label": area_label(effect.area),
            "format_label": filter_value_label("format", effect.format),
            "population_label": filter_value_label("population", effect.population),
            "metric": effect.metric,
            "metric_label": METRICS[effect.metric][1],
            "effect": float(effect.effect),
            "ci_low": float(effect.ci_low) if effect.has_interval else None,
            "ci_high": float(effect.ci_high) if effect.has_interval else None,
            "null_value": effect.null_value,
            "estimate": estimate_text(effect),
            "k": effect.k_text() or "not recorded",
            "n": effect.n_text() or "not recorded",
        })
    return rows


def filter_expression() -> str:
    """Keep a row when every filter is "all" or equals the row's value."""
    return " && ".join(f"({name} == '{ALL}' || datum.{name} == {name})" for name in FILTERS)


def forest_spec(rows: Sequence[dict[str, Any]], description: str) -> dict[str, Any]:
    """A faceted forest plot: one panel per metric, a dot per pooled effect, a line for its interval.

    The rules (intervals and the no-effect line) are hidden from assistive technology: a panel without
    any interval would otherwise leave an empty, unlabelled mark container, and each dot's own label
    and the data table already give the intervals.
    """
    area_domain = [label for label, _ in AREAS.values()]
    y = {
        "field": "label",
        "type": "nominal",
        "sort": {"field": "order"},
        "title": None,
        "axis": {"labelLimit": 300, "labelFontSize": 11},
    }
    x_title = "Pooled effect with its interval where one was reported"
    tooltip = [
        {"field": "work", "title": "Work"},
        {"field": "association", "title": "Association"},
        {"field": "estimate", "title": "Effect"},
        {"field": "k", "title": "k"},
        {"field": "n", "title": "N"},
        {"field": "population_label", "title": "Population"},
        {"field": "format_label", "title": "Format"},
    ]
    colour = {
        "field": "area_label",
        "type": "nominal",
        "title": "Area",
        "scale": {"domain": area_domain, "range": list(AREA_COLOURS[: len(area_domain)])},
    }
    return {
        "description": description,
        "data": {"values": list(rows)},
        "params": [{"name": name, "value": ALL} for name in FILTERS],
        "transform": [{"filter": filter_expression()}],
        "facet": {
            "row": {
                "field": "metric_label",
                "type": "nominal",
                "title": None,
                "sort": [METRICS[metric][1] for metric in METRICS],
                "header": {"labelOrient": "top", "labelAngle": 0, "labelAnchor": "start", "labelFontWeight": "bold", "labelFontSize": 13},
            }
        },
        "spec": {
            "width": WIDTH,
            "height": {"step": ROW_STEP},
            "layer": [
                {
                    "mark": {"type": "rule", "strokeDash": [4, 4], "opacity": 0.6, "aria": False},
                    "encoding": {"x": {"field": "null_value", "type": "quantitative", "title": x_title}},
                },
                {
                    "transform": [{"filter": "isValid(datum.ci_low)"}],
                    "mark": {"type": "rule", "strokeWidth": 2, "aria": False},
                    "encoding": {
                        "y": y,
                        "x": {"field": "ci_low", "type": "quantitative", "title": x_title},
                        "x2": {"field": "ci_high"},
                        "color": colour,
                    },
                },
                {
                    "name": POINTS_NAME,
                    "mark": {"type": "point", "filled": True, "size": 70, "opacity": 1},
                    "encoding": {
                        "y": y,
                        "x": {"field": "effect", "type": "quantitative", "title": x_title, "scale": {"zero": False}},
                        "color": colour,
                        "tooltip": tooltip,
                    },
                },
            ],
        },
        "resolve": {"scale": {"x": "independent", "y": "independent"}},
        "config": {"legend": {"orient": "top", "labelLimit": 200}},
    }


def describe(effects: Sequence[Effect], work_count: int) -> str:
    """The chart's text description: what is drawn and how, with the range of each metric."""
    parts = []
    for metric, (symbol, _name, _null, _bounded) in METRICS.items():
        values = [effect.effect for effect in effects if effect.metric == metric]
        if values:
            low, high = min(values), max(values)
            spread = f"from {format_number(low, metric)} to {format_number(high, metric)}" if low != high else format_number(low, metric)
            parts.append(f"{len(values)} {'estimate' if len(values) == 1 else 'estimates'} of {symbol} ({spread})")
    return (
        f"Forest plot of {len(effects)} pooled effects from {work_count} meta-analyses, in one panel per metric: "
        + "; ".join(parts)
        + ". Each dot is a pooled estimate, coloured by area; a horizontal line shows its confidence interval where "
        "the source reported one; the dashed vertical line marks no effect (0, or 1 for an odds ratio). "
        "The table below lists the same effects."
    )
