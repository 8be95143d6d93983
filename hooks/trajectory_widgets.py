"""Expand the trajectory widgets' shortcodes (`<!-- atlas:explorer preset="..." -->`, `<!-- atlas:analyser -->`).

The widget slots of each page stay on the build state, where the course pack finds each widget's
print version. The logic, and the widgets' first chart computed at build time, live in
`alliance_atlas.widgets.markup`; the chart is also drawn as static SVG by
`alliance_atlas.widgets.static_svg` (Node and the site's npm Vega). This hook only places the HTML.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from alliance_atlas.site import state
from alliance_atlas.widgets.static_svg import ChartSvgError, cache_is_empty, render_svgs
from alliance_atlas.widgets.markup import expand_shortcodes, fill_slots, near_the_top
from alliance_atlas.widgets.parts import Widget, WidgetError, static_chart_specs

log = logging.getLogger("mkdocs.hooks.trajectory_widgets")
#: Also in the site's script bundle (mkdocs.yml's extra_javascript); it keeps one runtime however often it runs.
RUNTIME_SCRIPT = "assets/javascripts/python-runtime.js"


def on_pre_build(config, **kwargs):
    # With no chart drawn yet, Node loads Vega (half a second) while the build reads the bibliography.
    node_modules = Path(config["config_file_path"]).parent / "node_modules"
    if cache_is_empty(node_modules):
        try:
            state.current().charts(node_modules).start()
        except ChartSvgError as error:
            log.info("%s; the charts will be drawn in the browser only", error)


def on_page_markdown(markdown, page, config, files, **kwargs):
    try:
        expanded, slots = expand_shortcodes(markdown, page=f"docs/{page.file.src_uri}")
    except WidgetError as error:
        raise PluginError(str(error)) from error
    widget_slots = state.current().widget_slots
    if slots:
        widget_slots[page.file.src_uri] = _with_static_charts(slots, config)
        # overrides/main.html then starts Python from the page's head.
        page.meta["atlas_python_early"] = near_the_top(markdown)
    else:
        widget_slots.pop(page.file.src_uri, None)
    return expanded


def on_page_content(html, page, config, files, **kwargs):
    slots = state.current().widget_slots.get(page.file.src_uri)
    if not slots:
        return html
    return fill_slots(html, slots, runtime_url=get_relative_url(RUNTIME_SCRIPT, page.url))


def on_post_build(config, **kwargs):
    # Every page is rendered by now, so no chart (widget or question) is left to draw: end the Node process.
    state.current().close_charts()


def on_build_error(error, **kwargs):
    state.current().close_charts()


def _with_static_charts(slots: dict[str, Widget], config) -> dict[str, Widget]:
    specs = {chart_id: spec for widget in slots.values() for chart_id, spec in static_chart_specs(widget).items()}
    node_modules = Path(config["config_file_path"]).parent / "node_modules"
    try:
        svgs = render_svgs(specs, node_modules, renderer=state.current().charts(node_modules))
    except ChartSvgError as error:
        # Not fatal: the browser draws the same spec with Vega as soon as it loads.
        log.info("%s; the charts will be drawn in the browser only", error)
        svgs = {}
    return {widget_id: widget.with_static_charts(svgs) for widget_id, widget in slots.items()}
