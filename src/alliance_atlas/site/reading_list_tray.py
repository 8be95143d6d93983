"""The reading-list builder's markup and data: a checkbox per reference, the tray, and the data file.

``docs/assets/javascripts/reading-list.js`` finds the checkboxes by ``data-atlas-pick`` and the tray by
``data-atlas-tray``; it fetches the data file (key -> APA text, APA Markdown, BibTeX, RIS, short form)
only when the reader exports or opens a shared link. Every value from the .bib file is escaped here.
"""

from __future__ import annotations

import html
import json
import re

from alliance_atlas.bibliography.exports import reference_to_bibtex, reference_to_ris
from alliance_atlas.bibliography.formatting import Formatter
from alliance_atlas.site.search import EXCLUDE

BUILDER_DATA_PATH = "downloads/alliance-builder.json"
#: The page whose address carries a shared list: ``references/?list=key1,key2``.
SHARE_PAGE_URL = "references/"
SHARE_PARAMETER = "list"
TRAY_ID = "atlas-tray"

_CHARACTER_REFERENCES = {"@": "&#64;", "[": "&#91;", "]": "&#93;", "`": "&#96;", "*": "&#42;", "_": "&#95;"}
_ACTIVE = re.compile("[" + re.escape("".join(_CHARACTER_REFERENCES)) + "]")


def text_html(value: str) -> str:
    """Text for element content: HTML-escaped, and the characters Markdown or the citation finder
    would act on written as character references, so a field is shown exactly as written."""
    return _ACTIVE.sub(lambda match: _CHARACTER_REFERENCES[match.group()], html.escape(value, quote=False))


def attr(value: str) -> str:
    return html.escape(value, quote=True)


def short_reference(reference, formatter: Formatter) -> str:
    """``Safran and Muran (1996)``: the narrative citation, with the year suffix the site uses."""
    return formatter.cite_narrative(reference)


def pick_html(reference, short: str) -> str:
    """The labelled checkbox that adds one reference to the reader's list; hidden until the script runs."""
    key = reference.key
    control_id = f"atlas-pick-{key}"
    return (
        f'<label class="atlas-pick" {EXCLUDE} for="{attr(control_id)}" hidden>'
        f'<input type="checkbox" id="{attr(control_id)}" data-atlas-pick="{attr(key)}" data-atlas-short="{attr(short)}">'
        f' Add<span class="atlas-visually-hidden"> {text_html(short)}</span> to my reading list</label>'
    )


def tray_html(data_href: str, share_href: str) -> str:
    """The reader's reading list: a region with its heading, the items, the exports and a live region.

    The script fills it in; without the script it stays hidden, as the checkboxes do.
    """
    return (
        f'<section class="atlas-tray" id="{TRAY_ID}" {EXCLUDE} data-atlas-tray data-atlas-data="{attr(data_href)}"'
        f' data-atlas-share="{attr(share_href)}" data-atlas-share-parameter="{SHARE_PARAMETER}"'
        ' aria-labelledby="atlas-tray-heading" hidden>'
        '<div class="atlas-tray__bar">'
        '<h2 class="atlas-tray__heading" id="atlas-tray-heading">My reading list</h2>'
        ' <span class="atlas-tray__count" data-atlas-tray-count>0 references</span>'
        ' <button type="button" class="md-button atlas-tray__toggle" data-atlas-tray-toggle'
        ' aria-expanded="false" aria-controls="atlas-tray-body">Show my list</button>'
        "</div>"
        '<div class="atlas-tray__body" id="atlas-tray-body" hidden>'
        '<p class="atlas-tray__empty" data-atlas-tray-empty>Your list is empty: tick'
        " “Add … to my reading list” next to a reference to add it.</p>"
        '<ol class="atlas-tray__items" data-atlas-tray-items aria-label="References in my reading list"></ol>'
        '<div class="atlas-tray__actions" role="group" aria-label="Download my reading list">'
        '<button type="button" class="md-button" data-atlas-export="bib">Download BibTeX (.bib)</button>'
        '<button type="button" class="md-button" data-atlas-export="ris">Download RIS (.ris)</button>'
        '<button type="button" class="md-button" data-atlas-export="txt">Download APA as text (.txt)</button>'
        '<button type="button" class="md-button" data-atlas-export="md">Download APA as Markdown (.md)</button>'
        "</div>"
        '<div class="atlas-tray__share">'
        '<label for="atlas-tray-link">Link to this list</label>'
        '<input type="text" id="atlas-tray-link" readonly data-atlas-tray-link>'
        '<button type="button" class="md-button" data-atlas-tray-copy>Copy link</button>'
        '<button type="button" class="md-button atlas-tray__clear" data-atlas-tray-clear>Clear my list</button>'
        "</div>"
        "</div>"
        '<p class="atlas-tray__notice" data-atlas-tray-notice hidden></p>'
        '<p class="atlas-tray__status" data-atlas-tray-status role="status" aria-live="polite"></p>'
        "</section>"
    )


def apa_markdown(reference, formatter: Formatter) -> str:
    """The APA reference as Markdown: italics as ``*``, links as autolinks, every other character literal."""
    return html_to_markdown(formatter.reference(reference, "apa", "html"))


_TAG_OR_TEXT = re.compile(r'<(/?)(i|em|a)\b(?:[^>]*?\shref="([^"]*)")?[^>]*>|([^<]+)|<[^>]*>')
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>~|])")
_LINE_START = re.compile(r"^(?:([#+\-=>])|(\d+)([.)]))")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")


def markdown_text(text: str) -> str:
    """Plain text written so that Markdown shows it as is (only characters that could format are escaped)."""
    escaped = _ENTITY_LIKE.sub(r"\\&", _MARKDOWN_SPECIAL.sub(r"\\\1", text))
    return _LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), escaped)


def _inline_text(text: str) -> str:
    return _ENTITY_LIKE.sub(r"\\&", _MARKDOWN_SPECIAL.sub(r"\\\1", text))


def html_to_markdown(fragment: str) -> str:
    """The engine's APA HTML (text, ``<i>``, ``<a href>``) as Markdown that renders to the same text."""
    pieces: list[str] = []  # Markdown, already safe
    link_href: str | None = None
    link_text: list[str] = []
    for match in _TAG_OR_TEXT.finditer(fragment):
        closing, tag, href, text = match.groups()
        if text is not None:
            plain = html.unescape(text)
            if link_href is not None:
                link_text.append(plain)
            else:
                pieces.append(markdown_text(plain) if not pieces else _inline_text(plain))
        elif tag in ("i", "em") and link_href is None:
            pieces.append("*")
        elif tag == "a" and not closing:
            link_href, link_text = html.unescape(href or ""), []
        elif tag == "a" and link_href is not None:
            label = "".join(link_text)
            if label == link_href and re.match(r"https?://[^\s<>]+$", link_href):
                pieces.append(f"<{link_href}>")
            else:
                target = link_href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
                pieces.append(f"[{_inline_text(label)}]({target})")
            link_href = None
    return "".join(pieces)


def builder_entry(reference, formatter: Formatter) -> dict:
    return {
        "short": short_reference(reference, formatter),
        "apa_text": formatter.reference(reference, "apa", "text"),
        "apa_markdown": apa_markdown(reference, formatter),
        "bibtex": reference_to_bibtex(reference),
        "ris": reference_to_ris(reference),
    }


def builder_data(ordered: list, formatter: Formatter) -> str:
    """The data file: key -> entry, in APA order (the exports keep that order whatever the reader ticked)."""
    data = {
        "order": [reference.key for reference in ordered],
        "references": {reference.key: builder_entry(reference, formatter) for reference in ordered},
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
