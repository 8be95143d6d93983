"""The reading lists of the real site: a page per topic, the index, and every download of every list."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pybtex.database
import pytest
import rispy

from support.bib import formatter_for
from alliance_atlas.bibliography.parse import load_bibliography
from alliance_atlas.bibliography.vocabulary import TOPICS
from alliance_atlas.site.reading_list_tray import apa_markdown
from alliance_atlas.bibliography.intext import apa_sort_key
from support.htmlscan import scan_file
from support.sitebuild import REPO_ROOT


@pytest.fixture(scope="module")
def bibliography():
    return load_bibliography(REPO_ROOT / "bibliography" / "alliance.bib")


def _page(site_dir, slug):
    return site_dir / "reading-lists" / slug / "index.html"


def _listed_keys(path):
    """The keys of the entries a list page shows, in page order."""
    return [a["data-key"] for tag, a in scan_file(path).tags if tag == "li" and "data-key" in a]


def _downloads(site_dir, slug):
    base = f"http://x/reading-lists/{slug}/"
    links = [a for tag, a in scan_file(_page(site_dir, slug)).tags if tag == "a" and "download" in a]
    return {urljoin(base, a["href"]).removeprefix("http://x/").rsplit(".", 1)[-1]: site_dir / urljoin(base, a["href"]).removeprefix("http://x/")
            for a in links}


def _paragraphs(text):
    return [block.strip() for block in text.split("\n\n") if block.strip()]


def test_every_topic_has_a_reading_list_page_linked_from_the_index(site_dir):
    index = site_dir / "reading-lists" / "index.html"
    hrefs = {a.get("href") for tag, a in scan_file(index).tags if tag == "a"}
    for slug in TOPICS:
        assert _page(site_dir, slug).is_file(), slug
        assert f"{slug}/" in hrefs, slug
    assert sorted(path.name for path in (site_dir / "reading-lists").iterdir() if path.is_dir()) == sorted(TOPICS)
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="reading-lists/" class="md-nav__link">\s*<span class="md-ellipsis">\s*Reading lists', home)


def test_each_list_shows_core_readings_first_then_the_further_readings(site_dir, bibliography):
    for slug, topic in TOPICS.items():
        path = _page(site_dir, slug)
        text = path.read_text(encoding="utf-8")
        members = sorted(bibliography.by_topic(slug), key=apa_sort_key)
        core = [r.key for r in members if r.core]
        further = [r.key for r in members if not r.core]
        assert _listed_keys(path) == core + further, slug
        core_section = text[text.index('id="core"'):text.index('id="further"')]
        assert re.findall(r'data-key="([^"]+)"', core_section) == core, slug
        assert f"<h1 id=\"reading-list\">Reading list: {topic.label}</h1>" in text
        for reference in members:
            item = text[text.index(f'id="ref-{reference.key}"'):]
            item = item[:item.index("</li>")]
            assert formatter_for(bibliography).reference(reference, "apa", "html").replace("@", "&#64;") in item
            assert f'href="../../references/{reference.key}/"' in item
            assert f'data-atlas-pick="{reference.key}"' in item


@pytest.mark.parametrize("slug", list(TOPICS))
def test_every_download_of_a_list_parses_and_holds_exactly_its_entries(site_dir, bibliography, slug):
    listed = _listed_keys(_page(site_dir, slug))
    files = _downloads(site_dir, slug)
    assert sorted(files) == ["bib", "md", "ris", "txt"]
    assert all(path.is_file() for path in files.values()), files
    bib = pybtex.database.parse_string(files["bib"].read_text(encoding="utf-8"), "bibtex")
    assert sorted(bib.entries.keys()) == sorted(listed)
    assert sorted(record["id"] for record in rispy.loads(files["ris"].read_text(encoding="utf-8"))) == sorted(listed)

    references = [bibliography[key] for key in listed]
    text = _paragraphs(files["txt"].read_text(encoding="utf-8"))
    headings = {"Core readings", "Further readings"}
    assert text[0] == f"Reading list: {TOPICS[slug].label}\nFrom Alliance Atlas: http://127.0.0.1:8000/reading-lists/{slug}/"
    assert [p for p in text[1:] if p not in headings] == [formatter_for(bibliography).reference(r, "apa", "text") for r in references]

    markdown = _paragraphs(files["md"].read_text(encoding="utf-8"))
    assert markdown[0] == f"# Reading list: {TOPICS[slug].label}"
    assert [p for p in markdown[2:] if not p.startswith("## ")] == [apa_markdown(r, formatter_for(bibliography)) for r in references]


def test_the_builder_data_covers_every_reference(site_dir, bibliography):
    data = json.loads((site_dir / "downloads" / "alliance-builder.json").read_text(encoding="utf-8"))
    assert set(data["references"]) == set(bibliography.references)
    assert data["order"] == [r.key for r in sorted(bibliography, key=apa_sort_key)]


def test_the_references_list_has_a_labelled_checkbox_per_entry_and_the_tray(site_dir, bibliography):
    page = site_dir / "references" / "index.html"
    tags = scan_file(page).tags
    boxes = {a["data-atlas-pick"]: a for tag, a in tags if tag == "input" and "data-atlas-pick" in a}
    assert sorted(boxes) == sorted(bibliography.references)
    labels = {a.get("for") for tag, a in tags if tag == "label"}
    assert all(a["id"] in labels and a["type"] == "checkbox" for a in boxes.values())
    text = page.read_text(encoding="utf-8")
    assert text.count("data-atlas-tray ") == 1
    assert 'data-atlas-data="../downloads/alliance-builder.json"' in text
