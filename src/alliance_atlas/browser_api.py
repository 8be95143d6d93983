"""JSON in, JSON out: the functions the browser widgets call through Pyodide.

The widgets never send Python source to ``runPython``; the worker imports this
module with ``pyodide.pyimport`` and calls one function per request. Every
argument and every result is plain JSON (dicts, lists, str, numbers, bool,
None), so the same calls run at build time in CPython, where the hook uses
them to draw each widget's first chart, and live in the browser.

Bad input raises a ``ValueError`` subclass whose message is written for the
reader; its class name says which input is at fault, so the page can show the
message next to that input:

* ``ScoresError``: the pasted scores or CSV;
* ``ScaleError``: the scale or its custom minimum and maximum;
* ``SettingsError``: a generator parameter or a detection setting;
* ``CodeError``: the reader's edited generator ("Show the Python").

Standard library only, like the trajectories package it wraps.
"""

from __future__ import annotations

import csv
import inspect
import io
import math
import random
import sys
from typing import Any, Callable

from alliance_atlas.trajectories import (
    PATTERNS,
    PRESETS,
    SCALES,
    SUMMARY_COLUMNS,
    analyze,
    analyze_clients,
    chart_spec,
    data_table,
    describe,
    parse_csv,
    parse_text,
    summary_row,
)
from alliance_atlas.trajectories import generators as _generators
from alliance_atlas.trajectories.episodes import DEFAULT_REPAIR_WINDOW, DEFAULT_THRESHOLD_SD
from alliance_atlas.questions.chart_html import chart_question_html


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

SCALE_CHOICES: dict[str, str] = {
    "wai-sr": "WAI-SR item mean (1\u20135)",
    "wai": "WAI item mean (1\u20137)",
    "srs": "SRS total (0\u201340)",
    "custom": "Custom range",
}

# The explorer draws generated series on the WAI's 1-7 range, which holds every preset.
EXPLORER_SCALE = "wai"
# Generated scores are rounded like ratings a clinician would record.
GENERATED_DECIMALS = 2
# Limits that keep a runaway edited generator from freezing the page.
MAX_SCORES = 500
MAX_CODE_STEPS = 1_000_000
CODE_FILENAME = "<your code>"

_SETTING_BY_NAME = {setting["name"]: setting for setting in SETTINGS}
_PARAMETER_BY_NAME = {parameter["name"]: parameter for parameter in PARAMETERS}


# ----------------------------------------------------------------------------------------------
# What the page needs to build its controls

def widget_config() -> dict[str, Any]:
    """Presets, parameter ranges, detection settings and scales, for building controls."""
    return {
        "presets": {name: dict(PRESETS[name]) for name in PRESET_LABELS},
        "preset_labels": dict(PRESET_LABELS),
        "parameters": [_public(parameter) for parameter in PARAMETERS],
        "settings": [dict(setting) for setting in SETTINGS],
        "scales": dict(SCALE_CHOICES),
        "generator_sources": generator_sources(),
    }


def generator_sources() -> dict[str, str]:
    """The source of each generator, as the "Show the Python" editor starts with it."""
    return {pattern: inspect.getsource(_generators._GENERATORS[pattern]) for pattern in PATTERNS}


# ----------------------------------------------------------------------------------------------
# The explorer

def explore(pattern: str, params: dict[str, Any], options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Generate a series for ``pattern`` with ``params``, analyse it and chart it.

    ``params`` may hold every explorer parameter; those ``pattern`` does not take
    are ignored. ``options`` may set ``threshold_sd``, ``repair_window`` and ``scale``.
    """
    if pattern not in PATTERNS:
        raise SettingsError(f"Unknown pattern {pattern!r}; choose one of: {', '.join(PATTERNS)}.")
    kwargs = generator_params(pattern, params)
    try:
        scores = _generators.generate(pattern, **kwargs)
    except ValueError as error:
        raise SettingsError(_sentence(str(error))) from None
    scores = [round(score, GENERATED_DECIMALS) for score in scores]
    result = _analysis(scores, options, default_scale=EXPLORER_SCALE)
    result["params"] = kwargs
    result["pattern_generated"] = pattern
    return result


def explore_preset(name: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """``explore`` with one of ``PRESETS``."""
    if name not in PRESETS:
        raise SettingsError(f"Unknown preset {name!r}; choose one of: {', '.join(PRESETS)}.")
    preset = dict(PRESETS[name])
    return explore(preset.pop("pattern"), preset, options)


def generator_params(pattern: str, params: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments ``pattern``'s generator takes, checked and converted from JSON numbers."""
    if not isinstance(params, dict):
        raise SettingsError("The generator settings must be given as name-value pairs.")
    kwargs: dict[str, Any] = {}
    for parameter in PARAMETERS:
        name = parameter["name"]
        if pattern not in parameter["patterns"] or params.get(name) is None:
            continue
        kwargs[name] = _number(params[name], parameter["label"], integer=parameter["integer"], error=SettingsError)
    return kwargs


# ----------------------------------------------------------------------------------------------
# The analyser

def analyse_text(
    text: str,
    scale: Any = None,
    threshold_sd: Any = DEFAULT_THRESHOLD_SD,
    repair_window: Any = DEFAULT_REPAIR_WINDOW,
) -> dict[str, Any]:
    """Analyse one series typed or pasted by the reader; adds ``result_csv`` for download."""
    try:
        scores = parse_text(text)
    except ValueError as error:
        raise ScoresError(str(error)) from None
    result = _analysis(scores, {"scale": scale, "threshold_sd": threshold_sd, "repair_window": repair_window})
    result["result_csv"] = table_csv(result["table"])
    return result


def analyse_csv(
    text: str,
    scale: Any = None,
    threshold_sd: Any = DEFAULT_THRESHOLD_SD,
    repair_window: Any = DEFAULT_REPAIR_WINDOW,
) -> dict[str, Any]:
    """Analyse a CSV of clients (id, then scores); one entry per client and a summary CSV."""
    options = _options({"scale": scale, "threshold_sd": threshold_sd, "repair_window": repair_window})
    try:
        rows = parse_csv(text)
    except ValueError as error:
        raise ScoresError(str(error)) from None
    clients = []
    summary = io.StringIO()
    writer = csv.DictWriter(summary, fieldnames=SUMMARY_COLUMNS, lineterminator="\n")
    writer.writeheader()
    try:
        analysed = list(analyze_clients(rows, threshold_sd=options["threshold_sd"], repair_window=options["repair_window"]))
    except ValueError as error:
        raise ScoresError(str(error)) from None
    for client_id, result in analysed:
        entry = _result_dict(result, options["scale"])
        entry["id"] = client_id
        clients.append(entry)
        row = summary_row(client_id, result)
        row["id"] = _safe_cell(client_id)
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    return {"clients": clients, "summary_csv": summary.getvalue()}


def analyse_scores(scores: list[Any], options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Analyse a list of scores that is already split (numbers or numeric strings)."""
    return _analysis(scores, options)


# ----------------------------------------------------------------------------------------------
# "Show the Python": run the reader's edited generator

def run_generator_source(source: str, params: dict[str, Any], options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run the reader's version of a generator and analyse what it returns, like a pasted series.

    ``source`` must define a function; the one named like a known generator is
    preferred, else the only function defined. It runs in a fresh namespace that
    holds the generators' helpers, is called with those of ``params`` it accepts,
    and must return at least 3 numbers. Any problem becomes a ``CodeError`` with
    a plain message (with the line number for a syntax error or a failure).
    """
    if not isinstance(source, str) or not source.strip():
        raise CodeError("The code is empty; it must define a function that returns a list of scores.")
    try:
        code = compile(source, CODE_FILENAME, "exec")
    except SyntaxError as error:
        raise CodeError(f"Syntax error on line {error.lineno}: {error.msg}.") from None
    namespace = _fresh_namespace()
    _run_limited(lambda: exec(code, namespace), "Defining your code")
    function = _pick_function(namespace)
    kwargs = _accepted(function, params if isinstance(params, dict) else {})
    scores = _run_limited(lambda: function(**kwargs), f"Running {function.__name__}()")
    if isinstance(scores, (str, bytes)) or not hasattr(scores, "__iter__"):
        raise CodeError(f"{function.__name__}() must return a list of scores, but it returned {type(scores).__name__}.")
    scores = list(scores)
    if len(scores) > MAX_SCORES:
        raise CodeError(f"{function.__name__}() returned {len(scores)} scores; at most {MAX_SCORES} can be shown.")
    try:
        result = _analysis(scores, options, default_scale=EXPLORER_SCALE)
    except ScoresError as error:
        raise CodeError(f"{function.__name__}() returned scores that cannot be analysed: {error}") from None
    result["function"] = function.__name__
    return result


# ----------------------------------------------------------------------------------------------
# Shared helpers

def table_csv(table: list[dict[str, Any]]) -> str:
    """The per-session table as CSV text, for the download button."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=("session", "score", "fitted", "events"), lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    return out.getvalue()


def _analysis(scores: Any, options: dict[str, Any] | None, *, default_scale: Any = None) -> dict[str, Any]:
    options = _options(options or {}, default_scale=default_scale)
    try:
        result = analyze(scores, threshold_sd=options["threshold_sd"], repair_window=options["repair_window"])
    except ValueError as error:
        raise ScoresError(str(error)) from None
    return _result_dict(result, options["scale"])


def _result_dict(result, scale: Any) -> dict[str, Any]:
    try:
        chart = chart_spec(result, scale=scale)
    except ValueError as error:
        raise ScaleError(_sentence(str(error))) from None
    return {
        "scores": list(result.scores),
        "analysis": result.to_dict(),
        "description": describe(result),
        "chart": chart,
        "table": data_table(result),
    }


def _options(options: dict[str, Any], *, default_scale: Any = None) -> dict[str, Any]:
    if not isinstance(options, dict):
        raise SettingsError("The settings must be given as name-value pairs.")
    checked: dict[str, Any] = {"scale": _scale(options.get("scale", default_scale))}
    for name in ("threshold_sd", "repair_window"):
        setting = _SETTING_BY_NAME[name]
        value = options.get(name)
        if value is None or value == "":
            checked[name] = setting["default"]
            continue
        checked[name] = _number(value, setting["label"], integer=setting["integer"], error=SettingsError)
    if checked["threshold_sd"] <= 0:
        raise SettingsError("The rupture threshold must be greater than 0 SDs.")
    if checked["repair_window"] < 1:
        raise SettingsError("The repair window must be at least 1 session.")
    return checked


def _scale(scale: Any) -> Any:
    """None, a known scale name, or a (low, high) pair of numbers with low < high."""
    if scale is None or scale == "":
        return None
    if isinstance(scale, str):
        if scale not in SCALES:
            raise ScaleError(f"Unknown scale {scale!r}; choose one of: {', '.join(SCALES)}, or a custom range.")
        return scale
    if isinstance(scale, dict):
        scale = (scale.get("min"), scale.get("max"))
    if not isinstance(scale, (list, tuple)) or len(scale) != 2:
        raise ScaleError("A custom scale needs a minimum and a maximum.")
    low = _number(scale[0], "The scale minimum", integer=False, error=ScaleError)
    high = _number(scale[1], "The scale maximum", integer=False, error=ScaleError)
    if not low < high:
        raise ScaleError(f"The scale minimum ({low:g}) must be below the maximum ({high:g}).")
    return (low, high)


def _number(value: Any, label: str, *, integer: bool, error: type[ValueError]) -> int | float:
    """A JSON number (or numeric text) as int or float, with a plain message if it is not one."""
    if isinstance(value, bool):
        raise error(f"{label} must be a number, not {value!r}.")
    if isinstance(value, str):
        text = value.strip()
        try:
            value = float(text)
        except ValueError:
            raise error(f"{label} must be a number; {text!r} is not one.") from None
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        raise error(f"{label} must be a finite number.")
    if integer:
        if value != int(value):
            raise error(f"{label} must be a whole number, not {value:g}.")
        return int(value)
    return float(value)


def _sentence(message: str) -> str:
    message = message.strip()
    message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."


def _safe_cell(text: str) -> str:
    """Keep a spreadsheet from reading a client id as a formula."""
    return "'" + text if text[:1] in ("=", "+", "@", "\t", "\r") else text


def _public(parameter: dict[str, Any]) -> dict[str, Any]:
    entry = dict(parameter)
    entry["patterns"] = list(parameter["patterns"])
    return entry


def _fresh_namespace() -> dict[str, Any]:
    """What the generators' own module offers: math, random and the checking and noise helpers."""
    namespace: dict[str, Any] = {"__name__": "reader_generator", "__builtins__": __builtins__}
    namespace.update({"math": math, "random": random, "Any": Any})
    for name in ("_check_common", "_check_whole_number", "_check_finite", "_add_noise"):
        namespace[name] = getattr(_generators, name)
    return namespace


def _pick_function(namespace: dict[str, Any]) -> Callable[..., Any]:
    defined = [
        value for value in namespace.values()
        if inspect.isfunction(value) and value.__code__.co_filename == CODE_FILENAME
    ]
    if not defined:
        raise CodeError("The code defines no function; start it with a line such as `def v_rupture(sessions=12, ...):`.")
    for function in defined:
        if function.__name__ in PATTERNS:
            return function
    if len(defined) == 1:
        return defined[0]
    names = ", ".join(function.__name__ for function in defined)
    raise CodeError(f"The code defines several functions ({names}); name the one to run like a generator: {', '.join(PATTERNS)}.")


def _accepted(function: Callable[..., Any], params: dict[str, Any]) -> dict[str, Any]:
    signature = inspect.signature(function)
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in signature.parameters.values()):
        names = set(params)
    else:
        names = {
            name for name, p in signature.parameters.items()
            if p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
        }
    kwargs = {}
    for name in names & set(params):
        parameter = _PARAMETER_BY_NAME.get(name)
        integer = parameter["integer"] if parameter else False
        kwargs[name] = _number(params[name], parameter["label"] if parameter else name, integer=integer, error=CodeError)
    return kwargs


class _StepLimit(Exception):
    pass


def _run_limited(run: Callable[[], Any], what: str) -> Any:
    """Run the reader's code with a budget of executed lines, and turn any failure into a CodeError."""
    steps = 0

    def local_trace(frame, event, arg):
        nonlocal steps
        if event == "line":
            steps += 1
            if steps > MAX_CODE_STEPS:
                raise _StepLimit
        return local_trace

    def global_trace(frame, event, arg):
        # Only the reader's own frames are counted; the package's helpers run untraced.
        return local_trace if frame.f_code.co_filename == CODE_FILENAME else None

    previous = sys.gettrace()
    sys.settrace(global_trace)
    try:
        return run()
    except _StepLimit:
        raise CodeError(f"{what} took too long (more than {MAX_CODE_STEPS:,} steps); is there an endless loop?") from None
    except CodeError:
        raise
    except Exception as error:  # the reader's code may raise anything
        line = _reader_line(error)
        where = f" on line {line}" if line else ""
        message = str(error) or type(error).__name__
        raise CodeError(f"{what} failed{where}: {type(error).__name__}: {message}") from None
    finally:
        sys.settrace(previous)


def _reader_line(error: BaseException) -> int | None:
    """The last line of the reader's code in the error's traceback."""
    line = None
    traceback = error.__traceback__
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == CODE_FILENAME:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


# ----------------------------------------------------------------------------------------------
# The one entry point the browser worker uses

API_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "widget_config": widget_config,
    "explore": explore,
    "explore_preset": explore_preset,
    "analyse_text": analyse_text,
    "analyse_csv": analyse_csv,
    "analyse_scores": analyse_scores,
    "run_generator_source": run_generator_source,
    # "Another one" on the chart-question page: the same HTML the build made for its bank.
    "chart_question_html": chart_question_html,
}


def call_json(name: str, args_json: str) -> str:
    """Call ``API_FUNCTIONS[name]`` with the JSON list ``args_json``; return the result as JSON text.

    JSON both ways keeps ``None`` as ``null`` (Pyodide's ``toJs`` would turn it
    into ``undefined``, which Vega-Lite reads differently) and keeps the result
    identical to what the build computes in CPython.
    """
    function = API_FUNCTIONS.get(name)
    if function is None:
        raise ValueError(f"Unknown function {name!r}.")
    import json

    args = json.loads(args_json)
    if not isinstance(args, list):
        raise ValueError("The arguments must be a JSON list.")
    return json.dumps(function(*args), allow_nan=False, separators=(",", ":"))
