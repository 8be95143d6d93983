"""Which pages have math, so that only they load MathJax (about 1.5 MB).

pymdownx.arithmatex (generic mode) wraps every formula of a Markdown page in an element of class
``arithmatex``, and mkdocs-jupyter does the same for a notebook's LaTeX outputs; MathJax typesets
only those elements (``math.js``). A page whose HTML has none needs no MathJax.
"""

from __future__ import annotations

from html.parser import HTMLParser

#: The page meta key the hook sets and ``overrides/main.html`` reads to add ``math.js`` to the page.
META_KEY = "atlas_math"
MATH_CLASS = "arithmatex"


def has_math(page_html: str) -> bool:
    """True when an element of ``page_html`` has the class ``arithmatex``."""
    if MATH_CLASS not in page_html:  # most pages: no need to parse
        return False
    finder = _MathFinder()
    finder.feed(page_html)
    finder.close()
    return finder.found


class _MathFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = False

    def handle_starttag(self, tag, attrs):
        if not self.found:
            classes = dict(attrs).get("class") or ""
            self.found = MATH_CLASS in classes.split()
