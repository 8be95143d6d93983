"""What the site's search index leaves out, marked in the HTML the build produces.

Every page loads the search index, so it holds what readers search for: the prose, the headings,
each reference once (on its own page). Repeated boilerplate stays out: citation styles and BibTeX,
"Cite this page", page-end reference lists (each work has its own page), "Cited on" and related
lists, download lists, reading-list checkboxes, filter controls, and data tables that repeat a
chart's figures (the chart's text description stays). Material's search plugin skips an element
carrying ``data-search-exclude``, and a whole section when the attribute is on its heading.
"""

from __future__ import annotations

#: The attribute itself, for HTML tags: ``f'<p class="x" {EXCLUDE}>'``.
EXCLUDE = "data-search-exclude"


def excluded_heading(level: int, title: str, anchor: str) -> str:
    """A Markdown heading (attr_list) whose whole section stays out of the search index."""
    return f"{'#' * level} {title} {{#{anchor} {EXCLUDE}}}"
