"""Find what a built page would fetch from a host other than its own."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from support.htmlscan import ScannedPage

# Links a reader follows may point anywhere; these `rel` values name pages, not resources.
NAVIGATION_RELS = {"canonical", "alternate", "license", "author", "me", "next", "prev", "help", "external", "noopener", "noreferrer"}
RESOURCE_ATTRIBUTES = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")
SCRIPT_FETCH = re.compile(
    r"""(?:fetch|import|importScripts|new\s+(?:Shared)?Worker|loadPyodide\s*\(\s*\{[^}]*indexURL\s*:)\s*\(?\s*['"`]((?:https?:)?//[^'"`]+)"""
)
KNOWN_CDNS = re.compile(r"(?:cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|fonts\.googleapis\.com|fonts\.gstatic\.com|esm\.sh|cdn\.skypack\.dev)")


def is_third_party(url: str, own_origin: str) -> bool:
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    if parts.scheme in ("", "data", "blob", "about", "javascript", "mailto"):
        return False
    return f"{parts.scheme}://{parts.netloc}" != own_origin


def third_party_resources(page: ScannedPage, own_origin: str) -> list[str]:
    """Every resource a page references from another origin, as `tag[attr]=url`."""
    found = []
    for tag, attributes in page.tags:
        names = RESOURCE_ATTRIBUTES.get(tag, ())
        if tag == "link":
            rels = set(attributes.get("rel", "").lower().split())
            if not rels or not rels <= NAVIGATION_RELS:
                names = ("href", "imagesrcset")
        for name in names:
            for url in _urls(attributes.get(name, ""), srcset=name.endswith("srcset")):
                if is_third_party(url, own_origin):
                    found.append(f"<{tag} {name}={url}>")
    for css in page.inline_styles:
        for match in CSS_URL.finditer(css):
            url = match.group(1) or match.group(2)
            if is_third_party(url, own_origin):
                found.append(f"css url({url})")
    for script in page.inline_scripts:
        found.extend(f"script fetches {url}" for url in SCRIPT_FETCH.findall(script))
        found.extend(f"script names CDN {m}" for m in KNOWN_CDNS.findall(script))
    return found


def third_party_in_asset(text: str, own_origin: str, *, css: bool) -> list[str]:
    if css:
        return [
            url for match in CSS_URL.finditer(text)
            if is_third_party(url := (match.group(1) or match.group(2)), own_origin)
        ]
    return SCRIPT_FETCH.findall(text) + KNOWN_CDNS.findall(text)


def _urls(value: str, *, srcset: bool) -> list[str]:
    if not value:
        return []
    if srcset:
        return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]
    return [value]
