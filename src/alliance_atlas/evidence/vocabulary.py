"""The evidence file's controlled values and the names the page script shares with the HTML.

Areas, formats, populations and metrics are closed lists: a value outside them is an error in
``bibliography/effects.csv``. The filter names are the contract between the Python that writes the
evidence map (select elements, table rows, Vega-Lite parameters) and ``evidence-map.js``, which
only reads them from the page. Standard library only.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

#: Columns of the evidence file, in order.
COLUMNS: tuple[str, ...] = (
    "id", "key", "area", "association", "population", "format", "k", "n", "n_qualifier", "n_unit",
    "metric", "effect", "ci_low", "ci_high", "ci_level", "also_metric", "also_effect", "note",
)

#: Area slug -> (label, the site page of that area, relative to docs/).
AREAS: Mapping[str, tuple[str, str]] = MappingProxyType({
    "outcomes": ("Alliance and outcome", "outcomes/index.md"),
    "rupture-repair": ("Rupture and repair", "rupture-repair/index.md"),
    "therapist": ("Therapist factors", "therapist/index.md"),
    "monitoring": ("Monitoring and feedback", "monitoring/index.md"),
    "religion": ("Religion and spirituality", "religion/index.md"),
    "culture": ("Culture", ""),
})

FORMATS: Mapping[str, str] = MappingProxyType({
    "individual": "Individual therapy",
    "internet": "Internet-delivered therapy",
    "couple-family": "Couple and family therapy",
    "group": "Group therapy",
    "mixed": "Mixed or not reported",
})

POPULATIONS: Mapping[str, str] = MappingProxyType({
    "adults": "Adults",
    "youth": "Children and adolescents",
    "trainees": "Therapists in training",
    "mixed": "Mixed or not reported",
})

#: Metric -> (symbol as printed in italics, name, value of no effect, bounded by 1 in absolute value).
METRICS: Mapping[str, tuple[str, str, float, bool]] = MappingProxyType({
    "r": ("r", "Correlation r", 0.0, True),
    "d": ("d", "Standardised mean difference d", 0.0, False),
    "g": ("g", "Hedges' g", 0.0, False),
    "OR": ("OR", "Odds ratio", 1.0, False),
})

N_QUALIFIERS: frozenset[str] = frozenset({"", "more than"})

#: The filters of the evidence map: name -> (label, values). The name is at once the select's
#: ``data-atlas-filter``, the table rows' ``data-<name>`` attribute, the Vega-Lite parameter
#: and the field of the chart's data.
FILTERS: Mapping[str, tuple[str, Mapping[str, object]]] = MappingProxyType({
    "area": ("Area", AREAS),
    "format": ("Format", FORMATS),
    "population": ("Population", POPULATIONS),
})

#: The value of a filter that keeps every row.
ALL = "all"


def area_label(slug: str) -> str:
    return AREAS[slug][0]


def filter_value_label(name: str, value: str) -> str:
    values = FILTERS[name][1]
    label = values[value]
    return label[0] if isinstance(label, tuple) else str(label)
