"""Large blocks of ready HTML that skip Python-Markdown: a one-line placeholder in the Markdown, the HTML
put in its place once Markdown has rendered the page.

Python-Markdown passes a raw HTML block through unchanged, but only after md_in_html has parsed it tag by
tag with ``html.parser``: most of the Markdown time of a reference page or of a page-end reference list,
for output that is the block itself. A placeholder is a tiny raw HTML block of its own, which Markdown
also passes through, so putting the HTML back where it stands gives the page Markdown would have made.
"""

from __future__ import annotations

import re

SLOT = '<div class="atlas-html-slot" data-atlas-slot="{slot}"></div>'
_SLOT = re.compile(r'<div class="atlas-html-slot" data-atlas-slot="(?P<slot>\d+)"></div>')


class MissingSlotError(ValueError):
    """A placeholder did not come out of Markdown as it went in, so its HTML has nowhere to go."""


class HtmlSlots:
    """The blocks held for one page: ``hold`` gives the placeholder, ``fill`` puts the blocks back."""

    def __init__(self) -> None:
        self.blocks: list[str] = []

    def hold(self, block: str) -> str:
        """The placeholder for ``block``, a raw HTML block (to stand alone, between blank lines, as it would)."""
        self.blocks.append(block)
        return SLOT.format(slot=len(self.blocks) - 1)

    def fill(self, page_html: str) -> str:
        """``page_html`` with every placeholder replaced by its block; each must be there exactly once."""
        if not self.blocks:
            return page_html
        found: list[str] = []

        def block(match: re.Match[str]) -> str:
            found.append(match["slot"])
            return self.blocks[int(match["slot"])]

        filled = _SLOT.sub(block, page_html)
        if sorted(found, key=int) != [str(index) for index in range(len(self.blocks))]:
            raise MissingSlotError(
                f"expected the placeholders 0..{len(self.blocks) - 1} once each in the rendered page, found {found}"
            )
        return filled
