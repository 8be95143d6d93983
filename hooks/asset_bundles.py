"""Serve the site's own stylesheets and scripts as one file each (alliance_atlas.build.bundles).

on_config swaps mkdocs.yml's lists for the two bundles, so every page links only them; on_files writes
the bundles from the listed files. Defer, async and module scripts stay out of the bundle, as listed.
"""

from __future__ import annotations

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from alliance_atlas.build.bundles import CSS_BUNDLE, JS_BUNDLE, BundleError, build, plan

_bundles = None


def _plain(script) -> bool:
    return isinstance(script, str) or not (script.type or script.defer or script.async_)


def on_config(config, **kwargs):
    global _bundles
    scripts = list(config["extra_javascript"])
    try:
        _bundles = plan([str(path) for path in config["extra_css"]], [str(s) for s in scripts if _plain(s)])
    except BundleError as error:
        raise PluginError(str(error)) from error
    config["extra_css"] = [CSS_BUNDLE]
    config["extra_javascript"] = [ExtraScriptValue(JS_BUNDLE), *(s for s in scripts if not _plain(s))]
    return config


def on_files(files, config, **kwargs):
    def read(path):
        file = files.get_file_from_path(path)
        if file is None:
            raise PluginError(f"{path} is listed in mkdocs.yml but is not in the docs")
        return file.content_string

    try:
        contents = build(_bundles, read)
    except BundleError as error:
        raise PluginError(str(error)) from error
    for path, content in contents.items():
        files.append(File.generated(config, path, content=content))
    return files
