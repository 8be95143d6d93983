"""One page's question blocks swapped for their HTML, keeping the page's line numbers.

Authored questions become one line of HTML each, followed by as many empty lines as the block had,
so later messages (an unknown citation key elsewhere on the page, say) still name the right line.
Chart blocks become a placeholder ``<div>``, filled once the page is HTML: their SVG must not meet
Markdown or the citation engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .chart_html import chart_question_html
from .contract import ATTRIBUTES, BANK_ATTRIBUTE, CLASSES
from .chart_html import json_attribute
from .model import ChartBlock, Question, QuestionsFailed
from .parse import parse_page
from .render import progress_html, question_html
from .validate import validate_questions

SLOT = '<div class="atlas-question-slot" data-atlas-slot="{slot}"></div>'


@dataclass
class RenderedPage:
    markdown: str
    questions: list[Question] = field(default_factory=list)
    slots: dict[str, str] = field(default_factory=dict)


def render_page(markdown: str, page: str, *, page_key: str) -> RenderedPage:
    """Raise ``QuestionsFailed`` (every error, with page and line) or return the page with its HTML."""
    parsed = parse_page(markdown, page)
    errors = parsed.errors + validate_questions(parsed.questions)
    if errors:
        raise QuestionsFailed(errors)
    result = RenderedPage(markdown, parsed.questions)
    if not parsed.blocks:
        return result
    pieces, position, number = [], 0, 0
    for index, (block, (start, end)) in enumerate(zip(parsed.blocks, parsed.spans)):
        pieces.append(markdown[position:start])
        prefix = progress_html(page_key) if index == 0 else ""
        if isinstance(block, Question):
            number += 1
            html = prefix + question_html(block, number)
        else:
            slot = f"atlas-questions-{block.id}"
            result.slots[slot] = chart_bank_html(block)
            html = prefix + SLOT.format(slot=slot)
        pieces.append(html + "\n" * markdown.count("\n", start, end))
        position = end
    pieces.append(markdown[position:])
    result.markdown = "".join(pieces)
    return result


def chart_bank_html(block: ChartBlock) -> str:
    """The block's generated questions, then "Another one" (live once Python is ready)."""
    questions = "".join(
        chart_question_html(block.seed + index, hard=index >= block.count - block.hard, number=index + 1, prefix=block.id)
        for index in range(block.count)
    )
    config = {"prefix": block.id, "count": block.count}
    return (
        f'<div class="{CLASSES["set"]}" {BANK_ATTRIBUTE}="{json_attribute(config)}">'
        f'<div class="atlas-question-set__items">{questions}</div>'
        '<div class="atlas-question-set__more">'
        f'<p hidden><button type="button" class="md-button md-button--primary" {ATTRIBUTES["another"]}="easy" disabled>Another one</button> '
        f'<button type="button" class="md-button" {ATTRIBUTES["another"]}="hard" disabled>Another hard one</button></p>'
        '<p class="atlas-question-set__python" role="status" aria-live="polite">'
        "More questions can be drawn in your browser once Python has loaded (needs JavaScript and WebAssembly).</p>"
        "</div></div>"
    )
