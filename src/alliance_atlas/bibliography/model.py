"""The bibliography's data model: people and references, already decoded from LaTeX.

Everything here is immutable so that parsed references can be shared and cached
between MkDocs rebuilds without anyone mutating another page's copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

__all__ = ["Person", "Reference"]


@dataclass(frozen=True)
class Person:
    """One author, editor or translator.

    A corporate author such as ``{American Counseling Association}`` has an empty
    ``given`` and the whole name in ``family``; :attr:`is_institution` tells them apart.
    """

    given: str
    family: str
    particle: str = ""
    suffix: str = ""

    @property
    def is_institution(self) -> bool:
        return not self.given and " " in self.family

    @property
    def surname(self) -> str:
        """The name as cited in running text: particle and family, e.g. ``van der Berg``."""
        return f"{self.particle} {self.family}".strip()

    @property
    def inverted(self) -> str:
        """``Family, Given`` (with particle and suffix), the form RIS and Highwire expect."""
        if not self.given:
            return self.surname
        name = f"{self.surname}, {self.given}"
        return f"{name}, {self.suffix}" if self.suffix else name


@dataclass(frozen=True)
class Reference:
    """One entry of the bibliography, validated and decoded.

    ``fields`` holds every BibTeX field as decoded text (names joined with ``and``),
    so renderers need no LaTeX knowledge; ``bibtex`` keeps the entry exactly as
    written, for the per-entry ``.bib`` download.
    """

    key: str
    entry_type: str
    authors: tuple[Person, ...]
    editors: tuple[Person, ...]
    title: str
    year: int
    fields: Mapping[str, str]
    topics: tuple[str, ...]
    evidence: str
    annotation: str
    core: bool
    doi: str | None
    pmid: str | None
    pmcid: str | None
    source_file: str
    line: int
    bibtex: str
    translators: tuple[Person, ...] = field(default=())

    @property
    def original_year(self) -> int | None:
        """The first publication year of a reprint or translation (``origyear``)."""
        value = self.fields.get("origyear", "")
        return int(value) if value.isdigit() else None

    @property
    def pages(self) -> tuple[str, str]:
        """First and last page (the last may be empty), whatever dash separates them."""
        text = self.fields.get("pages", "")
        for dash in ("--", "—", "–", "-"):
            if dash in text:
                first, _, last = text.partition(dash)
                return first.strip(), last.strip("-–— ")
        return text.strip(), ""

    def locators(self) -> list[tuple[str, str]]:
        """What pins down the exact work for a reference manager, as (name, value) for those present, in
        this order: ``first_page``, ``last_page``, ``eid`` (an article number), ``doi``, ``pmid``."""
        first, last = self.pages
        found = (("first_page", first), ("last_page", last), ("eid", self.fields.get("eid", "")), ("doi", self.doi or ""),
                 ("pmid", self.pmid or ""))
        return [(name, value) for name, value in found if value]

    @property
    def container_title(self) -> str:
        return self.fields.get("journal") or self.fields.get("booktitle", "")
