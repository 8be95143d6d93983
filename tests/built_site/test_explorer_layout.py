"""The trajectory explorer laid out like a figure: beside its controls and kept in view on a wide screen,
first on a narrow one; the same order in the DOM, so reading and focus follow what the eye sees."""

from __future__ import annotations

import pytest

from support.browser import axe_violations

pytestmark = pytest.mark.browser

WIDGET = "#atlas-explorer-1"
CHART = f"{WIDGET} [data-atlas-widget-chart]"
CONTROLS = f"{WIDGET} .atlas-explorer__controls"
READY_TIMEOUT = 60_000


def _open_ready(warm_page, width, height):
    warm_page.page.set_viewport_size({"width": width, "height": height})
    page = warm_page.open("explorer/")
    page.wait_for_function(
        "sel => { const w = document.querySelector(sel); return w && w.dataset.state === 'ready' && !w.dataset.busy; }",
        arg=WIDGET, timeout=READY_TIMEOUT,
    )
    return page


def _box(page, selector):
    return page.eval_on_selector(selector, "el => { const r = el.getBoundingClientRect(); "
                                           "return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }")


def _renders(page):
    return page.eval_on_selector(CHART, "el => Number(el.dataset.atlasRenders || 0)")


def test_on_a_wide_screen_the_chart_stays_in_view_while_a_slider_moves(warm_page):
    page = _open_ready(warm_page, 1280, 900)
    # The last slider of the controls: on the old layout, reaching it scrolled the chart away.
    slider = page.locator(f"{WIDGET} [data-param='repair_window'] input[type='range']")
    slider.scroll_into_view_if_needed()
    before = _renders(page)
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("([sel, n]) => Number(document.querySelector(sel).dataset.atlasRenders || 0) > n",
                           arg=[CHART, before], timeout=15_000)
    viewport_height = page.evaluate("innerHeight")
    chart, moved = _box(page, CHART), _box(page, f"{WIDGET} [data-param='repair_window']")
    assert 0 <= chart["top"] and chart["bottom"] <= viewport_height, chart
    assert 0 <= moved["top"] and moved["bottom"] <= viewport_height, moved
    # Beside the controls, not above them.
    assert chart["right"] <= _box(page, CONTROLS)["left"]
    assert warm_page.console.errors == []


def test_on_a_narrow_screen_the_chart_comes_first_then_the_controls(warm_page):
    page = _open_ready(warm_page, 390, 844)
    chart, controls = _box(page, CHART), _box(page, CONTROLS)
    assert chart["bottom"] <= controls["top"]
    # The chart is on the first screen.
    assert chart["top"] < page.evaluate("innerHeight")
    assert axe_violations(page) == []


def test_the_dom_order_matches_the_visual_order(warm_page):
    page = warm_page.open("explorer/", wait_until="domcontentloaded")
    follows = page.evaluate(
        """([chart, controls]) => Boolean(document.querySelector(chart).compareDocumentPosition(
            document.querySelector(controls)) & Node.DOCUMENT_POSITION_FOLLOWING)""",
        [CHART, CONTROLS],
    )
    assert follows, "the controls follow the chart in the DOM, as on screen"
