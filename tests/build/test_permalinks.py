"""The permalink registry's comparison, without building the site: a registered address that disappears
fails with what to do, unless a redirect or an alias keeps it working."""

from __future__ import annotations

from pathlib import Path

from alliance_atlas.build.permalinks import (
    explicit_anchors,
    missing,
    read_registry,
    redirects_from_config,
    registry_lines,
    scan_ids,
    source_url,
    update,
)

REGISTRY = ["/", "/#paths", "concept/", "concept/#definition", "downloads/alliance.bib", "glossary/#bond"]
SITE = {
    "/": {"paths", "other"},
    "concept/": {"definition"},
    "downloads/alliance.bib": set(),
    "glossary/": {"bond"},
}


def test_nothing_missing_and_new_pages_are_fine():
    assert missing(REGISTRY, {**SITE, "new-page/": {"x"}}, {}) == []


def test_a_removed_page_fails_and_says_to_add_a_redirect():
    site = {k: v for k, v in SITE.items() if k != "concept/"}
    problems = missing(REGISTRY, site, {})
    assert problems[0] == ("concept/: no longer published: add a redirect in mkdocs.yml (redirects: redirect_maps): "
                           "concept.md (or concept/index.md) -> <new page>.md, or restore the page")
    assert problems[1].startswith("concept/#definition: no longer published: add a redirect in mkdocs.yml")
    assert len(problems) == 2


def test_a_redirect_takes_the_place_of_a_removed_page_and_carries_its_anchors():
    site = {k: v for k, v in SITE.items() if k != "concept/"} | {"theory/": {"definition"}}
    assert missing(REGISTRY, site, {"concept/": "theory/"}) == []
    site["theory/"] = set()
    problems = missing(REGISTRY, site, {"concept/": "theory/"})
    assert problems == [
        "concept/#definition: the anchor #definition is gone from theory/ (where concept/ now redirects): restore the anchor "
        "(`{#definition}` on its heading) or keep an alias with that id where the section now is "
        "(`[](){#definition}` or `<a id=\"definition\"></a>`), or add a redirect in mkdocs.yml (redirects: redirect_maps) "
        "to a page that has it"
    ]


def test_a_redirect_to_a_missing_page_is_reported():
    site = {k: v for k, v in SITE.items() if k != "concept/"}
    problems = missing(["concept/"], site, {"concept/": "gone/"})
    assert problems == ["concept/: redirected to gone/, which the site does not publish: "
                        "fix the redirect in mkdocs.yml (redirects: redirect_maps) or restore gone/"]


def test_a_removed_anchor_fails_unless_an_alias_keeps_it():
    site = dict(SITE, glossary=set())
    site["glossary/"] = set()
    problems = missing(REGISTRY, site, {})
    assert len(problems) == 1 and problems[0].startswith("glossary/#bond: the anchor #bond is gone from glossary/: restore the anchor")
    alias = scan_ids('<h3 id="bond-and-trust">Bond</h3><a id="bond"></a>').ids
    assert missing(REGISTRY, dict(SITE, **{"glossary/": alias}), {}) == []


def test_redirect_keys_are_source_files():
    assert source_url("concept/old.md") == "concept/old/"
    assert source_url("concept/index.md") == "concept/"
    assert source_url("index.md") == "/"
    assert source_url("explainers/a.ipynb") == "explainers/a/"
    assert source_url("glossary.md#bond") == "glossary/#bond"
    assert source_url("https://example.org/x") == "https://example.org/x"


def test_redirects_are_read_from_mkdocs_yml_with_env_tags(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text('site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]\nplugins:\n  - search\n'
                      '  - redirects:\n      redirect_maps:\n        old.md: concept/index.md\n        a/b.md: "https://example.org/"\n')
    assert redirects_from_config(config) == {"old/": "concept/", "a/b/": "https://example.org/"}
    config.write_text("plugins:\n  - redirects:\n      redirect_maps: {}\n")
    assert redirects_from_config(config) == {}


def test_explicit_anchors_are_the_written_ones_or_a_generated_pages_fixed_ones():
    page = scan_ids('<h1 id="title">T</h1><h2 id="auto-slug">A</h2><h2 id="kept">K</h2><h2 id="references">R</h2>'
                    '<section id="chapter-x"><h2 id="x--derived">D</h2></section><section id="atlas-tray"><h2 id="atlas-tray-h">T</h2></section>')
    assert explicit_anchors(page, "# T\n## A\n## K {#kept}\n## Q { #absent .x }\n") == ["kept", "references"]
    assert explicit_anchors(page, None) == ["auto-slug", "chapter-x", "kept", "references", "title"]


def _tiny_site(root: Path) -> tuple[Path, Path]:
    site, docs = root / "site", root / "docs"
    (site / "a").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "downloads").mkdir()
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n## Start {#start}\n")
    (docs / "a.md").write_text("# A\n## Auto\n")
    (site / "index.html").write_text('<h1 id="home">Home</h1><h2 id="start">Start</h2>')
    (site / "a" / "index.html").write_text('<h1 id="a">A</h1><h2 id="auto">Auto</h2>')
    (site / "assets" / "x.js").write_text("")
    (site / "404.html").write_text("")
    (site / "downloads" / "all.bib").write_text("")
    return site, docs


def test_registry_lines_of_a_tiny_site(tmp_path):
    site, docs = _tiny_site(tmp_path)
    assert registry_lines(site, docs) == ["/", "/#start", "a/", "downloads/all.bib"]


def test_update_adds_but_never_drops_and_refuses_when_something_broke(tmp_path):
    site, docs = _tiny_site(tmp_path)
    registry, config = tmp_path / "permalinks.txt", tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n")
    assert update(site, registry, config, docs) == (["/", "/#start", "a/", "downloads/all.bib"], [])
    (site / "b").mkdir()
    (site / "b" / "index.html").write_text("<h1 id='b'>B</h1>")
    assert update(site, registry, config, docs) == (["b/", "b/#b"], [])  # generated (no source): its h1 is fixed
    (site / "a" / "index.html").unlink()
    added, problems = update(site, registry, config, docs)
    assert added == [] and problems[0].startswith("a/: no longer published: add a redirect in mkdocs.yml")
    assert read_registry(registry) == ["/", "/#start", "a/", "b/", "b/#b", "downloads/all.bib"]
