"""The explainers' prose: original (no long run shared with the source entry), titled, cited, one sentence per line."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from alliance_atlas.bibliography.citations import find_citations
from alliance_atlas.explainers.pages import markdown_cell_sources
from support.sitebuild import REPO_ROOT

EXPLAINERS = REPO_ROOT / "docs" / "explainers"
NOTEBOOKS = sorted(EXPLAINERS.glob("*.ipynb"))
SEED_OVERLAP = REPO_ROOT.parent / "shared" / "tools" / "seed_overlap.py"


@pytest.mark.skipif(not SEED_OVERLAP.exists(), reason="the shared overlap tool is not beside this checkout")
def test_markdown_cells_share_no_run_of_12_words_with_the_source_entry(tmp_path):
    """Extract each notebook's Markdown cells to a .md file and run the overlap tool on them."""
    for path in NOTEBOOKS:
        (tmp_path / f"{path.stem}.md").write_text("\n\n".join(markdown_cell_sources(path)), encoding="utf-8")
    (tmp_path / "index.md").write_text((EXPLAINERS / "index.md").read_text(encoding="utf-8"), encoding="utf-8")
    completed = subprocess.run([sys.executable, str(SEED_OVERLAP), "--fail-at", "12", str(tmp_path)],
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stdout[-3000:]
    assert "in 4 files" in completed.stdout


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_starts_with_its_title_and_says_how_long_it_takes(path):
    first = markdown_cell_sources(path)[0]
    assert first.startswith("# ")
    assert re.search(r"\*\*Time:\*\* about \d+ minutes", first)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_cites_its_claims(path):
    keys = {item.key for source in markdown_cell_sources(path) for c in find_citations(source) for item in c.items}
    assert len(keys) >= 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_one_sentence_per_line(path):
    for source in markdown_cell_sources(path):
        for line in source.splitlines():
            # A full stop followed by a capital letter mid-line means two sentences on one line.
            prose = re.sub(r"`[^`]*`|\([^)]*\)|\b(?:e\.g|i\.e|et al|vs|p|Fig)\.", "", line)
            assert not re.search(r"[a-z0-9*)][.?!] +[A-Z]", prose), line


def test_index_links_every_explainer():
    index = (EXPLAINERS / "index.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert f"]({path.name})" in index
    assert index.count("minutes") >= 3
