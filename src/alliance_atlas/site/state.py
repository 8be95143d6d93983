"""Everything one build keeps between hook calls, on one object.

The hooks are separate modules, loaded by MkDocs from file paths; they meet here, and keep no
state of their own. ``reset`` runs at the start of every build (``on_config`` of
hooks/bibliography_load.py, the first hook), so ``mkdocs serve`` rebuilds start clean.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from alliance_atlas.bibliography.formatting import Formatter


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
    #: formats every reference in the context of the whole bibliography; made once per build
    formatter: Formatter | None = None
    #: key -> the URL of its reference page (site-relative, as MkDocs' File.url)
    reference_urls: dict[str, str] = field(default_factory=dict)
    #: src_uri of every generated page (reference pages and the index), which cite nothing
    generated_pages: dict[str, str | None] = field(default_factory=dict)
    #: key -> places it is cited, in the order pages were read
    cited_on: dict[str, list[CitedOn]] = field(default_factory=dict)
    #: files written into the site after the build (site path -> text), e.g. the reading lists' .txt and .md
    text_files: dict[str, str] = field(default_factory=dict)
    #: the pages in nav order, for the course pack
    nav_pages: list = field(default_factory=list)
    #: src_uri -> widget id -> the widget's HTML, put into the page once Markdown has rendered it
    widget_slots: dict[str, dict[str, str]] = field(default_factory=dict)
    #: the last commit dates of the pages (read once per build, on first use)
    git_dates: Any = None
    build_date: datetime.date = field(default_factory=datetime.date.today)

    def record_citation(self, key: str, place: CitedOn) -> None:
        places = self.cited_on.setdefault(key, [])
        if place not in places:
            places.append(place)


STATE = BuildState()


def reset(bibliography: Any = None) -> BuildState:
    """Start a new build: forget the previous build's pages, citations and files."""
    global STATE
    formatter = Formatter(bibliography) if bibliography is not None else None
    STATE = BuildState(bibliography=bibliography, formatter=formatter)
    return STATE


def current() -> BuildState:
    return STATE
