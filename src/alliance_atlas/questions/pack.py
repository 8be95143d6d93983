"""The course pack's answers appendix, from the questions each chapter's page carried."""

from __future__ import annotations

from alliance_atlas.site.citations import render_citations
from alliance_atlas.site.course_pack import PACK_URL, chapter_slug

from .render import answers_appendix

QUESTIONS_META = "atlas_questions"


def pack_answers(nav_pages, chapters, bibliography, reference_urls: dict[str, str]) -> str:
    """The appendix for the pack's ``chapters`` (title, url), reading each page's questions from its meta."""
    by_url = {page.url: page.meta.get(QUESTIONS_META, []) for page in nav_pages}

    def cite(text: str) -> str:
        if bibliography is None:
            return text
        return render_citations(text, bibliography, PACK_URL, reference_urls).markdown

    def anchor(url: str, question_id: str) -> str:
        # course_pack.chapter_html prefixes every id of a chapter with its slug.
        return f"{chapter_slug(url)}--question-{question_id}"

    return answers_appendix([(chapter.title, chapter.url, by_url.get(chapter.url, [])) for chapter in chapters], cite, anchor)
