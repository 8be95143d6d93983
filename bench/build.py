"""Bench: what the site's hooks cost a full ``mkdocs build`` of the real site, against a plain build of the same pages.

In one run it builds, each in a fresh process:

* plain:      mkdocs.yml with no hooks (``INHERIT: mkdocs.yml``, ``hooks: []``, not strict): the same pages,
              theme, plugins and markdown_extensions, citations left literal, no generated pages (the baseline);
* site:       the real site, with the build's caches (formatted references in .cache/references, the widgets'
              static charts in .cache/static-svg, the Python bundle's lock file in .cache/pyodide-lock) emptied
              first, as on a fresh clone;
* rebuild:    the real site again after touching one page, the cache now warm: what ``make serve`` does on a save
              (it rebuilds every page).

Goal: the site build at most 2.5 x the plain one. The machine is shared, so CPU seconds (the build process's
user + system time) are printed beside wall-clock seconds; the ratio is given for both. One plain build can be 15%
off, so the plain one is built three times, before, between and after the others, and its median counts.
This prints figures; it is not a test. The last line is one JSON object with every figure.
Run: ``.venv/bin/python bench/build.py [--page docs/index.md]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bibliography import timed_build  # bench/bibliography.py, beside this file

REPO = Path(__file__).resolve().parents[1]
CACHES = (REPO / ".cache" / "references", REPO / ".cache" / "static-svg", REPO / ".cache" / "pyodide-lock")
PLAIN_CONFIG = "INHERIT: mkdocs.yml\nhooks: []\nstrict: false\n"


def _build(config: Path, site_dir: Path) -> tuple[float, float]:
    """One ``mkdocs build`` in a fresh process; (wall seconds, CPU seconds)."""
    return timed_build(config, site_dir, REPO)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", default="docs/index.md", help="the page touched before the rebuild")
    args = parser.parse_args(argv)
    page = REPO / args.page
    if not page.is_file():
        print(f"{page}: no such page", file=sys.stderr)
        return 1

    figures: dict[str, float] = {}
    # The plain config must sit beside mkdocs.yml: INHERIT and every relative path are read from there.
    plain = REPO / f".bench-build-plain-{os.getpid()}.yml"
    aside: dict[Path, Path] = {}
    with tempfile.TemporaryDirectory(prefix="atlas-bench-build-") as tmp:
        root = Path(tmp)
        try:
            plain.write_text(PLAIN_CONFIG, encoding="utf-8")
            plain_runs = [_build(plain, root / "site-plain")]
            for cache in CACHES:
                if cache.exists():
                    # Kept aside, and put back below: the writer's own caches are not the bench's to throw away.
                    aside[cache] = root / f"{cache.name}-cache"
                    shutil.move(str(cache), str(aside[cache]))
            figures["site_build_s"], figures["site_build_cpu_s"] = _build(REPO / "mkdocs.yml", root / "site")
            plain_runs.append(_build(plain, root / "site-plain"))
            os.utime(page)
            figures["rebuild_one_page_s"], figures["rebuild_one_page_cpu_s"] = _build(REPO / "mkdocs.yml", root / "site")
            plain_runs.append(_build(plain, root / "site-plain"))
            figures["plain_build_s"] = statistics.median(wall for wall, _ in plain_runs)
            figures["plain_build_cpu_s"] = statistics.median(cpu for _, cpu in plain_runs)
            pages = sum(1 for _ in (root / "site").rglob("index.html"))
            plain_pages = sum(1 for _ in (root / "site-plain").rglob("index.html"))
        finally:
            plain.unlink(missing_ok=True)
            for cache, kept in aside.items():
                shutil.rmtree(cache, ignore_errors=True)
                shutil.move(str(kept), str(cache))

    figures = {name: round(value, 2) for name, value in figures.items()}
    figures["plain_build_cpu_s_runs"] = [round(cpu, 2) for _, cpu in plain_runs]
    figures["ratio_site_to_plain"] = round(figures["site_build_s"] / figures["plain_build_s"], 2)
    figures["ratio_site_to_plain_cpu"] = round(figures["site_build_cpu_s"] / figures["plain_build_cpu_s"], 2)
    figures["ratio_rebuild_to_plain_cpu"] = round(figures["rebuild_one_page_cpu_s"] / figures["plain_build_cpu_s"], 2)
    figures["site_pages"] = pages
    figures["plain_pages"] = plain_pages
    figures["cpus"] = os.cpu_count()
    print(f"plain build   {figures['plain_build_s']:7.2f} s wall {figures['plain_build_cpu_s']:7.2f} s CPU  ({plain_pages} pages;"
          f" median of 3, CPU {figures['plain_build_cpu_s_runs']})")
    print(f"site build    {figures['site_build_s']:7.2f} s wall {figures['site_build_cpu_s']:7.2f} s CPU  ({pages} pages, cold caches)")
    print(f"rebuild       {figures['rebuild_one_page_s']:7.2f} s wall {figures['rebuild_one_page_cpu_s']:7.2f} s CPU  (after touching {args.page}, warm cache)")
    print(f"site / plain  {figures['ratio_site_to_plain']} wall, {figures['ratio_site_to_plain_cpu']} CPU (goal: at most 2.5)")
    print(json.dumps(figures, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
