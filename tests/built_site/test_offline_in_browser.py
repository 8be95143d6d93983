"""Offline after one visit: the Workbox service worker, the offline page and the "Save" control, in Chromium.

Each test opens the site once online in a fresh context that allows service workers, waits until the worker
controls the page, then takes the context offline (`context.set_offline`). The server is this module's own,
so that a test can point it at a second build (a deployment of new content at the same address).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from alliance_atlas.build.service_worker import MANIFEST, SAVE_LIST, SERVICE_WORKER, generate, nav_page_files
from support.browser import axe_violations, new_recorded_context, watch_console
from support.server import serve_switchable
from support.sitebuild import REPO_ROOT

pytestmark = pytest.mark.browser

READY_TIMEOUT = 90_000  # Pyodide boots in seconds; a loaded 2-core machine may need more
VISITED = "references/safran1996resolution/"
UNVISITED = "references/bordin1979generalizability/"


@pytest.fixture(scope="module")
def server(site_dir):
    with serve_switchable(site_dir) as running:
        yield running
        running.root = site_dir


@pytest.fixture
def offline_page(browser, server):
    context, network = new_recorded_context(browser, service_workers="allow")
    page = context.new_page()
    console = watch_console(page)
    yield page, network, console, server
    context.close()


def _controlled(page, url):
    """Open `url` and wait until the service worker controls it (so the precache is complete)."""
    page.goto(url)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)


def _wait_cached(page, url):
    # The worker writes a visited page to its cache just after answering with it.
    page.wait_for_function(
        "url => caches.match(url).then(hit => Boolean(hit))", arg=url, timeout=15_000, polling=200,
    )


def _save_list(page, server):
    return page.evaluate("url => fetch(url).then(r => r.json())", server.url + SAVE_LIST)


def _wait_widget_ready(page, selector):
    page.wait_for_function(
        "sel => { const w = document.querySelector(sel); return w && w.dataset.state === 'ready' && !w.dataset.busy; }",
        arg=selector, timeout=READY_TIMEOUT,
    )


def test_offline_visited_pages_reload_and_an_unvisited_page_shows_the_offline_page(offline_page):
    page, network, console, server = offline_page
    _controlled(page, server.url)
    page.goto(server.url + VISITED)
    _wait_cached(page, server.url + VISITED)
    page.context.set_offline(True)

    page.reload()
    assert "resolution of ruptures" in page.inner_text("h1").lower()
    # A page in the navigation is precached, visited or not; its query string is ignored.
    page.goto(server.url + "theory/?list=a,b")
    assert page.inner_text("h1").strip()
    page.goto(server.url + UNVISITED)
    assert page.url.startswith(server.url + "about/offline/")
    notice = page.locator("[data-atlas-offline-from]")
    notice.wait_for(state="visible")
    assert notice.locator("a").inner_text() == "/" + UNVISITED
    assert page.locator("[data-atlas-open-search]").is_visible()
    assert axe_violations(page) == []
    assert network.blocked == []
    # Offline, the worker's failed network attempts are logged by Chromium; nothing else may be.
    assert [e for e in console.errors if "ERR_INTERNET_DISCONNECTED" not in e] == []


def test_offline_search_finds_pages(offline_page):
    page, network, _, server = offline_page
    _controlled(page, server.url)
    page.context.set_offline(True)
    page.goto(server.url + "glossary/")
    page.fill("[data-md-component=search-query]", "Bordin")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=30_000)
    assert results.count() > 0
    assert "bordin" in results.first.inner_text().lower()
    assert network.blocked == []


def test_offline_the_explorer_and_the_analyser_work_once_python_has_loaded(offline_page):
    page, network, _, server = offline_page
    _controlled(page, server.url + "explorer/")
    _wait_widget_ready(page, "#atlas-explorer-1")
    vendor_cache = _save_list(page, server)["vendorCache"]
    page.wait_for_function(
        """name => caches.open(name).then(c => c.keys())
             .then(keys => keys.some(r => r.url.endsWith('/pyodide.asm.wasm')))""",
        arg=vendor_cache, timeout=30_000, polling=250,
    )
    page.context.set_offline(True)

    page.goto(server.url + "explorer/analyse/")
    widget = "#atlas-analyser-1"
    _wait_widget_ready(page, widget)
    page.fill(f"{widget}-input", "5.1 5.3 5.2 3.1 4.2 5.0 5.2 5.3")
    page.click(f"{widget} [data-atlas-action='analyse']")
    page.wait_for_function(
        "sel => document.querySelector(sel).innerText.includes('Across 8 sessions')",
        arg=f"{widget}-description", timeout=30_000,
    )

    # A fresh load of the explorer, with a preset in its address, starts Python again from the caches.
    page.goto(server.url + "explorer/?preset=v-rupture")
    _wait_widget_ready(page, "#atlas-explorer-1")
    page.fill("#atlas-explorer-1-sessions", "22")
    page.wait_for_function(
        "() => document.querySelectorAll('#atlas-explorer-1 [data-atlas-table] tr').length === 22", timeout=30_000,
    )
    assert network.blocked == []


def test_the_save_control_caches_every_page_and_says_how_much_space(offline_page):
    page, network, _, server = offline_page
    _controlled(page, server.url + "about/offline/")
    control = page.locator("[data-atlas-offline-save]")
    button = control.locator("button")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('[data-atlas-offline-save]').dataset.atlasOfflineSaved !== undefined",
        timeout=240_000,
    )
    pages = _save_list(page, server)["pages"]
    status = control.locator("[data-atlas-offline-status]").inner_text()
    assert f"Saved all {len(pages)} pages" in status
    assert re.search(r"about [\d.,]+ MB on this device", status)
    assert axe_violations(page) == []

    page.context.set_offline(True)
    page.goto(server.url + UNVISITED)
    assert page.url == server.url + UNVISITED
    assert "generalizability" in page.inner_text("h1").lower()
    # Nothing from another origin and no address with a query string was stored.
    stored = page.evaluate(
        """async () => {
            const urls = [];
            for (const name of await caches.keys()) {
                for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
            }
            return urls;
        }"""
    )
    assert stored and all(url.startswith(server.url) for url in stored)
    assert [url for url in stored if "?" in url and "__WB_REVISION__" not in url] == []
    assert network.blocked == []


def _rebuild(site_dir: Path, target: Path, page: str, marker: str) -> str:
    """A second build at `target`: the first one with `page` changed, and the offline layer generated again."""
    shutil.copytree(site_dir, target, copy_function=os.link)
    # Hard links share the first build's files, so every file that changes is replaced, never written in place.
    changed = target / page / "index.html"
    text = changed.read_text(encoding="utf-8")
    changed.unlink()
    changed.write_text(text.replace("</h1>", f"</h1>\n<p id=\"atlas-rebuilt\">{marker}</p>", 1), encoding="utf-8")
    for generated in [target / SERVICE_WORKER, target / MANIFEST, target / SAVE_LIST]:
        generated.unlink()
    (target / MANIFEST).write_text((site_dir / MANIFEST).read_text(encoding="utf-8"), encoding="utf-8")
    from mkdocs.config import load_config

    nav = load_config(str(REPO_ROOT / "mkdocs.yml"))["nav"]
    return generate(target, REPO_ROOT / "node_modules", nav_page_files(nav)).build_id


def test_after_a_rebuild_the_new_content_is_served_and_old_caches_go(offline_page, site_dir, tmp_path):
    page, network, _, server = offline_page
    _controlled(page, server.url + "theory/")
    page.goto(server.url + VISITED)
    _wait_cached(page, server.url + VISITED)
    old = _save_list(page, server)
    assert f"atlas-pages-{old['build']}" in page.evaluate("caches.keys()")

    new_build = _rebuild(site_dir, tmp_path / "site-2", "theory", "Rebuilt for the test")
    assert new_build != old["build"]
    server.root = tmp_path / "site-2"
    # The new worker installs (precaching what changed), takes over at once (skipWaiting, clientsClaim) and
    # answers from the new precache. The listener is in place before the update check that finds it.
    assert page.evaluate(
        """() => new Promise(resolve => {
            navigator.serviceWorker.addEventListener("controllerchange", () => resolve(true), {once: true});
            navigator.serviceWorker.getRegistration().then(r => r.update());
        })"""
    )
    assert _save_list(page, server)["build"] == new_build
    page.goto(server.url + "theory/")
    assert page.inner_text("#atlas-rebuilt") == "Rebuilt for the test"
    page.goto(server.url + VISITED)
    _wait_cached(page, server.url + VISITED)
    page.wait_for_function(
        "old => caches.keys().then(names => !names.includes(old))", arg=f"atlas-pages-{old['build']}", timeout=15_000,
    )

    page.context.set_offline(True)
    page.goto(server.url + "theory/")
    assert page.inner_text("#atlas-rebuilt") == "Rebuilt for the test"
    page.goto(server.url + VISITED)
    assert "resolution of ruptures" in page.inner_text("h1").lower()
    assert network.blocked == []

