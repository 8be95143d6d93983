"""Guard (e): every internal link and anchor of the built site resolves."""

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from support.htmlscan import scan_file
from support.sitebuild import built_pages, page_url_path

OWN_ORIGIN = "http://127.0.0.1:8000"
LINK_ATTRIBUTES = {"a": "href", "link": "href", "area": "href"}


def _target_file(site_dir: Path, url_path: str) -> Path | None:
    candidate = site_dir / unquote(url_path)
    if url_path == "" or url_path.endswith("/"):
        candidate = candidate / "index.html"
    if candidate.is_file():
        return candidate
    if (candidate / "index.html").is_file():
        return candidate / "index.html"
    return None


def broken_internal_links(site_dir: Path) -> list[str]:
    broken = []
    ids_cache: dict[Path, set[str]] = {}
    pages = built_pages(site_dir)
    for page in pages:
        scanned = scan_file(page)
        ids_cache.setdefault(page, scanned.ids)
        base = f"{OWN_ORIGIN}/{page_url_path(site_dir, page)}"
        for tag, attributes in scanned.tags:
            href = attributes.get(LINK_ATTRIBUTES.get(tag, ""), "")
            if not href or href.startswith(("mailto:", "javascript:", "data:", "tel:")):
                continue
            if tag == "link" and not {"canonical", "next", "prev", "alternate"} & set(attributes.get("rel", "").split()):
                continue
            absolute = urljoin(base, href)
            parts = urlsplit(absolute)
            if f"{parts.scheme}://{parts.netloc}" != OWN_ORIGIN:
                continue
            target = _target_file(site_dir, parts.path.lstrip("/"))
            where = f"{page.relative_to(site_dir).as_posix()} -> {href}"
            if target is None:
                broken.append(f"{where} (no such page)")
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in ids_cache:
                    ids_cache[target] = scan_file(target).ids
                if unquote(parts.fragment) not in ids_cache[target]:
                    broken.append(f"{where} (no such anchor)")
    return broken


def test_every_internal_link_and_anchor_resolves(site_dir):
    assert broken_internal_links(site_dir) == []


def test_checker_reports_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<h2 id="here">x</h2><a href="a/">ok</a><a href="#here">ok</a>'
                                         '<a href="gone/">bad</a><a href="a/#nowhere">bad</a>')
    (tmp_path / "a" / "index.html").write_text('<a href="../#here">ok</a><a href="https://example.org/">out</a>')
    assert broken_internal_links(tmp_path) == [
        "index.html -> gone/ (no such page)",
        "index.html -> a/#nowhere (no such anchor)",
    ]
