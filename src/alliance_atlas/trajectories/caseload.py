"""A caseload: every client of one CSV analysed, sorted by the most recent drop that was not repaired.

Each row of the CSV is checked on its own (``validation.read_client_rows``): a bad row (no id, a
duplicate id, too few scores, a cell that is not a number, a score off the chosen scale) is kept
as a problem that names its row, and every other row is still analysed. Nothing is dropped silently:
the CSV export lists the bad rows too, with their problem.

Order: clients with an unrepaired drop come first, the most recent drop first, counted in sessions
before the client's latest session (0 = the drop is in the latest session); ties go to the deeper
drop, then to file order. Clients without an unrepaired drop follow in file order.

Standard library only (shipped to the browser).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from .analysis import AnalysisResult, analyze
from .charts import scale_range
from .episodes import DEFAULT_REPAIR_WINDOW, DEFAULT_THRESHOLD_SD, Episode
from .validation import check_range, read_client_rows

#: "Recent" means in one of the client's last this-many sessions.
RECENT_SESSIONS = 3

CASELOAD_COLUMNS = (
    "id",
    "row",
    "n_sessions",
    "pattern",
    "direction",
    "last_unrepaired_drop_session",
    "sessions_since_drop",
    "drop_depth",
    "n_episodes",
    "n_repaired",
    "unrepaired_drop_in_last_3_sessions",
    "problem",
)


@dataclass(frozen=True)
class CaseloadEntry:
    """One client that could be analysed: its id, its row in the CSV and its analysis."""

    client_id: str
    line: int
    result: AnalysisResult

    @property
    def last_unrepaired(self) -> Episode | None:
        """The latest rupture that no repair followed, if any."""
        unrepaired = [episode for episode in self.result.episodes if not episode.repaired]
        return unrepaired[-1] if unrepaired else None

    @property
    def sessions_since_drop(self) -> int | None:
        episode = self.last_unrepaired
        return None if episode is None else self.result.n_sessions - episode.rupture_session

    @property
    def recent(self) -> bool:
        """An unrepaired drop in one of the last ``RECENT_SESSIONS`` sessions."""
        since = self.sessions_since_drop
        return since is not None and since < RECENT_SESSIONS

    def sort_key(self) -> tuple:
        episode = self.last_unrepaired
        if episode is None:
            return (1, 0, 0.0, self.line)
        return (0, self.sessions_since_drop, -episode.depth, self.line)

    def record(self) -> dict[str, Any]:
        """The export row; None where a value does not apply."""
        episode = self.last_unrepaired
        episodes = self.result.episodes
        return {
            "id": self.client_id,
            "row": self.line,
            "n_sessions": self.result.n_sessions,
            "pattern": self.result.pattern,
            "direction": self.result.direction,
            "last_unrepaired_drop_session": None if episode is None else episode.rupture_session,
            "sessions_since_drop": self.sessions_since_drop,
            "drop_depth": None if episode is None else episode.depth,
            "n_episodes": len(episodes),
            "n_repaired": sum(e.repaired for e in episodes),
            "unrepaired_drop_in_last_3_sessions": "yes" if self.recent else "no",
            "problem": None,
        }


@dataclass(frozen=True)
class RowProblem:
    """A row that was not analysed, and why (``message`` names the row)."""

    line: int
    client_id: str
    message: str

    def record(self) -> dict[str, Any]:
        record: dict[str, Any] = dict.fromkeys(CASELOAD_COLUMNS)
        record.update({"id": self.client_id, "row": self.line, "problem": self.message})
        return record


@dataclass(frozen=True)
class Caseload:
    entries: tuple[CaseloadEntry, ...]   # sorted as the module says
    problems: tuple[RowProblem, ...]     # in file order

    def pattern_counts(self) -> dict[tuple[str, str], int]:
        """How many clients have each (pattern, direction), in the order first met in the sorted table."""
        counts: dict[tuple[str, str], int] = {}
        for entry in self.entries:
            key = (entry.result.pattern, entry.result.direction)
            counts[key] = counts.get(key, 0) + 1
        return counts

    def recent(self) -> list[CaseloadEntry]:
        return [entry for entry in self.entries if entry.recent]

    def to_csv(self, safe_cell=lambda text: text) -> str:
        """Every row of the CSV: analysed clients in table order, then the rows that were not analysed.

        ``safe_cell`` rewrites a client id before it is written (the widget keeps spreadsheets from
        reading ids as formulas).
        """
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CASELOAD_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for item in (*self.entries, *self.problems):
            record = item.record()
            record["id"] = safe_cell(record["id"])
            writer.writerow({key: "" if value is None else value for key, value in record.items()})
        return out.getvalue()


def build_caseload(
    text: str,
    *,
    scale: str | tuple[float, float] | None = None,
    threshold_sd: float = DEFAULT_THRESHOLD_SD,
    repair_window: int = DEFAULT_REPAIR_WINDOW,
) -> Caseload:
    """Analyse every good row of the CSV ``text``; a score outside ``scale``'s range makes its row a problem.

    Raises ``ValueError`` only when the text holds no client row at all or cannot be read as CSV.
    """
    found = scale_range(scale)
    entries: list[CaseloadEntry] = []
    problems: list[RowProblem] = []
    for row in read_client_rows(text):
        where = f"Row {row.line} (client {row.client_id!r}): "
        try:
            if row.problem is not None:
                raise ValueError(row.problem)
            if found is not None:
                label, low, high = found
                check_range(row.scores, low, high, label=label, where=where)
            result = analyze(row.scores, threshold_sd=threshold_sd, repair_window=repair_window)
        except ValueError as error:
            message = str(error)
            problems.append(RowProblem(row.line, row.client_id, message if message.startswith("Row ") else where + message))
            continue
        entries.append(CaseloadEntry(row.client_id, row.line, result))
    entries.sort(key=CaseloadEntry.sort_key)
    return Caseload(tuple(entries), tuple(problems))
