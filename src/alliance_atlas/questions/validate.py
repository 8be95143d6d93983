"""Check parsed questions: each problem becomes a ``QuestionError`` naming the page, the line and the reason.

The checks: an id of lowercase letters, digits and hyphens, unique (on the page, and across the site
when ``seen`` is shared); at least two options; at least one correct option, and every correct option
one that exists; one correct option for a true/false question; a ``why`` for every wrong option of a
multiple-choice question; no Markdown links (the question's HTML is built outside the page's Markdown,
so MkDocs could not check or rewrite them); every cited key in the bibliography.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from alliance_atlas.bibliography.citations import find_citations

from .model import CHOICE, TRUE_FALSE, Question, QuestionError, Text

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LINK = re.compile(r"\]\(")


def validate_questions(
    questions: Iterable[Question],
    *,
    known_key: Callable[[str], bool] | None = None,
    closest_keys: Callable[[str], list[str]] | None = None,
    seen: dict[str, str] | None = None,
) -> list[QuestionError]:
    """Every problem of ``questions``; ``seen`` maps ids already used (elsewhere) to where."""
    errors: list[QuestionError] = []
    seen = {} if seen is None else seen
    for question in questions:
        errors.extend(_check(question, seen, known_key, closest_keys))
    return errors


def _check(question: Question, seen: dict[str, str], known_key, closest_keys) -> list[QuestionError]:
    errors: list[QuestionError] = []

    def error(line: int, reason: str) -> None:
        errors.append(QuestionError(question.page, line, f"question {question.id!r}: {reason}"))

    if not _ID.match(question.id):
        error(question.line, "the id must be lowercase letters, digits and single hyphens")
    if question.id in seen:
        error(question.line, f"duplicate id; it is already used at {seen[question.id]}")
    else:
        seen[question.id] = question.where
    labels = [option.label for option in question.options]
    if question.kind == CHOICE and len(labels) < 2:
        error(question.line, "a multiple-choice question needs at least two options (a, b, ...)")
    if not question.answer:
        error(question.answer_line, "no correct option: 'answer' names none")
    for label in question.answer:
        if label not in labels:
            error(question.answer_line, f"the correct option {label!r} does not exist; the options are {', '.join(labels) or 'none'}")
    if question.kind == TRUE_FALSE and len(question.answer) > 1:
        error(question.answer_line, "a true/false question has exactly one correct answer")
    if len(labels) >= 2 and set(question.answer) == set(labels) and question.kind == CHOICE:
        error(question.answer_line, "every option is correct, so the question tests nothing")
    if question.kind == CHOICE:
        for option in question.options:
            if option.label not in question.answer and (option.why is None or not option.why.value):
                error(option.text.line, f"wrong option {option.label!r} needs a 'why:' line saying why it is wrong")
            if option.label in question.answer and option.why is not None:
                error(option.why.line, f"option {option.label!r} is correct; put its reasoning in the explanation")
    for text in _texts(question):
        if _LINK.search(text.value):
            error(text.line, "links are not supported in questions; name the page in words")
        if known_key is None:
            continue
        for citation in find_citations(text.value):
            for item in citation.items:
                if not known_key(item.key):
                    close = closest_keys(item.key) if closest_keys else []
                    hint = f"; closest keys: {', '.join(close)}" if close else ""
                    error(text.line, f"unknown citation key {item.key!r}{hint}")
    return errors


def _texts(question: Question) -> list[Text]:
    texts = [question.stem, question.explanation]
    for option in question.options:
        texts.append(option.text)
        if option.why is not None:
            texts.append(option.why)
    return texts
