"""APA 7 rules outside citeproc: in-text citations, the a/b year suffixes shared with the reference list, and
reference-list order.

Written by hand rather than through citeproc-py because citeproc-py does not
disambiguate (two Safran 1996 papers both come out as "Safran, 1996") and cannot
print a reprint's "1912/1958"; the rules below are APA 7 §8.17-8.19.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from collections import defaultdict
from typing import Iterable, Mapping, Sequence

from .model import Reference

__all__ = [
    "year_suffixes",
    "apa_sort_key",
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


def _label(reference: Reference, suffix: str) -> str:
    year = f"{reference.year}{suffix}"
    original = reference.original_year
    return f"{original}/{year}" if original and original != reference.year else year


def year_label(
    reference: Reference, context: Iterable[Reference] | None = None, *, suffixes: Mapping[str, str] | None = None
) -> str:
    """``1996``, ``1996a``, or ``1912/1958`` for a republished work.

    The a/b suffix depends on the other works in ``context`` (the reference alone when none is
    given), or comes from ``suffixes``; a build passes its whole bibliography through one ``Formatter``.
    """
    if suffixes is None:
        suffixes = _suffixes_with(reference, context)
    return _label(reference, suffixes.get(reference.key, ""))


def _suffixes_with(reference: Reference, context: Iterable[Reference] | None) -> dict[str, str]:
    pool = list(context) if context is not None else []
    if all(other.key != reference.key for other in pool):
        pool.append(reference)
    return year_suffixes(pool)


def author_short(reference: Reference, conjunction: str = "&", *, missing: str | None = None) -> str:
    """``Bordin``, ``Safran & Muran``, ``Horvath et al.``; editors stand in for missing authors, then
    ``missing`` (APA's own rule, the title, by default)."""
    people = reference.authors or reference.editors
    if not people:
        return reference.title if missing is None else missing
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
    *,
    suffixes: Mapping[str, str] | None = None,
) -> str:
    """``(Safran & Muran, 1996, 2000; Bordin, 1979, p. 12)``.

    Works keep the writer's order; works by the same authors are merged into the
    first one's slot, as APA does for "(Zhou, 2013, 2015)". ``suffixes`` (from ``year_suffixes``)
    saves recomputing them from ``context`` (by default, the cited works themselves).
    """
    if suffixes is None:
        pool = list(context) if context is not None else []
        keys = {reference.key for reference in pool}
        pool += [reference for reference, _ in refs_with_locators if reference.key not in keys]
        suffixes = year_suffixes(pool)
    groups: dict[str, list[str]] = {}
    for reference, locator in refs_with_locators:
        label = _label(reference, suffixes.get(reference.key, ""))
        dated = f"{label}, {locator}" if locator else label
        groups.setdefault(author_short(reference, "&"), []).append(dated)
    parts = [f"{authors}, {', '.join(dates)}" for authors, dates in groups.items()]
    return f"({'; '.join(parts)})"


def cite_narrative(
    reference: Reference,
    locator: str | None = None,
    context: Iterable[Reference] | None = None,
    *,
    suffixes: Mapping[str, str] | None = None,
) -> str:
    """``Safran and Muran (1996)``, ``Bordin (1979, p. 12)``."""
    if suffixes is None:
        suffixes = _suffixes_with(reference, context)
    label = _label(reference, suffixes.get(reference.key, ""))
    dated = f"{label}, {locator}" if locator else label
    return f"{author_short(reference, 'and')} ({dated})"


def apa_sort_key(reference: Reference) -> tuple:
    """APA reference-list order: first author's surname, then year, then title."""
    people = reference.authors or reference.editors
    surname = people[0].surname if people else reference.title
    return (_fold(surname), [_fold(p.surname) for p in people], reference.year, _fold(reference.title))


@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    # Cached: every citation of every page sorts its works by these keys, from the same few thousand names.
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
