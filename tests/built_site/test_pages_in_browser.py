"""Guards (c) and (d): every page loads cleanly in Chromium and axe-core finds no violation."""

import pytest

from support.browser import axe_violations, launch_chromium, new_watched_context
from support.crawl import ONE_TEMPLATE, template_of

pytestmark = pytest.mark.browser


def test_every_page_loads_with_no_blocked_request_and_no_console_error(page_visits):
    assert len(page_visits) >= 2
    assert {visit.path for visit in page_visits} >= {"/", "about/"}
    problems = {
        visit.path: {"status": visit.status, "blocked": visit.blocked, "errors": visit.errors}
        for visit in page_visits
        if visit.status != 200 or visit.blocked or visit.errors
    }
    assert problems == {}


def test_written_pages_are_loaded_in_full_and_each_template_at_least_once(page_visits, site_dir):
    """The crawl swaps in only pages made from one template, after a full load of that template (support/crawl.py)."""
    loaded = {visit.path for visit in page_visits if not visit.swapped_in}
    written = {visit.path for visit in page_visits if template_of(visit.path) is None}
    assert written <= loaded
    assert all(any(template_of(path) == kind for path in loaded) for kind in ONE_TEMPLATE)
    assert any(visit.swapped_in for visit in page_visits)


def test_axe_finds_no_violation_on_any_page(page_visits):
    violations = {visit.path: visit.violations for visit in page_visits if visit.violations}
    assert violations == {}


def test_axe_finds_no_violation_in_dark_mode_on_the_home_page(browser, site_url):
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(site_url, wait_until="load")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert axe_violations(page) == []
    finally:
        context.close()


def test_a_blocked_cdn_request_is_recorded(site_page):
    """The harness itself: a page that reaches for a CDN is caught, not silently served."""
    page = site_page.open("")
    # The aborted request fails in the page: that event is the signal that the harness has handled it.
    with page.expect_event("requestfailed", lambda request: "cdn.jsdelivr.net" in request.url):
        page.evaluate("""() => { const s = document.createElement('script');
            s.src = 'https://cdn.jsdelivr.net/npm/vega@6'; document.head.appendChild(s); }""")
    assert site_page.network.blocked == ["https://cdn.jsdelivr.net/npm/vega@6"]


def test_the_crawl_records_a_third_party_request_from_a_page_or_a_worker_and_it_goes_nowhere(browser, site_url):
    """The crawl's harness: no routes, so each request is known from its event, and the browser reaches no other host."""
    local_only = launch_chromium(browser.browser_type, local_only=True)
    try:
        context, network = new_watched_context(local_only)
        page = context.new_page()
        page.goto(site_url, wait_until="load")
        wanted = ["https://cdn.jsdelivr.net/npm/vega@6", "https://example.org/from-a-worker"]
        failures = []
        page.on("requestfailed", lambda request: failures.append((request.url, request.failure)))
        with (page.expect_event("requestfailed", lambda request: request.url == wanted[0]),
              page.expect_event("requestfailed", lambda request: request.url == wanted[1])):
            page.evaluate("""([page, worker]) => {
                fetch(page).catch(() => null);
                const code = `fetch(${JSON.stringify(worker)}).catch(() => null)`;
                new Worker(URL.createObjectURL(new Blob([code], {type: "text/javascript"})));
            }""", wanted)
        assert sorted(network.blocked) == wanted
        assert {url for url, _ in failures} == set(wanted)
        assert all("ERR_NAME_NOT_RESOLVED" in failure for _, failure in failures)
    finally:
        local_only.close()
