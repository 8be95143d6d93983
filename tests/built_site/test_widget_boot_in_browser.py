"""How the trajectory widgets boot in Chromium: Python starts while the page is read, and a drawn chart
takes new data without being drawn again. Figures (how fast) are in bench/widgets.py; these check behaviour."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

READY_TIMEOUT = 60_000
EXPLORER = "#atlas-explorer-1"

# Installed before any page script: at DOMContentLoaded, once the parser has run every script of the page and
# before any listener of the theme or of the page scripts, note how many times Python has been started.
STARTED_BY_PARSE = """
document.addEventListener("DOMContentLoaded", () => {
  window.__startedByParse = window.AtlasPython ? window.AtlasPython.startCount : null;
}, { capture: true, once: true });
"""


def _wait_ready(page):
    page.wait_for_function(
        "sel => { const w = document.querySelector(sel); return w && w.dataset.state === 'ready' && !w.dataset.busy"
        " && w.querySelector('[data-atlas-widget-chart]').dataset.atlasRenders; }",
        arg=EXPLORER, timeout=READY_TIMEOUT,
    )


def _move_slider(page, name, value):
    """Set a slider as a reader would and wait for the chart that follows."""
    page.evaluate(
        """([sel, name, value]) => new Promise((done) => {
          const root = document.querySelector(sel);
          root.addEventListener("atlas:rendered", done, { once: true });
          const range = root.querySelector(`input[type="range"][name="${name}"]`);
          range.value = String(value);
          range.dispatchEvent(new Event("input", { bubbles: true }));
        })""",
        [EXPLORER, name, value],
    )


def test_python_starts_while_the_explorer_page_is_read(site_page):
    site_page.page.add_init_script(STARTED_BY_PARSE)
    page = site_page.open("explorer/")
    page.wait_for_function("() => window.__startedByParse !== undefined", timeout=30_000)
    assert page.evaluate("() => window.__startedByParse") == 1
    _wait_ready(page)
    assert page.evaluate("() => window.AtlasPython.startCount") == 1
    assert site_page.console.errors == []


def test_a_widget_far_below_the_first_screen_does_not_start_python_while_the_page_is_read(site_page):
    site_page.page.add_init_script(STARTED_BY_PARSE)
    page = site_page.open("rupture-repair/")
    page.wait_for_function("() => window.__startedByParse !== undefined", timeout=30_000)
    assert page.evaluate("() => window.__startedByParse") == 0
    assert not any("/python-worker.js" in url or "/vendor/pyodide/" in url for url in site_page.network.requested)


def test_the_live_chart_takes_new_data_in_place_and_the_widgets_load_no_vega_embed(site_page):
    page = site_page.open("explorer/")
    _wait_ready(page)
    # The level keeps the chart's structure: the same drawn SVG is fed the new values.
    page.evaluate("sel => { document.querySelector(sel + ' [data-atlas-widget-chart] svg').__mark = 1; }", EXPLORER)
    before = page.inner_html(f"{EXPLORER} [data-atlas-widget-chart] svg")
    _move_slider(page, "level", 4.2)
    assert page.evaluate("sel => document.querySelector(sel + ' [data-atlas-widget-chart] svg').__mark === 1", EXPLORER)
    assert page.inner_html(f"{EXPLORER} [data-atlas-widget-chart] svg") != before
    svg = page.locator(f"{EXPLORER} [data-atlas-widget-chart] svg")
    assert svg.get_attribute("role") == "img" and svg.get_attribute("aria-label")
    assert not any("vega-embed" in url for url in site_page.network.requested)
    assert site_page.console.errors == []
