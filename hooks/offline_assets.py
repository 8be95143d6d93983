"""Copy pinned browser libraries into the site and point CDN addresses at them."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from alliance_atlas.build.offline import OfflineAssetError, copy_vendor_assets, rewrite_cdn_urls
from alliance_atlas.build.vendor import VENDOR_DIR


def on_post_page(output, page, config, **kwargs):
    prefix = get_relative_url(VENDOR_DIR, page.url or ".")
    try:
        return rewrite_cdn_urls(output, prefix, page=page.file.src_uri)
    except OfflineAssetError as error:
        raise PluginError(str(error)) from error


def on_post_build(config, **kwargs):
    root = Path(config["config_file_path"]).parent
    try:
        copy_vendor_assets(root / "node_modules", Path(config["site_dir"]))
    except OfflineAssetError as error:
        raise PluginError(str(error)) from error
