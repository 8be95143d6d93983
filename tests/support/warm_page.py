"""A browser page that keeps its Python worker from one test to the next, as a reader's tab does.

Starting Pyodide costs about 5 s of CPU on a 2-core machine, whatever the test then does, and most widget tests
need a fresh widget rather than a fresh Python. So the tests of one module share a page: each test enters its
page by Material's instant navigation, as a reader following a link would. That gives it a new document body,
new widgets, a new address, emptied storage and the default window size; only the worker is kept, and every call it answers
(`alliance_atlas.widgets.api`) is a pure function of its arguments.

Tests about start-up, a failing or stopped worker, or anything that changes the window for good (init scripts,
routes) keep a page of their own (`site_page`). A test that changes the window for a while (the print layout, the
emulated media) puts it back in a fixture; the window's size is put back here.
"""

from __future__ import annotations

from support.browser import SitePage
from support.instant import (
    click_link, count_pages, enable_instant_navigation, wait_for_instant_navigation, wait_for_swap,
)

# A light page with no widget, to pass through: Material ignores a link to the address it last went to.
WAYPOINT = "about/"

# A page can be reused when it still has the one worker it started and that worker is ready.
_PYTHON_READY = """() => {
  const python = window.AtlasPython;
  if (!python || python.startCount !== 1 || window.__atlasSitemapRead !== true) return false;
  const state = python.get().state;
  return state.ready && !state.error;
}"""

_FORGET_STORAGE = "() => { localStorage.clear(); sessionStorage.clear(); }"


class WarmSitePage(SitePage):
    """`open(path)` loads the first page in full, and reaches every later one by instant navigation."""

    def __init__(self, page, network, console, base_url):
        super().__init__(page, network, console, base_url)
        self.full_loads = 0
        self.viewport = page.viewport_size
        enable_instant_navigation(page, base_url)

    def start_test(self) -> None:
        """Forget what earlier tests left: their requests, console messages, storage and window size."""
        self.page.set_viewport_size(self.viewport)
        self.network.blocked.clear()
        self.network.requested.clear()
        self.console.errors.clear()
        if self.page.url.startswith(self.base_url):
            self.page.evaluate(_FORGET_STORAGE)

    def open(self, path: str = "", **goto_options):
        """Options such as `wait_until` apply to a full load; a page reached by a link is there once swapped in."""
        path = path.lstrip("/")
        if self.full_loads and self.page.evaluate(_PYTHON_READY):
            if path.split("?")[0] != WAYPOINT:
                self.follow(WAYPOINT)
            self.follow(path)
        else:
            self.full_loads += 1
            self.page.goto(self.base_url + path, **goto_options)
            wait_for_instant_navigation(self.page)
            count_pages(self.page)
        return self.page

    def follow(self, path: str) -> None:
        """Go to `path` as a click on a link would: by instant navigation, keeping the window and its worker."""
        self.arrive(path, self.click_link(path))

    def click_link(self, path: str) -> int:
        """Click a link to `path`, and return what `arrive` needs to know when it has been swapped in.

        Material changes the address at once, and swaps the page in once it has fetched it.
        """
        return click_link(self.page, self.base_url + path)

    def arrive(self, path: str, before: int) -> None:
        wait_for_swap(self.page, path, before)
