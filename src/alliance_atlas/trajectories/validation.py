"""Turn what people type or paste into clean score lists, with plain error messages.

Used by ``analyze``, the command line and the browser widget, so every message
is written for a person looking at their own data, and names the session (and,
for CSV files, the row and client id) at fault.

Rules shared by all entry points:

* at least 3 scores are needed;
* each score must be a finite number (``nan`` and ``inf`` are refused) no
  larger in size than 1e12, far beyond any alliance scale;
* an empty cell is allowed only at the end of a series (sessions not yet
  held); trailing empty cells are dropped. An empty cell followed by a score
  is refused, because silently closing the gap would shift later sessions.

Decimal commas ("5,2") are not supported: a comma always separates scores.
"""

from __future__ import annotations

import csv
import io
import math
import numbers
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

MIN_SCORES = 3
# Far beyond any alliance scale; larger values would overflow squared sums to infinity.
MAX_ABS_SCORE = 1e12

# Cells are separated by a comma, semicolon, tab or line break. A comma or
# semicolon at the end of a line counts once, so "5,\n4," is two scores.
_CELL_SEPARATOR = re.compile(r"[ \t]*(?:[,;][ \t]*\r?\n|\r\n|[\n\r,;\t])[ \t]*")
_BLANK = re.compile(r"\s*")


def clean_scores(values: Iterable[Any], *, where: str = "") -> list[float]:
    """Validate one series; return its scores as floats with trailing empties dropped.

    Accepts numbers and numeric strings; ``None`` and blank strings are empty cells.
    ``where`` prefixes error messages (the CSV reader passes the row and client).
    """
    cells = list(values)
    while cells and _is_empty(cells[-1]):
        cells.pop()
    scores = []
    for position, cell in enumerate(cells, start=1):
        if _is_empty(cell):
            raise ValueError(
                f"{where}Session {position} is empty, but later sessions have scores; "
                "fill it or remove the later ones."
            )
        scores.append(_to_score(cell, position, where))
    if len(scores) < MIN_SCORES:
        raise ValueError(f"{where}At least {MIN_SCORES} scores are needed; got {len(scores)}.")
    return scores


def parse_text(text: str) -> list[float]:
    """Read one series from free text.

    Scores may be separated by spaces, commas, semicolons, tabs or line breaks
    ("5.1 5.3 4.0", "5.1, 5.3, 4.0", one per line). Two separators with nothing
    between them ("5,,4" or a blank line) mark an empty session.
    """
    if not isinstance(text, str):
        raise ValueError("Scores must be given as text.")
    body = text.strip()
    if not body:
        raise ValueError(f"No scores found; at least {MIN_SCORES} are needed.")
    cells: list[str | None] = []
    for cell in _CELL_SEPARATOR.split(body):
        words = cell.split()
        # Spaces inside a cell separate scores too; a blank cell is one empty session.
        cells.extend(words if words else [None])
    return clean_scores(cells)


def parse_scores(value: str | Sequence[Any]) -> list[float]:
    """Text goes through ``parse_text``; any other sequence through ``clean_scores``."""
    if isinstance(value, str):
        return parse_text(value)
    return clean_scores(value)


def parse_csv(text: str) -> list[tuple[str, list[float]]]:
    """Read many clients: one row per client, the first cell an id, then scores.

    The delimiter is a tab if the first non-blank line has one, else a semicolon
    if it has semicolons and no commas, else a comma. The first row is a header
    (skipped) when none of its non-empty score cells is a number, so label
    session columns "S1", "S2", ... rather than 1, 2, ... Blank rows are skipped.
    Trailing empty cells are allowed (clients with fewer sessions). Errors name
    the line number, as a spreadsheet shows it, and the client id.
    Returns ``[(client_id, scores), ...]`` in file order; the first bad row raises.
    """
    clients: list[tuple[str, list[float]]] = []
    for row in read_client_rows(text):
        if row.problem is not None:
            raise ValueError(row.problem)
        clients.append((row.client_id, row.scores))
    return clients


@dataclass(frozen=True)
class ClientRow:
    """One client row of a CSV: its line number, its id, and either its scores or what is wrong with it."""

    line: int
    client_id: str
    scores: list[float] = field(default_factory=list)
    problem: str | None = None


def read_client_rows(text: str) -> list[ClientRow]:
    """Every client row of a CSV (as ``parse_csv`` reads it), each checked on its own.

    A bad row (no id, a duplicate id, too few scores, a cell that is not a number) carries its
    message, which names its line; the other rows carry their scores. Only text that holds no
    client row at all, or that the csv module cannot read, raises ``ValueError``.
    """
    if not isinstance(text, str):
        raise ValueError("CSV content must be given as text.")
    rows = [(reader_line, row) for reader_line, row in _read_rows(text) if any(cell.strip() for cell in row)]
    if rows and _looks_like_header(rows[0][1]):
        rows = rows[1:]
    if not rows:
        raise ValueError("No client rows found in the CSV.")

    checked: list[ClientRow] = []
    first_row_of: dict[str, int] = {}
    for line, row in rows:
        client_id = row[0].strip()
        if not client_id:
            checked.append(ClientRow(line, client_id, problem=f"Row {line}: the first cell must be a client id, but it is empty."))
            continue
        if client_id in first_row_of:
            checked.append(ClientRow(line, client_id, problem=(
                f"Row {line}: client id {client_id!r} is already used in row {first_row_of[client_id]}.")))
            continue
        first_row_of[client_id] = line
        try:
            checked.append(ClientRow(line, client_id, clean_scores(row[1:], where=f"Row {line} (client {client_id!r}): ")))
        except ValueError as error:
            checked.append(ClientRow(line, client_id, problem=str(error)))
    return checked


def check_range(scores: Sequence[float], low: float, high: float, *, label: str | None = None, where: str = "") -> None:
    """Refuse the first score outside ``[low, high]``, naming its session (and ``where``: the row).

    ``label`` names the scale ("WAI item mean"); None is the reader's own custom range.
    """
    scale_name = f"the {label} range" if label else "your custom range"
    for position, score in enumerate(scores, start=1):
        if not low <= score <= high:
            raise ValueError(
                f"{where}Session {position}: {score:g} is outside {scale_name} ({low:g} to {high:g}); "
                "check the score or the scale."
            )


def _read_rows(text: str) -> Iterable[tuple[int, list[str]]]:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    if "\t" in first_line:
        delimiter = "\t"
    elif ";" in first_line and "," not in first_line:
        delimiter = ";"
    else:
        delimiter = ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as error:
        raise ValueError(f"Row {reader.line_num}: the CSV cannot be read ({error}).") from None


def _looks_like_header(row: Sequence[str]) -> bool:
    # Only when no score cell is numeric: a data row with one typo must raise an
    # error, not vanish as a "header".
    filled = [cell for cell in row[1:] if cell.strip()]
    return bool(filled) and not any(_is_number(cell) for cell in filled)


def _is_empty(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and _BLANK.fullmatch(cell) is not None)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


class NotANumber(ValueError):
    """A value that is not a finite number; ``shown`` is how to quote it back to the reader."""

    def __init__(self, shown: str, *, finite_only: bool) -> None:
        super().__init__(shown)
        self.shown = shown
        #: True when it was a number, but not a finite one (nan, inf, or an int too large for a float).
        self.finite_only = finite_only


def finite_number(value: Any) -> float:
    """A finite float from a number or numeric text; ``NotANumber`` otherwise.

    True and False are refused although Python counts them as ints: nobody means them as a number.
    Callers word the message for their reader (a session's score, a widget setting).
    """
    if isinstance(value, bool) or not isinstance(value, (str, numbers.Real)):
        raise NotANumber(repr(value), finite_only=False)
    if isinstance(value, str):
        text = value.strip()
        try:
            number = float(text)
        except ValueError:
            raise NotANumber(repr(text), finite_only=False) from None
    else:
        try:
            number = float(value)
        except OverflowError:  # an int too large for a float
            number = math.inf
    if not math.isfinite(number):
        raise NotANumber(repr(value.strip() if isinstance(value, str) else value), finite_only=True)
    return number


def _to_score(cell: Any, position: int, where: str) -> float:
    # Plain floats are by far the commonest input (CSV rows are re-checked by
    # analyze), so they skip the slower checks below.
    if type(cell) is float and math.isfinite(cell) and abs(cell) <= MAX_ABS_SCORE:
        return cell
    try:
        value = finite_number(cell)
    except NotANumber as problem:
        kind = "a finite number" if problem.finite_only else "a number"
        raise ValueError(f"{where}Session {position}: {problem.shown} is not {kind}.") from None
    if abs(value) > MAX_ABS_SCORE:
        shown = repr(cell.strip() if isinstance(cell, str) else cell)
        raise ValueError(f"{where}Session {position}: {shown} is too large to be a score.")
    return value
