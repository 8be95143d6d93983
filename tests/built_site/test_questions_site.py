"""The built site's questions: every area has some, the exports follow GIFT's rules, the pack has the answers."""

from __future__ import annotations

import html
import re

import pytest

from alliance_atlas.questions.bank import AREAS, DOWNLOADS, WHOLE_BANK
from alliance_atlas.questions.contract import CHART_KIND, KIND_ATTRIBUTE, ROOT_ATTRIBUTE
from support.gift_rules import check_question, questions_of

ROOT = re.compile(rf'<div class="[^"]*" id="([^"]+)" {ROOT_ATTRIBUTE}[ >]')


def page_html(site_dir, url):
    return (site_dir / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("src", "slug", "label"), AREAS, ids=[slug for _, slug, _ in AREAS])
def test_every_area_page_ends_with_three_to_six_questions_before_related_topics(site_dir, src, slug, label):
    page = page_html(site_dir, src.removesuffix("index.md"))
    questions = ROOT.findall(page)
    assert 3 <= len(questions) <= 6
    section = page.index('id="check-your-understanding"')
    assert section < page.index(ROOT_ATTRIBUTE) and page.rindex(ROOT_ATTRIBUTE) < page.index('id="related-topics"')
    # Citations in the explanations went through the citation engine and are listed in References.
    answers = re.findall(r'<details class="atlas-question__answer">(.*?)</details>', page, re.DOTALL)
    assert answers and all('class="citation"' in answer for answer in answers)
    assert "[@" not in page
    keys = set(re.findall(r'class="citation" data-key="([^"]+)"', "".join(answers)))
    references = page[page.index('id="references"'):]
    assert all(f'id="ref-{key}"' in references for key in keys)


def test_the_whole_gift_bank_holds_every_question_titled_and_by_the_rules(site_dir):
    gift = (site_dir / DOWNLOADS / f"{WHOLE_BANK}.gift").read_text(encoding="utf-8")
    questions = questions_of(gift)
    assert len(questions) >= 21
    titles = [re.match(r"::(.+?)(?<!\\)::", question)[1] for question in questions]
    assert len(set(titles)) == len(titles)
    problems = {title: check_question(question) for title, question in zip(titles, questions)}
    assert {title: found for title, found in problems.items() if found} == {}
    assert "[@" not in gift and "(Bordin, 1979)" in gift


@pytest.mark.parametrize("slug", [slug for _, slug, _ in AREAS])
def test_each_area_has_its_own_gift_and_markdown_files(site_dir, slug):
    gift = (site_dir / DOWNLOADS / f"{slug}.gift").read_text(encoding="utf-8")
    assert len(questions_of(gift)) >= 3 and all(check_question(q) == [] for q in questions_of(gift))
    markdown = (site_dir / DOWNLOADS / f"{slug}.md").read_text(encoding="utf-8")
    assert markdown.count("**Answer") == len(questions_of(gift))


def test_the_bank_page_lists_every_question_by_topic_and_links_the_downloads(site_dir):
    page = page_html(site_dir, "questions")
    gift = questions_of((site_dir / DOWNLOADS / f"{WHOLE_BANK}.gift").read_text(encoding="utf-8"))
    assert page.count("(id: <code>") == len(gift)
    for _, slug, label in AREAS:
        assert f'id="{slug}"' in page
        for extension in ("gift", "md"):
            assert f'href="../{DOWNLOADS}/{slug}.{extension}"' in page


def test_the_chart_questions_work_without_webassembly_at_build_time(site_dir):
    page = page_html(site_dir, "explorer/which-pattern")
    charts = re.findall(rf'{ROOT_ATTRIBUTE} {KIND_ATTRIBUTE}="{CHART_KIND}"', page)
    assert len(charts) == 6
    assert page.count("Hard on purpose") == 2
    # Static SVG from the build, a description and a data table for every chart.
    assert page.count("<svg") >= 12 and page.count("data-atlas-static") >= 12
    assert page.count('class="atlas-chart__description"') == 12


def test_the_course_pack_prints_questions_without_answers_and_gathers_them_at_the_end(site_dir):
    pack = page_html(site_dir, "course-pack")
    appendix = pack[pack.index('id="answers"'):]
    for _, slug, _ in AREAS:
        assert f'href="#{slug}--question-' in appendix
    chapter_ids = set(re.findall(r'id="([a-z-]+--question-[a-z0-9-]+)"', pack[:pack.index('id="answers"')]))
    links = set(re.findall(r'href="#([a-z-]+--question-[a-z0-9-]+)"', appendix))
    assert links and links <= chapter_ids
    assert appendix.count("Why the other options are wrong") >= 14
    # Citations point to the pack's own bibliography, like the chapters' citations.
    assert 'class="atlas-pack__citation"' in appendix and 'class="citation"' not in appendix
    assert re.findall(r'<a class="atlas-pack__citation"[^>]*href="(#bib-[^"]+)"', appendix)
    css = (site_dir / "assets" / "stylesheets" / "questions.css").read_text(encoding="utf-8")
    assert re.search(r"@media print \{[^@]*\.atlas-question__answer[^{]*\{\s*display: none", css)
    assert html.unescape(appendix).count("Answer") >= 21
