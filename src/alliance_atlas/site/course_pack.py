"""The printable course pack: every content page in reading order on one page, then the whole bibliography.

``hooks/course_pack.py`` adds the page (``course-pack/``) and, once every page is rendered, fills it with
``pack_html``. Each chapter is a page's rendered HTML, changed so that it can share one document:

- its "References" and "Cite this page" sections are dropped (the bibliography at the end replaces them);
- a live widget (the trajectory explorer) becomes what it computed at build time: its chart, the chart's
  description, the findings and the data table (open), with the address of the live version;
- its headings move down one level, under the pack's own title, and lose their "¶" permalinks;
- every id (and every attribute that points to an id) gets the chapter's prefix, ``<chapter>--``, so ids stay unique;
- links to a page that is in the pack point to its chapter (``#chapter-<slug>``, or ``#<slug>--<anchor>``),
  citations point to the bibliography (``#bib-<key>``), and other links are made relative to the pack's address;
- citations become ``<a class="atlas-pack__citation">``: they cite the pack's own bibliography, so the reference
  pages' "Cited on" lists (which follow ``a.citation``) do not count the pack as one more page citing them.

Pure functions on strings: no MkDocs.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from alliance_atlas.bibliography.formatting import Formatter
from alliance_atlas.site.cite_page import insert_after_title
from alliance_atlas.site.links import relative_url
from alliance_atlas.widgets.markup import WIDGET_END, WIDGET_START

PACK_SRC = "course-pack/index.md"
PACK_URL = "course-pack/"
PLACEHOLDER = '<div class="atlas-pack" data-atlas-course-pack="pending"></div>'
CONTENTS_ID = "contents"
BIBLIOGRAPHY_ID = "bibliography"
#: Sections of a page that the pack leaves out, from the first of them to the end of the page.
DROPPED_SECTIONS = ("references", "cite-this-page")
#: Folders whose pages are not chapters: the explainer notebooks and their index, and the interactive tools.
EXCLUDED_FOLDERS = ("explainers/", "explorer/")

_BASE = "http://pack.invalid/"
_ID_ATTRIBUTES = re.compile(r'(?<=\s)(id|for)="([^"]*)"')
_ID_LIST_ATTRIBUTES = re.compile(r'(?<=\s)(aria-labelledby|aria-describedby|aria-controls|aria-owns|headers)="([^"]*)"')
_URL_REFERENCE = re.compile(r"url\(#([^)\s]+)\)")
_HREF = re.compile(r'(?<=\s)href="([^"]*)"')
_SRC = re.compile(r'(?<=\s)src="([^"]*)"')
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_HEADING_TAG = re.compile(r"<(/?)h([1-6])(?=[\s>])")
_FIRST_HEADING_ID = re.compile(r'<h2 id="([^"]+)"')
#: Where a static widget's note links to, the page itself outside the pack (set once the chapter's links are rewritten).
_LIVE_PAGE = "atlas-pack-live-page:"
_CITATION_CLASS = re.compile(r'(?<=<a )class="citation"')
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)


@dataclass(frozen=True)
class Chapter:
    """One page of the site in the pack: its title, its site-relative URL and its rendered HTML."""

    title: str
    url: str
    content: str
    #: widget id -> the print version of each widget on the page (``alliance_atlas.widgets.parts.Widget``)
    widgets: dict[str, str] = field(default_factory=dict)


def pack_markdown(site_name: str = "Alliance Atlas") -> str:
    """The Markdown of the pack's page; its chapters replace ``PLACEHOLDER`` once every page is rendered."""
    name = html.escape(site_name)
    return "\n".join([
        "---",
        f"description: Every page of {name} in reading order on one printable page, with the whole bibliography at the end.",
        "search:",
        "  exclude: true",
        "---",
        "",
        "# Course pack {#course-pack}",
        "",
        f"This page holds the whole of {name} in reading order, each page as a chapter, followed by the full bibliography.",
        "Print it, or save it as a PDF, to hand out or read offline.",
        "The interactive tools and the explainer notebooks are not included; their addresses are given where the text mentions them.",
        "",
        '<p class="atlas-pack__actions"><button type="button" class="md-button md-button--primary atlas-print-button" '
        'data-atlas-print>Print or save as PDF</button></p>',
        "",
        PLACEHOLDER,
        "",
    ])


def is_chapter(src_uri: str, url: str, content: str | None, *, generated: bool) -> bool:
    """Whether a page of the nav belongs in the pack: hand-written Markdown, not an explainer or a tool."""
    return (
        not generated
        and src_uri.endswith(".md")
        and not src_uri.startswith(EXCLUDED_FOLDERS)
        and url != PACK_URL
        and content is not None
    )


def chapter_slug(url: str) -> str:
    """``concept/origins/`` -> ``concept-origins``; the home page is ``home``."""
    return re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "home"


def chapter_anchor(url: str) -> str:
    return f"chapter-{chapter_slug(url)}"


def pack_html(chapters: list[Chapter], formatter: Formatter, reference_urls: dict[str, str]) -> str:
    """The pack's body: a table of contents, the chapters, and the bibliography (APA, every reference)."""
    chapter_urls = {chapter.url for chapter in chapters}
    key_by_url = {url: key for key, url in reference_urls.items()}
    contents = "".join(
        f'<li><a href="#{chapter_anchor(chapter.url)}">{html.escape(chapter_title(chapter))}</a></li>' for chapter in chapters
    )
    parts = [
        f'<nav class="atlas-pack__contents" aria-labelledby="{CONTENTS_ID}">',
        f'<h2 id="{CONTENTS_ID}">Contents</h2>',
        f'<ol>{contents}<li><a href="#{BIBLIOGRAPHY_ID}">Bibliography</a></li></ol>',
        "</nav>",
    ]
    parts += [chapter_html(chapter, chapter_urls, key_by_url) for chapter in chapters]
    parts.append(bibliography_html(formatter))
    return "\n".join(parts)


def chapter_title(chapter: Chapter) -> str:
    """The chapter's title as its page shows it (its first ``<h1>``), else its title in the nav."""
    match = _H1.search(chapter.content)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", _HEADERLINK.sub("", match[1]))).split()) if match else ""
    return text or chapter.title


def chapter_html(chapter: Chapter, chapter_urls: set[str], key_by_url: dict[str, str]) -> str:
    """One page as a chapter of the pack (see the module's docstring)."""
    prefix = chapter_slug(chapter.url) + "--"
    body = static_widgets(drop_sections(chapter.content), chapter.widgets)
    body = _HEADERLINK.sub("", body)
    body = _HEADING_TAG.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 1, 6)}", body)
    body = _ID_ATTRIBUTES.sub(lambda m: f'{m[1]}="{prefix}{m[2]}"', body)
    body = _ID_LIST_ATTRIBUTES.sub(lambda m: f'{m[1]}="{" ".join(prefix + token for token in m[2].split())}"', body)
    body = _URL_REFERENCE.sub(lambda m: f"url(#{prefix}{m[1]})", body)  # SVG clip paths and gradients
    body = _HREF.sub(lambda m: f'href="{html.escape(_pack_link(html.unescape(m[1]), chapter.url, prefix, chapter_urls, key_by_url), quote=True)}"', body)
    body = _CITATION_CLASS.sub('class="atlas-pack__citation"', body)
    live = html.escape(relative_url(chapter.url, PACK_URL), quote=True)
    body = body.replace(f'href="{_LIVE_PAGE}"', f'href="{live}"')
    body = _SRC.sub(lambda m: f'src="{html.escape(_relocated(html.unescape(m[1]), chapter.url), quote=True)}"', body)
    heading = _FIRST_HEADING_ID.search(body)
    labelled = f' aria-labelledby="{heading[1]}"' if heading else f' aria-label="{html.escape(chapter.title, quote=True)}"'
    return (f'<section class="atlas-pack__chapter" id="{chapter_anchor(chapter.url)}"{labelled}>'
            f"{body}</section>")


def with_pack_date(content: str, built: str) -> str:
    """The pack's own "Last updated" line: it is assembled at build time; each chapter carries its own date."""
    line = (f'<p class="atlas-last-updated">Assembled <time datetime="{html.escape(built, quote=True)}">{html.escape(built)}</time> '
            "from the pages below; each chapter shows the date it was last updated.</p>")
    return insert_after_title(content, line)


def static_widgets(content: str, widgets: dict[str, str]) -> str:
    """Replace each live widget with its print version: the build-time chart, description, findings and data table.

    The build marks where each widget starts and ends and made its print version with it, so nothing in the pack
    boots Python and nothing here has to take the live widget apart.
    """
    for widget_id, print_html in widgets.items():
        start_marker, end_marker = WIDGET_START.format(widget_id=widget_id), WIDGET_END.format(widget_id=widget_id)
        start = content.find(start_marker)
        end = content.find(end_marker, start)
        if start < 0 or end < 0:
            continue
        note = (f'<p class="atlas-pack__widget-note">An interactive chart in the online version '
                f'(<a href="{_LIVE_PAGE}">open the page</a>); here, the example it shows first.</p>')
        content = content[:start] + f'<div class="atlas-pack__widget">{note}{print_html}</div>' + content[end + len(end_marker):]
    return content


def drop_sections(content: str) -> str:
    """Cut the page at its first "References" or "Cite this page" heading: both sit at the end of a page."""
    # The id need not be the heading's first attribute (search exclusion marks these headings too).
    ids = [content.find(f' id="{section}"') for section in DROPPED_SECTIONS]
    cuts = [content.rfind("<h2", 0, found) for found in ids if found >= 0]
    cuts = [cut for cut in cuts if cut >= 0]
    return content[:min(cuts)] if cuts else content


def bibliography_html(formatter: Formatter) -> str:
    """Every reference in APA order, each with its DOI link, as ``<li id="bib-<key>">``."""
    items = [
        f'<li id="bib-{html.escape(reference.key, quote=True)}">{formatter.reference_list_entry(reference)}</li>'
        for reference in formatter.sorted()
    ]
    return (f'<section class="atlas-pack__bibliography" aria-labelledby="{BIBLIOGRAPHY_ID}">'
            f'<h2 id="{BIBLIOGRAPHY_ID}">Bibliography</h2>'
            f'<ol class="atlas-refs atlas-refs--page">{"".join(items)}</ol></section>')


def _pack_link(href: str, page_url: str, prefix: str, chapter_urls: set[str], key_by_url: dict[str, str]) -> str:
    if href.startswith("#"):
        return "#" + prefix + href[1:] if len(href) > 1 else "#" + chapter_anchor(page_url)
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return href
    target = urlsplit(urljoin(_BASE + page_url, href))
    path = target.path.lstrip("/")
    if path == PACK_URL:
        return f"#{target.fragment or CONTENTS_ID}"
    if path in chapter_urls:
        return f"#{chapter_slug(path)}--{target.fragment}" if target.fragment else f"#{chapter_anchor(path)}"
    if path in key_by_url and not target.fragment:
        return f"#bib-{key_by_url[path]}"
    relative = relative_url(path, PACK_URL)
    query = f"?{target.query}" if target.query else ""
    return relative + query + (f"#{target.fragment}" if target.fragment else "")


def _relocated(src: str, page_url: str) -> str:
    """A relative ``src`` of the page, made relative to the pack instead."""
    if urlsplit(src).scheme or src.startswith(("//", "#")):
        return src
    target = urlsplit(urljoin(_BASE + page_url, src))
    return relative_url(posixpath.normpath(target.path.lstrip("/")) if target.path.strip("/") else "", PACK_URL)
