"""The search index every page loads: it finds every work by first author and title, and leaves out the
boilerplate that repeats on page after page (alliance_atlas.site.search)."""

from __future__ import annotations

import html
import json
import re

import pytest

from alliance_atlas.bibliography.parse import load_bibliography
from support.sitebuild import REPO_ROOT


@pytest.fixture(scope="module")
def index(site_dir):
    return json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))


def _plain(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split()).casefold()


@pytest.fixture(scope="module")
def indexed_text(index):
    return "\n".join(_plain(entry["title"]) + "\n" + _plain(entry["text"]) for entry in index["docs"])


def test_every_first_author_and_title_is_found(indexed_text):
    bibliography = load_bibliography(REPO_ROOT / "bibliography" / "alliance.bib")
    missing = []
    for reference in bibliography:
        first = (reference.authors or reference.editors)[0]
        for wanted in (first.surname, reference.title):
            if _plain(wanted) not in indexed_text:
                missing.append(f"{reference.key}: {wanted}")
    assert len(list(bibliography)) > 100
    assert missing == []


def test_each_reference_page_is_indexed_with_its_reference(index):
    bibliography = load_bibliography(REPO_ROOT / "bibliography" / "alliance.bib")
    pages = {entry["location"]: entry for entry in index["docs"]}
    for reference in bibliography:
        entry = pages[f"references/{reference.key}/"]
        assert _plain(entry["title"]) == _plain(reference.title)


@pytest.mark.parametrize("boilerplate", [
    "Copy APA",  # copy buttons
    "Hilsenroth (2001) to my reading list",  # reading-list checkboxes
    "Your list is empty",  # the reading-list tray, filled in by its script
    "Last updated:",  # the date line at the top of each page
    "Cite this reference",  # citation styles and BibTeX on every reference page
    "Other references on the same topics",
    "Score and fitted value by session",  # widgets' data tables, which repeat the chart
])
def test_repeated_boilerplate_is_left_out(index, boilerplate):
    found = [entry["location"] for entry in index["docs"]
             if boilerplate.casefold() in _plain(entry["title"] + " " + entry["text"])]
    assert found == []


def test_page_end_reference_lists_are_left_out_but_prose_citations_stay(index):
    locations = {entry["location"] for entry in index["docs"]}
    assert not any(location.endswith("#references") for location in locations)
    assert not any(location.endswith("#cite-this-page") for location in locations)
    rupture = next(entry for entry in index["docs"] if entry["location"] == "rupture-repair/")
    assert "safran" in _plain(rupture["text"])
