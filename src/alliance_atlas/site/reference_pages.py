"""The generated bibliography pages: one page per reference, the filterable list, and the downloads.

Pure functions from the bibliography to Markdown (mostly raw HTML blocks, which Python-Markdown leaves
alone) and to export files. Every value that comes from the .bib file is escaped here or by the engine's
HTML formatters before it reaches HTML.
"""

from __future__ import annotations

import heapq
import html
import weakref
from dataclasses import dataclass, field

from alliance_atlas.bibliography.exports import to_bibtex, to_csl_json, to_ris
from alliance_atlas.bibliography.formatting import Formatter
from alliance_atlas.bibliography.highwire import highwire_meta
from alliance_atlas.bibliography.vocabulary import EVIDENCE_TYPES, TOPICS
from alliance_atlas.site.reading_list_tray import BUILDER_DATA_PATH, SHARE_PAGE_URL, builder_data, pick_html, short_reference, tray_html
from alliance_atlas.bibliography.intext import apa_sort_key, author_short
from alliance_atlas.site.links import doi_url, pmc_url, pubmed_url, relative_url, scholar_url
from alliance_atlas.site.state import CitedOn
from alliance_atlas.site.copy_buttons import copy_button, copy_status
from alliance_atlas.site.html_slots import HtmlSlots
from alliance_atlas.site.search import EXCLUDE, excluded_heading

INDEX_PAGE = "references/index.md"
DOWNLOADS = "downloads"
COPY_STYLES = (("apa", "APA"), ("chicago", "Chicago"), ("vancouver", "Vancouver"), ("harvard", "Harvard"))
CITED_ON_PLACEHOLDER = '<div class="atlas-cited-on" data-atlas-cited-on="pending"></div>'
LIST_ID = "atlas-reference-list"
FILTER_STATUS_ID = "atlas-filter-status"
RELATED_COUNT = 5
EXPORT_FORMATS = (("bib", "BibTeX", "BibTeX (.bib)"), ("ris", "RIS", "RIS (.ris)"), ("json", "CSL-JSON", "CSL-JSON (.json)"))

_e = html.escape


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def reference_page_src(key: str) -> str:
    return f"references/{key}/index.md"


# ----------------------------------------------------------------------------------------------
# Downloads
# ----------------------------------------------------------------------------------------------

def entry_download_path(key: str, extension: str) -> str:
    return f"{DOWNLOADS}/references/{key}.{extension}"


def whole_download_path(extension: str) -> str:
    return f"{DOWNLOADS}/alliance.{extension}"


def topic_download_path(slug: str, extension: str) -> str:
    return f"{DOWNLOADS}/topics/{slug}.{extension}"


def export(references: list, extension: str) -> str:
    if extension == "bib":
        return to_bibtex(references)
    if extension == "ris":
        return to_ris(references)
    if extension == "json":
        return to_csl_json(references)
    raise ValueError(f"no export format {extension!r}")


def download_files(formatter: Formatter) -> dict[str, str]:
    """Every export the site offers: the whole bibliography, each topic, and each entry, by site path."""
    ordered = formatter.sorted()
    files: dict[str, str] = {}
    for extension, _, _ in EXPORT_FORMATS:
        files[whole_download_path(extension)] = export(ordered, extension)
        for slug in TOPICS:
            members = [reference for reference in ordered if slug in reference.topics]
            if members:
                files[topic_download_path(slug, extension)] = export(members, extension)
        for reference in ordered:
            files[entry_download_path(reference.key, extension)] = export([reference], extension)
    files[BUILDER_DATA_PATH] = builder_data(ordered, formatter)
    return files


# ----------------------------------------------------------------------------------------------
# One page per reference
# ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PageLinks:
    """Where the page being rendered is (``page_url``) and where the other reference pages are."""

    page_url: str
    index_url: str
    reference_urls: dict[str, str]

    def to(self, url: str) -> str:
        return relative_url(url, self.page_url)


def page_title(reference) -> str:
    """The page's title, HTML-escaped: Material prints ``page.meta.title`` into <title> and the header as is."""
    return _e(reference.title)


def page_meta(reference) -> dict:
    """Front matter the hook sets on a reference page: its title and the Highwire Press tags for its <head>."""
    return {
        "title": page_title(reference),
        "citation_meta": [[name, content] for name, content in highwire_meta(reference)],
    }


def _held(slots: HtmlSlots | None):
    """``block -> what the Markdown carries``: the block itself, or with ``slots`` its placeholder."""
    return (lambda block: block) if slots is None else slots.hold


def reference_page_markdown(reference, formatter: Formatter, links: PageLinks, *, slots: HtmlSlots | None = None) -> str:
    """The whole page of one reference; "Cited on" is a placeholder until every page has been read.

    With ``slots``, the raw HTML blocks are held there and the Markdown carries their placeholders.
    """
    key = reference.key
    held = _held(slots)
    apa_html = formatter.reference(reference, "apa", "html")
    sections = [
        f'<h1 id="reference-title">{_e(reference.title)}</h1>',
        held(f'<div class="atlas-reference"><p class="atlas-reference__apa">{apa_html}</p>{badges_html(reference, links)}</div>'),
        "## Annotation {#annotation}",
        held(f'<div class="atlas-annotation"><p>{_e(reference.annotation) if reference.annotation else "No annotation yet."}</p></div>'),
        "## Find the work {#find}",
        held(f'<div class="atlas-links">{find_links_html(reference)}</div>'),
        excluded_heading(2, "Cite this reference", "cite"),
        held(formats_html(reference, formatter)),
        excluded_heading(2, "Download", "download"),
        held(downloads_html(key, links)),
        excluded_heading(2, "Cited on", "cited-on"),
        CITED_ON_PLACEHOLDER,
        excluded_heading(2, "Other references on the same topics", "related"),
        held(related_html(reference, formatter.bibliography, links)),
    ]
    # Raw HTML blocks pass Python-Markdown untouched; the Markdown headings are fixed text of ours.
    return "\n\n".join(sections) + "\n"


def badges_html(reference, links: PageLinks) -> str:
    items = []
    for slug in reference.topics:
        topic = TOPICS.get(slug)
        label = topic.label if topic else slug
        href = links.to(links.index_url) + "?topic=" + slug
        items.append(f'<li><a class="atlas-badge atlas-badge--topic" href="{_attr(href)}">{_e(label)}</a></li>')
    if reference.evidence:
        items.append(f'<li><span class="atlas-badge atlas-badge--evidence">{_e(EVIDENCE_TYPES.get(reference.evidence, reference.evidence))}</span></li>')
    if reference.core:
        items.append('<li><span class="atlas-badge atlas-badge--core">Core reading</span></li>')
    return f'<ul class="atlas-badges" aria-label="Topics and evidence type">{"".join(items)}</ul>'


def find_links_html(reference) -> str:
    links = []
    if reference.doi:
        links.append(f'<li><a href="{_attr(doi_url(reference.doi))}">DOI: {_e(reference.doi)}</a></li>')
    if reference.pmid:
        links.append(f'<li><a href="{_attr(pubmed_url(reference.pmid))}">PubMed: {_e(reference.pmid)}</a></li>')
    if reference.pmcid:
        links.append(f'<li><a href="{_attr(pmc_url(reference.pmcid))}">PubMed Central: {_e(reference.pmcid)}</a></li>')
    if not (reference.doi or reference.pmid):
        links.append(
            f'<li><a href="{_attr(scholar_url(reference.title))}">Search Google Scholar for this title</a>'
            " (no DOI or PubMed record is known for this work)</li>"
        )
    return f"<ul>{''.join(links)}</ul>"


def formats_html(reference, formatter: Formatter) -> str:
    """The reference in every citation style, each with a copy button, and its BibTeX."""
    status_id = "copy-status"
    rows = []
    buttons = []
    for style, label in COPY_STYLES:
        rows.append(f"<dt>{_e(label)}</dt><dd>{formatter.reference(reference, style, 'html')}</dd>")
        buttons.append(copy_button(f"Copy {label}", formatter.reference(reference, style, "text"), status_id))
    bibtex = bibtex_text(reference)
    rows.append(f'<dt>BibTeX</dt><dd class="no-copy"><pre><code>{_e(bibtex)}</code></pre></dd>')
    buttons.append(copy_button("Copy BibTeX", bibtex, status_id))
    # Two top-level elements, on two lines as Markdown would print them (the block may skip Markdown).
    return (
        f'<div class="atlas-copy">{"".join(buttons)}{copy_status(status_id)}</div>\n'
        f'<dl class="atlas-formats">{"".join(rows)}</dl>'
    )


def bibtex_text(reference) -> str:
    return to_bibtex([reference]).strip() + "\n"


def downloads_html(key: str, links: PageLinks) -> str:
    items = []
    for extension, _, label in EXPORT_FORMATS:
        path = entry_download_path(key, extension)
        filename = path.rsplit("/", 1)[-1]
        items.append(f'<li><a href="{_attr(links.to(path))}" download="{_attr(filename)}">{_e(label)}</a></li>')
    return f'<div class="atlas-downloads"><ul>{"".join(items)}</ul></div>'


def related_references(reference, bibliography, count: int = RELATED_COUNT) -> list:
    """Other works sharing the most topics with ``reference``; core readings first on ties, then newest."""
    index = _topic_index(bibliography)
    topics = frozenset(reference.topics)
    # Works with the same topics have the same ranking (less themselves): rank once per set of topics,
    # one more than needed, so that a 5,000-entry bibliography ranks a few hundred sets, not 5,000 works.
    ranked = index.ranked.get((topics, count))
    if ranked is None:
        shared: dict[str, int] = {}
        for slug in topics:
            for other in index.members.get(slug, ()):
                shared[other.key] = shared.get(other.key, 0) + 1
        # Only the works that share a topic are ranked, with tie-breaks computed once per build; the key
        # settles the last ties, so the order never depends on the order topics were visited in.
        ranked = heapq.nsmallest(count + 1, shared, key=lambda key: (-shared[key], index.tie_break[key], key))
        index.ranked[(topics, count)] = ranked
    return [bibliography[key] for key in ranked if key != reference.key][:count]


@dataclass(frozen=True)
class _TopicIndex:
    members: dict[str, tuple]
    tie_break: dict[str, tuple]
    #: (topics, count) -> the keys of the ``count + 1`` works that share most of those topics, best first
    ranked: dict = field(default_factory=dict)


_TOPIC_INDEXES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _topic_index(bibliography) -> _TopicIndex:
    index = _TOPIC_INDEXES.get(bibliography)
    if index is None:
        members: dict[str, list] = {}
        for other in bibliography:
            for slug in set(other.topics):
                members.setdefault(slug, []).append(other)
        tie_break = {other.key: (not other.core, -other.year, apa_sort_key(other)) for other in bibliography}
        index = _TopicIndex({slug: tuple(refs) for slug, refs in members.items()}, tie_break)
        _TOPIC_INDEXES[bibliography] = index
    return index


def related_html(reference, bibliography, links: PageLinks) -> str:
    related = related_references(reference, bibliography)
    if not related:
        return '<div class="atlas-related"><p>No other reference shares a topic with this one.</p></div>'
    items = []
    for other in related:
        shared = [TOPICS[slug].label if slug in TOPICS else slug for slug in other.topics if slug in reference.topics]
        href = links.to(links.reference_urls[other.key])
        items.append(
            f'<li><a href="{_attr(href)}">{_e(other.title)}</a> ({_e(author_short(other, "&", missing="Anonymous"))}, {other.year})'
            f' <span class="atlas-related__topics">— shares: {_e(", ".join(shared))}</span></li>'
        )
    return f'<div class="atlas-related"><ul>{"".join(items)}</ul></div>'


def cited_on_html(places: list[CitedOn], page_url: str) -> str:
    """The "Cited on" list of a reference page: each citing page, and the sections within it."""
    if not places:
        return '<div class="atlas-cited-on"><p>No page of the site cites this reference yet.</p></div>'
    pages: dict[tuple[str, str], list[CitedOn]] = {}
    for place in places:
        pages.setdefault((place.page_url, place.page_title), []).append(place)
    items = []
    for (url, title), sections in pages.items():
        href = relative_url(url, page_url)
        links = []
        for place in sections:
            if place.anchor:
                links.append(f'<li><a href="{_attr(href + "#" + place.anchor)}">{_e(place.section_title or place.anchor)}</a></li>')
        inner = f'<ul>{"".join(links)}</ul>' if links else ""
        items.append(f'<li><a href="{_attr(href)}">{_e(title)}</a>{inner}</li>')
    return f'<div class="atlas-cited-on"><ul>{"".join(items)}</ul></div>'


# ----------------------------------------------------------------------------------------------
# The list of every reference, with its filter
# ----------------------------------------------------------------------------------------------

def index_page_markdown(formatter: Formatter, links: PageLinks, *, slots: HtmlSlots | None = None) -> str:
    """The list of every reference; with ``slots``, its large raw HTML blocks are held there."""
    held = _held(slots)
    bibliography = formatter.bibliography
    ordered = formatter.sorted()
    years = [reference.year for reference in ordered]
    sections = [
        "---\ntitle: References\n---",
        "# References {#references-list}",
        f"<p>Every work the Atlas draws on: {len(ordered)} references in APA style."
        " Each links to a page with its annotation, other citation styles, downloads and the pages that cite it."
        f" Download them all as {whole_downloads_html(links)}, or <a href=\"#download\">by topic</a>.</p>",
        excluded_heading(2, "Browse and filter", "browse"),
        held(filter_form_html(bibliography, min(years, default=0), max(years, default=0))),
        f'<p class="atlas-filter__status" id="{FILTER_STATUS_ID}" role="status" aria-live="polite">{len(ordered)} references.</p>',
        held(reference_list_html(ordered, links, formatter)),
        held(tray_html(links.to(BUILDER_DATA_PATH), links.to(SHARE_PAGE_URL))),
        excluded_heading(2, "Download by topic", "download"),
        held(downloads_index_html(bibliography, links)),
    ]
    return "\n\n".join(sections) + "\n"


def reference_list_html(ordered: list, links: PageLinks, formatter: Formatter) -> str:
    items = []
    for reference in ordered:
        href = links.to(links.reference_urls[reference.key])
        items.append(
            f'<li id="ref-{_attr(reference.key)}" data-topics="{_attr(" ".join(reference.topics))}"'
            f' data-evidence="{_attr(reference.evidence or "")}" data-year="{reference.year}">'
            f'{formatter.reference(reference, "apa", "html")}'
            f' <a class="atlas-refs__more" href="{_attr(href)}">Details</a>'
            f"{pick_html(reference, short_reference(reference, formatter))}</li>"
        )
    return f'<ol class="atlas-refs" id="{LIST_ID}">{"".join(items)}</ol>'


def filter_form_html(bibliography, first_year: int, last_year: int) -> str:
    used_topics = {slug for reference in bibliography for slug in reference.topics}
    used_evidence = {reference.evidence for reference in bibliography}
    topic_options = "".join(
        f'<option value="{_attr(slug)}">{_e(topic.label)}</option>' for slug, topic in TOPICS.items() if slug in used_topics
    )
    evidence_options = "".join(
        f'<option value="{_attr(slug)}">{_e(label)}</option>' for slug, label in EVIDENCE_TYPES.items() if slug in used_evidence
    )
    return (
        f'<form class="atlas-filter" {EXCLUDE} data-atlas-filter="{LIST_ID}" data-atlas-filter-status="{FILTER_STATUS_ID}"'
        ' aria-label="Filter the references" hidden>'
        '<label for="atlas-filter-topic">Topic'
        f'<select id="atlas-filter-topic" name="topic"><option value="">All topics</option>{topic_options}</select></label>'
        '<label for="atlas-filter-evidence">Evidence type'
        f'<select id="atlas-filter-evidence" name="evidence"><option value="">All types</option>{evidence_options}</select></label>'
        '<label for="atlas-filter-from">From year'
        f'<input id="atlas-filter-from" name="from" type="number" inputmode="numeric" min="{first_year}" max="{last_year}"'
        f' placeholder="{first_year}"></label>'
        '<label for="atlas-filter-to">To year'
        f'<input id="atlas-filter-to" name="to" type="number" inputmode="numeric" min="{first_year}" max="{last_year}"'
        f' placeholder="{last_year}"></label>'
        '<button type="reset">Show all</button>'
        "</form>"
    )


def _download_links(links: PageLinks, path_for) -> str:
    return ", ".join(
        f'<a href="{_attr(links.to(path_for(extension)))}" download="{_attr(path_for(extension).rsplit("/", 1)[-1])}">{_e(name)}</a>'
        for extension, name, _ in EXPORT_FORMATS
    )


def whole_downloads_html(links: PageLinks) -> str:
    return _download_links(links, whole_download_path)


def downloads_index_html(bibliography, links: PageLinks) -> str:
    rows = []
    for slug, topic in TOPICS.items():
        count = sum(1 for reference in bibliography if slug in reference.topics)
        if count:
            paths = lambda extension, slug=slug: topic_download_path(slug, extension)  # noqa: E731
            rows.append(f"<li>{_e(topic.label)} ({count}): {_download_links(links, paths)}</li>")
    rows.append(f"<li>All topics: {whole_downloads_html(links)}</li>")
    return f'<div class="atlas-downloads"><ul>{"".join(rows)}</ul></div>'
