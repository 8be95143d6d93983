"""Benchmark: Lighthouse (pinned in package.json) on one page of each kind, as a static host serves them.

Builds the site (or uses --site), serves it on 127.0.0.1 gzip-compressed (as a static host would),
and runs Lighthouse's mobile defaults with the site's Chromium on: the home page, References, one
reference page, one reading list, a content page with a widget (rupture and repair), the trajectory
explorer and the explainer "alliance-outcome". Prints a table of the four category scores with the
page's weight and main metrics; the last line is one JSON object with the scores per page.

Goals (issue 14): accessibility, best practices and SEO 100 everywhere; performance at least 95 on
reading pages and at least 90 on widget and explainer pages. Figures, not tests: the performance
score moves with the machine's load, so --runs N keeps each page's median.

    python bench/lighthouse.py [--site DIR] [--runs 1] [--page NAME ...] [--save DIR]

--save DIR keeps each run's full Lighthouse JSON report (DIR/<page>-<run>.json), to read its
opportunities and diagnostics (LCP element, long tasks, render-blocking resources, unused JS and CSS).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import threading

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "tests"))

from support.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from support.server import QuietHandler, serve_directory  # noqa: E402
from support.sitebuild import build_site  # noqa: E402

LIGHTHOUSE = REPO_ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# One page of each kind: name, address under the site, kind. Reading pages aim at performance 95, the others at 90.
PAGES = {name: (address, kind) for name, address, kind in [
    ("home", "", "reading"), ("references", "references/", "reading"),
    ("reference", "references/safran1996resolution/", "reading"), ("reading-list", "reading-lists/outcome/", "reading"),
    ("rupture-repair", "rupture-repair/", "widget"), ("explorer", "explorer/", "widget"),
    ("alliance-outcome", "explainers/alliance-outcome/", "explainer"),
]}
GOALS = {"reading": 95, "widget": 90, "explainer": 90}
METRICS = {
    "FCP s": ("first-contentful-paint", 1000),
    "LCP s": ("largest-contentful-paint", 1000),
    "TBT ms": ("total-blocking-time", 1),
    "CLS": ("cumulative-layout-shift", 1),
    "KB": ("total-byte-weight", 1024),
}
# What a static host compresses; .wasm and .zip (Pyodide, the widget bundle) too, as most CDNs do for wasm.
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm", ".map", ".bib", ".ris")


class _GzipHandler(QuietHandler):
    """Serve files gzip-compressed when the client accepts it, compressed once per file and kept."""

    cache: dict = {}
    lock = threading.Lock()

    def send_head(self):
        path = pathlib.Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts or not path.is_file() or path.suffix not in COMPRESSIBLE:
            # Redirects for directories without their slash, 404s and binary files: the plain handler.
            return super().send_head()
        key = (str(path), path.stat().st_mtime_ns)
        with self.lock:
            body = self.cache.get(key)
            if body is None:
                body = gzip.compress(path.read_bytes(), compresslevel=6)
                self.cache[key] = body
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _BytesBody(body)


class _BytesBody:
    """What send_head returns: a file-like body the base class copies to the client and closes."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def run_lighthouse(url: str) -> dict:
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    completed = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
        capture_output=True, text=True, timeout=600,
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
    )
    if completed.returncode != 0:
        raise RuntimeError(f"Lighthouse failed on {url}:\n{completed.stderr[-2000:]}")
    return json.loads(completed.stdout)


def summarise(report: dict) -> dict:
    scores = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
    audits = report["audits"]
    metrics = {label: (audits[audit_id].get("numericValue") or 0) / scale
               for label, (audit_id, scale) in METRICS.items()}
    failing = sorted(audit_id for name in CATEGORIES[1:] for ref in report["categories"][name]["auditRefs"]
                     if ref["weight"] and audits[ref["id"]].get("score") not in (None, 1)
                     for audit_id in [ref["id"]])
    return {"scores": scores, "metrics": metrics, "failing": failing}


def median_of(results: list[dict]) -> dict:
    return sorted(results, key=lambda result: result["scores"]["performance"])[len(results) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=pathlib.Path, help="an already built site (default: build one)")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; the median is kept")
    parser.add_argument("--page", action="append", choices=sorted(PAGES), help="only these pages")
    parser.add_argument("--save", type=pathlib.Path, help="keep each full Lighthouse report (JSON) in this folder")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `make setup` (npm ci installs the pinned Lighthouse)")
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            built = build_site(REPO_ROOT / "mkdocs.yml", pathlib.Path(tmp) / "site")
            if not built.ok:
                sys.exit(built.output)
            site = built.site_dir
        results = {}
        with serve_directory(site, handler=_GzipHandler) as base_url:
            for name in args.page or list(PAGES):
                address, _kind = PAGES[name]
                runs = []
                for run in range(args.runs):
                    report = run_lighthouse(base_url + address)
                    if args.save:
                        args.save.mkdir(parents=True, exist_ok=True)
                        (args.save / f"{name}-{run + 1}.json").write_text(json.dumps(report))
                    runs.append(summarise(report))
                results[name] = median_of(runs)
    print_table(results)
    print(f"Load average at the end (1, 5, 15 min): {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    print(json.dumps({name: result["scores"] for name, result in results.items()}))


def print_table(results: dict) -> None:
    header = ["page", "goal", *("perf", "a11y", "bp", "seo"), *METRICS]
    rows = [header]
    for name, result in results.items():
        kind = PAGES[name][1]
        metrics = result["metrics"]
        rows.append([name, str(GOALS[kind]), *(str(result["scores"][c]) for c in CATEGORIES),
                     f"{metrics['FCP s']:.1f}", f"{metrics['LCP s']:.1f}", f"{metrics['TBT ms']:.0f}",
                     f"{metrics['CLS']:.3f}", f"{metrics['KB']:.0f}"])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)))
    for name, result in results.items():
        if result["failing"]:
            print(f"{name}: failing audits outside performance: {', '.join(result['failing'])}")
    print(f"Each page: the run with the median performance score. Goals: {GOALS}.")


if __name__ == "__main__":
    main()
