"""Links that never break: every address in permalinks.txt is still published by the built site, or redirected.

New pages are fine (refresh the registry with `python -m alliance_atlas.build.permalinks update site/`);
a registered address that disappears fails with what to do.
"""

from __future__ import annotations

import pytest

from alliance_atlas.bibliography.parse import cached_bibliography
from alliance_atlas.bibliography.vocabulary import TOPICS
from alliance_atlas.build.permalinks import missing, read_registry, redirects_from_config, registry_lines, site_index
from support.sitebuild import REPO_ROOT, build_site

REGISTRY = REPO_ROOT / "permalinks.txt"


def test_no_registered_address_has_disappeared(site_dir):
    problems = missing(read_registry(REGISTRY), site_index(site_dir), redirects_from_config(REPO_ROOT / "mkdocs.yml"))
    assert not problems, "published addresses went missing (permalinks.txt):\n" + "\n".join(problems)


def test_registry_is_sorted_and_holds_every_reference_key_and_topic():
    lines = read_registry(REGISTRY)
    assert lines == sorted(set(lines)), "permalinks.txt must be sorted, without duplicates"
    registered = set(lines)
    for reference in cached_bibliography(REPO_ROOT / "bibliography" / "alliance.bib"):
        assert f"references/{reference.key}/" in registered
        assert f"downloads/references/{reference.key}.bib" in registered
    topics = {line.split("/")[2].rsplit(".", 1)[0] for line in lines if line.startswith("downloads/topics/")}
    assert topics and topics <= set(TOPICS)
    for page in ("/", "about/", "glossary/", "references/", "course-pack/"):
        assert page in registered
    for anchor in ("about/#how-to-cite", "glossary/#rupture-marker", "course-pack/#bibliography"):
        assert anchor in registered


def test_registry_lists_everything_the_site_publishes_today(site_dir):
    """An address that is published but not registered could vanish later without anyone noticing."""
    new = sorted(set(registry_lines(site_dir, REPO_ROOT / "docs")) - set(read_registry(REGISTRY)))
    assert new == [], (f"{len(new)} published address(es) missing from permalinks.txt; run `make permalinks` "
                       "and commit it: " + ", ".join(new[:20]))


@pytest.mark.build
def test_a_mini_site_that_moves_a_page_fails_until_a_redirect_is_added(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nSee [the guide](guide.md#setup).\n")
    (docs / "guide.md").write_text("# Guide\n\n## Setting up {#setup}\n\nText.\n")
    config = tmp_path / "mkdocs.yml"

    def build(redirect_maps: str = "{}"):
        config.write_text(f"site_name: Mini\ntheme: mkdocs\nmarkdown_extensions: [attr_list, toc]\nplugins:\n  - redirects:\n      redirect_maps: {redirect_maps}\n")
        result = build_site(config, tmp_path / "site")
        assert result.ok, result.output[-2000:]
        return site_index(result.site_dir)

    build()
    first = registry_lines(tmp_path / "site", docs)
    assert {"guide/", "guide/#setup", "/"} <= set(first)

    (docs / "guide.md").rename(docs / "handbook.md")
    (docs / "index.md").write_text("# Home\n\nSee [the handbook](handbook.md#setup).\n")
    problems = missing(first, build(), redirects_from_config(config))
    assert problems and problems[0].startswith("guide/: no longer published: add a redirect in mkdocs.yml")

    site = build("{guide.md: handbook.md}")
    assert (tmp_path / "site" / "guide" / "index.html").is_file()
    assert missing(first, site, redirects_from_config(config)) == []
