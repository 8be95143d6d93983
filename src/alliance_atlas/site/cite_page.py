"""'Cite this page': APA and BibTeX for a page of the site itself, and its last-changed date from git."""

from __future__ import annotations

import datetime as _dt
import html
import posixpath
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from alliance_atlas.site.copy_buttons import copy_button, copy_status
from alliance_atlas.site.search import EXCLUDE, excluded_heading

AUTHOR = "Alliance Atlas contributors"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December")
_BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


HEADING = excluded_heading(2, "Cite this page", "cite-this-page")
#: Generated pages that were once published with a "Cite this page" section keep its address, with a note
#: that says what to cite instead (permalinks.txt lists ``reading-lists/#cite-this-page`` and the like).
GENERATED_HEADING = excluded_heading(2, "Citing this page", "cite-this-page")
_HOW_TO_CITE = "about/index.md#how-to-cite"

#: Why a page has no date from its history: no git history at all, a change not yet committed,
#: or a shallow clone whose history stops before the page's last change.
NO_HISTORY = "no-history"
UNCOMMITTED = "uncommitted"
SHALLOW = "shallow"


@dataclass(frozen=True)
class PageDate:
    """The date a page citation carries, and where it comes from.

    ``from_git`` is true when ``date`` is the page's last commit. Otherwise ``date`` is the build date and
    ``reason`` says why the history could not give one (``NO_HISTORY``, ``UNCOMMITTED`` or ``SHALLOW``).
    """

    date: _dt.date
    from_git: bool
    reason: str = NO_HISTORY

    @property
    def label(self) -> str:
        if self.from_git:
            return f"Last updated {_long_date(self.date)} (date of the last change to this page in the site's history)."
        if self.reason == UNCOMMITTED:
            return (f"Built {_long_date(self.date)}: this copy of the page has changes that are not yet in the site's history, "
                    "so the citation uses the date this copy of the site was built.")
        if self.reason == SHALLOW:
            return (f"Built {_long_date(self.date)}: the date of the last change to this page is not known in this copy "
                    "(its history is incomplete), so the citation uses the date this copy of the site was built.")
        return (f"Built {_long_date(self.date)}: the date of the last change to this page is not recorded, "
                "so the citation uses the date this copy of the site was built.")


@dataclass(frozen=True)
class GitDates:
    """What git knows about the files under a folder, read with a handful of git calls per build.

    ``dates`` maps a file (relative to the folder) to its last commit date, or to ``None`` when that commit is the
    boundary of a shallow clone, whose real date is unknown. ``changed`` holds files that differ from the last commit
    (modified, staged or untracked).
    """

    dates: dict[str, _dt.date | None] = field(default_factory=dict)
    changed: frozenset[str] = frozenset()
    shallow: bool = False

    def get(self, src_path: str, default=None):  # a mapping's get, for callers that only want the date
        return self.dates.get(src_path, default)


def last_commit_dates(docs_dir: Path) -> GitDates:
    """The date of the last commit touching each file under ``docs_dir``, keyed by its path relative to it.

    One ``git log`` call for the whole folder (not one per page), plus one call each for the shallow-clone
    boundary and the uncommitted files; empty when git or the history is missing. In a shallow clone a file whose
    newest visible commit is a boundary commit (listed in ``.git/shallow``) maps to ``None``: its last change
    happened at or before that commit, on a date this copy cannot know.
    """
    log = _git(docs_dir, "log", "--format=%x00%H %cs", "--name-only", "--relative", "--no-renames", "--", ".")
    if log is None:
        return GitDates()
    boundary = shallow_boundary(docs_dir)
    changed = set()
    for listing in (_git(docs_dir, "diff", "--name-only", "--relative", "HEAD", "--", "."),
                    _git(docs_dir, "ls-files", "--others", "--exclude-standard", "--", ".")):
        changed.update(line.strip() for line in (listing or "").splitlines() if line.strip())
    return GitDates(parse_git_log(log, boundary), frozenset(changed), shallow=bool(boundary))


def shallow_boundary(directory: Path) -> frozenset[str]:
    """The boundary commits of a shallow clone (empty for a full clone): ``git rev-parse --is-shallow-repository``
    and the hashes in ``.git/shallow``."""
    if (_git(directory, "rev-parse", "--is-shallow-repository") or "").strip() != "true":
        return frozenset()
    path = (_git(directory, "rev-parse", "--path-format=absolute", "--git-path", "shallow") or "").strip()
    try:
        text = Path(path).read_text(encoding="ascii") if path else ""
    except OSError:
        text = ""
    # A shallow repository whose boundary file cannot be read: treat every commit as a boundary (no date is safer).
    return frozenset(text.split()) or frozenset({"*"})


def parse_git_log(output: str, boundary: frozenset[str] = frozenset()) -> dict[str, _dt.date | None]:
    """Parse ``git log --format=%x00%H %cs --name-only`` (or ``%x00%cs``): newest commit first, so the first date
    seen wins. Files first seen in a ``boundary`` commit map to ``None`` (``"*"`` in ``boundary`` means every commit)."""
    dates: dict[str, _dt.date | None] = {}
    for block in output.split("\x00"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        head = lines[0].split()
        commit = head[0] if len(head) == 2 else ""
        try:
            when = _dt.date.fromisoformat(head[-1])
        except ValueError:
            continue
        unknown = bool(boundary) and (commit in boundary or "*" in boundary)
        for name in lines[1:]:
            dates.setdefault(name, None if unknown else when)
    return dates


def page_date(src_path: str, git_dates, build_date: _dt.date) -> PageDate:
    """The date for a page's citation: its last commit, else the build date with the reason.

    ``git_dates`` is a ``GitDates`` or a plain mapping of paths to dates.
    """
    if isinstance(git_dates, GitDates):
        if src_path in git_dates.changed:
            return PageDate(build_date, False, UNCOMMITTED)
        if src_path in git_dates.dates and git_dates.dates[src_path] is None:
            return PageDate(build_date, False, SHALLOW)
        if git_dates.shallow and src_path not in git_dates.dates:
            return PageDate(build_date, False, SHALLOW)
        when = git_dates.dates.get(src_path)
    else:
        when = git_dates.get(src_path)
    return PageDate(when, True) if when else PageDate(build_date, False)


def source_date(path: Path) -> PageDate | None:
    """The last commit date of the one file a generated page is made from, or ``None`` when git cannot tell:
    no history, uncommitted changes, or a shallow clone whose boundary commit is the file's newest one."""
    directory, name = path.parent, path.name
    if _git(directory, "status", "--porcelain", "--", name):
        return None
    # No --name-only: the newest commit may be a merge, which lists no files without a diff of its own.
    head = (_git(directory, "log", "-1", "--format=%H %cs", "--", name) or "").split()
    if len(head) != 2:
        return None
    boundary = shallow_boundary(directory)
    if head[0] in boundary or "*" in boundary:
        return None
    try:
        return PageDate(_dt.date.fromisoformat(head[1]), True)
    except ValueError:
        return None


def last_updated_html(when: PageDate) -> str:
    """The visible "Last updated" line at the top of a content page, with a ``<time datetime>`` element.

    A date from git reads "Last updated: <time>"; otherwise the line says the date is not known and gives the
    build date, labelled as such, so no reader takes the build date for the date of the last change.
    """
    stamp = f'<time datetime="{when.date.isoformat()}">{_long_date(when.date)}</time>'
    if when.from_git:
        text = f"Last updated: {stamp}"
    elif when.reason == UNCOMMITTED:
        text = f"Last updated: not yet recorded (this copy has uncommitted changes). Built {stamp}."
    elif when.reason == SHALLOW:
        text = f"Last updated: not known in this copy (its history is incomplete). Built {stamp}."
    else:
        text = f"Last updated: not recorded in this copy. Built {stamp}."
    return f'<p class="atlas-last-updated" {EXCLUDE}>{text}</p>'


def insert_after_title(page_html: str, snippet: str) -> str:
    """Put ``snippet`` right after the page's first ``</h1>`` (at the top when there is none): the
    "Last updated" line here, a notebook's download link in ``explainers.pages``."""
    end = page_html.find("</h1>")
    if end < 0:
        return snippet + page_html
    end += len("</h1>")
    return page_html[:end] + snippet + page_html[end:]


def _git(directory: Path, *args: str) -> str | None:
    try:
        completed = subprocess.run(["git", "-C", str(directory), *args],
                                   capture_output=True, text=True, timeout=60, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return completed.stdout


def page_apa(title: str, site_name: str, url: str, when: PageDate, *, output: str = "text") -> str:
    """APA 7 for a page of the site: 'Alliance Atlas contributors. (2026, November 20). Title. Site. URL'."""
    date = f"{when.date.year}, {_MONTHS[when.date.month - 1]} {when.date.day}"
    if output == "html":
        e = html.escape
        link = f'<a href="{e(url, quote=True)}">{e(url)}</a>' if url else ""
        return f"{e(AUTHOR)}. ({e(date)}). <em>{e(title)}</em>. {e(site_name)}. {link}".rstrip()
    return f"{AUTHOR}. ({date}). {title}. {site_name}. {url}".rstrip()


def page_bibtex(title: str, site_name: str, url: str, when: PageDate, *, page_path: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", page_path.lower()).strip("-") or "home"
    fields = [
        ("author", "{" + _bibtex_escape(AUTHOR) + "}"),
        ("title", "{" + _bibtex_escape(title) + "}"),
        ("howpublished", _bibtex_escape(site_name)),
        ("year", str(when.date.year)),
        ("month", _BIBTEX_MONTHS[when.date.month - 1]),
    ]
    if url:
        fields.append(("url", url))
    fields.append(("note", ("Last updated " if when.from_git else "Site built ") + when.date.isoformat()))
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}" for name, value in fields
    )
    return f"@misc{{atlas-{slug},\n{body}\n}}\n"


def cite_this_page_html(title: str, site_name: str, url: str, when: PageDate, *, page_path: str) -> str:
    """The body of the 'Cite this page' section: the APA text, BibTeX, copy buttons and the date's label."""
    e = html.escape
    apa_text = page_apa(title, site_name, url, when)
    bibtex = page_bibtex(title, site_name, url, when, page_path=page_path)
    status_id = "cite-this-page-status"
    return (
        '<div class="atlas-cite-page">'
        f'<p class="atlas-cite-page__apa">{page_apa(title, site_name, url, when, output="html")}</p>'
        f'<p class="atlas-cite-page__date">{e(when.label)}</p>'
        '<div class="atlas-copy">'
        f'{copy_button("Copy APA", apa_text, status_id)}'
        f'{copy_button("Copy BibTeX", bibtex, status_id)}'
        f'{copy_status(status_id)}'
        '</div>'
        '<details class="atlas-cite-page__bibtex no-copy"><summary>BibTeX</summary>'
        f'<pre><code>{e(bibtex)}</code></pre></details>'
        '</div>'
    )


def generated_page_note(src_uri: str, what: str) -> str:
    """Markdown for the end of a generated page: it is not a work to cite; ``what`` says what to cite instead."""
    link = posixpath.relpath(_HOW_TO_CITE, posixpath.dirname(src_uri) or ".")
    return (f"{GENERATED_HEADING}\n\n"
            f"This page is generated by the site, not written, so it has no citation of its own. {what} "
            f"To cite the atlas as a whole, see [How to cite Alliance Atlas]({link}).\n")


def _long_date(when: _dt.date) -> str:
    return f"{when.day} {_MONTHS[when.month - 1]} {when.year}"


def _bibtex_escape(text: str) -> str:
    """Escape the characters that would unbalance BibTeX braces or mean something to LaTeX."""
    return "".join("\\textbackslash{}" if ch == "\\" else "\\" + ch if ch in "{}&%$#_" else ch for ch in text)
