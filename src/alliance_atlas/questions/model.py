"""The questions as immutable objects, with the page and line every part came from."""

from __future__ import annotations

from dataclasses import dataclass, field

CHOICE = "choice"
TRUE_FALSE = "true-false"
KINDS = (CHOICE, TRUE_FALSE)
TRUE_FALSE_OPTIONS = (("true", "True"), ("false", "False"))


@dataclass(frozen=True)
class Text:
    """A piece of author text (inline Markdown, may cite) and the line where it starts."""

    value: str
    line: int


@dataclass(frozen=True)
class Option:
    label: str  # "a", "b", ... ("true"/"false" for true-false questions)
    text: Text
    why: Text | None = None


@dataclass(frozen=True)
class Question:
    id: str
    page: str  # "docs/concept/index.md"
    line: int  # the line of the opening fence
    kind: str
    stem: Text
    options: tuple[Option, ...]
    answer: tuple[str, ...]  # labels of the correct options, as written
    answer_line: int
    explanation: Text

    @property
    def multiple(self) -> bool:
        return len(self.answer) > 1

    @property
    def correct_options(self) -> tuple[Option, ...]:
        return tuple(option for option in self.options if option.label in self.answer)

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


@dataclass(frozen=True)
class ChartBlock:
    """A request for generated chart questions: how many, how many of them hard, and the first seed."""

    id: str
    page: str
    line: int
    count: int
    hard: int
    seed: int


@dataclass(frozen=True)
class QuestionError:
    page: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.reason}"


@dataclass
class ParsedPage:
    """What ``parse_page`` found: questions and chart blocks in page order, and the errors."""

    blocks: list = field(default_factory=list)  # Question | ChartBlock, with their fence spans
    spans: list = field(default_factory=list)  # (start offset, end offset) of each block's fence
    errors: list = field(default_factory=list)

    @property
    def questions(self) -> list[Question]:
        return [block for block in self.blocks if isinstance(block, Question)]


class QuestionsFailed(ValueError):
    """One or more malformed questions; the message lists every one with page and line."""

    def __init__(self, errors: list[QuestionError]):
        self.errors = list(errors)
        lines = "\n".join(f"  {error}" for error in self.errors)
        super().__init__(f"{len(self.errors)} malformed question(s):\n{lines}")
