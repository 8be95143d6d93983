"""Last-updated dates from git: right in a full clone, never the boundary commit's date in a shallow one."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from alliance_atlas.site.cite_page import (
    source_date,
    SHALLOW,
    UNCOMMITTED,
    GitDates,
    last_commit_dates,
    last_updated_html,
    page_date,
    parse_git_log,
    shallow_boundary,
)
from support.sitebuild import REPO_ROOT

BUILD_DAY = dt.date(2030, 1, 2)
needs_git = pytest.mark.skipif(shutil.which("git") is None or not (REPO_ROOT / ".git").exists(),
                               reason="needs git and the repository's history")


def _git(*args, cwd=REPO_ROOT) -> str:
    return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True, check=True).stdout.strip()


def _clean_committed_page() -> str:
    """A page under docs/ with no uncommitted change, so its date must be its last commit's."""
    changed = set(_git("status", "--porcelain", "--", "docs").splitlines())
    dirty = {line[3:] for line in changed}
    for candidate in ("docs/concept/origins.md", "docs/glossary.md", "docs/theory/index.md", "docs/index.md"):
        if candidate not in dirty and _git("log", "-1", "--format=%cs", "--", candidate):
            return candidate
    pytest.skip("every candidate page has uncommitted changes")


def test_a_boundary_commit_gives_no_date_and_a_real_commit_does():
    log = "\x00aaaa 2026-11-20\n\nnew.md\n\x00bbbb 2026-11-01\n\nnew.md\nold.md\n"
    assert parse_git_log(log) == {"new.md": dt.date(2026, 11, 20), "old.md": dt.date(2026, 11, 1)}
    assert parse_git_log(log, frozenset({"bbbb"})) == {"new.md": dt.date(2026, 11, 20), "old.md": None}


def test_page_date_labels_each_kind_of_unknown_honestly():
    dates = GitDates({"a.md": dt.date(2026, 11, 20), "b.md": None}, frozenset({"c.md"}), shallow=True)
    assert page_date("a.md", dates, BUILD_DAY).date == dt.date(2026, 11, 20)
    shallow = page_date("b.md", dates, BUILD_DAY)
    assert (shallow.from_git, shallow.reason, shallow.date) == (False, SHALLOW, BUILD_DAY)
    assert page_date("c.md", dates, BUILD_DAY).reason == UNCOMMITTED
    line = last_updated_html(shallow)
    assert "not known in this copy" in line and 'datetime="2030-01-02"' in line and "Built" in line
    assert last_updated_html(page_date("a.md", dates, BUILD_DAY)) == (
        '<p class="atlas-last-updated" data-search-exclude>Last updated: <time datetime="2026-11-20">20 November 2026</time></p>')


@needs_git
def test_full_history_date_is_the_files_last_commit():
    page = _clean_committed_page()
    dates = last_commit_dates(REPO_ROOT / "docs")
    src = page.removeprefix("docs/")
    assert not dates.shallow
    assert dates.dates[src].isoformat() == _git("log", "-1", "--format=%cs", "--", page)
    when = page_date(src, dates, BUILD_DAY)
    assert when.from_git and when.date.isoformat() == _git("log", "-1", "--format=%cs", "--", page)


@needs_git
def test_shallow_clone_shows_no_boundary_date(tmp_path):
    """`git clone --depth 1` of this repository: every file's newest visible commit is the boundary, so no date."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{REPO_ROOT}", str(clone)],
                   check=True, capture_output=True, timeout=120)
    assert _git("rev-parse", "--is-shallow-repository", cwd=clone) == "true"
    boundary_commit = _git("rev-parse", "HEAD", cwd=clone)
    assert shallow_boundary(clone) == frozenset({boundary_commit})
    boundary_day = dt.date.fromisoformat(_git("log", "-1", "--format=%cs", cwd=clone))

    dates = last_commit_dates(clone / "docs")
    assert dates.shallow
    assert dates.dates, "git log saw no file at all"
    assert set(dates.dates.values()) == {None}, "a shallow clone lent a page its boundary commit's date"
    for src in ("index.md", "about/index.md"):
        when = page_date(src, dates, BUILD_DAY)
        assert not when.from_git and when.reason == SHALLOW and when.date == BUILD_DAY
        line = last_updated_html(when)
        assert "not known in this copy" in line
        assert boundary_day.isoformat() not in line or boundary_day == BUILD_DAY


@needs_git
def test_a_deeper_shallow_clone_dates_files_changed_after_the_boundary(tmp_path):
    """With two commits visible, a file changed in the newer one gets its real date; the rest stay unknown."""
    origin = tmp_path / "origin"
    origin.mkdir()
    env_git = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    _git("init", "--quiet", cwd=origin)
    (origin / "docs").mkdir()
    for name, day in (("a.md", "2026-01-01"), ("b.md", "2026-02-01"), ("c.md", "2026-03-01")):
        (origin / "docs" / name).write_text(name)
        _git("add", ".", cwd=origin)
        subprocess.run(["git", "-C", str(origin), *env_git, "commit", "--quiet", "-m", name],
                       check=True, capture_output=True,
                       env={"GIT_COMMITTER_DATE": f"{day}T12:00:00Z", "GIT_AUTHOR_DATE": f"{day}T12:00:00Z",
                            "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--depth", "2", f"file://{origin}", str(clone)], check=True, capture_output=True)
    dates = last_commit_dates(clone / "docs")
    assert dates.dates == {"c.md": dt.date(2026, 3, 1), "b.md": None, "a.md": None}
    (clone / "docs" / "c.md").write_text("edited")
    assert page_date("c.md", last_commit_dates(clone / "docs"), BUILD_DAY).reason == UNCOMMITTED


def test_no_git_history_falls_back_to_the_labelled_build_date(tmp_path):
    when = page_date("index.md", last_commit_dates(tmp_path), BUILD_DAY)
    assert not when.from_git and when.date == BUILD_DAY and "Built" in when.label


def test_a_generated_pages_source_is_dated_when_a_merge_changed_it_last(tmp_path):
    """Merges list no files in `git log --name-only`; the source's date must still be found."""
    def git(*args):
        subprocess.run(["git", "-C", str(tmp_path), "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                       check=True, capture_output=True)

    source = tmp_path / "alliance.bib"
    git("init", "-q", "-b", "main")
    source.write_text("a\n")
    git("add", ".")
    git("commit", "-qm", "one")
    git("checkout", "-qb", "side")
    source.write_text("a\nb\n")
    git("commit", "-qam", "side")
    git("checkout", "-q", "main")
    source.write_text("z\na\n")
    git("commit", "-qam", "main")
    git("merge", "-q", "--no-edit", "side")  # both sides' lines: the merge differs from each parent
    when = source_date(source)
    assert when is not None and when.from_git and when.date == dt.date.today()
    source.write_text("changed\n")
    assert source_date(source) is None, "uncommitted changes give no date"
