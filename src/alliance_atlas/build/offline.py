"""Serve every browser library from the site itself.

Plugins and Altair emit CDN addresses (for example `cdn.jsdelivr.net/npm/vega@6`).
Readers' session scores must never leave their browser and the site must work
offline, so the build copies the pinned npm packages into the site and points
those addresses at the copies, relative to each page.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePosixPath

from alliance_atlas.build.vendor import SHIPPED, VENDOR_DIR, VendorPackage

# Each pattern opens with a choice of literals rather than an optional scheme (`(?:https?:)?//`, which matches
# the same text, leftmost first): re then skips in C to the next "h" or "/", instead of trying the whole pattern
# at every character of the page (5 times slower over the site's pages).
CDN_URL = re.compile(
    r"""(?:https://|http://|//)(?:cdn\.jsdelivr\.net/npm|unpkg\.com)/
        (?P<name>(?:@[\w.-]+/)?[\w.-]+)@(?P<version>[\w.^~-]+)
        (?P<path>/[^\s"'<>?#\\)]*)?
        (?P<noext>\?noext)?""",
    re.VERBOSE,
)
# Hosts that serve scripts by path rather than by npm name: nothing of ours may come from them.
OTHER_CDN = re.compile(r"(?:https://|http://|//)(?:cdnjs\.cloudflare\.com|fonts\.googleapis\.com|fonts\.gstatic\.com)/[^\s\"'<>]*")

# Every match of CDN_URL contains one of these, and every match of OTHER_CDN one of those: a plain substring
# test skips the regexes on the many pages that load nothing from a CDN (the regexes, which open with an
# optional group, would otherwise be tried at every character of every page).
_CDN_HOSTS = ("cdn.jsdelivr.net/npm", "unpkg.com")
_OTHER_HOSTS = ("cdnjs.cloudflare.com", "fonts.googleapis.com", "fonts.gstatic.com")

_BY_NAME = {package.name: package for package in SHIPPED}


class OfflineAssetError(ValueError):
    """A page asks for a browser library the site does not ship."""


def rewrite_cdn_urls(html: str, vendor_prefix: str, *, page: str = "") -> str:
    """Point every CDN address in `html` at the local copy under `vendor_prefix`.

    `vendor_prefix` is the path from the page to `assets/vendor`, e.g. `../../assets/vendor`.
    """

    def local(match: re.Match[str]) -> str:
        package = _BY_NAME.get(match["name"])
        if package is None:
            raise OfflineAssetError(
                f"{page or 'a page'} loads {match[0]!r}, but the site ships no copy of "
                f"{match['name']!r}; add it to package.json and alliance_atlas/vendor.py"
            )
        _check_version(package, match["version"], match[0], page)
        path = _shipped_path(package, (match["path"] or "").lstrip("/"), match[0], page)
        if match["noext"]:
            # RequireJS appends `.js` itself to paths declared with `?noext`.
            path = path.removesuffix(".js")
        return f"{vendor_prefix}/{package.name}/{path}"

    if any(host in html for host in _CDN_HOSTS):
        html = CDN_URL.sub(local, html)
    leftover = OTHER_CDN.search(html) if any(host in html for host in _OTHER_HOSTS) else None
    if leftover:
        raise OfflineAssetError(f"{page or 'a page'} loads {leftover[0]!r} from a third-party host")
    return html


def copy_vendor_assets(node_modules: Path, site_dir: Path) -> list[Path]:
    """Copy the shipped files of each pinned package into the built site."""
    if not node_modules.is_dir():
        raise OfflineAssetError(f"{node_modules} is missing: run `npm ci` (the README's commands do)")
    copied = []
    for package in SHIPPED:
        source_root = node_modules / package.name
        _check_installed_version(package, source_root)
        for relative in package.files:
            source = source_root / relative
            target = site_dir / VENDOR_DIR / package.name / relative
            if not source.exists():
                raise OfflineAssetError(f"{source} is missing from the npm package {package.name}")
            copied.extend(_copy_if_changed(source, target))
    return copied


def _check_version(package: VendorPackage, requested: str, url: str, page: str) -> None:
    wanted = requested.lstrip("^~").split(".")
    shipped = package.version.split(".")
    if shipped[: len(wanted)] != wanted:
        raise OfflineAssetError(
            f"{page or 'a page'} loads {url!r}, but the site ships {package.name} {package.version}"
        )


def _shipped_path(package: VendorPackage, path: str, url: str, page: str) -> str:
    if not path:
        return package.entry
    for shipped in package.files:
        if path == shipped or PurePosixPath(path).is_relative_to(shipped):
            return path
    raise OfflineAssetError(f"{page or 'a page'} loads {url!r}, a file the site does not ship")


def _check_installed_version(package: VendorPackage, source_root: Path) -> None:
    import json

    manifest = source_root / "package.json"
    if not manifest.exists():
        raise OfflineAssetError(f"npm package {package.name} is not installed: run `npm ci`")
    installed = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    if installed != package.version:
        raise OfflineAssetError(
            f"node_modules has {package.name} {installed}, but vendor.py pins {package.version}: run `npm ci`"
        )


def _copy_if_changed(source: Path, target: Path) -> list[Path]:
    # `mkdocs serve` rebuilds often; skipping unchanged files keeps rebuilds quick.
    sources = [p for p in source.rglob("*") if p.is_file()] if source.is_dir() else [source]
    copied = []
    for file in sources:
        destination = target / file.relative_to(source) if source.is_dir() else target
        stat = file.stat()
        if destination.exists():
            existing = destination.stat()
            if existing.st_size == stat.st_size and existing.st_mtime >= stat.st_mtime:
                continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(file, destination)
        copied.append(destination)
    return copied
