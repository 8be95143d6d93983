"""Map a :class:`Reference` to a CSL-JSON item, the input of every CSL processor.

The mapping is format-neutral: style-specific fixes live in ``formatting.py``.
"""

from __future__ import annotations

from .model import Person, Reference

__all__ = ["CSL_TYPES", "ET_AL", "to_csl", "csl_name"]

#: Stands for the unnamed co-authors of an author list ending in ``and others``.
ET_AL = "et al."

#: BibTeX entry type -> CSL item type.
CSL_TYPES: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "inproceedings": "paper-conference",
    "manual": "book",
    "misc": "article",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "techreport": "report",
    "unpublished": "manuscript",
}

# BibTeX field -> CSL variable, for fields copied as they are.
_PLAIN_VARIABLES: dict[str, str] = {
    "volume": "volume",
    "number": "issue",
    "publisher": "publisher",
    "address": "publisher-place",
    "edition": "edition",
    "isbn": "ISBN",
    "issn": "ISSN",
    "url": "URL",
    "note": "note",
}


def csl_name(person: Person) -> dict[str, str]:
    if not person.given:
        # A corporate author must not be inverted or reduced to initials.
        return {"literal": person.family}
    name = {"family": person.family, "given": person.given}
    if person.particle:
        name["non-dropping-particle"] = person.particle
    if person.suffix:
        name["suffix"] = person.suffix
    return name


def _page_range(reference: Reference) -> str | None:
    first, last = reference.pages
    if not first:
        return None
    return f"{first}-{last}" if last else first


def to_csl(reference: Reference) -> dict:
    """The CSL-JSON item for ``reference`` (``id`` is the citation key)."""
    fields = reference.fields
    item: dict = {
        "id": reference.key,
        "type": CSL_TYPES.get(reference.entry_type, "article"),
        "title": reference.title,
        "issued": {"date-parts": [[reference.year]]},
    }
    if reference.authors:
        item["author"] = [csl_name(person) for person in reference.authors]
        if reference.authors_truncated:
            item["author"].append({"literal": ET_AL})
    if reference.editors:
        item["editor"] = [csl_name(person) for person in reference.editors]
    if reference.translators:
        item["translator"] = [csl_name(person) for person in reference.translators]
    if reference.container_title:
        item["container-title"] = reference.container_title
    for field, variable in _PLAIN_VARIABLES.items():
        if fields.get(field):
            item[variable] = fields[field]
    if not item.get("publisher") and reference.entry_type == "manual" and fields.get("organization"):
        item["publisher"] = fields["organization"]
    if fields.get("school") or fields.get("institution"):
        item.setdefault("publisher", fields.get("school") or fields.get("institution"))
    page = _page_range(reference)
    if page:
        item["page"] = page
    if fields.get("eid"):
        # Electronic article number (e.g. Frontiers): APA 7 prints it as "Article 270".
        item["number"] = fields["eid"]
    if reference.original_year:
        item["original-date"] = {"date-parts": [[reference.original_year]]}
    if reference.doi:
        item["DOI"] = reference.doi
    if reference.pmid:
        item["PMID"] = reference.pmid
    if reference.pmcid:
        item["PMCID"] = reference.pmcid
    if reference.topics:
        item["keyword"] = ", ".join(reference.topics)
    return item
