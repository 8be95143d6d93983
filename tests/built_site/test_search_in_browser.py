"""Search downloads its index only when the reader reaches for it (overrides/partials/javascripts/search-index.html).

Material fetches search/search_index.json, and builds a lunr index from it, as every page loads.
"""

from __future__ import annotations

import pytest

INDEX = "search/search_index.json"
STATE = "() => document.documentElement.getAttribute('data-atlas-search-index')"
QUERY = "[data-md-component=search-query]"
RESULTS = ".md-search-result__item"


def _index_requests(page) -> list[str]:
    requested = []
    page.on("request", lambda request: requested.append(request.url) if request.url.endswith(INDEX) else None)
    return requested


@pytest.mark.parametrize("reach", ["keyboard", "pointer"])
def test_the_index_is_fetched_only_once_the_reader_reaches_for_search(site_page, reach):
    requested = _index_requests(site_page.page)
    page = site_page.open("about/")
    # "held" is set when Material's bundle asks for the index: from then on, a page without the hold has fetched it.
    page.wait_for_function(f"() => ({STATE})() === 'held'")
    assert requested == []

    with page.expect_request(lambda request: request.url.endswith(INDEX)):
        if reach == "keyboard":
            page.keyboard.press("/")  # Material's shortcut, which opens the box and focuses the query
        else:
            page.hover("label.md-header__button[for=__search], .md-search__input >> visible=true")
    page.focus(QUERY)
    page.keyboard.type("Bordin")
    results = page.locator(RESULTS)
    results.first.wait_for()
    assert "bordin" in results.first.inner_text().casefold()
    assert page.evaluate(STATE) == "requested"
    assert len(requested) == 1
    assert site_page.console.errors == []


def test_a_page_opened_from_a_search_result_highlights_the_terms_at_once(site_page):
    requested = _index_requests(site_page.page)
    page = site_page.open("glossary/?h=rupture")
    page.locator("article mark[data-md-highlight]").first.wait_for()
    assert page.evaluate(STATE) == "requested"
    assert len(requested) == 1
    assert site_page.console.errors == []
