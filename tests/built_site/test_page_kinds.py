"""Each kind of page carries the date and citation block that is true of it (``state.PageKind``).

Written pages: their last commit and "Cite this page". Generated pages (references, reading lists): no citation
block, and the date of the bibliography they are made from. Notebooks: neither. The course pack: when it was
assembled. No page of a full clone says its date is "not recorded".
"""

from __future__ import annotations

import re
import subprocess

import pytest

from support.sitebuild import REPO_ROOT, built_pages, page_url_path

pytestmark = pytest.mark.build

_DATE_LINE = re.compile(r'</h1><p class="atlas-last-updated"[^>]*>(.*?)</p>', re.DOTALL)
_CITE_BLOCK = 'class="atlas-cite-page"'


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(REPO_ROOT), *args], capture_output=True, text=True, check=True).stdout.strip()


def _page(site_dir, path: str) -> str:
    return (site_dir / path / "index.html").read_text(encoding="utf-8")


def _date_line(text: str) -> str | None:
    match = _DATE_LINE.search(text)
    return match[1] if match else None


@pytest.fixture(scope="module")
def bibliography_date():
    if _git("rev-parse", "--is-shallow-repository") == "true":
        pytest.skip("a shallow clone may not know when the bibliography last changed")
    if _git("status", "--porcelain", "--", "bibliography/alliance.bib"):
        pytest.skip("the bibliography has uncommitted changes")
    return _git("log", "-1", "--format=%cs", "--", "bibliography/alliance.bib")


def test_a_written_page_has_its_git_date_and_a_citation_block(site_dir):
    text = _page(site_dir, "theory")
    assert _date_line(text).startswith("Last updated: "), _date_line(text)
    assert _CITE_BLOCK in text


@pytest.mark.parametrize("path", ["references", "references/safran1996resolution", "reading-lists", "reading-lists/rupture-repair"])
def test_a_generated_page_has_the_bibliographys_date_and_no_citation_block(site_dir, bibliography_date, path):
    text = _page(site_dir, path)
    assert _CITE_BLOCK not in text, path
    assert _date_line(text).startswith(f'Last updated: <time datetime="{bibliography_date}">'), (path, _date_line(text))


def test_a_notebook_has_neither_a_citation_block_nor_an_invented_date(site_dir):
    text = _page(site_dir, "explainers/alliance-outcome")
    assert _CITE_BLOCK not in text
    assert "atlas-last-updated" not in text


def test_the_course_pack_says_when_it_was_assembled_and_is_not_a_page_to_cite(site_dir):
    text = _page(site_dir, "course-pack")
    assert _date_line(text).startswith("Assembled <time datetime="), _date_line(text)
    # Its chapters keep their own citation blocks out: the pack itself carries none.
    assert _CITE_BLOCK not in text
    assert "Cite each chapter from its own page" in text


@pytest.mark.parametrize("path", ["reading-lists", "reading-lists/rupture-repair", "course-pack"])
def test_a_generated_page_keeps_its_published_anchor_with_a_note_on_what_to_cite(site_dir, path):
    text = _page(site_dir, path)
    note = text[text.index('id="cite-this-page"'):]
    assert "has no citation of its own" in note
    assert 'href="' in note and "about/#how-to-cite" in note


def test_no_page_of_a_full_clone_says_its_date_is_not_recorded(site_dir):
    if _git("rev-parse", "--is-shallow-repository") == "true":
        pytest.skip("a shallow clone says so on purpose")
    silent = [page_url_path(site_dir, page) for page in built_pages(site_dir)
              if "not recorded in this copy" in page.read_text(encoding="utf-8")]
    assert silent == []
