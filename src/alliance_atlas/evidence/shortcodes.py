"""Expand the evidence shortcodes in a page's Markdown.

    inline, anywhere in a sentence:  <!-- atlas:effect id="fluckiger2018-overall" -->
                                      (optional show="full|estimate|value|also|k|n")
    a table, alone on its line:       <!-- atlas:effects ids="eubanks2018-repair,eubanks2018-training" -->
                                      <!-- atlas:effects area="rupture-repair" caption="..." -->
    the evidence map, alone:          <!-- atlas:evidence-map -->

An unknown id, area or attribute, or a table shortcode that is not alone on its line, is an
``EvidenceShortcodeError`` naming the page and the line. Shortcodes in fenced code are left
alone, so documentation can show them. Pure functions: no MkDocs, no files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from alliance_atlas.evidence.evidence_map import evidence_map_html
from alliance_atlas.evidence.model import Effect
from alliance_atlas.evidence.render import INLINE_PARTS, inline_html, inline_part_missing, table_html
from alliance_atlas.evidence.vocabulary import AREAS, area_label
from alliance_atlas.site.fences import fenced_ranges

NAMES = ("effect", "effects", "evidence-map")
_SHORTCODE = re.compile(r"<!--\s*atlas:(?P<name>effects|effect|evidence-map)(?P<attrs>(?:\s+[^\s=]+\s*=\s*\"[^\"]*\")*)\s*-->")
_ANY = re.compile(r"<!--\s*atlas:(?:effects?|evidence-map)\b[^\n]*")
_ATTRIBUTE = re.compile(r"([^\s=]+)\s*=\s*\"([^\"]*)\"")
_ALLOWED = {"effect": ("id", "show"), "effects": ("ids", "area", "caption"), "evidence-map": ()}


class EvidenceShortcodeError(ValueError):
    """A shortcode the build cannot expand."""


def expand(
    markdown: str,
    effects: Sequence[Effect],
    *,
    page: str,
    work_label: Callable[[str], str],
    map_href: str = "",
) -> str:
    """Replace every evidence shortcode of ``markdown`` by its HTML."""
    by_id: Mapping[str, Effect] = {effect.id: effect for effect in effects}
    fenced = fenced_ranges(markdown)

    def where(position: int) -> str:
        return f"{page}:{markdown.count(chr(10), 0, position) + 1}"

    def replace(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in fenced):
            return match[0]
        name = match["name"]
        attributes = dict(_ATTRIBUTE.findall(match["attrs"]))
        unknown = sorted(set(attributes) - set(_ALLOWED[name]))
        if unknown:
            raise EvidenceShortcodeError(
                f"{where(match.start())}: shortcode 'atlas:{name}' has an unknown attribute {unknown[0]!r}; "
                f"allowed: {', '.join(_ALLOWED[name]) or 'none'}"
            )
        if name == "effect":
            effect = _lookup(attributes.get("id", ""), by_id, where(match.start()))
            show = attributes.get("show", INLINE_PARTS[0])
            if show not in INLINE_PARTS:
                raise EvidenceShortcodeError(
                    f"{where(match.start())}: unknown show={show!r} for {effect.id!r}; use one of {', '.join(INLINE_PARTS)}"
                )
            missing = inline_part_missing(effect, show)
            if missing:
                raise EvidenceShortcodeError(f"{where(match.start())}: show={show!r} is not possible for {effect.id!r}: {missing}")
            return inline_html(effect, show)
        if not _alone_on_line(markdown, match):
            raise EvidenceShortcodeError(f"{where(match.start())}: write 'atlas:{name}' alone on its line")
        if name == "evidence-map":
            return "\n\n" + evidence_map_html(effects, work_label) + "\n\n"
        chosen, caption = _table_rows(attributes, effects, by_id, where(match.start()))
        return "\n\n" + table_html(chosen, attributes.get("caption") or caption, map_href=map_href) + "\n\n"

    _check_all_readable(markdown, fenced, page)
    return _SHORTCODE.sub(replace, markdown)


def _lookup(identifier: str, by_id: Mapping[str, Effect], where: str) -> Effect:
    if identifier not in by_id:
        import difflib

        close = difflib.get_close_matches(identifier, list(by_id), n=3)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise EvidenceShortcodeError(f"{where}: unknown effect id {identifier!r} (not in the evidence file){hint}")
    return by_id[identifier]


def _table_rows(attributes, effects, by_id, where) -> tuple[list[Effect], str]:
    if ("ids" in attributes) == ("area" in attributes):
        raise EvidenceShortcodeError(f"{where}: 'atlas:effects' needs exactly one of ids=\"...\" or area=\"...\"")
    if "area" in attributes:
        area = attributes["area"]
        if area not in AREAS:
            raise EvidenceShortcodeError(f"{where}: unknown area {area!r}; known: {', '.join(AREAS)}")
        chosen = [effect for effect in effects if effect.area == area]
        if not chosen:
            raise EvidenceShortcodeError(f"{where}: the evidence file has no effect in area {area!r}")
        return chosen, f"Pooled effects: {area_label(area)}"
    identifiers = [identifier.strip() for identifier in attributes["ids"].split(",") if identifier.strip()]
    if not identifiers:
        raise EvidenceShortcodeError(f"{where}: 'atlas:effects' has an empty ids=\"\"")
    return [_lookup(identifier, by_id, where) for identifier in identifiers], "Pooled effects from meta-analyses"


def _alone_on_line(markdown: str, match: re.Match[str]) -> bool:
    start = markdown.rfind("\n", 0, match.start()) + 1
    end = markdown.find("\n", match.end())
    line = markdown[start: len(markdown) if end == -1 else end]
    return line.strip() == match[0].strip()


def _check_all_readable(markdown: str, fenced: list[tuple[int, int]], page: str) -> None:
    """A shortcode that does not match (bad quoting, stray text) is an error, not silent text."""
    readable = {match.start() for match in _SHORTCODE.finditer(markdown)}
    for match in _ANY.finditer(markdown):
        if match.start() not in readable and not any(start <= match.start() < end for start, end in fenced):
            line = markdown.count("\n", 0, match.start()) + 1
            raise EvidenceShortcodeError(
                f"{page}:{line}: cannot read the shortcode {match[0]!r}; write it as "
                '<!-- atlas:effect id="..." --> or <!-- atlas:effects ids="..." -->'
            )
