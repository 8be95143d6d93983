"""The generated bibliography pages of the real site: one page per entry, the list, and every export."""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from urllib.parse import urljoin

import pybtex.database
import pytest
import rispy

from alliance_atlas.bibliography.exports import to_bibtex
from support.bib import formatter_for
from alliance_atlas.bibliography.highwire import highwire_meta
from alliance_atlas.bibliography.parse import load_bibliography
from alliance_atlas.bibliography.vocabulary import EVIDENCE_TYPES, TOPICS
from support.htmlscan import scan_file
from support.sitebuild import REPO_ROOT, built_pages, page_url_path

COPY_STYLES = {"Copy APA": "apa", "Copy Chicago": "chicago", "Copy Vancouver": "vancouver", "Copy Harvard": "harvard"}


@pytest.fixture(scope="module")
def bibliography():
    return load_bibliography(REPO_ROOT / "bibliography" / "alliance.bib")


@pytest.fixture(scope="module")
def citing_pages(site_dir):
    """key -> {page URL path: [section anchors]} read from the citation links of every content page."""
    cited = defaultdict(lambda: defaultdict(list))
    for page in built_pages(site_dir):
        path = page_url_path(site_dir, page)
        if path.startswith("references/"):
            continue
        section = ""
        for tag, attributes in scan_file(page).tags:
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and attributes.get("id"):
                section = attributes["id"]
            if tag == "a" and "citation" in attributes.get("class", "").split():
                cited[attributes["data-key"]][path].append(section)
    return cited


def _page(site_dir, key):
    return site_dir / "references" / key / "index.html"


def _between(text, start, end):
    return text[text.index(start):text.index(end, text.index(start))]


def test_every_entry_has_a_page_and_nothing_else_is_generated(site_dir, bibliography):
    assert sorted(path.name for path in (site_dir / "references").iterdir() if path.is_dir()) == sorted(bibliography.references)
    assert all(_page(site_dir, key).is_file() for key in bibliography.references)


def test_each_page_has_apa_annotation_badges_and_links(site_dir, bibliography):
    for reference in bibliography:
        text = _page(site_dir, reference.key).read_text(encoding="utf-8")
        assert formatter_for(bibliography).reference(reference, "apa", "html") in text, reference.key
        assert html.escape(reference.annotation) in _between(text, 'id="annotation"', 'id="find"'), reference.key
        badges = _between(text, '<ul class="atlas-badges"', "</ul>")
        for slug in reference.topics:
            assert f'href="../?topic={slug}">{html.escape(TOPICS[slug].label)}</a>' in badges, reference.key
        assert html.escape(EVIDENCE_TYPES[reference.evidence]) in badges
        hrefs = [a.get("href", "") for tag, a in scan_file(_page(site_dir, reference.key)).tags if tag == "a"]
        if reference.doi:
            assert any(href.startswith("https://doi.org/") for href in hrefs), reference.key
        if reference.pmid:
            assert f"https://pubmed.ncbi.nlm.nih.gov/{reference.pmid}/" in hrefs, reference.key
        if not (reference.doi or reference.pmid):
            assert any(href.startswith("https://scholar.google.com/scholar?q=") for href in hrefs), reference.key


def test_copy_buttons_carry_each_style_as_text_and_the_bibtex(site_dir, bibliography):
    for reference in bibliography:
        tags = scan_file(_page(site_dir, reference.key)).tags
        buttons = {}
        for index, (tag, attributes) in enumerate(tags):
            if tag == "button" and "data-atlas-copy" in attributes:
                buttons[attributes["data-atlas-copy"]] = attributes
        texts = set(buttons)
        for style in COPY_STYLES.values():
            assert formatter_for(bibliography).reference(reference, style, "text") in texts, (reference.key, style)
        assert to_bibtex([reference]).strip() + "\n" in texts
        assert len(buttons) == 5
        assert {attributes["data-atlas-status"] for attributes in buttons.values()} == {"copy-status"}
        assert 'id="copy-status" role="status" aria-live="polite"' in _page(site_dir, reference.key).read_text(encoding="utf-8")


def test_each_page_offers_its_entry_as_bib_ris_and_csl_json(site_dir, bibliography):
    for reference in bibliography:
        page = _page(site_dir, reference.key)
        links = {a["href"]: a for tag, a in scan_file(page).tags if tag == "a" and "download" in a}
        base = f"http://x/references/{reference.key}/"
        targets = sorted(urljoin(base, href).removeprefix("http://x/") for href in links)
        assert targets == [f"downloads/references/{reference.key}.{ext}" for ext in ("bib", "json", "ris")]
        assert pybtex.database.parse_string((site_dir / targets[0]).read_text(encoding="utf-8"), "bibtex").entries.keys() == {reference.key}
        assert [item["id"] for item in json.loads((site_dir / targets[1]).read_text(encoding="utf-8"))] == [reference.key]
        assert [record["id"] for record in rispy.loads((site_dir / targets[2]).read_text(encoding="utf-8"))] == [reference.key]


def test_highwire_meta_tags_describe_the_work_in_the_head(site_dir, bibliography):
    for reference in bibliography:
        text = _page(site_dir, reference.key).read_text(encoding="utf-8")
        head = text[:text.index("</head>")]
        found = [(a["name"], a["content"]) for tag, a in scan_file(_page(site_dir, reference.key)).tags
                 if tag == "meta" and a.get("name", "").startswith("citation_")]
        assert found == list(highwire_meta(reference)), reference.key
        assert head.count('<meta name="citation_') == len(found)


def test_cited_on_lists_exactly_the_pages_and_sections_that_cite(site_dir, bibliography, citing_pages):
    assert citing_pages, "no page of the site cites anything"
    for reference in bibliography:
        text = _page(site_dir, reference.key).read_text(encoding="utf-8")
        section = _between(text, 'id="cited-on"', 'id="related"')
        assert "data-atlas-cited-on" not in section
        base = f"http://x/references/{reference.key}/"
        hrefs = [urljoin(base, href).removeprefix("http://x/") for href in re.findall(r'href="([^"#]+)(?:#[^"]*)?"', section)]
        anchors = re.findall(r'href="[^"#]+#([^"]+)"', section)
        expected = citing_pages.get(reference.key, {})
        assert set(hrefs) == set(expected), reference.key
        assert set(anchors) == {anchor for anchors in expected.values() for anchor in anchors if anchor}, reference.key
        if not expected:
            assert "No page of the site cites this reference yet." in section


def test_related_references_share_a_topic(site_dir, bibliography):
    for reference in bibliography:
        section = _between(_page(site_dir, reference.key).read_text(encoding="utf-8"), 'id="related"', "</article>")
        keys = re.findall(r'href="\.\./([^/"]+)/"', section)
        assert len(keys) <= 5
        assert all(set(bibliography[key].topics) & set(reference.topics) for key in keys), reference.key


def test_the_list_holds_every_reference_with_its_filter_data(site_dir, bibliography):
    page = site_dir / "references" / "index.html"
    items = {a["id"].removeprefix("ref-"): a for tag, a in scan_file(page).tags if tag == "li" and a.get("id", "").startswith("ref-")}
    assert sorted(items) == sorted(bibliography.references)
    for reference in bibliography:
        attributes = items[reference.key]
        assert attributes["data-topics"].split() == list(reference.topics)
        assert attributes["data-evidence"] == reference.evidence
        assert attributes["data-year"] == str(reference.year)
    text = page.read_text(encoding="utf-8")
    for key in bibliography.references:
        assert f'href="{key}/"' in text
    for control in ("atlas-filter-topic", "atlas-filter-evidence", "atlas-filter-from", "atlas-filter-to"):
        assert f'<label for="{control}">' in text and f'id="{control}"' in text
    assert 'role="status" aria-live="polite"' in text


@pytest.mark.parametrize("extension", ["bib", "ris", "json"])
def test_whole_and_topic_exports_parse_back_with_exactly_their_entries(site_dir, bibliography, extension):
    def keys(path):
        text = path.read_text(encoding="utf-8")
        if extension == "bib":
            return sorted(pybtex.database.parse_string(text, "bibtex").entries.keys())
        if extension == "ris":
            return sorted(record["id"] for record in rispy.loads(text))
        return sorted(item["id"] for item in json.loads(text))

    assert keys(site_dir / "downloads" / f"alliance.{extension}") == sorted(bibliography.references)
    for slug in TOPICS:
        expected = sorted(reference.key for reference in bibliography.by_topic(slug))
        path = site_dir / "downloads" / "topics" / f"{slug}.{extension}"
        assert (keys(path) if path.exists() else []) == expected, slug
    listed = (site_dir / "references" / "index.html").read_text(encoding="utf-8")
    assert f'href="../downloads/alliance.{extension}" download="alliance.{extension}"' in listed


def test_citing_pages_end_with_their_references_and_coins(site_dir, citing_pages):
    by_page = defaultdict(set)
    for key, pages in citing_pages.items():
        for path in pages:
            by_page[path].add(key)
    for path, keys in by_page.items():
        page = site_dir / path / "index.html" if path.endswith("/") or not path else site_dir / path
        text = page.read_text(encoding="utf-8")
        section = _between(text, 'id="references"', "</ol>")
        assert set(re.findall(r'<li id="ref-([^"]+)"', section)) == keys, path
        assert section.count('class="Z3988"') == len(keys), path


def test_cite_this_page_is_on_content_pages_only(site_dir):
    for page in built_pages(site_dir):
        path = page_url_path(site_dir, page)
        text = page.read_text(encoding="utf-8")
        generated = path.startswith(("references/", "reading-lists/", "course-pack/", "questions/"))
        if generated or path in ("404.html",) or "md-content" not in text:
            assert 'class="atlas-cite-page"' not in text, path
            continue
        if 'class="jupyter-wrapper"' in text:
            continue
        block = _between(text, 'id="cite-this-page"', "</details>")
        assert "Alliance Atlas contributors. (" in block, path
        assert f"http://127.0.0.1:8000/{path}" in block, path
        assert "Copy APA</button>" in block and "Copy BibTeX</button>" in block, path
