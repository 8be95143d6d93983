"""The evidence file (bibliography/effects.csv): validate it once per build and expand the shortcodes
``atlas:effect``, ``atlas:effects`` and ``atlas:evidence-map`` in the pages.

Listed after bibliography_load (it needs the keys) and before bibliography_citations, which turns
the tables' ``@key`` into linked citations and lists the works in the page's References.
Notebook pages go through here too (mkdocs-jupyter hands over their Markdown cells first);
hooks/notebook_citations.py then finds each cell with its shortcodes expanded (``explainers.pages``).
The logic lives in ``alliance_atlas.evidence``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from alliance_atlas.evidence import EvidenceErrors, EvidenceShortcodeError, expand, load_effects
from alliance_atlas.site import state
from alliance_atlas.site.links import relative_url

_DEFAULT_PATH = "bibliography/effects.csv"
_MAP_PAGE = "evidence/"


def on_config(config, **kwargs):
    path = _evidence_path(config)
    _effects(config)
    if str(path) not in config["watch"]:
        config["watch"].append(str(path))
    return config


def on_page_markdown(markdown, page, config, files, **kwargs):
    if "atlas:" not in markdown:
        return markdown
    # The build's Formatter, made once in on_config, labels works with the same a/b year suffixes as the citations.
    formatter = state.current().formatter
    try:
        return expand(
            markdown,
            _effects(config),
            page=f"{Path(config['docs_dir']).name}/{page.file.src_uri}",
            work_label=formatter.cite_narrative,
            map_href=relative_url(_MAP_PAGE, page.url) if page.url != _MAP_PAGE else "",
        )
    except EvidenceShortcodeError as error:
        raise PluginError(str(error)) from error


# ----------------------------------------------------------------------------------------------

def _effects(config):
    path = _evidence_path(config)
    bibliography = state.current().bibliography
    keys = frozenset(reference.key for reference in bibliography) if bibliography is not None else frozenset()
    root = Path(config["config_file_path"]).parent
    try:
        return load_effects(path, keys, display_name=str(path.relative_to(root)) if path.is_relative_to(root) else str(path))
    except EvidenceErrors as errors:
        raise PluginError(str(errors)) from errors
    except OSError as error:
        raise PluginError(f"{path}: cannot read the evidence file: {error}") from error


def _evidence_path(config) -> Path:
    """``extra.evidence`` of mkdocs.yml, relative to the config file."""
    root = Path(config["config_file_path"]).parent
    return (root / (config["extra"].get("evidence") or _DEFAULT_PATH)).resolve()
