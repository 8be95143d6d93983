"""Material's instant navigation in tests: serve the sitemap for the test server, and know when it is on.

Material takes over only links listed in sitemap.xml, whose addresses carry the build's site_url
(port 8000); the test server runs on another port, so the sitemap is served with this server's address,
as a deployment built with its own SITE_URL would have it. Until Material has read the sitemap, a click
loads the next page in full, so a test waits for that before it clicks.
"""

from __future__ import annotations

from io import BytesIO

from support.server import QuietHandler

BUILD_SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url, used by the session build

# Material parses the sitemap with DOMParser and, in the same synchronous step, starts taking over links.
_MARK_SITEMAP_READ = """(() => {
  const parse = DOMParser.prototype.parseFromString;
  DOMParser.prototype.parseFromString = function (text, type) {
    const parsed = parse.call(this, text, type);
    if (type === "text/xml" && parsed.querySelector("urlset")) window.__atlasSitemapRead = true;
    return parsed;
  };
})();"""


def enable_instant_navigation(page, base_url: str) -> None:
    """Call before the first page is opened."""

    def rewrite(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(BUILD_SITE_URL, base_url))

    page.route("**/sitemap.xml", rewrite)
    mark_sitemap_read(page)


def wait_for_instant_navigation(page, timeout: float = 30_000) -> None:
    """Wait until a click on a link of the site will swap the page in place instead of loading it."""
    page.wait_for_function("() => window.__atlasSitemapRead === true", timeout=timeout)


class SitemapHandler(QuietHandler):
    """Serves the site with a sitemap that names this server, so that instant navigation needs no route.

    A route would do it too, but Playwright turns the HTTP cache off in a page or context with a route.
    """

    def send_head(self):
        if self.path.split("?")[0] != "/sitemap.xml":
            return super().send_head()
        own = f"http://127.0.0.1:{self.server.server_address[1]}/"
        with open(self.translate_path("/sitemap.xml"), encoding="utf-8") as sitemap:
            data = sitemap.read().replace(BUILD_SITE_URL, own).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return BytesIO(data)


def mark_sitemap_read(context_or_page) -> None:
    """Set `window.__atlasSitemapRead` once Material has read the sitemap (see `wait_for_instant_navigation`)."""
    context_or_page.add_init_script(_MARK_SITEMAP_READ)


# Counts the pages Material has put in place (document$ emits once for each), on the first call from 1.
_COUNT_PAGES = """() => {
  if (window.__atlasPages === undefined) {
    window.__atlasPages = 0;
    document$.subscribe(() => { window.__atlasPages += 1; });
  }
  return window.__atlasPages;
}"""

_FOLLOW_LINK = """href => {
  const link = document.createElement("a");
  link.href = href;
  document.body.append(link);
  link.click();
  link.remove();
}"""


def count_pages(page) -> int:
    """How many pages Material has put in place in this document; the first call starts counting."""
    return page.evaluate(_COUNT_PAGES)


def click_link(page, url: str) -> int:
    """Click a link to `url`, and return what `wait_for_swap` needs to know when the page has been swapped in.

    Material changes the address at once, and swaps the page in once it has fetched it.
    """
    before = count_pages(page)
    page.evaluate(_FOLLOW_LINK, url)
    return before


def wait_for_swap(page, path: str, before: int, timeout: float = 15_000) -> None:
    """Wait until the page at `path` (relative to the site) has been swapped in after `click_link`."""
    wanted = "/" + path.split("?")[0]
    page.wait_for_function(
        "([before, wanted]) => window.__atlasPages > before && location.pathname.endsWith(wanted)",
        arg=[before, wanted], timeout=timeout,
    )
