"""APA 7 in-text citations, and the a/b year suffixes shared with the reference list.

Written by hand rather than through citeproc-py because citeproc-py does not
disambiguate (two Safran 1996 papers both come out as "Safran, 1996") and cannot
print a reprint's "1912/1958"; the rules below are APA 7 §8.17-8.19.
"""

from __future__ import annotations

import re
import weakref
from collections import defaultdict
from typing import Iterable, Sequence

from .model import Reference

__all__ = [
    "year_suffixes",
    "sibling_references",
    "source_bibliography",
    "author_short",
    "year_label",
    "cite_parenthetical",
    "cite_narrative",
]

_LEADING_ARTICLE = re.compile(r"^(a|an|the)\s+", re.IGNORECASE)


def _author_identity(reference: Reference) -> tuple:
    people = reference.authors or reference.editors
    return tuple((person.surname, person.given, person.suffix) for person in people)


def year_suffixes(references: Iterable[Reference]) -> dict[str, str]:
    """``key -> "a"/"b"/...`` for works with identical authors and year; others get nothing.

    APA orders such works by title, ignoring a leading article.
    """
    groups: dict[tuple, list[Reference]] = defaultdict(list)
    for reference in references:
        # A reprint cited "1912/1958" is already told apart from a "1913/1958" one.
        groups[(_author_identity(reference), reference.year, reference.original_year)].append(reference)
    suffixes: dict[str, str] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        ordered = sorted(group, key=lambda r: (_LEADING_ARTICLE.sub("", r.title.lower()), r.key))
        for index, reference in enumerate(ordered):
            suffixes[reference.key] = _suffix_letters(index)
    return suffixes


def _suffix_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


def source_bibliography(reference: Reference):
    """The Bibliography ``reference`` belongs to: the one that parsed it, else its file's cached one."""
    from .errors import BibliographyErrors
    from .parse import cached_bibliography, owning_bibliography

    owner = owning_bibliography(reference)
    if owner is not None:
        return owner
    if not reference.source_file:
        return None
    try:
        bibliography = cached_bibliography(reference.source_file)
    except (BibliographyErrors, OSError):
        return None
    found = bibliography.get(reference.key)
    return bibliography if found is reference or found == reference else None


def sibling_references(reference: Reference) -> Sequence[Reference]:
    """The references of ``reference``'s own .bib file, so suffixes agree site-wide.

    Falls back to the reference alone when its file is gone or no longer holds it.
    """
    bibliography = source_bibliography(reference)
    return list(bibliography) if bibliography is not None else [reference]


# Suffixes depend on the whole file; computing them once per parsed Bibliography
# keeps thousands of in-text citations from re-scanning it each time.
_suffix_cache: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _bibliography_suffixes(bibliography) -> dict[str, str]:
    suffixes = _suffix_cache.get(bibliography)
    if suffixes is None:
        suffixes = year_suffixes(bibliography)
        _suffix_cache[bibliography] = suffixes
    return suffixes


def _suffix_for(reference: Reference, context: Iterable[Reference] | None) -> str:
    from .parse import Bibliography

    if context is None:
        context = source_bibliography(reference)
        if context is None:
            return ""
    if isinstance(context, Bibliography):
        return _bibliography_suffixes(context).get(reference.key, "")
    pool = list(context)
    if all(other.key != reference.key for other in pool):
        pool.append(reference)
    return year_suffixes(pool).get(reference.key, "")


def year_label(reference: Reference, context: Iterable[Reference] | None = None) -> str:
    """``1996``, ``1996a``, or ``1912/1958`` for a republished work."""
    year = f"{reference.year}{_suffix_for(reference, context)}"
    original = reference.original_year
    return f"{original}/{year}" if original and original != reference.year else year


def author_short(reference: Reference, conjunction: str = "&") -> str:
    """``Bordin``, ``Safran & Muran``, ``Horvath et al.``; editors stand in for missing authors."""
    people = reference.authors or reference.editors
    if not people:
        return reference.title
    names = [person.surname for person in people]
    if reference.authors_truncated and reference.authors:
        return f"{names[0]} et al."
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} {conjunction} {names[1]}"
    return f"{names[0]} et al."


def cite_parenthetical(
    refs_with_locators: Sequence[tuple[Reference, str | None]],
    context: Iterable[Reference] | None = None,
) -> str:
    """``(Safran & Muran, 1996, 2000; Bordin, 1979, p. 12)``.

    Works keep the writer's order; works by the same authors are merged into the
    first one's slot, as APA does for "(Zhou, 2013, 2015)".
    """
    pool = context if context is None or hasattr(context, "references") else list(context)
    groups: dict[str, list[str]] = {}
    for reference, locator in refs_with_locators:
        label = year_label(reference, pool)
        dated = f"{label}, {locator}" if locator else label
        groups.setdefault(author_short(reference, "&"), []).append(dated)
    parts = [f"{authors}, {', '.join(dates)}" for authors, dates in groups.items()]
    return f"({'; '.join(parts)})"


def cite_narrative(
    reference: Reference,
    locator: str | None = None,
    context: Iterable[Reference] | None = None,
) -> str:
    """``Safran and Muran (1996)``, ``Bordin (1979, p. 12)``."""
    label = year_label(reference, context)
    dated = f"{label}, {locator}" if locator else label
    return f"{author_short(reference, 'and')} ({dated})"
