"""CITATION.cff and the about page's "How to cite" section say the same thing."""

from __future__ import annotations

import html
import re

import yaml

from support.sitebuild import REPO_ROOT

LICENCE_NAMES = {"CC-BY-4.0": "CC BY 4.0"}


def _citation() -> dict:
    return yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def _how_to_cite_text(site_dir) -> str:
    page = (site_dir / "about" / "index.html").read_text(encoding="utf-8")
    start = page.index('id="how-to-cite"')
    section = page[start:page.index("<h2", start + 1)]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", section)).split())


def test_citation_cff_is_complete_and_honest():
    cff = _citation()
    assert cff["cff-version"] == "1.2.0"
    assert cff["title"] == "Alliance Atlas"
    assert cff["license"] == "CC-BY-4.0"
    assert cff["type"] in {"dataset", "software"}
    assert [author.get("name") for author in cff["authors"]] == ["Alliance Atlas contributors"]
    assert str(cff["version"]) == "0.1.0"
    assert cff["abstract"] and cff["date-released"]
    # The default site address is a local one, so no URL may be invented.
    for field in ("url", "repository-code"):
        assert "127.0.0.1" not in str(cff.get(field, "")) and "localhost" not in str(cff.get(field, ""))


def test_about_page_shows_what_citation_cff_says(site_dir):
    cff = _citation()
    text = _how_to_cite_text(site_dir)
    assert f"Title {cff['title']}" in text
    assert f"Author {cff['authors'][0]['name']}" in text
    assert f"Version {cff['version']}" in text
    assert f"Released {cff['date-released']}" in text
    assert f"Licence {LICENCE_NAMES[cff['license']]}" in text
    assert "CITATION.cff" in text
    assert f"{cff['authors'][0]['name']}. ({cff['date-released'].year}). {cff['title']} (Version {cff['version']})" in text
