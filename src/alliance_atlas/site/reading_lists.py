"""Reading lists by topic: the index of lists, one page per topic, and each list as APA text and Markdown.

Pure functions from the bibliography to Markdown (raw HTML blocks, which Python-Markdown leaves alone)
and to the text downloads. A topic's list holds every reference whose ``keywords`` name the topic: the
core readings (``core = {true}``) first, then the further readings, each group in APA order.
Every value from the .bib file is escaped before it reaches HTML or Markdown.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from alliance_atlas.bibliography.formatting import Formatter
from alliance_atlas.bibliography.vocabulary import TOPICS, Topic
from alliance_atlas.site.search import excluded_heading
from alliance_atlas.site.reading_list_tray import (
    BUILDER_DATA_PATH,
    SHARE_PAGE_URL,
    apa_markdown,
    attr,
    markdown_text,
    pick_html,
    short_reference,
    text_html,
    tray_html,
)
from alliance_atlas.site.links import relative_url

INDEX_PAGE = "reading-lists/index.md"
INDEX_URL = "reading-lists/"
CORE_HEADING = "Core readings"
FURTHER_HEADING = "Further readings"
HOW_TO_USE = (
    "Start with the core readings, which introduce the topic, then choose among the further readings."
    " Each reference links to its page on this site, with its annotation, other citation styles and the pages that cite it."
    " Download the list for a reference manager (BibTeX, RIS), paste it into a syllabus (APA as plain text or Markdown),"
    " or tick references to build a reading list of your own."
)

#: The site's own pages on each topic, as source paths under docs/ (the build fails if one goes missing).
TOPIC_PAGES: dict[str, tuple[str, ...]] = {
    "concept": ("concept/index.md", "concept/origins.md", "theory/causality.md"),
    "measurement": ("concept/measurement.md", "concept/measures.md", "monitoring/index.md"),
    "orientation-psychoanalytic": ("theory/psychoanalytic.md", "concept/origins.md"),
    "orientation-psychodynamic": ("theory/psychodynamic.md",),
    "orientation-humanistic": ("theory/humanistic.md",),
    "orientation-cognitive-behavioural": ("theory/cognitive-behavioural.md",),
    "outcome": ("outcomes/index.md", "outcomes/mechanisms.md", "outcomes/dropout.md", "theory/causality.md"),
    "special-populations": ("outcomes/populations.md", "outcomes/formats.md"),
    "therapist-factors": ("therapist/index.md", "therapist/therapist-effects.md"),
    "monitoring": ("monitoring/index.md", "monitoring/feedback.md", "rupture-repair/trajectories.md"),
    "rupture-repair": (
        "rupture-repair/index.md", "rupture-repair/stage-model.md", "rupture-repair/trajectories.md",
        "rupture-repair/since-2010.md",
    ),
    "religion-spirituality": ("religion/index.md", "religion/practice.md", "religion/ethics.md", "religion/evidence.md"),
    "formats": ("outcomes/formats.md", "concept/measures.md"),
    "culture": ("therapist/culture.md", "religion/evidence.md"),
}
TEXT_FORMATS = (("txt", "APA as plain text (.txt)"), ("md", "APA as Markdown (.md)"))
EXPORT_FORMATS = (("bib", "BibTeX (.bib)"), ("ris", "RIS (.ris)")) + TEXT_FORMATS


def topic_page_src(slug: str) -> str:
    return f"reading-lists/{slug}.md"


def topic_page_url(slug: str) -> str:
    return f"reading-lists/{slug}/"


def topic_download_path(slug: str, extension: str) -> str:
    """Where a topic's list is offered; .bib and .ris are the bibliography hook's per-topic exports."""
    return f"downloads/topics/{slug}.{extension}"


# ----------------------------------------------------------------------------------------------
# The lists
# ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReadingList:
    topic: Topic
    core: tuple = ()
    further: tuple = ()
    #: formats the entries, with the year suffixes of the whole bibliography
    formatter: Formatter | None = field(default=None, compare=False, repr=False)

    @property
    def references(self) -> tuple:
        """Every reference of the list, in the order the page shows them."""
        return self.core + self.further

    @property
    def sections(self) -> tuple[tuple[str, tuple], ...]:
        return ((CORE_HEADING, self.core), (FURTHER_HEADING, self.further))


def reading_list(formatter: Formatter, slug: str) -> ReadingList:
    members = formatter.sorted(reference for reference in formatter.bibliography if slug in reference.topics)
    return ReadingList(
        TOPICS[slug],
        tuple(reference for reference in members if reference.core),
        tuple(reference for reference in members if not reference.core),
        formatter,
    )


def reading_lists(formatter: Formatter) -> dict[str, ReadingList]:
    """One list per topic of the vocabulary, in its display order, empty topics included (their URLs are permanent)."""
    return {slug: reading_list(formatter, slug) for slug in TOPICS}


# ----------------------------------------------------------------------------------------------
# Text downloads: ready to paste into a syllabus
# ----------------------------------------------------------------------------------------------

def list_title(topic: Topic) -> str:
    return f"Reading list: {topic.label}"


def list_text(reading: ReadingList, site_name: str = "Alliance Atlas", address: str = "") -> str:
    """The list as plain text: a title, where it comes from, then each group's APA references, one per paragraph."""
    lines = [list_title(reading.topic), f"From {site_name}" + (f": {address}" if address else "."), ""]
    for heading, references in reading.sections:
        if references:
            lines += [heading, ""]
            for reference in references:
                lines += [reading.formatter.reference(reference, "apa", "text"), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def list_markdown(reading: ReadingList, site_name: str = "Alliance Atlas", address: str = "") -> str:
    """The list as Markdown: headings, then each APA reference as a paragraph (italics and links kept)."""
    source = f"[{markdown_text(site_name)}](<{address}>)" if address else markdown_text(site_name)
    lines = [f"# {markdown_text(list_title(reading.topic))}", "", f"From {source}.", ""]
    for heading, references in reading.sections:
        if references:
            lines += [f"## {heading}", ""]
            for reference in references:
                lines += [apa_markdown(reference, reading.formatter), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def text_downloads(lists: dict[str, ReadingList], site_name: str, site_url: str) -> dict[str, str]:
    """The .txt and .md file of every non-empty list, by site path."""
    files = {}
    for slug, reading in lists.items():
        if not reading.references:
            continue
        address = (site_url.rstrip("/") + "/" + topic_page_url(slug)) if site_url else ""
        files[topic_download_path(slug, "txt")] = list_text(reading, site_name, address)
        files[topic_download_path(slug, "md")] = list_markdown(reading, site_name, address)
    return files


# ----------------------------------------------------------------------------------------------
# Pages
# ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SitePage:
    """One of the site's own pages on a topic: its title and its URL (site-relative)."""

    title: str
    url: str


@dataclass(frozen=True)
class ListLinks:
    page_url: str
    reference_urls: dict[str, str] = field(default_factory=dict)

    def to(self, url: str) -> str:
        return relative_url(url, self.page_url)


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_TITLE_LINE = re.compile(r"^title:\s*(.+?)\s*$", re.MULTILINE)
_HEADING = re.compile(r"^#\s+(.+?)\s*(?:\{[^}]*\})?\s*#*\s*$", re.MULTILINE)


def page_title_from_markdown(text: str) -> str | None:
    """A page's title as MkDocs finds it: ``title`` in the front matter, else the first level-1 heading."""
    front = _FRONT_MATTER.match(text)
    if front:
        title = _TITLE_LINE.search(front.group(1))
        if title:
            return title.group(1).strip("'\"")
        text = text[front.end():]
    heading = _HEADING.search(text)
    return heading.group(1).strip() if heading else None


def _front_matter(title: str) -> str:
    # Material prints the title into <title> as is, so it is escaped; JSON strings are valid YAML.
    return f"---\ntitle: {json.dumps(html.escape(title))}\n---"


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else (plural or singular + 's')}"


def _safe_html(fragment: str) -> str:
    """Already-escaped HTML from the engine, with the characters the citation finder reads made inert."""
    return fragment.replace("@", "&#64;")


def entry_html(reference, links: ListLinks, short: str, formatter: Formatter) -> str:
    apa = _safe_html(formatter.reference(reference, "apa", "html"))
    href = links.to(links.reference_urls[reference.key])
    annotation = text_html(reference.annotation) if reference.annotation else "No annotation yet."
    return (
        f'<li id="ref-{attr(reference.key)}" data-key="{attr(reference.key)}">'
        f'<p class="atlas-reading-list__apa">{apa}'
        f' <a class="atlas-refs__more" href="{attr(href)}">Details'
        f'<span class="atlas-visually-hidden"> of {text_html(short)}</span></a></p>'
        f'<p class="atlas-reading-list__annotation">{annotation}</p>'
        f"{pick_html(reference, short)}</li>"
    )


def entries_html(references, links: ListLinks, formatter: Formatter, empty: str) -> str:
    if not references:
        return f'<div class="atlas-reading-list__none"><p>{text_html(empty)}</p></div>'
    items = "".join(
        entry_html(reference, links, short_reference(reference, formatter), formatter) for reference in references
    )
    return f'<ol class="atlas-refs atlas-reading-list">{items}</ol>'


def downloads_html(slug: str, links: ListLinks) -> str:
    items = []
    for extension, label in EXPORT_FORMATS:
        path = topic_download_path(slug, extension)
        filename = path.rsplit("/", 1)[-1]
        items.append(f'<li><a href="{attr(links.to(path))}" download="{attr(filename)}">{text_html(label)}</a></li>')
    return f'<div class="atlas-downloads"><ul>{"".join(items)}</ul></div>'


def site_pages_html(pages: list[SitePage], links: ListLinks) -> str:
    if not pages:
        return ""
    items = ", ".join(f'<a href="{attr(links.to(page.url))}">{text_html(page.title)}</a>' for page in pages)
    return f"<p>On this site: {items}.</p>"


def topic_page_markdown(reading: ReadingList, links: ListLinks, site_pages: list[SitePage]) -> str:
    """The whole page of one topic's reading list."""
    topic = reading.topic
    slug = topic.slug
    total = len(reading.references)
    summary = (
        f"{_count(total, 'reference')}: {_count(len(reading.core), 'core reading')} and"
        f" {_count(len(reading.further), 'further reading')}."
        if total else "No reference of the bibliography is on this topic yet."
    )
    sections = [
        _front_matter(list_title(topic)),
        f'<p class="atlas-reading-list__up"><a href="{attr(links.to(INDEX_URL))}">All reading lists</a></p>',
        f'<h1 id="reading-list">{text_html(list_title(topic))}</h1>',
        '<div class="atlas-reading-list__intro">'
        f"<p>{text_html(topic.description)}</p><p>{text_html(HOW_TO_USE)}</p>"
        f"{site_pages_html(site_pages, links)}<p>{text_html(summary)}</p></div>",
    ]
    if total:
        sections += [excluded_heading(2, "Download this list", "download"), downloads_html(slug, links)]
    sections += [
        excluded_heading(2, CORE_HEADING, "core"),
        entries_html(reading.core, links, reading.formatter, "No core reading has been chosen for this topic yet."),
        excluded_heading(2, FURTHER_HEADING, "further"),
        entries_html(reading.further, links, reading.formatter, "No further reading on this topic yet."),
        tray_html(links.to(BUILDER_DATA_PATH), links.to(SHARE_PAGE_URL)),
    ]
    return "\n\n".join(sections) + "\n"


def index_page_markdown(lists: dict[str, ReadingList], links: ListLinks) -> str:
    """The index of the reading lists, and how to build your own."""
    rows = []
    for slug, reading in lists.items():
        counts = f"{_count(len(reading.references), 'reference')}, {len(reading.core)} core"
        rows.append(
            f'<li><a href="{attr(links.to(topic_page_url(slug)))}">{text_html(reading.topic.label)}</a>'
            f" ({text_html(counts)}). {text_html(reading.topic.description)}</li>"
        )
    references_href = attr(links.to(SHARE_PAGE_URL))
    sections = [
        _front_matter("Reading lists"),
        '<h1 id="reading-lists">Reading lists</h1>',
        "<p>One reading list per topic of the Atlas, for a seminar, a course or your own study."
        " Each list introduces its topic, names a few core readings to start with and the further readings,"
        " with every reference's annotation, and can be downloaded for a reference manager (BibTeX, RIS)"
        " or as an APA list to paste into a syllabus (plain text, Markdown).</p>",
        "## Lists by topic {#topics}",
        f'<ul class="atlas-reading-lists">{"".join(rows)}</ul>',
        "## Build your own reading list {#builder}",
        "<p>Tick “Add … to my reading list” next to any reference on a reading list or on"
        f' <a href="{references_href}">References</a>.'
        " Your list is kept in this browser, on every page that shows it, until you clear it."
        " Download it as BibTeX, RIS or an APA list, or copy its link to share it: whoever opens the link sees the same list.</p>",
        tray_html(links.to(BUILDER_DATA_PATH), links.to(SHARE_PAGE_URL)),
    ]
    return "\n\n".join(sections) + "\n"
