"""The course pack (course-pack/): every content page in nav order, unique ids, links inside the pack,
the full bibliography, and a PDF that Chromium prints with every chapter in it."""

from __future__ import annotations

import collections
import html
import re

import pytest

from alliance_atlas.bibliography.parse import cached_bibliography
from alliance_atlas.site.course_pack import chapter_slug
from support.sitebuild import REPO_ROOT

PACK = "course-pack/"
#: The pack printed on A4 runs to about 200 pages; far fewer means chapters went missing, far more a layout bug.
PDF_PAGES = range(40, 400)


def _pack_html(site_dir) -> str:
    return (site_dir / "course-pack" / "index.html").read_text(encoding="utf-8")


def _plain(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _chapter_titles(page: str) -> dict[str, str]:
    """Chapter id -> the text of its title (the chapter's first heading)."""
    titles = {}
    for match in re.finditer(r'<section class="atlas-pack__chapter" id="([^"]+)"[^>]*><h2[^>]*>(.*?)</h2>', page, re.DOTALL):
        titles[match[1]] = _plain(match[2])
    return titles


def _expected_chapter_urls() -> list[str]:
    """Hand-written pages of the nav, in order, except the explainers and the interactive tools."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    sources = []

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                walk(value)
            elif isinstance(value, str) and value.endswith(".md") and (REPO_ROOT / "docs" / value).is_file():
                sources.append(value)

    walk(config["nav"])
    urls = []
    for source in sources:
        if source.startswith(("explainers/", "explorer/")):
            continue
        url = source.removesuffix(".md").removesuffix("index")
        urls.append(url if url == "" or url.endswith("/") else url + "/")
    return urls


def test_pack_holds_every_content_page_in_nav_order(site_dir):
    page = _pack_html(site_dir)
    chapters = re.findall(r'<section class="atlas-pack__chapter" id="chapter-([^"]+)"', page)
    assert chapters == [chapter_slug(url) for url in _expected_chapter_urls()]
    assert "references-" not in " ".join(chapters) and not any(c.startswith("explainers") for c in chapters)
    contents = re.search(r'<nav class="atlas-pack__contents".*?</nav>', page, re.DOTALL)[0]
    assert re.findall(r'href="#(chapter-[^"]+|bibliography)"', contents) == [f"chapter-{c}" for c in chapters] + ["bibliography"]


def test_pack_ids_are_unique_and_links_stay_inside(site_dir):
    page = _pack_html(site_dir)
    ids = collections.Counter(re.findall(r'\sid="([^"]*)"', page))
    assert [name for name, count in ids.items() if count > 1] == []
    article = page[page.index('<nav class="atlas-pack__contents"'):page.index('id="cite-this-page"')]
    # A static widget's note links to its live page on purpose.
    article = re.sub(r'<p class="atlas-pack__widget-note">.*?</p>', "", article)
    hrefs = re.findall(r'\shref="([^"]*)"', article)
    chapter_paths = {"../" + url for url in _expected_chapter_urls()} | {"../"}
    leaving = [href for href in hrefs if href.split("#")[0] in chapter_paths]
    assert leaving == [], "links to pages that are in the pack must point inside the pack"
    for href in hrefs:
        if href.startswith("#"):
            assert href[1:] in ids, f"{href} points to no id of the pack"
    assert 'class="citation"' not in article, "the pack's citations must not count as citations on reference pages"
    citations = re.findall(r'<a class="atlas-pack__citation"[^>]*href="([^"]*)"', article)
    assert citations and all(href.startswith("#bib-") for href in citations)


def test_pack_ends_with_the_whole_bibliography(site_dir):
    page = _pack_html(site_dir)
    section = page[page.index('<section class="atlas-pack__bibliography"'):]
    section = section[:section.index("</section>")]
    keys = re.findall(r'<li id="bib-([^"]+)"', section)
    bibliography = cached_bibliography(REPO_ROOT / "bibliography" / "alliance.bib")
    assert sorted(keys) == sorted(reference.key for reference in bibliography)
    assert 'id="references"' not in page, "chapters' own reference lists are replaced by the bibliography"


def test_pack_is_linked_from_the_home_page_and_has_a_print_button(site_dir):
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="course-pack/"' in home
    assert "Print or save as PDF</button>" in _pack_html(site_dir)


@pytest.mark.browser
def test_pack_prints_to_a_pdf_with_every_chapter_and_the_bibliography(site_page, site_dir):
    # PDFium reads the text of the pack's 200 pages in about a second; pypdf took 20 s.
    pdfium = pytest.importorskip("pypdfium2")
    page = site_page.open(PACK, wait_until="load")
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('.atlas-print-button')).display") == "none"
    pdf = pdfium.PdfDocument(page.pdf(format="A4", print_background=False))
    assert len(pdf) in PDF_PAGES
    text = "".join(re.sub(r"\s+", "", pdf[number].get_textpage().get_text_range()) for number in range(len(pdf)))
    titles = _chapter_titles(_pack_html(site_dir))
    assert len(titles) == len(_expected_chapter_urls())
    missing = [title for title in titles.values() if re.sub(r"\s+", "", title) not in text]
    assert missing == []
    assert "Bibliography" in text
    assert "Safran,J.D.,&Muran,J.C." in text
    # External links print their address; links inside the site do not.
    assert "(https://creativecommons.org/licenses/by/4.0/)" in text
    assert "(" + site_page.base_url not in text
    assert site_page.console.errors == [] and site_page.network.blocked == []


@pytest.mark.browser
def test_printing_a_page_hides_the_controls_and_keeps_the_static_chart(site_page):
    page = site_page.open("rupture-repair/", wait_until="load")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.md-search',
        '.atlas-explorer__controls', '.atlas-cite-page .atlas-copy'].map(s => {
            const el = document.querySelector(s); return el ? getComputedStyle(el).display : 'none'; })""")
    assert hidden == ["none"] * 6
    shown = page.evaluate("""() => ['.atlas-chart-figure', '.atlas-chart__description', '.atlas-findings']
        .map(s => getComputedStyle(document.querySelector(s)).display)""")
    assert "none" not in shown
