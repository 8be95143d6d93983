"""The question bank for course platforms: GIFT (Moodle's import format) and Markdown.

GIFT, as Moodle reads it: each question is ``::title::[markdown]text{answers}``, questions are
separated by a blank line, and inside titles, text, answers and feedback the characters
``~ = # { } :`` are escaped with a backslash. A multiple-choice question has one answer block:
``=right#feedback ~wrong#why`` (one correct option) or ``~%50%right ~%-100%wrong`` (several);
``####`` starts the general feedback (the explanation). A true/false question is ``{TRUE#...#...}``
with the explanation as feedback for either answer.

Citations become plain text through the ``cite`` function the caller passes (the build gives one
that formats them with the bibliography engine), so the files read well outside the site.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from .model import TRUE_FALSE, Question

GIFT_SPECIAL = "~=#{}:"
_GIFT_ESCAPE = re.compile(r"([~=#{}:\\])")
Cite = Callable[[str], str]


def gift_escape(text: str) -> str:
    """Backslash before each of GIFT's special characters (and before a backslash itself); one line."""
    return _GIFT_ESCAPE.sub(r"\\\1", " ".join(text.split()))


def gift_question(question: Question, title: str, cite: Cite) -> str:
    def text(value: str) -> str:
        return gift_escape(cite(value))

    head = f"::{gift_escape(title)}::[markdown]{text(question.stem.value)}"
    explanation = text(question.explanation.value)
    if question.kind == TRUE_FALSE:
        answer = "TRUE" if question.answer == ("true",) else "FALSE"
        return f"{head}{{{answer}#{explanation}#{explanation}}}"
    parts = []
    share = _weight(100 / len(question.answer))
    for option in question.options:
        correct = option.label in question.answer
        feedback = text(option.why.value) if option.why is not None else "Correct."
        if question.multiple:
            prefix = f"~%{share}%" if correct else "~%-100%"
        else:
            prefix = "=" if correct else "~"
        parts.append(f"\t{prefix}{text(option.text.value)}#{feedback}")
    return head + "{\n" + "\n".join(parts) + f"\n\t####{explanation}\n}}"


def gift_file(questions: Iterable[tuple[Question, str]], cite: Cite, heading: str) -> str:
    """A GIFT file of (question, title) pairs, with a comment line naming where it comes from."""
    blocks = [f"// {' '.join(heading.split())}"]
    blocks += [gift_question(question, title, cite) for question, title in questions]
    return "\n\n".join(blocks) + "\n"


def markdown_file(sections: Iterable[tuple[str, list[tuple[Question, str]]]], cite: Cite, heading: str) -> str:
    """The bank as Markdown: one section per area, each question with its answer and explanation."""
    lines = [f"# {heading}", ""]
    number = 0
    for area, questions in sections:
        if not questions:
            continue
        lines += [f"## {area}", ""]
        for question, title in questions:
            number += 1
            lines += [f"### {number}. {title}", "", cite(question.stem.value), ""]
            for option in question.options:
                label = option.text.value if question.kind == TRUE_FALSE else f"{option.label}. {cite(option.text.value)}"
                lines.append(f"- {label}")
            correct = ", ".join(option.text.value if question.kind == TRUE_FALSE else option.label
                                for option in question.correct_options)
            lines += ["", f"**Answer:** {correct}", "", cite(question.explanation.value), ""]
            for option in question.options:
                if option.why is not None:
                    lines.append(f"- Why {option.label} is wrong: {cite(option.why.value)}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")
