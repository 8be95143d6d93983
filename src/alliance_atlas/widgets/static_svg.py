"""Draw Vega-Lite specs as static SVG at build time, with Node and the site's npm copy of Vega.

The widgets' first charts are put in the page as SVG so they show at first paint,
before Vega or Pyodide load, and without JavaScript at all. One Node process
renders every chart of a page (``static_svg.mjs``); results are cached by spec
for ``mkdocs serve`` rebuilds. Without Node the page simply has no static SVG:
the browser draws the same spec with Vega as soon as it loads.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).with_name("static_svg.mjs")
_cache: dict[str, str] = {}


class ChartSvgError(RuntimeError):
    """Node ran but could not draw a chart."""


def node_available() -> bool:
    return shutil.which("node") is not None


def render_svgs(specs: dict[str, dict[str, Any]], node_modules: Path, *, timeout: float = 120) -> dict[str, str]:
    """``{chart id: SVG text}`` for ``{chart id: Vega-Lite spec}``; raises ChartSvgError if Node fails."""
    keys = {chart_id: json.dumps(spec, sort_keys=True) for chart_id, spec in specs.items()}
    missing = [{"id": chart_id, "spec": spec} for chart_id, spec in specs.items() if keys[chart_id] not in _cache]
    if missing:
        node = shutil.which("node")
        if node is None:
            raise ChartSvgError("Node.js is not installed, so the widgets' first charts cannot be drawn at build time")
        completed = subprocess.run(
            [node, str(SCRIPT), str(node_modules)],
            input=json.dumps(missing), capture_output=True, text=True, timeout=timeout,
        )
        if completed.returncode != 0:
            raise ChartSvgError(f"drawing the widgets' charts with Vega failed: {completed.stderr.strip()[-1500:]}")
        for item in json.loads(completed.stdout):
            _cache[keys[item["id"]]] = item["svg"]
    return {chart_id: _cache[keys[chart_id]] for chart_id in specs}
