"""One crawl of every built page in Chromium (the `page_visits` fixture of tests/built_site)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from support.browser import axe_violations, install_axe, launch_chromium, new_watched_context, watch_console
from support.instant import SitemapHandler, click_link, mark_sitemap_read, wait_for_instant_navigation, wait_for_swap
from support.server import serve_directory
from support.sitebuild import built_pages, page_url_path

# axe-core takes a second or more per page on this 2-core machine; two browsers halve the crawl.
CRAWL_WORKERS = 2

# Pages a hook makes from one template, one page per entry. After loading the first of a kind in full, a crawler
# reaches the next ones by Material's instant navigation, as a reader going down the list does: each page's own
# content is checked as fully as a loaded one, and the browser does not evaluate the same scripts and styles again
# (on this machine, 25.8 s of CPU instead of 54.8 s for 40 reference pages). Written pages are all loaded in full.
ONE_TEMPLATE = ("references/", "reading-lists/")


@dataclass
class PageVisit:
    path: str
    status: int | None
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    swapped_in: bool = False


def template_of(path: str) -> str | None:
    """The kind of a page made from one template ("references/" for "references/bordin1979/"), else None."""
    return next((kind for kind in ONE_TEMPLATE if path.startswith(kind) and path != kind), None)


def _visit_pages(paths: list[str], site_url: str, color_scheme: str) -> list[PageVisit]:
    # The sync API belongs to one thread, so each crawler thread drives its own Chromium.
    from playwright.sync_api import sync_playwright

    visits = []
    with sync_playwright() as playwright:
        # Recorded, not routed: with the HTTP cache on, each page compiles only what it adds (new_watched_context).
        browser = launch_chromium(playwright, local_only=True)
        context, network = new_watched_context(browser, color_scheme=color_scheme)
        install_axe(context)
        mark_sitemap_read(context)
        page = context.new_page()
        # Heavy pages (Python, the course pack) can take longer than Playwright's 30 s to load on a busy machine.
        page.set_default_timeout(90_000)
        console = watch_console(page)
        previous = None
        try:
            for path in paths:
                network.blocked.clear()
                console.errors.clear()
                template = template_of(path)
                swapped_in = template is not None and template == previous
                if swapped_in:
                    wait_for_instant_navigation(page, timeout=90_000)
                    with page.expect_response(site_url + path) as response:
                        before = click_link(page, site_url + path)
                    wait_for_swap(page, path, before, timeout=90_000)
                    status = response.value.status
                else:
                    loaded = page.goto(site_url + path, wait_until="load")
                    status = loaded.status if loaded else None
                previous = template
                # Late requests (fonts, workers, fetches) start after `load` or the swap: wait until the network
                # has been quiet for 500 ms, so that any of them has been made and recorded. A page that boots
                # Python keeps fetching its own (local) files for a while on a loaded machine; after 15 s every
                # request it has started is recorded, which is all this guard needs.
                network.wait_until_quiet(page, timeout=15)
                visit = PageVisit(path or "/", status, swapped_in=swapped_in)
                visit.violations = axe_violations(page)
                visit.blocked = list(network.blocked)
                visit.errors = list(console.errors)
                visits.append(visit)
        finally:
            browser.close()
    return visits


def visit_every_page(site_dir, *, color_scheme="light") -> list[PageVisit]:
    """Visit every built page; the crawl has a server of its own, whose sitemap names it (SitemapHandler)."""
    paths = [page_url_path(site_dir, built) for built in built_pages(site_dir)]
    shares = [paths[worker::CRAWL_WORKERS] for worker in range(CRAWL_WORKERS)]
    with serve_directory(site_dir, handler=SitemapHandler) as site_url, ThreadPoolExecutor(CRAWL_WORKERS) as pool:
        results = pool.map(lambda share: _visit_pages(share, site_url, color_scheme), shares)
        visits = [visit for share in results for visit in share]
    return sorted(visits, key=lambda visit: visit.path)
