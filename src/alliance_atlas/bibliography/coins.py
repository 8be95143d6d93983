"""COinS (ContextObjects in Spans): lets Zotero's browser connector save a reference in one click.

The OpenURL lives in the span's ``title`` attribute: each value is URL-encoded
(so ``<script>`` becomes ``%3Cscript%3E``) and the whole attribute HTML-escaped.
"""

from __future__ import annotations

import html
from urllib.parse import quote

from .model import Reference

__all__ = ["coins_openurl", "coins_span"]

_JOURNAL_FORMAT = "info:ofi/fmt:kev:mtx:journal"
_BOOK_FORMAT = "info:ofi/fmt:kev:mtx:book"


_LOCATOR_KEYS = {"first_page": "rft.spage", "last_page": "rft.epage", "eid": "rft.artnum", "doi": "rft_id", "pmid": "rft_id"}
_LOCATOR_VALUES = {"doi": "info:doi/{}", "pmid": "info:pmid/{}"}


def _pairs(reference: Reference) -> list[tuple[str, str]]:
    fields = reference.fields
    pairs: list[tuple[str, str]] = [("ctx_ver", "Z39.88-2004")]
    if reference.entry_type == "article":
        pairs += [("rft_val_fmt", _JOURNAL_FORMAT), ("rft.genre", "article"), ("rft.atitle", reference.title), ("rft.jtitle", fields.get("journal", ""))]
    elif reference.entry_type in ("incollection", "inbook", "inproceedings"):
        pairs += [("rft_val_fmt", _BOOK_FORMAT), ("rft.genre", "bookitem"), ("rft.atitle", reference.title), ("rft.btitle", fields.get("booktitle", ""))]
    else:
        pairs += [("rft_val_fmt", _BOOK_FORMAT), ("rft.genre", "book"), ("rft.btitle", reference.title)]
    pairs.append(("rft.date", str(reference.year)))
    if reference.authors:
        first = reference.authors[0]
        if first.given:
            pairs += [("rft.aulast", first.surname), ("rft.aufirst", first.given)]
        else:
            pairs.append(("rft.aucorp", first.family))
    pairs += [("rft.au", person.inverted) for person in reference.authors]
    for field, name in (("volume", "rft.volume"), ("number", "rft.issue"), ("publisher", "rft.pub"), ("address", "rft.place"), ("edition", "rft.edition"), ("isbn", "rft.isbn")):
        if fields.get(field):
            pairs.append((name, fields[field]))
    pairs += [(_LOCATOR_KEYS[name], _LOCATOR_VALUES.get(name, "{}").format(value)) for name, value in reference.locators()]
    return [(name, value) for name, value in pairs if value]


def coins_openurl(reference: Reference) -> str:
    """The OpenURL key/encoded-value string, before HTML escaping."""
    return "&".join(f"{name}={quote(value, safe='')}" for name, value in _pairs(reference))


def coins_span(reference: Reference) -> str:
    return f'<span class="Z3988" title="{html.escape(coins_openurl(reference), quote=True)}"></span>'
