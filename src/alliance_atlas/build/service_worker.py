"""Make the built site work offline after one visit: a Workbox service worker and a web app manifest.

After the build, `generate` writes `sw.js`: `service_worker.js` (hand-written) below one line of this
build's values, with Workbox's prebuilt runtime copied from node_modules beside it. Nothing is bundled
and Node is not started, so this costs a build well under a second (workbox-build's `generateSW`, which
it replaces, Rollup-bundled the runtime on every build: ~3 s). The worker

- precaches the shell (stylesheets, scripts, icons, the site's own Vega), the search index, the Python
  package (its wheel and the site's pyodide-lock.json) and the pages in the navigation, each with a revision, so that a new build replaces them;
- caches every other page when it is visited (network first), under a cache named by build;
- caches the pinned libraries (the Pyodide core above all) the first time a page loads them (cache first);
- sends an unsaved page, offline, to the offline page (`OFFLINE_PAGE`), which has the site's search.

The "Save the atlas for offline use" control reads `SAVE_LIST`, written here, and asks the worker to cache
every page in it. Nothing is fetched from or cached for another origin, and no query string is stored.
"""

from __future__ import annotations

import glob
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from alliance_atlas.build.vendor import PYODIDE, SHIPPED, VENDOR_DIR
from alliance_atlas.widgets.bundle import LOCK_FILE, PYTHON_DIR

TEMPLATE = Path(__file__).with_name("service_worker.js")
SERVICE_WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
OFFLINE_PAGE = "about/offline/"
# The offline page's query parameter naming the address that was asked for.
FROM_PARAM = "from"
SAVE_LIST = "assets/offline/pages.json"
# The package's wheel (its name changes with its content) and the lock file that names it and its sha256.
PYTHON_PACKAGE = (f"{PYTHON_DIR}/*.whl", LOCK_FILE)
ICONS = (("assets/images/icon-192.png", "192x192"), ("assets/images/icon-512.png", "512x512"))
THEME_COLOUR = "#1f4e79"  # --md-primary-fg-color in docs/assets/stylesheets/atlas.css

# The shell: what every page needs, whatever it shows. Source maps and Lunr's language packs are left out
# (the site is in English, so the search worker never loads them), and so is sitemap.xml: it only serves
# instant navigation, which offline falls back to full page loads, answered by the worker all the same.
SHELL = (
    "assets/stylesheets/**/*.css",
    "assets/javascripts/*.js",
    "assets/javascripts/workers/*.js",
    "assets/images/*",
    f"{VENDOR_DIR}/vega*/**/*.js",
    *PYTHON_PACKAGE,
    "search/search_index.json",
    MANIFEST,
    SAVE_LIST,
)


# Workbox's runtime: the npm packages (installed with workbox-build) whose prebuilt production file sw.js
# imports, in the order each needs the ones before it (precaching uses core, strategies and routing).
WORKBOX_RUNTIME = ("workbox-core", "workbox-routing", "workbox-strategies", "workbox-cacheable-response",
                   "workbox-precaching")
# Precached files larger than this are left to the runtime caches, with a warning (workbox-build's limit).
MAX_PRECACHE_BYTES = 8 * 1024 * 1024


class ServiceWorkerError(RuntimeError):
    """The service worker could not be generated."""


@dataclass(frozen=True)
class Generated:
    build_id: str
    count: int
    size: int
    warnings: list[str]


def nav_page_files(nav: Any) -> list[str]:
    """The built HTML file of every page in MkDocs' `nav` setting, e.g. `concept/origins/index.html`."""
    found: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, str):
            if not item.startswith(("http://", "https://")):
                found.append(page_file(item))
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav or [])
    return found


def page_file(source: str) -> str:
    """`concept/origins.md` -> `concept/origins/index.html`, as MkDocs writes it with directory URLs."""
    path = PurePosixPath(source)
    folder = path.parent if path.stem in ("index", "README") else path.parent / path.stem
    return "index.html" if str(folder) == "." else f"{folder}/index.html"


def page_url(html_file: str) -> str:
    """`concept/origins/index.html` -> `concept/origins/`; the home page is `./`."""
    if html_file == "index.html":
        return "./"
    return html_file.removesuffix("index.html")


def site_pages(site_dir: Path) -> list[str]:
    """Every page of the build (as URLs relative to the site root), vendored libraries' own files left out."""
    files = (
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*.html")
        if path.relative_to(site_dir).parts[0] != "assets" and path.name != "404.html"
    )
    return sorted(page_url(name) for name in files)


def build_id(site_dir: Path, pages: list[str], shell_files: list[Path]) -> str:
    """A short hash of every page and shell file: any change to the build gives a new id."""
    digest = hashlib.sha256()
    for url in pages:
        digest.update(url.encode())
        digest.update((site_dir / url / "index.html" if url.endswith("/") else site_dir / url).read_bytes())
    for path in shell_files:
        digest.update(path.relative_to(site_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def vendor_cache_name() -> str:
    """Named by the pinned versions: a new Pyodide (or Vega, MathJax) gets a fresh cache."""
    versions = ",".join(f"{package.name}@{package.version}" for package in SHIPPED)
    return "atlas-vendor-" + hashlib.sha256(versions.encode()).hexdigest()[:12]


def web_manifest(site_name: str, description: str) -> dict[str, Any]:
    """The web app manifest; its addresses are relative to the manifest, at the site root."""
    return {
        "name": site_name,
        "short_name": site_name,
        "description": description,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            *({"src": src, "sizes": sizes, "type": "image/png", "purpose": "any"} for src, sizes in ICONS),
            {"src": ICONS[-1][0], "sizes": ICONS[-1][1], "type": "image/png", "purpose": "maskable"},
        ],
    }


def page_settings() -> dict[str, str]:
    """What overrides/main.html puts in every page's head for offline.js: the one copy of these addresses."""
    return {
        "worker": SERVICE_WORKER,
        "manifest": MANIFEST,
        "save_list": SAVE_LIST,
        "from_param": FROM_PARAM,
        "icon": ICONS[0][0],
        "theme_color": THEME_COLOUR,
    }


def write_web_manifest(site_dir: Path, site_name: str, description: str) -> Path:
    target = site_dir / MANIFEST
    target.write_text(json.dumps(web_manifest(site_name, description), indent=2) + "\n", encoding="utf-8")
    return target


def precache_manifest(site_dir: Path, patterns: list[str]) -> tuple[list[dict[str, str]], int, list[str]]:
    """What workbox-build's `generateSW` precached: every file the glob patterns match, once, as
    `{"url", "revision"}` with the md5 of its content as revision; (entries, their total size, warnings).

    Globs as workbox-build's do: relative to the site, `**` spanning folders, dot files left out.
    """
    entries: list[dict[str, str]] = []
    seen: set[str] = set()
    size = 0
    warnings: list[str] = []
    for pattern in patterns:
        matched = sorted(glob.glob(pattern, root_dir=site_dir, recursive=True))
        if not matched:
            warnings.append(f"The pattern '{pattern}' did not match any files.")
        for name in matched:
            url = Path(name).as_posix()
            path = site_dir / name
            if url in seen or not path.is_file():
                continue
            seen.add(url)
            content = path.read_bytes()
            if len(content) > MAX_PRECACHE_BYTES:
                warnings.append(f"{url} is {len(content)} bytes, over the precache limit of {MAX_PRECACHE_BYTES}: "
                                "it is cached when first fetched instead.")
                continue
            entries.append({"url": url, "revision": hashlib.md5(content, usedforsecurity=False).hexdigest()})
            size += len(content)
    return entries, size, warnings


def workbox_runtime(node_modules: Path) -> tuple[str, list[Path]]:
    """The folder (in the site) for Workbox's runtime, named by its version, and its files in node_modules."""
    packages = [node_modules / name for name in WORKBOX_RUNTIME]
    missing = [str(package) for package in packages if not (package / "package.json").is_file()]
    if missing:
        raise ServiceWorkerError(f"{', '.join(missing)} missing: run `npm ci` (the README's commands do)")
    version = json.loads((packages[0] / "package.json").read_text(encoding="utf-8"))["version"]
    return f"assets/workbox-v{version}", [package / "build" / f"{package.name}.prod.js" for package in packages]


def _write_new(target: Path, text: str) -> None:
    """Write `target` as a new file: a copy of the site made with hard links keeps the first build's file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    target.write_text(text, encoding="utf-8")


def generate(site_dir: Path, node_modules: Path, nav_files: list[str]) -> Generated:
    """Write `sw.js`, Workbox's runtime and `SAVE_LIST` into the built site."""
    missing = [name for name in nav_files if not (site_dir / name).is_file()]
    if missing:
        raise ServiceWorkerError(f"pages in nav were not built, so they cannot be precached: {', '.join(missing)}")
    runtime_dir, runtime_files = workbox_runtime(node_modules)
    for source in runtime_files:
        # Without its source map comment: the map is not copied, and a browser's developer tools would ask for it.
        text = source.read_text(encoding="utf-8")
        _write_new(site_dir / runtime_dir / source.name, text.split("\n//# sourceMappingURL=")[0] + "\n")
    pages = site_pages(site_dir)
    shell_files = sorted(
        {path for pattern in SHELL if pattern != SAVE_LIST for path in site_dir.glob(pattern) if path.is_file()}
    )
    build = build_id(site_dir, pages, shell_files)
    pages_cache = f"atlas-pages-{build}"
    vendor_cache = vendor_cache_name()
    # Written first: it is in the shell, so the worker precaches it.
    _write_new(site_dir / SAVE_LIST, json.dumps({
        "build": build,
        "pagesCache": pages_cache,
        "vendorCache": vendor_cache,
        "fromParam": FROM_PARAM,
        "pages": pages,
        # The Python core, so that "Save" also readies the explorer and the analyser.
        "runtime": [f"{VENDOR_DIR}/{PYODIDE.name}/{name}" for name in PYODIDE.files if name != "pyodide.js"],
    }, separators=(",", ":"), ensure_ascii=False))
    precache, size, warnings = precache_manifest(site_dir, [*SHELL, *nav_files])
    plan = {
        "runtime": [f"{runtime_dir}/{source.name}" for source in runtime_files],
        "precache": precache,
        "pagesCache": pages_cache,
        "vendorCache": vendor_cache,
        "vendorPattern": "/" + VENDOR_DIR.replace(".", r"\.") + "/",
        "offlinePage": OFFLINE_PAGE,
        "fromParam": FROM_PARAM,
    }
    worker = f"const PLAN = {json.dumps(plan, separators=(',', ':'))};\n\n" + TEMPLATE.read_text(encoding="utf-8")
    _write_new(site_dir / SERVICE_WORKER, worker)
    return Generated(build, len(precache), size, warnings)
