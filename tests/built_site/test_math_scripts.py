"""MathJax is loaded only by pages with math: math.js is in the content of exactly those pages."""

from __future__ import annotations

import re

from alliance_atlas.site.math_pages import has_math

_MATH_SCRIPT = re.compile(r'<script src="[^"]*assets/javascripts/math\.js"></script>')


def test_only_pages_with_math_load_math_js(site_dir):
    pages = sorted(site_dir.rglob("index.html"))
    assert len(pages) > 90
    wrong = []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if has_math(html) != bool(_MATH_SCRIPT.search(html)):
            wrong.append(str(path.relative_to(site_dir)))
    assert wrong == []


def test_notebook_pages_inline_no_jupyterlab_stylesheet(site_dir):
    for path in (site_dir / "explainers").glob("*/index.html"):
        html = path.read_text(encoding="utf-8")
        styles = re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.DOTALL)
        assert styles, "the notebook's code highlighting and theme variables stay"
        assert max(len(style) for style in styles) < 20_000, path
