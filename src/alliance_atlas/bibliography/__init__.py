"""Bibliography of the Alliance Atlas: references, topics and evidence types.

Pure Python, no MkDocs: ``parse`` loads and validates the .bib file, ``formatting``
renders reference-list entries (citeproc-py) and APA in-text citations,
``citations`` finds pandoc citations in Markdown, and ``exports``, ``coins`` and
``highwire`` serve reference managers. The MkDocs hooks in ``hooks/`` call these.
"""

from .citations import Citation, CitationItem, find_citations, unknown_key_message
from .coins import coins_span
from .csl import to_csl
from .errors import BibliographyError, BibliographyErrors
from .exports import to_bibtex, to_csl_json, to_ris
from .formatting import STYLES, Formatter, format_bibliography
from .intext import apa_sort_key, cite_narrative, cite_parenthetical
from .highwire import highwire_meta, highwire_tags
from .model import Person, Reference
from .parse import Bibliography, cached_bibliography, load_bibliography
from .vocabulary import EVIDENCE_TYPES, TOPICS

__all__ = [
    "Bibliography",
    "BibliographyError",
    "BibliographyErrors",
    "Citation",
    "CitationItem",
    "EVIDENCE_TYPES",
    "Person",
    "Reference",
    "STYLES",
    "TOPICS",
    "cached_bibliography",
    "cite_narrative",
    "cite_parenthetical",
    "coins_span",
    "find_citations",
    "format_bibliography",
    "Formatter",
    "apa_sort_key",
    "highwire_meta",
    "highwire_tags",
    "load_bibliography",
    "to_bibtex",
    "to_csl",
    "to_csl_json",
    "to_ris",
    "unknown_key_message",
]
