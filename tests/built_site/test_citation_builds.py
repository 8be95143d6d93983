"""Mini-sites built with --strict, one per citation scenario, each through the project's own hooks.

Each is built once per module; they leave out the offline_assets hook, so no npm package is copied.
"""

from __future__ import annotations

import html
import re

import pytest

from alliance_atlas.bibliography.parse import load_bibliography
from support.sitebuild import REPO_ROOT

pytestmark = pytest.mark.build

BIBS = REPO_ROOT / "tests" / "fixtures" / "bib"


def paragraph_text(page_html: str, starts_with: str) -> str:
    for paragraph in re.findall(r"<p>(.*?)</p>", page_html, re.DOTALL):
        text = html.unescape(re.sub(r"<[^>]+>", "", paragraph))
        if text.startswith(starts_with):
            return text
    raise AssertionError(f"no paragraph starting {starts_with!r}")


def test_a_locator_stays_inside_the_parenthesis(mini_site):
    result = mini_site("locator")
    assert result.ok, result.output[-3000:]
    page = (result.site_dir / "index.html").read_text(encoding="utf-8")
    assert paragraph_text(page, "Ruptures can") == "Ruptures can be resolved in stages (Safran & Muran, 1996, p. 12)."
    assert 'href="references/safran1996resolution/"' in page


def test_several_keys_share_one_parenthesis_in_apa_order(mini_site):
    result = mini_site("multiple_keys")
    assert result.ok, result.output[-3000:]
    page = (result.site_dir / "index.html").read_text(encoding="utf-8")
    # Written Safran first; APA orders the works alphabetically by first author.
    assert paragraph_text(page, "Both matter") == "Both matter to the alliance (Richards & Bergin, 1997; Safran et al., 2002)."
    assert paragraph_text(page, "Safran and Muran") == "Safran and Muran (1996) described the stages."
    assert "<code>[@not_a_key]</code>" in page
    references = page[page.index('id="references"'):]
    assert [key for key in re.findall(r'<li id="ref-([^"]+)"', references)] == [
        "richards1997spiritual", "safran1996resolution", "safran2002repairing",
    ]
    assert references.count('class="Z3988"') == 3


def test_cited_on_lists_the_citing_page_and_section(mini_site):
    result = mini_site("multiple_keys")
    page = (result.site_dir / "references" / "richards1997spiritual" / "index.html").read_text(encoding="utf-8")
    cited_on = page[page.index('id="cited-on"'):page.index('id="related"')]
    assert 'href="../../"' in cited_on
    assert 'href="../../#repair-and-religion">Repair and religion</a>' in cited_on


def test_an_unknown_key_fails_the_strict_build_naming_page_key_and_closest_keys(mini_site):
    result = mini_site("unknown_key")
    assert not result.ok
    closest = load_bibliography(REPO_ROOT / "bibliography" / "alliance.bib").closest_keys("safran1996resolutoin")
    assert len(closest) == 3
    [line] = [line for line in result.output.splitlines() if "safran1996resolutoin" in line]
    assert line.startswith("WARNING")
    assert "docs/ruptures.md:3" in line
    assert all(key in line for key in closest), line
    assert "Aborted with 1 warnings in strict mode" in result.output


def test_a_broken_bib_file_fails_the_build_with_file_line_and_reason(mini_site):
    result = mini_site("bad_bib")
    assert not result.ok
    assert f"{BIBS / 'unclosed_brace.bib'}:11: greenson1965working: " in result.output
    assert "unbalanced braces" in result.output
