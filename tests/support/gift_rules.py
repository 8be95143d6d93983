"""A checker for the GIFT rules the exports promise, independent of the code that writes them.

Each question: ``::title::`` (non-empty), text, then exactly one answer block ``{...}`` closing the
question. Inside the block: ``TRUE``/``FALSE`` with ``#`` feedback, or answers starting ``=`` or ``~``
(optionally weighted ``%n%``), each with its feedback after ``#``, and ``####`` general feedback.
Outside that structure none of ``~ = # { } :`` may appear unescaped.
"""

from __future__ import annotations

import re

SPECIAL = set("~=#{}:")


def scan(text: str) -> list[tuple[str, bool]]:
    """(character, escaped) pairs; a backslash escapes the next character."""
    out, index = [], 0
    while index < len(text):
        if text[index] == "\\" and index + 1 < len(text):
            out.append((text[index + 1], True))
            index += 2
        else:
            out.append((text[index], False))
            index += 1
    return out


def _plain(tokens) -> str:
    """Text with escaped characters marked, so structural characters are only the unescaped ones."""
    return "".join(char if not escaped else "\x00" for char, escaped in tokens)


def check_question(question: str) -> list[str]:
    problems: list[str] = []
    tokens = scan(question.strip())
    plain = _plain(tokens)
    title = re.match(r"^::([^:]+)::", plain)
    if title is None or not title[1].strip("\x00 "):
        return ["no ::title:: at the start"]
    rest = plain[title.end():]
    if rest.count("{") != 1 or rest.count("}") != 1:
        return [f"expected one answer block, found {rest.count('{')} '{{' and {rest.count('}')} '}}'"]
    opening, closing = rest.index("{"), rest.index("}")
    if closing != len(rest) - 1:
        problems.append("text after the answer block")
    stem = rest[:opening].removeprefix("[markdown]")
    if SPECIAL & set(stem):
        problems.append(f"unescaped special character in the question text: {sorted(SPECIAL & set(stem))}")
    block = rest[opening + 1:closing]
    general = ""
    if "####" in block:
        block, general = block.split("####", 1)
        if SPECIAL & set(general):
            problems.append("unescaped special character in the general feedback")
    block = block.strip()
    if re.match(r"^(TRUE|FALSE|T|F)(#|$)", block):
        parts = block.split("#")
        for feedback in parts[1:]:
            if SPECIAL & set(feedback):
                problems.append("unescaped special character in true/false feedback")
        return problems
    answers = re.split(r"(?=[=~])", block)
    answers = [answer for answer in answers if answer.strip()]
    if not answers:
        problems.append("no answers")
    correct = 0
    for answer in answers:
        answer = answer.strip()
        body = answer[1:]
        weight = re.match(r"^%(-?\d+(?:\.\d+)?)%", body)
        if weight:
            body = body[weight.end():]
            correct += float(weight[1]) > 0
        elif answer[0] == "=":
            correct += 1
        text, _, feedback = body.partition("#")
        if not feedback.strip():
            problems.append(f"an answer has no feedback after '#': {text!r}")
        if SPECIAL & set(text) or SPECIAL & set(feedback):
            problems.append(f"unescaped special character in an answer or its feedback: {text!r}")
    if not correct:
        problems.append("no correct answer")
    return problems


def questions_of(gift: str) -> list[str]:
    """The file's questions: blocks separated by blank lines, comment lines (//) left out."""
    blocks = [block for block in re.split(r"\n\s*\n", gift) if block.strip()]
    kept = []
    for block in blocks:
        lines = [line for line in block.splitlines() if not line.lstrip().startswith("//")]
        if lines:
            kept.append("\n".join(lines))
    return kept
