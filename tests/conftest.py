"""Session-wide fixtures: the site is built once, served once, and one browser serves every test."""

from __future__ import annotations

import fcntl
import json
import os

import pytest

from support.browser import launch_chromium, recorded_site_page
from support.server import serve_directory
from support.sitebuild import REPO_ROOT, BuildResult, build_site
from support.warm_page import WarmSitePage

MINI_SITES = REPO_ROOT / "tests" / "fixtures" / "sites"


# A test that needs the real site is a build test, and one that needs Chromium a browser test, whether or not its
# module says so: `pytest -m "not browser and not build"` is then the fast loop of unit tests.
_BROWSER_FIXTURES = {"browser", "site_page", "warm_page"}
_BUILD_FIXTURES = {"site_build", "mini_site"}


# The crawl of every page is the longest test by far (minutes); it goes first, so that with two workers the other
# one works through the rest of the suite meanwhile, instead of the crawl starting late and running on alone.
_LONGEST_FIRST = {"page_visits"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & _BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if fixtures & _BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
    # xdist (--dist loadfile) hands out whole files in the order collected: move every test of a file that holds
    # a longest test to the front, keeping the order of everything else.
    first_files = {item.path for item in items if _LONGEST_FIRST & set(getattr(item, "fixturenames", ()))}
    items.sort(key=lambda item: item.path not in first_files)


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """The real site, built once per test session with --strict, however many xdist workers share the session."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return build_site(REPO_ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site")
    # Workers of one run share the parent of their base temporary directories: the first worker to get there
    # builds, and the others wait on the lock, then read its result instead of building the site again.
    shared = tmp_path_factory.getbasetemp().parent
    record = shared / "site-build.json"
    with open(shared / "site-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            built = build_site(REPO_ROOT / "mkdocs.yml", shared / "site")
            record.write_text(json.dumps({"returncode": built.returncode, "output": built.output}), encoding="utf-8")
    saved = json.loads(record.read_text(encoding="utf-8"))
    return BuildResult(saved["returncode"], saved["output"], shared / "site")


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory):
    """``mini_site(name)`` builds ``tests/fixtures/sites/<name>/`` once per module, with --strict."""
    built = {}

    def build(name):
        if name not in built:
            built[name] = build_site(MINI_SITES / name / "mkdocs.yml", tmp_path_factory.mktemp(name) / "site")
        return built[name]

    return build


@pytest.fixture(scope="session")
def site_dir(site_build):
    if not site_build.ok:
        pytest.fail(f"the strict build failed:\n{site_build.output[-4000:]}", pytrace=False)
    return site_build.site_dir


@pytest.fixture(scope="session")
def site_url(site_dir):
    with serve_directory(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def site_page(browser, site_url):
    """A fresh browser page per test; requests to anything but 127.0.0.1 are aborted and recorded."""
    with recorded_site_page(browser, site_url) as page:
        yield page


@pytest.fixture(scope="module")
def _module_warm_page(browser, site_url):
    with recorded_site_page(browser, site_url, WarmSitePage) as page:
        yield page


@pytest.fixture
def warm_page(_module_warm_page):
    """A page that keeps its Python worker across the module's tests; each test enters its page afresh."""
    _module_warm_page.start_test()
    return _module_warm_page
