"""Browser libraries the site serves from its own copy, pinned in one place.

`package.json` pins the same versions (a test keeps the two in step). The build
copies each package's files from `node_modules` into `assets/vendor/<name>/` and
rewrites any CDN address for it to that copy, so the built site makes no
third-party request.
"""

from __future__ import annotations

from dataclasses import dataclass

VENDOR_DIR = "assets/vendor"


@dataclass(frozen=True)
class VendorPackage:
    name: str
    version: str
    # Paths inside the npm package that the site needs; a folder is copied whole.
    files: tuple[str, ...]
    # The file a CDN serves for a bare `name@version` address.
    entry: str
    # Test-only tools are installed but never copied into the site.
    ships: bool = True


PYODIDE = VendorPackage(
    name="pyodide",
    version="314.0.7",
    files=(
        "pyodide.js",
        "pyodide.mjs",
        "pyodide.asm.mjs",
        "pyodide.asm.wasm",
        "python_stdlib.zip",
        "pyodide-lock.json",
    ),
    entry="pyodide.js",
)
VEGA = VendorPackage("vega", "6.4.0", ("build/vega.min.js",), "build/vega.min.js")
# Altair's VEGALITE_VERSION names this release; tests check they agree.
VEGA_LITE = VendorPackage(
    "vega-lite", "6.4.1", ("build/vega-lite.min.js",), "build/vega-lite.min.js"
)
VEGA_EMBED = VendorPackage(
    "vega-embed", "7.3.0", ("build/vega-embed.min.js",), "build/vega-embed.min.js"
)
# mkdocs-jupyter embeds MathJax 3 on notebook pages; es5/ holds its fonts and extensions.
MATHJAX = VendorPackage("mathjax", "3.2.2", ("es5",), "es5/tex-mml-chtml.js")
AXE_CORE = VendorPackage("axe-core", "4.14.1", ("axe.min.js",), "axe.min.js", ships=False)
# Installs Workbox's runtime packages (workbox-core, -routing, ...), whose prebuilt files the service worker
# imports (build/service_worker.py copies them); nothing of it is copied into assets/vendor.
WORKBOX_BUILD = VendorPackage("workbox-build", "7.4.1", (), "", ships=False)

# bench/lighthouse.py's auditor (13 needs Node 22); never shipped.
LIGHTHOUSE = VendorPackage("lighthouse", "12.2.3", (), "", ships=False)
PACKAGES: tuple[VendorPackage, ...] = (PYODIDE, VEGA, VEGA_LITE, VEGA_EMBED, MATHJAX, AXE_CORE, WORKBOX_BUILD, LIGHTHOUSE)
SHIPPED: tuple[VendorPackage, ...] = tuple(p for p in PACKAGES if p.ships)


def by_name(name: str) -> VendorPackage:
    for package in PACKAGES:
        if package.name == name:
            return package
    raise KeyError(f"unknown vendor package {name!r}; known: {', '.join(p.name for p in PACKAGES)}")
