"""The pure halves of the offline layer: which files hold the nav pages, the manifest, the cache names."""

from alliance_atlas.build.service_worker import nav_page_files, page_file, page_url, vendor_cache_name, web_manifest


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
