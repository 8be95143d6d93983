"""Relative links between pages of the built site, computed as MkDocs does, without importing MkDocs."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import quote

from alliance_atlas.bibliography.formatting import doi_url  # noqa: F401  (one definition, for the site modules)

PUBMED_BASE = "https://pubmed.ncbi.nlm.nih.gov/"
PMC_BASE = "https://pmc.ncbi.nlm.nih.gov/articles/"
SCHOLAR_BASE = "https://scholar.google.com/scholar?q="


# Cached: every page links to the same reference pages, and each reference page to the same few pages.
@lru_cache(maxsize=1 << 16)
def relative_url(url: str, other: str) -> str:
    """The link from the page at URL ``other`` to ``url`` (both site-relative), like ``mkdocs.utils.get_relative_url``,
    except that a link to the home page (``""``) ends with a slash, as every other page URL does."""
    url = url or "./"
    if other != ".":
        head, tail = posixpath.split(other)
        other = head if "." in tail else other
    relative = posixpath.relpath("/" + url, "/" + other)
    return relative + "/" if url.endswith("/") else relative


def pubmed_url(pmid: str) -> str:
    return f"{PUBMED_BASE}{quote(pmid.strip(), safe='')}/"


def pmc_url(pmcid: str) -> str:
    return f"{PMC_BASE}{quote(pmcid.strip(), safe='')}/"


def scholar_url(title: str) -> str:
    return SCHOLAR_BASE + quote(title, safe="")
