"""The analyser's caseload view, its printed report and its verified scales, driven in Chromium on the built site."""

from __future__ import annotations

import io

import pytest

from support.browser import axe_violations

pytestmark = pytest.mark.browser

READY_TIMEOUT = 120_000  # the first Python boot of a session, on a machine shared by several builds
ANALYSER = "explorer/analyse/"
WIDGET = "#atlas-analyser-1"

# Rows 2-4 are good; row 5 has too few scores, row 6 a score off the WAI's 1-7, row 7 repeats an id.
# "late" has an unrepaired drop in its last session, "early" one three sessions before its last (session 11 of 14).
CASELOAD_CSV = (
    "id,S1,S2,S3,S4,S5,S6,S7\n"
    "steady,5,5.1,5,5.2,5.1,5,5.1\n"
    "early,5,5.1,5,5.1,5,5.1,5,5.1,5,5.1,2,2.1,2,2.1\n"
    "late,5,5,5.1,5,5.1,5,2\n"
    "short,4,5\n"
    "offscale,4,5,9,4\n"
    "late,4,4,4,4\n"
)
LABEL = "Case 4711 (supervision)"


def _wait_ready(page):
    page.wait_for_function(
        "sel => { const w = document.querySelector(sel); return w && w.dataset.state === 'ready' && !w.dataset.busy; }",
        arg=WIDGET, timeout=READY_TIMEOUT,
    )


def _analyse(page, text, *, csv=False):
    if csv:
        page.check(f"{WIDGET}-mode-csv")
    page.fill(f"{WIDGET}-input", text)
    page.click(f"{WIDGET} [data-atlas-action='analyse']")
    _wait_ready(page)


def _open_caseload(browser_page):
    page = browser_page.open(ANALYSER)
    _wait_ready(page)
    _analyse(page, CASELOAD_CSV, csv=True)
    page.wait_for_selector(f"{WIDGET}-caseload tbody tr", timeout=15_000)
    return page


def test_a_csv_with_bad_rows_reports_each_by_row_and_analyses_the_rest(warm_page):
    page = _open_caseload(warm_page)
    problems = page.locator(f"{WIDGET}-row-problems li").all_inner_texts()
    assert [problem.split(" ")[1].rstrip(":") for problem in problems] == ["5", "6", "7"]
    assert "At least 3 scores are needed" in problems[0]
    assert "Session 3: 9 is outside the WAI item mean range (1 to 7)" in problems[1]
    assert "already used in row 4" in problems[2]
    # The row problems sit in the scores' control block, described by the textarea.
    assert f"{WIDGET[1:]}-row-problems" in page.get_attribute(f"{WIDGET}-input", "aria-describedby")
    assert page.is_hidden(f"{WIDGET}-input-error")

    # Sorted by the most recent unrepaired drop; clients without one after, in file order.
    ids = page.locator(f"{WIDGET}-caseload tbody th").all_inner_texts()
    assert [text.split(",")[0].strip() for text in ids] == ["late", "early", "steady"]
    first = page.locator(f"{WIDGET}-caseload tbody tr").first.locator("td").all_inner_texts()
    assert first[:4] == ["4", "7", "Stable", "Session 7"] and first[4] == "0"

    summary = page.inner_text(f"{WIDGET}-caseload [data-atlas-out='supervision']")
    assert "3 clients analysed; 3 rows not analysed" in summary
    assert "Clients with an unrepaired drop in their last three sessions:" in summary
    assert "late" in summary and "early" not in summary.split("last three sessions:")[1]
    # Every column is explained.
    headings = page.locator(f"{WIDGET}-caseload thead th").all_inner_texts()
    terms = page.locator(f"{WIDGET}-caseload dt").all_inner_texts()
    assert headings == terms and len(headings) == 8


def test_a_caseload_row_opens_that_client_s_chart_and_the_export_is_the_python_csv(warm_page):
    page = _open_caseload(warm_page)
    renders = page.evaluate("sel => Number(document.querySelector(sel + ' [data-atlas-widget-chart]').dataset.atlasRenders)",
                            WIDGET)
    page.locator(f"{WIDGET}-caseload tbody tr").nth(2).locator("button").press("Enter")
    page.wait_for_function(
        "([sel, n]) => Number(document.querySelector(sel + ' [data-atlas-widget-chart]').dataset.atlasRenders) > n",
        arg=[WIDGET, renders], timeout=15_000,
    )
    assert "client steady" in page.inner_text(f"{WIDGET} .atlas-chart__title")
    assert page.input_value(f"{WIDGET}-client") == "2"
    with page.expect_download() as download:
        page.click(f"{WIDGET} [data-atlas-action='download-caseload']")
    assert download.value.suggested_filename == "alliance-caseload.csv"
    lines = open(download.value.path(), encoding="utf-8").read().splitlines()
    assert lines[0].startswith("id,row,n_sessions,pattern")
    assert [line.split(",")[:2] for line in lines[1:]] == [
        ["late", "4"], ["early", "3"], ["steady", "2"], ["short", "5"], ["offscale", "6"], ["late", "7"]]
    assert lines[5].endswith("check the score or the scale.")


def test_every_new_control_is_reached_with_the_keyboard(warm_page):
    page = _open_caseload(warm_page)
    page.focus(f"{WIDGET}-input")
    reached = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.add(page.evaluate(
            "() => { const e = document.activeElement; return e.id || e.getAttribute('data-atlas-action') || "
            "(e.hasAttribute('data-atlas-report') ? 'report' : '') || e.classList[0]; }"))
    assert {f"{WIDGET[1:]}-file", "atlas-caseload__open", "download-caseload", f"{WIDGET[1:]}-report-label",
            "report"} <= reached


def test_an_off_scale_score_is_reported_next_to_the_scores_naming_its_session(warm_page):
    page = warm_page.open(ANALYSER)
    _wait_ready(page)
    page.select_option(f"{WIDGET}-scale", "srs")
    _analyse(page, "30 32 41 35")
    error = page.locator(f"{WIDGET}-input-error")
    error.wait_for(state="visible", timeout=15_000)
    assert error.inner_text() == "Session 3: 41 is outside the SRS total range (0 to 40); check the score or the scale."


def test_the_scale_presets_are_the_verified_ranges_and_a_custom_range_says_it_is_yours(warm_page):
    page = warm_page.open(ANALYSER)
    options = page.locator(f"{WIDGET}-scale option").all_inner_texts()
    assert options == ["WAI item mean (1\u20137)", "SRS total (0\u201340)", "Custom range"]
    page.select_option(f"{WIDGET}-scale", "custom")
    assert "This range is your own" in page.inner_text(f"{WIDGET} [data-atlas-group='custom-scale']")


def _print_report(page, label):
    # The print dialog cannot be driven; the report is what the page prepares before asking for it.
    page.evaluate("() => { window.__printAsked = 0; window.print = () => { window.__printAsked += 1; }; }")
    page.fill(f"{WIDGET}-report-label", label)
    page.click(f"{WIDGET} [data-atlas-report]")
    page.wait_for_function("() => document.documentElement.getAttribute('data-atlas-report') === 'printing'"
                           " && window.__printAsked === 1")
    page.emulate_media(media="print")


@pytest.fixture
def printing_page(warm_page):
    """The shared page, handed back to the next test as it was: out of the print layout and the report."""
    yield warm_page
    warm_page.page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    warm_page.page.emulate_media(media="no-override")


def _pdf_pages(pdf: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf)).pages


def test_the_report_prints_on_one_a4_page_with_chart_pattern_settings_and_label(printing_page):
    page = printing_page.open(ANALYSER)
    _wait_ready(page)
    _analyse(page, "5.1 5.3 5.2 5.4 5.3 3.1 4.0 5.2 5.3 5.5 5.4 5.6")
    page.wait_for_function("sel => document.querySelector(sel + '-description').textContent.includes('12 sessions')",
                           arg=WIDGET)
    pattern = page.inner_text(f"{WIDGET} [data-atlas-out='pattern']")
    _print_report(page, LABEL)

    # In the print layout the live chart is there as SVG and visible; the controls and the rest of the page are not.
    chart = page.locator(f"{WIDGET} .atlas-chart-figure svg")
    assert chart.is_visible() and chart.bounding_box()["height"] > 100
    assert page.is_visible(f"{WIDGET}-report") and page.is_visible("#single-client")
    for hidden in (f"{WIDGET} .atlas-analyser__form", "h1:not(.atlas-report h1)", f"{WIDGET}-data", "#input", ".md-header"):
        assert page.is_hidden(hidden), hidden

    pages = _pdf_pages(page.pdf(format="A4"))
    assert len(pages) == 1
    text = " ".join(pages[0].extract_text().split())
    for expected in (pattern, "Alliance scores report", "Label: " + LABEL, "Scale WAI item mean (1\u20137)",
                     "Rupture threshold 2 SDs", "Repair window 3 sessions", "Rupture-repair episodes",
                     "What one client's pattern can and cannot tell", "Crits-Christoph"):
        assert expected in text, expected
    # The chart's own axis titles are text in the PDF: the chart was printed as vector graphics.
    assert "Alliance score (WAI item mean" in text and "Session" in text


def test_the_report_of_a_caseload_client_names_the_client_and_fits_one_page(printing_page):
    page = _open_caseload(printing_page)
    _print_report(page, "")
    pages = _pdf_pages(page.pdf(format="A4"))
    assert len(pages) == 1
    text = " ".join(pages[0].extract_text().split())
    assert "Client late" in text and "Label:" not in text
    assert "Caseload" not in text  # the caseload is a screen view; the report is one client's


def test_the_label_is_never_stored_and_leaves_the_report_after_printing(printing_page):
    page = printing_page.open(ANALYSER)
    _wait_ready(page)
    _print_report(page, LABEL)
    assert LABEL in page.inner_text(f"{WIDGET}-report")
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert page.get_attribute("html", "data-atlas-report") is None
    assert LABEL not in page.inner_text(f"{WIDGET}-report")
    stored = page.evaluate("""async () => {
        const texts = [location.href, document.cookie];
        for (const storage of [localStorage, sessionStorage])
            for (let i = 0; i < storage.length; i++) texts.push(storage.key(i), storage.getItem(storage.key(i)));
        for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) texts.push(request.url);
        }
        return texts.join("\\n");
    }""")
    assert "4711" not in stored


def test_axe_finds_no_violation_with_the_caseload_and_the_printed_report_shown(printing_page):
    page = _open_caseload(printing_page)
    assert axe_violations(page) == []
    _print_report(page, LABEL)
    assert axe_violations(page) == []
