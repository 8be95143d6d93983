"""Material's instant navigation in tests: serve the sitemap for the test server, and know when it is on.

Material takes over only links listed in sitemap.xml, whose addresses carry the build's site_url
(port 8000); the test server runs on another port, so the sitemap is served with this server's address,
as a deployment built with its own SITE_URL would have it. Until Material has read the sitemap, a click
loads the next page in full, so a test waits for that before it clicks.
"""

from __future__ import annotations

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
    page.add_init_script(_MARK_SITEMAP_READ)


def wait_for_instant_navigation(page, timeout: float = 30_000) -> None:
    """Wait until a click on a link of the site will swap the page in place instead of loading it."""
    page.wait_for_function("() => window.__atlasSitemapRead === true", timeout=timeout)
