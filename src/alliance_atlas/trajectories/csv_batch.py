"""Analyse many clients from one CSV and write the results in a chosen format.

Formats:

* ``jsonl`` (default for CSV input): one JSON object per line, one line per
  client, in file order; each object is ``analyze(...).to_dict()`` with the
  client's ``id`` first. Lines can be streamed and read one at a time.
* ``json``: the same objects as one JSON list.
* ``csv``: one summary row per client (``SUMMARY_COLUMNS``), for spreadsheets.
  Empty cells mean "not applicable" (e.g. no rupture found).
"""

from __future__ import annotations

import csv
import json
from typing import IO, Any, Iterable, Iterator, Sequence

from .analysis import AnalysisResult, analyze
from .episodes import DEFAULT_REPAIR_WINDOW, DEFAULT_THRESHOLD_SD

FORMATS = ("jsonl", "json", "csv")

SUMMARY_COLUMNS = (
    "id",
    "n_sessions",
    "pattern",
    "direction",
    "chosen_r2",
    "slope",
    "p_slope",
    "curvature",
    "p_curvature",
    "n_episodes",
    "n_repaired",
    "first_rupture_session",
    "max_depth",
)


def analyze_clients(
    clients: Iterable[tuple[str, Sequence[float]]],
    *,
    threshold_sd: float = DEFAULT_THRESHOLD_SD,
    repair_window: int = DEFAULT_REPAIR_WINDOW,
) -> Iterator[tuple[str, AnalysisResult]]:
    """Analyse each ``(client_id, scores)`` pair lazily, in order."""
    for client_id, scores in clients:
        yield client_id, analyze(scores, threshold_sd=threshold_sd, repair_window=repair_window)


def client_record(client_id: str, result: AnalysisResult) -> dict[str, Any]:
    """The JSON object for one client: its id, then the full analysis."""
    record: dict[str, Any] = {"id": client_id}
    record.update(result.to_dict())
    return record


def summary_row(client_id: str, result: AnalysisResult) -> dict[str, Any]:
    """One spreadsheet row; None where a value does not apply."""
    stable_fit, linear_fit, quadratic_fit = result.classification.fits
    _, slope_test, curvature_test = result.classification.tests
    episodes = result.episodes
    return {
        "id": client_id,
        "n_sessions": result.n_sessions,
        "pattern": result.pattern,
        "direction": result.direction,
        "chosen_r2": result.classification.chosen_fit.r2,
        "slope": linear_fit.coefficients[1],
        "p_slope": slope_test.p,
        "curvature": quadratic_fit.coefficients[2],
        "p_curvature": curvature_test.p,
        "n_episodes": len(episodes),
        "n_repaired": sum(episode.repaired for episode in episodes),
        "first_rupture_session": episodes[0].rupture_session if episodes else None,
        "max_depth": max(episode.depth for episode in episodes) if episodes else None,
    }


def write_results(results: Iterable[tuple[str, AnalysisResult]], stream: IO[str], output_format: str) -> int:
    """Write ``results`` to ``stream`` in ``output_format``; return how many clients were written."""
    if output_format not in FORMATS:
        raise ValueError(f"unknown format {output_format!r}; choose one of: {', '.join(FORMATS)}")
    count = 0
    if output_format == "jsonl":
        for client_id, result in results:
            stream.write(json.dumps(client_record(client_id, result), allow_nan=False))
            stream.write("\n")
            count += 1
    elif output_format == "json":
        stream.write("[")
        for client_id, result in results:
            stream.write(",\n" if count else "\n")
            stream.write(json.dumps(client_record(client_id, result), allow_nan=False))
            count += 1
        stream.write("\n]\n")
    else:
        writer = csv.DictWriter(stream, fieldnames=SUMMARY_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for client_id, result in results:
            writer.writerow({key: "" if value is None else value for key, value in summary_row(client_id, result).items()})
            count += 1
    return count
