"""The evidence map: filters, the forest plot, its text description and the data table.

The HTML is complete before any script runs: the table lists every effect and the description
says what the chart shows, so the page is readable if Vega never loads. ``evidence-map.js`` wires
the select elements to the chart's parameters and to the table rows, using the names in
``vocabulary.FILTERS``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Sequence

from alliance_atlas.evidence.chart import chart_rows, describe, forest_spec
from alliance_atlas.evidence.model import Effect
from alliance_atlas.evidence.render import table_html, text
from alliance_atlas.evidence.vocabulary import ALL, FILTERS, filter_value_label

MAP_CLASS = "atlas-evidence-map"
TABLE_CAPTION = "Every pooled effect reported in the atlas, from the evidence file"


def spec_attribute(spec: dict) -> str:
    """The spec as JSON for ``data-atlas-spec``, the attribute ``explainer-charts.js`` draws from."""
    return html.escape(json.dumps(spec, ensure_ascii=False, allow_nan=False, separators=(",", ":")), quote=True)


def count_sentence(shown: int, total: int) -> str:
    """The live status line; ``evidence-map.js`` writes the same words (tested in the browser)."""
    if shown == total:
        return f"Showing all {total} pooled effects."
    return f"Showing {shown} of {total} pooled effects."


def left_out_html(counts_only: Sequence[Effect]) -> str:
    """Rows that give a count but no confirmed pooled size have no place on the plot: say so, by name.

    Each work is a narrative citation (``@key``, a validated key) so it links to its reference page.
    """
    if not counts_only:
        return ""
    works = "; ".join(f"@{effect.key} on {text(effect.association[:1].lower() + effect.association[1:])}" for effect in counts_only)
    return (
        f'<p class="{MAP_CLASS}__left-out">Not mapped, because only the number of studies or participants is confirmed, '
        f"not the pooled size: {works}.</p>"
    )


def evidence_map_html(effects: Sequence[Effect], work_label: Callable[[str], str]) -> str:
    """The whole map, on one line per element so that no Markdown rule can touch it.

    Only rows with a pooled size are mapped (plot, filters and table); rows that give a count alone
    are named in one sentence under the table.
    """
    counts_only = [effect for effect in effects if not effect.has_effect]
    effects = [effect for effect in effects if effect.has_effect]
    description = describe(effects, len({effect.key for effect in effects}))
    spec = forest_spec(chart_rows(effects, work_label), description)
    return "".join([
        f'<div class="{MAP_CLASS}" data-atlas-evidence-map data-atlas-all="{ALL}">',
        _filters(effects),
        f'<p class="{MAP_CLASS}__count" role="status" aria-live="polite" data-atlas-evidence-count>{text(count_sentence(len(effects), len(effects)))}</p>',
        f'<figure class="atlas-chart-figure {MAP_CLASS}__figure" aria-labelledby="atlas-evidence-caption">',
        f'<div class="atlas-chart" data-atlas-chart="vega-lite" data-atlas-spec="{spec_attribute(spec)}">',
        '<div class="atlas-chart__view"></div></div>',
        f'<figcaption id="atlas-evidence-caption">{text(description)}</figcaption>',
        "</figure>",
        f'<p class="{MAP_CLASS}__empty" data-atlas-evidence-empty hidden>No pooled effect matches these filters.</p>',
        table_html(effects, TABLE_CAPTION),
        left_out_html(counts_only),
        "</div>",
    ])


def _filters(effects: Sequence[Effect]) -> str:
    """One labelled select per filter, listing only the values that occur in the file."""
    selects = []
    for name, (label, values) in FILTERS.items():
        present = {getattr(effect, name) for effect in effects}
        options = [f'<option value="{ALL}" selected>All</option>'] + [
            f'<option value="{text(value)}">{text(filter_value_label(name, value))}</option>'
            for value in values if value in present
        ]
        selects.append(
            f'<span class="{MAP_CLASS}__filter"><label for="atlas-evidence-{name}">{text(label)}</label> '
            f'<select id="atlas-evidence-{name}" data-atlas-filter="{name}">{"".join(options)}</select></span>'
        )
    return (
        f'<fieldset class="{MAP_CLASS}__filters"><legend>Show pooled effects by</legend>'
        + "".join(selects)
        + "</fieldset>"
    )
