"""The course pack's answers appendix, from the questions each chapter's page carried."""

from __future__ import annotations

from alliance_atlas.site.citations import render_citations
from alliance_atlas.site.course_pack import Chapter, chapter_html
from alliance_atlas.site.links import relative_url

from .render import answers_appendix

QUESTIONS_META = "atlas_questions"
# The appendix is written as if it were a page at this address, then goes through the pack's own chapter
# treatment, which turns its links to chapters and its citations into links inside the pack.
_APPENDIX_URL = "answers/"
APPENDIX_ID = "answers"


def pack_answers(nav_pages, chapters, formatter, reference_urls: dict[str, str]) -> str:
    """The appendix for the pack's ``chapters``, reading each page's questions from its meta; "" if none."""
    by_url = {page.url: page.meta.get(QUESTIONS_META, []) for page in nav_pages}

    def cite(text: str) -> str:
        if formatter is None:
            return text
        return render_citations(text, formatter, _APPENDIX_URL, reference_urls).markdown

    def link(url: str, question_id: str) -> str:
        return f"{relative_url(url, _APPENDIX_URL)}#question-{question_id}"

    body = answers_appendix([(chapter.title, chapter.url, by_url.get(chapter.url, [])) for chapter in chapters], cite, link)
    if not body:
        return ""
    key_by_url = {url: key for key, url in reference_urls.items()}
    treated = chapter_html(Chapter("Answers", _APPENDIX_URL, body), {chapter.url for chapter in chapters}, key_by_url)
    inner = treated[treated.index(">") + 1:treated.rindex("</section>")]
    return (f'<section class="atlas-pack__answers" id="{APPENDIX_ID}" aria-labelledby="{APPENDIX_ID}-heading">'
            f'<h2 id="{APPENDIX_ID}-heading">Answers to "Check your understanding"</h2>'
            "<p>The answers and explanations for the questions at the end of each area's main chapter.</p>"
            f"{inner}</section>")
