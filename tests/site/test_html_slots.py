"""Ready HTML held out of Markdown comes back as Markdown would have printed it, or the build says so."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from support.bib import formatter_for
from alliance_atlas.bibliography.parse import load_bibliography
from alliance_atlas.site.citations import references_section
from alliance_atlas.site.html_slots import HtmlSlots, MissingSlotError
from alliance_atlas.site.reference_pages import PageLinks, index_page_markdown, reference_page_markdown

REPO_ROOT = Path(__file__).resolve().parents[2]
# The site's own extensions that touch raw HTML blocks, headings and attributes (mkdocs.yml).
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
              "toc", "pymdownx.details", "pymdownx.superfences"]


@pytest.fixture(scope="module")
def real():
    return load_bibliography(REPO_ROOT / "bibliography" / "alliance.bib")


def _urls(bibliography):
    return {reference.key: f"references/{reference.key}/" for reference in bibliography}


def _both_ways(make) -> tuple[str, str]:
    """(Markdown of the page with its HTML inline, Markdown of the page with its HTML held and put back)."""
    slots = HtmlSlots()
    held = make(slots)
    assert slots.blocks, "nothing was held"
    return markdown.markdown(make(None), extensions=EXTENSIONS), slots.fill(markdown.markdown(held, extensions=EXTENSIONS))


def test_every_reference_page_comes_out_as_markdown_would_print_it(real):
    formatter = formatter_for(real)
    for reference in real:
        links = PageLinks(f"references/{reference.key}/", "references/", _urls(real))
        inline, filled = _both_ways(lambda slots: reference_page_markdown(reference, formatter, links, slots=slots))
        assert filled == inline, reference.key


def test_the_reference_list_and_a_page_end_list_come_out_as_markdown_would_print_them(real):
    formatter = formatter_for(real)
    links = PageLinks("references/", "references/", _urls(real))
    inline, filled = _both_ways(lambda slots: index_page_markdown(formatter, links, slots=slots))
    assert filled == inline
    keys = [reference.key for reference in real][:12]
    inline, filled = _both_ways(
        lambda slots: "# A page\n\nSome text." + references_section(keys, formatter, "theory/", _urls(real), slots=slots)
    )
    assert filled == inline and 'id="ref-' in filled


def test_a_placeholder_lost_on_the_way_fails_loudly():
    slots = HtmlSlots()
    first, second = slots.hold("<div>one</div>"), slots.hold("<div>two</div>")
    assert slots.fill(f"{first}\n{second}") == "<div>one</div>\n<div>two</div>"
    with pytest.raises(MissingSlotError):
        slots.fill(first)
    with pytest.raises(MissingSlotError):
        slots.fill(f"{first}{first}{second}")
