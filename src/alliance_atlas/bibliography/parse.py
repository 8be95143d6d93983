"""Load ``alliance.bib`` into validated :class:`Reference` objects.

Parsing follows bibtexparser v2's design: the splitter cuts the file into blocks,
then an explicit stack of middlewares transforms them. Blocks the splitter or a
middleware could not handle stay in ``library.failed_blocks``, and we turn each
into a located :class:`BibliographyError` rather than dropping it.
"""

from __future__ import annotations

import difflib
import logging
import re
import threading
from pathlib import Path
from typing import Iterator

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares import (
    LatexDecodingMiddleware,
    RemoveEnclosingMiddleware,
    ResolveStringReferencesMiddleware,
    SeparateCoAuthors,
    SplitNameParts,
)
from bibtexparser.middlewares.middleware import BlockMiddleware
from bibtexparser.middlewares.names import NameParts
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    MiddlewareErrorBlock,
)

from .errors import BibliographyError, BibliographyErrors
from .model import Reference
from .validate import build_reference
from .vocabulary import TOPICS

__all__ = ["Bibliography", "load_bibliography", "parse_stack", "cached_bibliography"]

# bibtexparser logs its own parse errors; we report them ourselves, located, so its
# messages would only be noise duplicated into every MkDocs build log.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

_ENTRY_KEY = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s{}()]+)")


class LowercaseFieldKeys(BlockMiddleware):
    """Lowercase field names, turning ``Title`` + ``title`` into a duplicate-field error.

    bibtexparser's own NormalizeFieldKeys lets the last one win with only a log
    message, which would silently drop one of the two values.
    """

    def __init__(self):
        super().__init__(allow_inplace_modification=True, allow_parallel_execution=True)

    def transform_entry(self, entry: Entry, library: Library) -> Block:
        seen: set[str] = set()
        duplicates: set[str] = set()
        for field in entry.fields:
            field.key = field.key.lower()
            if field.key in seen:
                duplicates.add(field.key)
            seen.add(field.key)
        if duplicates:
            return DuplicateFieldKeyBlock(duplicates, entry)
        return entry


class FastLatexDecoding(LatexDecodingMiddleware):
    """LatexDecodingMiddleware that skips strings holding no LaTeX at all.

    pylatexenc costs about 0.3 ms per string, which made a 5,000-entry file take half a
    minute to load; most field values are plain text that decoding returns unchanged.
    """

    _LATEX_MARKERS = re.compile(r"[\\{}$~%&^_#]|--|``|''|!`|\?`")

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if not self._LATEX_MARKERS.search(python_string):
            return python_string, ""
        return super()._transform_python_value_string(python_string)


class DecodeLatexInNames(BlockMiddleware):
    """LaTeX-decode every part of split names (``Fl{\\"u}ckiger`` -> ``Flückiger``).

    Names must be split *before* decoding, because decoding removes the braces that
    keep ``{American Counseling Association}`` one corporate name; but
    LatexDecodingMiddleware skips the resulting lists of NameParts, hence this step.
    """

    def __init__(self, decoder: LatexDecodingMiddleware):
        super().__init__(allow_inplace_modification=True, allow_parallel_execution=True)
        self._decoder = decoder

    def _decode(self, words: list[str], errors: list[str]) -> list[str]:
        decoded = []
        for word in words:
            text, error = self._decoder._transform_python_value_string(word)
            decoded.append(text)
            if error:
                errors.append(error)
        return decoded

    def transform_entry(self, entry: Entry, library: Library) -> Block:
        errors: list[str] = []
        for field in entry.fields:
            if isinstance(field.value, list):
                for parts in field.value:
                    if isinstance(parts, NameParts):
                        parts.first = self._decode(parts.first, errors)
                        parts.von = self._decode(parts.von, errors)
                        parts.last = self._decode(parts.last, errors)
                        parts.jr = self._decode(parts.jr, errors)
        if errors:
            return MiddlewareErrorBlock(entry, ValueError("; ".join(errors)))
        return entry


def parse_stack() -> list[BlockMiddleware]:
    """The middlewares applied after splitting, in order."""
    latex = FastLatexDecoding()
    return [
        ResolveStringReferencesMiddleware(),
        RemoveEnclosingMiddleware(),
        LowercaseFieldKeys(),
        SeparateCoAuthors(),
        SplitNameParts(),
        latex,
        DecodeLatexInNames(latex),
    ]


def _failed_block_error(block, file: str) -> BibliographyError:
    line = (block.start_line or 0) + 1
    if isinstance(block, DuplicateBlockKeyBlock):
        first = (block.previous_block.start_line or 0) + 1
        return BibliographyError(file, line, block.key, f"duplicate key '{block.key}' (first defined on line {first})")
    if isinstance(block, DuplicateFieldKeyBlock):
        entry = block.ignore_error_block
        names = sorted(block.duplicate_keys)
        repeats = [f for f in entry.fields if f.key in block.duplicate_keys]
        seen: set[str] = set()
        for field in repeats:
            if field.key in seen and field.start_line is not None:
                line = field.start_line + 1
                break
            seen.add(field.key)
        return BibliographyError(file, line, entry.key, f"duplicate field {', '.join(repr(n) for n in names)}")
    match = _ENTRY_KEY.match(block.raw or "")
    key = match.group(1) if match else None
    if isinstance(block, MiddlewareErrorBlock):
        return BibliographyError(file, line, key, f"could not decode the entry: {block.error}")
    why = getattr(block.error, "abort_reason", None) or str(block.error) or type(block.error).__name__
    return BibliographyError(
        file, line, key, f"could not parse the entry (unbalanced braces or a missing comma?): {why}"
    )


class Bibliography:
    """The validated references of one .bib file, in file order."""

    def __init__(self, path: Path, references: dict[str, Reference], warnings: list[BibliographyError] | None = None):
        self.path = Path(path)
        self.references = references
        #: Problems worth fixing that do not stop the build (see validate.RECOMMENDED_FIELDS).
        self.warnings = warnings or []

    def __getitem__(self, key: str) -> Reference:
        return self.references[key]

    def __contains__(self, key: object) -> bool:
        return key in self.references

    def __iter__(self) -> Iterator[Reference]:
        return iter(self.references.values())

    def __len__(self) -> int:
        return len(self.references)

    def __repr__(self) -> str:
        return f"Bibliography({str(self.path)!r}, {len(self)} references)"

    def get(self, key: str, default=None):
        return self.references.get(key, default)

    def closest_keys(self, key: str, n: int = 3) -> list[str]:
        """The keys most similar to a mistyped one, best first."""
        return difflib.get_close_matches(key, list(self.references), n=n, cutoff=0.5)

    def by_topic(self, slug: str) -> list[Reference]:
        """References tagged with ``slug``, in file order; an unknown slug is a KeyError."""
        if slug not in TOPICS:
            raise KeyError(f"unknown topic {slug!r}; known topics: {', '.join(TOPICS)}")
        return [reference for reference in self if slug in reference.topics]


def load_bibliography(path: Path) -> Bibliography:
    """Parse and validate ``path``; raise BibliographyErrors listing every problem."""
    path = Path(path)
    file = str(path)
    text = path.read_text(encoding="utf-8")
    library = bibtexparser.parse_string(text, parse_stack=parse_stack())

    errors = [_failed_block_error(block, file) for block in library.failed_blocks]
    warnings: list[BibliographyError] = []
    references: dict[str, Reference] = {}
    for entry in library.entries:
        def report(line: int, reason: str, key=entry.key) -> None:
            errors.append(BibliographyError(file, line, key, reason))

        def warn(line: int, reason: str, key=entry.key) -> None:
            warnings.append(BibliographyError(file, line, key, reason))

        reference = build_reference(entry, file, report, warn)
        if reference is not None:
            references[reference.key] = reference
    if errors:
        raise BibliographyErrors(errors)
    return Bibliography(path, references, warnings)


_cache: dict[Path, tuple[tuple[int, int], Bibliography]] = {}
_resolved: dict[str, Path] = {}
_cache_lock = threading.Lock()


def cached_bibliography(path: Path) -> Bibliography:
    """Like load_bibliography, but re-parses only when the file's mtime or size changed.

    ``mkdocs serve`` re-runs the hooks on every edit of any page, and the formatter asks
    for a reference's own file once per entry and style; both must stay cheap.
    """
    resolved = _resolved.get(str(path))
    if resolved is None:
        resolved = Path(path).resolve()
        if Path(path).is_absolute():
            # Only absolute paths: a relative one depends on the working directory.
            _resolved[str(path)] = resolved
    stat = resolved.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    with _cache_lock:
        cached = _cache.get(resolved)
        if cached is not None and cached[0] == stamp:
            return cached[1]
    bibliography = load_bibliography(path)
    with _cache_lock:
        _cache[resolved] = (stamp, bibliography)
    return bibliography
