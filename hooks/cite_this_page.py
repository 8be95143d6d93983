"""Date every page people wrote and end it with "Cite this page": APA and BibTeX for the page, with copy buttons.

The date is the page's last commit (one `git log` per build, not one per page), else the build date,
and the page says which it is. It shows under the page's title as "Last updated: <time datetime=...>".
A shallow clone never lends a page its boundary commit's date: see ``cite_page.last_commit_dates``.
A generated page (``state.PageKind``) carries no citation block; it shows the date of the file it is made
from (the bibliography's last commit) when git knows it, and no date otherwise.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from alliance_atlas.site import state
from alliance_atlas.site.state import PageKind
from alliance_atlas.site.cite_page import (
    HEADING,
    cite_this_page_html,
    generated_page_note,
    insert_after_title,
    last_commit_dates,
    last_updated_html,
    page_date,
    source_date,
)

_PLACEHOLDER = '<div class="atlas-cite-page" data-atlas-cite-page="pending"></div>'
_CITE_INSTEAD = {
    PageKind.READING_LIST: "Cite the works it lists, each from its own reference page.",
    PageKind.COURSE_PACK: "Cite each chapter from its own page, which ends with \u201cCite this page\u201d.",
}


def on_page_markdown(markdown, page, config, files, **kwargs):
    kind = state.current().page_kind(page.file.src_uri)
    if kind in _CITE_INSTEAD:
        return f"{markdown.rstrip()}\n\n{generated_page_note(page.file.src_uri, _CITE_INSTEAD[kind])}"
    if kind is not PageKind.WRITTEN:
        return markdown
    return f"{markdown.rstrip()}\n\n{HEADING}\n\n{_PLACEHOLDER}\n"


def on_page_content(html_text, page, config, files, **kwargs):
    if _PLACEHOLDER not in html_text:
        return _dated_from_source(html_text, page)
    title = html.unescape(re.sub(r"<[^>]+>", "", page.title or ""))
    url = (config["site_url"] or "") + page.url if config["site_url"] else ""
    when = page_date(page.file.src_uri, _git_dates(config), state.current().build_date)
    block = cite_this_page_html(title, config["site_name"], url, when, page_path=page.url or "home")
    return insert_after_title(html_text.replace(_PLACEHOLDER, block, 1), last_updated_html(when))


# ----------------------------------------------------------------------------------------------

def _dated_from_source(html_text: str, page) -> str:
    build = state.current()
    generated = build.generated.get(page.file.src_uri)
    if generated is None or generated.source is None:
        return html_text
    if generated.source not in build.source_dates:
        build.source_dates[generated.source] = source_date(generated.source)
    when = build.source_dates[generated.source]
    return insert_after_title(html_text, last_updated_html(when)) if when is not None else html_text


def _git_dates(config):
    build = state.current()
    if build.git_dates is None:
        build.git_dates = last_commit_dates(Path(config["docs_dir"]))
    return build.git_dates
