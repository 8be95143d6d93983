"""The site's question bank: every authored question, by area, for the instructors' page and the downloads."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Callable

from .exports import gift_file, markdown_file
from .model import TRUE_FALSE, Question, QuestionError
from .parse import parse_page
from .validate import validate_questions

# Each area's main page, in reading order: (source path under docs/, slug for file names, label).
AREAS: tuple[tuple[str, str, str], ...] = (
    ("concept/index.md", "concept", "The concept"),
    ("theory/index.md", "theory", "Theory by orientation"),
    ("outcomes/index.md", "outcomes", "Outcome evidence"),
    ("therapist/index.md", "therapist", "Therapist factors"),
    ("monitoring/index.md", "monitoring", "Monitoring the alliance"),
    ("rupture-repair/index.md", "rupture-repair", "Rupture and repair"),
    ("religion/index.md", "religion", "Religion and spirituality"),
)
OTHER_AREA = ("other", "Other pages")
BANK_PAGE = "questions/index.md"
DOWNLOADS = "downloads/questions"
WHOLE_BANK = "alliance-atlas-questions"
SECTION_ID = "check-your-understanding"


@dataclass(frozen=True)
class Area:
    slug: str
    label: str
    page: str  # src path under docs/, "" for OTHER_AREA
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Bank:
    areas: tuple[Area, ...]

    @property
    def questions(self) -> list[Question]:
        return [question for area in self.areas for question in area.questions]

    def titled(self, area: Area) -> list[tuple[Question, str]]:
        return [(question, f"{area.label} {number} ({question.id})") for number, question in enumerate(area.questions, 1)]


def collect(sources: dict[str, str], docs_name: str = "docs", *, known_key=None, closest_keys=None) -> tuple[Bank, list[QuestionError]]:
    """Parse and validate the questions of every page (``{src path: markdown}``); ids are unique site-wide."""
    errors: list[QuestionError] = []
    seen: dict[str, str] = {}
    by_page: dict[str, list[Question]] = {}
    for src in sorted(sources):
        parsed = parse_page(sources[src], f"{docs_name}/{src}")
        errors.extend(parsed.errors)
        errors.extend(validate_questions(parsed.questions, known_key=known_key, closest_keys=closest_keys, seen=seen))
        if parsed.questions:
            by_page[src] = parsed.questions
    areas = [Area(slug, label, src, tuple(by_page.pop(src, ()))) for src, slug, label in AREAS]
    others = tuple(question for src in sorted(by_page) for question in by_page[src])
    if others:
        areas.append(Area(OTHER_AREA[0], OTHER_AREA[1], "", others))
    return Bank(tuple(areas)), errors


def downloads(bank: Bank, cite: Callable[[str], str], site_name: str) -> dict[str, str]:
    """``{path under the site: text}``: the whole bank and one file per area, in GIFT and Markdown."""
    files = {}
    everything = [pair for area in bank.areas for pair in bank.titled(area)]
    files[f"{DOWNLOADS}/{WHOLE_BANK}.gift"] = gift_file(everything, cite, f"{site_name}: every question (GIFT)")
    files[f"{DOWNLOADS}/{WHOLE_BANK}.md"] = markdown_file(
        [(area.label, bank.titled(area)) for area in bank.areas], cite, f"{site_name}: Check your understanding")
    for area in bank.areas:
        if not area.questions:
            continue
        files[f"{DOWNLOADS}/{area.slug}.gift"] = gift_file(bank.titled(area), cite, f"{site_name}: {area.label} (GIFT)")
        files[f"{DOWNLOADS}/{area.slug}.md"] = markdown_file([(area.label, bank.titled(area))], cite, f"{site_name}: {area.label}")
    return files


def bank_page_markdown(bank: Bank, cite: Callable[[str], str] = lambda text: text) -> str:
    """The instructors' page: downloads, then every question by area with its answer (citations through ``cite``)."""
    total = len(bank.questions)
    lines = [
        "---",
        "description: Every self-test question of the atlas by topic, with answers, and downloads for Moodle (GIFT) and in Markdown.",
        "---",
        "",
        "# Question bank {#question-bank}",
        "",
        f"This page gathers the {total} \"Check your understanding\" questions that end each area's main page, with their answers and explanations.",
        "Instructors can import them into a course platform, or adapt them for a handout.",
        "The practice page [Which pattern is this?](../explorer/which-pattern.md) adds questions generated from the trajectory package.",
        "",
        "## Downloads {#downloads}",
        "",
        "GIFT is the text format that Moodle imports (Question bank, then Import, then GIFT format); each question carries a title with its area and id.",
        "The Markdown files hold the same questions for reading or editing.",
        "",
        "| Topic | Questions | GIFT | Markdown |",
        "| --- | --- | --- | --- |",
        f"| All topics | {total} | {_download(WHOLE_BANK, 'gift')} | {_download(WHOLE_BANK, 'md')} |",
    ]
    for area in bank.areas:
        if area.questions:
            lines.append(f"| {area.label} | {len(area.questions)} | {_download(area.slug, 'gift')} | {_download(area.slug, 'md')} |")
    lines.append("")
    for area in bank.areas:
        if not area.questions:
            continue
        lines += [f"## {area.label} {{#{area.slug}}}", ""]
        if area.page:
            lines += [f"From [{area.label}](../{area.page}#{SECTION_ID}).", ""]
        for number, question in enumerate(area.questions, 1):
            lines += [f"**{number}. {cite(question.stem.value)}** <small>(id: `{question.id}`)</small>", ""]
            for option in question.options:
                mark = " (correct)" if option.label in question.answer else ""
                label = "" if question.kind == TRUE_FALSE else f"{option.label}. "
                lines.append(f"- {label}{cite(option.text.value)}{mark}")
            lines += ["", f"*Explanation.* {cite(question.explanation.value)}", ""]
            reasons = [option for option in question.options if option.why is not None]
            for option in reasons:
                lines.append(f"- *Why {option.label} is wrong.* {cite(option.why.value)}")
            if reasons:
                lines.append("")
    return "\n".join(lines)


def _download(name: str, extension: str) -> str:
    # Raw HTML: the Markdown files are written after the build, so MkDocs cannot check a Markdown link to them.
    filename = f"{name}.{extension}"
    return f'<a href="../{DOWNLOADS}/{filename}" download="{filename}">{filename}</a>'


def plain_citations(render: Callable[[str], str]) -> Callable[[str], str]:
    """A ``cite`` for the exports: ``render`` makes citation HTML, which is reduced to its text."""

    def cite(text: str) -> str:
        return html.unescape(re.sub(r"<[^>]+>", "", render(text)))

    return cite
