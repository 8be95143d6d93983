"""Ship the browser half of the package for the Pyodide widgets: a wheel and the site's pyodide-lock.json.

The lock file is written by a separate tool, which takes about a second: it starts as soon as the site
folder has been cleaned (``on_files``) and the build waits for it after the last page.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import alliance_atlas
from alliance_atlas.site import state
from alliance_atlas.widgets.bundle import LOCK_CACHE_SUBDIR, BundleError, start_browser_package


# Before the other hooks' on_files, so the tool runs beside the bibliography's reference pages.
@event_priority(100)
def on_files(files, config, **kwargs):
    package_root = Path(alliance_atlas.__file__).parent
    root = Path(config["config_file_path"]).parent
    core_lock = root / "node_modules" / "pyodide" / "pyodide-lock.json"
    try:
        state.current().browser_package = start_browser_package(
            package_root, core_lock, Path(config["site_dir"]), cache_dir=root / LOCK_CACHE_SUBDIR)
    except BundleError as error:
        raise PluginError(str(error)) from error
    return files


def on_post_build(config, **kwargs):
    pending = state.current().browser_package
    if pending is None:
        return
    try:
        pending.wait()
    except BundleError as error:
        raise PluginError(str(error)) from error


def on_build_error(error, **kwargs):
    state.current().cancel_browser_package()
