"""Citations in the explainer notebooks' Markdown cells, rendered by the bibliography engine as on pages.

mkdocs-jupyter turns each notebook into the page's Markdown (``markdown_cell_processor: mkdocs``,
at a higher priority than hooks); this hook then renders the citations of the Markdown cells,
ends the page with its references, and records where each reference is cited for the reference
pages' "Cited on" lists. An unknown key is a warning, so the strict build fails, as on pages.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

from alliance_atlas.explainers.pages import (
    NotebookPageError,
    drop_trailing_css_repr,
    markdown_cell_sources,
    render_notebook_citations,
    with_references,
)
from alliance_atlas.site import state
from alliance_atlas.site.citations import citation_places
from alliance_atlas.site.state import CitedOn
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.notebook_citations")


def on_page_markdown(markdown, page, config, files, **kwargs):
    if not _is_notebook(page):
        return markdown
    markdown = drop_trailing_css_repr(markdown)
    build = state.current()
    if build.bibliography is None:
        return markdown
    page_name = f"{Path(config['docs_dir']).name}/{page.file.src_uri}"
    try:
        rendered = render_notebook_citations(
            markdown, markdown_cell_sources(page.file.abs_src_path), build.formatter, page.url,
            build.reference_urls, page_name=page_name,
        )
    except NotebookPageError as error:
        raise PluginError(str(error)) from error
    for unknown in rendered.unknown:
        log.warning(unknown.message)
    return with_references(rendered, build.formatter, page.url, build.reference_urls)


def on_page_content(html_text, page, config, files, **kwargs):
    build = state.current()
    if not _is_notebook(page) or build.bibliography is None:
        return html_text
    title = html.unescape(re.sub(r"<[^>]+>", "", page.title or page.file.name))
    for place in citation_places(html_text):
        build.record_citation(place.key, CitedOn(title, page.url, place.section_title, place.anchor))
    return html_text


def _is_notebook(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")
