"""What the widgets' controls are and what their results say: parameters, settings, scales, the
plain-language findings, and the checks on every value a reader can set.

One place for the text a reader sees next to a result (the pattern's name, the line on the tests
behind it, p values): the API returns it with each result, the build prints it into the page, and
the page script only sets ``textContent``. Standard library only (it is shipped to the browser).
"""

from __future__ import annotations

import math
from typing import Any

from alliance_atlas.trajectories import PATTERNS, SCALES
from alliance_atlas.trajectories.episodes import DEFAULT_REPAIR_WINDOW, DEFAULT_THRESHOLD_SD
from alliance_atlas.trajectories.validation import NotANumber, finite_number


class ScoresError(ValueError):
    """The reader's scores or CSV cannot be analysed."""


class ScaleError(ValueError):
    """The chosen scale, or its custom range, is not usable."""


class SettingsError(ValueError):
    """A generator parameter or a detection setting is out of range."""


class CodeError(ValueError):
    """The reader's edited generator did not run or returned something unusable."""


# Every generator parameter the explorer offers, with the range of its slider.
# ``patterns`` lists the generators that take it; ``integer`` ones are whole numbers.
PARAMETERS: tuple[dict[str, Any], ...] = (
    {"name": "sessions", "label": "Sessions", "min": 5, "max": 30, "step": 1, "integer": True,
     "patterns": PATTERNS, "help": "How many sessions the series has."},
    {"name": "level", "label": "Level", "min": 1, "max": 7, "step": 0.1, "integer": False,
     "patterns": PATTERNS, "help": "The starting level (for curves, the level at the first and last session)."},
    {"name": "amplitude", "label": "Amplitude", "min": -3, "max": 3, "step": 0.1, "integer": False,
     "patterns": ("linear", "quadratic"),
     "help": "Linear: total change from first to last session. Curve: depth of the dip (negative for an inverted U)."},
    {"name": "rupture_session", "label": "Rupture session", "min": 2, "max": 30, "step": 1, "integer": True,
     "patterns": ("v_rupture",), "help": "The session in which the sudden drop happens."},
    {"name": "depth", "label": "Depth", "min": 0.1, "max": 4, "step": 0.1, "integer": False,
     "patterns": ("v_rupture",), "help": "How far the alliance drops at the rupture."},
    {"name": "repair_speed", "label": "Repair speed", "min": 0.05, "max": 1, "step": 0.05, "integer": False,
     "patterns": ("v_rupture",), "help": "Share of the drop recovered per session (1 = back the next session)."},
    {"name": "noise_sd", "label": "Noise SD", "min": 0, "max": 1, "step": 0.05, "integer": False,
     "patterns": PATTERNS, "help": "Session-to-session random variation (standard deviation)."},
    {"name": "seed", "label": "Seed", "min": 0, "max": 999, "step": 1, "integer": True,
     "patterns": PATTERNS, "help": "Picks the random noise; the same seed always gives the same series."},
)

# Rupture detection settings shared by the explorer and the analyser.
SETTINGS: tuple[dict[str, Any], ...] = (
    {"name": "threshold_sd", "label": "Rupture threshold (SDs)", "min": 0.5, "max": 3, "step": 0.1,
     "integer": False, "default": DEFAULT_THRESHOLD_SD,
     "help": "A rupture is a drop of at least this many standard deviations of the client's own scores."},
    {"name": "repair_window", "label": "Repair window (sessions)", "min": 1, "max": 8, "step": 1,
     "integer": True, "default": DEFAULT_REPAIR_WINDOW,
     "help": "A repair must come within this many sessions after the low point."},
)

# Labels of the presets, in the order the explorer lists them.
PRESET_LABELS: dict[str, str] = {
    "stable": "Stable",
    "linear-growth": "Linear growth",
    "linear-decline": "Linear decline",
    "u-shape": "U shape (dip and recovery)",
    "inverted-u": "Inverted U (rise and fall)",
    "v-rupture": "V rupture and repair",
}

# A preset only where the range is verified (see SCALES in trajectories/charts.py for the source of each);
# every other measure, the WAI-SR included, is a custom range that the clinician sets.
SCALE_CHOICES: dict[str, str] = {
    "wai": "WAI item mean (1\u20137)",
    "srs": "SRS total (0\u201340)",
    "custom": "Custom range",
}
# Scales once offered as presets whose range is not verified: named in the message that sends their users
# to a custom range, so an old link or script gets an explanation, not just "unknown".
UNVERIFIED_SCALES: dict[str, str] = {"wai-sr": "WAI-SR"}

# The explorer draws generated series on the WAI's 1-7 range, which holds every preset.
EXPLORER_SCALE = "wai"
# Generated scores are rounded like ratings a clinician would record.
GENERATED_DECIMALS = 2

SETTING_BY_NAME = {setting["name"]: setting for setting in SETTINGS}
PARAMETER_BY_NAME = {parameter["name"]: parameter for parameter in PARAMETERS}


# ----------------------------------------------------------------------------------------------
# The findings, as the reader reads them

PATTERN_LABELS: dict[tuple[str, str], str] = {
    ("stable", "none"): "Stable",
    ("linear", "up"): "Linear growth",
    ("linear", "down"): "Linear decline",
    ("quadratic", "up"): "Quadratic, U shape (curving upwards)",
    ("quadratic", "down"): "Quadratic, inverted U (curving downwards)",
}


def pattern_label(pattern: str, direction: str) -> str:
    """"stable", "linear"/"up" ... as readers say it: "Linear growth", "U shape" ..."""
    return PATTERN_LABELS.get((pattern, direction), f"{pattern} ({direction})")


def rule_summary(analysis: dict[str, Any]) -> str:
    """One short line on the tests behind the label, in parentheses."""
    fits = analysis["fits"]
    parts = []
    for name, label in (("quadratic", "curvature"), ("linear", "slope")):
        test = fits.get(name, {}).get("f_test")
        if test and test.get("p") is not None:
            parts.append(f"{label} test p = {format_p(test['p'])}")
    parts.append(f"threshold {analysis['threshold_sd']:g} SD, repair window {analysis['repair_window']}")
    return "(" + "; ".join(parts) + ")"


def findings(analysis: dict[str, Any]) -> dict[str, str]:
    """The text shown with a result: ``pattern`` (its name) and ``rule`` (the tests behind it)."""
    return {"pattern": pattern_label(analysis["pattern"], analysis["direction"]), "rule": rule_summary(analysis)}


def format_score(value: Any) -> str:
    return "" if value is None else f"{value:.2f}"


def format_p(p: float) -> str:
    return "< .001" if p < 0.001 else f"{p:.3f}".lstrip("0")


# ----------------------------------------------------------------------------------------------
# Checking what the reader set

def checked_options(options: dict[str, Any], *, default_scale: Any = None) -> dict[str, Any]:
    if not isinstance(options, dict):
        raise SettingsError("The settings must be given as name-value pairs.")
    checked: dict[str, Any] = {"scale": checked_scale(options.get("scale", default_scale))}
    for name in ("threshold_sd", "repair_window"):
        setting = SETTING_BY_NAME[name]
        value = options.get(name)
        if value is None or value == "":
            checked[name] = setting["default"]
            continue
        checked[name] = number(value, setting["label"], integer=setting["integer"], error=SettingsError)
    if checked["threshold_sd"] <= 0:
        raise SettingsError("The rupture threshold must be greater than 0 SDs.")
    if checked["repair_window"] < 1:
        raise SettingsError("The repair window must be at least 1 session.")
    return checked


def checked_scale(scale: Any) -> Any:
    """None, a known scale name, or a (low, high) pair of numbers with low < high."""
    if scale is None or scale == "":
        return None
    if isinstance(scale, str):
        if scale in UNVERIFIED_SCALES:
            raise ScaleError(f"The {UNVERIFIED_SCALES[scale]}'s range is not verified on this site, so it has no preset: "
                             "choose Custom range and give your version's minimum and maximum.")
        if scale not in SCALES:
            raise ScaleError(f"Unknown scale {scale!r}; choose one of: {', '.join(SCALES)}, or a custom range.")
        return scale
    if isinstance(scale, dict):
        scale = (scale.get("min"), scale.get("max"))
    if not isinstance(scale, (list, tuple)) or len(scale) != 2:
        raise ScaleError("A custom scale needs a minimum and a maximum.")
    low = number(scale[0], "The scale minimum", integer=False, error=ScaleError)
    high = number(scale[1], "The scale maximum", integer=False, error=ScaleError)
    if not low < high:
        raise ScaleError(f"The scale minimum ({low:g}) must be below the maximum ({high:g}).")
    return (low, high)


def number(value: Any, label: str, *, integer: bool, error: type[ValueError]) -> int | float:
    """A JSON number (or numeric text) as int or float, with a plain message if it is not one."""
    try:
        value = finite_number(value)
    except NotANumber as problem:
        if problem.finite_only:
            raise error(f"{label} must be a finite number.") from None
        raise error(f"{label} must be a number; {problem.shown} is not one.") from None
    if integer:
        if value != int(value):
            raise error(f"{label} must be a whole number, not {value:g}.")
        return int(value)
    return value


def sentence(message: str) -> str:
    message = message.strip()
    message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."


# ----------------------------------------------------------------------------------------------
# The caseload view and the printed report, as the reader reads them

#: The caseload table's columns: heading and plain definition (the page lists them under the table).
CASELOAD_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Client", "The id in the first cell of the client's row. Choose it to open that client's chart below the table."),
    ("Row", "Where the client is in your CSV, counting lines as a spreadsheet does."),
    ("Sessions", "How many scores the client has."),
    ("Pattern", "The overall shape of the scores, from the same statistical rule as the chart: "
                "a description of the numbers, not a clinical judgement."),
    ("Last unrepaired drop", "The latest session with a rupture (a drop of at least the rupture threshold) "
                             "that no repair followed within the repair window, or \u201cnone\u201d. "
                             "A drop near the end of the series may not have had time to be repaired."),
    ("Sessions since", "How many sessions the client has had after that drop: 0 means the drop is in the latest "
                       "session. The table is sorted by this column, smallest first; clients with no unrepaired "
                       "drop come last, in the order of your CSV."),
    ("Depth", "How far the score fell, from the session before the drop to the lowest session, in the scale's units."),
    ("Episodes", "Every rupture-repair episode found for the client, and how many of them were repaired."),
)


def caseload_view(caseload: Any, safe_cell: Any) -> dict[str, Any]:
    """What the caseload view shows: the table's cells, the supervision summary, the bad rows and the CSV.

    ``caseload`` is a ``trajectories.caseload.Caseload``; every text is ready for ``textContent``.
    """
    rows = []
    for index, entry in enumerate(caseload.entries):
        episode = entry.last_unrepaired
        episodes = entry.result.episodes
        repaired = sum(e.repaired for e in episodes)
        rows.append({
            "index": index,
            "id": entry.client_id,
            "recent": entry.recent,
            "cells": [
                entry.client_id,
                str(entry.line),
                str(entry.result.n_sessions),
                pattern_label(entry.result.pattern, entry.result.direction),
                "none" if episode is None else f"Session {episode.rupture_session}",
                "" if episode is None else str(entry.sessions_since_drop),
                "" if episode is None else format_score(episode.depth),
                f"{len(episodes)} ({repaired} repaired)",
            ],
        })
    recent = [entry.client_id for entry in caseload.recent()]
    n_problems = len(caseload.problems)
    totals = f"{_count(len(caseload.entries), 'client')} analysed"
    totals += f"; {_count(n_problems, 'row')} not analysed (listed under the scores box)." if n_problems else "."
    return {
        "rows": rows,
        "summary": {
            "totals": totals,
            "patterns": [f"{pattern_label(*key)}: {count}" for key, count in caseload.pattern_counts().items()],
            "recent_heading": ("Clients with an unrepaired drop in their last three sessions:" if recent else
                               "No client has an unrepaired drop in their last three sessions."),
            "recent": recent,
        },
        "problems_heading": (f"{_count(n_problems, 'row')} of your CSV could not be analysed; "
                             "every other row is in the caseload:") if n_problems else "",
        "problems": [problem.message for problem in caseload.problems],
        "csv": caseload.to_csv(safe_cell),
    }


def report_settings(scale: Any, analysis: dict[str, Any]) -> list[list[str]]:
    """The settings a printed report names, as [label, value] pairs."""
    if scale is None:
        scale_text = "None chosen: the axis fits the scores"
    elif isinstance(scale, str):
        scale_text = SCALE_CHOICES[scale]
    else:
        scale_text = f"Custom range, {scale[0]:g} to {scale[1]:g} (set by the clinician, not a verified range)"
    window = analysis["repair_window"]
    return [
        ["Scale", scale_text],
        ["Rupture threshold", f"{analysis['threshold_sd']:g} SDs of the client's own scores"],
        ["Repair window", f"{window} session{'' if window == 1 else 's'}"],
        ["Sessions", str(analysis["n_sessions"])],
    ]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
