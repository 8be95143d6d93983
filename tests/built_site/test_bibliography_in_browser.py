"""The bibliography in Chromium: citation tooltips, copy buttons and the references filter."""

from __future__ import annotations

import pytest

from alliance_atlas.bibliography.exports import to_bibtex
from support.bib import formatter_for
from alliance_atlas.bibliography.parse import load_bibliography
from support.htmlscan import scan_file
from support.sitebuild import REPO_ROOT, built_pages, page_url_path

pytestmark = pytest.mark.browser

ACTIVE_TOOLTIP = ".md-tooltip2--active"


@pytest.fixture(scope="module")
def bibliography():
    return load_bibliography(REPO_ROOT / "bibliography" / "alliance.bib")


@pytest.fixture(scope="module")
def citing_page(site_dir):
    """The URL path of the first content page that cites, and the key of its first citation."""
    for page in built_pages(site_dir):
        path = page_url_path(site_dir, page)
        if path.startswith("references/"):
            continue
        for tag, attributes in scan_file(page).tags:
            if tag == "a" and "citation" in attributes.get("class", "").split():
                return path, attributes["data-key"]
    pytest.fail("no page of the site cites anything")


def _with_clipboard(site_page):
    site_page.page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_page.base_url.rstrip("/"))


def _tooltip_showing(page, expected: str):
    # Tabbing past a heading's permalink leaves its tooltip fading out for a moment, so wait
    # for the tooltip that carries this reference rather than whichever tooltip is active.
    tooltip = page.locator(ACTIVE_TOOLTIP).filter(has_text=expected[:60]).first
    tooltip.wait_for(state="visible")
    return tooltip


def test_hovering_a_citation_shows_its_apa_reference(site_page, citing_page, bibliography):
    path, key = citing_page
    page = site_page.open(path, wait_until="load")
    citation = page.locator(f'a.citation[data-key="{key}"]').first
    citation.hover()
    expected = formatter_for(bibliography).reference(bibliography[key], "apa", "text")
    tooltip = _tooltip_showing(page, expected)
    assert tooltip.text_content().strip() == expected
    assert site_page.console.errors == []


def test_focusing_a_citation_by_keyboard_shows_its_apa_reference(site_page, citing_page, bibliography):
    path, key = citing_page
    page = site_page.open(path, wait_until="load")
    page.locator("body").click(position={"x": 1, "y": 200})
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.citation')"):
            break
    else:
        pytest.fail("Tab never reached a citation")
    focused_key = page.evaluate("document.activeElement.dataset.key")
    expected = formatter_for(bibliography).reference(bibliography[focused_key], "apa", "text")
    tooltip = _tooltip_showing(page, expected)
    assert tooltip.text_content().strip() == expected
    # Material links the tooltip to the citation for screen readers while it shows.
    described_by = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    assert described_by and page.locator(f"#{described_by}").count() == 1


def test_copy_buttons_put_each_style_on_the_clipboard(site_page, bibliography):
    reference = bibliography["safran1996resolution"]
    _with_clipboard(site_page)
    page = site_page.open(f"references/{reference.key}/", wait_until="load")
    expected = {
        "Copy APA": formatter_for(bibliography).reference(reference, "apa", "text"),
        "Copy Chicago": formatter_for(bibliography).reference(reference, "chicago", "text"),
        "Copy Vancouver": formatter_for(bibliography).reference(reference, "vancouver", "text"),
        "Copy Harvard": formatter_for(bibliography).reference(reference, "harvard", "text"),
        "Copy BibTeX": to_bibtex([reference]).strip() + "\n",
    }
    status = page.locator("#copy-status")
    for name, text in expected.items():
        page.evaluate("navigator.clipboard.writeText('')")
        page.get_by_role("button", name=name, exact=True).click()
        page.wait_for_function("want => navigator.clipboard.readText().then(t => t === want)", arg=text, timeout=3000)
        page.wait_for_function("() => document.getElementById('copy-status').textContent.startsWith('Copied')")
        assert status.is_visible()
    assert site_page.console.errors == []


def test_a_copy_button_works_from_the_keyboard(site_page, bibliography):
    reference = bibliography["bordin1979generalizability"]
    _with_clipboard(site_page)
    page = site_page.open(f"references/{reference.key}/", wait_until="load")
    page.get_by_role("button", name="Copy Harvard", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_function("want => navigator.clipboard.readText().then(t => t === want)",
                           arg=formatter_for(bibliography).reference(reference, "harvard", "text"), timeout=3000)
    page.wait_for_function("() => document.getElementById('copy-status').textContent === 'Copied Harvard to the clipboard'")


def test_cite_this_page_copies_the_pages_own_citation(site_page, citing_page):
    path, _ = citing_page
    _with_clipboard(site_page)
    page = site_page.open(path, wait_until="load")
    title = page.evaluate("document.querySelector('article h1').textContent.replace('¶', '').trim()")
    page.locator("#cite-this-page ~ .atlas-cite-page").get_by_role("button", name="Copy APA", exact=True).click()
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t.length > 0)")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Alliance Atlas contributors. (")
    assert f"). {title}. Alliance Atlas. " in copied
    assert copied.endswith("/" + path)
    page.wait_for_function("() => document.getElementById('cite-this-page-status').textContent === 'Copied APA to the clipboard'")


def _visible_keys(page):
    return page.evaluate("""() => Array.from(document.querySelectorAll('#atlas-reference-list > li'))
        .filter(li => !li.hidden).map(li => li.id.slice(4))""")


def test_the_filter_narrows_by_topic_evidence_and_year(site_page, bibliography):
    page = site_page.open("references/", wait_until="load")
    status = page.locator("#atlas-filter-status")
    assert len(_visible_keys(page)) == len(bibliography)

    page.get_by_label("Topic").select_option("rupture-repair")
    expected = sorted(reference.key for reference in bibliography.by_topic("rupture-repair"))
    assert sorted(_visible_keys(page)) == expected
    assert status.text_content() == f"Showing {len(expected)} of {len(bibliography)} references."
    assert "topic=rupture-repair" in page.url

    page.get_by_label("Evidence type").select_option("empirical-study")
    expected = sorted(r.key for r in bibliography if "rupture-repair" in r.topics and r.evidence == "empirical-study")
    assert sorted(_visible_keys(page)) == expected

    page.get_by_role("button", name="Show all").click()
    page.get_by_label("From year").fill("2000")
    page.get_by_label("To year").fill("2009")
    expected = sorted(r.key for r in bibliography if 2000 <= r.year <= 2009)
    assert sorted(_visible_keys(page)) == expected
    assert status.text_content() == f"Showing {len(expected)} of {len(bibliography)} references."
    assert status.get_attribute("aria-live") == "polite"
    assert site_page.console.errors == []


def test_the_filter_is_usable_from_the_keyboard(site_page, bibliography):
    page = site_page.open("references/", wait_until="load")
    page.get_by_label("Topic").focus()
    page.keyboard.press("ArrowDown")  # the first topic after "All topics"
    first_topic = page.get_by_label("Topic").input_value()
    assert first_topic
    assert sorted(_visible_keys(page)) == sorted(r.key for r in bibliography.by_topic(first_topic))


def test_the_filter_reads_the_topic_from_the_address(site_page, bibliography):
    page = site_page.open("references/?topic=measurement", wait_until="load")
    assert page.get_by_label("Topic").input_value() == "measurement"
    assert sorted(_visible_keys(page)) == sorted(r.key for r in bibliography.by_topic("measurement"))


def test_a_topic_badge_leads_to_the_filtered_list_through_instant_navigation(site_page, bibliography):
    reference = bibliography["safran1996resolution"]
    page = site_page.open(f"references/{reference.key}/", wait_until="load")
    slug = reference.topics[0]
    page.locator(f'a.atlas-badge--topic[href$="?topic={slug}"]').click()
    page.wait_for_url(f"**/references/?topic={slug}")
    page.wait_for_function("slug => document.getElementById('atlas-filter-topic')?.value === slug", arg=slug)
    assert sorted(_visible_keys(page)) == sorted(r.key for r in bibliography.by_topic(slug))
    assert site_page.console.errors == []
