"""The trajectory explorer and the analyser, driven in Chromium on the built site."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from support.browser import LOCAL_HOSTS, LOCAL_SCHEMES, axe_violations
from support.instant import enable_instant_navigation, wait_for_instant_navigation

pytestmark = pytest.mark.browser

READY_TIMEOUT = 60_000  # Pyodide boots in a few seconds; a loaded CI machine may need more
EXPLORER = "explorer/"
ANALYSER = "explorer/analyse/"
EMBEDDED = "rupture-repair/"  # a reading page with an explorer far below the first screen
# Starting Python: the worker's script, or the Pyodide core it loads.
_PYTHON_FILES = ("/python-worker.js", "/vendor/pyodide/")


def _wait_ready(page, selector):
    page.wait_for_function(
        "sel => { const w = document.querySelector(sel); return w && w.dataset.state === 'ready' && !w.dataset.busy; }",
        arg=selector, timeout=READY_TIMEOUT,
    )


def _renders(page, widget):
    return page.evaluate(
        "sel => Number(document.querySelector(sel + ' [data-atlas-widget-chart]').dataset.atlasRenders || 0)", widget
    )


def _wait_rendered_after(page, widget, before):
    page.wait_for_function(
        "([sel, n]) => Number(document.querySelector(sel + ' [data-atlas-widget-chart]').dataset.atlasRenders || 0) > n",
        arg=[widget, before], timeout=15_000,
    )


def _chart_svg(page, widget):
    return page.inner_html(f"{widget} [data-atlas-widget-chart] svg")


def _analyse(page, text, *, csv=False):
    widget = "#atlas-analyser-1"
    if csv:
        page.check(f"{widget}-mode-csv")
    page.fill(f"{widget}-input", text)
    before = _renders(page, widget)
    page.click(f"{widget} [data-atlas-action='analyse']")
    return before


@pytest.fixture
def dialogs(warm_page):
    seen = []

    def on_dialog(dialog):
        seen.append(dialog.message)
        dialog.dismiss()

    warm_page.page.on("dialog", on_dialog)
    yield seen
    warm_page.page.remove_listener("dialog", on_dialog)  # the page outlives this test


# ------------------------------------------------------------------------------------------
# Explorer

def test_the_build_time_chart_shows_before_python_is_ready(site_page):
    page = site_page.open(EXPLORER, wait_until="commit")
    page.wait_for_selector("#atlas-explorer-1 [data-atlas-widget-chart] svg", timeout=15_000)
    assert page.get_attribute("#atlas-explorer-1", "data-state") in ("static", "loading")
    assert "rupture was found at session 6" in page.inner_text("#atlas-explorer-1-description")


@pytest.mark.parametrize("path", [EXPLORER, ANALYSER])
def test_without_javascript_the_chart_its_description_and_table_are_there(browser, site_url, path):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + path)
        svg = page.locator("[data-atlas-widget-chart] svg[data-atlas-static]")
        assert svg.count() == 1 and svg.is_visible()
        assert svg.get_attribute("role") == "img"
        assert svg.get_attribute("aria-label").startswith("Line chart of alliance score by session")
        assert page.locator(".atlas-chart__description").inner_text().startswith("Across")
        assert page.locator(".atlas-data-table tbody tr").count() >= 12
    finally:
        context.close()


def _set_up_and_settled(page, widget):
    """The widget's script has run, and two frames have passed, so its IntersectionObserver has reported."""
    page.wait_for_function("sel => document.querySelector(sel).dataset.atlasInit === '1'", arg=widget, timeout=15_000)
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


def _python_requests(site_page):
    return [url for url in site_page.network.requested if any(part in url for part in _PYTHON_FILES)]


def test_an_embedded_widget_starts_python_only_when_scrolled_near(site_page):
    page = site_page.open(EMBEDDED)
    widget = "#atlas-explorer-1"
    _set_up_and_settled(page, widget)
    assert page.evaluate("sel => document.querySelector(sel).getBoundingClientRect().top > 2 * innerHeight", widget)
    assert page.evaluate("() => window.AtlasPython.startCount") == 0
    assert page.get_attribute(widget, "data-state") == "static"
    assert "Starts when you scroll to it or use it" in page.inner_text(f"{widget}-stage")
    assert _python_requests(site_page) == []
    assert page.is_visible(f"{widget} [data-atlas-widget-chart] svg[data-atlas-static]")

    page.locator(widget).scroll_into_view_if_needed()
    _wait_ready(page, widget)
    assert page.evaluate("() => window.AtlasPython.startCount") == 1
    assert _python_requests(site_page)
    assert site_page.console.errors == []


def test_an_embedded_widget_starts_python_when_the_reader_focuses_a_control(site_page):
    page = site_page.open(EMBEDDED)
    widget = "#atlas-explorer-1"
    _set_up_and_settled(page, widget)
    assert page.evaluate("() => window.AtlasPython.startCount") == 0
    # Focus without scrolling (as a keyboard user tabbing in would, before the page scrolls): the touch alone starts it.
    page.evaluate("sel => document.querySelector(sel).focus({ preventScroll: true })", f"{widget}-sessions")
    page.wait_for_function("sel => document.querySelector(sel).dataset.state !== 'static'", arg=widget, timeout=15_000)
    assert page.evaluate("() => window.AtlasPython.startCount") == 1
    _wait_ready(page, widget)
    assert page.evaluate("sel => document.querySelector(sel).getBoundingClientRect().top > 2 * innerHeight", widget)
    before = _renders(page, widget)
    page.fill(f"{widget}-sessions", "21")
    _wait_rendered_after(page, widget, before)
    assert page.locator(f"{widget} [data-atlas-table] tr").count() == 21


def test_a_slider_redraws_the_chart_and_records_the_setting_in_the_url(warm_page):
    page = warm_page.open(EXPLORER)
    widget = "#atlas-explorer-1"
    _wait_ready(page, widget)
    # Ready and not busy: the first live chart has been drawn in place of the build-time one.
    _wait_rendered_after(page, widget, 0)
    before_svg = _chart_svg(page, widget)
    before = _renders(page, widget)
    page.fill(f"{widget}-sessions", "22")
    _wait_rendered_after(page, widget, before)
    assert page.input_value(f"{widget}-sessions-number") == "22"
    assert _chart_svg(page, widget) != before_svg
    assert page.locator(f"{widget} [data-atlas-table] tr").count() == 22
    page.wait_for_function("() => new URLSearchParams(location.search).get('sessions') === '22'", timeout=5_000)
    assert parse_qs(urlsplit(page.url).query)["preset"] == ["v-rupture"]
    assert "Across 22 sessions" in page.inner_text(f"{widget}-description")
    assert warm_page.console.errors == []


def test_a_url_with_settings_restores_them(warm_page):
    page = warm_page.open(EXPLORER + "?preset=u-shape&sessions=18&level=4.5&amplitude=1.2&noise_sd=0.1&seed=7"
                          "&threshold_sd=1&repair_window=2")
    widget = "#atlas-explorer-1"
    _wait_ready(page, widget)
    page.wait_for_function("() => document.querySelectorAll('#atlas-explorer-1 [data-atlas-table] tr').length === 18",
                           timeout=15_000)
    assert page.input_value(f"{widget}-preset") == "u-shape"
    assert page.input_value(f"{widget}-sessions") == "18"
    assert page.input_value(f"{widget}-amplitude-number") == "1.2"
    assert page.input_value(f"{widget}-threshold-sd") == "1"
    assert page.is_visible(f"{widget} [data-param='amplitude']")
    assert not page.is_visible(f"{widget} [data-param='depth']")
    assert "Across 18 sessions" in page.inner_text(f"{widget}-description")


def test_the_research_note_follows_the_classification(warm_page):
    page = warm_page.open(EXPLORER)
    widget = "#atlas-explorer-1"
    _wait_ready(page, widget)
    visible = page.eval_on_selector_all(f"{widget} .atlas-pattern-note:not([hidden])", "ns => ns.map(n => n.dataset.pattern)")
    assert visible == ["stable", "rupture"]
    assert page.locator(f"{widget} .atlas-pattern-note a[href*='references/']").count() > 0
    before = _renders(page, widget)
    page.select_option(f"{widget}-preset", "u-shape")
    _wait_rendered_after(page, widget, before)
    visible = page.eval_on_selector_all(f"{widget} .atlas-pattern-note:not([hidden])", "ns => ns.map(n => n.dataset.pattern)")
    assert visible == ["quadratic"]


def test_running_edited_python_redraws_and_an_error_shows_next_to_the_editor(warm_page):
    page = warm_page.open(EXPLORER)
    widget = "#atlas-explorer-1"
    _wait_ready(page, widget)
    page.click(f"{widget} .atlas-code summary")
    page.fill(f"{widget}-code", "def steps(sessions):\n    return [1 + (t % 3) for t in range(sessions)]\n")
    before = _renders(page, widget)
    page.click(f"{widget} [data-atlas-action='run-code']")
    _wait_rendered_after(page, widget, before)
    assert page.text_content(f"{widget} [data-atlas-table] tr:first-child td:nth-child(2)") == "1.00"
    page.fill(f"{widget}-code", "def broken(:\n    pass\n")
    page.click(f"{widget} [data-atlas-action='run-code']")
    error = page.locator(f"{widget}-code-error")
    error.wait_for(state="visible", timeout=15_000)
    assert "Syntax error on line 1" in error.inner_text()
    assert page.get_attribute(f"{widget}-code", "aria-invalid") == "true"
    assert "Traceback" not in error.inner_text()


def test_copy_link_reports_in_a_live_region(warm_page):
    page = warm_page.open(EXPLORER)
    widget = "#atlas-explorer-1"
    _wait_ready(page, widget)
    page.click(f"{widget} [data-atlas-action='copy-link']")
    status = page.locator(f"{widget}-copy-status")
    page.wait_for_function("() => document.querySelector('#atlas-explorer-1-copy-status').textContent !== ''")
    assert status.get_attribute("aria-live") == "polite"
    assert "preset=v-rupture" in page.url


# ------------------------------------------------------------------------------------------
# Analyser

def test_bad_scores_show_a_plain_message_next_to_the_input(warm_page):
    page = warm_page.open(ANALYSER)
    widget = "#atlas-analyser-1"
    _wait_ready(page, widget)
    _analyse(page, "4.1 4.5 five 4.2")
    error = page.locator(f"{widget}-input-error")
    error.wait_for(state="visible", timeout=15_000)
    assert error.inner_text() == "Session 3: 'five' is not a number."
    assert page.get_attribute(f"{widget}-input", "aria-invalid") == "true"
    assert error.get_attribute("role") == "alert"
    assert f"{widget[1:]}-input-error" in page.get_attribute(f"{widget}-input", "aria-describedby")
    # the message sits in the same control block as the textarea
    assert page.evaluate("() => document.querySelector('#atlas-analyser-1-input').parentElement"
                         " === document.querySelector('#atlas-analyser-1-input-error').parentElement")


def test_a_bad_custom_scale_is_reported_next_to_the_scale(warm_page):
    page = warm_page.open(ANALYSER)
    widget = "#atlas-analyser-1"
    _wait_ready(page, widget)
    page.select_option(f"{widget}-scale", "custom")
    page.fill(f"{widget}-scale-min", "7")
    page.fill(f"{widget}-scale-max", "1")
    page.click(f"{widget} [data-atlas-action='analyse']")
    error = page.locator(f"{widget}-scale-error")
    error.wait_for(state="visible", timeout=15_000)
    assert "minimum must be below the maximum" in error.inner_text()
    assert page.is_hidden(f"{widget}-input-error")


def test_pasted_markup_stays_inert_text(warm_page, dialogs):
    page = warm_page.open(ANALYSER)
    widget = "#atlas-analyser-1"
    _wait_ready(page, widget)
    attack = "<img src=x onerror=alert(1)>"
    _analyse(page, attack)
    error = page.locator(f"{widget}-input-error")
    error.wait_for(state="visible", timeout=15_000)
    assert error.inner_text() == "Session 1: '<img' is not a number."
    # As a CSV client id it reaches the client list, the chart title and the table: still text.
    before = _analyse(page, f"id,S1,S2,S3,S4\n{attack},4,4.5,3,4\nplain,3,3.5,4,4.5\n", csv=True)
    _wait_rendered_after(page, widget, before)
    assert page.inner_text(f"{widget}-client option:first-child") == attack
    assert attack in page.inner_text(f"{widget} .atlas-chart__title")
    # Showing that nothing happens: the markup has been rendered as text above (the positive signal);
    # an <img> it created would have started loading within this short extra wait.
    page.wait_for_timeout(300)
    assert page.evaluate("() => document.querySelectorAll('img').length") == 0
    assert dialogs == []
    assert not any("x" == urlsplit(url).path.rsplit("/", 1)[-1] for url in warm_page.network.requested)


def test_an_analysis_makes_no_request_beyond_this_machine(warm_page):
    page = warm_page.open(ANALYSER)
    widget = "#atlas-analyser-1"
    _wait_ready(page, widget)
    before = _analyse(page, "5.1 5.3 5.2 3.1 4.2 5.0 5.2 5.3")
    _wait_rendered_after(page, widget, before)
    assert "Across 8 sessions" in page.inner_text(f"{widget}-description")
    assert warm_page.network.blocked == []
    outside = [url for url in warm_page.network.requested
               if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).hostname not in LOCAL_HOSTS]
    assert outside == []
    assert warm_page.console.errors == []


def test_a_csv_of_clients_gives_a_client_selector_and_downloads(warm_page):
    page = warm_page.open(ANALYSER)
    widget = "#atlas-analyser-1"
    _wait_ready(page, widget)
    before = _analyse(page, "id,S1,S2,S3,S4,S5\nanna,4,4.2,4.4,4.6,4.8\nben,4,4,2,4,4\n", csv=True)
    _wait_rendered_after(page, widget, before)
    assert page.is_visible(f"{widget}-client")
    before = _renders(page, widget)
    page.select_option(f"{widget}-client", index=1)
    _wait_rendered_after(page, widget, before)
    assert "client ben" in page.inner_text(f"{widget} .atlas-chart__title")
    with page.expect_download() as csv_download:
        page.click(f"{widget} [data-atlas-action='download-csv']")
    assert csv_download.value.suggested_filename == "alliance-analysis-clients.csv"
    text = open(csv_download.value.path(), encoding="utf-8").read()
    assert text.splitlines()[0].startswith("id,n_sessions,pattern") and len(text.splitlines()) == 3
    for extension in ("png", "svg"):
        with page.expect_download() as image:
            page.click(f"{widget} [data-atlas-action='download-{extension}']")
        assert image.value.suggested_filename == f"alliance-analysis-clients.{extension}"
        assert open(image.value.path(), "rb").read(8)


def test_instant_navigation_away_and_back_keeps_one_worker_working(site_page):
    enable_instant_navigation(site_page.page, site_page.base_url)
    page = site_page.open(ANALYSER)
    widget = "#atlas-analyser-1"
    _wait_ready(page, widget)
    wait_for_instant_navigation(page)
    page.evaluate("() => { window.__sameDocument = true; }")
    before = _analyse(page, "5 5 5 5 3 4 5 5 5")
    _wait_rendered_after(page, widget, before)
    # Away, by a link in the navigation, to the explorer: instant navigation swaps the page in place.
    page.click("nav a[href$='explorer/']:visible >> nth=0")
    page.wait_for_selector("#atlas-explorer-1", timeout=15_000)
    _wait_ready(page, "#atlas-explorer-1")
    # And back, with the browser's back button.
    page.go_back()
    page.wait_for_selector(widget, timeout=15_000)
    _wait_ready(page, widget)
    assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded, not swapped"
    before = _analyse(page, "4 4.5 4.2 4.6 2.1 3.9 4.5 4.6")
    _wait_rendered_after(page, widget, before)
    assert "Across 8 sessions" in page.inner_text(f"{widget}-description")
    assert page.evaluate("() => window.AtlasPython.startCount") == 1
    assert site_page.console.errors == []


def test_leaving_the_explorer_right_after_a_change_leaves_the_next_page_s_address_alone(warm_page):
    page = warm_page.open(EXPLORER)
    widget = "#atlas-explorer-1"
    _wait_ready(page, widget)
    # Material puts the next page's address in the bar at the click, and swaps the page in once it has it.
    # The analyser page is held back here, as a slow network would, so that the explorer is still in the
    # page, under the analyser's address, when it writes its settings into the address 250 ms after a change.
    held = []

    def hold(route):
        held.append(route)

    page.route("**/" + ANALYSER, hold)
    try:
        before = _renders(page, widget)
        page.fill(f"{widget}-sessions", "19")
        arrival = warm_page.click_link(ANALYSER)
        page.wait_for_function("() => location.pathname.endsWith('/explorer/analyse/')", timeout=5_000)
        _wait_rendered_after(page, widget, before)
        # Showing that nothing happens: the redraw is done (the positive signal); the address is written
        # 250 ms after the change, which this short wait makes sure is past, while the analyser is still held.
        page.wait_for_timeout(300)
        assert len(held) == 1, "the analyser page was not held back"
        held[0].continue_()
    finally:
        page.unroute("**/" + ANALYSER, hold)
    warm_page.arrive(ANALYSER, arrival)
    _wait_ready(page, "#atlas-analyser-1")
    assert urlsplit(page.url).path.endswith("/" + ANALYSER) and urlsplit(page.url).query == ""


# ------------------------------------------------------------------------------------------
# Accessibility of the drawn charts and the live state

@pytest.mark.parametrize("path, widget", [(EXPLORER, "#atlas-explorer-1"), (ANALYSER, "#atlas-analyser-1")])
def test_axe_finds_no_violation_once_the_chart_is_drawn_and_python_ready(warm_page, path, widget):
    page = warm_page.open(path)
    _wait_ready(page, widget)
    page.wait_for_selector(f"{widget} [data-atlas-widget-chart] svg")
    page.click(f"{widget} .atlas-data-table summary")
    assert page.get_attribute(f"{widget} [data-atlas-widget-chart] svg", "aria-label")
    assert axe_violations(page) == []


def _tampered(route):
    """The wheel as a broken or tampered copy would arrive: same address, other bytes."""
    body = route.fetch().body()
    route.fulfill(status=200, body=body[:-1] + bytes([body[-1] ^ 1]), content_type="application/octet-stream")


@pytest.mark.parametrize("serve", [
    pytest.param(lambda route: route.fulfill(status=404, body="gone"), id="missing"),
    pytest.param(_tampered, id="sha256-mismatch"),
])
def test_when_the_package_cannot_be_installed_the_static_chart_stays_and_a_message_explains(site_page, serve):
    # The worker installs the wheel by name from the site's pyodide-lock.json, which holds its sha256.
    site_page.page.route("**/assets/python/*.whl", serve)
    page = site_page.open(EXPLORER)
    widget = "#atlas-explorer-1"
    page.wait_for_function("() => document.querySelector('#atlas-explorer-1').dataset.state === 'failed'",
                           timeout=READY_TIMEOUT)
    stage = page.inner_text(f"{widget}-stage")
    assert "could not start" in stage and "The package could not be loaded" in stage
    assert page.is_visible(f"{widget} [data-atlas-widget-chart] svg")
    assert page.is_disabled(f"{widget}-sessions")
    # Chromium logs the failed download (a 404, or an integrity check that failed), and Pyodide logs that the
    # package named in loadPyodide's `packages` failed, in two lines; nothing else may be logged.
    pyodide_report = ("console: The following error occurred while loading alliance-atlas:", "console: Failed to fetch")
    assert [error for error in site_page.console.errors
            if "404" not in error and "integrity" not in error and error not in pyodide_report] == []


# Stops the Python worker right after the page sends it a call, as a crash would: the call is on its way and
# no answer will ever come. (A worker stopped in the middle of a long computation takes Chromium about 2 s to
# end, measured at 2.1 s, so the test stops an idle one.)
_KILL_PYTHON_WORKER_ON_NEXT_CALL = """(() => {
  const Native = window.Worker;
  window.Worker = class extends Native {
    postMessage(message, ...rest) {
      super.postMessage(message, ...rest);
      if (window.__atlasKillOnNextCall && message && message.fn) {
        window.__atlasKillOnNextCall = false;
        this.terminate();
      }
    }
  };
})();"""


def test_when_the_worker_dies_during_a_call_the_widget_says_so_and_nothing_is_left_waiting(site_page):
    page = site_page.page
    page.add_init_script(_KILL_PYTHON_WORKER_ON_NEXT_CALL)
    site_page.open(EXPLORER)
    widget = "#atlas-explorer-1"
    _wait_ready(page, widget)
    _wait_rendered_after(page, widget, 0)
    page.evaluate("() => { window.__atlasKillOnNextCall = true; }")
    page.fill(f"{widget}-sessions", "21")
    # The acceptance: the message is there within 2 s, and the widget is no longer busy.
    page.wait_for_function(
        "sel => { const w = document.querySelector(sel); return w.dataset.state === 'failed' && !w.dataset.busy; }",
        arg=widget, timeout=2_000,
    )
    assert page.evaluate("() => window.__atlasKillOnNextCall") is False, "no call was sent"
    assert page.evaluate("() => window.AtlasPython.get().pendingCount()") == 0
    assert "Python stopped working" in page.inner_text(f"{widget}-stage")
    assert page.is_hidden(f"{widget}-settings-error"), "the stop is said once, in the status line"
    assert page.is_visible(f"{widget} [data-atlas-widget-chart] svg"), "the last chart stays"
    # A later call is refused at once rather than left waiting.
    refused = page.evaluate("""async () => {
        const call = await window.AtlasPython.get().ready;
        try { await call('explore', 'stable', {}, {}); return 'answered'; } catch (error) { return error.message; }
    }""")
    assert "Python stopped" in refused
    assert page.evaluate("() => window.AtlasPython.get().pendingCount()") == 0
    assert site_page.console.errors == []
