"""Date every content page and end it with "Cite this page": APA and BibTeX for the page, with copy buttons.

The date is the page's last commit (one `git log` per build, not one per page), else the build date,
and the page says which it is. It shows under the page's title as "Last updated: <time datetime=...>".
A shallow clone never lends a page its boundary commit's date: see ``cite_page.last_commit_dates``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from alliance_atlas.site import state
from alliance_atlas.site.cite_page import (
    HEADING,
    cite_this_page_html,
    insert_after_title,
    last_commit_dates,
    last_updated_html,
    page_date,
)

_PLACEHOLDER = '<div class="atlas-cite-page" data-atlas-cite-page="pending"></div>'


def on_page_markdown(markdown, page, config, files, **kwargs):
    if not _is_content_page(page):
        return markdown
    return f"{markdown.rstrip()}\n\n{HEADING}\n\n{_PLACEHOLDER}\n"


def on_page_content(html_text, page, config, files, **kwargs):
    if _PLACEHOLDER not in html_text:
        return html_text
    title = html.unescape(re.sub(r"<[^>]+>", "", page.title or ""))
    url = (config["site_url"] or "") + page.url if config["site_url"] else ""
    when = page_date(page.file.src_uri, _git_dates(config), state.current().build_date)
    block = cite_this_page_html(title, config["site_name"], url, when, page_path=page.url or "home")
    return insert_after_title(html_text.replace(_PLACEHOLDER, block, 1), last_updated_html(when))


# ----------------------------------------------------------------------------------------------

def _is_content_page(page) -> bool:
    """Pages people wrote: not the generated bibliography pages, not notebooks."""
    return page.file.src_uri.endswith(".md") and page.file.src_uri not in state.current().generated_pages


def _git_dates(config):
    build = state.current()
    if build.git_dates is None:
        build.git_dates = last_commit_dates(Path(config["docs_dir"]))
    return build.git_dates
