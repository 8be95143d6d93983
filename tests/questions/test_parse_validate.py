"""Reading question blocks and checking them: every error names the page, the line and the reason."""

from __future__ import annotations

import textwrap

import pytest

from alliance_atlas.questions.model import TRUE_FALSE, ChartBlock
from alliance_atlas.questions.parse import parse_page
from alliance_atlas.questions.validate import validate_questions

PAGE = "docs/area/index.md"
GOOD = textwrap.dedent("""\
    # A page

    Text.

    ```question
    id: first-question
    stem: Which is right?
    a: This one [@bordin1979generalizability].
    b: That one,
      continued on a second line.
      why: It is wrong because
        of this.
    answer: a
    explanation: Because of the source [@bordin1979generalizability].
    ```

    ```question
    id: second-question
    kind: true-false
    stem: Ruptures are always harmful.
    answer: false
    explanation: They are not [@safran2002repairing].
    ```
    """)


def errors_of(markdown: str, **options) -> list[str]:
    parsed = parse_page(markdown, PAGE)
    return [str(error) for error in parsed.errors + validate_questions(parsed.questions, **options)]


def block(body: str) -> str:
    return "# Page\n\n```question\n" + textwrap.dedent(body) + "```\n"


def test_a_page_is_read_with_its_fields_options_and_lines():
    parsed = parse_page(GOOD, PAGE)
    assert parsed.errors == []
    first, second = parsed.questions
    assert first.id == "first-question" and first.line == 5
    assert [option.label for option in first.options] == ["a", "b"]
    assert first.options[1].text.value == "That one, continued on a second line."
    assert first.options[1].why.value == "It is wrong because of this."
    assert first.options[1].why.line == 11
    assert first.answer == ("a",) and not first.multiple
    assert second.kind == TRUE_FALSE
    assert [option.label for option in second.options] == ["true", "false"]
    assert second.answer == ("false",)
    assert validate_questions(parsed.questions, known_key=lambda key: True) == []


def test_blocks_inside_another_fence_are_documentation_and_left_alone():
    markdown = "````markdown\n```question\nid: x\n```\n````\n"
    assert parse_page(markdown, PAGE).blocks == []


def test_no_correct_option_names_the_answer_line():
    errors = errors_of(block("""\
        id: q
        stem: S?
        a: A.
          why: no.
        b: B.
          why: no.
        answer:
        explanation: E.
        """))
    assert errors == [f"{PAGE}:10: no correct option: 'answer' names none"]


def test_a_correct_option_that_does_not_exist():
    errors = errors_of(block("""\
        id: q
        stem: S?
        a: A.
        b: B.
          why: no.
        answer: a, e
        explanation: E.
        """))
    assert errors == [f"{PAGE}:9: question 'q': the correct option 'e' does not exist; the options are a, b"]


def test_a_duplicate_id_names_both_places():
    one = "```question\nid: same\nstem: S?\na: A.\nb: B.\n  why: no.\nanswer: a\nexplanation: E.\n```\n"
    errors = errors_of("# Page\n\n" + one + "\n" + one)
    assert errors == [f"{PAGE}:13: question 'same': duplicate id; it is already used at {PAGE}:3"]


def test_an_unknown_citation_key_names_the_line_and_the_closest_keys():
    markdown = block("""\
        id: q
        stem: S?
        a: A.
        b: B.
          why: Wrong [@safran1996resolutoin].
        answer: a
        explanation: E.
        """)
    errors = errors_of(markdown, known_key=lambda key: key == "safran1996resolution",
                       closest_keys=lambda key: ["safran1996resolution"])
    assert errors == [f"{PAGE}:8: question 'q': unknown citation key 'safran1996resolutoin'; closest keys: safran1996resolution"]


@pytest.mark.parametrize(("body", "expected"), [
    ("id: q\nstem: S?\na: A.\nb: B.\nanswer: a\nexplanation: E.\n",
     "7: question 'q': wrong option 'b' needs a 'why:' line saying why it is wrong"),
    ("id: Bad Id\nstem: S?\na: A.\nb: B.\n  why: no.\nanswer: a\nexplanation: E.\n",
     "3: question 'Bad Id': the id must be lowercase letters, digits and single hyphens"),
    ("id: q\nstem: See [the page](x.md).\na: A.\nb: B.\n  why: no.\nanswer: a\nexplanation: E.\n",
     "5: question 'q': links are not supported in questions; name the page in words"),
    ("id: q\nkind: quiz\nstem: S?\nanswer: a\nexplanation: E.\n", "5: unknown kind 'quiz'; known: choice, true-false"),
    ("id: q\nkind: true-false\nstem: S?\nanswer: maybe\nexplanation: E.\n",
     "7: question 'q': the correct option 'maybe' does not exist; the options are true, false"),
    ("id: q\nstem: S?\nhint: H.\na: A.\nb: B.\n  why: no.\nanswer: a\nexplanation: E.\n",
     "6: unknown field 'hint'; known: id, kind, stem, answer, explanation, and options a to h"),
    ("id: q\nstem: S?\na: A.\nanswer: a\nexplanation: E.\n",
     "3: question 'q': a multiple-choice question needs at least two options (a, b, ...)"),
])
def test_each_malformed_question_is_one_error_with_its_line(body, expected):
    assert errors_of(block(body)) == [f"{PAGE}:{expected}"]


def test_an_unclosed_block_is_an_error():
    assert errors_of("```question\nid: q\n") == [f"{PAGE}:1: the ```question block is never closed"]


def test_chart_blocks_take_numbers_and_check_them():
    parsed = parse_page("```chart-questions\nid: p\ncount: 4\nhard: 1\nseed: 7\n```\n", PAGE)
    assert parsed.blocks == [ChartBlock("p", PAGE, 1, 4, 1, 7)]
    bad = parse_page("```chart-questions\nid: p\ncount: many\n```\n", PAGE)
    assert [str(error) for error in bad.errors] == [f"{PAGE}:3: count must be a whole number, not 'many'"]
