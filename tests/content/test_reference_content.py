"""The reference itself: every source cited, every page cross-linked and reachable, the prose our own."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from alliance_atlas.bibliography.citations import find_citations
from alliance_atlas.bibliography.parse import load_bibliography
from alliance_atlas.evidence.parse import read_effects
from support.htmlscan import scan_file
from support.sitebuild import REPO_ROOT, built_pages, page_url_path

DOCS = REPO_ROOT / "docs"
SEED_OVERLAP = REPO_ROOT.parent / "shared" / "tools" / "seed_overlap.py"
# Pages that are not prose of the reference: generated lists, the glossary and the home page have their own shape.
NOT_CONTENT = re.compile(r"^(index\.md|glossary\.md|about/coverage\.md|explainers/.*|references/.*)$")
SEARCH_SEPARATOR = re.compile(r'[\s\u200b\-_,:;!=\[\]()"`/&.]+|&amp;|&[lg]t;')


def _markdown_pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if "includes" not in p.relative_to(DOCS).parts)


def _content_pages() -> list[Path]:
    return [p for p in _markdown_pages() if not NOT_CONTENT.match(p.relative_to(DOCS).as_posix())]


@pytest.fixture(scope="module")
def bibliography():
    return load_bibliography(REPO_ROOT / "bibliography" / "alliance.bib")


def test_every_reference_is_cited_in_the_prose(bibliography):
    cited = set()
    for page in _markdown_pages():
        text = page.read_text(encoding="utf-8")
        for citation in find_citations(text):
            cited.update(item.key for item in citation.items)
        # The evidence map cites every work of the evidence file in its table.
        if "<!-- atlas:evidence-map -->" in text:
            cited.update(effect.key for effect in read_effects(REPO_ROOT / "bibliography" / "effects.csv"))
    assert sorted(set(bibliography.references) - cited) == []
    assert len(bibliography.references) >= 55


@pytest.mark.parametrize("page", _content_pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_content_page_ends_with_at_least_three_related_topics(page):
    text = page.read_text(encoding="utf-8")
    assert "## Related topics {#related-topics}" in text
    related = text.split("## Related topics {#related-topics}", 1)[1]
    assert "\n## " not in related, "Related topics must be the last section"
    assert len(re.findall(r"\]\([^)]+\.md(?:#[^)]*)?\)", related)) >= 3


@pytest.mark.parametrize("page", [p for p in _content_pages() if p.parent.name != "about"],
                         ids=lambda p: p.relative_to(DOCS).as_posix())
def test_content_page_cites_its_claims(page):
    assert find_citations(page.read_text(encoding="utf-8")), "a content page without a single citation"


def test_coverage_checklist_maps_claims_to_pages():
    rows = []
    for part in sorted((DOCS / "includes" / "coverage").glob("*.md")):
        rows += [line for line in part.read_text(encoding="utf-8").splitlines()
                 if line.startswith("|") and ".md" in line]
    # Each of the entry's seven sections contributes several claims.
    assert len(rows) >= 60
    assert all(re.search(r"\]\(\.\./[^)]+\.md", row) for row in rows)


@pytest.mark.skipif(not SEED_OVERLAP.exists(), reason="the shared overlap tool is not beside this checkout")
def test_prose_shares_no_long_run_with_the_source_entry():
    completed = subprocess.run([sys.executable, str(SEED_OVERLAP), "--fail-at", "12", str(DOCS)],
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-2000:]


def test_search_index_finds_every_first_author(site_dir, bibliography):
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    tokens = set()
    for doc in index["docs"]:
        for text in (doc.get("title", ""), doc.get("text", "")):
            tokens.update(t.lower() for t in SEARCH_SEPARATOR.split(re.sub(r"<[^>]+>", " ", text)) if t)
    missing = []
    for reference in bibliography.references.values():
        people = reference.authors or reference.editors
        first = people[0].family.split()[-1].lower()
        # The search splits "Zilcha-Mano" as it splits the page text, so a reader's query finds both halves.
        if not all(part in tokens for part in SEARCH_SEPARATOR.split(first) if part):
            missing.append(f"{reference.key}: {first}")
    assert missing == []


def test_every_page_is_two_clicks_from_home(site_dir):
    own = "http://127.0.0.1:8000/"
    pages = {page_url_path(site_dir, p) for p in built_pages(site_dir) if p.name == "index.html"}

    def links(path: str) -> set[str]:
        target = site_dir / path / "index.html"
        if not target.exists():
            return set()
        found = set()
        for tag, attributes in scan_file(target).tags:
            if tag == "a" and attributes.get("href"):
                absolute = urlsplit(urljoin(own + path, attributes["href"]))
                if absolute.netloc == "127.0.0.1:8000":
                    found.add(absolute.path.lstrip("/"))
        return found

    one_click = links("")
    reached = {""} | one_click
    for path in one_click:
        reached |= links(path)
    content = {p for p in pages if not p.startswith(("references/", "downloads/"))}
    assert sorted(content - reached) == []


def test_no_built_page_shows_an_unresolved_citation(site_dir):
    """A citation the engine skipped would reach readers as raw `[@key]` text."""
    leftovers = {}
    for page in built_pages(site_dir):
        text = re.sub(r"<(code|pre|script|style)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.S)
        found = re.findall(r"\[-?@[a-z]+\d{4}[a-z]+[^\]]*\]", text)
        if found:
            leftovers[page.relative_to(site_dir).as_posix()] = found[:3]
    assert leftovers == {}
