"""Find pandoc-style citations in Markdown: ``[@key]``, ``[see @a, p. 12; @b]`` and ``@key``.

Code (fenced blocks and inline spans), HTML comments and tags, URLs and e-mail addresses
are masked first, so an ``@`` there is never read as a citation; offsets still
refer to the original text because masking keeps every character's position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CitationItem", "Citation", "find_citations", "unknown_key_message", "KEY_PATTERN"]

#: Citation keys: our keys are [a-z0-9]+, pandoc allows inner ":" and "-" as well.
KEY_PATTERN = r"[A-Za-z0-9_]+(?:[:-][A-Za-z0-9_]+)*"


@dataclass(frozen=True)
class CitationItem:
    key: str
    locator: str | None
    prefix: str = ""


@dataclass(frozen=True)
class Citation:
    items: tuple[CitationItem, ...]
    narrative: bool
    start: int
    end: int
    source: str

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(item.key for item in self.items)


_FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_URL = re.compile(r"(?:https?|ftp|mailto):[^\s<>()\[\]]+|www\.[^\s<>()\[\]]+|(?<=\])\([^)\s]*\)")
_BRACKETED = re.compile(r"\[([^\[\]\n]*@[^\[\]\n]*)\]")
_ITEM = re.compile(rf"^(?P<prefix>.*?)(?<![\w.@/\\])-?@(?P<key>{KEY_PATTERN})(?P<suffix>.*)$", re.DOTALL)
_NARRATIVE = re.compile(rf"(?<![\w.@/\\:=?&%+#~-])@(?P<key>{KEY_PATTERN})")
_NARRATIVE_LOCATOR = re.compile(r" \[(?P<locator>[^\[\]@\n]+)\](?![(\[:])")


def _blank(text: list[str], start: int, end: int) -> None:
    for index in range(start, end):
        if text[index] != "\n":
            text[index] = " "


def _closes(fence: str, line: str) -> bool:
    """A closing fence: the same character, at least as long, and nothing after it."""
    match = _FENCE_OPEN.match(line)
    if match is None:
        return False
    run = match.group(1)
    return run[0] == fence[0] and len(run) >= len(fence) and not line[match.end() :].strip()


def _mask_fenced_code(text: str, masked: list[str]) -> None:
    offset = 0
    fence: str | None = None
    block_start = 0
    for line in text.splitlines(keepends=True):
        if fence is None:
            match = _FENCE_OPEN.match(line)
            if match:
                fence, block_start = match.group(1), offset
        elif _closes(fence, line):
            _blank(masked, block_start, offset + len(line))
            fence = None
        offset += len(line)
    if fence is not None:
        # An unclosed fence runs to the end of the document, as in CommonMark.
        _blank(masked, block_start, len(text))


def _mask_code_spans(text: str, masked: list[str]) -> None:
    current = "".join(masked)
    position = 0
    while True:
        opening = _BACKTICKS.search(current, position)
        if opening is None:
            return
        run = opening.group(0)
        closing = re.compile(rf"(?<!`){run}(?!`)").search(current, opening.end())
        if closing is None:
            position = opening.end()
            continue
        _blank(masked, opening.start(), closing.end())
        position = closing.end()


def _masked(markdown: str) -> str:
    masked = list(markdown)
    _mask_fenced_code(markdown, masked)
    _mask_code_spans(markdown, masked)
    for pattern in (_HTML_COMMENT, _HTML_TAG, _URL):
        for match in pattern.finditer("".join(masked)):
            _blank(masked, match.start(), match.end())
    return "".join(masked)


def _parse_items(content: str) -> tuple[CitationItem, ...] | None:
    items = []
    for part in content.split(";"):
        match = _ITEM.match(part.strip())
        if match is None or "@" in match.group("suffix"):
            return None
        locator = match.group("suffix").strip().lstrip(",").strip() or None
        items.append(CitationItem(match.group("key"), locator, match.group("prefix").strip()))
    return tuple(items)


def _starts_link_definition(markdown: str, start: int) -> bool:
    # Markdown reads "[label]: url" as a link definition only at the start of a line,
    # so "... [@a; @b]:" ending a sentence that introduces a list is still a citation.
    line_start = markdown.rfind("\n", 0, start) + 1
    indent = markdown[line_start:start]
    return len(indent) <= 3 and not indent.strip()


def find_citations(markdown: str) -> list[Citation]:
    """Every citation in ``markdown``, in order of appearance."""
    text = _masked(markdown)
    citations: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for match in _BRACKETED.finditer(text):
        after = markdown[match.end() : match.end() + 1]
        # "[text](url)", "[text][ref]" and "[label]: url" are links, not citations,
        # and an "@" in their text is not a narrative citation either.
        if after in ("(", "[") or (after == ":" and _starts_link_definition(markdown, match.start())):
            taken.append(match.span())
            continue
        items = _parse_items(match.group(1))
        if items is None:
            continue
        start, end = match.span()
        citations.append(Citation(items, False, start, end, markdown[start:end]))
        taken.append((start, end))
    for match in _NARRATIVE.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        start, end = match.span()
        locator = None
        trailing = _NARRATIVE_LOCATOR.match(text, end)
        if trailing is not None:
            locator, end = trailing.group("locator").strip(), trailing.end()
        item = CitationItem(match.group("key"), locator)
        citations.append(Citation((item,), True, start, end, markdown[start:end]))
    return sorted(citations, key=lambda citation: citation.start)


def unknown_key_message(page: str, key: str, bibliography) -> str:
    """``docs/x.md: unknown citation key 'k'; closest keys: a, b, c``."""
    closest = bibliography.closest_keys(key)
    hint = f"closest keys: {', '.join(closest)}" if closest else "no similar key in the bibliography"
    return f"{page}: unknown citation key '{key}'; {hint}"
