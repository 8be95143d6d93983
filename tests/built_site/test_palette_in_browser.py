"""The light/dark switch in the header (overrides/partials/palette.html and partials/javascripts/palette.html).

It replaces Material's palette form, whose start-up code forced two full style recalculations on every page load.
"""

from __future__ import annotations

from support.browser import axe_violations

SWITCH = "[data-atlas-palette] button:not([hidden])"
SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"


def test_first_visit_follows_the_system_and_no_material_palette_code_runs(site_page):
    site_page.page.emulate_media(color_scheme="dark")
    page = site_page.open("", wait_until="domcontentloaded")
    # Set by the inline script as the header is read, before any page script runs.
    assert page.evaluate(SCHEME) == "slate"
    assert page.locator(SWITCH).count() == 1
    assert page.get_attribute(SWITCH, "aria-label") == "Switch to light mode"
    assert page.locator('[data-md-component="palette"]').count() == 0


def test_the_switch_changes_the_palette_keeps_focus_and_is_remembered(site_page):
    site_page.page.emulate_media(color_scheme="light")
    page = site_page.open("")
    assert page.evaluate(SCHEME) == "default"
    page.focus(SWITCH)
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({SCHEME})() === 'slate'")
    assert page.get_attribute(SWITCH, "aria-label") == "Switch to light mode"
    # The pressed button hides itself; the keyboard stays on the switch, now the other button.
    assert page.evaluate("() => document.activeElement.matches('[data-atlas-palette] button:not([hidden])')")
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
    assert page.get_attribute('meta[name="theme-color"]', "content") == page.evaluate(
        "() => '#' + getComputedStyle(document.querySelector('.md-header')).backgroundColor"
        ".match(/\\d+/g).slice(0, 3).map((n) => (+n).toString(16).padStart(2, '0')).join('')")
    assert axe_violations(page) == []

    # The choice outlives the page, whatever the system prefers.
    page.reload()
    assert page.evaluate(SCHEME) == "slate"
    page.click(SWITCH)
    page.wait_for_function(f"() => ({SCHEME})() === 'default'")
    page.goto(site_page.base_url + "about/")
    assert page.evaluate(SCHEME) == "default"
    assert site_page.console.errors == []
