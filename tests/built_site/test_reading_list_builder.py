"""The reading-list builder in Chromium: ticking, the tray, reloads, share links, exports, keyboard, instant navigation."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pybtex.database
import pytest
import rispy

from support.bib import formatter_for
from alliance_atlas.bibliography.parse import load_bibliography
from alliance_atlas.site.reading_list_tray import apa_markdown
from alliance_atlas.bibliography.intext import apa_sort_key
from support.browser import new_recorded_context, watch_console
from support.instant import enable_instant_navigation, wait_for_instant_navigation
from support.sitebuild import REPO_ROOT

pytestmark = pytest.mark.browser

PICKS = ["safran1996resolution", "bordin1979generalizability", "horvath1989development"]
STATUS = "[data-atlas-tray-status]"


@pytest.fixture(scope="module")
def bibliography():
    return load_bibliography(REPO_ROOT / "bibliography" / "alliance.bib")


def _short(key):
    from alliance_atlas.site.reading_list_tray import short_reference

    bibliography = load_bibliography(REPO_ROOT / "bibliography" / "alliance.bib")
    return short_reference(bibliography[key], formatter_for(bibliography))


def _tray_keys(page):
    return page.evaluate("""() => Array.from(document.querySelectorAll('[data-atlas-tray-items] > li'))
        .map(li => li.dataset.key)""")


def _checked_keys(page):
    return page.evaluate("""() => Array.from(document.querySelectorAll('input[data-atlas-pick]'))
        .filter(box => box.checked).map(box => box.dataset.atlasPick)""")


def _wait_status(page, text):
    page.wait_for_function("([selector, want]) => document.querySelector(selector)?.textContent === want",
                           arg=[STATUS, text], timeout=15_000)


def _tick(page, key):
    page.locator(f'input[data-atlas-pick="{key}"]').check()


def _open_tray(page):
    toggle = page.locator("[data-atlas-tray-toggle]")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


def _export(page, label):
    with page.expect_download() as info:
        page.get_by_role("button", name=label, exact=True).click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_text(encoding="utf-8")


def test_ticking_entries_fills_the_tray_and_announces_each_change(site_page, bibliography):
    page = site_page.open("references/", wait_until="load")
    tray = page.get_by_role("region", name="My reading list")
    assert tray.is_visible()
    for count, key in enumerate(PICKS, start=1):
        box = page.get_by_label(f"Add {_short(key)} to my reading list", exact=True)
        box.check()
        noun = "reference" if count == 1 else "references"
        _wait_status(page, f"Added {_short(key)}. {count} {noun} in your list.")
    assert page.locator(STATUS).get_attribute("aria-live") == "polite"
    assert page.locator("[data-atlas-tray-count]").text_content() == "3 references"
    assert _tray_keys(page) == PICKS
    _open_tray(page)
    assert [text.strip() for text in page.locator(".atlas-tray__name").all_text_contents()] == [_short(k) for k in PICKS]

    page.get_by_label(f"Add {_short(PICKS[1])} to my reading list", exact=True).uncheck()
    _wait_status(page, f"Removed {_short(PICKS[1])}. 2 references in your list.")
    page.get_by_role("button", name=f"Remove {_short(PICKS[0])} from my reading list").click()
    _wait_status(page, f"Removed {_short(PICKS[0])}. 1 reference in your list.")
    assert _checked_keys(page) == [PICKS[2]]
    page.get_by_role("button", name="Clear my list").click()
    _wait_status(page, "Cleared your list. 0 references in your list.")
    assert _tray_keys(page) == [] and _checked_keys(page) == []
    assert site_page.console.errors == [] and site_page.network.blocked == []


def test_the_selection_survives_a_reload(site_page):
    page = site_page.open("references/", wait_until="load")
    for key in PICKS[:2]:
        _tick(page, key)
    page.reload(wait_until="load")
    page.wait_for_function("() => document.querySelector('[data-atlas-tray-count]').textContent === '2 references'")
    assert _tray_keys(page) == PICKS[:2]
    assert sorted(_checked_keys(page)) == sorted(PICKS[:2])


def test_the_share_link_restores_the_selection_in_a_new_browser(site_page, browser):
    page = site_page.open("references/", wait_until="load")
    for key in PICKS:
        _tick(page, key)
    _open_tray(page)
    link = page.get_by_label("Link to this list").input_value()
    parts = urlsplit(link)
    assert parts.path == "/references/" and parts.query == "list=" + ",".join(PICKS)

    context, network = new_recorded_context(browser)
    try:
        other = context.new_page()
        console = watch_console(other)
        other.goto(link, wait_until="load")
        other.wait_for_function("() => document.querySelector('[data-atlas-tray-count]').textContent === '3 references'")
        assert _tray_keys(other) == PICKS
        assert sorted(_checked_keys(other)) == sorted(PICKS)
        _wait_status(other, "Added 3 references from the shared link. 3 references in your list.")
        # The address no longer carries the list, so a reload keeps the reader's own edits.
        assert "list=" not in other.url
        other.reload(wait_until="load")
        other.wait_for_function("() => document.querySelector('[data-atlas-tray-count]').textContent === '3 references'")
        assert console.errors == [] and network.blocked == []
    finally:
        context.close()


def test_unknown_keys_in_a_shared_link_are_left_out_with_a_visible_notice(site_page):
    dialogs = []
    site_page.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"
    page = site_page.open(f"references/?list={PICKS[0]},nosuch2020key,{hostile},,{PICKS[0]}", wait_until="load")
    notice = page.locator("[data-atlas-tray-notice]")
    notice.wait_for(state="visible")
    text = notice.text_content()
    assert "2 references this site does not have" in text and "nosuch2020key" in text and "<img src=x" in text
    assert _tray_keys(page) == [PICKS[0]]
    assert page.evaluate("document.querySelectorAll('.atlas-tray img, article img[src=\"x\"]').length") == 0
    assert dialogs == [] and site_page.console.errors == []


@pytest.mark.parametrize("extension, label", [
    ("bib", "Download BibTeX (.bib)"),
    ("ris", "Download RIS (.ris)"),
    ("txt", "Download APA as text (.txt)"),
    ("md", "Download APA as Markdown (.md)"),
])
def test_exports_from_the_tray_hold_exactly_the_chosen_entries(site_page, bibliography, extension, label):
    page = site_page.open("reading-lists/rupture-repair/", wait_until="load")
    chosen = [key for key in page.evaluate("Array.from(document.querySelectorAll('input[data-atlas-pick]')).map(b => b.dataset.atlasPick)")][:3]
    for key in reversed(chosen):
        _tick(page, key)
    _open_tray(page)
    name, text = _export(page, label)
    assert name == f"my-reading-list.{extension}"
    in_apa_order = [r.key for r in sorted((bibliography[k] for k in chosen), key=apa_sort_key)]
    if extension == "bib":
        assert sorted(pybtex.database.parse_string(text, "bibtex").entries.keys()) == sorted(chosen)
    elif extension == "ris":
        assert [record["id"] for record in rispy.loads(text)] == in_apa_order
    else:
        paragraphs = [block.strip() for block in text.split("\n\n") if block.strip()]
        render = (lambda r: formatter_for(bibliography).reference(r, "apa", "text")) if extension == "txt" else (lambda r: apa_markdown(r, formatter_for(bibliography)))
        assert paragraphs[-len(chosen):] == [render(bibliography[key]) for key in in_apa_order]
        header = 1 if extension == "txt" else 2
        assert len(paragraphs) == len(chosen) + header
        assert "references/?list=" in paragraphs[header - 1]
    _wait_status(page, f"Downloaded 3 references as {dict(bib='BibTeX', ris='RIS', txt='APA as plain text', md='APA as Markdown')[extension]}.")
    assert site_page.console.errors == [] and site_page.network.blocked == []


def test_the_builder_works_from_the_keyboard_alone(site_page):
    page = site_page.open("reading-lists/monitoring/", wait_until="load")
    page.locator("h1").first.click()

    def tab_to(selector, limit=400):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("s => document.activeElement?.matches(s)", selector):
                return
        pytest.fail(f"Tab never reached {selector}")

    tab_to("input[data-atlas-pick]")
    key = page.evaluate("document.activeElement.dataset.atlasPick")
    page.keyboard.press("Space")
    _wait_status(page, f"Added {_short(key)}. 1 reference in your list.")
    assert _tray_keys(page) == [key]
    tab_to("[data-atlas-tray-toggle]")
    page.keyboard.press("Enter")
    assert page.locator("[data-atlas-tray-toggle]").get_attribute("aria-expanded") == "true"
    tab_to('[data-atlas-export="bib"]')
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert list(pybtex.database.parse_string(text, "bibtex").entries.keys()) == [key]
    # Removing by keyboard moves focus somewhere sensible, not to the page's start.
    page.locator("[data-atlas-remove]").first.focus()
    page.keyboard.press("Enter")
    _wait_status(page, f"Removed {_short(key)}. 0 references in your list.")
    assert page.evaluate("document.activeElement.matches('[data-atlas-tray-toggle]')")


def _at(path):
    """A URL predicate on the path alone: the theme's navigation tracking may add a fragment as the page scrolls."""
    return lambda url: urlsplit(url).path == path


def _wait_synced(page, path):
    """Wait until the page at ``path`` has drawn its checkboxes and tray from the list.

    The address changes as soon as a link is clicked, while the previous page is still shown: only a tray
    drawn for ``path`` belongs to the new page."""
    page.wait_for_url(_at(path))
    page.wait_for_function("path => document.querySelector('[data-atlas-tray]')?.dataset.atlasSynced === path", arg=path)


def test_the_list_survives_instant_navigation_between_references_and_a_reading_list(site_page):
    enable_instant_navigation(site_page.page, site_page.base_url)
    page = site_page.open("references/", wait_until="load")
    wait_for_instant_navigation(page)
    page.evaluate("window.atlasNoReload = true")
    _tick(page, "safran1996resolution")
    # To the reading lists through the navigation, then to one list: no page load in between.
    page.locator('a.md-nav__link[href$="reading-lists/"]').first.click()
    _wait_synced(page, "/reading-lists/")
    assert page.text_content("[data-atlas-tray-count]") == "1 reference"
    page.locator('article a[href$="reading-lists/rupture-repair/"], article a[href="rupture-repair/"]').first.click()
    _wait_synced(page, "/reading-lists/rupture-repair/")
    assert page.evaluate("window.atlasNoReload") is True
    assert page.text_content("[data-atlas-tray-count]") == "1 reference"
    assert _checked_keys(page) == ["safran1996resolution"]
    _tick(page, "eubanks2018alliance")
    _wait_status(page, f"Added {_short('eubanks2018alliance')}. 2 references in your list.")
    page.go_back()
    page.go_back()
    _wait_synced(page, "/references/")
    assert page.text_content("[data-atlas-tray-count]") == "2 references"
    assert sorted(_checked_keys(page)) == ["eubanks2018alliance", "safran1996resolution"]
    assert page.evaluate("window.atlasNoReload") is True
    assert site_page.console.errors == []
