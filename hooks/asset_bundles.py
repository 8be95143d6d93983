"""Serve the site's own stylesheets and scripts as one file each (alliance_atlas.build.bundles).

on_files writes the bundles from mkdocs.yml's extra_css and extra_javascript and swaps the lists for them,
before any page is rendered, so every page links only the bundles. Defer, async and module scripts stay
as listed, out of the bundle.
"""

from __future__ import annotations

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from alliance_atlas.build.bundles import CSS_BUNDLE, JS_BUNDLE, BundleError, build, plan


def _plain(script) -> bool:
    return isinstance(script, str) or not (script.type or script.defer or script.async_)


def on_files(files, config, **kwargs):
    def read(path):
        file = files.get_file_from_path(path)
        if file is None:
            raise PluginError(f"{path} is listed in mkdocs.yml but is not in the docs")
        return file.content_string

    scripts = list(config["extra_javascript"])
    try:
        bundles = plan([str(path) for path in config["extra_css"]], [str(s) for s in scripts if _plain(s)])
        contents = build(bundles, read)
    except BundleError as error:
        raise PluginError(str(error)) from error
    for path, content in contents.items():
        files.append(File.generated(config, path, content=content))
    config["extra_css"] = [CSS_BUNDLE]
    config["extra_javascript"] = [ExtraScriptValue(JS_BUNDLE), *(s for s in scripts if not _plain(s))]
    return files
