"""The questions in Chromium: checking, aria-live feedback, saved progress, instant navigation, axe,
no request leaving 127.0.0.1, and the chart questions with WebAssembly switched off."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from support.browser import axe_violations
from support.instant import enable_instant_navigation, wait_for_instant_navigation

pytestmark = pytest.mark.browser

STATUS = ".atlas-question-set__status"
QUESTION = "#question-concept-pan-theoretical"


def _at(path):
    return lambda url: urlsplit(url).path == path


def _wait_text(page, selector, text):
    page.wait_for_function("([selector, want]) => document.querySelector(selector)?.textContent.includes(want)",
                           arg=[selector, text], timeout=10000)


def _ready(page):
    # The script has run when the "Check" buttons are shown.
    page.wait_for_selector(f"{QUESTION} .atlas-question__actions:not([hidden])")


def _answer(page, question, value):
    page.locator(f"{question} input[value='{value}']").check()
    page.locator(f"{question} button[data-atlas-question-check]").click()


def test_a_wrong_answer_then_the_right_one_is_announced(site_page):
    page = site_page.open("concept/")
    _ready(page)
    feedback = page.locator(f"{QUESTION} .atlas-question__feedback")
    assert feedback.get_attribute("aria-live") == "polite" and feedback.get_attribute("role") == "status"
    _answer(page, QUESTION, "b")
    _wait_text(page, f"{QUESTION} .atlas-question__feedback", "Not quite.")
    # The feedback says why the chosen option is wrong (its "why" from the page).
    assert "did not compare therapies in an experiment" in feedback.text_content()
    assert page.locator(f"{QUESTION} details.atlas-question__answer").get_attribute("open") is None
    _answer(page, QUESTION, "a")
    _wait_text(page, f"{QUESTION} .atlas-question__feedback", "Correct.")
    assert page.locator(f"{QUESTION} details.atlas-question__answer").get_attribute("open") is not None
    _wait_text(page, STATUS, "1 of 4 questions on this page answered correctly.")
    assert site_page.network.blocked == [] and site_page.console.errors == []


def test_several_correct_options_need_every_one_ticked(site_page):
    page = site_page.open("concept/")
    _ready(page)
    question = "#question-concept-other-centres"
    page.locator(f"{question} input[value='a']").check()
    page.locator(f"{question} button[data-atlas-question-check]").click()
    _wait_text(page, f"{question} .atlas-question__feedback", "Some correct answers are not ticked yet.")
    page.locator(f"{question} input[value='b']").check()
    page.locator(f"{question} button[data-atlas-question-check]").click()
    _wait_text(page, f"{question} .atlas-question__feedback", "Correct.")


def test_keyboard_alone_answers_a_question(site_page):
    page = site_page.open("concept/")
    _ready(page)
    page.locator(f"{QUESTION} input[value='a']").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")  # submits the form, as the "Check" button does
    _wait_text(page, f"{QUESTION} .atlas-question__feedback", "Correct.")


def test_progress_survives_a_reload_and_reset_clears_it(site_page):
    page = site_page.open("concept/")
    _ready(page)
    _answer(page, QUESTION, "a")
    _wait_text(page, STATUS, "1 of 4")
    page.reload()
    _ready(page)
    _wait_text(page, STATUS, "1 of 4 questions on this page answered correctly.")
    assert page.locator(f"{QUESTION} input[value='a']").is_checked()
    assert page.locator(QUESTION).get_attribute("data-state") == "right"
    # Progress is per page: another area starts at zero.
    page.goto(site_page.base_url + "theory/")
    page.wait_for_selector(".atlas-question__actions:not([hidden])")
    _wait_text(page, STATUS, "0 of 4")
    page.goto(site_page.base_url + "concept/")
    _ready(page)
    _wait_text(page, STATUS, "1 of 4")
    page.get_by_role("button", name="Reset my answers on this page").click()
    _wait_text(page, STATUS, "Your answers on this page have been cleared. 0 of 4")
    assert not page.locator(f"{QUESTION} input[value='a']").is_checked()
    page.reload()
    _ready(page)
    _wait_text(page, STATUS, "0 of 4")


def test_progress_survives_instant_navigation(site_page):
    enable_instant_navigation(site_page.page, site_page.base_url)
    page = site_page.open("concept/", wait_until="load")
    _ready(page)
    # Until Material has read the sitemap, the click below would load the next page in full.
    wait_for_instant_navigation(page)
    page.evaluate("window.atlasNoReload = true")
    _answer(page, QUESTION, "a")
    _wait_text(page, STATUS, "1 of 4")
    page.locator('a.md-nav__link[href$="theory/"]').first.click()
    page.wait_for_url(_at("/theory/"))
    page.wait_for_selector("#question-theory-where-it-comes-from .atlas-question__actions:not([hidden])")
    _answer(page, "#question-theory-where-it-comes-from", "a")
    _wait_text(page, "#question-theory-where-it-comes-from .atlas-question__feedback", "Correct.")
    _wait_text(page, STATUS, "1 of 4")
    page.go_back()
    page.wait_for_url(_at("/concept/"))
    _ready(page)
    _wait_text(page, STATUS, "1 of 4 questions on this page answered correctly.")
    assert page.locator(f"{QUESTION} input[value='a']").is_checked()
    assert page.evaluate("window.atlasNoReload") is True
    assert site_page.network.blocked == [] and site_page.console.errors == []


def test_no_axe_violations_with_answers_open(site_page):
    page = site_page.open("concept/")
    _ready(page)
    _answer(page, QUESTION, "b")
    _wait_text(page, f"{QUESTION} .atlas-question__feedback", "Not quite.")
    _answer(page, QUESTION, "a")
    _wait_text(page, f"{QUESTION} .atlas-question__feedback", "Correct.")
    assert axe_violations(page) == []
    page = site_page.open("explorer/which-pattern/")
    page.wait_for_selector("[data-atlas-question-kind=chart] .atlas-question__actions:not([hidden])")
    for details in page.locator("details").all():
        details.evaluate("element => element.open = true")
    assert axe_violations(page) == []
    assert site_page.network.blocked == []


def test_chart_questions_work_with_webassembly_disabled(site_page):
    site_page.page.add_init_script("delete window.WebAssembly;")
    page = site_page.open("explorer/which-pattern/")
    first = page.locator("[data-atlas-question-kind=chart]").first
    page.wait_for_selector("[data-atlas-question-kind=chart] .atlas-question__actions:not([hidden])")
    assert page.evaluate("typeof WebAssembly") == "undefined"
    assert first.locator("figure svg").first.get_attribute("role") == "img"
    correct = first.get_attribute("data-correct")
    wrong = next(value for value in ("stable", "linear", "curve", "v") if value != correct)
    first.locator(f"input[value='{wrong}']").check()
    first.locator("button[data-atlas-question-check]").click()
    _wait_text(page, "[data-atlas-question-kind=chart] .atlas-question__feedback", "Not quite.")
    first.locator(f"input[value='{correct}']").check()
    first.locator("button[data-atlas-question-check]").click()
    _wait_text(page, "[data-atlas-question-kind=chart] .atlas-question__feedback", "Correct.")
    assert first.locator("details.atlas-question__answer").get_attribute("open") is not None
    # "Another one" needs Python in the browser: it says so instead of failing.
    _wait_text(page, ".atlas-question-set__python", "could not start here")
    assert page.locator("[data-atlas-question-another]").first.is_hidden()
    assert site_page.network.blocked == [] and site_page.console.errors == []


def test_another_one_draws_a_fresh_question_with_pyodide(site_page):
    page = site_page.open("explorer/which-pattern/")
    button = page.get_by_role("button", name="Another hard one")
    page.wait_for_function("() => { const b = document.querySelector('[data-atlas-question-another=hard]');"
                           " return b && !b.disabled && !b.closest('p').hidden; }", timeout=120000)
    button.click()
    page.wait_for_function("() => document.querySelectorAll('[data-atlas-question-kind=chart]').length === 7", timeout=60000)
    fresh = page.locator("[data-atlas-question-kind=chart]").nth(6)
    assert "Pattern 7 (hard)" in fresh.locator("legend").text_content()
    fresh.locator("figure svg").first.wait_for(timeout=30000)
    correct = fresh.get_attribute("data-correct")
    fresh.locator(f"input[value='{correct}']").check()
    fresh.locator("button[data-atlas-question-check]").click()
    page.wait_for_function("() => document.querySelectorAll('[data-atlas-question-kind=chart]')[6]"
                           ".querySelector('.atlas-question__feedback').textContent.startsWith('Correct.')")
    assert site_page.network.blocked == [] and site_page.console.errors == []


def test_without_javascript_the_answer_waits_in_a_closed_details(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "concept/")
        question = page.locator(QUESTION)
        answer = question.locator("details.atlas-question__answer")
        assert answer.get_attribute("open") is None
        assert question.locator(".atlas-question__actions").is_hidden()
        assert not question.get_by_text("Why the other options are wrong").is_visible()
        question.locator("summary").click()
        assert question.get_by_text("Why the other options are wrong").is_visible()
        assert question.locator("input[type=radio]").count() == 3
    finally:
        context.close()
