"""Citations in notebook Markdown cells go through the bibliography engine; code, outputs and CSS are left alone."""

from __future__ import annotations

import json

import pytest

from alliance_atlas.bibliography.formatting import Formatter
from alliance_atlas.bibliography.parse import load_bibliography
from alliance_atlas.explainers.pages import (
    NotebookPageError,
    download_link_html,
    drop_trailing_css_repr,
    insert_after_title,
    markdown_cell_sources,
    render_notebook_citations,
    with_references,
)
from alliance_atlas.site.citations import REFERENCES_HEADING, render_citations
from support.sitebuild import REPO_ROOT, build_site

URLS = {"safran1996resolution": "references/safran1996resolution/", "stiles2004patterns": "references/stiles2004patterns/"}


@pytest.fixture(scope="module")
def formatter():
    return Formatter(load_bibliography(REPO_ROOT / "bibliography" / "alliance.bib"))


def _page(cells):
    """What mkdocs-jupyter hands MkDocs: cell sources between raw HTML, with a stylesheet at the end."""
    return (
        '<div class="jupyter-wrapper" markdown="1">\n'
        + "\n".join(f'<div class="jp-RenderedMarkdown" markdown="1">\n\n{c}\n\n</div>\n'
                    '<pre><code>print("@stiles2004patterns is not cited in code")</code></pre>' for c in cells)
        + "\n</div>\n<style>@media print { .x { color: red } }</style>\n"
    )


def test_cells_render_exactly_as_on_a_page(formatter):
    cell = "Repair matters [@safran1996resolution], as @stiles2004patterns argued."
    page = _page([cell])
    rendered = render_notebook_citations(page, [cell], formatter, "explainers/x/", URLS)
    expected = render_citations(cell, formatter, "explainers/x/", URLS).markdown
    assert expected in rendered.markdown
    assert rendered.keys == ["safran1996resolution", "stiles2004patterns"]
    assert 'href="../../references/safran1996resolution/"' in rendered.markdown
    # Code and the stylesheet are untouched: "@media" is not a citation, nor is the "@" in code.
    assert '<pre><code>print("@stiles2004patterns is not cited in code")</code></pre>' in rendered.markdown
    assert "@media print" in rendered.markdown
    assert rendered.unknown == []


def test_unknown_keys_are_reported_with_cell_and_line(formatter):
    cells = ["# Title", "First line.\nSecond [@safran1997resolution]."]
    rendered = render_notebook_citations(_page(cells), cells, formatter, "x/", URLS, page_name="docs/x.ipynb")
    assert [u.key for u in rendered.unknown] == ["safran1997resolution"]
    assert rendered.unknown[0].message.startswith("docs/x.ipynb, Markdown cell 2:2: unknown citation key")


def test_a_cell_missing_from_the_page_is_an_error(formatter):
    with pytest.raises(NotebookPageError, match="Markdown cell 1"):
        render_notebook_citations("<div>nothing here</div>", ["Some text [@safran1996resolution]."], formatter, "x/", URLS)


def test_a_cell_whose_evidence_shortcodes_were_already_expanded_is_found_and_cited(formatter):
    """hooks/evidence.py runs first, so a cell with a shortcode is no longer verbatim in the page."""
    cell = 'Repair went with outcome, <!-- atlas:effect id="x" -->, on <!-- atlas:effect id="x" show="k" --> studies [@stiles2004patterns].'
    expanded = cell.replace('<!-- atlas:effect id="x" -->', '<span class="atlas-effect"><i>r</i> = .29</span>')
    expanded = expanded.replace('<!-- atlas:effect id="x" show="k" -->', '<span class="atlas-effect">11</span>')
    rendered = render_notebook_citations(_page([expanded]), [cell], formatter, "x/", URLS)
    assert rendered.keys == ["stiles2004patterns"]
    assert '<span class="atlas-effect"><i>r</i> = .29</span>, on <span class="atlas-effect">11</span> studies' in rendered.markdown
    assert "[@stiles2004patterns]" not in rendered.markdown
    # The text around a shortcode must still match: another cell is not taken for this one.
    with pytest.raises(NotebookPageError, match="Markdown cell 1"):
        render_notebook_citations(_page([expanded.replace("studies", "trials")]), [cell], formatter, "x/", URLS)


def test_references_section_ends_the_page(formatter):
    cell = "Text [@stiles2004patterns]."
    rendered = render_notebook_citations(_page([cell]), [cell], formatter, "x/", URLS)
    page = with_references(rendered, formatter, "x/", URLS)
    assert page.rstrip().endswith("</ol>")
    assert REFERENCES_HEADING in page and 'id="ref-stiles2004patterns"' in page


def test_markdown_cell_sources_reads_lists_and_strings(tmp_path):
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps({"cells": [
        {"cell_type": "markdown", "source": ["a\n", "b"]},
        {"cell_type": "code", "source": "x"},
        {"cell_type": "markdown", "source": "c"},
    ]}), encoding="utf-8")
    assert markdown_cell_sources(path) == ["a\nb", "c"]


def test_the_duplicate_list_formatted_stylesheet_is_dropped():
    page = "<div>x</div>\n        <style>\n        ['pre { line-height: 125%; }', '.a { }']\n        </style>\n        "
    assert drop_trailing_css_repr(page) == "<div>x</div>\n"
    kept = "<div>x</div>\n<style>.a { color: red }</style>\n"
    assert drop_trailing_css_repr(kept) == kept


def test_download_link_sits_under_the_title():
    html = insert_after_title('<h1 id="t">Title</h1><p>Body</p>', download_link_html("a&b.ipynb"))
    assert html.startswith('<h1 id="t">Title</h1><p class="atlas-explainer-download"><a href="a&amp;b.ipynb" download=')
    assert insert_after_title("<p>x</p>", "<p>y</p>") == "<p>y</p><p>x</p>"


@pytest.mark.build
def test_an_unknown_key_in_a_notebook_fails_the_strict_build(tmp_path):
    result = build_site(REPO_ROOT / "tests" / "fixtures" / "explainers" / "unknown_key" / "mkdocs.yml", tmp_path / "site")
    assert not result.ok
    assert "docs/explainers/bad.ipynb, Markdown cell 2:2: unknown citation key 'safran1997resolution'" in result.output
    assert "closest keys: safran1996resolution" in result.output
