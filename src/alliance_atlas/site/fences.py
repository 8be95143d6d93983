"""Where a page's fenced code blocks are, so that shortcodes shown as examples inside them stay text."""

from __future__ import annotations

import re

# A fence may be indented (inside a list item, say); it closes on a fence of the same character, at least as long.
_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})", re.MULTILINE)


def fenced_ranges(markdown: str) -> list[tuple[int, int]]:
    """(start, end) of every fenced block of ``markdown``; an unclosed fence runs to the end."""
    ranges: list[tuple[int, int]] = []
    opened: re.Match[str] | None = None
    for match in _FENCE.finditer(markdown):
        if opened is None:
            opened = match
        elif match["fence"][0] == opened["fence"][0] and len(match["fence"]) >= len(opened["fence"]):
            ranges.append((opened.start(), match.end()))
            opened = None
    if opened is not None:
        ranges.append((opened.start(), len(markdown)))
    return ranges
