"""'Cite this page': APA and BibTeX for a page of the site itself, and its last-changed date from git."""

from __future__ import annotations

import datetime as _dt
import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from alliance_atlas.site.widgets import copy_button, copy_status

AUTHOR = "Alliance Atlas contributors"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December")
_BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class PageDate:
    """The date a page citation carries, and where it comes from."""

    date: _dt.date
    from_git: bool

    @property
    def label(self) -> str:
        if self.from_git:
            return f"Last updated {_long_date(self.date)} (date of the last change to this page in the site's history)."
        return (f"Built {_long_date(self.date)}: the date of the last change to this page is not recorded, "
                "so the citation uses the date this copy of the site was built.")


def last_commit_dates(docs_dir: Path) -> dict[str, _dt.date]:
    """The date of the last commit touching each file under ``docs_dir``, keyed by its path relative to it.

    One ``git log`` call for the whole folder (not one per page); empty when git or the history is missing.
    """
    try:
        completed = subprocess.run(
            ["git", "-C", str(docs_dir), "log", "--format=%x00%cs", "--name-only", "--relative", "--no-renames", "--", "."],
            capture_output=True, text=True, timeout=60, check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    return parse_git_log(completed.stdout)


def parse_git_log(output: str) -> dict[str, _dt.date]:
    """Parse ``git log --format=%x00%cs --name-only``: newest commit first, so the first date seen wins."""
    dates: dict[str, _dt.date] = {}
    for block in output.split("\x00"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        try:
            when = _dt.date.fromisoformat(lines[0])
        except ValueError:
            continue
        for name in lines[1:]:
            dates.setdefault(name, when)
    return dates


def page_date(src_path: str, git_dates: dict[str, _dt.date], build_date: _dt.date) -> PageDate:
    when = git_dates.get(src_path)
    return PageDate(when, True) if when else PageDate(build_date, False)


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


def _long_date(when: _dt.date) -> str:
    return f"{when.day} {_MONTHS[when.month - 1]} {when.year}"


def _bibtex_escape(text: str) -> str:
    """Escape the characters that would unbalance BibTeX braces or mean something to LaTeX."""
    return "".join("\\textbackslash{}" if ch == "\\" else "\\" + ch if ch in "{}&%$#_" else ch for ch in text)
