"""HTML of the authored questions, the page's progress bar, and the course pack's answers appendix.

A question is a form (radio buttons, or checkboxes when several options are correct) whose answer
sits in a closed ``<details>``, so it works without JavaScript; ``questions.js`` adds checking,
``aria-live`` feedback and saved progress. Author text is inline Markdown, rendered here; citations
are left as written for the citation engine, which runs on the page's Markdown afterwards (the
course pack's appendix passes its own ``cite`` function instead). Each question is one line of HTML,
so no Markdown rule touches it.
"""

from __future__ import annotations

import html
import re
from typing import Callable

import markdown as _markdown

from .chart_html import json_attribute
from .contract import ATTRIBUTES, CLASSES, CONTRACT_ATTRIBUTE, ROOT_ATTRIBUTE, contract
from .model import TRUE_FALSE, Question

_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)


def inline(text: str) -> str:
    """Inline Markdown (emphasis, code) as HTML on one line; raw HTML in author text is escaped."""
    rendered = _markdown.markdown(html.escape(text, quote=False)).strip()
    match = _PARAGRAPH.match(rendered)
    return (match[1] if match else rendered).replace("\n", " ")


def question_html(question: Question, number: int) -> str:
    c, b = CLASSES, _attr(f"question-{question.id}")
    kind = "checkbox" if question.multiple else "radio"
    hint = "Choose every correct answer." if question.multiple else "Choose one answer."
    options = "".join(
        f'<div class="{c["option"]}"><input type="{kind}" name="{b}" id="{b}-{_attr(option.label)}" value="{_attr(option.label)}">'
        f'<label for="{b}-{_attr(option.label)}">{_option_prefix(question, option.label)}{inline(option.text.value)}</label></div>'
        for option in question.options
    )
    return "".join([
        f'<div class="{c["root"]}" id="{b}" {ROOT_ATTRIBUTE} {ATTRIBUTES["id"]}="{_attr(question.id)}"'
        f' {ATTRIBUTES["correct"]}="{_attr(",".join(question.answer))}">',
        f'<form class="{c["form"]}" aria-labelledby="{b}-stem">',
        f'<fieldset class="{c["options"]}" aria-describedby="{b}-hint">',
        f'<legend class="{c["stem"]}" id="{b}-stem"><span class="atlas-question__number">Question {number}.</span> {inline(question.stem.value)}</legend>',
        f'<p class="atlas-question__hint" id="{b}-hint">{hint}</p>',
        options,
        "</fieldset>",
        f'<p class="{c["actions"]}" hidden><button type="submit" class="md-button" {ATTRIBUTES["check"]}>Check my answer</button></p>',
        f'<p class="{c["feedback"]}" id="{b}-feedback" role="status" aria-live="polite"></p>',
        "</form>",
        f'<details class="{c["answer"]}"><summary>Show the answer</summary>{answer_body(question)}</details>',
        "</div>",
    ])


def answer_body(question: Question, cite: Callable[[str], str] = lambda text: text) -> str:
    """The correct option(s), the explanation, and why each wrong option is wrong."""
    correct = "; ".join(f"{_option_prefix(question, o.label)}{cite(inline(o.text.value))}" for o in question.correct_options)
    reasons = "".join(
        f'<li {ATTRIBUTES["option_reason"]}="{_attr(option.label)}">{_option_prefix(question, option.label)}'
        f"{cite(inline(option.why.value))}</li>"
        for option in question.options if option.why is not None
    )
    why = f'<p>Why the other options are wrong:</p><ul class="{CLASSES["why"]}">{reasons}</ul>' if reasons else ""
    word = "Answers" if question.multiple else "Answer"
    return f"<p><strong>{word}: {correct}</strong></p><p>{cite(inline(question.explanation.value))}</p>{why}"


def progress_html(page_key: str) -> str:
    """Once per page, before its first question: the saved-progress line, "Reset" and the markup contract."""
    c = CLASSES
    return (
        f'<div class="{c["progress"]}" {CONTRACT_ATTRIBUTE}="{json_attribute(contract())}"'
        f' {ATTRIBUTES["page_key"]}="{_attr(page_key)}">'
        '<p class="atlas-question-set__status" role="status" aria-live="polite">'
        "Answer the questions below; the answers are in the closed boxes under each question.</p>"
        f'<p hidden><button type="button" class="md-button" {ATTRIBUTES["reset"]}>Reset my answers on this page</button></p>'
        "</div>"
    )


def answers_appendix(chapters: list[tuple[str, str, list[Question]]], cite: Callable[[str], str], link: Callable[[str, str], str]) -> str:
    """The answers of every chapter (title, url, questions): a heading per chapter, then each question's
    stem (linked back by ``link(url, question_id)``), its answer and its explanation. Empty without questions."""
    parts = []
    for title, url, questions in chapters:
        if not questions:
            continue
        items = "".join(
            f'<li><p><a href="{_attr(link(url, q.id))}">{cite(inline(q.stem.value))}</a></p>{answer_body(q, cite)}</li>'
            for q in questions
        )
        parts.append(f"<h2>{html.escape(title)}</h2><ol>{items}</ol>")
    return "".join(parts)


def _option_prefix(question: Question, label: str) -> str:
    return "" if question.kind == TRUE_FALSE else f'<span class="atlas-question__label">{_attr(label)}.</span> '


def _attr(value) -> str:
    return html.escape(str(value), quote=True)
