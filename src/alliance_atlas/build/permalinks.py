"""Links that never break: the registry of every published address, and the check that none disappears.

``permalinks.txt`` (at the repository's root) lists, sorted, one per line:

- every page of the built site, by the URL path a reader uses (``concept/origins/``; the home page is ``/``),
  generated pages included (``references/<key>/``, reading lists), since reference keys and topic slugs are permanent;
- every published file outside the theme's assets: the downloads (``downloads/...``) and the notebooks' downloads;
- ``page#anchor`` for every explicit anchor: the ``{#id}`` attribute lists of the page's source in ``docs/``, the
  fixed headings hooks add (``#references``, ``#cite-this-page``), and the ids of generated pages' ``<h1>``, ``<h2>``
  and ``<section>`` elements, except ids with ``--``, which the course pack derives from other pages' headings, and
  ids starting ``atlas-``, which name the site's components (the reading-list tray, say), not sections.
  Headings without an explicit id are not promised: their ids follow their text.

Not listed: ``assets/`` (the theme's and libraries' files), the search index, the sitemaps and ``404.html``.

Adding is free: after adding pages, run ``python -m alliance_atlas.build.permalinks update site/`` (after a build) and
commit the new lines. Removing is not: ``check`` (and ``tests/built_site/test_permalinks.py``) fails for a registered
address the site no longer publishes, unless a redirect in ``mkdocs.yml`` (the ``redirects`` plugin's
``redirect_maps``) sends it to a page that exists, with the anchor, or an alias keeps the anchor in place.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

REGISTRY_NAME = "permalinks.txt"
HOME = "/"
HEADER = (
    "# Every published address of Alliance Atlas: pages, downloads, and page#anchor for explicit anchors.\n"
    "# Keep it sorted. Adding: build the site, then `python -m alliance_atlas.build.permalinks update site/`.\n"
    "# Removing: never; add a redirect in mkdocs.yml (redirects: redirect_maps: old.md: new.md) or restore the anchor.\n"
)
#: Built files that are not addresses anyone links to.
UNLISTED_TOP = ("assets", "search")
UNLISTED_FILES = {"404.html", "sitemap.xml", "sitemap.xml.gz"}
#: Headings that hooks add to hand-written pages, with fixed ids.
HOOK_ANCHORS = ("references", "cite-this-page")
#: In an id of a generated page, marks one derived from another page's heading (the course pack's chapters).
DERIVED_ID_MARK = "--"
#: Ids of the site's components (widgets, the reading-list tray), which are not anchors anyone links to.
COMPONENT_ID_PREFIX = "atlas-"
_ATTR_LIST_ID = re.compile(r"\{[^{}\n]*?#([A-Za-z][\w:.-]*)[^{}\n]*\}")
_PAGE_SOURCES = (".md", ".ipynb")


# ----------------------------------------------------------------------------------------------
# The built site

@dataclass
class PageIds:
    """The ids of a built page (any element's id, and ``<a name>``) and the ids of its h1, h2 and section elements."""

    ids: set[str]
    heading_ids: list[str]


class _IdScanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = PageIds(set(), [])

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if attributes.get("id"):
            self.page.ids.add(attributes["id"])
            if tag in ("h1", "h2", "section"):
                self.page.heading_ids.append(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.page.ids.add(attributes["name"])


def scan_ids(text: str) -> PageIds:
    scanner = _IdScanner()
    scanner.feed(text)
    scanner.close()
    return scanner.page


def url_path(relative: str) -> str:
    """The address of a built file: ``a/index.html`` -> ``a/``, ``index.html`` -> ``/``, files as they are."""
    if relative == "index.html":
        return HOME
    if relative.endswith("/index.html"):
        return relative.removesuffix("index.html")
    return relative


def published_files(site_dir: Path) -> dict[str, Path]:
    """Every listed address of a built site, with its file."""
    found = {}
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(site_dir).as_posix()
        if relative.split("/", 1)[0] in UNLISTED_TOP or relative in UNLISTED_FILES:
            continue
        found[url_path(relative)] = path
    return found


def site_index(site_dir: Path) -> dict[str, set[str]]:
    """Address -> the ids its page defines (empty for downloads): what the comparison needs of a built site."""
    index = {}
    for address, path in published_files(site_dir).items():
        index[address] = scan_ids(path.read_text(encoding="utf-8")).ids if path.suffix == ".html" else set()
    return index


def page_source(docs_dir: Path, address: str) -> Path | None:
    """The hand-written source of a page, if it has one (generated pages have none)."""
    stem = "" if address == HOME else address.rstrip("/")
    candidates = [f"{stem}/index", stem] if stem else ["index"]
    for candidate in candidates:
        for suffix in _PAGE_SOURCES:
            path = docs_dir / (candidate.lstrip("/") + suffix)
            if candidate and path.is_file():
                return path
    return None


def explicit_anchors(page: PageIds, source_text: str | None) -> list[str]:
    """The anchors a page promises: ids written in its source's attribute lists, and the hooks' fixed headings,
    that the built page has; for a generated page (no source), the ids of its h1, h2 and section elements
    (``--`` marks an id derived from another page's heading, as in the course pack: not promised)."""
    if source_text is None:
        return sorted({anchor for anchor in page.heading_ids
                       if DERIVED_ID_MARK not in anchor and not anchor.startswith(COMPONENT_ID_PREFIX)})
    written = set(_ATTR_LIST_ID.findall(source_text)) | set(HOOK_ANCHORS)
    return sorted(written & page.ids)


def registry_lines(site_dir: Path, docs_dir: Path) -> list[str]:
    """Every address and explicit anchor a built site publishes, sorted: the registry's lines."""
    lines = set()
    for address, path in published_files(site_dir).items():
        lines.add(address)
        if path.suffix != ".html":
            continue
        page = scan_ids(path.read_text(encoding="utf-8"))
        if _is_redirect_stub(path):
            continue
        source = page_source(docs_dir, address)
        text = source.read_text(encoding="utf-8") if source else None
        lines.update(f"{address}#{anchor}" for anchor in explicit_anchors(page, text))
    return sorted(lines)


def _is_redirect_stub(path: Path) -> bool:
    head = path.read_text(encoding="utf-8")[:2000]
    return 'http-equiv="refresh"' in head and "Redirecting" in head


# ----------------------------------------------------------------------------------------------
# The registry and the redirects

def read_registry(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def write_registry(path: Path, lines: list[str]) -> None:
    path.write_text(HEADER + "".join(f"{line}\n" for line in sorted(set(lines))), encoding="utf-8")


def source_url(source: str) -> str:
    """mkdocs-redirects' keys and values are source paths: ``a/b.md`` -> ``a/b/``, ``a/index.md`` -> ``a/``."""
    path, _, fragment = source.partition("#")
    if urlsplit(path).scheme:
        return source
    for suffix in _PAGE_SOURCES:
        if path.endswith(suffix):
            path = path.removesuffix(suffix)
            path = path.removesuffix("index") if path == "index" or path.endswith("/index") else path + "/"
            break
    address = path.lstrip("/") or HOME
    return f"{address}#{fragment}" if fragment else address


def redirects_from_config(config_file: Path) -> dict[str, str]:
    """Old address -> new address, from the ``redirects`` plugin's ``redirect_maps`` in ``mkdocs.yml``."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV and friends
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader) or {}
    maps = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "redirects" in plugin:
            maps.update((plugin["redirects"] or {}).get("redirect_maps") or {})
    return {source_url(str(old)): source_url(str(new)) for old, new in maps.items()}


# ----------------------------------------------------------------------------------------------
# The comparison

def missing(registry: list[str], site: dict[str, set[str]], redirects: dict[str, str]) -> list[str]:
    """What the registry promises and the site no longer keeps, each with what to do about it.

    ``site`` maps each published address to its page's ids (see ``site_index``); ``redirects`` maps old
    addresses to new ones (see ``redirects_from_config``). New addresses in ``site`` are fine.
    A redirected page carries its anchor along (mkdocs-redirects keeps the ``#fragment``), so the anchor
    must exist on the new page.
    """
    problems = []
    for line in registry:
        address, _, anchor = line.partition("#")
        target, followed = _follow(address, redirects)
        if urlsplit(target).scheme:
            continue  # redirected off the site: the redirect's owner vouches for it
        target_address, _, target_anchor = target.partition("#")
        if target_address not in site:
            if followed:
                problems.append(f"{line}: redirected to {target_address}, which the site does not publish: "
                                f"fix the redirect in mkdocs.yml (redirects: redirect_maps) or restore {target_address}")
            else:
                problems.append(f"{line}: no longer published: add a redirect in mkdocs.yml (redirects: redirect_maps): "
                                f"{_source_hint(address)} -> <new page>.md, or restore the page")
            continue
        if not anchor:
            continue
        wanted = target_anchor or anchor
        if wanted not in site[target_address]:
            where = f"{target_address} (where {address} now redirects)" if followed else address
            problems.append(f"{line}: the anchor #{wanted} is gone from {where}: restore the anchor "
                            f"(`{{#{wanted}}}` on its heading) or keep an alias with that id where the section now is "
                            f"(`[](){{#{wanted}}}` or `<a id=\"{wanted}\"></a>`), or add a redirect in mkdocs.yml "
                            f"(redirects: redirect_maps) to a page that has it")
    return problems


def _follow(address: str, redirects: dict[str, str]) -> tuple[str, bool]:
    seen = set()
    current, followed = address, False
    while current.partition("#")[0] in redirects and current not in seen:
        seen.add(current)
        base, _, fragment = current.partition("#")
        nxt = redirects[base]
        current = nxt if "#" in nxt or not fragment else f"{nxt}#{fragment}"
        followed = True
    return current, followed


def _source_hint(address: str) -> str:
    if address == HOME:
        return "index.md"
    if address.endswith("/"):
        return f"{address.rstrip('/')}.md (or {address}index.md)"
    return address


def check(site_dir: Path, registry_file: Path, config_file: Path) -> list[str]:
    return missing(read_registry(registry_file), site_index(site_dir), redirects_from_config(config_file))


def update(site_dir: Path, registry_file: Path, config_file: Path, docs_dir: Path) -> tuple[list[str], list[str]]:
    """Add what the site publishes to the registry; never drop a line. Returns (added lines, problems);
    with problems, nothing is written."""
    existing = read_registry(registry_file) if registry_file.exists() else []
    problems = missing(existing, site_index(site_dir), redirects_from_config(config_file)) if existing else []
    if problems:
        return [], problems
    current = registry_lines(site_dir, docs_dir)
    added = sorted(set(current) - set(existing))
    write_registry(registry_file, existing + current)
    return added, []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m alliance_atlas.build.permalinks", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("check", "update"),
                        help="check: every registered address is still published; update: add new addresses")
    parser.add_argument("site_dir", type=Path, help="the built site (mkdocs build --site-dir ...)")
    parser.add_argument("--registry", type=Path, default=Path(REGISTRY_NAME))
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--docs", type=Path, default=Path("docs"))
    args = parser.parse_args(argv)
    if args.command == "check":
        problems = check(args.site_dir, args.registry, args.config)
        added = []
    else:
        added, problems = update(args.site_dir, args.registry, args.config, args.docs)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} published address(es) would break; nothing was written.", file=sys.stderr)
        return 1
    if args.command == "update":
        print(f"{args.registry}: {len(added)} address(es) added")
        for line in added:
            print(f"  + {line}")
    else:
        print(f"{args.registry}: every address is still published")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
