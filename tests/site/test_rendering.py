"""The site package's pure renderers, without MkDocs: citations, sections, reference pages, page citations."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pybtex.database
import pytest
from mkdocs.utils import get_relative_url

from support.bib import formatter_for
from alliance_atlas.bibliography.parse import load_bibliography
from alliance_atlas.bibliography.intext import apa_sort_key
from alliance_atlas.site.cite_page import PageDate, page_apa, page_bibtex, parse_git_log
from alliance_atlas.site.citations import REFERENCES_HEADING, citation_places, markdown_safe, references_section, render_citations
from alliance_atlas.site.links import relative_url, scholar_url
from alliance_atlas.site.reference_pages import PageLinks, cited_on_html, reference_page_markdown, related_references
from alliance_atlas.site.state import CitedOn

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "bib"


@pytest.fixture(scope="module")
def real():
    return load_bibliography(REPO_ROOT / "bibliography" / "alliance.bib")


@pytest.fixture(scope="module")
def evil():
    return load_bibliography(FIXTURES / "script_title.bib")


def urls(bibliography):
    return {reference.key: f"references/{reference.key}/" for reference in bibliography}


def text_of(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


@pytest.mark.parametrize("url, other", [
    ("references/a/", "references/b/"), ("references/a/", ""), ("downloads/x.bib", "references/a/"),
    ("references/", "references/a/"), ("theory/", "theory/"), ("a/index.html", "b/c.html"),
])
def test_relative_url_agrees_with_mkdocs(url, other):
    assert relative_url(url, other) == get_relative_url(url, other)


def test_relative_url_to_the_home_page_ends_with_a_slash():
    assert relative_url("", "theory/") == "../"
    assert relative_url("", "references/k/") == "../../"
    assert relative_url("", "") == "./"


def test_parenthetical_citation_links_each_work_in_apa_order(real):
    rendered = render_citations("See [@safran1996resolution; @bordin1979generalizability, p. 12].", formatter_for(real), "theory/", urls(real))
    assert text_of(rendered.markdown) == "See (Bordin, 1979, p. 12; Safran & Muran, 1996)."
    assert re.findall(r'href="([^"]+)"', rendered.markdown) == [
        "../references/bordin1979generalizability/", "../references/safran1996resolution/",
    ]
    assert rendered.keys == ["safran1996resolution", "bordin1979generalizability"]


def test_narrative_citation_and_tooltip_is_the_plain_apa_reference(real):
    rendered = render_citations("@safran1996resolution proposed stages.", formatter_for(real), "", urls(real))
    assert text_of(rendered.markdown) == "Safran and Muran (1996) proposed stages."
    title = html.unescape(re.search(r'title="([^"]+)"', rendered.markdown).group(1))
    assert title == formatter_for(real).reference("safran1996resolution", "apa", "text")


def test_unknown_key_names_page_line_key_and_three_closest_keys(real):
    rendered = render_citations("One.\nTwo [@safran1996resolutoin].", formatter_for(real), "x/", urls(real), page_name="docs/x.md")
    [unknown] = rendered.unknown
    closest = real.closest_keys("safran1996resolutoin")
    assert len(closest) == 3
    assert unknown.message.startswith("docs/x.md:2: ")
    assert "safran1996resolutoin" in unknown.message and all(key in unknown.message for key in closest)
    assert "citation--unknown" in rendered.markdown and rendered.keys == []


def test_citation_markup_hides_markdown_syntax_and_escapes_html(evil):
    rendered = render_citations("[@evil2020script]", formatter_for(evil), "", urls(evil))
    assert "<script" not in rendered.markdown
    assert not re.search(r"[*_`\[\]\\]", rendered.markdown)
    assert markdown_safe("a*b_c`d[e]f\\g@h") == "a&#42;b&#95;c&#96;d&#91;e&#93;f&#92;g&#64;h"


def test_references_section_has_apa_doi_and_coins_for_every_key(real):
    keys = ["safran1996resolution", "bordin1979generalizability"]
    section = references_section(keys, formatter_for(real), "theory/", urls(real))
    assert section.lstrip().startswith(REFERENCES_HEADING)
    assert section.count('class="Z3988"') == 2
    assert section.index("bordin1979generalizability") < section.index('id="ref-safran1996resolution"')
    assert "https://doi.org/10.1037/0022-006X.64.3.447" in section


def test_citation_places_follow_the_nearest_heading_with_an_id():
    page = ('<p><a class="citation" data-key="a">x</a></p>'
            '<h2 id="one">One <em>part</em><a class="headerlink" href="#one">¶</a></h2><p><a class="citation" data-key="b">y</a></p>'
            '<h3>No id</h3><p><a class="citation" data-key="c">z</a></p>')
    assert [(p.key, p.section_title, p.anchor) for p in citation_places(page)] == [
        ("a", "", ""), ("b", "One part", "one"), ("c", "One part", "one"),
    ]


def test_citation_places_pass_over_comments_and_scripts_as_an_html_parser_does():
    page = ('<!-- <h2 id="gone">Gone</h2> <a class="citation" data-key="commented"> -->'
            "<script>const s = '<h2 id=\"js\">JS</h2><a class=\"citation\" data-key=\"scripted\">';</script>"
            '<H2 ID="up">Up &amp; <code>down</code><a class="headerlink" href="#up" title="a > b">¶</a></H2>'
            '<p><A title="x > y" CLASS="note citation" DATA-KEY="k&#95;1" href="#">t</A></p>'
            '<h4 id="q">Q <a class="citation" data-key="in-heading">c</a></h4><p><a class="citation" data-key="after">d</a></p>')
    assert [(p.key, p.section_title, p.anchor) for p in citation_places(page)] == [
        ("k_1", "Up & down", "up"), ("in-heading", "Up & down", "up"), ("after", "Q c", "q"),
    ]


def test_cited_on_groups_sections_under_their_page():
    places = [CitedOn("Rupture", "rupture/", "Repair", "repair"), CitedOn("Rupture", "rupture/", "Evidence", "evidence"),
              CitedOn("Home", "", "", "")]
    markup = cited_on_html(places, "references/k/")
    assert re.findall(r'href="([^"]+)"', markup) == ["../../rupture/", "../../rupture/#repair", "../../rupture/#evidence", "../../"]
    assert "No page" in cited_on_html([], "references/k/")


def test_related_references_share_topics_and_rank_by_overlap(real):
    reference = real["safran1996resolution"]
    related = related_references(reference, real)
    assert 0 < len(related) <= 5 and reference not in related
    overlaps = [len(set(reference.topics) & set(other.topics)) for other in related]
    assert all(overlaps) and overlaps == sorted(overlaps, reverse=True)


def test_related_references_are_the_best_ranked_of_all_works_for_every_entry(real):
    # Rankings are shared by works with the same topics; each must still be what ranking all works gives.
    def rank(reference, other):
        overlap = len(set(reference.topics) & set(other.topics))
        return (-overlap, not other.core, -other.year, apa_sort_key(other), other.key)

    for reference in real:
        sharing = [other for other in real if other.key != reference.key and set(other.topics) & set(reference.topics)]
        expected = sorted(sharing, key=lambda other: rank(reference, other))[:5]
        assert [other.key for other in related_references(reference, real)] == [other.key for other in expected]


def test_reference_page_escapes_every_field(evil):
    reference = evil["evil2020script"]
    links = PageLinks("references/evil2020script/", "references/", urls(evil))
    page = reference_page_markdown(reference, formatter_for(evil), links)
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;" in page
    assert scholar_url(reference.title) not in page  # it has a DOI, so no Scholar fallback
    assert "https://doi.org/10.1234/evil%22%3Cx%3E" in page


def test_git_log_parsing_keeps_the_newest_date_per_file():
    output = "\x002026-11-20\n\ntheory/index.md\nindex.md\n\x002026-11-01\n\nindex.md\nabout/index.md\n"
    assert parse_git_log(output) == {
        "theory/index.md": dt.date(2026, 11, 20), "index.md": dt.date(2026, 11, 20), "about/index.md": dt.date(2026, 11, 1),
    }


def test_page_citation_in_apa_and_bibtex_that_pybtex_reads():
    when = PageDate(dt.date(2026, 11, 20), from_git=True)
    apa = page_apa("Rupture & {repair}", "Alliance Atlas", "https://atlas.example/rupture/", when)
    assert apa == "Alliance Atlas contributors. (2026, November 20). Rupture & {repair}. Alliance Atlas. https://atlas.example/rupture/"
    bibtex = page_bibtex("Rupture & {repair}", "Alliance Atlas", "https://atlas.example/rupture/", when, page_path="rupture/")
    entry = pybtex.database.parse_string(bibtex, "bibtex").entries["atlas-rupture"]
    assert entry.fields["year"] == "2026" and entry.fields["url"] == "https://atlas.example/rupture/"
    assert "Last updated 2026-11-20" in entry.fields["note"]
    assert "site was built" in PageDate(dt.date(2026, 11, 26), from_git=False).label.lower()


def test_tooltip_title_survives_materials_innerhtml_and_keeps_plain_text_plain():
    from alliance_atlas.site.citations import tooltip_title

    assert tooltip_title("Safran, J. D., & Muran, J. C. (1996).") == "Safran, J. D., & Muran, J. C. (1996)."
    assert tooltip_title('Hello <script>x</script> &amp; &#60; "q"') == 'Hello &lt;script>x&lt;/script> &amp;amp; &amp;#60; "q"'
