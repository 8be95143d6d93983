"""Ready HTML that skips Python-Markdown: a short placeholder in the Markdown, the HTML put in its place once
Markdown has rendered the page.

Python-Markdown passes a raw HTML block through unchanged, but only after md_in_html has parsed it tag by
tag with ``html.parser``: most of the Markdown time of a reference page or of a page-end reference list,
for output that is the block itself. A placeholder is a tiny raw HTML block of its own, which Markdown
also passes through, so putting the HTML back where it stands gives the page Markdown would have made.

Inline HTML (a citation's links, with their long tooltips) is held behind its number between two
private-use characters: plain text to Markdown, which prints it back as it is, and costs nothing, where
each inline tag is stashed and re-read, and found by md_in_html's parse of the whole page. Being text, it
leaves the paragraph around it the paragraph the HTML itself would have made. It only stands where text
may: a heading made of it would take its id from it, so the holder keeps headings' HTML inline.
"""

from __future__ import annotations

import re

SLOT = '<div class="atlas-html-slot" data-atlas-slot="{slot}"></div>'
# U+E010 and U+E011 are not in any text we write (bibliography.formatting shields markup with U+E000-E002,
# and only within citeproc's output).
INLINE_SLOT = "\ue010{slot}\ue011"
#: Either placeholder, as Markdown prints it back.
SLOT_PATTERN = re.compile(
    r'<div class="atlas-html-slot" data-atlas-slot="(?P<slot>\d+)"></div>|\ue010(?P<inline>\d+)\ue011'
)


class MissingSlotError(ValueError):
    """A placeholder did not come out of Markdown as it went in, so its HTML has nowhere to go."""


class HtmlSlots:
    """The HTML held for one page: ``hold`` and ``hold_inline`` give placeholders, ``fill`` puts the HTML back."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        #: slot number -> what its holder noted about it (a citation: the keys it links), for ``noted``
        self.notes: dict[int, object] = {}

    def hold(self, block: str) -> str:
        """The placeholder for ``block``, a raw HTML block (to stand alone, between blank lines, as it would)."""
        self.blocks.append(block)
        return SLOT.format(slot=len(self.blocks) - 1)

    def hold_inline(self, markup: str, note: object = None) -> str:
        """The placeholder for ``markup``, inline HTML with no block-level element, to stand where it would.

        ``note`` stays with the slot (see ``noted``), so the holder need not read the HTML back.
        """
        self.blocks.append(markup)
        slot = len(self.blocks) - 1
        if note is not None:
            self.notes[slot] = note
        return INLINE_SLOT.format(slot=slot)

    def noted(self, match: re.Match[str]) -> object:
        """The note of the placeholder ``match`` (of ``SLOT_PATTERN``), or None."""
        return self.notes.get(slot_number(match))

    def fill(self, page_html: str) -> str:
        """``page_html`` with every placeholder replaced by its HTML; each must be there exactly once."""
        if not self.blocks:
            return page_html
        found: list[int] = []

        def block(match: re.Match[str]) -> str:
            found.append(slot_number(match))
            return self.blocks[found[-1]]

        filled = SLOT_PATTERN.sub(block, page_html)
        if sorted(found) != list(range(len(self.blocks))):
            raise MissingSlotError(
                f"expected the placeholders 0..{len(self.blocks) - 1} once each in the rendered page, found {found}"
            )
        return filled


def slot_number(match: re.Match[str]) -> int:
    """The slot of a placeholder found by ``SLOT_PATTERN``, block or inline."""
    return int(match["slot"] if match["slot"] is not None else match["inline"])
