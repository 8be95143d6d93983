"""Guard (b): no built page loads a script, stylesheet, font, image or fetch target from another host."""

from urllib.parse import urlsplit

from support.htmlscan import scan_file
from support.sitebuild import built_pages
from support.third_party import third_party_in_asset, third_party_resources

OWN_ORIGIN = "http://127.0.0.1:8000"


def test_pages_reference_no_third_party_resources(site_dir):
    offenders = {}
    for page in built_pages(site_dir):
        found = third_party_resources(scan_file(page), OWN_ORIGIN)
        if found:
            offenders[page.relative_to(site_dir).as_posix()] = found
    assert offenders == {}


def test_own_stylesheets_and_scripts_fetch_nothing_from_other_hosts(site_dir):
    from support.sitebuild import REPO_ROOT

    own_assets = [
        site_dir / source.relative_to(REPO_ROOT / "docs")
        for source in (REPO_ROOT / "docs" / "assets").rglob("*")
        if source.suffix in (".css", ".js")
    ]
    assert own_assets, "the site's own stylesheets and scripts were not found"
    offenders = {}
    for asset in own_assets:
        found = third_party_in_asset(asset.read_text(encoding="utf-8"), OWN_ORIGIN, css=asset.suffix == ".css")
        if found:
            offenders[asset.relative_to(site_dir).as_posix()] = found
    assert offenders == {}


def test_scanner_catches_a_cdn_script_a_webfont_and_an_image():
    from support.htmlscan import scan_html

    page = scan_html(
        '<script src="https://cdn.jsdelivr.net/npm/vega@6"></script>'
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<img src="//example.org/x.png"><a href="https://doi.org/10.1/x">a reader may click this</a>'
        '<link rel="canonical" href="https://alliance.example/">'
        '<style>@font-face { src: url(https://fonts.gstatic.com/r.woff2) }</style>'
        '<script>fetch("https://api.example.com/track")</script>'
    )
    found = third_party_resources(page, OWN_ORIGIN)
    assert [urlsplit(item.split("=", 1)[-1].rstrip(">")).netloc or item for item in found] == [
        "cdn.jsdelivr.net", "fonts.googleapis.com", "example.org",
        "css url(https://fonts.gstatic.com/r.woff2)", "script fetches https://api.example.com/track",
    ]


def test_no_page_asks_the_theme_for_mermaid(site_dir):
    """Material fetches Mermaid from unpkg.com at run time; diagrams here are plain HTML or SVG instead."""
    pages = [page.relative_to(site_dir).as_posix() for page in built_pages(site_dir)
             if 'class="mermaid"' in page.read_text(encoding="utf-8")]
    assert pages == []
