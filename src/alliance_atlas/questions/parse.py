"""Find the question blocks of a page's Markdown and read them, keeping every line number.

A multiple-choice question (one or several correct options; a ``why`` is required for each wrong one)::

    ```question
    id: bordin-components
    stem: Which three components make up Bordin's working alliance?
    a: Goals, tasks and bond.
    b: Transference, real relationship and working alliance.
      why: That is Gelso and Carter's model of the whole relationship [@gelso1994components].
    answer: a
    explanation: Bordin defined the alliance as agreement on goals and tasks plus a bond [@bordin1979generalizability].
    ```

A true/false question has ``kind: true-false`` and ``answer: true`` or ``answer: false``; its
explanation says why the other answer is wrong. Indented lines continue the value above them.
Generated chart questions are asked for with a ``chart-questions`` block holding ``id``, ``count``,
``hard`` (how many of them are hard on purpose) and ``seed``.

Blocks nested in another fence (documentation showing the syntax) are left alone.
"""

from __future__ import annotations

import re

from .model import (
    CHOICE,
    KINDS,
    TRUE_FALSE,
    TRUE_FALSE_OPTIONS,
    ChartBlock,
    Option,
    ParsedPage,
    Question,
    QuestionError,
    Text,
)

QUESTION_FENCE = "question"
CHART_FENCE = "chart-questions"
_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*?)[ \t]*$")
_KEY = re.compile(r"^(?P<key>[a-z][a-z-]*):(?:[ \t]+(?P<value>.*))?$")
_WHY = re.compile(r"^[ \t]{2,}why:(?:[ \t]+(?P<value>.*))?$")
_OPTION_LABEL = re.compile(r"^[a-h]$")
_FIELDS = ("id", "kind", "stem", "answer", "explanation")
_CHART_FIELDS = {"id": None, "count": 6, "hard": 2, "seed": 1}


def parse_page(markdown: str, page: str) -> ParsedPage:
    """Every question and chart block of ``markdown``; malformed ones become errors, not exceptions."""
    parsed = ParsedPage()
    lines = markdown.split("\n")
    offsets = _line_offsets(lines)
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        close = _closing(lines, index, opening["fence"])
        info = opening["info"].strip()
        if info in (QUESTION_FENCE, CHART_FENCE) and not opening["indent"]:
            if close >= len(lines):
                parsed.errors.append(QuestionError(page, index + 1, f"the ```{info} block is never closed"))
                break
            body = [(number + 1, lines[number]) for number in range(index + 1, close)]
            reader = _read_question if info == QUESTION_FENCE else _read_chart_block
            block = reader(body, page, index + 1, parsed.errors)
            if block is not None:
                parsed.blocks.append(block)
                parsed.spans.append((offsets[index], offsets[close] + len(lines[close])))
        index = close + 1
    return parsed


def _line_offsets(lines: list[str]) -> list[int]:
    offsets, position = [], 0
    for line in lines:
        offsets.append(position)
        position += len(line) + 1
    return offsets


def _closing(lines: list[str], start: int, fence: str) -> int:
    for number in range(start + 1, len(lines)):
        match = _FENCE.match(lines[number])
        if match and match["fence"][0] == fence[0] and len(match["fence"]) >= len(fence) and not match["info"].strip():
            return number
    return len(lines)


def _fields(body: list[tuple[int, str]], page: str, errors: list[QuestionError]):
    """(key, Text, [(why Text)]) in order; continuation lines join the value above with a space."""
    entries: list[list] = []  # [key, line, [value parts], why or None]
    for number, raw in body:
        if not raw.strip():
            continue
        why = _WHY.match(raw)
        if why and entries and _OPTION_LABEL.match(entries[-1][0]) and entries[-1][3] is None:
            entries[-1][3] = [number, [why["value"] or ""]]
            continue
        if raw[:1] in (" ", "\t"):
            if not entries:
                errors.append(QuestionError(page, number, "an indented line must continue a field above it"))
                continue
            target = entries[-1][3][1] if entries[-1][3] is not None else entries[-1][2]
            target.append(raw.strip())
            continue
        key = _KEY.match(raw)
        if key is None:
            errors.append(QuestionError(page, number, f"cannot read {raw.strip()!r}: write 'field: value'"))
            continue
        entries.append([key["key"], number, [key["value"] or ""], None])
    for key, number, parts, why in entries:
        text = Text(" ".join(part for part in parts if part).strip(), number)
        why_text = Text(" ".join(part for part in why[1] if part).strip(), why[0]) if why else None
        yield key, text, why_text


def _read_question(body, page: str, line: int, errors: list[QuestionError]) -> Question | None:
    values: dict[str, Text] = {}
    options: list[Option] = []
    before = len(errors)
    for key, text, why in _fields(body, page, errors):
        if _OPTION_LABEL.match(key):
            if any(option.label == key for option in options):
                errors.append(QuestionError(page, text.line, f"option {key!r} is given twice"))
            options.append(Option(key, text, why))
        elif key in _FIELDS:
            if key in values:
                errors.append(QuestionError(page, text.line, f"field {key!r} is given twice"))
            values[key] = text
        else:
            errors.append(QuestionError(page, text.line, f"unknown field {key!r}; known: {', '.join(_FIELDS)}, and options a to h"))
    for key in ("id", "stem", "answer", "explanation"):
        if key not in values:
            errors.append(QuestionError(page, line, f"the question has no {key!r}"))
        elif not values[key].value:
            reason = "no correct option: 'answer' names none" if key == "answer" else f"{key!r} is empty"
            errors.append(QuestionError(page, values[key].line, reason))
    kind = values["kind"].value if "kind" in values else CHOICE
    if kind not in KINDS:
        errors.append(QuestionError(page, values["kind"].line, f"unknown kind {kind!r}; known: {', '.join(KINDS)}"))
    if len(errors) > before:
        return None
    if kind == TRUE_FALSE:
        if options:
            errors.append(QuestionError(page, options[0].text.line, "a true-false question has no options of its own"))
            return None
        options = [Option(label, Text(text, values["answer"].line)) for label, text in TRUE_FALSE_OPTIONS]
    answer = tuple(label.strip().lower() for label in re.split(r"[,\s]+", values["answer"].value) if label.strip())
    return Question(
        id=values["id"].value, page=page, line=line, kind=kind, stem=values["stem"], options=tuple(options),
        answer=answer, answer_line=values["answer"].line, explanation=values["explanation"],
    )


def _read_chart_block(body, page: str, line: int, errors: list[QuestionError]) -> ChartBlock | None:
    values: dict[str, object] = dict(_CHART_FIELDS)
    before = len(errors)
    for key, text, _why in _fields(body, page, errors):
        if key not in _CHART_FIELDS:
            errors.append(QuestionError(page, text.line, f"unknown field {key!r} in chart-questions; known: {', '.join(_CHART_FIELDS)}"))
        elif key == "id":
            values[key] = text.value
        elif not text.value.isdigit():
            errors.append(QuestionError(page, text.line, f"{key} must be a whole number, not {text.value!r}"))
        else:
            values[key] = int(text.value)
    if not values["id"]:
        errors.append(QuestionError(page, line, "the chart-questions block has no 'id'"))
    elif not 1 <= values["count"] <= 20 or not 0 <= values["hard"] <= values["count"]:
        errors.append(QuestionError(page, line, "count must be 1 to 20 and hard between 0 and count"))
    if len(errors) > before:
        return None
    return ChartBlock(str(values["id"]), page, line, int(values["count"]), int(values["hard"]), int(values["seed"]))
