"""Expand the trajectory widgets' shortcodes (`<!-- atlas:explorer preset="..." -->`, `<!-- atlas:analyser -->`).

The logic, and the widgets' first chart computed at build time, live in
`alliance_atlas.widget_markup`; this hook only places the HTML in the page.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from alliance_atlas.widget_markup import WidgetError, expand_shortcodes, fill_slots

_slots: dict[str, dict[str, str]] = {}


def on_pre_build(config, **kwargs):
    _slots.clear()


def on_page_markdown(markdown, page, config, files, **kwargs):
    try:
        expanded, slots = expand_shortcodes(markdown, page=f"docs/{page.file.src_uri}")
    except WidgetError as error:
        raise PluginError(str(error)) from error
    if slots:
        _slots[page.file.src_uri] = slots
    else:
        _slots.pop(page.file.src_uri, None)
    return expanded


def on_page_content(html, page, config, files, **kwargs):
    slots = _slots.get(page.file.src_uri)
    return fill_slots(html, slots) if slots else html
