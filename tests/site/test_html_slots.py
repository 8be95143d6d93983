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


# ----------------------------------------------------------------------------------------------
# Citations held inline: the page and its "Cited on" places come out as with the citations in the Markdown.

_CITING_PAGE = """# A page

Opening, as argued by @safran1996resolution and others [@bordin1979generalizability; @safran1996resolution, p. 12].

## Repair *in* practice

- In a list item [@bordin1979generalizability].
- | not a table | [@safran1996resolution] |

| Study | Source |
|-------|--------|
| One   | [@bordin1979generalizability] |

> Quoted, with a footnote.[^1] See @bordin1979generalizability [p. 3]

<div markdown="1">
Inside HTML with Markdown [@safran1996resolution].
</div>

<div>Raw HTML block [@bordin1979generalizability]</div>

### Heading citing @safran1996resolution

[@bordin1979generalizability] opens a paragraph; [@nosuchkey2001] is unknown.

[^1]: The footnote cites [@safran1996resolution].
"""


def test_held_citations_come_out_as_markdown_would_print_them_with_the_same_places(real):
    from alliance_atlas.site.citations import citation_places, held_citation_places, render_citations

    formatter = formatter_for(real)
    inline = markdown.markdown(render_citations(_CITING_PAGE, formatter, "theory/", _urls(real)).markdown, extensions=EXTENSIONS)
    slots = HtmlSlots()
    held = render_citations(_CITING_PAGE, formatter, "theory/", _urls(real), slots=slots)
    assert len(slots.blocks) >= 8, "the citations were not held"
    held_html = markdown.markdown(held.markdown, extensions=EXTENSIONS)
    assert slots.fill(held_html) == inline
    with pytest.raises(MissingSlotError):
        slots.fill(held_html.replace("\ue0101\ue011", "", 1))
    places = held_citation_places(held_html, slots)
    assert places == citation_places(inline)
    # A heading's citation stays in the Markdown, which makes the heading's id of its text.
    assert 'id="heading-citing-safran-and-muran-1996"' in inline
    assert {(place.key, place.anchor) for place in places} >= {
        ("safran1996resolution", "a-page"), ("bordin1979generalizability", "repair-in-practice"),
        ("bordin1979generalizability", "heading-citing-safran-and-muran-1996"),
    }


def test_a_held_citation_keeps_its_keys_and_an_unlinked_work_is_no_place(real):
    from alliance_atlas.site.citations import held_citation_places, render_citations

    slots = HtmlSlots()
    urls = {"safran1996resolution": "references/safran1996resolution/"}
    page = render_citations("# T\n\nSee [@safran1996resolution; @bordin1979generalizability].", formatter_for(real), "theory/", urls, slots=slots)
    assert slots.notes == {0: ("safran1996resolution",)}
    held_html = markdown.markdown(page.markdown, extensions=EXTENSIONS)
    assert "title=" not in held_html
    assert [place.key for place in held_citation_places(held_html, slots)] == ["safran1996resolution"]
