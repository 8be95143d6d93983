"""Everything one build keeps between hook calls, on one object.

The hooks are separate modules, loaded by MkDocs from file paths; they meet here, and keep no
state of their own. ``reset`` runs at the start of every build (``on_config`` of
hooks/bibliography_load.py, the first hook), so ``mkdocs serve`` rebuilds start clean.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from alliance_atlas.bibliography.format_cache import ReferenceCache
from alliance_atlas.bibliography.formatting import Formatter
from alliance_atlas.site.html_slots import HtmlSlots
from alliance_atlas.widgets.bundle import PendingLock
from alliance_atlas.widgets.static_svg import ChartRenderer


class PageKind(str, Enum):
    """What a page is, decided in one place: only WRITTEN pages cite, carry a git date and "Cite this page"."""

    WRITTEN = "written"
    NOTEBOOK = "notebook"
    REFERENCE = "reference"
    READING_LIST = "reading-list"
    COURSE_PACK = "course-pack"
    QUESTION_BANK = "question-bank"


@dataclass(frozen=True)
class GeneratedPage:
    """A page a hook made: its kind, the file it is made from (for its date) and, for a reference page, the key."""

    kind: PageKind
    source: Path | None = None
    key: str | None = None


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
    #: the .bib file, the source of the generated pages (their date is its last commit)
    bibliography_path: Path | None = None
    #: formats every reference in the context of the whole bibliography; made once per build
    formatter: Formatter | None = None
    #: key -> the URL of its reference page (site-relative, as MkDocs' File.url)
    reference_urls: dict[str, str] = field(default_factory=dict)
    #: src_uri -> every page a hook generated; each generator registers its pages here and nowhere else
    generated: dict[str, GeneratedPage] = field(default_factory=dict)
    #: key -> places it is cited, in the order pages were read
    cited_on: dict[str, list[CitedOn]] = field(default_factory=dict)
    #: files written into the site after the build (site path -> text), e.g. the reading lists' .txt and .md
    text_files: dict[str, str] = field(default_factory=dict)
    #: the pages in nav order, for the course pack
    nav_pages: list = field(default_factory=list)
    #: src_uri -> widget id -> the widget (``widgets.parts.Widget``), put into the page once Markdown has rendered it
    widget_slots: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: src_uri -> the blocks of ready HTML its Markdown holds placeholders for (``site.html_slots``)
    html_slots: dict[str, HtmlSlots] = field(default_factory=dict)
    #: the last commit dates of the pages (read once per build, on first use)
    git_dates: Any = None
    #: a generated page's source file -> its last commit date (None when git cannot tell), read on first use
    source_dates: dict[Path, Any] = field(default_factory=dict)
    build_date: datetime.date = field(default_factory=datetime.date.today)
    #: the one Node process that draws the static charts of every page (widgets, questions), started on first use
    chart_renderer: ChartRenderer | None = None
    #: the widgets' wheel, its lock file still being written by its tool
    browser_package: PendingLock | None = None

    def charts(self, node_modules: Path) -> ChartRenderer:
        """The build's chart renderer; ``close_charts`` (after the last page) ends its process."""
        if self.chart_renderer is None:
            self.chart_renderer = ChartRenderer(node_modules)
        return self.chart_renderer

    def close_charts(self) -> None:
        if self.chart_renderer is not None:
            self.chart_renderer.close()

    def cancel_browser_package(self) -> None:
        if self.browser_package is not None:
            self.browser_package.cancel()

    def register_generated(self, src_uri: str, kind: PageKind, *, source: Path | None = None,
                           key: str | None = None) -> None:
        if kind in (PageKind.WRITTEN, PageKind.NOTEBOOK):
            raise ValueError(f"{src_uri}: {kind.value} pages are written by people, not registered as generated")
        self.generated[src_uri] = GeneratedPage(kind, source, key)

    def page_kind(self, src_uri: str) -> PageKind:
        if src_uri in self.generated:
            return self.generated[src_uri].kind
        return PageKind.NOTEBOOK if src_uri.endswith(".ipynb") else PageKind.WRITTEN

    def is_written(self, src_uri: str) -> bool:
        """A Markdown page written by people: it cites, and it carries its git date and "Cite this page"."""
        return self.page_kind(src_uri) is PageKind.WRITTEN

    def generated_of(self, kind: PageKind) -> dict[str, GeneratedPage]:
        return {src_uri: page for src_uri, page in self.generated.items() if page.kind is kind}

    def slots_for(self, src_uri: str) -> HtmlSlots:
        """A fresh set of held HTML blocks for the page ``src_uri`` (replacing any of an earlier render)."""
        slots = self.html_slots[src_uri] = HtmlSlots()
        return slots

    def held_slots(self, src_uri: str) -> HtmlSlots:
        """The blocks held for the page ``src_uri`` (none if it held nothing)."""
        return self.html_slots.get(src_uri) or HtmlSlots()

    def fill_slots(self, src_uri: str, page_html: str) -> str:
        """``page_html`` with the blocks held for ``src_uri`` put in their places."""
        slots = self.html_slots.get(src_uri)
        return slots.fill(page_html) if slots is not None else page_html

    def record_citation(self, key: str, place: CitedOn) -> None:
        places = self.cited_on.setdefault(key, [])
        if place not in places:
            places.append(place)


STATE = BuildState()


def reset(bibliography: Any = None, path: Path | None = None, *, cache_dir: Path | None = None) -> BuildState:
    """Start a new build: forget the previous build's pages, citations and files.

    ``cache_dir`` keeps formatted references between builds (see ``bibliography.format_cache``).
    """
    global STATE
    # A build that stopped with an error did not reach on_post_build, where its chart renderer is closed
    # and the lock file's tool is waited for.
    STATE.close_charts()
    STATE.cancel_browser_package()
    cache = ReferenceCache(cache_dir) if cache_dir is not None and bibliography is not None else None
    formatter = Formatter(bibliography, cache) if bibliography is not None else None
    STATE = BuildState(bibliography=bibliography, bibliography_path=path, formatter=formatter)
    return STATE


def current() -> BuildState:
    return STATE
