"""A reference whose fields hold markup is shown as text everywhere: its page, the list, the tooltip."""

from __future__ import annotations

import html

import pytest

from support.htmlscan import scan_file
from support.sitebuild import REPO_ROOT, build_site

pytestmark = pytest.mark.build

TITLE = 'Hello <script>alert(1)</script> & "friends"'
SITE = REPO_ROOT / "tests" / "fixtures" / "sites" / "escaping" / "mkdocs.yml"


@pytest.fixture(scope="module")
def escaping_site(tmp_path_factory):
    result = build_site(SITE, tmp_path_factory.mktemp("escaping") / "site")
    assert result.ok, result.output[-3000:]
    return result.site_dir


def _scripts(path):
    return [attributes for tag, attributes in scan_file(path).tags if tag == "script"]


@pytest.mark.parametrize("page", ["index.html", "references/index.html", "references/evil2020script/index.html"])
def test_no_page_gains_a_script_element_or_a_markup_tag_from_the_bibliography(escaping_site, page):
    path = escaping_site / page
    text = path.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in text
    assert "<b>Injection" not in text
    # Every script element of the page is the theme's own (with a src) or its JSON config, never the title's.
    assert all("alert" not in script for script in scan_file(path).inline_scripts)
    assert html.escape(TITLE, quote=False) in text or html.escape(TITLE) in text


def test_the_reference_page_shows_the_title_as_text(escaping_site):
    text = (escaping_site / "references" / "evil2020script" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="reference-title">Hello &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;</h1>' in text
    assert "<title>Hello &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot; - Escaping</title>" in text
    metas = {attributes.get("name"): attributes.get("content") for tag, attributes in scan_file(
        escaping_site / "references" / "evil2020script" / "index.html").tags if tag == "meta"}
    assert metas["citation_title"] == TITLE
    assert metas["citation_doi"] == '10.1234/evil"<x>'


def test_the_citation_tooltip_holds_the_title_as_attribute_text(escaping_site):
    tags = scan_file(escaping_site / "index.html").tags
    citations = [attributes for tag, attributes in tags if tag == "a" and "citation" in attributes.get("class", "").split()]
    assert len(citations) == 2
    for attributes in citations:
        # Material's tooltip inserts the title as HTML, so its markup characters stay escaped once more.
        assert 'Hello &lt;script>alert(1)&lt;/script> & "friends"' in attributes["title"]
        assert attributes["href"] == "references/evil2020script/"
    raw = (escaping_site / "index.html").read_text(encoding="utf-8")
    assert 'title="Mallory, E., &amp; O&#x27;Brien, T. (2020). Hello &amp;lt;script&gt;alert(1)&amp;lt;/script&gt; &amp; &quot;friends&quot;' in raw


@pytest.mark.browser
def test_in_the_browser_the_title_is_text_and_nothing_runs(escaping_site, browser):
    from support.server import serve_directory

    with serve_directory(escaping_site) as url:
        context = browser.new_context()
        try:
            page = context.new_page()
            dialogs = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            for path in ("", "references/", "references/evil2020script/"):
                page.goto(url + path, wait_until="load")
                assert page.evaluate("document.querySelectorAll('article script, article b').length") == 0
            assert page.locator("h1").first.text_content() == TITLE
            page.goto(url, wait_until="load")
            page.locator("a.citation").first.hover()
            tooltip = page.locator(".md-tooltip2--active")
            tooltip.wait_for(state="visible")
            assert TITLE in tooltip.text_content()
            assert tooltip.locator("script, b, x").count() == 0
            assert dialogs == []
        finally:
            context.close()
