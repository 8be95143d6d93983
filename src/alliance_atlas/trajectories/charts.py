"""Vega-Lite chart specifications (plain dicts) and table rows for an analysis.

The spec is built as dicts and lists, not with altair, so it costs nothing in
the browser: the widget compiles it with the site's own Vega-Lite and draws it
with Vega (widget-kit.js). ``$schema`` is an identifier for tools and is never
fetched.

Layers: observed scores (line with points), the fitted curve of the chosen
model (dashed), and, when episodes exist, a vertical rule at each rupture and
points at each trough and repair. Every layer's colour comes from one shared
scale, so one legend explains them all.
"""

from __future__ import annotations

from typing import Any

from .analysis import AnalysisResult, describe

SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v6.json"

# Score ranges of alliance measures, for a fixed y axis and for refusing impossible scores. Only ranges
# that ../shared/reference-data/facts-with-sources.md marks CONFIRMED are here: the WAI's 7-point items
# (Horvath & Greenberg 1989; "WAI 36 items, 7-point ... CONFIRMED"), so an item mean of 1-7, and the SRS
# total of 0-40 (Duncan et al. 2003; "total 0-40 -> CONFIRMED"). The WAI-SR's 1-5 format is marked
# UNCERTAIN there (vendor documents only), so it has no preset: its users set the range themselves.
SCALES: dict[str, dict[str, Any]] = {
    "wai": {"label": "WAI item mean", "domain": (1, 7)},
    "srs": {"label": "SRS total", "domain": (0, 40)},
}

_SERIES_COLOURS = {
    "Observed score": "#1f4e79",
    "Fitted curve": "#6b6b6b",
    "Rupture": "#b03a2e",
    "Trough": "#d35400",
    "Repair": "#1e8449",
}
_EVENT_LABELS = {"rupture": "Rupture", "trough": "Trough", "repair": "Repair"}


def data_table(result: AnalysisResult) -> list[dict[str, Any]]:
    """One row per session: session, score, fitted value, and episode events ("" if none)."""
    events = _events_by_session(result)
    return [
        {
            "session": session,
            "score": score,
            "fitted": fitted,
            "events": ", ".join(events.get(session, [])),
        }
        for session, (score, fitted) in enumerate(zip(result.scores, result.fitted), start=1)
    ]


def chart_spec(
    result: AnalysisResult,
    *,
    scale: str | tuple[float, float] | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    """Layered Vega-Lite v6 spec for ``result``.

    ``scale`` fixes the y axis: a key of ``SCALES`` ("wai", "srs"),
    a custom ``(low, high)`` pair, or None to fit the axis to the data. The
    axis is widened if any score falls outside the chosen range, so no point
    is drawn off the chart.
    """
    y_title, domain = _y_axis(result, scale)
    y_scale: dict[str, Any] = {"domain": list(domain), "nice": False} if domain else {"zero": False}
    x_encoding = {
        "field": "session",
        "type": "quantitative",
        "title": "Session",
        "scale": {"domain": [0.5, result.n_sessions + 0.5], "nice": False},
        "axis": {"tickMinStep": 1, "format": "d"},
    }

    def y_encoding(field: str) -> dict[str, Any]:
        return {"field": field, "type": "quantitative", "title": y_title, "scale": y_scale}

    shown = ["Observed score", "Fitted curve"] + _present_event_labels(result)
    # Only series that are drawn go in the legend.
    colour_scale = {"domain": shown, "range": [_SERIES_COLOURS[label] for label in shown]}
    layers: list[dict[str, Any]] = [
        {
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": x_encoding,
                "y": y_encoding("score"),
                "color": {"datum": "Observed score", "scale": colour_scale, "title": None},
                "tooltip": [
                    {"field": "session", "type": "quantitative", "title": "Session"},
                    {"field": "score", "type": "quantitative", "title": "Score"},
                ],
            },
        },
        {
            "mark": {"type": "line", "strokeDash": [6, 4]},
            "encoding": {
                "x": x_encoding,
                "y": y_encoding("fitted"),
                "color": {"datum": "Fitted curve"},
            },
        },
    ]
    ruptures = [{"session": episode.rupture_session} for episode in result.episodes]
    if ruptures:
        layers.append(
            {
                "data": {"values": ruptures},
                "mark": {"type": "rule", "strokeDash": [2, 2], "strokeWidth": 2},
                "encoding": {"x": x_encoding, "color": {"datum": "Rupture"}},
            }
        )
        layers.append(
            {
                "data": {"values": _episode_points(result)},
                "mark": {"type": "point", "filled": True, "size": 110},
                "encoding": {
                    "x": x_encoding,
                    "y": y_encoding("score"),
                    "color": {"field": "event", "type": "nominal"},
                    "shape": {"field": "event", "type": "nominal", "title": "Episode"},
                    "tooltip": [
                        {"field": "event", "type": "nominal", "title": "Event"},
                        {"field": "session", "type": "quantitative", "title": "Session"},
                        {"field": "score", "type": "quantitative", "title": "Score"},
                    ],
                },
            }
        )
    return {
        "$schema": SCHEMA_URL,
        "title": title or "Alliance across sessions",
        "description": _accessible_description(result),
        "width": "container",
        "height": 300,
        "data": {"values": [{k: row[k] for k in ("session", "score", "fitted")} for row in data_table(result)]},
        "layer": layers,
    }


def scale_range(scale: str | tuple[float, float] | None) -> tuple[str | None, float, float] | None:
    """``(label, low, high)`` of a known scale's name (label None for a custom pair), or None for no scale."""
    if scale is None:
        return None
    if isinstance(scale, str):
        known = SCALES.get(scale)
        if known is None:
            raise ValueError(f"unknown scale {scale!r}; choose one of: {', '.join(SCALES)}, or give (low, high)")
        low, high = known["domain"]
        return known["label"], low, high
    try:
        low, high = (float(bound) for bound in scale)
    except (TypeError, ValueError):
        raise ValueError("scale must be a known scale name or a (low, high) pair of numbers") from None
    if not low < high:
        raise ValueError(f"scale low must be below high, got ({low:g}, {high:g})")
    return None, low, high


def _y_axis(result: AnalysisResult, scale: str | tuple[float, float] | None) -> tuple[str, tuple[float, float] | None]:
    found = scale_range(scale)
    if found is None:
        return "Alliance score", None
    label, low, high = found
    title = f"Alliance score ({label}, {low}\u2013{high})" if label else f"Alliance score ({low:g}\u2013{high:g})"
    return title, (min(low, min(result.scores)), max(high, max(result.scores)))


def _events_by_session(result: AnalysisResult) -> dict[int, list[str]]:
    events: dict[int, list[str]] = {}
    for episode in result.episodes:
        events.setdefault(episode.rupture_session, []).append("rupture")
        events.setdefault(episode.trough_session, []).append("trough")
        if episode.repair_session is not None:
            events.setdefault(episode.repair_session, []).append("repair")
    return events


def _present_event_labels(result: AnalysisResult) -> list[str]:
    if not result.episodes:
        return []
    labels = ["Rupture", "Trough"]
    if any(episode.repaired for episode in result.episodes):
        labels.append("Repair")
    return labels


def _episode_points(result: AnalysisResult) -> list[dict[str, Any]]:
    points = []
    for episode in result.episodes:
        sessions = [("trough", episode.trough_session), ("repair", episode.repair_session)]
        for event, session in sessions:
            if session is not None:
                points.append({"session": session, "score": result.scores[session - 1], "event": _EVENT_LABELS[event]})
    return points


def _accessible_description(result: AnalysisResult) -> str:
    low, high = min(result.scores), max(result.scores)
    return (
        f"Line chart of alliance score by session for {result.n_sessions} sessions, "
        f"scores from {low:g} to {high:g}, with the fitted {result.pattern} model as a dashed line. "
        + describe(result)
    )
