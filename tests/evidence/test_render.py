"""Inline figures and tables: APA numbers, escaping, citations left to the citation engine."""

from __future__ import annotations

import re

from alliance_atlas.evidence.render import inline_html, table_html


def test_inline_full_estimate_value_and_also(valid_effects):
    repair = valid_effects[0]
    assert inline_html(repair) == (
        '<span class="atlas-effect" data-atlas-effect="repair"><i>r</i> = .29, 95% CI &#91;.10, .47&#93;, <i>k</i> = 11</span>'
    )
    assert ">" + "<i>r</i> = .29, 95% CI &#91;.10, .47&#93;<" in inline_html(repair, "estimate")
    assert inline_html(repair, "value").endswith("><i>r</i> = .29</span>")
    # d and odds ratios keep their leading zero (APA); r drops it.
    assert inline_html(repair, "also").endswith("><i>d</i> = 0.62</span>")
    assert "<i>OR</i> = 1.19, 95% CI &#91;1.03, 1.38&#93;, <i>k</i> = 58" in inline_html(valid_effects[2])


def test_an_effect_without_interval_or_k_prints_only_the_estimate(valid_effects):
    assert inline_html(valid_effects[1]).endswith("><i>d</i> = 0.26</span>")


def test_table_has_caption_headers_and_cites_each_work(valid_effects):
    table = table_html(valid_effects, "Pooled effects", map_href="../evidence/")
    assert '<caption>Pooled effects. <a href="../evidence/">' in table
    assert re.findall(r'<th scope="col">(.*?)</th>', table) == [
        "Work", "What was pooled", "Population and format", "<i>k</i>", "<i>N</i>", "Effect",
    ]
    assert re.findall(r"<td>@(\w+)</td>", table) == ["safran1996resolution", "richards1997spiritual", "safran2002repairing"]
    assert 'data-area="monitoring" data-format="group" data-population="mixed"' in table
    assert "more than 21,699 patients" in table
    assert "\n" not in table


def test_table_escapes_every_field_for_html_and_markdown(valid_effects):
    table = table_html(valid_effects, "Caption with <em> & @key")
    assert "<b>" not in table and "&lt;b&gt;bold&lt;/b&gt;" in table
    assert "Repair &amp; outcome" in table
    # An @ or * in a note must not become a citation or emphasis.
    assert "&#64;safran2002repairing" in table and "&#42;stars&#42;" in table
    assert "Caption with &lt;em&gt; &amp; &#64;key." in table
