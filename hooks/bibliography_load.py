"""Load the bibliography once per build and share it with the other bibliography hooks.

A broken .bib file fails the build with every problem as "file:line: key: reason"; problems worth
fixing that do not stop the build (a missing recommended field) are logged as warnings.
Formatted references are kept in .cache/references/ between builds: a fresh build formats only what changed.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from alliance_atlas.bibliography.errors import BibliographyErrors
from alliance_atlas.bibliography.parse import cached_bibliography
from alliance_atlas.site import state

_DEFAULT_PATH = "bibliography/alliance.bib"
_log = logging.getLogger("mkdocs.hooks.bibliography_load")


def on_config(config, **kwargs):
    path = _bibliography_path(config)
    try:
        bibliography = cached_bibliography(path)
    except BibliographyErrors as errors:
        raise PluginError("The bibliography has errors:\n" + "\n".join(str(error) for error in errors.errors)) from errors
    except OSError as error:
        raise PluginError(f"{path}: cannot read the bibliography: {error}") from error
    state.reset(bibliography, path, cache_dir=_cache_dir(config))
    for warning in bibliography.warnings:
        _log.info("bibliography: %s", warning)
    if str(path) not in config["watch"]:
        config["watch"].append(str(path))
    return config


def on_post_build(config, **kwargs):
    formatter = state.current().formatter
    if formatter is not None and formatter.cache is not None:
        formatter.cache.save()


# ----------------------------------------------------------------------------------------------

def _cache_dir(config) -> Path:
    """Formatted references for the next build, beside mkdocs.yml in the git-ignored .cache/."""
    return Path(config["config_file_path"]).parent / ".cache" / "references"


def _bibliography_path(config) -> Path:
    """``extra.bibliography`` of mkdocs.yml, relative to the config file."""
    root = Path(config["config_file_path"]).parent
    return (root / (config["extra"].get("bibliography") or _DEFAULT_PATH)).resolve()
