"""One crawl of every built page in Chromium, shared by the browser guard tests."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from support.browser import axe_violations, new_recorded_context, watch_console
from support.sitebuild import built_pages, page_url_path


@dataclass
class PageVisit:
    path: str
    status: int | None
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)


def visit_every_page(browser, site_dir, site_url, *, color_scheme="light") -> list[PageVisit]:
    context, network = new_recorded_context(browser, color_scheme=color_scheme)
    page = context.new_page()
    console = watch_console(page)
    visits = []
    try:
        for built in built_pages(site_dir):
            path = page_url_path(site_dir, built)
            network.blocked.clear()
            console.errors.clear()
            response = page.goto(site_url + path, wait_until="load")
            # Late requests (fonts, workers, fetches) start after `load`; give them a moment to show.
            page.wait_for_timeout(250)
            visit = PageVisit(path or "/", response.status if response else None)
            visit.violations = axe_violations(page)
            visit.blocked = list(network.blocked)
            visit.errors = list(console.errors)
            visits.append(visit)
    finally:
        context.close()
    return visits


@pytest.fixture(scope="session")
def page_visits(browser, site_dir, site_url):
    return visit_every_page(browser, site_dir, site_url)
