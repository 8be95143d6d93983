"""Six claims the sources do not support must not come back (issue 11).

Each check reads the source text a reader ends up seeing: every Markdown page and include, the
markdown cells of the explainer notebooks, and the `annotation` field of every bibliography entry.
The text is cut into units (a sentence; a whole table row, or one cell of it), and a unit fails when
it joins a source to a claim that source did not make. A unit that reports the source entry's wording
in order to correct it ("the entry says ...", a **Corrected:** coverage row) or negates the claim
("did not show", "rather than") is allowed, because that is how the site explains the correction.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from alliance_atlas.bibliography.parse import load_bibliography
from support.sitebuild import REPO_ROOT

DOCS = REPO_ROOT / "docs"
BIB = REPO_ROOT / "bibliography" / "alliance.bib"

# A unit that negates, contrasts or attributes the claim to the source entry is an explanation, not the claim.
# Bare "no" is not enough: "fared better than clients with no such episode" states the claim itself.
EXPLAINS = re.compile(r"\b(not|nor|neither|never|rather than|distinct|differs?|unlike|by contrast|instead)\b"
                      r"|\bthe entry\b|\*\*Corrected:\*\*|\*\*Qualified:\*\*", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?])(?<!et al\.)\s+(?=[A-Z*@\[(])")
# Link targets and anchors are addresses, not prose: "../rupture-repair/" must not count as a claim.
ADDRESSES = re.compile(r"\]\([^)]*\)|\{#[^}]*\}|`[^`]*`")


@dataclass(frozen=True)
class Unit:
    where: str
    text: str
    subject: str = ""  # the entry key, for an annotation: it is about that work even when it never names it


def _sentences(where: str, line: str, subject: str = "") -> list[Unit]:
    prose = ADDRESSES.sub("]", line.strip())
    return [Unit(where, part, subject) for part in SENTENCE_END.split(prose) if part]


def _line_units(where: str, text: str, *, cells: bool, subject: str = "") -> list[Unit]:
    units: list[Unit] = []
    for number, line in enumerate(text.splitlines(), start=1):
        place = f"{where}:{number}"
        if line.lstrip().startswith("|"):
            row = line.strip().strip("|")
            parts = [c.strip() for c in row.split(" | ")] if cells else [row]
            for part in parts:
                units += _sentences(place, part, subject)
        else:
            units += _sentences(place, line, subject)
    return units


def _markdown_sources() -> list[tuple[str, str]]:
    sources = [(p.relative_to(REPO_ROOT).as_posix(), p.read_text(encoding="utf-8"))
               for p in sorted(DOCS.rglob("*.md"))]
    for notebook in sorted(DOCS.rglob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for index, cell in enumerate(cells):
            if cell["cell_type"] == "markdown":
                sources.append((f"{notebook.relative_to(REPO_ROOT).as_posix()}#cell{index}", "".join(cell["source"])))
    return sources


def _annotation_sources() -> list[tuple[str, str, str]]:
    bibliography = load_bibliography(BIB)
    return [(f"{BIB.name}:{key}", reference.fields.get("annotation", ""), key)
            for key, reference in bibliography.references.items()]


def units(*, cells: bool = False) -> list[Unit]:
    found: list[Unit] = []
    for where, text in _markdown_sources():
        found += _line_units(where, text, cells=cells)
    for where, text, key in _annotation_sources():
        found += _line_units(where, text, cells=cells, subject=key)
    return found


def offending(pattern_about: re.Pattern[str], pattern_claim: re.Pattern[str], *, cells: bool = False) -> list[str]:
    return [f"{u.where}: {u.text}" for u in units(cells=cells)
            if pattern_about.search(f"{u.subject} {u.text}") and pattern_claim.search(u.text)
            and not EXPLAINS.search(u.text)]


MCLAUGHLIN = re.compile(r"mclaughlin2014patterns|McLaughlin", re.I)
# "repaired" but not "unrepaired", followed in the same unit by a claim of a better result; or a comparison
# with clients who had no rupture.
REPAIRED_BETTER = re.compile(r"(?<!un)repaired\b.*\b(better|improv\w*|fared)\b"
                             r"|\b(better|fared better|did better|improved more)\b.*\bthan\b.*\b(without|no such|none)\b",
                             re.I)


def test_mclaughlin_is_not_cited_for_repaired_ruptures_doing_better():
    assert offending(MCLAUGHLIN, REPAIRED_BETTER) == []


MEIER = re.compile(r"meier2005role|Meier|substance|drug treatment", re.I)


def test_meier_is_not_cited_for_drinking_outcomes():
    assert offending(MEIER, re.compile(r"\bdrink", re.I)) == []


ALLIANCE = re.compile(r"\balliance\b", re.I)
NECESSARY_OR_SUFFICIENT = re.compile(r"\b(necessary|sufficient)\b|cannot be built", re.I)


def test_rogers_conditions_are_not_called_necessary_or_sufficient_for_the_alliance():
    # Table cells are judged one by one: a comparison row mixes four orientations.
    assert offending(ALLIANCE, NECESSARY_OR_SUFFICIENT, cells=True) == []


def test_rogers_conditions_are_stated_in_his_own_terms():
    humanistic = (DOCS / "theory" / "humanistic.md").read_text(encoding="utf-8")
    assert re.search(r"necessary and sufficient for \*?therapeutic personality change", humanistic)
    assert "[@rogers1957necessary" in humanistic or "@rogers1957necessary" in humanistic


ACA = re.compile(r"aca2014code|\bACA\b|Code of Ethics", re.I)
OWN_MEANING = re.compile(r"own (meaning|interpretation|understanding|definition)|\bdefines? (the terms|what)\b", re.I)


def test_aca_code_is_not_cited_for_clients_own_definitions():
    assert offending(ACA, OWN_MEANING) == []


def test_ethics_page_states_what_the_code_says():
    ethics = (DOCS / "religion" / "ethics.md").read_text(encoding="utf-8")
    for standard in ("A.4.b", "A.11.b", "C.5"):
        assert standard in ethics
    assert "ASERVIC" in ethics


FRANK = re.compile(r"frank1990role", re.I)
SYNTHESIS_PROPERTY = re.compile(r"correlational|pooled|syntheses|meta-analys", re.I)


def test_frank_and_gunderson_are_not_cited_for_a_property_of_later_syntheses():
    assert offending(FRANK, SYNTHESIS_PROPERTY) == []


QUADRATIC = re.compile(r"quadratic|high-low-high|dip-and-recovery|U-shaped|Kivlighan", re.I)
RUPTURE_THEN_REPAIR = re.compile(r"rupture[- ](and[- ])?repair|rupture followed by (a )?repair", re.I)


def test_quadratic_pattern_is_not_called_a_rupture_and_repair():
    # A whole table row is one unit here: the old table put the pattern and its "reading" in two cells.
    assert offending(QUADRATIC, RUPTURE_THEN_REPAIR) == []


def test_stevens_2007_is_in_the_bibliography_and_cited_where_patterns_are_discussed():
    reference = load_bibliography(BIB).references["stevens2007levels"]
    assert reference.fields.get("doi") == "10.1176/appi.psychotherapy.2007.61.2.109"
    for page in ("rupture-repair/index.md", "rupture-repair/trajectories.md"):
        assert "@stevens2007levels" in (DOCS / page).read_text(encoding="utf-8"), page


def test_the_claims_rule_is_published_on_the_about_page():
    about = (DOCS / "about" / "index.md").read_text(encoding="utf-8")
    assert "## How we check claims {#how-we-check-claims}" in about


@pytest.mark.parametrize("text", [
    "A repaired rupture was again associated with a better treatment outcome [@mclaughlin2014patterns].",
    "clients whose alliance showed a sharp fall and a later rise fared better than clients whose alliance "
    "showed no such episode [@stiles2004patterns; @mclaughlin2014patterns].",
])
def test_the_mclaughlin_check_catches_the_old_wording(text):
    # Guards the guard: "no such episode" is part of the claim here, so the list of explanations must not excuse it.
    assert MCLAUGHLIN.search(text) and REPAIRED_BETTER.search(text) and not EXPLAINS.search(text)
