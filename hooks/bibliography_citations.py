"""Turn pandoc citations into linked APA citations, end each citing page with its references,
and remember which page and section cites each reference (for the reference pages' "Cited on").

An unknown key is an error: the strict build fails naming the page, the key and the closest keys.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from alliance_atlas.site import state
from alliance_atlas.site.citations import held_citation_places, references_section, render_citations
from alliance_atlas.site.html_slots import MissingSlotError
from alliance_atlas.site.state import CitedOn

_log = logging.getLogger("mkdocs.hooks.bibliography_citations")


def on_page_markdown(markdown, page, config, files, **kwargs):
    build = state.current()
    if not _cites(page, build):
        return markdown
    page_name = f"{Path(config['docs_dir']).name}/{page.file.src_uri}"
    # The citations and the reference list skip Markdown (see site.html_slots); on_page_content puts them back.
    slots = build.slots_for(page.file.src_uri)
    rendered = render_citations(markdown, build.formatter, page.url, build.reference_urls, page_name=page_name, slots=slots)
    for unknown in rendered.unknown:
        _log.warning(unknown.message)
    return rendered.markdown + references_section(rendered.keys, build.formatter, page.url, build.reference_urls, slots=slots)


def on_page_content(html, page, config, files, **kwargs):
    build = state.current()
    if not _cites(page, build):
        return html
    title = _plain_title(page)
    # Read before the held HTML is put back: the citations' slots say which keys they link, and the
    # reference list holds no citation and no heading.
    for place in held_citation_places(html, build.held_slots(page.file.src_uri)):
        build.record_citation(place.key, CitedOn(title, page.url, place.section_title, place.anchor))
    try:
        return build.fill_slots(page.file.src_uri, html)
    except MissingSlotError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from error


# ----------------------------------------------------------------------------------------------

def _cites(page, build) -> bool:
    """Pages written by people cite; generated pages and notebooks do not."""
    return build.bibliography is not None and build.is_written(page.file.src_uri)


def _plain_title(page) -> str:
    import html as _html
    import re

    return _html.unescape(re.sub(r"<[^>]+>", "", page.title or page.file.name))
