"""The markup contract between the questions' HTML and ``questions.js``, written once.

Python builds the HTML with these names; the page passes ``contract()`` to the script as JSON in a
``data-atlas-question-contract`` attribute, so the script never retypes a class or attribute name.
Standard library only: the chart questions' browser half imports nothing from here, but the build does.
"""

from __future__ import annotations

ROOT_ATTRIBUTE = "data-atlas-question"
KIND_ATTRIBUTE = "data-atlas-question-kind"
CHART_KIND = "chart"
CONTRACT_ATTRIBUTE = "data-atlas-question-contract"
BANK_ATTRIBUTE = "data-atlas-question-bank"

CLASSES = {
    "root": "atlas-question",
    "set": "atlas-question-set",
    "stem": "atlas-question__stem",
    "form": "atlas-question__form",
    "options": "atlas-question__options",
    "option": "atlas-question__option",
    "actions": "atlas-question__actions",
    "feedback": "atlas-question__feedback",
    "answer": "atlas-question__answer",
    "why": "atlas-question__why",
    "progress": "atlas-question-set__progress",
    "chart": "atlas-question__chart",
    "hard": "atlas-question--hard",
}

# data-* attributes the script reads or writes, by role.
ATTRIBUTES = {
    "id": "data-question-id",
    "correct": "data-correct",
    "check": "data-atlas-question-check",
    "reset": "data-atlas-question-reset",
    "another": "data-atlas-question-another",
    "option_reason": "data-option",
    "state": "data-state",
    "page_key": "data-atlas-question-page",
}


def contract() -> dict:
    """Everything the script needs to find and fill the questions' elements."""
    return {
        "root": ROOT_ATTRIBUTE,
        "kind": KIND_ATTRIBUTE,
        "chart_kind": CHART_KIND,
        "bank": BANK_ATTRIBUTE,
        "classes": dict(CLASSES),
        "attributes": dict(ATTRIBUTES),
    }
