"""Which pages have math (and so load MathJax): decided from the HTML the build produced."""

from __future__ import annotations

from alliance_atlas.site.math_pages import has_math


def test_arithmatex_output_is_math():
    assert has_math('<p>Effect <span class="arithmatex">\\(r = .28\\)</span></p>')
    assert has_math('<div class="jp-RenderedLatex"><div class="arithmatex x">\\[d\\]</div></div>')


def test_the_word_alone_is_not_math():
    assert not has_math("<p>The arithmatex extension renders formulas.</p>")
    assert not has_math('<p class="arithmatexish">no</p>')
    assert not has_math("<p>No formula here.</p>")
