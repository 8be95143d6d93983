"""Drive Debian's Chromium through Playwright, with every third-party request blocked and recorded."""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from support.sitebuild import REPO_ROOT

CHROMIUM = Path(os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium phones home at start-up, and this machine refuses it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOSTS = {"127.0.0.1"}
LOCAL_SCHEMES = {"data", "blob", "about"}


# Chromium then resolves no host name but this machine's: a request to any other host fails at once, in the browser.
LOCAL_ONLY_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


def launch_chromium(playwright, *, local_only: bool = False):
    """Debian's Chromium, from Playwright or from its `chromium` browser type (a running browser's `browser_type`).

    `local_only` makes it unable to reach other hosts (see `new_watched_context`).
    """
    if not CHROMIUM.exists():
        raise RuntimeError(
            f"Chromium is missing at {CHROMIUM}: run `make test`, which installs it, "
            "or set ATLAS_CHROMIUM to a Chromium binary"
        )
    args = CHROMIUM_ARGS + (LOCAL_ONLY_ARGS if local_only else [])
    browser_type = getattr(playwright, "chromium", playwright)
    return browser_type.launch(executable_path=str(CHROMIUM), args=args, headless=True)


@dataclass
class NetworkLog:
    """What a browser context tried to fetch from anywhere but this machine."""

    blocked: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)

    def record(self, url: str) -> bool:
        """Note a request; True if it stays on this machine."""
        self.requested.append(url)
        parts = urlsplit(url)
        local = parts.scheme in LOCAL_SCHEMES or parts.hostname in LOCAL_HOSTS
        if not local:
            self.blocked.append(url)
        return local

    def handle(self, route):
        if self.record(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")


@dataclass
class ConsoleLog:
    errors: list[str] = field(default_factory=list)

    def on_console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def on_page_error(self, error):
        self.errors.append(f"uncaught: {error}")


def new_recorded_context(browser, *, service_workers: str = "block", **context_options):
    """A fresh context whose requests leave only for 127.0.0.1; the rest are aborted and recorded.

    The site registers a service worker (offline.js). It is blocked here by default, as Playwright advises
    with routes: requests answered from the worker's cache never reach `route`, so a test that fakes or counts
    a response (a missing Python bundle, say) would see the cache instead, and each context would spend the
    machine's two cores precaching the site. Tests of offline use pass `service_workers="allow"`: the worker's
    own fetches still go through `route` (tests/site/test_offline_in_browser.py checks it), so the record of
    third-party requests stays complete.
    """
    context = browser.new_context(service_workers=service_workers, **context_options)
    network = NetworkLog()
    context.route("**/*", network.handle)
    return context, network


class WatchedNetwork(NetworkLog):
    """A NetworkLog fed by request events, which also knows when the network has gone quiet."""

    def __init__(self):
        super().__init__()
        self.in_flight = 0
        self.last_change = time.monotonic()

    def on_request(self, request) -> None:
        self.record(request.url)
        self.in_flight += 1
        self.last_change = time.monotonic()

    def on_done(self, request) -> None:
        self.in_flight -= 1
        self.last_change = time.monotonic()

    def wait_until_quiet(self, page, quiet: float = 0.5, timeout: float = 15.0) -> bool:
        """Wait until no request has been open for `quiet` seconds, as Playwright's "networkidle" does for a load.

        That state belongs to a document, and Material's instant navigation keeps the document: after a swap it
        would hold at once. Returns False if the network is still busy after `timeout` (a page that keeps
        fetching, as Python's start does on a loaded machine); every request started by then is recorded.
        """
        deadline = time.monotonic() + timeout
        while True:
            now = time.monotonic()
            waited = now - self.last_change
            if self.in_flight <= 0 and waited >= quiet:
                return True
            if now >= deadline:
                return False
            # The sync API delivers events only while it waits on the browser: wait there, not in time.sleep.
            page.wait_for_timeout(1000 * min(max(quiet - waited, 0.05), deadline - now))


def new_watched_context(browser, **context_options):
    """A fresh context that records every request without routing any, for a browser launched `local_only`.

    Playwright turns the HTTP cache off in a context with routes, so each page there downloads and compiles every
    script and stylesheet again. A crawl of the whole site needs no fake responses: it only has to know what each
    page asked for, which the request events tell, while the local-only browser keeps the other hosts out of reach.
    Service workers are blocked, as in `new_recorded_context`.
    """
    context = browser.new_context(service_workers="block", **context_options)
    network = WatchedNetwork()
    context.on("request", network.on_request)
    context.on("requestfinished", network.on_done)
    context.on("requestfailed", network.on_done)
    return context, network


def watch_console(page) -> ConsoleLog:
    log = ConsoleLog()
    page.on("console", log.on_console)
    page.on("pageerror", log.on_page_error)
    return log


class SitePage:
    """One browser page on the built site, with its blocked requests and console errors."""

    def __init__(self, page, network, console, base_url):
        self.page = page
        self.network = network
        self.console = console
        self.base_url = base_url

    def open(self, path: str = "", **goto_options):
        self.page.goto(self.base_url + path.lstrip("/"), **goto_options)
        return self.page


@contextmanager
def recorded_site_page(browser, base_url, kind=SitePage):
    """A `kind` of SitePage in a context of its own, closed on leaving; see `new_recorded_context`."""
    context, network = new_recorded_context(browser)
    page = context.new_page()
    try:
        yield kind(page, network, watch_console(page), base_url)
    finally:
        context.close()


def install_axe(context) -> None:
    """Load axe-core into every page of `context` as it starts, rather than sending it to each page afterwards.

    The crawl checks about 270 pages; handing Chromium the 550 KB script once saves sending it 270 times.
    """
    context.add_init_script(path=str(AXE_SCRIPT))


def axe_violations(page) -> list[dict]:
    """Run axe-core from the project's npm copy on the current page (loading it, unless `install_axe` did)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        """async () => {
            // color-contrast measures a fade half-way as a failure (Material's header title changes with a
            // transition after a scroll or a swapped page): let every finite animation end first.
            const running = document.getAnimations().filter(animation => animation.playState === "running" &&
                animation.effect && animation.effect.getComputedTiming().endTime !== Infinity);
            await Promise.all(running.map(animation => animation.finished.catch(() => null)));
            const r = await axe.run(document, {resultTypes: ["violations"]});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}));
        }"""
    )
    return result
