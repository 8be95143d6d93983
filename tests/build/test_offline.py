"""CDN addresses that plugins and Altair emit are pointed at the site's own copies."""

import altair as alt
import pytest

from alliance_atlas.build.offline import OfflineAssetError, copy_vendor_assets, rewrite_cdn_urls
from alliance_atlas.build.vendor import SHIPPED
from support.sitebuild import REPO_ROOT


def test_altair_html_output_loads_vega_from_the_site():
    chart = alt.Chart(alt.Data(values=[{"x": 1}])).mark_point().encode(x="x:Q")
    html = chart.to_html()
    assert "cdn.jsdelivr.net" in html
    rewritten = rewrite_cdn_urls(html, "../assets/vendor", page="explainers/x.ipynb")
    assert "cdn.jsdelivr.net" not in rewritten
    assert "../assets/vendor/vega/build/vega.min.js" in rewritten
    assert "../assets/vendor/vega-lite/build/vega-lite.min.js" in rewritten
    assert "../assets/vendor/vega-embed/build/vega-embed.min.js" in rewritten


def test_requirejs_paths_keep_their_missing_extension():
    html = '"vega": "https://cdn.jsdelivr.net/npm/vega@6?noext"'
    assert rewrite_cdn_urls(html, "assets/vendor") == '"vega": "assets/vendor/vega/build/vega.min"'


def test_mathjax_file_addresses_keep_their_path():
    html = "https://cdn.jsdelivr.net/npm/mathjax@3.2.2/es5/tex-mml-chtml.js"
    assert rewrite_cdn_urls(html, "../../assets/vendor") == "../../assets/vendor/mathjax/es5/tex-mml-chtml.js"


def test_a_library_the_site_does_not_ship_fails_naming_it():
    with pytest.raises(OfflineAssetError, match="leaflet"):
        rewrite_cdn_urls('<script src="https://unpkg.com/leaflet@1.9.4/dist/leaflet.js">', "x", page="map.md")


def test_a_different_major_version_fails():
    with pytest.raises(OfflineAssetError, match="ships vega 6"):
        rewrite_cdn_urls("https://cdn.jsdelivr.net/npm/vega@5", "x")


def test_google_fonts_fail_the_build():
    with pytest.raises(OfflineAssetError, match="fonts.googleapis.com"):
        rewrite_cdn_urls('<link href="https://fonts.googleapis.com/css?family=Roboto">', "x")


def test_copy_puts_every_shipped_file_in_the_site(tmp_path):
    copy_vendor_assets(REPO_ROOT / "node_modules", tmp_path)
    for package in SHIPPED:
        for relative in package.files:
            assert (tmp_path / "assets" / "vendor" / package.name / relative).exists()
    assert not (tmp_path / "assets" / "vendor" / "axe-core").exists()
    # A second copy has nothing to do: rebuilds under `mkdocs serve` stay quick.
    assert copy_vendor_assets(REPO_ROOT / "node_modules", tmp_path) == []
