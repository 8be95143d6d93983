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
import io
from typing import Any, Callable

from alliance_atlas.trajectories import (
    PATTERNS,
    PRESETS,
    SUMMARY_COLUMNS,
    analyze,
    chart_spec,
    data_table,
    describe,
    parse_text,
    scale_range,
    summary_row,
)
from alliance_atlas.trajectories.caseload import build_caseload
from alliance_atlas.trajectories.validation import check_range
from alliance_atlas.trajectories import generators as _generators
from alliance_atlas.trajectories.episodes import DEFAULT_REPAIR_WINDOW, DEFAULT_THRESHOLD_SD
from alliance_atlas.questions.chart_html import chart_question_html
from alliance_atlas.widgets.controls import (  # noqa: F401  (the error classes are part of the API)
    EXPLORER_SCALE,
    GENERATED_DECIMALS,
    PARAMETERS,
    PRESET_LABELS,
    SCALE_CHOICES,
    SETTINGS,
    CodeError,
    ScaleError,
    ScoresError,
    SettingsError,
    caseload_view,
    checked_options,
    findings,
    number,
    report_settings,
    sentence,
)
from alliance_atlas.widgets.user_code import generator_sources, run_reader_generator
from alliance_atlas.widgets.vega_spec import name_datasets


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
        raise SettingsError(sentence(str(error))) from None
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
        kwargs[name] = number(params[name], parameter["label"], integer=parameter["integer"], error=SettingsError)
    return kwargs


# ----------------------------------------------------------------------------------------------
# The analyser

def analyse_text(text: str, scale: Any = None, threshold_sd: Any = DEFAULT_THRESHOLD_SD,
                 repair_window: Any = DEFAULT_REPAIR_WINDOW) -> dict[str, Any]:
    """Analyse one series typed or pasted by the reader; adds ``result_csv`` for download.

    With a scale, a score outside its range is refused (a ``ScoresError`` naming the session)."""
    options = {"scale": scale, "threshold_sd": threshold_sd, "repair_window": repair_window}
    scores = _read(parse_text, text)
    found = scale_range(checked_options(options)["scale"])
    if found is not None:
        label, low, high = found
        _read(lambda values: check_range(values, low, high, label=label), scores)
    result = _analysis(scores, options)
    result["result_csv"] = table_csv(result["table"])
    return result


def analyse_caseload(text: str, scale: Any = None, threshold_sd: Any = DEFAULT_THRESHOLD_SD,
                     repair_window: Any = DEFAULT_REPAIR_WINDOW) -> dict[str, Any]:
    """A CSV of clients as a caseload: every good row analysed (``clients``, in the caseload's order, and
    ``summary_csv``), and ``caseload``: the sorted table, the supervision summary, each bad row's message
    (naming its row) and the caseload CSV. A ``ScoresError`` only when no row at all can be analysed."""
    options = checked_options({"scale": scale, "threshold_sd": threshold_sd, "repair_window": repair_window})
    caseload = _read(lambda csv_text: build_caseload(
        csv_text, scale=options["scale"], threshold_sd=options["threshold_sd"],
        repair_window=options["repair_window"]), text)
    if not caseload.entries:
        raise ScoresError("No row could be analysed: " + " ".join(problem.message for problem in caseload.problems))
    result = _clients_payload(((entry.client_id, entry.result) for entry in caseload.entries), options["scale"])
    for entry, client in zip(caseload.entries, result["clients"]):
        client["row"] = entry.line
    result["caseload"] = caseload_view(caseload, _safe_cell)
    return result


# ----------------------------------------------------------------------------------------------
# "Show the Python": run the reader's edited generator

def run_generator_source(source: str, params: dict[str, Any], options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run the reader's version of a generator (``user_code``) and analyse what it returns, like a pasted
    series; it must return at least 3 numbers. Any problem is a ``CodeError`` with a plain message."""
    name, scores = run_reader_generator(source, params)
    try:
        result = _analysis(scores, options, default_scale=EXPLORER_SCALE)
    except ScoresError as error:
        raise CodeError(f"{name}() returned scores that cannot be analysed: {error}") from None
    result["function"] = name
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


def _clients_payload(analysed: Any, scale: Any) -> dict[str, Any]:
    """Each ``(client_id, result)`` as a widget result with its ``id``, and the per-client summary CSV."""
    clients = []
    summary = io.StringIO()
    writer = csv.DictWriter(summary, fieldnames=SUMMARY_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for client_id, result in analysed:
        entry = _result_dict(result, scale)
        entry["id"] = client_id
        clients.append(entry)
        row = summary_row(client_id, result)
        row["id"] = _safe_cell(client_id)
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    return {"clients": clients, "summary_csv": summary.getvalue()}


def _read(parse: Callable[[str], Any], text: str) -> Any:
    """What the reader pasted, parsed; a problem with it is a ScoresError (shown next to the scores)."""
    try:
        return parse(text)
    except ValueError as error:
        raise ScoresError(str(error)) from None


def _analysis(scores: Any, options: dict[str, Any] | None, *, default_scale: Any = None) -> dict[str, Any]:
    options = checked_options(options or {}, default_scale=default_scale)
    try:
        result = analyze(scores, threshold_sd=options["threshold_sd"], repair_window=options["repair_window"])
    except ValueError as error:
        raise ScoresError(str(error)) from None
    return _result_dict(result, options["scale"])


def _result_dict(result, scale: Any) -> dict[str, Any]:
    try:
        chart = name_datasets(chart_spec(result, scale=scale))
    except ValueError as error:
        raise ScaleError(sentence(str(error))) from None
    analysis = result.to_dict()
    return {
        "scores": list(result.scores),
        "analysis": analysis,
        "description": describe(result),
        "findings": findings(analysis),
        "chart": chart,
        "table": data_table(result),
        "settings": report_settings(scale, analysis),
    }


def _safe_cell(text: str) -> str:
    """Keep a spreadsheet from reading a client id as a formula."""
    return "'" + text if text[:1] in ("=", "+", "@", "\t", "\r") else text


def _public(parameter: dict[str, Any]) -> dict[str, Any]:
    entry = dict(parameter)
    entry["patterns"] = list(parameter["patterns"])
    return entry


# ----------------------------------------------------------------------------------------------
# The one entry point the browser worker uses

API_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "widget_config": widget_config,
    "explore": explore,
    "explore_preset": explore_preset,
    "analyse_text": analyse_text,
    "analyse_caseload": analyse_caseload,
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
