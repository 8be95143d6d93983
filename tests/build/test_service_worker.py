"""The pure halves of the offline layer: which files hold the nav pages, the manifest, the cache names."""

import hashlib

from alliance_atlas.build import service_worker
from alliance_atlas.build.service_worker import (
    nav_page_files,
    page_file,
    page_url,
    precache_manifest,
    vendor_cache_name,
    web_manifest,
)


def test_page_file_follows_mkdocs_directory_urls():
    assert page_file("index.md") == "index.html"
    assert page_file("concept/index.md") == "concept/index.html"
    assert page_file("concept/origins.md") == "concept/origins/index.html"
    assert page_file("explainers/alliance-outcome.ipynb") == "explainers/alliance-outcome/index.html"


def test_nav_page_files_walks_sections_and_skips_external_links():
    nav = [
        {"Home": "index.md"},
        {"The concept": ["concept/index.md", {"Origins": "concept/origins.md"}]},
        {"Source": "https://example.org/repo"},
    ]
    assert nav_page_files(nav) == ["index.html", "concept/index.html", "concept/origins/index.html"]
    assert nav_page_files(None) == []


def test_page_url_is_the_address_a_reader_uses():
    assert page_url("index.html") == "./"
    assert page_url("references/x/index.html") == "references/x/"


def test_the_manifest_is_installable_and_relative_to_the_site_root():
    manifest = web_manifest("Alliance Atlas", "About the alliance")
    assert manifest["name"] == "Alliance Atlas"
    assert manifest["start_url"] == "./" and manifest["scope"] == "./"
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    assert any(icon["purpose"] == "maskable" for icon in manifest["icons"])


def test_the_vendor_cache_is_named_by_the_pinned_versions():
    name = vendor_cache_name()
    assert name.startswith("atlas-vendor-") and name == vendor_cache_name()


def test_the_precache_manifest_globs_as_workbox_did(tmp_path, monkeypatch):
    for name, content in {
        "index.html": b"home",
        "assets/stylesheets/a.css": b"a",
        "assets/stylesheets/extra/b.css": b"bb",
        "assets/stylesheets/.hidden.css": b"dot files are left out",
        "assets/big.js": b"x" * 11,
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content)
    monkeypatch.setattr(service_worker, "MAX_PRECACHE_BYTES", 10)
    entries, size, warnings = precache_manifest(
        tmp_path, ["assets/stylesheets/**/*.css", "assets/stylesheets/*.css", "assets/*.js", "index.html", "none/*"],
    )
    # Each file once, whichever patterns match it, with the md5 of its content as revision.
    assert entries == [
        {"url": "assets/stylesheets/a.css", "revision": hashlib.md5(b"a").hexdigest()},
        {"url": "assets/stylesheets/extra/b.css", "revision": hashlib.md5(b"bb").hexdigest()},
        {"url": "index.html", "revision": hashlib.md5(b"home").hexdigest()},
    ]
    assert size == 1 + 2 + 4
    # The file over the limit and the pattern that matched nothing are reported, not precached.
    assert any("assets/big.js" in warning for warning in warnings)
    assert any("none/*" in warning for warning in warnings)
