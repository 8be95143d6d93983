"""What the bibliography hooks share during one build: the loaded bibliography and who cites what.

The hooks are separate modules, loaded by MkDocs from file paths; they meet here. ``reset``
runs at the start of every build (``on_config``), so ``mkdocs serve`` rebuilds start clean.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class CitedOn:
    """One place a reference is cited: a page and the section around the citation."""

    page_title: str
    page_url: str
    section_title: str
    anchor: str


@dataclass
class BuildState:
    bibliography: Any = None
    bibliography_path: Path | None = None
    #: key -> the URL of its reference page (site-relative, as MkDocs' File.url)
    reference_urls: dict[str, str] = field(default_factory=dict)
    #: src_uri of every generated page (reference pages and the index), which cite nothing
    generated_pages: dict[str, str | None] = field(default_factory=dict)
    #: key -> places it is cited, in the order pages were read
    cited_on: dict[str, list[CitedOn]] = field(default_factory=dict)

    def record_citation(self, key: str, place: CitedOn) -> None:
        places = self.cited_on.setdefault(key, [])
        if place not in places:
            places.append(place)


STATE = BuildState()


def reset(bibliography: Any = None, path: Path | None = None) -> BuildState:
    """Start a new build: forget the previous build's pages and citations."""
    global STATE
    STATE = BuildState(bibliography=bibliography, bibliography_path=path)
    return STATE


def current() -> BuildState:
    return STATE
