"""Draw Vega-Lite specs as static SVG at build time, with Node and the site's npm copy of Vega.

The widgets' first charts are put in the page as SVG so they show at first paint,
before Vega or Pyodide load, and without JavaScript at all. One Node process
renders every chart of a call (``static_svg.mjs``). Drawn charts are kept in
``.cache/static-svg/`` beside ``node_modules``, one file per chart named after
everything that decides it (the spec, ``static_svg.mjs``, the installed npm
packages): a build after the first starts no Node at all, and an edited spec,
script or Vega is simply a new name. Without Node the page has no static SVG:
the browser draws the same spec with Vega as soon as it loads.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).with_name("static_svg.mjs")
CACHE_SUBDIR = Path(".cache") / "static-svg"
_cache: dict[str, str] = {}


class ChartSvgError(RuntimeError):
    """Node ran but could not draw a chart."""


def node_available() -> bool:
    return shutil.which("node") is not None


def default_cache_dir(node_modules: Path) -> Path:
    """``.cache/static-svg`` beside ``node_modules`` (the project root, git-ignored)."""
    return Path(node_modules).resolve().parent / CACHE_SUBDIR


def render_svgs(specs: dict[str, dict[str, Any]], node_modules: Path, *, timeout: float = 120,
                cache_dir: Path | None = None) -> dict[str, str]:
    """``{chart id: SVG text}`` for ``{chart id: Vega-Lite spec}``; raises ChartSvgError if Node fails.

    ``cache_dir`` defaults to ``default_cache_dir(node_modules)``.
    """
    if not specs:
        return {}
    renderer = _renderer_version(Path(node_modules))
    keys = {
        chart_id: hashlib.sha256(f"{renderer}\n{json.dumps(spec, sort_keys=True)}".encode()).hexdigest()
        for chart_id, spec in specs.items()
    }
    directory = Path(cache_dir) if cache_dir is not None else default_cache_dir(Path(node_modules))
    for key in keys.values():
        if key not in _cache:
            stored = _read(directory / f"{key}.svg")
            if stored is not None:
                _cache[key] = stored
    missing = {keys[chart_id]: spec for chart_id, spec in specs.items() if keys[chart_id] not in _cache}
    if missing:
        node = shutil.which("node")
        if node is None:
            raise ChartSvgError("Node.js is not installed, so the widgets' first charts cannot be drawn at build time")
        completed = subprocess.run(
            [node, str(SCRIPT), str(node_modules)],
            input=json.dumps([{"id": key, "spec": spec} for key, spec in missing.items()]),
            capture_output=True, text=True, timeout=timeout,
        )
        if completed.returncode != 0:
            raise ChartSvgError(f"drawing the widgets' charts with Vega failed: {completed.stderr.strip()[-1500:]}")
        for item in json.loads(completed.stdout):
            _cache[item["id"]] = item["svg"]
            _write(directory, f"{item['id']}.svg", item["svg"])
    return {chart_id: _cache[keys[chart_id]] for chart_id in specs}


def _renderer_version(node_modules: Path) -> str:
    """What draws the charts besides the spec: our script and the installed npm packages (npm's record of
    every installed version, or else the Vega and Vega-Lite versions)."""
    digest = hashlib.sha256(SCRIPT.read_bytes())
    try:
        digest.update((node_modules / ".package-lock.json").read_bytes())
    except OSError:
        for package in ("vega", "vega-lite"):
            try:
                digest.update((node_modules / package / "package.json").read_bytes())
            except OSError:
                digest.update(f"{package}: not installed".encode())
    return digest.hexdigest()


def _read(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    # A file cut short (a build killed while writing) is not an SVG: draw it again.
    return text if text.startswith("<svg") and text.rstrip().endswith("</svg>") else None


def _write(directory: Path, name: str, svg: str) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".svg")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(svg)
        os.replace(temporary, directory / name)
    except OSError:
        # A read-only checkout still builds; only the next build draws again.
        pass
