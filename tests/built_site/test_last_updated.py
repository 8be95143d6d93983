"""Every content page shows when it was last updated, under its title, in a <time datetime> element."""

from __future__ import annotations

import re
import subprocess

import pytest

from support.sitebuild import REPO_ROOT, built_pages, page_url_path

_LINE = re.compile(r'</h1><p class="atlas-last-updated"[^>]*>(.*?)</p>', re.DOTALL)


def test_every_content_page_shows_its_last_updated_date_under_its_title(site_dir):
    checked = 0
    for page in built_pages(site_dir):
        text = page.read_text(encoding="utf-8")
        if 'class="atlas-cite-page"' not in text:
            continue  # generated pages, notebooks and 404 carry no page citation (tests/built_site/test_page_kinds.py)
        line = _LINE.search(text)
        assert line, f"{page_url_path(site_dir, page)}: no 'Last updated' line under the title"
        assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">', line[1]), page_url_path(site_dir, page)
        assert line[1].startswith("Last updated: ") or line[1].startswith("Assembled "), line[1]
        checked += 1
    assert checked >= 20


def test_a_committed_pages_date_is_its_last_commit(site_dir):
    status = subprocess.run(["git", "-C", str(REPO_ROOT), "status", "--porcelain", "--", "docs"],
                            capture_output=True, text=True, check=True).stdout
    dirty = {line[3:] for line in status.splitlines()}
    for source, built in (("docs/concept/origins.md", "concept/origins/index.html"), ("docs/glossary.md", "glossary/index.html"),
                          ("docs/theory/index.md", "theory/index.html")):
        if source in dirty:
            continue
        expected = subprocess.run(["git", "-C", str(REPO_ROOT), "log", "-1", "--format=%cs", "--", source],
                                  capture_output=True, text=True, check=True).stdout.strip()
        line = _LINE.search((site_dir / built).read_text(encoding="utf-8"))[1]
        assert line.startswith(f'Last updated: <time datetime="{expected}">'), (source, line)
        return
    pytest.skip("every candidate page has uncommitted changes")
