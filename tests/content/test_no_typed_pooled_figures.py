"""The evidence file is the only place a pooled figure is typed: pages use the evidence shortcodes.

A reasonable pattern check on every Markdown page: an effect statistic with a value (r = .29,
*d* = 0.55, OR = 1.19), a k with a value, or a confidence interval with numbers, outside the
shortcodes and outside code. Write <!-- atlas:effect id="..." --> instead (README, "Evidence").
"""

from __future__ import annotations

import re

import pytest

from support.sitebuild import REPO_ROOT

DOCS = REPO_ROOT / "docs"
#: Figures of single studies, which are not pooled and so not in the evidence file: (page, figure) -> why.
NOT_POOLED = {
    ("docs/religion/evidence.md", "*d* = 0.30"): "one randomised trial (koenig2016effects), not a meta-analysis",
}
_SHORTCODE = re.compile(r"<!--\s*atlas:[^>]*-->")
_FENCED = re.compile(r"^(`{3,}|~{3,}).*?^\1", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_NUMBER = r"[−-]?\s*(?:\d+)?\.\d+"
TYPED_FIGURE = re.compile(
    rf"(?<![\w/#-])\*?(?:r|d|g|k|OR)\*?\s*(?:=|≈)\s*{_NUMBER}"
    rf"|\*?k\*?\s*=\s*\d"
    rf"|\bCI\s*(?:of\s*)?[\[(]?\s*(?:±\s*)?{_NUMBER}"
    rf"|±\s*\.\d"
)


def typed_figures(markdown: str) -> list[tuple[int, str]]:
    """(line, text) of each typed pooled figure; shortcodes and code are blanked first, keeping line numbers."""
    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match[0])

    cleaned = _INLINE_CODE.sub(blank, _SHORTCODE.sub(blank, _FENCED.sub(blank, markdown)))
    return [(cleaned.count("\n", 0, match.start()) + 1, match[0]) for match in TYPED_FIGURE.finditer(cleaned)]


@pytest.mark.parametrize(
    "typed",
    ["r = .29", "*r* = .278", "*d* = 0.55", "g = 0.27", "OR = 1.19", "*k* = 16", "k = 23", "95% CI [.10, .47]",
     "95% CI .25–.30", "CI ±.06", "r ≈ .28", "a CI of .256 to .299"],
)
def test_the_pattern_finds_typed_figures(typed):
    assert typed_figures(f"Text {typed} text.")


@pytest.mark.parametrize(
    "fine",
    ['<!-- atlas:effect id="eubanks2018-repair" -->', "`r = .29` in code", "p = .001", "an SD of 1.5", "k studies",
     "CORE-OM", "Figure 2 = .3 of", "\n```\nr = .29\n```\n"],
)
def test_the_pattern_leaves_other_text_alone(fine):
    assert typed_figures(f"Text {fine} text.") == []


def test_no_page_types_a_pooled_figure():
    found = [
        f"{path.relative_to(REPO_ROOT)}:{line}: {text!r}"
        for path in sorted(DOCS.rglob("*.md"))
        for line, text in typed_figures(path.read_text(encoding="utf-8"))
        if (path.relative_to(REPO_ROOT).as_posix(), text) not in NOT_POOLED
    ]
    assert not found, "type pooled figures in bibliography/effects.csv and use the evidence shortcodes:\n" + "\n".join(found)


def test_every_single_study_exception_is_still_on_its_page():
    for page, figure in NOT_POOLED:
        assert figure in (REPO_ROOT / page).read_text(encoding="utf-8"), f"{page} no longer has {figure!r}: drop the exception"
