"""MathJax only where there is math, and math typeset after Material's instant navigation too
(the mini-site tests/fixtures/sites/math: a page without math links to one with a formula)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from support.browser import new_recorded_context, watch_console
from support.instant import enable_instant_navigation, wait_for_instant_navigation
from support.server import serve_directory
from support.sitebuild import REPO_ROOT

pytestmark = pytest.mark.browser

MATHJAX = REPO_ROOT / "node_modules" / "mathjax"


@pytest.fixture
def math_site(mini_site):
    built = mini_site("math")
    assert built.ok, built.output[-3000:]
    with serve_directory(built.site_dir) as url:
        yield url


@pytest.fixture
def visit(browser, math_site):
    context, network = new_recorded_context(browser)
    page = context.new_page()
    console = watch_console(page)
    mathjax_requests = []

    # The mini-site vendors nothing (no offline_assets hook): serve the pinned MathJax from node_modules.
    def vendor(route):
        mathjax_requests.append(route.request.url)
        path = route.request.url.split("/assets/vendor/mathjax/", 1)[1].split("?")[0]
        route.fulfill(path=str(MATHJAX / path))

    page.route("**/assets/vendor/mathjax/**", vendor)
    yield SimpleNamespace(page=page, url=math_site, mathjax_requests=mathjax_requests, console=console)
    context.close()


def test_a_page_without_math_loads_no_mathjax(visit):
    visit.page.goto(visit.url, wait_until="networkidle")
    assert visit.page.evaluate("window.AtlasMath === undefined && window.MathJax === undefined")
    assert visit.mathjax_requests == []


def test_math_is_typeset_on_a_page_reached_by_instant_navigation(visit):
    page = visit.page
    enable_instant_navigation(page, visit.url)
    page.goto(visit.url, wait_until="load")
    wait_for_instant_navigation(page)
    page.evaluate("window.atlasSamePage = true")
    page.get_by_role("link", name="the formula").click()
    page.wait_for_url("**/formula/")
    page.wait_for_selector(".arithmatex mjx-container", timeout=60_000)
    assert page.evaluate("window.atlasSamePage === true"), "the link was not followed by instant navigation"
    assert visit.console.errors == []


def test_math_is_typeset_on_a_page_opened_directly(visit):
    page = visit.page
    page.goto(visit.url + "formula/", wait_until="load")
    page.wait_for_selector(".arithmatex mjx-container", timeout=60_000)
    assert visit.console.errors == []
