"""One crawl of every built page in Chromium, shared by the browser guard tests."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest

from support.browser import axe_violations, install_axe, launch_chromium, new_watched_context, watch_console
from support.sitebuild import built_pages, page_url_path

# axe-core takes a second or more per page on this 2-core machine; two browsers halve the crawl.
CRAWL_WORKERS = 2


@dataclass
class PageVisit:
    path: str
    status: int | None
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)


def _visit_pages(paths: list[str], site_url: str, color_scheme: str) -> list[PageVisit]:
    # The sync API belongs to one thread, so each crawler thread drives its own Chromium.
    from playwright.sync_api import TimeoutError as PlaywrightTimeout, sync_playwright

    visits = []
    with sync_playwright() as playwright:
        # Recorded, not routed: with the HTTP cache on, each page compiles only what it adds (new_watched_context).
        browser = launch_chromium(playwright, local_only=True)
        context, network = new_watched_context(browser, color_scheme=color_scheme)
        install_axe(context)
        page = context.new_page()
        # Heavy pages (Python, the course pack) can take longer than Playwright's 30 s to load on a busy machine.
        page.set_default_timeout(90_000)
        console = watch_console(page)
        try:
            for path in paths:
                network.blocked.clear()
                console.errors.clear()
                response = page.goto(site_url + path, wait_until="load")
                # Late requests (fonts, workers, fetches) start after `load`: wait until the network has been
                # quiet for 500 ms (Playwright's networkidle), so that any of them has been made and recorded.
                # A page that boots Python keeps fetching its own (local) files for a while on a loaded machine;
                # after 15 s every request it has started is recorded, which is all this guard needs.
                try:
                    page.wait_for_load_state("networkidle", timeout=15_000)
                except PlaywrightTimeout:
                    pass
                visit = PageVisit(path or "/", response.status if response else None)
                visit.violations = axe_violations(page)
                visit.blocked = list(network.blocked)
                visit.errors = list(console.errors)
                visits.append(visit)
        finally:
            browser.close()
    return visits


def visit_every_page(site_dir, site_url, *, color_scheme="light") -> list[PageVisit]:
    paths = [page_url_path(site_dir, built) for built in built_pages(site_dir)]
    shares = [paths[worker::CRAWL_WORKERS] for worker in range(CRAWL_WORKERS)]
    with ThreadPoolExecutor(CRAWL_WORKERS) as pool:
        results = pool.map(lambda share: _visit_pages(share, site_url, color_scheme), shares)
    return sorted((visit for share in results for visit in share), key=lambda visit: visit.path)


@pytest.fixture(scope="session")
def page_visits(site_dir, site_url):
    return visit_every_page(site_dir, site_url)
