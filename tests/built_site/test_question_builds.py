"""Malformed questions stop the strict build, naming the page, the line and the reason.

One mini-site per case under tests/fixtures/questions/, built through the project's own hooks.
"""

from __future__ import annotations

import pytest

from alliance_atlas.bibliography.parse import load_bibliography
from support.sitebuild import REPO_ROOT, build_site

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "questions"


def build_case(name, tmp_path):
    return build_site(FIXTURES / name / "mkdocs.yml", tmp_path / "site")


def error_line(output: str, where: str) -> str:
    lines = [line.strip() for line in output.splitlines() if where in line]
    assert lines, output[-3000:]
    return lines[0]


@pytest.mark.parametrize(("case", "where", "reason"), [
    ("no_correct", "docs/quiz.md:12", "no correct option: 'answer' names none"),
    ("missing_option", "docs/quiz.md:10", "question 'missing-option': the correct option 'd' does not exist; the options are a, b"),
    ("duplicate_id", "docs/quiz.md:13", "question 'same-id': duplicate id; it is already used at docs/quiz.md:3"),
])
def test_a_malformed_question_fails_the_build_with_page_line_and_reason(case, where, reason, tmp_path):
    result = build_case(case, tmp_path)
    assert not result.ok
    assert error_line(result.output, where).endswith(f"{where}: {reason}")
    assert not (result.site_dir / "quiz" / "index.html").exists()


def test_an_unknown_citation_key_in_a_question_fails_the_build_with_the_closest_keys(tmp_path):
    result = build_case("unknown_key", tmp_path)
    assert not result.ok
    closest = load_bibliography(REPO_ROOT / "bibliography" / "alliance.bib").closest_keys("safran1996resolutoin")
    line = error_line(result.output, "docs/quiz.md:")
    assert "docs/quiz.md:8: question 'unknown-key': unknown citation key 'safran1996resolutoin'" in line
    assert all(key in line for key in closest), line
