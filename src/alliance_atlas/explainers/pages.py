"""Explainer notebooks as site pages: their citations, their references and their download link.

mkdocs-jupyter (with ``markdown_cell_processor: mkdocs``) hands MkDocs one Markdown document per
notebook in which each Markdown cell's source appears verbatim, between the HTML of code cells and
their outputs. Citations are rendered in those cell sources only, with the bibliography engine's
own ``render_citations`` (so ``[@key]`` and ``@key`` read and link exactly as on Markdown pages);
code, outputs and the notebook's inlined stylesheet are never searched for an ``@``.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from alliance_atlas.site.cite_page import insert_after_title  # noqa: F401  (the notebook hook uses it from here)
from alliance_atlas.site.citations import UnknownKey, references_section, render_citations


class NotebookPageError(ValueError):
    """A notebook page does not look as mkdocs-jupyter is expected to render it."""


def markdown_cell_sources(notebook_path: str | Path) -> list[str]:
    """The source text of each Markdown cell, in order."""
    notebook = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
    sources = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            sources.append("".join(source) if isinstance(source, list) else source)
    return sources


#: An atlas shortcode (``<!-- atlas:effect id="..." -->``) that a hook listed before the citations
#: (``hooks/evidence.py``) has already expanded in the page, so the cell no longer appears verbatim.
_SHORTCODE = re.compile(r"<!--\s*atlas:.*?-->", re.DOTALL)


def _cell_pattern(source: str) -> re.Pattern[str]:
    """The cell's source as it sits in the page: verbatim, except that each shortcode may have been expanded."""
    pieces = _SHORTCODE.split(source)
    return re.compile("(?s:.*?)".join(re.escape(piece) for piece in pieces))


@dataclass
class RenderedNotebook:
    markdown: str
    keys: list[str] = field(default_factory=list)
    unknown: list[UnknownKey] = field(default_factory=list)


def render_notebook_citations(
    markdown: str,
    cell_sources: list[str],
    formatter,
    page_url: str,
    reference_urls: dict[str, str],
    *,
    page_name: str = "notebook",
) -> RenderedNotebook:
    """Render the citations of each Markdown cell where its source sits in ``markdown``.

    Unknown keys are reported as on pages, naming ``page_name``, the cell number (from 1,
    counting Markdown cells only) and the line within the cell.
    """
    result = RenderedNotebook(markdown)
    pieces: list[str] = []
    position = 0
    for number, source in enumerate(cell_sources, start=1):
        if not source.strip():
            continue
        located = _cell_pattern(source).search(markdown, position)
        if located is None:
            raise NotebookPageError(
                f"{page_name}: Markdown cell {number} was not found in the rendered notebook; "
                "is mkdocs-jupyter's markdown_cell_processor set to 'mkdocs'?"
            )
        rendered = render_citations(
            located[0], formatter, page_url, reference_urls, page_name=f"{page_name}, Markdown cell {number}"
        )
        pieces.append(markdown[position:located.start()])
        pieces.append(rendered.markdown)
        position = located.end()
        for key in rendered.keys:
            if key not in result.keys:
                result.keys.append(key)
        result.unknown.extend(rendered.unknown)
    pieces.append(markdown[position:])
    result.markdown = "".join(pieces)
    return result


# nbconvert2.nb2html appends ``<style>{list of CSS strings}</style>`` indented by eight spaces: in
# MkDocs' Markdown that indentation makes a code block, shown to readers. The same CSS is already
# in the page (the template inlines each string in its own <style>), so the block is dropped.
_TRAILING_CSS_REPR = re.compile(r"\n[ \t]*<style>\n[ \t]*\[(?:'|\").*?(?:'|\")\]\n[ \t]*</style>\s*$", re.DOTALL)


def drop_trailing_css_repr(markdown: str) -> str:
    """The notebook page without mkdocs-jupyter's duplicate, list-formatted trailing stylesheet."""
    return _TRAILING_CSS_REPR.sub("\n", markdown)


def with_references(rendered: RenderedNotebook, formatter, page_url: str, reference_urls: dict[str, str]) -> str:
    """The notebook page followed by its "References" section, as the engine writes it for pages."""
    return rendered.markdown.rstrip() + "\n" + references_section(rendered.keys, formatter, page_url, reference_urls)


def download_link_html(notebook_name: str) -> str:
    """A link to the notebook file that mkdocs-jupyter's ``include_source`` copies beside the page."""
    name = html.escape(notebook_name, quote=True)
    return (
        f'<p class="atlas-explainer-download"><a href="{name}" download="{name}" type="application/x-ipynb+json">'
        f"Download this notebook ({html.escape(notebook_name)})</a> to run it in Jupyter.</p>"
    )
