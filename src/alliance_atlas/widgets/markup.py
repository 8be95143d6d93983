"""HTML of the trajectory widgets, expanded from shortcodes in page Markdown.

A page asks for a widget with an HTML comment on a line of its own::

    <!-- atlas:explorer preset="v-rupture" -->
    <!-- atlas:analyser -->

``expand_shortcodes`` swaps each for a placeholder ``<div>`` (so that Markdown
and the citation engine never see the widget's HTML) and returns the widget
HTML to put in its place with ``fill_slots`` once the page is HTML.

Each widget's first chart is computed here, at build time, by the same
``api`` functions the browser calls later: the Vega-Lite spec (in a
``data-atlas-spec`` attribute, drawn with Vega once Python is ready), the
plain-language description and the data as a table. The page is therefore readable before Pyodide is ready and stays so
if WebAssembly fails. Everything that comes from data is escaped; the HTML is
produced on one line per element so no Markdown rule can touch it.

Every name the page script looks for comes from ``contract``. Each widget is built once as a
``Widget`` (``parts``): its live HTML, the chart specs that await a static SVG, and the print version the course
pack shows in its place; nothing here reads rendered HTML back. The widgets themselves are built in
``explorer_markup`` and ``analyser_markup``.

Pure functions: no MkDocs, no files.
"""

from __future__ import annotations

import inspect
import re
from typing import Callable

from alliance_atlas.site.fences import fenced_ranges
from alliance_atlas.widgets.analyser_markup import analyser
from alliance_atlas.widgets.explorer_markup import explorer
from alliance_atlas.widgets.parts import Widget, WidgetError, attr

SHORTCODE = re.compile(r"^<!--\s*atlas:(?P<name>[\w-]+)(?P<attrs>(?:\s+[\w-]+\s*=\s*\"[^\"]*\")*)\s*-->[ \t]*$", re.MULTILINE)
_ATTRIBUTE = re.compile(r"([\w-]+)\s*=\s*\"([^\"]*)\"")
_ANY_SHORTCODE = re.compile(r"^[ \t]*<!--\s*atlas:(?P<name>[^\s>]*)", re.MULTILINE)
SLOT = '<div class="atlas-widget-slot" data-atlas-slot="{slot}"></div>'
#: Around each widget in the rendered page, so that the course pack can put the print version in its place.
WIDGET_START = "<!-- atlas-widget {widget_id} -->"
WIDGET_END = "<!-- /atlas-widget {widget_id} -->"
#: A first widget within this many words of the page's start is near the first screen (``near_the_top``): some
#: 40 lines of prose, where the widget starts Python within 600 px of the viewport anyway.
EARLY_WORDS = 300
#: Right after each live widget (``fill_slots``); python-runtime.js knows it by its place, after a widget.
BOOT_SCRIPT = '<script src="{src}"></script>'

# ----------------------------------------------------------------------------------------------
# Shortcodes

def expand_shortcodes(markdown: str, *, page: str = "") -> tuple[str, dict[str, Widget]]:
    """Replace each widget shortcode with a placeholder; return the Markdown and the widgets' HTML.

    Shortcodes inside fenced code blocks are left alone, so documentation can show them.
    """
    if "atlas:" not in markdown:
        # Neither a shortcode nor a malformed one (both patterns need this text): most pages, done at C speed
        # rather than by two line-by-line regex scans and a search for fences.
        return markdown, {}
    where = f"{page}: " if page else ""
    fenced = fenced_ranges(markdown)
    slots: dict[str, Widget] = {}
    counts: dict[str, int] = {}

    def replace(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in fenced):
            return match[0]
        name = match["name"]
        renderer = RENDERERS.get(name)
        if renderer is None:
            raise WidgetError(f"{where}unknown shortcode 'atlas:{name}'; known: {', '.join(sorted(RENDERERS))}")
        attributes = dict(_ATTRIBUTE.findall(match["attrs"]))
        counts[name] = counts.get(name, 0) + 1
        widget_id = f"atlas-{name}-{counts[name]}"
        allowed = _attribute_names(renderer)
        unknown = sorted(set(attributes) - set(allowed))
        if unknown:
            raise WidgetError(
                f"{where}shortcode 'atlas:{name}' has an unknown attribute {unknown[0]!r} in {match[0]!r}; "
                f"allowed: {', '.join(allowed) or 'none'}"
            )
        try:
            slots[widget_id] = renderer(widget_id, **attributes)
        except WidgetError as error:
            raise WidgetError(f"{where}{error}") from None
        return "\n" + SLOT.format(slot=widget_id) + "\n"

    expanded = SHORTCODE.sub(replace, markdown)
    _check_no_malformed(expanded, fenced_source=markdown, where=where)
    return expanded, slots


def near_the_top(markdown: str) -> bool:
    """Whether the page's first widget comes within ``EARLY_WORDS`` words of its start, so that it is in view, or
    nearly, as the page opens: such a page starts Python from its head, before the page is even read."""
    match = next((m for m in SHORTCODE.finditer(markdown)
                  if not any(start <= m.start() < end for start, end in fenced_ranges(markdown))), None)
    return match is not None and len(markdown[:match.start()].split()) <= EARLY_WORDS


def fill_slots(page_html: str, slots: dict[str, Widget], *, runtime_url: str | None = None) -> str:
    """Put each widget's HTML, between its markers, where ``expand_shortcodes`` left its placeholder.

    With ``runtime_url`` (the page-relative address of python-runtime.js), that script also follows each widget:
    the parser runs it there (fetched on its own: the site's bundle, which also holds it, comes at the page's
    end), and it starts Python when the widget before it is near the viewport, instead of after every page
    script (the theme's first). Not ``async``: an async script waits for the next task, which the parser gives to the theme's script first.
    """
    boot = BOOT_SCRIPT.format(src=attr(runtime_url)) if runtime_url else ""
    for widget_id, widget in slots.items():
        filled = WIDGET_START.format(widget_id=widget_id) + widget.html + boot + WIDGET_END.format(widget_id=widget_id)
        page_html = page_html.replace(SLOT.format(slot=widget_id), filled, 1)
    return page_html


def _check_no_malformed(markdown: str, *, fenced_source: str, where: str) -> None:
    """A shortcode that did not match (not alone on its line, bad quoting) is an error, not silent text."""
    fenced = fenced_ranges(markdown)
    for match in _ANY_SHORTCODE.finditer(markdown):
        if any(start <= match.start() < end for start, end in fenced):
            continue
        line = markdown[match.start(): markdown.find("\n", match.start()) if "\n" in markdown[match.start():] else None]
        raise WidgetError(
            f"{where}cannot read the shortcode {line.strip()!r}: write it alone on its line, "
            'as <!-- atlas:NAME attribute="value" -->'
        )


def _attribute_names(renderer: Callable[..., Widget]) -> list[str]:
    return [name for name in inspect.signature(renderer).parameters if name != "widget_id"]


#: Shortcode name -> the function that builds the widget (its keyword arguments are the shortcode's attributes).
RENDERERS: dict[str, Callable[..., Widget]] = {
    "explorer": explorer,
    "analyser": analyser,
}
