"""Mark the pages that have math, so that only they load MathJax (through ``overrides/main.html``).

The script tag goes inside the page's content, which Material's instant navigation swaps in and whose
scripts it runs, so a page with math reached without a reload still typesets it.
"""

from __future__ import annotations

from alliance_atlas.site.math_pages import META_KEY, has_math


def on_page_content(html, page, config, files, **kwargs):
    page.meta[META_KEY] = has_math(html)
    return html
