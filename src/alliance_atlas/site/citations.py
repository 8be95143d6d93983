"""Pandoc citations in a page's Markdown become links to reference pages, with the APA reference as tooltip.

``[@safran1996resolution]`` becomes ``(Safran & Muran, 1996)``, ``[@a; @b]`` one parenthesis with both
works in APA order, ``[@key, p. 12]`` keeps its locator, and a narrative ``@key`` becomes
``Safran and Muran (1996)``. Each work is an ``<a class="citation">`` whose ``title`` is the full APA
reference as text: Material's ``content.tooltips`` shows it on hover and on keyboard focus.

The output is inline HTML that Python-Markdown passes through untouched: every character Markdown
would act on (``*``, ``_``, backticks, brackets, backslashes) is written as a character reference.
A site build holds it out of Markdown altogether (``site.html_slots``): Markdown would only stash each
long tag and print it back, at a cost that was most of a citing page's.
"""

from __future__ import annotations

import html
import re
import weakref
from dataclasses import dataclass, field
from html.parser import HTMLParser

from alliance_atlas.bibliography.citations import Citation, find_citations, unknown_key_message
from alliance_atlas.bibliography.coins import coins_span
from alliance_atlas.bibliography.formatting import Formatter
from alliance_atlas.bibliography.intext import apa_sort_key, author_short
from alliance_atlas.site.html_slots import SLOT_PATTERN, HtmlSlots, slot_number
from alliance_atlas.site.links import relative_url
from alliance_atlas.site.search import excluded_heading

CITATION_CLASS = "citation"
REFERENCES_HEADING = excluded_heading(2, "References", "references")
_MARKDOWN_ACTIVE = {"*": "&#42;", "_": "&#95;", "`": "&#96;", "[": "&#91;", "]": "&#93;", "\\": "&#92;", "@": "&#64;"}
_MARKDOWN_ACTIVE_RE = re.compile(r"[*_`\[\]\\@]")
_AMPERSAND_REFERENCE = re.compile(r"&(?=[#A-Za-z0-9])")


@dataclass(frozen=True)
class UnknownKey:
    key: str
    line: int
    message: str


@dataclass
class RenderedPage:
    markdown: str
    keys: list[str] = field(default_factory=list)
    unknown: list[UnknownKey] = field(default_factory=list)


def markdown_safe(text: str) -> str:
    """Write the characters Python-Markdown would act on as character references (HTML already escaped)."""
    return _MARKDOWN_ACTIVE_RE.sub(lambda match: _MARKDOWN_ACTIVE[match.group()], text)


def render_citations(
    markdown: str, formatter: Formatter, page_url: str, reference_urls: dict[str, str], *, page_name: str = "page",
    slots: HtmlSlots | None = None,
) -> RenderedPage:
    """Replace every citation of ``markdown`` (code is left alone by ``find_citations``).

    ``reference_urls`` maps keys to the site URL of their reference page; links are made relative
    to ``page_url``. Unknown keys are reported in ``unknown`` (messages name ``page_name``, the line,
    the key and its closest keys) and shown in the page as written.

    With ``slots``, each citation's HTML is held there (noted with the keys it links, for
    ``held_citation_places``) and the Markdown carries its placeholder; except in an ATX heading,
    whose text Markdown reads for the heading's id and the table of contents.
    """
    bibliography = formatter.bibliography
    result = RenderedPage(markdown)
    pieces: list[str] = []
    position = 0
    for citation in find_citations(markdown):
        pieces.append(markdown[position:citation.start])
        position = citation.end
        missing = [item.key for item in citation.items if item.key not in bibliography]
        if missing:
            line = markdown.count("\n", 0, citation.start) + 1
            for key in missing:
                result.unknown.append(UnknownKey(key, line, unknown_key_message(f"{page_name}:{line}", key, bibliography)))
            pieces.append(_unknown_html(citation))
            continue
        for item in citation.items:
            if item.key not in result.keys:
                result.keys.append(item.key)
        markup, linked = _citation_markup(citation, formatter, page_url, reference_urls)
        if slots is not None and not _in_atx_heading(markdown, citation.start):
            markup = slots.hold_inline(markup, note=linked)
        pieces.append(markup)
    pieces.append(markdown[position:])
    result.markdown = "".join(pieces)
    return result


def citation_html(citation: Citation, formatter: Formatter, page_url: str, reference_urls: dict[str, str]) -> str:
    """One citation as inline HTML: one link per cited work, each with its APA reference as tooltip."""
    return _citation_markup(citation, formatter, page_url, reference_urls)[0]


def _citation_markup(citation: Citation, formatter: Formatter, page_url: str,
                     reference_urls: dict[str, str]) -> tuple[str, tuple[str, ...]]:
    """The citation's inline HTML, and the keys it links to a reference page (its ``<a>``), in page order."""
    if citation.narrative:
        item = citation.items[0]
        text = formatter.cite_narrative(item.key, item.locator)
        return _link(item.key, text, formatter, page_url, reference_urls), _linked((item.key,), reference_urls)
    groups, keys = [], []
    for authors, works in parenthetical_groups(citation, formatter):
        links = []
        for index, (key, dated) in enumerate(works):
            links.append(_link(key, f"{authors}, {dated}" if index == 0 else dated, formatter, page_url, reference_urls))
            keys.append(key)
        groups.append(", ".join(links))
    return "(" + "; ".join(groups) + ")", _linked(keys, reference_urls)


def _linked(keys, reference_urls: dict[str, str]) -> tuple[str, ...]:
    # A work without a reference page is a <span>, which no "Cited on" list follows (see _link).
    return tuple(key for key in keys if key in reference_urls)


def _in_atx_heading(markdown: str, start: int) -> bool:
    line_start = markdown.rfind("\n", 0, start) + 1
    return markdown[line_start:start].lstrip(" ").startswith("#")


def parenthetical_groups(citation: Citation, formatter: Formatter) -> list[tuple[str, list[tuple[str, str]]]]:
    """The works of a parenthetical citation in APA order (as in the reference list), works by the same
    authors merged into one group: ``[("Safran & Muran", [(key, "1996"), (key2, "2000, p. 3")]), ...]``.

    Its text is the engine's ``cite_parenthetical`` of the works in that order.
    """
    bibliography = formatter.bibliography
    items = sorted(citation.items, key=lambda item: apa_sort_key(bibliography[item.key]))
    groups: dict[str, list[tuple[str, str]]] = {}
    for item in items:
        reference = bibliography[item.key]
        label = formatter.year_label(reference)
        dated = f"{label}, {item.locator}" if item.locator else label
        groups.setdefault(author_short(reference, "&"), []).append((item.key, dated))
    return list(groups.items())


def references_section(keys: list[str], formatter: Formatter, page_url: str, reference_urls: dict[str, str],
                       *, slots: HtmlSlots | None = None) -> str:
    """The Markdown of a page's own "References" section: APA, DOI links and COinS for Zotero.

    With ``slots``, the list itself is held there and the Markdown carries its placeholder.
    """
    if not keys:
        return ""
    references = formatter.sorted(formatter.bibliography[key] for key in dict.fromkeys(keys))
    items = []
    for reference in references:
        start, end = _list_entry(formatter, reference)
        href = relative_url(reference_urls[reference.key], page_url) if reference.key in reference_urls else None
        details = f' <a class="atlas-refs__more" href="{html.escape(href, quote=True)}">Details</a>' if href else ""
        items.append(f"{start}{details}{end}")
    block = f'<ol class="atlas-refs atlas-refs--page">{"".join(items)}</ol>'
    return f"\n\n{REFERENCES_HEADING}\n\n{slots.hold(block) if slots is not None else block}\n"


# ----------------------------------------------------------------------------------------------
# Where each citation sits: the nearest heading (with its id) before it, read from the page's HTML.
# ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CitationPlace:
    key: str
    section_title: str
    anchor: str


# What the scanner needs of a page, in page order: every heading element whole, and every <a> start tag that
# may be a citation. Comments and the raw text of <script> and <style> are matched only to be passed over,
# as html.parser passes over them. Attribute values may hold ">" when quoted.
_TAG_BODY = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_PLACE_PARTS = re.compile(
    rf"<!--.*?-->|<(?P<raw>script|style)\b{_TAG_BODY}>.*?</(?P=raw)\s*>"
    rf"|<(?P<heading>h[1-6])\b{_TAG_BODY}>.*?</(?P=heading)\s*>|<a\s{_TAG_BODY}>",
    re.DOTALL | re.IGNORECASE,
)

# The same, with the placeholders of held HTML (which the scanner would read as text or an empty <div>).
_HELD_PARTS = re.compile(f"{_PLACE_PARTS.pattern}|{SLOT_PATTERN.pattern}", re.DOTALL | re.IGNORECASE)


def citation_places(page_html: str) -> list[CitationPlace]:
    """For each ``<a class="citation" data-key=...>`` in rendered HTML, the heading it falls under.

    Only the headings and the citation links are handed to the HTML parser: the rest of the page, most
    of it, cannot change the answer, and parsing it was most of the cost of a citing page.
    """
    parts = []
    for match in _PLACE_PARTS.finditer(page_html):
        if match["heading"] or (match[0][1] in "aA" and CITATION_CLASS in match[0]):
            parts.append(match[0])
    scanner = _PlaceScanner()
    scanner.feed("".join(parts))
    scanner.close()
    return scanner.places


def held_citation_places(page_html: str, slots: HtmlSlots) -> list[CitationPlace]:
    """``citation_places`` of the page ``slots.fill(page_html)`` will make, read before it is filled.

    A held citation's keys are its slot's note, so only the headings are parsed; a heading holding
    placeholders is filled first, to be read as it will stand.
    """
    scanner = _PlaceScanner()
    for match in _HELD_PARTS.finditer(page_html):
        if match["heading"]:
            scanner.feed(SLOT_PATTERN.sub(lambda inner: slots.blocks[slot_number(inner)], match[0]))
        elif match["slot"] is not None or match["inline"] is not None:
            scanner.add_places(slots.noted(match) or ())
        elif match[0][1] in "aA" and CITATION_CLASS in match[0]:
            scanner.feed(match[0])
    scanner.close()
    return scanner.places


class _PlaceScanner(HTMLParser):
    _HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.places: list[CitationPlace] = []
        self._section = ("", "")
        self._heading: tuple[str, list[str]] | None = None
        self._skip_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in self._HEADINGS:
            self._heading = (attributes.get("id") or "", [])
        elif self._heading is not None and tag == "a" and "headerlink" in (attributes.get("class") or "").split():
            self._skip_depth += 1
        if tag == "a" and CITATION_CLASS in (attributes.get("class") or "").split() and attributes.get("data-key"):
            self.places.append(CitationPlace(attributes["data-key"], *self._section))

    def add_places(self, keys) -> None:
        """Citations of ``keys`` here, as if their links had been fed."""
        self.places.extend(CitationPlace(key, *self._section) for key in keys)

    def handle_endtag(self, tag):
        if tag == "a" and self._skip_depth:
            self._skip_depth -= 1
        elif tag in self._HEADINGS and self._heading is not None:
            anchor, text = self._heading
            self._heading = None
            if anchor:
                self._section = (" ".join("".join(text).split()), anchor)

    def handle_data(self, data):
        if self._heading is not None and not self._skip_depth:
            self._heading[1].append(data)


# ----------------------------------------------------------------------------------------------

def tooltip_title(text: str) -> str:
    """A ``title`` value whose text survives Material's tooltips, which insert the title as HTML (innerHTML).

    Only what could start markup is escaped: every ``<``, and each ``&`` that could start a character
    reference. Ordinary references ("Safran, J. D., & Muran, J. C.") keep the exact plain text, so the
    browser's own title (without JavaScript) reads right too. The result still needs attribute escaping.
    """
    return _AMPERSAND_REFERENCE.sub("&amp;", text).replace("<", "&lt;")


# Per formatter (one per build), what every page citing a work repeats: the parts of its page-end list entry
# around the page's own "Details" link, and the attributes of its citation links.
_ENTRIES: "weakref.WeakKeyDictionary[Formatter, dict[str, tuple[str, str]]]" = weakref.WeakKeyDictionary()
_ATTRIBUTES: "weakref.WeakKeyDictionary[Formatter, dict[str, str]]" = weakref.WeakKeyDictionary()


def _list_entry(formatter: Formatter, reference) -> tuple[str, str]:
    entries = _ENTRIES.setdefault(formatter, {})
    entry = entries.get(reference.key)
    if entry is None:
        apa = formatter.reference_list_entry(reference)
        entry = entries[reference.key] = (f'<li id="ref-{html.escape(reference.key, quote=True)}">{apa}', f"{coins_span(reference)}</li>")
    return entry


def _link_attributes(formatter: Formatter, key: str) -> str:
    attributes = _ATTRIBUTES.setdefault(formatter, {})
    found = attributes.get(key)
    if found is None:
        e = html.escape
        tooltip = tooltip_title(formatter.reference(key, "apa", "text"))
        # markdown_safe works character by character, so the parts of a link can be made safe one by one.
        found = attributes[key] = markdown_safe(
            f'class="{CITATION_CLASS}" data-key="{e(key, quote=True)}" title="{e(tooltip, quote=True)}"'
        )
    return found


def _link(key: str, text: str, formatter: Formatter, page_url: str, reference_urls: dict[str, str]) -> str:
    e = html.escape
    href = relative_url(reference_urls[key], page_url) if key in reference_urls else None
    attributes = _link_attributes(formatter, key)  # already Markdown-safe
    if href is None:
        return f"<span {attributes}>{markdown_safe(e(text))}</span>"
    return f'<a {attributes} href="{markdown_safe(e(href, quote=True))}">{markdown_safe(e(text))}</a>'


def _unknown_html(citation: Citation) -> str:
    return markdown_safe(f'<span class="citation citation--unknown">{html.escape(citation.source)}</span>')
