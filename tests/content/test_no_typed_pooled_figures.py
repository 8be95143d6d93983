"""The evidence file is the only place a pooled figure is typed: pages use the evidence shortcodes.

A reasonable pattern check on every Markdown page and every explainer notebook's Markdown cells:
an effect statistic with a value (r = .29, *d* = 0.55, OR = 1.19), a k with a value, or a confidence
interval with numbers, outside the shortcodes and outside code. Counts are checked where they belong
to a synthesis: a number of studies, samples or participants ("295 studies", "1,314 patients") in a
sentence that cites a work of the evidence file. A single study's sample ("116 clients" [@one-study])
is not pooled and stays typed. Write <!-- atlas:effect id="..." show="k" --> instead (README, "Evidence").
"""

from __future__ import annotations

import csv
import re

import pytest

from alliance_atlas.explainers.pages import markdown_cell_sources
from support.sitebuild import REPO_ROOT

DOCS = REPO_ROOT / "docs"
NOTEBOOKS = sorted((DOCS / "explainers").glob("*.ipynb"))
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
#: "295 studies", "more than 30,000 patients", "38 youth studies": a count with up to two words before its unit.
TYPED_COUNT = re.compile(
    r"(?<![\w.,-])\d[\d,]*\s+(?:[a-z-]+\s+){0,2}?"
    r"(?:studies|samples|trials|effect sizes|effects|reports|patients|participants|clients|treatments|"
    r"families|couples|trainees|therapists|young people)\b"
)
_CITED_KEY = re.compile(r"@([A-Za-z0-9_:-]+)")


def _synthesis_keys() -> frozenset[str]:
    with (REPO_ROOT / "bibliography" / "effects.csv").open(encoding="utf-8") as file:
        return frozenset(row["key"] for row in csv.DictReader(file))


SYNTHESES = _synthesis_keys()


def _cleaned(markdown: str) -> str:
    """Shortcodes and code blanked, keeping line numbers."""
    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match[0])

    return _INLINE_CODE.sub(blank, _SHORTCODE.sub(blank, _FENCED.sub(blank, markdown)))


def typed_figures(markdown: str) -> list[tuple[int, str]]:
    """(line, text) of each typed pooled figure."""
    cleaned = _cleaned(markdown)
    return [(cleaned.count("\n", 0, match.start()) + 1, match[0]) for match in TYPED_FIGURE.finditer(cleaned)]


def typed_counts(markdown: str, syntheses: frozenset[str] = SYNTHESES) -> list[tuple[int, str]]:
    """(line, text) of each count typed in a line (a sentence: one per line) that cites a synthesis."""
    found = []
    for number, line in enumerate(_cleaned(markdown).splitlines(), start=1):
        if syntheses & set(_CITED_KEY.findall(line)):
            found.extend((number, match[0]) for match in TYPED_COUNT.finditer(line))
    return found


def typed_anything(markdown: str) -> list[tuple[int, str]]:
    return sorted(typed_figures(markdown) + typed_counts(markdown))


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


@pytest.mark.parametrize(
    "typed",
    ["Across 11 studies, repair helped [@eubanks2018alliance].",
     "@fluckiger2018alliance pooled 295 studies and more than 30,000 patients.",
     "They pooled 38 youth studies [@mcleod2011relation].",
     "| 2018 | Meta-analysis of 295 studies of adult psychotherapy | @fluckiger2018alliance |"],
)
def test_the_count_pattern_finds_a_synthesis_count(typed):
    assert typed_counts(typed)


@pytest.mark.parametrize(
    "fine",
    ["A trial of 116 clients found ruptures common [@mclaughlin2014patterns].",  # one study, not a synthesis
     'Across <!-- atlas:effect id="eubanks2018-repair" show="k" --> studies, repair helped [@eubanks2018alliance].',
     "Repair helped in 30-session treatments [@eubanks2018alliance].",
     "Hundreds of studies have been pooled [@fluckiger2018alliance].",
     "Across 11 studies, repair helped.\nSee @eubanks2018alliance."],  # the count and the citation on different lines
)
def test_the_count_pattern_leaves_other_counts_alone(fine):
    assert typed_counts(fine) == []


def _report(sources) -> list[str]:
    return [
        f"{name}:{line}: {text!r}"
        for name, markdown in sources
        for line, text in typed_anything(markdown)
        if (name.split(", ")[0], text) not in NOT_POOLED
    ]


def test_no_page_types_a_pooled_figure_or_count():
    pages = [(path.relative_to(REPO_ROOT).as_posix(), path.read_text(encoding="utf-8")) for path in sorted(DOCS.rglob("*.md"))]
    found = _report(pages)
    assert not found, "type pooled figures in bibliography/effects.csv and use the evidence shortcodes:\n" + "\n".join(found)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_no_notebook_markdown_cell_types_a_pooled_figure_or_count(path):
    name = path.relative_to(REPO_ROOT).as_posix()
    cells = [(f"{name}, Markdown cell {number}", source) for number, source in enumerate(markdown_cell_sources(path), start=1)]
    found = _report(cells)
    assert not found, "type pooled figures in bibliography/effects.csv and use the evidence shortcodes:\n" + "\n".join(found)


def test_the_notebook_check_reads_markdown_cells_only(tmp_path):
    """A figure in a Markdown cell is found; the same text in a code cell is the code's business."""
    import json

    notebook = {"cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["Intro.\n", "They found *r* = .29 [@eubanks2018alliance].\n"]},
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": ["x = 'r = .29'  # 11 studies"]},
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    assert [typed_anything(source) for source in markdown_cell_sources(path)] == [[(2, "*r* = .29")]]


def test_every_single_study_exception_is_still_on_its_page():
    for page, figure in NOT_POOLED:
        assert figure in (REPO_ROOT / page).read_text(encoding="utf-8"), f"{page} no longer has {figure!r}: drop the exception"
