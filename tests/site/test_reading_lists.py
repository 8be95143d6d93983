"""The reading lists' pure renderers and the builder's markup and data, without MkDocs."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from alliance_atlas.bibliography.citations import find_citations
from alliance_atlas.bibliography.exports import reference_to_bibtex, reference_to_ris
from support.bib import formatter_for
from alliance_atlas.bibliography.parse import load_bibliography
from alliance_atlas.bibliography.vocabulary import TOPICS
from alliance_atlas.site.reading_list_tray import builder_data, html_to_markdown, markdown_text, pick_html, tray_html
from alliance_atlas.bibliography.intext import apa_sort_key
from alliance_atlas.site.reading_lists import (
    TOPIC_PAGES,
    ListLinks,
    SitePage,
    index_page_markdown,
    list_markdown,
    list_text,
    page_title_from_markdown,
    reading_list,
    reading_lists,
    text_downloads,
    topic_page_markdown,
)

REPO_ROOT = Path(__file__).resolve().parents[2]

EVIL_BIB = r"""
@article{mallory2020hello,
  author = {Mallory, Eve and O'Brien, Tom},
  title = {Hello <script>alert(1)</script> \& "friends" *starred* [@bordin1979]},
  journal = {Journal of <b>Injection</b>},
  volume = {1},
  pages = {1--2},
  year = {2020},
  keywords = {concept, rupture-repair},
  evidence = {theory},
  core = {true},
  annotation = {An <img src=x onerror=alert(1)> annotation citing [@safran1996] and @mallory2020hello, with *stars* and `code`.},
}

@book{zed1999book, author = {Zed, Anna}, title = {Zebra book}, publisher = {Press}, year = {1999},
  keywords = {concept}, evidence = {book}, annotation = {Plain.}}

@book{able2001book, author = {Able, Ben}, title = {Able book}, publisher = {Press}, year = {2001},
  keywords = {concept}, evidence = {book}, annotation = {Plain too.}}

@book{core2005book, author = {Core, Carla}, title = {Core book}, publisher = {Press}, year = {2005},
  keywords = {concept}, evidence = {book}, core = {true}, annotation = {A core reading.}}
"""


@pytest.fixture(scope="module")
def real():
    return load_bibliography(REPO_ROOT / "bibliography" / "alliance.bib")


@pytest.fixture(scope="module")
def evil(tmp_path_factory):
    path = tmp_path_factory.mktemp("bib") / "evil.bib"
    path.write_text(EVIL_BIB, encoding="utf-8")
    return load_bibliography(path)


def urls(bibliography):
    return {reference.key: f"references/{reference.key}/" for reference in bibliography}


# ----------------------------------------------------------------------------------------------
# Lists: which references, in which order
# ----------------------------------------------------------------------------------------------

def test_a_list_puts_core_readings_first_each_group_in_apa_order(evil):
    reading = reading_list(formatter_for(evil), "concept")
    assert [r.key for r in reading.core] == ["core2005book", "mallory2020hello"]
    assert [r.key for r in reading.further] == ["able2001book", "zed1999book"]
    assert [r.key for r in reading.references] == ["core2005book", "mallory2020hello", "able2001book", "zed1999book"]


def test_every_topic_has_a_list_holding_exactly_its_references(real):
    lists = reading_lists(formatter_for(real))
    assert list(lists) == list(TOPICS)
    for slug, reading in lists.items():
        assert sorted(r.key for r in reading.references) == sorted(r.key for r in real.by_topic(slug)), slug
        assert all(r.core for r in reading.core) and not any(r.core for r in reading.further)
        assert list(reading.core) == sorted(reading.core, key=apa_sort_key)
        assert list(reading.further) == sorted(reading.further, key=apa_sort_key)


def test_every_topic_links_to_pages_of_the_site_that_exist():
    assert set(TOPIC_PAGES) == set(TOPICS)
    for slug, pages in TOPIC_PAGES.items():
        assert pages, slug
        for src in pages:
            assert (REPO_ROOT / "docs" / src).is_file(), (slug, src)


def test_page_titles_come_from_front_matter_or_the_first_heading():
    assert page_title_from_markdown("---\ntitle: Alliance Atlas\n---\n\n# Other\n") == "Alliance Atlas"
    assert page_title_from_markdown("---\ndescription: x\n---\n\n# Rupture and repair {#top}\n") == "Rupture and repair"
    assert page_title_from_markdown("Text\n\n## Not this\n# This one\n") == "This one"
    assert page_title_from_markdown("No heading") is None


# ----------------------------------------------------------------------------------------------
# Text downloads
# ----------------------------------------------------------------------------------------------

def test_the_text_list_is_a_title_a_source_and_apa_paragraphs(evil):
    reading = reading_list(formatter_for(evil), "concept")
    text = list_text(reading, "Alliance Atlas", "https://atlas.example/reading-lists/concept/")
    apa = [reading.formatter.reference(r, "apa", "text") for r in reading.references]
    assert text == "\n".join([
        "Reading list: Concept and history",
        "From Alliance Atlas: https://atlas.example/reading-lists/concept/",
        "",
        "Core readings",
        "",
        apa[0], "",
        apa[1], "",
        "Further readings",
        "",
        apa[2], "",
        apa[3],
    ]) + "\n"
    assert "<script>" in text  # plain text is the title as written, not HTML


def test_a_group_with_no_reading_is_left_out_of_the_text_lists(evil):
    reading = reading_list(formatter_for(evil), "rupture-repair")
    assert [r.key for r in reading.core] == ["mallory2020hello"] and not reading.further
    assert "Further readings" not in list_text(reading)
    assert "## Further readings" not in list_markdown(reading)


def test_the_markdown_list_keeps_italics_and_links_and_escapes_the_rest(evil, real):
    reading = reading_list(formatter_for(evil), "concept")
    markdown = list_markdown(reading, "Alliance Atlas", "https://atlas.example/reading-lists/concept/")
    lines = markdown.split("\n")
    assert lines[:6] == [
        "# Reading list: Concept and history", "",
        "From [Alliance Atlas](<https://atlas.example/reading-lists/concept/>).", "",
        "## Core readings", "",
    ]
    assert "## Further readings" in lines
    evil_line = next(line for line in lines if line.startswith("Mallory"))
    assert "\\<script\\>alert(1)\\</script\\>" in evil_line
    assert "\\*starred\\* \\[@bordin1979\\]" in evil_line
    assert "*Journal of \\<b\\>Injection\\</b\\>*" in evil_line
    # A real entry: italics as *, the DOI as an autolink.
    ackerman = real["ackerman2003review"]
    assert html_to_markdown(formatter_for(real).reference(ackerman, "apa", "html")).endswith(
        "*Clinical Psychology Review*, *23*(1), 1–33. <https://doi.org/10.1016/S0272-7358(02)00146-0>")


def test_markdown_text_escapes_what_would_format():
    assert markdown_text("1996. A *b* _c_ [d](e) <f> `g` ~h~ |i|") == "1996\\. A \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\`g\\` \\~h\\~ \\|i\\|"
    assert markdown_text("# heading") == "\\# heading"
    assert markdown_text("AT&amp;T") == "AT\\&amp;T"
    assert html_to_markdown('<a href="https://x.org/a b">site</a>') == "[site](https://x.org/a%20b)"


def test_text_downloads_cover_every_non_empty_topic_with_txt_and_md(real):
    files = text_downloads(reading_lists(formatter_for(real)), "Alliance Atlas", "http://127.0.0.1:8000/")
    expected = {f"downloads/topics/{slug}.{ext}" for slug in TOPICS if real.by_topic(slug) for ext in ("txt", "md")}
    assert set(files) == expected
    assert files["downloads/topics/monitoring.txt"].splitlines()[1] == "From Alliance Atlas: http://127.0.0.1:8000/reading-lists/monitoring/"


# ----------------------------------------------------------------------------------------------
# Pages
# ----------------------------------------------------------------------------------------------

def _topic_page(bibliography, slug, pages=()):
    links = ListLinks(f"reading-lists/{slug}/", urls(bibliography))
    return topic_page_markdown(reading_list(formatter_for(bibliography), slug), links, list(pages))


def test_the_topic_page_escapes_every_field_and_cites_nothing(evil):
    page = _topic_page(evil, "concept", [SitePage('Origins <i>&</i> "history"', "concept/origins/")])
    assert "<script>" not in page and "<img" not in page and "<b>Injection" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Origins &lt;i&gt;&amp;&lt;/i&gt; " in page
    # Pandoc citation syntax in a field stays text: the citation hook finds nothing to render.
    assert find_citations(page) == []
    assert "&#91;&#64;safran1996&#93;" in page


def test_the_topic_page_lists_core_then_further_with_links_annotations_and_checkboxes(evil):
    page = _topic_page(evil, "concept", [SitePage("Origins", "concept/origins/")])
    core, further = page.index("## Core readings"), page.index("## Further readings")
    assert core < page.index('id="ref-core2005book"') < page.index('id="ref-mallory2020hello"') < further
    assert further < page.index('id="ref-able2001book"') < page.index('id="ref-zed1999book"')
    assert 'href="../../references/able2001book/"' in page
    assert "Plain too." in page
    assert '<a href="../../concept/origins/">Origins</a>' in page
    assert html.escape(TOPICS["concept"].description) in page
    for ext in ("bib", "ris", "txt", "md"):
        assert f'href="../../downloads/topics/concept.{ext}" download="concept.{ext}"' in page
    assert page.count('data-atlas-pick="') == 4
    assert 'data-atlas-pick="able2001book" data-atlas-short="Able (2001)"' in page
    assert 'data-atlas-data="../../downloads/alliance-builder.json"' in page
    assert 'data-atlas-share="../../references/"' in page
    assert page.startswith('---\ntitle: "Reading list: Concept and history"\n---')


def test_an_empty_topic_page_says_so_and_offers_no_download(evil):
    page = _topic_page(evil, "monitoring")
    assert "No reference of the bibliography is on this topic yet." in page
    assert "downloads/topics/monitoring" not in page


def test_the_index_links_every_topic_list(real):
    page = index_page_markdown(reading_lists(formatter_for(real)), ListLinks("reading-lists/", urls(real)))
    for slug, topic in TOPICS.items():
        assert f'<a href="{slug}/">{html.escape(topic.label)}</a>' in page
    assert 'data-atlas-tray' in page and 'href="../references/"' in page


# ----------------------------------------------------------------------------------------------
# The builder
# ----------------------------------------------------------------------------------------------

def test_the_checkbox_is_labelled_with_the_short_reference_and_escaped(evil):
    reference = evil["mallory2020hello"]
    markup = pick_html(reference, 'Mallory & <O\'Brien> "x" @y')
    assert '<label class="atlas-pick" data-search-exclude for="atlas-pick-mallory2020hello" hidden>' in markup
    assert 'id="atlas-pick-mallory2020hello"' in markup
    assert 'data-atlas-short="Mallory &amp; &lt;O&#x27;Brien&gt; &quot;x&quot; @y"' in markup
    assert "Add<span class=\"atlas-visually-hidden\"> Mallory &amp; &lt;O'Brien&gt; \"x\" &#64;y</span> to my reading list" in markup


def test_the_tray_is_a_labelled_region_with_a_polite_live_region():
    markup = tray_html("../downloads/alliance-builder.json", "../references/")
    assert markup.startswith('<section class="atlas-tray"') and 'aria-labelledby="atlas-tray-heading"' in markup
    assert '<h2 class="atlas-tray__heading" id="atlas-tray-heading">My reading list</h2>' in markup
    assert 'role="status" aria-live="polite"' in markup
    assert 'aria-controls="atlas-tray-body"' in markup and 'id="atlas-tray-body"' in markup
    assert '<label for="atlas-tray-link">' in markup


def test_builder_data_holds_every_reference_in_apa_order(real):
    ordered = sorted(real, key=apa_sort_key)
    data = json.loads(builder_data(ordered, formatter_for(real)))
    assert data["order"] == [r.key for r in ordered]
    assert set(data["references"]) == set(real.references)
    entry = data["references"]["safran1996resolution"]
    reference = real["safran1996resolution"]
    assert entry == {
        "short": "Safran and Muran (1996)",
        "apa_text": formatter_for(real).reference(reference, "apa", "text"),
        "apa_markdown": html_to_markdown(formatter_for(real).reference(reference, "apa", "html")),
        "bibtex": reference_to_bibtex(reference),
        "ris": reference_to_ris(reference),
    }
    assert re.match(r"^TY  - ", entry["ris"]) and entry["ris"].rstrip().endswith("ER  -")
