"""Highwire Press ``citation_*`` meta tags, read by Google Scholar and Zotero.

:func:`highwire_meta` returns raw text pairs for a template to escape;
:func:`highwire_tags` renders them already escaped, for hooks that write HTML directly.
"""

from __future__ import annotations

import html

from .model import Reference

__all__ = ["highwire_meta", "highwire_tags"]


_LOCATOR_TAGS = {
    "first_page": "citation_firstpage", "last_page": "citation_lastpage", "eid": "citation_article_number",
    "doi": "citation_doi", "pmid": "citation_pmid",
}


def highwire_meta(reference: Reference) -> list[tuple[str, str]]:
    fields = reference.fields
    meta: list[tuple[str, str]] = [("citation_title", reference.title)]
    meta += [("citation_author", person.inverted) for person in reference.authors]
    meta.append(("citation_publication_date", str(reference.year)))
    if fields.get("journal"):
        meta.append(("citation_journal_title", fields["journal"]))
    if fields.get("booktitle"):
        meta.append(("citation_inbook_title", fields["booktitle"]))
    for field, name in (("volume", "citation_volume"), ("number", "citation_issue")):
        if fields.get(field):
            meta.append((name, fields[field]))
    meta += [(_LOCATOR_TAGS[name], value) for name, value in reference.locators()]
    if fields.get("publisher"):
        meta.append(("citation_publisher", fields["publisher"]))
    if fields.get("isbn"):
        meta.append(("citation_isbn", fields["isbn"]))
    return meta


def highwire_tags(reference: Reference) -> str:
    return "\n".join(
        f'<meta name="{html.escape(name, quote=True)}" content="{html.escape(value, quote=True)}">'
        for name, value in highwire_meta(reference)
    )
