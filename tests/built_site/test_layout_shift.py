"""References does not jump while it loads: the controls its scripts reveal keep their place from the first paint."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Layout shifts the page makes without input, summed (the browser's own figure, as Lighthouse reads it).
_RECORD_SHIFTS = """
window.__atlasShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__atlasShifts.push(entry.value);
  }
}).observe({ type: "layout-shift", buffered: true });
"""


def test_references_does_not_shift_when_its_controls_appear(site_page):
    page = site_page.page
    page.set_viewport_size({"width": 1350, "height": 940})
    page.add_init_script(_RECORD_SHIFTS)
    site_page.open("references/", wait_until="load")
    # Both scripts have run: the filter form and the reading-list checkboxes are shown.
    page.wait_for_selector("form.atlas-filter:not([hidden])")
    page.wait_for_selector("#atlas-reference-list label.atlas-pick:not([hidden])")
    page.wait_for_function("() => document.getElementById('atlas-filter-status').textContent.startsWith('Showing')")
    # A new animation frame: the observer has been given every shift up to now.
    page.evaluate("() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))")
    assert sum(page.evaluate("window.__atlasShifts")) < 0.01
