"""Mini-sites built with --strict through the evidence hook: shortcodes, citations, and errors that stop the build."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.build


def test_shortcodes_render_and_the_table_cites_through_the_citation_engine(mini_site):
    result = mini_site("evidence")
    assert result.ok, result.output[-3000:]
    page = (result.site_dir / "index.html").read_text(encoding="utf-8")
    assert '<span class="atlas-effect" data-atlas-effect="repair"><i>r</i> = .29, 95% CI &#91;.10, .47&#93;, <i>k</i> = 11</span>' in page
    table = page[page.index("<table data-atlas-evidence-table>"):page.index("</table>")]
    assert "<caption>Two pooled effects." in table
    # Each row names its work as a citation linked to the work's reference page.
    links = re.findall(r'<a class="citation"[^>]* href="([^"]+)"', table)
    assert links == ["references/safran1996resolution/", "references/richards1997spiritual/"]
    references = page[page.index('id="references"'):]
    assert re.findall(r'<li id="ref-([^"]+)"', references) == ["richards1997spiritual", "safran1996resolution"]
    # Escaped: the <b> in the association is text, the @ in the note is no citation.
    assert "&lt;b&gt;bold&lt;/b&gt;" in table and "safran2002repairing" not in references
    assert "atlas:effects ids=&quot;shown-as-code&quot;" in page


def test_a_bad_evidence_file_stops_the_build_naming_file_and_line(mini_site):
    result = mini_site("evidence_bad_file")
    assert not result.ok
    assert "ci-excludes-estimate.csv:3: the interval [0.30, 0.45] does not contain the estimate 0.26" in result.output


def test_an_unknown_effect_id_stops_the_build_naming_the_page(mini_site):
    result = mini_site("evidence_unknown_id")
    assert not result.ok
    assert "docs/index.md:4: unknown effect id 'repiar' (not in the evidence file); closest: repair" in result.output
