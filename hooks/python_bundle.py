"""Ship the browser half of the package for the Pyodide widgets."""

from __future__ import annotations

from pathlib import Path

import alliance_atlas
from alliance_atlas.widgets.bundle import BUNDLE_PATH, build_browser_bundle


def on_post_build(config, **kwargs):
    package_root = Path(alliance_atlas.__file__).parent
    build_browser_bundle(package_root, Path(config["site_dir"]) / BUNDLE_PATH)
