"""Draw Vega-Lite specs as static SVG at build time, with Node and the site's npm copy of Vega.

The widgets' first charts are put in the page as SVG so they show at first paint,
before Vega or Pyodide load, and without JavaScript at all. One Node process
(``static_svg.mjs``, a ``ChartRenderer``) draws the charts: the build keeps one for all its
pages (``site.state``), started on the first chart not in the cache, so Vega loads once per
build rather than once per page with charts. Drawn charts are kept in
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
import threading
import weakref
from pathlib import Path
from typing import IO, Any

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


class ChartRenderer:
    """One Node process running ``static_svg.mjs``, started on the first ``draw`` and kept for the next.

    Give one to every ``render_svgs`` call of a build, and ``close`` it at the end (the process also ends
    when this object is collected, or with Python, since its stdin then closes).
    """

    def __init__(self, node_modules: Path):
        self.node_modules = Path(node_modules)
        self._process: subprocess.Popen[str] | None = None
        self._stderr: IO[str] | None = None
        self._stop: weakref.finalize | None = None

    def draw(self, items: list[dict[str, Any]], *, timeout: float = 120) -> dict[str, str]:
        """``{id: SVG}`` for ``[{"id", "spec"}]``; raises ChartSvgError if Node is missing or fails."""
        process = self._started()
        # The answer is one line; a Vega that hangs is stopped, so the read below returns and the build goes on.
        watchdog = threading.Timer(timeout, process.kill)
        watchdog.start()
        try:
            assert process.stdin is not None and process.stdout is not None
            process.stdin.write(json.dumps(items) + "\n")
            process.stdin.flush()
            line = process.stdout.readline()
        except OSError:
            line = ""
        finally:
            watchdog.cancel()
        if not line:
            reason = self._stderr_tail()
            self.close()
            raise ChartSvgError(f"drawing the widgets' charts with Vega failed: {reason or 'Node stopped'}")
        answer = json.loads(line)
        if isinstance(answer, dict):
            raise ChartSvgError(f"drawing the widgets' charts with Vega failed: {str(answer['error'])[-1500:]}")
        return {item["id"]: item["svg"] for item in answer}

    def start(self) -> None:
        """Start Node now, without waiting for it: loading Vega then overlaps whatever the caller does next."""
        self._started()

    def close(self) -> None:
        if self._stop is not None:
            self._stop()
        self._process = self._stderr = self._stop = None

    def _started(self) -> subprocess.Popen[str]:
        if self._process is not None and self._process.poll() is None:
            return self._process
        self.close()
        node = shutil.which("node")
        if node is None:
            raise ChartSvgError("Node.js is not installed, so the widgets' first charts cannot be drawn at build time")
        # stderr goes to a file: a pipe nobody reads could fill up and stall Node.
        self._stderr = tempfile.TemporaryFile("w+", encoding="utf-8")
        self._process = subprocess.Popen(
            [node, str(SCRIPT), str(self.node_modules)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self._stderr, text=True, encoding="utf-8",
        )
        self._stop = weakref.finalize(self, _stop, self._process, self._stderr)
        return self._process

    def _stderr_tail(self) -> str:
        if self._process is not None:
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        return self._stderr.read().strip()[-1500:]


def _stop(process: subprocess.Popen[str], stderr: IO[str]) -> None:
    """End the renderer's Node process: closing its stdin ends its loop; kill it if it does not stop."""
    try:
        if process.stdin is not None:
            process.stdin.close()
    except OSError:
        pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()
    stderr.close()


def render_svgs(specs: dict[str, dict[str, Any]], node_modules: Path, *, timeout: float = 120,
                cache_dir: Path | None = None, renderer: ChartRenderer | None = None) -> dict[str, str]:
    """``{chart id: SVG text}`` for ``{chart id: Vega-Lite spec}``; raises ChartSvgError if Node fails.

    ``cache_dir`` defaults to ``default_cache_dir(node_modules)``. Charts not in the cache are drawn by
    ``renderer`` (kept running for the next call), or else by a Node process started and ended here.
    """
    if not specs:
        return {}
    renderer_version = _renderer_version(Path(node_modules))
    keys = {
        chart_id: hashlib.sha256(f"{renderer_version}\n{json.dumps(spec, sort_keys=True)}".encode()).hexdigest()
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
        drawer = renderer if renderer is not None else ChartRenderer(Path(node_modules))
        try:
            drawn = drawer.draw([{"id": key, "spec": spec} for key, spec in missing.items()], timeout=timeout)
        finally:
            if renderer is None:
                drawer.close()
        for key, svg in drawn.items():
            _cache[key] = svg
            _write(directory, f"{key}.svg", svg)
    return {chart_id: _cache[keys[chart_id]] for chart_id in specs}


def cache_is_empty(node_modules: Path, cache_dir: Path | None = None) -> bool:
    """No chart has been drawn into the cache yet (a fresh clone, or after ``make clean``): every chart of the
    build will need Node, so it is worth starting before the first page asks for it."""
    directory = Path(cache_dir) if cache_dir is not None else default_cache_dir(Path(node_modules))
    return next(directory.glob("*.svg"), None) is None


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
