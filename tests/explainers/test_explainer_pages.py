"""The explainer pages as built: charts drawn in Chromium (on direct load and after instant navigation),
no blocked request, no console error, no axe violation, citations linked, the notebook downloadable."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from support.browser import axe_violations
from support.instant import enable_instant_navigation, wait_for_instant_navigation
from support.htmlscan import scan_file
from support.sitebuild import REPO_ROOT

CHARTS = {"alliance-outcome": 2, "alliance-patterns": 3, "finding-ruptures": 3}
DRAWN = ".vega-embed svg.marks"
FIGURE = ".atlas-chart[data-atlas-chart]"


def _wait_for_charts(page, count):
    """Scroll each chart into view, as a reader would (charts are drawn as they near the viewport), and wait
    until ``count`` charts are drawn and their figures say so: a chart's marks appear while vega-embed is
    still working, a moment before the figure's state becomes 'drawn'."""
    figures = page.locator(FIGURE)
    page.wait_for_function("([selector, count]) => document.querySelectorAll(selector).length === count",
                           arg=[FIGURE, count])
    for index in range(count):
        figures.nth(index).scroll_into_view_if_needed()
        page.wait_for_function("([selector, index]) => document.querySelectorAll(selector)[index].dataset"
                               ".atlasChartState === 'drawn'", arg=[FIGURE, index], timeout=60_000)
    page.wait_for_function(
        """([selector, count]) => document.querySelectorAll(selector).length === count
            && document.querySelectorAll(".atlas-chart[data-atlas-chart-state='drawn']").length === count""",
        arg=[DRAWN, count],
        timeout=60_000,
    )


def _page_url(name):
    """The explainer's address, with any fragment: Material's navigation.tracking writes the section in view into
    the address as the reader (here, the test scrolling charts into view) scrolls."""
    return re.compile(rf".*/explainers/{name}/(#.*)?$")


# ----------------------------------------------------------------------------------------------
# The built HTML
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", CHARTS)
def test_page_holds_its_charts_as_specs_and_their_tables(site_dir, name):
    html = (site_dir / "explainers" / name / "index.html").read_text(encoding="utf-8")
    figures = re.findall(r'<div class="atlas-chart"[^>]*>', html)
    assert len(figures) == CHARTS[name]
    for figure in figures:
        spec = json.loads(unescape(re.search(r'data-atlas-spec="([^"]*)"', figure).group(1)))
        assert spec.get("title") and spec.get("description")
        assert json.loads(unescape(re.search(r'data-atlas-options="([^"]*)"', figure).group(1))) == {"actions": False}
    assert html.count('<details class="atlas-chart__data">') == CHARTS[name]


@pytest.mark.parametrize("name", CHARTS)
def test_citations_link_to_reference_pages_and_the_page_ends_with_its_references(site_dir, name):
    page = site_dir / "explainers" / name / "index.html"
    scanned = scan_file(page)
    citations = [a for tag, a in scanned.tags if tag == "a" and "citation" in a.get("class", "").split()]
    assert len(citations) >= 3
    for attributes in citations:
        key = attributes["data-key"]
        assert attributes["href"] == f"../../references/{key}/"
        assert attributes["title"].strip()
        assert (site_dir / "references" / key / "index.html").is_file()
    html = page.read_text(encoding="utf-8")
    assert "[@" not in re.sub(r"<pre.*?</pre>|<code.*?</code>", "", html, flags=re.DOTALL)
    references = html[html.index('id="references"'):]
    listed = re.findall(r'<li id="ref-([^"]+)"', references)
    assert sorted(listed) == sorted({a["data-key"] for a in citations})
    # Nothing of the notebook follows its references.
    assert "jp-Cell" not in references


def test_reference_pages_list_the_explainers_that_cite_them(site_dir):
    html = (site_dir / "references" / "eubanks2018alliance" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../explainers/alliance-outcome/"' in html


@pytest.mark.parametrize("name", CHARTS)
def test_the_download_link_points_at_the_notebook_itself(site_dir, name):
    html = (site_dir / "explainers" / name / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{name}.ipynb" download="{name}.ipynb"' in html
    copied = site_dir / "explainers" / name / f"{name}.ipynb"
    assert copied.read_bytes() == (REPO_ROOT / "docs" / "explainers" / f"{name}.ipynb").read_bytes()


def test_explainers_are_in_the_navigation(site_dir):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    for target in ["explainers/", *[f"explainers/{name}/" for name in CHARTS]]:
        assert f'href="{target}"' in html


# ----------------------------------------------------------------------------------------------
# In Chromium
# ----------------------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_is_drawn_with_no_error_no_blocked_request_and_no_axe_violation(site_page, name):
    page = site_page.open(f"explainers/{name}/", wait_until="load")
    _wait_for_charts(page, CHARTS[name])
    assert page.locator(".atlas-chart[data-atlas-chart-state='drawn']").count() == CHARTS[name]
    # vega-embed's actions menu is off.
    assert page.locator(".vega-embed .vega-actions, .vega-embed details").count() == 0
    assert axe_violations(page) == []
    assert site_page.network.blocked == []
    assert site_page.console.errors == []


@pytest.mark.browser
def test_charts_below_the_fold_wait_until_the_reader_scrolls_to_them(site_page):
    site_page.page.set_viewport_size({"width": 1280, "height": 700})
    page = site_page.open("explainers/finding-ruptures/", wait_until="load")
    page.wait_for_function("() => window.AtlasExplainerCharts !== undefined")
    # The first chart, once on screen, is drawn.
    page.locator(FIGURE).first.scroll_into_view_if_needed()
    page.wait_for_function("selector => document.querySelector(selector).dataset.atlasChartState === 'drawn'",
                           arg=FIGURE, timeout=60_000)
    # A chart far below the viewport (beyond the margin in which drawing starts early) is not even started.
    far = page.evaluate("""selector => [...document.querySelectorAll(selector)].map((figure, index) => [index,
        figure.getBoundingClientRect().top - innerHeight]).filter(([, below]) => below > 600).map(([i]) => i)""",
        FIGURE)
    assert far, "the page has a chart well below the first chart"
    last = far[-1]
    assert page.locator(FIGURE).nth(last).get_attribute("data-atlas-chart-state") is None
    page.locator(FIGURE).nth(last).scroll_into_view_if_needed()
    page.wait_for_function("([selector, i]) => document.querySelectorAll(selector)[i].dataset.atlasChartState"
                           " === 'drawn'", arg=[FIGURE, last], timeout=60_000)
    assert site_page.console.errors == []


@pytest.mark.browser
def test_charts_are_drawn_after_instant_navigation(site_page):
    """Material swaps the page in without running inline scripts; the site-wide script still draws every chart."""
    page = site_page.page
    enable_instant_navigation(page, site_page.base_url)
    site_page.open("explainers/", wait_until="load")
    wait_for_instant_navigation(page)
    page.evaluate("window.atlasSamePage = true")

    page.locator("article a[href$='alliance-outcome.ipynb'], article a[href$='alliance-outcome/']").first.click()
    page.wait_for_url(_page_url("alliance-outcome"))
    _wait_for_charts(page, CHARTS["alliance-outcome"])
    assert page.evaluate("window.atlasSamePage === true"), "the link was not followed by instant navigation"

    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(_page_url("alliance-patterns"))
    _wait_for_charts(page, CHARTS["alliance-patterns"])
    page.go_back()
    page.wait_for_url(_page_url("alliance-outcome"))
    _wait_for_charts(page, CHARTS["alliance-outcome"])
    assert page.evaluate("window.atlasSamePage === true")
    assert site_page.network.blocked == []
    assert site_page.console.errors == []


@pytest.mark.browser
def test_the_slider_changes_the_binomial_effect_size_display(site_page):
    page = site_page.open("explainers/alliance-outcome/", wait_until="load")
    _wait_for_charts(page, CHARTS["alliance-outcome"])
    slider = page.locator(".vega-bindings input[type='range']")
    assert slider.count() == 1
    assert page.get_by_label(re.compile("Correlation r between alliance and outcome")).count() == 1
    labels = page.locator(DRAWN).nth(1).locator("text")
    assert "63.9" in labels.all_text_contents() or "64.0" in labels.all_text_contents()
    slider.evaluate("el => { el.value = '0.5'; el.dispatchEvent(new Event('input', {bubbles: true})); }")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.vega-embed svg.marks text')].some(t => t.textContent === '75.0')"
    )
    texts = " ".join(page.locator(DRAWN).nth(1).locator("text").all_text_contents())
    assert "25.0" in texts
    assert "d = 1.15" in texts  # 2 x 0.5 / sqrt(0.75)
    assert site_page.console.errors == []


@pytest.mark.browser
def test_the_download_link_serves_the_notebook(site_page):
    page = site_page.open("explainers/finding-ruptures/", wait_until="load")
    link = page.locator("a[download='finding-ruptures.ipynb']")
    assert link.is_visible()
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.status == 200
    notebook = json.loads(response.body())
    assert notebook["nbformat"] == 4
    assert notebook["cells"][0]["source"][0].startswith("# Finding ruptures in session data")


@pytest.mark.browser
def test_a_citation_leads_to_its_reference_page(site_page):
    page = site_page.open("explainers/alliance-patterns/", wait_until="load")
    citation = page.locator("a.citation[data-key='stiles2004patterns']").first
    assert "Stiles" in citation.get_attribute("title")
    citation.click()
    page.wait_for_url("**/references/stiles2004patterns/")
    assert page.locator("h1").first.is_visible()
