"""Downloads for reference managers: BibTeX, RIS and CSL-JSON.

BibTeX is the entry exactly as written in the source file, LaTeX and protective
braces included, because any re-encoding of decoded text loses information.
RIS and CSL-JSON are built from the decoded fields.
"""

from __future__ import annotations

import json
from typing import Iterable

from .csl import to_csl
from .model import Reference

__all__ = ["RIS_TYPES", "to_bibtex", "to_ris", "to_csl_json", "reference_to_ris", "reference_to_bibtex"]

#: BibTeX entry type -> RIS reference type.
RIS_TYPES: dict[str, str] = {
    "article": "JOUR",
    "book": "BOOK",
    "manual": "BOOK",
    "incollection": "CHAP",
    "inbook": "CHAP",
    "inproceedings": "CPAPER",
    "phdthesis": "THES",
    "mastersthesis": "THES",
    "techreport": "RPRT",
    "unpublished": "UNPB",
    "misc": "GEN",
}

_SPECIAL = str.maketrans({"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "#": r"\#", "$": r"\$", "_": r"\_"})


def _bibtex_value(text: str) -> str:
    return "{" + text.translate(_SPECIAL) + "}"


def reference_to_bibtex(reference: Reference) -> str:
    """The entry's own BibTeX; rebuilt from decoded fields only for references made in code."""
    if reference.bibtex:
        return reference.bibtex
    lines = [f"@{reference.entry_type}{{{reference.key},"]
    for name, value in reference.fields.items():
        lines.append(f"  {name} = {_bibtex_value(value)},")
    lines.append("}")
    return "\n".join(lines)


def to_bibtex(references: Iterable[Reference]) -> str:
    return "\n\n".join(reference_to_bibtex(reference) for reference in references) + "\n"


def _ris_line(tag: str, value: str) -> str:
    # RIS is line-based: a newline inside a value would start a bogus tag.
    return f"{tag}  - {' '.join(str(value).split())}"


def reference_to_ris(reference: Reference) -> str:
    fields = reference.fields
    ris_type = RIS_TYPES.get(reference.entry_type, "GEN")
    lines = [_ris_line("TY", ris_type), _ris_line("ID", reference.key)]
    lines += [_ris_line("AU", person.inverted) for person in reference.authors]
    lines += [_ris_line("ED", person.inverted) for person in reference.editors]
    lines += [_ris_line("A4", person.inverted) for person in reference.translators]
    lines.append(_ris_line("PY", str(reference.year)))
    lines.append(_ris_line("TI", reference.title))
    if reference.container_title:
        lines.append(_ris_line("T2", reference.container_title))
    if fields.get("journal"):
        lines.append(_ris_line("JO", fields["journal"]))
    for field, tag in (("volume", "VL"), ("number", "IS"), ("edition", "ET"), ("publisher", "PB"), ("address", "CY"), ("isbn", "SN"), ("url", "UR")):
        if fields.get(field):
            lines.append(_ris_line(tag, fields[field]))
    first, last = reference.pages
    if first:
        lines.append(_ris_line("SP", first))
    if last:
        lines.append(_ris_line("EP", last))
    if fields.get("eid"):
        lines.append(_ris_line("M1", fields["eid"]))
    if reference.doi:
        lines.append(_ris_line("DO", reference.doi))
    if reference.pmid:
        lines.append(_ris_line("AN", f"PMID: {reference.pmid}"))
    if reference.pmcid:
        lines.append(_ris_line("C2", reference.pmcid))
    if reference.original_year:
        lines.append(_ris_line("OP", str(reference.original_year)))
    lines += [_ris_line("KW", topic) for topic in reference.topics]
    if reference.annotation:
        lines.append(_ris_line("N1", reference.annotation))
    lines.append("ER  - ")
    return "\n".join(lines)


def to_ris(references: Iterable[Reference]) -> str:
    return "\n\n".join(reference_to_ris(reference) for reference in references) + "\n"


def to_csl_json(references: Iterable[Reference]) -> str:
    return json.dumps([to_csl(reference) for reference in references], ensure_ascii=False, indent=2) + "\n"
