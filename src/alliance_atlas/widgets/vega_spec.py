"""Name every dataset of a widget's Vega-Lite chart, so the page can feed a drawn chart new data.

A slider that keeps the chart's structure (the same layers, axes and legend) changes only the values.
With each inline dataset named, the page hands them straight to the live Vega view
(``view.data(name, values)``), without compiling the Vega-Lite spec again for each move: Vega-Lite keeps
a named inline dataset's name in the Vega spec it compiles. The page reads the names from the spec itself,
so no name is shared by heart. Standard library only (shipped to the browser with the API).
"""

from __future__ import annotations

from typing import Any

#: The chart's own data (every session's score and fitted value).
SERIES = "series"


def name_datasets(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` with its top-level data named ``series`` and each layer's own data ``layer<i>``; a new dict."""
    named = dict(spec)
    if "values" in named.get("data", {}):
        named["data"] = {"name": SERIES, **named["data"]}
    if "layer" in named:
        named["layer"] = [
            {**layer, "data": {"name": f"layer{index}", **layer["data"]}} if "values" in layer.get("data", {}) else layer
            for index, layer in enumerate(named["layer"])
        ]
    return named
