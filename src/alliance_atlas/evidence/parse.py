"""Read and validate the evidence file (``bibliography/effects.csv``).

Every problem is collected, each naming the file, the line and the reason, so an author can fix
them all in one pass; ``load_effects`` raises them together and the build stops. Good rows of a
file with errors are still returned by ``parse_effects`` for anyone who wants to look at them.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import threading
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from alliance_atlas.evidence.model import Effect, format_number
from alliance_atlas.evidence.vocabulary import AREAS, COLUMNS, FORMATS, METRICS, N_QUALIFIERS, POPULATIONS

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_INTEGER = re.compile(r"^[0-9]+$")
_DECIMAL = re.compile(r"^-?[0-9]*\.?[0-9]+$")


class EvidenceError(ValueError):
    """One problem in the evidence file, located by file and 1-based line."""

    def __init__(self, file: str, line: int, reason: str):
        self.file = str(file)
        self.line = line
        self.reason = reason
        super().__init__(f"{self.file}:{line}: {reason}")


class EvidenceErrors(ValueError):
    """Every problem found in one pass."""

    def __init__(self, errors: list[EvidenceError]):
        self.errors = sorted(errors, key=lambda error: error.line)
        count = len(self.errors)
        heading = f"{count} problem{'s' if count != 1 else ''} in the evidence file:"
        super().__init__("\n".join([heading, *(str(error) for error in self.errors)]))


@dataclass
class ParsedEffects:
    effects: list[Effect]
    errors: list[EvidenceError]


def parse_effects(text: str, known_keys: Collection[str], *, file: str = "effects.csv") -> ParsedEffects:
    """Parse the CSV ``text``; rows with a problem are reported in ``errors`` and left out."""
    result = ParsedEffects([], [])
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        result.errors.append(EvidenceError(file, 1, "the file is empty; expected a header row"))
        return result
    if tuple(column.strip() for column in header) != COLUMNS:
        result.errors.append(EvidenceError(file, 1, f"the header must be exactly: {','.join(COLUMNS)}"))
        return result
    first_line: dict[str, int] = {}
    line = reader.line_num + 1
    for row in reader:
        if any(cell.strip() for cell in row):
            effect, problems = _row(row, line, known_keys, first_line)
            result.errors.extend(EvidenceError(file, line, problem) for problem in problems)
            if effect is not None:
                result.effects.append(effect)
        line = reader.line_num + 1
    return result


def _row(row: list[str], line: int, known_keys: Collection[str], first_line: dict[str, int]) -> tuple[Effect | None, list[str]]:
    if len(row) != len(COLUMNS):
        return None, [f"expected {len(COLUMNS)} columns, found {len(row)}"]
    cells = {name: value.strip() for name, value in zip(COLUMNS, row)}
    problems: list[str] = []
    identifier = cells["id"]
    if not _ID.match(identifier):
        problems.append(f"id {identifier!r} must be lower-case letters, digits and single hyphens")
    elif identifier in first_line:
        problems.append(f"duplicate id {identifier!r} (first used on line {first_line[identifier]})")
    else:
        first_line[identifier] = line
    key = cells["key"]
    if key not in known_keys:
        close = difflib.get_close_matches(key, list(known_keys), n=3)
        hint = f"; closest: {', '.join(close)}" if close else ""
        problems.append(f"unknown bibliography key {key!r}{hint}")
    for column, allowed in (("area", AREAS), ("format", FORMATS), ("population", POPULATIONS), ("metric", METRICS)):
        # A blank metric is a count without a pooled size, checked below.
        if cells[column] not in allowed and not (column == "metric" and not cells["metric"]):
            problems.append(f"unknown {column} {cells[column]!r}; known: {', '.join(allowed)}")
    if not cells["association"]:
        problems.append("association is empty")
    k = _integer(cells, "k", problems)
    n = _integer(cells, "n", problems)
    if cells["n_qualifier"] not in N_QUALIFIERS:
        problems.append(f"unknown n_qualifier {cells['n_qualifier']!r}; known: {', '.join(sorted(N_QUALIFIERS - {''}))}")
    if not cells["n"] and (cells["n_qualifier"] or cells["n_unit"]):
        problems.append("n_qualifier and n_unit need a value of n")
    effect = _decimal(cells, "effect", problems)
    if not cells["effect"] and cells["metric"]:
        problems.append("effect is empty; for a count whose pooled size is not confirmed, leave metric empty too")
    elif cells["effect"] and not cells["metric"]:
        problems.append("metric is empty; give the effect's metric")
    low = _decimal(cells, "ci_low", problems)
    high = _decimal(cells, "ci_high", problems)
    level = _decimal(cells, "ci_level", problems)
    also_effect = _decimal(cells, "also_effect", problems)
    metric = cells["metric"]
    if (low is None) != (high is None) and not _bad_number(cells, "ci_low", "ci_high"):
        problems.append("give both ci_low and ci_high, or neither")
    if level is not None and not Decimal(0) < level < Decimal(100):
        problems.append(f"ci_level {cells['ci_level']!r} must be a percentage between 0 and 100")
    if level is not None and low is None:
        problems.append("ci_level is given without an interval")
    if effect is not None and metric in METRICS:
        problems.extend(_range_problems(metric, effect, "effect"))
        if low is not None and high is not None:
            if not low < high:
                problems.append(f"ci_low {cells['ci_low']} is not below ci_high {cells['ci_high']}")
            elif not low <= effect <= high:
                problems.append(
                    f"the interval [{format_number(low, metric)}, {format_number(high, metric)}] "
                    f"does not contain the estimate {format_number(effect, metric)}"
                )
    if bool(cells["also_metric"]) != (also_effect is not None) and not _bad_number(cells, "also_effect"):
        problems.append("give both also_metric and also_effect, or neither")
    elif cells["also_metric"] and cells["also_metric"] not in METRICS:
        problems.append(f"unknown also_metric {cells['also_metric']!r}; known: {', '.join(METRICS)}")
    elif also_effect is not None:
        problems.extend(_range_problems(cells["also_metric"], also_effect, "also_effect"))
    if not cells["metric"] and not cells["effect"]:
        problems.extend(_count_only_problems(cells))
    if problems:
        return None, problems
    return Effect(
        id=identifier, key=key, area=cells["area"], association=cells["association"],
        population=cells["population"], format=cells["format"], k=k, n=n,
        n_qualifier=cells["n_qualifier"], n_unit=cells["n_unit"], metric=metric, effect=effect,
        ci_low=low, ci_high=high, ci_level=level, also_metric=cells["also_metric"],
        also_effect=also_effect, note=cells["note"], line=line,
    ), []


def _count_only_problems(cells: dict[str, str]) -> list[str]:
    """A row with no pooled size must still report a count, and nothing that needs an estimate."""
    problems = []
    if not cells["k"] and not cells["n"]:
        problems.append("metric and effect are empty and so are k and n: the row reports nothing")
    needing = [column for column in ("ci_low", "ci_high", "ci_level", "also_metric", "also_effect") if cells[column]]
    if needing:
        problems.append(f"{', '.join(needing)} given without an effect (metric and effect are empty)")
    return problems


def _integer(cells: dict[str, str], column: str, problems: list[str]) -> int | None:
    text = cells[column]
    if not text:
        return None
    if not _INTEGER.match(text) or int(text) == 0:
        problems.append(f"{column} {text!r} is not a positive whole number (write 1301, without separators)")
        return None
    return int(text)


def _decimal(cells: dict[str, str], column: str, problems: list[str]) -> Decimal | None:
    text = cells[column]
    if not text:
        return None
    try:
        if not _DECIMAL.match(text):
            raise InvalidOperation
        return Decimal(text)
    except InvalidOperation:
        problems.append(f"{column} {text!r} is not a number")
        return None


def _bad_number(cells: dict[str, str], *columns: str) -> bool:
    """A column already reported as not a number is not reported again as missing."""
    return any(cells[column] and not _DECIMAL.match(cells[column]) for column in columns)


def _range_problems(metric: str, value: Decimal, column: str) -> list[str]:
    if METRICS[metric][3] and not Decimal(-1) <= value <= Decimal(1):
        return [f"{column} {value} is outside -1 to 1, impossible for {metric}"]
    if metric == "OR" and value <= 0:
        return [f"{column} {value} must be above 0 for an odds ratio"]
    return []


def read_effects(path: Path) -> list[Effect]:
    """The effects of ``path`` for code outside the build (the explainers), without the key check.

    The build checks every key against the bibliography; here any other problem still raises.
    """
    text = Path(path).read_text(encoding="utf-8")
    keys = {row[1].strip() for row in csv.reader(io.StringIO(text)) if len(row) > 1}
    parsed = parse_effects(text, keys, file=str(path))
    if parsed.errors:
        raise EvidenceErrors(parsed.errors)
    return parsed.effects


# ----------------------------------------------------------------------------------------------
# Loading, cached until the file or the bibliography changes (``mkdocs serve`` rebuilds often).

_cache: dict[tuple[str, int, int, int], list[Effect]] = {}
_cache_lock = threading.Lock()


def load_effects(path: Path, known_keys: Collection[str], *, display_name: str | None = None) -> list[Effect]:
    """The effects of ``path``; raise ``EvidenceErrors`` listing every problem."""
    stat = Path(path).stat()
    stamp = (str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size, hash(frozenset(known_keys)))
    with _cache_lock:
        if stamp in _cache:
            return _cache[stamp]
    parsed = parse_effects(Path(path).read_text(encoding="utf-8"), known_keys, file=display_name or str(path))
    if parsed.errors:
        raise EvidenceErrors(parsed.errors)
    with _cache_lock:
        _cache.clear()
        _cache[stamp] = parsed.effects
    return parsed.effects
