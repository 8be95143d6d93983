"""Ship the browser half of the package for the Pyodide widgets: a wheel and the site's pyodide-lock.json."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

import alliance_atlas
from alliance_atlas.widgets.bundle import LOCK_CACHE_SUBDIR, BundleError, build_browser_package


def on_post_build(config, **kwargs):
    package_root = Path(alliance_atlas.__file__).parent
    root = Path(config["config_file_path"]).parent
    core_lock = root / "node_modules" / "pyodide" / "pyodide-lock.json"
    try:
        build_browser_package(package_root, core_lock, Path(config["site_dir"]), cache_dir=root / LOCK_CACHE_SUBDIR)
    except BundleError as error:
        raise PluginError(str(error)) from error
