"""The evidence map in Chromium: every pooled effect drawn, filters by keyboard, no console error,
no axe violation, nothing fetched from beyond 127.0.0.1."""

from __future__ import annotations

import csv

import pytest

from support.browser import axe_violations
from support.sitebuild import REPO_ROOT

pytestmark = pytest.mark.browser

MAP = "[data-atlas-evidence-map]"
POINTS = f"{MAP} svg g.effect_points_marks path"
ROWS = f"{MAP} tbody tr[data-atlas-effect]"


def all_file_rows() -> list[dict[str, str]]:
    with open(REPO_ROOT / "bibliography" / "effects.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def file_rows() -> list[dict[str, str]]:
    """The rows the map draws: those with a pooled size (a row may give only a count)."""
    return [row for row in all_file_rows() if row["effect"]]


def open_drawn(site_page):
    page = site_page.open("evidence/")
    # Charts are drawn as they near the viewport.
    page.locator(f"{MAP} .atlas-chart").scroll_into_view_if_needed()
    page.wait_for_selector(f"{MAP} .atlas-chart[data-atlas-chart-state=drawn]", timeout=30_000)
    page.wait_for_function(f"document.querySelector('{MAP}').dataset.atlasEvidenceShown !== undefined")
    return page


def wait_shown(page, count: int) -> None:
    page.wait_for_function(
        "([selector, count]) => document.querySelector(selector).dataset.atlasEvidenceShown === String(count)"
        " && document.querySelectorAll(selector + ' svg g.effect_points_marks path').length === count",
        arg=[MAP, count],
    )


def visible_rows(page) -> int:
    return page.locator(f"{ROWS}:not([hidden])").count()


def test_every_pooled_effect_is_drawn_and_tabled_cleanly(site_page):
    page = open_drawn(site_page)
    expected = len(file_rows())
    assert expected >= 15
    assert page.locator(POINTS).count() == expected
    assert page.locator(ROWS).count() == expected
    # Each row links its work to the work's reference page.
    hrefs = page.eval_on_selector_all(f"{ROWS} td:first-child a.citation", "links => links.map(a => a.getAttribute('href'))")
    assert [href.split("/references/")[-1] for href in hrefs] == [f"{row['key']}/" for row in file_rows()]
    assert page.locator(f"{MAP} figcaption").inner_text().startswith(f"Forest plot of {expected} pooled effects")
    # Rows with a count but no confirmed pooled size are named under the table, each linked to its work.
    counts_only = [row["key"] for row in all_file_rows() if not row["effect"]]
    left_out = page.eval_on_selector_all(f"{MAP} .atlas-evidence-map__left-out a.citation", "links => links.map(a => a.getAttribute('href'))")
    assert [href.split("/references/")[-1] for href in left_out] == [f"{key}/" for key in counts_only]
    assert axe_violations(page) == []
    assert site_page.console.errors == []
    assert site_page.network.blocked == []


def test_filters_work_from_the_keyboard_on_chart_and_table(site_page):
    page = open_drawn(site_page)
    rows = file_rows()
    select = page.locator("#atlas-evidence-area")
    select.focus()
    page.keyboard.press("ArrowDown")
    area = select.input_value()
    assert area != "all"
    expected = sum(row["area"] == area for row in rows)
    wait_shown(page, expected)
    assert visible_rows(page) == expected
    assert page.locator("[data-atlas-evidence-count]").inner_text() == f"Showing {expected} of {len(rows)} pooled effects."

    page.select_option("#atlas-evidence-area", "outcomes")
    page.select_option("#atlas-evidence-population", "youth")
    expected = sum(row["area"] == "outcomes" and row["population"] == "youth" for row in rows)
    assert expected > 0
    wait_shown(page, expected)
    assert visible_rows(page) == expected
    assert page.locator("[data-atlas-evidence-empty]").is_hidden()

    page.select_option("#atlas-evidence-area", "religion")
    wait_shown(page, 0)
    assert visible_rows(page) == 0
    assert page.locator("[data-atlas-evidence-empty]").is_visible()

    page.select_option("#atlas-evidence-area", "all")
    page.select_option("#atlas-evidence-population", "all")
    wait_shown(page, len(rows))
    assert site_page.console.errors == []
    assert site_page.network.blocked == []
