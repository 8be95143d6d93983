"""The course pack's chapters: ids prefixed, headings moved down, links kept inside the pack."""

from __future__ import annotations

from alliance_atlas.site.course_pack import (
    Chapter,
    chapter_html,
    chapter_slug,
    drop_sections,
    is_chapter,
    static_widgets,
    with_pack_date,
)

PAGE = (
    '<h1 id="origins">Origins<a class="headerlink" href="#origins" title="Link to this section">¶</a></h1>'
    '<p class="atlas-last-updated">Last updated: <time datetime="2026-11-20">20 November 2026</time></p>'
    '<h2 id="greenson">Greenson</h2>'
    '<p>See <a href="#greenson">above</a>, the <a href="../../glossary/#bond">bond</a>, '
    '<a href="../">the concept</a>, <a class="citation" data-key="k1" title="T" href="../../references/k1/">(A, 1965)</a>, '
    '<a href="../../references/">all references</a>, <a href="../../explorer/?preset=stable">the explorer</a> '
    'and <a href="https://example.org/x">elsewhere</a>.<sup id="fnref:1"><a href="#fn:1">1</a></sup></p>'
    '<label for="q" aria-describedby="greenson origins">Q</label><input id="q">'
    '<p data-id="kept">x</p><img src="../img/a.png" alt="">'
    '<h2 id="references">References</h2><ol><li id="ref-k1">A.</li></ol>'
    '<h2 id="cite-this-page">Cite this page</h2><p>cite</p>'
)
CHAPTERS = {"concept/origins/", "concept/", "glossary/"}
REFERENCES = {"references/k1/": "k1"}


def _chapter() -> str:
    return chapter_html(Chapter("Origins", "concept/origins/", PAGE), CHAPTERS, REFERENCES)


def test_chapter_slugs_are_unique_per_page():
    assert chapter_slug("") == "home"
    assert chapter_slug("concept/origins/") == "concept-origins"
    assert chapter_slug("concept/") == "concept"


def test_references_and_cite_this_page_are_dropped():
    assert drop_sections(PAGE).endswith("<img src=\"../img/a.png\" alt=\"\">")
    body = _chapter()
    assert "Cite this page" not in body and 'ref-k1' not in body


def test_ids_are_prefixed_and_headings_move_down_a_level():
    body = _chapter()
    assert body.startswith('<section class="atlas-pack__chapter" id="chapter-concept-origins" aria-labelledby="concept-origins--origins">')
    assert '<h2 id="concept-origins--origins">Origins</h2>' in body
    assert '<h3 id="concept-origins--greenson">' in body
    assert 'id="concept-origins--fnref:1"' in body and 'href="#concept-origins--fn:1"' in body
    assert 'for="concept-origins--q" aria-describedby="concept-origins--greenson concept-origins--origins"' in body
    assert 'data-id="kept"' in body
    assert "headerlink" not in body and "¶" not in body


def test_links_stay_inside_the_pack_where_they_can():
    body = _chapter()
    assert 'href="#concept-origins--greenson"' in body
    assert 'href="#glossary--bond"' in body
    assert 'href="#chapter-concept"' in body
    assert '<a class="atlas-pack__citation" data-key="k1" title="T" href="#bib-k1">' in body
    assert 'href="../references/"' in body
    assert 'href="../explorer/?preset=stable"' in body
    assert 'href="https://example.org/x"' in body
    assert 'src="../concept/img/a.png"' in body


def test_only_hand_written_reading_pages_are_chapters():
    assert is_chapter("concept/index.md", "concept/", "<p>x</p>", generated=False)
    assert not is_chapter("references/k/index.md", "references/k/", "<p>x</p>", generated=True)
    assert not is_chapter("explainers/index.md", "explainers/", "<p>x</p>", generated=False)
    assert not is_chapter("explainers/a.ipynb", "explainers/a/", "<p>x</p>", generated=False)
    assert not is_chapter("explorer/index.md", "explorer/", "<p>x</p>", generated=False)
    assert is_chapter("rupture-repair/index.md", "rupture-repair/", '<div class="atlas-widget" data-atlas-widget="explorer">',
                      generated=False)


def test_a_live_widget_becomes_its_static_chart_findings_and_open_data_table():
    from alliance_atlas.widgets.explorer_markup import explorer
    from alliance_atlas.widgets.markup import SLOT, fill_slots

    widget = explorer("atlas-explorer-1", "v-rupture")
    page = fill_slots(f'<h1 id="t">T</h1><p>Before.</p>{SLOT.format(slot=widget.widget_id)}<p>After.</p>', {widget.widget_id: widget})
    static = static_widgets(page, {widget.widget_id: widget.print_html})
    assert static.startswith('<h1 id="t">T</h1><p>Before.</p><div class="atlas-pack__widget">') and static.endswith("<p>After.</p>")
    for live in ("data-atlas-widget", "data-atlas-spec", "<input", "<select", "<textarea", "<button", "<progress"):
        assert live not in static, live
    assert '<figure class="atlas-chart-figure"' in static and "atlas-chart__description" in static
    assert '<details open class="atlas-data-table"' in static and 'class="atlas-findings"' in static
    body = chapter_html(Chapter("T", "a/b/", page, {widget.widget_id: widget.print_html}), {"a/b/"}, {})
    assert 'aria-labelledby="a-b--atlas-explorer-1-caption"' in body
    assert '(<a href="../a/b/">open the page</a>)' in body, "the note links to the live page, outside the pack"


def test_the_pack_says_when_it_was_assembled_under_its_title():
    content = '<h1 id="course-pack">Course pack</h1><p>Every chapter.</p>'
    dated = with_pack_date(content, "2026-11-26")
    assert dated.startswith('<h1 id="course-pack">Course pack</h1><p class="atlas-last-updated">Assembled <time datetime="2026-11-26">')
    assert dated.endswith("<p>Every chapter.</p>")
